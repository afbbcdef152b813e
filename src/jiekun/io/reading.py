"""Reading rosters: any spreadsheet or text file a clerk has, every cell as text.

``load_roster`` sniffs the real format from the file's bytes (an ".xls" that is
really HTML or CSV is read as what it is), decodes text files (UTF-8 with or
without BOM, then GB18030, then UTF-16 with BOM), finds the header row among the
first 30 rows, and returns every row below it as text with the Excel row number
the clerk sees. Nothing is parsed or dropped here; classification decides.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from jiekun.errors import InputError
from jiekun.model.columns import HeaderMatcher, col_letter, find_header, missing_required
from jiekun.model.roster import Roster
from jiekun.model.rules import Rules

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
HEADER_SCAN = 30
MAX_UNZIPPED = 2 * 1024**3  # refuse xlsx/ods that would inflate past 2 GiB


# ------------------------------------------------------------------ sniffing


def _sniff(head: bytes) -> str:
    """The real format of a file from its first bytes."""
    if head.startswith(b"PK\x03\x04"):
        return "ods" if b"mimetypeapplication/vnd.oasis.opendocument" in head[:100] else "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")) or (
        head[:2] == b"BM" and head[6:10] == b"\0" * 4
    ):
        return "image"
    if head.startswith(b"PK"):
        return "zip"
    probe = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if probe.startswith((b"<", b"\xff\xfe<", b"\xfe\xff\x00<")) or b"<table" in head.lower():
        return "html"
    if probe.startswith(b"mime-version"):
        return "mime"
    return "text"


def _read_head(path: Path, size: int = 1 << 20) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(size)
    except PermissionError:
        raise InputError(
            f"没有权限读取文件 {path}。请检查文件权限，或把文件复制到自己的文件夹后再试。"
        ) from None
    except OSError as e:
        raise InputError(f"无法读取文件 {path}：{e.strerror or e}。") from None


# ------------------------------------------------------------ spreadsheets


def _cells_to_text(df: pd.DataFrame) -> pd.DataFrame:
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
    if isinstance(v, dt.timedelta):
        return str(v)
    return str(v)


MAX_CELLS = 50_000_000  # a sheet's bounding box beyond this is refused (calamine would allocate it)
_DIMENSION = re.compile(rb'<dimension ref="([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?"')
_VALUED_CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d{1,7})"[^>]*[^/]>\s*<(?:v|is|f)[ >]')


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _check_zip(path: Path) -> None:
    """Refuse zip bombs and sheets whose cells span a billion-cell box, before parsing."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            names = [i.filename for i in infos]
            total = sum(i.file_size for i in infos)
            if total > MAX_UNZIPPED:
                raise InputError(
                    f"文件 {path} 解压后超过 {total // 1024**3} GB，不像一份正常的花名册（可能是压缩炸弹），已拒绝读取。"
                )
            for info in infos:
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    _check_sheet_box(z, info, path)
    except zipfile.BadZipFile:
        raise InputError(
            f"文件 {path} 已损坏或不完整（无法作为 Excel 文件打开）。"
            "请重新从原处复制或下载，或在 Excel/WPS 中打开并另存为 .xlsx 后再试。"
        ) from None
    if "xl/workbook.xml" not in names and "content.xml" not in names and "xl/workbook.bin" not in names:
        raise InputError(f"文件 {path} 是一个压缩包，但不是 Excel 或 ODS 表格。请确认选对了文件。")


def _check_sheet_box(z: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> None:
    """The sheet's declared dimension, and when that is huge or absent, its real cells."""
    with z.open(info) as f:
        head = f.read(4096)
    m = _DIMENSION.search(head)
    if info.compress_size < (512 << 10):
        pass  # small enough to check every cell (a hostile file is tiny, and may lie in its dimension)
    elif m and m.group(3):
        rows = int(m.group(4)) - int(m.group(2)) + 1
        cols = _col_number(m.group(3)) - _col_number(m.group(1)) + 1
        if rows * cols <= MAX_CELLS:
            return
    elif m:
        return  # a single-cell dimension (WPS writes A1 for any size): calamine sizes by the cells
    # scan the cells that hold a value (styled blanks do not count; calamine skips them)
    max_row = max_col = 0
    min_row = min_col = 1 << 30
    tail = b""
    with z.open(info) as f:
        while chunk := f.read(16 << 20):
            buf = tail + chunk
            for c, r in _VALUED_CELL.findall(buf):
                col, row = _col_number(c), int(r)
                max_row, max_col = max(max_row, row), max(max_col, col)
                min_row, min_col = min(min_row, row), min(min_col, col)
            tail = buf[-256:]
    if max_row and (max_row - min_row + 1) * (max_col - min_col + 1) > MAX_CELLS:
        raise InputError(
            f"文件 {path} 的工作表范围异常大（{max_row:,} 行 × {max_col:,} 列），不像一份正常的花名册，"
            "读取会耗尽内存，已拒绝。请在 Excel/WPS 中删除多余的行列后另存，再试。"
        )


def _sheets(path: Path, kind: str):
    """Open a workbook with python-calamine; yields (name, rows) lazily."""
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as e:  # calamine raises several error types for broken files
        msg = str(e)
        if "password" in msg.lower() or "encrypt" in msg.lower() or type(e).__name__ == "PasswordError":
            raise InputError(
                f"文件 {path} 设置了打开密码，jiekun 无法读取。请在 Excel/WPS 中输入密码打开，"
                "在“文件 → 信息 → 保护工作簿”中取消密码后另存，再试。"
            ) from None
        raise InputError(
            f"文件 {path} 无法作为 {kind} 表格打开（{msg.splitlines()[0] if msg else type(e).__name__}）。"
            "文件可能已损坏；请在 Excel/WPS 中打开并另存为 .xlsx 后再试。"
        ) from None
    return wb


def _sheet_rows(wb, name: str, path: Path) -> list[list]:
    try:
        return wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except Exception as e:
        raise InputError(f"文件 {path} 的工作表“{name}”无法读取（{e}）。文件可能已损坏。") from None


def _is_encrypted_ole(data: bytes) -> bool:
    return "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data


# ------------------------------------------------------------------- tables


class _Table:
    """One candidate table: all its rows as a frame of text, and where it came from."""

    def __init__(self, frame: pd.DataFrame, sheet: str | None):
        self.frame = frame
        self.sheet = sheet


def _head_rows(frame: pd.DataFrame) -> list[list[str]]:
    return frame.iloc[:HEADER_SCAN].astype(str).to_numpy().tolist()


def _last_nonblank(body: pd.DataFrame) -> int:
    """How many rows to keep: down to the last one with anything in it (whitespace is nothing)."""
    filled = np.zeros(len(body), dtype=bool)
    for c in body.columns:
        filled |= (body[c] != "").to_numpy(dtype=bool)
    candidates = np.flatnonzero(filled)
    for i in candidates[::-1]:
        if any(str(v).strip() for v in body.iloc[i]):
            return int(i) + 1
    return 0


@dataclass
class _Layout:
    """Which body columns a roster keeps, their names, and the fields among them."""

    keep: list[int]
    names: list[str]
    fields: dict[str, str]
    how: dict[str, str]


def _layout(headers: list[str], match, body: pd.DataFrame | None) -> _Layout:
    """Name the columns (blank headers by their letter, repeats numbered); drop empty unnamed ones."""
    keep, names, seen = [], [], set()
    for i, h in enumerate(headers):
        if not h and i not in match.fields.values():
            if body is None or i >= body.shape[1] or not (body.iloc[:, i].str.strip() != "").any():
                continue
        name = h or f"列{col_letter(i)}"
        base, k = name, 2
        while name in seen:
            name, k = f"{base}({k})", k + 1
        seen.add(name)
        keep.append(i)
        names.append(name)
    pos_to_name = dict(zip(keep, names, strict=True))
    return _Layout(keep, names, {f: pos_to_name[i] for f, i in match.fields.items()}, dict(match.how))


def _apply(layout: _Layout, body: pd.DataFrame) -> pd.DataFrame:
    for c in range(body.shape[1], max(layout.keep, default=-1) + 1):
        body[c] = ""
    data = body.iloc[:, layout.keep].copy()
    data.columns = layout.names
    return data.reset_index(drop=True)


def _no_header_error(path: Path, tables: list[tuple[str | None, list[list[str]]]]) -> InputError:
    lines = []
    for sheet, head in tables[:5]:
        first = next(
            (
                [str(v).strip() for v in row if str(v).strip()]
                for row in head
                if any(str(v).strip() for v in row)
            ),
            [],
        )
        where = f"工作表“{sheet}”" if sheet else "文件"
        lines.append(f"{where}第一行内容：{'、'.join(first[:8]) or '（空）'}")
    return InputError(
        f"在 {path} 中没有找到花名册的表头（前 {HEADER_SCAN} 行里没有一行含有至少三个已知列名，"
        f"如 姓名、身份证号、家庭人口、家庭月收入）。{'；'.join(lines)}。"
        "请确认表头行的列名，或在规则文件的 [aliases] 中补充别名。"
    )


def _missing_error(path: Path, roster_headers: list[str], missing: list[str], matcher) -> InputError:
    hints = []
    for h in roster_headers:
        f, _ = matcher.field_of(h)
        if f is None and h:
            close = matcher.closest(h)
            if close:
                hints.append(f"“{h}”是否是“{close}”？")
    return InputError(
        f"{path} 缺少必需的列：{'；'.join(missing)}。找到的列有：{'、'.join(h for h in roster_headers if h)}。"
        + (" " + " ".join(hints[:3]) if hints else "")
        + " 请修改表头，或在规则文件的 [aliases] 中为这些列补充别名。"
    )


def _check_file(path: Path, source: str) -> tuple[bytes, str]:
    """Refuse what is not a roster file at all; return the head and the sniffed kind."""
    if not path.exists():
        raise InputError(f"找不到文件 {source}。请检查路径和文件名是否正确。")
    if path.is_dir():
        raise InputError(
            f"{source} 是一个文件夹，不是文件。请给出花名册文件的路径（多个月的文件夹请用 jiekun batch）。"
        )
    head = _read_head(path)
    if not head.strip():
        raise InputError(f"文件 {source} 是空的（0 行）。请确认选对了文件，或重新导出。")
    suffix = path.suffix.lower()
    kind = _sniff(head[:4096])
    if kind in ("pdf", "image"):
        what = "PDF 文件" if kind == "pdf" else "图片"
        raise InputError(
            f"文件 {source} 实际上是{what}，不是表格（只是扩展名为 {suffix or '空'}）。请找到原始的 Excel 或 CSV 文件。"
        )
    if kind == "mime":
        raise InputError(
            f"文件 {source} 是网页存档（MIME/MHTML），不是真正的 Excel 文件。请在 Excel/WPS 中打开并另存为 .xlsx 后再试。"
        )
    if kind == "ole" and (suffix in {".xlsx", ".xlsm"} or _is_encrypted_ole(head)):
        raise InputError(
            f"文件 {source} 设置了打开密码（已加密），jiekun 无法读取。请在 Excel/WPS 中输入密码打开，"
            "取消密码后另存为 .xlsx，再试。"
        )
    return head, kind


def _spreadsheet_tables(
    path: Path, kind: str, sheet, source: str, matcher, least: int = 3
) -> tuple[str, list[_Table]]:
    if kind in ("zip", "ods"):
        _check_zip(path)
    fmt = {"ods": "ods", "ole": "xls"}.get(kind, "xlsx")
    wb = _sheets(path, fmt)
    names = list(wb.sheet_names)
    if sheet is not None:
        chosen = _pick_sheet(names, sheet, source)
        return fmt, [
            _Table(_cells_to_text(pd.DataFrame(_sheet_rows(wb, chosen, path), dtype=object)), chosen)
        ]
    tables = []
    for name in names:
        t = _Table(_cells_to_text(pd.DataFrame(_sheet_rows(wb, name, path), dtype=object)), name)
        tables.append(t)
        if find_header(_head_rows(t.frame), matcher, least=least):
            break
    return fmt, tables


def _html_tables(path: Path, encoding, sheet, source: str, suffix: str, notes: list[str]) -> list[_Table]:
    from jiekun.io.html import read_html_tables
    from jiekun.io.text import open_text

    src = open_text(path, encoding, 1)
    text = path.read_bytes().decode(src.encoding, errors="replace")
    found = read_html_tables(text)
    if not found:
        raise InputError(
            f"文件 {source} 实际上是网页（HTML），里面没有表格。请在 Excel/WPS 中打开并另存为 .xlsx 后再试。"
        )
    if suffix in EXCEL_SUFFIXES:
        notes.append(f"{path.name} 的扩展名是 {suffix}，但内容实际上是网页表格（HTML），已按网页表格读取。")
    tables = []
    for i, rows in enumerate(found):
        width = max((len(r) for r in rows), default=1)
        frame = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype="str")
        tables.append(_Table(frame, None if i == 0 else f"表格{i + 1}"))
    if sheet is not None:
        tables = [tables[_pick_index(len(tables), sheet, source)]]
    return tables


def iter_roster(
    path: str | Path,
    *,
    sheet: str | int | None = None,
    encoding: str | None = None,
    rules: Rules | None = None,
    chunk_rows: int | None = None,
    require: str = "roster",
) -> Iterator[Roster]:
    """Read a roster as one or more ``Roster`` chunks (text files stream in ``chunk_rows``).

    Every chunk has the same columns and fields; row numbers continue across
    chunks. A spreadsheet always comes as one chunk. ``require="list"`` reads any
    list of people (a header naming two known fields, no income needed), for
    cross-checking with other departments' lists.
    """
    source = str(path)
    path = Path(path)
    rules = rules or Rules()
    matcher = HeaderMatcher(rules.aliases)
    head, kind = _check_file(path, source)
    suffix = path.suffix.lower()
    notes: list[str] = []
    del head

    def roster(data, rows, layout, sheet_name, fmt, enc, header_row) -> Roster:
        return Roster(
            source=source,
            path=path,
            sheet=sheet_name,
            format=fmt,
            encoding=enc,
            header_row=header_row,
            data=data,
            rows=np.asarray(rows, dtype=np.int64),
            fields=layout.fields,
            how=layout.how,
            notes=notes,
        )

    least = 2 if require == "list" else 3

    def missing_check(headers, match):
        missing = missing_required(match.fields) if require == "roster" else []
        if missing:
            raise _missing_error(path, headers, missing, matcher)

    is_html = kind == "html"
    if kind == "text" and suffix in EXCEL_SUFFIXES:
        with path.open("rb") as f:
            is_html = b"<table" in f.read(1 << 20).lower()
    if kind in ("zip", "ods", "ole") or is_html:
        if kind in ("zip", "ods", "ole"):
            fmt, tables = _spreadsheet_tables(path, kind, sheet, source, matcher, least)
        else:
            fmt, tables = "html", _html_tables(path, encoding, sheet, source, suffix, notes)
        for t in tables:
            found = find_header(_head_rows(t.frame), matcher, least=least)
            if not found:
                continue
            h, match = found
            headers = [str(x).strip() for x in t.frame.iloc[h].tolist()]
            missing_check(headers, match)
            body = t.frame.iloc[h + 1 :]
            body = body.iloc[: _last_nonblank(body)]
            layout = _layout(headers, match, body)
            data = _apply(layout, body.reset_index(drop=True))
            yield roster(data, np.arange(h + 2, h + 2 + len(data)), layout, t.sheet, fmt, None, h + 1)
            return
        raise _no_header_error(path, [(t.sheet, _head_rows(t.frame)) for t in tables])

    # delimited text
    from jiekun.io.text import open_text, read_records

    if sheet is not None:
        raise InputError(f"{source} 是文本文件（CSV），没有工作表，不能使用 --sheet。请去掉 --sheet 再试。")
    if suffix in EXCEL_SUFFIXES:
        notes.append(f"{path.name} 的扩展名是 {suffix}，但内容实际上是文本（CSV），已按 CSV 读取。")
    src = open_text(path, encoding, HEADER_SCAN)
    found = find_header(src.head, matcher, least=least)
    if not found:
        raise _no_header_error(path, [(None, src.head)])
    h, match = found
    headers = [x.strip() for x in src.head[h]]
    missing_check(headers, match)
    width = max(len(r) for r in src.head[h:])
    if chunk_rows is None:  # the whole file: name unnamed columns only if they hold data
        frame, rows = next(read_records(src, h + 1, width, None))
        keep = _last_nonblank(frame)
        layout = _layout(headers, match, frame.iloc[:keep])
        yield roster(_apply(layout, frame.iloc[:keep]), rows[:keep], layout, None, "csv", src.encoding, h + 1)
        return
    # in chunks: blank rows at the end of a chunk wait for the next one (the file's last are not rows read)
    layout = _layout(headers, match, _head_frame(src.head[h + 1 :], width))
    tail: tuple[pd.DataFrame, np.ndarray] | None = None
    sent = False
    for frame, rows in read_records(src, h + 1, width, chunk_rows):
        if tail is not None and len(tail[1]):
            frame = pd.concat([tail[0], frame], ignore_index=True)
            rows = np.concatenate([tail[1], rows])
        keep = _last_nonblank(frame)
        tail = (frame.iloc[keep:], rows[keep:])
        if keep or not sent:
            yield roster(
                _apply(layout, frame.iloc[:keep]), rows[:keep], layout, None, "csv", src.encoding, h + 1
            )
            sent = True
        del frame


def _head_frame(rows: list[list[str]], width: int) -> pd.DataFrame:
    return pd.DataFrame([r + [""] * (width - len(r)) for r in rows] or [[""] * width], dtype="str")


def load_roster(
    path: str | Path,
    *,
    sheet: str | int | None = None,
    encoding: str | None = None,
    rules: Rules | None = None,
    require: str = "roster",
) -> Roster:
    """Read a roster file (xlsx/xlsm/xls/ods/csv/tsv/txt) with every cell as text.

    ``sheet`` is a sheet name or 1-based position; by default the first sheet that
    holds a roster header. Raises ``InputError`` (a message for the clerk) when the
    file cannot be read as a roster.

    >>> roster = load_roster("samples/survey-roster.xlsx")  # doctest: +SKIP
    >>> roster.rows_read
    33724
    """
    return next(iter_roster(path, sheet=sheet, encoding=encoding, rules=rules, require=require))


def _pick_sheet(names: list[str], sheet: str | int, source: str) -> str:
    if isinstance(sheet, str) and sheet in names:
        return sheet
    if isinstance(sheet, int) or (isinstance(sheet, str) and sheet.isdigit()):
        i = int(sheet)
        if 1 <= i <= len(names) and sheet not in names:
            return names[i - 1]
    raise InputError(
        f"{source} 中没有名为“{sheet}”的工作表。现有的工作表：{'、'.join(names)}。"
        "请用 --sheet 指定其中之一（名称或序号，从 1 开始）。"
    )


def _pick_index(n: int, sheet: str | int, source: str) -> int:
    if str(sheet).isdigit() and 1 <= int(sheet) <= n:
        return int(sheet) - 1
    raise InputError(f"{source} 中只有 {n} 个表格，请用 --sheet 1 到 {n} 选择。")
