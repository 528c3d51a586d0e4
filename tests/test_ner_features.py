"""The NER's feature keys: the batched numpy path and the plain Python path agree bit for bit.

The trained model depends on every key, so the fast batch path (a trie in arrays, jieba's dynamic
programming in lockstep over the sentences) must give exactly what the one-sentence Python
definition (``_lexicon_keys``) gives, whatever the batch around a sentence.
"""

from __future__ import annotations

import zlib
from contextlib import contextmanager

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.ner import features as ner_features
from extractors.ner.features import FEATURES, batch_token_features, token_features

LINES = [
    "中国工商银行客户经理",
    "2015年9月至2019年6月  北京大学  计算机科学与技术专业  本科",
    "厦门泛华集团副总经理，负责华东区销售",
    "熟悉Java/Python，CET-6，ＩＥＬＴＳ７．５",
    "中华人民共和国国务院总理",
    "教育背景",
    "教育背景",  # résumé lines repeat: each still gets its own array
    "",
    "张",
    "Hello World",
    "中" * 40 + "北京大学" * 30,  # longer than every other: the DP's Python tail
]


@contextmanager
def _path(name: str):
    """Every batch through one path: numpy ("numpy") or the per-sentence Python one ("python")."""
    saved = ner_features._SMALL_BATCH
    ner_features._SMALL_BATCH = -1 if name == "numpy" else 10**9
    try:
        yield
    finally:
        ner_features._SMALL_BATCH = saved


def _same(a: list[np.ndarray], b: list[np.ndarray]) -> None:
    assert len(a) == len(b)
    for x, y in zip(a, b):
        assert x.dtype == y.dtype == np.uint64 and x.shape == y.shape
        np.testing.assert_array_equal(x, y)


def test_a_batch_gives_each_sentence_what_it_gets_alone():
    sentences = [list(line) for line in LINES]
    batch = batch_token_features(sentences)
    _same(batch, [token_features(s) for s in sentences])
    assert [keys.shape for keys in batch] == [(len(s), len(FEATURES)) for s in sentences]
    assert all(keys.flags.c_contiguous for keys in batch)
    # Key dropout writes into the arrays in place: a repeated sentence must not share memory.
    assert not np.shares_memory(batch[5], batch[6])


def test_the_numpy_and_python_paths_agree_on_resume_lines():
    sentences = [list(line) for line in LINES] + [list(line.upper()) for line in LINES]
    with _path("numpy"):
        fast = batch_token_features(sentences)
        alone = [token_features(s) for s in sentences]
    with _path("python"):
        slow = batch_token_features(sentences)
    _same(fast, slow)
    _same(alone, slow)


# Characters that make dictionary words together, others that do not, and tokens of several
# characters: runs of spaces (as the character tokenizer makes), a word, and the empty string.
_TOKENS = st.one_of(
    st.sampled_from(list("中国工商银行客户经理北京大学计算机专业科学技术有限公司总经理")),
    st.sampled_from(list("aBz019 \u3000ＸＡ１，。/-İ😀")),
    st.sampled_from(["  ", "\t\t", "Hello", "中国", "ab", ""]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_TOKENS, max_size=40), max_size=8))
def test_the_numpy_and_python_paths_agree_on_any_tokens(sentences):
    with _path("numpy"):
        fast = batch_token_features(sentences)
    with _path("python"):
        slow = batch_token_features(sentences)
    _same(fast, slow)


def test_hand_checked_keys():
    feats = token_features(list("中国工商银行客户经理"))
    segment, word, begins, ends, inside = (feats[:, FEATURES.index(f)].tolist() for f in FEATURES[5:])
    # jieba's segmentation: 中国工商银行 / 客户经理, places B M … E, lengths 6 and 4.
    assert [(key >> 12, (key >> 8) & 15) for key in segment] == [(0, 6)] + [(1, 6)] * 4 + [(2, 6)] + [
        (0, 4), (1, 4), (1, 4), (2, 4)
    ]
    org = zlib.crc32("中国工商银行".encode()) << 2
    title = zlib.crc32("客户经理".encode()) << 2
    assert word == [org] + [org | 1] * 4 + [org | 2] + [title, title | 1, title | 1, title | 2]
    # The longest word starting at 中, ending at 行 and around 国…银 is the same one, 6 long.
    assert begins[0] == ends[5] == inside[1] == inside[4] == 6 * 256 + (segment[0] & 255)
    assert segment[0] & 255 != segment[6] & 255  # an organisation (nt), not a plain noun (n)
    assert begins[6] >> 8 == 4 and ends[9] >> 8 == 4  # 客户经理

    # Characters: the code, the shape, and neighbours as lower case with every digit "0".
    edge, a, zero, space = 0x110000, ord("a"), ord("0"), ord(" ")
    assert token_features(["A", "1", " "])[:, :5].tolist() == [
        [ord("A"), 2, (edge << 21) | a, (a << 21) | zero, (edge << 42) | (a << 21) | zero],
        [ord("1"), 1, (a << 21) | zero, (zero << 21) | space, (a << 42) | (zero << 21) | space],
        [ord(" "), 6, (zero << 21) | space, (space << 21) | edge, (zero << 42) | (space << 21) | edge],
    ]


def test_an_empty_batch_has_no_sentences():
    assert batch_token_features([]) == []
    assert token_features([]).shape == (0, len(FEATURES))
