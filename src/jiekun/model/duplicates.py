"""Duplicate ID numbers: int64 keys of 18-character IDs and the first row of each.

A duplicate is a worker row whose ID (the 15-digit form converted to 18) was
seen on an earlier row, in this chunk or an earlier chunk of the same file.
The earlier row is counted; the duplicate is not (docs/design.md, "Where each
rule lives").
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from jiekun.model.ids import ascii_matrix
from jiekun.model.values import as_text

#: ID statuses whose 18 characters identify a person for duplicate detection.
DUPLICATE_STATUSES = ["ok", "legacy15", "bad_checksum", "bad_birth"]


def id_numbers(ids: pd.Series) -> np.ndarray:
    """18-character IDs as int64 keys: the first 17 digits × 11 + the check value (X = 10)."""
    if len(ids) == 0:
        return np.zeros(0, dtype=np.int64)
    b = ascii_matrix(ids, 18)
    key = np.zeros(len(b), dtype=np.int64)
    for col in range(17):
        key = key * 10 + (b[:, col] - 48)
    check = np.where(b[:, 17] == ord("X"), 10, b[:, 17].astype(np.int64) - 48)
    return key * 11 + check


def comparable(status: pd.Series, ids: pd.Series) -> np.ndarray:
    """Rows whose ID can repeat another: a status in :data:`DUPLICATE_STATUSES`, 18 characters."""
    ok = status.isin(DUPLICATE_STATUSES).to_numpy()
    return ok & (as_text(ids).str.len() == 18).to_numpy(bool)


class DuplicateIndex:
    """The first row of every ID seen so far: sorted runs of int64 keys.

    Each chunk adds a run; runs of similar size are merged (a binary counter), so a
    lookup searches O(log chunks) runs and the merging costs O(n log chunks) in all.
    """

    def __init__(self) -> None:
        self.runs: list[tuple[np.ndarray, np.ndarray]] = []  # (sorted keys, their first rows)

    def add(self, keys: np.ndarray, rows: np.ndarray) -> None:
        """Remember keys not seen before, sorted and distinct (as :func:`sorted_keys` gives them)."""
        if not len(keys):
            return
        self.runs.append((keys, rows))
        while len(self.runs) > 1 and len(self.runs[-2][0]) < 2 * len(self.runs[-1][0]):
            (a, ra), (b, rb) = self.runs.pop(), self.runs.pop()
            self.runs.append(_merge(a, ra, b, rb))

    def lookup(self, k: np.ndarray) -> np.ndarray:
        """The first row of each key seen so far, -1 for keys not seen."""
        found = np.full(len(k), -1, dtype=np.int64)
        for keys, rows in self.runs:
            at = np.minimum(np.searchsorted(keys, k), len(keys) - 1)
            hit = (keys[at] == k) & (found < 0)
            found[hit] = rows[at[hit]]
        return found

    def first_rows(self, keys: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """For each key, the row where it was first seen (-1 when this is the first), then remember them."""
        keys, rows = np.asarray(keys, dtype=np.int64), np.asarray(rows, dtype=np.int64)
        order = np.argsort(keys, kind="stable")
        k, r = keys[order], rows[order]
        starts = np.r_[True, k[1:] != k[:-1]] if len(k) else np.zeros(0, bool)
        group_first = r[np.maximum.accumulate(np.where(starts, np.arange(len(k)), 0))]
        before = self.lookup(k)
        earlier = np.where(before >= 0, before, np.where(starts, -1, group_first))
        new = starts & (before < 0)
        self.add(k[new], r[new])
        out = np.empty(len(keys), dtype=np.int64)
        out[order] = earlier
        return out


def _merge(a: np.ndarray, ra: np.ndarray, b: np.ndarray, rb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Two sorted runs of distinct keys as one, with little more memory than the result."""
    at = np.searchsorted(b, a) + np.arange(len(a))  # where each key of ``a`` lands
    from_a = np.zeros(len(a) + len(b), dtype=bool)
    from_a[at] = True
    keys, rows = np.empty(len(from_a), dtype=a.dtype), np.empty(len(from_a), dtype=ra.dtype)
    keys[at], rows[at] = a, ra
    keys[~from_a], rows[~from_a] = b, rb
    return keys, rows


def sorted_keys(keys: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct keys (each with its first row) sorted, for :meth:`DuplicateIndex.add`."""
    order = np.argsort(keys, kind="stable")
    k, r = keys[order], rows[order]
    first = np.r_[True, k[1:] != k[:-1]] if len(k) else np.zeros(0, bool)
    return k[first], r[first]


def earlier_rows(
    ids: pd.DataFrame, person: np.ndarray, rows: np.ndarray, seen: DuplicateIndex | None
) -> np.ndarray:
    """For each row, the Excel row of the earlier worker with the same ID; -1 when there is none."""
    n = len(person)
    able = person & comparable(ids["status"], ids["id"])
    pos = np.flatnonzero(able)
    earlier = (seen or DuplicateIndex()).first_rows(id_numbers(ids["id"][able]), np.asarray(rows)[pos])
    out = np.full(n, -1, dtype=np.int64)
    out[pos] = earlier
    return out


# ------------------------------------------------------------------ possible duplicates


def lost_digits_birth(ids: pd.Series) -> pd.Series:
    """The birth date an ID that Excel stored as a number still shows: its first 15 digits
    survive (990101197503080000, 9.901011975030812e+17), so digits 7–14 do; a number shown
    with fewer digits (9.90101E+17) has none. NaT where there is none."""

    def digits(v: str) -> str:
        v = v.lower()
        if "e" in v:
            mantissa, _, exp = v.partition("e")
            head = mantissa.split(".")[0].lstrip("0")
            sig = mantissa.replace(".", "").lstrip("0")
            if len(head) + int(exp or 0) != 18 or len(sig) < 14:
                return ""
            return (sig + "0" * 18)[:18][6:14]
        whole = v.split(".")[0]
        return whole[6:14] if len(whole) == 18 else ""

    codes, uniques = pd.factorize(ids, sort=False)
    ymd = pd.Series([digits(u) for u in uniques], dtype=object)
    dates = pd.to_datetime(ymd, format="%Y%m%d", errors="coerce").to_numpy(dtype="datetime64[D]")
    out = dates[codes] if len(uniques) else np.zeros(0, dtype="datetime64[D]")
    return pd.Series(out, index=ids.index)


def possible_duplicates(
    name: pd.Series, male: pd.Series, birth: pd.Series, able: np.ndarray, unsure: np.ndarray
) -> np.ndarray:
    """For each row, the position of an earlier row with the same name, gender and birth date
    when this row's ID or that row's cannot be compared (``unsure``); -1 otherwise.

    Only ``able`` rows (counted workers with all three known) take part; each is compared
    with the first such row of its group.
    """
    out = np.full(len(name), -1, dtype=np.int64)
    pos = np.flatnonzero(able)
    if not (able & unsure).any():
        return out
    days = birth.to_numpy(dtype="datetime64[D]").astype(np.int64)[pos]
    sex = male.to_numpy(dtype=bool, na_value=False)[pos].astype(np.int64)
    names, _ = pd.factorize(name.iloc[pos], sort=False)
    # one int64 per (name, gender, birth day): days since 1970 fit in ±2^20 for any real birth date
    codes, _ = pd.factorize((names.astype(np.int64) * 2 + sex) * (1 << 22) + days + (1 << 21), sort=False)
    first = pd.Series(pos).groupby(codes).transform("first").to_numpy()
    flag = (first != pos) & (unsure[pos] | unsure[first])
    out[pos[flag]] = first[flag]
    return out
