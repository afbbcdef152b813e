"""Writing large data sheets fast: the cell XML of whole columns at once.

XlsxWriter writes the report workbook: every sheet, format, chart and print
setting, and the header row of the two long sheets (明细, 问题数据). The data
rows of those sheets are the one place where per-cell Python calls would cost
seconds (33,724 rows × 20 columns is 670,000 ``write_string`` calls, about
3 s), so their ``<sheetData>`` rows are built here from NumPy object arrays,
one column at a time, and spliced into the finished package: the workbook is
first written to memory, then copied into the output zip with each long
sheet's rows inserted before ``</sheetData>``.

Every roster value goes out as an inline string (``t="inlineStr"``), XML
escaped, control characters as Excel's ``_xHHHH_``, so ``=1+1``, ``@SUM(A1)``,
``-5`` or a leading tab stay text; numbers only come from columns the caller
parsed into floats. The styles are XlsxWriter ``Format`` objects whose style
index is fixed before the workbook is closed (``Format._get_xf_index``,
XlsxWriter's own hook for this, stable since 2013).

``write_cells`` writes the same columns through XlsxWriter's public API, one
call per cell. It is the reference the fast path is tested against.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pandas as pd

from jiekun.model.columns import col_letter

#: Rows per sheet in Excel, the header row included.
EXCEL_ROWS = 1_048_576
#: Data rows of one sheet below its header row.
SHEET_DATA_ROWS = EXCEL_ROWS - 1
#: Longest text a cell holds.
CELL_CHARS = 32_767
#: Rows serialised at once (bounds memory on a million-row roster).
CHUNK_ROWS = 20_000
#: zlib level of the long sheets: 1 is several times faster than 6 and the
#: XML of a roster compresses almost as well.
COMPRESS_LEVEL = 1

_NEEDS_ESCAPE = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")
_EDGE_SPACE = re.compile(r"(?:^|\x00)\s|\s(?:\x00|$)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_LITERAL_ESCAPE = re.compile(r"(_x[0-9A-Fa-f]{4}_)")
_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "p": "http://schemas.openxmlformats.org/package/2006/relationships",
}

# ------------------------------------------------------------------ styles

#: Base cell styles of the data sheets: XlsxWriter format properties.
BASE_STYLES: dict[str, dict] = {
    "text": {},
    "id": {"num_format": "@"},
    "money": {"num_format": "#,##0.00"},
    "per_capita": {"num_format": "0.00"},
    "int": {"num_format": "0"},
    "number": {},
    "date": {"num_format": "yyyy-mm-dd"},
    "month": {"num_format": "yyyy-mm"},
    "wrap": {"text_wrap": True, "valign": "top"},
}
#: Row bands of the detail sheet: 0 plain, 1 hardship, 2 extreme hardship, 3 duplicate.
BANDS: tuple[dict, ...] = (
    {},
    {"bg_color": "#FFF2CC"},
    {"bg_color": "#F8D7DA"},
    {"font_color": "#808080"},
)
HARDSHIP_FILL, EXTREME_FILL = BANDS[1]["bg_color"], BANDS[2]["bg_color"]


class Styles:
    """The formats of the data cells, one per (base style, band).

    Style indexes are fixed when a sheet is registered, before the workbook is
    closed; asking for a new one afterwards is a bug and raises.
    """

    def __init__(self, workbook):
        self.workbook = workbook
        self._formats: dict[tuple[str, int], object] = {}
        self._attrs: dict[tuple[str, int], str] = {}
        self.frozen = False

    def format(self, key: str, band: int = 0):
        if (key, band) not in self._formats:
            if self.frozen:
                raise RuntimeError(f"style {key!r} was not registered before the workbook was closed")
            props = {**BASE_STYLES[key], **BANDS[band]}
            self._formats[key, band] = self.workbook.add_format(props) if props else None
        return self._formats[key, band]

    def attr(self, key: str, band: int = 0) -> str:
        """The ``s="N"`` attribute of a style (empty for the default style)."""
        if (key, band) not in self._attrs:
            f = self.format(key, band)
            self._attrs[key, band] = "" if f is None else f' s="{f._get_xf_index()}"'
        return self._attrs[key, band]

    def register(self, columns: list[Column]) -> None:
        """Fix the style indexes every cell of these columns may use."""
        for col in columns:
            for key in {col.text_style, col.number_style, col.alt_style}:
                for band in range(len(BANDS)):
                    self.attr(key, band)


# ------------------------------------------------------------------ columns


@dataclass
class Column:
    """One column of a data sheet: text and/or numbers, with their styles.

    A cell is a number where ``number`` is finite, else text where ``text`` is
    non-empty, else blank (written only to carry a band's fill).
    """

    header: str
    text: np.ndarray | None = None  # object array of str, "" = none
    number: np.ndarray | None = None  # float64, NaN = none
    text_style: str = "text"
    number_style: str = "number"
    #: per-row alternative number style (e.g. "month" for 1975年3月), None = number_style
    number_style_alt: np.ndarray | None = None
    alt_style: str = "month"
    width: float = 10.0


@dataclass
class DataSheet:
    """A sheet whose data rows are spliced in: rows ``start:stop`` of ``columns``."""

    name: str
    columns: list[Column]
    start: int
    stop: int
    band: np.ndarray | None = None  # int8 per row of the columns
    styles: Styles | None = None

    @property
    def rows(self) -> int:
        return self.stop - self.start

    def last_cell(self) -> str:
        return f"{col_letter(len(self.columns) - 1)}{self.rows + 1}"


def escape_text(values: np.ndarray) -> np.ndarray:
    """XML-escape an object array of strings; control characters become ``_xHHHH_``.

    The whole column is searched once; only the values that need it are touched.
    """
    if not len(values) or not _NEEDS_ESCAPE.search("\n".join(values.tolist())):
        return values
    s = pd.Series(values, dtype=object)
    hit = s.str.contains(_NEEDS_ESCAPE, regex=True).to_numpy(dtype=bool)
    part = s[hit]
    part = part.str.replace(_LITERAL_ESCAPE, r"_x005F\1", regex=True)
    part = part.str.replace("&", "&amp;", regex=False).str.replace("<", "&lt;", regex=False)
    part = part.str.replace(">", "&gt;", regex=False)
    part = part.str.replace(_CONTROL, lambda m: f"_x{ord(m.group(0)):04X}_", regex=True)
    part = part.str.replace("\ufffe", "_xFFFE_", regex=False).str.replace("\uffff", "_xFFFF_", regex=False)
    out = values.copy()
    out[hit] = part.to_numpy(dtype=object)
    return out


def edge_space(values: np.ndarray) -> np.ndarray:
    """Which texts start or end with whitespace (they need ``xml:space="preserve"``).

    One search over the joined column; values are looked at one by one only when it hits.
    """
    if not len(values) or not _EDGE_SPACE.search("\x00".join(values.tolist())):
        return np.zeros(len(values), dtype=np.int64)
    s = pd.Series(values, dtype=object)
    return s.str.contains(r"^\s|\s$", regex=True).to_numpy(dtype=np.int64)


def clip_text(values: np.ndarray) -> np.ndarray:
    """Cut texts longer than a cell holds (Excel refuses the file otherwise)."""
    if not len(values) or max(map(len, values)) <= CELL_CHARS:
        return values
    lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    if lengths.max() > CELL_CHARS:
        values = values.copy()
        long = lengths > CELL_CHARS
        values[long] = [v[:CELL_CHARS] for v in values[long]]
    return values


def _number_text(x: np.ndarray) -> np.ndarray:
    """Floats as the text of ``<v>``: integers without ".0", others in shortest form."""
    if not len(x):
        return np.empty(0, dtype=object)
    whole = (np.floor(x) == x) & (np.abs(x) < 2**53)
    out = np.empty(len(x), dtype=object)
    if whole.all():
        return x.astype(np.int64).astype(str).astype(object)
    out[whole] = x[whole].astype(np.int64).astype(str)
    out[~whole] = x[~whole].astype(str)
    return out


def _column_pieces(sheet: DataSheet, j: int, a: int, b: int, rownums: np.ndarray) -> np.ndarray:
    """The five XML pieces of each cell of column ``j``, rows ``a:b`` (shape rows × 5)."""
    col = sheet.columns[j]
    styles = sheet.styles
    m = b - a
    band = sheet.band[a:b] if sheet.band is not None else np.zeros(m, dtype=np.int8)
    n_bands = len(BANDS)
    letter = col_letter(j)
    pieces = np.empty((m, 5), dtype=object)
    pieces[:, 0] = f'<c r="{letter}'
    pieces[:, 1] = rownums
    pieces[:, 4] = ""
    written = np.zeros(m, dtype=bool)

    num = col.number[a:b] if col.number is not None else None
    is_num = np.isfinite(num) if num is not None else np.zeros(m, dtype=bool)
    if is_num.any():
        keys = [col.number_style, col.alt_style]
        mids = np.array([f'"{styles.attr(k, bd)}><v>' for k in keys for bd in range(n_bands)], dtype=object)
        alt = (
            np.zeros(m, np.int64)
            if col.number_style_alt is None
            else col.number_style_alt[a:b].astype(np.int64)
        )
        pieces[is_num, 2] = mids[(alt * n_bands + band)[is_num]]
        pieces[is_num, 3] = _number_text(num[is_num])
        pieces[is_num, 4] = "</v></c>"
        written |= is_num

    if col.text is not None:
        txt = col.text[a:b]
        is_txt = ~is_num & (txt != "")
        if is_txt.any():
            values = txt[is_txt]
            preserve = edge_space(values)
            mids = np.array(
                [
                    f'"{styles.attr(col.text_style, bd)} t="inlineStr"><is><t{space}>'
                    for space in ("", ' xml:space="preserve"')
                    for bd in range(n_bands)
                ],
                dtype=object,
            )
            pieces[is_txt, 2] = mids[band[is_txt] + n_bands * preserve]
            pieces[is_txt, 3] = escape_text(clip_text(values))
            pieces[is_txt, 4] = "</t></is></c>"
            written |= is_txt

    blank = ~written
    if blank.any():
        filled = blank & (band != 0)
        if filled.any():
            ends = np.array([f'"{styles.attr(col.text_style, bd)}/>' for bd in range(n_bands)], dtype=object)
            pieces[filled, 2] = ends[band[filled]]
            pieces[filled, 3] = ""
        empty = blank & (band == 0)
        pieces[empty, :] = ""
    return pieces


def sheet_rows(sheet: DataSheet, first_row: int = 2) -> Iterator[bytes]:
    """The ``<row>`` elements of a data sheet, in chunks of UTF-8 bytes."""
    ncols = len(sheet.columns)
    for a in range(sheet.start, sheet.stop, CHUNK_ROWS):
        b = min(a + CHUNK_ROWS, sheet.stop)
        m = b - a
        excel_row = first_row + (a - sheet.start)
        rownums = np.arange(excel_row, excel_row + m).astype(str).astype(object)
        grid = np.empty((m, 3 + 5 * ncols + 1), dtype=object)
        grid[:, 0] = '<row r="'
        grid[:, 1] = rownums
        grid[:, 2] = '">'
        for j in range(ncols):
            grid[:, 3 + 5 * j : 8 + 5 * j] = _column_pieces(sheet, j, a, b, rownums)
        grid[:, -1] = "</row>"
        yield "".join(grid.ravel().tolist()).encode("utf-8", errors="replace")


# ------------------------------------------------------------------ splicing


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part in the package (xl/worksheets/sheetN.xml)."""
    wb = ElementTree.fromstring(z.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels.findall("p:Relationship", _NS)}
    out = {}
    for s in wb.find("m:sheets", _NS).findall("m:sheet", _NS):
        t = target[s.get(f"{{{_NS['r']}}}id")]
        out[s.get("name")] = t.lstrip("/") if t.startswith("/") else f"xl/{t}"
    return out


def splice(package: bytes, out: Path, sheets: list[DataSheet]) -> None:
    """Copy the package to ``out`` with the data rows of ``sheets`` inserted."""
    with zipfile.ZipFile(io.BytesIO(package)) as zin:
        parts = _sheet_parts(zin)
        by_part = {parts[s.name]: s for s in sheets}
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL) as zout:
            for info in zin.infolist():
                data = zin.read(info)
                sheet = by_part.get(info.filename)
                if sheet is None:
                    zout.writestr(info, data)
                    continue
                xml = data.decode("utf-8")
                xml = re.sub(
                    r'<dimension ref="[^"]*"/>', f'<dimension ref="A1:{sheet.last_cell()}"/>', xml, count=1
                )
                end = xml.rfind("</sheetData>")
                if end < 0:  # no header row written: an empty <sheetData/>
                    xml = xml.replace("<sheetData/>", "<sheetData></sheetData>", 1)
                    end = xml.rfind("</sheetData>")
                big = sheet.rows * len(sheet.columns) > 10_000_000
                with zout.open(info.filename, "w", force_zip64=big) as f:
                    f.write(xml[:end].encode("utf-8"))
                    for chunk in sheet_rows(sheet):
                        f.write(chunk)
                    f.write(xml[end:].encode("utf-8"))


def write_cells(ws, sheet: DataSheet, first_row: int = 1) -> None:
    """Write a data sheet's rows through XlsxWriter, one call per cell (the reference path)."""
    styles = sheet.styles
    for j, col in enumerate(sheet.columns):
        for i in range(sheet.start, sheet.stop):
            r = first_row + i - sheet.start
            bd = int(sheet.band[i]) if sheet.band is not None else 0
            num = col.number[i] if col.number is not None else np.nan
            if np.isfinite(num):
                alt = col.number_style_alt is not None and bool(col.number_style_alt[i])
                ws.write_number(
                    r, j, float(num), styles.format(col.alt_style if alt else col.number_style, bd)
                )
            elif col.text is not None and col.text[i] != "":
                ws.write_string(r, j, col.text[i], styles.format(col.text_style, bd))
            elif bd:
                ws.write_blank(r, j, None, styles.format(col.text_style, bd))
