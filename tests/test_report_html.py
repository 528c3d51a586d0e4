"""report.html: built by plain functions, then opened, sorted and photographed in headless chromium."""

import re
from datetime import date, datetime
from pathlib import Path

import polars as pl
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
# A fixed date on the page: the committed screenshots come out the same on every run.
GENERATED = datetime(2026, 6, 30, 9, 0)
CONTACT = re.compile(r"@example\.com|(?<!\d)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)")


# Not in alphabetical order: the report follows the order the roles were given.
ORDER = ["loan_account_manager", "property_service_manager", "client_service_manager", "loan_agency_assistant",
         "loan_contract_legal", "tobacco_account_manager"]


@pytest.fixture(scope="module")
def screened(tmp_path_factory):
    assert sorted(ORDER) == sorted(bundled_profiles())
    profiles = [resolve_profile(p) for p in ORDER]
    files = pipeline.find_resumes([SAMPLE_RESUMES])
    chunk = pipeline.screen_chunk(files, profiles, date(2026, 6, 30))
    candidates = with_duplicates(candidates_frame(chunk.candidates))
    results = results_frame(chunk.scores, candidates)
    errors = errors_frame(chunk.errors)
    return profiles, files, chunk, candidates, results, errors


def _report(screened, out: Path, include_contacts: bool = False, lang: str = "zh") -> Path:
    profiles, files, chunk, candidates, results, errors = screened
    tables = profile_tables(results, candidates, [p.id for p in profiles], include_contacts)
    report = build_report(tables, results, chunk.candidates, errors, profiles, len(files), include_contacts, lang,  # type: ignore[arg-type]
                          generated=GENERATED, roots=[str(SAMPLE_RESUMES)])
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


def _open_all(browser: Browser) -> None:
    """Open every role and every candidate's evidence, so the whole page is drawn."""
    browser.js("document.querySelectorAll('details.role').forEach(d => d.open = true)")
    browser.js("document.querySelectorAll('details.role td:first-child a').forEach(a => a.click())")


def test_the_page_is_self_contained_and_has_no_contact_details(screened, tmp_path):
    page = _report(screened, tmp_path).read_text(encoding="utf-8")
    assert not re.search(r"<(?:script|link|img)[^>]+(?:src|href)=\"?https?:", page)  # nothing fetched
    assert not CONTACT.search(page)
    with_contacts = _report(screened, tmp_path / "contacts", include_contacts=True).read_text(encoding="utf-8")
    assert CONTACT.search(with_contacts)


def test_english_headers_with_lang_en(screened, tmp_path):
    page = _report(screened, tmp_path, lang="en").read_text(encoding="utf-8")
    assert "Screening report" in page and ">Score<" in page and "简历筛选报告" not in page
    assert ">Loan Account Manager<" in page and "The PDF is damaged or incomplete" in page


def test_report_opens_on_the_overview_in_the_users_order_and_is_photographed(screened, tmp_path):
    require_chromium()
    page = _report(screened, tmp_path)
    profiles, _, _, candidates, results, _ = screened
    with Browser() as browser:
        browser.open(page)
        assert browser.js("document.title").startswith("简历筛选报告")
        # The first thing under the title: the overview, one card per role in the order given.
        assert browser.js("document.querySelector('main').firstElementChild.id") == "overview"
        cards = browser.js("Array.from(document.querySelectorAll('#overview .role-card')).map(c => c.dataset.profile)")
        assert cards == ORDER
        met = browser.js("Object.fromEntries(Array.from(document.querySelectorAll('.role-card'))"
                         ".map(c => [c.dataset.profile, c.querySelector('.met').textContent]))")
        loan = results.filter(pl.col("profile_id") == "loan_account_manager")
        assert met["loan_account_manager"] == str(loan["must_have_passed"].sum())
        assert met["property_service_manager"] == "— 无必备条件"  # no must-haves: not "28 of 28 met them"
        top = browser.js("document.querySelector('.role-card li').textContent")
        first_path = loan.sort("rank")["source_path"][0]
        assert top.startswith(candidates.filter(pl.col("source_path") == first_path)["name"][0])
        fit_rows = browser.js("document.querySelector('#best-fit').tBodies[0].rows.length")
        assert fit_rows == candidates.height
        # The role first given is the one open, not the first in the alphabet.
        assert browser.js("Array.from(document.querySelectorAll('details.role[open]')).map(d => d.dataset.profile)") == [ORDER[0]]
        browser.js("window.scrollTo(0, 0)")
        shot = browser.screenshot(ARTIFACTS / "report_overview.png")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_a_wide_table_scrolls_in_its_box_with_the_name_column_frozen(screened, tmp_path):
    require_chromium()
    page = _report(screened, tmp_path)
    with Browser(width=900) as browser:
        browser.open(page)
        table = "details.role[open] table.ranked"
        box = "details.role[open] .scroll"
        assert browser.js(f"document.querySelector('{box}').scrollWidth > document.querySelector('{box}').clientWidth")
        assert browser.js("document.body.scrollWidth <= window.innerWidth + 1")  # the page itself does not scroll sideways
        assert browser.js(f"getComputedStyle(document.querySelector('{table} tbody td')).position") == "sticky"
        before = browser.js(f"document.querySelector('{table} tbody td').getBoundingClientRect().left")
        browser.js(f"document.querySelector('{box}').scrollLeft = 600")
        after = browser.js(f"document.querySelector('{table} tbody td').getBoundingClientRect().left")
        second = browser.js(f"document.querySelector('{table} tbody td:nth-child(3)').getBoundingClientRect().left")
        assert abs(after - before) < 1 and second < before  # the name stays, the rest moved under it
        browser.js(f"document.querySelector('{box}').scrollLeft = 0")
        browser.screenshot(ARTIFACTS / "report_role.png")


def test_report_sorts_on_click_and_shows_evidence_text_not_labels(screened, tmp_path):
    require_chromium()
    page = _report(screened, tmp_path)
    profiles, _, chunk, candidates, results, _ = screened
    with Browser() as browser:
        browser.open(page)
        first = "details.role[open] table.ranked"
        assert browser.js(f"document.querySelector('{first}').tBodies[0].rows.length") == candidates.height

        def column(index: int) -> list[str]:
            return browser.js(
                f"Array.from(document.querySelector('{first}').tBodies[0].rows).map(r => r.cells[{index}].dataset.value)"
            )

        ranks = [int(v) for v in column(1)]
        assert ranks == sorted(ranks)
        browser.click(f"{first} th:nth-child(1)")  # 姓名: text sorts too
        assert browser.js(f"document.querySelector('{first} th:nth-child(1)').getAttribute('aria-sort')") == "ascending"
        browser.click(f"{first} th:nth-child(3)")  # 总分: ascending on the first click
        scores = [float(v) for v in column(2)]
        assert scores == sorted(scores) and scores != sorted(scores, reverse=True)
        browser.click(f"{first} th:nth-child(3)")  # and descending on the second
        assert [float(v) for v in column(2)] == sorted(scores, reverse=True)

        # The best candidate's evidence: each criterion quotes the résumé, and the résumé is marked.
        browser.click(f"{first} tbody tr:first-child td:first-child a")
        assert browser.js("document.querySelectorAll('tr.detail').length") == 1
        assert browser.js("document.querySelectorAll('tr.detail mark.entity').length") >= 3  # the résumé's evidence marked
        quotes = browser.js("Array.from(document.querySelectorAll('tr.detail .quote')).map(q => q.textContent)")
        best = results.filter(pl.col("profile_id") == ORDER[0]).sort("score", descending=True).row(0, named=True)
        found = [c for c in best["criteria"] if c["evidence"]]
        assert found and all(any(c["evidence"][:20] in q for q in quotes) for c in found)
        assert not any(q == f"「{c['label']}」" for q in quotes for c in found)
        sections = set(browser.js("Array.from(document.querySelectorAll('tr.detail .sec')).map(s => s.textContent)"))
        assert "工作经历" in sections and "experience" not in sections
        assert not CONTACT.search(browser.js("document.body.innerText"))
        browser.js("document.querySelector('tr.detail').scrollIntoView()")
        shot = browser.screenshot(ARTIFACTS / "report_evidence.png")
        _open_all(browser)
        assert browser.js("document.querySelectorAll('tr.detail').length") > len(profiles) * 10
        assert not CONTACT.search(browser.js("document.body.innerText"))
    assert shot.stat().st_size > 20_000


def test_render_escapes_what_the_resume_says(screened, tmp_path):
    require_chromium()
    profiles, files, chunk, candidates, results, errors = screened
    best = results.filter(pl.col("profile_id") == ORDER[0]).sort("rank")["source_path"][0]
    evil = [c.model_copy(update={"lines": [TextLine(section="summary", text="</script><script>window.pwned=1</script><b>x</b>")]})
            if c.source.path == best else c for c in chunk.candidates]
    tables = profile_tables(results, candidates, [p.id for p in profiles])
    page = render_report(build_report(tables, results, evil, errors, profiles, len(files)))
    assert "</script><script>window.pwned" not in page
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    with Browser() as browser:
        browser.open(path)
        browser.click("details.role[open] tbody tr:first-child td:first-child a")
        shown = browser.js("document.querySelector('tr.detail .resume').textContent")
        assert "</script><script>window.pwned=1</script><b>x</b>" in shown
        assert browser.js("window.pwned === undefined") and browser.js("document.querySelectorAll('.resume b').length") == 0
