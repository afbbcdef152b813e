"""流动明细 of the trend workbook: one row per worker per flow, untracked rows filled."""

from __future__ import annotations

import numpy as np
import pandas as pd

from jiekun.model.flows import flow_label
from jiekun.report.trend_book import UNTRACKED_FILL, TrendBook, fit
from jiekun.xlsx.book import data_sheets, text_width
from jiekun.xlsx.rows import Column, DataSheet

HEADS = ("d_month", "d_from", "d_flow", "d_name", "d_id", "d_employer", "d_pc_before", "d_pc_after",
         "d_tier_before", "d_tier_after", "d_row_before", "d_row_after", "d_note")  # fmt: skip
#: The style of a column's cells (:data:`jiekun.xlsx.rows.BASE_STYLES`; not named here: plain text).
KINDS = {4: "id", 6: "per_capita", 7: "per_capita", 10: "int", 11: "int"}
#: Row bands: 0 a flow, 1 an untracked worker (filled).
BANDS = ({}, {"bg_color": UNTRACKED_FILL})


def reason_text(tx: dict[str, str], code: str, status: str) -> str:
    """Why a worker is untracked, in words (``tx`` is the trend words of one language)."""
    if code.startswith("no_valid_id"):
        what = tx.get(f"id_{status}", tx["id_other"])
        return tx["no_valid_id"].format(what=what)
    return tx.get(code, "") if code else ""


def _columns(book: TrendBook) -> list[Column]:
    """The columns of the flow records, in the order of :data:`HEADS`, widths fitted."""
    tx, lang = book.tx, book.lang
    d = book.series.detail
    n = len(d)
    ids = d["id"].astype(str).to_numpy(dtype=object) if n else np.array([], dtype=object)
    if book.mask and n:
        from jiekun.model.ids import mask_ids

        ids = mask_ids(pd.Series(ids, dtype=object)).to_numpy(dtype=object, na_value="")

    def named(s: pd.Series, name) -> np.ndarray:  # each distinct value named once
        return s.map({v: name(v) for v in pd.unique(s)}).to_numpy(dtype=object) if n else ids[:0]

    why = d["reason"].astype(str) + "\x00" + d["id_status"].astype(str) if n else d["reason"]
    texts = {
        0: d["to"].astype(str).to_numpy(dtype=object),
        1: d["from"].astype(str).to_numpy(dtype=object),
        2: named(d["flow"], lambda k: flow_label(k, lang)),
        3: d["name"].fillna("").astype(str).to_numpy(dtype=object),
        4: ids,
        5: d["employer"].fillna("").astype(str).to_numpy(dtype=object),
        8: named(d["tier_before"], lambda c: book.tier_name(int(c))),
        9: named(d["tier_after"], lambda c: book.tier_name(int(c))),
        12: named(why, lambda k: reason_text(tx, *k.split("\x00"))),
    }
    numbers = {
        6: d["per_capita_before"].to_numpy(dtype=float),
        7: d["per_capita_after"].to_numpy(dtype=float),
        10: d["row_before"].to_numpy(dtype=float),
        11: d["row_after"].to_numpy(dtype=float),
    }
    columns = []
    for j, key in enumerate(HEADS):
        head, kind = tx[key], KINDS.get(j, "text")
        if j in texts:
            width = fit(texts[j], head, lo=8)
            columns.append(Column(head, text=texts[j], text_style=kind, blank_style="text", width=width))
        else:
            width = max(8.0, text_width(head) + 2)
            columns.append(Column(head, number=numbers[j], number_style=kind, blank_style=kind, width=width))
    return columns


def flow_sheets(book: TrendBook) -> list[DataSheet]:
    """流动明细 (and 流动明细(2)… past Excel's row limit), with an autofilter and frozen header.

    The rows are spliced in after the workbook is written (:mod:`jiekun.xlsx.rows`); the
    untracked rows are filled.
    """
    d = book.series.detail
    columns = _columns(book)
    if not len(d):
        ws = book.wb.add_worksheet(book.names["flows"])
        for j, col in enumerate(columns):
            ws.write_string(0, j, col.header, book.fmt("d_head"))
            ws.set_column(j, j, col.width)
        ws.set_row(0, 30)
        ws.write_string(1, 0, book.tx["no_flows"], book.fmt("note"))
        ws.autofilter(0, 0, 1, len(columns) - 1)
        ws.freeze_panes(1, 0)
        book.page(ws, landscape=True, repeat=(0, 0))
        return []
    band = (d["flow"] == "untracked").to_numpy().astype(np.int8)
    return data_sheets(book, book.names["flows"], columns, band, landscape=True, min_filter=1,
                       head="d_head", bands=BANDS, text_columns=False)  # fmt: skip
