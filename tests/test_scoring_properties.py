"""Properties any user would rely on, checked with hypothesis over many generated résumés:
scores stay in range, a matching skill line never lowers a score, and the order of the résumé's
sections never changes it."""

from datetime import date
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.fields.candidate import extract_candidate
from extractors.fields.not_held import with_claims
from extractors.readers.document import read_document
from extractors.text.headings import heading_section
from job_profiles.profile import JobProfile, bundled_profiles, load_profile
from scoring.criteria import SECTION_WEIGHT
from scoring.score import score_candidate
from screener.models import (
    Candidate,
    Degree,
    Document,
    EducationEntry,
    SourceInfo,
    TextLine,
    WorkEntry,
)
from tests.conftest import SAMPLE_RESUMES

REFERENCE = date(2026, 6, 30)
SECTIONS = sorted(SECTION_WEIGHT) + ["header", "other"]


@cache
def profiles() -> tuple[JobProfile, ...]:
    return tuple(load_profile(p) for p in bundled_profiles().values())


@cache
def sample_lines() -> tuple[str, ...]:
    """Real résumé wording to draw lines from (plus random text below)."""
    lines: list[str] = []
    for path in sorted(SAMPLE_RESUMES.glob("*.txt")):  # some are GBK: read them as the screener does
        document = read_document(path)
        lines += [line.strip() for line in getattr(document, "text", "").splitlines() if line.strip()]
    return tuple(lines)


@cache
def synonyms() -> tuple[str, ...]:
    return tuple(sorted({s for p in profiles() for r in p.requirements for s in (getattr(r, "synonyms", None) or [])}))


text_lines = st.one_of(st.sampled_from(sample_lines()), st.text(min_size=1, max_size=40))
months = st.integers(min_value=0, max_value=600)


@st.composite
def candidates(draw) -> Candidate:
    degree = draw(st.none() | st.sampled_from(list(Degree)))
    jobs = draw(st.lists(st.tuples(st.sampled_from(["示例农商银行", "示例烟草公司", "示例物业公司", "Example Bank", "示例科技公司"]),
                                   st.integers(2000, 2026), st.integers(1, 12), months), max_size=4))
    experience = [
        WorkEntry(employer=employer, title=draw(st.sampled_from(["客户经理", "信贷员", "客服主管", "engineer"])),
                  start=f"{year:04d}-{month:02d}", end=None if i == 0 else f"{min(2026, year + 1):04d}-{month:02d}",
                  is_current=i == 0, months=m, evidence=f"{year}.{month:02d} {employer}")
        for i, (employer, year, month, m) in enumerate(jobs)
    ]
    return Candidate(
        source=SourceInfo(path="generated.txt", sha256="0" * 64, format="txt"),
        highest_degree=degree,
        education=[EducationEntry(degree=degree, major=draw(st.sampled_from(["金融", "美术", "物业管理", "finance", None])))] if degree else [],
        experience=experience,
        total_experience_months=draw(months),
        reference_date=REFERENCE.isoformat(),
        lines=[with_claims(TextLine(section=s, text=t)) for s, t in draw(st.lists(st.tuples(st.sampled_from(SECTIONS), text_lines), max_size=25))],
    )


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(candidates())
def test_scores_stay_in_range(candidate):
    for profile in profiles():
        result = score_candidate(candidate, profile)
        assert 0.0 <= result.score <= 100.0
        assert all(0.0 <= c.score <= 1.0 for c in result.criteria)
        assert result.must_have_passed == (not result.must_haves_failed)


@FAST
@given(candidates(), st.sampled_from(SECTIONS), st.data())
def test_adding_a_matching_skill_line_never_lowers_a_score(candidate, section, data):
    synonym = data.draw(st.sampled_from(synonyms()))
    prefix = data.draw(st.sampled_from(["", "熟悉", "负责", "• ", "Experienced in "]))
    added = candidate.model_copy(update={"lines": [*candidate.lines, with_claims(TextLine(section=section, text=prefix + synonym))]})
    for profile in profiles():
        before, after = score_candidate(candidate, profile), score_candidate(added, profile)
        assert after.score >= before.score, (profile.id, synonym)
        for old, new in zip(before.criteria, after.criteria):
            assert new.score >= old.score, (profile.id, old.id, synonym)


# --- reordering the sections of real résumés ----------------------------------------------------

ORDER_SAMPLES = ["loan_strong_zhang_ceshi.pdf", "loan_borderline_wang_yangben.txt", "property_strong_wei_shili.txt",
                 "tobacco_strong_zhou_shili.docx", "service_strong_zhu_shili.pdf"]


@cache
def blocks(name: str) -> tuple[Document, tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The document, its header lines, and its sections (each a heading line and what follows)."""
    document = read_document(SAMPLE_RESUMES / name)
    lines = [line for line in document.text.splitlines() if line.strip()]
    starts = [i for i, line in enumerate(lines) if heading_section(line)]
    header = tuple(lines[: starts[0]])
    sections = tuple(tuple(lines[a:b]) for a, b in zip(starts, starts[1:] + [len(lines)]))
    return document, header, sections


def scores_of(document: Document, text: str) -> list[tuple[str, float, list[float]]]:
    candidate = extract_candidate(document.model_copy(update={"text": text}), REFERENCE)
    return [(r.profile_id, r.score, [c.score for c in r.criteria]) for r in (score_candidate(candidate, p) for p in profiles())]


@settings(max_examples=12, deadline=None)
@given(st.sampled_from(ORDER_SAMPLES), st.randoms(use_true_random=False))
def test_reordering_sections_never_changes_a_score(name, rnd):
    document, header, sections = blocks(name)
    assert len(sections) >= 4, f"{name}: expected a résumé with sections"
    shuffled = list(sections)
    rnd.shuffle(shuffled)
    original = "\n".join([*header, *(line for block in sections for line in block)])
    reordered = "\n".join([*header, *(line for block in shuffled for line in block)])
    assert scores_of(document, reordered) == scores_of(document, original)
