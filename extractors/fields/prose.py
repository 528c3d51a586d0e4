"""Careers told in sentences, as hand-typed résumés, cover letters and e-mail bodies tell them.

"2014年7月我毕业于示例财经大学金融学专业，……。毕业后于2014年8月进入示例农商银行工作，先后担任柜员、
客户经理。2019年3月至今在示例小额贷款有限公司担任信贷主管。"

Such a paragraph holds several dated events on one line, where the readers of schools and jobs take
one entry per line. ``dated_sentences`` puts each sentence of it on a line of its own, and
``joined_on`` reads the job that gives only the month it began ("于2014年8月进入…"); the reader of
jobs lets it run until the next job begins.
"""

import re

from extractors.text.dates import MONTHS_EN, DateRange, Month

# A sentence ends at 。！？； (and their ASCII forms, before a space or the end).
_SENTENCE_END = re.compile(r"(?<=[。！？；])|(?<=[!?;])(?=\s|$)")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d\s*(?:年|[./\-]\s*(?:1[0-2]|0?[1-9])(?!\d))")


# English: ". " before a capital, not after an abbreviation ("Co. Ltd.", "Mr.", "Sept.") or an initial.
_EN_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Co|Ltd|Inc|Corp|No|Mr|Mrs|Ms|Dr|St|Jr|Sr|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z])\.$"
)
_EN_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _sentences(line: str) -> list[str]:
    if _SENTENCE_END.search(line):
        return [s.strip() for s in _SENTENCE_END.split(line)]
    pieces, start = [], 0
    for m in _EN_SENTENCE_END.finditer(line):
        if not _ABBREVIATION.search(line, start, m.start()):
            pieces.append(line[start : m.start()].strip())
            start = m.end()
    return [*pieces, line[start:].strip()] if pieces else []


def dated_sentences(text: str) -> str:
    """Each line that tells two or more dated events in sentences, one sentence a line; other
    lines as they are. The sentences are the line's own text, so evidence stays as written."""
    out: list[str] = []
    for line in text.split("\n"):
        sentences = _sentences(line)
        if sum(bool(_YEAR.search(s) or _EN_YEAR.search(s)) for s in sentences) >= 2:
            out.extend(s for s in sentences if s)
        else:
            out.append(line)
    return "\n".join(out)


_YEAR_MONTH = r"(?P<{0}date>(?P<{0}y>(?:19|20)\d\d)\s*(?:[年./\-]\s*(?P<{0}m>1[0-2]|0?[1-9])(?!\d)\s*月?|年))"
# "于2014年8月进入", "2016年起就职于", "2014年8月，我加入": a month, then the verb of starting at a place.
_JOINED = re.compile(
    rf"{_YEAR_MONTH.format('s')}(?:\s*[0-3]?\d日)?\s*(?:起|开始)?\s*[，,]?\s*(?:我|本人)?\s*"
    # "在"/"到" only with the work done there: "2019年在示例银行组织的竞赛中获奖" is no job.
    r"(?:进入|加入|入职|就职|任职|供职|受聘|调入|调到|调至|(?:来到|到|在)(?=[^，,。；]{2,40}?(?:工作|任职|就职|担任|从事|上班)))"
)
# "2019年进入示例职业学校学习": a school entered, not a job.
_STUDY = re.compile(r"学习|攻读|就读|读书|求学|深造|进修|读研|读博|上学|升学")
# The same sentence may say when it ended: "……工作至2019年2月", "2019年2月离职".
_LEFT = re.compile(
    rf"(?:至|到|直到|直至)\s*{_YEAR_MONTH.format('e')}|{_YEAR_MONTH.format('f')}\s*(?:离职|辞职|调离|离开)"
)


def _month(m: re.Match[str], prefix: str) -> Month:
    # A year alone: July, the middle of what it can mean (as a range of bare years is read).
    return Month(int(m.group(f"{prefix}y")), int(m.group(f"{prefix}m") or 7))


_EN_MONTHS = "|".join(sorted(MONTHS_EN, key=len, reverse=True))
_EN_WHEN = r"(?P<{0}date>(?:(?P<{0}mon>" + _EN_MONTHS + r")\.?,?\s+)?(?P<{0}y>(?:19|20)\d\d))\b"
# "I joined Example Bank in August 2014 as a teller", "Since March 2019 I have worked at …".
_EN_JOINED = re.compile(
    r"\b(?:joined|started\s+(?:working\s+)?(?:at|with|for)|began\s+(?:working\s+)?(?:at|with|for)|was\s+(?:hired|recruited)\s+by"
    r"|(?:have|has)\s+(?:been\s+)?work(?:ed|ing)\s+(?:at|for|with)|moved\s+to)\b",
    re.I,
)
_EN_START = re.compile(r"\b(?:in|since|from|on)\s+" + _EN_WHEN.format("s"), re.I)
_EN_LEFT = re.compile(r"\b(?:until|till|to|through|left\s+in|left\s+it\s+in)\s+" + _EN_WHEN.format("e"), re.I)


def _en_month(m: re.Match[str], prefix: str) -> Month:
    month = m.group(f"{prefix}mon")
    return Month(int(m.group(f"{prefix}y")), MONTHS_EN[month.lower()] if month else 7)


def _joined_in_english(sentence: str) -> DateRange | None:
    """"I joined Example Bank in August 2014 as a teller": the month of the first "in/since …" date."""
    if not _EN_JOINED.search(sentence) or not (m := _EN_START.search(sentence)):
        return None
    start = _en_month(m, "s")
    left = _EN_LEFT.search(sentence, m.end())
    end = _en_month(left, "e") if left else None
    if end is not None and end.index < start.index:
        end = None
    return DateRange(start, end, m.group("sdate"), m.span("sdate"), year_only=m.group("smon") is None)


def joined_on(sentence: str) -> DateRange | None:
    """The job a sentence dates by its start alone ("于2014年8月进入示例银行工作", "joined Example Bank
    in August 2014"), with the end when the sentence gives it; ``end`` None means it runs until the
    next job begins."""
    m = _JOINED.search(sentence)
    if m is None:
        return _joined_in_english(sentence)
    if _STUDY.search(sentence, m.end()):
        return None
    start = _month(m, "s")
    date_text = m.group("sdate")
    left = _LEFT.search(sentence, m.end())
    end = _month(left, "e" if left.group("edate") else "f") if left else None
    if end is not None and end.index < start.index:
        end = None
    return DateRange(start, end, date_text, m.span("sdate"), year_only=m.group("sm") is None)
