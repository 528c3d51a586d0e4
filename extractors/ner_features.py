"""Per-character features for the résumé NER: the character, its neighbours, and the words around it.

A character CNN sees only characters; Chinese entity boundaries are word boundaries, and the words
are in a dictionary. So each character also gets the dictionary words that start, end or pass
through it (with their part-of-speech tag: ``nt`` organisation, ``nr`` person, ``ns`` place …) and
its place in the most probable segmentation, the lattice information that lexicon NER models such as
Lattice LSTM add. The dictionary is jieba's own ``dict.txt`` (349k words, frequency, tag), read
directly so that words other modules add to jieba at run time do not change the model's input.

Every feature is an unsigned 64-bit key, one column per feature; the model hashes each column into
its own embedding table. Pure functions: no spaCy, no model.
"""

from __future__ import annotations

import math
import unicodedata
import zlib
from collections.abc import Sequence
from functools import cache

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
_EDGE = 0x110000  # beyond Unicode: the padding "character" before the first and after the last
_SHAPES = {"digit": 1, "upper": 2, "lower": 3, "cjk": 4, "punct": 5, "space": 6, "other": 7}


@cache
def lexicon() -> tuple[dict[str, tuple[float, int] | None], float]:
    """jieba's dictionary as word -> (log probability, tag id), and the log probability of an unknown.

    Every prefix of a word is a key too (None when it is not a word itself), so a lookup can stop
    as soon as no word continues: about three lookups a character instead of eight.
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
    table: dict[str, tuple[float, int] | None] = {}
    for word in words:
        for end in range(1, len(word)):
            table.setdefault(word[:end], None)
    for word, (freq, tag) in words.items():
        table[word] = (math.log(max(freq, 1)) - total, tags[tag])
    return table, -total


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


_ABSENT = object()  # a lookup result: not even the prefix of a word


def _lexicon_keys(units: Sequence[str]) -> tuple[list[int], list[int], list[int], list[int], list[int]]:
    """Per unit: the longest dictionary word beginning, ending and passing through it (length * 256
    + tag, 0 for none), and its place in the most probable segmentation (segment and word keys).

    One pass over the text builds both, since both need every dictionary word in it. Written as
    plain loops over small lists: at 30 characters a sentence, numpy's per-call cost would dominate.
    """
    words, unknown = lexicon()
    lookup = words.get
    n = len(units)
    begins, ends, inside = [0] * n, [0] * n, [0] * n
    options: list[list[tuple[int, float]]] = [[] for _ in range(n)]  # start -> [(end, log p)]
    for i in range(n):
        piece = units[i]
        for j in range(i + 1, min(n, i + MAX_WORD)):
            piece += units[j]
            hit = lookup(piece, _ABSENT)
            if hit is _ABSENT:
                break
            if hit is None:  # a prefix of longer words only
                continue
            key = (j + 1 - i) * 256 + hit[1]  # longer words come later: the last one wins
            options[i].append((j + 1, hit[0]))
            begins[i] = key
            if ends[j] < key:  # plain comparisons: max() costs a call per character
                ends[j] = key
            for k in range(i + 1, j):
                if inside[k] < key:
                    inside[k] = key

    # jieba's most probable path through the dictionary words (its DAG + dynamic programming).
    best_score = [0.0] * (n + 1)
    best_end = [n] * (n + 1)
    for i in range(n - 1, -1, -1):
        single = words.get(units[i])  # None for a unit that is only a prefix
        score, end = (single[0] if single else unknown) + best_score[i + 1], i + 1
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
        hit = words.get(word)
        tag = hit[1] if hit else 0  # 0: not in the dictionary
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
    """token_features of each sentence; the array work done once for the whole batch."""
    n_tokens = [len(tokens) for tokens in sentences]
    keys = [_char_keys(t) for tokens in sentences for t in tokens]
    columns = np.empty((len(FEATURES), len(keys)), dtype=np.uint64)
    if keys:
        orth, unit_code, shape = (np.array(col, dtype=np.int64).view(np.uint64) for col in zip(*((k[2], k[1], k[3]) for k in keys)))
        # Neighbours across a sentence boundary are the edge marker, not the other sentence.
        first = np.zeros(len(keys), dtype=bool)
        last = np.zeros(len(keys), dtype=bool)
        starts = np.cumsum([0] + n_tokens[:-1])
        nonempty = np.array(n_tokens) > 0
        first[starts[nonempty]] = True
        last[(starts + n_tokens - 1)[nonempty]] = True
        prev = np.where(first, np.uint64(_EDGE), np.roll(unit_code, 1))
        nxt = np.where(last, np.uint64(_EDGE), np.roll(unit_code, -1))
        columns[0], columns[1] = orth, shape
        columns[2] = (prev << np.uint64(21)) | unit_code
        columns[3] = (unit_code << np.uint64(21)) | nxt
        columns[4] = (prev << np.uint64(42)) | (unit_code << np.uint64(21)) | nxt
        lexical = [[] for _ in range(5)]
        pos = 0
        for n in n_tokens:
            for column, values in zip(lexical, _lexicon_keys([k[0] for k in keys[pos:pos + n]])):
                column.extend(values)
            pos += n
        columns[5:] = np.array(lexical, dtype=np.int64).view(np.uint64)
    rows = columns.T
    bounds = np.cumsum(n_tokens)[:-1]
    return [np.ascontiguousarray(part) for part in np.split(rows, bounds)]
