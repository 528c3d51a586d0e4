"""The bmes_ner tagger's inference in plain numpy: a whole batch as one flat array, and its Viterbi.

On a small model thinc's ``predict`` spends longer outside the matrix multiplies than in them:
per-doc lists flattened and split again between layers, ten hash tables gathered one by one and
stacked, layer norms through generic code, a log-softmax per doc. Here the structure of the trained
thinc model is read once into a list of steps (``compile_forward``), each a few numpy calls on all
the batch's rows at once:

- the hashed embeddings (``concatenate`` of ``HashEmbed``) are gathered in row chunks that stay in
  cache, each table's four rows summed in the order thinc's ``gather_add`` sums them, and the
  tables of a chunk copied side by side into the one array the mixing layer reads;
- a ``with_array(pad=p)`` encoder runs on the same padded rows as thinc's: p zero rows around every
  doc, which the layers compute too. After the first layer those rows are no longer zero and feed
  the edges of the docs, so a seq2col bounded by the sentence lengths would score differently. Only
  the rows no later layer reads are skipped: all pad rows in the last layer, the middle of each gap
  in the one before (MaxoutWindowEncoder);
- the output layer and the log-softmax run once for the whole batch.

A structure it does not know (another layer, GPU ops, a normalising output layer) compiles to None
and the caller keeps thinc's ``predict``; training never comes here. Parameters are read with
``get_param`` on every call, never copied: the optimizer updates them in place and
``Model.use_params`` swaps in the averages, so a copy would go stale.

A cascade (screener.CascadedTaggers.v1, inference only) runs its fast tagger on the whole batch,
finds the rows it is unsure of (``bmes_max_marginals``), and runs the accurate taggers only where
those rows read (``_run_at``), so that their scores there are the whole batch's. When its config
asks, its dense layers multiply in 8-bit integers (``extractors.ner.int8_dense``), from weights
quantized when first used.

``bmes_viterbi`` is the decoder under the BMES grammar on the flat batch, its tags reordered so that
every set it needs (closed tags, opening tags, B, M, E of each label) is a slice;
``bmes_max_marginals`` is its forward-backward twin.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, cast

import numpy as np
from thinc.api import Model, NumpyOps

from extractors.ner.int8_dense import Int8Dense

FEATURE_KEYS = "resume_ner_feature_keys"  # name of the ResumeNERFeatures layer that reads the docs
_OPS = NumpyOps(use_blis=False)  # its C kernels (hash, seq2col, mish); matmuls go through numpy
# The forward functions of the thinc layers it knows, by module (thinc.layers exports the constructors).
_FORWARD = {
    name: importlib.import_module(f"thinc.layers.{name}").forward
    for name in ("array_getitem", "chain", "concatenate", "dropout", "expand_window", "hashembed", "layernorm",
                 "list2ragged", "maxout", "mish", "ragged2list", "residual", "softmax", "with_array")
}
_CHUNK = 512  # rows gathered at a time: the (4, rows, width) buffer of one table stays in L2


class _Unsupported(Exception):
    pass


class _Rows:
    """The batch: its rows per doc (one after the other, no padding), and what its steps share."""

    def __init__(self, lengths: np.ndarray):
        self.lengths = lengths
        self.n = int(lengths.sum())
        # Hash buckets by (key column, seed, table rows): the members of an ensemble hash alike.
        self.buckets: dict[tuple[int, int, int], np.ndarray] = {}


Step = Callable[[np.ndarray, _Rows], np.ndarray]


@dataclass
class Cascade:
    """screener.CascadedTaggers.v1: a fast tagger scores every row, the accurate taggers re-score the
    rows where it is unsure (its marginal probability of its likeliest tag under the BMES grammar below
    `threshold`) and the rows up to `reach` either side of them, in the same sentence."""

    fast: list[Step]
    threshold: float
    reach: int


@dataclass
class LeanForward:
    """One tagger's (or an average of taggers') scores for a batch, from its feature keys."""

    model: Model  # what it was compiled from: the cache is valid while the component keeps this model
    members: list[list[Step]]  # one step list per tagger; a plain Tagger.v2 has one
    cascade: Cascade | None = None
    # Rows scored, and rows a cascade's accurate taggers re-scored, over the life of this forward.
    counts: dict[str, int] = field(default_factory=lambda: {"rows": 0, "rescored": 0})

    def log_probs(self, keys: np.ndarray, lengths: np.ndarray, grammar: Grammar | None = None) -> np.ndarray:
        """(rows, tags) log-probabilities of the flat batch, docs one after the other.

        keys: (rows, features) uint64, the docs' feature keys concatenated; lengths: rows per doc;
        grammar: the tags' BMES grammar, which a cascade needs to tell where its fast tagger is unsure.
        """
        rows = _Rows(lengths)
        keys_by_column = np.ascontiguousarray(keys.T)  # ops.hash wants each column contiguous
        self.counts["rows"] += rows.n
        if self.cascade is None:
            return _mean_log_probs([_run(steps, keys_by_column, rows) for steps in self.members])
        if grammar is None:
            raise ValueError("a cascade of taggers needs the tag grammar to tell where its fast tagger is unsure")
        scores = log_softmax(_run(self.cascade.fast, keys_by_column, rows))
        unsure = bmes_max_marginals(grammar, scores, lengths) < self.cascade.threshold
        wanted = np.flatnonzero(_widen(unsure, lengths, self.cascade.reach))
        if len(wanted):
            scores[wanted] = _mean_log_probs([_run_at(steps, keys_by_column, rows, wanted) for steps in self.members])
        self.counts["rescored"] += len(wanted)
        return scores


def _mean_log_probs(outputs: list[np.ndarray]) -> np.ndarray:
    """AveragedTaggers: the mean of the members' log-probabilities, normalised again as predict does."""
    if len(outputs) == 1:
        return log_softmax(outputs[0])
    return log_softmax(sum((log_softmax(x) for x in outputs[1:]), log_softmax(outputs[0])) / len(outputs))


def _widen(rows: np.ndarray, lengths: np.ndarray, reach: int) -> np.ndarray:
    """The boolean row mask `rows`, widened by `reach` rows either side without crossing a doc's edge."""
    doc = np.repeat(np.arange(len(lengths)), lengths)
    out = rows.copy()
    for k in range(1, min(reach, len(rows)) + 1):
        same_doc = doc[k:] == doc[:-k]
        out[k:] |= rows[:-k] & same_doc
        out[:-k] |= rows[k:] & same_doc
    return out


def compile_forward(model: Model) -> LeanForward | None:
    """The lean forward of a spacy.Tagger.v2 over ResumeNERFeatures, of screener.AveragedTaggers.v1 of
    them, or of screener.CascadedTaggers.v1 of those; None for anything else (the caller then uses
    thinc's predict)."""
    if not all(isinstance(node.ops, NumpyOps) for node in model.walk()):
        return None
    cascade_of = None
    if model.name == "cascaded_taggers":
        cascade_of, (fast, model) = model, model.layers
    members = list(model.layers) if model.name == "averaged_taggers" else [model]
    try:
        int8 = cascade_of is not None and bool(cascade_of.attrs.get("int8", False))
        compiled = [_compile_tagger(member, int8) for member in members]
        cascade = None
        if cascade_of is not None:
            cascade = Cascade(_compile_tagger(fast, int8), float(cascade_of.attrs["threshold"]), int(cascade_of.attrs["reach"]))
        return LeanForward(cascade_of or model, compiled, cascade)
    except _Unsupported:
        return None


def log_softmax(logits: np.ndarray) -> np.ndarray:
    out = logits - logits.max(axis=1, keepdims=True)
    out -= np.log(np.exp(out).sum(axis=1, keepdims=True))
    return out


def _param(node: Model, name: str) -> np.ndarray:
    return cast(np.ndarray, node.get_param(name))


def _run(steps: Sequence[Step], X: np.ndarray, rows: _Rows) -> np.ndarray:
    for step in steps:
        X = step(X, rows)
    return X


def _run_at(steps: Sequence[Step], keys_by_column: np.ndarray, rows: _Rows, wanted: np.ndarray) -> np.ndarray:
    """A tagger's scores at the rows `wanted` (sorted) only: each layer is computed just where a later
    layer reads it, so a few unsure characters cost a few windows, not the batch. The scores are the
    ones the whole batch would give. A tagger of another shape runs whole."""
    if not _runs_at_rows(steps):
        return _run(steps, keys_by_column, rows)[wanted]
    embed, encoder, output = cast(tuple[_Sequence, _Padded, _Sequence], tuple(steps))
    embed_table, *mixer = embed.steps

    def inputs(need: np.ndarray) -> np.ndarray:
        return _run(mixer, cast(_HashEmbeds, embed_table)(keys_by_column, rows, need), rows)

    return _run(output.steps, encoder.at_rows(inputs, rows, wanted), rows)


def _runs_at_rows(steps: Sequence[Step]) -> bool:
    """Whether a tagger is embeddings and row-by-row layers, a padded windowed encoder, row-by-row layers."""
    if len(steps) != 3:
        return False
    embed, encoder, output = steps
    row_by_row = (_Maxout, _Mish, _Affine, _LayerNorm)  # output row i depends on input row i alone
    return (
        isinstance(embed, _Sequence) and bool(embed.steps) and isinstance(embed.steps[0], _HashEmbeds)
        and all(isinstance(step, row_by_row) for step in embed.steps[1:])
        and isinstance(encoder, _Padded) and encoder.layers is not None
        and isinstance(output, _Sequence) and all(isinstance(step, row_by_row) for step in output.steps)
    )


# --- compiling the thinc model into steps ------------------------------------------------------


def _compile_tagger(model: Model, int8: bool = False) -> list[Step]:
    leaves = _chain_leaves(model)
    if not leaves or leaves[0].name != FEATURE_KEYS:
        raise _Unsupported(model.name)
    steps: list[Step] = []
    mode = "list"
    for node in leaves[1:]:
        mode = _compile(node, mode, steps, int8)
    if mode != "list" or not steps:
        raise _Unsupported(model.name)
    return steps


def _chain_leaves(model: Model) -> list[Model]:
    if model._func is _FORWARD["chain"]:
        return [leaf for layer in model.layers for leaf in _chain_leaves(layer)]
    return [model]


def _compile(node: Model, mode: str, steps: list[Step], int8: bool = False) -> str:
    """Append the steps of `node` given the input's form ("list", "ragged" or "array"); the output's form.
    int8: dense layers multiply in 8-bit integers."""
    func = node._func
    if func is _FORWARD["chain"]:
        for layer in node.layers:
            mode = _compile(layer, mode, steps, int8)
        return mode
    if func is _FORWARD["list2ragged"] and mode == "list":
        return "ragged"
    if func is _FORWARD["ragged2list"] and mode == "ragged":
        return "list"
    if func is _FORWARD["with_array"]:
        inner: list[Step] = []
        if _compile(node.layers[0], "array", inner, int8) != "array":
            raise _Unsupported(node.name)
        pad = node.attrs.get("pad", 0)
        # Only a list is padded (thinc's _list_forward); a Ragged or an array goes in as it is.
        steps.append(_Padded(inner, pad) if mode == "list" and pad > 0 else _Sequence(inner))
        return mode
    if mode != "array":
        raise _Unsupported(node.name)
    if func is _FORWARD["residual"]:
        inner = []
        if _compile(node.layers[0], "array", inner, int8) != "array":
            raise _Unsupported(node.name)
        steps.append(_Residual(inner))
    elif func is _FORWARD["expand_window"]:
        steps.append(_ExpandWindow(node.attrs["window_size"]))
    elif func is _FORWARD["concatenate"]:
        steps.append(_HashEmbeds.of(node))
    elif func is _FORWARD["maxout"]:
        steps.append(_Maxout(node, int8))
    elif func is _FORWARD["mish"]:
        steps.append(_Mish(node, int8))
    elif func is _FORWARD["layernorm"]:
        # In place only on an array the step before made (not on a residual's input, say).
        steps.append(_LayerNorm(node, in_place=bool(steps) and isinstance(steps[-1], (_Maxout, _Mish, _Affine))))
    elif func is _FORWARD["softmax"] and not node.attrs.get("softmax_normalize", True):
        steps.append(_Affine(node, int8))  # spacy.Tagger.v2 with normalize = false: logits at inference
    elif func is not _FORWARD["dropout"]:  # dropout is the identity at inference
        raise _Unsupported(node.name)
    return mode


# --- the steps ------------------------------------------------------------------------------------


class _Sequence:
    def __init__(self, steps: list[Step]):
        self.steps = steps

    def __call__(self, X: np.ndarray, rows: _Rows) -> np.ndarray:
        return _run(self.steps, X, rows)


class _HashEmbeds:
    """concatenate(HashEmbed(column=i, seed=s) ...) of tables of one width: each summed into its columns."""

    def __init__(self, tables: list[tuple[int, Model]]):
        self.tables = tables  # (key column, hashembed node)

    @classmethod
    def of(cls, node: Model) -> _HashEmbeds:
        tables = []
        for table in node.layers:
            parts = _chain_leaves(table)
            if len(parts) != 2 or parts[0]._func is not _FORWARD["array_getitem"] or parts[1]._func is not _FORWARD["hashembed"]:
                raise _Unsupported(table.name)
            index = parts[0].attrs["index"]
            if not (isinstance(index, tuple) and len(index) == 2 and index[0] == slice(0, None) and isinstance(index[1], int)):
                raise _Unsupported(table.name)
            tables.append((index[1], parts[1]))
        if not tables or len({table.maybe_get_dim("nO") for _, table in tables}) != 1:
            raise _Unsupported(node.name)
        return cls(tables)

    def __call__(self, keys_by_column: np.ndarray, rows: _Rows, select: np.ndarray | None = None) -> np.ndarray:
        """The embedded rows of the batch, or only the rows `select` (their buckets are hashed for all rows,
        once per batch: a cascade's taggers share them)."""
        n = rows.n if select is None else len(select)
        vectors = [_param(node, "E") for _, node in self.tables]
        n_tables, width = len(vectors), vectors[0].shape[1]
        hashed = []
        for (column, node), E in zip(self.tables, vectors):
            key = (column, node.attrs["seed"], E.shape[0])
            if key not in rows.buckets:
                rows.buckets[key] = np.empty((4, rows.n), dtype=np.intp)
                np.remainder(_OPS.hash(keys_by_column[column], key[1]).T, key[2], out=rows.buckets[key])
            hashed.append(rows.buckets[key] if select is None else rows.buckets[key][:, select])
        out = np.empty((n, n_tables * width), dtype=np.float32)
        gathered = np.empty((4, min(n, _CHUNK), width), dtype=np.float32)
        sums = np.empty((n_tables, min(n, _CHUNK), width), dtype=np.float32)
        for start in range(0, n, _CHUNK):
            stop = min(start + _CHUNK, n)
            g = gathered[:, : stop - start]
            for E, buckets, table_sum in zip(vectors, hashed, sums):
                # The buckets are in range (mod nV): "clip" skips numpy's slower bounds-checked path.
                np.take(E, buckets[:, start:stop], axis=0, out=g, mode="clip")
                # ((r0 + r1) + r2) + r3, as thinc's gather_add adds them.
                np.add(g[0], g[1], out=g[0])
                g[0] += g[2]
                np.add(g[0], g[3], out=table_sum[: stop - start])
            # The chunk's tables side by side in one copy: adding straight into each table's columns
            # of `out` (rows far apart) took twice as long.
            np.copyto(out[start:stop].reshape(stop - start, n_tables, width), sums[:, : stop - start].transpose(1, 0, 2))
        return out


class _Dense:
    """A dense layer's X @ W.T + b, in float32 from the parameters as they are at each call; or, with
    int8, in 8-bit integers (extractors.ner.int8_dense) from weights quantized when the layer's W or b
    array is first seen (inference only: an update in place, as in training, would not be seen)."""

    def __init__(self, node: Model, int8: bool):
        self.node, self.int8 = node, int8
        self._quantized: tuple[np.ndarray, np.ndarray, Int8Dense] | None = None

    def __call__(self, X: np.ndarray) -> np.ndarray:
        W, b = _param(self.node, "W"), _param(self.node, "b")
        if self.int8:
            if self._quantized is None or self._quantized[0] is not W or self._quantized[1] is not b:
                self._quantized = (W, b, Int8Dense(W.reshape(-1, X.shape[1]), b.reshape(-1)))
            return self._quantized[2](X)
        Y = X @ W.reshape(-1, X.shape[1]).T
        Y += b.reshape(-1)
        return Y


class _Maxout:
    def __init__(self, node: Model, int8: bool = False):
        self.node, self.dense = node, _Dense(node, int8)

    def __call__(self, X: np.ndarray, rows: _Rows) -> np.ndarray:
        Y = self.dense(X)
        n_out, n_pieces = _param(self.node, "b").shape
        pieces = Y.reshape(len(Y), n_out, n_pieces)
        # The max in place over the pieces: thinc's kernel also finds which piece won (for training),
        # three times the time on a few thousand rows.
        out = np.maximum(pieces[:, :, 0], pieces[:, :, 1]) if n_pieces > 1 else pieces[:, :, 0].copy()
        for piece in range(2, n_pieces):
            np.maximum(out, pieces[:, :, piece], out=out)
        return out


class _Mish:
    def __init__(self, node: Model, int8: bool = False):
        self.dense = _Dense(node, int8)

    def __call__(self, X: np.ndarray, rows: _Rows) -> np.ndarray:
        return _OPS.mish(self.dense(X), inplace=True)


class _Affine:
    def __init__(self, node: Model, int8: bool = False):
        self.dense = _Dense(node, int8)

    def __call__(self, X: np.ndarray, rows: _Rows) -> np.ndarray:
        return self.dense(X)


class _LayerNorm:
    """thinc's LayerNorm with one pass fewer (the variance from the centred rows), in place when it may."""

    def __init__(self, node: Model, in_place: bool):
        self.node, self.in_place = node, in_place

    def __call__(self, X: np.ndarray, rows: _Rows) -> np.ndarray:
        mean = X.mean(axis=1, keepdims=True)
        if self.in_place:
            X -= mean
        else:
            X = X - mean
        var = np.einsum("ij,ij->i", X, X)
        var /= X.shape[1]
        var += 1e-08
        X *= (1.0 / np.sqrt(var))[:, None]
        X *= _param(self.node, "G")
        X += _param(self.node, "b")
        return X


class _ExpandWindow:
    def __init__(self, window: int):
        self.window = window

    def __call__(self, X: np.ndarray, rows: _Rows) -> np.ndarray:
        # Over the whole array, as thinc's expand_window does on what with_array hands it.
        return _OPS.seq2col(np.ascontiguousarray(X), self.window)


class _Residual:
    def __init__(self, steps: list[Step]):
        self.steps = steps

    def __call__(self, X: np.ndarray, rows: _Rows) -> np.ndarray:
        Y = _run(self.steps, X, rows)
        if Y is X:  # residual(dropout): nothing made a new array
            return X + X
        Y += X
        return Y

    @property
    def window(self) -> int | None:
        """How far either side it reads X, when it starts with expand_window; None otherwise."""
        first = self.steps[0] if self.steps else None
        return first.window if isinstance(first, _ExpandWindow) else None

    def at(self, X: np.ndarray, wanted: np.ndarray, rows: _Rows) -> np.ndarray:
        """Its output at rows `wanted` of X only; they must be at least `window` rows from either end."""
        window = self.window
        assert window is not None
        cols = np.take(X, (wanted[:, None] + np.arange(-window, window + 1)).ravel(), axis=0, mode="clip")
        Y = _run(self.steps[1:], cols.reshape(len(wanted), -1), rows)
        Y += X[wanted]
        return Y


class _Padded:
    """with_array(layer, pad=p) on a list: p zero rows before each non-empty doc and after the last.

    When the layer is residual windowed layers reading no further than p in all (MaxoutWindowEncoder:
    p = window * depth), a layer's output is computed only at the rows later layers still read: within
    the sum of their windows of a doc. The last layer's pad rows are dropped on the way out anyway.
    """

    def __init__(self, steps: list[Step], pad: int):
        self.steps, self.pad = steps, pad
        residuals = [step for step in steps if isinstance(step, _Residual) and step.window is not None]
        windows = [step.window or 0 for step in residuals]
        self.layers: list[_Residual] | None = None  # when the rows a layer must compute are known
        self.reach: list[int] = []  # per layer, how far from a doc its output is still read
        self.span = sum(windows)  # how far from a doc the first layer's input is read
        if steps and len(residuals) == len(steps) and self.span <= pad:
            self.layers = residuals
            self.reach = [sum(windows[k + 1 :]) for k in range(len(steps))]

    def __call__(self, X: np.ndarray, rows: _Rows) -> np.ndarray:
        positions, n_padded = self._positions(rows)
        padded = np.zeros((n_padded, X.shape[1]), dtype=np.float32)
        padded[positions] = X
        if self.layers is None:
            return _run(self.steps, padded, rows)[positions]
        distance = _distance_to_rows(positions, n_padded)
        *body, last = self.layers
        for step, reach in zip(body, self.reach):
            wanted = np.flatnonzero(distance <= reach)
            if len(wanted) > 0.9 * n_padded:  # a gather and scatter cost more than the few rows saved
                padded = step(padded, rows)
            else:
                padded[wanted] = step.at(padded, wanted, rows)  # the other rows are never read again
        return last.at(padded, positions, rows)

    def at_rows(self, inputs: Callable[[np.ndarray], np.ndarray], rows: _Rows, wanted: np.ndarray) -> np.ndarray:
        """Its output at the batch's rows `wanted` (sorted), each layer computed only within reach of them.

        inputs(need) gives the input at the batch's rows `need` (sorted), all it reads. Needs `layers`.
        """
        assert self.layers is not None
        positions, n_padded = self._positions(rows)
        targets = positions[wanted]
        distance = _distance_to_rows(targets, n_padded)
        # A doc's rows are more than `pad` rows from any other doc's: what is read stays in the doc.
        need = np.flatnonzero(distance[positions] <= self.span)
        X = inputs(need)
        padded = np.zeros((n_padded, X.shape[1]), dtype=np.float32)
        padded[positions[need]] = X
        *body, last = self.layers
        for step, reach in zip(body, self.reach):
            at = np.flatnonzero(distance <= reach)
            padded[at] = step.at(padded, at, rows)
        return last.at(padded, targets, rows)

    def _positions(self, rows: _Rows) -> tuple[np.ndarray, int]:
        """Where each row of the batch sits among the padded rows, and how many padded rows there are."""
        pad, lengths = self.pad, rows.lengths[rows.lengths > 0]  # thinc's flatten drops empty docs
        # Row i of doc d (d-th non-empty doc) sits after d + 1 pad blocks.
        positions = np.arange(rows.n) + pad * np.repeat(np.arange(1, len(lengths) + 1), lengths)
        return positions, rows.n + pad * (len(lengths) + 1)


def _distance_to_rows(positions: np.ndarray, n_rows: int) -> np.ndarray:
    """For each of n_rows rows, how many rows away the nearest of `positions` (sorted) is."""
    index = np.arange(n_rows)
    is_one = np.zeros(n_rows, dtype=bool)
    is_one[positions] = True
    before = np.maximum.accumulate(np.where(is_one, index, -n_rows))
    after = np.minimum.accumulate(np.where(is_one, index, 2 * n_rows)[::-1])[::-1]
    return np.minimum(index - before, after - index)


# --- decoding -------------------------------------------------------------------------------------


class Grammar(Protocol):
    """Tag ids of extractors.ner.component.TagGrammar: which tags may follow which."""

    closed: np.ndarray  # O, E-X, S-X: a tag sequence may end there and anything opening follow
    opening: np.ndarray  # O, B-X, S-X
    begin: np.ndarray  # per entity label with B and E: B-X
    middle: np.ndarray  # ... M-X, or -1 when the labels have none
    end: np.ndarray  # ... E-X
    n_tags: int


_CELLS = 1 << 20  # (step, sentence) cells a side-by-side pass lays out at once: 120 MB a float32 array of 29 tags


def _in_groups(lengths: np.ndarray) -> list[slice]:
    """Runs of consecutive sentences whose side-by-side layout (longest x count) stays within _CELLS;
    a sentence longer than that is a run of its own. One long line among short ones would otherwise
    make every short one as long as it."""
    groups, start, longest = [], 0, 0
    for i, n in enumerate(lengths.tolist()):
        if i > start and max(longest, n) * (i - start + 1) > _CELLS:
            groups.append(slice(start, i))
            start, longest = i, n
        else:
            longest = max(longest, n)
    groups.append(slice(start, len(lengths)))
    return groups


def _group_by_group(
    one_pass: Callable[[Grammar, np.ndarray, np.ndarray], np.ndarray], grammar: Grammar, per_row: np.ndarray, lengths: np.ndarray
) -> np.ndarray | None:
    """one_pass over each group of sentences (_in_groups), the rows joined again; None for one group."""
    groups = _in_groups(lengths)
    if len(groups) == 1:
        return None
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    return np.concatenate([
        one_pass(grammar, per_row[offsets[group.start] : offsets[group.stop]], lengths[group]) for group in groups
    ])


class _SideBySide:
    """A flat batch laid out for a pass along the sentences: all sentences side by side, longest first,
    so that those still going at step t are the first rows; and the tags reordered M | E | O,S | B (the M
    column of a label without one is blank), so that closed tags (E, O, S), opening tags (O, S, B) and the
    tags that close or continue an entity (M, E) are each one slice, whatever the number of labels."""

    def __init__(self, grammar: Grammar, lengths: np.ndarray):
        closed_tags, opening_tags = set(grammar.closed.tolist()), set(grammar.opening.tolist())
        free = [tag for tag in range(grammar.n_tags) if tag in closed_tags and tag in opening_tags]  # O and S-X
        # Tags in none of the blocks (an E-X without B-X, ...) can never be on a grammatical path.
        self.order_tags = np.concatenate(
            [np.where(grammar.middle >= 0, grammar.middle, grammar.n_tags), grammar.end, free, grammar.begin]
        ).astype(np.intp)
        self.n_tags = grammar.n_tags
        self.L = L = len(grammar.begin)  # entity labels with B and E
        self.opening_from, self.begin_at = 2 * L, 2 * L + len(free)  # M: [0, L), E: [L, 2L), O,S: [2L, begin_at), B: after
        self.n_rows = n_rows = int(lengths.sum())
        order = np.argsort(-lengths, kind="stable")
        sorted_lengths = lengths[order]
        self.n_sent = int((sorted_lengths > 0).sum())
        self.longest = int(sorted_lengths[0]) if len(lengths) else 0
        row_of = np.empty(len(lengths), dtype=np.intp)
        row_of[order] = np.arange(len(lengths))
        starts = np.cumsum(lengths) - lengths
        self.step_of = np.arange(n_rows) - np.repeat(starts, lengths)
        self.sentence_row = np.repeat(row_of, lengths)
        # alive[t]: how many sentences are longer than t
        self.alive = (self.n_sent - np.cumsum(np.bincount(sorted_lengths[: self.n_sent], minlength=self.longest + 1))).tolist()

    def cells(self, per_tag: np.ndarray, blank: float, dtype: type = np.float32) -> np.ndarray:
        """(step, sentence, tag) of a flat (rows, tags) array, tags reordered; the blank column is `blank`.
        Cells past a sentence's end are left unset: no pass reads them."""
        with_blank: np.ndarray = np.empty((self.n_rows, self.n_tags + 1), dtype=dtype)
        with_blank[:, : self.n_tags] = per_tag
        with_blank[:, self.n_tags] = blank
        out: np.ndarray = np.empty((self.longest, self.n_sent, len(self.order_tags)), dtype=dtype)
        out[self.step_of, self.sentence_row] = with_blank[:, self.order_tags]
        return out

    def flat(self, cells: np.ndarray) -> np.ndarray:
        """The flat batch's rows of (step, sentence) cells, back in the docs' order."""
        return cells[self.step_of, self.sentence_row]


def bmes_viterbi(grammar: Grammar, log_probs: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The best grammatical tag sequence of each sentence of a flat batch, as one flat array of tag ids.

    log_probs: (rows, tags), the sentences one after the other; lengths: rows per sentence.
    The sentences run side by side (_SideBySide), and a step is a few numpy calls whatever the number
    of labels.
    """
    n_rows = int(lengths.sum())
    path_flat = np.zeros(n_rows, dtype=np.intp)
    if n_rows == 0:
        return path_flat
    grouped = _group_by_group(bmes_viterbi, grammar, log_probs, lengths)
    if grouped is not None:
        return grouped
    side = _SideBySide(grammar, lengths)
    L, opening_from, begin_at, n_sent, longest, alive = side.L, side.opening_from, side.begin_at, side.n_sent, side.longest, side.alive
    emissions = side.cells(log_probs, -np.inf)

    score = np.full((n_sent, len(side.order_tags)), -np.inf, dtype=np.float32)
    score[:, opening_from:] = emissions[0, :, opening_from:]
    # Per step and sentence: the best closed tag (whence every opening tag), and for each label
    # whether M-X beat B-X (whence M-X and E-X).
    back_closed = np.zeros((longest, n_sent), dtype=np.intp)
    back_middle = np.zeros((longest, n_sent, L), dtype=bool)
    closed, middle, begin = score[:, L:begin_at], score[:, :L], score[:, begin_at:]
    inner = score[:, :opening_from].reshape(n_sent, 2, L)  # M and E: the same way in
    opening = score[:, opening_from:]
    inner_emissions = emissions[:, :, :opening_from].reshape(longest, n_sent, 2, L)
    opening_emissions = emissions[:, :, opening_from:]
    for t in range(1, longest):
        n = alive[t]
        closed[:n].argmax(axis=1, out=back_closed[t, :n])
        into_opening = closed[:n].max(axis=1, keepdims=True)
        np.greater(middle[:n], begin[:n], out=back_middle[t, :n])
        into_inner = np.maximum(middle[:n], begin[:n])[:, None, :]
        np.add(inner_emissions[t, :n], into_inner, out=inner[:n])
        np.add(opening_emissions[t, :n], into_opening, out=opening[:n])

    # Each sentence's score stopped changing at its last step: end on its best closed tag.
    last = L + closed.argmax(axis=1)
    path = np.zeros((n_sent, longest), dtype=np.intp)
    ends = np.array(alive[1:] + [0])  # sentences [ends[t], alive[t]) end at step t
    everyone = np.arange(n_sent)
    back_closed += L
    for t in range(longest - 1, 0, -1):
        n = alive[t]
        path[ends[t] : n, t] = last[ends[t] : n]
        tag = path[:n, t]
        if L:
            label = tag % L  # M-X or E-X: from M-X or B-X of the same label
            came_from = np.where(back_middle[t, everyone[:n], label], label, begin_at + label)
            np.copyto(came_from, back_closed[t, :n], where=tag >= opening_from)
            path[:n, t - 1] = came_from
        else:
            path[:n, t - 1] = back_closed[t, :n]
    path[ends[0] : alive[0], 0] = last[ends[0] : alive[0]]
    path_flat[:] = side.order_tags[path[side.sentence_row, side.step_of]]
    return path_flat


def bmes_max_marginals(grammar: Grammar, log_probs: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Per row of a flat batch, the probability of its likeliest tag among the grammatical tag sequences
    of its sentence (each sequence weighted by its score, as the CRF loss weighs them): how sure the tagger
    is there once the grammar has had its say. 0 where no grammatical sequence is left (the tagger is then
    surely wrong).

    A forward and a backward pass in probabilities, the sentences side by side as in bmes_viterbi;
    each forward step is scaled to sum to 1 and the backward step after it by the same factor (the
    scale cancels out in a marginal).
    """
    n_rows = int(lengths.sum())
    if n_rows == 0:
        return np.zeros(0, dtype=np.float32)
    grouped = _group_by_group(bmes_max_marginals, grammar, log_probs, lengths)
    if grouped is not None:
        return grouped
    side = _SideBySide(grammar, lengths)
    L, opening_from, begin_at, alive, longest = side.L, side.opening_from, side.begin_at, side.alive, side.longest
    # Each row scaled to its likeliest tag. A row whose grammatical tags are all some e^-87 below that
    # underflows to zeros in float32, and its sentence's rows then count as unsure: they are.
    emissions = side.cells(np.exp(log_probs - log_probs.max(axis=1, keepdims=True)), 0.0)
    shape = (longest, side.n_sent, len(side.order_tags))
    forward, backward = np.zeros(shape, dtype=np.float32), np.empty(shape, dtype=np.float32)
    totals = np.ones((longest + 1, side.n_sent, 1), dtype=np.float32)
    forward_inner = forward[:, :, :opening_from].reshape(longest, side.n_sent, 2, L)  # M and E: the same way in
    inner_emissions = emissions[:, :, :opening_from].reshape(longest, side.n_sent, 2, L)
    with np.errstate(invalid="ignore", divide="ignore"):
        forward[0, :, opening_from:] = emissions[0, :, opening_from:]
        forward[0].sum(axis=1, keepdims=True, out=totals[0])
        forward[0] /= totals[0]
        for t in range(1, longest):
            n = alive[t]
            before, here = forward[t - 1, :n], forward[t, :n]
            into_inner = before[:, :L] + before[:, begin_at:]  # M-X, E-X from M-X or B-X
            np.multiply(inner_emissions[t, :n], into_inner[:, None, :], out=forward_inner[t, :n])
            np.multiply(emissions[t, :n, opening_from:], before[:, L:begin_at].sum(axis=1, keepdims=True), out=here[:, opening_from:])
            here.sum(axis=1, keepdims=True, out=totals[t, :n])
            here /= totals[t, :n]
        ends = alive[1:] + [0]  # sentences [ends[t], alive[t]) end at step t, on a closed tag
        for t in range(longest - 1, -1, -1):
            done = backward[t, ends[t] : alive[t]]
            done[:] = 0.0
            done[:, L:begin_at] = 1.0
            going_on = ends[t]
            if going_on:
                after = emissions[t + 1, :going_on] * backward[t + 1, :going_on]
                here = backward[t, :going_on]
                np.add(after[:, :L], after[:, L:opening_from], out=here[:, :L])  # B-X, M-X go on to M-X or E-X
                here[:, begin_at:] = here[:, :L]
                after[:, opening_from:].sum(axis=1, keepdims=True, out=here[:, L:L + 1])  # closed: any opening tag
                here[:, L + 1 : begin_at] = here[:, L : L + 1]
                here /= totals[t + 1, :going_on]
        joint = side.flat(forward) * side.flat(backward)
        best = joint.max(axis=1) / joint.sum(axis=1)
    return np.nan_to_num(best, nan=0.0)
