"""信息比对 (``jiekun match``): cross-check a roster with another department's list by ID number.

This module is the matching itself, on two rosters already read
(:func:`jiekun.pipeline.match.match` reads them). The reference list (the
civil-affairs 低保 list, the disabled persons' federation list, last year's
archive…) is classified with the same rules as the roster, so its own household
figures give its per-capita income. The two are joined by *validated* ID number
only:

- 15-digit legacy numbers are converted to 18 digits (``jiekun.model.ids.check_ids``)
  and match their 18-digit form;
- an ID that fails validation (blank, wrong check digit, digits lost to Excel,
  impossible birth date, wrong length) is reported on its side and never
  matched, not even when its first 17 digits equal someone else's;
- a repeated ID within one side is reported; its first row counts, the others
  take no part in the match.

For matched workers the name, household size, household monthly income,
per-capita income (beyond the rules' tolerance, 1 yuan by default) and employer
are compared, one record per disagreement. When the reference is a 低保 list
(``reference_kind="dibao"``, the default when its file name, sheet name or a
title row says 低保), matched workers that the roster does not classify as
hardship are flagged "on the 低保 list but not in hardship — check income", and
hardship workers not on the list are listed separately.

:meth:`Match.to_json` gives the JSON; :mod:`jiekun.report.match` writes the
workbook and :mod:`jiekun.render.match` the terminal summary. See docs/match.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from jiekun.model.classification import Classified, classify
from jiekun.model.columns import normalize_header
from jiekun.model.roster import Roster
from jiekun.model.row_kinds import DUPLICATE, WORKER
from jiekun.model.rules import Rules
from jiekun.model.tallies import Tally, tally
from jiekun.model.values import WHITESPACE_RE, normalize_text, parse_numbers
from jiekun.text import words

__all__ = [
    "COMPARED",
    "REFERENCE_KINDS",
    "Match",
    "Side",
    "detect_reference_kind",
    "join",
    "kind_text",
    "make_side",
    "reconciliations",
    "use_id_column",
]

#: The fields compared for matched workers, in report order.
COMPARED = ("name", "household_size", "household_income", "per_capita", "employer")
REFERENCE_KINDS = ("dibao", "generic")
#: Words in a reference's file name, sheet name or title rows that make it a 低保 list.
DIBAO_WORDS = ("低保", "最低生活保障", "dibao")
VALID_STATUSES = ("ok", "legacy15")
ROLES = ("roster", "reference")
#: Flags on the 待核实 sheet, in order.
FLAGS = (
    "reference_not_hardship",
    "hardship_not_in_reference",
    "invalid_roster",
    "invalid_reference",
    "duplicate_roster",
    "duplicate_reference",
)


@dataclass
class Side:
    """One side of the match: the file read and classified, and its counted people."""

    role: str  # "roster" | "reference"
    roster: Roster
    classified: Classified
    tally: Tally
    workers: pd.DataFrame  # one row per counted worker (see _side_table for the columns)
    duplicates: pd.DataFrame  # repeated-ID rows, with the Excel row of the first occurrence

    @property
    def valid(self) -> pd.DataFrame:
        """Workers whose ID number is valid (the only ones matched)."""
        return self.workers[self.workers["valid"].to_numpy(dtype=bool)]

    @property
    def invalid(self) -> pd.DataFrame:
        """Workers whose ID number is blank or fails validation (never matched)."""
        return self.workers[~self.workers["valid"].to_numpy(dtype=bool)]

    @property
    def id_column(self) -> str:
        return self.roster.fields["id"]


def _numbers(s: pd.Series | None, n: int) -> np.ndarray:
    if s is None:
        return np.full(n, np.nan)
    return parse_numbers(normalize_text(s.reset_index(drop=True))).to_numpy(dtype=float, na_value=np.nan)


def _side_table(classified: Classified) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(counted workers, duplicate rows) of a classified file, with the compared values."""
    f = classified.frame
    roster = classified.roster
    n = len(f)
    raw = roster.column("id")
    raw_id = normalize_text(raw.reset_index(drop=True)) if raw is not None else pd.Series([""] * n)
    size = _numbers(roster.column("household_size"), n)
    size = np.where(np.isfinite(size) & (size > 0) & (np.floor(np.nan_to_num(size)) == size), size, np.nan)
    if "household_income" in roster.fields:
        income = _numbers(roster.column("household_income"), n)
    else:  # annual only (or none): the monthly figure is a twelfth
        income = _numbers(roster.column("household_income_annual"), n) / 12
    income = np.where(np.isfinite(income) & (income >= 0), income, np.nan)
    status = f["id_status"].astype(str).to_numpy()
    table = pd.DataFrame(
        {
            "pos": np.arange(n),
            "row": f["row"].to_numpy(),
            "kind": f["kind"].to_numpy(),
            "id": f["id"].astype(str).to_numpy(),
            "id_raw": raw_id.to_numpy(dtype=object),
            "id_status": status,
            "valid": np.isin(status, VALID_STATUSES),
            "name": f["name"].to_numpy(dtype=object),
            "household_size": size,
            "household_income": income,
            "per_capita": f["per_capita"].to_numpy(dtype=float),
            "tier": f["tier"].to_numpy(),
            "employer": f["employer"].to_numpy(dtype=object),
        }
    )
    workers = table[table["kind"] == WORKER].reset_index(drop=True)
    dups = table[table["kind"] == DUPLICATE].reset_index(drop=True)
    firsts = workers[workers["id"].isin(dups["id"])].drop_duplicates("id").set_index("id")["row"]
    dups["first_row"] = dups["id"].map(firsts).astype("Int64")
    return workers, dups


def use_id_column(roster: Roster, names: Sequence[str]) -> Roster | None:
    """The roster with the first column named in ``names`` as its ID column; None if it has none.

    A name matches a column's header as written or after normalisation (spaces,
    full-width forms, bracketed units and a leading * ignored). Unnamed columns
    are called 列A, 列B… by the reader.
    """
    by_key: dict[str, str] = {}
    for c in roster.data.columns:
        by_key.setdefault(normalize_header(c), c)
    for name in names:
        col = name if name in roster.data.columns else by_key.get(normalize_header(name))
        if col is None:
            continue
        fields = {f: c for f, c in roster.fields.items() if c != col and f != "id"}
        fields["id"] = col
        how = {f: h for f, h in roster.how.items() if f in fields and f != "id"}
        how["id"] = "option"
        return replace(roster, fields=fields, how=how)
    return None


def make_side(roster: Roster, role: str, rules: Rules, as_of: dt.date) -> Side:
    """One side of the match: the roster classified, tallied, and its counted people."""
    classified = classify(roster, rules, as_of)
    workers, dups = _side_table(classified)
    return Side(role, roster, classified, tally(classified), workers, dups)


# ------------------------------------------------------------------ reference kind


def detect_reference_kind(roster: Roster) -> tuple[str, str, str, str]:
    """("dibao" | "generic", where, text, word): what says the reference is a 低保 list.

    ``where`` is "file", "sheet", "title" (a row above the header) or "default".
    """
    candidates = [("file", roster.path.name), ("sheet", roster.sheet or "")]
    candidates += [("title", line) for line in roster.title if line]
    for where, text in candidates:
        for word in DIBAO_WORDS:
            if word in text.lower():
                return "dibao", where, text, word
    return "generic", "default", "", ""


# ------------------------------------------------------------------ the match


@dataclass
class Match:
    """The result of matching a roster with a reference list by ID number."""

    roster: Side
    reference: Side
    kind: str  # "dibao" | "generic"
    kind_why: tuple[str, str, str]  # (where, text, word), see detect_reference_kind
    rules: Rules
    as_of: dt.date
    pairs: pd.DataFrame  # matched people: id, roster_*, reference_* columns
    only_roster: pd.DataFrame  # roster_* columns (valid IDs not on the reference)
    only_reference: pd.DataFrame  # reference_* columns
    disagreements: pd.DataFrame  # one row per (person, field)

    def side(self, role: str) -> Side:
        return self.roster if role == "roster" else self.reference

    @property
    def dibao(self) -> bool:
        return self.kind == "dibao"

    def _hardship(self, tier: pd.Series) -> np.ndarray:
        t = tier.to_numpy()
        return (t >= 0) & (t < len(self.rules.tiers))

    @property
    def reference_not_hardship(self) -> pd.DataFrame:
        """Matched people the roster does not classify as hardship (undetermined included)."""
        return self.pairs[~self._hardship(self.pairs["roster_tier"])]

    @property
    def hardship_not_in_reference(self) -> pd.DataFrame:
        """Roster hardship workers (valid ID) not on the reference list."""
        return self.only_roster[self._hardship(self.only_roster["roster_tier"])]

    def counts(self) -> dict[str, int]:
        """Every count of the summary, keyed as the words ``counts`` of :mod:`jiekun.text.match`."""
        return {
            "roster": len(self.roster.workers),
            "reference": len(self.reference.workers),
            "both": len(self.pairs),
            "only_roster": len(self.only_roster),
            "only_reference": len(self.only_reference),
            "invalid_roster": len(self.roster.invalid),
            "invalid_reference": len(self.reference.invalid),
            "duplicate_roster": len(self.roster.duplicates),
            "duplicate_reference": len(self.reference.duplicates),
            "reference_not_hardship": len(self.reference_not_hardship),
            "hardship_not_in_reference": len(self.hardship_not_in_reference),
            "disagreements": len(self.disagreements),
        }

    def disagreement_counts(self) -> dict[str, int]:
        vc = self.disagreements["field"].value_counts()
        return {f: int(vc.get(f, 0)) for f in COMPARED}

    def to_json(self) -> dict[str, Any]:
        """The JSON object of ``jiekun match --json`` (a stable contract).

        ``reference_not_hardship`` and ``hardship_not_in_reference`` are null when the
        reference is not a 低保 list (the flags do not apply).
        """
        c = self.counts()
        return {
            "roster": c["roster"],
            "reference": c["reference"],
            "both": c["both"],
            "only_roster": c["only_roster"],
            "only_reference": c["only_reference"],
            "reference_not_hardship": c["reference_not_hardship"] if self.dibao else None,
            "hardship_not_in_reference": c["hardship_not_in_reference"] if self.dibao else None,
            "disagreements": self.disagreement_counts(),
            "invalid_ids": {"roster": c["invalid_roster"], "reference": c["invalid_reference"]},
        }


def _text_key(s: pd.Series, *, dots: bool) -> np.ndarray:
    """Text compared loosely: NFKC, no whitespace, case-folded; name dots unified."""
    t = normalize_text(s.astype(str)).str.replace(WHITESPACE_RE, "", regex=True).str.casefold()
    if dots:  # 阿依古丽·买买提 is written with · • ・ ‧ or .
        t = t.str.replace(r"[·•・‧.．]", "·", regex=True)
    return t.to_numpy(dtype=object)


def _disagreements(pairs: pd.DataFrame, tolerance: float) -> pd.DataFrame:
    """One row per (person, field) whose values differ, ordered by roster row then field."""
    parts = []
    for order, fld in enumerate(COMPARED):
        a, b = pairs[f"roster_{fld}"], pairs[f"reference_{fld}"]
        if fld in ("name", "employer"):
            ka, kb = _text_key(a, dots=fld == "name"), _text_key(b, dots=fld == "name")
            differ = (ka != "") & (kb != "") & (ka != kb)
            diff = np.full(len(pairs), np.nan)
        else:
            x, y = a.to_numpy(dtype=float), b.to_numpy(dtype=float)
            both = np.isfinite(x) & np.isfinite(y)
            x0, y0 = np.nan_to_num(x), np.nan_to_num(y)
            if fld == "household_income":  # to the fen
                differ = both & (np.rint(x0 * 100) != np.rint(y0 * 100))
            elif fld == "per_capita":  # beyond the tolerance; 1.00 apart is not beyond 1 yuan
                differ = both & (np.round(np.abs(x0 - y0), 6) > tolerance)
            else:
                differ = both & (x0 != y0)
            diff = y - x
        if not differ.any():
            continue
        sel = pairs[differ]
        parts.append(
            pd.DataFrame(
                {
                    "id": sel["id"].to_numpy(),
                    "name": sel["roster_name"].to_numpy(),
                    "field": fld,
                    "order": order,
                    "roster_value": sel[f"roster_{fld}"].to_numpy(dtype=object),
                    "reference_value": sel[f"reference_{fld}"].to_numpy(dtype=object),
                    "difference": diff[differ],
                    "roster_row": sel["roster_row"].to_numpy(),
                    "reference_row": sel["reference_row"].to_numpy(),
                }
            )
        )
    if not parts:
        cols = ["id", "name", "field", "roster_value", "reference_value", "difference"]
        return pd.DataFrame(
            {c: pd.Series(dtype=object) for c in cols}
            | {"roster_row": pd.Series(dtype="int64"), "reference_row": pd.Series(dtype="int64")}
        )
    out = pd.concat(parts, ignore_index=True).sort_values(["roster_row", "order"], kind="stable")
    return out.drop(columns="order").reset_index(drop=True)


def join(
    left: Side, right: Side, kind: str, why: tuple[str, str, str], rules: Rules, as_of: dt.date
) -> Match:
    """Match two sides by validated ID number: the pairs, each side's own, the disagreements."""
    r = left.valid.drop(columns=["kind", "valid"]).add_prefix("roster_").rename(columns={"roster_id": "id"})
    f = right.valid.drop(columns=["kind", "valid"]).add_prefix("reference_")
    f = f.rename(columns={"reference_id": "id"})
    pairs = r.merge(f, on="id", how="inner", sort=False).sort_values("roster_row", kind="stable")
    pairs = pairs.reset_index(drop=True)
    only_r = r[~r["id"].isin(f["id"])].reset_index(drop=True)
    only_f = f[~f["id"].isin(r["id"])].reset_index(drop=True)
    return Match(
        roster=left,
        reference=right,
        kind=kind,
        kind_why=why,
        rules=rules,
        as_of=as_of,
        pairs=pairs,
        only_roster=only_r,
        only_reference=only_f,
        disagreements=_disagreements(pairs, rules.per_capita_tolerance),
    )


# ------------------------------------------------------------------ words shared by the outputs


def kind_text(m: Match, lang: str = "zh") -> str:
    """ "低保名单（标题“…”含“低保”）" and the like."""
    tx = words("match", lang)
    where, text, word = m.kind_why
    name = tx["kind_dibao"] if m.dibao else tx["kind_generic"]
    if len(text) > 40:
        text = text[:40] + "…"
    return tx["kind_line"].format(name=name, why=tx["kind_why"][where].format(text=text, word=word))


def reconciliations(c: dict[str, int], lang: str = "zh") -> list[tuple[bool, str]]:
    """The count check of each side (roster, reference): whether it adds up, and its line."""
    tx = words("match", lang)
    out = []
    for role, only in (("roster", "only_roster"), ("reference", "only_reference")):
        bad = c[f"invalid_{role}"]
        ok = c[role] == c["both"] + c[only] + bad
        recon = tx["recon"].format(
            label=tx["counts"][role][0],
            n=c[role],
            both=c["both"],
            only=tx["only_word"][role],
            o=c[only],
            bad=bad,
        )
        out.append((ok, recon))
    return out
