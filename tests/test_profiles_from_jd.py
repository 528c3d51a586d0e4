"""`screener profiles from-jd` on the job-advert paragraphs of the seed, against the hand-written profiles."""

import subprocess
import sys

import pytest
import yaml

from job_profiles.from_jd import draft_from_text, draft_profile, draft_yaml
from job_profiles.profile import bundled_profiles, load_profile
from job_profiles.protected import lint_profile
from tests.test_profiles import SEED_PATH


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


def advert(seed: str, start: str, end: str) -> str:
    i = seed.index(start)
    return seed[i : seed.index(end, i + len(start))]


def variant(seed: str, n: int) -> str:
    ends = {1: "贷款客户经理岗位职责21", 2: "贷款客户经理岗位职责31", 4: "贷款客户经理岗位职责5", 5: "客户经理应具备的基本素质"}
    starts = {1: "贷款客户经理岗位职责1岗位职责", 2: "贷款客户经理岗位职责21", 4: "贷款客户经理岗位职责4", 5: "贷款客户经理岗位职责5"}
    return advert(seed, starts[n], ends[n])


def reqs(profile, kind):
    return [r for r in profile.requirements if r.kind == kind]


def hand(pid):
    return load_profile(bundled_profiles()[pid])


def test_variant_1_matches_the_hand_written_loan_profile(seed):
    draft = draft_profile(variant(seed, 1))
    written = hand("loan_account_manager")
    (edu,) = reqs(draft, "education")
    written_edu = reqs(written, "education")[0]
    assert edu.min_degree == written_edu.min_degree  # associate (专科及以上)
    assert set(edu.majors) == {"管理", "市场营销", "经济", "金融"} <= set(written_edu.majors)
    assert not edu.must_have, "任职资格1 says the degree 可放宽: not a must-have, as in the hand-written profile"
    (industry,) = reqs(draft, "industry_experience")
    written_industry = next(r for r in written.requirements if r.id == "financial_sales_experience")
    assert industry.min_months == written_industry.min_months == 24
    assert industry.must_have
    assert len(set(industry.synonyms) & set(written_industry.synonyms)) >= 8
    loans = next(r for r in reqs(draft, "skill") if "抵押贷款" in r.synonyms)
    written_loans = next(r for r in written.requirements if r.id == "loan_business_experience")
    assert set(loans.synonyms) == {"小微企业贷款", "零售贷款", "个贷", "抵押贷款"} <= set(written_loans.synonyms)
    soft = {r.id for r in reqs(draft, "soft_skill")}
    assert {"stress_tolerance", "teamwork", "initiative"} <= soft
    assert any("户外" in a for a in draft.assumptions), "the outdoor-work condition is dropped, and said so"
    assert any("贷后管理" in r.synonyms for r in reqs(draft, "skill")), "duty 3 yields 贷后管理"
    assert any("清收" in r.synonyms for r in reqs(draft, "skill")), "duty 4 yields 清收"


def test_variant_5_keeps_the_age_line_flagged_and_unscored(seed):
    text = variant(seed, 5)
    out = draft_yaml(text, "loan_assistant_draft")
    draft = draft_profile(text, "loan_assistant_draft")
    (age,) = reqs(draft, "personal_attribute")
    assert (age.attribute, age.min_age, age.max_age, age.justification) == ("age", 25, 30, None)
    assert "# FLAGGED (age band)" in out
    findings = lint_profile(draft, out, "<draft>")
    assert [f.attribute for f in findings] == ["age"] and not findings[0].justified
    assert not [r for r in reqs(draft, "personal_attribute") if r.attribute == "gender"], "男女不限 is not a requirement"
    assert any("男女不限" in a for a in draft.assumptions)
    written = hand("loan_agency_assistant")
    (edu,) = reqs(draft, "education")
    assert edu.min_degree == reqs(written, "education")[0].min_degree and edu.must_have
    (industry,) = reqs(draft, "industry_experience")
    assert industry.min_months == 12 and not industry.must_have, "an industry read from the title is not a must-have"
    assert {"贷款", "银行"} <= set(industry.synonyms) & set(reqs(written, "industry_experience")[0].synonyms)
    tracking = next(r for r in reqs(draft, "skill") if "过件" in r.synonyms)
    assert {"过件", "办理抵押", "放款"} <= set(tracking.synonyms) & set(
        next(r for r in written.requirements if r.id == "loan_progress_tracking").synonyms)
    assert any("认同度" in a for a in draft.assumptions)


def test_variant_4_matches_the_legal_profile(seed):
    draft = draft_profile(variant(seed, 4))
    written = hand("loan_contract_legal")
    (edu,) = reqs(draft, "education")
    assert edu.min_degree.value == "bachelor" and edu.must_have
    (industry,) = reqs(draft, "industry_experience")
    assert industry.min_months == 24 and "工程机械" in industry.synonyms
    legal = {s for r in reqs(draft, "skill") for s in r.synonyms}
    written_legal = set(next(r for r in written.requirements if r.id == "legal_practice").synonyms)
    assert {"企业法务"} <= legal & written_legal
    assert any("出差" in a for a in draft.assumptions)


def test_a_duties_only_advert_gives_duty_skills_and_no_invented_requirements(seed):
    draft = draft_profile(variant(seed, 2))
    assert {r.kind for r in draft.requirements} == {"skill"}
    assert any("销售计划" in r.synonyms for r in draft.requirements)


def test_every_seed_advert_drafts_a_valid_profile(seed):
    for start, end in [("客户经理岗位职责2客户经理", "客户经理岗位职责31."), ("客户经理岗位职责31.", "客户经理应具备的“六种能力”——聆听")]:
        draft = draft_profile(advert(seed, start, end))
        assert len(draft.requirements) >= 5


ENGLISH = """\
Relationship Manager, SME Lending

Responsibilities:
- Originate and manage a portfolio of SME loans and mortgage loans
- Conduct credit investigation and write credit reports

Requirements:
- Bachelor's degree in finance, economics or accounting
- 3+ years of experience in banking or microfinance
- Experience with SME lending, retail lending or mortgage loans
- CET-6 or fluent English
- Male candidates under 35 preferred
- Work location: Shenzhen
- Strong communication skills
"""


def test_an_english_advert():
    _, draft = draft_from_text(ENGLISH)
    profile = draft_profile(ENGLISH)
    assert profile.language == "en" and profile.title.en == "Relationship Manager, SME Lending"
    (edu,) = reqs(profile, "education")
    assert edu.min_degree.value == "bachelor" and edu.majors == ["finance", "economics", "accounting"]
    (industry,) = reqs(profile, "industry_experience")
    assert industry.min_months == 36 and {"bank", "microfinance"} <= set(industry.synonyms)
    assert {"SME lending", "mortgage loans"} <= {s for r in reqs(profile, "skill") for s in r.synonyms}
    (language,) = reqs(profile, "language")
    assert language.min_level == "cet6"
    (location,) = reqs(profile, "location")
    assert location.synonyms == ["Shenzhen"]
    flagged = sorted(r.attribute for r in reqs(profile, "personal_attribute"))
    assert flagged == ["age", "gender"] and set(draft.flagged) == {r.id for r in reqs(profile, "personal_attribute")}


def test_cli_prints_yaml_and_rejects_a_missing_file(tmp_path, seed):
    path = tmp_path / "advert.txt"
    path.write_text(variant(seed, 1), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "screener.cli", "profiles", "from-jd", str(path), "--id", "loan_draft"],
                          capture_output=True, text=True, encoding="utf-8", timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert yaml.safe_load(done.stdout)["id"] == "loan_draft"
    missing = subprocess.run([sys.executable, "-m", "screener.cli", "profiles", "from-jd", str(tmp_path / "nope.txt")],
                             capture_output=True, text=True, encoding="utf-8", timeout=60, check=False)
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_the_variant_1_draft_ranks_the_loan_samples_like_the_hand_written_profile(seed):
    from datetime import date

    import polars as pl

    from flows.pipeline import find_resumes, screen_chunk
    from outputs.tables import candidates_frame, results_frame
    from tests.conftest import SAMPLE_RESUMES
    from tests.test_sample_ranking import EXPECTED_TIERS

    chunk = screen_chunk(find_resumes([SAMPLE_RESUMES]), [draft_profile(variant(seed, 1), "loan_draft")], date(2026, 6, 30))
    ranked = results_frame(chunk.scores, candidates_frame(chunk.candidates)).with_columns(
        stem=pl.col("source_path").str.extract(r"([^/\\]+)\.[a-z0-9]+$"))
    ranks = dict(ranked.select("stem", "rank").iter_rows())
    tiers = EXPECTED_TIERS["loan_account_manager"]
    assert {ranks[stem] for stem, _ in tiers["strong"]} == {1, 2}
    for strong, _ in tiers["strong"]:
        for weak, _ in tiers["unqualified"]:
            assert ranks[strong] < ranks[weak]


COLLECTIONS_ADVERT = """\
Collections and Recovery Officer

Responsibilities
- Track and collect overdue and delinquent loans
- Structure and price consumer, auto, equipment and mortgage loans in line with credit policy
- Negotiate repayment plans with borrowers, document every contact and refer accounts for legal action

Requirements
- 2+ years of collections experience at a bank or credit union
"""


def test_an_english_duty_drafts_whole_phrases_not_fragments():
    profile = draft_profile(COLLECTIONS_ADVERT)
    duties = [r for r in reqs(profile, "skill") if r.id.startswith("duty")]
    synonyms = [s for r in duties for s in r.synonyms]
    assert "Track and collect overdue and delinquent loans" in duties[0].synonyms
    # Single words out of a duty ("auto", "Structure", "equipment") would match any résumé.
    assert not {"auto", "Structure", "equipment", "Track", "collect overdue", "delinquent loans"} & set(synonyms)
    assert all(len(s.split()) >= 2 for s in synonyms)
    assert "Negotiate repayment plans with borrowers" in duties[2].synonyms
