"""The ``jiekun`` command: a thin Typer layer over the library.

Each command parses its options, makes one call into ``jiekun`` and renders the
result. pandas and the readers are imported inside the commands, so
``jiekun --help`` starts instantly.
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

from jiekun import __version__

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


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class Profile(StrEnum):
    survey = "survey"
    dibao = "dibao"


_state = {"debug": bool(os.environ.get("JIEKUN_DEBUG"))}


def _as_of(value: str | None) -> dt.date | None:
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


def _fail(message: str, code: int = 2) -> typer.Exit:
    from rich.console import Console
    from rich.markup import escape

    Console(stderr=True, highlight=False).print(f"[bold red]错误：[/]{escape(message)}", soft_wrap=True)
    return typer.Exit(code)


def _guard(fn):
    """Run a command body; turn jiekun's errors into a message and exit code 2."""
    from jiekun.errors import JiekunError

    try:
        return fn()
    except JiekunError as e:
        if _state["debug"]:
            raise
        raise _fail(str(e)) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as e:
        if _state["debug"]:
            raise
        raise _fail(
            f"jiekun 内部出错（{type(e).__name__}: {e}）。这不是你的错；"
            "请用 jiekun --debug 重新运行，并把输出报告给开发者。"
        ) from None


def _rules(rules_file: Path | None, profile: Profile | None, dibao: float | None):
    from jiekun.rules import build_rules

    return build_rules(rules_file, profile.value if profile else None, dibao)


def _summarize(roster, rules, profile, dibao, as_of, sheet, encoding, lang, whole=False):
    """The shared first step of summary/classify/check, with progress on stderr.

    ``whole`` keeps every classified row in memory (the report's detail needs them).
    """
    from jiekun.api import summarize
    from jiekun.progress import label, stages

    r, date = _rules(rules, profile, dibao), _as_of(as_of)
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


def _output_path(output: Path | None, as_json: bool, default) -> Path | None:
    """The workbook to write: ``-o`` if given, else none with ``--json``, else ``default()``."""
    if output is not None or as_json:
        return output
    return default()


def _print_json(obj: object) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


@app.callback(invoke_without_command=True)
def _main(
    version: Annotated[bool, typer.Option("--version", help="显示版本号。")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="出错时显示完整的错误追踪（traceback）。")] = False,
) -> None:
    if debug:
        _state["debug"] = True
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
        result = _summarize(roster, rules, profile, dibao, as_of, sheet, encoding, lang)
        if as_json:
            _print_json(result.to_json(lang.value))
        else:
            from jiekun.terminal import render_summary

            render_summary(result, lang.value)

    _guard(run)


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
        from jiekun.checking import problems_json, write_problems

        if output is not None:
            from jiekun.output import check_target

            check_target(output, force=force, inputs=(roster,))
        result = _summarize(roster, rules, profile, dibao, as_of, sheet, encoding, lang)
        if output is not None:
            write_problems(result, output, lang=lang.value)
        if as_json:
            _print_json(problems_json(result, lang.value))
        else:
            from jiekun.terminal import render_problems

            render_problems(result, lang.value)
            if output is not None:
                typer.echo(("已写出问题清单：" if lang == Lang.zh else "Problems written: ") + str(output))
        t = result.tally
        if t.problems["error"] or (strict and t.problems["warning"]):
            raise typer.Exit(1)

    _guard(run)


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
        from jiekun.output import check_target
        from jiekun.progress import label, stages
        from jiekun.report import default_report_path, write_report

        out = output or default_report_path(roster)
        check_target(out, force=force, inputs=(roster,))
        result = _summarize(roster, rules, profile, dibao, as_of, sheet, encoding, lang, whole=True)
        with stages() as stage:
            stage(label("write", lang.value))
            write_report(
                result, out, lang=lang.value, detail=detail.value, mask_ids=mask_ids, force=force, area=area
            )
        done = ("已写出报告：" if lang == Lang.zh else "Report written: ") + str(out)
        if as_json:
            _print_json(result.to_json(lang.value))
            typer.echo(done, err=True)
        else:
            from jiekun.terminal import render_summary

            render_summary(result, lang.value)
            typer.echo(done)

    _guard(run)


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
        from jiekun.rules import default_rules_toml

        if init is not None:
            if init.exists() and not force:
                raise _fail(f"{init} 已存在。要覆盖请加 --force。")
            from jiekun.output import write_atomic

            write_atomic(init, default_rules_toml().encode("utf-8"))
            typer.echo(f"已写出默认规则文件：{init}")
            return
        r = _rules(rules, profile, dibao)
        if as_json:
            _print_json(_rules_json(r))
            return
        from rich.console import Console
        from rich.table import Table

        from jiekun.labels import age_gender_labels

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

    _guard(run)


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
from jiekun import cli_clerk, cli_flows  # noqa: E402

cli_flows.register(app)
cli_clerk.register(app)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
