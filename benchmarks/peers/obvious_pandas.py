"""The obvious pandas script: what a competent analyst writes in an afternoon without jiekun.

    python benchmarks/peers/obvious_pandas.py ROSTER.csv [AS_OF]

Read the CSV, find the columns by their Chinese headers, per-capita income = household
income ÷ household size, 困难 ≤ 280 and 特困 ≤ 245 yuan, age and gender from the birth date
(or the ID), then count by the survey's groups and print the table. ``AS_OF`` (YYYY-MM-DD,
default today) is the date ages are taken at.

It is the peer of ``jiekun summary`` in benchmarks/run.py (case ``peer-csv``): honest,
vectorised, no row loops, and no checks. On the generated rosters its counts equal
jiekun's. Where they would differ on a real roster: it checks no ID (a mistyped ID or
birth date is counted as written), finds no duplicates, skips no title, note or total
rows, keeps no amounts written as text ("1,200元" becomes blank and the row drops out of
every count instead of being reported), knows only the education and cause words listed
below (others count as unknown, silently), and reads only a CSV with a header in line 1.
"""

import sys

import pandas as pd

path = sys.argv[1]
as_of = pd.Timestamp(sys.argv[2] if len(sys.argv) > 2 else "today").normalize()

df = pd.read_csv(path, dtype={"身份证号": str})


def column(word: str) -> str:
    """The first column whose header contains ``word`` (家庭月收入 matches 家庭月收入（元）)."""
    return next(c for c in df.columns if word in c)


ID, GENDER, BIRTH = column("身份证"), column("性别"), column("出生")
EDU, CAUSE = column("文化"), column("致困")
INCOME, SIZE = column("家庭月收入"), column("家庭人口")

# per-capita income and the two tiers (困难 includes 特困)
income = pd.to_numeric(df[INCOME], errors="coerce")
size = pd.to_numeric(df[SIZE], errors="coerce")
per_capita = income / size
df["困难职工（含特困）"] = per_capita <= 280
df["特困职工"] = per_capita <= 245

# age (full years at as_of) and gender: the columns, else the ID's digits
ids = df[ID].str.strip()
birth = pd.to_datetime(df[BIRTH], errors="coerce").fillna(
    pd.to_datetime(ids.str[6:14], format="%Y%m%d", errors="coerce")
)
before_birthday = (birth.dt.month > as_of.month) | (
    (birth.dt.month == as_of.month) & (birth.dt.day > as_of.day)
)
age = as_of.year - birth.dt.year - before_birthday.astype(int)
male = df[GENDER].map({"男": True, "女": False})
male = male.fillna(pd.to_numeric(ids.str[16], errors="coerce") % 2 == 1)
df["年龄性别"] = "未知"
df.loc[male & (age < 50), "年龄性别"] = "男50岁以下"
df.loc[male & (age >= 50), "年龄性别"] = "男50岁及以上"
df.loc[~male & (age >= 40), "年龄性别"] = "女40岁及以上"
df.loc[~male & (age < 40), "年龄性别"] = "女40岁以下"

EDUCATION = {
    **dict.fromkeys(
        ["未上过学", "文盲", "半文盲", "小学", "小学毕业", "初中", "初中毕业", "初中肄业"], "初中及以下"
    ),
    **dict.fromkeys(["高中", "高中毕业", "普高", "职高", "中专", "技校", "中技", "中师"], "高中(含中专)"),
    **dict.fromkeys(
        ["大专", "专科", "高职", "本科", "大学", "大学本科", "硕士", "研究生", "博士"], "大专及以上"
    ),
}
df["文化程度"] = df[EDU].str.strip().map(EDUCATION).fillna("未知")

CAUSES = {
    **dict.fromkeys(["企业停产半停产", "企业停产", "企业半停产", "停产", "半停产"], "企业停产半停产"),
    **dict.fromkeys(["下岗失业", "下岗", "失业"], "下岗失业"),
    **dict.fromkeys(["子女上学", "子女就学", "子女教育"], "子女上学"),
    **dict.fromkeys(["单亲家庭", "单亲"], "单亲家庭"),
    **dict.fromkeys(["患大病", "大病", "重病", "因病", "因病致困"], "患大病"),
    **dict.fromkeys(["因残", "残疾", "因残致困"], "因残"),
    **dict.fromkeys(["无劳动能力", "丧失劳动能力"], "无劳动能力"),
    **dict.fromkeys(["意外致困", "意外", "灾害"], "意外致困"),
    "其他": "其他",
}

tiers = ["困难职工（含特困）", "特困职工"]
hard = df[df["困难职工（含特困）"]]
by_age = hard.groupby("年龄性别")[tiers].sum()
by_edu = hard.groupby("文化程度")[tiers].sum()
words = hard[CAUSE].str.split(r"[、，,；;/\s]+", regex=True)  # 失业、单亲 / 失业，单亲 / 失业 单亲
causes = hard[tiers].assign(**{CAUSE: words}).explode(CAUSE)
causes[CAUSE] = causes[CAUSE].map(CAUSES)
causes = causes.dropna(subset=[CAUSE]).reset_index().drop_duplicates(["index", CAUSE])  # 失业、下岗: once
by_cause = causes.groupby(CAUSE)[tiers].sum()

table = pd.concat({"年龄性别": by_age, "文化程度": by_edu, "致困原因": by_cause})
pd.set_option("display.max_rows", None)
print(
    f"职工 {len(df):,}  困难职工（含特困） {int(df[tiers[0]].sum()):,}  特困职工 {int(df[tiers[1]].sum()):,}"
)
print(table.astype(int).to_string())
