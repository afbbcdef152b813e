"""The 待核实 (to check) records of a match: 低保 flags, invalid and repeated ID numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd

from jiekun.model.matching import ROLES, Match
from jiekun.text import words

__all__ = ["CHECK_COLUMNS", "class_labels", "money", "to_check"]

#: The columns of :func:`to_check`.
CHECK_COLUMNS = (
    "flag",
    "explain",
    "detail",
    "id",
    "name",
    "roster_row",
    "reference_row",
    "roster_per_capita",
    "reference_per_capita",
    "class",
)


def to_check(m: Match, lang: str = "zh") -> pd.DataFrame:
    """The 待核实 rows, grouped by flag (see :data:`jiekun.model.matching.FLAGS`), each group in row order.

    Columns: flag, explain (what to do), detail (a short figure for the terminal),
    id (as written, for invalid IDs), name, roster_row, reference_row,
    roster_per_capita, reference_per_capita, class (the roster's class).
    """
    frames = []

    def add(flag: str, d: pd.DataFrame, explain, detail, **cols) -> None:
        if len(d) == 0:
            return
        nan = np.full(len(d), np.nan)
        frame = {c: cols.get(c, nan) for c in CHECK_COLUMNS[3:]}
        frame["class"] = cols.get("class", np.full(len(d), "", dtype=object))
        frames.append(pd.DataFrame({"flag": flag, "explain": explain, "detail": detail, **frame}))

    if m.dibao:
        _check_dibao(m, lang, add)
    _check_ids(m, lang, add)
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in CHECK_COLUMNS})
    return pd.concat(frames, ignore_index=True)


def _check_dibao(m: Match, lang: str, add) -> None:
    """The two 低保 flags: listed but not in hardship, in hardship but not listed."""
    tx = words("match", lang)
    ex, short = tx["explain"], tx["detail"]
    d = m.reference_not_hardship
    cls = class_labels(m, d["roster_tier"], lang)
    und = d["roster_tier"].to_numpy() < 0
    pc_r, pc_f = d["roster_per_capita"].to_numpy(), d["reference_per_capita"].to_numpy()
    add(
        "reference_not_hardship",
        d,
        np.where(und, ex["undetermined"], [ex["reference_not_hardship"].format(cls=c) for c in cls]),
        [
            short["per_capita"].format(r=money(a), cls=c, f=money(b))
            for a, c, b in zip(pc_r, cls, pc_f, strict=True)
        ],
        id=d["id"].to_numpy(),
        name=d["roster_name"].to_numpy(),
        roster_row=d["roster_row"].to_numpy(),
        reference_row=d["reference_row"].to_numpy(),
        roster_per_capita=pc_r,
        reference_per_capita=pc_f,
        **{"class": cls},
    )
    d = m.hardship_not_in_reference
    cls = class_labels(m, d["roster_tier"], lang)
    pc_r = d["roster_per_capita"].to_numpy()
    add(
        "hardship_not_in_reference",
        d,
        [ex["hardship_not_in_reference"].format(cls=c) for c in cls],
        [short["roster_only"].format(r=money(a), cls=c) for a, c in zip(pc_r, cls, strict=True)],
        id=d["id"].to_numpy(),
        name=d["roster_name"].to_numpy(),
        roster_row=d["roster_row"].to_numpy(),
        roster_per_capita=pc_r,
        **{"class": cls},
    )


def _check_ids(m: Match, lang: str, add) -> None:
    """Invalid and repeated ID numbers of each side."""
    tx = words("match", lang)
    ex, short = tx["explain"], tx["detail"]
    for role in ROLES:
        d = m.side(role).invalid
        why = [tx["id_status"].get(s, s) for s in d["id_status"]]
        extra = {"class": class_labels(m, d["tier"], lang)} if role == "roster" else {}
        add(
            f"invalid_{role}",
            d,
            [ex["invalid"].format(why=w) for w in why],
            why,
            id=d["id_raw"].to_numpy(),
            name=d["name"].to_numpy(),
            **{f"{role}_row": d["row"].to_numpy(), f"{role}_per_capita": d["per_capita"].to_numpy()},
            **extra,
        )
    for role in ROLES:
        d = m.side(role).duplicates
        firsts = d["first_row"].astype(str).tolist()
        add(
            f"duplicate_{role}",
            d,
            [ex["duplicate"].format(first=v) for v in firsts],
            [short["duplicate"].format(first=v) for v in firsts],
            id=d["id"].to_numpy(),
            name=d["name"].to_numpy(),
            **{f"{role}_row": d["row"].to_numpy()},
        )


def class_labels(m: Match, tier: pd.Series, lang: str) -> np.ndarray:
    """The roster class of each tier code: a tier's label, not in hardship, undetermined."""
    tx = words("match", lang)
    labels = {i: m.rules.tier_label(i, lang) for i in range(len(m.rules.tiers))}
    labels |= {len(m.rules.tiers): tx["not_hardship"], -1: tx["undetermined"]}
    return tier.map(labels).to_numpy(dtype=object)


def money(x: float) -> str:
    """An amount with two decimals, "—" for none."""
    return "—" if not np.isfinite(x) else f"{x:,.2f}"
