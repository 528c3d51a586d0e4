"""Decide a file's format from its bytes, never from its name.

Also holds the two small types every reader shares: ``RawText`` (what a reader
found) and ``ReadFailure`` (why it could not read), so the readers need not
import each other or ``reading``.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

# Formats a reader exists for; everything else ends as a ReadError.
PDF = "pdf"
DOCX = "docx"
XLSX = "xlsx"
PPTX = "pptx"
ZIP = "zip"
DOC = "doc"  # legacy Word (OLE2)
XLS = "xls"
PPT = "ppt"
OLE2 = "ole2"  # OLE2 container we could not classify further
ENCRYPTED_OFFICE = "encrypted_office"  # OOXML with a password: an OLE2 EncryptedPackage
HTML = "html"
MHT = "mht"
EML = "eml"
RTF = "rtf"
PNG = "png"
JPEG = "jpeg"
GIF = "gif"
TIFF = "tiff"
BMP = "bmp"
WEBP = "webp"
TXT = "txt"
BINARY = "binary"
EMPTY = "empty"

IMAGE_FORMATS = frozenset({PNG, JPEG, GIF, TIFF, BMP, WEBP})

# Extensions a user would expect for each sniffed format; used only for the mismatch note.
EXPECTED_EXTENSIONS: dict[str, frozenset[str]] = {
    PDF: frozenset({".pdf"}),
    DOCX: frozenset({".docx", ".docm", ".dotx", ".wps"}),
    XLSX: frozenset({".xlsx", ".xlsm"}),
    PPTX: frozenset({".pptx"}),
    ZIP: frozenset({".zip"}),
    DOC: frozenset({".doc", ".dot", ".wps"}),
    XLS: frozenset({".xls"}),
    PPT: frozenset({".ppt"}),
    HTML: frozenset({".html", ".htm", ".xhtml"}),
    MHT: frozenset({".mht", ".mhtml"}),
    EML: frozenset({".eml", ".msg"}),
    RTF: frozenset({".rtf"}),
    PNG: frozenset({".png"}),
    JPEG: frozenset({".jpg", ".jpeg"}),
    GIF: frozenset({".gif"}),
    TIFF: frozenset({".tif", ".tiff"}),
    BMP: frozenset({".bmp"}),
    WEBP: frozenset({".webp"}),
    TXT: frozenset({".txt", ".text", ".md", ".csv", ""}),
}

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class RawText:
    """What a format reader found, before normalisation and the quality verdict."""

    text: str
    pages: int = 1
    created: str | None = None  # YYYY-MM-DD from the file's metadata
    notes: list[str] = field(default_factory=list)
    # Pages whose text layer is (almost) empty: a PDF page that is only a picture.
    pages_without_text: int = 0
    # Why those pages have no text, as HR reads it in the quality verdict.
    scanned_reason: str = "no text layer (scanned?), OCR not installed"
    # Pages whose text came from OCR rather than a text layer.
    ocr_pages: int = 0
    # Characters a page draws with its own obfuscating web font (shown as □ in the text).
    obfuscated_chars: int = 0
    # True when the reader already joined wrapped lines (the PDF reader does, using geometry).
    wrapped_lines_joined: bool = False


class ReadFailure(Exception):
    """A reader's clean refusal: ``reading`` turns it into a ``ReadError``."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(f"{code}: {reason}")
        self.code = code
        self.reason = reason


def _utf16_name(name: str) -> bytes:
    return name.encode("utf-16-le")


_WORD_FIB_RE = re.compile(rb"\xec\xa5[\x00-\xff][\x00\x01]")
# BIFF8 BOF record of an Excel workbook stream: type 0x0809, length 16, version 0x0600, workbook globals.
_XLS_BOF = b"\x09\x08\x10\x00\x00\x06\x05\x00"


def _sniff_ole2(data: bytes) -> str:
    # The OLE2 directory stores stream names in UTF-16LE; a substring search is enough
    # to tell the few containers apart without an OLE parser.
    if _utf16_name("EncryptedPackage") in data:
        return ENCRYPTED_OFFICE
    if _utf16_name("WordDocument") in data:
        return DOC
    # The directory sits at the end, so a truncated .doc loses the names; Word's FIB header
    # (wIdent 0xA5EC) at the start of the WordDocument stream still says what it is.
    for m in _WORD_FIB_RE.finditer(data, 512, 1 << 20):
        if m.start() % 512 == 0:  # streams start on a sector boundary
            return DOC
    if _utf16_name("Workbook") in data:
        return XLS
    # A truncated .xls lost its directory too; the workbook stream's BOF record still tells.
    for start in range(512, min(len(data), 1 << 20), 512):
        if data.startswith(_XLS_BOF, start):
            return XLS
    if _utf16_name("PowerPoint Document") in data:
        return PPT
    return OLE2


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        # Starts like a zip but the directory is unreadable: let the docx reader say so.
        return DOCX if b"word/document.xml" in data else ZIP
    if "word/document.xml" in names or any(n.startswith("word/") for n in names):
        return DOCX
    if any(n.startswith("xl/") for n in names):
        return XLSX
    if any(n.startswith("ppt/") for n in names):
        return PPTX
    return ZIP


_HTML_START = re.compile(
    rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|table|div|p)\b", re.I | re.S
)
_HTML_ANYWHERE = re.compile(rb"<html[\s>]|<body[\s>]", re.I)
_MAIL_HEADER = re.compile(
    rb"^(from|to|subject|date|received|return-path|message-id|mime-version|content-type|x-[\w-]+|delivered-to|reply-to):",
    re.I,
)


def _strip_text_bom(head: bytes) -> bytes:
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    if head[:2].count(b"\x00") == 1 or head[1:2] == b"\x00":  # UTF-16 text: look at its ASCII skeleton
        head = head.replace(b"\x00", b"")
    return head


def _sniff_mail(head: bytes) -> str | None:
    """EML or MHT (both are MIME messages); None when the head is not a header block."""
    lines = head.lstrip().split(b"\n", 40)[:40]
    header_lines = [ln for ln in lines if _MAIL_HEADER.match(ln.lstrip())]
    lowered = head.lower()
    if b"mime-version:" not in lowered and len(header_lines) < 2:
        return None
    if not header_lines or not _MAIL_HEADER.match(lines[0].lstrip()):
        return None
    # Browsers' "save as single file" writes multipart/related with Content-Location parts.
    if b"multipart/related" in lowered and (b"content-location:" in lowered or b"from: <saved by" in lowered):
        return MHT
    return EML


def sniff_format(data: bytes) -> str:
    """Return the format name of ``data`` judged from its content alone."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        return EMPTY
    head = data[:4096]
    if b"%PDF-" in data[:1024]:  # readers accept a little junk before the header
        return PDF
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(data)
    if head.startswith(OLE2_MAGIC):
        return _sniff_ole2(data)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"BM") and len(data) > 26 and b"\x00" in head[:26]:
        return BMP
    text_head = _strip_text_bom(head)
    if text_head.lstrip().startswith(b"{\\rtf"):
        return RTF
    mail = _sniff_mail(text_head)
    if mail:
        return mail
    if _HTML_START.match(text_head) or _HTML_ANYWHERE.search(text_head[:1024]):
        return HTML
    if _looks_binary(data):
        return BINARY
    return TXT


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    nul = sample.count(b"\x00")
    if nul:
        # UTF-16 without BOM has NULs on every other byte of ASCII text; anything else is binary.
        even = sample[0::2].count(b"\x00")
        odd = sample[1::2].count(b"\x00")
        return not (max(even, odd) > 0.3 * len(sample) / 2 and min(even, odd) < 0.05 * len(sample) / 2)
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > 0.05 * len(sample)


def extension_note(path: str, fmt: str) -> str | None:
    """A note for HR when the file's extension disagrees with its content, else None."""
    ext = PurePath(path).suffix.lower()
    expected = EXPECTED_EXTENSIONS.get(fmt)
    if expected is None or ext in expected:
        return None
    if fmt == TXT and ext not in {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".rtf", ".html", ".htm", ".png", ".jpg"}:
        return None  # .log, .me, no extension...: plain text under any odd name is unremarkable
    shown = ext or "(none)"
    return f"extension {shown} but content is {fmt}"
