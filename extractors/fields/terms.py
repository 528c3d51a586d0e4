"""Skills, certificates and languages found by a spaCy pipeline with data-driven patterns.

The patterns live in ``data/patterns/*.jsonl`` (spaCy's EntityRuler format, with the canonical name
as ``id``). Chinese is segmented with jieba; every Chinese pattern is added to jieba's dictionary so
a term is one token and the matcher sees it whole. Matching is on lower-cased tokens, so English
terms match in any case.
"""

import bisect
import logging
import re
from functools import cache, lru_cache
from pathlib import Path
from typing import cast

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces
from spacy.vocab import Vocab

from extractors.fields.not_held import Clauses, denied, not_held
from screener.resources import data_path
from screener.vocabulary import numeral_grades, term_patterns

PATTERNS_DIR = data_path("patterns")


def _is_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


class JiebaTokenizer:
    """jieba without its HMM: the lexicon terms are in jieba's dictionary, so the HMM's guesses at
    unknown words add nothing for matching and cost most of the time (measured: about 3× slower)."""

    def __init__(self, vocab: Vocab) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self.vocab = vocab
        self.jieba = jieba
        # jieba cuts each run of Chinese, Latin and digits (its re_han_default) on its own: the same
        # run always gives the same words, and résumés repeat many (dates, labels, company names).
        # Cached per tokenizer: term_pipeline adds its words to jieba's dictionary before the first cut.
        self._blocks = jieba.re_han_default
        self._cut = lru_cache(maxsize=65536)(self._cut_block)

    def _cut_block(self, block: str) -> tuple[str, ...]:
        return tuple(w for w in self.jieba.cut(block, HMM=False) if w and not w.isspace())

    def __call__(self, text: str) -> Doc:
        words = [w for block in self._blocks.split(text) if block for w in self._cut(block)]
        words, spaces = get_words_and_spaces(words, text)
        return Doc(self.vocab, words=words, spaces=spaces)


@cache
def term_pipeline(patterns_dir: Path = PATTERNS_DIR) -> Language:
    import jieba

    nlp = spacy.blank("zh")
    nlp.tokenizer = JiebaTokenizer(nlp.vocab)
    ruler = cast(EntityRuler, nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True}))
    patterns = list(term_patterns(patterns_dir))
    for p in patterns:
        if _is_cjk(p["pattern"]):
            jieba.add_word(p["pattern"], freq=100_000)
    ruler.add_patterns(patterns)
    return nlp


_BLANKS = re.compile(r"[^\S\n]+")


@cache
def _squashed_patterns(patterns_dir: Path) -> tuple[str, ...]:
    return tuple(sorted({_BLANKS.sub("", p["pattern"].lower()) for p in term_patterns(patterns_dir)}))


@cache
def _any_pattern(patterns_dir: Path) -> re.Pattern[str]:
    """Some pattern starts here: one regex, the patterns as a trie (a scan of the text for each of
    the ~430 patterns was a tenth of the extraction). A pattern that a shorter one begins with adds
    no line, so the shorter one stands for it."""
    trie: dict[str | None, dict] = {}
    for pattern in _squashed_patterns(patterns_dir):
        node = trie
        for ch in pattern:
            if None in node:
                break
            node = node.setdefault(ch, {})
        else:
            node.clear()
            node[None] = {}

    def alternatives(node: dict[str | None, dict]) -> str:
        alts = [re.escape(ch) + alternatives(child) for ch, child in node.items() if ch is not None]
        return "" if not alts else alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return re.compile(alternatives(trie))


def lines_with_a_term(text: str, patterns_dir: Path = PATTERNS_DIR) -> str:
    """The lines of `text` that contain some pattern's text (lower-cased, blanks ignored), in order.

    A phrase match needs the pattern's words in a row, so the other lines cannot hold one; jieba
    costs a few microseconds a character, and most lines of a long résumé name no term.
    """
    squashed = _BLANKS.sub("", text.lower())
    line_starts = [0, *(m.end() for m in re.finditer("\n", squashed))]
    # A line holds a pattern exactly when the regex finds one there: no pattern spans a line break,
    # and a match ends only inside the line it started in.
    hits = {bisect.bisect_right(line_starts, m.start()) - 1 for m in _any_pattern(patterns_dir).finditer(squashed)}
    lines = text.split("\n")
    return "\n".join(lines[i] for i in sorted(hits))


def find_terms(text: str) -> dict[str, list[str]]:
    """Canonical names by label (SKILL, CERT, LANG), in order of first mention, without repeats.

    A certificate whose clause says it is still being studied for (备考, 在读, candidate) is left out.
    """
    text = lines_with_a_term(numeral_grades(text))
    doc = term_pipeline()(text)
    clauses = Clauses(text)
    found: dict[str, list[str]] = {"SKILL": [], "CERT": [], "LANG": []}
    # Verdicts by clause: a text without clause marks (a one-line file) is one clause holding every
    # term, searched once rather than once per term (quadratic: 20 s for 100 KB).
    verdicts: dict[tuple[int, int], tuple[bool, bool]] = {}
    for ent in doc.ents:
        span = clauses.span(ent.start_char, ent.end_char)
        if span not in verdicts:
            clause = clauses.text[span[0]:span[1]]
            verdicts[span] = not_held(clause), denied(clause)
        clause_not_held, clause_denied = verdicts[span]
        if (ent.label_ == "CERT" and clause_not_held) or clause_denied:
            continue
        bucket = found.setdefault(ent.label_, [])
        if ent.ent_id_ not in bucket:
            bucket.append(ent.ent_id_)
    return found
