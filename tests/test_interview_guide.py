"""Interview competencies leave the score; the shortlist's interview guide asks about them.

The guide is read back as HR gets it: interview_guide.xlsx through openpyxl, and the report's
section in headless chromium.
"""

import hashlib
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from extractors.fields.candidate import extract_candidate
from flows import pipeline
from flows.batch import ScreenParameters, screen_batch
from job_profiles.profile import ProfileError, bundled_profiles, load_profile, parse_profile, resolve_profile
from outputs.export import profile_tables
from outputs.interview_guide import build_guide, write_guide
from outputs.report_html import build_report, write_report
from outputs.tables import candidates_frame, errors_frame, profile_table, results_frame, without_contact_evidence
from scoring.duplicates import with_duplicates
from scoring.score import score_candidate
from screener.cli import _screen_parameters, build_parser
from screener.models import Document, SourceInfo
from tests.browser import Browser, require_chromium
from tests.conftest import SAMPLE_RESUMES

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CONTACT = re.compile(r"@example\.com|(?<!\d)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)")
REFERENCE = date(2026, 6, 30)
SHORTLIST = 3

PROFILE = """\
id: probe
title: {zh: 信贷员, en: Loan officer}
source: invented for a test
%s
requirements:
  - {id: post_loan, kind: skill, label: {zh: 贷后管理}, synonyms: [贷后管理], source: invented, weight: 2}
  - {id: mindset_detective, kind: soft_skill, label: {zh: “侦探”思维}, synonyms: [实地核查], source: invented,
     weight: 1, interview: true, questions: [{zh: "实地调查时您核实哪些细节？", en: "What do you check on a site visit?"}]}
"""
RESUME = "工作经历\n2020.07-2022.06 示例农商银行 客户经理\n负责贷后管理\n自我评价\n重视实地核查，证明人电话 13800000000\n"


def _scored(switch: str = ""):
    document = Document(source=SourceInfo(path="probe.txt", sha256=hashlib.sha256(RESUME.encode()).hexdigest(), format="txt"),
                        text=RESUME)
    candidate = extract_candidate(document, REFERENCE, today=REFERENCE)
    profile = parse_profile(PROFILE % switch)
    return profile, candidate, score_candidate(candidate, profile)


def test_an_interview_competency_weighs_nothing_and_has_no_column_unless_the_profile_says_so():
    profile, candidate, scored = _scored()
    assert [c.id for c in scored.criteria] == ["post_loan"]
    assert scored.score == 100.0  # the competency's 0.6 (a self-assessment) would have pulled it down
    assert "侦探" not in scored.explanation
    assert [(c.id, c.passed) for c in scored.interview] == [("mindset_detective", True)]
    assert "实地核查" in scored.interview[0].evidence
    candidates = candidates_frame([candidate])
    table = profile_table(results_frame([scored], candidates), candidates, "probe")
    assert "c_post_loan" in table.columns and "c_mindset_detective" not in table.columns

    _, _, counted = _scored("score_interview_competencies: true")
    assert [c.id for c in counted.criteria] == ["post_loan", "mindset_detective"] and counted.interview == []
    assert counted.score == pytest.approx(100 * (2 * 1.0 + 1 * 0.6) / 3, abs=0.01)


def test_an_interview_competency_cannot_be_a_must_have():
    with pytest.raises(ProfileError, match="interview competency cannot be a must-have"):
        parse_profile((PROFILE % "").replace("weight: 1, interview: true", "weight: 1, must_have: true, interview: true"))


def test_the_competency_model_and_the_twelve_mindsets_are_asked_in_both_languages():
    loan = load_profile(bundled_profiles()["loan_account_manager"])
    mindsets = [r for r in loan.requirements if r.id.startswith("mindset_")]
    assert len(mindsets) == 12
    competencies = [r for r in loan.requirements if r.interview]
    assert {r.kind for r in competencies} == {"soft_skill"} and {r.id for r in mindsets} <= {r.id for r in competencies}
    for profile in map(load_profile, bundled_profiles().values()):
        for req in (r for r in profile.requirements if r.interview):
            assert len(req.questions) >= 2, (profile.id, req.id)
            assert all(q.zh and q.en for q in req.questions), (profile.id, req.id)


def _lint(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "screener.cli", "profiles", "lint", *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=60, check=False)


def test_lint_fails_an_interview_competency_without_questions(tmp_path):
    text = re.sub(r", questions: \[.*\]", "", PROFILE % "")
    path = tmp_path / "probe.yaml"
    path.write_text(text, encoding="utf-8")
    done = _lint(str(path))
    assert done.returncode == 1
    line = next(i for i, row in enumerate(text.splitlines(), start=1) if "mindset_detective" in row)
    assert f"{path}:{line}: interview competency 'mindset_detective' has no questions" in done.stdout
    assert "without questions" in done.stdout.splitlines()[-1]
    assert _lint(*bundled_profiles()).returncode == 0


@pytest.fixture(scope="module")
def screened():
    profiles = [resolve_profile(p) for p in bundled_profiles()]
    files = pipeline.find_resumes([SAMPLE_RESUMES])
    chunk = pipeline.screen_chunk(files, profiles, REFERENCE)
    people, scores = without_contact_evidence(chunk.candidates, chunk.scores)
    candidates = with_duplicates(candidates_frame(people))
    results = results_frame(scores, candidates)
    tables = profile_tables(results, candidates, [p.id for p in profiles])
    return profiles, files, chunk, candidates, results, tables


def _sheet_rows(sheet) -> list[dict]:  # noqa: ANN001
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def test_the_guide_workbook_has_each_shortlist_its_questions_evidence_and_gaps(screened, tmp_path):
    profiles, _, chunk, _, results, tables = screened
    path = write_guide(tmp_path / "interview_guide.xlsx", build_guide(tables, results, profiles, SHORTLIST))
    book = openpyxl.load_workbook(path)
    titles = {p.id: p.title.zh.replace("/", "／") for p in profiles}  # Excel forbids / in a sheet name
    assert book.sheetnames == ["说明", *(titles[p.id] for p in profiles)]
    assert "前 3" in book["说明"]["A2"].value
    lines = {c.source.path: {line.text for line in c.lines} for c in chunk.candidates}
    for profile in profiles:
        sheet = book[titles[profile.id]]
        rows = _sheet_rows(sheet)
        ranked = tables[profile.id].filter(~pl.col("is_duplicate"))
        path_of = dict(ranked.select("rank", "source_path").iter_rows())
        assert sorted({r["排名"] for r in rows}) == sorted(ranked["rank"].head(SHORTLIST).to_list())
        competencies = {r.label.zh: r for r in profile.requirements if r.interview}
        asked = [r for r in rows if r["类别"] == "面试胜任素质"]
        assert {r["项目"] for r in asked} == set(competencies)
        for row in asked:
            for question in competencies[row["项目"]].questions:
                assert question.zh in row["面试问题"]
            if row["简历已体现"]:  # the evidence is a line of that candidate's own résumé
                assert row["简历已体现"] in lines[path_of[row["排名"]]], row
        failed = results.filter(pl.col("profile_id") == profile.id).select("source_path", "must_haves_failed", "criteria")
        labels = {c["id"]: c["label"] for c in failed["criteria"][0]}
        for rank, source in path_of.items():
            if rank > max(r["排名"] for r in rows):
                continue
            expected = failed.filter(pl.col("source_path") == source)["must_haves_failed"][0].to_list()
            gaps = [r["项目"] for r in rows if r["排名"] == rank and r["类别"] == "必备条件缺口"]
            assert gaps == [labels[i] for i in expected], (profile.id, rank)
        assert not any(CONTACT.search(str(v)) for row in rows for v in row.values() if v)
    # Some résumé shows a competency, and a shortlisted candidate misses a must-have: the checks above bit.
    every = [r for p in profiles for r in _sheet_rows(book[titles[p.id]])]
    assert any(r["简历已体现"] and r["类别"] == "面试胜任素质" for r in every)
    assert any(r["类别"] == "必备条件缺口" for r in every)
    property_sheet = book[titles["property_service_manager"]]
    assert "未设面试胜任素质" in property_sheet["A2"].value


def test_a_role_nobody_ranked_for_still_gets_its_sheet(screened, tmp_path):
    profiles, _, _, candidates, results, _ = screened
    empty = profile_tables(results.clear(), candidates, [p.id for p in profiles])
    path = write_guide(tmp_path / "g.xlsx", build_guide(empty, results.clear(), profiles, SHORTLIST, lang="en"))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "About" and len(book.sheetnames) == len(profiles) + 1
    for name in book.sheetnames[1:]:
        assert book[name]["A2"].value == "No candidate was ranked for this role."
        assert _sheet_rows(book[name]) == []


def test_the_guide_masks_contact_details_unless_asked_for(tmp_path):
    profile, candidate, scored = _scored()
    candidates = candidates_frame([candidate])
    results = results_frame([scored], candidates)  # evidence as scored: the phone is still in it
    tables = profile_tables(results, candidates, ["probe"])
    shown = build_guide(tables, results, [profile]).roles[0].candidates[0].of("competency")[0].shown
    assert "实地核查" in shown and "13800000000" not in shown and "［已隐去］" in shown
    kept = build_guide(tables, results, [profile], include_contacts=True).roles[0].candidates[0].of("competency")[0].shown
    assert "13800000000" in kept


def test_shortlist_is_an_option_of_run_and_serve():
    parser = build_parser()
    for command in (["run", str(SAMPLE_RESUMES), "--out", "x"], ["serve", str(SAMPLE_RESUMES), "--out-root", "x"]):
        assert parser.parse_args(command).shortlist == 10
        args = parser.parse_args([*command, "--shortlist", "4"])
        assert _screen_parameters(args, paths=["p"], out="o").shortlist == 4
        with pytest.raises(SystemExit):
            parser.parse_args([*command, "--shortlist", "0"])


def test_a_run_writes_the_guide_with_its_outputs(tmp_path):
    files = sorted(SAMPLE_RESUMES.glob("loan_*"))
    params = ScreenParameters(paths=[str(f) for f in files], profiles=["loan_account_manager", "property_service_manager"],
                              out=str(tmp_path / "out"), reference_date=REFERENCE, use_cache=False, shortlist=2)
    done = screen_batch(params)
    book = openpyxl.load_workbook(done.summary.interview_guide)
    assert Path(done.summary.interview_guide) == tmp_path / "out" / "interview_guide.xlsx"
    assert {r["排名"] for r in _sheet_rows(book["贷款客户经理"])} == {1, 2}
    page = Path(done.summary.report).read_text(encoding="utf-8")
    assert 'id="interview-guide"' in page


def test_the_report_section_opens_in_a_browser(screened, tmp_path):
    require_chromium()
    profiles, files, chunk, _, results, tables = screened
    guide = build_guide(tables, results, profiles, SHORTLIST)
    report = build_report(tables, results, chunk.candidates, errors_frame(chunk.errors), profiles, len(files), guide=guide)
    page = write_report(tmp_path / "report.html", report)
    loan = next(p for p in profiles if p.id == "loan_account_manager")
    detective = next(r for r in loan.requirements if r.id == "mindset_detective")
    with Browser() as browser:
        browser.open(page)
        assert browser.js("document.querySelectorAll('#interview-guide .guide-role').length") == len(profiles)
        assert browser.js("document.querySelectorAll('#interview-guide details.guide-candidate').length") == SHORTLIST * len(profiles)
        browser.click("nav a[href='#interview-guide']")
        first = "#guide-loan_account_manager details.guide-candidate"
        assert browser.js(f"document.querySelector('{first}').open") is False
        browser.click(f"{first} summary")  # a real click opens the candidate's guide
        text = browser.js(f"document.querySelector('{first}').innerText")
        assert detective.questions[0].zh in text and detective.label.zh in text
        assert browser.js(f"document.querySelector('{first} tr[data-competency=mindset_detective] ol').children.length") == 2
        note = browser.js("document.querySelector('#guide-property_service_manager .guide-note').innerText")
        assert "未设面试胜任素质" in note
        assert not CONTACT.search(browser.js("document.getElementById('interview-guide').innerText"))
        browser.js(f"document.querySelector('{first}').scrollIntoView()")
        shot = browser.screenshot(ARTIFACTS / "report_interview_guide.png")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
