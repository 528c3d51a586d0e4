"""Bilingual résumés: the same entries written in Chinese and again in English."""

import re
from typing import TypeVar

from screener.models import EducationEntry, WorkEntry

_CJK = re.compile(r"[\u4e00-\u9fff]")
Entry = TypeVar("Entry", WorkEntry, EducationEntry)


def without_translations(entries: list[Entry]) -> list[Entry]:
    """A bilingual résumé lists each job (and school) twice, in Chinese and in English, with the same
    dates: the first one written is kept, so HR sees each once (the months are merged anyway)."""
    kept: list[Entry] = []
    for e in entries:
        is_chinese = bool(_CJK.search(e.evidence))
        if e.start and any(k.start == e.start and k.end == e.end and bool(_CJK.search(k.evidence)) != is_chinese for k in kept):
            continue
        kept.append(e)
    return kept
