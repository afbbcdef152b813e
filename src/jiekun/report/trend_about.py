"""说明 of the trend workbook: the files read, the rules, the as-of rule, the flow definitions, warnings."""

from __future__ import annotations

import datetime as dt

from jiekun.model.flows import flow_label
from jiekun.report.trend_book import TrendBook


def about_sheet(book: TrendBook) -> None:
    tx = book.tx
    ws = book.wb.add_worksheet(book.names["about"])
    section, item = book.key_value_sheet(ws, tx["about_title"], widths=(24, 96), wrap=92, key="key_wrap")
    _report(book, section, item)
    _files(book, section, item)
    _rules(book, section, item)
    _checks(book, section, item)
    book.page(ws, landscape=True)


def _report(book: TrendBook, section, item) -> None:
    """The tool, the kind of workbook, how ages were computed, and the warnings."""
    from jiekun import __version__

    tx, s, lang = book.tx, book.series, book.lang
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


def _files(book: TrendBook, section, item) -> None:
    """One item per file read: its name, SHA-256, where its header is, its row check, its columns."""
    from jiekun.model.columns import FIELDS

    tx = book.tx
    section(tx["sec_files"])
    for m in book.series.months:
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
            tx["file_line"].format(source=m.source),
            tx["sha_line"].format(sha=m.sha256),
            tx["f_where"].format(
                fmt=m.format, sheet=m.sheet or "—", row=m.header_row, as_of=m.as_of.isoformat()
            )
            + (tx["f_encoding"].format(enc=m.encoding) if m.encoding else ""),
            ("✓ " if ok else "✗ ") + recon + tx["recon_ok" if ok else "recon_bad"],
            tx["columns_line"].format(columns=tx["list_sep"].join(cols)),
        ]
        item(m.label, "\n".join(lines), book.fmt("value", font_color="#000000" if ok else "#C00000"))


def _rules(book: TrendBook, section, item) -> None:
    """The rules, and the definition of every flow."""
    tx, rules, lang = book.tx, book.rules, book.lang
    section(tx["sec_rules"])
    item(tx["rules_file"], rules.source or tx["builtin"])
    if rules.profile == "dibao":
        item(tx["profile"], tx["profile_dibao"].format(d=f"{rules.dibao:g}"))
    else:
        item(tx["profile"], tx["profile_survey"])
    item(tx["exit_after"], tx["exit_after_v"].format(n=rules.exit_after_months))
    op = "≤" if rules.inclusive else "<"
    for i, tier in enumerate(rules.tiers):
        item(tx["tier_n"].format(i=i + 1), tx["tier_rule"].format(label=rules.tier_label(i, lang), op=op,
                                                                  bound=f"{tier.max_per_capita:g}"))  # fmt: skip

    section(tx["sec_defs"].format(extreme=rules.tier_label(0, lang)))
    for k in book.series.flow_keys:
        item(
            tx["def_key"].format(label=flow_label(k, lang), key=k),
            tx[f"def_{k}"].format(n=rules.exit_after_months),
        )
    item(tx["def_identity"], tx["def_identity_v"])
    item(tx["def_check"], tx["def_check_v"])


def _checks(book: TrendBook, section, item) -> None:
    """The flow check of each pair of neighbouring months: both sides add up."""
    tx = book.tx
    if not book.series.flows:
        return
    section(tx["sec_flow_check"])
    for f in book.series.flows:
        c = f.counts
        unt_b = f.before_hardship - c["stayed"] - c["exited"] - c["left_roster"]
        unt_a = f.after_hardship - c["stayed"] - c["entered"] - c["returned"]
        text = tx["flow_check"].format(src=f.source, dst=f.target, hb=f.before_hardship, ha=f.after_hardship,
                                       s=c["stayed"], x=c["exited"], l=c["left_roster"], ub=unt_b,
                                       e=c["entered"], r=c["returned"], ua=unt_a)  # fmt: skip
        ok = f.balanced and unt_b + unt_a == c["untracked"]
        item("✓" if ok else "✗", text, book.fmt("value", font_color="#006100" if ok else "#C00000"))
