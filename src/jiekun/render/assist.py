"""The terminal view of ``jiekun assist``: the figures, by kind, coverage, 待核实 and the first gaps.

ID numbers are always masked here; the workbook (:mod:`jiekun.report.assist`) has them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jiekun.model.assist_ledger import KIND_KEYS, fen_text
from jiekun.model.assist_result import AUDIT_KEYS, AssistResult
from jiekun.model.ids import mask_ids
from jiekun.model.problems import counts
from jiekun.text import pct, words

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["render_assist"]


def render_assist(r: AssistResult, lang: str = "zh", console: Console | None = None, first: int = 10) -> None:
    """The terminal summary: a panel of figures, the tables by kind and tier, 待核实, the first gaps."""
    from rich.console import Console
    from rich.text import Text

    console = console or Console()
    w = words("assist", lang)
    t = w["terminal"]
    console.print(_panel(r, lang))
    console.print(_by_kind(r, lang))
    if r.coverage is not None and r.rules is not None:
        console.print(_by_tier(r, lang))
    audit = r.audit_counts()
    lines = [f"{w['audit'][k]} {audit[k]:,}" for k in AUDIT_KEYS if audit[k] is not None]
    console.print(Text(t["audit"] + t["sep"].join(lines), style="yellow" if any(audit.values()) else "green"))
    p = counts(r.problems)
    console.print(
        Text(t["problems"].format(e=p["error"], w=p["warning"]), style="yellow" if p["error"] else "dim")
    )
    if r.coverage is not None and len(gap := r.lists["uncovered"]):
        console.print(_gaps(r, lang, first))
        if len(gap) > first:
            console.print(
                Text(t["more"].format(n=len(gap) - first, sheet=w["sheet"]["uncovered"]), style="dim")
            )
    console.print(Text(r.narrative(lang)))


def _panel(r: AssistResult, lang: str):
    """Files, period and the headline figures."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    w = words("assist", lang)
    t, f = w["terminal"], w["figure"]
    info = Table.grid(padding=(0, 2))
    led = r.ledger
    where = (
        t["with_sheet"].format(source=r.source, sheet=led.sheet)
        if led is not None and led.sheet
        else r.source
    )
    info.add_row(t["ledger"], where)
    if r.roster_source:
        info.add_row(t["roster"], t["roster_line"].format(source=r.roster_source, as_of=r.as_of))
    period = (
        w["period_range"].format(start=r.start.isoformat(), end=r.end.isoformat())
        if r.start and r.end
        else w["period_all"]
    )
    info.add_row(f["period"], period)
    lines = [
        Text(t["rows"].format(rows=r.rows_read, non=r.non_act_rows), style="dim"),
        Text(t["figures"].format(acts=r.acts, people=r.people, amount=fen_text(r.fen)), style="bold"),
        Text(t["no_valid_id"].format(n=r.no_valid_id), style="yellow" if r.no_valid_id else "dim"),
    ]
    if (c := r.coverage) is not None:
        lines.append(
            Text(
                t["coverage"].format(
                    hardship=c.hardship,
                    covered=c.covered,
                    share=pct(c.covered, c.hardship),
                    uncovered=c.uncovered,
                ),
                style="bold green" if not c.uncovered else "bold yellow",
            )
        )
    return Panel(Group(info, Text(), *lines), title=t["title"], expand=False)


def _by_kind(r: AssistResult, lang: str):
    """人次, 人数 and 金额 of each kind with any act, and the total."""
    from rich.table import Table

    w = words("assist", lang)
    f = w["figure"]
    table = Table(title=w["terminal"]["by_kind"], title_justify="left")
    table.add_column(f["kind"])
    for h in (f["acts"], f["people"], f["amount"]):
        table.add_column(h, justify="right")
    for k, a, p, fen in r.by_kind[["kind", "acts", "people", "fen"]].itertuples(index=False):
        if a or fen:
            table.add_row(w["kind"][KIND_KEYS[int(k)]], f"{a:,}", f"{p:,}", fen_text(fen))
    table.add_section()
    table.add_row(w["book"]["total"], f"{r.acts:,}", f"{r.people:,}", fen_text(r.fen), style="bold")
    return table


def _by_tier(r: AssistResult, lang: str):
    """Hardship workers, helped and not, by tier and in all (含特困)."""
    from rich.table import Table

    w = words("assist", lang)
    f = w["figure"]
    c, rules = r.coverage, r.rules
    assert c is not None and rules is not None
    table = Table(title=w["terminal"]["by_tier"], title_justify="left")
    table.add_column(f["tier"])
    for h in (f["hardship"], f["covered"], f["uncovered"], f["coverage"]):
        table.add_column(h, justify="right")
    for i, h, n in c.by_tier:
        table.add_row(rules.tier_label(i, lang), f"{h:,}", f"{n:,}", f"{h - n:,}", pct(n, h))
    table.add_section()
    table.add_row(w["book"]["total_hardship"], f"{c.hardship:,}", f"{c.covered:,}", f"{c.uncovered:,}",
                  pct(c.covered, c.hardship), style="bold")  # fmt: skip
    return table


def _gaps(r: AssistResult, lang: str, first: int):
    """The first hardship workers with no help (IDs masked)."""
    from rich.table import Table

    w = words("assist", lang)
    cols = w["book"]["columns"]
    g = r.lists["uncovered"]
    rules = r.rules
    assert rules is not None
    table = Table(title=w["terminal"]["gaps"].format(n=len(g)), title_justify="left")
    for h in (cols["id"], cols["name"], cols["tier"], cols["employer"]):
        table.add_column(h, overflow="fold", no_wrap=h == cols["id"])
    shown = g.head(first)
    ids = mask_ids(shown["id"].fillna("").astype(str)).tolist()
    for i, (name, tier, employer) in enumerate(shown[["name", "tier", "employer"]].itertuples(index=False)):
        table.add_row(ids[i], str(name), rules.tier_label(int(tier), lang), str(employer or ""))
    return table
