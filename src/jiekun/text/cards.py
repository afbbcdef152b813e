"""The words of the contact card (困难职工解困脱困联系卡) and of its document."""

from __future__ import annotations

WORDS: dict[str, dict] = {
    "zh": {
        "title": "困难职工解困脱困联系卡",
        "name": "姓名",
        "id": "身份证号",
        "employer": "工作单位",
        "category": "困难类别",
        "filed_on": "建档日期",
        "contact": "帮扶责任人",
        "contact_phone": "联系电话",
        "help_label": "帮扶记录",
        "help_line": "{date}　{kind}　{amount} 元",
        "help_total": "本期合计 {acts} 人次，{amount} 元",
        "help_more": "（另有 {n} 条未列出）",
        "help_none": "本期暂无帮扶记录",
        "hotline": "服务热线",
        "hotline_line": "{hotline}（职工服务热线）",
        "notes": "备注",
        "issuer": "发卡工会（盖章）：",
        "issued_on": "发卡日期：",
        "rules_font": "报表字体",
        "rules_cards": "联系卡",
        "rules_cards_line": "服务热线 {hotline}，字体 {font}",
        "rules_contacts": "默认帮扶责任人",
        "any_employer": "其他单位",
        "written": "已写出联系卡 {n} 张（每页 4 张，共 {pages} 页）：{path}",
        "written_help": "其中 {n} 张列有帮扶记录（台账 {source}，{start} 至 {end}，本期 {rows} 条）。",
        "none": "花名册中没有{who}，文档只有一页空白卡片。",
        "who": {"hardship": "困难职工（含特困）", "extreme": "特困职工"},
        "open": "（不限）",
        "help": {
            "short": "为困难职工打印解困脱困联系卡（Word 文档）",
            "about": (
                "为花名册中判为困难（含特困）的每名职工写一张困难职工解困脱困联系卡：姓名、"
                "身份证号（默认隐去中间 8 位）、工作单位、困难类别、建档日期、帮扶责任人及电话、"
                "本期帮扶记录、服务热线和备注栏。每张 A4 纸 4 张卡，虚线处裁开。",
                "帮扶责任人和电话取自花名册的“帮扶责任人”“责任人电话”列；没有时取规则文件的"
                "[cards.contacts]（按工作单位）或 [cards] contact。给出 --ledger 时列出期间内的帮扶记录与合计。",
            ),
            "examples": (
                "jiekun cards samples/survey-roster.xlsx --ledger samples/assist-ledger.xlsx",
                "jiekun cards 花名册.xlsx --only extreme --rules 规则.toml -o 联系卡.docx",
            ),
            "options": {
                "roster": "花名册：.xlsx .xls .ods .csv .tsv .txt。",
                "ledger": "帮扶台账（同 jiekun assist）：卡上列出期间内的帮扶记录与合计。",
                "date_from": "帮扶记录的开始日期 YYYY-MM-DD（含当天；默认台账最早日期）。",
                "date_to": "帮扶记录的结束日期 YYYY-MM-DD（含当天；默认台账最晚日期）。",
                "only": "hardship：困难职工（含特困，默认）；extreme：只给特困职工。",
                "full_ids": "卡上印完整身份证号（默认隐去中间 8 位）。",
                "output": "联系卡文档 .docx（默认：当前文件夹下的 <花名册名>-cards.docx）。",
            },
        },
    },
    "en": {
        "title": "Hardship Worker Contact Card",
        "name": "Name",
        "id": "ID",
        "employer": "Employer",
        "category": "Category",
        "filed_on": "Filed",
        "contact": "Contact",
        "contact_phone": "Phone",
        "help_label": "Help",
        "help_line": "{date}  {kind}  {amount} yuan",
        "help_total": "Total: {acts} acts, {amount} yuan",
        "help_more": "({n} more not listed)",
        "help_none": "No help recorded in the period",
        "hotline": "Hotline",
        "hotline_line": "{hotline} (union hotline)",
        "notes": "Notes",
        "issuer": "Issued by (union seal): ",
        "issued_on": "Date issued: ",
        "rules_font": "Report font",
        "rules_cards": "Contact cards",
        "rules_cards_line": "hotline {hotline}, font {font}",
        "rules_contacts": "Default contacts",
        "any_employer": "other employers",
        "written": "{n} contact cards written (4 to a page, {pages} pages): {path}",
        "written_help": "{n} of them list help received (ledger {source}, {start} to {end}, {rows} rows).",
        "none": "The roster has no {who}; the document is one page of empty cards.",
        "who": {"hardship": "workers in hardship", "extreme": "workers in extreme hardship"},
        "open": "(open)",
        "help": {
            "short": "Print contact cards for hardship workers (a Word document)",
            "about": (
                "Writes a contact card (困难职工解困脱困联系卡) for every worker of the roster in hardship "
                "(extreme included): name, ID number (masked unless --full-ids), employer, filed category, "
                "filing date, the union contact and phone, the help received, the hotline and a notes line. "
                "Four cards to an A4 page, with dashed lines to cut along.",
                "The contact and phone come from the roster's 帮扶责任人 and 责任人电话 columns, else "
                "[cards.contacts] (by employer) or [cards] contact of the rules file. With --ledger each "
                "card lists the help in the period and its total.",
            ),
            "examples": (
                "jiekun cards samples/survey-roster.xlsx --ledger samples/assist-ledger.xlsx",
                "jiekun cards roster.xlsx --only extreme --rules rules.toml -o cards.docx",
            ),
            "options": {
                "roster": "The roster: .xlsx .xls .ods .csv .tsv .txt.",
                "ledger": "An assistance ledger (as for jiekun assist): the help in the period goes on the cards.",
                "date_from": "First day of the help listed, YYYY-MM-DD (inclusive; default the ledger's first).",
                "date_to": "Last day of the help listed, YYYY-MM-DD (inclusive; default the ledger's last).",
                "only": "hardship: workers in hardship, extreme included (default); extreme: extreme only.",
                "full_ids": "Print full ID numbers (masked by default).",
                "output": "The cards document .docx (default: <roster name>-cards.docx in this folder).",
            },
        },
    },
}
