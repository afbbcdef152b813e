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
    ForceOpt,
    JsonOpt,
    Lang,
    LangOpt,
    MaskIdsWorkbookOpt,
    Output,
    ProfileOpt,
    RosterArg,
    RulesOpt,
    SheetOpt,
    active_rules,
    check_suffix,
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
    reference: Annotated[Path, typer.Argument(show_default=False)],
    output: Output = None,
    on: Annotated[list[str] | None, typer.Option("--on", show_default=False)] = None,
    reference_kind: Annotated[
        ReferenceKind | None, typer.Option("--reference-kind", show_default=False)
    ] = None,
    force: ForceOpt = False,
    as_of: AsOf = None,
    rules: RulesOpt = None,
    profile: ProfileOpt = None,
    dibao: DibaoOpt = None,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
    reference_sheet: Annotated[str | None, typer.Option("--reference-sheet", show_default=False)] = None,
    reference_encoding: Annotated[
        str | None, typer.Option("--reference-encoding", show_default=False)
    ] = None,
    lang: LangOpt = Lang.zh,
    mask_ids: MaskIdsWorkbookOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Cross-check a roster with another list by ID number (help: ``jiekun.text.cli``).

    Example:

        jiekun match samples/survey-roster.xlsx samples/dibao-reference.csv
    """
    with guard(lang):
        from jiekun.pipeline.match import match as run_match
        from jiekun.render.match import render_match
        from jiekun.render.progress import stages
        from jiekun.report.match import check_output, default_match_path, write_match

        out = output_path(output, as_json, lambda: default_match_path(roster))
        check_suffix(out, "match", lang)
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
