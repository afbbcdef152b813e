"""Row kinds: which rows are workers, and which are blank, total, footer or duplicate rows.

Only ``worker`` rows are counted; the others are accounted for separately, so that
rows read = workers + duplicates + non-worker rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from jiekun.model.cells import Cells, blank, id_valid
from jiekun.model.duplicates import DuplicateIndex, earlier_rows
from jiekun.model.values import WHITESPACE, WHITESPACE_RE

#: Row kinds: only "worker" rows are counted; the rest are accounted for separately.
WORKER, DUPLICATE, BLANK, TOTAL, FOOTER = "worker", "duplicate", "blank", "total", "footer"
KINDS = [WORKER, DUPLICATE, BLANK, TOTAL, FOOTER]

_W = WHITESPACE_RE + "*"
# a total row starts with 合计/总计/小计… (spaces allowed between the characters: "合  计")
_TOTAL = (
    "^"
    + _W
    + "(?:"
    + "|".join(f"{a}{_W}{b}" for a, b in ("合计", "总计", "小计", "共计", "总数", "累计"))
    + ")"
)
_FOOTER = "填表|审核|制表|负责人|填报|日期|说明|注[:：]|备注"
_INCOME_FIELDS = ("household_income", "household_income_annual", "per_capita")


def _all_blank(frame: pd.DataFrame) -> np.ndarray:
    """Rows whose every cell is empty or whitespace."""
    out = np.ones(len(frame), dtype=bool)
    for c in frame.columns:
        out &= (frame[c].str.strip(WHITESPACE) == "").to_numpy(dtype=bool)
    return out


def _contains(data: pd.DataFrame, rows: np.ndarray, columns: list, pattern: str) -> np.ndarray:
    """Of ``rows``, those where a cell of ``columns`` matches ``pattern``."""
    out = np.zeros(len(data), dtype=bool)
    if rows.any():
        hit = data.loc[rows, columns].apply(lambda c: c.str.contains(pattern, regex=True)).any(axis=1)
        out[rows] = hit.to_numpy(dtype=bool)
    return out


def row_kinds(c: Cells, ids: pd.DataFrame | None, seen: DuplicateIndex | None) -> np.ndarray:
    """Codes into :data:`KINDS`: blank, total and footer rows, workers, and duplicates of an earlier ID."""
    roster, n = c.roster, c.n
    data = roster.data.reset_index(drop=True)
    inc = [f for f in _INCOME_FIELDS if c.has(f)]
    no_income = np.logical_and.reduce([blank(c.text(f)) for f in inc]) if inc else np.ones(n, bool)
    nobody = blank(c.text("id")) & blank(c.text("name")) & no_income  # no ID, no name, no income
    blank_row = np.zeros(n, dtype=bool)
    blank_row[nobody] = _all_blank(data[nobody])
    # a total row has no valid ID and names itself in its first columns (序号, 姓名…)
    lead = list(dict.fromkeys([*data.columns[:3], roster.fields.get("name", data.columns[0])]))
    total_row = _contains(data, ~id_valid(ids, n) & ~blank_row, lead, _TOTAL)
    footer_row = nobody & ~blank_row & ~total_row
    kind = np.zeros(n, dtype=np.int8)
    kind[blank_row] = KINDS.index(BLANK)
    kind[total_row] = KINDS.index(TOTAL)
    kind[footer_row] = KINDS.index(FOOTER)
    signed = _contains(data, footer_row, list(data.columns), _FOOTER)
    c.P.add("not_a_worker", footer_row & ~signed)
    if ids is not None:
        earlier = earlier_rows(ids, kind == KINDS.index(WORKER), roster.rows, seen)
        dup = earlier >= 0
        kind[dup] = KINDS.index(DUPLICATE)
        c.P.add("duplicate_id", dup, c.col("id"), c.text("id"), lambda m: earlier[m].astype(str))
    return kind
