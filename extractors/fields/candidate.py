"""From a read document to the candidate's qualifications: the extraction stage in one call."""

import re
from datetime import date

from extractors.fields.contacts import find_emails, find_name, find_phones, own_contact_part
from extractors.fields.education import extract_education, highest_degree
from extractors.fields.experience import extract_experience, total_months
from extractors.fields.form_fields import form_fields
from extractors.fields.industry import industry_of, months_by_industry
from extractors.fields.ner_gaps import fill_gaps
from extractors.fields.not_held import with_claims
from extractors.fields.personal import extract_personal
from extractors.fields.prose import dated_sentences
from extractors.fields.reference_date import reference_date_for
from extractors.fields.sections import is_about_others, segment
from extractors.fields.terms import find_terms
from extractors.text.dates import Month, find_date_ranges
from extractors.text.normalize import EN_NUMBERS, number_of
from screener.models import Candidate, Document, TextLine
from screener.vocabulary import CN_NUMBER_CHARS

_EN_NUMBER = r"\b(?:" + "|".join(EN_NUMBERS) + r")\b"
_CN = f"[{CN_NUMBER_CHARS}]"  # a Chinese numeral: 三, 十, 两
_STATED_YEARS = re.compile(
    # "3年以上银行工作经验", "十余年物业管理经验", "3年多的客服经验".
    r"(\d{1,2}(?:\.\d)?|" + _CN + r"{1,3})\s*(?:余|多)?\s*年(?:以上|多)?(?:的)?[\u4e00-\u9fa5]{0,10}?(?:工作|从业|行业|管理|销售|客服|营销)?经[验历]"
    rf"|(\d{{1,2}}|{_EN_NUMBER})\+?\s*(?:years?|yrs?)'?(?:\s+of)?(?:\s+[A-Za-z\-]+){{0,4}}?\s+experience"
    # "Relationship manager with 8+ years in SME lending", "over 10 years of ..."
    rf"|\b(?:with|over|having|has|have|bringing)\s+(?:over\s+|more\s+than\s+|nearly\s+|almost\s+)?(\d{{1,2}}|{_EN_NUMBER})\+?\s*(?:years?|yrs?)\s+(?:in|of|as|at|across)\b"
    # The labelled form of résumé templates: "工作年限：十年", "工龄：8年", "Years of experience: 5".
    # A range ("工作年限：3-5年") claims its lower end; "1年以下" claims nothing.
    r"|(?:工作年限|工作经验|从业年限|从业经验|工龄)\s*(?:[:：|｜]\s*)?(\d{1,2}(?:\.\d)?|" + _CN + r"{1,3})\s*(?:[-~至到]\s*\d{1,2}\s*)?年(?!以下|以内)"
    r"|years\s+of\s+(?:work\s+)?experience\s*[:：]\s*(\d{1,2})(?!\d)"
    # A job site's summary token: "女 | 30岁 | 本科 | 工作6年 | 已婚", "工作 3 年以上".
    r"|(?:^|(?<=[|｜/·•\s]))工作\s*(\d{1,2}|" + _CN + r"{1,3})\s*年(?:以上|多)?(?=$|[|｜/·•\s])",
    re.I,
)


_NAMES_YEARS = re.compile(r"年|years?|yrs?", re.I)  # every claim names its unit: other lines skip the pattern


# Application forms of banks and state firms state when work began: "参加工作时间：2015年7月".
_WORK_SINCE = re.compile(r"(?:参加工作(?:时间|日期)?|首次参加工作|工作起始(?:时间|日期))\s*[:：]?\s*((?:19|20)\d\d)\s*[年./\-]\s*(1[0-2]|0?[1-9])")


def stated_experience_years(lines: list[TextLine], reference: Month | None = None) -> float | None:
    """"近3年客服经验", "15年物业行业经验", "9 years of client-facing experience", and the years since
    a stated 参加工作时间 up to `reference`: the largest claim."""
    claims = [
        number_of(next(number for number in m.groups() if number))
        for line in lines
        if line.section not in {"education", "objective"} and _NAMES_YEARS.search(line.text)
        for m in _STATED_YEARS.finditer(line.text)
    ]
    if reference is not None:
        for line in lines:
            if m := _WORK_SINCE.search(line.text):
                months = reference.index - Month(int(m.group(1)), int(m.group(2))).index
                claims.append(round(months / 12, 1))
    claims = [c for c in claims if 0 < c <= 50]
    return max(claims) if claims else None


# An e-mail, or digits grouped as a phone is: lines without one are skipped cheaply.
_MAY_HOLD_CONTACT = re.compile(r"@|\d{7}|\d{3}[\s\-]\d{4}[\s\-]\d{4}|\d{3,4}[\s\-]\d{7,8}|\+\s?\d")


def own_contact_text(lines: list[TextLine]) -> str:
    """Where the candidate's own phones and e-mails can be: not a dated job or school line (a table
    row's 证明人 cell: 2019.07-至今 | 示例银行 | 信贷员 | 李某 135…), nor what follows a referee's label."""
    return "\n".join(
        own_contact_part(line.text) for line in lines if _MAY_HOLD_CONTACT.search(line.text) and not find_date_ranges(line.text)
    )


def extract_candidate(document: Document, reference_date: date | None = None, *, today: date | None = None) -> Candidate:
    """Everything ``screener extract`` shows.

    至今/present counts to a date printed in the résumé, else the PDF's creation date, else
    ``reference_date`` (the run's --reference-date), else today.
    """
    today = today or date.today()
    ref_date, ref_source = reference_date_for(document, reference_date, today)
    # A form's "姓名 | 王五" cells as "姓名：王五"; its 家庭成员 section is other people's details.
    # A paragraph telling the career in sentences: one sentence a line, each dated event an entry.
    lines = [line for line in segment(dated_sentences(form_fields(document.text))) if not is_about_others(line)]
    text = "\n".join(line.text for line in lines)
    reference = Month.of(ref_date)
    education, experience = fill_gaps(extract_education(lines, reference), extract_experience(lines, reference))
    experience = [e.model_copy(update={"industry": industry_of(e.employer, e.title, e.stated_industry)}) for e in experience]
    terms = find_terms(text)
    contact_text = own_contact_text(lines)
    return Candidate(
        source=document.source,
        name=find_name([line.text for line in lines]),
        phones=find_phones(contact_text),
        emails=find_emails(contact_text),
        highest_degree=highest_degree(education, lines),
        education=education,
        experience=experience,
        total_experience_months=total_months(experience, reference),
        industry_experience=months_by_industry(experience, reference),
        stated_experience_years=stated_experience_years(lines, reference),
        skills=terms["SKILL"],
        certificates=terms["CERT"],
        languages=terms["LANG"],
        reference_date=ref_date.isoformat(),
        reference_date_source=ref_source,
        text_quality=document.quality,
        text_quality_reason=document.quality_reason,
        personal=extract_personal(lines, ref_date, has_photo=getattr(document, "has_images", False)),
        lines=[with_claims(line) for line in lines],
    )
