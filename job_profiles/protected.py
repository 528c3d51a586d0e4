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
    ProfileError,
    Requirement,
    _yaml_line,
    parse_profile,
)

# Phrases that say an attribute does NOT matter; removed before looking for the attribute.
_NEUTRAL = re.compile(
    r"男女不限|不限男女|性别不限|不限性别|年龄不限|不限年龄|户籍不限|不限户籍|户口不限|不限户口|婚否不限|不限民族|民族不限"
    r"|regardless of (gender|sex|age)|any gender|all genders",
    re.IGNORECASE,
)

PATTERNS: dict[str, re.Pattern[str]] = {
    "age": re.compile(
        r"\d{2}\s*(周岁|岁)?\s*[-–—~～至到]\s*\d{2}\s*(周岁|岁)|\d{2}\s*(周岁|岁)以[下上内]|\d{2}\s*(周岁|岁)及以[下上]"
        r"|年龄|年轻|\bage[ds]?\b|\b(under|below|over|aged)\s+\d{2}\b|\byoung\b|\d{2}\s*-\s*\d{2}\s*years old",
        re.IGNORECASE,
    ),
    "gender": re.compile(
        r"限男|限女|男性|女性|男士|女士|男生|女生|^男$|^女$|性别|\b(male|female|men only|women only|gender)\b",
        re.IGNORECASE,
    ),
    "ethnicity": re.compile(r"汉族|民族|少数民族|种族|\b(ethnic\w*|race|racial)\b", re.IGNORECASE),
    "religion": re.compile(r"宗教|信仰|信教|\breligio\w*", re.IGNORECASE),
    "marital_status": re.compile(r"已婚|未婚|婚姻|婚否|单身|\b(married|unmarried|marital)\b", re.IGNORECASE),
    "childbearing": re.compile(r"已育|未育|婚育|生育|怀孕|孕期|\b(childbearing|pregnan\w*|maternity)\b", re.IGNORECASE),
    "native_place": re.compile(r"籍贯|本地人|生源地|\bnative (place|of)\b|\blocals? only\b", re.IGNORECASE),
    "household_registration": re.compile(r"户口|户籍|本地户|\b(hukou|household registration)\b", re.IGNORECASE),
    "health": re.compile(
        r"乙肝|乙型肝炎|肝炎|携带者|传染病|HBV|HIV|艾滋|身体健康|健康状况|无残疾|残疾"
        r"|\b(hepatitis|disabilit\w*|good health)\b",
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


def attributes_in(text: str) -> list[str]:
    """Protected attributes a piece of profile text asks about (neutral phrases like 男女不限 excluded)."""
    text = _NEUTRAL.sub(" ", text)
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
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{path}: cannot read profile: {exc}") from None
    return lint_profile(parse_profile(text, str(path)), text, str(path))
