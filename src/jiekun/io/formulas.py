"""Formulas without saved results: cells that look blank because no spreadsheet ever computed them.

A workbook written by a program (not opened in Excel or WPS) can hold
``<c><f>E5/D5</f></c>``: a formula and no saved value. calamine reads the saved
value, so such a cell is blank. :func:`uncached_formulas` finds these cells in
the sheet's XML; the reader calls it only when a column that matters has
blanks (docs/design.md, "Reading rosters").
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree as ET

import numpy as np

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# A cell holding a formula and nothing else (or an empty value): <c r="E5" ...><f>…</f></c>
_BARE = re.compile(
    rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})(\d+)"[^>]*>\s*'
    rb"<(?:\w+:)?f\b[^>]*?(?:/>|>[^<]*</(?:\w+:)?f>)\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*"
    rb"</(?:\w+:)?c>"
)


def uncached_formulas(data: bytes, sheet: str) -> tuple[np.ndarray, np.ndarray]:
    """(0-based rows, 0-based columns) of the formula cells of ``sheet`` that have no saved result."""
    none = (np.zeros(0, np.int64), np.zeros(0, np.int64))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            xml = z.read(_sheet_path(z, sheet))
    except (KeyError, StopIteration, zipfile.BadZipFile, ET.ParseError, OSError):
        return none
    if b"<f" not in xml and b":f" not in xml:
        return none
    hits = _BARE.findall(xml)
    if not hits:
        return none
    rows = np.array([int(r) - 1 for _, r in hits], dtype=np.int64)
    cols = np.array([_col_index(c.decode()) for c, _ in hits], dtype=np.int64)
    return rows, cols


def _sheet_path(z: zipfile.ZipFile, sheet: str) -> str:
    book = ET.fromstring(z.read("xl/workbook.xml"))
    rid = next(s.get(_REL + "id") for s in book.iter(_MAIN + "sheet") if s.get("name") == sheet)
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = next(r.get("Target") for r in rels if r.get("Id") == rid) or ""
    return target.lstrip("/") if target.startswith("/") else "xl/" + target


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1
