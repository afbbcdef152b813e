"""One call per command: read, classify and tally a roster file."""

from __future__ import annotations

import datetime as dt
import os
from collections import deque
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from jiekun.io.reading import iter_roster
from jiekun.model.classification import Classified, DuplicateIndex, classify, first_ids
from jiekun.model.problems import sort_problems
from jiekun.model.roster import Roster
from jiekun.model.rules import Rules
from jiekun.model.tallies import Tally, tally

#: Text rosters larger than this are read, classified and tallied in chunks (bounded memory).
CHUNK_BYTES = 64 << 20
CHUNK_ROWS = 100_000


@dataclass
class Result:
    """A roster read, classified and counted.

    ``classified`` holds every row; it is None when a large text file was
    summarised in chunks, where only the tally and the problem records are kept.
    """

    roster: Roster
    classified: Classified | None
    tally: Tally
    problems: pd.DataFrame

    def to_json(self, lang: str = "zh") -> dict:
        """The summary object of DESIGN §8."""
        return self.tally.to_json(lang)


def summarize(
    path: str | Path,
    *,
    rules: Rules | None = None,
    as_of: dt.date | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
    on_stage: Callable[[str], None] | None = None,
    chunk_rows: int | None = None,
) -> Result:
    """Read, classify and tally one roster file.

    A text file over 64 MB (or any file, with ``chunk_rows``) is streamed in chunks
    whose tallies are summed; duplicates are still found across chunks.
    ``on_stage`` is called with "read" and "classify" (and "rows" counts) for progress.

    >>> summarize("samples/survey-roster.xlsx", as_of=dt.date(2025, 12, 31)).tally.hardship  # doctest: +SKIP
    3456
    """
    stage = on_stage or (lambda key: None)
    rules = rules or Rules()
    as_of = as_of or dt.date.today()
    p = Path(path)
    if chunk_rows is None and p.suffix.lower() in {".csv", ".txt", ".tsv", ".tab"}:
        try:
            if p.stat().st_size > CHUNK_BYTES:
                chunk_rows = CHUNK_ROWS
        except OSError:
            pass  # load_roster explains a missing or unreadable file
    stage("read")
    if not chunk_rows:
        roster = next(iter_roster(path, sheet=sheet, encoding=encoding, rules=rules))
        stage("classify")
        result = classify(roster, rules, as_of)
        return Result(roster, result, tally(result), result.problems)
    seen = DuplicateIndex()
    first: Roster | None = None
    total: Tally | None = None
    problems = []
    rows = 0

    def settle(chunk: Roster, job) -> None:
        """Fold one classified chunk in, in file order; redo it here if it repeats earlier IDs."""
        nonlocal first, total, rows
        t, probs, keys, key_rows = job.result() if hasattr(job, "result") else job
        if (seen.lookup(keys) >= 0).any():
            result = classify(chunk, rules, as_of, seen=seen)
            t, probs = tally(result), result.problems
        else:
            seen.first_rows(keys, key_rows)
        total = t if total is None else total + t
        problems.append(probs)
        first = first or replace(chunk, data=chunk.data.iloc[:0], rows=chunk.rows[:0])  # metadata only
        rows += chunk.rows_read
        stage(f"rows:{rows}")

    chunks = iter_roster(path, sheet=sheet, encoding=encoding, rules=rules, chunk_rows=chunk_rows)
    with _pool() as pool:
        window: deque = deque()
        for chunk in chunks:
            job = (
                pool.submit(_classify_chunk, chunk, rules, as_of)
                if pool
                else _classify_chunk(chunk, rules, as_of)
            )
            window.append((chunk, job))
            if len(window) > WINDOW:
                settle(*window.popleft())
        while window:
            settle(*window.popleft())
    assert first is not None and total is not None
    return Result(first, None, total, sort_problems(pd.concat(problems, ignore_index=True)))


WINDOW = 2  # chunks in flight beyond the one being folded in (bounds memory)


@contextmanager
def _pool():
    """Worker processes for classifying chunks, forked before any reading starts; None on one core."""
    workers = min(os.cpu_count() or 1, 4)
    if workers < 2:
        yield None
        return
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("fork")) as pool:
        for f in [pool.submit(os.getpid) for _ in range(workers)]:
            f.result()  # start the workers now, while this process runs no reader threads
        yield pool


def _classify_chunk(chunk: Roster, rules: Rules, as_of: dt.date):
    """Classify one chunk on its own: its tally, problems, and the IDs it saw first (for duplicates)."""
    result = classify(chunk, rules, as_of)
    keys, key_rows = first_ids(result)
    return tally(result), result.problems, keys, key_rows
