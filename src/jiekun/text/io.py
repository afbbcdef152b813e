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
        "zip_not_sheet": "文件 {path} 是一个压缩包，但不是 Excel 或 ODS 表格。请确认选对了文件。",
        "huge_box": "文件 {path} 的工作表范围异常大（{rows} 行 × {cols} 列），不像一份正常的花名册，"
        "读取会耗尽内存，已拒绝。请在 Excel/WPS 中删除多余的行列后另存，再试。",
        "password": "文件 {path} 设置了打开密码，jiekun 无法读取。请在 Excel/WPS 中输入密码打开，"
        "在“文件 → 信息 → 保护工作簿”中取消密码后另存，再试。",
        "cannot_open": "文件 {path} 无法作为 {kind} 表格打开（{detail}）。"
        "文件可能已损坏；请在 Excel/WPS 中打开并另存为 .xlsx 后再试。",
        "bad_sheet": "文件 {path} 的工作表“{name}”无法读取（{detail}）。文件可能已损坏。",
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
        "zip_not_sheet": "File {path} is a zip archive but not an Excel or ODS spreadsheet. Check that it is the right file.",
        "huge_box": "A sheet of {path} spans an unusually large range ({rows} rows × {cols} columns), unlike any roster; "
        "reading it would exhaust memory, so it was refused. Delete the extra rows and columns in Excel/WPS, save, and try again.",
        "password": "File {path} is protected by a password; jiekun cannot read it. Open it in Excel/WPS with the password, "
        "remove it under File → Info → Protect Workbook, save, and try again.",
        "cannot_open": "File {path} cannot be opened as a {kind} spreadsheet ({detail}). "
        "It may be damaged; open it in Excel/WPS, save it as .xlsx and try again.",
        "bad_sheet": "Sheet “{name}” of {path} cannot be read ({detail}). The file may be damaged.",
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
        "out_is_input": "Output file {out} is the input file; jiekun never overwrites an input. Give another file name with -o.",
        "out_exists": "{out} exists and was not overwritten. Add --force to overwrite it, or give another file name with -o.",
        "out_is_dir": "{out} is a folder. Give the file name of the output.",
        "out_no_dir": "Output folder {dir} does not exist. Create it first, or choose another path.",
    },
}
