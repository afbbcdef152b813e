"""The command line: help, exit codes, messages, and parity with the library."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from conftest import AS_OF, SAMPLES, make_id, write_csv
from typer.testing import CliRunner

import jiekun
from jiekun.cli.app import app
from jiekun.errors import InputError

runner = CliRunner()


def examples(fn) -> list[str]:
    """The example command lines of a command's docstring (the lines after "Example:")."""
    doc = fn.__doc__ or ""
    assert "Example:" in doc, fn.__name__
    lines = [line.strip() for line in doc.split("Example:", 1)[1].splitlines()]
    return [line for line in lines if line.startswith("jiekun ")]


#: Options whose value is a file jiekun writes, not one it reads.
OUTPUT_OPTIONS = {"-o", "--output", "--init"}


def inputs(args: list[str]) -> list[str]:
    """The files an example reads: its arguments that name files or folders, outputs left out."""
    return [
        a
        for before, a in zip(["", *args], args, strict=False)
        if before not in OUTPUT_OPTIONS and (a.endswith("/") or Path(a).suffix in {".xlsx", ".csv", ".toml"})
    ]


def parses(args: list[str]) -> None:
    """Parse a command line as the app would, without running it (a usage error raises)."""
    group = typer.main.get_command(app)
    command = group.get_command(typer.Context(group, info_name="jiekun"), args[0])
    command.make_context(args[0], args[1:])


def test_help_lists_commands():
    r = runner.invoke(app, ["--help"])
    assert r.exit_code == 0
    for cmd in app.registered_commands:
        assert cmd.name in r.output


@pytest.mark.parametrize("name", [cmd.name for cmd in app.registered_commands])
def test_each_help_shows_examples_that_run(name, tmp_path, monkeypatch):
    """Every command's --help shows its examples; each parses, and those on shipped samples run."""
    fn = next(cmd.callback for cmd in app.registered_commands if cmd.name == name)
    shown = runner.invoke(app, [name, "--help"])
    assert shown.exit_code == 0
    lines = examples(fn)
    assert lines, name
    monkeypatch.chdir(tmp_path)
    (tmp_path / "samples").symlink_to(SAMPLES, target_is_directory=True)
    ran = 0
    for line in lines:
        assert line in shown.output, line  # whole, on one line (a "\\b" paragraph is not rewrapped)
        args = shlex.split(line)[1:]
        parses(args)
        if all(Path(a).exists() for a in inputs(args)):
            r = runner.invoke(app, args)
            assert r.exit_code in ((0, 1) if name == "check" else (0,)), (line, r.output)
            assert ("内部出错" not in r.output and r.exception is None) or isinstance(r.exception, SystemExit)
            ran += 1
    assert ran, f"no example of {name} runs on the shipped samples"


def test_internal_error_is_jiekuns_fault_without_traceback(tmp_path, monkeypatch):
    import jiekun.pipeline.summary

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(jiekun.pipeline.summary, "summarize", boom)
    p = write_csv(tmp_path / "r.csv", [f"甲,{make_id('19800101', True)},男,,初中,厂,1,100,"])
    r = runner.invoke(app, ["summary", str(p)])
    assert r.exit_code == 2
    assert "内部出错" in r.output and "这不是你的错" in r.output and "boom" in r.output
    assert "Traceback" not in r.output and "jiekun --debug" in r.output
    en = runner.invoke(app, ["summary", str(p), "--lang", "en"])
    assert en.exit_code == 2 and "not your fault" in en.output and "内部出错" not in en.output
    debug = runner.invoke(app, ["--debug", "summary", str(p)])
    assert isinstance(debug.exception, RuntimeError) and str(debug.exception) == "boom"
    again = runner.invoke(app, ["summary", str(p)])  # --debug does not stay on
    assert again.exit_code == 2 and "内部出错" in again.output


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


def test_bad_as_of_is_a_usage_error(tmp_path):
    p = write_csv(tmp_path / "r.csv", [f"甲,{make_id('19800101', True)},男,,初中,厂,1,100,"])
    r = runner.invoke(app, ["summary", str(p), "--as-of", "2025/13/01"])
    assert r.exit_code == 2 and "YYYY-MM-DD" in r.output and "2025/13/01" in r.output
    assert "内部出错" not in r.output  # the clerk's mistake, not jiekun's


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
