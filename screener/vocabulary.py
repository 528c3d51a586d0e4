"""The words the screener knows, in one place: degrees, language levels, industries, skill and
certificate wordings, Chinese numerals and requirement kinds.

Extraction reads résumés with them, ``job_profiles.from_jd`` drafts profiles from adverts with them,
scoring names what it found with them and the outputs label cells with them, so a wording added here
reaches every stage. Where résumés and adverts write a thing differently (an advert's 大学 asks for a
本科; in a résumé it is part of a school's name) the entry keeps what both share apart from what only
one of them uses.
"""

import json
import re
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, Literal, NamedTuple, get_args

import yaml

from screener.resources import data_path

# --- degrees ----------------------------------------------------------------------------------


class Degree(StrEnum):
    """Canonical degree codes, ordered from lowest to highest by ``DEGREE_ORDER``."""

    below_secondary = "below_secondary"
    secondary = "secondary"
    associate = "associate"
    bachelor = "bachelor"
    master = "master"
    doctorate = "doctorate"


DEGREE_ORDER: dict[Degree, int] = {d: i for i, d in enumerate(Degree)}


class DegreeWords(NamedTuple):
    zh: str  # 本科: Chinese explanations, table cells and drafted profiles
    en: str  # bachelor: English table cells
    en_phrase: str  # bachelor's: English explanations ("below the required bachelor's")
    shared: tuple[str, ...]  # Chinese wordings résumés and adverts both use
    resume: str  # a regex of the other ways a résumé writes it (English, abbreviations, 学士, 专升本 …)
    advert: tuple[str, ...]  # the other ways an advert writes it, lower case (大学, "university degree")


DEGREES: dict[Degree, DegreeWords] = {
    Degree.doctorate: DegreeWords("博士", "doctorate", "doctorate", ("博士",), r"ph\.?\s?d|doctor of|doctorate", ("phd", "doctorate")),
    Degree.master: DegreeWords(
        "硕士", "master", "master's", ("硕士", "研究生"),
        r"(?<![A-Za-z])(?:e?mba|mpa|mpacc|mf|m\.?sc?|mst|m\.?eng|mfa|msw|m\.?a|master(?:'?s)?)(?![A-Za-z])|master of", ("master",),
    ),
    Degree.bachelor: DegreeWords(
        "本科", "bachelor", "bachelor's", ("本科",),
        r"学士|专升本|(?<![A-Za-z])(?:b\.?sc?|b\.?a|bba|bachelor(?:'?s)?|undergraduate)(?![A-Za-z])", ("大学", "bachelor", "university degree"),
    ),
    Degree.associate: DegreeWords(
        "大专", "associate", "associate degree", ("大专", "专科", "高职"),
        r"\bassociate(?:'?s)?\b|junior college|higher diploma|高等职业", ("associate degree", "college diploma"),
    ),
    Degree.secondary: DegreeWords(
        "中专/高中", "secondary", "secondary school", ("中专", "高中"), r"技校|职高|中技|中职|high school|secondary|vocational school", ("high school",)
    ),
    Degree.below_secondary: DegreeWords("初中及以下", "below secondary", "below secondary", (), r"初中|小学|junior high|primary school", ()),
}
DEGREE_ZH: dict[Degree, str] = {d: words.zh for d, words in DEGREES.items()}
DEGREE_EN: dict[Degree, str] = {d: words.en_phrase for d, words in DEGREES.items()}

# A résumé's degree, checked from the highest down, so 博士研究生 is a doctorate and 专升本 a bachelor
# before 专科 is seen.
RESUME_DEGREE_PATTERNS: list[tuple[Degree, re.Pattern[str]]] = [
    (d, re.compile("|".join([*DEGREES[d].shared, DEGREES[d].resume]), re.I)) for d in sorted(Degree, key=DEGREE_ORDER.__getitem__, reverse=True)
]
# An advert's degree: a lower-cased substring of the requirement line.
ADVERT_DEGREE_WORDS: list[tuple[str, Degree]] = [(w, d) for d, words in DEGREES.items() for w in (*words.shared, *words.advert)]


# --- languages --------------------------------------------------------------------------------

LanguageLevel = Literal["cet4", "cet6", "tem4", "tem8", "ielts6", "ielts7", "toefl90", "toefl100"]

# Each level's rank and how résumés write it; a requirement accepts its level and every higher one.
# The names are codes (CET-4 / CET-6 differ by one character): scoring finds them as written.
LANGUAGE_LEVELS: dict[LanguageLevel, tuple[int, list[str]]] = {
    "cet4": (1, ["CET-4", "CET4", "CET 4", "大学英语四级", "英语四级", "四级证书"]),
    "cet6": (2, ["CET-6", "CET6", "CET 6", "大学英语六级", "英语六级", "六级证书"]),
    "ielts6": (2, ["IELTS 6", "IELTS 6.5", "雅思6", "雅思6.5"]),
    "toefl90": (2, ["TOEFL 9", "托福9"]),
    "tem4": (3, ["TEM-4", "TEM4", "专业英语四级", "英语专业四级"]),
    "ielts7": (4, ["IELTS 7", "IELTS 7.5", "IELTS 8", "雅思7", "雅思8"]),
    "toefl100": (4, ["TOEFL 10", "TOEFL 11", "托福10", "托福11"]),
    "tem8": (4, ["TEM-8", "TEM8", "专业英语八级", "英语专业八级"]),
}

# How an advert asks for a level, checked in this order: 专业八级 before 四级 and 六级.
ADVERT_LANGUAGE_LEVELS: list[tuple[str, LanguageLevel]] = [
    (r"专业八级|TEM-?8", "tem8"),
    (r"专业四级|TEM-?4", "tem4"),
    (r"六级|CET-?6", "cet6"),
    (r"四级|CET-?4", "cet4"),
    (r"IELTS\s*7|雅思\s*7", "ielts7"),
    (r"IELTS\s*6|雅思\s*6", "ielts6"),
]


def language_names(min_level: LanguageLevel) -> list[str]:
    """The names of `min_level` and of every higher level."""
    rank = LANGUAGE_LEVELS[min_level][0]
    return [name for r, names in LANGUAGE_LEVELS.values() if r >= rank for name in names]


# --- industries -------------------------------------------------------------------------------


class Industry(NamedTuple):
    name: str  # the code profiles and candidates.parquet use: banking, rural_credit …
    zh: str
    en: str
    keywords: tuple[str, ...]  # lower case; see data/lexicons/industries.yaml


@cache
def industries() -> tuple[Industry, ...]:
    """The industries of data/lexicons/industries.yaml in the file's order: the specific first."""
    raw = yaml.safe_load(data_path("lexicons", "industries.yaml").read_text(encoding="utf-8"))
    return tuple(
        Industry(name, spec["label"]["zh"], spec["label"].get("en", ""), tuple(k.lower() for k in spec["keywords"])) for name, spec in raw.items()
    )


# "HR" alone hides in other words ("three"), so HR jobs are named by the abbreviation and a role noun.
_HR_WORDS = ("human resource", "recruiter", "recruiting", "talent acquisition", "personnel", *(
    f"hr {role}" for role in ("generalist", "manager", "specialist", "coordinator", "assistant", "associate", "clerk", "director",
                              "executive", "representative", "business partner", "officer", "administrator", "consultant",
                              "analyst", "advisor", "partner", "supervisor", "intern", "deputy", "senior", "lead")))

# Industry words in an advert → synonyms matched against employers and titles. Some are kinds of work
# (贷款, 客服, 法务) rather than industries of the list above, and the synonyms are what résumés write.
ADVERT_INDUSTRY_WORDS: dict[str, list[str]] = {
    "金融": ["银行", "农村信用社", "农信社", "农商行", "信用合作联社", "小额贷款公司", "担保公司", "消费金融", "保险公司", "证券", "bank", "credit union", "microfinance", "insurance"],
    "银行": ["银行", "农商行", "信用社", "bank"],
    "贷款": ["贷款", "信贷", "按揭", "小额贷款", "担保公司", "银行", "loan", "mortgage", "bank"],
    "信贷": ["信贷", "贷款", "银行", "信用社", "loan", "credit"],
    "烟草": ["烟草", "卷烟", "中烟", "tobacco"],
    "快消": ["快消", "快速消费品", "零售终端", "FMCG"],
    "物业": ["物业", "物业管理", "物业服务", "小区", "property management", "facility management"],
    "客服": ["客服", "客户服务", "呼叫中心", "售后服务", "customer service", "call center"],
    "客户服务": ["客服", "客户服务", "呼叫中心", "售后服务", "customer service", "call center"],
    "工程机械": ["工程机械", "机械", "挖掘机", "construction machinery", "heavy equipment"],
    "法务": ["法务", "律师事务所", "律师", "legal", "law firm"],
    "保险": ["保险", "insurance"],
    "banking": ["bank", "银行", "credit union", "信用社"],
    "microfinance": ["microfinance", "micro-credit", "小额贷款公司", "小贷公司"],
    "financ": ["bank", "finance", "financial", "insurance", "银行", "金融"],
    "lending": ["loan", "lending", "credit", "bank", "贷款", "信贷"],
    "loan": ["loan", "lending", "credit", "bank", "贷款", "信贷"],
    "tobacco": ["tobacco", "烟草"],
    "fmcg": ["FMCG", "consumer goods", "快消"],
    "property": ["property management", "facility management", "物业"],
    "customer service": ["customer service", "call center", "contact center", "客服"],
    # English fields of work: a phrase such as "maintaining turbine-powered transport category aircraft"
    # is met by jobs whose title or employer names the field ("Aircraft Mechanic", "Avionics Technician").
    # Keys match at a word start; synonyms are substrings of a job's employer, title and dated line, so
    # none is a short word that hides inside others ("hr" in "three", "it support" in "credit support").
    "aircraft": ["aircraft", "aviation", "avionics", "airframe", "powerplant", "airline", "aerospace", "helicopter"],
    "aviation": ["aircraft", "aviation", "avionics", "airframe", "powerplant", "airline", "aerospace", "helicopter"],
    "nurs": ["nurse", "nursing", "hospital", "patient care", "clinic", "medical", "health care", "healthcare"],
    "acute care": ["nurse", "nursing", "hospital", "patient care", "clinic", "medical", "health care", "healthcare"],
    "clinical": ["nurse", "nursing", "hospital", "patient care", "clinic", "medical", "health care", "healthcare"],
    "culinary": ["chef", "cook", "kitchen", "culinary", "restaurant", "catering", "food service", "banquet"],
    "kitchen": ["chef", "cook", "kitchen", "culinary", "restaurant", "catering", "food service", "banquet"],
    "restaurant": ["chef", "cook", "kitchen", "culinary", "restaurant", "catering", "food service", "banquet"],
    "teach": ["teacher", "teaching", "classroom", "school", "tutor", "instructor", "educator"],
    "classroom": ["teacher", "teaching", "classroom", "school", "tutor", "instructor", "educator"],
    "hr ": [*_HR_WORDS],
    "human resources": [*_HR_WORDS],
    "recruit": ["human resources", "recruiter", "recruiting", "talent acquisition", "staffing"],
    # Accounting and finance are one department in most employers: a Finance Manager has kept the books.
    "accounting": ["accountant", "accounting", "finance", "financial", "bookkeeper", "bookkeeping", "accounts payable", "accounts receivable", "general ledger", "auditor", "controller"],
    "ledger": ["accountant", "accounting", "finance", "financial", "bookkeeper", "bookkeeping", "accounts payable", "accounts receivable", "general ledger", "auditor", "controller"],
    "bookkeep": ["accountant", "accounting", "bookkeeper", "bookkeeping", "accounts payable", "accounts receivable", "general ledger"],
    "system admin": ["system administrator", "systems administrator", "network administrator", "network engineer", "systems engineer", "sysadmin", "help desk", "helpdesk", "desktop support", "technical support", "information technology"],
    "network admin": ["system administrator", "systems administrator", "network administrator", "network engineer", "systems engineer", "sysadmin", "help desk", "helpdesk", "desktop support", "technical support", "information technology"],
    "information technology": ["information technology", "system administrator", "systems administrator", "network administrator", "network engineer", "software", "developer", "help desk", "helpdesk", "desktop support", "technical support"],
    "software": ["software", "developer", "programmer", "software engineer"],
    "sales": ["sales", "account executive", "account manager", "business development", "territory manager"],
    "business development": ["business development", "sales", "account executive", "account manager"],
    "marketing": ["marketing", "brand manager", "advertising", "digital media"],
    "construction": ["construction", "contractor", "superintendent", "carpenter", "builder"],
    "engineering": ["engineer", "engineering"],
    "legal": ["attorney", "lawyer", "paralegal", "legal", "law firm", "law office"],
    "law": ["attorney", "lawyer", "paralegal", "legal", "law firm", "law office"],
    "fitness": ["fitness", "personal trainer", "gym", "wellness", "athletic"],
    "automotive": ["automotive", "auto repair", "mechanic", "dealership", "vehicle"],
    "agricultur": ["agriculture", "agricultural", "farm", "ranch", "crop", "agronom"],
    "apparel": ["apparel", "fashion", "clothing", "garment", "textile"],
    "public relations": ["public relations", "communications", "media relations", "press"],
    "design": ["designer", "design", "graphic", "creative"],
}


# --- skills, certificates and languages of the lexicon ---------------------------------------

TERM_FILES = ("skills.jsonl", "certificates.jsonl", "languages.jsonl")


@cache
def term_patterns(patterns_dir: Path | None = None) -> tuple[dict[str, Any], ...]:
    """The patterns of data/patterns/*.jsonl (spaCy EntityRuler's format: label, pattern, canonical id)."""
    folder = patterns_dir or data_path("patterns")
    return tuple(json.loads(line) for name in TERM_FILES for line in (folder / name).read_text(encoding="utf-8").splitlines() if line.strip())


@cache
def term_wordings(label: str) -> tuple[tuple[str, ...], ...]:
    """Each term of `label` (SKILL, CERT, LANG) with all its wordings, its canonical name first."""
    by_name: dict[str, list[str]] = {}
    for p in term_patterns():
        if p["label"] == label:
            by_name.setdefault(p["id"], [p["id"]]).append(p["pattern"])
    return tuple(tuple(dict.fromkeys(w)) for w in by_name.values())


# --- Chinese numerals -------------------------------------------------------------------------

# 〇 … 九 at their values; a date writes a year digit by digit (二〇一一年), 〇 also as 零, ○ or Ｏ.
CN_DIGIT_CHARS = "〇一二三四五六七八九"
CN_DIGITS: dict[str, int] = {ch: i for i, chars in enumerate(["〇零○Ｏ", *CN_DIGIT_CHARS[1:]]) for ch in chars}
# Counting: 两 is 二 before a measure word (两年), 十 is ten.
CN_NUMBERS: dict[str, int] = {**{ch: i for i, ch in enumerate(CN_DIGIT_CHARS) if i}, "两": 2, "十": 10}
CN_NUMBER_CHARS = "一二两三四五六七八九十"  # for regex character classes: numbers up to 九十九


def cn_number(text: str) -> int | None:
    """一 … 九十九 (two as 二 or 两; 十, 十五, 三十, 三十二) as an int; None for anything else."""
    if text in CN_NUMBERS:
        return CN_NUMBERS[text]
    tens, ten, ones = text.partition("十")
    if not ten or (tens and tens not in CN_NUMBERS):
        return None
    return (CN_NUMBERS[tens] if tens else 1) * 10 + CN_NUMBERS.get(ones, 0)


# Grades written in digits ("大学英语4级", "英语专业8级", "日语2级") read as 四级, 八级, 二级.
# One character for one, so offsets into the text stay right.
_DIGIT_GRADE = re.compile(r"(?<=英语|日语|专业)([1-8])(?=\s*级)")


def numeral_grades(text: str) -> str:
    return _DIGIT_GRADE.sub(lambda m: CN_DIGIT_CHARS[int(m.group(1))], text)


# --- requirement kinds ------------------------------------------------------------------------

RequirementKind = Literal[
    "education", "experience", "industry_experience", "skill", "certificate", "soft_skill", "language", "location", "personal_attribute"
]
REQUIREMENT_KINDS: tuple[RequirementKind, ...] = get_args(RequirementKind)
# Kinds the one-line explanation states as facts (本科（满足）, 工作经验3年) before what matched and what is missing.
FACT_KINDS: tuple[RequirementKind, ...] = ("education", "experience", "industry_experience")
