"""Invariants under garbage: no cell can crash jiekun, and every row is accounted for."""

from __future__ import annotations

import csv
import datetime as dt

import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jiekun
from jiekun.model.tallies import tally

HEADER = [
    "姓名",
    "身份证号",
    "性别",
    "出生日期",
    "文化程度",
    "家庭人口",
    "家庭月收入",
    "致困原因",
    "人均月收入",
]
AS_OF = dt.date(2025, 12, 31)

# text a clerk (or another program) could put in a cell: no surrogates; xlsx also forbids control chars
cell_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=25)
xml_text = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=25)
plausible = st.one_of(
    st.sampled_from(
        [
            "",
            "男",
            "女",
            "初中",
            "大学本科",
            "下岗、失业",
            "合计",
            "1975年3月",
            "19750308",
            "２８０元",
            "-5",
            "0",
            "1e400",
        ]
    ),
    st.integers(-10, 10**19).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.dates().map(str),
)


def rows_strategy(text):
    return st.lists(st.lists(st.one_of(text, plausible), min_size=0, max_size=len(HEADER) + 2), max_size=15)


def check(result: jiekun.Result) -> None:
    t = result.tally
    assert t.rows_read == t.workers + t.duplicates + t.non_worker_rows
    assert t.workers == t.hardship + t.not_hardship + t.undetermined
    assert sum(r["hardship"] for r in t.to_json()["by_age_gender"]) == t.hardship
    assert sum(r["extreme"] for r in t.to_json()["by_education"]) == t.extreme
    # every worker row is in the frame exactly once
    assert len(result.classified.frame) == t.rows_read
    # a tally is mergeable: adding a roster to itself doubles every figure
    double = t + tally(result.classified)
    assert double.to_json()["hardship"] == 2 * t.hardship


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=rows_strategy(cell_text))
def test_garbage_csv_never_crashes(tmp_path, rows):
    p = tmp_path / "g.csv"
    with p.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        w.writerows(rows)
    check(jiekun.summarize(p, as_of=AS_OF))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=rows_strategy(xml_text),
    numbers=st.lists(st.floats(allow_nan=False, allow_infinity=False), max_size=15),
)
def test_garbage_xlsx_never_crashes(tmp_path, rows, numbers):
    p = tmp_path / "g.xlsx"
    wb = xlsxwriter.Workbook(str(p))
    ws = wb.add_worksheet("花名册")
    ws.write_row(0, 0, HEADER)
    for i, row in enumerate(rows, 1):
        for j, v in enumerate(row):
            ws.write_string(i, j, v)
    # numbers in the ID, size and income columns, as Excel stores typed numbers
    for i, x in enumerate(numbers, len(rows) + 1):
        ws.write_number(i, 1, x)
        ws.write_number(i, 5, x)
        ws.write_number(i, 6, x)
    wb.close()
    check(jiekun.summarize(p, as_of=AS_OF))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=rows_strategy(cell_text))
def test_garbage_roster_report_is_written_and_opens(tmp_path, rows):
    import openpyxl

    p = tmp_path / "g.csv"
    with p.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        w.writerows(rows)
    result = jiekun.summarize(p, as_of=AS_OF)
    out = tmp_path / "report.xlsx"
    jiekun.write_report(result, out, force=True)
    wb = openpyxl.load_workbook(out, read_only=True)
    detail = wb["明细"]
    assert detail.max_row - 1 == result.tally.rows_read - result.tally.non_worker_rows
