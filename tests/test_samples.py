"""The shipped samples: the survey table to the person, the messy roster's problems."""

from __future__ import annotations

import json

import pytest
from conftest import AS_OF, ROOT, SAMPLES
from typer.testing import CliRunner

import jiekun
from jiekun.cli.app import app

runner = CliRunner()


@pytest.fixture(scope="module")
def survey():
    return jiekun.summarize(SAMPLES / "survey-roster.xlsx", as_of=AS_OF)


def test_survey_sample_reproduces_the_survey_table(survey):
    j = survey.to_json()
    assert (j["workers"], j["hardship"], j["extreme"]) == (33724, 3456, 1058)
    extreme = {r["key"]: r["extreme"] for r in j["by_age_gender"]}
    assert extreme == {
        "male_under_50": 612,
        "male_50_plus": 140,
        "female_40_plus": 196,
        "female_under_40": 110,
        "unknown": 0,
    }
    edu = {r["key"]: r["extreme"] for r in j["by_education"]}
    assert edu == {"junior_or_below": 692, "senior_high": 345, "college_or_above": 21, "unknown": 0}
    assert j["problems"] == {"error": 0, "warning": 0}
    assert j["rows_read"] == j["workers"] and j["sheet"] == "花名册"


def test_survey_sample_matches_its_independently_computed_expectation(survey):
    expected = json.loads((SAMPLES / "survey-roster.expected.json").read_text(encoding="utf-8"))
    got = survey.to_json()
    got["source"] = expected["source"]
    assert got == expected


def test_survey_cli_json_from_a_fresh_shell(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    r = runner.invoke(app, ["summary", "samples/survey-roster.xlsx", "--as-of", "2025-12-31", "--json"])
    assert r.exit_code == 0
    j = json.loads(r.stdout)
    assert j["source"] == "samples/survey-roster.xlsx"
    assert (j["workers"], j["hardship"], j["extreme"]) == (33724, 3456, 1058)


def test_messy_sample_counts_and_findings():
    expected = json.loads((SAMPLES / "messy-roster.expected.json").read_text(encoding="utf-8"))
    result = jiekun.summarize(SAMPLES / "messy-roster.csv", as_of=AS_OF)
    got = result.to_json()
    for key in (
        "rows_read",
        "workers",
        "duplicates",
        "non_worker_rows",
        "hardship",
        "extreme",
        "undetermined",
        "problems",
    ):
        assert got[key] == expected[key], key
    findings = sorted(map(tuple, result.classified.problems[["row", "code"]].to_numpy().tolist()))
    assert findings == sorted(map(tuple, expected["findings"]))
    assert result.roster.encoding == "gb18030"


def test_check_on_messy_sample_exits_1_and_names_rows():
    r = runner.invoke(app, ["check", str(SAMPLES / "messy-roster.csv"), "--as-of", "2025-12-31"])
    assert r.exit_code == 1
    assert "duplicate_id" in r.output and "10" in r.output


def test_check_on_survey_sample_exits_0():
    r = runner.invoke(app, ["check", str(SAMPLES / "survey-roster.xlsx"), "--as-of", "2025-12-31"])
    assert r.exit_code == 0 and "没有发现数据问题" in r.output
