"""The education and cause vocabularies beyond the survey's list: codes, official names, free text.

Data, not logic (docs/vocabularies.md says what each entry is for and why):

- education: the GB/T 4658-2006 学历代码 (and the 1984 codes where they cannot be
  misread), the official names of the levels and the wordings clerks use for them;
- causes: the codes and names of the union's 困难职工档案 form and keyword rules for
  free text (a disease word → 患大病, 子女 + 读书 → 子女上学, 车祸 → 意外致困 …).

:class:`Vocabulary` compiles one of them (built-in words plus a rules file's) once,
and matches a value against it: the exact value or code first, then the words it
contains, a longer word winning over a shorter one it overlaps (中等专科 is 中专,
never 专科). The survey's own lists stay in :mod:`jiekun.model.rules`
(``EDUCATION_BUCKETS``, ``CAUSES``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

#: The bucket for a value that names no level on purpose (其他, 不详, code 90): 未知, no warning.
UNKNOWN = "unknown"

# ------------------------------------------------------------------ education

#: Wordings that name a level, beyond ``EDUCATION_BUCKETS``. Longer words win, so
#: 中等专科 (a secondary school) is never read as 专科 (college), nor 职业初中 as 职高.
EDUCATION_WORDS: dict[str, tuple[str, ...]] = {
    "junior_or_below": (
        "初级中学", "职业初中", "农业初中", "小学教育", "文盲或半文盲", "不识字", "未上学",
    ),
    "senior_high": (
        "中等专科", "中等专业", "中等技术", "中等职业", "中等师范", "中专或中技", "职业高中", "农业高中",
        "高级中学", "普通高中", "技工学校", "技术学校", "技工", "中职", "职中", "职专",
    ),
    "college_or_above": (
        "大学专科", "高等专科", "高等职业", "高职高专", "研究生班", "大学普通班", "专科学校",
        "电大", "夜大", "职大",
    ),
    UNKNOWN: ("其他", "其它", "不详", "未知"),
}  # fmt: skip

#: GB/T 4658-2006 学历代码 → the official name (the name decides the bucket). The codes
#: of GB 4658-84 that mean the same level, or that the 2006 code does not use, are added;
#: 90 is 其他 in 2006 but 文盲或半文盲 in 1984, so it is read as 2006 says (未知).
EDUCATION_CODES: dict[str, str] = {
    "10": "研究生教育", "11": "博士研究生毕业", "12": "博士研究生结业", "13": "博士研究生肄业",
    "14": "硕士研究生毕业", "15": "硕士研究生结业", "16": "硕士研究生肄业",
    "17": "研究生班毕业", "18": "研究生班结业", "19": "研究生班肄业",
    "20": "大学本科教育", "21": "大学本科毕业", "22": "大学本科结业", "23": "大学本科肄业",
    "28": "大学普通班毕业",
    "30": "大学专科教育", "31": "大学专科毕业", "32": "大学专科结业", "33": "大学专科肄业",
    "40": "中等职业教育", "41": "中等专科毕业", "42": "中等专科结业", "43": "中等专科肄业",
    "44": "职业高中毕业", "45": "职业高中结业", "46": "职业高中肄业",
    "47": "技工学校毕业", "48": "技工学校结业", "49": "技工学校肄业",
    "60": "普通高级中学教育", "61": "普通高中毕业", "62": "普通高中结业", "63": "普通高中肄业",
    "70": "初级中学教育", "71": "初中毕业", "72": "初中结业", "73": "初中肄业",
    "80": "小学教育", "81": "小学毕业", "82": "小学结业", "83": "小学肄业",
    "90": "其他",
    # GB 4658-84 only: 29/39 本科/专科肄业, 50–59 技工学校, 68/69 高中, 79 初中, 89 小学, 99 其他
    "29": "大学本科肄业", "39": "大学专科肄业", "50": "技工学校", "51": "技工学校毕业",
    "59": "技工学校肄业", "68": "相当高中毕业", "69": "高中肄业", "79": "初中肄业",
    "89": "小学肄业", "99": "其他",
}  # fmt: skip

_EDU_SUFFIX = re.compile(r"(毕业|肄业|在读|结业|学历|文化|程度|及以下|以下|及以上|以上)+$")

# ------------------------------------------------------------------ causes

#: The 困难职工档案 form's 致困原因: code → (name, cause key). The form's ten causes are
#: finer than the survey's nine; 有劳动能力而未就业 counts as 下岗失业, and the two social
#: insurance causes as 其他 (the survey has no row for them).
ARCHIVE_CAUSES: dict[str, tuple[str, str]] = {
    "1": ("无劳动能力", "no_work_capacity"),
    "2": ("有劳动能力而未就业", "layoff"),
    "3": ("下岗失业", "layoff"),
    "4": ("未参加社会保险", "other"),
    "5": ("社会保险待遇落实不到位", "other"),
    "6": ("患重特大疾病", "illness"),
    "7": ("遭受自然灾害", "accident"),
    "8": ("遭受意外事故", "accident"),
    "9": ("子女上学", "schooling"),
    "10": ("其他", "other"),
}

#: Other wordings of the archive form's causes, and keywords of free text, by cause key.
CAUSE_WORDS: dict[str, tuple[str, ...]] = {
    "closure": ("破产", "倒闭", "停工", "停业", "关停", "效益差", "效益不好", "放长假"),
    "layoff": ("有劳动能力未就业", "未就业", "待业", "无业", "无工作", "失去工作", "买断"),
    "schooling": ("上学", "读书", "念书", "学费", "就学", "求学", "上大学", "升学"),
    "single_parent": ("离异", "丧偶", "离婚"),
    "illness": (
        "重特大疾病", "重大疾病", "癌", "肿瘤", "白血病", "尿毒症", "透析", "瘫痪", "偏瘫", "中风",
        "脑梗", "脑出血", "脑溢血", "心脏病", "肝硬化", "糖尿病", "精神病", "慢性病", "疾病",
        "患病", "生病", "住院", "手术", "化疗", "病",
    ),
    "disability": ("伤残", "肢残", "智障", "智力障碍", "残"),
    "no_work_capacity": ("劳动能力丧失",),
    "accident": (
        "意外事故", "自然灾害", "车祸", "交通事故", "事故", "火灾", "水灾", "洪灾", "地震", "工伤", "灾",
    ),
    "other": ("其它", "未参加社保", "社保待遇不到位"),
}  # fmt: skip

#: A child word followed (within a few characters) by a school word names 子女上学.
_CHILD = ("子女", "孩子", "儿子", "女儿", "小孩", "儿女")
_SCHOOL = ("上学", "读书", "念书", "学费", "就学", "求学", "教育", "升学", "入学", "上大学")
CAUSE_RULES: tuple[tuple[str, str], ...] = (
    (f"(?:{'|'.join(_CHILD)})[^、,，;；]{{0,4}}?(?:{'|'.join(_SCHOOL)})", "schooling"),
)
_CAUSE_SPLIT = re.compile(r"[、,，;；/／\s]+")


def education_words() -> dict[str, str]:
    """Built-in wording → bucket beyond ``EDUCATION_BUCKETS`` (codes excluded)."""
    return {w: k for k, words in EDUCATION_WORDS.items() for w in words}


def cause_words() -> dict[str, str]:
    """Built-in cause word → key beyond ``CAUSES``: the archive form's names and the keywords."""
    out = {name: key for name, key in ARCHIVE_CAUSES.values()}
    out.update({w: k for k, words in CAUSE_WORDS.items() for w in words})
    return out


@dataclass(frozen=True)
class Vocabulary:
    """One compiled vocabulary: exact values and codes, and words matched longest first."""

    exact: dict[str, str]  # whole value (a word or a code) → key
    words: dict[str, str]  # word found inside a value → key
    ordered: tuple[str, ...]  # the words, longest first
    pattern: re.Pattern  # the rules, then every word, longest first (leftmost-longest scan)
    rules: tuple[tuple[re.Pattern, str], ...] = ()

    @classmethod
    def build(cls, words: dict[str, str], codes: dict[str, str], rules=()) -> Vocabulary:
        """``words`` (word → key) and ``codes`` (whole value → key), with regex ``rules`` (regex, key)."""
        ordered = tuple(sorted(words, key=lambda w: (-len(w), w)))
        pattern = re.compile("|".join([r for r, _ in rules] + [re.escape(w) for w in ordered]) or "(?!)")
        compiled = tuple((re.compile(r), k) for r, k in rules)
        return cls({**words, **codes}, dict(words), ordered, pattern, compiled)

    def key_of(self, found: str) -> str:
        """The key of a piece of text the pattern matched (a word, or a rule's match)."""
        if found in self.words:
            return self.words[found]
        return next(k for r, k in self.rules if r.fullmatch(found))

    def longest(self, value: str) -> str | None:
        """The key of the longest known word ``value`` contains (None when it contains none)."""
        return next((self.words[w] for w in self.ordered if w in value), None)


def education_vocabulary(extra: dict[str, str]) -> Vocabulary:
    """The education vocabulary: ``extra`` (value → bucket: the survey list and the rules file)
    over the wordings here, and the codes (read through their names)."""
    words = {**education_words(), **extra}
    plain = Vocabulary.build(words, {})
    codes = {code: plain.exact.get(name) or plain.longest(name) for code, name in EDUCATION_CODES.items()}
    codes.update({k: v for k, v in extra.items() if k in EDUCATION_CODES})  # a file may remap a code
    return Vocabulary.build(words, codes)


def education_bucket(value: str, vocab: Vocabulary) -> str | None:
    """The bucket of one raw education value; None when it is unknown.

    Exact match (a word or a code) first, then the value without 毕业/肄业/在读…, then
    the longest known level it contains (大学本科 → 本科, 中等专科毕业 → 中专).
    """
    if value in vocab.exact:
        return vocab.exact[value]
    core = _EDU_SUFFIX.sub("", value)
    if core in vocab.exact:
        return vocab.exact[core]
    return vocab.longest(value)


def cause_vocabulary(extra: dict[str, str]) -> Vocabulary:
    """The cause vocabulary: ``extra`` (word → key: the survey list and the rules file) over the
    archive names and keywords here, the archive codes, and the 子女 + 上学 rule."""
    words = {**cause_words(), **extra}
    codes = {code: key for code, (_, key) in ARCHIVE_CAUSES.items()}
    return Vocabulary.build(words, codes, CAUSE_RULES)


def cause_keys(value: str, vocab: Vocabulary, order: list[str]) -> tuple[list[str], list[str]]:
    """The cause keys one cell names (each once, in report order) and its unknown parts.

    The cell is split on 、,;/ and spaces; a part is a known word or code, or else every
    cause it names counts, a longer word winning where two overlap (患重特大疾病 is one
    illness, 交通事故 one accident); a part that names none is 其他 and unknown.
    """
    found, unknown = set(), []
    for part in _CAUSE_SPLIT.split(value):
        if not part:
            continue
        if part in vocab.exact:
            found.add(vocab.exact[part])
            continue
        hits = [vocab.key_of(m.group()) for m in vocab.pattern.finditer(part)]
        if hits:
            found.update(hits)
        else:
            found.add("other")
            unknown.append(part)
    return [k for k in order if k in found], unknown


# ------------------------------------------------------------------ rules-file lines

_GUESS = (
    ("college_or_above", "研博硕本大学院"),
    ("senior_high", "中高职技师"),
    ("junior_or_below", "小初盲识"),
)


def toml_line(value: str, key: str) -> str:
    """The rules-file line that maps ``value`` to ``key``: ``"职业中专" = "senior_high"``."""
    return f"{json.dumps(value, ensure_ascii=False)} = {json.dumps(key)}"


def education_line(value: str) -> str:
    """The ``[education]`` line for an unknown value, with the bucket its characters suggest."""
    bucket = next((b for b, chars in _GUESS if any(ch in value for ch in chars)), "junior_or_below")
    return toml_line(value, bucket)


def cause_lines(parts: list[str]) -> str:
    """The ``[causes]`` lines for unknown parts (to 其他; the clerk picks the right key)."""
    return "；".join(toml_line(p, "other") for p in parts)


# ------------------------------------------------------------------ for display


def code_ranges(codes: list[str]) -> str:
    """Numeric codes as ranges: 70, 71, 72, 73, 79 → "70–73、79"."""
    nums = sorted(int(c) for c in codes)
    runs: list[list[int]] = []
    for x in nums:
        if runs and x == runs[-1][-1] + 1:
            runs[-1].append(x)
        else:
            runs.append([x])
    return "、".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else "、".join(map(str, r)) for r in runs)


def by_key(words: dict[str, str], codes: dict[str, str], keys: list[str]) -> list[tuple[str, list[str], str]]:
    """(key, its words, its codes as ranges) for each key in ``keys`` order, for display."""
    return [
        (k, [w for w, kk in words.items() if kk == k], code_ranges([c for c, kk in codes.items() if kk == k]))
        for k in keys
    ]
