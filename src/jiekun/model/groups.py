"""The survey table's groups: age–gender (the "4050" split), education buckets, causes.

The vocabularies (GB/T 4658 codes, the archive form's causes, keyword rules) are in
:mod:`jiekun.model.vocab`; each distinct value is matched once.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from jiekun.model.cells import Cells
from jiekun.model.labels import age_gender_keys
from jiekun.model.rules import CAUSES, Rules
from jiekun.model.vocab import cause_keys, cause_lines, education_bucket, education_line

__all__ = ["age_gender_groups", "cause_keys", "education_bucket", "groups"]


def age_gender_groups(rules: Rules, male: pd.Series, age: pd.Series) -> np.ndarray:
    """Codes into ``age_gender_keys(rules)``: men under/over the split, women over/under, unknown."""
    mm = male.fillna(False).to_numpy(dtype=bool)
    ff = (~male.fillna(True)).to_numpy(dtype=bool)
    ag = age.fillna(-1).to_numpy(dtype=np.int64)
    known = age.notna().to_numpy()
    return np.select(
        [
            mm & known & (ag < rules.male_split),
            mm & known & (ag >= rules.male_split),
            ff & known & (ag >= rules.female_split),
            ff & known & (ag < rules.female_split),
        ],
        [0, 1, 2, 3],
        default=4,
    ).astype(np.int8)


def _distinct(s: pd.Series, fn) -> tuple[pd.Series, pd.Series]:
    """``fn`` (value → (a, b)) on each distinct value once, as two categorical Series (None → NaN)."""
    codes, uniques = pd.factorize(s, sort=False)
    pairs = [fn(u) for u in uniques]
    out = []
    for i in (0, 1):
        values = [p[i] for p in pairs]
        categories = sorted({v for v in values if v is not None})
        at = {v: k for k, v in enumerate(categories)}
        of_unique = np.array([at.get(v, -1) for v in values] + [-1], dtype=np.int64)
        cat = pd.Categorical.from_codes(of_unique[codes], categories=pd.Index(categories, dtype="str"))
        out.append(pd.Series(cat, index=s.index))
    return out[0], out[1]


def groups(c: Cells, rules: Rules, male: pd.Series, age: pd.Series, examine: np.ndarray):
    """Age–gender group keys and codes, education buckets and cause keys ("a|b") of each row.

    An unknown education value or cause is a warning whose detail is the rules-file line
    that would map it (``"职业中专" = "senior_high"``).
    """
    group = age_gender_groups(rules, male, age)
    edu_vocab = rules.education_vocabulary()

    def edu_of(v: str) -> tuple[str | None, str]:
        if not v:
            return "unknown", ""
        bucket = education_bucket(v, edu_vocab)
        return bucket, "" if bucket else education_line(v)

    e_txt = c.text("education")
    edu, e_line = _distinct(e_txt, edu_of)
    c.P.add("education_unknown", examine & edu.isna().to_numpy(), c.col("education"), e_txt, e_line)

    cause_vocab, order = rules.cause_vocabulary(), list(CAUSES)

    def causes_of(v: str) -> tuple[str, str]:
        keys, unknown = cause_keys(v, cause_vocab, order)
        return "|".join(keys), cause_lines(unknown) if unknown else ""

    c_raw = c.text("cause")
    causes, c_line = _distinct(c_raw, causes_of)
    c.P.add("cause_unknown", examine & (c_line != "").to_numpy(), c.col("cause"), c_raw, c_line)
    if edu.isna().any():
        edu = edu.cat.add_categories(["unknown"]) if "unknown" not in edu.cat.categories else edu
        edu = edu.fillna("unknown")
    return age_gender_keys(rules), group, edu, causes
