"""Hostile and odd files found by trying files the builders had not seen (built here in tmp_path)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from typer.testing import CliRunner

from jiekun.cli.app import app

runner = CliRunner()
HEADER = ["姓名", "身份证号", "性别", "家庭人口", "家庭月收入"]
PEOPLE = [["王一", "", "男", "3", "700"], ["李二", "", "女", "2", "600"], ["张三", "", "男", "4", "1200"]]


def _csv_text() -> str:
    return "\n".join(",".join(r) for r in [HEADER, *PEOPLE]) + "\n"


def _summary(path: Path) -> dict:
    r = runner.invoke(app, ["summary", "--json", "--as-of", "2026-12-01", str(path)])
    assert r.exit_code == 0, r.output
    return json.loads(r.output)


def _sheet_xml(dimension: str, cells: str) -> bytes:
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    return (
        f'<?xml version="1.0"?><worksheet xmlns="{ns}"><dimension ref="{dimension}"/>'
        f"<sheetData>{cells}</sheetData></worksheet>"
    ).encode()


def _with_sheet(tmp_path: Path, name: str, sheet: bytes) -> Path:
    """A valid workbook whose first sheet's XML is replaced by ``sheet``."""
    base = tmp_path / "base.xlsx"
    wb = xlsxwriter.Workbook(str(base))
    wb.add_worksheet().write_row(0, 0, HEADER)
    wb.close()
    out = tmp_path / name
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = sheet if info.filename.endswith("sheet1.xml") else zin.read(info)
            zout.writestr(info.filename, data)
    return out


def _run_isolated(path: Path) -> subprocess.CompletedProcess:
    """The CLI in its own process: a reader that aborts must not take the test run down."""
    return subprocess.run(
        [sys.executable, "-m", "jiekun", "summary", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "JIEKUN_LANG": "zh"},
    )


@pytest.mark.parametrize(
    ("dimension", "far_cell"),
    [
        ("A1:XFD1048576", '<c r="XFD1048576"><v>1</v></c>'),  # a cell with only its r attribute
        ("A1:E4", '<c r="XFD1048576"><v>1</v></c>'),  # a dimension that lies about the far cell
        ("A1:E4", '<c s="0" r="XFD1048576" t="n"><v>1</v></c>'),  # r not the first attribute
    ],
)
def test_a_sheet_whose_cells_span_a_billion_cell_box_is_refused_not_aborted(tmp_path, dimension, far_cell):
    cells = '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>'
    cells += f'<row r="1048576">{far_cell}</row>'
    path = _with_sheet(tmp_path, "far-cell.xlsx", _sheet_xml(dimension, cells))
    r = _run_isolated(path)
    assert r.returncode == 2, (r.returncode, r.stderr[-500:])
    assert "1,048,576 行 × 16,384 列" in r.stdout + r.stderr
    assert "Traceback" not in r.stderr


def test_styled_blank_cells_far_away_do_not_refuse_a_roster(tmp_path):
    rows = "".join(
        f'<row r="{i + 1}">'
        + "".join(
            f'<c r="{c}{i + 1}" t="inlineStr"><is><t>{v}</t></is></c>'
            for c, v in zip("ABCDE", row, strict=True)
        )
        + "</row>"
        for i, row in enumerate([HEADER, *PEOPLE])
    )
    rows += '<row r="200000"><c r="XFD200000" s="1"/></row>'  # formatting, no value: calamine skips it
    path = _with_sheet(tmp_path, "styled-blank-far.xlsx", _sheet_xml("A1:E4", rows))
    d = _summary(path)
    assert (d["workers"], d["hardship"], d["extreme"]) == (3, 1, 1)


def test_a_pipe_or_a_device_is_refused_with_a_message_not_a_hang(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    fifo = tmp_path / "roster.csv"
    os.mkfifo(fifo)  # no writer: opening it would block for ever
    r = runner.invoke(app, ["summary", str(fifo)])
    assert r.exit_code == 2
    assert "不是普通文件" in r.output
    zero = tmp_path / "zero.xlsx"
    zero.symlink_to("/dev/zero")
    r = runner.invoke(app, ["check", "--lang", "en", str(zero)])
    assert r.exit_code == 2
    assert "not a regular file" in r.output


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_read(tmp_path, codec):
    path = tmp_path / "roster.csv"
    path.write_bytes(_csv_text().encode(codec))
    d = _summary(path)
    assert (d["workers"], d["hardship"], d["extreme"]) == (3, 1, 1)


def test_utf16_detection_leaves_gb18030_and_utf8_alone(tmp_path):
    for codec in ("gb18030", "utf-8"):
        path = tmp_path / f"roster-{codec}.csv"
        path.write_bytes(_csv_text().encode(codec))
        assert _summary(path)["workers"] == 3


def test_a_file_of_nul_bytes_gets_a_message_without_control_characters(tmp_path):
    path = tmp_path / "nul.csv"
    path.write_bytes(b"\x00" * 10_000)
    r = runner.invoke(app, ["summary", str(path)])
    assert r.exit_code == 2
    assert "\x00" not in r.output
    assert len(r.output) < 800
