"""Measuring machinery for ``benchmarks/run.py``: whole processes, alternated, medians.

Standard library only, on purpose. Peak memory is the child's own ``ru_maxrss`` from
``os.wait4``, and on Linux a child started by vfork/posix_spawn inherits its parent's
high-water mark at ``exec``, so the process that launches the children must stay small
(a bare Python with this module is about 11 MB, less than any child's own peak).
``floor_mb()`` reports the launcher's high-water mark so the table can say so when
it is not small (for instance under pytest).
"""

from __future__ import annotations

import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

MB = 1024 * 1024

# --------------------------------------------------------------------------------------
# One process
# --------------------------------------------------------------------------------------


@dataclass
class Sample:
    """One run of one command: wall seconds, peak RSS of that process, exit code."""

    seconds: float
    peak_kb: int
    returncode: int
    stdout: Path
    stderr: Path


def measure(argv: Sequence[str], *, cwd: Path, scratch: Path, env: dict[str, str] | None = None) -> Sample:
    """Run ``argv`` to completion; wall time from spawn to reap, peak RSS via ``wait4``.

    stdout and stderr go to files in ``scratch`` (not pipes: nothing to drain, no TTY,
    so no progress bars or colours in either side's figures).
    """
    scratch.mkdir(parents=True, exist_ok=True)
    out, err = scratch / "stdout.txt", scratch / "stderr.txt"
    with open(out, "wb") as fo, open(err, "wb") as fe:
        started = time.perf_counter()
        proc = subprocess.Popen(list(argv), cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=fo, stderr=fe)
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped: keep Popen from waiting again
    return Sample(seconds, usage.ru_maxrss, proc.returncode, out, err)


def floor_mb() -> float:
    """The launcher's own peak RSS: no child can report less than this (see module doc)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


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
    """``time`` and ``memory`` are ratios jiekun ÷ baseline; ``peak_mb`` is jiekun's own peak."""

    kind: str  # "time" | "memory" | "peak_mb"
    limit: float
    strict: bool = False  # for peak_mb: "<" rather than "≤"

    def text(self) -> str:
        if self.kind == "peak_mb":
            return f"peak {'<' if self.strict else '≤'} {self.limit:,.0f} MB"
        what = "time" if self.kind == "time" else "mem"
        return f"{what} ≤ {self.limit:g}×"


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


@dataclass
class Measured:
    command: Command
    samples: list[Sample] = field(default_factory=list)
    failure: str | None = None
    warning: str | None = None
    checked: bool = False

    @property
    def seconds(self) -> float | None:
        return statistics.median(s.seconds for s in self.samples) if self.samples else None

    @property
    def peak_mb(self) -> float | None:
        return statistics.median(s.peak_kb for s in self.samples) / 1024 if self.samples else None


@dataclass
class Row:
    """One line of the table: a case against one baseline (or against nothing)."""

    case: str
    jiekun: Measured | None
    baseline: Measured | None
    targets: list[Target]
    note: str = ""

    @property
    def ratio(self) -> float | None:
        a = self.jiekun.seconds if self.jiekun else None
        b = self.baseline.seconds if self.baseline else None
        return a / b if a is not None and b else None

    @property
    def mem_ratio(self) -> float | None:
        a = self.jiekun.peak_mb if self.jiekun else None
        b = self.baseline.peak_mb if self.baseline else None
        return a / b if a is not None and b else None

    def verdicts(self) -> list[bool | None]:
        out: list[bool | None] = []
        for t in self.targets:
            if t.kind == "time":
                value = self.ratio
            elif t.kind == "memory":
                value = self.mem_ratio
            else:
                value = self.jiekun.peak_mb if self.jiekun else None
            if value is None:
                out.append(None)
            elif t.kind == "peak_mb" and t.strict:
                out.append(value < t.limit)
            else:
                out.append(value <= t.limit)
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
    "baseline s",
    "ratio",
    "target",
    "met",
    "jiekun MB",
    "baseline MB",
    "mem ratio",
)


def _num(x: float | None, fmt: str) -> str:
    return "—" if x is None else format(x, fmt)


def cells(row: Row) -> list[str]:
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
        "; ".join(t.text() for t in row.targets) or "(record)",
        met,
        _num(j.peak_mb if j else None, ",.0f"),
        _num(b.peak_mb if b else None, ",.0f"),
        _num(row.mem_ratio, ".2f"),
    ]


def text_table(rows: list[Row]) -> str:
    body = [list(HEADERS)] + [cells(r) for r in rows]
    widths = [max(len(line[i]) for line in body) for i in range(len(HEADERS))]
    right = {1, 2, 3, 6, 7, 8}

    def fmt(line: list[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(line, widths, strict=True))
        )

    out = [fmt(body[0]), "  ".join("-" * w for w in widths)]
    out += [fmt(line) for line in body[1:]]
    notes = [f"  * {r.case}: {r.note}" for r in rows if r.note]
    return "\n".join(out + (["", *notes] if notes else []))


def markdown_table(rows: list[Row]) -> str:
    def esc(s: str) -> str:
        return s.replace("|", "\\|")

    out = [
        "| " + " | ".join(HEADERS) + " |",
        "|" + "|".join(["---", *["---:"] * 3, "---", ":-:", *["---:"] * 3]) + "|",
    ]
    out += ["| " + " | ".join(esc(c) for c in cells(r)) + " |" for r in rows]
    notes = [f"- {esc(r.case)}: {esc(r.note)}" for r in rows if r.note]
    return "\n".join(out + (["", *notes] if notes else []))
