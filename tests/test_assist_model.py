"""The assistance ledger's counting rules: periods, fen, 人次 and 人数, IDs, caps, coverage."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import SAMPLES, make_id
from hypothesis import given, settings
from hypothesis import strategies as st

from jiekun.model.assist import assist, union_year
from jiekun.model.assist_ledger import (
    ASSIST_KINDS,
    KIND_KEYS,
    amounts_fen,
    fen_text,
    kind_of,
    kind_words,
    yuan_to_fen,
)
from jiekun.model.classification import classify
from jiekun.model.roster import Roster
from jiekun.model.rules import Rules

HEAD = {"date": "日期", "id": "身份证号", "name": "姓名", "kind": "帮扶类别", "amount": "金额", "acts": "人次",
        "unit": "帮扶单位"}  # fmt: skip
A = make_id("19750308", True, 1)
B = make_id("19800101", False, 2)
C = make_id("19900505", True, 3)


def ledger(rows: list[dict], fields=None) -> Roster:
    """A ledger as the reader gives it: text cells, one column per field used."""
    fields = fields or [f for f in HEAD if any(f in r for r in rows)]
    data = pd.DataFrame({HEAD[f]: [str(r.get(f, "")) for r in rows] for f in fields}, dtype="str")
    return Roster("l.xlsx", Path("l.xlsx"), "台账", "xlsx", None, 1, data, np.arange(2, 2 + len(rows)),
                  {f: HEAD[f] for f in fields})  # fmt: skip


def act(id_=A, date="2025-03-01", kind="走访慰问", amount="500", **kw) -> dict:
    return {"id": id_, "date": date, "kind": kind, "amount": amount, **kw}


YEAR = {"period_from": dt.date(2025, 1, 1), "period_to": dt.date(2025, 12, 31)}


def test_dates_are_inclusive_at_both_ends_and_outside_rows_count_in_rows_read_only():
    rows = [act(date=d) for d in ("2024-12-31", "2025-01-01", "2025-12-31", "2026-01-01")]
    j = assist(ledger(rows), **YEAR).to_json()
    assert (j["rows_read"], j["acts"], j["amount"]) == (4, 2, 1000.0)
    assert j["period"] == {"from": "2025-01-01", "to": "2025-12-31"}
    assert [m["acts"] for m in j["by_month"]] == [1] + [0] * 10 + [1]


def test_union_year_is_named_by_the_year_it_ends_in():
    assert union_year(2025) == (dt.date(2024, 10, 1), dt.date(2025, 9, 30))
    rows = [act(date=d) for d in ("2024-09-30", "2024-10-01", "2025-09-30", "2025-10-01")]
    start, end = union_year(2025)
    j = assist(ledger(rows), period_from=start, period_to=end).to_json()
    assert j["acts"] == 2 and [q["quarter"] for q in j["by_quarter"]] == [
        "2024-Q4",
        "2025-Q1",
        "2025-Q2",
        "2025-Q3",
    ]


def test_amounts_are_exact_fen_and_a_part_below_one_fen_is_an_error():
    rows = [act(amount=a) for a in ("0.10", "0.20", "¥1,000.05", "１００元", "100.005", "100.500")]
    r = assist(ledger(rows), **YEAR)
    assert r.fen == 10 + 20 + 100005 + 10000 + 10050
    assert r.to_json()["amount"] == 1200.85
    assert r.problems["code"].tolist() == ["assist_amount_fraction"]
    fen, _ = amounts_fen(pd.Series(["30.000000000000004", "-5", "abc"], dtype="str"))
    assert fen.tolist() == [3000, -500, 0]
    assert yuan_to_fen(11160.0) == 1116000 and fen_text(820000) == "8,200" and fen_text(5) == "0.05"
    with pytest.raises(ValueError):
        yuan_to_fen(0.001)


def test_a_worker_helped_twice_in_one_kind_is_one_person_and_two_acts():
    r = assist(ledger([act(date="2025-01-05"), act(date="2025-02-05"), act(id_=B)]), **YEAR)
    j = r.to_json()
    warmth = next(k for k in j["by_kind"] if k["key"] == "warmth")
    assert (j["acts"], j["people"], warmth["acts"], warmth["people"]) == (3, 2, 3, 2)
    assert j["audit"]["possible_doubles"] == 0


def test_acts_column_present_or_absent_and_blank_acts_count_one():
    with_acts = [act(acts=""), act(id_=B, acts="3"), act(id_=C, acts="两次")]
    r = assist(ledger(with_acts), **YEAR)
    assert r.acts == 5 and r.problems["code"].tolist() == ["assist_acts_invalid"]
    assert assist(ledger([act(), act(id_=B)]), **YEAR).acts == 2


def test_blank_amount_counts_zero_and_blank_or_invalid_ids_count_apart():
    rows = [act(amount=""), act(id_="", name="张三"), act(id_=A[:17] + ("0" if A[17] != "0" else "1"))]
    j = assist(ledger(rows), **YEAR).to_json()
    assert (j["acts"], j["people"], j["no_valid_id"], j["amount"]) == (3, 1, 2, 1000.0)
    assert j["audit"]["invalid_id"] == 1


def test_15_and_18_digits_lower_case_x_and_spaces_are_one_person():
    x = next(make_id("19750308", True, s) for s in range(200) if make_id("19750308", True, s).endswith("X"))
    forms = [x, x.lower(), f" {x[:6]} {x[6:]}", x[:6] + x[8:17]]
    r = assist(ledger([act(id_=f, date=f"2025-0{i + 1}-01") for i, f in enumerate(forms)]), **YEAR)
    assert (r.people, r.no_valid_id) == (1, 0)


def test_doubles_are_flagged_never_removed_and_a_cap_equal_to_the_total_is_not_over():
    rows = [act(kind="生活补助", amount="930")] * 2 + [act(id_=B, kind="生活补助", amount="1000", date=d)
                                                    for d in ("2025-01-01", "2025-02-01")]  # fmt: skip
    r = assist(ledger(rows), caps={"living": 1860}, **YEAR)
    j = r.to_json()
    assert (j["acts"], j["amount"], j["audit"]["possible_doubles"]) == (4, 3860.0, 1)
    assert j["audit"]["over_cap"] == 1 and r.lists["over_cap"]["id"].tolist() == [B]


def test_kinds_synonyms_longest_first_unknown_to_other_and_extra_synonyms():
    assert list(ASSIST_KINDS) == list(KIND_KEYS) and KIND_KEYS[-1] == "other"
    w = kind_words()
    assert kind_of("春节慰问金", w) == "warmth" and kind_of("住院互助金", w) == "mutual_aid"
    assert kind_of("子女助学（秋季）", w) == "schooling" and kind_of("爱心早餐", w) is None
    assert kind_of("应急救助", kind_words({"temporary": ["应急救助"]})) == "temporary"
    r = assist(ledger([act(kind="爱心早餐"), act(kind="")]), **YEAR)
    assert r.to_json()["by_kind"][-1]["acts"] == 2
    assert sorted(r.problems["code"]) == ["assist_kind_missing", "assist_kind_unknown"]


def test_total_and_blank_rows_are_not_acts():
    rows = [act(), {"date": "合计", "amount": "500"}, {}]
    j = assist(ledger(rows, list(HEAD)), **YEAR).to_json()
    assert (j["rows_read"], j["non_act_rows"], j["acts"], j["problems"]) == (
        3,
        2,
        1,
        {"error": 0, "warning": 0},
    )


def test_coverage_by_tier_and_the_gap_list(as_of):
    cols = "姓名,身份证号,家庭人口,家庭月收入,工作单位,联系电话".split(",")
    people = [("甲", A, "2", "480", "示例厂", "13800000001"), ("乙", B, "1", "270", "示例厂", "13800000002"),
              ("丙", C, "1", "3000", "示例厂", "13800000003")]  # fmt: skip
    data = pd.DataFrame(people, columns=cols, dtype="str")
    fields = {"name": "姓名", "id": "身份证号", "household_size": "家庭人口", "household_income": "家庭月收入",
              "employer": "工作单位", "phone": "联系电话"}  # fmt: skip
    rost = classify(Roster("r.csv", Path("r.csv"), None, "csv", "utf-8", 1, data, np.arange(2, 5), fields),
                    Rules(), as_of)  # fmt: skip
    stranger = make_id("19700101", True, 9, area="990999")
    r = assist(ledger([act(id_=A), act(id_=C), act(id_=stranger)]), roster=rost, **YEAR)
    cov = r.to_json()["coverage"]
    assert (cov["hardship"], cov["covered"], cov["uncovered"]) == (2, 1, 1)
    assert cov["by_tier"] == {
        "特困职工": {"hardship": 1, "covered": 1},
        "困难职工": {"hardship": 1, "covered": 0},
    }
    assert r.lists["uncovered"][["id", "phone"]].values.tolist() == [[B, "13800000002"]]
    assert r.to_json()["audit"] | {} == {"not_on_roster": 1, "not_hardship": 1, "invalid_id": 0,
                                         "possible_doubles": 0, "over_cap": 0}  # fmt: skip
    assert "覆盖困难职工 1 人，占 50.0%" in r.narrative() and "1 名困难职工未得到帮扶" in r.narrative()


row_st = st.fixed_dictionaries(
    {
        "id": st.sampled_from([A, B, C, "", "123"]),
        "date": st.sampled_from(["2024-12-31", "2025-01-01", "2025-06-15", "2025-12-31", "x"]),
        "kind": st.sampled_from(["春节慰问", "生活补助", "助学", "爱心早餐", "", "法律援助"]),
        "amount": st.sampled_from(["", "0.01", "930", "1,000.50", "abc", "-20"]),
        "acts": st.sampled_from(["", "1", "2", "0"]),
        "unit": st.sampled_from(["", "区总工会", "街道"]),
    }
)


@settings(max_examples=60, deadline=None)
@given(st.lists(row_st, min_size=1, max_size=25))
def test_breakdowns_add_up_to_the_totals(rows):
    j = assist(ledger(rows, list(HEAD)), **YEAR).to_json()
    for part in ("by_kind", "by_month", "by_quarter", "by_unit"):
        assert sum(k["acts"] for k in j[part]) == j["acts"]
        assert round(sum(k["amount"] for k in j[part]), 2) == j["amount"]
        assert all(k["people"] <= j["people"] for k in j[part])
        assert sum(k["people"] for k in j[part]) >= j["people"]
    assert j["no_valid_id"] >= j["audit"]["invalid_id"]


def test_the_sample_ledger_gives_the_expected_figures(as_of):
    """The ledger is read by the roster reader pointed at the ledger's fields."""
    from jiekun.io.reading import load_roster
    from jiekun.pipeline.assist import read_ledger

    led = read_ledger(SAMPLES / "assist-ledger.xlsx")
    run = json.loads((SAMPLES / "assist-ledger.expected.json").read_text("utf-8"))["runs"][0]
    led.source = "samples/assist-ledger.xlsx"
    rost = classify(load_roster(SAMPLES / "survey-roster.xlsx"), Rules(), dt.date.fromisoformat(run["as_of"]))
    rost.roster.source = "samples/survey-roster.xlsx"
    got = assist(led, roster=rost, kinds_extra={"temporary": ["应急救助"]}, caps={"living": 11160.0}, **YEAR)
    assert got.to_json("zh") == run["json"]
