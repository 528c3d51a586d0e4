"""Extraction rules on the résumé text as recruiters see it: dates, sections, jobs, schools, contacts."""

from datetime import date

import pytest

from extractors.fields.candidate import extract_candidate
from extractors.fields.contacts import find_emails, find_name, find_phones
from extractors.fields.education import degree_of
from extractors.fields.sections import segment
from extractors.text.dates import Month, find_date_ranges
from screener.models import Degree, Document, SourceInfo

REFERENCE = date(2026, 6, 30)


def candidate_of(text: str):
    source = SourceInfo(path="mem.txt", sha256="0" * 64, format="txt")
    return extract_candidate(Document(source=source, text=text), REFERENCE)


@pytest.mark.parametrize(
    ("text", "start", "end", "months"),
    [
        ("2015.07 - 至今", "2015-07", None, 132),
        ("2015年7月—2018年12月", "2015-07", "2018-12", 42),
        ("Jul 2015 – Present", "2015-07", None, 132),
        ("2019/03-2021/08", "2019-03", "2021-08", 30),
        ("2016-09 ~ 2020-06", "2016-09", "2020-06", 46),
        ("March 2018 - June 2020", "2018-03", "2020-06", 28),
        ("03/2018 - 06/2020", "2018-03", "2020-06", 28),
        ("2014年9月至2018年6月", "2014-09", "2018-06", 46),
        ("自2015年7月起至今", "2015-07", None, 132),  # prose: "from … on, until now"
        ("2018.07-2018.12", "2018-07", "2018-12", 6),
        ("二〇一一年七月—二〇一三年十二月", "2011-07", "2013-12", 30),
        ("二零一五年十月至今", "2015-10", None, 129),
        ("2015.3.1-2017.12.31", "2015-03", "2017-12", 34),
        ("2015年3月1日-2017年12月31日", "2015-03", "2017-12", 34),
        ("2015-03-01 ~ 至今", "2015-03", None, 136),
        ("03.2015 - 12.2017", "2015-03", "2017-12", 34),
        ("2019.03—至 今", "2019-03", None, 88),  # spaced out by the PDF
        ("2019.03 | 至今 | 示例银行", "2019-03", None, 88),  # a form's start and end columns
        ("2014.07 2018.06 示例保险股份有限公司", "2014-07", "2018-06", 48),  # ... in its PDF
        ("201903-202106", "2019-03", "2021-06", 28),  # digits run together, as HR systems print them
        ("20190301-至今", "2019-03", None, 88),
        ("15.03-17.12", "2015-03", "2017-12", 34),
        ("2015.03-17.12", "2015-03", "2017-12", 34),
        ("'15.3 - 至今", "2015-03", None, 136),
        ("2019.7- 示例烟草公司 客户经理", "2019-07", None, 84),
        ("Jul 2019 – Example Co.", "2019-07", None, 84),
        # 一 typed (or read by OCR) for the dash; a comma or a middle dot for the point.
        ("2019.07一2021.06 示例银行", "2019-07", "2021-06", 24),
        ("2019.07一至今", "2019-07", None, 84),
        ("2019,07-2021·06", "2019-07", "2021-06", 24),
    ],
)
def test_date_ranges_in_the_forms_resumes_use(text, start, end, months):
    (found,) = find_date_ranges(text)
    assert str(found.start) == start
    assert (str(found.end) if found.end else None) == end
    assert found.months(Month(2026, 6)) == months


def test_a_phone_number_inside_text_is_not_a_date():
    assert find_date_ranges("电话：138-0000-0012") == []


@pytest.mark.parametrize("text", ["年薪10.5-12.8万", "不良率控制在1.2-1.5%", "GPA 3.5-3.8", "月薪8.5-12.5k"])
def test_figures_with_a_unit_are_not_two_digit_year_dates(text):
    assert find_date_ranges(text) == []


# A dash at the end of a line may have its end date wrapped onto the next; after a bare year it may
# be a one-year job; glued to the text it dates one event: none is read as ongoing.
@pytest.mark.parametrize("text", ["2019.07 -", "2019 – Example Bank", "2019.07-参与核心系统升级项目"])
def test_a_dash_without_an_end_is_ongoing_only_before_a_name_and_after_a_month(text):
    assert find_date_ranges(text) == []


@pytest.mark.parametrize(
    ("text", "degree"),
    [
        ("西南财经大学 金融学 本科", Degree.bachelor),
        ("工商管理硕士（MBA）", Degree.master),
        ("MBA学位", Degree.master),
        ("青禾职业技术学院 市场营销 大专", Degree.associate),
        ("专科", Degree.associate),
        ("示例县职业中专 会计", Degree.secondary),
        ("博士研究生", Degree.doctorate),
        ("Bachelor of Economics, Fudan University", Degree.bachelor),
        ("自考本科", Degree.bachelor),
        ("学历：大学", Degree.bachelor),  # a form's way of writing 大学本科
        ("学历：大学专科", Degree.associate),
        ("Higher Diploma in Banking, Example Institute of Vocational Education", Degree.associate),
    ],
)
def test_degree_words_map_to_canonical_codes(text, degree):
    assert degree_of(text) == degree


def test_sections_follow_chinese_and_bilingual_headings():
    lines = segment("张测试\n【教育背景】\n示例大学 本科\n工作经历 / Work Experience\n2019.01-至今 示例银行 客户经理\n自我评价：沟通能力强")
    assert [(line.section, line.text) for line in lines] == [
        ("header", "张测试"),
        ("education", "示例大学 本科"),
        ("experience", "2019.01-至今 示例银行 客户经理"),
        ("summary", "自我评价：沟通能力强"),
    ]


def test_overlapping_jobs_are_counted_once_and_internships_not_at_all():
    c = candidate_of(
        "工作经历\n"
        "2020.01 - 至今  青禾县农村信用合作联社  客户经理\n"
        "2019.07 - 2020.06  示例小额贷款有限公司  信贷员\n"
        "2018.07 - 2018.12  示例银行股份有限公司  实习生\n"
    )
    assert [e.employer for e in c.experience] == ["青禾县农村信用合作联社", "示例小额贷款有限公司", "示例银行股份有限公司"]
    assert [e.months for e in c.experience] == [78, 12, 6]
    assert c.experience[2].is_internship
    # 2019-07 through 2026-06, the overlap of the first two jobs counted once; the internship not at all.
    assert c.total_experience_months == 84


def test_a_job_written_in_chinese_numerals_is_its_own_entry_and_leaves_the_one_above_whole():
    text = (
        "工作经历\n"
        "2015年3月至今 示例小额贷款有限公司 信贷客户经理\n"
        "二〇一一年七月—二〇一一年九月 示例证券营业部 实习生\n"
    )
    current, internship = candidate_of(text).experience
    assert (current.employer, current.is_internship, current.months) == ("示例小额贷款有限公司", False, 136)
    assert (internship.employer, internship.start, internship.end, internship.is_internship) == (
        "示例证券营业部", "2011-07", "2011-09", True)
    assert candidate_of(text).total_experience_months == 136


def test_a_line_under_the_dates_with_a_year_of_its_own_is_not_that_jobs_title():
    # A date form no rule reads: the line is another job, and its 实习 is not this one's.
    text = "工作经历\n2015年3月至今 示例小额贷款有限公司 信贷客户经理\n2011年夏 示例证券营业部 实习生\n"
    (job,) = candidate_of(text).experience
    assert (job.is_internship, candidate_of(text).total_experience_months) == (False, 136)


def test_employer_and_title_on_their_own_lines_under_the_dates():
    c = candidate_of("Work Experience\nJul 2015 – Present\nSample Rural Bank\nLoan Officer\n- SME loans\n")
    (job,) = c.experience
    assert (job.employer, job.title, job.start, job.end, job.is_current) == ("Sample Rural Bank", "Loan Officer", "2015-07", None, True)


def test_labelled_fields_above_the_dates_belong_to_that_job():
    c = candidate_of("工作经历\n公司名称：示例物业服务有限公司  职位：客服主管\n时间：2020.01-2022.05\n负责投诉处理\n")
    (job,) = c.experience
    assert (job.employer, job.title, job.months) == ("示例物业服务有限公司", "客服主管", 29)


def test_contacts_in_the_forms_resumes_write_them():
    text = "电话：+86 138 0000 0007 ｜ 邮箱：Zhang.Test@Example.com\n备用：139-0000-0012"
    assert find_phones(text) == ["13800000007", "13900000012"]
    assert find_emails(text) == ["zhang.test@example.com"]
    assert find_phones("Hong Kong | +852 5555 0000 | Tel +1 (555) 010-0000 | up +12.5%") == ["85255550000", "15550100000"]


def test_name_from_label_or_first_line_but_not_a_title_line():
    assert find_name(["个人简历", "姓名：李示例", "性别：女"]) == "李示例"
    assert find_name(["王样本 | 求职意向：客户经理"]) == "王样本"
    assert find_name(["Test Candidate Chen", "Loan officer"]) == "Test Candidate Chen"
    assert find_name(["个人简历", "求职意向"]) is None
    # Forms and spreadsheets put the label and the value in neighbouring cells.
    assert find_name(["应聘岗位 | 客户经理", "姓名 | 蒋十五 | 性别 | 男"]) == "蒋十五"
    assert find_name(["姓名  朱示例  性别  女"]) == "朱示例"
    # Other labels application forms use, and an English name written before the Chinese one.
    assert find_name(["应聘岗位：客户经理", "申请人：赵测试"]) == "赵测试"
    assert find_name(["求职者：钱测试"]) == "钱测试"
    assert find_name(["个人简历", "Resume", "Wang Test 王测试"]) == "王测试"
    assert find_name(["Candidate: Li Test"]) == "Li Test"
    assert find_name(["JANE TEST", "Candidate Relationship Manager programme"]) == "JANE TEST"
    # A cover letter or an e-mail body introduces the writer.
    assert find_name(["尊敬的领导：", "您好！我叫祝测试，2016年7月毕业于示例财经大学。"]) == "祝测试"
    assert find_name(["本人王测试，男，汉族。"]) == "王测试"
    assert find_name(["我是一名应届毕业生，性格开朗。"]) is None


def test_skills_certificates_and_languages_from_the_lexicons():
    c = candidate_of("专业技能\n熟悉小微企业贷款、贷后管理；Familiar with SME loans and CRM\n证书\n银行从业资格证、C1驾照、英语六级")
    assert c.skills == ["小微企业贷款", "贷后管理", "客户关系管理"]
    assert c.certificates == ["银行从业资格", "驾驶证"]
    assert c.languages == ["CET-6"]


def test_a_bank_tellers_and_a_salesmans_certificates():
    c = candidate_of("证书\n反假货币上岗资格证、银行从业资格证；营销师（三级）\n")
    assert c.certificates == ["反假货币上岗资格", "银行从业资格", "营销师"]


def test_the_tobacco_trades_own_certificates_and_a_service_centres():
    # Written as the vocational-skill appraisal names them, levels in brackets.
    c = candidate_of("证书\n卷烟商品营销职业技能鉴定三级（高级）；烟草专卖管理员资格证（四级）\n呼叫中心服务员证、信用管理师（三级）、高级会计职称\n")
    assert c.certificates == ["卷烟商品营销员", "烟草专卖管理员", "呼叫中心服务员", "信用管理师", "高级会计师"]
    # A colleague's job, not a certificate held.
    assert candidate_of("工作经历\n2019.07-至今 示例烟草公司 客户经理\n• 协助专卖管理员开展市场巡查\n").certificates == []


def test_highest_degree_over_all_entries():
    c = candidate_of("教育背景\n2008.09-2011.06 青禾职业技术学院 会计 大专\n2013.03-2015.12 示例财经大学 金融学 本科（自考）\n")
    assert c.highest_degree == Degree.bachelor
    assert [e.degree for e in c.education] == [Degree.associate, Degree.bachelor]
    assert [e.part_time for e in c.education] == [False, True]
    assert c.education[0].major == "会计"


def test_personal_attributes_are_extracted_apart_and_never_reach_the_scores():
    text = (
        "姓名：李示例\n性别：女\n出生年月：1990.05\n民族：汉族\n婚姻状况：已婚\n政治面貌：中共党员\n"
        "籍贯：示例省青禾市\n户口所在地：示例市\n工作经历\n2019.01-至今 示例银行股份有限公司 客户经理\n"
    )
    c = candidate_of(text)
    p = c.personal
    assert (p.gender, p.birth_date, p.age, p.ethnicity, p.marital_status) == ("female", "1990-05", 36, "汉族", "已婚")
    assert (p.political_status, p.native_place, p.household_registration) == ("中共党员", "示例省青禾市", "示例市")

    from job_profiles.profile import bundled_profiles, load_profile
    from scoring.score import score_candidate

    profile = load_profile(bundled_profiles()["loan_account_manager"])
    other = candidate_of(text.replace("性别：女", "性别：男").replace("1990.05", "1975.01").replace("汉族", "回族").replace("已婚", "未婚"))
    assert score_candidate(c, profile).score == score_candidate(other, profile).score


def test_bare_attribute_tokens_in_the_header_line():
    p = candidate_of("王样本 | 男 | 28岁 | 回族 | 未婚 | 群众\n工作经历\n").personal
    assert (p.gender, p.age, p.ethnicity, p.marital_status, p.political_status) == ("male", 28, "回族", "未婚", "群众")


def test_present_counts_to_a_date_printed_in_the_resume_before_the_run_option():
    c = candidate_of("简历更新时间：2024-03-15\n工作经历\n2023.01 - 至今 示例银行股份有限公司 柜员\n")
    assert (c.reference_date, c.reference_date_source) == ("2024-03-15", "document_text")
    assert c.experience[0].months == 15


@pytest.mark.parametrize(
    "printed", ["Last updated: 15 March 2024", "Updated on Mar. 15, 2024", "更新于2024年3月15日", "填表日期：2024年3月15日"]
)
def test_an_update_date_printed_in_english_or_chinese(printed):
    c = candidate_of(f"{printed}\nExperience\nJan 2023 - Present  Teller, Example Bank Co., Ltd.\n")
    assert (c.reference_date, c.reference_date_source, c.experience[0].months) == ("2024-03-15", "document_text", 15)


def test_present_counts_to_the_date_under_a_letters_closing():
    c = candidate_of("尊敬的领导：\n2023年1月入职示例银行股份有限公司，担任柜员至今。\n此致\n敬礼\n钱测试\n2024年3月15日\n")
    assert (c.reference_date, c.reference_date_source, c.experience[0].months) == ("2024-03-15", "document_text", 15)


def test_present_counts_to_the_day_an_emailed_resume_was_sent():
    from extractors.readers.document import read_document
    from tests.conftest import FIXTURES

    # Sent on 15 March 2024 (its Date header): "2018.05 - 至今" runs to then, not to the run date.
    c = extract_candidate(read_document(FIXTURES / "application.eml"), REFERENCE)
    assert (c.reference_date, c.reference_date_source, c.experience[0].months) == ("2024-03-15", "email_sent", 71)


def test_the_run_option_is_used_when_the_resume_carries_no_date():
    c = candidate_of("工作经历\n2023.01 - 至今 示例银行股份有限公司 柜员\n")
    assert (c.reference_date, c.reference_date_source) == ("2026-06-30", "run_option")


def test_stated_years_are_kept_beside_the_dated_total():
    c = candidate_of("自我评价\n8年银行工作经验\n工作经历\n2022.01 - 2023.12 示例银行股份有限公司 柜员\n")
    assert c.stated_experience_years == 8.0
    assert c.total_experience_months == 24


@pytest.mark.parametrize(
    ("line", "years"),
    [("工作年限：十年", 10.0), ("工龄：8年", 8.0), ("从业年限 3.5年", 3.5), ("Years of experience: 5", 5.0),
     ("工作经验：2015年7月起", None),  # a start date, not a number of years
     ("工作年限：3-5年", 3.0),  # a range claims its lower end
     ("参加工作时间：2015年7月", 10.9),
     ("工作经验：1年以下", None),  # under a year claims no year
     ("具有十余年物业管理经验", 10.0), ("Over two years of experience in retail banking", 2.0),
     ("five years' experience as a teller", 5.0)],  # a bank form's career start, to the reference date (2026-06)
)
def test_stated_years_in_a_templates_labelled_field(line, years):
    assert candidate_of(f"基本信息\n姓名：测试丙\n{line}\n").stated_experience_years == years


@pytest.mark.parametrize(
    ("employer", "industry"),
    [
        ("青禾县农村信用合作联社", "rural_credit"),
        ("示例市汇通小额贷款有限公司", "microcredit_guarantee"),
        ("中国邮政储蓄银行青禾支行", "banking"),
        ("示例市烟草专卖局（公司）", "tobacco"),
        ("明湖物业服务有限公司", "property_management"),
        ("示例人寿保险股份有限公司", "insurance"),
        ("Sample Rural Commercial Bank", "rural_credit"),
        ("示例中烟工业有限责任公司", "tobacco"),
        ("示例县信用联社", "rural_credit"),
        ("青禾信合", "rural_credit"),
        # English keywords are whole words: a riverside hotel is no bank.
        ("Riverbank Hotel", "hospitality_catering"),
        ("Example Tech Company", "software_it"),
        # A rural supply-and-marketing co-op retails (cigarettes among its goods); a 12345 hotline is a contact centre.
        ("青禾县供销合作社", "retail_fmcg"),
        ("示例市12345政务服务便民热线", "telecom_call_center"),
        ("示例商业保理有限公司", "microcredit_guarantee"),
    ],
)
def test_employer_industry(employer, industry):
    from extractors.fields.industry import industry_of

    assert industry_of(employer) == industry


def test_months_per_industry_merge_overlaps_within_an_industry():
    c = candidate_of(
        "工作经历\n2020.01 - 2021.12 示例银行股份有限公司 柜员\n2021.07 - 2022.06 示例银行股份有限公司青禾支行 客户经理\n"
        "2019.01 - 2019.12 明湖物业服务有限公司 客服\n"
    )
    assert [(x.industry, x.months) for x in c.industry_experience] == [("banking", 30), ("property_management", 12)]


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("姓名 朱示例 性别 女", "姓名 朱示例 性别 ＊"),
        ("出生年月：1990年1月  民族：汉族", "出生年月：＊  民族：＊"),
        ("王样本 | 男 | 28岁 | 回族 | 已婚", "王样本 | ＊ | ＊ | ＊ | ＊"),
        ("Gender | Male | Location | Example City", "Gender | ＊ | Location | Example City"),
        ("负责男装品牌的零售户管理", "负责男装品牌的零售户管理"),
        ("Date of Birth: 12 March 1990 | Born: March 5th, 1991", "Date of Birth: ＊ | Born: ＊"),
        ("身高：165cm 体重：50kg 血型：A", "身高：＊ 体重：＊ 血型：＊"),
        ("女 | 28岁 | 湖南长沙人 | 负责人", "＊ | ＊ | ＊ | 负责人"),
        ("Hometown: Changsha, Hunan | Political Status: Party member | Phone: see above",
         "Hometown: ＊ | Political Status: ＊ | Phone: see above"),
    ],
)
def test_protected_facts_are_redacted_from_lines_shown_to_hr(line, shown):
    from screener.privacy import redact_personal

    assert redact_personal(line, "＊") == shown


def test_an_age_in_chinese_numerals_and_comma_separated_header_tokens():
    p = candidate_of("王样本\n男，三十二岁，汉族，中共党员\n工作经历\n").personal
    assert (p.gender, p.age, p.ethnicity, p.political_status) == ("male", 32, "汉族", "中共党员")


def test_an_english_school_is_the_longest_name_on_its_line():
    (entry,) = candidate_of("Education\nHigh School Diploma, Example High School, 2010 - 2013\n").education
    assert (entry.school, entry.degree) == ("Example High School", Degree.secondary)


def test_an_english_birth_date_is_read():
    c = candidate_of("PERSONAL DETAILS\nGender: Female\nDate of Birth: 12 March 1990\n")
    assert (c.personal.birth_date, c.personal.age) == ("1990-03", 36)


@pytest.mark.parametrize(
    ("line", "major"),
    [
        ("Sept 2010 - June 2014  Bachelor of Science, Example Normal University", None),
        ("2010 - 2014  Example University, Bachelor of Science in Finance", "Finance"),
        ("2009 – 2013  Example University of Finance, B.A. in Economics", "Economics"),
        ("2012 - 2016  Doctor of Philosophy in Economics, Example University", "Economics"),
    ],
)
def test_an_english_degree_name_is_not_taken_for_the_major(line, major):
    (entry,) = candidate_of(f"Education\n{line}\n").education
    assert entry.major == major


def test_an_english_employer_keeps_its_co():
    text = "Work Experience\nJan. 2015 - Dec. 2017    Customer Service Manager, Example Property Management Co.\n"
    (job,) = candidate_of(text).experience
    assert (job.employer, job.title, job.months) == ("Example Property Management Co.", "Customer Service Manager", 36)


def test_a_resume_written_as_sentences():
    text = (
        "2016年7月毕业于示例大学金融学专业，本科学历。\n"
        "2016.07-2018.02  就职于示例银行青禾支行，担任综合柜员\n"
        "2018.3-今  在示例农商银行从事小微信贷工作，任客户经理\n"
    )
    c = candidate_of(text)
    assert [(e.employer, e.title) for e in c.experience] == [("示例农商银行", "客户经理"), ("示例银行青禾支行", "综合柜员")]
    assert (c.education[0].school, c.education[0].major, c.education[0].degree) == ("示例大学", "金融学", Degree.bachelor)
    assert c.total_experience_months == 120


@pytest.mark.parametrize(
    ("line", "languages"),
    [
        ("英语专业四级，日语N1，粤语熟练", ["TEM-4", "JLPT N1", "Cantonese"]),
        ("BEC Vantage; JLPT N2; TEM8", ["BEC", "JLPT N2", "TEM-8"]),
        ("英语：CET-4 480分；广东话：母语", ["English", "CET-4", "Cantonese"]),
        # Grades in digits, a space for the hyphen, the Chinese name of TOEIC.
        ("通过大学英语4级，英语专业8级，日语2级", ["CET-4", "TEM-8", "JLPT N2"]),
        ("CET 6 520; 托业850", ["CET-6", "TOEIC"]),
        ("English (IELTS 7.0), Mandarin (native)", ["English", "IELTS", "Mandarin"]),
        # A language named without a test: the language itself; inside a test's name, only the test.
        ("普通话、粤语、英语流利，日语入门", ["Mandarin", "Cantonese", "English", "Japanese"]),
        ("英语六级，韩语（日常会话）", ["CET-6", "Korean"]),
        ("Languages: French (fluent), German (basic)", ["French", "German"]),
    ],
)
def test_languages_beyond_the_college_english_test(line, languages):
    assert candidate_of(f"语言能力\n{line}\n").languages == languages


def test_english_skill_and_licence_wordings():
    c = candidate_of("Skills\nCredit analysis, loan origination, KYC/AML, Microsoft Excel\nDriving licence\n")
    assert (c.skills, c.certificates) == (["贷前调查", "信贷营销", "反洗钱", "Excel"], ["驾驶证"])


def test_certificate_wordings_and_a_job_title_that_is_not_one():
    c = candidate_of("工作经历\n2019.07-至今 示例物业服务有限公司 物业管理员\n证书\n银行从业人员资格证书、物业管理员证\n")
    assert c.certificates == ["银行从业资格", "物业管理员"]
    assert candidate_of("工作经历\n2019.07-至今 示例物业服务有限公司 物业管理员\n").certificates == []


def test_terms_a_resume_denies_are_not_listed():
    c = candidate_of("自我评价\nNo direct loan origination experience yet. Credit analysis basics\n暂无贷后管理经验，熟悉Excel\n没有驾驶证\n")
    assert (c.skills, c.certificates) == (["贷前调查", "Excel"], [])


def test_certificates_being_studied_for_are_not_listed():
    c = candidate_of("证书\n持有银行从业资格证，正在备考CPA\nACCA在读；CFA Level II candidate\n")
    assert c.certificates == ["银行从业资格"]


def test_a_degree_not_obtained_yet_is_marked_in_progress():
    text = "教育背景\n2022.09-2026.07 示例财经大学 金融学 本科\n2018.09-至今 示例大学 工商管理 硕士在读\n"
    bachelor, master = sorted(candidate_of(text).education, key=lambda e: e.degree != Degree.bachelor)
    assert (bachelor.degree, bachelor.in_progress) == (Degree.bachelor, True)  # ends after 2026-06-30
    assert (master.degree, master.in_progress) == (Degree.master, True)
    (done,) = candidate_of("教育背景\n2012.09-2016.06 示例财经大学 金融学 本科\n").education
    assert not done.in_progress


def test_an_application_form_in_a_word_table(tmp_path):
    # 表格式简历: label and value cells side by side, as Word's form templates lay them out.
    from docx import Document as WordDocument

    from extractors.readers.document import read_document

    word = WordDocument()
    word.add_paragraph("个人简历")
    form = word.add_table(rows=0, cols=4)
    for cells in [("姓  名", "赵样例", "性别", "男"), ("出生年月", "1992.03", "民族", "汉"),
                  ("政治面貌", "中共党员", "学历", "本科"), ("毕业院校", "示例财经大学", "专业", "金融学")]:
        for cell, value in zip(form.add_row().cells, cells):
            cell.text = value
    word.add_paragraph("工作经历")
    jobs = word.add_table(rows=0, cols=3)
    for cells in [("起止时间", "工作单位", "职务"), ("2018.07-至今", "示例银行股份有限公司青禾支行", "客户经理")]:
        for cell, value in zip(jobs.add_row().cells, cells):
            cell.text = value
    word.save(tmp_path / "form.docx")
    c = extract_candidate(read_document(tmp_path / "form.docx"), REFERENCE)
    assert (c.name, c.highest_degree) == ("赵样例", Degree.bachelor)
    (school,) = c.education
    assert (school.school, school.major, school.evidence) == ("示例财经大学", "金融学", "学历：本科 / 毕业院校：示例财经大学 / 专业：金融学")
    assert (c.personal.ethnicity, c.personal.gender) == ("汉", "male")
    assert [(e.employer, e.title, e.months) for e in c.experience] == [("示例银行股份有限公司青禾支行", "客户经理", 96)]


def test_a_word_template_with_a_column_of_section_headings(tmp_path):
    # The heading cell ("教育经历") is merged down beside its rows: the reader sees it with the first row.
    from docx import Document as WordDocument

    from extractors.readers.document import read_document

    word = WordDocument()
    word.add_paragraph("蒋测试")
    table = word.add_table(rows=0, cols=2)
    for heading, dates, lines in [
        ("工作经历", "2019.07-至今", ["示例农村商业银行股份有限公司", "小微客户经理", "负责小微企业贷款营销。"]),
        ("", "2016.07-2019.06", ["示例烟草公司青禾分公司", "客户经理", "负责零售客户订货指导。"]),
        ("教育经历", "2012.09-2016.06 示例财经大学 金融学 本科", []),
        ("自我评价", "", ["性格开朗，善于沟通。"]),
    ]:
        row = table.add_row().cells
        row[0].text = heading
        row[1].text = dates
        for line in lines:
            row[1].add_paragraph(line)
    word.save(tmp_path / "template.docx")
    c = extract_candidate(read_document(tmp_path / "template.docx"), REFERENCE)
    assert [(e.school, e.major, e.degree) for e in c.education] == [("示例财经大学", "金融学", Degree.bachelor)]
    assert [(e.employer, e.title) for e in c.experience] == [
        ("示例农村商业银行股份有限公司", "小微客户经理"), ("示例烟草公司青禾分公司", "客户经理")
    ]
    assert {line.section for line in c.lines if "性格开朗" in line.text} == {"summary"}


def test_a_forms_label_that_is_also_a_heading_stays_a_label():
    # "工作经验 | 3年" is a field of the form, not the start of the experience section; "技能 | Excel" is a
    # skill, not a bilingual heading.
    text = "姓名 | 测试庚 | 性别 | 男\n工作经验 | 3年 | 学历 | 本科\n毕业院校 | 示例大学 | 专业 | 金融学\n技能 | Excel\n"
    c = candidate_of(text)
    assert (c.stated_experience_years, c.skills, c.highest_degree) == (3.0, ["Excel"], Degree.bachelor)
    assert [line.section for line in c.lines] == ["header", "header", "header", "skills"]


def test_a_pdf_forms_rows_of_labels_and_values_joined_by_spaces():
    text = "个人简历\n姓名 周样例 性别 女\n学历 本科 政治面貌 共青团员\n毕业院校 示例师范大学 专业 市场营销\n专业 技能\n熟悉物业客服流程\n"
    c = candidate_of(text)
    (entry,) = c.education
    assert (c.highest_degree, entry.school, entry.major) == (Degree.bachelor, "示例师范大学", "市场营销")
    assert c.personal.political_status == "共青团员"


@pytest.mark.parametrize(
    ("line", "part_time"),
    [
        ("2016.09-2019.06 示例大学 金融学 硕士研究生（非全日制）", True),
        ("2016.09-2019.06 示例大学 金融学 硕士研究生（全日制）", False),
        ("2010.03-2012.07 示例开放大学 会计学 专科", True),
        ("2010.03-2012.07 示例广播电视大学 会计学 专科", True),
        ("2012.03-2014.07 示例大学继续教育学院 会计学 本科", True),
        ("2015-2017 Example University, MBA (part-time)", True),
    ],
)
def test_part_time_study_routes(line, part_time):
    (entry,) = candidate_of(f"教育背景\n{line}\n").education
    assert entry.part_time is part_time


@pytest.mark.parametrize(
    ("line", "end", "in_progress"),
    [
        ("示例财经大学 金融学 本科 2016年7月毕业", "2016-07", False),
        ("示例财经大学 金融学 本科（2016届）", "2016-06", False),  # a year alone: June
        ("示例财经大学 金融学 本科（2027届）", "2027-06", True),  # after the reference date: still studying
        ("Example University, B.A. Economics, graduated June 2015", "2015-06", False),
        ("Example University, B.A. Economics, Class of 2015", "2015-06", False),
    ],
)
def test_a_graduation_date_written_alone(line, end, in_progress):
    (entry,) = candidate_of(f"教育背景\n{line}\n").education
    assert (entry.start, entry.end, entry.in_progress) == (None, end, in_progress)


def test_a_universitys_faculty_is_not_the_major():
    (entry,) = candidate_of("教育背景\n2012.09-2016.06 北京大学光华管理学院 金融学 本科\n").education
    assert (entry.school, entry.major) == ("北京大学", "金融学")


def test_a_degree_left_without_the_diploma_is_not_the_highest():
    text = "教育背景\n2008.09-2011.06 示例职业技术学院 会计 大专\n2011.09-2013.01 示例大学 会计学 本科肄业\n"
    c = candidate_of(text)
    assert c.highest_degree == Degree.associate
    assert candidate_of("基本信息\n姓名：测试丁\n学历：本科（结业）\n").highest_degree is None
    (master,) = candidate_of("教育背景\n2016.09-2019.06 示例大学 金融学 同等学力硕士\n").education
    assert (master.degree, master.part_time) == (Degree.master, True)


def test_family_members_are_not_the_candidate():
    text = (
        "01 基本信息\n姓名：测试戊\n手机：13800000000\n"
        "02 工作经历\n2019.07-至今 示例物业服务有限公司 客服专员\n"
        "03 家庭成员\n父亲 赵某 56岁 示例银行青禾支行 行长 13900000001\n母亲 钱某 示例市烟草专卖局 会计 持有注册会计师证书\n"
        "04 兴趣爱好\n篮球、阅读\n"
    )
    c = candidate_of(text)
    assert c.phones == ["13800000000"] and c.certificates == [] and c.personal.age is None
    assert [e.industry for e in c.experience] == ["property_management"]
    assert not any("父亲" in line.text or "母亲" in line.text for line in c.lines)
    assert {line.section for line in c.lines} >= {"basic", "experience", "summary"}


def test_a_forms_family_rows_are_not_the_candidate_even_without_their_heading():
    # In a Word form the 家庭成员 cell is merged down the rows: the reader sees rows led by 父亲, 母亲.
    text = "姓名：测试己\n手机：13800000000\n家庭成员 | 父亲 | 赵某 | 示例银行 | 13900000001\n母亲 | 钱某 | 示例烟草 | 会计师\n"
    c = candidate_of(text)
    assert (c.phones, c.certificates) == (["13800000000"], [])
    assert [line.text for line in c.lines] == ["姓名：测试己", "手机：13800000000"]


def test_referees_and_emergency_contacts_are_not_the_candidates_contacts():
    # Two colleagues who name the same referee are not one person to the duplicate finder either.
    text = (
        "姓名 | 严测试 | 联系电话 | 13600000000\n"
        "邮箱：yan.test@example.com　紧急联系人：严某 13700000000\n"
        "工作经历\n起止时间 | 工作单位 | 职务 | 证明人及电话\n"
        "2019.07-至今 | 示例农村信用合作联社 | 信贷员 | 李某 13500000000\n"
        "2017.07-2019.06 | 示例物业管理有限公司 | 客服专员 | 王某 0571-88888888\n"
        "2015.07-2017.06 示例超市 收银员 证明人：赵某（店长）13400000000\n"
        "证明人\n张某，示例银行青禾支行行长，13900000000，zhang.ref@example.com\n"
    )
    c = candidate_of(text)
    assert (c.phones, c.emails) == (["13600000000"], ["yan.test@example.com"])
    assert [e.employer for e in c.experience] == ["示例农村信用合作联社", "示例物业管理有限公司", "示例超市"]
    assert not any("张某" in line.text for line in c.lines)
    english = candidate_of("Jane Test\n+86 138 0000 0000\nReferences\nMr. Li Example, Branch Manager, +86 135 0000 0000\n")
    assert english.phones == ["13800000000"]


# Job-site exports (51job, 智联招聘, BOSS直聘): tab-separated department and title, the employer's facts
# (所属行业, 企业性质, 规模, 薪资) and a "内容：" line under each job's header.
JOB_SITE_51 = (
    "王晓明\n男|28岁(1998年3月10日)|现居住 青禾市|4年工作经验\n工作经验\n"
    "2021/11--至今：示例金服有限公司（1000-5000人） [ 4年1个月]\n所属行业：\t银行\n个人金融部\t个人客户经理\n"
    "负责个人贷款营销、贷前调查及贷后管理。\n"
    "2019/7--2021/10：示例小额贷款有限公司（50-150人） [ 2年3个月]\n所属行业：\t金融/投资/证券\n信贷部\t信贷员\n"
    "教育经历\n2015/9--2019/6\t示例财经大学\t金融学\t本科\n"
)
JOB_SITE_ZHILIAN = (
    "李静\n女 | 30岁 | 本科 | 工作6年 | 已婚\n工作经历\n示例物业服务有限公司 （2020.03 - 至今）\n客服主管 | 8001-10000元/月\n"
    "物业管理 | 企业性质：民营 | 规模：500-999人\n工作描述：负责业主投诉处理、客服团队管理。\n"
    "教育经历\n示例理工大学 （2014.09 - 2018.06）\n工商管理 | 本科\n"
)
JOB_SITE_BOSS = (
    "赵磊\n5年工作经验 · 27岁 · 本科\n工作经历\n示例烟草公司青禾分公司          2021.07-2025.10\n客户经理  营销中心\n内容：\n"
    "1. 负责辖区零售客户的订单采集；\n示例快消品贸易有限公司          2020.07-2021.06\n销售代表\n内容：负责商超渠道拓展。\n"
    "教育经历\n示例农业大学          2016-2020\n本科  市场营销\n"
)


def jobs(c):
    return [(e.employer, e.title, e.industry) for e in c.experience]


def test_a_51job_export():
    c = candidate_of(JOB_SITE_51)
    # 示例金服有限公司 says nothing of its industry: the site's 所属行业 does.
    assert jobs(c) == [("示例金服有限公司", "个人客户经理", "banking"), ("示例小额贷款有限公司", "信贷员", "microcredit_guarantee")]
    assert [e.stated_industry for e in c.experience] == ["银行", "金融/投资/证券"]
    assert all("所属行业" not in e.evidence for e in c.experience)
    assert (c.personal.birth_date, c.personal.age, c.stated_experience_years) == ("1998-03", 28, 4.0)
    assert [(e.school, e.major) for e in c.education] == [("示例财经大学", "金融学")]


def test_a_job_site_html_export_with_its_fields_in_table_cells():
    # What the HTML reader gives for a 51job export saved as .doc: a " | " between cells.
    text = "工作经验\n2022/7-至今 | 示例金服有限公司 [ 4年4个月]\n所属行业： | 银行\n零售金融部 | 客户经理\n"
    (job,) = candidate_of(text).experience
    assert (job.employer, job.title, job.stated_industry, job.industry) == ("示例金服有限公司", "客户经理", "银行", "banking")
    assert "所属行业" not in job.evidence


def test_a_zhilian_export():
    c = candidate_of(JOB_SITE_ZHILIAN)
    assert jobs(c) == [("示例物业服务有限公司", "客服主管", "property_management")]
    assert c.stated_experience_years == 6.0
    # The major is on the line under the school's.
    assert [(e.school, e.degree, e.major) for e in c.education] == [("示例理工大学", Degree.bachelor, "工商管理")]


def test_a_boss_export():
    c = candidate_of(JOB_SITE_BOSS)
    assert jobs(c) == [
        ("示例烟草公司青禾分公司", "客户经理", "tobacco"),
        ("示例快消品贸易有限公司", "销售代表", "retail_fmcg"),
    ]
    assert [(e.school, e.major) for e in c.education] == [("示例农业大学", "市场营销")]
    assert (c.personal.age, c.stated_experience_years) == (27, 5.0)


def test_native_place_and_political_status_written_bare_or_in_english_are_kept_apart():
    c = candidate_of("王测试\n女 | 28岁 | 汉族 | 中共党员 | 湖南长沙人\n电话：13800000777\n")
    assert (c.personal.native_place, c.personal.political_status) == ("湖南长沙", "中共党员")
    c = candidate_of("Jane Sample\nHometown: Changsha, Hunan | Political Status: Party member | Ethnicity: Han\n")
    assert (c.personal.native_place, c.personal.political_status, c.personal.ethnicity) == ("Changsha, Hunan", "Party member", "Han")


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("男|28岁(1998年3月10日)|现居住 青禾市", "●|●|现居住 青禾市"),
        ("5年工作经验 · 27岁 · 本科 · 男", "5年工作经验 · ● · 本科 · ●"),
        ("1998年3月出生，中共党员", "●，●"),
        ("二十五岁，女，汉族", "●，●，●"),
    ],
)
def test_job_site_personal_tokens_are_redacted(line, shown):
    from screener.privacy import redact_personal

    assert redact_personal(line, "●") == shown


def test_an_international_employer_is_no_internship():
    text = (
        "Work Experience\nExample International Trading Co., Ltd.   Sales Manager   Jan 2018 - Dec 2020\n"
        "Example Bank   Summer Intern   Jul 2017 - Aug 2017\n"
    )
    c = candidate_of(text)
    assert [(e.employer, e.is_internship) for e in c.experience] == [
        ("Example International Trading Co., Ltd.", False), ("Example Bank", True),
    ]
    assert c.total_experience_months == 36


def test_part_time_jobs_are_listed_but_not_counted():
    text = (
        "工作经历\n2020.07-至今 示例农商银行 客户经理\n2019.03-2019.12 示例超市 兼职收银员\n"
        "兼职经历\n2018.07-2018.09 示例教育培训中心 课程顾问\n"
    )
    c = candidate_of(text)
    assert [(e.employer, e.is_part_time) for e in c.experience] == [
        ("示例农商银行", False), ("示例超市", True), ("示例教育培训中心", True),
    ]
    assert c.total_experience_months == 72  # 2020-07 to 2026-06 only
    assert [i.industry for i in c.industry_experience] == ["rural_credit"]
    # A second role held alongside the job is no part-time job.
    (job,) = candidate_of("工作经历\n2020.07-至今 示例农商银行 客户经理（兼职内勤）\n").experience
    assert not job.is_part_time
    (job,) = candidate_of("工作经历\n2019.03-2019.12 示例超市 收银员（兼职）\n").experience
    assert job.is_part_time


def test_an_english_resume_with_the_employer_above_the_title_and_dates():
    text = (
        "JANE TEST\nHong Kong | +852 5555 0000 | jane.test@example.invalid\n"
        "PROFESSIONAL SUMMARY\nRelationship manager with 8+ years in retail and SME lending.\n"
        "PROFESSIONAL EXPERIENCE\nExample Bank (Hong Kong) Limited — Hong Kong\n"
        "Senior Relationship Manager, SME Banking          Mar 2019 – Present\n• Managed a portfolio of 120 SME clients.\n"
        "Sample Finance Company Ltd, Shenzhen\nCredit Analyst | Jul 2016 – Feb 2019\n• Prepared credit memos.\n"
        "EDUCATION\nExample University, B.A. Economics, 2011 – 2015\n"
    )
    c = candidate_of(text)
    assert [(e.employer, e.title) for e in c.experience] == [
        ("Example Bank (Hong Kong) Limited", "Senior Relationship Manager"),
        ("Sample Finance Company Ltd", "Credit Analyst"),
    ]
    assert (c.stated_experience_years, c.phones) == (8.0, ["85255550000"])
    assert [(e.school, e.major) for e in c.education] == [("Example University", "Economics")]


def test_an_english_title_before_its_dates_after_a_comma_or_in_brackets():
    text = (
        "PROFESSIONAL EXPERIENCE\nExample Rural Commercial Bank — Beijing\nCustomer Service Manager, Sept 2021 – Now\n"
        "• Supervised a team of 6 tellers.\nExample Property Services Ltd.\nFront Desk Supervisor (Jul '18 – Aug '21)\n"
        "• Handled owner complaints.\n"
    )
    c = candidate_of(text)
    assert [(e.employer, e.title, str(e.start), str(e.end)) for e in c.experience] == [
        ("Example Rural Commercial Bank", "Customer Service Manager", "2021-09", "None"),
        ("Example Property Services Ltd.", "Front Desk Supervisor", "2018-07", "2021-08"),
    ]
    # Chinese brackets and commas too.
    c = candidate_of("工作经历\n示例物业服务有限公司\n客服主管（2019.07-2021.06）\n")
    assert [(e.employer, e.title) for e in c.experience] == [("示例物业服务有限公司", "客服主管")]


@pytest.mark.parametrize(
    ("line", "start", "end", "months"),
    [
        ("2016-2019 示例超市 收银员", "2016-07", "2019-06", 36),  # not Jan 2016 – Dec 2019, 48
        ("2019-2019 示例超市 收银员", "2019-01", "2019-12", 12),
        ("2016.03-2019 示例超市 收银员", "2016-03", "2019-06", 40),
        ("2019-至今 示例超市 收银员", "2019-07", None, 84),  # to June 2026, the reference date
    ],
)
def test_a_range_of_bare_years_counts_from_mid_year_to_mid_year(line, start, end, months):
    (job,) = candidate_of(f"工作经历\n{line}\n").experience
    assert (str(job.start), job.end and str(job.end), job.months) == (start, end, months)


@pytest.mark.parametrize(
    ("written", "start", "end"),
    [("Jul '18 – Aug '21", "2018-07", "2021-08"), ("Sept’19 - Present", "2019-09", None), ("Mar. '98 – Dec. '05", "1998-03", "2005-12")],
)
def test_english_months_with_apostrophe_years(written, start, end):
    (r,) = find_date_ranges(f"Teller {written}")
    assert (str(r.start), r.end and str(r.end), r.text) == (start, end, written)
    # Without the apostrophe, "May 18" is a day of the month, not a year.
    assert find_date_ranges("May 18 - June 20") == []


@pytest.mark.parametrize(
    ("line", "employer", "title"),
    [
        ("2012.09-2013.11 服装店店主", "服装店", "店主"),  # not 服装店店 + 主
        ("2012.09-2013.11 个体经营 服装店店主", "个体经营", "服装店店主"),
        ("2019.07-至今 自由职业 保险代理人", "自由职业", "保险代理人"),
        ("2013.12-2018.01 中国人民武装警察部队某部 班长", "中国人民武装警察部队某部", "班长"),
        ("2015.07-2016.02 顺丰速运 快递员", "顺丰速运", "快递员"),  # a brand without an organisation word
    ],
)
def test_self_employment_and_a_title_glued_to_a_shop(line, employer, title):
    (job,) = candidate_of(f"工作经历\n{line}\n").experience
    assert (job.employer, job.title) == (employer, title)


LINKEDIN_EXPORT = (
    "Contact\nwww.linkedin.com/in/test-example (LinkedIn)\nTop Skills\nCredit Analysis\nRelationship Management\n"
    "Languages\nEnglish (Full Professional)\nCertifications\nCertified Financial Planner\n"
    "Test Example\nRelationship Manager at Example Bank\nShanghai, China\n"
    "Experience\nExample Bank\n8 years 3 months\nSenior Relationship Manager\nJanuary 2021 - Present (5 years 6 months)\n"
    "Shanghai, China\nManaged a portfolio of SME loans.\nRelationship Manager\nSeptember 2018 - December 2020 (2 years 4 months)\n"
    "Shanghai, China\nExample Insurance Co., Ltd.\nCustomer Service Specialist\nJuly 2016 - August 2018 (2 years 2 months)\n"
    "Beijing, China\nEducation\nExample University\nBachelor of Economics, Finance · (2012 - 2016)\n"
)


def test_a_linkedin_export():
    # The sidebar first (its skills are name-shaped), then the name above its headline; a company
    # with its tenure over the positions listed under it; each position's tenure in brackets.
    c = candidate_of(LINKEDIN_EXPORT)
    assert c.name == "Test Example"
    assert [(e.employer, e.title, e.start, e.end) for e in c.experience] == [
        ("Example Bank", "Senior Relationship Manager", "2021-01", None),
        ("Example Bank", "Relationship Manager", "2018-09", "2020-12"),
        ("Example Insurance Co., Ltd.", "Customer Service Specialist", "2016-07", "2018-08"),
    ]
    assert [(e.school, e.major, e.degree) for e in c.education] == [("Example University", "Finance", Degree.bachelor)]
    assert "理财规划师" in c.certificates


def test_an_employer_written_under_the_dates_stays_with_its_own_entry():
    text = "工作经历\n2019.07-至今 客户经理\n示例农商银行\n2016.07-2019.06 柜员\n示例银行青禾支行\n"
    c = candidate_of(text)
    assert [(e.employer, e.title) for e in c.experience] == [("示例农商银行", "客户经理"), ("示例银行青禾支行", "柜员")]
    # A duty naming a company, above a dated line without one, is no employer line.
    text = "工作经历\n2019.07-至今 示例银行 客户经理\n参与示例公司合作项目\n2016.07-2019.06 柜员\n示例农商行\n"
    assert [(e.employer, e.title) for e in candidate_of(text).experience] == [("示例银行", "客户经理"), ("示例农商行", "柜员")]


def test_employer_above_the_dates_and_title_under_them():
    text = (
        "工作经历\n示例银行股份有限公司青禾分行\n2019年7月 - 至今\n零售业务部 / 个贷客户经理\n主要职责：个人住房贷款营销。\n\n"
        "示例人寿保险股份有限公司青禾中心支公司\n2017年3月 - 2019年6月\n个险渠道 / 业务主管\n"
    )
    c = candidate_of(text)
    assert [(e.employer, e.title) for e in c.experience] == [
        ("示例银行股份有限公司青禾分行", "个贷客户经理"),
        ("示例人寿保险股份有限公司青禾中心支公司", "业务主管"),
    ]


def test_a_resume_written_twice_in_chinese_and_english_lists_each_job_once():
    text = (
        "吴测试 Wu Test\n工作经历 Work Experience\n2019.07-至今 示例农商银行 客户经理\n2016.07-2019.06 示例保险公司 客服专员\n"
        "Work Experience\nJul 2019 - Present  Example Rural Commercial Bank  Account Manager\n"
        "Jul 2016 - Jun 2019  Example Insurance Co.  Customer Service Specialist\n"
        "教育背景 Education\n2012.09-2016.06 示例大学 金融学 本科\nSep 2012 - Jun 2016 Example University, Bachelor of Finance\n"
    )
    c = candidate_of(text)
    assert c.name == "吴测试"
    assert [(e.employer, e.title) for e in c.experience] == [("示例农商银行", "客户经理"), ("示例保险公司", "客服专员")]
    assert [e.school for e in c.education] == ["示例大学"]
    assert c.total_experience_months == 120


@pytest.mark.parametrize(
    ("line", "employer", "title"),
    [
        ("2014-08 ~ 2019-08 示例市百货商场 收银员、营业员", "示例市百货商场", "收银员、营业员"),
        ("2008.03 - 2014.03 示例商场 导购", "示例商场", "导购"),
        ("2015年7月—2019年4月 示例商务酒店 前台接待", "示例商务酒店", "前台接待"),
        ("2016年4月—至今 示例大酒店 中餐厨师长", "示例大酒店", "中餐厨师长"),
        ("2004年8月—2016年3月 青禾饭庄 厨师", "青禾饭庄", "厨师"),
        ("2018年7月—至今 示例市农村商业银行股份有限公司 小微金融部 高级客户经理", "示例市农村商业银行股份有限公司", "高级客户经理"),
        ("2019.07-至今 青禾物业 网点负责人 理财师", "青禾物业", "理财师"),
    ],
)
def test_employer_and_title_on_the_dated_line(line, employer, title):
    (job,) = candidate_of(f"工作经历\n{line}\n").experience
    assert (job.employer, job.title) == (employer, title)


def test_a_major_with_its_degree_in_brackets():
    (mba,) = candidate_of("教育背景\n2015年9月—2018年6月 西南财经大学 工商管理（MBA） MBA\n").education
    assert (mba.school, mba.major, mba.degree) == ("西南财经大学", "工商管理", Degree.master)


@pytest.mark.parametrize(
    "text",
    [
        # Labelled fields under a labelled date, with a department line between.
        "工作经历\n工作时间：2019年7月-至今\n工作单位：示例银行\n所在部门：零售部\n担任职务：客户经理\n工作内容：个贷营销\n"
        "工作时间：2016年7月-2019年6月\n工作单位：示例保险公司\n担任职务：客服专员\n",
        # Bare dates, the labelled employer and title under them.
        "工作经历\n2019.07-至今\n公司：示例银行\n职位：客户经理\n2016.07-2019.06\n公司：示例保险公司\n职位：客服专员\n",
        # The same fields above the dates.
        "工作经历\n公司：示例银行\n职位：客户经理\n2019.07-至今\n负责营销\n公司：示例保险公司\n职位：客服专员\n2016.07-2019.06\n",
        # The employer beside the dates, the labelled title under them, no duties between the jobs.
        "工作经历\n示例银行\t2019.07-至今\n职位：客户经理\n示例保险公司\t2016.07-2019.06\n职位：客服专员\n",
    ],
)
def test_each_job_keeps_its_own_labelled_fields_above_or_below_its_dates(text):
    c = candidate_of(text)
    assert [(e.employer, e.title) for e in c.experience] == [("示例银行", "客户经理"), ("示例保险公司", "客服专员")]


@pytest.mark.parametrize(
    "text",
    [
        "教育背景\n就读时间：2012.09-2016.06\n毕业院校：示例大学\n专业：金融学\n学历：本科\n"
        "就读时间：2016.09-2019.06\n毕业院校：示例财经大学\n专业：金融\n学历：硕士研究生\n",
        # The dates on the line above the school.
        "教育背景\n2012.09-2016.06\n示例大学\n金融学 本科\n2016.09-2019.06\n示例财经大学\n金融 硕士\n",
    ],
)
def test_education_written_as_fields_or_with_its_dates_above_the_school(text):
    c = candidate_of(text)
    assert [(e.school, e.degree, e.major, e.start, e.end) for e in c.education] == [
        ("示例大学", Degree.bachelor, "金融学", "2012-09", "2016-06"),
        ("示例财经大学", Degree.master, "金融", "2016-09", "2019-06"),
    ]
    assert c.highest_degree == Degree.master


def test_dates_written_under_each_school_stay_with_it():
    text = (
        "Education\nMaster of Science in Computer Science, Example University of Technology\nSeptember 2014 - June 2017\n"
        "Bachelor of Engineering in Software Engineering, Example University of Technology\nSeptember 2010 - June 2014\n"
    )
    c = candidate_of(text)
    assert [(e.degree, e.start, e.end) for e in c.education] == [
        (Degree.master, "2014-09", "2017-06"), (Degree.bachelor, "2010-09", "2014-06"),
    ]


def test_a_label_is_not_a_major():
    (entry,) = candidate_of("教育背景\n学校：示例大学\n专业：金融学\n学历：本科\n时间：2012.09-2016.06\n").education
    assert (entry.school, entry.major, entry.start) == ("示例大学", "金融学", "2012-09")


def test_positions_listed_under_one_employer_take_its_name():
    text = (
        "工作经历\n2015.07-至今 示例银行青禾分行\n2019.01-至今 个贷客户经理\n负责个人贷款营销。\n"
        "2015.07-2018.12 综合柜员\n负责柜面业务。\n2012.07-2015.06 示例保险公司 客服专员\n"
    )
    c = candidate_of(text)
    assert [(e.employer, e.title) for e in c.experience] == [
        ("示例银行青禾分行", "个贷客户经理"), ("示例银行青禾分行", None), ("示例银行青禾分行", "综合柜员"), ("示例保险公司", "客服专员"),
    ]
    assert [(i.industry, i.months) for i in c.industry_experience] == [("banking", 132), ("insurance", 36)]


def _jobs(c) -> list[tuple[str | None, str | None, str | None, str | None]]:
    return [(e.employer, e.title, e.start, e.end) for e in c.experience]


def test_a_career_told_in_sentences_gives_each_job_its_dates():
    c = candidate_of(
        "个人简历\n我叫周测试，男，联系电话13800000123。\n"
        "2014年7月我毕业于示例财经大学金融学专业，获得本科学历。毕业后于2014年8月进入示例农村商业银行青禾支行工作，"
        "先后担任柜员、客户经理，负责小微企业贷款的贷前调查。2019年3月至今在示例小额贷款有限公司担任信贷主管，管理信贷团队。\n"
    )
    assert _jobs(c) == [
        ("示例小额贷款有限公司", "信贷主管", "2019-03", None),
        # Dated by its start alone: it ran until the next job began.
        ("示例农村商业银行青禾支行", "柜员、客户经理", "2014-08", "2019-02"),
    ]
    assert c.total_experience_months == 55 + 88
    assert [(e.school, e.major, e.end) for e in c.education] == [("示例财经大学", "金融学", "2014-07")]


def test_a_cover_letter_names_its_jobs_and_the_major_it_calls_one():
    c = candidate_of(
        "尊敬的示例烟草公司人事部：\n"
        "您好！我叫钱测试，2012年6月毕业于示例职业技术学院市场营销专业（大专）。2012年7月起在示例超市有限公司从事销售工作，"
        "任营业员、店长；2016年3月入职示例烟草专卖局（公司）青禾营销部，担任客户经理至今，负责零售客户的订货指导。\n"
        "此致\n敬礼\n"
    )
    assert _jobs(c) == [
        ("示例烟草专卖局（公司）", "客户经理", "2016-03", None),
        ("示例超市有限公司", "营业员、店长", "2012-07", "2016-02"),
    ]
    assert [(e.major, e.degree, e.end) for e in c.education] == [("市场营销", Degree.associate, "2012-06")]


def test_in_prose_joining_a_party_or_a_school_is_no_job_and_a_stated_end_counts():
    c = candidate_of(
        "本人王测试，1995年出生。2013年9月进入示例职业学校学习会计，2016年6月毕业。2016年7月入职示例商贸有限公司，任出纳；"
        "2018年加入中国共产党。2020年5月到示例物业服务有限公司工作，担任客服主管，2023年8月离职。"
        "2023年9月起就职于示例农村信用合作联社，现任客户经理。\n"
    )
    assert _jobs(c) == [
        ("示例农村信用合作联社", "客户经理", "2023-09", None),
        ("示例物业服务有限公司", "客服主管", "2020-05", "2023-08"),
        ("示例商贸有限公司", "出纳", "2016-07", "2020-04"),
    ]


def test_a_dated_duty_under_a_job_is_not_another_job():
    c = candidate_of(
        "工作经历\n2015.07-至今 示例银行青禾支行 客户经理\n2018年加入示例银行青禾分行营销团队，负责个人贷款营销。\n"
        "2012.07-2015.06 示例保险公司 业务员\n"
    )
    assert _jobs(c) == [("示例银行青禾支行", "客户经理", "2015-07", None), ("示例保险公司", "业务员", "2012-07", "2015-06")]


def test_jobs_listed_by_the_month_each_began_run_until_the_next():
    c = candidate_of(
        "工作经历\n2019.03 示例小额贷款有限公司信贷主管\n2019年5月 获得示例银行优秀员工称号\n"
        "2018.06 参加示例银行组织的培训\n2014年8月 示例农村商业银行青禾支行 | 客户经理\n"
    )
    # The awards and the training are events, not jobs, and do not end the job before them.
    assert _jobs(c) == [
        ("示例小额贷款有限公司", "信贷主管", "2019-03", None),
        ("示例农村商业银行青禾支行", "客户经理", "2014-08", "2019-02"),
    ]
    assert c.total_experience_months == 55 + 88


@pytest.mark.parametrize(
    ("lines", "school", "major"),
    [
        ("Example University of Finance, Bachelor of Economics in June 2014", "Example University of Finance", "Economics"),
        ("Example University, Bachelor of Arts in Economics from 2010 to 2014", "Example University", "Economics"),
        ("Example University, Master of Science in Finance, 2016", "Example University", "Finance"),
        # The degree's own name (of Management) is not the field (in Marketing); "and" is inside a name.
        ("Bachelor of Management in Marketing, Example University of Finance and Economics\nSep 2008 - Jun 2012",
         "Example University of Finance and Economics", "Marketing"),
        ("Example University of Science and Technology of China\nBachelor of Engineering in Civil Engineering\nSeptember 2011 - June 2015",
         "Example University of Science and Technology of China", "Civil Engineering"),
    ],
)
def test_an_english_school_and_major_end_where_their_names_end(lines, school, major):
    c = candidate_of(f"Education\n{lines}\n")
    assert [(e.school, e.major) for e in c.education] == [(school, major)]


def test_the_study_route_in_brackets_is_not_the_major():
    c = candidate_of("教育背景\n2016.03-2018.07  示例广播电视大学  工商管理（专升本 / 成人教育）\n")
    assert [(e.major, e.degree, e.part_time) for e in c.education] == [("工商管理", Degree.bachelor, True)]
    # A note in brackets after the major is not part of it.
    c = candidate_of("教育背景\n2008.09-2012.06  示例财经大学  金融学（双学位）  本科\n")
    assert [e.major for e in c.education] == ["金融学"]


@pytest.mark.parametrize(
    "text",
    [
        # Each title on a line of its own above its employer and dates ...
        "工作经历\n客户经理\n示例银行青禾支行 | 2019.03-至今\n负责个人贷款营销。\n柜员\n示例农村商业银行 | 2015.07-2019.02\n负责柜面业务。\n",
        # ... or under them: the first entry tells which.
        "工作经历\n示例银行青禾支行 | 2019.03-至今\n客户经理\n示例农村商业银行 | 2015.07-2019.02\n柜员\n",
    ],
)
def test_a_title_on_its_own_line_goes_with_its_own_job(text):
    assert _jobs(candidate_of(text)) == [("示例银行青禾支行", "客户经理", "2019-03", None), ("示例农村商业银行", "柜员", "2015-07", "2019-02")]


def test_an_english_employer_keeps_its_branch_after_a_comma():
    c = candidate_of("Work Experience\nRelationship Manager\nExample Bank, Qinghe Branch\nMarch 2019 – Present\n")
    assert [(e.employer, e.title, e.industry) for e in c.experience] == [("Example Bank, Qinghe Branch", "Relationship Manager", "banking")]


def test_an_english_cover_letter_tells_its_jobs_and_graduation_in_sentences():
    c = candidate_of(
        "Jane Sample\nDear Hiring Manager,\n"
        "I graduated from Example University of Finance with a Bachelor of Economics in June 2014. "
        "I joined Example Rural Commercial Bank in August 2014 as a teller and became a loan officer in 2016. "
        "Since March 2019 I have worked at Example Microcredit Co. Ltd. as a credit supervisor.\nSincerely,\nJane Sample\n"
    )
    assert _jobs(c) == [
        ("Example Microcredit Co. Ltd.", "credit supervisor", "2019-03", None),
        ("Example Rural Commercial Bank", "teller", "2014-08", "2019-02"),
    ]
    assert [(e.school, e.major, e.end) for e in c.education] == [("Example University of Finance", "Economics", "2014-06")]


@pytest.mark.parametrize(
    ("line", "name"),
    [("姓名：魏测试性别：女出生年月：1994.08", "魏测试"), ("姓名：欧阳测试民族：汉", "欧阳测试"), ("姓名：陈学文", "陈学文")],
)
def test_a_name_label_stops_at_the_next_fields_label(line, name):
    # OCR or a squeezed form may leave no gap before the next label.
    assert find_name([line]) == name


def test_a_squeezed_form_row_still_gives_the_protected_facts_apart():
    c = candidate_of("姓名：魏测试性别：女出生年月：1994.08民族：汉\n")
    assert (c.name, c.personal.gender, c.personal.birth_date, c.personal.ethnicity) == ("魏测试", "female", "1994-08", "汉")


@pytest.mark.parametrize("cell", [" | ", " "])  # the form as Word gives it, and as its PDF
def test_a_form_with_a_column_for_start_and_one_for_end(cell):
    rows = [
        ["起始时间", "终止时间", "工作单位", "职务", "证明人"],
        ["2018.07", "至今", "示例农村信用合作联社", "信贷员", "李某"],
        ["2014.07", "2018.06", "示例保险股份有限公司", "客户经理", "王某"],
    ]
    c = candidate_of("工作经历\n" + "\n".join(cell.join(row) for row in rows) + "\n")
    assert _jobs(c) == [("示例农村信用合作联社", "信贷员", "2018-07", None), ("示例保险股份有限公司", "客户经理", "2014-07", "2018-06")]


def test_two_dates_of_other_fields_side_by_side_are_no_range():
    # Not the first two cells of the row; and year-only cells apart by a blank only.
    assert find_date_ranges("王五 | 1990.05 | 2012.07") == []
    assert find_date_ranges("2014 2018 示例大学") == []


def test_time_off_written_as_an_entry_is_not_work():
    c = candidate_of(
        "工作经历\n2021.03-至今 示例物业服务有限公司 客服主管\n2020.01-2021.02 待业（备考公务员）\n2019.07-2019.12 全职妈妈\n"
        "2016.07-2019.06 示例酒店 前台\n2015.09-2016.06 脱产备考研究生\n2014.03-2015.08 育儿嫂\n"
    )
    assert _jobs(c)[:2] == [("示例物业服务有限公司", "客服主管", "2021-03", None), ("示例酒店", "前台", "2016-07", "2019-06")]
    # The nanny's job (育儿嫂) is work, not time off.
    assert [e.start for e in c.experience] == ["2021-03", "2016-07", "2014-03"]
    assert c.total_experience_months == 64 + 36 + 18


def test_an_english_entry_dated_by_its_graduation_year_alone():
    c = candidate_of("EDUCATION\nMBA, Example Business School, 2018\nB.A., Economics, Example University, 2014\n")
    assert [(e.school, e.degree, e.major, e.end) for e in c.education] == [
        ("Example Business School", Degree.master, None, "2018-06"),
        ("Example University", Degree.bachelor, "Economics", "2014-06"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The employer and its place on one line, the title and dates on the next: the tab between
        # name and place comes out of a Word file or a PDF as one space.
        ("PROFESSIONAL EXPERIENCE\nExample Bank (Hong Kong) Limited Hong Kong\n"
         "Senior Relationship Manager, SME Banking Mar 2019 – Present\n• Managed a portfolio of SME clients.\n"
         "Sample Finance Company Ltd Shenzhen\nCredit Analyst Jul 2016 – Feb 2019\n• Prepared credit memos.\n",
         [("Example Bank (Hong Kong) Limited", "Senior Relationship Manager", "2019-03", None),
          ("Sample Finance Company Ltd", "Credit Analyst", "2016-07", "2019-02")]),
        ("工作经历\n示例农村商业银行 北京\n客户经理 2019.03-至今\n负责小微企业贷款营销与贷后管理\n"
         "示例小额贷款有限公司 深圳市\n信贷员 2016.07-2019.02\n负责贷款调查\n",
         [("示例农村商业银行", "客户经理", "2019-03", None), ("示例小额贷款有限公司", "信贷员", "2016-07", "2019-02")]),
    ],
    ids=["english", "chinese"],
)
def test_an_employer_line_with_its_place_goes_with_the_dated_title_below(text, expected):
    assert _jobs(candidate_of(text)) == expected


@pytest.mark.parametrize(
    ("text", "school", "major"),
    [
        ("江苏省示例职业技术学院 市场营销 大专", "示例职业技术学院", "市场营销"),  # province and 省 glued on
        ("示例大学示例学院 金融学 本科", "示例学院", "金融学"),  # the university a college belongs to
        ("示例矿业大学（北京） 采矿工程 硕士", "示例矿业大学", "采矿工程"),  # a campus in brackets after it
        ("内蒙古自治区示例学院 会计学 本科 示例学院", "示例学院", "会计学"),  # twice, the front once
    ],
)
def test_major_is_not_the_school_or_what_is_glued_to_it(text, school, major):
    from extractors.fields.education import find_major

    assert find_major(text, school) == major


def test_date_ranges_of_a_line_asked_again_are_the_same():
    # A caller may change the list it gets: the next caller of the same line still gets every range.
    first = find_date_ranges("2015.07-2018.06 示例银行 客户经理")
    first.clear()
    assert [(r.start, r.end) for r in find_date_ranges("2015.07-2018.06 示例银行 客户经理")] == [(Month(2015, 7), Month(2018, 6))]


def test_terms_whose_names_begin_other_terms_are_found_on_their_own_lines():
    # "Customer Service" (a skill) begins "Customer Service Manager Certificate"; 呼叫中心 begins 呼叫中心服务员证.
    from extractors.fields.terms import find_terms

    text = "自我评价：认真负责\n持有呼叫中心服务员证\n2019年 示例公司\n负责Customer Service工作"
    assert find_terms(text) == {"SKILL": ["客户服务"], "CERT": ["呼叫中心服务员"], "LANG": []}
