"""Office rows that are not workers, the wider vocabularies, and IDs Excel mangled.

The fixtures and their expectations are made by ``samples/office_vocab.py`` from the
planted rows (tests/fixtures/office-vocab.expected.json), never by running jiekun.
"""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest
from conftest import AS_OF, FIXTURES, make_id, write_csv
from typer.testing import CliRunner

import jiekun
from jiekun import Rules
from jiekun.cli.app import app
from jiekun.model.problems import messages
from jiekun.model.rules import CAUSES, load_rules
from jiekun.model.vocab import EDUCATION_CODES, cause_keys, education_bucket

MANIFEST = json.loads((FIXTURES / "office-vocab.expected.json").read_text(encoding="utf-8"))
HEADLINE = ("rows_read", "workers", "duplicates", "non_worker_rows", "hardship", "extreme", "undetermined")
runner = CliRunner()


@pytest.fixture(scope="module", params=sorted(MANIFEST))
def case(request):
    name = request.param
    exp = MANIFEST[name]
    return exp, jiekun.summarize(
        FIXTURES / name, as_of=dt.date.fromisoformat(exp["as_of"]), sheet=exp["sheet"]
    )


def test_headline_figures_and_tables(case):
    exp, result = case
    t = result.tally
    assert {k: getattr(t, k) for k in HEADLINE} == {k: exp[k] for k in HEADLINE}
    j = t.to_json()
    assert j["by_education"] == exp["by_education"]
    assert j["by_cause"] == exp["by_cause"]
    assert j["problems"] == exp["problems"]


def test_findings_by_row_and_their_messages(case):
    exp, result = case
    p = result.problems
    assert sorted(map(list, p[["row", "code"]].to_numpy().tolist())) == exp["findings"]
    text = messages(p, "zh")
    for row, code, needle in exp["messages"]:
        said = text[(p["row"] == row) & (p["code"] == code)].tolist()
        assert said and needle in said[0], (row, code, needle, said)


def test_non_worker_rows_are_listed_with_their_text_on_the_about_sheet(tmp_path):
    name = "office-footers-and-notes.xlsx"
    exp = MANIFEST[name]
    out = tmp_path / "report.xlsx"
    r = runner.invoke(app, ["classify", str(FIXTURES / name), "--as-of", AS_OF.isoformat(), "-o", str(out)])
    assert r.exit_code == 0, r.output
    ws = openpyxl.load_workbook(out)["说明"]
    cells = [str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    listed = next(c for c in cells if "第 " in c and "填表人" in c)
    for row, text in exp["non_worker_text"]:
        assert f"第 {row} 行：{text}" in listed
    assert "张晓红" in listed and "孙丽英" not in listed  # the footer's name is not a worker; a bare name is


@pytest.mark.parametrize("name", ["office-ids-mangled.xlsx", "office-ids-mangled-libreoffice.csv"])
def test_check_exits_1_on_ids_excel_mangled_and_lists_the_possible_duplicate(name):
    r = runner.invoke(app, ["check", str(FIXTURES / name), "--as-of", AS_OF.isoformat(), "--json"])
    assert r.exit_code == 1
    j = json.loads(r.stdout)
    assert j["problems"] == MANIFEST[name]["problems"]
    dup = [x for x in j["records"] if x["code"] == "possible_duplicate"]
    assert [(x["row"], x["severity"]) for x in dup] == [(7, "warning")] and "第 2 行" in dup[0]["message"]


# ------------------------------------------------------------------ row rules at their edges


def test_a_footer_over_cells_is_not_a_worker_but_a_name_alone_is(tmp_path):
    rows = [
        f"王伟,{make_id('19800101', True)},男,1980-01-01,初中,厂,2,400,",
        "孙丽,,,,,,,,",
        "填表人：,张晓红,审核人：,李四,,,,,",
        "合计,2人,,,,,2,400,",
        "小计：,3,,,,,,,",
    ]
    result = jiekun.classify(jiekun.load_roster(write_csv(tmp_path / "r.csv", rows)), Rules(), AS_OF)
    assert result.frame["kind"].astype(str).tolist() == ["worker", "worker", "footer", "total", "total"]


def test_a_worker_whose_employer_says_制表_stays_a_worker(tmp_path):
    rows = ["钱芳,,女,1980-01-01,初中,示例制表厂,,,"]  # a watch factory, no ID, no income yet
    result = jiekun.classify(jiekun.load_roster(write_csv(tmp_path / "r.csv", rows)), Rules(), AS_OF)
    assert result.frame["kind"].astype(str).tolist() == ["worker"]


def test_ids_certainly_wrong_are_errors(tmp_path):
    good = make_id("19800101", True, 1)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    rows = [
        f"甲,{bad},男,,初中,厂,1,100,",
        f"乙,{good[:14]},男,,初中,厂,1,100,",
        "丙,9.90101E+17,男,,初中,厂,1,100,",
    ]
    result = jiekun.summarize(write_csv(tmp_path / "r.csv", rows), as_of=AS_OF)
    ids = result.problems[
        result.problems["code"].str.startswith("id_") & (result.problems["column"] == "身份证号")
    ]
    sev = dict(zip(ids["code"], ids["severity"], strict=True))
    assert {k: sev[k] for k in ("id_bad_checksum", "id_malformed", "id_lost_digits")} == dict.fromkeys(
        ("id_bad_checksum", "id_malformed", "id_lost_digits"), "error"
    )
    assert runner.invoke(app, ["check", str(tmp_path / "r.csv"), "--as-of", AS_OF.isoformat()]).exit_code == 1


def test_same_people_with_comparable_ids_are_not_possible_duplicates(tmp_path):
    a, b = make_id("19800101", True, 1), make_id("19800101", True, 2)
    rows = [f"甲,{a},男,1980-01-01,初中,厂,1,100,", f"甲,{b},男,1980-01-01,初中,厂,1,100,"]
    result = jiekun.summarize(write_csv(tmp_path / "r.csv", rows), as_of=AS_OF)
    assert "possible_duplicate" not in set(result.problems["code"])  # two different valid IDs: two people


# ------------------------------------------------------------------ vocabularies


@pytest.mark.parametrize(
    ("codes", "bucket"),
    [
        (range(10, 20), "college_or_above"),
        ([20, 21, 22, 23, 28, 30, 31, 32, 33], "college_or_above"),
        (range(40, 50), "senior_high"),
        ([50, 60, 61, 62, 63], "senior_high"),
        ([70, 71, 72, 73, 80, 81, 82, 83], "junior_or_below"),
        ([90], "unknown"),
    ],
)
def test_gbt_4658_codes_map_to_their_level(codes, bucket):
    vocab = Rules().education_vocabulary()
    assert {education_bucket(str(c), vocab) for c in codes} == {bucket}
    assert all(str(c) in EDUCATION_CODES for c in codes)


@pytest.mark.parametrize(
    ("value", "bucket"),
    [
        ("中等专科", "senior_high"),  # a secondary level, never college
        ("中等专科毕业", "senior_high"),
        ("大学专科", "college_or_above"),
        ("初级中学", "junior_or_below"),
        ("技工学校", "senior_high"),
        ("职业高中", "senior_high"),
        ("高职", "college_or_above"),
        ("夜校", None),
    ],
)
def test_wordings_that_name_a_level(value, bucket):
    assert education_bucket(value, Rules().education_vocabulary()) == bucket


@pytest.mark.parametrize(
    ("value", "keys"),
    [
        ("6", ["illness"]),
        ("3、9", ["layoff", "schooling"]),
        ("有劳动能力而未就业", ["layoff"]),
        ("丧失劳动能力", ["no_work_capacity"]),
        ("患白血病", ["illness"]),
        ("子女读书", ["schooling"]),
        ("孩子上大学", ["schooling"]),
        ("车祸", ["accident"]),
        ("交通事故", ["accident"]),
        ("因病致困；下岗", ["layoff", "illness"]),
    ],
)
def test_archive_codes_names_and_keywords(value, keys):
    assert cause_keys(value, Rules().cause_vocabulary(), list(CAUSES)) == (keys, [])


def test_the_line_in_the_warning_maps_the_value_when_put_in_a_rules_file(tmp_path):
    rows = [f"甲,{make_id('19800101', True)},男,,夜校,厂,1,100,买彩票"]
    path = write_csv(tmp_path / "r.csv", rows)
    result = jiekun.summarize(path, as_of=AS_OF)
    lines = {c: d for c, d in zip(result.problems["code"], result.problems["detail"], strict=True)}
    assert lines == {"education_unknown": '"夜校" = "junior_or_below"', "cause_unknown": '"买彩票" = "other"'}
    rules = tmp_path / "rules.toml"
    rules.write_text(
        f"[education]\n{lines['education_unknown']}\n\n[causes]\n{lines['cause_unknown']}\n", "utf-8"
    )
    again = jiekun.summarize(path, rules=load_rules(rules), as_of=AS_OF)
    assert again.problems.empty
    assert again.classified.workers["education"].tolist() == ["junior_or_below"]


def test_a_rules_file_maps_a_word_to_a_cause_and_a_value_to_unknown(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text(
        '[education]\n"不清楚" = "unknown"\n\n[causes]\n"彩票" = "other"\nillness = ["慢病"]\n', "utf-8"
    )
    r = load_rules(rules)
    assert r.cause_words()["彩票"] == "other" and r.cause_words()["慢病"] == "illness"
    assert education_bucket("不清楚", r.education_vocabulary()) == "unknown"
    bad = tmp_path / "bad.toml"
    bad.write_text('[causes]\n"读书" = "school"\n', "utf-8")
    with pytest.raises(jiekun.errors.RulesError, match="读书"):
        load_rules(bad)


def test_rules_command_shows_the_vocabularies():
    r = runner.invoke(app, ["rules"], env={"COLUMNS": "100"})
    assert r.exit_code == 0
    for needle in ("文化程度词表", "GB/T 4658-2006", "中等专科", "致困原因词表", "尿毒症", "困难职工档案表"):
        assert needle in r.output, needle
