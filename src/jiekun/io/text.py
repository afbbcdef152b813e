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
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from jiekun.errors import InputError

HEAD_BYTES = 1 << 20  # the head used to decide encoding and delimiter and find the header


@dataclass
class TextSource:
    """How to read a text roster."""

    path: Path
    encoding: str  # a Python codec name
    sep: str
    head: list[list[str]]  # the first records, for header detection


def _decode_head(head: bytes, path: Path, encoding: str | None) -> tuple[str, str]:
    """Decode the head of a file, choosing the encoding when none is given."""
    complete = len(head) < HEAD_BYTES

    def attempt(enc: str) -> str:
        dec = codecs.getincrementaldecoder(enc)()
        return dec.decode(head, final=complete)

    if encoding:
        try:
            return attempt(encoding), encoding
        except LookupError:
            raise InputError(f"不认识的编码 '{encoding}'。常用的有 utf-8、gb18030、utf-16。") from None
        except UnicodeDecodeError as e:
            raise _decode_error(path, [encoding], e.start) from None
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    elif head.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    else:
        candidates = ["utf-8", "gb18030"]
    for enc in candidates:
        try:
            return attempt(enc), enc
        except UnicodeDecodeError:
            continue
    raise _decode_error(path, candidates, None)


def _decode_error(path: Path, tried: list[str], where: int | None) -> InputError:
    at = f"（第 {where} 字节处出错）" if where is not None else ""
    return InputError(
        f"文件 {path} 的文字编码无法识别{at}，已尝试 {'、'.join(tried)}。"
        "如果知道它的编码，请用 --encoding 指定，例如 --encoding big5 或 --encoding gb18030；"
        "或在 Excel/WPS 中打开后另存为 .xlsx 再试。"
    )


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


def open_text(path: Path, encoding: str | None, scan: int) -> TextSource:
    """Decide encoding and delimiter from the head, and parse its first ``scan`` records."""
    with path.open("rb") as f:
        head = f.read(HEAD_BYTES)
    text, enc = _decode_head(head, path, encoding)
    if len(head) == HEAD_BYTES:  # drop a record cut in half at the end of the head
        text = text[: max(text.rfind("\n"), 0)]
    lines = text.splitlines()
    sep = sniff_delimiter(lines[:scan], path.suffix.lower())
    rows = []
    for rec in csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=False):
        rows.append(rec)
        if len(rows) >= scan:
            break
    return TextSource(path, enc, sep, rows)


def _arrow_encoding(enc: str) -> str:
    return "utf8" if enc in ("utf-8", "utf-8-sig", "utf8") else enc


def _forgiving(src: TextSource, skip: int, width: int) -> Iterator[tuple[pd.DataFrame, np.ndarray]]:
    """The slow path: the whole file through the csv module (for quoting pyarrow rejects)."""
    try:
        text = src.path.read_text(encoding=src.encoding)
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
    row is wider than the header).
    """
    try:
        yield from _arrow_records(src, skip, width, chunk_rows)
    except _Retry as r:
        if r.encoding:
            src.encoding = r.encoding
            yield from read_records(src, skip, width, chunk_rows)
        else:
            yield from _forgiving(src, skip, width)


class _Retry(Exception):
    def __init__(self, encoding: str | None = None):
        self.encoding = encoding


def _arrow_records(src, skip, width, chunk_rows):
    import pyarrow as pa
    import pyarrow.csv as pacsv

    names = [str(i) for i in range(width)]
    invalid: list[tuple[int | None, str]] = []

    def on_invalid(row) -> str:
        invalid.append((row.number, row.text))
        return "skip"

    def options(threads: bool):
        return (
            pacsv.ReadOptions(
                skip_rows=skip,
                column_names=names,
                encoding=_arrow_encoding(src.encoding),
                use_threads=threads,
                block_size=(16 if chunk_rows is None else 4) << 20,
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

    def frames(threads: bool):
        ro, po, co = options(threads)
        try:
            if chunk_rows is None:
                yield pacsv.read_csv(src.path, read_options=ro, parse_options=po, convert_options=co)
            else:
                reader = pacsv.open_csv(src.path, read_options=ro, parse_options=po, convert_options=co)
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

    # A whole-file read uses threads; record numbers of odd rows are only known without them.
    tables = frames(threads=chunk_rows is None)
    first = next(tables)
    if invalid and any(n is None for n, _ in invalid):
        invalid.clear()
        tables = frames(threads=False)
        first = next(tables)
    number = skip + 1
    pending = first
    while pending is not None:
        frame = pending.to_pandas()
        frame.columns = range(width)
        got = list(invalid)
        invalid.clear()
        frame, rows = _merge_invalid(frame, got, number, src.sep)
        number = int(rows[-1]) + 1 if len(rows) else number
        yield frame, rows
        pending = next(tables, None)


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
