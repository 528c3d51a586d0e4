"""The résumé NER as a spaCy component: a per-character BMES tagger decoded into entities.

spaCy's transition-based ``ner`` spends most of its time in its state machine; a tagger scores every
character at once (one matrix multiply per layer for a whole batch), and a Viterbi pass over the
BMES tags (B-ORG M-ORG E-ORG, S-NAME, O) under the tag grammar turns the scores into whole entities.
Its input layer is ``ResumeNERFeatures``: hashed embeddings of the character, its n-grams and the
dictionary words around it (``extractors.ner.features``). The scores come from thinc's own forward
of the trained model (spaCy's ``Tagger.predict``), as in training.

Registered here, and imported before the model is loaded (``extractors.fields.ner_gaps``) or trained
(``--code`` in ``training/ner/project.yml``):
- architectures ``screener.ResumeNERFeatures.v1`` and ``screener.AveragedTaggers.v1`` (the shipped pair)
- factory ``bmes_ner`` (a ``Tagger`` whose annotations are ``doc.ents``, scored as NER)
- tokenizer ``screener.CharTokenizer.v1`` (one token a character, as the corpus is annotated)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple, cast

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE, ORTH
from spacy.lang.zh import ChineseTokenizer, Segmenter
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
    tables: list[Model] = [
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
    outputs = [[log_softmax(model.ops.to_numpy(x)) for x in tagger.predict(docs)] for tagger in model.layers]
    means = [model.ops.asarray2f(cast(Floats2d, sum(per_doc) / len(per_doc))) for per_doc in zip(*outputs)]
    return means, lambda d_means: []


def log_softmax(logits: np.ndarray) -> np.ndarray:
    out = logits - logits.max(axis=1, keepdims=True)
    out -= np.log(np.exp(out).sum(axis=1, keepdims=True))
    return out


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
    return lambda nlp: CharTokenizer(nlp.vocab, segmenter=Segmenter.char)


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
    return [model.ops.asarray2i(cast(Ints2d, keys), dtype="uint64") for keys in rows], lambda d_keys: []


def _token_texts(doc: Doc) -> list[str]:
    # From the ORTH ids: Doc.text and Token.text build a Token object per character, twice as slow.
    strings = doc.vocab.strings
    return [strings[orth] for orth in doc.to_array(ORTH).tolist()]


class TagGrammar:
    """Which BMES tag may follow which: after O, E-X or S-X ("closed") any of O, B-Y, S-Y ("opening");
    after B-X or M-X only M-X or E-X. So the best way into an opening tag is the best closed tag, and
    into M-X or E-X the better of B-X and M-X: a Viterbi step needs no tags-by-tags matrix. The CRF
    loss takes the same grammar as 0 / -inf additions (`trans`, `first`, `last`)."""

    def __init__(self, labels: Sequence[str]):
        parts = [lab.partition("-") for lab in labels]
        index = {(p, lab): i for i, (p, _, lab) in enumerate(parts)}
        self.n_tags = n_tags = len(labels)
        self.closed = np.array([i for i, (p, _, _) in enumerate(parts) if p in ("O", "E", "S")], dtype=np.intp)
        self.opening = np.array([i for i, (p, _, _) in enumerate(parts) if p in ("O", "B", "S")], dtype=np.intp)
        # Entity labels with a full B/E pair. M-X may be missing (no three-character X in training): it
        # then points at a blank column (n_tags) that is never allowed.
        inner = sorted({lab for (p, lab) in index if p == "B" and ("E", lab) in index})
        self.begin = np.array([index[("B", lab)] for lab in inner], dtype=np.intp)
        self.middle = np.array([index.get(("M", lab), n_tags) for lab in inner], dtype=np.intp)
        self.end = np.array([index[("E", lab)] for lab in inner], dtype=np.intp)
        self.trans = np.full((n_tags + 1, n_tags + 1), -np.inf, dtype=np.float32)
        self.trans[np.ix_(self.closed, self.opening)] = 0.0
        for b, m, e in zip(self.begin, self.middle, self.end):
            self.trans[np.ix_([b, m], [m, e])] = 0.0
        self.trans = self.trans[:n_tags, :n_tags]
        self.first = np.full(n_tags, -np.inf, dtype=np.float32)
        self.first[self.opening] = 0.0
        self.last = np.full(n_tags, -np.inf, dtype=np.float32)
        self.last[self.closed] = 0.0

    def decode(self, log_probs: Sequence[np.ndarray]) -> list[np.ndarray]:
        """The best grammatical tag sequence of each sentence (Viterbi), all sentences side by side.

        The sentences go longest first, so that those still going at step t are the first rows of
        step t's block (the blocks one after the other: no padding, whatever the lengths); the tags
        are reordered M | E | O, S | B (a missing M-X is a blank column), so that the closed tags, the
        opening ones and each label's B-X / M-X are slices and a step is a few numpy calls.
        """
        lengths = np.array([len(lp) for lp in log_probs], dtype=np.int64)
        longest = int(lengths.max(initial=0))
        if not longest:
            return [np.zeros(0, dtype=np.int64) for _ in log_probs]
        n, n_labels = len(log_probs), len(self.begin)
        free = np.intersect1d(self.closed, self.opening)  # O and S-X
        tags = np.concatenate([self.middle, self.end, free, self.begin])
        opening, begin = 2 * n_labels, 2 * n_labels + len(free)  # where the O, S and the B columns start
        order = np.argsort(-lengths, kind="stable")
        alive = [*(lengths[:, None] > np.arange(longest)).sum(axis=0).tolist(), 0]  # sentences longer than t
        block = np.cumsum([0, *alive[:-1]])  # where step t's rows start
        # Each character's place: its step's block, its sentence's row in it.
        step = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        place = block[step] + np.repeat(np.argsort(order), lengths)
        emissions = np.empty((len(place), len(tags)), dtype=np.float32)
        emissions[place] = np.pad(np.concatenate(log_probs), ((0, 0), (0, 1)), constant_values=-np.inf)[:, tags]
        back_closed = np.zeros(len(place), dtype=np.intp)  # the best closed tag before an opening one
        back_middle = np.zeros((len(place), n_labels), dtype=bool)  # M-X (not B-X) before M-X / E-X
        score = np.full((n, len(tags)), -np.inf, dtype=np.float32)
        score[:, opening:] = emissions[:n, opening:]
        inner = score[:, :opening].reshape(n, 2, n_labels)  # M-X and E-X are reached the same way
        for t in range(1, longest):
            k, rows = alive[t], slice(block[t], block[t] + alive[t])  # the sentences that ended keep their scores
            closed = score[:k, n_labels:begin]
            closed.argmax(axis=1, out=back_closed[rows])
            into_opening = closed.max(axis=1, keepdims=True)
            np.greater(score[:k, :n_labels], score[:k, begin:], out=back_middle[rows])
            into_inner = np.maximum(score[:k, :n_labels], score[:k, begin:])[:, None, :]
            np.add(emissions[rows, :opening].reshape(k, 2, n_labels), into_inner, out=inner[:k])
            np.add(emissions[rows, opening:], into_opening, out=score[:k, opening:])
        best_last = n_labels + score[:, n_labels:begin].argmax(axis=1)
        path = np.zeros(len(place), dtype=np.intp)
        for t in range(longest - 1, -1, -1):
            k, here = alive[t], block[t] + np.arange(alive[t])
            path[here[alive[t + 1] :]] = best_last[alive[t + 1] : k]  # the sentences that end at t
            if t:
                tag = path[here]
                came_from = n_labels + back_closed[here]
                if n_labels:
                    label = tag % n_labels
                    inner_from = np.where(back_middle[here, label], label, begin + label)
                    came_from = np.where(tag >= opening, came_from, inner_from)
                path[block[t - 1] : block[t - 1] + k] = came_from
        return np.split(tags[path[place]].astype(np.int64), np.cumsum(lengths)[:-1])


def grammar_matrices(labels: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """TagGrammar's (from, to) transitions, first tags and last tags, as the CRF loss takes them."""
    grammar = TagGrammar(labels)
    return grammar.trans, grammar.first, grammar.last


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
        # spacy.Tagger.v2 with normalize = false gives logits at inference (probabilities in training).
        return [log_softmax(self.model.ops.to_numpy(scores)) for scores in self.model.predict(docs)]

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
        grammar = self._tag_tables().grammar
        loss, grads = crf_loss(log_probs, gold, (grammar.trans, grammar.first, grammar.last))
        return loss, [self.model.ops.asarray2f(g) for g in grads]

    def _tag_tables(self) -> _TagTables:
        # Everything here follows from the labels, which grow during initialisation: rebuilt when they change.
        tables = getattr(self, "_tables", None)
        if tables is None or tables.labels != self.labels:
            tables = _TagTables.of(self.labels, self.vocab)
            self._tables = tables
        return tables


class _TagTables(NamedTuple):
    """What the component derives from its labels: the grammar and the entity codes."""

    labels: tuple[str, ...]
    grammar: TagGrammar
    iob: np.ndarray  # per tag id, spaCy's IOB code: 3 begin, 1 inside, 2 outside
    kind: np.ndarray  # per tag id, the entity label's string id (0 for O)

    @classmethod
    def of(cls, labels: tuple[str, ...], vocab) -> _TagTables:
        codes = {"B": 3, "S": 3, "M": 1, "E": 1, "O": 2}
        parts = [label.partition("-") for label in labels]
        return cls(
            labels=labels,
            grammar=TagGrammar(labels),
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
