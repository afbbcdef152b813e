"""返困监测 (Relapse watch) of the trend workbook: who exited hardship in the last 12 months, and who came back."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from jiekun.report.trend_book import TrendBook, fit
from jiekun.xlsx.rows import Column, DataSheet

if TYPE_CHECKING:
    from jiekun.model.flows import Series

#: Months of the series (counting back from its last) whose exits are watched.
WINDOW = 12
HEADS = ("d_name", "d_id", "d_employer", "r_exit_month", "r_pc_exit", "r_back", "r_back_month", "r_gap",
         "r_back_tier")  # fmt: skip
BACK_FILL = "#FFC7CE"
#: The table's row bands: bordered; a worker who came back filled red.
BANDS = ({"border": 1}, {"border": 1, "bg_color": BACK_FILL})
#: The base style (:data:`jiekun.xlsx.rows.BASE_STYLES`) of a column (not named here: text).
STYLES = {1: "id", 4: "per_capita", 7: "int"}


def relapses(series: Series) -> pd.DataFrame:
    """One row per exit (脱困) into the last :data:`WINDOW` months, with the first return (返困) after it.

    Columns: id, id_status, name, employer, exit (month), per_capita (at the exit),
    back (month or ""), gap (months from the exit to the return, or −1), tier_back.
    """
    d = series.detail
    last = month_no(pd.Series([series.months[-1].label]))[0]
    ex = d.loc[d["flow"] == "exited", ["id", "id_status", "name", "employer", "to", "per_capita_after"]]
    ex = ex[month_no(ex["to"]) > last - WINDOW]
    ex = ex.rename(columns={"to": "exit", "per_capita_after": "per_capita"}).reset_index(drop=True)
    ex["_n"] = np.arange(len(ex))
    back = d.loc[d["flow"] == "returned", ["id", "to", "tier_after"]].rename(columns={"to": "back"})
    pairs = ex.merge(back, on="id", how="inner")
    pairs = pairs[pairs["back"] > pairs["exit"]].sort_values(["_n", "back"]).drop_duplicates("_n")
    out = ex.merge(pairs[["_n", "back", "tier_after"]], on="_n", how="left").drop(columns="_n")
    out["back"] = out["back"].fillna("").astype(str)
    out["tier_back"] = out.pop("tier_after").fillna(-9).astype(int)
    out["gap"] = np.where(out["back"] != "", month_no(out["back"]) - month_no(out["exit"]), -1)
    return out.sort_values(["exit", "id"], kind="stable").reset_index(drop=True)


def month_no(labels: pd.Series) -> np.ndarray:
    """YYYY-MM labels as month numbers (year × 12 + month); a label that is not a month counts as 0."""
    s = labels.astype(str)
    ok = s.str.fullmatch(r"\d{4}-\d{2}").fillna(False).to_numpy(dtype=bool)
    y = pd.to_numeric(s.str[:4], errors="coerce").fillna(0).to_numpy(dtype=np.int64)
    m = pd.to_numeric(s.str[5:7], errors="coerce").fillna(0).to_numpy(dtype=np.int64)
    return np.where(ok, y * 12 + m, 0)


def relapse_sheet(book: TrendBook) -> list[DataSheet]:
    """The 返困监测 sheet: a title, a one-line summary, the table (returns filled red).

    Returns the table's rows for :func:`jiekun.xlsx.rows.splice` (the last rows of the sheet).
    """
    tx, s = book.tx, book.series
    rows = relapses(s)
    ws = book.wb.add_worksheet(book.names["relapse"])
    labels = [m.label for m in s.months]
    nos = month_no(pd.Series(labels))
    first = labels[int(np.argmax(nos > nos[-1] - WINDOW))]
    last_col = len(HEADS) - 1
    ws.set_row(0, 28)
    ws.merge_range(
        0, 0, 0, last_col, tx["relapse_title"].format(first=first, last=labels[-1]), book.fmt("title")
    )
    ws.write_string(1, 0, tx["relapse_sub"].format(first=first, last=labels[-1]), book.fmt("subtitle"))
    n_back = int((rows["back"] != "").sum())
    ws.write_string(2, 0, tx["r_summary"].format(n=len(rows), back=n_back), book.fmt("subtitle"))
    head = 4
    for j, key in enumerate(HEADS):
        ws.write_string(head, j, tx[key], book.fmt("h"))
    ids = rows["id"].astype(str)
    if book.mask and len(rows):
        from jiekun.model.ids import mask_ids

        ids = mask_ids(ids).fillna("").astype(str)
    back = (rows["back"] != "").to_numpy()
    tiers = rows["tier_back"].map({c: book.tier_name(int(c)) for c in pd.unique(rows["tier_back"])})
    texts = {0: rows["name"].fillna("").astype(str), 1: ids, 2: rows["employer"].fillna("").astype(str),
             3: rows["exit"].astype(str), 5: np.where(back, tx["yes"], tx["no"]), 6: rows["back"],
             8: np.where(back, tiers.to_numpy(dtype=object, na_value=""), "")}  # fmt: skip
    numbers = {4: rows["per_capita"].to_numpy(dtype=float), 7: rows["gap"].to_numpy(dtype=float)}
    columns = []
    for j, key in enumerate(HEADS):
        text = np.asarray(texts[j], dtype=object) if j in texts else None
        num = np.where(numbers[j] >= 0, numbers[j], np.nan) if j in numbers else None
        style = STYLES.get(j, "text")
        columns.append(Column(tx[key], text=text, number=num, number_style=style, text_style=style))
        ws.set_column(j, j, fit(text if text is not None else [], tx[key], lo=10))
    ws.freeze_panes(head + 1, 0)
    book.page(ws, landscape=True, repeat=(head, head))
    if not len(rows):
        ws.write_string(head + 1, 0, tx["r_none"], book.fmt("note"))
        return []
    book.styles.register(columns, BANDS)
    ws.autofilter(head, 0, head + len(rows), last_col)
    return [DataSheet(ws.name, columns, 0, len(rows), back.astype(np.int8), book.styles, BANDS,
                      first_row=head + 2, blanks=True)]  # fmt: skip
