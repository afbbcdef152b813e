"""Write ``tests/hostile/``: small files made to break spreadsheet readers, each named for its pitfall.

Run from the repository root::

    python samples/hostile_files.py

Every file is built here byte by byte (an OLE/CFB container writer, BIFF records,
zip repacking of a workbook written with xlsxwriter); nothing is copied from
another project. ``tests/hostile/expected.json`` says, for each file, whether it
must be read (with how many rows) or refused, and which words the refusal names.
Made by ``samples/make_samples.py`` too. What each pitfall does to a reader, and
how jiekun guards against it: ``docs/design.md`` (Untrusted files).
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import struct
import sys
import zipfile
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "hostile"

ENDOFCHAIN, FREESECT, FATSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
SECTOR = 512
HEADER = ["序号", "姓名", "身份证号", "性别", "家庭人口", "家庭月收入"]


def _id(body17: str) -> str:
    from make_samples import check_char  # the samples' GB 11643 check digit

    return body17 + check_char(body17)


#: three synthetic workers (fictitious area code 99xxxx)
WORKERS = [
    [1, "张三", _id("99010119750308001"), "男", 3, 690],
    [2, "李四", _id("99010219801212002"), "女", 2, 1200],
    [3, "王五", _id("99010319680101003"), "男", 4, 3600],
]


# ------------------------------------------------------------------ OLE / CFB containers


def cfb(
    streams: dict[str, bytes], *, header_patch: dict[int, bytes] | None = None, fat_patch=None, sizes=None
) -> bytes:
    """A version-3 compound file (512-byte sectors) holding ``streams``, each padded to 4096+ bytes.

    Streams of 4096 bytes and more live in regular sectors, so no mini stream is needed.
    ``header_patch`` overwrites header bytes at offsets; ``fat_patch(fat, dir_start, starts)``
    edits the FAT; ``sizes`` gives streams a declared size other than their own.
    """
    bodies = [data.ljust(4096, b"\0") for data in streams.values()]
    n_dir = -(-(1 + len(streams)) // 4)
    n_data = sum(-(-len(b) // SECTOR) for b in bodies)
    n_fat = -(-(n_dir + n_data + 1) // 128)
    while n_fat * 128 < n_fat + n_dir + n_data:
        n_fat += 1
    fat = [FATSECT] * n_fat
    dir_start = len(fat)
    fat += [len(fat) + i + 1 for i in range(n_dir - 1)] + [ENDOFCHAIN]
    starts = []
    for b in bodies:
        k = -(-len(b) // SECTOR)
        starts.append(len(fat))
        fat += [len(fat) + i + 1 for i in range(k - 1)] + [ENDOFCHAIN]
    if fat_patch:
        fat_patch(fat, dir_start, starts)
    fat += [FREESECT] * (n_fat * 128 - len(fat))
    entries = [_dir_entry("Root Entry", 5, ENDOFCHAIN, 0, child=1)]
    for i, (name, start, body) in enumerate(zip(streams, starts, bodies, strict=True)):
        right = i + 2 if i + 2 <= len(streams) else NOSTREAM
        entries.append(_dir_entry(name, 2, start, (sizes or {}).get(name, len(body)), right=right))
    directory = b"".join(entries).ljust(n_dir * SECTOR, b"\0")
    difat = list(range(n_fat)) + [FREESECT] * (109 - n_fat)
    header = bytearray(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH6sIIIII", 0x3E, 3, 0xFFFE, 9, 6, bytes(6), 0, n_fat, dir_start, 0, 4096)
        + struct.pack("<IIII", ENDOFCHAIN, 0, ENDOFCHAIN, 0)
        + struct.pack("<109I", *difat)
    )
    for at, raw in (header_patch or {}).items():
        header[at : at + len(raw)] = raw
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    body = b"".join(b.ljust(-(-len(b) // SECTOR) * SECTOR, b"\0") for b in bodies)
    return bytes(header) + fat_bytes + directory + body


def _dir_entry(name: str, kind: int, start: int, size: int, *, child=NOSTREAM, right=NOSTREAM) -> bytes:
    raw = (name + "\0").encode("utf-16-le")
    return struct.pack(
        "<64sHBBIII16sIQQIQ", raw, len(raw), kind, 1, NOSTREAM, right, child, bytes(16), 0, 0, 0, start, size
    )


# ------------------------------------------------------------------ BIFF records


def rec(typ: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", typ, len(data)) + data


def _biff8_string(text: str, width: str = "H") -> bytes:
    return struct.pack(f"<{width}B", len(text), 1) + text.encode("utf-16-le")


def biff8_workbook(rows: list[list], *, filepass: bool = False, dims: tuple[int, int] | None = None) -> bytes:
    """A BIFF8 Workbook stream: one sheet 花名册 holding ``rows`` (text and numbers)."""
    bof = struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 6)
    head = rec(0x0809, bof)
    if filepass:  # RC4 CryptoAPI header: an encrypted workbook's FILEPASS record
        head += rec(0x002F, struct.pack("<HHH", 1, 2, 2) + bytes(48))
    head += rec(0x0042, struct.pack("<H", 1200))
    name = _biff8_string("花名册", "B")
    sheet_at = len(head) + 4 + 6 + len(name) + 4
    globals_ = head + rec(0x0085, struct.pack("<IBB", sheet_at, 0, 0) + name) + rec(0x000A)
    n_rows, n_cols = dims or (len(rows), max(len(r) for r in rows))
    sheet = rec(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0x0DBB, 0x07CC, 0, 6))
    sheet += rec(0x0200, struct.pack("<IIHHH", 0, n_rows, 0, n_cols, 0))
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if isinstance(v, str):
                sheet += rec(0x0204, struct.pack("<HHH", r, c, 0) + _biff8_string(v))
            else:
                sheet += rec(0x0203, struct.pack("<HHHd", r, c, 0, float(v)))
    return globals_ + sheet + rec(0x000A)


def biff_old(version: int, rows: list[list]) -> bytes:
    """A bare BIFF2, BIFF3 or BIFF4 worksheet (Excel 2.x–4.x): no container, ANSI text."""
    bof_type = {2: 0x0009, 3: 0x0209, 4: 0x0409}[version]
    out = rec(bof_type, struct.pack("<HH", 0, 0x0010) + (b"" if version == 2 else struct.pack("<H", 0)))
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if version == 2:
                if isinstance(v, str):
                    raw = v.encode("gbk")
                    out += rec(0x0004, struct.pack("<HH3sB", r, c, bytes(3), len(raw)) + raw)
                else:
                    out += rec(0x0003, struct.pack("<HH3sd", r, c, bytes(3), float(v)))
            elif isinstance(v, str):
                raw = v.encode("gbk")
                out += rec(0x0204, struct.pack("<HHHH", r, c, 15, len(raw)) + raw)
            else:
                out += rec(0x0203, struct.pack("<HHHd", r, c, 15, float(v)))
    return out + rec(0x000A)


# ------------------------------------------------------------------ zip containers


def roster_xlsx() -> bytes:
    """A small, valid roster workbook (xlsxwriter), the base of the zip-layout files."""
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    book.set_properties({"created": datetime(2025, 1, 1)})  # the same bytes on every run
    ws = book.add_worksheet("花名册")
    for r, row in enumerate([HEADER, *WORKERS]):
        for c, v in enumerate(row):
            ws.write_string(r, c, v) if isinstance(v, str) else ws.write_number(r, c, v)
    book.close()
    return buf.getvalue()


def repack(data: bytes, rename) -> bytes:
    """The zip ``data`` with every part renamed by ``rename(name)`` (bytes unchanged)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = zipfile.ZipInfo(rename(info.filename), date_time=info.date_time)
            part.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(part, src.read(info))
    return out.getvalue()


def backslashes(name: str) -> str:
    return name.replace("/", "\\")


def upper_parts(name: str) -> str:
    return (
        name
        if name == "[Content_Types].xml"
        else name.upper().replace(".XML", ".xml").replace(".RELS", ".rels")
    )


def zip_of(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            z.writestr(zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0)), body)
    return out.getvalue()


def with_part(data: bytes, name: str, body: bytes) -> bytes:
    """The zip ``data`` with part ``name`` replaced (or added)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    parts[name] = body
    return zip_of(parts)


# ------------------------------------------------------------------ the folder


def hostile_files() -> dict[str, tuple[bytes, dict]]:
    """File name → (bytes, what jiekun must do with it)."""
    table = [HEADER, *WORKERS]
    text = "\n".join(",".join(map(str, r)) for r in table).encode("utf-8")
    xlsx = roster_xlsx()
    wb = biff8_workbook(table)
    files = {
        # runaway allocations and loops in the OLE container (calamine trusts these numbers)
        "ole-fat-count-absurd.xls": (
            cfb({"Workbook": wb}, header_patch={44: struct.pack("<I", 0x80000000)}),
            {},
        ),
        # mini FAT at sector 1 with 32,768 sectors: calamine reserves 2**31 DIFAT entries (8 GiB)
        "ole-minifat-count-absurd.xls": (
            cfb({"Workbook": wb}, header_patch={60: struct.pack("<II", 1, 0x8000)}),
            {},
        ),
        "ole-directory-chain-loop.xls": (
            cfb({"Workbook": wb}, fat_patch=lambda f, d, s: f.__setitem__(d, d)),
            {},
        ),
        "ole-stream-chain-loop.xls": (
            cfb(
                {"Workbook": wb},
                fat_patch=lambda f, d, s: f.__setitem__(s[0] + 1, s[0]),
                sizes={"Workbook": 0xFFFFFFF0},
            ),
            {},
        ),
        "ole-sector-beyond-end.xls": (
            cfb({"Workbook": wb}, fat_patch=lambda f, d, s: f.__setitem__(s[0], 9999)),
            {},
        ),
        # a small stream without a mini FAT: calamine panics (index out of bounds)
        "ole-small-stream-without-minifat.xls": (cfb({"Workbook": wb}, sizes={"Workbook": 1000}), {}),
        "biff8-dimensions-absurd.xls": (cfb({"Workbook": biff8_workbook(table, dims=(0x7FFFFFFF, 256))}), {}),
        # what the file is, said in words
        "biff8-password-filepass.xls": (
            cfb({"Workbook": biff8_workbook(table, filepass=True)}),
            {"say": "password"},
        ),
        "biff2-excel2.xls": (biff_old(2, table), {"say": "old_excel"}),
        "biff3-excel3.xls": (biff_old(3, table), {"say": "old_excel"}),
        "biff4-excel4.xls": (biff_old(4, table), {"say": "old_excel"}),
        "encrypted-xlsx-in-ole.xlsx": (
            cfb(
                {
                    "EncryptionInfo": struct.pack("<HHI", 4, 4, 0x40) + b"<encryption/>",
                    "EncryptedPackage": bytes(64),
                }
            ),
            {"say": "encrypted"},
        ),
        "word-document-named.xls": (cfb({"WordDocument": bytes(64)}), {"say": "ole_not_sheet"}),
        "gzip-compressed.csv.gz": (gzip.compress(text, mtime=0), {"say": "compressed"}),
        "gzip-renamed.xls": (gzip.compress(text, mtime=0), {"say": "compressed"}),
        "bzip2-compressed.csv.bz2": (bz2.compress(text), {"say": "compressed"}),
        "7z-archive.7z": (b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(24), {"say": "compressed"}),
        "rar-archive.rar": (b"Rar!\x1a\x07\x01\x00" + bytes(24), {"say": "compressed"}),
        "zip-of-csv.zip": (zip_of({"roster.csv": text}), {"say": "zip_not_sheet"}),
        "xlsx-sharedstrings-count-absurd.xlsx": (
            with_part(
                xlsx,
                "xl/sharedStrings.xml",
                b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
                b' count="4000000000" uniqueCount="4000000000"><si><t>x</t></si></sst>',
            ),
            {},
        ),
        # valid workbooks in odd zip layouts: read in full
        "zip-backslash-paths.xlsx": (repack(xlsx, backslashes), {"rows": len(WORKERS)}),
        "zip-uppercase-part-names.xlsx": (repack(xlsx, upper_parts), {"rows": len(WORKERS)}),
        "biff8-valid-small.xls": (cfb({"Workbook": wb}), {"rows": len(WORKERS)}),
    }
    return {name: (data, {"refused": "rows" not in want, **want}) for name, (data, want) in files.items()}


def main() -> int:
    HOSTILE.mkdir(parents=True, exist_ok=True)
    expected = {}
    for name, (data, want) in hostile_files().items():
        (HOSTILE / name).write_bytes(data)
        expected[name] = want
    (HOSTILE / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"hostile: {len(expected)} files in {HOSTILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
