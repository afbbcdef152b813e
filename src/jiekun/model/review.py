"""Review of filed categories (年度复核): the filed 困难类别 against the computed tier.

Pure and vectorised: each distinct filed value is looked up once
(:data:`jiekun.model.rules.FILED_CATEGORIES`, plus the active tiers' own names),
then every test is one numpy operation over the rows. Each counted worker gets a
status (the classified frame's ``review`` column, :data:`STATUSES`):

- ``agree`` 符合: filed in the tier computed now;
- ``adjust`` 应调整: filed in another tier (tiers are exact: 困难 computed 特困 is adjust);
- ``exit`` 应退出: filed, and no longer under any line;
- ``unfiled`` 未建档: computed hardship, nothing filed;
- ``accident`` 意外致困: kept as filed (its test is not income-based), reported apart;
- ``unknown``: a filed value outside the vocabulary (a warning record), not reviewed;
- ``undetermined``: filed, but the income cannot be determined (an error already listed), not reviewed.

So filed = agree + adjust + exit + accident (docs/review.md).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from jiekun.model.rules import ACCIDENT, FILED_CATEGORIES, Rules

if TYPE_CHECKING:
    from jiekun.model.cells import Cells

__all__ = ["LIST_ORDER", "REVIEW_KEYS", "STATUSES", "filed_codes", "review", "review_counts", "review_list"]

#: The keys of the ``review`` JSON object, in order.
REVIEW_KEYS = ("filed", "agree", "adjust", "exit", "unfiled", "accident")
#: Per-row statuses ("" = not part of the review: no filed column, not a counted worker, or nothing to do).
STATUSES = ("", "agree", "adjust", "exit", "unfiled", "accident", "unknown", "undetermined")
#: Codes of :func:`filed_codes` beyond the tier indexes.
BLANK, UNKNOWN, ACCIDENT_CODE = -1, -2, -3
#: Endings a filed value may carry (深度困难职工, 特困户…).
_ENDINGS = ("职工", "户", "家庭")


def _code_of(value: str, names: dict[str, int | str], n_tiers: int) -> int:
    """The code of one distinct filed value (blank, a tier index, accident, unknown)."""
    if not value:
        return BLANK
    stem = value
    for end in _ENDINGS:
        if stem.endswith(end) and len(stem) > len(end):
            stem = stem[: -len(end)]
            break
    hit = names.get(value, names.get(stem))
    if hit == ACCIDENT:
        return ACCIDENT_CODE
    return hit if isinstance(hit, int) and hit < n_tiers else UNKNOWN


def filed_codes(text: pd.Series, rules: Rules) -> np.ndarray:
    """Each row's filed value as a code: a tier index (0 the most severe), BLANK, UNKNOWN or ACCIDENT_CODE.

    The vocabulary is :data:`FILED_CATEGORIES` plus the tier names of ``rules``
    (特困职工, 深度困难 …), so a value may name the tier as the report does.
    """
    names: dict[str, int | str] = dict(FILED_CATEGORIES)
    for i, tier in enumerate(rules.tiers):
        names.setdefault(tier.label, i)
        names.setdefault(tier.label_en, i)
    codes, uniques = pd.factorize(text.fillna("").astype(str), sort=False)
    mapped = np.array([_code_of(u, names, len(rules.tiers)) for u in uniques], dtype=np.int64)
    return mapped[codes] if len(uniques) else np.full(len(text), BLANK, dtype=np.int64)


def review(
    c: Cells, rules: Rules, tier: np.ndarray, examine: np.ndarray, person: np.ndarray
) -> pd.Categorical:
    """The review status of every row (:data:`STATUSES`); all "" when the roster has no filed column.

    ``tier`` is the computed tier (−1 undetermined, len(tiers) not in hardship);
    ``examine`` the rows whose findings are recorded (workers and duplicates),
    ``person`` the counted workers. A filed value outside the vocabulary is a
    ``filed_category_unknown`` warning.
    """
    n = c.n
    status = np.zeros(n, dtype=np.int8)
    if c.has("filed_category"):
        text = c.text("filed_category")
        filed = filed_codes(text, rules)
        c.P.add("filed_category_unknown", examine & (filed == UNKNOWN), c.col("filed_category"), text)
        tier = np.asarray(tier)
        k = len(rules.tiers)
        hard = (tier >= 0) & (tier < k)
        is_tier = filed >= 0
        for key, mask in (
            ("agree", is_tier & (tier == filed)),
            ("adjust", is_tier & hard & (tier != filed)),
            ("exit", is_tier & (tier == k)),
            ("undetermined", is_tier & (tier == -1)),
            ("accident", filed == ACCIDENT_CODE),
            ("unfiled", (filed == BLANK) & hard),
            ("unknown", filed == UNKNOWN),
        ):
            status[person & mask] = STATUSES.index(key)
    return pd.Categorical.from_codes(status, categories=STATUSES)


def review_counts(status: pd.Series) -> Counter:
    """The ``review`` counts of the counted workers' statuses (:data:`REVIEW_KEYS`)."""
    vc = status.value_counts()
    out = Counter({k: int(vc.get(k, 0)) for k in REVIEW_KEYS[1:]})
    out["filed"] = out["agree"] + out["adjust"] + out["exit"] + out["accident"]
    return out


#: The order of the review list: what needs doing first.
LIST_ORDER = ("exit", "adjust", "unfiled", "accident", "unknown", "undetermined", "agree")


def review_list(frame: pd.DataFrame, filed_text: pd.Series) -> pd.DataFrame:
    """The reviewed workers, what needs doing first (:data:`LIST_ORDER`), then by Excel row.

    ``frame`` is the classified frame, ``filed_text`` the roster's filed-category
    cells (same index). Columns: status, row, name, id, id_status, employer, filed,
    tier, per_capita.
    """
    status = frame["review"].astype(str)
    keep = status.isin(LIST_ORDER).to_numpy()
    out = frame.loc[keep, ["row", "name", "id", "id_status", "employer", "tier", "per_capita"]].copy()
    out.insert(0, "status", status[keep])
    out["filed"] = filed_text[keep].fillna("").astype(str).str.strip()
    out["_o"] = out["status"].map({k: i for i, k in enumerate(LIST_ORDER)}).astype(int)
    return out.sort_values(["_o", "row"], kind="stable").drop(columns="_o").reset_index(drop=True)
