"""The report workbook of ``jiekun classify`` (DESIGN §5): one print-ready .xlsx.

Sheets, in order (English names with ``lang="en"``):

- 汇总 Summary: title, as-of date, source, rules; totals; the survey table
  (age–gender groups and education buckets × hardship/extreme, counts and
  shares); causes; the row reconciliation; native Excel charts.
- 分类统计 Breakdown: causes, top employers, communities, age band × gender.
- 明细 Detail: every worker row, original columns first, then the derived ones;
  continues on 明细(2)… past Excel's row limit. ``detail="hardship"`` keeps the
  hardship rows only, ``"none"`` leaves the sheet out.
- 问题数据 Problems: every problem record, errors first.
- 文字说明 Narrative: a paragraph of the figures for a work summary.
- 说明 About: rules, tool version, time, input file and its SHA-256, columns,
  the row reconciliation.

The file is written to a temporary name beside the target and renamed
(:func:`jiekun.io.output.write_via_temp`). Roster text is only ever written as
text cells. See docs/report.md.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from jiekun.model.labels import hardship_label
from jiekun.report.narrative import narrative
from jiekun.text.report import WORDS as TEXT

if TYPE_CHECKING:
    from jiekun.pipeline.summary import Result

__all__ = ["DETAIL_MODES", "default_report_path", "narrative", "write_report"]

DETAIL_MODES = ("all", "hardship", "none")
MAX_WIDTH = 50
MIN_WIDTH = 6

#: XlsxWriter options of every workbook jiekun writes: roster text stays text.
WORKBOOK_OPTIONS: dict[str, bool] = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}

#: Presentation formats of the small sheets (XlsxWriter properties).
FORMATS: dict[str, dict] = {
    "title": {"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"},
    "subtitle": {"font_size": 10, "font_color": "#404040"},
    "h": {
        "bold": True,
        "bg_color": "#D9E1F2",
        "border": 1,
        "align": "center",
        "valign": "vcenter",
        "text_wrap": True,
    },
    "section": {"bold": True, "bg_color": "#F2F2F2", "border": 1},
    "heading": {"bold": True, "font_size": 12},
    "label": {"border": 1},
    "label_indent": {"border": 1, "indent": 1},
    "int": {"border": 1, "num_format": "#,##0"},
    "pct": {"border": 1, "num_format": "0.0%"},
    "dash": {"border": 1, "align": "right"},
    "total_label": {"bold": True, "border": 1, "bg_color": "#F2F2F2"},
    "total_int": {"bold": True, "border": 1, "bg_color": "#F2F2F2", "num_format": "#,##0"},
    "total_pct": {"bold": True, "border": 1, "bg_color": "#F2F2F2", "num_format": "0.0%"},
    "note": {"italic": True, "font_size": 9, "font_color": "#595959"},
    "ok": {"font_color": "#006100"},
    "bad": {"font_color": "#C00000", "bold": True},
    "key": {"bold": True, "valign": "top", "border": 1},
    "value": {"text_wrap": True, "valign": "top", "border": 1},
    "paragraph": {"text_wrap": True, "valign": "top", "font_size": 12},
}


def default_report_path(roster_path: str | Path) -> Path:
    """``<roster stem>-report.xlsx`` in the current folder."""
    return Path.cwd() / f"{Path(roster_path).stem}-report.xlsx"


def write_report(
    result: Result,
    path: str | Path,
    *,
    lang: str = "zh",
    detail: str = "all",
    mask_ids: bool = False,
    force: bool = False,
    area: str | None = None,
) -> Path:
    """Write the report workbook of a classified roster; returns the path written.

    Refuses to write over the input file (even with ``force``) or over an
    existing file without ``force`` (``OutputError``). The workbook is written to
    a temporary file in the target folder and renamed, so a failure leaves no
    partial file. ``area`` is the opening word of the narrative (default 全区).

    >>> write_report(summarize("roster.xlsx"), "report.xlsx", detail="hardship")  # doctest: +SKIP
    """
    from jiekun.io.output import check_target, write_via_temp

    if lang not in TEXT:
        raise ValueError(f"lang must be one of {', '.join(TEXT)}, not {lang!r}")
    if detail not in DETAIL_MODES:
        raise ValueError(f"detail must be one of {', '.join(DETAIL_MODES)}, not {detail!r}")
    out = Path(path)
    check_target(out, force=force, inputs=(result.roster.path,))
    result = _whole(result)
    write_via_temp(out, lambda tmp: _write(result, tmp, lang, detail, mask_ids, area))
    return out


def write_problems_workbook(result: Result, path: str | Path, *, lang: str = "zh") -> Path:
    """Write a workbook holding only the problems sheet (``jiekun check -o problems.xlsx``)."""
    from jiekun.io.output import write_via_temp

    out = Path(path)
    result = _whole(result)
    write_via_temp(out, lambda tmp: _write(result, tmp, lang, "none", False, None, problems_only=True))
    return out


def _whole(result: Result) -> Result:
    """The result with every row classified.

    A large text file is summarised in chunks, keeping only the tally and the
    problems; the report lists every row, so such a file is read again, whole.
    """
    if result.classified is not None:
        return result
    from jiekun.io.reading import load_roster
    from jiekun.model.classification import classify
    from jiekun.model.tallies import tally
    from jiekun.pipeline.summary import Result

    t = result.tally
    roster = load_roster(
        result.roster.source, sheet=result.roster.sheet, encoding=result.roster.encoding, rules=t.rules
    )
    classified = classify(roster, t.rules, t.as_of)
    return Result(roster=roster, classified=classified, tally=tally(classified), problems=classified.problems)


def _write(
    result: Result,
    tmp: Path,
    lang: str,
    detail: str,
    mask_ids: bool,
    area: str | None,
    engine: str = "fast",
    *,
    problems_only: bool = False,
) -> None:
    import xlsxwriter

    from jiekun.report.detail import data_sheets, detail_columns, problem_columns
    from jiekun.report.sheets import about_sheet, narrative_sheet
    from jiekun.report.summary import breakdown_sheet, summary_sheet
    from jiekun.xlsx.rows import splice, write_cells

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, **WORKBOOK_OPTIONS})
    book = Book(wb, result, lang, mask_ids, detail, area)
    wb.set_properties(
        {
            "title": book.title,
            "author": "jiekun",
            "comments": f"jiekun {book.version}",
        }
    )
    if not problems_only:
        summary_sheet(book)
        breakdown_sheet(book)
    data = []
    if detail != "none":
        data += data_sheets(book, book.tx["detail"], detail_columns(book), book.detail_band)
    data += data_sheets(book, book.tx["problems"], problem_columns(book), None)
    if not problems_only:
        narrative_sheet(book)
        about_sheet(book)
    if engine == "cells":
        for d in data:
            write_cells(wb.get_worksheet_by_name(d.name), d)
    book.styles.frozen = True
    wb.close()
    if engine == "cells":
        tmp.write_bytes(buf.getvalue())
    else:
        splice(buf.getvalue(), tmp, data)


# ------------------------------------------------------------------ the book


@dataclass
class Book:
    """What every sheet writer needs: the workbook, the result, the words, the formats."""

    wb: object
    result: Result
    lang: str
    mask: bool
    detail: str
    area: str | None = None
    _formats: dict = field(default_factory=dict)

    def __post_init__(self):
        from jiekun.xlsx.rows import Styles

        self.tx = TEXT[self.lang]
        self.tally = self.result.tally
        self.rules = self.result.classified.rules
        self.roster = self.result.roster
        self.styles = Styles(self.wb)

    @property
    def version(self) -> str:
        from jiekun import __version__

        return __version__

    @property
    def stem(self) -> str:
        return Path(self.roster.source).stem

    @property
    def title(self) -> str:
        return self.tx["title"].format(stem=self.stem)

    def fmt(self, name: str, **extra):
        key = (name, tuple(sorted(extra.items())))
        if key not in self._formats:
            self._formats[key] = self.wb.add_format({**FORMATS[name], **extra})
        return self._formats[key]

    def hardship_label(self) -> str:
        return hardship_label(self.tally.rules, self.lang)

    def extreme_label(self) -> str:
        return self.rules.tier_label(0, self.lang)

    @cached_property
    def id_columns(self) -> list[str]:
        """The ID column and any other column whose header names an ID number."""
        from jiekun.model.columns import normalize_header

        cols = [self.roster.fields["id"]] if "id" in self.roster.fields else []
        for c in self.roster.data.columns:
            h = normalize_header(c)
            if c not in cols and any(w in h for w in ("身份证", "证件号", "身份号")):
                cols.append(c)
        return cols

    @cached_property
    def problems(self) -> pd.DataFrame:
        """The problem records with their messages, IDs masked when asked."""
        from jiekun.model.ids import mask_ids
        from jiekun.model.problems import messages

        p = self.result.problems.copy()
        if self.mask and len(p):
            m = p["column"].isin(self.id_columns).to_numpy()
            if m.any():
                p.loc[m, "value"] = mask_ids(p.loc[m, "value"].astype(str)).to_numpy()
            legacy = (p["code"] == "id_legacy15").to_numpy()
            if legacy.any():
                p.loc[legacy, "detail"] = mask_ids(p.loc[legacy, "detail"].astype(str)).to_numpy()
        p["message"] = messages(p, self.lang) if len(p) else pd.Series(dtype=object)
        return p

    @cached_property
    def detail_rows(self) -> np.ndarray:
        """Positions (in the roster) of the rows the detail sheet lists."""
        from jiekun.model.classification import DUPLICATE, WORKER

        f = self.result.classified.frame
        kind = f["kind"].to_numpy()
        tier = f["tier"].to_numpy()
        if self.detail == "hardship":
            keep = (kind == WORKER) & (tier >= 0) & (tier < len(self.rules.tiers))
        else:
            keep = (kind == WORKER) | (kind == DUPLICATE)
        return np.flatnonzero(keep)

    @cached_property
    def detail_band(self) -> np.ndarray:
        """0 plain, 1 hardship, 2 extreme, 3 duplicate — per detail row."""
        from jiekun.model.classification import DUPLICATE, WORKER

        f = self.result.classified.frame
        idx = self.detail_rows
        kind = f["kind"].to_numpy()[idx]
        tier = f["tier"].to_numpy()[idx]
        band = np.zeros(len(idx), dtype=np.int8)
        band[(kind == WORKER) & (tier > 0) & (tier < len(self.rules.tiers))] = 1
        band[(kind == WORKER) & (tier == 0)] = 2
        band[kind == DUPLICATE] = 3
        return band


# ------------------------------------------------------------------ widths


def text_width(s: str) -> int:
    """Display width: CJK and full-width characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def column_width(values: np.ndarray | None, header: str = "", *, sample: int = 200) -> float:
    """A column width that fits the widest value (CJK doubled), capped at ``MAX_WIDTH``.

    Only the longest values (by character count) are measured exactly, so the cost
    stays one C-level ``len`` per value.
    """
    widest = max((text_width(line) for line in header.split("\n")), default=0)
    if values is not None and len(values):
        lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
        if lengths.max() * 2 > widest:
            top = np.argpartition(lengths, -sample)[-sample:] if len(values) > sample else slice(None)
            widest = max(widest, *(text_width(v) for v in set(values[top].tolist())))
    return float(min(MAX_WIDTH, max(MIN_WIDTH, round(widest * 1.1) + 2)))


def number_width(x: np.ndarray | None, decimals: int = 0) -> int:
    """Width of the widest number in ``#,##0`` (or ``0.00``) form."""
    if x is None:
        return 0
    x = x[np.isfinite(x)]
    if not len(x):
        return 0
    big = float(np.max(np.abs(x)))
    return len(f"{big:,.{decimals}f}") + (1 if (x < 0).any() else 0)
