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

SHEETS: dict[str, tuple[str, str]] = {
    "summary": ("汇总", "summary"),
    "errors": ("无法筛选的文件", "errors"),
    "best_fit": ("最适合岗位", "best fit"),
    "by_profile": ("按岗位", "By profile"),
    "by_verdict": ("按结论", "By verdict"),
    "by_error": ("按错误", "By error"),
}


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[0] if lang == "zh" else pair[1]


def column(name: str, lang: Lang, criteria: dict[str, tuple[str, str]] | None = None) -> str:
    """Header for a column; ``c_<id>`` criterion columns take the requirement's own label."""
    if name.startswith("c_") and criteria and name[2:] in criteria:
        return _pick(criteria[name[2:]], lang) or name[2:]
    return _pick(COLUMNS[name], lang) if name in COLUMNS else name


def value(kind: str, raw: str, lang: Lang) -> str:
    return _pick(VALUES[kind][raw], lang) if raw in VALUES[kind] else raw


def sheet(name: str, lang: Lang) -> str:
    return _pick(SHEETS[name], lang)
