"""Cases, rows and tables for ``benchmarks/run.py``: whole processes, alternated, medians.

Standard library only, on purpose: the launcher must stay small (see ``sampler``, which
measures one command: wall and CPU seconds, the process tree's summed peak memory).
"""

from __future__ import annotations

import json
import os
import platform
import re
import statistics
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from sampler import Sample, measure

MB = 1024 * 1024

# --------------------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------------------


@dataclass
class Command:
    """A whole process to time. ``check(stdout_text)`` returns a problem or None."""

    label: str
    argv: list[str]
    check: Callable[[str], str | None] | None = None


@dataclass
class Target:
    """``time``, ``cpu`` and ``memory`` are ratios jiekun ÷ baseline; ``peak_mb`` is jiekun's own.

    Memory is the summed peak RSS of the process tree, on both sides.
    """

    kind: str  # "time" | "cpu" | "memory" | "peak_mb"
    limit: float
    strict: bool = False  # "<" rather than "≤"

    def text(self) -> str:
        op = "<" if self.strict else "≤"
        if self.kind == "peak_mb":
            return f"peak {op} {self.limit:,.0f} MB"
        what = {"time": "time", "cpu": "cpu", "memory": "mem"}[self.kind]
        return f"{what} {op} {self.limit:g}×"


@dataclass
class Baseline:
    """The least possible work on the same input, and the targets jiekun is held to."""

    command: Command
    targets: list[Target] = field(default_factory=list)


@dataclass
class Case:
    key: str
    title: str
    jiekun: Command
    baselines: list[Baseline] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)  # targets on jiekun alone (peak_mb)
    repeat: int | None = None  # overrides the suite's repeat (the 10M case)
    warmup: bool = True
    unavailable: str | None = None  # set when the jiekun side cannot run at all


def _median(values: list[float | None], scale: float = 1) -> float | None:
    known = [v for v in values if v is not None]
    return statistics.median(known) / scale if known and len(known) == len(values) else None


@dataclass
class Measured:
    command: Command
    samples: list[Sample] = field(default_factory=list)
    failure: str | None = None
    warning: str | None = None
    checked: bool = False

    @property
    def seconds(self) -> float | None:
        return _median([s.seconds for s in self.samples])

    @property
    def cpu_s(self) -> float | None:
        return _median([s.cpu_s for s in self.samples])

    @property
    def peak_mb(self) -> float | None:
        """Median ``ru_maxrss``: the largest single process."""
        return _median([s.peak_kb for s in self.samples], 1024)

    @property
    def tree_mb(self) -> float | None:
        """Median summed peak RSS of the process tree (None off Linux)."""
        return _median([s.tree_kb for s in self.samples], 1024)

    @property
    def pss_mb(self) -> float | None:
        return _median([s.pss_kb for s in self.samples], 1024)


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


@dataclass
class Row:
    """One line of the table: a case against one baseline (or against nothing)."""

    case: str
    jiekun: Measured | None
    baseline: Measured | None
    targets: list[Target]
    note: str = ""

    def _both(self, attr: str) -> tuple[float | None, float | None]:
        return tuple(getattr(m, attr) if m else None for m in (self.jiekun, self.baseline))

    @property
    def ratio(self) -> float | None:
        return _ratio(*self._both("seconds"))

    @property
    def cpu_ratio(self) -> float | None:
        return _ratio(*self._both("cpu_s"))

    @property
    def mem_ratio(self) -> float | None:
        return _ratio(*self._both("tree_mb"))

    def verdicts(self) -> list[bool | None]:
        values = {
            "time": self.ratio,
            "cpu": self.cpu_ratio,
            "memory": self.mem_ratio,
            "peak_mb": self.jiekun.tree_mb if self.jiekun else None,
        }
        out: list[bool | None] = []
        for t in self.targets:
            value = values[t.kind]
            out.append(None if value is None else value < t.limit if t.strict else value <= t.limit)
        return out

    @property
    def met(self) -> bool | None:
        """True/False when every target could be judged; None when none applies."""
        v = self.verdicts()
        if not v or any(x is None for x in v):
            return None
        return all(v)

    @property
    def failed(self) -> bool:
        return any(m is not None and m.failure for m in (self.jiekun, self.baseline))


def _failure(sample: Sample) -> str:
    """``exit N: <last meaningful line of stderr>`` (a traceback's last line is the error)."""
    text = sample.stderr.read_text(encoding="utf-8", errors="replace")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip(" ^~│╭╮╰╯─\t")]
    return f"exit {sample.returncode}" + (f": {lines[-1][:300]}" if lines else "")


def run_case(
    case: Case,
    repeat: int,
    *,
    cwd: Path,
    scratch: Path,
    log: Callable[[str], None] = lambda s: None,
    env: dict[str, str] | None = None,
) -> list[Row]:
    """Warm up each command once, then ``repeat`` rounds alternating jiekun and baselines.

    Odd rounds run in reverse order, so neither side always goes first after the
    other's page-cache or CPU-frequency footprint. A command that fails stops being run.
    """
    if case.unavailable:
        if not case.baselines:
            return [Row(case.title, None, None, case.targets, note=case.unavailable)]
        return [
            Row(
                f"{case.title} vs {b.command.label}",
                None,
                None,
                (case.targets if i == 0 else []) + b.targets,
                note=case.unavailable,
            )
            for i, b in enumerate(case.baselines)
        ]

    measured = [Measured(case.jiekun)] + [Measured(b.command) for b in case.baselines]
    repeat = case.repeat or repeat
    n_rounds = repeat + (1 if case.warmup else 0)
    for r in range(n_rounds):
        warm = case.warmup and r == 0
        order = measured if r % 2 == 0 else measured[::-1]
        for m in order:
            if m.failure:
                continue
            log(
                f"{case.key}: {'warm-up' if warm else f'round {r + (0 if case.warmup else 1)}/{repeat}'} {m.command.label}"
            )
            sample = measure(m.command.argv, cwd=cwd, scratch=scratch, env=env)
            if sample.returncode != 0:
                m.failure = _failure(sample)
                continue
            if m.command.check and not m.checked:
                m.checked = True
                m.warning = m.command.check(sample.stdout.read_text(encoding="utf-8", errors="replace"))
            if not warm:
                m.samples.append(sample)

    jk, bases = measured[0], measured[1:]
    if not bases:
        return [Row(case.title, jk, None, case.targets, note=_notes(jk))]
    rows = []
    for i, (b, m) in enumerate(zip(case.baselines, bases, strict=True)):
        targets = (case.targets if i == 0 else []) + b.targets
        rows.append(Row(f"{case.title} vs {b.command.label}", jk, m, targets, note=_notes(jk, m)))
    return rows


def _notes(*ms: Measured) -> str:
    out = []
    for m in ms:
        if m.failure:
            out.append(f"{m.command.label} FAILED ({m.failure})")
        elif m.warning:
            out.append(f"{m.command.label}: {m.warning}")
    return "; ".join(out)


def json_rows_check(expected_rows: int, key: str = "rows_read") -> Callable[[str], str | None]:
    """A check that the command's JSON says it read ``expected_rows`` rows."""

    def check(text: str) -> str | None:
        try:
            got = json.loads(text).get(key)
        except (ValueError, AttributeError):
            return "stdout is not a JSON object"
        if got != expected_rows:
            return f"{key} = {got}, expected {expected_rows}"
        return None

    return check


# --------------------------------------------------------------------------------------
# The machine
# --------------------------------------------------------------------------------------

PACKAGES = (
    "jiekun",
    "pandas",
    "numpy",
    "pyarrow",
    "python-calamine",
    "xlsxwriter",
    "openpyxl",
    "polars",
    "typer",
    "rich",
)


def version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def machine(repo: Path) -> dict[str, str]:
    """CPU, cores, memory, OS, Python and library versions, the git revision, the load."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "unknown"
    mem = "unknown"
    try:
        m = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
        if m:
            mem = f"{int(m.group(1)) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 0
    info = {
        "CPU": cpu,
        "cores": f"{os.cpu_count()} ({usable} usable)",
        "memory": mem,
        "OS": platform.platform(),
        "Python": f"{platform.python_version()} ({sys.executable})",
    }
    for dist in PACKAGES:
        info[dist] = version(dist) or "not installed"
    try:
        rev = subprocess.run(
            ["git", "describe", "--always", "--dirty"], cwd=repo, capture_output=True, text=True, timeout=10
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        rev = ""
    info["git"] = rev or "unknown"
    info["load average (start)"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return info


# --------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------

HEADERS = (
    "case",
    "jiekun s",
    "base s",
    "ratio",
    "jiekun cpu",
    "base cpu",
    "cpu ratio",
    "target",
    "met",
    "jiekun MB",
    "base MB",
    "mem ratio",
    "1-proc MB",
    "PSS MB",
)
RIGHT = frozenset(i for i, h in enumerate(HEADERS) if h not in ("case", "target", "met"))


def _num(x: float | None, fmt: str) -> str:
    return "—" if x is None else format(x, fmt)


def cells(row: Row) -> list[str]:
    """The row's cells; MB columns are the summed tree peak, then jiekun's largest process and PSS."""
    j, b = row.jiekun, row.baseline
    if row.met is None:
        met = "—" if not row.targets or row.note else "?"
    else:
        met = "✓" if row.met else "✗"
    if row.failed:
        met = "failed"
    elif row.jiekun is None and row.note:
        met = "n/a"
    return [
        row.case,
        _num(j.seconds if j else None, ".3f"),
        _num(b.seconds if b else None, ".3f"),
        _num(row.ratio, ".2f"),
        _num(j.cpu_s if j else None, ".2f"),
        _num(b.cpu_s if b else None, ".2f"),
        _num(row.cpu_ratio, ".2f"),
        "; ".join(t.text() for t in row.targets) or "(record)",
        met,
        _num(j.tree_mb if j else None, ",.0f"),
        _num(b.tree_mb if b else None, ",.0f"),
        _num(row.mem_ratio, ".2f"),
        _num(j.peak_mb if j else None, ",.0f"),
        _num(j.pss_mb if j else None, ",.0f"),
    ]


def sampler_cost(rows: list[Row]) -> tuple[float, float]:
    """``(sampler CPU s, measured wall s)`` over every sample behind ``rows``, each counted once."""
    seen: dict[int, Measured] = {}
    for r in rows:
        for m in (r.jiekun, r.baseline):
            if m is not None:
                seen[id(m)] = m
    samples = [s for m in seen.values() for s in m.samples]
    return sum(s.sampler_s for s in samples), sum(s.seconds for s in samples)


def _note_lines(rows: list[Row], bullet: str, esc: Callable[[str], str]) -> list[str]:
    notes = [f"{bullet} {esc(r.case)}: {esc(r.note)}" for r in rows if r.note]
    return ["", *notes] if notes else []


def text_table(rows: list[Row]) -> str:
    body = [list(HEADERS)] + [cells(r) for r in rows]
    widths = [max(len(line[i]) for line in body) for i in range(len(HEADERS))]

    def fmt(line: list[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in RIGHT else c.ljust(w)
            for i, (c, w) in enumerate(zip(line, widths, strict=True))
        )

    out = [fmt(body[0]), "  ".join("-" * w for w in widths)]
    out += [fmt(line) for line in body[1:]]
    return "\n".join(out + _note_lines(rows, "  *", str))


def markdown_table(rows: list[Row]) -> str:
    def esc(s: str) -> str:
        return s.replace("|", "\\|")

    rule = [":-:" if h == "met" else "---:" if i in RIGHT else "---" for i, h in enumerate(HEADERS)]
    out = ["| " + " | ".join(HEADERS) + " |", "|" + "|".join(rule) + "|"]
    out += ["| " + " | ".join(esc(c) for c in cells(r)) + " |" for r in rows]
    return "\n".join(out + _note_lines(rows, "-", esc))
