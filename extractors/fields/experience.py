"""Work entries: employer, title, dates and months, most recent first.

``entry_blocks → header lines → employer and title``: an entry starts at each line carrying a date
range in the experience (or internship) section. Its header is the dated line plus the short lines
around it that are not duties: résumés put "公司 | 职位" above the dates as often as below them.
"""

import re
from dataclasses import replace
from itertools import takewhile

from extractors.fields.bilingual import without_translations
from extractors.fields.education import degree_of, find_school
from extractors.fields.form_fields import is_cell_label
from extractors.fields.prose import joined_on
from extractors.text.dates import DateRange, Month, find_date_ranges
from screener.models import TextLine, WorkEntry
from screener.months import counted_span, merged_months

EXPERIENCE_SECTIONS = {"experience", "internships", "part_time"}

_ORG_ZH = (
    r"(?:[\u4e00-\u9fa5A-Za-z0-9·&]|[（(][\u4e00-\u9fa5A-Za-z]{1,10}[)）]){2,40}"
    r"(?:有限责任公司|股份有限公司|有限公司|公司|集团|银行|支行|分行|营业部|信用社|联社|合作社|农商行|信合|"
    r"中心|局|厂|店|酒店|餐厅|饭庄|酒楼|餐馆|商行|超市|商场|营业厅|网点|医院|卫生院|卫生所|门诊部|诊所|药房|学校|幼儿园|事务所|研究院|研究所|委员会|"
    r"服务站|工作室|小贷|担保|物业)"
    r"(?:[（(][\u4e00-\u9fa5]{1,10}[)）])?"
    r"(?:[\u4e00-\u9fa5]{0,8}?(?:支行|分行|支公司|分公司|营业部|分理处|网点|信用社|分社|项目部|服务中心))?"
)
_EN_WORD = r"(?:[A-Z(&][\w&'.()\-]*|of|and|the|de|&)"
_ORG_EN = (
    rf"(?:{_EN_WORD}\s+)+"
    r"(?:Bank|Co\.?,?\s*Ltd\.?|Co\.|Ltd\.?|Inc\.?|LLC|Company|Corporation|Corp\.?|Group|Credit Union|Cooperative|"
    r"Center|Centre|Services|Management|Hotel|Limited|Agency|Gallery|Studio|Restaurant|Store|Firm|Bureau|Office)"
    r"(?:,?\s+(?:[A-Z][\w\-]*\s+)*?(?:Branch|Sub-branch|Office))?(?![\w])"  # "Example Bank, Qinghe Branch"
)
# Working for oneself names no organisation but is the job's "employer": 个体经营, 自由职业, 自主创业.
_SELF_EMPLOYED = r"个体(?:工商户|经营|户)|自由职业者?|自主创业|self-employed|freelance"
_ORG = re.compile(f"{_ORG_ZH}|{_SELF_EMPLOYED}|{_ORG_EN}")
_TITLE = re.compile(
    r"[\u4e00-\u9fa5A-Za-z]{0,10}?"
    r"(?:客户经理|经理|主管|专员|助理|总监|主任|代表|顾问|行长|组长|信贷员|柜员|会计|出纳|文员|销售员|营业员|业务员|"
    r"客服|管家|工程师|设计师|厨师长|厨师|教师|老师|实习生|职员|店长|领班|店主|老板|合伙人|创始人|负责人|代理人|经纪人|士兵|战士|督导|分析师|秘书|司机|保安|导购|前台接待|前台|接待|收银|保洁|"
    r"(?:理财|规划|会计|培训|评估|审计|咨询)师|(?:科|处|部|站|所|班|队|网点|董事)长|员)(?:[（(][^)）]{1,10}[)）]|\s?[A-Z]{2,4}\b)?"  # "客户主管SAE": the title's English initials
    r"|(?:(?:Senior|Junior|Assistant|Deputy|Chief|Head|Lead)\s+)?(?:[A-Z][A-Za-z\-]*\s+){0,3}"
    r"(?:Manager|Officer|Specialist|Assistant|Director|Supervisor|Representative|Engineer|Clerk|Intern|Teller|"
    r"Analyst|Consultant|Executive|Coordinator|Agent|Lead|Accountant|Cashier|Chef|Teacher|Designer|Developer|Owner|Founder)\b"
)
_LABELLED = re.compile(
    r"(?P<label>公司名称|工作单位|单位名称|所在单位|就职公司|公司|单位|employer|company|职位名称|担任职位|职位|岗位|职务|title|position|role)"
    r"\s*[：:]\s*(?P<value>[^|｜\t]+?)(?=\s{2,}|[|｜\t]|$)",
    re.I,
)
_EMPLOYER_LABELS = {"公司名称", "工作单位", "单位名称", "所在单位", "就职公司", "公司", "单位", "employer", "company"}
INTERNSHIP = re.compile(r"实习|\bintern(?:ship)?s?\b", re.I)  # not "International"
PART_TIME_JOB = re.compile(r"兼职|part[- ]time", re.I)
# "客户经理（兼职内勤）": a second role held alongside the job, not a part-time job.
_CONCURRENT_ROLE = re.compile(r"[（(]兼(?!职[)）])职?[^（）()]+[)）]")
_DUTY_START = re.compile(
    r"^(?:[•·●◆▪\-*]|\d{1,2}[、.．)]|[（(]\d{1,2}[)）]|负责|工作内容|主要职责|职责|业绩|(?:工作)?描述|内容\s*[：:]|duties|responsib)",
    re.I,
)
# Job-site exports (51job, 智联, BOSS, 猎聘) put the employer's facts under the header: "所属行业：银行",
# "企业性质：民营 | 规模：500-999人". They name neither employer nor title, and do not end the header.
_EMPLOYER_FACT = re.compile(
    r"(?P<label>所属行业|单位行业|行业类别|行业|企业性质|公司性质|单位性质|公司规模|企业规模|规模|人数|汇报对象|下属人数|离职原因|所在部门|部门|"
    r"工作地点|所在地区|公司行业|公司描述|薪酬情况|薪资情况|薪资|月薪|年薪|薪酬|industry|company size)\s*[：:]\s*(?:[|｜]\s*)?(?P<value>[^|｜\t]*?)\s*(?=[|｜\t]|$)",
    re.I,
)
# "工作时间：2019年7月-至今": the label of the dates, nothing of the job.
_DATE_LABEL = re.compile(r"(?:工作|起止|在职|任职|服务)?(?:时间|日期|期间)\s*[：:]|\b(?:dates?|period)\s*[：:]", re.I)
_SENTENCE = re.compile(r"[，。；;！!]|[a-z]{3,}\s+[a-z]{3,}\s+[a-z]{3,}\s+[a-z]{3,}")
MAX_HEADER_CHARS = 90


def _segments(text: str) -> list[str]:
    # Also split "客服专员 Customer Service Representative": a Chinese and an English name side by side.
    parts = re.split(
        r"\s{2,}|\t|[|｜]|\s[-—–/]\s|，|,\s(?!Ltd|Inc|LLC|Limited|(?:[A-Z][\w\-]*\s+)+(?:Branch|Sub-branch)\b)"
        r"|(?<=[\u4e00-\u9fff）])\s+(?=[A-Za-z])", text
    )
    return [_trim(p) for p in parts if _trim(p)]


# Prose résumés: "就职于示例银行", "在示例农商银行从事信贷工作，任客户经理": the verb is not the name.
_PROSE_LEAD = re.compile(
    r"^(?:起|开始)?(?:先后|曾经?|现)?(?:就职于|任职于|供职于|服务于|工作于|受聘于|入职于?|加入|进入|调入|调至|调到|来到|到(?=[\u4e00-\u9fa5]{4})|就职|于|在(?!线)|担任|出任|任(?=[\u4e00-\u9fa5]{2}))"
)


def _trim(text: str) -> str:
    text = _PROSE_LEAD.sub("", text.strip(" ：:-—–,，")).strip(" ：:-—–,，。；;")
    text = re.sub(r"(?<=[\u4e00-\u9fa5]{2})(?:至今|到现在|至现在)$", "", text)  # "担任客户经理至今"
    # Keep a closing bracket that closes something inside: 示例市烟草专卖局（公司）.
    if text.endswith(("）", ")")) and not re.search(r"[（(][^（()）]*[)）]$", text):
        text = text[:-1].strip()
    return text.lstrip("(（").strip()


def looks_like_organisation(name: str | None) -> bool:
    """True when the name carries an organisation word (公司, 银行, 信用社, Bank, Co., Ltd. ...)."""
    return bool(name and _ORG.search(name))


_YEAR_WRITTEN = re.compile(r"(?<!\d)(?:19|20)\d\d\s*[年./\-]|[〇零○一二三四五六七八九]{4}\s*年")


# "连续三年被评为优秀客户经理": an award that names a title, not the job's title.
_AWARD = re.compile(r"评为|评选为|荣获|获评|获得|授予|称号")


def _is_title(segment: str) -> bool:
    """A title, or titles held in turn ("收银员、营业员")."""
    if _AWARD.search(segment):
        return False
    parts = re.split("[、／/]", segment)
    return bool(_TITLE.fullmatch(segment)) or (len(parts) > 1 and all(_TITLE.fullmatch(p.strip()) for p in parts))


def _cjk_words(segment: str) -> list[str]:
    """The segment itself, then its parts between single spaces in Chinese text, last first."""
    parts = re.split(r"(?<=[\u4e00-\u9fff）)])\s(?=[\u4e00-\u9fff])", segment)
    return [segment, *reversed(parts)] if len(parts) > 1 else [segment]


# What a job site prints beside the employer: its size "（1000-5000人）" and the time there "[ 4年1个月]".
# A tenure: "4年1个月", "7 years 11 months", "8 mos" (LinkedIn prints one beside each position's dates).
_TENURE = r"(?:\d+\s*年(?:\s*\d+\s*个?月)?|\d+\s*个?月|\d+\s*(?:years?|yrs?)(?:\s+\d+\s*(?:months?|mos?))?|\d+\s*(?:months?|mos?))"
_SITE_NOTE = re.compile(
    rf"[（(\[【]\s*(?:\d+\s*[-~至]\s*\d+\s*人|\d+\s*人以[上下]|少于\s*\d+\s*人|{_TENURE}|[^（()）]{{1,12}}行业)\s*[)）\]】]"
    rf"|-{{2,}}\s*{_TENURE}",  # "（物业管理行业）", "--- 7个月" (大街)
    re.I
)
# A line holding only a tenure: under a company's name, the time there over all its positions (LinkedIn).
_TENURE_LINE = re.compile(rf"{_TENURE}", re.I)


# What kind of company it is, printed unlabelled: 51job's "计算机软件|500-1000人|上市公司", 中华英才's
# "示例集团 民企/私企". A category, never the employer's name.
_COMPANY_TYPE = (
    r"(?:上市公司|民营公司|民营企业|民营|民企|私营企业|私营|私企|国有企业|国企|央企|外商独资|中外合资|合资企业|合资|外资企业|外资|外企|"
    r"事业单位|政府机关|国家机关|股份制企业|非营利机构|社会团体)(?:[（(][^)）]{1,12}[)）])?"
)
_COMPANY_SIZE = r"(?:少于\s*\d+\s*人|\d+\s*[-~至到]\s*\d+\s*人|\d+\s*人以[上下])"
_FACT_CELL = re.compile(rf"{_COMPANY_TYPE}(?:\s*/\s*{_COMPANY_TYPE})*|{_COMPANY_SIZE}")
_TYPE_AFTER_NAME = re.compile(rf"(?<=\S)\s+{_COMPANY_TYPE}(?:\s*/\s*{_COMPANY_TYPE})*\s*$")


def _without_employer_facts(line: str) -> str:
    line = _SITE_NOTE.sub(" ", _EMPLOYER_FACT.sub("", line)).strip(" |｜\t")
    cells = [cell.strip() for cell in re.split(r"[|｜]", line)]
    if any(_FACT_CELL.fullmatch(cell) for cell in cells):
        # "互联网/电子商务|少于50人|民营公司": the employer's facts, cell by cell (industry, size, type).
        cells = [cell for cell in cells if not _FACT_CELL.fullmatch(cell)]
        if len(cells) <= 1 and not any(_ORG.search(cell) or _TITLE.search(cell) for cell in cells):
            return ""
        line = " | ".join(cells)
    return _TYPE_AFTER_NAME.sub("", line)


def _is_header_line(line: str) -> bool:
    """Short, not a duty bullet, not a sentence: where employers and titles are written."""
    return len(line) <= MAX_HEADER_CHARS and not _DUTY_START.match(line) and not _SENTENCE.search(line)


def _org_end_before_title(seg: str, m: re.Match[str]) -> int:
    """Where the organisation found at `m` ends: earlier than the longest match when that leaves a
    title glued after it ("服装店店主" is 服装店 + 店主, not 服装店店 + 主)."""
    rest = seg[m.end():].strip()
    if not rest or len(rest) > 4 or _is_title(rest):  # only a word's tail can have been taken from a title
        return m.end()
    for end in range(m.end() - 1, m.start() + 2, -1):
        if _ORG.fullmatch(seg, m.start(), end) and _is_title(seg[end:].strip()):
            return end
    return m.end()


_EN_AS_TITLE = re.compile(
    r"\bas\s+(?:an?\s+|the\s+)?([A-Za-z][A-Za-z\-]*(?:\s+[A-Za-z][A-Za-z\-]*){0,3}?)"
    r"(?=\s+(?:in|at|and|since|from|until|for|with|of)\b|\s*[,.;]|$)"
)


# Job sites' "部门 | 职位" row under the employer (51job: "技术部 | 音响师"): the cell after a department is
# the title, whatever words it uses.
_DEPARTMENT_THEN_TITLE = re.compile(
    r"(?P<dept>[\u4e00-\u9fa5A-Za-z0-9&（）()]{1,16}?(?:部|科|处|室|组|课|办公室|department|dept\.?))\s*[|｜]\s*(?P<title>[^|｜]{2,30})",
    re.I,
)


_DEPARTMENT = re.compile(r"[\u4e00-\u9fa5A-Za-z]{1,10}(?:部|科|处|室|组|课|办公室)")
_PLACE_NAME = re.compile(r"[\u4e00-\u9fa5]{2,6}[市省区县]|[\u4e00-\u9fa5]{2,4}[-—][\u4e00-\u9fa5]{2,4}")


def _title_glued_before(name: str) -> str | None:
    """"出纳示例物业管理有限公司": a title written right before the employer's name (大街), when what
    follows it is a whole organisation's name of its own (not "教师进修学校")."""
    for k in range(2, min(5, len(name) - 7)):
        if _is_title(name[:k]) and _ORG.fullmatch(name[k:]):
            return name[:k]
    return None


def _is_title_cell(cell: str) -> bool:
    """A cell that can be a title of any words: short, no digits or sentence, not a place, company or fact."""
    return (
        2 <= len(cell) <= 20 and not re.search(r"\d", cell) and not _SENTENCE.search(cell) and not _ORG.search(cell)
        and not _FACT_CELL.fullmatch(cell) and not _PLACE_NAME.fullmatch(cell) and not _DATE_LABEL.search(cell)
    )


def _is_title_in_place(cell: str) -> bool:
    """A title cell that is one name: not a department, a label, or words apart ("中国 浙江 杭州")."""
    return (
        _is_title_cell(cell) and not _DEPARTMENT.fullmatch(cell) and not re.search(r"[：:]|[\u4e00-\u9fff]\s+[\u4e00-\u9fff]", cell)
        and not is_cell_label(cell)
    )


def employer_and_title(header: list[str]) -> tuple[str | None, str | None]:
    """Find the employer and the job title among the header lines of an entry."""
    employer = title = cell_after = None
    for line in header:
        for m in _LABELLED.finditer(line):
            value = m.group("value").strip().strip("【】[] ")  # "所在单位：【示例公司】"
            if m.group("label").lower() in _EMPLOYER_LABELS:
                employer = employer or value
            else:
                title = title or value
        if title is None and (dept := _DEPARTMENT_THEN_TITLE.fullmatch(line.strip())) and not _ORG.fullmatch(dept.group("dept")):
            if not _SENTENCE.search(dept.group("title")):
                title = _trim(dept.group("title"))
                continue
        segments = _segments(_LABELLED.sub("  ", line))
        for i, seg in enumerate(segments):
            if employer is None and (org := _ORG.search(seg)):
                end = _org_end_before_title(seg, org)
                employer = _trim(seg[org.start():end])
                if title is None and (glued := _title_glued_before(employer)):
                    title, employer = glued, employer[len(glued):]
                # "示例银行客户经理": the title glued after the employer.
                rest = _PROSE_LEAD.sub("", seg[end:].strip())  # "…有限公司担任信贷主管"
                if title is None and rest:
                    title = next((part for part in _cjk_words(rest) if _is_title(part)), None)
                if not rest and re.search(r"[|｜\t]", line):
                    # The next cell, past a department's ("示例服务中心 | 康教部 | 康复治疗师").
                    cell_after = next((c for c in segments[i + 1:i + 3] if not _DEPARTMENT.fullmatch(c)), None)
            elif title is None and seg != employer:
                # "个人金融部 个人客户经理": a tab or wide gap collapsed to one space, department before title.
                title = next((part for part in _cjk_words(seg) if _is_title(part)), None)
    if title is None and cell_after is not None and _is_title_cell(cell_after):
        # "2018-07/2020-03 | 示例科技有限公司(内销部) | 品牌运营": a form's cell after the employer's is the
        # title, in whatever words the job has.
        title = cell_after
    if title is None and employer is not None:
        # A sentence: "… joined Example Bank in August 2014 as a teller".
        title = next((found.group(1) for line in header if (found := _EN_AS_TITLE.search(line))), None)
    if employer is None:
        # No organisation word: the first short segment that is not the title is the employer,
        # as in "Curatorial Intern, Example Art Gallery" or a line of its own under the dates.
        for line in header:
            for seg in _segments(_LABELLED.sub("  ", line)):
                if title and seg.endswith(" " + title):  # "顺丰速运 快递员": a brand name, then the title
                    seg = seg[: -len(title)].strip()
                if seg != title and not _is_title(seg) and 2 <= len(seg) <= 30 and not re.search(r"\d{4}", seg):
                    return seg, title
    return employer, title


class EntryBlock:
    """The lines of one dated entry, split into header (who and what) and body (duties)."""

    def __init__(
        self, dates: DateRange, dated_line: str, section: str, before: list[str], bare: bool = False, opens_group: bool = False,
        joined: bool = False,
    ) -> None:
        self.dates = dates
        self.bare = bare  # the dated line holds nothing but the dates (and a 时间： label)
        self.dated_line = dated_line
        self.section = section
        self.before = before  # header lines written above the dates
        self.after: list[str] = []
        self.opens_group = opens_group  # a company's name and tenure above it: the positions below are there too
        self.joined = joined  # dated by the month it began alone (_start_alone): it runs until the next job
        self.title_then_employer = False  # LinkedIn: the title's line, then the employer's, above the dates

    @property
    def below(self) -> list[str]:
        # A line with a year of its own is another entry whose dates were not read, not this one's
        # employer or title (its "实习生" must not make this job an internship).
        lines = [rest for line in self.after[:6] if (rest := _without_employer_facts(line))]
        under = list(takewhile(lambda line: _is_header_line(line) and not _YEAR_WRITTEN.search(line), lines[:2]))
        if not self.before:
            return under
        # Employer above the dates, title under them ("示例银行青禾分行 / 2019年7月 - 至今 / 零售业务部 / 个贷客户经理").
        if employer_and_title(self.before)[1] is None and under and _TITLE.search(under[0]) and not _ORG.search(under[0]):
            return under[:1]
        # Title above the dates, employer under them (中华英才: "商务拓展总监 / 2015.10 - 2016.07 / 示例旅行社有限公司").
        if self.bare and under and not any(_ORG.search(line) for line in self.before):
            # A name without 公司 in it is known by the company type printed beside it ("样本广告 民企/私企").
            typed = any(raw.startswith(under[0]) and _TYPE_AFTER_NAME.search(raw) for raw in self.after[:2])
            if _ORG.search(under[0]) or (typed and employer_and_title(self.before)[1]):
                return under[:1]
        return []

    @property
    def stated_industry(self) -> str | None:
        """The industry a job site printed for the employer ("所属行业：金融/投资/证券"), as written."""
        for line in [self.dated_line, *self.after[:4]]:
            for m in _EMPLOYER_FACT.finditer(line):
                if m.group("label").lower() in {"所属行业", "单位行业", "行业类别", "行业", "industry"} and m.group("value"):
                    return m.group("value")
        return None

    @property
    def header(self) -> list[str]:
        """The header lines with the dates taken out, for finding employer and title."""
        dated = _DATE_LABEL.sub("  ", self.dated_line.replace(self.dates.text, "  "))
        dated = re.sub(r"[（(\[【]\s*[)）\]】]", "  ", dated)  # "Front Desk Supervisor (Jul 2018 – Aug 2021)"
        return [*(_without_employer_facts(line) for line in self.before), _without_employer_facts(dated), *self.below]

    def title_in_place(self, employer: str) -> str | None:
        """The title where a job site puts it, in whatever words the job has (麻醉医生, 嵌入式软件开发),
        once the employer is known: the rest of the dated line when the employer's line is above
        ("示例医院 / 麻醉医生 2017-09 -至今"), or after the employer and its department on the dated line,
        or the first cell of the line under it ("2015.06 - 至今 示例科技有限公司 / 嵌入式软件开发 | 6001-8000元/月")."""
        dated = self.header[len(self.before)]
        if employer not in dated:
            cells = _segments(dated)
            return cells[0] if len(cells) == 1 and not self.below and _is_title_in_place(cells[0]) else None
        rest = [w for c in _segments(dated.replace(employer, "  ")) for w in re.split(r"\s+", c) if w]
        if len(rest) == 2 and _DEPARTMENT.fullmatch(rest[0]):  # "示例医院 呼吸科 助理护士"
            return rest[1] if _is_title_in_place(rest[1]) else None
        under = next((kept for line in self.after[:1] if (kept := _without_employer_facts(line))), None)
        if rest or under is None or not _is_header_line(under) or _YEAR_WRITTEN.search(under) or _LABELLED.search(under):
            return None
        cell = _segments(under)[0]
        return cell if _is_title_in_place(cell) else None

    @property
    def evidence(self) -> str:
        """The header as written, dates included: what HR sees as the source of this entry."""
        return " ".join([*self.before, self.dated_line, *self.below]).strip()


def entry_blocks(lines: list[TextLine]) -> list[EntryBlock]:
    """One block for every dated line in the experience sections (all lines when there is none)."""
    section = [line for line in lines if line.section in EXPERIENCE_SECTIONS]
    if not section:
        section = [line for line in lines if line.section not in {"education", "projects", "training"}]
    blocks: list[EntryBlock] = []
    loose: list[str] = []  # lines since the last dated line, not yet claimed
    titles_above = False  # the first entry wrote its title on a line of its own above its dates
    pending_label = ""  # "担任职位：" whose value is the next line
    for line in section:
        ranges = find_date_ranges(line.text)
        if pending_label and not ranges:
            line = line.model_copy(update={"text": f"{pending_label}：{line.text}"})
        pending_label = ""
        if ranges and blocks and (label := _dates_under_label(line.text, ranges[0], blocks[-1])):
            # 聚贤: "担任职位：2012.04-2013.02" / "运维工程师": the entry's dates again after the title's
            # label, its value on the next line. No new entry.
            pending_label = label
            continue
        lone = not ranges and (ranges := _lone_start(line)) != []
        started = None if ranges else _start_alone(line, blocks)
        if started is not None:  # "于2014年8月进入示例银行工作", "2019年3月 示例小贷公司 信贷主管"
            blocks.append(EntryBlock(started, line.text, line.section, [], joined=True))
            continue
        if not ranges or (ranges[0].year_only and _DUTY_START.match(line.text) and blocks):
            # "4、2015-2016年产品手册规划方案": a numbered duty of the job above that names its years.
            (blocks[-1].after if blocks else loose).append(line.text)
            continue
        rest = _SITE_NOTE.sub("", _DATE_LABEL.sub("", line.text.replace(ranges[0].text, ""))).strip(" |｜:：-—–")
        bare = not re.search(r"[\u4e00-\u9fa5A-Za-z]{2}", _LABELLED.sub("", rest))
        before: list[str] = []
        previous = blocks[-1].after if blocks else loose
        # When the entry above wrote its employer and title under its bare dates, so does this one:
        # the lines above are the entry above's.
        if blocks and blocks[-1].bare and not blocks[-1].before:
            previous = []
        labelled_above = bool(previous and _LABELLED.search(previous[-1]))
        # "示例酒店 2018.09-2021.03 / 职位：领班 / 示例物业 2021.04-至今": the entry above wrote its
        # labelled fields under its dates, so the label just above this dated line is that entry's.
        if labelled_above and not bare and blocks and not blocks[-1].before and not blocks[-1].bare:
            labelled_above = False
        # A bare date line: the employer/title line just above it belongs to this entry.
        opens_group = False
        linkedin = _TENURE_THEN_PLACE.match(line.text[ranges[0].span[1]:]) is not None and len(previous) >= 2
        if linkedin and all(
            _is_header_line(text) and not _DUTY_START.match(text) and not _TENURE_LINE.fullmatch(text.strip()) for text in previous[-2:]
        ):  # a company's tenure line above its positions is the group layout, read below
            # LinkedIn: "Principal Scientist" / "ABB" / "2011 年 6 月 – 目前(8 年 5 月)Beijing": title and employer
            # on the two lines above the dates, in whatever words, the place after the time there.
            before = [previous.pop(-2), previous.pop()]
            blocks.append(EntryBlock(ranges[0], line.text, line.section, before, True))
            blocks[-1].title_then_employer = True
            continue
        if bare or labelled_above:
            while previous and len(before) < 2:
                if _TENURE_LINE.fullmatch(previous[-1].strip()):
                    # "Example Bank / 8 years 3 months / Senior Relationship Manager / dates": the
                    # company's name and its time over the positions listed under it.
                    previous.pop()
                    opens_group = True
                    continue
                if not (_is_header_line(previous[-1]) and (
                    _ORG.search(previous[-1]) or _LABELLED.search(previous[-1]) or _TITLE.search(previous[-1])
                )):
                    break
                before.insert(0, previous.pop())
        elif _employer_line_above(rest, previous, blocks):
            before.append(previous.pop())
        elif _title_line_above(rest, previous, blocks, titles_above):
            # "客户经理 / 示例银行青禾支行 | 2019.03-至今": the title on a line of its own above.
            before.append(previous.pop())
            titles_above = True
        blocks.append(EntryBlock(ranges[0], line.text, line.section, before, bare, opens_group, joined=lone))
    return _until_next_job(blocks)


_TITLE_LABEL_ONLY = re.compile(r"\s*(职位名称|担任职位|职位|岗位|职务)\s*[：:]?\s*")


def _dates_under_label(text: str, dates: DateRange, above: EntryBlock) -> str | None:
    """The title's label, when `text` is that label and the dates of the entry above repeated."""
    if (dates.start, dates.end) != (above.dates.start, above.dates.end):
        return None
    m = _TITLE_LABEL_ONLY.fullmatch(text.replace(dates.text, ""))
    return m.group(1) if m else None


# What LinkedIn's older export prints right after a position's dates: the time there, then the place
# on the same line (the newer one puts the place on a line of its own).
_TENURE_THEN_PLACE = re.compile(rf"\s*[（(]\s*{_TENURE}\s*[)）]\s*\S", re.I)


_LONE_MONTH = re.compile(r"(?P<y>(?:19|20)\d\d)\s*(?:年\s*(?P<m>1[0-2]|0?[1-9])\s*月|[./\-]\s*(?P<m2>1[0-2]|0?[1-9]))\s*(?:起|至今|-|—|~)?")


def _lone_start(line: TextLine) -> list[DateRange]:
    """中华英才 prints a current job's start alone on its line ("2014.08"): in an experience section, a
    job that runs until the next one begins (or is current); as a range of one date for entry_blocks."""
    if line.section not in EXPERIENCE_SECTIONS or not (m := _LONE_MONTH.fullmatch(line.text.strip())):
        return []
    start = Month(int(m.group("y")), int(m.group("m") or m.group("m2")))
    return [DateRange(start, None, line.text.strip(), (0, len(line.text.strip())))]


def _title_line_above(rest: str, previous: list[str], blocks: list[EntryBlock], titles_above: bool) -> bool:
    """The line above is a title alone and the dated line names the employer without one. The
    first entry settles whose title such a line is: a title above the first entry's dates (before
    any entry) means each title is written above its entry; else a title line is the one above's."""
    if not previous or not _is_title(previous[-1].strip()) or not _ORG.search(rest) or employer_and_title([rest])[1]:
        return False
    return titles_above or not blocks


# "2019年3月 示例小额贷款有限公司 信贷主管": a list of jobs by the month each began.
_STARTED_HEADER = re.compile(
    r"^(?P<date>(?P<y>(?:19|20)\d\d)\s*(?:年\s*(?P<m>1[0-2]|0?[1-9])\s*月|[./\-]\s*(?P<m2>1[0-2]|0?[1-9])(?![\d./\-])))"
    r"\s*(?:起|入职)?\s+(?=\S)"
)


def _start_alone(line: TextLine, blocks: list[EntryBlock]) -> DateRange | None:
    """The start of a job dated by the month it began and nothing else, or None.

    In an experience section, a header line that begins with the month and then the organisation;
    anywhere, a sentence of prose that joins an organisation on a date (``joined_on``).
    """
    text = line.text
    if line.section in EXPERIENCE_SECTIONS and (m := _STARTED_HEADER.match(text)) and _is_header_line(text):
        first = _segments(text[m.end():])
        org = _ORG.match(first[0]) if first else None
        # The organisation and at most its title: "2018.06 参加示例银行组织的培训" is an event.
        if org and (not (rest := first[0][org.end():].strip()) or _is_title(rest)) and not _AWARD.search(text):
            return DateRange(Month(int(m.group("y")), int(m.group("m") or m.group("m2"))), None, m.group("date"), m.span("date"))
    joined = joined_on(text)
    if joined is None:
        return None
    # Under a job's header line, "2018年加入示例支行营销团队" is one of its duties, not a new job.
    if blocks and not blocks[-1].joined and _is_header_line(blocks[-1].dated_line):
        return None
    # Joined a place that is no organisation ("2018年加入中国共产党"): no job, and no end for the one before.
    # Chinese names the place after the date, English anywhere ("joined Example Bank in August 2014").
    english = re.search("[A-Za-z]", joined.text) is not None
    return joined if _ORG.search(text, 0 if english else joined.span[1]) else None


def _until_next_job(blocks: list[EntryBlock]) -> list[EntryBlock]:
    """A job dated by its start alone ends the month before the next job begins; the last one is current."""
    for block in blocks:
        if block.joined and block.dates.end is None:
            later = [b.dates.start.index for b in blocks if b.dates.start.index > block.dates.start.index]
            if later:
                end = min(later) - 1
                block.dates = replace(block.dates, end=Month(end // 12, end % 12 + 1))
    return blocks


def _employer_line_above(rest: str, previous: list[str], blocks: list[EntryBlock]) -> bool:
    """"Example Bank Limited — Hong Kong" above "Relationship Manager   Mar 2019 – Present": the dated
    line names no organisation and the line above is one. Only when the entry above has its own
    employer (or there is none): else that line is the entry above's, written under its dates."""
    if not previous or _ORG.search(rest) or not _is_header_line(previous[-1]):
        return False
    # The line is an organisation's name (and its place), not a duty that mentions one.
    if not any(_ORG.fullmatch(seg) or _organisation_then_place(seg) for seg in _segments(previous[-1])):
        return False
    above = blocks[-1] if blocks else None
    return above is None or bool(above.before) or bool(_ORG.search(above.dated_line))


# A place after an organisation's name: "Hong Kong", "New York", "北京", "深圳市".
_PLACE = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}(?: SAR)?|[\u4e00-\u9fa5]{2,3}(?:市|省|区|县)?")


def _organisation_then_place(segment: str) -> bool:
    """"Example Bank (Hong Kong) Limited Hong Kong", "示例农村商业银行 北京": the name and its place, the
    tab between them read as one space (as the DOCX reader and PDF text give it)."""
    found = _ORG.match(segment)
    if not found or not segment[found.end() : found.end() + 1].isspace():  # a space, not a glued word
        return False
    place = segment[found.end() :].strip()
    return bool(_PLACE.fullmatch(place)) and not _is_title(place)


# Time between jobs that a résumé writes down as an entry of its own.
_TIME_OFF = re.compile(
    r"待业|失业|求职中|备考|考研|考公|全职(?:妈妈|太太|主妇|爸爸)|家庭主妇|照顾家庭|照顾(?:孩子|老人|家人)|育儿(?!嫂|师|顾问)|休养|养病|"
    r"脱产(?:学习|备考|进修)|游学|间隔年|\b(?:gap year|career break|unemployed|job seeking|parental leave|full-time (?:mother|parent))\b",
    re.I,
)


def _is_time_off(header: list[str]) -> bool:
    """A gap entry: it says the time off, and names no organisation (a 考研 tutor at a school works)."""
    text = " ".join(header)
    return _TIME_OFF.search(text) is not None and _ORG.search(text) is None


def _is_education(header: list[str]) -> bool:
    text = " ".join(header)
    return find_school(text) is not None and degree_of(text) is not None and _ORG.search(text) is None


def extract_experience(lines: list[TextLine], reference: Month) -> list[WorkEntry]:
    lines = english_date_lines(lines)
    english = english_headers(lines)  # empty for a Chinese résumé
    has_section = any(line.section in EXPERIENCE_SECTIONS for line in lines)
    entries: list[WorkEntry] = []
    group_employer: str | None = None  # a company listing several positions under its name
    for block in entry_blocks(lines):
        header = block.header
        if _is_education(header):
            continue  # a school line outside the education section
        if _is_time_off(header):
            continue  # "2020.01-2021.02 待业（备考公务员）": a gap the résumé owns up to, not a job
        employer, title = employer_and_title(header)
        if block.title_then_employer:
            title, employer = (_trim(text) for text in block.before)
        if title is None and employer is not None:
            title = block.title_in_place(employer)
        if en := english.get(block.dated_line):
            en_employer, en_title = en.pop(0)
            # A redacted employer marks the site's layout, which the English rules read whole;
            # else they fill in what the rules above left out.
            if en_employer and _EN_PLACEHOLDER_ORG.fullmatch(en_employer):
                employer, title = en_employer, en_title
            else:
                employer, title = employer or en_employer, title or en_title
            header = [*header, title or ""]  # a title above the dates ("… Intern") says what the job is
        if block.opens_group:
            group_employer = employer
        elif employer is None and title is not None:
            employer = group_employer
        else:
            group_employer = None
        if (block.joined or not has_section) and (employer is None or _ORG.search(employer) is None):
            continue  # no experience heading, or a sentence of prose: only an organisation makes a job
        dates = block.dates
        above = entries[-1] if entries else None
        if (
            above is not None and above.title is None and looks_like_organisation(above.employer)
            and (above.start, above.end) == (str(dates.start), str(dates.end) if dates.end else None)
            and not looks_like_organisation(employer)
        ):
            # 猎聘: "2015/03-至今 | 示例公司" then "数据规划专家 | 2015/03 - 至今": the position's row of the
            # company's job, whose one cell besides the dates is the title, whatever its words.
            employer, title = above.employer, title or employer
            entries.pop()
        entries.append(
            WorkEntry(
                employer=employer,
                title=title,
                start=str(dates.start),
                end=str(dates.end) if dates.end else None,
                is_current=dates.end is None,
                is_internship=block.section == "internships" or bool(INTERNSHIP.search(" ".join(header))),
                is_part_time=block.section == "part_time" or bool(PART_TIME_JOB.search(_CONCURRENT_ROLE.sub("", " ".join(header)))),
                months=dates.months(reference),
                stated_industry=block.stated_industry,
                evidence=block.evidence,
            )
        )
    entries = without_translations(_positions_inherit_employer(entries, reference))
    # A company's line and a position under it with the same dates: the position (it has the title) first.
    entries.sort(key=lambda e: (e.end or "9999-99", e.start or "", e.title is not None), reverse=True)
    return entries


def _positions_inherit_employer(entries: list[WorkEntry], reference: Month) -> list[WorkEntry]:
    """"2015.07-至今 示例银行青禾分行" then "2019.01-至今 个贷客户经理", "2015.07-2018.12 综合柜员":
    positions held in turn at one employer, written under it, take its name (in document order)."""
    out: list[WorkEntry] = []
    parent: WorkEntry | None = None
    for e in entries:
        if e.employer and not e.title:
            parent = e
        elif parent is not None and e.employer is None and e.title and e.start and parent.start:
            inside = e.start >= parent.start and Month.parse(e.end or str(reference)).index <= Month.parse(parent.end or str(reference)).index
            if inside:
                e = e.model_copy(update={"employer": parent.employer})
                if (e.start, e.end) == (parent.start, parent.end) and parent in out:
                    out.remove(parent)  # 猎聘: the company's line and its one position, the same job twice
            else:
                parent = None
        elif e.employer:
            parent = None
        out.append(e)
    return out


def total_months(entries: list[WorkEntry], reference: Month) -> int:
    """Months of work with overlapping entries merged; internships and part-time jobs do not count."""
    # Months after the reference date are not experience yet: a template's or a stale page's dates run past it.
    spans = [(start, end if end.index <= reference.index else reference) for e in entries if (s := counted_span(e, reference))
             for start, end in [s] if start.index <= reference.index]
    return merged_months(spans)


# --- English résumés (LiveCareer and the like) -------------------------------------------------
# An English job header spreads over the dated line and the line under or above it, in any order of
# title, employer, place and dates: "09/2009 to Current" / "Accountant Company Name ， City , State",
# "Company Name City , State Sales Associate 01/2005 to 01/2012", "Title" / "May 2014 to Current
# Company Name - City , State". The place ends or follows the employer; what is left is the title.

_HAS_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# "Company Name": how résumé sites print an employer they have redacted (or a template's placeholder).
_EN_PLACEHOLDER_ORG = re.compile(r"\bCompany Name\b")
# A place: the redacted "City , State (, Country)", "Chicago, IL", or "City" alone after a dash.
_EN_PLACE = re.compile(
    r"\bCity\s*,\s*State\b(?:\s*,\s*(?:United States|USA|US|[A-Z][a-z]+))?|\bCity\s*,\s*(?:USA|US|[A-Z][a-z]+)\b|(?<=[\s,，\-–—|])City\s*$|^City\s*$"
    r"|\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s*,\s*[A-Z]{2}(?:\s*,\s*(?:USA|US))?\s*$"
)
_EN_SEPARATORS = " ,，|-–—:;~"
_EN_DATE_THEN_COMMA = re.compile(
    r"((?:\b\d{1,2}\s*/\s*)?\b(?:19|20)\d\d|\b[A-Z][a-z]{2,8}\.?\s+(?:19|20)\d\d)\s*，\s*"
    r"(?=(?:\d{1,2}\s*/\s*)?(?:19|20)\d\d\b|[A-Z][a-z]{2,8}\.?\s+(?:19|20)\d\d\b|(?:Current|Present)\b)"
)
_EN_SPLIT_START = re.compile(r"^(?:\d{1,2}\s*/\s*|[A-Z][a-z]{2,8}\.?\s+)(?:19|20)\d\d$")
_EN_SPLIT_END = re.compile(r"^(?:(?:\d{1,2}\s*/\s*|[A-Z][a-z]{2,8}\.?\s+)(?:19|20)\d\d|Current|Present)$", re.I)
_EN_SMALL_WORDS = {"of", "and", "&", "the", "for", "in", "to", "at", "on", "-", "/", "a"}


def _is_english(lines: list[TextLine]) -> bool:
    return bool(lines) and not any(_HAS_CJK.search(line.text) for line in lines)


def english_date_lines(lines: list[TextLine]) -> list[TextLine]:
    """English dates as the range reader takes them: "01/2015 ， 07/2015" (a PDF's mis-encoded dash)
    as "01/2015 to 07/2015", and "April 2014" / "to" / "Current" on three lines as one."""
    if not _is_english(lines):
        return lines
    out: list[TextLine] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        text = line.text.strip()
        if i + 2 < len(lines) and _EN_SPLIT_START.match(text) and lines[i + 1].text.strip().lower() == "to" and _EN_SPLIT_END.match(lines[i + 2].text.strip()):
            out.append(line.model_copy(update={"text": f"{text} to {lines[i + 2].text.strip()}"}))
            i += 3
            continue
        if "，" in text:
            line = line.model_copy(update={"text": _EN_DATE_THEN_COMMA.sub(r"\1 to ", line.text)})
        out.append(line)
        i += 1
    return out


def _en_title_like(line: str) -> bool:
    """A short capitalised line that is not a sentence: a job title on a line of its own."""
    text = line.strip()
    words = text.split()
    if not (1 <= len(words) <= 12 and len(text) <= 90) or not text[0].isupper() or text[-1] in ".:;,":
        return False
    if _DUTY_START.match(text) or find_date_ranges(text) or re.search(r"\d{4}", text):
        return False
    content = [w for w in words if w.lower() not in _EN_SMALL_WORDS]
    return bool(content) and sum(w[0].isupper() or not w[0].isalpha() for w in content) >= 0.75 * len(content)


def _en_header_part(line: str) -> bool:
    """A line of a job's header, not of its duties: a place, the employer, or a title."""
    text = line.strip()
    if len(text) > 110 or find_date_ranges(text):
        return False
    return bool(_EN_PLACE.search(text) or _EN_PLACEHOLDER_ORG.search(text)) and not text.endswith(".") or _en_title_like(text)


def _en_split(parts: list[str]) -> tuple[str | None, str | None]:
    """Employer and title from header text with the dates taken out."""
    employer = None
    rest = [_EN_PLACE.sub("  ", part) for part in parts]
    # The placeholder wherever it is, before an organisation word ("… Recreation Management Intern").
    for pattern in (_EN_PLACEHOLDER_ORG, _ORG):
        for k, part in enumerate(rest):
            if employer is None and (m := pattern.search(part)):
                employer = m.group(0).strip(_EN_SEPARATORS)
                rest[k] = part[: m.start()] + "  " + part[m.end():]
    title = re.sub(r"\s+", " ", "  ".join(p.strip(_EN_SEPARATORS) for p in rest)).strip(_EN_SEPARATORS)
    title = re.sub(r"\s*[,，|]\s*(?=[,，|]|$)", "", title).strip(_EN_SEPARATORS)
    return employer, (title or None)


def english_headers(lines: list[TextLine]) -> dict[str, list[tuple[str | None, str | None]]]:
    """Each dated line of an English experience section → its employer and title (in order, as a
    line can repeat). Empty for a Chinese résumé."""
    section = [line for line in lines if line.section in EXPERIENCE_SECTIONS]
    if not section:
        section = [line for line in lines if line.section not in {"education", "projects", "training"}]
    if not _is_english(section):
        return {}
    texts = [line.text.strip() for line in section]
    dated = [bool(find_date_ranges(t)) for t in texts]
    used: set[int] = set()
    found: dict[str, list[tuple[str | None, str | None]]] = {}
    for i, text in enumerate(texts):
        if not dated[i]:
            continue
        own = text
        for r in find_date_ranges(text):
            own = own.replace(r.text, "  ")
        parts = [own]
        used.add(i)
        below = i + 1
        if below < len(texts) and not dated[below] and (
            (_EN_PLACE.search(texts[below]) or _EN_PLACEHOLDER_ORG.search(texts[below])) and len(texts[below]) <= 110 and not texts[below].endswith(".")
            or not re.search(r"[A-Za-z]{2}", own) and _en_title_like(texts[below])
        ):
            parts.append(texts[below])
            used.add(below)
        employer, title = _en_split(parts)
        if title is None or employer is None and not re.search(r"[A-Za-z]{2}", own):
            # The header written above the dates: "Title" / ("Company Name" / "City , State") / dates.
            above = i - 1
            lines_above: list[str] = []
            while above >= 0 and len(lines_above) < 3 and above not in used and not dated[above] and _en_header_part(texts[above]):
                lines_above.insert(0, texts[above])
                above -= 1
            if lines_above:
                used.update(range(above + 1, i))
                employer_above, title_above = _en_split(lines_above)
                employer, title = employer or employer_above, title or title_above
        found.setdefault(text, []).append((employer, title))
    return found
