"""What README.md promises about ranking and scoring, one table row per stated rule.

Each row quotes the README in its id and is a small invented case: a tiny résumé text through the
real extractor and scorer, or ranked rows through the real ranking. When a rule is changed in the
code, its row fails; when the README is changed, the row's quotation shows what to revisit. Three
rules quoted here (bare years, a denied term, a certificate still being studied for) moved with the
extraction rules to docs/extraction.md, word for word.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date

import polars as pl
import pytest

from extractors.fields.candidate import extract_candidate
from job_profiles.profile import parse_profile
from outputs.tables import candidates_frame, results_frame
from scoring.score import CandidateScore, score_candidate
from screener.models import Candidate, Document, SourceInfo

REFERENCE = date(2026, 6, 30)
# Far from REFERENCE, so a rule that counted to today instead of the reference date would show.
TODAY = date(2031, 1, 15)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- scoring: a profile and a résumé text in, criterion scores and the total out --------------------


@dataclass(frozen=True)
class ScoreRow:
    requirements: str  # YAML items of the profile's ``requirements:`` list
    resume: str  # the résumé's text, as a reader would hand it over
    # Expected criterion scores (0–1) by requirement id; "total" is the row's 0–100 score.
    scores: dict[str, float] = field(default_factory=dict)
    failed: tuple[str, ...] | None = None  # expected must_haves_failed, when the row is about them
    explanation_has: tuple[str, ...] = ()
    explanation_lacks: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()  # requirement ids that must have no criterion at all


def _profile(requirements: str):
    return parse_profile(f"id: promise\ntitle: {{zh: 测试岗位}}\nsource: invented for a test\nrequirements:\n{requirements}")


def _scored(row: ScoreRow) -> CandidateScore:
    document = Document(source=SourceInfo(path="promise.txt", sha256=_sha(row.resume), format="txt"), text=row.resume)
    candidate = extract_candidate(document, REFERENCE, today=TODAY)
    return score_candidate(candidate, _profile(row.requirements))


def req(kind: str, rid: str = "r", **fields: object) -> str:
    """One requirement as a YAML flow mapping (label and source filled in)."""
    extra = "".join(f", {k}: {v}" for k, v in fields.items())
    return f"  - {{id: {rid}, kind: {kind}, label: {{zh: {rid}}}, source: invented{extra}}}\n"


BACHELOR = req("education", min_degree="bachelor")
BACHELOR_FINANCE = req("education", min_degree="bachelor", majors="[金融]")
SKILL = req("skill", synonyms="[贷后管理]")
FIVE_YEARS = req("experience", min_months=60)
FOUR_YEARS = req("experience", min_months=48)
JOB = "工作经历\n2020.07-2022.06 示例农商银行 客户经理\n"  # 24 months


def school(degree: str, major: str = "金融学") -> str:
    return f"教育背景\n2015.09-2019.06 示例财经大学 {major} {degree}\n"


SCORE_ROWS = [
    # --- Score -------------------------------------------------------------------------------
    pytest.param(
        ScoreRow(req("skill", "a", synonyms="[贷后管理]", weight=2) + req("skill", "b", synonyms="[抵押贷款]", weight=1),
                 JOB + "负责贷后管理\n自我评价\n熟悉抵押贷款",
                 {"a": 1.0, "b": 0.6, "total": 100 * (2 * 1.0 + 1 * 0.6) / 3}),
        id="Score: 'the total is the weighted mean × 100' (Σ weight × score ÷ Σ weight × 100)",
    ),
    pytest.param(
        ScoreRow(req("skill", "a", synonyms="[贷后管理]") + req("skill", "b", synonyms="[抵押贷款]", weight=3),
                 JOB + "负责贷后管理", {"a": 1.0, "b": 0.0, "total": 25.0}),
        id="Defaults and weights: 'a requirement without one weighs 1'",
    ),
    pytest.param(
        ScoreRow(BACHELOR, school("硕士"), {"r": 1.0}),
        id="education: 'at or above the minimum 1' (硕士 for 本科)",
    ),
    pytest.param(
        ScoreRow(BACHELOR, school("本科"), {"r": 1.0}),
        id="education: 'at or above the minimum 1' (本科 for 本科)",
    ),
    pytest.param(
        ScoreRow(BACHELOR, school("大专"), {"r": 0.5}),
        id="Score: 'one level below the minimum earns half' (大专 for 本科)",
    ),
    pytest.param(
        ScoreRow(BACHELOR, school("中专"), {"r": 0.0}),
        id="education: 'one level below 0.5, lower 0' (中专 for 本科)",
    ),
    pytest.param(
        ScoreRow(BACHELOR_FINANCE, school("本科", "汉语言文学"), {"r": 0.75}),
        id="Score: 'preferred majors are a quarter of it' (right degree, other major: 0.75)",
    ),
    pytest.param(
        ScoreRow(BACHELOR_FINANCE, school("本科", "金融学"), {"r": 1.0}),
        id="education: 'with majors, the major is a quarter of it (fuzzy match of the candidate's majors to the list)'",
    ),
    pytest.param(
        ScoreRow(FOUR_YEARS, JOB, {"r": 24 / 48}),
        id="Score: 'total and industry experience as months held ÷ months required'",
    ),
    pytest.param(
        ScoreRow(req("experience", min_months=12), JOB, {"r": 1.0}),
        id="Score: experience '(capped at 1'",
    ),
    pytest.param(
        ScoreRow(FIVE_YEARS, "工作经历\n2019.07-2021.06 示例农商银行 客户经理\n2020.07-2022.06 示例小额贷款有限公司 信贷员",
                 {"r": 36 / 60}),
        id="Score: 'overlapping jobs counted once'",
    ),
    pytest.param(
        ScoreRow(FIVE_YEARS, JOB + "实习经历\n2019.07-2020.06 示例银行股份有限公司 实习生", {"r": 24 / 60}),
        id="Score: 'internships ... not counted'",
    ),
    pytest.param(
        ScoreRow(FIVE_YEARS, JOB + "2018.07-2020.06 示例超市有限公司 兼职收银员", {"r": 24 / 60}),
        id="Score: 'part-time (兼职) jobs not counted'",
    ),
    pytest.param(
        ScoreRow(FIVE_YEARS, JOB + "2018.07-2020.06 待业（备考公务员）\n2016.07-2018.06 全职妈妈", {"r": 24 / 60}),
        id="Score: 'nor time off a résumé lists as an entry (待业, 备考, 全职妈妈)'",
    ),
    pytest.param(
        ScoreRow(FOUR_YEARS, "工作经历\n2024.07-至今 示例农商银行 客户经理", {"r": 24 / 48}),
        id="Score: '至今/present counted to the reference date'",
    ),
    pytest.param(
        ScoreRow(FIVE_YEARS, "工作经历\n2016-2019 示例超市有限公司 店员", {"r": 36 / 60}),
        id="Extraction: 'A range of bare years (2016-2019 示例超市) is read from July to June, 36 months'",
    ),
    pytest.param(
        ScoreRow(req("industry_experience", min_months=48, synonyms="[信贷]", industries="[banking]"),
                 "Work Experience\nJul 2020 – Jun 2022 Example Bank Ltd, Teller\n2022.07-2023.06 示例科技有限公司 信贷专员"
                 "\n2023.07-2024.06 示例科技有限公司 行政专员",
                 {"r": 36 / 48}),
        id="industry_experience: 'months in jobs whose employer was classified into one of industries "
           "(...works for English résumés too) or whose employer, title or dated line matches a synonym ÷ min_months'",
    ),
    pytest.param(
        ScoreRow(req("skill", "near", synonyms="[loan management]") + req("skill", "far", synonyms="[贷后管理与逾期清收工作]"),
                 "Work Experience\nloan managment of SME loans\n负责贷后管理与逾期清理工作",
                 # partial_ratio 96.6 (one letter missing) is a match; 90.9 (one character changed in 11) is not.
                 # (Two words: a phrase of three or more also earns the share of its words a line covers.)
                 {"near": pytest.approx(0.966, abs=0.001), "far": 0.0}),
        id="Score: 'a match must reach 92.5/100'",
    ),
    pytest.param(
        ScoreRow(SKILL, JOB + "负责贷后管理", {"r": 1.0}),
        id="Score: 'Evidence from work experience counts in full'",
    ),
    pytest.param(
        ScoreRow(SKILL, "项目经历\n贷后管理系统上线", {"r": 1.0}),
        id="Section weights: '工作经历/projects ... 1.0' (项目经历)",
    ),
    pytest.param(
        ScoreRow(SKILL, "证书\n贷后管理师证书", {"r": 1.0}),
        id="Section weights: 'certificates ... 1.0'",
    ),
    pytest.param(
        ScoreRow(req("skill", synonyms="[英语口语]"), "语言能力\n英语口语流利", {"r": 1.0}),
        id="Section weights: 'languages 1.0'",
    ),
    pytest.param(
        ScoreRow(SKILL, "专业技能\n贷后管理", {"r": 0.85}),
        id="Score: 'the same words in a skills list count 0.85'",
    ),
    pytest.param(
        ScoreRow(SKILL, "培训经历\n贷后管理专题培训", {"r": 0.85}),
        id="Section weights: 'a skills list and training 0.85' (培训经历)",
    ),
    pytest.param(
        ScoreRow(SKILL, "教育背景\n主修课程：贷后管理", {"r": 0.8}),
        id="Section weights: 'education, the header and 基本信息 0.8' (教育背景)",
    ),
    pytest.param(
        ScoreRow(SKILL, "王测试\n贷后管理方向", {"r": 0.8}),
        id="Section weights: 'education, the header and 基本信息 0.8' (the header)",
    ),
    pytest.param(
        ScoreRow(SKILL, "基本信息\n意向：贷后管理", {"r": 0.8}),
        id="Section weights: 'education, the header and 基本信息 0.8' (基本信息)",
    ),
    pytest.param(
        ScoreRow(SKILL, "自我评价\n熟悉贷后管理", {"r": 0.6}),
        id="Score: 'in 自我评价/summary 0.6'",
    ),
    pytest.param(
        ScoreRow(SKILL, "求职意向\n贷后管理岗", {"r": 0.5}),
        id="Score: 'in 求职意向/objective 0.5'",
    ),
    pytest.param(
        ScoreRow(SKILL, "求职意向\n贷后管理岗\n" + JOB + "负责贷后管理", {"r": 1.0}),
        id="skill: 'best section-weighted fuzzy match of any synonym in any résumé line'",
    ),
    pytest.param(
        ScoreRow(req("certificate", synonyms="[银行从业资格]"), "证书\n银行从业人员资格证书", {"r": 1.0}),
        id="certificate: 'a synonym that names one in certificates.jsonl brings all its wordings "
           "(银行从业资格 is also met by 银行从业人员资格证书)'",
    ),
    pytest.param(
        ScoreRow(SKILL, JOB + "暂无贷后管理经验", {"r": 0.0}),
        id="Extraction: 'nor is a term in a clause that denies it (暂无贷后管理经验...)'",
    ),
    pytest.param(
        ScoreRow(req("certificate", synonyms="[CPA]"), "证书\n正在备考CPA", {"r": 0.0}),
        id="Extraction: 'A certificate the résumé says is still being studied for (正在备考CPA...) is neither listed nor scored as held'",
    ),
    pytest.param(
        ScoreRow(req("language", min_level="cet4"), "自我评价\n已通过英语六级", {"r": 0.85}),
        id="language: 'the level or any higher one written as such (CET-6/英语六级 meets cet4), at least 0.85'",
    ),
    pytest.param(
        ScoreRow(req("language", min_level="cet6"), "语言能力\n英语：CET-4", {"r": 0.0}),
        id="language: 'the level or any higher one' (CET-4 does not meet cet6)",
    ),
    pytest.param(
        ScoreRow(req("location", synonyms="[成都]"), "基本信息\n籍贯：四川成都\n户口所在地：成都", {"r": 0.0}),
        id="location: 'lines with 籍贯/户口/户籍/出生地 are ignored'",
    ),
    pytest.param(
        ScoreRow(req("location", synonyms="[成都]"), "基本信息\n现居住地：成都", {"r": 0.8}),
        id="location: 'as skill, on where the candidate lives or wants to work'",
    ),
    # --- must-haves, soft skills, protected attributes -----------------------------------------
    pytest.param(
        ScoreRow(SKILL + req("skill", "mortgage", synonyms="[抵押贷款]", must_have="true", weight=1.5),
                 JOB + "负责贷后管理", {"r": 1.0, "mortgage": 0.0, "total": 100 / 2.5},
                 failed=("mortgage",), explanation_has=("未满足必备：mortgage",)),
        id="'must-have requirements mark a row, they never silently drop a candidate'",
    ),
    pytest.param(
        ScoreRow(SKILL + req("soft_skill", "communication", synonyms="[沟通能力]", weight=0.3), JOB + "负责贷后管理",
                 {"communication": 0.0}, explanation_lacks=("communication",)),
        id="soft_skill: 'never listed under 缺少'",
    ),
    pytest.param(
        ScoreRow(SKILL + req("soft_skill", "detective", synonyms="[实地核查]", interview="true", questions="[{zh: 问}]"),
                 JOB + "负责贷后管理\n自我评价\n重视实地核查", {"total": 100.0}, absent=("detective",),
                 explanation_lacks=("detective",)),
        id="Interview competencies: 'it weighs nothing in the score, has no column …, and is not named in the explanation'",
    ),
    pytest.param(
        ScoreRow(SKILL + req("personal_attribute", "age_band", attribute="age", min_age=25, max_age=30),
                 JOB + "负责贷后管理\n年龄：45岁", {"total": 100.0}, absent=("age_band",),
                 explanation_has=("未评分（受保护属性，无书面理由）：age_band",)),
        id="personal_attribute: '**never scored** without a justification'",
    ),
]


@pytest.mark.parametrize("row", SCORE_ROWS)
def test_scoring_keeps_the_readme_promise(row: ScoreRow) -> None:
    result = _scored(row)
    got = {c.id: c.score for c in result.criteria} | {"total": result.score}
    assert {k: got.get(k) for k in row.scores} == {k: pytest.approx(v, abs=0.01) if isinstance(v, float) else v for k, v in row.scores.items()}
    if row.failed is not None:
        assert (result.must_haves_failed, result.must_have_passed) == (list(row.failed), not row.failed)
        assert result.score > 0, "a failed must-have marks the row, it does not zero it"
    for text in row.explanation_has:
        assert text in result.explanation
    for text in row.explanation_lacks:
        assert text not in result.explanation
    for rid in row.absent:
        assert rid not in got


# --- ranking: scored rows in, the order within each profile out -------------------------------------


@dataclass(frozen=True)
class Row:
    path: str
    score: float
    failed: tuple[str, ...] = ()
    months: int = 0
    profile: str = "p"


@dataclass(frozen=True)
class RankRow:
    rows: tuple[Row, ...]  # in the order the screening happened to produce them
    expected: dict[str, tuple[str, ...]]  # per profile, the paths from rank 1 down


def _ranked(rows: tuple[Row, ...]) -> pl.DataFrame:
    scores = [
        CandidateScore(profile_id=r.profile, profile_version=1, source_path=r.path, source_sha256=_sha(r.path), score=r.score,
                       must_have_passed=not r.failed, must_haves_failed=list(r.failed), explanation="", criteria=[])
        for r in rows
    ]
    people = {r.path: r.months for r in rows}
    candidates = [
        Candidate(source=SourceInfo(path=path, sha256=_sha(path), format="txt"), total_experience_months=months, reference_date="2026-06-30")
        for path, months in people.items()
    ]
    return results_frame(scores, candidates_frame(candidates))


RANK_ROWS = [
    pytest.param(
        RankRow((Row("strong_but_failing.txt", 90.0, ("licence",)), Row("modest_passing.txt", 40.0)),
                {"p": ("modest_passing.txt", "strong_but_failing.txt")}),
        id="Ranking: 'rows that meet every must-have come first'",
    ),
    pytest.param(
        RankRow((Row("a_low.txt", 40.0), Row("b_high.txt", 80.0), Row("c_mid.txt", 60.0)),
                {"p": ("b_high.txt", "c_mid.txt", "a_low.txt")}),
        id="Ranking: 'then by score'",
    ),
    pytest.param(
        RankRow((Row("a_two_failed.txt", 50.0, ("x", "y"), months=120), Row("b_one_failed.txt", 50.0, ("x",), months=12)),
                {"p": ("b_one_failed.txt", "a_two_failed.txt")}),
        id="Ranking: 'ties go to fewer failed must-haves'",
    ),
    pytest.param(
        RankRow((Row("a_junior.txt", 50.0, months=12), Row("b_senior.txt", 50.0, months=60)),
                {"p": ("b_senior.txt", "a_junior.txt")}),
        id="Ranking: 'then more total experience'",
    ),
    pytest.param(
        RankRow(tuple(Row(f"{name}.txt", 50.0, months=24) for name in ("d", "b", "e", "a", "c")),
                {"p": ("a.txt", "b.txt", "c.txt", "d.txt", "e.txt")}),
        id="Ranking: 'then the file path (so a rerun gives the same order)'",
    ),
    pytest.param(
        RankRow((Row("a.txt", 30.0, profile="loan"), Row("b.txt", 70.0, profile="tobacco"), Row("b.txt", 20.0, profile="loan"),
                 Row("a.txt", 10.0, profile="tobacco")),
                {"loan": ("a.txt", "b.txt"), "tobacco": ("b.txt", "a.txt")}),
        id="Ranking: 'Within a profile' (each profile ranks from 1)",
    ),
]


@pytest.mark.parametrize("row", RANK_ROWS)
def test_ranking_keeps_the_readme_promise(row: RankRow) -> None:
    ranked = _ranked(row.rows)
    for profile, paths in row.expected.items():
        table = ranked.filter(pl.col("profile_id") == profile).sort("rank")
        assert table["source_path"].to_list() == list(paths)
        assert table["rank"].to_list() == list(range(1, len(paths) + 1))
    # A rerun that meets the files in another order ranks them the same.
    again = _ranked(tuple(reversed(row.rows)))
    assert again.select("profile_id", "rank", "source_path").equals(ranked.select("profile_id", "rank", "source_path"))
