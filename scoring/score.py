"""A candidate against a profile: every criterion, the 0–100 total, must-haves and a one-line reason.

Weights are the profile's (default 1 per requirement): total = Σ weight·score / Σ weight × 100.
A requirement on a protected attribute without a ``justification`` is left out entirely (see
scoring/protected.py): it has no criterion, no weight, and the explanation says it was not scored.
"""

from datetime import date

from pydantic import BaseModel

from job_profiles.profile import JobProfile
from job_profiles.protected import unscored_ids
from scoring.criteria import CriterionScore, score_requirement
from screener.models import Candidate
from screener.months import Month
from screener.vocabulary import FACT_KINDS

# A must-have counts as met when its criterion passes; the failed ones are named, never hidden.


class CandidateScore(BaseModel):
    profile_id: str
    profile_version: int
    source_path: str
    source_sha256: str
    score: float  # 0–100
    must_have_passed: bool
    must_haves_failed: list[str]
    explanation: str
    criteria: list[CriterionScore]


_WORDS = {
    "zh": {"failed_must": "未满足必备：", "have": "具备：", "missing": "缺少：", "more": "等", "sep": "、", "join": "；",
           "unscored": "未评分（受保护属性，无书面理由）："},
    "en": {"failed_must": "must-have not met: ", "have": "has: ", "missing": "missing: ", "more": " etc.", "sep": ", ",
           "join": "; ", "unscored": "not scored (protected attribute, no justification): "},
}


def explain(criteria: list[CriterionScore], shown: int = 3, lang: str = "zh", unscored: list[str] | None = None) -> str:
    """One line HR can read: education and experience first, then what matched and what is missing.

    e.g. 本科（满足）；2年以上金融行业销售经验：3年2个月；具备：贷前调查、贷后管理；缺少：抵押贷款经验
    Soft skills are not listed as missing: they are claims a résumé may simply not make.
    """
    w = _WORDS["en" if lang == "en" else "zh"]
    facts = [c.summary for c in criteria if c.kind in FACT_KINDS]
    terms = sorted((c for c in criteria if c.kind not in FACT_KINDS), key=lambda c: -c.weight)
    have = [c.label for c in terms if c.passed]
    missing = [c.label for c in terms if not c.passed and c.kind != "soft_skill"]
    failed_must = [c.label for c in criteria if c.must_have and not c.passed]
    parts = list(facts)
    if failed_must:
        parts.append(w["failed_must"] + w["sep"].join(failed_must))
    if have:
        parts.append(w["have"] + w["sep"].join(have[:shown]) + (w["more"] if len(have) > shown else ""))
    if missing:
        parts.append(w["missing"] + w["sep"].join(missing[:shown]) + (w["more"] if len(missing) > shown else ""))
    if unscored:
        parts.append(w["unscored"] + w["sep"].join(unscored))
    return w["join"].join(parts)


def score_candidate(candidate: Candidate, profile: JobProfile) -> CandidateScore:
    reference = Month.of(date.fromisoformat(candidate.reference_date))
    lang = profile.language
    skip = unscored_ids(profile)
    scored = [req for req in profile.requirements if req.id not in skip]
    unscored = [req.label.en if lang == "en" and req.label.en else req.label.zh for req in profile.requirements if req.id in skip]
    criteria = [score_requirement(req, candidate, reference, lang) for req in scored]
    total_weight = sum(c.weight for c in criteria)
    total = 100.0 * sum(c.weight * c.score for c in criteria) / total_weight if total_weight else 0.0
    failed = [c.id for c in criteria if c.must_have and not c.passed]
    return CandidateScore(
        profile_id=profile.id,
        profile_version=profile.version,
        source_path=candidate.source.path,
        source_sha256=candidate.source.sha256,
        score=round(total, 2),
        must_have_passed=not failed,
        must_haves_failed=failed,
        explanation=explain(criteria, lang=lang, unscored=unscored),
        criteria=criteria,
    )
