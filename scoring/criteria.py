"""One scoring function per requirement kind: 0–1 with the résumé text that earned it."""

import re
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import numpy as np
from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz, process, utils

from job_profiles.profile import (
    CertificateRequirement,
    EducationRequirement,
    ExperienceRequirement,
    IndustryExperienceRequirement,
    LanguageRequirement,
    LocationRequirement,
    PersonalAttributeRequirement,
    Requirement,
    SkillRequirement,
    SoftSkillRequirement,
)
from screener.models import DEGREE_ORDER, Candidate, EducationEntry, WorkEntry
from screener.months import Month, merged_months
from screener.vocabulary import DEGREE_EN, DEGREE_ZH, LanguageLevel, RequirementKind, language_names, numeral_grades, term_wordings

if TYPE_CHECKING:  # the evidence module reads this one's constants; the scorers only take its type
    from scoring.evidence import CandidateEvidence, Variant

# A synonym matches a résumé line when rapidfuzz's partial_ratio reaches this (0–100).
# Chosen from measured data (scripts/measure_thresholds.py: 821 labelled (synonym, line) pairs from
# the bundled profiles, the sample résumés and hand-written hard cases; 563 matches, 258 not):
#   threshold  precision  recall  F1
#     80.0       0.843    0.856  0.849
#     85.0       0.948    0.806  0.871   (the earlier, unmeasured value)
#     90.0       0.991    0.799  0.885
#     92.5       0.998    0.798  0.886   ← best F1
#     100.0      0.998    0.790  0.882
# Above ~85 fuzziness buys little: the matches it misses (客服经理 ~ 客户服务经理, 营销贷款 ~ 贷款营销)
# rate 75–80, level with look-alikes (客服经理 ~ 客户经理), so they need synonyms, not a lower bar.
# At 92.5 one character may differ in a term of 14+ characters (a typo in "post-loan management").
FUZZY_THRESHOLD = 92.5
# Evidence from what the candidate did weighs more than what they claim about themselves: the same
# words score 1.0 as a duty in 工作经历, 0.85 in a skills list, 0.6 in 自我评价 (40% less than a job
# line) and 0.5 in 求职意向, where they only say what the candidate wants.
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
    summary: str  # a short phrase, in the profile's language, for the one-line explanation


def months_zh(months: int) -> str:
    years, rest = divmod(months, 12)
    if years and rest:
        return f"{years}年{rest}个月"
    return f"{years}年" if years else f"{rest}个月"


def months_en(months: int) -> str:
    years, rest = divmod(months, 12)
    parts = [f"{years} yr" + ("s" if years > 1 else "")] if years else []
    if rest or not years:
        parts.append(f"{rest} mo" + ("s" if rest != 1 else ""))
    return " ".join(parts)


def months_text(months: int, lang: str) -> str:
    return months_en(months) if lang == "en" else months_zh(months)


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


def _exact_only_below(threshold: float) -> int:
    """Term length under which only an exact occurrence can reach ``threshold``.

    The best inexact partial_ratio of a term of length L is 100·(1 − 1/(2L − 1)) (an alignment at the
    text's edge that misses one character), so for short terms the threshold admits exact matches
    only, and a substring test gives the same answer as rapidfuzz at a fraction of the cost.
    """
    length = 1
    while 100 * (1 - 1 / (2 * (length + 1) - 1)) < threshold:
        length += 1
    return length + 1


EXACT_ONLY_BELOW = _exact_only_below(FUZZY_THRESHOLD)


def matches_at_threshold(terms: Sequence[str], texts: Sequence[str]) -> np.ndarray:
    """Like ``fuzzy_containment``, but ratios under ``FUZZY_THRESHOLD`` come back as 0.

    Short terms (most Chinese synonyms) are tested as substrings; only long ones go to rapidfuzz.
    """
    terms_p = [utils.default_process(t) for t in terms]
    texts_p = [utils.default_process(t) for t in texts]
    ratios = np.zeros((len(terms_p), len(texts_p)))
    long_rows = []
    for i, term in enumerate(terms_p):
        if len(term) < EXACT_ONLY_BELOW:
            ratios[i] = [100.0 if term and term in text else 0.0 for text in texts_p]
        else:
            long_rows.append(i)
    if long_rows:
        fuzzy = fuzzy_containment([terms[i] for i in long_rows], texts)
        ratios[long_rows] = np.where(fuzzy >= FUZZY_THRESHOLD, fuzzy, 0.0)
    return ratios


def _criterion(req: Requirement, score: float, passed: bool, evidence: str, section: str, summary: str, lang: str = "zh") -> CriterionScore:
    return CriterionScore(
        id=req.id,
        kind=req.kind,
        label=req.label.en if lang == "en" and req.label.en else req.label.zh,
        weight=req.weight,
        must_have=req.must_have,
        score=round(min(1.0, max(0.0, score)), 4),
        passed=passed,
        evidence=evidence,
        section=section,
        summary=summary,
    )


def _label(req: Requirement, lang: str) -> str:
    return req.label.en if lang == "en" and req.label.en else req.label.zh


@lru_cache(maxsize=4096)
def _unmatched(req_id: str, kind: str, label: str, weight: float, must_have: bool) -> CriterionScore:
    # Most term criteria of most candidates find nothing: one frozen result serves them all.
    return CriterionScore(id=req_id, kind=kind, label=label, weight=weight, must_have=must_have, score=0.0,
                          passed=False, evidence="", section="", summary=label)


def _missed(req: Requirement, lang: str) -> CriterionScore:
    label = _label(req, lang)
    return _unmatched(req.id, req.kind, label, req.weight, req.must_have)


def unmatched_criterion(req: Requirement, lang: str) -> CriterionScore:
    """What a requirement of a kind in ``SYNONYMS_ONLY`` scores when none of its synonyms matched."""
    return _missed(req, lang)


def best_education(c: Candidate) -> EducationEntry | None:
    """The entry of the highest degree (the first of equals): its line is the education evidence."""
    return max(
        (e for e in c.education if e.degree),
        key=lambda e: DEGREE_ORDER[e.degree],  # type: ignore[index]
        default=None,
    )


def majors_text(c: Candidate) -> str:
    """The text a list of preferred majors is sought in: every major and the best degree's line."""
    best = best_education(c)
    return " ".join(filter(None, (e.major for e in c.education))) + " " + (best.evidence if best else "")


def industry_text(entry: WorkEntry) -> str:
    # The employer and title say which industry a job was in; the dated line may name it too.
    return " ".join(filter(None, (entry.employer, entry.title, entry.evidence)))


def score_education(req: EducationRequirement, c: Candidate, reference: Month, lang: str, evidence: "CandidateEvidence") -> CriterionScore:
    names = DEGREE_EN if lang == "en" else DEGREE_ZH
    have = c.highest_degree
    if have is None:
        summary = (
            f"degree not found ({names[req.min_degree]} or higher required)"
            if lang == "en"
            else f"学历未识别（要求{DEGREE_ZH[req.min_degree]}及以上）"
        )
        return _criterion(req, 0.0, False, "", "", summary, lang)
    gap = DEGREE_ORDER[req.min_degree] - DEGREE_ORDER[have]
    degree_score = 1.0 if gap <= 0 else ONE_LEVEL_BELOW if gap == 1 else 0.0
    best = best_education(c)
    line = best.evidence if best else ""
    score = degree_score
    major_note = ""
    if req.majors:
        major_ok = evidence.in_majors(req.majors)
        score = degree_score * (1 - MAJOR_SHARE) + (MAJOR_SHARE if major_ok and degree_score else 0.0)
        if lang == "en":
            major_note = ", relevant major" if major_ok else ", major not in the list"
        else:
            major_note = "，专业对口" if major_ok else "，专业不在所列范围"
    if lang == "en":
        status = "meets" if gap <= 0 else f"below the required {names[req.min_degree]}"
    else:
        status = "满足" if gap <= 0 else f"低于要求的{DEGREE_ZH[req.min_degree]}"
    if best is not None and best.in_progress and best.degree == have:
        # A student about to graduate meets the level on paper; HR should see it is not obtained yet.
        major_note += ", not obtained yet" if lang == "en" else "，在读"
    return _criterion(req, score, gap <= 0, line, "education", f"{names[have]}（{status}{major_note}）" if lang != "en" else f"{names[have]} ({status}{major_note})", lang)


def score_experience(req: ExperienceRequirement, c: Candidate, reference: Month, lang: str, evidence: "CandidateEvidence") -> CriterionScore:
    months = c.total_experience_months
    lines = "；".join(e.evidence for e in c.experience[:3])
    if lang == "en":
        summary = f"{months_en(months)} of work experience ({months_en(req.min_months)} required)"
    else:
        summary = f"工作经验{months_zh(months)}（要求{months_zh(req.min_months)}）"
    return _criterion(req, months / req.min_months, months >= req.min_months, lines, "experience", summary, lang)


def score_industry_experience(req: IndustryExperienceRequirement, c: Candidate, reference: Month, lang: str, evidence: "CandidateEvidence") -> CriterionScore:
    spans = []
    jobs = []
    for i, (entry, span) in enumerate(zip(c.experience, evidence.spans(reference), strict=True)):
        if span is None:
            continue
        if entry.industry in req.industries or evidence.in_job(i, req.synonyms):
            spans.append(span)
            jobs.append(" ".join(filter(None, (entry.employer, entry.title))) or entry.evidence)
    months = merged_months(spans)
    if lang == "en":
        summary = f"{_label(req, lang)}: {months_en(months)}"
    else:
        summary = f"{req.label.zh}：{months_zh(months)}"
    return _criterion(req, months / req.min_months, months >= req.min_months, "；".join(jobs), "experience", summary, lang)


def with_certificate_wordings(synonyms: Sequence[str]) -> list[str]:
    """The profile's synonyms and every wording the lexicon knows for a certificate they name: a
    profile asking for 银行从业资格 is met by 银行从业人员资格证书 or "banking qualification"."""
    return list(_certificate_wordings(tuple(synonyms)))


@cache
def _certificate_wordings(synonyms: tuple[str, ...]) -> tuple[str, ...]:
    named = {s.casefold() for s in synonyms}
    extra = [w for words in term_wordings("CERT") if named & {w.casefold() for w in words} for w in words]
    return tuple(dict.fromkeys([*synonyms, *extra]))


def score_terms(req: SkillRequirement | CertificateRequirement | SoftSkillRequirement | LocationRequirement, c: Candidate, reference: Month, lang: str, evidence: "CandidateEvidence") -> CriterionScore:
    # Where someone lives or wants to work, never where they were born or registered.
    variant: Variant = "location" if isinstance(req, LocationRequirement) else "text"
    synonyms: Sequence[str] = req.synonyms
    if isinstance(req, (SkillRequirement, SoftSkillRequirement)):
        # "暂无信贷经验", "No direct loan origination experience": named, not claimed.
        variant = "claimed"
    elif isinstance(req, CertificateRequirement):
        # A certificate being studied for (正在备考CPA, ACCA在读) is not one held.
        variant = "held"
        synonyms = _certificate_wordings(tuple(synonyms))
    # Partial coverage serves phrases of what someone did; a soft skill, certificate or place is named or not.
    found = evidence.best_line(synonyms, variant, partial=isinstance(req, SkillRequirement))
    if found is None:
        return _missed(req, lang)
    score, text, section = found
    return _criterion(req, score, True, text, section, _label(req, lang), lang)


# Lines that state a native place or household registration; a location requirement ignores them.
NOT_A_LOCATION = re.compile(r"籍贯|户口|户籍|出生地|生源地|native place|hukou|birthplace", re.IGNORECASE)

_SQUASHED = re.compile(r"[\s\-_]")


def _squash(text: str) -> str:
    return _SQUASHED.sub("", text).lower()


def level_text(text: str) -> str:
    """A line as language level names are sought in it: digit grades as numerals, no spaces or dashes."""
    return _squash(numeral_grades(text))


@cache
def _level_names(level: LanguageLevel) -> tuple[str, ...]:
    return tuple(_squash(n) for n in language_names(level))


def score_language(req: LanguageRequirement, c: Candidate, reference: Month, lang: str, evidence: "CandidateEvidence") -> CriterionScore:
    # Level names are codes (CET-4 / CET-6 differ by one character), so they must appear as written;
    # the profile's own synonyms are matched fuzzily like skills.
    if req.min_level and (i := evidence.level_line(_level_names(req.min_level))) is not None:
        line = c.lines[i]
        weight = SECTION_WEIGHT.get(line.section, DEFAULT_SECTION_WEIGHT)
        return _criterion(req, max(weight, 0.85), True, line.text, line.section, _label(req, lang), lang)
    if req.synonyms:
        return score_terms(req, c, reference, lang, evidence)  # type: ignore[arg-type]
    return _missed(req, lang)


def score_personal_attribute(req: PersonalAttributeRequirement, c: Candidate, reference: Month, lang: str, evidence: "CandidateEvidence") -> CriterionScore:
    """Only ever called for a requirement with a ``justification`` (see scoring/protected.py)."""
    personal = getattr(c, "personal", None)
    if req.attribute == "age":
        age = getattr(personal, "age", None)
        if age is None:
            return _criterion(req, 0.0, False, "", "", f"{_label(req, lang)}：未知" if lang != "en" else f"{_label(req, lang)}: unknown", lang)
        ok = (req.min_age is None or age >= req.min_age) and (req.max_age is None or age <= req.max_age)
        return _criterion(req, float(ok), ok, f"{age}", "basic", _label(req, lang), lang)
    found = evidence.best_line(req.values, "text")
    if found is None:
        return _missed(req, lang)
    _, text, section = found
    return _criterion(req, 1.0, True, text, section, _label(req, lang), lang)


SCORERS: dict[RequirementKind, Callable[..., CriterionScore]] = {
    "education": score_education,
    "experience": score_experience,
    "industry_experience": score_industry_experience,
    "skill": score_terms,
    "certificate": score_terms,
    "soft_skill": score_terms,
    "location": score_terms,
    "language": score_language,
    "personal_attribute": score_personal_attribute,
}


# Kinds whose score reads nothing but the lines their synonyms match: when none of the synonyms
# matched anywhere in a résumé, the criterion is ``unmatched_criterion`` without asking the scorer.
SYNONYMS_ONLY: frozenset[RequirementKind] = frozenset({"skill", "certificate", "soft_skill", "location"})


def requirement_terms(req: Requirement) -> list[Sequence[str]]:
    """The synonym lists the scorer of ``req`` asks the evidence about, to be matched beforehand."""
    if isinstance(req, EducationRequirement):
        return [req.majors] if req.majors else []
    if isinstance(req, CertificateRequirement):
        return [_certificate_wordings(tuple(req.synonyms))]
    if isinstance(req, (IndustryExperienceRequirement, SkillRequirement, SoftSkillRequirement, LocationRequirement, LanguageRequirement)):
        return [req.synonyms] if req.synonyms else []
    if isinstance(req, PersonalAttributeRequirement):
        return [req.values] if req.attribute != "age" else []
    return []
