"""A draft job profile from a free-text job advertisement (岗位职责 / 任职资格 / 任职要求, or English).

Rules, not a model: the advert's requirement lines follow a handful of patterns (学历, 专业, N年以上…经验,
具有…经验, 熟悉…, 证书, 英语, 工作地点, 年龄/性别). What the rules find becomes a requirement whose
``source`` quotes the advert line; what they cannot place is left as an assumption for the recruiter.
Lines on protected attributes (age, gender, 户口, health, ...) are kept as ``personal_attribute``
requirements with no justification, so they are visible, flagged, and never scored.
"""

import re
from dataclasses import dataclass, field

import yaml

from job_profiles.profile import JobProfile, parse_profile
from job_profiles.protected import attributes_in, requirement_text
from screener.vocabulary import (
    ADVERT_DEGREE_WORDS,
    ADVERT_INDUSTRY_WORDS,
    ADVERT_LANGUAGE_LEVELS,
    CN_NUMBER_CHARS,
    DEGREE_ORDER,
    DEGREE_ZH,
    RequirementKind,
    cn_number,
)

# --- splitting the advert -------------------------------------------------------------------

_DUTY_HEADINGS = r"岗位职责|工作职责|职位职责|工作内容|职位描述|岗位描述|responsibilities|duties|what you will do|the role"
_REQ_HEADINGS = r"任职资格|任职要求|岗位要求|职位要求|任职条件|应聘条件|requirements|qualifications|what we are looking for|who you are"
_HEADING = re.compile(rf"({_DUTY_HEADINGS}|{_REQ_HEADINGS})\s*[:：]?", re.IGNORECASE)
# An advert title like 贷款客户经理岗位职责1 (the 1 numbers the advert, not the first duty: 岗位职责21、 is advert 2, item 1).
_TITLE_NUMBER = re.compile(rf"^(.*?)({_DUTY_HEADINGS})(\d?)(?=\d+[、.．]|[:：]|{_DUTY_HEADINGS}|{_REQ_HEADINGS}|\s|$)", re.IGNORECASE)


# An English job title is words, not characters: "Outside Sales Representative - Industrial Products".
TITLE_CHARS_EN = 80


def _items(text: str) -> list[str]:
    # Stray marks in copied web text (潜在的'问题), and list bullets at the start of a line.
    text = re.sub(r"(?<=[\u4e00-\u9fff])[`'’]|[`'’](?=[\u4e00-\u9fff])", "", text)
    text = re.sub(r"(?m)^\s*[-*+]\s+", "\n", text)
    parts = re.split(r"[;；。\n◆●•]+|(?<!\d)\d{1,2}[、．)）]|(?<![\d.])\d{1,2}\.(?!\d)|\(\d{1,2}\)|（\d{1,2}）", text)
    return [p.strip(" ,，:：、") for p in parts if p and p.strip(" ,，:：、")]


@dataclass
class Advert:
    title: str
    duties: list[str]
    requirements: list[str]
    english: bool


def split_advert(text: str) -> Advert:
    """Title, duty items and requirement items of an advert."""
    text = text.replace("\r", "")
    english = len(re.findall(r"[\u4e00-\u9fff]", text)) < 0.1 * max(1, len(re.findall(r"\w", text)))
    title = ""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if match := _TITLE_NUMBER.match(first):
        title = match.group(1).strip(" ,，:：")
    elif not _HEADING.match(first) and len(first) <= (TITLE_CHARS_EN if english else 40):
        title = first.strip(" ,，:：#")
        # The title line is not a duty: itemised, "Teacher (Grade 3)" would leave "Teacher (Grade".
        text = text.replace(first, "", 1)
    duties: list[str] = []
    requirements: list[str] = []
    current = duties
    pos = 0
    if match := _TITLE_NUMBER.match(text.lstrip()):
        pos = len(text) - len(text.lstrip()) + match.end(3)
    for m in _HEADING.finditer(text, pos):
        current.extend(_items(text[pos : m.start()]))
        current = requirements if re.fullmatch(_REQ_HEADINGS, m.group(1), re.IGNORECASE) else duties
        pos = m.end()
    current.extend(_items(text[pos:]))
    if title:
        duties = [d for d in duties if d != title and not d.startswith(title + "岗位")]
    if not requirements:
        # No heading: every line with a requirement pattern is a requirement.
        requirements = [d for d in duties if _looks_like_requirement(d)]
        duties = [d for d in duties if d not in requirements]
    return Advert(title=title, duties=duties, requirements=requirements, english=english)


def _looks_like_requirement(item: str) -> bool:
    return bool(
        re.search(r"学历|专业|年以上|经验|证书|资格|能力|岁|\bdegree\b|\byears?\b|experience|certif", item, re.IGNORECASE)
    )


# --- lexicons -------------------------------------------------------------------------------

# Soft skills an advert asks for → id, label and synonyms (seed: 沟通能力: 沟通, 表达, 善于交流, communication).
SOFT_SKILLS: list[tuple[str, str, str, list[str]]] = [
    (r"沟通|表达|交流|communicat", "communication", "沟通表达能力", ["沟通能力", "善于沟通", "表达能力", "善于交流", "沟通协调", "communication", "interpersonal"]),
    (r"压力|抗压|抗挫|pressure|stress", "stress_tolerance", "抗压能力", ["抗压", "抗压能力", "承受压力", "抗挫", "work under pressure", "stress tolerance", "resilience"]),
    (r"团队|team", "teamwork", "团队合作", ["团队合作", "团队精神", "团队协作", "团队意识", "teamwork", "team player"]),
    (r"积极主动|主动|proactive", "initiative", "积极主动", ["积极主动", "工作主动", "主动性", "proactive", "self-motivated"]),
    (r"责任心|责任感|担当|responsib", "responsibility", "责任心", ["责任心", "责任感", "有担当", "responsible", "accountability"]),
    (r"执行力|execution", "execution", "执行力", ["执行力", "执行能力", "execution"]),
    (r"应变|反应灵活|思维敏捷|adapt", "adaptability", "应变能力、思维敏捷", ["应变能力", "反应灵活", "思维敏捷", "反应快", "adaptable", "quick learner"]),
    (r"服务意识|服务态度|customer.orient", "service_awareness", "服务意识", ["服务意识", "服务态度", "以客户为中心", "customer-oriented", "service-minded"]),
    (r"学习能力|学习意识|learn", "learning", "学习能力", ["学习能力", "善于学习", "快速学习", "fast learner", "eager to learn"]),
    (r"协调", "coordination", "协调能力", ["协调能力", "沟通协调", "多方协调", "coordination"]),
    (r"谈判|negotiat", "negotiation", "商务谈判能力", ["商务谈判", "谈判能力", "negotiation"]),
    (r"分析能力|analytic", "analytical_skills", "分析能力", ["分析能力", "数据分析", "analytical skills"]),
    (r"领导|leadership", "leadership", "领导能力", ["领导能力", "团队管理", "带领团队", "leadership", "team management"]),
]

# Conditions of the work, not facts a résumé states: dropped, and said so in the assumptions.
WORKING_CONDITIONS = re.compile(r"出差|户外|加班|倒班|夜班|驻外|travel|overtime|shift", re.IGNORECASE)
# Attitudes towards the hiring company or filler duties: not screenable.
UNSCREENABLE = re.compile(r"其他工作|交办|交付的|临时|认同度|other duties|as assigned", re.IGNORECASE)

_CN_STOP_PREFIX = re.compile(r"^(负责|协助|完成|做好|进行|定期|及时|严格|通过|对于|对|与|向|根据|配合|参与|组织|确定|制定|加强|了解|掌握|熟悉|具有|具备|有|能)+")


# --- rules ----------------------------------------------------------------------------------


def _num(text: str) -> float:
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return float(text)
    if text == "半":  # 半年以上
        return 0.5
    return cn_number(text) or 1


def _split_terms(text: str) -> list[str]:
    parts = re.split(r"[、,，/]|或者|或|以及|及|和|与|\band\b|\bor\b", text)
    return [p.strip(" ()（）") for p in parts if p.strip(" ()（）")]


@dataclass
class Draft:
    requirements: list[dict] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    flagged: dict[str, str] = field(default_factory=dict)  # requirement id → why it is flagged

    def unique_id(self, base: str) -> str:
        base = re.sub(r"[^a-z0-9_]", "_", base.lower()).strip("_") or "requirement"
        if not base[0].isalpha():
            base = "r_" + base
        taken = {r["id"] for r in self.requirements}
        rid, n = base, 2
        while rid in taken:
            rid, n = f"{base}_{n}", n + 1
        return rid

    def add(self, base_id: str, kind: RequirementKind, zh: str, en: str, quote: str, **fields) -> dict:
        req = {"id": self.unique_id(base_id), "kind": kind, "label": {"zh": zh[:60], "en": en[:80]}, **fields}
        req.setdefault("weight", 1.0)
        req["source"] = f"job advert: 「{quote}」"
        self.requirements.append(req)
        return req


def _education(item: str, draft: Draft) -> bool:
    lowered = item.lower()
    found = [(w, d) for w, d in ADVERT_DEGREE_WORDS if w in lowered]
    if not found or not re.search(r"学历|以上|及以上|专业|degree|diploma|school|graduate|学位|毕业", item, re.IGNORECASE):
        return False
    # "专科及以上" asks for the lowest degree named.
    degree = min((d for _, d in found), key=lambda d: DEGREE_ORDER[d])
    majors: list[str] = []
    if m := re.search(r"([^,，;；。:：]*?)(?:等)?(?:相关)?专业", item):
        majors = [re.sub(r"(类|等|相关)+$", "", t) for t in _split_terms(m.group(1))]
        majors = [t for t in majors if 1 < len(t) <= 10 and not any(w in t for w, _ in ADVERT_DEGREE_WORDS)]
    elif m := re.search(r"degree in ([a-z ,/&]+?)(?:\.|;|$| or related| or a related|,? or equivalent| preferred)", lowered):
        majors = [t.strip() for t in _split_terms(m.group(1)) if t.strip()]
    relaxable = bool(re.search(r"可放宽|放宽|或同等|优先|or equivalent", item, re.IGNORECASE) or _PREFERRED.search(item))
    fields: dict = {"min_degree": degree.value, "must_have": not relaxable, "weight": 1.0 if relaxable else 1.5}
    if majors:
        fields["majors"] = majors
    draft.add("education", "education", f"{DEGREE_ZH[degree]}及以上学历" + ("，" + "/".join(majors) + "等专业" if majors else ""),
              f"{degree.value} degree or higher", item, **fields)
    if relaxable:
        draft.assumptions.append(f"Education is not a must-have: the advert relaxes it (「{item}」).")
    return True


_YEARS_ZH = re.compile(rf"([\d.]+|[{CN_NUMBER_CHARS}半]+)\s*年(?:及)?以上(?:的)?([^,，;；。、]*?)(?:工作)?(经验|经历|从业经验|背景)")
_YEARS_EN = re.compile(r"(\d+)\+?\s*(?:or more\s+)?years?(?:'|’)?\s*(?:of\s+)?(?:(?:professional|relevant|work)\s+)?(?:experience\s+)?(?:(?:in|with|as)\s+(?:the\s+|a\s+|an\s+)?)?([a-z][a-z0-9 /&-]*?)?\s*(?:experience|industry|sector|role|,|\.|;|$)", re.IGNORECASE)


def _industry_synonyms(phrase: str) -> list[str]:
    lowered = phrase.lower() + " "
    synonyms: list[str] = []
    for word, words in ADVERT_INDUSTRY_WORDS.items():
        # An English key starts a word ("hr " in "HR generalist", not in "through"); Chinese has no spaces.
        if (re.search(r"\b" + re.escape(word), lowered) if word.isascii() else word in lowered):
            synonyms += [w for w in words if w not in synonyms]
    return synonyms


# "…experience preferred", "… is a plus": wished for, not required.
_PREFERRED = re.compile(r"\bpreferred\b|\ba plus\b|\bdesirable\b|\bideally\b", re.IGNORECASE)


def _years(item: str, draft: Draft, title: str, english: bool, seen: set[tuple[int, str]]) -> bool:
    if re.search(r"可放宽", item):
        return False  # "符合2年以上…经验的专业可放宽" is a condition on the degree, not a requirement
    m = _YEARS_ZH.search(item)
    if m:
        months = round(_num(m.group(1)) * 12)
        phrase = re.sub(r"^(具有|具备|有)", "", m.group(2)).strip()
    elif m := _YEARS_EN.search(item):
        months = int(m.group(1)) * 12
        phrase = (m.group(2) or "").strip()
    else:
        return False
    phrase = re.sub(r"(行业|从业|相关)+$", "", phrase).strip() if not english else phrase
    key = (months, phrase)
    if key in seen:
        return True
    seen.add(key)
    generic = not phrase or re.fullmatch(r"(相关|工作|relevant|work|professional)?", phrase, re.IGNORECASE)
    if generic and not re.search(r"相关行业|相关领域|related industry", item, re.IGNORECASE):
        draft.add("total_experience", "experience", f"{months // 12 or months}{'年' if months >= 12 else '个月'}以上工作经验",
                  f"{months // 12}+ years of work experience", item, min_months=months, must_have=True, weight=1.5)
        return True
    synonyms = _industry_synonyms(phrase)
    inferred = False
    if not synonyms:
        inferred = True
        # "相关行业": the advert does not name it; read it from the job title.
        synonyms = _industry_synonyms(title)
        if synonyms:
            draft.assumptions.append(f"「{item}」 names no industry; read from the title 「{title}」 as: {', '.join(synonyms[:6])}.")
    if english and phrase:
        # The advert's own wording too, each alternative whole: "system administration or network administration".
        synonyms += [a for a in _split_terms(phrase) if a not in synonyms and (len(_content_words(a)) >= 2 or a == phrase)]
    if not synonyms and phrase:
        synonyms = [phrase]
    if not synonyms:
        draft.assumptions.append(f"Could not tell which industry 「{item}」 means; add an industry_experience requirement by hand.")
        return True
    label = (phrase or "相关行业") + ("经验" if not english else " experience")
    draft.add("industry_experience", "industry_experience", f"{months // 12 if months >= 12 else months}{'年' if months >= 12 else '个月'}以上{label}" if not english else label,
              f"{months // 12}+ years in {phrase or 'the industry'}" if english else "", item, min_months=months, synonyms=synonyms,
              # An industry we inferred is our reading, so a miss must not mark the row; nor is a preference.
              must_have=not inferred and not _PREFERRED.search(item), weight=2.0)
    return True


_EXPERIENCE_OF = re.compile(r"(?:具有|具备|有)([^,，;；。]{2,40}?)(?:业务|工作|执业)?(?:经验|经历)")
_FAMILIAR = re.compile(r"(?:熟悉|掌握|精通|熟练(?:使用|掌握|运用)?|了解)([^,，;；。]{2,40})")
_EN_SKILL = re.compile(r"(?:experience (?:in|with)|familiar(?:ity)? with|knowledge of|proficien(?:t|cy) (?:in|with)|skilled in|expertise in)\s+([a-z0-9 ,/&()+-]+)", re.IGNORECASE)


def _skills(item: str, draft: Draft, english: bool) -> bool:
    found = False
    phrases: list[str] = []
    for m in _EXPERIENCE_OF.finditer(item):
        phrases.append(m.group(1))
        # "有律师执业经验和企业法务工作经历": the second kind of experience follows 和/及/与.
        rest = item[m.end():]
        while follow := re.match(r"[和及与、]([\u4e00-\u9fff]{2,12}?)(?:经验|经历)", rest):
            phrases.append(follow.group(1))
            rest = rest[follow.end():]
    for phrase in phrases:
        if re.search(r"\d|年", phrase):
            continue
        terms = [re.sub(r"(业务|工作|执业|从业)$", "", t) for t in _split_terms(phrase)]
        terms = [t for t in terms if len(t) >= 2]
        if terms:
            draft.add("experience_in", "skill", phrase + "经验", "", item, synonyms=list(dict.fromkeys(terms)), weight=2.0)
            found = True
    for m in _FAMILIAR.finditer(item):
        terms = [t for t in _split_terms(re.sub(r"(等|的)?(知识|流程|业务|技能|操作|软件)$", r"\2", m.group(1))) if len(t) >= 2]
        if terms:
            draft.add("skill", "skill", m.group(0), "", item, synonyms=list(dict.fromkeys(terms)), weight=1.5)
            found = True
    if english:
        for m in _EN_SKILL.finditer(item):
            terms = [t.strip() for t in _split_terms(m.group(1)) if len(t.strip()) >= 3]
            if terms:
                draft.add("skill", "skill", m.group(0), m.group(0), item, synonyms=list(dict.fromkeys(terms)), weight=1.5)
                found = True
    return found


_CERT = re.compile(r"([\u4e00-\u9fffA-Za-z]{2,12}?(?:资格证书|资格证|从业资格|执业资格|证书|上岗证|职称))|\b(CPA|CFA|FRM|ACCA|PMP|CFP|AFP)\b|([A-Za-z ]{3,30} (?:certificate|certification|license|licence))", re.IGNORECASE)


# An English credential: the words before "certificate", "license", "registration"... in the same clause.
_EN_CREDENTIAL = re.compile(r"([A-Za-z0-9&+()/', -]{2,80}?)\s*\b(?:certificates?|certifications?|licen[cs]es?|registrations?|credentials?)\b", re.IGNORECASE)
# Words around a credential's name that a résumé does not repeat ("Current state RN license").
_CREDENTIAL_FILLER = re.compile(r"^(?:(?:a|an|the|current|valid|active|unrestricted|state|similar|other|relevant|equivalent|any|required)\b\s*)+|\s+(?:required|preferred)$", re.IGNORECASE)
# Acronyms a résumé writes alone: letters and digits only (A&P, read as "a p", would match any "a p…").
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9+-]{2,9}$")


def _english_credentials(item: str) -> list[str]:
    """The credentials an English requirement names, each as a résumé would write it.

    "FAA Airframe and Powerplant (A&P) certificate" → the whole name, "FAA Airframe and Powerplant",
    "Airframe & Powerplant"; "CompTIA Security+, MCSA, CCNA or similar certifications" → each name;
    "Current state RN license" → "RN license".
    """
    names: list[str] = []
    for clause in re.split(r"[;.]\s", item):
        for m in _EN_CREDENTIAL.finditer(clause):
            names += _credential_names(m)
    return list(dict.fromkeys(names))


def _credential_names(m: re.Match[str]) -> list[str]:
    keyword = m.group(0)[len(m.group(1)):].strip()
    names: list[str] = []
    alternatives = [a.strip() for a in re.split(r",\s*|\s+or\s+|\s*/\s*(?=[A-Z])", m.group(1))]
    for n, alternative in enumerate(alternatives):
        # Before the last, only names ("CompTIA Security+, MCSA, CCNA or…"), not "Strong communication, BLS…".
        if n < len(alternatives) - 1 and not re.search(r"[A-Z]{2,}", alternative):
            continue
        name = _CREDENTIAL_FILLER.sub("", alternative).strip()
        # A driving licence or a licence still to obtain is not a credential a résumé shows.
        if not name or re.search(r"\b(?:ability|obtain|within|salary|per|hire|driver'?s?|driving)\b", name, re.IGNORECASE):
            continue
        bare = re.sub(r"\s*\([^)]*\)", "", name).strip()  # "(A&P)" is spelled out before it
        words = [bare, f"{bare} {keyword}" if bare != name else f"{name} {keyword}"]
        # "FAA Airframe and Powerplant": a résumé may leave out the issuer.
        issuer, _, rest = bare.partition(" ")
        if _ACRONYM.match(issuer) and len(_content_words(rest)) >= 2:
            words.append(rest)
        words += [w.replace(" and ", " & ") for w in words if " and " in w]
        words += [a for a in re.findall(r"\(([^)]*)\)", name) if _ACRONYM.match(a)]
        if not _ACRONYM.match(bare) and len(_content_words(bare)) < 2:
            words = words[1:]  # "teaching" alone is not a credential; "teaching certificate" is
        names += [w for w in words if w]
    return names


def _certificates(item: str, draft: Draft, english: bool = False) -> bool:
    if english:
        # Named credentials, and the well-known acronyms however they are worded ("CPA or progress toward the CPA").
        credentials = list(dict.fromkeys([*_english_credentials(item), *(m.group(2) for m in _CERT.finditer(item) if m.group(2))]))
        if credentials:
            draft.add("certificate", "certificate", credentials[0], credentials[0], item, synonyms=credentials, weight=1.5)
        return bool(credentials)
    names = [next(g for g in m.groups() if g).strip() for m in _CERT.finditer(item)]
    names = [re.sub(r"^(持有|取得|具有|具备|有)", "", n) for n in names]
    names = [n for n in names if n and not re.search(r"学历|学位", n)]
    if not names:
        return False
    draft.add("certificate", "certificate", "、".join(names), "", item, synonyms=list(dict.fromkeys(names)), weight=1.5)
    return True


def _language(item: str, draft: Draft) -> bool:
    for pattern, level in ADVERT_LANGUAGE_LEVELS:
        if re.search(pattern, item, re.IGNORECASE):
            draft.add("english", "language", item[:40], f"English ({level.upper()} or higher)", item, min_level=level, weight=1.0)
            return True
    if re.search(r"英语|english", item, re.IGNORECASE) and re.search(r"流利|熟练|良好|fluent|proficient|good", item, re.IGNORECASE):
        draft.add("english", "language", item[:40], "Good English", item,
                  synonyms=["英语流利", "英语熟练", "fluent English", "English"], weight=1.0)
        return True
    return False


def _location(item: str, draft: Draft) -> bool:
    # English "base"/"location" only as a label ("Location: Leeds"), never "Base salary".
    m = re.search(r"(?:(?:工作地点|工作地址)\s*[:：]?|\b(?:base|location)\s*[:：])\s*([\u4e00-\u9fffA-Za-z ,，、/]{2,30})", item, re.IGNORECASE)
    if not m:
        return False
    places = [p for p in _split_terms(m.group(1)) if len(p) >= 2]
    if places:
        draft.add("location", "location", "工作地点：" + "、".join(places), "Location: " + ", ".join(places), item, synonyms=places, weight=1.0)
    return bool(places)


_AGE_BAND = re.compile(
    r"(\d{2})\s*(?:周岁|岁)?\s*[-–—~～至到]\s*(\d{2})\s*(?:周岁|岁)|aged?\s*(\d{2})\s*(?:-|–|to|and)+\s*(\d{2})"
    r"|between\s+(\d{2})\s+and\s+(\d{2})", re.IGNORECASE)
# An upper or lower age limit, however the advert words it: 35岁以下, 35周岁及以下, 不超过35岁, under 35, no older than 40.
_AGE_MAX = re.compile(r"(\d{2})\s*(?:周岁|岁)\s*(?:及|或)?以[下内]|(?:不超过|不大于|不高于|未满|不满|小于|低于)\s*(\d{2})\s*(?:周岁|岁)"
                      r"|\b(?:under|below|younger than|no older than)\s+(\d{2})\b", re.IGNORECASE)
_AGE_MIN = re.compile(r"(\d{2})\s*(?:周岁|岁)\s*(?:及|或)?以上|(?:不低于|不小于|年满|(?<!不)大于|(?<!不)超过)\s*(\d{2})\s*(?:周岁|岁)"
                      r"|(?<!no )\b(?:over|older than|at least)\s+(\d{2})\b(?!\s*\+?\s*(?:years?|yrs)\b(?!\s+(?:old|of age)))", re.IGNORECASE)


def _first(match: re.Match[str]) -> int:
    return int(next(g for g in match.groups() if g))


def _protected(item: str, draft: Draft) -> bool:
    """Age, gender and other protected lines: kept visible, flagged, never scored (no justification).

    What counts as protected is protected.attributes_in's decision (the lint's), so a contact person
    (联系人：刘女士) is not drafted as a gender requirement and 限男 or 35周岁及以下 are."""
    found = False
    neutral = re.search(r"男女不限|不限男女|性别不限|不限性别|年龄不限|不限年龄|男女均可|男女皆可|性别、年龄不限", item)
    if neutral:
        draft.assumptions.append(f"「{neutral.group(0)}」 in 「{item}」 says the attribute does not matter; nothing is scored for it.")
    rest = requirement_text(item)
    attributes = attributes_in(item)
    if "age" in attributes:
        bounds: dict[str, int] = {}
        if m := _AGE_BAND.search(rest):
            lo, hi = sorted(int(g) for g in m.groups() if g)
            bounds, label, why = {"min_age": lo, "max_age": hi}, f"{lo}-{hi}岁", "age band"
        else:
            if m := _AGE_MAX.search(rest):
                bounds["max_age"] = _first(m)
            if m2 := _AGE_MIN.search(rest):
                bounds["min_age"] = _first(m2)
            label, why = (m or m2).group(0) if (m or m2) else "", "age limit"
        if bounds and all(14 <= v <= 80 for v in bounds.values()):
            req = draft.add("age", "personal_attribute", f"年龄{label}（受保护属性，不评分）", f"Age {label} (protected, not scored)",
                            item, attribute="age", weight=1.0, **bounds)
            draft.flagged[req["id"]] = why
        else:  # 限90后, 年轻: an age with no number to draft; said, so the recruiter drops it from the advert too
            draft.assumptions.append(f"FLAGGED (age): 「{item}」 asks for an age (a protected attribute); nothing is drafted or scored for it.")
        found = True
    for attribute in attributes:
        if attribute == "age":
            continue
        phrase = next((p for p in re.split(r"[,，;；、]", rest) if attribute in attributes_in(p)), rest).strip()
        req = draft.add(attribute, "personal_attribute", f"{phrase}（受保护属性，不评分）", f"{phrase} (protected, not scored)",
                        item, attribute=attribute, values=[phrase], weight=1.0)
        draft.flagged[req["id"]] = attribute
        found = True
    return found


def _soft_skills(item: str, draft: Draft) -> bool:
    found = False
    taken = {r["id"] for r in draft.requirements}
    for pattern, rid, zh, synonyms in SOFT_SKILLS:
        if re.search(pattern, item, re.IGNORECASE) and rid not in taken:
            draft.add(rid, "soft_skill", zh, synonyms[-2] if synonyms else "", item, synonyms=synonyms, weight=0.5)
            taken.add(rid)
            found = True
    return found


def _english_clauses(item: str) -> list[str]:
    """A duty's clauses as a résumé would repeat them: whole phrases of two or more content words.

    "and"/"or" inside a clause stay (a fragment such as "auto" or "Structure" alone would match any
    résumé); the whole duty comes first when it is short enough to be written in one line.
    """
    body = re.sub(r"^responsible for\s+", "", item.strip(), flags=re.IGNORECASE).rstrip(".")
    clauses = [re.sub(r"^(?:and|or|as well as)\s+", "", c.strip(), flags=re.IGNORECASE) for c in re.split(r"[,;:]", body)]
    whole = [body] if len(_content_words(body)) <= WHOLE_DUTY_WORDS else []
    return [c for c in [*whole, *clauses] if len(_content_words(c)) >= 2 and len(c) <= DUTY_CHARS]


# A duty of at most this many content words is also a synonym whole; a longer one only by its clauses.
WHOLE_DUTY_WORDS = 10
# A clause longer than this is not kept: 80 dropped whole duties with no comma ("Process accounts payable
# and accounts receivable transactions and resolve…"); partial coverage scores a long clause fairly.
DUTY_CHARS = 120
_GLUE = frozenset("a an the and or of to in on for with within at by from as into through via per any all other".split())


def _content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9][a-z0-9+#'-]*", text.lower()) if w not in _GLUE]


def _duty(item: str, draft: Draft, english: bool) -> None:
    """A duty becomes a skill whose synonyms are the duty's own noun phrases (a draft: edit them)."""
    if english:
        terms = _english_clauses(item)
    else:
        chunks = re.split(r"[,，、;；:：()（）]|以及|及时|及|和|与|并|进行|通过", item)
        terms = [_CN_STOP_PREFIX.sub("", c).strip() for c in chunks]
        terms = [re.sub(r"(工作|等)$", "", t) for t in terms]
        # A long chunk is a clause; its parts around 的 are the phrases a résumé would repeat.
        terms = [p for t in terms for p in (t.split("的") if len(t) > 12 else [t])]
        terms = [t for t in terms if 2 <= len(t) <= 12 and not re.fullmatch(r"[的了在]+.*", t)]
    terms = list(dict.fromkeys(terms))[:6]
    if terms:
        draft.add("duty", "skill", item[:40], item[:80] if english else "", item, synonyms=terms, weight=1.0)


def draft_from_text(text: str, profile_id: str | None = None) -> tuple[dict, Draft]:
    advert = split_advert(text)
    draft = Draft()
    seen_years: set[tuple[int, str]] = set()
    for whole in advert.requirements:
        if _protected(whole, draft):
            continue
        # Clauses on working conditions or attitudes are dropped one by one; the rest is read.
        clauses = re.split(r"(?<=[,，])", whole)
        kept = []
        for clause in clauses:
            bare = clause.strip(" ,，")
            if WORKING_CONDITIONS.search(bare) and not _looks_like_requirement_strict(bare):
                draft.assumptions.append(f"Dropped 「{bare}」: a working condition, for the interview, not a résumé fact.")
            elif UNSCREENABLE.search(bare):
                draft.assumptions.append(f"Dropped 「{bare}」: not visible in a résumé.")
            else:
                kept.append(clause)
        item = "".join(kept).strip(" ,，")
        if not item:
            continue
        hit = _education(item, draft)
        years = _years(item, draft, advert.title, advert.english, seen_years)
        # "3+ years of experience in banking" is the industry requirement, not also a skill.
        hit |= years or _skills(item, draft, advert.english)
        hit |= _certificates(item, draft, advert.english)
        hit |= _language(item, draft)
        hit |= _location(item, draft)
        hit |= _soft_skills(item, draft)
        if not hit:
            draft.assumptions.append(f"No rule placed 「{item}」; add a requirement by hand if it matters.")
    for item in advert.duties:
        if UNSCREENABLE.search(item):
            draft.assumptions.append(f"Dropped duty 「{item}」: not screenable.")
            continue
        _duty(item, draft, advert.english)
    if not draft.requirements:
        draft.add("placeholder", "skill", "（请补充）", "(fill in)", text.strip()[:60] or "empty advert", synonyms=["请补充"])
        draft.assumptions.append("No requirement recognised; the placeholder must be replaced.")
    title = advert.title or "岗位"
    pid = profile_id or _slug(title)
    doc: dict = {
        "id": pid,
        "version": 1,
        # zh is required by the schema; an English advert's title serves for both.
        "title": {"zh": title, "en": title if advert.english else ""},
        "language": "en" if advert.english else "zh",
        "summary": "draft from a job advert: check every requirement, weight and synonym before use",
        "source": f"job advert{(': ' + title) if title else ''}",
        "assumptions": draft.assumptions,
        "requirements": draft.requirements,
    }
    return doc, draft


def _looks_like_requirement_strict(item: str) -> bool:
    return bool(re.search(r"学历|专业|年以上|证书|degree|years", item, re.IGNORECASE))


def _slug(title: str) -> str:
    ascii_part = re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_")
    return ascii_part if ascii_part and ascii_part[0].isalpha() else "draft_profile"


def draft_yaml(text: str, profile_id: str | None = None) -> str:
    """The draft profile as YAML, with a comment on every flagged (protected, unscored) requirement."""
    doc, draft = draft_from_text(text, profile_id)
    body = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=120)
    lines = []
    for line in body.splitlines():
        m = re.match(r"^(\s*)- id: (\S+)$", line)
        if m and m.group(2) in draft.flagged:
            lines.append(
                f"{m.group(1)}# FLAGGED ({draft.flagged[m.group(2)]}): a protected attribute. Not scored unless you add "
                "`justification:`; delete it unless the law requires it. See `screener profiles lint`."
            )
        lines.append(line)
    header = (
        "# Draft profile generated by `screener profiles from-jd` — review before use.\n"
        "# Every requirement quotes the advert line it came from; weights are defaults.\n"
    )
    return header + "\n".join(lines) + "\n"


def draft_profile(text: str, profile_id: str | None = None) -> JobProfile:
    """The draft, validated (a draft that does not validate is a bug in these rules)."""
    return parse_profile(draft_yaml(text, profile_id), "<draft>")
