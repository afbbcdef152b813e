"""What a file really is, from its bytes, and refusing what no reader should open.

A file's kind is sniffed once from its first bytes (an ".xls" that is really HTML
or CSV is read as what it is). PDFs, images, web archives and encrypted
workbooks are refused with a message saying what to do; zip containers are
checked for bombs and billion-cell sheets before a reader parses them.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from jiekun.errors import InputError
from jiekun.io.messages import both
from jiekun.io.source import FileBytes

MAX_UNZIPPED = 2 * 1024**3  # refuse xlsx/ods that would inflate past 2 GiB
MAX_CELLS = 50_000_000  # a sheet's bounding box beyond this is refused (calamine would allocate it)
_DIMENSION = re.compile(rb'<dimension ref="([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?"')
_VALUED_CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d{1,7})"[^>]*[^/]>\s*<(?:v|is|f)[ >]')


def sniff(head: bytes) -> str:
    """The real format of a file from its first bytes: zip, ods, ole, pdf, image, html, mime or text."""
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


def _is_encrypted_ole(data: bytes) -> bool:
    return "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data


def open_file(path: Path, given: str) -> tuple[FileBytes, str]:
    """Refuse what is not a roster file at all; return its bytes and its sniffed kind."""
    if not path.exists():
        raise InputError.say("io", "not_found", path=given)
    if path.is_dir():
        raise InputError.say("io", "is_dir", path=given)
    src = FileBytes(path, given)
    head = src.head
    if not head.strip():
        raise InputError.say("io", "empty", path=given)
    kind = sniff(head[:4096])
    if kind in ("pdf", "image"):
        raise InputError(
            both(
                "io",
                lambda w: w["not_table"].format(
                    path=given, what=w[f"what_{kind}"], suffix=src.suffix or w["no_suffix"]
                ),
            )
        )
    if kind == "mime":
        raise InputError.say("io", "mime", path=given)
    if kind == "ole" and (src.suffix in {".xlsx", ".xlsm"} or _is_encrypted_ole(head)):
        raise InputError.say("io", "encrypted", path=given)
    return src, kind


# ------------------------------------------------------------------ zip containers


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def check_zip(data: bytes, path: Path) -> None:
    """Refuse zip bombs and sheets whose cells span a billion-cell box, before parsing."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            names = [i.filename for i in infos]
            total = sum(i.file_size for i in infos)
            if total > MAX_UNZIPPED:
                raise InputError.say("io", "zip_bomb", path=path, gb=total // 1024**3)
            for info in infos:
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    _check_sheet_box(z, info, path)
    except zipfile.BadZipFile:
        raise InputError.say("io", "bad_zip", path=path) from None
    if "xl/workbook.xml" not in names and "content.xml" not in names and "xl/workbook.bin" not in names:
        raise InputError.say("io", "zip_not_sheet", path=path)


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
        raise InputError.say("io", "huge_box", path=path, rows=f"{max_row:,}", cols=f"{max_col:,}")
