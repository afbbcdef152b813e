"""Office layouts (merged cells, header blocks, a sheet per 单位, formulas) give the figures of the flat table.

Fixtures: ``samples/office_layouts.py`` (expected figures computed there from the planted people).
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from jiekun.cli.app import app

FIX = Path(__file__).parent / "fixtures"
EXPECTED = json.loads((FIX / "office-layouts.expected.json").read_text(encoding="utf-8"))
FIGURES = ("rows_read", "workers", "duplicates", "hardship", "extreme", "undetermined", "tiers",
           "by_age_gender", "by_education", "by_cause")  # fmt: skip
runner = CliRunner()


def summary(path: Path, *args: str) -> dict:
    r = runner.invoke(app, ["summary", str(path), "--as-of", "2025-12-31", "--json", *args])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def figures(d: dict) -> dict:
    return {k: v for k, v in d.items() if k not in ("source", "sheet")}


@pytest.fixture(scope="module")
def flat() -> dict:
    d = summary(FIX / "office-flat.csv")
    for k in FIGURES:
        assert d[k] == EXPECTED["flat"][k], k
    return d


@pytest.mark.parametrize(
    "name",
    [
        "office-merged-employer-and-household.xlsx",
        "office-two-row-header.xlsx",
        "office-three-row-header.xlsx",
        "office-formulas-saved.xlsx",
    ],
)
def test_layout_gives_the_flat_figures(flat: dict, name: str) -> None:
    assert figures(summary(FIX / name)) == figures(flat)


def test_sheet_all_gives_the_flat_figures_with_the_cross_sheet_duplicate() -> None:
    whole = summary(FIX / "office-sheet-per-unit.xlsx", "--sheet", "all")
    assert figures(whole) == figures(summary(FIX / "office-flat-per-sheet.csv"))
    for k in FIGURES:
        assert whole[k] == EXPECTED["per_sheet"][k], k
    assert whole["sheet"] == "、".join(EXPECTED["files"]["office-sheet-per-unit.xlsx"]["sheets"])


def test_default_reads_the_first_roster_sheet_and_names_the_others() -> None:
    spec = EXPECTED["files"]["office-sheet-per-unit.xlsx"]
    r = runner.invoke(app, ["summary", str(FIX / "office-sheet-per-unit.xlsx"), "--as-of", "2025-12-31"],
                      env={"COLUMNS": "200"})  # fmt: skip
    assert r.exit_code == 0, r.output
    assert f"职工总数 {spec['first_sheet_rows']}" in r.output
    assert "--sheet all" in r.output and "、".join(spec["sheets"][1:]) in r.output
    assert spec["hidden"] in r.output  # named as hidden, not read
    assert summary(FIX / "office-sheet-per-unit.xlsx")["rows_read"] == spec["first_sheet_rows"]


def test_sheet_all_says_sheet_and_row_in_check_and_report(tmp_path: Path) -> None:
    f = FIX / "office-sheet-per-unit.xlsx"
    r = runner.invoke(app, ["check", str(f), "--sheet", "all", "--as-of", "2025-12-31", "--json"])
    assert r.exit_code == 1
    (rec,) = json.loads(r.stdout)["records"]
    assert (rec["sheet"], rec["row"], rec["code"]) == ("商贸公司", 10, "duplicate_id")
    out = tmp_path / "r.xlsx"
    r = runner.invoke(app, ["classify", str(f), "--sheet", "all", "--as-of", "2025-12-31", "-o", str(out)])
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(out, read_only=True)
    problems = list(wb["问题数据"].iter_rows(values_only=True))
    assert problems[0][:2] == ("工作表", "Excel 行号") and problems[1][:2] == ("商贸公司", 10)
    detail = list(wb["明细"].iter_rows(values_only=True))
    assert detail[0][0] == "工作表" and {row[0] for row in detail[1:]} == {"机械厂", "纺织厂", "商贸公司"}


def test_hidden_sheet_is_read_only_when_named() -> None:
    assert summary(FIX / "office-sheet-per-unit.xlsx", "--sheet", "旧名单")["rows_read"] == 3


def test_merged_cells_are_counted_per_column() -> None:
    r = runner.invoke(app, ["summary", str(FIX / "office-merged-employer-and-household.xlsx"),
                            "--as-of", "2025-12-31"], env={"COLUMNS": "200"})  # fmt: skip
    for column, n in EXPECTED["files"]["office-merged-employer-and-household.xlsx"]["merged_filled"].items():
        assert f"{column} 列有 {n} 个合并单元格，已按合并范围填充" in r.output


@pytest.mark.parametrize("name", ["office-two-row-header.xlsx", "office-three-row-header.xlsx"])
def test_header_block_shows_combined_labels(name: str) -> None:
    r = runner.invoke(app, ["summary", str(FIX / name), "--as-of", "2025-12-31"], env={"COLUMNS": "250"})
    assert r.exit_code == 0, r.output
    top, bottom = EXPECTED["files"][name]["header_rows"]
    assert f"表头占第 {top}–{bottom} 行" in r.output
    assert "家庭情况/家庭人口" in r.output
    assert "家庭人数" not in r.output


def test_formulas_without_results_are_said_by_column() -> None:
    spec = EXPECTED["files"]["office-formulas-not-saved.xlsx"]
    f = FIX / "office-formulas-not-saved.xlsx"
    r = runner.invoke(app, ["summary", str(f), "--as-of", "2025-12-31"], env={"COLUMNS": "250"})
    assert f"{spec['formula_column']} 列有 {spec['formula_cells']} 个单元格是公式" in r.output
    assert "请用 Excel 或 WPS 打开后保存一次" in r.output
    r = runner.invoke(app, ["check", str(f), "--as-of", "2025-12-31", "--json"])
    by_code = json.loads(r.stdout)["by_code"]
    assert by_code["formula_no_result"] == spec["formula_cells"]


def test_sheet_on_a_text_file_is_still_an_error() -> None:
    r = runner.invoke(app, ["summary", str(FIX / "office-flat.csv"), "--sheet", "all"])
    assert r.exit_code != 0 and "--sheet" in r.output
