"""The ``template`` command: an empty roster workbook to fill in.

No ``from __future__ import annotations``: Typer evaluates the annotations.
"""

from typing import Annotated

import typer

from jiekun.cli.common import (
    DibaoOpt,
    ForceOpt,
    Lang,
    LangOpt,
    Output,
    ProfileOpt,
    RulesOpt,
    active_rules,
    check_suffix,
    guard,
    say,
)

#: ``--rows``: the default and the limit of jiekun.report.template (tests/test_cli.py checks they
#: agree); importing that module here would load pandas for ``jiekun --help``.
DEFAULT_ROWS, MAX_ROWS = 2000, 1_048_574


def template(
    output: Output = None,
    rows: Annotated[int, typer.Option("--rows", min=1, max=MAX_ROWS)] = DEFAULT_ROWS,
    force: ForceOpt = False,
    lang: LangOpt = Lang.zh,
    rules: RulesOpt = None,
    profile: ProfileOpt = None,
    dibao: DibaoOpt = None,
) -> None:
    """Write an empty roster template (help: ``jiekun.text.cli``).

    Example:

        jiekun template -o 花名册模板.xlsx
    """
    with guard(lang):
        from jiekun.report.template import default_template_path, write_template

        check_suffix(output, "template", lang)
        out = output if output is not None else default_template_path(lang.value)
        active = active_rules(rules, profile, dibao)
        write_template(out, lang=lang.value, rows=rows, rules=active, force=force)
        say("template_written", lang, path=out)
