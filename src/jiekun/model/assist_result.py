"""The figures of one ``assist`` run, and their ``assist --json`` object and narrative."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from jiekun.model.assist_ledger import KIND_KEYS, fen_text
from jiekun.model.labels import age_gender_labels
from jiekun.model.problems import counts, messages
from jiekun.model.roster import Roster
from jiekun.model.rules import Rules
from jiekun.text import pct, words

#: The audit lists (待核实), in report order.
AUDIT_KEYS = ("not_on_roster", "not_hardship", "invalid_id", "possible_doubles", "over_cap")


@dataclass
class Coverage:
    """Roster hardship workers (含特困) helped in the period."""

    hardship: int
    covered: int
    no_valid_id: int  # hardship workers whose ID is not valid: never covered
    by_tier: list[tuple[int, int, int]]  # (tier index, hardship in that tier alone, covered)
    by_age_gender: list[tuple[str, int, int]]  # (group key, hardship, covered)

    @property
    def uncovered(self) -> int:
        return self.hardship - self.covered


def month_text(month: int) -> str:
    """Months since 1970 → "2025-01"."""
    return f"{1970 + month // 12:04d}-{month % 12 + 1:02d}"


def quarter_text(quarter: int) -> str:
    """Quarters since 1970 → "2025-Q1" (calendar quarters)."""
    return f"{1970 + quarter // 4:04d}-Q{quarter % 4 + 1}"


def _check_part(flag: str, df: pd.DataFrame, detail) -> pd.DataFrame:
    """Rows of the 待核实 list from one audit list (or the problem records)."""
    n = len(df)
    return pd.DataFrame(
        {
            "flag": np.full(n, flag, dtype=object),
            "row": df["row"].to_numpy(np.int64) if n else np.zeros(0, np.int64),
            "id": df["id"].astype(str).to_numpy(dtype=object),
            "name": df["name"].fillna("").astype(str).to_numpy(dtype=object),
            "kind": df["kind"].to_numpy(np.int64) if n else np.zeros(0, np.int64),
            "date": df["date"].to_numpy(dtype="datetime64[D]") if n else np.zeros(0, "datetime64[D]"),
            "fen": df["fen"].to_numpy(np.int64) if n else np.zeros(0, np.int64),
            "detail": np.full(n, detail, dtype=object)
            if isinstance(detail, str)
            else np.asarray(detail, dtype=object),
        }
    )


def _figures(row: pd.Series) -> dict[str, Any]:
    return {"acts": int(row["acts"]), "people": int(row["people"]), "amount": int(row["fen"]) / 100}


@dataclass
class AssistResult:
    """Every figure of ``assist``; ``rows`` holds the counted acts, ``lists`` the 待核实 and 帮扶空白 lists."""

    source: str
    roster_source: str | None
    rules: Rules | None  # the roster's rules (tier labels, age splits); None without a roster
    start: dt.date | None
    end: dt.date | None
    rows_read: int
    non_act_rows: int
    rows: pd.DataFrame  # one row per counted act (Excel row, id, kind code, date, month, acts, fen, unit …)
    by_kind: pd.DataFrame  # kind code, acts, people, fen — every kind, in report order
    by_month: pd.DataFrame  # month (since 1970), acts, people, fen — every month of the period
    by_quarter: pd.DataFrame  # quarter (since 1970), acts, people, fen
    by_unit: pd.DataFrame  # unit, acts, people, fen — most acts first
    coverage: Coverage | None
    lists: dict[str, pd.DataFrame]
    caps_fen: dict[int, int]  # kind code → cap in fen
    problems: pd.DataFrame
    ledger: Roster | None = None  # the ledger as read (its cells, for the workbook's 台账明细)
    as_of: dt.date | None = None  # the date the roster was classified on; None without a roster
    kinds_extra: dict[str, tuple[str, ...]] = field(default_factory=dict)  # words added by the rules file

    @property
    def acts(self) -> int:
        return int(self.rows["acts"].sum())

    @property
    def people(self) -> int:
        return int(self.rows.loc[self.rows["valid"], "who"].nunique())

    @property
    def no_valid_id(self) -> int:
        return int((~self.rows["valid"]).sum())

    @property
    def fen(self) -> int:
        return int(self.rows["fen"].sum())

    def audit_counts(self) -> dict[str, int | None]:
        """Rows (pairs for over_cap) in each 待核实 list; None for the roster's lists without a roster."""
        return {k: (len(self.lists[k]) if k in self.lists else None) for k in AUDIT_KEYS}

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        """The ``assist --json`` object (docs/design.md, "Assistance ledger")."""
        kinds = words("assist", lang)["kind"]
        return {
            "source": self.source,
            "roster": self.roster_source,
            "period": {
                "from": self.start.isoformat() if self.start else None,
                "to": self.end.isoformat() if self.end else None,
            },
            "rows_read": self.rows_read,
            "non_act_rows": self.non_act_rows,
            "acts": self.acts,
            "people": self.people,
            "no_valid_id": self.no_valid_id,
            "amount": self.fen / 100,
            "by_kind": [
                {"key": KIND_KEYS[int(r["kind"])], "label": kinds[KIND_KEYS[int(r["kind"])]], **_figures(r)}
                for _, r in self.by_kind.iterrows()
            ],
            "by_month": [
                {"month": month_text(int(r["month"])), **_figures(r)} for _, r in self.by_month.iterrows()
            ],
            "by_quarter": [
                {"quarter": quarter_text(int(r["quarter"])), **_figures(r)}
                for _, r in self.by_quarter.iterrows()
            ],
            "by_unit": [{"unit": r["unit"], **_figures(r)} for _, r in self.by_unit.iterrows()],
            "coverage": self._coverage_json(lang),
            "audit": self.audit_counts(),
            "caps": {KIND_KEYS[k]: v / 100 for k, v in sorted(self.caps_fen.items())},
            "problems": counts(self.problems),
        }

    def _coverage_json(self, lang: str) -> dict[str, Any] | None:
        c = self.coverage
        if c is None or self.rules is None:
            return None
        groups = age_gender_labels(self.rules, lang)
        return {
            "hardship": c.hardship,
            "covered": c.covered,
            "uncovered": c.uncovered,
            "hardship_no_valid_id": c.no_valid_id,
            "by_tier": {
                self.rules.tier_label(i, lang): {"hardship": h, "covered": n} for i, h, n in c.by_tier
            },
            "by_age_gender": [
                {"key": k, "label": groups[k], "hardship": h, "covered": n} for k, h, n in c.by_age_gender
            ],
        }

    def check_list(self, lang: str = "zh") -> pd.DataFrame:
        """待核实 as one list, in report order: flag (an audit key or "problem"), ledger row, ID as
        written (canonical when valid), name, kind code (-1: none), date, fen, and what to check."""
        w = words("assist", lang)
        kinds = w["kind"]
        parts = []
        for key in AUDIT_KEYS:
            df = self.lists.get(key)
            if df is None or not len(df):
                continue
            if key == "over_cap":
                cap = df["kind"].map(self.caps_fen).to_numpy(np.int64)
                detail = [
                    w["check_cap"].format(kind=kinds[KIND_KEYS[k]], total=fen_text(t), cap=fen_text(c))
                    for k, t, c in zip(df["kind"].tolist(), df["fen"].tolist(), cap.tolist(), strict=True)
                ]
                parts.append(_check_part(key, df.assign(row=-1, date=np.datetime64("NaT")), detail))
                continue
            detail = (
                [w["check_double"].format(row=x) for x in df["first_row"].tolist()]
                if key == "possible_doubles"
                else ""
            )
            shown = np.where(df["valid"], df["id"], df["raw_id"])
            parts.append(_check_part(key, df.assign(id=shown), detail))
        parts.append(self._problem_part(lang))
        return pd.concat(parts, ignore_index=True)

    def _problem_part(self, lang: str) -> pd.DataFrame:
        """The ledger's problem records as 待核实 rows (the message as what to check)."""
        p = self.problems
        if self.ledger is None or not len(p):
            return _check_part(
                "problem", p.assign(id="", name="", kind=-1, date=np.datetime64("NaT"), fen=0), []
            )
        at = pd.Series(np.arange(self.ledger.rows_read), index=self.ledger.rows)
        pos = at.reindex(p["row"].to_numpy()).fillna(-1).to_numpy(np.int64)

        def cell(f: str) -> np.ndarray:
            col = self.ledger.column(f)
            if col is None:
                return np.full(len(p), "", dtype=object)
            v = col.reset_index(drop=True).to_numpy(dtype=object)
            return np.where(pos >= 0, v[np.maximum(pos, 0)], "")

        titles = words("problems", lang)["title"]
        detail = [
            f"{titles[c]}：{m}" for c, m in zip(p["code"].tolist(), messages(p, lang).tolist(), strict=True)
        ]
        df = p.assign(id=cell("id"), name=cell("name"), kind=-1, date=np.datetime64("NaT"), fen=0)
        return _check_part("problem", df, detail)

    def narrative(self, lang: str = "zh") -> str:
        """The paragraph a work summary states (全年共开展帮扶 N 人次，覆盖困难职工 M 人 …)."""
        w = words("assist", lang)
        whole_year = (
            self.start is not None
            and self.end is not None
            and (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31)
            and self.start.year == self.end.year
        )
        if whole_year:
            period = w["period_year"]
        elif self.start and self.end:
            period = w["period_range"].format(start=self.start.isoformat(), end=self.end.isoformat())
        else:
            period = w["period_all"]
        parts = (
            w["narrative_sep"].join(
                w["narrative_part" if r["fen"] else "narrative_part_acts"].format(
                    kind=w["kind"][KIND_KEYS[int(r["kind"])]],
                    acts=f"{int(r['acts']):,}",
                    amount=fen_text(int(r["fen"])),
                )
                for _, r in self.by_kind.iterrows()
                if r["acts"]
            )
            or w["narrative_none"]
        )
        common = {"period": period, "acts": f"{self.acts:,}", "amount": fen_text(self.fen), "parts": parts}
        c = self.coverage
        if c is None:
            return w["narrative_no_roster"].format(people=f"{self.people:,}", **common)
        return w["narrative"].format(
            covered=f"{c.covered:,}", share=pct(c.covered, c.hardship), uncovered=f"{c.uncovered:,}", **common
        )
