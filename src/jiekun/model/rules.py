"""Classification rules: tiers, age splits, education and cause vocabularies.

Rules are plain data. The defaults follow the district survey (特困 ≤ 245, 困难 ≤ 280
yuan per capita a month, inclusive); ``profile="dibao"`` follows the current union
scheme relative to the local minimum living standard (低保). A TOML rules file can
change any of it; ``jiekun rules --init FILE`` writes a commented default file.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jiekun.errors import RulesError
from jiekun.model import vocab
from jiekun.model.card_rules import DEFAULT_FONT, CardRules, output_settings
from jiekun.text import LANGS, table

PROFILES = ("survey", "dibao")
#: The survey profile's bounds (yuan per capita a month), hardest first; their names are words.
SURVEY_BOUNDS = (245.0, 280.0)

#: Education buckets in report order, with the raw values that belong to each.
EDUCATION_BUCKETS: dict[str, tuple[str, ...]] = {
    "junior_or_below": ("文盲", "半文盲", "未上过学", "小学", "初中"),
    "senior_high": ("高中", "普高", "职高", "中专", "中技", "技校", "中师"),
    "college_or_above": ("大专", "专科", "高职", "本科", "大学", "硕士", "研究生", "博士"),
}

#: Causes of hardship in report order, each with the words that name it.
CAUSES: dict[str, tuple[str, ...]] = {
    "closure": ("企业停产半停产", "停产", "半停产", "企业停产"),
    "layoff": ("下岗失业", "下岗", "失业"),
    "schooling": ("子女上学", "子女就学", "子女教育"),
    "single_parent": ("单亲家庭", "单亲"),
    "illness": ("患大病", "大病", "重病", "因病"),
    "disability": ("因残", "残疾"),
    "no_work_capacity": ("无劳动能力", "丧失劳动能力"),
    "accident": ("意外致困", "意外", "灾害"),
    "other": ("其他",),
}

#: A filed category (困难类别 of the hardship files) that is not income-based: kept as filed.
ACCIDENT = "accident"
#: Filed categories as written → tier index (0 the most severe) or ACCIDENT (docs/review.md).
FILED_CATEGORIES: dict[str, int | str] = {
    "深度困难": 0,
    "特困": 0,
    "相对困难": 1,
    "困难": 1,
    "意外致困": ACCIDENT,
}


@dataclass(frozen=True)
class Tier:
    """One hardship tier: a worker belongs to it when per-capita income ≤ the bound."""

    label: str
    label_en: str
    max_per_capita: float


@dataclass(frozen=True)
class Rules:
    """The active classification rules (docs/design.md, "Where each rule lives")."""

    profile: str = "survey"
    tiers: tuple[Tier, ...] = field(default_factory=lambda: _tiers("survey_tiers", SURVEY_BOUNDS))
    inclusive: bool = True
    dibao: float | None = None
    dibao_multiples: tuple[float, ...] = ()
    male_split: int = 50
    female_split: int = 40
    min_age: int = 16
    max_age: int = 80
    max_household_income: float = 100_000.0
    per_capita_tolerance: float = 1.0
    exit_after_months: int = 1  # months above the line before 脱困 (docs/flows.md)
    education: dict[str, str] = field(default_factory=dict)
    causes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: ``[assist.kinds]``: more words per kind of help (``jiekun assist``, docs/assist.md)
    assist_kinds: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: ``[assist.caps]``: kind of help → yuan per person in the period
    assist_caps: dict[str, float] = field(default_factory=dict)
    #: ``[report] font``: the font every workbook names (docs/report.md, "Fonts")
    font: str = DEFAULT_FONT
    #: ``[cards]``: hotline, default contacts and fonts of the contact cards (docs/cards.md)
    cards: CardRules = field(default_factory=CardRules)
    source: str | None = None

    def tier_label(self, i: int, lang: str = "zh") -> str:
        return self.tiers[i].label_en if lang == "en" else self.tiers[i].label

    def education_values(self) -> dict[str, str]:
        """Raw education value → bucket key: the built-in wordings plus the file's (codes aside)."""
        out = {v: k for k, vals in EDUCATION_BUCKETS.items() for v in vals}
        out.update({w: k for w, k in vocab.education_words().items() if w not in out})
        out.update(self.education)
        return out

    def cause_words(self) -> dict[str, str]:
        """Cause word → cause key: the built-in vocabulary and keywords plus the file's synonyms."""
        out = {w: k for k, words in CAUSES.items() for w in words}
        out.update({w: k for w, k in vocab.cause_words().items() if w not in out})
        for k, words in self.causes.items():
            out.update({w: k for w in words})
        return out

    def education_vocabulary(self) -> vocab.Vocabulary:
        """The compiled education vocabulary: wordings, GB/T 4658 codes, the file's values."""
        return vocab.education_vocabulary(self.education_values())

    def cause_vocabulary(self) -> vocab.Vocabulary:
        """The compiled cause vocabulary: words, the archive form's codes, keyword rules."""
        return vocab.cause_vocabulary(self.cause_words())

    def to_json(self) -> dict[str, Any]:
        """The ``rules`` object of the JSON summary (a stable contract)."""
        return {
            "profile": self.profile,
            "tiers": [{"label": t.label, "max_per_capita": t.max_per_capita} for t in self.tiers],
        }


def _tiers(names: str, bounds) -> tuple[Tier, ...]:
    """Tiers with the built-in names ``names`` of text/rules.py (第N档 past the last name)."""
    zh, en = (table("rules")[lang] for lang in LANGS)

    def name(w: dict, i: int) -> str:
        return w[names][i] if i < len(w[names]) else w["tier_n"].format(n=i + 1)

    return tuple(Tier(name(zh, i), name(en, i), b) for i, b in enumerate(bounds))


def dibao_rules(dibao: float, *, inclusive: bool = True, multiples=(1.0, 2.0)) -> Rules:
    """The union scheme: 深度困难 ≤ 1×低保, 相对困难 ≤ 2×低保 (multiples configurable)."""
    tiers = _tiers("dibao_tiers", [dibao * m for m in multiples])
    return Rules(
        profile="dibao",
        tiers=tiers,
        inclusive=inclusive,
        dibao=dibao,
        dibao_multiples=tuple(multiples),
    )


def build_rules(
    rules_file: str | Path | None = None,
    profile: str | None = None,
    dibao: float | None = None,
) -> Rules:
    """Combine a rules file and command-line overrides into one ``Rules``.

    >>> build_rules(profile="dibao", dibao=930).tiers[1].max_per_capita
    1860.0
    """
    rules = load_rules(rules_file) if rules_file else Rules()
    if profile is not None and profile not in PROFILES:
        raise RulesError.say("rules", "unknown_profile", profile=profile, choices=", ".join(PROFILES))
    if profile == "survey" and rules.profile != "survey":
        rules = replace(rules, profile="survey", tiers=Rules().tiers, dibao=None)
    if (profile == "dibao" or dibao is not None) and not (profile == "survey"):
        base = dibao if dibao is not None else rules.dibao
        if base is None or base <= 0:
            raise RulesError.say("rules", "dibao_needs_amount")
        rules = _with_dibao(rules, base, rules.dibao_multiples or (1, 2))
    return rules


def _with_dibao(rules: Rules, dibao: float, multiples) -> Rules:
    """``rules`` in the dibao profile: its tiers at ``multiples`` × ``dibao``."""
    d = dibao_rules(dibao, inclusive=rules.inclusive, multiples=tuple(multiples))
    return replace(rules, profile="dibao", tiers=d.tiers, dibao=dibao, dibao_multiples=d.dibao_multiples)


# ---------------------------------------------------------------- rules files


def _line_of(text: str, key: str) -> int | None:
    """The first line of the file that sets ``key`` (for error messages)."""
    leaf = key.split(".")[-1].split("[")[0]
    pattern = re.compile(rf'^\s*("?){re.escape(leaf)}\1\s*=|^\s*\[+\s*{re.escape(leaf)}\s*\]+')
    for i, line in enumerate(text.splitlines(), 1):
        if pattern.search(line):
            return i
    return None


class _Reader:
    """Reads typed values out of a parsed TOML document, naming the key on error."""

    def __init__(self, path: Path, text: str, doc: dict[str, Any]):
        self.path, self.text, self.doc = path, text, doc

    def fail(self, key: str, what: str, /, **params: object) -> RulesError:
        """The error "key ``key`` (on its line) is wrong: ``what``", in both languages."""
        line = _line_of(self.text, key)

        def say(w: dict) -> str:
            where = w["at_line"].format(line=line) if line else w["in_file"]
            why = w["what"][what].format(**params)
            return w["bad_key"].format(path=self.path, where=where, key=key, what=why)

        return RulesError({lang: say(table("rules")[lang]) for lang in LANGS})

    def number(self, table: dict, key: str, dotted: str, *, positive: bool = False) -> float | None:
        if key not in table:
            return None
        v = table[key]
        if isinstance(v, bool) or not isinstance(v, int | float):
            raise self.fail(dotted, "number", value=repr(v))
        if positive and v <= 0:
            raise self.fail(dotted, "positive", value=repr(v))
        return float(v)

    def integer(self, table: dict, key: str, dotted: str) -> int | None:
        if key not in table:
            return None
        v = table[key]
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise self.fail(dotted, "whole", value=repr(v))
        return v

    def table(self, key: str) -> dict[str, Any]:
        """The table ``key`` (dotted for a nested one: ``assist.caps``); {} when absent."""
        v: Any = self.doc
        for part in key.split("."):
            v = v.get(part, {}) if isinstance(v, dict) else None
        if not isinstance(v, dict):
            raise self.fail(key, "table", table=key)
        return v

    def string_lists(
        self, key: str, allowed: set[str] | None, items: dict[str, Any] | None = None
    ) -> dict[str, tuple[str, ...]]:
        out = {}
        for k, v in (self.table(key) if items is None else items).items():
            if allowed is not None and k not in allowed:
                raise self.fail(f"{key}.{k}", "unknown_key", choices=", ".join(sorted(allowed)))
            if isinstance(v, str):
                v = [v]
            if not isinstance(v, list) or not all(isinstance(x, str) and x for x in v):
                raise self.fail(f"{key}.{k}", "string_list")
            out[k] = tuple(v)
        return out


_TOP_KEYS = {
    "profile",
    "dibao",
    "inclusive",
    "tiers",
    "dibao_multiples",
    "age_groups",
    "checks",
    "education",
    "causes",
    "aliases",
    "assist",
    "exit_after_months",
    "report",
    "cards",
}


def _read(path: Path) -> _Reader:
    """The file's text and TOML document; a file that cannot be read or parsed raises ``RulesError``."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as e:
        raise RulesError.say("rules", "unreadable", path=path, why=e.strerror or e) from None
    except UnicodeDecodeError:
        raise RulesError.say("rules", "not_utf8", path=path) from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise RulesError.say("rules", "not_toml", path=path, why=e) from None
    r = _Reader(path, text, doc)
    for k in doc:
        if k not in _TOP_KEYS:
            raise r.fail(k, "unknown_top", choices=", ".join(sorted(_TOP_KEYS)))
    return r


def _multiples(r: _Reader) -> list[float]:
    """``dibao_multiples``: positive numbers, hardest (smallest) first."""
    multiples = r.doc.get("dibao_multiples", [1.0, 2.0])
    if (
        not isinstance(multiples, list)
        or not multiples
        or not all(isinstance(m, int | float) and not isinstance(m, bool) and m > 0 for m in multiples)
    ):
        raise r.fail("dibao_multiples", "multiples")
    if list(multiples) != sorted(multiples):
        raise r.fail("dibao_multiples", "multiples_order")
    return multiples


def _file_tiers(r: _Reader) -> tuple[Tier, ...] | None:
    """The ``[[tiers]]`` of the file, hardest first; None when it has none."""
    if "tiers" not in r.doc:
        return None
    raw = r.doc["tiers"]
    if not isinstance(raw, list) or not raw:
        raise r.fail("tiers", "tiers_list")
    tiers = []
    for i, t in enumerate(raw):
        if not isinstance(t, dict):
            raise r.fail("tiers", "tier_table")
        label = t.get("label")
        if not isinstance(label, str) or not label.strip():
            raise r.fail("label", "tier_label", n=i + 1)
        bound = r.number(t, "max_per_capita", "max_per_capita", positive=True)
        if bound is None:
            raise r.fail("tiers", "tier_bound", n=i + 1)
        tiers.append(Tier(label, str(t.get("label_en", label)), bound))
    if [t.max_per_capita for t in tiers] != sorted(t.max_per_capita for t in tiers):
        raise r.fail("max_per_capita", "tiers_order")
    return tuple(tiers)


def _settings(r: _Reader) -> dict[str, Any]:
    """The ``[age_groups]`` and ``[checks]`` settings the file gives."""
    ages, checks = r.table("age_groups"), r.table("checks")
    updates: dict[str, Any] = {}
    for tbl, key, dotted in (
        (ages, "male_split", "age_groups.male_split"),
        (ages, "female_split", "age_groups.female_split"),
        (checks, "min_age", "checks.min_age"),
        (checks, "max_age", "checks.max_age"),
    ):
        v = r.integer(tbl, key, dotted)
        if v is not None:
            updates[key] = v
    for key in ("max_household_income", "per_capita_tolerance"):
        v = r.number(checks, key, f"checks.{key}")
        if v is not None:
            updates[key] = v
    return updates


def _vocabularies(r: _Reader) -> dict[str, Any]:
    """The ``[education]``, ``[causes]`` and ``[aliases]`` the file adds.

    ``[education]`` maps a value to a bucket (``"职业中专" = "senior_high"``; ``"unknown"``
    counts it as 未知 without a warning). ``[causes]`` takes a cause key with its words
    (``illness = ["慢性病"]``) or a word with its key (``"读书" = "schooling"``).
    """
    from jiekun.model.columns import FIELDS

    buckets = [*EDUCATION_BUCKETS, vocab.UNKNOWN]
    edu = {}
    for value, bucket in r.table("education").items():
        if bucket not in buckets:
            raise r.fail(f"education.{value}", "bucket", choices=", ".join(buckets), value=repr(bucket))
        edu[value] = bucket
    raw = r.table("causes")
    by_word = {w: k for w, k in raw.items() if w not in CAUSES and isinstance(k, str)}
    for word, key in by_word.items():
        if key not in CAUSES:
            raise r.fail(f"causes.{word}", "bucket", choices=", ".join(CAUSES), value=repr(key))
    lists = {k: v for k, v in raw.items() if k not in by_word}
    causes = r.string_lists("causes", set(CAUSES), lists)
    for word, key in by_word.items():
        causes[key] = (*causes.get(key, ()), word)
    return {"education": edu, "causes": causes, "aliases": r.string_lists("aliases", set(FIELDS))}


def _assist(r: _Reader) -> dict[str, Any]:
    """``[assist.kinds]`` (more words per kind key) and ``[assist.caps]`` (yuan, whole fen, > 0)."""
    from jiekun.model.assist_ledger import KIND_KEYS, yuan_to_fen

    for k in r.table("assist"):
        if k not in ("kinds", "caps"):
            raise r.fail(f"assist.{k}", "unknown_key", choices="kinds, caps")
    kinds = r.string_lists("assist.kinds", set(KIND_KEYS))
    caps = {}
    for k in r.table("assist.caps"):
        if k not in KIND_KEYS:
            raise r.fail(f"assist.caps.{k}", "unknown_key", choices=", ".join(KIND_KEYS))
        v = r.number(r.table("assist.caps"), k, f"assist.caps.{k}", positive=True)
        try:
            yuan_to_fen(v)
        except ValueError:
            raise r.fail(f"assist.caps.{k}", "amount_fen", value=repr(v)) from None
        caps[k] = v
    return {"assist_kinds": kinds, "assist_caps": caps}


def load_rules(path: str | Path) -> Rules:
    """Read a TOML rules file; a bad file raises ``RulesError`` naming the key and line."""
    path = Path(path)
    r = _read(path)
    doc = r.doc
    profile = doc.get("profile", "survey")
    if profile not in PROFILES:
        raise r.fail("profile", "profile", a=PROFILES[0], b=PROFILES[1], value=repr(profile))
    inclusive = doc.get("inclusive", True)
    if not isinstance(inclusive, bool):
        raise r.fail("inclusive", "bool")
    dibao = r.number(doc, "dibao", "dibao", positive=True)
    multiples = _multiples(r)
    rules = Rules(inclusive=inclusive, source=str(path))
    tiers = _file_tiers(r)
    if tiers is not None:
        rules = replace(rules, tiers=tiers)
    settings = _settings(r)
    if "exit_after_months" in doc:
        months = doc["exit_after_months"]
        if isinstance(months, bool) or not isinstance(months, int) or months < 1:
            raise r.fail("exit_after_months", "months", value=repr(months))
        settings["exit_after_months"] = months
    rules = replace(rules, **_vocabularies(r), **_assist(r), **output_settings(r), **settings)
    if profile == "dibao":
        if dibao is None:
            rules = replace(rules, profile="dibao", dibao_multiples=tuple(multiples))
        else:
            rules = _with_dibao(rules, dibao, multiples)
    return rules
