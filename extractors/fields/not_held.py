"""Terms a résumé names without claiming them: certificates still being studied for ("正在备考CPA",
"ACCA在读", "CFA candidate") and anything denied ("暂无信贷经验", "No direct loan origination experience").

A certificate counts only when it is held, and a term only when it is not denied, in the extracted
lists and in the scores alike; the test is per clause, so "持有银行从业资格，备考CPA" holds the first.
"""

import bisect
import re

from screener.models import TextLine

_NOT_HELD = re.compile(r"备考|在读|候考|报考|在考|准备考|考取中|学习中|studying\s+for|candidate|in\s+progress", re.I)
# Where a clause ends: Chinese and Latin punctuation, a cell or line break, an English full stop.
_CLAUSE_END = re.compile(r"[，,。；;、\n|｜]|(?<=[a-z])\.(?=\s)")
# Not "not only … but also"; not 无 alone (无锡, 无缝对接).
_DENIED = re.compile(
    r"\b(?:no|without|never|lack(?:s|ing)?)\b|\bnot\b(?!\s+only)|暂无|尚无|没有|缺乏|尚未|未曾|不具备|不熟悉|无相关", re.I
)
_NOT_CLAIMED = re.compile(f"{_NOT_HELD.pattern}|{_DENIED.pattern}", re.I)


class Clauses:
    """The clauses of a text, found once: a long résumé has hundreds of terms to place."""

    def __init__(self, text: str) -> None:
        marks = [m.span() for m in _CLAUSE_END.finditer(text)]
        self.text = text
        self.mark_starts = [s for s, _ in marks]
        self.mark_ends = [e for _, e in marks]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Where the clause holding text[start:end] starts and ends."""
        before = bisect.bisect_right(self.mark_ends, start)
        after = bisect.bisect_left(self.mark_starts, end)
        return self.mark_ends[before - 1] if before else 0, self.mark_starts[after] if after < len(self.mark_starts) else len(self.text)

    def around(self, start: int, end: int) -> str:
        """The clause holding text[start:end]."""
        first, last = self.span(start, end)
        return self.text[first:last]


def not_held(clause: str) -> bool:
    """Whether the clause says its certificate is not held yet."""
    return bool(_NOT_HELD.search(clause))


def denied(clause: str) -> bool:
    """Whether the clause denies what it names ("暂无…经验", "No … experience yet")."""
    return bool(_DENIED.search(clause))


def _without_clauses(text: str, pattern: re.Pattern[str]) -> str:
    parts = re.split(f"({_CLAUSE_END.pattern})", text)
    return "".join("" if i % 2 == 0 and pattern.search(part) else part for i, part in enumerate(parts))


def held_text(text: str) -> str:
    """`text` without its clauses that say a certificate is still being studied for, or deny one."""
    return _without_clauses(text, _NOT_CLAIMED)


def claimed_text(text: str) -> str:
    """`text` without its clauses that deny what they name."""
    return _without_clauses(text, _DENIED)


def with_claims(line: TextLine) -> TextLine:
    """The line with what it claims and what it says is held, found once here for scoring to read."""
    return line.model_copy(update={"claimed": claimed_text(line.text), "held": held_text(line.text)})
