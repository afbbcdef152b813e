"""The ``jiekun`` command: a thin Typer layer over the library.

Each command parses its options, makes one call into ``jiekun`` and renders the
result. pandas and the readers are imported inside the commands, so
``jiekun --help`` starts instantly.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from jiekun import __version__
from jiekun.cli.common import (
    AsOf,
    DibaoOpt,
    EncodingOpt,
    ForceOpt,
    ForceOutputOpt,
    JsonOpt,
    Lang,
    LangOpt,
    ProfileOpt,
    RosterArg,
    RulesOpt,
    SheetOpt,
    active_rules,
    fail,
    guard,
    print_json,
    run_summary,
    state,
)

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
    if debug:
        state["debug"] = True
    if version:
        typer.echo(f"jiekun {__version__}")
        raise typer.Exit()


@app.command()
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

        jiekun summary samples/survey-roster.xlsx --as-of 2025-12-31

        jiekun summary roster.csv --profile dibao --dibao 930 --json
    """

    def run():
        result = run_summary(roster, rules, profile, dibao, as_of, sheet, encoding, lang)
        if as_json:
            print_json(result.to_json(lang.value))
        else:
            from jiekun.render.terminal import render_summary

            render_summary(result, lang.value)

    guard(run)


@app.command()
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

        jiekun check samples/messy-roster.csv --as-of 2025-12-31

        jiekun check 花名册.xlsx -o 问题.csv --strict
    """

    def run():
        from jiekun.report.problems import problems_json, write_problems

        if output is not None:
            from jiekun.io.output import check_target

            check_target(output, force=force, inputs=(roster,))
        result = run_summary(roster, rules, profile, dibao, as_of, sheet, encoding, lang)
        if output is not None:
            write_problems(result, output, lang=lang.value)
        if as_json:
            print_json(problems_json(result, lang.value))
        else:
            from jiekun.render.terminal import render_problems

            render_problems(result, lang.value)
            if output is not None:
                typer.echo(("已写出问题清单：" if lang == Lang.zh else "Problems written: ") + str(output))
        t = result.tally
        if t.problems["error"] or (strict and t.problems["warning"]):
            raise typer.Exit(1)

    guard(run)


class Detail(StrEnum):
    all = "all"
    hardship = "hardship"
    none = "none"


@app.command()
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

        jiekun classify samples/survey-roster.xlsx --as-of 2025-12-31

        jiekun classify 花名册.xlsx -o 报告.xlsx --force --detail hardship
    """

    def run():
        from jiekun.io.output import check_target
        from jiekun.render.progress import label, stages
        from jiekun.report.roster import default_report_path, write_report

        out = output or default_report_path(roster)
        check_target(out, force=force, inputs=(roster,))
        result = run_summary(roster, rules, profile, dibao, as_of, sheet, encoding, lang, whole=True)
        with stages() as stage:
            stage(label("write", lang.value))
            write_report(
                result, out, lang=lang.value, detail=detail.value, mask_ids=mask_ids, force=force, area=area
            )
        done = ("已写出报告：" if lang == Lang.zh else "Report written: ") + str(out)
        if as_json:
            print_json(result.to_json(lang.value))
            typer.echo(done, err=True)
        else:
            from jiekun.render.terminal import render_summary

            render_summary(result, lang.value)
            typer.echo(done)

    guard(run)


@app.command("rules")
def rules_cmd(
    init: Annotated[
        Path | None,
        typer.Option("--init", help="写出一份带注释的默认规则文件到此路径。", show_default=False),
    ] = None,
    rules: RulesOpt = None,
    profile: ProfileOpt = None,
    dibao: DibaoOpt = None,
    force: ForceOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """显示当前生效的规则，或写出默认规则文件。Show the active rules, or write a default rules file.

    Example:

        jiekun rules --init 规则.toml

        jiekun rules --rules 规则.toml
    """

    def run():
        from jiekun.model.rules import default_rules_toml

        if init is not None:
            if init.exists() and not force:
                raise fail(f"{init} 已存在。要覆盖请加 --force。")
            from jiekun.io.output import write_atomic

            write_atomic(init, default_rules_toml().encode("utf-8"))
            typer.echo(f"已写出默认规则文件：{init}")
            return
        r = active_rules(rules, profile, dibao)
        if as_json:
            print_json(_rules_json(r))
            return
        from rich.console import Console
        from rich.table import Table

        from jiekun.model.labels import age_gender_labels

        c = Console()
        t = Table(title="当前规则" + (f"（{r.source}）" if r.source else "（默认）"), show_header=False)
        t.add_row(
            "方案",
            "调研口径 survey" if r.profile == "survey" else f"低保倍数 dibao（低保标准 {r.dibao:g} 元/月）",
        )
        for i, tier in enumerate(r.tiers):
            t.add_row(
                f"第 {i + 1} 档",
                f"{tier.label}：人均月收入 {'≤' if r.inclusive else '<'} {tier.max_per_capita:g} 元",
            )
        t.add_row("年龄性别分组", "、".join(age_gender_labels(r).values()))
        t.add_row("年龄合理范围", f"{r.min_age}–{r.max_age} 岁")
        t.add_row("收入过高提示", f"家庭月收入 > {r.max_household_income:g} 元")
        t.add_row("人均收入容差", f"{r.per_capita_tolerance:g} 元")
        if r.education:
            t.add_row("补充文化程度", "、".join(f"{k}→{v}" for k, v in r.education.items()))
        if r.causes:
            t.add_row("补充致困原因", "、".join(f"{k}: {'/'.join(v)}" for k, v in r.causes.items()))
        if r.aliases:
            t.add_row("补充列名", "、".join(f"{k}: {'/'.join(v)}" for k, v in r.aliases.items()))
        c.print(t)

    guard(run)


def _rules_json(r) -> dict:
    return {
        **r.to_json(),
        "inclusive": r.inclusive,
        "dibao": r.dibao,
        "age_groups": {"male_split": r.male_split, "female_split": r.female_split},
        "checks": {
            "min_age": r.min_age,
            "max_age": r.max_age,
            "max_household_income": r.max_household_income,
            "per_capita_tolerance": r.per_capita_tolerance,
        },
        "education": r.education,
        "causes": {k: list(v) for k, v in r.causes.items()},
        "aliases": {k: list(v) for k, v in r.aliases.items()},
    }


# Commands defined in their own modules (each registers on the same app).
from jiekun.cli import clerk as cli_clerk  # noqa: E402
from jiekun.cli import flows as cli_flows  # noqa: E402

cli_flows.register(app)
cli_clerk.register(app)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
