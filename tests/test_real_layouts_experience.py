"""Work history read from the layouts job sites really export (synthetic stand-ins in tests/layouts)."""

from datetime import date

from extractors.fields.candidate import extract_candidate
from extractors.readers.document import read_bytes
from screener.models import Candidate, Document, SourceInfo
from tests.layouts import experience as layouts

REFERENCE = date(2019, 6, 30)


def _candidate(data: bytes, name: str) -> Candidate:
    doc = read_bytes(data, name)
    assert isinstance(doc, Document), doc
    return extract_candidate(doc, REFERENCE, today=REFERENCE)


def _from_text(text: str) -> Candidate:
    source = SourceInfo(path="mem.txt", sha256="0" * 64, format="txt")
    return extract_candidate(Document(source=source, text=text), REFERENCE, today=REFERENCE)


def test_nested_layout_tables_give_one_line_per_row() -> None:
    # 51job's MHT nests each section's entries in a table inside a layout table's cell: read as one
    # cell, the whole career was one line and no job was found.
    cand = _candidate(layouts.nested_table_mht(), "resume.mht")
    latest = cand.experience[0]
    assert (latest.employer, latest.title, latest.start, latest.is_current) == ("示例科技有限公司", "软件工程师", "2016-03", True)
    assert [e.employer for e in cand.experience] == ["示例科技有限公司", "样本网络技术有限公司"]
    assert cand.total_experience_months == 40 + 32


def test_dates_a_slash_apart_date_a_job() -> None:
    # xmrc writes "2016-03/至今 | 示例科技有限公司(研发部) | 软件工程师": the slash was not read as a
    # range, so the site's résumés had no job at all.
    cand = _candidate(layouts.slash_range_rows().encode(), "resume.html")
    latest = cand.experience[0]
    assert (latest.employer, latest.title, latest.start, latest.is_current) == ("示例科技有限公司(研发部)", "软件工程师", "2016-03", True)
    assert cand.experience[1].end == "2016-02"
    assert cand.total_experience_months == 40 + 32


def test_unlabelled_company_facts_are_not_the_employer() -> None:
    # "互联网/电子商务|少于50人|民营公司" under the employer: 民营公司 was taken for the employer of a
    # company whose name has no 公司 in it, and the title under a department cell was not found.
    cand = _candidate(layouts.facts_row_mht(), "resume.mht")
    assert [(e.employer, e.title) for e in cand.experience] == [
        ("示例信息科技", "音响师"),
        ("样本文化传播有限公司", "工程部主管"),
    ]


def test_title_above_dates_employer_below_with_its_company_type() -> None:
    # 中华英才: title / dates / "employer 民企/私企". The employer under bare dates was dropped, the
    # company type kept, the current job (its start alone) not found, and "工作业绩：" inside a job
    # opened the projects section, so the jobs after it were lost.
    cand = _candidate(layouts.title_dates_employer_page().encode(), "resume.html")
    assert [(e.employer, e.title, e.start, e.end) for e in cand.experience] == [
        ("示例集团", "出纳员", "2016-08", None),
        ("示例旅行社有限责任公司", "商务拓展总监", "2015-10", "2016-07"),
        ("样本广告", "品牌经理", "2013-08", "2015-09"),
    ]
    assert cand.experience[0].is_current
    assert cand.total_experience_months == 35 + 10 + 26


def test_company_row_and_position_row_are_one_job_counted_to_the_last_login() -> None:
    # 猎聘: the company's row and the position's row gave the job twice, the untitled one first, and
    # "所在地区：宁波" was taken for an employer; 至今 ran to today, not to the last login printed.
    cand = _candidate(layouts.company_then_position_page().encode(), "resume.html")
    assert [(e.employer, e.title, e.start, e.end) for e in cand.experience] == [
        ("示例电子股份有限公司", "证券事务助理", "2015-03", None),
        ("样本软件有限公司", "数据规划专家", "2013-07", "2015-02"),
    ]
    assert cand.reference_date == "2016-04-22"
    assert cand.total_experience_months == 14 + 20


def test_title_in_the_cell_after_the_employer_or_glued_before_it() -> None:
    cand = _candidate(layouts.cells_and_glued_titles().encode(), "resume.html")
    assert [(e.employer, e.title) for e in cand.experience] == [
        ("示例康复服务中心", "品牌运营"),
        ("示例永升物业管理有限公司", "出纳"),
    ]


def test_form_rows_of_labelled_cells_under_a_compound_heading() -> None:
    # qzrc: "所在单位 | 【name】 | 职位名称 | title" and "单位行业 | … | 时间 | dates" under "工作/实践经验":
    # the heading was not known (the jobs fell in the education section) and the labels not read.
    cand = _candidate(layouts.form_rows_page().encode(), "resume.html")
    assert [(e.employer, e.title, e.start, e.end) for e in cand.experience] == [
        ("样本房地产开发有限公司", "安装造价工程师", "2013-05", "2018-05"),
        ("示例消防工程有限公司", "安装预算员", "2011-07", "2013-04"),
    ]
    assert cand.experience[0].stated_industry == "房地产开发/建筑与工程"


def test_aligned_labels_in_cells_or_after_a_tab() -> None:
    # "公　　司 | 示例科技有限公司": a label spaced out to align, its value in the next cell or after a tab.
    expected = [("示例科技有限公司", "软件工程师", "2016-03", None), ("样本网络技术有限公司", "测试工程师", "2013-07", "2016-02")]
    for cand in (_candidate(layouts.aligned_label_table().encode(), "resume.html"), _from_text(layouts.aligned_label_form())):
        assert [(e.employer, e.title, e.start, e.end) for e in cand.experience] == expected


def test_months_stop_at_the_reference_date() -> None:
    # A page updated in 2016 whose jobs run to 2018: the months after the update are not experience yet.
    text = "更新日期：2016/11/15\n工作经历\n2014.12-2018.05 示例科技有限公司 工程师\n"
    assert _from_text(text).total_experience_months == 24
