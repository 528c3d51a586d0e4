"""One evidence index per candidate, and every synonym of every profile matched against it at once.

Every term requirement asks the same question: which of the candidate's lines best contains one of
these synonyms? Asked one requirement at a time, each question re-filtered the lines, re-normalised
their text and ran rapidfuzz again (73 calls per line over six profiles). Here the candidate's lines
are prepared once (section weight, the claimed and held text, normalised once per distinct text),
all the profiles' synonyms are matched against the lines of all candidates in one pass, and each
criterion then reads its best line from the sparse matches.

The answers are exactly those of ``matches_at_threshold`` (a synonym either reaches
``FUZZY_THRESHOLD`` with rapidfuzz's partial_ratio or rates 0), computed in two steps:

- one scan finds every synonym as written and the pieces of the long ones (see ``pieces``): an
  Aho-Corasick pass of polars ``extract_many`` over a large batch, substring tests over a small one;
- rapidfuzz rates, in one ``cpdist`` call, only the (long synonym, line) pairs that can reach the
  threshold: a piece is written in the line and they share enough characters in order
  (``common_needed``), or the line is as long as the synonym and ``fuzz.ratio`` comes close.
"""

import bisect
import functools
import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import polars as pl
from rapidfuzz import fuzz, process, utils
from rapidfuzz.distance import LCSseq

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
from screener.months import Month, counted_span

# Which text of a line a requirement reads: all of it, what it claims (skills), what it says is
# held (certificates), or all of it but only on lines that may name where someone lives (location).
Variant = Literal["text", "claimed", "held", "location"]

# rapidfuzz rates with this cutoff: a ratio at or above it comes back exact (so the threshold test is
# the one rapidfuzz without a cutoff would pass), one below it may come back 0 sooner. The bounds
# below that decide which pairs are rated at all hold for any rating at or above it.
RATING_CUTOFF = FUZZY_THRESHOLD - 0.5
_C = RATING_CUTOFF / 100

# Per candidate: term id -> {text column: ratio (100 for an exact occurrence)}; only ratios at or
# above FUZZY_THRESHOLD are kept, the rest are 0 as in ``matches_at_threshold``.
Hits = dict[int, dict[int, float]]


def pieces(term: str, shared: Callable[[str], int] | None = None) -> list[str]:
    """Substrings of ``term`` of which one appears as written in any longer text where it rates ≥ RATING_CUTOFF.

    partial_ratio rates a term of L characters against each window of w ≤ L characters of a longer
    text as 100·(1 − u/(L + w)), u being the characters left unmatched on either side. At
    RATING_CUTOFF or more, u ≤ (1 − cutoff/100)·2L, and each unmatched character breaks at most one
    of the consecutive pieces: of u + 1 pieces, one is left whole.

    Any u + 1 consecutive pieces will do. They are cut about equally long; with ``shared`` (how
    common a piece is, e.g. how many other synonyms hold it) each inner cut may move a character
    so that the pieces are rarer: "ation" or "ement" turn up in most English lines.
    """
    breaks = unmatched_allowed(len(term))
    count = min(breaks + 1, len(term))
    bounds = [round(i * len(term) / count) for i in range(count + 1)]
    if shared is not None and count > 1:
        # Cheapest cuts, one inner cut after another: cut -> (cost of the pieces up to it, the cuts so far).
        best: dict[int, tuple[int, list[int]]] = {0: (0, [0])}
        for i in range(1, count + 1):
            options = (bounds[i] + s for s in (0, -1, 1)) if i < count else (len(term),)
            step: dict[int, tuple[int, list[int]]] = {}
            for cut in options:
                for last, (cost, cuts) in best.items():
                    if last < cut and (cut not in step or cost + shared(term[last:cut]) < step[cut][0]):
                        step[cut] = (cost + shared(term[last:cut]), [*cuts, cut])
            best = step
        bounds = best[len(term)][1]
    return [term[a:b] for a, b in itertools.pairwise(bounds)]


def unmatched_allowed(length: int) -> int:
    """Most characters left unmatched (on either side) where a term of ``length`` rates ≥ RATING_CUTOFF (see ``pieces``)."""
    return math.floor((1 - _C) * 2 * length + 1e-9)


def common_needed(length: int) -> int:
    """Fewest characters a term of ``length`` shares in order (LCS) with a text where it rates ≥ RATING_CUTOFF.

    A window of w characters rates 200·lcs/(L + w) with lcs ≤ w, so w ≥ cL/(2 − c) and then
    lcs ≥ cL/(2 − c) (c = cutoff/100, 0.85·L): whichever way round rapidfuzz aligns the two.
    """
    return math.ceil(_C * length / (2 - _C) - 1e-9)


# Texts as long as a term are rated both ways round, so no piece argument holds; fuzz.ratio, which
# is 100·lcs/L for equal lengths, must then reach 100·c/(2 − c) (see common_needed).
SAME_LENGTH_CUTOFF = math.floor(100 * _C / (2 - _C)) - 1


@dataclass
class TermTable:
    """Every distinct synonym of a set of requirements, normalised, and what the scan looks for."""

    terms: list[str] = field(default_factory=list)  # normalised (rapidfuzz default_process), non-empty
    # A requirement's synonyms -> their group: a number and the term ids (synonyms normalising alike share one).
    ids: dict[tuple[str, ...], tuple[int, tuple[int, ...]]] = field(default_factory=dict)
    patterns: list[str] = field(default_factory=list)  # searched as written by the scan
    whole: pl.DataFrame = field(default_factory=pl.DataFrame)  # pattern, term: the pattern is the term
    pieces: pl.DataFrame = field(default_factory=pl.DataFrame)  # pattern, term, offset: the pattern is a piece of it, there
    # term, length, slack (unmatched_allowed), common (common_needed), term_text: those of EXACT_ONLY_BELOW or more
    long_terms: pl.DataFrame = field(default_factory=pl.DataFrame)
    long_by_length: dict[int, list[int]] = field(default_factory=dict)
    common: list[int] = field(default_factory=list)  # per term: see common_needed (0 for short terms)
    # pattern -> (terms it is, long terms it is a piece of): the scan of a small batch in Python
    by_pattern: dict[str, tuple[list[int], list[int]]] = field(default_factory=dict)
    groups_of: list[list[int]] = field(default_factory=list)  # term id -> the groups holding it


def term_table(synonym_lists: Iterable[Sequence[str]]) -> TermTable:
    table = TermTable()
    number: dict[str, int] = {}
    group_of: dict[tuple[int, ...], int] = {}
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
        group = tuple(dict.fromkeys(ids))
        table.ids[key] = (group_of.setdefault(group, len(group_of)), group)
    table.groups_of = [[] for _ in table.terms]
    for number_, group in set(table.ids.values()):
        for tid in group:
            table.groups_of[tid].append(number_)
    parts: list[tuple[str, int]] = []
    placed: list[tuple[str, int, int]] = []  # every piece with its offset in the term
    long_terms: list[tuple[int, int, int, int]] = []
    table.common = [0] * len(table.terms)
    joined = "\n".join(table.terms)
    shared = functools.cache(joined.count)  # how many times a piece is written in all the synonyms
    for tid, term in enumerate(table.terms):
        if len(term) >= EXACT_ONLY_BELOW:
            cut = pieces(term, shared)
            parts += [(part, tid) for part in dict.fromkeys(cut)]
            offsets = itertools.accumulate((len(part) for part in cut[:-1]), initial=0)
            placed += [(part, tid, offset) for part, offset in zip(cut, offsets, strict=True)]
            long_terms.append((tid, len(term), unmatched_allowed(len(term)), common_needed(len(term))))
            table.common[tid] = common_needed(len(term))
            table.long_by_length.setdefault(len(term), []).append(tid)
    table.patterns = list(dict.fromkeys([*table.terms, *(part for part, _ in parts)]))
    table.by_pattern = {pattern: ([], []) for pattern in table.patterns}
    for tid, term in enumerate(table.terms):
        table.by_pattern[term][0].append(tid)
    for part, tid in parts:
        table.by_pattern[part][1].append(tid)
    table.whole = pl.DataFrame({"pattern": table.terms, "term": range(len(table.terms))}, schema={"pattern": pl.String, "term": pl.Int64})
    table.pieces = pl.DataFrame(placed, schema={"pattern": pl.String, "term": pl.Int64, "offset": pl.Int64}, orient="row")
    table.long_terms = pl.DataFrame(
        long_terms, schema={"term": pl.Int64, "length": pl.Int64, "slack": pl.Int64, "common": pl.Int64}, orient="row"
    ).with_columns(term_text=pl.Series([table.terms[tid] for tid, *_ in long_terms], dtype=pl.String))
    return table


@dataclass
class EvidenceIndex:
    """A candidate's lines prepared once for every requirement of every profile."""

    texts: list[str]  # distinct normalised texts: the columns the terms are matched against
    line_cols: dict[Variant, list[int]]  # per variant, each line's column (-1: the variant skips the line)
    weights: list[float]  # each line's section weight
    job_cols: list[int]  # column of each job's text (industry_text), in the résumé's order
    majors_col: int  # column of the text preferred majors are sought in (majors_text)


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
    # Most lines claim and hold all they say: their text's column serves, without a lookup.
    claimed = [
        -1 if not line.claimed.strip() else col if line.claimed == line.text else column(line.claimed) for line, col in zip(lines, text_cols, strict=True)
    ]
    held = [-1 if not line.held.strip() else col if line.held == line.text else column(line.held) for line, col in zip(lines, text_cols, strict=True)]
    # One pass over all lines finds those that state a native place (no match spans a line break).
    joined = "\n".join(line.text for line in lines)
    native = [m.start() for m in NOT_A_LOCATION.finditer(joined)]
    if native:
        starts = list(itertools.accumulate((len(line.text) + 1 for line in lines[:-1]), initial=0))
        stated = {bisect.bisect_right(starts, at) - 1 for at in native}
        location = [-1 if i in stated else col for i, col in enumerate(text_cols)]
    else:
        location = list(text_cols)
    weights = [SECTION_WEIGHT.get(line.section, DEFAULT_SECTION_WEIGHT) for line in lines]
    return EvidenceIndex(
        texts=texts,
        line_cols={"text": text_cols, "claimed": claimed, "held": held, "location": location},
        weights=weights,
        job_cols=[column(industry_text(entry)) for entry in candidate.experience],
        majors_col=column(majors_text(candidate)),
    )


# Below this many (text, pattern) pairs the scan runs in Python: polars' fixed cost (3–5 ms a
# query) outweighs its speed on a small batch. Measured even at ~140,000 pairs with the bundled
# profiles' 1,039 patterns and at ~50,000 with one profile's 171; e.g. one résumé of 25 lines
# against all six profiles: 0.9 ms in Python, 5.6 ms with polars.
SMALL_BATCH = 100_000

# The frames of one scan stay this many texts (about 500 résumés): on 16,667 real résumés the match
# took 10.4 s of CPU in one scan, 7.7–8.5 s in chunks of 100 to 1,000 résumés.
MATCH_CHUNK = 20_000

# What the scan finds: (text, term) pairs where the term is written; (text, long term) pairs where a
# piece of it is, the text is longer and the term is not written; texts by length, of long terms' lengths.
Scan = tuple[list[tuple[int, int]], list[tuple[int, int]], dict[int, list[int]]]


def _scan_frames(texts: list[str], table: TermTable) -> Scan:
    """One Aho-Corasick pass over all texts for every pattern (polars ``extract_many``), then joins.

    A piece found is also placed: the window a term could rate in around it (the piece's offset in
    the term before it, the term's length after, ``unmatched_allowed`` characters either side) must
    share ``common_needed`` characters in order with the term. One LCS on that short window drops
    most (text, long term) pairs of a long English line, which hold some piece somewhere but never
    the term. Positions are bytes, so only ASCII texts are cut; the others keep their whole text.
    """
    frame = pl.DataFrame({"text": texts}, schema={"text": pl.String}).with_row_index("row").with_columns(
        length=pl.col("text").str.len_chars().cast(pl.Int64)
    )
    found = (
        frame.select(
            "row",
            pattern=pl.col("text").str.extract_many(table.patterns, overlapping=True),
            at=pl.col("text").str.find_many(table.patterns, overlapping=True),
        )
        .explode("pattern", "at")
        .drop_nulls()
    )
    exact = found.join(table.whole, on="pattern").select("row", "term").unique()
    texts_of = frame.with_columns(ascii=pl.col("text").str.len_bytes().cast(pl.Int64) == pl.col("length"))
    placed = (
        found.join(table.pieces, on="pattern")
        .join(table.long_terms, on="term")
        .join(texts_of.select("row", "length", "ascii").rename({"length": "text_length"}), on="row")
        .filter(pl.col("text_length") > pl.col("length"))
        .select(
            "row",
            "term",
            start=pl.when("ascii").then(pl.max_horizontal(pl.col("at").cast(pl.Int64) - pl.col("offset") - pl.col("slack"), 0)).otherwise(0),
            span=pl.when("ascii").then(pl.col("length") + 2 * pl.col("slack")).otherwise(pl.col("text_length")),
        )
        .join(exact, on=["row", "term"], how="anti")
        .join(texts_of.select("row", "text"), on="row")
        .join(table.long_terms.select("term", "term_text", "common"), on="term")
        .select("row", "term", "term_text", "common", window=pl.col("text").str.slice("start", "span"))
    )
    by_pieces: list[tuple[int, int]] = []
    if placed.height:
        common = process.cpdist(placed["term_text"].to_list(), placed["window"].to_list(), scorer=LCSseq.similarity, dtype=np.int32)
        kept = placed.select("row", "term").filter(pl.Series(common >= placed["common"].to_numpy())).unique()
        by_pieces = list(zip(kept["row"].to_list(), kept["term"].to_list(), strict=True))
    same_length = frame.filter(pl.col("length").is_in(list(table.long_by_length))).group_by("length").agg("row")
    return exact.rows(), by_pieces, dict(same_length.iter_rows())


def _scan_python(texts: list[str], table: TermTable) -> Scan:
    """What ``_scan_frames`` finds, by substring tests: each pattern once against all texts joined."""
    joined = "\n".join(texts)  # normalised texts and terms hold no line break: no match spans two
    exact: list[tuple[int, int]] = []
    pieces_found: set[tuple[int, int]] = set()
    for pattern, (whole, part_of) in table.by_pattern.items():
        if pattern not in joined:
            continue
        for row, text in enumerate(texts):
            if pattern in text:
                exact += [(row, tid) for tid in whole]
                pieces_found.update((row, tid) for tid in part_of)
    written = set(exact)
    by_pieces = [(row, tid) for row, tid in pieces_found if len(texts[row]) > len(table.terms[tid]) and (row, tid) not in written]
    same_length: dict[int, list[int]] = {}
    for row, text in enumerate(texts):
        if len(text) in table.long_by_length:
            same_length.setdefault(len(text), []).append(row)
    return exact, by_pieces, same_length


def match_evidence(indexes: Sequence[EvidenceIndex], table: TermTable, workers: int = 1, small: bool | None = None) -> list[Hits]:
    """Every term of ``table`` against every text of every index: one scan, then rapidfuzz on few pairs.

    ``small`` chooses the scan (Python or polars, the same answer); by default the batch's size does.
    A batch of more than ``MATCH_CHUNK`` texts is matched a chunk of candidates at a time.
    """
    if sum(len(index.texts) for index in indexes) > MATCH_CHUNK and len(indexes) > 1:
        chunks: list[list[EvidenceIndex]] = [[]]
        size = 0
        for index in indexes:
            if size + len(index.texts) > MATCH_CHUNK and chunks[-1]:
                chunks.append([])
                size = 0
            chunks[-1].append(index)
            size += len(index.texts)
        return [found for chunk in chunks for found in match_evidence(chunk, table, workers, small)]
    hits: list[Hits] = [{} for _ in indexes]
    texts = [text for index in indexes for text in index.texts]
    if not texts or not table.terms:
        return hits
    owners = [(k, col) for k, index in enumerate(indexes) for col in range(len(index.texts))]
    small = len(texts) * len(table.patterns) < SMALL_BATCH if small is None else small
    exact, by_pieces, same_length = (_scan_python if small else _scan_frames)(texts, table)
    for row, tid in exact:
        k, col = owners[row]
        hits[k].setdefault(tid, {})[col] = 100.0
    # Long terms not written in a text are rated in texts longer than them that hold one of their
    # pieces and share enough characters in order with them (one cheap LCS each)...
    pair_terms = [tid for _, tid in by_pieces]
    pair_rows = [row for row, _ in by_pieces]
    if pair_terms:
        common = process.cpdist(
            [table.terms[t] for t in pair_terms], [texts[r] for r in pair_rows], scorer=LCSseq.similarity, dtype=np.int32, workers=workers
        )
        needed = np.array([table.common[t] for t in pair_terms], dtype=np.int32)
        keep = np.flatnonzero(common >= needed).tolist()
        pair_terms = [pair_terms[i] for i in keep]
        pair_rows = [pair_rows[i] for i in keep]
    # ...and in texts just as long where fuzz.ratio comes close enough, one cdist per length.
    for length, rows in same_length.items():
        tids = table.long_by_length[length]
        close = process.cdist(
            [table.terms[t] for t in tids], [texts[r] for r in rows], scorer=fuzz.ratio, score_cutoff=SAME_LENGTH_CUTOFF, dtype=np.uint8, workers=workers
        )
        for i, j in zip(*np.nonzero(close), strict=True):
            pair_terms.append(tids[i])
            pair_rows.append(rows[j])
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

    def __init__(self, candidate: Candidate, index: EvidenceIndex, hits: Hits, table: TermTable, covered: Hits | None = None) -> None:
        self.candidate = candidate
        self.index = index
        self.hits = hits
        self.table = table
        # Partial credit (scoring/coverage.py): what a line covers of a phrase it does not hold as written.
        self.covered = covered or {}
        # The groups of synonyms of which some term matched somewhere: most match nowhere.
        self.matched = {group for found in (hits, self.covered) for tid in found for group in table.groups_of[tid]}
        self._level_texts: list[tuple[int, str]] | None = None
        self._spans: tuple[Month, list[tuple[Month, Month] | None]] | None = None

    def spans(self, reference: Month) -> list[tuple[Month, Month] | None]:
        """Each job's ``counted_span``: worked out once for all the industry requirements of all profiles."""
        if self._spans is None or self._spans[0] != reference:
            self._spans = (reference, [counted_span(entry, reference) for entry in self.candidate.experience])
        return self._spans[1]

    def _ratios(self, synonyms: Sequence[str], partial: bool = True) -> dict[int, float]:
        """Column -> the best ratio of any of ``synonyms`` (only columns where one reached the threshold)."""
        best: dict[int, float] = {}
        number, group = self.table.ids[tuple(synonyms)]
        if number not in self.matched:
            return best
        for found in (self.hits, self.covered) if partial else (self.hits,):
            for tid in group:
                for col, ratio in found.get(tid, {}).items():
                    if ratio > best.get(col, 0.0):
                        best[col] = ratio
        return best

    def best_line(self, synonyms: Sequence[str], variant: Variant, partial: bool = True) -> tuple[float, str, str] | None:
        """The best section-weighted match (0–1) of any synonym in any line, its text and section.

        The first line wins a tie, as numpy's argmax did.
        """
        ratios = self._ratios(synonyms, partial)
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

    def _in(self, col: int, synonyms: Sequence[str]) -> bool:
        # A yes-or-no question: only a synonym met as written answers it, never partial coverage.
        number, group = self.table.ids[tuple(synonyms)]
        return number in self.matched and any(col in self.hits.get(tid, {}) for tid in group)

    def in_job(self, entry: int, synonyms: Sequence[str]) -> bool:
        """Does any of ``synonyms`` reach the threshold in the text of the ``entry``-th job?"""
        return self._in(self.index.job_cols[entry], synonyms)

    def in_majors(self, synonyms: Sequence[str]) -> bool:
        """Does any of ``synonyms`` reach the threshold in the candidate's majors?"""
        return self._in(self.index.majors_col, synonyms)

    def level_line(self, names: Sequence[str]) -> int | None:
        """The first line, heaviest section first, whose text holds one of ``names`` as written."""
        if self._level_texts is None:
            # sorted() is stable: lines of equal weight keep the résumé's order.
            weights = self.index.weights
            by_weight = sorted(range(len(weights)), key=lambda i: -weights[i])
            self._level_texts = [(i, level_text(self.candidate.lines[i].text)) for i in by_weight]
        for i, text in self._level_texts:
            if any(name in text for name in names):
                return i
        return None
