"""The benchmark suite's machinery on tiny inputs. Nothing here asserts on timings."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("jiekun_benchmarks_run", REPO / "benchmarks" / "run.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def rows(bench, tmp_path_factory):
    # xlsx, not CSV: calamine is a core dependency, pyarrow (the CSV baseline) an extra
    tiny = bench.Sizes(xlsx=300, big_xlsx=None, csv=2_000, huge_csv=None)
    data = tmp_path_factory.mktemp("bench-data")
    return bench.run_suite(["help", "summary-xlsx"], sizes=tiny, repeat=1, data=data)


def _number(cell: str) -> float:
    value = float(cell.replace(",", ""))
    assert math.isfinite(value) and value > 0
    return value


def test_tiny_suite_has_the_expected_rows_with_numeric_ratios(bench, rows):
    assert [r.case for r in rows] == [
        "jiekun --help vs import typer, rich",
        "jiekun --help vs bare typer app --help",
        "summary 300-row xlsx vs calamine read",
        "summary 300-row xlsx vs openpyxl read",
    ]
    for row in rows:
        assert not row.failed, row.note
        assert len(row.jiekun.samples) == 1 and len(row.baseline.samples) == 1
        assert row.ratio > 0 and row.mem_ratio > 0
    help_row, typer_row, xlsx_row, openpyxl_row = rows
    assert help_row.jiekun is typer_row.jiekun  # one jiekun series, alternated with both baselines
    assert [t.text() for t in help_row.targets] == ["time ≤ 2×"]
    assert [t.text() for t in xlsx_row.targets] == ["time ≤ 1.3×"]
    assert help_row.met in (True, False) and xlsx_row.met in (True, False)  # judged, either way
    for record in (typer_row, openpyxl_row):
        assert record.targets == [] and record.met is None  # for the record only
    assert xlsx_row.note == ""  # jiekun's JSON said it read all 300 rows

    table = bench.text_table(rows)
    for row in rows:
        assert row.case in table
    md = bench.markdown_table(rows).splitlines()
    assert md[0].startswith("| case | jiekun s | baseline s | ratio |")
    assert len(md) == 2 + len(rows)  # header, rule, one line a row, no notes
    for row, line in zip(rows, md[2:], strict=True):
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        assert len(cells) == 9 and cells[0] == row.case
        for i in (1, 2, 3, 6, 7, 8):  # times, ratio, peaks, memory ratio
            _number(cells[i])
        assert cells[5] in (("✓", "✗") if row.targets else ("—",))


def test_a_missing_command_is_reported_not_fatal(bench, tmp_path):
    harness = sys.modules["harness"]
    base = harness.Baseline(
        harness.Command("bare", [sys.executable, "-c", "pass"]), [harness.Target("time", 2)]
    )
    unavailable = harness.Case(
        "batch",
        "batch",
        harness.Command("jiekun batch", []),
        [base],
        unavailable="jiekun batch not available",
    )
    failing = harness.Case(
        "boom", "boom", harness.Command("jiekun boom", [sys.executable, "-c", "raise SystemExit(3)"]), [base]
    )
    (row_u,) = harness.run_case(unavailable, 1, cwd=tmp_path, scratch=tmp_path)
    (row_f,) = harness.run_case(failing, 1, cwd=tmp_path, scratch=tmp_path)
    assert row_u.met is None and not row_u.failed and "not available" in row_u.note
    assert row_f.failed and "exit 3" in row_f.note and row_f.baseline.samples
    cells = {r.case: harness.cells(r) for r in (row_u, row_f)}
    assert cells["batch vs bare"][5] == "n/a"
    assert cells["boom vs bare"][5] == "failed"


def test_cli_quick_mode_writes_markdown_and_exits_zero(bench, tmp_path, capsys):
    md = tmp_path / "table.md"
    code = bench.main(
        ["--quick", "--cases", "help", "--repeat", "1", "--data", str(tmp_path), "--markdown", str(md)]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "pandas" in out and "jiekun --help vs import typer, rich" in out
    text = md.read_text(encoding="utf-8")
    assert "python benchmarks/run.py --quick --cases help" in text
    assert "| jiekun --help vs import typer, rich |" in text


def test_without_pyarrow_the_csv_baseline_is_skipped_not_failed(bench, tmp_path, monkeypatch):
    real = bench.version
    monkeypatch.setattr(bench, "version", lambda d: None if d in ("pyarrow", "polars") else real(d))
    tiny = bench.Sizes(xlsx=300, big_xlsx=None, csv=1_000, huge_csv=None)
    cases, skipped = bench.build_cases(["summary-csv"], tiny, tmp_path)
    assert [c.key for c in cases] == ["summary-csv"] and cases[0].baselines == []
    assert (tmp_path / "big-1000.csv").exists()
    notes = {r.case: r.note for r in skipped}
    assert notes["summary 1,000-row csv vs pyarrow read_csv"] == "pyarrow not installed: skipped"
    assert notes["summary 1,000-row csv vs polars read_csv"] == "polars not installed: skipped"
