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
    education: dict[str, str] = field(default_factory=dict)
    causes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    source: str | None = None

    def tier_label(self, i: int, lang: str = "zh") -> str:
        return self.tiers[i].label_en if lang == "en" else self.tiers[i].label

    def education_values(self) -> dict[str, str]:
        """Raw education value → bucket key: the built-in vocabulary plus the file's."""
        out = {v: k for k, vals in EDUCATION_BUCKETS.items() for v in vals}
        out.update(self.education)
        return out

    def cause_words(self) -> dict[str, str]:
        """Cause word → cause key: the built-in vocabulary plus the file's synonyms."""
        out = {w: k for k, words in CAUSES.items() for w in words}
        for k, words in self.causes.items():
            out.update({w: k for w in words})
        return out

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
        v = self.doc.get(key, {})
        if not isinstance(v, dict):
            raise self.fail(key, "table", table=key)
        return v

    def string_lists(self, key: str, allowed: set[str] | None) -> dict[str, tuple[str, ...]]:
        out = {}
        for k, v in self.table(key).items():
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
    """The ``[education]``, ``[causes]`` and ``[aliases]`` the file adds."""
    from jiekun.model.columns import FIELDS

    edu = {}
    for value, bucket in r.table("education").items():
        if bucket not in EDUCATION_BUCKETS:
            raise r.fail(
                f"education.{value}", "bucket", choices=", ".join(EDUCATION_BUCKETS), value=repr(bucket)
            )
        edu[value] = bucket
    causes = r.string_lists("causes", set(CAUSES))
    return {"education": edu, "causes": causes, "aliases": r.string_lists("aliases", set(FIELDS))}


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
    rules = replace(rules, **_vocabularies(r), **settings)
    if profile == "dibao":
        if dibao is None:
            rules = replace(rules, profile="dibao", dibao_multiples=tuple(multiples))
        else:
            rules = _with_dibao(rules, dibao, multiples)
    return rules


def default_rules_toml() -> str:
    """A commented rules file with every default, for ``jiekun rules --init``."""
    edu = "\n".join(f'# "{v}" = "{k}"' for k, vals in EDUCATION_BUCKETS.items() for v in vals[:1])
    causes = "\n".join(f"# {k} = {list(words)!r}".replace("'", '"') for k, words in CAUSES.items())
    return f"""# jiekun 规则文件 (TOML)。用法：jiekun summary 花名册.xlsx --rules 本文件
# 以 # 开头的行是注释。未写出的设置使用默认值。

# 规则方案："survey"（调研口径：按人均月收入上限分档）或 "dibao"（按低保标准倍数分档）
profile = "survey"

# "以下"是否包含本数（民法典第一千二百五十九条：包含）。
inclusive = true

# 低保方案的当地低保标准（元/月）与各档倍数（最困难在前）：
# dibao = 930.0
# dibao_multiples = [1.0, 2.0]

# 调研口径的各档，最困难在前；职工归入人均月收入不超过上限的第一档。
[[tiers]]
label = "特困职工"
label_en = "Extreme hardship"
max_per_capita = 245.0

[[tiers]]
label = "困难职工"
label_en = "Hardship"
max_per_capita = 280.0

# 年龄性别分组（"4050"）：男以 male_split 岁、女以 female_split 岁为界，满该岁数（含生日当天）归入"及以上"。
[age_groups]
male_split = 50
female_split = 40

# 数据检查的界限。
[checks]
min_age = 16                    # 低于此年龄提示"年龄不合理"
max_age = 80                    # 高于此年龄提示"年龄不合理"
max_household_income = 100000.0 # 家庭月收入高于此数提示"收入过高"
per_capita_tolerance = 1.0      # 表中人均收入与计算值相差超过此数（元）时提示

# 补充文化程度写法 → 分组（junior_or_below 初中及以下, senior_high 高中(含中专),
# college_or_above 大专及以上）。内置：
{edu}
[education]
# "扫盲班" = "junior_or_below"

# 补充致困原因的同义词。内置词表：
{causes}
[causes]
# illness = ["慢性病"]

# 补充表头别名（字段：{", ".join(_field_names())}）。
[aliases]
# household_income = ["家庭月收入合计"]
"""


def _field_names() -> list[str]:
    from jiekun.model.columns import FIELDS

    return list(FIELDS)
