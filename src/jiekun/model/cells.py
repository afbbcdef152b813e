"""A roster's fields as normalised text, shared by the parts of :func:`classify`.

Each field is normalised once (NFKC, stripped) and handed to every rule that
reads it; the rules record their findings in one :class:`ProblemCollector`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from jiekun.model.problems import ProblemCollector
from jiekun.model.roster import Roster
from jiekun.model.values import coded, normalize_text


class Cells:
    """A roster's fields as normalised text (each normalised once), and its problem collector."""

    def __init__(self, roster: Roster):
        self.roster = roster
        self.n = roster.rows_read
        self.idx = pd.RangeIndex(self.n)
        self.P = ProblemCollector.of(roster)
        # a field the roster lacks: one category, so every rule on it costs nothing per row
        blank_codes = np.zeros(self.n, dtype=np.int8)
        self.empty = pd.Series(
            pd.Categorical.from_codes(blank_codes, categories=pd.Index([""], dtype="str"), validate=False),
            index=self.idx,
        )
        self._cache: dict[str, pd.Series] = {}

    def text(self, f: str) -> pd.Series:
        """Field ``f`` as normalised text ('' in every row when the roster lacks it)."""
        if f not in self._cache:
            s = self.roster.column(f)
            self._cache[f] = self.empty if s is None else normalize_text(coded(s.reset_index(drop=True)))
        return self._cache[f]

    def col(self, f: str) -> str:
        """The roster's header of field ``f`` ('' when absent), for problem records."""
        return self.roster.fields.get(f, "")

    def has(self, f: str) -> bool:
        return f in self.roster.fields


def blank(s: pd.Series) -> np.ndarray:
    """Rows whose (normalised) text is empty."""
    return (s == "").to_numpy()


def map_unique(s: pd.Series, fn: Callable[[str], object]) -> pd.Series:
    """Apply ``fn`` to each distinct value only (rosters repeat a few values a lot)."""
    codes, uniques = pd.factorize(s, sort=False)
    mapped = pd.Series([fn(u) for u in uniques], dtype=object)
    return pd.Series(mapped.to_numpy()[codes] if len(uniques) else [], index=s.index, dtype=object)


def id_valid(ids: pd.DataFrame | None, n: int) -> np.ndarray:
    """Rows with a valid ID (none when the roster has no ID column)."""
    return ids["valid"].to_numpy(dtype=bool) if ids is not None else np.zeros(n, bool)
