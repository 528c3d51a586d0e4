"""How contact details and protected personal facts are written, and how to hide them.

Extraction finds phones, e-mails and personal attributes with these patterns
(extractors/fields/contacts.py, personal.py); the tables and the report mask the same text with them.
"""

import re

# --- contact details --------------------------------------------------------------------------

# Mainland mobile numbers, written 13800000000, 138-0000-0000, 138 0000 0000, +86 138…, (+86)138…
# and 139.0000.7777.
PHONE = re.compile(r"(?<![\d.])(?:\(?\+?86\)?[\s\-]?)?(1[3-9]\d)[\s\-.]?(\d{4})[\s\-.]?(\d{4})(?!\d|\.\d)")
# Landlines with an area code: 010-12345678, 0571-8765432
LANDLINE = re.compile(r"(?<![\d\-])(0\d{2,3})[\s\-](\d{7,8})(?![\d\-])")
# Other countries and regions, written with their code: +852 5555 0000, +1 (555) 010-0000, +44 20 7946 0000.
INTERNATIONAL_PHONE = re.compile(r"(?<![\w+])\+(?!86)[1-9]\d{0,2}(?:[\s.\-]?\(?\d{1,5}\)?){1,5}(?![\d)])")
_INTERNATIONAL_DIGITS = range(8, 16)  # E.164 allows at most 15 digits; fewer than 8 is no phone
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")


def international_digits(m: re.Match[str]) -> str | None:
    # "+12.5%" or "+30 2019" is not a phone: a number needs 8 to 15 digits.
    digits = re.sub(r"\D", "", m.group(0))
    return digits if len(digits) in _INTERNATIONAL_DIGITS else None


# What reaches a candidate, as written: the phones and e-mails found above, and a profile link.
_SHOWN_CONTACT = re.compile(
    f"{EMAIL.pattern}|{PHONE.pattern}|{LANDLINE.pattern}"
    r"|(?:https?://)?(?:[\w-]+\.)?(?:linkedin\.com|github\.com|weibo\.com|maimai\.cn|facebook\.com)/[\w\-./%?=&]+",
    re.I,
)


_MESSAGING_ID = re.compile(
    r"(?<![A-Za-z])(?P<label>微信号?|WeChat(?:\s*ID)?|VX|WX|V信|威信|薇信|QQ号?|Skype|Telegram|WhatsApp)"
    r"(?P<sep>\s*[：:]\s*|(?<=[号信XxDd])\s+|\s+(?=\d{5}))[A-Za-z0-9][\w\-.]{4,30}", re.I
)
# Written to slip past filters: x(at)example.com, x [at] example [dot] com, x＠example.com.
_OBFUSCATED_EMAIL = re.compile(
    r"[A-Za-z0-9._%+\-]+\s*(?:\(at\)|\[at\]|\{at\}|＠)\s*[A-Za-z0-9\-]+(?:\s*(?:\.|\(dot\)|\[dot\]|。)\s*[A-Za-z0-9\-]+)+", re.I
)
# Landlines with the area code in brackets: (0571)88887777, （010）1234-5678.
_BRACKETED_LANDLINE = re.compile(r"[(（]0\d{2,3}[)）]\s*\d{3,4}[\s\-]?\d{4}(?!\d)")
# A home or postal address, labelled: 家庭住址：杭州市西湖区文三路100号; Address: 12 Main St, Springfield.
_ADDRESS = re.compile(
    r"(?P<label>家庭住址|家庭地址|现住址|现居住地址|居住地址|通讯地址|联系地址|住\s*址|(?<![A-Za-z])(?:home |mailing )?address)"
    r"(?P<sep>\s*[：:]\s*)[^|｜;；\n]*[^|｜;；\n\s]", re.I
)


# A resident identity card number (身份证号): area code, birth date, sequence, check digit. It names
# the person and carries the birth date; PIPL counts it as sensitive.
_ID_NUMBER = re.compile(r"(?<![\dA-Za-z])[1-9]\d{5}(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dA-Za-z])")


# The same number written in groups: 330106 19900101 123X, 3301 0619 9001 0112 34.
_SPACED_ID_NUMBER = re.compile(r"(?<![\dA-Za-z])[1-9](?:[ \-]?\d){16}[ \-]?[\dXx](?![\dA-Za-z])")


def _spaced_id(m: re.Match[str], mask: str) -> str:
    return mask if _ID_NUMBER.fullmatch(re.sub(r"[ \-]", "", m.group(0))) else m.group(0)


def mask_contact_details(text: str, mask: str) -> str:
    """Phones, e-mails, messaging ids, profile links, addresses and identity card numbers in `text`
    replaced by `mask`, in the forms people write them to slip past filters too."""
    text = _ADDRESS.sub(lambda m: m.group("label") + m.group("sep") + mask, text)
    text = _SPACED_ID_NUMBER.sub(lambda m: _spaced_id(m, mask), _ID_NUMBER.sub(mask, text))
    text = _BRACKETED_LANDLINE.sub(mask, _OBFUSCATED_EMAIL.sub(mask, text))
    text = _MESSAGING_ID.sub(lambda m: m.group("label") + m.group("sep") + mask, _SHOWN_CONTACT.sub(mask, text))
    return INTERNATIONAL_PHONE.sub(lambda m: mask if international_digits(m) else m.group(0), text)


# --- protected personal facts -----------------------------------------------------------------

# Between the bare tokens of a header line: "男 | 28岁 | 汉族", "5年工作经验 · 27岁", "男，28岁，汉族".
SEP = r"[|｜/\s·•，,]"
YEAR_MONTH = r"((?:19|20)\d{2})\s*[年./\-]\s*(1[0-2]|0?[1-9])"
# Unlabelled birth dates, as job sites print them: "1998年3月出生", "1998.03生", and after the age
# "28岁(1998年3月10日)".
BORN = YEAR_MONTH + r"\s*月?(?:\s*\d{1,2}\s*日)?\s*(?:出生|生)(?=$|[\s|｜/·•,，;；)）于在])"
AGE_BIRTH = YEAR_MONTH + r"\s*月?(?:\s*\d{1,2}\s*日?)?\s*[)）]"
# English: "Date of Birth: 12 March 1990", "Born: March 12, 1990".
EN_DATE = (
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+(?:19|20)\d{2}"
    r"|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2})"
)
# An English value runs to the next field's separator: "Hometown: Changsha, Hunan | Phone: …".
EN_VALUE = r"([A-Za-z][A-Za-z ,.'\-]{1,40}?)(?=\s*(?:[|｜;；]|$))"
ZH_AGE = r"[一二三四五六七]十[一二三四五六七八九]?"  # 二十五, 三十二
PROVINCES = (
    "北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|"
    "陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门"
)

_REDACT_LABELLED = re.compile(
    r"(?<![A-Za-z])(性\s*别|出生(?:年月|日期)?|生\s*日|年\s*龄|民\s*族|婚姻状况|婚\s*否|婚姻|政治面貌|籍\s*贯|户口所在地|户籍所在地|户\s*口|户\s*籍"
    r"|健康状况|身体状况|身\s*高|体\s*重|血\s*型|宗教信仰|宗\s*教|信\s*仰"
    r"|gender|sex|date of birth|birth\s*date|dob|born|age|marital status|ethnicity|nationality|religion|religious belief"
    r"|height|weight)(?![A-Za-z])"
    r"(\s*[：:|｜]?\s*)(" + EN_DATE + r"|[^\s|｜,，;；]+)",
    re.I,
)
_REDACT_EN = re.compile(r"(?<![A-Za-z])(hometown|native place|place of origin|political (?:status|affiliation))(\s*[：:]\s*)" + EN_VALUE, re.I)
_REDACT_BARE = re.compile(
    f"(?:(?<=^)|(?<={SEP}))"
    rf"(男|女|[\u4e00-\u9fa5]{{1,3}}族|已婚已育|已婚未育|已婚|未婚|离异|中共党员|中共预备党员|共青团员|群众|(?:{PROVINCES})省?[\u4e00-\u9fa5]{{0,6}}?人"
    # The age, with the birth date job sites print after it: "28岁(1998年3月10日)"; 二十五岁.
    + rf"|(?:\d{{2}}|{ZH_AGE})\s*岁(?:\s*[（(]\s*{AGE_BIRTH})?)"
    + f"(?=$|{SEP})"
)
_REDACT_BIRTH = re.compile(r"(?<!\d)" + BORN)  # "1998年3月出生", "1998.03生"


def redact_personal(text: str, mask: str) -> str:
    """The line with protected facts (性别, 出生年月, 民族, 婚姻, 政治面貌, 籍贯, 户口, 健康, 宗教 ...) masked."""
    text = _REDACT_EN.sub(lambda m: f"{m.group(1)}{m.group(2)}{mask}", text)
    text = _REDACT_LABELLED.sub(lambda m: f"{m.group(1)}{m.group(2) or ' '}{mask}", text)
    text = _REDACT_BIRTH.sub(mask, text)
    return _REDACT_BARE.sub(mask, text)
