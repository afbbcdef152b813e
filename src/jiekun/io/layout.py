"""Finding the header and laying out the columns of a roster, for every reader.

The header is the row among the first :data:`HEADER_SCAN` that names the most
known fields; the rows above it are the title. Columns are named by their
header (blank headers by their letter, repeats numbered) and empty unnamed
columns dropped. Nothing is parsed or dropped from the cells; classification decides.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from jiekun.errors import InputError
from jiekun.io.guard import clip
from jiekun.io.messages import both
from jiekun.model.columns import HeaderMatch, HeaderMatcher, col_letter, find_header, missing_required
from jiekun.model.roster import Roster

HEADER_SCAN = 30


class Table:
    """One candidate table of a workbook or web page: its rows as text, its sheet and merged ranges.

    A spreadsheet's table is converted to text when first needed (``convert`` of
    ``raw``, its rows of typed cells); the head alone (for finding the header)
    converts only its rows.
    """

    def __init__(
        self,
        frame: pd.DataFrame | None,
        sheet: str | None,
        *,
        merged: tuple = (),
        visible: bool = True,
        xlsx: bytes | None = None,
        raw: list | None = None,
        convert: Callable[[list], pd.DataFrame] | None = None,
    ):
        self._frame, self.sheet, self.merged, self.visible = frame, sheet, merged, visible
        self.xlsx = xlsx  # the workbook's bytes, to look for formulas without results (xlsx only)
        self._raw, self._convert = raw, convert
        self._head: list[list[str]] | None = None

    def _text(self, rows: list) -> pd.DataFrame:
        assert self._convert is not None
        return self._convert(rows) if rows else pd.DataFrame([[""]], dtype="str")

    @property
    def frame(self) -> pd.DataFrame:
        """Every row, as text."""
        if self._frame is None:
            self._frame, self._raw = self._text(self._raw or []), None
        return self._frame

    def head(self) -> list[list[str]]:
        """The first :data:`HEADER_SCAN` rows, as text."""
        if self._head is None:
            f = self._frame if self._frame is not None else self._text((self._raw or [])[:HEADER_SCAN])
            self._head = head_rows(f)
        return self._head


@dataclass
class Request:
    """What the caller of :func:`jiekun.io.reading.iter_roster` asked for, and the notes so far."""

    given: str  # the path as the user gave it
    path: Path
    matcher: HeaderMatcher
    sheet: str | int | None = None
    encoding: str | None = None
    require: str = "roster"  # or "list": any list of people (two known fields, no income needed)
    chunk_rows: int | None = None
    notes: list[str] = field(default_factory=list)
    #: what a header lacks (field → position ↦ missing headers); None: what ``require`` implies
    required: Callable[[dict[str, int]], list[str]] | None = None
    fewest: int | None = None  # known fields a header row must name; None: what ``require`` implies

    @property
    def least(self) -> int:
        """How many known fields a header row must name."""
        if self.fewest is not None:
            return self.fewest
        return 2 if self.require == "list" else 3

    def header(self, rows: Sequence[Sequence[object]]) -> tuple[int, HeaderMatch] | None:
        """The (row index, match) of the header among ``rows``, or None."""
        return find_header(rows, self.matcher, least=self.least)

    def check(self, headers: list[str], match: HeaderMatch) -> None:
        """Refuse a roster that lacks a column classification needs."""
        if self.required is not None:
            missing = self.required(match.fields)
        else:
            missing = missing_required(match.fields) if self.require == "roster" else []
        if missing:
            raise _missing_error(self.path, headers, missing, self.matcher)


def head_rows(frame: pd.DataFrame) -> list[list[str]]:
    return frame.iloc[:HEADER_SCAN].astype(str).to_numpy().tolist()


def title_of(rows: Sequence[Sequence[object]]) -> list[str]:
    """The text of the rows above a header: each row's non-blank cells joined with a space."""
    return [" ".join(t for t in (str(v).strip() for v in row) if t) for row in rows]


def last_nonblank(body: pd.DataFrame) -> int:
    """How many rows to keep: down to the last one with anything in it (whitespace is nothing)."""
    columns = [body[c] for c in body.columns]
    end = len(body)
    if end and any(str(s.iat[end - 1]).strip() for s in columns):
        return end  # the usual case: the last row has something in it
    while end > 0:  # from the end, a block at a time: the last rows are almost always filled
        start = max(0, end - 1024)
        filled = np.zeros(end - start, dtype=bool)
        for s in columns:
            filled |= (s.iloc[start:end] != "").to_numpy(dtype=bool)
        for i in np.flatnonzero(filled)[::-1] + start:
            if any(str(s.iat[i]).strip() for s in columns):
                return int(i) + 1
        end = start
    return 0


@dataclass
class Layout:
    """Which body columns a roster keeps, their names, and the fields among them."""

    keep: list[int]
    names: list[str]
    fields: dict[str, str]
    how: dict[str, str]

    def apply(self, body: pd.DataFrame) -> pd.DataFrame:
        """The kept columns of ``body``, named (missing ones as blanks)."""
        for c in range(body.shape[1], max(self.keep, default=-1) + 1):
            body[c] = ""
        data = body.iloc[:, self.keep].copy()
        data.columns = self.names
        return data.reset_index(drop=True)


def layout(headers: list[str], match: HeaderMatch, body: pd.DataFrame | None) -> Layout:
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
    return Layout(keep, names, {f: pos_to_name[i] for f, i in match.fields.items()}, dict(match.how))


def text_frame(rows: list[list[str]], width: int) -> pd.DataFrame:
    """Rows of cell texts as a frame ``width`` wide (short rows padded with blanks)."""
    return pd.DataFrame([r + [""] * (width - len(r)) for r in rows] or [[""] * width], dtype="str")


def make_roster(
    req: Request,
    data: pd.DataFrame,
    rows: np.ndarray,
    lay: Layout,
    sheet: str | None,
    fmt: str,
    encoding: str | None,
    header_row: int,
    title: list[str],
    sha256: str | None,
) -> Roster:
    return Roster(
        source=req.given,
        path=req.path,
        sheet=sheet,
        format=fmt,
        encoding=encoding,
        header_row=header_row,
        data=data,
        rows=np.asarray(rows, dtype=np.int64),
        fields=lay.fields,
        how=lay.how,
        notes=req.notes,
        title=title,
        sha256=sha256,
    )


def no_header_error(path: Path, tables: list[tuple[str | None, list[list[str]]]]) -> InputError:
    firsts = []
    for sheet, head in tables[:5]:
        shown = ([c for c in map(clip, row) if c] for row in head)  # control bytes of a binary file dropped
        first = next((cells for cells in shown if cells), [])
        firsts.append((sheet, first[:8]))

    def build(w: dict) -> str:
        lines = [
            w["first_row"].format(
                where=w["where_sheet"].format(sheet=sheet) if sheet else w["where_file"],
                cells=w["sep"].join(first) or w["first_row_empty"],
            )
            for sheet, first in firsts
        ]
        return w["no_header"].format(path=path, scan=HEADER_SCAN, lines=w["clause_sep"].join(lines))

    return InputError(both("io", build))


def _missing_error(path: Path, headers: list[str], missing: list[str], matcher: HeaderMatcher) -> InputError:
    close = []
    for h in headers:
        f, _ = matcher.field_of(h)
        if f is None and h:
            c = matcher.closest(h)
            if c:
                close.append((h, c))

    def build(w: dict) -> str:
        hints = [w["missing_hint"].format(header=h, close=c) for h, c in close[:3]]
        return w["missing"].format(
            path=path,
            missing=w["clause_sep"].join(missing),
            found=w["sep"].join(h for h in headers if h),
            hints=(w["hint_sep"] + w["hint_sep"].join(hints)) if hints else "",
        )

    return InputError(both("io", build))
