"""The assistance workbook being written: its words, small tables, and long list sheets.

Shared by the sheets of :mod:`jiekun.report.assist` and :mod:`jiekun.report.assist_sheets`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from jiekun.model.assist_ledger import KIND_KEYS
from jiekun.model.assist_result import AssistResult
from jiekun.text import words
from jiekun.xlsx.book import Kit, column_width, data_sheets, number_width, text_width, write_share
from jiekun.xlsx.rows import Column

#: Cell kinds of a small table: a label, a whole number, yuan, a share.
LABEL, INT, MONEY, SHARE = "label", "int", "money", "pct"


class AssistBook(Kit):
    """The workbook being written: the result, its words, and the long sheets to splice in."""

    def __init__(self, wb, result: AssistResult, lang: str, mask: bool):
        super().__init__(wb, side=0.4)
        self.r, self.lang, self.mask = result, lang, mask
        self.w = words("assist", lang)
        self.tx = self.w["book"]
        self.cols = self.tx["columns"]
        self.data: list = []  # jiekun.xlsx.rows.DataSheet, spliced in after the workbook is closed

    def sheet(self, key: str, landscape: bool = False):
        ws = self.wb.add_worksheet(self.w["sheet"][key])
        self.page(ws, landscape=landscape)
        return ws

    def kind_label(self, code: int) -> str:
        return self.w["kind"][KIND_KEYS[int(code)]] if code >= 0 else ""

    def ids(self, values) -> np.ndarray:
        """ID numbers as text (masked when asked), '' for none."""
        s = pd.Series(values, dtype=object).fillna("").astype(str)
        if self.mask:
            from jiekun.model.ids import mask_ids

            s = mask_ids(s)
        return s.to_numpy(dtype=object)

    def table(self, ws, r: int, heads: Sequence[str], rows: Sequence[Sequence], kinds: Sequence[str],
              total: Sequence | None = None) -> int:  # fmt: skip
        """A small table at row ``r``: header, rows, an optional total row; returns the row after it.

        A cell of kind SHARE is a pair (n, d); MONEY is fen.
        """
        h = self.fmt("h")
        for j, head in enumerate(heads):
            ws.write_string(r, j, head, h)
        for line, is_total in [(x, False) for x in rows] + ([(total, True)] if total is not None else []):
            r += 1
            for j, (v, kind) in enumerate(zip(line, kinds, strict=True)):
                self.cell(ws, r, j, v, kind, total=is_total)
        return r + 1

    def cell(self, ws, r: int, j: int, v, kind: str, *, total: bool = False) -> None:
        """One cell of a small table: a label, a whole number, fen as yuan, or a share (n, d)."""
        base = ("total_" if total else "") + ("label" if kind == LABEL else kind)
        if kind == MONEY:
            f = self.fmt("total_int" if total else "int", num_format="#,##0.00")
        else:
            f = self.fmt(base)
        if kind == LABEL:
            ws.write_string(r, j, str(v), f)
        elif kind == SHARE:
            write_share(ws, r, j, v[0], v[1], f, self.fmt("dash"))
        elif kind == MONEY:
            ws.write_number(r, j, int(v) / 100, f)
        else:
            ws.write_number(r, j, int(v), f)

    def list_sheet(self, key: str, columns: list[Column]) -> None:
        """A long list sheet: widths fitted to the values, rows spliced in later."""
        for col in columns:
            if col.text is not None:
                col.width = column_width(col.text, col.header)
            if col.number is not None:
                col.width = max(number_width(col.number, 2) + 2, text_width(col.header) + 2, 8)
        self.data += data_sheets(self, self.w["sheet"][key], columns, None, landscape=True, min_filter=1)


def period_text(book: AssistBook) -> str:
    r, w = book.r, book.w
    if r.start and r.end:
        return w["period_range"].format(start=r.start.isoformat(), end=r.end.isoformat())
    return w["period_all"]
