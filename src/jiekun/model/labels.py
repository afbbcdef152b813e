"""Labels of the survey table's rows in Chinese and English, in report order."""

from __future__ import annotations

from jiekun.model.rules import CAUSES, EDUCATION_BUCKETS, Rules

EDUCATION_LABELS = {
    "junior_or_below": ("初中及以下", "Junior high or below"),
    "senior_high": ("高中(含中专)", "Senior high (incl. technical secondary)"),
    "college_or_above": ("大专及以上", "College or above"),
    "unknown": ("未知", "Unknown"),
}
CAUSE_LABELS = {
    "closure": ("企业停产半停产", "Enterprise shut down or half shut down"),
    "layoff": ("下岗失业", "Laid off or unemployed"),
    "schooling": ("子女上学", "Children in school"),
    "single_parent": ("单亲家庭", "Single parent"),
    "illness": ("患大病", "Serious illness"),
    "disability": ("因残", "Disability"),
    "no_work_capacity": ("无劳动能力", "No capacity to work"),
    "accident": ("意外致困", "Accident or disaster"),
    "other": ("其他", "Other"),
}
STATUS_LABELS = {
    "not_hardship": ("非困难", "Not in hardship"),
    "undetermined": ("无法判定", "Undetermined"),
}

assert list(EDUCATION_LABELS)[:-1] == list(EDUCATION_BUCKETS)
assert list(CAUSE_LABELS) == list(CAUSES)


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def age_gender_keys(rules: Rules) -> list[str]:
    """Age–gender group keys in survey order (men under N, men N+, women M+, women under M)."""
    m, f = rules.male_split, rules.female_split
    return [f"male_under_{m}", f"male_{m}_plus", f"female_{f}_plus", f"female_under_{f}", "unknown"]


def age_gender_labels(rules: Rules, lang: str = "zh") -> dict[str, str]:
    m, f = rules.male_split, rules.female_split
    zh = [f"男{m}岁以下", f"男{m}岁及以上", f"女{f}岁及以上", f"女{f}岁以下", "未知"]
    en = [
        f"Men under {m}",
        f"Men {m} and over",
        f"Women {f} and over",
        f"Women under {f}",
        "Unknown",
    ]
    return dict(zip(age_gender_keys(rules), en if lang == "en" else zh, strict=True))


def education_labels(lang: str = "zh") -> dict[str, str]:
    return {k: _pick(v, lang) for k, v in EDUCATION_LABELS.items()}


def cause_labels(lang: str = "zh") -> dict[str, str]:
    return {k: _pick(v, lang) for k, v in CAUSE_LABELS.items()}


def status_label(key: str, lang: str = "zh") -> str:
    return _pick(STATUS_LABELS[key], lang)
