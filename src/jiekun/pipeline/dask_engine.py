"""Many roster files summarised as one: in order on this machine, or on a Dask cluster.

Each file is one partition, read with jiekun's own reader (every cell as text),
classified and tallied alone; the tallies sum (docs/scale.md). Duplicate IDs across
files are found exactly: the ID keys of every partition are gathered, and only a
partition whose IDs were seen in an earlier file is classified again against a
``DuplicateIndex`` of those files — first row by file order then row order wins.
Dask is imported only when ``engine="dask"`` (``pip install 'jiekun[dask]'``).
"""

from __future__ import annotations

import datetime as dt
import glob
import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from jiekun.errors import InputError, JiekunError
from jiekun.io.reading import iter_roster
from jiekun.model.classification import classify, first_ids
from jiekun.model.duplicates import DuplicateIndex
from jiekun.model.problems import sort_problems
from jiekun.model.rules import Rules
from jiekun.model.tallies import tally
from jiekun.pipeline.summary import Result

#: Row numbers of file i are coded i × FILE_ROWS + row, so one index spans every file.
FILE_ROWS = 1 << 32


def expand(paths: str | Path | Sequence[str | Path]) -> list[str]:
    """The files, in order: each glob pattern expanded and sorted; a pattern matching nothing is
    kept as it is, so the reader says the file is missing."""
    items = [paths] if isinstance(paths, str | Path) else list(paths)
    out: list[str] = []
    for p in map(str, items):
        hits = sorted(glob.glob(p)) if glob.has_magic(p) else []
        out.extend(hits or [p])
    return out


def summarize_many(
    paths: str | Path | Sequence[str | Path],
    *,
    engine: str = "local",
    scheduler: str | None = None,
    rules: Rules | None = None,
    as_of: dt.date | None = None,
    encoding: str | None = None,
) -> Result:
    """Summarise many rosters as if they were one file, the files concatenated in order.

    ``engine="local"`` folds the files in one process (the reference);
    ``engine="dask"`` classifies them on a Dask cluster: ``scheduler`` is an address
    (``tcp://host:8786``), or None for a local cluster sized to this machine.
    The JSON is ``summary``'s: ``source`` names the paths as given, ``sheet`` is
    the first file's, ``rows_read`` the sum; problems carry a ``file`` column.
    """
    if engine not in ("local", "dask"):
        raise ValueError(f"engine={engine!r}: 'local' or 'dask'")
    rules, as_of = rules or Rules(), as_of or dt.date.today()
    files = expand(paths)
    if engine == "dask":
        parts = _on_dask(files, rules, as_of, encoding, scheduler)
    else:
        parts = _in_order(files, rules, as_of, encoding)
    total = sum((p[0] for p in parts[1:]), parts[0][0])
    given = [paths] if isinstance(paths, str | Path) else list(paths)
    total = replace(total, source=" ".join(map(str, given)), sheet=parts[0][0].sheet)
    problems = _decode(sort_problems(pd.concat([p[1] for p in parts], ignore_index=True)), files)
    notes = list(dict.fromkeys(n for p in parts for n in p[2].notes))  # each file's reading notes, once
    meta = replace(parts[0][2], source=total.source, sha256=None, notes=notes)
    return Result(meta, None, total, problems)


def _read(path: str, i: int, rules: Rules, encoding: str | None):
    """The file's roster (whole), its row numbers coded with the file's position."""
    roster = next(iter_roster(path, encoding=encoding, rules=rules))
    roster.rows = np.asarray(roster.rows, dtype=np.int64) + i * FILE_ROWS
    return roster


def _meta(roster):
    """The roster without its rows (what the result keeps)."""
    return replace(roster, data=roster.data.iloc[:0], rows=roster.rows[:0])


def _in_order(files: list[str], rules: Rules, as_of: dt.date, encoding: str | None) -> list:
    """The reference: each file classified in turn against every ID of the files before it."""
    seen, out = DuplicateIndex(), []
    for i, path in enumerate(files):
        roster = _read(path, i, rules, encoding)
        result = classify(roster, rules, as_of, seen=seen)
        out.append((tally(result), result.problems, _meta(roster)))
    return out


def _partition(path: str, i: int, rules: Rules, as_of: dt.date, encoding: str | None, earlier=None):
    """One partition on a worker: tally, problems, roster metadata and first-seen ID keys.

    ``earlier`` — the ``DuplicateIndex`` runs of the files before this one — classifies
    it against them.
    A file jiekun cannot read comes back as its error (a value: not retried, not logged
    by the worker); a worker that dies is replaced and its tasks rerun by the scheduler.
    """
    try:
        roster = _read(path, i, rules, encoding)
    except JiekunError as e:
        return e
    seen = None
    if earlier is not None:
        seen = DuplicateIndex()
        seen.runs = list(earlier)
    result = classify(roster, rules, as_of, seen=seen)
    keys, rows = first_ids(result)
    return tally(result), result.problems, _meta(roster), keys, rows


def _on_dask(files: list[str], rules: Rules, as_of: dt.date, encoding: str | None, scheduler: str | None):
    """Classify every file on the cluster, then again only those repeating an earlier file's IDs."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise InputError.say("cli", "no_dask") from None

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True)
    try:
        with Client(scheduler or cluster) as client:
            n = len(files)
            first = client.gather(client.map(_partition, files, range(n), [rules] * n, [as_of] * n,
                                             [encoding] * n, pure=False))  # fmt: skip
            for p in first:
                if isinstance(p, JiekunError):
                    raise p
            redo = _repeats([(p[3], p[4]) for p in first])
            again = {
                i: client.submit(_partition, files[i], i, rules, as_of, encoding, earlier, pure=False)
                for i, earlier in redo.items()
            }
            for i, fut in again.items():
                first[i] = fut.result()
    finally:
        if cluster is not None:
            cluster.close()
    return [p[:3] for p in first]


def _repeats(keys: list[tuple[np.ndarray, np.ndarray]]) -> dict[int, list]:
    """For each partition holding an ID seen in an earlier one: the index runs of the earlier ones.

    A partition's own first rows are kept whether or not it is classified again: its
    later duplicates (of earlier files) are not first rows, and an ID first seen in it
    is first there either way.
    """
    index, out = DuplicateIndex(), {}
    for i, (k, r) in enumerate(keys):
        if len(k) and (index.lookup(k) >= 0).any():
            out[i] = list(index.runs)  # the first row of every ID before this file
        index.first_rows(k, r)
    return out


def _decode(problems: pd.DataFrame, files: list[str]) -> pd.DataFrame:
    """Coded row numbers back to (file, row); an earlier row in another file as ``file:row``."""
    coded = problems["row"].to_numpy(dtype=np.int64)
    at = coded // FILE_ROWS
    out = problems.assign(row=coded % FILE_ROWS)
    out.insert(0, "file", np.asarray(files, dtype=object)[at] if len(files) else [])
    dup = out["code"].isin(["duplicate_id", "possible_duplicate"]).to_numpy()
    detail = pd.to_numeric(out["detail"].where(dup), errors="coerce")
    coded_detail = detail.notna().to_numpy() & dup
    if coded_detail.any():
        d = detail[coded_detail].to_numpy(dtype=np.int64)
        src, row = d // FILE_ROWS, (d % FILE_ROWS).astype(str)
        same = src == at[coded_detail]
        names = np.asarray(files, dtype=object)[src]
        out.loc[coded_detail, "detail"] = np.where(same, row, names + ":" + row)
    return out
