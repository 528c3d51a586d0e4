"""The parts of the résumé NER model: its tokenizer, its input features and its BMES decoder."""

import itertools
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.ner.component import CharTokenizer, TagGrammar, bmes_spans, crf_loss, grammar_matrices
from extractors.ner.features import FEATURES, token_features

LABELS = ["B-ORG", "M-ORG", "E-ORG", "O", "S-NAME", "B-NAME", "E-NAME", "B-EDU", "E-EDU"]  # EDU has no M-


def grammatical(tags: list[str]) -> bool:
    """The BMES grammar written out tag by tag, independently of TagGrammar."""
    open_label = None
    for tag in tags:
        place, _, label = tag.partition("-")
        if open_label is None and place not in ("O", "B", "S"):
            return False
        if open_label is not None and not (place in ("M", "E") and label == open_label):
            return False
        open_label = label if place in ("B", "M") else None
    return open_label is None


def test_the_decoder_finds_the_best_grammatical_tag_sequence_of_every_sentence():
    grammar = TagGrammar(LABELS)
    rng = np.random.default_rng(7)
    for _ in range(60):
        lengths = [int(n) for n in rng.integers(0, 6, size=4)]  # several lengths in one batch, and empty
        log_probs = [np.log(rng.dirichlet(np.ones(len(LABELS)), size=n)).astype(np.float32) for n in lengths]
        for lp, path in zip(log_probs, grammar.decode(log_probs)):
            assert len(path) == len(lp)
            if not len(lp):
                continue
            tags = [LABELS[k] for k in path]
            assert grammatical(tags), tags
            best = max(
                (seq for seq in itertools.product(range(len(LABELS)), repeat=len(lp)) if grammatical([LABELS[k] for k in seq])),
                key=lambda seq: sum(lp[i, k] for i, k in enumerate(seq)),
            )
            assert sum(lp[i, k] for i, k in enumerate(path)) == pytest.approx(sum(lp[i, k] for i, k in enumerate(best)), abs=1e-4)


def test_the_crf_loss_is_the_gold_sequences_share_among_all_grammatical_ones_and_its_gradient():
    grammar = grammar_matrices(LABELS)
    rng = np.random.default_rng(3)
    for n in (1, 2, 3, 4):
        log_probs = np.log(rng.dirichlet(np.ones(len(LABELS)), size=n))
        sequences = [seq for seq in itertools.product(range(len(LABELS)), repeat=n) if grammatical([LABELS[k] for k in seq])]
        gold = np.array(sequences[rng.integers(len(sequences))])
        scores = np.array([sum(log_probs[i, k] for i, k in enumerate(seq)) for seq in sequences])
        log_z = np.log(np.exp(scores).sum())
        marginals = np.zeros_like(log_probs)
        for seq, weight in zip(sequences, np.exp(scores - log_z)):
            marginals[np.arange(n), list(seq)] += weight
        loss, (grad,) = crf_loss([log_probs], [gold], grammar)
        assert loss == pytest.approx(log_z - log_probs[np.arange(n), gold].sum(), abs=1e-6)
        expected = marginals.copy()
        expected[np.arange(n), gold] -= 1
        assert np.allclose(grad, expected, atol=1e-5)


def test_a_sentence_whose_likeliest_tags_break_the_grammar_still_gives_whole_entities():
    grammar = TagGrammar(LABELS)
    # Per character the likeliest tags read B-ORG O E-ORG: an entity cut in two.
    probs = np.full((3, len(LABELS)), 0.01, dtype=np.float32)
    for i, tag in enumerate(["B-ORG", "O", "E-ORG"]):
        probs[i, LABELS.index(tag)] = 0.5
    probs[1, LABELS.index("M-ORG")] = 0.4
    (path,) = grammar.decode([np.log(probs)])
    assert bmes_spans(LABELS[k] for k in path) == [(0, 3, "ORG")]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab中文 \t\n　Ｘ1")), max_size=12))
def test_the_char_tokenizer_splits_like_spacys_char_segmenter(text):
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    ours = CharTokenizer(nlp.vocab, segmenter="char")(text)
    assert [(t.text, t.whitespace_) for t in ours] == [(t.text, t.whitespace_) for t in nlp.make_doc(text)]


def test_features_see_the_dictionary_word_a_character_belongs_to():
    feats = token_features(list("中国工商银行客户经理"))
    assert feats.shape == (10, len(FEATURES))
    segment, word = FEATURES.index("segment"), FEATURES.index("segment_word")
    # 经 is the same character in 经理 and in 经济, but a different word and place in it.
    other = token_features(list("经济学专业"))
    assert feats[8, 0] == other[0, 0]
    assert feats[8, word] != other[0, word]
    # 银 sits inside 工商银行 and 行 ends it: the same word, different places.
    assert feats[4, word] != feats[5, word]
    assert feats[4, segment] != feats[5, segment]


def test_features_do_not_depend_on_pythons_string_hash_seed():
    # The model was trained on these keys: a different key in another process would be a different input.
    code = "from extractors.ner.features import token_features; print(token_features(list('厦门泛华集团副总经理')).tolist())"
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


def test_the_training_config_trains_a_pipeline_that_loads_and_tags(tmp_path):
    # A few steps of the real config on a tiny BMES file: the component, features and tokenizer train,
    # save and load back through spacy.load, as `spacy project run all` does at full size.
    ner_dir = Path(__file__).resolve().parent.parent / "training" / "ner"
    lines = []
    for name, org in [("张测试", "示例银行"), ("李示例", "青禾信用社"), ("王样本", "测试烟草公司")] * 4:
        text = f"{name}任{org}客户经理"
        tags = (["B-NAME", "M-NAME", "E-NAME"] + ["O"] + ["B-ORG"] + ["M-ORG"] * (len(org) - 2) + ["E-ORG"]
                + ["B-TITLE", "M-TITLE", "M-TITLE", "E-TITLE"])
        lines += [f"{c} {t}" for c, t in zip(text, tags)] + [""]
    (tmp_path / "tiny.bmes").write_text("\n".join(lines), encoding="utf-8")

    def run(*args: str) -> None:
        subprocess.run([sys.executable, *args], cwd=ner_dir, capture_output=True, text=True, check=True)

    run("scripts/convert_bmes.py", str(tmp_path / "tiny.bmes"), str(tmp_path / "train.spacy"), "--augment", "1")
    run("-m", "spacy", "train", "configs/ner.cfg", "--output", str(tmp_path / "out"), "--code", "scripts/cpu_setup.py",
        "--paths.train", str(tmp_path / "train.spacy"), "--paths.dev", str(tmp_path / "train.spacy"),
        "--training.max_steps", "3", "--training.eval_frequency", "3")
    nlp = spacy.load(tmp_path / "out" / "model-last")
    assert nlp.pipe_names == ["ner"]
    assert set(nlp.get_pipe("ner").labels) == {"B-NAME", "M-NAME", "E-NAME", "O", "B-ORG", "M-ORG", "E-ORG",
                                               "B-TITLE", "M-TITLE", "E-TITLE"}
    doc = nlp("赵样例任示例银行客户经理")
    assert len(doc) == 12 and all(e.label_ in {"NAME", "ORG", "TITLE"} for e in doc.ents)

    # Exported as the shipped model is: two members averaged, hash tables stored as float16.
    trained = tmp_path / "out" / "model-last"
    run("scripts/export_model.py", str(trained), str(tmp_path / "shipped"), "--also", str(trained))
    shipped = spacy.load(tmp_path / "shipped")
    model = shipped.get_pipe("ner").model
    assert model.name == "averaged_taggers" and len(model.layers) == 2
    tables = [node.get_param("E") for node in model.walk() if node.name == "hashembed"]
    assert len(tables) == 2 * 10 and all(E.dtype == np.float32 for E in tables)  # widened on loading
    assert all(np.array_equal(E, E.astype(np.float16).astype(np.float32)) for E in tables)  # from float16
    # Two taggers in about the bytes of one: the tables, most of a tagger, are half size.
    assert (tmp_path / "shipped" / "ner" / "model").stat().st_size < 1.2 * (trained / "ner" / "model").stat().st_size
    doc = shipped("赵样例任示例银行客户经理")
    assert len(doc) == 12 and all(e.label_ in {"NAME", "ORG", "TITLE"} for e in doc.ents)
