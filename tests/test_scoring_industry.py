"""Industry experience counts jobs by the employer's industry, whatever the résumé's language."""

from datetime import date

import pytest

from extractors.fields.candidate import extract_candidate
from job_profiles.profile import ProfileError, bundled_profiles, load_profile, parse_profile
from scoring.score import score_candidate
from screener.models import Document, SourceInfo


def candidate_of(text: str):
    source = SourceInfo(path="mem.txt", sha256="0" * 64, format="txt")
    return extract_candidate(Document(source=source, text=text), date(2026, 6, 30))


def industry_criterion(text: str):
    profile = load_profile(bundled_profiles()["loan_account_manager"])
    scored = score_candidate(candidate_of(text), profile)
    return next(c for c in scored.criteria if c.id == "financial_sales_experience")


def test_an_english_securities_job_counts_as_financial_industry_experience():
    criterion = industry_criterion(
        "Work Experience\nCustomer Manager, Example Securities Co., Ltd. Qinghe Branch\nJul 2017 – Jun 2020\n"
    )
    assert criterion.passed and criterion.score == 1.0
    assert "Example Securities" in criterion.evidence


def test_a_job_outside_the_industries_does_not_count():
    criterion = industry_criterion("Work Experience\nChef, Example Hotel Co., Ltd.\nJul 2017 – Jun 2020\n")
    assert not criterion.passed and criterion.score == 0.0


def test_an_unknown_industry_code_is_a_profile_error_with_its_line():
    text = (
        "id: x\ntitle: {zh: 测试}\nsource: \"assumption: test\"\nrequirements:\n"
        "  - id: y\n    kind: industry_experience\n    label: {zh: 行业}\n    min_months: 12\n"
        "    industries: [banking, bakery]\n    synonyms: [银行]\n    source: \"assumption: test\"\n"
    )
    with pytest.raises(ProfileError, match=r"x.yaml:9: .*unknown industry 'bakery'"):
        parse_profile(text, "x.yaml")


def _criterion_of(profile_id: str, criterion_id: str, text: str):
    profile = load_profile(bundled_profiles()[profile_id])
    return next(c for c in score_candidate(candidate_of(text), profile).criteria if c.id == criterion_id)


@pytest.mark.parametrize("title", ["销售经理", "市场经理", "导购"])
def test_a_sales_or_marketing_title_counts_as_sales_work_for_the_tobacco_role(title):
    # The employer names no sales industry: the job title alone says what the work was.
    criterion = _criterion_of(
        "tobacco_account_manager", "sales_customer_experience", f"工作经历\n2016.07-2019.06 示例科技有限公司 {title}\n"
    )
    assert criterion.passed and criterion.score == 1.0
    assert title in criterion.evidence


def test_a_title_outside_sales_is_not_sales_work_for_the_tobacco_role():
    criterion = _criterion_of(
        "tobacco_account_manager", "sales_customer_experience", "工作经历\n2016.07-2019.06 示例科技有限公司 软件测试工程师\n"
    )
    assert not criterion.passed and criterion.score == 0.0



SERVICE_WORK = {"client_service_manager": "customer_service_experience", "property_service_manager": "property_management_experience"}


@pytest.mark.parametrize("profile_id", sorted(SERVICE_WORK))
@pytest.mark.parametrize("job", ["示例科技有限公司 前台", "示例商贸有限公司 客服主管", "示例置业有限公司 大堂经理"])
def test_a_front_line_service_title_counts_for_the_service_roles(profile_id, job):
    # Whatever the employer, a front desk or customer-service title is the service work these roles lead.
    criterion = _criterion_of(profile_id, SERVICE_WORK[profile_id], f"工作经历\n2014.07-2019.06 {job}\n")
    assert criterion.score == 1.0, criterion
    assert job.split()[1] in criterion.evidence


def test_a_hotel_job_counts_for_the_property_service_role():
    criterion = _criterion_of("property_service_manager", "property_management_experience", "工作经历\n2014.07-2019.06 示例大酒店有限公司 经理\n")
    assert criterion.score == 1.0 and "示例大酒店" in criterion.evidence


@pytest.mark.parametrize("profile_id", sorted(SERVICE_WORK))
def test_work_outside_service_does_not_count_for_the_service_roles(profile_id):
    criterion = _criterion_of(profile_id, SERVICE_WORK[profile_id], "工作经历\n2014.07-2019.06 示例科技有限公司 软件测试工程师\n")
    assert criterion.score == 0.0


@pytest.mark.parametrize(("profile_id", "criterion_id"), [("client_service_manager", "customer_satisfaction"), ("property_service_manager", "service_etiquette_satisfaction")])
def test_employee_satisfaction_is_not_customer_satisfaction(profile_id, criterion_id):
    # 满意度 alone is also an HR survey's: only the customers' or owners' satisfaction earns the service skill.
    job = "工作经历\n2014.07-2019.06 示例科技有限公司 人力资源经理\n"
    hr = _criterion_of(profile_id, criterion_id, job + "负责年度员工满意度调查与改进\n")
    service = _criterion_of(profile_id, criterion_id, job + "负责提升客户满意度\n")
    assert hr.score == 0.0
    assert service.score > 0.5 and "客户满意度" in service.evidence


@pytest.mark.parametrize("title", ["贷款专员", "个贷经理", "信贷经理"])
def test_a_loan_officer_title_meets_the_loan_musts_at_an_unnamed_lender(title):
    # The employer's name says no finance (信息咨询): the title says the person sold and ran loans.
    text = f"工作经历\n2014.07-2019.06 示例信息咨询有限公司 {title}\n"
    for criterion_id in ("financial_sales_experience", "loan_business_experience"):
        criterion = _criterion_of("loan_account_manager", criterion_id, text)
        assert criterion.passed and criterion.score > 0.5, criterion
        assert title in criterion.evidence


def test_a_developer_at_an_unnamed_lender_meets_no_loan_must():
    text = "工作经历\n2014.07-2019.06 示例信息咨询有限公司 软件工程师\n"
    for criterion_id in ("financial_sales_experience", "loan_business_experience"):
        assert not _criterion_of("loan_account_manager", criterion_id, text).passed
