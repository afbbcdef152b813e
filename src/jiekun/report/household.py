"""The household-members table of 分类统计, beside the causes (docs/household.md)."""

from __future__ import annotations

import numpy as np

from jiekun.report.book import Book
from jiekun.text import words


def members_table(book: Book, ws, r: int) -> int:
    """Members in school and with 大病/残疾, per tier of their household; returns the next free row."""
    c = book.result.classified
    if c is None or c.household is None or "members_in_school" not in c.frame.columns:
        return r
    w, tx = words("household", book.lang), book.tx
    f = c.workers
    tier = f["tier"].to_numpy()
    cols = (
        np.ones(len(f), bool),
        (tier >= 0) & (tier < len(c.rules.tiers)),
        tier == 0,
    )  # all, hardship, extreme
    school, ill = f["members_in_school"].to_numpy(), f["members_ill"].to_numpy()
    rows = [
        (w["in_school"], school),
        (w["households_in_school"], school > 0),
        (w["ill"], ill),
        (w["households_ill"], ill > 0),
    ]
    h, lbl, num = (book.fmt(k) for k in ("h", "label", "int"))
    ws.write_string(r, 0, w["title"], book.fmt("heading"))
    heads = [w["what"], tx["all_workers"], book.hardship_label(), book.extreme_label()]
    for col, text in enumerate(heads):
        ws.write_string(r + 1, col, text, h)
    for i, (label, values) in enumerate(rows, start=r + 2):
        ws.write_string(i, 0, label, lbl)
        for col, m in enumerate(cols, 1):
            ws.write_number(i, col, int(np.asarray(values)[m].sum()), num)
    ws.write_string(r + 2 + len(rows), 0, w["note"], book.fmt("note"))
    return r + 4 + len(rows)
