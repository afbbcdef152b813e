"""The two tables-and-charts sheets of the report: 汇总 (Summary) and 分类统计 (Breakdown)."""

from __future__ import annotations

import math

import numpy as np

from jiekun.model.labels import rules_line
from jiekun.report.book import Book
from jiekun.report.household import members_table
from jiekun.report.survey import shown_groups, status_table, totals_table
from jiekun.xlsx.book import CHART_GRID, CHART_LEGEND, chart_title, text_width, write_share

#: Employers / communities listed by name on 分类统计 (the rest are summed in one row).
TOP_UNITS = 30
#: Summary sheet: the tables take columns A–E, the charts start at column G.
CHART_COL = 6
CHART_COLS = 8
CHART_COL_WIDTH = 9.0
CHART_LAST_COL = CHART_COL + CHART_COLS - 1
CHART_WIDTH = int(CHART_COLS * (CHART_COL_WIDTH * 7 + 5)) - 24  # px, inside the chart columns
CHART_HEIGHT = 240  # px of a column chart
CHART_GAP = 16  # px between charts
TOP = 5  # the row the tables and charts start at
SERIES_COLOURS = ("#ED7D31", "#C00000")


# ------------------------------------------------------------------ 汇总


def summary_sheet(book: Book) -> None:
    """汇总: title, date, source, rules; totals; the survey table; causes; reconciliation; charts."""
    tx, t, lang = book.tx, book.tally, book.lang
    ws = book.wb.add_worksheet(tx["summary"])
    hl, el = book.hardship_label(), book.extreme_label()
    survey = {dim: t.rows(dim, lang) for dim in ("age_gender", "education", "cause")}
    inner = el.lower() if tx["inner_case"] == "lower" else el
    tiers = [
        tx["excluding"].format(label=book.rules.tier_label(i, lang), first=inner)
        for i in range(1, len(t.rules.tiers))
    ]
    labels = [tx["workers"], hl, tx["of_which"] + el, *tiers, tx["by_age_gender"], tx["by_education"]]
    labels += [r["label"] for rows in survey.values() for r in rows]
    ws.set_column(0, 0, min(40.0, max(22.0, max(text_width(s) for s in labels) * 1.1 + 6)))
    ws.set_column(1, 4, 13)
    ws.set_column(5, 5, 2)
    ws.set_column(CHART_COL, CHART_LAST_COL, CHART_COL_WIDTH)
    ws.set_row(0, 30)
    ws.merge_range(0, 0, 0, CHART_LAST_COL, book.title, book.fmt("title"))
    sub = book.fmt("subtitle")
    ws.write_string(1, 0, tx["as_of"].format(date=t.as_of.isoformat()), sub)
    line = tx["source_sheet"] if t.sheet else tx["source"]
    ws.write_string(2, 0, line.format(source=t.source or str(book.roster.path), sheet=t.sheet), sub)
    ws.write_string(3, 0, tx["rules"].format(rules=rules_line(t.rules, lang)), sub)

    lbl, ind, deep = book.fmt("label"), book.fmt("label_indent"), book.fmt("label_indent", indent=3)
    totals = [(tx["workers"], t.workers, lbl), (hl, t.hardship, lbl), (tx["of_which"] + el, t.tiers[0], ind)]
    totals += [(label, t.tiers[i], deep) for i, label in enumerate(tiers, 1)]
    totals += [(tx["not_hardship"], t.not_hardship, lbl), (tx["undetermined"], t.undetermined, lbl)]
    ws.set_row(TOP, 30)
    heads = (tx["item"], tx["people"], tx["share_of_workers"])
    r = totals_table(book, ws, TOP, heads, totals, t.workers)

    # the survey table: age–gender and education × hardship/extreme
    r += 2
    ws.write_string(r, 0, tx["survey_title"], book.fmt("heading"))
    sections = shown_groups(survey, {"age_gender": tx["by_age_gender"], "education": tx["by_education"]})
    r, ranges = status_table(book, ws, r + 1, t, _heads(book, tx["group"], tx["count"]), sections,
                             per_cent_total=True)  # fmt: skip
    ws.write_string(r + 1, 0, tx["share_note"], book.fmt("note"))
    ranges = dict(zip(("age_gender", "education"), ranges, strict=True))
    r = _causes(book, ws, r + 3, survey["cause"], ranges)
    _reconciliation(book, ws, r + 2)
    at = _charts(book, ws, ranges)
    book.page(ws, landscape=True, tall=1)
    ws.print_area(0, 0, max(r + 3, at), CHART_LAST_COL)
    ws.center_horizontally()
    ws.hide_gridlines(2)


def _heads(book: Book, head: str, unit: str) -> tuple[str, str, str, str, str, str]:
    """The heads of :func:`status_table`: row head, hardship, extreme, unit, share, total."""
    tx = book.tx
    return (head, book.hardship_label(), book.extreme_label(), unit, tx["share"], tx["total"])


def _causes(book: Book, ws, r: int, causes: list[dict], ranges: dict) -> int:
    """The causes, counted per cause (adds its rows to ``ranges``); returns the last row written."""
    tx = book.tx
    ws.write_string(r, 0, tx["causes_title"], book.fmt("heading"))
    shown = [x for x in causes if x["hardship"] or x["extreme"]]
    if shown:
        heads = _heads(book, tx["cause"], tx["times"])
        r, (ranges["cause"],) = status_table(book, ws, r + 1, book.tally, heads, [(None, shown)])
        ws.write_string(r + 1, 0, tx["cause_note"], book.fmt("note"))
        return r + 1
    ws.write_string(r + 1, 0, tx["no_causes"] if "cause" not in book.roster.fields else "—", book.fmt("note"))
    return r + 1


def _reconciliation(book: Book, ws, r: int) -> None:
    """The row reconciliation and the problem count, on rows ``r`` and ``r + 1``."""
    tx, t = book.tx, book.tally
    ok = t.rows_read == t.workers + t.duplicates + t.non_worker_rows
    recon = tx["recon"].format(rows=t.rows_read, workers=t.workers, dups=t.duplicates, non=t.non_worker_rows)
    recon = ("✓ " if ok else "✗ ") + recon + tx["recon_ok" if ok else "recon_bad"]
    ws.write_string(r, 0, recon, book.fmt("ok" if ok else "bad"))
    e, w = t.problems["error"], t.problems["warning"]
    problems = tx["problem_line" if e or w else "problem_none"].format(e=e, w=w, sheet=tx["problems"])
    ws.write_string(r + 1, 0, problems, book.fmt("bad" if e else "subtitle"))


def _charts(book: Book, ws, ranges: dict[str, tuple[int, int]]) -> int:
    """Native charts, stacked to the right of the tables; returns the row below the last."""
    tx, name = book.tx, book.tx["summary"]
    y = 0  # px below the top of row TOP: the charts are stacked by pixels, whatever the row heights
    for dim, title, kind in (
        ("age_gender", "chart_age_gender", "column"),
        ("education", "chart_education", "column"),
        ("cause", "chart_causes", "bar"),
    ):
        if dim not in ranges:
            continue
        a, b = ranges[dim]
        chart = book.wb.add_chart({"type": kind})
        for col, label, colour in zip(
            (1, 3), (book.hardship_label(), book.extreme_label()), SERIES_COLOURS, strict=True
        ):
            chart.add_series(
                {
                    "name": label,
                    "categories": [name, a, 0, b, 0],
                    "values": [name, a, col, b, col],
                    "fill": {"color": colour},
                    "border": {"none": True},
                    "data_labels": {"value": True, "font": {"size": 8}},
                    "gap": 60,
                }
            )
        chart.set_title(chart_title(tx[title]))
        chart.set_legend(CHART_LEGEND)
        categories = {"num_font": {"size": 9}, "major_gridlines": {"visible": False}}
        values = {"num_font": {"size": 8}, "major_gridlines": CHART_GRID}
        if kind == "bar":  # horizontal: categories on the y axis, first cause on top
            chart.set_y_axis({**categories, "reverse": True})
            chart.set_x_axis(values)
        else:
            chart.set_x_axis(categories)
            chart.set_y_axis(values)
        # a bar per cause needs room: the causes chart grows with their number
        height = CHART_HEIGHT if kind == "column" else max(CHART_HEIGHT, min(460, 100 + 28 * (b - a + 1)))
        chart.set_size({"width": CHART_WIDTH, "height": height})
        ws.insert_chart(TOP, CHART_COL, chart, {"x_offset": 0, "y_offset": y, "object_position": 2})
        y += height + CHART_GAP
    return TOP + math.ceil(y / 20)


# ------------------------------------------------------------------ 分类统计


def _unit_rows(book: Book, dim: str) -> list[tuple[str, int, int, int]]:
    """(label, workers, hardship, extreme) of the top employers/communities, the rest, the blanks."""
    t, tx = book.tally, book.tx
    c = t.dims[dim]
    statuses = ("workers", "hardship", "extreme")
    keys = {k for k, _ in c}
    ranked = sorted(keys, key=lambda k: (-c[(k, "hardship")], -c[(k, "workers")], k))
    out = [(k, *(c[(k, s)] for s in statuses)) for k in ranked[:TOP_UNITS]]
    rest = ranked[TOP_UNITS:]
    if rest:
        out.append((tx["rest"].format(n=len(rest)), *(sum(c[(k, s)] for k in rest) for s in statuses)))
    whole = {"workers": t.workers, "hardship": t.hardship, "extreme": t.extreme}
    blank = [whole[s] - sum(c[(k, s)] for k in keys) for s in statuses]
    if any(blank):
        out.append((tx["blank_value"], *blank))
    return out


class _Pager:
    """Manual page breaks that keep each table of a printed sheet on one page where it fits.

    Heights are in points; ``capacity`` is what one page holds at the print scale.
    """

    def __init__(self, capacity: float):
        self.capacity = capacity
        self.used = 0.0
        self.breaks: list[int] = []

    def keep(self, row: int, height: float) -> None:
        """A block of ``height`` points starts at ``row``: break before it if it would straddle."""
        if self.used and self.used + height > self.capacity and height <= self.capacity:
            self.breaks.append(row)
            self.used = 0.0
        self.used += height


def _landscape_capacity(widths: list[float], repeated: float) -> float:
    """Points of rows one landscape A4 page holds when a sheet of these column widths is fit to width."""
    page_px = (297 - 2 * 12.7) / 25.4 * 96
    content_px = sum(w * 7 + 5 for w in widths)
    scale = min(1.0, page_px / content_px)
    page_pt = 595 - 2 * 0.6 * 72 - repeated
    return page_pt / scale


def _two_lines(label: str) -> str:
    """A long header on two lines, before its bracket: 困难职工\n（含特困）."""
    return label.replace("（", "\n（", 1) if "（" in label else label.replace(" (", "\n(", 1)


def breakdown_sheet(book: Book) -> None:
    """分类统计: causes, employers, communities, age band × gender — one table per section."""
    tx, t = book.tx, book.tally
    ws = book.wb.add_worksheet(tx["breakdown"])
    numbers = iter(tx["numbering"])

    def numbered(title: str) -> str:
        return tx["numbered"].format(n=next(numbers), title=title)

    # what the sheet holds, first: the widths decide the print scale, the scale the page breaks
    sections = _breakdown_sections(book, numbered)
    labels = [tx["age_band"], tx["cause"], *(x[0] for s in sections for x in s[2])]
    widths = [min(40.0, max(16.0, max(text_width(s) for s in labels) * 1.1 + 3)), *[11.0] * 12]
    gender_groups = 3 + any(k.startswith("unknown_") for k, _ in t.dims["age_band"])
    pager = _Pager(_landscape_capacity(widths[: 1 + 3 * gender_groups], repeated=26 + 15))

    ws.set_row(0, 26)
    ws.merge_range(0, 0, 0, 9, tx["breakdown_title"].format(stem=book.stem), book.fmt("title"))
    sub = (
        tx["as_of"].format(date=t.as_of.isoformat())
        + "    "
        + tx["rules"].format(rules=rules_line(t.rules, book.lang))
    )
    ws.write_string(1, 0, sub, book.fmt("subtitle"))
    r = 3
    for i, section in enumerate(sections):
        r = _unit_table(book, ws, r, section, pager)
        if i == 0 and getattr(
            book.result.classified, "household", None
        ):  # beside the causes (docs/household.md)
            pager.keep(r, 15 * 7)
            r = members_table(book, ws, r)
    _age_band_table(book, ws, r, numbered(tx["by_age_band"]), pager)

    ws.set_column(0, 0, widths[0])
    ws.set_column(1, 12, widths[1])
    book.page(ws, landscape=True, repeat=(0, 1))
    if pager.breaks:
        ws.set_h_pagebreaks(pager.breaks)


def _breakdown_sections(book: Book, numbered) -> list[tuple]:
    """(title, row head or None, rows, with a rate column, unit line) of each table of 分类统计."""
    tx, t, lang, fields = book.tx, book.tally, book.lang, book.roster.fields
    sections = []
    if "cause" in fields:
        c = t.dims["cause"]
        rows = [
            (x["label"], c[(x["key"], "workers")], x["hardship"], x["extreme"])
            for x in t.rows("cause", lang)
            if c[(x["key"], "workers")] or x["hardship"]
        ]
        unit = tx["unit_line"].format(unit=tx["times"].lower())
        sections.append((numbered(tx["by_cause"]), tx["cause"], rows, False, unit))
    else:
        sections.append((numbered(tx["by_cause"]), None, [], False, ""))
    for dim, key in (("employer", "by_employer"), ("community", "by_community")):
        if dim in fields:
            sections.append((numbered(tx[key].format(n=TOP_UNITS)), tx[dim], _unit_rows(book, dim), True, ""))
    return sections


def _unit_table(book: Book, ws, r: int, section: tuple, pager: _Pager) -> int:
    """One table of 分类统计 from row ``r``: rows of workers, hardship, extreme (and rate), a total.

    Returns the row the next table starts at.
    """
    tx = book.tx
    title, head, rows, rate, unit = section
    heading = book.fmt("heading")
    if head is None:
        ws.write_string(r, 0, title, heading)
        ws.write_string(r + 1, 0, tx["no_column"].format(what=tx["cause"]), book.fmt("note"))
        pager.keep(r, 45)
        return r + 3
    h, lbl, num, pct, dash = (book.fmt(k) for k in ("h", "label", "int", "pct", "dash"))
    tl, ti, tp = book.fmt("total_label"), book.fmt("total_int"), book.fmt("total_pct")
    hl, el = _two_lines(book.hardship_label()), book.extreme_label()
    header_h = 45 if unit or "\n" in hl else 30
    pager.keep(r, 15 * (len(rows) + 3) + header_h)
    ws.write_string(r, 0, title, heading)
    r += 1
    heads = [head, tx["all_workers"] + unit, hl + unit, el + unit] + ([tx["rate"]] if rate else [])
    for col, text in enumerate(heads):
        ws.write_string(r, col, text, h)
    ws.set_row(r, header_h)
    tot = [0, 0, 0]
    for label, w, hh, e in rows:
        r += 1
        ws.write_string(r, 0, label, lbl)
        for col, n in enumerate((w, hh, e), 1):
            ws.write_number(r, col, n, num)
        if rate:
            write_share(ws, r, 4, hh, w, pct, dash)
        tot = [tot[0] + w, tot[1] + hh, tot[2] + e]
    r += 1
    ws.write_string(r, 0, tx["total"], tl)
    for col, n in enumerate(tot, 1):
        ws.write_number(r, col, n, ti)
    if rate:
        write_share(ws, r, 4, tot[1], tot[0], tp, tl)
    return r + 2


def _age_unknown_counts(book: Book, genders: tuple[str, ...], statuses: tuple[str, ...]) -> dict:
    """The row of workers of unknown age: the tally keeps no gender split for it, so count
    it from the classified rows."""
    from jiekun.model.row_kinds import WORKER

    f = book.result.classified.frame
    w = f[(f["kind"] == WORKER).to_numpy() & f["age"].isna().to_numpy()]
    tier = w["tier"].to_numpy()
    status = {
        "workers": np.ones(len(w), dtype=bool),
        "hardship": (tier >= 0) & (tier < len(book.rules.tiers)),
        "extreme": tier == 0,
    }
    male = w["male"]
    sex = {
        "male": male.eq(True).fillna(False).to_numpy(dtype=bool),
        "female": male.eq(False).fillna(False).to_numpy(dtype=bool),
        "unknown": male.isna().to_numpy(dtype=bool),
    }
    return {(g, s): int((sex[g] & status[s]).sum()) for g in genders for s in statuses}


def _age_band_table(book: Book, ws, r: int, title: str, pager: _Pager) -> None:
    """Age band (rows) × gender (column groups of workers, hardship, extreme), with totals."""
    from jiekun.model.tallies import AGE_BANDS

    tx, t = book.tx, book.tally
    c = t.dims["age_band"]
    h, lbl, num = book.fmt("h"), book.fmt("label"), book.fmt("int")
    statuses = ("workers", "hardship", "extreme")
    all_genders = ("male", "female", "unknown")
    counts = {tx[f"band_{b[2]}"]: {(g, s): c[(f"{g}_{b[2]}", s)] for g in all_genders for s in statuses}
              for b in AGE_BANDS}  # fmt: skip
    if c[("unknown", "workers")]:
        counts[tx["age_unknown"]] = _age_unknown_counts(book, all_genders, statuses)
    genders = [
        g for g in all_genders if g != "unknown" or any(v[("unknown", "workers")] for v in counts.values())
    ]
    gender_label = {"male": tx["male"], "female": tx["female"], "unknown": tx["gender_unknown"]}

    pager.keep(r, 15 * (len(counts) + 3) + 45)
    ws.write_string(r, 0, title, book.fmt("heading"))
    r += 1
    ws.merge_range(r, 0, r + 1, 0, tx["age_band"], h)
    for i, g in enumerate([*genders, "total"]):
        col = 1 + 3 * i
        ws.merge_range(r, col, r, col + 2, gender_label.get(g, tx["total"]), h)
        for j, head in enumerate(
            (tx["all_workers"], _two_lines(book.hardship_label()), book.extreme_label())
        ):
            ws.write_string(r + 1, col + j, head, h)
    ws.set_row(r + 1, 45)
    r += 1
    totals = np.zeros(3 * (len(genders) + 1), dtype=np.int64)
    for label, v in counts.items():
        vals = [v[(g, s)] for g in genders for s in statuses]
        vals += [sum(v[(g, s)] for g in all_genders) for s in statuses]
        r += 1
        ws.write_string(r, 0, label, lbl)
        for j, n in enumerate(vals):
            ws.write_number(r, 1 + j, n, num)
        totals += np.array(vals, dtype=np.int64)
    r += 1
    ws.write_string(r, 0, tx["total"], book.fmt("total_label"))
    for j, n in enumerate(totals.tolist()):
        ws.write_number(r, 1 + j, n, book.fmt("total_int"))
