"""One call for ``jiekun match``: read the roster and the reference list once each, and match them.

The matching itself is :mod:`jiekun.model.matching`; each file is read with
:func:`jiekun.io.reading.load_roster` (the same aliases, header detection and
encodings as a roster). See docs/match.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from jiekun.errors import InputError
from jiekun.io.reading import load_roster
from jiekun.model.matching import (
    REFERENCE_KINDS,
    Match,
    detect_reference_kind,
    join,
    make_side,
    use_id_column,
)
from jiekun.model.roster import Roster
from jiekun.model.rules import Rules
from jiekun.text import LANGS, words

__all__ = ["match"]


def match(
    roster: str | Path,
    reference: str | Path,
    *,
    rules: Rules | None = None,
    as_of: dt.date | None = None,
    on: str | Sequence[str] | None = None,
    reference_kind: str | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
    reference_sheet: str | int | None = None,
    reference_encoding: str | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> Match:
    """Match a roster with a reference list (低保 list, archive…) by validated ID number.

    ``on`` names the ID column (a header as written in the file, or several to try
    in turn) when header detection picks the wrong one; a file without such a
    column keeps the one detected. ``reference_kind`` is "dibao" or "generic"; by
    default "dibao" when the reference's file name, sheet name or a title row says
    低保. ``on_stage`` is called with "read_roster", "read_reference" and "match".
    Raises ``InputError`` when a file cannot be read or has no ID column.

    >>> m = match("samples/survey-roster.xlsx", "samples/dibao-reference.csv")  # doctest: +SKIP
    >>> m.to_json()["both"]
    44
    """
    stage = on_stage or (lambda key: None)
    rules = rules or Rules()
    as_of = as_of or dt.date.today()
    names = [on] if isinstance(on, str) else list(on or ())
    names = [n for n in (x.strip() for x in names) if n]
    if reference_kind is not None and reference_kind not in REFERENCE_KINDS:
        raise ValueError(f"reference_kind must be one of {REFERENCE_KINDS}, not {reference_kind!r}")

    stage("read_roster")
    r_roster = _read(roster, "roster", rules, sheet, encoding, names)
    stage("read_reference")
    f_roster = _read(reference, "reference", rules, reference_sheet, reference_encoding, names)
    if names and r_roster.how.get("id") != "option" and f_roster.how.get("id") != "option":
        raise InputError.say(
            "match",
            "on_not_found",
            names="、".join(names),
            roster="、".join(map(str, r_roster.data.columns)),
            reference="、".join(map(str, f_roster.data.columns)),
        )
    left = make_side(r_roster, "roster", rules, as_of)
    right = make_side(f_roster, "reference", rules, as_of)

    stage("match")
    if reference_kind is None:
        kind, where, text, word = detect_reference_kind(f_roster)
    else:
        kind, where, text, word = reference_kind, "option", "", ""
    return join(left, right, kind, (where, text, word), rules, as_of)


def _read(
    path: str | Path,
    role: str,
    rules: Rules,
    sheet: str | int | None,
    encoding: str | None,
    on: Sequence[str],
) -> Roster:
    """Read one side, with the ID column ``on`` names when it has one; ``InputError`` without an ID column."""
    roster = load_roster(
        path, sheet=sheet, encoding=encoding, rules=rules, require="roster" if role == "roster" else "list"
    )
    if on:
        chosen = use_id_column(roster, on)
        if chosen is not None:
            return chosen
    if "id" not in roster.fields:
        raise InputError(
            {
                lang: words("match", lang)["no_id_column"].format(
                    what=words("match", lang)["what"][role],
                    source=roster.source,
                    columns="、".join(str(c) for c in roster.data.columns),
                )
                for lang in LANGS
            }
        )
    return roster
