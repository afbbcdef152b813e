"""One command, measured as a whole process: ``measure()`` and its process-tree sampler.

Standard library only, on purpose (the launcher must stay small, see below). For each
command it records:

- **wall seconds**, spawn to reap;
- **CPU seconds**, ``ru_utime + ru_stime`` from ``os.wait4``. On Linux that rusage is
  the child's own plus that of every descendant it waited for (the kernel's
  ``RUSAGE_BOTH``), so a worker pool that is shut down and joined is counted; a
  descendant left running or reaped by someone else is not;
- **summed peak RSS of the process tree** (Linux only; ``None`` elsewhere, shown as
  n/a): a thread of the launcher samples the child and all its descendants every
  ``INTERVAL`` seconds (found by their ppid in ``/proc/*/stat``; this kernel has no
  ``/proc/<pid>/task/*/children``) and keeps the largest sum of their resident sets
  at one instant (never below ``ru_maxrss``, which a sum cannot be, unless that is
  only the launcher's inherited floor, see below). Shared pages, such as a forked
  worker's copy-on-write pages and the libraries, count once per process: the
  conservative figure, and the one targets are judged on. The sum of ``Pss`` from
  ``/proc/<pid>/smaps_rollup`` (shared pages split between their sharers) is recorded
  beside it; reading it costs 1–2 ms a process, so it is read only when the RSS sum
  exceeds the best Pss sum so far, at most once every ``PSS_SPACING`` of the time
  elapsed and every ``PSS_MIN`` seconds (about 20 reads in a 4 s run): a lower bound, a second figure, not judged;
- **the largest single process's peak RSS**, ``ru_maxrss`` from ``os.wait4``. A child
  started by vfork/posix_spawn inherits its parent's high-water mark at ``exec``, so
  the launcher must stay small (a bare Python with this module is about 11 MB, less
  than any child's own peak); ``floor_mb()`` says when it is not (under pytest).

The sampler's own CPU time is kept (``Sample.sampler_s``) so the report can say what
measuring cost.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

INTERVAL = 0.02  # seconds between two samples of the process tree
RESCAN = 5  # look for new descendants every RESCAN samples (listing /proc costs most)
PSS_SPACING = 0.25  # smaps_rollup (1–2 ms a process) at most once a quarter of the time so far
PSS_MIN = 0.05  # and at most every 50 ms
PROC = Path("/proc")
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024 if hasattr(os, "sysconf") else 4
# ru_maxrss is in KiB on Linux, in bytes on macOS
MAXRSS_KB = 1 / 1024 if sys.platform == "darwin" else 1

# --------------------------------------------------------------------------------------
# The process tree's memory
# --------------------------------------------------------------------------------------


def _stat(pid: int) -> tuple[int, int] | None:
    """``(ppid, rss_kb)`` of ``pid`` from ``/proc/<pid>/stat``, None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read()
    except OSError:
        return None
    fields = data[data.rindex(b")") + 2 :].split()  # after "pid (comm) ": state ppid …
    return int(fields[1]), int(fields[21]) * PAGE_KB


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            m = re.search(rb"^Pss:\s+(\d+) kB", f.read(), re.MULTILINE)
    except OSError:
        return 0
    return int(m.group(1)) if m else 0


class TreeSampler:
    """Samples the summed RSS (and Pss) of ``root`` and its descendants, in a thread.

    Each tick reads the ``stat`` of the tree's processes and sums their RSS. Every
    ``RESCAN`` ticks it also lists ``/proc`` for new descendants, reading the ``stat``
    of pids not seen before only (a process's parent is fixed at fork, so a pid once
    seen outside the tree stays outside until it disappears). What was seen is kept
    from one command to the next (``_parent``): the machine's other processes are read
    once per suite, not once per command.
    """

    available = PROC.joinpath("self", "stat").exists()
    _parent: ClassVar[dict[int, int]] = {}  # pid → ppid of every process seen alive, shared

    def __init__(self, root: int, interval: float = INTERVAL, pss_spacing: float = PSS_SPACING) -> None:
        self.root, self.interval, self.pss_spacing = root, interval, pss_spacing
        self.peak_kb = 0
        self.pss_kb = 0
        self.cpu_s = 0.0
        self.ticks = 0
        self._members: set[int] = {root}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="tree-sampler", daemon=True)

    def start(self) -> TreeSampler:
        if self.available:
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _scan(self) -> set[int]:
        """The root and all its descendants, from the parent pids of every process alive."""
        alive = {int(n) for n in os.listdir(PROC) if n.isdigit()}
        for pid in list(self._parent):
            if pid not in alive:
                del self._parent[pid]
        members: set[int] = {self.root}
        for pid in sorted(alive):  # parents usually have smaller pids: one pass finds most
            ppid = self._parent.get(pid)
            if ppid is None and pid != self.root:
                st = _stat(pid)
                if st is None:
                    continue
                ppid = self._parent[pid] = st[0]
            if ppid in members:
                members.add(pid)
        grew = True
        while grew:  # a pid wrapped round below its parent's
            grew = False
            for pid, ppid in self._parent.items():
                if ppid in members and pid not in members:
                    members.add(pid)
                    grew = True
        return members

    def _tree(self) -> dict[int, int]:
        """``{pid: rss_kb}`` of the root and its descendants now (new ones every RESCAN ticks)."""
        members = self._scan() if self.ticks % RESCAN == 0 else self._members
        rss: dict[int, int] = {}
        for pid in members:
            st = _stat(pid)
            if st is not None and (pid == self.root or st[0] in members):
                self._parent[pid] = st[0]
                rss[pid] = st[1]
        self._members = set(rss) | {self.root}
        return rss

    def _run(self) -> None:
        cpu, began = time.thread_time(), time.perf_counter()
        last_pss = float("-inf")
        while True:
            rss = self._tree()
            total = sum(rss.values())
            self.ticks += 1  # after _tree: the first tick scans
            now = time.perf_counter()
            # Pss ≤ RSS: only a sum above the best Pss so far can beat it; and sparsely
            if total > self.pss_kb and now - last_pss >= max(PSS_MIN, self.pss_spacing * (now - began)):
                self.pss_kb = max(self.pss_kb, sum(_pss_kb(pid) for pid in rss))
                last_pss = now
            self.peak_kb = max(self.peak_kb, total)
            if self._stop.wait(self.interval):
                break
        self.cpu_s = time.thread_time() - cpu


# --------------------------------------------------------------------------------------
# One process
# --------------------------------------------------------------------------------------


@dataclass
class Sample:
    """One run of one command.

    ``peak_kb`` is ``ru_maxrss`` (the largest single process), ``tree_kb`` and ``pss_kb``
    the sampled peaks summed over the process tree (None where /proc is missing),
    ``cpu_s`` user + system seconds of the child and its waited-for descendants.
    """

    seconds: float
    peak_kb: int
    returncode: int
    stdout: Path
    stderr: Path
    cpu_s: float = 0.0
    tree_kb: int | None = None
    pss_kb: int | None = None
    sampler_s: float = 0.0


def measure(argv: Sequence[str], *, cwd: Path, scratch: Path, env: dict[str, str] | None = None) -> Sample:
    """Run ``argv`` to completion: wall, CPU and peak RSS via ``wait4``, the tree's sampled.

    stdout and stderr go to files in ``scratch`` (not pipes: nothing to drain, no TTY,
    so no progress bars or colours in either side's figures).
    """
    scratch.mkdir(parents=True, exist_ok=True)
    out, err = scratch / "stdout.txt", scratch / "stderr.txt"
    floor_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * MAXRSS_KB
    with open(out, "wb") as fo, open(err, "wb") as fe:
        started = time.perf_counter()
        proc = subprocess.Popen(list(argv), cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=fo, stderr=fe)
        sampler = TreeSampler(proc.pid).start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        finally:
            sampler.stop()
        seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped: keep Popen from waiting again
    peak_kb = int(usage.ru_maxrss * MAXRSS_KB)
    # ru_maxrss bounds the sum from below, unless it is only the launcher's inherited floor
    own_kb = peak_kb if peak_kb > floor_kb else 0
    tree = (max(sampler.peak_kb, own_kb), sampler.pss_kb) if sampler.available else (None, None)
    return Sample(
        seconds,
        peak_kb,
        proc.returncode,
        out,
        err,
        cpu_s=usage.ru_utime + usage.ru_stime,
        tree_kb=tree[0],
        pss_kb=tree[1],
        sampler_s=sampler.cpu_s,
    )


def floor_mb() -> float:
    """The launcher's own peak RSS: no child can report less than this (see module doc)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * MAXRSS_KB / 1024
