"""One call for ``jiekun assist``: read the ledger (and the roster) once each, classify, count.

The ledger is read by the roster reader (:func:`jiekun.io.reading.load_roster`) pointed
at the ledger's field catalogue, so title rows, 合计 rows, GBK text files and merged
cells are handled as they are for rosters. The counting is :func:`jiekun.model.assist.assist`.
See docs/assist.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np

from jiekun.errors import InputError
from jiekun.io.reading import load_roster
from jiekun.model import assist_ledger as L
from jiekun.model.assist import AssistResult, union_year
from jiekun.model.assist import assist as count
from jiekun.model.classification import classify
from jiekun.model.roster import Roster
from jiekun.model.rules import Rules
from jiekun.model.values import parse_dates

__all__ = ["AssistResult", "assist", "period_of", "read_ledger"]


def period_of(
    period_from: dt.date | None, period_to: dt.date | None, year_union: int | None
) -> tuple[dt.date | None, dt.date | None]:
    """The period asked for: ``--from``/``--to``, or the union year (10月1日–9月30日) it ends in.

    ``InputError`` when both are given or the start is after the end.
    """
    if year_union is not None:
        if period_from is not None or period_to is not None:
            raise InputError.say("assist", "period_both")
        if not 1901 <= year_union <= 9999:
            raise InputError.say("assist", "bad_year", value=year_union)
        period_from, period_to = union_year(year_union)
    if period_from and period_to and period_from > period_to:
        raise InputError.say("assist", "period_order", start=period_from, end=period_to)
    return period_from, period_to


def read_ledger(
    path: str | Path,
    *,
    rules: Rules | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
) -> Roster:
    """Read a ledger file with every cell as text (the ledger's columns found like a roster's)."""
    rules = rules or Rules()
    aliases = {f: a for f, a in rules.aliases.items() if f in L.LEDGER_FIELDS}
    return load_roster(
        path,
        sheet=sheet,
        encoding=encoding,
        rules=replace(rules, aliases=aliases),
        fields=L.LEDGER_FIELDS,
        word_rules=L.LEDGER_WORD_RULES,
        required=L.ledger_missing,
        least=2,
    )


def _last_date(ledger: Roster) -> dt.date | None:
    """The latest date in the ledger's date column (the period's end when none is given)."""
    col = ledger.column("date")
    if col is None or not len(col):
        return None
    d = parse_dates(col.reset_index(drop=True).fillna("").astype(str))["date"].to_numpy(dtype="datetime64[D]")
    d = d[~np.isnat(d)]
    return d.max().astype(dt.date) if len(d) else None


def assist(
    ledger: str | Path,
    *,
    roster: str | Path | None = None,
    period_from: dt.date | None = None,
    period_to: dt.date | None = None,
    year_union: int | None = None,
    rules: Rules | None = None,
    as_of: dt.date | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
    roster_sheet: str | int | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> AssistResult:
    """Count an assistance ledger; with ``roster``, coverage of its hardship workers and 待核实.

    The period is ``period_from``–``period_to`` (inclusive; default the whole ledger) or
    the union year ``year_union`` (2025: 2024-10-01 to 2025-09-30). The roster is
    classified as of ``as_of``, by default the period's end (the ledger's last date when
    the period is open). ``rules`` gives the tiers, the kinds' extra words
    (``[assist.kinds]``) and the caps (``[assist.caps]``). ``on_stage`` is called with
    "read_ledger", "read_roster", "classify" and "count". Raises ``InputError`` when a
    file cannot be read or the period is wrong.

    >>> r = assist("samples/assist-ledger.xlsx", roster="samples/survey-roster.xlsx")  # doctest: +SKIP
    >>> r.to_json()["coverage"]["covered"]
    2697
    """
    stage = on_stage or (lambda key: None)
    rules = rules or Rules()
    start, end = period_of(period_from, period_to, year_union)
    stage("read_ledger")
    led = read_ledger(ledger, rules=rules, sheet=sheet, encoding=encoding)
    classified = None
    if roster is not None:
        stage("read_roster")
        r = load_roster(roster, sheet=roster_sheet, rules=rules)
        stage("classify")
        classified = classify(r, rules, as_of or end or _last_date(led) or dt.date.today())
    stage("count")
    return count(
        led,
        roster=classified,
        period_from=start,
        period_to=end,
        kinds_extra=rules.assist_kinds,
        caps=rules.assist_caps,
    )
