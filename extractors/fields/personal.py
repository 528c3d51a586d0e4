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
from screener.privacy import BORN, EN_DATE, EN_VALUE, PROVINCES, SEP, YEAR_MONTH, ZH_AGE

_LABEL = r"\s*[：:]\s*"
_BIRTH = re.compile(
    r"(?:出生(?:年月|日期)?|生日|birth(?:\s*date)?|date of birth|dob|born)" + _LABEL + YEAR_MONTH
    + r"|\d{2}\s*岁\s*[（(]\s*" + YEAR_MONTH + r"|(?<!\d)" + BORN,
    re.I,
)
_BIRTH_EN = re.compile(r"(?:date of birth|birth\s*date|birthday|dob|born)" + _LABEL + f"({EN_DATE})", re.I)
_FIELDS: dict[str, re.Pattern[str]] = {
    "ethnicity": re.compile(r"民\s*族" + _LABEL + r"([\u4e00-\u9fa5]{1,6}族?)|(?:ethnicity|ethnic group)" + _LABEL + r"([A-Za-z]{2,20})", re.I),
    "marital_status": re.compile(r"(?:婚姻状况|婚姻|婚否|marital status)" + _LABEL + r"([\u4e00-\u9fa5A-Za-z]{1,10})", re.I),
    "political_status": re.compile(
        r"政治面貌" + _LABEL + r"([\u4e00-\u9fa5]{2,8})|political (?:status|affiliation)" + _LABEL + EN_VALUE, re.I
    ),
    "native_place": re.compile(
        r"籍\s*贯" + _LABEL + r"([\u4e00-\u9fa5]{2,12})|(?:hometown|native place|place of origin)" + _LABEL + EN_VALUE, re.I
    ),
    "household_registration": re.compile(r"(?:户\s*口(?:所在地)?|户\s*籍(?:所在地)?)" + _LABEL + r"([\u4e00-\u9fa5]{2,12})"),
    "health": re.compile(r"(?:健康状况|身体状况|health)" + _LABEL + r"([\u4e00-\u9fa5A-Za-z]{1,10})", re.I),
}
# "性别：女出生年月：…": the next label may follow without a gap, so 男/女 need no word boundary.
_GENDER = re.compile(r"(?:性\s*别|gender|sex)" + _LABEL + r"(男|女|(?:male|female|m|f)\b)", re.I)
_AGE = re.compile(r"(?:年\s*龄|age)" + _LABEL + r"(\d{2})|(?<!\d)(\d{2})\s*岁|(?<![\u4e00-\u9fa5])(" + ZH_AGE + r")\s*岁")


def _bare(values: str) -> re.Pattern[str]:
    return re.compile(f"(?:^|{SEP})({values})(?=$|{SEP})")


# Bare tokens in a header line such as "男 | 28岁 | 汉族 | 已婚 | 中共党员".
_BARE = {
    "gender": _bare("男|女"),
    "ethnicity": _bare(r"汉族|回族|满族|壮族|苗族|维吾尔族|土家族|彝族|蒙古族|藏族|(?!民族)[\u4e00-\u9fa5]{1,3}族"),
    "marital_status": _bare("已婚已育|已婚未育|已婚|未婚|离异"),
    "political_status": _bare("中共党员|中共预备党员|共青团员|群众|民主党派"),
    # "湖南长沙人": a province (or its capital region) and a place, then 人.
    "native_place": _bare(f"(?:{PROVINCES})省?[\u4e00-\u9fa5]{{0,6}}?人"),
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

