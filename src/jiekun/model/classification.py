"""Classification: per-capita income, tier, age, gender, groups — one vectorised pass.

``classify`` is a pure function of the roster's text cells, the rules and the
as-of date. It never raises for a bad cell: each finding becomes a problem
record. Income is compared exactly: amounts are held as integer millionths of a
yuan and the tier test ``income ≤ bound × household size`` is done in integers,
so 280.00 is hardship and 280.004 is not.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jiekun.model.ids import check_ids
from jiekun.model.labels import age_gender_keys
from jiekun.model.problems import ProblemCollector
from jiekun.model.roster import Roster
from jiekun.model.rules import Rules
from jiekun.model.values import WHITESPACE, WHITESPACE_RE, normalize_text, parse_dates, parse_numbers

MICRO = 1_000_000
_MAX_AMOUNT = 1e9  # amounts beyond this are not incomes (and would overflow the integer test)
_W = WHITESPACE_RE + "*"
# a total row starts with 合计/总计/小计… (spaces allowed between the characters: "合  计")
_TOTAL = (
    "^"
    + _W
    + "(?:"
    + "|".join(f"{a}{_W}{b}" for a, b in ("合计", "总计", "小计", "共计", "总数", "累计"))
    + ")"
)
_FOOTER = "填表|审核|制表|负责人|填报|日期|说明|注[:：]|备注"
_GENDER = {"男": True, "m": True, "male": True, "1": True, "男性": True,
           "女": False, "f": False, "female": False, "2": False, "女性": False}  # fmt: skip
_EDU_SUFFIX = re.compile(r"(毕业|肄业|在读|结业|学历|文化|程度|及以下|以下|及以上|以上)+$")
_CAUSE_SPLIT = re.compile(r"[、,，;；/／\s]+")

#: Row kinds: only "worker" rows are counted; the rest are accounted for separately.
WORKER, DUPLICATE, BLANK, TOTAL, FOOTER = "worker", "duplicate", "blank", "total", "footer"
KINDS = [WORKER, DUPLICATE, BLANK, TOTAL, FOOTER]


@dataclass
class Classified:
    """The classified roster: one row per row read, plus the problem records."""

    roster: Roster
    rules: Rules
    as_of: dt.date
    frame: pd.DataFrame
    problems: pd.DataFrame

    @property
    def workers(self) -> pd.DataFrame:
        """The counted workers (duplicates and non-worker rows excluded)."""
        return self.frame[self.frame["kind"] == WORKER]


#: ID statuses whose 18 characters identify a person for duplicate detection.
DUPLICATE_STATUSES = ["ok", "legacy15", "bad_checksum", "bad_birth"]


def id_numbers(ids: pd.Series) -> np.ndarray:
    """18-character IDs as int64 keys: the first 17 digits × 11 + the check value (X = 10)."""
    if len(ids) == 0:
        return np.zeros(0, dtype=np.int64)
    b = np.frombuffer("".join(ids.tolist()).encode("ascii"), dtype=np.uint8).reshape(-1, 18)
    key = np.zeros(len(b), dtype=np.int64)
    for col in range(17):
        key = key * 10 + (b[:, col] - 48)
    check = np.where(b[:, 17] == ord("X"), 10, b[:, 17].astype(np.int64) - 48)
    return key * 11 + check


class DuplicateIndex:
    """The first row of every ID seen so far: sorted runs of int64 keys, one run per chunk."""

    def __init__(self) -> None:
        self.runs: list[tuple[np.ndarray, np.ndarray]] = []  # (sorted keys, their first rows)

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
        if new.any():
            self.runs.append((k[new], r[new]))
        out = np.empty(len(keys), dtype=np.int64)
        out[order] = earlier
        return out


def first_ids(result: Classified) -> tuple[np.ndarray, np.ndarray]:
    """The ID keys and rows of the counted workers whose ID can repeat (for cross-chunk duplicates)."""
    f = result.frame
    m = (f["kind"] == WORKER).to_numpy() & f["id_status"].astype(str).isin(DUPLICATE_STATUSES).to_numpy()
    m &= (f["id"].astype(str).str.len() == 18).to_numpy()
    return id_numbers(f["id"][m].astype(str)), f["row"].to_numpy()[m]


def _all_blank(frame: pd.DataFrame) -> np.ndarray:
    """Rows whose every cell is empty or whitespace."""
    out = np.ones(len(frame), dtype=bool)
    for c in frame.columns:
        out &= (frame[c].str.strip(WHITESPACE) == "").to_numpy(dtype=bool)
    return out


def _blank(s: pd.Series) -> np.ndarray:
    return (s == "").to_numpy()


def _amount_micro(x: pd.Series) -> np.ndarray:
    """Float amounts → int64 millionths (0 where NaN; the caller masks those)."""
    a = x.to_numpy(dtype=float, na_value=np.nan)
    ok = np.isfinite(a) & (np.abs(np.nan_to_num(a)) <= _MAX_AMOUNT)
    return np.rint(np.where(ok, a, 0.0) * MICRO).astype(np.int64)


def education_bucket(value: str, vocab: dict[str, str]) -> str | None:
    """The bucket of one raw education value; None when it is unknown.

    Exact match first, then the value without 毕业/肄业/在读…, then the longest known
    level it contains (大学本科 → 本科).
    """
    if value in vocab:
        return vocab[value]
    core = _EDU_SUFFIX.sub("", value)
    if core in vocab:
        return vocab[core]
    for word in sorted(vocab, key=len, reverse=True):
        if word in value:
            return vocab[word]
    return None


def cause_keys(value: str, words: dict[str, str], order: list[str]) -> tuple[list[str], list[str]]:
    """The cause keys one cell names (each once, in report order) and its unknown parts."""
    found, unknown = set(), []
    by_len = sorted(words, key=len, reverse=True)
    for part in _CAUSE_SPLIT.split(value):
        if not part:
            continue
        if part in words:
            found.add(words[part])
            continue
        hit = next((w for w in by_len if w in part), None)
        if hit:
            found.add(words[hit])
        else:
            found.add("other")
            unknown.append(part)
    return [k for k in order if k in found], unknown


def _map_unique(s: pd.Series, fn) -> pd.Series:
    """Apply ``fn`` to each distinct value only (rosters repeat a few values a lot)."""
    codes, uniques = pd.factorize(s, sort=False)
    mapped = pd.Series([fn(u) for u in uniques], dtype=object)
    return pd.Series(mapped.to_numpy()[codes] if len(uniques) else [], index=s.index, dtype=object)


def _months(d: pd.Series) -> np.ndarray:
    """Months since 1970 of a datetime Series (NaT → a sentinel that never matches)."""
    return d.to_numpy(dtype="datetime64[M]").astype(np.int64)


def _days(d: pd.Series) -> np.ndarray:
    return d.to_numpy(dtype="datetime64[D]").astype(np.int64)


def _age_on(birth: pd.Series, as_of: dt.date) -> pd.Series:
    """Completed years on ``as_of`` (a birthday on that date counts), without Python per row."""
    b = birth.to_numpy(dtype="datetime64[D]")
    known = ~np.isnat(b)
    months = b.astype("datetime64[M]")
    year = months.astype("datetime64[Y]").astype(np.int64) + 1970
    month = months.astype(np.int64) % 12 + 1
    day = (b - months.astype("datetime64[D]")).astype(np.int64) + 1
    before = (month > as_of.month) | ((month == as_of.month) & (day > as_of.day))
    age = as_of.year - year - before
    return pd.Series(pd.arrays.IntegerArray(np.where(known, age, 0), ~known), index=birth.index)


class _Cells:
    """A roster's fields as normalised text (each normalised once), and its problem collector."""

    def __init__(self, roster: Roster):
        self.roster = roster
        self.n = roster.rows_read
        self.idx = pd.RangeIndex(self.n)
        self.P = ProblemCollector(roster.rows)
        self.empty = pd.Series([""] * self.n, index=self.idx, dtype=object)
        self._cache: dict[str, pd.Series] = {}

    def text(self, f: str) -> pd.Series:
        if f not in self._cache:
            s = self.roster.column(f)
            self._cache[f] = self.empty if s is None else normalize_text(s.reset_index(drop=True))
        return self._cache[f]

    def col(self, f: str) -> str:
        return self.roster.fields.get(f, "")


def _row_kinds(c: _Cells, ids: pd.DataFrame | None, seen: DuplicateIndex | None) -> np.ndarray:
    """Codes into KINDS: blank, total and footer rows, workers, and duplicates of an earlier ID."""
    text, col, P, n, roster = c.text, c.col, c.P, c.n, c.roster
    data = roster.data.reset_index(drop=True)
    id_raw, name = text("id"), text("name")
    inc_cols = [
        f for f in ("household_income", "household_income_annual", "per_capita") if f in roster.fields
    ]
    no_income = np.logical_and.reduce([_blank(text(f)) for f in inc_cols]) if inc_cols else np.ones(n, bool)
    id_valid = ids["valid"].to_numpy(dtype=bool) if ids is not None else np.zeros(n, bool)
    nobody = _blank(id_raw) & _blank(name) & no_income  # no ID, no name, no income
    blank_row = np.zeros(n, dtype=bool)
    blank_row[nobody] = _all_blank(data[nobody])
    # a total row has no valid ID and names itself in its first columns (序号, 姓名…)
    maybe_total = ~id_valid & ~blank_row
    total_row = np.zeros(n, dtype=bool)
    lead = list(dict.fromkeys([*data.columns[:3], roster.fields.get("name", data.columns[0])]))
    total_row[maybe_total] = (
        data.loc[maybe_total, lead]
        .apply(lambda c: c.str.contains(_TOTAL, regex=True))
        .any(axis=1)
        .to_numpy(bool)
    )
    footer_row = nobody & ~blank_row & ~total_row
    kind = np.zeros(n, dtype=np.int8)  # codes into KINDS
    kind[blank_row] = KINDS.index(BLANK)
    kind[total_row] = KINDS.index(TOTAL)
    kind[footer_row] = KINDS.index(FOOTER)
    footer_words = np.zeros(n, dtype=bool)
    if footer_row.any():
        signed = data[footer_row].apply(lambda c: c.str.contains(_FOOTER, regex=True)).any(axis=1)
        footer_words[footer_row] = signed.to_numpy(dtype=bool)
    P.add("not_a_worker", footer_row & ~footer_words)

    person = kind == KINDS.index(WORKER)
    if ids is not None:
        status = ids["status"].astype(str).to_numpy()
        dup_able = person & np.isin(status, DUPLICATE_STATUSES) & (ids["id"].str.len() == 18).to_numpy(bool)
        pos = np.flatnonzero(dup_able)
        earlier = (seen or DuplicateIndex()).first_rows(
            id_numbers(ids["id"][dup_able]), np.asarray(roster.rows)[pos]
        )
        dup = np.zeros(n, dtype=bool)
        dup[pos[earlier >= 0]] = True
        first_row = np.zeros(n, dtype=np.int64)
        first_row[pos] = earlier
        kind[dup] = KINDS.index(DUPLICATE)
        P.add("duplicate_id", dup, col("id"), id_raw, lambda m: first_row[m].astype(str))
    return kind


def _id_findings(c: _Cells, ids: pd.DataFrame, examine: np.ndarray) -> None:
    """Missing, malformed, mangled and legacy ID numbers."""
    col, P = c.col, c.P
    status = ids["status"].astype(str).to_numpy()
    id_raw = c.text("id")
    for code, st in (
        ("id_missing", "blank"),
        ("id_bad_checksum", "bad_checksum"),
        ("id_bad_birth", "bad_birth"),
        ("id_lost_digits", "lost_digits"),
    ):
        P.add(code, examine & (status == st), col("id"), id_raw)
    P.add("id_malformed", examine & np.isin(status, ["bad_length", "bad_chars"]), col("id"), id_raw)
    P.add("id_legacy15", examine & (status == "legacy15"), col("id"), id_raw, ids["id"])


def _per_capita(c: _Cells, rules: Rules, examine: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The tier (-1 undetermined) and per-capita income of each row, compared exactly."""
    text, col, P, n, roster = c.text, c.col, c.P, c.n, c.roster
    size_txt, size = text("household_size"), parse_numbers(text("household_size"))
    size_a = size.to_numpy(dtype=float, na_value=np.nan)
    size_ok = (
        np.isfinite(size_a) & (size_a > 0) & (np.floor(np.nan_to_num(size_a)) == size_a) & (size_a < 1000)
    )

    def amount(f: str):
        t = text(f)
        v = parse_numbers(t)
        a = v.to_numpy(dtype=float, na_value=np.nan)
        present = f in roster.fields
        blank = _blank(t) if present else np.ones(n, bool)
        bad = present & ~blank & (~np.isfinite(a) | (np.abs(np.nan_to_num(a)) > _MAX_AMOUNT))
        ok = present & ~blank & ~bad
        return t, a, ok, blank, bad

    m_txt, m_a, m_ok, m_blank, m_bad = amount("household_income")
    y_txt, y_a, y_ok, y_blank, y_bad = amount("household_income_annual")
    p_txt, p_a, p_ok, p_blank, p_bad = amount("per_capita")
    c_txt, c_a, c_ok, _c_blank, c_bad = amount("costs")
    P.add("costs_invalid", examine & c_bad, col("costs"), c_txt)

    use_monthly = "household_income" in roster.fields
    inc_txt, inc_a, inc_ok, inc_blank, inc_bad, inc_col = (
        (m_txt, m_a, m_ok, m_blank, m_bad, col("household_income"))
        if use_monthly
        else (y_txt, y_a, y_ok, y_blank, y_bad, col("household_income_annual"))
    )
    inc_neg = inc_ok & (np.nan_to_num(inc_a) < 0)
    p_neg = p_ok & (np.nan_to_num(p_a) < 0)
    hh = inc_ok & ~inc_neg & size_ok
    stated = p_ok & ~p_neg
    determined = hh | stated

    costs_u = np.where(c_ok, _amount_micro(pd.Series(c_a)), 0)
    inc_u = _amount_micro(pd.Series(inc_a))
    # numerator and denominator of the exact per-capita quotient (in millionths)
    num = np.where(hh, (12 * inc_u if use_monthly else inc_u) - costs_u, _amount_micro(pd.Series(p_a)))
    den = np.where(hh, 12 * np.where(size_ok, size_a, 1).astype(np.int64), 1)
    tier = np.full(n, len(rules.tiers), dtype=np.int64)
    for i in reversed(range(len(rules.tiers))):
        bound = np.int64(round(rules.tiers[i].max_per_capita * MICRO)) * den
        inside = num <= bound if rules.inclusive else num < bound
        tier[inside] = i
    tier[~determined] = -1
    per_capita = np.where(determined, num / den / MICRO, np.nan)

    # undetermined: say why, once per row, most basic reason first
    und = examine & ~determined
    has_hh_cols = "household_size" in roster.fields and (
        "household_income" in roster.fields or "household_income_annual" in roster.fields
    )
    if has_hh_cols:
        P.add("income_missing", und & inc_blank, inc_col, inc_txt)
        P.add("income_invalid", und & inc_bad, inc_col, inc_txt)
        P.add("income_negative", und & inc_neg, inc_col, inc_txt)
        P.add("size_missing", und & _blank(size_txt), col("household_size"), size_txt)
        P.add("size_invalid", und & ~_blank(size_txt) & ~size_ok, col("household_size"), size_txt)
    else:
        P.add("income_missing", und & p_blank, col("per_capita"), p_txt)
        P.add("income_invalid", und & p_bad, col("per_capita"), p_txt)
        P.add("income_negative", und & p_neg, col("per_capita"), p_txt)
    computed = np.where(hh, num / den / MICRO, np.nan)
    mismatch = examine & hh & stated & (np.abs(computed - np.nan_to_num(p_a)) > rules.per_capita_tolerance)
    P.add(
        "per_capita_mismatch",
        mismatch,
        col("per_capita"),
        p_txt,
        lambda m: [f"{x:.2f}" for x in computed[m]],
    )
    monthly_inc = np.where(use_monthly, inc_a, inc_a / 12)
    P.add(
        "income_high",
        examine & inc_ok & (np.nan_to_num(monthly_inc) > rules.max_household_income),
        inc_col,
        inc_txt,
    )
    return tier, per_capita


def _age_gender(
    c: _Cells, ids: pd.DataFrame | None, rules: Rules, as_of: dt.date, examine: np.ndarray, person: np.ndarray
) -> tuple[pd.Series, pd.Series]:
    """Gender and completed age: a valid ID first, then the columns, then the ID's digits."""
    text, col, P, n, idx = c.text, c.col, c.P, c.n, c.idx
    id_raw = text("id")
    id_valid = ids["valid"].to_numpy(dtype=bool) if ids is not None else np.zeros(n, bool)
    g_txt = text("gender")
    g_col = _map_unique(g_txt, lambda v: _GENDER.get(v.lower())).astype("boolean")
    P.add("gender_invalid", examine & ~_blank(g_txt) & g_col.isna().to_numpy(), col("gender"), g_txt)
    b_txt = text("birth")
    bd = parse_dates(b_txt)
    b_col = bd["date"]
    P.add("birth_invalid", examine & ~_blank(b_txt) & b_col.isna().to_numpy(), col("birth"), b_txt)

    if ids is not None:
        id_birth, id_male = ids["birth"], ids["male"].astype("boolean")
    else:
        id_birth = pd.Series(pd.NaT, index=idx, dtype="datetime64[s]")
        id_male = pd.Series(pd.NA, index=idx, dtype="boolean")
    valid = pd.Series(id_valid, index=idx)
    male = id_male.where(valid, g_col)
    birth = id_birth.where(valid, b_col)
    digits_ok = ~valid & ~pd.Series(ids["status"].isin(["blank", "lost_digits", "bad_length", "bad_chars"]).to_numpy()
                                   if ids is not None else np.ones(n, bool), index=idx)  # fmt: skip
    from_digits_g = (digits_ok & male.isna() & id_male.notna()).to_numpy()
    from_digits_b = (digits_ok & birth.isna() & id_birth.notna()).to_numpy()
    male = male.where(~from_digits_g, id_male)
    birth = birth.where(~from_digits_b, id_birth)
    used = np.where(from_digits_g & from_digits_b, "年龄和性别", np.where(from_digits_g, "性别", "年龄"))
    P.add("id_digits_used", examine & (from_digits_g | from_digits_b), col("id"), id_raw, used)

    g_mis = (valid & g_col.notna() & id_male.notna() & (g_col != id_male)).fillna(False).to_numpy(dtype=bool)
    P.add(
        "id_gender_mismatch",
        examine & g_mis,
        col("gender"),
        g_txt,
        lambda m: np.where(id_male[m].to_numpy(dtype=bool), "男", "女"),
    )
    b_days, id_days = _days(b_col), _days(id_birth)
    same_month = _months(b_col) == _months(id_birth)
    same = same_month & (bd["month_only"].to_numpy(dtype=bool) | (b_days == id_days))
    b_mis = (valid & b_col.notna() & id_birth.notna()).to_numpy(dtype=bool) & ~same
    P.add(
        "id_birth_mismatch",
        examine & b_mis,
        col("birth"),
        b_txt,
        lambda m: id_birth[m].dt.strftime("%Y-%m-%d"),
    )

    as_of_ts = pd.Timestamp(as_of)
    future = (birth > as_of_ts).fillna(False).to_numpy(dtype=bool)
    P.add(
        "birth_future",
        examine & future,
        col("birth") or col("id"),
        lambda m: birth[m].dt.strftime("%Y-%m-%d"),
    )
    birth = birth.where(~future)
    age = _age_on(birth, as_of)
    a_txt = text("age")
    a_num = parse_numbers(a_txt)
    a_arr = a_num.to_numpy(dtype=float, na_value=np.nan)
    a_ok = np.isfinite(a_arr) & (a_arr >= 0) & (a_arr < 150) & (np.floor(np.nan_to_num(a_arr)) == a_arr)
    P.add("age_invalid", examine & ~_blank(a_txt) & ~a_ok, col("age"), a_txt)
    age = age.where(age.notna(), pd.Series(np.where(a_ok, a_arr, np.nan), index=idx).astype("Int64"))
    implausible = (age.notna() & ((age < rules.min_age) | (age > rules.max_age))).fillna(False)
    P.add("age_implausible", examine & implausible.to_numpy(dtype=bool), col("birth") or col("id") or col("age"),
          None, lambda m: age[m].astype(str))  # fmt: skip
    P.add("age_unknown", person & age.isna().to_numpy())
    P.add("gender_unknown", person & male.isna().to_numpy())

    return male, age


def _groups(c: _Cells, rules: Rules, male: pd.Series, age: pd.Series, examine: np.ndarray):
    """Age–gender group codes, education buckets and cause keys."""
    text, col, P = c.text, c.col, c.P
    keys = age_gender_keys(rules)
    mm = male.fillna(False).to_numpy(dtype=bool)
    ff = (~male.fillna(True)).to_numpy(dtype=bool)
    ag = age.fillna(-1).to_numpy(dtype=np.int64)
    known = age.notna().to_numpy()
    group = np.select(
        [
            mm & known & (ag < rules.male_split),
            mm & known & (ag >= rules.male_split),
            ff & known & (ag >= rules.female_split),
            ff & known & (ag < rules.female_split),
        ],
        [0, 1, 2, 3],
        default=4,
    ).astype(np.int8)  # codes into ``keys``

    vocab = rules.education_values()
    e_txt = text("education")
    edu = _map_unique(e_txt, lambda v: education_bucket(v, vocab) if v else "unknown")
    edu_unknown = edu.isna().to_numpy()
    P.add("education_unknown", examine & edu_unknown, col("education"), e_txt)
    edu = edu.fillna("unknown")

    words = rules.cause_words()
    from jiekun.model.rules import CAUSES

    order = list(CAUSES)
    c_raw = text("cause")
    causes = _map_unique(c_raw, lambda v: "|".join(cause_keys(v, words, order)[0]))
    unknown_causes = _map_unique(c_raw, lambda v: "、".join(cause_keys(v, words, order)[1]))
    P.add(
        "cause_unknown",
        examine & (unknown_causes != "").to_numpy(),
        col("cause"),
        c_raw,
        unknown_causes,
    )

    return keys, group, edu, causes


def classify(
    roster: Roster,
    rules: Rules | None = None,
    as_of: dt.date | None = None,
    *,
    seen: DuplicateIndex | None = None,
) -> Classified:
    """Classify every row of a roster (DESIGN §2); pure and vectorised.

    ``seen`` carries the IDs of earlier chunks of the same file, so a duplicate is
    found across chunks too (it is updated with this chunk's IDs).

    >>> result = classify(load_roster("samples/survey-roster.xlsx"), Rules(), dt.date(2025, 12, 31))  # doctest: +SKIP
    """
    rules = rules or Rules()
    as_of = as_of or dt.date.today()
    c = _Cells(roster)
    ids = check_ids(c.text("id")) if "id" in roster.fields else None
    kind = _row_kinds(c, ids, seen)
    person = kind == KINDS.index(WORKER)
    examine = person | (kind == KINDS.index(DUPLICATE))
    if ids is not None:
        _id_findings(c, ids, examine)
    tier, per_capita = _per_capita(c, rules, examine)
    male, age = _age_gender(c, ids, rules, as_of, examine, person)
    keys, group, edu, causes = _groups(c, rules, male, age, examine)
    text, idx, empty, P, name = c.text, c.idx, c.empty, c.P, c.text("name")
    frame = pd.DataFrame(
        {
            "row": roster.rows,
            "kind": pd.Categorical.from_codes(kind, categories=KINDS),
            "id": ids["id"] if ids is not None else empty,
            "id_status": ids["status"] if ids is not None else empty,
            "name": name,
            "per_capita": per_capita,
            "tier": tier,
            "age": age,
            "male": male,
            "age_group": pd.Categorical.from_codes(group, categories=keys),
            "education": edu.astype("category"),
            "causes": causes.astype("category"),
            "employer": text("employer"),
            "community": text("community"),
        },
        index=idx,
    )
    return Classified(roster, rules, as_of, frame, P.frame())
