"""Many roster files summarised as one: in order on this machine, or on a Dask cluster.

Every file, and every partition of a large text file (:mod:`jiekun.pipeline.dask_parts`),
is read with jiekun's own reader (every cell as text), classified and tallied alone;
the tallies sum (docs/scale.md). Row numbers are coded ``slot × 2³² + row``: each file
has slots for its partitions, in file order, so a smaller code is an earlier row.
Duplicate IDs across partitions are found exactly from the first-seen ID keys of each
partition: walked in order on the client for small inputs, else by a shuffle on the
key across the cluster; only a partition holding an ID first seen in an earlier one
is classified again, against those IDs — first row by file order then row order wins.
Dask is imported only when ``engine="dask"`` (``pip install 'jiekun[dask]'``).
"""

from __future__ import annotations

import datetime as dt
import glob
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from jiekun.errors import InputError, JiekunError
from jiekun.io.reading import SPREADSHEET, TEXT, iter_roster
from jiekun.model.classification import classify, first_ids
from jiekun.model.duplicates import DuplicateIndex
from jiekun.model.problems import sort_problems
from jiekun.model.roster import Roster
from jiekun.model.rules import Rules
from jiekun.model.tallies import Tally, tally
from jiekun.pipeline import dask_parts as P
from jiekun.pipeline.summary import CHUNK_BYTES, CHUNK_ROWS, Result

#: Row numbers of slot i are coded i × FILE_ROWS + row, so one index spans every partition.
FILE_ROWS = 1 << 32
#: Up to this many first-seen IDs in all, the client walks them in order; above, a shuffle.
WALK_IDS = 2_000_000


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
    sheet: str | int | None = None,
    part_bytes: int = P.PART_BYTES,
) -> Result:
    """Summarise many rosters as if they were one file, the files concatenated in order.

    ``engine="local"`` folds the files in one process (the reference; a text file over
    64 MB in chunks, as ``summarize`` reads it); ``engine="dask"`` classifies them on a
    Dask cluster: ``scheduler`` is an address (``tcp://host:8786``), or None for a local
    cluster sized to this machine, and a text file longer than ``part_bytes`` is cut into
    partitions of about that size. ``sheet`` applies to the workbooks (``"all"``: every
    roster sheet). The JSON is ``summary``'s: ``source`` names the paths as given,
    ``sheet`` is the first file's, ``rows_read`` the sum; problems carry a ``file`` column.
    """
    if engine not in ("local", "dask"):
        raise ValueError(f"engine={engine!r}: 'local' or 'dask'")
    how = _How(rules or Rules(), as_of or dt.date.today(), encoding, sheet)
    files = expand(paths)
    if engine == "dask":
        outs, parts = _on_dask(files, how, scheduler, part_bytes)
    else:
        outs = _in_order(files, how)
        parts = [_Part(f, i, i) for i, f in enumerate(files)]
    total = sum((o.tally for o in outs[1:]), outs[0].tally)
    given = [paths] if isinstance(paths, str | Path) else list(paths)
    total = replace(total, source=" ".join(map(str, given)), sheet=outs[0].meta.sheet)
    problems = sort_problems(pd.concat([o.problems for o in outs], ignore_index=True))
    problems = _decode(problems, files, *_slots(parts, outs))
    notes = list(dict.fromkeys(n for o in outs for n in o.meta.notes))  # each file's reading notes, once
    meta = replace(outs[0].meta, source=total.source, sha256=None, notes=notes)
    return Result(meta, None, total, problems)


@dataclass(frozen=True)
class _How:
    """What every partition is read and classified with."""

    rules: Rules
    as_of: dt.date
    encoding: str | None
    sheet: str | int | None


@dataclass
class _Part:
    """A file, or bytes ``start``–``end`` of one (``plan`` set), and its slot in the row codes."""

    path: str
    file: int
    slot: int
    k: int = 0
    start: int = 0
    end: int = 0
    last: bool = True
    plan: P.TextPlan | None = None


@dataclass
class _Out:
    """One partition's tally, problems (coded rows), metadata and record count."""

    tally: Tally
    problems: pd.DataFrame
    meta: Roster
    records: int = 0
    ids: int = 0  # first-seen IDs it holds


def _in_order(files: list[str], how: _How) -> list[_Out]:
    """The reference: each file classified in turn against every ID of the files before it."""
    seen = DuplicateIndex()
    return [_fold(path, i, how, seen)[0] for i, path in enumerate(files)]


def _fold(path: str, slot: int, how: _How, seen: DuplicateIndex, keys: bool = False):
    """One whole file as one machine reads it (a text file over 64 MB in chunks), classified
    against ``seen``; its ``_Out`` and, with ``keys``, its first-seen ID keys and rows."""
    big = Path(path).suffix.lower() in TEXT.suffixes and _size(path) > CHUNK_BYTES
    sheet = how.sheet if Path(path).suffix.lower() in SPREADSHEET.suffixes else None
    chunks = iter_roster(path, sheet=sheet, encoding=how.encoding, rules=how.rules, chunk_rows=CHUNK_ROWS if big else None)  # fmt: skip
    tallies, problems, found, meta = [], [], [], None
    for roster in chunks:
        roster.rows = np.asarray(roster.rows, dtype=np.int64) + slot * FILE_ROWS
        result = classify(roster, how.rules, how.as_of, seen=seen)
        if keys:
            found.append(first_ids(result))
        tallies.append(tally(result))
        problems.append(result.problems)
        meta = meta or roster.without_rows()
    out = _Out(sum(tallies[1:], tallies[0]), pd.concat(problems, ignore_index=True), meta)
    return out, _joined(found)


def _joined(found: list) -> tuple[np.ndarray, np.ndarray]:
    if not found:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate([k for k, _ in found]), np.concatenate([r for _, r in found])


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0  # the reader explains a missing file


def _seen(hits: tuple[np.ndarray, np.ndarray] | None) -> DuplicateIndex:
    """An index of the IDs this partition repeats from earlier ones, at their first rows."""
    seen = DuplicateIndex()
    if hits is not None and len(hits[0]):
        order = np.argsort(hits[0], kind="stable")
        seen.runs = [(hits[0][order], hits[1][order])]
    return seen


def _partition(part: _Part, how: _How, hits=None):
    """One partition on a worker: ``(_Out, keys, rows)`` with its first-seen ID keys, or a
    ``Redo``, or the reading error (a value: not retried, not logged by the worker).

    ``hits`` — the IDs of the partition first seen in earlier ones, with their first rows —
    classifies it against them. A worker that dies is replaced and its tasks rerun.
    """
    try:
        if part.plan is None:
            out, (keys, rows) = _fold(part.path, part.slot, how, _seen(hits), keys=True)
        else:
            got = P.read_part(part.plan, part.k, part.start, part.end, part.last)
            if isinstance(got, P.Redo):
                return got
            roster, records = got
            roster.rows = roster.rows + part.slot * FILE_ROWS
            result = classify(roster, how.rules, how.as_of, seen=_seen(hits))
            keys, rows = first_ids(result)
            out = _Out(tally(result), result.problems, roster.without_rows(), records)
    except JiekunError as e:
        return e
    out.ids = len(keys)
    return out, keys, rows


def _brief(done):
    """What the client gathers of a partition: all but its ID keys."""
    return done[0] if isinstance(done, tuple) else done


def _ids(done) -> tuple[np.ndarray, np.ndarray]:
    """A partition's first-seen ID keys and their (coded) rows."""
    return np.asarray(done[1], dtype=np.int64), np.asarray(done[2], dtype=np.int64)


def _id_frame(done) -> pd.DataFrame:
    keys, rows = _ids(done)
    return pd.DataFrame({"key": keys, "row": rows})


def _on_dask(files: list[str], how: _How, scheduler: str | None, part_bytes: int):
    """Classify every partition on the cluster, then again those repeating an earlier one's IDs."""
    try:
        from distributed import Client
    except ImportError:
        raise InputError.say("cli", "no_dask") from None

    cluster = local_cluster() if scheduler is None else None
    try:
        with Client(scheduler or cluster) as client:
            parts = _plan(client, files, how, part_bytes)
            futs = {id(p): client.submit(_partition, p, how, pure=False) for p in parts}
            outs = client.gather([client.submit(_brief, futs[id(p)], pure=False) for p in parts])
            parts, outs = _settle(client, parts, outs, futs, how)
            done = [futs[id(p)] for p in parts]
            walk = sum(o.ids for o in outs) <= WALK_IDS
            hits = _hits_walk(client, done) if walk else _hits_shuffle(client, done)
            again = {i: client.submit(_partition, parts[i], how, hits[parts[i].slot], pure=False)
                     for i in range(len(parts)) if parts[i].slot in hits}  # fmt: skip
            for i, done_again in zip(again, client.gather(list(again.values())), strict=True):
                outs[i] = _brief(done_again)
    finally:
        if cluster is not None:
            cluster.close()
    return outs, parts


def local_cluster(n_workers: int | None = None):
    """A ``distributed.LocalCluster`` of one single-threaded worker process per core.

    Its workers keep glibc's own ``malloc`` trimming: Dask's default
    ``MALLOC_TRIM_THRESHOLD_=65536`` returns memory to the system after every large frame,
    and took 70 % more CPU on 10M rows here (docs/scale.md, "Measured").
    """
    import dask
    from distributed import LocalCluster

    with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}):
        return LocalCluster(
            n_workers=n_workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            silence_logs=logging.ERROR,
            dashboard_address=":0",
        )


def _plan(client, files: list[str], how: _How, part_bytes: int) -> list[_Part]:
    """The partitions, in file order: a text file longer than ``part_bytes`` cut where its
    scans allow (planned and scanned on the workers), every other file whole."""
    slot, parts, pending = 0, [], {}
    for i, path in enumerate(files):
        size = _size(path)
        if Path(path).suffix.lower() in TEXT.suffixes and size > part_bytes:
            spans = P.ranges(size, part_bytes)
            plan = client.submit(P.plan, path, path, how.encoding, how.rules, pure=False)
            scans = [client.submit(P.scan, path, a, b, pure=False) for a, b in spans]
            pending[i] = (plan, scans, size, slot)
            slot += len(spans)
        else:
            slot += 1
        parts.append(_Part(path, i, slot - 1))
    out = []
    for i, part in enumerate(parts):
        if i not in pending:
            out.append(part)
            continue
        plan, scans, size, base = pending[i]
        plan = plan.result()
        out.extend(_cut(part, base, plan, P.cuts(plan, size, client.gather(scans))) if plan else [part])
    return out


def _cut(part: _Part, base: int, plan: P.TextPlan, spans: list[tuple[int, int]]) -> list[_Part]:
    n = len(spans)
    return [replace(part, slot=base + k, k=k, start=a, end=b, last=k == n - 1, plan=plan)
            for k, (a, b) in enumerate(spans)]  # fmt: skip


def _settle(client, parts: list[_Part], outs: list, futs: dict, how: _How):
    """Raise the first reading error; read again the files a partition could not be read
    alone in (``Redo``): whole, or every partition with the body's encoding."""
    while True:
        for o in outs:
            if isinstance(o, JiekunError):
                raise o
        redo = {parts[i].file: o for i, o in enumerate(outs) if isinstance(o, P.Redo)}
        if not redo:
            return parts, outs
        kept = []
        for p, o in zip(parts, outs, strict=True):
            r = redo.get(p.file)
            if r is None:
                kept.append((p, o))
            elif r.encoding is not None:
                kept.append((replace(p, plan=replace(p.plan, encoding=r.encoding)), None))
            elif p.k == 0:
                kept.append((replace(p, plan=None, end=0, last=True), None))
        again = {}
        for p, o in kept:
            if o is None:
                futs[id(p)] = client.submit(_partition, p, how, pure=False)
                again[id(p)] = client.submit(_brief, futs[id(p)], pure=False)
        got = dict(zip(again, client.gather(list(again.values())), strict=True))
        parts = [p for p, _ in kept]
        outs = [got[id(p)] if o is None else o for p, o in kept]


def _hits_walk(client, done: list) -> dict:
    """The IDs each partition repeats from earlier ones: every first-seen key gathered here."""
    index, out = DuplicateIndex(), {}
    for k, r in client.gather([client.submit(_ids, d, pure=False) for d in done]):
        if len(k):
            before = index.lookup(k)
            if (m := before >= 0).any():
                out[int(r[0]) // FILE_ROWS] = (k[m], before[m])
            index.first_rows(k, r)
    return out


def _hits_shuffle(client, done: list) -> dict:
    """The same, by a shuffle of ``(key, row)`` on the key across the cluster: only the
    repeats come back to the client."""
    import dask.dataframe as dd

    frames = [client.submit(_id_frame, d, pure=False) for d in done]
    meta = pd.DataFrame({"key": np.zeros(0, np.int64), "row": np.zeros(0, np.int64)})
    ids = dd.from_delayed(frames, meta=meta, verify_meta=False)
    found = (
        ids.shuffle("key", npartitions=max(len(frames), 1)).map_partitions(_repeats, meta=_REPEATS).compute()
    )
    slot = found["row"].to_numpy() // FILE_ROWS
    return {int(s): (g["key"].to_numpy(), g["first"].to_numpy()) for s, g in found.groupby(slot)}


_REPEATS = pd.DataFrame(
    {"key": np.zeros(0, np.int64), "row": np.zeros(0, np.int64), "first": np.zeros(0, np.int64)}
)


def _repeats(ids: pd.DataFrame) -> pd.DataFrame:
    """The rows of one shuffle partition whose key has an earlier row (a smaller code), with that row."""
    first = ids.groupby("key")["row"].transform("min")
    later = ids["row"] != first
    return ids[later].assign(first=first[later])


def _slots(parts: list[_Part], outs: list[_Out]) -> tuple[np.ndarray, np.ndarray]:
    """For each slot, its file and the records before it in that file."""
    n = max(p.slot for p in parts) + 1
    file_of, offset = np.zeros(n, np.int64), np.zeros(n, np.int64)
    before = 0
    for p, o in zip(parts, outs, strict=True):
        before = 0 if p.k == 0 else before
        file_of[p.slot], offset[p.slot] = p.file, before
        before += o.records
    return file_of, offset


def _decode(
    problems: pd.DataFrame, files: list[str], file_of: np.ndarray, offset: np.ndarray
) -> pd.DataFrame:
    """Coded row numbers back to (file, row); an earlier row in another file as ``file:row``."""
    coded = problems["row"].to_numpy(dtype=np.int64)
    slot = coded // FILE_ROWS
    at = file_of[slot]
    out = problems.assign(row=coded % FILE_ROWS + offset[slot])
    out.insert(0, "file", np.asarray(files, dtype=object)[at] if len(files) else [])
    dup = out["code"].isin(["duplicate_id", "possible_duplicate"]).to_numpy()
    detail = pd.to_numeric(out["detail"].where(dup), errors="coerce")
    coded_detail = detail.notna().to_numpy() & dup
    if coded_detail.any():
        d = detail[coded_detail].to_numpy(dtype=np.int64)
        src = file_of[d // FILE_ROWS]
        row = (d % FILE_ROWS + offset[d // FILE_ROWS]).astype(str)
        same = src == at[coded_detail]
        names = np.asarray(files, dtype=object)[src]
        out.loc[coded_detail, "detail"] = np.where(same, row, names + ":" + row)
    return out
