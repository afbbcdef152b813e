"""The terminal view of a roster's problems: grouped by type, with the first rows of each."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from jiekun.pipeline.summary import Result
from jiekun.render.summary import problems_line, reconciliation
from jiekun.render.tables import titled
from jiekun.text import words


def render_problems(result: Result, lang: str = "zh", console: Console | None = None, first: int = 8) -> None:
    """Problems grouped by type: the problem in words, severity, count, the first rows (codes: ``--json``)."""
    from jiekun.model.problems import CATALOGUE, title

    console = console or Console()
    p, w = result.problems, words("terminal", lang)["problems"]
    if p.empty:
        console.print(Text(w["none"], style="green"))
    else:
        table = titled(w["title"])
        for head, just in (("problem", "left"), ("severity", "left"), ("count", "right"), ("rows", "left")):
            table.add_column(w[head], justify=just, overflow="fold")
        for code, part in p.groupby("code", sort=False):
            severity = CATALOGUE[code].severity
            rows = part["row"].tolist()
            if "sheet" in part.columns:  # several sheets read: sheet!row, as Excel names a cell
                rows = [f"{s}!{r}" for s, r in zip(part["sheet"].tolist(), rows, strict=True)]
            shown = "、".join(map(str, rows[:first])) + (
                f" …(+{len(rows) - first})" if len(rows) > first else ""
            )
            table.add_row(
                title(code, lang),
                Text(w[severity], style="red" if severity == "error" else "yellow"),
                str(len(rows)),
                shown,
            )
        console.print(table)
    console.print(problems_line(result.tally, lang))
    console.print(reconciliation(result.tally, lang))
