"""The trend workbook of ``jiekun batch`` and ``jiekun compare`` (issue 5).

Sheets, in order (English names with ``lang="en"``):

- 月度趋势 Trend (对比汇总 Comparison for ``compare``): one row per month:
  workers, hardship, extreme, shares, undetermined, data errors, and the flows
  in from the month before; a native line chart of hardship and extreme over
  time and a stacked column chart of the flows (in-flows up, out-flows down).
- one sheet per month (named by the month, e.g. ``2025-03``): that month's
  survey table, as on the classify report's 汇总 sheet.
- 流动明细 Flows: one row per worker per flow (month, flow, name, ID, employer,
  per-capita before and after, tier before and after, the Excel rows, why a
  worker could not be tracked), with an autofilter; continues on 流动明细(2)…
  past Excel's row limit.
- 说明 About: the files read with their SHA-256 and row reconciliation, the
  rules, the as-of rule, the flow definitions, warnings.

Written with XlsxWriter to a temporary file and renamed into place
(:func:`jiekun.io.output.write_via_temp`); every roster value is written with
``write_string``, so nothing in a roster becomes a formula. See docs/flows.md.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path
from typing import TYPE_CHECKING

from jiekun.model.flows import FLOW_KEYS, UNDETERMINED, UNKNOWN_TIER, flow_label
from jiekun.report.roster import FORMATS as REPORT_FORMATS
from jiekun.report.roster import WORKBOOK_OPTIONS, text_width
from jiekun.report.sheets import key_value_sheet, page_setup, write_share

if TYPE_CHECKING:
    from jiekun.model.flows import Month, Series

__all__ = ["TEXT", "default_compare_path", "default_trend_path", "write_trend_report"]

EXCEL_ROWS = 1_048_576
MAX_WIDTH = 48
#: Flows drawn in the stacked chart: in-flows above the axis, out-flows below it.
CHART_IN = ("entered", "returned")
CHART_OUT = ("exited", "left_roster")
FLOW_COLOURS = {"entered": "#ED7D31", "returned": "#C00000", "exited": "#70AD47", "left_roster": "#A5A5A5"}
UNTRACKED_FILL = "#FCE4D6"
EXTREME_FILL = "#F8D7DA"

TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "trend": "月度趋势",
        "comparison": "对比汇总",
        "flows": "流动明细",
        "about": "说明",
        "title_batch": "困难职工月度趋势（{first} 至 {last}）",
        "title_compare": "困难职工变动对比（{first} → {last}）",
        "subtitle_batch": "共 {n} 份花名册；年龄按{as_of}计算；流动为与上一份花名册相比（按身份证号）。",
        "subtitle_compare": "{old} → {new}；年龄按{as_of}计算；流动按身份证号比对。",
        "as_of_eom": "各月月末",
        "as_of_date": "统一日期 {date}",
        "as_of_mixed": "各自的统计日期（见说明表）",
        "rules": "规则：{rules}（家庭人均月收入）",
        "month": "月份",
        "roster": "花名册",
        "now": "当月人数",
        "inflow": "与上一份相比的流动（人）",
        "workers": "职工总数",
        "share": "占职工",
        "undetermined": "无法判定",
        "errors": "数据错误",
        "check": "核对",
        "first_row": "—",
        "trend_note": "注：困难职工含特困职工；持续困难含加重、减轻；“无法追踪”的人员名单见“{sheet}”表；流动的定义见“{about}”表。",
        "chart_trend": "困难职工人数变化（人）",
        "chart_flows": "困难职工流动（人；流出记为负数）",
        "chart_data": "图表数据（流出记为负数）",
        "out_suffix": "（流出）",
        # month sheets
        "month_title": "{label} 困难职工基本情况",
        "as_of": "统计日期：{date}",
        "source": "来源：{source}",
        "source_sheet": "来源：{source}（工作表：{sheet}）",
        "item": "项目",
        "people": "人数",
        "share_of_workers": "占职工总数",
        "of_which": "其中：",
        "not_hardship": "非困难职工",
        "survey_title": "困难职工分组统计",
        "group": "分组",
        "count": "人数",
        "share_col": "占比",
        "by_age_gender": "按年龄性别",
        "by_education": "按文化程度",
        "total": "合计",
        "share_note": "注：占比＝该组人数÷本列合计；困难职工含特困职工。",
        "causes_title": "致困原因（按原因计数，一人可有多个原因）",
        "cause": "致困原因",
        "times": "人次",
        "recon": "核对：读取 {rows:,} 行 = 职工 {workers:,} + 重复 {dups:,} + 非职工行 {non:,}",
        "recon_ok": "（无遗漏）",
        "recon_bad": "（不相符，请报告开发者）",
        "problem_line": "数据问题：错误 {e:,} 条，警告 {w:,} 条（逐行查看：jiekun check {file}）。",
        "month_flows": "与上一份花名册（{before}）相比的流动",
        "part_of_stayed": "（属持续困难）",
        # detail
        "d_month": "月份",
        "d_from": "上期",
        "d_flow": "流动",
        "d_name": "姓名",
        "d_id": "身份证号",
        "d_employer": "工作单位",
        "d_pc_before": "上期人均月收入",
        "d_pc_after": "本期人均月收入",
        "d_tier_before": "上期类别",
        "d_tier_after": "本期类别",
        "d_row_before": "上期行号",
        "d_row_after": "本期行号",
        "d_note": "说明",
        "not_on_roster": "不在册",
        "unknown_side": "（无法对应）",
        "no_flows": "没有可比较的两个月，因此没有流动。",
        "undetermined_after": "本期收入或家庭人口缺失/无效，无法判定是否仍困难",
        "undetermined_before": "上期收入或家庭人口缺失/无效，无法判定流入类型",
        "no_valid_id": "身份证号{what}，无法跨月对应",
        "id_blank": "为空",
        "id_bad_checksum": "校验位错误",
        "id_bad_birth": "中的出生日期不存在",
        "id_lost_digits": "被 Excel 存成数字、末位丢失",
        "id_bad_length": "位数不对",
        "id_bad_chars": "含有非法字符",
        "id_other": "无效",
        # about
        "about_title": "说明",
        "sec_report": "报告",
        "tool": "工具",
        "written": "生成时间",
        "kind": "内容",
        "kind_batch": "月度批量统计：{n} 份花名册，{k} 次相邻比较",
        "kind_compare": "两份花名册对比",
        "as_of_rule": "年龄计算日期",
        "as_of_rule_eom": "各份花名册按其月份的月末计算（例如 2025-03 → 2025-03-31），使各月口径一致",
        "as_of_rule_date": "所有花名册统一按 {date} 计算",
        "as_of_rule_mixed": "文件名含月份的按该月月末，其余按 {date}",
        "language": "语言",
        "masked": "身份证号打码",
        "yes": "是",
        "no": "否",
        "sec_defs": "流动的定义（按身份证号；H＝困难职工含特困，E＝{extreme}）",
        "def_entered": "本期在 H，上期不在 H（非困难或不在册），且此前任何一个月都不曾在 H（含新入册职工）",
        "def_returned": "本期在 H，上期不在 H，但在上期之前的某个月曾在 H",
        "def_exited": "上期在 H，本期仍在册但经判定不在 H",
        "def_left_roster": "上期在 H，本期不在花名册上",
        "def_stayed": "上期、本期都在 H（含加重、减轻）",
        "def_worsened": "上期在 H 但不是 E，本期是 E（是持续困难的一部分）",
        "def_eased": "上期是 E，本期在 H 但不是 E（是持续困难的一部分）",
        "def_untracked": "无法确定流向的困难职工：身份证号有效、一期在 H 而另一期无法判定（收入或人口缺失）的；"
        "以及身份证号无效或为空、在本月属于 H 的行（每行计一次，上下两期分别计）。逐人列在流动明细表，请核实后更正花名册。",
        "def_identity": "身份识别",
        "def_identity_v": "以校验通过的 18 位身份证号为准（15 位旧号先换算为 18 位）；只统计职工行（重复行、空行、合计行、表尾不计）。",
        "def_check": "核对关系",
        "def_check_v": "上期 H ＝ 持续困难 ＋ 脱困 ＋ 离册 ＋ 上期一侧的无法追踪；本期 H ＝ 持续困难 ＋ 新增 ＋ 返困 ＋ 本期一侧的无法追踪。",
        "sec_files": "读取的文件",
        "f_file": "文件",
        "f_sha": "SHA-256",
        "f_where": "格式：{fmt}；工作表：{sheet}；表头在第 {row} 行；统计日期：{as_of}",
        "f_encoding": "；编码：{enc}",
        "f_columns": "列识别",
        "sec_rules": "规则",
        "rules_file": "规则文件",
        "builtin": "内置默认规则",
        "profile": "方案",
        "profile_survey": "调研口径",
        "profile_dibao": "低保倍数口径（低保标准 {d} 元/月）",
        "tier_n": "第 {i} 档",
        "tier_rule": "{label}：家庭人均月收入 {op} {bound} 元",
        "sec_flow_check": "流动核对",
        "flow_check": "{src} → {dst}：上期困难 {hb:,} ＝ {s:,} ＋ {x:,} ＋ {l:,} ＋ {ub:,}；本期困难 {ha:,} ＝ {s:,} ＋ {e:,} ＋ {r:,} ＋ {ua:,}",
        "sec_notes": "注意",
        "note": "注意",
        "untracked_note": "共有 {n:,} 人次无法追踪（见“{sheet}”表中“{label}”的行）。",
        "footer": "&C第 &P 页，共 &N 页",
    },
    "en": {
        "trend": "Trend",
        "comparison": "Comparison",
        "flows": "Flows",
        "about": "About",
        "title_batch": "Hardship workers by month ({first} to {last})",
        "title_compare": "Hardship workers: {first} → {last}",
        "subtitle_batch": "{n} rosters; ages at {as_of}; flows against the roster before (by ID number).",
        "subtitle_compare": "{old} → {new}; ages at {as_of}; flows by ID number.",
        "as_of_eom": "the end of each month",
        "as_of_date": "{date} for all",
        "as_of_mixed": "each roster's own date (see About)",
        "rules": "Rules: {rules} (household per-capita monthly income)",
        "month": "Month",
        "roster": "Roster",
        "now": "This month",
        "inflow": "Flows since the roster before (people)",
        "workers": "Workers",
        "share": "Share",
        "undetermined": "Undetermined",
        "errors": "Data errors",
        "check": "Check",
        "first_row": "—",
        "trend_note": "Hardship includes extreme hardship; stayed includes worsened and eased; untracked workers are listed on '{sheet}'; the flows are defined on '{about}'.",
        "chart_trend": "Hardship workers (people)",
        "chart_flows": "Hardship flows (people; outflows negative)",
        "chart_data": "Chart data (outflows negative)",
        "out_suffix": " (out)",
        "month_title": "{label}: hardship workers",
        "as_of": "As of: {date}",
        "source": "Source: {source}",
        "source_sheet": "Source: {source} (sheet: {sheet})",
        "item": "Item",
        "people": "People",
        "share_of_workers": "Share of workers",
        "of_which": "of which ",
        "not_hardship": "Not in hardship",
        "survey_title": "Hardship workers by group",
        "group": "Group",
        "count": "People",
        "share_col": "Share",
        "by_age_gender": "By age and gender",
        "by_education": "By education",
        "total": "Total",
        "share_note": "Share = people in the group ÷ the column total; hardship includes extreme hardship.",
        "causes_title": "Causes (counts causes; a worker may name several)",
        "cause": "Cause",
        "times": "mentions",
        "recon": "Check: {rows:,} rows read = {workers:,} workers + {dups:,} duplicates + {non:,} non-worker rows",
        "recon_ok": " (nothing lost)",
        "recon_bad": " (does NOT add up; please report this)",
        "problem_line": "Data problems: {e:,} errors, {w:,} warnings (row by row: jiekun check {file}).",
        "month_flows": "Flows since the roster before ({before})",
        "part_of_stayed": " (part of stayed)",
        "d_month": "Month",
        "d_from": "Before",
        "d_flow": "Flow",
        "d_name": "Name",
        "d_id": "ID number",
        "d_employer": "Employer",
        "d_pc_before": "Per capita before",
        "d_pc_after": "Per capita after",
        "d_tier_before": "Tier before",
        "d_tier_after": "Tier after",
        "d_row_before": "Row before",
        "d_row_after": "Row after",
        "d_note": "Note",
        "not_on_roster": "Not on roster",
        "unknown_side": "(cannot be matched)",
        "no_flows": "There are no two months to compare, so there are no flows.",
        "undetermined_after": "Income or household size missing/invalid this month: cannot tell whether still in hardship",
        "undetermined_before": "Income or household size missing/invalid the month before: cannot tell the kind of inflow",
        "no_valid_id": "ID number {what}: cannot be matched across months",
        "id_blank": "is blank",
        "id_bad_checksum": "has a wrong check digit",
        "id_bad_birth": "holds a birth date that does not exist",
        "id_lost_digits": "was stored as a number by Excel and lost digits",
        "id_bad_length": "has the wrong length",
        "id_bad_chars": "has invalid characters",
        "id_other": "is invalid",
        "about_title": "About this workbook",
        "sec_report": "Report",
        "tool": "Tool",
        "written": "Written",
        "kind": "Content",
        "kind_batch": "Monthly batch: {n} rosters, {k} comparisons of neighbours",
        "kind_compare": "Comparison of two rosters",
        "as_of_rule": "Ages computed at",
        "as_of_rule_eom": "the end of each roster's month (2025-03 → 2025-03-31), so months are consistent",
        "as_of_rule_date": "{date} for every roster",
        "as_of_rule_mixed": "end of the month in the file name; {date} for files without one",
        "language": "Language",
        "masked": "ID numbers masked",
        "yes": "yes",
        "no": "no",
        "sec_defs": "Flow definitions (by ID number; H = hardship incl. extreme, E = {extreme})",
        "def_entered": "in H now, not in H before (not in hardship or not on the roster), and never in H in any earlier month (new workers included)",
        "def_returned": "in H now, not in H before, but in H in some month before that",
        "def_exited": "in H before, still on the roster now and determined not in H",
        "def_left_roster": "in H before, not on the roster now",
        "def_stayed": "in H before and now (includes worsened and eased)",
        "def_worsened": "in H but not E before, in E now (part of stayed)",
        "def_eased": "in E before, in H but not E now (part of stayed)",
        "def_untracked": "hardship workers whose flow cannot be known: a valid ID in H in one month and undetermined "
        "in the other; and rows without a valid ID that are in H in their month (each row once, both sides counted). "
        "Listed one by one on the flows sheet, to be corrected in the rosters.",
        "def_identity": "Identity",
        "def_identity_v": "the validated 18-digit ID number (15-digit IDs converted first); counted worker rows only (duplicates, blank, total and footer rows excluded).",
        "def_check": "Checks",
        "def_check_v": "H before = stayed + exited + left roster + untracked on the earlier side; H now = stayed + entered + returned + untracked on the later side.",
        "sec_files": "Files read",
        "f_file": "File",
        "f_sha": "SHA-256",
        "f_where": "Format: {fmt}; sheet: {sheet}; header on row {row}; as of {as_of}",
        "f_encoding": "; encoding: {enc}",
        "f_columns": "Columns",
        "sec_rules": "Rules",
        "rules_file": "Rules file",
        "builtin": "built-in defaults",
        "profile": "Profile",
        "profile_survey": "survey",
        "profile_dibao": "minimum living standard (低保 {d} yuan a month)",
        "tier_n": "Tier {i}",
        "tier_rule": "{label}: per-capita monthly income {op} {bound} yuan",
        "sec_flow_check": "Flow checks",
        "flow_check": "{src} → {dst}: hardship before {hb:,} = {s:,} + {x:,} + {l:,} + {ub:,}; hardship now {ha:,} = {s:,} + {e:,} + {r:,} + {ua:,}",
        "sec_notes": "Warnings",
        "note": "Note",
        "untracked_note": "{n:,} untracked cases (the '{label}' rows on '{sheet}').",
        "footer": "&CPage &P of &N",
    },
}

#: The formats the report workbook also uses, taken from it as they are.
_SHARED_FORMATS = (
    "title",
    "subtitle",
    "h",
    "section",
    "heading",
    "label",
    "label_indent",
    "int",
    "pct",
    "total_label",
    "total_int",
    "total_pct",
    "note",
    "ok",
    "bad",
    "value",
)

FORMATS: dict[str, dict] = {
    **{name: REPORT_FORMATS[name] for name in _SHARED_FORMATS},
    "h_flow": {
        "bold": True,
        "bg_color": "#FCE4D6",
        "border": 1,
        "align": "center",
        "valign": "vcenter",
        "text_wrap": True,
    },
    "label_c": {"border": 1, "align": "center"},
    "dash": {"border": 1, "align": "center", "font_color": "#808080"},
    "small": {"font_size": 9, "font_color": "#808080"},
    "small_int": {"font_size": 9, "font_color": "#808080", "num_format": "#,##0"},
    "ok_cell": {"font_color": "#006100", "border": 1, "align": "center"},
    "bad_cell": {"font_color": "#C00000", "bold": True, "border": 1, "align": "center"},
    "key": {"bold": True, "valign": "top", "border": 1, "text_wrap": True},
    "d_head": {"bold": True, "bg_color": "#D9E1F2", "border": 1, "valign": "vcenter", "text_wrap": True},
    "d_text": {},
    "d_id": {"num_format": "@"},
    "d_money": {"num_format": "0.00"},
    "d_int": {"num_format": "0"},
    "d_text_u": {"bg_color": UNTRACKED_FILL},
    "d_id_u": {"num_format": "@", "bg_color": UNTRACKED_FILL},
    "d_money_u": {"num_format": "0.00", "bg_color": UNTRACKED_FILL},
    "d_int_u": {"num_format": "0", "bg_color": UNTRACKED_FILL},
}


def _fit(values, header: str = "", lo: float = 6, hi: float = MAX_WIDTH) -> float:
    widest = max((text_width(line) for line in header.split("\n")), default=0)
    for v in values:
        if isinstance(v, str) and v:
            widest = max(widest, text_width(v))
    return float(min(hi, max(lo, widest + 2)))


def _header_width(head: str) -> float:
    """A column width for a wrapped header: its longest word fits, two or three lines at most."""
    longest = max((text_width(w) for w in head.split()), default=0)
    return float(min(16.0, max(8.0, longest + 2, text_width(head) / 2 + 2)))


def default_trend_path(paths: list[str | Path]) -> Path:
    """``<folder name>-trend.xlsx`` in the current folder.

    The folder is the one given, or the one holding all the files given; files
    from several folders give ``batch-trend.xlsx``.
    """
    folders = {(Path(p) if Path(p).is_dir() else Path(p).parent).resolve() for p in paths}
    name = next(iter(folders)).name if len(folders) == 1 else ""
    return Path.cwd() / f"{name or 'batch'}-trend.xlsx"


def default_compare_path() -> Path:
    """``compare-report.xlsx`` in the current folder."""
    return Path.cwd() / "compare-report.xlsx"


_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _sheet_names(labels: list[str], taken: set[str]) -> list[str]:
    """Valid, unique worksheet names (31 characters, no []:*?/\\) for the month sheets."""
    out = []
    used = {t.lower() for t in taken}
    for label in labels:
        base = _BAD_SHEET_CHARS.sub("_", label).strip("'") or "sheet"
        base = base[:31]
        name, k = base, 2
        while name.lower() in used:
            suffix = f"({k})"
            name, k = base[: 31 - len(suffix)] + suffix, k + 1
        used.add(name.lower())
        out.append(name)
    return out


def write_trend_report(
    series: Series,
    path: str | Path,
    *,
    lang: str = "zh",
    mask_ids: bool = False,
    force: bool = False,
) -> Path:
    """Write the trend workbook of a series (or of a compare); returns the path written.

    Refuses to write over an input roster (even with ``force``) or over an
    existing file without ``force`` (``OutputError``), and writes through a
    temporary file, so a failure leaves no partial workbook.

    >>> write_trend_report(batch(["samples/monthly"]), "monthly-trend.xlsx")  # doctest: +SKIP
    """
    from jiekun.io.output import check_target, write_via_temp

    if lang not in TEXT:
        raise ValueError(f"lang must be one of {', '.join(TEXT)}, not {lang!r}")
    out = Path(path)
    check_target(out, force=force, inputs=tuple(m.path for m in series.months))
    write_via_temp(out, lambda tmp: _write(series, tmp, lang, mask_ids))
    return out


# ------------------------------------------------------------------ the writer


class _Book:
    def __init__(self, wb, series: Series, lang: str, mask: bool):
        self.wb = wb
        self.series = series
        self.lang = lang
        self.tx = TEXT[lang]
        self.mask = mask
        self.rules = series.rules
        self._formats: dict = {}
        self.names = {
            "trend": self.tx["comparison" if series.kind == "compare" else "trend"],
            "flows": self.tx["flows"],
            "about": self.tx["about"],
        }
        self.month_sheets = _sheet_names([m.label for m in series.months], set(self.names.values()))

    def fmt(self, name: str, **extra):
        key = (name, tuple(sorted(extra.items())))
        if key not in self._formats:
            self._formats[key] = self.wb.add_format({**FORMATS[name], **extra})
        return self._formats[key]

    def hardship_label(self) -> str:
        first = self.rules.tier_label(0, self.lang)
        if self.lang == "en":
            return f"Hardship (incl. {first[0].lower()}{first[1:]})"
        return f"困难职工（含{first.removesuffix('职工')}）"

    def tier_name(self, code: int) -> str:
        from jiekun.model.labels import status_label

        k = len(self.rules.tiers)
        if 0 <= code < k:
            return self.rules.tier_label(code, self.lang)
        if code == k:
            return status_label("not_hardship", self.lang)
        if code == UNDETERMINED:
            return status_label("undetermined", self.lang)
        if code == UNKNOWN_TIER:
            return self.tx["unknown_side"]
        return self.tx["not_on_roster"]

    def rules_line(self) -> str:
        r = self.rules
        op = "≤" if r.inclusive else "<"
        sep = "，" if self.lang == "zh" else ", "
        unit = "元" if self.lang == "zh" else " yuan"
        return sep.join(
            f"{r.tier_label(i, self.lang)} {op} {t.max_per_capita:g}{unit}" for i, t in enumerate(r.tiers)
        )

    def page(self, ws, *, landscape: bool, repeat: tuple[int, int] | None = None, tall: int = 0) -> None:
        page_setup(ws, self, landscape=landscape, repeat=repeat, tall=tall)


def _write(series: Series, tmp: Path, lang: str, mask: bool) -> None:
    import xlsxwriter

    from jiekun import __version__

    wb = xlsxwriter.Workbook(str(tmp), {**WORKBOOK_OPTIONS})
    book = _Book(wb, series, lang, mask)
    first, last = series.months[0].label, series.months[-1].label
    title = book.tx["title_compare" if series.kind == "compare" else "title_batch"].format(
        first=first, last=last
    )
    wb.set_properties({"title": title, "author": "jiekun", "comments": f"jiekun {__version__}"})
    _trend_sheet(book, title)
    for m, name in zip(series.months, book.month_sheets, strict=True):
        _month_sheet(book, m, name)
    _flow_sheets(book)
    _about_sheet(book)
    wb.close()


def _as_of_phrase(book: _Book) -> str:
    rule = book.series.as_of_rule
    if rule == "end_of_month":
        return book.tx["as_of_eom"]
    if rule == "mixed":
        return book.tx["as_of_mixed"]
    return book.tx["as_of_date"].format(date=rule)


# ------------------------------------------------------------------ 月度趋势


def _trend_sheet(book: _Book, title: str) -> None:
    tx, s, lang = book.tx, book.series, book.lang
    name = book.names["trend"]
    ws = book.wb.add_worksheet(name)
    hl, el = book.hardship_label(), book.rules.tier_label(0, lang)
    now_cols = [tx["workers"], hl, tx["share"], el, tx["share"], tx["undetermined"], tx["errors"]]
    flow_cols = [flow_label(k, lang) for k in FLOW_KEYS]
    ncols = 1 + len(now_cols) + len(flow_cols) + 1
    last_col = ncols - 1

    ws.set_row(0, 30)
    ws.merge_range(0, 0, 0, last_col, title, book.fmt("title"))
    sub = book.fmt("subtitle")
    if s.kind == "compare":
        line = tx["subtitle_compare"].format(
            old=s.months[0].source, new=s.months[-1].source, as_of=_as_of_phrase(book)
        )
    else:
        line = tx["subtitle_batch"].format(n=len(s.months), as_of=_as_of_phrase(book))
    ws.write_string(1, 0, line, sub)
    ws.write_string(2, 0, tx["rules"].format(rules=book.rules_line()), sub)

    # header: two rows
    h, hf = book.fmt("h"), book.fmt("h_flow")
    r0 = 4
    ws.merge_range(r0, 0, r0 + 1, 0, tx["month" if s.kind == "batch" else "roster"], h)
    ws.merge_range(r0, 1, r0, len(now_cols), tx["now"], h)
    ws.merge_range(r0, len(now_cols) + 1, r0, len(now_cols) + len(flow_cols), tx["inflow"], hf)
    for j, head in enumerate(now_cols):
        ws.write_string(r0 + 1, 1 + j, head, h)
    for j, head in enumerate(flow_cols):
        ws.write_string(r0 + 1, 1 + len(now_cols) + j, head, hf)
    ws.merge_range(r0, last_col, r0 + 1, last_col, tx["check"], h)
    lines = max(math.ceil(text_width(hd) / (_header_width(hd) - 1.5)) for hd in now_cols + flow_cols)
    ws.set_row(r0 + 1, 15 * max(2, lines) + 2)

    lbl, num, pct, dash = book.fmt("label_c"), book.fmt("int"), book.fmt("pct"), book.fmt("dash")
    flows = {f.target: f for f in s.flows}
    first_data = r0 + 2
    for i, m in enumerate(s.months):
        r = first_data + i
        t = m.tally
        ws.write_string(r, 0, m.label, lbl)
        ws.write_number(r, 1, t.workers, num)
        ws.write_number(r, 2, t.hardship, num)
        write_share(ws, r, 3, t.hardship, t.workers, pct, dash)
        ws.write_number(r, 4, t.extreme, num)
        write_share(ws, r, 5, t.extreme, t.workers, pct, dash)
        ws.write_number(r, 6, t.undetermined, num)
        ws.write_number(r, 7, t.problems["error"], num)
        f = flows.get(m.label) if i else None
        for j, k in enumerate(FLOW_KEYS):
            c = 1 + len(now_cols) + j
            if f is None:
                ws.write_string(r, c, tx["first_row"], dash)
            else:
                ws.write_number(r, c, f.counts[k], num)
        ok = m.reconciled and (f is None or f.balanced)
        ws.write_string(r, last_col, "✓" if ok else "✗", book.fmt("ok_cell" if ok else "bad_cell"))
    last_data = first_data + len(s.months) - 1
    r = last_data + 1
    ws.write_string(r, 0, tx["trend_note"].format(sheet=book.names["flows"], about=book.names["about"]),
                    book.fmt("note"))  # fmt: skip

    # widths
    widths = [max(10.0, _fit([m.label for m in s.months], tx["month"], hi=30))]
    widths += [_header_width(head) for head in now_cols + flow_cols]
    widths.append(6.0)
    for j, wd in enumerate(widths):
        ws.set_column(j, j, wd)
    ws.freeze_panes(first_data, 1)

    # chart data: in-flows as they are, out-flows negated (to the right, in small grey type)
    cd = last_col + 2
    ws.write_string(r0, cd, tx["chart_data"], book.fmt("small"))
    heads = [tx["month"]] + [flow_label(k, lang) for k in CHART_IN]
    heads += [flow_label(k, lang) + tx["out_suffix"] for k in CHART_OUT]
    for j, head in enumerate(heads):
        ws.write_string(r0 + 1, cd + j, head, book.fmt("small"))
        ws.set_column(cd + j, cd + j, max(8.0, text_width(head) + 1))
    small_int = book.fmt("small_int")
    for i, m in enumerate(s.months[1:], 1):  # a row per flow, beside the month it flows into
        rr = first_data + i
        ws.write_string(rr, cd, m.label, book.fmt("small"))
        f = flows[m.label]
        for j, k in enumerate(CHART_IN + CHART_OUT):
            v = f.counts[k]
            ws.write_number(rr, cd + 1 + j, -v if k in CHART_OUT else v, small_int)

    # charts, side by side under the table
    at = r + 2
    line = book.wb.add_chart({"type": "line"})
    for col, series_name, colour in ((2, hl, "#ED7D31"), (4, el, "#C00000")):
        line.add_series(
            {
                "name": series_name,
                "categories": [name, first_data, 0, last_data, 0],
                "values": [name, first_data, col, last_data, col],
                "line": {"color": colour, "width": 2.25},
                "marker": {
                    "type": "circle",
                    "size": 5,
                    "border": {"color": colour},
                    "fill": {"color": colour},
                },
                "data_labels": {"value": True, "position": "above", "font": {"size": 8}},
            }
        )
    line.set_title({"name": tx["chart_trend"], "name_font": {"size": 11, "bold": True}})
    line.set_legend({"position": "top", "font": {"size": 9}})
    line.set_x_axis({"num_font": {"size": 9}})
    line.set_y_axis({"num_font": {"size": 8}, "min": 0, "major_gridlines": {"visible": True,
                     "line": {"color": "#D9D9D9"}}})  # fmt: skip

    col = book.wb.add_chart({"type": "column", "subtype": "stacked"})
    for j, k in enumerate(CHART_IN + CHART_OUT):
        col.add_series(
            {
                "name": [name, r0 + 1, cd + 1 + j],
                "categories": [name, first_data + 1, cd, last_data, cd],
                "values": [name, first_data + 1, cd + 1 + j, last_data, cd + 1 + j],
                "fill": {"color": FLOW_COLOURS[k]},
                "border": {"none": True},
                "gap": 60,
                "overlap": 100,
            }
        )
    col.set_title({"name": tx["chart_flows"], "name_font": {"size": 11, "bold": True}})
    col.set_legend({"position": "top", "font": {"size": 9}})
    col.set_x_axis({"num_font": {"size": 9}, "label_position": "low"})
    col.set_y_axis({"num_font": {"size": 8}, "num_format": "#,##0;#,##0", "major_gridlines": {"visible": True,
                    "line": {"color": "#D9D9D9"}}})  # fmt: skip
    # the two charts side by side, together as wide as the table (XlsxWriter: 7 px a character + 5)
    table_px = sum(int(wd * 7 + 5) for wd in widths)
    chart_w = max(360, (table_px - 16) // 2)
    line.set_size({"width": chart_w, "height": 330})
    col.set_size({"width": chart_w, "height": 330})
    ws.insert_chart(at, 0, line, {"x_offset": 4, "y_offset": 4, "object_position": 2})
    if s.flows:
        ws.insert_chart(at, 0, col, {"x_offset": 12 + chart_w, "y_offset": 4, "object_position": 2})
    last_row = at + 18
    book.page(ws, landscape=True, tall=1)
    ws.print_area(0, 0, last_row, last_col)
    ws.center_horizontally()
    ws.hide_gridlines(2)


# ------------------------------------------------------------------ one sheet per month


def _month_sheet(book: _Book, m: Month, name: str) -> None:
    tx, t, lang = book.tx, m.tally, book.lang
    ws = book.wb.add_worksheet(name)
    hl, el = book.hardship_label(), book.rules.tier_label(0, lang)
    survey = {dim: t.rows(dim, lang) for dim in ("age_gender", "education", "cause")}
    labels = [tx["workers"], hl, tx["not_hardship"], tx["undetermined"], tx["by_age_gender"], tx["total"]]
    labels += [r["label"] for rows in survey.values() for r in rows]
    ws.set_column(0, 0, min(40.0, max(22.0, max(text_width(x) for x in labels) + 4)))
    ws.set_column(1, 4, 12)
    ws.set_row(0, 28)
    ws.merge_range(0, 0, 0, 4, tx["month_title"].format(label=m.label), book.fmt("title"))
    sub = book.fmt("subtitle")
    ws.write_string(1, 0, tx["as_of"].format(date=m.as_of.isoformat()), sub)
    src = tx["source_sheet" if m.sheet else "source"].format(source=m.source, sheet=m.sheet)
    ws.write_string(2, 0, src, sub)
    ws.write_string(3, 0, tx["rules"].format(rules=book.rules_line()), sub)

    h, lbl, ind = book.fmt("h"), book.fmt("label"), book.fmt("label_indent")
    num, pct, dash = book.fmt("int"), book.fmt("pct"), book.fmt("dash")
    r = 5
    ws.write_string(r, 0, tx["item"], h)
    ws.write_string(r, 1, tx["people"], h)
    ws.write_string(r, 2, tx["share_of_workers"], h)
    totals = [(tx["workers"], t.workers, lbl), (hl, t.hardship, lbl)]
    for i in range(len(book.rules.tiers)):
        prefix = tx["of_which"] if i == 0 else ("　" * 3 if lang == "zh" else " " * len(tx["of_which"]))
        totals.append((prefix + book.rules.tier_label(i, lang), t.tiers[i], ind))
    totals += [(tx["not_hardship"], t.not_hardship, lbl), (tx["undetermined"], t.undetermined, lbl)]
    for label, n, f in totals:
        r += 1
        ws.write_string(r, 0, label, f)
        ws.write_number(r, 1, n, num)
        write_share(ws, r, 2, n, t.workers, pct, dash)

    r += 2
    ws.write_string(r, 0, tx["survey_title"], book.fmt("heading"))
    r += 1
    ws.merge_range(r, 0, r + 1, 0, tx["group"], h)
    ws.merge_range(r, 1, r, 2, hl, h)
    ws.merge_range(r, 3, r, 4, el, h)
    for c, key in enumerate(("count", "share_col", "count", "share_col"), 1):
        ws.write_string(r + 1, c, tx[key], h)
    ws.set_row(r, 30)
    r += 1
    sec = book.fmt("section")
    for dim, title in (("age_gender", "by_age_gender"), ("education", "by_education")):
        r += 1
        ws.merge_range(r, 0, r, 4, tx[title], sec)
        for row in survey[dim]:
            if row["key"] == "unknown" and not (row["hardship"] or row["extreme"]):
                continue
            r += 1
            ws.write_string(r, 0, row["label"], ind)
            ws.write_number(r, 1, row["hardship"], num)
            write_share(ws, r, 2, row["hardship"], t.hardship, pct, dash)
            ws.write_number(r, 3, row["extreme"], num)
            write_share(ws, r, 4, row["extreme"], t.extreme, pct, dash)
    r += 1
    tl, ti, tp = book.fmt("total_label"), book.fmt("total_int"), book.fmt("total_pct")
    ws.write_string(r, 0, tx["total"], tl)
    ws.write_number(r, 1, t.hardship, ti)
    write_share(ws, r, 2, t.hardship, t.hardship, tp, tl)
    ws.write_number(r, 3, t.extreme, ti)
    write_share(ws, r, 4, t.extreme, t.extreme, tp, tl)
    r += 1
    ws.write_string(r, 0, tx["share_note"], book.fmt("note"))

    shown = [row for row in survey["cause"] if row["hardship"] or row["extreme"]]
    if "cause" in m.fields:
        r += 2
        ws.write_string(r, 0, tx["causes_title"], book.fmt("heading"))
        r += 1
        ws.write_string(r, 0, tx["cause"], h)
        ws.write_string(r, 1, f"{hl}\n{tx['times']}", h)
        ws.write_string(r, 2, f"{el}\n{tx['times']}", h)
        ws.set_row(r, 46)
        for row in shown:
            r += 1
            ws.write_string(r, 0, row["label"], lbl)
            ws.write_number(r, 1, row["hardship"], num)
            ws.write_number(r, 2, row["extreme"], num)
        r += 1
        ws.write_string(r, 0, tx["total"], tl)
        ws.write_number(r, 1, sum(x["hardship"] for x in shown), ti)
        ws.write_number(r, 2, sum(x["extreme"] for x in shown), ti)

    flow = next((f for f in book.series.flows if f.target == m.label), None)
    if flow is not None:
        r += 2
        ws.write_string(r, 0, tx["month_flows"].format(before=flow.source), book.fmt("heading"))
        r += 1
        ws.write_string(r, 0, tx["d_flow"], h)
        ws.write_string(r, 1, tx["people"], h)
        for k in FLOW_KEYS:
            r += 1
            label = flow_label(k, lang) + (tx["part_of_stayed"] if k in ("worsened", "eased") else "")
            ws.write_string(r, 0, label, ind if k in ("worsened", "eased") else lbl)
            ws.write_number(r, 1, flow.counts[k], num)

    r += 2
    ok = m.reconciled
    recon = tx["recon"].format(rows=t.rows_read, workers=t.workers, dups=t.duplicates, non=t.non_worker_rows)
    text = ("✓ " if ok else "✗ ") + recon + tx["recon_ok" if ok else "recon_bad"]
    ws.merge_range(r, 0, r, 4, text, book.fmt("ok" if ok else "bad", text_wrap=True, valign="top"))
    ws.set_row(r, 15 * math.ceil(text_width(text) / 78 + 0.1))
    r += 1
    e, w = t.problems["error"], t.problems["warning"]
    line = tx["problem_line"].format(e=e, w=w, file=m.source)
    ws.merge_range(r, 0, r, 4, line, book.fmt("bad" if e else "subtitle", text_wrap=True, valign="top"))
    ws.set_row(r, 15 * math.ceil(text_width(line) / 78 + 0.1))
    book.page(ws, landscape=False, tall=1)
    ws.print_area(0, 0, r, 4)
    ws.center_horizontally()
    ws.hide_gridlines(2)


# ------------------------------------------------------------------ 流动明细


def reason_text(tx: dict[str, str], code: str, status: str) -> str:
    """Why a worker is untracked, in words (``tx`` is ``TEXT[lang]``)."""
    if code.startswith("no_valid_id"):
        what = tx.get(f"id_{status}", tx["id_other"])
        return tx["no_valid_id"].format(what=what)
    return tx.get(code, "") if code else ""


def _flow_sheets(book: _Book) -> None:
    import numpy as np
    import pandas as pd

    tx, lang = book.tx, book.lang
    d = book.series.detail
    heads = [tx[k] for k in ("d_month", "d_from", "d_flow", "d_name", "d_id", "d_employer", "d_pc_before",
                             "d_pc_after", "d_tier_before", "d_tier_after", "d_row_before", "d_row_after",
                             "d_note")]  # fmt: skip
    n = len(d)
    ids = d["id"].astype(str).to_numpy(dtype=object) if n else np.array([], dtype=object)
    if book.mask and n:
        from jiekun.model.ids import mask_ids

        ids = mask_ids(pd.Series(ids, dtype=object)).to_numpy(dtype=object, na_value="")
    flow = np.array([flow_label(k, lang) for k in d["flow"]], dtype=object)
    codes = {int(c) for c in pd.unique(pd.concat([d["tier_before"], d["tier_after"]]))} if n else set()
    names_of = {c: book.tier_name(c) for c in codes}
    tier_b = np.array([names_of[int(c)] for c in d["tier_before"]], dtype=object)
    tier_a = np.array([names_of[int(c)] for c in d["tier_after"]], dtype=object)
    reasons = [reason_text(tx, c, st) for c, st in zip(d["reason"], d["id_status"].astype(str), strict=True)]
    texts = {
        0: d["to"].astype(str).to_numpy(dtype=object),
        1: d["from"].astype(str).to_numpy(dtype=object),
        2: flow,
        3: d["name"].fillna("").astype(str).to_numpy(dtype=object),
        4: ids,
        5: d["employer"].fillna("").astype(str).to_numpy(dtype=object),
        8: tier_b,
        9: tier_a,
        12: np.array(reasons, dtype=object),
    }
    numbers = {
        6: d["per_capita_before"].to_numpy(dtype=float),
        7: d["per_capita_after"].to_numpy(dtype=float),
        10: d["row_before"].to_numpy(dtype=float),
        11: d["row_after"].to_numpy(dtype=float),
    }
    untracked = (d["flow"] == "untracked").to_numpy() if n else np.zeros(0, bool)
    kinds = {4: "d_id", 6: "d_money", 7: "d_money", 10: "d_int", 11: "d_int"}
    widths = []
    for j, head in enumerate(heads):
        if j in texts:
            col = texts[j]
            sample = col if len(col) <= 5000 else col[np.argsort([len(x) for x in col])[-2000:]]
            widths.append(_fit(sample, head, lo=8))
        else:
            widths.append(max(8.0, text_width(head) + 2))
    fmts = {
        (k, u): book.fmt(f"{k}_u" if u else k) for k in ("d_text", "d_id", "d_money", "d_int") for u in (0, 1)
    }
    per_sheet = EXCEL_ROWS - 1
    chunks = max(1, math.ceil(n / per_sheet))
    for c in range(chunks):
        a, b = c * per_sheet, min(n, (c + 1) * per_sheet)
        name = book.names["flows"] if c == 0 else f"{book.names['flows']}({c + 1})"
        ws = book.wb.add_worksheet(name)
        for j, head in enumerate(heads):
            ws.write_string(0, j, head, book.fmt("d_head"))
            ws.set_column(j, j, widths[j])
        ws.set_row(0, 30)
        for i in range(a, b):
            r = i - a + 1
            u = int(untracked[i])
            for j, col in texts.items():
                v = col[i]
                if v:
                    ws.write_string(r, j, v, fmts[(kinds.get(j, "d_text"), u)])
                elif u:
                    ws.write_blank(r, j, None, fmts[("d_text", 1)])
            for j, col in numbers.items():
                v = col[i]
                if v == v:  # not NaN
                    ws.write_number(r, j, float(v), fmts[(kinds[j], u)])
                elif u:
                    ws.write_blank(r, j, None, fmts[(kinds[j], 1)])
        if n == 0:
            ws.write_string(1, 0, tx["no_flows"], book.fmt("note"))
        ws.autofilter(0, 0, max(1, b - a), len(heads) - 1)
        ws.freeze_panes(1, 0)
        book.page(ws, landscape=True, repeat=(0, 0))


# ------------------------------------------------------------------ 说明


def _about_sheet(book: _Book) -> None:
    from jiekun import __version__
    from jiekun.model.columns import FIELDS

    tx, s, rules, lang = book.tx, book.series, book.rules, book.lang
    ws = book.wb.add_worksheet(book.names["about"])
    section, item = key_value_sheet(ws, book, tx["about_title"], widths=(24, 96), wrap=92)

    section(tx["sec_report"])
    item(tx["tool"], f"jiekun {__version__}")
    item(tx["written"], dt.datetime.now().astimezone().isoformat(sep=" ", timespec="seconds"))
    if s.kind == "compare":
        item(tx["kind"], tx["kind_compare"])
    else:
        item(tx["kind"], tx["kind_batch"].format(n=len(s.months), k=len(s.flows)))
    rule = s.as_of_rule
    if rule == "end_of_month":
        item(tx["as_of_rule"], tx["as_of_rule_eom"])
    elif rule == "mixed":
        other = next((m.as_of for m in s.months if not m.month), s.months[0].as_of)
        item(tx["as_of_rule"], tx["as_of_rule_mixed"].format(date=other.isoformat()))
    else:
        item(tx["as_of_rule"], tx["as_of_rule_date"].format(date=rule))
    item(tx["language"], lang)
    item(tx["masked"], tx["yes"] if book.mask else tx["no"])

    notes = list(s.notes)
    n_unt = sum(f.counts["untracked"] for f in s.flows)
    if n_unt:
        notes.insert(0, tx["untracked_note"].format(n=n_unt, sheet=book.names["flows"],
                                                    label=flow_label("untracked", lang)))  # fmt: skip
    if notes:
        section(tx["sec_notes"])
        for note in notes:
            item(tx["note"], note, book.fmt("value", font_color="#9C5700"))

    section(tx["sec_files"])
    for m in s.months:
        t = m.tally
        cols = [
            FIELDS[f][0]
            if c == FIELDS[f][0]
            else f"{FIELDS[f][0]}{'≈' if m.how.get(f) == 'words' else '←'}{c}"
            for f, c in m.fields.items()
        ]
        ok = m.reconciled
        recon = tx["recon"].format(
            rows=t.rows_read, workers=t.workers, dups=t.duplicates, non=t.non_worker_rows
        )
        lines = [
            f"{tx['f_file']}：{m.source}" if lang == "zh" else f"{tx['f_file']}: {m.source}",
            f"{tx['f_sha']}：{m.sha256}" if lang == "zh" else f"{tx['f_sha']}: {m.sha256}",
            tx["f_where"].format(
                fmt=m.format, sheet=m.sheet or "—", row=m.header_row, as_of=m.as_of.isoformat()
            )
            + (tx["f_encoding"].format(enc=m.encoding) if m.encoding else ""),
            ("✓ " if ok else "✗ ") + recon + tx["recon_ok" if ok else "recon_bad"],
            tx["f_columns"] + ("：" if lang == "zh" else ": ") + ("，" if lang == "zh" else ", ").join(cols),
        ]
        item(m.label, "\n".join(lines), book.fmt("value", font_color="#000000" if ok else "#C00000"))

    section(tx["sec_rules"])
    item(tx["rules_file"], rules.source or tx["builtin"])
    if rules.profile == "dibao":
        item(tx["profile"], tx["profile_dibao"].format(d=f"{rules.dibao:g}"))
    else:
        item(tx["profile"], tx["profile_survey"])
    op = "≤" if rules.inclusive else "<"
    for i, tier in enumerate(rules.tiers):
        item(tx["tier_n"].format(i=i + 1), tx["tier_rule"].format(label=rules.tier_label(i, lang), op=op,
                                                                  bound=f"{tier.max_per_capita:g}"))  # fmt: skip

    section(tx["sec_defs"].format(extreme=rules.tier_label(0, lang)))
    for k in FLOW_KEYS:
        item(
            f"{flow_label(k, lang)}（{k}）" if lang == "zh" else f"{flow_label(k, lang)} ({k})",
            tx[f"def_{k}"],
        )
    item(tx["def_identity"], tx["def_identity_v"])
    item(tx["def_check"], tx["def_check_v"])

    if s.flows:
        section(tx["sec_flow_check"])
        for f in s.flows:
            c = f.counts
            unt_b = f.before_hardship - c["stayed"] - c["exited"] - c["left_roster"]
            unt_a = f.after_hardship - c["stayed"] - c["entered"] - c["returned"]
            text = tx["flow_check"].format(src=f.source, dst=f.target, hb=f.before_hardship, ha=f.after_hardship,
                                           s=c["stayed"], x=c["exited"], l=c["left_roster"], ub=unt_b,
                                           e=c["entered"], r=c["returned"], ua=unt_a)  # fmt: skip
            ok = f.balanced and unt_b + unt_a == c["untracked"]
            item("✓" if ok else "✗", text, book.fmt("value", font_color="#006100" if ok else "#C00000"))

    book.page(ws, landscape=True)
