"""What every command shares: option types, the error guard, rules and dates, JSON output.

No ``from __future__ import annotations`` in the command modules: Typer must see
the real option objects.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class Profile(StrEnum):
    survey = "survey"
    dibao = "dibao"


state = {"debug": bool(os.environ.get("JIEKUN_DEBUG"))}


def parse_as_of(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(f"日期应写成 YYYY-MM-DD，例如 2025-12-31（收到 '{value}'）。") from None


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


def fail(message: str, code: int = 2) -> typer.Exit:
    from rich.console import Console
    from rich.markup import escape

    Console(stderr=True, highlight=False).print(f"[bold red]错误：[/]{escape(message)}", soft_wrap=True)
    return typer.Exit(code)


def guard(fn):
    """Run a command body; turn jiekun's errors into a message and exit code 2."""
    from jiekun.errors import JiekunError

    try:
        return fn()
    except JiekunError as e:
        if state["debug"]:
            raise
        raise fail(str(e)) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as e:
        if state["debug"]:
            raise
        raise fail(
            f"jiekun 内部出错（{type(e).__name__}: {e}）。这不是你的错；"
            "请用 jiekun --debug 重新运行，并把输出报告给开发者。"
        ) from None


def active_rules(rules_file: Path | None, profile: Profile | None, dibao: float | None):
    from jiekun.model.rules import build_rules

    return build_rules(rules_file, profile.value if profile else None, dibao)


def run_summary(roster, rules, profile, dibao, as_of, sheet, encoding, lang, whole=False):
    """The shared first step of summary/classify/check, with progress on stderr.

    ``whole`` keeps every classified row in memory (the report's detail needs them).
    """
    from jiekun.pipeline.summary import summarize
    from jiekun.render.progress import label, stages

    r, date = active_rules(rules, profile, dibao), parse_as_of(as_of)
    with stages() as stage:
        return summarize(
            roster,
            rules=r,
            as_of=date,
            sheet=sheet,
            encoding=encoding,
            on_stage=lambda key: stage(label(key, lang.value)),
            chunk_rows=0 if whole else None,
        )


def output_path(output: Path | None, as_json: bool, default) -> Path | None:
    """The workbook to write: ``-o`` if given, else none with ``--json``, else ``default()``."""
    if output is not None or as_json:
        return output
    return default()


def print_json(obj: object) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
