"""Per-capita monthly income and the hardship tier, compared exactly.

Amounts are held as integer millionths of a yuan and the tier test
``income ≤ bound × household size`` is done in integers, so 280.00 is hardship
and 280.004 is not. Per capita = (12 × monthly household income − yearly
unavoidable costs) ÷ (12 × household size), or the yearly income instead of
12 × monthly, or the stated per-capita figure when there is no household income.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from jiekun.model.cells import Cells, blank
from jiekun.model.household import Household
from jiekun.model.rules import Rules
from jiekun.model.values import parse_numbers

MICRO = 1_000_000
_MAX_AMOUNT = 1e9  # amounts beyond this are not incomes (and would overflow the integer test)


@dataclass
class _Amount:
    """One amount column: its text, value (NaN when not a number) and which cells are usable."""

    field: str
    column: str
    text: pd.Series
    value: np.ndarray
    ok: np.ndarray
    blank: np.ndarray
    bad: np.ndarray

    @property
    def negative(self) -> np.ndarray:
        return self.ok & (np.nan_to_num(self.value) < 0)


def _amount(c: Cells, f: str) -> _Amount:
    t = c.text(f)
    a = parse_numbers(t).to_numpy(dtype=float, na_value=np.nan)
    present = c.has(f)
    empty = blank(t) if present else np.ones(c.n, bool)
    bad = present & ~empty & (~np.isfinite(a) | (np.abs(np.nan_to_num(a)) > _MAX_AMOUNT))
    return _Amount(f, c.col(f), t, a, present & ~empty & ~bad, empty, bad)


def _micro(a: np.ndarray) -> np.ndarray:
    """Float amounts → int64 millionths (0 where NaN; the caller masks those)."""
    ok = np.isfinite(a) & (np.abs(np.nan_to_num(a)) <= _MAX_AMOUNT)
    return np.rint(np.where(ok, a, 0.0) * MICRO).astype(np.int64)


def _household_size(c: Cells) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """The size column's text, its values and which are whole numbers from 1 to 999."""
    t = c.text("household_size")
    a = parse_numbers(t).to_numpy(dtype=float, na_value=np.nan)
    ok = np.isfinite(a) & (a > 0) & (np.floor(np.nan_to_num(a)) == a) & (a < 1000)
    return t, a, ok


def per_capita(
    c: Cells, rules: Rules, examine: np.ndarray, household: Household | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The tier (-1 undetermined) and per-capita income of each row, compared exactly.

    ``household``: sizes and incomes derived from a member list, used where it has them.
    """
    size_txt, size, size_ok = _household_size(c)
    monthly = c.has("household_income")
    inc = _amount(c, "household_income" if monthly else "household_income_annual")
    stated, costs = _amount(c, "per_capita"), _amount(c, "costs")
    c.P.add("costs_invalid", examine & costs.bad, costs.column, costs.text)

    hh = inc.ok & ~inc.negative & size_ok
    yearly = 12 * _micro(inc.value) if monthly else _micro(inc.value)
    if household is not None:  # derived from the members (docs/household.md)
        size, size_ok, hh, yearly = household.apply(size, size_ok, hh, yearly)
    determined = hh | (stated.ok & ~stated.negative)
    costs_u = np.where(costs.ok, _micro(costs.value), 0)
    # numerator and denominator of the exact per-capita quotient (in millionths)
    num = np.where(hh, yearly - costs_u, _micro(stated.value))
    den = np.where(hh, 12 * np.where(size_ok, size, 1).astype(np.int64), 1)
    tier = np.full(c.n, len(rules.tiers), dtype=np.int64)
    for i in reversed(range(len(rules.tiers))):
        bound = np.int64(round(rules.tiers[i].max_per_capita * MICRO)) * den
        tier[num <= bound if rules.inclusive else num < bound] = i
    tier[~determined] = -1

    _undetermined(c, examine & ~determined, inc, stated, size_txt, size_ok)
    computed = np.where(hh, num / den / MICRO, np.nan)
    mismatch = hh & stated.ok & ~stated.negative
    mismatch &= np.abs(computed - np.nan_to_num(stated.value)) > rules.per_capita_tolerance
    c.P.add("per_capita_mismatch", examine & mismatch, stated.column, stated.text,
            lambda m: [f"{x:.2f}" for x in computed[m]])  # fmt: skip
    monthly_inc = np.where(monthly, inc.value, inc.value / 12)
    high = inc.ok & (np.nan_to_num(monthly_inc) > rules.max_household_income)
    c.P.add("income_high", examine & high, inc.column, inc.text)
    return tier, np.where(determined, num / den / MICRO, np.nan)


def _undetermined(
    c: Cells, und: np.ndarray, inc: _Amount, stated: _Amount, size_txt: pd.Series, size_ok: np.ndarray
) -> None:
    """Why a row's tier is undetermined: once per row, most basic reason first."""
    has_hh_cols = c.has("household_size") and (c.has("household_income") or c.has("household_income_annual"))
    a = inc if has_hh_cols else stated
    c.P.add("income_missing", und & a.blank, a.column, a.text)
    c.P.add("income_invalid", und & a.bad, a.column, a.text)
    c.P.add("income_negative", und & a.negative, a.column, a.text)
    if has_hh_cols:
        size_col = c.col("household_size")
        c.P.add("size_missing", und & blank(size_txt), size_col, size_txt)
        c.P.add("size_invalid", und & ~blank(size_txt) & ~size_ok, size_col, size_txt)
