"""Monthly series and hardship flows (动态管理): ``jiekun batch`` and ``jiekun compare``.

A *series* is one roster per month. Each file is read, classified and tallied
in its own process (:func:`read_series`), and only what the flows need comes
back: the month's :class:`~jiekun.model.tallies.Tally` and a reduced frame of the
counted workers (Excel row, ID and its status, name, employer, per-capita
income, tier). The flows between consecutive months are then computed by ID
number (:func:`flows_between`), vectorised with one outer join per pair.

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

>>> series = batch(["samples/monthly"])                       # doctest: +SKIP
>>> series.to_json()["flows"][0]["entered"]                   # doctest: +SKIP
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import itertools
import os
import re
import sys
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jiekun.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

    from jiekun.model.rules import Rules
    from jiekun.model.tallies import Tally

__all__ = [
    "FLOW_KEYS",
    "ROSTER_SUFFIXES",
    "Flow",
    "Month",
    "Series",
    "assign_months",
    "batch",
    "compare",
    "end_of_month",
    "flows_between",
    "month_from_name",
    "read_series",
    "roster_files",
]

#: Files a folder is searched for (a folder is not searched recursively).
ROSTER_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv", ".txt")
#: The flows, in the order of the JSON object and of every table.
FLOW_KEYS = ("entered", "returned", "exited", "left_roster", "stayed", "worsened", "eased", "untracked")
FLOW_LABELS = {
    "entered": ("新增", "Entered"),
    "returned": ("返困", "Returned"),
    "exited": ("脱困", "Exited hardship"),
    "left_roster": ("离册", "Left the roster"),
    "stayed": ("持续困难", "Stayed"),
    "worsened": ("加重", "Worsened"),
    "eased": ("减轻", "Eased"),
    "untracked": ("无法追踪", "Untracked"),
}
#: Tier codes of the reduced frames beyond the rules' tiers.
UNDETERMINED, ABSENT = -1, -2
VALID_ID = ("ok", "legacy15")
#: Columns of the reduced per-month frame (counted workers only).
REDUCED = ("row", "id", "id_status", "name", "employer", "per_capita", "tier")

# The month in a file name: 2025-03, 2025_03, 2025.03, 2025-3, 202503, 20250331,
# 2025年3月, 2025年03月. The leftmost match wins; digits may not run on either side.
_Y = r"(?:19|20)[0-9]{2}"
_MONTH_RE = re.compile(
    rf"(?<![0-9])(?P<y1>{_Y})[-_.](?P<m1>0?[1-9]|1[0-2])(?![0-9])"
    rf"|(?<![0-9])(?P<y2>{_Y})(?P<m2>0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])?(?![0-9])"
    rf"|(?<![0-9])(?P<y3>{_Y})\s*年\s*(?P<m3>0?[1-9]|1[0-2])\s*月"
)
_MONTH_ARG = re.compile(r"^\s*((?:19|20)[0-9]{2})\s*[-_./年]?\s*(0?[1-9]|1[0-2])\s*月?\s*$")


# ------------------------------------------------------------------ months and files


def month_from_name(name: str | Path) -> str | None:
    """The month a roster's file name states, as ``YYYY-MM``; None when it states none.

    Only the stem is searched (full-width digits allowed); the first match wins.

    >>> month_from_name("花名册2025年3月.xlsx"), month_from_name("roster_202503.csv")
    ('2025-03', '2025-03')
    >>> month_from_name("2025.11 困难职工.xlsx"), month_from_name("名单.xlsx")
    ('2025-11', None)
    """
    stem = unicodedata.normalize("NFKC", Path(name).stem if isinstance(name, Path) else Path(str(name)).stem)
    m = _MONTH_RE.search(stem)
    if not m:
        return None
    year = m["y1"] or m["y2"] or m["y3"]
    month = m["m1"] or m["m2"] or m["m3"]
    return f"{year}-{int(month):02d}"


def parse_month(value: str) -> str:
    """A ``--month`` value (2025-03, 2025-3, 202503, 2025年3月) as ``YYYY-MM``."""
    m = _MONTH_ARG.match(unicodedata.normalize("NFKC", value))
    if not m:
        raise InputError(f"月份“{value}”看不懂。请写成 YYYY-MM，例如 --month 2025-03。")
    return f"{m[1]}-{int(m[2]):02d}"


def end_of_month(month: str) -> dt.date:
    """The last day of ``YYYY-MM`` (the default as-of date of that month's roster)."""
    y, m = (int(x) for x in month.split("-"))
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _is_jiekun_output(path: Path) -> bool:
    """True for a workbook jiekun wrote (its document properties name jiekun as the author)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return False
    try:
        with zipfile.ZipFile(path) as z:
            core = z.read("docProps/core.xml")[:4000].decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return "<dc:creator>jiekun</dc:creator>" in core


def roster_files(paths: Sequence[str | Path], notes: list[str] | None = None) -> list[tuple[str, Path]]:
    """The roster files named by ``paths`` (folders expanded), as (source as given, path).

    A folder contributes its files ending in one of :data:`ROSTER_SUFFIXES`, in
    name order, not searched recursively. Hidden files, Office lock and temp
    files (``~$x.xlsx``, ``.~lock…``) and workbooks jiekun wrote are skipped;
    skipped jiekun workbooks are mentioned in ``notes``.
    """
    out: list[tuple[str, Path]] = []
    if not paths:
        raise InputError("没有给出花名册。请给出一个文件夹，或几份月度花名册文件。")
    for given in paths:
        p = Path(given)
        if not p.exists():
            raise InputError(f"找不到 {given}。请检查路径和文件名是否正确。")
        if p.is_dir():
            found = []
            for child in sorted(p.iterdir(), key=lambda c: c.name):
                name = child.name
                if name.startswith((".", "~")) or not child.is_file():
                    continue
                if child.suffix.lower() not in ROSTER_SUFFIXES:
                    continue
                if _is_jiekun_output(child):
                    if notes is not None:
                        notes.append(f"跳过了 jiekun 自己写出的工作簿 {child.name}。")
                    continue
                found.append((str(p / name), child))
            if not found:
                raise InputError(
                    f"文件夹 {given} 里没有花名册文件（{'、'.join(ROSTER_SUFFIXES)}）。"
                    "请确认文件夹选对了，或直接给出文件。"
                )
            out += found
        else:
            out.append((str(given), p))
    seen: dict[Path, str] = {}
    for source, p in out:
        key = p.resolve()
        if key in seen:
            raise InputError(f"同一个文件给了两次：{seen[key]} 和 {source}。每份花名册只能出现一次。")
        seen[key] = source
    return out


def assign_months(
    files: Sequence[tuple[str, Path]], months: Sequence[str] | None = None
) -> list[tuple[str, str, Path]]:
    """(month, source, path) for each file, sorted by month.

    The month comes from ``months`` (one per file, in order) when given, else
    from each file name. A file without a month, or two files with the same
    month, raise ``InputError`` naming the files.
    """
    if months:
        if len(months) != len(files):
            names = "、".join(Path(s).name for s, _ in files)
            raise InputError(
                f"给了 {len(months)} 个 --month，但有 {len(files)} 份花名册（{names}）。"
                "--month 要按文件的顺序每份给一个；或者去掉 --month，从文件名读月份。"
            )
        tagged = [(parse_month(m), s, p) for m, (s, p) in zip(months, files, strict=True)]
    else:
        tagged = [(month_from_name(p.name), s, p) for s, p in files]
        unnamed = [s for m, s, _ in tagged if m is None]
        if unnamed:
            raise InputError(
                f"无法从文件名看出月份：{'、'.join(unnamed)}。请把文件改名，使其含有月份"
                "（如 2025-03.xlsx、202503.xlsx、2025年3月.xlsx），或用 --month YYYY-MM 按顺序为每个文件指定月份。"
            )
    by_month: dict[str, list[str]] = {}
    for m, s, _ in tagged:
        by_month.setdefault(m, []).append(s)
    clashes = {m: ss for m, ss in by_month.items() if len(ss) > 1}
    if clashes:
        text = "；".join(f"{m}：{'、'.join(ss)}" for m, ss in sorted(clashes.items()))
        raise InputError(
            f"有多份花名册属于同一个月（{text}）。每个月只能有一份花名册：请删去或移走多余的文件，"
            "或用 --month 为每个文件指定月份。"
        )
    return sorted(tagged, key=lambda t: t[0])  # type: ignore[arg-type,return-value]


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
        """The DESIGN §8 summary object of this roster, plus ``"month"``."""
        return {"month": self.label, **self.tally.to_json(lang)}


def _sha256(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


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
    """
    from jiekun.model.classification import WORKER
    from jiekun.pipeline.summary import summarize

    path = Path(source)
    result = summarize(source, rules=rules, as_of=as_of, sheet=sheet, encoding=encoding)
    f = result.classified.frame
    reduced = f.loc[f["kind"].to_numpy() == WORKER, list(REDUCED)].reset_index(drop=True)
    reduced["id"] = reduced["id"].astype("str")  # compact (Arrow-backed where pyarrow is installed)
    roster = result.roster
    return Month(
        month=month,
        source=source,
        path=path,
        sha256=_sha256(path),
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


def _read_job(job: tuple) -> Month:
    return read_month(*job)


def _pool_context():
    """fork on Linux (workers inherit the imported library: no start-up cost), spawn elsewhere."""
    import multiprocessing as mp

    return mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")


#: ``on_file(done, total, rows_read_so_far)``, called as each file is finished (and every
#: ``TICK`` seconds while waiting, with the same figures, so a progress bar's clock moves).
Progress = Callable[[int, int, int], None]
TICK = 0.25


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

    def arrived(i: int, m: Month) -> None:
        nonlocal done, rows
        out[i] = m
        done, rows = done + 1, rows + m.rows_read
        if on_month:
            on_month(i, m)
        if on_file:
            on_file(done, total, rows)

    if n == 1:
        for i, job in enumerate(jobs):
            arrived(i, _read_job(job))
        return out  # type: ignore[return-value]

    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    # Import the library before the workers are forked: they inherit it instead of each
    # importing pandas again, and this process needs it afterwards anyway.
    import jiekun.pipeline.summary  # noqa: F401

    with ProcessPoolExecutor(max_workers=n, mp_context=_pool_context()) as pool:
        futures = {pool.submit(_read_job, job): i for i, job in enumerate(jobs)}
        pending = set(futures)
        try:
            while pending:
                finished, pending = wait(pending, timeout=TICK, return_when=FIRST_COMPLETED)
                if not finished and on_file:
                    on_file(done, total, rows)  # a tick: lets a progress bar redraw its clock
                for fut in sorted(finished, key=futures.__getitem__):
                    arrived(futures[fut], fut.result())  # result() re-raises a worker's InputError
        except BaseException:
            for fut in pending:
                fut.cancel()
            raise
    return out  # type: ignore[return-value]


# ------------------------------------------------------------------ flows


@dataclass
class Flow:
    """The flows between two consecutive rosters of a series."""

    source: str  # label of the earlier roster ("from")
    target: str  # label of the later roster ("to")
    counts: dict[str, int]
    detail: pd.DataFrame  # one row per worker per flow (see DETAIL_COLUMNS)
    balanced: bool = True  # the two reconciliation identities hold
    before_hardship: int = 0
    after_hardship: int = 0

    def to_json(self) -> dict[str, Any]:
        """``{"from", "to", "entered", …, "untracked"}`` (issue 5)."""
        return {"from": self.source, "to": self.target, **{k: self.counts[k] for k in FLOW_KEYS}}

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
) -> Flow:
    """The flows from roster ``before`` (month t−1) to roster ``after`` (month t).

    Both are reduced frames (:data:`REDUCED` columns, counted workers only).
    Tiers: 0..n_tiers−1 hardship (0 the most severe), n_tiers not in hardship,
    −1 undetermined. ``earlier_hardship`` holds the IDs in hardship in any month
    before t−1; without it nobody can be ``returned``.

    The IDs of both months are factorised together, so every test below is a
    numpy operation on one array per month, indexed by ID code.
    """
    import numpy as np
    import pandas as pd

    earlier = earlier_hardship or set()
    vb = before["id_status"].isin(VALID_ID).to_numpy()
    va = after["id_status"].isin(VALID_ID).to_numpy()
    ids_b = before["id"].to_numpy(dtype=object)[vb]
    ids_a = after["id"].to_numpy(dtype=object)[va]
    codes, uniques = pd.factorize(np.concatenate([ids_b, ids_a]))
    k = len(uniques)

    def positions(c: np.ndarray) -> np.ndarray:
        """Row (among the valid rows) of each ID code, -1 when absent; the first row wins."""
        pos = np.full(k, -1, dtype=np.int64)
        pos[c[::-1]] = np.arange(len(c) - 1, -1, -1)
        return pos

    pos_b, pos_a = positions(codes[: len(ids_b)]), positions(codes[len(ids_b) :])
    tier_b = before["tier"].to_numpy(dtype=np.int64)[vb]
    tier_a = after["tier"].to_numpy(dtype=np.int64)[va]
    tb = np.where(pos_b >= 0, tier_b[np.maximum(pos_b, 0)] if len(tier_b) else ABSENT, ABSENT)
    ta = np.where(pos_a >= 0, tier_a[np.maximum(pos_a, 0)] if len(tier_a) else ABSENT, ABSENT)
    hb, ha = (tb >= 0) & (tb < n_tiers), (ta >= 0) & (ta < n_tiers)
    eb, ea = tb == 0, ta == 0
    new = ha & ((tb == n_tiers) | (tb == ABSENT))
    back = np.zeros(k, dtype=bool)
    if earlier:
        where = np.flatnonzero(new)
        back[where] = [uniques[i] in earlier for i in where]
    masks = {
        "entered": new & ~back,
        "returned": back,
        "exited": hb & (ta == n_tiers),
        "left_roster": hb & (ta == ABSENT),
        "stayed": hb & ha,
        "worsened": hb & ~eb & ea,
        "eased": eb & ha & ~ea,
        "untracked": (hb & (ta == UNDETERMINED)) | ((tb == UNDETERMINED) & ha),
    }
    tiers_bad_b = before["tier"].to_numpy(dtype=np.int64)
    tiers_bad_a = after["tier"].to_numpy(dtype=np.int64)
    bad_b = np.flatnonzero(~vb & (tiers_bad_b >= 0) & (tiers_bad_b < n_tiers))
    bad_a = np.flatnonzero(~va & (tiers_bad_a >= 0) & (tiers_bad_a < n_tiers))
    counts = {key: int(v.sum()) for key, v in masks.items()}
    counts["untracked"] += len(bad_b) + len(bad_a)

    # the two identities: every hardship worker of either month is accounted for once
    unt_b = int((hb & (ta == UNDETERMINED)).sum()) + len(bad_b)
    unt_a = int(((tb == UNDETERMINED) & ha).sum()) + len(bad_a)
    h_before = int(hb.sum()) + len(bad_b)
    h_after = int(ha.sum()) + len(bad_a)
    balanced = (
        h_before == counts["stayed"] + counts["exited"] + counts["left_roster"] + unt_b
        and h_after == counts["stayed"] + counts["entered"] + counts["returned"] + unt_a
    )

    # detail: one row per worker per flow, gathered once for all flows
    picked = [(key, np.flatnonzero(v)) for key, v in masks.items() if v.any()]
    at = np.concatenate([ix for _, ix in picked]) if picked else np.zeros(0, dtype=np.int64)
    flow = np.repeat([key for key, _ in picked], [len(ix) for _, ix in picked]).astype(object)
    rb_pos, ra_pos = pos_b[at], pos_a[at]
    rows_b = np.flatnonzero(vb)[np.maximum(rb_pos, 0)] if len(ids_b) else np.zeros(len(at), np.int64)
    rows_a = np.flatnonzero(va)[np.maximum(ra_pos, 0)] if len(ids_a) else np.zeros(len(at), np.int64)
    has_b, has_a = rb_pos >= 0, ra_pos >= 0

    def take(frame: pd.DataFrame, col: str, rows: np.ndarray, has: np.ndarray, blank):
        values = frame[col].to_numpy(dtype=object if blank == "" else float, na_value=blank)
        out = values[rows] if len(values) else np.full(len(rows), blank, dtype=values.dtype)
        return np.where(has, out, blank)

    def side(name: str) -> np.ndarray:
        after_v = take(after, name, rows_a, has_a, "")
        return np.where(has_a, after_v, take(before, name, rows_b, has_b, ""))

    reason = np.full(len(at), "", dtype=object)
    reason[(flow == "untracked") & (ta[at] == UNDETERMINED)] = "undetermined_after"
    reason[(flow == "untracked") & (tb[at] == UNDETERMINED)] = "undetermined_before"
    parts = [
        pd.DataFrame(
            {
                "flow": flow,
                "id": uniques[at].astype(object) if len(at) else np.zeros(0, dtype=object),
                "id_status": side("id_status"),
                "name": side("name"),
                "employer": side("employer"),
                "per_capita_before": take(before, "per_capita", rows_b, has_b, np.nan),
                "per_capita_after": take(after, "per_capita", rows_a, has_a, np.nan),
                "tier_before": tb[at],
                "tier_after": ta[at],
                "row_before": take(before, "row", rows_b, has_b, np.nan),
                "row_after": take(after, "row", rows_a, has_a, np.nan),
                "reason": reason,
            }
        )
    ]
    for frame, bad, side_name in ((before, bad_b, "before"), (after, bad_a, "after")):
        if len(bad):
            other = "after" if side_name == "before" else "before"
            rows = frame.iloc[bad]
            parts.append(
                pd.DataFrame(
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
            )
    detail = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    detail["from"], detail["to"] = source, target
    order = {key: i for i, key in enumerate(FLOW_KEYS)}
    detail["_o"] = detail["flow"].map(order).astype(np.int64)
    detail = detail.sort_values(["_o", "id", "row_before", "row_after"], kind="stable", na_position="last")
    detail = detail.reset_index(drop=True)[list(DETAIL_COLUMNS)]
    return Flow(source, target, counts, detail, balanced, h_before, h_after)


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

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        """``{"months": [summary + month …], "flows": [flow …]}`` (issue 5)."""
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


class _FlowBuilder:
    """Computes the flows of a series as its months arrive, releasing each frame when done.

    Months may arrive in any order; the flow t−1 → t is computed as soon as both
    are in, then month t−1's frame is emptied (unless ``keep``), so memory holds
    the reduced frames of only the few months in flight.
    """

    def __init__(self, n_tiers: int, keep: bool = False):
        self.n_tiers, self.keep = n_tiers, keep
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
                self.flows.append(
                    flows_between(
                        prev.frame, cur.frame, self.n_tiers, self.earlier, source=prev.label, target=cur.label
                    )
                )
                self.earlier |= hardship_ids(prev.frame, self.n_tiers)
                if not self.keep:
                    prev.frame = prev.frame.iloc[:0]
            self.prev, self.next = cur, self.next + 1


def series_flows(months: Sequence[Month], n_tiers: int) -> list[Flow]:
    """The flows between each pair of consecutive months (history for ``returned`` included)."""
    builder = _FlowBuilder(n_tiers, keep=True)
    for i, m in enumerate(months):
        builder.add(i, m)
    return builder.flows


def _series_notes(months: Sequence[Month]) -> list[str]:
    """Warnings about the series itself: missing months, identical files, roster notes."""
    notes = []
    labelled = [m for m in months if m.month]
    for prev, cur in itertools.pairwise(labelled):
        y0, m0 = (int(x) for x in prev.month.split("-"))  # type: ignore[union-attr]
        y1, m1 = (int(x) for x in cur.month.split("-"))  # type: ignore[union-attr]
        gap = (y1 - y0) * 12 + (m1 - m0) - 1
        if gap > 0:
            notes.append(
                f"{prev.month} 与 {cur.month} 之间缺少 {gap} 个月的花名册；这两份之间的流动跨越了 {gap + 1} 个月。"
            )
    by_hash: dict[str, list[str]] = {}
    for m in months:
        by_hash.setdefault(m.sha256, []).append(m.source)
    for same in by_hash.values():
        if len(same) > 1:
            notes.append(f"{'、'.join(same)} 内容完全相同（SHA-256 一致），是否忘了更新某个月的花名册？")
    for m in months:
        notes += [f"{m.label}：{n}" for n in m.notes]
    return notes


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
    from jiekun.model.rules import Rules

    rules = rules or Rules()
    notes: list[str] = []
    files = roster_files(paths, notes)
    tagged = assign_months(files, months)
    items = [(m, s, as_of or end_of_month(m)) for m, s, _ in tagged]
    builder = _FlowBuilder(len(rules.tiers), keep=keep_frames)
    read = read_series(items, rules=rules, sheet=sheet, encoding=encoding, workers=workers, on_file=on_file,
                       on_month=builder.add)  # fmt: skip
    if len(read) == 1:
        notes.append("只有一个月的花名册，没有可以比较的上月，因此没有流动数据。")
    return Series(
        months=read,
        flows=builder.flows,
        rules=rules,
        as_of_rule=as_of.isoformat() if as_of else "end_of_month",
        notes=notes + _series_notes(read),
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
    from jiekun.model.rules import Rules

    rules = rules or Rules()
    files = roster_files([old, new])
    (s_old, p_old), (s_new, p_new) = files
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
        notes.append(f"OLD 的月份（{m_old}）晚于 NEW 的月份（{m_new}）：流动按给出的顺序从 OLD 到 NEW 计算。")
    rule = as_of.isoformat() if as_of else ("end_of_month" if m_old and m_new else "mixed")
    return Series(
        months=read,
        flows=series_flows(read, len(rules.tiers)),
        rules=rules,
        as_of_rule=rule,
        notes=notes + _series_notes(read),
        kind="compare",
    )


def flow_label(key: str, lang: str = "zh") -> str:
    zh, en = FLOW_LABELS[key]
    return en if lang == "en" else zh
