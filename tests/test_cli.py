"""The command line: help, exit codes, messages, and parity with the library."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import AS_OF, make_id, write_csv
from typer.testing import CliRunner

import jiekun
from jiekun.cli.app import app
from jiekun.cli.common import INTERNAL_ERROR, SUFFIXES
from jiekun.errors import InputError

runner = CliRunner()


def test_help_lists_commands():
    r = runner.invoke(app, ["--help"])
    assert r.exit_code == 0
    for cmd in app.registered_commands:
        assert cmd.name in r.output


def test_internal_error_is_jiekuns_fault_without_traceback(tmp_path, monkeypatch):
    import jiekun.pipeline.summary

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(jiekun.pipeline.summary, "summarize", boom)
    p = write_csv(tmp_path / "r.csv", [f"甲,{make_id('19800101', True)},男,,初中,厂,1,100,"])
    r = runner.invoke(app, ["summary", str(p)])
    assert r.exit_code == INTERNAL_ERROR == 3  # never 2, the code of the clerk's own mistakes
    assert "内部出错" in r.output and "这不是你的错" in r.output and "boom" in r.output
    assert "Traceback" not in r.output and "jiekun --debug" in r.output and jiekun.__version__ in r.output
    en = runner.invoke(app, ["summary", str(p), "--lang", "en"])
    assert en.exit_code == 3 and "not your fault" in en.output and "内部出错" not in en.output
    debug = runner.invoke(app, ["--debug", "summary", str(p)])
    assert isinstance(debug.exception, RuntimeError) and str(debug.exception) == "boom"
    again = runner.invoke(app, ["summary", str(p)])  # --debug does not stay on
    assert again.exit_code == 3 and "内部出错" in again.output


def test_a_native_panic_is_an_internal_error_not_a_data_error(tmp_path, monkeypatch):
    """A reader's panic derives from BaseException (pyo3): still exit 3 with the message, never 1."""
    import jiekun.pipeline.summary

    class PanicException(BaseException):
        pass

    def panic(*args, **kwargs):
        raise PanicException("x" * 10_000)

    monkeypatch.setattr(jiekun.pipeline.summary, "summarize", panic)
    p = write_csv(tmp_path / "r.csv", [f"甲,{make_id('19800101', True)},男,,初中,厂,1,100,"])
    r = runner.invoke(app, ["check", str(p)])
    assert r.exit_code == 3 and "PanicException" in r.output and "内部出错" in r.output
    assert len(r.output) < 1000  # the 10,000-character detail is cut


def test_an_internal_error_outside_a_command_is_exit_3_without_traceback(monkeypatch):
    """main() catches what no command guard sees (here: the help itself fails)."""
    import jiekun.cli.help

    def broken(*args, **kwargs):
        raise KeyError("oops")

    monkeypatch.setattr(jiekun.cli.help, "group_help", broken)
    monkeypatch.setattr(sys, "argv", ["jiekun", "--help"])
    with pytest.raises(SystemExit) as exit_:
        jiekun.cli.main()
    assert exit_.value.code == 3


def test_jiekun_errors_speak_the_commands_language(tmp_path, monkeypatch):
    import jiekun.pipeline.summary

    def refuse(*args, **kwargs):
        raise InputError({"zh": "这份花名册读不了。", "en": "This roster cannot be read."})

    monkeypatch.setattr(jiekun.pipeline.summary, "summarize", refuse)
    p = write_csv(tmp_path / "r.csv", [f"甲,{make_id('19800101', True)},男,,初中,厂,1,100,"])
    zh = runner.invoke(app, ["summary", str(p)])
    assert zh.exit_code == 2 and "错误：这份花名册读不了。" in zh.output
    en = runner.invoke(app, ["summary", str(p), "--lang", "en"])
    assert en.exit_code == 2 and "Error: This roster cannot be read." in en.output


@pytest.mark.parametrize("argv", [None, ["--help"], ["summary", "--help"], ["batch", "--help"]])
def test_help_does_not_import_pandas(argv):
    """``import jiekun.cli`` and ``jiekun --help`` load neither pandas nor numpy."""
    run = (
        ""
        if argv is None
        else f"sys.argv = ['jiekun', *{argv!r}]\ntry:\n main()\nexcept SystemExit:\n pass\n"
    )
    code = (
        f"import sys\nfrom jiekun.cli import main\n{run}assert not {{'pandas', 'numpy'}} & set(sys.modules)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
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


@pytest.mark.parametrize("value", ["2025/13/01", "2025-13-01", "2025-02-30", "明天"])
@pytest.mark.parametrize("command", ["summary", "check", "classify", "batch", "compare", "match"])
def test_bad_as_of_is_a_usage_error(tmp_path, command, value):
    p = write_csv(tmp_path / "r.csv", [f"甲,{make_id('19800101', True)},男,,初中,厂,1,100,"])
    files = [str(p), str(p)] if command in ("compare", "match") else [str(p)]
    out = [] if command == "summary" else ["-o", str(tmp_path / "out.xlsx")]
    r = runner.invoke(app, [command, *files, "--as-of", value, *out])
    assert r.exit_code == 2, r.output
    assert "YYYY-MM-DD" in r.output and value in r.output and "不是有效的日期" in r.output
    assert "内部出错" not in r.output  # the clerk's mistake, not jiekun's
    assert not (tmp_path / "out.xlsx").exists()


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


@pytest.mark.parametrize(
    ("lang", "needle"),
    [
        ("zh", "错误：--month 与 --month-from-name 只能选一个。"),
        ("en", "Error: Give only one of --month and"),
    ],
)
def test_options_that_exclude_each_other(tmp_path, lang, needle):
    args = ["batch", str(tmp_path), "--month", "2025-01", "--month-from-name", "--lang", lang]
    r = runner.invoke(app, args)
    assert r.exit_code == 2 and needle in r.output


def test_template_rows_option_agrees_with_the_library():
    from jiekun.cli import template as cli_template
    from jiekun.report import template

    assert (cli_template.DEFAULT_ROWS, cli_template.MAX_ROWS) == (template.DEFAULT_ROWS, template.MAX_ROWS)


#: A command line per command that writes a file with ``-o`` (or ``--init``), the file's name last.
WRITERS = {
    "classify": ["classify", "{roster}", "-o"],
    "check": ["check", "{roster}", "-o"],
    "batch": ["batch", "{roster}", "--month", "2025-01", "-o"],
    "compare": ["compare", "{roster}", "{roster}", "-o"],
    "match": ["match", "{roster}", "{roster}", "-o"],
    "template": ["template", "-o"],
    "rules": ["rules", "--init"],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", ["r.csv", "t.txt", "r.xlsm", "report", "r.xls", "r.toml", "r.xlsx"])
@pytest.mark.parametrize("command", sorted(WRITERS))
def test_an_output_name_the_command_does_not_write_is_a_usage_error(
    tmp_path, monkeypatch, command, name, lang
):
    """``classify -o r.csv`` would write a workbook named .csv: refused, naming the suffixes, before reading."""
    import jiekun.pipeline.summary

    read = []
    monkeypatch.setattr(jiekun.pipeline.summary, "iter_roster", lambda *a, **k: read.append(1) or iter(()))
    roster = write_csv(tmp_path / "in.csv", [f"甲,{make_id('19800101', True)},男,,初中,厂,1,100,"])
    args = [a.format(roster=roster) for a in WRITERS[command]] + [str(tmp_path / name), "--lang", lang]
    r = runner.invoke(app, args)
    accepted = SUFFIXES[command]
    if Path(name).suffix in accepted:
        assert "扩展名" not in r.output and "writes" not in r.output
        return
    assert r.exit_code == 2, r.output
    assert all(s in r.output for s in accepted) and name in r.output
    assert ("文件名要以它结尾" if lang == "zh" else "the name must end") in r.output
    assert not read and not (tmp_path / name).exists()  # refused before anything was read or written


def test_suffixes_are_compared_without_case(tmp_path):
    r = runner.invoke(app, ["template", "-o", str(tmp_path / "T.XLSX")])
    assert r.exit_code == 0 and (tmp_path / "T.XLSX").exists()


def test_jiekun_lang_and_group_lang_choose_the_language(tmp_path):
    p = write_csv(tmp_path / "r.csv", [f"甲,{make_id('19750101', True, 1)},男,,初中,厂,3,735,下岗"])
    args = ["summary", str(p), "--as-of", "2025-12-31"]
    assert "Extreme hardship" in runner.invoke(app, args, env={"JIEKUN_LANG": "en"}).output
    assert "Extreme hardship" in runner.invoke(app, ["--lang", "en", *args]).output
    assert "特困职工" in runner.invoke(app, [*args, "--lang", "zh"], env={"JIEKUN_LANG": "en"}).output
    bad = runner.invoke(app, [*args, "--lang", "fr"])
    assert bad.exit_code == 2 and "--lang" in bad.output


def test_summary_in_chunks_is_the_same_under_spawn(tmp_path):
    """Worker processes started with spawn (as on Windows and macOS) give the JSON of one read in full."""
    rows = [
        f"职工{i},{make_id(f'19{60 + i % 30}0101', i % 2 == 0, i)},,,初中,厂,{1 + i % 4},{200 + 37 * i},下岗"
        for i in range(60)
    ]
    rows.append(rows[3])  # a duplicate in a later chunk is still found
    p = write_csv(tmp_path / "r.csv", rows)
    code = (
        "import sys, jiekun.pipeline.summary as s\n"
        "s.CHUNK_BYTES, s.CHUNK_ROWS = 0, 7\n"  # every text file in chunks of 7 rows
        "from jiekun.cli import main\n"
        f"sys.argv = ['jiekun', 'summary', {str(p)!r}, '--as-of', '2025-12-31', '--json']\n"
        "main()\n"
    )
    env = {**os.environ, "JIEKUN_START_METHOD": "spawn"}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    whole = runner.invoke(app, ["summary", str(p), "--as-of", "2025-12-31", "--json"])
    assert json.loads(r.stdout) == json.loads(whole.stdout)
    assert json.loads(r.stdout)["duplicates"] == 1


def test_check_table_names_problems_in_words_and_json_keeps_codes(tmp_path):
    dup = f"乙,{make_id('19800101', True, 2)},男,,初中,厂,2,300,"
    p = write_csv(tmp_path / "r.csv", [f"甲,{make_id('19750101', True, 1)},男,,初中,厂,3,735,下岗", dup, dup])
    from jiekun.model.problems import title

    for lang in ("zh", "en"):
        r = runner.invoke(
            app, ["check", str(p), "--as-of", "2025-12-31", "--lang", lang], env={"COLUMNS": "80"}
        )
        assert r.exit_code == 1 and title("duplicate_id", lang) in r.output and "duplicate_id" not in r.output
    j = runner.invoke(app, ["check", str(p), "--as-of", "2025-12-31", "--json"])
    assert json.loads(j.stdout)["by_code"] == {"duplicate_id": 1}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_compare_table_titles_are_whole_at_80_columns(tmp_path, lang):
    from jiekun.text import words

    row = f"甲,{make_id('19750101', True, 1)},男,,初中,厂,3,735,下岗"
    old, new = write_csv(tmp_path / "2025-01.csv", [row]), write_csv(tmp_path / "2025-02.csv", [row])
    r = runner.invoke(app, ["compare", str(old), str(new), "--lang", lang, "-o", str(tmp_path / "c.xlsx")],
                      env={"COLUMNS": "80"})  # fmt: skip
    assert r.exit_code == 0, r.output
    w = words("terminal", lang)["series"]
    lines = [line.strip() for line in r.output.splitlines()]
    assert w["t_flows"] in lines and w["t_counts"] in lines


def test_a_file_the_machine_cannot_write_is_exit_2_not_a_bug(tmp_path, monkeypatch):
    import jiekun.report.roster

    def locked(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / "报告.xlsx"))

    monkeypatch.setattr(jiekun.report.roster, "write_report", locked)
    p = write_csv(tmp_path / "r.csv", [f"甲,{make_id('19800101', True)},男,,初中,厂,1,100,"])
    r = runner.invoke(app, ["classify", str(p), "-o", str(tmp_path / "报告.xlsx"), "--as-of", "2025-12-31"])
    assert r.exit_code == 2 and "报告.xlsx" in r.output and "Excel 或 WPS 中打开" in r.output
    assert "内部出错" not in r.output
