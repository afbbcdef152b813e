"""The benchmark suite's machinery: real runs on tiny inputs, and verdicts on fake timings.

Nothing here depends on how fast the machine is: what is judged (ratios, ✓/✗) is fed
made-up seconds, and the real runs are only checked for their shape.
"""

from __future__ import annotations

import importlib.util
import json
import math
import subprocess
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
        "summary 300-row xlsx vs calamine read (str)",
    ]
    for row in rows:
        assert not row.failed, row.note
        assert len(row.jiekun.samples) == 1 and len(row.baseline.samples) == 1
        assert row.ratio > 0 and row.cpu_ratio > 0 and row.mem_ratio > 0
        for m in (row.jiekun, row.baseline):  # (ru_maxrss is pytest's floor here: not compared)
            assert 0 < m.pss_mb <= m.tree_mb and m.peak_mb > 0
    help_row, typer_row, xlsx_row = rows
    assert help_row.jiekun is typer_row.jiekun  # one jiekun series, alternated with both baselines
    assert [t.text() for t in help_row.targets] == ["time ≤ 1.5×"]
    assert [t.text() for t in xlsx_row.targets] == ["time ≤ 0.8×"]
    for judged in (help_row, xlsx_row):  # judged on its own figures, whatever they are
        assert judged.met is (judged.ratio <= judged.targets[0].limit)
    assert typer_row.targets == [] and typer_row.met is None  # for the record only
    assert xlsx_row.note == ""  # jiekun's JSON said it read all 300 rows

    table = bench.text_table(rows)
    for row in rows:
        assert row.case in table
    md = bench.markdown_table(rows).splitlines()
    assert md[0].startswith("| case | jiekun s | base s | ratio | jiekun cpu | base cpu | cpu ratio |")
    assert len(md) == 2 + len(rows)  # header, rule, one line a row, no notes
    for row, line in zip(rows, md[2:], strict=True):
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        assert len(cells) == 14 and cells[0] == row.case
        for i in (1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13):  # seconds, CPU, MB and their ratios
            _number(cells[i])
        assert cells[8] in (("✓", "✗") if row.targets else ("—",))


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
    assert cells["batch vs bare"][8] == "n/a"
    assert cells["boom vs bare"][8] == "failed"


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
    assert "load average (end)" in text and "summed over the process tree" in text


def test_without_pyarrow_the_csv_baseline_is_skipped_not_failed(bench, tmp_path, monkeypatch):
    real = bench.version
    monkeypatch.setattr(bench, "version", lambda d: None if d == "pyarrow" else real(d))
    tiny = bench.Sizes(xlsx=300, big_xlsx=None, csv=1_000, huge_csv=None)
    cases, skipped = bench.build_cases(["summary-csv", "peer-csv"], tiny, tmp_path)
    # one jiekun series; the peer (plain pandas) still runs
    assert [c.key for c in cases] == ["summary-csv"]
    assert [b.command.label for b in cases[0].baselines] == ["obvious pandas script"]
    assert (tmp_path / "big-1000.csv").exists()
    notes = {r.case: r.note for r in skipped}
    assert notes == {"summary 1,000-row csv vs pyarrow read_csv (str)": "pyarrow not installed: skipped"}


def test_the_csv_case_holds_jiekun_to_pyarrow_and_to_the_peer(bench, tmp_path):
    tiny = bench.Sizes(xlsx=300, big_xlsx=None, csv=1_000, huge_csv=None)
    (case,) = bench.build_cases(["summary-csv", "peer-csv"], tiny, tmp_path)[0]
    (peer_only,) = bench.build_cases(["peer-csv"], tiny, tmp_path)[0]
    pyarrow, peer = case.baselines
    assert [t.text() for t in pyarrow.targets] == ["time ≤ 2×", "cpu ≤ 3×"]
    assert [t.text() for t in peer.targets] == ["time < 1×"]  # faster, strictly
    assert "dtype=str" in pyarrow.command.argv[2]
    assert peer_only.key == "peer-csv"
    assert [b.command.label for b in peer_only.baselines] == [peer.command.label]


def test_the_peer_script_prints_the_survey_table_jiekun_prints(bench, tmp_path):
    csv, _ = bench.csv_input(2_000, tmp_path)
    peer = [sys.executable, str(bench.PEERS / "obvious_pandas.py"), str(csv), bench.AS_OF]
    printed = subprocess.run(peer, capture_output=True, text=True, check=True).stdout
    jk = [*bench.jiekun_argv(), "summary", str(csv), "--as-of", bench.AS_OF, "--json"]
    summary = json.loads(subprocess.run(jk, capture_output=True, text=True, check=True).stdout)
    assert f"困难职工（含特困） {summary['hardship']:,}  特困职工 {summary['extreme']:,}" in printed
    counts = {ln.split()[-3]: ln.split()[-2:] for ln in printed.splitlines()[2:]}  # label → counts
    for group in ("by_age_gender", "by_education", "by_cause"):
        for g in summary[group]:
            if g["hardship"]:
                assert counts[g["label"]] == [str(g["hardship"]), str(g["extreme"])], g["label"]


@pytest.fixture
def harness(bench):
    return sys.modules["harness"]


def fake_samples(
    harness, tmp_path, *seconds: float, peak_mb: float = 100, tree_mb: float | None = None, cpu: float = 1
) -> list:
    """Made-up samples: ``cpu`` seconds of CPU each; ``tree_mb`` defaults to ``peak_mb``."""
    out = tmp_path / "fake-stdout.txt"
    out.write_text("", encoding="utf-8")
    tree_kb = int((peak_mb if tree_mb is None else tree_mb) * 1024)
    return [
        harness.Sample(s, int(peak_mb * 1024), 0, out, out, cpu_s=cpu, tree_kb=tree_kb, pss_kb=tree_kb)
        for s in seconds
    ]


def fake_row(harness, tmp_path, jiekun: tuple, baseline: tuple, targets: list, **figures) -> object:
    """jiekun's samples get ``figures`` (peak_mb, tree_mb, cpu); the baseline's are 100 MB, 1 CPU s."""
    j = harness.Measured(harness.Command("jiekun x", []), fake_samples(harness, tmp_path, *jiekun, **figures))
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
    assert row.met is met and harness.cells(row)[8] == mark


def test_memory_and_peak_targets_are_judged_on_the_summed_tree(harness, tmp_path):
    time_ok, mem = harness.Target("time", 2), harness.Target("memory", 1)
    assert fake_row(harness, tmp_path, (1,), (1,), [time_ok, mem], tree_mb=100).met is True  # 1× the 100 MB
    assert fake_row(harness, tmp_path, (1,), (1,), [time_ok, mem], tree_mb=110).met is False
    # a pool of small workers: each process under the bound, their sum over it
    row = fake_row(harness, tmp_path, (1,), (1,), [mem], peak_mb=60, tree_mb=180)
    assert row.met is False and row.mem_ratio == pytest.approx(1.8)
    assert harness.cells(row)[9:13] == ["180", "100", "1.80", "60"]
    strict = harness.Target("peak_mb", 1024, strict=True)
    assert fake_row(harness, tmp_path, (1,), (1,), [strict], peak_mb=600, tree_mb=1023).met is True
    assert fake_row(harness, tmp_path, (1,), (1,), [strict], peak_mb=600, tree_mb=1024).met is False  # "<"
    assert strict.text() == "peak < 1,024 MB" and mem.text() == "mem ≤ 1×"


def test_a_cpu_target_is_judged_on_cpu_seconds_not_wall(harness, tmp_path):
    wall, cpu = harness.Target("time", 2), harness.Target("cpu", 3)
    # two workers: 1.5× the wall, 3.5× the CPU
    row = fake_row(harness, tmp_path, (1.5,), (1,), [wall, cpu], cpu=3.5)
    assert row.verdicts() == [True, False] and row.met is False
    assert harness.cells(row)[4:9] == ["3.50", "1.00", "3.50", "time ≤ 2×; cpu ≤ 3×", "✗"]
    assert fake_row(harness, tmp_path, (1.5,), (1,), [wall, cpu], cpu=3.0).met is True


def test_faster_means_strictly_faster(harness, tmp_path):
    faster = harness.Target("time", 1, strict=True)
    assert fake_row(harness, tmp_path, (0.99,), (1,), [faster]).met is True
    assert fake_row(harness, tmp_path, (1.0,), (1,), [faster]).met is False


def test_a_row_without_targets_is_for_the_record(harness, tmp_path):
    row = fake_row(harness, tmp_path, (5,), (1,), [])
    assert row.met is None and harness.cells(row)[7:9] == ["(record)", "—"]


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
    assert harness.cells(row)[3] == "2.00" and harness.cells(row)[7:9] == ["time ≤ 1.5×", "✗"]


# Each child allocates (and touches) 60 MB, says its own VmRSS, and burns 0.3 s of CPU
# (its own process time, whatever the machine's speed), then waits so that both are
# alive together; the parent waits for both, as a worker pool's owner does.
CHILD = """\
import re, time
block = b"x" * (60 * 1024 * 1024)
print(re.search(r"VmRSS:\\s+(\\d+)", open("/proc/self/status").read()).group(1), flush=True)
start = time.process_time()
while time.process_time() - start < 0.3:
    pass
time.sleep(0.5)
"""
TWO_CHILDREN = """\
import subprocess, sys
kids = [subprocess.Popen([sys.executable, "-c", sys.argv[1]], stdout=subprocess.PIPE, text=True) for _ in range(2)]
print(sum(int(k.stdout.readline()) for k in kids))
for k in kids:
    k.wait()
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="the tree is sampled from /proc (Linux)")
def test_the_tree_sums_the_children_and_wait4_counts_their_cpu(harness, tmp_path):
    argv = [sys.executable, "-c", TWO_CHILDREN, CHILD]
    sample = harness.measure(argv, cwd=tmp_path, scratch=tmp_path)
    assert sample.returncode == 0, sample.stderr.read_text()
    children_kb = int(sample.stdout.read_text().split()[0])  # both children's own VmRSS, summed
    assert children_kb >= 2 * 60 * 1024
    # every process of the tree at one instant: both children (and the small parent), nothing else
    assert children_kb * 0.95 <= sample.tree_kb <= children_kb + 200 * 1024
    assert 0 < sample.pss_kb <= sample.tree_kb
    assert sample.cpu_s >= 0.55  # the two children's 0.3 s each, counted in the parent's wait4
