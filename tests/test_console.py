"""Console output never fails on encoding: a GBK console, a redirect, ASCII (each a real process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import make_id, write_csv

from jiekun.cli.console import HANDLER, substitute

ENCODINGS = ["gbk", "ascii", "utf-8"]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """A small roster with a problem, and a folder of two months."""
    d = tmp_path_factory.mktemp("console")
    rows = [
        f"甲,{make_id('19750101', True, 1)},男,,初中,示例厂,3,735,下岗",
        f"乙,{make_id('19900101', False, 2)},女,,本科,示例厂,2,560,子女上学",
        f"丙,{make_id('19800101', True, 3)}X,男,,高中,示例厂,1,5000,",
    ]
    roster = write_csv(d / "花名册.csv", rows)
    (d / "months").mkdir()
    write_csv(d / "months" / "2025-01.csv", rows[:2])
    write_csv(d / "months" / "2025-02.csv", [rows[0], rows[1].replace(",560,", ",900,")])
    return {"roster": str(roster), "months": str(d / "months"), "dir": d}


def jiekun(args: list[str], encoding: str, cwd) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "COLUMNS": "80"}
    env.pop("JIEKUN_LANG", None)
    code = f"import sys\nfrom jiekun.cli import main\nsys.argv = ['jiekun', *{args!r}]\nmain()\n"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, cwd=cwd, timeout=300)


CASES = {
    "summary": (["summary", "{roster}", "--as-of", "2025-12-31"], 0),
    "check": (["check", "{roster}", "--as-of", "2025-12-31"], 1),
    "batch": (["batch", "{months}", "-o", "trend-{enc}.xlsx"], 0),
    "rules": (["rules"], 0),
    "help": (["summary", "--help"], 0),
    "error": (["summary", "没有这个文件.xlsx"], 2),
    "usage": (["classify", "{roster}", "-o", "报告.csv"], 2),
}


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("case", sorted(CASES))
def test_output_never_fails_on_the_console_encoding(files, case, encoding):
    template, code = CASES[case]
    args = [a.format(enc=encoding, **files) for a in template]
    r = jiekun(args, encoding, files["dir"])
    err = r.stderr.decode(encoding)
    assert r.returncode == code, err
    assert "Traceback" not in err and "UnicodeEncodeError" not in err and "内部出错" not in err
    out = r.stdout.decode(encoding)  # every byte written is in the console's encoding
    shown = out + err
    if case == "summary":
        mark = {"gbk": "√ 核对", "ascii": "v ", "utf-8": "✓ 核对"}[encoding]
        assert mark in out
    if encoding != "ascii" and case in ("summary", "check"):
        assert "读取 3 行 = 职工 3" in shown
    if encoding != "ascii" and case == "error":
        assert "错误：" in err and "没有这个文件.xlsx" in err
    if case == "help":
        assert "jiekun summary samples/survey-roster.xlsx --as-of 2025-12-31" in out


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_json_stays_exact_on_any_console(files, encoding):
    """JSON is escaped (\\u…) where the console lacks a character, so a script reads the same object."""
    r = jiekun(["summary", files["roster"], "--as-of", "2025-12-31", "--json"], encoding, files["dir"])
    assert r.returncode == 0, r.stderr.decode(encoding)
    got = json.loads(r.stdout.decode(encoding))
    assert got["source"].endswith("花名册.csv") and got["by_age_gender"][0]["label"] == "男50岁以下"


def test_substitutes_keep_the_width_and_are_the_nearest_the_encoding_has():
    def enc(text: str, encoding: str) -> str:
        return text.encode(encoding, errors=HANDLER).decode(encoding)

    assert enc("✓ 核对 ✗", "gbk") == "√ 核对 ×"
    assert enc("✓ 核对 ✗ →", "ascii") == "v ???? x ->"  # a wide character stands as two
    assert enc("✓ 核对", "gb18030") == "✓ 核对"
    with pytest.raises(UnicodeDecodeError):
        substitute(UnicodeDecodeError("utf-8", b"\xff", 0, 1, "bad"))
