"""One call per job: read, classify and tally a roster file."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from jiekun.errors import InputError
from jiekun.io.reading import format_of_suffix, iter_roster, load_roster, read_companion
from jiekun.model import household as H
from jiekun.model.classification import Classified, classify, first_ids
from jiekun.model.duplicates import DuplicateIndex
from jiekun.model.problems import sort_problems
from jiekun.model.roster import Roster
from jiekun.model.rules import Rules
from jiekun.model.tallies import Tally, tally
from jiekun.pipeline.pool import in_order
from jiekun.text import words

#: Text rosters larger than this are read, classified and tallied in chunks (bounded memory).
CHUNK_BYTES = 64 << 20
CHUNK_ROWS = 50_000


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
        """The summary object (docs/design.md, "The summary JSON"); ``household`` with a member list."""
        out = self.tally.to_json(lang)
        if self.classified is not None and self.classified.household is not None:
            out["household"] = self.classified.household  # docs/household.md
        return out


def summarize(
    path: str | Path,
    *,
    rules: Rules | None = None,
    as_of: dt.date | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
    on_stage: Callable[[str], None] | None = None,
    chunk_rows: int | None = None,
    members: str | Path | None = None,
) -> Result:
    """Read, classify and tally one roster file (its bytes are read once).

    A text file over 64 MB (or any file, with ``chunk_rows``) is streamed in chunks
    whose tallies are summed; duplicates are still found across chunks.
    ``on_stage`` is called with "read" and "classify" (and "rows" counts) for progress.
    ``members``: a member list (家庭成员) file; without it a workbook's own member sheet
    is used when it has one (docs/household.md). A member list reads the roster whole.

    >>> summarize("samples/survey-roster.xlsx", as_of=dt.date(2025, 12, 31)).tally.hardship  # doctest: +SKIP
    3456
    """
    stage = on_stage or (lambda key: None)
    rules = rules or Rules()
    as_of = as_of or dt.date.today()
    chunk_rows = 0 if members else (chunk_rows or _chunk_rows(Path(path)))
    stage("read")
    if not chunk_rows:
        roster = next(iter_roster(path, sheet=sheet, encoding=encoding, rules=rules))
        listed = read_members(members, rules=rules) if members else members_sheet(roster, rules)
        stage("classify")
        result = classify(roster, rules, as_of, members=listed)
        if listed is not None and result.household is not None:  # say which list was used
            w, h = words("household"), result.household
            where = listed.source if members else w["in_sheet"].format(name=listed.sheet)
            roster.notes.append(w["read"].format(where=where, n=h["members"], households=h["households"]))
        return Result(roster, result, tally(result), result.problems)
    chunks = iter_roster(path, sheet=sheet, encoding=encoding, rules=rules, chunk_rows=chunk_rows)
    return _summarize_chunks(chunks, rules, as_of, stage)


def read_members(
    path: str | Path,
    *,
    rules: Rules | None = None,
    sheet: str | int | None = None,
    inside: Roster | None = None,
) -> Roster:
    """Read a member list (家庭成员) with every cell as text, its columns found like a roster's.

    ``inside``: the roster whose workbook holds the list as its sheet ``sheet`` (read
    from what the reader already holds). Such a sheet must also name the worker's ID
    (职工身份证号/户主身份证号) or the relation (与职工关系), which a roster lacks, and four
    member columns, so that the roster's own sheet is never taken for it.
    """
    rules = rules or Rules()
    aliases = {f: a for f, a in rules.aliases.items() if f in H.MEMBER_FIELDS}

    def missing(fields) -> list[str]:
        lack = H.member_missing(fields)
        if inside and "worker_id" not in fields and "relation" not in fields:
            lack.append(H.MEMBER_FIELDS["relation"][0])
        return lack

    catalogue = dict(
        rules=replace(rules, aliases=aliases), fields=H.MEMBER_FIELDS, word_rules=H.MEMBER_WORD_RULES
    )
    if inside is not None:
        return read_companion(inside, str(sheet), required=missing, least=4, **catalogue)
    return load_roster(path, sheet=sheet, required=missing, least=3, **catalogue)


#: Formats that are workbooks (may hold a 家庭成员 sheet beside the roster).
_WORKBOOKS = {"xlsx", "xlsm", "xlsb", "xls", "ods"}


def members_sheet(roster: Roster, rules: Rules) -> Roster | None:
    """The roster workbook's own member sheet (found by its header), or None.

    Looked for only among the other sheets the roster reader saw a header on
    (``roster.other_sheets``), in the tables it already holds: the file is read once.
    """
    if roster.format not in _WORKBOOKS or roster.sheets is not None:
        return None
    names = roster.other_sheets
    for name in names:
        try:
            found = read_members(roster.path, rules=rules, sheet=name, inside=roster)
        except InputError:
            continue
        if names == [name]:  # the one other sheet is the member list: no hint to read it as a roster
            w = words("io")
            hint = w["other_sheets"].format(names=name, n=2)
            roster.notes[:] = [n for n in roster.notes if n != hint]
        return found
    return None


def _chunk_rows(path: Path) -> int | None:
    """Rows per chunk for a file too large to hold at once, None for one read in full."""
    fmt = format_of_suffix(path.suffix)
    try:
        return CHUNK_ROWS if fmt and fmt.stream and path.stat().st_size > CHUNK_BYTES else None
    except OSError:
        return None  # load_roster explains a missing or unreadable file


def _summarize_chunks(
    chunks: Generator[Roster, None, str], rules: Rules, as_of: dt.date, stage: Callable[[str], None]
) -> Result:
    """Classify chunks in worker processes and fold them in, in file order.

    A chunk whose IDs repeat earlier ones is classified again here, against every
    ID seen before it, so duplicates are found across chunks.
    """
    seen = DuplicateIndex()
    first: Roster | None = None
    total: Tally | None = None
    problems = []
    rows = 0
    sha256: str | None = None

    def jobs() -> Iterator[tuple[Roster, Rules, dt.date]]:
        nonlocal sha256
        try:
            while True:
                yield next(chunks), rules, as_of
        except StopIteration as end:  # the reader returns the digest of the whole file
            sha256 = end.value

    for (chunk, _, _), (t, probs, keys, key_rows) in in_order(
        _classify_chunk, jobs(), workers=min(os.cpu_count() or 1, 4), window=WINDOW
    ):
        if (seen.lookup(keys) >= 0).any():
            result = classify(chunk, rules, as_of, seen=seen)
            t, probs = tally(result), result.problems
        else:
            seen.add(keys, key_rows)
        total = t if total is None else total + t
        problems.append(probs)
        first = first or chunk.without_rows()
        rows += chunk.rows_read
        stage(f"rows:{rows}")
        del chunk  # not held while the next chunk is read
    assert first is not None and total is not None
    first.sha256 = sha256
    return Result(first, None, total, sort_problems(pd.concat(problems, ignore_index=True)))


WINDOW = 2  # chunks in flight beyond the one being folded in (bounds memory)


def _classify_chunk(chunk: Roster, rules: Rules, as_of: dt.date):
    """Classify one chunk on its own: its tally, problems, and the IDs it saw first (for duplicates)."""
    result = classify(chunk, rules, as_of)
    keys, key_rows = first_ids(result)
    return tally(result), result.problems, keys, key_rows
