"""Words of household members (家庭成员): the table beside the causes in 分类统计 (docs/household.md)."""

from __future__ import annotations

WORDS: dict[str, dict] = {
    "zh": {
        "read": "家庭人口和家庭收入按家庭成员计算：{where}，{n} 名成员、{households} 户（没有列出成员的职工按表中填写的计算）",
        "in_sheet": "工作表 {name}",
        "title": "家庭成员（按家庭成员表）",
        "what": "项目",
        "in_school": "在校成员（人）",
        "households_in_school": "有在校成员的家庭（户）",
        "ill": "大病/残疾成员（人）",
        "households_ill": "有大病/残疾成员的家庭（户）",
        "listed": "列出成员的家庭（户）",
        "note": "按家庭成员表的“就业/就学状况”和“健康状况”统计，是“子女上学”“患大病”等致困原因的佐证。",
    },
    "en": {
        "read": "Household sizes and incomes from the members: {where}, {n} members, {households} households (workers with none listed keep their stated totals)",
        "in_sheet": "sheet {name}",
        "title": "Household members (from the member list)",
        "what": "Item",
        "in_school": "Members in school (people)",
        "households_in_school": "Households with a member in school",
        "ill": "Members with 大病 or 残疾 (people)",
        "households_ill": "Households with a member with 大病 or 残疾",
        "listed": "Households with members listed",
        "note": "Counted from the member list's schooling and health columns: evidence for the causes 子女上学 and 患大病.",
    },
}
