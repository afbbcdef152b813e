"""Row-level problem records: the catalogue of codes and a vectorised collector.

Every finding is a record (Excel row, column, value, code, severity, detail);
messages are rendered in the report language from the words of
:mod:`jiekun.text.problems`. ``error`` means the row must be fixed before the
roster is used: the worker cannot be classified, is counted elsewhere (a
duplicate), or cannot be identified (an ID that is certainly wrong: digits lost
to Excel, a bad check digit or birth date, a wrong length or characters);
``warning`` means classified and identified, but something is off. See
docs/problems.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jiekun.model.roster import Roster
from jiekun.text import table, words


@dataclass(frozen=True)
class ProblemType:
    """One problem code: how grave it is and a sample cell that raises it (its words: text/problems.py)."""

    code: str
    severity: str  # "error" | "warning"
    example: str


#: Every problem code jiekun can emit, in catalogue order: (code, severity, example).
_TYPES = (
    ("income_missing", "error", "家庭月收入 空"),
    ("income_invalid", "error", "约1200"),
    ("income_negative", "error", "-300"),
    ("size_missing", "error", "家庭人口 空"),
    ("size_invalid", "error", "0、-1、2.5、三"),
    ("duplicate_id", "error", "同一身份证号出现两次"),
    ("id_missing", "warning", "身份证号 空"),
    ("id_malformed", "error", "11010519750308"),
    ("id_bad_checksum", "error", "110105197503080021"),
    ("id_bad_birth", "error", "110105197513400023"),
    ("id_lost_digits", "error", "1.10105E+17"),
    ("id_legacy15", "warning", "110105750308002"),
    ("id_gender_mismatch", "warning", "性别 女，身份证第 17 位为奇数"),
    ("id_birth_mismatch", "warning", "出生日期 1975-03-09，身份证为 19750308"),
    ("id_digits_used", "warning", "校验位错误且无出生日期列"),
    ("per_capita_mismatch", "warning", "表中 300，计算 250.00"),
    ("income_high", "warning", "9999999"),
    ("costs_invalid", "warning", "医药费若干"),
    ("age_implausible", "warning", "年龄 12 或 95"),
    ("age_unknown", "warning", "三者皆空"),
    ("age_invalid", "warning", "四十"),
    ("gender_unknown", "warning", "两者皆空"),
    ("gender_invalid", "warning", "未填写"),
    ("birth_invalid", "warning", "1975年13月"),
    ("birth_future", "warning", "2030-01-01"),
    ("education_unknown", "warning", "扫盲班"),
    ("cause_unknown", "warning", "彩票"),
    ("not_a_worker", "warning", "只填了备注"),
    ("possible_duplicate", "warning", "同名、同性别、同出生日期，身份证号被 Excel 改坏"),
    ("assist_date_missing", "error", "日期 空"),
    ("assist_date_invalid", "error", "2025年13月"),
    ("assist_amount_invalid", "error", "约500"),
    ("assist_amount_fraction", "error", "100.005"),
    ("assist_amount_rounded", "warning", "30.000000000000004"),
    ("assist_amount_negative", "warning", "-200"),
    ("assist_acts_invalid", "error", "0、1.5、两次"),
    ("assist_kind_unknown", "warning", "爱心早餐"),
    ("assist_kind_missing", "warning", "帮扶类别 空"),
    ("assist_not_an_act", "warning", "只填了备注"),
    ("filed_category_unknown", "warning", "一般户"),
    ("formula_no_result", "warning", "=E5*12（没有保存结果）"),
    ("household_size_mismatch", "warning", "家庭人口 3，家庭成员 2 人 + 职工"),  # docs/household.md
    ("household_income_mismatch", "warning", "家庭月收入 3000，成员合计 2500"),  # docs/household.md
    ("member_in_two_households", "warning", "同一成员身份证号列在两名职工下"),  # docs/household.md
    ("member_is_worker", "warning", "成员身份证号也是花名册中的职工"),  # docs/household.md
    ("member_no_worker", "error", "职工身份证号在花名册中找不到"),  # docs/household.md
    ("member_income_invalid", "warning", "约800"),  # docs/household.md
)
CATALOGUE: dict[str, ProblemType] = {code: ProblemType(code, sev, ex) for code, sev, ex in _TYPES}
assert set(table("problems")["zh"]["message"]) == set(CATALOGUE) == set(table("problems")["zh"]["title"])

SEVERITY_ORDER = {"error": 0, "warning": 1}


def title(code: str, lang: str | None = None) -> str:
    """The short name of a problem type (for grouped tables and the catalogue)."""
    return words("problems", lang)["title"][code]


class ProblemCollector:
    """Collects findings as masks over the rows of a roster, without a loop per row."""

    def __init__(self, rows: np.ndarray, sheets: np.ndarray | None = None):
        self.rows = np.asarray(rows)
        self.sheets = None if sheets is None else np.asarray(sheets, dtype=object)  # per row, --sheet all
        self._parts: list[pd.DataFrame] = []

    @classmethod
    def of(cls, roster: Roster) -> ProblemCollector:
        """A collector over a roster's rows (and sheets), holding what reading found in its cells."""
        p = cls(roster.rows, roster.sheets)
        for f in roster.findings:
            mask = np.zeros(len(roster.rows), dtype=bool)
            mask[f.positions] = True
            p.add(f.code, mask, f.column)
        return p

    def add(
        self,
        code: str,
        mask: np.ndarray | pd.Series,
        column: str | None = None,
        value: pd.Series | None = None,
        detail: pd.Series | np.ndarray | str | Callable | None = None,
    ) -> None:
        """Record ``code`` for every row where ``mask`` holds.

        ``value`` and ``detail`` are whole columns, a constant, or a function of
        the mask that computes them for the flagged rows only.
        """
        if code not in CATALOGUE:
            raise KeyError(code)
        m = np.asarray(mask, dtype=bool)
        if not m.any():
            return
        n = int(m.sum())

        def pick(x, default=""):
            if x is None:
                return np.full(n, default, dtype=object)
            if isinstance(x, str):
                return np.full(n, x, dtype=object)
            if callable(x):  # computed for the flagged rows only
                return np.asarray(x(m), dtype=object)
            if isinstance(x, pd.Series):
                return x[m].to_numpy(dtype=object)
            return np.asarray(x)[m].astype(object)

        self._parts.append(
            pd.DataFrame(
                {
                    **({} if self.sheets is None else {"sheet": self.sheets[m]}),
                    "row": self.rows[m],
                    "column": column or "",
                    "value": pick(value),
                    "code": code,
                    "severity": CATALOGUE[code].severity,
                    "detail": pick(detail),
                }
            )
        )

    def frame(self) -> pd.DataFrame:
        """All findings, errors first, then by row."""
        if not self._parts:
            return empty_problems()
        df = pd.concat(self._parts, ignore_index=True)
        df["value"] = df["value"].fillna("").astype(str)
        df["detail"] = df["detail"].fillna("").astype(str)
        return sort_problems(df, None if self.sheets is None else list(dict.fromkeys(self.sheets.tolist())))


def sort_problems(df: pd.DataFrame, sheets: list | None = None) -> pd.DataFrame:
    """Errors first, then by row (stable within a row); by sheet (in the order ``sheets``) before row."""
    order = df["severity"].map(SEVERITY_ORDER)
    keys = ["_o", "_s", "row"] if "sheet" in df.columns else ["_o", "row"]
    sheet = 0
    if "sheet" in df.columns:
        sheet = (
            df["sheet"].map({s: i for i, s in enumerate(sheets)}) if sheets else pd.factorize(df["sheet"])[0]
        )
    return (
        df.assign(_o=order, _s=sheet)
        .sort_values(keys, kind="stable")
        .drop(columns=["_o", "_s"])
        .reset_index(drop=True)
    )


def empty_problems() -> pd.DataFrame:
    return pd.DataFrame(
        {
            c: pd.Series(dtype="int64" if c == "row" else object)
            for c in ("row", "column", "value", "code", "severity", "detail")
        }
    )


def messages(problems: pd.DataFrame, lang: str = "zh") -> pd.Series:
    """The message of each problem record in the report language."""
    w = words("problems", lang)
    out = pd.Series("", index=problems.index, dtype=object)
    for code, idx in problems.groupby("code", sort=False).groups.items():
        tmpl = w["message"][code]
        part = problems.loc[idx]
        vals = part["value"].tolist()
        dets = part["detail"].replace(w["detail"]).tolist()
        out.loc[idx] = [tmpl.format(value=v, detail=d) for v, d in zip(vals, dets, strict=True)]
    return out


def counts(problems: pd.DataFrame) -> dict[str, int]:
    """{"error": n, "warning": n}."""
    vc = problems["severity"].value_counts()
    return {"error": int(vc.get("error", 0)), "warning": int(vc.get("warning", 0))}
