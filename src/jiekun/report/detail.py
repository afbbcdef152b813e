"""The long sheets of the report: 明细 (Detail) and 问题数据 (Problems).

Their columns are prepared here, vectorised with pandas/NumPy, and their rows are
written by :mod:`jiekun.xlsx.rows` after the workbook is closed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from jiekun.report.book import Book
from jiekun.xlsx.book import MAX_WIDTH, column_width, data_sheets, number_width
from jiekun.xlsx.rows import Column, DataSheet, arrow_text


def problem_sheets(book: Book, columns: list[Column]) -> list[DataSheet]:
    """问题数据: the problem records, or a line saying there are none."""
    if columns:
        return data_sheets(book, book.tx["problems"], columns, None, landscape=len(columns) > 6)
    ws = book.wb.add_worksheet(book.tx["problems"])
    ws.set_column(0, 0, 40)
    ws.write_string(0, 0, book.tx["no_problems"], book.fmt("subtitle"))
    book.page(ws, landscape=False)
    return []


# ------------------------------------------------------------------ columns


def detail_columns(book: Book) -> list[Column]:
    """The columns of 明细: the original ones, then 人均月收入, 类别, 年龄, groups, 问题, 原表行号."""
    return _roster_columns(book) + _derived_columns(book)


def _roster_columns(book: Book) -> list[Column]:
    """The roster's own columns: IDs as text (masked when asked), numbers and birth dates parsed."""
    from jiekun.model.columns import NUMERIC_FIELDS
    from jiekun.model.ids import mask_ids
    from jiekun.model.values import parse_dates, parse_numbers

    roster, idx = book.roster, book.detail_rows
    field_of = {c: k for k, c in roster.fields.items()}
    cols: list[Column] = []
    for name in roster.data.columns:
        s = roster.data[name].iloc[idx]
        kind = field_of.get(name)
        if name not in book.id_columns and kind not in NUMERIC_FIELDS and kind != "birth":
            text = arrow_text(s)  # written as it is: kept in Arrow, never a Python str per cell
            cols.append(Column(name, text=text, width=column_width(text, name)))
            continue
        text = s.to_numpy(dtype=object, na_value="")
        if name in book.id_columns:
            if book.mask:
                text = mask_ids(pd.Series(text, dtype=object)).to_numpy(dtype=object, na_value="")
            cols.append(Column(name, text=text, text_style="id", width=column_width(text, name)))
        elif kind in NUMERIC_FIELDS:
            num = parse_numbers(pd.Series(text, dtype=object)).to_numpy(dtype=float)
            rest = np.where(np.isnan(num), text, "")
            money = kind not in ("household_size", "age")
            w = max(column_width(rest, name), number_width(num, 2 if money else 0) + 2)
            cols.append(
                Column(
                    name,
                    text=rest,
                    number=num,
                    number_style="money" if money else "number",
                    width=min(MAX_WIDTH, w),
                )
            )
        elif kind == "birth":
            parsed = parse_dates(pd.Series(text, dtype=object))
            d = parsed["date"].to_numpy().astype("datetime64[D]")
            serial = (d - np.datetime64("1899-12-30", "D")).astype("timedelta64[D]").astype(float)
            ok = ~np.isnat(d) & (d >= np.datetime64("1900-03-01"))
            serial[~ok] = np.nan
            rest = np.where(ok, "", text)
            cols.append(
                Column(
                    name,
                    text=rest,
                    number=serial,
                    number_style="date",
                    number_style_alt=parsed["month_only"].to_numpy(dtype=bool),
                    alt_style="month",
                    width=max(column_width(rest, name), 12.0),
                )
            )
    return cols


def _derived_columns(book: Book) -> list[Column]:
    """What jiekun adds: 人均月收入, 类别, 年龄, the groups, 问题, 原表行号 (named apart from the roster's)."""
    from jiekun.model.labels import age_gender_labels, education_labels, status_label
    from jiekun.model.row_kinds import DUPLICATE

    tx, lang = book.tx, book.lang
    roster, rules = book.roster, book.rules
    f = book.result.classified.frame
    idx = book.detail_rows
    taken = set(roster.data.columns)

    def header(key: str) -> str:
        h = tx[key]
        return h + tx["computed"] if h in taken else h

    k = len(rules.tiers)
    tier = f["tier"].to_numpy()[idx]
    labels = [rules.tier_label(i, lang) for i in range(k)]
    labels += [status_label("not_hardship", lang), status_label("undetermined", lang)]
    category = np.array(labels, dtype=object)[np.where(tier < 0, k + 1, tier)]
    category[f["kind"].to_numpy()[idx] == DUPLICATE] = tx["duplicate"]
    per_capita = f["per_capita"].to_numpy(dtype=float)[idx]
    age = f["age"].to_numpy(dtype=float, na_value=np.nan)[idx]
    groups = f["age_group"].iloc[idx].map(age_gender_labels(rules, lang)).fillna("")
    edu = f["education"].iloc[idx].map(education_labels(lang)).fillna("")
    rows = f["row"].to_numpy()[idx]
    problem = _problem_text(book, rows, idx)
    groups_a = groups.to_numpy(dtype=object)
    edu_a = edu.to_numpy(dtype=object)
    return [
        Column(
            header("per_capita"),
            number=per_capita,
            number_style="per_capita",
            width=max(column_width(None, header("per_capita")), number_width(per_capita, 2) + 2),
        ),
        Column(
            header("category"),
            text=category,
            width=column_width(np.array([*labels, tx["duplicate"]], dtype=object), header("category")),
        ),
        Column(header("age"), number=age, number_style="int", width=column_width(None, header("age"))),
        Column(header("age_group"), text=groups_a, width=column_width(groups_a, header("age_group"))),
        Column(header("education_group"), text=edu_a, width=column_width(edu_a, header("education_group"))),
        Column(header("problem"), text=problem, width=column_width(problem, header("problem"))),
        Column(
            header("source_row"),
            number=rows.astype(float),
            number_style="int",
            width=column_width(None, header("source_row")),
        ),
    ]


def _problem_text(book: Book, rows: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """Each detail row's problems in words, joined (rows keyed by sheet and row under --sheet all)."""
    p = book.problems
    if not len(p):
        return np.full(len(idx), "", dtype=object)
    keyed = p[["row", "message"]].assign(_k=_where(p["row"], p.get("sheet")))
    joined = (keyed.sort_values("row", kind="stable").groupby("_k", sort=False)["message"]).agg(
        book.tx["problem_join"].join
    )
    sheets = book.roster.sheets
    keys = _where(pd.Series(rows), None if sheets is None else pd.Series(np.asarray(sheets)[idx]))
    return keys.map(joined).fillna("").to_numpy(dtype=object)


def problem_columns(book: Book) -> list:
    """The columns of 问题数据: Excel row, name, column, value, severity, message."""

    tx = book.tx
    p = book.problems
    if not len(p):
        return []
    roster = book.roster
    where = _where(pd.Series(roster.rows), None if roster.sheets is None else pd.Series(roster.sheets))
    pos = pd.Index(where).get_indexer(_where(p["row"], p.get("sheet")))
    if "name" in roster.fields:
        names = roster.data[roster.fields["name"]].to_numpy(dtype=object, na_value="")
        name = np.where(pos >= 0, names[np.clip(pos, 0, None)] if len(names) else "", "")
        name = name.astype(object)
    else:
        name = np.full(len(p), "", dtype=object)
    sev = p["severity"].map({"error": tx["error"], "warning": tx["warning"]}).to_numpy(dtype=object)
    column = p["column"].to_numpy(dtype=object, na_value="")
    value = p["value"].to_numpy(dtype=object, na_value="")
    message = p["message"].to_numpy(dtype=object, na_value="")
    row = p["row"].to_numpy(dtype=float)
    sheet = []
    if "sheet" in p.columns:  # several sheets read: the sheet of each record, before its row
        from jiekun.text import words

        s, head = p["sheet"].to_numpy(dtype=object), words("io", book.lang)["sheet_column"]
        sheet = [Column(head, text=s, width=column_width(s, head))]
    return [
        *sheet,
        Column(tx["p_row"], number=row, number_style="int", width=column_width(None, tx["p_row"])),
        Column(tx["p_name"], text=name, width=column_width(name, tx["p_name"])),
        Column(tx["p_column"], text=column, width=column_width(column, tx["p_column"])),
        Column(tx["p_value"], text=value, width=column_width(value, tx["p_value"])),
        Column(tx["p_severity"], text=sev, width=column_width(sev, tx["p_severity"])),
        Column(tx["p_message"], text=message, width=column_width(message, tx["p_message"])),
    ]


def _where(rows: pd.Series, sheets: pd.Series | None) -> pd.Series:
    """A key per record: its Excel row, or sheet!row when several sheets were read."""
    if sheets is None:
        return rows.reset_index(drop=True)
    return sheets.astype(str).reset_index(drop=True) + "!" + rows.astype(str).reset_index(drop=True)
