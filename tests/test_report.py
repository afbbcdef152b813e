"""The report workbook of ``jiekun classify``: what a clerk opens, prints and hands on.

Every test writes a small synthetic roster (area code 990101, valid GB 11643
check digits), runs the command or the library call with a fixed as-of date,
and reads the workbook back with openpyxl.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import make_id
from typer.testing import CliRunner

from jiekun.cli.app import app
from jiekun.pipeline.summary import summarize
from jiekun.report.roster import _write, default_report_path, narrative, write_report

AS_OF = "2025-12-31"
RUNNER = CliRunner()
HEADERS = [
    "序号",
    "姓名",
    "身份证号",
    "性别",
    "出生日期",
    "文化程度",
    "工作单位",
    "家庭人口",
    "家庭月收入",
    "致困原因",
]


ID_A = make_id("19750308", True, 1)
ID_B = make_id("19800501", False, 2)
ID_C = make_id("19900101", True, 3)
ID_D = make_id("19700202", True, 4)
ID_E = make_id("19850615", False, 5)
ID_F = make_id("19930909", False, 6)
ID_G = make_id("19720303", True, 7)
ID_H = make_id("19661111", True, 8)
LEGACY = "990101800101003"  # 15-digit legacy number (converted to 18 digits, with a warning)

# (序号, 姓名, 身份证号, 性别, 出生日期, 文化程度, 工作单位, 家庭人口, 家庭月收入, 致困原因); Excel row in the comment
ROWS = [
    ["1", "张一", ID_A, "男", "1975-03-08", "初中", "甲厂", "1", "280.00", "下岗"],  # 2: exactly 280 → 困难
    ["2", "王二", ID_B, "女", "1980-05-01", "高中", "甲厂", "2", "490", "单亲"],  # 3: 245.00 → 特困
    ["3", "李三", ID_C, "男", "1990-01-01", "本科", "乙厂", "1", "280.01", ""],  # 4: 280.01 → 非困难
    ["4", "=1+1", ID_D, "男", "1970-02-02", "小学", "乙厂", "4", "800", "子女上学、因病"],  # 5: 200 → 特困
    ["5", "@SUM(A1)", ID_E, "女", "1985-06-15", "大专", "丙厂", "3", "3000", ""],  # 6
    ["6", "-5", ID_F, "女", "1993-09-09", "中专", "丙厂", "2", "10000", ""],  # 7
    ["7", "\t赵六", ID_G, "男", "1972-03-03", "初中", "甲厂", "1", "约1200", ""],  # 8: bad income → error
    ["8", "张一", ID_A, "男", "1975-03-08", "初中", "甲厂", "1", "280.00", "下岗"],  # 9: duplicate ID → error
    ["9", "钱七", ID_H, "男", "1966-11-11", "初中", "甲厂", "3", "600", "企业停产"],  # 10: 200 → 特困
    ["10", "+1", LEGACY, "男", "1980-01-01", "技校", "丁厂", "2", "1000", ""],  # 11: legacy ID warning
    ["", "", "", "", "", "", "", "", "", ""],  # 12: blank row
    ["填表人：某某", "", "", "", "", "", "", "", "", ""],  # 13: footer
]
BAD_ROWS = {8, 9}  # the error rows, as Excel numbers them


def write_csv(path: Path, rows=ROWS, headers=HEADERS) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(headers)
        w.writerows(rows)
    return path


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "测试花名册.csv")


def classify(roster: Path, out: Path, *args: str):
    result = RUNNER.invoke(app, ["classify", str(roster), "-o", str(out), "--as-of", AS_OF, *args])
    return result


@pytest.fixture
def report(roster: Path, tmp_path: Path) -> Path:
    out = tmp_path / "report.xlsx"
    r = classify(roster, out)
    assert r.exit_code == 0, r.output
    return out


def column(ws, header: str) -> list:
    """The values of the column with this header (row 1), rows 2…"""
    heads = [c.value for c in ws[1]]
    j = heads.index(header) + 1
    return [ws.cell(row=i, column=j) for i in range(2, ws.max_row + 1)]


def row_of(ws, label: str, col: int = 1) -> int:
    for i in range(1, ws.max_row + 1):
        v = ws.cell(row=i, column=col).value
        if isinstance(v, str) and v.strip() == label:
            return i
    raise AssertionError(f"{label!r} not found in column {col} of {ws.title}")


def package_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())


# ------------------------------------------------------------------ sheets


def test_sheet_names_zh(report: Path):
    wb = openpyxl.load_workbook(report)
    assert wb.sheetnames == ["汇总", "分类统计", "明细", "问题数据", "文字说明", "说明"]


def test_sheet_names_and_labels_en(roster: Path, tmp_path: Path):
    out = tmp_path / "en.xlsx"
    assert classify(roster, out, "--lang", "en").exit_code == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Summary", "Breakdown", "Detail", "Problems", "Narrative", "About"]
    ws = wb["Summary"]
    assert ws.cell(row=row_of(ws, "Workers"), column=2).value == 9
    cats = {c.value for c in column(wb["Detail"], "Category")}
    assert {"Hardship", "Extreme hardship", "Not in hardship", "Undetermined", "Duplicate"} <= cats
    assert wb["Narrative"]["A3"].value.startswith("The roster lists 9 workers")


def test_summary_figures_equal_the_tally(report: Path, roster: Path):
    t = summarize(roster, as_of=dt.date.fromisoformat(AS_OF)).tally
    ws = openpyxl.load_workbook(report)["汇总"]
    assert ws["A1"].value == "测试花名册 困难职工基本情况统计表"
    assert "A1" in {str(r).split(":")[0] for r in ws.merged_cells.ranges}
    assert ws["A2"].value == f"统计日期：{AS_OF}"

    def value(label: str, col: int = 2):
        return ws.cell(row=row_of(ws, label), column=col).value

    assert value("职工总数") == t.workers == 9
    assert value("困难职工（含特困）") == t.hardship == 4
    assert value("困难职工（含特困）", 3) == pytest.approx(t.hardship / t.workers)
    assert value("其中：特困职工") == t.extreme == 3
    assert value("无法判定") == t.undetermined == 1
    for dim in ("age_gender", "education"):
        for r in t.rows(dim):
            if r["key"] == "unknown" and not r["hardship"]:
                continue
            i = row_of(ws, r["label"])
            assert ws.cell(row=i, column=2).value == r["hardship"], r
            assert ws.cell(row=i, column=4).value == r["extreme"], r
            assert ws.cell(row=i, column=3).value == pytest.approx(r["hardship"] / t.hardship)
    total = row_of(ws, "合计")
    assert [ws.cell(row=total, column=c).value for c in (2, 3, 4, 5)] == [4, 1, 3, 1]
    recon = next(c.value for c in ws["A"] if isinstance(c.value, str) and c.value.startswith("✓ 核对"))
    assert "读取 12 行 = 职工 9 + 重复 1 + 非职工行 2" in recon


def test_summary_has_native_charts(report: Path):
    with zipfile.ZipFile(report) as z:
        names = z.namelist()
        charts = [n for n in names if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
        assert len(charts) == 3
        rels = z.read("xl/worksheets/_rels/sheet1.xml.rels").decode()
        assert "drawing" in rels
        kinds = "".join(z.read(n).decode() for n in charts)
    assert kinds.count("<c:barChart>") == 3
    assert "'汇总'!$B$" in kinds or "汇总!$B$" in kinds


def test_detail_lists_each_worker_row_with_its_category(report: Path):
    ws = openpyxl.load_workbook(report)["明细"]
    names = [c.value for c in column(ws, "姓名")]
    # worker rows and the duplicate; not the blank row or the footer line
    assert len(names) == 10
    category = dict(
        zip((c.value for c in column(ws, "原表行号")), (c.value for c in column(ws, "类别")), strict=True)
    )
    assert category[2] == "困难职工"  # per capita exactly 280.00
    assert category[3] == "特困职工"  # exactly 245.00
    assert category[4] == "非困难"  # 280.01
    assert category[8] == "无法判定"
    assert category[9] == "重复"
    per_capita = column(ws, "人均月收入")
    assert per_capita[0].value == 280 and per_capita[0].number_format == "0.00"
    assert per_capita[2].value == pytest.approx(280.01)
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(ws.max_column)}11"
    fills = {c.value: ws.cell(row=c.row, column=1).fill.fgColor.rgb for c in column(ws, "类别")}
    assert fills["特困职工"] != fills["困难职工"]
    assert fills["非困难"] in ("00000000", None)


def test_detail_derived_columns_and_types(report: Path):
    ws = openpyxl.load_workbook(report)["明细"]
    heads = [c.value for c in ws[1]]
    assert heads == [*HEADERS, "人均月收入", "类别", "年龄", "年龄性别组", "文化程度分组", "问题", "原表行号"]
    first = {h: c for h, c in zip(heads, ws[2], strict=True)}
    assert first["家庭月收入"].data_type == "n" and first["家庭月收入"].value == 280
    assert first["家庭人口"].value == 1
    assert first["出生日期"].is_date and first["出生日期"].value == dt.datetime(1975, 3, 8)
    assert first["年龄"].value == 50
    assert first["年龄性别组"].value == "男50岁及以上"
    assert first["文化程度分组"].value == "初中及以下"
    assert first["序号"].data_type == "s" and first["序号"].value == "1"
    problems = {c.row: c.value for c in column(ws, "问题")}
    assert "无法识别为金额" in problems[8]
    assert "与第 2 行重复" in problems[9]
    assert problems[2] is None


def test_ids_are_text_cells_formatted_as_text(report: Path):
    ws = openpyxl.load_workbook(report)["明细"]
    ids = column(ws, "身份证号")
    assert ids[0].value == ID_A
    for c in ids:
        assert c.data_type == "s"
        assert c.number_format == "@"


def test_formula_like_text_stays_text(report: Path):
    ws = openpyxl.load_workbook(report)["明细"]
    names = {c.value: c for c in column(ws, "姓名")}
    for text in ("=1+1", "@SUM(A1)", "-5", "+1", "\t赵六"):
        assert text in names, text
        assert names[text].data_type == "s"
    with zipfile.ZipFile(report) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any("<f>" in z.read(n).decode() for n in sheets)


def test_problems_sheet_lists_excel_rows_errors_first(report: Path):
    ws = openpyxl.load_workbook(report)["问题数据"]
    assert [c.value for c in ws[1]] == ["Excel 行号", "姓名", "列", "值", "严重程度", "说明"]
    rows = [(r[0].value, r[4].value) for r in ws.iter_rows(min_row=2)]
    errors = [n for n, sev in rows if sev == "错误"]
    assert set(errors) == BAD_ROWS
    severities = [sev for _, sev in rows]
    assert severities == sorted(severities, key=lambda s: s != "错误")
    assert 11 in [n for n, sev in rows if sev == "警告"]  # the legacy ID
    by_row = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    assert by_row[8][3].value == "约1200"
    assert by_row[8][2].value == "家庭月收入"
    assert by_row[9][1].value == "张一"


def test_problems_sheet_rows_of_an_xlsx_with_title_rows(tmp_path: Path):
    """Excel row numbers count the title rows above the header."""
    src = tmp_path / "有标题.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws["A1"] = "某区困难职工花名册"
    ws.merge_cells("A1:J1")
    ws.append([])
    ws.append(HEADERS)
    for row in ROWS[:8]:
        ws.append(row)
    wb.save(src)
    out = tmp_path / "r.xlsx"
    assert classify(src, out).exit_code == 0
    p = openpyxl.load_workbook(out)["问题数据"]
    errors = {r[0].value for r in p.iter_rows(min_row=2) if r[4].value == "错误"}
    assert errors == {n + 2 for n in BAD_ROWS}  # two rows above the header


def test_messy_sample_problem_rows(tmp_path: Path):
    """The problems sheet lists the Excel rows of the messy sample's planted bad rows."""
    samples = Path(__file__).parents[1] / "samples"
    sample = samples / "messy-roster.csv"
    expected = json.loads((samples / "messy-roster.expected.json").read_text(encoding="utf-8"))
    out = write_report(summarize(sample, as_of=dt.date.fromisoformat(AS_OF)), tmp_path / "messy.xlsx")
    ws = openpyxl.load_workbook(out)["问题数据"]
    listed = sorted(r[0].value for r in ws.iter_rows(min_row=2))
    assert listed == sorted(row for row, _code in expected["findings"])
    errors = sorted(r[0].value for r in ws.iter_rows(min_row=2) if r[4].value == "错误")
    assert len(errors) == expected["problems"]["error"]


def test_survey_sample_figures_match_the_expected_summary(tmp_path: Path):
    """汇总 of the survey sample states the survey's own figures (3,456 and 1,058; 612/140/196/110…)."""
    samples = Path(__file__).parents[1] / "samples"
    expected = json.loads((samples / "survey-roster.expected.json").read_text(encoding="utf-8"))
    result = summarize(samples / "survey-roster.xlsx", as_of=dt.date.fromisoformat(AS_OF))
    out = write_report(result, tmp_path / "survey.xlsx", detail="none")
    ws = openpyxl.load_workbook(out)["汇总"]
    assert ws.cell(row=row_of(ws, "职工总数"), column=2).value == expected["workers"]
    assert ws.cell(row=row_of(ws, "困难职工（含特困）"), column=2).value == expected["hardship"]
    assert ws.cell(row=row_of(ws, "其中：特困职工"), column=2).value == expected["extreme"]
    for r in expected["by_age_gender"] + expected["by_education"]:
        if r["key"] == "unknown" and not r["hardship"]:
            continue
        i = row_of(ws, r["label"])
        assert (ws.cell(row=i, column=2).value, ws.cell(row=i, column=4).value) == (
            r["hardship"],
            r["extreme"],
        )


def test_narrative_states_the_figures(report: Path, roster: Path):
    t = summarize(roster, as_of=dt.date.fromisoformat(AS_OF)).tally
    text = openpyxl.load_workbook(report)["文字说明"]["A3"].value
    assert text == narrative(t, "zh")
    assert text.startswith("全区共有职工9人，困难职工（含特困）4人，占44.4%；其中特困职工3人，占33.3%。")
    assert "特困职工中，男50岁以下0人，男50岁及以上2人，女40岁及以上1人，女40岁以下0人" in text
    assert "按原因计数" in text
    assert "另有1人" in text and "1行身份证号重复" in text


def test_about_sheet_records_rules_file_and_reconciliation(report: Path, roster: Path):
    ws = openpyxl.load_workbook(report)["说明"]
    values = {r[0].value: r[1].value for r in ws.iter_rows(min_row=2) if r[0].value}
    assert values["SHA-256"] == hashlib.sha256(roster.read_bytes()).hexdigest()
    assert values["文件名"] == roster.name
    assert values["统计日期"] == AS_OF
    assert values["第 1 档"] == "特困职工：家庭人均月收入 ≤ 245 元"
    assert values["第 2 档"] == "困难职工：家庭人均月收入 ≤ 280 元"
    assert values["核对"] == "✓ 12 = 9 + 1 + 2"
    assert values["生成工具"].startswith("jiekun ")
    assert values["身份证号 (id)"] == "身份证号（按列名）"


def test_breakdown_counts_causes_and_units(report: Path):
    ws = openpyxl.load_workbook(report)["分类统计"]
    texts = [c.value for c in ws["A"] if isinstance(c.value, str)]
    assert any("按原因计数" in s for s in texts)
    i = row_of(ws, "甲厂")
    assert [ws.cell(row=i, column=c).value for c in (2, 3, 4)] == [4, 3, 2]
    assert ws.cell(row=i, column=5).value == pytest.approx(0.75)


# ------------------------------------------------------------------ options


def test_mask_ids_masks_every_id_in_the_workbook(roster: Path, tmp_path: Path):
    out = tmp_path / "masked.xlsx"
    assert classify(roster, out, "--mask-ids").exit_code == 0
    ws = openpyxl.load_workbook(out)["明细"]
    ids = [c.value for c in column(ws, "身份证号")]
    assert ids[0] == ID_A[:6] + "********" + ID_A[-4:]
    text = package_text(out)
    for raw in (ID_A, ID_B, ID_G, LEGACY, "99010119800101003"):
        assert raw not in text


def test_detail_hardship_keeps_hardship_rows_only(roster: Path, tmp_path: Path):
    out = tmp_path / "h.xlsx"
    assert classify(roster, out, "--detail", "hardship").exit_code == 0
    ws = openpyxl.load_workbook(out)["明细"]
    cats = [c.value for c in column(ws, "类别")]
    assert sorted(cats) == ["困难职工", "特困职工", "特困职工", "特困职工"]


def test_detail_none_drops_the_sheet(roster: Path, tmp_path: Path):
    out = tmp_path / "n.xlsx"
    assert classify(roster, out, "--detail", "none").exit_code == 0
    assert openpyxl.load_workbook(out).sheetnames == ["汇总", "分类统计", "问题数据", "文字说明", "说明"]


def test_detail_continues_on_further_sheets_past_the_row_limit(roster: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setattr("jiekun.xlsx.book.SHEET_DATA_ROWS", 4)
    out = write_report(summarize(roster, as_of=dt.date.fromisoformat(AS_OF)), tmp_path / "split.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[2:5] == ["明细", "明细(2)", "明细(3)"]
    rows = [c.value for name in ("明细", "明细(2)", "明细(3)") for c in column(wb[name], "原表行号")]
    assert rows == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
    assert wb["明细(3)"]["A1"].value == "序号"


def test_report_of_a_roster_summarised_in_chunks_is_refused(roster: Path, tmp_path: Path):
    """A chunked summary keeps no rows; the writer says so (in both languages) and writes nothing."""
    from jiekun.errors import JiekunError

    result = summarize(roster, as_of=dt.date.fromisoformat(AS_OF), chunk_rows=4)
    assert result.classified is None
    with pytest.raises(JiekunError, match=r"chunk_rows=0") as e:
        write_report(result, tmp_path / "chunked.xlsx")
    assert "chunk_rows=0" in e.value.message("en") and e.value.message("zh") != e.value.message("en")
    assert not (tmp_path / "chunked.xlsx").exists()
    whole = summarize(roster, as_of=dt.date.fromisoformat(AS_OF), chunk_rows=0)
    wb = openpyxl.load_workbook(write_report(whole, tmp_path / "whole.xlsx"))
    assert [c.value for c in column(wb["明细"], "原表行号")] == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
    errors = {r[0].value for r in wb["问题数据"].iter_rows(min_row=2) if r[4].value == "错误"}
    assert errors == BAD_ROWS


def test_no_problems_says_so(tmp_path: Path):
    src = write_csv(tmp_path / "clean.csv", ROWS[:3])
    out = tmp_path / "clean.xlsx"
    assert classify(src, out).exit_code == 0
    assert openpyxl.load_workbook(out)["问题数据"]["A1"].value == "没有发现数据问题。"


# ------------------------------------------------------------------ safety


def test_existing_file_is_refused_and_left_byte_identical(roster: Path, tmp_path: Path):
    out = tmp_path / "old.xlsx"
    out.write_bytes(b"the clerk's old report")
    r = classify(roster, out)
    assert r.exit_code == 2
    assert out.read_bytes() == b"the clerk's old report"
    assert classify(roster, out, "--force").exit_code == 0
    assert zipfile.is_zipfile(out)


def test_the_input_is_never_the_output(roster: Path):
    before = roster.read_bytes()
    r = classify(roster, roster, "--force")
    assert r.exit_code == 2
    assert roster.read_bytes() == before


def test_failure_mid_write_leaves_no_file(roster: Path, tmp_path: Path, monkeypatch):
    import jiekun.xlsx.rows as rx

    real = rx.sheet_rows

    def broken(sheet, first_row=2):
        yield from list(real(sheet, first_row))[:1]
        raise OSError("disk full")

    monkeypatch.setattr(rx, "sheet_rows", broken)
    before = sorted(os.listdir(tmp_path))
    with pytest.raises(OSError, match="disk full"):
        write_report(summarize(roster, as_of=dt.date.fromisoformat(AS_OF)), tmp_path / "half.xlsx")
    assert sorted(os.listdir(tmp_path)) == before
    r = classify(roster, tmp_path / "half.xlsx")
    assert r.exit_code == 2
    assert sorted(os.listdir(tmp_path)) == before


def test_default_report_path_is_in_the_current_folder(tmp_path: Path, monkeypatch, roster: Path):
    monkeypatch.chdir(tmp_path / "..")
    assert default_report_path("some/where/花名册.xlsx") == Path.cwd() / "花名册-report.xlsx"
    monkeypatch.chdir(tmp_path)
    r = RUNNER.invoke(app, ["classify", str(roster), "--as-of", AS_OF])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "测试花名册-report.xlsx").exists()
    assert "测试花名册-report.xlsx" in r.output


def test_bad_options_are_refused(roster: Path, tmp_path: Path):
    result = summarize(roster, as_of=dt.date.fromisoformat(AS_OF))
    with pytest.raises(ValueError):
        write_report(result, tmp_path / "x.xlsx", detail="some")
    with pytest.raises(ValueError):
        write_report(result, tmp_path / "x.xlsx", lang="fr")


# ------------------------------------------------------------------ the fast writer


TRICKY = [
    [
        "1",
        'A&B <c> "d"',
        make_id("19750308", True, 11),
        "男",
        "1975年3月",
        "初中",
        "X&Y公司",
        "1",
        "1,200元",
        "",
    ],
    ["2", "x\x01y", make_id("19750308", True, 12), "男", "19750308", "初中", "_x0041_厂", "2", "", ""],
    ["3", " 前后空格 ", make_id("19750308", True, 13), "男", "不详", "初中", "厂", "三", "100", "彩票"],
    ["4", "a\r\nb", make_id("19750308", True, 14), "男", "1975-03-08", "初中", "厂", "1", "-5", ""],
]


def test_fast_writer_matches_xlsxwriter_cell_by_cell(tmp_path: Path):
    """The spliced rows read back exactly as XlsxWriter's own per-cell writes do."""
    src = write_csv(tmp_path / "tricky.csv", ROWS[:10] + TRICKY)
    result = summarize(src, as_of=dt.date.fromisoformat(AS_OF))
    fast, cells = tmp_path / "fast.xlsx", tmp_path / "cells.xlsx"
    _write(result, fast, "zh", "all", False, None)
    _write(result, cells, "zh", "all", False, None, engine="cells")
    a, b = openpyxl.load_workbook(fast), openpyxl.load_workbook(cells)

    def shown(v):
        # openpyxl undoes Excel's "_x005F" escape in shared strings (XlsxWriter's) but not in
        # inline ones (ours); both files hold the same XML text, "_x005F_x0041_厂".
        return v.replace("x005F_", "") if isinstance(v, str) else v

    for name in ("明细", "问题数据"):
        wa, wb_ = a[name], b[name]
        assert (wa.max_row, wa.max_column) == (wb_.max_row, wb_.max_column)
        for ra, rb in zip(wa.iter_rows(), wb_.iter_rows(), strict=True):
            for ca, cb in zip(ra, rb, strict=True):
                assert (shown(ca.value), ca.data_type, ca.number_format) == (
                    cb.value,
                    cb.data_type,
                    cb.number_format,
                ), (
                    name,
                    ca.coordinate,
                )
                assert ca.fill.fgColor.rgb == cb.fill.fgColor.rgb
                assert ca.font.color == cb.font.color
    ws = a["明细"]
    names = [c.value for c in column(ws, "姓名")]
    assert 'A&B <c> "d"' in names and " 前后空格 " in names
    income = {c.row: c for c in column(ws, "家庭月收入")}
    assert income[12].value == 1200 and income[12].data_type == "n"
    assert income[15].value == -5  # parsed, though the classification refuses it
    birth = {c.row: c for c in column(ws, "出生日期")}
    assert birth[12].number_format == "yyyy-mm" and birth[12].value == dt.datetime(1975, 3, 1)
    assert birth[14].value == "不详"


def test_package_parts_are_well_formed_xml(report: Path):
    from xml.etree import ElementTree

    with zipfile.ZipFile(report) as z:
        assert z.testzip() is None
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                ElementTree.fromstring(z.read(name))
