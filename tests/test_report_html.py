"""report.html: built by plain functions, then opened, sorted and photographed in headless chromium."""

import re
from datetime import date
from pathlib import Path

import pytest

from flows import pipeline
from job_profiles.profile import bundled_profiles, resolve_profile
from outputs.export import profile_tables
from outputs.report_html import build_report, mark_line, mask_contacts, render_report, write_report
from outputs.tables import candidates_frame, errors_frame, results_frame
from scoring.duplicates import with_duplicates
from screener.models import Candidate, SourceInfo, TextLine
from tests.browser import Browser, require_chromium
from tests.conftest import SAMPLE_RESUMES

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CONTACT = re.compile(r"@example\.com|(?<!\d)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)")


@pytest.fixture(scope="module")
def screened(tmp_path_factory):
    profiles = [resolve_profile(p) for p in bundled_profiles()]
    files = pipeline.find_resumes([SAMPLE_RESUMES])
    chunk = pipeline.screen_chunk(files, profiles, date(2026, 6, 30))
    candidates = with_duplicates(candidates_frame(chunk.candidates))
    results = results_frame(chunk.scores, candidates)
    errors = errors_frame(chunk.errors)
    return profiles, files, chunk, candidates, results, errors


def _report(screened, out: Path, include_contacts: bool = False, lang: str = "zh") -> Path:
    profiles, files, chunk, candidates, results, errors = screened
    tables = profile_tables(results, candidates, [p.id for p in profiles], include_contacts)
    report = build_report(tables, results, chunk.candidates, errors, profiles, len(files), include_contacts, lang)  # type: ignore[arg-type]
    out.mkdir(parents=True, exist_ok=True)
    return write_report(out / "report.html", report)


def test_evidence_is_marked_inside_its_line_and_overlaps_merge():
    marks = mark_line("熟悉贷前调查和贷后管理", [("贷前调查", "贷前调查能力", "#aaa"), ("贷后管理", "贷后管理", "#bbb"),
                                         ("调查和贷", "重叠", "#ccc")])
    assert "".join(m.text for m in marks) == "熟悉贷前调查和贷后管理"
    labelled = [(m.text, m.label) for m in marks if m.label]
    assert labelled == [("贷前调查和贷后管理", "贷前调查能力 · 重叠 · 贷后管理")]
    # A job's evidence spans its header and dated line: each of those lines is marked whole.
    whole = mark_line("某农商银行 客户经理", [("某农商银行 客户经理 2019.07-至今；别的工作", "经验", "#aaa")])
    assert [(m.text, m.label) for m in whole] == [("某农商银行 客户经理", "经验")]


def test_contacts_are_masked_unless_asked_for():
    person = Candidate(source=SourceInfo(path="x", sha256="0", format="txt"), reference_date="2026-06-30",
                       phones=["138-0000-0001"], emails=["zhang@example.com"],
                       lines=[TextLine(section="header", text="电话：138-0000-0001 邮箱：zhang@example.com")])
    masked = mask_contacts(person.lines[0].text, person, "zh")
    assert "138" not in masked and "example" not in masked and "［已隐去］" in masked


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("Hong Kong | +852 5555 0000 | linkedin.com/in/example-test", "Hong Kong | ● | ●"),
        ("Tel +1 (555) 010-0000", "Tel ●"),
        ("微信：test_wx123 ｜ QQ：123456789 ｜ 座机：0571 87654321", "微信：● ｜ QQ：● ｜ 座机：●"),
        ("身份证号：11010119900307123X | 籍贯：示例省", "身份证号：● | 籍贯：●"),
        # Figures and the words 微信, QQ in duties are not contact details.
        ("Revenue +12.5% in 2019, +30 branches", "Revenue +12.5% in 2019, +30 branches"),
        ("负责微信公众号运营和QQ群管理", "负责微信公众号运营和QQ群管理"),
    ],
)
def test_contact_details_beyond_mainland_phones_and_e_mails_are_masked(line, shown):
    person = Candidate(source=SourceInfo(path="x", sha256="0", format="txt"), reference_date="2026-06-30")
    assert mask_contacts(line, person, "zh").replace("［已隐去］", "●") == shown


def test_the_page_is_self_contained_and_has_no_contact_details(screened, tmp_path):
    page = _report(screened, tmp_path).read_text(encoding="utf-8")
    assert not re.search(r"<(?:script|link|img)[^>]+(?:src|href)=\"?https?:", page)  # nothing fetched
    assert not CONTACT.search(page)
    with_contacts = _report(screened, tmp_path / "contacts", include_contacts=True).read_text(encoding="utf-8")
    assert CONTACT.search(with_contacts)


def test_english_headers_with_lang_en(screened, tmp_path):
    page = _report(screened, tmp_path, lang="en").read_text(encoding="utf-8")
    assert "Screening report" in page and ">Score<" in page and "简历筛选报告" not in page


def test_report_renders_sorts_on_click_and_is_photographed(screened, tmp_path):
    require_chromium()
    page = _report(screened, tmp_path)
    profiles, _, _, candidates, _, _ = screened
    with Browser() as browser:
        browser.open(page)
        assert browser.js("document.title").startswith("简历筛选报告")
        tables = browser.js("document.querySelectorAll('table.ranked').length")
        assert tables == len(profiles) + 1  # one per profile and the errors
        first = "section:first-of-type table.ranked"
        assert browser.js(f"document.querySelector('{first}').tBodies[0].rows.length") == candidates.height
        assert browser.js("document.querySelectorAll('mark.entity').length") > 50
        assert not CONTACT.search(browser.js("document.body.innerText"))

        def column(index: int) -> list[str]:
            return browser.js(
                f"Array.from(document.querySelector('{first}').tBodies[0].rows).map(r => r.cells[{index}].dataset.value)"
            )

        ranks = [int(v) for v in column(0)]
        assert ranks == sorted(ranks)
        browser.click(f"{first} th:nth-child(2)")  # 姓名: text sorts too
        assert browser.js(f"document.querySelector('{first} th:nth-child(2)').getAttribute('aria-sort')") == "ascending"
        browser.click(f"{first} th:nth-child(3)")  # 总分: ascending on the first click
        scores = [float(v) for v in column(2)]
        assert scores == sorted(scores) and scores != [float(v) for v in sorted(column(2), key=float, reverse=True)]
        assert browser.js(f"document.querySelector('{first} th:nth-child(3)').getAttribute('aria-sort')") == "ascending"
        browser.click(f"{first} th:nth-child(3)")  # and descending on the second
        assert [float(v) for v in column(2)] == sorted(scores, reverse=True)

        browser.js("window.scrollTo(0, 0)")
        table_shot = browser.screenshot(ARTIFACTS / "report.png")
        # Open the best candidate's evidence and photograph the marked résumé text too.
        browser.js("(() => { const d = document.querySelector('details'); d.open = true; d.scrollIntoView(); })()")
        evidence_shot = browser.screenshot(ARTIFACTS / "report_evidence.png")
    for shot in (table_shot, evidence_shot):
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_render_escapes_what_the_resume_says(screened):
    profiles, files, chunk, candidates, results, errors = screened
    evil = chunk.candidates[0].model_copy(update={"lines": [TextLine(section="summary", text="<script>alert(1)</script>")]})
    tables = profile_tables(results, candidates, [p.id for p in profiles])
    page = render_report(build_report(tables, results, [evil, *chunk.candidates[1:]], errors, profiles, len(files)))
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
