"""PDF résumés: characters with boxes → rows → columns → lines → text.

Every step is a plain function over small dataclasses, so a bad result can be inspected
step by step (``page_chars`` → ``group_rows`` → ``find_column_band`` → ``reading_blocks``
→ ``block_lines`` → ``join_wrapped`` → ``drop_running_lines``).

Characters come from pypdfium2 (fast: a few ms per page) or from pdfplumber/pdfminer
(slow, ~100x); both feed the same layout code, so they give the same text. pdfplumber is
the fallback when pdfium sees runs of glyphs without a Unicode mapping, because pdfminer
decodes some such fonts and reports the rest explicitly as ``(cid:NNN)``. Words placed apart
without a space glyph get one where the gap beats the glyph's usual gap on the page
(``implied_spaces``); UTF-8 drawn as cp1252 ("ï¼", "â€“") is undone (``mojibake``).

Pages without a text layer, and big pictures with no text over them on sparse pages, are
rendered and handed to an OCR function supplied by the caller (``extractors.readers.ocr``); its boxes
join the same layout steps (``ocr_blank_pages``, ``ocr_picture_regions``).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import io
import itertools
import logging
import math
import operator
import re
import statistics
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from extractors.readers.limits import MAX_PAGES
from extractors.readers.mojibake import repair_mojibake
from extractors.readers.sniff import RawText, ReadFailure
from extractors.text.dates import find_date_ranges
from extractors.text.headings import heading_section
from extractors.text.normalize import CJK_CHARS, wrap_separator

PdfEngine = Literal["auto", "pdfium", "pdfplumber"]

REPLACEMENT = "\ufffd"
_CJK_RE = re.compile(f"[{CJK_CHARS}\u3000-\u303f\uff00-\uffef]")
_CID_RE = re.compile(r"^\(cid:\d+\)$")
# A page with fewer real characters than this has no usable text layer (a scan, a photo).
MIN_PAGE_CHARS = 5
# Scanned pages are rendered at this resolution for OCR: 150 dpi reads 10pt Chinese as well as
# 200 dpi on the fixtures, and the detector's cost grows with the pixel count.
OCR_DPI = 150
OCR_MAX_SIDE_PX = 2000  # the recogniser shrinks bigger images anyway; a poster-sized page is rendered smaller
BLANK_PIXEL = 200  # a rendered page with no pixel darker than this in any channel is empty
MAX_PAGE_UNITS = 14_400  # the largest page side the PDF specification allows
MAX_OCR_PAGES = 10  # a scanned "résumé" longer than this is a certificate bundle: the first pages suffice


@dataclass(slots=True, init=False)
class Char:
    """One glyph in top-down page coordinates (points); ``text`` is REPLACEMENT when unmapped.

    ``size`` and ``cy`` are worked out once here: the layout steps read them for every glyph
    many times over (a plain attribute is ~5x cheaper than a property). Treat it as read-only
    (it is not frozen because a frozen class's __init__ must go through object.__setattr__).
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    cy: float

    def __init__(self, text: str, x0: float, x1: float, top: float, bottom: float) -> None:
        self.text, self.x0, self.x1, self.top, self.bottom = text, x0, x1, top, bottom
        self.size = max(bottom - top, 1.0)
        self.cy = (top + bottom) / 2


@dataclass(frozen=True, slots=True)
class PageChars:
    number: int  # 1-based
    width: float
    height: float
    chars: tuple[Char, ...]


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    block: int  # index of the reading block (full-width band or column) the line came from


Row = list[Char]

# OCR of one rendered page: (BGR image, 1-based page number, points per pixel) → its glyph boxes.
# Supplied by ``extractors.readers.ocr`` when the OCR extra is installed; this module never imports it.
PageOcr = Callable[[np.ndarray, int, float], "PageChars"]


# --- step 1: characters ---------------------------------------------------------------------


def _is_cjk(ch: str) -> bool:
    return ch >= "\u3000" and bool(_CJK_RE.match(ch))  # every class in _CJK_RE starts at U+3000 or later


# Glyph attributes for ``np.fromiter(map(_X0, chars))``: a getter mapped from C costs half a generator.
_TEXT, _X0, _X1, _TOP, _BOTTOM, _SIZE, _CY = map(operator.attrgetter, ("text", "x0", "x1", "top", "bottom", "size", "cy"))


def _text_ids(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Each glyph's text as a small number, and for each number whether its text is Latin (not a
    space, not Chinese): a page draws a few dozen distinct glyphs thousands of times."""
    ids = {t: k for k, t in enumerate(dict.fromkeys(texts))}
    text_id = np.fromiter(map(ids.__getitem__, texts), dtype=np.int64, count=len(texts))
    return text_id, np.array([t != " " and not _is_cjk(t[0]) for t in ids], dtype=bool)


# Glyph boxes are rebuilt from the baseline and the font size, not taken from the font's
# ascent/descent: fallback fonts for punctuation report odd vertical extents, which would
# knock "，" or "-" off its line, and the two engines disagree on them.
ASCENT = 0.8
DESCENT = 0.2


def _char(text: str, x0: float, x1: float, baseline: float, size: float) -> Char:
    size = size if size > 0 else 10.0
    return Char(text, x0, max(x1, x0), baseline - ASCENT * size, baseline + DESCENT * size)


ROTATED = 0.05  # radians: glyphs turned further than this are a watermark or a margin note


def keep_upright(upright: list[Char], slanted: list[Char]) -> list[Char]:
    """Drop rotated glyphs (a diagonal "仅供投递使用" watermark) unless they are most of the page:
    then the whole page is turned and dropping them would leave nothing."""
    return upright if len(upright) >= len(slanted) else upright + slanted


def _slot_codes(tp, n: int) -> list[int]:
    """The UTF-16 unit of each of the page's ``n`` character slots, in one call when pdfium's text
    has one unit per slot (almost always), else slot by slot."""
    import pypdfium2.raw as raw

    if n:
        buffer = (ctypes.c_ushort * (n + 1))()
        if raw.FPDFText_GetText(tp, 0, n, buffer) == n + 1:
            return list(buffer)[:n]
    get_unicode = raw.FPDFText_GetUnicode
    return [get_unicode(tp, i) for i in range(n)]


_WHITESPACE_CODES = frozenset(c for c in range(0x3001) if chr(c).isspace())  # U+3000 is the last
_WHITESPACE_ARRAY = np.array(sorted(_WHITESPACE_CODES))


def _glyph_slots(tp, codes: list[int]) -> tuple[list[int], list[str]]:
    """The slots that hold a glyph, with its text: spaces pdfium drew kept, its guessed spaces and
    line breaks dropped (the layout steps derive their own), a surrogate pair one glyph at its
    first slot, a glyph code without a Unicode mapping REPLACEMENT."""
    import pypdfium2.raw as raw

    n = len(codes)
    code = np.array(codes, dtype=np.int64)
    if ((code >= 0xD800) & (code < 0xDC00)).any():  # rare: slot by slot
        slots: list[int] = []
        texts: list[str] = []
        i = 0
        while i < n:
            c = codes[i]
            skip = 1
            if c in _WHITESPACE_CODES:
                if c == 32 and not raw.FPDFText_IsGenerated(tp, i):
                    slots.append(i)
                    texts.append(" ")
            elif 0xD800 <= c < 0xDC00 and i + 1 < n:
                slots.append(i)
                texts.append(chr(0x10000 + ((c - 0xD800) << 10) + (codes[i + 1] - 0xDC00)))
                skip = 2
            else:
                slots.append(i)
                texts.append(REPLACEMENT if c < 32 or c == 0xFFFE else chr(c))
            i += skip
        return slots, texts
    keep = ~np.isin(code, _WHITESPACE_ARRAY)
    spaces = np.flatnonzero(code == 32)
    drawn = np.fromiter(map(raw.FPDFText_IsGenerated, itertools.repeat(tp), spaces.tolist()), dtype=np.int64, count=len(spaces))
    keep[spaces[drawn == 0]] = True
    picked = np.flatnonzero(keep)
    kept = code[picked]
    texts = list(map(chr, kept.tolist()))
    for j in np.flatnonzero((kept < 32) | (kept == 0xFFFE)).tolist():
        texts[j] = REPLACEMENT
    return picked.tolist(), texts


_CALLS: dict[str, Callable[[int, int, int], int]] = {}


def _address_call(name: str) -> Callable[[int, int, int], int]:
    """pdfium's ``name(textpage, index, out)`` taking plain addresses, so ``map`` can call it for
    many glyphs from C into one array (no Python loop, no ctypes object per glyph)."""
    if name not in _CALLS:
        import pypdfium2.raw as raw

        proto = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)
        _CALLS[name] = proto(ctypes.cast(getattr(raw, name), ctypes.c_void_p).value or 0)
    return _CALLS[name]


def pdfium_page_chars(textpage, number: int, width: float, height: float) -> PageChars:
    """All glyphs of a page from pdfium (spaces kept, pdfium's guessed ones dropped).

    Every glyph's loose box (origin and advance) in one pass into an array; its text object's
    matrix (baseline, scale, slant) only where the box's vertical extent changes, and the font
    size only where the matrix or the box height does: the Python calls are what costs.
    The size is the font size times the matrix's vertical scale: pdfium reports the unscaled
    size (19pt for text drawn at 11.4pt under a 0.6 matrix), which would hide every word gap.
    """
    import pypdfium2.raw as raw

    tp = textpage.raw
    address = ctypes.cast(tp, ctypes.c_void_p).value or 0
    slots, texts = _glyph_slots(tp, _slot_codes(tp, raw.FPDFText_CountChars(tp)))
    n = len(slots)
    boxes = (ctypes.c_float * (4 * n))()  # FS_RECTF: left, top, right, bottom
    at = ctypes.addressof(boxes)
    calls = map(_address_call("FPDFText_GetLooseCharBox"), itertools.repeat(address, n), slots, range(at, at + 16 * n, 16))
    have = np.flatnonzero(np.fromiter(calls, dtype=np.int64, count=n))
    box = np.frombuffer(memoryview(boxes), dtype=np.float32).reshape(n, 4)[have].astype(float)
    left, box_top, right, box_bottom = box[:, 0], box[:, 1], box[:, 2], box[:, 3]
    if len(have) < n:
        slots, texts = [slots[k] for k in have.tolist()], [texts[k] for k in have.tolist()]
        n = len(slots)
    if not n:
        return PageChars(number, width, height, ())
    # Runs of glyphs sharing a vertical extent share the matrix's baseline and scale: one read a run.
    change = np.ones(n, dtype=bool)
    change[1:] = (box_bottom[1:] != box_bottom[:-1]) | (box_top[1:] != box_top[:-1])
    starts = np.flatnonzero(change)
    runs = len(starts)
    matrices = (ctypes.c_float * (6 * runs))()  # FS_MATRIX: a, b, c, d, e, f
    at = ctypes.addressof(matrices)
    run_slots = [slots[k] for k in starts.tolist()]
    calls = map(_address_call("FPDFText_GetMatrix"), itertools.repeat(address, runs), run_slots, range(at, at + 24 * runs, 24))
    if not all(calls):  # pdfium could not say (never seen): glyph by glyph, as before
        return _pdfium_page_chars_slowly(tp, number, width, height, slots, texts, left, right, box_top, box_bottom)
    mat = np.frombuffer(memoryview(matrices), dtype=np.float32).reshape(runs, 6).astype(float)
    extent = box_top[starts] - box_bottom[starts]
    new_key = np.ones(runs, dtype=bool)
    new_key[1:] = (mat[1:, :4] != mat[:-1, :4]).any(axis=1) | (extent[1:] != extent[:-1])
    get_size = raw.FPDFText_GetFontSize
    run_size = np.empty(runs)
    keyed = np.flatnonzero(new_key)
    for r, c, d in zip(keyed.tolist(), mat[keyed, 2].tolist(), mat[keyed, 3].tolist()):
        size = get_size(tp, run_slots[r]) * math.hypot(c, d)
        run_size[r] = size if size > 0 else 10.0
    # Runs whose matrix and height match the run before keep its size.
    run_size = run_size[np.maximum.accumulate(np.where(new_key, np.arange(runs), 0))]
    baseline = height - mat[:, 5]
    lengths = np.diff(np.append(starts, n))
    top = np.repeat(baseline - ASCENT * run_size, lengths)
    bottom = np.repeat(baseline + DESCENT * run_size, lengths)
    if ((mat[:, 1] == 0) & (mat[:, 0] > 0)).all():  # the usual page: every glyph upright, on its text object's baseline
        x1 = np.where(right > left, right, left)
        chars = list(map(Char, texts, left.tolist(), x1.tolist(), top.tolist(), bottom.tolist()))
        spaced = _implied_spaces(chars, *_text_ids(texts), left, x1, bottom, np.maximum(bottom - top, 1.0))
        return PageChars(number, width, height, tuple(spaced))
    return _pdfium_page_chars_slowly(tp, number, width, height, slots, texts, left, right, box_top, box_bottom)


def _pdfium_page_chars_slowly(
    tp, number: int, width: float, height: float, slots: list[int], texts: list[str],
    left: np.ndarray, right: np.ndarray, box_top: np.ndarray, box_bottom: np.ndarray,
) -> PageChars:
    """``pdfium_page_chars`` glyph by glyph, for pages with turned glyphs (their origin is read
    one by one) or a matrix pdfium cannot give."""
    import pypdfium2.raw as raw

    m = raw.FS_MATRIX()
    m_p = ctypes.byref(m)
    get_matrix, get_size, get_origin = raw.FPDFText_GetMatrix, raw.FPDFText_GetFontSize, raw.FPDFText_GetCharOrigin
    ox, oy = ctypes.c_double(), ctypes.c_double()
    ox_p, oy_p = ctypes.byref(ox), ctypes.byref(oy)
    chars: list[Char] = []
    slanted: list[Char] = []
    size_key: tuple[float, float, float, float, float] | None = None
    size = top = bottom = 0.0
    extent_bottom = extent_top = math.nan  # the vertical extent the matrix below was read for
    upright = True
    for i, text, x0, x1, bt, bb in zip(slots, texts, left.tolist(), right.tolist(), box_top.tolist(), box_bottom.tolist()):
        if bb != extent_bottom or bt != extent_top:
            # A new vertical extent: another line, font or size.
            if not get_matrix(tp, i, m_p):
                continue
            extent_bottom, extent_top = bb, bt
            key = (m.a, m.b, m.c, m.d, bt - bb)
            if key != size_key:
                size_key = key
                size = get_size(tp, i) * math.hypot(m.c, m.d)
                size = size if size > 0 else 10.0
            upright = m.b == 0 and m.a > 0
            baseline = height - m.f
            top, bottom = baseline - ASCENT * size, baseline + DESCENT * size
        if upright:
            # The text object's baseline is every glyph's; the loose box starts at the origin.
            chars.append(Char(text, x0, x1 if x1 > x0 else x0, top, bottom))
        elif get_origin(tp, i, ox_p, oy_p):
            char = _char(text, ox.value, x1, height - oy.value, size)
            (chars if abs(math.atan2(m.b, m.a)) < ROTATED else slanted).append(char)
    return PageChars(number, width, height, tuple(keep_upright(implied_spaces(chars), slanted)))


def plumber_page_chars(page, number: int) -> PageChars:
    """All glyphs of a pdfplumber page; ``(cid:NNN)`` becomes REPLACEMENT."""
    chars: list[Char] = []
    slanted: list[Char] = []
    height = float(page.height)
    for c in page.chars:
        text = c["text"]
        if _CID_RE.match(text):
            text = REPLACEMENT
        if not text or (text.isspace() and text != " "):
            continue
        baseline = height - float(c["matrix"][5])  # the text matrix's translation is the glyph origin
        char = _char(text, float(c["x0"]), float(c["x1"]), baseline, float(c["size"]))
        a, b = float(c["matrix"][0]), float(c["matrix"][1])
        angle = math.atan2(b, a) % (2 * math.pi)
        (chars if min(angle, 2 * math.pi - angle) < ROTATED else slanted).append(char)
    return PageChars(number, float(page.width), height, tuple(keep_upright(implied_spaces(chars), slanted)))


# Spaces between Latin words are often not drawn: the words are just placed apart. A glyph's box
# ends where the font's width table says; some generators (LiveCareer's, from a browser) place the
# next glyph by their own metrics, so inside a word the gap after "f" is -0.18 em and after "e"
# -0.03 em, while a word gap is ~0.2 em more: row_text's fixed fifth of an em misses most of them.
MIN_GAP_SAMPLES = 30  # Latin glyph pairs on a page before their gaps are trusted
MIN_GLYPH_SAMPLES = 5
WORD_GAP = 0.13  # em beyond a glyph's usual gap to the next letter: a word gap (LiveCareer: ~0.21;
# tracking that differs between runs of one page moves a glyph's gaps by up to ~0.1 em)


def _within_word_gap(gaps: list[float], median: float) -> float:
    """One glyph's usual gap to the next letter of its word, from its sorted gaps on the page: the
    lowest cluster (gaps less than 0.08 em apart) holding a fair share of them. A glyph that ends
    nearly every word ("," or the "y" of "-ly") has only word gaps: the page's median stands in."""
    clusters: list[list[float]] = [[gaps[0]]]
    for g in gaps[1:]:
        if g - clusters[-1][-1] > 0.08:
            clusters.append([])
        clusters[-1].append(g)
    for cluster in clusters:
        if len(cluster) >= max(2, 0.15 * len(gaps)):
            usual = cluster[len(cluster) // 2]
            return usual if usual <= median + 0.08 else median
    return median


def implied_spaces(chars: list[Char]) -> list[Char]:
    """``chars`` with a space glyph put in where two Latin glyphs drawn one after the other on one
    baseline are further apart than the first one's usual gap to the next letter of its word.

    A glyph's usual gap comes from its gaps on the page (``_within_word_gap``; pairs less than
    0.6 em apart, kerned or overprinted pairs closer than -0.25 em left out)."""
    n = len(chars)
    if n < MIN_GAP_SAMPLES:
        return chars
    text_id, latin_text = _text_ids(list(map(_TEXT, chars)))
    x0 = np.fromiter(map(_X0, chars), dtype=float, count=n)
    x1 = np.fromiter(map(_X1, chars), dtype=float, count=n)
    base = np.fromiter(map(_BOTTOM, chars), dtype=float, count=n)
    size = np.fromiter(map(_SIZE, chars), dtype=float, count=n)
    return _implied_spaces(chars, text_id, latin_text, x0, x1, base, size)


def _implied_spaces(
    chars: list[Char], text_id: np.ndarray, latin_text: np.ndarray, x0: np.ndarray, x1: np.ndarray, base: np.ndarray,
    size: np.ndarray,
) -> list[Char]:
    """``implied_spaces`` over the glyphs' arrays (``_text_ids``, x0, x1, bottom, size), when the
    caller has them already."""
    n = len(chars)
    if n < MIN_GAP_SAMPLES:
        return chars
    latin = latin_text[text_id]
    em = np.minimum(size[:-1], size[1:])
    gap = (x0[1:] - x1[:-1]) / em
    pair = latin[:-1] & latin[1:] & (np.abs(base[1:] - base[:-1]) < 0.1 * em) & (x0[1:] > x0[:-1]) & (gap < 0.6)
    sample = pair & (gap > -0.25)
    if sample.sum() < MIN_GAP_SAMPLES:
        return chars
    median = float(np.median(gap[sample]))
    usual = np.full(len(latin_text), median)
    first, gaps = text_id[:-1][sample], gap[sample]
    order = np.lexsort((gaps, first))
    first, gaps = first[order], gaps[order]
    bounds = np.flatnonzero(np.diff(first)) + 1
    for lo, hi in zip(np.concatenate([[0], bounds]).tolist(), np.concatenate([bounds, [len(first)]]).tolist()):
        if hi - lo >= MIN_GLYPH_SAMPLES:
            usual[first[lo]] = _within_word_gap(gaps[lo:hi].tolist(), median)
    words = np.flatnonzero(pair & (gap - usual[text_id[:-1]] > WORD_GAP)).tolist()
    if not words:
        return chars
    out: list[Char] = []
    start = 0
    for i in words:
        a, b = chars[i], chars[i + 1]
        x = min(a.x1, b.x0)
        x = x if x > a.x0 else (a.x0 + b.x0) / 2  # between the two, so it sorts between them
        out.extend(chars[start : i + 1])
        out.append(Char(" ", x, x, a.top, a.bottom))
        start = i + 1
    out.extend(chars[start:])
    return out


# --- step 2: rows ---------------------------------------------------------------------------


def group_rows(chars: Iterable[Char]) -> list[Row]:
    """Chars sharing a baseline band, top to bottom, each row sorted left to right.

    A char joins the current row when its vertical centre is within 40% of the smaller
    height; mixed sizes on one line (a 20pt name beside 11pt text) still land together.
    """
    chars = list(chars)
    n = len(chars)
    if not n:
        return []
    cy = np.fromiter(map(_CY, chars), dtype=float, count=n)
    x0 = np.fromiter(map(_X0, chars), dtype=float, count=n)
    size = np.fromiter(map(_SIZE, chars), dtype=float, count=n)
    order = np.lexsort((x0, cy))  # by centre, then left to right (stable, as sorted() was)
    row_of: list[int] = []
    row = -1
    row_cy = row_h = 0.0
    for y, h in zip(cy[order].tolist(), size[order].tolist()):
        if row < 0 or abs(y - row_cy) > 0.4 * min(h, row_h):
            row += 1
            row_cy, row_h = y, h
        row_of.append(row)
    row_ids = np.array(row_of)
    in_rows = order[np.lexsort((x0[order], row_ids))]  # each row left to right, ties as before
    starts = np.searchsorted(row_ids, np.arange(row + 1))  # row ids rise along ``order``
    ends = [*starts[1:].tolist(), n]
    picked = in_rows.tolist()
    suspects = _overprint_rows(chars, in_rows, row_ids, x0, cy, size)
    return [
        (drop_overprints if r in suspects else list)([chars[i] for i in picked[a:b]])
        for r, (a, b) in enumerate(zip(starts.tolist(), ends))
    ]


def _overprint_rows(
    chars: Sequence[Char], in_rows: np.ndarray, row_ids: np.ndarray, x0: np.ndarray, cy: np.ndarray, size: np.ndarray
) -> set[int]:
    """Rows where a glyph lies on one of the three glyphs before it with the same text: the only
    rows ``drop_overprints`` can change (it compares with up to three glyphs kept before)."""
    text_id = _text_ids(list(map(_TEXT, chars)))[0][in_rows]
    x0, cy, size = x0[in_rows], cy[in_rows], size[in_rows]
    x1 = np.fromiter(map(_X1, chars), dtype=float, count=len(chars))[in_rows]
    near = np.minimum(0.3 * size, 0.5 * (x1 - x0))
    rows_sorted = np.sort(row_ids)
    found: set[int] = set()
    for k in (1, 2, 3):
        hit = (
            (text_id[k:] == text_id[:-k])
            & (rows_sorted[k:] == rows_sorted[:-k])
            & (np.abs(x0[k:] - x0[:-k]) < near[k:])
            & (np.abs(cy[k:] - cy[:-k]) < 0.3 * size[k:])
        )
        found.update(rows_sorted[k:][hit].tolist())
    return found


def drop_overprints(row: Row) -> Row:
    """Drop a glyph drawn again on top of itself, slightly shifted: the "fake bold" many
    Chinese PDF generators use for headings, which would read 工工作作经经历历."""
    out: Row = []
    for c in row:
        text = c.text
        if any(p.text == text for p in out[-3:]):  # cheap test first: most glyphs differ from their neighbours
            # Closer than half the glyph's own width: "ll" in "Skills" is a full advance apart.
            near = min(0.3 * c.size, 0.5 * (c.x1 - c.x0))
            if any(p.text == text and abs(p.x0 - c.x0) < near and abs(p.cy - c.cy) < 0.3 * c.size for p in out[-3:]):
                continue
        out.append(c)
    return out


# --- step 3: columns ------------------------------------------------------------------------

GUTTER_HALF = 4  # points: a column gutter is at least 8pt wide and free of any glyph
MIN_BAND_ROWS = 6
MIN_SIDE_ROWS = 3


@dataclass(frozen=True, slots=True)
class ColumnBand:
    """Rows ``start..end`` (inclusive) are laid out in two columns split at ``gutter``."""

    start: int
    end: int
    gutter: float


def find_column_band(rows: Sequence[Row], hint: float | None = None) -> ColumnBand | None:
    """Find a vertical gutter free of glyphs over a tall run of rows, with text on both sides.

    Rows above/below the run (a full-width name banner, a footer) stay outside the band.
    ``hint`` is the previous page's gutter: a continuation page with only a few lines per
    column is accepted at that x with lower minimums, if the band holds most of its rows.
    A run where most rows have text on both sides at the same baseline is a table, not two
    columns, and is left alone so a label stays with its value.
    """
    min_rows, min_side = (2, 1) if hint is not None else (MIN_BAND_ROWS, MIN_SIDE_ROWS)
    if len(rows) < min_rows:
        return None
    n = len(rows)
    # Every glyph once, as flat arrays with its row number: the coverage is built in numpy.
    counts = np.fromiter(map(len, rows), dtype=np.int64, count=n)
    total = int(counts.sum())
    row_of = np.repeat(np.arange(n), counts)
    glyphs = list(itertools.chain.from_iterable(rows))
    x0 = np.fromiter(map(_X0, glyphs), dtype=float, count=total)
    x1 = np.fromiter(map(_X1, glyphs), dtype=float, count=total)
    ink = np.fromiter(map(" ".__ne__, map(_TEXT, glyphs)), dtype=bool, count=total)
    xmin, xmax = float(x0.min()), float(x1.max())
    width = int(xmax - xmin) + 1
    # Wider than a PDF page may be (14,400 units): glyphs a damaged matrix threw millions of points
    # away, where the rows × width coverage below would take gigabytes. No columns to find there.
    if width < 100 or width > MAX_PAGE_UNITS:
        return None
    # Shrink each box a little: neighbouring glyph boxes touch, gutters never do. Spaces are left
    # out: a trailing space may reach into the gutter.
    a = (x0 - xmin + 0.5).astype(int) + GUTTER_HALF
    b = (x1 - xmin - 0.5).astype(int) + GUTTER_HALF + 1
    keep = ink & (b > a)
    edges = np.zeros((n, width + 2 * GUTTER_HALF + 3), dtype=np.int32)
    np.add.at(edges, (row_of[keep], a[keep]), 1)
    np.add.at(edges, (row_of[keep], b[keep]), -1)
    cov = (edges.cumsum(axis=1)[:, :-1] > 0).astype(np.int32)
    row_start = np.concatenate([[0], np.cumsum(counts)[:-1]])
    first = x0[row_start] - xmin
    last = np.maximum.reduceat(x1, row_start) - xmin
    cs = np.concatenate([np.zeros((n, 1), dtype=np.int32), cov.cumsum(axis=1)], axis=1)
    if hint is not None:
        xs = np.array([int(hint - xmin)]) if 0.1 * width < hint - xmin < 0.9 * width else np.array([], dtype=int)
    else:
        xs = np.arange(int(0.12 * width), int(0.88 * width), 2)
    if not len(xs):
        return None
    occupied = (cs[:, xs + 2 * GUTTER_HALF + 1] - cs[:, xs]) > 0  # rows × candidate gutters
    left = first[:, None] < xs[None, :] - GUTTER_HALF
    right = last[:, None] > xs[None, :] + GUTTER_HALF
    free = ~occupied
    # Length of the run of free rows ending at each row, per candidate x.
    run = np.zeros_like(occupied, dtype=np.int32)
    run[0] = free[0]
    for r in range(1, n):
        run[r] = (run[r - 1] + 1) * free[r]
    best: tuple[float, int, int, int] | None = None  # (extent, x index, start, end)
    tops = np.minimum.reduceat(np.fromiter(map(_TOP, glyphs), dtype=float, count=total), row_start)
    bottoms = np.maximum.reduceat(np.fromiter(map(_BOTTOM, glyphs), dtype=float, count=total), row_start)
    page_extent = bottoms.max() - tops.min()
    ends = run.argmax(axis=0)
    lengths = run.max(axis=0)
    split = _BandSplits(rows, (x0 + x1) / 2, row_start, counts)
    for j in np.flatnonzero(lengths >= min_rows).tolist():  # only x's free over enough rows
        end = int(ends[j])
        length = int(lengths[j])
        start = end - length + 1
        lj, rj = left[start : end + 1, j], right[start : end + 1, j]
        # Start the band where both columns have begun: one-sided rows above it (a centred
        # name banner, a running header) read fine top-down. Rows after one column ends stay
        # in the band: the longer column simply continues.
        if not lj.any() or not rj.any():
            continue
        both_started = max(int(np.argmax(lj)), int(np.argmax(rj)))
        if length - both_started < min_rows:
            continue
        s, e = start + both_started, end
        lj, rj = left[s : e + 1, j], right[s : e + 1, j]
        n_left, n_right, n_both = int(lj.sum()), int(rj.sum()), int((lj & rj).sum())
        if n_left < min_side or n_right < min_side:
            continue
        extent = bottoms[e] - tops[s]
        if hint is None and extent < 0.15 * page_extent:
            continue
        if hint is not None and e - s + 1 < 0.5 * n:
            continue  # with the relaxed minimums, only a band holding most of the page counts
        if best is not None and extent <= best[0] + 1:
            continue  # cannot win: the costly tests below need not run
        if hint is None and n_both >= 0.7 * min(n_left, n_right) and split.wrapped(s, e, xmin + xs[j]) < 2:
            continue  # aligned rows on both sides: a table (unless sentences wrap inside each side)
        if hint is None and split.dated(s, e, xmin + xs[j]):
            continue  # a timeline: each entry's dates in a cell of their own, left of the entry
        best = (extent, j, s, e)
    if best is None:
        return None
    _, j, s, e = best
    # Centre the gutter in the stretch of candidate x's that are free over the whole band.
    lo = hi = j
    while lo > 0 and not occupied[s : e + 1, lo - 1].any():
        lo -= 1
    while hi + 1 < len(xs) and not occupied[s : e + 1, hi + 1].any():
        hi += 1
    return ColumnBand(s, e, float(xmin + (xs[lo] + xs[hi]) / 2))


class _BandSplits:
    """``wrapped_in_columns`` and ``dates_beside_entries`` of rows ``s..e`` split at a gutter, each
    worked out once per distinct split: the candidate gutters of one free stretch, a few points
    apart, put every glyph on the same side, and each test reads every glyph of the band."""

    def __init__(self, rows: Sequence[Row], centres: np.ndarray, row_start: np.ndarray, counts: np.ndarray) -> None:
        self.rows, self.centres, self.row_start, self.counts = rows, centres, row_start, counts
        self.sorted: dict[tuple[int, int], np.ndarray] = {}
        self.wrapped_memo: dict[tuple[int, int, int], int] = {}
        self.dated_memo: dict[tuple[int, int, int], bool] = {}

    def _key(self, s: int, e: int, gutter: float) -> tuple[int, int, int]:
        """The split, as how many of the band's glyph centres lie left of ``gutter``."""
        if (s, e) not in self.sorted:
            self.sorted[(s, e)] = np.sort(self.centres[self.row_start[s] : self.row_start[e] + self.counts[e]])
        return s, e, int(np.searchsorted(self.sorted[(s, e)], gutter, side="left"))

    def wrapped(self, s: int, e: int, gutter: float) -> int:
        key = self._key(s, e, gutter)
        if key not in self.wrapped_memo:
            self.wrapped_memo[key] = wrapped_in_columns(self.rows[s : e + 1], gutter)
        return self.wrapped_memo[key]

    def dated(self, s: int, e: int, gutter: float) -> bool:
        key = self._key(s, e, gutter)
        if key not in self.dated_memo:
            self.dated_memo[key] = dates_beside_entries(self.rows[s : e + 1], gutter)
        return self.dated_memo[key]


def wrapped_in_columns(rows: Sequence[Row], gutter: float) -> int:
    """How often a line on either side of ``gutter`` reaches that side's right edge and wraps a
    Chinese sentence onto the next row. Two columns set on the same line pitch look like a table
    row by row; a table's cells do not run on into the next row like this."""
    count = 0
    for side in (lambda c: (c.x0 + c.x1) / 2 < gutter, lambda c: (c.x0 + c.x1) / 2 >= gutter):
        parts = [[c for c in _strip_spaces(row) if side(c)] for row in rows]
        edge = max((p[-1].x1 for p in parts if p), default=0.0)
        for a, b in itertools.pairwise(parts):
            if not a or not b or a[-1].x1 < edge - 1.5 * a[-1].size:
                continue
            ta, tb = row_text(a), row_text(b)
            # A sentence is one run of text ("  " marks a cell gap) and fills the column.
            if len(ta) >= 12 and "  " not in ta + tb and wrap_separator(ta, tb) == "":
                count += 1
    return count


def dates_beside_entries(rows: Sequence[Row], gutter: float) -> bool:
    """A résumé's timeline table: on most rows with text on both sides, the left side is only a date
    range ("2018.03 - 至今") and the right side the entry it dates. Headings above the entries and
    duty lines under them have one side only, so they do not make it a table by alignment; a
    sidebar beside a main column holds no bare date ranges."""
    both = bare_dates = 0
    for row in rows:
        left = [c for c in row if (c.x0 + c.x1) / 2 < gutter and c.text != " "]
        right = [c for c in row if (c.x0 + c.x1) / 2 >= gutter and c.text != " "]
        if not (left and right):
            continue
        both += 1
        text = row_text(left)
        dates = find_date_ranges(text)
        if dates and len(re.sub(r"\s", "", text.replace(dates[0].text, ""))) <= 2:
            bare_dates += 1
    return bare_dates >= 2 and bare_dates >= 0.5 * both


def find_bands(
    rows: Sequence[Row], hint: float | None = None, depth: int = 0
) -> list[tuple[Sequence[Row], ColumnBand | None]]:
    """Split a page's rows into runs, each either full-width (band None) or two-column."""
    if not rows:
        return []
    band = find_column_band(rows, hint) if depth < 3 else None
    if band is None and hint is not None:
        band = find_column_band(rows)
    if band is None:
        return [(rows, None)]
    return (
        find_bands(rows[: band.start], hint, depth + 1)
        + [(rows[band.start : band.end + 1], band)]
        + find_bands(rows[band.end + 1 :], hint, depth + 1)
    )


def reading_blocks(bands: Sequence[tuple[Sequence[Row], ColumnBand | None]]) -> list[list[Char]]:
    """Chars grouped in reading order: full-width runs as they are, a column band left then right."""
    blocks: list[list[Char]] = []
    for rows, band in bands:
        chars = [c for row in rows for c in row]
        if band is None:
            blocks.append(chars)
            continue
        blocks.append([c for c in chars if (c.x0 + c.x1) / 2 < band.gutter])
        blocks.append([c for c in chars if (c.x0 + c.x1) / 2 >= band.gutter])
    return blocks


# --- step 4: lines --------------------------------------------------------------------------


def row_text(row: Row) -> str:
    """Glue a row's glyphs, putting spaces back from the gaps between them.

    Between two Chinese glyphs only a wide gap (a field separator) becomes a space, so
    letter-spaced headings stay one word; between Latin glyphs a fifth of an em is a space.
    """
    parts: list[str] = []
    prev: Char | None = None
    space_glyph = False
    left_cjk = False
    cjk = _CJK_RE.match  # _is_cjk inlined: this runs for every glyph of every line
    for c in row:
        text = c.text
        if text == " ":
            space_glyph = prev is not None  # a real space glyph in the file counts, even between Chinese words
            continue
        if prev is not None:
            gap = c.x0 - prev.x1
            em = prev.size if prev.size < c.size else c.size
            right_cjk = text >= "\u3000" and cjk(text) is not None
            if left_cjk and right_cjk:
                wide, word = 2.0, 0.8
            elif left_cjk or right_cjk:
                wide, word = 1.2, 0.3  # Word/LibreOffice pad Chinese–Latin seams by ~1/4 em: not a space
            else:
                wide, word = 1.2, 0.2
            if gap > wide * em:
                parts.append("  ")  # a column gap inside a row: keep the fields apart
            elif space_glyph or gap > word * em:
                parts.append(" ")
        parts.append(text)
        prev = c
        last = text[-1]
        left_cjk = last >= "\u3000" and cjk(last) is not None
        space_glyph = False
    return "".join(parts)


def row_fields(row: Row) -> list[Row]:
    """A row cut where its glyphs are more than 1.2 em apart: the cells of a table row (Word pads
    a cell's text by about an em on each side), the fields of a header line."""
    fields: list[Row] = []
    prev: Char | None = None
    for c in row:
        if c.text != " ":
            if prev is None or c.x0 - prev.x1 > 1.2 * (prev.size if prev.size < c.size else c.size):
                fields.append([])
            prev = c
        if fields:
            fields[-1].append(c)
    return [_strip_spaces(f) for f in fields]


def _first_word_width(field: Row) -> float:
    """Width of what a wrap could not fit on the line above: a Latin word, else one character."""
    text = "".join(c.text for c in field)
    m = re.match(r"[A-Za-z0-9@._\-]+", text)
    n = len(m.group(0)) if m else 1
    return field[min(n, len(field)) - 1].x1 - field[0].x0


def _cell_wraps(above: list[Row], below: list[Row], right_edge: float) -> list[int] | None:
    """For a line that continues table cells of the line above (the text of cells too narrow for it,
    wrapped: "示例农村信用合作" / "联社"), the column of each of its fields; None for any other line.

    The line follows at the leading of wrapped text (a new table row starts a cell's padding lower),
    leaves the first column empty, and each of its fields starts where a cell of the row above
    starts, stays inside that cell, and begins with what did not fit beside the cell's first line.
    """
    if len(above) < 2 or not below:
        return None
    em = statistics.median(c.size for f in above for c in f)
    if not 0 <= min(c.top for f in below for c in f) - max(c.bottom for f in above for c in f) < 0.6 * em:
        return None
    starts = [f[0].x0 for f in above]
    columns: list[int] = []
    for field in below:
        column = next((j for j, x in enumerate(starts) if abs(x - field[0].x0) <= 0.3 * em), None)
        if not column or (columns and column <= columns[-1]):
            return None
        right = starts[column + 1] if column + 1 < len(starts) else right_edge + 1.5 * em
        if max(c.x1 for c in field) > right or above[column][-1].x1 + _first_word_width(field) <= right - 1.5 * em:
            return None
        columns.append(column)
    return columns


def join_wrapped_cells(rows: Sequence[Row]) -> list[list[Row]]:
    """Each row as its fields, with the lines that continue a table row's cells put back into them."""
    right_edge = max((c.x1 for row in rows for c in row), default=0.0)
    out: list[list[Row]] = []
    last_line: list[Row] = []  # the physical line before, for the geometry of the next wrap
    for row in rows:
        fields = row_fields(row)
        columns = _cell_wraps(last_line, fields, right_edge) if out else None
        if columns is not None:
            continued = dict(zip(columns, fields))
            for column, field in continued.items():
                out[-1][column] = out[-1][column] + field
            # A third line of the same cells lines up under this one: the next wrap is measured from it.
            last_line = [continued.get(j, field) for j, field in enumerate(last_line)]
            continue
        out.append(fields)
        last_line = fields
    return out


def block_lines(chars: Sequence[Char], block: int, rows: Sequence[Row] | None = None) -> list[Line]:
    """The lines of one reading block; ``rows``, when given, are its chars already grouped."""
    lines: list[Line] = []
    rows = [row for row in (_strip_spaces(r) for r in (group_rows(chars) if rows is None else rows)) if row]
    for fields in join_wrapped_cells(rows):
        glyphs = [c for f in fields for c in f]
        xs = [c.x0 for c in glyphs]
        # Glyphs in reading order are the row as it was unless wrapped cells were put back.
        in_order = all(map(operator.le, xs, itertools.islice(xs, 1, None)))
        lines.append(
            Line(
                text=row_text(glyphs) if in_order else "  ".join(row_text(f) for f in fields),
                x0=xs[0],
                x1=max([c.x1 for c in glyphs]),
                top=min([c.top for c in glyphs]),
                bottom=max([c.bottom for c in glyphs]),
                size=statistics.median([c.size for c in glyphs]),
                block=block,
            )
        )
    return lines


def _strip_spaces(row: Row) -> Row:
    start, end = 0, len(row)
    while start < end and row[start].text == " ":
        start += 1
    while end > start and row[end - 1].text == " ":
        end -= 1
    return row[start:end]


def page_lines(page: PageChars, gutter_hint: float | None = None) -> tuple[list[Line], float | None]:
    """The page's lines in reading order, and its column gutter (a hint for the next page)."""
    bands = find_bands(group_rows(page.chars), gutter_hint)
    lines: list[Line] = []
    i = 0
    for rows, band in bands:
        if band is None:  # a full-width run: its rows are already grouped
            lines.extend(block_lines((), i, rows))
            i += 1
            continue
        for block in reading_blocks([(rows, band)]):
            lines.extend(block_lines(block, i))
            i += 1
    gutters = [band.gutter for _, band in bands if band is not None]
    return lines, (gutters[-1] if gutters else None)


# --- step 5: wrapped lines ------------------------------------------------------------------


_UNCLOSED_END = re.compile(r"[（(][^（()）]{0,12}$")
_CLOSES_SOON = re.compile(r"[^（()）\n]{0,12}[)）]")


def join_wrapped(lines: Sequence[Line]) -> list[Line]:
    """Join a line to the previous one when the layout wrapped a Chinese sentence.

    Geometry says "wrapped" (the previous line runs to its block's right edge, the next one
    follows directly below at the same size); ``normalize.wrap_separator`` says the text allows it.
    """
    right_edge: dict[int, float] = {}
    for ln in lines:
        right_edge[ln.block] = max(right_edge.get(ln.block, 0.0), ln.x1)
    out: list[Line] = []
    for ln in lines:
        if out:
            prev = out[-1]
            reaches_edge = prev.x1 >= right_edge[prev.block] - 1.5 * prev.size
            follows = prev.block == ln.block and 0 <= ln.top - prev.bottom < 1.2 * prev.size
            same_size = abs(ln.size - prev.size) < 0.15 * prev.size
            # Geometry already vouches for the wrap, so a short tail ("检查报告") may join; but a
            # section heading (工作经历 under a form's last row) starts something new.
            # A line that closes, within a few characters, the bracket the line above left open
            # ("…专业（大" / "专）。…") is its tail even when a word processor broke the line early.
            tail = _UNCLOSED_END.search(prev.text) is not None and _CLOSES_SOON.match(ln.text) is not None
            wraps = (reaches_edge or tail) and follows and same_size and heading_section(ln.text) is None
            sep = wrap_separator(prev.text, ln.text) if wraps else None
            if sep is not None:
                out[-1] = Line(prev.text + sep + ln.text, prev.x0, ln.x1, prev.top, ln.bottom, prev.size, prev.block)
                continue
        out.append(ln)
    return out


# --- step 6: running headers, footers, page numbers -----------------------------------------

_PAGE_NUMBER_RE = re.compile(
    r"^(第\s*\d+\s*页\s*([/／,，]?\s*共\s*\d+\s*页)?|\d+\s*[/／]\s*\d+|[-–—]?\s*\d{1,3}\s*[-–—]?|page\s*\d+(\s*(of|/)\s*\d+)?)$",
    re.I,
)
MARGIN = 0.08  # share of the page height at top and bottom where running lines live


def drop_running_lines(pages: Sequence[tuple[PageChars, list[Line]]]) -> list[list[Line]]:
    """Drop page numbers, and repeat copies of header/footer lines (the first copy is kept:
    a running header often carries the candidate's name)."""

    def in_margin(page: PageChars, ln: Line) -> bool:
        return ln.bottom < MARGIN * page.height or ln.top > (1 - MARGIN) * page.height

    def key(ln: Line) -> str:
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", ln.text))

    counts = Counter(key(ln) for page, lines in pages for ln in lines if in_margin(page, ln))
    seen: set[str] = set()
    out: list[list[Line]] = []
    for page, lines in pages:
        kept: list[Line] = []
        for ln in lines:
            if in_margin(page, ln):
                if _PAGE_NUMBER_RE.match(ln.text.strip()):
                    continue
                k = key(ln)
                if len(pages) > 1 and counts[k] > 1 and k in seen:
                    continue
                seen.add(k)
            kept.append(ln)
        out.append(kept)
    return out


# --- the document ---------------------------------------------------------------------------


def pdf_date(value: str | None) -> str | None:
    """``D:20240315093000+08'00'`` → ``2024-03-15``."""
    m = re.match(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?", (value or "").strip())
    if not m:
        return None
    year, month, day = m.group(1), m.group(2) or "01", m.group(3) or "01"
    if not ("1990" <= year <= "2100" and "01" <= month <= "12" and "01" <= day <= "31"):
        return None
    return f"{year}-{month}-{day}"


# PDFium is not thread-safe: calls from two threads at once can crash the process.
_PDFIUM_LOCK = threading.Lock()


def pdfium_pages(data: bytes, max_pages: int = MAX_PAGES) -> tuple[list[PageChars], str | None, int]:
    """The first ``max_pages`` pages, the creation date, and how many pages the file has."""
    with _PDFIUM_LOCK:
        return _pdfium_pages(data, max_pages)


def _pdfium_pages(data: bytes, max_pages: int) -> tuple[list[PageChars], str | None, int]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ReadFailure("encrypted", "PDF is password-protected") from exc
        detail = re.sub(r"^.*\(PDFium: (.*?)\)\.?$", r"\1", str(exc)).lower()
        raise ReadFailure("corrupt_pdf", f"PDF is damaged or truncated (pdfium: {detail})") from exc
    try:
        try:
            created = pdf_date(pdf.get_metadata_dict().get("CreationDate"))
        except ValueError:  # undecodable metadata (found by scripts/fuzz_readers.py): the date is only a hint
            created = None
        pages: list[PageChars] = []
        for i in range(min(len(pdf), max_pages)):
            page = pdf[i]
            width, height = page.get_size()
            textpage = page.get_textpage()
            pages.append(pdfium_page_chars(textpage, i + 1, width, height))
            textpage.close()
            page.close()
        return pages, created, len(pdf)
    except pdfium.PdfiumError as exc:
        raise ReadFailure("corrupt_pdf", f"PDF is damaged (pdfium: {str(exc).rstrip('.').lower()})") from exc
    finally:
        pdf.close()


def plumber_pages(data: bytes, max_pages: int = MAX_PAGES) -> tuple[list[PageChars], str | None, int]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            created = pdf_date(str(pdf.metadata.get("CreationDate", "")))
            pages = pdf.pages
            return [plumber_page_chars(p, i + 1) for i, p in enumerate(pages[:max_pages])], created, len(pages)
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        # pdfplumber wraps pdfminer's exception as the first argument of PdfminerException.
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, PDFPasswordIncorrect) or "password" in repr(exc).lower():
            raise ReadFailure("encrypted", "PDF is password-protected") from exc
        raise ReadFailure(
            "corrupt_pdf", f"PDF is damaged or truncated (pdfminer: {type(cause).__name__} {cause})"
        ) from exc


def text_char_count(page: PageChars) -> int:
    texts = list(map(_TEXT, page.chars))
    return sum(map(len, texts)) - texts.count(" ")  # an OCR box holds a run of text


def _unmapped(pages: Sequence[PageChars]) -> int:
    return sum(list(map(_TEXT, p.chars)).count(REPLACEMENT) for p in pages)


def _unmapped_text(pages: Sequence[PageChars]) -> int:
    """Unmapped glyphs drawn next to another unmapped glyph: text in a font without a Unicode map,
    which pdfminer may still decode. A lone one between mapped glyphs is a bullet or a symbol
    (pdfminer reports it as a cid glyph too), not worth the ~100x slower careful path."""
    count = 0
    for p in pages:
        if REPLACEMENT not in map(_TEXT, p.chars):  # most pages: a scan from C
            continue
        for a, b in itertools.pairwise(c.text for c in p.chars if c.text != " "):
            if a == REPLACEMENT and b == REPLACEMENT:
                count += 1
    return count


def pages_text(pages: Sequence[PageChars]) -> str:
    """The layout steps over all pages: lines per page, wrapped lines joined, running lines dropped."""
    per_page: list[tuple[PageChars, list[Line]]] = []
    hint: float | None = None
    for p in pages:
        lines, hint = page_lines(p, hint)
        per_page.append((p, join_wrapped(lines)))
    kept = drop_running_lines(per_page)
    return "\n".join(ln.text for lines in kept for ln in lines)


def render_pages(data: bytes, numbers: Sequence[int], dpi: int = OCR_DPI) -> dict[int, tuple[np.ndarray, float]]:
    """Pages ``numbers`` (1-based) as BGR images for OCR, each with its points-per-pixel scale."""
    import pypdfium2 as pdfium

    out: dict[int, tuple[np.ndarray, float]] = {}
    with _PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            return out  # pdfminer recovered the text layer of a file pdfium refuses: nothing to render
        try:
            for number in numbers:
                page = pdf[number - 1]
                width, height = page.get_size()
                scale = min(dpi / 72, OCR_MAX_SIDE_PX / max(width, height, 1.0))
                bitmap = page.render(scale=scale)  # BGR, the byte order OpenCV and the OCR models use
                image = np.array(bitmap.to_numpy()[:, :, :3])  # a copy: the bitmap's buffer is freed below
                bitmap.close()
                page.close()
                out[number] = (image, 1 / scale)
        except pdfium.PdfiumError:
            pass  # a page that cannot be rendered stays without text; the verdict says so
        finally:
            pdf.close()
    return out


def ocr_blank_pages(data: bytes, pages: list[PageChars], ocr: PageOcr) -> tuple[list[PageChars], list[int], str]:
    """OCR the pages without a text layer (and only those); returns the pages, the numbers of the
    pages read by OCR, and why the others were not ("" when all were)."""
    blank = [p.number for p in pages if text_char_count(p) < MIN_PAGE_CHARS]
    images = render_pages(data, blank[:MAX_OCR_PAGES])
    done: list[int] = []
    problem = ""
    out: list[PageChars] = []
    for p in pages:
        if p.number in images and not problem:
            image, scale = images[p.number]
            try:
                # An empty page (the blank last page of many résumés) has nothing to recognise;
                # OCR would spend a second or two to find that out.
                read = p if int(image.min()) >= BLANK_PIXEL else ocr(image, p.number, scale)
            except ReadFailure as exc:  # the engine failed: the page keeps its verdict, the reason says why
                problem = exc.reason
                read = p
            if text_char_count(read) >= MIN_PAGE_CHARS:
                # Keep the page's own size: the rendered one differs by rounding.
                p = PageChars(p.number, p.width, p.height, read.chars)
                done.append(p.number)
        out.append(p)
    if len(done) < len(blank) and not problem:
        if len(blank) > MAX_OCR_PAGES and len(done) == len(images):
            problem = f"not read by OCR (only the first {MAX_OCR_PAGES} such pages are)"
        else:
            problem = "OCR found no text"
    return out, done, problem


# A page with a text layer can still carry its résumé as a picture: a job site's typed header
# above a pasted scan. Pictures are looked for only on pages with little text, and read when
# they are big and no text lies over them (a template's background picture has text on top;
# an ID photo or a logo is small).
SPARSE_PAGE_CHARS = 200
MIN_PICTURE_SHARE = 0.15  # of the page area


@dataclass(frozen=True, slots=True)
class Region:
    """A rectangle of a page in top-down points."""

    number: int
    x0: float
    top: float
    x1: float
    bottom: float


def _chars_inside(page: PageChars, r: Region) -> int:
    return sum(
        len(c.text)
        for c in page.chars
        if c.text != " " and r.x0 <= (c.x0 + c.x1) / 2 <= r.x1 and r.top <= c.cy <= r.bottom
    )


def picture_regions(data: bytes, pages: Sequence[PageChars]) -> list[Region]:
    """Big pictures without text over them, on pages that have a little text (blank pages are
    OCR'd whole by ``ocr_blank_pages``)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    sparse = [p for p in pages if MIN_PAGE_CHARS <= text_char_count(p) < SPARSE_PAGE_CHARS]
    if not sparse:
        return []
    regions: list[Region] = []
    with _PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            return []
        try:
            for p in sparse:
                page = pdf[p.number - 1]
                for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
                    left, bottom, right, top = obj.get_bounds()
                    r = Region(
                        p.number,
                        max(left, 0.0),
                        max(p.height - top, 0.0),
                        min(right, p.width),
                        min(p.height - bottom, p.height),
                    )
                    area = (r.x1 - r.x0) * (r.bottom - r.top)
                    if area >= MIN_PICTURE_SHARE * p.width * p.height and _chars_inside(p, r) < MIN_PAGE_CHARS:
                        regions.append(r)
                page.close()
        except pdfium.PdfiumError:
            pass
        finally:
            pdf.close()
    return regions


def render_region(data: bytes, r: Region, dpi: int = OCR_DPI) -> tuple[np.ndarray, float] | None:
    """One region of a page as a BGR image, with its points-per-pixel scale."""
    import pypdfium2 as pdfium

    with _PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            return None
        try:
            page = pdf[r.number - 1]
            width, height = page.get_size()
            scale = min(dpi / 72, OCR_MAX_SIDE_PX / max(r.x1 - r.x0, r.bottom - r.top, 1.0))
            # crop: how much to cut from the left, bottom, right and top edges, in points.
            bitmap = page.render(scale=scale, crop=(r.x0, height - r.bottom, width - r.x1, r.top))
            image = np.array(bitmap.to_numpy()[:, :, :3])
            bitmap.close()
            page.close()
            return image, 1 / scale
        except pdfium.PdfiumError:
            return None
        finally:
            pdf.close()


def ocr_picture_regions(data: bytes, pages: list[PageChars], ocr: PageOcr) -> tuple[list[PageChars], list[int]]:
    """Add the text OCR finds in ``picture_regions`` to their pages; returns the pages and the
    numbers of the pages that gained text."""
    added: dict[int, list[Char]] = {}
    for r in picture_regions(data, pages)[:MAX_OCR_PAGES]:
        rendered = render_region(data, r)
        if rendered is None:
            continue
        image, scale = rendered
        try:
            read = ocr(image, r.number, scale)
        except ReadFailure:
            break  # the engine cannot run: the text layer stands as it is
        if text_char_count(read) >= MIN_PAGE_CHARS:
            shifted = [Char(c.text, c.x0 + r.x0, c.x1 + r.x0, c.top + r.top, c.bottom + r.top) for c in read.chars]
            added.setdefault(r.number, []).extend(shifted)
    if not added:
        return pages, []
    out = [PageChars(p.number, p.width, p.height, p.chars + tuple(added.get(p.number, ()))) for p in pages]
    return out, sorted(added)


def _page_list(numbers: Sequence[int]) -> str:
    return ("page " if len(numbers) == 1 else "pages ") + ", ".join(str(n) for n in numbers)


def read_pdf(
    data: bytes, engine: PdfEngine = "auto", ocr: PageOcr | None = None, no_ocr: str = "OCR not installed",
    max_pages: int = MAX_PAGES,
) -> RawText:
    """Text of a PDF in reading order. ``auto``: pdfium, and pdfplumber when pdfium cannot open
    the file or finds runs of glyphs without a Unicode mapping (text, not a lone bullet). Pages without a text layer go to ``ocr``
    when given; else ``no_ocr`` says why not (in the notes and the quality verdict). Only the first
    ``max_pages`` pages are read (a note says so): a 5,000-page PDF is not a résumé, but its first
    pages may be one with its certificates appended."""
    with _collector_paused():
        return _read_pdf(data, engine, ocr, no_ocr, max_pages)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while one PDF is read: its thousands of glyphs would
    set it off again and again (~12 % of a LiveCareer résumé's read, more beside a big heap such as
    spaCy's), yet they hold no cycles, so reference counting frees them all the same."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _read_pdf(data: bytes, engine: PdfEngine, ocr: PageOcr | None, no_ocr: str, max_pages: int) -> RawText:
    notes: list[str] = []
    if engine == "pdfplumber":
        pages, created, total = plumber_pages(data, max_pages)
    else:
        try:
            pages, created, total = pdfium_pages(data, max_pages)
        except ReadFailure as exc:
            if engine != "auto" or exc.code != "corrupt_pdf":
                raise
            try:
                pages, created, total = plumber_pages(data, max_pages)  # pdfminer sometimes recovers what pdfium refuses
            except ReadFailure:
                raise exc from None
            notes.append("PDF is damaged; read with the lenient parser")
        if engine == "auto" and _unmapped_text(pages):
            # pdfminer decodes some fonts pdfium cannot (and names the rest as cid glyphs).
            try:
                careful, careful_created, _ = plumber_pages(data, max_pages)
            except ReadFailure:
                careful = []
            found = sum(text_char_count(p) for p in pages)
            if (
                careful
                and _unmapped(careful) <= _unmapped(pages)
                and sum(text_char_count(p) for p in careful) >= 0.9 * found
            ):
                pages, created = careful, careful_created or created
    if not pages:
        raise ReadFailure("corrupt_pdf", "PDF has no pages")
    if total > len(pages):
        notes.append(f"only the first {len(pages)} of {total:,} pages were read (max_pages={max_pages})")
    scanned_reason = f"no text layer (scanned?), {no_ocr}"
    done: list[int] = []
    if ocr is not None and any(text_char_count(p) < MIN_PAGE_CHARS for p in pages):
        pages, done, problem = ocr_blank_pages(data, pages, ocr)
        if done:
            notes.append(f"{_page_list(done)} read by OCR")
        if problem:
            scanned_reason = f"no text layer (scanned?), {problem}"
    if ocr is not None:
        pages, pictures = ocr_picture_regions(data, pages, ocr)
        if pictures:
            notes.append(f"picture on {_page_list(pictures)} read by OCR")
            done = sorted(set(done) | set(pictures))
    blank = [p.number for p in pages if text_char_count(p) < MIN_PAGE_CHARS]
    if blank and len(blank) < len(pages):
        notes.append(f"{_page_list(blank)} {'has' if len(blank) == 1 else 'have'} {scanned_reason}")
    return RawText(
        text=repair_mojibake(pages_text(pages)),
        pages=len(pages),
        created=created,
        notes=notes,
        pages_without_text=len(blank),
        scanned_reason=scanned_reason,
        ocr_pages=len(done),
        wrapped_lines_joined=True,
    )
