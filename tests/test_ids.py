"""Tests for jiekun.model.ids: GB 11643-1999 ID validation and masking.

All ID numbers here are synthetic: area code 110105 and made-up sequence
numbers, with check digits computed by the standard's formula.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jiekun.model.ids import ID_STATUSES, ascii_matrix, check_ids, id_check_digit, mask_ids
from jiekun.model.values import DATE_DTYPE

DTYPES = [object, "str", pd.StringDtype("python", na_value=np.nan), "string"]

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def reference_check_digit(first17: str) -> str:
    """The check digit written out plainly, as in the standard."""
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, WEIGHTS, strict=True)) % 11]


VALID = "110105197503080028"  # born 1975-03-08, sequence 002 (even: female)
VALID_X = "11010519800101018X"  # born 1980-01-01, sequence 018 (17th digit 8: female)
VALID_000 = "110105197503087000"  # a real-looking ID that ends in 000 and is valid
LOST_000 = "110105197503080000"  # ends in 000, check digit should be 1
LEGACY = "110105750308002"  # 15-digit legacy form of VALID
BAD_CHECKSUM = "110105197503080021"
BAD_BIRTH_MONTH = "11010519751308002" + reference_check_digit("11010519751308002")
BAD_BIRTH_FEB30 = "11010519750230002" + reference_check_digit("11010519750230002")
BAD_BIRTH_1899 = "11010518990308002" + reference_check_digit("11010518990308002")
BAD_BIRTH_2101 = "11010521010308002" + reference_check_digit("11010521010308002")


def test_check_digit_vectors() -> None:
    assert id_check_digit("11010519750308002") == "8"
    assert id_check_digit("11010519800101018") == "X"
    assert id_check_digit("11010519750308700") == "0"
    assert id_check_digit("11010519750308000") == "1"
    for first17 in ("11010519750308002", "11010519800101018", "31010419900615200"):
        assert id_check_digit(first17) == reference_check_digit(first17)


@pytest.mark.parametrize("bad", ["", "1101051975030800", "110105197503080028", "1101051975030800a"])
def test_check_digit_rejects_bad_input(bad: str) -> None:
    with pytest.raises(ValueError):
        id_check_digit(bad)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_check_digit_matches_reference(first17: str) -> None:
    assert id_check_digit(first17) == reference_check_digit(first17)


# (input, id, status, birth, male)
CASES: list[tuple[object, str, str, dt.date | None, bool | None]] = [
    (VALID, VALID, "ok", dt.date(1975, 3, 8), False),
    (VALID_X.lower(), VALID_X, "ok", dt.date(1980, 1, 1), False),
    (VALID_X, VALID_X, "ok", dt.date(1980, 1, 1), False),
    (f" {VALID[:6]} {VALID[6:14]}\u3000{VALID[14:]}\t", VALID, "ok", dt.date(1975, 3, 8), False),
    ("１１０１０５１９７５０３０８００２８", VALID, "ok", dt.date(1975, 3, 8), False),
    ("\ufeff" + VALID, VALID, "ok", dt.date(1975, 3, 8), False),
    (VALID_000, VALID_000, "ok", dt.date(1975, 3, 8), False),
    (LEGACY, VALID, "legacy15", dt.date(1975, 3, 8), False),
    ("110105750308001", "11010519750308001X", "legacy15", dt.date(1975, 3, 8), True),
    (LOST_000, LOST_000, "lost_digits", None, None),
    ("1.10105197503080E+17", "1.10105197503080E+17", "lost_digits", None, None),
    ("1.1e17", "1.1e17", "lost_digits", None, None),
    ("110105197503080000.0", "110105197503080000.0", "lost_digits", None, None),
    ("110105197503080028.00", "110105197503080028.00", "lost_digits", None, None),
    (BAD_CHECKSUM, BAD_CHECKSUM, "bad_checksum", dt.date(1975, 3, 8), False),
    ("110105197513080029", "110105197513080029", "bad_checksum", None, False),
    (BAD_BIRTH_MONTH, BAD_BIRTH_MONTH, "bad_birth", None, False),
    (BAD_BIRTH_FEB30, BAD_BIRTH_FEB30, "bad_birth", None, False),
    (BAD_BIRTH_1899, BAD_BIRTH_1899, "bad_birth", None, False),
    (BAD_BIRTH_2101, BAD_BIRTH_2101, "bad_birth", None, False),
    ("110105751308002", "110105751308002", "bad_birth", None, False),
    ("110105000229003", "110105000229003", "bad_birth", None, True),  # 1900 not leap
    ("11010519750308", "11010519750308", "bad_length", None, None),
    ("1101051975030800281", "1101051975030800281", "bad_length", None, None),
    ("12345X", "12345X", "bad_length", None, None),
    ("11010575030800X", "11010575030800X", "bad_length", None, None),
    ("7", "7", "bad_length", None, None),
    ("abc", "abc", "bad_chars", None, None),
    ("11010519750308002Y", "11010519750308002Y", "bad_chars", None, None),
    ("1101051975030X0028", "1101051975030X0028", "bad_chars", None, None),
    ("110105-19750308-0028", "110105-19750308-0028", "bad_chars", None, None),
    ("-1.1e17", "-1.1e17", "bad_chars", None, None),
    ("无", "无", "bad_chars", None, None),
    ("", "", "blank", None, None),
    ("  \u3000", "", "blank", None, None),
    (None, "", "blank", None, None),
    (np.nan, "", "blank", None, None),
]


def frame(values: list[object], dtype: object = object) -> pd.DataFrame:
    s = pd.Series(values, dtype=object)
    if dtype is not object:
        s = s.astype(dtype)
    return check_ids(s)


@pytest.mark.parametrize("dtype", DTYPES)
def test_check_ids_cases(dtype: object) -> None:
    out = frame([c[0] for c in CASES], dtype)
    assert list(out.columns) == ["id", "status", "birth", "male", "valid"]
    assert isinstance(out["status"].dtype, pd.CategoricalDtype)
    assert list(out["status"].cat.categories) == list(ID_STATUSES)
    assert out["birth"].dtype == DATE_DTYPE
    assert out["male"].dtype == "boolean"
    assert out["valid"].dtype == bool
    for (raw, want_id, want_status, want_birth, want_male), row in zip(
        CASES, out.itertuples(index=False), strict=True
    ):
        label = repr(raw)
        assert row.id == want_id, label
        assert row.status == want_status, label
        assert (None if pd.isna(row.birth) else row.birth.date()) == want_birth, label
        assert (None if pd.isna(row.male) else bool(row.male)) == want_male, label
        assert row.valid == (want_status in {"ok", "legacy15"}), label


def test_legacy_conversion_is_valid_18() -> None:
    out = frame([LEGACY, "110105750308001"])
    for converted in out["id"]:
        assert len(converted) == 18
        assert converted[6:8] == "19"
        assert id_check_digit(converted[:17]) == converted[17]
        assert frame([converted])["status"].iloc[0] == "ok"


def test_index_is_kept() -> None:
    s = pd.Series([VALID, None, LEGACY, "abc"], index=["d", "c", "b", "a"], dtype=object)
    out = check_ids(s)
    assert out.index.equals(s.index)
    assert out.loc["b", "id"] == VALID
    assert out.loc["c", "status"] == "blank"


def test_duplicate_index_and_empty() -> None:
    s = pd.Series([VALID, LEGACY, " 1 ", VALID_X.lower(), "ａ"], index=[1, 1, 1, 2, 2], dtype=object)
    assert check_ids(s)["id"].tolist() == [VALID, VALID, "1", VALID_X, "a"]
    # Masking shows the text as given (normalised), it does not clean the ID.
    masked = ["110105********0028", "110105*****8002", "*", "110105********018x", "*"]
    assert mask_ids(s).tolist() == masked
    empty = check_ids(pd.Series([], dtype=object))
    assert len(empty) == 0
    assert list(empty.columns) == ["id", "status", "birth", "male", "valid"]


def test_numbers_in_object_column() -> None:
    # A reader that let Excel's float through still gets lost_digits, not a crash.
    out = check_ids(pd.Series([1.10105197503080e17, 110105750308002], dtype=object))
    assert out["status"].tolist() == ["lost_digits", "legacy15"]


def test_chunked_and_sliced_arrow_input() -> None:
    a = pd.Series([VALID, "abc", VALID_X], dtype="str")
    b = pd.Series([LEGACY, BAD_CHECKSUM], dtype="str")
    s = pd.concat([a, b], ignore_index=True).iloc[1:]
    assert check_ids(s)["status"].tolist() == ["bad_chars", "ok", "legacy15", "bad_checksum"]


@pytest.mark.parametrize("dtype", DTYPES)
def testascii_matrix(dtype: object) -> None:
    s = pd.Series(["12", "34", "56", "78"], dtype=dtype).iloc[1:3]
    m = ascii_matrix(s.astype("str") if dtype == "string" else s, 2)
    assert m.tolist() == [[ord("3"), ord("4")], [ord("5"), ord("6")]]


def test_many_ids_vectorised() -> None:
    # 20,000 synthetic IDs: every status comes out as computed one by one.
    rng = np.random.default_rng(7)
    days = rng.integers(0, 365 * 80, 20_000)
    births = (np.datetime64("1930-01-01") + days).astype("datetime64[D]").astype(str)
    first17 = [f"110105{b.replace('-', '')}{rng.integers(0, 1000):03d}" for b in births]
    ids = [p + reference_check_digit(p) for p in first17]
    ids[::7] = [i[:17] + ("0" if i[17] != "0" else "1") for i in ids[::7]]
    out = frame(ids)
    for i, (value, status) in enumerate(zip(ids, out["status"], strict=True)):
        good = reference_check_digit(value[:17]) == value[17]
        lost = not good and value.endswith("000")
        assert status == ("ok" if good else "lost_digits" if lost else "bad_checksum"), i
    assert (out["male"] == [int(v[16]) % 2 == 1 for v in ids]).all()
    birth = out["birth"].dt.strftime("%Y%m%d").where(out["birth"].notna(), "")
    assert all(b in ("", v[6:14]) for b, v in zip(birth, ids, strict=True))


# ----------------------------------------------------------------- masking


def test_mask_ids() -> None:
    s = pd.Series([VALID_X, LEGACY, "12345", "", None, " 1101051975030800２X "], dtype=object)
    assert mask_ids(s).tolist() == [
        "110105********018X",
        "110105*****8002",
        "*****",
        "",
        "",
        "110105********002X",
    ]


def test_mask_ids_keeps_index_and_name() -> None:
    s = pd.Series([VALID], index=[42], name="身份证号", dtype="str")
    out = mask_ids(s)
    assert out.index.equals(s.index)
    assert out.name == "身份证号"


# -------------------------------------------------------------- properties

id_like = st.one_of(
    st.text(),
    st.text(alphabet="0123456789Xx .eE+", min_size=14, max_size=20),
    st.text(alphabet="0123456789", min_size=15, max_size=15),
    st.text(alphabet="0123456789", min_size=17, max_size=17).map(lambda p: p + id_check_digit(p)),
    st.none(),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(id_like, max_size=30), st.sampled_from(DTYPES), st.booleans())
def test_properties(values: list[object], dtype: object, duplicated: bool) -> None:
    # A reversed index, with repeated labels if asked, so label alignment would show.
    labels = np.arange(len(values))[::-1] * 2 + 1
    s = pd.Series(values, dtype=object, index=labels // 4 if duplicated else labels)
    if dtype is not object:
        s = s.astype(dtype)
    out = check_ids(s)
    masked = mask_ids(s)
    assert len(out) == len(s) == len(masked)
    assert out.index.equals(s.index)
    assert masked.index.equals(s.index)
    assert set(out["status"].astype(str)) <= set(ID_STATUSES)
    assert (out["valid"] == out["status"].isin(["ok", "legacy15"])).all()
    # A valid ID is always 18 characters with a correct check digit and a birth date.
    for row in out[out["valid"]].itertuples():
        assert len(row.id) == 18 and id_check_digit(row.id[:17]) == row.id[17]
        assert not pd.isna(row.birth) and not pd.isna(row.male)
    # No birth date or gender is ever read from a value that is not ID-shaped.
    shapeless = out["status"].isin(["blank", "lost_digits", "bad_length", "bad_chars"])
    assert out.loc[shapeless, "birth"].isna().all()
    assert out.loc[shapeless, "male"].isna().all()
    # Checking one value alone gives the same answer as checking it in a column.
    for i in range(len(s)):
        alone = check_ids(s.iloc[[i]])
        assert alone.iloc[0].equals(out.iloc[i])


def test_leading_apostrophe_typed_to_force_text_is_ignored():
    first17 = "99010119750308001"
    full = first17 + id_check_digit(first17)
    out = check_ids(pd.Series(["'" + full, "‘" + full]))
    assert out["status"].astype(str).tolist() == ["ok", "ok"]
    assert out["id"].tolist() == [full, full]
