"""复核 (Review) of the report workbook: the filed categories against the computed tiers.

Written only when the roster has a filed-category column (困难类别, 档案类别,
困难类型). The counts (符合 / 应调整 / 应退出 / 未建档 / 意外致困) with their
shares, then the list of every reviewed worker, what needs doing first. IDs are
masked when the report masks them. See docs/review.md.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from jiekun.model.labels import rules_line, status_label
from jiekun.model.review import review_list
from jiekun.report.book import Book
from jiekun.text import words
from jiekun.xlsx.book import column_width, write_share
from jiekun.xlsx.rows import Column, DataSheet

#: The list's columns: word key, kind of cell.
COLUMNS = (("h_status", "text"), ("h_row", "whole"), ("h_name", "text"), ("h_id", "as_text"),
           ("h_employer", "text"), ("h_filed", "text"), ("h_computed", "text"), ("h_per_capita", "amount"),
           ("h_todo", "text"))  # fmt: skip
LIST_FILL = {"exit": "#FFC7CE", "adjust": "#FFEB9C", "unfiled": "#DDEBF7", "unknown": "#FCE4D6",
             "undetermined": "#FCE4D6"}  # fmt: skip
#: The list's row bands: bordered, filled by status (:data:`LIST_FILL`).
BANDS = ({"border": 1}, *({"border": 1, "bg_color": c} for c in LIST_FILL.values()))
#: The base style (:data:`jiekun.xlsx.rows.BASE_STYLES`) of each kind of cell.
STYLES = {"text": "text", "whole": "int", "as_text": "id", "amount": "per_capita"}


def review_sheet(book: Book) -> list[DataSheet]:
    """The 复核 sheet: title, basis, the counts, the list (whose rows are returned, to splice)."""
    w, t, roster = words("review", book.lang), book.tally, book.roster
    ws = book.wb.add_worksheet(w["sheet"])
    last = len(COLUMNS) - 1
    ws.set_row(0, 28)
    ws.merge_range(0, 0, 0, last, w["title"], book.fmt("title"))
    sub = w["subtitle"].format(column=roster.fields["filed_category"], rules=rules_line(t.rules, book.lang),
                               date=t.as_of.isoformat())  # fmt: skip
    ws.write_string(1, 0, sub, book.fmt("subtitle"))
    r = _counts(book, ws, w, 3)
    r, rows = _list(book, ws, w, r + 2)
    book.page(ws, landscape=True, repeat=None)
    ws.print_area(0, 0, r, last)
    return rows


def _counts(book: Book, ws, w: dict, r: int) -> int:
    """The counts from row ``r`` with their share of the filed; returns the last row written."""
    rv = book.tally.review or {}
    h, lbl, ind, num, pct, dash = (
        book.fmt(k) for k in ("h", "label", "label_indent", "int", "pct", "dash_c")
    )
    for j, key in enumerate(("item", "people", "of_filed")):
        ws.write_string(r, j, w[key], h)
    filed = rv.get("filed", 0)
    for key in ("filed", "agree", "adjust", "exit", "accident", "unfiled"):
        r += 1
        part = key in ("agree", "adjust", "exit", "accident")
        ws.write_string(r, 0, w["status"][key], ind if part else lbl)
        ws.write_number(r, 1, rv.get(key, 0), num)
        if part or key == "filed":
            write_share(ws, r, 2, rv.get(key, 0), filed, pct, dash)
        else:
            ws.write_string(r, 2, "—", dash)
    r += 1
    ws.merge_range(r, 0, r, 8, w["counts_note"], book.fmt("note", text_wrap=True, valign="top"))
    ws.set_row(r, 40)
    return r


def _list(book: Book, ws, w: dict, r: int) -> tuple[int, list[DataSheet]]:
    """The review list from row ``r``: heading, header, a row per worker (spliced in).

    Returns the last row and the list's rows for :func:`jiekun.xlsx.rows.splice`; they are
    the last rows of the sheet.
    """
    res, lang = book.result, book.lang
    frame = res.classified.frame
    items = review_list(frame, res.roster.data[res.roster.fields["filed_category"]].reset_index(drop=True))
    ws.write_string(r, 0, w["list_title"], book.fmt("heading"))
    r += 1
    head = r
    for j, (key, _) in enumerate(COLUMNS):
        ws.write_string(r, j, w[key], book.fmt("h"))
    ids = items["id"].fillna("").astype(str)
    if book.mask and len(items):
        from jiekun.model.ids import mask_ids

        ids = mask_ids(ids).fillna("").astype(str)
    k = len(book.rules.tiers)
    names = {i: book.rules.tier_label(i, lang) for i in range(k)}
    names |= {k: status_label("not_hardship", lang), -1: status_label("undetermined", lang)}
    computed = items["tier"].map(names).fillna("").astype(str)
    status = items["status"].astype(str).reset_index(drop=True)
    codes, distinct = pd.MultiIndex.from_arrays([status, computed, items["filed"].astype(str)]).factorize()
    todo = np.array([w["todo"][s].format(computed=c, filed=f) for s, c, f in distinct], dtype=object)
    texts = {0: status.map(w["status"]), 2: items["name"].fillna("").astype(str), 3: ids,
             4: items["employer"].fillna("").astype(str), 5: items["filed"], 6: computed,
             8: todo[codes] if len(items) else todo}  # fmt: skip
    numbers = {1: items["row"].to_numpy(dtype=float), 7: items["per_capita"].to_numpy(dtype=float)}
    columns = []
    for j, (key, kind) in enumerate(COLUMNS):
        style, text = STYLES[kind], np.asarray(texts[j], dtype=object) if j in texts else None
        columns.append(Column(w[key], text=text, number=numbers.get(j), number_style=style, text_style=style))
        ws.set_column(j, j, column_width(text, w[key]) if j != 8 else 44)
    if not len(items):
        ws.write_string(r + 1, 0, w["none"], book.fmt("note"))
        return r + 1, []
    band = status.map({s: i + 1 for i, s in enumerate(LIST_FILL)}).fillna(0).to_numpy(dtype=np.int8)
    book.styles.register(columns, BANDS)
    rows = DataSheet(
        ws.name, columns, 0, len(items), band, book.styles, BANDS, first_row=head + 2, blanks=True
    )
    r = head + len(items)
    ws.autofilter(head, 0, r, len(COLUMNS) - 1)
    return r, [rows]
