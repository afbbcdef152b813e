"""Write a synthetic assistance ledger (帮扶台账) for the survey roster, and its expected figures.

Run from the repository root::

    python samples/ledger_sample.py

writes ``samples/assist-ledger.xlsx`` (about 6,000 acts of help over 2025, a title row
above the header and a 合计 row at the bottom, as a clerk keeps it),
``samples/assist-rules.toml`` (a cap and an extra synonym) and
``samples/assist-ledger.expected.json``: the ``assist --json`` figures of three runs,
worked out here from what was planted, without jiekun. The roster's tiers
(per-capita = household income / size, ≤ 245 extreme, ≤ 280 hardship) and age–gender
groups are recomputed here from ``samples/survey-roster.xlsx``, read with python-calamine.

Planted: hardship workers never helped (coverage gaps), help to workers not in hardship
and to IDs not on the roster, invalid and blank IDs, the same ID in lower-case x, with
spaces and in its 15-digit form, possible double entries, yearly 生活保障 totals over the
cap (and one exactly on it), blank 人次 and amounts, group visits of 2–3 人次, an unknown
kind, a kind only the rules file knows, an amount with more than two decimals, a negative
amount (a reversal), an invalid 人次, undated rows, and dates on every period edge.
Every record is synthetic (area codes 99xxxx).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import defaultdict
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import xlsxwriter
from python_calamine import CalamineWorkbook

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
ROSTER = SAMPLES / "survey-roster.xlsx"
LEDGER = SAMPLES / "assist-ledger.xlsx"
RULES = SAMPLES / "assist-rules.toml"
EXPECTED = SAMPLES / "assist-ledger.expected.json"
SEED = 2025
CAP_LIVING = 11160  # yuan: 12 × 低保 930

KINDS = [  # key, label, spellings used in the ledger (each contains a known synonym)
    ("living", "生活保障", ["生活补助", "生活救助", "爱心卡", "生活保障"]),
    ("employment", "就业创业", ["职业培训", "职业介绍", "创业扶持"]),
    ("schooling", "金秋助学", ["金秋助学", "子女助学", "助学"]),
    ("medical", "医疗保障", ["医疗救助", "大病救助"]),
    ("mutual_aid", "互助保障", ["互助金", "住院互助", "女职工互助"]),
    ("temporary", "临时救助", ["临时救助"]),
    ("pairing", "社会结对", ["一帮一", "结对帮扶"]),
    ("public_welfare", "社会公益", ["社会公益"]),
    ("warmth", "送温暖", ["春节慰问", "走访慰问", "节日慰问", "送温暖"]),
    ("sanatorium", "疗休养", ["疗休养"]),
    ("legal_aid", "法律援助", ["法律援助"]),
    ("donation", "捐款", ["捐款"]),
    ("other", "其他", ["其他"]),
]
KEYS = [k for k, _, _ in KINDS]
WEIGHTS = [8, 3, 6, 6, 6, 3, 3, 2, 30, 1, 1, 1, 1]
AMOUNTS = {  # yuan choices per kind; None = no money (a blank cell)
    "living": [930, 500, 800], "employment": [None], "schooling": [2000, 3000, 5000],
    "medical": [1000, 1500.5, 2000, 3800], "mutual_aid": [600, 1200, 2400.5], "temporary": [1500, 2000],
    "pairing": [300, 500], "public_welfare": [200], "warmth": [500, 800, 1000], "sanatorium": [None],
    "legal_aid": [None], "donation": [100, 200], "other": [300],
}  # fmt: skip
UNITS = ["区总工会", "示例街道工会", "示例机械厂工会", "示例纺织厂工会", "区困难职工帮扶中心"]
PEOPLE = ["张红", "李伟", "王芳", "赵静"]
EXTRA_KIND = ("temporary", "应急救助")  # known only through the rules file
UNKNOWN_KIND = "爱心早餐"
WCHECK = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def check_char(body: str) -> str:
    return "10X98765432"[sum(int(c) * w for c, w in zip(body, WCHECK, strict=True)) % 11]


def canonical(text: str) -> tuple[str | None, str]:
    """(the 18-digit ID, status) of an ID as written: ok, legacy15, blank or invalid."""
    t = "".join(text.split()).upper()
    if not t:
        return None, "blank"
    if len(t) == 15 and t.isdigit():
        body = t[:6] + "19" + t[6:]
        return body + check_char(body), "legacy15"
    if len(t) == 18 and t[:17].isdigit() and check_char(t[:17]) == t[17]:
        return t, "ok"
    return None, "invalid"


def read_roster() -> list[dict]:
    rows = CalamineWorkbook.from_path(str(ROSTER)).get_sheet_by_name("花名册").to_python()
    head = rows[1]
    at = {
        h: head.index(h) for h in ("身份证号", "家庭人口", "家庭月收入（元）", "工作单位", "联系电话", "姓名")
    }
    out = []
    for r in rows[2:]:
        pc = Fraction(Decimal(repr(float(r[at["家庭月收入（元）"]])))) / int(r[at["家庭人口"]])
        tier = 0 if pc <= 245 else 1 if pc <= 280 else None
        i = r[at["身份证号"]]
        out.append({"id": i, "tier": tier, "name": r[at["姓名"]], "employer": r[at["工作单位"]],
                    "phone": r[at["联系电话"]], "birth": dt.date(int(i[6:10]), int(i[10:12]), int(i[12:14])),
                    "male": int(i[16]) % 2 == 1})  # fmt: skip
    return out


def age_group(w: dict, as_of: dt.date) -> str:
    b = w["birth"]
    age = as_of.year - b.year - ((as_of.month, as_of.day) < (b.month, b.day))
    if w["male"]:
        return "male_50_plus" if age >= 50 else "male_under_50"
    return "female_40_plus" if age >= 40 else "female_under_40"


# ------------------------------------------------------------------------------ planting


def plant(roster: list[dict]) -> list[dict]:
    """The ledger rows: date, ID text, name, kind text, amount (number/str/None), acts, unit."""
    rnd = random.Random(SEED)
    hard = [w for w in roster if w["tier"] is not None]
    other = [w for w in roster if w["tier"] is None]
    helped = rnd.sample(hard, round(len(hard) * 0.78))
    year = [dt.date(2025, 1, 1) + dt.timedelta(days=d) for d in range(365)]
    rows: list[dict] = []

    def act(
        w_id: str, name: str, key: str | None = None, date=None, amount="draw", kind_text=None, acts=None
    ):
        key = key or rnd.choices(KEYS, WEIGHTS)[0]
        spell = kind_text if kind_text is not None else rnd.choice(dict((k, s) for k, _, s in KINDS)[key])
        if amount == "draw":
            amount = rnd.choice(AMOUNTS[key])
            if amount is not None and rnd.random() < 0.03:
                amount = None  # a blank amount counts 0
        if acts is None:
            acts = rnd.choices(["", 1, 2, 3], [10, 80, 7, 3])[0]
        rows.append({"date": date if date is not None else rnd.choice(year), "id": w_id, "name": name, "kind": spell,
                     "amount": amount, "acts": acts, "unit": rnd.choice(UNITS), "person": rnd.choice(PEOPLE)})  # fmt: skip

    for w in helped:
        for _ in range(rnd.choices([1, 2, 3], [35, 40, 25])[0]):
            act(w["id"], w["name"])
    for w in rnd.sample(other, 400):  # help to workers not in hardship
        act(w["id"], w["name"])
    strangers = []
    for k in range(45):  # valid IDs not on the roster
        body = f"990999{1960 + k % 30}{1 + k % 12:02d}{1 + k % 28:02d}{100 + k:03d}"
        strangers.append(body + check_char(body))
        act(strangers[-1], rnd.choice(PEOPLE) + "亲属")
    for k in range(24):  # a wrong check digit
        good = hard[k * 7]["id"]
        act(good[:17] + ("0" if good[17] != "0" else "1"), hard[k * 7]["name"])
    for k in range(12):  # no ID (a group visit, names only)
        act("", f"困难职工{k + 1}户", key="warmth")
    # one person, written four ways
    x_worker = next(w for w in helped if w["id"].endswith("X"))
    act(x_worker["id"].lower(), x_worker["name"], key="warmth")
    spaced = helped[1]["id"]
    act(f" {spaced[:6]} {spaced[6:14]} {spaced[14:]} ", helped[1]["name"], key="medical")
    gap15 = next(w for w in hard if w not in helped)  # covered only through the 15-digit form
    act(gap15["id"][:6] + gap15["id"][8:17], gap15["name"], key="mutual_aid", amount=1200)
    # over the living cap: 12 monthly payments of 950 (11,400) …; one exactly on it (12 × 930)
    for i, w in enumerate(helped[10:18]):
        for m in range(1, 13):
            act(w["id"], w["name"], key="living", date=dt.date(2025, m, 10 + i), amount=950, acts=1)
    on_cap = helped[20]
    for m in range(1, 13):
        act(on_cap["id"], on_cap["name"], key="living", date=dt.date(2025, m, 5), amount=930, acts=1)
    # possible double entries: the same ID, kind, date and amount again
    for r in rnd.sample([r for r in rows if canonical(str(r["id"]))[1] == "ok"], 30):
        rows.append(dict(r, acts=1, unit=rnd.choice(UNITS)))
    # period edges (calendar year and union year 2025), inside and just outside
    for d in (dt.date(2025, 1, 1), dt.date(2025, 12, 31), dt.date(2024, 12, 31), dt.date(2026, 1, 1),
              dt.date(2024, 10, 1), dt.date(2024, 9, 30), dt.date(2025, 9, 30), dt.date(2025, 10, 1)):  # fmt: skip
        w = rnd.choice(helped)
        act(w["id"], w["name"], key="warmth", date=d, amount=500, acts=1)
    for w in rnd.sample(helped, 90):  # the last quarter of 2024: union year 2025 only
        act(
            w["id"], w["name"], key="warmth", date=dt.date(2024, rnd.choice([10, 11, 12]), rnd.randint(1, 28))
        )
    w = rnd.sample(helped, 8)
    act(w[0]["id"], w[0]["name"], kind_text=UNKNOWN_KIND, key="other", amount=50)
    act(w[1]["id"], w[1]["name"], kind_text=UNKNOWN_KIND, key="other", amount=50)
    act(w[2]["id"], w[2]["name"], kind_text=EXTRA_KIND[1], key=EXTRA_KIND[0], amount=1000)
    act(w[3]["id"], w[3]["name"], kind_text="", key="other", amount=100)
    act(w[4]["id"], w[4]["name"], key="medical", amount="100.005")  # below one fen: error, 0
    act(w[5]["id"], w[5]["name"], key="mutual_aid", amount=-200)  # a reversal: counted, with a warning
    act(w[6]["id"], w[6]["name"], key="warmth", amount=500, acts="两次")  # invalid 人次: counted 1
    act(w[7]["id"], w[7]["name"], key="warmth", amount="¥1,200.00")
    act(w[0]["id"], w[0]["name"], key="warmth", date="", amount=500)  # undated: rows_read only
    act(w[1]["id"], w[1]["name"], key="warmth", date="2025年13月5日", amount=500)
    rnd.shuffle(rows)
    assert not set(strangers) & {w["id"] for w in roster}
    return rows


# ----------------------------------------------------------------------------- writing


def write(rows: list[dict]) -> None:
    head = [
        "序号",
        "日期",
        "姓名",
        "身份证号",
        "帮扶类别",
        "金额（元）",
        "人次",
        "帮扶单位",
        "责任人",
        "备注",
    ]
    wb = xlsxwriter.Workbook(str(LEDGER), {"constant_memory": True})
    wb.set_properties({"created": dt.datetime(2025, 12, 31, 9, 0, 0)})
    ws = wb.add_worksheet("帮扶台账")
    date_f, text_f = wb.add_format({"num_format": "yyyy-mm-dd"}), wb.add_format({"num_format": "@"})
    ws.merge_range(0, 0, 0, len(head) - 1, "示例区总工会帮扶台账（2025年）")
    ws.write_row(1, 0, head)
    total = Decimal(0)
    for i, r in enumerate(rows, start=2):
        ws.write_number(i, 0, i - 1)
        if isinstance(r["date"], dt.date):
            ws.write_datetime(i, 1, dt.datetime.combine(r["date"], dt.time()), date_f)
        else:
            ws.write_string(i, 1, r["date"])
        ws.write_string(i, 2, r["name"])
        ws.write_string(i, 3, r["id"], text_f)
        ws.write_string(i, 4, r["kind"])
        a = r["amount"]
        if isinstance(a, str):
            ws.write_string(i, 5, a)
        elif a is not None:
            ws.write_number(i, 5, a)
            total += Decimal(repr(a))
        if r["acts"] != "":
            (ws.write_number if isinstance(r["acts"], int) else ws.write_string)(i, 6, r["acts"])
        ws.write_string(i, 7, r["unit"])
        ws.write_string(i, 8, r["person"])
    n = len(rows) + 2
    ws.write_string(n, 0, "合计")
    ws.write_number(n, 5, float(total))
    wb.close()
    RULES.write_text(
        "# 帮扶台账示例的规则文件：jiekun assist samples/assist-ledger.xlsx --rules samples/assist-rules.toml\n"
        "[assist.kinds]\n"
        f'{EXTRA_KIND[0]} = ["{EXTRA_KIND[1]}"]\n\n'
        "[assist.caps]\n"
        f"living = {CAP_LIVING:.1f}     # 12 × 低保 930\n",
        encoding="utf-8",
    )


# ----------------------------------------------------------------------------- expected


def fen_of(a) -> tuple[int, str]:
    """(fen, status) of an amount as planted."""
    if a is None:
        return 0, "blank"
    d = Decimal(str(a).replace("¥", "").replace(",", ""))
    if d * 100 != int(d * 100):
        return 0, "fraction"
    return int(d * 100), "ok"


def figures(rows: list[dict]) -> dict:
    people = {r["key"] for r in rows if r["key"]}
    return {
        "acts": sum(r["acts"] for r in rows),
        "people": len(people),
        "amount": sum(r["fen"] for r in rows) / 100,
    }


# One long function on purpose: it reads top to bottom as the JSON object it builds.
def expected(planted: list[dict], roster: list[dict], start: dt.date, end: dt.date, rules: bool) -> dict:
    """The ``assist --json`` object of one run, from the planted rows (as-of = the period's end)."""
    kind_of = {s: k for k, _, spells in KINDS for s in spells}
    if rules:
        kind_of[EXTRA_KIND[1]] = EXTRA_KIND[0]
    by_id = {w["id"]: w for w in roster}
    rows, warnings, errors = [], 0, 0
    for i, p in enumerate(planted):
        if not isinstance(p["date"], dt.date):
            errors += 1  # date blank or not understood
            continue
        if not start <= p["date"] <= end:
            continue
        key, status = canonical(p["id"])
        fen, fst = fen_of(p["amount"])
        kind = kind_of.get(p["kind"], "other")
        # an ID that is certainly wrong is an error; a blank or 15-digit one a warning
        warnings += (status in ("legacy15", "blank")) + (kind == "other" and p["kind"] != "其他")
        warnings += fen < 0
        errors += (status == "invalid") + (fst == "fraction") + (p["acts"] == "两次")
        acts = p["acts"] if isinstance(p["acts"], int) else 1
        rows.append({"i": i, "key": key, "status": status, "kind": kind, "fen": fen, "acts": acts,
                     "date": p["date"], "unit": p["unit"], "month": p["date"].strftime("%Y-%m")})  # fmt: skip
    months, m = [], dt.date(start.year, start.month, 1)
    while m <= end:
        months.append(m.strftime("%Y-%m"))
        m = dt.date(m.year + m.month // 12, m.month % 12 + 1, 1)
    quarters = sorted({f"{x[:4]}-Q{(int(x[5:]) - 1) // 3 + 1}" for x in months})
    q_of = lambda r: f"{r['month'][:4]}-Q{(int(r['month'][5:]) - 1) // 3 + 1}"  # noqa: E731
    units = defaultdict(int)
    for r in rows:
        units[r["unit"]] += r["acts"]
    valid = [r for r in rows if r["key"]]
    seen, doubles, totals = set(), 0, defaultdict(int)
    for r in valid:
        sig = (r["key"], r["kind"], r["date"], r["fen"])
        doubles += sig in seen
        seen.add(sig)
        totals[(r["key"], r["kind"])] += r["fen"]
    over = sum(1 for (_, k), f in totals.items() if rules and k == "living" and f > CAP_LIVING * 100)
    helped = {r["key"] for r in valid}
    hard = [w for w in roster if w["tier"] is not None]
    groups = ["male_under_50", "male_50_plus", "female_40_plus", "female_under_40", "unknown"]
    labels = ["男50岁以下", "男50岁及以上", "女40岁及以上", "女40岁以下", "未知"]
    return {
        "source": "samples/assist-ledger.xlsx",
        "roster": "samples/survey-roster.xlsx",
        "period": {"from": start.isoformat(), "to": end.isoformat()},
        "rows_read": len(planted) + 1,
        "non_act_rows": 1,
        **figures(rows),
        "no_valid_id": sum(1 for r in rows if not r["key"]),
        "by_kind": [
            {"key": k, "label": lab, **figures([r for r in rows if r["kind"] == k])} for k, lab, _ in KINDS
        ],
        "by_month": [{"month": x, **figures([r for r in rows if r["month"] == x])} for x in months],
        "by_quarter": [{"quarter": q, **figures([r for r in rows if q_of(r) == q])} for q in quarters],
        "by_unit": [
            {"unit": u, **figures([r for r in rows if r["unit"] == u])}
            for u in sorted(units, key=lambda u: (-units[u], u))
        ],
        "coverage": {
            "hardship": len(hard),
            "covered": sum(1 for w in hard if w["id"] in helped),
            "uncovered": sum(1 for w in hard if w["id"] not in helped),
            "hardship_no_valid_id": 0,
            "by_tier": {
                label: {
                    "hardship": sum(w["tier"] == t for w in hard),
                    "covered": sum(w["tier"] == t and w["id"] in helped for w in hard),
                }
                for t, label in enumerate(["特困职工", "困难职工"])
            },
            "by_age_gender": [
                {
                    "key": g,
                    "label": lab,
                    "hardship": sum(age_group(w, end) == g for w in hard),
                    "covered": sum(age_group(w, end) == g and w["id"] in helped for w in hard),
                }
                for g, lab in zip(groups, labels, strict=True)
            ],
        },
        "audit": {
            "not_on_roster": sum(1 for r in valid if r["key"] not in by_id),
            "not_hardship": sum(1 for r in valid if r["key"] in by_id and by_id[r["key"]]["tier"] is None),
            "invalid_id": sum(1 for r in rows if r["status"] == "invalid"),
            "possible_doubles": doubles,
            "over_cap": over,
        },
        "caps": {"living": float(CAP_LIVING)} if rules else {},
        "problems": {"error": errors, "warning": warnings},
    }


def main() -> None:
    roster = read_roster()
    hard = sum(w["tier"] is not None for w in roster)
    assert (len(roster), hard, sum(w["tier"] == 0 for w in roster)) == (33724, 3456, 1058)
    planted = plant(roster)
    write(planted)
    base = ["samples/assist-ledger.xlsx", "--roster", "samples/survey-roster.xlsx"]
    rules = ["--rules", "samples/assist-rules.toml"]
    cal, union = (dt.date(2025, 1, 1), dt.date(2025, 12, 31)), (dt.date(2024, 10, 1), dt.date(2025, 9, 30))
    runs = [
        {"args": [*base, "--from", "2025-01-01", "--to", "2025-12-31", *rules], "as_of": "2025-12-31",
         "json": expected(planted, roster, *cal, rules=True)},
        {"args": [*base, "--year-union", "2025", *rules], "as_of": "2025-09-30",
         "json": expected(planted, roster, *union, rules=True)},
        {"args": [*base, "--from", "2025-01-01", "--to", "2025-12-31"], "as_of": "2025-12-31",
         "json": expected(planted, roster, *cal, rules=False)},
    ]  # fmt: skip
    doc = {"why": "assist figures of the planted ledger, computed without jiekun", "runs": runs}
    EXPECTED.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    j = runs[0]["json"]
    print(f"{LEDGER.name}: {len(planted)} rows; 2025: {j['acts']} 人次, {j['people']} 人, "
          f"{j['coverage']['covered']}/{j['coverage']['hardship']} covered, audit {j['audit']}")  # fmt: skip


if __name__ == "__main__":
    main()
