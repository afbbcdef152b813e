"""The terminal view of a summary (rich): totals, the survey table, causes, reconciliation."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from jiekun.model.columns import FIELDS
from jiekun.model.labels import rules_line
from jiekun.model.tallies import Tally
from jiekun.pipeline.summary import Result
from jiekun.render.tables import titled
from jiekun.text import pct, words


def _words(lang: str | None) -> dict[str, str]:
    return words("terminal", lang)["summary"]


def reconciliation(t: Tally, lang: str = "zh") -> Text:
    """The line that shows every row read is accounted for (✓), or that it is not (✗)."""
    ok = t.rows_read == t.workers + t.duplicates + t.non_worker_rows
    recon = _words(lang)["recon"].format(
        rows=f"{t.rows_read:,}",
        workers=f"{t.workers:,}",
        dups=f"{t.duplicates:,}",
        non=f"{t.non_worker_rows:,}",
    )
    return Text(("✓ " if ok else "✗ ") + recon, style="green" if ok else "bold red")


def problems_style(errors: int, warnings: int) -> str:
    """Red with errors, yellow with warnings only, green without problems."""
    return "red" if errors else ("yellow" if warnings else "green")


def problems_line(t: Tally, lang: str = "zh") -> Text:
    """The line 数据问题：错误 e 条，警告 w 条, coloured by :func:`problems_style`."""
    e, w = t.problems["error"], t.problems["warning"]
    return Text(_words(lang)["problems"].format(e=e, w=w), style=problems_style(e, w))


def render_summary(result: Result, lang: str = "zh", console: Console | None = None) -> None:
    """Print the survey summary of one roster."""
    console = console or Console()
    t, tx = result.tally, _words(lang)
    console.print(_headline(t, tx, lang))
    console.print(_survey_table(t, tx, lang))
    causes = _causes_table(t, tx, lang)
    if causes.row_count:
        console.print(causes)
    console.print(reconciliation(t, lang))
    line = problems_line(t, lang)
    if t.problems["error"] or t.problems["warning"]:
        line.append(tx["problems_hint"], style="dim")
    console.print(line)
    if t.review is not None:
        console.print(Text(words("review", lang)["line"].format(**t.to_json(lang)["review"]), style="cyan"))
    for note in result.roster.notes:
        console.print(Text(tx["note"].format(note=note), style="yellow"))
    console.print(Text(tx["columns"].format(columns=columns_line(result)), style="dim"), soft_wrap=True)


def _headline(t: Tally, tx: dict[str, str], lang: str) -> Panel:
    """Source, date and rules, then the four totals."""
    info = Table.grid(padding=(0, 2))
    info.add_row(tx["source"], t.source + (f"  [{tx['sheet']}: {t.sheet}]" if t.sheet else ""))
    info.add_row(tx["as_of"], t.as_of.isoformat())
    info.add_row(tx["rules"], rules_line(t.rules, lang))
    totals = Table.grid(padding=(0, 3))
    totals.add_row(
        Text(f"{tx['workers']} {t.workers:,}", style="bold"),
        Text(f"{tx['hardship']} {t.hardship:,} ({pct(t.hardship, t.workers)})", style="bold yellow"),
        Text(f"{tx['extreme']} {t.extreme:,} ({pct(t.extreme, t.workers)})", style="bold red"),
        Text(f"{tx['undetermined']} {t.undetermined:,}", style="magenta" if t.undetermined else "dim"),
    )
    return Panel(Group(info, Text(), totals), title=tx["title"], expand=False)


def _survey_table(t: Tally, tx: dict[str, str], lang: str) -> Table:
    """Hardship and extreme hardship by age–gender group and by education, with shares."""
    table = Table(show_lines=False)
    table.add_column(tx["group"])
    for head in (tx["hardship"], tx["extreme"]):
        table.add_column(f"{head}\n{tx['count']}", justify="right")
        table.add_column(tx["share"], justify="right")
    for dim in ("by_age_gender", "by_education"):
        table.add_row(Text(tx[dim], style="bold"), "", "", "", "")
        for r in t.rows(dim.removeprefix("by_"), lang):
            if r["key"] == "unknown" and not (r["hardship"] or r["extreme"]):
                continue
            table.add_row(
                "  " + r["label"],
                f"{r['hardship']:,}",
                pct(r["hardship"], t.hardship),
                f"{r['extreme']:,}",
                pct(r["extreme"], t.extreme),
            )
    table.add_row(Text(tx["total"], style="bold"), f"{t.hardship:,}", pct(t.hardship, t.hardship),
                  f"{t.extreme:,}", pct(t.extreme, t.extreme))  # fmt: skip
    return table


def _causes_table(t: Tally, tx: dict[str, str], lang: str) -> Table:
    causes = titled(tx["causes"])
    causes.add_column(tx["cause"])
    causes.add_column(tx["hardship"], justify="right")
    causes.add_column(tx["extreme"], justify="right")
    for r in t.rows("cause", lang):
        if r["hardship"] or r["extreme"]:
            causes.add_row(r["label"], f"{r['hardship']:,}", f"{r['extreme']:,}")
    return causes


def columns_line(result: Result) -> str:
    """Which column was taken for which field, e.g. "身份证号←公民身份号码"."""
    parts = []
    for f, c in result.roster.fields.items():
        canon = FIELDS[f][0]
        mark = "≈" if result.roster.how.get(f) == "words" else "←"
        parts.append(canon if c == canon else f"{canon}{mark}{c}")
    return "，".join(parts)
