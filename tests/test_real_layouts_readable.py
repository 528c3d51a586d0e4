"""Files real applicants send that read wrong as a whole: damaged in a way the reader can mend, data
that is no résumé, tagged text exports, abbreviations of degrees (synthetic stand-ins in
tests/layouts/titles.py)."""

from datetime import date

from extractors.fields.candidate import extract_candidate
from extractors.fields.resume_or_not import not_a_resume_reason
from extractors.readers.document import read_bytes
from screener.models import Document, SourceInfo
from tests.layouts import titles as layouts

REFERENCE = date(2019, 6, 30)


def test_docx_missing_its_last_byte_is_read() -> None:
    # BOSS直聘 downloads arrive one byte short, inside the zip's end record (the comment's length):
    # the whole document is there, but it was refused as "damaged or truncated".
    data = layouts.truncated_docx(["张测试", "工作经历", "2016.03-至今 示例科技有限公司 UI设计师", "教育经历", "2012.09-2016.06 示例大学 本科 美术学"])
    doc = read_bytes(data, "resume.docx")
    assert isinstance(doc, Document), doc
    cand = extract_candidate(doc, REFERENCE, today=REFERENCE)
    assert (cand.experience[0].employer, cand.experience[0].title) == ("示例科技有限公司", "UI设计师")
    assert cand.education[0].school == "示例大学"


def test_logged_api_response_with_escaped_quotes_is_data() -> None:
    # A site's API response saved as a logged string ({\"code\":0,…}) was read as a résumé and ranked.
    doc = read_bytes(layouts.logged_api_response().encode(), "resume.json")
    assert isinstance(doc, Document), doc
    reason = not_a_resume_reason(extract_candidate(doc, REFERENCE, today=REFERENCE))
    assert reason is not None and "JSON" in reason


def test_layout_tagged_text_export_reads_as_its_text() -> None:
    # "content\texperience\t2016.07-至今": the tags led every line, so "content experience" beside
    # the dates became the employer of a company whose name has no 公司 in it.
    doc = read_bytes(layouts.layout_tagged_text().encode(), "resume.txt")
    assert isinstance(doc, Document), doc
    cand = extract_candidate(doc, REFERENCE, today=REFERENCE)
    assert [(e.employer, e.title) for e in cand.experience] == [("示例网络", "销售专员")]
    assert cand.total_experience_months == 36
    assert (cand.highest_degree, cand.education[0].school, cand.education[0].major) == ("bachelor", "示例大学", "市场营销")


def test_master_of_science_in_taxation_abbreviated_is_a_master() -> None:
    # LiveCareer: "MST/Taxation Example University" under a BA was not read as a master's degree.
    text = "Education\n2004\nBA : Business Example State University Business\n2007\nMST/Taxation University of Example\n"
    cand = extract_candidate(Document(source=SourceInfo(path="r.txt", sha256="0" * 64, format="txt"), text=text), REFERENCE, today=REFERENCE)
    assert cand.highest_degree == "master"
