"""Column headers and cell values as HR reads them, in Chinese (default) or English.

Only the Excel workbook and the HTML report use these; the Parquet and CSV files keep the
machine-readable column names other tools rely on.
"""

from typing import Literal

from screener.vocabulary import DEGREES

Lang = Literal["zh", "en"]

COLUMNS: dict[str, tuple[str, str]] = {
    "rank": ("排名", "Rank"),
    "name": ("姓名", "Name"),
    "score": ("总分", "Score"),
    "must_have_passed": ("满足必备条件", "Must-haves met"),
    "must_haves_failed": ("未满足的必备条件", "Must-haves failed"),
    "explanation": ("评价", "Explanation"),
    "highest_degree": ("最高学历", "Highest degree"),
    "total_experience_months": ("工作经验（月）", "Experience (months)"),
    "text_quality": ("文本质量", "Text quality"),
    "text_quality_reason": ("文本质量说明", "Text quality note"),
    "duplicate_group": ("重复组", "Duplicate group"),
    "is_duplicate": ("重复投递", "Duplicate"),
    "phones": ("电话", "Phones"),
    "emails": ("邮箱", "E-mails"),
    "source_path": ("文件", "File"),
    "source_sha256": ("文件 SHA-256", "File SHA-256"),
    "source_format": ("格式", "Format"),
    "stage": ("环节", "Stage"),
    "code": ("错误代码", "Error code"),
    "reason": ("原因", "Reason"),
    "count": ("数量", "Count"),
    "profile_id": ("岗位编号", "Profile id"),
    "profile": ("岗位", "Profile"),
    "resumes": ("简历数", "Résumés"),
    "people": ("人数（去重）", "People (duplicates once)"),
    "met": ("满足必备条件人数", "Meeting must-haves"),
    "best_score": ("最高分", "Best score"),
    "median_score": ("中位分", "Median score"),
    "text_warnings": ("文本质量警告", "Text-quality warnings"),
    "verdict": ("结论", "Verdict"),
    "example": ("示例", "Example"),
    "best_profile_id": ("最适合岗位", "Best-fitting profile"),
    "best_must_have_passed": ("该岗位必备条件满足", "Meets its must-haves"),
    "second_profile_id": ("次适合岗位", "Runner-up profile"),
    "second_score": ("次高分", "Runner-up score"),
    "margin": ("领先分差", "Margin (points)"),
    "near_miss": ("接近入围", "Near miss"),
    "near_miss_note": ("差在哪条必备条件", "Which must-have, and by how much"),
    "best_profile": ("最适合岗位", "Best-fitting role"),
    "second_profile": ("次适合岗位", "Runner-up role"),
    "detail": ("技术说明", "Technical detail"),
    "assumption": ("假设", "Assumption"),
}

VALUES: dict[str, dict[str, tuple[str, str]]] = {
    "bool": {"true": ("是", "yes"), "false": ("否", "no")},
    "highest_degree": {d.value: (words.zh, words.en) for d, words in DEGREES.items()},
    "text_quality": {
        "ok": ("正常", "ok"),
        "low_text": ("文字过少", "little text"),
        "garbled": ("乱码", "garbled"),
        "obfuscated": ("字体加密，部分文字无法读取", "obfuscated web font: some text unreadable"),
        "scanned": ("扫描件", "scanned"),
    },
    "verdict": {
        "meets": ("满足必备条件", "meets must-haves"),
        "fails": ("未满足必备条件", "fails must-haves"),
        "duplicate": ("重复投递（不重复计数）", "duplicate (not counted again)"),
    },
}

# Where a line of the résumé sits (data/lexicons/sections.yaml keys, and "header" before any heading).
SECTIONS: dict[str, tuple[str, str]] = {
    "header": ("开头", "top"),
    "basic": ("基本信息", "personal"),
    "objective": ("求职意向", "objective"),
    "education": ("教育背景", "education"),
    "experience": ("工作经历", "experience"),
    "internships": ("实习经历", "internships"),
    "part_time": ("兼职经历", "part-time"),
    "projects": ("项目经历", "projects"),
    "skills": ("技能", "skills"),
    "certificates": ("证书", "certificates"),
    "languages": ("语言", "languages"),
    "training": ("培训经历", "training"),
    "summary": ("自我评价", "summary"),
    "family": ("家庭情况", "family"),
    "references": ("证明人", "references"),
}

# errors.csv keeps the code and the technical reason; HR reads this plain reason instead.
ERROR_REASONS: dict[str, tuple[str, str]] = {
    "corrupt_pdf": ("PDF 文件已损坏或不完整", "The PDF is damaged or incomplete"),
    "corrupt_docx": ("Word 文件（.docx）已损坏或不完整", "The Word file (.docx) is damaged or incomplete"),
    "corrupt_doc": ("Word 文件（.doc）已损坏", "The Word file (.doc) is damaged"),
    "corrupt_xlsx": ("Excel 文件（.xlsx）已损坏", "The Excel file (.xlsx) is damaged"),
    "corrupt_xls": ("Excel 文件（.xls）已损坏", "The Excel file (.xls) is damaged"),
    "corrupt_image": ("图片已损坏或无法识别", "The image is damaged or cannot be read"),
    "corrupt_mime": ("邮件文件无法读取", "The e-mail file cannot be read"),
    "corrupt": ("文件已损坏", "The file is damaged"),
    "encrypted": ("文件有密码保护，请求职者提供无密码版本", "The file is password-protected: ask for a copy without a password"),
    "encrypted_office": ("Office 文件有密码保护", "The Office file is password-protected"),
    "empty_file": ("文件是空的", "The file is empty"),
    "too_large": ("文件过大，未读取", "The file is too large and was not read"),
    "unsupported_format": ("不支持的文件格式", "The file format is not supported"),
    "legacy_doc": ("旧版 Word（.doc）文件无法读取，请另存为 .docx 或 PDF", "An old Word (.doc) file that cannot be read: save it as .docx or PDF"),
    "legacy_xls": ("旧版 Excel（.xls）文件无法读取", "An old Excel (.xls) file that cannot be read"),
    "needs_converter": ("读取此格式需要安装 LibreOffice", "Reading this format needs LibreOffice installed"),
    "convert_failed": ("文件格式转换失败", "The file could not be converted"),
    "decode_error": ("文本文件编码无法识别", "The text file's encoding is not recognised"),
    "scanned_image": ("扫描件或图片，无法识别文字", "A scan or picture whose text cannot be read"),
    "ocr_unavailable": ("扫描件：文字识别（OCR）未安装", "A scan: text recognition (OCR) is not installed"),
    "ocr_failed": ("扫描件：文字识别（OCR）失败", "A scan: text recognition (OCR) failed"),
    "not_a_resume": ("不像是简历", "Does not look like a résumé"),
    "read_failed": ("文件读取失败", "The file could not be read"),
    "unreadable_file": ("文件无法打开", "The file cannot be opened"),
    "unreadable_folder": ("文件夹无法打开", "The folder cannot be opened"),
    "timeout": ("读取超时，已跳过", "Reading took too long: skipped"),
    "out_of_memory": ("读取时内存不足，已跳过", "Reading needed too much memory: skipped"),
    "crashed": ("读取时出错，已跳过", "Reading failed: skipped"),
    "special_file": ("不是普通文件，未读取", "Not an ordinary file: not read"),
    "dangling_link": ("快捷方式指向的文件不存在", "A link to a file that does not exist"),
    "link_loop": ("快捷方式指向自身", "A link that leads back to itself"),
    "outside_folder": ("快捷方式指向筛选文件夹以外，未读取", "A link leading out of the folder screened: not read"),
    "same_file": ("与另一路径是同一个文件，只筛选一次", "The same file as another path: screened once"),
}

STAGES: dict[str, tuple[str, str]] = {
    "read": ("读取", "reading"), "extract": ("提取信息", "extraction"), "score": ("评分", "scoring"),
}

# Words of the workbook and the report outside the tables.
TEXTS: dict[str, tuple[str, str]] = {
    "no_must_haves": ("— 无必备条件", "— no must-haves"),
    "near_miss_mark": ("★ 接近入围", "★ near miss"),
    "not_found": ("简历中未找到", "not found in the résumé"),
    "required": ("要求", "required"),
    "assumptions": ("岗位设定中的假设", "Assumptions in the profile"),
    "more_columns": ("其余要求（已折叠，点击上方 + 展开）", "Other requirements (collapsed: click + above to show)"),
}

NO_MUST_HAVES = "—"
# Between items in one cell: labels themselves contain 、 and commas.
ITEM_SEP = {"zh": "；", "en": "; "}

SHEETS: dict[str, tuple[str, str]] = {
    "summary": ("汇总", "summary"),
    "errors": ("无法筛选的文件", "errors"),
    "best_fit": ("最适合岗位", "best fit"),
    "by_profile": ("按岗位", "By profile"),
    "by_verdict": ("按结论", "By verdict"),
    "by_error": ("按错误", "By error"),
    "near_misses": ("接近入围：只差一条必备条件、得分靠前", "Near misses: one must-have short, scoring at the top"),
    "assumptions": ("岗位设定中的假设", "Assumptions in the profiles"),
}


def pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[0] if lang == "zh" else pair[1]


_pick = pick


def column(name: str, lang: Lang, criteria: dict[str, tuple[str, str]] | None = None) -> str:
    """Header for a column; ``c_<id>`` criterion columns take the requirement's own label."""
    if name.startswith("c_") and criteria and name[2:] in criteria:
        return _pick(criteria[name[2:]], lang) or name[2:]
    return _pick(COLUMNS[name], lang) if name in COLUMNS else name


def text(key: str, lang: Lang) -> str:
    return _pick(TEXTS[key], lang)


def error_reason(code: str, lang: Lang) -> str:
    """A plain reason for an error code; an unknown code is shown as it is."""
    return _pick(ERROR_REASONS[code], lang) if code in ERROR_REASONS else code


def section(key: str, lang: Lang) -> str:
    return _pick(SECTIONS[key], lang) if key in SECTIONS else key


def title(pair: tuple[str, str], lang: Lang) -> str:
    """A role's or requirement's title; English falls back to the Chinese when a profile has none."""
    return (pair[1] or pair[0]) if lang == "en" else pair[0]


def value(kind: str, raw: str, lang: Lang) -> str:
    return _pick(VALUES[kind][raw], lang) if raw in VALUES[kind] else raw


def sheet(name: str, lang: Lang) -> str:
    return _pick(SHEETS[name], lang)
