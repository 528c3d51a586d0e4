"""OCR for picture résumés (PNG/JPEG/TIFF/… photos and scans) and PDF pages without a text layer.

Optional: ``pip install "resume-screener[ocr]"`` brings rapidocr-onnxruntime 1.4, whose PP-OCRv4
detection/recognition models ship inside the wheel and run on the CPU through onnxruntime;
nothing is downloaded at run time (rapidocr 3.x fetches its models on first use, so it is not used).

The recogniser's boxes become ``pdf_reader.Char``s in page points, so a scanned page goes through
the same layout steps as a PDF page (rows → columns → lines → wrapped lines joined): a two-column
scan reads column by column, and a row's fields stay on one line.
"""

from __future__ import annotations

import importlib.util
import io
import logging
import threading
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from extractors.readers.pdf import Char, PageChars, PageOcr, pages_text
from extractors.readers.sniff import RawText, ReadFailure

log = logging.getLogger(__name__)

OCR_INSTALL_HINT = 'pip install "resume-screener[ocr]"'
A4_WIDTH_PT = 595.0  # a photo or scan has no physical size: map its width onto an A4 page
MAX_SIDE_PX = 2000  # phone photos (4000 px and more) are shrunk first: the detector works at ≤2000 px anyway
MAX_IMAGE_PAGES = 10  # frames of a multi-page TIFF/GIF read; a résumé is not longer
MIN_SCORE = 0.5  # recogniser confidence below which a box is noise (a stamp, a photo's texture)
_OPEN_AFTER = frozenset("：:，,；;、。（(")
FIELD_GAP = 0.5  # a gap between two characters, in heights of their box (padded by the detector), that separates fields


class OcrUnavailable(ImportError):
    """rapidocr-onnxruntime is not installed; the message says how to install it."""


@lru_cache(maxsize=1)
def ocr_installed() -> bool:
    """True when the OCR extra is installed (looked up without importing onnxruntime)."""
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


def try_rapidocr_import():
    """The ``RapidOCR`` class, imported only when a picture needs reading."""
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:
        raise OcrUnavailable(f"OCR needs rapidocr-onnxruntime: {OCR_INSTALL_HINT}") from exc
    return RapidOCR


_ENGINE_LOCK = threading.Lock()  # one recognition at a time per process: onnxruntime uses its own threads


@lru_cache(maxsize=2)
def _engine(threads: int):
    rapid_ocr = try_rapidocr_import()
    # 0: let onnxruntime pick (all cores); a batch that runs one worker per core wants 1.
    kwargs = {"intra_op_num_threads": threads, "inter_op_num_threads": 1} if threads > 0 else {}
    logging.getLogger("RapidOCR").setLevel(logging.WARNING)
    return rapid_ocr(print_verbose=False, **kwargs)


@dataclass(frozen=True, slots=True)
class OcrBox:
    """One recognised text line segment, axis-aligned, in image pixels."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    score: float


def recognise(image_bgr: np.ndarray, threads: int = 1) -> list[OcrBox]:
    """Text boxes found in an image (BGR, as OpenCV and the models expect).

    Raises ``ReadFailure`` when the engine cannot start (installed, but e.g. OpenCV misses
    libGL) or fails on the image, so the caller can report it like any unreadable file.
    """
    try:
        engine = _engine(threads)
    except ImportError as exc:
        cause = exc.__cause__ or exc
        raise ReadFailure("ocr_unavailable", f"OCR could not start ({type(cause).__name__}: {cause})") from exc
    try:
        with _ENGINE_LOCK:
            # Any keyword also sets box_thresh, unclip_ratio and text_score: to the defaults, as here.
            result, _elapsed = engine(image_bgr, return_word_box=True)
    except Exception as exc:  # onnxruntime and OpenCV raise their own types
        raise ReadFailure("ocr_failed", f"OCR failed ({type(exc).__name__}: {exc})") from exc
    boxes: list[OcrBox] = []
    for quad, text, score, *characters in result or []:
        text = str(text).strip()
        if not text or float(score) < MIN_SCORE:
            continue
        xs = [float(p[0]) for p in quad]
        ys = [float(p[1]) for p in quad]
        box = OcrBox(text, min(xs), max(xs), min(ys), max(ys), float(score))
        boxes += split_at_field_gaps(box, *characters[:2]) if len(characters) >= 2 else [box]
    return boxes


def split_at_field_gaps(box: OcrBox, char_quads: list, chars: list) -> list[OcrBox]:
    """The box cut into runs where its characters stand at least ``FIELD_GAP`` box heights apart.

    The detector boxes a whole row of a form ("姓名：魏测试    性别：女    出生年月：1994.08") and the
    recogniser returns it without spaces; with the runs apart, the layout steps see the gaps between
    the fields as they see them in a PDF. Kept whole when the characters do not spell the text.
    """
    if not char_quads or len(char_quads) != len(chars) or "".join(chars).replace(" ", "") != box.text.replace(" ", ""):
        return [box]
    height = box.bottom - box.top
    spans = [(min(float(p[0]) for p in q), max(float(p[0]) for p in q)) for q in char_quads]
    runs: list[OcrBox] = []
    start = 0
    for i in range(1, len(chars) + 1):
        # A full-width colon or comma fills its cell with blank: the gap after it is no field gap.
        if i == len(chars) or (spans[i][0] - spans[i - 1][1] >= FIELD_GAP * height and chars[i - 1] not in _OPEN_AFTER):
            text = "".join(chars[start:i]).strip()
            if text:
                runs.append(OcrBox(text, spans[start][0], spans[i - 1][1], box.top, box.bottom, box.score))
            start = i
    return runs or [box]


def boxes_to_chars(boxes: list[OcrBox], scale: float) -> tuple[Char, ...]:
    """OCR boxes as layout glyphs in points. A box holds a run of text, not one glyph: the layout
    steps only need its extent, and the row/gap rules work on runs as well."""
    out: list[Char] = []
    for b in boxes:
        # The detector pads each box (unclip); trim a little so neighbouring rows do not touch.
        pad = 0.1 * (b.bottom - b.top)
        out.append(Char(b.text, b.x0 * scale, b.x1 * scale, (b.top + pad) * scale, (b.bottom - pad) * scale))
    return tuple(out)


def page_ocr(threads: int = 1) -> PageOcr:
    """A function that OCRs one page image into ``PageChars`` (what ``read_pdf`` calls per blank page)."""

    def ocr(image_bgr: np.ndarray, number: int, scale: float) -> PageChars:
        h, w = image_bgr.shape[:2]
        return PageChars(number, w * scale, h * scale, boxes_to_chars(recognise(image_bgr, threads), scale))

    return ocr


# --- image files ------------------------------------------------------------------------------


def image_frames(data: bytes) -> list[np.ndarray]:
    """Decode a picture into BGR arrays, one per frame (multi-page TIFF fax scans), upright
    (a phone photo's EXIF orientation applied) and shrunk to at most MAX_SIDE_PX."""
    from PIL import Image, ImageOps, ImageSequence

    frames: list[np.ndarray] = []
    try:
        with Image.open(io.BytesIO(data)) as img:
            for frame in ImageSequence.Iterator(img):
                if len(frames) >= MAX_IMAGE_PAGES:
                    break
                page = ImageOps.exif_transpose(frame)
                if page.mode in ("RGBA", "LA", "P", "PA"):
                    # Transparent pixels are usually black underneath: put them on white paper.
                    rgba = page.convert("RGBA")
                    paper = Image.new("RGB", rgba.size, "white")
                    paper.paste(rgba, mask=rgba.getchannel("A"))
                    page = paper
                page = page.convert("RGB")
                if max(page.size) > MAX_SIDE_PX:
                    page.thumbnail((MAX_SIDE_PX, MAX_SIDE_PX))
                frames.append(np.ascontiguousarray(np.asarray(page)[:, :, ::-1]))
    except Image.DecompressionBombError as exc:
        raise ReadFailure("corrupt_image", f"image is too large to read ({exc})") from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:  # Pillow's ways of saying "broken file"
        raise ReadFailure("corrupt_image", f"image is damaged or truncated ({exc})") from exc
    if not frames:
        raise ReadFailure("corrupt_image", "image has no pictures in it")
    return frames


def read_image(data: bytes, ocr: PageOcr) -> RawText:
    """A picture résumé (photo, scan) read by ``ocr`` (see ``page_ocr``); every frame is a page."""
    pages = [ocr(frame, i + 1, A4_WIDTH_PT / frame.shape[1]) for i, frame in enumerate(image_frames(data))]
    empty = sum(1 for p in pages if not p.chars)
    return RawText(
        text=pages_text(pages),
        pages=len(pages),
        notes=["read by OCR"],
        pages_without_text=empty,
        scanned_reason="picture without recognisable text (OCR found none)",
        ocr_pages=len(pages) - empty,
        wrapped_lines_joined=True,
    )
