"""The commented rules file ``jiekun rules --init`` writes: every setting with its default.

It is the rules file's own documentation for a clerk, so it is written in Chinese;
the settings it names are read by :func:`jiekun.model.rules.load_rules`.
"""

from __future__ import annotations

from jiekun.model.assist_ledger import KIND_KEYS
from jiekun.model.columns import FIELDS
from jiekun.model.rules import CAUSES, EDUCATION_BUCKETS


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

# 脱困观察期（jiekun batch）：人均收入连续高于困难线满多少个月才算脱困；1 表示一高于线即脱困。
exit_after_months = 1

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
# college_or_above 大专及以上, unknown 未知且不提示）。内置的还有国标 GB/T 4658-2006
# 学历代码（10–90）和常见写法（中等专科、技工学校、初级中学…），全部见 jiekun rules。
{edu}
[education]
# "扫盲班" = "junior_or_below"

# 补充致困原因：一行一个写法（"读书" = "schooling"），或一个原因带一组写法
# （illness = ["慢性病"]）。内置的还有困难职工档案表的代码 1–10 和关键词（癌、车祸…）。
{causes}
[causes]
# "读书" = "schooling"
# illness = ["慢性病"]

# 补充表头别名（字段：{", ".join(FIELDS)}）。
[aliases]
# household_income = ["家庭月收入合计"]

# jiekun assist（帮扶台账）：补充帮扶类别的写法，以及每人每类在统计期间内的金额上限（元）。
# 类别：{", ".join(KIND_KEYS)}
[assist.kinds]
# temporary = ["应急救助"]

[assist.caps]
# living = 11160.0   # 12 × 低保 930

# 报表（Excel）使用的字体：应为中文字体，如 "宋体"、"等线"、"仿宋"。
[report]
# font = "宋体"

# jiekun cards（困难职工解困脱困联系卡）：服务热线、默认帮扶责任人与电话（花名册中没有时使用）、字体。
[cards]
# hotline = "12351"
# contact = "区总工会帮扶中心"
# contact_phone = "0571-12345678"
# font = "宋体"          # 中文字体（默认同 [report] font）
# latin_font = "SimSun"  # 英文与数字的字体（默认同中文字体）

# 各单位的帮扶责任人与电话：单位名称 = ["责任人", "电话"]。
[cards.contacts]
# "红星机械厂" = ["李四", "13800000001"]
"""
