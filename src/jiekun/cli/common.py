"""What every command shares: option types, the error guard, rules and dates, JSON output.

No ``from __future__ import annotations`` in the command modules: Typer must see
the real option objects.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from jiekun.errors import InputError, JiekunError
from jiekun.text import words


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class Profile(StrEnum):
    survey = "survey"
    dibao = "dibao"


#: ``--debug`` (or ``JIEKUN_DEBUG``): let exceptions through, with their traceback.
state = {"debug": bool(os.environ.get("JIEKUN_DEBUG"))}


def say(key: str, lang: str | None = None, err: bool = False, **params: object) -> None:
    """Print one line of the command's own words (``jiekun.text.cli``), through the console's substitutions."""
    typer.echo(words("cli", lang)[key].format(**params), file=sys.stderr if err else sys.stdout)


def parse_as_of(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError.say("cli", "bad_date", value=value) from None


# Option help lives in jiekun.text.cli (cli/help.py shows it by the parameter's name).
RosterArg = Annotated[Path, typer.Argument(show_default=False)]
AsOf = Annotated[str | None, typer.Option("--as-of", show_default=False)]
RulesOpt = Annotated[Path | None, typer.Option("--rules", show_default=False)]
ProfileOpt = Annotated[Profile | None, typer.Option("--profile", show_default=False)]
DibaoOpt = Annotated[float | None, typer.Option("--dibao", show_default=False)]
SheetOpt = Annotated[str | None, typer.Option("--sheet", show_default=False)]
EncodingOpt = Annotated[str | None, typer.Option("--encoding", show_default=False)]
MembersOpt = Annotated[Path | None, typer.Option("--members", show_default=False)]  # docs/household.md
MoreArg = Annotated[list[str] | None, typer.Argument(show_default=False)]  # docs/scale.md


class Engine(StrEnum):
    local = "local"
    dask = "dask"


EngineOpt = Annotated[Engine | None, typer.Option("--engine", show_default=False)]
SchedulerOpt = Annotated[str | None, typer.Option("--scheduler", show_default=False)]


def parse_lang(value: object) -> Lang:
    """``--lang`` and ``JIEKUN_LANG``: zh or en (``en_US`` and ``EN`` too); anything else is a usage error."""
    text = str(getattr(value, "value", value)).strip().lower()
    for lang in Lang:
        if text.startswith(lang.value):
            return lang
    raise typer.BadParameter(f"zh | en ({value!r})")


#: Every command's ``--lang``; ``JIEKUN_LANG`` when it is not given (the help reads both, see cli/help.py).
LangOpt = Annotated[Lang, typer.Option("--lang", envvar="JIEKUN_LANG", parser=parse_lang, show_envvar=False)]
JsonOpt = Annotated[bool, typer.Option("--json")]
Output = Annotated[Path | None, typer.Option("-o", "--output", show_default=False)]
ForceOpt = Annotated[bool, typer.Option("--force")]
ForceOutputOpt = ForceOpt
MaskIdsWorkbookOpt = Annotated[bool, typer.Option("--mask-ids")]

#: The exit code of a bug in jiekun (README, "Exit codes"): never 2, which is the user's input.
INTERNAL_ERROR = 3
#: An internal error's detail is cut to this many characters (it may quote a whole cell).
DETAIL_CHARS = 300


def fail(message: str, lang: str | None = None, code: int = 2) -> typer.Exit:
    """Print ``错误：message`` on stderr; return the exit to raise."""
    from rich.console import Console
    from rich.markup import escape

    prefix = escape(words("cli", lang)["error"])
    Console(stderr=True, highlight=False).print(f"[bold red]{prefix}[/]{escape(message)}", soft_wrap=True)
    return typer.Exit(code)


#: Exceptions that are not errors: exits, Ctrl-C, and click's own usage errors (it prints them, exit 2).
PASS_THROUGH = (
    SystemExit,
    KeyboardInterrupt,
    GeneratorExit,
    typer.Exit,
    typer.Abort,
    *(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"),
)


@contextmanager
def guard(lang: str | None = None) -> Iterator[None]:
    """Run a command body; turn errors into a message in ``lang``: exit 2 for jiekun's own, 3 for a bug.

    jiekun's own errors say what to do, and so does an OSError (a full disk, a file
    locked by Excel), also exit 2; anything else (a native reader's panic too,
    which is a ``BaseException``) is jiekun's fault and says so. With ``--debug``
    every exception goes through with its traceback.
    """
    try:
        yield
    except BaseException as e:
        if isinstance(e, PASS_THROUGH) or state["debug"]:
            raise
        if isinstance(e, JiekunError):
            raise fail(e.message(lang), lang) from None
        if isinstance(e, OSError):  # a full disk, a file open in Excel: the machine's trouble, not a bug
            what = ": ".join(str(x) for x in (e.filename, e.strerror or e) if x)
            raise fail(words("cli", lang)["os_error"].format(what=_cut(what)), lang) from None
        raise internal_error(e, lang) from None


def _cut(text: str) -> str:
    """``text`` on one line, at most :data:`DETAIL_CHARS` characters."""
    text = " ".join(text.split())
    return text if len(text) <= DETAIL_CHARS else text[: DETAIL_CHARS - 1] + "…"


def internal_error(e: BaseException, lang: str | None = None) -> typer.Exit:
    """Say that ``e`` is a bug in jiekun and how to report it; return the exit (:data:`INTERNAL_ERROR`)."""
    from jiekun import __version__

    detail = _cut(str(e))
    what = f"{type(e).__name__}: {detail}" if detail else type(e).__name__
    text = words("cli", lang)["internal"].format(what=what, version=__version__)
    return fail(text, lang, code=INTERNAL_ERROR)


def active_rules(rules_file: Path | None, profile: Profile | None, dibao: float | None):
    from jiekun.model.rules import build_rules

    return build_rules(rules_file, profile.value if profile else None, dibao)


def run_summary(roster, rules, profile, dibao, as_of, sheet, encoding, lang, whole=False, members=None):
    """The shared first step of summary/classify/check, with progress on stderr.

    ``whole`` keeps every classified row in memory (the report's detail needs them).
    """
    from jiekun.pipeline.summary import summarize
    from jiekun.render.progress import stages

    r, date = active_rules(rules, profile, dibao), parse_as_of(as_of)
    with stages(lang) as stage:
        return summarize(
            roster,
            rules=r,
            as_of=date,
            sheet=sheet,
            encoding=encoding,
            on_stage=stage,
            chunk_rows=0 if whole else None,
            members=members,
        )


def run_many(
    paths, engine, scheduler, rules, profile, dibao, as_of, encoding, lang, sheet=None, members=None
):
    """``summary`` of several files or a glob, as one roster (docs/scale.md)."""
    from jiekun.errors import InputError
    from jiekun.pipeline.dask_engine import summarize_many
    from jiekun.render.progress import stages

    if members is not None:
        raise InputError.say("cli", "many_files_only", option="--members")
    r, date = active_rules(rules, profile, dibao), parse_as_of(as_of)
    with stages(lang) as stage:
        stage("read")
        return summarize_many(paths, engine=str(engine or "local"), scheduler=scheduler, rules=r, as_of=date,
                              encoding=encoding, sheet=sheet)  # fmt: skip


def output_path(output: Path | None, as_json: bool, default) -> Path | None:
    """The workbook to write: ``-o`` if given, else none with ``--json``, else ``default()``."""
    if output is not None or as_json:
        return output
    return default()


#: What ``-o`` may end with, per command: the kinds of file each writes.
SUFFIXES = {
    "classify": (".xlsx",),
    "check": (".xlsx", ".csv"),
    "batch": (".xlsx",),
    "compare": (".xlsx",),
    "match": (".xlsx",),
    "template": (".xlsx",),
    "assist": (".xlsx",),
    "cards": (".docx",),
    "rules": (".toml",),
}


def check_suffix(out: Path | None, command: str | None, lang: str | None = None) -> None:
    """Refuse an output name whose suffix ``command`` does not write (``r.csv`` for a workbook), exit 2.

    A workbook named ``.xlsm`` is refused too: Excel will not open an ``.xlsm`` without macros.
    """
    accepted = SUFFIXES.get(command or "")
    if out is not None and accepted and out.suffix.lower() not in accepted:
        example = out.with_suffix(accepted[0]).name if out.name else f"out{accepted[0]}"
        text = words("cli", lang)["bad_suffix"].format(
            path=out, command=command, accepted=" / ".join(accepted), example=example
        )
        raise fail(text, lang)


def check_output_path(
    out: Path | None, force: bool, inputs: Sequence[Path], command: str | None = None, lang: str | None = None
) -> None:
    """Refuse an output path before the long work starts: a suffix ``command`` does not write
    (:data:`SUFFIXES`), an input, or one that exists without --force."""
    check_suffix(out, command, lang)
    if out is not None:
        from jiekun.io.output import check_target

        check_target(out, force=force, inputs=tuple(inputs))


def print_json(obj: object) -> None:
    """The JSON on stdout: as it is where stdout can show every character, else with ``\\u`` escapes."""
    text = json.dumps(obj, ensure_ascii=False, indent=2)
    try:
        text.encode(sys.stdout.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        text = json.dumps(obj, ensure_ascii=True, indent=2)
    sys.stdout.write(text + "\n")
