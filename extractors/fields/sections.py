"""Split a résumé into sections: ``split_lines → find_headings → group_sections``.

Each step is a small pure function whose result can be printed when a résumé parses wrongly.
"""

import re

from pydantic import BaseModel, ConfigDict

from extractors.text.dates import find_date_ranges
from extractors.text.headings import heading_lexicon, heading_section
from screener.models import TextLine

# Lines before the first heading: usually the name and contact block.
HEADER_SECTION = "header"


class Heading(BaseModel):
    model_config = ConfigDict(frozen=True)

    line_no: int
    section: str
    text: str


_HAS_CONTENT = re.compile(r"[0-9A-Za-z\u4e00-\u9fff]")


def split_lines(text: str) -> list[str]:
    """Non-empty lines; rules such as ``----------`` or ``=====`` carry nothing and are dropped."""
    return [line.strip() for line in text.splitlines() if _HAS_CONTENT.search(line)]


# "工作/实践经验", "工作/实习经历": two headings sharing their last word; work among them makes it the
# experience section (its entries are jobs, an internship among them says so itself).
_COMPOUND_HEADING = re.compile(r"^\s*([\u4e00-\u9fff]{2})\s*[/／、&]\s*([\u4e00-\u9fff]{2})(经历|经验|背景)\s*$")


def _compound_heading(line: str) -> str | None:
    if not (m := _COMPOUND_HEADING.match(line)):
        return None
    sections = [heading_section(m.group(i) + m.group(3)) for i in (1, 2)]
    if "experience" in sections:
        return "experience"
    return next((section for section in sections if section), None)


def find_headings(lines: list[str]) -> list[Heading]:
    return [
        Heading(line_no=i, section=section, text=line)
        for i, line in enumerate(lines)
        if (section := heading_section(line) or _compound_heading(line)) is not None
    ]


_INLINE_LABEL = re.compile(r"^\s*([^：:]{2,12})[：:]\s*\S")


def inline_section(line: str) -> str | None:
    """``自我评价：性格开朗…``: a heading word used as a label on a content line."""
    m = _INLINE_LABEL.match(line)
    return heading_lexicon().get(m.group(1).strip().lower()) if m else None


_DIGIT = re.compile(r"\d")
_HEADING_CELL = re.compile(r"^([^|｜]{2,16}?)\s*([|｜]|\s)\s*(\S.*)$")


def heading_cell(line: str) -> tuple[str, str, bool] | None:
    """``教育经历 | 2012.09-2016.06 示例大学 …``: a table row led by a heading cell (a Word template's
    heading column, merged down beside the section's rows, is read with its first row): its section,
    the rest of the row, and whether that holds dates. In a PDF the cells are a gap apart: then only
    beside dates."""
    if not (m := _HEADING_CELL.match(line)):
        return None
    in_table = m.group(2) in "|｜"
    if not in_table and not _DIGIT.search(m.group(3)):  # no dates without digits
        return None
    if (section := heading_section(m.group(1))) is None:
        return None
    dated = bool(find_date_ranges(m.group(3)))
    return (section, m.group(3), dated) if in_table or dated else None


# Sections of dated entries: a form's "工作经验 | 3年" is a label and its value, not the section.
_ENTRY_SECTIONS = {"experience", "internships", "part_time", "education", "projects", "training"}


# "工作业绩：" written as a label under a job (中华英才, 智联) is that job's field, not the projects section.
_ACHIEVEMENTS_LABEL = re.compile(r"^\s*(?:工作业绩|主要业绩|工作成就|主要成就|工作成果)\s*[：:]\s*$")
_JOB_SECTIONS = {"experience", "internships", "part_time"}


def group_sections(lines: list[str], headings: list[Heading]) -> list[TextLine]:
    """Each non-heading line tagged with the section it falls under.

    A labelled line (``专业技能：…``) belongs to its label's section but does not open it,
    since such labels also appear inside other sections. A heading cell beside a table row opens it.
    """
    by_line = {h.line_no: h.section for h in headings}
    current = HEADER_SECTION
    tagged = []
    for i, line in enumerate(lines):
        if i in by_line and current in _JOB_SECTIONS and _ACHIEVEMENTS_LABEL.match(line):
            tagged.append(TextLine(section=current, text=line))  # a job's own field, inside its entry
            continue
        if i in by_line:
            current = by_line[i]
            continue
        if cell := heading_cell(line):
            section, rest, dated = cell
            if dated:  # beside the section's first entry: the heading opens it
                current, line = section, rest
            elif section not in _ENTRY_SECTIONS:  # "自我评价 | 性格开朗": this row only
                tagged.append(TextLine(section=section, text=line))
                continue
        tagged.append(TextLine(section=inline_section(line) or current, text=line))
    return tagged


# A line led by a kinship word is about a relative: "父亲 | 赵某 | 示例银行 | 行长" (a form's 家庭成员 rows,
# whose heading cell is merged away), "母亲：钱某，示例市烟草专卖局会计".
_KIN_LED = re.compile(
    r"^(?:家庭成员\s*\|\s*)?(?:父亲|母亲|父母|配偶|妻子|丈夫|爱人|儿子|女儿|子女|哥哥|姐姐|弟弟|妹妹|兄弟|姐妹|祖父|祖母|外公|外婆)"
    r"\s*(?:[|｜：:]|\s)"
)


def is_about_others(line: TextLine) -> bool:
    """The 家庭成员 or 证明人 section, or a line led by a kinship word: other people's details, not the candidate's."""
    return line.section in {"family", "references"} or bool(_KIN_LED.match(line.text))


def segment(text: str) -> list[TextLine]:
    lines = split_lines(text)
    return group_sections(lines, find_headings(lines))
