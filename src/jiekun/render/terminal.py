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
from jiekun.text import pct

T = {
    "zh": {
        "title": "困难职工基本情况",
        "source": "来源",
        "sheet": "工作表",
        "as_of": "统计日期",
        "rules": "规则",
        "workers": "职工总数",
        "hardship": "困难职工（含特困）",
        "extreme": "特困职工",
        "undetermined": "无法判定",
        "count": "人数",
        "share": "占比",
        "group": "分组",
        "by_age_gender": "年龄性别",
        "by_education": "文化程度",
        "total": "合计",
        "causes": "致困原因（按原因计数，一人可有多个原因）",
        "cause": "致困原因",
        "recon": "核对：读取 {rows} 行 = 职工 {workers} + 重复 {dups} + 非职工行 {non}",
        "problems": "数据问题：错误 {e} 条，警告 {w} 条",
        "problems_hint": "（运行 jiekun check 查看每一行）",
        "columns": "列识别",
        "survey": "调研口径",
        "dibao": "低保倍数口径（低保标准 {d} 元）",
        "tiers_line": "{label} ≤ {bound} 元",
    },
    "en": {
        "title": "Hardship workers",
        "source": "Source",
        "sheet": "Sheet",
        "as_of": "As of",
        "rules": "Rules",
        "workers": "Workers",
        "hardship": "Hardship (incl. extreme)",
        "extreme": "Extreme hardship",
        "undetermined": "Undetermined",
        "count": "People",
        "share": "Share",
        "group": "Group",
        "by_age_gender": "Age and gender",
        "by_education": "Education",
        "total": "Total",
        "causes": "Causes (counts causes; a worker may name several)",
        "cause": "Cause",
        "recon": "Check: {rows} rows read = {workers} workers + {dups} duplicates + {non} non-worker rows",
        "problems": "Data problems: {e} errors, {w} warnings",
        "problems_hint": " (run jiekun check to see each row)",
        "columns": "Columns",
        "survey": "survey profile",
        "dibao": "minimum-living-standard profile (低保 {d} yuan)",
        "tiers_line": "{label} ≤ {bound} yuan",
    },
}


def reconciliation(t: Tally, lang: str = "zh") -> Text:
    """The line that shows every row read is accounted for (✓), or that it is not (✗)."""
    ok = t.rows_read == t.workers + t.duplicates + t.non_worker_rows
    recon = T[lang]["recon"].format(
        rows=f"{t.rows_read:,}",
        workers=f"{t.workers:,}",
        dups=f"{t.duplicates:,}",
        non=f"{t.non_worker_rows:,}",
    )
    return Text(("✓ " if ok else "✗ ") + recon, style="green" if ok else "bold red")


def render_summary(result: Result, lang: str = "zh", console: Console | None = None) -> None:
    """Print the survey summary of one roster."""
    console = console or Console()
    t = result.tally
    tx = T[lang]
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
    console.print(Panel(Group(info, Text(), totals), title=tx["title"], expand=False))

    table = Table(show_lines=False)
    table.add_column(tx["group"])
    for head in (tx["hardship"], tx["extreme"]):
        table.add_column(f"{head}\n{tx['count']}", justify="right")
        table.add_column(tx["share"], justify="right")
    for dim in ("by_age_gender", "by_education"):
        rows = t.rows(dim.removeprefix("by_"), lang)
        table.add_row(Text(tx[dim], style="bold"), "", "", "", "")
        for r in rows:
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
    console.print(table)

    causes = Table(title=tx["causes"], title_justify="left")
    causes.add_column(tx["cause"])
    causes.add_column(tx["hardship"], justify="right")
    causes.add_column(tx["extreme"], justify="right")
    for r in t.rows("cause", lang):
        if r["hardship"] or r["extreme"]:
            causes.add_row(r["label"], f"{r['hardship']:,}", f"{r['extreme']:,}")
    if causes.row_count:
        console.print(causes)

    console.print(reconciliation(t, lang))
    e, w = t.problems["error"], t.problems["warning"]
    line = Text(tx["problems"].format(e=e, w=w), style="red" if e else ("yellow" if w else "green"))
    if e or w:
        line.append(tx["problems_hint"], style="dim")
    console.print(line)
    for note in result.roster.notes:
        console.print(Text("注意：" + note if lang == "zh" else "Note: " + note, style="yellow"))
    sep = "：" if lang == "zh" else ": "
    console.print(Text(tx["columns"] + sep + columns_line(result), style="dim"), soft_wrap=True)


def columns_line(result: Result) -> str:
    """Which column was taken for which field, e.g. "身份证号←公民身份号码"."""
    parts = []
    for f, c in result.roster.fields.items():
        canon = FIELDS[f][0]
        mark = "≈" if result.roster.how.get(f) == "words" else "←"
        parts.append(canon if c == canon else f"{canon}{mark}{c}")
    return "，".join(parts)


def render_problems(result: Result, lang: str = "zh", console: Console | None = None, first: int = 8) -> None:
    """Problems grouped by type: severity, count, what it means, the first rows (IDs masked)."""
    from jiekun.model.problems import CATALOGUE, TITLES

    console = console or Console()
    p = result.problems
    t = result.tally
    zh = lang == "zh"
    if p.empty:
        console.print(Text("没有发现数据问题。" if zh else "No data problems found.", style="green"))
    else:
        table = Table(title="数据问题（按类型）" if zh else "Data problems by type", title_justify="left")
        for head, just in (
            (("类型", "Code"), "left"),
            (("级别", "Severity"), "left"),
            (("条数", "Count"), "right"),
            (("说明", "Meaning"), "left"),
            (("行号（Excel）", "Rows (Excel)"), "left"),
        ):
            table.add_column(head[0] if zh else head[1], justify=just, overflow="fold")
        for code, part in p.groupby("code", sort=False):
            kind = CATALOGUE[code]
            rows = part["row"].tolist()
            shown = "、".join(map(str, rows[:first])) + (
                f" …(+{len(rows) - first})" if len(rows) > first else ""
            )
            sev = {"error": ("错误", "error"), "warning": ("警告", "warning")}[kind.severity]
            table.add_row(
                code,
                Text(sev[0] if zh else sev[1], style="red" if kind.severity == "error" else "yellow"),
                str(len(rows)),
                TITLES[code][0 if zh else 1],
                shown,
            )
        console.print(table)
    e, w = t.problems["error"], t.problems["warning"]
    console.print(
        Text(T[lang]["problems"].format(e=e, w=w), style="red" if e else ("yellow" if w else "green"))
    )
    console.print(reconciliation(t, lang))
