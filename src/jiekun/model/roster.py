"""The roster as read: text cells, the header found, and where each field is.

The readers in ``jiekun.io`` build it; everything in ``jiekun.model`` takes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class ReadFinding:
    """A problem the reader found in some cells: its code, the positions of their rows, the column."""

    code: str
    positions: np.ndarray  # positions into ``Roster.data``
    column: str


@dataclass
class Roster:
    """A roster as read: text cells, the header found, and where each field is."""

    source: str  # the path as the user gave it
    path: Path
    sheet: str | None  # None for a text file
    format: str  # xlsx, xls, ods, csv, html
    encoding: str | None
    header_row: int  # Excel row number of the header
    data: pd.DataFrame  # one text column per input column, one row per row read
    rows: np.ndarray  # Excel row number of each row of ``data``
    fields: dict[str, str]  # canonical field → column of ``data``
    how: dict[str, str] = field(default_factory=dict)  # field → "alias"/"words"
    notes: list[str] = field(default_factory=list)
    title: list[str] = field(default_factory=list)  # text of the rows above the header, top first
    other_sheets: list[str] = field(default_factory=list)  # other visible sheets with a header, not read
    #: those sheets as the reader holds them (io tables), so a companion list such as the
    #: 家庭成员 sheet is read from what was read, never from the file again
    companions: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    sha256: str | None = None  # of the file's bytes, taken as they were read (None on a streamed chunk)
    sheets: np.ndarray | None = (
        None  # sheet of each row of ``data`` when several sheets were read (--sheet all)
    )
    findings: list[ReadFinding] = field(default_factory=list)  # what reading found in cells (problem records)

    @property
    def rows_read(self) -> int:
        return len(self.data)

    def column(self, f: str) -> pd.Series | None:
        """The text cells of a canonical field, or None when the roster lacks it."""
        c = self.fields.get(f)
        return None if c is None else self.data[c]

    def without_rows(self) -> Roster:
        """The roster's metadata alone (what a chunked result keeps): new empty columns, as
        an empty slice of arrow-backed text would keep every row of the chunk alive."""
        empty = self.data.iloc[:0].astype(object).astype(self.data.dtypes.to_dict())
        return replace(self, data=empty, rows=self.rows[:0].copy(), companions={})
