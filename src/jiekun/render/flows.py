"""The terminal view of a series of rosters (``jiekun batch`` / ``jiekun compare``).

A panel (sources, rules, how ages are taken), the people each month, the flows
between rosters, the checks, and the first untracked workers.
"""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from jiekun.model.flows import Series, flow_label
from jiekun.model.labels import rules_line
from jiekun.render.summary import problems_style
from jiekun.render.tables import titled
from jiekun.text import pct, words

#: Untracked workers listed on the terminal (the workbook lists them all).
SHOW_UNTRACKED = 10


def render_series(series: Series, lang: str = "zh", console: Console | None = None) -> None:
    """Print a batch (months) or a compare (two rosters)."""
    c = console or Console()
    w = words("terminal", lang)["series"]
    compare = series.kind == "compare"
    c.print(_headline(series, w, lang))
    c.print(_counts_table(series, w))
    if series.flows:
        c.print(
            _flow_table(series.flows[0], series.flow_keys, w, lang)
            if compare
            else _flows_table(series, w, lang)
        )
    for line in _checks(series, w):
        c.print(line, soft_wrap=True)
    if compare:
        c.print(Text(w["no_history"], style="dim"), soft_wrap=True)
    _print_untracked(c, untracked_rows(series, lang), w)


def _headline(series: Series, w: dict[str, str], lang: str) -> Panel:
    months, r = series.months, series.rules
    compare = series.kind == "compare"
    info = Table.grid(padding=(0, 2))
    if compare:
        info.add_row(w["source"], w["source_sep"].join(m.source for m in months))
    else:
        info.add_row(w["source"], f"{months[0].source} … {months[-1].source}（{len(months)}）")
    info.add_row(w["rules"], rules_line(r, lang))
    rule = series.as_of_rule
    if rule == "end_of_month":
        info.add_row(w["as_of"], w["as_of_eom"])
    elif rule == "mixed":
        other = next((m.as_of for m in months if not m.month), months[0].as_of)
        info.add_row(w["as_of"], w["as_of_mixed"].format(date=other.isoformat()))
    else:
        info.add_row(w["as_of"], rule)
    return Panel(info, title=w["title_compare" if compare else "title_batch"], expand=False)


def _counts_table(series: Series, w: dict[str, str]) -> Table:
    """Workers, hardship, extreme, undetermined of each roster, and whether its figures add up."""
    flows = {f.target: f for f in series.flows}
    counts = titled(w["t_counts"])
    counts.add_column(w["roster" if series.kind == "compare" else "month"], no_wrap=True)
    for head in (w["workers"], w["hardship"], w["share"], w["extreme"], w["share"], w["undetermined"]):
        counts.add_column(head, justify="right")
    counts.add_column(w["check"], justify="center")
    for i, m in enumerate(series.months):
        t = m.tally
        f = flows.get(m.label) if i else None
        ok = m.reconciled and (f is None or f.balanced)
        counts.add_row(m.label, f"{t.workers:,}", f"{t.hardship:,}", pct(t.hardship, t.workers),
                       f"{t.extreme:,}", pct(t.extreme, t.workers), f"{t.undetermined:,}",
                       Text("✓" if ok else "✗", style="green" if ok else "bold red"))  # fmt: skip
    return counts


def _count(flow, key: str) -> Text:
    n = flow.counts[key]
    return Text(f"{n:,}", style="yellow" if key == "untracked" and n else "")


def _flow_table(flow, keys: tuple[str, ...], w: dict[str, str], lang: str) -> Table:
    """The flows of a compare, one row each."""
    table = titled(w["t_flows"])
    table.add_column(w["flow"])
    table.add_column(w["people"], justify="right")
    for k in keys:
        part_of_stayed = k in ("worsened", "eased", "on_watch")
        label = flow_label(k, lang) + (w["part_of_stayed"] if part_of_stayed else "")
        table.add_row(label, _count(flow, k))
    return table


def _flows_table(series: Series, w: dict[str, str], lang: str) -> Table:
    """The flows of a batch, one row per month and a column per flow."""
    table = titled(w["t_flows"])
    table.add_column(w["month"], no_wrap=True)
    keys = series.flow_keys  # on_watch too, when exits wait N > 1 months
    for k in keys:
        table.add_column(flow_label(k, lang), justify="right")
    for f in series.flows:
        table.add_row(f.target, *(_count(f, k) for k in keys))
    return table


def _checks(series: Series, w: dict[str, str]) -> list[Text]:
    """The reconciliation line, the problems line and the notes of the reading."""
    months = series.months
    bad = [m.label for m in months if not m.reconciled]
    bad += [f"{f.source}→{f.target}" for f in series.flows if not f.balanced]
    tot = {k: sum(getattr(m.tally, k) for m in months) for k in ("rows_read", "workers", "duplicates",
                                                                 "non_worker_rows")}  # fmt: skip
    if bad:
        lines = [Text(w["recon_bad"].format(what="、".join(bad)), style="bold red")]
    else:
        ok = w["recon_ok"].format(n=len(months), rows=tot["rows_read"], workers=tot["workers"],
                                  dups=tot["duplicates"], non=tot["non_worker_rows"])  # fmt: skip
        lines = [Text(ok, style="green")]
    e = sum(m.tally.problems["error"] for m in months)
    wn = sum(m.tally.problems["warning"] for m in months)
    lines.append(Text(w["problems"].format(e=e, w=wn), style=problems_style(e, wn)))
    lines += [Text(w["note"].format(note=note), style="yellow") for note in series.notes]
    return lines


def untracked_rows(series: Series, lang: str) -> list[tuple[str, str, str, str, str]]:
    """(between, name, masked ID, rows, why) of each untracked worker, short enough for a terminal."""
    import pandas as pd

    from jiekun.model.ids import mask_ids

    u = series.untracked
    if not len(u):
        return []
    w = words("terminal", lang)["series"]
    ids = mask_ids(pd.Series(u["id"].astype(str).to_numpy(dtype=object), dtype=object)).tolist()
    out = []
    cols = ("from", "to", "name", "row_before", "row_after", "reason", "id_status")
    for i, (src, dst, name, rb, ra, why, status) in enumerate(
        zip(*(u[c].tolist() for c in cols), strict=True)
    ):
        rows = "→".join(str(int(x)) if x == x else "—" for x in (rb, ra))
        if why.startswith("no_valid_id"):
            reason = w["why_id"].format(what=w.get(f"id_{status}", w["id_other"]))
        else:
            reason = w[f"why_{why}"]
        out.append((f"{src}→{dst}", str(name or ""), ids[i] or w["blank"], rows, reason))
    return out


def _print_untracked(c: Console, rows: list[tuple[str, ...]], w: dict[str, str]) -> None:
    if not rows:
        return
    c.print(Text(w["untracked"].format(n=len(rows)), style="bold yellow"), soft_wrap=True)
    u = Table(show_edge=False, pad_edge=False)
    for head in ("u_flow", "u_name", "u_id", "u_where", "u_why"):
        u.add_column(w[head], no_wrap=head != "u_why", overflow="fold")
    for row in rows[:SHOW_UNTRACKED]:
        u.add_row(*row)
    c.print(u)
    if len(rows) > SHOW_UNTRACKED:
        c.print(Text(w["more"].format(n=len(rows) - SHOW_UNTRACKED), style="dim"), soft_wrap=True)


def warn_untracked(series: Series, lang: str, written: bool) -> None:
    """In JSON mode: one line on stderr when some workers could not be tracked."""
    n = sum(f.counts["untracked"] for f in series.flows)
    if n:
        w = words("terminal", lang)["series"]
        text = w["untracked"] if written else w["untracked_json"]
        Console(stderr=True, highlight=False).print(text.format(n=n), style="yellow", soft_wrap=True)
