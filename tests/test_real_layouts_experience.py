"""Work history read from the layouts job sites really export (synthetic stand-ins in tests/layouts)."""

from datetime import date

from extractors.fields.candidate import extract_candidate
from extractors.readers.document import read_bytes
from screener.models import Candidate, Document, SourceInfo
from tests.layouts import experience as layouts

REFERENCE = date(2019, 6, 30)


def _candidate(data: bytes, name: str) -> Candidate:
    doc = read_bytes(data, name)
    assert isinstance(doc, Document), doc
    return extract_candidate(doc, REFERENCE, today=REFERENCE)


def _from_text(text: str) -> Candidate:
    source = SourceInfo(path="mem.txt", sha256="0" * 64, format="txt")
    return extract_candidate(Document(source=source, text=text), REFERENCE, today=REFERENCE)


def test_nested_layout_tables_give_one_line_per_row() -> None:
    # 51job's MHT nests each section's entries in a table inside a layout table's cell: read as one
    # cell, the whole career was one line and no job was found.
    cand = _candidate(layouts.nested_table_mht(), "resume.mht")
    latest = cand.experience[0]
    assert (latest.employer, latest.title, latest.start, latest.is_current) == ("示例科技有限公司", "软件工程师", "2016-03", True)
    assert [e.employer for e in cand.experience] == ["示例科技有限公司", "样本网络技术有限公司"]
    assert cand.total_experience_months == 40 + 32


def test_dates_a_slash_apart_date_a_job() -> None:
    # xmrc writes "2016-03/至今 | 示例科技有限公司(研发部) | 软件工程师": the slash was not read as a
    # range, so the site's résumés had no job at all.
    cand = _candidate(layouts.slash_range_rows().encode(), "resume.html")
    latest = cand.experience[0]
    assert (latest.employer, latest.title, latest.start, latest.is_current) == ("示例科技有限公司(研发部)", "软件工程师", "2016-03", True)
    assert cand.experience[1].end == "2016-02"
    assert cand.total_experience_months == 40 + 32
