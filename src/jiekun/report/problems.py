"""The ``check`` command's outputs: the problem list as JSON, CSV or a workbook."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pandas as pd

from jiekun.errors import OutputError
from jiekun.io.output import write_atomic
from jiekun.model.ids import mask_ids
from jiekun.model.problems import messages
from jiekun.pipeline.summary import Result
from jiekun.text import LANGS, words


def problem_table(result: Result, lang: str = "zh", *, mask: bool = False) -> pd.DataFrame:
    """The problem records with messages, errors first; ID values masked when ``mask``."""
    p = result.problems
    value = p["value"]
    id_col = result.roster.fields.get("id")
    if mask and id_col is not None:
        is_id = p["column"] == id_col
        value = value.where(~is_id, mask_ids(value))
    tx = words("report", lang)
    table = pd.DataFrame(
        dict(
            zip(
                tx["check_headers"],
                [
                    p["row"],
                    p["column"],
                    value,
                    p["severity"].map(tx["severity"]),
                    p["code"],
                    messages(p, lang),
                ],
                strict=True,
            )
        )
    )
    if "sheet" in p.columns:  # several sheets read: each record says its sheet before its row
        table.insert(0, words("io", lang)["sheet_column"], p["sheet"])
    return table


def problems_json(result: Result, lang: str = "zh") -> dict[str, Any]:
    """The summary object plus every problem record (ID values masked)."""
    p = result.problems
    records = problem_table(result, lang, mask=True)
    records.columns = ["sheet"] * ("sheet" in p.columns) + [
        "row",
        "column",
        "value",
        "severity",
        "code",
        "message",
    ]
    records["severity"] = p["severity"]
    return {
        **result.to_json(lang),
        "by_code": {str(k): int(v) for k, v in p["code"].value_counts().items()},
        "records": records.to_dict(orient="records"),
    }


def _csv_safe(v: object) -> object:
    """A cell that Excel would run as a formula gets a leading apostrophe."""
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + v
    return v


def write_problems(result: Result, path: Path, lang: str = "zh") -> None:
    """Write every problem to ``.csv`` (UTF-8 with BOM) or ``.xlsx`` (the report's problems sheet)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        table = problem_table(result, lang)
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(table.columns)
        w.writerows([[_csv_safe(v) for v in row] for row in table.itertuples(index=False)])
        write_atomic(path, buf.getvalue().encode("utf-8-sig"))
    elif suffix in (".xlsx", ".xlsm"):
        from jiekun.report.roster import write_problems_workbook

        write_problems_workbook(result, path, lang=lang)
    else:
        raise OutputError(
            {
                lang: words("report", lang)["problems_format"].format(
                    suffix=suffix or words("report", lang)["no_suffix"]
                )
                for lang in LANGS
            }
        )
