"""The small sheets of the report workbook: 文字说明 (Narrative) and 说明 (About).

Every roster value (employer names, column names, file names) is written with
``write_string``; numbers with ``write_number``. Shares are numbers formatted
``0.0%`` so they can be summed and charted.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jiekun.report.book import Book
from jiekun.xlsx.book import wrapped_lines
from jiekun.xlsx.rows import EXTREME_FILL, HARDSHIP_FILL

# ------------------------------------------------------------------ 文字说明


def narrative_sheet(book: Book) -> None:
    """文字说明: the paragraph of the figures in one wide wrapped cell, and the basis below it."""
    from jiekun.model.labels import rules_line
    from jiekun.report.narrative import narrative

    tx, t = book.tx, book.tally
    ws = book.wb.add_worksheet(tx["narrative"])
    width = 80
    ws.set_column(0, 0, width)

    def wrapped(row: int, text: str, fmt, line_height: float, per_line: float) -> None:
        ws.set_row(row, line_height * (wrapped_lines(text, per_line) + 0.5))
        ws.write_string(row, 0, text, fmt)

    wrapped(0, tx["narrative_title"], book.fmt("heading", text_wrap=True, valign="top"), 17, width * 0.85)
    text = narrative(t, book.lang, area=book.area)
    wrapped(2, text, book.fmt("paragraph"), 18, width * 0.8)
    basis = tx["narrative_basis"].format(
        rules=rules_line(t.rules, book.lang), date=t.as_of.isoformat(), source=Path(t.source or "").name
    )
    wrapped(4, basis, book.fmt("subtitle", text_wrap=True, valign="top"), 14, width * 1.05)
    book.page(ws, landscape=False)
    ws.print_area(0, 0, 4, 0)


# ------------------------------------------------------------------ 说明


def about_sheet(book: Book) -> None:
    """说明: the report, the input file, the columns found, the rules, the row check, the results."""
    tx = book.tx
    ws = book.wb.add_worksheet(tx["about"])
    section, item = book.key_value_sheet(ws, tx["about_title"], widths=(30, 90), wrap=80)
    for part in (_about_report, _about_input, _about_rules, _about_results):
        part(book, section, item)
    book.page(ws, landscape=False)


def _about_report(book: Book, section, item) -> None:
    """The tool, the time, the options of this report."""
    tx, t, lang = book.tx, book.tally, book.lang
    yes, no = tx["yes"], tx["no"]
    section(tx["sec_report"])
    item(tx["tool"], f"jiekun {book.version}")
    item(tx["written"], dt.datetime.now().astimezone().isoformat(sep=" ", timespec="seconds"))
    item(tx["as_of_key"], t.as_of.isoformat())
    item(tx["language"], lang)
    item(tx["detail_mode"], tx[f"detail_{book.detail}"])
    item(tx["masked"], yes if book.mask else no)
    item(tx["colours"], tx["colour_extreme"], book.fmt("value", bg_color=EXTREME_FILL))
    item("", tx["colour_hardship"], book.fmt("value", bg_color=HARDSHIP_FILL))
    item("", tx["colour_duplicate"], book.fmt("value", font_color="#808080"))


def _about_input(book: Book, section, item) -> None:
    """The input file and the columns found in it."""
    from jiekun.model.columns import FIELDS

    tx, roster = book.tx, book.roster
    section(tx["sec_input"])
    item(tx["file_name"], roster.path.name)
    item(tx["file_path"], roster.source)
    item(tx["sha256"], roster.sha256 or tx["unreadable"])
    item(tx["format"], roster.format)
    if roster.encoding:
        item(tx["encoding"], roster.encoding)
    if roster.sheet:
        item(tx["sheet"], roster.sheet)
    item(tx["header_row"], roster.header_row)
    for note in roster.notes:
        item(tx["note"], note)

    section(tx["sec_columns"])
    for f, c in roster.fields.items():
        how = tx["by_words"] if roster.how.get(f) == "words" else tx["by_alias"]
        item(f"{FIELDS[f][0]} ({f})", tx["column_how"].format(column=c, how=how))


def _about_rules(book: Book, section, item) -> None:
    """The rules in full: profile, tiers, how ages and per-capita income are computed, vocabularies."""
    from jiekun.model.labels import age_gender_labels, cause_labels, education_labels
    from jiekun.model.rules import CAUSES, EDUCATION_BUCKETS

    tx, rules, lang = book.tx, book.rules, book.lang
    section(tx["sec_rules"])
    item(tx["rules_file"], rules.source or tx["builtin"])
    if rules.profile == "dibao":
        mult = "、".join(f"{m:g}" for m in rules.dibao_multiples)
        item(tx["profile"], tx["profile_dibao"].format(d=f"{rules.dibao:g}", m=mult))
    else:
        item(tx["profile"], tx["profile_survey"])
    op = "≤" if rules.inclusive else "<"
    for i, tier in enumerate(rules.tiers):
        item(
            tx["tier_n"].format(i=i + 1),
            tx["tier_rule"].format(label=rules.tier_label(i, lang), op=op, bound=f"{tier.max_per_capita:g}"),
        )
    item(tx["inclusive"], tx["inclusive_yes"] if rules.inclusive else tx["inclusive_no"])
    item(tx["per_capita_rule"], tx["per_capita_how"])
    item(tx["age_rule"], tx["age_how"])
    groups = "、".join(age_gender_labels(rules, lang).values())
    item(
        tx["age_groups"], tx["age_groups_how"].format(m=rules.male_split, f=rules.female_split, labels=groups)
    )
    item(tx["checks_age"], tx["checks_age_v"].format(lo=rules.min_age, hi=rules.max_age))
    item(tx["checks_income"], tx["checks_income_v"].format(v=f"{rules.max_household_income:g}"))
    item(tx["checks_tol"], tx["checks_tol_v"].format(v=f"{rules.per_capita_tolerance:g}"))
    edu_labels = education_labels(lang)
    vocab = rules.education_values()
    edu = "\n".join(
        f"{edu_labels[b]}：{'、'.join(v for v, k in vocab.items() if k == b)}" for b in EDUCATION_BUCKETS
    )
    item(tx["education_buckets"], edu)
    words = rules.cause_words()
    clabels = cause_labels(lang)
    causes = "\n".join(f"{clabels[k]}：{'、'.join(w for w, kk in words.items() if kk == k)}" for k in CAUSES)
    item(tx["cause_words"], causes)
    if rules.aliases:
        item(tx["extra_aliases"], "\n".join(f"{k}：{'、'.join(v)}" for k, v in rules.aliases.items()))


def _non_worker_rows(book: Book, item, most: int = 30) -> None:
    """What the total and footer rows say, so a clerk sees no worker was dropped (the first ``most``)."""
    from jiekun.model.row_kinds import non_worker_text

    c = book.result.classified
    if c is None:
        return
    rows = non_worker_text(c.roster.data, c.roster.rows, c.frame["kind"])
    if len(rows):
        lines = [
            book.tx["non_worker_line"].format(row=r, text=t)
            for r, t in zip(rows["row"][:most], rows["text"][:most], strict=True)
        ]
        if len(rows) > most:
            lines.append(book.tx["non_worker_more"].format(n=len(rows) - most))
        item(book.tx["non_worker_text"], "\n".join(lines))


def _about_results(book: Book, section, item) -> None:
    """The row reconciliation and the counts."""
    tx, t, rules, lang = book.tx, book.tally, book.rules, book.lang
    section(tx["sec_recon"])
    kinds = t.kinds
    item(tx["rows_read"], f"{t.rows_read:,}")
    item(tx["workers_counted"], f"{t.workers:,}")
    item(tx["duplicates"], f"{t.duplicates:,}")
    item(tx["blank_rows"], f"{kinds['blank']:,}")
    item(tx["total_rows"], f"{kinds['total']:,}")
    item(tx["footer_rows"], f"{kinds['footer']:,}")
    _non_worker_rows(book, item)
    ok = t.rows_read == t.workers + t.duplicates + t.non_worker_rows
    eq = tx["recon_eq"].format(rows=t.rows_read, workers=t.workers, dups=t.duplicates, non=t.non_worker_rows)
    item(tx["recon_key"], ("✓ " if ok else "✗ ") + eq)

    section(tx["sec_results"])
    item(tx["workers"], f"{t.workers:,}")
    item(book.hardship_label(), f"{t.hardship:,}")
    for i in range(len(rules.tiers)):
        item(rules.tier_label(i, lang), f"{t.tiers[i]:,}")
    item(tx["not_hardship"], f"{t.not_hardship:,}")
    item(tx["undetermined"], f"{t.undetermined:,}")
    item(tx["problems_key"], tx["problems_v"].format(e=t.problems["error"], w=t.problems["warning"]))
