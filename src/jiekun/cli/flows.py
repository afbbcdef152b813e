"""The batch and compare commands (registered on the main app by jiekun.cli.app).

Each command parses its options, makes one call into :mod:`jiekun.model.flows`, writes
the trend workbook (:mod:`jiekun.report.trend`) and renders. pandas and rich
are imported inside the commands, so ``jiekun --help`` stays fast. (No
``from __future__ import annotations`` here: the option types are local names of
``register``, and Typer evaluates the annotations.)
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

WORDS = {
    "zh": {
        "reading": "读取花名册",
        "rows": "行",
        "title_batch": "困难职工月度趋势",
        "title_compare": "困难职工变动对比",
        "source": "来源",
        "rules": "规则",
        "as_of": "年龄计算",
        "as_of_eom": "各月月末",
        "as_of_mixed": "文件名中的月份的月末；没有月份的按 {date}",
        "month": "月份",
        "roster": "花名册",
        "workers": "职工",
        "hardship": "困难(含特困)",
        "share": "占比",
        "extreme": "特困",
        "check": "核对",
        "undetermined": "无法判定",
        "t_counts": "每月人数",
        "t_flows": "与上一份花名册相比的流动（人）",
        "part_of_stayed": "（属持续困难）",
        "recon_ok": "✓ 核对：{n} 份花名册共读取 {rows:,} 行 = 职工 {workers:,} + 重复 {dups:,} + 非职工行 {non:,}；每次流动的上期、本期困难人数都已分解清楚。",
        "recon_bad": "✗ 核对不相符：{what}。请把这个情况报告给开发者。",
        "problems": "数据问题：错误 {e:,} 条，警告 {w:,} 条（逐行查看：jiekun check 文件名）",
        "untracked": "警告：{n:,} 人次无法追踪（身份证号无效，或某个月收入/家庭人口缺失无法判定），"
        "没有计入新增、脱困等流动。请核实并更正花名册；完整名单见趋势工作簿的“流动明细”表（流动＝无法追踪）。",
        "untracked_json": "警告：{n} 人次无法追踪（身份证号无效或收入无法判定），名单见趋势工作簿的“流动明细”表，或在 JSON 模式下加 -o 写出工作簿。",
        "u_flow": "比较",
        "u_name": "姓名",
        "u_id": "身份证号",
        "u_where": "行号(上期→本期)",
        "why_id": "身份证号{what}",
        "why_undetermined_after": "本期收入/人口缺失",
        "why_undetermined_before": "上期收入/人口缺失",
        "id_blank": "为空",
        "id_bad_checksum": "校验位错",
        "id_bad_birth": "出生日期不存在",
        "id_lost_digits": "末位丢失",
        "id_bad_length": "位数不对",
        "id_bad_chars": "有非法字符",
        "id_other": "无效",
        "blank": "（空）",
        "u_why": "原因",
        "more": "……另有 {n} 人次，见工作簿",
        "written": "已写出趋势工作簿：",
        "written_compare": "已写出对比工作簿：",
        "flow": "流动",
        "people": "人数",
        "note": "注意：",
        "no_history": "提示：compare 只看两份花名册，没有更早的记录，回到困难的职工都计为“新增”；要区分“返困”，请用 jiekun batch 处理包含更早月份的整个文件夹。",
        "before": "上期",
        "after": "本期",
    },
    "en": {
        "reading": "Reading rosters",
        "rows": "rows",
        "title_batch": "Hardship workers by month",
        "title_compare": "Hardship workers: comparison",
        "source": "Source",
        "rules": "Rules",
        "as_of": "Ages at",
        "as_of_eom": "the end of each month",
        "as_of_mixed": "end of the month in the file name; {date} for files without one",
        "month": "Month",
        "roster": "Roster",
        "workers": "Workers",
        "hardship": "Hardship",
        "share": "Share",
        "extreme": "Extreme",
        "check": "Check",
        "undetermined": "Undet.",
        "t_counts": "People each month",
        "t_flows": "Flows since the roster before (people)",
        "part_of_stayed": " (part of stayed)",
        "recon_ok": "✓ Check: {n} rosters, {rows:,} rows read = {workers:,} workers + {dups:,} duplicates + {non:,} non-worker rows; every flow accounts for both months' hardship workers.",
        "recon_bad": "✗ Check failed: {what}. Please report this to the developers.",
        "problems": "Data problems: {e:,} errors, {w:,} warnings (row by row: jiekun check FILE)",
        "untracked": "Warning: {n:,} untracked cases (invalid ID number, or income/household size missing in one "
        "month); they are not counted as entered, exited etc. Please check and correct the rosters; the full list is on "
        "the workbook's 'Flows' sheet (flow = Untracked).",
        "untracked_json": "Warning: {n} untracked cases (invalid ID or undetermined income); add -o to write the workbook with the list.",
        "u_flow": "Between",
        "u_name": "Name",
        "u_id": "ID number",
        "u_where": "Rows (before→after)",
        "why_id": "ID {what}",
        "why_undetermined_after": "income/size missing after",
        "why_undetermined_before": "income/size missing before",
        "id_blank": "blank",
        "id_bad_checksum": "wrong check digit",
        "id_bad_birth": "impossible birth date",
        "id_lost_digits": "lost digits",
        "id_bad_length": "wrong length",
        "id_bad_chars": "invalid characters",
        "id_other": "invalid",
        "blank": "(blank)",
        "u_why": "Why",
        "more": "… and {n} more, see the workbook",
        "written": "Trend workbook written: ",
        "written_compare": "Comparison workbook written: ",
        "flow": "Flow",
        "people": "People",
        "note": "Note: ",
        "no_history": "Tip: compare sees only two rosters and no earlier months, so workers back in hardship count as "
        "entered; run jiekun batch on a folder with the earlier months to tell returned apart.",
        "before": "before",
        "after": "after",
    },
}
#: Untracked workers listed on the terminal (the workbook lists them all).
SHOW_UNTRACKED = 10


@contextmanager
def _progress(lang: str) -> Iterator:
    """One progress bar on stderr (files done, rows, elapsed); None when stderr is not a terminal.

    No refresh thread: the bar is redrawn from the callback (called as files
    finish and a few times a second while waiting), so no thread is running
    when the reading processes are forked.
    """
    from rich.console import Console

    console = Console(stderr=True)
    if not console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    w = WORDS[lang]
    with Progress(
        TextColumn(w["reading"]),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rows]:,} " + w["rows"]),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        auto_refresh=False,
    ) as bar:
        task = bar.add_task(w["reading"], total=None, rows=0)

        def on_file(done: int, total: int, rows: int) -> None:
            bar.update(task, completed=done, total=total, rows=rows)
            bar.refresh()

        bar.refresh()
        yield on_file


def _untracked_rows(series, lang: str) -> list[tuple[str, str, str, str, str]]:
    """(between, name, masked ID, rows, why) of each untracked worker, short enough for a terminal."""
    import pandas as pd

    from jiekun.model.ids import mask_ids

    u = series.untracked
    if not len(u):
        return []
    w = WORDS[lang]
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


def _render(series, lang: str, out: Path | None) -> None:
    from rich.console import Console
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from jiekun.model.flows import FLOW_KEYS, flow_label
    from jiekun.text import pct

    w = WORDS[lang]
    c = Console()
    compare = series.kind == "compare"
    r = series.rules
    op = "≤" if r.inclusive else "<"
    rules = ("，" if lang == "zh" else ", ").join(
        f"{r.tier_label(i, lang)} {op} {t.max_per_capita:g}" for i, t in enumerate(r.tiers)
    )
    info = Table.grid(padding=(0, 2))
    info.add_row(w["source"], ("；" if lang == "zh" else "; ").join(m.source for m in series.months) if compare else
                 f"{series.months[0].source} … {series.months[-1].source}（{len(series.months)}）")  # fmt: skip
    info.add_row(w["rules"], rules)
    rule = series.as_of_rule
    if rule == "end_of_month":
        info.add_row(w["as_of"], w["as_of_eom"])
    elif rule == "mixed":
        other = next((m.as_of for m in series.months if not m.month), series.months[0].as_of)
        info.add_row(w["as_of"], w["as_of_mixed"].format(date=other.isoformat()))
    else:
        info.add_row(w["as_of"], rule)
    c.print(Panel(info, title=w["title_compare" if compare else "title_batch"], expand=False))

    flows = {f.target: f for f in series.flows}
    counts = Table(title=w["t_counts"], title_justify="left")
    counts.add_column(w["roster" if compare else "month"], no_wrap=True)
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
    c.print(counts)
    if compare and series.flows:
        f = series.flows[0]
        table = Table(title=w["t_flows"], title_justify="left")
        table.add_column(w["flow"])
        table.add_column(w["people"], justify="right")
        for k in FLOW_KEYS:
            label = flow_label(k, lang) + (w["part_of_stayed"] if k in ("worsened", "eased") else "")
            table.add_row(
                label, Text(f"{f.counts[k]:,}", style="yellow" if k == "untracked" and f.counts[k] else "")
            )
        c.print(table)
    elif series.flows:
        table = Table(title=w["t_flows"], title_justify="left")
        table.add_column(w["month"], no_wrap=True)
        for k in FLOW_KEYS:
            table.add_column(flow_label(k, lang), justify="right")
        for f in series.flows:
            cells = [Text(f"{f.counts[k]:,}", style="yellow" if k == "untracked" and f.counts[k] else "")
                     for k in FLOW_KEYS]  # fmt: skip
            table.add_row(f.target, *cells)
        c.print(table)

    bad = [m.label for m in series.months if not m.reconciled]
    bad += [f"{f.source}→{f.target}" for f in series.flows if not f.balanced]
    tot = {k: sum(getattr(m.tally, k) for m in series.months) for k in ("rows_read", "workers", "duplicates",
                                                                        "non_worker_rows")}  # fmt: skip
    if bad:
        c.print(Text(w["recon_bad"].format(what="、".join(bad)), style="bold red"), soft_wrap=True)
    else:
        c.print(Text(w["recon_ok"].format(n=len(series.months), rows=tot["rows_read"], workers=tot["workers"],
                                          dups=tot["duplicates"], non=tot["non_worker_rows"]), style="green"), soft_wrap=True)  # fmt: skip
    e = sum(m.tally.problems["error"] for m in series.months)
    wn = sum(m.tally.problems["warning"] for m in series.months)
    c.print(
        Text(w["problems"].format(e=e, w=wn), style="red" if e else ("yellow" if wn else "green")),
        soft_wrap=True,
    )
    for note in series.notes:
        c.print(Text(w["note"] + note, style="yellow"), soft_wrap=True)
    if compare:
        c.print(Text(w["no_history"], style="dim"), soft_wrap=True)

    rows = _untracked_rows(series, lang)
    if rows:
        c.print(Text(w["untracked"].format(n=len(rows)), style="bold yellow"), soft_wrap=True)
        u = Table(show_edge=False, pad_edge=False)
        for head in ("u_flow", "u_name", "u_id", "u_where", "u_why"):
            u.add_column(w[head], no_wrap=head != "u_why", overflow="fold")
        for row in rows[:SHOW_UNTRACKED]:
            u.add_row(*row)
        c.print(u)
        if len(rows) > SHOW_UNTRACKED:
            c.print(Text(w["more"].format(n=len(rows) - SHOW_UNTRACKED), style="dim"), soft_wrap=True)
    if out is not None:
        typer.echo(w["written_compare" if compare else "written"] + str(out))


def _warn_untracked(series, lang: str, out: Path | None) -> None:
    """In JSON mode: one line on stderr when some workers could not be tracked."""
    n = sum(f.counts["untracked"] for f in series.flows)
    if n:
        from rich.console import Console

        w = WORDS[lang]
        text = w["untracked"] if out is not None else w["untracked_json"]
        Console(stderr=True, highlight=False).print(text.format(n=n), style="yellow", soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    from jiekun.cli.common import (
        DibaoOpt,
        EncodingOpt,
        JsonOpt,
        Lang,
        LangOpt,
        MaskIdsWorkbookOpt,
        ProfileOpt,
        RulesOpt,
        SheetOpt,
        active_rules,
        fail,
        guard,
        output_path,
        parse_as_of,
        print_json,
    )

    Output = Annotated[
        Path | None,
        typer.Option("-o", "--output", help="工作簿路径（默认见上）。", show_default=False),
    ]
    Force = Annotated[bool, typer.Option("--force", help="覆盖已存在的工作簿。")]
    Jobs = Annotated[
        int | None,
        typer.Option(
            "-j", "--jobs", min=1, help="同时读取的文件数（默认等于 CPU 核数）。", show_default=False
        ),
    ]
    AsOfAll = Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="统一的年龄计算日期 YYYY-MM-DD（默认：每份花名册按其月份的月末）。",
            show_default=False,
        ),
    ]

    @app.command()
    def batch(
        paths: Annotated[
            list[Path],
            typer.Argument(help="一个文件夹（每月一份花名册），或几份花名册文件。", show_default=False),
        ],
        output: Output = None,
        month: Annotated[
            list[str] | None,
            typer.Option(
                "--month",
                help="按文件顺序为每个文件指定月份 YYYY-MM（重复给出，每个文件一次），代替从文件名读取。",
                show_default=False,
            ),
        ] = None,
        month_from_name: Annotated[
            bool, typer.Option("--month-from-name", help="从文件名读取月份（默认）。")
        ] = False,
        as_of_end_of_month: Annotated[
            bool, typer.Option("--as-of-end-of-month", help="年龄按每份花名册所属月份的月末计算（默认）。")
        ] = False,
        as_of: AsOfAll = None,
        rules: RulesOpt = None,
        profile: ProfileOpt = None,
        dibao: DibaoOpt = None,
        sheet: SheetOpt = None,
        encoding: EncodingOpt = None,
        lang: LangOpt = Lang.zh,
        mask_ids: MaskIdsWorkbookOpt = False,
        jobs: Jobs = None,
        force: Force = False,
        as_json: JsonOpt = False,
    ) -> None:
        """月度批量统计：每月人数与困难职工的流动（新增、返困、脱困、离册……），写出趋势工作簿。
        Monthly statistics and hardship flows over a folder of monthly rosters.

        The month of each file comes from its name (2025-03, 2025_03, 2025.03, 202503,
        2025年3月) or from --month, given once per file in order. The workbook goes to
        <folder name>-trend.xlsx in the current folder unless -o says otherwise; with
        --json only the JSON is printed and a workbook is written only when -o is given.

        Example:

            jiekun batch samples/monthly/

            jiekun batch 1月.xlsx 2月.xlsx --month 2025-01 --month 2025-02 -o 趋势.xlsx

            jiekun batch samples/monthly/ --json
        """

        def run():
            from jiekun.io.output import check_target
            from jiekun.model.flows import batch as run_batch
            from jiekun.report.trend import default_trend_path, write_trend_report

            if month and month_from_name:
                raise fail("--month 与 --month-from-name 只能选一个。")
            if as_of and as_of_end_of_month:
                raise fail("--as-of 与 --as-of-end-of-month 只能选一个。")
            r, date = active_rules(rules, profile, dibao), parse_as_of(as_of)
            out = output_path(output, as_json, lambda: default_trend_path(paths))
            if out is not None:
                check_target(out, force=force, inputs=tuple(p for p in paths if not p.is_dir()))
            with _progress(lang.value) as on_file:
                series = run_batch(paths, months=month, rules=r, as_of=date, sheet=sheet, encoding=encoding,
                                   workers=jobs, on_file=on_file)  # fmt: skip
            if out is not None:
                write_trend_report(series, out, lang=lang.value, mask_ids=mask_ids, force=force)
            if as_json:
                print_json(series.to_json(lang.value))
                _warn_untracked(series, lang.value, out)
            else:
                _render(series, lang.value, out)

        guard(run)

    @app.command()
    def compare(
        old: Annotated[Path, typer.Argument(help="较早的花名册（上期）。", show_default=False)],
        new: Annotated[Path, typer.Argument(help="较新的花名册（本期）。", show_default=False)],
        output: Output = None,
        as_of: AsOfAll = None,
        rules: RulesOpt = None,
        profile: ProfileOpt = None,
        dibao: DibaoOpt = None,
        sheet: SheetOpt = None,
        encoding: EncodingOpt = None,
        lang: LangOpt = Lang.zh,
        mask_ids: MaskIdsWorkbookOpt = False,
        force: Force = False,
        as_json: JsonOpt = False,
    ) -> None:
        """对比两份花名册：按身份证号列出新增、脱困、离册、加重、减轻等流动，写出对比工作簿。
        The hardship flows between two rosters, by ID number.

        Ages are taken at the end of the month in each file name (else --as-of, else
        today). The workbook goes to compare-report.xlsx in the current folder unless
        -o says otherwise; with --json one flow object is printed ("from"/"to" are the
        months, or the file names) and a workbook is written only when -o is given.

        Example:

            jiekun compare samples/monthly/2025-02.xlsx samples/monthly/2025-03.xlsx

            jiekun compare 上月.xlsx 本月.xlsx -o 变动.xlsx --json
        """

        def run():
            from jiekun.io.output import check_target
            from jiekun.model.flows import compare as run_compare
            from jiekun.report.trend import default_compare_path, write_trend_report

            r, date = active_rules(rules, profile, dibao), parse_as_of(as_of)
            out = output_path(output, as_json, default_compare_path)
            if out is not None:
                check_target(out, force=force, inputs=(old, new))
            with _progress(lang.value) as on_file:
                series = run_compare(old, new, rules=r, as_of=date, sheet=sheet, encoding=encoding,
                                     on_file=on_file)  # fmt: skip
            if out is not None:
                write_trend_report(series, out, lang=lang.value, mask_ids=mask_ids, force=force)
            if as_json:
                print_json(series.flows[0].to_json())
                _warn_untracked(series, lang.value, out)
            else:
                _render(series, lang.value, out)

        guard(run)
