"""Latest title and employer read from the layouts job sites really export (synthetic stand-ins in
tests/layouts/titles.py)."""

from datetime import date

from extractors.fields.candidate import extract_candidate
from extractors.readers.document import read_bytes
from screener.models import Candidate, Document
from tests.layouts import titles as layouts

REFERENCE = date(2019, 6, 30)


def _candidate(data: bytes, name: str) -> Candidate:
    doc = read_bytes(data, name)
    assert isinstance(doc, Document), doc
    return extract_candidate(doc, REFERENCE, today=REFERENCE)


def test_title_label_with_the_dates_again_is_the_jobs_title() -> None:
    # 聚贤 writes "担任职位：" with the job's dates again and the title on the next line: the label was
    # taken as a second job's employer or title, and the current job's "-3000.01" end was no date, so
    # the latest job was lost.
    cand = _candidate(layouts.title_label_repeats_dates().encode(), "resume.html")
    assert [(e.employer, e.title) for e in cand.experience] == [
        ("示例科技有限公司", "技术支持"),
        ("样本网络技术有限公司", "网站运营"),
    ]
    assert cand.experience[0].is_current
    assert cand.total_experience_months == 40 + 32
