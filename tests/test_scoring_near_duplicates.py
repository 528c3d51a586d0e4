"""Near-duplicates of a strong résumé with one requirement removed: built here from the sample's own
text by dropping the lines that carry that requirement. The score drops for that requirement, and
for no requirement whose evidence was left in place."""

from datetime import date
from functools import cache

import pytest

from extractors.fields.candidate import extract_candidate
from extractors.readers.document import read_document
from job_profiles.profile import bundled_profiles, load_profile
from scoring.criteria import FUZZY_THRESHOLD, fuzzy_containment
from scoring.score import CandidateScore, score_candidate
from screener.models import Document
from tests.conftest import SAMPLE_RESUMES

REFERENCE = date(2026, 6, 30)
STRONG = {
    "loan_account_manager": "loan_strong_zhang_ceshi.pdf",
    "tobacco_account_manager": "tobacco_strong_zhou_shili.docx",
    "property_service_manager": "property_strong_wei_shili.txt",
    "client_service_manager": "service_strong_zhu_shili.pdf",
}
TERM_KINDS = {"skill", "certificate", "soft_skill"}


@cache
def document(name: str) -> Document:
    return read_document(SAMPLE_RESUMES / name)


def score(doc: Document, text: str, role: str) -> tuple[CandidateScore, object]:
    candidate = extract_candidate(doc.model_copy(update={"text": text}), REFERENCE)
    return score_candidate(candidate, load_profile(bundled_profiles()[role])), candidate


def carriers(synonyms: list[str], lines: list[str]) -> set[str]:
    """The résumé lines on which a requirement is matched."""
    if not lines:
        return set()
    ratios = fuzzy_containment(synonyms, lines).max(axis=0)
    return {line for line, r in zip(lines, ratios) if r >= FUZZY_THRESHOLD}


@pytest.mark.parametrize("role", list(STRONG))
def test_removing_one_requirement_lowers_that_score_and_no_other(role):
    doc = document(STRONG[role])
    lines = doc.text.splitlines()
    base, base_candidate = score(doc, doc.text, role)
    profile = load_profile(bundled_profiles()[role])
    # Interview competencies weigh nothing in the total, but are still matched: their 0–1 is checked too.
    before = {c.id: c for c in base.criteria + base.interview}
    tested = isolated = 0
    for req in profile.requirements:
        if req.kind not in TERM_KINDS or before[req.id].score == 0:
            continue
        dropped = carriers(req.synonyms, [line for line in lines if line.strip()])
        near, near_candidate = score(doc, "\n".join(line for line in lines if line not in dropped), role)
        if near_candidate.experience != base_candidate.experience or near_candidate.education != base_candidate.education:
            continue  # the requirement sat on a job or school line; that is a different résumé, not a near-duplicate
        after = {c.id: c for c in near.criteria + near.interview}
        tested += 1
        assert after[req.id].score < before[req.id].score, f"{role}: dropping {sorted(dropped)} left {req.id} at {after[req.id].score}"
        assert near.score < base.score or req.interview
        changed = set()
        for other in profile.requirements:
            if other.id == req.id:
                continue
            touched = other.kind in TERM_KINDS and carriers(other.synonyms, sorted(dropped))
            if not touched:
                assert after[other.id].score == before[other.id].score, (
                    f"{role}: dropping the lines of {req.id} changed {other.id}, whose evidence was left in place")
            elif after[other.id].score != before[other.id].score:
                changed.add(other.id)
        isolated += not changed
    assert tested >= 4, f"{role}: only {tested} requirements could be removed on their own"
    assert isolated >= 3, f"{role}: too few requirements sit on lines of their own ({isolated})"


@pytest.mark.parametrize("role", list(STRONG))
def test_removing_the_education_line_lowers_education_only(role):
    doc = document(STRONG[role])
    base, base_candidate = score(doc, doc.text, role)
    evidence = {e.evidence for e in base_candidate.education if e.evidence}
    assert evidence, f"{STRONG[role]}: no education line found"
    near, _ = score(doc, "\n".join(line for line in doc.text.splitlines() if line.strip() not in evidence), role)
    before, after = {c.id: c.score for c in base.criteria}, {c.id: c.score for c in near.criteria}
    changed = {cid for cid in before if before[cid] != after[cid]}
    education = {c.id for c in base.criteria if c.kind == "education"}
    assert changed == education and all(after[c] < before[c] for c in education)
