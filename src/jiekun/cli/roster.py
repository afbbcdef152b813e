"""The commands on one roster: ``summary``, ``check``, ``classify``.

Each parses its options, makes one call into the library and renders; pandas and
rich are imported inside the commands, so ``jiekun --help`` starts instantly.
No ``from __future__ import annotations``: Typer evaluates the annotations.
"""

from enum import StrEnum
from typing import Annotated

import typer

from jiekun.cli.common import (
    AsOf,
    DibaoOpt,
    EncodingOpt,
    EngineOpt,
    ForceOpt,
    JsonOpt,
    Lang,
    LangOpt,
    MaskIdsWorkbookOpt,
    MembersOpt,
    MoreArg,
    Output,
    ProfileOpt,
    RosterArg,
    RulesOpt,
    SchedulerOpt,
    SheetOpt,
    check_output_path,
    guard,
    print_json,
    run_many,
    run_summary,
    say,
)


class Detail(StrEnum):
    all = "all"
    hardship = "hardship"
    none = "none"


def summary(
    roster: RosterArg,
    more: MoreArg = None,
    as_of: AsOf = None,
    rules: RulesOpt = None,
    profile: ProfileOpt = None,
    dibao: DibaoOpt = None,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
    members: MembersOpt = None,
    engine: EngineOpt = None,
    scheduler: SchedulerOpt = None,
    lang: LangOpt = Lang.zh,
    as_json: JsonOpt = False,
) -> None:
    """Print the survey table on the terminal (help: ``jiekun.text.cli``).

    Example:

        jiekun summary samples/survey-roster.xlsx --as-of 2025-12-31
    """
    with guard(lang):
        if more or engine or scheduler or any(c in str(roster) for c in "*?["):  # many files: docs/scale.md
            paths = [str(roster), *(more or [])]
            result = run_many(
                paths, engine, scheduler, rules, profile, dibao, as_of, encoding, lang, sheet, members
            )
        else:
            result = run_summary(roster, rules, profile, dibao, as_of, sheet, encoding, lang, members=members)
        if as_json:
            print_json(result.to_json(lang.value))
        else:
            from jiekun.render.summary import render_summary

            render_summary(result, lang.value)


# A Typer signature: one parameter per option; the body is short.
def check(
    roster: RosterArg,
    output: Output = None,
    force: ForceOpt = False,
    strict: Annotated[bool, typer.Option("--strict")] = False,
    as_of: AsOf = None,
    rules: RulesOpt = None,
    profile: ProfileOpt = None,
    dibao: DibaoOpt = None,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
    members: MembersOpt = None,
    lang: LangOpt = Lang.zh,
    as_json: JsonOpt = False,
) -> None:
    """List every data problem by Excel row; exit 1 on errors (help: ``jiekun.text.cli``).

    Example:

        jiekun check samples/messy-roster.csv --as-of 2025-12-31
    """
    with guard(lang):
        from jiekun.report.problems import problems_json, write_problems

        check_output_path(output, force, [roster], "check", lang)
        result = run_summary(roster, rules, profile, dibao, as_of, sheet, encoding, lang, members=members)
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
    output: Output = None,
    force: ForceOpt = False,
    as_of: AsOf = None,
    rules: RulesOpt = None,
    profile: ProfileOpt = None,
    dibao: DibaoOpt = None,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
    members: MembersOpt = None,
    lang: LangOpt = Lang.zh,
    detail: Annotated[Detail, typer.Option("--detail")] = Detail.all,
    area: Annotated[str | None, typer.Option("--area", show_default=False)] = None,
    mask_ids: MaskIdsWorkbookOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Classify every worker and write the report workbook (help: ``jiekun.text.cli``).

    Example:

        jiekun classify samples/survey-roster.xlsx --as-of 2025-12-31
    """
    with guard(lang):
        from jiekun.render.progress import stages
        from jiekun.report.roster import default_report_path, write_report

        out = output or default_report_path(roster)
        check_output_path(out, force, [roster], "classify", lang)
        result = run_summary(
            roster, rules, profile, dibao, as_of, sheet, encoding, lang, whole=True, members=members
        )
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
