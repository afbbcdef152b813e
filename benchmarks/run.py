"""jiekun's benchmark suite: whole jiekun processes against the bare libraries.

Run from anywhere, with the Python that has jiekun installed::

    python benchmarks/run.py                       # the full suite (5-10 minutes)
    python benchmarks/run.py --quick               # small inputs, under a minute (CI)
    python benchmarks/run.py --with-10m            # also the 10,000,000-row CSV
    python benchmarks/run.py --cases help,summary-csv --repeat 7 --markdown table.md

Each case times jiekun and its baseline (the least work the bare library can do on the
same file, every cell read as text) as separate processes, alternating them in the same
run, and reports the medians of wall and CPU seconds and of the process tree's summed
peak memory, and their ratios. ``peer-csv`` holds jiekun against the obvious pandas
script (benchmarks/peers/obvious_pandas.py). See benchmarks/README.md.

Exit status: 0 when every command ran, 1 when a command itself failed (the table
says which), 2 with ``--strict`` when a target was missed (never in ``--quick``).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from harness import (  # noqa: E402  (needs HERE on sys.path when imported from tests)
    Baseline,
    Case,
    Command,
    Row,
    Target,
    json_rows_check,
    machine,
    markdown_table,
    run_case,
    sampler_cost,
    text_table,
    version,
)
from sampler import INTERVAL, TreeSampler, floor_mb, measure  # noqa: E402

REPO = HERE.parent
SAMPLES = REPO / "samples"
SURVEY_XLSX = SAMPLES / "survey-roster.xlsx"
SURVEY_ROWS = 33_724
DATA = HERE / "data"
AS_OF = "2025-12-31"
BATCH_MONTHS = [f"2025-{m:02d}.xlsx" for m in range(1, 13)]

PEERS = HERE / "peers"
ALL_CASES = (
    "help",
    "summary-xlsx",
    "summary-200k",
    "classify",
    "summary-csv",
    "peer-csv",
    "summary-10m",
    "batch",
)
DEFAULT_CASES = tuple(c for c in ALL_CASES if c != "summary-10m")
FULL_ONLY = ("summary-200k", "summary-10m")

# --------------------------------------------------------------------------------------
# Baselines: the least possible work with the bare library on the same input, every
# cell read as text (dtype=str), as jiekun reads it
# --------------------------------------------------------------------------------------

IMPORT_TYPER_RICH = "import typer, rich"
TYPER_APP_HELP = """\
import typer
app = typer.Typer()
@app.command()
def summary(roster: str, json: bool = False):
    \"\"\"Print the survey table.\"\"\"
@app.command()
def classify(roster: str, force: bool = False):
    \"\"\"Write the report workbook.\"\"\"
app()
"""
READ_CALAMINE = "import sys, pandas as pd; pd.read_excel(sys.argv[1], engine='calamine', dtype=str)"
READ_PYARROW = "import sys, pandas as pd; pd.read_csv(sys.argv[1], engine='pyarrow', dtype=str)"
READ_12_CALAMINE = """\
import sys, pathlib, pandas as pd
for p in sorted(pathlib.Path(sys.argv[1]).glob('*.xlsx')):
    pd.read_excel(p, engine='calamine', dtype=str)
"""
READ_THEN_WRITE = """\
import sys, pandas as pd, xlsxwriter
df = pd.read_excel(sys.argv[1], engine='calamine', dtype=str)
wb = xlsxwriter.Workbook(sys.argv[2], {'constant_memory': True})
ws = wb.add_worksheet()
ws.write_row(0, 0, [str(c) for c in df.columns])
for r, row in enumerate(df.astype(object).where(df.notna(), None).itertuples(index=False, name=None), 1):
    ws.write_row(r, 0, row)
wb.close()
"""

# --------------------------------------------------------------------------------------
# Inputs (generated with samples/make_samples.py, cached in benchmarks/data/)
# --------------------------------------------------------------------------------------

GEN_XLSX = """\
import sys
sys.path.insert(0, sys.argv[3])
from make_samples import SURVEY_TITLE, survey_frame, write_xlsx
write_xlsx(survey_frame(int(sys.argv[1])), sys.argv[2], title=SURVEY_TITLE)
"""


@dataclass(frozen=True)
class Sizes:
    """Rows per input. ``xlsx=None`` means samples/survey-roster.xlsx itself."""

    xlsx: int | None
    big_xlsx: int | None
    csv: int
    huge_csv: int | None


FULL = Sizes(xlsx=None, big_xlsx=200_000, csv=1_000_000, huge_csv=10_000_000)
QUICK = Sizes(xlsx=5_000, big_xlsx=None, csv=50_000, huge_csv=None)


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def _generate(path: Path, argv: list[str], regenerate: bool) -> Path:
    """Run ``argv`` (with ``{out}`` for a temporary path) unless ``path`` exists; then rename."""
    if path.exists() and not regenerate:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.partial{path.suffix}")
    log(f"generating {path.relative_to(REPO) if path.is_relative_to(REPO) else path} ...")
    started = time.perf_counter()
    try:
        # the generator's chatter goes to stderr: stdout is the table
        subprocess.run([a.replace("{out}", str(tmp)) for a in argv], check=True, cwd=REPO, stdout=sys.stderr)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    log(f"generated {path.name} in {time.perf_counter() - started:.1f} s")
    return path


def xlsx_input(rows: int | None, data: Path, regenerate: bool = False) -> tuple[Path, int]:
    """The survey-shaped xlsx of ``rows`` rows (None: the sample itself) and its row count."""
    if rows is None:
        return SURVEY_XLSX, SURVEY_ROWS
    path = data / f"survey-{rows}.xlsx"
    argv = [sys.executable, "-c", GEN_XLSX, str(rows), "{out}", str(SAMPLES)]
    return _generate(path, argv, regenerate), rows


def csv_input(rows: int, data: Path, regenerate: bool = False) -> tuple[Path, int]:
    path = data / f"big-{rows}.csv"
    argv = [sys.executable, str(SAMPLES / "make_samples.py"), "--big", str(rows), "--out", "{out}"]
    return _generate(path, argv, regenerate), rows


def batch_folder(source: Path, rows: int, data: Path) -> Path:
    """Twelve monthly copies of ``source`` (re-copied each run: cheap, never stale)."""
    folder = data / f"batch-{rows}"
    folder.mkdir(parents=True, exist_ok=True)
    for name in BATCH_MONTHS:
        shutil.copyfile(source, folder / name)
    for extra in folder.iterdir():
        if extra.name not in BATCH_MONTHS:
            extra.unlink()
    return folder


# --------------------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------------------


def jiekun_argv() -> list[str]:
    """The installed console script next to this Python, else on PATH, else ``-m jiekun``."""
    beside = Path(sys.executable).parent / "jiekun"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("jiekun")
    return [found] if found else [sys.executable, "-m", "jiekun"]


def py(code: str, *args: object) -> list[str]:
    return [sys.executable, "-c", code, *map(str, args)]


def _batch_case(jk: list[str], folder: Path, rows: int, scratch: Path) -> Case:
    title = f"batch 12 × {rows:,}-row xlsx"
    base = Baseline(Command("12 calamine reads (str)", py(READ_12_CALAMINE, folder)), [Target("time", 0.6)])
    probe = measure([*jk, "batch", "--help"], cwd=REPO, scratch=scratch / "probe")
    help_text = probe.stdout.read_text(encoding="utf-8", errors="replace")
    if probe.returncode != 0:
        why = probe.stderr.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        reason = next((ln.strip(" │╭╮╰╯─") for ln in why if "batch" in ln), f"exit {probe.returncode}")
        return Case(
            "batch",
            title,
            Command("jiekun batch", []),
            [base],
            unavailable=f"jiekun batch not available ({reason})",
        )
    argv = [*jk, "batch", str(folder)]
    if re.search(r"--as-of(?![-\w])", help_text):
        argv += ["--as-of", AS_OF]
    if re.search(r"--json(?![-\w])", help_text):
        argv.append("--json")
    return Case("batch", title, Command("jiekun batch", argv), [base])


def _summary(jk: list[str], path: Path, rows: int) -> Command:
    """``jiekun summary --json`` on ``path``, checked to have read ``rows`` rows."""
    return Command(
        "jiekun summary", [*jk, "summary", str(path), "--as-of", AS_OF, "--json"], json_rows_check(rows)
    )


def _help_case(jk: list[str]) -> Case:
    return Case(
        "help",
        "jiekun --help",
        Command("jiekun --help", [*jk, "--help"]),
        [
            Baseline(Command("import typer, rich", py(IMPORT_TYPER_RICH)), [Target("time", 1.5)]),
            # for the record: what typer's own rich --help costs with two bare commands
            Baseline(Command("bare typer app --help", py(TYPER_APP_HELP, "--help"))),
        ],
    )


def _xlsx_case(key: str, jk: list[str], xlsx: Path, rows: int, targets: list[Target]) -> Case:
    base = Baseline(Command("calamine read (str)", py(READ_CALAMINE, xlsx)), targets)
    return Case(key, f"summary {rows:,}-row xlsx", _summary(jk, xlsx, rows), [base])


def _classify_case(jk: list[str], xlsx: Path, rows: int, scratch: Path) -> Case:
    out_j, out_b = scratch / "classify-jiekun.xlsx", scratch / "classify-baseline.xlsx"
    scratch.mkdir(parents=True, exist_ok=True)
    return Case(
        "classify",
        f"classify {rows:,}-row xlsx",
        Command(
            "jiekun classify", [*jk, "classify", str(xlsx), "-o", str(out_j), "--force", "--as-of", AS_OF]
        ),
        [
            Baseline(
                Command("calamine read (str) + XlsxWriter write", py(READ_THEN_WRITE, xlsx, out_b)),
                [Target("time", 0.5)],
            )
        ],
    )


def _csv_case(selected: list[str], jk: list[str], csv: Path, rows: int, skipped: list[Row]) -> Case:
    """``summary`` on the CSV against pyarrow's read (``summary-csv``) and the peer (``peer-csv``).

    One jiekun series, alternated with whichever of the two are selected.
    """
    title = f"summary {rows:,}-row csv"
    bases = []
    if "summary-csv" in selected:
        targets = [Target("time", 2), Target("cpu", 3)]
        if version("pyarrow"):
            bases.append(Baseline(Command("pyarrow read_csv (str)", py(READ_PYARROW, csv)), targets))
        else:
            note = "pyarrow not installed: skipped"
            skipped.append(Row(f"{title} vs pyarrow read_csv (str)", None, None, targets, note=note))
    if "peer-csv" in selected:
        peer = [sys.executable, str(PEERS / "obvious_pandas.py"), str(csv), AS_OF]
        bases.append(Baseline(Command("obvious pandas script", peer), [Target("time", 1, strict=True)]))
    key = "summary-csv" if "summary-csv" in selected else "peer-csv"
    return Case(key, title, _summary(jk, csv, rows), bases)


def build_cases(
    selected: list[str], sizes: Sizes, data: Path, *, regenerate: bool = False
) -> tuple[list[Case], list[Row]]:
    """The selected cases, generating their inputs; plus rows for what cannot run here."""
    jk = jiekun_argv()
    scratch = data / "out"
    cases: list[Case] = []
    skipped: list[Row] = []
    if "help" in selected:
        cases.append(_help_case(jk))
    if {"summary-xlsx", "classify", "batch"} & set(selected):
        xlsx, xrows = xlsx_input(sizes.xlsx, data, regenerate)
    if "summary-xlsx" in selected:
        cases.append(_xlsx_case("summary-xlsx", jk, xlsx, xrows, [Target("time", 0.8)]))
    if "summary-200k" in selected:
        if sizes.big_xlsx is None:
            skipped.append(Row("summary 200,000-row xlsx", None, None, [], note="full mode only"))
        else:
            big, brows = xlsx_input(sizes.big_xlsx, data, regenerate)
            targets = [Target("time", 0.8), Target("memory", 1)]
            cases.append(_xlsx_case("summary-200k", jk, big, brows, targets))
    if "classify" in selected:
        cases.append(_classify_case(jk, xlsx, xrows, scratch))
    if {"summary-csv", "peer-csv"} & set(selected):
        cases.append(_csv_case(selected, jk, *csv_input(sizes.csv, data, regenerate), skipped))
    if "summary-10m" in selected:
        if sizes.huge_csv is None:
            skipped.append(
                Row("summary 10,000,000-row csv", None, None, [], note="full mode only (--with-10m)")
            )
        else:
            huge, hrows = csv_input(sizes.huge_csv, data, regenerate)
            target = Target("peak_mb", 1024, strict=True)  # summed over the process tree
            cases.append(
                Case(
                    "summary-10m",
                    f"summary {hrows:,}-row csv",
                    _summary(jk, huge, hrows),
                    targets=[target],
                    repeat=3,
                    warmup=False,
                )
            )
    if "batch" in selected:
        cases.append(_batch_case(jk, batch_folder(xlsx, xrows, data), xrows, scratch))
    return cases, skipped


# --------------------------------------------------------------------------------------
# The suite
# --------------------------------------------------------------------------------------


def run_suite(
    selected: list[str],
    *,
    sizes: Sizes,
    repeat: int,
    data: Path = DATA,
    regenerate: bool = False,
    warmup: bool = True,
) -> list[Row]:
    cases, skipped = build_cases(selected, sizes, data, regenerate=regenerate)
    rows: list[Row] = []
    for case in cases:
        if case.repeat:
            case.repeat = min(case.repeat, repeat)
        case.warmup = case.warmup and warmup
        rows += run_case(case, repeat, cwd=REPO, scratch=data / "out", log=log)
    return rows + skipped


def describe(info: dict[str, str]) -> str:
    width = max(map(len, info))
    return "\n".join(f"{k.ljust(width)}  {v}" for k, v in info.items())


def legend(rows: list[Row], floor: float) -> list[str]:
    """What the CPU and MB columns are, what sampling cost, and the launcher's floor if it shows."""
    spent, wall = sampler_cost(rows)
    share = (
        f"{spent:.2f} s CPU over {wall:.0f} s measured ({100 * spent / wall:.1f} % of one core)"
        if wall
        else "—"
    )
    memory = (
        f"peak RSS summed over the process tree, sampled every {INTERVAL * 1000:.0f} ms (sampler: {share})"
        if TreeSampler.available
        else "n/a (no /proc on this system)"
    )
    lines = [
        "cpu: user + system seconds of the process and the children it waited for (wait4). "
        f"jiekun MB, base MB, mem ratio: {memory}. "
        f"1-proc MB: jiekun's largest single process (ru_maxrss, never below the launcher's own {floor:.0f} MB); "
        "PSS MB: jiekun's tree, shared pages split."
    ]
    if floor > 40:
        lines.append(f"Largest-process figures are floored at the launcher's own {floor:.0f} MB.")
    return lines


def markdown_report(rows: list[Row], info: dict[str, str], command: str, floor: float) -> str:
    lines = [
        f"Command: `{command}` — {time.strftime('%Y-%m-%d %H:%M')}",
        "",
        *[f"- {k}: {v}" for k, v in info.items()],
        "",
        markdown_table(rows),
        "",
        *legend(rows, floor),
    ]
    return "\n".join(lines) + "\n"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="small inputs, repeat 3, under a minute (CI)")
    p.add_argument("--cases", help=f"comma-separated subset of: {', '.join(ALL_CASES)}")
    p.add_argument("--repeat", type=int, help="timed runs per command (default 5, quick 3)")
    p.add_argument("--markdown", type=Path, metavar="FILE", help="also write the table as Markdown")
    p.add_argument("--with-10m", action="store_true", help="add the 10,000,000-row CSV case")
    p.add_argument("--data", type=Path, default=DATA, help="where generated inputs are cached")
    p.add_argument("--regenerate", action="store_true", help="regenerate inputs even when cached")
    p.add_argument("--strict", action="store_true", help="exit 2 when a target is missed (not with --quick)")
    args = p.parse_args(argv)
    if args.cases:
        args.selected = [c.strip() for c in args.cases.split(",") if c.strip()]
        unknown = [c for c in args.selected if c not in ALL_CASES]
        if unknown:
            p.error(f"unknown case(s) {', '.join(unknown)}; choose from {', '.join(ALL_CASES)}")
    else:
        args.selected = [c for c in DEFAULT_CASES if not (args.quick and c in FULL_ONLY)]
    if args.with_10m and "summary-10m" not in args.selected:
        args.selected.append("summary-10m")
    if args.repeat is None:
        args.repeat = 3 if args.quick else 5
    if args.repeat < 1:
        p.error("--repeat must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    command = "python benchmarks/run.py" + "".join(f" {a}" for a in (sys.argv[1:] if argv is None else argv))
    info = machine(REPO)
    print(describe(info), flush=True)
    started = time.perf_counter()
    rows = run_suite(
        args.selected,
        sizes=QUICK if args.quick else FULL,
        repeat=args.repeat,
        data=args.data.resolve(),
        regenerate=args.regenerate,
        warmup=not args.quick,  # quick: no untimed warm-up, to stay well under a minute
    )
    floor = floor_mb()
    # other work on the machine shows up here: compare the load at the start and the end
    info["load average (end)"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\nload average (end)  {info['load average (end)']}")
    print()
    print(text_table(rows))
    print("\n" + "\n".join(legend(rows, floor)))
    print(f"\n{len(rows)} rows in {time.perf_counter() - started:.0f} s", flush=True)
    if args.markdown:
        args.markdown.write_text(markdown_report(rows, info, command, floor), encoding="utf-8")
    if any(r.failed for r in rows):
        return 1
    if args.strict and not args.quick and any(r.met is False for r in rows):
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
