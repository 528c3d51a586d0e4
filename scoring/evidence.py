"""One evidence index per candidate, and every synonym of every profile matched against it at once.

Every term requirement asks the same question: which of the candidate's lines best contains one of
these synonyms? Asked one requirement at a time, each question re-filtered the lines, re-normalised
their text and ran rapidfuzz again (73 calls per line over six profiles). Here the candidate's lines
are prepared once (section weight, the claimed and held text, normalised once per distinct text),
all the profiles' synonyms are matched against the lines of all candidates in one pass, and each
criterion then reads its best line from the sparse matches.

The answers are exactly those of ``matches_at_threshold`` (a synonym either reaches
``FUZZY_THRESHOLD`` with rapidfuzz's partial_ratio or rates 0), computed in two steps:

- an Aho-Corasick scan (polars ``extract_many``) finds every short synonym as written, every long
  one as written, and the pieces of the long ones (see ``pieces``);
- rapidfuzz rates only the (long synonym, line) pairs where a piece was found, in one ``cpdist`` call.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import polars as pl
from rapidfuzz import fuzz, process, utils

from scoring.criteria import (
    DEFAULT_SECTION_WEIGHT,
    EXACT_ONLY_BELOW,
    FUZZY_THRESHOLD,
    NOT_A_LOCATION,
    SECTION_WEIGHT,
    industry_text,
    level_text,
    majors_text,
)
from screener.models import Candidate

# Which text of a line a requirement reads: all of it, what it claims (skills), what it says is
# held (certificates), or all of it but only on lines that may name where someone lives (location).
Variant = Literal["text", "claimed", "held", "location"]
VARIANTS: tuple[Variant, ...] = ("text", "claimed", "held", "location")

# rapidfuzz rates with this cutoff: a ratio at or above it comes back exact (so the threshold test is
# the one rapidfuzz without a cutoff would pass), one below it may come back 0 sooner.
RATING_CUTOFF = FUZZY_THRESHOLD - 0.5

# Per candidate: term id -> {text column: ratio (100 for an exact occurrence)}; only ratios at or
# above FUZZY_THRESHOLD are kept, the rest are 0 as in ``matches_at_threshold``.
Hits = dict[int, dict[int, float]]


def pieces(term: str) -> list[str]:
    """Substrings of ``term`` of which one appears as written in every text where it rates ≥ RATING_CUTOFF.

    partial_ratio rates a term of L characters against a window of w ≤ L characters of a longer text
    as 100·(1 − u/(L + w)), u being the characters left unmatched on either side. At RATING_CUTOFF or
    more, u ≤ (1 − cutoff/100)·2L; each unmatched character breaks at most one of u + 1 consecutive
    pieces, so one piece is left whole. (A text as long as the term is rated both ways round, so
    ``match_evidence`` rates those always.)
    """
    breaks = math.floor((1 - RATING_CUTOFF / 100) * 2 * len(term) + 1e-9)
    count = min(breaks + 1, len(term))
    bounds = [round(i * len(term) / count) for i in range(count + 1)]
    return [term[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


@dataclass
class TermTable:
    """Every distinct synonym of a set of requirements, normalised, and what the scan looks for."""

    terms: list[str] = field(default_factory=list)  # normalised (rapidfuzz default_process), non-empty
    ids: dict[tuple[str, ...], tuple[int, ...]] = field(default_factory=dict)  # a requirement's synonyms -> term ids
    patterns: list[str] = field(default_factory=list)  # searched as written by the scan
    exact: dict[str, list[int]] = field(default_factory=dict)  # pattern -> terms it is (ratio 100)
    piece_of: dict[str, list[int]] = field(default_factory=dict)  # pattern -> long terms it is a piece of
    long_by_length: dict[int, list[int]] = field(default_factory=dict)  # long terms by length


def term_table(synonym_lists: Iterable[Sequence[str]]) -> TermTable:
    table = TermTable()
    number: dict[str, int] = {}
    for synonyms in synonym_lists:
        key = tuple(synonyms)
        if key in table.ids:
            continue
        ids = []
        for synonym in key:
            # A synonym that normalises to nothing matches nothing, as in matches_at_threshold.
            if not (term := utils.default_process(synonym)):
                continue
            if term not in number:
                number[term] = len(table.terms)
                table.terms.append(term)
            ids.append(number[term])
        table.ids[key] = tuple(dict.fromkeys(ids))
    for tid, term in enumerate(table.terms):
        table.exact.setdefault(term, []).append(tid)
        if len(term) >= EXACT_ONLY_BELOW:
            table.long_by_length.setdefault(len(term), []).append(tid)
            for piece in dict.fromkeys(pieces(term)):
                table.piece_of.setdefault(piece, []).append(tid)
    table.patterns = list(dict.fromkeys([*table.exact, *table.piece_of]))
    return table


@dataclass
class EvidenceIndex:
    """A candidate's lines prepared once for every requirement of every profile."""

    texts: list[str]  # distinct normalised texts: the columns the terms are matched against
    line_cols: dict[Variant, list[int]]  # per variant, each line's column (-1: the variant skips the line)
    weights: list[float]  # each line's section weight
    extra_cols: dict[str, int]  # column of each other text a criterion reads (a job, the majors)
    level_texts: list[tuple[int, str]]  # (line, text as language levels are sought), by weight


def evidence_index(candidate: Candidate) -> EvidenceIndex:
    texts: list[str] = []
    by_text: dict[str, int] = {}
    by_raw: dict[str, int] = {}

    def column(raw: str) -> int:
        if (col := by_raw.get(raw)) is None:
            processed = utils.default_process(raw)
            if (col := by_text.get(processed)) is None:
                col = by_text[processed] = len(texts)
                texts.append(processed)
            by_raw[raw] = col
        return col

    lines = candidate.lines
    text_cols = [column(line.text) for line in lines]
    claimed = [column(line.claimed) if line.claimed.strip() else -1 for line in lines]
    held = [column(line.held) if line.held.strip() else -1 for line in lines]
    location = list(text_cols)
    # One search over all lines finds the rare résumé that states a native place.
    if NOT_A_LOCATION.search("\n".join(line.text for line in lines)):
        location = [-1 if NOT_A_LOCATION.search(line.text) else col for line, col in zip(lines, text_cols, strict=True)]
    weights = [SECTION_WEIGHT.get(line.section, DEFAULT_SECTION_WEIGHT) for line in lines]
    extra = [industry_text(entry) for entry in candidate.experience] + [majors_text(candidate)]
    # sorted() is stable: lines of equal weight keep the résumé's order, as score_language expects.
    by_weight = sorted(range(len(lines)), key=lambda i: -weights[i])
    return EvidenceIndex(
        texts=texts,
        line_cols={"text": text_cols, "claimed": claimed, "held": held, "location": location},
        weights=weights,
        extra_cols={raw: column(raw) for raw in extra},
        level_texts=[(i, level_text(lines[i].text)) for i in by_weight],
    )


def match_evidence(indexes: Sequence[EvidenceIndex], table: TermTable, workers: int = 1) -> list[Hits]:
    """Every term of ``table`` against every text of every index, in one scan and one rapidfuzz call."""
    hits: list[Hits] = [{} for _ in indexes]
    texts = [text for index in indexes for text in index.texts]
    owners = [(k, col) for k, index in enumerate(indexes) for col in range(len(index.texts))]
    if not texts or not table.terms:
        return hits
    frame = pl.DataFrame({"text": texts}, schema={"text": pl.String}).with_row_index("row")
    found = frame.select(
        "row",
        pl.col("text").str.extract_many(table.patterns, overlapping=True).alias("found"),
        pl.col("text").str.len_chars().alias("length"),
    ).filter((pl.col("found").list.len() > 0) | pl.col("length").is_in(list(table.long_by_length)))
    pair_terms: list[int] = []
    pair_rows: list[int] = []
    for row, patterns, length in found.iter_rows():
        k, col = owners[row]
        exact: set[int] = set()
        maybe: set[int] = set()
        for pattern in set(patterns):
            exact.update(table.exact.get(pattern, ()))
            maybe.update(table.piece_of.get(pattern, ()))
        # A text as long as a long term is rated both ways round: no piece argument, always rated.
        maybe.update(table.long_by_length.get(length, ()))
        for tid in exact:
            hits[k].setdefault(tid, {})[col] = 100.0
        for tid in maybe - exact:
            if len(table.terms[tid]) <= length:  # a text shorter than the term never contains it
                pair_terms.append(tid)
                pair_rows.append(row)
    if pair_terms:
        ratios = process.cpdist(
            [table.terms[t] for t in pair_terms], [texts[r] for r in pair_rows],
            scorer=fuzz.partial_ratio, score_cutoff=RATING_CUTOFF, workers=workers,
        )  # float32, like the cdist of matches_at_threshold, so the threshold test agrees to the bit
        for tid, row, ratio in zip(pair_terms, pair_rows, ratios.tolist(), strict=True):
            if ratio >= FUZZY_THRESHOLD:
                k, col = owners[row]
                hits[k].setdefault(tid, {})[col] = ratio
    return hits


class CandidateEvidence:
    """What the criteria of one candidate read: the best line for some synonyms, a term in a text."""

    def __init__(self, candidate: Candidate, index: EvidenceIndex, hits: Hits, table: TermTable) -> None:
        self.candidate = candidate
        self.index = index
        self.hits = hits
        self.table = table

    def _ratios(self, synonyms: Sequence[str]) -> dict[int, float]:
        """Column -> the best ratio of any of ``synonyms`` (only columns where one reached the threshold)."""
        best: dict[int, float] = {}
        for tid in self.table.ids[tuple(synonyms)]:
            for col, ratio in self.hits.get(tid, {}).items():
                if ratio > best.get(col, 0.0):
                    best[col] = ratio
        return best

    def best_line(self, synonyms: Sequence[str], variant: Variant) -> tuple[float, str, str] | None:
        """The best section-weighted match (0–1) of any synonym in any line, its text and section.

        The first line wins a tie, as numpy's argmax did.
        """
        ratios = self._ratios(synonyms)
        if not ratios:
            return None
        best, best_line = 0.0, -1
        weights = self.index.weights
        for i, col in enumerate(self.index.line_cols[variant]):
            if col in ratios and (weighted := ratios[col] / 100.0 * weights[i]) > best:
                best, best_line = weighted, i
        if best_line < 0:
            return None
        line = self.candidate.lines[best_line]
        text = line.claimed if variant == "claimed" else line.held if variant == "held" else line.text
        return best, text, line.section

    def term_in(self, text: str, synonyms: Sequence[str]) -> bool:
        """Does any of ``synonyms`` reach the threshold in ``text`` (a text the index prepared)?"""
        col = self.index.extra_cols[text]
        return any(col in self.hits.get(tid, {}) for tid in self.table.ids[tuple(synonyms)])

    def level_line(self, names: Sequence[str]) -> int | None:
        """The first line, heaviest section first, whose text holds one of ``names`` as written."""
        for i, text in self.index.level_texts:
            if any(name in text for name in names):
                return i
        return None
