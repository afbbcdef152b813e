"""Tests for jiekun.model.values: text normalisation, numbers and dates."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jiekun.model.values import (
    DATE_DTYPE,
    dates_from_parts,
    normalize_text,
    parse_dates,
    parse_numbers,
)

# Every way a column of text cells can reach us: object (str and None/NaN),
# pandas 3's default "str" (pyarrow-backed here), "str" backed by Python
# objects (the path taken without pyarrow), and the pd.NA "string" dtype.
DTYPES = [
    object,
    "str",
    pd.StringDtype("python", na_value=np.nan),
    "string",
]


def series(values: list[object], dtype: object) -> pd.Series:
    return pd.Series(values, dtype=dtype)


# --------------------------------------------------------------------- text


@pytest.mark.parametrize("dtype", DTYPES)
def test_normalize_text(dtype: object) -> None:
    s = series(["\u3000ＡＢ１２３\xa0", " x ", None, "", "\ufeff（元）\u200b"], dtype)
    assert normalize_text(s).tolist() == ["AB123", "x", "", "", "(元)"]


def test_normalize_text_non_string_objects() -> None:
    s = pd.Series([5, 1.5, np.nan, None, pd.NA, "a"], dtype=object, index=[9, 8, 7, 6, 5, 4])
    out = normalize_text(s)
    assert out.tolist() == ["5", "1.5", "", "", "", "a"]
    assert out.index.equals(s.index)


def test_normalize_text_lone_surrogate_does_not_raise() -> None:
    assert normalize_text(pd.Series(["a\ud800b"], dtype=object)).tolist() == ["a?b"]


# ------------------------------------------------------------------ numbers

NUMBER_CASES = [
    ("１，２３４．５０元", 1234.5),
    ("¥1,234", 1234.0),
    ("￥８００", 800.0),
    (" 280.00 ", 280.0),
    ("280", 280.0),
    ("-5", -5.0),
    ("+5", 5.0),
    ("−3", -3.0),  # U+2212 MINUS SIGN
    ("-¥5", -5.0),
    ("¥-5", -5.0),
    ("RMB 1 234", 1234.0),
    ("rmb1234", 1234.0),
    ("1234 RMB", 1234.0),
    ("5(元)", 5.0),
    ("5（元）", 5.0),
    ("1 234", 1234.0),
    ("1.5e3", 1500.0),
    ("1.5E-1", 0.15),
    (".5", 0.5),
    ("1,234,567.89", 1234567.89),
    ("0", 0.0),
    ("abc", None),
    ("", None),
    ("   ", None),
    ("1.2.3", None),
    ("12abc", None),
    ("约300", None),
    ("300-400", None),
    ("1,2345", None),
    ("12,34", None),
    ("+-5", None),
    ("--5", None),
    ("-¥-5", None),
    ("(元)5", None),
    ("元", None),
    ("¥", None),
    ("nan", None),
    ("inf", None),
    ("1e999", None),
    ("e5", None),
]


@pytest.mark.parametrize("dtype", DTYPES)
def test_parse_numbers_cases(dtype: object) -> None:
    texts = [t for t, _ in NUMBER_CASES]
    expected = [np.nan if v is None else v for _, v in NUMBER_CASES]
    out = parse_numbers(series(texts, dtype))
    assert out.dtype == np.float64
    np.testing.assert_allclose(out.to_numpy(), expected, equal_nan=True)


def test_parse_numbers_blanks_and_index() -> None:
    s = pd.Series(["1", None, np.nan, "2", "1"], dtype=object, index=list("abcde"), name="收入")
    out = parse_numbers(s)
    assert out.index.equals(s.index)
    assert out.name == "收入"
    np.testing.assert_array_equal(out.to_numpy(), [1.0, np.nan, np.nan, 2.0, 1.0])


def test_parse_numbers_empty() -> None:
    out = parse_numbers(pd.Series([], dtype=object))
    assert len(out) == 0 and out.dtype == np.float64


# -------------------------------------------------------------------- dates

D = dt.date
DATE_CASES: list[tuple[str, D | None, bool]] = [
    ("1975-03-08", D(1975, 3, 8), False),
    ("1975/3/8", D(1975, 3, 8), False),
    ("1975.3.8", D(1975, 3, 8), False),
    ("19750308", D(1975, 3, 8), False),
    ("19750308.0", D(1975, 3, 8), False),
    ("1975年3月8日", D(1975, 3, 8), False),
    ("1975年3月8号", D(1975, 3, 8), False),
    ("1975 年 3 月 8 日", D(1975, 3, 8), False),
    ("１９７５年３月８日", D(1975, 3, 8), False),
    ("１９７５－０３－０８", D(1975, 3, 8), False),
    ("1975-03-08 00:00:00", D(1975, 3, 8), False),
    ("1975-03-08T00:00:00", D(1975, 3, 8), False),
    ("1975/3/8 0:00", D(1975, 3, 8), False),
    ("1975-03-08 13:45:10.5", D(1975, 3, 8), False),
    ("1975年3月", D(1975, 3, 1), True),
    ("1975年03月", D(1975, 3, 1), True),
    ("1975-3", D(1975, 3, 1), True),
    ("1975-03", D(1975, 3, 1), True),
    ("1975.3", D(1975, 3, 1), True),
    ("1975.03", D(1975, 3, 1), True),
    ("1975/03", D(1975, 3, 1), True),
    ("197503", D(1975, 3, 1), True),
    ("197512", D(1975, 12, 1), True),
    # Excel serials: 1899-12-30 + n for n > 60, 1899-12-31 + n below 60.
    ("27461", D(1975, 3, 8), False),
    ("27461.0", D(1975, 3, 8), False),
    ("27461.75", D(1975, 3, 8), False),
    ("1", D(1900, 1, 1), False),
    ("59", D(1900, 2, 28), False),
    ("60", None, False),  # Excel's fictitious 1900-02-29
    ("61", D(1900, 3, 1), False),
    ("73415", D(2100, 12, 31), False),
    ("73416", None, False),  # 2101-01-01: out of range
    ("2958465", None, False),  # 9999-12-31: a serial, but out of range
    ("0", None, False),
    # impossible or out of range
    ("1975-02-30", None, False),
    ("1975-13-01", None, False),
    ("1975-00-10", None, False),
    ("1975-03-00", None, False),
    ("19750230", None, False),
    ("19751301", None, False),
    ("197513", None, False),
    ("197500", None, False),
    ("1975年13月", None, False),
    ("1975年2月30日", None, False),
    ("1899-12-31", None, False),
    ("2101-01-01", None, False),
    ("1900-02-29", None, False),
    ("1976-02-29", D(1976, 2, 29), False),
    ("2000-02-29", D(2000, 2, 29), False),
    ("2100-02-29", None, False),
    # not dates
    ("", None, False),
    ("abc", None, False),
    ("1975-3/8", None, False),
    ("1975年", None, False),
    ("75-3-8", None, False),
    ("-27461", None, False),
    ("1975-03-08x", None, False),
]


@pytest.mark.parametrize("dtype", DTYPES)
def test_parse_dates_cases(dtype: object) -> None:
    texts = [t for t, _, _ in DATE_CASES]
    out = parse_dates(series(texts, dtype))
    assert list(out.columns) == ["date", "month_only"]
    assert out["date"].dtype == DATE_DTYPE
    assert out["month_only"].dtype == bool
    got = [None if pd.isna(d) else d.date() for d in out["date"]]
    for (text, want, month_only), have, have_month in zip(DATE_CASES, got, out["month_only"], strict=True):
        assert have == want, text
        assert have_month == month_only, text


def test_excel_serial_epoch() -> None:
    expected = dt.date(1899, 12, 30) + dt.timedelta(days=27461)
    assert expected == dt.date(1975, 3, 8)
    out = parse_dates(pd.Series(["27461"]))
    assert out["date"].iloc[0].date() == expected


def test_parse_dates_blanks_and_index() -> None:
    s = pd.Series(["1975-03-08", None, np.nan, "", "1975年3月"], dtype=object, index=[5, 4, 3, 2, 1])
    out = parse_dates(s)
    assert out.index.equals(s.index)
    assert out["date"].isna().tolist() == [False, True, True, True, False]
    assert out["month_only"].tolist() == [False, False, False, False, True]


def test_parse_dates_numbers_in_object_column() -> None:
    # A reader that let numbers through: 27461.0 (float) and 19750308 (int).
    out = parse_dates(pd.Series([27461.0, 19750308, 27461], dtype=object))
    assert [d.date() for d in out["date"]] == [dt.date(1975, 3, 8)] * 3


def test_parse_dates_empty() -> None:
    out = parse_dates(pd.Series([], dtype="str"))
    assert len(out) == 0 and out["date"].dtype == DATE_DTYPE


def test_dates_from_parts() -> None:
    dates, valid = dates_from_parts(
        np.array([1975, 1975, 1899, 2024, 2023]),
        np.array([3, 2, 12, 2, 2]),
        np.array([8, 29, 31, 29, 29]),
    )
    assert valid.tolist() == [True, False, False, True, False]
    assert dates.dtype == DATE_DTYPE
    assert str(dates[0]) == "1975-03-08T00:00:00"
    assert str(dates[3]) == "2024-02-29T00:00:00"
    assert np.isnat(dates[1])


# ------------------------------------------------------------- properties

cells = st.one_of(
    st.text(),
    st.text(alphabet="0123456789-/.年月日号 ：:T元¥,，１２３Ee+"),
    st.none(),
    st.just(""),
)


def _index_for(n: int, duplicated: bool) -> pd.Index:
    # A non-default, non-monotonic index (with repeated labels if asked), so
    # that any accidental alignment on labels shows.
    labels = np.arange(n)[::-1] * 3 + 7
    return pd.Index(labels // 2 if duplicated else labels)


@settings(max_examples=200, deadline=None)
@given(st.lists(cells, max_size=30), st.sampled_from(DTYPES), st.booleans())
def test_properties_never_raise_and_keep_index(values: list[object], dtype: object, duplicated: bool) -> None:
    s = pd.Series(values, dtype=object, index=_index_for(len(values), duplicated))
    if dtype is not object:
        s = s.astype(dtype)
    for out in (normalize_text(s), parse_numbers(s), parse_dates(s)):
        assert len(out) == len(s)
        assert out.index.equals(s.index)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.text(), st.none()), max_size=30))
def test_properties_each_value_parses_alone_as_in_a_column(values: list[object]) -> None:
    s = pd.Series(values, dtype=object)
    numbers, dates = parse_numbers(s), parse_dates(s)
    for i, v in enumerate(values):
        one = pd.Series([v], dtype=object)
        np.testing.assert_equal(parse_numbers(one).iloc[0], numbers.iloc[i])
        assert parse_dates(one).iloc[0].equals(dates.iloc[i])


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_property_date_round_trip(d: dt.date) -> None:
    texts = [
        d.isoformat(),
        f"{d.year}/{d.month}/{d.day}",
        f"{d.year}.{d.month}.{d.day}",
        d.strftime("%Y%m%d"),
        f"{d.year}年{d.month}月{d.day}日",
    ]
    if d >= dt.date(1900, 3, 1):
        texts.append(str((d - dt.date(1899, 12, 30)).days))
    out = parse_dates(pd.Series(texts))
    assert [x.date() for x in out["date"]] == [d] * len(texts)
    assert not out["month_only"].any()


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=-1e9, max_value=1e9, places=2, allow_nan=False))
def test_property_number_round_trip(x: object) -> None:
    value = float(x)  # type: ignore[arg-type]
    texts = [f"{value:.2f}", f"{value:,.2f}", f"{value:.2f}元", f"¥{value:,.2f}"]
    out = parse_numbers(pd.Series(texts))
    np.testing.assert_allclose(out.to_numpy(), [value] * len(texts))
