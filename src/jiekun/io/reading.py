"""Reading rosters: any spreadsheet or text file a clerk has, every cell as text.

``load_roster`` reads the file's bytes once (:mod:`jiekun.io.source`), sniffs its
real format from them (:mod:`jiekun.io.sniff`: an ".xls" that is really HTML or
CSV is read as what it is) and hands it to the reader of that format, one of
:data:`FORMATS`. The reader finds the header among the first 30 rows
(:mod:`jiekun.io.layout`) and returns every row below it as text with the Excel
row number the clerk sees. Nothing is parsed or dropped here; classification decides.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from jiekun.io import html, spreadsheet, text
from jiekun.io.layout import Request, Table
from jiekun.io.sheets import table_roster
from jiekun.io.sniff import open_file
from jiekun.io.source import FileBytes
from jiekun.model.columns import HeaderMatcher
from jiekun.model.roster import Roster
from jiekun.model.rules import Rules

__all__ = [
    "FORMATS",
    "SUFFIXES",
    "Format",
    "Roster",
    "format_of_suffix",
    "iter_roster",
    "load_roster",
    "read_companion",
]

Tables = Callable[[FileBytes, str, Request], tuple[str, list[Table]]]
Stream = Callable[[FileBytes, str, Request], Generator[Roster, None, str]]


@dataclass(frozen=True)
class Format:
    """A reader: the sniffed kinds it reads, the file names it is the reader of, and how it reads.

    A whole-table reader has ``tables`` (candidate tables; the first with a header
    is the roster); a streaming reader has ``stream`` (rosters, in chunks if asked,
    returning the file's SHA-256 when done).
    """

    name: str
    kinds: tuple[str, ...]
    suffixes: tuple[str, ...]
    tables: Tables | None = None
    stream: Stream | None = None

    def read(self, src: FileBytes, kind: str, req: Request) -> Generator[Roster, None, str]:
        """The rosters of the file; returns its SHA-256."""
        if self.stream is not None:
            return (yield from self.stream(src, kind, req))
        assert self.tables is not None
        fmt, found = self.tables(src, kind, req)
        yield table_roster(found, fmt, req, src.sha256)
        return src.sha256


SPREADSHEET = Format(
    "spreadsheet",
    tuple(spreadsheet.FORMATS),
    (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"),
    tables=spreadsheet.tables,
)
HTML = Format("html", ("html",), (), tables=html.tables)  # found by sniffing, whatever the file's name
TEXT = Format("text", ("text",), (".csv", ".tsv", ".txt", ".tab"), stream=text.stream)
FORMATS = (SPREADSHEET, HTML, TEXT)
#: Every file name jiekun reads as a roster (what ``jiekun batch`` looks for in a folder).
SUFFIXES = tuple(s for f in FORMATS for s in f.suffixes)
#: A note when a file named as a spreadsheet is read by another reader.
_NOTES = {"html": "note_html", "text": "note_csv"}


def format_of_suffix(suffix: str) -> Format | None:
    """The reader a file of this name would usually get (its bytes decide in the end)."""
    return next((f for f in FORMATS if suffix.lower() in f.suffixes), None)


def _format_of(src: FileBytes, kind: str) -> Format:
    if kind == "text" and src.suffix in SPREADSHEET.suffixes and b"<table" in src.head.lower():
        kind = "html"
    return next(f for f in FORMATS if kind in f.kinds)


def iter_roster(
    path: str | Path,
    *,
    sheet: str | int | None = None,
    encoding: str | None = None,
    rules: Rules | None = None,
    chunk_rows: int | None = None,
    require: str = "roster",
    fields: Mapping[str, Sequence[str]] | None = None,
    word_rules: Sequence[tuple[str, Sequence[str]]] | None = None,
    required: Callable[[dict[str, int]], list[str]] | None = None,
    least: int | None = None,
) -> Generator[Roster, None, str]:
    """Read a roster as one or more ``Roster`` chunks (text files stream in ``chunk_rows``).

    Every chunk has the same columns and fields; row numbers continue across
    chunks. A whole roster carries the file's SHA-256; chunks, read before the
    file's end, do not: the generator returns it. A spreadsheet always comes
    as one chunk. ``require="list"`` reads any list of people (a header naming
    two known fields, no income needed), for cross-checking with other
    departments' lists. Another kind of list (an assistance ledger) passes its own
    field catalogue: ``fields`` (field → aliases), ``word_rules``, ``required`` (the
    headers a match lacks) and ``least`` (known fields a header row must name).
    """
    given, path = str(path), Path(path)
    matcher = HeaderMatcher((rules or Rules()).aliases, fields=fields, word_rules=word_rules)
    req = Request(given, path, matcher, sheet, encoding, require, chunk_rows, required=required, fewest=least)
    src, kind = open_file(path, given)
    fmt = _format_of(src, kind)
    if fmt is not SPREADSHEET and src.suffix in SPREADSHEET.suffixes:
        from jiekun.text import words

        req.notes.append(words("io")[_NOTES[fmt.name]].format(name=path.name, suffix=src.suffix))
    return (yield from fmt.read(src, kind, req))


def read_companion(
    roster: Roster,
    sheet: str,
    *,
    rules: Rules | None = None,
    fields: Mapping[str, Sequence[str]] | None = None,
    word_rules: Sequence[tuple[str, Sequence[str]]] | None = None,
    required: Callable[[dict[str, int]], list[str]] | None = None,
    least: int | None = None,
) -> Roster:
    """Another list in the roster's workbook (one of ``roster.other_sheets``), read from the
    sheet the reader already holds: the file is not opened again. Arguments as :func:`iter_roster`."""
    matcher = HeaderMatcher((rules or Rules()).aliases, fields=fields, word_rules=word_rules)
    req = Request(
        roster.source, roster.path, matcher, sheet, None, "roster", None, required=required, fewest=least
    )
    return table_roster([roster.companions[sheet]], roster.format, req, roster.sha256)


def load_roster(
    path: str | Path,
    *,
    sheet: str | int | None = None,
    encoding: str | None = None,
    rules: Rules | None = None,
    require: str = "roster",
    fields: Mapping[str, Sequence[str]] | None = None,
    word_rules: Sequence[tuple[str, Sequence[str]]] | None = None,
    required: Callable[[dict[str, int]], list[str]] | None = None,
    least: int | None = None,
) -> Roster:
    """Read a roster file (xlsx/xlsm/xlsb/xls/ods/csv/tsv/txt) with every cell as text.

    ``sheet`` is a sheet name or 1-based position; by default the first sheet that
    holds a roster header. Raises ``InputError`` (a message for the clerk) when the
    file cannot be read as a roster. ``fields``, ``word_rules``, ``required`` and
    ``least`` read another kind of list (see :func:`iter_roster`).

    >>> roster = load_roster("samples/survey-roster.xlsx")  # doctest: +SKIP
    >>> roster.rows_read
    33724
    """
    catalogue = {"fields": fields, "word_rules": word_rules, "required": required, "least": least}
    return next(iter_roster(path, sheet=sheet, encoding=encoding, rules=rules, require=require, **catalogue))
