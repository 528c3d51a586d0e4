"""Synthetic job-site layouts of work history (invented people and companies), as bytes or text.

Each function writes one layout the real exports use, so the tests pin how the readers and the
work-history rules handle it without any real résumé in the repository.
"""

from dataclasses import dataclass
from email.message import EmailMessage


@dataclass(frozen=True)
class Job:
    start: str  # as the site prints it: "2016 /3", "2016年3月"
    end: str
    employer: str
    department: str
    title: str
    duty: str


JOBS = [
    Job("2016 /3", "至今", "示例科技有限公司", "研发部", "软件工程师", "负责后台服务的开发与维护"),
    Job("2013 /7", "2016 /2", "样本网络技术有限公司", "技术部", "测试工程师", "负责产品的功能测试"),
]


def _mht(html: str) -> bytes:
    msg = EmailMessage()
    msg["Subject"] = "Resume"
    msg["MIME-Version"] = "1.0"
    msg.set_content(html, subtype="html", charset="utf-8")
    return msg.as_bytes()


def nested_table_page(jobs: list[Job] = JOBS) -> str:
    """51job's page: a layout table per section, each section's entries in a table nested in its cell."""
    rows = "".join(
        f'<tr><td colspan="2">{j.start}--{j.end}：{j.employer}(50-150人) <span><b> [ 3 年]</b></span></td></tr>'
        f"<tr><td>所属行业：</td><td>计算机软件</td></tr>"
        f"<tr><td><b>{j.department}</b></td><td><b>{j.title}</b></td></tr>"
        f'<tr><td colspan="2">{j.duty}</td></tr>'
        for j in jobs
    )
    return (
        "<html><body><table><tr><td>"
        '<table><tr><td class="cvtitle">个人信息</td></tr><tr><td>'
        "<table><tr><td>姓名：</td><td>张测试</td></tr><tr><td>电话：</td><td>138-0000-0000</td></tr></table>"
        "</td></tr></table>"
        '<table><tr><td class="cvtitle">工作经验</td></tr><tr><td>'
        f"<table>{rows}</table>"
        '</td></tr><tr><td class="cvtitle">教育经历</td></tr><tr><td>'
        "<table><tr><td>2009 /9--2013 /7</td><td>示例大学</td><td>计算机科学与技术</td><td>本科</td></tr></table>"
        "</td></tr></table>"
        "</td></tr></table></body></html>"
    )


def nested_table_mht(jobs: list[Job] = JOBS) -> bytes:
    """The 51job page saved as a single-file web page (.mht)."""
    return _mht(nested_table_page(jobs))


def slash_range_rows(jobs: list[Job] = JOBS) -> str:
    """xmrc's work rows: "2016-03/2019-06 | 公司(部门) | 职位", the two dates a slash apart."""
    def ym(written: str) -> str:
        if written == "至今":
            return written
        year, month = written.split("/")
        return f"{year.strip()}-{int(month):02d}"

    rows = "".join(
        f"<tr><td>{ym(j.start)}/{ym(j.end)}</td><td>{j.employer}({j.department})</td><td>{j.title}</td></tr>"
        f"<tr><td>所属行业：</td><td>计算机软件</td><td>企业性质</td><td>民营/私营公司</td></tr>"
        f"<tr><td>工作描述：</td><td>{j.duty}</td></tr>"
        for j in jobs
    )
    return (
        "<html><body><table><tr><td>姓名：张测试</td><td>手机号码：138-0000-0000</td></tr></table>"
        "<p>工作经历</p>"
        f"<table>{rows}</table>"
        "<p>教育经历</p><table><tr><td>2009-09/2013-07</td><td>示例大学</td><td>本科</td></tr></table>"
        "</body></html>"
    )


def facts_row_mht() -> bytes:
    """51job's Word-export MHT: "dates | employer (tenure)", then the employer's facts unlabelled
    ("industry|size|type"), then "department | title"; an employer without 公司 in its name."""
    rows = (
        "<tr><td>2017/6-至今</td><td>示例信息科技 (2年 )</td></tr>"
        "<tr><td>互联网/电子商务|少于50人|民营公司</td></tr>"
        "<tr><td>技术部</td><td>音响师</td></tr>"
        "<tr><td>工作描述：</td><td>负责演出音响的安装与调试。</td></tr>"
        "<tr><td>2014/4-2017/5</td><td>样本文化传播有限公司 (3年 1个月 )</td></tr>"
        "<tr><td>计算机软件|500-1000人|上市公司</td></tr>"
        "<tr><td>工程部</td><td>工程部主管</td></tr>"
        "<tr><td>工作描述：</td><td>负责场所的水电工程。</td></tr>"
    )
    return _mht(f"<html><body><p>张测试 138-0000-0000</p><p>工作经验</p><table>{rows}</table></body></html>")


def title_dates_employer_page() -> str:
    """中华英才's page: each job as title / dates / "employer company-type" / facts / duties, a
    "工作业绩：" label inside a job, a numbered duty naming years, and the current job by its start alone."""
    def job(title: str, dates: str, employer: str, duties: list[str]) -> str:
        return "".join(
            f"<div>{line}</div>"
            for line in [title, dates, employer, "所属行业：互联网/电子商务", "月薪：4000到6000", *duties]
        )

    return (
        "<html><body><div>张测试</div><div>手机：138-0000-0000</div><h3>工作经历</h3>"
        + job("出纳员", "2016.08", "示例集团 民企/私企", ["1、负责日常收支的管理和核对。"])
        + job("商务拓展总监", "2015.10 - 2016.07", "示例旅行社有限责任公司 上市公司",
              ["工作内容：", "1、建立销售渠道。", "工作业绩：", "与多家渠道建立了合作关系。"])
        + job("品牌经理", "2013.08 - 2015.09", "样本广告 民企/私企",
              ["1、品牌白皮书。", "4、2014-2015年产品手册规划方案"])
        + "<h3>教育经历</h3><div>示例大学</div><div>2009.09 - 2013.07</div><div>本科 市场营销</div>"
        "</body></html>"
    )


def company_then_position_page() -> str:
    """猎聘's page: a last-login date and no update date; each job as the company's row ("dates |
    company"), its facts, then the position's row ("title | dates") and its labelled facts."""
    def job(dates: str, company: str, title: str) -> str:
        return (
            f"<tr><td>{dates}</td><td>{company}</td></tr>"
            "<tr><td>公司性质： 民营 | 公司规模： 100-499人 | 公司行业： 计算机软件</td></tr>"
            f"<tr><td>{title}</td><td>{dates.replace('-', ' - ')}</td></tr>"
            "<tr><td>所在地区：宁波 | 所在部门：研发部 | 汇报对象：经理</td></tr>"
            "<tr><td>下属人数： 0 | 薪酬情况： 保密</td></tr>"
            "<tr><td>工作职责：</td><td>1、负责产品数据分析。</td></tr>"
        )

    return (
        "<html><body><table><tr><td>简历编号：</td><td>10000001</td><td>最新登录：</td><td>2016-04-22</td></tr></table>"
        "<p>工作经历</p><table>"
        + job("2015/03-至今", "示例电子股份有限公司", "证券事务助理")
        + job("2013/07-2015/02", "样本软件有限公司", "数据规划专家")
        + "</table></body></html>"
    )


def cells_and_glued_titles() -> str:
    """Two more ways the title is written: in the cell after the employer's (past a department's),
    in words no title list knows; and glued before the employer's name (大街: "出纳示例…公司（…行业）--- 7个月")."""
    return (
        "<html><body><p>工作经历</p><table>"
        "<tr><td>2017-03/至今</td><td>示例康复服务中心</td><td>康教部</td><td>品牌运营</td></tr>"
        "<tr><td>2015-10 至 2017-02</td><td>出纳示例永升物业管理有限公司（物业管理行业）--- 1年5个月 现金收付等</td></tr>"
        "</table></body></html>"
    )


def aligned_label_form(jobs: list[Job] = JOBS) -> str:
    """51job/智联 text exports: one block per job, each field a label spaced out to align (full-width
    spaces) and its value after a tab: "时　　间⇥2016年3月到至今", "公　　司⇥示例科技有限公司"."""
    def written(date: str) -> str:
        if date == "至今":
            return date
        year, month = date.split("/")
        return f"{year.strip()}年{int(month)}月"

    blocks = [
        f"时　　间\t{written(j.start)}到{written(j.end)}\n公　　司\t{j.employer}\n职　　位\t{j.title}\n工作描述\t{j.duty}"
        for j in jobs
    ]
    return "姓名\t张测试\n手机\t138-0000-0000\n\n工作经历\n" + "\n\n".join(blocks) + "\n\n教育经历\n2009年9月到2013年7月\t示例大学\t本科\n"


def form_rows_page() -> str:
    """A regional site's (qzrc) form: "所在单位 | 【name】 | 职位名称 | title", then "单位行业 | … | 时间 |
    dates", under a compound heading "工作/实践经验"."""
    def job(employer: str, title: str, dates: str) -> str:
        return (
            f"<tr><td>所在单位</td><td>【{employer}】</td><td>职位名称</td><td>{title}</td></tr>"
            f"<tr><td>单位行业</td><td>房地产开发/建筑与工程</td><td>时间</td><td>{dates}</td></tr>"
            "<tr><td>工作内容 工作业绩</td><td>负责工程预算编制与审核。</td></tr>"
        )

    return (
        "<html><body><table><tr><td>姓名</td><td>张测试</td></tr></table>"
        "<p>教育经历</p><table><tr><td>学历：专业类别</td><td>毕业时间：学制</td><td>学校</td></tr>"
        "<tr><td>本科</td><td>建筑类</td><td>2011-07</td><td>4年</td><td>示例大学</td></tr></table>"
        "<p>工作/实践经验</p><table>"
        + job("示例消防工程有限公司", "安装预算员", "2011/7/1 至 2013/4/30")
        + job("样本房地产开发有限公司", "安装造价工程师", "2013/5/1 至 2018/5/1")
        + "</table></body></html>"
    )


def aligned_label_table(jobs: list[Job] = JOBS) -> str:
    """The same aligned labels in table cells, label cell then value cell (51job's Word export)."""
    rows = "".join(
        f"<tr><td>公　　司</td><td>{j.employer}</td></tr><tr><td>职　　位</td><td>{j.title}</td></tr>"
        f"<tr><td>时　　间</td><td>{j.start.replace(' /', '年')}月 到 {j.end.replace(' /', '年') + ('月' if '/' in j.end else '')}</td></tr>"
        f"<tr><td>工作描述</td><td>{j.duty}</td></tr>"
        for j in jobs
    )
    return f"<html><body><p>张测试</p><p>工作经历</p><table>{rows}</table></body></html>"
