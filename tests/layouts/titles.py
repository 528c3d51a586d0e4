"""Synthetic job-site layouts where the latest job's title and employer are read wrong (invented
people and companies), as the text or bytes the readers take."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    start: str
    end: str
    employer: str
    title: str
    duty: str


JOBS = [
    Job("2016.03", "3000.01", "示例科技有限公司", "技术支持", "负责服务器的日常运维"),
    Job("2013.07", "2016.02", "样本网络技术有限公司", "网站运营", "负责产品的功能测试"),
]


def title_label_repeats_dates(jobs: list[Job] = JOBS) -> str:
    """聚贤's page: the dates in a column beside the employer and its facts, then "担任职位：" with the
    dates again and the title under them; a current job ends in the site's far-future "3000.01"."""
    blocks = "".join(
        '<div class="job">'
        f'<div class="time">{j.start}-{j.end}</div>'
        f'<div class="comp"><div class="comp_title">{j.employer}</div>'
        '<table><tr><td>公司性质：</td><td>民营</td></tr><tr><td>公司规模：</td><td>20-99人</td></tr></table></div>'
        '<div class="label">担任职位：</div>'
        f'<div class="comp"><div class="time">{j.start}-{j.end}</div><div class="title">{j.title}</div>'
        f"<table><tr><td>所在部门：</td><td>技术部</td></tr><tr><td>职位职责：</td><td>{j.duty}</td></tr></table></div>"
        "</div>"
        for j in jobs
    )
    return (
        "<html><body><h3>个人信息</h3><table><tr><td>姓名：</td><td>张测试</td></tr>"
        "<tr><td>手机号码：</td><td>138-0000-0000</td></tr></table>"
        f"<h3>工作经历</h3>{blocks}"
        "<h3>教育经历</h3><table><tr><td>2009.09 - 2013.07</td><td>示例大学</td><td>本科</td><td>计算机科学与技术</td></tr></table>"
        "</body></html>"
    )


def truncated_docx(lines: list[str]) -> bytes:
    """A Word file whose last byte was lost in a copy or upload (the end record's comment length)."""
    import io

    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()[:-1]


def logged_api_response() -> str:
    """A job site's API response for one résumé, logged as a JSON string: its quotes escaped."""
    import json

    detail = {"Name": "张测试", "Gender": "1", "Mobile": "138-0000-0000", "GraduatedFrom": "示例大学", "Major": "市场营销",
              "Degree": "本科", "WorkExperience": [{"CompanyName": "示例科技有限公司", "JobTitle": "销售专员",
                                                  "BeginDate": "2016-03", "EndDate": "至今", "Description": "负责客户开发"}],
              "DesiredIndustry": "210500,121400", "ProvinceId": "530", "IsPost": "y", "ModifiedBy": 1000}
    return "from_json_encode_result: " + json.dumps(json.dumps({"code": 0, "data": {"detail": detail}}, ensure_ascii=False), ensure_ascii=False)


def title_before_dates_under_employer() -> str:
    """丁香人才 / 医学人才 export: the employer on its line, then "title dates", titles of any words."""
    return (
        "张测试\n手机：138-0000-0000\n工作经历\n"
        "示例医院\n麻醉医生 2017-09 -至今\n工作描述：负责手术麻醉\n"
        "样本卫生院\n药剂调配 2014-07 -2017-08\n工作描述：负责门诊药房\n"
        "教育经历\n2010-09 -2014-06 示例医科大学 本科 麻醉学\n"
    )


def title_cell_under_dated_employer() -> str:
    """智联's export: "dates employer （tenure）", then "title | salary", then the employer's facts."""
    return (
        "张测试\n手机：138-0000-0000\n工作经历\n"
        "2015.06 - 至今 示例研究院 （4年1个月）\n嵌入式软件开发 | 6001-8000元/月\n学术/科研 | 企业性质：民营 | 规模：20-99人\n"
        "工作描述： | 负责单片机软件开发\n"
        "2012.04 - 2015.05 样本科技股份有限公司 （3年1个月）\n电气调试 | 4001-6000元/月\n制造 | 企业性质：国企 | 规模：100-499人\n"
        "教育经历\n2008.09 - 2012.06 示例大学 本科 电子信息工程\n"
    )


def department_then_title_on_dated_line() -> str:
    """"dates employer department title" on one line, single spaces between them."""
    return (
        "张测试\n手机：138-0000-0000\n工作经历\n"
        "2016-07 至今 示例儿童医疗中心 呼吸科 助理护士\n1. 负责雾化治疗\n"
        "教育经历\n2013-09 2016-06 示例卫生职业学院 大专 护理\n"
    )


def major_under_school_line() -> bytes:
    """A job site's page saved as .doc (HTML inside): the school, level and dates in spans of one cell,
    the major alone in the row under it."""

    def school(name: str, level: str, dates: str, major: str) -> str:
        return (
            f"<tr><td><span><strong>{name}</strong></span><span>{level}</span><span>{dates}</span></td></tr>"
            f"<tr><td>{major}</td></tr><tr><td></td></tr>"
        )

    return (
        "<html><head><meta charset='utf-8'></head><body><table>"
        "<tr><td>姓名：张测试</td></tr><tr><td>专业：计算机科学与技术 | 手机：138-0000-0000</td></tr>"
        "<tr><td>教育经历</td></tr>"
        + school("示例理工大学", "硕士", "2012/09至2015/06", "软件工程")
        + school("示例大学", "本科", "2008/09至2012/06", "自动化")
        + "</table></body></html>"
    ).encode()


def layout_tagged_text() -> str:
    """A text export whose every line is led by its block's kind and section, tab-separated."""
    rows = [
        ("meta", "others", "张测试"),
        ("meta", "others", "138-0000-0000 test@example.com"),
        ("header", "education", "教育背景"),
        ("content", "education", "2012.09-2016.06 示例大学 本科 市场营销"),
        ("header", "experience", "工作经历"),
        ("content", "experience", "2016.07-至今"),
        ("content", "experience", "示例网络"),
        ("content", "experience", "销售专员"),
        ("content", "experience", "负责华南区域的客户开发"),
        ("header", "project", "项目经验"),
        ("content", "project", "2015.03-2016.05 示例银行信贷系统开发"),
        ("content", "project", "负责订单模块的开发"),
        ("header", "knowledge", "专业技能"),
        ("content", "knowledge", "熟练使用办公软件"),
    ]
    return "\n".join("\t".join(row) for row in rows) + "\n"


def summary_row_with_site_filters() -> str:
    """A regional job site's page: its search filters ("学历为高中以上…") above the person, whose level
    is a cell of the summary row; the schools listed with no education heading."""
    return (
        "<html><body>"
        "<p>推荐人才</p><p>1.求职意向管理类；学历为高中以上；工作经历为六年以上。</p>"
        "<p>2.学历为本科以上的，工作经历为四年以上的</p>"
        "<table><tr><td>张测试</td></tr>"
        "<tr><td>女</td><td>160CM</td><td>33岁</td><td>10年以上工作经验</td><td>大专</td><td>工商管理</td><td>未婚</td></tr></table>"
        "<p>工作经历</p><table><tr><td>2010年03月 - 至今</td><td>示例贸易有限公司</td><td>行政主管</td></tr></table>"
        "</body></html>"
    )


def linkedin_positions() -> str:
    """LinkedIn's profile export: each position's title, then its company, then "dates (time there)place"."""
    return (
        "张测试\n工作经历\n"
        "Principal Scientist\n示例科技\n2016 年 3 月 – 目前 (3 年 4 个月)北京\n负责新材料的研发与项目管理\n"
        "研发部门副主任\n样本材料\n2013 年 7 月 – 2016 年 2 月 (2 年 8 个月)上海\n带领团队开发新型材料\n"
        "教育经历\n示例大学\n硕士, 高分子化学与物理, 2010 – 2013\n"
    )
