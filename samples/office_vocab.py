"""Fixtures: office rows that are not workers, wider vocabularies, and IDs Excel mangled.

Writes into ``tests/fixtures/``:

- ``office-footers-and-notes.xlsx``: 小计 and 合计 rows with a count in the name column,
  note rows in the middle of the data (注：…, 备注： | 以下为新增人员), footers spread over
  cells (填表人： | 张晓红 | 审核人： | 李四), and a row with only a name (still a worker);
- ``office-codes-and-causes.csv``: GB/T 4658-2006 education codes (and a 1984 one),
  wordings that name a level (中等专科 is 中专, never 大专), the archive form's cause
  codes and names, and free-text causes (尿毒症, 孩子读书, 车祸 …);
- ``office-ids-mangled.xlsx``: every ID stored as a number, as a workbook comes back
  from a LibreOffice round trip, with one worker entered twice;
- ``office-ids-mangled-libreoffice.csv``: the same roster as LibreOffice exports it
  (9.90101197503081E+017);
- ``office-vocab.expected.json``: the figures, findings and texts each must give,
  computed here from the planted rows (each row says what it is), never by jiekun.

Run by ``samples/make_samples.py``; alone: ``python samples/office_vocab.py``.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from fractions import Fraction
from pathlib import Path

import pandas as pd
import xlsxwriter

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_samples import AS_OF, FIXED_TIME, FIXTURES, id_valid, make_id, tally, tier_of
from make_samples import STD_HEADER as HEADER

#: A survey word naming each bucket / cause key, so the shared independent tally counts the truth.
BUCKET_WORD = {"junior_or_below": "初中", "senior_high": "高中", "college_or_above": "大专", "unknown": ""}
CAUSE_WORD = {
    "closure": "企业停产半停产", "layoff": "下岗失业", "schooling": "子女上学", "single_parent": "单亲家庭",
    "illness": "患大病", "disability": "因残", "no_work_capacity": "无劳动能力", "accident": "意外致困",
    "other": "其他",
}  # fmt: skip
ERRORS = {"income_missing", "size_missing", "id_lost_digits", "duplicate_id"}


def person(k: int, *, male: bool | None = None) -> dict:
    """Synthetic worker ``k``: name, ID (area 9901xx), gender, birth."""
    male = k % 2 == 0 if male is None else male
    birth = date(1966 + (k * 5) % 27, 1 + (k * 7) % 12, 1 + (k * 11) % 28)
    name = (
        "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨"[k % 16]
        + "伟芳强敏军静磊丽勇艳杰娟"[(k * 5) % 12]
        + "国华明英"[k % 4]
    )
    return {
        "name": name,
        "id": make_id(990101 + k % 9, birth, male, seq0=101 + 2 * k),
        "male": male,
        "birth": birth,
    }


def cells(no, p: dict, edu: str, size, income, cause: str = "", idv=None) -> list:
    return [no, p["name"], p["id"] if idv is None else idv, "男" if p["male"] else "女",
            p["birth"].isoformat(), edu, "示例机械厂", size, income, cause]  # fmt: skip


def truth(p: dict, size, income, bucket: str, causes: tuple[str, ...] = ()) -> dict:
    pc = None if size in ("", None) or income in ("", None) else Fraction(str(income)) / int(size)
    return {
        "tier": tier_of(pc),
        "gender": "男" if p["male"] else "女",
        "birth": pd.Timestamp(p["birth"]),
        "education": BUCKET_WORD[bucket],
        "cause": "、".join(CAUSE_WORD[c] for c in causes),
    }


def expected(why: str, rows: list[dict], first_row: int, sheet: str | None) -> dict:
    """The manifest entry of planted ``rows`` (each: cells, kind, truth, findings, text)."""
    findings = sorted([first_row + i, code] for i, r in enumerate(rows) for code in r.get("findings", ()))
    workers = [r["truth"] for r in rows if r["kind"] == "worker"]
    t = tally(pd.DataFrame(workers, columns=["tier", "gender", "birth", "education", "cause"]))
    errors = sum(code in ERRORS for _, code in findings)
    return {
        "why": why,
        "sheet": sheet,
        "as_of": AS_OF.isoformat(),
        "rows_read": len(rows),
        "workers": len(workers),
        "duplicates": sum(r["kind"] == "duplicate" for r in rows),
        "non_worker_rows": sum(r["kind"] in ("blank", "total", "footer") for r in rows),
        "hardship": t["hardship"],
        "extreme": t["extreme"],
        "undetermined": t["undetermined"],
        "findings": findings,
        "problems": {"error": errors, "warning": len(findings) - errors},
        "non_worker_text": [[first_row + i, r["text"]] for i, r in enumerate(rows) if "text" in r],
        "messages": [[first_row + i, *m] for i, r in enumerate(rows) for m in r.get("messages", ())],
        "by_education": t["by_education"],
        "by_cause": t["by_cause"],
    }


def worker_row(c: list, t: dict, *findings: str, messages=()) -> dict:
    return {"cells": c, "kind": "worker", "truth": t, "findings": findings, "messages": messages}


def other_row(c: list, kind: str) -> dict:
    """A non-worker row; its text is its non-empty cells joined by " | "."""
    return {"cells": c, "kind": kind, "text": " | ".join(str(v) for v in c if str(v).strip())}


def _write_xlsx(path: Path, rows: list[dict], title: str | None = None) -> None:
    """One sheet 花名册: an optional title row, the header, the rows (numbers as number cells)."""
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"created": FIXED_TIME})
    ws = wb.add_worksheet("花名册")
    top = 0
    if title:
        ws.write_string(0, 0, title)
        top = 1
    for r, values in enumerate([HEADER] + [row["cells"] for row in rows], start=top):
        for c, v in enumerate(values):
            if isinstance(v, int | float) and not isinstance(v, bool):
                ws.write_number(r, c, v)
            elif v not in ("", None):
                ws.write_string(r, c, str(v))
    wb.close()


def _write_csv(path: Path, rows: list[dict], encoding: str) -> None:
    text = "\n".join(",".join(map(str, r)) for r in [HEADER] + [row["cells"] for row in rows]) + "\n"
    path.write_bytes(text.encode(encoding))


# ------------------------------------------------------------------ footers, notes, totals


def footers_and_notes(out: Path) -> dict:
    name = "office-footers-and-notes.xlsx"
    ps = [person(k) for k in range(7)]
    plan = [("初中", 3, 690), ("高中", 2, 500), ("大专", 4, 1200), ("小学", 1, 240)]
    rows = []
    for i, (edu, size, income) in enumerate(plan):
        bucket = {
            "初中": "junior_or_below",
            "高中": "senior_high",
            "大专": "college_or_above",
            "小学": "junior_or_below",
        }[edu]
        rows.append(worker_row(cells(i + 1, ps[i], edu, size, income), truth(ps[i], size, income, bucket)))
    rows.append(other_row(["小计", "4人", "", "", "", "", "", 10, 2630, ""], "total"))
    rows.append(other_row(["注：王某家庭收入含低保金"], "footer"))
    rows.append(other_row(["备注：", "以下为新增人员"], "footer"))
    for i, (edu, size, income) in enumerate([("中专", 3, 840), ("初中", 2, 1000), ("本科", 3, 735)], start=4):
        bucket = {"中专": "senior_high", "初中": "junior_or_below", "本科": "college_or_above"}[edu]
        rows.append(worker_row(cells(i + 1, ps[i], edu, size, income), truth(ps[i], size, income, bucket)))
    only_name = ["8", "孙丽英"] + [""] * 8  # a name and nothing else: still a worker, undetermined
    rows.append(worker_row(only_name, {"tier": "undetermined", "gender": "", "birth": pd.NaT, "education": "", "cause": ""},
                           "id_missing", "income_missing", "size_missing", "age_unknown", "gender_unknown"))  # fmt: skip
    rows.append(other_row(["合计", "8人", "", "", "", "", "", 18, 5205, ""], "total"))
    rows.append(
        other_row(["填表人：", "张晓红", "审核人：", "李四", "", "填报日期：", "2025年12月31日"], "footer")
    )
    rows.append(
        other_row(["单位负责人：", "王五", "", "", "", "", "", "", "", "联系电话：13800000000"], "footer")
    )
    _write_xlsx(out / name, rows, title="示例区困难职工花名册")
    why = (
        "小计/合计 rows with a count in the name column, 注：/备注： note rows mid-data, footers spread "
        "over cells (填表人： | 张晓红 | 审核人： | 李四; 单位负责人： | 王五): non-worker rows; 孙丽英 "
        "with only a name is a worker (无法判定)"
    )
    return {name: expected(why, rows, 3, "花名册")}


# ------------------------------------------------------------------ codes, wordings, causes


#: (education as written, its bucket, cause as written, its cause keys, household size, income)
CODES_AND_CAUSES = [
    ("41", "senior_high", "6", ("illness",), 3, 690),  # 41 中等专科毕业; archive code 6 患重特大疾病
    ("71", "junior_or_below", "3、9", ("layoff", "schooling"), 2, 480),
    ("21", "college_or_above", "有劳动能力而未就业", ("layoff",), 4, 1100),
    ("61", "senior_high", "患重特大疾病", ("illness",), 3, 735),
    ("81", "junior_or_below", "遭受意外事故", ("accident",), 1, 245),
    ("47", "senior_high", "遭受自然灾害", ("accident",), 2, 560),
    ("31", "college_or_above", "未参加社会保险", ("other",), 3, 900),
    ("90", "unknown", "社会保险待遇落实不到位", ("other",), 2, 1500),  # 90 其他: 未知, no warning
    ("50", "senior_high", "1", ("no_work_capacity",), 2, 500),  # 50: 技工学校 (GB 4658-84)
    ("中等专科", "senior_high", "10", ("other",), 3, 600),  # a secondary level, never 大专
    ("初级中学", "junior_or_below", "丈夫患尿毒症长期透析", ("illness",), 4, 980),
    ("技工学校", "senior_high", "孩子读书", ("schooling",), 3, 840),
    ("职业高中", "senior_high", "车祸", ("accident",), 2, 1200),
    ("大学专科", "college_or_above", "女儿上大学学费高", ("schooling",), 3, 810),
    ("普通高级中学", "senior_high", "交通事故致残", ("accident", "disability"), 1, 230),
    ("中等专科毕业", "senior_high", "企业破产", ("closure",), 2, 470),
    ("初级中学毕业", "junior_or_below", "妻子患癌症，儿子上学", ("illness", "schooling"), 4, 1000),
    ("夜校", "unknown", "买彩票", ("other",), 2, 520),  # both unknown: warnings naming the section
]


def codes_and_causes(out: Path) -> dict:
    name = "office-codes-and-causes.csv"
    rows = []
    for i, (edu, bucket, cause, keys, size, income) in enumerate(CODES_AND_CAUSES):
        p = person(20 + i)
        findings, messages = [], []
        if edu == "夜校":
            findings = ["education_unknown", "cause_unknown"]
            messages = [
                ("education_unknown", "[education]"),
                ("education_unknown", '"夜校" = "'),
                ("cause_unknown", "[causes]"),
                ("cause_unknown", '"买彩票" = "other"'),
            ]
        rows.append(worker_row(cells(i + 1, p, edu, size, income, cause), truth(p, size, income, bucket, keys),
                               *findings, messages=messages))  # fmt: skip
    _write_csv(out / name, rows, "utf-8-sig")
    why = (
        "GB/T 4658-2006 codes (41 中等专科毕业 … 90 其他 → 未知 without a warning, 50 from 1984), wordings "
        "(中等专科 → 高中(含中专), never 大专), the archive form's cause codes (6, 3、9, 1, 10) and names, "
        "free text (尿毒症, 孩子读书, 车祸, 交通事故致残 → 意外 + 因残); 夜校 and 买彩票 are unknown"
    )
    return {name: expected(why, rows, 2, None)}


# ------------------------------------------------------------------ IDs Excel stored as numbers


def mangled_people() -> list[tuple[dict, int, int]]:
    """(person, household size, income) of the mangled-ID roster; row 7 repeats row 2's worker."""

    def numeric(p: dict) -> bool:  # a number cell cannot hold an X; its truncation must fail the check
        return not p["id"].endswith("X") and not id_valid(p["id"][:15] + "000")

    pool = [p for p in map(person, range(40, 80)) if numeric(p)]
    base = [
        (pool[k], size, income) for k, (size, income) in enumerate([(3, 690), (2, 540), (4, 1500), (1, 250)])
    ]
    twin = {**pool[4], "name": pool[0]["name"], "male": pool[0]["male"]}  # same name, another birth date
    assert twin["birth"] != pool[0]["birth"]
    return [*base, (twin, 2, 400), base[0]]


def ids_mangled(out: Path) -> dict:
    people = mangled_people()
    rows_xlsx, rows_csv = [], []
    for i, (p, size, income) in enumerate(people):
        findings = ["id_lost_digits"] + (["possible_duplicate"] if i == 5 else [])
        messages = [("possible_duplicate", "第 2 行")] if i == 5 else []
        t = truth(p, size, income, "junior_or_below")
        rows_xlsx.append(
            worker_row(
                cells(i + 1, p, "初中", size, income, idv=float(p["id"])), t, *findings, messages=messages
            )
        )
        sci = f"{float(p['id'][:15] + '000'):.14E}".replace("E+", "E+0")  # LibreOffice: 9.90101197503081E+017
        rows_csv.append(
            worker_row(cells(i + 1, p, "初中", size, income, idv=sci), t, *findings, messages=messages)
        )
    xlsx = "office-ids-mangled.xlsx"
    _write_xlsx(out / xlsx, rows_xlsx)
    csv = "office-ids-mangled-libreoffice.csv"
    _write_csv(out / csv, rows_csv, "utf-8")
    why = (
        "every ID a number cell (a LibreOffice round trip), or as LibreOffice exports it (…E+017): each is "
        "an error (lost digits); row 7 is row 2's worker again: a possible duplicate (same name, gender, "
        "birth date), counted twice and listed; row 6 shares only the name"
    )
    return {xlsx: expected(why, rows_xlsx, 2, "花名册"), csv: expected(why, rows_csv, 2, None)}


def main(out: Path = FIXTURES) -> dict:
    """Write the fixtures and office-vocab.expected.json; return the manifest."""
    out.mkdir(parents=True, exist_ok=True)
    manifest = {**footers_and_notes(out), **codes_and_causes(out), **ids_mangled(out)}
    for name, e in manifest.items():
        assert e["rows_read"] == e["workers"] + e["duplicates"] + e["non_worker_rows"], name
    (out / "office-vocab.expected.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return manifest


if __name__ == "__main__":
    m = main()
    print(f"wrote {len(m)} office-vocabulary fixtures to {FIXTURES}")
