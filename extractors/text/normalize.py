"""Text clean-up shared by every reader: one small step per function, composed by ``normalize_text``."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from extractors.text.headings import heading_section
from screener.vocabulary import cn_number

# Han (incl. extension A and compatibility ideographs), kana, hangul: the characters between
# which a space is never meaningful in Chinese/Japanese text.
CJK_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af"
# Chinese punctuation that NFKC would turn into ASCII, which reads badly in Chinese: ！（），：；？
# and the CJK symbols block (、。《》【】…). Full-width ．－／＠％ are not protected: dates,
# e-mail addresses and percentages must become ASCII to be parsed.
CJK_PUNCT = "\u3000-\u303f\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f\u2014\u2018\u2019\u201c\u201d\u2026\u00b7"
_CJK = f"[{CJK_CHARS}]"

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
_ZERO_WIDTH_RE = re.compile(f"[{ZERO_WIDTH}]")
_NOT_PUNCT_RUN = re.compile(f"[^{CJK_PUNCT}]+")  # NFKC all but the protected full-width punctuation
_NEWLINES_RE = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_SPACES = "[ \t\u00a0\u3000\u2000-\u200a\u202f\u205f]"
# Single CJK characters separated by spaces: letter-spacing ("工 作 经 历", "姓    名"), not two words.
_SPACED_SINGLES_RE = re.compile(f"(?<!{_CJK}){_CJK}(?:{_SPACES}+{_CJK})+(?!{_CJK})")
_SPACE_RUN_RE = re.compile(f"{_SPACES}+")
_BLANK_RUN_RE = re.compile(r"\n{3,}")


def strip_zero_width(text: str) -> str:
    """Remove zero-width spaces/joiners, BOMs and soft hyphens (copy-paste and Word leave them)."""
    return _ZERO_WIDTH_RE.sub("", text)


def normalize_newlines(text: str) -> str:
    """CRLF, CR and the Unicode line/page separators all become ``\\n``."""
    return _NEWLINES_RE.sub("\n", text)


def nfkc_keep_cjk_punct(text: str) -> str:
    """NFKC (full-width letters/digits → ASCII, ⼯ Kangxi radicals → 工) but keep ，：（） etc. full-width."""
    return _NOT_PUNCT_RUN.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def join_spaced_cjk(line: str) -> str:
    """Undo letter-spacing inside Chinese words.

    ``工 作 经 历`` → ``工作经历`` and ``姓    名：`` → ``姓名：`` (PDFs and aligned Word labels
    produce these), but ``至今 某公司`` keeps its space: a space between two multi-character
    words is meaningful and cannot be told from a stray one by the text alone.
    """
    return _SPACED_SINGLES_RE.sub(lambda m: _SPACE_RUN_RE.sub("", m.group()), line)


def collapse_spaces(line: str) -> str:
    """Runs of spaces/tabs/ideographic spaces → one space; no leading/trailing space."""
    return _SPACE_RUN_RE.sub(" ", line).strip()


# --- joining lines that the layout wrapped -------------------------------------------------

_BULLET_RE = re.compile(r"^[•·●○◦■□◆◇▪▫▶►▸➢➤✓✔√☆★\-–—*+>]")
_NUMBERED_RE = re.compile(
    r"^(\d{1,2}|[一二三四五六七八九十]{1,3}|[a-zA-Z])\s*[、.．)）]|^[(（]\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[)）]|^[①-⑳]"
)
_DATE_START_RE = re.compile(
    r"^(19|20)\d{2}\s*([年./\-–—~至]|$|\s)|^\d{1,2}\s*/\s*(19|20)\d{2}"
    r"|^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(19|20)\d{2}",
    re.I,
)
_LABEL_RE = re.compile(r"^[^\s:：，。；,]{1,10}\s*[:：]")
_SENTENCE_END = "。！？!?；;…"
_JOINABLE_END_RE = re.compile(f"[{CJK_CHARS}，、,（(“‘《]$")
_JOINABLE_START_RE = re.compile(f"^[{CJK_CHARS}，、。；！？）)”’》]")


def is_heading_like(line: str) -> bool:
    """A short line that does not end a sentence: 工作经历, 技能, 教育背景：…"""
    s = line.strip()
    if not s:
        return False
    if s[-1] in _SENTENCE_END or s[-1] in "，,":
        return False
    return len(s.rstrip(":：")) <= 6


def starts_block(line: str) -> bool:
    """A line that begins something new: a bullet, ``1、``, a date, or ``label：``."""
    s = line.lstrip()
    return bool(_BULLET_RE.match(s) or _NUMBERED_RE.match(s) or _DATE_START_RE.match(s) or _LABEL_RE.match(s))


def can_join(prev: str, nxt: str, short_tail_ok: bool = False) -> bool:
    """Text-only rule: may ``nxt`` be the continuation of ``prev``, wrapped by the layout?

    Conservative: both sides must be Chinese at the seam, and nothing that starts a new item
    or looks like a heading is ever glued on. ``short_tail_ok`` lets a short ``nxt`` join
    when the caller knows from the layout that the line was wrapped.
    """
    p, n = prev.rstrip(), nxt.strip()
    if not p or not n:
        return False
    # The last character only: searching the whole of ``p`` for "[…]$" made joining a long run of
    # wrapped lines quadratic (``p`` grows with each line joined).
    if not _JOINABLE_END_RE.search(p[-1]) or not _JOINABLE_START_RE.match(n):
        return False
    if is_heading_like(p) or (is_heading_like(n) and not short_tail_ok) or starts_block(n):
        return False
    # "2016.03 - 至今 公司 职位" is an entry header: what follows is a new line, not its tail.
    return not _DATE_START_RE.match(p.lstrip())


def wrap_separator(prev: str, nxt: str) -> str | None:
    """For a line the layout is known to have wrapped (PDF geometry): how to glue ``nxt`` on.

    ``""`` at a Chinese seam (also Latin–Chinese: ``Office`` + ``办公软件``), ``" "`` inside an
    English sentence (the next line starts in lower case), None when it must stay a new line.
    """
    p, n = prev.rstrip(), nxt.strip()
    # A short tail ("检查报告") or a Chinese–Latin seam is trusted only after a bullet item or a
    # long line: in a narrow sidebar, short items ("CDA 数据分析师" / "PMP") touch the edge too.
    long_or_item = len(p) >= 12 or bool(_BULLET_RE.match(p.lstrip()))
    if can_join(prev, nxt, short_tail_ok=long_or_item):
        return ""
    if not p or not n or p[-1] in _SENTENCE_END or is_heading_like(p) or starts_block(n):
        return None
    if _DATE_START_RE.match(p.lstrip()):
        # An entry header that ran into the edge of a narrow column keeps only a word's tail
        # ("…示例村镇银行 综合柜" / "员"); a longer next line is the entry's first duty.
        tail = len(n) <= 3 and _JOINABLE_END_RE.search(p[-1]) and _JOINABLE_START_RE.match(n)
        return "" if tail else None
    if long_or_item and re.search(r"[A-Za-z0-9]$", p) and _JOINABLE_START_RE.match(n):
        return ""
    if re.search(r"[A-Za-z,;]$", p) and re.match(r"[a-z]", n):
        return " "
    return None


def display_width(line: str) -> int:
    """Columns a line takes in a fixed-width editor: Chinese and full-width characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line.strip())


def wrap_width(lines: Sequence[str], min_width: int = 30, min_lines: int = 3) -> int | None:
    """The column a plain text was hard-wrapped at, if it shows one.

    Hard-wrapped text has several lines ending at the same column (±2: a Chinese character
    is two columns wide). A résumé of short items of varied length has no such column.
    """
    widths = [display_width(ln) for ln in lines if ln.strip()]
    best: tuple[int, int] | None = None  # (count, width)
    for w in sorted(set(widths)):
        if w < min_width:
            continue
        count = sum(1 for x in widths if w - 2 <= x <= w)
        if count >= min_lines and (best is None or count >= best[0]):
            best = (count, w)
    return best[1] if best else None


def join_wrapped_lines(lines: Sequence[str]) -> list[str]:
    """Join CJK lines hard-wrapped at a fixed column back into one line (plain text).

    Without geometry, a line counts as wrapped only when the text shows a wrap column
    (``wrap_width``) and the line reaches it; ``can_join`` must agree as well.
    """
    width = wrap_width(lines)
    if width is None:
        return list(lines)
    out: list[str] = []
    last_width = 0  # of the last physical line: a joined line is long, its tail may not be
    for line in lines:
        if out and last_width >= width - 2 and can_join(out[-1], line):
            out[-1] = out[-1].rstrip() + line.strip()
        else:
            out.append(line)
        last_width = display_width(line)
    return out


_LABEL_ONLY_RE = re.compile(r"^[^\s:：，。；,|]{1,8}[:：]$")


def join_label_values(lines: Sequence[str]) -> list[str]:
    """``姓名：`` alone on a line followed by ``张三`` → ``姓名：张三`` (sidebar templates stack them).

    Only a short value that is not a sentence is pulled up: ``您好：`` stays above its letter, and a
    section heading written as a label (``工作经历：``) above its first entry.
    """
    out: list[str] = []
    for line in lines:
        s = line.strip()
        is_value = bool(s) and len(s) <= 40 and s[-1] not in _SENTENCE_END
        is_item = bool(_BULLET_RE.match(s) or _NUMBERED_RE.match(s) or _LABEL_RE.match(s))
        label = out[-1].strip() if out else ""
        # "工作经历：" is a heading that opens a section; the line under it is the section's first. A
        # label left empty ("目标职能：") has the next section's heading under it, not its value.
        if is_value and not is_item and _LABEL_ONLY_RE.match(label) and heading_section(label) is None and heading_section(s) is None:
            out[-1] = out[-1].strip() + s
            continue
        out.append(line)
    return out


def normalize_line(line: str) -> str:
    return collapse_spaces(join_spaced_cjk(line))


def normalize_text(text: str, join_wrapped: bool = True) -> str:
    """The normalised text of a résumé: one text line per line, at most one blank line in a row."""
    text = normalize_newlines(strip_zero_width(text))
    text = nfkc_keep_cjk_punct(text)
    lines = join_label_values([normalize_line(ln) for ln in text.split("\n")])
    if join_wrapped:
        lines = join_wrapped_lines(lines)
    return _BLANK_RUN_RE.sub("\n\n", "\n".join(lines)).strip("\n")


# --- Traditional → Simplified Chinese ----------------------------------------------------------

# Share of Han characters that t2s changes above which a text is Traditional Chinese. The
# Traditional fixtures measure 0.38 and 0.53; all 50 Simplified samples and fixtures 0.00, a little
# more with a surname such as 於 or a Hong Kong employer's name (匯豐銀行) — and those must be left
# alone: t2s would turn the surname 於 into 于.
TRADITIONAL_SHARE = 0.08
_HAN_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=1)
def _t2s_converter():
    """OpenCC's ``t2s`` converter, loaded on first use; None (with a warning) if not installed.

    The ``opencc`` wheel (OpenCC's C++ library) converts a 1,300-character résumé in 0.04 ms;
    the pure-Python ``opencc-python-reimplemented`` takes 4.5 ms (same output on our texts).
    Since the cheap detector is "convert and count what changed", it runs on every résumé:
    100x matters there, and the wheel exists for Linux, macOS and Windows (x86-64 and ARM).
    """
    try:
        import opencc
    except ImportError:
        logging.getLogger(__name__).warning(
            "Traditional Chinese is not converted: OpenCC is not installed (pip install opencc)"
        )
        return None
    return opencc.OpenCC("t2s")


def traditional_share(text: str, simplified: str) -> float:
    """Share of ``text``'s Han characters that differ in its ``simplified`` form."""
    han = len(_HAN_RE.findall(text))
    if not han:
        return 0.0
    # t2s maps character to character almost everywhere; a phrase that changes length
    # only shifts the comparison after it, which makes the share (safely) larger.
    changed = sum(1 for a, b in zip(text, simplified) if a != b) + abs(len(text) - len(simplified))
    return changed / han


def to_simplified(text: str, min_share: float = TRADITIONAL_SHARE) -> tuple[str, bool]:
    """Traditional Chinese text in Simplified characters (经历, 银行), and whether it was converted.

    Only a text that is Traditional as a whole is converted: a Simplified résumé keeps every
    character, even one that t2s would change.
    """
    converter = _t2s_converter() if _HAN_RE.search(text) else None
    if converter is None:
        return text, False
    try:
        simplified = converter.convert(text)
    except (UnicodeError, RuntimeError):  # a lone surrogate from a broken font map cannot cross into C++
        return text, False
    if simplified == text or traditional_share(text, simplified) < min_share:
        return text, False
    return simplified, True


# --- matching -------------------------------------------------------------------------------

EN_NUMBERS = {
    word: i + 1
    for i, word in enumerate(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
}


def number_of(text: str) -> float:
    """A number written in digits ("3.5"), Chinese numerals up to 99 ("十", "三十二", "两") or English
    words up to twenty ("five")."""
    if text.replace(".", "").isdigit():
        return float(text)
    if text.lower() in EN_NUMBERS:
        return float(EN_NUMBERS[text.lower()])
    return float(cn_number(text) or 0)
