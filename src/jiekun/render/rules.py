"""The rules in force, as a terminal table or as the JSON of ``jiekun rules --json``."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from jiekun.model.labels import age_gender_labels
from jiekun.model.rules import Rules
from jiekun.text import lang_of, words


def render_rules(r: Rules, lang: str | None = None, console: Console | None = None) -> None:
    """One row per setting: profile, tiers, groups, checks, and what the rules file adds."""
    lang = lang_of(lang)
    w = words("terminal", lang)["rules"]
    sep = w["list_sep"]
    table = Table(
        title=w["title"].format(source=r.source) if r.source else w["title_default"], show_header=False
    )
    table.add_row(w["profile"], w["survey"] if r.profile == "survey" else w["dibao"].format(d=f"{r.dibao:g}"))
    op = "≤" if r.inclusive else "<"
    for i, tier in enumerate(r.tiers):
        line = w["tier_line"].format(label=r.tier_label(i, lang), op=op, bound=f"{tier.max_per_capita:g}")
        table.add_row(w["tier"].format(n=i + 1), line)
    table.add_row(w["age_groups"], sep.join(age_gender_labels(r, lang).values()))
    table.add_row(w["ages"], w["ages_line"].format(min=r.min_age, max=r.max_age))
    table.add_row(w["income_high"], w["income_high_line"].format(bound=f"{r.max_household_income:g}"))
    table.add_row(w["tolerance"], w["tolerance_line"].format(bound=f"{r.per_capita_tolerance:g}"))
    table.add_row(w["exit_after"], w["exit_after_line"].format(n=r.exit_after_months))
    extras = (
        ("education", dict(r.education), "→"),
        ("causes", {k: "/".join(v) for k, v in r.causes.items()}, ": "),
        ("aliases", {k: "/".join(v) for k, v in r.aliases.items()}, ": "),
    )
    for key, pairs, arrow in extras:
        if pairs:
            table.add_row(w[key], sep.join(f"{k}{arrow}{v}" for k, v in pairs.items()))
    for name, text in vocab_rows(r, lang):
        table.add_row(name, Text(text, overflow="fold"))  # long lists without spaces: fold, never cut
    wa = words("assist", lang)
    if r.assist_kinds:
        table.add_row(wa["rules_kinds"], sep.join(f"{k}: {'/'.join(v)}" for k, v in r.assist_kinds.items()))
    if r.assist_caps:
        table.add_row(wa["rules_caps"], sep.join(f"{k} ≤ {v:g}" for k, v in r.assist_caps.items()))
    wc = words("cards", lang)
    table.add_row(wc["rules_font"], r.font)
    c = r.cards
    table.add_row(wc["rules_cards"], wc["rules_cards_line"].format(hotline=c.hotline, font=c.font or r.font))
    if c.contact or c.contact_phone or c.contacts:
        pairs = {wc["any_employer"]: (c.contact, c.contact_phone), **c.contacts}
        table.add_row(wc["rules_contacts"], sep.join(f"{k}: {' '.join(v).strip()}" for k, v in pairs.items()))
    (console or Console()).print(table)


def vocab_rows(r: Rules, lang: str) -> list[tuple[str, str]]:
    """The education and cause vocabularies in force, one row each: words and codes per bucket or cause."""
    from jiekun.model.labels import cause_labels, education_labels
    from jiekun.model.rules import CAUSES
    from jiekun.model.vocab import by_key

    v = words("vocab", lang)
    edu_labels = {**education_labels(lang), "unknown": v["unknown"]}
    rows = []
    for title, vocab, labels, note in (
        ("education", r.education_vocabulary(), edu_labels, "edu_codes_note"),
        ("causes", r.cause_vocabulary(), cause_labels(lang), "cause_codes_note"),
    ):
        codes = {c: k for c, k in vocab.exact.items() if c.isdigit()}
        keys = list(labels) if title == "education" else list(CAUSES)
        lines = [
            v["line"].format(label=labels[k], words=v["sep"].join(ws))
            + (v["codes"].format(codes=cs) if cs else "")
            for k, ws, cs in by_key(vocab.words, codes, keys)
            if ws or cs
        ]
        if title == "causes":
            lines.append(v["child_rule"].format(label=labels["schooling"]))
        rows.append((v[title], "\n".join([*lines, v[note]])))
    return rows


def rules_json(r: Rules) -> dict:
    """Every setting of ``r``: what :meth:`Rules.to_json` gives plus the checks and the file's additions."""
    return {
        **r.to_json(),
        "inclusive": r.inclusive,
        "dibao": r.dibao,
        "age_groups": {"male_split": r.male_split, "female_split": r.female_split},
        "exit_after_months": r.exit_after_months,
        "checks": {
            "min_age": r.min_age,
            "max_age": r.max_age,
            "max_household_income": r.max_household_income,
            "per_capita_tolerance": r.per_capita_tolerance,
        },
        "education": r.education,
        "causes": {k: list(v) for k, v in r.causes.items()},
        "aliases": {k: list(v) for k, v in r.aliases.items()},
        "assist": {"kinds": {k: list(v) for k, v in r.assist_kinds.items()}, "caps": dict(r.assist_caps)},
        "report": {"font": r.font},
        "cards": {
            "hotline": r.cards.hotline,
            "contact": r.cards.contact,
            "contact_phone": r.cards.contact_phone,
            "font": r.cards.font or r.font,
            "latin_font": r.cards.latin_font or r.cards.font or r.font,
            "contacts": {k: list(v) for k, v in r.cards.contacts.items()},
        },
    }
