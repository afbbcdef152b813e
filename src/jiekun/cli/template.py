"""The ``template`` command: an empty roster workbook to fill in.

No ``from __future__ import annotations``: Typer evaluates the annotations.
"""

from pathlib import Path
from typing import Annotated

import typer

from jiekun.cli.common import (
    DibaoOpt,
    ForceOpt,
    Lang,
    LangOpt,
    ProfileOpt,
    RulesOpt,
    active_rules,
    guard,
    say,
)

#: ``--rows``: the default and the limit of jiekun.report.template (tests/test_cli.py checks they
#: agree); importing that module here would load pandas for ``jiekun --help``.
DEFAULT_ROWS, MAX_ROWS = 2000, 1_048_574


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

    \b
        jiekun template -o 花名册模板.xlsx
        jiekun template --lang en --rows 5000 -o roster-template.xlsx
    """
    with guard(lang):
        from jiekun.report.template import default_template_path, write_template

        out = output if output is not None else default_template_path(lang.value)
        active = active_rules(rules, profile, dibao)
        write_template(out, lang=lang.value, rows=rows, rules=active, force=force)
        say("template_written", lang, path=out)
