"""Reading stage: what a user would notice in the text of each fixture.

Fixtures are built by scripts/make_fixtures.py and committed; these tests only read them.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from extractors.readers.document import ReadSettings, read_bytes, read_document
from extractors.readers.sniff import extension_note, sniff_format
from extractors.text.normalize import can_join, join_spaced_cjk, join_wrapped_lines, nfkc_keep_cjk_punct, normalize_text
from screener.models import Document, ReadError

FIXTURES = Path(__file__).parent / "fixtures"
ALL_FIXTURES = sorted(p for p in FIXTURES.iterdir() if p.is_file())


def read_ok(name: str, **settings) -> Document:
    result = read_document(FIXTURES / name, ReadSettings(**settings) if settings else None)
    assert isinstance(result, Document), result
    return result


def read_err(name: str) -> ReadError:
    result = read_document(FIXTURES / name)
    assert isinstance(result, ReadError), result
    return result


@pytest.fixture
def no_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read as on a machine without the `ocr` extra."""
    from extractors.readers import document as reading

    monkeypatch.setattr(reading, "ocr_installed", lambda: False)


def before(lines: list[str], *items: str) -> bool:
    """True when each item is a line of ``lines`` and they appear in this order."""
    positions = [lines.index(item) for item in items]
    return positions == sorted(positions)


# --- every fixture ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", ALL_FIXTURES, ids=lambda p: p.name)
def test_never_raises_and_records_the_source(path: Path) -> None:
    result = read_document(path)
    assert isinstance(result, Document | ReadError)
    data = path.read_bytes()
    assert result.source.sha256 == hashlib.sha256(data).hexdigest()
    assert result.source.size_bytes == len(data)
    assert result.source.path == str(path)


def test_missing_file_is_a_read_error() -> None:
    result = read_document(FIXTURES / "does-not-exist.pdf")
    assert isinstance(result, ReadError)
    assert result.code == "unreadable_file"


# --- PDF ----------------------------------------------------------------------------------------

CN_SIMPLE_TEXT = """\
张三
基本信息
姓名：张三 电话：138-0000-0000
邮箱：zhangsan@example.com
工作经历
2019.07 - 至今 示例科技有限公司 高级产品经理
负责公司核心产品的规划与设计，带领五人团队完成三个版本迭代，用户规模增长百分之三十，并建立了完善的数据分析体系，推动产品决策从经验驱动转向数据驱动。
教育背景
2012.09 - 2016.06 示例大学 计算机科学与技术 本科
技能
Skills: Python, SQL, product design
1、熟练使用Excel进行数据分析
2、具备良好的沟通能力"""


def test_simple_chinese_pdf_exact_text() -> None:
    doc = read_ok("cn_simple.pdf")
    # The wrapped sentence is one line without a space at the wrap; the letter-spaced
    # heading reads 工作经历 and the fake-bold one 基本信息 (not 基基本本...); a row's fields
    # stay on their row; numbered items stay apart; the diagonal watermark is left out.
    assert doc.text == CN_SIMPLE_TEXT
    assert doc.source.format == "pdf"
    assert doc.pages == 1
    assert doc.created == "2024-03-15"
    assert doc.quality == "ok"
    assert doc.notes == []


def test_sidebar_pdf_reads_column_by_column() -> None:
    doc = read_ok("cn_sidebar.pdf")
    lines = doc.lines
    assert doc.pages == 2
    # Banner first, then the whole sidebar, then the main column.
    assert lines[:3] == ["李四 - 个人简历", "李四", "求职意向：数据分析师 | 期望城市：上海"]
    sidebar = [
        "联系方式",
        "电话：139-0000-0000",
        "邮箱：lisi@example.com",
        "城市：上海",
        "专业技能",
        "Python / SQL",
        "Tableau 可视化",
        "统计建模",
        "语言能力",
        "英语 CET-6",
    ]
    start = lines.index("联系方式")
    assert lines[start : start + len(sidebar)] == sidebar
    assert lines[start + len(sidebar)] == "个人简介"
    # The summary wrapped inside the main column comes back as one line.
    assert "五年互联网数据分析经验，熟悉用户增长与商业分析，善于把复杂的业务问题拆解为可验证的指标体系。" in lines
    # Table-like rows keep date, employer and title together.
    assert "2020.03 - 至今 示例数据有限公司 数据分析师" in lines
    assert "2017.07 - 2020.02 样本网络科技公司 运营专员" in lines
    # Page 2 continues column by column: sidebar (证书) before the main column (教育背景).
    assert before(
        lines,
        "英语 CET-6",
        "证书",
        "CDA 数据分析师",
        "PMP",
        "教育背景",
        "2013.09 - 2017.06 示例财经大学 统计学 本科",
        "项目经历",
    )
    # Running header kept once, page numbers gone.
    assert lines.count("李四 - 个人简历") == 1
    assert not any("页" in ln and "共" in ln for ln in lines)


@pytest.mark.parametrize("name", ["cn_simple.pdf", "cn_sidebar.pdf"])
def test_fast_and_careful_pdf_paths_agree(name: str) -> None:
    fast = read_ok(name, pdf_engine="pdfium")
    careful = read_ok(name, pdf_engine="pdfplumber")
    assert fast.text == careful.text
    assert (fast.pages, fast.created) == (careful.pages, careful.created)


def test_scanned_pdf_is_flagged_not_empty(no_ocr: None) -> None:
    doc = read_ok("scanned.pdf")
    assert doc.quality == "scanned"
    assert doc.quality_reason == "no text layer (scanned?), OCR not installed"


def test_scanned_pdf_with_ocr_turned_off_says_so() -> None:
    doc = read_ok("scanned_page.pdf", ocr=False)
    assert doc.quality == "scanned"
    assert doc.quality_reason == "no text layer (scanned?), OCR turned off"


def test_mixed_pdf_without_ocr_notes_the_scanned_page(no_ocr: None) -> None:
    doc = read_ok("mixed_scan.pdf")
    # Page 1 has a text layer, page 2 is a picture: the text is kept, the page is named.
    assert doc.lines[0] == "求职信"
    assert doc.notes == ["page 2 has no text layer (scanned?), OCR not installed"]
    assert doc.quality == "scanned"  # the text layer is too short to stand on its own


def test_picture_under_a_typed_header_without_ocr_is_low_text(no_ocr: None) -> None:
    doc = read_ok("header_and_picture.pdf")
    assert doc.lines == ["来源：示例招聘网 简历编号：20240315001"]
    assert doc.quality == "low_text"


def test_picture_without_ocr_is_an_error_not_an_empty_resume(no_ocr: None) -> None:
    for name, fmt in [("photo.png", "png"), ("phone_photo.jpg", "jpeg"), ("scanned_page.png", "png")]:
        err = read_err(name)
        assert (err.code, err.source.format) == ("scanned_image", fmt)
        assert err.reason == "image résumé: OCR not installed"


def test_ocr_that_cannot_start_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    from extractors.readers import document as reading
    from extractors.readers import ocr

    def broken(threads: int):
        # rapidocr installed, but its OpenCV cannot load (a minimal image without libGL).
        raise ocr.OcrUnavailable("no") from OSError("libGL.so.1: cannot open shared object file")

    monkeypatch.setattr(reading, "ocr_installed", lambda: True)
    monkeypatch.setattr(ocr, "_engine", broken)
    why = "OCR could not start (OSError: libGL.so.1: cannot open shared object file)"
    err = read_err("photo.png")
    assert (err.code, err.reason) == ("ocr_unavailable", why)
    doc = read_ok("scanned_page.pdf")
    assert (doc.quality, doc.quality_reason) == ("scanned", f"no text layer (scanned?), {why}")
    doc = read_ok("mixed_scan.pdf")
    assert doc.notes == [f"page 2 has no text layer (scanned?), {why}"]


def test_ocr_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from extractors.readers.ocr import OcrUnavailable, try_rapidocr_import

    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # an import of it now fails
    with pytest.raises(OcrUnavailable, match=r'pip install "resume-screener\[ocr\]"'):
        try_rapidocr_import()


def test_pdf_without_unicode_map_is_garbled() -> None:
    doc = read_ok("garbled.pdf")
    assert doc.quality == "garbled"
    assert "cid" in doc.quality_reason


@pytest.mark.parametrize(
    ("name", "code", "format_"),
    [
        ("truncated.pdf", "corrupt_pdf", "pdf"),
        ("encrypted.pdf", "encrypted", "pdf"),
        ("truncated.docx", "corrupt_docx", "docx"),
        ("empty.txt", "empty_file", "empty"),
        ("binary.dat", "unsupported_format", "binary"),
        ("truncated.xls", "corrupt_xls", "xls"),
    ],
)
def test_bad_files_give_the_right_error_code(name: str, code: str, format_: str) -> None:
    err = read_err(name)
    assert err.code == code
    assert err.source.format == format_
    assert err.reason
    assert err.stage == "read"


def test_error_reasons_are_readable(no_ocr: None) -> None:
    assert read_err("encrypted.pdf").reason == "PDF is password-protected"
    assert read_err("photo.png").reason == "image résumé: OCR not installed"
    assert read_err("truncated.xls").reason.startswith("Excel .xls is damaged or truncated")
    assert read_err("empty.txt").reason == "the file is empty"
    assert read_err("truncated.pdf").reason.startswith("PDF is damaged or truncated")


# --- DOCX ---------------------------------------------------------------------------------------

TABLE_DOCX_TEXT = """\
孙七 · 个人简历
孙七
基本信息
姓名 | 孙七 | 性别 | 女
电话 | 138-0000-0000 | 邮箱 | sunqi@example.com
求职意向 | 人力资源经理
照片 | 籍贯 | 浙江杭州
工作经历
2018.05 - 至今 示例人力资源服务有限公司 招聘主管
负责校园招聘与社会招聘，年均完成招聘一百二十人。
技能证书
证书
人力资源管理师 | 二级
英语 | CET-6
自我评价：性格开朗，善于沟通，有较强的团队合作精神。
兴趣爱好：羽毛球、阅读
联系邮箱：sunqi@example.com"""


def test_docx_tables_textbox_header_footer_in_document_order() -> None:
    doc = read_ok("table_textbox.docx")
    # Header first, footer last; each table row on one line (label beside value); merged
    # cells written once; the nested table's rows present; the text box read once.
    assert doc.text == TABLE_DOCX_TEXT
    assert doc.text.count("自我评价") == 1
    assert doc.source.format == "docx"
    assert doc.created == "2024-03-15"
    assert doc.notes == []


def test_docx_with_everything_in_text_boxes() -> None:
    # All text in floating boxes, the name box anchored after the education box: read in page order.
    doc = read_ok("textbox_only.docx")
    assert doc.lines == [
        "周八",
        "电话：138-0000-0000",
        "邮箱：zhouba@example.com",
        "教育背景",
        "2014.09 - 2018.06 示例理工大学 机械工程 本科",
        "工作经历",
        "2018.07 - 至今 示例制造有限公司 机械工程师",
    ]


def test_docx_saved_as_pdf_is_read_as_docx_with_a_note() -> None:
    doc = read_ok("docx_named.pdf")
    assert doc.source.format == "docx"
    assert doc.notes == ["extension .pdf but content is docx"]
    assert doc.text == TABLE_DOCX_TEXT


# --- text ---------------------------------------------------------------------------------------

TXT_TEXT = """\
吴九
基本信息
电话：138-0000-0000 邮箱：wujiu@example.com
工作经历
2016.03 - 至今 示例餐饮管理有限公司 门店经理
负责门店日常运营与团队管理
带领二十人团队完成年度营业额目标
自我评价
从事餐饮门店管理工作八年，熟悉门店运营、成本控制与团队建设，带领团队连续三年完成营业额目标，门店顾客满意度位列区域第一，具有较强的沟通协调能力和抗压能力。
教育背景
2012.09 - 2016.06 示例商学院 酒店管理 大专"""


@pytest.mark.parametrize("name", ["gb18030.txt", "utf8_bom_crlf.txt", "utf16.txt"])
def test_text_encodings_give_the_same_text(name: str) -> None:
    doc = read_ok(name)
    # Decoded right, no BOM or CR left over, the paragraph hard-wrapped at 40 columns joined,
    # the two unbulleted duty lines and the entry header kept apart.
    assert doc.text == TXT_TEXT
    assert doc.source.format == "txt"
    assert doc.quality == "ok"


def test_big5_text_is_decoded_and_converted_to_simplified() -> None:
    doc = read_ok("big5.txt")
    assert doc.lines == [
        "陈小明",
        "工作经历",
        "2019.07 - 至今 范例科技股份有限公司 资深产品经理",
        "负责公司核心产品的规划与设计。",
    ]
    assert doc.notes == ["Traditional Chinese converted to Simplified"]
    assert doc.quality == "low_text"  # a 4-line fixture is below the 80-character bar
    assert doc.quality_reason.startswith("only ")


def test_gbk_text_without_the_detector_guessing_big5() -> None:
    data = "王小二\n技能：熟练使用办公软件\n".encode("gbk")
    doc = read_bytes(data, "resume.txt")
    assert isinstance(doc, Document)
    assert doc.lines == ["王小二", "技能：熟练使用办公软件"]


# --- sniffing -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "WordDocument".encode("utf-16-le"), "doc"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "Workbook".encode("utf-16-le"), "xls"),
        (b"{\\rtf1\\ansi hello}", "rtf"),
        (b"<!DOCTYPE html><html><body>hi</body></html>", "html"),
        ('<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>简历</body></html>'.encode("gbk"), "html"),
        (b"From: a@example.com\nTo: b@example.com\nSubject: cv\nMIME-Version: 1.0\n\nbody", "eml"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "png"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "jpeg"),
        ("简历 plain text".encode(), "txt"),
        (b"", "empty"),
        (b"  \r\n ", "empty"),
    ],
)
def test_sniff_format_from_bytes(data: bytes, fmt: str) -> None:
    assert sniff_format(data) == fmt


def test_extension_notes() -> None:
    assert extension_note("a.doc", "docx") == "extension .doc but content is docx"
    assert extension_note("a.DOCX", "docx") is None
    assert extension_note("a.pdf", "pdf") is None
    assert extension_note("resume", "txt") is None
    assert extension_note("a.pdf", "txt") == "extension .pdf but content is txt"


def test_word_6_doc_without_a_converter_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    from extractors.readers import document as reading

    # Word 6/95 keeps its text another way: only LibreOffice reads it, so the error says how to get it.
    data = bytearray((FIXTURES / "legacy.doc").read_bytes())
    monkeypatch.setattr(reading, "find_converter", lambda: None)
    monkeypatch.setattr(reading, "read_word97", _raise_unsupported)
    err = read_bytes(bytes(data), "old.doc")
    assert isinstance(err, ReadError)
    assert err.code == "legacy_doc"
    assert "apt install libreoffice-writer-nogui" in err.reason


def _raise_unsupported(data: bytes) -> str:
    from extractors.readers.word97 import UnsupportedError

    raise UnsupportedError("Word 6/95 file (nFib 0x0065)")


# --- normalisation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("工 作 经 历", "工作经历"),
        ("姓    名：张三", "姓名：张三"),
        ("2019.07 - 至今 某公司", "2019.07 - 至今 某公司"),  # a space between words is kept
        ("张三   性别：男", "张三 性别：男"),
        (
            "ＰＹＴＨＯＮ　３年，（熟练）：",
            "PYTHON 3年，（熟练）：",
        ),  # full-width Latin → ASCII, Chinese punctuation kept
        ("⼯作经历", "工作经历"),  # Kangxi radical from a PDF font → the ordinary character
        # Full-width dates, e-mail and percent become ASCII so they can be parsed; ，stays.
        ("２０１９．０７－至今，ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ，９５％", "2019.07-至今，zhang@example.com，95%"),
        ("电\u200b话：138\ufeff-0000-0000", "电话：138-0000-0000"),
        ("a\r\nb\rc", "a\nb\nc"),
        ("Hello   World ", "Hello World"),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_small_steps_are_exported() -> None:
    assert join_spaced_cjk("性 别：男") == "性别：男"
    assert nfkc_keep_cjk_punct("１２３：") == "123："


@pytest.mark.parametrize(
    ("prev", "nxt", "joined"),
    [
        ("负责公司核心产品的规划与设计，带领团队完成三个版本迭", "代，用户规模增长百分之三十。", True),
        ("负责公司核心产品的规划与设计，带领团队完成三个版本迭", "2019.07 - 至今 某公司", False),  # a date line
        ("负责公司核心产品的规划与设计，带领团队完成三个版本迭", "• 设计实验", False),  # a bullet
        ("负责公司核心产品的规划与设计，带领团队完成三个版本迭", "2、具备沟通能力", False),  # numbered item
        ("负责公司核心产品的规划与设计，带领团队完成三个版本迭", "一、项目经历", False),
        ("负责公司核心产品的规划与设计，带领团队完成三个版本迭", "教育背景", False),  # short heading
        ("负责公司核心产品的规划与设计，带领团队完成三个版本迭", "电话：138-0000-0000", False),  # label：
        ("负责公司核心产品的规划与设计，带领团队完成三个版本。", "代表作品集见附件说明", False),  # sentence ended
        ("工作经历", "负责公司核心产品的规划与设计", False),  # previous is a heading
        ("2016.03 - 至今 示例餐饮管理有限公司 门店经理", "负责门店日常运营与团队管理", False),
    ],
)
def test_can_join(prev: str, nxt: str, joined: bool) -> None:
    assert can_join(prev, nxt) is joined


def test_plain_text_without_a_wrap_column_is_not_joined() -> None:
    # Unbulleted duty items of similar length: no column shared by 3+ lines, so nothing is glued.
    lines = [
        "信贷员",
        "负责个人经营贷款客户营销，协助完成贷前调查",
        "整理客户资料，参与逾期客户电话催收",
        "面向个人客户销售寿险及意外险产品，连续两年完成销售指标",
        "维护老客户，开拓乡镇市场",
    ]
    assert join_wrapped_lines(lines) == lines


# --- HTML, MIME, RTF, XLSX, legacy .doc (issue 3) ------------------------------------------------


def test_job_site_html_saved_as_doc() -> None:
    doc = read_ok("job_site_export.doc")
    assert doc.source.format == "html"
    assert doc.notes == ["extension .doc but content is html"]
    # GB2312-declared HTML decoded; padded labels closed up; a table row on one line; <br> splits;
    # script and style gone.
    assert doc.lines == [
        "郑十一",
        "姓名： | 郑十一 | 性别： | 男",
        "手机： | 138-0000-0000 | 邮箱： | zheng@example.com",
        "工作经历",
        "2017.04 - 至今 示例超市连锁有限公司 区域经理",
        "负责华东区十二家门店的运营管理。",
        "教育背景",
        "2010.09 - 2014.06 示例大学 工商管理 本科",
    ]


def test_email_body_and_attached_docx_are_read() -> None:
    doc = read_ok("application.eml")
    assert doc.source.format == "eml"
    assert doc.lines[:4] == ["应聘人力资源经理-孙七", "您好：", "附件是我的简历，请查收。", "孙七 138-0000-0000"]
    # The attachment (base64 DOCX with a GBK/UTF-8 encoded Chinese file name) follows the body.
    assert doc.text.endswith(TABLE_DOCX_TEXT)
    assert doc.notes == ["attachment 孙七_简历.docx read"]
    assert doc.created == "2024-03-15"


def test_mht_page_reads_its_html_part() -> None:
    doc = read_ok("saved_page.mht")
    assert doc.source.format == "mht"
    assert doc.lines == [
        "冯十二",
        "电话：138-0000-0000 | 邮箱：feng12@example.com",
        "工作经历",
        "2019.03 - 至今 | 示例软件有限公司 | 测试工程师",
        "负责移动端产品的功能测试与自动化测试。",
    ]


def test_rtf_with_gbk_bytes_unicode_escapes_and_a_table() -> None:
    doc = read_ok("wordpad.rtf")
    assert doc.source.format == "rtf"
    assert doc.lines == [
        "陈十三",
        "工作经历",
        "电话： | 138-0000-0000",
        "2015.06 - 至今 示例物流有限公司 调度主管",
        "Email: chen13@example.com",
    ]


def test_xlsx_cells_row_by_row() -> None:
    doc = read_ok("sheet.xlsx")
    assert doc.source.format == "xlsx"
    assert doc.lines == [
        "姓名 | 褚十四 | 性别 | 女",
        "电话 | 138-0000-0000 | 邮箱 | chu14@example.com",
        "工作经历",
        "2018.09 - 至今 | 示例会计师事务所 | 审计助理",
    ]
    assert doc.created == "2024-03-15"


def test_word97_doc_is_read_without_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    from extractors.readers import document as reading

    # A fresh machine has no LibreOffice: the Word 97 reader is pure Python.
    monkeypatch.setattr(reading, "find_converter", lambda: None)
    doc = read_ok("legacy.doc")  # the DOCX of TABLE_DOCX_TEXT saved as Word 97 by LibreOffice
    assert doc.source.format == "doc"
    # Every line of the DOCX but the nested table's, whose cells Word 97 keeps one per line.
    nested = {"证书", "人力资源管理师 | 二级", "英语 | CET-6"}
    assert set(TABLE_DOCX_TEXT.splitlines()) - nested <= set(doc.lines)
    assert {"人力资源管理师", "二级", "CET-6"} <= set(doc.lines)


def test_word97_chinese_resume_keeps_table_rows_and_field_results() -> None:
    doc = read_ok("word97_resume.doc")  # made by scripts/make_word97_fixtures.sh (python-docx → LibreOffice)
    assert "学历 | 2008.09-2012.07 | 示例大学 金融学 | 本科" in doc.lines
    # An empty last cell does not end the row early, and the next row stays a row of its own.
    assert "工作经历 | 2019.03-至今 | 示例农村商业银行 |" in doc.lines
    assert "主页：示例个人主页" in doc.lines  # a HYPERLINK field: its result, not its code
    assert not any("HYPERLINK" in line for line in doc.lines)


def test_word97_resume_is_screened_like_any_other() -> None:
    from extractors.fields.candidate import extract_candidate

    candidate = extract_candidate(read_ok("word97_resume.doc"), reference_date=date(2026, 6, 30))
    assert candidate.name == "张示例"
    assert candidate.highest_degree == "master"
    assert candidate.experience[0].employer == "示例农村商业银行"


@pytest.mark.parametrize(
    ("name", "code", "reason"),
    [
        ("truncated.doc", "corrupt_doc", "legacy Word .doc is damaged"),
        ("word97_encrypted.doc", "encrypted", "password-protected Word .doc"),
    ],
)
def test_damaged_or_locked_word97_is_a_clear_error(name: str, code: str, reason: str) -> None:
    err = read_err(name)
    assert err.source.format == "doc"
    assert err.code == code
    assert err.reason.startswith(reason)


def test_label_alone_on_a_line_takes_its_value() -> None:
    assert (
        normalize_text("姓名：\n张测试\n出生年月：\n1991.04\n专业技能：\n• 信贷")
        == "姓名：张测试\n出生年月：1991.04\n专业技能：\n• 信贷"
    )


def test_a_heading_written_as_a_label_keeps_its_first_entry_apart(tmp_path: Path) -> None:
    # "工作经历：" opens the section: glued to the first job, the section never opened and the jobs
    # under it were read as header lines (the second job was lost).
    text = (
        "姓  名：施测试\n工作经历：\n示例国际大酒店\t2018年9月—2021年3月\n职位：前厅部领班\n"
        "示例物业服务有限公司\t2021年4月—至今\n职位：客服主管\n教育经历：\n2015.09-2018.06 示例旅游职业学院 酒店管理 大专\n"
    )
    assert normalize_text(text).split("\n")[1:3] == ["工作经历：", "示例国际大酒店 2018年9月—2021年3月"]
    path = tmp_path / "resume.txt"
    path.write_bytes(text.encode("gb18030"))
    from extractors.fields.candidate import extract_candidate

    doc = read_document(path)
    assert isinstance(doc, Document)
    c = extract_candidate(doc)
    assert [(e.employer, e.title) for e in c.experience] == [("示例物业服务有限公司", "客服主管"), ("示例国际大酒店", "前厅部领班")]
    assert [e.school for e in c.education] == ["示例旅游职业学院"]


def test_email_attachments_that_cannot_be_read_are_noted(no_ocr: None) -> None:
    from email.message import EmailMessage
    from email.policy import SMTP

    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "a@example.com", "hr@example.com", "简历"
    msg.set_content("见附件")
    for name, maintype, subtype in [
        ("photo.png", "image", "png"),
        ("scanned.pdf", "application", "pdf"),
        ("encrypted.pdf", "application", "pdf"),
    ]:
        msg.add_attachment((FIXTURES / name).read_bytes(), maintype=maintype, subtype=subtype, filename=name)
    doc = read_bytes(msg.as_bytes(policy=SMTP), "mail.eml")
    assert isinstance(doc, Document)
    assert doc.lines == ["简历", "见附件"]
    assert doc.quality == "low_text"
    assert doc.notes == [
        "attachment photo.png is an image: OCR not installed",
        "attachment scanned.pdf not read: no text layer (scanned?), OCR not installed",
        "attachment encrypted.pdf not read: PDF is password-protected",
    ]


# --- more layouts and formats (issue 3) -----------------------------------------------------------


def test_two_column_pdf_on_one_line_pitch_reads_column_by_column() -> None:
    # Both columns share baselines, so row by row they look like a table; the sentences wrapping
    # inside each column say otherwise. Left column first, then the right one, sentences whole.
    doc = read_ok("cn_two_column.pdf")
    assert doc.lines == [
        "何十七",
        "电话：138-0000-0000 邮箱：he17@example.com",
        "教育背景",
        "2011.09 - 2015.06",
        "示例师范大学 会计学 本科",
        "专业技能",
        "熟练使用用友、金蝶财务软件，能够独立完成月度结账与报表编制工作。",
        "证书",
        "中级会计师",
        "工作经历",
        "2015.07 - 至今 示例农商银行 会计主管",
        "负责支行日常会计核算与账务管理，组织月末对账，连续三年考核优秀。",
        "项目经历",
        "2021.03 - 2021.12 新核心系统上线",
        "负责会计模块的测试与数据迁移核对，保障系统平稳切换。",
    ]


def test_a_timeline_table_saved_by_libreoffice_reads_row_by_row() -> None:
    # Dates in a cell of their own left of each job, headings and duty lines on one side only: a
    # table, not two columns. Read as columns, every job lost its dates.
    doc = read_ok("timeline_table.pdf")
    lines = doc.lines
    assert "2018.03 - 至今 示例市烟草专卖局（公司） 客户经理" in lines
    assert "2009.09 - 2012.06 示例商贸职业学院 市场营销 大专" in lines
    assert lines.index("工作经历") < lines.index("2014.07 - 2018.02 示例超市连锁有限公司 门店主管") < lines.index("教育经历")

    from extractors.fields.candidate import extract_candidate

    c = extract_candidate(doc)
    assert [(e.employer, e.title) for e in c.experience] == [
        ("示例市烟草专卖局（公司）", "客户经理"), ("示例超市连锁有限公司", "门店主管"), ("示例快消品贸易有限公司", "销售代表"),
    ]
    assert [(e.school, e.major) for e in c.education] == [("示例商贸职业学院", "市场营销")]


def test_a_sidebar_in_a_word_table_reads_column_by_column_with_wrapped_headers_joined() -> None:
    lines = read_ok("sidebar_table.pdf").lines
    assert lines.index("C1驾驶证") < lines.index("工作经历")  # the sidebar, then the main column
    # An entry header that ran into the cell's edge gets its tail back; its first duty does not.
    assert "2016.07 - 2019.06 示例村镇银行 综合柜员" in lines and "负责柜面业务办理。" in lines
    assert "2012.09 - 2016.06 示例财经大学 金融学本科" in lines


def test_a_forms_wrapped_cells_are_put_back_together() -> None:
    # Narrow cells wrap: "示例农村信用合作" / "联社" on the next line, under its own column. Read as
    # lines, the employer lost its tail and the referee's phone became the candidate's.
    doc = read_ok("wrapped_cells.pdf")
    assert "2019.07-至今 示例农村信用合作联社 信贷员 李某13500000052" in doc.lines
    assert "2017.07-2019.06 示例物业管理有限公司 客服专员 王某 0571-88880053" in doc.lines
    assert "联社 13500000052" not in doc.lines

    from extractors.fields.candidate import extract_candidate

    c = extract_candidate(doc)
    assert [(e.employer, e.title, e.industry) for e in c.experience] == [
        ("示例农村信用合作联社", "信贷员", "rural_credit"), ("示例物业管理有限公司", "客服专员", "property_management"),
    ]
    assert c.phones == ["13600000051"]
    # The heading cell beside the education row opens the section.
    assert [(e.school, e.major) for e in c.education] == [("示例财经大学", "金融学")]


@pytest.mark.parametrize("name", ["cover_letter.docx", "cover_letter.pdf"])
def test_a_cover_letter_typed_in_word_gives_its_jobs_from_the_paragraph(name: str) -> None:
    from datetime import date

    from extractors.fields.candidate import extract_candidate

    doc = read_ok(name)
    # LibreOffice broke the PDF's first line early, inside "（大专）": the paragraph is one line again.
    assert any(line.startswith("您好！") and line.endswith("连续三年被评为优秀客户经理。") for line in doc.lines)
    c = extract_candidate(doc, date(2026, 11, 1))
    assert [(e.employer, e.title, e.start, e.end, e.industry) for e in c.experience] == [
        ("示例烟草专卖局（公司）", "客户经理", "2016-03", None, "tobacco"),
        ("示例超市有限公司", "营业员、店长", "2012-07", "2016-02", "retail_fmcg"),
    ]
    assert [(e.school, e.degree, e.major, e.end) for e in c.education] == [("示例职业技术学院", "associate", "市场营销", "2012-06")]
    assert c.name == "钱测试" and c.phones == ["13800000456"]


def test_ruled_table_resume_keeps_each_label_with_its_value() -> None:
    doc = read_ok("cn_table.pdf")
    assert doc.lines == [
        "个人简历",
        "姓名 孙十六 性别 女",
        "出生年月 1992.03 学历 本科",
        "电话 138-0000-0000 邮箱 sun16@example.com",
        "工作经历",
        "2016.07 - 至今 示例物业服务有限公司 客服主管",
        "2014.07 - 2016.06 示例酒店管理公司 前台接待",
        "教育背景",
        "2010.09 - 2014.06 示例大学 物业管理 本科",
        # The value cell wraps over two lines beside its top-aligned label: one line again.
        "自我评价 工作认真负责，善于沟通协调，熟悉物业客服流程与投诉处理，持有物业管理师证书，能吃苦耐劳。",
    ]
    assert read_ok("cn_table.pdf", pdf_engine="pdfplumber").text == doc.text


def test_xls_form_cells_row_by_row() -> None:
    doc = read_ok("form.xls")
    assert doc.source.format == "xls"
    # Read natively (no LibreOffice): merged title and section rows once, label beside value,
    # a number cell without ".0", a date cell as a date.
    assert doc.lines == [
        "应聘人员登记表",
        "姓名 | 蒋十五 | 性别 | 男",
        "电话 | 138-0000-0000 | 邮箱 | jiang15@example.com",
        "应聘岗位 | 烟草客户经理 | 工作年限 | 6",
        "工作经历",
        "2018.03 - 至今 | 示例烟草专卖局 | 客户经理",
        "教育背景",
        "2010.09 - 2014.06 | 示例农业大学 | 市场营销 | 本科",
        "填表日期 | 2024-03-15",
    ]
    assert doc.notes == []


def test_truncated_xls_is_still_known_as_xls() -> None:
    assert sniff_format((FIXTURES / "truncated.xls").read_bytes()) == "xls"  # by the BIFF BOF record


def test_traditional_chinese_docx_is_converted_to_simplified() -> None:
    doc = read_ok("traditional.docx")
    assert doc.notes == ["Traditional Chinese converted to Simplified"]
    assert doc.lines[:5] == [
        "陈美玲",
        "个人简历",
        "电话 | 0912-000-000 | 电邮 | chen.ml@example.com",
        "学历 | 学士 | 语言 | 英语、粤语",
        "工作经历",
    ]
    assert "2018.08 - 至今 范例商业银行 客户经理" in doc.lines
    assert "经历" in doc.text and "银行" in doc.text
    assert not any(ch in doc.text for ch in "經歷銀陳個簡")


def test_simplified_text_is_never_converted() -> None:
    # 於 is a surname in Simplified Chinese too; t2s would make it 于. One Traditional employer
    # name in a Simplified résumé does not make the résumé Traditional either.
    text = (
        "於明\n工作经历\n2019.07 - 至今 香港匯豐銀行 客户经理\n负责个人客户的理财产品销售与客户关系维护。\n"
        "2016.07 - 2019.06 示例农村商业银行 柜员\n负责日常存取款业务办理，连续两年获评优秀员工。\n"
        "教育背景\n2012.09 - 2016.06 示例财经大学 金融学 本科"
    )
    doc = read_bytes(text.encode(), "resume.txt")
    assert isinstance(doc, Document)
    assert doc.text == text
    assert doc.notes == []


def test_traditional_conversion_can_be_turned_off() -> None:
    doc = read_ok("traditional.docx", traditional_share=2.0)
    assert doc.lines[0] == "陳美玲"
    assert doc.notes == []


def test_word_mht_saved_as_doc_in_gb2312_quoted_printable() -> None:
    doc = read_ok("job_site_export_mht.doc")
    assert doc.source.format == "mht"
    assert doc.notes == ["extension .doc but content is mht"]
    # The MIME preamble ("此文档为单个文件网页…") and the page's image are not résumé text.
    assert doc.lines == [
        "卫十八",
        "手机： | 138-0000-0000 | 居住地： | 济南",
        "求职意向：物业客户服务经理",
        "工作经验",
        "2017/06 -- 至今 示例物业管理有限公司 客服经理",
        "负责小区业主服务、投诉处理与物业费收缴，收缴率提升至百分之九十六。",
        "教育经历",
        "2013/09 -- 2017/06 示例职业学院 物业管理 大专",
    ]


def test_a_heading_right_under_a_full_width_line_is_not_its_wrapped_tail() -> None:
    from extractors.readers.pdf import Line, join_wrapped

    # A form's last row runs to the right edge; the section heading below it starts a new section.
    row = Line("联系电话 13900000000 邮箱 zhou@example.invalid", 93.6, 500.0, 167.5, 178.0, 10.5, 0)
    heading = Line("工作经历", 78.0, 120.0, 182.5, 193.0, 10.5, 0)
    assert [ln.text for ln in join_wrapped([row, heading])] == [row.text, heading.text]
    tail = Line("检查报告", 78.0, 120.0, 182.5, 193.0, 10.5, 0)
    sentence = Line("负责每月对辖区内的消防设施进行巡查并按时提交", 93.6, 500.0, 167.5, 178.0, 10.5, 0)
    assert [ln.text for ln in join_wrapped([sentence, tail])] == ["负责每月对辖区内的消防设施进行巡查并按时提交检查报告"]
