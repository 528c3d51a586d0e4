"""Education and page-structure classes of real résumés, pinned on synthetic layouts
(tests/layouts/education3.py)."""

from datetime import date

from extractors.fields.candidate import extract_candidate
from extractors.fields.resume_or_not import not_a_resume_reason
from extractors.readers.document import read_bytes
from screener.models import Candidate, Degree, Document, SourceInfo
from tests.layouts.education3 import (
    empty_label_before_heading,
    english_degree_lines,
    labelled_rows,
    lines_page,
    lists_in_one_cell,
    section_lines,
    summary_row_with_education_and_training,
)

REFERENCE = date(2020, 6, 30)


def read(data: bytes, name: str = "resume.html") -> Candidate:
    document = read_bytes(data, name)
    assert isinstance(document, Document)
    return extract_candidate(document, REFERENCE, today=REFERENCE)


def shown(c: Candidate) -> tuple[Degree | None, str | None, str | None]:
    """The level, school and major a screener shows: the first entry at the highest level."""
    entry = next((e for e in c.education if c.highest_degree and e.degree == c.highest_degree), None)
    return c.highest_degree, entry.school if entry else None, entry.major if entry else None


def test_a_page_of_lists_in_one_cell_reads_each_item_as_a_field() -> None:
    # Each job is a list of label：value items inside the page's one cell: the latest job is the first
    # list's employer and the months add up over both jobs, not the whole page read as one line.
    data = lists_in_one_cell(
        [
            ("基本资料", [["姓名：赵测试", "性别：男", "最高学历：本科"]]),
            (
                "工作经验",
                [
                    ["工作单位：示例农牧集团", "工作时间：2016-2019-06", "在职职位：技术服务经理", "工作职责：猪场技术服务"],
                    ["工作单位：示例饲料有限公司", "工作时间：2010-2016", "在职职位：技术员", "工作职责：饲料推广"],
                ],
            ),
            ("教育经历", [["学校：示例农业大学", "就读时间：2006-2010", "就读专业：动物科学"]]),
        ]
    )
    c = read(data)
    assert c.experience[0].employer == "示例农牧集团"
    assert c.experience[0].title == "技术服务经理"
    assert abs(c.total_experience_months - 114) <= 12
    assert shown(c)[1] == "示例农业大学"


def test_a_description_naming_another_school_and_a_doctor_is_not_an_entry() -> None:
    # The row's free-text 专业描述 tells of a course at a university under a 博士: the candidate's level
    # is the row's 大专 at the row's school, not a doctorate at the university the prose names.
    data = labelled_rows(
        ["姓名：孙测试", "性别：男"],
        [
            "学校：示例牧专",
            "就读时间：2005-2008 大专",
            "就读专业：动物药学",
            "专业描述：兽医学、2010年赴示例大学医学院随示例博士学习猪场管理",
        ],
    )
    assert shown(read(data)) == (Degree.associate, "示例牧专", "动物药学")


def _0577_like() -> bytes:
    return summary_row_with_education_and_training(
        ["女", "33岁", "10年以上工作经验", "大专", "工商管理"],
        [
            [["示例控股有限公司 | 2015年10月 — 2019年05月"], ["职位：会计"]],
            [["示例服饰股份有限公司 | 2010年11月 — 2015年08月"], ["职位：财务助理"]],
        ],
        [["示例经济职业技术学院", "(2006年09月 - 2009年06月)"], ["学历教育", "工商管理文秘", "会计从业证"]],
    )


def test_an_education_and_training_heading_keeps_the_school_out_of_the_jobs() -> None:
    # 教育培训 opens the education section: the school's dates are no job (months: two jobs only).
    c = read(_0577_like())
    assert [e.employer for e in c.experience] == ["示例控股有限公司", "示例服饰股份有限公司"]
    assert abs(c.total_experience_months - 101) <= 3
    assert [e.school for e in c.education] == ["示例经济职业技术学院"]


def test_the_summary_rows_level_goes_to_the_school_and_the_kind_of_study_row_holds_the_major() -> None:
    # The row names no level: the summary's 大专 is this school's; "学历教育 | 工商管理文秘" holds its major.
    assert shown(read(_0577_like())) == (Degree.associate, "示例经济职业技术学院", "工商管理文秘")


def test_an_empty_label_does_not_swallow_the_heading_under_it() -> None:
    # "目标职能：" has no value; the 教育背景 heading under it still opens the education section.
    data = empty_label_before_heading(
        [["姓名：", "周测试"], ["最高学历：", "本科"], ["目标职能：", " "]],
        ["示例工学院(2011/9)-(2015/6)类型：统招", "学历：本科", "专业：土木工程"],
    )
    assert shown(read(data)) == (Degree.bachelor, "示例工学院", "土木工程")


def test_a_faculty_with_its_study_route_in_brackets_is_no_major() -> None:
    # "示例师范大学开放教育学院(网络教育)": the faculty, not the subject; the row under it holds the major.
    data = section_lines(
        ["姓名：吴测试", "性别：女"],
        ["2016/9-2019/1 | 示例师范大学开放教育学院(网络教育)", "大专|计算机应用"],
    )
    assert shown(read(data)) == (Degree.associate, "示例师范大学", "计算机应用")


def test_a_linkedin_field_after_a_full_width_comma_is_the_major() -> None:
    # LinkedIn's Chinese interface: "School，Doctor of Philosophy (Ph.D.)，field", then its menu words.
    data = section_lines(
        ["Example Person", "工作经历"],
        ["Example Institute of Chemistry，Doctor of Philosophy (Ph.D.)，polymer chemistry and physics", "更多选项", "打印候选人档案"],
    )
    assert shown(read(data)) == (Degree.doctorate, "Example Institute of Chemistry", "polymer chemistry and physics")


def test_a_major_written_in_english_in_a_chinese_row_is_the_major() -> None:
    # A foreign master's in a 猎聘 row: "示例大学 dates | Media, Culture and Society | 硕士".
    data = section_lines(
        ["姓名：郑测试", "性别：女"],
        ["示例大学 2012/06–2013/09 | Media, Culture and Society | 硕士", "示例师范大学 2007/09–2011/07 | 传播学 | 本科"],
    )
    assert shown(read(data)) == (Degree.master, "示例大学", "Media, Culture and Society")


def test_a_second_masters_still_studied_is_not_the_school_shown() -> None:
    # Listed first, a master's begun (至今) after a completed one: the completed master's is shown.
    data = section_lines(
        ["姓名：冯测试", "性别：男"],
        [
            "示例北方大学 2019/07–至今 | 会计学 | 硕士",
            "示例海外大学 2012/09–2013/11 | 金融经济-金融分析 | 硕士",
            "示例财经大学 2008/09–2012/07 | 金融学 | 本科",
        ],
    )
    assert shown(read(data)) == (Degree.master, "示例海外大学", "金融经济-金融分析")


def test_an_mba_line_without_its_school_is_not_the_school_shown() -> None:
    # "Master of Business Administration : GPA: 3.4" names no school; the MS under it does.
    text = english_degree_lines(
        [
            "Bachelor of Commerce : accounting , Example College -",
            "accounting GPA: 3.0",
            "Master of Business Administration : GPA: 3.4",
            "Master of Science : Information Technology , Example State University -",
            "Information Technology GPA: 3.31",
        ]
    )
    source = SourceInfo(path="mem.txt", sha256="0" * 64, format="txt")
    c = extract_candidate(Document(source=source, text=text), REFERENCE, today=REFERENCE)
    assert shown(c) == (Degree.master, "Example State University", "Information Technology")


def test_a_university_finished_before_a_masters_still_studied_is_the_bachelors_held() -> None:
    # The form's 最高学历 names the master's being studied; the university before it, written without a
    # level, gave the bachelor's the candidate holds.
    data = labelled_rows(
        ["姓名：陈测试", "毕业学校：示例大学", "最高学历：硕士"],
        [
            "示例农业大学",
            "就读时间：2014年9月-2018年7月",
            "就读专业：动物药学",
            "示例大学",
            "就读时间：2018年9月-至今",
            "就读专业：动物营养与饲料科学",
        ],
    )
    assert shown(read(data)) == (Degree.bachelor, "示例农业大学", "动物药学")


def test_a_school_line_read_above_its_heading_box_is_the_education_entry() -> None:
    # The template's 教育背景 box is read after the entry it heads; the section under it is the jobs'.
    data = lines_page(
        [
            "基本信息",
            "姓名：何测试",
            "政治面貌：群众",
            "2015.07-2019.06 示例人民大学 市场营销（本科）",
            "主修课程：管理学、统计学",
            "教育背景",
            "2019.07-至今 示例信息科技有限公司 软件工程师",
            "负责业务系统的设计",
            "工作经历",
        ]
    )
    assert shown(read(data)) == (Degree.bachelor, "示例人民大学", "市场营销")


def test_a_sidebars_age_phone_and_email_between_an_entrys_lines_are_skipped() -> None:
    # Two columns read across: the sidebar's age, phone and e-mail come between the school and its major.
    data = lines_page(
        [
            "个人简历",
            "求职意向：市场营销",
            "教育背景",
            "2005.07-2009.06 示例师范大学",
            "37岁",
            "138-0000-0000",
            "someone@example.com北京市",
            "市场营销（本科）",
            "主修课程：管理学",
            "工作经验",
            "2012.03-至今 示例科技有限公司 市场营销",
        ]
    )
    assert shown(read(data)) == (Degree.bachelor, "示例师范大学", "市场营销")


def test_an_english_forms_discipline_field_is_the_major() -> None:
    # A labelled row (Degree … College … Discipline … Year of Graduation …): the Discipline's value.
    text = english_degree_lines(
        ["Degree Bachelor of Engineering College Example Engineering College Discipline Electronics/Communication Year of Graduation 2010"]
    )
    source = SourceInfo(path="mem.txt", sha256="0" * 64, format="txt")
    c = extract_candidate(Document(source=source, text=text), REFERENCE, today=REFERENCE)
    assert shown(c)[0::2] == (Degree.bachelor, "Electronics/Communication")


def test_a_blank_templates_writing_instructions_make_it_no_resume() -> None:
    # A template site's sample: sample dates and names, and in every entry the template's instruction
    # to the writer instead of the person's text. It is not ranked as a candidate.
    instruction = "◼ 写一段介绍工作内容的说明，关于工作职责，获得的业绩情况"
    data = lines_page(
        [
            "个人简历",
            "工作经历",
            "2019.09-至今 示例设计有限公司 平面设计师",
            instruction,
            instruction,
            "2017.09-2019.09 示例家居有限公司 平面设计师",
            instruction,
            instruction,
            "教育背景",
            "2014.09-2017.06 示例园林学校 设计专业",
        ]
    )
    assert not_a_resume_reason(read(data)) is not None
    # The same page with the person's own duties is a résumé.
    own = data.replace(instruction.encode(), "◼ 负责门店海报与画册的设计".encode())
    assert not_a_resume_reason(read(own)) is None
