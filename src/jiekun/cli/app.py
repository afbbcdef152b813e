"""The ``jiekun`` command: the Typer app, its callback, and the commands registered on it.

The commands live one module per group (:mod:`jiekun.cli.roster`, :mod:`~jiekun.cli.rules`,
:mod:`~jiekun.cli.flows`, :mod:`~jiekun.cli.match`, :mod:`~jiekun.cli.template`);
they import pandas and the readers inside their bodies, so ``jiekun --help``
starts instantly. Their help is written by :mod:`jiekun.cli.help` from ``jiekun.text.cli``.
"""

import os
from typing import Annotated

import typer

from jiekun import __version__
from jiekun.cli import assist, cards, flows, match, roster, rules, template
from jiekun.cli.common import Lang, LangOpt, state
from jiekun.cli.help import Command, Group

app = typer.Typer(
    name="jiekun",
    cls=Group,
    no_args_is_help=True,
    rich_markup_mode=None,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback(invoke_without_command=True)
def _main(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version")] = False,
    debug: Annotated[bool, typer.Option("--debug")] = False,
    lang: LangOpt = Lang.zh,
) -> None:
    """jiekun: classify and tally hardship workers in union rosters (help: jiekun.text.cli)."""
    state["debug"] = debug or bool(os.environ.get("JIEKUN_DEBUG"))
    if version:
        typer.echo(f"jiekun {__version__}")
        raise typer.Exit()
    if ctx.get_parameter_source("lang").name == "COMMANDLINE":  # jiekun --lang en COMMAND: the default
        ctx.default_map = {name: {"lang": lang.value} for name in COMMANDS}


#: Command name → function, in the order ``jiekun --help`` lists them.
COMMANDS = {
    "summary": roster.summary,
    "check": roster.check,
    "classify": roster.classify,
    "rules": rules.show_rules,
    "batch": flows.batch,
    "compare": flows.compare,
    "template": template.template,
    "match": match.match,
    "assist": assist.assist,
    "cards": cards.cards,
}
for _name, _fn in COMMANDS.items():
    app.command(_name, cls=Command)(_fn)


def main() -> None:
    """Console-script entry point: output that cannot fail on encoding, and no traceback for a bug."""
    from jiekun.cli.common import PASS_THROUGH, internal_error
    from jiekun.cli.console import safe_streams

    safe_streams()
    try:
        app()
    except PASS_THROUGH:
        raise
    except BaseException as e:  # outside every command's guard: parsing, help, start-up
        if state["debug"]:
            raise
        raise SystemExit(internal_error(e).exit_code) from None


if __name__ == "__main__":  # pragma: no cover
    main()
