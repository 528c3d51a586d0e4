"""The NER's lean inference forward (extractors.ner.forward) gives thinc's own predict, to float tolerance.

Pipelines are built from training/ner/configs/ner.cfg at toy sizes, with both encoders and several
widths, depths, windows and maxout pieces, then given random weights (as initialised, the output
layer is all zeros and every score would agree trivially).
"""

import itertools
from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.training import Example
from spacy.util import load_config, load_model_from_config

from extractors.fields.ner_gaps import MODEL_DIR, ner_pipeline
from extractors.ner import forward as ner_forward
from extractors.ner.component import (
    TagGrammar,
    averaged_taggers,
    bmes_spans,
    cascaded_taggers,
    crf_loss,
    grammar_matrices,
)
from extractors.ner.int8_dense import WEIGHT_LEVELS, Int8Dense

CONFIG = Path(__file__).resolve().parent.parent / "training" / "ner" / "configs" / "ner.cfg"
TAGGED = [
    ("张测试任示例银行客户经理", ["B-NAME", "M-NAME", "E-NAME", "O", "B-ORG", "M-ORG", "M-ORG", "E-ORG",
                          "B-TITLE", "M-TITLE", "M-TITLE", "E-TITLE"]),
    ("李四硕士", ["B-NAME", "E-NAME", "B-EDU", "E-EDU"]),  # EDU never has an M-: a label without one
    ("王", ["S-NAME"]),
]
TEXTS = [
    "2015年起任示例银行青禾支行客户经理",
    "",
    "西",
    "西南财经大学金融学本科，1990年生，汉族。",
    "Zhang San 就职于 ABC 公司",  # spaces: the tokenizer's other path
    "",
    "青禾信合" * 40,  # longer than the others: the decoder runs past them
    "任信贷岗",
]
ENCODERS = [
    {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 16, "depth": 3, "window_size": 2, "maxout_pieces": 3},
    {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 12, "depth": 1, "window_size": 1, "maxout_pieces": 2},
    {"@architectures": "spacy.MishWindowEncoder.v2", "width": 16, "depth": 2, "window_size": 1},
    {"@architectures": "spacy.MishWindowEncoder.v2", "width": 8, "depth": 4, "window_size": 2},
]
ROWS = [97, 13, 89, 83, 79, 31, 73, 29, 23, 19]  # per feature table


def toy_pipeline(encoder: dict, mixer_pieces: int = 3, normalize: bool = False, seed: int = 0, rows: list[int] = ROWS):
    config = load_config(CONFIG)
    model = config["components"]["ner"]["model"]
    model["normalize"] = normalize
    model["tok2vec"]["encode"] = dict(encoder)
    model["tok2vec"]["embed"].update(feature_width=6, rows=rows, mixer_pieces=mixer_pieces)
    nlp = load_model_from_config(config, auto_fill=True)
    nlp.initialize(lambda: [Example.from_dict(nlp.make_doc(text), {"tags": tags}) for text, tags in TAGGED])
    randomise(nlp.get_pipe("ner").model, seed)
    return nlp


def randomise(model, seed: int) -> None:
    rng = np.random.default_rng(seed)
    for node in model.walk():
        for name in node.param_names:
            if node.has_param(name):
                shape = node.get_param(name).shape
                scale = 1.0 if node.name == "hashembed" else 1.0 / np.sqrt(shape[-1])
                centre = 1.0 if (node.name, name) == ("layernorm", "G") else 0.0
                node.set_param(name, (centre + scale * rng.standard_normal(shape)).astype(np.float32))


def thinc_log_probs(ner, docs) -> np.ndarray:
    """What the component predicted before the lean forward: thinc's predict, a log-softmax per doc."""
    return np.concatenate([ner_forward.log_softmax(ner.model.ops.to_numpy(x)) for x in ner.model.predict(docs)])


def assert_same_as_thinc(nlp, texts=TEXTS) -> None:
    ner = nlp.get_pipe("ner")
    docs = [nlp.make_doc(text) for text in texts]
    expected = thinc_log_probs(ner, docs)
    got = ner.predict(docs)
    assert [len(x) for x in got] == [len(doc) for doc in docs]
    np.testing.assert_allclose(np.concatenate(got), expected, atol=1e-4, rtol=0)
    # And the entities decoded from either.
    lengths = np.array([len(doc) for doc in docs])
    ends = np.cumsum(lengths)
    for doc, start, end in zip(nlp.pipe(texts), ends - lengths, ends):
        (path,) = TagGrammar(ner.labels).decode([expected[start:end]])
        assert [(e.start, e.end, e.label_) for e in doc.ents] == bmes_spans(ner.labels[k] for k in path)


@pytest.mark.parametrize(
    "encoder, mixer_pieces",
    [pytest.param(e, pieces, id=f"{e['@architectures'].split('.')[1]}-w{e['width']}-d{e['depth']}-mix{pieces}")
     for e, pieces in zip(ENCODERS, [3, 2, 2, 3])],
)
def test_the_lean_forward_scores_as_thincs_predict(encoder, mixer_pieces):
    nlp = toy_pipeline(encoder, mixer_pieces)
    assert ner_forward.compile_forward(nlp.get_pipe("ner").model) is not None
    assert_same_as_thinc(nlp)


def test_a_batch_of_empty_docs_and_single_characters():
    nlp = toy_pipeline(ENCODERS[0])
    assert_same_as_thinc(nlp, ["", "王", "", "李"])
    assert [list(doc.ents) for doc in nlp.pipe(["", ""])] == [[], []]


def test_new_weights_are_read_however_they_arrive():
    # The optimizer updates parameters in place and use_params swaps in the averages (the same arrays
    # at every evaluation): a forward that cached copies would score the old weights.
    nlp = toy_pipeline(ENCODERS[0])
    ner = nlp.get_pipe("ner")
    assert_same_as_thinc(nlp)
    for node in ner.model.walk():
        for name in node.param_names:
            node.get_param(name)[...] *= 1.5  # in place
    assert_same_as_thinc(nlp)
    averages = {}
    rng = np.random.default_rng(1)
    for node in ner.model.walk():
        for name in node.param_names:
            param = node.get_param(name)
            averages[(node.id, name)] = (param + 0.3 * rng.standard_normal(param.shape)).astype(np.float32)
    with ner.model.use_params(averages):
        assert_same_as_thinc(nlp)
    assert_same_as_thinc(nlp)
    ner.model = toy_pipeline(ENCODERS[2], seed=2).get_pipe("ner").model  # another model altogether
    assert_same_as_thinc(nlp)


def test_a_model_it_does_not_know_is_left_to_thinc():
    nlp = toy_pipeline(ENCODERS[0], normalize=True)  # probabilities out, not logits
    ner = nlp.get_pipe("ner")
    assert ner_forward.compile_forward(ner.model) is None
    assert_same_as_thinc(nlp)


def test_an_ensemble_of_unlike_taggers_scores_as_thincs_predict():
    nlp = toy_pipeline(ENCODERS[0])
    # Other table sizes: the members must not share hash buckets then.
    other = toy_pipeline(ENCODERS[3], seed=3, rows=[n + 10 for n in ROWS]).get_pipe("ner")
    ner = nlp.get_pipe("ner")
    assert other.labels == ner.labels
    ner.model = averaged_taggers(ner.model, other.model)  # as training/ner/scripts/export_model.py builds it
    assert_same_as_thinc(nlp)


@pytest.mark.skipif(ner_pipeline() is None, reason="data/models/zh_resume_ner is not installed")
def test_the_shipped_taggers_score_and_tag_as_thincs_predict():
    nlp = spacy.load(MODEL_DIR)  # a pipeline of our own: the cached one is shared with other tests
    ner = nlp.get_pipe("ner")
    assert ner_forward.compile_forward(ner.model) is not None
    texts = TEXTS + ["就职于青禾信合，任信贷岗", "中国工商银行客户经理", "本科毕业于北京大学计算机系"] * 3
    fast, accurate = ner.model.layers  # a cascade: its parts on their own, in float32
    for part in (fast, accurate):
        ner.model = part
        assert_same_as_thinc(nlp, texts)


def test_the_viterbi_of_a_flat_batch_is_the_best_grammatical_path_of_each_sentence():
    # An M- without B-/E-, a B- without E-, an E- without B-: tags no grammatical path can use.
    labels = ["O", "B-ORG", "M-ORG", "E-ORG", "S-NAME", "B-NAME", "E-NAME", "M-X", "B-Y", "E-Z"]
    grammar = TagGrammar(labels)
    trans, first, last = grammar_matrices(labels)
    rng = np.random.default_rng(5)
    lengths = np.array([0, 3, 1, 2, 0, 12, 3, 5])
    log_probs = np.log(rng.dirichlet(np.ones(len(labels)), size=int(lengths.sum()))).astype(np.float32)
    flat = ner_forward.bmes_viterbi(grammar, log_probs, lengths)
    ends = np.cumsum(lengths)
    for start, end in zip(ends - lengths, ends):
        lp, path = log_probs[start:end], flat[start:end]
        (alone,) = grammar.decode([lp])
        assert np.array_equal(path, alone)  # the batch around a sentence does not change its path
        if 0 < len(lp) <= 3:
            every = [np.array(seq) for seq in itertools.product(range(len(labels)), repeat=len(lp))]
            best = max(path_score(seq, lp, trans, first, last) for seq in every)
            assert path_score(path, lp, trans, first, last) == pytest.approx(best, abs=1e-4)


def path_score(tags: np.ndarray, log_probs: np.ndarray, trans, first, last) -> float:
    """A tag sequence's score, -inf outside the grammar."""
    grammar = first[tags[0]] + trans[tags[:-1], tags[1:]].sum() + last[tags[-1]]
    return float(grammar + log_probs[np.arange(len(tags)), tags].sum())


def test_the_max_marginal_is_the_best_tags_share_of_the_grammatical_sequences_through_it():
    labels = ["O", "B-ORG", "M-ORG", "E-ORG", "S-NAME", "B-NAME", "E-NAME", "M-X", "B-Y", "E-Z"]
    grammar = TagGrammar(labels)
    dense = grammar_matrices(labels)
    rng = np.random.default_rng(7)
    lengths = np.array([0, 3, 1, 2, 0, 12, 3, 40])
    log_probs = np.log(rng.dirichlet(np.ones(len(labels)) * 0.3, size=int(lengths.sum()))).astype(np.float32)
    best = ner_forward.bmes_max_marginals(grammar, log_probs, lengths)
    assert best.shape == (lengths.sum(),) and np.all((best > 0) & (best <= 1 + 1e-6))
    ends = np.cumsum(lengths)
    for start, end in zip(ends - lengths, ends):
        lp = log_probs[start:end]
        if not len(lp):
            continue
        alone = ner_forward.bmes_max_marginals(grammar, lp, np.array([len(lp)]))
        np.testing.assert_allclose(best[start:end], alone, rtol=1e-5)  # the batch does not change a sentence's
        if len(lp) <= 3:  # every sequence, weighted by exp(score)
            weight = np.zeros((len(lp), len(labels)))
            for seq in itertools.product(range(len(labels)), repeat=len(lp)):
                score = path_score(np.array(seq), lp, *dense)
                if np.isfinite(score):
                    weight[np.arange(len(lp)), seq] += np.exp(score)
            expected = weight.max(axis=1) / weight.sum(axis=1)
        else:  # the CRF loss's forward-backward: its gradient is marginal - gold
            (path,) = grammar.decode([lp])
            _, (grad,) = crf_loss([lp.astype(np.float64)], [path], dense)
            marginals = grad.astype(np.float64)
            marginals[np.arange(len(lp)), path] += 1.0
            expected = marginals.max(axis=1)
        np.testing.assert_allclose(best[start:end], expected, rtol=1e-4)


def test_int8_layers_compute_in_exact_integers():
    rng = np.random.default_rng(3)
    W = rng.standard_normal((24, 640)).astype(np.float32)
    W[0] = np.abs(W[0])  # a column of positive weights only: with the input below, every pair at its largest
    W[1] = 0.0  # a column of zeros (scale 1)
    b = rng.standard_normal(24).astype(np.float32)
    X = rng.standard_normal((50, 640)).astype(np.float32) * 3
    X[0] = X.max()  # every input at the top of the range
    got = Int8Dense(W, b)(X)
    # DynamicQuantizeLinear: uint8 over [min(x, 0), max(x, 0)], round half to even
    x_scale = np.float32((max(X.max(), 0) - min(X.min(), 0)) / 255)
    x_zero = np.clip(np.round(-min(X.min(), 0) / x_scale), 0, 255)
    Xq = np.clip(np.round(X / x_scale) + x_zero, 0, 255).astype(np.int64)
    w_scale = np.where(np.abs(W).max(axis=1) > 0, np.abs(W).max(axis=1) / WEIGHT_LEVELS, 1).astype(np.float32)
    Wq = np.round(W / w_scale[:, None]).astype(np.int64)
    assert np.abs(Wq).max() == WEIGHT_LEVELS
    sums = (Xq - int(x_zero)) @ Wq.T  # exact: no 16-bit pair overflows, whatever the CPU
    expected = (sums.astype(np.float32) * (x_scale * w_scale)) + b
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(got, X @ W.T + b, atol=0.05 * np.abs(X @ W.T).max())  # and near the float product
    assert Int8Dense(W, b)(X[:0]).shape == (0, 24)


def cascade_pipeline(threshold: float, reach: int, int8: bool = False):
    """A fast toy tagger in front of an average of two others, all with random weights."""
    nlp = toy_pipeline(ENCODERS[1], mixer_pieces=2, seed=4)
    first = toy_pipeline(ENCODERS[0], seed=5).get_pipe("ner").model
    second = toy_pipeline(ENCODERS[3], seed=6, rows=[n + 10 for n in ROWS]).get_pipe("ner").model
    ner = nlp.get_pipe("ner")
    fast = ner.model
    accurate = averaged_taggers(first, second)
    ner.model = cascaded_taggers(fast, accurate, threshold=threshold, reach=reach, int8=int8)
    return nlp, fast, accurate


@pytest.mark.parametrize("reach", [0, 1, 3])
def test_a_cascade_rescores_just_where_its_fast_tagger_is_unsure(reach):
    texts = TEXTS + ["就职于青禾信合，任信贷岗", "中国工商银行客户经理", "本科毕业于北京大学计算机系"]
    nlp, fast, accurate = cascade_pipeline(threshold=0.0, reach=reach)
    ner = nlp.get_pipe("ner")
    docs = [nlp.make_doc(text) for text in texts]
    lengths = np.array([len(doc) for doc in docs])
    fast_scores = np.concatenate([ner_forward.log_softmax(x) for x in fast.predict(docs)])
    accurate_scores = np.concatenate([ner_forward.log_softmax(x) for x in accurate.predict(docs)])
    grammar = TagGrammar(ner.labels)
    sureness = ner_forward.bmes_max_marginals(grammar, fast_scores, lengths)
    # About half the characters unsure: a threshold in the widest gap between sureness values near the
    # middle, so that float rounding cannot move a character across it.
    ranked = np.sort(sureness)
    middle = np.arange(len(ranked) // 4, 3 * len(ranked) // 4)
    gap = middle[np.argmax(ranked[middle] - ranked[middle - 1])]
    assert ranked[gap] - ranked[gap - 1] > 1e-3
    ner.model.attrs["threshold"] = float(ranked[gap] + ranked[gap - 1]) / 2
    unsure = sureness < ner.model.attrs["threshold"]
    rescored = unsure.copy()
    doc_of = np.repeat(np.arange(len(docs)), lengths)
    for i in np.flatnonzero(unsure):
        near = np.arange(max(i - reach, 0), min(i + reach + 1, len(unsure)))
        rescored[near[doc_of[near] == doc_of[i]]] = True
    assert 0 < unsure.sum() < len(unsure)
    assert unsure.sum() < rescored.sum() < len(rescored) if reach else np.array_equal(rescored, unsure)

    got = np.concatenate(ner.predict(docs))
    np.testing.assert_allclose(got[~rescored], fast_scores[~rescored], atol=1e-4, rtol=0)
    np.testing.assert_allclose(got[rescored], accurate_scores[rescored], atol=1e-4, rtol=0)
    # thinc's own forward of the cascade knows no grammar: the accurate taggers' scores everywhere
    np.testing.assert_allclose(thinc_log_probs(ner, docs), accurate_scores, atol=1e-4, rtol=0)


@pytest.mark.parametrize("threshold", [0.0, 1.0], ids=["fast-tagger-alone", "accurate-taggers-everywhere"])
def test_an_int8_cascade_scores_near_the_float_one(threshold):
    # At these thresholds no character is routed differently, so the scores compare like for like.
    texts = TEXTS + ["就职于青禾信合，任信贷岗", "中国工商银行客户经理"]
    floats, _, _ = cascade_pipeline(threshold, reach=1)
    ints, _, _ = cascade_pipeline(threshold, reach=1, int8=True)
    docs = [floats.make_doc(text) for text in texts]
    a, b = np.concatenate(floats.get_pipe("ner").predict(docs)), np.concatenate(ints.get_pipe("ner").predict(docs))
    assert not np.array_equal(a, b)  # it did run in integers
    assert np.abs(np.exp(a) - np.exp(b)).max() < 0.15  # tag probabilities within a few points
    assert (a.argmax(axis=1) == b.argmax(axis=1)).mean() > 0.95


@pytest.mark.skipif(ner_pipeline() is None, reason="data/models/zh_resume_ner is not installed")
def test_the_shipped_cascade_tags_as_its_float_self_and_rescores_a_few_characters():
    nlp = spacy.load(MODEL_DIR)
    ner = nlp.get_pipe("ner")
    assert ner.model.name == "cascaded_taggers" and ner.model.attrs["int8"]
    texts = ["2015年7月毕业于示例财经大学金融学专业，本科学历", "2016年3月入职青禾农村商业银行，任客户经理",
             "张测试，女，汉族，1990年生，中共党员", "现任示例烟草公司营销部客户经理，负责卷烟零售户服务",
             "熟悉信贷业务流程，持有银行从业资格证书"]
    ints = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in nlp.pipe(texts)]
    counts = ner.counts
    assert 0 < counts["rescored"] < 0.5 * counts["rows"] and counts["rows"] == sum(map(len, texts))
    floats_nlp = spacy.load(MODEL_DIR)
    floats_nlp.get_pipe("ner").model.attrs["int8"] = False  # before its first batch, which compiles it
    floats = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in floats_nlp.pipe(texts)]
    assert ints == floats and sum(map(len, ints)) >= 10


def test_a_long_line_among_short_ones_is_decoded_in_groups_with_the_same_result(monkeypatch):
    # Side by side, every sentence of a batch is laid out as long as its longest: one 20,000-character
    # line piped into `screener ner` with short ones took 1.2 GB. Groups bound that, and change nothing.
    labels = ["O", "B-ORG", "M-ORG", "E-ORG", "S-NAME", "B-NAME", "E-NAME"]
    grammar = TagGrammar(labels)
    lengths = np.array([3, 1, 0, 40, 2, 5, 12, 7])
    rng = np.random.default_rng(11)
    log_probs = np.log(rng.dirichlet(np.ones(len(labels)), size=int(lengths.sum()))).astype(np.float32)
    paths = ner_forward.bmes_viterbi(grammar, log_probs, lengths)
    sureness = ner_forward.bmes_max_marginals(grammar, log_probs, lengths)
    monkeypatch.setattr(ner_forward, "_CELLS", 30)
    assert len(ner_forward._in_groups(lengths)) >= 4
    assert np.array_equal(ner_forward.bmes_viterbi(grammar, log_probs, lengths), paths)
    np.testing.assert_allclose(ner_forward.bmes_max_marginals(grammar, log_probs, lengths), sureness, rtol=1e-6)
