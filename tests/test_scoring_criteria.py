"""Per-criterion scores as HR reads them: evidence and section, section weights, new kinds, language."""

import pytest

from extractors.fields.not_held import with_claims
from job_profiles.profile import parse_profile
from scoring.criteria import SECTION_WEIGHT
from scoring.score import score_candidate
from screener.models import (
    Candidate,
    Degree,
    EducationEntry,
    SourceInfo,
    TextLine,
    WorkEntry,
)

PROFILE = """\
id: probe
title: {{zh: 信贷员, en: Loan officer}}
language: {language}
source: "test profile"
requirements:
  - id: degree
    kind: education
    label: {{zh: 大专及以上, en: Associate degree or higher}}
    min_degree: associate
    source: "test source"
  - id: bank_experience
    kind: industry_experience
    label: {{zh: 银行工作经验, en: Banking experience}}
    min_months: 24
    synonyms: [银行, bank]
    must_have: true
    source: "test source"
  - id: post_loan
    kind: skill
    label: {{zh: 贷后管理, en: Post-loan management}}
    synonyms: [贷后管理, post-loan management]
    weight: 2
    source: "test source"
  - id: mortgage
    kind: skill
    label: {{zh: 抵押贷款, en: Mortgage loans}}
    synonyms: [抵押贷款, mortgage loans]
    source: "test source"
  - id: english
    kind: language
    label: {{zh: 英语四级, en: CET-4 or better}}
    min_level: cet4
    source: "test source"
  - id: communication
    kind: soft_skill
    label: {{zh: 沟通能力, en: Communication}}
    synonyms: [沟通能力, communication]
    weight: 0.3
    source: "test source"
"""


def profile(language: str = "zh"):
    return parse_profile(PROFILE.format(language=language))


def person(*lines: tuple[str, str], degree: Degree | None = Degree.bachelor, bank_months: int = 38) -> Candidate:
    experience = [WorkEntry(employer="示例农商银行", title="信贷员", start="2023-04", end=None, is_current=True,
                            months=bank_months, evidence="2023.04 - 至今 示例农商银行 信贷员")] if bank_months else []
    return Candidate(
        source=SourceInfo(path="p.txt", sha256="0" * 64, format="txt"),
        highest_degree=degree,
        education=[EducationEntry(school="示例学院", degree=degree, major="金融", evidence="2015-2019 示例学院 金融 本科")] if degree else [],
        experience=experience,
        total_experience_months=bank_months,
        reference_date="2026-06-30",
        # What each line claims, as extraction finds it.
        lines=[with_claims(TextLine(section=s, text=t)) for s, t in lines],
    )


def criterion(result, cid):
    return next(c for c in result.criteria if c.id == cid)


def test_each_matched_criterion_names_its_sentence_and_section():
    result = score_candidate(person(("experience", "负责贷后管理与逾期清收")), profile())
    post_loan = criterion(result, "post_loan")
    assert (post_loan.score, post_loan.evidence, post_loan.section) == (1.0, "负责贷后管理与逾期清收", "experience")
    missing = criterion(result, "mortgage")
    assert (missing.score, missing.evidence, missing.passed) == (0.0, "", False)
    bank = criterion(result, "bank_experience")
    assert "示例农商银行" in bank.evidence and bank.section == "experience"
    assert all(0.0 <= c.score <= 1.0 for c in result.criteria)


def test_work_experience_counts_more_than_self_assessment():
    did = score_candidate(person(("experience", "负责贷后管理")), profile())
    claims = score_candidate(person(("summary", "熟悉贷后管理")), profile())
    assert criterion(did, "post_loan").score == SECTION_WEIGHT["experience"] == 1.0
    assert criterion(claims, "post_loan").score == SECTION_WEIGHT["summary"] == 0.6
    assert did.score > claims.score


def test_language_levels_accept_higher_levels_only():
    assert criterion(score_candidate(person(("languages", "英语：CET-6")), profile()), "english").passed
    assert criterion(score_candidate(person(("certificates", "大学英语四级证书")), profile()), "english").passed
    assert criterion(score_candidate(person(("languages", "通过大学英语6级")), profile()), "english").passed
    cet4_needed_six = parse_profile(PROFILE.format(language="zh").replace("min_level: cet4", "min_level: cet6"))
    assert not criterion(score_candidate(person(("languages", "英语：CET-4")), cet4_needed_six), "english").passed


def test_chinese_explanation_lists_facts_have_and_missing_but_not_soft_skills():
    result = score_candidate(person(("experience", "负责贷后管理")), profile())
    assert result.explanation.startswith("本科（满足）；银行工作经验：3年3个月")
    assert "具备：贷后管理" in result.explanation and "缺少：抵押贷款、英语四级" in result.explanation
    assert "沟通能力" not in result.explanation, "a soft skill the résumé does not claim is not listed as missing"


def test_english_profile_explains_in_english():
    result = score_candidate(person(("experience", "Post-loan management of SME loans")), profile("en"))
    assert result.explanation.startswith("bachelor's (meets); Banking experience: 3 yrs 3 mos")
    assert "has: Post-loan management" in result.explanation and "missing: Mortgage loans" in result.explanation
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in result.explanation.replace("示例", ""))


def test_failed_must_have_marks_the_row_and_names_the_rule():
    result = score_candidate(person(("experience", "负责贷后管理"), bank_months=0), profile())
    assert not result.must_have_passed and result.must_haves_failed == ["bank_experience"]
    assert "未满足必备：银行工作经验" in result.explanation
    assert result.score > 0, "a failed must-have lowers and marks the row; it does not zero it"


@pytest.mark.parametrize(("degree", "expected"), [(Degree.master, 1.0), (Degree.associate, 1.0), (Degree.secondary, 0.5), (Degree.below_secondary, 0.0)])
def test_education_is_ordinal(degree, expected):
    assert criterion(score_candidate(person(degree=degree), profile()), "degree").score == expected


def test_weights_are_the_profiles():
    light = parse_profile(PROFILE.format(language="zh").replace("weight: 2\n", "weight: 0.5\n"))
    text = person(("experience", "负责贷后管理"))
    assert score_candidate(text, profile()).score > score_candidate(text, light).score


def test_a_skill_the_resume_denies_does_not_count():
    denied = criterion(score_candidate(person(("summary", "暂无贷后管理经验，熟悉Excel")), profile()), "post_loan")
    assert (denied.passed, denied.score) == (False, 0.0)
    english = criterion(score_candidate(person(("summary", "No post-loan management experience yet.")), profile("en")), "post_loan")
    assert not english.passed


def test_a_certificate_being_studied_for_is_not_held():
    with_cert = parse_profile(PROFILE.format(language="zh").replace(
        "  - id: english\n",
        "  - id: banking_cert\n    kind: certificate\n    label: {zh: 银行从业资格, en: Banking qualification}\n"
        "    synonyms: [银行从业资格]\n    must_have: true\n    source: \"test source\"\n  - id: english\n"))
    studying = criterion(score_candidate(person(("certificates", "正在备考银行从业资格")), with_cert), "banking_cert")
    assert (studying.passed, studying.score) == (False, 0.0)
    held = criterion(score_candidate(person(("certificates", "持有银行从业资格，备考CPA")), with_cert), "banking_cert")
    assert held.passed and held.evidence == "持有银行从业资格，"
    # Another wording of the same certificate, which the profile does not list but the lexicon knows.
    other = criterion(score_candidate(person(("certificates", "银行从业人员资格证书")), with_cert), "banking_cert")
    assert other.passed and other.evidence == "银行从业人员资格证书"


def test_a_degree_still_being_studied_for_says_so():
    student = person(("education", "2022.09-至今 示例学院 金融 本科在读"))
    student = student.model_copy(update={"education": [EducationEntry(
        school="示例学院", degree=Degree.bachelor, major="金融", in_progress=True, evidence="2022.09-至今 示例学院 金融 本科在读")]})
    degree = criterion(score_candidate(student, profile()), "degree")
    assert degree.passed and "在读" in degree.summary
    assert "在读" not in criterion(score_candidate(person(("experience", "负责贷后管理")), profile()), "degree").summary
