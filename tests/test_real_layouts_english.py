"""English résumé-site layouts (tests/layouts/english.py): jobs and degrees read as HR reads them."""

from datetime import date

import pytest

from extractors.fields.candidate import extract_candidate
from screener.models import Document, SourceInfo
from tests.layouts import english

REFERENCE = date(2024, 1, 1)


def candidate_of(text: str):
    source = SourceInfo(path="mem.txt", sha256="0" * 64, format="txt")
    return extract_candidate(Document(source=source, text=text), REFERENCE)


@pytest.mark.parametrize("layout", english.JOB_LAYOUTS, ids=lambda f: f.__name__)
def test_each_job_has_its_redacted_employer_title_and_dates(layout):
    c = candidate_of(layout())
    jobs = [(e.employer, e.title, e.start, e.end) for e in c.experience]
    assert jobs == [
        ("Company Name", "Office Manager", "2016-03", None),
        ("Company Name", "Accounts Clerk", "2010-01", "2016-02"),
    ]
    # 2010-01 … 2016-02 then 2016-03 … 2024-01, back to back.
    assert c.total_experience_months == 169


@pytest.mark.parametrize("layout", list(english.EDUCATION_LAYOUTS), ids=lambda f: f.__name__)
def test_the_highest_degree_held_with_its_school_and_field(layout):
    c = candidate_of(layout())
    top = next(e for e in c.education if e.degree == c.highest_degree)
    assert (c.highest_degree, top.school, top.major) == (english.EDUCATION_LAYOUTS[layout], "Example State University", "Finance")


def test_education_and_training_dates_are_no_job():
    c = candidate_of(english.education_and_training_heading())
    assert [(e.employer, e.title) for e in c.experience] == [("Company Name", "Office Manager")]
