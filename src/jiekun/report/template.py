"""The roster template of ``jiekun template``: an empty workbook that cannot mangle IDs.

Most broken rosters are broken where they are typed: an ID number typed into a
number cell loses its last three digits, education is spelled ten ways. The
template prevents that:

- the canonical headers (those jiekun reads without guessing), in the order a
  clerk fills them, required ones marked with a red ``*`` and a fill;
- the ID and phone columns formatted as text (``@``) cell by cell for ``rows``
  rows and as the column default beyond, so a typed 18-digit ID stays text;
- dropdowns for 性别 and 文化程度 (the canonical values, strict), 致困原因 and
  就业状态 (suggestions: other input, e.g. several causes, is allowed after a
  warning); whole numbers 1–20 for 家庭人口; amounts ≥ 0 for the incomes;
- an input message and a length check on the ID column, repeated IDs shown red;
- a frozen header, autofilter, A4 print setup, and a 填表说明 sheet explaining
  every column, the units and the classification rules.

The headers are checked against jiekun's own header matcher when the file is
written, so the template always reads back (``tests/test_template.py`` fills it
with openpyxl and reads it with ``jiekun.summarize``).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from jiekun.model.rules import CAUSES, EDUCATION_BUCKETS, Rules

__all__ = [
    "DEFAULT_ROWS",
    "EMPLOYMENT_VALUES",
    "MAX_ROWS",
    "TemplateColumn",
    "default_template_path",
    "template_columns",
    "write_template",
]

DEFAULT_ROWS = 2000
MAX_ROWS = 1_048_574  # Excel's last row, less the title and header rows
HEADER_ROW = 1  # 0-based: row 1 is the title, row 2 the header (as seen in Excel)
FIRST_DATA_ROW = HEADER_ROW + 1
LIST_LIMIT = 255  # Excel's limit on an inline dropdown list, in characters

#: Suggested values of 就业状态 (the column is free text; jiekun reads it as is).
EMPLOYMENT_VALUES = ("在岗", "待岗", "下岗", "失业", "灵活就业", "内退", "其他")
GENDER_VALUES = ("男", "女")


@dataclass(frozen=True)
class TemplateColumn:
    """One column of the template: its field, headers, rules and help text."""

    key: str  # canonical field of jiekun.model.columns.FIELDS, or "no" for 序号
    zh: str
    en: str
    required: bool
    kind: str  # plain | int | text | date | money | list
    width: float
    help_zh: str
    help_en: str
    example: str

    def header(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def help(self, lang: str) -> str:
        return self.help_en if lang == "en" else self.help_zh


def _bounds(rules: Rules, lang: str) -> str:
    """The tiers as the instructions state them, e.g. "特困职工 ≤ 245 元、困难职工 ≤ 280 元"."""
    op = "≤" if rules.inclusive else "<"
    if lang == "en":
        return ", ".join(f"{t.label_en} {op} {t.max_per_capita:g} yuan" for t in rules.tiers)
    return "、".join(f"{t.label} {op} {t.max_per_capita:g} 元" for t in rules.tiers)


def _columns() -> tuple[TemplateColumn, ...]:
    c = TemplateColumn
    return (
        c(
            "no",
            "序号",
            "No.",
            False,
            "int",
            6,
            "可不填；jiekun 不使用本列。",
            "Optional; not used by jiekun.",
            "1",
        ),
        c(
            "name",
            "姓名",
            "Name",
            True,
            "plain",
            10,
            "职工本人姓名。",
            "The worker's full name.",
            "王芳",
        ),
        c(
            "id",
            "身份证号",
            "ID number",
            True,
            "text",
            22,
            "18 位居民身份证号，末位可以是 X；旧的 15 位号码也可以。本列已设为文本，直接输入即可，"
            "号码不会变成科学计数法。同一号码只能出现一次（重复的会标红）。统计时年龄和性别按身份证号推算。",
            "18-digit resident ID number (the last character may be X); old 15-digit numbers are accepted. "
            "The column is formatted as text, so the number is kept exactly as typed. Each number once only "
            "(repeats turn red). Age and gender are taken from the ID number.",
            "",  # filled in below with a valid synthetic number
        ),
        c(
            "gender",
            "性别",
            "Gender",
            False,
            "list",
            6,
            "从下拉列表选择 男 或 女。身份证号有效时以身份证号为准。",
            "Choose 男 (male) or 女 (female). A valid ID number takes precedence.",
            "女",
        ),
        c(
            "birth",
            "出生日期",
            "Birth date",
            False,
            "date",
            12,
            "如 1975-03-08。身份证号有效时以身份证号为准；无效时才使用本列。",
            "For example 1975-03-08. Used only when the ID number is invalid.",
            "1975-03-08",
        ),
        c(
            "education",
            "文化程度",
            "Education",
            False,
            "list",
            10,
            "从下拉列表选择（见下方词表）。",
            "Choose from the list (see the vocabulary below); the values are kept in Chinese.",
            "初中",
        ),
        c(
            "employer",
            "工作单位",
            "Employer",
            False,
            "plain",
            22,
            "职工所在单位全称。",
            "The worker's employer, full name.",
            "示例机械厂",
        ),
        c(
            "community",
            "社区",
            "Community",
            False,
            "plain",
            14,
            "职工家庭所在社区或街道。",
            "The community or sub-district where the household lives.",
            "示例东苑社区",
        ),
        c(
            "household_size",
            "家庭人口（人）",
            "Household size (persons)",
            True,
            "int",
            10,
            "共同生活的家庭成员人数（含本人），1–20 的整数。",
            "People living in the household, the worker included: a whole number from 1 to 20.",
            "3",
        ),
        c(
            "household_income",
            "家庭月收入（元）",
            "Household income (yuan/month)",
            True,
            "money",
            14,
            "全家每月收入合计，单位元，可以有两位小数。不要填人均收入，人均由 jiekun 计算。",
            "The whole household's monthly income in yuan (two decimals allowed). "
            "Not per person: jiekun divides by the household size.",
            "720.00",
        ),
        c(
            "costs",
            "刚性支出（元/年）",
            "Costs (yuan/year)",
            False,
            "money",
            14,
            "全年刚性支出（如医疗、子女上学），单位元；计算人均收入时先从月收入中减去其十二分之一。没有就空着。",
            "Unavoidable annual costs (medical, schooling) in yuan; a twelfth is subtracted from the "
            "monthly income before dividing. Leave blank if none.",
            "",
        ),
        c(
            "cause",
            "致困原因",
            "Cause",
            False,
            "list",
            18,
            "可从下拉列表选择；有几个原因时直接输入，用“、”分开（如 下岗失业、患大病），在提示框中点“是”保留。",
            "Choose from the list, or type several causes separated by 、 (e.g. 下岗失业、患大病) and "
            "confirm the warning.",
            "下岗失业、患大病",
        ),
        c(
            "employment",
            "就业状态",
            "Employment",
            False,
            "list",
            10,
            "可从下拉列表选择，也可以输入其他情况。",
            "Choose from the list, or type another status.",
            "下岗",
        ),
        c(
            "phone",
            "联系电话",
            "Phone",
            False,
            "text",
            14,
            "手机或固定电话；本列已设为文本，开头的 0 不会丢失。",
            "Mobile or landline; formatted as text, so a leading 0 is kept.",
            "13800000000",
        ),
    )


def template_columns() -> tuple[TemplateColumn, ...]:
    """The template's columns, in the order a clerk fills them."""
    return _columns()


def default_template_path(lang: str = "zh") -> Path:
    """``花名册模板.xlsx`` (``roster-template.xlsx`` in English) in the current folder."""
    return Path.cwd() / ("roster-template.xlsx" if lang == "en" else "花名册模板.xlsx")


def _example_id() -> str:
    from jiekun.model.ids import id_check_digit

    first17 = "99010119750308002"  # area 99xxxx exists nowhere: a synthetic number
    return first17 + id_check_digit(first17)


def _fit_list(values: list[str]) -> list[str]:
    """Distinct values, in order, as many as fit an inline Excel list (255 characters)."""
    out: list[str] = []
    for v in dict.fromkeys(values):
        if "," in v or not v:
            continue
        if len(",".join([*out, v])) > LIST_LIMIT:
            break
        out.append(v)
    return out


def dropdowns(rules: Rules | None = None) -> dict[str, list[str]]:
    """The dropdown values per field: the canonical vocabulary (plus the rules file's additions)."""
    rules = rules or Rules()
    education = [v for vals in EDUCATION_BUCKETS.values() for v in vals] + list(rules.education)
    causes = [words[0] for words in CAUSES.values()]
    other = causes.pop()  # 其他 goes last, after the rules file's own causes
    causes += [words[0] for k, words in rules.causes.items() if k not in CAUSES and words]
    return {
        "gender": list(GENDER_VALUES),
        "education": _fit_list(education),
        "cause": _fit_list([*causes, other]),
        "employment": list(EMPLOYMENT_VALUES),
    }


def _check_headers(columns, lang: str, rules: Rules) -> None:
    """Every header must be read back as its own field by jiekun's header matcher."""
    from jiekun.model.columns import HeaderMatcher

    matcher = HeaderMatcher(rules.aliases)
    headers = [c.header(lang) for c in columns]
    found = matcher.match(headers).fields
    for i, col in enumerate(columns):
        want = None if col.key == "no" else col.key
        got = next((f for f, j in found.items() if j == i), None)
        if got != want:  # pragma: no cover - guards the column table above
            raise AssertionError(f"template header {headers[i]!r} reads as {got!r}, not {want!r}")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def write_template(
    path: str | Path,
    *,
    lang: str = "zh",
    rows: int = DEFAULT_ROWS,
    rules: Rules | None = None,
    force: bool = False,
) -> Path:
    """Write the empty roster template to ``path``; returns the path written.

    ``rows`` rows are prepared (text cells in the ID and phone columns, the
    validations); the column formats also apply below them. Refuses to write
    over an existing file without ``force`` (``OutputError``); written to a
    temporary file and renamed.

    >>> write_template("花名册模板.xlsx", rows=500)  # doctest: +SKIP
    """
    from jiekun.io.output import check_target, write_via_temp

    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    if not 1 <= rows <= MAX_ROWS:
        from jiekun.errors import InputError

        raise InputError(f"--rows 应在 1 到 {MAX_ROWS:,} 之间（收到 {rows}）。")
    rules = rules or Rules()
    out = Path(path)
    if out.suffix.lower() != ".xlsx":
        from jiekun.errors import OutputError

        raise OutputError(f"模板是 Excel 工作簿，输出文件名应以 .xlsx 结尾（收到 {out.name}）。")
    check_target(out, force=force)
    write_via_temp(out, lambda tmp: _write(tmp, lang, rows, rules))
    return out


_T = {
    "zh": {
        "sheet": "花名册",
        "title": "职工花名册",
        "help_sheet": "填表说明",
        "help_title": "职工花名册填表说明",
        "general": "一、总体要求",
        "columns": "二、各列说明（带 * 的列必须填写）",
        "col_head": ("列名", "必填", "填写说明", "示例"),
        "yes": "是",
        "no": "",
        "vocab": "三、下拉选项与可识别的写法",
        "vocab_head": ("列", "可选的值", "说明"),
        "id_title": "身份证号",
        "id_msg": "输入 18 位身份证号（末位可为 X），不加空格。本列为文本格式，号码不会丢失末位。",
        "id_err_title": "身份证号位数不对",
        "id_err": "身份证号应为 18 位（旧号为 15 位）。请核对后重新输入；点“是”保留当前输入。",
        "gender_err": "请从下拉列表选择 男 或 女。",
        "edu_err": "请从下拉列表选择文化程度（如 初中、高中、中专、大专、本科）。",
        "cause_title": "致困原因",
        "cause_msg": "可选择一个原因；几个原因请直接输入，用“、”分开。",
        "cause_err": "不在列表中。几个原因可用“、”分开输入（如 下岗失业、患大病）。点“是”保留输入。",
        "emp_err": "不在列表中。点“是”保留输入。",
        "size_err": "家庭人口应为 1 到 20 的整数。",
        "money_err": "请输入金额（元），不小于 0，不要带“元”字或其他文字。",
        "date_err": "请输入日期，如 1975-03-08。点“是”保留输入。",
        "money_title": "家庭月收入",
        "money_msg": "全家每月收入合计（元），不是人均。",
        "edu_note": "按文化程度分组统计：",
        "cause_note": "下拉列表只是建议；jiekun 也识别这些写法：",
        "emp_note": "仅作记录，不影响统计。",
        "gender_note": "也识别 M/F、male/female、1/2。",
    },
    "en": {
        "sheet": "Roster",
        "title": "Worker roster",
        "help_sheet": "Instructions",
        "help_title": "How to fill in the worker roster",
        "general": "1. General",
        "columns": "2. Columns (columns marked * are required)",
        "col_head": ("Column", "Required", "What to enter", "Example"),
        "yes": "yes",
        "no": "",
        "vocab": "3. Dropdown values and the spellings jiekun understands",
        "vocab_head": ("Column", "Values", "Notes"),
        "id_title": "ID number",
        "id_msg": "Type the 18-digit ID number (last character may be X), no spaces. The column is text, "
        "so no digits are lost.",
        "id_err_title": "Wrong length",
        "id_err": "An ID number has 18 characters (old numbers 15). Check it; choose Yes to keep it anyway.",
        "gender_err": "Choose 男 (male) or 女 (female) from the list.",
        "edu_err": "Choose the education level from the list.",
        "cause_title": "Cause",
        "cause_msg": "Choose one cause, or type several separated by 、",
        "cause_err": "Not in the list. Several causes may be typed, separated by 、. Choose Yes to keep it.",
        "emp_err": "Not in the list. Choose Yes to keep it.",
        "size_err": "Household size is a whole number from 1 to 20.",
        "money_err": "Enter an amount in yuan, 0 or more, digits only.",
        "date_err": "Enter a date such as 1975-03-08. Choose Yes to keep it anyway.",
        "money_title": "Household income",
        "money_msg": "The whole household's monthly income in yuan, not per person.",
        "edu_note": "Grouped for the statistics as: ",
        "cause_note": "The list only suggests; jiekun also understands: ",
        "emp_note": "Recorded only; not used in the statistics.",
        "gender_note": "M/F, male/female and 1/2 are understood too.",
    },
}


def _general(lang: str, rules: Rules, rows: int, sheet: str) -> list[str]:
    bound = _bounds(rules, lang)
    if lang == "en":
        return [
            f"One worker per row, from row {FIRST_DATA_ROW + 1} of the sheet '{sheet}'. Row "
            f"{HEADER_ROW + 1} is the header: do not rename the columns (extra columns may be "
            "added; jiekun ignores columns it does not know).",
            "Columns marked * are required. Amounts are in yuan; household income is the "
            "whole household's income per month.",
            "Per-capita monthly income = (household monthly income − annual costs ÷ 12) ÷ household "
            "size. jiekun computes it; do not enter it.",
            f"Tiers by per-capita monthly income: {bound}. Hardship counts include the first tier.",
            "ID numbers: type them straight in; the column is text. When pasting from another "
            "workbook use Paste Special → Values, and check the numbers did not turn into 9.9E+17.",
            f"The first {rows:,} rows carry the checks and dropdowns; rows below keep the column "
            "formats. Save as .xlsx.",
            "Check the filled roster with: jiekun check <file>.xlsx",
        ]
    return [
        f"每行填写一名职工，从“{sheet}”表第 {FIRST_DATA_ROW + 1} 行开始。第 {HEADER_ROW + 1} 行是表头，"
        "请不要修改列名（可以在后面增加列，jiekun 会忽略不认识的列）。",
        "带 * 的列必须填写。金额单位为元；家庭月收入是全家每月的收入合计。",
        "家庭人均月收入 =（家庭月收入 − 全年刚性支出 ÷ 12）÷ 家庭人口，由 jiekun 计算，不必填写。",
        f"分类标准（按家庭人均月收入{'，含本数' if rules.inclusive else '，不含本数'}）：{bound}；"
        f"困难职工人数包含{rules.tiers[0].label}。",
        "身份证号列已设为文本格式，直接输入即可；从其他表格复制时请用“选择性粘贴 → 数值”，"
        "并检查号码没有变成 9.9E+17 之类的科学计数法。",
        f"前 {rows:,} 行设置了下拉列表和输入检查，更下面的行保留列格式。请保存为 .xlsx 格式。",
        "填好后可以用 jiekun check <文件名>.xlsx 检查数据问题。",
    ]


def _height(text: str, width: float) -> float:
    """Row height (points) for wrapped ``text`` in a column ``width`` characters wide."""
    lines = sum(max(1, -(-_width(part) // max(1, int(width) - 1))) for part in text.split("\n"))
    return 15.0 * lines + 3


def _write(tmp: Path, lang: str, rows: int, rules: Rules) -> None:
    import xlsxwriter
    from xlsxwriter.utility import xl_rowcol_to_cell

    from jiekun import __version__

    tx = _T[lang]
    columns = _columns()
    _check_headers(columns, lang, rules)
    lists = dropdowns(rules)

    wb = xlsxwriter.Workbook(
        str(tmp),
        {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
    )
    wb.set_properties({"title": tx["title"], "author": "jiekun", "comments": f"jiekun {__version__}"})
    f_title = wb.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"})
    head = {"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True}
    f_head = wb.add_format({**head, "bg_color": "#D9E1F2"})
    f_head_req = wb.add_format({**head, "bg_color": "#FCE4D6"})
    f_star = wb.add_format({"bold": True, "font_color": "#C00000"})
    f_text = wb.add_format({"num_format": "@"})
    f_date = wb.add_format({"num_format": "yyyy-mm-dd"})
    f_money = wb.add_format({"num_format": "#,##0.00"})
    f_int = wb.add_format({"num_format": "0"})
    f_red = wb.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
    f_orange = wb.add_format({"bg_color": "#FFEB9C", "font_color": "#9C5700"})

    ws = wb.add_worksheet(tx["sheet"])
    first, last = FIRST_DATA_ROW, FIRST_DATA_ROW + rows - 1
    ncol = len(columns)
    ws.set_row(0, 28)
    ws.merge_range(0, 0, 0, ncol - 1, tx["title"], f_title)
    ws.set_row(HEADER_ROW, 32)
    col_fmt = {"text": f_text, "date": f_date, "money": f_money, "int": f_int}
    for j, col in enumerate(columns):
        label = col.header(lang)
        ws.set_column(j, j, max(col.width, _width(label) + 4), col_fmt.get(col.kind))
        if col.required:
            ws.write_rich_string(HEADER_ROW, j, f_star, "*", label, f_head_req)
        else:
            ws.write_string(HEADER_ROW, j, label, f_head)
        if col.kind == "text":  # every prepared cell is a text cell, not only the column default
            for r in range(first, last + 1):
                ws.write_blank(r, j, None, f_text)
    pos = {c.key: j for j, c in enumerate(columns)}
    ws.freeze_panes(FIRST_DATA_ROW, pos["id"] + 1)  # the header and 序号/姓名/身份证号 stay in view
    ws.autofilter(HEADER_ROW, 0, last, ncol - 1)

    def cell(key: str, row: int = first) -> str:
        return xl_rowcol_to_cell(row, pos[key])

    def validate(key: str, options: dict) -> None:
        ws.data_validation(first, pos[key], last, pos[key], options)

    id_cell = cell("id")
    validate(
        "id",
        {
            "validate": "custom",
            "value": f"=OR(LEN({id_cell})=18,LEN({id_cell})=15)",
            "ignore_blank": True,
            "input_title": tx["id_title"],
            "input_message": tx["id_msg"],
            "error_type": "warning",
            "error_title": tx["id_err_title"],
            "error_message": tx["id_err"],
        },
    )
    for key, err, kind in (
        ("gender", "gender_err", "stop"),
        ("education", "edu_err", "stop"),
        ("cause", "cause_err", "warning"),
        ("employment", "emp_err", "warning"),
    ):
        options = {
            "validate": "list",
            "source": lists[key],
            "ignore_blank": True,
            "error_type": kind,
            "error_message": tx[err],
        }
        if key == "cause":
            options |= {"input_title": tx["cause_title"], "input_message": tx["cause_msg"]}
        validate(key, options)
    validate(
        "household_size",
        {
            "validate": "integer",
            "criteria": "between",
            "minimum": 1,
            "maximum": 20,
            "error_type": "stop",
            "error_message": tx["size_err"],
        },
    )
    for key in ("household_income", "costs"):
        options = {
            "validate": "decimal",
            "criteria": ">=",
            "value": 0,
            "error_type": "stop",
            "error_message": tx["money_err"],
        }
        if key == "household_income":
            options |= {"input_title": tx["money_title"], "input_message": tx["money_msg"]}
        validate(key, options)
    validate(
        "birth",
        {
            "validate": "date",
            "criteria": "between",
            "minimum": dt.date(1900, 1, 1),
            "maximum": dt.date(2100, 12, 31),
            "error_type": "warning",
            "error_message": tx["date_err"],
        },
    )
    id_range = f"{id_cell}:{cell('id', last)}"
    ws.conditional_format(id_range, {"type": "duplicate", "format": f_red})
    ws.conditional_format(
        id_range,
        {
            "type": "formula",
            "criteria": f'=AND({id_cell}<>"",LEN({id_cell})<>18,LEN({id_cell})<>15)',
            "format": f_orange,
        },
    )
    ws.set_paper(9)  # A4
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0, HEADER_ROW)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_footer("&C&P / &N")
    ws.activate()

    _help_sheet(wb, tx, lang, rules, columns, lists, rows)
    wb.close()


def _help_sheet(wb, tx: dict, lang: str, rules: Rules, columns, lists: dict, rows: int) -> None:
    """填表说明: the general rules, every column, the dropdown values and accepted spellings."""
    from jiekun.model.labels import cause_labels, education_labels

    ws = wb.add_worksheet(tx["help_sheet"])
    f_title = wb.add_format({"bold": True, "font_size": 14})
    f_section = wb.add_format({"bold": True, "font_size": 12})
    f_head = wb.add_format({"bold": True, "border": 1, "bg_color": "#D9E1F2", "valign": "vcenter"})
    f_cell = wb.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    f_req = wb.add_format({"border": 1, "valign": "top", "align": "center", "font_color": "#C00000"})
    f_para = wb.add_format({"text_wrap": True, "valign": "top"})
    widths = (20, 8, 64, 22)
    for j, w in enumerate(widths):
        ws.set_column(j, j, w)
    ws.write_string(0, 0, tx["help_title"], f_title)
    r = 2
    ws.write_string(r, 0, tx["general"], f_section)
    for i, line in enumerate(_general(lang, rules, rows, tx["sheet"]), 1):
        r += 1
        text = f"{i}. {line}"
        ws.merge_range(r, 0, r, 3, text, f_para)
        ws.set_row(r, _height(text, sum(widths)))

    r += 2
    ws.write_string(r, 0, tx["columns"], f_section)
    r += 1
    for j, h in enumerate(tx["col_head"]):
        ws.write_string(r, j, h, f_head)
    for col in columns:
        r += 1
        ws.write_string(r, 0, ("*" if col.required else "") + col.header(lang), f_cell)
        ws.write_string(r, 1, tx["yes"] if col.required else tx["no"], f_req)
        ws.write_string(r, 2, col.help(lang), f_cell)
        ws.write_string(r, 3, _example_id() if col.key == "id" else col.example, f_cell)
        ws.set_row(r, _height(col.help(lang), widths[2]))

    r += 2
    ws.write_string(r, 0, tx["vocab"], f_section)
    r += 1
    ws.write_string(r, 0, tx["vocab_head"][0], f_head)
    ws.merge_range(r, 1, r, 3, tx["vocab_head"][1], f_head)
    header = {c.key: c.header(lang) for c in columns}
    sep = "；" if lang == "zh" else "; "
    vocab = rules.education_values()
    edu = education_labels(lang)
    groups = sep.join(
        f"{edu[b]}：{'、'.join(v for v, k in vocab.items() if k == b)}" for b in EDUCATION_BUCKETS
    )
    words = rules.cause_words()
    causes = cause_labels(lang)
    synonyms = sep.join(f"{causes[k]}：{'、'.join(w for w, kk in words.items() if kk == k)}" for k in CAUSES)
    for key, note in (
        ("gender", tx["gender_note"]),
        ("education", tx["edu_note"] + groups),
        ("cause", tx["cause_note"] + synonyms),
        ("employment", tx["emp_note"]),
    ):
        r += 1
        text = "、".join(lists[key]) + "\n" + note
        ws.write_string(r, 0, header[key], f_cell)
        ws.merge_range(r, 1, r, 3, text, f_cell)
        ws.set_row(r, _height(text, sum(widths[1:])))
    ws.set_paper(9)  # A4
    ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
