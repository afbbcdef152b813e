"""The ``cards`` command: contact cards (困难职工解困脱困联系卡) for a roster's hardship workers.

No ``from __future__ import annotations``: Typer evaluates the annotations.
Help words: ``jiekun.text.cards`` (``help``).
"""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from jiekun.cli.common import (
    AsOf,
    EncodingOpt,
    ForceOpt,
    Lang,
    LangOpt,
    Output,
    RosterArg,
    RulesOpt,
    SheetOpt,
    active_rules,
    check_suffix,
    guard,
    parse_as_of,
)


class Only(StrEnum):
    hardship = "hardship"
    extreme = "extreme"


# A Typer signature: one parameter per option; the body is short.
def cards(
    roster: RosterArg,
    ledger: Annotated[Path | None, typer.Option("--ledger", show_default=False)] = None,
    date_from: Annotated[str | None, typer.Option("--from", show_default=False)] = None,
    date_to: Annotated[str | None, typer.Option("--to", show_default=False)] = None,
    only: Annotated[Only, typer.Option("--only")] = Only.hardship,
    full_ids: Annotated[bool, typer.Option("--full-ids")] = False,
    output: Output = None,
    force: ForceOpt = False,
    as_of: AsOf = None,
    rules: RulesOpt = None,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
    lang: LangOpt = Lang.zh,
) -> None:
    """Contact cards for the roster's hardship workers, four to an A4 page (help: ``jiekun.text.cards``).

    Example:

        jiekun cards samples/survey-roster.xlsx --ledger samples/assist-ledger.xlsx
    """
    with guard(lang):
        import math

        from jiekun.report.cards import PER_PAGE, default_cards_path
        from jiekun.report.cards import cards as write
        from jiekun.text import words

        out = output if output is not None else default_cards_path(roster)
        check_suffix(out, "cards", lang.value)
        made = write(
            roster,
            out,
            ledger=ledger,
            period_from=parse_as_of(date_from),
            period_to=parse_as_of(date_to),
            only=only.value,
            full_ids=full_ids,
            rules=active_rules(rules, None, None),
            as_of=parse_as_of(as_of),
            sheet=sheet,
            encoding=encoding,
            lang=lang.value,
            force=force,
        )
        w = words("cards", lang.value)
        n = len(made.cards)
        if not n:
            typer.echo(w["none"].format(who=w["who"][made.only]))
        typer.echo(w["written"].format(n=n, pages=max(1, math.ceil(n / PER_PAGE)), path=out))
        if made.ledger_source is not None:
            start, end = (d.isoformat() if d else w["open"] for d in (made.start, made.end))
            source = Path(made.ledger_source).name
            typer.echo(
                w["written_help"].format(
                    n=made.with_help, source=source, start=start, end=end, rows=made.help_rows
                )
            )
