"""A candidate against a profile: every criterion, the 0–100 total, must-haves and a one-line reason.

Weights are the profile's (default 1 per requirement): total = Σ weight·score / Σ weight × 100.
A requirement on a protected attribute without a ``justification`` is left out entirely (see
scoring/protected.py): it has no criterion, no weight, and the explanation says it was not scored.
An interview competency (``interview: true``) is matched all the same, but its criterion goes to
``interview``, not ``criteria``: no weight in the total, no column, no word in the explanation, unless
the profile sets ``score_interview_competencies``.
"""

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel

from job_profiles.profile import JobProfile, Requirement
from job_profiles.protected import unscored_ids
from scoring.coverage import cover_evidence
from scoring.criteria import SCORERS, SYNONYMS_ONLY, CriterionScore, requirement_terms, unmatched_criterion
from scoring.evidence import CandidateEvidence, EvidenceIndex, Hits, TermTable, evidence_index, match_evidence, term_table
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
    # Interview competencies left out of the score: what the résumé shows of each, for the interview guide.
    interview: list[CriterionScore] = []


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
    parts: list[str] = []  # the facts first
    terms: list[CriterionScore] = []
    failed_must: list[str] = []
    for c in criteria:  # one pass: this runs for every candidate and profile
        if c.kind in FACT_KINDS:
            parts.append(c.summary)
        else:
            terms.append(c)
        if c.must_have and not c.passed:
            failed_must.append(c.label)
    terms.sort(key=lambda c: -c.weight)  # stable: equal weights keep the profile's order
    have = [c.label for c in terms if c.passed]
    missing = [c.label for c in terms if not c.passed and c.kind != "soft_skill"]
    if failed_must:
        parts.append(w["failed_must"] + w["sep"].join(failed_must))
    if have:
        parts.append(w["have"] + w["sep"].join(have[:shown]) + (w["more"] if len(have) > shown else ""))
    if missing:
        parts.append(w["missing"] + w["sep"].join(missing[:shown]) + (w["more"] if len(missing) > shown else ""))
    if unscored:
        parts.append(w["unscored"] + w["sep"].join(unscored))
    return w["join"].join(parts)


@dataclass(frozen=True)
class ProfilePlan:
    profile: JobProfile
    slots: tuple[int, ...]  # its scored requirements, as indexes into ScoringPlan.requirements
    unscored: list[str]  # labels of the requirements left out (protected attribute, no justification)
    explanation: int  # profiles with the same slots and unscored labels share one explanation
    total_weight: float  # of the scored requirements, summed in their order as the criteria would be
    interview: tuple[int, ...] = ()  # its interview competencies left out of the score, as indexes too


@dataclass(frozen=True)
class ScoringPlan:
    """Profiles prepared once for any number of candidates."""

    profiles: list[ProfilePlan]
    requirements: list[tuple[Requirement, str]]  # distinct (requirement, language): scored once per candidate
    # Per requirement: its group of synonyms and what it scores when they match nowhere (None: ask the scorer).
    unmatched: list[tuple[int, CriterionScore] | None]
    terms: TermTable  # every synonym they ask about


def prepare_profiles(profiles: Sequence[JobProfile]) -> ScoringPlan:
    slot_of: dict[tuple[str, str], int] = {}
    requirements: list[tuple[Requirement, str]] = []
    explanation_of: dict[tuple[tuple[int, ...], str, tuple[str, ...]], int] = {}
    plans = []
    for profile in profiles:
        lang = profile.language
        skip = unscored_ids(profile)
        slots: list[int] = []
        interview: list[int] = []
        for req in profile.requirements:
            if req.id in skip:
                continue
            # The same requirement in two profiles (copies, shared blocks) is scored once.
            key = (lang, req.model_dump_json())
            if key not in slot_of:
                slot_of[key] = len(requirements)
                requirements.append((req, lang))
            (interview if _left_to_interview(profile, req) else slots).append(slot_of[key])
        unscored = [req.label.en if lang == "en" and req.label.en else req.label.zh for req in profile.requirements if req.id in skip]
        shared = explanation_of.setdefault((tuple(slots), lang, tuple(unscored)), len(explanation_of))
        weight = sum(req.weight for req in profile.requirements if req.id not in skip and not _left_to_interview(profile, req))
        plans.append(ProfilePlan(profile, tuple(slots), unscored, shared, weight, tuple(interview)))
    terms = term_table(terms for req, _ in requirements for terms in requirement_terms(req))
    unmatched = [
        (terms.ids[tuple(requirement_terms(req)[0])][0], unmatched_criterion(req, lang)) if req.kind in SYNONYMS_ONLY else None
        for req, lang in requirements
    ]
    return ScoringPlan(plans, requirements, unmatched, terms)


def _left_to_interview(profile: JobProfile, req: Requirement) -> bool:
    return req.interview and not profile.score_interview_competencies


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while scoring.

    Scoring makes millions of small objects without cycles (criteria, scores, dicts of matches), and
    the cyclic collector walked all those alive again and again: 40% of the criteria stage on 3,000
    real résumés. Reference counting frees them all the same; the collector resumes afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def scores_from(
    candidates: Sequence[Candidate], indexes: Sequence[EvidenceIndex], hits: Sequence[Hits], plan: ScoringPlan, covered: Sequence[Hits] | None = None
) -> list[list[CandidateScore]]:
    """Each candidate against each profile of ``plan``, from their prepared evidence and matches.

    ``covered`` is the partial credit of ``cover_evidence`` (computed here when not given).
    """
    with gc_paused():
        return _scores_from(candidates, indexes, hits, plan, covered)


def _scores_from(
    candidates: Sequence[Candidate], indexes: Sequence[EvidenceIndex], hits: Sequence[Hits], plan: ScoringPlan, covered: Sequence[Hits] | None
) -> list[list[CandidateScore]]:
    if covered is None:
        covered = cover_evidence(indexes, plan.terms)
    results = []
    for candidate, index, found, cover in zip(candidates, indexes, hits, covered, strict=True):
        reference = Month.of(date.fromisoformat(candidate.reference_date))
        evidence = CandidateEvidence(candidate, index, found, plan.terms, cover)
        scored = [
            missed[1] if missed and missed[0] not in evidence.matched else SCORERS[req.kind](req, candidate, reference, lang, evidence)
            for (req, lang), missed in zip(plan.requirements, plan.unmatched, strict=True)
        ]
        explanations: dict[int, str] = {}
        row = []
        for p in plan.profiles:
            criteria = [scored[slot] for slot in p.slots]
            total = 100.0 * sum(c.weight * c.score for c in criteria) / p.total_weight if p.total_weight else 0.0
            failed = [c.id for c in criteria if c.must_have and not c.passed]
            if p.explanation not in explanations:
                explanations[p.explanation] = explain(criteria, lang=p.profile.language, unscored=p.unscored)
            row.append(
                CandidateScore(
                    profile_id=p.profile.id,
                    profile_version=p.profile.version,
                    source_path=candidate.source.path,
                    source_sha256=candidate.source.sha256,
                    score=round(total, 2),
                    must_have_passed=not failed,
                    must_haves_failed=failed,
                    explanation=explanations[p.explanation],
                    criteria=criteria,
                    interview=[scored[slot] for slot in p.interview],
                )
            )
        results.append(row)
    return results


def score_candidates(candidates: Sequence[Candidate], profiles: Sequence[JobProfile] | ScoringPlan, workers: int = 1) -> list[list[CandidateScore]]:
    """Every candidate against every profile: ``result[i][j]`` scores ``candidates[i]`` against ``profiles[j]``.

    The same scores as ``score_candidate`` pair by pair, at a fraction of the cost: each candidate's
    lines are prepared once and every synonym of every profile is matched in one batched pass.
    ``workers`` are rapidfuzz's threads for the few ratings the pass leaves to it.
    """
    with gc_paused():
        plan = profiles if isinstance(profiles, ScoringPlan) else prepare_profiles(profiles)
        indexes = [evidence_index(c) for c in candidates]
        hits = match_evidence(indexes, plan.terms, workers=workers)
        return scores_from(candidates, indexes, hits, plan)


# Plans of single profiles, by their JSON: score_candidate is called once per candidate and profile.
_PLANS: dict[str, ScoringPlan] = {}
_PLANS_KEPT = 64


def score_candidate(candidate: Candidate, profile: JobProfile) -> CandidateScore:
    """One candidate against one profile; ``score_candidates`` scores many pairs at a fraction of the cost."""
    key = profile.model_dump_json()
    if (plan := _PLANS.get(key)) is None:
        if len(_PLANS) >= _PLANS_KEPT:
            del _PLANS[next(iter(_PLANS))]
        plan = _PLANS[key] = prepare_profiles([profile])
    return score_candidates([candidate], plan)[0][0]
