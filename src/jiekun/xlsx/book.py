"""The one workbook kit: options, named formats, page set-up, widths, key–value sheets, charts.

Every workbook jiekun writes (the roster report, the trend and compare
workbook, the match workbook, the problems file, the template) is built on
:class:`Kit`: formats are asked for by name (:data:`FORMATS`), every sheet is
set up for A4 by :func:`page_setup`, and roster text is never turned into a
formula, a link or a number (:data:`WORKBOOK_OPTIONS`). Every format and the
theme name one Chinese font (:func:`font_properties`), so Excel, WPS and
LibreOffice draw bold Chinese in it and the layout does not depend on which
Latin fonts a machine has. See docs/design.md and docs/report.md, "Fonts".
"""

from __future__ import annotations

import io
import math
import unicodedata
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from jiekun.xlsx.rows import BANDS, SHEET_DATA_ROWS, Column, DataSheet, Styles, splice, write_cells

#: XlsxWriter options of every workbook jiekun writes: roster text stays text.
WORKBOOK_OPTIONS: dict[str, bool] = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
A4 = 9
#: The font every workbook names unless the rules say otherwise (``[report] font``).
DEFAULT_FONT = "宋体"
#: GB2312, the character set Excel writes for a Simplified Chinese font.
GB2312_CHARSET = 134
#: Font families (1 roman, 2 swiss, 3 modern) Excel writes for the common Chinese faces.
_FONT_FAMILY = {"宋体": 3, "新宋体": 3, "仿宋": 3, "楷体": 3, "SimSun": 3, "NSimSun": 3}
#: The footer of the match workbook and the template: "page / pages", centred.
PAGE_FOOTER = "&C&P / &N"
MAX_WIDTH = 50
MIN_WIDTH = 6

_HEAD = {"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True}
_TOTAL = {"bold": True, "border": 1, "bg_color": "#F2F2F2"}

#: Every named format (XlsxWriter properties); a sheet asks for one with :meth:`Kit.fmt`.
FORMATS: dict[str, dict] = {
    # titles and headings
    "title": {"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"},
    "title_left": {"bold": True, "font_size": 16, "valign": "vcenter"},
    "help_title": {"bold": True, "font_size": 14},
    "subtitle": {"font_size": 10, "font_color": "#404040"},
    "heading": {"bold": True, "font_size": 12},
    "h": {**_HEAD, "bg_color": "#D9E1F2"},
    "h_accent": {**_HEAD, "bg_color": "#FCE4D6"},
    "h_left": {"bold": True, "border": 1, "bg_color": "#D9E1F2", "valign": "vcenter"},
    "d_head": {"bold": True, "bg_color": "#D9E1F2", "border": 1, "valign": "vcenter", "text_wrap": True},
    "section": {"bold": True, "bg_color": "#F2F2F2", "border": 1},
    # table cells
    "label": {"border": 1},
    "label_indent": {"border": 1, "indent": 1},
    "label_c": {"border": 1, "align": "center"},
    "int": {"border": 1, "num_format": "#,##0"},
    "pct": {"border": 1, "num_format": "0.0%"},
    "dash": {"border": 1, "align": "right"},
    "dash_c": {"border": 1, "align": "center", "font_color": "#808080"},
    "total_label": _TOTAL,
    "total_int": {**_TOTAL, "num_format": "#,##0"},
    "total_pct": {**_TOTAL, "num_format": "0.0%"},
    "flag_int": {"border": 1, "bold": True, "font_color": "#C00000", "num_format": "#,##0"},
    "note_cell": {"border": 1, "font_color": "#595959"},
    "ok_cell": {"font_color": "#006100", "border": 1, "align": "center"},
    "bad_cell": {"font_color": "#C00000", "bold": True, "border": 1, "align": "center"},
    "required": {"border": 1, "valign": "top", "align": "center", "font_color": "#C00000"},
    # lines of text
    "note": {"italic": True, "font_size": 9, "font_color": "#595959"},
    "small": {"font_size": 9, "font_color": "#808080"},
    "small_int": {"font_size": 9, "font_color": "#808080", "num_format": "#,##0"},
    "ok": {"font_color": "#006100"},
    "bad": {"font_color": "#C00000", "bold": True},
    "paragraph": {"text_wrap": True, "valign": "top", "font_size": 12},
    # key–value sheets
    "key": {"bold": True, "valign": "top", "border": 1},
    "key_wrap": {"bold": True, "valign": "top", "border": 1, "text_wrap": True},
    "key_plain": {"bold": True, "valign": "top"},
    "value": {"text_wrap": True, "valign": "top", "border": 1},
    "value_plain": {"text_wrap": True, "valign": "top"},
    # plain cells of a hand-written list (the trend's flows, the template's columns)
    "plain": {},
    "as_text": {"num_format": "@"},
    "amount": {"num_format": "0.00"},
    "money": {"num_format": "#,##0.00"},
    "whole": {"num_format": "0"},
    "date": {"num_format": "yyyy-mm-dd"},
    # conditional formats
    "cf_red": {"bg_color": "#FFC7CE", "font_color": "#9C0006"},
    "cf_orange": {"bg_color": "#FFEB9C", "font_color": "#9C5700"},
}

#: Chart pieces every chart shares.
CHART_GRID = {"visible": True, "line": {"color": "#D9D9D9"}}
CHART_LEGEND = {"position": "top", "font": {"size": 9}}


def check_lang(lang: str) -> None:
    """``ValueError`` unless ``lang`` is a language jiekun writes (``zh``, ``en``)."""
    from jiekun.text import LANGS

    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")


def chart_title(name: str) -> dict:
    return {"name": name, "name_font": {"size": 11, "bold": True}}


def font_properties(font: str | None = None) -> dict[str, Any]:
    """The font of every format: one face for Latin and Chinese, marked GB2312, never a theme font.

    A SpreadsheetML ``<font>`` has one name (no separate East Asian one, unlike Word's
    ``w:eastAsia``), so a Chinese face is named and its Latin letters are used too;
    the GB2312 charset tells Excel and LibreOffice it is a Chinese font, and
    ``font_scheme="none"`` keeps Excel from swapping in the theme's Calibri.
    """
    font = (font or DEFAULT_FONT).strip() or DEFAULT_FONT
    return {
        "font_name": font,
        "font_size": 11,
        "font_charset": GB2312_CHARSET,
        "font_family": _FONT_FAMILY.get(font, 2),
        "font_scheme": "none",
    }


#: XML attribute escapes (as ``xml.sax.saxutils.quoteattr``, which imports urllib, http, ssl, email).
_ATTR = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
)


def _theme_xml(font: str) -> str:
    """XlsxWriter's theme with ``font`` as its Latin and East Asian faces (charts and Excel's defaults)."""
    from xlsxwriter.theme import THEME_XML_2007

    face = f'"{font.translate(_ATTR)}"'
    xml = THEME_XML_2007
    for latin in ("Cambria", "Calibri"):
        xml = xml.replace(
            f'<a:latin typeface="{latin}"/><a:ea typeface=""/>',
            f"<a:latin typeface={face}/><a:ea typeface={face}/>",
        )
    return xml.replace('<a:font script="Hans" typeface="宋体"/>', f'<a:font script="Hans" typeface={face}/>')


def open_workbook(target: Any, title: str, *, font: str | None = None):
    """A new XlsxWriter workbook (a path, or a ``BytesIO`` kept in memory) with jiekun's properties.

    Every format of it names ``font`` (default :data:`DEFAULT_FONT`; see :func:`font_properties`).
    """
    import xlsxwriter

    from jiekun import __version__

    in_memory = {"in_memory": True} if not isinstance(target, (str, Path)) else {}
    props = font_properties(font)
    options = {**in_memory, **WORKBOOK_OPTIONS, "default_format_properties": dict(props)}
    wb = xlsxwriter.Workbook(target if in_memory else str(target), options)
    wb.theme_xml = _theme_xml(props["font_name"])
    wb.set_properties({"title": title, "author": "jiekun", "comments": f"jiekun {__version__}"})
    return wb


def page_setup(
    ws,
    *,
    landscape: bool,
    repeat: tuple[int, int] | None = None,
    tall: int = 0,
    side: float = 0.5,
    footer: str | None = None,
) -> None:
    """A4, fit to one page wide (``tall`` pages high; 0 = as many as needed), repeated header rows."""
    ws.set_paper(A4)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, tall)
    ws.set_margins(left=side, right=side, top=0.6, bottom=0.6)
    if footer:
        ws.set_footer(footer)
    if repeat is not None:
        ws.repeat_rows(*repeat)


def write_share(ws, row: int, col: int, n: int, d: int, fmt, dash) -> None:
    """``n / d`` as a number (formatted as a percentage by ``fmt``), or a dash when ``d`` is 0."""
    if d:
        ws.write_number(row, col, n / d, fmt)
    else:
        ws.write_string(row, col, "—", dash)


class Kit:
    """A workbook being written, its named formats, and how its pages are set up."""

    def __init__(self, wb, *, footer: str | None = PAGE_FOOTER, side: float = 0.5):
        self.wb = wb
        self.footer = footer
        self.side = side
        self.styles = Styles(wb)  # the data cells' formats (jiekun.xlsx.rows)
        self._formats: dict = {}

    def fmt(self, name: str, **extra):
        """The format ``name`` of :data:`FORMATS`, with ``extra`` properties; one object per variant."""
        key = (name, tuple(sorted(extra.items())))
        if key not in self._formats:
            self._formats[key] = self.wb.add_format({**FORMATS[name], **extra})
        return self._formats[key]

    def close(self, buf: io.BytesIO, out: Path, sheets: list[DataSheet], *, cells: bool = False) -> None:
        """Close the workbook (written to ``buf``) and write it to ``out`` with the long sheets' rows.

        The rows are spliced into the package (:func:`jiekun.xlsx.rows.splice`), or with
        ``cells`` written first through XlsxWriter, one call per cell: the reference the
        fast path is tested against.
        """
        if cells:
            for d in sheets:
                write_cells(self.wb.get_worksheet_by_name(d.name), d)
        self.styles.frozen = True
        self.wb.close()
        if cells:
            out.write_bytes(buf.getvalue())
        else:
            splice(buf.getvalue(), out, sheets)

    def page(self, ws, *, landscape: bool, repeat: tuple[int, int] | None = None, tall: int = 0) -> None:
        """:func:`page_setup` with this workbook's margins and footer."""
        page_setup(ws, landscape=landscape, repeat=repeat, tall=tall, side=self.side, footer=self.footer)

    def key_value_sheet(self, ws, title: str, *, widths: tuple[int, int], wrap: int, key: str = "key"):
        """Set up a two-column 说明-style sheet; return ``section(title)`` and ``item(key, value, fmt=None)``.

        Items are written as text (never formulas); a long value gets a taller row.
        """
        kf, val, sec = self.fmt(key), self.fmt("value"), self.fmt("section")
        ws.set_column(0, 0, widths[0])
        ws.set_column(1, 1, widths[1])
        ws.set_row(0, 26)
        ws.merge_range(0, 0, 0, 1, title, self.fmt("title"))
        row = [1]

        def section(text: str) -> None:
            row[0] += 2
            ws.merge_range(row[0], 0, row[0], 1, text, sec)

        def item(k: str, v: object, fmt=None) -> None:
            row[0] += 1
            text = str(v)
            ws.write_string(row[0], 0, k, kf)
            ws.write_string(row[0], 1, text, fmt or val)
            if (lines := wrapped_lines(text, wrap)) > 1:
                ws.set_row(row[0], 15 * lines)

        return section, item


def data_sheets(
    kit: Kit,
    base: str,
    columns: list[Column],
    band,
    *,
    landscape: bool,
    min_filter: int = 0,
    head: str = "h",
    bands: tuple[dict, ...] = BANDS,
    text_columns: bool = True,
) -> list[DataSheet]:
    """Add the sheet(s) of a long table: header row (format ``head``), widths, frozen, autofilter, A4.

    Their rows are spliced in after the workbook is written (:func:`jiekun.xlsx.rows.splice`);
    past Excel's row limit the table continues on ``base(2)``, ``base(3)``… ``band`` picks
    each row's entry of ``bands`` (fills); ``text_columns`` formats the whole of an ID
    column as text, so a clerk's typing there stays text too.
    """
    n = len(columns[0].text if columns[0].text is not None else columns[0].number)
    kit.styles.register(columns, bands)
    out = []
    h = kit.fmt(head)
    per_sheet = SHEET_DATA_ROWS
    for i in range(max(1, math.ceil(n / per_sheet))):
        name = base if i == 0 else f"{base}({i + 1})"
        start, stop = i * per_sheet, min(n, (i + 1) * per_sheet)
        ws = kit.wb.add_worksheet(name)
        for j, col in enumerate(columns):
            ws.write_string(0, j, col.header, h)
            as_text = text_columns and col.text_style == "id"
            ws.set_column(j, j, col.width, kit.styles.format("id") if as_text else None)
        ws.set_row(0, 30)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(stop - start, min_filter), len(columns) - 1)
        kit.page(ws, landscape=landscape, repeat=(0, 0))
        out.append(DataSheet(name, columns, start, stop, band, kit.styles, bands))
    return out


# ------------------------------------------------------------------ widths


def text_width(s: str) -> int:
    """Display width: CJK and full-width characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def wrapped_lines(text: str, per_line: float) -> int:
    """How many lines ``text`` takes wrapped at ``per_line`` characters (each of its lines at least one)."""
    return sum(math.ceil(max(1, text_width(line)) / per_line) for line in text.split("\n"))


def column_width(values, header: str = "", *, sample: int = 200) -> float:
    """A column width that fits the widest value (CJK doubled), capped at ``MAX_WIDTH``.

    ``values`` is an object array of str or an Arrow string array. Only the longest
    values (by character count) are measured exactly, so the cost stays one C-level
    ``len`` per value.
    """
    widest = max((text_width(line) for line in header.split("\n")), default=0)
    if values is not None and len(values):
        if isinstance(values, pa.Array):
            lengths = pc.utf8_length(values).to_numpy(zero_copy_only=False)
        else:
            lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
        if lengths.max() * 2 > widest:
            top = (
                np.argpartition(lengths, -sample)[-sample:]
                if len(values) > sample
                else np.arange(len(values))
            )
            picked = values.take(top).to_pylist() if isinstance(values, pa.Array) else values[top].tolist()
            widest = max(widest, *(text_width(v) for v in set(picked)))
    return float(min(MAX_WIDTH, max(MIN_WIDTH, round(widest * 1.1) + 2)))


def number_width(x: np.ndarray | None, decimals: int = 0) -> int:
    """Width of the widest number in ``#,##0`` (or ``0.00``) form."""
    if x is None:
        return 0
    x = x[np.isfinite(x)]
    if not len(x):
        return 0
    big = float(np.max(np.abs(x)))
    return len(f"{big:,.{decimals}f}") + (1 if (x < 0).any() else 0)
