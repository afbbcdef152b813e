"""The benchmark suite's machinery: real runs on tiny inputs, and verdicts on fake timings.

Nothing here depends on how fast the machine is: what is judged (ratios, ✓/✗) is fed
made-up seconds, and the real runs are only checked for their shape.
"""

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
    for judged in (help_row, xlsx_row):  # judged on its own figures, whatever they are
        assert judged.met is (judged.ratio <= judged.targets[0].limit)
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


@pytest.fixture
def harness(bench):
    return sys.modules["harness"]


def fake_samples(harness, tmp_path, *seconds: float, peak_mb: float = 100) -> list:
    out = tmp_path / "fake-stdout.txt"
    out.write_text("", encoding="utf-8")
    return [harness.Sample(s, int(peak_mb * 1024), 0, out, out) for s in seconds]


def fake_row(harness, tmp_path, jiekun: tuple, baseline: tuple, targets: list, **peaks) -> object:
    j = harness.Measured(harness.Command("jiekun x", []), fake_samples(harness, tmp_path, *jiekun, **peaks))
    b = harness.Measured(harness.Command("bare", []), fake_samples(harness, tmp_path, *baseline))
    return harness.Row("x vs bare", j, b, targets)


def test_the_ratio_is_the_median_of_jiekun_over_the_median_of_the_baseline(harness, tmp_path):
    # one slow outlier on each side moves neither median
    row = fake_row(harness, tmp_path, (3.0, 1.0, 2.0, 100.0, 2.5), (1.0, 50.0, 1.25, 0.5, 1.0), [])
    assert (row.jiekun.seconds, row.baseline.seconds) == (2.5, 1.0)
    assert row.ratio == pytest.approx(2.5)
    cells = harness.cells(row)
    assert cells[1:4] == ["2.500", "1.000", "2.50"]
    assert "2.50" in harness.text_table([row]) and "| 2.50 |" in harness.markdown_table([row])


@pytest.mark.parametrize(
    ("jiekun", "limit", "mark", "met"),
    [
        ((1.9,), 2, "✓", True),
        ((2.0,), 2, "✓", True),
        ((2.1,), 2, "✗", False),
        ((1.2, 1.4, 1.3), 1.3, "✓", True),
    ],
)
def test_a_time_target_is_met_at_or_under_its_limit_and_missed_over_it(
    harness, tmp_path, jiekun, limit, mark, met
):
    row = fake_row(harness, tmp_path, jiekun, (1.0,) * len(jiekun), [harness.Target("time", limit)])
    assert row.met is met and harness.cells(row)[5] == mark


def test_memory_and_peak_targets(harness, tmp_path):
    time_ok, mem = harness.Target("time", 2), harness.Target("memory", 1.5)
    assert fake_row(harness, tmp_path, (1,), (1,), [time_ok, mem], peak_mb=140).met is True  # 1.4× the 100 MB
    assert fake_row(harness, tmp_path, (1,), (1,), [time_ok, mem], peak_mb=160).met is False
    strict = harness.Target("peak_mb", 1024, strict=True)
    assert fake_row(harness, tmp_path, (1,), (1,), [strict], peak_mb=1023).met is True
    assert fake_row(harness, tmp_path, (1,), (1,), [strict], peak_mb=1024).met is False  # "<", not "≤"
    assert strict.text() == "peak < 1,024 MB" and mem.text() == "mem ≤ 1.5×"


def test_a_row_without_targets_is_for_the_record(harness, tmp_path):
    row = fake_row(harness, tmp_path, (5,), (1,), [])
    assert row.met is None and harness.cells(row)[4:6] == ["(record)", "—"]


def test_run_case_alternates_skips_the_warm_up_and_judges_the_timed_rounds(harness, tmp_path, monkeypatch):
    clock = {"jiekun": iter([9.0, 3.0, 1.0, 2.0]), "bare": iter([9.0, 1.0, 1.0, 1.0])}  # warm-up first
    calls = []

    def fake_measure(argv, *, cwd, scratch, env=None):
        calls.append(argv[0])
        return fake_samples(harness, tmp_path, next(clock[argv[0]]))[0]

    monkeypatch.setattr(harness, "measure", fake_measure)
    case = harness.Case(
        "x",
        "x",
        harness.Command("jiekun x", ["jiekun"]),
        [harness.Baseline(harness.Command("bare", ["bare"]), [harness.Target("time", 1.5)])],
    )
    (row,) = harness.run_case(case, 3, cwd=tmp_path, scratch=tmp_path)
    # warm-up, then rounds 1..3, the odd ones in reverse order
    assert calls == ["jiekun", "bare", "bare", "jiekun", "jiekun", "bare", "bare", "jiekun"]
    assert [s.seconds for s in row.jiekun.samples] == [3.0, 1.0, 2.0]  # the warm-up's 9 s is not kept
    assert row.ratio == pytest.approx(2.0) and row.met is False
    assert harness.cells(row)[3:6] == ["2.00", "time ≤ 1.5×", "✗"]
