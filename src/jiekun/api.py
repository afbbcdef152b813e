"""One call per command: read, classify and tally a roster file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jiekun.classification import Classified, classify
from jiekun.reading import Roster, load_roster
from jiekun.rules import Rules
from jiekun.tallies import Tally, tally


@dataclass
class Result:
    """A roster read, classified and counted."""

    roster: Roster
    classified: Classified
    tally: Tally

    def to_json(self, lang: str = "zh") -> dict:
        """The summary object of DESIGN §8."""
        return self.tally.to_json(lang)


def summarize(
    path: str | Path,
    *,
    rules: Rules | None = None,
    as_of: dt.date | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> Result:
    """Read, classify and tally one roster file.

    ``on_stage`` is called with "read" and "classify" as the work proceeds (for progress).

    >>> summarize("samples/survey-roster.xlsx", as_of=dt.date(2025, 12, 31)).tally.hardship  # doctest: +SKIP
    3456
    """
    stage = on_stage or (lambda key: None)
    rules = rules or Rules()
    stage("read")
    roster = load_roster(path, sheet=sheet, encoding=encoding, rules=rules)
    stage("classify")
    result = classify(roster, rules, as_of or dt.date.today())
    return Result(roster, result, tally(result))
