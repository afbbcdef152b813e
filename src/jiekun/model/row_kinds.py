"""Row kinds: which rows are workers, and which are blank, total, footer or duplicate rows.

Only ``worker`` rows are counted; the others are accounted for separately, so that
rows read = workers + duplicates + non-worker rows. A row is not a worker when it
is blank; when it has no valid ID and names itself a total in its first columns
(合计, 小计 …); or when it has no valid ID and no income or household figures and a
cell holds a footer or note word (填表人：, 审核人, 备注, 注：…) or a total word,
even with a name beside it (填表人： | 张晓红 | 审核人： | 李四) or a count in the
name column (合计 | 25人). A row with only a name is still a worker (无法判定).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from jiekun.model.cells import Cells, blank, id_valid, map_unique
from jiekun.model.duplicates import (
    DuplicateIndex,
    comparable,
    earlier_rows,
    lost_digits_birth,
    possible_duplicates,
)
from jiekun.model.values import WHITESPACE, WHITESPACE_RE, parse_dates, parse_numbers, stripped_blank

#: Row kinds: only "worker" rows are counted; the rest are accounted for separately.
WORKER, DUPLICATE, BLANK, TOTAL, FOOTER = "worker", "duplicate", "blank", "total", "footer"
KINDS = [WORKER, DUPLICATE, BLANK, TOTAL, FOOTER]
#: The kinds that are not workers (rows read = workers + duplicates + these).
NON_WORKER = (BLANK, TOTAL, FOOTER)

_W = WHITESPACE_RE + "*"
_TOTALS = ("合计", "总计", "小计", "共计", "总数", "累计")
# a total row starts with 合计/总计/小计… (spaces allowed between the characters: "合  计")
TOTAL_WORDS = "^" + _W + "(?:" + "|".join(f"{a}{_W}{b}" for a, b in _TOTALS) + ")"
# … anywhere in a cell (本页小计, 以上合计), for rows without figures
_TOTAL_ANYWHERE = "|".join(f"{a}{_W}{b}" for a, b in _TOTALS if a + b != "总数")
#: Words of a footer line in a row with no ID, no name and no income (loose: such a row has nothing else).
FOOTER_WORDS = "填表|审核|制表|负责人|填报|日期|说明|注[:：]|备注"
# Footer and note words in a row that may hold a name (填表人： | 张晓红): the word opens its
# cell and ends it or is followed by a colon or a space (so 制表厂, a watch factory, is not one),
# or the word and a colon stand anywhere (单位负责人：).
_SIGNERS = (
    "填表人|填报人|审核人|审批人|制表人|负责人|经办人|统计人|联系人|复核人|"
    "填表日期|填报日期|制表日期|报送日期|填表说明|填报说明|填表|填报|审核|制表|日期|备注|说明|附注|注\\d*"
)
_FOOTER_CELL = (
    rf"^[\s\d.、()（）*＊]*(?:单位|部门|科室|工会|主要|分管)?(?:{_SIGNERS})(?:[:：\s]|$)"
    rf"|(?:{_SIGNERS})\s*[:：]"
)
# a count where a name would be: 25, 25人, 共25人
_COUNT = rf"^{_W}(?:共|计)?{_W}[0-9]+{_W}(?:人|名|户|个)?{_W}$"
_GENDERS = ("男", "女", "男性", "女性")
_GENDER_OF = {
    "男": True,
    "男性": True,
    "m": True,
    "male": True,
    "女": False,
    "女性": False,
    "f": False,
    "female": False,
}
_INCOME_FIELDS = ("household_income", "household_income_annual", "per_capita")
_FIGURE_FIELDS = (*_INCOME_FIELDS, "household_size", "costs")


def all_blank(frame: pd.DataFrame) -> np.ndarray:
    """Rows whose every cell is empty or whitespace."""
    out = np.ones(len(frame), dtype=bool)
    for c in frame.columns:
        out &= stripped_blank(frame[c])
    return out


def contains(data: pd.DataFrame, rows: np.ndarray, columns: list, pattern: str) -> np.ndarray:
    """Of ``rows``, those where a cell of ``columns`` matches ``pattern``."""
    out = np.zeros(len(data), dtype=bool)
    if rows.any():
        part = data.loc[rows, columns]
        hit = np.zeros(len(part), dtype=bool)
        for col in columns:  # a column at a time, vectorised
            hit |= part[col].str.contains(pattern, regex=True).fillna(False).to_numpy(dtype=bool)
        out[rows] = hit
    return out


def _no_figures(c: Cells, rows: np.ndarray) -> np.ndarray:
    """Of ``rows``, those whose income and household cells hold no number."""
    out = rows.copy()
    for f in _FIGURE_FIELDS:
        if c.has(f) and out.any():
            t = c.text(f)[out]
            number = ~blank(t) & np.isfinite(parse_numbers(t).to_numpy(dtype=float, na_value=np.nan))
            out[np.flatnonzero(out)[number]] = False
    return out


def row_kinds(c: Cells, ids: pd.DataFrame | None, seen: DuplicateIndex | None) -> np.ndarray:
    """Codes into :data:`KINDS`: blank, total and footer rows, workers, and duplicates of an earlier ID."""
    roster, n = c.roster, c.n
    data = roster.data.reset_index(drop=True)
    cols = list(data.columns)
    inc = [f for f in _INCOME_FIELDS if c.has(f)]
    no_income = np.logical_and.reduce([blank(c.text(f)) for f in inc]) if inc else np.ones(n, bool)
    nobody = blank(c.text("id")) & blank(c.text("name")) & no_income  # no ID, no name, no income
    blank_row = np.zeros(n, dtype=bool)
    blank_row[nobody] = all_blank(data[nobody])
    unsure = ~id_valid(ids, n) & ~blank_row
    # a total row has no valid ID and names itself in its first columns (序号, 姓名…)
    lead = list(dict.fromkeys([*cols[:3], roster.fields.get("name", cols[0])]))
    total_row = contains(data, unsure, lead, TOTAL_WORDS)
    # a row without figures, or with a count for a name, that says 合计/小计 in any cell
    counted = contains(data, unsure & ~total_row, [lead[-1]], _COUNT)
    bare = _no_figures(c, unsure & ~total_row & ~nobody)
    total_row |= contains(data, bare | counted, cols, _TOTAL_ANYWHERE)
    # a row without figures whose cells sign it (填表人：… 审核人：…) or annotate it (备注、注：),
    # unless it says 男 or 女 in the gender column: a worker with a note stays a worker
    person = c.text("gender").isin(_GENDERS).to_numpy(dtype=bool)
    signed_row = contains(data, bare & ~total_row & ~person, cols, _FOOTER_CELL)
    footer_row = (nobody & ~blank_row & ~total_row) | signed_row
    kind = np.zeros(n, dtype=np.int8)
    kind[blank_row] = KINDS.index(BLANK)
    kind[total_row] = KINDS.index(TOTAL)
    kind[footer_row] = KINDS.index(FOOTER)
    loose = nobody & footer_row
    signed = contains(data, loose, cols, FOOTER_WORDS)
    c.P.add("not_a_worker", loose & ~signed)
    if ids is not None:
        earlier = earlier_rows(ids, kind == KINDS.index(WORKER), roster.rows, seen)
        dup = earlier >= 0
        kind[dup] = KINDS.index(DUPLICATE)
        c.P.add("duplicate_id", dup, c.col("id"), c.text("id"), lambda m: earlier[m].astype(str))
        _possible_duplicates(c, ids, kind == KINDS.index(WORKER))
    return kind


def _possible_duplicates(c: Cells, ids: pd.DataFrame, worker: np.ndarray) -> None:
    """Workers with the same name, gender and birth date where an ID cannot be compared (a warning).

    Gender and birth date come from a valid ID, else the columns, else (the birth date) the
    digits an ID stored as a number by Excel still shows.
    """
    name = c.text("name")
    if (ids["status"] == "ok").all():  # the usual roster: every ID comparable, nothing to do
        return
    unsure = ~comparable(ids["status"], ids["id"])
    if not (worker & unsure & ~blank(name)).any():
        return
    valid = pd.Series(id_valid(ids, c.n), index=c.idx)
    g_col = map_unique(c.text("gender"), lambda v: _GENDER_OF.get(v.lower())).astype("boolean")
    male = ids["male"].astype("boolean").where(valid, g_col)
    birth = ids["birth"].astype("datetime64[s]").where(valid, parse_dates(c.text("birth"))["date"])
    lost = (ids["status"].astype(str) == "lost_digits").to_numpy() & birth.isna().to_numpy()
    if lost.any():
        birth[lost] = lost_digits_birth(ids["id"][lost].astype(str)).to_numpy()
    able = worker & ~blank(name) & male.notna().to_numpy() & birth.notna().to_numpy()
    first = possible_duplicates(name, male, birth, able, unsure)
    rows = np.asarray(c.roster.rows)
    c.P.add("possible_duplicate", first >= 0, c.col("name"), name, lambda m: rows[first[m]].astype(str))


def non_worker_text(roster_data: pd.DataFrame, rows: np.ndarray, kinds: pd.Series) -> pd.DataFrame:
    """The total and footer rows (not blank ones) with their cells' text joined by " | ".

    ``kinds`` is the classified frame's ``kind``; the text is built a column at a time.
    Returns a frame of ``row`` (Excel row), ``kind`` and ``text``.
    """
    mask = kinds.astype(str).isin([TOTAL, FOOTER]).to_numpy()
    part = roster_data.reset_index(drop=True)[mask]
    text = np.full(len(part), "", dtype=object)
    for col in part.columns:
        cell = part[col].fillna("").astype(str).str.strip(WHITESPACE).to_numpy(dtype=object)
        has = cell != ""
        joined = np.where(text == "", cell, text + " | " + cell)
        text = np.where(has, joined, text)
    return pd.DataFrame(
        {"row": np.asarray(rows)[mask], "kind": kinds.astype(str).to_numpy()[mask], "text": text}
    )
