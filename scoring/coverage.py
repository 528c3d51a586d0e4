"""How much of a requirement's wording a résumé line covers: the partial credit beside exact matches.

A synonym met as written (rapidfuzz, scoring/evidence.py) earns its line in full. A longer phrase — a
drafted duty, "financial statement analysis" — is rarely written word for word, and one of its words
alone ("tracking", "equipment") says little. Here a synonym earns the share of its content words
(English: stop words dropped, words cut to a 6-letter stem; Chinese: character pairs) that one line
holds, so "Collected overdue payments on delinquent accounts" covers most of "collect overdue and
delinquent loans" and "Performance tracking" a fifth of it. A share under ``MIN_COVERAGE`` is noise
and earns nothing.

Tokens are computed once per distinct line text and once per synonym; a candidate's lines are then
looked up by token (an inverted index), never compared pair by pair.
"""

import re
from collections.abc import Sequence

from scoring.evidence import EvidenceIndex, Hits, TermTable
from screener.vocabulary import content_tokens

# A line must hold at least this share of a synonym's content words to earn anything (on the dev
# set of corpus/ranking 0.4 ranked better than 0.5 or 0.67: English mean AP .42, .41, .33).
MIN_COVERAGE = 0.4
# Synonyms of fewer content words are left to the exact match: one word either is there or not, and
# half of a two-word term ("risk management" → "management") matched any IT résumé on the dev set.
MIN_TOKENS = 3
# Chinese synonyms are short terms the exact match serves: their character pairs matched long lines
# of unrelated résumés (the Chinese dev set ranked worse with them).
_CJK = re.compile(r"[\u4e00-\u9fff]")


def cover_evidence(indexes: Sequence[EvidenceIndex], table: TermTable) -> list[Hits]:
    """Per candidate: term id -> {text column: 100 × the share of the term's tokens the text holds}.

    Only shares of ``MIN_COVERAGE`` or more are kept, and only for English terms of ``MIN_TOKENS`` or more.
    """
    terms = [(tid, tokens) for tid, term in enumerate(table.terms) if len(tokens := content_tokens(term)) >= MIN_TOKENS and not _CJK.search(term)]
    out: list[Hits] = []
    for index in indexes:
        where: dict[str, list[int]] = {}
        for col, text in enumerate(index.texts):
            for token in content_tokens(text):
                where.setdefault(token, []).append(col)
        hits: Hits = {}
        for tid, tokens in terms:
            counts: dict[int, int] = {}
            for token in tokens:
                for col in where.get(token, ()):
                    counts[col] = counts.get(col, 0) + 1
            need = MIN_COVERAGE * len(tokens)
            found = {col: 100.0 * n / len(tokens) for col, n in counts.items() if n >= need}
            if found:
                hits[tid] = found
        out.append(hits)
    return out
