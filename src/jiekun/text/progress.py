"""The words of the progress lines on stderr: one set of stage labels per job."""

from __future__ import annotations

WORDS: dict[str, dict] = {
    "zh": {
        "summary": {
            "read": "读取花名册…",
            "classify": "分类统计…",
            "write": "写出报告…",
            "rows": "已读取并分类 {n:,} 行…",
        },
        "match": {
            "read_roster": "读取花名册…",
            "read_reference": "读取参照名单…",
            "match": "按身份证号比对…",
            "write": "写出比对结果…",
        },
        "assist": {
            "read_ledger": "读取帮扶台账…",
            "read_roster": "读取花名册…",
            "classify": "分类统计花名册…",
            "count": "统计帮扶情况…",
            "write": "写出帮扶报告…",
        },
        "files": {"reading": "读取花名册", "rows": "行"},
    },
    "en": {
        "summary": {
            "read": "Reading the roster…",
            "classify": "Classifying…",
            "write": "Writing the report…",
            "rows": "Read {n:,} rows…",
        },
        "match": {
            "read_roster": "Reading the roster…",
            "read_reference": "Reading the reference list…",
            "match": "Matching by ID number…",
            "write": "Writing the workbook…",
        },
        "assist": {
            "read_ledger": "Reading the assistance ledger…",
            "read_roster": "Reading the roster…",
            "classify": "Classifying the roster…",
            "count": "Counting the help…",
            "write": "Writing the assistance workbook…",
        },
        "files": {"reading": "Reading rosters", "rows": "rows"},
    },
}
