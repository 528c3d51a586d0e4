"""Personal attributes that screening must not score on, kept in their own group.

Gender, age and birth date, ethnicity, marital and political status, native place, household
registration and health are extracted only so that later stages can keep them out of scoring and
redact them from what HR sees.
"""

import re
from datetime import date

from extractors.text.dates import MONTHS_EN
from extractors.text.normalize import number_of
from screener.models import PersonalAttributes, TextLine

_LABEL = r"\s*[：:]\s*"
# Between the bare tokens of a header line: "男 | 28岁 | 汉族", "5年工作经验 · 27岁", "男，28岁，汉族".
_SEP = r"[|｜/\s·•，,]"
_YEAR_MONTH = r"((?:19|20)\d{2})\s*[年./\-]\s*(1[0-2]|0?[1-9])"
# Unlabelled birth dates, as job sites print them: "1998年3月出生", "1998.03生", and after the age
# "28岁(1998年3月10日)".
_BORN = _YEAR_MONTH + r"\s*月?(?:\s*\d{1,2}\s*日)?\s*(?:出生|生)(?=$|[\s|｜/·•,，;；)）于在])"
_AGE_BIRTH = _YEAR_MONTH + r"\s*月?(?:\s*\d{1,2}\s*日?)?\s*[)）]"
_BIRTH = re.compile(
    r"(?:出生(?:年月|日期)?|生日|birth(?:\s*date)?|date of birth|dob|born)" + _LABEL + _YEAR_MONTH
    + r"|\d{2}\s*岁\s*[（(]\s*" + _YEAR_MONTH + r"|(?<!\d)" + _BORN,
    re.I,
)
# English: "Date of Birth: 12 March 1990", "Born: March 12, 1990".
_EN_DATE = (
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+(?:19|20)\d{2}"
    r"|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2})"
)
_BIRTH_EN = re.compile(r"(?:date of birth|birth\s*date|birthday|dob|born)" + _LABEL + f"({_EN_DATE})", re.I)
# An English value runs to the next field's separator: "Hometown: Changsha, Hunan | Phone: …".
_EN_VALUE = r"([A-Za-z][A-Za-z ,.'\-]{1,40}?)(?=\s*(?:[|｜;；]|$))"
_FIELDS: dict[str, re.Pattern[str]] = {
    "ethnicity": re.compile(r"民\s*族" + _LABEL + r"([\u4e00-\u9fa5]{1,6}族?)|(?:ethnicity|ethnic group)" + _LABEL + r"([A-Za-z]{2,20})", re.I),
    "marital_status": re.compile(r"(?:婚姻状况|婚姻|婚否|marital status)" + _LABEL + r"([\u4e00-\u9fa5A-Za-z]{1,10})", re.I),
    "political_status": re.compile(
        r"政治面貌" + _LABEL + r"([\u4e00-\u9fa5]{2,8})|political (?:status|affiliation)" + _LABEL + _EN_VALUE, re.I
    ),
    "native_place": re.compile(
        r"籍\s*贯" + _LABEL + r"([\u4e00-\u9fa5]{2,12})|(?:hometown|native place|place of origin)" + _LABEL + _EN_VALUE, re.I
    ),
    "household_registration": re.compile(r"(?:户\s*口(?:所在地)?|户\s*籍(?:所在地)?)" + _LABEL + r"([\u4e00-\u9fa5]{2,12})"),
    "health": re.compile(r"(?:健康状况|身体状况|health)" + _LABEL + r"([\u4e00-\u9fa5A-Za-z]{1,10})", re.I),
}
# "性别：女出生年月：…": the next label may follow without a gap, so 男/女 need no word boundary.
_GENDER = re.compile(r"(?:性\s*别|gender|sex)" + _LABEL + r"(男|女|(?:male|female|m|f)\b)", re.I)
_ZH_AGE = r"[一二三四五六七]十[一二三四五六七八九]?"  # 二十五, 三十二
_AGE = re.compile(r"(?:年\s*龄|age)" + _LABEL + r"(\d{2})|(?<!\d)(\d{2})\s*岁|(?<![\u4e00-\u9fa5])(" + _ZH_AGE + r")\s*岁")


_PROVINCES = (
    "北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|"
    "陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门"
)


def _bare(values: str) -> re.Pattern[str]:
    return re.compile(f"(?:^|{_SEP})({values})(?=$|{_SEP})")


# Bare tokens in a header line such as "男 | 28岁 | 汉族 | 已婚 | 中共党员".
_BARE = {
    "gender": _bare("男|女"),
    "ethnicity": _bare(r"汉族|回族|满族|壮族|苗族|维吾尔族|土家族|彝族|蒙古族|藏族|(?!民族)[\u4e00-\u9fa5]{1,3}族"),
    "marital_status": _bare("已婚已育|已婚未育|已婚|未婚|离异"),
    "political_status": _bare("中共党员|中共预备党员|共青团员|群众|民主党派"),
    # "湖南长沙人": a province (or its capital region) and a place, then 人.
    "native_place": _bare(f"(?:{_PROVINCES})省?[\u4e00-\u9fa5]{{0,6}}?人"),
}
_GENDER_CODES = {"男": "male", "女": "female", "male": "male", "female": "female", "m": "male", "f": "female"}
PERSONAL_SECTIONS = {"header", "basic"}


def extract_personal(lines: list[TextLine], reference: date, has_photo: bool = False) -> PersonalAttributes:
    found: dict[str, object] = {"has_photo": has_photo}
    for line in lines:
        text = line.text
        if "gender" not in found and (m := _GENDER.search(text)):
            found["gender"] = _GENDER_CODES[m.group(1).lower()]
        if "birth_date" not in found and (m := _BIRTH.search(text)):
            year, month = (g for g in m.groups() if g)
            found["birth_date"] = f"{int(year):04d}-{int(month):02d}"
        if "birth_date" not in found and (m := _BIRTH_EN.search(text)):
            words = re.findall(r"[A-Za-z]+", m.group(1))
            month = next((MONTHS_EN[w.lower()] for w in words if w.lower() in MONTHS_EN), None)
            if month:
                found["birth_date"] = f"{m.group(1)[-4:]}-{month:02d}"
        if "age" not in found and (m := _AGE.search(text)) and line.section in PERSONAL_SECTIONS:
            found["age"] = int(number_of(next(g for g in m.groups() if g)))
        for field, pattern in _FIELDS.items():
            if field not in found and (m := pattern.search(text)):
                found[field] = next(g for g in m.groups() if g)
        if line.section in PERSONAL_SECTIONS:
            for field, pattern in _BARE.items():
                if field not in found and (m := pattern.search(text)):
                    value = m.group(1)
                    found[field] = _GENDER_CODES.get(value, value[:-1] if field == "native_place" else value)
    if "age" not in found and "birth_date" in found:
        year, month = map(int, str(found["birth_date"]).split("-"))
        found["age"] = reference.year - year - (1 if reference.month < month else 0)
    return PersonalAttributes.model_validate(found)


_REDACT_LABELLED = re.compile(
    r"(?<![A-Za-z])(性\s*别|出生(?:年月|日期)?|生\s*日|年\s*龄|民\s*族|婚姻状况|婚\s*否|婚姻|政治面貌|籍\s*贯|户口所在地|户籍所在地|户\s*口|户\s*籍"
    r"|健康状况|身体状况|身\s*高|体\s*重|血\s*型|gender|sex|date of birth|birth\s*date|dob|born|age|marital status|ethnicity|nationality"
    r"|height|weight)(?![A-Za-z])"
    r"(\s*[：:|｜]?\s*)(" + _EN_DATE + r"|[^\s|｜,，;；]+)",
    re.I,
)
_REDACT_EN = re.compile(r"(?<![A-Za-z])(hometown|native place|place of origin|political (?:status|affiliation))(\s*[：:]\s*)" + _EN_VALUE, re.I)
_REDACT_BARE = re.compile(
    f"(?:(?<=^)|(?<={_SEP}))"
    rf"(男|女|[\u4e00-\u9fa5]{{1,3}}族|已婚已育|已婚未育|已婚|未婚|离异|中共党员|中共预备党员|共青团员|群众|(?:{_PROVINCES})省?[\u4e00-\u9fa5]{{0,6}}?人"
    # The age, with the birth date job sites print after it: "28岁(1998年3月10日)"; 二十五岁.
    + rf"|(?:\d{{2}}|{_ZH_AGE})\s*岁(?:\s*[（(]\s*{_AGE_BIRTH})?)"
    + f"(?=$|{_SEP})"
)
_REDACT_BIRTH = re.compile(r"(?<!\d)" + _BORN)  # "1998年3月出生", "1998.03生"


def redact_personal(text: str, mask: str) -> str:
    """The line with protected facts (性别, 出生年月, 民族, 婚姻, 政治面貌, 籍贯, 户口, 健康 ...) masked."""
    text = _REDACT_EN.sub(lambda m: f"{m.group(1)}{m.group(2)}{mask}", text)
    text = _REDACT_LABELLED.sub(lambda m: f"{m.group(1)}{m.group(2) or ' '}{mask}", text)
    text = _REDACT_BIRTH.sub(mask, text)
    return _REDACT_BARE.sub(mask, text)
