"""Household members (家庭成员): sizes and incomes derived from a member list (docs/household.md)."""

from __future__ import annotations

import json

import openpyxl
import pytest
from typer.testing import CliRunner

import jiekun
from jiekun.cli.app import app
from tests.conftest import AS_OF, SAMPLES, make_id, write_csv

HH = SAMPLES / "household"
EXPECTED = json.loads((HH / "expected.json").read_text(encoding="utf-8"))
runner = CliRunner()


def _codes(records) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for r in records:
        out.setdefault(r["code"], []).append(r["row"])
    return out


def _check_figures(result) -> None:
    w = result.classified.workers.set_index("row")
    for e in EXPECTED["workers"]:
        assert f"{w.loc[e['row'], 'per_capita']:.2f}" == e["per_capita"], e
    j = result.to_json()
    assert (j["hardship"], j["extreme"]) == (EXPECTED["hardship"], EXPECTED["extreme"])
    for k, v in EXPECTED["household"].items():
        assert j["household"][k] == v, k
    p = result.problems
    got = {c: sorted(p.loc[p["code"] == c, "row"].tolist()) for c in EXPECTED["problems"]}
    assert got == {c: sorted(r) for c, r in EXPECTED["problems"].items()}


def test_member_sheet_of_the_roster_workbook_through_the_library():
    _check_figures(jiekun.summarize(HH / "household-roster.xlsx", as_of=AS_OF))


def test_members_file_through_the_library():
    _check_figures(jiekun.summarize(HH / "roster-only.csv", as_of=AS_OF, members=HH / "members.csv"))


@pytest.mark.parametrize(
    "args",
    [
        [str(HH / "household-roster.xlsx")],
        [str(HH / "roster-only.csv"), "--members", str(HH / "members.csv")],
    ],
)
def test_summary_and_check_through_the_cli(args):
    r = runner.invoke(app, ["summary", *args, "--as-of", "2025-12-31", "--json"])
    assert r.exit_code == 0, r.output
    j = json.loads(r.stdout)
    assert (j["hardship"], j["extreme"]) == (EXPECTED["hardship"], EXPECTED["extreme"])
    assert j["household"]["in_school"] == EXPECTED["household"]["in_school"]
    r = runner.invoke(app, ["check", *args, "--as-of", "2025-12-31", "--json"])
    assert r.exit_code == 1  # the orphan member is an error
    assert _codes(json.loads(r.stdout)["records"]) == EXPECTED["problems"]


def test_classify_writes_the_derived_figures(tmp_path):
    out = tmp_path / "r.xlsx"
    r = runner.invoke(app, ["classify", str(HH / "household-roster.xlsx"), "--as-of", "2025-12-31", "-o", str(out),
                            "--json"])  # fmt: skip
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["hardship"] == EXPECTED["hardship"]
    ws = openpyxl.load_workbook(out)["分类统计"]
    rows = {row[0]: row[1:4] for row in ws.iter_rows(values_only=True) if row[0]}
    assert rows["在校成员（人）"][0] == EXPECTED["household"]["in_school"]
    assert rows["大病/残疾成员（人）"][0] == EXPECTED["household"]["ill_or_disabled"]
    assert rows["大病/残疾成员（人）"][1] == 1  # 孙丽's household (250 a head) is in hardship


def test_without_members_nothing_changes():
    j = jiekun.summarize(HH / "roster-only.csv", as_of=AS_OF).to_json()
    assert "household" not in j
    assert not any(c.startswith(("member", "household")) for c in j["problems"])


ROSTER = "姓名,身份证号,性别,出生日期,文化程度,工作单位,家庭人口,家庭月收入,本人月收入"
MEMBERS = "职工身份证号,姓名,与职工关系,身份证号,月收入,年收入,健康状况,就业/就学状况"


def _small(tmp_path, members: list[str]):
    """Two workers (甲: stated 3 people, 800 a month, own 400; 乙: 2 people, 500, own 300) and ``members``."""
    w1, w2 = make_id("19750308", True, 1), make_id("19800214", False, 2)
    roster = write_csv(tmp_path / "r.csv", [f"甲,{w1},男,1975-03-08,高中,示例厂,3,800,400",
                                            f"乙,{w2},女,1980-02-14,高中,示例厂,2,500,300"], header=ROSTER)  # fmt: skip
    m = write_csv(
        tmp_path / "m.csv", [r.format(w1=w1, w2=w2, l1=w1[:6] + w1[8:17]) for r in members], header=MEMBERS
    )
    return jiekun.summarize(roster, as_of=AS_OF, members=m), w1, w2


def test_legacy_15_digit_worker_id_matches(tmp_path):
    res, *_ = _small(tmp_path, ["{l1},丙,配偶," + make_id("19770101", False, 3) + ",400,,健康,务工",
                                "{l1},丁,子女," + make_id("20100101", True, 4) + ",,,健康,在校"])  # fmt: skip
    w = res.classified.workers
    assert w["per_capita"].round(2).tolist() == [
        round(800 / 3, 2),
        250.0,
    ]  # 400 + 400 over 3; 乙 stated 500 / 2
    assert res.problems.empty
    assert res.to_json()["household"]["in_school"] == 1


def test_one_yuan_is_tolerated_and_a_fen_more_is_not(tmp_path):
    res, *_ = _small(tmp_path, ["{w1},丙,配偶,,401,,健康,务工", "{w1},丁,子女,,,,健康,在校"])
    assert "household_income_mismatch" not in set(res.problems["code"])  # 801 vs 800
    res, *_ = _small(tmp_path, ["{w1},丙,配偶,,401.01,,健康,务工", "{w1},丁,子女,,,,健康,在校"])
    assert res.problems["code"].tolist() == ["household_income_mismatch"]


def test_annual_income_and_an_invalid_member_income(tmp_path):
    res, *_ = _small(tmp_path, ["{w1},丙,配偶,,,4800,健康,务工", "{w2},丁,配偶,,约100,,残疾,无业"])
    w = res.classified.workers
    # 甲: (12 × 400 + 4800) / 12 / 2 = 400; 乙: the invalid income keeps the stated 500 over 1 + 1
    assert w["per_capita"].round(2).tolist() == [400.0, 250.0]
    assert set(res.problems["code"]) == {"member_income_invalid", "household_size_mismatch"}
    assert res.to_json()["household"]["ill_or_disabled"] == 1


def test_a_member_file_without_a_worker_column_is_refused(tmp_path):
    roster = write_csv(
        tmp_path / "r.csv", [f"甲,{make_id('19750308', True, 1)},男,1975-03-08,高中,示例厂,1,300,"]
    )
    m = write_csv(tmp_path / "m.csv", ["丙,配偶,99,1"], header="姓名,与职工关系,月收入,健康状况")
    r = runner.invoke(app, ["summary", str(roster), "--members", str(m), "--as-of", "2025-12-31"])
    assert r.exit_code == 2
    assert "职工身份证号" in r.output


def test_batch_uses_each_months_own_member_sheet(tmp_path):
    """A monthly workbook with a 家庭成员 sheet is counted by its members in batch too."""
    import shutil

    folder = tmp_path / "months"
    folder.mkdir()
    for month in ("2025-01", "2025-02"):
        shutil.copy(SAMPLES / "household" / "household-roster.xlsx", folder / f"{month}.xlsx")
    r = runner.invoke(app, ["batch", str(folder), "--json"])
    assert r.exit_code == 0, r.output
    months = json.loads(r.stdout)["months"]
    exp = json.loads((SAMPLES / "household" / "expected.json").read_text(encoding="utf-8"))
    assert [(m["hardship"], m["extreme"]) for m in months] == [(exp["hardship"], exp["extreme"])] * 2
