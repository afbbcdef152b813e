"""Generate jiekun's sample rosters and test fixtures. Every record is synthetic.

Run from the repository root::

    python samples/make_samples.py                          # samples/ and tests/fixtures/
    python samples/make_samples.py --big 1000000 --out big.csv   # a large CSV for benchmarks
    python samples/make_samples.py --monthly                # samples/monthly/ (12 monthly rosters)

Names are drawn from small lists of common characters, employers and communities
are called 示例…, and ID numbers use the fictitious area codes 99xxxx (no province
has code 99) with a correct GB 11643 check digit, so nothing here describes a real
person.

Importable for benchmarks::

    from make_samples import survey_frame, write_csv, write_xlsx

The expected figures (``*.expected.json``, ``tests/fixtures/expected.json``) are
computed here independently of jiekun, with plain pandas code, from what was
generated.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import struct
import sys
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FIXTURES = ROOT / "tests" / "fixtures"

AS_OF = date(2025, 12, 31)
FIXED_TIME = datetime(2025, 12, 31, 9, 0, 0)  # stamped into files, so reruns give the same bytes
EXTREME_MAX = Fraction(245)
HARDSHIP_MAX = Fraction(280)

# --------------------------------------------------------------------------------------
# Vocabularies (as in src/jiekun/model/rules.py) and report labels
# --------------------------------------------------------------------------------------

RULES = {
    "profile": "survey",
    "tiers": [
        {"label": "特困职工", "max_per_capita": 245.0},
        {"label": "困难职工", "max_per_capita": 280.0},
    ],
}

AGE_GENDER = [
    ("male_under_50", "男50岁以下"),
    ("male_50_plus", "男50岁及以上"),
    ("female_40_plus", "女40岁及以上"),
    ("female_under_40", "女40岁以下"),
    ("unknown", "未知"),
]

EDUCATION = [
    ("junior_or_below", "初中及以下", ["文盲", "半文盲", "未上过学", "小学", "初中"]),
    ("senior_high", "高中(含中专)", ["高中", "普高", "职高", "中专", "中技", "技校", "中师"]),
    (
        "college_or_above",
        "大专及以上",
        ["大专", "专科", "高职", "本科", "大学", "硕士", "研究生", "博士"],
    ),
    ("unknown", "未知", []),
]

CAUSES = [
    ("closure", "企业停产半停产", ["企业停产半停产", "企业停产", "半停产", "停产"]),
    ("layoff", "下岗失业", ["下岗失业", "下岗", "失业"]),
    ("schooling", "子女上学", ["子女上学", "子女就学", "子女教育"]),
    ("single_parent", "单亲家庭", ["单亲家庭", "单亲"]),
    ("illness", "患大病", ["患大病", "大病", "重病", "因病"]),
    ("disability", "因残", ["因残", "残疾"]),
    ("no_work_capacity", "无劳动能力", ["无劳动能力", "丧失劳动能力"]),
    ("accident", "意外致困", ["意外致困", "意外", "灾害"]),
    ("other", "其他", ["其他"]),
]

ERRORS = {
    "income_missing",
    "income_invalid",
    "income_negative",
    "size_missing",
    "size_invalid",
    "duplicate_id",
    # IDs certainly wrong: the worker cannot be identified (docs/problems.md)
    "id_malformed",
    "id_bad_checksum",
    "id_bad_birth",
    "id_lost_digits",
}

SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜")
GIVEN_MALE = list("伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩建国志海林东亮成")
GIVEN_FEMALE = list("芳娜敏静丽艳娟霞秀英玉兰红梅琳燕萍雪颖洁婷慧倩佳玲云凤")
EMPLOYERS = [
    "示例机械厂",
    "示例纺织厂",
    "示例化工厂",
    "示例食品公司",
    "示例建筑公司",
    "示例商贸公司",
    "示例运输公司",
    "示例印刷厂",
    "示例电子厂",
    "示例服装厂",
    "示例钢铁公司",
    "示例物业公司",
]
COMMUNITIES = [
    "示例东苑社区",
    "示例西园社区",
    "示例南湖社区",
    "示例北辰社区",
    "示例新华社区",
    "示例和平社区",
    "示例建设社区",
    "示例光明社区",
]

# --------------------------------------------------------------------------------------
# ID numbers (GB 11643)
# --------------------------------------------------------------------------------------

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"


def check_char(body17: str) -> str:
    """GB 11643 check character for a 17-digit body."""
    return CHECK_CHARS[sum(int(c) * w for c, w in zip(body17, WEIGHTS, strict=True)) % 11]


def id_valid(value: str) -> bool:
    """True for a well-formed 18-character ID with a correct check character."""
    return len(value) == 18 and value[:17].isdigit() and check_char(value[:17]) == value[17]


def make_id(area: int, birth: date, male: bool, *, check: str | None = None, seq0: int = 101) -> str:
    """A valid 18-digit ID; the sequence code's last digit is odd for men (GB 11643).

    ``check`` asks for a particular check character (search over sequence codes).
    """
    for seq in range(seq0, seq0 + 1000):
        seq %= 1000
        if seq % 2 != int(male) or seq % 100 == 0:
            continue
        body = f"{area:06d}{birth:%Y%m%d}{seq:03d}"
        if check is None or check_char(body) == check:
            return body + check_char(body)
    raise ValueError("no sequence code gives that check character")


def to_legacy15(id18: str) -> str:
    """The 15-digit legacy form of an 18-digit ID born in the 1900s."""
    assert id18[6:8] == "19"
    return id18[:6] + id18[8:17]


def _id_numbers(area: np.ndarray, ymd: np.ndarray, seq: np.ndarray) -> np.ndarray:
    """Vectorised IDs from area codes, yyyymmdd integers and sequence codes."""
    body = area.astype(np.int64) * 10**11 + ymd.astype(np.int64) * 1000 + seq
    powers = 10 ** np.arange(16, -1, -1, dtype=np.int64)
    digits = (body[:, None] // powers[None, :]) % 10
    check = np.array(list(CHECK_CHARS))[(digits @ np.array(WEIGHTS)) % 11]
    return np.strings.add(body.astype(str), check)


# --------------------------------------------------------------------------------------
# The survey roster (33,724 workers) as a DataFrame
# --------------------------------------------------------------------------------------

SURVEY_N = 33_724
SURVEY_COLUMNS = [
    "序号",
    "姓名",
    "身份证号",
    "性别",
    "出生日期",
    "文化程度",
    "工作单位",
    "所在社区",
    "家庭人口",
    "家庭月收入（元）",
    "致困原因",
    "就业状态",
    "联系电话",
]
GROUPS = ["male_under_50", "male_50_plus", "female_40_plus", "female_under_40"]
BUCKETS = ["junior_or_below", "senior_high", "college_or_above"]

#: Workers per tier, then per age-gender group and per education bucket within a tier.
#: The extreme row and the totals are the survey's; the rest is a chosen distribution.
TIER_COUNTS = {"extreme": 1058, "hardship": 2398, "none": 30268}
GROUP_COUNTS = {
    "extreme": [612, 140, 196, 110],
    "hardship": [1041, 262, 633, 462],
    "none": [12107, 4238, 7870, 6053],
}
BUCKET_COUNTS = {
    "extreme": [692, 345, 21],
    "hardship": [1508, 751, 139],
    "none": [9990, 12713, 7565],
}
#: Completed ages (inclusive) drawn uniformly per group; all within 18..62.
AGE_RANGES = {
    "male_under_50": (20, 49),
    "male_50_plus": (50, 62),
    "female_40_plus": (40, 57),
    "female_under_40": (20, 39),
}
#: Raw spellings per bucket, with weights: every one maps to its bucket.
EDUCATION_SPELLINGS = {
    "junior_or_below": {
        "初中": 40,
        "初中毕业": 20,
        "小学": 15,
        "小学毕业": 6,
        "初中肄业": 3,
        "未上过学": 2,
        "文盲": 2,
        "半文盲": 1,
    },
    "senior_high": {
        "高中": 35,
        "高中毕业": 10,
        "中专": 25,
        "技校": 10,
        "职高": 10,
        "普高": 3,
        "中技": 4,
        "中师": 3,
    },
    "college_or_above": {
        "大专": 35,
        "专科": 10,
        "本科": 20,
        "大学本科": 15,
        "高职": 8,
        "大学": 5,
        "硕士": 4,
        "研究生": 2,
        "博士": 1,
    },
}
#: Cause words written into the survey, by cause (all unambiguous), and primary-cause weights.
CAUSE_SPELLINGS = {
    "closure": ["企业停产", "停产", "半停产", "企业停产半停产", "企业半停产"],
    "layoff": ["下岗", "失业", "下岗失业"],
    "schooling": ["子女上学", "子女就学", "子女教育"],
    "single_parent": ["单亲", "单亲家庭"],
    "illness": ["患大病", "大病", "重病", "因病致困", "因病"],
    "disability": ["因残", "残疾", "因残致困"],
    "no_work_capacity": ["无劳动能力", "丧失劳动能力"],
    "accident": ["意外致困", "意外", "灾害"],
    "other": ["其他"],
}
CAUSE_WEIGHTS = [0.17, 0.27, 0.15, 0.09, 0.19, 0.06, 0.03, 0.03, 0.01]
SIZE_WEIGHTS = {
    "hard": [0.08, 0.22, 0.40, 0.20, 0.07, 0.03],
    "none": [0.10, 0.25, 0.40, 0.17, 0.06, 0.02],
}


def apportion(total: int, weights) -> np.ndarray:
    """Split ``total`` into integers proportional to ``weights`` (largest remainder)."""
    w = np.asarray(weights, dtype=float)
    exact = total * w / w.sum()
    counts = np.floor(exact).astype(int)
    order = np.argsort(-(exact - counts), kind="stable")
    counts[order[: total - counts.sum()]] += 1
    return counts


def _labels(rng: np.random.Generator, names: list[str], counts) -> np.ndarray:
    """An array holding each name ``counts[i]`` times, shuffled."""
    return rng.permutation(np.repeat(np.array(names), counts))


def _pick(rng: np.random.Generator, choices: dict[str, float], size: int) -> np.ndarray:
    """``size`` weighted draws from ``choices`` (a value -> weight mapping)."""
    p = np.array(list(choices.values()), dtype=float)
    return rng.choice(np.array(list(choices)), size=size, p=p / p.sum())


def _birth_dates(rng: np.random.Generator, group: np.ndarray) -> np.ndarray:
    """Uniform birth dates giving each worker an age in the range of their group."""
    births = np.empty(len(group), dtype="datetime64[D]")
    for g, (young, old) in AGE_RANGES.items():
        mask = group == g
        latest = np.datetime64(AS_OF.replace(year=AS_OF.year - young))
        earliest = np.datetime64(AS_OF.replace(year=AS_OF.year - old - 1)) + 1
        span = int((latest - earliest).astype(int)) + 1
        births[mask] = earliest + rng.integers(0, span, mask.sum())
    return births


def _incomes(rng: np.random.Generator, tier: np.ndarray, size: np.ndarray) -> np.ndarray:
    """Household monthly income in cents, inside each worker's tier band."""
    n = len(tier)
    cents = np.zeros(n, dtype=np.int64)
    ext, hard, none = tier == "extreme", tier == "hardship", tier == "none"
    lo, hi = 10_000 * size[ext], 24_500 * size[ext]  # per capita 100.00 .. 245.00
    cents[ext] = lo + (rng.random(ext.sum()) * (hi - lo + 1)).astype(np.int64)
    lo, hi = 24_500 * size[hard] + 1, 28_000 * size[hard]  # 245.01 .. 280.00
    cents[hard] = lo + (rng.random(hard.sum()) * (hi - lo + 1)).astype(np.int64)
    per_capita = np.exp(rng.normal(np.log(1800), 0.55, none.sum()))
    per_capita = np.clip(per_capita, 281, 30_000 / size[none])  # household at most 30,000
    cents[none] = np.ceil(per_capita * size[none] * 100).astype(np.int64)
    # Round most amounts up to whole yuan, some to 0.50; rounding up never leaves a band,
    # whose upper bounds are whole yuan.
    style = rng.random(n)
    cents = np.where(style < 0.85, -(-cents // 100) * 100, cents)
    cents = np.where((style >= 0.85) & (style < 0.95), -(-cents // 50) * 50, cents)
    return cents


def _causes(rng: np.random.Generator, hard: np.ndarray) -> np.ndarray:
    """1-2 causes for hardship workers (sometimes the same cause twice), empty otherwise."""
    n = int(hard.sum())
    keys = list(CAUSE_SPELLINGS)
    width = max(len(v) for v in CAUSE_SPELLINGS.values())
    table = np.array([v + [v[0]] * (width - len(v)) for v in CAUSE_SPELLINGS.values()])
    nsyn = np.array([len(v) for v in CAUSE_SPELLINGS.values()])
    first = rng.choice(len(keys), size=n, p=CAUSE_WEIGHTS)
    i1 = (rng.random(n) * nsyn[first]).astype(int)
    kind = rng.choice(3, size=n, p=[0.62, 0.35, 0.03])  # none / another cause / same cause
    kind[first == keys.index("other")] = 0
    kind[(kind == 2) & (nsyn[first] < 2)] = 1
    pick = rng.integers(0, len(keys) - 2, n)
    other = pick + (pick >= first)  # a cause other than the first one and not 其他
    second = np.where(kind == 2, first, other)
    i2 = np.where(
        kind == 2,
        (i1 + 1 + (rng.random(n) * (nsyn[first] - 1)).astype(int)) % nsyn[first],
        (rng.random(n) * nsyn[second]).astype(int),
    )
    sep = _pick(rng, {"、": 80, "，": 8, " ": 5, "；": 4, "/": 3}, n)
    pair = np.strings.add(np.strings.add(table[first, i1], sep), table[second, i2])
    out = np.full(len(hard), "", dtype=object)
    out[hard] = np.where(kind == 0, table[first, i1], pair)
    return out


def survey_frame(
    n: int = SURVEY_N, seed: int = 2025, *, id_block: int = 1, start_no: int = 1
) -> pd.DataFrame:
    """The survey roster as a DataFrame of ``SURVEY_COLUMNS``.

    With the default ``n`` the counts are exactly the district survey table's;
    other sizes keep the same proportions. ``id_block`` (1..99) picks the area codes
    99BB01..99BB99, so frames with different blocks never share an ID; ``start_no`` is
    the first 序号. ``df.attrs["boundary_index"]`` names the rows planted on the
    classification boundaries (0-based positions).
    """
    rng = np.random.default_rng(seed)
    tiers = list(TIER_COUNTS)
    tier_n = apportion(n, list(TIER_COUNTS.values()))
    parts = []
    for t, k in zip(tiers, tier_n, strict=True):
        parts.append(
            pd.DataFrame(
                {
                    "tier": t,
                    "group": _labels(rng, GROUPS, apportion(k, GROUP_COUNTS[t])),
                    "bucket": _labels(rng, BUCKETS, apportion(k, BUCKET_COUNTS[t])),
                }
            )
        )
    plan = pd.concat(parts, ignore_index=True).sample(frac=1, random_state=rng)
    plan = plan.reset_index(drop=True)
    tier, group, bucket = (plan[c].to_numpy() for c in ("tier", "group", "bucket"))
    male = np.char.startswith(group.astype(str), "male")
    hard = tier != "none"

    births = _birth_dates(rng, group)
    size = np.where(
        hard,
        rng.choice(np.arange(1, 7), size=n, p=SIZE_WEIGHTS["hard"]),
        rng.choice(np.arange(1, 7), size=n, p=SIZE_WEIGHTS["none"]),
    )
    cents = _incomes(rng, tier, size)

    # Rows on the classification boundaries: the first unused row of the right kind.
    boundary: dict[str, int] = {}
    used: set[int] = set()

    def plant(label: str, mask: np.ndarray) -> int | None:
        for i in np.flatnonzero(mask):
            if int(i) not in used:
                used.add(int(i))
                boundary[label] = int(i)
                return int(i)
        return None

    for label, t, s, c in [
        ("per capita 280.00 (840 / 3): hardship", "hardship", 3, 84_000),
        ("per capita 280.01 (560.02 / 2): not hardship", "none", 2, 56_002),
        ("per capita 245.00 (735 / 3): extreme", "extreme", 3, 73_500),
        ("per capita 245.01 (490.02 / 2): hardship, not extreme", "hardship", 2, 49_002),
    ]:
        if (i := plant(label, tier == t)) is not None:
            size[i], cents[i] = s, c
    for label, g, born in [
        ("man born 1975-12-31 (50 on the as-of date): extreme, men 50+", "male_50_plus", "1975-12-31"),
        ("man born 1976-01-01 (49): extreme, men under 50", "male_under_50", "1976-01-01"),
        ("woman born 1985-12-31 (40): extreme, women 40+", "female_40_plus", "1985-12-31"),
        ("woman born 1986-01-01 (39): extreme, women under 40", "female_under_40", "1986-01-01"),
    ]:
        if (i := plant(label, (tier == "extreme") & (group == g))) is not None:
            births[i] = np.datetime64(born)

    # ID numbers: unique, never ending in 000 (seq % 100 != 0).
    area = 990000 + id_block * 100 + rng.integers(1, 100, n)
    year = births.astype("datetime64[Y]").astype(int) + 1970
    month = births.astype("datetime64[M]").astype(int) % 12 + 1
    day = (births - births.astype("datetime64[M]")).astype(int) + 1
    ymd = year * 10000 + month * 100 + day
    seq = np.zeros(n, dtype=np.int64)
    todo = np.ones(n, dtype=bool)
    while todo.any():
        k = int(todo.sum())
        seq[todo] = 2 * rng.integers(1, 500, k) - male[todo]  # odd for men, even for women
        key = area.astype(np.int64) * 10**11 + ymd * 1000 + seq
        todo = pd.Series(key).duplicated().to_numpy() | (seq % 100 == 0)
    ids = _id_numbers(area, ymd, seq)

    given = np.where(
        male,
        np.array(GIVEN_MALE)[rng.integers(0, len(GIVEN_MALE), n)],
        np.array(GIVEN_FEMALE)[rng.integers(0, len(GIVEN_FEMALE), n)],
    )
    given2 = np.where(
        rng.random(n) < 0.6,
        np.where(
            male,
            np.array(GIVEN_MALE)[rng.integers(0, len(GIVEN_MALE), n)],
            np.array(GIVEN_FEMALE)[rng.integers(0, len(GIVEN_FEMALE), n)],
        ),
        "",
    )
    names = np.strings.add(
        np.strings.add(np.array(SURNAMES)[rng.integers(0, len(SURNAMES), n)], given), given2
    )
    education = np.empty(n, dtype=object)
    for b in BUCKETS:
        mask = bucket == b
        education[mask] = _pick(rng, EDUCATION_SPELLINGS[b], int(mask.sum()))
    employment = np.where(
        hard,
        _pick(rng, {"在岗": 40, "待岗": 15, "下岗": 15, "失业": 15, "灵活就业": 15}, n),
        _pick(rng, {"在岗": 90, "灵活就业": 5, "待岗": 5}, n),
    )
    phone = (10**10 + rng.choice([3, 5, 8], n) * 10**9 + rng.integers(0, 10**9, n, dtype=np.int64)).astype(
        str
    )

    df = pd.DataFrame(
        {
            "序号": np.arange(start_no, start_no + n),
            "姓名": names,
            "身份证号": ids,
            "性别": np.where(male, "男", "女"),
            "出生日期": pd.to_datetime(births.astype("datetime64[s]")),
            "文化程度": education.astype(str),
            "工作单位": np.array(EMPLOYERS)[rng.integers(0, len(EMPLOYERS), n)],
            "所在社区": np.array(COMMUNITIES)[rng.integers(0, len(COMMUNITIES), n)],
            "家庭人口": size.astype(np.int64),
            "家庭月收入（元）": cents / 100,
            "致困原因": _causes(rng, hard).astype(str),
            "就业状态": employment,
            "联系电话": phone,
        }
    )
    df.attrs["boundary_index"] = boundary
    return df


# --------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------

TEXT_COLUMN_WORDS = ("身份证", "证件", "电话", "手机")


def write_csv(df: pd.DataFrame, path, encoding: str = "utf-8-sig") -> None:
    """Write ``df`` as Excel would export it: CRLF, dates yyyy-mm-dd, amounts with 2 decimals.

    ``path`` may be an open text file (then ``encoding`` is the file's business).
    """
    df.to_csv(
        path,
        index=False,
        encoding=None if hasattr(path, "write") else encoding,
        lineterminator="\r\n",
        date_format="%Y-%m-%d",
        float_format="%.2f",
    )


def write_xlsx(df: pd.DataFrame, path, sheet: str = "花名册", title: str | None = None) -> None:
    """Write ``df`` with XlsxWriter in constant-memory mode.

    ID and phone columns are text cells (format '@'), datetime columns real date cells
    (yyyy-mm-dd), numeric columns numbers, empty strings and NaN blank. ``title`` goes
    in a merged first row above the header.
    """
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    wb.set_properties({"created": FIXED_TIME})  # reproducible bytes
    ws = wb.add_worksheet(sheet)
    fmt_text = wb.add_format({"num_format": "@"})
    fmt_date = wb.add_format({"num_format": "yyyy-mm-dd"})
    fmt_head = wb.add_format({"bold": True, "align": "center", "border": 1})
    fmt_title = wb.add_format({"bold": True, "font_size": 16, "align": "center"})

    columns = []  # (kind, values) per column
    for c, name in enumerate(df.columns):
        s = df[name]
        if any(w in str(name) for w in TEXT_COLUMN_WORDS):
            kind, values = "text", s.astype(str).tolist()
        elif pd.api.types.is_datetime64_any_dtype(s):
            kind, values = "date", [None if pd.isna(v) else v.to_pydatetime() for v in s]
        elif pd.api.types.is_numeric_dtype(s):
            kind, values = "number", s.tolist()
        else:
            kind, values = "string", s.tolist()
        columns.append((kind, values))
        width = {"text": 20, "date": 12, "number": 10}.get(kind, 14)
        ws.set_column(c, c, width, fmt_text if kind == "text" else None)

    row = 0
    if title:
        ws.merge_range(0, 0, 0, len(df.columns) - 1, title, fmt_title)
        row = 1
    for c, name in enumerate(df.columns):
        ws.write_string(row, c, str(name), fmt_head)
    ws.freeze_panes(row + 1, 0)
    for i in range(len(df)):
        r = row + 1 + i
        for c, (kind, values) in enumerate(columns):
            v = values[i]
            if v is None or v == "" or (isinstance(v, float) and math.isnan(v)):
                continue
            if kind == "text":
                ws.write_string(r, c, v, fmt_text)
            elif kind == "date":
                ws.write_datetime(r, c, v, fmt_date)
            elif kind == "number":
                ws.write_number(r, c, v)
            else:
                ws.write_string(r, c, str(v))
    wb.close()


def write_big_csv(n: int, out, seed: int = 2025, encoding: str = "utf-8-sig") -> None:
    """Write an ``n``-row survey-like CSV in chunks (bounded memory, unique IDs)."""
    chunk = max(200_000, -(-n // 99))
    with open(out, "w", encoding=encoding, newline="") as fh:
        for k, start in enumerate(range(0, n, chunk)):
            df = survey_frame(min(chunk, n - start), seed + k, id_block=k + 1, start_no=start + 1)
            df.to_csv(
                fh,
                index=False,
                header=k == 0,
                lineterminator="\r\n",
                date_format="%Y-%m-%d",
                float_format="%.2f",
            )


# --------------------------------------------------------------------------------------
# Independent tally: plain pandas, shared by the survey, messy sample and fixtures
# --------------------------------------------------------------------------------------


def education_bucket(values: pd.Series) -> pd.Series:
    """Bucket key per raw education value: exact level, then 毕业/肄业/在读 stripped, then contains."""
    level = {w: key for key, _, words in EDUCATION for w in words}
    v = values.fillna("").astype(str).str.replace(r"\s+", "", regex=True)
    v = v.str.replace(r"(毕业|肄业|在读)$", "", regex=True)
    out = v.map(level)
    for word in sorted(level, key=len, reverse=True):
        hit = out.isna() & v.str.contains(word, regex=False)
        out[hit] = level[word]
    return out.fillna("unknown")


def cause_pairs(values: pd.Series) -> pd.DataFrame:
    """One (row, cause key) pair per distinct cause a worker names; unknown words -> other."""
    exploded = values.fillna("").astype(str).str.split(r"[、,，;；/\s]+", regex=True).explode()
    tokens = pd.DataFrame({"row": exploded.index.to_numpy(), "token": exploded.to_numpy()})
    tokens = tokens[tokens["token"].notna() & (tokens["token"] != "")].reset_index(drop=True)
    key = np.full(len(tokens), None, dtype=object)
    for k, _, words in CAUSES:
        for w in words:
            key[pd.isna(key) & tokens["token"].str.contains(w, regex=False).to_numpy()] = k
    tokens["key"] = np.where(pd.isna(key), "other", key)
    return tokens[["row", "key"]].drop_duplicates()


def age_gender_group(gender: pd.Series, birth: pd.Series, as_of: date = AS_OF) -> pd.Series:
    """Age-gender key from 男/女 and birth dates (completed years on ``as_of``)."""
    birth = pd.to_datetime(birth)
    before = (birth.dt.month > as_of.month) | ((birth.dt.month == as_of.month) & (birth.dt.day > as_of.day))
    age = as_of.year - birth.dt.year - before.astype(int)
    out = pd.Series("unknown", index=gender.index, dtype=object)
    out[(gender == "男") & (age < 50)] = "male_under_50"
    out[(gender == "男") & (age >= 50)] = "male_50_plus"
    out[(gender == "女") & (age >= 40)] = "female_40_plus"
    out[(gender == "女") & (age < 40)] = "female_under_40"
    return out


def tally(frame: pd.DataFrame) -> dict:
    """Summary figures from a frame of counted workers.

    Columns: tier (extreme / hardship / none / undetermined; hardship means the 困难职工
    tier alone), gender, birth, education, cause.
    """
    hard = frame["tier"].isin(["extreme", "hardship"])
    ext = frame["tier"] == "extreme"

    def rows(keys: pd.Series, order) -> list[dict]:
        return [
            {
                "key": key,
                "label": label,
                "hardship": int((hard & (keys == key)).sum()),
                "extreme": int((ext & (keys == key)).sum()),
            }
            for key, label in order
        ]

    group = age_gender_group(frame["gender"], frame["birth"])
    bucket = education_bucket(frame["education"])
    pairs = cause_pairs(frame["cause"])
    pair_hard = hard.to_numpy()[pairs["row"].to_numpy()]
    pair_ext = ext.to_numpy()[pairs["row"].to_numpy()]
    by_cause = [
        {
            "key": key,
            "label": label,
            "hardship": int((pair_hard & (pairs["key"] == key).to_numpy()).sum()),
            "extreme": int((pair_ext & (pairs["key"] == key).to_numpy()).sum()),
        }
        for key, label, _ in CAUSES
    ]
    return {
        "hardship": int(hard.sum()),
        "extreme": int(ext.sum()),
        "undetermined": int((frame["tier"] == "undetermined").sum()),
        "tiers": {"特困职工": int(ext.sum()), "困难职工": int((frame["tier"] == "hardship").sum())},
        "by_age_gender": rows(group, AGE_GENDER),
        "by_education": rows(bucket, [(k, lab) for k, lab, _ in EDUCATION]),
        "by_cause": by_cause,
    }


def tier_of(per_capita: Fraction | None) -> str:
    """Tier for an exact per-capita income (None: undetermined)."""
    if per_capita is None:
        return "undetermined"
    if per_capita <= EXTREME_MAX:
        return "extreme"
    return "hardship" if per_capita <= HARDSHIP_MAX else "none"


# --------------------------------------------------------------------------------------
# Sample 1: survey-roster.xlsx
# --------------------------------------------------------------------------------------

SURVEY_TITLE = "示例区职工花名册（2025年）"
SURVEY_HEADLINE = {
    "workers": 33_724,
    "hardship": 3_456,
    "extreme": 1_058,
    "extreme_by_age_gender": [612, 140, 196, 110],
    "extreme_by_education": [692, 345, 21],
}
#: Excel rows of the planted boundary cases, as documented in samples/README.md.
SURVEY_BOUNDARY_ROWS = {
    "per capita 280.00 (840 / 3): hardship": 4,
    "per capita 280.01 (560.02 / 2): not hardship": 3,
    "per capita 245.00 (735 / 3): extreme": 24,
    "per capita 245.01 (490.02 / 2): hardship, not extreme": 5,
    "man born 1975-12-31 (50 on the as-of date): extreme, men 50+": 574,
    "man born 1976-01-01 (49): extreme, men under 50": 87,
    "woman born 1985-12-31 (40): extreme, women 40+": 156,
    "woman born 1986-01-01 (39): extreme, women under 40": 337,
}


def check_survey_frame(df: pd.DataFrame) -> None:
    """Assert the data rules: valid unique IDs agreeing with 性别/出生日期, sane values."""
    ids = df["身份证号"]
    assert ids.is_unique
    assert all(id_valid(v) for v in ids)
    assert (ids.str[:2] == "99").all() and not ids.str.endswith("000").any()
    male = ids.str[16].astype(int) % 2 == 1
    assert (df["性别"] == np.where(male, "男", "女")).all()
    assert (ids.str[6:14] == df["出生日期"].dt.strftime("%Y%m%d")).all()
    group = age_gender_group(df["性别"], df["出生日期"])
    assert (group != "unknown").all()
    age = AS_OF.year - df["出生日期"].dt.year  # exact because the as-of date is 31 December
    assert age.between(18, 62).all()
    assert df["家庭人口"].between(1, 6).all()
    cents = df["家庭月收入（元）"] * 100
    assert (cents.round() - cents).abs().max() < 1e-6
    assert df["联系电话"].str.fullmatch(r"1[358]\d{9}").all()
    assert (education_bucket(df["文化程度"]) != "unknown").all()
    hard = df["家庭月收入（元）"] / df["家庭人口"] <= 280
    assert (df.loc[hard, "致困原因"] != "").all() and (df.loc[~hard, "致困原因"] == "").all()


def survey_expected(df: pd.DataFrame) -> dict:
    """The section-8 summary of the survey frame, computed from its columns."""
    per_capita = df["家庭月收入（元）"] / df["家庭人口"]
    tier = np.select([per_capita <= 245, per_capita <= 280], ["extreme", "hardship"], "none")
    frame = pd.DataFrame(
        {
            "tier": tier,
            "gender": df["性别"],
            "birth": df["出生日期"],
            "education": df["文化程度"],
            "cause": df["致困原因"],
        }
    )
    t = tally(frame)
    return {
        "source": "samples/survey-roster.xlsx",
        "sheet": "花名册",
        "as_of": AS_OF.isoformat(),
        "rules": RULES,
        "rows_read": len(df),
        "workers": len(df),
        "duplicates": 0,
        "non_worker_rows": 0,
        **t,
        "problems": {"error": 0, "warning": 0},
        "review": None,  # no filed-category column
    }


def make_survey() -> dict:
    """Write samples/survey-roster.xlsx and its expected summary; return the summary."""
    df = survey_frame()
    check_survey_frame(df)
    expected = survey_expected(df)
    head = SURVEY_HEADLINE
    assert expected["workers"] == head["workers"]
    assert expected["hardship"] == head["hardship"]
    assert expected["extreme"] == head["extreme"]
    assert [r["extreme"] for r in expected["by_age_gender"][:4]] == head["extreme_by_age_gender"]
    assert [r["extreme"] for r in expected["by_education"][:3]] == head["extreme_by_education"]
    rows = {label: i + 3 for label, i in df.attrs["boundary_index"].items()}
    assert rows == SURVEY_BOUNDARY_ROWS, rows
    write_xlsx(df, SAMPLES / "survey-roster.xlsx", sheet="花名册", title=SURVEY_TITLE)
    dump_json(SAMPLES / "survey-roster.expected.json", expected)
    return expected


# --------------------------------------------------------------------------------------
# Roster records for the messy sample and the fixtures
# --------------------------------------------------------------------------------------


@dataclass
class Person:
    """One synthetic worker, with the values a correct reader should end up with."""

    name: str
    gender: str
    birth: date
    education: str
    size: int
    income: str  # household monthly income, exact decimal text
    cause: str = ""
    employer: str = "示例机械厂"
    area: int = 990101
    check: str | None = None  # ask for a particular ID check character
    id: str = field(init=False)

    def __post_init__(self) -> None:
        self.id = make_id(self.area, self.birth, self.gender == "男", check=self.check)

    @property
    def per_capita(self) -> Fraction:
        return Fraction(self.income) / self.size


@dataclass
class Rec:
    """One row below the header: its cells, what it is, and the findings it must raise."""

    cells: list
    kind: str = "worker"  # worker | duplicate | blank | total | footer
    truth: dict | None = None  # tier, gender, birth, education, cause (workers only)
    findings: tuple[str, ...] = ()


def worker(cells: list, p: Person, *findings: str, per_capita: Fraction | str | None = "auto"):
    """A counted worker row for person ``p`` (per capita from the household figures)."""
    pc = p.per_capita if per_capita == "auto" else per_capita
    truth = {
        "tier": tier_of(pc),
        "gender": p.gender,
        "birth": pd.Timestamp(p.birth),
        "education": p.education,
        "cause": p.cause,
    }
    return Rec(cells, "worker", truth, tuple(findings))


def entry(why: str, records: list[Rec], first_row: int, sheet: str | None) -> dict:
    """A manifest entry: counts, findings [[excel_row, code]] and the section-8 tables."""
    assert not records or records[-1].kind != "blank", "rows read end at the last non-empty row"
    findings = sorted([first_row + i, code] for i, r in enumerate(records) for code in r.findings)
    workers = [r.truth for r in records if r.kind == "worker"]
    frame = pd.DataFrame(workers, columns=["tier", "gender", "birth", "education", "cause"])
    t = tally(frame)
    n_errors = sum(code in ERRORS for _, code in findings)
    return {
        "why": why,
        "sheet": sheet,
        "as_of": AS_OF.isoformat(),
        "rows_read": len(records),
        "workers": len(workers),
        "duplicates": sum(r.kind == "duplicate" for r in records),
        "non_worker_rows": sum(r.kind in ("blank", "total", "footer") for r in records),
        "hardship": t["hardship"],
        "extreme": t["extreme"],
        "undetermined": t["undetermined"],
        "findings": findings,
        "problems": {"error": n_errors, "warning": len(findings) - n_errors},
        "tiers": t["tiers"],
        "by_age_gender": t["by_age_gender"],
        "by_education": t["by_education"],
        "by_cause": t["by_cause"],
    }


def text_bytes(rows: list[list], *, sep: str = ",", encoding: str = "utf-8", newline: str = "\n") -> bytes:
    """Rows as delimited text (csv quoting), encoded."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep, lineterminator=newline)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buf.getvalue().encode(encoding)


def freeze_zip(path: Path) -> None:
    """Rewrite a zip container with fixed member timestamps (same order and compression)."""
    with zipfile.ZipFile(path) as z:
        members = [(info, z.read(info)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w") as z:
        for info, data in members:
            fixed = zipfile.ZipInfo(info.filename, FIXED_TIME.timetuple()[:6])
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            z.writestr(fixed, data)


def dump_json(path: Path, obj) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------------------
# Sample 2: messy-roster.csv
# --------------------------------------------------------------------------------------

MESSY_HEADER = [
    "序号",
    "姓 名",
    "公民身份号码",
    "性别",
    "出生年月",
    "学历",
    "单位",
    "家庭人口数",
    "家庭月总收入(元)",
    "困难原因",
]


def messy_records() -> list[Rec]:
    """The messy roster's rows (file lines 3..), each with its planted findings."""
    e = EMPLOYERS

    def p(i, name, g, born, edu, size, income, cause, **kw):
        return Person(name, g, born, edu, size, income, cause, e[i % len(e)], 990100 + i, **kw)

    wang = p(1, "王建国", "男", date(1975, 3, 1), "初中", 3, "720", "下岗、子女上学")
    li = p(2, "李秀英", "女", date(1975, 3, 8), "高中", 2, "500", "企业停产")
    zhang = p(3, "张伟", "男", date(1980, 5, 15), "中专", 5, "1260", "因病致困")
    liu = p(4, "刘芳", "女", date(1968, 2, 12), "小学", 3, "690", "单亲")
    chen = p(5, "陈强", "男", date(1972, 7, 19), "初中毕业", 2, "480", "患大病")
    yang = p(6, "杨丽", "女", date(1983, 11, 2), "大专", 4, "1100", "子女就学", check="X")
    zhao = p(7, "赵磊", "男", date(1990, 6, 30), "技校", 3, "900", "")
    huang = p(9, "黄敏", "女", date(1986, 4, 21), "职高", 2, "520", "失业")
    zhou = p(10, "周杰", "男", date(1978, 9, 9), "本科", 3, "0", "下岗")
    wu = p(11, "吴娟", "女", date(1979, 12, 1), "初中", 1, "800", "企业半停产")
    xu = p(12, "徐刚", "男", date(1966, 5, 5), "扫盲班", 2, "460", "残疾")
    sun = p(13, "孙桂英", "女", date(1970, 8, 15), "小学", 1, "240", "彩票")
    ma = p(14, "马超", "男", date(1988, 1, 20), "大专", 4, "1080", "企业停产、下岗")
    hu = p(15, "胡玉兰", "女", date(1969, 10, 10), "初中", 3, "840", "因病")
    guo = p(16, "郭建华", "男", date(1974, 4, 4), "高中毕业", 2, "490.02", "单亲家庭")
    he = p(17, "何明", "男", date(1985, 2, 28), "初中", 3, "1500", "")
    gao = p(18, "高霞", "女", date(1981, 7, 7), "中专", 3, "735", "子女教育")
    lin = p(19, "林平", "男", date(1992, 3, 15), "大学本科", 1, "2600", "")
    luo = p(20, "罗艳", "女", date(1987, 9, 30), "初中", 4, "960", "单亲，子女上学")

    bad_check = chen.id[:17] + str((int(chen.id[17]) + 1) % 10 if chen.id[17] != "X" else 0)
    assert not id_valid(bad_check)

    def row(no, q: Person, id_text, birth_text, size_text, income_text):
        return [
            no,
            q.name,
            id_text,
            q.gender,
            birth_text,
            q.education,
            q.employer,
            size_text,
            income_text,
            q.cause,
        ]

    recs = [
        worker(row(1, wang, wang.id, "1975年3月", "3", "７２０"), wang),
        worker(row(2, li, li.id, "1975.3.8", "2", "500元"), li),
        worker(row(3, zhang, zhang.id, "19800515", "5", "1,260.00"), zhang),
        worker(row(4, liu, to_legacy15(liu.id), "1968.2.12", "3", "690"), liu, "id_legacy15"),
        worker(row(5, chen, bad_check, "1972-07-19", "2", "480"), chen, "id_bad_checksum"),
        worker(row(6, yang, yang.id.lower(), "1983/11/2", "4", "1100"), yang),
        worker(row(7, zhao, zhao.id, "1990年6月30日", "3", "900"), zhao),
        Rec(row(8, wang, wang.id, "1975年3月", "3", "７２０"), "duplicate", None, ("duplicate_id",)),
        Rec([""] * 10, "blank"),
        worker(row(9, huang, "9.90109E+17", "1986-04-21", "2", "520"), huang, "id_lost_digits"),
        worker(row(10, zhou, zhou.id, "1978.9.9", "3", ""), zhou, "income_missing", per_capita=None),
        worker(row(11, wu, wu.id, "1979年12月", "0", "800"), wu, "size_invalid", per_capita=None),
        worker(row(12, xu, xu.id, "1966-05-05", "2", "460"), xu, "education_unknown"),
        worker(row(13, sun, sun.id, "1970.8.15", "1", "240"), sun, "cause_unknown"),
        worker(row(14, ma, ma.id, "1988-01-20", "4", "1080"), ma),
        worker(row(15, hu, hu.id, "1969年10月10日", "3", "840"), hu),
        worker(row(16, guo, guo.id, "1974/4/4", "2", "490.02"), guo),
        worker(row(17, he, he.id, "1985-02-28", "3", "1500"), he),
        worker(row(18, gao, gao.id, "1981.7.7", "3", "735元"), gao),
        worker(row(19, lin, lin.id, "19920315", "1", "2600"), lin),
        worker(row(20, luo, luo.id, "1987-09-30", "4", "960"), luo),
    ]
    assert f"{float(huang.id):.5E}" == "9.90109E+17"  # what Excel shows for huang.id
    sizes = sum(int(r.cells[7]) for r in recs if r.kind != "blank")
    incomes = sum(
        Fraction(q.income)
        for q in (
            wang,
            li,
            zhang,
            liu,
            chen,
            yang,
            zhao,
            wang,
            huang,
            wu,
            xu,
            sun,
            ma,
            hu,
            guo,
            he,
            gao,
            lin,
            luo,
        )
    )
    recs.append(Rec(["合计", "", "", "", "", "", "", sizes, f"{float(incomes):.2f}", ""], "total"))
    recs.append(Rec(["填表人：张三", "", "", "制表日期：2025年12月"], "footer"))
    return recs


def make_messy() -> dict:
    """Write samples/messy-roster.csv (GBK, CRLF) and its expected summary and findings."""
    recs = messy_records()
    lines = ["示例区困难职工花名册,,,,"]
    body = text_bytes([MESSY_HEADER] + [r.cells for r in recs[:-1]], newline="\r\n")
    lines.append(body.decode().rstrip("\r\n"))
    lines.append("填表人：张三,,,制表日期：2025年12月")
    text = "\r\n".join(lines) + "\r\n"
    text.encode("gbk")  # only GBK characters
    (SAMPLES / "messy-roster.csv").write_bytes(text.encode("gb18030"))
    e = entry("messy clerk export: see samples/README.md", recs, 3, None)
    expected = {
        "source": "samples/messy-roster.csv",
        "sheet": None,
        "as_of": AS_OF.isoformat(),
        "rules": RULES,
        **{k: e[k] for k in ("rows_read", "workers", "duplicates", "non_worker_rows")},
        **{k: e[k] for k in ("hardship", "extreme", "undetermined", "tiers")},
        **{k: e[k] for k in ("by_age_gender", "by_education", "by_cause", "problems")},
        "findings": e["findings"],
    }
    assert expected["rows_read"] == (
        expected["workers"] + expected["duplicates"] + expected["non_worker_rows"]
    )
    dump_json(SAMPLES / "messy-roster.expected.json", expected)
    return expected


# --------------------------------------------------------------------------------------
# Fixtures: one small file per pitfall
# --------------------------------------------------------------------------------------

STD_HEADER = [
    "序号",
    "姓名",
    "身份证号",
    "性别",
    "出生日期",
    "文化程度",
    "工作单位",
    "家庭人口",
    "家庭月收入（元）",
    "致困原因",
]


def base_people() -> list[Person]:
    """Eight workers: 2 extreme, 3 more hardship (one exactly on 280.00), 3 not.

    The hardship ones cover all four age-gender groups and all three education buckets.
    """
    return [
        Person("王伟", "男", date(1985, 6, 12), "初中", 3, "720", "下岗", "示例机械厂", 990101),
        Person("李娜", "女", date(1992, 4, 3), "大专", 2, "530", "子女上学", "示例纺织厂", 990102),
        Person("张磊", "男", date(1990, 11, 20), "高中", 4, "3600", "", "示例电子厂", 990103),
        Person("刘敏", "女", date(1968, 9, 9), "小学", 3, "840", "因病致困", "示例食品公司", 990104),
        Person("陈军", "男", date(1972, 1, 15), "中专", 2, "490", "企业停产", "示例化工厂", 990105),
        Person("杨静", "女", date(1988, 7, 30), "本科", 1, "2800", "", "示例商贸公司", 990106),
        Person(
            "赵勇", "男", date(1965, 3, 3), "初中毕业", 5, "1300", "企业停产、患大病", "示例建筑公司", 990107
        ),
        Person("黄艳", "女", date(1979, 12, 25), "职高", 4, "1500", "", "示例服装厂", 990108),
    ]


def std_cells(no: int, p: Person, *, birth=None, income=None, idv=None, size=None) -> list:
    """The ten STD_HEADER cells of ``p`` (overrides for birth, income, ID, size)."""
    return [
        no,
        p.name,
        p.id if idv is None else idv,
        p.gender,
        p.birth.isoformat() if birth is None else birth,
        p.education,
        p.employer,
        p.size if size is None else size,
        p.income if income is None else income,
        p.cause,
    ]


def std_records(people: list[Person], **fmt) -> list[Rec]:
    return [worker(std_cells(i + 1, p, **fmt), p) for i, p in enumerate(people)]


def xlsx_put(ws, row: int, values: list, fmts: dict) -> None:
    """Write one row: str -> text, int/float -> number, date -> date cell, None/'' -> nothing."""
    for c, v in enumerate(values):
        if v is None or v == "":
            continue
        if isinstance(v, str):
            ws.write_string(row, c, v, fmts.get("text") if c == fmts.get("id_col") else None)
        elif isinstance(v, (date, datetime)):
            ws.write_datetime(row, c, v, fmts["date"])
        else:
            ws.write_number(row, c, v)


def xlsx_book(path: Path):
    """A workbook plus the formats the fixtures use."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"created": FIXED_TIME})  # reproducible bytes
    fmts = {
        "text": wb.add_format({"num_format": "@"}),
        "date": wb.add_format({"num_format": "yyyy-mm-dd"}),
        "title": wb.add_format({"bold": True, "font_size": 14, "align": "center"}),
        "id_col": 2,
    }
    return wb, fmts


def typed(p: Person, no, *, birth="date", money=None) -> list:
    """STD cells with real types for spreadsheets (numbers, date cells, text IDs)."""
    income = float(Fraction(p.income)) if money is None else money
    return std_cells(no, p, birth=p.birth if birth == "date" else birth, income=income)


def fx_text_variants(people: list[Person]) -> dict:
    """Same roster in the common text encodings and separators."""
    out = {}
    recs = std_records(people)
    rows = [STD_HEADER] + [r.cells for r in recs]
    variants = [
        (
            "utf8-bom.csv",
            dict(encoding="utf-8-sig", newline="\r\n"),
            "UTF-8 with BOM (Excel 'CSV UTF-8'): a naive reader's first header is '\\ufeff序号'",
        ),
        ("utf8-no-bom.csv", dict(encoding="utf-8"), "plain UTF-8, LF line ends"),
        ("semicolon-separated.csv", dict(sep=";"), "UTF-8, ';' as the separator"),
        ("tab-separated.tsv", dict(sep="\t"), "UTF-8, tab-separated .tsv"),
    ]
    for name, kw, why in variants:
        (FIXTURES / name).write_bytes(text_bytes(rows, **kw))
        out[name] = entry(why, recs, 2, None)

    # Excel 'CSV (逗号分隔)' on a Chinese Windows: GBK bytes, CRLF, dates as Excel shows them.
    recs = std_records(people)
    for r, p in zip(recs, people, strict=True):
        r.cells[4] = f"{p.birth.year}/{p.birth.month}/{p.birth.day}"
    data = text_bytes([STD_HEADER] + [r.cells for r in recs], encoding="gbk", newline="\r\n")
    (FIXTURES / "gb18030-excel-export.csv").write_bytes(data)
    out["gb18030-excel-export.csv"] = entry(
        "Excel CSV export on Chinese Windows: GBK bytes, CRLF, dates like 1975/6/12", recs, 2, None
    )

    # Excel 'Unicode 文本': UTF-16 LE with BOM, tab-separated, CRLF.
    recs = std_records(people)
    text = text_bytes([STD_HEADER] + [r.cells for r in recs], sep="\t", newline="\r\n")
    (FIXTURES / "utf16-tab-unicode-text.txt").write_bytes(b"\xff\xfe" + text.decode().encode("utf-16-le"))
    out["utf16-tab-unicode-text.txt"] = entry(
        "Excel 'Unicode text' export: UTF-16 LE with BOM, tab-separated, CRLF", recs, 2, None
    )
    return out


def fx_instructions_sheet_first(people: list[Person]) -> dict:
    """An instructions sheet before the roster sheet."""
    name = "instructions-sheet-first.xlsx"
    wb, f = xlsx_book(FIXTURES / name)
    ws = wb.add_worksheet("填表说明")
    prose = [
        "填表说明",
        "1. 本表由各基层工会填报，每名职工一行，不要合并单元格。",
        "2. 身份证号一栏请先设置为文本格式，否则末三位会变成 000。",
        "3. 家庭月收入指共同生活的家庭成员月收入之和，单位：元。",
        "4. 致困原因可填多项，用顿号分隔，如：下岗、子女上学。",
        "5. 文化程度按最高学历填写。",
    ]
    for i, line in enumerate(prose):
        ws.write_string(i, 0, line)
    ws2 = wb.add_worksheet("花名册")
    xlsx_put(ws2, 0, STD_HEADER, f)
    recs = std_records(people)
    for i, p in enumerate(people):
        xlsx_put(ws2, i + 1, typed(p, i + 1), f)
    wb.close()
    why = "first sheet 填表说明 is prose; the roster is the second sheet, 花名册"
    return {name: entry(why, recs, 2, "花名册")}


def fx_title_rows_merged(people: list[Person]) -> dict:
    """Three title rows, some merged, above the header."""
    name = "title-rows-merged.xlsx"
    wb, f = xlsx_book(FIXTURES / name)
    ws = wb.add_worksheet("Sheet1")
    ws.merge_range(0, 0, 0, 9, "示例区总工会困难职工花名册", f["title"])
    ws.merge_range(1, 0, 1, 9, "（2025年度）", f["title"])
    ws.merge_range(2, 0, 2, 4, "填报单位：示例区总工会（盖章）", None)
    ws.merge_range(2, 7, 2, 9, "单位：元、人", None)
    xlsx_put(ws, 3, STD_HEADER, f)
    recs = std_records(people)
    for i, p in enumerate(people):
        xlsx_put(ws, 4 + i, typed(p, i + 1), f)
    wb.close()
    why = "3 title rows (merged title, merged subtitle, 填报单位/单位 line) above the header on row 4"
    return {name: entry(why, recs, 5, "Sheet1")}


def fx_alias_headers_total_row(people: list[Person]) -> dict:
    """Alias headers, a 小计 row after four workers and a 合计 row at the end."""
    name = "alias-headers-total-row.xlsx"
    header = [
        "序号",
        "姓名",
        "证件号码",
        "性别",
        "出生日期",
        "学历",
        "所在单位",
        "家庭成员数",
        "家庭月收入（元）",
        "困难原因",
    ]
    wb, f = xlsx_book(FIXTURES / name)
    ws = wb.add_worksheet("困难职工")
    xlsx_put(ws, 0, header, f)
    recs: list[Rec] = []

    def subtotal(label_col: int, label: str, group: list[Person]) -> Rec:
        cells = [""] * 10
        cells[label_col] = label
        cells[7] = sum(p.size for p in group)
        cells[8] = float(sum(Fraction(p.income) for p in group))
        return Rec(cells, "total")

    for i, p in enumerate(people[:4]):
        recs.append(worker(typed(p, i + 1), p))
    recs.append(subtotal(1, "小计", people[:4]))
    for i, p in enumerate(people[4:]):
        recs.append(worker(typed(p, i + 5), p))
    recs.append(subtotal(0, "合计", people))
    for i, r in enumerate(recs):
        xlsx_put(ws, 1 + i, r.cells, f)
    wb.close()
    why = (
        "alias headers (证件号码, 学历, 所在单位, 家庭成员数, 家庭月收入（元）, 困难原因); "
        "a 小计 row (in 姓名) after 4 workers and a 合计 row (in 序号) with sums at the end"
    )
    return {name: entry(why, recs, 2, "困难职工")}


def fx_header_words(people: list[Person]) -> dict:
    """Headers that match only by the words they contain; annual income."""
    name = "header-words-not-aliases.xlsx"
    header = [
        "序号",
        "职工姓名",
        "身份证件号码",
        "性别",
        "出生年月日",
        "最高学历",
        "工作单位名称",
        "家庭共同生活人口",
        "家庭年总收入（元）",
        "主要致困原因",
    ]
    wb, f = xlsx_book(FIXTURES / name)
    ws = wb.add_worksheet("花名册")
    xlsx_put(ws, 0, header, f)
    recs = []
    for i, p in enumerate(people):
        cells = typed(p, i + 1, money=float(Fraction(p.income) * 12))
        recs.append(worker(cells, p))  # annual / 12 / size == the monthly figure / size
        xlsx_put(ws, 1 + i, cells, f)
    wb.close()
    why = (
        "headers matched by the words they contain, not aliases: 职工姓名, 身份证件号码, 出生年月日, "
        "最高学历, 工作单位名称, 家庭共同生活人口, 家庭年总收入（元） (annual: per capita = "
        "annual / 12 / size), 主要致困原因"
    )
    return {name: entry(why, recs, 2, "花名册")}


def fx_per_capita(people: list[Person]) -> dict:
    """Only a per-capita column; and per-capita disagreeing with household figures."""
    out = {}
    name = "per-capita-only.csv"
    header = [
        "序号",
        "姓名",
        "身份证号",
        "性别",
        "出生日期",
        "文化程度",
        "工作单位",
        "人均月收入",
        "致困原因",
    ]
    recs = []
    for i, p in enumerate(people):
        cells = std_cells(i + 1, p)
        cells[7:9] = [f"{float(p.per_capita):.2f}"]
        recs.append(worker(cells, p))
    (FIXTURES / name).write_bytes(text_bytes([header] + [r.cells for r in recs]))
    out[name] = entry("only 人均月收入, no household figures: it is used as is", recs, 2, None)

    name = "per-capita-disagrees.csv"
    header = [*STD_HEADER[:9], "家庭人均月收入", "致困原因"]
    extra = Person("孙丽", "女", date(1984, 5, 20), "初中", 3, "1000", "", "示例印刷厂", 990109)
    stated = ["241.00", "240.00", "900.00", "280.00", "244.50", "2800.00", "260.00", "375.00", "333.33"]
    recs = []
    for i, (p, s) in enumerate(zip([*people, extra], stated, strict=True)):
        cells = std_cells(i + 1, p)
        cells[9:10] = [s, p.cause]
        off = abs(Fraction(s) - p.per_capita) > 1
        recs.append(worker(cells, p, *(["per_capita_mismatch"] if off else [])))
    assert sum(bool(r.findings) for r in recs) == 1
    (FIXTURES / name).write_bytes(text_bytes([header] + [r.cells for r in recs]))
    out[name] = entry(
        "household figures and 家庭人均月收入 (a header that also holds 家庭…月收入): row 3 "
        "states 240.00 against a computed 265.00 (warn; classify as hardship from the household "
        "figures); row 2 differs by exactly 1.00 and row 6 by 0.50 (no warning); row 10 is "
        "1000 / 3 = 333.333… stated 333.33",
        recs,
        2,
        None,
    )
    return out


def fx_annual_costs(people: list[Person]) -> dict:
    """Annual household income minus annual unavoidable costs."""
    name = "annual-income-with-costs.csv"
    header = [
        "序号",
        "姓名",
        "身份证号",
        "性别",
        "出生日期",
        "文化程度",
        "家庭人口",
        "家庭年收入（元）",
        "刚性支出（元）",
        "致困原因",
    ]
    figures = [  # size, annual income, annual costs -> per capita
        (3, "12000", "1920"),  # 280.00 only after costs (333.33 without): hardship
        (2, "7200", "1320"),  # 245.00 after costs (300 without): extreme
        (4, "43200", "0"),  # 900
        (3, "9000", "0"),  # 250
        (2, "6000", "600"),  # 225: extreme
        (1, "36000", "6000"),  # 2500
        (5, "18000", "3000"),  # 250 (300 without)
        (3, "12000.36", "1920"),  # 280.01: not hardship
    ]
    recs = []
    for i, (p, (size, annual, costs)) in enumerate(zip(people, figures, strict=True)):
        pc = (Fraction(annual) - Fraction(costs)) / 12 / size
        cells = [
            i + 1,
            p.name,
            p.id,
            p.gender,
            p.birth.isoformat(),
            p.education,
            size,
            annual,
            costs,
            p.cause,
        ]
        recs.append(worker(cells, p, per_capita=pc))
    (FIXTURES / name).write_bytes(text_bytes([header] + [r.cells for r in recs]))
    why = (
        "家庭年收入 with 刚性支出 (annual costs): per capita = (annual - costs) / 12 / size; "
        "row 2 is exactly 280.00 only after the costs, row 3 exactly 245.00, row 9 is 280.01"
    )
    return {name: entry(why, recs, 2, None)}


def fx_ids_as_numbers(people: list[Person]) -> dict:
    """ID cells that Excel stored as numbers."""
    name = "ids-stored-as-numbers.xlsx"
    # An 18-digit ID typed into a General cell keeps 15 significant digits; pick the first
    # person whose truncated number fails the check (a valid one would not be certain).
    lost = next(i for i, p in enumerate(people) if not id_valid(p.id[:15] + "000"))
    legacy = (lost + 1) % len(people)  # a 15-digit legacy number fits a double exactly
    wb, f = xlsx_book(FIXTURES / name)
    ws = wb.add_worksheet("花名册")
    xlsx_put(ws, 0, STD_HEADER, f)
    recs = []
    for i, p in enumerate(people):
        cells = typed(p, i + 1)
        findings = []
        if i == lost:
            cells[2] = float(p.id[:15] + "000")
            findings = ["id_lost_digits"]
        elif i == legacy:
            cells[2] = float(to_legacy15(p.id))
            findings = ["id_legacy15"]
        recs.append(worker(cells, p, *findings))
        xlsx_put(ws, 1 + i, cells, f)
    wb.close()
    why = (
        f"ID cells as numbers: row {lost + 2} an 18-digit ID kept by Excel to 15 significant "
        f"digits ({float(people[lost].id[:15] + '000'):.14E}, lost digits); row {legacy + 2} a "
        "15-digit legacy ID as a number (fine, converted); the rest text"
    )
    return {name: entry(why, recs, 2, "花名册")}


def find_id_ending_000(birth: date) -> str:
    """A valid women's ID ending in 000 (sequence x00, check digit 0)."""
    for area in range(990101, 990200):
        for d15 in range(1, 10):
            body = f"{area:06d}{birth:%Y%m%d}{d15}00"
            if check_char(body) == "0":
                return body + "0"
    raise ValueError("none found")


def fx_ids_ending_000(people: list[Person]) -> dict:
    """A valid ID ending in 000 and, for contrast, an invalid one."""
    name = "ids-ending-000-valid.csv"
    valid000 = find_id_ending_000(people[1].birth)
    assert id_valid(valid000) and valid000.endswith("000")
    extra = Person("孙丽", "女", date(1984, 5, 20), "初中", 3, "1000", "", "示例印刷厂", 990109)
    lost = extra.id[:15] + "000"
    assert not id_valid(lost)
    recs = std_records(people)
    recs[1].cells[2] = valid000
    recs.append(worker(std_cells(9, extra, idv=lost), extra, "id_lost_digits"))
    (FIXTURES / name).write_bytes(text_bytes([STD_HEADER] + [r.cells for r in recs]))
    why = (
        f"row 3 holds {valid000}, a valid ID that ends in 000 (check digit 0): no finding; "
        "row 10 ends in 000 and fails the check: lost digits"
    )
    return {name: entry(why, recs, 2, None)}


def fx_dates(people: list[Person]) -> dict:
    """Birth dates as serial numbers, date cells and odd text forms."""
    name = "dates-serials-and-odd-forms.xlsx"
    people = list(people)
    people[4] = Person("陈军", "男", date(1972, 1, 1), "中专", 2, "490", "企业停产", "示例化工厂", 990105)
    wb, f = xlsx_book(FIXTURES / name)
    f_cn = wb.add_format({"num_format": 'yyyy"年"m"月"d"日"'})
    ws = wb.add_worksheet("花名册")
    xlsx_put(ws, 0, STD_HEADER, f)

    def serial(d: date) -> int:
        return (d - date(1899, 12, 30)).days

    forms = [
        ("serial", serial(people[0].birth)),
        ("serial", serial(people[1].birth)),
        ("date", people[2].birth),
        ("date_cn", people[3].birth),
        ("text", "1972年1月"),  # month only: counts from the 1st, as the ID says
        ("text", "1988.7.30"),
        ("text", "19650303"),
        ("text", "1979/12/25"),
    ]
    recs = []
    for i, (p, (kind, value)) in enumerate(zip(people, forms, strict=True)):
        cells = typed(p, i + 1, birth=None)
        cells[4] = None
        recs.append(worker(cells, p))
        xlsx_put(ws, 1 + i, cells, f)
        if kind == "serial":
            ws.write_number(1 + i, 4, value)  # General format: just a number
        elif kind == "date":
            ws.write_datetime(1 + i, 4, value, f["date"])
        elif kind == "date_cn":
            ws.write_datetime(1 + i, 4, value, f_cn)
        else:
            ws.write_string(1 + i, 4, value)
        recs[-1].cells[4] = value
    wb.close()
    why = (
        "出生日期 as Excel serial numbers in General cells (rows 2-3), real date cells (rows 4-5, "
        "one formatted yyyy年m月d日) and text 1972年1月 / 1988.7.30 / 19650303 / 1979/12/25; "
        "all agree with the IDs, so no finding"
    )
    return {name: entry(why, recs, 2, "花名册")}


def fullwidth(s: str) -> str:
    """ASCII digits, letters and punctuation to their full-width forms."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


def fx_fullwidth(people: list[Person]) -> dict:
    """Full-width digits, currency signs, 元 and odd dates, UTF-8 with BOM."""
    name = "fullwidth-digits-bom.csv"
    incomes = [
        "¥７２０",
        "５３０元",
        "￥３，６００",
        "８４０．００元",
        "¥490.00",
        "２８００",
        "１,３００元",
        "１５００",
    ]
    births = [
        "１９８５年６月１２日",
        "1992.4.3",
        "1990/11/20",
        "１９６８－０９－０９",
        "19720115",
        "1988年7月30日",
        "1965.3.3",
        "１９７９．１２．２５",
    ]
    recs = []
    for i, (p, inc, b) in enumerate(zip(people, incomes, births, strict=True)):
        cells = std_cells(i + 1, p, birth=b, income=inc, idv=fullwidth(p.id), size=fullwidth(str(p.size)))
        recs.append(worker(cells, p))
    data = text_bytes([STD_HEADER] + [r.cells for r in recs], encoding="utf-8-sig", newline="\r\n")
    (FIXTURES / name).write_bytes(data)
    why = (
        "UTF-8 with BOM; full-width digits in IDs, sizes and incomes (NFKC), ¥ / ￥ / 元, "
        "full-width thousands separator (３，６００); dates 1985年6月12日 in full-width, 1992.4.3, "
        "１９６８－０９－０９, 19720115: no finding"
    )
    return {name: entry(why, recs, 2, None)}


def fx_boundaries() -> dict:
    """Rows exactly on and just past every boundary."""
    name = "boundaries.csv"
    E = "示例机械厂"
    cases = [  # person; the per capita it gives
        Person("王刚", "男", date(1970, 5, 5), "初中", 3, "840", "下岗", E, 990111),  # 280.00
        Person("李梅", "女", date(1972, 6, 6), "初中", 2, "560.02", "", E, 990112),  # 280.01
        Person("张明", "男", date(1969, 7, 7), "高中", 3, "735", "因病", E, 990113),  # 245.00
        Person("刘燕", "女", date(1980, 8, 8), "中专", 2, "490.02", "单亲", E, 990114),  # 245.01
        Person("陈涛", "男", date(1982, 9, 9), "大专", 3, "840.012", "", E, 990115),  # 280.004
        Person("杨萍", "女", date(1978, 10, 10), "初中", 3, "735.012", "失业", E, 990116),  # 245.004
        Person("赵亮", "男", date(1975, 12, 31), "小学", 3, "600", "停产", E, 990117),  # 50 today
        Person("黄东", "男", date(1976, 1, 1), "小学", 3, "600", "停产", E, 990118),  # 49
        Person("周玲", "女", date(1985, 12, 31), "初中", 2, "400", "下岗", E, 990119),  # 40 today
        Person("吴倩", "女", date(1986, 1, 1), "初中", 2, "400", "下岗", E, 990120),  # 39
    ]
    recs = [worker(std_cells(i + 1, p), p) for i, p in enumerate(cases)]
    (FIXTURES / name).write_bytes(text_bytes([STD_HEADER] + [r.cells for r in recs]))
    why = (
        "as of 2025-12-31: per capita 280.00 (row 2, hardship), 280.01 (row 3, not), 245.00 "
        "(row 4, extreme), 245.01 (row 5, hardship), 840.012/3 = 280.004 (row 6, NOT hardship: the "
        "exact quotient is compared), 735.012/3 = 245.004 (row 7, hardship, not extreme); men born "
        "1975-12-31 (row 8, 50+) and 1976-01-01 (row 9, under 50); women born 1985-12-31 (row 10, "
        "40+) and 1986-01-01 (row 11, under 40); rows 8-11 are extreme"
    )
    return {name: entry(why, recs, 2, None)}


def fx_blank_and_footer(people: list[Person]) -> dict:
    """Blank rows between workers and footer lines after them."""
    name = "blank-and-footer-rows.xlsx"
    wb, f = xlsx_book(FIXTURES / name)
    ws = wb.add_worksheet("花名册")
    xlsx_put(ws, 0, STD_HEADER, f)
    blank = Rec([], "blank")
    recs: list[Rec] = []
    for i, p in enumerate(people):
        if i in (3, 6):
            recs.append(blank)
        if i == 6:
            recs.append(blank)
        recs.append(worker(typed(p, i + 1), p))
    recs.append(blank)
    recs.append(Rec(["填表人：李四", "", "", "", "审核人：王五"], "footer"))
    recs.append(Rec(["制表日期：2025年12月31日"], "footer"))
    for i, r in enumerate(recs):
        xlsx_put(ws, 1 + i, r.cells, f)
    wb.close()
    at = {kind: [2 + i for i, r in enumerate(recs) if r.kind == kind] for kind in ("blank", "footer")}
    why = (
        f"blank rows {at['blank']} between and after the workers; footers 填表人：… 审核人：… "
        f"and 制表日期：… on rows {at['footer']}"
    )
    return {name: entry(why, recs, 2, "花名册")}


def fx_duplicates(people: list[Person]) -> dict:
    """The same person under a 15- and an 18-digit ID, and under X and x."""
    name = "duplicate-ids-15-and-18.csv"
    p1, p2, p4, p5 = people[0], people[1], people[3], people[4]
    px = Person("黄艳", "女", date(1979, 12, 25), "职高", 4, "1500", "", "示例服装厂", 990108, check="X")
    recs = [
        worker(std_cells(1, p1, idv=to_legacy15(p1.id)), p1, "id_legacy15"),
        worker(std_cells(2, p2), p2),
        worker(std_cells(3, px), px),
        Rec(std_cells(4, p1), "duplicate", None, ("duplicate_id",)),
        worker(std_cells(5, p4), p4),
        Rec(std_cells(6, px, idv=px.id.lower()), "duplicate", None, ("duplicate_id",)),
        worker(std_cells(7, p5), p5),
    ]
    (FIXTURES / name).write_bytes(text_bytes([STD_HEADER] + [r.cells for r in recs]))
    why = (
        "row 2 has a 15-digit legacy ID (converted, warning); row 5 is the same person with the "
        "18-digit form (duplicate); row 7 repeats row 4's ID with a lower-case x (duplicate)"
    )
    return {name: entry(why, recs, 2, None)}


def fx_header_only() -> dict:
    name = "header-only.csv"
    (FIXTURES / name).write_bytes(text_bytes([STD_HEADER]))
    return {name: entry("a header row and nothing else: a valid, empty roster", [], 2, None)}


def fx_other_formats(people: list[Person]) -> dict:
    """Legacy BIFF .xls, .ods, and HTML / CSV saved with an .xls extension."""
    out = {}
    recs = std_records(people)

    name = "legacy.xls"
    try:
        import xlwt
    except ImportError:
        print(f"warning: xlwt not installed, {name} not written", file=sys.stderr)
    else:
        book = xlwt.Workbook(encoding="utf-8")
        ws = book.add_sheet("花名册")
        date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
        text_style = xlwt.easyxf(num_format_str="@")
        for c, h in enumerate(STD_HEADER):
            ws.write(0, c, h)
        for i, p in enumerate(people):
            for c, v in enumerate(typed(p, i + 1)):
                if isinstance(v, date):
                    ws.write(i + 1, c, datetime(v.year, v.month, v.day), date_style)
                elif c == 2:
                    ws.write(i + 1, c, v, text_style)
                elif v != "":
                    ws.write(i + 1, c, v)
        book.save(str(FIXTURES / name))
    out[name] = entry("a real BIFF8 .xls (Excel 97-2003), written with xlwt", recs, 2, "花名册")

    name = "roster.ods"
    try:
        import odf  # noqa: F401
    except ImportError:
        print(f"warning: odfpy not installed, {name} not written", file=sys.stderr)
    else:
        frame = pd.DataFrame([typed(p, i + 1) for i, p in enumerate(people)], columns=STD_HEADER)
        frame["出生日期"] = pd.to_datetime(frame["出生日期"])
        frame.to_excel(FIXTURES / name, sheet_name="花名册", index=False, engine="odf")
        freeze_zip(FIXTURES / name)
    out[name] = entry("an OpenDocument spreadsheet (WPS / LibreOffice), IDs as text", recs, 2, "花名册")

    name = "html-disguised.xls"
    cell = "<td style=\"mso-number-format:'\\@'\">{}</td>"
    lines = [
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel">',
        '<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>',
        '<body><table border="1">',
        '<tr><td colspan="10" align="center"><b>示例区困难职工花名册</b></td></tr>',
        "<tr>" + "".join(f"<th>{h}</th>" for h in STD_HEADER) + "</tr>",
    ]
    for r in recs:
        tds = [cell.format(v) if c == 2 else f"<td>{v}</td>" for c, v in enumerate(r.cells)]
        lines.append("<tr>" + "".join(tds) + "</tr>")
    lines.append("</table></body></html>")
    (FIXTURES / name).write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    out[name] = entry(
        "an HTML table saved as .xls (government-system export): a title row above the header",
        recs,
        3,
        None,
    )

    name = "csv-disguised.xls"
    data = text_bytes([STD_HEADER] + [r.cells for r in recs], encoding="gbk", newline="\r\n")
    (FIXTURES / name).write_bytes(data)
    out[name] = entry("GBK comma-separated text saved as .xls", recs, 2, None)
    return out


def tiny_png() -> bytes:
    """A valid 1x1 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


#: What the message for each unreadable fixture must say (the clerk's words, checked by tests/test_fixtures.py).
MESSAGES = {
    "empty.csv": ("是空的",),
    "no-roster-header.xlsx": ("没有找到花名册的表头", "示例区总工会2025年工作安排", "[aliases]"),
    "missing-required-columns.csv": ("缺少必需的列", "家庭人口", "找到的列有：姓名、性别"),
    "corrupt-truncated.xlsx": ("已损坏或不完整",),
    "image-renamed.xlsx": ("实际上是图片",),
    "pdf-renamed.xlsx": ("实际上是PDF",),
    "undecodable.csv": ("已尝试 utf-8、gb18030", "--encoding"),
}


def fx_unreadable(people: list[Person]) -> dict:
    """Inputs jiekun must refuse with exit code 2 and a one-paragraph message."""
    out = {}

    def bad(name: str, data: bytes, why: str) -> None:
        (FIXTURES / name).write_bytes(data)
        out[name] = {"error": True, "exit": 2, "message_contains": list(MESSAGES[name]), "why": why}

    bad("empty.csv", b"", "0 bytes")

    wb, f = xlsx_book(FIXTURES / "no-roster-header.xlsx")
    ws = wb.add_worksheet("工作安排")
    rows = [
        ["示例区总工会2025年工作安排"],
        ["月份", "工作内容", "负责科室", "完成情况"],
        ["1月", "春节送温暖", "办公室", "已完成"],
        ["3月", "女职工维权宣传", "女工部", "已完成"],
        ["6月", "夏季送清凉", "经审科", "进行中"],
    ]
    for i, r in enumerate(rows):
        xlsx_put(ws, i, r, f)
    wb.close()
    out["no-roster-header.xlsx"] = {
        "error": True,
        "exit": 2,
        "message_contains": list(MESSAGES["no-roster-header.xlsx"]),
        "why": "a sheet of unrelated content (a work plan): no row names three roster fields",
    }

    bad(
        "missing-required-columns.csv",
        text_bytes(
            [["姓名", "性别", "文化程度", "工作单位", "联系电话"]]
            + [[p.name, p.gender, p.education, p.employer, "13900000000"] for p in people[:4]]
        ),
        "has 姓名, 性别, 文化程度 but no income and no household size",
    )

    full = FIXTURES / "corrupt-truncated.xlsx"
    wb, f = xlsx_book(full)
    ws = wb.add_worksheet("花名册")
    xlsx_put(ws, 0, STD_HEADER, f)
    for i, p in enumerate(people):
        xlsx_put(ws, 1 + i, typed(p, i + 1), f)
    wb.close()
    data = full.read_bytes()
    bad("corrupt-truncated.xlsx", data[: len(data) // 2], "a valid xlsx cut in half")
    bad("image-renamed.xlsx", tiny_png(), "a 1x1 PNG image renamed to .xlsx")
    bad(
        "pdf-renamed.xlsx",
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
        "a minimal PDF renamed to .xlsx",
    )
    rng = np.random.default_rng(7)
    junk = bytearray(b"\x80\xff" + rng.integers(0, 256, 200, dtype=np.uint8).tobytes())
    junk[50:52] = b"\xff\x80"
    for codec in ("utf-8", "gb18030"):
        try:
            junk.decode(codec)
        except UnicodeDecodeError:
            continue
        raise AssertionError(f"undecodable.csv decodes as {codec}")
    assert not junk.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf"))
    bad(
        "undecodable.csv",
        bytes(junk),
        "random bytes starting 0x80 0xFF: invalid UTF-8 and GB18030, no UTF-16 BOM",
    )
    return out


def make_fixtures() -> dict:
    """Write every fixture and tests/fixtures/expected.json; return the manifest."""
    FIXTURES.mkdir(parents=True, exist_ok=True)
    people = base_people()
    manifest: dict = {}
    for part in (
        fx_text_variants(people),
        fx_instructions_sheet_first(people),
        fx_title_rows_merged(people),
        fx_alias_headers_total_row(people),
        fx_header_words(people),
        fx_per_capita(people),
        fx_annual_costs(people),
        fx_ids_as_numbers(people),
        fx_ids_ending_000(people),
        fx_dates(people),
        fx_fullwidth(people),
        fx_boundaries(),
        fx_blank_and_footer(people),
        fx_duplicates(people),
        fx_header_only(),
        fx_other_formats(people),
        fx_unreadable(people),
    ):
        manifest.update(part)
    for name, e in manifest.items():
        if not e.get("error"):
            assert e["rows_read"] == e["workers"] + e["duplicates"] + e["non_worker_rows"], name
    dump_json(FIXTURES / "expected.json", manifest)
    return manifest


# --------------------------------------------------------------------------------------
# Sample 3: samples/monthly/ — twelve monthly rosters with planted flows (docs/flows.md)
# --------------------------------------------------------------------------------------

MONTHLY = SAMPLES / "monthly"
MONTHLY_YEAR = 2025
MONTHLY_BASE = 3_000  # workers on the first roster
MONTHLY_JOINERS = 35  # new workers a month
#: Monthly transition probabilities of the planted chain (N none, H hardship only, E extreme).
MONTHLY_MOVES = {
    "N": {"H": 0.008, "E": 0.002},
    "H": {"N": 0.08, "E": 0.05},
    "E": {"H": 0.07, "N": 0.02},
}
MONTHLY_LEAVE = {"N": 0.012, "H": 0.02, "E": 0.02}
MONTHLY_REJOIN = 0.15  # chance a month that a worker who left comes back
#: Row-level accidents a month (per worker): income blank, 15-digit ID, wrong check digit,
#: blank ID, row entered twice.
MONTHLY_ACCIDENTS = {
    "undetermined": 0.003,
    "legacy15": 0.01,
    "typo": 0.002,
    "blank_id": 0.001,
    "twice": 0.002,
}
#: Workers with a hand-written year: gender, birth date, household size, the state each
#: month Jan..Dec (N, H, E; X = not on the roster) and the accident planted on that month's
#: row (. none, u income blank, l 15-digit ID, t wrong check digit). Their flows are
#: checked by hand in tests/test_flows.py.
MONTHLY_STORIES = {
    # exited in April, returned in June
    "郑返困": ("男", "1972-04-18", 3, "HHHNNHHHHHHH", "............"),
    # left the roster in March, returned in May
    "冯离册": ("女", "1979-09-02", 2, "EEXXEEEEEEEE", "............"),
    # a new worker straight into extreme hardship: entered in July
    "蒋新入": ("男", "1995-06-30", 1, "XXXXXXEEEEEE", "............"),
    # per capita exactly 280.00 until August, 280.01 from September: exited in September
    "韩临界": ("女", "1983-12-31", 2, "HHHHHHHHNNNN", "............"),
    # worsened in even months, eased in odd ones
    "曹起伏": ("男", "1968-02-29", 4, "HEHEHEHEHEHE", "............"),
    # a 15-digit ID in odd months: the same person, stayed all year
    "彭旧号": ("女", "1966-07-07", 2, "HHHHHHHHHHHH", "l.l.l.l.l.l."),
    # income blank in October: untracked in the October and November flows
    "董缺收": ("男", "1975-11-11", 3, "HHHHHHHHHHHH", ".........u.."),
    # a wrong check digit in November: left the roster in November and returned in December
    # by ID, and the November row is untracked in both flows
    "袁错号": ("女", "1988-03-15", 2, "EEEEEEEEEEEE", "..........t."),
}


def _monthly_incomes(rng: np.random.Generator, state: np.ndarray, size: np.ndarray) -> np.ndarray:
    """Household income in cents inside each state's band (N none, H hardship only, E extreme)."""
    tier = np.select([state == "E", state == "H"], ["extreme", "hardship"], "none")
    return _incomes(rng, tier, size)


def monthly_rosters(
    seed: int = 2025, base: int = MONTHLY_BASE, year: int = MONTHLY_YEAR
) -> tuple[list[pd.DataFrame], dict]:
    """Twelve monthly rosters with planted flows, and their expected figures.

    A pool of workers (drawn with ``survey_frame``, so IDs are valid, unique and agree
    with 性别/出生日期) walks a monthly chain between not in hardship (N), hardship (H),
    extreme (E) and off the roster; new workers join every month, some who left come
    back, and row-level accidents are planted (income blank, 15-digit IDs, a wrong check
    digit, a blank ID, a row entered twice). The eight ``MONTHLY_STORIES`` workers follow
    hand-written years. Returns the rosters (``SURVEY_COLUMNS``, a footer row at the end)
    and the expected summary and flows, worked out from the plan with plain Python sets
    (:func:`monthly_expected`), never with jiekun.
    """
    rng = np.random.default_rng(seed)
    pool_n = base + 12 * MONTHLY_JOINERS
    pool = survey_frame(pool_n, seed + 1, id_block=60, start_no=1).reset_index(drop=True)
    pool["致困原因"] = _causes(rng, np.ones(pool_n, dtype=bool))  # used while in hardship
    tier0 = np.where(
        pool["家庭月收入（元）"] / pool["家庭人口"] <= 245,
        "E",
        np.where(pool["家庭月收入（元）"] / pool["家庭人口"] <= 280, "H", "N"),
    )
    # the stories: appended to the pool with their own IDs (area block 99-61-xx)
    stories = []
    for k, (name, (gender, born, size, _states, _accidents)) in enumerate(MONTHLY_STORIES.items()):
        b = date.fromisoformat(born)
        stories.append(
            {
                "序号": 0,
                "姓名": name,
                "身份证号": make_id(996101 + k, b, gender == "男", seq0=101 + 2 * k),
                "性别": gender,
                "出生日期": pd.Timestamp(b),
                "文化程度": ["初中", "高中", "中专", "小学", "初中毕业", "技校", "大专", "高中"][k],
                "工作单位": EMPLOYERS[k],
                "所在社区": COMMUNITIES[k],
                "家庭人口": size,
                "家庭月收入（元）": 0.0,
                "致困原因": [
                    "下岗",
                    "单亲、子女上学",
                    "患大病",
                    "企业停产",
                    "因残",
                    "下岗失业",
                    "重病",
                    "失业",
                ][k],
                "就业状态": "待岗",
                "联系电话": f"1380000{k:04d}",
            }
        )
    pool = pd.concat([pool, pd.DataFrame(stories)], ignore_index=True)
    story_ix = np.arange(pool_n, len(pool))
    n = len(pool)
    size = pool["家庭人口"].to_numpy(dtype=np.int64)

    # the chain: state per worker per month ("X" off the roster)
    state = np.full((12, n), "X", dtype="<U1")
    state[0, :base] = tier0[:base]
    joiner = base + np.arange(12 * MONTHLY_JOINERS)
    join_month = 1 + np.arange(12 * MONTHLY_JOINERS) // MONTHLY_JOINERS  # Feb.. (the last 35 never join)
    join_state = rng.choice(["N", "H", "E"], size=len(joiner), p=[0.85, 0.10, 0.05])
    was_hard = np.zeros(n, dtype=bool)
    for t in range(1, 12):
        prev = state[t - 1, :pool_n]
        u = rng.random(pool_n)
        nxt = prev.copy()
        for s, moves in MONTHLY_MOVES.items():
            on = prev == s
            edge = 0.0
            for to, p in moves.items():
                hit = on & (u >= edge) & (u < edge + p)
                nxt[hit] = to
                edge += p
            leave = on & (u >= edge) & (u < edge + MONTHLY_LEAVE[s])
            nxt[leave] = "X"
        was_hard[:pool_n] |= np.isin(prev, ["H", "E"])
        off = (prev == "X") & (np.arange(pool_n) < base + (t - 1) * MONTHLY_JOINERS)  # left earlier
        back = off & (rng.random(pool_n) < MONTHLY_REJOIN)
        nxt[back] = np.where(was_hard[:pool_n][back] & (rng.random(int(back.sum())) < 0.5), "H", "N")
        new = joiner[join_month == t]
        nxt[new] = join_state[join_month == t]
        state[t, :pool_n] = nxt
    accident = np.full((12, n), "", dtype="<U12")
    for t in range(12):
        u = rng.random(pool_n)
        edge = 0.0
        for name, p in MONTHLY_ACCIDENTS.items():
            hit = (state[t, :pool_n] != "X") & (u >= edge) & (u < edge + p)
            accident[t, :pool_n][hit] = name
            edge += p
    # 15-digit IDs only exist for people born in the 1900s
    born_1900s = pool["出生日期"].dt.year.to_numpy() < 2000
    accident[(accident == "legacy15") & ~born_1900s[None, :]] = ""
    codes = {".": "", "u": "undetermined", "l": "legacy15", "t": "typo"}
    for j, (_g, _b, _s, states, accidents) in zip(story_ix, MONTHLY_STORIES.values(), strict=True):
        state[:, j] = list(states)
        accident[:, j] = [codes[c] for c in accidents]

    # incomes: redrawn inside the band when the state changes, else kept
    cents = np.zeros((12, n), dtype=np.int64)
    for t in range(12):
        cur = state[t]
        draw = _monthly_incomes(rng, cur, size)
        keep = (cur != "X") & (state[t - 1] == cur) if t else np.zeros(n, dtype=bool)
        cents[t] = np.where(keep, cents[t - 1] if t else 0, draw)
    # the boundary story: 280.00 exactly while in hardship, then 280.01
    j = story_ix[list(MONTHLY_STORIES).index("韩临界")]
    cents[:, j] = np.where(state[:, j] == "H", 56_000, 56_002)

    frames, plan_rows = [], []
    ids = pool["身份证号"].to_numpy(dtype=object)
    for t in range(12):
        on = np.flatnonzero(state[t] != "X")
        df = pool.iloc[on].copy().reset_index(drop=True)
        st, acc = state[t, on], accident[t, on]
        df["家庭月收入（元）"] = cents[t, on] / 100
        df.loc[acc == "undetermined", "家庭月收入（元）"] = np.nan
        df["致困原因"] = np.where(np.isin(st, ["H", "E"]), df["致困原因"], "")
        written = ids[on].copy()
        for i in np.flatnonzero(acc == "legacy15"):
            written[i] = to_legacy15(written[i])
        for i in np.flatnonzero(acc == "typo"):
            good = written[i]
            written[i] = good[:17] + next(c for c in CHECK_CHARS if c != good[17])
        written[acc == "blank_id"] = ""
        df["身份证号"] = written
        valid = ~np.isin(acc, ["typo", "blank_id"])
        shown = np.where(acc == "undetermined", "U", st)
        twice = np.flatnonzero(acc == "twice")
        order = np.sort(np.concatenate([np.arange(len(df)), twice]), kind="stable")
        df = df.iloc[order].reset_index(drop=True)
        dup = np.zeros(len(df), dtype=bool)
        dup[1:] = order[1:] == order[:-1]
        df["序号"] = np.arange(1, len(df) + 1)
        df = df.astype({"序号": object})
        numeric = {
            c
            for c in df.columns
            if pd.api.types.is_numeric_dtype(df[c]) or pd.api.types.is_datetime64_any_dtype(df[c])
        }
        footer = {c: None if c in numeric else "" for c in df.columns}
        footer["序号"] = f"填表人：张三　审核人：李四　制表日期：{end_of_month(year, t + 1).isoformat()}"
        df = pd.concat([df, pd.DataFrame([footer])], ignore_index=True)
        frames.append(df)
        plan_rows.append(
            {
                "key": [ids[on][i] if valid[i] else None for i in order],
                "state": [shown[i] for i in order],
                "duplicate": dup.tolist(),
                "frame": df.iloc[:-1],
            }
        )
    expected = monthly_expected(plan_rows, year)
    sets_all = expected.pop("_sets")
    expected["stories"] = {}
    for name, j in zip(MONTHLY_STORIES, story_ix, strict=True):
        sid = ids[j]
        hits = {
            f["to"]: [k for k in FLOW_ORDER if sid in sets[k]]
            for f, sets in zip(expected["flows"], sets_all, strict=True)
        }
        expected["stories"][name] = {"id": sid, "flows": {month: ks for month, ks in hits.items() if ks}}
    return frames, expected


FLOW_ORDER = ["entered", "returned", "exited", "left_roster", "stayed", "worsened", "eased", "untracked"]


def end_of_month(year: int, month: int) -> date:
    """The last day of a month."""
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def monthly_expected(plan_rows: list[dict], year: int) -> dict:
    """The expected months and flows of the series, from the plan (no jiekun).

    A month counts every row but the second copy of a row entered twice; hardship is
    H or E, extreme E, undetermined U (income blank). Flows follow
    docs/flows.md: identity is the ID of rows whose ID is valid (15-digit rows carry
    the person's 18-digit key); untracked = IDs in H in one month and U in the other,
    plus rows without a valid ID that are in H in their own month.
    """
    months = []
    for t, p in enumerate(plan_rows):
        as_of = end_of_month(year, t + 1)
        counted = [i for i, d in enumerate(p["duplicate"]) if not d]
        states = [p["state"][i] for i in counted]
        f = p["frame"].iloc[counted]
        frame = pd.DataFrame(
            {
                "tier": [
                    {"E": "extreme", "H": "hardship", "N": "none", "U": "undetermined"}[s] for s in states
                ],
                "gender": f["性别"].to_numpy(),
                "birth": f["出生日期"].to_numpy(),
                "education": f["文化程度"].to_numpy(),
                "cause": f["致困原因"].to_numpy(),
            }
        )
        hard = frame["tier"].isin(["extreme", "hardship"])
        ext = frame["tier"] == "extreme"
        group = age_gender_group(frame["gender"], frame["birth"], as_of)
        bucket = education_bucket(frame["education"])
        pairs = cause_pairs(frame["cause"].reset_index(drop=True))

        def rows(keys, order, hard=hard, ext=ext):
            return [
                {"key": k, "label": lab, "hardship": int((hard & (keys == k)).sum()),
                 "extreme": int((ext & (keys == k)).sum())}
                for k, lab in order
            ]  # fmt: skip

        ph, pe = hard.to_numpy()[pairs["row"].to_numpy()], ext.to_numpy()[pairs["row"].to_numpy()]
        months.append(
            {
                "month": f"{year}-{t + 1:02d}",
                "file": f"{year}-{t + 1:02d}.xlsx",
                "as_of": as_of.isoformat(),
                "rows_read": len(p["state"]) + 1,
                "workers": len(counted),
                "duplicates": len(p["state"]) - len(counted),
                "non_worker_rows": 1,
                "hardship": int(hard.sum()),
                "extreme": int(ext.sum()),
                "undetermined": int((frame["tier"] == "undetermined").sum()),
                "tiers": {"特困职工": int(ext.sum()), "困难职工": int((frame["tier"] == "hardship").sum())},
                "by_age_gender": rows(group, AGE_GENDER),
                "by_education": rows(bucket, [(k, lab) for k, lab, _ in EDUCATION]),
                "by_cause": [
                    {
                        "key": k,
                        "label": lab,
                        "hardship": int((ph & (pairs["key"] == k).to_numpy()).sum()),
                        "extreme": int((pe & (pairs["key"] == k).to_numpy()).sum()),
                    }
                    for k, lab, _ in CAUSES
                ],
            }
        )

    def tracked(p: dict) -> dict[str, str]:
        return {k: s for k, s, d in zip(p["key"], p["state"], p["duplicate"], strict=True) if k and not d}

    def lost(p: dict) -> int:
        return sum(1 for k, s, d in zip(p["key"], p["state"], p["duplicate"], strict=True)
                   if k is None and not d and s in "HE")  # fmt: skip

    flows, sets_all = [], []
    ever: set[str] = set()
    for t in range(1, len(plan_rows)):
        b, a = tracked(plan_rows[t - 1]), tracked(plan_rows[t])
        hb = {k for k, s in b.items() if s in "HE"}
        ha = {k for k, s in a.items() if s in "HE"}
        new = {k for k in ha if b.get(k, "X") in "NX"}
        sets = {
            "entered": {k for k in new if k not in ever},
            "returned": {k for k in new if k in ever},
            "exited": {k for k in hb if a.get(k) == "N"},
            "left_roster": {k for k in hb if k not in a},
            "stayed": hb & ha,
            "worsened": {k for k in hb & ha if b[k] == "H" and a[k] == "E"},
            "eased": {k for k in hb & ha if b[k] == "E" and a[k] == "H"},
            "untracked": {k for k in hb if a.get(k) == "U"} | {k for k in ha if b.get(k) == "U"},
        }
        flow = {"from": f"{year}-{t:02d}", "to": f"{year}-{t + 1:02d}"}
        flow.update({k: len(sets[k]) for k in FLOW_ORDER})
        flow["untracked"] += lost(plan_rows[t - 1]) + lost(plan_rows[t])
        flows.append(flow)
        sets_all.append(sets)
        ever |= hb
    return {"as_of_rule": "end_of_month", "months": months, "flows": flows, "_sets": sets_all}


def make_monthly(out: Path = MONTHLY, seed: int = 2025) -> dict:
    """Write the twelve monthly rosters and expected-flows.json into ``out``; return the expectation."""
    frames, expected = monthly_rosters(seed)
    out.mkdir(parents=True, exist_ok=True)
    for t, df in enumerate(frames):
        title = f"示例区职工花名册（{MONTHLY_YEAR}年{t + 1}月）"
        write_xlsx(df, out / f"{MONTHLY_YEAR}-{t + 1:02d}.xlsx", sheet="花名册", title=title)
    expected["seed"] = seed
    dump_json(out / "expected-flows.json", expected)
    return expected


# --------------------------------------------------------------------------------------
# Sample 4: dibao-reference.csv, a civil-affairs 低保 list to cross-check (jiekun match)
# --------------------------------------------------------------------------------------

DIBAO_TITLE = "示例区城市居民最低生活保障（低保）对象名单（2025年12月）"
DIBAO_HEADER = [
    "序号",
    "姓名",
    "公民身份号码",
    "家庭人口数",
    "家庭月总收入（元）",
    "所在单位",
    "所在社区",
    "低保证号",
    "月保障金额（元）",
]
DIBAO_FOOTER = ["制表单位：示例区民政局", "", "", "", "", "", "", "制表日期：2025年12月31日"]
DIBAO_STANDARD_CENTS = 93_000  # a monthly 低保 standard, only for the 月保障金额 column
#: Planted reference rows: role -> how many. Roles starting "shared" are survey workers.
DIBAO_PLAN = {
    "shared, consistent": 24,
    "shared, name differs": 2,
    "shared, name with a space inside (not a disagreement)": 1,
    "shared, household size one more": 2,
    "shared, income +1.50 (per capita within 1 yuan)": 1,
    "shared, income + size (per capita exactly 1.00 more: not beyond 1 yuan)": 1,
    "shared, income 20% lower": 2,
    "shared, employer differs": 2,
    "shared, name and employer differ": 1,
    "shared, income written with thousands separator and 元": 1,
    "shared, 15-digit legacy ID": 2,
    "shared, ID ending in lower-case x": 1,
    "shared, not hardship on the roster, same figures": 2,
    "shared, not hardship on the roster, income at 低保 level": 2,
    "invalid ID: a roster worker's ID with a wrong check digit": 1,
    "invalid ID: a roster worker's ID as Excel's 9.90123E+17": 1,
    "only on the reference": 8,
}


def _cents_text(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def _other_char(ch: str, pool: list[str]) -> str:
    return pool[(pool.index(ch) + 1) % len(pool)] if ch in pool else pool[0]


def dibao_records(df: pd.DataFrame) -> list[dict]:
    """The 低保 list's rows (header excluded), each with its role, from the survey frame."""
    rng = np.random.default_rng(606)
    n = len(df)
    cents = np.rint(df["家庭月收入（元）"].to_numpy() * 100).astype(np.int64)
    size = df["家庭人口"].to_numpy().astype(np.int64)
    hard = cents <= 28_000 * size
    ids = df["身份证号"].to_numpy()
    born_1900s = df["出生日期"].dt.year.to_numpy() < 2000
    boundary = set(df.attrs.get("boundary_index", {}).values())
    order = [int(i) for i in rng.permutation(n) if int(i) not in boundary]
    used: set[int] = set()

    def take(mask: np.ndarray) -> int:
        for i in order:
            if mask[i] and i not in used:
                used.add(i)
                return i
        raise AssertionError("no survey row fits")

    def shared(i: int, role: str, **change) -> dict:
        rec = {
            "role": role,
            "id": ids[i],
            "name": df["姓名"].iat[i],
            "size": int(size[i]),
            "cents": int(cents[i]),
            "income_text": None,
            "employer": df["工作单位"].iat[i],
            "community": df["所在社区"].iat[i],
        }
        rec.update(change)
        return rec

    recs: list[dict] = []
    plan = DIBAO_PLAN
    for _ in range(plan["shared, consistent"]):
        recs.append(shared(take(hard), "shared, consistent"))
    for _ in range(plan["shared, name differs"]):
        i = take(hard)
        name = df["姓名"].iat[i]
        pool = GIVEN_MALE if df["性别"].iat[i] == "男" else GIVEN_FEMALE
        recs.append(shared(i, "shared, name differs", name=name[:-1] + _other_char(name[-1], pool)))
    for _ in range(plan["shared, name with a space inside (not a disagreement)"]):
        i = take(hard)
        name = df["姓名"].iat[i]
        recs.append(
            shared(i, "shared, name with a space inside (not a disagreement)", name=name[0] + " " + name[1:])
        )
    for _ in range(plan["shared, household size one more"]):
        i = take(hard)
        recs.append(shared(i, "shared, household size one more", size=int(size[i]) + 1))
    for _ in range(plan["shared, income +1.50 (per capita within 1 yuan)"]):
        i = take(hard & (size >= 2))
        recs.append(shared(i, "shared, income +1.50 (per capita within 1 yuan)", cents=int(cents[i]) + 150))
    for _ in range(plan["shared, income + size (per capita exactly 1.00 more: not beyond 1 yuan)"]):
        i = take(hard & (size == 3) & (cents % 100 != 0))
        recs.append(
            shared(
                i,
                "shared, income + size (per capita exactly 1.00 more: not beyond 1 yuan)",
                cents=int(cents[i]) + 100 * int(size[i]),
            )
        )
    for _ in range(plan["shared, income 20% lower"]):
        i = take(hard)
        recs.append(shared(i, "shared, income 20% lower", cents=int(cents[i]) * 8 // 1000 * 100))
    for _ in range(plan["shared, employer differs"]):
        i = take(hard)
        recs.append(
            shared(i, "shared, employer differs", employer=_other_char(df["工作单位"].iat[i], EMPLOYERS))
        )
    for _ in range(plan["shared, name and employer differ"]):
        i = take(hard)
        name = df["姓名"].iat[i]
        pool = GIVEN_MALE if df["性别"].iat[i] == "男" else GIVEN_FEMALE
        recs.append(
            shared(
                i,
                "shared, name and employer differ",
                name=name[:-1] + _other_char(name[-1], pool),
                employer=_other_char(df["工作单位"].iat[i], EMPLOYERS),
            )
        )
    for _ in range(plan["shared, income written with thousands separator and 元"]):
        i = take(hard & (cents >= 100_000))
        c = int(cents[i])
        text = f"{c // 100:,}.{c % 100:02d}元"
        recs.append(shared(i, "shared, income written with thousands separator and 元", income_text=text))
    for _ in range(plan["shared, 15-digit legacy ID"]):
        i = take(hard & born_1900s)
        recs.append(shared(i, "shared, 15-digit legacy ID", id=to_legacy15(ids[i])))
    for _ in range(plan["shared, ID ending in lower-case x"]):
        i = take(hard & np.char.endswith(ids.astype(str), "X"))
        recs.append(shared(i, "shared, ID ending in lower-case x", id=ids[i][:-1] + "x"))
    for _ in range(plan["shared, not hardship on the roster, same figures"]):
        recs.append(shared(take(~hard), "shared, not hardship on the roster, same figures"))
    for _ in range(plan["shared, not hardship on the roster, income at 低保 level"]):
        i = take(~hard)
        recs.append(
            shared(
                i,
                "shared, not hardship on the roster, income at 低保 level",
                cents=20_000 * int(size[i]),
            )
        )
    for _ in range(plan["invalid ID: a roster worker's ID with a wrong check digit"]):
        i = take(hard)
        good = ids[i]
        bad = CHECK_CHARS[(CHECK_CHARS.index(good[-1]) + 1) % len(CHECK_CHARS)]
        recs.append(
            shared(i, "invalid ID: a roster worker's ID with a wrong check digit", id=good[:-1] + bad)
        )
    for _ in range(plan["invalid ID: a roster worker's ID as Excel's 9.90123E+17"]):
        i = take(hard & ~np.char.endswith(ids.astype(str), "X"))
        recs.append(
            shared(i, "invalid ID: a roster worker's ID as Excel's 9.90123E+17", id=f"{float(ids[i]):.5E}")
        )
    for k in range(plan["only on the reference"]):
        male = bool(rng.random() < 0.5)
        birth = date(int(rng.integers(1965, 2000)), int(rng.integers(1, 13)), int(rng.integers(1, 29)))
        pool = GIVEN_MALE if male else GIVEN_FEMALE
        s = int(rng.integers(1, 6))
        recs.append(
            {
                "role": "only on the reference",
                "id": make_id(995001 + k, birth, male),
                "name": SURNAMES[int(rng.integers(len(SURNAMES)))] + pool[int(rng.integers(len(pool)))],
                "size": s,
                "cents": s * int(rng.integers(120, 420)) * 100,
                "income_text": None,
                "employer": "" if k % 3 == 0 else EMPLOYERS[int(rng.integers(len(EMPLOYERS)))],
                "community": COMMUNITIES[int(rng.integers(len(COMMUNITIES)))],
            }
        )
    assert [r["role"] for r in recs] == [role for role, k in plan.items() for _ in range(k)]
    recs = [recs[i] for i in rng.permutation(len(recs))]
    # the same person listed twice: the second row is a duplicate (the first one counts)
    first = next(r for r in recs if r["role"] == "shared, consistent")
    recs.append({**first, "role": "duplicate of an earlier row"})
    return recs


def dibao_cells(recs: list[dict]) -> list[list]:
    rows = []
    for no, r in enumerate(recs, 1):
        c = r["cents"]
        benefit = max(0, DIBAO_STANDARD_CENTS * r["size"] - c)
        rows.append(
            [
                no,
                r["name"],
                r["id"],
                r["size"],
                r["income_text"] or _cents_text(c),
                r["employer"],
                r["community"],
                f"DB2025{no:05d}",
                _cents_text(benefit),
            ]
        )
    return rows


def _id18(text: str) -> str | None:
    """The 18-digit form of an ID as written, or None when it is not a valid ID."""
    t = text.strip().upper()
    if len(t) == 15 and t.isdigit():
        t = t[:6] + "19" + t[6:] + check_char(t[:6] + "19" + t[6:])
    return t if id_valid(t) else None


def dibao_expected(df: pd.DataFrame, recs: list[dict]) -> dict:
    """The match figures (docs/match.md), computed from the planted rows with plain Python."""
    cents = np.rint(df["家庭月收入（元）"].to_numpy() * 100).astype(np.int64)
    size = df["家庭人口"].to_numpy().astype(np.int64)
    hard = cents <= 28_000 * size
    where = {v: i for i, v in enumerate(df["身份证号"])}
    seen: set[str] = set()
    valid, invalid = [], 0
    for r in recs:
        key = _id18(r["id"])
        if key is None:
            invalid += 1
        elif key not in seen:  # a repeated ID is a duplicate, not another person
            seen.add(key)
            valid.append((key, r))
    both = [(where[k], r) for k, r in valid if k in where]
    dis = dict.fromkeys(("name", "household_size", "household_income", "per_capita", "employer"), 0)
    for i, r in both:
        text = (r["income_text"] or _cents_text(r["cents"])).replace(",", "").removesuffix("元")
        income = Fraction(text)
        roster_income = Fraction(int(cents[i]), 100)
        dis["name"] += "".join(r["name"].split()) != df["姓名"].iat[i]
        dis["household_size"] += r["size"] != int(size[i])
        dis["household_income"] += income != roster_income
        dis["per_capita"] += abs(income / r["size"] - roster_income / int(size[i])) > 1
        dis["employer"] += r["employer"].strip() != df["工作单位"].iat[i]
    in_both_hard = sum(bool(hard[i]) for i, _ in both)
    return {
        "roster": len(df),
        "reference": len(valid) + invalid,
        "both": len(both),
        "only_roster": len(df) - len(both),
        "only_reference": len(valid) - len(both),
        "reference_not_hardship": len(both) - in_both_hard,
        "hardship_not_in_reference": int(hard.sum()) - in_both_hard,
        "disagreements": {k: int(v) for k, v in dis.items()},
        "invalid_ids": {"roster": 0, "reference": invalid},
    }


def dibao_reference(df: pd.DataFrame | None = None) -> tuple[bytes, dict]:
    """The 低保 list as GBK CSV bytes (CRLF) and its expected match figures (the JSON of docs/match.md).

    ``df`` is the survey frame the list is drawn from (default ``survey_frame()``).
    """
    df = survey_frame() if df is None else df
    recs = dibao_records(df)
    rows = [[DIBAO_TITLE], DIBAO_HEADER, *dibao_cells(recs), DIBAO_FOOTER]
    data = text_bytes(rows, encoding="gb18030", newline="\r\n")
    assert data.decode("gb18030").encode("gbk") == data  # only GBK characters
    return data, dibao_expected(df, recs)


def make_dibao_reference() -> dict:
    """Write samples/dibao-reference.csv and samples/dibao-reference.expected.json."""
    data, expected = dibao_reference()
    (SAMPLES / "dibao-reference.csv").write_bytes(data)
    # the planted figures, stated by role, must agree with the comparison above
    plan = DIBAO_PLAN
    shared = sum(k for role, k in plan.items() if role.startswith("shared"))
    assert expected["both"] == shared
    assert expected["only_reference"] == plan["only on the reference"]
    assert expected["invalid_ids"]["reference"] == 2
    assert expected["reference_not_hardship"] == 4
    assert expected["disagreements"] == {
        "name": 3,
        "household_size": 2,
        "household_income": 6,
        "per_capita": 6,
        "employer": 3,
    }, expected["disagreements"]
    dump_json(SAMPLES / "dibao-reference.expected.json", expected)
    return expected


# --------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", type=int, metavar="N", help="write an N-row survey-like CSV")
    parser.add_argument("--out", type=Path, help="where --big writes")
    parser.add_argument("--seed", type=int, default=2025, help="seed for --big and --monthly (default 2025)")
    parser.add_argument(
        "--monthly",
        action="store_true",
        help="write only the twelve monthly rosters and expected-flows.json (to --out, default samples/monthly)",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.monthly:
        out = args.out or MONTHLY
        expected = make_monthly(out, seed=args.seed)
        flows = expected["flows"]
        print(
            f"wrote 12 monthly rosters to {out} ({expected['months'][0]['workers']:,}–"
            f"{expected['months'][-1]['workers']:,} workers; {sum(f['entered'] for f in flows)} entered, "
            f"{sum(f['returned'] for f in flows)} returned, {sum(f['exited'] for f in flows)} exited, "
            f"{sum(f['left_roster'] for f in flows)} left the roster) in {time.perf_counter() - started:.1f} s"
        )
        return 0
    if args.big is not None:
        if args.out is None:
            parser.error("--big needs --out PATH")
        write_big_csv(args.big, args.out, seed=args.seed)
        print(f"wrote {args.big:,} rows to {args.out} in {time.perf_counter() - started:.1f} s")
        return 0
    SAMPLES.mkdir(exist_ok=True)
    survey = make_survey()
    messy = make_messy()
    manifest = make_fixtures()
    make_dibao_reference()
    __import__("archive_samples").main()  # samples/archive/: filed categories and exit after N months
    __import__("ledger_sample").main()  # samples/assist-ledger.xlsx and its expected figures
    __import__("household_samples").main()  # samples/household/: a 家庭成员 sheet and its expected figures
    __import__("office_vocab").main()  # tests/fixtures/office-*: footers, vocabularies, mangled IDs
    __import__("office_layouts").main()  # tests/fixtures/office-*: merged cells, header blocks, sheets
    __import__("hostile_files").main()  # tests/hostile/: files made to break readers
    print(
        f"survey: {survey['workers']:,} workers, {survey['hardship']:,} hardship, "
        f"{survey['extreme']:,} extreme; messy: {messy['workers']} workers, "
        f"{len(messy['findings'])} findings; {len(manifest)} fixtures; "
        f"{time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
