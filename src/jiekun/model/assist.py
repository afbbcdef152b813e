"""Counting the assistance ledger: 人次, 人数, amounts in fen, coverage, and what to check.

``assist`` is a pure, vectorised function of a ledger (a ``Roster`` read with
:data:`~jiekun.model.assist_ledger.LEDGER_FIELDS`) and, optionally, a classified
roster. The counting rules are part of the ``assist --json`` contract
(docs/design.md, "Assistance ledger"):

* rows dated outside the period count in ``rows_read`` only; every other figure
  covers the rows in the period (dates inclusive at both ends);
* 人次 is the sum of the 人次 column (a blank cell counts 1; no column: 1 a row);
  人数 is the number of distinct valid IDs (15/18 digits, x/X and spaces are one
  person); rows without a valid ID count in acts and amount and in ``no_valid_id``;
* amounts are summed exactly in integer fen (see ``amounts_fen``);
* possible doubles are flagged, never removed; a cap is exceeded only strictly.

Blank rows, 合计 rows and footers are not acts of help; they count in ``rows_read``
and ``non_act_rows``. A row whose date is blank or not understood is an error and
counts in ``rows_read`` only. Problem records cover the rows in the period (and every
row whose date cannot be placed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from jiekun.model import assist_ledger as L
from jiekun.model.assist_result import AssistResult, Coverage
from jiekun.model.cells import Cells, blank
from jiekun.model.classification import Classified
from jiekun.model.id_findings import id_findings
from jiekun.model.ids import check_ids
from jiekun.model.roster import Roster
from jiekun.model.row_kinds import FOOTER_WORDS, TOTAL_WORDS, WORKER, all_blank, contains
from jiekun.model.values import parse_dates, parse_numbers

__all__ = ["AssistResult", "Coverage", "assist", "union_year"]

union_year = L.union_year
_MAX_ACTS = 100_000


@dataclass
class _Ledger:
    """The ledger's cells as parsed, one entry per row read."""

    c: Cells
    act: np.ndarray  # an act of help (not blank, 合计 or a footer)
    date: np.ndarray  # datetime64[D], NaT when blank or not understood
    ids: pd.DataFrame
    kind: np.ndarray
    acts: np.ndarray
    fen: np.ndarray
    flags: dict[str, np.ndarray] = field(default_factory=dict)


def _non_acts(c: Cells, valid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(not an act, unexplained): blank, 合计/总计 and footer rows; "unexplained" ones carry no footer word.

    A footer names no one and nothing: no ID, no name, no kind and no amount.
    """
    data = c.roster.data.reset_index(drop=True)
    if not len(data.columns):
        return np.ones(c.n, bool), np.zeros(c.n, bool)
    empty = all_blank(data)
    lead = list(dict.fromkeys([*data.columns[:3], c.roster.fields.get("name", data.columns[0])]))
    total = contains(data, ~valid & ~empty, lead, TOTAL_WORDS)
    nobody = np.logical_and.reduce([blank(c.text(f)) for f in ("id", "name", "kind", "amount")])
    nobody &= ~empty & ~total
    signed = contains(data, nobody, list(data.columns), FOOTER_WORDS)
    return empty | total | nobody, nobody & ~signed


def _parse(ledger: Roster, words: Mapping[str, str]) -> _Ledger:
    """Parse every cell the counting needs, each distinct value once."""
    c = Cells(ledger)
    ids = check_ids(c.text("id"))
    not_act, unexplained = _non_acts(c, ids["valid"].to_numpy(bool))
    if c.has("date"):
        date = parse_dates(c.text("date"))["date"].to_numpy(dtype="datetime64[D]")
    else:
        date = np.full(c.n, np.datetime64("NaT"), dtype="datetime64[D]")
    kind, kind_blank, kind_unknown = L.kind_codes(c.text("kind"), words)
    acts_txt = c.text("acts")
    a = np.nan_to_num(parse_numbers(acts_txt).to_numpy(dtype=float, na_value=np.nan), nan=-1.0)
    acts_ok = (a >= 1) & (a <= _MAX_ACTS) & (np.floor(a) == a)
    acts = np.where(acts_ok, a, 1).astype(np.int64)
    fen, status = L.amounts_fen(c.text("amount"))
    flags = {
        "not_an_act": unexplained,
        "kind_blank": kind_blank,
        "kind_unknown": kind_unknown,
        "acts_invalid": ~blank(acts_txt) & ~acts_ok,
        "amount_status": status,
    }
    return _Ledger(c, ~not_act, date, ids, kind, acts, fen, flags)


def _period(g: _Ledger, has_date: bool, start: dt.date | None, end: dt.date | None):
    """The rows counted, and the period as dates (the ledger's first and last when not given)."""
    if not has_date:
        return g.act.copy(), start, end
    dated = g.act & ~np.isnat(g.date)
    if start is None and dated.any():
        start = g.date[dated].min().astype(dt.date)
    if end is None and dated.any():
        end = g.date[dated].max().astype(dt.date)
    inside = dated.copy()
    if start is not None:
        inside &= g.date >= np.datetime64(start, "D")
    if end is not None:
        inside &= g.date <= np.datetime64(end, "D")
    return inside, start, end


def _findings(g: _Ledger, ledger: Roster, counted: np.ndarray) -> None:
    """Problem records: dates, IDs, kinds, 人次 and amounts of the counted rows."""
    c, P, col = g.c, g.c.P, g.c.col
    if "date" in ledger.fields:
        d_txt = c.text("date")
        d_blank = (d_txt == "").to_numpy(bool)
        undated = g.act & np.isnat(g.date)
        P.add("assist_date_missing", undated & d_blank, col("date"), d_txt)
        P.add("assist_date_invalid", undated & ~d_blank, col("date"), d_txt)
    if "id" in ledger.fields:
        id_findings(c, g.ids, counted)
    f, k_txt = g.flags, c.text("kind")
    P.add("assist_kind_missing", counted & f["kind_blank"], col("kind"), k_txt)
    P.add("assist_kind_unknown", counted & f["kind_unknown"], col("kind"), k_txt)
    P.add("assist_acts_invalid", counted & f["acts_invalid"], col("acts"), c.text("acts"))
    st, a_txt = f["amount_status"], c.text("amount")
    P.add("assist_amount_invalid", counted & (st == L.AMOUNT_INVALID), col("amount"), a_txt)
    P.add("assist_amount_fraction", counted & (st == L.AMOUNT_FRACTION), col("amount"), a_txt)
    P.add("assist_amount_rounded", counted & (st == L.AMOUNT_ROUNDED), col("amount"), a_txt,
          lambda m: [L.fen_text(x) for x in g.fen[m].tolist()])  # fmt: skip
    P.add("assist_amount_negative", counted & (g.fen < 0), col("amount"), a_txt)
    P.add("assist_not_an_act", f["not_an_act"])


def _acts_frame(g: _Ledger, counted: np.ndarray, has_date: bool) -> pd.DataFrame:
    """One row per counted act of help: where it is, who, what, when, how much."""
    pos = np.flatnonzero(counted)
    valid = g.ids["valid"].to_numpy(bool)[pos]
    date = g.date[pos]
    month = date.astype("datetime64[M]").astype(np.int64) if has_date else np.full(len(pos), -1)
    unit = g.c.text("unit").to_numpy(dtype=object)[pos]
    ids = np.where(valid, g.ids["id"].to_numpy(dtype=object)[pos], "")
    who = np.where(valid, pd.factorize(ids)[0], -1)  # the person as a number: groupbys stay fast
    return pd.DataFrame(
        {
            "pos": pos,
            "row": np.asarray(g.c.roster.rows)[pos],
            "id": ids,
            "who": who,
            "raw_id": g.c.text("id").to_numpy(dtype=object)[pos],
            "id_status": g.ids["status"].to_numpy()[pos],
            "valid": valid,
            "name": g.c.text("name").to_numpy(dtype=object)[pos],
            "kind": g.kind[pos],
            "date": date,
            "month": month,
            "quarter": np.where(month >= 0, month // 3, -1),
            "acts": g.acts[pos],
            "fen": g.fen[pos],
            "unit": unit,
        }
    )


def _breakdown(rows: pd.DataFrame, by: str, keys: np.ndarray | list) -> pd.DataFrame:
    """acts, people (distinct valid IDs) and fen for each value of ``by``, in the order of ``keys``."""
    grouped = rows.groupby(by, sort=False)[["acts", "fen"]].sum()
    people = rows[rows["valid"]].drop_duplicates([by, "who"]).groupby(by, sort=False).size()
    out = pd.DataFrame(index=pd.Index(keys, name=by))
    out["acts"] = grouped["acts"].reindex(out.index, fill_value=0).astype(np.int64)
    out["people"] = people.reindex(out.index, fill_value=0).astype(np.int64)
    out["fen"] = grouped["fen"].reindex(out.index, fill_value=0).astype(np.int64)
    return out.reset_index()


def _months_between(rows: pd.DataFrame, start: dt.date | None, end: dt.date | None) -> np.ndarray:
    """Every month of the period (months since 1970), or of the counted rows when it is open."""
    seen = rows["month"][rows["month"] >= 0]
    lo = np.datetime64(start, "M").astype(np.int64) if start else (seen.min() if len(seen) else 0)
    hi = np.datetime64(end, "M").astype(np.int64) if end else (seen.max() if len(seen) else -1)
    return np.arange(lo, hi + 1, dtype=np.int64)


def _units(rows: pd.DataFrame) -> list[str]:
    """Units by acts, most first (ties by name)."""
    acts = rows.groupby("unit", sort=True)["acts"].sum()
    return acts.sort_values(ascending=False, kind="stable").index.tolist()


def _audit(rows: pd.DataFrame, caps_fen: Mapping[int, int]) -> dict[str, pd.DataFrame]:
    """Possible doubles, per-person totals over a cap, invalid IDs (the roster-free part of 待核实)."""
    v = rows[rows["valid"]]
    same = ["who", "kind", "date", "fen"]
    double = v.duplicated(same, keep="first")
    first = v.drop_duplicates(same)[[*same, "row"]]
    doubles = v[double].merge(first.rename(columns={"row": "first_row"}), on=same)
    totals = (
        v.groupby(["who", "kind"], sort=False)
        .agg(id=("id", "first"), fen=("fen", "sum"), name=("name", "first"))
        .reset_index()
        .sort_values(["id", "kind"], kind="stable")
    )
    totals["cap"] = totals["kind"].map(caps_fen).astype("Int64")
    over = totals[(totals["fen"] > totals["cap"]).fillna(False).to_numpy(bool)]
    invalid = rows[~rows["valid"] & (rows["raw_id"] != "")]
    return {"possible_doubles": doubles, "over_cap": over.reset_index(drop=True), "invalid_id": invalid}


def _coverage(rows: pd.DataFrame, classified: Classified) -> tuple[Coverage, dict[str, pd.DataFrame]]:
    """Coverage of the roster's hardship workers, the 帮扶空白 list, and help to people off the list."""
    f = classified.frame
    ntiers = len(classified.rules.tiers)
    workers = f[f["kind"] == WORKER]
    rid_valid = workers["id_status"].astype(str).isin(["ok", "legacy15"]).to_numpy()
    tier = workers["tier"].to_numpy()
    hardship = (tier >= 0) & (tier < ntiers)
    helped = set(rows.loc[rows["valid"], "id"].unique().tolist())
    ids = workers["id"].astype(str)
    covered = rid_valid & hardship & ids.isin(helped).to_numpy()
    phone = classified.roster.column("phone")
    phone_t = (
        pd.Series("", index=f.index, dtype=object)
        if phone is None
        else pd.Series(phone.reset_index(drop=True).to_numpy(dtype=object), index=f.index)
    )
    gap = workers[hardship & ~covered].assign(phone=phone_t[workers.index[hardship & ~covered]].to_numpy())
    on = pd.Series(hardship, index=ids.where(rid_valid, ""))
    on = on[on.index != ""]
    v = rows["valid"].to_numpy()
    known = rows["id"].isin(on.index).to_numpy()
    is_hard = rows["id"].map(on).fillna(False).to_numpy(bool)
    ages = list(f["age_group"].cat.categories)
    wk = workers.assign(_h=hardship, _c=covered)
    by_age = wk[wk["_h"]].groupby("age_group", observed=False)[["_h", "_c"]].sum().reindex(ages, fill_value=0)
    cov = Coverage(
        hardship=int(hardship.sum()),
        covered=int(covered.sum()),
        no_valid_id=int((hardship & ~rid_valid).sum()),
        by_tier=[(i, int((tier == i).sum()), int((covered & (tier == i)).sum())) for i in range(ntiers)],
        by_age_gender=[(k, int(by_age.loc[k, "_h"]), int(by_age.loc[k, "_c"])) for k in ages],
    )
    lists = {
        "uncovered": gap[["row", "id", "name", "tier", "age_group", "employer", "phone"]].reset_index(
            drop=True
        ),
        "not_on_roster": rows[v & ~known],
        "not_hardship": rows[v & known & ~is_hard],
    }
    return cov, lists


def assist(
    ledger: Roster,
    *,
    roster: Classified | None = None,
    period_from: dt.date | None = None,
    period_to: dt.date | None = None,
    kinds_extra: Mapping[str, Sequence[str]] | None = None,
    caps: Mapping[str, float | int | str] | None = None,
) -> AssistResult:
    """Every figure of ``assist --json`` for one ledger (and a classified roster, for coverage).

    ``kinds_extra`` adds synonyms per kind key; ``caps`` is kind key → yuan per person in
    the period. Raises ``KeyError`` for an unknown kind key and ``ValueError`` for a cap
    below one fen (the rules reader reports both with the file's line).
    """
    words = L.kind_words(kinds_extra)
    caps_fen = {L.KIND_KEYS.index(k): L.yuan_to_fen(v) for k, v in (caps or {}).items()}
    g = _parse(ledger, words)
    has_date = "date" in ledger.fields
    counted, start, end = _period(g, has_date, period_from, period_to)
    _findings(g, ledger, counted)
    rows = _acts_frame(g, counted, has_date)
    months = _months_between(rows, start, end) if has_date else np.zeros(0, np.int64)
    audit = _audit(rows, caps_fen)
    coverage = None
    if roster is not None:
        coverage, lists = _coverage(rows, roster)
        audit.update(lists)
    return AssistResult(
        source=ledger.source,
        roster_source=roster.roster.source if roster is not None else None,
        rules=roster.rules if roster is not None else None,
        start=start,
        end=end,
        rows_read=ledger.rows_read,
        non_act_rows=int((~g.act).sum()),
        rows=rows,
        by_kind=_breakdown(rows, "kind", list(range(len(L.KIND_KEYS)))),
        by_month=_breakdown(rows, "month", months),
        by_quarter=_breakdown(rows, "quarter", np.unique(months // 3)),
        by_unit=_breakdown(rows, "unit", _units(rows)),
        coverage=coverage,
        lists=audit,
        caps_fen=caps_fen,
        problems=g.c.P.frame(),
        ledger=ledger,
        as_of=roster.as_of if roster is not None else None,
        kinds_extra={k: tuple(v) for k, v in (kinds_extra or {}).items()},
    )
