"""What a file really is, from its bytes, and refusing what no reader should open.

A file's kind is sniffed once from its first bytes (an ".xls" that is really HTML
or CSV is read as what it is). PDFs, images, web archives, Excel 2–4 files and
compressed archives are refused with a message saying what to do; zip containers
are checked for bombs, billion-cell sheets and absurd string counts before a reader
parses them (OLE containers: :mod:`jiekun.io.guard`).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

from jiekun.errors import InputError
from jiekun.io.guard import MAX_CELLS, clip
from jiekun.io.messages import both
from jiekun.io.source import FileBytes

MAX_UNZIPPED = 2 * 1024**3  # refuse xlsx/ods that would inflate past 2 GiB
#: a cell reference beyond column AZ or row 899,999 (what makes a sheet worth measuring exactly)
_FAR_CELL = re.compile(rb'r="(?:[A-Z]{3}|[B-Z][A-Z]|[A-Z]{1,2}(?:9\d{5}|\d{7}))')
#: a cell that holds a value, its ``r`` attribute anywhere among the others (``<c r="B2">``,
#: ``<c s="1" r="B2" t="s">``); a self-closing ``<c …/>`` is a styled blank
_VALUED_CELL = re.compile(rb'<c\s(?:[^>]*?\s)?r="([A-Z]{1,3})(\d{1,7})"[^>]*(?<!/)>\s*<(?:v|is|f)[ >]')


#: first bytes of compressed files and archives → the words naming them
_COMPRESSED = {
    b"\x1f\x8b": "gzip",
    b"BZh": "bzip2",
    b"\xfd7zXZ\x00": "xz",
    b"\x28\xb5\x2f\xfd": "zstd",
    b"7z\xbc\xaf\x27\x1c": "7z",
    b"Rar!\x1a\x07": "rar",
}
#: BOF record types of bare BIFF streams: Excel 2.x, 3.x, 4.x (and 5+ outside a container)
_BIFF_BOF = {0x0009: (4,), 0x0209: (6,), 0x0409: (6,), 0x0809: (8, 16)}


def sniff(head: bytes) -> str:
    """The real format of a file from its first bytes.

    One of zip, ods, ole, pdf, image, html, mime, text, ``old_excel`` (a bare BIFF2–4
    worksheet) or ``compressed:NAME`` (gzip, bzip2, xz, zstd, 7z, rar).
    """
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
    for magic, name in _COMPRESSED.items():
        if head.startswith(magic) and (name != "bzip2" or head[4:10] == b"1AY&SY"):  # "BZh" alone is text
            return f"compressed:{name}"
    if _is_bare_biff(head):
        return "old_excel"
    probe = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if probe.startswith((b"<", b"\xff\xfe<", b"\xfe\xff\x00<")) or b"<table" in head.lower():
        return "html"
    if probe.startswith(b"mime-version"):
        return "mime"
    return "text"


def _is_bare_biff(head: bytes) -> bool:
    """A BOF record at byte 0 with a worksheet, chart, macro or workbook type: Excel 2–4."""
    if len(head) < 8:
        return False
    typ, size, _, kind = struct.unpack_from("<HHHH", head)
    if size not in _BIFF_BOF.get(typ, ()):
        return False
    return kind in (0x0005, 0x0010, 0x0020, 0x0040, 0x0100)


def open_file(path: Path, given: str) -> tuple[FileBytes, str]:
    """Refuse what is not a roster file at all; return its bytes and its sniffed kind."""
    if not path.exists():
        raise InputError.say("io", "not_found", path=given)
    if path.is_dir():
        raise InputError.say("io", "is_dir", path=given)
    if not path.is_file():  # a pipe would block with no writer, a device never ends
        raise InputError.say("io", "not_regular", path=given)
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
    if kind == "old_excel":
        raise InputError.say("io", "old_excel", path=given)
    if kind.startswith("compressed:"):
        raise InputError.say("io", "compressed", path=given, what=kind.partition(":")[2])
    return src, kind


# ------------------------------------------------------------------ zip containers


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def part_name(name: str) -> str:
    """A zip part's name as readers compare it: either separator, any letter case."""
    return name.replace("\\", "/").lstrip("/").lower()


#: parts that make a zip a workbook (compared by :func:`part_name`)
_WORKBOOK_PARTS = {"xl/workbook.xml", "xl/workbook.bin", "content.xml"}
_SHARED_COUNT = re.compile(rb'uniqueCount="(\d{1,20})"')


def check_zip(data: bytes, path: Path) -> int:
    """Refuse zip bombs, billion-cell sheets and absurd string counts before parsing.

    Part names are compared as readers compare them (``\\`` or ``/``, any case), so
    what the reader can open passes. Returns the unpacked size in bytes.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            names = [part_name(i.filename) for i in infos]
            total = sum(i.file_size for i in infos)
            if total > MAX_UNZIPPED:
                raise InputError.say("io", "zip_bomb", path=path, gb=total // 1024**3)
            if not _WORKBOOK_PARTS.intersection(names):
                shown = ", ".join(clip(i.filename, 40) for i in infos[:3]) + ("…" if len(infos) > 3 else "")
                raise InputError.say("io", "zip_not_sheet", path=path, names=shown or "-")
            for info, name in zip(infos, names, strict=True):
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    _check_sheet_box(z, info, path)
                elif name == "xl/sharedstrings.xml":
                    _check_shared_strings(z, info, path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError, zlib.error):
        raise InputError.say("io", "bad_zip", path=path) from None
    return total


def _check_shared_strings(z: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> None:
    """The reader reserves room for the declared count of strings: refuse a count the part cannot hold."""
    with z.open(info) as f:
        m = _SHARED_COUNT.search(f.read(4096))
    count = int(m.group(1)) if m else 0
    if count > 1_000_000 and count > info.file_size // 4:
        raise InputError.say("io", "huge_strings", path=path, n=f"{count:,}")


def _check_sheet_box(z: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> None:
    """Refuse a sheet whose cells span a box the reader would have to allocate.

    The reader sizes a sheet by its cells, not by its declared ``<dimension>`` (which a
    file may get wrong or lie in), so the cell references are checked. A quick search
    first: with no column beyond AZ and no row beyond 899,999 the box is at most 52 ×
    899,999 ≈ 46.8 million cells, under the limit (0.04 s on a 400,000-cell sheet, and a
    200,000-row roster passes it too); else an exact pass over the cells that hold a
    value (calamine skips styled blanks).
    """
    if not _any_match(z, info, _FAR_CELL):
        return
    max_row = max_col = 0
    min_row = min_col = 1 << 30
    for c, r in _matches(z, info, _VALUED_CELL):
        col, row = _col_number(c), int(r)
        max_row, max_col = max(max_row, row), max(max_col, col)
        min_row, min_col = min(min_row, row), min(min_col, col)
    if max_row and (max_row - min_row + 1) * (max_col - min_col + 1) > MAX_CELLS:
        raise InputError.say("io", "huge_box", path=path, rows=f"{max_row:,}", cols=f"{max_col:,}")


def _chunks(z: zipfile.ZipFile, info: zipfile.ZipInfo):
    """The part's bytes in 16 MB pieces, each cut after its last ``<`` (the rest starts the next)."""
    tail = b""
    with z.open(info) as f:
        while chunk := f.read(16 << 20):
            buf = tail + chunk
            cut = buf.rfind(b"<")
            cut = cut if cut > 0 else len(buf)
            yield buf[:cut]
            tail = buf[cut:]
    yield tail


def _any_match(z: zipfile.ZipFile, info: zipfile.ZipInfo, pattern: re.Pattern) -> bool:
    return any(pattern.search(piece) for piece in _chunks(z, info))


def _matches(z: zipfile.ZipFile, info: zipfile.ZipInfo, pattern: re.Pattern):
    for piece in _chunks(z, info):
        yield from pattern.findall(piece)
