"""The terminal view of ``jiekun match``: the counts, the first disagreements and records to check.

ID numbers are always masked here; the workbook (:mod:`jiekun.report.match`) has them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from jiekun.model.ids import mask_ids
from jiekun.model.labels import rules_line
from jiekun.model.match_check import money, to_check
from jiekun.model.matching import COMPARED, ROLES, Match, kind_text, reconciliations
from jiekun.text import words

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

__all__ = ["render_match"]


def render_match(m: Match, lang: str = "zh", console: Console | None = None, first: int = 10) -> None:
    """The terminal summary: counts, the first disagreements and records to check (IDs masked)."""
    from rich.console import Console
    from rich.text import Text

    console = console or Console()
    tx = words("match", lang)
    console.print(_panel(m, lang))

    def more(total: int, sheet: str) -> None:
        """Say how many rows the table left out, and where they are."""
        if total > first:
            console.print(Text(tx["more"].format(n=total - first, sheet=tx["sheets"][sheet]), style="dim"))

    if len(m.disagreements):
        console.print(_disagreements(m, lang, first))
        more(len(m.disagreements), "disagreements")
    if len(m.only_reference):
        console.print(_only_reference(m, lang, first))
        more(len(m.only_reference), "only_reference")
    cols = tx["columns"]
    for flag, g in to_check(m, lang).groupby("flag", sort=False):
        t = _table(lang, tx["group_title"][flag].format(n=len(g)), cols["name"], cols["rows"], cols["detail"])
        shown = g.head(first)
        ids = mask_ids(shown["id"].fillna("").astype(str)).tolist()
        for i, r in enumerate(shown.itertuples(index=False)):
            rows = f"{_cell(r.roster_row) or '—'}/{_cell(r.reference_row) or '—'}"
            t.add_row(ids[i], _cell(r.name), rows, str(r.detail))
        console.print(t)
        more(len(g), "to_check")
    for ok, recon in reconciliations(m.counts(), lang):
        console.print(Text(("✓ " if ok else "✗ ") + recon, style="green" if ok else "bold red"))


def _panel(m: Match, lang: str):
    """The files, the ID columns, the kind of reference, the rules, and every count."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    tx = words("match", lang)
    c = m.counts()
    info = Table.grid(padding=(0, 2))
    for role in ROLES:
        r = m.side(role).roster
        info.add_row(
            tx["info"][role], tx["with_sheet"].format(source=r.source, sheet=r.sheet) if r.sheet else r.source
        )
    info.add_row(
        tx["info"]["id_columns"],
        tx["id_columns"].format(roster=m.roster.id_column, reference=m.reference.id_column),
    )
    info.add_row(tx["info"]["kind"], kind_text(m, lang))
    info.add_row(tx["info"]["as_of"], m.as_of.isoformat())
    info.add_row(tx["info"]["rules"], rules_line(m.roster.tally.rules, lang))
    counts = m.disagreement_counts()
    dis = tx["list_sep"].join(f"{tx['fields'][f]} {counts[f]:,}" for f in COMPARED)
    lines = [
        Text(
            f"{tx['counts']['roster'][0]} {c['roster']:,}    {tx['counts']['reference'][0]} {c['reference']:,}"
        ),
        Text(tx["line_both"].format(n=c["both"]), style="bold green"),
        Text(tx["line_only"].format(r=c["only_roster"], f=c["only_reference"])),
        Text(
            tx["line_invalid"].format(r=c["invalid_roster"], f=c["invalid_reference"]),
            style="yellow" if c["invalid_roster"] or c["invalid_reference"] else "dim",
        ),
    ]
    if c["duplicate_roster"] or c["duplicate_reference"]:
        lines.append(
            Text(tx["line_dups"].format(r=c["duplicate_roster"], f=c["duplicate_reference"]), style="yellow")
        )
    lines.append(
        Text(tx["line_dis"].format(fields=dis), style="bold yellow" if len(m.disagreements) else "green")
    )
    if m.dibao:
        n1, n2 = c["reference_not_hardship"], c["hardship_not_in_reference"]
        lines.append(Text(tx["line_flag1"].format(n=n1), style="bold red" if n1 else "green"))
        lines.append(Text(tx["line_flag2"].format(n=n2), style="bold yellow" if n2 else "green"))
    return Panel(Group(info, Text(), *lines), title=tx["panel"], expand=False)


def _table(lang: str, title: str, *heads: str) -> Table:
    """A table of the ID number and ``heads``."""
    from rich.table import Table

    t = Table(title=title, title_justify="left")
    t.add_column(words("match", lang)["columns"]["id"], no_wrap=True)
    for h in heads:
        t.add_column(h, overflow="fold")
    return t


def _disagreements(m: Match, lang: str, first: int) -> Table:
    """The first disagreements: name, field, both values, both rows."""
    tx = words("match", lang)
    cols = tx["columns"]
    d = m.disagreements.head(first)
    t = _table(lang, tx["dis_title"].format(n=len(m.disagreements)), cols["name_roster"], cols["field"],
               cols["value_roster"], cols["value_reference"], cols["rows"])  # fmt: skip
    ids = mask_ids(d["id"].astype(str)).tolist()
    for i, r in enumerate(d.itertuples(index=False)):
        t.add_row(
            ids[i],
            str(r.name),
            tx["fields"][r.field],
            _show(r.roster_value, r.field),
            _show(r.reference_value, r.field),
            f"{r.roster_row}/{r.reference_row}",
        )
    return t


def _only_reference(m: Match, lang: str, first: int) -> Table:
    """The first people on the reference list only."""
    tx = words("match", lang)
    cols = tx["columns"]
    f = m.only_reference.head(first)
    t = _table(lang, tx["only_ref_title"].format(n=len(m.only_reference)), cols["name"], cols["row_reference"],
               cols["employer"], cols["per_capita"])  # fmt: skip
    ids = mask_ids(f["id"].astype(str)).tolist()
    for i, r in enumerate(f.itertuples(index=False)):
        t.add_row(
            ids[i],
            str(r.reference_name),
            str(r.reference_row),
            str(r.reference_employer),
            money(r.reference_per_capita),
        )
    return t


def _cell(v: object) -> str:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _show(v: object, fld: str) -> str:
    """A compared value as shown on the terminal (amounts with two decimals)."""
    if fld in ("household_income", "per_capita"):
        return f"{float(v):,.2f}"
    if fld == "household_size":
        return f"{float(v):g}"
    return str(v)
