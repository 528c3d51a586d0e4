"""Build the reading-stage test fixtures in tests/fixtures/ (deterministically).

The fixtures are committed; the tests never run this script, so they do not need reportlab,
xlwt, the WenQuanYi font or LibreOffice (pip install -e ".[samples]" brings reportlab and xlwt). Re-run it after changing a fixture:

    /work/venv/bin/python scripts/make_fixtures.py [--legacy]

``--legacy`` also rebuilds legacy.doc with LibreOffice (its bytes carry a timestamp, so it is
otherwise left as committed).

All people, phones and addresses in here are made up (138-0000-0000, @example.com).
"""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

from docx import Document as DocxDocument
from docx.oxml import parse_xml
from docx.shared import Cm, Pt
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib import pdfencrypt
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
FONT_PATH = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT = "WQY"
FIXED_ZIP_TIME = (2024, 3, 15, 9, 30, 0)
# reportlab's invariant mode stamps 2000-01-01; we swap in a realistic date of the same length.
INVARIANT_DATE = b"D:20000101000000"
CREATION_DATE = b"D:20240315093000"

WRAPPED_SENTENCE = (
    "负责公司核心产品的规划与设计，带领五人团队完成三个版本迭代，用户规模增长百分之三十，"
    "并建立了完善的数据分析体系，推动产品决策从经验驱动转向数据驱动。"
)


def register_font() -> None:
    pdfmetrics.registerFont(TTFont(FONT, FONT_PATH, subfontIndex=0))


def wrap_chars(text: str, width: float, size: float) -> list[str]:
    """Wrap at character level the way Chinese typesetting does (no spaces to break at)."""
    lines, current = [], ""
    for ch in text:
        if current and pdfmetrics.stringWidth(current + ch, FONT, size) > width:
            lines.append(current)
            current = ""
        current += ch
    if current:
        lines.append(current)
    return lines


def new_canvas(buf: io.BytesIO, **kwargs) -> canvas.Canvas:
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, **kwargs)
    c.setAuthor("fixture")
    c.setTitle("resume")
    return c


def finish_pdf(c: canvas.Canvas, buf: io.BytesIO, dated: bool = True) -> bytes:
    c.save()
    data = buf.getvalue()
    return data.replace(INVARIANT_DATE, CREATION_DATE) if dated else data


# --- PDFs ---------------------------------------------------------------------------------


def simple_cn_pdf() -> bytes:
    """One column: headings, a label row with a wide gap, a letter-spaced heading, a wrapped sentence."""
    buf = io.BytesIO()
    c = new_canvas(buf)
    w, h = A4
    left, right = 60, w - 60
    y = h - 70
    c.setFont(FONT, 20)
    c.drawString(left, y, "张三")
    y -= 34
    c.setFont(FONT, 14)
    # Fake bold, as many Chinese generators do it: the same text drawn twice, a hair apart.
    c.drawString(left, y, "基本信息")
    c.drawString(left + 0.4, y - 0.2, "基本信息")
    y -= 22
    c.setFont(FONT, 11)
    c.drawString(left, y, "姓名：张三")
    c.drawString(left + 200, y, "电话：138-0000-0000")
    y -= 18
    c.drawString(left, y, "邮箱：zhangsan@example.com")
    y -= 30
    # Letter-spaced heading, as many templates draw it: "工 作 经 历".
    t = c.beginText(left, y)
    t.setFont(FONT, 14)
    t.setCharSpace(6)
    t.textOut("工作经历")
    t.setCharSpace(0)  # Tc outlives BT/ET: reset it or every later line is letter-spaced too
    c.drawText(t)
    y -= 22
    c.setFont(FONT, 11)
    c.drawString(left, y, "2019.07 - 至今")
    c.drawString(left + 110, y, "示例科技有限公司")
    c.drawString(left + 300, y, "高级产品经理")
    y -= 18
    for line in wrap_chars(WRAPPED_SENTENCE, right - left, 11):
        c.drawString(left, y, line)
        y -= 16
    y -= 14
    c.setFont(FONT, 14)
    c.drawString(left, y, "教育背景")
    y -= 22
    c.setFont(FONT, 11)
    c.drawString(left, y, "2012.09 - 2016.06")
    c.drawString(left + 110, y, "示例大学")
    c.drawString(left + 200, y, "计算机科学与技术")
    c.drawString(left + 330, y, "本科")
    y -= 30
    c.setFont(FONT, 14)
    c.drawString(left, y, "技能")
    y -= 22
    c.setFont(FONT, 11)
    c.drawString(left, y, "Skills: Python, SQL, product design")
    y -= 18
    c.drawString(left, y, "1、熟练使用Excel进行数据分析")
    y -= 18
    c.drawString(left, y, "2、具备良好的沟通能力")
    # A diagonal watermark across the page, as job sites stamp on downloaded résumés.
    c.saveState()
    c.setFillGray(0.85)
    c.setFont(FONT, 40)
    c.translate(w / 2, h / 2)
    c.rotate(35)
    c.drawCentredString(0, 0, "仅供示例招聘使用")
    c.restoreState()
    c.showPage()
    return finish_pdf(c, buf)


SIDEBAR_X, SIDEBAR_W = 30, 150
MAIN_X, MAIN_RIGHT = 205, 565


def sidebar_pdf() -> bytes:
    """Two pages: a full-width banner, a grey sidebar and a main column with a dated table and bullets.

    Sidebar and main lines have different line pitches so their baselines interleave, which
    is what breaks a naive top-to-bottom reading. Both pages carry a running header and a
    page-number footer.
    """
    buf = io.BytesIO()
    c = new_canvas(buf)
    w, h = A4

    def chrome(page: int) -> None:
        c.setFont(FONT, 8)
        c.drawString(MAIN_X, h - 25, "李四 - 个人简历")
        c.drawCentredString(w / 2, 25, f"第 {page} 页 / 共 2 页")
        c.setFillGray(0.92)
        c.rect(SIDEBAR_X - 10, 40, SIDEBAR_W + 20, h - 200 if page == 1 else h - 90, stroke=0, fill=1)
        c.setFillGray(0)

    def column(x: float, y: float, items: list[tuple[int, str]], pitch: float) -> float:
        for size, text in items:
            c.setFont(FONT, size)
            c.drawString(x, y, text)
            y -= pitch + (8 if size > 11 else 0)
        return y

    chrome(1)
    c.setFont(FONT, 22)
    c.drawCentredString(w / 2, h - 70, "李四")
    c.setFont(FONT, 11)
    c.drawCentredString(w / 2, h - 92, "求职意向：数据分析师 | 期望城市：上海")
    top = h - 140
    column(
        SIDEBAR_X,
        top,
        [
            (13, "联系方式"),
            (10, "电话：139-0000-0000"),
            (10, "邮箱：lisi@example.com"),
            (10, "城市：上海"),
            (13, "专业技能"),
            (10, "Python / SQL"),
            (10, "Tableau 可视化"),
            (10, "统计建模"),
            (13, "语言能力"),
            (10, "英语 CET-6"),
        ],
        pitch=19,
    )
    y = top
    c.setFont(FONT, 13)
    c.drawString(MAIN_X, y, "个人简介")
    y -= 24
    c.setFont(FONT, 10.5)
    summary = "五年互联网数据分析经验，熟悉用户增长与商业分析，善于把复杂的业务问题拆解为可验证的指标体系。"
    for line in wrap_chars(summary, MAIN_RIGHT - MAIN_X, 10.5):
        c.drawString(MAIN_X, y, line)
        y -= 15
    y -= 12
    c.setFont(FONT, 13)
    c.drawString(MAIN_X, y, "工作经历")
    y -= 24
    c.setFont(FONT, 10.5)
    for start, org, title in [
        ("2020.03 - 至今", "示例数据有限公司", "数据分析师"),
        ("2017.07 - 2020.02", "样本网络科技公司", "运营专员"),
    ]:
        c.drawString(MAIN_X, y, start)
        c.drawString(MAIN_X + 120, y, org)
        c.drawString(MAIN_X + 270, y, title)
        y -= 16
        c.drawString(MAIN_X, y, "• 搭建销售数据看板，覆盖全国十二个大区")
        y -= 16
        c.drawString(MAIN_X, y, "• 设计A/B实验，提升转化率百分之八")
        y -= 22
    c.showPage()

    chrome(2)
    column(SIDEBAR_X, h - 70, [(13, "证书"), (10, "CDA 数据分析师"), (10, "PMP")], pitch=19)
    y = h - 70
    c.setFont(FONT, 13)
    c.drawString(MAIN_X, y, "教育背景")
    y -= 24
    c.setFont(FONT, 10.5)
    c.drawString(MAIN_X, y, "2013.09 - 2017.06")
    c.drawString(MAIN_X + 120, y, "示例财经大学")
    c.drawString(MAIN_X + 270, y, "统计学 本科")
    y -= 30
    c.setFont(FONT, 13)
    c.drawString(MAIN_X, y, "项目经历")
    y -= 24
    c.setFont(FONT, 10.5)
    c.drawString(MAIN_X, y, "用户流失预警模型：基于行为日志预测流失用户，召回率提升百分之十五。")
    c.showPage()
    return finish_pdf(c, buf)


def two_column_pdf() -> bytes:
    """Two columns of equal width under a full-width name line, with a wrapped sentence in each."""
    buf = io.BytesIO()
    c = new_canvas(buf)
    _, h = A4
    c.setFont(FONT, 20)
    c.drawString(50, h - 60, "何十七")
    c.setFont(FONT, 10.5)
    c.drawString(50, h - 82, "电话：138-0000-0000  邮箱：he17@example.com")
    columns = {
        50: [
            (13, "教育背景"),
            (10.5, "2011.09 - 2015.06"),
            (10.5, "示例师范大学 会计学 本科"),
            (13, "专业技能"),
            (10.5, "熟练使用用友、金蝶财务软件，能够独立完成月度结账与报表编制工作。"),
            (13, "证书"),
            (10.5, "中级会计师"),
        ],
        310: [
            (13, "工作经历"),
            (10.5, "2015.07 - 至今 示例农商银行 会计主管"),
            (10.5, "负责支行日常会计核算与账务管理，组织月末对账，连续三年考核优秀。"),
            (13, "项目经历"),
            (10.5, "2021.03 - 2021.12 新核心系统上线"),
            (10.5, "负责会计模块的测试与数据迁移核对，保障系统平稳切换。"),
        ],
    }
    for x, items in columns.items():
        y = h - 130
        for size, text in items:
            c.setFont(FONT, size)
            lines = wrap_chars(text, 230, size) if size < 12 else [text]
            for line in lines:
                c.drawString(x, y, line)
                y -= 16
            y -= 10 if size > 12 else 0
    c.showPage()
    return finish_pdf(c, buf)


def table_pdf() -> bytes:
    """The classic 个人简历表格: a ruled grid, label and value cells, top-aligned text, section rows."""
    buf = io.BytesIO()
    c = new_canvas(buf)
    w, h = A4
    left, right = 60, w - 60
    c.setFont(FONT, 18)
    c.drawCentredString(w / 2, h - 60, "个人简历")
    rows: list[list[tuple[float, str]]] = [
        [(0, "姓名"), (70, "孙十六"), (240, "性别"), (310, "女")],
        [(0, "出生年月"), (70, "1992.03"), (240, "学历"), (310, "本科")],
        [(0, "电话"), (70, "138-0000-0000"), (240, "邮箱"), (310, "sun16@example.com")],
        [(200, "工作经历")],
        [(0, "2016.07 - 至今"), (120, "示例物业服务有限公司"), (310, "客服主管")],
        [(0, "2014.07 - 2016.06"), (120, "示例酒店管理公司"), (310, "前台接待")],
        [(200, "教育背景")],
        [(0, "2010.09 - 2014.06"), (120, "示例大学"), (310, "物业管理 本科")],
        [(0, "自我评价"), (70, "工作认真负责，善于沟通协调，熟悉物业客服流程与投诉处理，持有物业管理师证书，能吃苦耐劳。")],
    ]
    y = h - 90
    c.setLineWidth(0.8)
    for cells in rows:
        texts: list[tuple[float, list[str]]] = []
        for x, text in cells:
            width = (right - left - 8 - x) if x == 70 and len(cells) == 2 else 200
            texts.append((x, wrap_chars(text, width, 10.5)))
        height = 8 + 15 * max(len(t) for _, t in texts)
        c.line(left, y, right, y)
        for x, lines in texts:
            c.setFont(FONT, 10.5)
            for i, line in enumerate(lines):
                c.drawString(left + 4 + x, y - 14 - 15 * i, line)  # top-aligned, as Word's cells are
            if x and len(cells) > 1:
                c.line(left + x - 2, y, left + x - 2, y - height)
        c.line(left, y, left, y - height)
        c.line(right, y, right, y - height)
        y -= height
    c.line(left, y, right, y)
    c.showPage()
    return finish_pdf(c, buf)


def encrypted_pdf() -> bytes:
    buf = io.BytesIO()
    enc = pdfencrypt.StandardEncryption("secret", ownerPassword="owner-secret", strength=128)
    c = new_canvas(buf, encrypt=enc)
    c.setFont(FONT, 12)
    c.drawString(60, 760, "加密的简历：需要密码才能打开")
    c.showPage()
    return finish_pdf(c, buf, dated=False)


def page_image(lines: list[str], size: tuple[int, int] = (600, 300)) -> Image.Image:
    img = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT_PATH, 28, index=0)
    for i, line in enumerate(lines):
        draw.text((30, 30 + 45 * i), line, fill="black", font=font)
    return img


def png_bytes(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=False)
    return out.getvalue()


SCANNED_RESUME = [
    # (size in pt, x in mm from the left, text): a short résumé as a scanner at 150 dpi sees it.
    [(20, 20, "王芳")],
    [(10.5, 20, "电话：137-0000-0000"), (10.5, 110, "邮箱：wangfang@example.com")],
    [(10.5, 20, "求职意向：贷款客户经理")],
    [(14, 20, "工作经历")],
    [(10.5, 20, "2019.07 - 至今"), (10.5, 60, "示例农村商业银行"), (10.5, 130, "客户经理")],
    [(10.5, 20, "负责小微企业贷款的贷前调查与贷后管理，管户一百二十户。")],
    [(10.5, 20, "2016.07 - 2019.06"), (10.5, 60, "示例烟草公司"), (10.5, 130, "营销专员")],
    [(14, 20, "教育背景")],
    [(10.5, 20, "2012.09 - 2016.06"), (10.5, 60, "示例财经大学"), (10.5, 110, "金融学"), (10.5, 145, "本科")],
    [(14, 20, "技能证书")],
    [(10.5, 20, "银行从业资格证书  英语 CET-6  熟练使用Excel")],
]
SCAN_DPI = 150


SCANNED_FORM_ROWS = [
    # A Word résumé printed and scanned: the fields of a row set apart by spaces, not table cells.
    "姓名：魏测试    性别：女    出生年月：1994.08",
    "电话：138-0000-0567    邮箱：wei.ceshi@example.com",
    "工作经历",
    "2019.03-至今    示例农村商业银行青禾支行    客户经理",
    "2016.07-2019.02    示例小额贷款有限公司    信贷员",
    "教育背景",
    "2012.09-2016.06    示例财经大学    金融学    本科",
]


def scanned_form_rows_image() -> Image.Image:
    """Rows of space-separated fields at 150 dpi (12 pt), slightly blurred and tilted, as a JPEG scan."""
    from PIL import ImageFilter

    px = SCAN_DPI / 72
    page = Image.new("L", (round(595 * px), round(420 * px)), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT_PATH, round(12 * px), index=0)
    for i, row in enumerate(SCANNED_FORM_ROWS):
        draw.text((round(50 * px), round((40 + 24 * i) * px)), row, fill=20, font=font)
    return page.rotate(0.6, resample=Image.BICUBIC, fillcolor=255).filter(ImageFilter.GaussianBlur(0.6))


def scanned_page_image() -> Image.Image:
    """An A4 page at 150 dpi, grey, tilted by 0.4 degrees, with a little speckle: a flatbed scan."""
    import random

    px = SCAN_DPI / 72  # pixels per point
    mm = SCAN_DPI / 25.4
    page = Image.new("L", (round(595 * px), round(842 * px)), 255)
    draw = ImageDraw.Draw(page)
    y = 20 * mm
    for row in SCANNED_RESUME:
        size = max(s for s, _, _ in row)
        for pt, x_mm, text in row:
            font = ImageFont.truetype(FONT_PATH, round(pt * px), index=0)
            draw.text((x_mm * mm, y), text, fill=30, font=font)
        y += size * px * (2.2 if size > 11 else 1.8)
    rng = random.Random(3)  # deterministic speckle
    for _ in range(1500):
        page.putpixel((rng.randrange(page.width), rng.randrange(page.height)), rng.randrange(120, 230))
    return page.rotate(0.4, resample=Image.BICUBIC, fillcolor=255)


def image_pdf(img: Image.Image) -> bytes:
    """A PDF whose only page is the picture, full-page: what a scanner's "scan to PDF" writes."""
    from reportlab.lib.utils import ImageReader

    buf = io.BytesIO()
    c = new_canvas(buf)
    w, h = A4
    c.drawImage(ImageReader(img), 0, 0, width=w, height=h)
    c.showPage()
    return finish_pdf(c, buf)


def phone_photo_jpeg(scan: Image.Image) -> bytes:
    """The scanned page as a phone stores a portrait shot: pixels sideways, EXIF Orientation 6
    ("rotate 90° clockwise to view"), JPEG-compressed."""
    sideways = scan.rotate(90, expand=True)  # Pillow turns counter-clockwise
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    sideways.save(out, format="JPEG", quality=75, exif=exif.tobytes())
    return out.getvalue()


def mixed_scan_pdf(scan: Image.Image) -> bytes:
    """Page 1 typed (a cover letter with a text layer), page 2 the scanned résumé: only page 2 needs OCR."""
    from reportlab.lib.utils import ImageReader

    buf = io.BytesIO()
    c = new_canvas(buf)
    w, h = A4
    c.setFont(FONT, 12)
    y = h - 80
    for line in ["求职信", "尊敬的招聘负责人：", "您好！我应聘贷款客户经理岗位，附上扫描版简历，请查收。", "王芳 敬上"]:
        c.drawString(60, y, line)
        y -= 24
    c.showPage()
    c.drawImage(ImageReader(scan), 0, 0, width=w, height=h)
    c.showPage()
    return finish_pdf(c, buf)


def header_and_picture_pdf(scan: Image.Image) -> bytes:
    """A job site's download: a typed header line (a text layer), the résumé itself a picture below."""
    from reportlab.lib.utils import ImageReader

    buf = io.BytesIO()
    c = new_canvas(buf)
    w, h = A4
    c.setFont(FONT, 9)
    c.drawString(40, h - 30, "来源：示例招聘网 简历编号：20240315001")
    top_half = scan.crop((0, 0, scan.width, scan.height // 2))  # the résumé's text sits in the top half
    c.drawImage(ImageReader(top_half), 20, h - 60 - (w - 40) / 2, width=w - 40, height=(w - 40) / 2)
    c.showPage()
    return finish_pdf(c, buf)


def scanned_pdf() -> bytes:
    """A page that is only a picture of text: what a scanner or a phone app produces."""
    from reportlab.lib.utils import ImageReader

    img = page_image(["王五 简历", "电话：137-0000-0000", "工作经历：示例公司 会计"])
    buf = io.BytesIO()
    c = new_canvas(buf)
    c.drawImage(ImageReader(img), 40, 500, width=500, height=250)
    c.showPage()
    return finish_pdf(c, buf)


def garbled_pdf() -> bytes:
    """Text whose glyphs have no Unicode mapping: drop reportlab's /ToUnicode maps (same length)."""
    buf = io.BytesIO()
    c = new_canvas(buf)
    c.setFont(FONT, 12)
    y = 760
    for line in [
        "赵六 个人简历",
        "工作经历：示例物流公司 仓储主管",
        "负责仓库日常管理与库存盘点，优化出入库流程。",
    ] * 3:
        c.drawString(60, y, line)
        y -= 20
    c.showPage()
    return finish_pdf(c, buf).replace(b"/ToUnicode", b"/ToUnicodX")


# --- DOCX ---------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing"'
)


def _box_paragraphs(lines: list[str]) -> str:
    return "".join(f'<w:p><w:r><w:t xml:space="preserve">{ln}</w:t></w:r></w:p>' for ln in lines)


def textbox_run(lines: list[str], box_id: int, y_emu: int = 0) -> str:
    """A floating text box as Word 2010+ writes it: a DrawingML shape plus a VML fallback copy."""
    body = _box_paragraphs(lines)
    return (
        f'<w:r {NSDECL}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        f'<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{box_id}" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="page"><wp:posOffset>900000</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{y_emu}</wp:posOffset></wp:positionV>'
        '<wp:extent cx="5000000" cy="900000"/><wp:wrapNone/>'
        f'<wp:docPr id="{box_id}" name="Text Box {box_id}"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx><w:txbxContent>{body}</w:txbxContent></wps:txbx>'
        "<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f'<mc:Fallback><w:pict><v:shape id="tb{box_id}" style="position:absolute"><v:textbox>'
        f"<w:txbxContent>{body}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def _set_core(doc) -> None:
    from datetime import datetime

    cp = doc.core_properties
    cp.author = "fixture"
    cp.last_modified_by = "fixture"
    cp.created = datetime(2024, 3, 15, 9, 30, 0)
    cp.modified = datetime(2024, 3, 15, 9, 30, 0)
    cp.revision = 1


def docx_bytes(doc) -> bytes:
    """Save, then rewrite the zip with fixed timestamps so the bytes do not change between runs."""
    _set_core(doc)
    raw = io.BytesIO()
    doc.save(raw)
    return rezip(raw.getvalue())


def rezip(data: bytes) -> bytes:
    """Same archive with fixed entry times, and the save time in core.xml pinned (openpyxl stamps now())."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            blob = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                blob = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>2024-03-15T09:30:00Z\g<2>", blob)
            dst.writestr(zi, blob)
    return out.getvalue()


def timeline_docx() -> bytes:
    """A timeline résumé: each job's dates in a table cell left of the job, headings and the
    education line (tab stops) outside the table. Saved to PDF by LibreOffice, as Word users do."""
    doc = DocxDocument()
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.add_paragraph("周测试")
    doc.add_paragraph("男 | 32岁 | 大专 | 工作8年 | 已婚")
    doc.add_paragraph("手机：138-0000-0031 | 邮箱：zhou@example.com")
    doc.add_paragraph("工作经历")
    table = doc.add_table(rows=0, cols=2)
    for dates, text in [
        ("2018.03 - 至今", "示例市烟草专卖局（公司）  客户经理"),
        ("", "负责辖区卷烟零售户的订单采集、市场走访与品牌培育，维护零售户关系。"),
        ("2014.07 - 2018.02", "示例超市连锁有限公司  门店主管"),
        ("", "负责门店日常运营与商品陈列。"),
        ("2012.07 - 2014.06", "示例快消品贸易有限公司  销售代表"),
        ("", "负责商超渠道拓展。"),
    ]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = dates, text
    doc.add_paragraph("教育经历")
    doc.add_paragraph("2009.09 - 2012.06\t示例商贸职业学院\t市场营销\t大专")
    doc.add_paragraph("技能证书")
    doc.add_paragraph("C1驾驶证；计算机一级；普通话二级甲等")
    return docx_bytes(doc)


def sidebar_table_docx() -> bytes:
    """A Word template's sidebar: one table row, contacts and skills in a narrow left cell, the
    résumé in the right one, where entry headers run into the cell's edge and wrap."""
    doc = DocxDocument()
    doc.styles["Normal"].font.size = Pt(10.5)
    left, right = doc.add_table(rows=1, cols=2).rows[0].cells
    left.width, right.width = Cm(5), Cm(11)
    left.text = "吴测试"
    for text in ["求职意向：信贷客户经理", "联系方式", "电话：138-0000-0041", "邮箱：wu@example.com", "专业技能",
                 "贷前调查", "贷后管理", "Excel", "证书", "银行从业资格", "C1驾驶证"]:
        left.add_paragraph(text)
    right.text = "工作经历"
    for text in ["2019.07 - 至今  示例农商银行  客户经理",
                 "负责小微企业贷款营销与贷前调查，管户余额一亿元，不良率低于百分之一。",
                 "2016.07 - 2019.06  示例村镇银行  综合柜员", "负责柜面业务办理。", "教育经历",
                 "2012.09 - 2016.06  示例财经大学  金融学  本科", "自我评价", "熟悉信贷业务流程，沟通能力强。"]:
        right.add_paragraph(text)
    return docx_bytes(doc)


def wrapped_cells_docx() -> bytes:
    """A form (表格式简历) whose narrow cells wrap long employer names and referees' phones onto a
    second line, and a heading cell beside the education row, as LibreOffice lays it out in a PDF."""
    doc = DocxDocument()
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_paragraph("个人简历")
    rows = [
        ("姓名", "严测试", "性别", "女"),
        ("出生年月", "1995.04", "联系电话", "136-0000-0051"),
        ("学历", "本科", "毕业院校", "示例财经大学"),
    ]
    rows_jobs = [
        ("起止时间", "工作单位", "职务", "证明人及电话"),
        ("2019.07-至今", "示例农村信用合作联社", "信贷员", "李某 13500000052"),
        ("2017.07-2019.06", "示例物业管理有限公司", "客服专员", "王某 0571-88880053"),
    ]
    for title, table_rows in [(None, rows), ("工作经历", rows_jobs)]:
        if title:
            doc.add_paragraph(title)
        table = doc.add_table(rows=0, cols=4)
        for cells in table_rows:
            for cell, value in zip(table.add_row().cells, cells):
                cell.text = value
    table = doc.add_table(rows=0, cols=2)
    for heading, text in [("教育经历", "2013.09-2017.06 示例财经大学 金融学 本科"), ("自我评价", "性格开朗，善于沟通。")]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = heading, text
    return docx_bytes(doc)


def cover_letter_docx() -> bytes:
    """A cover letter typed in Word: the career told in one paragraph of sentences. In the PDF that
    LibreOffice makes of it, the paragraph's first line breaks early inside "（大专）"."""
    doc = DocxDocument()
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_heading("求职信", 1)
    doc.add_paragraph("尊敬的示例烟草公司人事部：")
    doc.add_paragraph(
        "您好！我叫钱测试，2012年6月毕业于示例职业技术学院市场营销专业（大专）。2012年7月起在示例超市有限公司从事销售工作，"
        "任营业员、店长；2016年3月入职示例烟草专卖局（公司）青禾营销部，担任客户经理至今，负责辖区内120户零售客户的"
        "订货指导和市场走访，连续三年被评为优秀客户经理。"
    )
    doc.add_paragraph("本人具有良好的沟通能力，熟悉卷烟营销和终端建设。联系电话：13800000456。")
    doc.add_paragraph("此致\n敬礼")
    doc.add_paragraph("钱测试\n2026年10月")
    return docx_bytes(doc)


def table_textbox_docx() -> bytes:
    """Header, a label/value table with merged cells and a nested table, a text box, a footer."""
    doc = DocxDocument()
    style = doc.styles["Normal"]
    style.font.size = Pt(10.5)
    section = doc.sections[0]
    section.header.paragraphs[0].text = "孙七 · 个人简历"
    section.footer.paragraphs[0].text = "联系邮箱：sunqi@example.com"

    doc.add_paragraph("孙七")
    doc.add_paragraph("基本信息")
    table = doc.add_table(rows=4, cols=4)
    rows = [
        ["姓名", "孙七", "性别", "女"],
        ["电话", "138-0000-0000", "邮箱", "sunqi@example.com"],
        ["求职意向", "人力资源经理", "", ""],
        ["照片", "", "籍贯", "浙江杭州"],
    ]
    for r, values in enumerate(rows):
        for col, value in enumerate(values):
            if value:
                table.cell(r, col).text = value
    # "求职意向" value spans three columns; "照片" spans two rows (the second row is a continuation).
    table.cell(2, 1).merge(table.cell(2, 3))
    table.cell(3, 0).merge(table.cell(3, 1))
    table.cell(3, 0).text = "照片"

    doc.add_paragraph("工作经历")
    doc.add_paragraph("2018.05 - 至今 示例人力资源服务有限公司 招聘主管")
    doc.add_paragraph("负责校园招聘与社会招聘，年均完成招聘一百二十人。")

    doc.add_paragraph("技能证书")
    outer = doc.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "证书"
    inner = outer.cell(0, 1).add_table(rows=2, cols=2)
    inner.cell(0, 0).text = "人力资源管理师"
    inner.cell(0, 1).text = "二级"
    inner.cell(1, 0).text = "英语"
    inner.cell(1, 1).text = "CET-6"

    anchor = doc.add_paragraph()
    anchor._p.append(parse_xml(textbox_run(["自我评价：性格开朗，善于沟通，有较强的团队合作精神。"], 7, 8000000)))
    doc.add_paragraph("兴趣爱好：羽毛球、阅读")
    return docx_bytes(doc)


def textbox_only_docx() -> bytes:
    """A popular Chinese template style: every line lives in floating text boxes.

    The first paragraph anchors its two boxes in the opposite order of where they sit on
    the page (as happens when the name box is added last).
    """
    doc = DocxDocument()
    p = doc.add_paragraph()
    p._p.append(parse_xml(textbox_run(["教育背景", "2014.09 - 2018.06 示例理工大学 机械工程 本科"], 2, 2000000)))
    p._p.append(parse_xml(textbox_run(["周八", "电话：138-0000-0000", "邮箱：zhouba@example.com"], 1, 500000)))
    p2 = doc.add_paragraph()
    p2._p.append(parse_xml(textbox_run(["工作经历", "2018.07 - 至今 示例制造有限公司 机械工程师"], 3, 3500000)))
    return docx_bytes(doc)


def traditional_docx() -> bytes:
    """A Taiwan/Hong Kong style résumé in Traditional characters, with a label/value table."""
    doc = DocxDocument()
    doc.add_paragraph("陳美玲")
    doc.add_paragraph("個人簡歷")
    table = doc.add_table(rows=2, cols=4)
    for r, values in enumerate([["電話", "0912-000-000", "電郵", "chen.ml@example.com"], ["學歷", "學士", "語言", "英語、粵語"]]):
        for col, value in enumerate(values):
            table.cell(r, col).text = value
    doc.add_paragraph("工作經歷")
    doc.add_paragraph("2018.08 - 至今 範例商業銀行 客戶經理")
    doc.add_paragraph("負責個人貸款業務與客戶關係維護，協助分行完成年度存款目標，業績連續三年名列前茅。")
    doc.add_paragraph("2016.07 - 2018.07 範例證券公司 理財專員")
    doc.add_paragraph("教育背景")
    doc.add_paragraph("2012.09 - 2016.06 國立範例大學 財務金融學系 學士")
    doc.add_paragraph("專業技能")
    doc.add_paragraph("熟練使用Excel與資料庫軟體，具備證券業務員、理財規劃人員證照。")
    return docx_bytes(doc)


def resume_xls() -> bytes:
    """An Excel 97-2003 résumé form (.xls) as HR departments hand them out: merged title and
    section rows, label/value cells, a real date cell and a number cell."""
    from datetime import datetime

    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("应聘登记表")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    ws.write_merge(0, 0, 0, 3, "应聘人员登记表")
    rows = [
        ["姓名", "蒋十五", "性别", "男"],
        ["电话", "138-0000-0000", "邮箱", "jiang15@example.com"],
        ["应聘岗位", "烟草客户经理", "工作年限", 6],
    ]
    for r, values in enumerate(rows, start=1):
        for col, value in enumerate(values):
            ws.write(r, col, value)
    ws.write_merge(4, 4, 0, 3, "工作经历")
    ws.write(5, 0, "2018.03 - 至今")
    ws.write(5, 1, "示例烟草专卖局")
    ws.write(5, 2, "客户经理")
    ws.write_merge(6, 6, 0, 3, "教育背景")
    ws.write(7, 0, "2010.09 - 2014.06")
    ws.write(7, 1, "示例农业大学")
    ws.write(7, 2, "市场营销")
    ws.write(7, 3, "本科")
    ws.write(9, 0, "填表日期")
    ws.write(9, 1, datetime(2024, 3, 15), date_style)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- text ---------------------------------------------------------------------------------


def wrap_columns(text: str, columns: int) -> list[str]:
    """Hard-wrap at a display column, as a fixed-width editor or an old job-site export does."""
    lines, current, width = [], "", 0
    for ch in text:
        w = 2 if ord(ch) > 0x2E80 else 1
        if width + w > columns:
            lines.append(current)
            current, width = "", 0
        current += ch
        width += w
    return lines + [current] if current else lines


TXT_RESUME = (
    "\n".join(
        [
            "吴九",
            "基本信息",
            "电话：138-0000-0000  邮箱：wujiu@example.com",
            "工作经历",
            "2016.03 - 至今 示例餐饮管理有限公司 门店经理",
            "负责门店日常运营与团队管理",  # two items without bullets: must stay two lines
            "带领二十人团队完成年度营业额目标",
            "自我评价",
            *wrap_columns(
                "从事餐饮门店管理工作八年，熟悉门店运营、成本控制与团队建设，带领团队连续三年完成营业额目标，"
                "门店顾客满意度位列区域第一，具有较强的沟通协调能力和抗压能力。",
                40,
            ),
            "教育背景",
            "2012.09 - 2016.06 示例商学院 酒店管理 大专",
        ]
    )
    + "\n"
)


# --- HTML, MIME, RTF, XLSX, legacy .doc ------------------------------------------------------

JOB_SITE_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>个人简历</title>
<style>td {{ font-size: 10pt }}</style><!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]--></head>
<body>
<p class=MsoNormal><b>郑十一</b></p>
<table border=1>
<tr><td>姓&nbsp;&nbsp;&nbsp;&nbsp;名：</td><td>郑十一</td><td>性&nbsp;&nbsp;别：</td><td>男</td></tr>
<tr><td>手&nbsp;&nbsp;&nbsp;&nbsp;机：</td><td>138-0000-0000</td><td>邮&nbsp;&nbsp;箱：</td><td>zheng@example.com</td></tr>
</table>
<h3>工作经历</h3>
<p>2017.04 - 至今 示例超市连锁有限公司 区域经理<br>
负责华东区十二家门店的运营管理。</p>
<script>var tracking = "not text";</script>
<h3>教育背景</h3>
<div>2010.09 - 2014.06 示例大学 工商管理 本科</div>
</body></html>
"""


def job_site_html_doc() -> bytes:
    """A job-site export: HTML in GB2312 saved with a .doc extension (Word opens it happily)."""
    return JOB_SITE_HTML.format().encode("gb18030")


def resume_eml(attachment: bytes) -> bytes:
    """An application e-mail: GBK quoted-printable body, a DOCX résumé attached with a Chinese file name."""
    msg = EmailMessage()
    msg["From"] = "applicant@example.com"
    msg["To"] = "hr@example.com"
    msg["Subject"] = "应聘人力资源经理-孙七"
    msg["Date"] = "Fri, 15 Mar 2024 09:30:00 +0800"
    msg["Message-ID"] = "<fixture-1@example.com>"
    msg.set_content("您好：\n附件是我的简历，请查收。\n孙七 138-0000-0000\n", charset="gbk", cte="quoted-printable")
    msg.add_attachment(
        attachment,
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename="孙七_简历.docx",
    )
    msg.set_boundary("==fixture-boundary==")  # the email package picks a random one otherwise
    return msg.as_bytes(policy=SMTP)


def resume_mht() -> bytes:
    """A browser's "save as single file" page: multipart/related, base64 UTF-8 HTML plus an image."""
    html = (
        "<html><head><meta charset='utf-8'><title>简历</title></head><body>"
        "<h2>冯十二</h2><p>电话：138-0000-0000 | 邮箱：feng12@example.com</p>"
        "<h3>工作经历</h3><table><tr><td>2019.03 - 至今</td><td>示例软件有限公司</td><td>测试工程师</td></tr></table>"
        "<p>负责移动端产品的功能测试与自动化测试。</p><img src='photo.png'></body></html>"
    )
    boundary = "----=_NextPart_fixture"
    parts = [
        "From: <Saved by Blink>",
        "Snapshot-Content-Location: https://jobs.example.com/resume/12",
        "Subject: =?utf-8?B?" + base64.b64encode("简历".encode()).decode() + "?=",
        "Date: Fri, 15 Mar 2024 09:30:00 +0800",
        "MIME-Version: 1.0",
        f'Content-Type: multipart/related; type="text/html"; boundary="{boundary}"',
        "",
        f"--{boundary}",
        "Content-Type: text/html; charset=utf-8",
        "Content-Transfer-Encoding: base64",
        "Content-Location: https://jobs.example.com/resume/12",
        "",
        base64.encodebytes(html.encode("utf-8")).decode("ascii"),
        f"--{boundary}",
        "Content-Type: image/png",
        "Content-Transfer-Encoding: base64",
        "Content-Location: https://jobs.example.com/resume/photo.png",
        "",
        base64.encodebytes(png_bytes(Image.new("RGB", (4, 4), "white"))).decode("ascii"),
        f"--{boundary}--",
        "",
    ]
    return "\r\n".join(parts).encode("ascii")


def word_mht_doc() -> bytes:
    """Word's "single file web page" (MHT) in GB2312 quoted-printable, saved by a job site as .doc.

    51job-style exports look like this: a preamble line for mail readers, the HTML part with a
    file:/// Content-Location, and the page's images as further parts.
    """
    import quopri

    html = (
        '<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
        '<head><meta http-equiv=Content-Type content="text/html; charset=gb2312"></head><body>'
        "<p class=MsoNormal><b>卫十八</b></p>"
        "<table><tr><td>手机：</td><td>138-0000-0000</td><td>居住地：</td><td>济南</td></tr></table>"
        "<p class=MsoNormal>求职意向：物业客户服务经理</p>"
        "<h2>工作经验</h2>"
        "<p class=MsoNormal>2017/06 -- 至今 示例物业管理有限公司 客服经理</p>"
        "<p class=MsoNormal>负责小区业主服务、投诉处理与物业费收缴，收缴率提升至百分之九十六。</p>"
        "<h2>教育经历</h2>"
        "<p class=MsoNormal>2013/09 -- 2017/06 示例职业学院 物业管理 大专</p>"
        "</body></html>"
    )
    boundary = "----=_NextPart_01DA7700.8A1B2C30"
    head = [
        "MIME-Version: 1.0",
        f'Content-Type: multipart/related; boundary="{boundary}"',
        "",
        "此文档为“单个文件网页”，也称为“Web 档案”文件。",
        "",
        f"--{boundary}",
        "Content-Location: file:///C:/0A1B2C3D/resume.htm",
        "Content-Transfer-Encoding: quoted-printable",
        'Content-Type: text/html; charset="gb2312"',
        "",
    ]
    body = quopri.encodestring(html.encode("gb2312")).decode("ascii").replace("\n", "\r\n")
    tail = [
        "",
        f"--{boundary}",
        "Content-Location: file:///C:/0A1B2C3D/resume.files/image001.png",
        "Content-Transfer-Encoding: base64",
        "Content-Type: image/png",
        "",
        base64.encodebytes(png_bytes(Image.new("RGB", (4, 4), "white"))).decode("ascii"),
        f"--{boundary}--",
        "",
    ]
    return ("\r\n".join(head).encode("gb2312") + body.encode("ascii") + "\r\n".join(tail).encode("ascii"))


def resume_rtf() -> bytes:
    """RTF as WordPad writes Chinese: GBK bytes as \\'hh escapes, plus \\uN escapes and a table row."""

    def gbk(text: str) -> str:
        return "".join(f"\\'{b:02x}" for b in text.encode("gbk"))

    def uni(text: str) -> str:
        return "".join(f"\\u{ord(ch)}?" for ch in text)

    body = (
        "{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 " + gbk("宋体") + ";}}"
        "{\\*\\generator Riched20 10.0.19041}\\uc1\\pard\\f0\\fs22 "
        + gbk("陈十三")
        + "\\par\n"
        + uni("工作经历")
        + "\\par\n"
        "\\trowd\\cellx2000\\cellx5000 " + gbk("电话：") + "\\cell 138-0000-0000\\cell\\row\n"
        "2015.06 - " + gbk("至今 示例物流有限公司 调度主管") + "\\par\n"
        "Email: chen13@example.com\\par\n}"
    )
    return body.encode("ascii")


def resume_xlsx() -> bytes:
    from datetime import datetime

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "简历"
    for row in [
        ["姓名", "褚十四", "性别", "女"],
        ["电话", "138-0000-0000", "邮箱", "chu14@example.com"],
        [None, None, None, None],
        ["工作经历"],
        ["2018.09 - 至今", "示例会计师事务所", "审计助理"],
    ]:
        ws.append(row)
    wb.properties.creator = "fixture"
    wb.properties.created = datetime(2024, 3, 15, 9, 30, 0)
    wb.properties.modified = datetime(2024, 3, 15, 9, 30, 0)
    out = io.BytesIO()
    wb.save(out)
    return rezip(out.getvalue())


def libreoffice_convert(data: bytes, src_ext: str, target: str) -> bytes | None:
    """Convert with LibreOffice (e.g. a .doc from the DOCX); None without it."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print(f"libreoffice not found: legacy {target} not rebuilt")
        return None
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"legacy{src_ext}"
        src.write_bytes(data)
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{tmp}/profile",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                tmp,
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        return (Path(tmp) / f"legacy.{target}").read_bytes()


def write(name: str, data: bytes) -> None:
    (OUT / name).write_bytes(data)
    print(f"{name:28} {len(data):7} bytes")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    register_font()
    simple = simple_cn_pdf()
    write("cn_simple.pdf", simple)
    write("cn_sidebar.pdf", sidebar_pdf())
    write("truncated.pdf", simple[: len(simple) // 3])
    write("cn_two_column.pdf", two_column_pdf())
    write("cn_table.pdf", table_pdf())
    write("encrypted.pdf", encrypted_pdf())
    write("scanned.pdf", scanned_pdf())
    write("garbled.pdf", garbled_pdf())
    write("photo.png", png_bytes(page_image(["钱十 简历", "电话：138-0000-0000"])))
    scan = scanned_page_image()
    write("scanned_page.png", png_bytes(scan))
    write("scanned_page.pdf", image_pdf(scan))
    write("phone_photo.jpg", phone_photo_jpeg(scan))
    form_rows = io.BytesIO()
    scanned_form_rows_image().convert("RGB").save(form_rows, "JPEG", quality=75)
    write("scanned_form_rows.jpg", form_rows.getvalue())
    write("mixed_scan.pdf", mixed_scan_pdf(scan))
    write("header_and_picture.pdf", header_and_picture_pdf(scan))
    write("traditional.docx", traditional_docx())
    xls = resume_xls()
    write("form.xls", xls)
    write("truncated.xls", xls[: len(xls) // 2])
    write("job_site_export_mht.doc", word_mht_doc())

    table_docx = table_textbox_docx()
    write("table_textbox.docx", table_docx)
    write("docx_named.pdf", table_docx)
    write("truncated.docx", table_docx[: len(table_docx) // 2])
    write("textbox_only.docx", textbox_only_docx())

    write("gb18030.txt", TXT_RESUME.encode("gb18030"))
    write("utf8_bom_crlf.txt", b"\xef\xbb\xbf" + TXT_RESUME.replace("\n", "\r\n").encode("utf-8"))
    write("utf16.txt", TXT_RESUME.encode("utf-16"))
    write(
        "big5.txt",
        "陳小明\n工作經歷\n2019.07 - 至今 範例科技股份有限公司 資深產品經理\n負責公司核心產品的規劃與設計。\n".encode(
            "big5"
        ),
    )
    write("cover_letter.docx", cover_letter_docx())
    write("job_site_export.doc", job_site_html_doc())
    write("application.eml", resume_eml(table_docx))
    write("saved_page.mht", resume_mht())
    write("wordpad.rtf", resume_rtf())
    write("sheet.xlsx", resume_xlsx())
    # LibreOffice stamps the time into .doc and .pdf files: keep the committed one unless asked to rebuild.
    for name, source, ext in [("legacy.doc", table_docx, ".docx"), ("timeline_table.pdf", timeline_docx(), ".docx"),
                               ("sidebar_table.pdf", sidebar_table_docx(), ".docx"),
                               ("wrapped_cells.pdf", wrapped_cells_docx(), ".docx"),
                               ("cover_letter.pdf", cover_letter_docx(), ".docx")]:
        if not (OUT / name).exists() or "--legacy" in sys.argv:
            converted = libreoffice_convert(source, ext, name.rsplit(".", 1)[1])
            if converted:
                write(name, converted)
    if (OUT / "legacy.doc").exists():
        write("truncated.doc", (OUT / "legacy.doc").read_bytes()[:16000])
    write("empty.txt", b"")
    write("binary.dat", bytes(range(256)) * 4)


if __name__ == "__main__":
    main()
