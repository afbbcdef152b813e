"""Delimited text rosters (CSV/TSV/TXT): encoding, delimiter, and a fast streaming read.

The encoding is decided from the file's head: a BOM (UTF-8 or UTF-16) wins; else
UTF-8 if the head decodes as UTF-8, else GB18030 (a superset of GBK that decodes
almost anything, so it is never tried before UTF-8). The body is read by
pyarrow's CSV reader with every column as a string, in blocks, so a file larger
than memory can be summarised chunk by chunk. Rows with the wrong number of
fields (title lines, blank lines, footers) are caught and put back in place with
their record numbers, so nothing is dropped.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from jiekun.errors import InputError
from jiekun.io.layout import (
    HEADER_SCAN,
    Request,
    last_nonblank,
    layout,
    make_roster,
    no_header_error,
    text_frame,
    title_of,
)
from jiekun.io.messages import both
from jiekun.io.source import HEAD_BYTES, FileBytes
from jiekun.model.columns import HeaderMatch
from jiekun.model.roster import Roster


@dataclass
class TextSource:
    """How to read a text roster."""

    file: FileBytes
    encoding: str  # a Python codec name
    sep: str
    head: list[list[str]]  # the first records, for header detection

    @property
    def path(self) -> Path:
        return self.file.path


def decode_head(src: FileBytes, encoding: str | None) -> tuple[str, str]:
    """Decode the head of a file, choosing the encoding when none is given."""
    head, path = src.head, src.path
    complete = len(head) < HEAD_BYTES

    def attempt(enc: str) -> str:
        dec = codecs.getincrementaldecoder(enc)()
        return dec.decode(head, final=complete)

    if encoding:
        try:
            return attempt(encoding), encoding
        except LookupError:
            raise InputError.say("io", "bad_encoding_name", encoding=encoding) from None
        except UnicodeDecodeError as e:
            raise _decode_error(path, [encoding], e.start) from None
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    elif head.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif bare := _bare_utf16(head):
        candidates = [bare]
    else:
        candidates = ["utf-8", "gb18030"]
    for enc in candidates:
        try:
            return attempt(enc), enc
        except UnicodeDecodeError:
            continue
    raise _decode_error(path, candidates, None)


def _bare_utf16(head: bytes) -> str | None:
    """``utf-16-le``/``-be`` for UTF-16 without a BOM, told by its NUL bytes: a roster's
    digits, commas and line ends are ASCII, whose UTF-16 form has a NUL on one side of
    every pair (UTF-8 and GB18030 text has none; a CJK character such as 一 U+4E00 may
    put a NUL on the other side)."""
    sample = head[:4096]
    pairs = len(sample) // 2
    if pairs < 8:
        return None
    even, odd = sample[0 : 2 * pairs : 2].count(0), sample[1 : 2 * pairs : 2].count(0)
    if odd >= pairs // 4 and even * 8 <= odd:
        return "utf-16-le"
    if even >= pairs // 4 and odd * 8 <= even:
        return "utf-16-be"
    return None


def _decode_error(path: Path, tried: list[str], where: int | None) -> InputError:
    def build(w: dict) -> str:
        at = w["undecodable_at"].format(n=where) if where is not None else ""
        return w["undecodable"].format(path=path, at=at, tried=w["sep"].join(tried))

    return InputError(both("io", build))


def sniff_delimiter(lines: list[str], suffix: str) -> str:
    """The delimiter that splits the head's lines into the most fields, most consistently."""
    if suffix in {".tsv", ".tab"}:
        return "\t"
    best, score = ",", -1
    for d in (",", "\t", ";", "|"):
        counts = sorted(ln.count(d) for ln in lines if ln.strip())
        if not counts:
            continue
        s = counts[len(counts) // 2] * 10 + sum(c > 0 for c in counts)
        if s > score:
            best, score = d, s
    return best


def open_text(src: FileBytes, encoding: str | None, scan: int) -> TextSource:
    """Decide encoding and delimiter from the head, and parse its first ``scan`` records."""
    text, enc = decode_head(src, encoding)
    if len(src.head) == HEAD_BYTES:  # drop a record cut in half at the end of the head
        text = text[: max(text.rfind("\n"), 0)]
    lines = text.splitlines()
    sep = sniff_delimiter(lines[:scan], src.suffix)
    rows = []
    for rec in csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=False):
        rows.append(rec)
        if len(rows) >= scan:
            break
    return TextSource(src, enc, sep, rows)


def _arrow_encoding(enc: str) -> str:
    return "utf8" if enc in ("utf-8", "utf-8-sig", "utf8") else enc


def _forgiving(src: TextSource, skip: int, width: int) -> Iterator[tuple[pd.DataFrame, np.ndarray]]:
    """The slow path: the whole file through the csv module (for quoting pyarrow rejects)."""
    try:
        text = src.file.read_all().decode(src.encoding).replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as e:
        raise _decode_error(src.path, [src.encoding], e.start) from None
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=src.sep, strict=False))[skip:]
    width = max([width, *(len(r) for r in rows)])
    frame = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], columns=range(width), dtype="str")
    yield frame, np.arange(skip + 1, skip + 1 + len(frame))


def read_records(
    src: TextSource, skip: int, width: int, chunk_rows: int | None = None
) -> Iterator[tuple[pd.DataFrame, np.ndarray]]:
    """Records after the first ``skip`` ones, as frames of strings with their record numbers.

    With ``chunk_rows`` the file is streamed in chunks of about that many rows;
    otherwise one frame holds everything. Columns are named 0..width-1 (more when a
    row is wider than the header). When the file has to be read again (its body is in
    another encoding than its head, or its quoting needs the csv module), the records
    already handed out are not handed out again.
    """
    sent = skip + 1  # the first record number not yet handed out
    try:
        for frame, rows in _arrow_records(src, skip, width, chunk_rows):
            yield frame, rows
            sent = int(rows[-1]) + 1 if len(rows) else sent
    except _Retry as r:
        if r.encoding:
            src.encoding = r.encoding
        again = read_records(src, skip, width, chunk_rows) if r.encoding else _forgiving(src, skip, width)
        for frame, rows in again:
            new = rows >= sent
            if new.all():
                yield frame, rows
            elif new.any():
                yield frame[new].reset_index(drop=True), rows[new]


class _Retry(Exception):
    def __init__(self, encoding: str | None = None):
        self.encoding = encoding


#: Bytes the streaming reader parses at a time (a chunk is a few of these blocks).
STREAM_BLOCK = 4 << 20


def _arrow_options(src: TextSource, skip: int, width: int, chunk_rows: int | None, threads: bool, on_invalid):
    """pyarrow's read, parse and convert options: every column a string, nothing null."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    names = [str(i) for i in range(width)]
    return (
        pacsv.ReadOptions(
            skip_rows=skip,
            column_names=names,
            encoding=_arrow_encoding(src.encoding),
            use_threads=threads,
            block_size=(16 << 20) if chunk_rows is None else STREAM_BLOCK,
        ),
        pacsv.ParseOptions(
            delimiter=src.sep,
            newlines_in_values=True,
            ignore_empty_lines=False,
            invalid_row_handler=on_invalid,
        ),
        pacsv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.string()),
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
            null_values=[],
        ),
    )


def _arrow_tables(src: TextSource, chunk_rows: int | None, options: tuple):
    """The file as one arrow table, or tables of about ``chunk_rows`` rows; ``_Retry`` on decoding trouble."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    ro, po, co = options
    try:
        with src.file.open() as f:
            if chunk_rows is None:
                yield pacsv.read_csv(f, read_options=ro, parse_options=po, convert_options=co)
                return
            reader = pacsv.open_csv(f, read_options=ro, parse_options=po, convert_options=co)
            batches, rows = [], 0
            for b in reader:
                batches.append(b)
                rows += b.num_rows
                if rows >= chunk_rows:
                    yield pa.Table.from_batches(batches)
                    batches, rows = [], 0
            yield pa.Table.from_batches(batches, schema=reader.schema)
    except UnicodeDecodeError:
        raise _Retry(None if src.encoding == "gb18030" else "gb18030") from None
    except pa.ArrowInvalid as e:
        if "UTF8" in str(e) and src.encoding in ("utf-8", "utf-8-sig"):
            raise _Retry("gb18030") from None  # the head was UTF-8, the body is not
        raise _Retry(None) from None


def _arrow_records(src: TextSource, skip: int, width: int, chunk_rows: int | None):
    invalid: list[tuple[int | None, str]] = []

    def on_invalid(row) -> str:
        invalid.append((row.number, row.text))
        return "skip"

    def tables(threads: bool):
        return _arrow_tables(
            src, chunk_rows, _arrow_options(src, skip, width, chunk_rows, threads, on_invalid)
        )

    # A whole-file read uses threads; record numbers of odd rows are only known without them.
    found = tables(threads=chunk_rows is None)
    first = next(found)
    if invalid and any(n is None for n, _ in invalid):
        invalid.clear()
        found = tables(threads=False)
        first = next(found)
    number = skip + 1
    pending = first
    while pending is not None:
        frame = _to_frame(pending)
        frame.columns = range(width)
        got = _belonging(invalid, number, len(frame))
        frame, rows = _merge_invalid(frame, got, number, src.sep)
        number = int(rows[-1]) + 1 if len(rows) else number
        yield frame, rows
        pending = next(found, None)
    if invalid:  # odd rows after the last full one (a cut-off last line)
        empty = pd.DataFrame({c: pd.array([], dtype="str") for c in range(width)})
        yield _merge_invalid(empty, _belonging(invalid, number, 0, every=True), number, src.sep)


def _belonging(invalid: list[tuple[int, str]], start: int, good: int, every: bool = False) -> list:
    """The odd rows (taken out of ``invalid``) among the records numbered from ``start`` of a
    table of ``good`` rows, or right after them. The reader parses ahead, so an odd row may be
    reported while an earlier table is handed over: rows are placed by their number, not by
    when they came."""
    invalid.sort(key=lambda r: r[0])
    k = 0
    while k < len(invalid) and (every or invalid[k][0] <= start + good + k):
        k += 1
    got = invalid[:k]
    del invalid[:k]
    return got


def _to_frame(table) -> pd.DataFrame:
    """An arrow table of strings as a frame of str columns (the arrow buffers are kept, not copied)."""
    # one buffer a column: the rules read the arrow buffers directly (docs/design.md, "Speed")
    columns = zip(table.column_names, table.columns, strict=True)
    return pd.DataFrame({name: pd.array(col.combine_chunks(), dtype="str") for name, col in columns})


def _merge_invalid(frame: pd.DataFrame, invalid: list[tuple[int, str]], start: int, sep: str):
    """Put rows that had the wrong number of fields back in place, as parsed records."""
    total = len(frame) + len(invalid)
    numbers = np.arange(start, start + total)
    if not invalid:
        return frame, numbers
    bad_numbers = np.array([n for n, _ in invalid])
    good = ~np.isin(numbers, bad_numbers)
    recs = [next(csv.reader([t], delimiter=sep, strict=False), []) for _, t in invalid]
    width = max([frame.shape[1], *(len(r) for r in recs)])
    for c in range(frame.shape[1], width):
        frame[c] = ""
    extra = pd.DataFrame([r + [""] * (width - len(r)) for r in recs], columns=range(width), dtype="str")
    merged = pd.concat([frame.set_axis(numbers[good]), extra.set_axis(bad_numbers)]).sort_index()
    return merged.reset_index(drop=True).astype("str"), merged.index.to_numpy()


def _joined(parts: list[tuple[pd.DataFrame, np.ndarray]]) -> tuple[pd.DataFrame, np.ndarray]:
    frame = pd.concat([f for f, _ in parts], ignore_index=True).astype("str")
    return frame, np.concatenate([r for _, r in parts])


@dataclass
class TextHead:
    """What the head of a text roster says: its text, the header row and its match, the
    headers, the width of the records and the title above the header."""

    text: TextSource
    h: int
    match: HeaderMatch
    headers: list[str]
    width: int
    title: list[str]


def read_head(src: FileBytes, req: Request) -> TextHead:
    """Decode the head, find the header (``InputError`` when there is none) and check it."""
    text = open_text(src, req.encoding, HEADER_SCAN)
    found = req.header(text.head)
    if not found:
        raise no_header_error(req.path, [(None, text.head)])
    h, match = found
    headers = [x.strip() for x in text.head[h]]
    req.check(headers, match)
    return TextHead(text, h, match, headers, max(len(r) for r in text.head[h:]), title_of(text.head[:h]))


def stream(src: FileBytes, kind: str, req: Request) -> Generator[Roster, None, str]:
    """A text roster: one :class:`Roster`, or chunks of about ``req.chunk_rows`` rows.

    Every chunk has the same columns and fields; row numbers continue across
    chunks. Blank rows at the end of a chunk wait for the next one (the file's
    last are not rows read). Chunks are yielded as they are read, before the
    file's end, so they carry no SHA-256: the generator returns it when done.
    """
    if req.sheet is not None:
        raise InputError.say("io", "text_sheet", path=req.given)
    head = read_head(src, req)
    text, h, match, headers, width, title = (
        head.text,
        head.h,
        head.match,
        head.headers,
        head.width,
        head.title,
    )

    def roster(lay, frame: pd.DataFrame, rows: np.ndarray, sha256: str | None) -> Roster:
        return make_roster(req, lay.apply(frame), rows, lay, None, "csv", text.encoding, h + 1, title, sha256)

    if req.chunk_rows is None:  # the whole file: name unnamed columns only if they hold data
        parts = list(read_records(text, h + 1, width, None))
        frame, rows = parts[0] if len(parts) == 1 else _joined(parts)
        keep = last_nonblank(frame)
        yield roster(layout(headers, match, frame.iloc[:keep]), frame.iloc[:keep], rows[:keep], src.sha256)
        return src.sha256
    lay = layout(headers, match, text_frame(text.head[h + 1 :], width))
    tail: tuple[pd.DataFrame, np.ndarray] | None = None
    sent = False
    for frame, rows in read_records(text, h + 1, width, req.chunk_rows):
        if tail is not None and len(tail[1]):
            frame = pd.concat([tail[0], frame], ignore_index=True)
            rows = np.concatenate([tail[1], rows])
        keep = last_nonblank(frame)
        tail = (frame.iloc[keep:], rows[keep:])
        if keep or not sent:
            yield roster(lay, frame.iloc[:keep], rows[:keep], None)
            sent = True
        del frame
    return src.sha256
