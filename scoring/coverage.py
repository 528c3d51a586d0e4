"""How much of a requirement's wording a résumé line covers: the partial credit beside exact matches.

A synonym met as written (rapidfuzz, scoring/evidence.py) earns its line in full. A longer phrase — a
drafted duty, "financial statement analysis" — is rarely written word for word, and one of its words
alone ("tracking", "equipment") says little. Here a synonym earns the share of its content words
(stop words dropped, one inflection cut, at most 6 letters kept) that one line
holds, so "Collected overdue payments on delinquent accounts" covers most of "collect overdue and
delinquent loans" and "Performance tracking" a fifth of it. A share under ``MIN_COVERAGE`` is noise
and earns nothing.

Tokens are computed once per distinct line text and once per synonym; a candidate's lines are then
looked up by token (an inverted index), never compared pair by pair.
"""

import re
from collections.abc import Sequence
from functools import lru_cache

from scoring.evidence import EvidenceIndex, Hits, TermTable

# Words that say nothing about what a job is: grammar, and an advert's own filler.
_STOP_WORDS = frozenset(
    """a an the and or of to in on for with within at by from as into through via per any all other others own
    be is are was were been being this that these those it its their our your we you they he she i my
    new strong sound good excellent ability able skills skill knowledge experience experienced years year
    proven solid basic working work related including include such well various across line etc must
    ensure using use used help support""".split()
)
_CONTENT_WORD = re.compile(r"[a-z0-9][a-z0-9+#]*")
# English words lose one inflection and are cut to this many letters: track, tracked and tracking,
# collect, collected and collections count as one word.
STEM_LETTERS = 6
_SUFFIXES = ("ments", "ment", "ings", "ing", "ions", "ion", "ers", "er", "ed", "es", "s")


@lru_cache(maxsize=65536)  # a résumé's words repeat across lines and résumés; its lines rarely do
def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return (word[:-1] if word.endswith("e") and len(word) > 3 else word)[:STEM_LETTERS]


@lru_cache(maxsize=65536)
def content_tokens(text: str) -> frozenset[str]:
    """Stemmed content words of English text (Chinese is left to the exact match, see ``_CJK``)."""
    return frozenset(_stem(w) for w in _CONTENT_WORD.findall(text.lower()) if w not in _STOP_WORDS and (len(w) > 1 or w.isdigit()))


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
