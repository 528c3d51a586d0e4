"""`screener profiles lint`: requirements on protected attributes are found, cited and never scored
without a per-requirement justification. The seed's 「25-30岁」 (贷款客户经理岗位职责5) is the worked example."""

import subprocess
import sys
from pathlib import Path

import pytest

from job_profiles.profile import ProfileError, load_profile, parse_profile
from job_profiles.protected import attributes_in, lint_file
from scoring.score import score_candidate
from screener.models import Candidate, SourceInfo, TextLine

BASE = """\
id: lint_probe
version: 1
title:
  zh: 贷款助理
  en: Loan assistant
source: "贷款客户经理岗位职责5"
requirements:
  - id: communication
    kind: skill
    label:
      zh: 沟通能力
      en: Communication
    synonyms: [沟通能力, communication]
    source: "「有良好的沟通表达能力」"
"""

AGE_BAND = """\
  - id: age_band
    kind: personal_attribute
    attribute: age
    min_age: 25
    max_age: 30
    label:
      zh: 25-30岁
      en: Aged 25-30
    source: "贷款客户经理岗位职责5 任职要求1：「25-30岁,男女不限」"
"""


def write(tmp_path: Path, text: str, name: str = "probe.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def lint_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "screener.cli", "profiles", "lint", *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=60, check=False)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def candidate(*lines: tuple[str, str], age: int | None = None) -> Candidate:
    c = Candidate(source=SourceInfo(path="x.txt", sha256="0" * 64, format="txt"), reference_date="2026-06-30",
                  lines=[TextLine(section=s, text=t) for s, t in lines])
    if age is not None and hasattr(c, "personal"):
        c.personal.age = age
    return c


def test_the_seed_age_band_fails_lint_with_file_line_law_and_fix(tmp_path):
    text = BASE + AGE_BAND
    path = write(tmp_path, text)
    done = lint_cli(str(path))
    assert done.returncode == 1
    first = done.stdout.splitlines()[0]
    assert first.startswith(f"{path}:{line_of(text, 'attribute: age')}: age:")
    assert "25-30岁" in first and "not scored" in first
    assert "就业促进法" in done.stdout and "PIPL art. 24" in done.stdout
    assert "fix: drop the age band" in done.stdout


def test_an_unjustified_age_band_is_not_scored_and_the_row_says_so(tmp_path):
    profile = load_profile(write(tmp_path, BASE + AGE_BAND))
    result = score_candidate(candidate(("skills", "沟通能力强")), profile)
    assert [c.id for c in result.criteria] == ["communication"]
    assert result.score == pytest.approx(85.0)  # the skill alone, age carries no weight
    assert "未评分" in result.explanation and "25-30岁" in result.explanation


def test_a_justified_requirement_passes_lint_and_is_scored(tmp_path):
    justified = AGE_BAND.replace("    source:", "    justification: \"statutory minimum age of 18 for the work (test only)\"\n    source:")
    path = write(tmp_path, BASE + justified)
    done = lint_cli(str(path))
    assert done.returncode == 0, done.stdout
    assert "justified (scored)" in done.stdout
    result = score_candidate(candidate(("skills", "沟通能力强"), age=40), load_profile(path))
    assert [c.id for c in result.criteria] == ["communication", "age_band"]
    if "personal" in Candidate.model_fields:  # the extracted age, where the extractor provides it
        assert not result.criteria[1].passed  # 40 is outside 25-30


@pytest.mark.parametrize(
    ("synonym", "attribute"),
    [
        ("已婚已育", "marital_status"),
        ("本地户口", "household_registration"),
        ("籍贯湖北", "native_place"),
        ("无乙肝", "health"),
        ("hepatitis B negative", "health"),
        ("限男性", "gender"),
        ("汉族", "ethnicity"),
        ("无宗教信仰", "religion"),
        ("35岁以下", "age"),
    ],
)
def test_protected_words_in_an_ordinary_requirement_are_flagged_and_not_scored(tmp_path, synonym, attribute):
    text = BASE.replace("synonyms: [沟通能力, communication]", f"synonyms: [沟通能力, communication, {synonym}]")
    path = write(tmp_path, text)
    findings = lint_file(path)
    assert attribute in [f.attribute for f in findings]
    assert {f.line for f in findings} == {line_of(text, synonym)}
    result = score_candidate(candidate(("skills", "沟通能力强")), load_profile(path))
    assert result.criteria == [] and result.score == 0.0


@pytest.mark.parametrize("text", ["男女不限", "年龄不限", "不限户籍", "贷后管理", "客户关系管理", "management", "风险管理"])
def test_neutral_and_ordinary_words_are_not_flagged(text):
    assert attributes_in(text) == []


def test_lint_reports_a_profile_that_does_not_load_with_exit_2(tmp_path):
    broken = BASE + AGE_BAND.replace("    min_age: 25\n    max_age: 30\n", "")
    path = write(tmp_path, broken)
    with pytest.raises(ProfileError, match="min_age or max_age"):
        load_profile(path)
    done = lint_cli(str(path))
    assert done.returncode == 2 and f"{path}:" in done.stderr


def test_bundled_profiles_lint_clean_from_the_command_line():
    done = lint_cli("loan_account_manager", "loan_agency_assistant", "loan_contract_legal",
                    "tobacco_account_manager", "property_service_manager", "client_service_manager")
    assert done.returncode == 0, done.stdout
    assert done.stdout.count(": ok") == 6


def test_location_requirement_ignores_native_place_lines():
    profile = parse_profile(BASE.replace("kind: skill", "kind: location").replace(
        "synonyms: [沟通能力, communication]", "synonyms: [宜昌, Yichang]"))
    born_there = candidate(("basic", "籍贯：湖北宜昌"), ("basic", "现居地：武汉"))
    lives_there = candidate(("basic", "现居地：湖北宜昌"))
    assert score_candidate(born_there, profile).score == 0.0
    assert score_candidate(lives_there, profile).score > 0.0


@pytest.mark.parametrize(
    ("old", "new", "marker", "expect"),
    [
        ("    min_age: 25\n    max_age: 30\n", "", "- id: age_band", "needs min_age or max_age"),
        ("attribute: age", "attribute: height", "attribute: height", "Input should be 'age'"),
        ("    min_age: 25\n", "    min_age: 25\n    justification: short\n", "justification: short", "at least 10 characters"),
    ],
)
def test_mistakes_in_the_new_kinds_name_the_line(tmp_path, old, new, marker, expect):
    text = BASE + AGE_BAND.replace(old, new)
    path = write(tmp_path, text)
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert str(info.value).startswith(f"{path}:{line_of(text, marker)}:") and expect in str(info.value)


# --- the lint's wordings: requirements as real adverts write them, and lines that ask for nothing ----------
# (wording, the protected attributes it asks for). Invented in the style of Chinese and English job
# adverts; the negatives are the lines that used to misfire or easily could.
WORDINGS: list[tuple[str, set[str]]] = [
    # gender
    ("限男性，能适应出差", {"gender"}),
    ("男性优先", {"gender"}),
    ("女士优先", {"gender"}),
    ("仅招女生，形象气质佳", {"gender"}),
    ("男，25-35岁，大专以上学历", {"gender", "age"}),
    ("性别：女", {"gender"}),
    ("宝妈优先，时间自由", {"gender", "childbearing"}),
    ("联系人：刘先生，女士优先", {"gender"}),
    ("Male candidates preferred", {"gender"}),
    ("Ladies only, pleasant appearance", {"gender"}),
    # age
    ("35岁以下", {"age"}),
    ("年龄25-35周岁", {"age"}),
    ("35周岁及以下，特别优秀者可放宽", {"age"}),
    ("年龄不超过40岁", {"age"}),
    ("限90后", {"age"}),
    ("年轻有活力，有亲和力", {"age"}),
    ("Aged 25 to 35", {"age"}),
    ("Candidates must be under 30", {"age"}),
    ("No older than 40 years old", {"age"}),
    # marriage and children
    ("已婚已育", {"marital_status", "childbearing"}),
    ("未婚，能接受长期驻外", {"marital_status"}),
    ("三年内无生育计划", {"childbearing"}),
    ("Married with children preferred", {"marital_status", "childbearing"}),
    # 户口 and native place
    ("本地户口", {"household_registration"}),
    ("具有北京市户籍", {"household_registration"}),
    ("需有上海户口，非农业户口优先", {"household_registration"}),
    ("Local hukou required", {"household_registration"}),
    ("本地人优先", {"native_place"}),
    # health
    ("身体健康，无传染病", {"health"}),
    ("身体健康无传染病", {"health"}),
    ("无乙肝，能通过入职体检", {"health"}),
    ("体检合格", {"health"}),
    ("In good health, no disabilities", {"health"}),
    ("身心健康，能承受较大工作压力", {"health"}),
    # nothing asked
    ("男女不限", set()),
    ("性别、年龄不限", set()),
    ("男女不限，年龄不限", set()),
    ("籍贯不限，户口不限", set()),
    ("联系人：刘女士", set()),
    ("联系人：王先生", set()),
    ("简历请发送至HR邮箱，联系人：陈小姐 13800000000", set()),
    ("Contact: Ms. Liu, liu@example.com", set()),
    ("Please contact Mr. Wang for details", set()),
    ("Over 10 years of banking experience", set()),
    ("3年以上银行信贷工作经验", set()),
    ("持有效健康证", set()),
    ("有女装门店销售经验", set()),
    ("熟悉年轻客户群体的消费习惯", set()),
    ("有婚庆策划经验者优先", set()),
    ("统招本科及以上学历，应届毕业生亦可", set()),
    ("We are an equal opportunity employer; all applicants are considered regardless of gender, age, religion or disability", set()),
]


@pytest.mark.parametrize(("wording", "expected"), WORDINGS, ids=[w for w, _ in WORDINGS])
def test_the_lint_finds_what_a_wording_asks_for_and_nothing_else(wording, expected):
    assert set(attributes_in(wording)) == expected


def _drafted_findings(wording: str) -> set[str]:
    """The protected attributes `profiles from-jd` flags in an advert whose one requirement is ``wording``."""
    from job_profiles.from_jd import draft_from_text

    english = wording.isascii()
    advert = (f"Loan Officer\nRequirements:\n- {wording}\n" if english else f"贷款专员岗位职责\n任职要求：\n1、{wording}\n")
    _, draft = draft_from_text(advert)
    drafted = {r["attribute"] for r in draft.requirements if r["kind"] == "personal_attribute"}
    assert {r["id"] for r in draft.requirements if r["kind"] == "personal_attribute"} == set(draft.flagged)
    said = {a.split(")")[0].removeprefix("FLAGGED (") for a in draft.assumptions if a.startswith("FLAGGED (")}
    return drafted | said


@pytest.mark.parametrize(("wording", "expected"), WORDINGS, ids=[w for w, _ in WORDINGS])
def test_drafting_from_an_advert_flags_the_same_findings(wording, expected):
    assert _drafted_findings(wording) == expected


@pytest.mark.parametrize(("summary", "code"), [("联系人：刘女士，电话 010-12345678", 0), ("联系人：王先生", 0), ("女士优先", 1)])
def test_a_contact_person_in_a_profile_is_not_a_finding(tmp_path, summary, code):
    path = write(tmp_path, BASE.replace('source: "贷款客户经理岗位职责5"', f'summary: "{summary}"\nsource: "贷款客户经理岗位职责5"'))
    done = lint_cli(str(path))
    assert done.returncode == code, done.stdout
    if code:
        assert "gender" in done.stdout and "就业促进法" in done.stdout and "PIPL art. 24" in done.stdout


@pytest.mark.parametrize(("wording", "bounds"), [
    ("35周岁及以下，特别优秀者可放宽", (None, 35)), ("年龄不超过40岁", (None, 40)), ("男，25-35岁，大专以上学历", (25, 35)),
    ("Aged 25 to 35", (25, 35)), ("Candidates must be under 30", (None, 30)), ("No older than 40 years old", (None, 40)),
])
def test_a_drafted_age_requirement_keeps_the_adverts_bounds(wording, bounds):
    from job_profiles.from_jd import draft_profile

    advert = f"Loan Officer\nRequirements:\n- {wording}\n" if wording.isascii() else f"贷款专员岗位职责\n任职要求：\n1、{wording}\n"
    (age,) = [r for r in draft_profile(advert).requirements if r.kind == "personal_attribute" and r.attribute == "age"]
    assert (age.min_age, age.max_age, age.justification) == (*bounds, None)
