"""A requirement is met in proportion to how much of it a résumé line covers (issue 17)."""

from extractors.fields.not_held import with_claims
from job_profiles.profile import parse_profile
from scoring.criteria import SECTION_WEIGHT
from scoring.score import score_candidate, score_candidates
from screener.models import Candidate, SourceInfo, TextLine

PROFILE = """\
id: collector
title: {zh: 催收专员, en: Collections officer}
language: en
source: "test profile"
requirements:
  - id: collections
    kind: skill
    label: {zh: 催收, en: Track and collect overdue and delinquent loans}
    synonyms: [Track and collect overdue and delinquent loans]
    source: "test source"
  - id: teamwork
    kind: soft_skill
    label: {zh: 团队合作, en: Works well in cross-functional teams}
    synonyms: [works well in cross-functional teams]
    source: "test source"
"""


def person(*texts: str, section: str = "experience") -> Candidate:
    return Candidate(
        source=SourceInfo(path="p.txt", sha256="0" * 64, format="txt"),
        reference_date="2026-06-30",
        lines=[with_claims(TextLine(section=section, text=t)) for t in texts],
    )


def collections(*texts: str):
    result = score_candidate(person(*texts), parse_profile(PROFILE))
    return next(c for c in result.criteria if c.id == "collections")


def test_one_generic_word_does_not_earn_a_duty():
    found = collections("Performance tracking and evaluation of gym members")
    assert found.score == 0 and not found.passed


def test_a_duty_is_met_in_proportion_to_the_words_the_line_covers():
    # track, collect, overdue, delinquent, loans: three of the five, then all five in other forms.
    part = collections("Collected overdue payments from delinquent accounts")
    whole = collections("Tracked and collected overdue, delinquent consumer loans")
    assert part.score == 0.6 * SECTION_WEIGHT["experience"] and part.passed
    assert part.evidence == "Collected overdue payments from delinquent accounts" and part.section == "experience"
    assert whole.score == 1.0 and whole.evidence == "Tracked and collected overdue, delinquent consumer loans"


def test_the_best_covering_line_is_the_evidence():
    found = collections("Collected delinquent accounts", "Tracked overdue and delinquent loans for collection")
    assert found.evidence == "Tracked overdue and delinquent loans for collection" and found.score == 1.0


def test_a_soft_skill_is_named_or_not():
    # A competency is a claim: half its words in a line ("teams") is no claim at all.
    result = score_candidate(person("Managed cross-functional teams of analysts"), parse_profile(PROFILE))
    assert next(c for c in result.criteria if c.id == "teamwork").score == 0


def test_many_candidates_score_as_one_at_a_time():
    people = [person("Collected overdue payments from delinquent accounts"), person("Performance tracking"), person()]
    profile = parse_profile(PROFILE)
    assert [row[0] for row in score_candidates(people, [profile])] == [score_candidate(p, profile) for p in people]
