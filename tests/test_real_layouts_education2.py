"""The school of the highest degree when a form's header names it and the education rows disagree
(synthetic layouts: tests/layouts/education2.py)."""

from datetime import date

from extractors.fields.candidate import extract_candidate
from extractors.readers.document import read_bytes
from screener.models import Candidate, Degree, Document
from tests.layouts.education2 import form_with_course_rows, stated_highest_block

REFERENCE = date(2020, 6, 30)


def read(data: bytes) -> Candidate:
    document = read_bytes(data, "resume.html")
    assert isinstance(document, Document)
    return extract_candidate(document, REFERENCE, today=REFERENCE)


def shown(c: Candidate) -> tuple[Degree | None, str | None, str | None]:
    """The level, school and major a screener shows: the first entry at the highest level."""
    entry = next((e for e in c.education if c.highest_degree and e.degree == c.highest_degree), None)
    return c.highest_degree, entry.school if entry else None, entry.major if entry else None


def test_the_school_the_header_states_wins_between_rows_at_the_same_level() -> None:
    # Two 大专 rows; the header's 最高学历 block names the older one: that school and its major are shown.
    data = stated_highest_block(
        [["学　历：", "大专"], ["专　业：", "电子商务"], ["学　校：", "示例石油高等专科学校"]],
        [
            ["2011 /9--2014 /1", "示例地质大学", "工商管理", "大专"],
            ["2005 /9--2008 /6", "示例石油高等专科学校", "电子商务", "大专"],
        ],
    )
    assert shown(read(data)) == (Degree.associate, "示例石油高等专科学校", "电子商务")


def test_a_row_without_a_level_does_not_take_the_school_the_form_states() -> None:
    # The form says 大专 at 示例交通学院; the section lists a university and a training centre without a
    # level: the stated level stays with the stated school, not with the first row of the section.
    data = form_with_course_rows(
        [["姓 名", "王测试", "性 别", "男"], ["学 历", "大专", "毕业院校", "示例交通学院"]],
        [["示例航空航天大学", "计算机科学与技术"], ["示例培训中心", "Java软件开发"]],
    )
    assert shown(read(data))[:2] == (Degree.associate, "示例交通学院")


def test_rows_keep_their_levels_when_the_form_names_a_school_at_a_lower_one() -> None:
    # The form's block is stale (大专 at the college); the rows hold a 本科 since: the 本科 row is shown.
    data = stated_highest_block(
        [["学　历：", "大专"], ["学　校：", "示例职业技术学院"]],
        [
            ["2014 /9--2016 /6", "示例理工大学", "机械工程", "本科"],
            ["2011 /9--2014 /6", "示例职业技术学院", "机械制造", "大专"],
        ],
    )
    assert shown(read(data)) == (Degree.bachelor, "示例理工大学", "机械工程")
