"""Which lines are headings, and which section each opens (``data/lexicons/sections.yaml``).

Shared text knowledge: readers use it to keep a heading off the line above it, field rules to
split a résumé into sections.
"""

import re
from functools import cache

import yaml

from screener.resources import data_path

# The longest heading-like line we consider; longer lines are content even if they start with a heading word.
MAX_HEADING_CHARS = 24

_DECORATION = re.compile(r"^[\s#*■□●◆◇▪▶►>·•\-—_=|【\[（(<《]*(?:[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．)]|\d{1,2}\s+)?\s*|[\s】\]）)>》:：|_=\-—*#]*$")


@cache
def heading_lexicon() -> dict[str, str]:
    """Lower-cased heading text → section key, from ``data/lexicons/sections.yaml``."""
    raw = yaml.safe_load(data_path("lexicons", "sections.yaml").read_text(encoding="utf-8"))
    return {
        name.lower(): section
        for section, langs in raw.items()
        for names in langs.values()
        for name in names
    }


def heading_section(line: str) -> str | None:
    """The section a heading line opens, or None when the line is content."""
    if len(line) > 3 * MAX_HEADING_CHARS:
        return None
    core = _DECORATION.sub("", line).strip()
    if len(core) > MAX_HEADING_CHARS:
        return None
    core = re.sub(r"\s+", " ", core).lower()
    if not core:
        return None
    lexicon = heading_lexicon()
    if core in lexicon:
        return lexicon[core]
    # Bilingual headings: "教育背景 Education", "工作经历 / Work Experience", "EDUCATION 教育背景".
    m = re.fullmatch(r"([\u4e00-\u9fff]+)\s*[/|｜]?\s*([a-z][a-z &\-]*)|([a-z][a-z &\-]*?)\s*[/|｜]?\s*([\u4e00-\u9fff]+)", core)
    if m:
        parts = [p.strip() for p in m.groups() if p]
        # A table row ("技能 | Excel") is a heading cell and its value unless both cells are headings.
        if re.search(r"[|｜]", core) and not all(part in lexicon for part in parts):
            return None
        for part in parts:
            if part in lexicon:
                return lexicon[part]
    return None
