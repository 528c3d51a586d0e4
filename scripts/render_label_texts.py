#!/usr/bin/env python
"""Render the laid-out dev corpus to plain text for the human labellers.

The files are real people's résumés (see ``scripts/dev_corpus.py``); neither they nor these
texts are ever committed.  The texts go to ``<into>/text/<sha256>.txt``.

The labels must not come from the code under test, so this uses independent tools, never the
project's own extractors: BeautifulSoup + lxml for HTML / MHT / .doc-that-is-HTML (charset from
the BOM, the MIME part or the page, UTF-8 tried first, GB2312/GBK read as GB18030), antiword for
Word 97 .doc, ``pdftotext -layout`` (poppler) for PDF, python-docx / lxml for DOCX (tables and
text boxes, and damaged zips read member by member), the stdlib ``email`` package for EML (bodies
and attachments).  Table cells are joined by `` | `` and each table row is a line, so forms stay
readable.

Each text starts with ``#format: X  #site: Y`` and, for HTML that embeds a web font through
``@font-face`` (job sites use one to obfuscate digits and degrees), ``#webfont: yes``.  Pictures
get a ``#image`` placeholder.

It needs a separate environment, not the project's venv::

    python -m venv /work/labelvenv
    /work/labelvenv/bin/pip install beautifulsoup4 lxml python-docx
    apt-get install -y antiword poppler-utils
    /work/labelvenv/bin/python scripts/render_label_texts.py --into /work/dev-corpus \\
        [--lang zh] [--sha256 FILE]
"""

from __future__ import annotations

import argparse
import csv
import email
import email.header
import email.policy
import json
import re
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from concurrent.futures import ProcessPoolExecutor
from email.message import Message
from io import BytesIO
from pathlib import Path

import dev_corpus  # the stdlib-only sibling in scripts/ (on sys.path as the script's directory)
from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from lxml import etree

SKIP_TAGS = {"script", "style", "meta", "link", "base", "noscript", "template", "object", "iframe", "svg"}
BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd", "section",
    "article", "header", "footer", "form", "fieldset", "pre", "blockquote", "hr", "center", "caption",
    "address", "nav", "aside", "main", "figure", "tbody", "thead", "tfoot", "title",
}  # fmt: skip
# A web font is an @font-face with a src (url or data:); Word's saved HTML declares its fonts
# with @font-face blocks that have no src, which are not web fonts.
FONT_FACE_RE = re.compile(r"@font-face\s*\{[^}]*\bsrc\s*:", re.IGNORECASE)
META_CHARSET_RE = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


# ---------------------------------------------------------------------------
# Charsets
# ---------------------------------------------------------------------------


def _codec(name: str) -> str:
    name = name.strip().lower()
    return "gb18030" if name in ("gb2312", "gbk", "x-gbk", "cp936", "gb_2312-80", "euc-cn") else name


def decode(data: bytes, declared: str | None = None) -> str:
    """UTF-8 strictly first (a GBK page almost never passes), then the declared charset, then GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    names = [declared] if declared else []
    match = META_CHARSET_RE.search(data[:8192])
    if match:
        names.append(match.group(1).decode("ascii"))
    for name in [*names, "gb18030"]:
        try:
            return data.decode(_codec(name))
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("gb18030", "replace")


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------


def _squash(text: str) -> str:
    return re.sub(r"[ \t\r\f\v\xa0\u3000]+", " ", text)


def _walk(node: Tag, out: list[str]) -> None:
    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # not a CData, Doctype, declaration ...
                out.append(_squash(str(child).replace("\n", " ")))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name.lower()
        if name in SKIP_TAGS:
            continue
        if name == "br":
            out.append("\n")
        elif name == "table":
            _table(child, out)
        elif name in BLOCK_TAGS or name in ("tr", "td", "th"):  # (a stray row or cell outside a table)
            out.append("\n")
            _walk(child, out)
            out.append("\n")
        else:
            _walk(child, out)


def _cell_text(cell: Tag) -> str:
    parts: list[str] = []
    _walk(cell, parts)
    lines = [ln.strip() for ln in "".join(parts).split("\n")]
    return "\n".join(ln for ln in lines if ln)


def _table(table: Tag, out: list[str]) -> None:
    rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    out.append("\n")
    for tr in rows:
        cells = [c for c in tr.find_all(["td", "th"], recursive=False)]
        if any(c.find("table") for c in cells):
            # A layout table holding tables: each cell is a block of its own.
            for c in cells:
                out.append("\n")
                _walk(c, out)
                out.append("\n")
            continue
        texts = [t for t in (_cell_text(c) for c in cells) if t]
        if not texts:
            continue
        if len(texts) == 1:
            out.append("\n" + texts[0] + "\n")
        else:
            out.append("\n" + " | ".join(t.replace("\n", " ") for t in texts) + "\n")
    out.append("\n")


def tidy(text: str) -> str:
    lines = [_squash(ln).strip() for ln in text.split("\n")]
    out: list[str] = []
    for ln in lines:
        if ln or (out and out[-1]):
            out.append(ln)
    return "\n".join(out).strip() + "\n"


def html_to_text(markup: str) -> str:
    markup = re.sub(r"^\s*<\?xml[^>]*>", "", markup)
    soup = BeautifulSoup(markup, "lxml")
    out: list[str] = []
    _walk(soup, out)
    return tidy("".join(out))


def render_html_bytes(data: bytes, declared: str | None = None) -> tuple[str, bool]:
    text = decode(data, declared)
    return html_to_text(text), bool(FONT_FACE_RE.search(text))


# ---------------------------------------------------------------------------
# MHT and EML
# ---------------------------------------------------------------------------


def _header(value: str | None) -> str:
    if not value:
        return ""
    try:
        return str(email.header.make_header(email.header.decode_header(value)))
    except (email.errors.HeaderParseError, LookupError, UnicodeDecodeError):
        return value


def render_mht(data: bytes) -> tuple[str, bool]:
    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    html_parts: list[tuple[bytes, str | None]] = []
    plain_parts: list[tuple[bytes, str | None]] = []
    webfont = False
    for part in msg.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        ctype = part.get_content_type()
        if ctype == "text/html":
            html_parts.append((payload, part.get_content_charset()))
        elif ctype == "text/plain":
            plain_parts.append((payload, part.get_content_charset()))
        if ctype.startswith("text/") and FONT_FACE_RE.search(decode(payload, part.get_content_charset())):
            webfont = True
    texts: list[str] = []
    for payload, charset in html_parts:
        text, font = render_html_bytes(payload, charset)
        webfont = webfont or font
        texts.append(text)
    if not texts:
        texts = [tidy(decode(p, c)) for p, c in plain_parts]
    return "\n".join(texts), webfont


def render_eml(data: bytes, into: Path) -> tuple[str, bool]:
    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    out = [f"Subject: {_header(msg.get('Subject'))}", ""]
    webfont = False
    bodies_done: set[int] = set()
    for part in msg.walk():
        if part.is_multipart():
            if part.get_content_type() == "multipart/alternative":
                chosen = _pick_alternative(part)
                for sub in part.get_payload():
                    if isinstance(sub, Message):
                        bodies_done.add(id(sub))
                if chosen is not None:
                    text, font = _render_part(chosen, into)
                    webfont = webfont or font
                    out.append(text)
            continue
        if id(part) in bodies_done:
            continue
        filename = _header(part.get_filename())
        if filename:
            payload = part.get_payload(decode=True)
            fmt = dev_corpus.sniff_format(payload, filename) if isinstance(payload, bytes) else "other"
            out.append(f"\n==== attachment: {filename} ({fmt}) ====\n")
        text, font = _render_part(part, into)
        webfont = webfont or font
        out.append(text)
    return tidy("\n".join(out)), webfont


def _pick_alternative(part: Message) -> Message | None:
    subs = [s for s in part.get_payload() if isinstance(s, Message)]
    for wanted in ("text/html", "text/plain"):
        for sub in subs:
            if sub.get_content_type() == wanted:
                return sub
    return subs[0] if subs else None


def _render_part(part: Message, into: Path) -> tuple[str, bool]:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return "", False
    ctype = part.get_content_type()
    if ctype == "text/html":
        return render_html_bytes(payload, part.get_content_charset())
    if ctype == "text/plain":
        return tidy(decode(payload, part.get_content_charset())), False
    fmt = dev_corpus.sniff_format(payload, _header(part.get_filename()))
    if fmt == "image":
        return "#image attachment\n", False
    return render_bytes(payload, fmt, into)


# ---------------------------------------------------------------------------
# Word, PDF, text, JSON
# ---------------------------------------------------------------------------


def render_doc(data: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".doc") as tmp:
        tmp.write(data)
        tmp.flush()
        proc = subprocess.run(["antiword", "-m", "UTF-8.txt", "-w", "0", tmp.name], check=False, capture_output=True)
    return tidy(proc.stdout.decode("utf-8", "replace"))


def render_pdf(data: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        tmp.write(data)
        tmp.flush()
        proc = subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", tmp.name, "-"], check=False, capture_output=True
        )
    text = proc.stdout.decode("utf-8", "replace").replace("\f", "\n")
    return "\n".join(ln.rstrip() for ln in text.split("\n")).strip() + "\n"


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _zip_members(data: bytes) -> dict[str, bytes]:
    """Members of a zip, read from the central directory or, when it is damaged, header by header."""
    try:
        zf = zipfile.ZipFile(BytesIO(data))
        return {n: zf.read(n) for n in zf.namelist() if n.endswith(".xml")}
    except (zipfile.BadZipFile, zlib.error, OSError, KeyError):
        pass
    members: dict[str, bytes] = {}
    pos = data.find(b"PK\x03\x04")
    while pos >= 0 and pos + 30 <= len(data):
        _sig, _ver, _flag, method, _t, _d, _crc, csize, _usize, nlen, xlen = struct.unpack(
            "<IHHHHHIIIHH", data[pos : pos + 30]
        )
        name = data[pos + 30 : pos + 30 + nlen].decode("utf-8", "replace")
        start = pos + 30 + nlen + xlen
        try:
            if method == 8:
                members[name] = zlib.decompressobj(-15).decompress(data[start:])
            elif method == 0 and csize:
                members[name] = data[start : start + csize]
        except zlib.error:
            pass
        pos = data.find(b"PK\x03\x04", start)
    return members


def _docx_text(el: etree._Element) -> str:
    parts: list[str] = []
    for node in el.iter():
        if any(anc.tag == MC_FALLBACK for anc in node.iterancestors()):
            continue
        if node.tag == W + "t" and node.text:
            parts.append(node.text)
        elif node.tag == W + "tab":
            parts.append("\t")
        elif node.tag in (W + "br", W + "cr", W + "p"):
            parts.append("\n")
    return "".join(parts)


def _docx_block(el: etree._Element, out: list[str]) -> None:
    for child in el:
        if child.tag == W + "tbl":
            for tr in child.iter(W + "tr"):
                if tr.getparent() is not child:
                    continue
                cells = [_squash(_docx_text(tc)).strip() for tc in tr if tc.tag == W + "tc"]
                cells = [" ".join(ln.strip() for ln in c.split("\n") if ln.strip()) for c in cells]
                cells = [c for c in cells if c]
                if cells:
                    out.append(" | ".join(cells))
        elif child.tag == W + "p":
            out.append(_docx_text(child))
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                _docx_block(content, out)


def render_docx(data: bytes) -> str:
    members = _zip_members(data)
    out: list[str] = []
    headers = sorted(n for n in members if re.match(r"word/header\d*\.xml$", n))
    for name in [*headers, "word/document.xml"]:
        if name not in members:
            continue
        try:
            root = etree.fromstring(members[name], parser=etree.XMLParser(recover=True, huge_tree=True))
        except etree.XMLSyntaxError:
            continue
        if root is None:
            continue
        body = root.find(W + "body")
        _docx_block(body if body is not None else root, out)
    return tidy("\n".join(out))


def render_txt(data: bytes) -> str:
    return tidy(decode(data))


def render_json(data: bytes) -> str:
    text = decode(data).strip()
    text = re.sub(r"^from_json_encode_result:\s*", "", text)
    value: object
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        try:
            value = json.loads('"' + text + '"')  # a JSON text with its quotes escaped
        except json.JSONDecodeError:
            return tidy(text)
    while isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            break
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def render_bytes(data: bytes, fmt: str, into: Path) -> tuple[str, bool]:
    if fmt in ("html", "doc_html"):
        return render_html_bytes(data)
    if fmt in ("mht", "doc_mht"):
        return render_mht(data)
    if fmt == "eml":
        return render_eml(data, into)
    if fmt == "doc":
        return render_doc(data), False
    if fmt == "docx":
        return render_docx(data), False
    if fmt == "pdf":
        return render_pdf(data), False
    if fmt == "txt":
        return render_txt(data), False
    if fmt == "json":
        return render_json(data), False
    return "", False


def render_row(row: dict[str, str], into: Path) -> tuple[str, int]:
    target = into / "text" / f"{row['sha256']}.txt"
    header = f"#format: {row['format']}  #site: {row['site']}\n"
    if row["format"] == "image":
        target.write_text(header + "#image\n", encoding="utf-8")
        return row["sha256"], 0
    src = dev_corpus.laid_out_path(into, row)
    if src is None:
        return row["sha256"], -1
    try:
        text, webfont = render_bytes(src.read_bytes(), row["format"], into)
    except (ValueError, LookupError, OSError, TypeError, AttributeError, etree.Error, zlib.error, struct.error) as exc:
        # One bad file must not stop the batch.
        text, webfont = f"#render-error: {type(exc).__name__}: {exc}\n", False
    if webfont:
        header += "#webfont: yes\n"
    target.write_text(header + text, encoding="utf-8")
    return row["sha256"], len(text.strip())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--into", type=Path, default=Path("/work/dev-corpus"))
    ap.add_argument("--manifest", type=Path, default=dev_corpus.DEFAULT_MANIFEST)
    ap.add_argument("--lang", default="zh", help="render every row of this lang (empty: none)")
    ap.add_argument("--sha256", type=Path, default=None, help="also render the sha256s listed in this file")
    ap.add_argument("--jobs", type=int, default=8)
    args = ap.parse_args(argv)
    rows = dev_corpus.read_csv(args.manifest)
    extra: set[str] = set()
    if args.sha256 is not None:
        with args.sha256.open(encoding="utf-8") as fh:
            extra = {rec[0] for rec in csv.reader(fh) if rec and len(rec[0]) == 64}
    todo = [r for r in rows if (args.lang and r["lang"] == args.lang) or r["sha256"] in extra]
    (args.into / "text").mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(render_row, todo, [args.into] * len(todo), chunksize=4))
    missing = sum(1 for _, n in results if n < 0)
    empty = [d for d, n in results if n == 0]
    print(f"rendered {len(results) - missing} texts ({len(empty)} empty or images), {missing} files missing")
    return 0


if __name__ == "__main__":
    sys.exit(main())
