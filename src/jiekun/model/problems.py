"""Row-level problem records: the catalogue of codes and a vectorised collector.

Every finding is a record (Excel row, column, value, code, severity, detail);
messages are rendered in the report language from the catalogue. ``error``
means the worker cannot be classified or is counted elsewhere (a duplicate);
``warning`` means classified, but something is off. See docs/problems.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class ProblemType:
    code: str
    severity: str  # "error" | "warning"
    zh: str
    en: str
    example: str


def _p(code: str, severity: str, zh: str, en: str, example: str) -> ProblemType:
    return ProblemType(code, severity, zh, en, example)


#: Every problem code jiekun can emit. ``{value}`` is the cell, ``{detail}`` a derived figure.
CATALOGUE: dict[str, ProblemType] = {
    p.code: p
    for p in (
        _p(
            "income_missing",
            "error",
            "收入为空，无法计算人均月收入",
            "Income is blank; per-capita income cannot be computed",
            "家庭月收入 空",
        ),
        _p(
            "income_invalid",
            "error",
            "收入“{value}”无法识别为金额",
            "Income '{value}' is not an amount",
            "约1200",
        ),
        _p(
            "income_negative",
            "error",
            "收入为负数（{value}）",
            "Income is negative ({value})",
            "-300",
        ),
        _p(
            "size_missing",
            "error",
            "家庭人口为空，无法计算人均月收入",
            "Household size is blank; per-capita income cannot be computed",
            "家庭人口 空",
        ),
        _p(
            "size_invalid",
            "error",
            "家庭人口“{value}”不是正整数",
            "Household size '{value}' is not a positive whole number",
            "0、-1、2.5、三",
        ),
        _p(
            "duplicate_id",
            "error",
            "身份证号与第 {detail} 行重复，本行不重复计数",
            "ID number repeats row {detail}; this row is not counted again",
            "同一身份证号出现两次",
        ),
        _p("id_missing", "warning", "身份证号为空", "ID number is blank", "身份证号 空"),
        _p(
            "id_malformed",
            "warning",
            "身份证号“{value}”位数或字符不对（应为 18 位，或 15 位旧号）",
            "ID number '{value}' has the wrong length or characters (18 digits, or 15 for old IDs)",
            "11010519750308",
        ),
        _p(
            "id_bad_checksum",
            "warning",
            "身份证号校验位不对，可能有录入错误",
            "ID number check digit is wrong; probably a typing error",
            "110105197503080021",
        ),
        _p(
            "id_bad_birth",
            "warning",
            "身份证号中的出生日期不存在",
            "The birth date inside the ID number does not exist",
            "110105197513400023",
        ),
        _p(
            "id_lost_digits",
            "warning",
            "身份证号被 Excel 存成了数字，末几位已丢失（{value}）；请把该列设为文本后按原件重新录入",
            "ID number was stored as a number by Excel and lost its last digits ({value}); set the column to Text and re-enter it",
            "1.10105E+17",
        ),
        _p(
            "id_legacy15",
            "warning",
            "15 位旧身份证号，已换算为 18 位：{detail}",
            "15-digit legacy ID number converted to 18 digits: {detail}",
            "110105750308002",
        ),
        _p(
            "id_gender_mismatch",
            "warning",
            "性别“{value}”与身份证号不一致（身份证号显示为{detail}），按身份证号统计",
            "Gender '{value}' disagrees with the ID number (the ID says {detail}); the ID is used",
            "性别 女，身份证第 17 位为奇数",
        ),
        _p(
            "id_birth_mismatch",
            "warning",
            "出生日期“{value}”与身份证号不一致（身份证号显示为 {detail}），按身份证号统计",
            "Birth date '{value}' disagrees with the ID number (the ID says {detail}); the ID is used",
            "出生日期 1975-03-09，身份证为 19750308",
        ),
        _p(
            "id_digits_used",
            "warning",
            "身份证号无效，{detail}按其中的数字推算，仅供参考",
            "ID number is invalid; {detail} taken from its digits, to be checked",
            "校验位错误且无出生日期列",
        ),
        _p(
            "per_capita_mismatch",
            "warning",
            "表中人均月收入“{value}”与按家庭收入计算的 {detail} 相差超过容差，按计算值分类",
            "Stated per-capita income '{value}' differs from the computed {detail}; the computed figure is used",
            "表中 300，计算 250.00",
        ),
        _p(
            "income_high",
            "warning",
            "家庭收入 {value} 高得不合常理，请核实",
            "Household income {value} is implausibly high; please check",
            "9999999",
        ),
        _p(
            "costs_invalid",
            "warning",
            "刚性支出“{value}”无法识别，按 0 计算",
            "Unavoidable costs '{value}' not understood; taken as 0",
            "医药费若干",
        ),
        _p(
            "age_implausible",
            "warning",
            "年龄 {detail} 岁，不像在职职工，请核实",
            "Age {detail} is implausible for a worker; please check",
            "年龄 12 或 95",
        ),
        _p(
            "age_unknown",
            "warning",
            "无法确定年龄（没有有效的身份证号、出生日期或年龄），归入“未知”组",
            "Age unknown (no valid ID, birth date or age); grouped as unknown",
            "三者皆空",
        ),
        _p(
            "age_invalid",
            "warning",
            "年龄“{value}”无法识别",
            "Age '{value}' is not understood",
            "四十",
        ),
        _p(
            "gender_unknown",
            "warning",
            "无法确定性别（没有有效的身份证号或性别），归入“未知”组",
            "Gender unknown (no valid ID or gender); grouped as unknown",
            "两者皆空",
        ),
        _p(
            "gender_invalid",
            "warning",
            "性别“{value}”无法识别（应为 男/女）",
            "Gender '{value}' is not understood (男/女, M/F)",
            "未填写",
        ),
        _p(
            "birth_invalid",
            "warning",
            "出生日期“{value}”无法识别",
            "Birth date '{value}' is not understood",
            "1975年13月",
        ),
        _p(
            "birth_future",
            "warning",
            "出生日期 {value} 晚于统计日期",
            "Birth date {value} is after the as-of date",
            "2030-01-01",
        ),
        _p(
            "education_unknown",
            "warning",
            "文化程度“{value}”不在词表中，归入“未知”",
            "Education '{value}' is not in the vocabulary; counted as unknown",
            "扫盲班",
        ),
        _p(
            "cause_unknown",
            "warning",
            "致困原因“{detail}”不在词表中，归入“其他”",
            "Cause '{detail}' is not in the vocabulary; counted as other",
            "彩票",
        ),
        _p(
            "not_a_worker",
            "warning",
            "此行没有身份证号、姓名和收入，未作为职工计数",
            "Row has no ID, no name and no income; not counted as a worker",
            "只填了备注",
        ),
    )
}

#: A short name of each problem type (for grouped tables and the catalogue).
TITLES: dict[str, tuple[str, str]] = {
    "income_missing": ("收入为空", "income missing"),
    "income_invalid": ("收入无法识别", "income not understood"),
    "income_negative": ("收入为负数", "income negative"),
    "size_missing": ("家庭人口为空", "household size missing"),
    "size_invalid": ("家庭人口不是正整数", "household size not a positive whole number"),
    "duplicate_id": ("身份证号重复", "duplicate ID number"),
    "id_missing": ("身份证号为空", "ID number missing"),
    "id_malformed": ("身份证号位数或字符不对", "ID number wrong length or characters"),
    "id_bad_checksum": ("身份证号校验位错误", "ID number check digit wrong"),
    "id_bad_birth": ("身份证号出生日期不存在", "impossible birth date in ID number"),
    "id_lost_digits": ("身份证号被存成数字、末位丢失", "ID number stored as a number, digits lost"),
    "id_legacy15": ("15 位旧身份证号", "15-digit legacy ID number"),
    "id_gender_mismatch": ("性别与身份证号不一致", "gender disagrees with ID number"),
    "id_birth_mismatch": ("出生日期与身份证号不一致", "birth date disagrees with ID number"),
    "id_digits_used": ("按无效身份证号推算年龄/性别", "age/gender taken from an invalid ID"),
    "per_capita_mismatch": ("人均收入与计算值不符", "stated per-capita income disagrees"),
    "income_high": ("收入过高", "income implausibly high"),
    "costs_invalid": ("刚性支出无法识别", "unavoidable costs not understood"),
    "age_implausible": ("年龄不合理", "implausible age"),
    "age_unknown": ("年龄未知", "age unknown"),
    "age_invalid": ("年龄无法识别", "age not understood"),
    "gender_unknown": ("性别未知", "gender unknown"),
    "gender_invalid": ("性别无法识别", "gender not understood"),
    "birth_invalid": ("出生日期无法识别", "birth date not understood"),
    "birth_future": ("出生日期在统计日期之后", "birth date in the future"),
    "education_unknown": ("文化程度不在词表中", "education not in the vocabulary"),
    "cause_unknown": ("致困原因不在词表中", "cause not in the vocabulary"),
    "not_a_worker": ("非职工行", "row without a worker"),
}
assert set(TITLES) == set(CATALOGUE)

SEVERITY_ORDER = {"error": 0, "warning": 1}
_GENDER_EN = {"男": "male", "女": "female"}
_DETAIL_EN = {"年龄和性别": "age and gender", "年龄": "age", "性别": "gender"}


class ProblemCollector:
    """Collects findings as masks over the rows of a roster, without a loop per row."""

    def __init__(self, rows: np.ndarray):
        self.rows = np.asarray(rows)
        self._parts: list[pd.DataFrame] = []

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
        return sort_problems(df)


def sort_problems(df: pd.DataFrame) -> pd.DataFrame:
    """Errors first, then by row (stable within a row)."""
    order = df["severity"].map(SEVERITY_ORDER)
    return (
        df.assign(_o=order)
        .sort_values(["_o", "row"], kind="stable")
        .drop(columns="_o")
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
    out = pd.Series("", index=problems.index, dtype=object)
    for code, idx in problems.groupby("code", sort=False).groups.items():
        tmpl = getattr(CATALOGUE[code], "en" if lang == "en" else "zh")
        part = problems.loc[idx]
        detail = part["detail"]
        if lang == "en":
            detail = detail.replace(_GENDER_EN).replace(_DETAIL_EN)
        vals = part["value"].tolist()
        dets = detail.tolist()
        out.loc[idx] = [tmpl.format(value=v, detail=d) for v, d in zip(vals, dets, strict=True)]
    return out


def counts(problems: pd.DataFrame) -> dict[str, int]:
    """{"error": n, "warning": n}."""
    vc = problems["severity"].value_counts()
    return {"error": int(vc.get("error", 0)), "warning": int(vc.get("warning", 0))}
