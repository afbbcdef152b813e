"""The workbook of ``jiekun assist``: 汇总 (with charts), 按类别, 按月份, 覆盖情况, 帮扶空白名单,
待核实, 台账明细, 说明.

English sheet names with ``lang="en"``. The three list sheets' rows are spliced in after
the workbook is written (:mod:`jiekun.xlsx.rows`), so ledger and roster text is only ever
written as text cells. Amounts are computed in fen and written as yuan. See docs/assist.md.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from jiekun.io.output import check_workbook, default_output, write_via_temp
from jiekun.model.assist_result import AUDIT_KEYS, AssistResult
from jiekun.report import assist_sheets as S
from jiekun.report.assist_book import INT, LABEL, MONEY, SHARE, AssistBook, period_text
from jiekun.text import words
from jiekun.xlsx.book import (
    CHART_GRID,
    CHART_LEGEND,
    chart_title,
    check_lang,
    open_workbook,
    wrapped_lines,
)

__all__ = ["AssistBook", "check_output", "default_assist_path", "write_assist"]


def default_assist_path(ledger_path: str | Path) -> Path:
    """``<ledger stem>-assist.xlsx`` in the current folder."""
    return default_output(ledger_path, "assist")


def check_output(out: Path, *, force: bool, inputs: Sequence[Path]) -> None:
    """Refuse an output that is not .xlsx, is an input, or exists without ``force`` (``OutputError``)."""
    check_workbook(out, force=force, inputs=inputs, area="assist")


def write_assist(
    result: AssistResult, path: str | Path, *, lang: str = "zh", mask_ids: bool = False, force: bool = False
) -> Path:
    """Write the assistance workbook; returns the path written (temporary file, then renamed)."""
    check_lang(lang)
    out = Path(path)
    inputs = [Path(result.source)]
    if result.roster_source:
        inputs.append(Path(result.roster_source))
    check_output(out, force=force, inputs=inputs)
    write_via_temp(out, lambda tmp: _write_book(result, tmp, lang, mask_ids))
    return out


def _write_book(r: AssistResult, tmp: Path, lang: str, mask: bool) -> None:
    buf = io.BytesIO()
    wb = open_workbook(buf, words("assist", lang)["book"]["title"], font=r.rules.font if r.rules else None)
    book = AssistBook(wb, r, lang, mask)
    summary_sheet(book)
    for part in (
        S.kind_sheet,
        S.month_sheet,
        S.coverage_sheet,
        S.uncovered_sheet,
        S.check_sheet,
        S.detail_sheet,
    ):
        part(book)
    S.about_sheet(book)
    book.close(buf, tmp, book.data)


def figures(book: AssistBook) -> list[tuple[str, object, str]]:
    """The key figures: (label, value, kind), the roster's only with a roster."""
    r, f = book.r, book.w["figure"]
    out = [
        (f["rows_read"], r.rows_read, INT),
        (f["non_act_rows"], r.non_act_rows, INT),
        (f["acts"], r.acts, INT),
        (f["people"], r.people, INT),
        (f["no_valid_id"], r.no_valid_id, INT),
        (f["amount"], r.fen, MONEY),
    ]
    if (c := r.coverage) is not None:
        out += [(f["hardship"], c.hardship, INT), (f["covered"], c.covered, INT),
                (f["uncovered"], c.uncovered, INT), (f["coverage"], (c.covered, c.hardship), SHARE)]  # fmt: skip
    return out


# One function on purpose: it lays out 汇总 from the top down, and the charts refer to its cells.
def summary_sheet(book: AssistBook) -> None:
    """汇总: title, period and sources, key figures, the narrative, by kind, coverage by tier, 待核实, charts."""
    r, tx, f = book.r, book.tx, book.w["figure"]
    ws = book.sheet("summary")
    name = book.w["sheet"]["summary"]
    ws.set_column(0, 0, 36)
    ws.set_column(1, 4, 15)
    ws.set_row(0, 28)
    ws.merge_range(0, 0, 0, 4, tx["title"], book.fmt("title_left"))
    ws.write_string(
        1, 0, tx["subtitle"].format(period=period_text(book), ledger=r.source), book.fmt("subtitle")
    )
    roster_line = (
        tx["subtitle_roster"].format(roster=r.roster_source, as_of=r.as_of.isoformat())
        if r.roster_source and r.as_of
        else tx["no_roster"]
    )
    ws.write_string(2, 0, roster_line, book.fmt("subtitle"))
    ws.write_string(4, 0, tx["item"], book.fmt("h"))
    ws.write_string(4, 1, tx["value"], book.fmt("h"))
    rows = figures(book)
    for i, (label, v, kind) in enumerate(rows):
        book.cell(ws, 5 + i, 0, label, LABEL)
        book.cell(ws, 5 + i, 1, v, kind)
    row = 5 + len(rows)
    text = r.narrative(book.lang)
    ws.merge_range(row + 1, 0, row + 1, 4, text, book.fmt("paragraph"))
    ws.set_row(row + 1, 18 * (wrapped_lines(text, 92) + 0.5))
    row += 3
    kinds = r.by_kind
    kind_top = row
    row = book.table(
        ws, row, (f["kind"], f["acts"], f["people"], f["amount"]),
        [(book.kind_label(k), a, p, fen) for k, a, p, fen in kinds[["kind", "acts", "people", "fen"]].itertuples(index=False)],
        (LABEL, INT, INT, MONEY),
        (tx["total"], r.acts, r.people, r.fen),
    )  # fmt: skip
    _kind_chart(book, ws, name, kind_top, len(kinds))
    row += 1
    if (c := r.coverage) is not None and r.rules is not None:
        tier_top = row
        lines = [(r.rules.tier_label(i, book.lang), h, n, h - n, (n, h)) for i, h, n in c.by_tier]
        row = book.table(
            ws, row, (f["tier"], f["hardship"], f["covered"], f["uncovered"], f["coverage"]), lines,
            (LABEL, INT, INT, INT, SHARE),
            (tx["total_hardship"], c.hardship, c.covered, c.uncovered, (c.covered, c.hardship)),
        )  # fmt: skip
        _tier_chart(book, ws, name, tier_top, len(lines))
        row += 1
    audit = r.audit_counts()
    lines = [(book.w["audit"][k], audit[k]) for k in AUDIT_KEYS if audit[k] is not None]
    row = book.table(ws, row, (tx["audit"], tx["count"]), lines, (LABEL, INT))
    p = r.to_json()["problems"]
    ws.write_string(row + 1, 0, tx["problems"].format(e=p["error"], w=p["warning"]), book.fmt("note"))
    ws.write_string(row + 2, 0, tx["people_note"], book.fmt("note"))
    book.page(ws, landscape=True)
    ws.activate()


def _kind_chart(book: AssistBook, ws, name: str, top: int, n: int) -> None:
    """A bar per kind of help: its 人次."""
    chart = book.wb.add_chart({"type": "bar"})
    chart.add_series(
        {
            "name": book.w["figure"]["acts"],
            "categories": [name, top + 1, 0, top + n, 0],
            "values": [name, top + 1, 1, top + n, 1],
            "fill": {"color": "#4472C4"},
            "data_labels": {"value": True, "font": {"size": 8}},
        }
    )
    chart.set_title(chart_title(book.tx["chart_kind"]))
    chart.set_y_axis({"reverse": True, "num_font": {"size": 9}})
    chart.set_x_axis({"major_gridlines": CHART_GRID, "num_font": {"size": 8}})
    chart.set_legend({"none": True})
    chart.set_size({"width": 520, "height": 380})
    ws.insert_chart(4, 6, chart, {"object_position": 2})


def _tier_chart(book: AssistBook, ws, name: str, top: int, n: int) -> None:
    """Covered and not covered hardship workers of each tier, stacked."""
    chart = book.wb.add_chart({"type": "column", "subtype": "stacked"})
    for col, colour in ((2, "#70AD47"), (3, "#ED7D31")):
        chart.add_series(
            {
                "name": [name, top, col],
                "categories": [name, top + 1, 0, top + n, 0],
                "values": [name, top + 1, col, top + n, col],
                "fill": {"color": colour},
                "data_labels": {"value": True, "font": {"size": 8}},
            }
        )
    chart.set_title(chart_title(book.tx["chart_tier"]))
    chart.set_y_axis({"major_gridlines": CHART_GRID, "num_font": {"size": 8}})
    chart.set_legend(CHART_LEGEND)
    chart.set_size({"width": 520, "height": 300})
    ws.insert_chart(25, 6, chart, {"object_position": 2})
