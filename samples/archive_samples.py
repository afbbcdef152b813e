"""Write the archive samples: rosters with a filed category (复核) and a monthly series for exit after N months.

Run from the repository root::

    python samples/archive_samples.py

writes, under ``samples/archive/``:

- ``filed-roster.xlsx`` (survey profile, 245/280) and ``filed-roster-dibao.csv``
  (低保 930: 深度困难 ≤ 930, 相对困难 ≤ 1860), each with a 困难类别 column with
  planted 符合, 应调整 (both ways), 应退出, 未建档, 意外致困 (above and below the
  line), a value outside the vocabulary and a worker whose income is blank;
- ``monthly/2025-01.csv … 2025-12.csv``: a series in which some workers rise above
  the line for fewer than six months and fall back, others for six or more;
- ``exit-after-6.toml``: a rules file with ``exit_after_months = 6``;
- ``expected.json``: the review counts and lists of both rosters and the flows of
  the series with ``exit_after_months = 6`` (``on_watch`` included), worked out
  here from the plan with plain Python, not with jiekun.

Every record is synthetic (area codes 99xxxx).
"""

from __future__ import annotations

import json
import random
from datetime import datetime
from fractions import Fraction
from pathlib import Path

import xlsxwriter

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "samples" / "archive"
SEED = 14
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"
HEADER = ["姓名", "身份证号", "性别", "出生日期", "文化程度", "工作单位", "家庭人口", "家庭月收入", "致困原因",
          "困难类别"]  # fmt: skip
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰"
EMPLOYERS = ["示例纺织厂", "示例机械厂", "示例商贸公司", "示例食品厂"]
EXIT_AFTER = 6


def make_id(area: int, birth: str, seq: int, male: bool) -> str:
    """A synthetic 18-digit ID with a valid check digit (area 99xxxx)."""
    s = seq * 2 + (1 if male else 0)
    body = f"{area}{birth}{s % 1000:03d}"
    return body + CHECK[sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11]


# ------------------------------------------------------------------ review rosters

#: role → (how many, household size, income in yuan per capita, filed category) per profile.
SURVEY_PLAN = [
    ("agree extreme", 12, 2, 230, "特困"),
    ("agree hardship", 15, 3, 270, "困难"),
    ("agree, tier name", 3, 1, 240, "特困职工"),
    ("adjust 困难 → 特困", 6, 2, 240, "困难"),
    ("adjust 特困 → 困难", 5, 3, 260, "特困"),
    ("exit", 9, 2, 400, "困难"),
    ("exit on the line + 0.01", 2, 1, "280.01", "特困"),
    ("unfiled", 7, 4, 250, ""),
    ("accident above the line", 3, 3, 600, "意外致困"),
    ("accident below the line", 2, 2, 200, "意外致困"),
    ("unknown value", 2, 2, 260, "一般户"),
    ("income blank", 1, 2, None, "困难"),
    ("not in hardship, not filed", 40, 3, 900, ""),
]
DIBAO_PLAN = [
    ("agree deep", 8, 2, 900, "深度困难"),
    ("agree relative", 10, 3, 1500, "相对困难"),
    ("agree, survey words", 2, 2, 1800, "困难"),
    ("adjust 相对 → 深度", 4, 2, 800, "相对困难"),
    ("adjust 深度 → 相对", 3, 1, 1200, "深度困难"),
    ("exit", 6, 3, 2000, "相对困难"),
    ("unfiled", 5, 2, 1000, ""),
    ("accident above the line", 2, 2, 2500, "意外致困"),
    ("unknown value", 1, 1, 1000, "低保户"),
    ("not in hardship, not filed", 20, 2, 3000, ""),
]
SURVEY_BOUNDS, DIBAO_BOUNDS = (245, 280), (930, 1860)
TIER_NAMES = {"survey": ("特困职工", "困难职工"), "dibao": ("深度困难", "相对困难")}
VOCAB = {"深度困难": 0, "特困": 0, "相对困难": 1, "困难": 1, "特困职工": 0, "困难职工": 1}


def roster_rows(plan, area: int, rng: random.Random) -> list[dict]:
    rows = []
    for role, count, size, pc, filed in plan:
        for _ in range(count):
            k = len(rows) + 1
            male = rng.random() < 0.5
            birth = f"{rng.randint(1966, 1995)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
            income = None if pc is None else Fraction(str(pc)) * size
            rows.append({"role": role, "name": SURNAMES[k % len(SURNAMES)] + GIVEN[(k * 7) % len(GIVEN)] + str(k),
                         "id": make_id(area, birth, k, male), "male": male, "birth": birth,
                         "employer": EMPLOYERS[k % len(EMPLOYERS)], "size": size, "income": income,
                         "filed": filed, "row": 0})  # fmt: skip
    rng.shuffle(rows)
    for i, r in enumerate(rows):
        r["row"] = i + 2  # the header is row 1
    return rows


def money(x: Fraction | None) -> str:
    return "" if x is None else (f"{float(x):.2f}".rstrip("0").rstrip("."))


def cells(r: dict) -> list:
    return [r["name"], r["id"], "男" if r["male"] else "女", f"{r['birth'][:4]}-{r['birth'][4:6]}-{r['birth'][6:]}",
            "初中", r["employer"], r["size"], money(r["income"]), "下岗", r["filed"]]  # fmt: skip


def review_expected(rows: list[dict], bounds: tuple[int, int], profile: str) -> dict:
    """The ``review`` object and the list, from the plan (tiers exact, with fractions)."""
    names = TIER_NAMES[profile]
    out = {k: 0 for k in ("filed", "agree", "adjust", "exit", "unfiled", "accident")}
    listed = []
    for r in sorted(rows, key=lambda r: r["row"]):
        if r["income"] is None:
            tier = None
        else:
            pc = r["income"] / r["size"]
            tier = 0 if pc <= bounds[0] else 1 if pc <= bounds[1] else 2
        f = r["filed"]
        if f == "意外致困":
            status = "accident"
        elif f == "":
            status = "unfiled" if tier in (0, 1) else None
        elif f not in VOCAB:
            status = "unknown"
        elif tier is None:
            status = "undetermined"
        else:
            status = "agree" if tier == VOCAB[f] else "exit" if tier == 2 else "adjust"
        if status in out:
            out[status] += 1
        if status:
            computed = None if tier is None else (names[tier] if tier < 2 else "非困难")
            listed.append(
                {"row": r["row"], "name": r["name"], "status": status, "filed": f, "computed": computed}
            )
    out["filed"] = out["agree"] + out["adjust"] + out["exit"] + out["accident"]
    return {"review": out, "list": listed}


def write_xlsx(path: Path, rows: list[dict]) -> None:
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"created": datetime(2025, 12, 31, 9, 0, 0)})  # reproducible bytes
    ws = wb.add_worksheet("花名册")
    text = wb.add_format({"num_format": "@"})
    for j, h in enumerate(HEADER):
        ws.write_string(0, j, h)
    for i, r in enumerate(sorted(rows, key=lambda r: r["row"]), 1):
        for j, v in enumerate(cells(r)):
            if isinstance(v, int):
                ws.write_number(i, j, v)
            else:
                ws.write_string(i, j, str(v), text if j == 1 else None)
    wb.close()


def write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    lines = [",".join(header)] + [",".join(str(v) for v in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# ------------------------------------------------------------------ the monthly series

MONTHS = [f"2025-{m:02d}" for m in range(1, 13)]
#: Hand-written years (E extreme, H hardship, N above the line, - off the roster), each for a few workers.
STORIES = {
    "short exit, back after 3": ("H", "H", "N", "N", "N", "H", "H", "H", "H", "H", "H", "H"),
    "short exit, back after 5": ("E", "N", "N", "N", "N", "N", "E", "E", "H", "H", "H", "H"),
    "exit at 6": ("H", "N", "N", "N", "N", "N", "N", "N", "N", "N", "N", "N"),
    "exit at 6, then back": ("H", "H", "N", "N", "N", "N", "N", "N", "N", "H", "H", "H"),
    "two short exits": ("H", "N", "N", "H", "N", "N", "N", "N", "H", "H", "E", "E"),
    "on watch at the end": ("H", "H", "H", "H", "H", "H", "H", "H", "N", "N", "N", "N"),
    "left while on watch": ("H", "N", "N", "-", "-", "-", "-", "-", "-", "-", "-", "-"),
    "new in May": ("-", "-", "-", "-", "E", "E", "E", "H", "H", "H", "H", "H"),
    "never": ("N",) * 12,
}


def series_people(rng: random.Random) -> list[dict]:
    people = []
    for story, plan in STORIES.items():
        for _ in range(3):
            people.append({"story": story, "plan": plan})
    for _ in range(60):  # random walkers: mostly stay where they are
        s, plan = rng.choice("EHNNN"), []
        for _ in MONTHS:
            if rng.random() < 0.18:
                s = rng.choice("EHN-")
            plan.append(s)
        people.append({"story": "random", "plan": tuple(plan)})
    for k, p in enumerate(people, 1):
        male = k % 2 == 0
        birth = f"{1970 + k % 25}{k % 12 + 1:02d}{k % 27 + 1:02d}"
        p.update(name=SURNAMES[k % len(SURNAMES)] + GIVEN[(k * 5) % len(GIVEN)] + f"{k}号", id=make_id(990202, birth, k, male),
                 male=male, birth=birth, employer=EMPLOYERS[k % len(EMPLOYERS)])  # fmt: skip
    return people


def income_of(code: str, rng: random.Random) -> int:
    return {"E": rng.randint(150, 245), "H": rng.randint(246, 280), "N": rng.randint(281, 2000)}[code]


def simulate(people: list[dict], exit_after: int) -> list[dict]:
    """The flows of the series by the definitions of docs/flows.md, person by person, in plain Python."""
    keys = (
        "entered",
        "returned",
        "exited",
        "left_roster",
        "stayed",
        "worsened",
        "eased",
        "untracked",
        "on_watch",
    )
    watch: dict[str, int] = {}  # id → months above the line so far
    earlier: set[str] = set()  # in H in some month before t−1
    flows = []
    for t in range(1, len(MONTHS)):
        c = dict.fromkeys(keys, 0)
        for p in people:
            sp, sc, pid = p["plan"][t - 1], p["plan"][t], p["id"]
            hb, wb = sp in "EH" and sp != "-", pid in watch
            if hb or wb:
                if sc in ("E", "H"):
                    c["stayed"] += 1
                    c["worsened"] += sp == "H" and sc == "E"
                    c["eased"] += sp == "E" and sc == "H"
                    watch.pop(pid, None)
                elif sc == "N":
                    run = watch.get(pid, 0) + 1
                    if run >= exit_after:
                        c["exited"] += 1
                        watch.pop(pid, None)
                    else:
                        c["stayed"] += 1
                        c["on_watch"] += 1
                        watch[pid] = run
                else:
                    c["left_roster"] += 1
                    watch.pop(pid, None)
            elif sc in ("E", "H"):
                c["returned" if pid in earlier else "entered"] += 1
            if hb:
                earlier.add(pid)
        flows.append({"from": MONTHS[t - 1], "to": MONTHS[t], **c})
    return flows


def main() -> int:
    rng = random.Random(SEED)
    OUT.mkdir(parents=True, exist_ok=True)
    survey = roster_rows(SURVEY_PLAN, 990301, rng)
    write_xlsx(OUT / "filed-roster.xlsx", survey)
    dibao = roster_rows(DIBAO_PLAN, 990302, rng)
    write_csv(
        OUT / "filed-roster-dibao.csv", HEADER, [cells(r) for r in sorted(dibao, key=lambda r: r["row"])]
    )
    people = series_people(rng)
    folder = OUT / "monthly"
    folder.mkdir(exist_ok=True)
    for t, month in enumerate(MONTHS):
        rows = [[p["name"], p["id"], "男" if p["male"] else "女", "", "初中", p["employer"], 1,
                 income_of(p["plan"][t], rng), "下岗"] for p in people if p["plan"][t] != "-"]  # fmt: skip
        write_csv(folder / f"{month}.csv", HEADER[:-1], rows)
    (OUT / "exit-after-6.toml").write_text(
        "# 脱困观察期：连续 6 个月高于困难线才算脱困\nexit_after_months = 6\n", encoding="utf-8"
    )
    stories = {s: [p["id"] for p in people if p["story"] == s] for s in STORIES}
    expected = {
        "survey": review_expected(survey, SURVEY_BOUNDS, "survey"),
        "dibao": {"dibao": 930, **review_expected(dibao, DIBAO_BOUNDS, "dibao")},
        "monthly": {
            "exit_after_months": EXIT_AFTER,
            "flows": simulate(people, EXIT_AFTER),
            "flows_one_month": simulate(people, 1),
            "stories": stories,
        },
    }
    text = json.dumps(expected, ensure_ascii=False, indent=1)
    (OUT / "expected.json").write_text(text + "\n", encoding="utf-8")
    s, d = expected["survey"]["review"], expected["dibao"]["review"]
    print(f"archive: survey review {s}; dibao review {d}; {len(people)} workers over {len(MONTHS)} months")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
