"""The words the commands print themselves: what was written, and what went wrong."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "error": "错误：",
        "internal": "jiekun 内部出错（{kind}: {detail}）。这不是你的错；"
        "请用 jiekun --debug 重新运行，并把输出报告给开发者。",
        "bad_date": "日期应写成 YYYY-MM-DD，例如 2025-12-31（收到 '{value}'）。",
        "one_of": "{a} 与 {b} 只能选一个。",
        "exists": "{path} 已存在。要覆盖请加 --force。",
        "report_written": "已写出报告：{path}",
        "problems_written": "已写出问题清单：{path}",
        "rules_written": "已写出默认规则文件：{path}",
        "template_written": "已写出花名册模板：{path}",
        "match_written": "已写出比对结果：{path}",
        "batch_written": "已写出趋势工作簿：{path}",
        "compare_written": "已写出对比工作簿：{path}",
    },
    "en": {
        "error": "Error: ",
        "internal": "jiekun failed inside ({kind}: {detail}). This is not your fault; "
        "please run it again with jiekun --debug and report the output to the developers.",
        "bad_date": "Write the date as YYYY-MM-DD, e.g. 2025-12-31 (got '{value}').",
        "one_of": "Give only one of {a} and {b}.",
        "exists": "{path} exists. Add --force to overwrite it.",
        "report_written": "Report written: {path}",
        "problems_written": "Problems written: {path}",
        "rules_written": "Default rules file written: {path}",
        "template_written": "Template written: {path}",
        "match_written": "Cross-check written: {path}",
        "batch_written": "Trend workbook written: {path}",
        "compare_written": "Comparison workbook written: {path}",
    },
}
