"""Files made to break readers (``tests/hostile/``, made by ``samples/hostile_files.py``).

No file makes jiekun print a traceback, abort or run away with memory: each is read
in full or refused with a short message in both languages, exit code 2.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import jiekun
from jiekun.cli.app import app
from jiekun.errors import MAX_MESSAGE, InputError
from jiekun.io import guard
from jiekun.io.spreadsheet import native_read
from jiekun.text import table

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "hostile"
EXPECTED = json.loads((HOSTILE / "expected.json").read_text("utf-8"))
sys.path.insert(0, str(ROOT / "samples"))
import hostile_files  # noqa: E402

runner = CliRunner()
MEMORY_LIMIT = 3 << 30  # the whole command's address space: far under the machine's memory
ON_POSIX = sys.platform != "win32"


def test_the_folder_is_what_the_generator_writes():
    made = hostile_files.hostile_files()
    assert sorted(made) == sorted(EXPECTED)
    for name, (data, want) in made.items():
        assert (HOSTILE / name).read_bytes() == data, f"{name}: run python samples/hostile_files.py"
        assert want == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_file_is_read_or_named_for_what_it_is(name):
    want = EXPECTED[name]
    path = HOSTILE / name
    if not want["refused"]:
        assert jiekun.load_roster(path).rows_read == want["rows"]
        return
    with pytest.raises(InputError) as caught:
        jiekun.load_roster(path)
    if "say" in want:  # the message is the one for this kind of file, in both languages
        for lang in ("zh", "en"):
            words = table("io")[lang][want["say"]]
            assert max(re.split(r"\{[^}]*\}", words), key=len) in caught.value.message(lang)
    for lang in ("zh", "en"):
        assert len(caught.value.message(lang)) < MAX_MESSAGE


_RUN_ALL = r"""
import json, sys
from pathlib import Path
from typer.testing import CliRunner
from jiekun.cli.app import app
runner, folder, out = CliRunner(), Path(sys.argv[1]), Path(sys.argv[2])
for name in sys.argv[3:]:
    f = str(folder / name)
    print(json.dumps({"file": name}), flush=True)
    for cmd in (["summary", f, "--json"], ["check", f], ["classify", f, "-o", str(out / (name + ".xlsx"))]):
        r = runner.invoke(app, cmd)
        print(json.dumps({"file": name, "cmd": cmd[0], "code": r.exit_code, "output": r.output[-2000:]}), flush=True)
"""


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.mark.skipif(not ON_POSIX, reason="setrlimit is POSIX")
def test_every_file_through_summary_check_classify_under_a_memory_limit(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.run(
        [sys.executable, "-c", _RUN_ALL, str(HOSTILE), str(out), *sorted(EXPECTED)],
        cwd=tmp_path,
        env={**os.environ, "COLUMNS": "80", "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        timeout=600,
        preexec_fn=_limit_memory,
    )
    lines = [json.loads(x) for x in proc.stdout.splitlines() if x.startswith("{")]
    assert proc.returncode == 0, f"died after {lines[-1] if lines else None}: {proc.stderr[-800:]}"
    runs = [x for x in lines if "cmd" in x]
    assert len(runs) == 3 * len(EXPECTED)
    for r in runs:
        want = EXPECTED[r["file"]]
        assert "Traceback" not in r["output"], r
        if want["refused"]:
            assert r["code"] == 2, r
            assert len(r["output"].strip()) < MAX_MESSAGE + 20, r
        else:
            assert r["code"] in (0, 1), r


def _cli(path: Path, *args: str):
    r = runner.invoke(app, ["summary", str(path), "--json", *args])
    assert r.exit_code in (0, 1, 2), (r.exit_code, r.output[-500:])
    assert "Traceback" not in r.output
    if r.exit_code == 2:
        assert len(r.output.strip()) < MAX_MESSAGE + 20
    return r


@pytest.mark.skipif(not ON_POSIX, reason="the memory cap needs setrlimit")
@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_a_runaway_allocation_ends_the_child_not_jiekun(monkeypatch, start):
    """The structural checks turned off: calamine itself allocates without end, the cap stops it."""
    monkeypatch.setattr(guard, "check_ole", lambda data, path: None)
    monkeypatch.setenv(guard.MEMORY_ENV, "512")
    monkeypatch.setenv(guard.START_METHOD_ENV, start)
    for name in ("ole-directory-chain-loop.xls", "biff8-dimensions-absurd.xls"):
        path = HOSTILE / name
        with pytest.raises(InputError) as caught:
            guard.read_native(native_read, path.read_bytes(), "xls", path)
        assert "512 MB" in caught.value.message("en")
        assert "内存上限 512 MB" in caught.value.message("zh")


@pytest.mark.parametrize("memory", ["0", ""])
def test_a_panic_of_the_reader_is_a_message(monkeypatch, memory):
    """calamine panics (PanicException derives from BaseException): in this process and in the child."""
    monkeypatch.setattr(guard, "check_ole", lambda data, path: None)
    monkeypatch.setenv(guard.MEMORY_ENV, memory)
    path = HOSTILE / "ole-small-stream-without-minifat.xls"
    with pytest.raises(InputError) as caught:
        guard.read_native(native_read, path.read_bytes(), "xls", path)
    assert "cannot handle" in caught.value.message("en")


def test_keyboard_interrupt_is_never_swallowed():
    def stop(data, fmt):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        guard._attempt(stop, b"", "xls")


def test_a_bad_memory_setting_is_a_usage_message(monkeypatch):
    monkeypatch.setenv(guard.MEMORY_ENV, "lots")
    with pytest.raises(InputError, match="JIEKUN_READ_MEMORY_MB"):
        guard.budget(100)


@pytest.mark.parametrize("rename", [hostile_files.backslashes, hostile_files.upper_parts])
def test_survey_sample_repacked_reads_with_the_same_figures(tmp_path, rename):
    sample = ROOT / "samples" / "survey-roster.xlsx"
    expected = json.loads((ROOT / "samples" / "survey-roster.expected.json").read_text("utf-8"))
    odd = tmp_path / "survey-odd.xlsx"
    odd.write_bytes(hostile_files.repack(sample.read_bytes(), rename))
    with zipfile.ZipFile(odd) as z:
        assert any(rename("xl/workbook.xml") == n for n in z.namelist())
    t = jiekun.summarize(odd, as_of=dt.date.fromisoformat(expected["as_of"])).tally
    assert (t.rows_read, t.workers, t.hardship, t.extreme) == (
        expected["rows_read"],
        expected["workers"],
        expected["hardship"],
        expected["extreme"],
    )


def test_long_values_are_cut_in_messages(tmp_path):
    """A value quoted in a message (here a 9,000-character part name) is cut; the advice stays whole."""
    path = tmp_path / "long.zip"
    path.write_bytes(hostile_files.zip_of({"很长的说明" * 1800 + ".csv": b"a,b\n"}))
    with pytest.raises(InputError) as caught:
        jiekun.load_roster(path)
    zh, en = caught.value.message("zh"), caught.value.message("en")
    assert len(zh) < 300 and zh.endswith("或确认选对了文件。")
    assert len(en) < 400 and en.endswith("check that it is the right file.")
    assert guard.clip("x" * 9000) == "x" * (guard.CUT - 1) + "…"


# ------------------------------------------------------------------ random bytes in containers


def _zip_book(sheets: list[bytes]) -> bytes:
    parts = {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Default Extension="xml" ContentType="application/xml"/></Types>',
        "xl/workbook.xml": b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
        b' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
        + b"".join(
            b'<sheet name="s%d" sheetId="%d" r:id="rId%d"/>' % (i, i + 1, i + 1) for i in range(len(sheets))
        )
        + b"</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + b"".join(
            b'<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"'
            b' Target="worksheets/sheet%d.xml"/>' % (i + 1, i + 1)
            for i in range(len(sheets))
        )
        + b"</Relationships>",
    }
    parts.update({f"xl/worksheets/sheet{i + 1}.xml": body for i, body in enumerate(sheets)})
    return hostile_files.zip_of(parts)


_SHEET_BITS = st.sampled_from(
    [
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
        b'<row r="1">',
        b'<c r="A1" t="inlineStr"><is><t>\xe5\xa7\x93\xe5\x90\x8d</t></is></c>',
        b'<c r="XFD1048576"><v>1</v></c>',
        b'<c r="B2" t="s"><v>99999999</v></c>',
        b'<dimension ref="A1:XFD1048576"/>',
        b"</row>",
        b"</sheetData></worksheet>",
        b'<mergeCells><mergeCell ref="A1:Z9"/></mergeCells>',
    ]
)
_sheet = st.lists(st.one_of(_SHEET_BITS, st.binary(max_size=40)), max_size=12).map(b"".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sheets=st.lists(_sheet, min_size=1, max_size=3))
def test_random_sheets_in_a_zip_workbook_never_crash(tmp_path, sheets):
    path = tmp_path / "random.xlsx"
    path.write_bytes(_zip_book(sheets))
    _cli(path)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    fields=st.lists(st.integers(0, 2**32 - 1), min_size=8, max_size=8),
    difat=st.lists(st.integers(0, 2**32 - 1), min_size=109, max_size=109),
    body=st.binary(min_size=0, max_size=4096),
    seed=st.sampled_from(["valid", "random"]),
)
def test_random_bytes_in_an_ole_container_never_crash(tmp_path, fields, difat, body, seed):
    if seed == "valid":  # a real container, then random bytes over part of it
        data = bytearray(hostile_files.cfb({"Workbook": hostile_files.biff8_workbook(hostile_files.WORKERS)}))
        at = 512 + (fields[0] % max(1, len(data) - 512))
        data[at : at + len(body)] = body
    else:
        data = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16))
        data += struct.pack("<HHHHH6s", 0x3E, 3, 0xFFFE, 9, 6, bytes(6)) + struct.pack(
            "<IIIIIIIII", 0, *fields
        )
        data += struct.pack("<109I", *difat) + body
    path = tmp_path / "random.xls"
    path.write_bytes(bytes(data))
    _cli(path)


def test_a_zip_that_is_no_workbook_lists_what_it_holds(tmp_path):
    path = tmp_path / "bundle.zip"
    path.write_bytes(hostile_files.zip_of({"三月/花名册.csv": b"a,b\n", "readme.txt": b"x"}))
    with pytest.raises(InputError) as caught:
        jiekun.load_roster(path)
    assert "花名册.csv" in caught.value.message("zh")
    assert "Unzip it first" in caught.value.message("en")
