"""The fast row writer (jiekun.xlsx.rows): its rows read back as XlsxWriter's own cell writes do.

Every long sheet (明细, 问题数据, 复核's list, 流动明细, 返困监测, the match and assist lists)
is written by splicing Arrow-built ``<row>`` XML into the package; each test writes the same
workbook both ways (``cells=True`` is XlsxWriter, one call per cell) and compares what
openpyxl reads: values, types, number formats, fills, borders, fonts, filters, panes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pyarrow as pa
import pytest
from conftest import AS_OF, SAMPLES, make_id, write_csv

from jiekun.pipeline.batch import batch
from jiekun.pipeline.summary import summarize
from jiekun.report import roster as report_roster
from jiekun.report import trend as report_trend
from jiekun.xlsx.book import Kit, data_sheets, open_workbook
from jiekun.xlsx.rows import BANDS, Column


def cell_key(c) -> tuple:
    """What a clerk sees of a cell (numbers to 15 significant digits, as Excel shows them)."""
    v = c.value
    if isinstance(v, float):
        v = float(f"{v:.15g}")
    if isinstance(v, str):  # openpyxl undoes "_x005F" in shared strings (XlsxWriter's), not inline ones
        v = v.replace("_x005F_x", "_x")
    border = (c.border.left.style, c.border.right.style, c.border.top.style, c.border.bottom.style)
    font = (c.font.name, c.font.b, c.font.color.rgb if c.font.color is not None else None)
    return (v, c.data_type, c.number_format, c.fill.fill_type, c.fill.fgColor.rgb, border, font)


def assert_same_sheets(fast: Path, cells: Path, names: list[str]) -> None:
    a, b = openpyxl.load_workbook(fast), openpyxl.load_workbook(cells)
    assert a.sheetnames == b.sheetnames
    for name in names:
        wa, wb = a[name], b[name]
        assert (wa.max_row, wa.max_column) == (wb.max_row, wb.max_column), name
        assert (wa.auto_filter.ref, wa.freeze_panes) == (wb.auto_filter.ref, wb.freeze_panes), name
        assert wa.print_title_rows == wb.print_title_rows, name
        for ra, rb in zip(wa.iter_rows(), wb.iter_rows(), strict=True):
            for ca, cb in zip(ra, rb, strict=True):
                assert cell_key(ca) == cell_key(cb), (name, ca.coordinate)


def no_formulas(path: Path) -> None:
    with zipfile.ZipFile(path) as z:
        assert not any(b"<f>" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))


# ------------------------------------------------------------------ the row builder itself

TEXTS = ["plain", " lead", "trail ", "\u3000全角空格", "a\r\nb", "x\x01y", "A&B <c> \"d\"", "_x0041_厂",
         "end", "=1+1", "@SUM(A1)", "-5", "\tTab", "", "长" * 40_000, "（全角括号）"]  # fmt: skip


def kit_book(tmp_path: Path, columns: list[Column], band, *, cells: bool, bands=BANDS) -> Path:
    buf = io.BytesIO()
    kit = Kit(open_workbook(buf, "t"))
    sheets = data_sheets(kit, "S", columns, band, landscape=False, bands=bands)
    out = tmp_path / ("cells.xlsx" if cells else "fast.xlsx")
    kit.close(buf, out, sheets, cells=cells)
    return out


@pytest.mark.parametrize("arrow", [False, True])
def test_tricky_text_numbers_and_bands_read_back_as_xlsxwriter_writes_them(tmp_path: Path, arrow: bool):
    n = len(TEXTS)
    text = np.array(TEXTS, dtype=object)
    number = np.array([1, 2.5, -3, 1e20, 0.1, np.nan, 252.16666666666666, 12345678.9] * 2, dtype=float)
    columns = [
        Column("t", text=pa.array(TEXTS) if arrow else text),
        Column("id", text=text[::-1].copy(), text_style="id"),
        Column("n", number=number, number_style="money"),
        Column("mix", text=np.where(np.isnan(number), "不详", ""), number=number, number_style="int"),
    ]
    band = (np.arange(n) % 4).astype(np.int8)
    fast = kit_book(tmp_path, columns, band, cells=False)
    cells = kit_book(tmp_path, columns, band, cells=True)
    assert_same_sheets(fast, cells, ["S"])
    got = [c.value for c in openpyxl.load_workbook(fast)["S"]["A"][1:]]
    assert got[:4] == ["plain", " lead", "trail ", "\u3000全角空格"]  # edge spaces kept
    assert got[9:12] == ["=1+1", "@SUM(A1)", "-5"]  # text, never a formula or a number
    assert len(got[14]) == 32_767  # clipped to what a cell holds
    no_formulas(fast)


def test_text_that_is_not_valid_xml_or_unicode_is_still_written(tmp_path: Path):
    """A lone surrogate becomes ``?``; U+FFFE (not allowed in XML) is written as ``_xFFFE_``."""
    columns = [Column("t", text=np.array(["ok", "bad\ud800x", "a&b", "end\ufffe"], dtype=object))]
    fast = kit_book(tmp_path, columns, None, cells=False)
    got = [c.value for c in openpyxl.load_workbook(fast)["S"]["A"]]
    assert got[:4] == ["t", "ok", "bad?x", "a&b"] and got[4] in ("end_xFFFE_", "end\ufffe")


def test_blank_cells_carry_their_band_and_bordered_tables_every_cell(tmp_path: Path):
    bands = ({"border": 1}, {"border": 1, "bg_color": "#FFC7CE"})
    columns = [
        Column("a", text=np.array(["x", "", "", "y"], dtype=object)),
        Column("b", number=np.full(4, np.nan)),
    ]
    band = np.array([0, 1, 0, 1], dtype=np.int8)
    fast = kit_book(tmp_path, columns, band, cells=False, bands=bands)
    ws = openpyxl.load_workbook(fast)["S"]
    assert [ws.cell(row=r, column=2).fill.fgColor.rgb for r in (3, 5)] == ["FFFFC7CE", "FFFFC7CE"]
    assert ws["B4"].fill.fill_type is None and ws["B4"].border.left.style is None  # band 0: no cell
    for blanks in (False, True):  # with ``blanks`` every empty cell is written, bordered
        buf = io.BytesIO()
        kit = Kit(open_workbook(buf, "t"))
        (sheet,) = data_sheets(kit, "S", columns, band, landscape=False, bands=bands)
        sheet.blanks = blanks
        kit.close(buf, tmp_path / "b.xlsx", [sheet])
        assert (openpyxl.load_workbook(tmp_path / "b.xlsx")["S"]["B4"].border.left.style == "thin") == blanks


# ------------------------------------------------------------------ the workbooks' long sheets

PEOPLE = [("甲一", make_id("19800101", True, 1)), ("乙二", make_id("19810202", False, 2)),
          ("丙三", make_id("19820303", True, 3)), ("丁四", make_id("19830404", False, 4))]  # fmt: skip
BAD_ID = "990101199305050012"  # wrong check digit: untracked, its row filled
#: Incomes by month (household of 3, so per-capita amounts have long decimals): 丙三 exits and returns.
INCOMES = {"2025-01": ["600", "780", "800", "2000"], "2025-02": ["600", "700", "1000", "755"],
           "2025-03": ["700", "", "790", "2000"]}  # fmt: skip


@pytest.fixture
def series(tmp_path: Path):
    folder = tmp_path / "months"
    folder.mkdir()
    for month, incomes in INCOMES.items():
        rows = [f"{n},{i},,,初中,A&B厂,3,{v},下岗" for (n, i), v in zip(PEOPLE, incomes, strict=True)]
        rows.append(f"无号,{BAD_ID},,,初中,=HYPERLINK(1),1,260,下岗")
        write_csv(folder / f"{month}.csv", rows)
    return batch([folder], workers=1)


def test_trend_flows_and_relapse_sheets_read_back_as_cell_by_cell(series, tmp_path: Path):
    fast, cells = tmp_path / "fast.xlsx", tmp_path / "cells.xlsx"
    report_trend._write(series, fast, "zh", False)
    report_trend._write(series, cells, "zh", False, engine="cells")
    assert_same_sheets(fast, cells, ["流动明细", "返困监测", "月度趋势"])
    d = openpyxl.load_workbook(fast)["流动明细"]
    untracked = [r for r in d.iter_rows(min_row=2) if r[2].value == "无法追踪"]
    assert untracked and all(c.fill.fgColor.rgb == "FFFCE4D6" for r in untracked for c in r)
    assert d.freeze_panes == "A2" and d.auto_filter.ref == f"A1:M{d.max_row}"
    assert d["E2"].number_format == "@" and d["E2"].data_type == "s"
    relapse = openpyxl.load_workbook(fast)["返困监测"]
    assert relapse.auto_filter.ref.startswith("A5:") and relapse["A6"].border.left.style == "thin"
    no_formulas(fast)


def test_flows_continue_on_further_sheets_past_the_row_limit(series, tmp_path: Path, monkeypatch):
    whole = tmp_path / "whole.xlsx"
    report_trend._write(series, whole, "zh", False)
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(whole)["流动明细"].iter_rows(min_row=2)]
    assert len(rows) > 4
    monkeypatch.setattr("jiekun.xlsx.book.SHEET_DATA_ROWS", 4)
    split = tmp_path / "split.xlsx"
    report_trend._write(series, split, "zh", False)
    wb = openpyxl.load_workbook(split)
    names = [n for n in wb.sheetnames if n.startswith("流动明细")]
    assert names[:2] == ["流动明细", "流动明细(2)"] and len(names) == -(-len(rows) // 4)
    again = [[c.value for c in r] for n in names for r in wb[n].iter_rows(min_row=2)]
    assert again == rows
    assert all(wb[n]["A1"].value == "月份" and wb[n].freeze_panes == "A2" for n in names)


def test_report_sheets_with_a_review_list_read_back_as_cell_by_cell(tmp_path: Path):
    result = summarize(SAMPLES / "archive" / "filed-roster.xlsx", as_of=AS_OF, chunk_rows=0)
    fast, cells = tmp_path / "fast.xlsx", tmp_path / "cells.xlsx"
    report_roster._write(result, fast, "zh", "all", True, None)
    report_roster._write(result, cells, "zh", "all", True, None, engine="cells")
    names = openpyxl.load_workbook(fast).sheetnames
    assert "复核" in names
    assert_same_sheets(fast, cells, [n for n in names if n != "说明"])  # 说明 holds the time written
    no_formulas(fast)


def test_the_survey_report_lists_every_row_in_chunks(tmp_path: Path, monkeypatch):
    """Rows built in several chunks (a small chunk size here) follow on, and the dimension says so."""
    monkeypatch.setattr("jiekun.xlsx.rows.CHUNK_ROWS", 7_000)
    result = summarize(SAMPLES / "survey-roster.xlsx", as_of=dt.date(2025, 12, 31), chunk_rows=0)
    out = report_roster.write_report(result, tmp_path / "r.xlsx")
    ws = openpyxl.load_workbook(out, read_only=True)["明细"]
    rows = [r[-1] for r in ws.iter_rows(min_row=2, values_only=True)]
    t = result.tally
    assert ws.max_row == 1 + t.workers + t.duplicates == 1 + len(rows)
    assert rows == sorted(rows) and rows[0] == 3  # 原表行号, in the roster's order (title row above)
