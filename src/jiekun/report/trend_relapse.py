"""返困监测 (Relapse watch) of the trend workbook: who exited hardship in the last 12 months, and who came back."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from jiekun.report.trend_book import TrendBook, fit

if TYPE_CHECKING:
    from jiekun.model.flows import Series

#: Months of the series (counting back from its last) whose exits are watched.
WINDOW = 12
HEADS = ("d_name", "d_id", "d_employer", "r_exit_month", "r_pc_exit", "r_back", "r_back_month", "r_gap",
         "r_back_tier")  # fmt: skip
BACK_FILL = "#FFC7CE"


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


def relapse_sheet(book: TrendBook) -> None:
    """The 返困监测 sheet: a title, a one-line summary, the table (returns filled red)."""
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
    texts = {0: rows["name"].fillna("").astype(str).tolist(), 1: ids.tolist(),
             2: rows["employer"].fillna("").astype(str).tolist(), 3: rows["exit"].astype(str).tolist(),
             5: [tx["yes"] if b else tx["no"] for b in back], 6: rows["back"].tolist(),
             8: [book.tier_name(int(c)) if b else "" for c, b in zip(rows["tier_back"], back, strict=True)]}  # fmt: skip
    numbers = {4: rows["per_capita"].to_numpy(dtype=float), 7: rows["gap"].to_numpy(dtype=float)}
    kinds = {1: "as_text", 4: "amount", 7: "whole"}
    fmts = {(j, b): book.fmt(kinds.get(j, "label"), border=1, **({"bg_color": BACK_FILL} if b else {}))
            for j in range(len(HEADS)) for b in (False, True)}  # fmt: skip
    r = head
    for i in range(len(rows)):
        r += 1
        for j in range(len(HEADS)):
            f = fmts[(j, bool(back[i]))]
            if j in texts and texts[j][i]:
                ws.write_string(r, j, texts[j][i], f)
            elif j in numbers and (v := numbers[j][i]) == v and v >= 0:
                ws.write_number(r, j, float(v), f)
            else:
                ws.write_blank(r, j, None, f)
    if not len(rows):
        r += 1
        ws.write_string(r, 0, tx["r_none"], book.fmt("note"))
    else:
        ws.autofilter(head, 0, r, last_col)
    for j, key in enumerate(HEADS):
        ws.set_column(j, j, fit(texts.get(j, []), tx[key], lo=10))
    ws.freeze_panes(head + 1, 0)
    book.page(ws, landscape=True, repeat=(head, head))
