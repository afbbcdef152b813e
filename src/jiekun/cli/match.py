"""The ``match`` command: cross-check a roster with another list by ID number.

No ``from __future__ import annotations``: Typer evaluates the annotations.
"""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from jiekun.cli.common import (
    AsOf,
    DibaoOpt,
    EncodingOpt,
    ForceOutputOpt,
    JsonOpt,
    Lang,
    LangOpt,
    MaskIdsWorkbookOpt,
    ProfileOpt,
    RosterArg,
    RulesOpt,
    SheetOpt,
    active_rules,
    guard,
    output_path,
    parse_as_of,
    print_json,
    say,
)


class ReferenceKind(StrEnum):
    dibao = "dibao"
    generic = "generic"


# A Typer signature: one parameter per option; the body is short.
def match(
    roster: RosterArg,
    reference: Annotated[
        Path,
        typer.Argument(
            help="参照名单：低保名单、残联名单、上年档案等（格式要求同花名册）。",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="比对结果工作簿（默认：当前文件夹下的 <花名册名>-match.xlsx；用 --json 时只有给出 -o 才写）。",
            show_default=False,
        ),
    ] = None,
    on: Annotated[
        list[str] | None,
        typer.Option(
            "--on",
            help="身份证号所在列的列名， 自动识别选错时使用。 两个文件列名不同时 可写两次。",
            show_default=False,
        ),
    ] = None,
    reference_kind: Annotated[
        ReferenceKind | None,
        typer.Option(
            "--reference-kind",
            help="dibao（低保名单） 或 generic。 默认：文件名、工作表名 或标题含“低保”时 为 dibao。",
            show_default=False,
        ),
    ] = None,
    force: ForceOutputOpt = False,
    as_of: AsOf = None,
    rules: RulesOpt = None,
    profile: ProfileOpt = None,
    dibao: DibaoOpt = None,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
    reference_sheet: Annotated[
        str | None,
        typer.Option("--reference-sheet", help="参照名单的工作表名称或序号。", show_default=False),
    ] = None,
    reference_encoding: Annotated[
        str | None,
        typer.Option("--reference-encoding", help="参照名单（文本文件）的编码。", show_default=False),
    ] = None,
    lang: LangOpt = Lang.zh,
    mask_ids: MaskIdsWorkbookOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """按身份证号与其他部门名单比对（信息比对）。Cross-check a roster with another list by ID number.

    Joins the two by validated ID number (15-digit numbers converted; invalid
    numbers reported and never matched) and reports who is on both, only on one
    side, and where name, household size, household income, per-capita income
    (beyond 1 yuan) or employer disagree. Against a 低保 list it also flags
    listed workers not classified as hardship, and hardship workers not listed.
    Writes the sheets 比对汇总, 仅在名册, 仅在参照, 信息不一致, 待核实.

    Example:

    \b
        jiekun match samples/survey-roster.xlsx samples/dibao-reference.csv --as-of 2025-12-31
        jiekun match 花名册.xlsx 残联名单.xlsx --reference-kind generic --on 身份证号码 -o 比对.xlsx
    """
    with guard(lang):
        from jiekun.pipeline.match import match as run_match
        from jiekun.render.match import render_match
        from jiekun.render.progress import stages
        from jiekun.report.match import check_output, default_match_path, write_match

        out = output_path(output, as_json, lambda: default_match_path(roster))
        if out is not None:
            check_output(out, force=force, inputs=(roster, reference))
        active, date = active_rules(rules, profile, dibao), parse_as_of(as_of)
        with stages(lang, "match") as stage:
            result = run_match(
                roster,
                reference,
                rules=active,
                as_of=date,
                on=on,
                reference_kind=reference_kind.value if reference_kind else None,
                sheet=sheet,
                encoding=encoding,
                reference_sheet=reference_sheet,
                reference_encoding=reference_encoding,
                on_stage=stage,
            )
            if out is not None:
                stage("write")
                write_match(result, out, lang=lang.value, mask_ids=mask_ids, force=force)
        if as_json:
            print_json(result.to_json())
        else:
            render_match(result, lang.value)
            say("match_written", lang, path=out)
