"""Column names: canonical fields, their aliases, and finding the header row.

Real rosters word their headers in many ways ("家庭月收入（元）", "姓 名", "家庭年总收入",
"月人均可支配收入"). A header is matched first against the alias list after
normalisation (NFKC, spaces and bracketed units removed), then by the words it
contains.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

#: Canonical field → its aliases (the first is the canonical Chinese header).
FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "职工姓名", "名字", "name"),
    "id": (
        "身份证号",
        "身份证号码",
        "公民身份号码",
        "证件号码",
        "身份证",
        "身份证件号码",
        "idnumber",
    ),
    "gender": ("性别", "gender", "sex"),
    "birth": ("出生日期", "出生年月", "出生年月日", "生日", "birthdate", "dateofbirth"),
    "age": ("年龄", "age"),
    "education": ("文化程度", "学历", "文化", "education"),
    "employer": ("工作单位", "单位", "所在单位", "单位名称", "employer"),
    "household_size": (
        "家庭人口",
        "家庭人口数",
        "家庭成员数",
        "共同生活人口",
        "家庭人数",
        "共同生活人数",
        "保障人口",
        "保障人数",
        "householdsize",
    ),
    "household_income": ("家庭月收入", "家庭月总收入", "householdincome"),
    "household_income_annual": ("家庭年收入", "家庭年总收入", "annualhouseholdincome"),
    "per_capita": ("人均月收入", "家庭人均月收入", "月人均收入", "percapitaincome"),
    "costs": ("刚性支出", "年刚性支出", "costs"),
    "cause": ("致困原因", "困难原因", "致困原因类型", "cause"),
    "employment": ("就业状态", "工作状态", "employment"),
    "community": ("社区", "街道", "所在社区", "社区街道", "所在街道", "community"),
    "phone": ("联系电话", "电话", "手机", "手机号码", "联系方式", "phone"),
    "filed_category": ("困难类别", "档案类别", "困难类型", "建档类别", "filedcategory"),
    # read by the contact cards (docs/cards.md)
    "contact": ("帮扶责任人", "帮扶人", "结对帮扶人", "责任人", "帮扶联系人", "contact"),
    "contact_phone": (
        "责任人电话",
        "帮扶责任人电话",
        "帮扶人电话",
        "责任人联系电话",
        "帮扶联系人电话",
        "contactphone",
    ),
    "filed_on": ("建档日期", "建档时间", "建档立卡日期", "建档年月", "filedon"),
    "notes": ("备注", "notes"),
    # matched with a 家庭成员 sheet (docs/household.md)
    "own_income": ("本人月收入", "职工本人月收入", "职工月收入", "本人收入", "ownincome"),
    "worker_no": ("职工编号", "编号", "工号", "workerno"),
}

#: Fields that hold numbers / dates (parsed by jiekun, written back as numbers).
NUMERIC_FIELDS = (
    "household_size",
    "household_income",
    "household_income_annual",
    "per_capita",
    "costs",
    "age",
    "own_income",
)

# Word rules, tried in order when no alias matches: (field, words that must all appear).
_WORD_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("id", ("身份证",)),
    ("id", ("证件号",)),
    ("id", ("身份号",)),
    ("per_capita", ("人均", "收入")),
    ("household_income_annual", ("家庭", "年", "收入")),
    ("household_income", ("家庭", "收入")),
    ("costs", ("刚性", "支出")),
    ("household_size", ("家庭", "人口")),
    ("household_size", ("共同生活", "人")),
    ("household_size", ("家庭", "人数")),
    ("household_size", ("成员", "数")),
    ("cause", ("致困",)),
    ("cause", ("困难", "原因")),
    ("education", ("学历",)),
    ("education", ("文化",)),
    ("birth", ("出生",)),
    ("gender", ("性别",)),
    ("age", ("年龄",)),
    ("name", ("姓名",)),
    ("employment", ("就业",)),
    ("employment", ("工作", "状态")),
    ("employer", ("单位",)),
    ("community", ("社区",)),
    ("community", ("街道",)),
    # a contact's phone (帮扶责任人手机) is not the worker's
    ("contact_phone", ("责任人", "电话")),
    ("contact_phone", ("责任人", "手机")),
    ("contact_phone", ("帮扶", "电话")),
    ("contact_phone", ("帮扶", "手机")),
    ("phone", ("电话",)),
    ("phone", ("手机",)),
)

_BRACKETS = re.compile(r"[(\[【<《{][^)\]】>》}]*[)\]】>》}]")
_NOISE = re.compile(r"[\s*:：_\-.·、/\\]+")


def normalize_header(text: object) -> str:
    """NFKC, drop bracketed units and required-markers, remove spaces; lower-case."""
    s = unicodedata.normalize("NFKC", str(text or ""))
    s = _BRACKETS.sub("", s)
    return _NOISE.sub("", s).lower()


@dataclass(frozen=True)
class HeaderMatch:
    """Which column holds which field, and how each was recognised."""

    fields: dict[str, int]  # field → column position
    how: dict[str, str]  # field → "alias" or "words"

    def __len__(self) -> int:
        return len(self.fields)


class HeaderMatcher:
    """Matches header cells to canonical fields; aliases extendable by the rules."""

    def __init__(
        self,
        extra_aliases: dict[str, Sequence[str]] | None = None,
        *,
        fields: Mapping[str, Sequence[str]] | None = None,
        word_rules: Sequence[tuple[str, Sequence[str]]] | None = None,
    ):
        """``fields``/``word_rules``: another catalogue to match (a ledger's); default the roster's."""
        fields = FIELDS if fields is None else fields
        self.word_rules = _WORD_RULES if word_rules is None else word_rules
        self.alias: dict[str, str] = {}
        for f, names in fields.items():
            for n in (*names, *(extra_aliases or {}).get(f, ())):
                self.alias.setdefault(normalize_header(n), f)
        # rules-file aliases win over the built-in ones
        for f, names in (extra_aliases or {}).items():
            for n in names:
                self.alias[normalize_header(n)] = f
        self._cache: dict[str, tuple[str | None, str]] = {}

    def field_of(self, header: object) -> tuple[str | None, str]:
        """The field a header names and how it was recognised ("alias"/"words"/"")."""
        key = normalize_header(header)
        if key in self._cache:
            return self._cache[key]
        found: tuple[str | None, str] = (None, "")
        if key in self.alias:
            found = (self.alias[key], "alias")
        elif key and len(key) <= 20:
            for f, words in self.word_rules:
                if all(w in key for w in words):
                    found = (f, "words")
                    break
        self._cache[key] = found
        return found

    def match(self, cells: Sequence[object]) -> HeaderMatch:
        """Assign fields to the columns of one candidate header row.

        An alias match beats a word match; otherwise the leftmost column wins.
        """
        fields: dict[str, int] = {}
        how: dict[str, str] = {}
        for pass_ in ("alias", "words"):
            for i, cell in enumerate(cells):
                f, h = self.field_of(cell)
                if f and h == pass_ and f not in fields and i not in fields.values():
                    fields[f], how[f] = i, h
        return HeaderMatch(fields, how)

    def match_labels(self, columns: Sequence[Sequence[str]]) -> HeaderMatch:
        """Assign fields to the columns of a header block, each column's labels top to bottom.

        A column's own (lowest) label matched by alias wins, then the combined
        label ("家庭情况" + "家庭人口") by alias, then by words, then its own label by
        words; within a pass the leftmost column wins. One label per column
        matches exactly as :meth:`match`.
        """
        fields: dict[str, int] = {}
        how: dict[str, str] = {}
        own = [labels[-1] if labels else "" for labels in columns]
        whole = ["".join(labels) for labels in columns]
        for cells, pass_ in ((own, "alias"), (whole, "alias"), (whole, "words"), (own, "words")):
            for i, cell in enumerate(cells):
                f, h = self.field_of(cell)
                if f and h == pass_ and f not in fields and i not in fields.values():
                    fields[f], how[f] = i, h
        return HeaderMatch(fields, how)

    def closest(self, header: str) -> str | None:
        """The closest alias to a header, for "did you mean" messages."""
        hit = difflib.get_close_matches(normalize_header(header), list(self.alias), n=1, cutoff=0.6)
        return hit[0] if hit else None


def find_header(rows: Sequence[Sequence[object]], matcher: HeaderMatcher, scan: int = 30, least: int = 3):
    """The (row index, match) of the row among the first ``scan`` naming most fields (≥ ``least``)."""
    best: tuple[int, HeaderMatch] | None = None
    for i, row in enumerate(rows[:scan]):
        m = matcher.match(row)
        if len(m) >= least and (best is None or len(m) > len(best[1])):
            best = (i, m)
    return best


def missing_required(fields: dict[str, int]) -> list[str]:
    """What is missing for a roster to be classified (an empty list when nothing is)."""
    missing = []
    if "id" not in fields and "name" not in fields:
        missing.append("身份证号 或 姓名")
    has_income = "household_income" in fields or "household_income_annual" in fields
    if not ("per_capita" in fields or (has_income and "household_size" in fields)):
        if not has_income:
            missing.append("家庭月收入（或 家庭年收入、人均月收入）")
        if "household_size" not in fields:
            missing.append("家庭人口")
    return missing


def col_letter(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s
