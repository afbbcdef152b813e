"""One call for ``jiekun cards``: read the roster (and the ledger) once each, classify, pick the cards.

The roster is read and classified as for ``classify``; the ledger, when given, is read
and cut to the period by ``jiekun assist``'s reader and counter
(:mod:`jiekun.pipeline.assist`), so its columns, kinds and amounts mean the same
there and on a card. Writing the document is :func:`jiekun.report.cards.cards`.
See docs/cards.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from jiekun.io.reading import load_roster
from jiekun.model.assist import AssistResult
from jiekun.model.assist import assist as count_help
from jiekun.model.assist_ledger import KIND_KEYS
from jiekun.model.cards import Card, cards_from
from jiekun.model.classification import Classified, classify
from jiekun.model.rules import Rules
from jiekun.pipeline.assist import period_of, read_ledger
from jiekun.text import words

__all__ = ["CardSet", "build_cards"]


@dataclass
class CardSet:
    """The cards of one roster, and what they were made from."""

    cards: list[Card]
    classified: Classified
    only: str
    ledger_source: str | None = None
    start: dt.date | None = None  # the ledger's period (None: open)
    end: dt.date | None = None
    help_rows: int = 0  # ledger rows in the period (every worker, on a card or not)
    path: Path | None = None  # the document, once written

    @property
    def with_help(self) -> int:
        """Cards that show at least one act of help."""
        return sum(1 for c in self.cards if c.help_rows)


def help_rows(ledger: str | Path, rules: Rules, lang: str, **read) -> tuple[pd.DataFrame, AssistResult]:
    """The ledger's acts of help in the period: id, date, kind (its label), acts, fen; and the count.

    ``read`` takes ``period_from``, ``period_to``, ``sheet``, ``encoding``.
    """
    start, end = read.pop("period_from", None), read.pop("period_to", None)
    led = read_ledger(ledger, rules=rules, **read)
    counted = count_help(led, period_from=start, period_to=end, kinds_extra=rules.assist_kinds)
    labels = words("assist", lang)["kind"]
    rows = counted.rows
    kind = pd.Series(rows["kind"].to_numpy()).map(lambda k: labels[KIND_KEYS[k]] if k >= 0 else "")
    frame = pd.DataFrame(
        {
            "id": rows["id"].to_numpy(dtype=object),
            "date": pd.to_datetime(pd.Series(rows["date"].to_numpy())),
            "kind": kind.to_numpy(dtype=object),
            "acts": rows["acts"].to_numpy(),
            "fen": rows["fen"].to_numpy(),
        }
    )
    return frame, counted


def build_cards(
    roster: str | Path,
    *,
    ledger: str | Path | None = None,
    period_from: dt.date | None = None,
    period_to: dt.date | None = None,
    only: str = "hardship",
    full_ids: bool = False,
    rules: Rules | None = None,
    as_of: dt.date | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
    ledger_sheet: str | int | None = None,
    ledger_encoding: str | None = None,
    lang: str = "zh",
) -> CardSet:
    """The cards of the roster's workers in hardship (含特困; ``only="extreme"``: 特困 only), in roster order.

    Contacts come from the roster's 帮扶责任人 / 责任人电话 columns, else the rules file's
    ``[cards.contacts]`` for the employer, else its ``[cards]`` contact. With ``ledger``,
    each card shows the help received in the period (``period_from``–``period_to``,
    inclusive; default the whole ledger). The roster is classified as of ``as_of``
    (default today); ``sheet``/``encoding`` are the roster's, ``ledger_sheet``/``ledger_encoding``
    the ledger's. Raises ``InputError`` for a file that cannot be read.
    """
    rules = rules or Rules()
    start, end = period_of(period_from, period_to, None)
    classified = classify(
        load_roster(roster, sheet=sheet, encoding=encoding, rules=rules), rules, as_of or dt.date.today()
    )
    ledger_rows, counted = None, None
    if ledger is not None:
        ledger_rows, counted = help_rows(
            ledger,
            rules,
            lang,
            period_from=start,
            period_to=end,
            sheet=ledger_sheet,
            encoding=ledger_encoding,
        )
    made = cards_from(
        classified,
        only=only,
        ledger_rows=ledger_rows,
        contacts=rules.cards.contact_table(),
        hotline=rules.cards.hotline,
        full_ids=full_ids,
        lang=lang,
    )
    return CardSet(
        made,
        classified,
        only,
        ledger_source=str(ledger) if ledger is not None else None,
        start=counted.start if counted is not None else start,
        end=counted.end if counted is not None else end,
        help_rows=len(ledger_rows) if ledger_rows is not None else 0,
    )
