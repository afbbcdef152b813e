"""The template and match commands (registered on the main app by jiekun.cli.app).

The option types are imported from ``jiekun.cli.app`` inside :func:`register` (cli.py
imports this module at its bottom), and pandas, openpyxl and XlsxWriter only
inside the command bodies, so ``jiekun --help`` stays fast. No ``from __future__
import annotations`` here: Typer must see the real option objects.
"""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class ReferenceKind(StrEnum):
    dibao = "dibao"
    generic = "generic"


#: Progress labels of the match stages (zh, en).
STAGES = {
    "read_roster": ("读取花名册…", "Reading the roster…"),
    "read_reference": ("读取参照名单…", "Reading the reference list…"),
    "match": ("按身份证号比对…", "Matching by ID number…"),
    "write": ("写出比对结果…", "Writing the workbook…"),
}


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    from jiekun.cli.common import (
        AsOf,
        DibaoOpt,
        EncodingOpt,
        ForceOpt,
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
    )
    from jiekun.report.template import DEFAULT_ROWS, MAX_ROWS

    @app.command()
    def template(
        output: Annotated[
            Path | None,
            typer.Option(
                "-o",
                "--output",
                help="模板文件路径（默认：当前文件夹下的 花名册模板.xlsx；--lang en 时为 roster-template.xlsx）。",
                show_default=False,
            ),
        ] = None,
        rows: Annotated[
            int,
            typer.Option("--rows", min=1, max=MAX_ROWS, help="预先设置好格式和下拉列表的行数。"),
        ] = DEFAULT_ROWS,
        force: ForceOpt = False,
        lang: LangOpt = Lang.zh,
        rules: RulesOpt = None,
        profile: ProfileOpt = None,
        dibao: DibaoOpt = None,
    ) -> None:
        """写出空白花名册模板：身份证号列为文本，带下拉列表、输入检查和填表说明。Write an empty roster template.

        The ID and phone columns are text cells (an 18-digit ID typed in keeps every
        digit), 性别/文化程度/致困原因/就业状态 have dropdowns, household size and incomes
        are checked, and a 填表说明 sheet explains each column and the rules in force
        (--rules/--profile). jiekun reads a filled template with no problems.

        Example:

            jiekun template -o 花名册模板.xlsx

            jiekun template --lang en --rows 5000 -o roster-template.xlsx
        """

        def run():
            from jiekun.report.template import default_template_path, write_template

            out = output if output is not None else default_template_path(lang.value)
            active = active_rules(rules, profile, dibao)
            write_template(out, lang=lang.value, rows=rows, rules=active, force=force)
            typer.echo(("已写出花名册模板：" if lang == Lang.zh else "Template written: ") + str(out))

        guard(run)

    @app.command("match")
    def match_cmd(
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

            jiekun match samples/survey-roster.xlsx samples/dibao-reference.csv --as-of 2025-12-31

            jiekun match 花名册.xlsx 残联名单.xlsx --reference-kind generic --on 身份证号码 -o 比对.xlsx
        """

        def run():
            from jiekun.model.matching import (
                check_output,
                default_match_path,
                match,
                render_match,
                write_match,
            )
            from jiekun.render.progress import stages

            zh = lang == Lang.zh
            out = output_path(output, as_json, lambda: default_match_path(roster))
            if out is not None:
                check_output(out, force=force, inputs=(roster, reference))
            active, date = active_rules(rules, profile, dibao), parse_as_of(as_of)
            with stages() as stage:
                result = match(
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
                    on_stage=lambda key: stage(STAGES[key][0 if zh else 1]),
                )
                if out is not None:
                    stage(STAGES["write"][0 if zh else 1])
                    write_match(result, out, lang=lang.value, mask_ids=mask_ids, force=force)
            if as_json:
                print_json(result.to_json())
                return
            render_match(result, lang.value)
            typer.echo(("已写出比对结果：" if zh else "Cross-check written: ") + str(out))

        guard(run)
