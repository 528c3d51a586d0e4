"""The bundled job profiles load, cite the seed or say what they assume, and bad profiles fail clearly.

Run from the repo root: ``PYTHONPATH=. python -m pytest tests/test_profiles.py -q``.
"""

import re
from pathlib import Path

import pytest

from job_profiles.profile import (
    BUNDLED_PROFILES_DIR,
    JobProfile,
    ProfileError,
    bundled_profiles,
    load_profile,
)
from screener.models import Degree

# The seed document the profiles quote, copied into the fixtures (see tests/fixtures/README.md).
SEED_PATH = Path(__file__).resolve().parent / "fixtures" / "seed_job_descriptions.txt"

EXPECTED_IDS = {
    "loan_account_manager",
    "loan_agency_assistant",
    "loan_contract_legal",
    "tobacco_account_manager",
    "property_service_manager",
    "client_service_manager",
}

# A quotation of the seed is written 「…」 inside ``source``; it must be verbatim.
QUOTE = re.compile(r"「([^」]+)」")
MIN_QUOTE_CHARS = 6

# Synonyms so generic they would match nearly every résumé line.
TOO_GENERIC = {"管理", "客户", "服务", "销售", "工作", "经验", "能力", "sales", "service", "management", "customer"}


def _load_all() -> dict[str, JobProfile]:
    return {pid: load_profile(path) for pid, path in bundled_profiles().items()}


@pytest.fixture(scope="module")
def profiles() -> dict[str, JobProfile]:
    return _load_all()


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


def _requirements(profiles: dict[str, JobProfile]):
    for pid, profile in profiles.items():
        for req in profile.requirements:
            yield pid, req


# --- the bundled profiles -------------------------------------------------------------------


def test_all_roles_are_bundled():
    assert set(bundled_profiles()) == EXPECTED_IDS


@pytest.mark.parametrize("pid", sorted(EXPECTED_IDS))
def test_bundled_profile_validates(pid):
    path = BUNDLED_PROFILES_DIR / f"{pid}.yaml"
    profile = load_profile(path)
    assert profile.id == pid, "file name must equal the profile id"
    assert profile.version == 1
    assert profile.title.zh and profile.title.en
    assert profile.summary and "\n" not in profile.summary.strip()
    hard = [r for r in profile.requirements if r.kind != "soft_skill"]
    assert 5 <= len(hard) <= 12, "a role is judged on 5-12 hard requirements; competencies come on top"
    assert len(profile.requirements) <= 40
    for req in profile.requirements:
        assert req.label.zh and req.label.en, f"{pid}.{req.id}: label needs zh and en"


def test_every_source_is_a_quotation_or_an_assumption(profiles):
    for pid, req in _requirements(profiles):
        src = req.source.strip()
        if src.startswith("assumption:"):
            reason = src.removeprefix("assumption:").strip()
            assert len(reason) >= 20, f"{pid}.{req.id}: an assumption must say why"
        else:
            quotes = QUOTE.findall(src)
            assert quotes, f"{pid}.{req.id}: source neither quotes the seed in 「」 nor starts with 'assumption:'"
            assert max(map(len, quotes)) >= MIN_QUOTE_CHARS, f"{pid}.{req.id}: quotation too short"


def test_quotations_are_verbatim_in_seed(profiles, seed_text):
    for pid, req in _requirements(profiles):
        if req.source.startswith("assumption:"):
            continue
        for quote in QUOTE.findall(req.source):
            assert quote in seed_text, f"{pid}.{req.id}: not in the seed: 「{quote}」"


def test_profile_sources_name_seed_sections(profiles, seed_text):
    # The section headings a profile cites must exist in the seed.
    headings = {
        "loan_account_manager": "贷款客户经理岗位职责1",
        "loan_agency_assistant": "贷款客户经理岗位职责5",
        "loan_contract_legal": "贷款客户经理岗位职责4",
        "tobacco_account_manager": "客户经理岗位职责2",
        "property_service_manager": "客户经理岗位职责3",
        "client_service_manager": "客户服务经理岗位的主要特点及要求",
    }
    for pid, heading in headings.items():
        assert heading in profiles[pid].source
        assert heading in seed_text


def test_assumption_sources_are_listed_in_profile_assumptions(profiles):
    for pid, profile in profiles.items():
        if any(r.source.startswith("assumption:") for r in profile.requirements):
            assert profile.assumptions, f"{pid}: assumed requirements but no assumptions listed"


def test_synonyms_are_specific(profiles):
    for pid, req in _requirements(profiles):
        synonyms = getattr(req, "synonyms", None)
        if synonyms is None:
            continue
        assert len(set(synonyms)) == len(synonyms), f"{pid}.{req.id}: duplicate synonyms"
        assert all(s.strip() == s and s for s in synonyms)
        generic = [s for s in synonyms if s.lower() in TOO_GENERIC]
        assert not generic, f"{pid}.{req.id}: synonyms too generic: {generic}"
        assert any(re.search(r"[\u4e00-\u9fff]", s) for s in synonyms), f"{pid}.{req.id}: no Chinese synonym"
        assert any(re.fullmatch(r"[A-Za-z][A-Za-z0-9 \-/&]*", s) for s in synonyms), f"{pid}.{req.id}: no English synonym"


def test_weights_stay_in_the_agreed_bands(profiles):
    # Soft skills weigh 0.1-0.5 and are never must-haves; hard requirements 0.3-3; a must-have is
    # never a minor item.
    for pid, req in _requirements(profiles):
        if req.kind == "soft_skill":
            assert 0.1 <= req.weight <= 0.5, f"{pid}.{req.id}: soft-skill weight {req.weight} out of band"
            assert not req.must_have, f"{pid}.{req.id}: a soft skill is never a must-have"
            continue
        assert 0.3 <= req.weight <= 3.0, f"{pid}.{req.id}: weight {req.weight} out of band"
        if req.must_have:
            assert req.weight >= 1.5, f"{pid}.{req.id}: a must-have should weigh at least 1.5"


# --- the loan account manager ---------------------------------------------------------------


def test_loan_profile_must_haves(profiles):
    loan = profiles["loan_account_manager"]
    reqs = {r.id: r for r in loan.requirements}
    assert {r.id for r in loan.requirements if r.must_have} == {
        "financial_sales_experience",
        "loan_business_experience",
    }

    fin = reqs["financial_sales_experience"]
    assert fin.kind == "industry_experience"
    assert fin.min_months == 24
    for word in ("银行", "农村信用社", "农信社", "农商行", "信用合作联社", "小额贷款公司", "担保公司", "bank", "credit union"):
        assert word in fin.synonyms

    loans = reqs["loan_business_experience"]
    assert loans.kind == "skill"
    for word in ("小微企业贷款", "零售贷款", "个贷", "个人贷款", "抵押贷款", "SME loans", "mortgage loans"):
        assert word in loans.synonyms


def test_loan_profile_education_is_relaxable(profiles):
    edu = next(r for r in profiles["loan_account_manager"].requirements if r.kind == "education")
    assert edu.min_degree is Degree.associate
    assert not edu.must_have
    assert "可放宽" in edu.source
    assert {"管理", "市场营销", "经济", "金融"} <= set(edu.majors)


def test_loan_agency_assistant_does_not_score_age(profiles):
    assistant = profiles["loan_agency_assistant"]
    for req in assistant.requirements:
        for text in (req.label.zh, req.label.en, req.source):
            assert "岁" not in text and "age" not in text.lower().split(), f"{req.id} mentions age"
    dropped = [a for a in assistant.assumptions if "25-30岁" in a]
    assert dropped and "age" in dropped[0].lower()
    exp = next(r for r in assistant.requirements if r.kind == "industry_experience")
    assert exp.min_months == 12


def test_loan_profile_carries_the_competency_model_and_the_twelve_mindsets(profiles, seed_text):
    loan = profiles["loan_account_manager"]
    soft = [r for r in loan.requirements if r.kind == "soft_skill"]
    mindsets = [r for r in soft if r.id.startswith("mindset_")]
    assert len(mindsets) == 12
    for req in mindsets:
        assert "业务思维" in req.source and "思维" in QUOTE.findall(req.source)[0]
    # 基本能力 1-5, 专业能力 1-4, 意识与品质 1-4 are each quoted by some requirement of the profile.
    quoted = " ".join(q for r in loan.requirements for q in QUOTE.findall(r.source))
    for item in ("沟通能力与协调能力", "商务谈判的能力", "抗挫能力", "情绪控制能力", "独立解决问题的能力",
                 "业务知识", "市场把握与市场营销能力", "管理客户和服务客户的能力", "收集与识别信息的能力",
                 "大局意识", "开放意识", "自省意识", "较高的道德品质"):
        assert item in quoted, item
    assert {"沟通能力", "善于沟通", "communication"} <= set(next(r for r in soft if r.id == "communication_negotiation").synonyms)


def test_loan_contract_legal_is_its_own_role(profiles):
    legal = profiles["loan_contract_legal"]
    reqs = {r.id: r for r in legal.requirements}
    assert {r.id for r in legal.requirements if r.must_have} == {
        "education_bachelor", "legal_practice", "construction_machinery_experience"}
    assert reqs["education_bachelor"].min_degree is Degree.bachelor
    assert reqs["construction_machinery_experience"].min_months == 24
    assert {"律师事务所", "企业法务", "lawyer"} <= set(reqs["legal_practice"].synonyms)
    assert any("出差" in a for a in legal.assumptions), "the dropped working condition is stated"
    # Nothing of the loan officer's lending must-haves is asked of the legal role.
    assert not any("贷款业务经验" in r.source for r in legal.requirements)


def test_bundled_profiles_lint_clean():
    from job_profiles.protected import lint_file

    for pid, path in bundled_profiles().items():
        assert lint_file(path) == [], pid


# --- broken profiles ------------------------------------------------------------------------

GOOD = """\
id: broken_probe
version: 1
title:
  zh: 测试
  en: Probe
source: "test fixture"
requirements:
  - id: communication
    label:
      zh: 沟通能力
      en: Communication
    kind: skill
    synonyms: [沟通能力, communication]
    weight: 0.5
    source: "a test source"
"""


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_good_fixture_loads(tmp_path):
    path = tmp_path / "good.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert load_profile(path).requirements[0].id == "communication"


@pytest.mark.parametrize(
    ("case", "old", "new", "marker", "expect"),
    [
        # the line with the wrong kind
        ("wrong_kind", "kind: skill", "kind: skills", "kind: skills", "does not match"),
        # a missing field is reported on the requirement it belongs to
        ("missing_source", '    source: "a test source"\n', "", "- id: communication", "source"),
        ("negative_weight", "weight: 0.5", "weight: -2", "weight: -2", "greater than 0"),
        # a key indented deeper than its siblings
        ("bad_indentation", "    synonyms:", "      synonyms:", "synonyms:", "not valid YAML"),
        ("tab_indentation", "    weight: 0.5", "\tweight: 0.5", "weight: 0.5", "not valid YAML"),
        ("unknown_field", "    weight: 0.5", "    wieght: 0.5", "wieght", "wieght"),
        ("bad_degree", "    kind: skill\n    synonyms: [沟通能力, communication]",
         "    kind: education\n    min_degree: college", "min_degree: college", "min_degree"),
    ],
)
def test_broken_profile_names_file_and_line(tmp_path, case, old, new, marker, expect):
    assert old in GOOD
    text = GOOD.replace(old, new)
    path = tmp_path / f"{case}.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    message = str(info.value)
    line = _line_of(text, marker)
    assert message.startswith(f"{path}:{line}:"), f"expected {path}:{line}, got: {message}"
    assert expect in message


def test_missing_file_is_a_profile_error(tmp_path):
    with pytest.raises(ProfileError, match="cannot read profile"):
        load_profile(tmp_path / "nope.yaml")


def test_duplicate_requirement_ids(tmp_path):
    req = GOOD[GOOD.index("  - id: communication"):]
    path = tmp_path / "dupes.yaml"
    path.write_text(GOOD + req, encoding="utf-8")
    with pytest.raises(ProfileError, match="repeated: communication"):
        load_profile(path)


@pytest.mark.parametrize("pid", sorted(bundled_profiles()))
def test_bundled_assumptions_are_written_in_chinese_too(pid):
    """HR reads the assumptions in the workbook's 汇总 and the report: one Chinese line per English one."""
    profile = load_profile(bundled_profiles()[pid])
    assert len(profile.assumptions_zh) == len(profile.assumptions) > 0
    assert all(re.search(r"[\u4e00-\u9fff]{4}", line) for line in profile.assumptions_zh)
