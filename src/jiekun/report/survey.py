"""The survey tables, drawn the same way on the report's 汇总 sheet and on each trend month sheet.

- :func:`totals_table`: item, people, share of workers (workers, hardship, tiers…).
- :func:`status_table`: groups × (hardship count and share, extreme count and share).
"""

from __future__ import annotations

from collections.abc import Sequence

from jiekun.model.tallies import Tally
from jiekun.xlsx.book import Kit, write_share


def totals_table(
    kit: Kit, ws, r: int, heads: Sequence[str], rows, workers: int, *, dash: str = "dash"
) -> int:
    """The header ``heads`` at row ``r``, then (label, count, label format) rows with their share of
    ``workers``; returns the last row written."""
    h, num, pct, dash_f = kit.fmt("h"), kit.fmt("int"), kit.fmt("pct"), kit.fmt(dash)
    for c, head in enumerate(heads):
        ws.write_string(r, c, head, h)
    for label, n, f in rows:
        r += 1
        ws.write_string(r, 0, label, f)
        ws.write_number(r, 1, n, num)
        write_share(ws, r, 2, n, workers, pct, dash_f)
    return r


def status_table(
    kit: Kit,
    ws,
    r: int,
    t: Tally,
    heads: tuple[str, str, str, str, str, str],
    sections,
    *,
    per_cent_total: bool = False,
    dash: str = "dash",
):
    """Rows of (label, hardship count and share, extreme count and share) under a two-row header.

    ``heads`` are (row head, hardship label, extreme label, unit, share, total); ``sections`` a
    list of (section title or None, rows of ``Tally.rows``). Shares are of the hardship and
    extreme totals. With ``per_cent_total`` the sections each split the same people, so the
    total row is theirs, with 100 % shares. Returns the last row written and each section's
    (first, last) rows.
    """
    head, hl, el, unit, share, total = heads
    h, ind, num, pct, dash_f = (kit.fmt(k) for k in ("h", "label_indent", "int", "pct", dash))
    ws.set_row(r, 30)
    ws.merge_range(r, 0, r + 1, 0, head, h)
    ws.merge_range(r, 1, r, 2, hl, h)
    ws.merge_range(r, 3, r, 4, el, h)
    for c, key in enumerate((unit, share, unit, share), 1):
        ws.write_string(r + 1, c, key, h)
    r += 1
    ranges, tot = [], [0, 0]
    for title, rows in sections:
        if title is not None:
            r += 1
            ws.merge_range(r, 0, r, 4, title, kit.fmt("section"))
        first = r + 1
        for x in rows:
            r += 1
            ws.write_string(r, 0, x["label"], ind)
            ws.write_number(r, 1, x["hardship"], num)
            write_share(ws, r, 2, x["hardship"], t.hardship, pct, dash_f)
            ws.write_number(r, 3, x["extreme"], num)
            write_share(ws, r, 4, x["extreme"], t.extreme, pct, dash_f)
        ranges.append((first, r))
        tot = [tot[0] + sum(x["hardship"] for x in rows), tot[1] + sum(x["extreme"] for x in rows)]
    if per_cent_total:
        tot = [t.hardship, t.extreme]
    r += 1
    tl, ti, tp = kit.fmt("total_label"), kit.fmt("total_int"), kit.fmt("total_pct")
    ws.write_string(r, 0, total, tl)
    ws.write_number(r, 1, tot[0], ti)
    ws.write_number(r, 3, tot[1], ti)
    for c, n, d in ((2, tot[0], t.hardship), (4, tot[1], t.extreme)):
        if per_cent_total:
            write_share(ws, r, c, n, d, tp, tl)
        else:
            ws.write_blank(r, c, None, tl)
    return r, ranges


def shown_groups(survey: dict[str, list[dict]], titles: dict[str, str]) -> list[tuple[str, list[dict]]]:
    """The age–gender and education sections of the survey table; the unknown row only when it counts."""
    return [
        (titles[dim], [x for x in survey[dim] if x["key"] != "unknown" or x["hardship"] or x["extreme"]])
        for dim in ("age_gender", "education")
    ]
