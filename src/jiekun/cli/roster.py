"""The commands on one roster: ``summary``, ``check``, ``classify``.

Each parses its options, makes one call into the library and renders; pandas and
rich are imported inside the commands, so ``jiekun --help`` starts instantly.
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
    ProfileOpt,
    RosterArg,
    RulesOpt,
    SheetOpt,
    check_output_path,
    guard,
    print_json,
    run_summary,
    say,
)


class Detail(StrEnum):
    all = "all"
    hardship = "hardship"
    none = "none"


def summary(
    roster: RosterArg,
    as_of: AsOf = None,
    rules: RulesOpt = None,
    profile: ProfileOpt = None,
    dibao: DibaoOpt = None,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
    lang: LangOpt = Lang.zh,
    as_json: JsonOpt = False,
) -> None:
    """在终端打印调研统计表，不写任何文件。Print the survey table on the terminal.

    Example:

    \b
        jiekun summary samples/survey-roster.xlsx --as-of 2025-12-31
        jiekun summary roster.csv --profile dibao --dibao 930 --json
    """
    with guard(lang):
        result = run_summary(roster, rules, profile, dibao, as_of, sheet, encoding, lang)
        if as_json:
            print_json(result.to_json(lang.value))
        else:
            from jiekun.render.summary import render_summary

            render_summary(result, lang.value)


# A Typer signature: one parameter per option; the body is short.
def check(
    roster: RosterArg,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="把全部问题写到文件：.xlsx（问题数据表）或 .csv（带 BOM，Excel 可直接打开）。",
            show_default=False,
        ),
    ] = None,
    force: ForceOutputOpt = False,
    strict: Annotated[bool, typer.Option("--strict", help="有警告也以退出码 1 结束。")] = False,
    as_of: AsOf = None,
    rules: RulesOpt = None,
    profile: ProfileOpt = None,
    dibao: DibaoOpt = None,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
    lang: LangOpt = Lang.zh,
    as_json: JsonOpt = False,
) -> None:
    """逐行检查数据问题；有错误时退出码为 1。List every data problem, by Excel row; exit 1 on errors.

    Example:

    \b
        jiekun check samples/messy-roster.csv --as-of 2025-12-31
        jiekun check 花名册.xlsx -o 问题.csv --strict
    """
    with guard(lang):
        from jiekun.report.problems import problems_json, write_problems

        check_output_path(output, force, [roster])
        result = run_summary(roster, rules, profile, dibao, as_of, sheet, encoding, lang)
        if output is not None:
            write_problems(result, output, lang=lang.value)
        if as_json:
            print_json(problems_json(result, lang.value))
        else:
            from jiekun.render.problems import render_problems

            render_problems(result, lang.value)
            if output is not None:
                say("problems_written", lang, path=output)
        t = result.tally
        if t.problems["error"] or (strict and t.problems["warning"]):
            raise typer.Exit(1)


# A Typer signature: one parameter per option; the body is short.
def classify(
    roster: RosterArg,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="报告文件路径（默认：当前文件夹下的 <花名册名>-report.xlsx）。",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的报告文件。")] = False,
    as_of: AsOf = None,
    rules: RulesOpt = None,
    profile: ProfileOpt = None,
    dibao: DibaoOpt = None,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
    lang: LangOpt = Lang.zh,
    detail: Annotated[
        Detail,
        typer.Option("--detail", help="明细表：all 全部职工，hardship 只列困难职工，none 不要明细。"),
    ] = Detail.all,
    area: Annotated[
        str | None,
        typer.Option(
            "--area", help="文字说明中的地区称呼，如 全县、本街道（默认 全区）。", show_default=False
        ),
    ] = None,
    mask_ids: Annotated[
        bool, typer.Option("--mask-ids", help="报告中的身份证号打码（对外提供时使用）。")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """给每位职工分类，写出可打印的统计报告工作簿。Classify every worker and write the report workbook.

    Example:

    \b
        jiekun classify samples/survey-roster.xlsx --as-of 2025-12-31
        jiekun classify 花名册.xlsx -o 报告.xlsx --force --detail hardship
    """
    with guard(lang):
        from jiekun.render.progress import stages
        from jiekun.report.roster import default_report_path, write_report

        out = output or default_report_path(roster)
        check_output_path(out, force, [roster])
        result = run_summary(roster, rules, profile, dibao, as_of, sheet, encoding, lang, whole=True)
        with stages(lang) as stage:
            stage("write")
            write_report(
                result, out, lang=lang.value, detail=detail.value, mask_ids=mask_ids, force=force, area=area
            )
        if as_json:
            print_json(result.to_json(lang.value))
        else:
            from jiekun.render.summary import render_summary

            render_summary(result, lang.value)
        say("report_written", lang, err=as_json, path=out)
