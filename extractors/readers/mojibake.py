"""Undo UTF-8 text that a generator decoded as Windows-1252 before drawing it ("mojibake").

Some résumé sites (LiveCareer's PDFs) draw "ï¼" for a full-width comma "，", "â€“" for "–" and
"Â" before a no-break space: the UTF-8 bytes of each character, each shown as a cp1252 glyph.
Bytes that cp1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) and the no-break space have no
glyph to draw, so pdfium reports those sequences one glyph short; the usual ones are in ``SHORT``.
Downstream NFKC would otherwise turn "¼" into "1⁄4".
"""

from __future__ import annotations

import re

_BYTE_OF: dict[str, int] = {}
for _b in range(0x80, 0x100):
    try:
        _BYTE_OF[bytes([_b]).decode("cp1252")] = _b
    except UnicodeDecodeError:
        continue
_CONTINUATION = "".join(re.escape(ch) for ch, b in _BYTE_OF.items() if b < 0xC0)
# A lead byte of a 2-4 byte UTF-8 sequence (C2-F4 are the same letters in cp1252 and Latin-1),
# then up to three continuation bytes.
_RUN = re.compile(f"[\u00c2-\u00f4][{_CONTINUATION}]{{0,3}}")

# Sequences one byte short, by the character they most often stand for in résumés: the missing
# byte is a no-break space (after Â, and in "■"), 0x8C of "，" (drawn as nothing), 0x8F of "●", 0x9D of "”".
SHORT = {"Â": "", "ï¼": "，", "â—": "●", "â–": "■", "â€": "”"}


def _needed(lead: int) -> int:
    return 1 if lead < 0xE0 else 2 if lead < 0xF0 else 3


def _fix(m: re.Match[str]) -> str:
    run = m.group(0)
    data = bytes(_BYTE_OF.get(ch, ord(ch)) for ch in run)
    need = _needed(data[0])
    if len(run) - 1 >= need:
        try:
            fixed = data[: need + 1].decode("utf-8")
        except UnicodeDecodeError:
            return run
        # A zero-width space carries nothing; anything else must be a visible character.
        fixed = {"\u200b": "", "\u00a0": " "}.get(fixed, fixed)
        return fixed + run[need + 1 :] if fixed.isprintable() else run
    return SHORT.get(run, run)


def repair_mojibake(text: str) -> str:
    """``text`` with cp1252-decoded UTF-8 sequences turned back into their characters."""
    if not any("\u00c2" <= ch <= "\u00f4" for ch in text):
        return text  # the common case: no lead byte, nothing to do
    return _RUN.sub(_fix, text)
