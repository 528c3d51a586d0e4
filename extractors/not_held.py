"""Certificates a résumé says are still being studied for: "正在备考CPA", "ACCA在读", "CFA candidate".

A certificate counts only when it is held, in the extracted ``certificates`` and in the scores of
certificate requirements alike; the test is per clause, so "持有银行从业资格，备考CPA" holds the first.
"""

import re

_NOT_HELD = re.compile(r"备考|在读|候考|报考|在考|准备考|考取中|学习中|studying\s+for|candidate|in\s+progress", re.I)
_CLAUSE_END = re.compile(r"[，,。；;、\n|｜]")


def not_held(text: str, start: int, end: int) -> bool:
    """Whether the clause around text[start:end] says it is not held yet."""
    before = [m.end() for m in _CLAUSE_END.finditer(text, 0, start)]
    after = _CLAUSE_END.search(text, end)
    return bool(_NOT_HELD.search(text[before[-1] if before else 0 : after.start() if after else len(text)]))


def held_text(text: str) -> str:
    """`text` without its clauses that say a certificate is still being studied for."""
    parts = re.split(f"({_CLAUSE_END.pattern})", text)
    return "".join("" if i % 2 == 0 and _NOT_HELD.search(part) else part for i, part in enumerate(parts))
