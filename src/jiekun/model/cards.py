"""Contact cards (困难职工解困脱困联系卡): which workers get one and what is on it.

Pure: a classified roster (and optionally ledger rows of help received) in, a
list of small :class:`Card` records out. The selection, the column look-ups and
the help totals are vectorised; only the final records are built one by one.
See docs/cards.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jiekun.model.card_rules import ANY_EMPLOYER, HOTLINE
from jiekun.model.classification import WORKER, Classified
from jiekun.model.columns import FIELDS, normalize_header
from jiekun.model.ids import check_ids, mask_ids
from jiekun.model.values import normalize_text, parse_dates, parse_numbers

#: Role on a card → the roster field (``jiekun.model.columns.FIELDS``) it is read from.
ROLE_FIELDS: dict[str, str] = {
    "contact": "contact",
    "contact_phone": "contact_phone",
    "category": "filed_category",
    "filed_on": "filed_on",
    "notes": "notes",
}
#: Roster columns a card reads that are not classification fields: role → header aliases.
CARD_COLUMNS: dict[str, tuple[str, ...]] = {role: FIELDS[f] for role, f in ROLE_FIELDS.items()}
ONLY = ("hardship", "extreme")
#: Help lines printed on a card (the latest ones); the totals cover them all.
HELP_LINES = 4


@dataclass(frozen=True)
class HelpLine:
    """One act of help on a card: ISO date, kind label, amount in integer fen."""

    date: str
    kind: str
    fen: int


@dataclass(frozen=True)
class Card:
    """What one printed card says about one worker."""

    row: int  # Excel row of the worker
    name: str
    id: str  # masked unless full IDs were asked for
    employer: str
    category: str  # the filed category when the roster has one, else the computed tier
    filed_on: str  # ISO date when it parses, else the cell as written
    contact: str
    contact_phone: str
    hotline: str
    notes: str = ""
    help: tuple[HelpLine, ...] = ()  # the latest HELP_LINES acts, oldest first
    help_rows: int = 0  # ledger rows in the period (help lines shown and not)
    help_acts: int = 0  # 人次
    help_fen: int = 0  # total amount, integer fen


def card_columns(
    roster_columns: list[str],
    columns: Mapping[str, str] | None = None,
    fields: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Role → roster column: the ``columns`` given, else the roster's mapped ``fields``, else an alias."""
    given = {r: fields[f] for r, f in ROLE_FIELDS.items() if f in (fields or {})}
    given.update(columns or {})
    by_norm = {normalize_header(c): c for c in reversed(roster_columns)}
    out = {}
    for role, aliases in CARD_COLUMNS.items():
        if role in given:
            if given[role] in roster_columns:
                out[role] = given[role]
            continue
        found = next((by_norm[normalize_header(a)] for a in aliases if normalize_header(a) in by_norm), None)
        if found is not None:
            out[role] = found
    return out


def _iso_or_text(cells: pd.Series) -> pd.Series:
    """Dates as YYYY-MM-DD (YYYY-MM when only a month was given); anything else as written."""
    text = normalize_text(cells)
    parsed = parse_dates(text)
    d = pd.Series(parsed["date"].to_numpy(), index=text.index)
    iso = d.dt.strftime("%Y-%m-%d").where(~parsed["month_only"], d.dt.strftime("%Y-%m"))
    return iso.where(d.notna(), text).fillna("").astype(str)


def _contacts(
    employer: pd.Series, contacts: Mapping[str, tuple[str, str]] | None
) -> tuple[pd.Series, pd.Series]:
    """Default contact person and phone per row: the employer's entry, else the ``*`` entry."""
    contacts = dict(contacts or {})
    fallback = contacts.get(ANY_EMPLOYER, ("", ""))
    known = employer.isin(contacts.keys())

    def pick(part: int) -> pd.Series:
        chosen = employer.map({k: v[part] for k, v in contacts.items()}).astype(object)
        return chosen.where(known, fallback[part]).astype(str)

    return pick(0), pick(1)


def ledger_help(ledger_rows: pd.DataFrame, ids: pd.Series, lines: int = HELP_LINES) -> dict[str, tuple]:
    """ID → (latest help lines, rows, 人次, fen) for the valid IDs in ``ids``.

    ``ledger_rows`` has columns ``id``, ``date``, ``kind`` (the label to print) and
    ``amount`` (yuan; text or numbers; blank is 0) or ``fen`` (integer fen),
    optionally ``acts`` (人次, blank is 1); it is already cut to the period. IDs are compared after validation, so
    15- and 18-digit forms, a lower-case x and stray spaces are the same person;
    amounts are summed in integer fen.
    """
    checked = check_ids(ledger_rows["id"].astype(object))
    keep = checked["valid"].to_numpy() & checked["id"].isin(set(ids)).to_numpy()
    led = ledger_rows[keep]
    if "fen" in led:  # already exact integer fen (as the ledger reader gives them)
        fen = pd.to_numeric(led["fen"], errors="coerce").fillna(0).to_numpy().astype(np.int64)
    else:
        amount = (
            led["amount"] if pd.api.types.is_numeric_dtype(led["amount"]) else parse_numbers(led["amount"])
        )
        fen = np.round(pd.to_numeric(amount, errors="coerce").fillna(0).to_numpy() * 100).astype(np.int64)
    acts = led["acts"] if "acts" in led else pd.Series(1, index=led.index)
    acts = acts if pd.api.types.is_numeric_dtype(acts) else parse_numbers(acts)
    date = led["date"]
    when = date if pd.api.types.is_datetime64_any_dtype(date) else parse_dates(date)["date"]
    t = pd.DataFrame(
        {
            "id": checked["id"][keep].to_numpy(),
            "date": pd.to_datetime(pd.Series(when.to_numpy())).dt.strftime("%Y-%m-%d").fillna("").to_numpy(),
            "kind": normalize_text(led["kind"]).fillna("").to_numpy(),
            "fen": fen,
            "acts": pd.to_numeric(acts, errors="coerce").fillna(1).to_numpy().astype(np.int64),
        }
    )
    totals = t.groupby("id", sort=False).agg(rows=("fen", "size"), acts=("acts", "sum"), fen=("fen", "sum"))
    latest = t.sort_values(["id", "date"], kind="stable").groupby("id", sort=False).tail(lines)
    shown: dict[str, list[HelpLine]] = {}
    for i, d, k, f in zip(latest["id"], latest["date"], latest["kind"], latest["fen"], strict=True):
        shown.setdefault(i, []).append(HelpLine(d, k, int(f)))
    return {
        i: (tuple(shown.get(i, ())), int(r), int(a), int(f))
        for i, r, a, f in zip(totals.index, totals["rows"], totals["acts"], totals["fen"], strict=True)
    }


def cards_from(
    classified: Classified,
    *,
    only: str = "hardship",
    ledger_rows: pd.DataFrame | None = None,
    contacts: Mapping[str, tuple[str, str]] | None = None,
    hotline: str = HOTLINE,
    full_ids: bool = False,
    columns: Mapping[str, str] | None = None,
    lang: str = "zh",
) -> list[Card]:
    """The cards of the counted workers in hardship (含特困) or in extreme hardship, in roster order.

    ``contacts`` maps an employer (or ``*`` for any) to the default (person, phone)
    used where the roster has no 帮扶责任人 / 责任人电话 cell; ``columns`` names
    the roster columns for the roles of :data:`CARD_COLUMNS` (found by alias when
    not given).
    """
    if only not in ONLY:
        raise ValueError(f"only must be one of {ONLY}, not {only!r}")
    f, rules, data = classified.frame, classified.rules, classified.roster.data
    tier = f["tier"].to_numpy()
    chosen = (f["kind"] == WORKER).to_numpy() & (tier >= 0)
    chosen &= tier == 0 if only == "extreme" else tier < len(rules.tiers)
    w = f[chosen]
    cols = card_columns(list(data.columns), columns, classified.roster.fields)

    def cells(role: str) -> pd.Series:
        c = cols.get(role)
        src = data.loc[w.index, c] if c is not None else pd.Series("", index=w.index)
        return normalize_text(src).fillna("").astype(str)

    labels = {i: rules.tier_label(i, lang) for i in range(len(rules.tiers))}
    computed = w["tier"].map(labels).astype(str)
    filed = cells("category")
    category = filed.where(filed != "", computed)
    employer = normalize_text(w["employer"]).fillna("").astype(str)
    person, phone = _contacts(employer, contacts)
    contact, contact_phone = cells("contact"), cells("contact_phone")
    contact = contact.where(contact != "", person)
    contact_phone = contact_phone.where(contact_phone != "", phone)
    ids = w["id"].fillna("").astype(str)
    shown_ids = ids if full_ids else mask_ids(ids).fillna("").astype(str)
    filed_on = _iso_or_text(cells("filed_on")) if "filed_on" in cols else pd.Series("", index=w.index)
    valid = w["id_status"].astype(str).isin(["ok", "legacy15"]).to_numpy()
    helped = ledger_help(ledger_rows, ids[valid]) if ledger_rows is not None else {}
    none = ((), 0, 0, 0)
    return [
        Card(int(r), n, i, e, c, fo, cp, cph, hotline, no, *helped.get(key, none) if ok else none)
        for r, n, i, e, c, fo, cp, cph, no, key, ok in zip(
            w["row"], normalize_text(w["name"]).fillna("").astype(str), shown_ids, employer, category,
            filed_on, contact, contact_phone, cells("notes"), ids, valid, strict=True,
        )
    ]  # fmt: skip
