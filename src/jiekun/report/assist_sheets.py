"""The sheets of the assistance workbook after 汇总: the tables, the three lists and 说明.

Small tables are written cell by cell through the kit (:class:`jiekun.report.assist.AssistBook`);
the lists (帮扶空白名单, 待核实, 台账明细) are long sheets whose rows are spliced in.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from jiekun.model.assist_result import month_text
from jiekun.model.labels import age_gender_labels, rules_line
from jiekun.report.assist_book import INT, LABEL, MONEY, SHARE, AssistBook, period_text
from jiekun.xlsx.rows import Column

_FIGURES = (INT, INT, MONEY)


def _lines(book: AssistBook, frame: pd.DataFrame, label) -> list[tuple]:
    """(label, acts, people, fen) of each row of a breakdown."""
    cols = frame[[frame.columns[0], "acts", "people", "fen"]].itertuples(index=False)
    return [(label(k), a, p, f) for k, a, p, f in cols]


def kind_sheet(book: AssistBook) -> None:
    """按类别: acts, people and amount (with its share) by kind, then by unit."""
    r, f, tx = book.r, book.w["figure"], book.tx
    ws = book.sheet("by_kind")
    ws.set_column(0, 0, 30)
    ws.set_column(1, 4, 14)
    heads = (f["kind"], f["acts"], f["people"], f["amount"], tx["share"])
    lines = [(*x, (x[3], r.fen)) for x in _lines(book, r.by_kind, book.kind_label)]
    row = book.table(
        ws, 0, heads, lines, (LABEL, *_FIGURES, SHARE), (tx["total"], r.acts, r.people, r.fen, (r.fen, r.fen))
    )
    ws.write_string(row, 0, tx["people_note"], book.fmt("note"))
    row += 2
    ws.write_string(row, 0, tx["by_unit"], book.fmt("heading"))
    unit = lambda u: u or book.w["unit_blank"]  # noqa: E731
    lines = _lines(book, r.by_unit, unit)
    book.table(ws, row + 1, (f["unit"], f["acts"], f["people"], f["amount"]), lines, (LABEL, *_FIGURES),
               (tx["total"], r.acts, r.people, r.fen))  # fmt: skip
    ws.freeze_panes(1, 0)


def month_sheet(book: AssistBook) -> None:
    """按月份: every month of the period, then every quarter."""
    r, f, tx = book.r, book.w["figure"], book.tx
    ws = book.sheet("by_month")
    ws.set_column(0, 0, 18)
    ws.set_column(1, 3, 14)
    heads = (f["month"], f["acts"], f["people"], f["amount"])
    total = (tx["total"], r.acts, r.people, r.fen)
    row = book.table(
        ws, 0, heads, _lines(book, r.by_month, lambda m: month_text(int(m))), (LABEL, *_FIGURES), total
    )
    row += 1
    ql = book.w["quarter_label"]
    label = lambda q: ql.format(year=1970 + int(q) // 4, q=int(q) % 4 + 1)  # noqa: E731
    book.table(
        ws, row, (f["quarter"], *heads[1:]), _lines(book, r.by_quarter, label), (LABEL, *_FIGURES), total
    )
    ws.freeze_panes(1, 0)


def coverage_sheet(book: AssistBook) -> None:
    """覆盖情况: hardship workers helped, by tier (each alone, then 含特困) and by age–gender group."""
    r, f, tx = book.r, book.w["figure"], book.tx
    ws = book.sheet("coverage")
    ws.set_column(0, 0, 26)
    ws.set_column(1, 4, 14)
    c = r.coverage
    if c is None or r.rules is None:
        ws.set_column(0, 0, 100)
        ws.write_string(0, 0, tx["no_roster"], book.fmt("note"))
        return
    heads = (f["hardship"], f["covered"], f["uncovered"], f["coverage"])
    kinds = (LABEL, INT, INT, INT, SHARE)
    total = (tx["total_hardship"], c.hardship, c.covered, c.uncovered, (c.covered, c.hardship))
    ws.write_string(0, 0, tx["by_tier"], book.fmt("heading"))
    lines = [(r.rules.tier_label(i, book.lang), h, n, h - n, (n, h)) for i, h, n in c.by_tier]
    row = book.table(ws, 1, (f["tier"], *heads), lines, kinds, total)
    if c.no_valid_id:
        ws.write_string(row, 0, tx["no_valid_id_note"].format(n=c.no_valid_id), book.fmt("note"))
        row += 1
    row += 1
    ws.write_string(row, 0, tx["by_age_gender"], book.fmt("heading"))
    labels = age_gender_labels(r.rules, book.lang)
    lines = [(labels[k], h, n, h - n, (n, h)) for k, h, n in c.by_age_gender]
    book.table(ws, row + 1, (f["age_gender"], *heads), lines, kinds, total)


def _text(values) -> np.ndarray:
    s = pd.Series(values, dtype=object)
    return s.where(s.notna(), "").astype(str).to_numpy(dtype=object)


def _dates(values) -> np.ndarray:
    """Dates as "2025-03-01" text ('' for none)."""
    d = pd.Series(np.asarray(values, dtype="datetime64[D]"))
    return d.dt.strftime("%Y-%m-%d").fillna("").to_numpy(dtype=object)


def _ints(values) -> np.ndarray:
    x = np.asarray(values, dtype=float)
    return np.where(x >= 0, x, np.nan)


def uncovered_sheet(book: AssistBook) -> None:
    """帮扶空白名单: hardship workers with no help in the period, with tier, employer and phone."""
    r, cols = book.r, book.cols
    if r.coverage is None or r.rules is None:
        ws = book.sheet("uncovered")
        ws.set_column(0, 0, 100)
        ws.write_string(0, 0, book.tx["no_roster"], book.fmt("note"))
        return
    g = r.lists["uncovered"]
    labels = age_gender_labels(r.rules, book.lang)
    tiers = [r.rules.tier_label(int(t), book.lang) for t in g["tier"].tolist()]
    book.list_sheet("uncovered", [
        Column(cols["roster_row"], number=_ints(g["row"]), number_style="int"),
        Column(cols["id"], text=book.ids(g["id"]), text_style="id"),
        Column(cols["name"], text=_text(g["name"])),
        Column(cols["tier"], text=np.asarray(tiers, dtype=object)),
        Column(cols["age_gender"], text=_text(g["age_group"].astype(object).map(labels))),
        Column(cols["employer"], text=_text(g["employer"])),
        Column(cols["phone"], text=_text(g["phone"])),
    ])  # fmt: skip


def check_sheet(book: AssistBook) -> None:
    """待核实: each audit list, then the data problems, one row each with what to check."""
    c = book.r.check_list(book.lang)
    flags = {**book.w["audit"], "problem": book.tx["problem_flag"]}
    cols = book.cols
    book.list_sheet("audit", [
        Column(cols["flag"], text=np.asarray([flags[x] for x in c["flag"]], dtype=object)),
        Column(cols["ledger_row"], number=_ints(c["row"]), number_style="int"),
        Column(cols["id"], text=book.ids(c["id"]), text_style="id"),
        Column(cols["name"], text=_text(c["name"])),
        Column(cols["kind"], text=np.asarray([book.kind_label(k) for k in c["kind"]], dtype=object)),
        Column(cols["date"], text=_dates(c["date"])),
        Column(cols["amount"], number=np.where(c["flag"] == "problem", np.nan, c["fen"] / 100), number_style="money"),
        Column(cols["detail"], text=_text(c["detail"])),
    ])  # fmt: skip


def detail_sheet(book: AssistBook) -> None:
    """台账明细: every act counted in the period, the kind as written beside the kind counted."""
    r, cols = book.r, book.cols
    rows = r.rows
    pos = rows["pos"].to_numpy()

    def written(field: str) -> np.ndarray:
        col = r.ledger.column(field) if r.ledger is not None else None
        return (
            _text(col.reset_index(drop=True).to_numpy(dtype=object)[pos])
            if col is not None
            else np.full(len(pos), "", object)
        )

    kinds = np.asarray([book.kind_label(k) for k in range(len(book.w["kind"]))], dtype=object)
    shown = np.where(rows["valid"], rows["id"], rows["raw_id"])
    book.list_sheet("detail", [
        Column(cols["ledger_row"], number=_ints(rows["row"]), number_style="int"),
        Column(cols["date"], text=_dates(rows["date"])),
        Column(cols["id"], text=book.ids(shown), text_style="id"),
        Column(cols["name"], text=_text(rows["name"])),
        Column(cols["kind_text"], text=written("kind")),
        Column(cols["kind"], text=kinds[rows["kind"].to_numpy(np.int64)] if len(rows) else np.zeros(0, object)),
        Column(cols["amount"], number=rows["fen"].to_numpy() / 100, number_style="money"),
        Column(cols["acts"], number=rows["acts"].to_numpy(dtype=float), number_style="int"),
        Column(cols["unit"], text=_text(rows["unit"])),
        Column(cols["person"], text=written("person")),
        Column(cols["note"], text=written("note")),
    ])  # fmt: skip


def about_sheet(book: AssistBook) -> None:
    """说明: the report, the ledger and roster read, the rules, caps and kinds added, how it counts."""
    from jiekun import __version__

    r, a = book.r, book.w["about"]
    ws = book.wb.add_worksheet(book.w["sheet"]["about"])
    section, item = book.key_value_sheet(ws, a["title"], widths=(30, 90), wrap=80)
    section(a["sec_report"])
    item(a["tool"], f"jiekun {__version__}")
    item(a["written"], dt.datetime.now().astimezone().isoformat(sep=" ", timespec="seconds"))
    item(a["period"], period_text(book))
    item(a["language"], book.lang)
    item(a["masked"], a["yes"] if book.mask else a["no"])
    section(a["sec_ledger"])
    item(a["file"], r.source)
    if (led := r.ledger) is not None:
        if led.sheet:
            item(a["sheet"], led.sheet)
        item(a["header_row"], str(led.header_row))
        item(a["columns"], "；".join(f"{k} ← {v}" for k, v in led.fields.items()))
        item(a["sha256"], led.sha256 or "")
    caps = "；".join(f"{book.w['kind'][k]} ≤ {v:,.2f}" for k, v in r.to_json()["caps"].items())
    item(a["caps"], caps or a["none"])
    extra = "；".join(f"{book.w['kind'][k]}: {'、'.join(v)}" for k, v in r.kinds_extra.items())
    item(a["kinds_extra"], extra or a["none"])
    if r.roster_source is not None:
        section(a["sec_roster"])
        item(a["file"], r.roster_source)
        item(a["as_of"], r.as_of.isoformat() if r.as_of else "")
        if r.rules is not None:
            item(a["rules"], rules_line(r.rules, book.lang))
    section(a["sec_counting"])
    for i, line in enumerate(a["counting"], 1):
        item(str(i), line)
    item("", a["detail_rows"])
    book.page(ws, landscape=False)
