"""The shipped samples: the survey table to the person, the messy roster's problems.

The figures come from ``samples/*.expected.json``, which samples/make_samples.py
computes from the planted rows without jiekun. The samples are committed: a missing
one fails.
"""

from __future__ import annotations

import csv
import json
import re

import pytest
from conftest import AS_OF, ROOT, SAMPLES
from typer.testing import CliRunner

import jiekun
from jiekun.cli.app import app

runner = CliRunner()
HEADLINE = ("rows_read", "workers", "duplicates", "non_worker_rows", "hardship", "extreme", "undetermined")


def expected(name: str) -> dict:
    return json.loads((SAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def survey():
    return jiekun.summarize(SAMPLES / "survey-roster.xlsx", as_of=AS_OF)


def cells_of(output: str, label: str) -> list[str]:
    """The cells after ``label`` of the one table row that starts with it."""
    rows = [[c.strip() for c in ln.split("│")] for ln in output.splitlines() if "│" in ln]
    found = [cells[i + 1 :] for cells in rows for i, c in enumerate(cells[:3]) if c == label]
    assert len(found) == 1, (label, found)
    return found[0]


def numbers(line: str) -> list[int]:
    """The whole numbers a line shows (1,653 → 1653; shares such as 47.8% left out)."""
    return [int(n.replace(",", "")) for n in re.findall(r"(?<![\d.,])\d[\d,]*(?![\d.,%]|\d)", line)]


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
    want = expected("survey-roster")
    got = survey.to_json()
    got["source"] = want["source"]
    assert got == want


def test_survey_cli_json_is_the_expected_summary(monkeypatch):
    monkeypatch.chdir(ROOT)
    r = runner.invoke(app, ["summary", "samples/survey-roster.xlsx", "--as-of", AS_OF.isoformat(), "--json"])
    assert r.exit_code == 0
    assert json.loads(r.stdout) == expected("survey-roster")


def test_survey_cli_table_shows_every_figure_of_the_expectation():
    want = expected("survey-roster")
    r = runner.invoke(app, ["summary", str(SAMPLES / "survey-roster.xlsx"), "--as-of", AS_OF.isoformat()])
    assert r.exit_code == 0
    for row in want["by_age_gender"] + want["by_education"] + want["by_cause"]:
        if row["key"] == "unknown":  # an empty group is not printed
            continue
        assert numbers(" ".join(cells_of(r.output, row["label"]))) == [row["hardship"], row["extreme"]], row
    reconciliation = numbers(
        next(ln for ln in r.output.splitlines() if f"{want['rows_read']:,}" in ln and "=" in ln)
    )
    assert reconciliation == [want["rows_read"], want["workers"], want["duplicates"], want["non_worker_rows"]]


def test_messy_sample_counts_and_findings():
    want = expected("messy-roster")
    result = jiekun.summarize(SAMPLES / "messy-roster.csv", as_of=AS_OF)
    got = result.to_json()
    for key in (*HEADLINE, "problems"):
        assert got[key] == want[key], key
    findings = sorted(map(tuple, result.classified.problems[["row", "code"]].to_numpy().tolist()))
    assert findings == sorted(map(tuple, want["findings"]))
    assert result.roster.encoding == "gb18030"


def test_check_on_messy_sample_exits_1_and_names_each_finding_by_row():
    want = expected("messy-roster")
    r = runner.invoke(app, ["check", str(SAMPLES / "messy-roster.csv"), "--as-of", AS_OF.isoformat()])
    assert r.exit_code == 1
    by_code: dict[str, list[int]] = {}
    for row, code in want["findings"]:
        by_code.setdefault(code, []).append(row)
    from jiekun.model.problems import title

    for code, rows in by_code.items():  # the table names each problem in words (codes are in --json)
        _severity, count, shown = cells_of(r.output, title(code))[:3]
        assert (int(count), numbers(shown)) == (len(rows), sorted(rows)), code  # the count, the Excel rows
    assert len(by_code) == len([ln for ln in r.output.splitlines() if re.match(r"│ \S", ln)])
    reconciliation = numbers(next(ln for ln in r.output.splitlines() if "=" in ln))
    assert reconciliation == [want["rows_read"], want["workers"], want["duplicates"], want["non_worker_rows"]]


def test_check_on_messy_sample_writes_the_expected_findings(tmp_path):
    want = expected("messy-roster")
    out = tmp_path / "problems.csv"
    r = runner.invoke(
        app,
        [
            "check",
            str(SAMPLES / "messy-roster.csv"),
            "--as-of",
            AS_OF.isoformat(),
            "-o",
            str(out),
            "--lang",
            "en",
        ],
    )
    assert r.exit_code == 1
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))[1:]
    assert sorted((int(row[0]), row[4]) for row in rows) == sorted(map(tuple, want["findings"]))
    severities = [row[3] for row in rows]
    assert severities.count("error") == want["problems"]["error"]
    assert severities.count("warning") == want["problems"]["warning"]


def test_check_on_survey_sample_exits_0():
    r = runner.invoke(app, ["check", str(SAMPLES / "survey-roster.xlsx"), "--as-of", AS_OF.isoformat()])
    assert r.exit_code == 0 and "没有发现数据问题" in r.output
