"""The workbook of ``jiekun match``: 比对汇总, 仅在名册, 仅在参照, 信息不一致, 待核实.

English sheet names with ``lang="en"``. The list sheets' rows are spliced in
after the workbook is written (:mod:`jiekun.xlsx.rows`), so roster text is only
ever written as text cells and "=1+1" stays a string. See docs/match.md.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from jiekun.io.output import check_workbook, default_output, write_via_temp
from jiekun.model.labels import rules_line
from jiekun.model.match_check import class_labels, to_check
from jiekun.model.matching import COMPARED, ROLES, Match, Side, kind_text, reconciliations
from jiekun.text import words
from jiekun.xlsx.book import (
    Kit,
    check_lang,
    column_width,
    data_sheets,
    number_width,
    open_workbook,
    text_width,
)
from jiekun.xlsx.rows import Column

__all__ = ["check_output", "default_match_path", "write_match"]

#: The counts of 比对汇总, in order (the disagreements follow, field by field).
SUMMARY_COUNTS = (
    "roster",
    "reference",
    "both",
    "only_roster",
    "only_reference",
    "invalid_roster",
    "invalid_reference",
    "duplicate_roster",
    "duplicate_reference",
    "reference_not_hardship",
    "hardship_not_in_reference",
)


def default_match_path(roster_path: str | Path) -> Path:
    """``<roster stem>-match.xlsx`` in the current folder."""
    return default_output(roster_path, "match")


def check_output(out: Path, *, force: bool, inputs: Sequence[Path]) -> None:
    """Refuse an output that is not .xlsx, is an input, or exists without ``force`` (``OutputError``)."""
    check_workbook(out, force=force, inputs=inputs, area="match")


def write_match(
    m: Match,
    path: str | Path,
    *,
    lang: str = "zh",
    mask_ids: bool = False,
    force: bool = False,
) -> Path:
    """Write the match workbook; returns the path written.

    Refuses to write over either input (even with ``force``) or an existing file
    without ``force``; written to a temporary file and renamed.
    """
    check_lang(lang)
    out = Path(path)
    check_output(out, force=force, inputs=(m.roster.roster.path, m.reference.roster.path))
    write_via_temp(out, lambda tmp: _write_book(m, tmp, lang, mask_ids))
    return out


class MatchBook(Kit):
    """The workbook being written, its words, and the long sheets to splice in."""

    def __init__(self, wb, lang: str, mask: bool):
        super().__init__(wb, side=0.4)
        self.lang, self.mask = lang, mask
        self.tx = words("match", lang)
        self.data: list = []  # jiekun.xlsx.rows.DataSheet, spliced in after the workbook is closed
        self.cols = self.tx["columns"]

    def ids(self, values) -> np.ndarray:
        """ID numbers as text (masked when asked), '' for none."""
        s = pd.Series(values, dtype=object).fillna("").astype(str)
        if self.mask:
            from jiekun.model.ids import mask_ids

            s = mask_ids(s)
        return s.to_numpy(dtype=object)

    def text(self, head: str, values) -> Column:
        return Column(self.cols[head], text=_text(values))

    def ident(self, values) -> Column:
        return Column(self.cols["id"], text=self.ids(values), text_style="id")

    def whole(self, head: str, values) -> Column:
        return Column(self.cols[head], number=_floats(values), number_style="int")

    def money(self, head: str, values) -> Column:
        return Column(self.cols[head], number=_floats(values, 2), number_style="money")

    def one_side(self, t: pd.DataFrame, role: str) -> list[Column]:
        """Row, ID, name, employer, household size and incomes of one side's ``role_*`` columns."""
        return [
            self.whole(f"row_{role}", t[f"{role}_row"]),
            self.ident(t["id"]),
            self.text("name", t[f"{role}_name"]),
            self.text("employer", t[f"{role}_employer"]),
            self.whole("household_size", t[f"{role}_household_size"]),
            self.money("household_income", t[f"{role}_household_income"]),
            self.money("per_capita", t[f"{role}_per_capita"]),
        ]


def _text(values) -> np.ndarray:
    """An object array of str, '' for blanks (None/NaN)."""
    s = pd.Series(values, dtype=object)
    return s.where(s.notna(), "").astype(str).to_numpy(dtype=object)


def _floats(values, decimals: int | None = None) -> np.ndarray:
    x = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").to_numpy(dtype=float)
    return np.round(x, decimals) if decimals is not None else x


def _write_book(m: Match, tmp: Path, lang: str, mask: bool) -> None:
    buf = io.BytesIO()
    wb = open_workbook(buf, words("match", lang)["title"], font=m.rules.font)
    book = MatchBook(wb, lang, mask)
    sheets = book.tx["sheets"]
    _summary_sheet(book, m)
    r = m.only_roster
    _list_sheet(book, sheets["only_roster"],
                [*book.one_side(r, "roster"), book.text("class", class_labels(m, r["roster_tier"], lang))])  # fmt: skip
    f = m.only_reference
    ref = m.reference.roster
    extra = [c for c in ref.data.columns if c not in set(ref.fields.values())]
    data = ref.data.iloc[f["reference_pos"].to_numpy()]
    extra_cols = [Column(str(c), text=_text(data[c])) for c in extra]
    _list_sheet(book, sheets["only_reference"], [*book.one_side(f, "reference"), *extra_cols])
    _list_sheet(book, sheets["disagreements"], _disagreement_columns(book, m))
    c = to_check(m, lang)
    _list_sheet(
        book,
        sheets["to_check"],
        [
            book.text("flag", [book.tx["flags"][x] for x in c["flag"]]),
            book.ident(c["id"]),
            book.text("name", c["name"]),
            book.whole("row_roster", c["roster_row"]),
            book.whole("row_reference", c["reference_row"]),
            book.money("per_capita_roster", c["roster_per_capita"]),
            book.money("per_capita_reference", c["reference_per_capita"]),
            book.text("class", c["class"]),
            book.text("explain", c["explain"]),
        ],
    )
    book.close(buf, tmp, book.data)


def _disagreement_columns(book: MatchBook, m: Match) -> list[Column]:
    """信息不一致: the person, the field, both values (numbers as numbers), the difference, both rows."""
    d = m.disagreements
    fields = d["field"].to_numpy(dtype=object)
    numeric = np.isin(fields, ["household_size", "household_income", "per_capita"])
    size = (fields == "household_size").astype(np.int64)  # whole numbers, the rest amounts

    def value(head: str, v) -> Column:
        v = pd.Series(v, dtype=object)
        return Column(
            book.cols[head],
            text=np.where(numeric, "", _text(v)).astype(object),
            number=np.where(numeric, _floats(v.where(numeric, None), 2), np.nan),
            number_style="money",
            number_style_alt=size,
            alt_style="int",
        )

    return [
        book.ident(d["id"]),
        book.text("name_roster", d["name"]),
        book.text("field", [book.tx["fields"][x] for x in fields]),
        value("value_roster", d["roster_value"]),
        value("value_reference", d["reference_value"]),
        book.money("difference", np.where(numeric, _floats(d["difference"]), np.nan)),
        book.whole("row_roster", d["roster_row"]),
        book.whole("row_reference", d["reference_row"]),
    ]


def _list_sheet(book: MatchBook, name: str, columns: list[Column]) -> None:
    """A list sheet: widths fitted to the values, then the kit's long sheet (rows spliced in)."""
    for col in columns:
        if col.text is not None:
            col.width = column_width(col.text, col.header)
        if col.number is not None:
            col.width = max(
                col.width if col.text is not None else 0,
                number_width(col.number, 2) + 2,
                text_width(col.header) + 2,
                8,
            )
    book.data += data_sheets(book, name, columns, None, landscape=True, min_filter=1)


def _summary_sheet(book: MatchBook, m: Match) -> None:
    """比对汇总: what was matched with what and how, every count, the checks, the data problems."""
    tx, lang = book.tx, book.lang
    ws = book.wb.add_worksheet(tx["sheets"]["summary"])
    labels = [v[0] for v in tx["counts"].values()] + [tx["fields"][f] for f in COMPARED]
    ws.set_column(0, 0, max(text_width(s) for s in labels) + 6)
    ws.set_column(1, 1, 12)
    ws.set_column(2, 2, 60)
    ws.set_row(0, 30)
    ws.write_string(0, 0, tx["title"], book.fmt("title_left"))
    r = _info(book, ws, m)
    r = _counts(book, ws, m, r + 2)
    r += 2
    for ok, recon in reconciliations(m.counts(), lang):
        ws.write_string(r, 0, ("✓ " if ok else "✗ ") + recon, book.fmt("ok" if ok else "bad"))
        r += 1
    for role in ROLES:
        side = m.side(role)
        p = side.tally.problems
        line = tx["problems"].format(label=tx[role], e=p["error"], w=p["warning"], source=side.roster.source)
        ws.write_string(r, 0, line)
        r += 1
    book.page(ws, landscape=False)
    ws.activate()


def _info(book: MatchBook, ws, m: Match) -> int:
    """The key–value lines under the title; returns the last row written."""
    from jiekun import __version__

    tx, lang, info = book.tx, book.lang, book.tx["info"]

    def where(side: Side) -> str:
        r = side.roster
        return tx["with_sheet"].format(source=r.source, sheet=r.sheet) if r.sheet else r.source

    lines = [
        (info["roster"], where(m.roster)),
        (info["reference"], where(m.reference)),
        (info["kind"], kind_text(m, lang)),
        (info["how"], info["how_text"]),
        (
            info["id_columns"],
            tx["id_columns"].format(roster=m.roster.id_column, reference=m.reference.id_column),
        ),
        (info["tolerance"], info["tolerance_text"].format(tol=m.rules.per_capita_tolerance)),
        (info["as_of"], m.as_of.isoformat()),
        (info["rules"], rules_line(m.roster.tally.rules, lang)),
        (info["made"], dt.datetime.now().strftime("%Y-%m-%d %H:%M")),
        (info["version"], __version__),
    ]
    r = 1
    key, val = book.fmt("key_plain"), book.fmt("value_plain")
    for k, value in lines:
        r += 1
        ws.write_string(r, 0, k, key)
        ws.merge_range(r, 1, r, 2, value, val)
        if text_width(value) > 70:
            ws.set_row(r, 15 * (text_width(value) // 70 + 1) + 3)
    return r


def _counts(book: MatchBook, ws, m: Match, r: int) -> int:
    """Item, people, note: every count, then the disagreements field by field; returns the last row."""
    tx = book.tx
    c = m.counts()
    label_f, int_f, note_f = book.fmt("label"), book.fmt("int"), book.fmt("note_cell")
    for j, h in enumerate((tx["item"], tx["people"], tx["note"])):
        ws.write_string(r, j, h, book.fmt("h"))
    for key in SUMMARY_COUNTS:
        r += 1
        label, note = tx["counts"][key]
        ws.write_string(r, 0, label, label_f)
        flag = key in ("reference_not_hardship", "hardship_not_in_reference")
        if flag and not m.dibao:
            ws.write_string(r, 1, "—", label_f)
            ws.write_string(r, 2, tx["not_dibao"], note_f)
            continue
        ws.write_number(r, 1, c[key], book.fmt("flag_int") if flag and c[key] else int_f)
        ws.write_string(r, 2, note, note_f)
    r += 1
    label, note = tx["counts"]["disagreements"]
    ws.write_string(r, 0, label, label_f)
    ws.write_number(r, 1, c["disagreements"], int_f)
    ws.write_string(r, 2, note, note_f)
    for fld, n in m.disagreement_counts().items():
        r += 1
        ws.write_string(r, 0, "    " + tx["fields"][fld], label_f)
        ws.write_number(r, 1, n, int_f)
        ws.write_blank(r, 2, None, note_f)
    return r
