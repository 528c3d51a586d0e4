"""Contact details and the candidate's name."""

import re
from itertools import pairwise

from screener.privacy import EMAIL, INTERNATIONAL_PHONE, LANDLINE, PHONE, international_digits

# "姓名：张三" (or 求职者/应聘人/申请人：…), and in forms and spreadsheets "姓名 | 张三" or "姓名  张三".
_NAME_LABEL = re.compile(
    r"(?:(?:姓\s*名|求职者|应聘者|应聘人|申请人|候选人|(?:Full\s+)?Name)\s*(?:[：:|｜\t]|\s)|Candidate\s*[：:])\s*"
    # The next field's label may follow without a gap (OCR, a squeezed form): "姓名：魏测试性别：女".
    r"([\u4e00-\u9fa5·]{2,5}?(?=性\s*别|民\s*族|年\s*龄|出生|籍\s*贯|电\s*话|手\s*机|邮\s*箱|学\s*历|婚姻|政治面貌|身\s*高|[^\u4e00-\u9fa5·]|$)"
    r"|[A-Z][A-Za-z.\-]+(?: [A-Z][A-Za-z.\-]+){1,3}(?![\u4e00-\u9fa5]))"
)
_CJK_NAME = re.compile(r"^[\u4e00-\u9fa5]{2,4}(?:·[\u4e00-\u9fa5]{2,6})?$")
_EN_NAME = re.compile(r"^(?:[A-Z][a-z]+(?:[ \-][A-Z][a-z]+){1,3}|[A-Z]{2,}(?:[ \-][A-Z]{2,}){1,3})$")  # Jane Sample, JOHN TEST
# Words of job titles and headings, which look like "Firstname Lastname" in Title Case.
_NOT_EN_NAME = re.compile(
    r"\b(?:manager|officer|specialist|assistant|director|supervisor|representative|engineer|clerk|intern|teller|"
    r"analyst|consultant|accountant|executive|president|lead|head|curriculum|vitae|resume|profile|summary|"
    r"experience|education|skills|objective|contact|information|about|career|personal|professional|work|key|cover|letter)\b",
    re.I,
)

_SELF_INTRODUCED = re.compile(r"(?:我叫|我的名字是|我是|本人(?:名叫|叫)?)([\u4e00-\u9fa5]{2,3})(?=[，,。、！!；;\s]|$)")
_HEADLINE = re.compile(r"^\S.{1,60}?\s(?:at|@)\s\S.{1,60}$")

# Common single and compound surnames; a bare 2–4 character first line is taken as a name only
# when it starts with one, so a heading such as 个人简历 is not mistaken for a person.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施"
    "文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷"
    "盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷"
    "晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
) | {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "尉迟", "长孙"}
NOT_NAMES = {"个人简历", "简历", "求职简历", "个人履历", "应聘简历", "基本信息", "个人信息"}


# Labels of other people's contact details inside the candidate's lines: a referee, an emergency
# contact, the employer's switchboard. What follows such a label is not the candidate's.
_OTHERS_CONTACT = re.compile(
    r"证明人|推荐人|紧急联系人|联系人|单位(?:联系)?电话|公司电话|\b(?:referee|reference|emergency contact)s?\b", re.I
)


def own_contact_part(line: str) -> str:
    """The part of a résumé line that may hold the candidate's own phone or e-mail: before any
    label of someone else's (证明人：李某 135…, 紧急联系人, References: …)."""
    m = _OTHERS_CONTACT.search(line)
    return line[: m.start()] if m else line


def find_phones(text: str) -> list[str]:
    """Phone numbers as digits only, in order of appearance, without repeats."""
    found = ["".join(m.groups()) for m in PHONE.finditer(text)]
    found += ["".join(m.groups()) for m in LANDLINE.finditer(text)]
    found += [digits for m in INTERNATIONAL_PHONE.finditer(text) if (digits := international_digits(m))]
    return list(dict.fromkeys(found))


def find_emails(text: str) -> list[str]:
    return list(dict.fromkeys(e.lower().rstrip(".") for e in EMAIL.findall(text)))


def _is_name(text: str) -> bool:
    """A Chinese name with a known surname, or an English one that is not a title or heading."""
    if _CJK_NAME.match(text):
        return text[0] in SURNAMES or text[:2] in SURNAMES
    return bool(_EN_NAME.match(text)) and len(text) <= 40 and not _NOT_EN_NAME.search(text)


def find_name(lines: list[str]) -> str | None:
    """A labelled name (姓名：…), else a name-shaped first line or first segment of it."""
    for i, line in enumerate(lines[:40]):
        if m := _NAME_LABEL.search(line):
            return m.group(1).strip()
        # A form or sidebar that puts the value on the line below its label.
        if re.fullmatch(r"(?:姓\s*名|Name)\s*[：:]?", line.strip()) and i + 1 < len(lines):
            value = lines[i + 1].strip()
            if _CJK_NAME.match(value) or _EN_NAME.match(value):
                return value
    # LinkedIn's export: the name, then a headline "Relationship Manager at Example Bank", after a
    # sidebar whose skills ("Credit Analysis") are name-shaped too.
    for line, below in pairwise(lines[:61]):
        if _HEADLINE.match(below.strip()) and _is_name(name := line.strip()):
            return name
    for line in lines[:5]:
        first = re.split(r"\s{2,}|[|｜/,，\t]", line.strip())[0].strip()
        # "王五简历", "李四的个人简历": the title line of the résumé carries the name.
        first = re.sub(r"(?:的)?(?:个人)?(?:简历|履历)$", "", first).strip()
        # "吴测试 Wu Test" or "Wu Test 吴测试": the Chinese name with its English one beside it.
        first = re.sub(r"(?<=[\u4e00-\u9fa5])\s+[A-Z][A-Za-z]*(?:[\s\-][A-Z][A-Za-z]*){0,3}$", "", first)
        first = re.sub(r"^[A-Z][A-Za-z]*(?:[\s\-][A-Z][A-Za-z]*){0,3}\s+(?=[\u4e00-\u9fa5]{2,4}$)", "", first)
        if first not in NOT_NAMES and _is_name(first):
            return first
    # A cover letter or an e-mail body: "您好！我叫祝测试，2016年毕业于…", "本人王测试，男，…".
    for line in lines[:10]:
        for m in _SELF_INTRODUCED.finditer(line):
            if _is_name(name := m.group(1)):
                return name
    return None
