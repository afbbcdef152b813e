"""The commands over several rosters: ``batch`` (a folder of months) and ``compare`` (two rosters).

Each parses its options, makes one call into the library, writes the trend
workbook and renders. No ``from __future__ import annotations``: Typer evaluates
the annotations.
"""

from pathlib import Path
from typing import Annotated

import typer

from jiekun.cli.common import (
    DibaoOpt,
    EncodingOpt,
    JsonOpt,
    Lang,
    LangOpt,
    MaskIdsWorkbookOpt,
    ProfileOpt,
    RulesOpt,
    SheetOpt,
    active_rules,
    check_output_path,
    fail,
    guard,
    output_path,
    parse_as_of,
    print_json,
    say,
)
from jiekun.text import words

Output = Annotated[
    Path | None,
    typer.Option("-o", "--output", help="工作簿路径（默认见上）。", show_default=False),
]
Force = Annotated[bool, typer.Option("--force", help="覆盖已存在的工作簿。")]
Jobs = Annotated[
    int | None,
    typer.Option("-j", "--jobs", min=1, help="同时读取的文件数（默认等于 CPU 核数）。", show_default=False),
]
AsOfAll = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="统一的年龄计算日期 YYYY-MM-DD（默认：每份花名册按其月份的月末）。",
        show_default=False,
    ),
]


# A Typer signature: one parameter per option; the body is short.
def batch(
    paths: Annotated[
        list[Path],
        typer.Argument(help="一个文件夹（每月一份花名册），或几份花名册文件。", show_default=False),
    ],
    output: Output = None,
    month: Annotated[
        list[str] | None,
        typer.Option(
            "--month",
            help="按文件顺序为每个文件指定月份 YYYY-MM（重复给出，每个文件一次），代替从文件名读取。",
            show_default=False,
        ),
    ] = None,
    month_from_name: Annotated[
        bool, typer.Option("--month-from-name", help="从文件名读取月份（默认）。")
    ] = False,
    as_of_end_of_month: Annotated[
        bool, typer.Option("--as-of-end-of-month", help="年龄按每份花名册所属月份的月末计算（默认）。")
    ] = False,
    as_of: AsOfAll = None,
    rules: RulesOpt = None,
    profile: ProfileOpt = None,
    dibao: DibaoOpt = None,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
    lang: LangOpt = Lang.zh,
    mask_ids: MaskIdsWorkbookOpt = False,
    jobs: Jobs = None,
    force: Force = False,
    as_json: JsonOpt = False,
) -> None:
    """月度批量统计：每月人数与困难职工的流动（新增、返困、脱困、离册……），写出趋势工作簿。
    Monthly statistics and hardship flows over a folder of monthly rosters.

    The month of each file comes from its name (2025-03, 2025_03, 2025.03, 202503,
    2025年3月) or from --month, given once per file in order. The workbook goes to
    <folder name>-trend.xlsx in the current folder unless -o says otherwise; with
    --json only the JSON is printed and a workbook is written only when -o is given.

    Example:

    \b
        jiekun batch samples/monthly/
        jiekun batch 1月.xlsx 2月.xlsx --month 2025-01 --month 2025-02 -o 趋势.xlsx
        jiekun batch samples/monthly/ --json
    """
    with guard(lang):
        from jiekun.pipeline.batch import batch as run_batch
        from jiekun.render.progress import files
        from jiekun.report.trend import default_trend_path

        _one_of(lang, ("--month", month), ("--month-from-name", month_from_name))
        _one_of(lang, ("--as-of", as_of), ("--as-of-end-of-month", as_of_end_of_month))
        r, date = active_rules(rules, profile, dibao), parse_as_of(as_of)
        out = output_path(output, as_json, lambda: default_trend_path(paths))
        check_output_path(out, force, [p for p in paths if not p.is_dir()])
        with files(lang) as on_file:
            series = run_batch(paths, months=month, rules=r, as_of=date, sheet=sheet, encoding=encoding,
                               workers=jobs, on_file=on_file)  # fmt: skip
        _finish(series, out, lang, mask_ids, force, as_json, lambda: series.to_json(lang.value))


# A Typer signature: one parameter per option; the body is short.
def compare(
    old: Annotated[Path, typer.Argument(help="较早的花名册（上期）。", show_default=False)],
    new: Annotated[Path, typer.Argument(help="较新的花名册（本期）。", show_default=False)],
    output: Output = None,
    as_of: AsOfAll = None,
    rules: RulesOpt = None,
    profile: ProfileOpt = None,
    dibao: DibaoOpt = None,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
    lang: LangOpt = Lang.zh,
    mask_ids: MaskIdsWorkbookOpt = False,
    force: Force = False,
    as_json: JsonOpt = False,
) -> None:
    """对比两份花名册：按身份证号列出新增、脱困、离册、加重、减轻等流动，写出对比工作簿。
    The hardship flows between two rosters, by ID number.

    Ages are taken at the end of the month in each file name (else --as-of, else
    today). The workbook goes to compare-report.xlsx in the current folder unless
    -o says otherwise; with --json one flow object is printed ("from"/"to" are the
    months, or the file names) and a workbook is written only when -o is given.

    Example:

    \b
        jiekun compare samples/monthly/2025-02.xlsx samples/monthly/2025-03.xlsx
        jiekun compare 上月.xlsx 本月.xlsx -o 变动.xlsx --json
    """
    with guard(lang):
        from jiekun.pipeline.batch import compare as run_compare
        from jiekun.render.progress import files
        from jiekun.report.trend import default_compare_path

        r, date = active_rules(rules, profile, dibao), parse_as_of(as_of)
        out = output_path(output, as_json, default_compare_path)
        check_output_path(out, force, [old, new])
        with files(lang) as on_file:
            series = run_compare(old, new, rules=r, as_of=date, sheet=sheet, encoding=encoding,
                                 on_file=on_file)  # fmt: skip
        _finish(series, out, lang, mask_ids, force, as_json, lambda: series.flows[0].to_json())


def _one_of(lang: str, a: tuple[str, object], b: tuple[str, object]) -> None:
    """Refuse two options that exclude each other."""
    if a[1] and b[1]:
        raise fail(words("cli", lang)["one_of"].format(a=a[0], b=b[0]), lang)


def _finish(
    series, out: Path | None, lang: Lang, mask_ids: bool, force: bool, as_json: bool, to_json
) -> None:
    """Write the trend workbook (when there is a path), then print the JSON or the terminal view."""
    from jiekun.render.flows import render_series, warn_untracked
    from jiekun.report.trend import write_trend_report

    if out is not None:
        write_trend_report(series, out, lang=lang.value, mask_ids=mask_ids, force=force)
    if as_json:
        print_json(to_json())
        warn_untracked(series, lang.value, written=out is not None)
        return
    render_series(series, lang.value)
    if out is not None:
        say("compare_written" if series.kind == "compare" else "batch_written", lang, path=out)
