"""The command line: help, exit codes, messages, and parity with the library."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import AS_OF, make_id, write_csv
from typer.testing import CliRunner

import jiekun
from jiekun.cli.app import app

runner = CliRunner()


def test_help_lists_commands_and_each_has_an_example():
    r = runner.invoke(app, ["--help"])
    assert r.exit_code == 0
    for name in ("summary", "classify", "rules"):
        assert name in r.output
    for cmd in app.registered_commands:
        doc = cmd.callback.__doc__ or ""
        assert "Example:" in doc and "jiekun " in doc, cmd.callback.__name__


def test_help_does_not_import_pandas():
    code = "import sys; from jiekun.cli.app import app; assert 'pandas' not in sys.modules, 'pandas imported'"
    subprocess.run([sys.executable, "-c", code], check=True)
    r = subprocess.run(
        [sys.executable, "-c", "import sys; sys.argv=['jiekun','--help']\nfrom jiekun.cli.app import main\n"
         "try:\n main()\nexcept SystemExit:\n pass\nassert 'pandas' not in sys.modules"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr


def test_module_entry_point():
    r = subprocess.run([sys.executable, "-m", "jiekun", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and jiekun.__version__ in r.stdout


def test_missing_file_exits_2_with_message(tmp_path):
    r = runner.invoke(app, ["summary", str(tmp_path / "nope.xlsx")])
    assert r.exit_code == 2
    assert "找不到文件" in r.output and "Traceback" not in r.output


def test_no_roster_header_exits_2(tmp_path):
    p = tmp_path / "notes.csv"
    p.write_text("会议纪要\n时间,地点\n2025-01-01,会议室\n", encoding="utf-8")
    r = runner.invoke(app, ["summary", str(p)])
    assert r.exit_code == 2
    assert "没有找到花名册的表头" in r.output and "会议纪要" in r.output


def test_missing_required_column_lists_columns_and_closest(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("姓名,性别,文化程度,家庭收人\n甲,男,初中,100\n", encoding="utf-8")
    r = runner.invoke(app, ["summary", str(p)])
    assert r.exit_code == 2
    assert "缺少必需的列" in r.output and "家庭收人" in r.output


def test_sheet_on_text_file_is_an_error(tmp_path):
    p = write_csv(tmp_path / "r.csv", [f"甲,{make_id('19800101', True)},男,,初中,厂,1,100,"])
    r = runner.invoke(app, ["summary", str(p), "--sheet", "花名册"])
    assert r.exit_code == 2 and "--sheet" in r.output


def test_bad_as_of_is_a_usage_error(tmp_path):
    p = write_csv(tmp_path / "r.csv", [f"甲,{make_id('19800101', True)},男,,初中,厂,1,100,"])
    r = runner.invoke(app, ["summary", str(p), "--as-of", "2025/13/01"])
    assert r.exit_code == 2 and "YYYY-MM-DD" in r.output


def test_summary_json_matches_the_library(tmp_path):
    rows = [
        f"甲,{make_id('19750101', True, 1)},男,,初中,厂,3,735,下岗",
        f"乙,{make_id('19900101', False, 2)},女,,本科,厂,2,560,子女上学",
        f"丙,{make_id('19800101', True, 3)},男,,高中,厂,1,5000,",
    ]
    p = write_csv(tmp_path / "r.csv", rows)
    r = runner.invoke(app, ["summary", str(p), "--as-of", AS_OF.isoformat(), "--json"])
    assert r.exit_code == 0
    cli = json.loads(r.stdout)
    api = jiekun.summarize(str(p), as_of=AS_OF).to_json()
    assert cli == api
    assert (cli["workers"], cli["hardship"], cli["extreme"]) == (3, 2, 1)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_summary_terminal_shows_table_and_reconciliation(tmp_path, lang):
    p = write_csv(tmp_path / "r.csv", [f"甲,{make_id('19750101', True, 1)},男,,初中,厂,3,735,下岗"])
    r = runner.invoke(app, ["summary", str(p), "--as-of", "2025-12-31", "--lang", lang])
    assert r.exit_code == 0
    if lang == "zh":
        assert "特困职工" in r.output and "读取 1 行 = 职工 1 + 重复 0 + 非职工行 0" in r.output
    else:
        assert "Extreme hardship" in r.output and "1 rows read = 1 workers" in r.output
