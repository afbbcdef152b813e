"""The fast paths give exactly what the plain ones give (docs/design.md, "Speed").

Coded (categorical) columns, the pre-check that picks the cells NFKC must see, and the
merged runs of the duplicate index are shortcuts; each is checked against the plain
computation on arbitrary input.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from jiekun.model.duplicates import DuplicateIndex, sorted_keys
from jiekun.model.values import _NEEDS_NFKC, _needs_nfkc, coded, normalize_text, parse_dates, parse_numbers

# cells as rosters have them: CJK, full-width forms, odd spaces, digits, blanks
CELL = st.one_of(
    st.sampled_from(
        ["", " ", "男", "女 ", "　女", "１２３", "280.00", "２８０", "1975-03-08", "大专", "Ａ", "\u00a0x"]
    ),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=6),
)


def _str(values: list[str]) -> pd.Series:
    return pd.Series(values, dtype="str")


@settings(max_examples=150, deadline=None)
@given(st.lists(CELL, max_size=40), st.integers(0, 5))
def test_the_pre_check_picks_the_cells_the_pattern_picks(values, cut):
    s = _str(values).iloc[cut:]  # a slice: the arrow buffer starts at an offset
    expected = s.str.contains(_NEEDS_NFKC, regex=True).to_numpy(dtype=bool)
    assert (_needs_nfkc(s) == expected).all()


@settings(max_examples=100, deadline=None)
@given(st.lists(CELL, min_size=1, max_size=12), st.lists(st.integers(0, 11), min_size=130, max_size=400))
def test_a_coded_column_normalises_and_parses_as_the_plain_one(pool, picks):
    s = _str([pool[i % len(pool)] for i in picks])
    c = coded(s)
    assert isinstance(c.dtype, pd.CategoricalDtype)  # few distinct values: coded
    plain, fast = normalize_text(s), normalize_text(c)
    assert fast.astype(object).tolist() == plain.astype(object).tolist()
    assert parse_numbers(fast).equals(parse_numbers(plain))
    assert parse_dates(fast).equals(parse_dates(plain))


def test_a_column_of_distinct_values_is_left_as_it_is():
    ids = _str([f"99010119750308{i:04d}" for i in range(500)])
    assert coded(ids) is ids


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.integers(0, 400), max_size=60), max_size=12))
def test_the_duplicate_index_finds_every_first_row(chunks):
    seen, first, row = DuplicateIndex(), {}, 0
    for chunk in chunks:
        keys = np.array(chunk, dtype=np.int64)
        rows = np.arange(row, row + len(keys), dtype=np.int64)
        row += len(keys)
        expected = [first.get(k, -1) for k in chunk]
        for k, r in zip(chunk, rows.tolist(), strict=True):
            first.setdefault(k, r)
        found = seen.lookup(keys)
        assert found.tolist() == expected
        fresh = found < 0
        k, r = sorted_keys(keys[fresh], rows[fresh])
        seen.add(k, r)
        assert len(seen.runs) <= 2 * max(1, int(np.log2(max(row, 1))) + 1)
        for run, _ in seen.runs:
            assert (np.diff(run) > 0).all()


def test_coded_and_plain_columns_give_the_same_tally_and_problems(tmp_path, monkeypatch):
    from jiekun.io.reading import load_roster
    from jiekun.model import cells
    from jiekun.model.classification import classify
    from jiekun.model.tallies import tally

    path = tmp_path / "r.csv"
    rows = ["姓名,身份证号,性别,出生日期,文化程度,致困原因,工作单位,家庭人口,家庭月收入"]
    for i in range(300):
        rows.append(
            f"职工{i},,{['男', '女', '男 ', '不详'][i % 4]},19{60 + i % 30}-0{1 + i % 9}-1{i % 10},"
            f"{['大专', '初中', '高中', '', '中专', '博士后'][i % 6]},{['大病', '', '下岗', '车祸'][i % 4]},"
            f"示例厂{i % 4},{['1', '2', '３', '', 'x'][i % 5]},{300 + 37 * (i % 11)}"
        )
    path.write_text("\n".join(rows), encoding="utf-8")
    as_of = dt.date(2025, 12, 31)
    fast = classify(load_roster(path), None, as_of)
    monkeypatch.setattr(cells, "coded", lambda s: s)
    plain = classify(load_roster(path), None, as_of)
    assert tally(fast).to_json() == tally(plain).to_json()
    pd.testing.assert_frame_equal(fast.problems, plain.problems)
    columns = ["row", "kind", "tier", "age", "male", "age_group", "employer"]
    pd.testing.assert_frame_equal(fast.frame[columns], plain.frame[columns])
    assert fast.frame["education"].astype(str).tolist() == plain.frame["education"].astype(str).tolist()


NUMBER_CELL = st.one_of(
    st.sampled_from(
        ["1,234.5", "¥-5", "-¥5", "5元", "1.2.3", "约300", " 3 0 0 ", "\u22125", "1e3", ".5", "RMB 100"]
    ),
    st.text(alphabet="0123456789.,-+eE ¥元RMB人民币", max_size=8),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(NUMBER_CELL, max_size=30))
def test_numbers_parse_alike_on_arrow_and_on_python_strings(values):
    arrow = parse_numbers(pd.Series(values, dtype="str"))
    python = parse_numbers(pd.Series(values, dtype=pd.StringDtype("python")).astype(object))
    plain = parse_numbers(pd.Series(values, dtype=pd.StringDtype("python")))
    assert arrow.fillna(-1.5).tolist() == python.fillna(-1.5).tolist() == plain.fillna(-1.5).tolist()
