"""Per-character features for the résumé NER: the character, its neighbours, and the words around it.

A character CNN sees only characters; Chinese entity boundaries are word boundaries, and the words
are in a dictionary. So each character also gets the dictionary words that start, end or pass
through it (with their part-of-speech tag: ``nt`` organisation, ``nr`` person, ``ns`` place …) and
its place in the most probable segmentation, the lattice information that lexicon NER models such as
Lattice LSTM add. The dictionary is jieba's own ``dict.txt`` (349k words, frequency, tag), read
directly so that words other modules add to jieba at run time do not change the model's input.

Every feature is an unsigned 64-bit key, one column per feature; the model hashes each column into
its own embedding table. Pure functions: no spaCy, no model.

A batch is computed with numpy over all its distinct sentences at once: the dictionary is a trie in
arrays, walked one word length at a time for every character together, and jieba's dynamic
programming runs one column at a time for all sentences. ``_lexicon_keys`` is the same definition
for one sentence in plain Python; it takes batches of a few dozen characters, where numpy's cost
per call would dominate, and sentences with tokens of several characters that could be part of a
word (the character tokenizer makes none). Both give the same keys, bit for bit: the NER model
was trained on them.
"""

from __future__ import annotations

import math
import operator
import threading
import unicodedata
import zlib
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import NamedTuple

import numpy as np

FEATURES = (
    "char",  # the character itself
    "shape",  # digit / Latin / CJK / punctuation / space
    "bigram_left",  # previous + this character
    "bigram_right",  # this + next character
    "trigram",  # previous + this + next
    "segment",  # B/M/E/S in the most probable segmentation, word length and tag
    "segment_word",  # that word itself, with the position in it
    "word_begins",  # longest dictionary word starting here: length and tag
    "word_ends",  # longest dictionary word ending here
    "word_inside",  # longest dictionary word with this character strictly inside
)
MAX_WORD = 8  # longer dictionary words are rare (0.3%) and mostly idioms
_SMALL_BATCH = 60  # characters: fewer, and numpy's cost per call is more than plain Python's
_PYTHON_ROWS = 4  # DP: below this many sentences still running, a column step costs more than Python
_EDGE = 0x110000  # beyond Unicode: the padding "character" before the first and after the last
_SHAPES = {"digit": 1, "upper": 2, "lower": 3, "cjk": 4, "punct": 5, "space": 6, "other": 7}


class Lexicon(NamedTuple):
    """jieba's dictionary as a trie in arrays. Its nodes are the words and all their prefixes.

    Node 0 is the root (the empty string, no word). The child of node ``p`` by symbol ``s`` is
    ``i + 1`` where ``edges[i] == p * n_symbols + s``: ``edges`` is sorted, so a batch of steps is
    one ``np.searchsorted``.
    """

    symbols: dict[str, int]  # character -> symbol 1..; a character in no word has none
    characters: str  # the characters of symbols 1.. in order
    n_symbols: int  # symbols + 1 (0: a character in no word, and the edge between sentences)
    first: np.ndarray  # symbol -> node of that one-character string, 0 when no word starts with it
    edges: np.ndarray  # int64, sorted: parent * n_symbols + symbol, then a sentinel
    logp: np.ndarray  # node -> the word's log probability; `unknown` for a prefix only and the root
    tag: np.ndarray  # node -> the word's tag id (1..), 0 for a prefix only and the root
    crc: np.ndarray  # node -> crc32 of the word << 2, the segment_word key without the place
    unknown: float  # log probability of a character that is no word


@cache
def lexicon() -> Lexicon:
    """jieba's dictionary (lower-cased, words of up to MAX_WORD characters) as a trie in arrays.

    About 17 MB for its 495k nodes (a dict of every word and prefix took 75), built in a second.
    """
    import jieba

    words: dict[str, tuple[int, str]] = {}
    with jieba.get_dict_file() as f:
        for raw in f:
            parts = raw.decode("utf-8").split()
            if len(parts) >= 2 and 1 <= len(parts[0]) <= MAX_WORD:
                words[parts[0].lower()] = (int(parts[1]), parts[2] if len(parts) > 2 else "x")
    total = math.log(sum(freq for freq, _ in words.values()))
    tags = {tag: i + 1 for i, tag in enumerate(sorted({tag for _, tag in words.values()}))}
    symbols = {ch: i + 1 for i, ch in enumerate(sorted({ch for word in words for ch in word}))}
    n_symbols = len(symbols) + 1

    # One trie level at a time: the nodes of level d are the distinct (parent, symbol) pairs of the
    # words' d-th characters. Numbered in that sorted order, level after level, the edge keys come
    # out sorted and the child of edges[i] is node i + 1.
    text = list(words)
    lengths = np.array([len(word) for word in text])
    width = int(lengths.max())
    codes = np.array(text, dtype=f"<U{width}").view(np.uint32).reshape(len(text), width)
    alphabet = np.array([ord(ch) for ch in symbols], dtype=np.uint32)  # sorted, as symbols
    node = np.zeros(len(text), dtype=np.int64)  # each word's node so far
    levels: list[np.ndarray] = []
    numbered = 1  # the root is 0
    for d in range(width):
        has = np.flatnonzero(lengths > d)
        keys = node[has] * n_symbols + np.searchsorted(alphabet, codes[has, d]) + 1
        level, inverse = np.unique(keys, return_inverse=True)
        node[has] = numbered + inverse
        numbered += len(level)
        levels.append(level)
    # A sentinel above every key: a search never runs off the end.
    edges = np.concatenate(levels + [[np.iinfo(np.int64).max]])
    assert (np.diff(edges) > 0).all() and len(tags) < 256  # what the numbering and the keys rely on
    first = np.zeros(n_symbols, dtype=np.int64)
    first[levels[0]] = np.arange(1, len(levels[0]) + 1)

    logp = np.full(len(edges), -total)  # one per node: the root, and the child of each edge
    tag = np.zeros(len(edges), dtype=np.int64)
    crc = np.zeros(len(edges), dtype=np.int64)
    # math.log per word, as jieba: numpy's log may differ in the last bit, and the keys must not.
    logp[node] = [math.log(max(freq, 1)) - total for freq, _ in words.values()]
    tag[node] = [tags[t] for _, t in words.values()]
    crc[node] = [zlib.crc32(word.encode("utf-8")) << 2 for word in text]
    return Lexicon(symbols, "".join(symbols), n_symbols, first, edges, logp, tag, crc, -total)


@cache
def _char_keys(text: str) -> tuple[str, int, int, int]:
    """A token's n-gram unit (lower case, every digit the same), its unit and exact codes, its shape."""
    unit = "0" if len(text) == 1 and text.isdigit() else text.lower()
    return unit, _code(unit), _code(text), _shape(text)


def _shape(text: str) -> int:
    ch = text[:1]
    if not ch:
        return _SHAPES["other"]
    if ch.isspace():
        return _SHAPES["space"]
    if ch.isdigit():
        return _SHAPES["digit"]
    if ch.isascii() and ch.isalpha():
        return _SHAPES["upper"] if ch.isupper() else _SHAPES["lower"]
    cat = unicodedata.category(ch)
    if cat == "Lo":
        return _SHAPES["cjk"]
    if cat.startswith(("P", "S")):
        return _SHAPES["punct"]
    return _SHAPES["other"]


def _code(unit: str) -> int:
    return ord(unit) if len(unit) == 1 else (zlib.crc32(unit.encode("utf-8")) | (1 << 20)) & 0x1FFFFF


class _Tokens:
    """A row per distinct token seen, with its keys, so that a batch gathers rows instead of calling
    a function per character. Row 0 is the edge between sentences.

    ``sym`` is the unit's trie symbol: 0 when it is in no word (a character outside the dictionary,
    or several characters one of which is), -1 for several characters that could be in a word or
    none at all: the trie walks one character a step, so such a sentence takes the Python path.
    """

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.lock = threading.Lock()
        self.by_char = np.zeros(0x110000, dtype=np.int32)  # code point -> row, 0: not seen yet
        self.by_text: dict[str, int] = {}  # tokens of other lengths -> row
        self.size = 1
        self.orth = np.zeros(1024, dtype=np.uint64)
        self.unit = np.zeros(1024, dtype=np.uint64)
        self.shape = np.zeros(1024, dtype=np.uint64)
        self.sym = np.zeros(1024, dtype=np.int64)
        self.crc = np.zeros(1024, dtype=np.int64)  # crc32 of the unit << 2: a one-unit segment's key
        self.unit[0] = _EDGE

    def rows(self, tokens: Sequence[str]) -> list[int]:
        """The rows of tokens of any length (the slow way, for the few sentences not of characters)."""
        missing = [t for t in tokens if (self.by_char[ord(t)] if len(t) == 1 else self.by_text.get(t, 0)) == 0]
        if missing:
            self.add(missing)
        return [int(self.by_char[ord(t)]) if len(t) == 1 else self.by_text[t] for t in tokens]

    def add(self, tokens: Sequence[str]) -> None:
        with self.lock:
            for token in dict.fromkeys(tokens):
                if (self.by_char[ord(token)] if len(token) == 1 else self.by_text.get(token, 0)) != 0:
                    continue  # another thread was first
                unit, unit_code, orth, shape = _char_keys(token)
                if len(unit) == 1:
                    sym = self.lex.symbols.get(unit, 0)
                else:
                    sym = 0 if any(ch not in self.lex.symbols for ch in unit) else -1
                row = self.size
                if row == len(self.orth):  # grow by copies: a reader keeps a complete old array
                    for name in ("orth", "unit", "shape", "sym", "crc"):
                        old = getattr(self, name)
                        setattr(self, name, np.concatenate([old, np.zeros_like(old)]))
                self.orth[row], self.unit[row], self.shape[row] = orth, unit_code, shape
                self.sym[row], self.crc[row] = sym, zlib.crc32(unit.encode("utf-8")) << 2
                self.size += 1
                # Published last, so a reader never finds a row before its keys are in place.
                if len(token) == 1:
                    self.by_char[ord(token)] = row
                else:
                    self.by_text[token] = row


@cache
def _tokens() -> _Tokens:
    return _Tokens(lexicon())


_Entry = tuple[int, int, float]  # a trie node, its word's tag (0: none) and log probability
_ROOT: _Entry = (0, 0, 0.0)  # the empty string: no word, and no dictionary lookup finds it
_DEAD: _Entry = (-1, 0, 0.0)  # read past the trie: no dictionary word continues so


def _walk(entry: _Entry, text: str) -> _Entry:
    """The trie node reached by reading `text` from the node of `entry`."""
    for ch in text:
        if entry[0] < 0:
            break
        entry = _children(entry[0]).get(ch, _DEAD)
    return entry


@lru_cache(maxsize=1 << 14)
def _children(node: int) -> dict[str, _Entry]:
    """A trie node's children by character, for the one-step-at-a-time Python path: they are the
    node's run of edges. Cached: a dictionary lookup a step instead of a numpy search."""
    lex = lexicon()
    base = node * lex.n_symbols
    lo, hi = np.searchsorted(lex.edges, [base, base + lex.n_symbols]).tolist()
    chars = [lex.characters[sym - 1] for sym in (lex.edges[lo:hi] - base).tolist()]
    nodes = range(lo + 1, hi + 1)
    return dict(zip(chars, zip(nodes, lex.tag[nodes].tolist(), lex.logp[nodes].tolist())))


def _lexicon_keys(units: Sequence[str]) -> tuple[list[int], list[int], list[int], list[int], list[int]]:
    """Per unit: the longest dictionary word beginning, ending and passing through it (length * 256
    + tag, 0 for none), and its place in the most probable segmentation (segment and word keys).

    The reference definition, one sentence in plain Python, for units of any length (a word is
    any run of units that spells it); ``_batch_lexicon_keys`` computes the same for a batch of
    one-character units.
    """
    n = len(units)
    alone = [_walk(_ROOT, unit) for unit in units]
    begins, ends, inside = [0] * n, [0] * n, [0] * n
    options: list[list[tuple[int, float]]] = [[] for _ in range(n)]  # start -> [(end, log p)]
    for i in range(n):
        entry = alone[i]
        for j in range(i + 1, min(n, i + MAX_WORD)):
            entry = _walk(entry, units[j])
            node, tag, logp = entry
            if node <= 0:  # no word starts so (the root: the empty string, no word either)
                break
            if not tag:  # a prefix of longer words only
                continue
            key = (j + 1 - i) * 256 + tag  # longer words come later: the last one wins
            options[i].append((j + 1, logp))
            begins[i] = key
            if ends[j] < key:  # plain comparisons: max() costs a call per character
                ends[j] = key
            for k in range(i + 1, j):
                if inside[k] < key:
                    inside[k] = key

    # jieba's most probable path through the dictionary words (its DAG + dynamic programming).
    unknown = lexicon().unknown
    best_score = [0.0] * (n + 1)
    best_end = [n] * (n + 1)
    for i in range(n - 1, -1, -1):
        _, tag, logp = alone[i]
        score, end = (logp if tag else unknown) + best_score[i + 1], i + 1
        for j, logp in options[i]:
            if logp + best_score[j] > score or (logp + best_score[j] == score and j > end):
                score, end = logp + best_score[j], j
        best_score[i], best_end[i] = score, end

    segment, segment_word = [0] * n, [0] * n
    start = 0
    while start < n:
        end = best_end[start]
        length = end - start
        word = "".join(units[start:end])
        tag = _walk(_ROOT, word)[1]  # 0: not in the dictionary
        word_key = zlib.crc32(word.encode("utf-8")) << 2
        capped = min(length, 8)
        for k in range(start, end):
            place = 3 if length == 1 else 0 if k == start else 2 if k == end - 1 else 1  # S, B, E, M
            segment[k] = ((place << 4) + capped) * 256 + tag
            segment_word[k] = word_key | place
        start = end
    return segment, segment_word, begins, ends, inside


def token_features(tokens: Sequence[str]) -> np.ndarray:
    """One row per token (a character, for the NER's tokenizer), one uint64 key per FEATURES column."""
    return batch_token_features([tokens])[0]


def batch_token_features(sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
    """token_features of each sentence (each its own array); the work done once per distinct sentence.

    The distinct sentences are laid end to end, each after an edge row (row 0 of ``_Tokens``), in
    one array of token rows: neighbours and dictionary walks stop at the edges by themselves.
    """
    if not len(sentences):
        return []
    table = _tokens()
    distinct: dict[object, int] = {}  # résumé lines repeat (headings, "至今" …): compute once
    which: list[int] = []  # each sentence's distinct one
    texts: list[str] = []  # the distinct sentences' characters
    others: dict[int, list[str]] = {}  # the distinct sentences not of one character a token
    for tokens in sentences:
        text = "".join(tokens)
        # One character a token (the tokenizer's case): the joined text gives every token's code.
        plain = len(text) == len(tokens) and "" not in tokens
        key: object = text if plain else tuple(tokens)
        index = distinct.get(key)
        if index is None:
            index = distinct[key] = len(texts)
            if not plain:
                others[index] = list(tokens)
                text = "\0" * len(tokens)  # placeholders, overwritten below
            texts.append(text)
        which.append(index)

    lengths = np.array([len(text) for text in texts], dtype=np.int64)
    starts = np.cumsum(lengths + 1) - lengths  # after each sentence's edge row
    joined = "\0" + "\0".join(texts) + "\0" * (MAX_WORD + 1)  # edge rows, and room to walk past the end
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    rows = table.by_char[codes]
    if not rows.all():
        table.add([chr(c) for c in np.unique(codes[rows == 0]).tolist()])
        rows = table.by_char[codes]
    rows[np.concatenate([[0], starts + lengths])] = 0
    rows[-MAX_WORD:] = 0
    for index, tokens in others.items():
        rows[starts[index]:starts[index] + len(tokens)] = table.rows(tokens)

    out = np.empty((len(rows), len(FEATURES)), dtype=np.uint64)
    unit = table.unit[rows]
    prev, this, nxt = unit[:-2], unit[1:-1], unit[2:]
    out[:, 0] = table.orth[rows]
    out[:, 1] = table.shape[rows]
    out[1:-1, 2] = (prev << 21) | this
    out[1:-1, 3] = (this << 21) | nxt
    out[1:-1, 4] = (prev << 42) | (this << 21) | nxt

    sym = table.sym[rows]
    python: Sequence[int]
    if lengths.sum() <= _SMALL_BATCH:
        python = range(len(texts))
    else:
        # Sentences with a unit the trie cannot step by go to Python; the rest, all at once.
        python = np.unique(np.searchsorted(starts, np.flatnonzero(sym < 0), side="right") - 1).tolist()
        fast = np.ones(len(texts), dtype=bool)
        fast[python] = False
        out[:, 5:] = _batch_lexicon_keys(np.maximum(sym, 0), table.crc[rows], starts[fast], lengths[fast])
    for index in python:
        units = [_char_keys(t)[0] for t in (others[index] if index in others else texts[index])]
        at = int(starts[index])
        out[at:at + len(units), 5:] = np.array(_lexicon_keys(units), dtype=np.int64).T

    # Views of `out`, one region per sentence; a repeated sentence gets a copy, as the model's key
    # dropout writes into the arrays.
    bounds = list(zip(starts.tolist(), (starts + lengths).tolist()))
    seen = [False] * len(texts)
    result: list[np.ndarray] = []
    for i in which:
        rows_i = out[bounds[i][0]:bounds[i][1]]
        result.append(rows_i.copy() if seen[i] else rows_i)
        seen[i] = True
    return result


def _batch_lexicon_keys(sym: np.ndarray, unit_crc: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``_lexicon_keys`` of the sentences at `starts` in a row of unit symbols (0 at the edges), as
    int64 columns segment, segment_word, begins, ends, inside for every row."""
    lex = lexicon()
    size = len(sym)
    single = lex.first[sym]  # each unit alone, as a trie node (0: none)

    # Every word of 2..MAX_WORD units, one length at a time for all positions: a trie step for each
    # walk still alive (about three a character in all), kept whether a word ends there or not.
    # Sorted by first character (a radix sort), the searches go through the edges in order: twice
    # as fast. The steps keep that order.
    pos = np.flatnonzero(single)
    pos = pos[np.argsort(sym[pos].astype(np.uint16), kind="stable")]
    node = single[pos]
    walks: list[tuple[int, np.ndarray, np.ndarray]] = []
    for units in range(2, MAX_WORD + 1):
        key = node * lex.n_symbols + sym[pos + units - 1]
        at = np.searchsorted(lex.edges, key)  # the sentinel at the end: never out of range
        alive = lex.edges[at] == key
        pos, node = pos[alive], at[alive] + 1
        if not len(pos):
            break
        walks.append((units, pos, node))
    start = np.concatenate([np.zeros(0, dtype=np.int64)] + [p for _, p, _ in walks])
    node = np.concatenate([np.zeros(0, dtype=np.int64)] + [n for _, _, n in walks])
    length = np.repeat(np.array([n for n, _, _ in walks], dtype=np.int64), [len(p) for _, p, _ in walks])
    tag = lex.tag[node]
    is_word = tag > 0  # not a prefix only
    start, node, length = start[is_word], node[is_word], length[is_word]
    word_key = length * 256 + tag[is_word]

    # Tags are below 256, so the longest word has the largest key: the maximum is jieba's "the last
    # one wins" (words come longer and longer) for begins, as much as for ends and inside.
    begins = np.zeros(size, dtype=np.int64)
    ends = np.zeros(size, dtype=np.int64)
    inside = np.zeros(size, dtype=np.int64)
    np.maximum.at(begins, start, word_key)
    np.maximum.at(ends, start + length - 1, word_key)
    owner, offset = _spans(length - 2)
    np.maximum.at(inside, start[owner] + 1 + offset, word_key[owner])

    # options[MAX_WORD - L, p]: log p of the word of L units from p, -inf for none; L = 1 is the
    # unit itself, a word or not (unknown), as jieba's DAG always has it. Column-major: the DP
    # takes the maximum over the first axis, which numpy does fast.
    options = np.full((MAX_WORD, size), -np.inf)
    options[-1] = lex.logp[single]
    logp = lex.logp[node]
    options[MAX_WORD - length, start] = logp
    best = _best_scores(options, starts, lengths)
    # jieba's choice at each position: the longest word that gives the best score (the same sum
    # as in the DP, so an exact comparison), else the unit alone.
    chosen = np.ones(size, dtype=np.int64)
    best_word = logp + best[start + length] == best[start]
    np.maximum.at(chosen, start[best_word], length[best_word])
    nodes = np.zeros((MAX_WORD, size), dtype=np.int64)  # the chosen words' trie nodes
    nodes[MAX_WORD - length[best_word], start[best_word]] = node[best_word]

    # The segmentation: follow the chosen lengths from each sentence start. Positions choosing a
    # one-unit word need no visit, so the walk only looks at the others, in order.
    segment = (((3 << 4) + 1) * 256) + lex.tag[single]  # S, one unit, its tag (0: not a word)
    segment_word = unit_crc | 3
    many = np.flatnonzero(chosen > 1)
    kept: list[int] = []
    reach = 0
    for p, e in zip(many.tolist(), (many + chosen[many]).tolist()):
        if p >= reach:  # not inside the word the path took before
            kept.append(p)
            reach = e
    if kept:
        first_unit = np.array(kept, dtype=np.int64)
        units_in = chosen[first_unit]
        word = nodes[MAX_WORD - units_in, first_unit]
        owner, offset = _spans(units_in)
        each = units_in[owner]
        place = (offset > 0).astype(np.int64) + (offset == each - 1)  # B 0, M 1, E 2
        at = first_unit[owner] + offset
        segment[at] = ((place << 4) + each) * 256 + lex.tag[word][owner]
        segment_word[at] = lex.crc[word][owner] | place
    return np.stack([segment, segment_word, begins, ends, inside], axis=1)


def _spans(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For spans of `counts` cells (none for a count below 1): each cell's span and its offset in it."""
    counts = np.maximum(counts, 0)
    owner = np.repeat(np.arange(len(counts)), counts)
    offset = np.arange(len(owner)) - (np.cumsum(counts) - counts)[owner]
    return owner, offset


def _best_scores(options: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """jieba's dynamic programming for each sentence: per position, the log probability of the most
    probable path through the dictionary words from there to the sentence's end (0 elsewhere).

    It runs from the end of a sentence back, so the sentences go in lockstep, one column at a time:
    sorted longest first, the sentences still running at column c are the first k. The sums are
    added in jieba's order, so the same floats come out. A column costs a few numpy calls whatever
    k, so the columns that only the few longest sentences reach are done in Python instead.
    """
    scores = np.zeros(options.shape[1])
    if not len(starts):
        return scores
    order = np.argsort(-lengths, kind="stable")
    starts, lengths = starts[order], lengths[order]
    few = min(_PYTHON_ROWS - 1, len(lengths))
    columns = int(lengths[few]) if len(lengths) > few else 0  # done in lockstep
    # best[c, r]: the best log p from column c of sentence r to its end; 0 from the end on.
    best = np.zeros((columns + MAX_WORD + 1, len(starts)))

    add = operator.add
    for r in range(few):
        s, n = int(starts[r]), int(lengths[r])
        if n <= columns:
            continue
        block = options[:, s + columns:s + n]
        rows = block.T.tolist()
        several = np.isfinite(block[:-1]).any(axis=0).tolist()  # a word of two units or more
        score = [0.0] * (n - columns + MAX_WORD + 1)
        for i in range(n - columns - 1, -1, -1):
            if several[i]:
                score[i] = max(map(add, rows[i], score[i + MAX_WORD:i:-1]))
            else:
                score[i] = rows[i][-1] + score[i + 1]
        scores[s + columns:s + n] = score[:n - columns]
        best[columns:columns + MAX_WORD + 1, r] = score[:MAX_WORD + 1]

    if columns:
        running = np.searchsorted(-lengths, -np.arange(columns), side="left").tolist()  # longer than c
        bounds = np.cumsum([0] + running).tolist()
        # The cells in column order, each column's running sentences together.
        col = np.repeat(np.arange(columns), running)
        row = np.arange(len(col)) - np.repeat(bounds[:-1], running)
        by_column = options[:, starts[row] + col]
        for c in range(columns - 1, -1, -1):
            k, at = running[c], bounds[c]
            np.maximum.reduce(by_column[:, at:at + k] + best[c + MAX_WORD:c:-1, :k], axis=0, out=best[c, :k])
        scores[starts[row] + col] = best[col, row]
    return scores
