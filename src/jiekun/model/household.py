"""Household members (家庭成员): size and income derived from a member list, and its findings.

Pure and vectorised. A member belongs to the worker whose ID (职工身份证号 / 户主身份证号,
15 digits converted to 18 before comparing) or number (职工编号, against the roster's
编号) it names. For a worker with members: size = 1 + members; yearly income = 12 × the
worker's own monthly income (本人月收入) + each member's yearly income (12 × 月收入, or
年收入), in integer millionths. A worker with no member listed keeps the stated totals.
See docs/household.md.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from jiekun.model.cells import Cells, blank
from jiekun.model.duplicates import comparable
from jiekun.model.ids import check_ids
from jiekun.model.roster import Roster
from jiekun.model.values import as_text, parse_numbers

MICRO = 1_000_000
_MAX_AMOUNT = 1e9

#: Member-list field → header aliases, in the shape of ``jiekun.model.columns.FIELDS``.
MEMBER_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "worker_id": ("职工身份证号", "职工身份证号码", "户主身份证号", "户主身份证号码", "workerid"),
    "worker_no": ("职工编号", "workerno"),
    "name": ("姓名", "成员姓名", "name"),
    "relation": ("与职工关系", "与户主关系", "关系", "relation"),
    "id": ("身份证号", "身份证号码", "公民身份号码", "成员身份证号", "证件号码", "idnumber"),
    "income": ("月收入", "成员月收入", "个人月收入", "monthlyincome"),
    "income_annual": ("年收入", "成员年收入", "个人年收入", "annualincome"),
    "health": ("健康状况", "身体状况", "health"),
    "status": ("就业就学状况", "就业状况", "就学状况", "就业/就学状况", "status"),
}

#: Word rules for member headers no alias names, tried in order. Narrow on purpose: a
#: roster's own header (家庭月收入, 本人月收入 …) must not look like a member list.
MEMBER_WORD_RULES: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("worker_id", ("职工", "身份")),
    ("worker_id", ("户主", "身份")),
    ("worker_no", ("职工", "编号")),
    ("id", ("身份证",)),
    ("income_annual", ("成员", "年", "收入")),
    ("income", ("成员", "收入")),
    ("relation", ("关系",)),
    ("health", ("健康",)),
    ("status", ("就学",)),
    ("status", ("就业",)),
    ("name", ("姓名",)),
)

_SCHOOL = re.compile(r"在校|在读|上学|就学|学生|读书|求学|入学|幼儿园|小学|初中|高中|大学|中专|职高")
_NOT_SCHOOL = re.compile(r"辍学|失学|未上学|未入学|毕业")
_ILL = re.compile(r"大病|重病|重疾|癌|肿瘤|白血病|尿毒症|透析|瘫|残")


def member_missing(fields: Mapping[str, object]) -> list[str]:
    """What a member list lacks: the worker's ID or number, and the member's ID or name."""
    missing = []
    if "worker_id" not in fields and "worker_no" not in fields:
        missing.append(f"{MEMBER_FIELDS['worker_id'][0]} 或 {MEMBER_FIELDS['worker_no'][0]}")
    if "id" not in fields and "name" not in fields:
        missing.append(f"{MEMBER_FIELDS['id'][0]} 或 {MEMBER_FIELDS['name'][0]}")
    return missing


@dataclass
class Household:
    """Per roster row: derived size and yearly income (millionths), counts, and where each applies."""

    listed: np.ndarray  # bool: a worker with at least one member
    size: np.ndarray  # int64: 1 + members (0 when not listed)
    yearly: np.ndarray  # int64: derived yearly household income in millionths
    income_ok: np.ndarray  # bool: the derived income is used
    in_school: np.ndarray  # int64: members in school
    ill: np.ndarray  # int64: members with 大病 or 残疾
    members: int  # member rows matched to a worker
    problems: pd.DataFrame  # findings on member rows, with their sheet (or file name)

    def apply(self, size, size_ok, hh, yearly):
        """Replace stated size and yearly income with the derived ones where they apply."""
        size = np.where(self.listed, self.size, np.where(size_ok, size, 1))
        size_ok = size_ok | self.listed
        yearly = np.where(self.income_ok, self.yearly, yearly)
        return size, size_ok, (hh | self.income_ok) & size_ok, yearly

    def summary(self, person: np.ndarray) -> dict:
        """The JSON object ``household`` (docs/household.md)."""
        lst = self.listed & person
        return {
            "members": self.members,
            "households": int(lst.sum()),
            "in_school": int(self.in_school[person].sum()),
            "households_in_school": int((lst & (self.in_school > 0)).sum()),
            "ill_or_disabled": int(self.ill[person].sum()),
            "households_ill_or_disabled": int((lst & (self.ill > 0)).sum()),
        }


def _amounts(t: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Text → (millionths, blank, bad)."""
    a = parse_numbers(t).to_numpy(dtype=float, na_value=np.nan)
    empty = blank(t)
    ok = np.isfinite(a) & (np.abs(np.nan_to_num(a)) <= _MAX_AMOUNT)
    return np.rint(np.where(ok, a, 0.0) * MICRO).astype(np.int64), empty, ~empty & ~ok


def _keys(t: pd.Series) -> pd.Series:
    """IDs cleaned and 15 → 18 digits where valid, '' where they cannot identify anyone."""
    ids = check_ids(t)
    return ids["id"].where(comparable(ids["status"], ids["id"]), "").astype(str)


def _owners(c: Cells, roster_ids: pd.Series, person: np.ndarray, m: Cells) -> np.ndarray:
    """Roster position of each member's worker (-1 when none), by worker ID, else by 职工编号."""
    owner = np.full(m.n, -1, dtype=np.int64)
    pos = np.flatnonzero(person)
    for field, roster_keys, member_keys in (
        ("worker_id", roster_ids, _keys(m.text("worker_id")) if m.has("worker_id") else None),
        ("worker_no", c.text("worker_no"), m.text("worker_no") if m.has("worker_no") else None),
    ):
        if member_keys is None or not c.has("id" if field == "worker_id" else field):
            continue
        k = pd.Series(roster_keys.to_numpy(dtype=object)[pos])
        keep = (k != "").to_numpy() & ~k.duplicated().to_numpy()
        index = pd.Index(k[keep].to_numpy())
        at = index.get_indexer(member_keys.to_numpy(dtype=object))
        found = (at >= 0) & (owner < 0) & (member_keys != "").to_numpy()
        owner[found] = pos[keep][at[found]]
    return owner


def _rows_of(rows: np.ndarray, label: str) -> str:
    """Rows cited as Excel cites them, in any language: 家庭成员!10,11 (five at most)."""
    return f"{label}!{','.join(map(str, rows[:5].tolist()))}{'…' if len(rows) > 5 else ''}"


def household(c: Cells, ids: pd.DataFrame | None, person: np.ndarray, members: Roster) -> Household:
    """Derive each worker's household from the member list; findings go to both collectors."""
    m = Cells(members)
    label = members.sheet or members.path.name
    n = c.n
    roster_ids = _keys(ids["id"]) if ids is not None else as_text(c.empty)
    owner = _owners(c, roster_ids, person, m)
    present = ~(blank(m.text("id")) & blank(m.text("name")))
    kw = m.text("worker_id") if m.has("worker_id") else m.text("worker_no")
    m.P.add("member_no_worker", present & (owner < 0), m.col("worker_id") or m.col("worker_no"), kw)
    mine = present & (owner >= 0)
    o = owner[mine]
    count = np.bincount(o, minlength=n)
    listed = count > 0
    # incomes: monthly × 12, else yearly; a blank cell is no income
    yearly_m = np.zeros(m.n, dtype=np.int64)
    bad = np.zeros(m.n, bool)
    for f, factor in (("income_annual", 1), ("income", 12)):  # a monthly figure wins over a yearly one
        if m.has(f):
            u, empty, b = _amounts(m.text(f))
            yearly_m = np.where(~empty & ~b, factor * u, yearly_m)
            bad = np.where(~empty, b, bad)
            m.P.add("member_income_invalid", mine & b, m.col(f), m.text(f))
    yearly = np.zeros(n, dtype=np.int64)
    np.add.at(yearly, o, yearly_m[mine])
    bad_hh = np.bincount(owner[mine & bad], minlength=n) > 0
    own, own_blank, own_bad = _amounts(c.text("own_income"))
    income_ok = listed & c.has("own_income") & ~own_blank & ~own_bad & ~bad_hh
    yearly = yearly + 12 * own
    school = np.bincount(o, weights=_flags(m, "status", _SCHOOL, _NOT_SCHOOL)[mine], minlength=n)
    ill = np.bincount(o, weights=_flags(m, "health", _ILL, None)[mine], minlength=n)
    hh = Household(listed, np.where(listed, count + 1, 0), yearly, income_ok,
                   school.astype(np.int64), ill.astype(np.int64), int(mine.sum()), pd.DataFrame())  # fmt: skip
    _stated(c, hh, owner, mine, members.rows, label)
    _shared(m, c, roster_ids, person, present, mine, members.rows, label)
    p = m.P.frame()
    p.insert(0, "sheet", label)  # member rows say their sheet (or file): 家庭成员!15
    hh.problems = p
    return hh


def _flags(m: Cells, f: str, yes: re.Pattern, no: re.Pattern | None) -> np.ndarray:
    """Member rows whose text matches ``yes`` (and not ``no``); each distinct value tested once."""
    t = m.text(f)
    codes, uniq = pd.factorize(t)
    u = pd.Series(uniq, dtype=object).astype(str)
    hit = u.str.contains(yes).to_numpy(bool).copy()
    if no is not None:
        hit &= ~u.str.contains(no).to_numpy(bool)
    return hit[codes].astype(float) if len(uniq) else np.zeros(m.n)


def _stated(c: Cells, hh: Household, owner, mine, member_rows, label) -> None:
    """Stated size and income that differ from the members': warnings on the worker rows."""
    o = owner[mine]
    order = np.argsort(o, kind="stable")
    o_sorted, r_sorted = o[order], member_rows[mine][order]

    def where(k: np.ndarray) -> list[str]:  # the member rows of the flagged workers only
        lo, hi = np.searchsorted(o_sorted, k, "left"), np.searchsorted(o_sorted, k, "right")
        return [_rows_of(r_sorted[a:b], label) for a, b in zip(lo, hi, strict=True)]

    size = parse_numbers(c.text("household_size")).to_numpy(dtype=float, na_value=np.nan)
    differ = hh.listed & np.isfinite(size) & (size != hh.size)
    c.P.add("household_size_mismatch", differ, c.col("household_size"), c.text("household_size"),
            lambda k: [f"{s} ({w})" for s, w in zip(hh.size[k], where(np.flatnonzero(k)), strict=True)])  # fmt: skip
    monthly = c.has("household_income")
    f = "household_income" if monthly else "household_income_annual"
    u, empty, bad = _amounts(c.text(f))
    stated_year = 12 * u if monthly else u
    differ = hh.income_ok & ~empty & ~bad & (np.abs(stated_year - hh.yearly) > 12 * MICRO)
    c.P.add("household_income_mismatch", differ, c.col(f), c.text(f),
            lambda k: [f"{y / 12 / MICRO:.2f} ({w})" for y, w in zip(hh.yearly[k], where(np.flatnonzero(k)), strict=True)])  # fmt: skip


def _shared(m: Cells, c: Cells, roster_ids, person, present, mine, member_rows, label) -> None:
    """A member listed twice, or who is a worker of the roster: warnings on the member rows."""
    if not m.has("id"):
        return
    key = _keys(m.text("id"))
    k = key.where(pd.Series(mine) & (key != ""), "")
    twice = (k != "") & k.duplicated(keep=False)
    if twice.any():
        rows = pd.Series(member_rows[twice.to_numpy()], index=k[twice].index)
        groups = rows.groupby(k[twice]).agg(lambda r: r.tolist())
        others = [
            _rows_of(np.array([x for x in groups[key_] if x != r]), label)
            for key_, r in zip(k[twice], rows, strict=True)
        ]
        detail = np.full(m.n, "", dtype=object)
        detail[twice.to_numpy()] = others
        m.P.add("member_in_two_households", twice.to_numpy(), m.col("id"), m.text("id"), detail)
    pos = np.flatnonzero(person & (roster_ids != "").to_numpy())
    index = pd.Index(roster_ids.to_numpy(dtype=object)[pos]).drop_duplicates()
    first = pd.Series(pos, index=roster_ids.to_numpy(dtype=object)[pos])
    first = first[~first.index.duplicated()]
    at = index.get_indexer(k.to_numpy(dtype=object))
    worker = (at >= 0) & (k != "").to_numpy() & present
    rrow = c.roster.rows
    m.P.add("member_is_worker", worker, m.col("id"), m.text("id"),
            lambda w: [_rows_of(np.array([rrow[first.iloc[a]]]), c.roster.sheet or c.roster.path.name) for a in at[w]])  # fmt: skip
