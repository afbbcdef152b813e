"""Words of monthly series and flows: flow names, month and file messages, series notes."""

from __future__ import annotations

WORDS: dict[str, dict] = {
    "zh": {
        "labels": {
            "entered": "新增",
            "returned": "返困",
            "exited": "脱困",
            "left_roster": "离册",
            "stayed": "持续困难",
            "worsened": "加重",
            "eased": "减轻",
            "untracked": "无法追踪",
            "on_watch": "观察期",
        },
        "sep": "、",
        "clause_sep": "；",
        "bad_month": "月份“{value}”看不懂。请写成 YYYY-MM，例如 --month 2025-03。",
        "no_paths": "没有给出花名册。请给出一个文件夹，或几份月度花名册文件。",
        "not_found": "找不到 {path}。请检查路径和文件名是否正确。",
        "empty_folder": "文件夹 {path} 里没有花名册文件（{suffixes}）。请确认文件夹选对了，或直接给出文件。",
        "given_twice": "同一个文件给了两次：{first} 和 {second}。每份花名册只能出现一次。",
        "month_count": "给了 {months} 个 --month，但有 {files} 份花名册（{names}）。"
        "--month 要按文件的顺序每份给一个；或者去掉 --month，从文件名读月份。",
        "no_month": "无法从文件名看出月份：{files}。请把文件改名，使其含有月份"
        "（如 2025-03.xlsx、202503.xlsx、2025年3月.xlsx），或用 --month YYYY-MM 按顺序为每个文件指定月份。",
        "same_month": "有多份花名册属于同一个月（{clashes}）。每个月只能有一份花名册：请删去或移走多余的文件，"
        "或用 --month 为每个文件指定月份。",
        "month_files": "{month}：{files}",
        "note_skipped_own": "跳过了 jiekun 自己写出的工作簿 {name}。",
        "note_gap": "{prev} 与 {cur} 之间缺少 {gap} 个月的花名册；这两份之间的流动跨越了 {span} 个月。",
        "note_same_file": "{files} 内容完全相同（SHA-256 一致），是否忘了更新某个月的花名册？",
        "note_of": "{label}：{note}",
        "note_one_month": "只有一个月的花名册，没有可以比较的上月，因此没有流动数据。",
        "note_old_after_new": "OLD 的月份（{old}）晚于 NEW 的月份（{new}）：流动按给出的顺序从 OLD 到 NEW 计算。",
    },
    "en": {
        "labels": {
            "entered": "Entered",
            "returned": "Returned",
            "exited": "Exited hardship",
            "left_roster": "Left the roster",
            "stayed": "Stayed",
            "worsened": "Worsened",
            "eased": "Eased",
            "untracked": "Untracked",
            "on_watch": "On watch",
        },
        "sep": ", ",
        "clause_sep": "; ",
        "bad_month": "Month “{value}” is not understood. Write it as YYYY-MM, for example --month 2025-03.",
        "no_paths": "No roster given. Give a folder, or several monthly roster files.",
        "not_found": "{path} not found. Check the path and the file name.",
        "empty_folder": "Folder {path} holds no roster file ({suffixes}). Check that it is the right folder, or give the files.",
        "given_twice": "The same file was given twice: {first} and {second}. Each roster may appear only once.",
        "month_count": "{months} --month values were given for {files} rosters ({names}). "
        "Give one --month per file, in the files' order; or leave --month out to read months from the file names.",
        "no_month": "The month cannot be told from the file name: {files}. Rename the files to contain the month "
        "(such as 2025-03.xlsx, 202503.xlsx, 2025年3月.xlsx), or give each file its month with --month YYYY-MM, in order.",
        "same_month": "Several rosters belong to the same month ({clashes}). Each month may have only one roster: "
        "delete or move the extra files, or give each file its month with --month.",
        "month_files": "{month}: {files}",
        "note_skipped_own": "Skipped the workbook {name}, which jiekun wrote itself.",
        "note_gap": "{gap} months of rosters are missing between {prev} and {cur}; the flows between them span {span} months.",
        "note_same_file": "{files} are identical (same SHA-256): was one month's roster not updated?",
        "note_of": "{label}: {note}",
        "note_one_month": "Only one month's roster: there is no earlier month to compare with, so there are no flows.",
        "note_old_after_new": "OLD's month ({old}) is later than NEW's ({new}): the flows are computed from OLD to NEW as given.",
    },
}
