"""The ``jiekun`` command: the Typer app, its callback, and the commands registered on it.

The commands live one module per group (:mod:`jiekun.cli.roster`, :mod:`~jiekun.cli.rules`,
:mod:`~jiekun.cli.flows`, :mod:`~jiekun.cli.match`, :mod:`~jiekun.cli.template`);
they import pandas and the readers inside their bodies, so ``jiekun --help``
starts instantly.
"""

import os
from typing import Annotated

import typer

from jiekun import __version__
from jiekun.cli import flows, match, roster, rules, template
from jiekun.cli.common import state

app = typer.Typer(
    name="jiekun",
    help=(
        "解困 jiekun：工会困难职工花名册的分类与统计。\n\n"
        "Classify hardship workers (困难职工/特困职工) in union rosters (Excel/CSV) "
        "and tally them the way district survey reports do."
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback(invoke_without_command=True)
def _main(
    version: Annotated[bool, typer.Option("--version", help="显示版本号。")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="出错时显示完整的错误追踪（traceback）。")] = False,
) -> None:
    state["debug"] = debug or bool(os.environ.get("JIEKUN_DEBUG"))
    if version:
        typer.echo(f"jiekun {__version__}")
        raise typer.Exit()


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
}
for _name, _fn in COMMANDS.items():
    app.command(_name)(_fn)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
