"""信息比对 (``jiekun match``): cross-check a roster with another department's list by ID number.

The reference list (the civil-affairs 低保 list, the disabled persons' federation
list, last year's archive…) is read exactly like a roster (same aliases, header
detection and encodings) and classified with the same rules, so its own
household figures give its per-capita income. The two are joined by *validated*
ID number only:

- 15-digit legacy numbers are converted to 18 digits (``jiekun.model.ids.check_ids``)
  and match their 18-digit form;
- an ID that fails validation (blank, wrong check digit, digits lost to Excel,
  impossible birth date, wrong length) is reported on its side and never
  matched, not even when its first 17 digits equal someone else's;
- a repeated ID within one side is reported; its first row counts, the others
  take no part in the match.

For matched workers the name, household size, household monthly income,
per-capita income (beyond the rules' tolerance, 1 yuan by default) and employer
are compared, one record per disagreement. When the reference is a 低保 list
(``reference_kind="dibao"``, the default when its file name, sheet name or a
title row says 低保), matched workers that the roster does not classify as
hardship are flagged "on the 低保 list but not in hardship — check income", and
hardship workers not on the list are listed separately.

:func:`match` does the work, :meth:`Match.to_json` gives the JSON of issue 6,
:func:`write_match` the workbook (sheets 比对汇总, 仅在名册, 仅在参照, 信息不一致,
待核实) and :func:`render_match` the terminal summary. See docs/match.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from jiekun.errors import InputError
from jiekun.io.reading import Roster, load_roster
from jiekun.model.classification import DUPLICATE, WORKER, Classified, classify
from jiekun.model.columns import normalize_header
from jiekun.model.rules import Rules
from jiekun.model.tallies import Tally, tally
from jiekun.model.values import WHITESPACE_RE, normalize_text, parse_numbers

if TYPE_CHECKING:
    from rich.console import Console

__all__ = [
    "COMPARED",
    "REFERENCE_KINDS",
    "Match",
    "Side",
    "default_match_path",
    "detect_reference_kind",
    "match",
    "render_match",
    "write_match",
]

#: The fields compared for matched workers, in report order.
COMPARED = ("name", "household_size", "household_income", "per_capita", "employer")
REFERENCE_KINDS = ("dibao", "generic")
#: Words in a reference's file name, sheet name or title rows that make it a 低保 list.
DIBAO_WORDS = ("低保", "最低生活保障", "dibao")
VALID_STATUSES = ("ok", "legacy15")
ROLES = ("roster", "reference")
#: Flags on the 待核实 sheet, in order.
FLAGS = (
    "reference_not_hardship",
    "hardship_not_in_reference",
    "invalid_roster",
    "invalid_reference",
    "duplicate_roster",
    "duplicate_reference",
)

TEXT: dict[str, dict[str, Any]] = {
    "zh": {
        "roster": "名册",
        "reference": "参照名单",
        "dibao_list": "低保名单",
        "fields": {
            "name": "姓名",
            "household_size": "家庭人口",
            "household_income": "家庭月收入",
            "per_capita": "人均月收入",
            "employer": "工作单位",
        },
        "sheets": {
            "summary": "比对汇总",
            "only_roster": "仅在名册",
            "only_reference": "仅在参照",
            "disagreements": "信息不一致",
            "to_check": "待核实",
        },
        "title": "信息比对结果",
        "kind_dibao": "低保名单",
        "kind_generic": "一般名单",
        "kind_why": {
            "option": "按 --reference-kind 指定",
            "file": "文件名“{text}”含“{word}”",
            "sheet": "工作表名“{text}”含“{word}”",
            "title": "标题“{text}”含“{word}”",
            "default": "文件名和标题中没有“低保”字样",
        },
        "info": {
            "roster": "名册",
            "reference": "参照名单",
            "kind": "参照名单类型",
            "how": "比对依据",
            "how_text": "有效身份证号（15 位旧号换算为 18 位后比对；无效号码不参与比对）",
            "id_columns": "身份证号列",
            "tolerance": "比较方法",
            "tolerance_text": "姓名、单位忽略空格和全角半角差异；家庭月收入精确到分；"
            "人均月收入相差超过 {tol:g} 元才算不一致；任一方为空不比较",
            "as_of": "统计日期",
            "rules": "分类规则",
            "made": "生成时间",
            "version": "jiekun 版本",
        },
        "with_sheet": "{source}（工作表：{sheet}）",
        "id_columns": "名册“{roster}”，参照名单“{reference}”",
        "item": "项目",
        "people": "人数",
        "note": "说明",
        "counts": {
            "roster": ("名册职工", "名册中计数的职工（不含重复行、合计行、空行）"),
            "reference": ("参照名单人员", "参照名单中计数的人员（不含重复行、合计行、空行）"),
            "both": ("两边都有", "身份证号有效且两边都有"),
            "only_roster": ("仅在名册", "见“仅在名册”表"),
            "only_reference": ("仅在参照", "见“仅在参照”表"),
            "invalid_roster": ("身份证号无效（名册）", "不参与比对，见“待核实”表"),
            "invalid_reference": ("身份证号无效（参照）", "不参与比对，见“待核实”表"),
            "duplicate_roster": ("身份证号重复（名册）", "重复行不计数、不参与比对，见“待核实”表"),
            "duplicate_reference": ("身份证号重复（参照）", "重复行不计数、不参与比对，见“待核实”表"),
            "reference_not_hardship": ("在低保名单但未认定为困难", "请核实收入，见“待核实”表"),
            "hardship_not_in_reference": ("困难职工但不在低保名单", "见“待核实”表"),
            "disagreements": ("信息不一致（条）", "每人每项一条，见“信息不一致”表"),
        },
        "not_dibao": "参照名单不是低保名单，不适用",
        "recon": "核对：{label} {n:,} = 两边都有 {both:,} + 仅在{only} {o:,} + 身份证号无效 {bad:,}",
        "only_word": {"roster": "名册", "reference": "参照"},
        "problems": "{label}数据问题：错误 {e:,} 条，警告 {w:,} 条（运行 jiekun check {source} 查看）",
        "columns": {
            "row_roster": "名册行号",
            "row_reference": "参照行号",
            "id": "身份证号",
            "name": "姓名",
            "name_roster": "姓名（名册）",
            "employer": "工作单位",
            "household_size": "家庭人口",
            "household_income": "家庭月收入",
            "per_capita": "人均月收入",
            "per_capita_roster": "名册人均月收入",
            "per_capita_reference": "参照人均月收入",
            "class": "名册类别",
            "field": "不一致项目",
            "value_roster": "名册中",
            "value_reference": "参照名单中",
            "difference": "差额（参照−名册）",
            "flag": "类型",
            "explain": "说明",
            "rows": "行号（名册/参照）",
            "detail": "情况",
        },
        "flags": {
            "reference_not_hardship": "在低保名单，未认定为困难",
            "hardship_not_in_reference": "困难职工，不在低保名单",
            "invalid_roster": "身份证号无效（名册）",
            "invalid_reference": "身份证号无效（参照）",
            "duplicate_roster": "身份证号重复（名册）",
            "duplicate_reference": "身份证号重复（参照）",
        },
        "explain": {
            "reference_not_hardship": "在低保名单上，但按名册未认定为困难职工（{cls}）——请核实收入",
            "undetermined": "在低保名单上，但名册收入或家庭人口缺失、无法判定——请补全收入",
            "hardship_not_in_reference": "按名册是{cls}，但不在低保名单上——可核实是否符合低保条件",
            "invalid": "身份证号{why}，不参与比对——请按原件核对",
            "duplicate": "与第 {first} 行身份证号重复，本行不计数、不参与比对",
        },
        "id_status": {
            "blank": "为空",
            "lost_digits": "被存成数字、末几位已丢失",
            "bad_checksum": "校验位错误",
            "bad_birth": "中的出生日期不存在",
            "bad_length": "位数不对",
            "bad_chars": "含有数字以外的字符",
        },
        "not_hardship": "非困难",
        "undetermined": "无法判定",
        # terminal
        "panel": "信息比对",
        "line_both": "两边都有 {n:,} 人",
        "line_only": "仅在名册 {r:,} 人，仅在参照名单 {f:,} 人",
        "line_invalid": "身份证号无效（不参与比对）：名册 {r:,}，参照 {f:,}",
        "line_dups": "身份证号重复（不参与比对）：名册 {r:,}，参照 {f:,}",
        "line_flag1": "在低保名单但未认定为困难 {n:,} 人 —— 请核实收入",
        "line_flag2": "困难职工但不在低保名单 {n:,} 人",
        "dis_title": "信息不一致（共 {n:,} 条，每人每项一条）",
        "line_dis": "信息不一致：{fields}",
        "only_ref_title": "仅在参照名单、不在名册（{n:,} 人）",
        "group_title": {
            "reference_not_hardship": "在低保名单但未认定为困难（{n:,} 人）—— 请核实收入",
            "hardship_not_in_reference": "困难职工但不在低保名单（{n:,} 人）—— 可核实是否符合低保条件",
            "invalid_roster": "名册身份证号无效（{n:,} 条）—— 不参与比对，请按原件核对",
            "invalid_reference": "参照名单身份证号无效（{n:,} 条）—— 不参与比对，请按原件核对",
            "duplicate_roster": "名册身份证号重复（{n:,} 条）—— 重复行不参与比对",
            "duplicate_reference": "参照名单身份证号重复（{n:,} 条）—— 重复行不参与比对",
        },
        "detail": {
            "per_capita": "名册人均 {r}（{cls}），名单人均 {f}",
            "roster_only": "名册人均 {r}（{cls}）",
            "duplicate": "与第 {first} 行重复",
        },
        "more": "…另有 {n:,} 条，见工作簿“{sheet}”表",
        "written": "已写出比对结果：",
    },
    "en": {
        "roster": "Roster",
        "reference": "Reference list",
        "dibao_list": "低保 list",
        "fields": {
            "name": "Name",
            "household_size": "Household size",
            "household_income": "Household income",
            "per_capita": "Per-capita income",
            "employer": "Employer",
        },
        "sheets": {
            "summary": "Summary",
            "only_roster": "Only in roster",
            "only_reference": "Only in reference",
            "disagreements": "Disagreements",
            "to_check": "To check",
        },
        "title": "Cross-check result",
        "kind_dibao": "低保 (minimum living allowance) list",
        "kind_generic": "generic list",
        "kind_why": {
            "option": "given by --reference-kind",
            "file": "file name '{text}' contains '{word}'",
            "sheet": "sheet name '{text}' contains '{word}'",
            "title": "title '{text}' contains '{word}'",
            "default": "neither the file name nor a title says 低保",
        },
        "info": {
            "roster": "Roster",
            "reference": "Reference list",
            "kind": "Reference kind",
            "how": "Matched by",
            "how_text": "valid ID number (15-digit numbers converted to 18 digits; invalid numbers are never matched)",
            "id_columns": "ID columns",
            "tolerance": "Comparison",
            "tolerance_text": "names and employers ignore spaces and full-width forms; household income to the fen; "
            "per-capita income differs when more than {tol:g} yuan apart; a blank on either side is not compared",
            "as_of": "As of",
            "rules": "Rules",
            "made": "Made",
            "version": "jiekun version",
        },
        "with_sheet": "{source} (sheet: {sheet})",
        "id_columns": "roster '{roster}', reference '{reference}'",
        "item": "Item",
        "people": "People",
        "note": "Note",
        "counts": {
            "roster": ("Workers on the roster", "counted workers (no duplicates, totals or blank rows)"),
            "reference": (
                "People on the reference list",
                "counted people (no duplicates, totals or blank rows)",
            ),
            "both": ("On both", "valid ID on both sides"),
            "only_roster": ("Only on the roster", "see the sheet 'Only in roster'"),
            "only_reference": ("Only on the reference list", "see the sheet 'Only in reference'"),
            "invalid_roster": ("Invalid IDs (roster)", "not matched; see 'To check'"),
            "invalid_reference": ("Invalid IDs (reference)", "not matched; see 'To check'"),
            "duplicate_roster": ("Repeated IDs (roster)", "not counted or matched; see 'To check'"),
            "duplicate_reference": ("Repeated IDs (reference)", "not counted or matched; see 'To check'"),
            "reference_not_hardship": ("On the 低保 list, not in hardship", "check income; see 'To check'"),
            "hardship_not_in_reference": ("In hardship, not on the 低保 list", "see 'To check'"),
            "disagreements": ("Disagreements (records)", "one per person and field; see 'Disagreements'"),
        },
        "not_dibao": "not a 低保 list: not applicable",
        "recon": "Check: {label} {n:,} = on both {both:,} + only on the {only} {o:,} + invalid IDs {bad:,}",
        "only_word": {"roster": "roster", "reference": "reference"},
        "problems": "{label} data problems: {e:,} errors, {w:,} warnings (run jiekun check {source})",
        "columns": {
            "row_roster": "Roster row",
            "row_reference": "Reference row",
            "id": "ID number",
            "name": "Name",
            "name_roster": "Name (roster)",
            "employer": "Employer",
            "household_size": "Household size",
            "household_income": "Household income",
            "per_capita": "Per-capita income",
            "per_capita_roster": "Per capita (roster)",
            "per_capita_reference": "Per capita (reference)",
            "class": "Class (roster)",
            "field": "Field",
            "value_roster": "Roster",
            "value_reference": "Reference",
            "difference": "Difference (reference − roster)",
            "flag": "Type",
            "explain": "What to do",
            "rows": "Rows (roster/reference)",
            "detail": "Details",
        },
        "flags": {
            "reference_not_hardship": "On the 低保 list, not in hardship",
            "hardship_not_in_reference": "In hardship, not on the 低保 list",
            "invalid_roster": "Invalid ID (roster)",
            "invalid_reference": "Invalid ID (reference)",
            "duplicate_roster": "Repeated ID (roster)",
            "duplicate_reference": "Repeated ID (reference)",
        },
        "explain": {
            "reference_not_hardship": "On the 低保 list but not in hardship ({cls}) — check income",
            "undetermined": "On the 低保 list but income or household size is missing on the roster — complete it",
            "hardship_not_in_reference": "{cls} on the roster but not on the 低保 list — check eligibility",
            "invalid": "ID number {why}; not matched — check the original",
            "duplicate": "ID number repeats row {first}; this row is not counted or matched",
        },
        "id_status": {
            "blank": "is blank",
            "lost_digits": "was stored as a number and lost digits",
            "bad_checksum": "has a wrong check digit",
            "bad_birth": "holds a birth date that does not exist",
            "bad_length": "has the wrong length",
            "bad_chars": "holds characters other than digits",
        },
        "not_hardship": "Not in hardship",
        "undetermined": "Undetermined",
        "panel": "Cross-check",
        "line_both": "On both: {n:,}",
        "line_only": "Only on the roster: {r:,}; only on the reference list: {f:,}",
        "line_invalid": "Invalid IDs (not matched): roster {r:,}, reference {f:,}",
        "line_dups": "Repeated IDs (not matched): roster {r:,}, reference {f:,}",
        "line_flag1": "On the 低保 list but not in hardship: {n:,} — check income",
        "line_flag2": "In hardship but not on the 低保 list: {n:,}",
        "dis_title": "Disagreements ({n:,} records, one per person and field)",
        "line_dis": "Disagreements: {fields}",
        "only_ref_title": "On the reference list only, not on the roster ({n:,})",
        "group_title": {
            "reference_not_hardship": "On the 低保 list but not in hardship ({n:,}) — check income",
            "hardship_not_in_reference": "In hardship but not on the 低保 list ({n:,}) — check eligibility",
            "invalid_roster": "Invalid IDs on the roster ({n:,}) — not matched, check the originals",
            "invalid_reference": "Invalid IDs on the reference list ({n:,}) — not matched, check the originals",
            "duplicate_roster": "Repeated IDs on the roster ({n:,}) — repeats are not matched",
            "duplicate_reference": "Repeated IDs on the reference list ({n:,}) — repeats are not matched",
        },
        "detail": {
            "per_capita": "roster per capita {r} ({cls}), list {f}",
            "roster_only": "roster per capita {r} ({cls})",
            "duplicate": "repeats row {first}",
        },
        "more": "… {n:,} more, see the sheet '{sheet}'",
        "written": "Cross-check written: ",
    },
}


# ------------------------------------------------------------------ the two sides


@dataclass
class Side:
    """One side of the match: the file read and classified, and its counted people."""

    role: str  # "roster" | "reference"
    roster: Roster
    classified: Classified
    tally: Tally
    workers: pd.DataFrame  # one row per counted worker (see _side_table for the columns)
    duplicates: pd.DataFrame  # repeated-ID rows, with the Excel row of the first occurrence

    @property
    def valid(self) -> pd.DataFrame:
        """Workers whose ID number is valid (the only ones matched)."""
        return self.workers[self.workers["valid"].to_numpy(dtype=bool)]

    @property
    def invalid(self) -> pd.DataFrame:
        """Workers whose ID number is blank or fails validation (never matched)."""
        return self.workers[~self.workers["valid"].to_numpy(dtype=bool)]

    @property
    def id_column(self) -> str:
        return self.roster.fields["id"]


def _numbers(s: pd.Series | None, n: int) -> np.ndarray:
    if s is None:
        return np.full(n, np.nan)
    return parse_numbers(normalize_text(s.reset_index(drop=True))).to_numpy(dtype=float, na_value=np.nan)


def _side_table(classified: Classified) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(counted workers, duplicate rows) of a classified file, with the compared values."""
    f = classified.frame
    roster = classified.roster
    n = len(f)
    raw = roster.column("id")
    raw_id = normalize_text(raw.reset_index(drop=True)) if raw is not None else pd.Series([""] * n)
    size = _numbers(roster.column("household_size"), n)
    size = np.where(np.isfinite(size) & (size > 0) & (np.floor(np.nan_to_num(size)) == size), size, np.nan)
    if "household_income" in roster.fields:
        income = _numbers(roster.column("household_income"), n)
    else:  # annual only (or none): the monthly figure is a twelfth
        income = _numbers(roster.column("household_income_annual"), n) / 12
    income = np.where(np.isfinite(income) & (income >= 0), income, np.nan)
    status = f["id_status"].astype(str).to_numpy()
    table = pd.DataFrame(
        {
            "pos": np.arange(n),
            "row": f["row"].to_numpy(),
            "kind": f["kind"].to_numpy(),
            "id": f["id"].astype(str).to_numpy(),
            "id_raw": raw_id.to_numpy(dtype=object),
            "id_status": status,
            "valid": np.isin(status, VALID_STATUSES),
            "name": f["name"].to_numpy(dtype=object),
            "household_size": size,
            "household_income": income,
            "per_capita": f["per_capita"].to_numpy(dtype=float),
            "tier": f["tier"].to_numpy(),
            "employer": f["employer"].to_numpy(dtype=object),
        }
    )
    workers = table[table["kind"] == WORKER].reset_index(drop=True)
    dups = table[table["kind"] == DUPLICATE].reset_index(drop=True)
    firsts = workers[workers["id"].isin(dups["id"])].drop_duplicates("id").set_index("id")["row"]
    dups["first_row"] = dups["id"].map(firsts).astype("Int64")
    return workers, dups


def _use_id_column(roster: Roster, names: Sequence[str]) -> Roster | None:
    """The roster with the first column named in ``names`` as its ID column; None if it has none.

    A name matches a column's header as written or after normalisation (spaces,
    full-width forms, bracketed units and a leading * ignored). Unnamed columns
    are called 列A, 列B… by the reader.
    """
    by_key: dict[str, str] = {}
    for c in roster.data.columns:
        by_key.setdefault(normalize_header(c), c)
    for name in names:
        col = name if name in roster.data.columns else by_key.get(normalize_header(name))
        if col is None:
            continue
        fields = {f: c for f, c in roster.fields.items() if c != col and f != "id"}
        fields["id"] = col
        how = {f: h for f, h in roster.how.items() if f in fields and f != "id"}
        how["id"] = "option"
        return replace(roster, fields=fields, how=how)
    return None


def _read(
    path: str | Path,
    role: str,
    rules: Rules,
    sheet: str | int | None,
    encoding: str | None,
    on: Sequence[str],
) -> Roster:
    roster = load_roster(
        path, sheet=sheet, encoding=encoding, rules=rules, require="roster" if role == "roster" else "list"
    )
    if on:
        chosen = _use_id_column(roster, on)
        if chosen is not None:
            return chosen
    if "id" not in roster.fields:
        what = "花名册" if role == "roster" else "参照名单"
        cols = "、".join(str(c) for c in roster.data.columns)
        raise InputError(
            f"{what} {roster.source} 中没有找到身份证号列，无法按身份证号比对。找到的列有：{cols}。"
            "如果身份证号在别的列名下，请用 --on 列名 指定，例如 --on 户主身份证号。"
        )
    return roster


def _side(roster: Roster, role: str, rules: Rules, as_of: dt.date) -> Side:
    classified = classify(roster, rules, as_of)
    workers, dups = _side_table(classified)
    return Side(role, roster, classified, tally(classified), workers, dups)


# ------------------------------------------------------------------ reference kind


def _title_lines(roster: Roster) -> list[str]:
    """The text of the rows above the header (titles), best effort; [] when unavailable."""
    above = roster.header_row - 1
    if above <= 0:
        return []
    try:
        if roster.format == "csv":
            import csv
            import io

            with roster.path.open("rb") as fh:
                head = fh.read(65536)
            text = head.decode(roster.encoding or "utf-8-sig", errors="replace")
            rows = list(csv.reader(io.StringIO(text)))[:above]
        elif roster.format in ("xlsx", "xls", "ods") and roster.sheet is not None:
            from python_calamine import CalamineWorkbook

            wb = CalamineWorkbook.from_path(str(roster.path))
            rows = wb.get_sheet_by_name(roster.sheet).to_python(skip_empty_area=False, nrows=above)
        else:
            return []
    except Exception:  # a title is only a hint: never let it stop the comparison
        return []
    lines = ["".join(str(v) for v in row if v not in (None, "")).strip() for row in rows]
    return [ln for ln in lines if ln]


def detect_reference_kind(roster: Roster) -> tuple[str, str, str, str]:
    """("dibao" | "generic", where, text, word): what says the reference is a 低保 list.

    ``where`` is "file", "sheet", "title" or "default".
    """
    candidates = [("file", roster.path.name), ("sheet", roster.sheet or "")]
    candidates += [("title", line) for line in _title_lines(roster)]
    for where, text in candidates:
        for word in DIBAO_WORDS:
            if word in text.lower():
                return "dibao", where, text, word
    return "generic", "default", "", ""


# ------------------------------------------------------------------ the match


@dataclass
class Match:
    """The result of matching a roster with a reference list by ID number."""

    roster: Side
    reference: Side
    kind: str  # "dibao" | "generic"
    kind_why: tuple[str, str, str]  # (where, text, word), see detect_reference_kind
    rules: Rules
    as_of: dt.date
    pairs: pd.DataFrame  # matched people: id, roster_*, reference_* columns
    only_roster: pd.DataFrame  # roster_* columns (valid IDs not on the reference)
    only_reference: pd.DataFrame  # reference_* columns
    disagreements: pd.DataFrame  # one row per (person, field)

    def side(self, role: str) -> Side:
        return self.roster if role == "roster" else self.reference

    @property
    def dibao(self) -> bool:
        return self.kind == "dibao"

    def _hardship(self, tier: pd.Series) -> np.ndarray:
        t = tier.to_numpy()
        return (t >= 0) & (t < len(self.rules.tiers))

    @property
    def reference_not_hardship(self) -> pd.DataFrame:
        """Matched people the roster does not classify as hardship (undetermined included)."""
        return self.pairs[~self._hardship(self.pairs["roster_tier"])]

    @property
    def hardship_not_in_reference(self) -> pd.DataFrame:
        """Roster hardship workers (valid ID) not on the reference list."""
        return self.only_roster[self._hardship(self.only_roster["roster_tier"])]

    def counts(self) -> dict[str, int]:
        """Every count of the summary, keyed as in :data:`TEXT` ``counts``."""
        return {
            "roster": len(self.roster.workers),
            "reference": len(self.reference.workers),
            "both": len(self.pairs),
            "only_roster": len(self.only_roster),
            "only_reference": len(self.only_reference),
            "invalid_roster": len(self.roster.invalid),
            "invalid_reference": len(self.reference.invalid),
            "duplicate_roster": len(self.roster.duplicates),
            "duplicate_reference": len(self.reference.duplicates),
            "reference_not_hardship": len(self.reference_not_hardship),
            "hardship_not_in_reference": len(self.hardship_not_in_reference),
            "disagreements": len(self.disagreements),
        }

    def disagreement_counts(self) -> dict[str, int]:
        vc = self.disagreements["field"].value_counts()
        return {f: int(vc.get(f, 0)) for f in COMPARED}

    def to_json(self) -> dict[str, Any]:
        """The JSON object of issue 6 (a stable contract).

        ``reference_not_hardship`` and ``hardship_not_in_reference`` are null when the
        reference is not a 低保 list (the flags do not apply).
        """
        c = self.counts()
        return {
            "roster": c["roster"],
            "reference": c["reference"],
            "both": c["both"],
            "only_roster": c["only_roster"],
            "only_reference": c["only_reference"],
            "reference_not_hardship": c["reference_not_hardship"] if self.dibao else None,
            "hardship_not_in_reference": c["hardship_not_in_reference"] if self.dibao else None,
            "disagreements": self.disagreement_counts(),
            "invalid_ids": {"roster": c["invalid_roster"], "reference": c["invalid_reference"]},
        }


def _text_key(s: pd.Series, *, dots: bool) -> np.ndarray:
    """Text compared loosely: NFKC, no whitespace, case-folded; name dots unified."""
    t = normalize_text(s.astype(str)).str.replace(WHITESPACE_RE, "", regex=True).str.casefold()
    if dots:  # 阿依古丽·买买提 is written with · • ・ ‧ or .
        t = t.str.replace(r"[·•・‧.．]", "·", regex=True)
    return t.to_numpy(dtype=object)


def _disagreements(pairs: pd.DataFrame, tolerance: float) -> pd.DataFrame:
    """One row per (person, field) whose values differ, ordered by roster row then field."""
    parts = []
    for order, fld in enumerate(COMPARED):
        a, b = pairs[f"roster_{fld}"], pairs[f"reference_{fld}"]
        if fld in ("name", "employer"):
            ka, kb = _text_key(a, dots=fld == "name"), _text_key(b, dots=fld == "name")
            differ = (ka != "") & (kb != "") & (ka != kb)
            diff = np.full(len(pairs), np.nan)
        else:
            x, y = a.to_numpy(dtype=float), b.to_numpy(dtype=float)
            both = np.isfinite(x) & np.isfinite(y)
            x0, y0 = np.nan_to_num(x), np.nan_to_num(y)
            if fld == "household_income":  # to the fen
                differ = both & (np.rint(x0 * 100) != np.rint(y0 * 100))
            elif fld == "per_capita":  # beyond the tolerance; 1.00 apart is not beyond 1 yuan
                differ = both & (np.round(np.abs(x0 - y0), 6) > tolerance)
            else:
                differ = both & (x0 != y0)
            diff = y - x
        if not differ.any():
            continue
        sel = pairs[differ]
        parts.append(
            pd.DataFrame(
                {
                    "id": sel["id"].to_numpy(),
                    "name": sel["roster_name"].to_numpy(),
                    "field": fld,
                    "order": order,
                    "roster_value": sel[f"roster_{fld}"].to_numpy(dtype=object),
                    "reference_value": sel[f"reference_{fld}"].to_numpy(dtype=object),
                    "difference": diff[differ],
                    "roster_row": sel["roster_row"].to_numpy(),
                    "reference_row": sel["reference_row"].to_numpy(),
                }
            )
        )
    if not parts:
        cols = ["id", "name", "field", "roster_value", "reference_value", "difference"]
        return pd.DataFrame(
            {c: pd.Series(dtype=object) for c in cols}
            | {"roster_row": pd.Series(dtype="int64"), "reference_row": pd.Series(dtype="int64")}
        )
    out = pd.concat(parts, ignore_index=True).sort_values(["roster_row", "order"], kind="stable")
    return out.drop(columns="order").reset_index(drop=True)


def match(
    roster: str | Path,
    reference: str | Path,
    *,
    rules: Rules | None = None,
    as_of: dt.date | None = None,
    on: str | Sequence[str] | None = None,
    reference_kind: str | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
    reference_sheet: str | int | None = None,
    reference_encoding: str | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> Match:
    """Match a roster with a reference list (低保 list, archive…) by validated ID number.

    ``on`` names the ID column (a header as written in the file, or several to try
    in turn) when header detection picks the wrong one; a file without such a
    column keeps the one detected. ``reference_kind`` is "dibao" or "generic"; by
    default "dibao" when the reference's file name, sheet name or a title row says
    低保. ``on_stage`` is called with "read_roster", "read_reference" and "match".
    Raises ``InputError`` when a file cannot be read or has no ID column.

    >>> m = match("samples/survey-roster.xlsx", "samples/dibao-reference.csv")  # doctest: +SKIP
    >>> m.to_json()["both"]
    44
    """
    stage = on_stage or (lambda key: None)
    rules = rules or Rules()
    as_of = as_of or dt.date.today()
    names = [on] if isinstance(on, str) else list(on or ())
    names = [n for n in (x.strip() for x in names) if n]
    if reference_kind is not None and reference_kind not in REFERENCE_KINDS:
        raise ValueError(f"reference_kind must be one of {REFERENCE_KINDS}, not {reference_kind!r}")

    stage("read_roster")
    r_roster = _read(roster, "roster", rules, sheet, encoding, names)
    stage("read_reference")
    f_roster = _read(reference, "reference", rules, reference_sheet, reference_encoding, names)
    if names and r_roster.how.get("id") != "option" and f_roster.how.get("id") != "option":
        raise InputError(
            f"--on 指定的列“{'、'.join(names)}”在两个文件中都没有找到。"
            f"名册的列有：{'、'.join(map(str, r_roster.data.columns))}；"
            f"参照名单的列有：{'、'.join(map(str, f_roster.data.columns))}。"
        )
    left = _side(r_roster, "roster", rules, as_of)
    right = _side(f_roster, "reference", rules, as_of)

    stage("match")
    if reference_kind is None:
        kind, where, text, word = detect_reference_kind(f_roster)
    else:
        kind, where, text, word = reference_kind, "option", "", ""
    r = left.valid.drop(columns=["kind", "valid"]).add_prefix("roster_").rename(columns={"roster_id": "id"})
    f = right.valid.drop(columns=["kind", "valid"]).add_prefix("reference_")
    f = f.rename(columns={"reference_id": "id"})
    pairs = r.merge(f, on="id", how="inner", sort=False).sort_values("roster_row", kind="stable")
    pairs = pairs.reset_index(drop=True)
    only_r = r[~r["id"].isin(f["id"])].reset_index(drop=True)
    only_f = f[~f["id"].isin(r["id"])].reset_index(drop=True)
    return Match(
        roster=left,
        reference=right,
        kind=kind,
        kind_why=(where, text, word),
        rules=rules,
        as_of=as_of,
        pairs=pairs,
        only_roster=only_r,
        only_reference=only_f,
        disagreements=_disagreements(pairs, rules.per_capita_tolerance),
    )


# ------------------------------------------------------------------ labels shared by outputs


def _class_labels(m: Match, tier: pd.Series, lang: str) -> np.ndarray:
    tx = TEXT[lang]
    labels = {i: m.rules.tier_label(i, lang) for i in range(len(m.rules.tiers))}
    labels |= {len(m.rules.tiers): tx["not_hardship"], -1: tx["undetermined"]}
    return tier.map(labels).to_numpy(dtype=object)


def kind_text(m: Match, lang: str = "zh") -> str:
    """ "低保名单（标题“…”含“低保”）" and the like."""
    tx = TEXT[lang]
    where, text, word = m.kind_why
    name = tx["kind_dibao"] if m.dibao else tx["kind_generic"]
    if len(text) > 40:
        text = text[:40] + "…"
    why = tx["kind_why"][where].format(text=text, word=word)
    return f"{name}（{why}）" if lang == "zh" else f"{name} ({why})"


CHECK_COLUMNS = (
    "flag",
    "explain",
    "detail",
    "id",
    "name",
    "roster_row",
    "reference_row",
    "roster_per_capita",
    "reference_per_capita",
    "class",
)


def _money(x: float) -> str:
    return "—" if not np.isfinite(x) else f"{x:,.2f}"


def to_check(m: Match, lang: str = "zh") -> pd.DataFrame:
    """The 待核实 rows, grouped by flag (see :data:`FLAGS`), each group in row order.

    Columns: flag, explain (what to do), detail (a short figure for the terminal),
    id (as written, for invalid IDs), name, roster_row, reference_row,
    roster_per_capita, reference_per_capita, class (the roster's class).
    """
    tx = TEXT[lang]
    ex, short = tx["explain"], tx["detail"]
    frames = []

    def add(flag: str, d: pd.DataFrame, explain, detail, **cols) -> None:
        if len(d) == 0:
            return
        nan = np.full(len(d), np.nan)
        frame = {c: cols.get(c, nan) for c in CHECK_COLUMNS[3:]}
        frame["class"] = cols.get("class", np.full(len(d), "", dtype=object))
        frames.append(pd.DataFrame({"flag": flag, "explain": explain, "detail": detail, **frame}))

    if m.dibao:
        d = m.reference_not_hardship
        cls = _class_labels(m, d["roster_tier"], lang)
        und = d["roster_tier"].to_numpy() < 0
        pc_r, pc_f = d["roster_per_capita"].to_numpy(), d["reference_per_capita"].to_numpy()
        add(
            "reference_not_hardship",
            d,
            np.where(und, ex["undetermined"], [ex["reference_not_hardship"].format(cls=c) for c in cls]),
            [
                short["per_capita"].format(r=_money(a), cls=c, f=_money(b))
                for a, c, b in zip(pc_r, cls, pc_f, strict=True)
            ],
            id=d["id"].to_numpy(),
            name=d["roster_name"].to_numpy(),
            roster_row=d["roster_row"].to_numpy(),
            reference_row=d["reference_row"].to_numpy(),
            roster_per_capita=pc_r,
            reference_per_capita=pc_f,
            **{"class": cls},
        )
        d = m.hardship_not_in_reference
        cls = _class_labels(m, d["roster_tier"], lang)
        pc_r = d["roster_per_capita"].to_numpy()
        add(
            "hardship_not_in_reference",
            d,
            [ex["hardship_not_in_reference"].format(cls=c) for c in cls],
            [short["roster_only"].format(r=_money(a), cls=c) for a, c in zip(pc_r, cls, strict=True)],
            id=d["id"].to_numpy(),
            name=d["roster_name"].to_numpy(),
            roster_row=d["roster_row"].to_numpy(),
            roster_per_capita=pc_r,
            **{"class": cls},
        )
    for role in ROLES:
        d = m.side(role).invalid
        why = [tx["id_status"].get(s, s) for s in d["id_status"]]
        extra = {"class": _class_labels(m, d["tier"], lang)} if role == "roster" else {}
        add(
            f"invalid_{role}",
            d,
            [ex["invalid"].format(why=w) for w in why],
            why,
            id=d["id_raw"].to_numpy(),
            name=d["name"].to_numpy(),
            **{f"{role}_row": d["row"].to_numpy(), f"{role}_per_capita": d["per_capita"].to_numpy()},
            **extra,
        )
    for role in ROLES:
        d = m.side(role).duplicates
        firsts = d["first_row"].astype(str).tolist()
        add(
            f"duplicate_{role}",
            d,
            [ex["duplicate"].format(first=v) for v in firsts],
            [short["duplicate"].format(first=v) for v in firsts],
            id=d["id"].to_numpy(),
            name=d["name"].to_numpy(),
            **{f"{role}_row": d["row"].to_numpy()},
        )
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in CHECK_COLUMNS})
    return pd.concat(frames, ignore_index=True)


# ------------------------------------------------------------------ terminal


def render_match(m: Match, lang: str = "zh", console: Console | None = None, first: int = 10) -> None:
    """The terminal summary: counts, the first disagreements and records to check (IDs masked)."""
    from rich.console import Console, Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from jiekun.model.ids import mask_ids
    from jiekun.model.labels import rules_line

    console = console or Console()
    tx = TEXT[lang]
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
    sep = "，" if lang == "zh" else ", "
    dis = sep.join(f"{tx['fields'][f]} {counts[f]:,}" for f in COMPARED)
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
    console.print(Panel(Group(info, Text(), *lines), title=tx["panel"], expand=False))

    cols = tx["columns"]

    def table(title: str, *heads: str) -> Table:
        """A table of the ID number and ``heads``."""
        t = Table(title=title, title_justify="left")
        t.add_column(cols["id"], no_wrap=True)
        for h in heads:
            t.add_column(h, overflow="fold")
        return t

    def more(total: int, sheet: str) -> None:
        """Say how many rows the table left out, and where they are."""
        if total > first:
            console.print(Text(tx["more"].format(n=total - first, sheet=tx["sheets"][sheet]), style="dim"))

    if len(m.disagreements):
        d = m.disagreements.head(first)
        t = table(
            tx["dis_title"].format(n=len(m.disagreements)),
            cols["name_roster"],
            cols["field"],
            cols["value_roster"],
            cols["value_reference"],
            cols["rows"],
        )
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
        console.print(t)
        more(len(m.disagreements), "disagreements")

    if len(m.only_reference):
        f = m.only_reference.head(first)
        t = table(
            tx["only_ref_title"].format(n=len(m.only_reference)),
            cols["name"],
            cols["row_reference"],
            cols["employer"],
            cols["per_capita"],
        )
        ids = mask_ids(f["id"].astype(str)).tolist()
        for i, r in enumerate(f.itertuples(index=False)):
            t.add_row(
                ids[i],
                str(r.reference_name),
                str(r.reference_row),
                str(r.reference_employer),
                _money(r.reference_per_capita),
            )
        console.print(t)
        more(len(m.only_reference), "only_reference")

    check = to_check(m, lang)
    for flag, g in check.groupby("flag", sort=False):
        t = table(tx["group_title"][flag].format(n=len(g)), cols["name"], cols["rows"], cols["detail"])
        shown = g.head(first)
        ids = mask_ids(shown["id"].fillna("").astype(str)).tolist()
        for i, r in enumerate(shown.itertuples(index=False)):
            rows = f"{_cell(r.roster_row) or '—'}/{_cell(r.reference_row) or '—'}"
            t.add_row(ids[i], _cell(r.name), rows, str(r.detail))
        console.print(t)
        more(len(g), "to_check")
    for ok, recon in _reconciliations(c, tx):
        console.print(Text(("✓ " if ok else "✗ ") + recon, style="green" if ok else "bold red"))


def _reconciliations(c: dict[str, int], tx: dict[str, Any]) -> list[tuple[bool, str]]:
    """The count check of each side (roster, reference): whether it adds up, and its line."""
    out = []
    for role, only in (("roster", "only_roster"), ("reference", "only_reference")):
        bad = c[f"invalid_{role}"]
        ok = c[role] == c["both"] + c[only] + bad
        recon = tx["recon"].format(
            label=tx["counts"][role][0],
            n=c[role],
            both=c["both"],
            only=tx["only_word"][role],
            o=c[only],
            bad=bad,
        )
        out.append((ok, recon))
    return out


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


# ------------------------------------------------------------------ workbook


def default_match_path(roster_path: str | Path) -> Path:
    """``<roster stem>-match.xlsx`` in the current folder."""
    return Path.cwd() / f"{Path(roster_path).stem}-match.xlsx"


def check_output(out: Path, *, force: bool, inputs: Sequence[Path]) -> None:
    """Refuse an output that is not .xlsx, is an input, or exists without ``force`` (``OutputError``)."""
    from jiekun.errors import OutputError
    from jiekun.io.output import check_target

    if out.suffix.lower() != ".xlsx":
        raise OutputError(f"比对结果是 Excel 工作簿，输出文件名应以 .xlsx 结尾（收到 {out.name}）。")
    check_target(out, force=force, inputs=tuple(Path(p) for p in inputs))


def write_match(
    m: Match,
    path: str | Path,
    *,
    lang: str = "zh",
    mask_ids: bool = False,
    force: bool = False,
) -> Path:
    """Write the match workbook; returns the path written.

    Sheets 比对汇总, 仅在名册, 仅在参照, 信息不一致, 待核实 (English names with
    ``lang="en"``). Refuses to write over either input (even with ``force``) or an
    existing file without ``force``; written to a temporary file and renamed.
    Roster text is only ever written as text cells, so "=1+1" stays a string.
    """
    from jiekun.io.output import write_via_temp

    if lang not in TEXT:
        raise ValueError(f"lang must be one of {', '.join(TEXT)}, not {lang!r}")
    out = Path(path)
    check_output(out, force=force, inputs=(m.roster.roster.path, m.reference.roster.path))
    write_via_temp(out, lambda tmp: _write_book(m, tmp, lang, mask_ids))
    return out


class _Book:
    """The workbook being written, its formats, and the long sheets to splice in."""

    def __init__(self, wb, lang: str, mask: bool):
        from jiekun.xlsx.rows import Styles

        self.wb, self.lang, self.mask = wb, lang, mask
        self.tx = TEXT[lang]
        self.styles = Styles(wb)
        self.data: list = []  # report_xml.DataSheet, spliced in after the workbook is closed
        fmt = wb.add_format
        self.f_title = fmt({"bold": True, "font_size": 16, "valign": "vcenter"})
        head = {"bold": True, "bg_color": "#D9E1F2", "border": 1, "valign": "vcenter", "text_wrap": True}
        self.f_head = fmt({**head, "align": "center"})
        self.f_key = fmt({"bold": True, "valign": "top"})
        self.f_val = fmt({"text_wrap": True, "valign": "top"})
        self.f_label = fmt({"border": 1})
        self.f_int = fmt({"border": 1, "num_format": "#,##0"})
        self.f_note = fmt({"border": 1, "font_color": "#595959"})
        self.f_flag = fmt({"border": 1, "bold": True, "font_color": "#C00000", "num_format": "#,##0"})
        self.f_ok = fmt({"font_color": "#006100"})
        self.f_bad = fmt({"font_color": "#C00000", "bold": True})

    def ids(self, values) -> np.ndarray:
        """ID numbers as text (masked when asked), '' for none."""
        s = pd.Series(values, dtype=object).fillna("").astype(str)
        if self.mask:
            from jiekun.model.ids import mask_ids

            s = mask_ids(s)
        return s.to_numpy(dtype=object)


def _text(values) -> np.ndarray:
    """An object array of str, '' for blanks (None/NaN)."""
    s = pd.Series(values, dtype=object)
    return s.where(s.notna(), "").astype(str).to_numpy(dtype=object)


def _floats(values, decimals: int | None = None) -> np.ndarray:
    x = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").to_numpy(dtype=float)
    return np.round(x, decimals) if decimals is not None else x


def _write_book(m: Match, tmp: Path, lang: str, mask: bool) -> None:
    import io

    import xlsxwriter

    from jiekun import __version__
    from jiekun.report.roster import WORKBOOK_OPTIONS
    from jiekun.xlsx.rows import Column, splice

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, **WORKBOOK_OPTIONS})
    book = _Book(wb, lang, mask)
    tx = book.tx
    wb.set_properties({"title": tx["title"], "author": "jiekun", "comments": f"jiekun {__version__}"})
    _summary_sheet(book, m)
    cols = tx["columns"]

    def text(h, v):
        return Column(h, text=_text(v))

    def ident(h, v):
        return Column(h, text=book.ids(v), text_style="id")

    def whole(h, v):
        return Column(h, number=_floats(v), number_style="int")

    def money(h, v):
        return Column(h, number=_floats(v, 2), number_style="money")

    def one_side(t, role):
        """Row, ID, name, employer, household size and incomes of one side's ``role_*`` columns."""
        return [
            whole(cols[f"row_{role}"], t[f"{role}_row"]),
            ident(cols["id"], t["id"]),
            text(cols["name"], t[f"{role}_name"]),
            text(cols["employer"], t[f"{role}_employer"]),
            whole(cols["household_size"], t[f"{role}_household_size"]),
            money(cols["household_income"], t[f"{role}_household_income"]),
            money(cols["per_capita"], t[f"{role}_per_capita"]),
        ]

    r = m.only_roster
    _list_sheet(
        book,
        tx["sheets"]["only_roster"],
        [*one_side(r, "roster"), text(cols["class"], _class_labels(m, r["roster_tier"], lang))],
    )
    f = m.only_reference
    ref = m.reference.roster
    extra = [c for c in ref.data.columns if c not in set(ref.fields.values())]
    data = ref.data.iloc[f["reference_pos"].to_numpy()]
    _list_sheet(
        book,
        tx["sheets"]["only_reference"],
        [*one_side(f, "reference"), *[text(str(c), data[c]) for c in extra]],
    )
    d = m.disagreements
    fields = d["field"].to_numpy(dtype=object)
    numeric = np.isin(fields, ["household_size", "household_income", "per_capita"])
    size = (fields == "household_size").astype(np.int64)  # whole numbers, the rest amounts

    def value(h, v):
        v = pd.Series(v, dtype=object)
        return Column(
            h,
            text=np.where(numeric, "", _text(v)).astype(object),
            number=np.where(numeric, _floats(v.where(numeric, None), 2), np.nan),
            number_style="money",
            number_style_alt=size,
            alt_style="int",
        )

    _list_sheet(
        book,
        tx["sheets"]["disagreements"],
        [
            ident(cols["id"], d["id"]),
            text(cols["name_roster"], d["name"]),
            text(cols["field"], [tx["fields"][x] for x in fields]),
            value(cols["value_roster"], d["roster_value"]),
            value(cols["value_reference"], d["reference_value"]),
            money(cols["difference"], np.where(numeric, _floats(d["difference"]), np.nan)),
            whole(cols["row_roster"], d["roster_row"]),
            whole(cols["row_reference"], d["reference_row"]),
        ],
    )
    c = to_check(m, lang)
    _list_sheet(
        book,
        tx["sheets"]["to_check"],
        [
            text(cols["flag"], [tx["flags"][x] for x in c["flag"]]),
            ident(cols["id"], c["id"]),
            text(cols["name"], c["name"]),
            whole(cols["row_roster"], c["roster_row"]),
            whole(cols["row_reference"], c["reference_row"]),
            money(cols["per_capita_roster"], c["roster_per_capita"]),
            money(cols["per_capita_reference"], c["reference_per_capita"]),
            text(cols["class"], c["class"]),
            text(cols["explain"], c["explain"]),
        ],
    )
    book.styles.frozen = True
    wb.close()
    splice(buf.getvalue(), tmp, book.data)


def _page(ws, landscape: bool, repeat: bool = True) -> None:
    ws.set_paper(9)  # A4
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_footer("&C&P / &N")
    if repeat:
        ws.repeat_rows(0)


def _list_sheet(book: _Book, name: str, columns: list) -> None:
    """A list sheet: header row, frozen, autofilter, A4; rows spliced in (continued past Excel's limit)."""
    import math

    from jiekun.report.roster import column_width, number_width, text_width
    from jiekun.xlsx.rows import SHEET_DATA_ROWS, DataSheet

    first = columns[0]
    n = len(first.text if first.text is not None else first.number)
    book.styles.register(columns)
    for col in columns:
        if col.text is not None:
            col.width = column_width(col.text, col.header)
        if col.number is not None:
            col.width = max(
                col.width if col.text is not None else 0,
                number_width(col.number, 2) + 2,
                text_width(col.header) + 2,
                8,
            )
    for i in range(max(1, math.ceil(n / SHEET_DATA_ROWS))):
        sheet = name if i == 0 else f"{name}({i + 1})"
        start, stop = i * SHEET_DATA_ROWS, min(n, (i + 1) * SHEET_DATA_ROWS)
        ws = book.wb.add_worksheet(sheet)
        for j, col in enumerate(columns):
            ws.write_string(0, j, col.header, book.f_head)
            ws.set_column(j, j, col.width, book.styles.format("id") if col.text_style == "id" else None)
        ws.set_row(0, 30)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(stop - start, 1), len(columns) - 1)
        _page(ws, landscape=True)
        book.data.append(DataSheet(sheet, columns, start, stop, None, book.styles))


def _summary_sheet(book: _Book, m: Match) -> None:
    from jiekun import __version__
    from jiekun.model.labels import rules_line
    from jiekun.report.roster import text_width

    tx, lang = book.tx, book.lang
    ws = book.wb.add_worksheet(tx["sheets"]["summary"])
    c = m.counts()
    labels = [v[0] for v in tx["counts"].values()] + [tx["fields"][f] for f in COMPARED]
    ws.set_column(0, 0, max(text_width(s) for s in labels) + 6)
    ws.set_column(1, 1, 12)
    ws.set_column(2, 2, 60)
    ws.set_row(0, 30)
    ws.write_string(0, 0, tx["title"], book.f_title)

    def where(side: Side) -> str:
        r = side.roster
        return tx["with_sheet"].format(source=r.source, sheet=r.sheet) if r.sheet else r.source

    info = [
        (tx["info"]["roster"], where(m.roster)),
        (tx["info"]["reference"], where(m.reference)),
        (tx["info"]["kind"], kind_text(m, lang)),
        (tx["info"]["how"], tx["info"]["how_text"]),
        (
            tx["info"]["id_columns"],
            tx["id_columns"].format(roster=m.roster.id_column, reference=m.reference.id_column),
        ),
        (tx["info"]["tolerance"], tx["info"]["tolerance_text"].format(tol=m.rules.per_capita_tolerance)),
        (tx["info"]["as_of"], m.as_of.isoformat()),
        (tx["info"]["rules"], rules_line(m.roster.tally.rules, lang)),
        (tx["info"]["made"], dt.datetime.now().strftime("%Y-%m-%d %H:%M")),
        (tx["info"]["version"], __version__),
    ]
    r = 1
    for key, value in info:
        r += 1
        ws.write_string(r, 0, key, book.f_key)
        ws.merge_range(r, 1, r, 2, value, book.f_val)
        if text_width(value) > 70:
            ws.set_row(r, 15 * (text_width(value) // 70 + 1) + 3)

    r += 2
    for j, h in enumerate((tx["item"], tx["people"], tx["note"])):
        ws.write_string(r, j, h, book.f_head)
    order = [
        "roster",
        "reference",
        "both",
        "only_roster",
        "only_reference",
        "invalid_roster",
        "invalid_reference",
        "duplicate_roster",
        "duplicate_reference",
        "reference_not_hardship",
        "hardship_not_in_reference",
    ]
    for key in order:
        r += 1
        label, note = tx["counts"][key]
        ws.write_string(r, 0, label, book.f_label)
        flag = key in ("reference_not_hardship", "hardship_not_in_reference")
        if flag and not m.dibao:
            ws.write_string(r, 1, "—", book.f_label)
            ws.write_string(r, 2, tx["not_dibao"], book.f_note)
            continue
        ws.write_number(r, 1, c[key], book.f_flag if flag and c[key] else book.f_int)
        ws.write_string(r, 2, note, book.f_note)
    r += 1
    label, note = tx["counts"]["disagreements"]
    ws.write_string(r, 0, label, book.f_label)
    ws.write_number(r, 1, c["disagreements"], book.f_int)
    ws.write_string(r, 2, note, book.f_note)
    for fld, n in m.disagreement_counts().items():
        r += 1
        ws.write_string(r, 0, "    " + tx["fields"][fld], book.f_label)
        ws.write_number(r, 1, n, book.f_int)
        ws.write_blank(r, 2, None, book.f_note)

    r += 2
    for ok, recon in _reconciliations(c, tx):
        ws.write_string(r, 0, ("✓ " if ok else "✗ ") + recon, book.f_ok if ok else book.f_bad)
        r += 1
    for role in ROLES:
        side = m.side(role)
        p = side.tally.problems
        line = tx["problems"].format(label=tx[role], e=p["error"], w=p["warning"], source=side.roster.source)
        ws.write_string(r, 0, line)
        r += 1
    _page(ws, landscape=False, repeat=False)
    ws.activate()
