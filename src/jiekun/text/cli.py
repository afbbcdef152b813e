"""The words of the command line: every command's help, and what the commands print themselves.

``commands[<name>]`` is one command's help: ``short`` (its line in ``jiekun --help``),
``about`` (paragraphs), ``examples`` (each shown whole on one line, so each fits in
76 columns: a Chinese character counts two) and ``options`` (help of its own
options, over the shared ``options``). ``metavars`` name the value an option takes;
``{default}`` in an option's help is its default. See ``jiekun.cli.help``.
"""

from __future__ import annotations

WORDS: dict[str, dict] = {
    "zh": {
        "error": "错误：",
        "internal": "jiekun 内部出错（{what}）。这不是你的错，是 jiekun 自身的问题。"
        "请在命令前加 --debug 重新运行一次（jiekun --debug 命令 …），"
        "把显示的全部内容和 jiekun 的版本 {version} 报告给开发者（不要附上花名册本身）。",
        "many_files_only": "{option} 只用于单个花名册文件；多个文件（或 --engine）时请去掉它。",
        "no_dask": "--engine dask 需要先安装 Dask：pip install 'jiekun[dask]'（或不加 --engine dask，在本机算）。",
        "os_error": "读写文件出错（{what}）。请检查磁盘空间和权限，以及文件是否正在 Excel 或 WPS 中打开，然后再试。",
        "bad_date": "'{value}' 不是有效的日期。日期应写成 YYYY-MM-DD，例如 2025-12-31。",
        "bad_suffix": "不能写出 {path}：jiekun {command} 写出的是 {accepted} 文件，"
        "文件名要以它结尾，例如 {example}。",
        "one_of": "{a} 与 {b} 只能选一个。",
        "exists": "{path} 已存在。要覆盖请加 --force。",
        "report_written": "已写出报告：{path}",
        "problems_written": "已写出问题清单：{path}",
        "rules_written": "已写出默认规则文件：{path}",
        "template_written": "已写出花名册模板：{path}",
        "match_written": "已写出比对结果：{path}",
        "batch_written": "已写出趋势工作簿：{path}",
        "compare_written": "已写出对比工作簿：{path}",
        "help": {
            "usage": "用法：",
            "options_metavar": "[选项]",
            "command_metavar": "命令 [参数]…",
            "arguments": "参数：",
            "options": "选项：",
            "commands": "命令：",
            "examples": "示例：",
            "exit_codes": "退出码：",
            "more": "每个命令的说明和示例：jiekun 命令 --help",
        },
        "exit_codes": (
            ("0", "完成"),
            ("1", "发现数据错误（check；加 --strict 时有警告也算）"),
            ("2", "用法错误，或输入文件读不了；会附一段话说明怎么办"),
            ("3", "jiekun 内部出错：不是你的错，请报告（jiekun --debug 命令 … 显示详情）"),
        ),
        "about": (
            "解困 jiekun：读取工会的职工花名册（Excel、WPS、CSV），判定困难职工（人均月收入 ≤ 280 元）"
            "和特困职工（≤ 245 元），按调研报告的口径统计，写出可打印的报告。"
            "不改动你的文件，数据都留在本机。",
        ),
        "options": {
            "roster": "花名册文件：.xlsx .xls .ods .csv .tsv .txt",
            "as_of": "统计日期，用来计算年龄（默认今天；每份报告都写明）。",
            "rules": "规则文件（TOML），可用 jiekun rules --init 生成。",
            "profile": "规则方案：survey 按调研口径（245/280 元），dibao 按低保标准的倍数（配合 --dibao）。",
            "dibao": "当地低保标准（元/月），dibao 方案用。",
            "sheet": "工作表的名称或序号（从 1 开始），或 all（所有可见的花名册工作表合为一份）；默认第一个有花名册表头的表。",
            "members": "家庭成员表（身份证号、与职工关系、月收入……）；默认用花名册工作簿中的“家庭成员”表（如有）。",
            "encoding": "文本文件的编码，如 gbk（默认依次尝试 UTF-8、GB18030、UTF-16）。",
            "more": "更多花名册文件（或加引号的通配符，如 'parts/*.csv'），按顺序合为一份统计；重复的身份证号跨文件查找。",
            "engine": "多个文件用什么算：local 本机一个进程（默认），dask 用 Dask 集群（需 pip install 'jiekun[dask]'，见 docs/scale.md）。",
            "scheduler": "Dask 调度器地址，如 tcp://10.0.0.5:8786；不给则在本机起一个集群。",
            "lang": "输出和帮助的语言：zh 中文，en 英文（也可设环境变量 JIEKUN_LANG=en）。",
            "as_json": "只输出一个 JSON 对象（格式见 README），给脚本用。",
            "force": "覆盖已存在的输出文件。",
            "mask_ids": "工作簿中的身份证号打码（对外提供时用）。",
            "help": "显示本帮助并退出。",
            "version": "显示版本号。",
            "debug": "出错时显示完整的错误追踪（traceback），报告问题时用。",
        },
        "metavars": {
            "roster": "花名册",
            "members": "成员表",
            "reference": "参照名单",
            "paths": "文件夹或文件…",
            "old": "上期",
            "new": "本期",
            "output": "文件",
            "init": "文件",
            "rules": "文件",
            "as_of": "YYYY-MM-DD",
            "month": "YYYY-MM",
            "dibao": "元",
            "sheet": "表",
            "reference_sheet": "表",
            "encoding": "编码",
            "more": "文件…",
            "engine": "local|dask",
            "scheduler": "地址",
            "reference_encoding": "编码",
            "lang": "zh|en",
            "jobs": "N",
            "rows": "N",
            "area": "称呼",
            "on": "列名",
        },
        "commands": {
            "summary": {
                "short": "在终端打印调研统计表，不写任何文件",
                "about": (
                    "读取一份花名册，给每位职工分类，在终端显示总数、按年龄性别和文化程度分组的调研统计表、"
                    "致困原因和核对行。不写任何文件：要报告工作簿用 jiekun classify，"
                    "要逐行的问题用 jiekun check。",
                ),
                "examples": (
                    "jiekun summary samples/survey-roster.xlsx --as-of 2025-12-31",
                    "jiekun summary 花名册.csv --profile dibao --dibao 930 --json",
                    "jiekun summary 'parts/*.csv' --engine dask --json",
                ),
                "options": {},
            },
            "check": {
                "short": "逐行列出数据问题；有错误时退出码为 1",
                "about": (
                    "按 Excel 行号列出每个数据问题（身份证号、收入、家庭人口、重复……），"
                    "按问题归类，每类显示前几行；用 -o 把全部问题写到文件。"
                    "有错误时退出码为 1（加 --strict 时有警告也为 1），方便在脚本里用。",
                ),
                "examples": (
                    "jiekun check samples/messy-roster.csv --as-of 2025-12-31",
                    "jiekun check 花名册.xlsx -o 问题.csv --strict",
                ),
                "options": {
                    "output": "把全部问题写到文件：.xlsx（问题数据表）或 .csv（带 BOM，Excel 可直接打开）。",
                    "strict": "有警告也以退出码 1 结束。",
                },
            },
            "classify": {
                "short": "给每位职工分类，写出可打印的报告工作簿",
                "about": (
                    "读取花名册，给每位职工分类，写出报告工作簿（汇总、分类统计、明细、问题数据、"
                    "文字说明、说明），并在终端显示统计表。花名册本身不会被改动；"
                    "已存在的报告要加 --force 才覆盖。",
                ),
                "examples": (
                    "jiekun classify samples/survey-roster.xlsx --as-of 2025-12-31",
                    "jiekun classify 花名册.xlsx -o 报告.xlsx --force --detail hardship",
                ),
                "options": {
                    "output": "报告文件 .xlsx（默认：当前文件夹下的 <花名册名>-report.xlsx）。",
                    "force": "覆盖已存在的报告文件。",
                    "detail": "明细表：all 全部职工，hardship 只列困难职工，none 不要明细（默认 {default}）。",
                    "area": "文字说明中的地区称呼，如 全县、本街道（默认 全区）。",
                    "mask_ids": "报告中的身份证号打码（对外提供时用）。",
                },
            },
            "rules": {
                "short": "显示当前生效的规则，或写出默认规则文件",
                "about": (
                    "显示其他命令会用的规则：默认规则，或 --rules、--profile、--dibao 给出的规则。"
                    "--init 写出一份带注释的规则文件；改好后用 --rules 文件 交给其他命令。",
                ),
                "examples": ("jiekun rules --init 规则.toml", "jiekun rules --rules 规则.toml"),
                "options": {
                    "init": "把带注释的默认规则写到这个文件（.toml）。",
                    "force": "覆盖已存在的文件。",
                },
            },
            "batch": {
                "short": "月度批量统计：每月人数和困难职工的流动，写出趋势工作簿",
                "about": (
                    "读取一个文件夹（每月一份花名册）或几份文件，统计每个月的人数，以及与上个月相比的流动："
                    "新增、返困、脱困、离册、持续、加重、减轻。",
                    "每份文件的月份从文件名读取（2025-03、2025_03、2025.03、202503、2025年3月），"
                    "或用 --month 按文件顺序每份给一次。工作簿默认写到当前文件夹下的 <文件夹名>-trend.xlsx；"
                    "用 --json 时只打印 JSON，给了 -o 才写工作簿。",
                ),
                "examples": (
                    "jiekun batch samples/monthly/",
                    "jiekun batch 1月.xlsx 2月.xlsx --month 2025-01 --month 2025-02 -o 趋势.xlsx",
                    "jiekun batch samples/monthly/ --json",
                ),
                "options": {
                    "paths": "一个文件夹（每月一份花名册），或几份花名册文件。",
                    "output": "趋势工作簿 .xlsx（默认见上）。",
                    "month": "按文件顺序为每份文件指定月份（每份一次），代替从文件名读取。",
                    "month_from_name": "从文件名读取月份（默认）。",
                    "as_of_end_of_month": "年龄按每份花名册所属月份的月末计算（默认）。",
                    "as_of": "统一的年龄计算日期（默认：每份花名册按其月份的月末）。",
                    "jobs": "同时读取的文件数（默认等于 CPU 核数）。",
                },
            },
            "compare": {
                "short": "对比两份花名册：按身份证号列出流动，写出对比工作簿",
                "about": (
                    "按身份证号对比上期和本期两份花名册，列出新增、脱困、离册、加重、减轻等流动。",
                    "年龄按每份文件名中月份的月末计算（没有月份时按 --as-of，再没有按今天）。"
                    "工作簿默认写到当前文件夹下的 compare-report.xlsx；用 --json 时打印一个流动对象"
                    "（from、to 是月份或文件名），给了 -o 才写工作簿。",
                ),
                "examples": (
                    "jiekun compare samples/monthly/2025-02.xlsx samples/monthly/2025-03.xlsx",
                    "jiekun compare 上月.xlsx 本月.xlsx -o 变动.xlsx --json",
                ),
                "options": {
                    "old": "较早的花名册（上期）。",
                    "new": "较新的花名册（本期）。",
                    "output": "对比工作簿 .xlsx（默认见上）。",
                    "as_of": "统一的年龄计算日期（默认：每份花名册按其月份的月末）。",
                },
            },
            "template": {
                "short": "写出空白花名册模板：身份证号列为文本，带下拉列表",
                "about": (
                    "身份证号和电话列是文本格式（输入 18 位身份证号不会丢位），性别、文化程度、致困原因、"
                    "就业状态有下拉列表，家庭人口和收入有输入检查；“填表说明”表写明每一列和当前规则"
                    "（--rules、--profile）。jiekun 读回填好的模板不会报问题。",
                ),
                "examples": (
                    "jiekun template -o 花名册模板.xlsx",
                    "jiekun template --lang en --rows 5000 -o roster-template.xlsx",
                ),
                "options": {
                    "output": "模板文件 .xlsx（默认：当前文件夹下的 花名册模板.xlsx；--lang en 时为 roster-template.xlsx）。",
                    "rows": "预先设好格式和下拉列表的行数（默认 {default}）。",
                },
            },
            "match": {
                "short": "按身份证号与其他部门名单比对（信息比对）",
                "about": (
                    "按校验过的身份证号连接两份名单（15 位号码先转换；无效号码列出，不参与比对），"
                    "列出两边都有的、只在一边的，以及姓名、家庭人口、家庭收入、人均收入（相差超过 1 元）、"
                    "工作单位不一致的人。",
                    "参照名单是低保名单时，还列出在名单上却没有判为困难的职工，以及困难却不在名单上的职工。"
                    "工作簿有比对汇总、仅在名册、仅在参照、信息不一致、待核实五张表。",
                ),
                "examples": (
                    "jiekun match samples/survey-roster.xlsx samples/dibao-reference.csv",
                    "jiekun match 花名册.xlsx 残联名单.xlsx --reference-kind generic -o 比对.xlsx",
                ),
                "options": {
                    "reference": "参照名单：低保名单、残联名单、上年档案等（格式要求同花名册）。",
                    "output": "比对结果工作簿 .xlsx（默认：当前文件夹下的 <花名册名>-match.xlsx；"
                    "用 --json 时给了 -o 才写）。",
                    "on": "身份证号所在列的列名，自动识别选错时用；两份文件列名不同时可写两次。",
                    "reference_kind": "dibao（低保名单）或 generic。默认：文件名、工作表名或标题含“低保”时为 dibao。",
                    "reference_sheet": "参照名单的工作表名称或序号。",
                    "reference_encoding": "参照名单（文本文件）的编码。",
                },
            },
        },
    },
    "en": {
        "error": "Error: ",
        "internal": "jiekun failed inside ({what}). This is not your fault: it is a bug in jiekun. "
        "Please run the command once more with --debug before it (jiekun --debug COMMAND …) and report "
        "everything it prints, with the jiekun version {version}, to the developers (leave the roster out).",
        "many_files_only": "{option} is for one roster file only; leave it out with several files (or --engine).",
        "no_dask": "--engine dask needs Dask installed: pip install 'jiekun[dask]' (or leave out --engine dask to run here).",
        "os_error": "A file could not be read or written ({what}). Check the free disk space and the "
        "permissions, and whether the file is open in Excel or WPS, then try again.",
        "bad_date": "'{value}' is not a valid date. Write the date as YYYY-MM-DD, e.g. 2025-12-31.",
        "bad_suffix": "Cannot write {path}: jiekun {command} writes {accepted} files, and the name must end "
        "so, e.g. {example}.",
        "one_of": "Give only one of {a} and {b}.",
        "exists": "{path} exists. Add --force to overwrite it.",
        "report_written": "Report written: {path}",
        "problems_written": "Problems written: {path}",
        "rules_written": "Default rules file written: {path}",
        "template_written": "Template written: {path}",
        "match_written": "Cross-check written: {path}",
        "batch_written": "Trend workbook written: {path}",
        "compare_written": "Comparison workbook written: {path}",
        "help": {
            "usage": "Usage: ",
            "options_metavar": "[OPTIONS]",
            "command_metavar": "COMMAND [ARGS]…",
            "arguments": "Arguments:",
            "options": "Options:",
            "commands": "Commands:",
            "examples": "Examples:",
            "exit_codes": "Exit codes:",
            "more": "Each command's help and examples: jiekun COMMAND --help",
        },
        "exit_codes": (
            ("0", "done"),
            ("1", "data errors found (check; with --strict, warnings too)"),
            ("2", "bad usage or an unreadable input, with a message that says what to do"),
            ("3", "an internal error in jiekun: not your fault, please report it (--debug shows details)"),
        ),
        "about": (
            "jiekun reads trade-union worker rosters (Excel, WPS, CSV), decides who is in hardship "
            "(per-capita monthly income ≤ 280 yuan) and extreme hardship (≤ 245), tallies them the way "
            "district survey reports do and writes print-ready reports. It never changes your file and "
            "keeps everything on your computer.",
        ),
        "options": {
            "roster": "The roster file: .xlsx .xls .ods .csv .tsv .txt",
            "as_of": "The date ages are computed on (default today; every report states it).",
            "rules": "A rules file (TOML); jiekun rules --init writes one.",
            "profile": "Rules: survey (the survey's 245/280 yuan) or dibao (multiples of the 低保 standard, "
            "with --dibao).",
            "dibao": "The local 低保 standard (yuan a month), for the dibao profile.",
            "sheet": "Sheet name or number (from 1), or all (every visible roster sheet as one roster); default the first sheet with a roster header.",
            "members": "Household member list (ID, relation, income…); default the roster workbook's own 家庭成员 sheet, if any.",
            "encoding": "Encoding of a text file, e.g. gbk (default: UTF-8, then GB18030, then UTF-16).",
            "more": "More roster files (or a quoted glob such as 'parts/*.csv'), summarised in order as one; duplicate IDs are found across files.",
            "engine": "What summarises many files: local, one process here (default), or dask, a Dask cluster (pip install 'jiekun[dask]'; see docs/scale.md).",
            "scheduler": "A Dask scheduler address, e.g. tcp://10.0.0.5:8786; without it a local cluster is started.",
            "lang": "Language of the output and the help: zh or en (or set JIEKUN_LANG=en).",
            "as_json": "Print one JSON object only (see the README), for scripts.",
            "force": "Overwrite an existing output file.",
            "mask_ids": "Mask the ID numbers in the workbook (for sharing outside the office).",
            "help": "Show this help and exit.",
            "version": "Show the version.",
            "debug": "Show the full traceback on an error (for a bug report).",
        },
        "metavars": {
            "roster": "ROSTER",
            "members": "FILE",
            "reference": "REFERENCE",
            "paths": "PATH…",
            "old": "OLD",
            "new": "NEW",
            "output": "FILE",
            "init": "FILE",
            "rules": "FILE",
            "as_of": "YYYY-MM-DD",
            "month": "YYYY-MM",
            "dibao": "YUAN",
            "sheet": "SHEET",
            "reference_sheet": "SHEET",
            "encoding": "ENCODING",
            "more": "FILE…",
            "engine": "local|dask",
            "scheduler": "ADDRESS",
            "reference_encoding": "ENCODING",
            "lang": "zh|en",
            "jobs": "N",
            "rows": "N",
            "area": "NAME",
            "on": "COLUMN",
        },
        "commands": {
            "summary": {
                "short": "Print the survey table on the terminal; writes no file",
                "about": (
                    "Reads one roster, classifies every worker and shows the totals, the survey table by "
                    "age–gender group and education, the causes and the reconciliation line. Writes no "
                    "file: jiekun classify writes the report workbook, jiekun check lists problems by row.",
                ),
                "examples": (
                    "jiekun summary samples/survey-roster.xlsx --as-of 2025-12-31",
                    "jiekun summary roster.csv --profile dibao --dibao 930 --json",
                    "jiekun summary 'parts/*.csv' --engine dask --json",
                ),
                "options": {},
            },
            "check": {
                "short": "List every data problem by Excel row; exit 1 on errors",
                "about": (
                    "Lists every data problem (ID numbers, incomes, household sizes, duplicates …) by the "
                    "Excel row, grouped by problem with the first rows of each; -o writes them all to a "
                    "file. Exits 1 when there is an error (with --strict, a warning too), for scripts.",
                ),
                "examples": (
                    "jiekun check samples/messy-roster.csv --as-of 2025-12-31",
                    "jiekun check roster.xlsx -o problems.csv --strict",
                ),
                "options": {
                    "output": "Write every problem to a file: .xlsx (a problems sheet) or .csv (with a BOM, "
                    "opens in Excel).",
                    "strict": "Exit 1 on warnings too.",
                },
            },
            "classify": {
                "short": "Classify every worker and write the print-ready report workbook",
                "about": (
                    "Reads the roster, classifies every worker, writes the report workbook (summary, "
                    "breakdown, detail, problems, narrative, about) and shows the survey table. The roster "
                    "itself is never changed; an existing report is overwritten only with --force.",
                ),
                "examples": (
                    "jiekun classify samples/survey-roster.xlsx --as-of 2025-12-31",
                    "jiekun classify roster.xlsx -o report.xlsx --force --detail hardship",
                ),
                "options": {
                    "output": "The report, .xlsx (default: <roster name>-report.xlsx in the current folder).",
                    "force": "Overwrite an existing report.",
                    "detail": "Detail sheet: all workers, hardship workers only, or none (default {default}).",
                    "area": "What the narrative calls the area, e.g. 全县 (default 全区).",
                    "mask_ids": "Mask the ID numbers in the report (for sharing outside the office).",
                },
            },
            "rules": {
                "short": "Show the rules in force, or write a default rules file",
                "about": (
                    "Shows the rules the other commands use: the defaults, or those given by --rules, "
                    "--profile and --dibao. --init writes a commented rules file; edit it and hand it to "
                    "the other commands with --rules FILE.",
                ),
                "examples": ("jiekun rules --init rules.toml", "jiekun rules --rules rules.toml"),
                "options": {
                    "init": "Write the commented default rules to this file (.toml).",
                    "force": "Overwrite an existing file.",
                },
            },
            "batch": {
                "short": "Monthly statistics and hardship flows; writes the trend workbook",
                "about": (
                    "Reads a folder of monthly rosters (or several files) and counts each month, with the "
                    "flows since the month before: entered, returned, exited, left, stayed, worsened, eased.",
                    "The month of each file comes from its name (2025-03, 2025_03, 2025.03, 202503, "
                    "2025年3月) or from --month, given once per file in order. The workbook goes to "
                    "<folder name>-trend.xlsx in the current folder; with --json only the JSON is printed "
                    "and a workbook is written only when -o is given.",
                ),
                "examples": (
                    "jiekun batch samples/monthly/",
                    "jiekun batch jan.xlsx feb.xlsx --month 2025-01 --month 2025-02 -o trend.xlsx",
                    "jiekun batch samples/monthly/ --json",
                ),
                "options": {
                    "paths": "A folder (one roster a month), or several roster files.",
                    "output": "The trend workbook, .xlsx (default: see above).",
                    "month": "The month of each file, once per file in order, instead of the file names.",
                    "month_from_name": "Take the months from the file names (the default).",
                    "as_of_end_of_month": "Ages at the end of each roster's month (the default).",
                    "as_of": "One date for the ages of every roster (default: the end of each month).",
                    "jobs": "Files read at once (default: the number of CPU cores).",
                },
            },
            "compare": {
                "short": "The flows between two rosters, by ID number; writes a workbook",
                "about": (
                    "Compares an older and a newer roster by ID number: who entered, exited, left the "
                    "roster, worsened, eased.",
                    "Ages are taken at the end of the month in each file name (else --as-of, else today). "
                    "The workbook goes to compare-report.xlsx in the current folder; with --json one flow "
                    "object is printed (from/to are the months, or the file names) and a workbook is "
                    "written only when -o is given.",
                ),
                "examples": (
                    "jiekun compare samples/monthly/2025-02.xlsx samples/monthly/2025-03.xlsx",
                    "jiekun compare before.xlsx after.xlsx -o changes.xlsx --json",
                ),
                "options": {
                    "old": "The older roster.",
                    "new": "The newer roster.",
                    "output": "The comparison workbook, .xlsx (default: see above).",
                    "as_of": "One date for the ages of both rosters (default: the end of each month).",
                },
            },
            "template": {
                "short": "Write an empty roster template whose ID column is text",
                "about": (
                    "The ID and phone columns are text (an 18-digit ID typed in keeps every digit); gender, "
                    "education, cause and employment have dropdowns; household size and incomes are "
                    "checked; a 填表说明 sheet explains each column and the rules in force (--rules, "
                    "--profile). jiekun reads a filled template with no problems.",
                ),
                "examples": (
                    "jiekun template -o 花名册模板.xlsx",
                    "jiekun template --lang en --rows 5000 -o roster-template.xlsx",
                ),
                "options": {
                    "output": "The template, .xlsx (default: 花名册模板.xlsx in the current folder; "
                    "roster-template.xlsx with --lang en).",
                    "rows": "Rows laid out with formats and dropdowns (default {default}).",
                },
            },
            "match": {
                "short": "Cross-check a roster with another list by ID number",
                "about": (
                    "Joins the two lists by validated ID number (15-digit numbers converted; invalid "
                    "numbers listed and never matched) and lists who is on both, on one side only, and "
                    "where name, household size, household income, per-capita income (beyond 1 yuan) or "
                    "employer disagree.",
                    "Against a 低保 list it also lists listed workers not classified as hardship, and "
                    "hardship workers not listed. The workbook has the sheets 比对汇总, 仅在名册, 仅在参照, "
                    "信息不一致, 待核实.",
                ),
                "examples": (
                    "jiekun match samples/survey-roster.xlsx samples/dibao-reference.csv",
                    "jiekun match roster.xlsx list.xlsx --reference-kind generic -o match.xlsx",
                ),
                "options": {
                    "reference": "The other list: 低保, disability federation, last year's records.",
                    "output": "The workbook, .xlsx (default: <roster name>-match.xlsx in the current folder; "
                    "with --json only when -o is given).",
                    "on": "The name of the ID column, when the one found is wrong; twice when the two files "
                    "name it differently.",
                    "reference_kind": "dibao (a 低保 list) or generic. Default: dibao when the file name, "
                    "sheet name or title says 低保.",
                    "reference_sheet": "Sheet name or number of the reference list.",
                    "reference_encoding": "Encoding of the reference list (a text file).",
                },
            },
        },
    },
}
