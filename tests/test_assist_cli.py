"""``jiekun assist`` from the command line: the sample's expected figures, the workbook, the boundaries."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT, SAMPLES, make_id
from typer.testing import CliRunner

import jiekun
from jiekun.cli.app import app
from jiekun.model.assist_ledger import fen_text
from jiekun.model.rules import load_rules

runner = CliRunner()
RUNS = json.loads((SAMPLES / "assist-ledger.expected.json").read_text("utf-8"))["runs"]
A = make_id("19750308", True, 1)
B = make_id("19800101", False, 2)
HEAD = "日期,身份证号,姓名,帮扶类别,金额,人次,帮扶单位"


def run(*args: str, env: dict | None = None):
    return runner.invoke(app, ["assist", *map(str, args)], env={"COLUMNS": "200", **(env or {})})


@pytest.fixture
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> tuple[Path, dict]:
    """The workbook of the first sample run, and its expected figures."""
    out = tmp_path_factory.mktemp("assist") / "a.xlsx"
    args = [str(ROOT / a) if a.startswith("samples/") else a for a in RUNS[0]["args"]]
    r = run(*args, "-o", out)
    assert r.exit_code == 0, r.output
    return out, RUNS[0]["json"]


def ledger(tmp_path: Path, rows: list[str], head: str = HEAD, name: str = "l.csv", encoding="utf-8") -> Path:
    p = tmp_path / name
    p.write_text("\n".join([head, *rows]) + "\n", encoding=encoding)
    return p


@pytest.mark.parametrize("n", range(len(RUNS)))
def test_the_sample_json_is_the_expected_file_for_every_run(at_root, n):
    r = run(*RUNS[n]["args"], "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == RUNS[n]["json"]


@pytest.mark.parametrize("n", range(len(RUNS)))
def test_the_printed_figures_are_the_expected_ones(at_root, tmp_path, n):
    j = RUNS[n]["json"]
    r = run(*RUNS[n]["args"], "-o", tmp_path / "a.xlsx")
    assert r.exit_code == 0, r.output
    out = " ".join(r.stdout.split())
    c = j["coverage"]
    assert f"帮扶 {j['acts']:,} 人次，{j['people']:,} 人，金额 {fen_text(round(j['amount'] * 100))} 元" in out
    assert f"无有效身份证号的记录 {j['no_valid_id']:,} 条" in out
    assert (
        f"{c['hardship']:,} 人，已帮扶 {c['covered']:,} 人" in out and f"未帮扶 {c['uncovered']:,} 人" in out
    )
    for key, label in (("not_on_roster", "身份证号不在花名册中"), ("possible_doubles", "疑似重复录入"),
                       ("over_cap", "年度累计超过上限")):  # fmt: skip
        assert f"{label}" in out and f" {j['audit'][key]:,}" in out
    assert f"错误 {j['problems']['error']} 条，提示 {j['problems']['warning']} 条" in out
    assert A not in out and "********" in out  # IDs on the terminal are masked


def test_cli_and_library_give_the_same_object(at_root):
    args = RUNS[1]["args"]
    cli = json.loads(run(*args, "--json").stdout)
    api = jiekun.assist(
        "samples/assist-ledger.xlsx",
        roster="samples/survey-roster.xlsx",
        year_union=2025,
        rules=load_rules("samples/assist-rules.toml"),
    )
    assert api.to_json() == cli


def test_the_workbook_has_every_sheet_and_the_figures(book):
    out, j = book
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [
        "汇总",
        "按类别",
        "按月份",
        "覆盖情况",
        "帮扶空白名单",
        "待核实",
        "台账明细",
        "说明",
    ]
    s = wb["汇总"]
    cells = {s.cell(r, 1).value: s.cell(r, 2).value for r in range(6, 16)}
    assert cells["人次"] == j["acts"] and cells["人数"] == j["people"] and cells["金额（元）"] == j["amount"]
    assert cells["已帮扶"] == j["coverage"]["covered"]
    assert cells["覆盖率"] == pytest.approx(j["coverage"]["covered"] / j["coverage"]["hardship"])
    text = [c.value for row in s.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("全年共开展帮扶 ") and f"尚有 {j['coverage']['uncovered']} 名" in t for t in text)
    k = wb["按类别"]
    kinds = {
        k.cell(r, 1).value: (k.cell(r, 2).value, k.cell(r, 3).value, k.cell(r, 4).value) for r in range(2, 15)
    }
    for part in j["by_kind"]:
        assert kinds[part["label"]] == (part["acts"], part["people"], part["amount"])
    m = wb["按月份"]
    assert [m.cell(r, 2).value for r in range(2, 14)] == [x["acts"] for x in j["by_month"]]
    assert m.cell(14, 1).value == "合计" and m.cell(14, 2).value == j["acts"]
    cov = wb["覆盖情况"]
    assert [cov.cell(3, c).value for c in range(1, 4)] == ["特困职工", j["coverage"]["by_tier"]["特困职工"]["hardship"],
                                                          j["coverage"]["by_tier"]["特困职工"]["covered"]]  # fmt: skip
    gap = wb["帮扶空白名单"]
    assert gap.max_row - 1 == j["coverage"]["uncovered"]
    assert len(gap.cell(2, 2).value) == 18 and gap.cell(2, 2).data_type == "s"
    flags = [c.value for c in wb["待核实"]["A"][1:]]
    assert flags.count("疑似重复录入（同一人、类别、日期、金额）") == j["audit"]["possible_doubles"]
    assert flags.count("身份证号无效") == j["audit"]["invalid_id"]
    assert flags.count("数据问题") == j["problems"]["error"] + j["problems"]["warning"]
    detail = wb["台账明细"]
    assert sum(c.value for c in detail["H"][1:]) == j["acts"]
    assert round(sum(c.value for c in detail["G"][1:]), 2) == j["amount"]
    with zipfile.ZipFile(out) as z:  # two native charts on 汇总
        assert len([n for n in z.namelist() if n.startswith("xl/charts/chart")]) == 2


def test_english_workbook_and_masked_ids(at_root, tmp_path):
    out = tmp_path / "en.xlsx"
    r = run(*RUNS[2]["args"], "-o", out, "--lang", "en", "--mask-ids")
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:3] == ["Summary", "By kind", "By month"]
    ids = [c.value for c in wb["Not helped"]["B"][1:]]
    assert ids and all("********" in i for i in ids)


def test_dates_inclusive_fen_exact_and_a_worker_helped_twice(tmp_path):
    rows = [f"2024-12-31,{A},甲,走访慰问,100,,", f"2025-01-01,{A},甲,走访慰问,0.10,,",
            f"2025-01-15,{A},甲,春节慰问,0.20,,", f"2025-06-30,{B},乙,生活补助,\"1,000.05\",2,",
            f"2025-07-01,{B},乙,生活补助,5,,"]  # fmt: skip
    r = run(ledger(tmp_path, rows), "--from", "2025-01-01", "--to", "2025-06-30", "--json")
    j = json.loads(r.stdout)
    assert (j["rows_read"], j["acts"], j["people"], j["amount"]) == (5, 4, 2, 1000.35)
    warmth = next(k for k in j["by_kind"] if k["key"] == "warmth")
    assert (warmth["acts"], warmth["people"], warmth["amount"]) == (2, 1, 0.3)
    assert [m["month"] for m in j["by_month"]] == [f"2025-{i:02d}" for i in range(1, 7)]


def test_acts_column_absent_counts_a_row_each(tmp_path):
    rows = [f"2025-03-01,{A},甲,法律援助", f"2025-03-02,{B},乙,法律援助"]
    j = json.loads(run(ledger(tmp_path, rows, "日期,身份证号,姓名,帮扶项目"), "--json").stdout)
    assert (j["acts"], j["people"], j["amount"]) == (2, 2, 0.0)
    assert j["period"] == {"from": "2025-03-01", "to": "2025-03-02"} and j["coverage"] is None


def test_a_gbk_ledger_with_a_title_row_and_a_total_row(tmp_path):
    rows = [
        f"2025-03-01,{A},甲,互助金,600,,区总工会",
        f"2025-03-05,{B},乙,爱心早餐,50,,区总工会",
        "合计,,,,650,,",
    ]
    p = ledger(tmp_path, rows, "示例区帮扶台账（2025年）\n" + HEAD, "gbk.csv", "gbk")
    j = json.loads(run(p, "--json").stdout)
    assert (j["rows_read"], j["non_act_rows"], j["acts"], j["amount"]) == (3, 1, 2, 650.0)
    assert j["by_kind"][-1]["acts"] == 1 and j["problems"]["warning"] == 1  # 爱心早餐 → 其他


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        (["--year-union", "2025", "--from", "2025-01-01"], "--year-union"),
        (["--from", "2025-12-31", "--to", "2025-01-01"], "晚于结束日期"),
        (["--from", "2025-13-01"], "2025-13-01"),
        (["-o", "out.csv"], ".xlsx"),
    ],
)
def test_bad_usage_exits_2_with_a_message(tmp_path, extra, needle):
    r = run(ledger(tmp_path, [f"2025-03-01,{A},甲,互助金,600,,"]), *extra)
    assert r.exit_code == 2 and needle in r.output


def test_a_file_without_a_kind_column_is_refused_naming_what_it_lacks(tmp_path):
    r = run(ledger(tmp_path, [f"2025-03-01,{A},甲,600"], "日期,身份证号,姓名,金额"))
    assert r.exit_code == 2 and "帮扶类别" in r.output


def test_an_existing_workbook_needs_force(tmp_path):
    p = ledger(tmp_path, [f"2025-03-01,{A},甲,互助金,600,,"])
    out = tmp_path / "a.xlsx"
    assert run(p, "-o", out).exit_code == 0
    assert run(p, "-o", out).exit_code == 2
    assert run(p, "-o", out, "--force").exit_code == 0


def test_a_bad_cap_in_the_rules_file_names_the_key_and_line(tmp_path):
    rules = tmp_path / "r.toml"
    rules.write_text("[assist.caps]\nliving = 0.001\n", encoding="utf-8")
    r = run(ledger(tmp_path, [f"2025-03-01,{A},甲,互助金,600,,"]), "--rules", rules)
    assert r.exit_code == 2 and "assist.caps.living" in r.output and "第 2 行" in r.output
