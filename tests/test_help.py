"""``--help``: all of it in the chosen language, fitting the terminal by display width, examples whole."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest
import typer
from conftest import SAMPLES
from typer.testing import CliRunner

from jiekun.cli.app import app
from jiekun.cli.help import _NO_START, Command, cells, command_words, wrap
from jiekun.text import words

runner = CliRunner()
NAMES = [cmd.name for cmd in app.registered_commands]
#: Options whose value is a file jiekun writes, not one it reads.
OUTPUT_OPTIONS = {"-o", "--output", "--init"}


def help_of(args: list[str], columns: int, env: dict | None = None) -> str:
    r = runner.invoke(app, args, env={"COLUMNS": str(columns), **(env or {})})
    assert r.exit_code == 0, r.output
    return r.output


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


@pytest.mark.parametrize("columns", [80, 100])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", [None, *NAMES])
def test_help_fits_the_terminal_and_shows_every_example_whole(name, lang, columns):
    args = ["--help", "--lang", lang] if name is None else [name, "--help", "--lang", lang]
    shown = help_of(args, columns)
    wide = [line for line in shown.splitlines() if cells(line) > columns]
    assert not wide, wide
    assert not any(line.lstrip()[:1] in _NO_START for line in shown.splitlines() if line.strip())
    if name is not None:
        lines = [line.strip() for line in shown.splitlines()]
        for example in command_words(name, lang)["examples"]:
            assert example in lines  # whole, on a line of its own
        assert cells(max(shown.splitlines(), key=cells)) <= columns


@pytest.mark.parametrize("name", NAMES)
def test_every_command_has_its_whole_help_in_both_languages(name):
    for lang in ("zh", "en"):
        w = command_words(name, lang)
        assert w.get("short") and w.get("about") and w.get("examples"), (name, lang)
        assert all(cells(e) <= 76 for e in w["examples"])  # fits after the indent at 80 columns
    zh = help_of([name, "--help"], 80, env={"JIEKUN_LANG": ""})
    en = help_of([name, "--help", "--lang", "en"], 80)
    assert "选项：" in zh and "显示本帮助并退出。" in zh and "Options:" not in zh and "Show this" not in zh
    assert "Options:" in en and "Show this help and exit." in en and "选项" not in en

    def flat(text: str) -> str:
        return "".join(text.split())

    assert flat(words("cli", "zh")["options"]["lang"]) in flat(zh)


def test_lang_switches_help_wherever_it_stands():
    english = "Show this help and exit."
    assert english in help_of(["summary", "--lang", "en", "--help"], 80)
    assert english in help_of(["summary", "--help", "--lang=en"], 80)
    assert english in help_of(["summary", "--help"], 80, env={"JIEKUN_LANG": "en"})
    assert english in help_of(["--lang", "en", "summary", "--help"], 80)
    assert english in help_of(["--help", "--lang", "en"], 80)
    assert english in help_of(["--help"], 80, env={"JIEKUN_LANG": "en"})
    assert "显示本帮助并退出。" in help_of(
        ["summary", "--help", "--lang", "zh"], 80, env={"JIEKUN_LANG": "en"}
    )


def test_help_documents_the_exit_codes():
    for args in (["--help"], ["check", "--help"]):
        zh, en = help_of(args, 80), help_of([*args, "--lang", "en"], 80)
        assert "退出码：" in zh and "3  jiekun 内部出错" in zh
        assert "Exit codes:" in en and "3  an internal error in jiekun" in en


@pytest.mark.parametrize("name", NAMES)
def test_each_example_parses_and_those_on_the_samples_run(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    try:
        (tmp_path / "samples").symlink_to(SAMPLES, target_is_directory=True)
    except OSError:  # Windows without the right to make links
        shutil.copytree(SAMPLES, tmp_path / "samples")
    ran = 0
    for lang in ("zh", "en"):
        for line in command_words(name, lang)["examples"]:
            args = shlex.split(line)[1:]
            parses(args)
            if lang == "zh" and all(Path(a).exists() for a in inputs(args)):
                r = runner.invoke(app, args)
                assert r.exit_code in ((0, 1) if name == "check" else (0,)), (line, r.output)
                assert r.exception is None or isinstance(r.exception, SystemExit)
                ran += 1
    assert ran, f"no example of {name} runs on the shipped samples"


def test_wrap_counts_wide_characters_twice_and_keeps_terms_whole():
    text = "按身份证号与其他部门名单比对（信息比对），列出两边都有的、只在一边的人。" * 3
    for width in (20, 33, 41, 78):
        lines = wrap(text, width, "  ")
        assert all(cells(line) <= width for line in lines)
        assert "".join(line.strip() for line in lines) == text
        assert not any(line.strip()[0] in "，。、）" for line in lines)
    english = "The workbook has the sheets 比对汇总, 仅在名册, 仅在参照, 信息不一致, 待核实 and more."
    for width in range(24, 60):
        assert all(term in " ".join(wrap(english, width)).split() or term + "," in " ".join(wrap(english, width)).split()
                   for term in ("仅在名册", "信息不一致"))  # fmt: skip


def test_a_command_without_words_shows_its_docstring():
    demo = typer.Typer(rich_markup_mode=None)

    @demo.command(cls=Command)
    def later(count: int = 1) -> None:
        """Do a later thing.

        It is not in jiekun.text yet.

        Example:

            jiekun later --count 2
        """

    @demo.command(cls=Command)
    def other() -> None:
        """Another."""

    r = runner.invoke(demo, ["later", "--help"], env={"COLUMNS": "80"})
    assert r.exit_code == 0
    assert "Do a later thing." in r.output and "It is not in jiekun.text yet." in r.output
    assert "  jiekun later --count 2" in r.output.splitlines()
