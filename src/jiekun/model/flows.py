"""Monthly series and hardship flows (动态管理): the data and the arithmetic, no files.

A *series* is one roster per month, each reduced to a :class:`Month`: its
:class:`~jiekun.model.tallies.Tally` and a reduced frame of the counted workers
(Excel row, ID and its status, name, employer, per-capita income, tier);
:mod:`jiekun.pipeline.batch` reads them. The flows between consecutive months are
computed by ID number (:func:`flows_between`), vectorised over one factorisation
of both months' IDs.

Definitions (docs/flows.md has the full text). For months t−1 and t, with H =
hardship of any tier, E = the most severe tier, R = on the roster, by the
validated 18-digit ID (status ``ok`` or ``legacy15``; 15-digit IDs converted):

- entered 新增: in H(t), determined and not in H at t−1 (or not on the roster),
  and never in H in any month before t−1;
- returned 返困: the same, but in H in some month before t−1;
- exited 脱困: in H(t−1), on the roster at t, determined and not in H;
- left_roster 离册: in H(t−1), not on the roster at t;
- stayed 持续困难: in H(t−1) and in H(t); worsened 加重 and eased 减轻 are
  subsets of it (not-E → E, and E → not-E);
- untracked 无法追踪: a hardship worker whose flow cannot be known: a valid
  ID in H in one month and undetermined in the other, or a row without a
  valid ID that is in H in its own month (each such row once).

So H(t−1) = stayed + exited + left_roster + untracked on the t−1 side, and
H(t) = stayed + entered + returned + untracked on the t side; every flow
carries that check (:attr:`Flow.balanced`).

Exit after N months (``Rules.exit_after_months``, docs/flows.md): a worker of H
above the line is on watch (观察期, counted as stayed and ``on_watch``) until N
calendar months above it, then exited; the checks read H ∪ on watch. N = 1 is
the plain definitions above.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from jiekun.model.rules import Rules
    from jiekun.model.tallies import Tally

__all__ = [
    "DETAIL_COLUMNS",
    "FLOW_KEYS",
    "REDUCED",
    "UNDETERMINED",
    "UNKNOWN_TIER",
    "WATCH",
    "Flow",
    "FlowBuilder",
    "Month",
    "Series",
    "flow_label",
    "flows_between",
    "hardship_ids",
    "months_between",
    "series_flows",
    "series_notes",
]

#: The flows, in the order of the JSON object and of every table.
FLOW_KEYS = ("entered", "returned", "exited", "left_roster", "stayed", "worsened", "eased", "untracked")
#: The flow of workers above the line whose watch has not run N months (a part of stayed).
WATCH = "on_watch"
#: Tier codes of the reduced frames beyond the rules' tiers.
UNDETERMINED, ABSENT = -1, -2
VALID_ID = ("ok", "legacy15")
#: Columns of the reduced per-month frame (counted workers only).
REDUCED = ("row", "id", "id_status", "name", "employer", "per_capita", "tier")


# ------------------------------------------------------------------ one month


@dataclass
class Month:
    """One roster of a series, reduced to what the flows and the trend workbook need."""

    month: str | None  # YYYY-MM, or None (compare of files without a month in the name)
    source: str  # the path as the user gave it
    path: Path
    sha256: str
    as_of: dt.date
    tally: Tally
    frame: pd.DataFrame  # counted workers only: REDUCED columns
    sheet: str | None = None
    format: str = ""
    encoding: str | None = None
    header_row: int = 0
    fields: dict[str, str] = field(default_factory=dict)
    how: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    label: str = ""  # how tables and the JSON name this roster (month or file name)

    def __post_init__(self):
        if not self.label:
            self.label = self.month or Path(self.source).name

    @property
    def rows_read(self) -> int:
        return self.tally.rows_read

    @property
    def reconciled(self) -> bool:
        t = self.tally
        return t.rows_read == t.workers + t.duplicates + t.non_worker_rows

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        """The summary object of this roster (docs/design.md, "The summary JSON"), plus ``"month"``."""
        return {"month": self.label, **self.tally.to_json(lang)}


# ------------------------------------------------------------------ flows


@dataclass
class Flow:
    """The flows between two consecutive rosters of a series."""

    source: str  # label of the earlier roster ("from")
    target: str  # label of the later roster ("to")
    counts: dict[str, int]
    detail: pd.DataFrame  # one row per worker per flow (see DETAIL_COLUMNS)
    balanced: bool = True  # the two reconciliation identities hold
    before_hardship: int = 0  # H(t−1) and those on watch then (rows without a valid ID included)
    after_hardship: int = 0
    watching: pd.Series | None = None  # ID → months above the line so far, of those on watch at t

    def to_json(self) -> dict[str, Any]:
        """``{"from", "to", "entered", …, "untracked", "on_watch"}`` (docs/flows.md)."""
        return {"from": self.source, "to": self.target, **{k: self.counts[k] for k in (*FLOW_KEYS, WATCH)}}

    @property
    def untracked(self) -> pd.DataFrame:
        return self.detail[self.detail["flow"] == "untracked"]


#: Columns of Flow.detail.
DETAIL_COLUMNS = (
    "from",
    "to",
    "flow",
    "id",
    "id_status",
    "name",
    "employer",
    "per_capita_before",
    "per_capita_after",
    "tier_before",
    "tier_after",
    "row_before",
    "row_after",
    "reason",
)


def flows_between(
    before: pd.DataFrame,
    after: pd.DataFrame,
    n_tiers: int,
    earlier_hardship: set[str] | None = None,
    *,
    source: str = "",
    target: str = "",
    watch: pd.Series | None = None,
    exit_after: int = 1,
    months: int = 1,
) -> Flow:
    """The flows from roster ``before`` (month t−1) to roster ``after`` (month t).

    Both are reduced frames (:data:`REDUCED` columns, counted workers only).
    Tiers: 0..n_tiers−1 hardship (0 the most severe), n_tiers not in hardship,
    −1 undetermined. ``earlier_hardship`` holds the IDs in hardship in any month
    before t−1; without it nobody can be ``returned``. ``watch`` maps the IDs on
    watch at t−1 to their months above the line so far (:attr:`Flow.watching` of
    the flow before); ``months`` is the calendar months from t−1 to t, and a
    watch completes (exited) at ``exit_after`` months.

    The IDs of both months are factorised together, so every test below is a
    numpy operation on one array per month, indexed by ID code.
    """
    import numpy as np
    import pandas as pd

    p = _Pair(before, after, n_tiers)
    masks, run = p.masks(earlier_hardship or set(), watch, exit_after, months)
    bad_b, bad_a = _without_valid_id(before, p.vb, n_tiers), _without_valid_id(after, p.va, n_tiers)
    counts = {key: int(v.sum()) for key, v in masks.items()}
    counts["untracked"] += len(bad_b) + len(bad_a)

    # the two identities: every hardship worker of either month is accounted for once
    kb, ha, tb, ta = p.kb, p.ha, p.tb, p.ta  # kb: in H at t−1 or on watch then
    unt_b = int((kb & (ta == UNDETERMINED)).sum()) + len(bad_b)
    unt_a = int(((tb == UNDETERMINED) & ha).sum()) + len(bad_a)
    h_before = int(kb.sum()) + len(bad_b)
    h_after = int(ha.sum()) + counts[WATCH] + len(bad_a)
    balanced = (
        h_before == counts["stayed"] + counts["exited"] + counts["left_roster"] + unt_b
        and h_after == counts["stayed"] + counts["entered"] + counts["returned"] + unt_a
    )
    detail = _detail(p, masks, [(before, bad_b, "before"), (after, bad_a, "after")])
    detail["from"], detail["to"] = source, target
    order = {key: i for i, key in enumerate((*FLOW_KEYS, WATCH))}
    detail["_o"] = detail["flow"].map(order).astype(np.int64)
    detail = detail.sort_values(["_o", "id", "row_before", "row_after"], kind="stable", na_position="last")
    detail = detail.reset_index(drop=True)[list(DETAIL_COLUMNS)]
    on = masks[WATCH]
    watching = pd.Series(run[on], index=pd.Index(p.uniques[on], dtype=object), dtype="int64")
    return Flow(source, target, counts, detail, balanced, h_before, h_after, watching)


class _Pair:
    """Two months' reduced frames over one factorisation of their valid IDs.

    ``tb``/``ta`` hold each ID code's tier before/after (:data:`ABSENT` when the
    ID is not on that month's roster); ``pos_b``/``pos_a`` its row among the
    valid rows (−1 when absent; the first row wins).
    """

    def __init__(self, before: pd.DataFrame, after: pd.DataFrame, n_tiers: int):
        import numpy as np
        import pandas as pd

        self.before, self.after, self.n_tiers = before, after, n_tiers
        self.vb = before["id_status"].isin(VALID_ID).to_numpy()
        self.va = after["id_status"].isin(VALID_ID).to_numpy()
        ids_b = before["id"].to_numpy(dtype=object)[self.vb]
        ids_a = after["id"].to_numpy(dtype=object)[self.va]
        self.n_b, self.n_a = len(ids_b), len(ids_a)
        codes, self.uniques = pd.factorize(np.concatenate([ids_b, ids_a]))
        self.pos_b = self._positions(codes[: len(ids_b)])
        self.pos_a = self._positions(codes[len(ids_b) :])
        self.tb = self._tiers(before, self.vb, self.pos_b)
        self.ta = self._tiers(after, self.va, self.pos_a)
        self.hb = (self.tb >= 0) & (self.tb < n_tiers)
        self.ha = (self.ta >= 0) & (self.ta < n_tiers)

    def _positions(self, c: np.ndarray) -> np.ndarray:
        import numpy as np

        pos = np.full(len(self.uniques), -1, dtype=np.int64)
        pos[c[::-1]] = np.arange(len(c) - 1, -1, -1)
        return pos

    @staticmethod
    def _tiers(frame: pd.DataFrame, valid: np.ndarray, pos: np.ndarray) -> np.ndarray:
        import numpy as np

        tier = frame["tier"].to_numpy(dtype=np.int64)[valid]
        return np.where(pos >= 0, tier[np.maximum(pos, 0)] if len(tier) else ABSENT, ABSENT)

    def masks(
        self, earlier: set[str], watch: pd.Series | None, exit_after: int, months: int
    ) -> tuple[dict[str, np.ndarray], np.ndarray]:
        """For each flow, which ID codes are in it; and each code's months above the line at t."""
        import numpy as np

        n, tb, ta, hb, ha = self.n_tiers, self.tb, self.ta, self.hb, self.ha
        eb, ea = tb == 0, ta == 0
        run = np.zeros(len(self.uniques), dtype=np.int64)  # months above the line before t
        wb = np.zeros(len(self.uniques), dtype=bool)  # on watch at t−1
        if watch is not None and len(watch) and len(self.uniques):
            pos = watch.index.get_indexer(self.uniques)
            wb = (pos >= 0) & (tb == n)
            run[wb] = watch.to_numpy(dtype=np.int64)[pos[wb]]
        self.kb = kb = hb | wb
        run += months
        above = kb & (ta == n)
        done = above & (run >= exit_after)
        new = ha & ~kb & ((tb == n) | (tb == ABSENT))
        back = np.zeros(len(self.uniques), dtype=bool)
        if earlier:
            where = np.flatnonzero(new)
            back[where] = [self.uniques[i] in earlier for i in where]
        return {
            "entered": new & ~back,
            "returned": back,
            "exited": done,
            "left_roster": kb & (ta == ABSENT),
            "stayed": kb & (ha | (above & ~done)),
            "worsened": hb & ~eb & ea,
            "eased": eb & ha & ~ea,
            "untracked": (kb & (ta == UNDETERMINED)) | ((tb == UNDETERMINED) & ha),
            WATCH: above & ~done,
        }, run


def _without_valid_id(frame: pd.DataFrame, valid: np.ndarray, n_tiers: int) -> np.ndarray:
    """Rows in hardship in their own month without a valid ID (each is untracked once)."""
    import numpy as np

    tiers = frame["tier"].to_numpy(dtype=np.int64)
    return np.flatnonzero(~valid & (tiers >= 0) & (tiers < n_tiers))


def _detail(
    p: _Pair, masks: dict[str, np.ndarray], bad: list[tuple[pd.DataFrame, np.ndarray, str]]
) -> pd.DataFrame:
    """One row per worker per flow, gathered once for all flows, then the rows without a valid ID."""
    import numpy as np
    import pandas as pd

    picked = [(key, np.flatnonzero(v)) for key, v in masks.items() if v.any()]
    at = np.concatenate([ix for _, ix in picked]) if picked else np.zeros(0, dtype=np.int64)
    flow = np.repeat([key for key, _ in picked], [len(ix) for _, ix in picked]).astype(object)
    rb_pos, ra_pos = p.pos_b[at], p.pos_a[at]
    rows_b = np.flatnonzero(p.vb)[np.maximum(rb_pos, 0)] if p.n_b else np.zeros(len(at), np.int64)
    rows_a = np.flatnonzero(p.va)[np.maximum(ra_pos, 0)] if p.n_a else np.zeros(len(at), np.int64)
    has_b, has_a = rb_pos >= 0, ra_pos >= 0

    def take(frame: pd.DataFrame, col: str, rows: np.ndarray, has: np.ndarray, blank):
        values = frame[col].to_numpy(dtype=object if blank == "" else float, na_value=blank)
        out = values[rows] if len(values) else np.full(len(rows), blank, dtype=values.dtype)
        return np.where(has, out, blank)

    def side(name: str) -> np.ndarray:
        after_v = take(p.after, name, rows_a, has_a, "")
        return np.where(has_a, after_v, take(p.before, name, rows_b, has_b, ""))

    reason = np.full(len(at), "", dtype=object)
    reason[(flow == "untracked") & (p.ta[at] == UNDETERMINED)] = "undetermined_after"
    reason[(flow == "untracked") & (p.tb[at] == UNDETERMINED)] = "undetermined_before"
    parts = [
        pd.DataFrame(
            {
                "flow": flow,
                "id": p.uniques[at].astype(object) if len(at) else np.zeros(0, dtype=object),
                "id_status": side("id_status"),
                "name": side("name"),
                "employer": side("employer"),
                "per_capita_before": take(p.before, "per_capita", rows_b, has_b, np.nan),
                "per_capita_after": take(p.after, "per_capita", rows_a, has_a, np.nan),
                "tier_before": p.tb[at],
                "tier_after": p.ta[at],
                "row_before": take(p.before, "row", rows_b, has_b, np.nan),
                "row_after": take(p.after, "row", rows_a, has_a, np.nan),
                "reason": reason,
            }
        )
    ]
    parts += [_untracked_rows(frame, ix, side_name) for frame, ix, side_name in bad if len(ix)]
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]


def _untracked_rows(frame: pd.DataFrame, bad: np.ndarray, side_name: str) -> pd.DataFrame:
    """Detail rows of one month's hardship rows without a valid ID (the other side unknown)."""
    import numpy as np
    import pandas as pd

    other = "after" if side_name == "before" else "before"
    rows = frame.iloc[bad]
    return pd.DataFrame(
        {
            "flow": "untracked",
            "id": rows["id"].to_numpy(dtype=object),
            "id_status": rows["id_status"].to_numpy(dtype=object),
            "name": rows["name"].to_numpy(dtype=object),
            "employer": rows["employer"].to_numpy(dtype=object),
            f"per_capita_{side_name}": rows["per_capita"].to_numpy(dtype=float),
            f"per_capita_{other}": np.nan,
            f"tier_{side_name}": rows["tier"].to_numpy(dtype=np.int64),
            f"tier_{other}": UNKNOWN_TIER,
            f"row_{side_name}": rows["row"].to_numpy(dtype=float),
            f"row_{other}": np.nan,
            "reason": f"no_valid_id_{side_name}",
        }
    )


#: tier code in the detail for the side of an untracked row that cannot be known.
UNKNOWN_TIER = -3


# ------------------------------------------------------------------ the series
@dataclass
class Series:
    """A series of rosters (or the two of a compare) and the flows between neighbours."""

    months: list[Month]
    flows: list[Flow]
    rules: Rules
    as_of_rule: str  # "end_of_month", an ISO date, or "mixed" (compare)
    notes: list[str] = field(default_factory=list)
    kind: str = "batch"  # or "compare"

    @property
    def flow_keys(self) -> tuple[str, ...]:
        """The flows the tables show: :data:`FLOW_KEYS`, and ``on_watch`` when exits wait N > 1 months."""
        return (*FLOW_KEYS, WATCH) if self.rules.exit_after_months > 1 else FLOW_KEYS

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        """``{"months": [summary + month …], "flows": [flow …]}`` (docs/flows.md)."""
        return {"months": [m.to_json(lang) for m in self.months], "flows": [f.to_json() for f in self.flows]}

    @property
    def untracked(self) -> pd.DataFrame:
        """Every untracked worker of every flow (one row per worker per flow)."""
        import pandas as pd

        parts = [f.untracked for f in self.flows]
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=list(DETAIL_COLUMNS))

    @property
    def detail(self) -> pd.DataFrame:
        import pandas as pd

        parts = [f.detail for f in self.flows]
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=list(DETAIL_COLUMNS))


def hardship_ids(frame: pd.DataFrame, n_tiers: int) -> set[str]:
    """Valid IDs in hardship (any tier) in one reduced frame."""
    valid = frame["id_status"].isin(VALID_ID).to_numpy()
    t = frame["tier"].to_numpy()
    return set(frame["id"].to_numpy()[valid & (t >= 0) & (t < n_tiers)].tolist())


class FlowBuilder:
    """Computes the flows of a series as its months arrive, releasing each frame when done.

    Months may arrive in any order; the flow t−1 → t is computed as soon as both
    are in, then month t−1's frame is emptied (unless ``keep``), so memory holds
    the reduced frames of only the few months in flight.
    """

    def __init__(self, n_tiers: int, keep: bool = False, exit_after: int = 1):
        self.n_tiers, self.keep, self.exit_after = n_tiers, keep, exit_after
        self.flows: list[Flow] = []
        self.waiting: dict[int, Month] = {}
        self.prev: Month | None = None
        self.next = 0
        self.earlier: set[str] = set()  # in hardship in some month before t−1

    def add(self, i: int, month: Month) -> None:
        self.waiting[i] = month
        while self.next in self.waiting:
            cur = self.waiting.pop(self.next)
            prev = self.prev
            if prev is not None:
                watch = self.flows[-1].watching if self.flows else None
                self.flows.append(
                    flows_between(prev.frame, cur.frame, self.n_tiers, self.earlier, source=prev.label,
                                  target=cur.label, watch=watch, exit_after=self.exit_after,
                                  months=months_between(prev.month, cur.month))
                )  # fmt: skip
                self.earlier |= hardship_ids(prev.frame, self.n_tiers)
                if not self.keep:
                    prev.frame = prev.frame.iloc[:0]
            self.prev, self.next = cur, self.next + 1


def months_between(a: str | None, b: str | None) -> int:
    """Calendar months from month ``a`` to ``b`` (YYYY-MM); 1 when either is not a month."""
    if not (a and b):
        return 1
    (y0, m0), (y1, m1) = ((int(x) for x in m.split("-")) for m in (a, b))
    return max(1, (y1 - y0) * 12 + m1 - m0)


def series_flows(months: Sequence[Month], n_tiers: int, exit_after: int = 1) -> list[Flow]:
    """The flows between each pair of consecutive months (history for ``returned`` included)."""
    builder = FlowBuilder(n_tiers, keep=True, exit_after=exit_after)
    for i, m in enumerate(months):
        builder.add(i, m)
    return builder.flows


def series_notes(months: Sequence[Month]) -> list[str]:
    """Warnings about the series itself: missing months, identical files, roster notes."""
    from jiekun.text import words

    w = words("flows")
    notes = []
    labelled = [m for m in months if m.month]
    for prev, cur in itertools.pairwise(labelled):
        gap = months_between(prev.month, cur.month) - 1
        if gap > 0:
            notes.append(w["note_gap"].format(prev=prev.month, cur=cur.month, gap=gap, span=gap + 1))
    by_hash: dict[str, list[str]] = {}
    for m in months:
        by_hash.setdefault(m.sha256, []).append(m.source)
    for same in by_hash.values():
        if len(same) > 1:
            notes.append(w["note_same_file"].format(files=w["sep"].join(same)))
    for m in months:
        notes += [w["note_of"].format(label=m.label, note=n) for n in m.notes]
    return notes


def flow_label(key: str, lang: str = "zh") -> str:
    """The name of a flow (新增, 脱困 …) in ``lang``."""
    from jiekun.text import words

    return words("flows", lang)["labels"][key]
