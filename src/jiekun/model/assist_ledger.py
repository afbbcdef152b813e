"""What the cells of an assistance ledger (帮扶台账) mean: columns, kinds, amounts, periods.

Pure data and vectorised parsing; the counting is in :mod:`jiekun.model.assist`.
See docs/design.md, "Assistance ledger".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Final

import numpy as np
import pandas as pd

from jiekun.model.columns import FIELDS, normalize_header
from jiekun.model.values import parse_numbers
from jiekun.text import table

#: Kinds of help in report order (the county's 八位一体 eight, then the rest), each with
#: the words that name it; the first word is the kind's Chinese label.
ASSIST_KINDS: Final[dict[str, tuple[str, ...]]] = {
    "living": ("生活保障", "生活救助", "生活补助", "爱心卡"),
    "employment": ("就业创业", "职业培训", "职业介绍", "创业扶持"),
    "schooling": ("金秋助学", "助学", "子女助学", "圆梦计划"),
    "medical": ("医疗保障", "医疗救助", "大病救助"),
    "mutual_aid": ("互助保障", "互助金", "住院互助", "重病互助", "女职工互助"),
    "temporary": ("临时救助",),
    "pairing": ("社会结对", "一帮一", "结对帮扶"),
    "public_welfare": ("社会公益",),
    "warmth": ("送温暖", "走访慰问", "节日慰问", "春节慰问"),
    "sanatorium": ("疗休养",),
    "legal_aid": ("法律援助",),
    "donation": ("捐款",),
    "other": ("其他",),
}
KIND_KEYS: Final = tuple(ASSIST_KINDS)
OTHER: Final = KIND_KEYS.index("other")
assert tuple(table("assist")["zh"]["kind"]) == KIND_KEYS
assert all(table("assist")["zh"]["kind"][k] == w[0] for k, w in ASSIST_KINDS.items())

#: Ledger field → header aliases, in the shape of ``jiekun.model.columns.FIELDS``.
LEDGER_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "date": ("日期", "帮扶时间", "发放日期", "帮扶日期", "救助日期", "发放时间", "date"),
    "id": FIELDS["id"],
    "name": FIELDS["name"],
    "kind": ("帮扶类别", "帮扶项目", "救助类型", "补助类型", "帮扶类型", "救助项目", "类别", "kind"),
    "amount": ("金额", "补助金额", "发放金额", "帮扶金额", "救助金额", "慰问金额", "amount"),
    "acts": ("人次", "帮扶人次", "acts"),
    "unit": ("帮扶单位", "补助机构", "责任单位", "发放单位", "unit"),
    "person": ("责任人", "经办人", "person"),
    "note": ("备注", "note"),
}

#: Word rules for ledger headers no alias names, tried in order (like the roster's).
LEDGER_WORD_RULES: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("id", ("身份证",)),
    ("id", ("证件号",)),
    ("acts", ("人次",)),
    ("amount", ("金额",)),
    ("date", ("日期",)),
    ("date", ("时间",)),
    ("kind", ("类别",)),
    ("kind", ("类型",)),
    ("kind", ("项目",)),
    ("unit", ("单位",)),
    ("unit", ("机构",)),
    ("person", ("责任人",)),
    ("person", ("经办",)),
    ("name", ("姓名",)),
    ("note", ("备注",)),
)


def ledger_missing(fields: Mapping[str, object]) -> list[str]:
    """What a ledger lacks to be counted: a kind, and an ID or a name (headers named in Chinese)."""
    missing = []
    if "id" not in fields and "name" not in fields:
        missing.append(f"{LEDGER_FIELDS['id'][0]} 或 {LEDGER_FIELDS['name'][0]}")
    if "kind" not in fields:
        missing.append(LEDGER_FIELDS["kind"][0])
    return missing


def union_year(year: int) -> tuple[dt.date, dt.date]:
    """The union statistical year named by the year it ends in: 2025 is 2024-10-01 … 2025-09-30."""
    return dt.date(year - 1, 10, 1), dt.date(year, 9, 30)


# ------------------------------------------------------------------------------ kinds


def kind_words(extra: Mapping[str, Sequence[str]] | None = None) -> dict[str, str]:
    """Normalised word → kind key: the built-in synonyms, then the rules file's (which win)."""
    out = {normalize_header(w): k for k, words in ASSIST_KINDS.items() for w in words}
    for k, words in (extra or {}).items():
        if k not in ASSIST_KINDS:
            raise KeyError(k)
        out.update({normalize_header(w): k for w in words})
    return out


def kind_of(value: str, words: Mapping[str, str]) -> str | None:
    """The kind key of one ledger value; None when no known word is in it.

    Exact match first, then the longest known word the value contains
    (春节慰问金 → 送温暖, 住院互助金 → 互助保障).
    """
    v = normalize_header(value)
    if v in words:
        return words[v]
    for w in sorted(words, key=len, reverse=True):
        if w and w in v:
            return words[w]
    return None


def kind_codes(text: pd.Series, words: Mapping[str, str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Codes into ``KIND_KEYS`` of normalised cells, and the masks "blank" and "unknown" (both → other).

    Each distinct value is looked up once.
    """
    codes, uniques = pd.factorize(text, sort=False)
    found = [kind_of(u, words) if u else None for u in uniques.tolist()]
    per_unique = np.array([KIND_KEYS.index(k) if k else OTHER for k in found] + [OTHER], dtype=np.int8)
    unknown_u = np.array(
        [k is None and bool(u) for k, u in zip(found, uniques.tolist(), strict=True)] + [False]
    )
    at = np.where(codes < 0, len(uniques), codes)
    blank = (text == "").to_numpy(dtype=bool)
    return per_unique[at], blank, unknown_u[at]


# ---------------------------------------------------------------------------- amounts

#: Amount statuses: counted as written; blank (0); not a number (0); a part below one fen
#: (0); a binary-float error from a spreadsheet formula (rounded to the fen, with a warning).
AMOUNT_OK, AMOUNT_BLANK, AMOUNT_INVALID, AMOUNT_FRACTION, AMOUNT_ROUNDED = range(5)
MAX_YUAN: Final = Decimal(10) ** 12
_FLOAT_DIGITS: Final = 15  # a value this precise only comes from a float cell, never a clerk
_NOT_DIGITS: Final = re.compile(r"[^0-9.eE+-]")


def _fen_of(text: str) -> tuple[int, int]:
    """(fen, status) of one amount already known to be a number (see :func:`amounts_fen`)."""
    try:
        d = Decimal(_NOT_DIGITS.sub("", text.replace("\u2212", "-")))
    except InvalidOperation:
        return 0, AMOUNT_INVALID
    if not d.is_finite() or abs(d) > MAX_YUAN:
        return 0, AMOUNT_INVALID
    fen = d * 100
    whole = fen.to_integral_value()
    if fen == whole:
        return int(whole), AMOUNT_OK
    digits = len(d.as_tuple().digits)
    if digits >= _FLOAT_DIGITS and abs(fen - whole) < Decimal("1e-6"):
        return int(whole), AMOUNT_ROUNDED
    return 0, AMOUNT_FRACTION


def amounts_fen(text: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Amounts in integer fen, exactly, and a status per cell (``AMOUNT_*``).

    The number forms are those of :func:`jiekun.model.values.parse_numbers` (¥, 元,
    thousands separators, full-width digits); the value is then read as a decimal, never
    through a float. Fen rounding: there is none. A value with a non-zero part below one
    fen (100.005) is an error and counts 0; only the error a float cell carries
    (30.000000000000004, 15 or more significant digits, within 10⁻⁶ fen of a whole fen)
    is taken as that fen, with a warning. Each distinct value is parsed once.
    """
    codes, uniques = pd.factorize(text, sort=False)
    u = pd.Series(uniques, dtype="str")
    number = parse_numbers(u).notna().to_numpy(dtype=bool)
    fen = np.zeros(len(u) + 1, dtype=np.int64)
    status = np.full(len(u) + 1, AMOUNT_INVALID, dtype=np.int8)
    status[-1] = AMOUNT_BLANK
    for i in np.flatnonzero(number).tolist():
        fen[i], status[i] = _fen_of(uniques[i])
    blank = (u == "").to_numpy(dtype=bool)
    status[:-1][blank] = AMOUNT_BLANK
    at = np.where(codes < 0, len(u), codes)
    return fen[at], status[at]


def yuan_to_fen(value: float | int | str) -> int:
    """A cap or threshold in yuan (from a rules file) as exact fen; ValueError below one fen."""
    d = Decimal(str(value))
    fen = d * 100
    if not d.is_finite() or fen != fen.to_integral_value():
        raise ValueError(value)
    return int(fen)


def fen_text(fen: int) -> str:
    """Fen as a work summary writes yuan: 8,200 or 8,200.50."""
    sign, fen = ("-" if fen < 0 else ""), abs(int(fen))
    yuan, cents = divmod(fen, 100)
    return f"{sign}{yuan:,}" + (f".{cents:02d}" if cents else "")
