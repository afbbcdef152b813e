"""流动明细 of the trend workbook: one row per worker per flow, untracked rows filled."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from jiekun.model.flows import flow_label
from jiekun.report.trend_book import UNTRACKED_FILL, TrendBook, fit
from jiekun.xlsx.book import text_width
from jiekun.xlsx.rows import EXCEL_ROWS

HEADS = ("d_month", "d_from", "d_flow", "d_name", "d_id", "d_employer", "d_pc_before", "d_pc_after",
         "d_tier_before", "d_tier_after", "d_row_before", "d_row_after", "d_note")  # fmt: skip
#: The format of a column's cells (text columns not named here are plain).
KINDS = {4: "as_text", 6: "amount", 7: "amount", 10: "whole", 11: "whole"}


def reason_text(tx: dict[str, str], code: str, status: str) -> str:
    """Why a worker is untracked, in words (``tx`` is the trend words of one language)."""
    if code.startswith("no_valid_id"):
        what = tx.get(f"id_{status}", tx["id_other"])
        return tx["no_valid_id"].format(what=what)
    return tx.get(code, "") if code else ""


def _columns(book: TrendBook) -> tuple[dict[int, np.ndarray], dict[int, np.ndarray]]:
    """(text columns, number columns) of the flow records, by column number."""
    tx, lang = book.tx, book.lang
    d = book.series.detail
    n = len(d)
    ids = d["id"].astype(str).to_numpy(dtype=object) if n else np.array([], dtype=object)
    if book.mask and n:
        from jiekun.model.ids import mask_ids

        ids = mask_ids(pd.Series(ids, dtype=object)).to_numpy(dtype=object, na_value="")
    flow = np.array([flow_label(k, lang) for k in d["flow"]], dtype=object)
    codes = {int(c) for c in pd.unique(pd.concat([d["tier_before"], d["tier_after"]]))} if n else set()
    names_of = {c: book.tier_name(c) for c in codes}
    tier_b = np.array([names_of[int(c)] for c in d["tier_before"]], dtype=object)
    tier_a = np.array([names_of[int(c)] for c in d["tier_after"]], dtype=object)
    reasons = [reason_text(tx, c, st) for c, st in zip(d["reason"], d["id_status"].astype(str), strict=True)]
    texts = {
        0: d["to"].astype(str).to_numpy(dtype=object),
        1: d["from"].astype(str).to_numpy(dtype=object),
        2: flow,
        3: d["name"].fillna("").astype(str).to_numpy(dtype=object),
        4: ids,
        5: d["employer"].fillna("").astype(str).to_numpy(dtype=object),
        8: tier_b,
        9: tier_a,
        12: np.array(reasons, dtype=object),
    }
    numbers = {
        6: d["per_capita_before"].to_numpy(dtype=float),
        7: d["per_capita_after"].to_numpy(dtype=float),
        10: d["row_before"].to_numpy(dtype=float),
        11: d["row_after"].to_numpy(dtype=float),
    }
    return texts, numbers


def flow_sheets(book: TrendBook) -> None:
    """流动明细 (and 流动明细(2)… past Excel's row limit), with an autofilter and frozen header."""
    tx = book.tx
    d = book.series.detail
    heads = [tx[k] for k in HEADS]
    n = len(d)
    texts, numbers = _columns(book)
    untracked = (d["flow"] == "untracked").to_numpy() if n else np.zeros(0, bool)
    widths = []
    for j, head in enumerate(heads):
        if j in texts:
            col = texts[j]
            sample = col if len(col) <= 5000 else col[np.argsort([len(x) for x in col])[-2000:]]
            widths.append(fit(sample, head, lo=8))
        else:
            widths.append(max(8.0, text_width(head) + 2))
    fill = {0: {}, 1: {"bg_color": UNTRACKED_FILL}}
    fmts = {(k, u): book.fmt(k, **fill[u]) for k in ("plain", "as_text", "amount", "whole") for u in (0, 1)}
    per_sheet = EXCEL_ROWS - 1
    for c in range(max(1, math.ceil(n / per_sheet))):
        a, b = c * per_sheet, min(n, (c + 1) * per_sheet)
        name = book.names["flows"] if c == 0 else f"{book.names['flows']}({c + 1})"
        ws = book.wb.add_worksheet(name)
        for j, head in enumerate(heads):
            ws.write_string(0, j, head, book.fmt("d_head"))
            ws.set_column(j, j, widths[j])
        ws.set_row(0, 30)
        for i in range(a, b):
            r = i - a + 1
            u = int(untracked[i])
            for j, col in texts.items():
                if v := col[i]:
                    ws.write_string(r, j, v, fmts[(KINDS.get(j, "plain"), u)])
                elif u:
                    ws.write_blank(r, j, None, fmts[("plain", 1)])
            for j, col in numbers.items():
                v = col[i]
                if v == v:  # not NaN
                    ws.write_number(r, j, float(v), fmts[(KINDS[j], u)])
                elif u:
                    ws.write_blank(r, j, None, fmts[(KINDS[j], 1)])
        if n == 0:
            ws.write_string(1, 0, tx["no_flows"], book.fmt("note"))
        ws.autofilter(0, 0, max(1, b - a), len(heads) - 1)
        ws.freeze_panes(1, 0)
        book.page(ws, landscape=True, repeat=(0, 0))
