"""The NER's lean inference forward (extractors.ner_forward) gives thinc's own predict, to float tolerance.

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

from extractors import ner_forward
from extractors.bmes_ner import (
    TagGrammar,
    averaged_taggers,
    bmes_spans,
    grammar_matrices,
)
from extractors.ner import MODEL_DIR, ner_pipeline

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
def test_the_shipped_ensemble_scores_and_tags_as_thincs_predict():
    nlp = spacy.load(MODEL_DIR)  # a pipeline of our own: the cached one is shared with other tests
    assert ner_forward.compile_forward(nlp.get_pipe("ner").model) is not None
    texts = TEXTS + ["就职于青禾信合，任信贷岗", "中国工商银行客户经理", "本科毕业于北京大学计算机系"] * 3
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
