"""The words of the rules: the built-in tier names and every message about a bad rules file.

A message about a key reads ``bad_key`` with ``where`` (the line) and one of ``what``.
"""

from __future__ import annotations

WORDS: dict[str, dict] = {
    "zh": {
        "survey_tiers": ("特困职工", "困难职工"),
        "dibao_tiers": ("深度困难", "相对困难"),
        "tier_n": "第{n}档",
        "unknown_profile": "未知的规则方案 '{profile}'，可选：{choices}。",
        "dibao_needs_amount": "低保方案需要当地低保标准：请加上 --dibao 金额（元/月），例如 --dibao 930。",
        "unreadable": "无法读取规则文件 {path}：{why}。",
        "not_utf8": "规则文件 {path} 不是 UTF-8 编码，请用 UTF-8 保存后重试。",
        "not_toml": "规则文件 {path} 不是有效的 TOML：{why}。",
        "bad_key": "规则文件 {path} {where}的 '{key}' 有误：{what}",
        "at_line": "第 {line} 行",
        "in_file": "文件中",
        "what": {
            "number": "应为数字，实际是 {value}。",
            "positive": "应为正数，实际是 {value}。",
            "whole": "应为非负整数，实际是 {value}。",
            "table": "应为一个表（[{table}]）。",
            "unknown_key": "未知的键，可选：{choices}。",
            "unknown_top": "未知的键，可用的有：{choices}。",
            "string_list": '应为字符串列表，例如 ["慢性病", "癌症"]。',
            "profile": "应为 {a} 或 {b}，实际是 {value}。",
            "bool": "应为 true 或 false。",
            "multiples": "应为正数列表，例如 [1.0, 2.0]。",
            "multiples_order": "应从最困难（最小倍数）到最宽松依次排列。",
            "tiers_list": "应为 [[tiers]] 表的列表。",
            "tier_table": "每一档应为一个 [[tiers]] 表。",
            "tier_label": "第 {n} 档缺少 label（类别名称）。",
            "tier_bound": "第 {n} 档缺少 max_per_capita（人均月收入上限）。",
            "tiers_order": "各档应从最困难（上限最低）到最宽松依次排列。",
            "bucket": "应为 {choices} 之一，实际是 {value}。",
        },
    },
    "en": {
        "survey_tiers": ("Extreme hardship", "Hardship"),
        "dibao_tiers": ("Deep hardship", "Relative hardship"),
        "tier_n": "Tier {n}",
        "unknown_profile": "Unknown rules profile '{profile}'; choose one of: {choices}.",
        "dibao_needs_amount": "The dibao profile needs the local minimum living standard: "
        "add --dibao AMOUNT (yuan a month), for example --dibao 930.",
        "unreadable": "Cannot read the rules file {path}: {why}.",
        "not_utf8": "The rules file {path} is not UTF-8: save it as UTF-8 and try again.",
        "not_toml": "The rules file {path} is not valid TOML: {why}.",
        "bad_key": "Rules file {path}, {where}: '{key}' is wrong: {what}",
        "at_line": "line {line}",
        "in_file": "in the file",
        "what": {
            "number": "it should be a number, not {value}.",
            "positive": "it should be a positive number, not {value}.",
            "whole": "it should be a whole number of 0 or more, not {value}.",
            "table": "it should be a table ([{table}]).",
            "unknown_key": "unknown key; choose one of: {choices}.",
            "unknown_top": "unknown key; the keys are: {choices}.",
            "string_list": 'it should be a list of strings, for example ["慢性病", "癌症"].',
            "profile": "it should be {a} or {b}, not {value}.",
            "bool": "it should be true or false.",
            "multiples": "it should be a list of positive numbers, for example [1.0, 2.0].",
            "multiples_order": "list the multiples from the hardest (the smallest) to the widest.",
            "tiers_list": "it should be a list of [[tiers]] tables.",
            "tier_table": "each tier should be a [[tiers]] table.",
            "tier_label": "tier {n} has no label (the name of the tier).",
            "tier_bound": "tier {n} has no max_per_capita (its per-capita monthly income bound).",
            "tiers_order": "list the tiers from the hardest (the lowest bound) to the widest.",
            "bucket": "it should be one of {choices}, not {value}.",
        },
    },
}
