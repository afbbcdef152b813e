"""Gender and completed age: a valid ID first, then the columns, then an invalid ID's digits.

A gender or birth date column that disagrees with a valid ID is reported and the
ID is used; an invalid ID whose digits still hold a birth date or gender is used
only when the columns say nothing, and reported (``id_digits_used``).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from jiekun.model.cells import Cells, blank, id_valid, map_unique
from jiekun.model.rules import Rules
from jiekun.model.values import parse_dates, parse_numbers

_GENDER = {"男": True, "m": True, "male": True, "1": True, "男性": True,
           "女": False, "f": False, "female": False, "2": False, "女性": False}  # fmt: skip
#: ID statuses whose digits hold no usable birth date or gender.
_NO_DIGITS = ["blank", "lost_digits", "bad_length", "bad_chars"]


def _days(d: pd.Series) -> np.ndarray:
    """Days since 1970 of a datetime Series (NaT → a sentinel that never matches)."""
    return d.to_numpy(dtype="datetime64[D]").astype(np.int64)


def _same_date(stated: pd.Series, month_only: np.ndarray, from_id: pd.Series) -> np.ndarray:
    """The stated birth date agrees with the ID's: the same day, or the same month when only
    year and month were written (then the stated date is the 1st of its month)."""
    a, b = _days(stated), _days(from_id)
    same = a == b
    if month_only.any():
        months = lambda d: d[month_only].to_numpy(dtype="datetime64[M]").astype(np.int64)  # noqa: E731
        same[month_only] = months(stated) == months(from_id)
    return same


def _dates(s: pd.Series) -> pd.Series:
    return s.dt.strftime("%Y-%m-%d")


def age_on(birth: pd.Series, as_of: dt.date) -> pd.Series:
    """Completed years on ``as_of`` (a birthday on that date counts), without Python per row."""
    # birth dates repeat: the calendar arithmetic runs once per distinct date
    codes, uniques = pd.factorize(birth.to_numpy(dtype="datetime64[D]"))
    b = uniques.astype("datetime64[D]")
    known = ~np.isnat(b)
    months = b.astype("datetime64[M]")
    year = months.astype("datetime64[Y]").astype(np.int64) + 1970
    month = months.astype(np.int64) % 12 + 1
    day = (b - months.astype("datetime64[D]")).astype(np.int64) + 1
    before = (month > as_of.month) | ((month == as_of.month) & (day > as_of.day))
    age = np.append(np.where(known, as_of.year - year - before, 0), 0)[codes]
    unknown = np.append(~known, True)[codes]  # code -1: NaT
    return pd.Series(pd.arrays.IntegerArray(age, unknown), index=birth.index)


def age_gender(
    c: Cells, ids: pd.DataFrame | None, rules: Rules, as_of: dt.date, examine: np.ndarray, person: np.ndarray
) -> tuple[pd.Series, pd.Series]:
    """Gender (nullable bool, True = male) and completed age (nullable int) of each row."""
    g_txt, b_txt = c.text("gender"), c.text("birth")
    g_col = map_unique(g_txt, lambda v: _GENDER.get(v.lower())).astype("boolean")
    c.P.add("gender_invalid", examine & ~blank(g_txt) & g_col.isna().to_numpy(), c.col("gender"), g_txt)
    bd = parse_dates(b_txt)
    b_col = bd["date"]
    c.P.add("birth_invalid", examine & ~blank(b_txt) & b_col.isna().to_numpy(), c.col("birth"), b_txt)
    if ids is not None:
        id_birth, id_male = ids["birth"], ids["male"].astype("boolean")
        digits = ~ids["status"].isin(_NO_DIGITS).to_numpy()
    else:
        id_birth = pd.Series(pd.NaT, index=c.idx, dtype="datetime64[s]")
        id_male = pd.Series(pd.NA, index=c.idx, dtype="boolean")
        digits = np.zeros(c.n, bool)
    valid = pd.Series(id_valid(ids, c.n), index=c.idx)
    male, birth = id_male.where(valid, g_col), id_birth.where(valid, b_col)
    # an invalid ID's digits, only where neither the ID nor the columns gave a value
    from_g = (~valid & digits & male.isna() & id_male.notna()).to_numpy()
    from_b = (~valid & digits & birth.isna() & id_birth.notna()).to_numpy()
    male, birth = male.where(~from_g, id_male), birth.where(~from_b, id_birth)
    used = np.where(from_g & from_b, "年龄和性别", np.where(from_g, "性别", "年龄"))
    c.P.add("id_digits_used", examine & (from_g | from_b), c.col("id"), c.text("id"), used)

    g_mis = (valid & g_col.notna() & id_male.notna() & (g_col != id_male)).fillna(False).to_numpy(dtype=bool)
    c.P.add("id_gender_mismatch", examine & g_mis, c.col("gender"), g_txt,
            lambda m: np.where(id_male[m].to_numpy(dtype=bool), "男", "女"))  # fmt: skip
    same = _same_date(b_col, bd["month_only"].to_numpy(dtype=bool), id_birth)
    b_mis = (valid & b_col.notna() & id_birth.notna()).to_numpy(dtype=bool) & ~same
    c.P.add("id_birth_mismatch", examine & b_mis, c.col("birth"), b_txt, lambda m: _dates(id_birth[m]))

    future = (birth > pd.Timestamp(as_of)).fillna(False).to_numpy(dtype=bool)
    c.P.add("birth_future", examine & future, c.col("birth") or c.col("id"), lambda m: _dates(birth[m]))
    age = _age(c, age_on(birth.where(~future), as_of), rules, examine)
    c.P.add("age_unknown", person & age.isna().to_numpy())
    c.P.add("gender_unknown", person & male.isna().to_numpy())
    return male, age


def _age(c: Cells, from_birth: pd.Series, rules: Rules, examine: np.ndarray) -> pd.Series:
    """The age from the birth date, else from the age column; implausible ages reported."""
    a_txt = c.text("age")
    a = parse_numbers(a_txt).to_numpy(dtype=float, na_value=np.nan) if c.has("age") else np.full(c.n, np.nan)
    a_ok = np.isfinite(a) & (a >= 0) & (a < 150) & (np.floor(np.nan_to_num(a)) == a)
    c.P.add("age_invalid", examine & ~blank(a_txt) & ~a_ok, c.col("age"), a_txt)
    stated = pd.Series(np.where(a_ok, a, np.nan), index=c.idx).astype("Int64")
    age = from_birth.where(from_birth.notna(), stated)
    implausible = (age.notna() & ((age < rules.min_age) | (age > rules.max_age))).fillna(False)
    c.P.add("age_implausible", examine & implausible.to_numpy(dtype=bool),
            c.col("birth") or c.col("id") or c.col("age"), None, lambda m: age[m].astype(str))  # fmt: skip
    return age
