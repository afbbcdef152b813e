"""The report workbook of ``jiekun classify``: one print-ready .xlsx (docs/design.md).

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
from pathlib import Path
from typing import TYPE_CHECKING

from jiekun.errors import JiekunError
from jiekun.report.book import Book
from jiekun.report.detail import detail_columns, problem_columns, problem_sheets
from jiekun.report.narrative import narrative
from jiekun.report.review import review_sheet
from jiekun.report.sheets import about_sheet, narrative_sheet
from jiekun.report.summary import breakdown_sheet, summary_sheet
from jiekun.text.report import WORDS as TEXT
from jiekun.xlsx.book import check_lang, data_sheets, open_workbook

if TYPE_CHECKING:
    from jiekun.pipeline.summary import Result

__all__ = ["DETAIL_MODES", "default_report_path", "narrative", "write_problems_workbook", "write_report"]

DETAIL_MODES = ("all", "hardship", "none")


def default_report_path(roster_path: str | Path) -> Path:
    """``<roster stem>-report.xlsx`` in the current folder."""
    from jiekun.io.output import default_output

    return default_output(roster_path, "report")


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

    check_lang(lang)
    if detail not in DETAIL_MODES:
        raise ValueError(f"detail must be one of {', '.join(DETAIL_MODES)}, not {detail!r}")
    out = Path(path)
    check_target(out, force=force, inputs=(result.roster.path,))
    result = _require_rows(result)
    write_via_temp(out, lambda tmp: _write(result, tmp, lang, detail, mask_ids, area))
    return out


def write_problems_workbook(result: Result, path: str | Path, *, lang: str = "zh") -> Path:
    """Write a workbook holding only the problems sheet (``jiekun check -o problems.xlsx``)."""
    from jiekun.io.output import write_via_temp

    out = Path(path)
    result = _require_rows(result)
    write_via_temp(out, lambda tmp: _write(result, tmp, lang, "none", False, None, problems_only=True))
    return out


def _require_rows(result: Result) -> Result:
    """The result itself, which must hold every row classified (the report lists them all)."""
    if result.classified is None:
        raise JiekunError.say("report", "chunked")
    return result


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
    buf = io.BytesIO()
    tx = TEXT[lang]
    wb = open_workbook(
        buf, tx["title"].format(stem=Path(result.roster.source).stem), font=result.classified.rules.font
    )
    book = Book(wb, result, lang, mask_ids, detail, area)
    data = []
    if not problems_only:
        summary_sheet(book)
        breakdown_sheet(book)
        if book.tally.review is not None:  # the roster has a filed-category column (docs/review.md)
            data += review_sheet(book)
    if detail != "none":
        columns = detail_columns(book)
        data += data_sheets(book, tx["detail"], columns, book.detail_band, landscape=len(columns) > 6)
    data += problem_sheets(book, problem_columns(book))
    if not problems_only:
        narrative_sheet(book)
        about_sheet(book)
    book.close(buf, tmp, data, cells=engine == "cells")
