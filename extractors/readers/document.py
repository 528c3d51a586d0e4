"""Reading stage: any résumé file → ``Document`` (normalised text + quality verdict) or ``ReadError``.

``read_document`` never raises for a bad input file: every failure becomes a ``ReadError``
with a short code and a reason HR can act on.
"""

from __future__ import annotations

import hashlib
import logging
import unicodedata
from pathlib import Path

from pydantic import ConfigDict

from extractors.readers import limits, sniff
from extractors.readers.docx import read_docx
from extractors.readers.libreoffice import find_converter, read_legacy
from extractors.readers.ocr import OCR_INSTALL_HINT, ocr_installed, page_ocr, read_image
from extractors.readers.pdf import PageOcr, PdfEngine, read_pdf
from extractors.readers.sniff import RawText, ReadFailure
from extractors.readers.spreadsheet import read_xls, read_xlsx
from extractors.readers.text import read_html, read_mime, read_rtf, read_text
from extractors.readers.word97 import Word97Error, read_word97
from extractors.text.normalize import TRADITIONAL_SHARE, normalize_text, to_simplified
from screener.models import Document, ReadError, SourceInfo, TextQuality

log = logging.getLogger(__name__)

LEGACY_DOC_REASON = "Word 6/95 .doc, needs a converter (install LibreOffice: apt install libreoffice-writer-nogui)"
MAX_ATTACHMENT_DEPTH = 2  # an e-mail attached to an e-mail attached to an e-mail is not a résumé


class ReadSettings(limits.ReadLimits):
    """Knobs of the reading stage, resolved once per public call."""

    model_config = ConfigDict(frozen=True)

    pdf_engine: PdfEngine = "auto"  # auto (pdfium, pdfplumber when glyphs lack Unicode) | pdfium | pdfplumber
    low_text_chars: int = 80  # fewer meaningful characters than this → quality "low_text"
    garbled_share: float = 0.05  # share of unreadable characters above which text is "garbled"
    max_bytes: int = 50 * 1024 * 1024  # bigger files are refused rather than parsed
    ocr: bool = True  # read pictures and scanned pages by OCR when the `ocr` extra is installed
    # onnxruntime threads per OCR call. 1, because `screener run` already runs one worker process
    # per core, where more threads only contend (measured: 1.4 s a page with 1, 2.8 s with all
    # cores while other work ran); 0 lets onnxruntime take every core for a lone `screener extract`.
    ocr_threads: int = 1
    # Traditional Chinese résumés are converted to Simplified (OpenCC t2s) when at least this share
    # of their Han characters is Traditional; 0 converts everything, above 1 nothing.
    traditional_share: float = TRADITIONAL_SHARE
    # The caps on what one file may hold (``limits.ReadLimits``: max_pages, max_chars, … max_html_tags)
    # are inherited: past one, a file is refused as ``too_complex`` in milliseconds instead of costing
    # the batch minutes and gigabytes. PDF pages past ``max_pages`` are skipped instead, with a note.


def _source(data: bytes, path: str, fmt: str) -> SourceInfo:
    return SourceInfo(path=path, sha256=hashlib.sha256(data).hexdigest(), format=fmt, size_bytes=len(data))


# --- the quality verdict --------------------------------------------------------------------


def meaningful_chars(text: str) -> int:
    """Letters, digits and CJK characters: what a person would actually read."""
    return sum(map(str.isalnum, text))


def unreadable_chars(text: str) -> int:
    """Replacement chars, private-use glyphs, control characters and unassigned code points."""
    printable = text.replace("\n", "").replace("\t", "")
    if printable.isprintable():  # no Cc, Co, Cn or Cs character: only U+FFFD can be bad (the usual text, at C speed)
        return printable.count("\ufffd")
    bad = 0
    for ch in text:
        if ch in "\n\t":
            continue
        if ch == "\ufffd" or unicodedata.category(ch) in ("Co", "Cc", "Cn", "Cs"):
            bad += 1
    return bad


def judge_quality(text: str, raw: RawText, fmt: str, settings: ReadSettings) -> tuple[TextQuality, str]:
    """ok, or why the text should not be trusted: scanned > obfuscated > garbled > low_text."""
    n = meaningful_chars(text)
    if raw.pages_without_text and (raw.pages_without_text == raw.pages or n < settings.low_text_chars):
        return "scanned", raw.scanned_reason
    if raw.obfuscated_chars:
        return "obfuscated", (
            f"{raw.obfuscated_chars} characters are drawn by the page's own web font (a job site's copy"
            " protection) and cannot be read (□): dates, numbers or the degree may be missing"
        )
    visible = len(text) - sum(map(str.isspace, text))
    bad = unreadable_chars(text)
    if visible and (bad / visible > settings.garbled_share or bad >= 50):
        why = (
            "glyphs without a Unicode mapping, (cid:NNN)"
            if fmt == sniff.PDF
            else "undecodable bytes or control characters"
        )
        return "garbled", f"{bad} of {visible} characters are unreadable ({why})"
    by_ocr = " (read by OCR)" if raw.ocr_pages else ""
    if n < settings.low_text_chars:
        return "low_text", f"only {n} readable characters{by_ocr}"
    # OCR text is good but not perfect: HR should check names and numbers against the picture.
    return "ok", "OCR" if raw.ocr_pages else ""


# --- dispatch -------------------------------------------------------------------------------


def _attachment_reader(settings: ReadSettings, depth: int):
    """Read an e-mail attachment like any file; returns (text, "") or (None, why not)."""

    def read_attachment(data: bytes, filename: str) -> tuple[str | None, str]:
        if depth >= MAX_ATTACHMENT_DEPTH:
            return None, "attachments nested too deep"
        result = read_bytes(data, filename, settings, _depth=depth + 1)
        if isinstance(result, ReadError):
            return None, result.reason
        if result.quality == "scanned":
            return None, result.quality_reason
        return result.text, "by OCR" if any("read by OCR" in note for note in result.notes) else ""

    return read_attachment


def _read_legacy_doc(data: bytes) -> RawText:
    """Word 97-2003 in pure Python; LibreOffice, when installed, only for what that cannot read."""
    try:
        return RawText(text=read_word97(data), pages=1)
    except Word97Error as exc:
        if exc.code == "encrypted":
            raise ReadFailure("encrypted", "password-protected Word .doc") from exc
        if exc.code == "too_large":
            raise ReadFailure("too_large", f"Word .doc holds too much text ({exc})") from exc
        if exc.code == "corrupt":
            raise ReadFailure("corrupt_doc", f"legacy Word .doc is damaged: {exc}") from exc
        unsupported = exc
    soffice = find_converter()
    if soffice is None:
        raise ReadFailure("legacy_doc", LEGACY_DOC_REASON) from unsupported
    return read_legacy(data, ".doc", soffice)


_warned_no_ocr = False


def _ocr(settings: ReadSettings) -> tuple[PageOcr | None, str]:
    """The page OCR to use, or None and why not (as HR reads it)."""
    global _warned_no_ocr
    if not settings.ocr:
        return None, "OCR turned off"
    if not ocr_installed():
        if not _warned_no_ocr:  # once per process: the operator can fix it, HR cannot
            log.warning("pictures and scanned PDFs are not read: OCR is not installed (%s)", OCR_INSTALL_HINT)
            _warned_no_ocr = True
        return None, "OCR not installed"
    return page_ocr(settings.ocr_threads), ""


def _read_raw(data: bytes, fmt: str, settings: ReadSettings, depth: int = 0) -> RawText:
    """Call the reader for ``fmt``; unsupported formats raise ``ReadFailure``."""
    if fmt == sniff.PDF:
        ocr, no_ocr = _ocr(settings)
        return read_pdf(data, engine=settings.pdf_engine, ocr=ocr, no_ocr=no_ocr, max_pages=settings.max_pages)
    if fmt in (sniff.DOCX, sniff.XLSX):  # zips: their declared sizes checked before a member is inflated
        limits.check_zip(data, settings.max_unpacked_mb, settings.max_zip_members, settings.max_zip_ratio)
    if fmt == sniff.DOCX:
        return read_docx(data)
    if fmt == sniff.TXT:
        return read_text(data, settings.max_chars)
    if fmt == sniff.HTML:
        return read_html(data, settings.max_html_tags)
    if fmt == sniff.RTF:
        return read_rtf(data)
    if fmt == sniff.XLSX:
        return read_xlsx(data, settings.max_cells, settings.max_sheets_mb)
    if fmt == sniff.XLS:
        return read_xls(data, settings.max_cells)
    if fmt in (sniff.EML, sniff.MHT):
        ocr, no_ocr = _ocr(settings)
        return read_mime(
            data,
            _attachment_reader(settings, depth),
            include_subject=fmt == sniff.EML,
            no_image_reader=None if ocr else no_ocr,
            max_parts=settings.max_mime_parts,
            max_nesting=settings.max_mime_nesting,
        )
    if fmt in sniff.IMAGE_FORMATS:
        ocr, no_ocr = _ocr(settings)
        if ocr is None:
            raise ReadFailure("scanned_image", f"image résumé: {no_ocr}")
        return read_image(data, ocr)
    if fmt == sniff.DOC:
        return _read_legacy_doc(data)
    if fmt == sniff.ENCRYPTED_OFFICE:
        raise ReadFailure("encrypted", "password-protected Office document")
    if fmt == sniff.EMPTY:
        raise ReadFailure("empty_file", "the file is empty")
    if fmt == sniff.BINARY:
        raise ReadFailure("unsupported_format", "binary file of an unknown format")
    names = {
        sniff.PPT: "PowerPoint .ppt",
        sniff.PPTX: "PowerPoint .pptx",
        sniff.ZIP: "zip archive",
        sniff.OLE2: "unrecognised OLE2 (old Office) file",
    }
    raise ReadFailure("unsupported_format", f"{names.get(fmt, fmt)} is not a supported résumé format")


def read_bytes(data: bytes, path: str, settings: ReadSettings | None = None, _depth: int = 0) -> Document | ReadError:
    """Read a résumé from its bytes; ``path`` is only recorded (and compared with the content).

    Never raises for bad input: failures come back as ``ReadError``.
    """
    settings = settings or ReadSettings()
    fmt = "unknown"
    try:
        fmt = sniff.sniff_format(data)
        if len(data) > settings.max_bytes:
            raise ReadFailure(
                "too_large",
                f"file is {len(data) // (1024 * 1024)} MB, over the {settings.max_bytes // (1024 * 1024)} MB limit",
            )
        raw = _read_raw(data, fmt, settings, _depth)
        # Extraction time grows with the text: a cap keeps a file's work bounded (a 40 MB line took minutes).
        limits.check_chars(len(raw.text), settings.max_chars)
        text = normalize_text(raw.text, join_wrapped=not raw.wrapped_lines_joined and fmt == sniff.TXT)
        text, simplified = to_simplified(text, settings.traditional_share)
        notes = list(raw.notes)
        if simplified:
            notes.append("Traditional Chinese converted to Simplified")
        mismatch = sniff.extension_note(path, fmt)
        if mismatch:
            notes.insert(0, mismatch)
        quality, reason = judge_quality(text, raw, fmt, settings)
        return Document(
            source=_source(data, path, fmt),
            text=text,
            pages=raw.pages,
            quality=quality,
            quality_reason=reason,
            notes=notes,
            created=raw.created,
        )
    except ReadFailure as exc:
        reason = exc.reason
        mismatch = sniff.extension_note(path, fmt) if fmt not in (sniff.EMPTY, "unknown") else None
        if mismatch:
            reason = f"{reason} ({mismatch})"
        return ReadError(source=_source(data, path, fmt), code=exc.code, reason=reason)
    except Exception as exc:  # a reader bug or a file no reader anticipated: report it, never crash the batch
        log.exception("unexpected error reading %s", path)
        return ReadError(
            source=_source(data, path, fmt), code="read_failed", reason=f"unexpected {type(exc).__name__}: {exc}"
        )


def read_document(path: Path, settings: ReadSettings | None = None) -> Document | ReadError:
    """Read one résumé file. Never raises for a bad file: failures come back as ``ReadError``."""
    settings = settings or ReadSettings()
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return ReadError(
            source=SourceInfo(path=str(path), sha256="", format="unknown"),
            code="unreadable_file",
            reason=f"cannot open the file ({exc.strerror or exc})",
        )
    return read_bytes(data, str(path), settings)
