"""Education entries: school, canonical degree level, major and dates."""

import re
from functools import cache
from typing import NamedTuple

from extractors.fields.bilingual import without_translations
from extractors.text.dates import MONTHS_EN, Month, find_date_ranges
from extractors.text.headings import heading_lexicon
from screener.models import DEGREE_ORDER, Degree, EducationEntry, TextLine
from screener.resources import data_path
from screener.vocabulary import RESUME_DEGREE_PATTERNS

_STUDYING = re.compile(r"在读|就读中|未毕业|(?:expected|anticipated)\s+(?:graduation\s+)?(?:in\s+)?(?:[A-Z][a-z]+\s+)?\d{4}|\bcurrently\s+(?:enrolled|studying)", re.I)
# Part-time and adult routes (在职/非全日制/自考/成人/函授/网络教育) are real degrees; HR may still want to see them.
PART_TIME = re.compile(
    r"在职|非全日制|自考|自学考试|成人|函授|业余(?:大学|本科|专科|学习)|网络教育|网络学院|远程教育|继续教育|电大|广播电视大学|开放大学|夜大|同等学力"
    r"|part[- ]time|distance learning", re.I
)

# A capitalised word of a name, not the month or the degree written after it ("… Economics Sep 2013",
# "… of China Bachelor of Engineering").
_NAME_WORD = (
    rf"(?!(?i:{'|'.join(MONTHS_EN)})\b|(?:Bachelor|Master|Doctor|Associate|Diploma|MBA|EMBA|Ph\.?D|B\.?Sc?|M\.?Sc?|B\.?A|M\.?A)\b)"
    r"[A-Z][A-Za-z&'.\-]*"
)
_SCHOOL_SUFFIX = re.compile(
    r"([\u4e00-\u9fa5（）()]{2,20}?(?:大学|学院|学校|中学|高中|中专|技校|党校|分校|研究院|研究生院))"
    # "University of Science and Technology of China": "and"/"of" inside the name, not at its end.
    r"|((?:[A-Z][A-Za-z&'.\-]*\s+)*(?:University|College|Institute|School|Academy)"
    rf"(?:\s+of\s+{_NAME_WORD}(?:\s+(?:(?:and|of|&)\s+)?{_NAME_WORD})*)?)"
)


def _spaced(*labels: str) -> str:
    """Labels as forms write them: "专业", "专　业", "专　　业" (spaced out with ASCII or full-width blanks)."""
    return "|".join(r"[ \u3000]*".join(map(re.escape, label)) for label in sorted(labels, key=len, reverse=True))


# A form's label ends at its colon; the value is after it, in the same cell or the next ("专业名称： | 会计").
_LABEL_END = r"(?:\s*[：:]\s*(?:[|｜]\s*)?|\s*[|｜]\s*|\t\s*|[ \u3000]{2,})"
MAJOR_LABELS = ("专业名称", "所学专业", "就读专业", "主修专业", "专业方向", "专业", "major", "Major")
SCHOOL_LABELS = ("毕业院校", "毕业学校", "就读学校", "就读院校", "院校名称", "学校名称", "本科学校", "学校", "院校")
# A value names no major when it is a placeholder ("-") or a catch-all ("其他专业").
_NO_VALUE = re.compile(r"[-—–/无暂]*|其[他它](?:专业)?|不限|保密")
_MAJOR_LABEL = re.compile(rf"(?<![\u4e00-\u9fa5A-Za-z])(?:{_spaced(*MAJOR_LABELS)}){_LABEL_END}([^\s|｜,，;；、]+)(?=[\s|｜,，;；]|$)", re.I)
_SCHOOL_VALUE = re.compile(rf"(?<![\u4e00-\u9fa5])(?:{_spaced(*SCHOOL_LABELS)})\s*[：:]\s*(?:[|｜]\s*)?([\u4e00-\u9fa5]{{2,20}})")
_SCHOOL_LABEL = re.compile(rf"(?<![\u4e00-\u9fa5])(?:{_spaced(*SCHOOL_LABELS)}){_LABEL_END}")
_EN_MAJOR = re.compile(
    r"(?:\b(?:in|of)|(?<![A-Za-z])(?:B\.?A\.?|B\.?Sc?\.?|BBA|M\.?Sc?\.?|M\.?A\.?|Ph\.?D\.?),?)\s+([A-Z][A-Za-z &]+?)(?=\s*(?:[,|;(]|$|\d)|\s+(?:in|from|at|with|on|since)\s)"
)  # "Master of Science in Finance", "B.A. Economics", "MSc Accounting"; not "… in June 2014"
# LinkedIn's "Bachelor of Economics, Finance · (2012 - 2016)", "Master of Business Administration - MBA,
# Finance": the degree, then the field of study after a comma.
_EN_FIELD_AFTER_DEGREE = re.compile(
    r"\b(?:Bachelor|Master|Doctor|Associate)(?:'s)?(?:\s+degree)?(?:\s+of\s+[A-Z][A-Za-z ]+?)?(?:\s*[-–]\s*[A-Z]{2,5})?"
    # The Chinese interface writes "Doctor of Philosophy (Ph.D.)，polymer chemistry": a full-width comma.
    r"(?:\s*\((?:[A-Za-z]\.?){2,6}\))?[,，]\s*(?!.*\b(?:University|College|Institute|School)\b)([A-Za-z][A-Za-z &]+?)\s*(?=·|\(|$)"
)
# "Bachelor of Science" names the degree, not the subject: the major is what comes after "in", if anything.
_GENERIC_DEGREE = re.compile(r"\b(?:Bachelor|Master|Doctor)(?:'s)?(?:\s+degree)?\s+of\s+(?:Fine\s+)?(?:Science|Arts|Philosophy)\b", re.I)
_SPLIT = re.compile(r"\s{2,}|\t|[|｜,，;；/>＞]|\s(?=\S)")
_NAMED_MAJOR = re.compile(r"(?<=[\u4e00-\u9fa5]{2})专业(?:[（(][^（）()]{1,12}[)）])?[。.]?$")


class _SchoolList(NamedTuple):
    names: frozenset[str]
    lengths: tuple[int, ...]  # of the names, longest first
    last_characters: frozenset[str]  # 院, 学, 校: where a name can end


@cache
def known_schools() -> _SchoolList:
    """Chinese institution names from the bundled list."""
    names = frozenset(data_path("lexicons", "universities_cn.txt").read_text(encoding="utf-8").split())
    return _SchoolList(names, tuple(sorted({len(n) for n in names}, reverse=True)), frozenset(n[-1] for n in names))


def _known_school_in(text: str) -> str | None:
    """The longest listed name in `text` (the first of equals), looked up where a name can end:
    a set lookup per length there, instead of a scan of the text per name."""
    schools = known_schools()
    best: str | None = None
    for end, ch in enumerate(text, start=1):
        if ch not in schools.last_characters:
            continue
        for length in schools.lengths:
            if best is not None and length <= len(best):
                break
            if length <= end and (name := text[end - length : end]) in schools.names:
                best = name
                break
    return best


# "学历：大学" is how forms say 大学本科 (a 大专 says 大专 or 专科, which RESUME_DEGREE_PATTERNS finds first).
_UNIVERSITY_LEVEL = re.compile(r"学\s*历\s*[：:]\s*大学(?!\S*(?:专科|肄业|结业))")


def degree_of(text: str) -> Degree | None:
    for degree, pattern in RESUME_DEGREE_PATTERNS:
        if pattern.search(text):
            return degree
    if _UNIVERSITY_LEVEL.search(text):
        return Degree.bachelor
    return None


# Prose: "2016年7月毕业于示例大学": neither the date nor the verb is part of the school's name.
_SCHOOL_LEAD = re.compile(r"\d{1,4}\s*[年月日]|毕业于|就读于|肄业于|求学于|考入|进入")


def find_school(text: str) -> str | None:
    # "就读学校：" is a label ending in 学校, not a school's name.
    labelled = text
    text = _SCHOOL_LEAD.sub(" ", _SCHOOL_LABEL.sub(" ", text))
    if name := _known_school_in(text):
        return name
    if m := _SCHOOL_SUFFIX.search(text):
        if m.group(1):
            return m.group(1).strip()
        # "High School Diploma, Example High School": the longest English name is the school's.
        return max((e.group(2).strip() for e in _SCHOOL_SUFFIX.finditer(text) if e.group(2)), key=len)
    if m := _SCHOOL_VALUE.search(labelled):
        return m.group(1)  # the form says it is a school: "学校：示例牧专", "就读学校： | 示例技工校"
    # A cell naming a listed university without its last character: "示例理工大".
    names = known_schools().names
    return next((cell for cell in re.split(r"[\s|｜]+", text) if cell.endswith("大") and cell + "学" in names), None)


def _without_dates(text: str) -> str:
    for date in find_date_ranges(text):
        text = text.replace(date.text, " ")
    return text


_LABEL_WORDS = re.compile(rf"(?:{_spaced(*MAJOR_LABELS, *SCHOOL_LABELS)}|学历|学位|时间|毕业时间|就读时间|专业描述|专业类别)[：:]?")


def _major_field(text: str) -> re.Match[str] | None:
    """A form's major field ("专业名称：会计", "专　　业⇥会计", "专业： | 会计") whose value is no
    placeholder, next label or degree."""
    for m in _MAJOR_LABEL.finditer(text):
        value = m.group(1)
        if not _NO_VALUE.fullmatch(value) and not _LABEL_WORDS.fullmatch(value) and degree_of(value) is None:
            return m
    return None


def labelled_major(text: str) -> str | None:
    return m.group(1) if (m := _major_field(text)) else None


# Fields after the entry's own cells: a description ("专业描述：…大学专修相关专业"), courses, and a
# site's empty fields ("城市: - 专业类别: -"); the major is among the cells before them.
_DESCRIPTION = re.compile(
    r"(?:[\u4e00-\u9fa5]{0,4}(?:描述|课程|介绍|说明|情况)|在校|系统学习了?|城市|专业类别|学习形式|培养方式|主修)\s*[：:].*$"
)

# An entry's prose fields ("专业描述：…2003年赴示例大学进修，随示例博士学习…"): they name other schools and
# other people's titles, not the entry's own school or level.
_PROSE_FIELD = re.compile(r"[\u4e00-\u9fa5]{0,4}(?:描述|介绍|说明|课程)\s*[：:].*$")


def _without_prose(text: str) -> str:
    return _PROSE_FIELD.sub(" ", text)


_PROVINCES = "北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门"
# What a résumé glues to the front of a school's name: its province or city, or the university a college
# belongs to. Not a major ("生物技术示例药学院" keeps its 生物技术).
_SCHOOL_FRONT = rf"(?:(?:{_PROVINCES})(?:省|市|自治区)?|[\u4e00-\u9fa5]{{2,12}}?(?:大学|学院))?"


def _without_school(text: str, school: str | None) -> str:
    """`text` without the school's name and what is glued to its front ("江苏" of "江苏示例职业技术学院",
    the university of "示例大学示例学院") or written after it in brackets ("示例矿业大学（北京）")."""
    if not school:
        return text
    # As re.sub(rf"{_SCHOOL_FRONT}{re.escape(school)}{_BRACKET}", " ", text), without compiling that
    # pattern for each school (3 ms each, more than the rest of the entry's rules).
    out, at = [], 0
    while (found := _school_at(text, school, at)) is not None:
        start, end = found
        out += [text[at:start], " "]
        at = end
    return "".join(out) + text[at:]


_PROVINCE_NAMES = tuple(_PROVINCES.split("|"))
_BRACKET = re.compile(r"\s*[（(][^（）()]{1,12}[)）]")


def _school_at(text: str, school: str, pos: int) -> tuple[int, int] | None:
    """The span of the leftmost `_SCHOOL_FRONT` + school + bracket from `pos`, tried in the order the
    regex engine tries them: a province (and 省/市/自治区, else none), else the shortest 2-12 Chinese
    characters ending 大学/学院, else nothing, before the school."""
    first = text.find(school, pos)
    if first < 0:
        return None
    for p in range(max(pos, first - 14), first + 1):  # a front is at most 14 characters
        fronts = []
        for province in _PROVINCE_NAMES:
            if text.startswith(province, p):
                q = p + len(province)
                fronts += [q + len(s) for s in ("省", "市", "自治区") if text.startswith(s, q)] + [q]
        for q in range(p + 1, min(p + 12, len(text)) + 1):
            if not "\u4e00" <= text[q - 1] <= "\u9fa5":
                break
            if q >= p + 2 and text.startswith(("大学", "学院"), q):
                fronts.append(q + 2)
        fronts.append(p)
        for q in fronts:
            if text.startswith(school, q):
                end = q + len(school)
                bracket = _BRACKET.match(text, end)
                return p, bracket.end() if bracket else end
    return None  # not reached: the school itself at `first` matches


def find_major(text: str, school: str | None) -> str | None:
    if major := labelled_major(text):
        return major
    if _MAJOR_LABEL.search(text):
        return None  # the form's major field is there and empty: the rest of the row is other fields
    rest = _without_dates(_without_school(_DESCRIPTION.sub(" ", text), school))
    if m := _EN_FIELD_AFTER_DEGREE.search(rest.strip()):
        return m.group(1).strip()
    # "Bachelor of Management in Marketing": the field after "in", not the degree's own name; but
    # "Bachelor of Economics in June 2014" names no field after "in".
    found = [m for m in _EN_MAJOR.finditer(_GENERIC_DEGREE.sub(",", rest)) if m.group(1).split()[0].lower().rstrip(".") not in MONTHS_EN]
    if found:
        return next((m for m in found if m.group(0).startswith("in")), found[0]).group(1).strip()
    # The major is usually the segment that is neither school, degree nor date: "西南财经大学 金融学 本科".
    # One that calls itself a 专业 comes first: in a sentence ("我叫钱测试，…毕业于示例学院市场营销专业")
    # the other clauses are no subjects.
    parts = sorted(_SPLIT.split(rest), key=lambda part: not _NAMED_MAJOR.search(part))
    category = None
    for part in parts:
        part = part.rstrip("。.；; ")  # the end of a sentence
        if part.endswith(("：", ":")):
            continue  # a label ("毕业院校：") whose value was the school
        if re.sub(r"[（(][^（）()]*[)）]?$", "", part).endswith(("学院", "学部", "研究院", "研究生院", "书院")):
            continue  # the school's faculty ("北京大学光华管理学院", "…开放教育学院(网络教育)"), not the subject
        if part.endswith("类") and len(part) <= 6 and category is None:
            category = part  # a site's category of majors ("管理类 工商管理"): the major when nothing follows
            continue
        if PART_TIME.match(part):
            continue  # the study route ("成人教育）" of "工商管理（专升本 / 成人教育）"), not the subject
        # "工商管理（MBA）": the degree in brackets after the major; "工商管理（专升本": a bracket split at "/".
        part = re.sub(r"[（(]([^（）()]{1,12})(?:[)）]|$)$", lambda m: "" if degree_of(m.group(1)) or PART_TIME.search(m.group(1)) else m.group(0), part)
        part = part.strip("：:()（） ")
        part = re.sub(r"[（(][^（()）]*$", "", part).strip()  # "金融学（双学位）" lost its ")" above
        # "工商管理硕士": the major with the degree glued on.
        part = re.sub(r"(?:专业)?(?:硕士|学士|博士|本科|专科|大专)(?:学位|研究生)?$", "", part)
        part = re.sub(r"(?<=[\u4e00-\u9fa5]{2})专业$", "", part)  # "金融学专业"
        if (
            2 <= len(part) <= 16
            and re.fullmatch(r"[\u4e00-\u9fa5（）()]+(?:[-—－][\u4e00-\u9fa5]+)*", part)
            and degree_of(part) is None
            and not PART_TIME.fullmatch(part)
            and part not in {"毕业", "在读", "学历", "学位", "全日制", "统招", "至今", "今", "现在", "目前", "学历教育", "非学历教育"}
            and not re.search(r"省|[市县区]$", part)  # a place: "示例省-示例市"
        ):
            return part
    return category or _latin_cell(rest)


def _latin_cell(row: str) -> str | None:
    """A Chinese site's row naming a foreign major in English ("示例大学 2012/06–2013/09 | Media,
    Culture and Society | 硕士"): the one cell written in English words, when there is one only."""
    if "|" not in row and "｜" not in row:
        return None
    cells = [
        cell
        for cell in (c.strip() for c in re.split(r"[|｜]", row))
        if re.fullmatch(r"[A-Za-z][A-Za-z ,&'\-]{2,60}", cell)
        and degree_of(cell) is None
        and not PART_TIME.search(cell)
        and not _EN_SCHOOL_WORD.search(cell)
    ]
    return cells[0] if len(cells) == 1 else None


# A row of the entry's fields led by the kind of study ("学历教育 | 工商管理 | 会计证", 0577hr's export;
# 学历教育 is also a heading word, which _education_part takes out of the line).
_STUDY_KIND = re.compile(r"\s*(?:学历教育|非学历教育|全日制|非全日制|统招)?\s*[|｜]")


def _block_major(block: list[str], school: str | None) -> str | None:
    """The major from the school's line, else from a line under it that carries the degree or a
    专业 label ("工商管理 | 本科", "本科  市场营销"): job-site exports put it there."""
    if not (school and school in block[0]):
        return find_major(" ".join(block), school)
    if major := find_major(block[0], school):
        return major
    # 卓博's export: "示例学院大专2016/09至2019/06" then the major alone on the line under it.
    if len(block) > 1 and degree_of(block[0]) and (major := find_major(block[1], None)) == block[1].strip():
        return major
    for line in block[1:]:
        if (degree_of(line) or _MAJOR_LABEL.search(line) or _STUDY_KIND.match(line)) and len(_without_dates(line).strip()) <= 50 and (major := find_major(line, None)):
            return major
    return None


_FIELD = re.compile(r"^[\u4e00-\u9fa5A-Za-z ]{1,8}\s*[：:]\s*\S.{0,20}$")  # "专业：金融学", "学历：本科"


# A two-column template read across its columns puts the sidebar's details among the entry's lines.
_PERSONAL_DETAIL = re.compile(r"\d{1,2}\s*岁|\+?[\d\s\-()]{7,}|[\w.+\-]+@[\w\-]+\.[A-Za-z.]+[\u4e00-\u9fa5]{0,8}")


def _entry_blocks(texts: list[str]) -> list[list[str]]:
    """Education lines grouped into entries: a new entry starts at each line naming a school, or at
    its dates when they are written on the line above it ("2012.09-2016.06" / "示例大学"). Dates
    under a school that has none yet are that school's ("示例大学" / "2012.09-2016.06")."""
    # Each line read once: does it name a school, does it hold a date range.
    schools = [find_school(_without_prose(text)) is not None for text in texts] + [False]
    dated = [bool(find_date_ranges(text)) for text in texts] + [False]
    blocks: list[list[str]] = []
    block_dated = False  # the last block holds a date range
    awaiting_school = False  # the last block was opened by dates written above their school
    for i, text in enumerate(texts):
        if _PERSONAL_DETAIL.fullmatch(text.strip()):
            continue  # a sidebar's age, phone or e-mail read in between the entry's lines
        if not schools[i] and dated[i] and schools[i + 1] and not dated[i + 1] and (block_dated or not blocks):
            blocks.append([text])
            awaiting_school = True
        elif schools[i] and awaiting_school:
            blocks[-1].append(text)
            awaiting_school = False
        elif schools[i] or not blocks:
            blocks.append([text])
            block_dated = False
        # A few lines more; a form's short labelled fields (专业：…, 学历：…) do not count towards them.
        elif sum(not _FIELD.match(t) for t in blocks[-1]) < 3 or (_FIELD.match(text) and len(blocks[-1]) < 6):
            blocks[-1].append(text)
        else:
            continue
        block_dated = block_dated or dated[i]
    return blocks


@cache
def _inline_headings() -> re.Pattern[str]:
    """Chinese section headings standing as words inside a line ("… 教育经历 2010/07 - 2014/07 示例大学 …
    培训经历 …"): a page whose layout the reader flattened into one line."""
    words = sorted((h for h in heading_lexicon() if re.fullmatch(r"[\u4e00-\u9fff]{2,}", h)), key=len, reverse=True)
    return re.compile(r"(?:^|(?<=\s))(" + "|".join(words) + r")[：:]?(?=\s|$)")


def _education_part(text: str, in_section: bool) -> str:
    """The part of a line under an education heading: a line of the education section up to the next
    heading written inside it, or the parts after education headings written inside other lines."""
    marks = list(_inline_headings().finditer(text))
    if not marks:
        return text
    lexicon = heading_lexicon()
    parts = [text[: marks[0].start()]] if in_section else []
    for i, m in enumerate(marks):
        if lexicon[m.group(1).lower()] == "education":
            parts.append(text[m.end() : marks[i + 1].start() if i + 1 < len(marks) else len(text)])
    if not in_section and not any(lexicon[m.group(1).lower()] == "education" for m in marks):
        return text
    return " ".join(part.strip() for part in parts if part.strip())


def _split_entries(text: str) -> list[str]:
    """A line holding several dated entries ("2011/9--2014/1 示例大学 工商管理 本科 2005/9--2008/6
    示例学院 电子商务 大专": a table the reader joined into one line) as one text per entry. An entry
    starts at its dates when the line starts with a date, else at its school's name; a piece naming no
    school (a certificate's date) stays with the entry before it."""
    dates = find_date_ranges(text)
    if len(dates) < 2:
        return [text]
    dates_first = not re.search(r"\w", text[: dates[0].span[0]])
    cuts = []
    for before, date in zip(dates, dates[1:]):
        if dates_first:
            cuts.append(date.span[0])
        else:
            between = text[before.span[1] : date.span[0]]
            name = find_school(between)
            if name is None or name not in between:
                continue
            cuts.append(before.span[1] + between.rindex(name))
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]
    entries: list[str] = []
    for piece in pieces:
        if entries and find_school(piece) is None:
            entries[-1] += piece
        else:
            entries.append(piece)
    return [entry.strip() for entry in entries] if len(entries) > 1 else [text]


def _entry_degree(text: str, school: str | None) -> Degree | None:
    """The entry's level: its 学历 field first, then the words beside the school's name, and the name
    only when nothing else says ("示例医学高等专科学校 … 学历：中专" is a 中专)."""
    for m in _FORM_DEGREE.finditer(text):
        if degree := degree_of(m.group(0)):
            return degree
    return (degree_of(text.replace(school, " ")) if school else None) or degree_of(text)


# "学历为高中以上", "大专及以上学历": a level asked for (a site's search filter, an advert), not one held.
_REQUIRED_LEVEL = re.compile(r"(?:博士|硕士|研究生|本科|大专|专科|中专|高中)\s*(?:及|或)?以上")


def extract_education(lines: list[TextLine], reference: Month | None = None) -> list[EducationEntry]:
    """Education entries; ``in_progress`` when the entry says 在读/至今 or ends after `reference`."""
    texts = [_education_part(line.text, True) for line in lines if line.section == "education"]
    if any(texts):
        texts = _entries_above_heading(lines) + texts
    else:
        # No education heading: take lines elsewhere that name a school and a degree.
        texts = [
            part for line in lines
            if (part := _education_part(line.text, False)) and find_school(part) and degree_of(part) and not _REQUIRED_LEVEL.search(part)
        ]
    section = [entry for text in texts if text for entry in _split_entries(text)]
    entries = []
    for block in english_entry_blocks(section) or _entry_blocks(section):
        text = " ".join(block)
        core = " ".join(_without_prose(line) for line in block)
        en_school, en_major = english_school_and_major(block)
        school = en_school or find_school(core)
        degree = _entry_degree(core, school)
        if school is None and degree is None:
            continue
        dates = find_date_ranges(text)
        graduated = None if dates else graduation_month(text) or _closing_date(text)
        entries.append(
            EducationEntry(
                school=school,
                degree=degree,
                major=en_major or _block_major(block, school),
                start=str(dates[0].start) if dates else None,
                end=str(dates[0].end) if dates and dates[0].end else graduated,
                part_time=bool(PART_TIME.search(text)),
                in_progress=bool(
                    _STUDYING.search(text)
                    or english_in_progress(block)
                    or (dates and dates[0].end is None)
                    or (dates and reference and dates[0].end and dates[0].end.index > reference.index)
                    or (graduated and reference and Month.parse(graduated).index > reference.index)
                ),
                evidence=block[0] if school and school in block[0] else " ".join(block[:2]),
            )
        )
    entries = _with_stated_level(_held_and_named_first(without_translations(entries)), lines)
    return _bachelor_before_a_master(entries) or _form_entry(lines)


def _bachelor_before_a_master(entries: list[EducationEntry]) -> list[EducationEntry]:
    """A master's still being studied, and before it a university finished without a level written
    ("吉林某大学 2011-2015" above "某大学 2016-至今 硕士"): that university gave the bachelor's a master's
    is begun on, so the candidate holds one (the master's is not held yet)."""
    studied = [e for e in entries if e.in_progress and e.degree == Degree.master and e.start]
    if not studied or any(e.degree and not e.in_progress for e in entries):
        return entries
    begun = min(e.start for e in studied if e.start)
    return [
        e.model_copy(update={"degree": Degree.bachelor})
        if e.degree is None and e.school and not e.in_progress and e.end and e.end <= begun and _UNIVERSITY.search(e.school)
        else e
        for e in entries
    ]


# A university's name, not a college's or a vocational school's (which give a 大专 as often).
_UNIVERSITY = re.compile(r"(?<!职业)(?<!技术)大学$|\bUniversity\b")


def _held_and_named_first(entries: list[EducationEntry]) -> list[EducationEntry]:
    """Among the entries at one level, those held and naming their school come first (each level keeps
    its places in the list): the school shown for a level is one the candidate holds it from, not a
    second master's still being studied that the résumé lists first, nor an "MBA : GPA 3.4" line
    without its school."""
    result = list(entries)
    for level in {e.degree for e in entries if e.degree}:
        places = [i for i, e in enumerate(entries) if e.degree == level]
        ranked = sorted((entries[i] for i in places), key=lambda e: (e.in_progress, e.school is None))
        for i, entry in zip(places, ranked):
            result[i] = entry
    return result


def _entries_above_heading(lines: list[TextLine]) -> list[str]:
    """Dated lines naming a school and its level just above the education heading, in the section
    before it: a Word template whose heading box is read after its first entry ("2015.07-2019.06
    示例大学 市场营销（本科）" / "主修课程：…" / "教育背景")."""
    first = next((i for i, line in enumerate(lines) if line.section == "education"), 0)
    above: list[str] = []
    for line in reversed(lines[max(0, first - 4) : first]):
        if line.section != lines[first - 1].section:
            break
        text = line.text
        if find_date_ranges(text) and degree_of(text) and find_school(text) and not _REQUIRED_LEVEL.search(text):
            above.insert(0, text)
    return above


def _with_stated_level(entries: list[EducationEntry], lines: list[TextLine]) -> list[EducationEntry]:
    """A form states the level and major once (最高学历：大专, 专业名称：会计) and lists the school
    without them: the entry that ends last among those without a level gets the stated one, when no
    entry has it or a higher one; an entry at the stated level without a major (or with "其他专业")
    gets the stated major."""
    header = [line.text for line in lines if line.section != "education"]
    stated = [
        degree
        for text in header
        if not _NOT_COMPLETED.search(text)
        for m in _FORM_DEGREE.finditer(text)
        if (degree := degree_of(m.group(0)))
    ]
    # A site's summary row states it too: "女 | 33岁 | 10年以上工作经验 | 大专 | 工商管理".
    stated += [degree for text in header if not _NOT_COMPLETED.search(text) and (degree := summary_degree(text))]
    if not stated or not entries:
        return entries
    level = max(stated, key=DEGREE_ORDER.__getitem__)
    entries = _at_stated_school(entries, header, level)
    bare = [i for i, e in enumerate(entries) if e.degree is None and e.school]
    if bare and not any(e.degree and DEGREE_ORDER[e.degree] >= DEGREE_ORDER[level] for e in entries):
        last = max(bare, key=lambda i: (entries[i].end or entries[i].start or "", -i))
        entries = [e.model_copy(update={"degree": level}) if i == last else e for i, e in enumerate(entries)]
    major = next((m for text in header if (m := labelled_major(text))), None)
    if major is None:
        return entries
    return [e.model_copy(update={"major": major}) if e.degree == level and e.major is None else e for e in entries]


def _at_stated_school(entries: list[EducationEntry], header: list[str], level: Degree) -> list[EducationEntry]:
    """A form that states the level also names its school (最高学历 | 学历：大专 | 学校：…): that
    school's entry holds the level and comes first among the entries at it (the highest degree's school
    is the first entry at that level), and when no row names that school and none holds the level or a
    higher one, the form's school is an entry of its own rather than the level going to another row."""
    field = next((m for text in header if (m := _FORM_SCHOOL.search(text))), None)
    if field is None or _NO_VALUE.fullmatch(school := field.group(1)):
        return entries
    named = next((i for i, e in enumerate(entries) if e.school and (school in e.school or e.school in school)), None)
    if named is None:
        if any(e.degree and DEGREE_ORDER[e.degree] >= DEGREE_ORDER[level] for e in entries):
            return entries
        major = next((value for text in header if (value := labelled_major(text))), None)
        return [EducationEntry(school=school, degree=level, major=major, evidence=field.group(0)), *entries]
    entry = entries[named]
    if entry.degree is None and not any(e.degree and DEGREE_ORDER[e.degree] >= DEGREE_ORDER[level] for e in entries):
        entry = entry.model_copy(update={"degree": level})
    if entry.degree != level:
        return entries
    first = next(i for i, e in enumerate(entries) if e.degree == level or i == named)
    rest = [e for i, e in enumerate(entries) if i != named]
    return [*rest[:first], entry, *rest[first:]]


_FORM_SCHOOL = re.compile(rf"(?<![\u4e00-\u9fa5])(?:{_spaced(*SCHOOL_LABELS)}){_LABEL_END}([^\s|｜]+)")
# "学历：本科", "最高学历 | 本科", "学　　历⇥本科" (a plain-text export of a form).
DEGREE_LABEL = rf"(?:{_spaced('最高学历', '学历', '学位', '教育程度', '文化程度')}){_LABEL_END}"
_FORM_DEGREE = re.compile(rf"{DEGREE_LABEL}([^\s|｜]+)")
# A graduation date written alone: "2016年7月毕业", "2016届", "毕业时间：2016.07", "graduated June 2015",
# "Class of 2015". A year alone graduates in June, as Chinese universities do.
_YEAR_MONTH = r"((?:19|20)\d\d)(?:\s*[年./\-]\s*(1[0-2]|0?[1-9])\s*月?)?"
_GRADUATED = re.compile(
    rf"{_YEAR_MONTH}\s*(?:年\s*)?(?:[，,]?\s*(?:我|本人)?\s*(?:于|从)?\s*)?(?:毕业|届)|毕业(?:时间|日期|年份)\s*[：:]?\s*{_YEAR_MONTH}"
    rf"|\bgraduat(?:ed|ion)(?:\s+(?:in|on|date))?\s*:?\s*(?:({'|'.join(MONTHS_EN)})\.?,?\s+)?((?:19|20)\d\d)"
    r"|\bclass\s+of\s+((?:19|20)\d\d)"
    # In a sentence: "I graduated from Example University with a Bachelor of Economics in June 2014".
    rf"|\bgraduated\b[^.;]{{0,100}}?\bin\s+(?:({'|'.join(MONTHS_EN)})\.?,?\s+)?((?:19|20)\d\d)",
    re.I,
)


# "B.A., Economics, Example University, 2014", "MBA (June 2018)": one date, at the end of the entry.
_CLOSING_DATE = re.compile(
    rf"(?:(?:({'|'.join(MONTHS_EN)})\.?,?\s+)|(?<!\d))((?:19|20)\d\d)(?:\s*[./\-年]\s*(1[0-2]|0?[1-9])\s*月?)?[)）.]?\s*$",
    re.I,
)


def _closing_date(text: str) -> str | None:
    """The graduation an entry dates by one year (or month) written last, as YYYY-MM (June for a year)."""
    m = _CLOSING_DATE.search(text)
    if m is None or len(re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", text)) != 1:
        return None
    month = MONTHS_EN[m.group(1).lower()] if m.group(1) else int(m.group(3) or 6)
    return f"{int(m.group(2)):04d}-{month:02d}"


def graduation_month(text: str) -> str | None:
    """The graduation date an education entry writes without a range, as YYYY-MM."""
    return _month_graduated(m) if (m := _GRADUATED.search(text)) else None


def _month_graduated(m: re.Match[str]) -> str:
    g = m.groups()  # the year and month of whichever wording matched
    year = g[0] or g[2] or g[5] or g[6] or g[8]
    month = int(g[1] or g[3] or 0) or (MONTHS_EN[(g[4] or g[7]).lower()] if g[4] or g[7] else 6)
    return f"{int(year):04d}-{month:02d}"


def _form_entry(lines: list[TextLine]) -> list[EducationEntry]:
    """A form's fields (毕业院校：…, 学历：本科, 专业：…, 毕业时间：…) as one entry, when no line
    names a school and a degree together. The evidence is those fields only, not the rows around
    them (a form row also holds 政治面貌, 民族 …)."""
    school = degree = major = end = None
    evidence: list[str] = []
    for line in lines:
        if school is None and (m := _FORM_SCHOOL.search(line.text)):
            school = m.group(1)
            evidence.append(m.group(0))
        for m in _FORM_DEGREE.finditer(line.text):
            level = degree_of(m.group(0))
            if level and (degree is None or DEGREE_ORDER[level] > DEGREE_ORDER[degree]):
                degree = level
                evidence.append(m.group(0))
        if major is None and (m := _major_field(line.text)):
            major = m.group(1)
            evidence.append(m.group(0).strip())
        if end is None and (m := _GRADUATED.search(line.text)):
            end = _month_graduated(m)
            evidence.append(m.group(0))
    if school is None and degree is None:
        return []
    return [EducationEntry(school=school, degree=degree, major=major, end=end, evidence=" / ".join(evidence))]


# Left without the diploma: 本科肄业 is no 本科. (未毕业 is a student who will graduate: in_progress.)
_NOT_COMPLETED = re.compile(r"肄业|结业|辍学|退学|dropped\s+out|did\s+not\s+(?:complete|graduate)", re.I)


def highest_degree(entries: list[EducationEntry], lines: list[TextLine]) -> Degree | None:
    """Highest level the candidate holds, over the entries and any labelled 学历/Degree line in the
    header. A level left without the diploma (肄业, 结业) does not count, nor one still being studied
    (在读, or ending after the reference date) by someone who holds another (a form's 最高学历 names
    the one being studied too); a student who holds none is at the level studied."""
    completed = [e for e in entries if e.degree and not _NOT_COMPLETED.search(e.evidence)]
    held = [e for e in completed if not e.in_progress] or completed
    found = [e.degree for e in held if e.degree]
    studying = {e.degree for e in completed if e.in_progress} - set(found)
    for line in lines:
        if _NOT_COMPLETED.search(line.text):
            continue
        if re.search(r"degree\s*[：:]", line.text, re.I) and (degree := degree_of(line.text)) and degree not in studying:
            found.append(degree)
        for m in _FORM_DEGREE.finditer(line.text):
            if (degree := degree_of(m.group(0))) and degree not in studying:
                found.append(degree)
        if (degree := summary_degree(line.text)) and degree not in studying:
            found.append(degree)
    return max(found, key=DEGREE_ORDER.__getitem__) if found else None


# A job site's summary of the person: "女 | 33岁 | 10年以上工作经验 | 大专 | 工商管理", "王五 - 女 - 大专学历".
_SUMMARY_CELLS = re.compile(r"\s*[|｜/·•]\s*|\s+-\s+")
_DEGREE_CELL = re.compile(r"(?:博士|硕士|研究生|本科|大专|专科|中专|中技|高中|初中)(?:学历)?")


def summary_degree(text: str) -> Degree | None:
    """The level standing as a cell of its own in a summary row that also states the person's sex or
    age: a bare 大专 elsewhere (a course, a requirement) says nothing about the candidate."""
    if "|" not in text and "｜" not in text and " - " not in text:
        return None
    cells = [cell.strip() for cell in _SUMMARY_CELLS.split(text)]
    if not any(cell in {"男", "女"} or re.fullmatch(r"\d{2}\s*岁", cell) for cell in cells):
        return None
    return next((degree_of(cell) for cell in cells if _DEGREE_CELL.fullmatch(cell)), None)


# --- English résumés (LiveCareer and the like) -------------------------------------------------
# A degree line names the degree, then " : " and the field, then the year, school and place, and
# repeats the field at its end: "Bachelor of Science : Finance , 2012 Example University ， City ,
# State Finance"; or the school first: "Example University 2002 Bachelor of Arts : History City , State".
# Its school and year can be on the lines above or under it.

_EN_HAS_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_EN_PLACE = re.compile(
    r"[\s,，\-–—|]*\bCity\b(?:\s*,\s*State\b)?(?:\s*,\s*(?:United States|USA|US|[A-Z][a-z]+)\b)?"
)
_EN_YEAR = re.compile(
    rf"\b(?:(?:{'|'.join(MONTHS_EN)})\.?,?\s+|\d{{1,2}}\s*/?\s*)?(?:19|20)\d\d\b|\b\d{{1,2}}\s*/\s*\d{{2}}\b", re.I
)
_EN_SCHOOL_WORD = re.compile(r"\b(?:university|college|institute|school|academy|univ\.|polytechnic|seminary)", re.I)
_EN_EXTRA_DEGREE = re.compile(r"\b(?:diploma|certificate|GED|degree)\b", re.I)
_EN_FIELD_SEPARATOR = re.compile(r"\s+:\s+|\s+,\s+|\s+[-–]\s+")
_EN_NOT_A_FIELD = re.compile(r"\bGPA\b.*|\((?:[A-Z][A-Za-z.]{1,6})\)|\s+In Progress\.?$", re.I)
# Studying still: "Expected Graduation Year: 2016", "In Progress.", "(on-going)", "Current".
_EN_STUDYING = re.compile(r"\bexpected\b|\bin progress\b|\bon-?going\b|\bcurrent(?:ly)?\b|\bpresent\b", re.I)


def _english(lines: list[str]) -> bool:
    return bool(lines) and not any(_EN_HAS_CJK.search(line) for line in lines)


def _en_degree_line(line: str) -> bool:
    return len(line) <= 220 and (degree_of(line) is not None or bool(_EN_EXTRA_DEGREE.search(line)))


def _en_school_line(line: str) -> bool:
    return len(line) <= 160 and bool(_EN_SCHOOL_WORD.search(line)) and not line.rstrip().endswith(".")


def _en_filler(line: str) -> bool:
    """A year or a place alone: "2004", "City , State , US"."""
    return not _EN_PLACE.sub("", _EN_YEAR.sub("", line)).strip(" ,，-–|")


def english_entry_blocks(lines: list[str]) -> list[list[str]]:
    """English education lines grouped by degree line: each takes its school from the line under it,
    else above it (a year or place line between), and a few lines under it ("In Progress.", the field
    again). A school named without a degree is an entry of its own. Empty for a Chinese résumé."""
    texts = [line.strip() for line in lines]
    if not _english(texts):
        return []
    degree = [_en_degree_line(t) for t in texts]
    school = [_en_school_line(t) for t in texts]
    taken: set[int] = set()
    blocks: list[tuple[int, list[int]]] = []
    for i, text in enumerate(texts):
        if not degree[i]:
            continue
        members = [i]
        if find_school(_EN_PLACE.sub(" ; ", text)) is None:
            below = next((j for j in range(i + 1, min(i + 3, len(texts))) if not _en_filler(texts[j])), None)
            above = next((j for j in range(i - 1, max(i - 4, -1), -1) if not _en_filler(texts[j])), None)
            if below is not None and school[below] and not degree[below] and below not in taken:
                members.append(below)
            elif above is not None and school[above] and not degree[above] and above not in taken:
                members.insert(0, above)
        taken.update(members)
        # Under it, until the next degree or school: the field again, "In Progress.", GPA.
        for j in range(max(members) + 1, min(max(members) + 4, len(texts))):
            if degree[j] or school[j] or j in taken:
                break
            members.append(j)
            taken.add(j)
        blocks.append((min(members), [k for k in sorted(members)]))
    for i in range(len(texts)):
        if school[i] and i not in taken:
            members = [i, *[j for j in range(i + 1, min(i + 2, len(texts))) if not degree[j] and not school[j] and j not in taken]]
            taken.update(members)
            blocks.append((i, members))
    return [[texts[k] for k in members] for _, members in sorted(blocks)]


def _en_clean(text: str) -> str:
    text = _EN_NOT_A_FIELD.sub(" ", _EN_YEAR.sub(" ", _without_dates(text)))
    return re.sub(r"\s+", " ", text).strip(" ,，;:-–—|/")


def _common_words(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a.split(), b.split()):
        if x != y:
            break
        n += 1
    return n


def english_school_and_major(block: list[str]) -> tuple[str | None, str | None]:
    """The school and the field of an English degree entry (None, None for a Chinese one)."""
    if not _english(block):
        return None, None
    line = next((t for t in block if _en_degree_line(t)), None)
    school: str | None = None
    major: str | None = None
    sep = (re.search(r"\s+:\s+", line) or _EN_FIELD_SEPARATOR.search(line)) if line is not None else None
    # A comma or dash marks the field only right after the degree ("Bachelor of Science , Finance"),
    # not inside a date ("… · (2012 - 2016)").
    if sep and sep.group(0).strip() != ":" and (
        re.search(r"[\d(·,]", line[: sep.start()])  # type: ignore[index]
        or _EN_SCHOOL_WORD.search(re.sub(r"(?i)high school diploma", "", line[: sep.start()]))  # type: ignore[index]
    ):
        sep = None
    if line is not None and sep and _en_degree_line(line[: sep.start()]):
        left, right = line[: sep.start()], line[sep.end():]
        place = _EN_PLACE.search(right)
        before = right[: place.start()] if place else right
        after = _en_clean(right[place.end():]) if place else ""
        following = block[block.index(line) + 1] if block.index(line) + 1 < len(block) else ""
        words = before.split()
        if " , " in before:  # "Finance , May 2010 Example University": the site's field separator
            major, rest = before.split(" , ", 1)
        else:
            # The field written again after the place or on the next line: "… City , State Finance".
            k = max(_common_words(before, after), _common_words(before, _en_clean(following)))
            k = k or next((n for n in range(len(words) // 2, 0, -1) if words[:n] == words[-n:]), 0)  # "Business … University Business"
            if k and words[:k] == words[len(words) - k:] and len(words) > k:
                words = words[: len(words) - k]
            if k and (_EN_SCHOOL_WORD.search(" ".join(words[k:])) or not _EN_SCHOOL_WORD.search(before)):
                major, rest = " ".join(words[:k]), " ".join(words[k:])
            elif after and after in before:  # "Example State University - Criminal Justice City , State Criminal Justice"
                major, rest = after, before.replace(after, " ")
            elif (found := _SCHOOL_SUFFIX.search(before)) and found.group(2):
                major, rest = before[: found.start()], before[found.start():]
            else:
                major, rest = before, ""
        major = _en_clean(major) or None
        rest = _en_clean(rest)
        if _EN_SCHOOL_WORD.search(rest):
            school = rest
        elif _EN_SCHOOL_WORD.search(left):
            school = find_school(_EN_PLACE.sub(" ; ", left)) or _en_clean(left)
    if school is None:
        text = _EN_PLACE.sub(" ; ", " ".join(block))  # a name ends at its place
        school = find_school(text)
        if school is None and (caps := re.search(r"\b(?:[A-Z][A-Z&'.\-]+\s+)*(?:UNIVERSITY|COLLEGE|INSTITUTE|SCHOOL|ACADEMY)\b(?:\s+OF(?:\s+[A-Z][A-Z&'.\-]+)+)?", text)):
            school = caps.group(0)
    if field := _EN_FIELD_LABEL.search(" ".join(block)):
        major = field.group(1).strip()  # a form's own label says which words are the field
    return school, major


# A form row's labelled field: "Degree Bachelor of Engineering College Example College Discipline
# Electronics/Communication Year of Graduation 2010" (the site's invisible characters in between).
_EN_FIELD_LABEL = re.compile(
    r"\b(?:Discipline|Field of Study|Major|Specialization)\s*:?[\s\u00c2\u200b]*([A-Z][A-Za-z/&,\- ]+?)"
    r"(?=[\s\u00c2\u200b]*(?:\bYear\b|\bGPA\b|\bCollege\b|\bUniversity\b|\bDegree\b|\bMinor\b|\d|$))"
)


def english_in_progress(block: list[str]) -> bool:
    """"In Progress.", "Expected Graduation Year: 2016", "(on-going)": an English degree not yet held."""
    return _english(block) and any(_EN_STUDYING.search(line) for line in block)
