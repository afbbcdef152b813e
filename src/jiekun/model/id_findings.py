"""The problems an ID column's statuses report: missing, malformed, mangled and legacy numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd

from jiekun.model.cells import Cells

#: Problem code → the ID statuses (of :func:`jiekun.model.ids.check_ids`) that raise it.
_CODES = (
    ("id_missing", ["blank"]),
    ("id_bad_checksum", ["bad_checksum"]),
    ("id_bad_birth", ["bad_birth"]),
    ("id_lost_digits", ["lost_digits"]),
    ("id_malformed", ["bad_length", "bad_chars"]),
)


def id_findings(c: Cells, ids: pd.DataFrame, examine: np.ndarray) -> None:
    """Record the ID problems of the examined rows (a legacy number shows its 18-digit form)."""
    status = ids["status"]  # categorical: compared by category, not per row
    column, raw = c.col("id"), c.text("id")
    for code, statuses in _CODES:
        c.P.add(code, examine & status.isin(statuses).to_numpy(), column, raw)
    c.P.add("id_legacy15", examine & (status == "legacy15").to_numpy(), column, raw, ids["id"])
