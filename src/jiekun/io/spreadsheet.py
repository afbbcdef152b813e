"""Workbooks (xlsx/xlsm/xlsb/xls/ods) through python-calamine, every cell as the text a clerk sees.

The file's bytes (read once, see :mod:`jiekun.io.source`) are checked as a zip
container first (:func:`jiekun.io.sniff.check_zip`) and handed to calamine as a
file object. Sheets are read in order until one holds a header.
"""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pandas as pd

from jiekun.errors import InputError
from jiekun.io.layout import Request, Table, head_rows
from jiekun.io.messages import both
from jiekun.io.sniff import check_zip
from jiekun.io.source import FileBytes

#: Sniffed kinds this reader opens, and the name of the format each is read as.
FORMATS = {"zip": "xlsx", "ods": "ods", "ole": "xls"}


def tables(src: FileBytes, kind: str, req: Request) -> tuple[str, list[Table]]:
    """The chosen sheet, or the sheets up to the first that holds a header."""
    data = src.read_all()
    if kind in ("zip", "ods"):
        check_zip(data, src.path)
    fmt = FORMATS[kind]
    wb = _open(data, src, fmt)
    names = list(wb.sheet_names)
    if req.sheet is not None:
        chosen = pick_sheet(names, req.sheet, req.given)
        return fmt, [Table(_sheet_frame(wb, chosen, src), chosen)]
    found = []
    for name in names:
        t = Table(_sheet_frame(wb, name, src), name)
        found.append(t)
        if req.header(head_rows(t.frame)):
            break
    return fmt, found


def _open(data: bytes, src: FileBytes, fmt: str):
    """The workbook, opened by python-calamine from the bytes already read."""
    from python_calamine import CalamineWorkbook

    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as e:  # calamine raises several error types for broken files
        msg = str(e)
        if "password" in msg.lower() or "encrypt" in msg.lower() or type(e).__name__ == "PasswordError":
            raise InputError.say("io", "password", path=src.path) from None
        detail = msg.splitlines()[0] if msg else type(e).__name__
        raise InputError.say("io", "cannot_open", path=src.path, kind=fmt, detail=detail) from None


def _sheet_frame(wb, name: str, src: FileBytes) -> pd.DataFrame:
    try:
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except Exception as e:
        raise InputError.say("io", "bad_sheet", path=src.path, name=name, detail=e) from None
    return cells_to_text(pd.DataFrame(rows, dtype=object))


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


def cells_to_text(df: pd.DataFrame) -> pd.DataFrame:
    """Typed spreadsheet cells → the text a clerk would see, column by column.

    Whole-number floats lose their ".0"; numbers of 15+ digits keep the
    scientific form Excel shows (so a mangled ID is recognisable); dates become
    ISO dates. Each column is split by cell type and each type converted at once.
    """
    out = {}
    for c in df.columns:
        arr = df[c].to_numpy(dtype=object)
        types = np.fromiter(map(type, arr), dtype=object, count=len(arr))
        is_str = types == str  # noqa: E721 (elementwise over a numpy array)
        if is_str.all():
            out[c] = arr
            continue
        text = np.empty(len(arr), dtype=object)
        text[is_str] = arr[is_str]
        is_num = (types == float) | (types == int)  # noqa: E721
        text[is_num] = _numbers_to_text(arr[is_num])
        is_date = types == dt.date
        text[is_date] = [d.isoformat() for d in arr[is_date]]
        rest = ~(is_str | is_num | is_date)
        text[rest] = [_cell_text(v) for v in arr[rest]]
        out[c] = text
    return pd.DataFrame(out, index=df.index).astype("str")


def _numbers_to_text(values: np.ndarray) -> np.ndarray:
    a = values.astype(float)
    whole = np.isfinite(a) & (np.abs(a) < 1e15)
    whole &= np.floor(np.where(whole, a, 0)) == np.where(whole, a, 0)
    out = np.full(len(a), "", dtype=object)
    out[whole] = a[whole].astype(np.int64).astype(str)
    rest = ~whole & ~np.isnan(a)
    out[rest] = [repr(x) for x in a[rest].tolist()]
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
