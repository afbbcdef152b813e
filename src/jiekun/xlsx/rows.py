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
import pyarrow as pa
import pyarrow.compute as pc

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
    """The formats of the data cells, one per (base style, band properties).

    Style indexes are fixed when a sheet is registered, before the workbook is
    closed; asking for a new one afterwards is a bug and raises.
    """

    def __init__(self, workbook):
        self.workbook = workbook
        self._formats: dict[tuple[str, tuple], object] = {}
        self._attrs: dict[tuple[str, tuple], str] = {}
        self.frozen = False

    def format(self, key: str, band: int = 0, bands: tuple[dict, ...] = BANDS):
        """The format of base style ``key`` in row band ``band`` of ``bands`` (None = the default)."""
        k = (key, tuple(sorted(bands[band].items())))
        if k not in self._formats:
            if self.frozen:
                raise RuntimeError(f"style {key!r} was not registered before the workbook was closed")
            props = {**BASE_STYLES[key], **bands[band]}
            self._formats[k] = self.workbook.add_format(props) if props else None
        return self._formats[k]

    def attr(self, key: str, band: int = 0, bands: tuple[dict, ...] = BANDS) -> str:
        """The ``s="N"`` attribute of a style (empty for the default style)."""
        k = (key, tuple(sorted(bands[band].items())))
        if k not in self._attrs:
            f = self.format(key, band, bands)
            self._attrs[k] = "" if f is None else f' s="{f._get_xf_index()}"'
        return self._attrs[k]

    def register(self, columns: list[Column], bands: tuple[dict, ...] = BANDS) -> None:
        """Fix the style indexes every cell of these columns may use."""
        for col in columns:
            for key in {col.text_style, col.number_style, col.alt_style, col.blank_style or col.text_style}:
                for band in range(len(bands)):
                    self.attr(key, band, bands)


# ------------------------------------------------------------------ columns


@dataclass
class Column:
    """One column of a data sheet: text and/or numbers, with their styles.

    A cell is a number where ``number`` is finite, else text where ``text`` is
    non-empty, else blank (written only to carry a band's fill).
    """

    header: str
    text: np.ndarray | pa.Array | None = None  # object array of str or Arrow strings, "" = none
    number: np.ndarray | None = None  # float64, NaN = none
    text_style: str = "text"
    number_style: str = "number"
    #: per-row alternative number style (e.g. "month" for 1975年3月), None = number_style
    number_style_alt: np.ndarray | None = None
    alt_style: str = "month"
    width: float = 10.0
    #: style of a blank cell that carries its row's band (None = text_style)
    blank_style: str | None = None


@dataclass
class DataSheet:
    """A sheet whose data rows are spliced in: rows ``start:stop`` of ``columns``."""

    name: str
    columns: list[Column]
    start: int
    stop: int
    band: np.ndarray | None = None  # int8 per row of the columns: an index into ``bands``
    styles: Styles | None = None
    #: the row bands' properties (fills, font colours, borders); 0 is a plain row
    bands: tuple[dict, ...] = BANDS
    #: the Excel row (1-based) of the first data row; the rows above are XlsxWriter's
    first_row: int = 2
    #: write every empty cell with its band's style (a bordered table), not only banded ones
    blanks: bool = False

    def attr(self, key: str, band: int) -> str:
        return self.styles.attr(key, band, self.bands)

    def format(self, key: str, band: int):
        return self.styles.format(key, band, self.bands)

    @property
    def rows(self) -> int:
        return self.stop - self.start

    def last_cell(self) -> str:
        return f"{col_letter(len(self.columns) - 1)}{self.first_row + self.rows - 1}"


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


def _text_cells(values: np.ndarray | pa.Array) -> tuple[pa.Array, np.ndarray]:
    """The ``<t>`` text of each value (clipped, escaped) and whether it needs ``xml:space``.

    Arrow trims and measures the whole chunk and one byte scan of its UTF-8 finds anything
    to escape; the pandas path (:func:`escape_text`, :func:`clip_text`, :func:`edge_space`)
    runs only on a chunk holding something to escape or clip, or text that is not valid
    Unicode (lone surrogates become ``?``).
    """
    try:
        text = arrow_text(values)
    except (UnicodeEncodeError, pa.ArrowInvalid):
        text = None
    if text is not None and not _needs_escape(text) and pc.max(pc.utf8_length(text)).as_py() <= CELL_CHARS:
        trimmed = pc.binary_length(pc.utf8_trim_whitespace(text))
        return text, pc.not_equal(trimmed, pc.binary_length(text)).to_numpy(zero_copy_only=False)
    if isinstance(values, pa.Array):
        values = values.to_numpy(zero_copy_only=False)
    preserve = edge_space(values).astype(bool)
    fixed = escape_text(clip_text(values))
    if text is None:  # no raw \x1e is left once escaped
        joined = "\x1e".join(fixed.tolist()).encode("utf-8", errors="replace").decode("utf-8")
        fixed = joined.split("\x1e")
    return pa.array(fixed, type=pa.large_string()), preserve


#: UTF-8 bytes that need escaping: & < > and the control characters but tab and newline.
_ESCAPE_BYTES = np.zeros(256, dtype=bool)
_ESCAPE_BYTES[[0x26, 0x3C, 0x3E, *range(0x09), *range(0x0B, 0x20)]] = True


def arrow_text(values: np.ndarray | pa.Array | pa.ChunkedArray | pd.Series) -> pa.Array:
    """Strings as one Arrow ``large_string`` array, missing values as ""."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if not isinstance(values, pa.Array):
        values = pa.array(values, type=pa.large_string(), from_pandas=True)
        if isinstance(values, pa.ChunkedArray):
            values = values.combine_chunks()
    if values.type != pa.large_string():
        values = values.cast(pa.large_string())
    return values.fill_null("") if values.null_count else values


def _utf8(strings: pa.Array) -> np.ndarray:
    """The UTF-8 bytes of a ``large_string`` array's values, one after the other (no copy)."""
    data = strings.buffers()[2]
    if data is None or not len(strings):
        return np.zeros(0, dtype=np.uint8)
    offsets = np.frombuffer(strings.buffers()[1], dtype=np.int64)
    first, last = offsets[strings.offset], offsets[strings.offset + len(strings)]
    return np.frombuffer(data, dtype=np.uint8)[first:last]


def _needs_escape(text: pa.Array) -> bool:
    """Whether any value holds & < >, a control character, U+FFFE/U+FFFF or a literal ``_xHHHH_``."""
    b = _utf8(text)
    if _ESCAPE_BYTES[b].any():
        return True
    ef = np.flatnonzero(b[:-2] == 0xEF)  # U+FFFE, U+FFFF: EF BF BE, EF BF BF
    if len(ef) and ((b[ef + 1] == 0xBF) & (b[ef + 2] >= 0xBE)).any():
        return True
    under = np.flatnonzero(b[:-1] == 0x5F)  # "_x": then let the regex decide
    return bool(len(under) and (b[under + 1] == 0x78).any())


def _heads(sheet: DataSheet, col: Column) -> pa.Array:
    """Every way a cell of ``col`` can go on after ``<c r="A2``, by :func:`_head_code`."""
    nb = len(sheet.bands)
    attr = sheet.attr
    heads = [f'"{attr(k, bd)}><v>' for k in (col.number_style, col.alt_style) for bd in range(nb)]
    heads += [
        f'"{attr(col.text_style, bd)} t="inlineStr"><is><t{space}>'
        for space in ("", ' xml:space="preserve"')
        for bd in range(nb)
    ]
    heads += [f'"{attr(col.blank_style or col.text_style, bd)}/>' for bd in range(nb)]
    return pa.array(heads, type=pa.large_string())


_TAILS = pa.array(["</v></c>", "</t></is></c>", ""], type=pa.large_string())


def _column_cells(sheet: DataSheet, j: int, a: int, b: int, rownums: pa.Array, heads: pa.Array) -> pa.Array:
    """The ``<c>`` element of each row ``a:b`` of column ``j``; null where the row has no cell."""
    col = sheet.columns[j]
    m, nb = b - a, len(sheet.bands)
    band = sheet.band[a:b].astype(np.int64) if sheet.band is not None else np.zeros(m, dtype=np.int64)
    num = col.number[a:b] if col.number is not None else None
    is_num = np.isfinite(num) if num is not None else np.zeros(m, dtype=bool)
    if col.text is not None:
        txt = col.text[a:b]
        blank = pc.equal(txt, "").to_numpy(zero_copy_only=False) if isinstance(txt, pa.Array) else txt == ""
        is_txt = ~is_num & ~blank
        value, preserve = _text_cells(txt)
        preserve = preserve.astype(np.int64)
    else:
        is_txt = np.zeros(m, dtype=bool)
        value, preserve = pa.nulls(m, pa.large_string()).fill_null(""), np.zeros(m, dtype=np.int64)
    if is_num.any():
        shown = pc.cast(pa.array(np.where(is_num, num, 0.0)), pa.large_string())
        value = pc.if_else(pa.array(is_num), shown, value)
    alt = (
        np.zeros(m, np.int64) if col.number_style_alt is None else col.number_style_alt[a:b].astype(np.int64)
    )
    code = np.where(is_num, alt * nb + band, np.where(is_txt, 2 * nb + preserve * nb + band, 4 * nb + band))
    none = ~is_num & ~is_txt & (band == 0) & (not sheet.blanks)
    head = heads.take(pa.array(code, mask=none))
    tail = _TAILS.take(pa.array(np.where(is_num, 0, np.where(is_txt, 1, 2))))
    value = pc.if_else(pa.array(is_num | is_txt), value, "")
    return pc.binary_join_element_wise(
        _large(f'<c r="{col_letter(j)}'), rownums, head, value, tail, _large("")
    )


def _large(s: str) -> pa.Scalar:
    return pa.scalar(s, type=pa.large_string())


def sheet_rows(sheet: DataSheet, first_row: int | None = None) -> Iterator[memoryview]:
    """The ``<row>`` elements of a data sheet, in chunks of UTF-8 bytes (from ``sheet.first_row``).

    Every cell is built by Arrow string kernels, column by column, and a chunk's rows are
    one Arrow buffer: no Python call per row or per cell.
    """
    heads = [_heads(sheet, col) for col in sheet.columns]
    first_row = sheet.first_row if first_row is None else first_row
    for a in range(sheet.start, sheet.stop, CHUNK_ROWS):
        b = min(a + CHUNK_ROWS, sheet.stop)
        excel_row = first_row + (a - sheet.start)
        rownums = pc.cast(pa.array(np.arange(excel_row, excel_row + b - a)), pa.large_string())
        cells = [_column_cells(sheet, j, a, b, rownums, heads[j]) for j in range(len(sheet.columns))]
        rows = pc.binary_join_element_wise(
            _large('<row r="'), rownums, _large('">'), *cells, _large("</row>"), _large(""),
            null_handling="skip",
        )  # fmt: skip
        del cells
        yield memoryview(_utf8(rows))
        del rows  # one chunk in memory at a time


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


def write_cells(ws, sheet: DataSheet) -> None:
    """Write a data sheet's rows through XlsxWriter, one call per cell (the reference path)."""
    for j, col in enumerate(sheet.columns):
        text = col.text.to_numpy(zero_copy_only=False) if isinstance(col.text, pa.Array) else col.text
        for i in range(sheet.start, sheet.stop):
            r = sheet.first_row - 1 + i - sheet.start
            bd = int(sheet.band[i]) if sheet.band is not None else 0
            num = col.number[i] if col.number is not None else np.nan
            if np.isfinite(num):
                alt = col.number_style_alt is not None and bool(col.number_style_alt[i])
                ws.write_number(
                    r, j, float(num), sheet.format(col.alt_style if alt else col.number_style, bd)
                )
            elif text is not None and text[i] != "":
                ws.write_string(r, j, text[i], sheet.format(col.text_style, bd))
            elif bd or sheet.blanks:
                ws.write_blank(r, j, None, sheet.format(col.blank_style or col.text_style, bd))
