"""The trend workbook's :class:`TrendBook`: the kit, the series, the words, sheet names and widths."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from jiekun.model.flows import UNDETERMINED, UNKNOWN_TIER
from jiekun.model.labels import hardship_label, rules_line, status_label
from jiekun.text.trend import WORDS as TEXT
from jiekun.xlsx.book import Kit, text_width

if TYPE_CHECKING:
    from jiekun.model.flows import Series

MAX_WIDTH = 48
UNTRACKED_FILL = "#FCE4D6"
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


class TrendBook(Kit):
    """What every sheet of the trend workbook needs."""

    def __init__(self, wb, series: Series, lang: str, mask: bool):
        self.tx = TEXT[lang]
        super().__init__(wb, footer=self.tx["footer"])
        self.series = series
        self.lang = lang
        self.mask = mask
        self.rules = series.rules
        self.names = {
            "trend": self.tx["comparison" if series.kind == "compare" else "trend"],
            "flows": self.tx["flows"],
            "relapse": self.tx["relapse"],
            "about": self.tx["about"],
        }
        self.month_sheets = sheet_names([m.label for m in series.months], set(self.names.values()))

    def hardship_label(self) -> str:
        return hardship_label(self.rules, self.lang)

    def rules_line(self) -> str:
        return rules_line(self.rules, self.lang)

    def tier_name(self, code: int) -> str:
        """The class of a tier code of the flows (a tier, not in hardship, undetermined, not on the roster)."""
        k = len(self.rules.tiers)
        if 0 <= code < k:
            return self.rules.tier_label(code, self.lang)
        if code == k:
            return status_label("not_hardship", self.lang)
        if code == UNDETERMINED:
            return status_label("undetermined", self.lang)
        if code == UNKNOWN_TIER:
            return self.tx["unknown_side"]
        return self.tx["not_on_roster"]

    def as_of_phrase(self) -> str:
        """How the ages were computed, for a subtitle."""
        rule = self.series.as_of_rule
        if rule == "end_of_month":
            return self.tx["as_of_eom"]
        if rule == "mixed":
            return self.tx["as_of_mixed"]
        return self.tx["as_of_date"].format(date=rule)


def sheet_names(labels: list[str], taken: set[str]) -> list[str]:
    """Valid, unique worksheet names (31 characters, no []:*?/\\) for the month sheets."""
    out = []
    used = {t.lower() for t in taken}
    for label in labels:
        base = _BAD_SHEET_CHARS.sub("_", label).strip("'") or "sheet"
        base = base[:31]
        name, k = base, 2
        while name.lower() in used:
            suffix = f"({k})"
            name, k = base[: 31 - len(suffix)] + suffix, k + 1
        used.add(name.lower())
        out.append(name)
    return out


def fit(values, header: str = "", lo: float = 6, hi: float = MAX_WIDTH) -> float:
    """A column width that fits the header and every value.

    Each distinct value is measured once, and only those long enough to be the widest
    (a value is at most twice as wide as it is long).
    """
    widest = max((text_width(line) for line in header.split("\n")), default=0)
    distinct = {v for v in values if isinstance(v, str) and v}
    if distinct:
        reach = max(widest, max(map(len, distinct)))
        widest = max(widest, max((text_width(v) for v in distinct if 2 * len(v) >= reach), default=0))
    return float(min(hi, max(lo, widest + 2)))


def header_width(head: str) -> float:
    """A column width for a wrapped header: its longest word fits, two or three lines at most."""
    longest = max((text_width(w) for w in head.split()), default=0)
    return float(min(16.0, max(8.0, longest + 2, text_width(head) / 2 + 2)))
