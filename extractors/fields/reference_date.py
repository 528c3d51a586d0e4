"""The date 至今 / present counts to: printed in the résumé (an update, delivery or letter date),
else the PDF's creation date or the e-mail's sending date, else the run's --reference-date, else
today. The candidate records which one was used."""

import re
from collections.abc import Iterable
from datetime import date

from extractors.text.dates import MONTHS_EN
from screener.models import Document, ReferenceDateSource

# "更新时间：2026-05-12", "简历更新于2026年5月12日", "投递时间 2026/05/12", "Last updated: 12 May 2026"
_PRINTED = re.compile(
    # 填表/报名日期: the day an application form (应聘登记表) was filled in.
    r"(?:更新(?:时间|日期|于)?|最后更新|刷新时间|投递(?:时间|日期)|应聘(?:时间|日期)|申请(?:时间|日期)|填表(?:时间|日期)|报名(?:时间|日期)|"
    r"(?:last\s+)?updated(?:\s+on)?|date\s+applied|applied\s+on)\s*[：:]?\s*"
    r"((?:19|20)\d{2})\s*[年./\-]\s*(1[0-2]|0?[1-9])\s*[月./\-]\s*(3[01]|[12]\d|0?[1-9])",
    re.I,
)


_MONTH = r"(" + "|".join(sorted(MONTHS_EN, key=len, reverse=True)) + r")\.?"
# The English forms with a month name: "Last updated: 12 May 2026", "Updated May 12, 2026".
_PRINTED_EN = re.compile(
    r"(?:(?:last\s+)?updated(?:\s+on)?|date\s+applied|applied\s+on)\s*[：:]?\s*"
    rf"(?:(\d{{1,2}})\s+{_MONTH},?\s+((?:19|20)\d{{2}})|{_MONTH}\s+(\d{{1,2}}),?\s+((?:19|20)\d{{2}}))",
    re.I,
)


# A letter's date under its closing: "此致 / 敬礼 / 钱测试 / 2026年10月20日" (the day may be left out).
_LETTER_DATE = re.compile(
    r"此\s*致[\s\S]{0,10}?敬\s*礼[\s\S]{0,60}?((?:19|20)\d{2})\s*年\s*(1[0-2]|0?[1-9])\s*月(?:\s*(3[01]|[12]\d|0?[1-9])\s*日)?"
)


# "最新登录：2016-04-22": a job site's last login, when the page prints no update date (猎聘).
_LAST_LOGIN = re.compile(
    r"(?:最新|最近|最后)登[录陆](?:时间|日期)?\s*[：:]?\s*(?:[|｜]\s*)?((?:19|20)\d{2})\s*[年./\-]\s*(1[0-2]|0?[1-9])\s*[月./\-]\s*(3[01]|[12]\d|0?[1-9])"
)


def printed_date(text: str) -> date | None:
    """The latest update/delivery date printed in the text, if it is a real calendar date; else the
    last login a job site printed."""
    return _latest_date(text) or _latest_of((m.group(1), m.group(2), m.group(3)) for m in _LAST_LOGIN.finditer(text))


def _latest_of(found_dates: Iterable[tuple[str, str, str]]) -> date | None:
    found = []
    for year, month, day in found_dates:
        try:
            found.append(date(int(year), int(month), int(day)))
        except ValueError:
            continue
    return max(found) if found else None


def _latest_date(text: str) -> date | None:
    numeric = ((m.group(1), m.group(2), m.group(3)) for m in _PRINTED.finditer(text))
    named = (
        (m.group(3) or m.group(6), str(MONTHS_EN[(m.group(2) or m.group(4)).lower()]), m.group(1) or m.group(5))
        for m in _PRINTED_EN.finditer(text)
    )
    letter = ((m.group(1), m.group(2), m.group(3) or "1") for m in _LETTER_DATE.finditer(text))
    return _latest_of((*numeric, *named, *letter))


# A PDF's creation date, an e-mail's sending date; not a Word file's (often its template's).
_CREATED_SOURCES: dict[str, ReferenceDateSource] = {"pdf": "pdf_created", "eml": "email_sent"}


def reference_date_for(document: Document, run_date: date | None, today: date) -> tuple[date, ReferenceDateSource]:
    if (printed := printed_date(document.text)) is not None and printed <= today:
        return printed, "document_text"
    if document.created and document.source.format in _CREATED_SOURCES:
        try:
            created = date.fromisoformat(document.created)
        except ValueError:
            created = None
        if created is not None and created <= today:
            return created, _CREATED_SOURCES[document.source.format]
    if run_date is not None:
        return run_date, "run_option"
    return today, "today"
