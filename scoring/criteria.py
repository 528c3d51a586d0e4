"""One scoring function per requirement kind: 0–1 with the résumé text that earned it."""

from collections.abc import Callable, Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz, process, utils

from extractors.dates import Month, merged_months
from extractors.models import DEGREE_ORDER, Candidate, Degree, TextLine
from scoring.profile import (
    CertificateRequirement,
    EducationRequirement,
    ExperienceRequirement,
    IndustryExperienceRequirement,
    Requirement,
    SkillRequirement,
)

# A synonym matches a résumé line when rapidfuzz's partial_ratio reaches this (0–100).
# 85 lets one character differ in a six-character Chinese term (贷后管理工作 ~ 贷后管理) while
# two-character terms must appear as written.
FUZZY_THRESHOLD = 85.0
# Evidence from what the candidate did weighs more than what they claim about themselves.
SECTION_WEIGHT: dict[str, float] = {
    "experience": 1.0,
    "projects": 1.0,
    "skills": 0.85,
    "certificates": 1.0,
    "languages": 1.0,
    "training": 0.85,
    "education": 0.8,
    "header": 0.8,
    "basic": 0.8,
    "objective": 0.5,
    "summary": 0.6,
}
DEFAULT_SECTION_WEIGHT = 0.8
# Education one level below the minimum earns this share; two or more levels below earn nothing.
ONE_LEVEL_BELOW = 0.5
# With a list of preferred majors, the major is this share of the education score.
MAJOR_SHARE = 0.25

DEGREE_ZH = {
    Degree.doctorate: "博士",
    Degree.master: "硕士",
    Degree.bachelor: "本科",
    Degree.associate: "大专",
    Degree.secondary: "中专/高中",
    Degree.below_secondary: "初中及以下",
}


class CriterionScore(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    kind: str
    label: str
    weight: float
    must_have: bool
    score: float  # 0–1
    passed: bool
    evidence: str  # the résumé text that earned the score, "" when nothing matched
    section: str  # where the evidence was found
    summary: str  # a short Chinese phrase for the one-line explanation


def months_zh(months: int) -> str:
    years, rest = divmod(months, 12)
    if years and rest:
        return f"{years}年{rest}个月"
    return f"{years}年" if years else f"{rest}个月"


def fuzzy_containment(terms: Sequence[str], texts: Sequence[str]) -> np.ndarray:
    """partial_ratio of each term (rows) within each text (columns), 0–100.

    partial_ratio aligns the shorter string inside the longer, so a short text would "contain" a
    long term (贷款 in 小额贷款公司); a text shorter than the term scores 0.
    """
    terms = [utils.default_process(t) for t in terms]
    texts = [utils.default_process(t) for t in texts]
    ratios = process.cdist(terms, texts, scorer=fuzz.partial_ratio, workers=1)
    too_short = np.array([len(t) for t in texts])[None, :] < np.array([len(t) for t in terms])[:, None]
    return np.where(too_short, 0.0, ratios)


def best_term_in(text: str, terms: Sequence[str]) -> tuple[float, str | None]:
    """The term that best appears in ``text`` and its ratio (0–100)."""
    if not terms or not text:
        return 0.0, None
    ratios = fuzzy_containment(terms, [text])[:, 0]
    i = int(ratios.argmax())
    return float(ratios[i]), terms[i]


def best_line_match(synonyms: Sequence[str], lines: Sequence[TextLine]) -> tuple[float, TextLine | None]:
    """The best section-weighted match of any synonym in any line, as (0–1, line)."""
    if not lines:
        return 0.0, None
    ratios = fuzzy_containment(synonyms, [line.text for line in lines])
    best_per_line = ratios.max(axis=0)
    section_weight = np.array([SECTION_WEIGHT.get(l.section, DEFAULT_SECTION_WEIGHT) for l in lines])
    weighted = np.where(best_per_line >= FUZZY_THRESHOLD, best_per_line / 100.0, 0.0) * section_weight
    i = int(weighted.argmax())
    return (float(weighted[i]), lines[i]) if weighted[i] > 0 else (0.0, None)


def _criterion(req: Requirement, score: float, passed: bool, evidence: str, section: str, summary: str) -> CriterionScore:
    return CriterionScore(
        id=req.id,
        kind=req.kind,
        label=req.label.zh,
        weight=req.weight,
        must_have=req.must_have,
        score=round(min(1.0, max(0.0, score)), 4),
        passed=passed,
        evidence=evidence,
        section=section,
        summary=summary,
    )


def score_education(req: EducationRequirement, c: Candidate, reference: Month) -> CriterionScore:
    have = c.highest_degree
    if have is None:
        return _criterion(req, 0.0, False, "", "", f"学历未识别（要求{DEGREE_ZH[req.min_degree]}及以上）")
    gap = DEGREE_ORDER[req.min_degree] - DEGREE_ORDER[have]
    degree_score = 1.0 if gap <= 0 else ONE_LEVEL_BELOW if gap == 1 else 0.0
    best = max(
        (e for e in c.education if e.degree),
        key=lambda e: DEGREE_ORDER[e.degree],  # type: ignore[index]
        default=None,
    )
    evidence = best.evidence if best else ""
    score = degree_score
    major_note = ""
    if req.majors:
        majors = " ".join(filter(None, (e.major for e in c.education))) + " " + evidence
        major_ok = best_term_in(majors, req.majors)[0] >= FUZZY_THRESHOLD
        score = degree_score * (1 - MAJOR_SHARE) + (MAJOR_SHARE if major_ok and degree_score else 0.0)
        major_note = "，专业对口" if major_ok else "，专业不在所列范围"
    status = "满足" if gap <= 0 else f"低于要求的{DEGREE_ZH[req.min_degree]}"
    return _criterion(req, score, gap <= 0, evidence, "education", f"{DEGREE_ZH[have]}（{status}{major_note}）")


def score_experience(req: ExperienceRequirement, c: Candidate, reference: Month) -> CriterionScore:
    months = c.total_experience_months
    evidence = "；".join(e.evidence for e in c.experience[:3])
    summary = f"工作经验{months_zh(months)}（要求{months_zh(req.min_months)}）"
    return _criterion(req, months / req.min_months, months >= req.min_months, evidence, "experience", summary)


def score_industry_experience(req: IndustryExperienceRequirement, c: Candidate, reference: Month) -> CriterionScore:
    spans = []
    evidence = []
    for entry in c.experience:
        if entry.is_internship or not entry.start:
            continue
        text = " ".join(filter(None, (entry.employer, entry.title, entry.evidence)))
        if best_term_in(text, req.synonyms)[0] >= FUZZY_THRESHOLD:
            start = Month(int(entry.start[:4]), int(entry.start[5:]))
            end = Month(int(entry.end[:4]), int(entry.end[5:])) if entry.end else reference
            spans.append((start, end))
            evidence.append(entry.evidence)
    months = merged_months(spans)
    summary = f"{req.label.zh}：{months_zh(months)}"
    return _criterion(req, months / req.min_months, months >= req.min_months, "；".join(evidence), "experience", summary)


def score_terms(req: SkillRequirement | CertificateRequirement, c: Candidate, reference: Month) -> CriterionScore:
    score, line = best_line_match(req.synonyms, c.lines)
    if line is None:
        return _criterion(req, 0.0, False, "", "", req.label.zh)
    return _criterion(req, score, True, line.text, line.section, req.label.zh)


SCORERS: dict[str, Callable[..., CriterionScore]] = {
    "education": score_education,
    "experience": score_experience,
    "industry_experience": score_industry_experience,
    "skill": score_terms,
    "certificate": score_terms,
}


def score_requirement(req: Requirement, candidate: Candidate, reference: Month) -> CriterionScore:
    return SCORERS[req.kind](req, candidate, reference)
