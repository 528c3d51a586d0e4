"""Requirements on protected attributes: which ones a profile states, the law against them, the fix.

One place decides, for both `screener profiles lint` and the scorer: a requirement that touches a
protected attribute (gender, ethnicity, religion, marital or childbearing status, native place or
household registration, health status, an age band) is never scored unless the requirement itself
carries a `justification:`. Lint reports every such requirement; unjustified ones fail the lint.
"""

import re
from pathlib import Path

import yaml
from pydantic import BaseModel

from job_profiles.profile import (
    JobProfile,
    PersonalAttributeRequirement,
    Requirement,
    _yaml_line,
    parse_profile,
    read_profile_text,
)

# Phrases that say an attribute does NOT matter; removed before looking for the attribute. An equal-
# opportunity statement ("regardless of gender, age, religion …") lists attributes to say the same.
_NEUTRAL = re.compile(
    r"男女不限|不限男女|不限性别|不限年龄|不限户籍|不限户口|不限民族|男女均可|男女皆可"
    r"|(性别|年龄|户籍|户口|婚否|民族|籍贯)(\s*[、/和与及,，]\s*(性别|年龄|户籍|户口|婚否|民族|籍贯))*\s*[:：]?\s*(不限|均可)"
    # the list after "regardless of", up to a word that asks for something again
    r"|(regardless of|without regard to|irrespective of)\b((?!\b(must|should|required|preferred|only|but)\b)[^.;\n])*"
    r"|any gender|all genders|equal opportunit(y|ies) employer",
    re.IGNORECASE,
)
# Who to contact is not whom to hire: 「联系人：刘女士」 and "Contact: Ms. Liu" name a person and ask for
# nothing. The title (with the surname before it) is removed when a contact word comes before it in
# the same sentence; 「联系人：刘先生，女士优先」 still asks for women.
_CONTACT_ZH = re.compile(
    r"(联系人|联络人|联系|联络|咨询|垂询|致电|来电|收件人|HR|hr)([^。;；\n]{0,30}?)[\u4e00-\u9fff]{1,2}(先生|女士|小姐)"
)
_CONTACT_EN = re.compile(r"(\bcontact\b[^.;\n]{0,30}?)\b(Mr|Mrs|Ms|Miss|Mx)\b\.?(\s+[A-Z][\w-]*)?", re.IGNORECASE)

PATTERNS: dict[str, re.Pattern[str]] = {
    "age": re.compile(
        r"\d{2}\s*(周岁|岁)?\s*[-–—~～至到]\s*\d{2}\s*(周岁|岁)|(?<!\d)\d{2}\s*周?岁|年龄|年纪"
        r"|年轻(?!客户|用户|群体|消费|人群|市场|化)"  # 「年轻客户」 are the customers, not the hire
        r"|(?<![\d.])([5-9][05]|00)后"  # 90后, 85后, 00后: a birth cohort is an age band
        r"|\bage[ds]?\b|\byoung\b(?!\s+(customers?|clients?|consumers?|audiences?|people|market))|\d{2}\s*(-|to|and)\s*\d{2}\s*years\s+(old|of age)"
        # "under 35" is an age, "over 10 years of experience" is not
        r"|\b(under|below|over|aged)\s+\d{2}\b(?!\s*\+?\s*(years?|yrs)\b(?!\s+(old|of age)))"
        r"|\b(older|younger)\s+than\s+\d{2}\b",
        re.IGNORECASE,
    ),
    "gender": re.compile(
        r"限男|限女|男性|女性|男士|女士|男生|女生|宝妈|性别"
        r"|(?:^|[\s,，、;；:：(（/])[男女](?=$|[\s,，、;；:：。)）/])"  # 「男，25-35岁」, 「性别：女」
        r"|[只仅招需要][男女](?![装鞋款童])"  # 仅招女, 只要男
        r"|\b(male|female|men only|women only|gender)\b"
        r"|\b(lad(y|ies)|gentlem[ae]n|girls?|boys?|m[ae]n|wom[ae]n)\s+(only|preferred)\b"
        r"|\bprefer(ably|red)?\s+(a\s+)?(man|woman|lady|gentleman)\b",
        re.IGNORECASE,
    ),
    "ethnicity": re.compile(r"汉族|民族|少数民族|种族|\b(ethnic\w*|race|racial)\b", re.IGNORECASE),
    "religion": re.compile(r"宗教|信仰|信教|\breligio\w*", re.IGNORECASE),
    "marital_status": re.compile(r"已婚|未婚|婚姻|婚否|婚育|单身|\b(married|unmarried|marital)\b", re.IGNORECASE),
    "childbearing": re.compile(
        r"已育|未育|婚育|生育|怀孕|孕期|宝妈|有孩子|二胎|\b(childbearing|pregnan\w*|maternity)\b"
        r"|\b(have|has|with|without|no)\s+(young\s+)?(children|kids)\b",
        re.IGNORECASE,
    ),
    "native_place": re.compile(r"籍贯|本地人|生源地|\bnative (place|of)\b|\blocals? only\b", re.IGNORECASE),
    "household_registration": re.compile(
        r"户口|户籍|本地户|[京沪津渝]籍|本市籍|\b(hukou|household registration)\b", re.IGNORECASE
    ),
    "health": re.compile(
        r"乙肝|乙型肝炎|肝炎|携带者|传染病|HBV|HIV|艾滋|身体健康|身心健康|健康状况|无残疾|残疾|体检合格|通过体检|无重大疾病|病史"
        r"|\b(hepatitis|disabilit\w*|good health|medically fit|physically fit)\b",
        re.IGNORECASE,
    ),
}

EMPLOYMENT_PROMOTION = "《就业促进法》Employment Promotion Law"
LABOUR_LAW = "《劳动法》Labour Law"
PIPL_24 = (
    "《个人信息保护法》PIPL art. 24: automated decisions must be transparent and fair, with no unreasonable "
    "differential treatment, and the person may ask for an explanation"
)

LEGAL_BASIS: dict[str, str] = {
    "age": (
        f"{EMPLOYMENT_PROMOTION} arts. 3 and 26 (equal employment; the grounds listed in art. 3 end in 等, "
        "so the list is open) — an age band the work does not need excludes people for who they are, not what "
        f"they can do; {PIPL_24}"
    ),
    "gender": (
        f"{EMPLOYMENT_PROMOTION} arts. 3, 26, 27 (no refusing women or raising the bar for them, except posts the "
        f"State lists as unsuitable); {LABOUR_LAW} arts. 12, 13; {PIPL_24}"
    ),
    "ethnicity": f"{EMPLOYMENT_PROMOTION} arts. 3, 26, 28; {LABOUR_LAW} art. 12; {PIPL_24}",
    "religion": f"{EMPLOYMENT_PROMOTION} arts. 3, 26; {LABOUR_LAW} art. 12; {PIPL_24}",
    "marital_status": (
        f"{EMPLOYMENT_PROMOTION} art. 27 (no restricting women's marriage or childbearing); {LABOUR_LAW} art. 13; "
        f"{PIPL_24}"
    ),
    "childbearing": (
        f"{EMPLOYMENT_PROMOTION} art. 27 (no restricting women's marriage or childbearing); {LABOUR_LAW} art. 13; "
        f"{PIPL_24}"
    ),
    "native_place": f"{EMPLOYMENT_PROMOTION} arts. 3, 26, 31 (no discriminatory limits on rural workers); {PIPL_24}",
    "household_registration": (
        f"{EMPLOYMENT_PROMOTION} arts. 3, 26, 31 (no discriminatory limits on rural workers); {PIPL_24}"
    ),
    "health": (
        f"{EMPLOYMENT_PROMOTION} arts. 29, 30 (no refusing people with disabilities or carriers of infectious-disease "
        "pathogens such as hepatitis B, except work the law forbids them); 人社部发〔2010〕12号 (no hepatitis B tests in "
        f"recruitment checks); {PIPL_24}"
    ),
}

FIX: dict[str, str] = {
    "age": (
        "drop the age band (the seed's 「25-30岁」 in 贷款客户经理岗位职责5 is the worked example: the profile keeps "
        "「一年以上相关行业经验」 and scores no age); if a statute sets an age (e.g. 18+ for the work), say so in "
        "`justification:` on this requirement"
    ),
    "gender": "drop it (男女不限 needs no requirement); if the State lists the post as unsuitable, cite that in `justification:`",
    "ethnicity": "drop it; ethnicity is never a job requirement",
    "religion": "drop it; religious belief is never a job requirement",
    "marital_status": "drop it; marital status is never a job requirement",
    "childbearing": "drop it; childbearing status is never a job requirement",
    "native_place": (
        "drop it; if the work needs someone who lives nearby or speaks the local dialect, write a `location` "
        "requirement (现居地/期望工作地点) or a `language` requirement instead"
    ),
    "household_registration": (
        "drop it; if the work needs someone who lives nearby, write a `location` requirement (现居地/期望工作地点)"
    ),
    "health": (
        "drop it; if the work has a statutory health condition (e.g. a 健康证 for food handling), require that "
        "certificate and cite the rule in `justification:`"
    ),
}


class Finding(BaseModel):
    """One requirement (or profile field) that touches a protected attribute."""

    file: str
    line: int
    where: str  # e.g. requirements.3.synonyms.1
    requirement_id: str | None
    attribute: str
    text: str  # what matched
    justified: bool
    basis: str
    fix: str

    def format(self) -> str:
        status = "justified (scored)" if self.justified else "not scored"
        req = f" requirement {self.requirement_id!r}" if self.requirement_id else ""
        return (
            f"{self.file}:{self.line}: {self.attribute}:{req} 「{self.text}」 ({self.where}) — {status}\n"
            f"    legal basis: {self.basis}\n"
            f"    fix: {self.fix}"
        )


def requirement_text(text: str) -> str:
    """``text`` without what asks for nothing: contact persons' titles (联系人：刘女士, Contact: Ms. Liu)
    and neutral phrases (男女不限, "regardless of gender")."""
    text = _CONTACT_ZH.sub(lambda m: f"{m[1]}{m[2]} ", text)
    text = _CONTACT_EN.sub(lambda m: f"{m[1]} ", text)
    return _NEUTRAL.sub(" ", text)


def attributes_in(text: str) -> list[str]:
    """Protected attributes a piece of profile or advert text asks about (contacts and neutral phrases excluded)."""
    text = requirement_text(text)
    return [attr for attr, pattern in PATTERNS.items() if pattern.search(text)]


def _requirement_texts(req: Requirement) -> list[tuple[tuple[str | int, ...], str]]:
    """(path within the requirement, text) for every field that says what is required.

    ``source`` and ``justification`` are left out: quoting a dropped line or explaining one is allowed.
    """
    texts: list[tuple[tuple[str | int, ...], str]] = [(("label", "zh"), req.label.zh), (("label", "en"), req.label.en)]
    for field in ("synonyms", "majors", "values"):
        for j, value in enumerate(getattr(req, field, None) or []):
            texts.append(((field, j), value))
    return texts


def requirement_attributes(req: Requirement) -> list[str]:
    """Protected attributes a requirement touches: its own kind, or words in its label and synonyms."""
    found: list[str] = []
    if isinstance(req, PersonalAttributeRequirement):
        found.append(req.attribute)
    for _, text in _requirement_texts(req):
        found += [a for a in attributes_in(text) if a not in found]
    return found


def is_scored(req: Requirement) -> bool:
    """A requirement on a protected attribute is scored only with an explicit, per-requirement justification."""
    return bool(req.justification) or not requirement_attributes(req)


# Profiles are loaded once and never changed, so what is scored is worked out once per profile
# (the check costs ~15 ms per candidate across the bundled profiles otherwise).
_UNSCORED: dict[int, tuple[JobProfile, frozenset[str]]] = {}


def unscored_ids(profile: JobProfile) -> frozenset[str]:
    """Ids of the profile's requirements that are left out of scoring (protected, no justification)."""
    hit = _UNSCORED.get(id(profile))
    if hit is not None and hit[0] is profile:
        return hit[1]
    ids = frozenset(r.id for r in profile.requirements if not is_scored(r))
    _UNSCORED[id(profile)] = (profile, ids)
    return ids


def lint_profile(profile: JobProfile, text: str, origin: str) -> list[Finding]:
    """Every place in the profile that asks for a protected attribute, with the YAML line."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    findings: list[Finding] = []

    def add(loc: tuple[str | int, ...], attribute: str, matched: str, req: Requirement | None) -> None:
        findings.append(
            Finding(
                file=origin,
                line=_yaml_line(root, loc),
                where=".".join(str(p) for p in loc),
                requirement_id=req.id if req else None,
                attribute=attribute,
                text=matched,
                justified=bool(req and req.justification),
                basis=LEGAL_BASIS[attribute],
                fix=FIX[attribute],
            )
        )

    for loc, value in ((("title", "zh"), profile.title.zh), (("title", "en"), profile.title.en), (("summary",), profile.summary)):
        for attribute in attributes_in(value):
            add(loc, attribute, value, None)
    for i, req in enumerate(profile.requirements):
        base: tuple[str | int, ...] = ("requirements", i)
        seen: set[str] = set()
        if isinstance(req, PersonalAttributeRequirement):
            band = f"{req.min_age or ''}-{req.max_age or ''}岁" if req.attribute == "age" else "、".join(req.values)
            add(base + ("attribute",), req.attribute, band, req)
            seen.add(req.attribute)
        for path, value in _requirement_texts(req):
            for attribute in attributes_in(value):
                if attribute not in seen:
                    seen.add(attribute)
                    add(base + path, attribute, value, req)
    return findings


def lint_file(path: Path) -> list[Finding]:
    """Load (and validate) a profile file and lint it; a profile that does not load raises ProfileError."""
    text = read_profile_text(path)
    return lint_profile(parse_profile(text, str(path)), text, str(path))
