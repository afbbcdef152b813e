"""Words of reading rosters and writing files: every message of ``jiekun.io``."""

from __future__ import annotations

WORDS: dict[str, dict] = {
    "zh": {
        # separators of the lists inside a message
        "sep": "、",
        "clause_sep": "；",
        "hint_sep": " ",
        # the file itself
        "not_found": "找不到文件 {path}。请检查路径和文件名是否正确。",
        "is_dir": "{path} 是一个文件夹，不是文件。请给出花名册文件的路径（多个月的文件夹请用 jiekun batch）。",
        "not_regular": "{path} 不是普通文件（是管道、设备或套接字），无法作为花名册读取。请给出保存在磁盘上的花名册文件。",
        "no_permission": "没有权限读取文件 {path}。请检查文件权限，或把文件复制到自己的文件夹后再试。",
        "unreadable": "无法读取文件 {path}：{reason}。",
        "empty": "文件 {path} 是空的（0 行）。请确认选对了文件，或重新导出。",
        "not_table": "文件 {path} 实际上是{what}，不是表格（只是扩展名为 {suffix}）。请找到原始的 Excel 或 CSV 文件。",
        "what_pdf": "PDF 文件",
        "what_image": "图片",
        "no_suffix": "空",
        "mime": "文件 {path} 是网页存档（MIME/MHTML），不是真正的 Excel 文件。请在 Excel/WPS 中打开并另存为 .xlsx 后再试。",
        "encrypted": "文件 {path} 设置了打开密码（已加密），jiekun 无法读取。请在 Excel/WPS 中输入密码打开，"
        "取消密码后另存为 .xlsx，再试。",
        # containers and workbooks
        "zip_bomb": "文件 {path} 解压后超过 {gb} GB，不像一份正常的花名册（可能是压缩炸弹），已拒绝读取。",
        "bad_zip": "文件 {path} 已损坏或不完整（无法作为 Excel 文件打开）。"
        "请重新从原处复制或下载，或在 Excel/WPS 中打开并另存为 .xlsx 后再试。",
        "zip_not_sheet": "文件 {path} 是一个压缩包（里面有：{names}），不是 Excel 或 ODS 表格。"
        "请先解压，再用其中的花名册文件；或确认选对了文件。",
        "huge_box": "文件 {path} 的工作表范围异常大（{rows} 行 × {cols} 列），不像一份正常的花名册，"
        "读取会耗尽内存，已拒绝。请在 Excel/WPS 中删除多余的行列后另存，再试。",
        "password": "文件 {path} 设置了打开密码，jiekun 无法读取。请在 Excel/WPS 中输入密码打开，"
        "在“文件 → 信息 → 保护工作簿”中取消密码后另存，再试。",
        "cannot_open": "文件 {path} 无法作为 {kind} 表格打开（{detail}）。"
        "文件可能已损坏；请在 Excel/WPS 中打开并另存为 .xlsx 后再试。",
        "bad_sheet": "文件 {path} 的工作表“{name}”无法读取（{detail}）。文件可能已损坏。",
        # untrusted files (io/guard.py): what a file is, and a reader that failed
        "old_excel": "文件 {path} 是 Excel 2.x–4.x（1987–1994 年）的旧格式，jiekun 无法读取。"
        "请在 Excel、WPS 或 LibreOffice 中打开它，另存为 .xlsx 后再试。",
        "compressed": "文件 {path} 是 {what} 压缩文件，不是表格。请先解压（右键 → 解压到当前文件夹），"
        "再用其中的 Excel 或 CSV 文件。",
        "huge_strings": "文件 {path} 声称含有 {n} 个不同的文字，远超文件本身能容纳的数量（文件已损坏或被构造过），"
        "读取会耗尽内存，已拒绝。请在 Excel/WPS 中打开并另存为 .xlsx 后再试。",
        "ole_damaged": "文件 {path} 的内部结构已损坏（{why}），读取它可能耗尽内存，已拒绝。"
        "请重新从原处复制或下载；或在 Excel/WPS 中打开并另存为 .xlsx 后再试。",
        "ole_not_sheet": "文件 {path} 是{what}文件，不是 Excel 表格（只是扩展名像表格）。请找到原始的 Excel 或 CSV 文件。",
        "why_short": "文件太短，只有文件头的一部分",
        "why_header": "文件头的扇区大小无效",
        "why_counts": "文件头声称的扇区数超过文件实际所有",
        "why_chain": "扇区链循环或指向文件末尾之外",
        "how_abort": "内存分配失败后中止",
        "how_killed": "被系统终止，通常是内存不足",
        "how_crash": "崩溃",
        "how_exit": "退出码 {code}",
        "what_word": " Word ",
        "what_powerpoint": " PowerPoint ",
        "what_ole": "一个 OLE 复合",
        "reader_memory": "读取文件 {path} 时内存超过上限（{mb} MB），已停止。文件可能已损坏或被构造过；"
        "请在 Excel/WPS 中打开并另存为 .xlsx 后再试。确是很大的正常文件时，可用环境变量 JIEKUN_READ_MEMORY_MB 调高上限。",
        "reader_died": "读取文件 {path} 时表格读取程序意外终止（{how}，内存上限 {mb} MB）。文件可能已损坏或被构造过；"
        "请在 Excel/WPS 中打开并另存为 .xlsx 后再试。确是很大的正常文件时，可用环境变量 JIEKUN_READ_MEMORY_MB 调高上限。",
        "reader_panic": "文件 {path} 无法作为 {kind} 表格读取：表格读取程序在文件中遇到无法处理的内容（{detail}）。"
        "文件可能已损坏；请在 Excel/WPS 中打开并另存为 .xlsx 后再试。",
        "bad_memory_env": "环境变量 {env} 的值“{value}”不是整数（以 MB 为单位；0 表示不设上限）。",
        "no_such_sheet": "{path} 中没有名为“{sheet}”的工作表。现有的工作表：{names}。"
        "请用 --sheet 指定其中之一（名称或序号，从 1 开始）。",
        "few_tables": "{path} 中只有 {n} 个表格，请用 --sheet 1 到 {n} 选择。",
        # html and text
        "html_no_table": "文件 {path} 实际上是网页（HTML），里面没有表格。请在 Excel/WPS 中打开并另存为 .xlsx 后再试。",
        "note_html": "{name} 的扩展名是 {suffix}，但内容实际上是网页表格（HTML），已按网页表格读取。",
        "note_csv": "{name} 的扩展名是 {suffix}，但内容实际上是文本（CSV），已按 CSV 读取。",
        "text_sheet": "{path} 是文本文件（CSV），没有工作表，不能使用 --sheet。请去掉 --sheet 再试。",
        "bad_encoding_name": "不认识的编码 '{encoding}'。常用的有 utf-8、gb18030、utf-16。",
        "undecodable": "文件 {path} 的文字编码无法识别{at}，已尝试 {tried}。"
        "如果知道它的编码，请用 --encoding 指定，例如 --encoding big5 或 --encoding gb18030；"
        "或在 Excel/WPS 中打开后另存为 .xlsx 再试。",
        "undecodable_at": "（第 {n} 字节处出错）",
        # the header
        "no_header": "在 {path} 中没有找到花名册的表头（前 {scan} 行里没有一行含有至少三个已知列名，"
        "如 姓名、身份证号、家庭人口、家庭月收入）。{lines}。请确认表头行的列名，或在规则文件的 [aliases] 中补充别名。",
        "where_sheet": "工作表“{sheet}”",
        "where_file": "文件",
        "first_row": "{where}第一行内容：{cells}",
        "first_row_empty": "（空）",
        "missing": "{path} 缺少必需的列：{missing}。找到的列有：{found}。{hints} 请修改表头，或在规则文件的 [aliases] 中为这些列补充别名。",
        "missing_hint": "“{header}”是否是“{close}”？",
        # layouts of office spreadsheets (merged cells, header blocks, several sheets, formulas)
        "merged_filled": "{column} 列有 {n} 个合并单元格，已按合并范围填充",
        "header_block": "表头占第 {top}–{bottom} 行（多级表头），已把各行合并为一个列名：{labels}",
        "other_sheets": "工作表 {names} 也有花名册表头，未读取（只读了第一个）；要把 {n} 个工作表一起读取，请用 --sheet all",
        "hidden_sheets": "隐藏的工作表 {names} 有花名册表头，未读取；要读取请用 --sheet 指定它的名称",
        "sheets_read": "已把 {n} 个工作表合为一份花名册读取：{names}（“工作表”列注明每行所在的表）",
        "sheet_differs": "工作表“{sheet}”的表头与“{first}”不完全相同，已按字段和列名对应",
        "of_sheet": "工作表“{sheet}”：{note}",
        "sheet_column": "工作表",
        "formula_blank": "{column} 列有 {n} 个单元格是公式，但公式没有保存计算结果，请用 Excel 或 WPS 打开后保存一次再试",
        # writing
        "out_is_input": "输出文件 {out} 就是输入文件，jiekun 从不改写输入。请用 -o 指定另一个文件名。",
        "out_exists": "{out} 已存在，未覆盖。要覆盖请加 --force，或用 -o 指定另一个文件名。",
        "out_is_dir": "{out} 是一个文件夹。请给出输出文件的文件名。",
        "out_no_dir": "输出文件夹 {dir} 不存在。请先建立它，或换一个路径。",
    },
    "en": {
        "sep": ", ",
        "clause_sep": "; ",
        "hint_sep": " ",
        "not_found": "File {path} not found. Check the path and the file name.",
        "is_dir": "{path} is a folder, not a file. Give the path of a roster file (for a folder of months use jiekun batch).",
        "not_regular": "{path} is not a regular file (a pipe, a device or a socket) and cannot be read as a roster. Give a roster file saved on disk.",
        "no_permission": "No permission to read {path}. Check the file's permissions, or copy it to your own folder and try again.",
        "unreadable": "Cannot read {path}: {reason}.",
        "empty": "File {path} is empty (0 rows). Check that it is the right file, or export it again.",
        "not_table": "File {path} is really {what}, not a table (only its extension is {suffix}). Find the original Excel or CSV file.",
        "what_pdf": "a PDF file",
        "what_image": "an image",
        "no_suffix": "empty",
        "mime": "File {path} is a web archive (MIME/MHTML), not a real Excel file. Open it in Excel/WPS, save it as .xlsx and try again.",
        "encrypted": "File {path} is protected by a password (encrypted); jiekun cannot read it. Open it in Excel/WPS "
        "with the password, remove the password, save it as .xlsx and try again.",
        "zip_bomb": "File {path} unpacks to more than {gb} GB, unlike any roster (perhaps a zip bomb); it was refused.",
        "bad_zip": "File {path} is damaged or incomplete (it cannot be opened as an Excel file). "
        "Copy or download it again, or open it in Excel/WPS, save it as .xlsx and try again.",
        "zip_not_sheet": "File {path} is a zip archive (holding: {names}), not an Excel or ODS spreadsheet. "
        "Unzip it first and use the roster file inside, or check that it is the right file.",
        "huge_box": "A sheet of {path} spans an unusually large range ({rows} rows × {cols} columns), unlike any roster; "
        "reading it would exhaust memory, so it was refused. Delete the extra rows and columns in Excel/WPS, save, and try again.",
        "password": "File {path} is protected by a password; jiekun cannot read it. Open it in Excel/WPS with the password, "
        "remove it under File → Info → Protect Workbook, save, and try again.",
        "cannot_open": "File {path} cannot be opened as a {kind} spreadsheet ({detail}). "
        "It may be damaged; open it in Excel/WPS, save it as .xlsx and try again.",
        "bad_sheet": "Sheet “{name}” of {path} cannot be read ({detail}). The file may be damaged.",
        "old_excel": "File {path} is in the old format of Excel 2.x–4.x (1987–1994), which jiekun cannot read. "
        "Open it in Excel, WPS or LibreOffice, save it as .xlsx and try again.",
        "compressed": "File {path} is a {what} compressed file, not a table. Unpack it first "
        "(right-click → Extract here) and use the Excel or CSV file inside.",
        "huge_strings": "File {path} claims to hold {n} distinct texts, far more than the file can hold (it is damaged "
        "or crafted); reading it would exhaust memory, so it was refused. Open it in Excel/WPS, save it as .xlsx and try again.",
        "ole_damaged": "The inner structure of {path} is damaged ({why}); reading it could exhaust memory, so it was refused. "
        "Copy or download it again, or open it in Excel/WPS, save it as .xlsx and try again.",
        "ole_not_sheet": "File {path} is {what} file, not an Excel workbook (only its extension looks like one). "
        "Find the original Excel or CSV file.",
        "why_short": "it is shorter than its header",
        "why_header": "its header gives an invalid sector size",
        "why_counts": "its header claims more sectors than the file holds",
        "why_chain": "a sector chain loops or points past the end of the file",
        "how_abort": "it aborted, after an allocation failed",
        "how_killed": "the system killed it, usually for lack of memory",
        "how_crash": "it crashed",
        "how_exit": "exit code {code}",
        "what_word": "a Word",
        "what_powerpoint": "a PowerPoint",
        "what_ole": "an OLE compound",
        "reader_memory": "Reading {path} went past the memory limit ({mb} MB) and was stopped. The file may be damaged or "
        "crafted; open it in Excel/WPS, save it as .xlsx and try again. For a genuinely large file, raise the limit "
        "with the environment variable JIEKUN_READ_MEMORY_MB.",
        "reader_died": "The spreadsheet reader stopped unexpectedly while reading {path} ({how}, memory limit {mb} MB). "
        "The file may be damaged or crafted; open it in Excel/WPS, save it as .xlsx and try again. For a genuinely "
        "large file, raise the limit with the environment variable JIEKUN_READ_MEMORY_MB.",
        "reader_panic": "File {path} cannot be read as a {kind} spreadsheet: the reader met content it cannot handle "
        "({detail}). It may be damaged; open it in Excel/WPS, save it as .xlsx and try again.",
        "bad_memory_env": "The environment variable {env} is “{value}”, not a whole number (MB; 0 means no limit).",
        "no_such_sheet": "{path} has no sheet named “{sheet}”. Its sheets: {names}. "
        "Choose one of them with --sheet (a name, or a position from 1).",
        "few_tables": "{path} holds only {n} tables; choose one with --sheet 1 to {n}.",
        "html_no_table": "File {path} is really a web page (HTML) without any table. Open it in Excel/WPS, save it as .xlsx and try again.",
        "note_html": "{name} has the extension {suffix} but is really a web page table (HTML); it was read as one.",
        "note_csv": "{name} has the extension {suffix} but is really text (CSV); it was read as CSV.",
        "text_sheet": "{path} is a text file (CSV) without sheets, so --sheet cannot be used. Remove --sheet and try again.",
        "bad_encoding_name": "Unknown encoding '{encoding}'. Common ones are utf-8, gb18030, utf-16.",
        "undecodable": "The text encoding of {path} is not recognised{at}; tried {tried}. "
        "If you know its encoding, give it with --encoding, for example --encoding big5 or --encoding gb18030; "
        "or open it in Excel/WPS, save it as .xlsx and try again.",
        "undecodable_at": " (error at byte {n})",
        "no_header": "No roster header found in {path} (none of the first {scan} rows holds at least three known column names "
        "such as 姓名, 身份证号, 家庭人口, 家庭月收入). {lines}. Check the header row's names, or add aliases under [aliases] in the rules file.",
        "where_sheet": "sheet “{sheet}”",
        "where_file": "the file",
        "first_row": "first row of {where}: {cells}",
        "first_row_empty": "(empty)",
        "missing": "{path} lacks required columns: {missing}. Columns found: {found}.{hints} Change the header, "
        "or add aliases for these columns under [aliases] in the rules file.",
        "missing_hint": "Is “{header}” meant to be “{close}”?",
        "merged_filled": "Column {column} has {n} merged cells; they were filled from their merged ranges",
        "header_block": "The header spans rows {top}–{bottom} (a multi-row header); each column's rows were combined into one name: {labels}",
        "other_sheets": "Sheets {names} also hold a roster header and were not read (only the first was); "
        "to read all {n} sheets as one roster, use --sheet all",
        "hidden_sheets": "Hidden sheets {names} hold a roster header and were not read; to read one, name it with --sheet",
        "sheets_read": "{n} sheets were read as one roster: {names} (the column 工作表 gives each row's sheet)",
        "sheet_differs": "The header of sheet “{sheet}” differs from that of “{first}”; columns were matched by field and name",
        "of_sheet": "sheet “{sheet}”: {note}",
        "sheet_column": "工作表",
        "formula_blank": "Column {column} has {n} formula cells whose results were never saved; "
        "open the file in Excel or WPS, save it once and try again",
        "out_is_input": "Output file {out} is the input file; jiekun never overwrites an input. Give another file name with -o.",
        "out_exists": "{out} exists and was not overwritten. Add --force to overwrite it, or give another file name with -o.",
        "out_is_dir": "{out} is a folder. Give the file name of the output.",
        "out_no_dir": "Output folder {dir} does not exist. Create it first, or choose another path.",
    },
}
