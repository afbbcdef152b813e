"""Fixtures: the same synthetic workers laid out the way office spreadsheets really are.

Writes ``tests/fixtures/office-*.xlsx`` (merged 工作单位 blocks and a household's
merged 家庭人口/家庭月收入; a two-row and a three-row header block; one sheet per
单位 with an instructions sheet and a hidden sheet; formulas with and without
saved results), the same people as a flat CSV (``office-flat.csv``), and
``office-layouts.expected.json``: the headline figures and the merged-cell and
formula counts, computed here from the planted people, never by running jiekun.

Run by ``samples/make_samples.py``; alone: ``python samples/office_layouts.py``.
"""

from __future__ import annotations

import io
import json
import re
import sys
import zipfile
from datetime import date
from fractions import Fraction
from pathlib import Path

import pandas as pd
import xlsxwriter

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_samples import FIXED_TIME, FIXTURES, make_id, tally, tier_of

UNITS = ["示例机械厂", "示例纺织厂", "示例商贸公司"]
COLUMNS = [
    "姓名",
    "身份证号",
    "性别",
    "出生日期",
    "文化程度",
    "工作单位",
    "社区",
    "家庭人口",
    "家庭月收入",
    "致困原因",
]
HIDDEN = "旧名单"
INSTRUCTIONS = "填表说明"


def people() -> pd.DataFrame:
    """24 workers in three units; rows 2k and 2k+1 of a unit are sometimes spouses (one household)."""
    rows = []
    plan = [  # (unit, [(household size, household income, members who are workers)])
        (0, [(3, 700, 2), (4, 1200, 1), (2, 480, 2), (3, 2400, 1), (5, 1300, 2), (1, 260, 1)]),
        (1, [(3, 735, 2), (2, 600, 1), (4, 980, 2), (3, 840, 1), (2, 9000, 1), (3, 1000, 1)]),
        (2, [(4, 1100, 2), (2, 500, 1), (3, 600, 2), (1, 245, 1), (6, 2000, 1)]),
    ]
    edu = ["初中", "高中", "大专", "小学", "中专", "本科"]
    cause = ["下岗失业", "子女上学", "患大病", "企业停产半停产", "单亲家庭", ""]
    k = 0
    for unit, households in plan:
        for size, income, members in households:
            for m in range(members):
                male = (k + m) % 2 == 0
                birth = date(1968 + (k * 7) % 25, 1 + k % 12, 1 + (k * 5) % 27)
                rows.append(
                    {
                        "姓名": "王李张刘陈杨黄赵吴"[k % 9]
                        + "伟芳强敏军静磊丽勇"[(k * 4) % 9]
                        + "一二三"[k % 3],
                        "身份证号": make_id(990101 + unit, birth, male, seq0=101 + 2 * k),
                        "性别": "男" if male else "女",
                        "出生日期": birth.isoformat(),
                        "文化程度": edu[k % len(edu)],
                        "工作单位": UNITS[unit],
                        "社区": f"示例{'东西南'[unit]}社区",
                        "家庭人口": size,
                        "家庭月收入": income,
                        "致困原因": cause[k % len(cause)],
                    }
                )
                k += 1
    return pd.DataFrame(rows, columns=COLUMNS)


def expected_of(df: pd.DataFrame) -> dict:
    """Headline figures of a flat table of these people (no duplicates, every row a worker)."""
    tiers = [tier_of(Fraction(int(i), int(s))) for i, s in zip(df["家庭月收入"], df["家庭人口"], strict=True)]
    frame = pd.DataFrame(
        {
            "tier": tiers,
            "gender": df["性别"],
            "birth": df["出生日期"],
            "education": df["文化程度"],
            "cause": df["致困原因"],
        }
    )
    t = tally(frame)
    return {"rows_read": len(df), "workers": len(df), "duplicates": 0, **t}


def _blocks(values: pd.Series) -> list[tuple[int, int]]:
    """Runs of equal values, (first, last) positions."""
    out, start = [], 0
    for i in range(1, len(values) + 1):
        if i == len(values) or values.iloc[i] != values.iloc[start]:
            out.append((start, i - 1))
            start = i
    return out


def _book(path: Path) -> xlsxwriter.Workbook:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    wb.set_properties({"created": FIXED_TIME})
    return wb


def _write_rows(ws, df: pd.DataFrame, first: int, skip: set[tuple[int, int]] = frozenset()) -> None:
    for i, row in enumerate(df.itertuples(index=False)):
        for j, v in enumerate(row):
            if (i, j) not in skip:
                ws.write(first + i, j, v)


def merged_blocks(df: pd.DataFrame, path: Path) -> dict:
    """工作单位 merged over each unit's rows; spouses' 家庭人口 and 家庭月收入 merged over their two rows."""
    wb = _book(path)
    ws = wb.add_worksheet("花名册")
    ws.merge_range(0, 0, 0, len(COLUMNS) - 1, "示例区职工花名册（合并单元格）")
    ws.write_row(1, 0, COLUMNS)
    skip, filled = set(), {"工作单位": 0, "家庭人口": 0, "家庭月收入": 0}
    unit_col = COLUMNS.index("工作单位")
    for a, b in _blocks(df["工作单位"]):
        ws.merge_range(2 + a, unit_col, 2 + b, unit_col, df["工作单位"].iloc[a])
        skip |= {(i, unit_col) for i in range(a, b + 1)}
        filled["工作单位"] += b - a
    household = df["身份证号"].str[:6] + df["家庭人口"].astype(str) + df["家庭月收入"].astype(str)
    for a, b in _blocks(household):
        if b > a:
            for name in ("家庭人口", "家庭月收入"):
                c = COLUMNS.index(name)
                ws.merge_range(2 + a, c, 2 + b, c, int(df[name].iloc[a]))
                skip |= {(i, c) for i in range(a, b + 1)}
                filled[name] += b - a
    _write_rows(ws, df, 2, skip)
    wb.close()
    return {"merged_filled": filled}


def _header_cells(ws, top: int, spec: list[tuple[int, int, int, int, str]]) -> None:
    for r0, c0, r1, c1, text in spec:
        if (r0, c0) == (r1, c1):
            ws.write(top + r0, c0, text)
        else:
            ws.merge_range(top + r0, c0, top + r1, c1, text)


def two_row_header(df: pd.DataFrame, path: Path) -> dict:
    """姓名 … 社区 merged down rows 2–3; 家庭情况 over 家庭人口 | 家庭月收入 | 人均月收入."""
    wb = _book(path)
    ws = wb.add_worksheet("花名册")
    ws.merge_range(0, 0, 0, 10, "示例区困难职工花名册（两行表头）")
    spec = [(0, j, 1, j, name) for j, name in enumerate(COLUMNS[:7])]
    spec += [
        (0, 7, 0, 9, "家庭情况"),
        (1, 7, 1, 7, "家庭人口"),
        (1, 8, 1, 8, "家庭月收入"),
        (1, 9, 1, 9, "人均月收入"),
    ]
    spec += [(0, 10, 1, 10, "致困原因")]
    _header_cells(ws, 1, spec)
    flat = df.copy()
    flat.insert(
        9, "人均月收入", [round(i / s, 2) for i, s in zip(df["家庭月收入"], df["家庭人口"], strict=True)]
    )
    _write_rows(ws, flat, 3)
    wb.close()
    return {"header_rows": [2, 3], "data_row": 4}


def three_row_header(df: pd.DataFrame, path: Path) -> dict:
    """基本情况 over 姓名…社区 (merged down rows 3–4); 家庭情况 over 家庭人口 and 收入情况 over 家庭月收入."""
    wb = _book(path)
    ws = wb.add_worksheet("花名册")
    ws.merge_range(0, 0, 0, 9, "示例区困难职工花名册（三行表头）")
    ws.write(1, 0, "填报单位：示例区总工会")
    spec = [(0, 0, 0, 6, "基本情况"), (0, 7, 0, 8, "家庭情况"), (0, 9, 2, 9, "致困原因")]
    spec += [(1, j, 2, j, name) for j, name in enumerate(COLUMNS[:7])]
    spec += [(1, 7, 2, 7, "家庭人口"), (1, 8, 1, 8, "收入情况"), (2, 8, 2, 8, "家庭月收入（元）")]
    _header_cells(ws, 2, spec)
    _write_rows(ws, df, 5)
    wb.close()
    return {"header_rows": [3, 5], "data_row": 6}


def sheet_per_unit(df: pd.DataFrame, path: Path) -> dict:
    """An instructions sheet, one sheet per 单位 (a person on two sheets), and a hidden old list."""
    wb = _book(path)
    ws = wb.add_worksheet(INSTRUCTIONS)
    ws.write(0, 0, "填表说明：每个单位一张表，姓名、身份证号必填。")
    names = []
    for unit in UNITS:
        part = df[df["工作单位"] == unit]
        name = unit.removeprefix("示例")
        names.append(name)
        ws = wb.add_worksheet(name)
        ws.write(0, 0, f"{unit}职工花名册")
        ws.write_row(1, 0, COLUMNS)
        _write_rows(ws, part, 2)
    hidden = wb.add_worksheet(HIDDEN)
    hidden.write_row(0, 0, COLUMNS)
    _write_rows(hidden, df.head(3), 1)
    hidden.hide()
    wb.close()
    counts = df["工作单位"].value_counts()
    return {"sheets": names, "first_sheet_rows": int(counts[UNITS[0]]), "hidden": HIDDEN}


def formulas(df: pd.DataFrame, path: Path, *, saved: bool) -> dict:
    """家庭月收入 as =工资收入+其他收入; ``saved=False`` strips the results, as a program that never calculated."""
    cols = [*COLUMNS[:8], "工资收入", "其他收入", "家庭月收入", "致困原因"]
    wb = _book(path)
    ws = wb.add_worksheet("花名册")
    ws.write_row(0, 0, cols)
    for i, row in enumerate(df.itertuples(index=False)):
        r = dict(zip(COLUMNS, row, strict=True))
        wage = int(r["家庭月收入"]) * 3 // 4
        values = [*(r[c] for c in COLUMNS[:8]), wage, int(r["家庭月收入"]) - wage]
        for j, v in enumerate(values):
            ws.write(1 + i, j, v)
        ws.write_formula(1 + i, 10, f"=I{i + 2}+J{i + 2}", None, int(r["家庭月收入"]))
        ws.write(1 + i, 11, r["致困原因"])
    wb.close()
    if not saved:
        _strip_results(path)
    return {"formula_column": "家庭月收入", "formula_cells": len(df)}


def _strip_results(path: Path) -> None:
    """Remove the <v> after every <f> of the sheets, keeping everything else byte for byte."""
    src = path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb"(</f>)<v>[^<]*</v>", rb"\1", data)
            zout.writestr(item, data)
    path.write_bytes(out.getvalue())


def main(out: Path = FIXTURES) -> dict:
    """Write the office-layout fixtures and their expected figures; returns the expected figures."""
    out.mkdir(parents=True, exist_ok=True)
    df = people()
    per_sheet = pd.concat([df, df.iloc[[4]]], ignore_index=True)  # one worker also on the last unit's sheet
    per_sheet.loc[len(df), "工作单位"] = UNITS[2]
    df.to_csv(out / "office-flat.csv", index=False, encoding="utf-8-sig", lineterminator="\r\n")
    per_sheet.to_csv(
        out / "office-flat-per-sheet.csv", index=False, encoding="utf-8-sig", lineterminator="\r\n"
    )
    files = {
        "office-merged-employer-and-household.xlsx": merged_blocks(
            df, out / "office-merged-employer-and-household.xlsx"
        ),
        "office-two-row-header.xlsx": two_row_header(df, out / "office-two-row-header.xlsx"),
        "office-three-row-header.xlsx": three_row_header(df, out / "office-three-row-header.xlsx"),
        "office-sheet-per-unit.xlsx": sheet_per_unit(per_sheet, out / "office-sheet-per-unit.xlsx"),
        "office-formulas-saved.xlsx": formulas(df, out / "office-formulas-saved.xlsx", saved=True),
        "office-formulas-not-saved.xlsx": formulas(df, out / "office-formulas-not-saved.xlsx", saved=False),
    }
    dup = expected_of(per_sheet.drop(index=len(df)))
    expected = {
        "flat": expected_of(df),
        "per_sheet": {**dup, "rows_read": len(per_sheet), "duplicates": 1},
        "files": files,
    }
    (out / "office-layouts.expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n",
                                                      encoding="utf-8")  # fmt: skip
    return expected


if __name__ == "__main__":
    e = main()
    print(
        f"office layouts: {e['flat']['workers']} workers, {e['flat']['hardship']} hardship, {len(e['files'])} files"
    )
