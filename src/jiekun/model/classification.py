"""Classification: per-capita income, tier, age, gender, groups — one vectorised pass.

``classify`` is a pure function of the roster's text cells, the rules and the
as-of date. It never raises for a bad cell: each finding becomes a problem
record. Each rule lives in its own module (docs/design.md, "Where each rule
lives"): row kinds in :mod:`~jiekun.model.row_kinds`, duplicates in
:mod:`~jiekun.model.duplicates`, ID problems in :mod:`~jiekun.model.id_findings`,
income and tiers in :mod:`~jiekun.model.per_capita`, age and gender in
:mod:`~jiekun.model.age_gender`, the survey groups in :mod:`~jiekun.model.groups`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jiekun.model.age_gender import age_gender
from jiekun.model.cells import Cells
from jiekun.model.duplicates import DuplicateIndex, comparable, id_numbers, sorted_keys
from jiekun.model.groups import groups
from jiekun.model.household import household
from jiekun.model.id_findings import id_findings
from jiekun.model.ids import check_ids
from jiekun.model.per_capita import per_capita
from jiekun.model.problems import sort_problems
from jiekun.model.review import review
from jiekun.model.roster import Roster
from jiekun.model.row_kinds import DUPLICATE, KINDS, WORKER, row_kinds
from jiekun.model.rules import Rules
from jiekun.model.values import as_text


@dataclass
class Classified:
    """The classified roster: one row per row read, plus the problem records."""

    roster: Roster
    rules: Rules
    as_of: dt.date
    frame: pd.DataFrame
    problems: pd.DataFrame
    household: dict | None = None  # with a member list: the counts of docs/household.md

    @property
    def workers(self) -> pd.DataFrame:
        """The counted workers (duplicates and non-worker rows excluded)."""
        return self.frame[self.frame["kind"] == WORKER]


def first_ids(result: Classified) -> tuple[np.ndarray, np.ndarray]:
    """The ID keys and rows of the counted workers whose ID can repeat (for cross-chunk duplicates).

    Sorted by key, distinct (a worker's ID is the first of its kind in the chunk), so the
    caller can look them up and add them to a :class:`DuplicateIndex` without sorting.
    """
    f = result.frame
    m = (f["kind"] == WORKER).to_numpy() & comparable(f["id_status"], f["id"])
    return sorted_keys(id_numbers(f["id"][m]), f["row"].to_numpy()[m])


def classify(
    roster: Roster,
    rules: Rules | None = None,
    as_of: dt.date | None = None,
    *,
    seen: DuplicateIndex | None = None,
    members: Roster | None = None,
) -> Classified:
    """Classify every row of a roster; pure and vectorised (docs/design.md, "Data flow").

    ``seen`` carries the IDs of earlier chunks of the same file, so a duplicate is
    found across chunks too (it is updated with this chunk's IDs). ``members``: a member
    list (家庭成员) whose sizes and incomes replace the stated ones (docs/household.md).

    >>> result = classify(load_roster("samples/survey-roster.xlsx"), Rules(), dt.date(2025, 12, 31))  # doctest: +SKIP
    """
    rules = rules or Rules()
    as_of = as_of or dt.date.today()
    c = Cells(roster)
    ids = check_ids(c.text("id")) if c.has("id") else None
    kind = row_kinds(c, ids, seen)
    person = kind == KINDS.index(WORKER)
    examine = person | (kind == KINDS.index(DUPLICATE))
    if ids is not None:
        id_findings(c, ids, examine)
    hh = household(c, ids, person, members) if members is not None else None
    tier, income = per_capita(c, rules, examine, hh)
    male, age = age_gender(c, ids, rules, as_of, examine, person)
    keys, group, edu, causes = groups(c, rules, male, age, examine)
    filed = review(c, rules, tier, examine, person)  # the filed category against the tier (docs/review.md)
    frame = pd.DataFrame(
        {
            "row": roster.rows,
            "kind": pd.Categorical.from_codes(kind, categories=KINDS),
            "id": ids["id"] if ids is not None else as_text(c.empty),
            "id_status": ids["status"] if ids is not None else as_text(c.empty),
            "name": as_text(c.text("name")),
            "per_capita": income,
            "tier": tier,
            "age": age,
            "male": male,
            "age_group": pd.Categorical.from_codes(group, categories=keys),
            "education": edu.astype("category"),
            "causes": causes.astype("category"),
            "employer": as_text(c.text("employer")),
            "community": as_text(c.text("community")),
            "review": filed,
        },
        index=c.idx,
    )
    if hh is None:
        return Classified(roster, rules, as_of, frame, c.P.frame())
    frame["members_in_school"], frame["members_ill"] = hh.in_school, hh.ill
    mine = c.P.frame()
    if "sheet" not in mine.columns:  # both lists' rows are cited, each with its sheet
        mine.insert(0, "sheet", roster.sheet or roster.path.name)
    problems = sort_problems(pd.concat([mine, hh.problems], ignore_index=True))
    return Classified(roster, rules, as_of, frame, problems, hh.summary(person))
