"""Review of filed categories (复核): counts and lists against samples/archive/expected.json (computed
without jiekun by samples/archive_samples.py), through the CLI; exact tiers; both profiles; the 复核 sheet."""

from __future__ import annotations

import json

import openpyxl
import pytest
from conftest import SAMPLES, make_id, write_csv
from typer.testing import CliRunner

import jiekun
from jiekun.cli.app import app

runner = CliRunner()
ARCHIVE = SAMPLES / "archive"
AS_OF = "2025-12-31"


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads((ARCHIVE / "expected.json").read_text(encoding="utf-8"))


def summary_json(*args: str) -> dict:
    r = runner.invoke(app, ["summary", *args, "--as-of", AS_OF, "--json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_survey_review_counts_through_the_cli(expected):
    j = summary_json(str(ARCHIVE / "filed-roster.xlsx"))
    assert j["review"] == expected["survey"]["review"]
    rv = j["review"]
    assert rv["filed"] == rv["agree"] + rv["adjust"] + rv["exit"] + rv["accident"]
    assert j["problems"]["warning"] == sum(x["status"] == "unknown" for x in expected["survey"]["list"])


def test_dibao_review_counts_through_the_cli(expected):
    j = summary_json(str(ARCHIVE / "filed-roster-dibao.csv"), "--profile", "dibao", "--dibao", "930")
    assert j["review"] == expected["dibao"]["review"]


def test_classify_writes_the_review_sheet_with_the_expected_list(expected, tmp_path):
    out = tmp_path / "r.xlsx"
    r = runner.invoke(app, ["classify", str(ARCHIVE / "filed-roster.xlsx"), "--as-of", AS_OF, "-o", str(out),
                            "--mask-ids"])  # fmt: skip
    assert r.exit_code == 0, r.output
    assert "档案复核" in r.output
    wb = openpyxl.load_workbook(out)
    ws = wb["复核"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    head = next(i for i, row in enumerate(values) if row[0] == "复核结果")
    rows = values[head + 1 :]
    status_words = {"agree": "符合", "adjust": "应调整", "exit": "应退出", "unfiled": "未建档",
                    "accident": "意外致困（保留）", "unknown": "类别无法识别", "undetermined": "无法复核"}  # fmt: skip
    got = sorted((x[1], x[2], x[0], x[5] or "") for x in rows)
    want = sorted(
        (x["row"], x["name"], status_words[x["status"]], x["filed"]) for x in expected["survey"]["list"]
    )
    assert got == want
    assert all("*" in x[3] for x in rows)  # IDs masked as the report masks them
    order = [x[0] for x in rows]
    assert order.index("应退出") < order.index("应调整") < order.index("符合")  # what needs doing first
    counts = {ws.cell(row=i, column=1).value: ws.cell(row=i, column=2).value for i in range(4, 11)}
    assert counts["应退出"] == expected["survey"]["review"]["exit"]


def test_review_is_null_without_a_filed_column_and_in_batch_json(tmp_path):
    roster = write_csv(tmp_path / "2025-01.csv", [f"甲,{make_id('19800101', True)},男,,初中,厂,1,200,下岗"])
    assert summary_json(str(roster))["review"] is None
    r = runner.invoke(app, ["batch", str(tmp_path), "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["months"][0]["review"] is None


def test_tiers_are_exact_and_accident_stays_as_filed(tmp_path):
    header = "姓名,身份证号,家庭人口,家庭月收入,档案类别"
    rows = [f"甲,{make_id('19800101', True, 1)},1,245,困难",  # computed 特困: adjust
            f"乙,{make_id('19800101', True, 2)},1,245.01,特困",  # computed 困难: adjust
            f"丙,{make_id('19800101', True, 3)},1,280,困难",  # on the line: agree
            f"丁,{make_id('19800101', True, 4)},1,280.01,困难",  # above: exit
            f"戊,{make_id('19800101', True, 5)},1,5000,意外致困",  # accident: kept, not hardship
            f"己,{make_id('19800101', True, 6)},1,250,"]  # fmt: skip
    p = write_csv(tmp_path / "r.csv", rows, header=header)
    res = jiekun.summarize(p)
    assert res.to_json()["review"] == {
        "filed": 5,
        "agree": 1,
        "adjust": 2,
        "exit": 1,
        "unfiled": 1,
        "accident": 1,
    }
    assert res.tally.hardship == 4  # the headline stays income-based: the accident worker is not counted
    assert list(res.classified.frame["review"]) == [
        "adjust",
        "adjust",
        "agree",
        "exit",
        "accident",
        "unfiled",
    ]


def test_unknown_filed_value_is_a_warning_naming_it(tmp_path):
    header = "姓名,身份证号,家庭人口,家庭月收入,困难类型"
    p = write_csv(tmp_path / "r.csv", [f"甲,{make_id('19800101', True, 1)},1,200,特困户",
                                       f"乙,{make_id('19800101', True, 2)},1,200,低收入"], header=header)  # fmt: skip
    r = runner.invoke(app, ["check", str(p)])
    assert r.exit_code == 0 and "困难类别不在词表中" in r.output  # a warning: exit 0 without --strict
    res = jiekun.summarize(p)
    assert list(res.problems["code"]) == ["filed_category_unknown"]
    assert res.to_json()["review"]["agree"] == 1  # 特困户 is 特困


# ------------------------------------------------------------------ the archive series, exit after 6 months


def test_archive_series_with_exit_after_six_months(expected):
    want = expected["monthly"]
    r = runner.invoke(app, ["batch", str(ARCHIVE / "monthly"), "--rules", str(ARCHIVE / "exit-after-6.toml"),
                            "--json"])  # fmt: skip
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["flows"] == want["flows"]
    r = runner.invoke(app, ["batch", str(ARCHIVE / "monthly"), "--json"])
    assert json.loads(r.stdout)["flows"] == want["flows_one_month"]
