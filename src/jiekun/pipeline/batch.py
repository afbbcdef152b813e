"""Reading a monthly series: ``jiekun batch`` (a folder of months) and ``jiekun compare`` (two rosters).

Each file is read, classified and tallied in its own worker process
(:func:`read_series`, on :mod:`jiekun.pipeline.pool`), and only what the flows need
comes back: a :class:`~jiekun.model.flows.Month` (the tally and a reduced frame of
the counted workers). The flows are computed as the months arrive
(:mod:`jiekun.model.flows`), so memory holds few months at once.

>>> series = batch(["samples/monthly"])                       # doctest: +SKIP
>>> series.to_json()["flows"][0]["entered"]                   # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from jiekun.io.months import assign_months, end_of_month, month_from_name, roster_files
from jiekun.model.classification import WORKER
from jiekun.model.flows import REDUCED, FlowBuilder, Month, Series, series_flows, series_notes
from jiekun.model.rules import Rules
from jiekun.pipeline.pool import as_done
from jiekun.pipeline.summary import summarize

__all__ = ["Progress", "batch", "compare", "read_month", "read_series"]

#: ``on_file(done, total, rows_read_so_far)``, called as each file is finished (and every
#: ``TICK`` seconds while waiting, with the same figures, so a progress bar's clock moves).
Progress = Callable[[int, int, int], None]
TICK = 0.25


def read_month(
    source: str,
    month: str | None,
    as_of: dt.date,
    rules: Rules | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
) -> Month:
    """Read, classify and tally one roster, and reduce it to a :class:`Month`.

    Runs in a worker process of :func:`read_series`; what it returns is small
    (the tally and one row per counted worker with the :data:`REDUCED` columns).
    The file is read once: its SHA-256 is the one the reader took.
    """
    result = summarize(source, rules=rules, as_of=as_of, sheet=sheet, encoding=encoding)
    f = result.classified.frame
    reduced = f.loc[f["kind"].to_numpy() == WORKER, list(REDUCED)].reset_index(drop=True)
    reduced["id"] = reduced["id"].astype("str")  # compact (Arrow-backed where pyarrow is installed)
    roster = result.roster
    return Month(
        month=month,
        source=source,
        path=Path(source),
        sha256=roster.sha256 or "",
        as_of=as_of,
        tally=result.tally,
        frame=reduced,
        sheet=roster.sheet,
        format=roster.format,
        encoding=roster.encoding,
        header_row=roster.header_row,
        fields=dict(roster.fields),
        how=dict(roster.how),
        notes=list(roster.notes),
    )


def read_series(
    items: Sequence[tuple[str | None, str, dt.date]],
    *,
    rules: Rules | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
    workers: int | None = None,
    on_file: Progress | None = None,
    on_month: Callable[[int, Month], None] | None = None,
) -> list[Month]:
    """Read (month, source, as-of) rosters in parallel; returns the months in the order given.

    ``workers`` processes (default: one per core, at most one per file) each
    read one file at a time and return it reduced (:func:`read_month`), so
    memory holds one full roster per worker. ``workers=1`` reads in this
    process. ``on_month(i, month)`` is called here as each roster arrives (in
    any order), so a caller can use and release it early. The first unreadable
    file stops the run with its ``InputError``.
    """
    jobs = [(source, month, as_of, rules, sheet, encoding) for month, source, as_of in items]
    total = len(jobs)
    n = max(1, min(workers or os.cpu_count() or 1, total))
    done, rows = 0, 0
    out: list[Month | None] = [None] * total

    def tick() -> None:
        if on_file:
            on_file(done, total, rows)

    for i, m in as_done(read_month, jobs, workers=n, tick=TICK, on_tick=tick):
        out[i] = m
        done, rows = done + 1, rows + m.rows_read
        if on_month:
            on_month(i, m)
        tick()
    return out  # type: ignore[return-value]


def batch(
    paths: Sequence[str | Path],
    *,
    months: Sequence[str] | None = None,
    rules: Rules | None = None,
    as_of: dt.date | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
    workers: int | None = None,
    on_file: Progress | None = None,
    keep_frames: bool = False,
) -> Series:
    """Read a monthly series (a folder, or several files) and compute its flows.

    The month of each file comes from its name, or from ``months`` (one per
    file, in the order the files are given or listed). Ages are taken at the end
    of each roster's month unless ``as_of`` is given for all. The flows are
    computed as the months arrive; each month's reduced frame is emptied once
    its flows are done (memory stays bounded), unless ``keep_frames``.

    >>> s = batch(["samples/monthly"])  # doctest: +SKIP
    >>> [f["to"] for f in s.to_json()["flows"]][:2]  # doctest: +SKIP
    ['2025-02', '2025-03']
    """
    from jiekun.text import words

    rules = rules or Rules()
    notes: list[str] = []
    files = roster_files(paths, notes)
    tagged = assign_months(files, months)
    items = [(m, s, as_of or end_of_month(m)) for m, s, _ in tagged]
    builder = FlowBuilder(len(rules.tiers), keep=keep_frames, exit_after=rules.exit_after_months)
    read = read_series(items, rules=rules, sheet=sheet, encoding=encoding, workers=workers, on_file=on_file,
                       on_month=builder.add)  # fmt: skip
    if len(read) == 1:
        notes.append(words("flows")["note_one_month"])
    return Series(
        months=read,
        flows=builder.flows,
        rules=rules,
        as_of_rule=as_of.isoformat() if as_of else "end_of_month",
        notes=notes + series_notes(read),
    )


def compare(
    old: str | Path,
    new: str | Path,
    *,
    rules: Rules | None = None,
    as_of: dt.date | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
    workers: int | None = None,
    on_file: Progress | None = None,
) -> Series:
    """The flows between two rosters, OLD first (a two-roster :class:`Series`).

    Each roster's ages are taken at the end of the month its file name states;
    ``as_of`` (else today) is used for a file without a month, and for both
    when given. With no history before OLD, nobody can be ``returned``: a
    worker back in hardship counts as ``entered`` (use ``batch`` with the
    earlier months to see 返困).
    """
    from jiekun.text import words

    rules = rules or Rules()
    (s_old, p_old), (s_new, p_new) = roster_files([old, new])
    m_old, m_new = month_from_name(p_old.name), month_from_name(p_new.name)
    today = dt.date.today()

    def date_of(month: str | None) -> dt.date:
        return as_of or (end_of_month(month) if month else today)

    items = [(m_old, s_old, date_of(m_old)), (m_new, s_new, date_of(m_new))]
    read = read_series(items, rules=rules, sheet=sheet, encoding=encoding, workers=workers, on_file=on_file)
    by_month = m_old and m_new and m_old != m_new
    for m in read:
        m.label = m.month if by_month else Path(m.source).name  # type: ignore[assignment]
    if read[0].label == read[1].label:  # two files of the same name in different folders
        read[0].label, read[1].label = s_old, s_new
    notes = []
    if by_month and m_old > m_new:  # type: ignore[operator]
        notes.append(words("flows")["note_old_after_new"].format(old=m_old, new=m_new))
    rule = as_of.isoformat() if as_of else ("end_of_month" if m_old and m_new else "mixed")
    return Series(
        months=read,
        flows=series_flows(read, len(rules.tiers), rules.exit_after_months),
        rules=rules,
        as_of_rule=rule,
        notes=notes + series_notes(read),
        kind="compare",
    )
