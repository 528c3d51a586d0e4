"""Dates and date ranges as résumés write them, Chinese and English.

``2015.07 - 至今``, ``2015年7月—2018年12月``, ``2019/03-2021/08``, ``Jul 2015 – Present``,
``03/2018 - 06/2020``, ``201903-202106``, with days (``2015年3月1日-2017年12月31日``, ``2015.3.1-2017.12.31``) and in
Chinese numerals (``二〇一一年七月—二〇一三年十二月``). Months are counted inclusively: 2018.07–2018.12 is
six months, as HR counts.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from screener.months import Month, months_between
from screener.vocabulary import CN_DIGITS, cn_number

MONTHS_EN = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ]
    )
    for m in names
}

_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_EN_MONTH = r"(?:" + "|".join(sorted(MONTHS_EN, key=len, reverse=True)) + r")\.?"
# "至 今": a PDF or OCR may space the characters out.
# "2012.04-3000.01": an HR system's far-future end date (聚贤) stands for 至今 too.
_PRESENT = r"(?:至\s?今|迄\s?今|现\s?在|目\s?前|今|present|now|current|today|till\s+now|to\s+date|(?:3000|9999)\s*[./\-年]\s*(?:1[0-2]|0?[1-9])(?!\d)\s*月?)"

# A day after the month is read and dropped (months are what count): 2015年3月1日, 2015.3.1, 2015-03-01.
_DAY = r"(?:(?<=月)\s*(?:3[01]|[12]\d|0?[1-9])\s*日|\s*[./\-]\s*(?:3[01]|[12]\d|0?[1-9])(?![\d.]))?"
# One date: 2015.07 / 2015-7 / 2015年7月 / 2015.03.01 / 2015/07 / Jul 2015 / July, 2015 / 07/2015 / 2015年 / 2015
DATE = (
    rf"(?:(?P<y1>{_YEAR})\s*(?:[年./\-·,]|\s)\s*(?P<m1>1[0-2]|0?[1-9])(?!\d)\s*月?{_DAY}"
    rf"|(?P<mon>{_EN_MONTH})\s*,?\s*(?P<y2>{_YEAR})"
    rf"|(?P<m3>1[0-2]|0?[1-9])\s*[/.]\s*(?P<y3>{_YEAR})"
    rf"|(?P<y4>{_YEAR})\s*年?(?![\d.])(?!\s*[./\-]\s*(?:1[0-2]|0?[1-9])(?!\d))"
    # Digits run together, as HR systems and some forms print them: 201903, 20190301.
    rf"|(?<!\d)(?P<y5>{_YEAR})(?P<m5>0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])?(?!\d))"
)
# 一 (the numeral one) stands for a dash where a Chinese IME or OCR put it: "2019.07一2021.06".
# "2016-12/2019-03": xmrc and other sites put a slash between two dates (a slash inside one date,
# "2016/12", is read as that date first).
_SEP = r"\s*(?:起\s*)?(?:-{1,2}|–|—{1,2}|~|～|〜|－|一|至|到|to|until|/(?=\s*(?:19|20)\d\d\s*[./\-年]|\s*至今))\s*"
# "2019.07-  示例公司": a dash with no end date, a gap, then the employer, is still ongoing, like 至今.
# Not glued to the text ("2019.07-参与系统升级" dates one event), not at the end of a line (the end
# date may have wrapped onto the next), not after a bare year ("2019 – X" may be a one-year job).
_OPEN_END = r"(?<=[-–—~～〜－])(?=(?:\s+|\s*[|｜]\s*)[\u4e00-\u9fa5A-Za-z])"
RANGE_RE = re.compile(
    rf"(?P<start>{DATE.replace('?P<', '?P<s_')}){_SEP}"
    rf"(?:(?P<end>{DATE.replace('?P<', '?P<e_')})|(?P<present>{_PRESENT})|(?P<open>{_OPEN_END}))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateRange:
    start: Month
    end: Month | None  # None: still ongoing (至今 / present)
    text: str  # the matched text, kept as evidence
    span: tuple[int, int]
    year_only: bool = False

    def end_or(self, reference: Month) -> Month:
        return self.end or reference

    def months(self, reference: Month) -> int:
        return months_between(self.start, self.end_or(reference))


def _month_from(groups: dict[str, str | None], prefix: str, *, is_end: bool) -> tuple[Month, bool]:
    g = {k[len(prefix):]: v for k, v in groups.items() if k.startswith(prefix) and v}
    if "y1" in g:
        return Month(int(g["y1"]), int(g["m1"])), False
    if "y2" in g:
        return Month(int(g["y2"]), MONTHS_EN[g["mon"].lower().rstrip(".")]), False
    if "y3" in g:
        return Month(int(g["y3"]), int(g["m3"])), False
    if "y5" in g:
        return Month(int(g["y5"]), int(g["m5"])), False
    # A bare year: the widest reading (January, through December); _mid_year narrows it in a range.
    return Month(int(g["y4"]), 12 if is_end else 1), True


def _mid_year(start: Month, start_year_only: bool, end: Month | None, end_year_only: bool) -> tuple[Month, Month | None]:
    """"2016-2019" is about three years, not the four from January 2016 through December 2019: a bare
    year starts a job in July and ends one in June (36 months), the middle of what it can mean. Within
    one year ("2019-2019", "2019-2019.03") the year is all that is known."""
    mid_start = Month(start.year, 7) if start_year_only else start
    mid_end = Month(end.year, 6) if end is not None and end_year_only else end
    if mid_end is not None and mid_end.index < mid_start.index:
        return start, end
    return mid_start, mid_end


_CN_YEAR = re.compile(f"[{''.join(CN_DIGITS)}]{{4}}(?=\\s*年)")
_CN_MONTH = re.compile(r"(?<=年)\s*(十[一二]|十|[一二三四五六七八九])(?=\s*月)")


def _chinese_numerals(text: str) -> list[tuple[int, int, str]]:
    """二〇一一年七月, 二零一三年十二月: each year and month numeral's span and its digits."""
    spans = [(m.start(), m.end(), "".join(str(CN_DIGITS[ch]) for ch in m.group(0))) for m in _CN_YEAR.finditer(text)]
    spans += [(m.start(1), m.end(1), str(cn_number(m.group(1)))) for m in _CN_MONTH.finditer(text)]
    return spans


# Two-digit years, only inside a range of year.month dates ("15.03-17.12", "2015.03-17.12", "'15.3 - 至今"),
# never before a unit (a salary "10.5-12.8万"); 00-39 only: the 2000s are where such résumés write them.
_SHORT = r"(?:'|’)?(?:[0-3]\d)"
_SHORT_MONTH = r"\s*[./]\s*(?:1[0-2]|0?[1-9])(?![\d.])"
_SHORT_RANGE = re.compile(
    rf"(?<![\d.])(?P<start>{_SHORT}|{_YEAR}){_SHORT_MONTH}{_SEP}(?:(?P<end>{_SHORT}){_SHORT_MONTH}|{_PRESENT})"
    r"(?!\s*(?:万|元|千|百|亿|[kKwW%]|分|米|平|岁|倍|个|小时|天))",
    re.IGNORECASE,
)


# "Jul '18 – Aug '21": after an English month, the apostrophe makes a two-digit year unambiguous.
_EN_SHORT_YEAR = re.compile(rf"\b{_EN_MONTH}\s*(?P<year>['’](?P<yy>[0-3]\d|[6-9]\d))(?!\d)", re.IGNORECASE)


def _two_digit_years(text: str) -> list[tuple[int, int, str]]:
    in_ranges = [
        (m.start(name), m.end(name), f"20{digits}")
        for m in _SHORT_RANGE.finditer(text)
        for name in ("start", "end")
        if (written := m.group(name)) and len(digits := written.lstrip("'’")) == 2
    ]
    after_months = [
        (m.start("year"), m.end("year"), ("20" if m.group("yy") < "40" else "19") + m.group("yy"))
        for m in (_EN_SHORT_YEAR.finditer(text) if "'" in text or "’" in text else ())
    ]
    return in_ranges + after_months


def _arabic_dates(text: str) -> tuple[str, list[int]]:
    """Dates rewritten as the range pattern reads them — Chinese numerals as digits, two-digit years
    as four — and for each character of the result the index of the character of `text` it came from."""
    spans = _chinese_numerals(text) + _two_digit_years(text)
    if not spans:
        return text, list(range(len(text)))
    out: list[str] = []
    index: list[int] = []
    at = 0
    for start, end, digits in sorted(spans):
        out.append(text[at:start])
        index.extend(range(at, start))
        out.append(digits)
        # Each digit points into the text it replaces, the last ones at its last character.
        index.extend(min(start + i, end - 1) for i in range(len(digits)))
        at = end
    out.append(text[at:])
    index.extend(range(at, len(text)))
    return "".join(out), index


# A form whose start and end dates have a column each: "2019.03 | 至今 | 示例银行 | 客户经理", or in
# its PDF "2014.07 2018.06 示例保险…". Only the first two cells of a row, so that two dates of other
# fields side by side are not read as one; cells apart by a blank only with their months.
_CELL_RANGE_RE = re.compile(
    rf"^\s*(?P<start>{DATE.replace('?P<', '?P<s_')})(?P<cell>\s*[|｜]\s*|\s+)"
    rf"(?:(?P<end>{DATE.replace('?P<', '?P<e_')})|(?P<present>{_PRESENT}))(?P<open>(?!))?\s*(?=[|｜]|\s|$)",
    re.IGNORECASE,
)


def find_date_ranges(text: str) -> list[DateRange]:
    """The date ranges in `text`; each one's ``text`` and ``span`` are those of `text` as written."""
    # The section, entry, school and contact rules each ask again about the same lines: about 110
    # calls a résumé, most of them repeats. The ranges are frozen; each caller gets its own list.
    return list(_date_ranges(text))


@lru_cache(maxsize=4096)
def _date_ranges(text: str) -> tuple[DateRange, ...]:
    written = text
    text, index = _arabic_dates(written)
    ranges = []
    matches = list(RANGE_RE.finditer(text))
    if not matches and text.lstrip()[:1].isascii():  # a row that starts with a date (digits or a month)
        matches = [m] if (m := _CELL_RANGE_RE.match(text)) else []
    for m in matches:
        groups = m.groupdict()
        start, start_year_only = _month_from(groups, "s_", is_end=False)
        end: Month | None = None
        end_year_only = False
        if groups["open"] is not None and start_year_only:
            continue
        if not groups["present"] and groups["open"] is None:
            end, end_year_only = _month_from(groups, "e_", is_end=True)
            if end.index < start.index:
                continue
        if groups.get("cell") is not None and groups["cell"].isspace() and (start_year_only or end_year_only):
            continue
        start, end = _mid_year(start, start_year_only, end, end_year_only)
        span = (index[m.start()], index[m.end() - 1] + 1)
        ranges.append(
            DateRange(start, end, written[span[0]:span[1]].strip(), span, year_only=start_year_only or end_year_only)
        )
    return tuple(ranges)
