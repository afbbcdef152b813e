"""月度趋势 (对比汇总 for ``compare``): one row per month, the flows, and two native charts."""

from __future__ import annotations

import math

from jiekun.model.flows import flow_label
from jiekun.report.trend_book import TrendBook, fit, header_width
from jiekun.xlsx.book import CHART_GRID, CHART_LEGEND, chart_title, text_width, write_share

#: Flows drawn in the stacked chart: in-flows above the axis, out-flows below it.
CHART_IN = ("entered", "returned")
CHART_OUT = ("exited", "left_roster")
FLOW_COLOURS = {"entered": "#ED7D31", "returned": "#C00000", "exited": "#70AD47", "left_roster": "#A5A5A5"}
HEAD_ROW = 4  # the first of the table's two header rows
FIRST_DATA = HEAD_ROW + 2


def trend_sheet(book: TrendBook, title: str) -> None:
    """The month table, its note, the chart data beside it and the two charts under it."""
    tx, s, lang = book.tx, book.series, book.lang
    ws = book.wb.add_worksheet(book.names["trend"])
    now_cols = [tx["workers"], book.hardship_label(), tx["share"], book.rules.tier_label(0, lang), tx["share"],
                tx["undetermined"], tx["errors"]]  # fmt: skip
    flow_cols = [flow_label(k, lang) for k in s.flow_keys]
    last_col = len(now_cols) + len(flow_cols) + 1

    ws.set_row(0, 30)
    ws.merge_range(0, 0, 0, last_col, title, book.fmt("title"))
    sub = book.fmt("subtitle")
    if s.kind == "compare":
        line = tx["subtitle_compare"].format(
            old=s.months[0].source, new=s.months[-1].source, as_of=book.as_of_phrase()
        )
    else:
        line = tx["subtitle_batch"].format(n=len(s.months), as_of=book.as_of_phrase())
    ws.write_string(1, 0, line, sub)
    ws.write_string(2, 0, tx["rules"].format(rules=book.rules_line()), sub)
    _header(book, ws, now_cols, flow_cols)
    _month_rows(book, ws, len(now_cols), last_col)
    last_data = FIRST_DATA + len(s.months) - 1
    r = last_data + 1
    ws.write_string(r, 0, tx["trend_note"].format(sheet=book.names["flows"], about=book.names["about"]),
                    book.fmt("note"))  # fmt: skip

    widths = [max(10.0, fit([m.label for m in s.months], tx["month"], hi=30))]
    widths += [header_width(head) for head in now_cols + flow_cols]
    widths.append(6.0)
    for j, wd in enumerate(widths):
        ws.set_column(j, j, wd)
    ws.freeze_panes(FIRST_DATA, 1)
    cd = last_col + 2
    _chart_data(book, ws, cd)
    _charts(book, ws, r + 2, cd, last_data, widths)
    book.page(ws, landscape=True, tall=1)
    ws.print_area(0, 0, r + 2 + 18, last_col)
    ws.center_horizontally()
    ws.hide_gridlines(2)


def _header(book: TrendBook, ws, now_cols: list[str], flow_cols: list[str]) -> None:
    """The two header rows: 当月人数 over the month's figures, the flows, 核对."""
    tx, r0 = book.tx, HEAD_ROW
    h, hf = book.fmt("h"), book.fmt("h_accent")
    last_col = len(now_cols) + len(flow_cols) + 1
    ws.merge_range(r0, 0, r0 + 1, 0, tx["month" if book.series.kind == "batch" else "roster"], h)
    ws.merge_range(r0, 1, r0, len(now_cols), tx["now"], h)
    ws.merge_range(r0, len(now_cols) + 1, r0, len(now_cols) + len(flow_cols), tx["inflow"], hf)
    for j, head in enumerate(now_cols):
        ws.write_string(r0 + 1, 1 + j, head, h)
    for j, head in enumerate(flow_cols):
        ws.write_string(r0 + 1, 1 + len(now_cols) + j, head, hf)
    ws.merge_range(r0, last_col, r0 + 1, last_col, tx["check"], h)
    lines = max(math.ceil(text_width(hd) / (header_width(hd) - 1.5)) for hd in now_cols + flow_cols)
    ws.set_row(r0 + 1, 15 * max(2, lines) + 2)


def _month_rows(book: TrendBook, ws, n_now: int, last_col: int) -> None:
    """A row per month: its figures, the flows from the month before (a dash on the first), ✓/✗."""
    tx, s = book.tx, book.series
    lbl, num, pct, dash = book.fmt("label_c"), book.fmt("int"), book.fmt("pct"), book.fmt("dash_c")
    flows = {f.target: f for f in s.flows}
    for i, m in enumerate(s.months):
        r = FIRST_DATA + i
        t = m.tally
        ws.write_string(r, 0, m.label, lbl)
        ws.write_number(r, 1, t.workers, num)
        ws.write_number(r, 2, t.hardship, num)
        write_share(ws, r, 3, t.hardship, t.workers, pct, dash)
        ws.write_number(r, 4, t.extreme, num)
        write_share(ws, r, 5, t.extreme, t.workers, pct, dash)
        ws.write_number(r, 6, t.undetermined, num)
        ws.write_number(r, 7, t.problems["error"], num)
        f = flows.get(m.label) if i else None
        for j, k in enumerate(s.flow_keys):
            c = 1 + n_now + j
            if f is None:
                ws.write_string(r, c, tx["first_row"], dash)
            else:
                ws.write_number(r, c, f.counts[k], num)
        ok = m.reconciled and (f is None or f.balanced)
        ws.write_string(r, last_col, "✓" if ok else "✗", book.fmt("ok_cell" if ok else "bad_cell"))


def _chart_data(book: TrendBook, ws, cd: int) -> None:
    """The stacked chart's data from column ``cd``: in-flows as they are, out-flows negated (small grey)."""
    tx, lang = book.tx, book.lang
    small = book.fmt("small")
    ws.write_string(HEAD_ROW, cd, tx["chart_data"], small)
    heads = [tx["month"]] + [flow_label(k, lang) for k in CHART_IN]
    heads += [flow_label(k, lang) + tx["out_suffix"] for k in CHART_OUT]
    for j, head in enumerate(heads):
        ws.write_string(HEAD_ROW + 1, cd + j, head, small)
        ws.set_column(cd + j, cd + j, max(8.0, text_width(head) + 1))
    small_int = book.fmt("small_int")
    flows = {f.target: f for f in book.series.flows}
    for i, m in enumerate(book.series.months[1:], 1):  # a row per flow, beside the month it flows into
        rr = FIRST_DATA + i
        ws.write_string(rr, cd, m.label, small)
        f = flows[m.label]
        for j, k in enumerate(CHART_IN + CHART_OUT):
            v = f.counts[k]
            ws.write_number(rr, cd + 1 + j, -v if k in CHART_OUT else v, small_int)


def _charts(book: TrendBook, ws, at: int, cd: int, last_data: int, widths: list[float]) -> None:
    """A line chart of hardship and extreme, and the stacked flows, side by side under the table."""
    tx, name = book.tx, book.names["trend"]
    line = book.wb.add_chart({"type": "line"})
    series = ((2, book.hardship_label(), "#ED7D31"), (4, book.rules.tier_label(0, book.lang), "#C00000"))
    for col, series_name, colour in series:
        line.add_series(
            {
                "name": series_name,
                "categories": [name, FIRST_DATA, 0, last_data, 0],
                "values": [name, FIRST_DATA, col, last_data, col],
                "line": {"color": colour, "width": 2.25},
                "marker": {
                    "type": "circle",
                    "size": 5,
                    "border": {"color": colour},
                    "fill": {"color": colour},
                },
                "data_labels": {"value": True, "position": "above", "font": {"size": 8}},
            }
        )
    line.set_title(chart_title(tx["chart_trend"]))
    line.set_legend(CHART_LEGEND)
    line.set_x_axis({"num_font": {"size": 9}})
    line.set_y_axis({"num_font": {"size": 8}, "min": 0, "major_gridlines": CHART_GRID})

    col = book.wb.add_chart({"type": "column", "subtype": "stacked"})
    for j, k in enumerate(CHART_IN + CHART_OUT):
        col.add_series(
            {
                "name": [name, HEAD_ROW + 1, cd + 1 + j],
                "categories": [name, FIRST_DATA + 1, cd, last_data, cd],
                "values": [name, FIRST_DATA + 1, cd + 1 + j, last_data, cd + 1 + j],
                "fill": {"color": FLOW_COLOURS[k]},
                "border": {"none": True},
                "gap": 60,
                "overlap": 100,
            }
        )
    col.set_title(chart_title(tx["chart_flows"]))
    col.set_legend(CHART_LEGEND)
    col.set_x_axis({"num_font": {"size": 9}, "label_position": "low"})
    col.set_y_axis({"num_font": {"size": 8}, "num_format": "#,##0;#,##0", "major_gridlines": CHART_GRID})
    # the two charts side by side, together as wide as the table (XlsxWriter: 7 px a character + 5)
    table_px = sum(int(wd * 7 + 5) for wd in widths)
    chart_w = max(360, (table_px - 16) // 2)
    line.set_size({"width": chart_w, "height": 330})
    col.set_size({"width": chart_w, "height": 330})
    ws.insert_chart(at, 0, line, {"x_offset": 4, "y_offset": 4, "object_position": 2})
    if book.series.flows:
        ws.insert_chart(at, 0, col, {"x_offset": 12 + chart_w, "y_offset": 4, "object_position": 2})
