"""Latest title and employer read from the layouts job sites really export (synthetic stand-ins in
tests/layouts/titles.py)."""

from datetime import date

from extractors.fields.candidate import extract_candidate
from extractors.readers.document import read_bytes
from screener.models import Candidate, Document
from tests.layouts import titles as layouts

REFERENCE = date(2019, 6, 30)


def _candidate(data: bytes, name: str) -> Candidate:
    doc = read_bytes(data, name)
    assert isinstance(doc, Document), doc
    return extract_candidate(doc, REFERENCE, today=REFERENCE)


def test_title_label_with_the_dates_again_is_the_jobs_title() -> None:
    # 聚贤 writes "担任职位：" with the job's dates again and the title on the next line: the label was
    # taken as a second job's employer or title, and the current job's "-3000.01" end was no date, so
    # the latest job was lost.
    cand = _candidate(layouts.title_label_repeats_dates().encode(), "resume.html")
    assert [(e.employer, e.title) for e in cand.experience] == [
        ("示例科技有限公司", "技术支持"),
        ("样本网络技术有限公司", "网站运营"),
    ]
    assert cand.experience[0].is_current
    assert cand.total_experience_months == 40 + 32


def _from_text(text: str) -> Candidate:
    return _candidate(text.encode(), "resume.txt")


def test_title_before_the_dates_under_the_employer() -> None:
    # "示例医院 / 麻醉医生 2017-09 -至今": a title outside the title vocabulary was not read at all.
    cand = _from_text(layouts.title_before_dates_under_employer())
    assert [(e.employer, e.title) for e in cand.experience] == [("示例医院", "麻醉医生"), ("样本卫生院", "药剂调配")]


def test_title_in_the_first_cell_under_the_dated_employer() -> None:
    # 智联: "嵌入式软件开发 | 6001-8000元/月" under the employer's dated line is the position.
    cand = _from_text(layouts.title_cell_under_dated_employer())
    assert [(e.employer, e.title) for e in cand.experience] == [("示例研究院", "嵌入式软件开发"), ("样本科技股份有限公司", "电气调试")]


def test_title_after_the_department_on_the_dated_line() -> None:
    cand = _from_text(layouts.department_then_title_on_dated_line())
    assert (cand.experience[0].employer, cand.experience[0].title) == ("示例儿童医疗中心", "助理护士")


def test_major_alone_under_the_school_line() -> None:
    # "示例理工大学硕士2012/09至2015/06" then "软件工程" on the row under it: the major was missed and
    # the form's 专业 field at the top (another subject) was taken for the highest degree's.
    cand = _candidate(layouts.major_under_school_line(), "resume.doc")
    assert [(e.school, e.degree, e.major) for e in cand.education] == [
        ("示例理工大学", "master", "软件工程"),
        ("示例大学", "bachelor", "自动化"),
    ]


def test_level_in_the_summary_row_not_the_site_filters() -> None:
    # "学历为高中以上" (the site's search filter) was read as a school and its level as the candidate's;
    # the summary row's "大专" cell was not read.
    cand = _candidate(layouts.summary_row_with_site_filters().encode(), "resume.html")
    assert cand.highest_degree == "associate"
    assert not any("学历" in (e.school or "") for e in cand.education)


def test_linkedin_title_and_company_above_the_dates() -> None:
    # LinkedIn prints the title, then the company, then "dates (time there)place": the company of a
    # name without 公司 was the place after the dates, and a title outside the vocabulary was lost.
    cand = _from_text(layouts.linkedin_positions())
    assert [(e.employer, e.title) for e in cand.experience] == [("示例科技", "Principal Scientist"), ("样本材料", "研发部门副主任")]
    assert cand.total_experience_months == 40 + 32
