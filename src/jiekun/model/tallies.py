"""Tallies: plain, mergeable counts of a classified roster.

A ``Tally`` is a bag of integers and counters, and ``a + b`` is the tally of both
rosters together. So a roster read in chunks, the months of a batch, or the
partitions of a cluster job all sum the same way.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from jiekun.model.classification import Classified
from jiekun.model.labels import age_gender_keys, age_gender_labels, cause_labels, education_labels
from jiekun.model.problems import counts as problem_counts
from jiekun.model.review import REVIEW_KEYS, review_counts
from jiekun.model.row_kinds import BLANK, DUPLICATE, FOOTER, TOTAL, WORKER
from jiekun.model.rules import CAUSES, Rules

#: Dimensions tallied, each a Counter of (key, status) → people (causes: → causes named).
DIMENSIONS = ("age_gender", "education", "cause", "employer", "community", "age_band")
STATUSES = ("workers", "hardship", "extreme")
AGE_BANDS = (
    (0, 30, "under_30"),
    (30, 40, "30_39"),
    (40, 50, "40_49"),
    (50, 60, "50_59"),
    (60, 999, "60_plus"),
)


@dataclass
class Tally:
    """Counts of one roster (or the sum of several)."""

    rules: Rules
    as_of: dt.date
    source: str = ""
    sheet: str | None = None
    rows_read: int = 0
    kinds: Counter = field(default_factory=Counter)  # worker / duplicate / blank / total / footer
    tiers: Counter = field(default_factory=Counter)  # tier index (-1 undetermined, len(tiers) not hardship)
    dims: dict[str, Counter] = field(default_factory=lambda: {d: Counter() for d in DIMENSIONS})
    problems: Counter = field(default_factory=Counter)  # severity → n
    review: Counter | None = None  # the review of filed categories (REVIEW_KEYS); None without a filed column

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            rules=self.rules,
            as_of=self.as_of,
            source=self.source,
            sheet=self.sheet,
            rows_read=self.rows_read + other.rows_read,
            kinds=self.kinds + other.kinds,
            tiers=self.tiers + other.tiers,
            dims={d: self.dims[d] + other.dims[d] for d in DIMENSIONS},
            problems=self.problems + other.problems,
            review=None
            if self.review is None and other.review is None
            else (self.review or Counter()) + (other.review or Counter()),
        )

    # ---- headline figures
    @property
    def workers(self) -> int:
        return self.kinds[WORKER]

    @property
    def duplicates(self) -> int:
        return self.kinds[DUPLICATE]

    @property
    def non_worker_rows(self) -> int:
        return self.kinds[BLANK] + self.kinds[TOTAL] + self.kinds[FOOTER]

    @property
    def hardship(self) -> int:
        return sum(self.tiers[i] for i in range(len(self.rules.tiers)))

    @property
    def extreme(self) -> int:
        return self.tiers[0]

    @property
    def undetermined(self) -> int:
        return self.tiers[-1]

    @property
    def not_hardship(self) -> int:
        return self.tiers[len(self.rules.tiers)]

    def count(self, dim: str, key: str, status: str = "hardship") -> int:
        return self.dims[dim][(key, status)]

    def keys(self, dim: str) -> list[str]:
        """The keys of a dimension in report order (survey order, else by size)."""
        if dim == "age_gender":
            return age_gender_keys(self.rules)
        if dim == "education":
            return list(education_labels())
        if dim == "cause":
            return list(CAUSES)
        if dim == "age_band":
            return [f"{g}_{b[2]}" for g in ("male", "female", "unknown") for b in AGE_BANDS] + ["unknown"]
        seen = Counter({k: v for (k, s), v in self.dims[dim].items() if s == "workers"})
        return [k for k, _ in seen.most_common()]

    def rows(self, dim: str, lang: str = "zh") -> list[dict[str, Any]]:
        """A survey-table dimension as JSON rows: key, label, hardship, extreme."""
        labels = {
            "age_gender": age_gender_labels(self.rules, lang),
            "education": education_labels(lang),
            "cause": cause_labels(lang),
        }[dim]
        return [
            {
                "key": k,
                "label": labels[k],
                "hardship": self.count(dim, k, "hardship"),
                "extreme": self.count(dim, k, "extreme"),
            }
            for k in self.keys(dim)
        ]

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        """The JSON summary object (a stable contract: its keys never change)."""
        return {
            "source": self.source,
            "sheet": self.sheet,
            "as_of": self.as_of.isoformat(),
            "rules": self.rules.to_json(),
            "rows_read": self.rows_read,
            "workers": self.workers,
            "duplicates": self.duplicates,
            "non_worker_rows": self.non_worker_rows,
            "hardship": self.hardship,
            "extreme": self.extreme,
            "undetermined": self.undetermined,
            "tiers": {self.rules.tier_label(i, lang): self.tiers[i] for i in range(len(self.rules.tiers))},
            "by_age_gender": self.rows("age_gender", lang),
            "by_education": self.rows("education", lang),
            "by_cause": self.rows("cause", lang),
            "problems": {"error": self.problems["error"], "warning": self.problems["warning"]},
            "review": None if self.review is None else {k: self.review[k] for k in REVIEW_KEYS},
        }


def _counter(keys: pd.Series, status: dict[str, np.ndarray]) -> Counter:
    """(key, status) → count, from a key per row and boolean status masks (counted by code)."""
    if isinstance(keys.dtype, pd.CategoricalDtype):
        codes, uniques = keys.cat.codes.to_numpy(), keys.cat.categories
    else:
        codes, uniques = pd.factorize(keys, sort=False)
    names = ["", *(str(u) for u in uniques)]  # code -1 (a missing key, shifted to 0) is not counted
    out: Counter = Counter()
    for s, mask in status.items():
        counts = np.bincount(codes[mask] + 1, minlength=len(names))
        out.update({(names[k], s): int(v) for k, v in enumerate(counts.tolist()) if v and names[k] != ""})
    return out


def tally(result: Classified) -> Tally:
    """Count a classified roster: tiers, the survey dimensions, problems."""
    f = result.frame
    rules = result.rules
    worker = (f["kind"] == WORKER).to_numpy()  # every row counted through masks: no copy of the frame
    t = f["tier"].to_numpy()
    status = {
        "workers": worker,
        "hardship": worker & (t >= 0) & (t < len(rules.tiers)),
        "extreme": worker & (t == 0),
    }
    dims = {
        "age_gender": _counter(f["age_group"], status),
        "education": _counter(f["education"], status),
        "employer": _counter(f["employer"], status),
        "community": _counter(f["community"], status),
        "age_band": _counter(_age_bands(f), status),
    }
    # causes: one count per cause a worker names (a worker may name several); split per distinct value
    dims["cause"] = Counter()
    for (value, s), count in _counter(f["causes"], status).items():
        for key in str(value).split("|"):
            dims["cause"][(key, s)] += count
    return Tally(
        rules=rules,
        as_of=result.as_of,
        source=result.roster.source,
        sheet=result.roster.sheet,
        rows_read=len(f),
        kinds=Counter({str(k): int(v) for k, v in f["kind"].value_counts().items() if v}),
        tiers=Counter({int(k): int(v) for k, v in f["tier"][worker].value_counts().items()}),
        dims=dims,
        problems=Counter(problem_counts(result.problems)),
        review=review_counts(f["review"][worker]) if "filed_category" in result.roster.fields else None,
    )


def _age_bands(w: pd.DataFrame) -> pd.Series:
    """ "male_40_49", "female_under_30", … ("unknown" when the age is)."""
    age = w["age"].to_numpy(dtype=float, na_value=np.nan)
    band = np.digitize(age, [b[1] for b in AGE_BANDS[:-1]])  # 0..4
    band[np.isnan(age)] = len(AGE_BANDS)
    male = w["male"]
    gender = np.where(male.isna().to_numpy(), 2, np.where(male.fillna(False).to_numpy(dtype=bool), 0, 1))
    labels = [f"{g}_{b[2]}" for g in ("male", "female", "unknown") for b in AGE_BANDS] + ["unknown"]
    codes = np.where(band == len(AGE_BANDS), len(labels) - 1, gender * len(AGE_BANDS) + band)
    return pd.Series(pd.Categorical.from_codes(codes, labels), index=w.index)
