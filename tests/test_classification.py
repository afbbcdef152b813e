"""Classification rules at their boundaries (docs/design.md, "Where each rule lives")."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import AS_OF, make_id, write_csv

from jiekun import Rules, classify, load_roster, tally
from jiekun.model.groups import cause_keys, education_bucket
from jiekun.model.rules import CAUSES, build_rules


def run(tmp_path, rows, header=None, rules=None, as_of=AS_OF):
    path = write_csv(tmp_path / "r.csv", rows, **({"header": header} if header else {}))
    result = classify(load_roster(path, rules=rules), rules or Rules(), as_of)
    return result, tally(result)


def row(income, size=1, birth="19800101", male=True, seq=1, edu="初中", cause=""):
    b = f"{birth[:4]}-{birth[4:6]}-{birth[6:]}"
    return f"职工{seq},{make_id(birth, male, seq)},{'男' if male else '女'},{b},{edu},示例厂,{size},{income},{cause}"


@pytest.mark.parametrize(
    ("income", "size", "tier"),
    [
        ("280.00", 1, 1),  # exactly on the hardship bound: hardship
        ("280.01", 1, 2),  # a cent above: not hardship
        ("245.00", 1, 0),  # exactly on the extreme bound: extreme
        ("245.01", 1, 1),
        ("840", 3, 1),  # 840/3 = 280 exactly
        ("840.012", 3, 2),  # 280.004: the exact quotient is compared, not the rounded one
        ("735", 3, 0),  # 245.00
        ("560.02", 2, 2),  # 280.01
        ("0", 4, 0),
    ],
)
def test_income_boundaries(tmp_path, income, size, tier):
    result, _ = run(tmp_path, [row(income, size)])
    assert result.workers["tier"].tolist() == [tier]


def test_exclusive_bounds_when_configured(tmp_path):
    rules = build_rules(profile="dibao", dibao=930)
    result, t = run(
        tmp_path, [row("930", 1, seq=1), row("1860", 1, seq=2), row("1860.01", 1, seq=3)], rules=rules
    )
    assert result.workers["tier"].tolist() == [0, 1, 2]
    assert t.to_json()["tiers"] == {"深度困难": 1, "相对困难": 1}
    from dataclasses import replace

    strict = replace(rules, inclusive=False)
    result, _ = run(tmp_path, [row("930", 1, seq=1), row("1860", 1, seq=2)], rules=strict)
    assert result.workers["tier"].tolist() == [1, 2]


@pytest.mark.parametrize(
    ("birth", "male", "group"),
    [
        ("19751231", True, "male_50_plus"),  # 50th birthday on the as-of date
        ("19760101", True, "male_under_50"),  # one day short
        ("19851231", False, "female_40_plus"),
        ("19860101", False, "female_under_40"),
    ],
)
def test_age_gender_boundaries(tmp_path, birth, male, group):
    result, _ = run(tmp_path, [row("100", 1, birth=birth, male=male)])
    assert result.workers["age_group"].tolist() == [group]


def test_feb_29_birthday_counts_from_march_1_in_common_years(tmp_path):
    result, _ = run(tmp_path, [row("100", birth="19760229")], as_of=dt.date(2026, 2, 28))
    assert result.workers["age"].tolist() == [49]
    result, _ = run(tmp_path, [row("100", birth="19760229")], as_of=dt.date(2026, 3, 1))
    assert result.workers["age"].tolist() == [50]


def test_headline_counts_include_extreme_and_undetermined_is_listed(tmp_path):
    rows = [
        row("200", seq=1),
        row("270", seq=2),
        row("5000", seq=3),
        row("", seq=4),
        row("300", size=0, seq=5),
    ]
    result, t = run(tmp_path, rows)
    assert (t.workers, t.hardship, t.extreme, t.undetermined, t.not_hardship) == (5, 2, 1, 2, 1)
    codes = set(result.problems["code"])
    assert {"income_missing", "size_invalid"} <= codes
    assert t.problems["error"] == 2


def test_annual_income_and_costs(tmp_path):
    header = "姓名,身份证号,家庭年收入,刚性支出,家庭人口"
    # (12*280*2 + 1200 costs) / 12 / 2 = 280.00 exactly after the costs
    rows = [
        f"甲,{make_id('19800101', True, 1)},7920,1200,2",
        f"乙,{make_id('19800101', True, 2)},7920,1199.99,2",
    ]
    result, _ = run(tmp_path, rows, header=header)
    assert result.workers["tier"].tolist() == [1, 2]


def test_per_capita_only_and_disagreement(tmp_path):
    header = "姓名,身份证号,家庭月收入,家庭人口,人均月收入"
    rows = [
        f"甲,{make_id('19800101', True, 1)},600,2,310",
        f"乙,{make_id('19800101', True, 2)},,,240",
        f"丙,{make_id('19800101', True, 3)},500,2,250.5",
    ]
    result, _ = run(tmp_path, rows, header=header)
    assert result.workers["tier"].tolist() == [2, 0, 1]
    mism = result.problems[result.problems["code"] == "per_capita_mismatch"]
    assert mism["row"].tolist() == [2]


def test_duplicates_are_listed_not_counted(tmp_path):
    legacy15 = "990101750308001"
    import pandas as pd

    from jiekun.model.ids import check_ids

    full = check_ids(pd.Series([legacy15]))["id"][0]
    rows = [
        f"甲,{legacy15},男,,初中,厂,1,100,",
        f"甲,{full},男,,初中,厂,1,100,",
        f"乙,{make_id('19800101', False, 7)},女,,初中,厂,1,100,",
    ]
    result, t = run(tmp_path, rows)
    assert (t.rows_read, t.workers, t.duplicates) == (3, 2, 1)
    dup = result.problems[result.problems["code"] == "duplicate_id"]
    assert dup["row"].tolist() == [3] and dup["detail"].tolist() == ["2"]


@pytest.mark.parametrize(
    ("value", "bucket"),
    [
        ("小学", "junior_or_below"),
        ("初中毕业", "junior_or_below"),
        ("高中肄业", "senior_high"),
        ("中专", "senior_high"),
        ("技校", "senior_high"),
        ("大学本科", "college_or_above"),
        ("研究生在读", "college_or_above"),
        ("扫盲班", None),
    ],
)
def test_education_buckets(value, bucket):
    assert education_bucket(value, Rules().education_vocabulary()) == bucket


def test_causes_multi_valued_and_deduplicated():
    vocab, order = Rules().cause_vocabulary(), list(CAUSES)
    assert cause_keys("下岗、失业", vocab, order) == (["layoff"], [])
    assert cause_keys("因病致困；子女就学", vocab, order) == (["schooling", "illness"], [])
    assert cause_keys("买彩票 企业停产", vocab, order) == (["closure", "other"], ["买彩票"])


def test_cause_tally_counts_causes_not_people(tmp_path):
    rows = [row("100", seq=1, cause="下岗、子女上学"), row("100", seq=2, cause="失业 下岗")]
    _, t = run(tmp_path, rows)
    by = {r["key"]: r["hardship"] for r in t.to_json()["by_cause"]}
    assert by["layoff"] == 2 and by["schooling"] == 1


def test_invalid_id_falls_back_to_columns_then_digits(tmp_path):
    good = make_id("19700101", True, 3)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    rows = [
        f"甲,{bad},女,1990-05-05,初中,厂,1,100,",  # columns win over a bad ID
        f"乙,{bad[:-2]}9{bad[-1]},,,初中,厂,1,100,",  # nothing else: the digits, with a warning
    ]
    result, _ = run(tmp_path, rows)
    w = result.workers
    assert w["male"].tolist() == [False, True]
    assert w["age"].tolist()[0] == 35
    assert "id_digits_used" in set(result.problems["code"])


def test_mismatches_between_id_and_columns(tmp_path):
    rows = [f"甲,{make_id('19800101', True, 1)},女,1980-01-02,初中,厂,1,100,"]
    result, _ = run(tmp_path, rows)
    assert {"id_gender_mismatch", "id_birth_mismatch"} <= set(result.problems["code"])
    assert result.workers["male"].tolist() == [True]
