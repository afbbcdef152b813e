"""The ``assist`` command: count an assistance ledger (帮扶台账) and, with a roster, its coverage.

No ``from __future__ import annotations``: Typer evaluates the annotations.
"""

from pathlib import Path
from typing import Annotated

import typer

from jiekun.cli.common import (
    AsOf,
    EncodingOpt,
    ForceOutputOpt,
    JsonOpt,
    Lang,
    LangOpt,
    MaskIdsWorkbookOpt,
    Output,
    RulesOpt,
    SheetOpt,
    active_rules,
    guard,
    output_path,
    parse_as_of,
    print_json,
)


# A Typer signature: one parameter per option; the body is short.
def assist(
    ledger: Annotated[Path, typer.Argument(show_default=False)],
    roster: Annotated[Path | None, typer.Option("--roster", show_default=False)] = None,
    date_from: Annotated[str | None, typer.Option("--from", metavar="DATE", show_default=False)] = None,
    date_to: Annotated[str | None, typer.Option("--to", metavar="DATE", show_default=False)] = None,
    year_union: Annotated[
        int | None, typer.Option("--year-union", metavar="YYYY", show_default=False)
    ] = None,
    rules: RulesOpt = None,
    as_of: AsOf = None,
    output: Output = None,
    force: ForceOutputOpt = False,
    as_json: JsonOpt = False,
    lang: LangOpt = Lang.zh,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
    mask_ids: MaskIdsWorkbookOpt = False,
) -> None:
    """统计帮扶台账：人次、人数、金额，困难职工覆盖情况与帮扶空白名单。Count an assistance ledger.

    Reads the ledger (one row per act of help) like a roster, counts 人次, 人数
    (distinct valid IDs) and 金额 (exact, in fen) by kind, month, quarter and unit,
    and with --roster the coverage of its hardship workers (含特困) by tier and
    age–gender group, the 帮扶空白 list and 待核实 (IDs not on the roster, workers
    not in hardship, invalid IDs, possible double entries, totals over a cap).
    --as-of is the roster's classification date (default the period's end);
    --sheet and --encoding apply to the ledger. Kinds and caps: [assist] in --rules.

    Example:

    \b
        jiekun assist samples/assist-ledger.xlsx --roster samples/survey-roster.xlsx --from 2025-01-01 --to 2025-12-31
        jiekun assist 帮扶台账.xlsx --roster 花名册.xlsx --year-union 2025 --rules 规则.toml -o 帮扶统计.xlsx
    """
    with guard(lang):
        from jiekun.pipeline.assist import assist as run_assist
        from jiekun.render.assist import render_assist
        from jiekun.render.progress import stages
        from jiekun.report.assist import check_output, default_assist_path, write_assist
        from jiekun.text import words

        out = output_path(output, as_json, lambda: default_assist_path(ledger))
        if out is not None:
            check_output(out, force=force, inputs=[p for p in (ledger, roster) if p is not None])
        active = active_rules(rules, None, None)
        with stages(lang, "assist") as stage:
            result = run_assist(
                ledger,
                roster=roster,
                period_from=parse_as_of(date_from),
                period_to=parse_as_of(date_to),
                year_union=year_union,
                rules=active,
                as_of=parse_as_of(as_of),
                sheet=sheet,
                encoding=encoding,
                on_stage=stage,
            )
            if out is not None:
                stage("write")
                write_assist(result, out, lang=lang.value, mask_ids=mask_ids, force=force)
        if as_json:
            print_json(result.to_json(lang.value))
            return
        render_assist(result, lang.value)
        if out is not None:
            typer.echo(words("assist", lang.value)["terminal"]["written"].format(path=out))
