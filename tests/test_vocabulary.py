"""screener.vocabulary is the one list of words: each wording in it reaches extraction, advert
drafting, scoring and the table labels alike, so a wording added there is understood everywhere."""

from datetime import date
from typing import get_args

import pytest
import yaml

from extractors.fields.candidate import extract_candidate, stated_experience_years
from extractors.fields.contacts import find_emails, find_phones
from extractors.fields.education import degree_of
from extractors.fields.industry import industry_of
from extractors.text.dates import find_date_ranges
from extractors.text.normalize import number_of
from job_profiles.from_jd import draft_profile
from job_profiles.profile import JobProfile, ProfileError, Requirement, parse_profile
from outputs.labels import value
from scoring.criteria import SCORERS, months_zh
from scoring.score import score_candidate
from screener.models import Document, SourceInfo, TextLine
from screener.privacy import mask_contact_details
from screener.resources import data_path
from screener.vocabulary import (
    ADVERT_LANGUAGE_LEVELS,
    DEGREE_ORDER,
    DEGREES,
    LANGUAGE_LEVELS,
    REQUIREMENT_KINDS,
    Degree,
    LanguageLevel,
    cn_number,
    industries,
)

SOURCE = SourceInfo(path="probe.txt", sha256="0" * 64, format="txt")


def candidate_of(text: str):
    return extract_candidate(Document(source=SOURCE, text=text), date(2026, 6, 30))


def profile(*requirements: str, language: str = "zh") -> JobProfile:
    body = "\n".join(f"  - {{{r}, label: {{zh: 要求}}, source: test quote}}" for r in requirements)
    return parse_profile(f"id: probe\ntitle: {{zh: 岗位}}\nlanguage: {language}\nsource: test profile\nrequirements:\n{body}\n")


def drafted(requirement_line: str, kind: str) -> list:
    return [r for r in draft_profile(f"任职要求：\n1、{requirement_line}\n").requirements if r.kind == kind]


# --- degrees ----------------------------------------------------------------------------------

SHARED = [(d, w) for d, words in DEGREES.items() for w in words.shared]


@pytest.mark.parametrize(("degree", "word"), SHARED, ids=[w for _, w in SHARED])
def test_a_shared_degree_wording_means_the_same_in_a_resume_and_in_an_advert(degree, word):
    assert degree_of(f"2014.09-2018.06 示例学院 金融学 {word}") == degree
    (education,) = drafted(f"{word}及以上学历", "education")
    assert education.min_degree == degree


@pytest.mark.parametrize("degree", list(Degree))
def test_each_degree_is_named_alike_in_the_explanation_and_the_table(degree):
    words = DEGREES[degree]
    c = candidate_of(f"教育背景\n2014.09-2018.06 示例学院 金融学 {words.zh}")
    assert c.highest_degree == degree
    result = score_candidate(c, profile("id: degree, kind: education, min_degree: below_secondary"))
    assert result.criteria[0].summary.startswith(words.zh)
    english = score_candidate(c, profile("id: degree, kind: education, min_degree: below_secondary", language="en"))
    assert english.criteria[0].summary.startswith(words.en_phrase)
    assert (value("highest_degree", degree.value, "zh"), value("highest_degree", degree.value, "en")) == (words.zh, words.en)


ADVERT_ONLY = [(d, w) for d, words in DEGREES.items() for w in words.advert]


@pytest.mark.parametrize(("degree", "word"), ADVERT_ONLY, ids=[w for _, w in ADVERT_ONLY])
def test_an_advert_wording_drafts_its_degree(degree, word):
    advert = f"{word}及以上学历" if not word.isascii() else f"Requirements:\n- {word} degree or above in finance\n"
    (education,) = drafted(advert, "education") if not word.isascii() else [
        r for r in draft_profile(advert).requirements if r.kind == "education"
    ]
    assert education.min_degree == degree


def test_a_universitys_name_is_no_degree_in_a_resume_though_an_advert_asks_for_one_with_it():
    assert degree_of("示例大学 金融学") is None
    (education,) = drafted("大学及以上学历", "education")
    assert education.min_degree == Degree.bachelor


def test_resume_wordings_are_checked_from_the_highest_degree_down():
    assert degree_of("示例大学 博士研究生") == Degree.doctorate
    assert degree_of("示例学院 工商管理 专升本") == Degree.bachelor
    assert sorted(DEGREES, key=DEGREE_ORDER.__getitem__) == list(Degree)


# --- language levels --------------------------------------------------------------------------


def test_profiles_accept_exactly_the_levels_scoring_knows():
    assert set(get_args(LanguageLevel)) == set(LANGUAGE_LEVELS)
    assert {level for _, level in ADVERT_LANGUAGE_LEVELS} <= set(LANGUAGE_LEVELS)


@pytest.mark.parametrize("level", list(LANGUAGE_LEVELS))
def test_a_level_on_a_resume_meets_its_own_requirement_and_not_a_higher_one(level):
    rank, names = LANGUAGE_LEVELS[level]
    c = candidate_of(f"语言能力\n{names[0]}")
    assert score_candidate(c, profile(f"id: english, kind: language, min_level: {level}")).criteria[0].passed
    for higher, (higher_rank, _) in LANGUAGE_LEVELS.items():
        if higher_rank > rank:
            assert not score_candidate(c, profile(f"id: english, kind: language, min_level: {higher}")).criteria[0].passed, higher


@pytest.mark.parametrize(("wording", "level"), [("英语专业八级", "tem8"), ("英语六级", "cet6"), ("CET-4", "cet4"), ("雅思7分", "ielts7")])
def test_an_advert_asks_for_the_level_it_names(wording, level):
    (language,) = drafted(f"{wording}及以上", "language")
    assert language.min_level == level


# --- industries -------------------------------------------------------------------------------


def test_each_industry_has_a_label_in_both_languages():
    raw = yaml.safe_load(data_path("lexicons", "industries.yaml").read_text(encoding="utf-8"))
    assert all(set(spec["label"]) == {"zh", "en"} for spec in raw.values())
    assert [i.name for i in industries()] == list(raw)
    assert all(i.zh and i.en for i in industries())


@pytest.mark.parametrize("industry", industries(), ids=lambda i: i.name)
def test_every_keyword_of_an_industry_classifies_an_employer_into_it(industry):
    # The first industry with a matching keyword wins: a keyword shadowed by an earlier one is dead.
    assert [k for k in industry.keywords if industry_of(k) != industry.name] == []


def test_a_profile_names_only_industries_of_the_list():
    names = ", ".join(i.name for i in industries())
    assert profile(f"id: bank, kind: industry_experience, min_months: 12, synonyms: [银行], industries: [{names}]")
    with pytest.raises(ProfileError, match="unknown industry 'fintech'"):
        profile("id: bank, kind: industry_experience, min_months: 12, synonyms: [银行], industries: [fintech]")


def test_scoring_counts_an_industrys_months_as_extraction_does():
    c = candidate_of(
        "工作经历\n2016.07-2019.06 示例农商银行 客户经理\n2018.01-2020.12 示例银行股份有限公司 信贷员\n"
        "2021.01-至今 示例物业服务有限公司 客服\n"
    )
    months = {i.industry: i.months for i in c.industry_experience}
    assert months["rural_credit"] + months["banking"] > 54  # the two overlap: 2016.07-2020.12 is 54 months
    result = score_candidate(c, profile("id: bank, kind: industry_experience, min_months: 600, synonyms: [无此词], industries: [banking, rural_credit]"))
    assert result.criteria[0].summary.endswith(months_zh(54))
    alone = score_candidate(c, profile("id: bank, kind: industry_experience, min_months: 600, synonyms: [无此词], industries: [rural_credit]"))
    assert alone.criteria[0].summary.endswith(months_zh(months["rural_credit"]))


# --- Chinese numerals -------------------------------------------------------------------------


@pytest.mark.parametrize(("numeral", "number"), [("一", 1), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("三十五", 35), ("年", None), ("", None)])
def test_chinese_numbers(numeral, number):
    assert cn_number(numeral) == number
    assert number_of(numeral) == (number or 0)


def test_numerals_in_dates_resume_claims_and_adverts():
    (dates,) = find_date_ranges("二〇一一年七月—二零一三年十二月 示例银行")
    assert (str(dates.start), str(dates.end)) == ("2011-07", "2013-12")
    assert stated_experience_years([TextLine(section="summary", text="十二年银行工作经验")]) == 12
    (years,) = drafted("两年以上银行工作经验", "industry_experience")
    assert years.min_months == 24
    (half,) = drafted("半年以上银行工作经验", "industry_experience")
    assert half.min_months == 6


# --- requirement kinds ------------------------------------------------------------------------


def test_every_requirement_kind_has_a_schema_and_a_scorer():
    schema_kinds = {get_args(member.model_fields["kind"].annotation)[0] for member in get_args(get_args(Requirement)[0])}
    assert schema_kinds == set(REQUIREMENT_KINDS) == set(SCORERS)


# --- what extraction provides once for scoring and outputs -----------------------------------


def test_a_denied_skill_is_found_denied_at_extraction_and_not_scored():
    c = candidate_of("自我评价\n暂无贷后管理经验，熟悉Excel\n技能\n持有银行从业资格，正在备考CPA\n")
    denial = next(line for line in c.lines if "暂无" in line.text)
    assert "贷后管理" not in denial.claimed and "Excel" in denial.claimed
    result = score_candidate(c, profile("id: loans, kind: skill, synonyms: [贷后管理]", "id: excel, kind: skill, synonyms: [Excel]",
                                        "id: cpa, kind: certificate, synonyms: [CPA]", "id: bank, kind: certificate, synonyms: [银行从业资格]"))
    assert [c.passed for c in result.criteria] == [False, True, False, True]


@pytest.mark.parametrize("text", ["电话：138-0000-0001 邮箱：zhang.san@example.com", "Tel: +852 5555 0000 | jane@example.org", "手机 13900001111"])
def test_the_tables_hide_every_contact_extraction_finds(text):
    masked = mask_contact_details(text, "[hidden]")
    found = find_phones(text) + find_emails(text)
    assert found and not any(item in masked.replace(" ", "").replace("-", "") for item in found)
