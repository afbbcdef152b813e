"""The words of the vocabularies as ``jiekun rules`` shows them (the vocabularies are model/vocab.py)."""

from __future__ import annotations

WORDS: dict[str, dict] = {
    "zh": {
        "education": "文化程度词表",
        "causes": "致困原因词表",
        "line": "{label}：{words}",
        "codes": "；代码 {codes}",
        "edu_codes_note": "代码为国标 GB/T 4658-2006 学历代码（另含 1984 年版中含义不变的代码）",
        "cause_codes_note": "代码为困难职工档案表的致困原因序号",
        "child_rule": "子女/孩子… + 上学/读书/学费… → {label}",
        "unknown": "未知（不提示）",
        "sep": "、",
    },
    "en": {
        "education": "Education vocabulary",
        "causes": "Cause vocabulary",
        "line": "{label}: {words}",
        "codes": "; codes {codes}",
        "edu_codes_note": "codes are GB/T 4658-2006 学历代码 (with the 1984 codes that mean the same)",
        "cause_codes_note": "codes are the cause numbers of the 困难职工档案 form",
        "child_rule": "子女/孩子… + 上学/读书/学费… → {label}",
        "unknown": "unknown (no warning)",
        "sep": ", ",
    },
}
