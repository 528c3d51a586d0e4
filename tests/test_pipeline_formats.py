"""Every format recruiters receive goes through the whole pipeline: a ranked row or a clear error.

The fixture corpus (made by scripts/make_fixtures.py with real tools) is screened as a batch, as
`screener run` does, through the same plain function the flow's chunk tasks call.
"""

from datetime import date
from pathlib import Path

import pytest

from flows.pipeline import find_resumes, screen_chunk
from job_profiles.profile import bundled_profiles, load_profile
from tests.conftest import FIXTURES

EXPECTED_ERRORS = {
    "binary.dat": "unsupported_format",
    "empty.txt": "empty_file",
    "encrypted.pdf": "encrypted",
    "truncated.docx": "corrupt_docx",
    "truncated.pdf": "corrupt_pdf",
    "truncated.xls": "corrupt_xls",
    "truncated.doc": "corrupt_doc",
    "word97_encrypted.doc": "encrypted",
}
EXPECTED_NAMES = {
    "application.eml": "孙七",  # the résumé is the e-mail's DOCX attachment
    "cn_sidebar.pdf": "李四",
    "cn_simple.pdf": "张三",
    "docx_named.pdf": "孙七",  # a DOCX saved with a .pdf name
    "form.xls": "蒋十五",
    "gb18030.txt": "吴九",
    "job_site_export.doc": "郑十一",  # job-site HTML saved as .doc
    "legacy.doc": "孙七",  # Word 97, read without LibreOffice
    "word97_resume.doc": "张示例",
    "textbox_only.docx": "周八",
    "traditional.docx": "陈美玲",
    "utf16.txt": "吴九",
}


@pytest.fixture(scope="module")
def batch():
    profile = load_profile(bundled_profiles()["loan_account_manager"])
    files = find_resumes([FIXTURES])
    return files, screen_chunk(files, [profile], date(2026, 6, 30))


def test_every_fixture_is_ranked_or_an_error_exactly_once(batch):
    files, result = batch
    seen = sorted([c.source.path for c in result.candidates] + [e.source.path for e in result.errors])
    assert seen == sorted(str(f) for f in files)


def test_bad_files_end_as_typed_errors(batch):
    _, result = batch
    errors = {Path(e.source.path).name: e.code for e in result.errors}
    for name, code in EXPECTED_ERRORS.items():
        assert errors.get(name) == code, name


def test_each_format_yields_the_candidate(batch):
    _, result = batch
    names = {Path(c.source.path).name: c.name for c in result.candidates}
    for file, name in EXPECTED_NAMES.items():
        assert names.get(file) == name, file


def test_scans_and_garbled_text_are_flagged_for_a_person_to_check(batch):
    _, result = batch
    quality = {Path(c.source.path).name: c.text_quality for c in result.candidates}
    assert quality["garbled.pdf"] == "garbled"
