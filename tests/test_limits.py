"""Bombs under the 50 MB size limit end as a ``too_complex`` row in seconds, naming the cap they
broke; a long PDF has its first pages read; text work stays bounded (extractors/readers/limits.py)."""

import io
import time
import zipfile
from pathlib import Path

import pytest

from extractors.fields.candidate import extract_candidate
from extractors.readers.document import ReadSettings, read_bytes, read_document
from screener.models import Document, ReadError
from tests import hostile

NO_OCR = ReadSettings(ocr=False)
SECONDS = 10  # each of these took minutes (or raised) before the caps


def _timed_read(path: Path, settings: ReadSettings = NO_OCR) -> tuple[Document | ReadError, float]:
    started = time.perf_counter()
    result = read_document(path, settings)
    return result, time.perf_counter() - started


def _bomb_docx(folder: Path) -> Path:
    hostile._docx(folder / "huge.docx", hostile.DOCX_PARAGRAPH_MB)
    return folder / "huge.docx"


def _bomb_mail(folder: Path) -> Path:
    path = folder / "deep.eml"
    path.write_bytes(hostile._deep_mail(hostile.MAIL_DEPTH))
    return path


def _big_sheet(folder: Path) -> Path:
    hostile._xlsx(folder / "rows.xlsx", hostile.XLSX_ROWS)
    return folder / "rows.xlsx"


def _one_line(folder: Path) -> Path:
    path = folder / "one_line.txt"
    line = hostile.RESUME.replace("\n", " ").encode()
    path.write_bytes(line * (hostile.ONE_LINE_MB * 2**20 // len(line)))
    return path


def _tags(folder: Path) -> Path:
    path = folder / "tags.html"
    path.write_bytes(b"<html><body>" + b"<p>x</p>" * hostile.HTML_TAGS + b"</body></html>")
    return path


@pytest.mark.parametrize(("make", "setting"), [
    (_bomb_docx, "max_unpacked_mb=100"),
    (_bomb_mail, "max_mime_nesting=50"),
    (_big_sheet, "max_sheets_mb=10"),
    (_one_line, "max_chars=200,000"),
    (_tags, "max_html_tags=50,000"),
], ids=["docx_1GB", "mail_5000_deep", "xlsx_300k_rows", "txt_40MB_one_line", "html_300k_tags"])
def test_a_bomb_is_refused_quickly_as_too_complex_naming_its_cap(tmp_path, make, setting):
    result, seconds = _timed_read(make(tmp_path))
    assert isinstance(result, ReadError), result
    assert (result.code, setting in result.reason) == ("too_complex", True), result.reason
    assert seconds < SECONDS


def test_a_bomb_attached_to_an_email_is_noted_and_the_email_read(tmp_path):
    mail = tmp_path / "application.eml"
    mail.write_bytes(hostile._mail_with(_bomb_docx(tmp_path).read_bytes(), "cv.docx"))
    result, seconds = _timed_read(mail)
    assert isinstance(result, Document), result
    assert "Please find my CV attached." in result.text
    assert any("cv.docx not read" in note and "max_unpacked_mb" in note for note in result.notes)
    assert seconds < SECONDS


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def test_zip_members_their_count_and_their_ratio_are_capped():
    many = _zip({f"word/media/{i}.xml": b"x" for i in range(101)})
    refused = read_bytes(many, "many.docx", ReadSettings(max_zip_members=100))
    assert isinstance(refused, ReadError) and "max_zip_members=100" in refused.reason
    # 6 MB of zeros packs into kilobytes: a ratio no document part has.
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": bytes(6 * 2**20)})
    refused = read_bytes(bomb, "bomb.docx")
    assert isinstance(refused, ReadError) and refused.code == "too_complex" and "max_zip_ratio=200" in refused.reason
    assert "max_zip_ratio" not in read_bytes(bomb, "bomb.docx", ReadSettings(max_zip_ratio=10**4)).reason  # type: ignore[union-attr]


def test_a_workbook_over_the_cell_cap_is_refused_under_it_read(tmp_path):
    hostile._xlsx(tmp_path / "sheet.xlsx", 300)
    refused, _ = _timed_read(tmp_path / "sheet.xlsx", ReadSettings(ocr=False, max_cells=299))
    assert isinstance(refused, ReadError) and "max_cells=299" in refused.reason
    read, _ = _timed_read(tmp_path / "sheet.xlsx", ReadSettings(ocr=False, max_cells=300))
    assert isinstance(read, Document) and read.text.count("x") == 300


def test_an_email_of_too_many_parts_is_refused():
    parts = b"".join(b"--x\r\nContent-Type: text/plain\r\n\r\npart %d\r\n" % i for i in range(30))
    mail = (b"From: a@example.com\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"x\"\r\n\r\n"
            + parts + b"--x--\r\n")
    assert isinstance(read_bytes(mail, "ok.eml", ReadSettings(max_mime_parts=31)), Document)
    refused = read_bytes(mail, "many.eml", ReadSettings(max_mime_parts=30))
    assert isinstance(refused, ReadError) and "max_mime_parts=30" in refused.reason


def test_text_over_the_character_cap_is_refused_whatever_its_format():
    html = b"<html><body><p>" + "经验".encode() * 1000 + b"</p></body></html>"
    assert isinstance(read_bytes(html, "cv.html", ReadSettings(max_chars=2000)), Document)
    refused = read_bytes(html, "cv.html", ReadSettings(max_chars=1999))
    assert isinstance(refused, ReadError) and "2,000 characters" in refused.reason


def test_a_5000_page_pdf_has_its_first_pages_read_and_says_so(tmp_path):
    path = tmp_path / "pages.pdf"
    lines = b"".join(b"1 0 0 1 72 %d Tm (Loan officer line %d) Tj\n" % (800 - 20 * i, i) for i in range(hostile.LINES))
    path.write_bytes(hostile._pages_pdf(b"BT /F1 12 Tf\n" + lines + b"ET", hostile.PAGES))
    result, seconds = _timed_read(path)
    assert isinstance(result, Document), result
    assert result.pages == 50
    assert "only the first 50 of 5,000 pages were read (max_pages=50)" in result.notes
    assert seconds < SECONDS
    fewer = read_document(path, ReadSettings(ocr=False, max_pages=3))
    assert isinstance(fewer, Document) and fewer.pages == 3


def test_a_one_line_text_at_the_character_cap_is_extracted_in_seconds():
    """Each term's clause was searched afresh: a text without clause marks (one line, no commas) is
    one clause, so the work grew with terms × length (20 s for 100 KB, minutes at the cap)."""
    line = hostile.RESUME.replace("\n", " ")
    text = (line * (150_000 // len(line)))[:150_000]
    document = read_bytes(text.encode(), "one_line.txt")
    assert isinstance(document, Document)
    extract_candidate(read_bytes(hostile.RESUME.encode(), "warm.txt"))  # models loaded before the clock starts
    started = time.perf_counter()
    candidate = extract_candidate(document)
    assert time.perf_counter() - started < 20
    assert "银行从业资格" in candidate.certificates


def test_a_declared_charset_holding_a_nul_is_read_not_an_unexpected_error():
    """Found by scripts/fuzz_readers.py: codecs.lookup raised ValueError on it."""
    mail = (b"From: a@example.com\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=\"gb\x0012\"\r\n\r\n"
            + "姓名：甲测试 工作经历 2019.07-至今 示例银行 客户经理".encode())
    result = read_bytes(mail, "cv.eml")
    assert isinstance(result, Document) and "示例银行" in result.text


def test_the_fuzzing_script_reports_its_counts(tmp_path):
    """scripts/fuzz_readers.py on a few files: it runs, counts and saves outside the repository."""
    import json
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "scripts/fuzz_readers.py", "--files", "40", "--seed", "7", "--repro", str(tmp_path),
                           str(root / "tests" / "fixtures" / "cn_simple.pdf"), str(root / "tests" / "fixtures" / "application.eml")],
                          cwd=root, capture_output=True, text=True, timeout=300, env={"PYTHONPATH": str(root), "PATH": ""})
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["files"] == 40 and report["ok"] + report["error_rows"] + report["unexpected"] == 40
    assert (report["crashes"], report["hangs"], report["memory"]) == (0, 0, 0), done.stdout
    refused = subprocess.run([sys.executable, "scripts/fuzz_readers.py", "--files", "1", "--repro", str(root / "x")],
                             cwd=root, capture_output=True, text=True, timeout=120, env={"PYTHONPATH": str(root), "PATH": ""})
    assert refused.returncode == 2 and "outside the repository" in refused.stderr


def test_a_pdf_whose_metadata_is_not_valid_utf16_is_read():
    """Found by scripts/fuzz_readers.py: pypdfium2 raised UnicodeDecodeError on a lone surrogate."""
    text = b"BT /F1 12 Tf 72 800 Td (Loan officer at a sample bank) Tj ET"
    data = hostile._pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        hostile._stream(text),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>",
        b"<< /CreationDate <FEFFD8000041> /Title <FEFFDC00> >>",
    ]).replace(b"/Root 1 0 R", b"/Root 1 0 R /Info 6 0 R")
    result = read_bytes(data, "cv.pdf", NO_OCR)
    assert isinstance(result, Document), result
    assert "Loan officer" in result.text


def test_joining_a_long_run_of_wrapped_lines_takes_linear_time():
    """Found by scripts/fuzz_readers.py: each join searched the whole joined line for its last character."""
    from extractors.text.normalize import normalize_text

    body = ("负责个人消费贷款营销与贷后管理客户关系维护风险识别" * 8000)[:150_000]
    text = "\n".join(body[i:i + 20] for i in range(0, len(body), 20))
    started = time.perf_counter()
    assert normalize_text(text) == body  # every wrapped line joined back
    assert time.perf_counter() - started < 5
