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
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jiekun.errors import InputError, OutputError
from jiekun.model.rules import CAUSES, EDUCATION_BUCKETS, Rules
from jiekun.text import words

if TYPE_CHECKING:
    from jiekun.xlsx.book import Kit

# The workbook kit (NumPy, XlsxWriter) is imported when a template is written:
# the CLI reads DEFAULT_ROWS and MAX_ROWS from here when it starts.

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
    """One column of the template: its field, rules and example; its words are in :mod:`jiekun.text.template`."""

    key: str  # canonical field of jiekun.model.columns.FIELDS, or "no" for 序号
    required: bool
    kind: str  # plain | int | text | date | money | list
    width: float
    example: str  # a value as a clerk would type it (the same in both languages)

    def header(self, lang: str) -> str:
        return words("template", lang)["headers"][self.key]

    def help(self, lang: str) -> str:
        return words("template", lang)["help"][self.key]


def _bounds(rules: Rules, lang: str) -> str:
    """The tiers as the instructions state them, e.g. "特困职工 ≤ 245 元、困难职工 ≤ 280 元"."""
    tx = words("template", lang)
    op = "≤" if rules.inclusive else "<"
    return tx["bound_sep"].join(
        tx["bound"].format(label=rules.tier_label(i, lang), op=op, bound=f"{t.max_per_capita:g}")
        for i, t in enumerate(rules.tiers)
    )


def _columns() -> tuple[TemplateColumn, ...]:
    return (
        TemplateColumn("no", False, "int", 6, "1"),
        TemplateColumn("name", True, "plain", 10, "王芳"),
        TemplateColumn("id", True, "text", 22, ""),  # the help sheet shows a valid synthetic number
        TemplateColumn("gender", False, "list", 6, "女"),
        TemplateColumn("birth", False, "date", 12, "1975-03-08"),
        TemplateColumn("education", False, "list", 10, "初中"),
        TemplateColumn("employer", False, "plain", 22, "示例机械厂"),
        TemplateColumn("community", False, "plain", 14, "示例东苑社区"),
        TemplateColumn("household_size", True, "int", 10, "3"),
        TemplateColumn("household_income", True, "money", 14, "720.00"),
        TemplateColumn("costs", False, "money", 14, ""),
        TemplateColumn("cause", False, "list", 18, "下岗失业、患大病"),
        TemplateColumn("employment", False, "list", 10, "下岗"),
        TemplateColumn("phone", False, "text", 14, "13800000000"),
    )


def template_columns() -> tuple[TemplateColumn, ...]:
    """The template's columns, in the order a clerk fills them."""
    return _columns()


def default_template_path(lang: str = "zh") -> Path:
    """``花名册模板.xlsx`` (``roster-template.xlsx`` in English) in the current folder."""
    return Path.cwd() / words("template", lang)["default_file"]


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
    from jiekun.xlsx.book import check_lang

    check_lang(lang)
    if not 1 <= rows <= MAX_ROWS:
        raise InputError.say("template", "rows_error", max=MAX_ROWS, rows=rows)
    rules = rules or Rules()
    out = Path(path)
    if out.suffix.lower() != ".xlsx":
        raise OutputError.say("template", "not_xlsx", name=out.name)
    check_target(out, force=force)
    write_via_temp(out, lambda tmp: _write(tmp, lang, rows, rules))
    return out


def _general(lang: str, rules: Rules, rows: int, sheet: str) -> list[str]:
    """The general rules of the instructions sheet, one line each."""
    tx = words("template", lang)
    values = {
        "sheet": sheet,
        "first_row": FIRST_DATA_ROW + 1,
        "header_row": HEADER_ROW + 1,
        "bound": _bounds(rules, lang),
        "inclusive": tx["inclusive_yes" if rules.inclusive else "inclusive_no"],
        "first": rules.tier_label(0, lang),
        "rows": rows,
    }
    return [line.format(**values) for line in tx["general_lines"]]


def _height(text: str, width: float) -> float:
    """Row height (points) for wrapped ``text`` in a column ``width`` characters wide."""
    from jiekun.xlsx.book import wrapped_lines

    return 15.0 * wrapped_lines(text, max(1, int(width) - 1)) + 3


def _write(tmp: Path, lang: str, rows: int, rules: Rules) -> None:
    from jiekun.xlsx.book import Kit, open_workbook

    tx = words("template", lang)
    columns = _columns()
    _check_headers(columns, lang, rules)
    lists = dropdowns(rules)
    wb = open_workbook(tmp, tx["title"], font=rules.font)
    kit = Kit(wb, side=0.4)
    _roster_sheet(kit, tx, lang, rows, columns, lists)
    _help_sheet(kit, tx, lang, rules, columns, lists, rows)
    wb.close()


def _roster_sheet(kit: Kit, tx: dict, lang: str, rows: int, columns, lists: dict) -> None:
    """花名册: the title, the headers (required ones starred), column formats, checks, A4 set-up."""
    from xlsxwriter.utility import xl_rowcol_to_cell

    from jiekun.xlsx.book import text_width

    ws = kit.wb.add_worksheet(tx["sheet"])
    first, last = FIRST_DATA_ROW, FIRST_DATA_ROW + rows - 1
    ncol = len(columns)
    ws.set_row(0, 28)
    ws.merge_range(0, 0, 0, ncol - 1, tx["title"], kit.fmt("title"))
    ws.set_row(HEADER_ROW, 32)
    f_text = kit.fmt("as_text")
    col_fmt = {"text": f_text, "date": kit.fmt("date"), "money": kit.fmt("money"), "int": kit.fmt("whole")}
    for j, col in enumerate(columns):
        label = col.header(lang)
        ws.set_column(j, j, max(col.width, text_width(label) + 4), col_fmt.get(col.kind))
        if col.required:
            ws.write_rich_string(HEADER_ROW, j, kit.fmt("bad"), "*", label, kit.fmt("h_accent"))
        else:
            ws.write_string(HEADER_ROW, j, label, kit.fmt("h"))
        if col.kind == "text":  # every prepared cell is a text cell, not only the column default
            for r in range(first, last + 1):
                ws.write_blank(r, j, None, f_text)
    pos = {c.key: j for j, c in enumerate(columns)}
    ws.freeze_panes(FIRST_DATA_ROW, pos["id"] + 1)  # the header and 序号/姓名/身份证号 stay in view
    ws.autofilter(HEADER_ROW, 0, last, ncol - 1)
    _validations(ws, tx, pos, first, last, lists)
    id_cell, id_last = (xl_rowcol_to_cell(row, pos["id"]) for row in (first, last))
    ws.conditional_format(f"{id_cell}:{id_last}", {"type": "duplicate", "format": kit.fmt("cf_red")})
    ws.conditional_format(
        f"{id_cell}:{id_last}",
        {
            "type": "formula",
            "criteria": f'=AND({id_cell}<>"",LEN({id_cell})<>18,LEN({id_cell})<>15)',
            "format": kit.fmt("cf_orange"),
        },
    )
    kit.page(ws, landscape=True, repeat=(0, HEADER_ROW))
    ws.activate()


def _validations(ws, tx: dict, pos: dict[str, int], first: int, last: int, lists: dict) -> None:
    """The data validations of the prepared rows: ID length, dropdowns, numbers, dates."""
    from xlsxwriter.utility import xl_rowcol_to_cell

    def validate(key: str, options: dict) -> None:
        ws.data_validation(first, pos[key], last, pos[key], options)

    id_cell = xl_rowcol_to_cell(first, pos["id"])
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
    _list_validations(validate, tx, lists)
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


def _list_validations(validate, tx: dict, lists: dict) -> None:
    """Dropdowns: 性别 and 文化程度 strict, 致困原因 and 就业状态 suggestions (other input after a warning)."""
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


def _help_sheet(kit: Kit, tx: dict, lang: str, rules: Rules, columns, lists: dict, rows: int) -> None:
    """填表说明: the general rules, every column, the dropdown values and accepted spellings."""
    from jiekun.xlsx.book import page_setup

    ws = kit.wb.add_worksheet(tx["help_sheet"])
    f_head, f_cell, f_section = kit.fmt("h_left"), kit.fmt("value"), kit.fmt("heading")
    widths = (20, 8, 64, 22)
    for j, w in enumerate(widths):
        ws.set_column(j, j, w)
    ws.write_string(0, 0, tx["help_title"], kit.fmt("help_title"))
    r = 2
    ws.write_string(r, 0, tx["general"], f_section)
    for i, line in enumerate(_general(lang, rules, rows, tx["sheet"]), 1):
        r += 1
        text = f"{i}. {line}"
        ws.merge_range(r, 0, r, 3, text, kit.fmt("value_plain"))
        ws.set_row(r, _height(text, sum(widths)))

    r += 2
    ws.write_string(r, 0, tx["columns"], f_section)
    r += 1
    for j, h in enumerate(tx["col_head"]):
        ws.write_string(r, j, h, f_head)
    for col in columns:
        r += 1
        ws.write_string(r, 0, ("*" if col.required else "") + col.header(lang), f_cell)
        ws.write_string(r, 1, tx["yes"] if col.required else tx["no"], kit.fmt("required"))
        ws.write_string(r, 2, col.help(lang), f_cell)
        ws.write_string(r, 3, _example_id() if col.key == "id" else col.example, f_cell)
        ws.set_row(r, _height(col.help(lang), widths[2]))
    _vocabulary(ws, kit, tx, lang, rules, columns, lists, r + 2, widths)
    page_setup(ws, landscape=False)


def _vocabulary(
    ws, kit: Kit, tx: dict, lang: str, rules: Rules, columns, lists: dict, r: int, widths
) -> None:
    """The dropdown values of each list column and the other spellings jiekun understands."""
    from jiekun.model.labels import cause_labels, education_labels

    f_head, f_cell = kit.fmt("h_left"), kit.fmt("value")
    ws.write_string(r, 0, tx["vocab"], kit.fmt("heading"))
    r += 1
    ws.write_string(r, 0, tx["vocab_head"][0], f_head)
    ws.merge_range(r, 1, r, 3, tx["vocab_head"][1], f_head)
    header = {c.key: c.header(lang) for c in columns}
    sep = tx["note_sep"]
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
