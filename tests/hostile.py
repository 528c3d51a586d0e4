"""A folder of hostile and odd input for the screener: bombs, special files, link tricks, odd names.

    PYTHONPATH=. python tests/hostile.py OUT_DIR

``make_corpus`` builds it in about a second and a few MB of disk (the bombs are made, not compressed:
a deflate stream of zeros is a block repeated, so a 1.5 GB stream costs nothing to write).
``EXPECTED`` says, for each path under the folder, what the screener must make of it: ``ranked``, or
the error codes it may end as. A test screens the folder under tight limits (tests/test_hostile.py).
"""

import base64
import os
import socket
import struct
import sys
import zipfile
import zlib
from pathlib import Path

RESUME = (
    "姓名：甲测试\n求职意向：个人贷款客户经理\n工作经历\n"
    "2019.07-至今 示例农村商业银行青禾支行 个人贷款客户经理 负责个人消费贷款营销与贷后管理\n"
    "教育背景\n2015.09-2019.06 示例财经大学 金融学 本科\n"
    "技能证书\n银行从业资格证 熟练使用信贷管理系统 客户关系维护 风险识别\n"
)
# A GBK name as a Windows zip leaves it on Linux: 简历 in GBK, not valid UTF-8.
GBK_NAME = "简历".encode("gbk") + b".txt"
FORMULA_NAME = '=HYPERLINK("http:x","y").txt'
# Contact details in a file name and, in the forms people use to slip past filters, in the text.
PII_NAME = "丁测试_13812345678_hostile@example.com.txt"
PII_SHOWN = "丁测试［已隐去］.txt"  # as every output names it without --include-contacts
PII_LINES = (
    "电话：139.0000.7777 / (0571)88887777\n邮箱：x(at)example.com\nVX：wxid_hostile88\nv信 zhang_san88\n"
    "身份证：330106 19900101 123X\n宗教信仰：基督教\n家庭住址：浙江省杭州市西湖区文三路100号\n"
)
# What no output may show (candidates.parquet's own phones, emails and personal columns aside).
PII_FORMS = ["13812345678", "hostile@example.com", "139.0000.7777", "0000.7777", "88887777", "x(at)example.com",
             "wxid_hostile88", "zhang_san88", "19900101", "基督教", "文三路100号", "13955556666"]
INFLATED_MB = 1536  # what bomb.pdf's content stream inflates to
DOCX_PARAGRAPH_MB = 400  # what huge_paragraphs.docx's document.xml inflates to
PAGES = 5000
LINES = 30  # text lines on each page: 150,000 in all
DENSE_PAGES, DENSE_LINES = 50, 1500  # 50 pages of 90,000 characters: under the page cap, minutes of layout
SPARSE_GB = 8
MAIL_DEPTH = 5000  # multipart inside multipart: the stdlib parser recursed once per level
XLSX_ROWS = 300_000  # rows of one filled cell: over the 100,000-cell cap, under the zip caps
ONE_LINE_MB = 40  # a text file of one line
HTML_TAGS = 300_000

# Path (as the tables show it) → "ranked" or the error codes it may end as.
EXPECTED: dict[str, set[str]] = {
    "good.txt": {"ranked"},
    "bomb.pdf": {"out_of_memory", "crashed", "timeout"},
    # Its first 50 pages are read (a note says the rest were not), in about 2 s: a row either way,
    # or a timeout under the test's 3 s on a busy machine (tests/test_limits.py times it alone).
    "pages_5000.pdf": {"ranked", "not_a_resume", "timeout"},
    "dense_pages.pdf": {"timeout"},
    "huge_paragraphs.docx": {"too_complex"},
    # The e-mail is read; its bomb attachment is not (a note says why).
    "bomb_attached.eml": {"ranked", "not_a_resume"},
    "deep.eml": {"too_complex"},
    "rows.xlsx": {"too_complex"},
    "one_line.txt": {"too_complex"},
    "tags.html": {"too_complex"},
    "holiday_video.pdf": {"too_large"},
    "pipe.fifo": {"special_file"},
    "socket.sock": {"special_file"},
    "dangling.pdf": {"dangling_link"},
    "loop_a.pdf": {"link_loop"},
    "loop_b.pdf": {"link_loop"},
    "payroll_link.txt": {"outside_folder"},
    "same_as_good.txt": {"same_file"},
    "hardlink_of_good.txt": {"same_file"},
    GBK_NAME.decode("utf-8", errors="backslashreplace"): {"ranked"},
    FORMULA_NAME: {"ranked"},
    PII_NAME: {"ranked"},
}


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of the given objects (numbered from 1; object 1 is the catalog), with a correct xref."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(data), extra, data)


def _pages_pdf(contents: bytes, pages: int, filtered: bool = False) -> bytes:
    """``pages`` pages sharing one content stream (so 5,000 pages stay under a MB)."""
    first_page = 5
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        _stream(contents, b"/Filter /FlateDecode " if filtered else b""),
        *[page] * pages,
    ])


def zeros_deflated(megabytes: int) -> bytes:
    """A zlib stream that inflates to ``megabytes`` MB of zero bytes, made without deflating them:
    after a full flush deflate starts afresh, so each further MB of zeros is the same bytes again."""
    mb = b"\0" * 2**20
    deflate = zlib.compressobj(9)
    first = deflate.compress(mb) + deflate.flush(zlib.Z_FULL_FLUSH)
    again = deflate.compress(mb) + deflate.flush(zlib.Z_FULL_FLUSH)
    final_empty_block = b"\x03\x00"
    adler = ((megabytes * 2**20) % 65521) << 16 | 1  # Adler-32 of n zeros: a = 1, b = n mod 65521
    return first + again * (megabytes - 1) + final_empty_block + struct.pack(">I", adler)


def _docx(path: Path, megabytes: int) -> None:
    paragraph = b"<w:p><w:r><w:t>" + "经验丰富的客户经理".encode() * 100 + b"</w:t></w:r></w:p>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as docx:
        docx.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'))
        docx.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>'))
        block = paragraph * (2**20 // len(paragraph) + 1)
        with docx.open("word/document.xml", "w", force_zip64=True) as xml:
            xml.write(b'<?xml version="1.0" encoding="UTF-8"?><w:document '
                      b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            for _ in range(megabytes):
                xml.write(block)
            xml.write(b"</w:body></w:document>")


def _deep_mail(depth: int) -> bytes:
    head = b"From: a@example.com\r\nSubject: deep\r\nMIME-Version: 1.0\r\n"
    opening = b"".join(b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (i, i) for i in range(depth))
    closing = b"".join(b"\r\n--b%d--\r\n" % i for i in reversed(range(depth)))
    return head + opening + b"Content-Type: text/plain\r\n\r\nhello\r\n" + closing


def _mail_with(attachment: bytes, name: str) -> bytes:
    encoded = base64.encodebytes(attachment)
    return (b"From: a@example.com\r\nSubject: application\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/mixed; boundary="x"\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\n'
            b"Please find my CV attached.\r\n--x\r\nContent-Type: application/octet-stream\r\n"
            b'Content-Disposition: attachment; filename="%s"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
            % name.encode() + encoded + b"\r\n--x--\r\n")


def _xlsx(path: Path, rows: int) -> None:
    """A workbook of ``rows`` rows written as raw sheet XML (openpyxl would take a minute)."""
    ns = "http://schemas.openxmlformats.org/"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as xlsx:
        xlsx.writestr("[Content_Types].xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{ns}package/2006/content-types">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            f'</Types>'))
        xlsx.writestr("_rels/.rels", (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{ns}officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'))
        xlsx.writestr("xl/workbook.xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}spreadsheetml/2006/main" '
            f'xmlns:r="{ns}officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'))
        xlsx.writestr("xl/_rels/workbook.xml.rels", (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{ns}officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'))
        with xlsx.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{ns}spreadsheetml/2006/main"><sheetData>'.encode())
            sheet.write(b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>' % (r, r)
                                 for r in range(1, rows + 1)))
            sheet.write(b"</sheetData></worksheet>")


def make_corpus(folder: Path) -> Path:
    """Build the corpus in ``folder`` (made if missing), plus the file outside it a link points at."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.txt").write_text(RESUME, encoding="utf-8")
    (folder / "bomb.pdf").write_bytes(_pages_pdf(zeros_deflated(INFLATED_MB), 1, filtered=True))
    lines = b"".join(b"1 0 0 1 72 %d Tm (Loan officer at a sample bank, 2019 - 2024, line %d) Tj\n" % (800 - 20 * i, i) for i in range(LINES))
    (folder / "pages_5000.pdf").write_bytes(_pages_pdf(b"BT /F1 12 Tf\n" + lines + b"ET", PAGES))
    dense = b"".join(b"1 0 0 1 %d %d Tm (loan officer %d at sample bank %d) Tj\n" % (5 + i // 400 * 150, 830 - i % 400 * 2, i, i)
                     for i in range(DENSE_LINES))
    (folder / "dense_pages.pdf").write_bytes(_pages_pdf(b"BT /F1 1.5 Tf\n" + dense + b"ET", DENSE_PAGES))
    _docx(folder / "huge_paragraphs.docx", DOCX_PARAGRAPH_MB)
    (folder / "bomb_attached.eml").write_bytes(_mail_with((folder / "huge_paragraphs.docx").read_bytes(), "cv.docx"))
    (folder / "deep.eml").write_bytes(_deep_mail(MAIL_DEPTH))
    _xlsx(folder / "rows.xlsx", XLSX_ROWS)
    line = RESUME.replace("\n", " ").encode()
    with open(folder / "one_line.txt", "wb") as text:
        text.write(line * (ONE_LINE_MB * 2**20 // len(line)))
    (folder / "tags.html").write_bytes(b"<html><body>" + b"<p>x</p>" * HTML_TAGS + b"</body></html>")
    with open(folder / "holiday_video.pdf", "wb") as sparse:
        sparse.truncate(SPARSE_GB * 2**30)  # a hole: no disk used
    os.mkfifo(folder / "pipe.fifo")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(folder / "socket.sock"))
    os.symlink("nowhere.pdf", folder / "dangling.pdf")
    os.symlink("loop_b.pdf", folder / "loop_a.pdf")
    os.symlink("loop_a.pdf", folder / "loop_b.pdf")
    payroll = folder.parent / f"{folder.name}_payroll.txt"
    payroll.write_text("工资表 绝密\n张三 月薪 30000\n", encoding="utf-8")
    os.symlink(payroll, folder / "payroll_link.txt")
    os.symlink("good.txt", folder / "same_as_good.txt")
    os.link(folder / "good.txt", folder / "hardlink_of_good.txt")
    (folder / os.fsdecode(GBK_NAME)).write_text(RESUME.replace("甲测试", "乙测试"), encoding="utf-8")
    (folder / FORMULA_NAME).write_text(RESUME.replace("甲测试", "丙测试"), encoding="utf-8")
    pii = RESUME.replace("甲测试", "丁测试").replace("求职意向", PII_LINES + "求职意向")
    pii = pii.replace("贷后管理\n", "贷后管理 证明人李某 13955556666\n")
    (folder / PII_NAME).write_text(pii, encoding="utf-8")
    return folder


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(make_corpus(Path(sys.argv[1])))
