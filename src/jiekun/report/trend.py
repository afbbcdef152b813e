"""The trend workbook of ``jiekun batch`` and ``jiekun compare``.

Sheets, in order (English names with ``lang="en"``):

- 月度趋势 Trend (对比汇总 Comparison for ``compare``): one row per month:
  workers, hardship, extreme, shares, undetermined, data errors, and the flows
  in from the month before; a native line chart of hardship and extreme over
  time and a stacked column chart of the flows (in-flows up, out-flows down).
- one sheet per month (named by the month, e.g. ``2025-03``): that month's
  survey table, as on the classify report's 汇总 sheet.
- 流动明细 Flows: one row per worker per flow (month, flow, name, ID, employer,
  per-capita before and after, tier before and after, the Excel rows, why a
  worker could not be tracked), with an autofilter; continues on 流动明细(2)…
  past Excel's row limit.
- 说明 About: the files read with their SHA-256 and row reconciliation, the
  rules, the as-of rule, the flow definitions, warnings.

Written with XlsxWriter, the rows of 流动明细 spliced in by :mod:`jiekun.xlsx.rows`
(inline strings, one Arrow buffer per chunk of rows), to a temporary file renamed
into place (:func:`jiekun.io.output.write_via_temp`); every roster value is text,
so nothing in a roster becomes a formula. See docs/flows.md.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from jiekun.report.trend_about import about_sheet
from jiekun.report.trend_book import TrendBook
from jiekun.report.trend_flows import flow_sheets
from jiekun.report.trend_month import month_sheet
from jiekun.report.trend_relapse import relapse_sheet
from jiekun.report.trend_sheet import trend_sheet
from jiekun.text.trend import WORDS as TEXT
from jiekun.xlsx.book import check_lang, open_workbook

if TYPE_CHECKING:
    from jiekun.model.flows import Series

__all__ = ["default_compare_path", "default_trend_path", "write_trend_report"]


def default_trend_path(paths: list[str | Path]) -> Path:
    """``<folder name>-trend.xlsx`` in the current folder.

    The folder is the one given, or the one holding all the files given; files
    from several folders give ``batch-trend.xlsx``.
    """
    folders = {(Path(p) if Path(p).is_dir() else Path(p).parent).resolve() for p in paths}
    name = next(iter(folders)).name if len(folders) == 1 else ""
    return Path.cwd() / f"{name or 'batch'}-trend.xlsx"


def default_compare_path() -> Path:
    """``compare-report.xlsx`` in the current folder."""
    return Path.cwd() / "compare-report.xlsx"


def write_trend_report(
    series: Series,
    path: str | Path,
    *,
    lang: str = "zh",
    mask_ids: bool = False,
    force: bool = False,
) -> Path:
    """Write the trend workbook of a series (or of a compare); returns the path written.

    Refuses to write over an input roster (even with ``force``) or over an
    existing file without ``force`` (``OutputError``), and writes through a
    temporary file, so a failure leaves no partial workbook.

    >>> write_trend_report(batch(["samples/monthly"]), "monthly-trend.xlsx")  # doctest: +SKIP
    """
    from jiekun.io.output import check_target, write_via_temp

    check_lang(lang)
    out = Path(path)
    check_target(out, force=force, inputs=tuple(m.path for m in series.months))
    write_via_temp(out, lambda tmp: _write(series, tmp, lang, mask_ids))
    return out


def _write(series: Series, tmp: Path, lang: str, mask: bool, engine: str = "fast") -> None:
    """Write the workbook to ``tmp``; ``engine="cells"`` writes the long sheets cell by cell (tests)."""
    tx = TEXT[lang]
    first, last = series.months[0].label, series.months[-1].label
    title = tx["title_compare" if series.kind == "compare" else "title_batch"].format(first=first, last=last)
    buf = io.BytesIO()
    wb = open_workbook(buf, title, font=series.rules.font)
    book = TrendBook(wb, series, lang, mask)
    trend_sheet(book, title)
    for m, name in zip(series.months, book.month_sheets, strict=True):
        month_sheet(book, m, name)
    data = flow_sheets(book)
    if series.kind == "batch":
        data += relapse_sheet(book)
    about_sheet(book)
    book.close(buf, tmp, data, cells=engine == "cells")
