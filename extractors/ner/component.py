"""The résumé NER as a spaCy component: a per-character BMES tagger decoded into entities.

spaCy's transition-based ``ner`` spends most of its time in its state machine; a tagger scores every
character at once (one matrix multiply per layer for a whole batch), and a Viterbi pass over the
BMES tags (B-ORG M-ORG E-ORG, S-NAME, O) under the tag grammar turns the scores into whole entities.
Its input layer is ``ResumeNERFeatures``: hashed embeddings of the character, its n-grams and the
dictionary words around it (``extractors.ner.features``).
At inference the component scores a batch with ``extractors.ner.forward``, the trained thinc model
read once and run as one flat numpy array (the same scores, 1.3-1.6x faster); training, and any
model structure it does not know, use thinc's own forward.

Registered here, and imported before the model is loaded (``extractors.fields.ner_gaps``) or trained
(``--code`` in ``training/ner/project.yml``):
- architecture ``screener.ResumeNERFeatures.v1``
- factory ``bmes_ner`` (a ``Tagger`` whose annotations are ``doc.ents``, scored as NER)
- tokenizer ``screener.CharTokenizer.v1`` (one token a character, as the corpus is annotated)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple, cast

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE, ORTH
from spacy.lang.zh import ChineseTokenizer
from spacy.language import Language
from spacy.pipeline.tagger import Tagger
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import (
    HashEmbed,
    Maxout,
    Model,
    chain,
    concatenate,
    list2ragged,
    ragged2list,
    with_array,
)
from thinc.types import Floats2d, Ints2d

from extractors.ner.features import FEATURES, batch_token_features
from extractors.ner.forward import bmes_viterbi, compile_forward, log_softmax


@registry.architectures("screener.ResumeNERFeatures.v1")
def resume_ner_features(
    width: int, feature_width: int, rows: list[int], key_dropout: float = 0.0, mixer_pieces: int = 3
) -> Model[list[Doc], list[Floats2d]]:
    """Embed each character from its FEATURES columns, one hash table a column, mixed to `width`.

    key_dropout: in training, the share of context keys (all but the character and its shape)
    replaced by an "unseen" key, so that the model cannot lean on one rare n-gram or word it
    memorised and learns to fall back on the others, as it must on new text.
    mixer_pieces: maxout pieces of the layer that mixes the tables (3 as in spaCy's MultiHashEmbed).
    """
    if len(rows) != len(FEATURES):
        raise ValueError(f"rows: {len(rows)} table sizes given, the features are {len(FEATURES)}: {FEATURES}")
    tables = [
        HashEmbed(nO=feature_width, nV=n_rows, column=i, seed=i + 1, dropout=0.0)
        for i, n_rows in enumerate(rows)
    ]
    return chain(
        Model("resume_ner_feature_keys", _feature_keys_forward, attrs={"key_dropout": key_dropout}),
        list2ragged(),
        with_array(
            chain(concatenate(*tables), Maxout(nO=width, nI=feature_width * len(rows), nP=mixer_pieces, dropout=0.0, normalize=True))
        ),
        ragged2list(),
    )


@registry.architectures("screener.AveragedTaggers.v1")
def averaged_taggers(*taggers: Model) -> Model[list[Doc], list[Floats2d]]:
    """An ensemble of separately trained taggers: per character, the mean of their log-probabilities.

    Built by training/ner/scripts/export_model.py from several trained pipelines; it predicts only.
    """
    return Model("averaged_taggers", _averaged_forward, layers=list(taggers))


def _averaged_forward(model: Model, docs: Sequence[Doc], is_train: bool) -> tuple[list[Floats2d], Callable]:
    if is_train:
        raise ValueError("screener.AveragedTaggers.v1 predicts only: train each tagger on its own")
    # thinc's path, for what the lean forward (extractors.ner.forward) does not compile; that one
    # shares the feature keys between the members.
    outputs = [[log_softmax(model.ops.to_numpy(x)) for x in tagger.predict(docs)] for tagger in model.layers]
    means = [model.ops.asarray2f(sum(per_doc) / len(per_doc)) for per_doc in zip(*outputs)]
    return means, lambda d_means: []


@registry.architectures("screener.CascadedTaggers.v1")
def cascaded_taggers(
    fast: Model, accurate: Model, threshold: float = 0.99, reach: int = 1, int8: bool = False
) -> Model[list[Doc], list[Floats2d]]:
    """A fast tagger for every character, an accurate one (an AveragedTaggers, say) where the fast one
    is unsure. Both trained on their own; built by training/ner/scripts/export_model.py --fast.

    threshold: a character is unsure when the fast tagger's marginal probability of its likeliest tag,
    under the BMES grammar, is below it; reach: the accurate tagger also re-scores this many characters
    either side of an unsure one (an entity's edge is often one character off); int8: the dense layers
    multiply in 8-bit integers (extractors.ner.int8_dense), for speed.
    The cascade runs in extractors.ner.forward, which knows the tag grammar. thinc's own forward (GPU
    ops, a structure the lean forward does not know) has no grammar: it gives the accurate tagger's
    scores everywhere, which is what the cascade approximates, only slower.
    """
    if not 0.0 <= threshold <= 1.0 or reach < 0:
        raise ValueError(f"screener.CascadedTaggers.v1: threshold must be in [0, 1] and reach >= 0, not {threshold}, {reach}")
    return Model("cascaded_taggers", _cascaded_forward, layers=[fast, accurate], attrs={"threshold": threshold, "reach": reach, "int8": int8})


def _cascaded_forward(model: Model, docs: Sequence[Doc], is_train: bool) -> tuple[list[Floats2d], Callable]:
    if is_train:
        raise ValueError("screener.CascadedTaggers.v1 predicts only: train each tagger on its own")
    return model.layers[1].predict(docs), lambda d_scores: []


def halve_tables(model: Model) -> None:
    """Store the hash tables (most of the model's size) as float16: export_model.py calls this before
    writing. The component widens them back to float32 when it loads (`widen_tables`)."""
    for node in model.walk():
        if node.name == "hashembed" and node.has_param("E"):
            node.set_param("E", cast(Floats2d, np.asarray(node.get_param("E")).astype(np.float16)))


def widen_tables(model: Model) -> None:
    """float16 parameters (as written by `halve_tables`) back to float32, which the layers compute in."""
    for node in model.walk():
        for name in node.param_names:
            if node.has_param(name) and node.get_param(name).dtype == np.float16:
                node.set_param(name, cast(Floats2d, np.asarray(node.get_param(name)).astype(np.float32)))


class CharTokenizer(ChineseTokenizer):
    """spaCy's "char" segmentation, built straight from the characters when there is no whitespace.

    The same tokens as ``spacy.zh.ChineseTokenizer`` with ``segmenter = "char"``; aligning the
    characters back onto the text (needed only around spaces) was half its time.
    """

    def __call__(self, text: str) -> Doc:
        if _WHITESPACE.search(text):
            return super().__call__(text)
        return Doc(self.vocab, words=list(text), spaces=[False] * len(text))


_WHITESPACE = re.compile(r"\s")


@registry.tokenizers("screener.CharTokenizer.v1")
def char_tokenizer() -> Callable[[Language], CharTokenizer]:
    return lambda nlp: CharTokenizer(nlp.vocab, segmenter="char")


_ENTITY_ATTRS = [ENT_IOB, ENT_TYPE]
_CONTEXT_COLUMNS = slice(2, None)  # every feature after char and shape


def _feature_keys_forward(model: Model, docs: Sequence[Doc], is_train: bool) -> tuple[list[Ints2d], Callable]:
    rows = batch_token_features([_token_texts(doc) for doc in docs])
    rate = model.attrs["key_dropout"]
    if is_train and rate > 0:
        for keys in rows:
            context = keys[:, _CONTEXT_COLUMNS]
            # numpy's global generator: `spacy train` seeds it from [system] seed, so runs repeat.
            context[np.random.random(context.shape) < rate] = 0
    return [model.ops.asarray2i(keys, dtype="uint64") for keys in rows], lambda d_keys: []


def _token_texts(doc: Doc) -> list[str]:
    # From the ORTH ids: Doc.text and Token.text build a Token object per character, twice as slow.
    strings = doc.vocab.strings
    return [strings[orth] for orth in doc.to_array(ORTH).tolist()]


class TagGrammar:
    """Which BMES tag may follow which, as index arrays for a Viterbi pass in O(tags) a step.

    After O, E-X or S-X ("closed") any of O, B-Y, S-Y ("opening") may follow; after B-X or M-X only
    M-X or E-X. So the best way into an opening tag is the best closed tag, and into M-X / E-X the
    better of B-X and M-X: no tags-by-tags matrix is needed.
    """

    def __init__(self, labels: Sequence[str]):
        parts = [lab.partition("-") for lab in labels]
        self.closed = np.array([i for i, (p, _, _) in enumerate(parts) if p in ("O", "E", "S")], dtype=np.int64)
        self.opening = np.array([i for i, (p, _, _) in enumerate(parts) if p in ("O", "B", "S")], dtype=np.int64)
        index = {(p, lab): i for i, (p, _, lab) in enumerate(parts)}
        # Entity labels with a full B/M/E set; a label seen only as S-X is a single-character entity.
        inner = sorted({lab for (p, lab) in index if p == "B" and ("E", lab) in index})
        self.begin = np.array([index[("B", lab)] for lab in inner], dtype=np.int64)
        self.end = np.array([index[("E", lab)] for lab in inner], dtype=np.int64)
        # M-X may be missing from the labels (no three-character X in training): it is then never allowed.
        self.middle = np.array([index.get(("M", lab), -1) for lab in inner], dtype=np.int64)
        self.n_tags = len(labels)

    def decode(self, log_probs: Sequence[np.ndarray]) -> list[np.ndarray]:
        """The best grammatical tag sequence of each sentence, all sentences in one pass."""
        lengths = np.array([len(lp) for lp in log_probs], dtype=np.int64)
        if not lengths.sum():
            return [np.zeros(0, dtype=np.int64) for _ in log_probs]
        path = bmes_viterbi(self, np.concatenate(log_probs), lengths)
        ends = np.cumsum(lengths).tolist()
        return [path[start:end] for start, end in zip([0, *ends], ends)]


def grammar_matrices(labels: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """TagGrammar as dense 0 / -inf additions: (from, to) transitions, first tags, last tags."""
    grammar = TagGrammar(labels)
    trans = np.full((grammar.n_tags, grammar.n_tags), -np.inf)
    trans[np.ix_(grammar.closed, grammar.opening)] = 0.0
    for begin, middle, end in zip(grammar.begin, grammar.middle, grammar.end):
        inside = [begin, middle] if middle >= 0 else [begin]
        trans[np.ix_(inside, [end, *([middle] if middle >= 0 else [])])] = 0.0
    first = np.full(grammar.n_tags, -np.inf)
    first[grammar.opening] = 0.0
    last = np.full(grammar.n_tags, -np.inf)
    last[grammar.closed] = 0.0
    return trans, first, last


def _logsumexp(x: np.ndarray, axis: int) -> np.ndarray:
    top = np.max(x, axis=axis, keepdims=True)
    top = np.where(np.isfinite(top), top, 0.0)
    with np.errstate(divide="ignore"):
        return np.squeeze(top, axis=axis) + np.log(np.exp(x - top).sum(axis=axis))


def crf_loss(
    log_probs: Sequence[np.ndarray], gold: Sequence[np.ndarray], grammar: tuple[np.ndarray, np.ndarray, np.ndarray]
) -> tuple[float, list[np.ndarray]]:
    """Negative log-likelihood of the gold tags among all grammatical tag sequences, and its gradient.

    The per-character scores are the tagger's log-probabilities; a sequence scores their sum, and
    only sequences the BMES grammar allows count (a linear-chain CRF whose transitions are the
    grammar). The gradient with respect to each score is (probability of that tag there) - (1 if
    gold): it teaches the tagger exactly what the Viterbi decoder will ask of it. A gold sequence
    outside the grammar (a sentence cut inside an entity) is skipped.
    """
    trans, first, last = grammar
    total = 0.0
    grads = []
    for scores, tags in zip(log_probs, gold):
        n = len(scores)
        grad = np.zeros_like(scores, dtype=np.float32)
        grads.append(grad)
        if n == 0:
            continue
        path_ok = np.isfinite(first[tags[0]] + last[tags[-1]] + trans[tags[:-1], tags[1:]].sum())
        if not path_ok:
            continue
        alpha = np.empty((n, len(first)))
        beta = np.empty((n, len(first)))
        alpha[0] = scores[0] + first
        for t in range(1, n):
            alpha[t] = _logsumexp(alpha[t - 1][:, None] + trans, axis=0) + scores[t]
        beta[n - 1] = last
        for t in range(n - 2, -1, -1):
            beta[t] = _logsumexp(trans + (scores[t + 1] + beta[t + 1])[None, :], axis=1)
        log_z = _logsumexp(alpha[n - 1] + last, axis=0)
        total += float(log_z - scores[np.arange(n), tags].sum())
        with np.errstate(invalid="ignore"):
            marginals = np.exp(alpha + beta - log_z)
        grad[:] = np.nan_to_num(marginals)
        grad[np.arange(n), tags] -= 1.0
    return total, grads


def bmes_spans(tags: Iterable[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) token spans of a grammatical BMES sequence."""
    spans, start = [], 0
    for i, tag in enumerate(tags):
        place, _, label = tag.partition("-")
        if place == "B":
            start = i
        elif place == "E":
            spans.append((start, i + 1, label))
        elif place == "S":
            spans.append((i, i + 1, label))
    return spans


class BMESEntityRecognizer(Tagger):
    """Scores BMES tags per token like a tagger, annotates ``doc.ents`` like an entity recognizer."""

    def predict(self, docs: Sequence[Doc]) -> list[np.ndarray]:
        if not any(len(doc) for doc in docs):
            return [np.zeros((0, len(self.labels)), dtype=np.float32) for _ in docs]
        # The whole batch as one array in numpy (extractors.ner.forward), read from the model once;
        # None for a structure it does not know. Training never comes here (it calls begin_update).
        model, lean = getattr(self, "_lean_forward", (None, None))
        if model is not self.model:
            model, lean = self._lean_forward = (self.model, compile_forward(self.model))
        if lean is None:
            # spacy.Tagger.v2 with normalize = false gives logits at inference (probabilities in training).
            return [log_softmax(self.model.ops.to_numpy(scores)) for scores in self.model.predict(docs)]
        keys = batch_token_features([_token_texts(doc) for doc in docs])
        lengths = np.array([len(doc) for doc in docs], dtype=np.int64)
        log_probs = lean.log_probs(np.concatenate(keys).astype(np.uint64, copy=False), lengths, self._tag_tables().grammar)
        ends = np.cumsum(lengths).tolist()
        return [log_probs[start:end] for start, end in zip([0, *ends], ends)]

    @property
    def counts(self) -> dict[str, int]:
        """Characters tagged by the lean forward of the current model ("rows"), and how many of them a
        cascade's accurate taggers re-scored ("rescored"); zeros before the first batch."""
        lean = getattr(self, "_lean_forward", (None, None))[1]
        return dict(lean.counts) if lean is not None else {"rows": 0, "rescored": 0}

    def from_bytes(self, bytes_data, *, exclude=()):
        super().from_bytes(bytes_data, exclude=exclude)
        widen_tables(self.model)
        return self

    def from_disk(self, path, *, exclude=()):
        super().from_disk(path, exclude=exclude)
        widen_tables(self.model)
        return self

    def set_annotations(self, docs: Iterable[Doc] | Doc, log_probs: Sequence[np.ndarray]) -> None:
        docs = [docs] if isinstance(docs, Doc) else list(docs)
        tables = self._tag_tables()
        paths = tables.grammar.decode(log_probs)
        if not paths or not sum(map(len, paths)):
            return
        # IOB code and label of every token of the batch at once, then each doc's rows.
        codes = np.stack([tables.iob, tables.kind], axis=1)[np.concatenate(paths)]
        start = 0
        for doc, path in zip(docs, paths):
            if len(path):
                # Token by token, as Doc.from_array takes them: a third of the time of building Spans.
                doc.from_array(_ENTITY_ATTRS, codes[start : start + len(path)])
                start += len(path)

    def get_loss(self, examples, scores):
        if self.cfg.get("loss", "softmax") != "crf":
            return super().get_loss(examples, scores)
        index = {label: i for i, label in enumerate(self.labels)}
        gold = [np.array([index[tag] for tag in eg.get_aligned("TAG", as_string=True)], dtype=np.int64) for eg in examples]
        # In training the tagger outputs probabilities; the CRF works on their logs.
        log_probs = [np.log(np.maximum(self.model.ops.to_numpy(p), 1e-30)) for p in scores]
        loss, grads = crf_loss(log_probs, gold, self._tag_tables().dense)
        return loss, [self.model.ops.asarray2f(g) for g in grads]

    def _tag_tables(self) -> _TagTables:
        # Everything here follows from the labels, which grow during initialisation: rebuilt when they change.
        tables = getattr(self, "_tables", None)
        if tables is None or tables.labels != self.labels:
            tables = _TagTables.of(self.labels, self.vocab)
            self._tables = tables
        return tables


class _TagTables(NamedTuple):
    """What the component derives from its labels: the grammar, sparse and dense, and entity codes."""

    labels: tuple[str, ...]
    grammar: TagGrammar
    dense: tuple[np.ndarray, np.ndarray, np.ndarray]
    iob: np.ndarray  # per tag id, spaCy's IOB code: 3 begin, 1 inside, 2 outside
    kind: np.ndarray  # per tag id, the entity label's string id (0 for O)

    @classmethod
    def of(cls, labels: tuple[str, ...], vocab) -> _TagTables:
        codes = {"B": 3, "S": 3, "M": 1, "E": 1, "O": 2}
        parts = [label.partition("-") for label in labels]
        return cls(
            labels=labels,
            grammar=TagGrammar(labels),
            dense=grammar_matrices(labels),
            iob=np.array([codes[place] for place, _, _ in parts], dtype=np.uint64),
            kind=np.array([vocab.strings.add(label) if label else 0 for _, _, label in parts], dtype=np.uint64),
        )


@Language.factory(
    "bmes_ner",
    assigns=["doc.ents", "token.ent_iob", "token.ent_type"],
    default_config={
        "model": None,
        "scorer": {"@scorers": "spacy.ner_scorer.v1"},
        "label_smoothing": 0.0,
        "loss": "softmax",
    },
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_bmes_ner(
    nlp: Language, name: str, model: Model, scorer: Callable | None, label_smoothing: float, loss: str
) -> BMESEntityRecognizer:
    """loss: "softmax" (each character's tag on its own) or "crf" (the whole sentence's tags among
    the grammatical sequences, as the Viterbi decoder reads them)."""
    if loss not in ("softmax", "crf"):
        raise ValueError(f"bmes_ner: loss must be 'softmax' or 'crf', not {loss!r}")
    component = BMESEntityRecognizer(nlp.vocab, model, name, overwrite=True, scorer=scorer, label_smoothing=label_smoothing)
    component.cfg["loss"] = loss
    return component
