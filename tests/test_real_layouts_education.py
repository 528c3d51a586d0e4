"""The highest degree, its school and its major as HR reads them, on the layouts of real job-site
exports (synthetic: tests/layouts/education.py)."""

from datetime import date

import pytest

from extractors.fields.candidate import extract_candidate
from extractors.readers.document import read_bytes
from screener.models import Candidate, Degree, Document, EducationEntry, SourceInfo
from tests.layouts.education import flattened_page, labelled_rows, nested_table_export, plain_text_form

REFERENCE = date(2020, 6, 30)


def read(data: bytes, name: str = "resume.html") -> Candidate:
    document = read_bytes(data, name)
    assert isinstance(document, Document)
    return extract_candidate(document, REFERENCE, today=REFERENCE)


def from_text(text: str) -> Candidate:
    source = SourceInfo(path="resume.txt", sha256="0" * 64, format="txt")
    return extract_candidate(Document(source=source, text=text), REFERENCE, today=REFERENCE)


def top(c: Candidate) -> EducationEntry | None:
    """The entry of the highest degree: the school and major a screener shows beside it."""
    return next((e for e in c.education if c.highest_degree and e.degree == c.highest_degree), None)


def shown(c: Candidate) -> tuple[Degree | None, str | None, str | None]:
    entry = top(c)
    return c.highest_degree, entry.school if entry else None, entry.major if entry else None


def test_entries_of_a_nested_table_joined_on_one_line_stay_apart() -> None:
    # The reader joins the nested rows; the master's school and major are the master row's.
    data = nested_table_export(
        ["张测试 | 男 | 35岁", "最高学历：硕士"],
        [["2014/09--2017/06", "示例理工大学", "软件工程", "硕士"], ["2010/09--2014/06", "苏州大学", "冶金自动化", "本科"]],
        [["2017/07--至今", "示例科技有限公司", "工程师"]],
    )
    assert shown(read(data)) == (Degree.master, "示例理工大学", "软件工程")


def test_entries_written_school_first_on_one_line_stay_apart() -> None:
    data = nested_table_export(
        ["王测试 | 男"],
        [["示例科技大学硕士2002/09至2004/12", "软件工程"], ["苏州大学本科1993/08至1997/06", "冶金自动化"]],
        [["2005/01--至今", "示例软件有限公司", "架构师"]],
    )
    c = read(data)
    assert [(e.school, e.degree, e.major) for e in c.education] == [
        ("示例科技大学", Degree.master, "软件工程"),
        ("苏州大学", Degree.bachelor, "冶金自动化"),
    ]


def test_the_education_part_of_a_page_flattened_into_one_line() -> None:
    data = flattened_page(
        [
            "钱测试 女 22岁 应届毕业生 | 现居示例市",
            "求职意向 意向职能：技师 期望薪资：4000-4999 /月",
            "教育经历",
            "示例医学高等专科学校 | 大专 | 康复治疗技术 | 2016.09 至2019.06",
            "工作经历",
            "示例康复中心 | 康复部 | 康复治疗师 | 2019.06 至今",
        ]
    )
    assert shown(read(data)) == (Degree.associate, "示例医学高等专科学校", "康复治疗技术")


@pytest.mark.parametrize(
    "rows",
    [
        [["示例大学 (2011-03 -2014-07 )"], ["专业名称：麻醉 学历：大专"]],  # doctorjob
        [["示例大学 (2011-03 -2014-07 )"], ["就读专业：麻醉"], ["专业描述：", "主修麻醉学、药理学等相关专业课程"]],
        [["就读学校：", "示例大学(2011/3 – 2014/7 )"], ["专业名称：", "麻醉"], ["专业描述：", "大专"]],  # shoeshr
    ],
)
def test_the_major_is_read_from_the_forms_labelled_field(rows: list[list[str]]) -> None:
    c = read(labelled_rows([["最高学历：大专"], ["教育经历"], *rows]))
    assert shown(c) == (Degree.associate, "示例大学", "麻醉")


def test_a_school_label_is_not_a_school_and_a_labelled_school_is_one() -> None:
    # "示例技工校" has no suffix a school name is known by; the form says it is the school.
    c = read(labelled_rows([["最高学历：高中/中专"], ["教育经历"], ["就读学校：", "示例技工校(2000/9 – 2002/7 )"], ["专业名称：", "计算机网络管理"]]))
    assert shown(c) == (Degree.secondary, "示例技工校", "计算机网络管理")


def test_a_plain_text_form_with_spaced_labels_and_tabs() -> None:
    text = plain_text_form(
        [("姓　　名", "赵测试"), ("学　　历", "本科"), ("专　　业", "市场营销"), ("毕业院校", "示例财经大学"), ("电　　话", "138-0000-0000")]
    )
    assert shown(from_text(text)) == (Degree.bachelor, "示例财经大学", "市场营销")


def test_a_degree_still_studied_is_not_the_highest_held() -> None:
    data = nested_table_export(
        ["孙测试 | 女 | 30岁", "最高学历：硕士"],
        [["2019/09--至今", "示例理工大学", "工商管理", "MBA"], ["2008/09--2012/06", "示例外国语大学", "英语", "本科"]],
        [["2012/07--至今", "示例贸易有限公司", "经理"]],
    )
    assert shown(read(data)) == (Degree.bachelor, "示例外国语大学", "英语")


def test_a_student_holding_no_degree_yet_is_at_the_level_studied() -> None:
    c = from_text("教育背景\n2018.09-2021.06 示例职业技术学院 电子商务 大专\n")
    assert shown(c) == (Degree.associate, "示例职业技术学院", "电子商务")


def test_the_entrys_degree_field_outranks_the_schools_name() -> None:
    # A 中专 course at a school called 高等专科学校; the 大专 is the later entry.
    c = read(
        labelled_rows(
            [
                ["教育经历"],
                ["示例医学高等专科学校 (1995-09 -1998-07 )"],
                ["专业名称：护理 学历：中专"],
                ["示例医学院 (2011-03 -2014-01 )"],
                ["专业名称：麻醉 学历：大专"],
            ]
        )
    )
    assert [e.degree for e in c.education] == [Degree.secondary, Degree.associate]
    assert shown(c) == (Degree.associate, "示例医学院", "麻醉")


@pytest.mark.parametrize(
    ("row", "major"),
    [
        ("2008.09 - 2011.06 江苏苏州大学 机械设计制造及其自动化 大专", "机械设计制造及其自动化"),  # the province glued on
        ("2008.09 - 2012.06 华北电力大学（保定） 电气工程及其自动化 本科", "电气工程及其自动化"),  # the campus in brackets
        ("2007.09 - 2011.07 示例大学苏州大学 艺术设计 本科", "艺术设计"),  # the parent university glued on
        ("2009-9 至 2013-7 | 生物技术苏州大学 本科", "生物技术"),  # the major glued on stays the major
        ("2006.03 - 2009.02 | 北京理工大 | 本科 | 通信工程", "通信工程"),  # a listed university missing its 学
        ("2018.09 - 2021.06 /至今 | 示例理工学院 | 材料成型及控制工程 | 本科", "材料成型及控制工程"),
    ],
)
def test_the_major_is_not_what_is_written_around_the_schools_name(row: str, major: str) -> None:
    (entry,) = from_text(f"教育背景\n{row}\n").education
    assert entry.major == major


@pytest.mark.parametrize(
    ("cells", "major"),
    [
        ("示例省-示例市 | 示例科技学院 | 管理类 旅游管理-酒店管理 | 本科", "旅游管理-酒店管理"),  # veryeast
        ("示例科技学院 | 土建类>建筑与土木工程 | 本科", "建筑与土木工程"),
        ("示例科技学院 | 建筑类 | 本科", "建筑类"),  # the category is all the row says
    ],
)
def test_a_sites_category_of_majors_gives_way_to_the_major(cells: str, major: str) -> None:
    (entry,) = from_text(f"教育背景\n2008/9-- 2012/7 | {cells}\n").education
    assert entry.major == major


def test_a_description_field_holds_no_major() -> None:
    # beisen: the entry's cells, then empty fields and a description that mentions 相关专业.
    row = "2008.09.01 - 2012.06.01 示例工程大学 艺术设计 本科 城市: - 专业类别: - 学位: - 专业描述: 高中开始学习画画 大学专修相关专业"
    (entry,) = from_text(f"教育背景\n{row}\n").education
    assert (entry.school, entry.major) == ("示例工程大学", "艺术设计")


def test_a_course_list_is_not_the_major() -> None:
    row = "示例信息职业技术学院大专2005/09至2008/06 计算机软件 在学校主修：操作系统原理、数据结构、C/C++程序设计"
    (entry,) = from_text(f"教育背景\n{row}\n").education
    assert entry.major == "计算机软件"


def test_the_forms_stated_level_and_major_complete_a_bare_entry() -> None:
    # xumurc: the header states 最高学历 and 专业名称; the entry lists the school and "其他专业".
    c = read(
        labelled_rows(
            [
                ["毕业院校：示例农业大学"],
                ["专业名称：生物技术"],
                ["最高学历：本科"],
                ["教育经历"],
                ["学校：示例农业大学 就读时间：1995.9-1999.7 就读专业：其他专业 专业描述：企业会计、企业财务"],
            ]
        )
    )
    assert shown(c) == (Degree.bachelor, "示例农业大学", "生物技术")
