"""Labels of the survey table's rows, the rules line and the headline, in report order.

The words are in :mod:`jiekun.text.labels`; this module fits them to the rules
(split ages, tier names, bounds).
"""

from __future__ import annotations

from jiekun.model.rules import CAUSES, EDUCATION_BUCKETS, Rules
from jiekun.text import table, words

assert list(table("labels")["zh"]["education"])[:-1] == list(EDUCATION_BUCKETS)
assert list(table("labels")["zh"]["cause"]) == list(CAUSES)


def age_gender_keys(rules: Rules) -> list[str]:
    """Age–gender group keys in survey order (men under N, men N+, women M+, women under M)."""
    m, f = rules.male_split, rules.female_split
    return [f"male_under_{m}", f"male_{m}_plus", f"female_{f}_plus", f"female_under_{f}", "unknown"]


def age_gender_labels(rules: Rules, lang: str = "zh") -> dict[str, str]:
    """Group key → label (男50岁以下 …) for the configured split ages."""
    w, m, f = words("labels", lang), rules.male_split, rules.female_split
    labels = [
        w["male_under"].format(m=m),
        w["male_plus"].format(m=m),
        w["female_plus"].format(f=f),
        w["female_under"].format(f=f),
        w["unknown"],
    ]
    return dict(zip(age_gender_keys(rules), labels, strict=True))


def education_labels(lang: str = "zh") -> dict[str, str]:
    return dict(words("labels", lang)["education"])


def cause_labels(lang: str = "zh") -> dict[str, str]:
    return dict(words("labels", lang)["cause"])


def status_label(key: str, lang: str = "zh") -> str:
    return words("labels", lang)["status"][key]


def rules_line(rules: Rules, lang: str = "zh") -> str:
    """The rules in one line: 调研口径：特困职工 ≤ 245 元，困难职工 ≤ 280 元."""
    w = words("labels", lang)
    head = w["dibao"].format(d=f"{rules.dibao:g}") if rules.profile == "dibao" else w["survey"]
    op = "≤" if rules.inclusive else "<"
    tiers = w["list_sep"].join(
        w["tier_bound"].format(label=rules.tier_label(i, lang), op=op, bound=f"{tier.max_per_capita:g}")
        for i, tier in enumerate(rules.tiers)
    )
    return head + w["head_sep"] + tiers


def hardship_label(rules: Rules, lang: str = "zh") -> str:
    """The headline label: 困难职工（含特困） in the survey profile, 困难职工（含深度困难） in the dibao one."""
    first = rules.tier_label(0, lang)
    first = f"{first[0].lower()}{first[1:]}" if lang == "en" else first.removesuffix("职工")
    return words("labels", lang)["hardship_incl"].format(first=first)
