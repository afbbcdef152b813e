"""Merged cells: the ranges of an ODS sheet, filling a roster's merged ranges, multi-row headers.

A value merged down a block of rows (工作单位, 社区, the 家庭人口 / 家庭月收入 that
spouses share) belongs to every row of the block: :func:`fill_body` copies it
down its column within the range only, never across an unmerged blank, and
counts the cells it filled. In the header, a label merged across columns
belongs to every column it spans and a label merged down belongs to every row:
:func:`header_block` finds a header of several rows (多级表头) and combines it
into one label per column ("家庭情况/家庭人口"). See docs/design.md, "Reading rosters".
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jiekun.model.columns import HeaderMatch, HeaderMatcher

#: A merged range: (first row, first column, last row, last column), 0-based, inclusive.
Range = tuple[int, int, int, int]
#: The most rows a header block spans.
MAX_BLOCK = 4
#: A label joining a parent header and its child ("家庭情况/家庭人口").
JOIN = "/"
_FORM_LINE = re.compile(r"[:：]")  # "填报单位：…", "单位：元" are form lines, not parent labels


@dataclass(frozen=True)
class Block:
    """A header of one or more rows: its rows (0-based, inclusive), labels per column and the match."""

    top: int
    bottom: int
    labels: list[str]
    match: HeaderMatch


def header_block(
    head: Sequence[Sequence[str]], merged: Sequence[Range], matcher: HeaderMatcher, least: int
) -> Block | None:
    """The header block among ``head`` rows naming the most fields (≥ ``least``), or None.

    Each row is tried as the start of a block, grown by the labels merged down
    through it and by parent rows above it (labels merged across some, not all,
    of its columns); the rows of a block are combined column by column.
    """
    ranges = [r for r in merged if r[0] < len(head) and (r[2] > r[0] or r[3] > r[1])]
    best: Block | None = None
    tried: set[tuple[int, int]] = set()
    for i, row in enumerate(head):
        if not any(str(v).strip() for v in row):
            continue
        lo, hi = _grow(head, ranges, i)
        if (lo, hi) in tried:
            continue
        tried.add((lo, hi))
        labels = combine(head, ranges, lo, hi)
        m = matcher.match_labels(labels)
        if len(m) >= least and (best is None or len(m) > len(best.match)):
            best = Block(lo, hi, [JOIN.join(x) for x in labels], m)
    return best


def _grow(head: Sequence[Sequence[str]], ranges: list[Range], i: int) -> tuple[int, int]:
    """The rows of the block that starts from row ``i``."""
    lo = hi = i
    while True:
        was = (lo, hi)
        for r0, _, r1, _ in ranges:
            if r1 > r0 and r0 <= hi and r1 >= lo and r0 >= lo - 1 and max(hi, r1) - min(lo, r0) < MAX_BLOCK:
                lo, hi = min(lo, r0), max(hi, min(r1, len(head) - 1))
        if lo > 0 and hi - lo + 1 < MAX_BLOCK and _is_parent_row(head, ranges, lo - 1, lo, hi):
            lo -= 1
        if (lo, hi) == was:
            return lo, hi


def _is_parent_row(head: Sequence[Sequence[str]], ranges: list[Range], p: int, lo: int, hi: int) -> bool:
    """Row ``p`` labels groups of the block's columns: a short label merged over some, not all, of them."""
    used = [c for r in range(lo, hi + 1) for c, v in enumerate(head[r]) if str(v).strip()]
    if not used:
        return False
    first, last = min(used), max(used)
    found = False
    for r0, c0, _, c1 in ranges:
        if r0 != p or c1 == c0:
            continue
        text = str(head[p][c0]).strip() if c0 < len(head[p]) else ""
        if not text or _FORM_LINE.search(text) or len(text) > 12 or (c0 <= first and c1 >= last):
            return False
        found = True
    return found


def combine(
    head: Sequence[Sequence[str]], ranges: Sequence[Range], lo: int, hi: int
) -> list[tuple[str, ...]]:
    """Per column, the distinct labels of rows ``lo``..``hi`` top to bottom, merged ranges filled."""
    width = max(len(head[r]) for r in range(lo, hi + 1))
    grid = [[str(v).strip() for v in head[r]] + [""] * (width - len(head[r])) for r in range(lo, hi + 1)]
    for r0, c0, r1, c1 in ranges:
        if lo <= r0 <= hi and c0 < width:
            value = grid[r0 - lo][c0]
            for r in range(r0, min(r1, hi) + 1):
                for c in range(c0, min(c1, width - 1) + 1):
                    grid[r - lo][c] = value
    out = []
    for c in range(width):
        labels: list[str] = []
        for r in range(hi - lo + 1):
            v = grid[r][c]
            if v and (not labels or labels[-1] != v):
                labels.append(v)
        out.append(tuple(labels))
    return out


def fill_body(body: pd.DataFrame, merged: Sequence[Range], first_row: int) -> dict[int, int]:
    """Fill the values merged down in ``body`` (sheet rows from ``first_row``); filled cells per column.

    A range is filled down its first column from its top cell, within the range
    only; cells that already hold text are left alone.
    """
    n, width = body.shape
    rs = np.array([r for r in merged if r[2] > r[0] and r[0] >= first_row and r[1] < width], dtype=np.int64)
    if not len(rs):
        return {}
    top, col, last = rs[:, 0] - first_row, rs[:, 1], np.minimum(rs[:, 2] - first_row, n - 1)
    ok = top < n
    top, col, last = top[ok], col[ok], last[ok]
    span = last - top  # cells below the top cell
    tgt_r = np.repeat(top, span) + _ramp(span)
    tgt_c = np.repeat(col, span)
    src_r = np.repeat(top, span)
    counts: dict[int, int] = {}
    for c in np.unique(tgt_c):
        sel = tgt_c == c
        values = body.iloc[:, c].to_numpy(dtype=object).copy()
        rows, fill = tgt_r[sel], values[src_r[sel]]
        blank = (values[rows] == "") & (fill != "")
        values[rows[blank]] = fill[blank]
        if blank.any():
            body.isetitem(int(c), pd.Series(values, index=body.index, dtype="str"))
            counts[int(c)] = int(blank.sum())
    return counts


def _ramp(span: np.ndarray) -> np.ndarray:
    """1..k for each k of ``span``, concatenated."""
    total = int(span.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    starts = np.repeat(np.cumsum(span) - span, span)
    return np.arange(total, dtype=np.int64) - starts + 1


# ------------------------------------------------------------------ ODS


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def ods_ranges(data: bytes) -> dict[str, tuple[Range, ...]]:
    """Merged ranges of every sheet of an ODS file (calamine does not give them)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            content = z.read("content.xml")
    except (KeyError, zipfile.BadZipFile, OSError):
        return {}
    if b"-spanned" not in content:
        return {}
    import xml.etree.ElementTree as ET

    t = _TABLE
    out: dict[str, list[Range]] = {}
    sheet, r, c, rep = None, 0, 0, 1
    for event, el in ET.iterparse(io.BytesIO(content), events=("start", "end")):
        tag = el.tag
        if event == "start":
            if tag == t + "table":
                sheet, r = el.get(t + "name") or "", 0
                out.setdefault(sheet, [])
            elif tag == t + "table-row":
                c, rep = 0, int(el.get(t + "number-rows-repeated") or 1)
            elif tag in (t + "table-cell", t + "covered-table-cell") and sheet is not None:
                rows = int(el.get(t + "number-rows-spanned") or 1)
                cols = int(el.get(t + "number-columns-spanned") or 1)
                if rows > 1 or cols > 1:
                    out[sheet].append((r, c, r + rows - 1, c + cols - 1))
                c += int(el.get(t + "number-columns-repeated") or 1)
        elif tag == t + "table-row":
            r += rep
            el.clear()
    return {k: tuple(v) for k, v in out.items()}
