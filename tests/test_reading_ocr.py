"""Reading pictures and scanned PDF pages with the `ocr` extra (rapidocr-onnxruntime, CPU).

The `test` extra installs it, so CI runs these for real; ``importorskip`` only guards a machine
that installed the project without it. OCR output has small noise (a dropped space, "2019.07-至今"),
so the tests assert what HR relies on — the name line, a date range with its employer on the same
line, section order — on lines with spaces squeezed out, not the whole text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

pytest.importorskip("rapidocr_onnxruntime")

from extractors.readers.document import ReadSettings, read_bytes, read_document
from screener.models import Document

FIXTURES = Path(__file__).parent / "fixtures"
SCANNED_RESUMES = ["scanned_page.png", "scanned_page.pdf", "phone_photo.jpg"]


@cache
def read_ocr(name: str) -> Document:
    """OCR takes about a second a page: read each fixture once for all tests."""
    result = read_document(FIXTURES / name, ReadSettings(ocr_threads=1))
    assert isinstance(result, Document), result
    return result


def squeezed(doc: Document) -> list[str]:
    return ["".join(line.split()) for line in doc.lines]


def line_with(lines: list[str], *parts: str) -> str:
    """The one line holding all ``parts``; fails when they are spread over lines."""
    found = [ln for ln in lines if all(p in ln for p in parts)]
    assert len(found) == 1, (parts, lines)
    return found[0]


@pytest.mark.parametrize("name", SCANNED_RESUMES)
def test_scanned_resume_is_read_by_ocr(name: str) -> None:
    doc = read_ocr(name)
    lines = squeezed(doc)
    assert lines[0] == "王芳"  # the name line first, alone
    # Each date range with its employer and title on its own line, as the other readers give it.
    assert line_with(lines, "2019.07-至今", "示例农村商业银行", "客户经理")
    assert line_with(lines, "2016.07-2019.06", "示例烟草公司", "营销专员")
    assert line_with(lines, "2012.09-2016.06", "示例财经大学", "金融学", "本科")
    assert line_with(lines, "电话：137-0000-0000", "wangfang@example.com")
    # Sections in page order, the duty sentence whole.
    assert [lines.index(h) for h in ("工作经历", "教育背景", "技能证书")] == sorted(
        lines.index(h) for h in ("工作经历", "教育背景", "技能证书")
    )
    assert "负责小微企业贷款的贷前调查与贷后管理，管户一百二十户。" in lines
    assert doc.quality == "ok"
    assert doc.quality_reason == "OCR"
    assert doc.pages == 1


def test_fields_a_scanned_row_sets_apart_with_spaces_stay_apart() -> None:
    # The detector boxes each whole row and the recogniser returns it without spaces: before, the
    # name was "魏测试性别" and the gender was lost.
    doc = read_ocr("scanned_form_rows.jpg")
    assert "姓名：魏测试 性别：女 出生年月：1994.08" in doc.lines
    assert "2012.09-2016.06 示例财经大学 金融学 本科" in doc.lines

    from extractors.fields.candidate import extract_candidate

    c = extract_candidate(doc)
    assert (c.name, c.personal.gender, c.personal.birth_date) == ("魏测试", "female", "1994-08")
    assert [(e.employer, e.title) for e in c.experience] == [("示例农村商业银行青禾支行", "客户经理"), ("示例小额贷款有限公司", "信贷员")]


def test_ocr_notes_say_which_pages() -> None:
    assert read_ocr("scanned_page.png").notes == ["read by OCR"]
    assert read_ocr("phone_photo.jpg").notes == ["read by OCR"]  # EXIF orientation applied first
    assert read_ocr("scanned_page.pdf").notes == ["page 1 read by OCR"]


def test_only_the_page_without_a_text_layer_is_ocrd(monkeypatch: pytest.MonkeyPatch) -> None:
    from extractors.readers import document as reading

    seen: list[int] = []
    real = reading.page_ocr

    def counting(threads: int = 1):
        ocr = real(threads)

        def run(image, number, scale):
            seen.append(number)
            return ocr(image, number, scale)

        return run

    monkeypatch.setattr(reading, "page_ocr", counting)
    doc = read_document(FIXTURES / "mixed_scan.pdf", ReadSettings(ocr_threads=1))
    assert isinstance(doc, Document)
    assert seen == [2]
    assert doc.notes == ["page 2 read by OCR"]
    # The typed page's text exactly as its text layer has it, then the scanned page.
    assert doc.lines[:4] == [
        "求职信",
        "尊敬的招聘负责人：",
        "您好！我应聘贷款客户经理岗位，附上扫描版简历，请查收。",
        "王芳 敬上",
    ]
    lines = squeezed(doc)
    assert lines[4] == "王芳"
    assert line_with(lines, "2019.07-至今", "示例农村商业银行")
    assert doc.quality == "ok"


def test_picture_under_a_typed_header_is_read() -> None:
    # The page has a text layer (the job site's header), so it is not "scanned"; the résumé
    # itself is a big picture with no text over it: that region is OCR'd and read below the header.
    doc = read_ocr("header_and_picture.pdf")
    assert doc.notes == ["picture on page 1 read by OCR"]
    assert doc.lines[0] == "来源：示例招聘网 简历编号：20240315001"
    lines = squeezed(doc)
    assert lines[1] == "王芳"
    assert line_with(lines, "2019.07-至今", "示例农村商业银行", "客户经理")
    assert line_with(lines, "2012.09-2016.06", "示例财经大学", "本科")
    assert doc.quality == "ok"


def test_little_text_from_ocr_is_low_text() -> None:
    doc = read_ocr("photo.png")
    assert squeezed(doc) == ["钱十简历", "电话：138-0000-0000"]
    assert doc.quality == "low_text"
    assert doc.quality_reason.endswith("(read by OCR)")


def test_small_scanned_pdf_from_before_ocr() -> None:
    lines = squeezed(read_ocr("scanned.pdf"))
    assert lines[0] == "王五简历"
    assert line_with(lines, "工作经历", "示例公司")


def test_image_attached_to_an_email_is_read() -> None:
    from email.message import EmailMessage
    from email.policy import SMTP

    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "a@example.com", "hr@example.com", "简历"
    msg.set_content("见附件")
    png = (FIXTURES / "scanned_page.png").read_bytes()
    msg.add_attachment(png, maintype="image", subtype="png", filename="简历.png")
    doc = read_bytes(msg.as_bytes(policy=SMTP), "mail.eml", ReadSettings(ocr_threads=1))
    assert isinstance(doc, Document)
    assert doc.notes == ["attachment 简历.png read by OCR"]
    lines = squeezed(doc)
    assert lines[:3] == ["简历", "见附件", "王芳"]
    assert line_with(lines, "2019.07-至今", "示例农村商业银行")


@pytest.mark.parametrize("cut", [0.3, 0.7])
def test_truncated_picture_is_a_clear_error(cut: float) -> None:
    data = (FIXTURES / "scanned_page.png").read_bytes()
    err = read_bytes(data[: int(len(data) * cut)], "cut.png")
    assert not isinstance(err, Document)
    assert err.code == "corrupt_image"
    assert err.reason.startswith("image is damaged or truncated")
