"""One large text roster as several partitions: byte ranges cut at record boundaries.

A partition must start at a record, not inside a quoted field that holds a line
break. Each raw range of the file (``part_bytes`` long) is scanned for quote and
line-feed bytes on a worker; the client adds the ranges' quote counts up in file
order, so it knows whether each range starts inside quotes, and cuts at the first
line feed outside quotes in each range. This count is pyarrow's quoting exactly as
long as every quote seen outside a quoted field opens a field (it follows a
delimiter or a line end); a range holding any other quote ends the cutting, and the
rest of the file is one partition. Only encodings whose bytes below 0x80 are always
ASCII are cut (UTF-8, GB18030/GBK with a delimiter other than ``|``, …).

The encoding, delimiter and header are found once, from the start of the file, as the
streaming reader finds them (:func:`plan`); each partition is read with them by the
text reader (:func:`jiekun.io.text.read_records`) over its byte range. Row numbers
are the partition's own, counted from 1 (from the header for the first); the caller
adds the records of the partitions before it (:attr:`Part.records`).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from jiekun.errors import InputError
from jiekun.io.layout import (
    Layout,
    Request,
    last_nonblank,
    layout,
    make_roster,
    text_frame,
)
from jiekun.io.reading import TEXT
from jiekun.io.sniff import open_file
from jiekun.io.text import TextSource, read_head, read_records
from jiekun.model.columns import HeaderMatcher
from jiekun.model.roster import Roster
from jiekun.model.rules import Rules

#: Partitions of a large text file are about this long (the one-machine path reads
#: any text file over 64 MB in chunks, so a file cut here is one it would chunk).
PART_BYTES = 64 << 20

_ASCII_SAFE = {"utf-8", "utf-8-sig", "ascii", "iso8859-1", "cp1252"}
_DOUBLE_BYTE = {"gb18030", "gbk", "gb2312", "big5", "cp936", "cp950"}  # trail bytes 0x40–0x7e
QUOTE, LF, CR = 0x22, 0x0A, 0x0D


@dataclass
class TextPlan:
    """How to read every partition of one text file (found once, from its head)."""

    req: Request
    lay: Layout
    encoding: str
    sep: str
    header: int  # index of the header record (0-based), as the streaming reader found it
    width: int
    title: list[str]
    body_start: int  # a byte offset after the header record: no cut before it


@dataclass
class Scan:
    """What one raw byte range says about cutting (for each quote state at its start)."""

    quotes: int  # quote bytes in the range
    first: tuple[int | None, int | None]  # offset after the first line feed outside quotes
    openers: tuple[bytes, bytes]  # the bytes before each quote outside quotes


def plan(path: str, given: str, encoding: str | None, rules: Rules) -> TextPlan | None:
    """The reading plan of a text roster that can be cut; None to read the file whole
    (not text, an encoding not cut, no header: the whole-file reader says why)."""
    try:
        src, kind = open_file(Path(path), given)
        if kind != "text" or src.suffix not in TEXT.suffixes:
            return None
        req = Request(given, Path(path), HeaderMatcher(rules.aliases), None, encoding)
        found = read_head(src, req)
    except InputError:
        return None
    text, h, width = found.text, found.h, found.width
    if not _cuttable(text.encoding, text.sep):
        return None
    lay = layout(found.headers, found.match, text_frame(text.head[h + 1 :], width))
    head = np.frombuffer(src.head, dtype=np.uint8)
    ends = _outside_lf(head, 0)
    if len(ends) <= h or set(_openers(head[: ends[h] + 1], 0, b"")) - {ord(text.sep), LF, CR}:
        return None
    return TextPlan(req, lay, text.encoding, text.sep, h, width, found.title, int(ends[h]) + 1)


def _cuttable(encoding: str, sep: str) -> bool:
    name = codecs.lookup(encoding).name
    return name in _ASCII_SAFE or (name in _DOUBLE_BYTE and sep != "|")


def _outside_lf(b: np.ndarray, parity: int) -> np.ndarray:
    """Positions of the line feeds outside quotes, the range starting with ``parity`` open quotes."""
    q, lf = np.flatnonzero(b == QUOTE), np.flatnonzero(b == LF)
    return lf[(np.searchsorted(q, lf) + parity) % 2 == 0]


def _openers(b: np.ndarray, parity: int, before: bytes) -> bytes:
    """The distinct bytes before the quotes met outside quotes (``before``: the byte before the range)."""
    q = np.flatnonzero(b == QUOTE)
    q = q[(np.arange(len(q)) + parity) % 2 == 0]
    prev = np.where(q > 0, b[np.maximum(q - 1, 0)], before[0] if before else LF)
    return bytes(np.unique(prev).astype(np.uint8))


def scan(path: str, start: int, end: int) -> Scan:
    """Scan one raw range of the file (on a worker): quotes are rare, so line feeds are
    looked for only between them."""
    with open(path, "rb") as f:
        f.seek(max(start - 1, 0))
        before = f.read(1) if start else b""
        data = f.read(end - start)
    if not data.count(b'"'):
        lf = data.find(b"\n")
        return Scan(0, (start + lf + 1 if lf >= 0 else None, None), (b"", b""))
    b = np.frombuffer(data, dtype=np.uint8)
    q = np.flatnonzero(b == QUOTE)
    firsts = [_first_outside(data, q, parity) for parity in (0, 1)]
    at = [None if c is None else start + c for c in firsts]
    return Scan(len(q), (at[0], at[1]), (_openers(b, 0, before), _openers(b, 1, before)))


def _first_outside(data: bytes, q: np.ndarray, parity: int) -> int | None:
    """The offset after the first line feed outside quotes (the range starting with
    ``parity`` open quotes): the stretches outside are before the first quote (when
    none is open), then between each closing quote and the next opening one."""
    starts = np.r_[-1, q[1::2]] if parity == 0 else q[0::2]  # a quote that closes (or the start)
    ends = np.r_[q[0::2] if parity == 0 else q[1::2], len(data)]  # the next that opens (or the end)
    for a, b in zip(starts, ends, strict=False):
        lf = data.find(b"\n", int(a) + 1, int(b))
        if lf >= 0:
            return lf + 1
    return None


def ranges(size: int, part_bytes: int) -> list[tuple[int, int]]:
    """The raw ranges to scan."""
    return [(a, min(a + part_bytes, size)) for a in range(0, size, part_bytes)]


def cuts(p: TextPlan, size: int, scans: list[Scan]) -> list[tuple[int, int]]:
    """The partitions' byte ranges: a cut in each raw range after the first, while quoting is sure."""
    allowed = {ord(p.sep), LF, CR}
    at, parity = [0], 0
    for j, s in enumerate(scans):
        if set(s.openers[parity]) - allowed:
            break  # a quote inside a field: quoting past here is not sure
        c = s.first[parity]
        if j and c is not None and at[-1] < c < size and c >= p.body_start:
            at.append(c)
        parity = (parity + s.quotes) % 2
    return list(zip(at, [*at[1:], size], strict=True))


@dataclass
class Redo:
    """A partition that must be read otherwise: the file in one piece, or with another encoding."""

    encoding: str | None = None  # None: read the file whole


def read_part(p: TextPlan, k: int, start: int, end: int, last: bool) -> tuple[Roster, int] | Redo:
    """Partition ``k`` (bytes ``start``–``end``) as a roster with its own row numbers, and the
    records it holds (the header's too, for the first)."""
    src = TextSource(_Range(p.req.path, start, end), p.encoding, p.sep, [])
    skip = p.header + 1 if k == 0 else 0
    frame, rows = next(read_records(src, skip, p.width, None))
    if src.file.whole:
        return Redo()  # pyarrow refused the quoting: the forgiving reader reads the whole file
    if src.encoding != p.encoding:
        return Redo(src.encoding)  # the body is not in the head's encoding: every partition again
    records = int(rows[-1]) if len(rows) else skip
    if last:
        keep = last_nonblank(frame)
        if not keep and k:
            return Redo()  # blank to the end: the blank rows before it are the file's last too
        frame, rows = frame.iloc[:keep], rows[:keep]
    roster = make_roster(
        p.req, p.lay.apply(frame), rows, p.lay, None, "csv", src.encoding, p.header + 1, p.title, None
    )
    return roster, records


class _Range:
    """The bytes ``start``–``end`` of a file, as the text reader takes a file (``open``, ``read_all``)."""

    def __init__(self, path: Path, start: int, end: int):
        self.path, self.start, self.end = path, start, end
        self.whole = False

    def open(self) -> _Bounded:
        return _Bounded(self.path, self.start, self.end)

    def read_all(self) -> bytes:
        self.whole = True
        with self.open() as f:
            return f.read()


class _Bounded:
    """A read-only file object over one byte range."""

    def __init__(self, path: Path, start: int, end: int):
        self._f = open(path, "rb")
        self._f.seek(start)
        self.left, self.closed = end - start, False

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def read(self, n: int = -1) -> bytes:
        n = self.left if n is None or n < 0 else min(n, self.left)
        data = self._f.read(n)
        self.left -= len(data)
        return data

    def close(self) -> None:
        self._f.close()
        self.closed = True

    def __enter__(self) -> _Bounded:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
