"""Workbooks (xlsx/xlsm/xlsb/xls/ods) through python-calamine, every cell as the text a clerk sees.

The file's bytes (read once, see :mod:`jiekun.io.source`) are checked as a zip
container first (:func:`jiekun.io.sniff.check_zip`). All python-calamine work
happens in :func:`native_read`, which turns the bytes into plain picklable
:class:`NativeSheet` records (so it can be guarded or run in another process);
the rest of this module works on those. Merged ranges come from calamine for
xlsx/xlsm/xlsb/xls and from the ODS content itself (:mod:`jiekun.io.merged`).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jiekun.errors import InputError
from jiekun.io.guard import read_native
from jiekun.io.layout import Request, Table
from jiekun.io.messages import both
from jiekun.io.sniff import check_zip
from jiekun.io.source import FileBytes

#: Sniffed kinds this reader opens, and the name of the format each is read as.
FORMATS = {"zip": "xlsx", "ods": "ods", "ole": "xls"}

#: A merged range: (first row, first column, last row, last column), 0-based, inclusive.
Range = tuple[int, int, int, int]


@dataclass
class NativeSheet:
    """One sheet as calamine read it: plain Python values only (picklable)."""

    name: str
    visible: bool
    rows: list[list[object]]  # typed cell values from A1 (empty leading rows/columns kept)
    merged: tuple[Range, ...] | None  # None when the format does not give merged ranges
    error: str | None = None  # why the sheet could not be read (raised only if it is needed)


class NativeError(Exception):
    """calamine could not open the workbook: ``reason`` is "password" or "open"."""

    def __init__(self, reason: str, detail: str):
        super().__init__(reason, detail)
        self.reason, self.detail = reason, detail


def native_read(data: bytes, fmt: str) -> list[NativeSheet]:
    """Every sheet of a workbook, in order, read by python-calamine (the only calamine call)."""
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as e:  # calamine raises several error types for broken files
        msg = str(e)
        if "password" in msg.lower() or "encrypt" in msg.lower() or type(e).__name__ == "PasswordError":
            raise NativeError("password", msg) from None
        raise NativeError("open", msg.splitlines()[0] if msg else type(e).__name__) from None
    out = []
    for meta in wb.sheets_metadata:
        visible = "Visible" in str(meta.visible) and "Hidden" not in str(meta.visible)
        try:
            sheet = wb.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False)
            ranges = sheet.merged_cell_ranges
        except Exception as e:
            out.append(NativeSheet(meta.name, visible, [], None, str(e) or type(e).__name__))
            continue
        merged = None if ranges is None else tuple((a, b, c, d) for (a, b), (c, d) in ranges)
        out.append(NativeSheet(meta.name, visible, rows, merged))
    return out


def tables(src: FileBytes, kind: str, req: Request) -> tuple[str, list[Table]]:
    """The chosen sheet, or every sheet (hidden ones marked) for :mod:`jiekun.io.sheets` to choose from."""
    data = src.read_all()
    if kind in ("zip", "ods"):
        check_zip(data, src.path)
    fmt = FORMATS[kind]
    try:
        sheets = read_native(native_read, data, fmt, src.path)
    except NativeError as e:
        if e.reason == "password":
            raise InputError.say("io", "password", path=src.path) from None
        raise InputError.say("io", "cannot_open", path=src.path, kind=fmt, detail=e.detail) from None
    names = [s.name for s in sheets]
    if req.sheet is not None and str(req.sheet).strip().lower() != "all":
        sheets = [sheets[names.index(pick_sheet(names, req.sheet, req.given))]]
    if fmt == "ods" and any(s.merged is None for s in sheets):
        from jiekun.io.merged import ods_ranges

        spans = ods_ranges(data)
        for s in sheets:
            s.merged = spans.get(s.name, ())
    return fmt, [_table(s, src, data if fmt == "xlsx" else None) for s in sheets]


def _table(s: NativeSheet, src: FileBytes, xlsx: bytes | None) -> Table:
    if s.error is not None and s.visible:
        raise InputError.say("io", "bad_sheet", path=src.path, name=s.name, detail=s.error)
    return Table(
        None, s.name, merged=s.merged or (), visible=s.visible, xlsx=xlsx, raw=s.rows, convert=cells_to_text
    )


def pick_sheet(names: list[str], sheet: str | int, given: str) -> str:
    """The sheet ``--sheet`` names: by name, else by 1-based position."""
    if isinstance(sheet, str) and sheet in names:
        return sheet
    if isinstance(sheet, int) or (isinstance(sheet, str) and sheet.isdigit()):
        i = int(sheet)
        if 1 <= i <= len(names) and sheet not in names:
            return names[i - 1]
    raise InputError(
        both("io", lambda w: w["no_such_sheet"].format(path=given, sheet=sheet, names=w["sep"].join(names)))
    )


# ------------------------------------------------------------------ cells → text


def cells_to_text(rows: list[list[object]]) -> pd.DataFrame:
    """Rows of typed spreadsheet cells → the text a clerk would see, column by column.

    Whole-number floats lose their ".0"; numbers of 15+ digits keep the
    scientific form Excel shows (so a mangled ID is recognisable); dates become
    ISO dates. A column of text alone goes to arrow in one call; any other is split
    by cell type, each type converted at once, dates and odd cells once per
    distinct value.
    """
    import pyarrow as pa

    lengths = list(map(len, rows))
    width = max(lengths)
    if min(lengths) != width:
        rows = [[*r, *([""] * (width - len(r)))] for r in rows]
    out = {}
    for c, col in enumerate(zip(*rows, strict=False)):
        try:
            out[c] = pd.array(pa.array(col, type=pa.string()), dtype="str")
            continue
        except (pa.ArrowTypeError, pa.ArrowInvalid):
            pass
        out[c] = pd.array(_mixed_to_text(np.array(col, dtype=object)), dtype="str")
    return pd.DataFrame(out)


def _mixed_to_text(arr: np.ndarray) -> np.ndarray:
    """One column of cells of several types as text (see :func:`cells_to_text`)."""
    types = np.fromiter(map(type, arr), dtype=object, count=len(arr))
    is_str = types == str  # noqa: E721 (elementwise over a numpy array)
    text = np.empty(len(arr), dtype=object)
    text[is_str] = arr[is_str]
    is_num = (types == float) | (types == int)  # noqa: E721
    text[is_num] = _numbers_to_text(arr[is_num])
    rest = ~(is_str | is_num)
    if rest.any():
        codes, uniques = pd.factorize(arr[rest])  # dates and the like repeat: each converted once
        kinds = np.fromiter(map(type, uniques), dtype=object, count=len(uniques))
        words = np.empty(len(uniques) + 1, dtype=object)
        words[-1] = ""
        dates = kinds == dt.date
        if dates.any():  # ISO dates at once
            words[:-1][dates] = np.datetime_as_string(np.array(list(uniques[dates]), dtype="datetime64[D]"))
        words[:-1][~dates] = [_cell_text(v) for v in uniques[~dates]]
        text[rest] = words[codes]
    return text


def _numbers_to_text(values: np.ndarray) -> np.ndarray:
    a = values.astype(float)
    whole = np.isfinite(a) & (np.abs(a) < 1e15)
    whole &= np.floor(np.where(whole, a, 0)) == np.where(whole, a, 0)
    out = np.full(len(a), "", dtype=object)
    out[whole] = a[whole].astype(np.int64).astype(str)
    rest = ~whole & ~np.isnan(a)
    if rest.any():  # amounts repeat: each distinct one written once
        uniques, codes = np.unique(a[rest], return_inverse=True)
        out[rest] = np.array([repr(x) for x in uniques.tolist()], dtype=object)[codes]
    return out


def _cell_text(v: object) -> str:
    if type(v) is str:
        return v
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        if v != v:
            return ""
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat(sep=" ")
    if isinstance(v, dt.date | dt.time):
        return v.isoformat()
    return str(v)  # timedelta and anything else
