"""The rules in force, as a terminal table or as the JSON of ``jiekun rules --json``."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

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
    extras = (
        ("education", dict(r.education), "→"),
        ("causes", {k: "/".join(v) for k, v in r.causes.items()}, ": "),
        ("aliases", {k: "/".join(v) for k, v in r.aliases.items()}, ": "),
    )
    for key, pairs, arrow in extras:
        if pairs:
            table.add_row(w[key], sep.join(f"{k}{arrow}{v}" for k, v in pairs.items()))
    (console or Console()).print(table)


def rules_json(r: Rules) -> dict:
    """Every setting of ``r``: what :meth:`Rules.to_json` gives plus the checks and the file's additions."""
    return {
        **r.to_json(),
        "inclusive": r.inclusive,
        "dibao": r.dibao,
        "age_groups": {"male_split": r.male_split, "female_split": r.female_split},
        "checks": {
            "min_age": r.min_age,
            "max_age": r.max_age,
            "max_household_income": r.max_household_income,
            "per_capita_tolerance": r.per_capita_tolerance,
        },
        "education": r.education,
        "causes": {k: list(v) for k, v in r.causes.items()},
        "aliases": {k: list(v) for k, v in r.aliases.items()},
    }
