#!/usr/bin/env python
"""Generate the synthetic sample résumés in ``data/samples/``.

Every person, phone number, e-mail address and employer below is invented.
Phones follow the obviously fake patterns ``138-0000-00NN`` / ``139 0000 00NN`` and
e-mails use ``example.com`` / ``example.cn``.  No ID numbers appear anywhere.

The candidates are structured data (``CANDIDATES``) rendered by a few renderers:

* ``render_txt``          plain text (UTF-8, GB18030, CRLF variants, one with no headings)
* ``render_docx``         python-docx (plain paragraphs, table-based 基本信息, header/footer)
* ``render_pdf_rl``       reportlab with the WenQuanYi Micro Hei CJK font (single column,
                          left sidebar, right sidebar)
* ``render_pdf_lo``       python-docx -> ``libreoffice --headless --convert-to pdf``

It also writes ``expected.json`` (ground truth computed from the same data),
``README.md`` and a deliberately corrupt ``corrupt_resume.pdf``.

Usage::

    python scripts/make_samples.py            # regenerate everything in data/samples/
    python scripts/make_samples.py --out DIR  # write elsewhere

The output is deterministic: fixed data, fixed PDF/DOCX timestamps (June 2026), fixed
zip entry dates.  The two LibreOffice PDFs get their /CreationDate and /ModDate
patched to the fixed date, but LibreOffice still embeds a random document /ID, so
those two files are not byte-identical between runs (their text is).
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "data" / "samples"
FONT_PATH = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT_NAME = "WQYMicroHei"
REFERENCE = (2026, 6)  # 至今 / Present is counted up to this month (exclusive)

# ---------------------------------------------------------------------------
# Data model
# ---------------------------------------------------------------------------

YM = tuple[int, int]


@dataclass
class Job:
    start: YM
    end: YM | None  # None = 至今 / Present
    employer: str
    title: str
    duties: list[str]
    intern: bool = False


@dataclass
class Edu:
    start: YM
    end: YM
    school: str
    major: str
    degree_label: str  # as written on the résumé
    degree: str  # canonical code (screener.models.Degree)


@dataclass
class Candidate:
    file: str
    fmt: str  # txt | docx | pdf | pdf_lo
    role: str | None
    tier: str  # strong | borderline | unqualified
    lang: str  # zh | en | bilingual
    name: str
    phone: str  # as written
    email: str
    info: list[tuple[str, str]]  # other 基本信息 items (label, value)
    objective: str
    edu: list[Edu]  # most recent first
    jobs: list[Job]  # most recent first
    skills: list[str]
    certs: list[str]
    summary: str
    headings: str = "ZH_A"
    date_style: str = "dot"
    job_style: str = "stacked"  # stacked | inline | emp_first
    bullet: str = "• "  # "• ", "- ", "· ", "" or "num"
    projects: list[tuple[str, list[str]]] = field(default_factory=list)
    layout: str = "plain"  # plain | sidebar_left | sidebar_right | table | headerfooter | noheadings
    edu_after_work: bool = False
    txt_heading: str = "bracket"  # bracket | equals | colon | numbered | underline
    encoding: str = "utf-8"
    newline: str = "\n"
    created_day: int = 1  # creation date = 2026-06-<day>
    doc_title: str | None = None  # e.g. "个人简历" above the name


# ---------------------------------------------------------------------------
# Headings and date formats
# ---------------------------------------------------------------------------

HEADINGS: dict[str, dict[str, str]] = {
    "ZH_A": dict(basic="基本信息", objective="求职意向", education="教育背景", work="工作经历",
                 intern="实习经历", projects="项目经历", skills="专业技能", certs="证书",
                 summary="自我评价"),
    "ZH_B": dict(basic="个人信息", objective="求职意向", education="教育经历", work="工作经验",
                 intern="实习经历", projects="项目经历", skills="技能特长", certs="资格证书",
                 summary="自我评价"),
    "ZH_C": dict(basic="基本信息", objective="求职意向", education="教育经历", work="工作经历",
                 intern="实习经历", projects="项目经历", skills="技能特长", certs="资格证书",
                 summary="自我评价"),
    "EN_A": dict(basic="Contact", objective="Objective", education="Education",
                 work="Work Experience", intern="Internship", projects="Projects",
                 skills="Skills", certs="Certificates", summary="Summary"),
    "EN_B": dict(basic="Personal Details", objective="Career Objective", education="Education",
                 work="Experience", intern="Internships", projects="Key Projects",
                 skills="Skills", certs="Certifications", summary="Summary"),
    "BI": dict(basic="基本信息 Personal Information", objective="求职意向 Job Objective",
               education="教育背景 Education", work="工作经历 Work Experience",
               intern="实习经历 Internship", projects="项目经历 Projects",
               skills="专业技能 Skills", certs="证书 Certificates", summary="自我评价 Summary"),
}

MON_SHORT = [calendar.month_abbr[i] for i in range(13)]
MON_LONG = [calendar.month_name[i] for i in range(13)]

DATE_STYLES = {
    # style: (point formatter, separator, present word)
    "dot": (lambda y, m: f"{y}.{m:02d}", " - ", "至今"),
    "cn": (lambda y, m: f"{y}年{m}月", "—", "至今"),
    "slash": (lambda y, m: f"{y}/{m:02d}", "-", "至今"),
    "dash": (lambda y, m: f"{y}-{m:02d}", " ~ ", "至今"),
    "en_short": (lambda y, m: f"{MON_SHORT[m]} {y}", " – ", "Present"),
    "en_long": (lambda y, m: f"{MON_LONG[m]} {y}", " - ", "Present"),
}


def fmt_range(start: YM, end: YM | None, style: str) -> str:
    point, sep, present = DATE_STYLES[style]
    return f"{point(*start)}{sep}{point(*end) if end else present}"


def month_index(ym: YM) -> int:
    return ym[0] * 12 + ym[1]


def merged_months(jobs: list[Job]) -> int:
    """Months covered, both the start and the end month counted (2018.07–2018.12 is 6 months),
    overlaps merged, 至今/Present counted through REFERENCE."""
    spans = sorted((month_index(j.start), month_index(j.end or REFERENCE)) for j in jobs)
    total, cur_s, cur_e = 0, None, None
    for s, e in spans:
        if cur_e is None or s > cur_e + 1:
            if cur_e is not None:
                total += cur_e - cur_s + 1
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    if cur_e is not None:
        total += cur_e - cur_s + 1
    return total


def phone_digits(phone: str) -> str:
    d = re.sub(r"\D", "", phone)
    return d[2:] if d.startswith("86") and len(d) == 13 else d


# ---------------------------------------------------------------------------
# The candidates (all synthetic)
# ---------------------------------------------------------------------------

LOAN, TOBACCO, PROPERTY, SERVICE = (
    "loan_account_manager", "tobacco_account_manager",
    "property_service_manager", "client_service_manager")

CANDIDATES: list[Candidate] = [
    # ------------------------------------------------------------ loan: strong
    Candidate(
        file="loan_strong_zhang_ceshi.pdf", fmt="pdf", layout="sidebar_left",
        role=LOAN, tier="strong", lang="zh", name="张测试",
        phone="138-0000-0001", email="zhang.ceshi@example.com",
        info=[("性别", "男"), ("出生年月", "1991.04"), ("现居地", "示例省青禾县"), ("政治面貌", "中共党员")],
        objective="贷款客户经理（农村信用社 / 农商银行）",
        edu=[Edu((2010, 9), (2014, 6), "湖南农业大学", "金融学", "本科", "bachelor")],
        jobs=[
            Job((2016, 7), None, "青禾县农村信用合作联社", "客户经理",
                ["负责辖区内小微企业贷款及农户个人贷款的营销与管理，管户贷款余额约1.2亿元",
                 "开展贷前调查，实地走访企业与农户，撰写贷款调查报告并提交审贷会",
                 "落实贷后管理，按季度进行贷后检查，牵头逾期贷款清收，不良率控制在1%以内",
                 "推进整村授信，带领小组外出入户走访，完成授信建档2000余户"]),
            Job((2014, 7), (2016, 6), "中国邮政储蓄银行示例县支行", "信贷员",
                ["受理个人消费贷款、抵押贷款申请，审核借款人资料",
                 "协助客户经理完成贷前调查和放款手续，参与贷后回访"]),
        ],
        skills=["熟悉小微企业贷款、零售贷款、个人住房抵押贷款业务流程",
                "熟练撰写贷前调查报告、贷后检查报告", "熟练使用信贷管理系统、Office办公软件",
                "驾驶证C1，可适应经常外出跑市场"],
        certs=["银行从业资格证（初级，个人贷款、风险管理）", "机动车驾驶证C1"],
        summary="近12年农村金融信贷工作经验，熟悉县域小微企业与农户信贷需求；工作踏实，抗压能力强，具有良好的团队合作精神。",
        date_style="dot", headings="ZH_A", created_day=2),
    Candidate(
        file="loan_strong_li_shili.docx", fmt="docx", layout="table",
        role=LOAN, tier="strong", lang="bilingual", name="李示例",
        phone="139 0000 0002", email="li.shili@example.cn",
        info=[("性别 Gender", "女"), ("出生年月 Date of Birth", "1988年10月"), ("籍贯 Hometown", "示例省")],
        objective="零售信贷客户经理 / Retail Loan Account Manager",
        edu=[Edu((2015, 9), (2018, 6), "西南财经大学", "工商管理（MBA）", "MBA", "master"),
             Edu((2006, 9), (2010, 6), "江西财经大学", "市场营销", "本科 Bachelor", "bachelor")],
        jobs=[
            Job((2018, 7), None, "示例市农村商业银行股份有限公司", "小微金融部 高级客户经理",
                ["负责小微企业贷款、个人经营性贷款营销，年新增贷款投放8000万元",
                 "组织贷前调查与实地核查，撰写调查报告（Credit Investigation Report）",
                 "负责贷后管理与逾期贷款清收，带领3人团队完成清收任务"]),
            Job((2010, 7), (2018, 6), "中国邮政储蓄银行示例市分行", "个人贷款客户经理",
                ["营销个人住房抵押贷款、个人消费贷款（个贷），客户数量超过600户",
                 "完成贷前调查、贷款审批资料整理、贷后回访和风险预警"]),
        ],
        skills=["Retail lending / 零售贷款、小微企业贷款、抵押贷款", "贷前调查、贷后管理、不良贷款清收",
                "English: CET-6，可阅读英文财务报表", "Excel数据分析、信贷管理系统（CMS）"],
        certs=["银行从业资格证（中级）Certificate of Banking Professional", "基金从业资格证"],
        summary="近16年银行信贷经验，熟悉零售贷款和小微企业贷款全流程，善于客户关系维护，能承受业绩压力，适应外勤工作。",
        date_style="cn", headings="BI", job_style="inline", bullet="- ", created_day=3),
    # ------------------------------------------------------------ loan: borderline
    Candidate(
        file="loan_borderline_wang_yangben.txt", fmt="txt",
        role=LOAN, tier="borderline", lang="zh", name="王样本",
        phone="138-0000-0003", email="wangyangben@example.com",
        info=[("性别", "男"), ("年龄", "26岁"), ("学历", "大专"), ("现居住地", "示例市")],
        objective="信贷员 / 贷款客户经理",
        edu=[Edu((2016, 9), (2019, 6), "青禾职业技术学院", "市场营销", "大专", "associate")],
        jobs=[
            Job((2025, 3), None, "示例市汇通小额贷款有限公司", "信贷员",
                ["负责个人经营贷款客户营销，协助完成贷前调查", "整理客户资料，参与逾期客户电话催收"]),
            Job((2019, 7), (2025, 2), "示例人寿保险股份有限公司青禾支公司", "保险销售专员",
                ["面向个人客户销售寿险及意外险产品，连续两年完成销售指标", "维护老客户，开拓乡镇市场"]),
        ],
        skills=["具备一定的金融产品销售经验", "了解个人贷款业务流程", "熟练使用Word、Excel"],
        certs=["银行从业资格证（在考）", "保险代理人资格"],
        summary="性格开朗，沟通能力强，能适应外勤工作和业绩压力，希望在信贷领域长期发展。",
        date_style="slash", txt_heading="bracket", bullet="", created_day=4,
    ),
    Candidate(
        file="loan_borderline_test_candidate_chen.pdf", fmt="pdf",
        role=LOAN, tier="borderline", lang="en", name="Test Candidate Chen",
        phone="139 0000 0004", email="candidate.chen@example.com",
        info=[("Location", "Example City, China")],
        objective="Loan Account Manager at a rural commercial bank",
        edu=[Edu((2013, 9), (2017, 6), "Shandong University of Finance and Economics", "Economics",
                 "Bachelor of Economics", "bachelor")],
        jobs=[
            Job((2020, 4), None, "Example Property & Casualty Insurance Co., Ltd.", "Senior Sales Representative",
                ["Sold commercial insurance to small and micro businesses; top 10% of the branch in 2023",
                 "Built relationships with SME owners and prepared client needs analyses"]),
            Job((2017, 7), (2020, 3), "Example Securities Co., Ltd. Qinghe Branch", "Customer Manager",
                ["Opened brokerage accounts and sold wealth-management products to retail clients"]),
        ],
        skills=["Financial product sales", "SME client development", "Credit analysis basics", "Excel, PowerPoint"],
        certs=["Securities Qualification Certificate", "Fund Qualification Certificate"],
        summary="Finance sales professional with 9 years of client-facing experience in insurance and securities, "
                "seeking to move into SME lending. No direct loan origination or collection experience yet.",
        date_style="en_short", headings="EN_A", job_style="emp_first", created_day=5),
    Candidate(
        file="loan_borderline_zhao_yangli.docx", fmt="docx",
        role=LOAN, tier="borderline", lang="zh", name="赵样例",
        phone="138-0000-0005", email="zhao.yangli@example.cn",
        info=[("性别", "女"), ("出生年月", "1996年2月"), ("民族", "汉")],
        objective="贷款客户经理",
        edu=[Edu((2011, 9), (2014, 7), "示例市财贸中等专业学校", "会计", "中专", "secondary")],
        jobs=[
            Job((2019, 9), None, "青禾县农村信用合作联社城关信用社", "综合柜员（兼协贷员）",
                ["办理存取款、转账等柜面业务", "协助信贷客户经理整理贷款档案、开展贷后回访",
                 "参与逾期贷款电话催收和上门清收"]),
            Job((2014, 8), (2019, 8), "示例市百货商场", "收银员、营业员",
                ["负责收银、对账和顾客接待"]),
        ],
        skills=["熟悉柜面业务及贷款档案管理", "了解贷后管理流程", "熟练使用Excel"],
        certs=["银行从业资格证（初级）"],
        summary="在信用社工作6年多，了解信贷业务，工作认真负责；学历为中专，正在参加成人大专学习。",
        date_style="dash", headings="ZH_B", edu_after_work=True, bullet="· ", created_day=6),
    # ------------------------------------------------------------ loan: unqualified
    Candidate(
        file="loan_unqualified_sun_ceshi.pdf", fmt="pdf_lo", layout="plain",
        role=LOAN, tier="unqualified", lang="zh", name="孙测试",
        phone="139 0000 0006", email="sunceshi@example.com",
        info=[("性别", "男"), ("出生年月", "1994.11"), ("工作年限", "9年")],
        objective="Java后端开发工程师",
        edu=[Edu((2013, 9), (2017, 6), "郑州大学", "计算机科学与技术", "本科", "bachelor")],
        jobs=[
            Job((2019, 5), None, "示例网络科技有限公司", "高级Java开发工程师",
                ["负责电商订单系统的微服务架构设计与开发（Spring Cloud）", "优化MySQL慢查询，接口响应时间降低40%"]),
            Job((2017, 7), (2019, 4), "示例软件股份有限公司", "软件工程师",
                ["参与政务OA系统开发与维护", "编写单元测试与接口文档"]),
        ],
        projects=[("2021.03 - 2021.12  订单中心重构", ["使用Kafka解耦订单与库存服务", "支撑日均50万单"])],
        skills=["Java、Spring Boot、MySQL、Redis、Kafka", "Linux、Docker、Git"],
        certs=["软件设计师（中级）"],
        summary="热爱技术，有良好的编码习惯和团队协作能力。",
        date_style="dot", headings="ZH_A", job_style="inline", created_day=7),
    Candidate(
        file="loan_unqualified_test_candidate_zhou.txt", fmt="txt", newline="\r\n",
        role=LOAN, tier="unqualified", lang="en", name="Test Candidate Zhou",
        phone="+86 138 0000 0007", email="zhou.art@example.com",
        info=[("Portfolio", "portfolio.example.com/zhou")],
        objective="Junior illustrator / visual designer",
        edu=[Edu((2022, 9), (2026, 6), "Example Academy of Fine Arts", "Oil Painting",
                 "Bachelor of Fine Arts (expected)", "bachelor")],
        jobs=[
            Job((2025, 7), (2025, 9), "Example Contemporary Art Gallery", "Curatorial Intern",
                ["Helped install two exhibitions and wrote wall texts", "Photographed artworks for the online catalogue"],
                intern=True),
        ],
        skills=["Oil painting, illustration", "Photoshop, Procreate", "Exhibition installation"],
        certs=[],
        summary="Fresh art graduate looking for a creative role. No finance or sales experience.",
        date_style="en_long", headings="EN_B", txt_heading="underline", job_style="emp_first",
        bullet="- ", created_day=8),
    # ------------------------------------------------------------ tobacco: strong
    Candidate(
        file="tobacco_strong_zhou_shili.docx", fmt="docx", layout="headerfooter",
        role=TOBACCO, tier="strong", lang="zh", name="周示例",
        phone="139 0000 0008", email="zhoushili@example.cn",
        info=[("性别", "男"), ("出生年月", "1989年6月"), ("现居地", "示例市"), ("婚姻状况", "已婚")],
        objective="烟草客户经理",
        edu=[Edu((2009, 9), (2013, 6), "山东财经大学", "市场营销", "本科", "bachelor")],
        jobs=[
            Job((2013, 7), None, "示例市烟草专卖局（公司）", "营销部 客户经理",
                ["负责城区280余户卷烟零售户的日常拜访与服务，指导零售客户经营",
                 "开展卷烟市场调查与需求预测，按周制定订货与销售计划",
                 "推进重点品牌培育，负责新品上柜与陈列指导",
                 "推广电子结算，辖区电子结算率达到98%；配合专卖部门开展市场检查"]),
        ],
        skills=["熟悉卷烟营销与零售户分档分级管理", "市场分析、需求预测、数据报表", "沟通协调及公共关系能力强"],
        certs=["烟草专卖品营销职业资格（卷烟商品营销员 三级）", "机动车驾驶证C1"],
        summary="在烟草商业企业从事客户经理工作近13年，熟悉零售户管理和品牌培育，具备较强的沟通、协调和分析能力。",
        date_style="cn", headings="ZH_A", created_day=9, doc_title="个人简历"),
    Candidate(
        file="tobacco_strong_wu_ceshi.pdf", fmt="pdf", layout="sidebar_right",
        role=TOBACCO, tier="strong", lang="zh", name="吴测试",
        phone="138-0000-0009", email="wu.ceshi@example.com",
        info=[("性别", "女"), ("出生年月", "1987.09"), ("现居地", "示例市")],
        objective="烟草客户经理 / 市场经理",
        edu=[Edu((2010, 9), (2013, 6), "中南财经政法大学", "企业管理", "硕士研究生", "master"),
             Edu((2006, 9), (2010, 6), "河南大学", "经济学", "本科", "bachelor")],
        jobs=[
            Job((2017, 3), None, "示例省烟草公司青禾市公司", "市场经理",
                ["统筹全市卷烟市场监测与需求预测，编制年度及月度销售计划",
                 "组织客户经理开展零售户分类管理与品牌培育活动",
                 "负责市场调查数据分析，撰写卷烟市场分析报告"]),
            Job((2013, 7), (2017, 2), "示例省烟草公司青禾市公司", "客户经理",
                ["负责150户零售客户的走访服务、订单指导和电子结算推广", "协助专卖管理员开展市场巡查"]),
        ],
        skills=["卷烟营销、品牌培育", "市场调研与需求预测", "SPSS、Excel数据分析", "公关与沟通协调"],
        certs=["卷烟商品营销员（二级）", "中级经济师（工商管理）"],
        summary="13年烟草行业营销经验，从客户经理成长为市场经理，善于数据分析和团队协作。",
        date_style="dot", headings="ZH_C", job_style="emp_first", created_day=10),
    # ------------------------------------------------------------ tobacco: borderline
    Candidate(
        file="tobacco_borderline_zheng_yangben.txt", fmt="txt", encoding="gb18030",
        role=TOBACCO, tier="borderline", lang="zh", name="郑样本",
        phone="139 0000 0010", email="zhengyangben@example.cn",
        info=[("性别", "男"), ("年龄", "29岁"), ("籍贯", "示例省")],
        objective="客户经理（快消/烟草方向）",
        edu=[Edu((2014, 9), (2017, 6), "山东商业职业技术学院", "市场营销", "大专", "associate")],
        jobs=[
            Job((2020, 3), None, "示例饮料销售有限公司", "渠道销售主管",
                ["负责区域内300多家便利店、夫妻店的铺货与陈列", "制定月度销售计划，分析终端动销数据",
                 "组织新品推广与终端促销活动"]),
            Job((2017, 7), (2020, 2), "示例食品贸易商行", "业务员",
                ["跑店拜访零售客户，收集订单和市场反馈"]),
        ],
        skills=["终端零售客户管理", "销售计划与数据分析", "沟通能力强"],
        certs=["机动车驾驶证C1"],
        summary="近9年快消品渠道销售经验，熟悉零售终端，但没有烟草行业工作经历。",
        date_style="slash", headings="ZH_B", txt_heading="numbered", bullet="num", created_day=11),
    Candidate(
        file="tobacco_borderline_feng_shili.pdf", fmt="pdf",
        role=TOBACCO, tier="borderline", lang="bilingual", name="冯示例",
        phone="138-0000-0011", email="feng.shili@example.com",
        info=[("性别 Gender", "女"), ("出生年月 Born", "2001-05")],
        objective="烟草客户经理 Tobacco Account Manager",
        edu=[Edu((2019, 9), (2023, 6), "浙江工商大学", "市场营销 Marketing", "本科 Bachelor", "bachelor")],
        jobs=[
            Job((2023, 7), None, "示例便利连锁有限公司", "门店店长助理 Assistant Store Manager",
                ["负责门店卷烟柜台的订货、陈列和库存管理", "统计门店卷烟及饮料销售数据"]),
            Job((2022, 7), (2022, 12), "示例市烟草专卖局（公司）", "营销部实习生 Marketing Intern",
                ["跟随客户经理走访零售户，协助开展市场调查", "整理零售户订货数据，协助品牌培育活动"],
                intern=True),
        ],
        skills=["市场调查 Market Research", "零售终端管理 Retail Management", "Excel、PowerPoint"],
        certs=["CET-6", "全国计算机二级"],
        summary="有烟草公司营销部实习经历和近3年零售门店工作经验，但尚无正式的烟草客户经理经历。",
        date_style="dash", headings="BI", job_style="inline", bullet="- ", created_day=12),
    Candidate(
        file="tobacco_borderline_test_candidate_lin.docx", fmt="docx", layout="table",
        role=TOBACCO, tier="borderline", lang="en", name="Test Candidate Lin",
        phone="139 0000 0012", email="lin.candidate@example.com",
        info=[("Gender", "Male"), ("Location", "Example City")],
        objective="Account Manager (retail channel)",
        edu=[Edu((2012, 9), (2016, 6), "Hunan University", "Business Administration",
                 "Bachelor of Management", "bachelor")],
        jobs=[
            Job((2019, 6), None, "Example Beverage (China) Co., Ltd.", "Key Account Manager",
                ["Managed 40 key retail accounts and 1,200 small retail outlets",
                 "Built monthly sell-in plans and demand forecasts; ran brand-building promotions",
                 "Negotiated shelf space and trade terms with retail chains"]),
            Job((2016, 7), (2019, 5), "Example Foods Trading Co., Ltd.", "Sales Representative",
                ["Visited retailers, collected orders and monitored competitor activity"]),
        ],
        skills=["Retail channel management", "Sales planning and forecasting", "Brand building",
                "Negotiation and communication"],
        certs=["Driving licence (C1)"],
        summary="Ten years of FMCG sales and key-account work with retail outlets. "
                "Transferable skills for tobacco retail account management, but no tobacco industry experience.",
        date_style="en_long", headings="EN_A", job_style="emp_first", created_day=13),
    # ------------------------------------------------------------ tobacco: unqualified
    Candidate(
        file="tobacco_unqualified_chen_yangli.pdf", fmt="pdf",
        role=TOBACCO, tier="unqualified", lang="zh", name="陈样例",
        phone="138-0000-0013", email="chenyangli@example.cn",
        info=[("性别", "男"), ("出生年月", "1985年3月"), ("身高", "175cm")],
        objective="厨师长 / 中餐主厨",
        edu=[Edu((2001, 9), (2004, 7), "示例市烹饪职业高级中学", "中式烹饪", "职高", "secondary")],
        jobs=[
            Job((2016, 4), None, "示例大酒店", "中餐厨师长",
                ["负责中餐厨房管理，带领12名厨师", "制定菜单，控制食材成本和出品质量"]),
            Job((2004, 8), (2016, 3), "青禾饭庄", "厨师",
                ["负责热菜制作，擅长湘菜、川菜"]),
        ],
        skills=["中式烹饪（湘菜、川菜）", "厨房管理、成本控制", "食品安全管理"],
        certs=["中式烹调师（高级）", "健康证"],
        summary="从事餐饮行业20余年，责任心强。",
        date_style="cn", headings="ZH_A", job_style="stacked", created_day=14),
    Candidate(
        file="tobacco_unqualified_chu_ceshi.txt", fmt="txt", layout="noheadings",
        role=TOBACCO, tier="unqualified", lang="zh", name="褚测试",
        phone="139 0000 0014", email="chuceshi@example.com",
        info=[("性别", "女"), ("出生年月", "1998.08")],
        objective="前端开发工程师",
        edu=[Edu((2016, 9), (2020, 6), "西南交通大学", "软件工程", "本科", "bachelor")],
        jobs=[
            Job((2022, 8), None, "示例数字科技有限公司", "前端开发工程师",
                ["负责企业管理后台的Vue3页面开发", "封装通用组件库，提升团队开发效率"]),
            Job((2020, 7), (2022, 7), "示例互动娱乐有限公司", "初级前端工程师",
                ["参与H5小游戏及活动页开发"]),
        ],
        skills=["JavaScript、TypeScript、Vue、React", "Webpack、Vite、Git"],
        certs=["CET-4"],
        summary="喜欢钻研前端新技术，自学能力强。",
        date_style="dot", bullet="", created_day=15),
    # ------------------------------------------------------------ property: strong
    Candidate(
        file="property_strong_wei_shili.txt", fmt="txt",
        role=PROPERTY, tier="strong", lang="zh", name="卫示例",
        phone="138-0000-0015", email="weishili@example.cn",
        info=[("性别", "女"), ("出生年月", "1988-12"), ("现居住地", "示例市明湖区")],
        objective="物业客户服务经理",
        edu=[Edu((2007, 9), (2011, 6), "山东农业大学", "物业管理", "本科", "bachelor")],
        jobs=[
            Job((2017, 3), None, "明湖物业服务有限公司", "客户服务中心经理",
                ["全面负责住宅项目（3200户）客户服务中心管理，带领12人客服团队",
                 "处理业主投诉与报事报修，跟进维修进度，投诉及时关闭率99%",
                 "组织业主访谈与满意度调查，物业费收缴率由82%提升至95%",
                 "制定突发事件应急预案，监督保洁、绿化外包服务质量"]),
            Job((2011, 7), (2017, 2), "示例万家物业管理有限公司", "客服主管",
                ["负责前台接待、业主入住、装修管理及物业费催缴", "协调工程部处理维修工单，开展客服人员培训"]),
        ],
        projects=[("2019.05 - 2019.12 明湖花园二期交付", ["负责1200户集中交付与入住办理，零重大投诉"])],
        skills=["物业客户服务中心管理", "投诉处理与业主沟通", "物业费催缴", "团队建设与培训", "熟练使用物业管理系统"],
        certs=["物业管理师", "物业经理上岗证"],
        summary="15年物业行业客服管理经验，熟悉住宅物业服务标准，沟通协调能力强，能妥善处理突发事件。",
        date_style="dash", headings="ZH_A", txt_heading="equals", created_day=16),
    Candidate(
        file="property_strong_jiang_yangben.pdf", fmt="pdf", layout="sidebar_left",
        role=PROPERTY, tier="strong", lang="bilingual", name="蒋样本",
        phone="139 0000 0016", email="jiang.yangben@example.com",
        info=[("性别 Gender", "男"), ("出生年月 Born", "1986/07")],
        objective="物业客户服务经理 Property Customer Service Manager",
        edu=[Edu((2005, 9), (2009, 6), "武汉大学", "工商管理 Business Administration",
                 "本科 Bachelor", "bachelor")],
        jobs=[
            Job((2016, 6), None, "示例绿城物业服务集团有限公司", "客服经理 Customer Service Manager",
                ["管理商业综合体及高端住宅客户服务中心，团队18人",
                 "建立投诉处理闭环机制，业主满意度连续三年90分以上",
                 "负责物业管理费收缴、欠费催缴及维修跟进",
                 "组织消防演练，妥善处理电梯困人、停水等突发事件"]),
            Job((2009, 7), (2016, 9), "明湖物业服务有限公司", "客服专员、客服主管",
                ["负责业主沟通、报修登记与回访", "监督清洁、绿化外包单位工作质量"]),
        ],
        skills=["客户服务中心管理 Service Center Management", "投诉处理 Complaint Handling",
                "团队建设 Team Building", "English: CET-6"],
        certs=["物业管理师 Certified Property Manager", "物业经理上岗证"],
        summary="17年物业行业客户服务经验 (17 years in property services)，熟悉住宅及商业物业客服管理，善于团队建设与业主沟通。",
        date_style="slash", headings="BI", job_style="emp_first", created_day=17),
    # ------------------------------------------------------------ property: borderline
    Candidate(
        file="property_borderline_shen_ceshi.docx", fmt="docx", layout="table",
        role=PROPERTY, tier="borderline", lang="zh", name="沈测试",
        phone="138-0000-0017", email="shenceshi@example.cn",
        info=[("性别", "女"), ("出生年月", "1993年4月"), ("政治面貌", "群众")],
        objective="物业客服经理",
        edu=[Edu((2012, 9), (2015, 6), "广东轻工职业技术学院", "酒店管理", "大专", "associate")],
        jobs=[
            Job((2019, 5), None, "示例国际大酒店", "前厅部主管",
                ["负责前台接待、宾客投诉处理和VIP服务", "带领8人前厅团队，组织服务培训"]),
            Job((2015, 7), (2019, 4), "示例商务酒店", "前台接待",
                ["办理入住退房，处理客人问询与投诉"]),
        ],
        skills=["客户投诉处理", "服务团队管理", "沟通协调"],
        certs=["普通话二级甲等"],
        summary="酒店服务行业11年，服务意识强，希望转入物业行业；暂无物业管理行业经验及物业证书。",
        date_style="cn", headings="ZH_B", bullet="· ", created_day=18),
    Candidate(
        file="property_borderline_test_candidate_wang.docx", fmt="docx",
        role=PROPERTY, tier="borderline", lang="en", name="Test Candidate Wang",
        phone="139 0000 0018", email="wang.candidate@example.com",
        info=[("Location", "Example City")],
        objective="Property Customer Service Supervisor / Manager",
        edu=[Edu((2019, 9), (2023, 6), "Nanjing University", "Public Administration",
                 "Bachelor of Management", "bachelor")],
        jobs=[
            Job((2024, 11), None, "Minghu Property Services Co., Ltd.", "Customer Service Assistant",
                ["Handled owner complaints and repair requests at the service desk",
                 "Followed up maintenance work orders and reminded owners of overdue management fees"]),
            Job((2023, 7), (2024, 10), "Example Real Estate Agency", "Leasing Assistant",
                ["Arranged viewings and tenancy paperwork"]),
        ],
        skills=["Complaint handling", "Owner communication", "MS Office"],
        certs=["Property Management Practitioner Certificate (in progress)"],
        summary="Early-career property services professional (about 1.5 years in property management) "
                "aiming for a supervisory role.",
        date_style="en_short", headings="EN_A", created_day=19),
    Candidate(
        file="property_borderline_han_shili.pdf", fmt="pdf",
        role=PROPERTY, tier="borderline", lang="zh", name="韩示例",
        phone="138-0000-0019", email="hanshili@example.com",
        info=[("性别", "女"), ("出生年月", "1984.02")],
        objective="物业客服经理",
        edu=[Edu((1999, 9), (2002, 7), "示例市第三中学", "普通高中", "高中", "secondary")],
        jobs=[
            Job((2014, 4), None, "明湖物业服务有限公司", "楼栋管家",
                ["负责两栋住宅楼400户业主的日常服务与沟通", "登记报修并跟进维修，催缴物业费",
                 "协助处理业主投诉和突发事件"]),
            Job((2008, 3), (2014, 3), "示例商场", "导购", ["商品销售与顾客服务"]),
        ],
        skills=["业主沟通", "物业费催缴", "维修跟进"],
        certs=["物业管理员证"],
        summary="物业一线服务经验12年，熟悉管家服务流程；学历为高中，未担任过管理岗位。",
        date_style="dot", headings="ZH_C", job_style="inline", created_day=20),
    # ------------------------------------------------------------ property: unqualified
    Candidate(
        file="property_unqualified_test_candidate_zhao.pdf", fmt="pdf",
        role=PROPERTY, tier="unqualified", lang="en", name="Test Candidate Zhao",
        phone="139 0000 0020", email="zhao.dev@example.com",
        info=[("GitHub", "github.example.com/zhao")],
        objective="Senior Software Engineer (backend / data)",
        edu=[Edu((2014, 9), (2017, 6), "Huazhong University of Science and Technology", "Computer Science",
                 "Master of Science", "master"),
             Edu((2010, 9), (2014, 6), "Huazhong University of Science and Technology", "Software Engineering",
                 "Bachelor of Engineering", "bachelor")],
        jobs=[
            Job((2020, 8), None, "Example Cloud Technology Co., Ltd.", "Senior Software Engineer",
                ["Designed a streaming data platform on Kafka and Flink", "Mentored four junior engineers"]),
            Job((2017, 7), (2020, 7), "Example Search Co., Ltd.", "Software Engineer",
                ["Built ranking features in Go and Python"]),
        ],
        skills=["Go, Python, Java", "Kafka, Flink, Kubernetes", "System design"],
        certs=["AWS Certified Solutions Architect – Associate"],
        summary="Backend engineer with 8+ years of experience building data-intensive systems.",
        date_style="en_long", headings="EN_B", job_style="emp_first", created_day=21),
    Candidate(
        file="property_unqualified_yang_yangben.docx", fmt="docx",
        role=PROPERTY, tier="unqualified", lang="zh", name="杨样本",
        phone="138-0000-0021", email="yangyangben@example.cn",
        info=[("性别", "女"), ("出生年月", "2003年9月")],
        objective="插画师 / 视觉设计",
        edu=[Edu((2022, 9), (2026, 6), "中国美术学院", "美术学", "本科（应届）", "bachelor")],
        jobs=[
            Job((2025, 7), (2025, 10), "示例文化创意工作室", "设计实习生",
                ["绘制品牌插画与海报", "参与文创产品包装设计"], intern=True),
        ],
        skills=["手绘插画", "Photoshop、Illustrator、Procreate"],
        certs=[],
        summary="2026届美术学应届毕业生，热爱绘画。",
        date_style="slash", headings="ZH_A", created_day=22),
    # ------------------------------------------------------------ client service: strong
    Candidate(
        file="service_strong_test_candidate_liu.docx", fmt="docx",
        role=SERVICE, tier="strong", lang="en", name="Test Candidate Liu",
        phone="139 0000 0022", email="liu.cs@example.com",
        info=[("Location", "Example City"), ("LinkedIn", "linkedin.example.com/in/liu")],
        objective="Client Service Manager",
        edu=[Edu((2008, 9), (2012, 6), "Zhejiang Gongshang University", "Marketing",
                 "Bachelor of Management", "bachelor")],
        jobs=[
            Job((2018, 3), None, "Example Telecom Services Co., Ltd.", "Customer Service Manager",
                ["Managed a 60-seat call center handling phone, e-mail and social media channels",
                 "Redesigned the complaint-handling process; CSAT rose from 82% to 93%",
                 "Rolled out a CRM (Salesforce Service Cloud) and built weekly service-data dashboards",
                 "Hired, trained and coached team leads; kept attrition below 15%"]),
            Job((2012, 7), (2018, 2), "Example E-commerce Co., Ltd.", "Customer Service Supervisor",
                ["Supervised 15 agents; handled escalated complaints", "Wrote the team's training material"]),
        ],
        skills=["Customer service process design", "Complaint handling", "Call center operations",
                "CRM (Salesforce, Zendesk)", "Team management and training", "Service data analysis (Excel, SQL)"],
        certs=["COPC Customer Experience Professional", "ITIL 4 Foundation"],
        summary="Customer service leader with 14 years of experience in call centers and multi-channel support, "
                "calm under pressure and focused on customer satisfaction.",
        date_style="en_long", headings="EN_A", job_style="emp_first", created_day=23),
    Candidate(
        file="service_strong_zhu_shili.pdf", fmt="pdf_lo", layout="table",
        role=SERVICE, tier="strong", lang="zh", name="朱示例",
        phone="138-0000-0023", email="zhushili@example.cn",
        info=[("性别", "女"), ("出生年月", "1990年1月"), ("现居地", "示例市")],
        objective="客户服务经理",
        edu=[Edu((2008, 9), (2012, 6), "四川大学", "市场营销", "本科", "bachelor")],
        jobs=[
            Job((2019, 4), None, "示例电子商务有限公司", "客户服务经理",
                ["负责公司在线客服、电话客服与社交媒体客服团队（45人）的管理",
                 "优化客户服务流程和投诉处理流程，客户满意度提升至95%",
                 "搭建CRM客户管理系统，定期进行客服数据分析并输出改进报告",
                 "组织新人培训与绩效考核，大促期间带领团队承受高强度工作压力"]),
            Job((2015, 8), (2019, 3), "示例通信呼叫中心", "客服主管",
                ["管理20人呼叫中心班组，负责电话、邮件渠道的服务质量", "处理升级投诉，编写话术和知识库"]),
            Job((2012, 7), (2015, 7), "示例通信呼叫中心", "客服代表",
                ["接听客户来电，受理咨询与投诉"]),
        ],
        skills=["客户服务流程管理", "投诉处理", "呼叫中心运营", "CRM系统", "团队管理与培训", "客服数据分析"],
        certs=["呼叫中心服务管理师（三级）", "人力资源管理师（三级）"],
        summary="14年客服行业经验，熟悉多渠道客户服务管理，抗压能力强，重视客户满意度。",
        date_style="cn", headings="ZH_B", job_style="stacked", created_day=24),
    # ------------------------------------------------------------ client service: borderline
    Candidate(
        file="service_borderline_qin_ceshi.txt", fmt="txt",
        role=SERVICE, tier="borderline", lang="bilingual", name="秦测试",
        phone="139 0000 0024", email="qin.ceshi@example.com",
        info=[("性别 Gender", "男"), ("出生年月 Born", "1999-03")],
        objective="客服主管 / Customer Service Supervisor",
        edu=[Edu((2017, 9), (2020, 6), "长沙民政职业技术学院", "电子商务 E-commerce", "大专 Associate", "associate")],
        jobs=[
            Job((2023, 9), None, "示例家电服务有限公司", "客服专员 Customer Service Representative",
                ["通过电话和在线渠道（Online Chat）受理客户咨询与投诉", "在CRM中记录工单并跟踪处理结果",
                 "每月整理投诉数据报表"]),
            Job((2020, 7), (2023, 8), "示例快递青禾网点", "快递员", ["负责片区快件派送与客户沟通"]),
        ],
        skills=["Complaint handling 投诉处理", "CRM工单系统", "Excel报表"],
        certs=["普通话二级乙等"],
        summary="近3年客服一线经验，服务意识强，但尚无团队管理经验。",
        date_style="dash", headings="BI", txt_heading="colon", created_day=25),
    Candidate(
        file="service_borderline_you_yangben.docx", fmt="docx", layout="table",
        role=SERVICE, tier="borderline", lang="zh", name="尤样本",
        phone="138-0000-0025", email="youyangben@example.cn",
        info=[("性别", "女"), ("出生年月", "1992.07"), ("现居地", "示例市")],
        objective="客户服务经理",
        edu=[Edu((2010, 9), (2014, 6), "湖南大学", "英语", "本科", "bachelor")],
        jobs=[
            Job((2018, 10), None, "示例教育科技有限公司", "电话销售组长",
                ["带领10人电话销售团队完成课程销售指标", "处理客户退费投诉，维护老客户关系",
                 "统计团队通话与成交数据"]),
            Job((2014, 7), (2018, 9), "示例教育科技有限公司", "电话销售顾问",
                ["电话邀约与课程咨询"]),
        ],
        skills=["电话沟通", "团队管理", "销售数据统计", "抗压能力强"],
        certs=["英语专业八级（TEM-8）"],
        summary="12年电话销售经验，其中7年担任组长；有一定投诉处理经验，但不是专职客户服务岗位。",
        date_style="dot", headings="ZH_C", job_style="inline", created_day=26),
    Candidate(
        file="service_borderline_xu_shili.pdf", fmt="pdf",
        role=SERVICE, tier="borderline", lang="zh", name="许示例",
        phone="139 0000 0026", email="xushili@example.com",
        info=[("性别", "男"), ("出生年月", "2000年11月")],
        objective="客户服务主管",
        edu=[Edu((2019, 9), (2023, 6), "江西财经大学", "工商管理", "本科", "bachelor")],
        jobs=[
            Job((2024, 12), None, "示例保险销售服务有限公司", "客服专员",
                ["负责电话回访与在线客服，受理客户投诉", "协助主管整理满意度调查数据"]),
            Job((2023, 7), (2024, 11), "示例物流有限公司", "客服专员",
                ["处理电话与邮件查询、异常件投诉"]),
            Job((2022, 7), (2022, 12), "示例银行青禾支行", "大堂经理助理（实习）",
                ["引导客户办理业务，解答客户咨询"], intern=True),
        ],
        skills=["客户沟通", "投诉处理", "Excel数据整理"],
        certs=["CET-6"],
        summary="毕业后从事客服工作近3年，有较好的服务意识，尚未担任管理岗位。",
        date_style="slash", headings="ZH_A", created_day=27),
    # ------------------------------------------------------------ client service: unqualified
    Candidate(
        file="service_unqualified_he_ceshi.txt", fmt="txt",
        role=SERVICE, tier="unqualified", lang="zh", name="何测试",
        phone="138-0000-0027", email="heceshi@example.cn",
        info=[("性别", "男"), ("出生年月", "1990年8月")],
        objective="西餐厨师 / 厨房主管",
        edu=[Edu((2008, 9), (2011, 6), "四川烹饪高等专科学校", "烹饪工艺与营养", "大专", "associate")],
        jobs=[
            Job((2018, 2), None, "示例西餐厅", "西餐厨房主管",
                ["负责西餐热厨出品与厨房卫生管理", "培训新入职厨师"]),
            Job((2011, 7), (2018, 1), "示例酒店", "西餐厨师", ["负责牛排、意面等出品"]),
        ],
        skills=["西餐烹饪", "厨房管理", "成本控制"],
        certs=["西式烹调师（中级）", "健康证"],
        summary="热爱烹饪，吃苦耐劳。",
        date_style="cn", headings="ZH_B", txt_heading="bracket", bullet="- ", created_day=28),
    Candidate(
        file="service_unqualified_test_candidate_xu.docx", fmt="docx",
        role=SERVICE, tier="unqualified", lang="en", name="Test Candidate Xu",
        phone="139 0000 0028", email="xu.civil@example.com",
        info=[("Location", "Example City")],
        objective="Site Engineer (civil / structural)",
        edu=[Edu((2011, 9), (2015, 6), "Southwest Jiaotong University", "Civil Engineering",
                 "Bachelor of Engineering", "bachelor")],
        jobs=[
            Job((2019, 3), None, "Example Construction Engineering Co., Ltd.", "Site Engineer",
                ["Supervised concrete works on a 30-storey residential project", "Checked drawings and quantities"]),
            Job((2015, 7), (2019, 2), "Example Bridge Engineering Co., Ltd.", "Assistant Engineer",
                ["Surveying and site inspections for highway bridges"]),
        ],
        skills=["AutoCAD, Revit", "Construction supervision", "Quantity surveying"],
        certs=["Second-class Constructor (Civil)"],
        summary="Civil engineer with 11 years of site experience.",
        date_style="en_short", headings="EN_B", created_day=28),
]

NOTES = {
    "loan_strong_zhang_ceshi.pdf": "本科金融学，近12年信用社/邮储信贷经验，覆盖小微贷款、贷前调查、贷后管理与清收，持银行从业资格证。",
    "loan_strong_li_shili.docx": "MBA plus ~16 years of bank retail/SME lending incl. mortgage loans, investigations and collections, banking certificate.",
    "loan_borderline_wang_yangben.txt": "大专市场营销、保险销售经验较长，但信贷员经验仅约1年，低于2年贷款经验要求。",
    "loan_borderline_test_candidate_chen.pdf": "Adjacent industry: 9 years of finance sales (insurance, securities) but no loan origination, investigation or collection experience.",
    "loan_borderline_zhao_yangli.docx": "在信用社工作6年多且参与贷后与清收，但学历为中专，低于专科要求，岗位是柜员非客户经理。",
    "loan_unqualified_sun_ceshi.pdf": "软件工程师，无金融或销售经验，与贷款客户经理无关。",
    "loan_unqualified_test_candidate_zhou.txt": "Fresh fine-arts graduate with only a gallery internship; no finance or sales experience.",
    "tobacco_strong_zhou_shili.docx": "本科市场营销，近13年烟草公司客户经理，零售户管理、市场调查、品牌培育、电子结算、专卖配合全覆盖。",
    "tobacco_strong_wu_ceshi.pdf": "硕士企业管理，13年烟草营销（客户经理→市场经理），需求预测、销售计划和品牌培育经验丰富。",
    "tobacco_borderline_zheng_yangben.txt": "快消品渠道销售近9年，零售终端管理经验可迁移，但无烟草行业经历（相邻行业）。",
    "tobacco_borderline_feng_shili.pdf": "有烟草公司营销部实习及门店卷烟柜台经验，但正式相关经验不足3年且非客户经理岗位。",
    "tobacco_borderline_test_candidate_lin.docx": "Adjacent industry: FMCG key account manager for retail outlets, no tobacco experience.",
    "tobacco_unqualified_chen_yangli.pdf": "厨师，职高学历，无营销或客户管理经验。",
    "tobacco_unqualified_chu_ceshi.txt": "前端开发工程师，无营销、零售客户管理经验（简历没有任何小节标题）。",
    "property_strong_wei_shili.txt": "物业管理专业本科，15年物业客服管理，投诉处理、物业费催缴、团队建设、突发事件处理齐全，持物业管理师证。",
    "property_strong_jiang_yangben.pdf": "17年物业行业客服管理（两段经历有重叠），客服中心管理、满意度、收费和应急处理经验丰富，持物业管理师证。",
    "property_borderline_shen_ceshi.docx": "相邻行业：酒店前厅投诉处理与团队管理经验，但无物业行业经验和物业证书。",
    "property_borderline_test_candidate_wang.docx": "Right industry and duties but only ~1.5 years of property-management experience at assistant level.",
    "property_borderline_han_shili.pdf": "物业一线管家经验12年，但学历仅高中且无管理岗位经历。",
    "property_unqualified_test_candidate_zhao.pdf": "Software engineer with an MS in CS; unrelated to property services.",
    "property_unqualified_yang_yangben.docx": "美术学应届毕业生，仅有设计实习，无物业或客服经验。",
    "service_strong_test_candidate_liu.docx": "14 years in customer service incl. 8 as call-center manager: complaint process, multi-channel, CRM, training, CSAT data.",
    "service_strong_zhu_shili.pdf": "本科，14年呼叫中心/电商客服，客服经理岗位，覆盖流程优化、投诉处理、CRM、数据分析与团队培训。",
    "service_borderline_qin_ceshi.txt": "大专，客服一线近3年且无团队管理经验（技能对口但经验不足）。",
    "service_borderline_you_yangben.docx": "相邻岗位：电话销售组长，有团队管理和投诉处理经验，但非专职客户服务。",
    "service_borderline_xu_shili.pdf": "客服专员经验不足3年（另有实习），无管理经验。",
    "service_unqualified_he_ceshi.txt": "西餐厨师，无客服管理经验。",
    "service_unqualified_test_candidate_xu.docx": "Civil site engineer; no customer service experience.",
}

# ---------------------------------------------------------------------------
# Neutral document model: sections of blocks
# ---------------------------------------------------------------------------
# block kinds: "kv" (label, value), "head" (entry heading line), "line", "bullet"


@dataclass
class Section:
    key: str
    heading: str
    blocks: list[tuple[str, str]]


def is_en(c: Candidate) -> bool:
    return c.lang == "en"


def contact_blocks(c: Candidate) -> list[tuple[str, str]]:
    if is_en(c):
        out = [("kv", f"Phone: {c.phone}"), ("kv", f"Email: {c.email}")]
        out += [("kv", f"{k}: {v}") for k, v in c.info]
        return out
    phone_label = "电话 Tel" if c.lang == "bilingual" else ("手机" if c.created_day % 2 else "联系电话")
    email_label = "邮箱 Email" if c.lang == "bilingual" else ("邮箱" if c.created_day % 3 else "E-mail")
    out = [("kv", f"姓名：{c.name}")] if c.layout not in ("noheadings",) else []
    out += [("kv", f"{k}：{v}") for k, v in c.info]
    out += [("kv", f"{phone_label}：{c.phone}"), ("kv", f"{email_label}：{c.email}")]
    return out


def edu_blocks(c: Candidate) -> list[tuple[str, str]]:
    out = []
    for e in c.edu:
        d = fmt_range(e.start, e.end, c.date_style)
        if is_en(c):
            out.append(("head", f"{e.degree_label} in {e.major}, {e.school}"))
            out.append(("line", d))
        else:
            out.append(("head", f"{d}    {e.school}    {e.major}    {e.degree_label}"))
    return out


def job_blocks(c: Candidate, jobs: list[Job]) -> list[tuple[str, str]]:
    out = []
    for j in jobs:
        d = fmt_range(j.start, j.end, c.date_style)
        if c.job_style == "stacked":
            out += [("head", d), ("head", j.employer), ("line", j.title)]
        elif c.job_style == "inline":
            out += [("head", f"{d}    {j.employer}    {j.title}")]
        else:  # emp_first
            if is_en(c):
                out += [("head", f"{j.title}, {j.employer}"), ("line", d)]
            else:
                out += [("head", f"{j.employer} | {j.title}"), ("line", d)]
        for i, duty in enumerate(j.duties, 1):
            out.append(("bullet", f"{i}. {duty}" if c.bullet == "num" else f"{c.bullet}{duty}"))
    return out


def build_sections(c: Candidate) -> list[Section]:
    H = HEADINGS[c.headings]
    work = [j for j in c.jobs if not j.intern]
    intern = [j for j in c.jobs if j.intern]
    secs: dict[str, Section] = {}
    secs["basic"] = Section("basic", H["basic"], contact_blocks(c))
    obj = f"Target role: {c.objective}" if is_en(c) else f"期望职位：{c.objective}"
    secs["objective"] = Section("objective", H["objective"], [("line", obj)])
    secs["summary"] = Section("summary", H["summary"], [("line", c.summary)])
    secs["education"] = Section("education", H["education"], edu_blocks(c))
    if work:
        secs["work"] = Section("work", H["work"], job_blocks(c, work))
    if intern:
        secs["intern"] = Section("intern", H["intern"], job_blocks(c, intern))
    if c.projects:
        blocks = []
        for head, lines in c.projects:
            blocks.append(("head", head))
            blocks += [("bullet", f"{c.bullet if c.bullet != 'num' else ''}{x}") for x in lines]
        secs["projects"] = Section("projects", H["projects"], blocks)
    secs["skills"] = Section("skills", H["skills"],
                             [("bullet", f"{c.bullet if c.bullet != 'num' else ''}{s}") for s in c.skills])
    if c.certs:
        secs["certs"] = Section("certs", H["certs"], [("line", s) for s in c.certs])
    if is_en(c):
        # EN_A résumés put Experience before Education (common in English CVs), EN_B the reverse.
        order = ["basic", "summary", "objective", "work", "intern", "education", "projects", "skills", "certs"]
        if c.headings == "EN_B":
            order = ["basic", "summary", "objective", "education", "work", "intern", "projects", "skills", "certs"]
    else:
        order = ["basic", "objective", "education", "work", "intern", "projects", "skills", "certs", "summary"]
        if c.edu_after_work:
            order = ["basic", "objective", "work", "intern", "projects", "education", "skills", "certs", "summary"]
    return [secs[k] for k in order if k in secs]


# ---------------------------------------------------------------------------
# TXT
# ---------------------------------------------------------------------------

CN_NUM = "一二三四五六七八九十"


def txt_heading(style: str, text: str, idx: int) -> list[str]:
    if style == "bracket":
        return [f"【{text}】"]
    if style == "equals":
        return [f"========== {text} =========="]
    if style == "colon":
        return [f"{text}："]
    if style == "numbered":
        return [f"{CN_NUM[idx]}、{text}"]
    if style == "underline":
        return [text.upper(), "-" * max(len(text), 10)]
    raise ValueError(style)


def render_txt(c: Candidate, path: Path) -> None:
    lines: list[str] = []
    if c.doc_title:
        lines.append(c.doc_title)
    lines.append(c.name)
    if c.layout == "noheadings":
        # No section headings at all: just the content, separated by blank lines.
        secs = build_sections(c)
        for s in secs:
            for kind, text in s.blocks:
                if s.key == "objective":
                    text = text.replace("期望职位：", "求职方向 ")
                lines.append(text.replace("：", " ") if kind == "kv" else text)
            lines.append("")
    else:
        for i, s in enumerate(build_sections(c)):
            lines.append("")
            lines += txt_heading(c.txt_heading, s.heading, i)
            prev = None
            for kind, text in s.blocks:
                if kind == "head" and prev == "bullet":
                    lines.append("")
                lines.append(("    " + text) if kind == "bullet" and c.txt_heading == "equals" else text)
                prev = kind
    data = (c.newline.join(lines).rstrip() + c.newline)
    path.write_bytes(data.encode(c.encoding))


# ---------------------------------------------------------------------------
# DOCX
# ---------------------------------------------------------------------------

FIXED_ZIP_DATE = (2026, 6, 1, 9, 0, 0)


def created_dt(c: Candidate) -> dt.datetime:
    return dt.datetime(2026, 6, c.created_day, 9, 30, 0)


def normalise_zip(path: Path) -> None:
    """Rewrite a zip (docx) with fixed entry timestamps so the file is byte-stable."""
    with zipfile.ZipFile(path) as zin:
        items = [(i.filename, zin.read(i.filename)) for i in zin.infolist()]
    tmp = path.with_suffix(path.suffix + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in items:
            zi = zipfile.ZipInfo(name, date_time=FIXED_ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, data)
    tmp.replace(path)


def _set_cjk_font(run, name: str = "Microsoft YaHei") -> None:
    from docx.oxml.ns import qn

    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), name)


def build_docx(c: Candidate, path: Path, for_pdf: bool = False) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    font = "WenQuanYi Micro Hei" if for_pdf else ("Microsoft YaHei" if not is_en(c) else "Calibri")
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = font
    st.font.size = Pt(10.5)
    st.element.rPr.rFonts.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", font)

    def para(text: str, bold: bool = False, size: float | None = None, align=None, color=None, style=None):
        p = doc.add_paragraph(style=style)
        r = p.add_run(text)
        r.bold = bold
        if size:
            r.font.size = Pt(size)
        if color:
            r.font.color.rgb = RGBColor(*color)
        _set_cjk_font(r, font)
        if align is not None:
            p.alignment = align
        p.paragraph_format.space_after = Pt(2)
        return p

    if c.layout == "headerfooter":
        sec = doc.sections[0]
        hp = sec.header.paragraphs[0]
        hp.text = f"个人简历 · {c.name} · 应聘：{c.objective}"
        hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        fp = sec.footer.paragraphs[0]
        fp.text = "感谢您抽出时间阅读我的简历 —— 联系方式见正文"
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER

    if c.doc_title:
        para(c.doc_title, bold=True, size=18, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(c.name, bold=True, size=16 if c.doc_title else 20,
         align=WD_ALIGN_PARAGRAPH.CENTER if not is_en(c) else None)

    sections = build_sections(c)
    use_heading_style = c.created_day % 2 == 0  # half use Word's Heading 2, half bold paragraphs
    for s in sections:
        if use_heading_style:
            h = doc.add_heading(s.heading, level=2)
            for r in h.runs:
                _set_cjk_font(r, font)
        else:
            para(s.heading, bold=True, size=13, color=(0x1F, 0x4E, 0x79))
        if s.key == "basic" and c.layout == "table":
            kvs = [t.split("：", 1) if "：" in t else t.split(": ", 1) for _, t in s.blocks]
            rows = (len(kvs) + 1) // 2
            table = doc.add_table(rows=rows, cols=4)
            table.style = "Table Grid"
            table.autofit = False
            from docx.shared import Cm
            for i, (k, v) in enumerate(kvs):
                row, col = divmod(i, 2)
                table.cell(row, col * 2).text = k
                table.cell(row, col * 2 + 1).text = v
                for cc in (table.cell(row, col * 2), table.cell(row, col * 2 + 1)):
                    for r in cc.paragraphs[0].runs:
                        _set_cjk_font(r, font)
                table.cell(row, col * 2).paragraphs[0].runs[0].bold = True
            widths = [Cm(2.8), Cm(5.4), Cm(2.8), Cm(5.4)]
            for ci, col in enumerate(table.columns):
                col.width = widths[ci]
            for row in table.rows:
                for ci, cell in enumerate(row.cells):
                    cell.width = widths[ci]
            continue
        for kind, text in s.blocks:
            if kind == "head":
                para(text, bold=True)
            elif kind == "bullet" and c.bullet == "" and not use_heading_style:
                para(text, style="List Bullet")
            else:
                para(text)
    cp = doc.core_properties
    cp.author = c.name
    cp.title = f"{c.name} - 简历" if not is_en(c) else f"{c.name} - Resume"
    cp.last_modified_by = c.name
    cp.created = created_dt(c)
    cp.modified = created_dt(c)
    cp.revision = 1
    doc.save(str(path))
    normalise_zip(path)


def render_docx(c: Candidate, path: Path) -> None:
    build_docx(c, path)


# ---------------------------------------------------------------------------
# PDF via reportlab
# ---------------------------------------------------------------------------

_FONT_READY = False


def ensure_font() -> None:
    global _FONT_READY
    if _FONT_READY:
        return
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if not Path(FONT_PATH).exists():
        sys.exit(f"CJK font missing: {FONT_PATH} (apt-get install fonts-wqy-microhei)")
    pdfmetrics.registerFont(TTFont(FONT_NAME, FONT_PATH, subfontIndex=0))
    _FONT_READY = True


def pdf_styles():
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("base", fontName=FONT_NAME, fontSize=9.5, leading=14, wordWrap="CJK")
    return {
        "name": ParagraphStyle("name", parent=base, fontSize=20, leading=26, spaceAfter=4),
        "title": ParagraphStyle("title", parent=base, fontSize=14, leading=18, alignment=1),
        "h": ParagraphStyle("h", parent=base, fontSize=12, leading=16, spaceBefore=8, spaceAfter=2,
                            textColor=HexColor("#1F4E79")),
        "head": ParagraphStyle("head", parent=base, fontSize=10, leading=14, spaceBefore=3),
        "line": base,
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=8),
        "side": ParagraphStyle("side", parent=base, fontSize=9, leading=13, textColor=HexColor("#FFFFFF")),
        "side_v": ParagraphStyle("side_v", parent=base, fontSize=9, leading=13, spaceAfter=3,
                                 textColor=HexColor("#DDE7F0")),
        "side_h": ParagraphStyle("side_h", parent=base, fontSize=11, leading=15, spaceBefore=8,
                                 spaceAfter=2, textColor=HexColor("#FFFFFF")),
        "side_name": ParagraphStyle("side_name", parent=base, fontSize=18, leading=24,
                                    textColor=HexColor("#FFFFFF"), spaceAfter=6),
    }


def _esc(t: str) -> str:
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def section_flowables(s: Section, st, side: bool = False) -> list:
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Paragraph
    from reportlab.platypus.flowables import HRFlowable

    out = [Paragraph(_esc(s.heading), st["side_h" if side else "h"])]
    if not side:
        out.append(HRFlowable(width="100%", thickness=0.6, color=HexColor("#1F4E79"), spaceAfter=3))
    for kind, text in s.blocks:
        if side and kind == "kv":
            # Narrow sidebar: label on one line, value (phone, e-mail, ...) on the next.
            label, sep, value = text.partition("：") if "：" in text else text.partition(": ")
            out.append(Paragraph(_esc(label + sep.strip()), st["side"]))
            out.append(Paragraph(_esc(value), st["side_v"]))
        elif side:
            out.append(Paragraph(_esc(text), st["side"]))
        elif kind == "head":
            out.append(Paragraph(f"<b>{_esc(text)}</b>", st["head"]))
        else:
            out.append(Paragraph(_esc(text), st["bullet" if kind == "bullet" else "line"]))
    return out


def render_pdf_rl(c: Candidate, path: Path) -> None:
    ensure_font()
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, NextPageTemplate, PageTemplate, Paragraph, Spacer

    st = pdf_styles()
    W, H = A4
    epoch = int(created_dt(c).replace(tzinfo=dt.UTC).timestamp())
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        doc = BaseDocTemplate(str(path), pagesize=A4, title=f"{c.name} 简历" if not is_en(c) else f"{c.name} Resume",
                              author=c.name, creator="make_samples.py (synthetic)", subject="Synthetic résumé",
                              invariant=1, leftMargin=18 * mm, rightMargin=18 * mm,
                              topMargin=16 * mm, bottomMargin=16 * mm)
        sections = build_sections(c)
        if c.layout in ("sidebar_left", "sidebar_right"):
            sw, gap, m = 62 * mm, 8 * mm, 12 * mm
            if c.layout == "sidebar_left":
                side_x, main_x = 0, sw + gap
            else:
                side_x, main_x = W - sw, m
            main_w = W - sw - gap - m
            side = Frame(side_x + 6 * mm, m, sw - 12 * mm, H - 2 * m, id="side")
            main = Frame(main_x, m, main_w, H - 2 * m, id="main")
            later = Frame(main_x, m, main_w, H - 2 * m, id="later")

            def bg(canvas, _doc):
                canvas.saveState()
                canvas.setFillColor(HexColor("#2E4A62"))
                canvas.rect(side_x, 0, sw, H, stroke=0, fill=1)
                canvas.restoreState()

            doc.addPageTemplates([PageTemplate("first", [side, main], onPage=bg),
                                  PageTemplate("later", [later], onPage=bg)])
            side_keys = {"basic", "skills", "certs"}
            story: list = [NextPageTemplate("later"), Paragraph(_esc(c.name), st["side_name"])]
            for s in sections:
                if s.key in side_keys:
                    story += section_flowables(s, st, side=True)
            story.append(FrameBreak())
            for s in sections:
                if s.key not in side_keys:
                    story += section_flowables(s, st)
        else:
            frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
            doc.addPageTemplates([PageTemplate("plain", [frame])])
            story = []
            if c.doc_title:
                story.append(Paragraph(_esc(c.doc_title), st["title"]))
            story.append(Paragraph(_esc(c.name), st["name"]))
            for s in sections:
                story += section_flowables(s, st)
                story.append(Spacer(1, 2))
        doc.build(story)
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


# ---------------------------------------------------------------------------
# PDF via LibreOffice
# ---------------------------------------------------------------------------


def find_soffice() -> str | None:
    for name in ("libreoffice", "soffice"):
        p = shutil.which(name)
        if p:
            return p
    for p in ("/usr/bin/libreoffice", "/usr/bin/soffice"):
        if Path(p).exists():
            return p
    return None


def patch_pdf_dates(path: Path, when: dt.datetime) -> None:
    """Overwrite the 14-digit timestamps of /CreationDate and /ModDate in place (same length)."""
    data = path.read_bytes()
    stamp = when.strftime("%Y%m%d%H%M%S").encode()
    data = re.sub(rb"(/(?:CreationDate|ModDate)\s*\(D:)\d{14}", lambda m: m.group(1) + stamp, data)
    data = re.sub(rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d",
                  lambda m: m.group(1) + when.strftime("%Y-%m-%dT%H:%M:%S").encode(), data)
    path.write_bytes(data)


def render_pdf_lo(c: Candidate, path: Path) -> None:
    soffice = find_soffice()
    if not soffice:
        print(f"WARNING: libreoffice not found; rendering {path.name} with reportlab instead", file=sys.stderr)
        render_pdf_rl(c, path)
        return
    with tempfile.TemporaryDirectory(prefix="make_samples_") as tmp:
        tmpd = Path(tmp)
        src = tmpd / (path.stem + ".docx")
        build_docx(c, src, for_pdf=True)
        profile = tmpd / "lo_profile"
        cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(tmpd), str(src)]
        try:
            subprocess.run(cmd, check=True, capture_output=True, timeout=180)
        except (subprocess.SubprocessError, OSError) as exc:
            print(f"WARNING: libreoffice conversion failed for {path.name} ({exc}); using reportlab",
                  file=sys.stderr)
            render_pdf_rl(c, path)
            return
        out = tmpd / (path.stem + ".pdf")
        if not out.exists():
            print(f"WARNING: libreoffice produced no PDF for {path.name}; using reportlab", file=sys.stderr)
            render_pdf_rl(c, path)
            return
        shutil.copyfile(out, path)
    patch_pdf_dates(path, created_dt(c))


# ---------------------------------------------------------------------------
# Corrupt file, expected.json, README
# ---------------------------------------------------------------------------


def write_corrupt_pdf(path: Path) -> None:
    """A PDF header followed by a truncated object and deterministic garbage: no xref, no %%EOF."""
    head = (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            b"2 0 obj\n<< /Type /Pages /Count 1 /Kids [3 0 R] >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R "
            b"/MediaBox [0 0 595 842] /Contents 4 0 R >>\nendobj\n4 0 obj\n<< /Length 5000 /Filter /FlateDecode >>\n"
            b"stream\n")
    garbage = b"".join(hashlib.sha256(f"corrupt-{i}".encode()).digest() for i in range(48))
    path.write_bytes(head + garbage)  # truncated mid-stream


def expected_entry(c: Candidate) -> dict:
    from_degree = ["below_secondary", "secondary", "associate", "bachelor", "master", "doctorate"]
    highest = max((e.degree for e in c.edu), key=from_degree.index) if c.edu else "below_secondary"
    return {
        "file": c.file,
        "format": "pdf" if c.fmt.startswith("pdf") else c.fmt,
        "role": c.role,
        "tier": c.tier,
        "language": c.lang,
        "name": c.name,
        "phones": [phone_digits(c.phone)],
        "emails": [c.email],
        "highest_degree": highest,
        "employers": [j.employer for j in c.jobs],  # most recent first, internships included
        # Internships are not work experience to a recruiter: listed, flagged, not counted.
        "total_experience_months": merged_months([j for j in c.jobs if not j.intern]),
        "internship_months": merged_months([j for j in c.jobs if j.intern]),
        "notes": NOTES[c.file],
    }


FORMAT_LABEL = {
    "txt": "TXT", "docx": "DOCX", "pdf": "PDF (reportlab)", "pdf_lo": "PDF (DOCX→LibreOffice)",
}


def format_label(c: Candidate) -> str:
    label = FORMAT_LABEL[c.fmt]
    extras = []
    if c.layout in ("sidebar_left", "sidebar_right"):
        extras.append(c.layout.replace("_", " "))
    if c.layout == "table":
        extras.append("基本信息 table")
    if c.layout == "headerfooter":
        extras.append("header/footer")
    if c.layout == "noheadings":
        extras.append("no headings")
    if c.fmt == "txt":
        extras.append(c.encoding.upper() + (", CRLF" if c.newline == "\r\n" else ""))
    if c.edu_after_work:
        extras.append("education after work")
    if any(j.intern for j in c.jobs):
        extras.append("internship")
    if merged_months(c.jobs) < sum(month_index(j.end or REFERENCE) - month_index(j.start) + 1 for j in c.jobs):
        extras.append("overlapping jobs")
    return label + (f" — {', '.join(extras)}" if extras else "")


README_HEAD = """# Sample résumés (synthetic)

All résumés in `resumes/` are **synthetic**. Every name (张测试, 李示例, "Test Candidate Chen", …),
employer, phone number (`138-0000-00NN` / `139 0000 00NN`) and e-mail address (`@example.com`,
`@example.cn`) is invented; none belongs to a real person and no ID numbers appear. School names are
partly real universities (some from `data/lexicons/universities_cn.txt`) and partly
invented (e.g. 青禾职业技术学院, 示例市财贸中等专业学校).

They exercise the pipeline against four job profiles: `loan_account_manager` (贷款客户经理),
`tobacco_account_manager` (烟草客户经理), `property_service_manager` (物业客户服务经理) and
`client_service_manager` (客户服务经理), with strong, borderline and unqualified candidates for each.

## Regenerate

```bash
python scripts/make_samples.py          # rewrites everything in data/samples/
```

Requires `reportlab`, `python-docx`, the CJK font `/usr/share/fonts/truetype/wqy/wqy-microhei.ttc`
(`apt-get install fonts-wqy-microhei`) and, for the two DOCX→PDF files, `libreoffice` (without it
those two are rendered with reportlab and a warning is printed). Output is deterministic; only the two
LibreOffice PDFs differ between runs (LibreOffice embeds a random document /ID), their text does not.

## `expected.json`

One object per résumé in `resumes/` (not `corrupt_resume.pdf`), generated from the same structured data as the files:
`file`, `format`, `role`, `tier`, `language` (zh/en/bilingual), `name`, `phones` (11 digits, `+86`
stripped), `emails`, `highest_degree` (doctorate/master/bachelor/associate/secondary/below_secondary;
MBA counts as master, 中专/职高/高中 as secondary), `employers` (most recent first, as written,
internships included), `total_experience_months` (dated work entries except internships, overlaps
merged, both the start and the end month counted — 2018.07–2018.12 is 6 months — 至今/Present counted
through 2026-06), `internship_months` (internships, counted the same way, not in the total) and `notes`.

`corrupt_resume.pdf` starts with `%PDF-` but is truncated garbage (no xref, no `%%EOF`); the pipeline
must report it in its errors, not crash or skip it silently.

## Files

| file | format | language | role | tier | why |
|---|---|---|---|---|---|
"""


def write_readme(out: Path, cands: list[Candidate]) -> None:
    rows = [f"| `{c.file}` | {format_label(c)} | {c.lang} | {c.role} | {c.tier} | {NOTES[c.file]} |"
            for c in cands]
    rows.append("| `corrupt_resume.pdf` | corrupt PDF | – | – | – | Truncated garbage after a `%PDF-` header; "
                "must be reported as an error. |")
    (out / "README.md").write_text(README_HEAD + "\n".join(rows) + "\n", encoding="utf-8")


RENDERERS = {"txt": render_txt, "docx": render_docx, "pdf": render_pdf_rl, "pdf_lo": render_pdf_lo}


def check_coverage(cands: list[Candidate]) -> None:
    """Fail loudly if an edit breaks the coverage the sample set promises (see README)."""
    from collections import Counter

    assert len(cands) >= 26
    fmts = Counter("pdf" if c.fmt.startswith("pdf") else c.fmt for c in cands)
    assert fmts["pdf"] >= 9 and fmts["docx"] >= 9 and fmts["txt"] >= 6, fmts
    langs = Counter(c.lang for c in cands)
    assert langs["en"] >= 5 and langs["bilingual"] >= 3, langs
    for role in (LOAN, TOBACCO, PROPERTY, SERVICE):
        tiers = Counter(c.tier for c in cands if c.role == role)
        assert all(tiers[t] >= 2 for t in ("strong", "borderline", "unqualified")), (role, tiers)
    assert sum(c.fmt == "pdf_lo" for c in cands) >= 2
    assert sum(c.layout.startswith("sidebar") for c in cands) >= 3
    assert sum(c.layout == "table" and c.fmt == "docx" for c in cands) >= 2
    names = [c.file for c in cands]
    assert len(names) == len(set(names)), "duplicate file names"
    assert set(NOTES) == set(names), "NOTES must cover every candidate"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    out: Path = args.out
    # The résumés get a folder of their own, so that screening it sees nothing but résumés.
    resumes = out / "resumes"
    resumes.mkdir(parents=True, exist_ok=True)
    check_coverage(CANDIDATES)
    for c in CANDIDATES:
        path = resumes / c.file
        RENDERERS[c.fmt](c, path)
        print(f"wrote {path}")
    write_corrupt_pdf(resumes / "corrupt_resume.pdf")
    expected = [expected_entry(c) for c in CANDIDATES]
    (out / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    write_readme(out, CANDIDATES)
    print(f"{len(CANDIDATES)} résumés + corrupt_resume.pdf, expected.json, README.md in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
