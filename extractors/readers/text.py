"""Text-based résumés: plain text in any Chinese encoding, HTML, RTF, and MIME (EML e-mails, MHT pages).

Plain text: find the encoding (UTF-8, GB18030/GBK, Big5, UTF-16...) and decode.
HTML: stdlib ``html.parser``, one block or table row per line.
RTF: a small tokenizer (``\\'hh`` bytes in the document's code page, ``\\uN``, table cells).
MIME: stdlib ``email``; attachments are handed to a caller-supplied reader (``reading``),
so a PDF or DOCX attached to an e-mail is read like any other file.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import email.utils
import re
from collections.abc import Callable
from email.message import EmailMessage, Message
from html.parser import HTMLParser

import charset_normalizer

from extractors.readers.limits import MAX_CHARS, MAX_HTML_TAGS, MAX_MIME_NESTING, MAX_MIME_PARTS, too_complex
from extractors.readers.sniff import RawText, ReadFailure
from extractors.readers.webfont import hide_private_use

_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]

# What charset-normalizer may answer for Chinese text, and the superset codec we decode with.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936"}
_BIG5_FAMILY = {"big5", "big5hkscs", "cp950"}


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    # ASCII-heavy UTF-16 has a NUL in every other byte; which half tells the byte order.
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if max(even, odd) < 0.3 * len(sample) / 2 or min(even, odd) > 0.05 * len(sample) / 2:
        return None
    return _strict(data, "utf-16-le" if odd > even else "utf-16-be")


def detect_encoding(data: bytes) -> str:
    """The codec name to decode ``data`` with; raises ``ReadFailure('decode_error')``."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    # UTF-8 first: a strict UTF-8 decode of non-UTF-8 Chinese text essentially never succeeds.
    if _strict(data, "utf-8") is not None:
        return "utf-8"
    if b"\x00" in data[:4096] and _utf16_without_bom(data) is not None:
        sample = data[:4096]
        return "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
    gb_ok = _strict(data, "gb18030") is not None
    # GBK text almost never forms valid Big5 (trail bytes 0x80-0xA0), while Big5 text is
    # usually valid GB18030 too; only that ambiguous case needs a statistical detector.
    if gb_ok and _strict(data, "cp950") is None and _strict(data, "big5hkscs") is None:
        return "gb18030"
    best = charset_normalizer.from_bytes(data).best()
    if best is not None:
        name = best.encoding.lower().replace("-", "").replace("_", "")
        if name in _GB_FAMILY:
            return "gb18030"
        if name in _BIG5_FAMILY:
            for codec in ("cp950", "big5hkscs", "big5"):
                if _strict(data, codec) is not None:
                    return codec
        if _strict(data, best.encoding) is not None:
            return best.encoding
    if gb_ok:
        return "gb18030"
    # A few damaged bytes in otherwise valid text: decode with replacement characters and
    # let the quality verdict judge the result rather than refusing the whole file.
    for codec in ("utf-8", "gb18030"):
        text = data.decode(codec, errors="replace")
        if text.count("\ufffd") <= 0.01 * len(text):
            return codec
    raise ReadFailure("decode_error", "text file in an unknown encoding (not UTF-8, GB18030, Big5 or UTF-16)")


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode text bytes; returns (text, codec name)."""
    encoding = detect_encoding(data)
    text = data.decode(encoding, errors="replace")
    return text.lstrip("\ufeff"), encoding


# A layout-tagged export: each line led by its block's kind and section ("content education 示例大学",
# "header experience 工作经历"), as résumé-parsing datasets and some converters write text out.
_TAGS = re.compile(r"^([a-z]{3,12})[ \t]([a-z]{3,12})[ \t](?=\S)")
_MAX_TAG_PAIRS = 12


def without_line_tags(text: str) -> str:
    """The text without the two lowercase tag words that lead each of its lines, when nearly every
    line has them and they are few: a handful of kinds and sections, not words of English prose."""
    lines = [line for line in text.split("\n") if line.strip()]
    tags = [m.group(0) for line in lines if (m := _TAGS.match(line))]
    if len(lines) < 5 or len(tags) < 0.9 * len(lines) or len(set(tags)) > _MAX_TAG_PAIRS:
        return text
    return "\n".join(_TAGS.sub("", line) for line in text.split("\n"))


def read_text(data: bytes, max_chars: int = MAX_CHARS) -> RawText:
    # No encoding takes more than 4 bytes a character: far more bytes than that is refused
    # undecoded (decoding 40 MB takes half a minute).
    if len(data) > 4 * max_chars:
        raise too_complex(f"the text file is {len(data) // 2**20:,} MB", f"max_chars={max_chars:,}")
    text, _encoding = decode_text(data)
    return RawText(text=without_line_tags(text.replace("\r\n", "\n").replace("\r", "\n")), pages=1)


# --- HTML (job-site exports saved as .doc, Word "web page" files) ---------------------------

_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "ul",
        "title",
    ]
)
_SKIP_TAGS = frozenset({"script", "style", "head", "noscript", "template", "xml", "svg"})
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w\-]+)""", re.I)


class _Table:
    """The row and cell being read in one table (tables nest: a layout table around each section's)."""

    def __init__(self) -> None:
        self.row: list[str] | None = None
        self.cell: list[str] | None = None


class _HtmlText(HTMLParser):
    """HTML → lines: block elements end a line; a table row is one line with cells joined by `` | ``.

    Job sites lay a résumé out in tables inside tables (51job, 智联 and most others): each table's
    rows are lines of their own, so a nested table ends the outer cell's line before it and the
    text after it starts a new one, rather than the whole résumé becoming one outer cell."""

    def __init__(self, max_tags: int = MAX_HTML_TAGS) -> None:
        super().__init__(convert_charrefs=True)
        self.max_tags, self.tags = max_tags, 0
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip_depth = 0
        self.tables: list[_Table] = []

    def _flush(self) -> None:
        text = "".join(self.current).strip()
        self.current = []
        if not text:
            return
        table = self.tables[-1] if self.tables else None
        if table is not None and table.cell is not None:
            table.cell.append(text)
        else:
            self.lines.append(text)

    def _end_cell(self, table: _Table) -> None:
        if table.cell is not None and table.row is not None:
            table.row.append(" ".join(table.cell))
        table.cell = None

    def _end_row(self, table: _Table) -> None:
        self._end_cell(table)
        if table.row:
            cells = [c for c in table.row if c.strip()]
            if cells:
                self.lines.append(" | ".join(cells))
        table.row = None

    def _break_cell(self, table: _Table) -> None:
        """A list item inside a cell is a line of its own (a page laid out as lists in one big cell, each
        item a field or an entry): the row so far ends here and the cell goes on in a new one."""
        self._flush()
        self._end_row(table)
        table.row = []
        table.cell = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags += 1
        if self.tags > self.max_tags:
            raise too_complex(f"the page has more than {self.max_tags:,} elements", f"max_html_tags={self.max_tags:,}")
        if tag in _SKIP_TAGS:
            self.skip_depth += 1
            return
        table = self.tables[-1] if self.tables else None
        if tag == "br":
            self._flush()
        elif tag == "table":
            self._flush()
            if table is not None and table.row is not None:
                # What the outer row holds so far is a line before the nested table; its cell goes on after.
                inside_cell = table.cell is not None
                self._end_row(table)
                table.row = []
                table.cell = [] if inside_cell else None
            self.tables.append(_Table())
        elif tag == "tr" and table is not None:
            self._flush()
            self._end_row(table)
            table.row = []
        elif tag == "li" and table is not None and table.cell is not None:
            self._break_cell(table)
        elif tag in ("td", "th") and table is not None:
            self._flush()
            self._end_cell(table)
            if table.row is None:
                table.row = []
            table.cell = []
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        table = self.tables[-1] if self.tables else None
        if tag in ("td", "th") and table is not None:
            self._flush()
            self._end_cell(table)
        elif tag == "tr" and table is not None:
            self._flush()
            self._end_row(table)
        elif tag == "table":
            self._flush()
            if table is not None:
                self._end_row(table)
                self.tables.pop()
        elif tag == "li" and table is not None and table.cell is not None:
            self._break_cell(table)
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        # Source line breaks inside HTML are just spaces.
        self.current.append(re.sub(r"[ \t\r\n]+", " ", data))

    def close(self) -> None:
        super().close()
        self._flush()
        while self.tables:
            self._end_row(self.tables.pop())


def html_to_text(html: str, max_tags: int = MAX_HTML_TAGS) -> str:
    """Visible text of an HTML page, one block or table row per line."""
    parser = _HtmlText(max_tags)
    # Word's conditional comments (<!--[if gte mso 9]>...) carry XML, not text; comments are dropped anyway.
    parser.feed(html)
    parser.close()
    return "\n".join(parser.lines)


def decode_html(data: bytes) -> str:
    """Decode HTML bytes: BOM, then the <meta charset>, then the plain-text detector."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace")
    m = _META_CHARSET_RE.search(data[:4096])
    if m:
        declared = _superset_codec(m.group(1).decode("ascii", "ignore"))
        text = _strict(data, declared)
        if text is not None:
            return text
    text, _ = decode_text(data)
    return text


def _superset_codec(charset: str) -> str:
    """Senders label GBK text "gb2312" and Big5-HKSCS text "big5": decode with the superset."""
    name = charset.lower().replace("_", "-")
    if name in ("gb2312", "gbk", "gb-2312", "x-gbk", "cp936", "euc-cn", "gb18030", "hz-gb-2312"):
        return "gb18030"
    if name in ("big5", "big-5", "x-big5", "cp950", "big5-hkscs"):
        return "cp950"
    try:
        codecs.lookup(name)
    except (LookupError, ValueError):  # ValueError: a NUL in the declared name (a damaged header)
        return "utf-8"
    return name


def read_html(data: bytes, max_tags: int = MAX_HTML_TAGS) -> RawText:
    html = decode_html(data)
    text, hidden = hide_private_use(html, html_to_text(html, max_tags))
    return RawText(text=text, pages=1, obfuscated_chars=hidden)


# --- MIME: EML e-mails and MHT single-file web pages ----------------------------------------

# Reads an attachment's bytes (named by its file name): (text, remark such as "by OCR"), or
# (None, the reason it could not).
AttachmentReader = Callable[[bytes, str], "tuple[str | None, str]"]


def _part_text(part: Message) -> str:
    payload = part.get_payload(decode=True)  # undoes base64 / quoted-printable
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset()
    if charset:
        text = _strict(payload, _superset_codec(charset))
        if text is not None:
            return text
    try:
        return decode_text(payload)[0]
    except ReadFailure:
        return payload.decode("utf-8", errors="replace")


def read_mime(
    data: bytes,
    read_attachment: AttachmentReader | None = None,
    include_subject: bool = True,
    no_image_reader: str | None = "OCR not installed",
    max_parts: int = MAX_MIME_PARTS,
    max_nesting: int = MAX_MIME_NESTING,
) -> RawText:
    """An e-mail or MHT: its HTML (else plain-text) body, then each attachment read recursively.

    Attached pictures go to ``read_attachment`` too (OCR) unless ``no_image_reader`` says why not.
    A message of more than ``max_parts`` parts, or of more than ``max_nesting`` multiparts
    (the stdlib parser recurses once per level: 5,000 levels raised RecursionError), is refused.
    """
    # Counted in the bytes, before the parser recurses into them.
    nesting = len(re.findall(rb"(?im)^content-type:[^\n]*multipart", data))
    if nesting > max_nesting:
        raise too_complex(f"the message has {nesting:,} multipart containers", f"max_mime_nesting={max_nesting:,}")
    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
        parts = list(_walk(msg, max_parts))
    except RecursionError as exc:
        raise too_complex("the message nests its parts too deep", f"max_mime_nesting={max_nesting:,}") from exc
    if not isinstance(msg, EmailMessage) or not msg.keys():
        raise ReadFailure("corrupt_mime", "not a readable MIME message")
    notes: list[str] = []
    html_bodies: list[str] = []
    plain_bodies: list[str] = []
    attachments: list[str] = []
    for part in parts:
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        filename = part.get_filename()
        if filename or part.get_content_disposition() == "attachment" or not ctype.startswith("text/"):
            if not filename:
                continue
            if ctype.startswith("image/"):
                # Inline pictures of an MHT page or a signature logo are not résumés: skip them.
                if part.get_content_disposition() != "attachment":
                    continue
                # An attached photo of a résumé is; say so when nothing can read it.
                if no_image_reader is not None:
                    notes.append(f"attachment {filename} is an image: {no_image_reader}")
                    continue
            payload = part.get_payload(decode=True)
            if not isinstance(payload, bytes) or read_attachment is None:
                continue
            text, problem = read_attachment(payload, filename)
            if text:
                attachments.append(text)
                notes.append(f"attachment {filename} read" + (f" {problem}" if problem else ""))
            else:
                notes.append(f"attachment {filename} not read: {problem}")
        elif ctype == "text/html":
            html_bodies.append(html_to_text(_part_text(part)))
        elif ctype == "text/plain":
            plain_bodies.append(_part_text(part))
    # multipart/alternative carries one body twice, as HTML and as plain text: keep one.
    bodies = html_bodies or plain_bodies
    subject = str(msg.get("subject", "") or "").strip() if include_subject else ""
    text = "\n".join(([subject] if subject else []) + [b for b in bodies if b.strip()] + attachments)
    return RawText(text=text, pages=1, notes=notes, created=_mail_date(msg))


def _walk(msg: Message, max_parts: int) -> list[Message]:
    """``msg.walk()`` without recursion, refused past ``max_parts`` parts."""
    found: list[Message] = []
    stack = [msg]
    while stack:
        part = stack.pop()
        found.append(part)
        if len(found) > max_parts:
            raise too_complex(f"the message has more than {max_parts:,} parts", f"max_mime_parts={max_parts:,}")
        if part.is_multipart():
            payload = part.get_payload()
            stack.extend(reversed([p for p in payload if isinstance(p, Message)] if isinstance(payload, list) else []))
    return found


def _mail_date(msg: Message) -> str | None:
    """The Date header as YYYY-MM-DD: when the application was sent (a reference-date hint)."""
    try:
        when = email.utils.parsedate_to_datetime(str(msg.get("date", "")))
    except (TypeError, ValueError, IndexError):
        return None
    return when.strftime("%Y-%m-%d") if when.year >= 1990 else None


# --- RTF ------------------------------------------------------------------------------------

_RTF_TOKEN_RE = re.compile(r"\\([a-zA-Z]+)(-?\d+)? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|([^\\{}\r\n]+)|[\r\n]+", re.S)
# Destinations whose content is not document text.
_RTF_SKIP = frozenset(
    [
        "fonttbl",
        "colortbl",
        "stylesheet",
        "info",
        "pict",
        "object",
        "themedata",
        "colorschememapping",
        "datastore",
        "latentstyles",
        "listtable",
        "listoverridetable",
        "rsidtbl",
        "generator",
        "xmlnstbl",
        "header",
        "footer",
        "headerl",
        "headerr",
        "footerl",
        "footerr",
        "fldinst",
        "bkmkstart",
        "bkmkend",
        "shppict",
        "nonshppict",
        "blipuid",
        "filetbl",
        "revtbl",
        "pgdsctbl",
        "mmathPr",
    ]
)


def rtf_to_text(rtf: str) -> str:
    """Plain text of an RTF document: paragraphs as lines, table cells joined by `` | ``.

    Handles ``\\'hh`` bytes in the document's ANSI code page (``\\ansicpg936`` = GBK) and
    ``\\uN`` Unicode escapes with their ``\\ucN`` fallback characters.
    """
    m = re.search(r"\\ansicpg(\d+)", rtf[:2000])
    number = m.group(1) if m else "1252"
    codepage = _superset_codec({"936": "gbk", "950": "big5"}.get(number, f"cp{number}"))
    out: list[str] = []
    pending: bytearray = bytearray()  # \'hh bytes of one multi-byte character arrive separately
    stack: list[tuple[bool, int]] = []
    skip, uc, to_skip = False, 1, 0

    def flush_bytes() -> None:
        if pending:
            out.append(pending.decode(codepage, errors="replace"))
            pending.clear()

    for word, arg, hexbyte, sym, brace, text in _RTF_TOKEN_RE.findall(rtf):
        if brace == "{":
            flush_bytes()
            stack.append((skip, uc))
            continue
        if brace == "}":
            flush_bytes()
            skip, uc = stack.pop() if stack else (False, 1)
            continue
        if hexbyte:
            if to_skip:
                to_skip -= 1
            elif not skip:
                pending.append(int(hexbyte, 16))
            continue
        flush_bytes()
        if word:
            if word in _RTF_SKIP:
                skip = True
            elif word == "uc":
                uc = int(arg or 1)
            elif word == "u" and arg and not skip:
                out.append(chr(int(arg) % 65536))
                to_skip = uc
            elif skip:
                pass
            elif word in ("par", "line", "row", "sect", "page"):
                out.append("\n")
            elif word == "cell":
                out.append(" | ")
            elif word == "tab":
                out.append("\t")
            continue
        if sym:
            if sym == "*":
                skip = True  # {\\*\\destination ...}: an optional destination we do not know
            elif not skip and sym in "\\{}":
                out.append(sym)
            elif not skip and sym == "~":
                out.append(" ")
            continue
        if text and not skip:
            if to_skip:
                drop = min(to_skip, len(text))
                text, to_skip = text[drop:], to_skip - drop
            out.append(text)
    flush_bytes()
    lines = [re.sub(r"(\s*\|\s*)+$", "", ln).strip() for ln in "".join(out).split("\n")]
    return "\n".join(ln for ln in lines if ln)


def read_rtf(data: bytes) -> RawText:
    # RTF is 7-bit ASCII by definition; anything else is escaped inside it.
    return RawText(text=rtf_to_text(data.decode("latin-1")), pages=1)
