"""A candidate against a profile: every criterion, the 0–100 total, must-haves and a one-line reason."""

from datetime import date

from pydantic import BaseModel

from extractors.dates import Month
from extractors.models import Candidate
from scoring.criteria import CriterionScore, score_requirement
from scoring.profile import JobProfile

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


def explain(criteria: list[CriterionScore], shown: int = 3) -> str:
    """One line HR can read: education and experience first, then what matched and what is missing.

    e.g. 本科（满足）；2年以上金融行业销售经验：3年2个月；具备：贷前调查、贷后管理；缺少：抵押贷款经验
    """
    facts = [c.summary for c in criteria if c.kind in ("education", "experience", "industry_experience")]
    terms = [c for c in criteria if c.kind in ("skill", "certificate")]
    have = [c.label for c in sorted(terms, key=lambda c: -c.weight) if c.passed]
    missing = [c.label for c in sorted(terms, key=lambda c: -c.weight) if not c.passed]
    failed_must = [c.label for c in criteria if c.must_have and not c.passed]
    parts = list(facts)
    if failed_must:
        parts.append("未满足必备：" + "、".join(failed_must))
    if have:
        parts.append("具备：" + "、".join(have[:shown]) + ("等" if len(have) > shown else ""))
    if missing:
        parts.append("缺少：" + "、".join(missing[:shown]) + ("等" if len(missing) > shown else ""))
    return "；".join(parts)


def score_candidate(candidate: Candidate, profile: JobProfile) -> CandidateScore:
    reference = Month.of(date.fromisoformat(candidate.reference_date))
    criteria = [score_requirement(req, candidate, reference) for req in profile.requirements]
    total_weight = sum(c.weight for c in criteria)
    total = 100.0 * sum(c.weight * c.score for c in criteria) / total_weight
    failed = [c.id for c in criteria if c.must_have and not c.passed]
    return CandidateScore(
        profile_id=profile.id,
        profile_version=profile.version,
        source_path=candidate.source.path,
        source_sha256=candidate.source.sha256,
        score=round(total, 2),
        must_have_passed=not failed,
        must_haves_failed=failed,
        explanation=explain(criteria),
        criteria=criteria,
    )
