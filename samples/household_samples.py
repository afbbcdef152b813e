"""Write the household-member samples: a roster workbook with a 家庭成员 sheet, and the same as two files.

Run from the repository root::

    python samples/household_samples.py

writes, under ``samples/household/``:

- ``household-roster.xlsx``: a 花名册 sheet (家庭人口, 家庭月收入 and 本人月收入 stated) and
  a 家庭成员 sheet. Most households agree; planted: a stated size that differs, a
  stated income that differs by more than 1 yuan (and one by exactly 1 yuan, which is
  not reported), a worker with no members (stated totals stand), a member keyed by the
  15-digit form of the worker's ID, a member with only 年收入, a member listed under two
  workers, a member who is a worker of the roster, an orphan member (no such worker);
- ``roster-only.csv`` and ``members.csv``: the same two sheets as separate files (for
  ``--members``);
- ``expected.json``: the derived size, income and tier of every worker, the headline
  counts, the members in school / with 大病·残疾 and the problem rows by code, worked out
  here from the plan with plain Python (``fractions``), not with jiekun.

Every record is synthetic (area codes 99xxxx).
"""

from __future__ import annotations

import csv
import json
from datetime import datetime
from fractions import Fraction
from pathlib import Path

import xlsxwriter

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "samples" / "household"
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"
ROSTER_HEADER = ["姓名", "身份证号", "性别", "家庭人口", "家庭月收入", "本人月收入", "致困原因"]
MEMBER_HEADER = [
    "职工身份证号",
    "姓名",
    "与职工关系",
    "身份证号",
    "月收入",
    "年收入",
    "健康状况",
    "就业/就学状况",
]
EXTREME, HARDSHIP = Fraction(245), Fraction(280)


def make_id(birth: str, seq: int, male: bool, area: str = "990102") -> str:
    """A synthetic 18-digit ID with a valid check digit (area 99xxxx)."""
    body = f"{area}{birth}{(seq * 2 + male) % 1000:03d}"
    return body + CHECK[sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11]


def legacy15(id18: str) -> str:
    return id18[:6] + id18[8:17]


# (name, birth, male, own income, cause, members, stated size offset, stated income offset)
# members: (name, relation, birth, male, monthly, annual, health, status)
PLAN = [
    (
        "赵伟",
        "19750308",
        1,
        600,
        "子女上学",
        [
            ("钱芳", "配偶", "19770512", 0, 300, None, "健康", "务工"),
            ("赵明", "子女", "20100101", 1, None, None, "健康", "在校学生"),
        ],
        0,
        0,
    ),
    (
        "孙丽",
        "19800214",
        0,
        500,
        "患大病",
        [("李强", "配偶", "19790303", 1, None, None, "大病", "无业")],
        0,
        0,
    ),
    (
        "周杰",
        "19780909",
        1,
        700,
        "",
        [
            ("吴娟", "配偶", "19800101", 0, 400, None, "健康", "务工"),
            ("周洋", "子女", "20120606", 1, None, None, "健康", "小学在读"),
        ],
        0,
        0,
    ),
    ("郑敏", "19850505", 0, 450, "残疾", [("王勇", "配偶", "19840404", 1, None, 2400, "残疾", "无业")], 0, 0),
    ("冯涛", "19700707", 1, 800, "", [("陈霞", "配偶", "19720808", 0, 200, None, "健康", "务工")], 0, 0),
    ("褚平", "19690202", 1, 300, "", [("卫兰", "配偶", "19700303", 0, 0, None, "健康", "无业")], 0, 0),
    ("蒋刚", "19720101", 1, 400, "", [("沈英", "配偶", "19730202", 0, 100, None, "健康", "务工")], 1, 0),
    ("韩华", "19810606", 0, 500, "", [("杨玉", "母亲", "19500505", 0, 200, None, "健康", "退休")], 0, 30),
    ("朱超", "19830303", 1, 300, "", [("秦桂", "配偶", "19840404", 0, 240, None, "健康", "务工")], 0, 1),
    ("尤磊", "19760404", 1, 900, "", [], 0, 0),
    ("许娜", "19880808", 0, 2000, "", [], 0, 0),
]
#: Which planted rows share members: (worker index, member index) pairs reused elsewhere.
TWICE = (0, 0)  # 钱芳 (worker 0's spouse) is also listed under worker 2
AS_WORKER = 10  # worker 10 (许娜) is also listed as a member of worker 4
LEGACY = 4  # worker 4's members name the worker by the 15-digit ID
ORPHAN_KEY = make_id("19600101", 499, True)  # no such worker


def build():
    """Roster rows, member rows and the expected object, from the plan."""
    ids = [make_id(w[1], i + 1, bool(w[2])) for i, w in enumerate(PLAN)]
    roster, members, expected = [], [], {"workers": []}
    member_rows: dict[int, list[int]] = {i: [] for i in range(len(PLAN))}
    problems: dict[str, list] = {k: [] for k in ("household_size_mismatch", "household_income_mismatch",
                                                 "member_in_two_households", "member_is_worker",
                                                 "member_no_worker")}  # fmt: skip
    mids = {}
    for i, plan in enumerate(PLAN):
        mem = plan[5]
        key = legacy15(ids[i]) if i == LEGACY else ids[i]
        for j, (mn, rel, mb, mm, monthly, annual, health, status) in enumerate(mem):
            mids[(i, j)] = make_id(mb, 200 + i * 10 + j, bool(mm))
            members.append([key, mn, rel, mids[(i, j)], monthly, annual, health, status])
            member_rows[i].append(len(members) + 1)
    # planted: a member listed under a second worker, a worker as a member, an orphan
    shared = list(members[member_rows[TWICE[0]][TWICE[1]] - 2])
    shared[0] = ids[2]
    members.append(shared)
    member_rows[2].append(len(members) + 1)
    problems["member_in_two_households"] = [member_rows[TWICE[0]][TWICE[1]], len(members) + 1]
    w = PLAN[AS_WORKER]
    members.append([legacy15(ids[LEGACY]), w[0], "亲属", ids[AS_WORKER], 2000, None, "健康", "务工"])
    member_rows[LEGACY].append(len(members) + 1)
    problems["member_is_worker"] = [len(members) + 1]
    members.append([ORPHAN_KEY, "何秀", "配偶", make_id("19620202", 498, False), 100, None, "健康", "务工"])
    problems["member_no_worker"] = [len(members) + 1]

    in_school = ill = 0
    for i, (name, _birth, male, own, cause, _mem, dsize, dinc) in enumerate(PLAN):
        rows = [members[r - 2] for r in member_rows[i]]
        yearly = 12 * Fraction(own) + sum(12 * Fraction(m[4]) if m[4] is not None else Fraction(m[5] or 0)
                                          for m in rows)  # fmt: skip
        size = 1 + len(rows)
        monthly = yearly / 12
        stated_size, stated_income = size + dsize, monthly + dinc
        if not rows:  # no members: the stated totals stand
            stated_size, stated_income = 2, Fraction(500)
            size, monthly = stated_size, stated_income
        per = monthly / size
        tier = "extreme" if per <= EXTREME else "hardship" if per <= HARDSHIP else "none"
        row = len(roster) + 2
        if rows and dsize:
            problems["household_size_mismatch"].append(row)
        if rows and abs(stated_income - monthly) > 1:
            problems["household_income_mismatch"].append(row)
        in_school += sum(("在" in m[7] and "学" in m[7]) or "在读" in m[7] for m in rows)
        ill += sum(m[6] in ("大病", "残疾") for m in rows)
        roster.append([name, ids[i], "男" if male else "女", stated_size, _num(stated_income), own, cause])
        expected["workers"].append({"row": row, "id": ids[i], "size": size, "income": _num(monthly),
                                    "per_capita": f"{float(per):.2f}", "tier": tier})  # fmt: skip
    tiers = [w["tier"] for w in expected["workers"]]
    expected.update(
        hardship=sum(t != "none" for t in tiers),
        extreme=tiers.count("extreme"),
        household={
            "members": len(members) - 1,
            "households": sum(1 for r in member_rows.values() if r),
            "in_school": in_school,
            "ill_or_disabled": ill,
        },
        problems=problems,
        member_sheet="家庭成员",
    )
    return roster, members, expected


def _num(x: Fraction):
    return int(x) if x.denominator == 1 else float(x)


def write(roster, members, expected) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(OUT / "household-roster.xlsx"))
    wb.set_properties({"created": datetime(2025, 12, 31, 9, 0, 0)})  # reproducible bytes
    for name, header, rows in (("花名册", ROSTER_HEADER, roster), ("家庭成员", MEMBER_HEADER, members)):
        ws = wb.add_worksheet(name)
        ws.write_row(0, 0, header)
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row):
                if v is None:
                    continue
                ws.write_string(r, c, v) if isinstance(v, str) else ws.write_number(r, c, v)
    wb.close()
    for name, header, rows in (
        ("roster-only.csv", ROSTER_HEADER, roster),
        ("members.csv", MEMBER_HEADER, members),
    ):
        with open(OUT / name, "w", newline="", encoding="utf-8-sig") as f:
            csv.writer(f).writerows([header, *[["" if v is None else v for v in row] for row in rows]])
    (OUT / "expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


def main() -> None:
    write(*build())


if __name__ == "__main__":
    main()
