"""`jiekun check` and hostile inputs: every unreadable file exits 2 with a message, never a traceback."""

from __future__ import annotations

import json
import os
import re
import zipfile

import openpyxl
import pytest
import xlsxwriter
from conftest import SAMPLES, make_id, write_csv
from typer.testing import CliRunner

import jiekun
from jiekun.cli.app import app
from jiekun.io import sniff

runner = CliRunner()
MESSY = str(SAMPLES / "messy-roster.csv")


def check(*args):
    return runner.invoke(app, ["check", *map(str, args), "--as-of", "2025-12-31"])


def test_check_json_lists_every_record_with_masked_ids():
    r = check(MESSY, "--json")
    assert r.exit_code == 1
    j = json.loads(r.stdout)
    assert j["problems"] == {"error": 5, "warning": 3}  # lost digits and a bad check digit are errors
    assert len(j["records"]) == 8 and j["by_code"]["duplicate_id"] == 1
    dup = next(x for x in j["records"] if x["code"] == "duplicate_id")
    assert dup["row"] == 10 and "********" in dup["value"] and "第 3 行" in dup["message"]


def test_strict_fails_on_warnings_only(tmp_path):
    p = write_csv(tmp_path / "r.csv", [f"甲,{make_id('19800101', True)},男,,扫盲班,厂,1,100,"])
    assert check(p).exit_code == 0
    assert check(p, "--strict").exit_code == 1


def test_output_csv_has_bom_and_no_formulas(tmp_path):
    p = write_csv(tmp_path / "r.csv", [f"=1+1,{make_id('19800101', True)},男,,=HYPERLINK(1),厂,1,100,"])
    out = tmp_path / "problems.csv"
    r = check(p, "-o", out)
    assert r.exit_code == 0 and out.read_bytes().startswith(b"\xef\xbb\xbf")
    text = out.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK(1)" in text and "education_unknown" in text


def test_output_xlsx_is_the_problems_sheet(tmp_path):
    out = tmp_path / "problems.xlsx"
    assert check(MESSY, "-o", out).exit_code == 1
    ws = openpyxl.load_workbook(out).active
    assert ws.title == "问题数据"
    rows = [r[0] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert sorted(rows) == [6, 7, 10, 12, 13, 14, 15, 16]
    again = check(MESSY, "-o", out)
    assert again.exit_code == 2 and "--force" in again.output


def unreadable(path, *needles):
    r = runner.invoke(app, ["summary", str(path)])
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output
    flat = re.sub(r"\s+", "", r.output)
    for n in needles:
        assert re.sub(r"\s+", "", n) in flat, r.output
    return r


def test_directory_and_missing_file(tmp_path):
    unreadable(tmp_path, "是一个文件夹")
    unreadable(tmp_path / "无.xlsx", "找不到文件")


def test_password_protected_xlsx(tmp_path):
    # an encrypted OOXML file is an OLE2 container holding EncryptionInfo/EncryptedPackage
    p = tmp_path / "加密.xlsx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le"))
    unreadable(p, "设置了打开密码")


def test_html_xls_without_a_table(tmp_path):
    p = tmp_path / "导出.xls"
    p.write_text("<html><body><p>系统维护中</p></body></html>", encoding="utf-8")
    unreadable(p, "网页", "没有表格")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_for_permissions(tmp_path):
    p = write_csv(tmp_path / "r.csv", [f"甲,{make_id('19800101', True)},男,,初中,厂,1,100,"])
    p.chmod(0)
    unreadable(p, "没有权限")


def test_sheet_that_does_not_exist_lists_the_sheets():
    unreadable_args = ["summary", str(SAMPLES / "survey-roster.xlsx"), "--sheet", "Sheet9"]
    r = runner.invoke(app, unreadable_args)
    assert r.exit_code == 2 and "花名册" in r.output and "Sheet9" in r.output


def _xlsx(path, far=None, dimension=None):
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("花名册")
    ws.write_row(0, 0, ["姓名", "身份证号", "家庭人口", "家庭月收入"])
    for i in range(1, 6):
        ws.write_row(i, 0, [f"职工{i}", make_id("19800101", True, i), 1, 100])
    if far:
        ws.write(*far, "远处")
    wb.close()
    if dimension:
        _rewrite(
            path, lambda x: re.sub(rb'<dimension ref="[^"]+"', f'<dimension ref="{dimension}"'.encode(), x)
        )
    return path


def _rewrite(path, fn):
    src = zipfile.ZipFile(path)
    items = [(i, src.read(i.filename)) for i in src.infolist()]
    src.close()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in items:
            z.writestr(info, fn(data) if info.filename.startswith("xl/worksheets/") else data)


def test_billion_cell_sheet_is_refused_quickly(tmp_path):
    unreadable(_xlsx(tmp_path / "far.xlsx", far=(1048575, 16383)), "范围异常大")
    # the same cells behind a dimension that lies
    unreadable(_xlsx(tmp_path / "liar.xlsx", far=(1048575, 16383), dimension="A1:D6"), "范围异常大")


def test_wrong_dimension_as_wps_writes_it_is_read_in_full(tmp_path):
    p = _xlsx(tmp_path / "wps.xlsx", dimension="A1")
    assert jiekun.summarize(p).tally.workers == 5


def test_zip_bomb_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(sniff, "MAX_UNZIPPED", 10_000)
    p = _xlsx(tmp_path / "bomb.xlsx")
    with zipfile.ZipFile(p, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/padding.bin", b"\0" * 100_000)
    unreadable(p, "压缩炸弹")


def test_progress_is_silent_when_not_a_terminal(tmp_path):
    p = write_csv(tmp_path / "r.csv", [f"甲,{make_id('19800101', True)},男,,初中,厂,1,100,"])
    r = runner.invoke(app, ["summary", str(p), "--json", "--as-of", "2025-12-31"])
    assert r.exit_code == 0 and r.stderr == ""
    json.loads(r.stdout)
