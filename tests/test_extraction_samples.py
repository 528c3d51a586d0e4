"""Field-level extraction on every labelled sample résumé: the exact values a recruiter would read.

The expected values come from data/samples/expected.json, written by scripts/make_samples.py from
the same structured data that rendered the files (PDF with sidebars, DOCX tables, GB18030 text, …).
"""

import json
from datetime import date

import pytest

from extractors.fields.candidate import extract_candidate
from extractors.readers.document import read_document
from screener.models import ReadError
from tests.conftest import SAMPLE_RESUMES, SAMPLES

REFERENCE = date(2026, 6, 30)
EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def extracted():
    out = {}
    for item in EXPECTED:
        document = read_document(SAMPLE_RESUMES / item["file"])
        assert not isinstance(document, ReadError), document
        out[item["file"]] = extract_candidate(document, REFERENCE)
    return out


@pytest.mark.parametrize("item", EXPECTED, ids=[e["file"] for e in EXPECTED])
def test_sample_fields(item, extracted):
    c = extracted[item["file"]]
    assert c.name == item["name"]
    assert c.phones == item["phones"]
    assert c.emails == item["emails"]
    assert (c.highest_degree.value if c.highest_degree else None) == item["highest_degree"]
    assert [e.employer for e in c.experience] == item["employers"]
    assert c.total_experience_months == item["total_experience_months"]


def test_overlapping_jobs_count_once(extracted):
    c = extracted["property_strong_jiang_yangben.pdf"]
    assert sum(e.months for e in c.experience) > c.total_experience_months


def test_internships_are_flagged_and_left_out_of_the_total(extracted):
    c = extracted["loan_unqualified_test_candidate_zhou.txt"]
    (job,) = c.experience
    assert job.is_internship and job.months == 3
    assert c.total_experience_months == 0


def test_present_counts_to_the_reference_date(extracted):
    c = extracted["loan_strong_zhang_ceshi.pdf"]
    current = [e for e in c.experience if e.is_current]
    assert current and current[0].end is None


def test_education_after_work_is_still_education(extracted):
    c = extracted["loan_borderline_zhao_yangli.docx"]
    assert c.highest_degree.value == "secondary"
    assert all(e.school for e in c.education)
