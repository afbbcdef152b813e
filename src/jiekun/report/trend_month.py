"""One sheet per month of the trend workbook: that month's survey table, causes and flows."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from jiekun.model.flows import WATCH, flow_label
from jiekun.report.survey import shown_groups, status_table, totals_table
from jiekun.report.trend_book import TrendBook
from jiekun.xlsx.book import text_width

if TYPE_CHECKING:
    from jiekun.model.flows import Month


def month_sheet(book: TrendBook, m: Month, name: str) -> None:
    """Title, date, source, rules; totals; the survey table; causes; flows in; reconciliation."""
    tx, t, lang, rules = book.tx, m.tally, book.lang, book.rules
    ws = book.wb.add_worksheet(name)
    hl, el = book.hardship_label(), rules.tier_label(0, lang)
    survey = {dim: t.rows(dim, lang) for dim in ("age_gender", "education", "cause")}
    labels = [tx["workers"], hl, tx["not_hardship"], tx["undetermined"], tx["by_age_gender"], tx["total"]]
    labels += [r["label"] for rows in survey.values() for r in rows]
    ws.set_column(0, 0, min(40.0, max(22.0, max(text_width(x) for x in labels) + 4)))
    ws.set_column(1, 4, 12)
    ws.set_row(0, 28)
    ws.merge_range(0, 0, 0, 4, tx["month_title"].format(label=m.label), book.fmt("title"))
    sub = book.fmt("subtitle")
    ws.write_string(1, 0, tx["as_of"].format(date=m.as_of.isoformat()), sub)
    src = tx["source_sheet" if m.sheet else "source"].format(source=m.source, sheet=m.sheet)
    ws.write_string(2, 0, src, sub)
    ws.write_string(3, 0, tx["rules"].format(rules=book.rules_line()), sub)

    lbl, ind = book.fmt("label"), book.fmt("label_indent")
    totals = [(tx["workers"], t.workers, lbl), (hl, t.hardship, lbl)]
    for i in range(len(rules.tiers)):
        prefix = tx["of_which"] if i == 0 else tx["tier_indent"]
        totals.append((prefix + rules.tier_label(i, lang), t.tiers[i], ind))
    totals += [(tx["not_hardship"], t.not_hardship, lbl), (tx["undetermined"], t.undetermined, lbl)]
    heads = (tx["item"], tx["people"], tx["share_of_workers"])
    r = totals_table(book, ws, 5, heads, totals, t.workers, dash="dash_c")

    r += 2
    ws.write_string(r, 0, tx["survey_title"], book.fmt("heading"))
    sections = shown_groups(survey, {"age_gender": tx["by_age_gender"], "education": tx["by_education"]})
    heads = (tx["group"], hl, el, tx["count"], tx["share_col"], tx["total"])
    r, _ = status_table(book, ws, r + 1, t, heads, sections, per_cent_total=True, dash="dash_c")
    r += 1
    ws.write_string(r, 0, tx["share_note"], book.fmt("note"))
    if "cause" in m.fields:
        r = _causes(book, ws, r + 2, survey["cause"])
    flow = next((f for f in book.series.flows if f.target == m.label), None)
    if flow is not None:
        r = _flows_in(book, ws, r + 2, flow)
    r = _reconciliation(book, ws, r + 2, m)
    book.page(ws, landscape=False, tall=1)
    ws.print_area(0, 0, r, 4)
    ws.center_horizontally()
    ws.hide_gridlines(2)


def _causes(book: TrendBook, ws, r: int, causes: list[dict]) -> int:
    """致困原因 from row ``r``: mentions by hardship and extreme workers; returns the last row."""
    tx = book.tx
    h, lbl, num = book.fmt("h"), book.fmt("label"), book.fmt("int")
    tl, ti = book.fmt("total_label"), book.fmt("total_int")
    shown = [row for row in causes if row["hardship"] or row["extreme"]]
    ws.write_string(r, 0, tx["causes_title"], book.fmt("heading"))
    r += 1
    ws.write_string(r, 0, tx["cause"], h)
    ws.write_string(r, 1, f"{book.hardship_label()}\n{tx['times']}", h)
    ws.write_string(r, 2, f"{book.rules.tier_label(0, book.lang)}\n{tx['times']}", h)
    ws.set_row(r, 46)
    for row in shown:
        r += 1
        ws.write_string(r, 0, row["label"], lbl)
        ws.write_number(r, 1, row["hardship"], num)
        ws.write_number(r, 2, row["extreme"], num)
    r += 1
    ws.write_string(r, 0, tx["total"], tl)
    ws.write_number(r, 1, sum(x["hardship"] for x in shown), ti)
    ws.write_number(r, 2, sum(x["extreme"] for x in shown), ti)
    return r


def _flows_in(book: TrendBook, ws, r: int, flow) -> int:
    """The flows from the roster before, from row ``r``; returns the last row."""
    tx, lang = book.tx, book.lang
    h, lbl, ind, num = book.fmt("h"), book.fmt("label"), book.fmt("label_indent"), book.fmt("int")
    ws.write_string(r, 0, tx["month_flows"].format(before=flow.source), book.fmt("heading"))
    r += 1
    ws.write_string(r, 0, tx["d_flow"], h)
    ws.write_string(r, 1, tx["people"], h)
    for k in book.series.flow_keys:
        r += 1
        part = k in ("worsened", "eased", WATCH)
        ws.write_string(
            r, 0, flow_label(k, lang) + (tx["part_of_stayed"] if part else ""), ind if part else lbl
        )
        ws.write_number(r, 1, flow.counts[k], num)
    return r


def _reconciliation(book: TrendBook, ws, r: int, m: Month) -> int:
    """The row check and the problem count on rows ``r`` and ``r + 1``; returns the last row."""
    tx, t = book.tx, m.tally
    ok = m.reconciled
    recon = tx["recon"].format(rows=t.rows_read, workers=t.workers, dups=t.duplicates, non=t.non_worker_rows)
    text = ("✓ " if ok else "✗ ") + recon + tx["recon_ok" if ok else "recon_bad"]
    ws.merge_range(r, 0, r, 4, text, book.fmt("ok" if ok else "bad", text_wrap=True, valign="top"))
    ws.set_row(r, 15 * math.ceil(text_width(text) / 78 + 0.1))
    r += 1
    e, w = t.problems["error"], t.problems["warning"]
    line = tx["problem_line"].format(e=e, w=w, file=m.source)
    ws.merge_range(r, 0, r, 4, line, book.fmt("bad" if e else "subtitle", text_wrap=True, valign="top"))
    ws.set_row(r, 15 * math.ceil(text_width(line) / 78 + 0.1))
    return r
