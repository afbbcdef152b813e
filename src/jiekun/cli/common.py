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
    """Print one line of the command's own words (``jiekun.text.cli``)."""
    typer.echo(words("cli", lang)[key].format(**params), err=err)


def parse_as_of(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError.say("cli", "bad_date", value=value) from None


RosterArg = Annotated[
    Path, typer.Argument(help="花名册文件：.xlsx .xls .ods .csv .tsv .txt", show_default=False)
]
AsOf = Annotated[
    str | None,
    typer.Option("--as-of", help="统计日期 YYYY-MM-DD，用于计算年龄（默认今天）。", show_default=False),
]
RulesOpt = Annotated[
    Path | None,
    typer.Option("--rules", help="规则文件（TOML），见 jiekun rules --init。", show_default=False),
]
ProfileOpt = Annotated[
    Profile | None,
    typer.Option(
        "--profile",
        help="规则方案：survey（调研口径 245/280 元）或 dibao（低保倍数）。",
        show_default=False,
    ),
]
DibaoOpt = Annotated[
    float | None,
    typer.Option("--dibao", help="当地低保标准（元/月），用于 dibao 方案。", show_default=False),
]
SheetOpt = Annotated[
    str | None,
    typer.Option("--sheet", help="工作表名称或序号（从 1 开始）；默认第一个含花名册表头的表。"),
]
EncodingOpt = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        help="文本文件编码（默认依次尝试 UTF-8、GB18030、UTF-16）。",
        show_default=False,
    ),
]
LangOpt = Annotated[Lang, typer.Option("--lang", help="输出语言 zh 或 en。")]
JsonOpt = Annotated[bool, typer.Option("--json", help="只输出一个 JSON 对象（格式见 README）。")]
ForceOpt = Annotated[bool, typer.Option("--force", help="覆盖已存在的文件。")]
ForceOutputOpt = Annotated[bool, typer.Option("--force", help="覆盖已存在的输出文件。")]
MaskIdsWorkbookOpt = Annotated[
    bool, typer.Option("--mask-ids", help="工作簿中的身份证号打码（对外提供时使用）。")
]


def fail(message: str, lang: str | None = None, code: int = 2) -> typer.Exit:
    """Print ``错误：message`` on stderr; return the exit to raise."""
    from rich.console import Console
    from rich.markup import escape

    prefix = escape(words("cli", lang)["error"])
    Console(stderr=True, highlight=False).print(f"[bold red]{prefix}[/]{escape(message)}", soft_wrap=True)
    return typer.Exit(code)


@contextmanager
def guard(lang: str | None = None) -> Iterator[None]:
    """Run a command body; turn errors into a message in ``lang`` and exit code 2.

    jiekun's own errors say what to do; anything else is jiekun's fault and says so.
    With ``--debug`` every exception goes through with its traceback.
    """
    try:
        yield
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except JiekunError as e:
        if state["debug"]:
            raise
        raise fail(e.message(lang), lang) from None
    except Exception as e:
        if state["debug"]:
            raise
        text = words("cli", lang)["internal"].format(kind=type(e).__name__, detail=e)
        raise fail(text, lang) from None


def active_rules(rules_file: Path | None, profile: Profile | None, dibao: float | None):
    from jiekun.model.rules import build_rules

    return build_rules(rules_file, profile.value if profile else None, dibao)


def run_summary(roster, rules, profile, dibao, as_of, sheet, encoding, lang, whole=False):
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
        )


def output_path(output: Path | None, as_json: bool, default) -> Path | None:
    """The workbook to write: ``-o`` if given, else none with ``--json``, else ``default()``."""
    if output is not None or as_json:
        return output
    return default()


def check_output_path(out: Path | None, force: bool, inputs: Sequence[Path]) -> None:
    """Refuse an output path before the long work starts: an input, or one that exists without --force."""
    if out is not None:
        from jiekun.io.output import check_target

        check_target(out, force=force, inputs=tuple(inputs))


def print_json(obj: object) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
