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

``bmes_viterbi`` is the decoder under the BMES grammar on the flat batch, its tags reordered so that
every set it needs (closed tags, opening tags, B, M, E of each label) is a slice.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, cast

import numpy as np
from thinc.api import Model, NumpyOps

FEATURE_KEYS = "resume_ner_feature_keys"  # name of the ResumeNERFeatures layer that reads the docs
_OPS = NumpyOps(use_blis=False)  # its C kernels (hash, seq2col, maxout, mish); matmuls go through numpy
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
class LeanForward:
    """One tagger's (or an average of taggers') scores for a batch, from its feature keys."""

    model: Model  # what it was compiled from: the cache is valid while the component keeps this model
    members: list[list[Step]]  # one step list per tagger; a plain Tagger.v2 has one

    def log_probs(self, keys: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """(rows, tags) log-probabilities of the flat batch, docs one after the other.

        keys: (rows, features) uint64, the docs' feature keys concatenated; lengths: rows per doc.
        """
        rows = _Rows(lengths)
        keys_by_column = np.ascontiguousarray(keys.T)  # ops.hash wants each column contiguous
        outputs = [log_softmax(_run(steps, keys_by_column, rows)) for steps in self.members]
        if len(outputs) == 1:
            return outputs[0]
        # AveragedTaggers: the mean of the members' log-probabilities, normalised again as predict does.
        return log_softmax(sum(outputs[1:], outputs[0]) / len(outputs))


def compile_forward(model: Model) -> LeanForward | None:
    """The lean forward of a spacy.Tagger.v2 over ResumeNERFeatures, or of screener.AveragedTaggers.v1
    of them; None for anything else (the caller then uses thinc's predict)."""
    if not all(isinstance(node.ops, NumpyOps) for node in model.walk()):
        return None
    members = list(model.layers) if model.name == "averaged_taggers" else [model]
    try:
        return LeanForward(model, [_compile_tagger(member) for member in members])
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


# --- compiling the thinc model into steps ------------------------------------------------------


def _compile_tagger(model: Model) -> list[Step]:
    leaves = _chain_leaves(model)
    if not leaves or leaves[0].name != FEATURE_KEYS:
        raise _Unsupported(model.name)
    steps: list[Step] = []
    mode = "list"
    for node in leaves[1:]:
        mode = _compile(node, mode, steps)
    if mode != "list" or not steps:
        raise _Unsupported(model.name)
    return steps


def _chain_leaves(model: Model) -> list[Model]:
    if model._func is _FORWARD["chain"]:
        return [leaf for layer in model.layers for leaf in _chain_leaves(layer)]
    return [model]


def _compile(node: Model, mode: str, steps: list[Step]) -> str:
    """Append the steps of `node` given the input's form ("list", "ragged" or "array"); the output's form."""
    func = node._func
    if func is _FORWARD["chain"]:
        for layer in node.layers:
            mode = _compile(layer, mode, steps)
        return mode
    if func is _FORWARD["list2ragged"] and mode == "list":
        return "ragged"
    if func is _FORWARD["ragged2list"] and mode == "ragged":
        return "list"
    if func is _FORWARD["with_array"]:
        inner: list[Step] = []
        if _compile(node.layers[0], "array", inner) != "array":
            raise _Unsupported(node.name)
        pad = node.attrs.get("pad", 0)
        # Only a list is padded (thinc's _list_forward); a Ragged or an array goes in as it is.
        steps.append(_Padded(inner, pad) if mode == "list" and pad > 0 else _Sequence(inner))
        return mode
    if mode != "array":
        raise _Unsupported(node.name)
    if func is _FORWARD["residual"]:
        inner = []
        if _compile(node.layers[0], "array", inner) != "array":
            raise _Unsupported(node.name)
        steps.append(_Residual(inner))
    elif func is _FORWARD["expand_window"]:
        steps.append(_ExpandWindow(node.attrs["window_size"]))
    elif func is _FORWARD["concatenate"]:
        steps.append(_HashEmbeds.of(node))
    elif func is _FORWARD["maxout"]:
        steps.append(_Maxout(node))
    elif func is _FORWARD["mish"]:
        steps.append(_Mish(node))
    elif func is _FORWARD["layernorm"]:
        # In place only on an array the step before made (not on a residual's input, say).
        steps.append(_LayerNorm(node, in_place=bool(steps) and isinstance(steps[-1], (_Maxout, _Mish, _Affine))))
    elif func is _FORWARD["softmax"] and not node.attrs.get("softmax_normalize", True):
        steps.append(_Affine(node))  # spacy.Tagger.v2 with normalize = false: logits at inference
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

    def __call__(self, keys_by_column: np.ndarray, rows: _Rows) -> np.ndarray:
        n = keys_by_column.shape[1]
        vectors = [_param(node, "E") for _, node in self.tables]
        n_tables, width = len(vectors), vectors[0].shape[1]
        hashed = []
        for (column, node), E in zip(self.tables, vectors):
            key = (column, node.attrs["seed"], E.shape[0])
            if key not in rows.buckets:
                rows.buckets[key] = np.empty((4, n), dtype=np.intp)
                np.remainder(_OPS.hash(keys_by_column[column], key[1]).T, key[2], out=rows.buckets[key])
            hashed.append(rows.buckets[key])
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


def _dense(X: np.ndarray, node: Model) -> np.ndarray:
    W, b = _param(node, "W"), _param(node, "b")
    Y = X @ W.reshape(-1, X.shape[1]).T
    Y += b.reshape(-1)
    return Y


class _Maxout:
    def __init__(self, node: Model):
        self.node = node

    def __call__(self, X: np.ndarray, rows: _Rows) -> np.ndarray:
        Y = _dense(X, self.node)
        n_out, n_pieces = _param(self.node, "b").shape
        return _OPS.maxout(Y.reshape(len(Y), n_out, n_pieces))[0]


class _Mish:
    def __init__(self, node: Model):
        self.node = node

    def __call__(self, X: np.ndarray, rows: _Rows) -> np.ndarray:
        return _OPS.mish(_dense(X, self.node), inplace=True)


class _Affine:
    def __init__(self, node: Model):
        self.node = node

    def __call__(self, X: np.ndarray, rows: _Rows) -> np.ndarray:
        return _dense(X, self.node)


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
        if steps and len(residuals) == len(steps) and sum(windows) <= pad:
            self.layers = residuals
            self.reach = [sum(windows[k + 1 :]) for k in range(len(steps))]

    def __call__(self, X: np.ndarray, rows: _Rows) -> np.ndarray:
        pad, lengths = self.pad, rows.lengths[rows.lengths > 0]  # thinc's flatten drops empty docs
        # Row i of doc d (d-th non-empty doc) sits after d + 1 pad blocks.
        positions = np.arange(rows.n) + pad * np.repeat(np.arange(1, len(lengths) + 1), lengths)
        n_padded = rows.n + pad * (len(lengths) + 1)
        padded = np.zeros((n_padded, X.shape[1]), dtype=np.float32)
        padded[positions] = X
        if self.layers is None:
            return _run(self.steps, padded, rows)[positions]
        distance = _distance_to_docs(positions, n_padded)
        *body, last = self.layers
        for step, reach in zip(body, self.reach):
            wanted = np.flatnonzero(distance <= reach)
            if len(wanted) > 0.9 * n_padded:  # a gather and scatter cost more than the few rows saved
                padded = step(padded, rows)
            else:
                padded[wanted] = step.at(padded, wanted, rows)  # the other rows are never read again
        return last.at(padded, positions, rows)


def _distance_to_docs(positions: np.ndarray, n_rows: int) -> np.ndarray:
    """For each of n_rows rows, how many rows away the nearest of `positions` (sorted) is."""
    index = np.arange(n_rows)
    is_doc = np.zeros(n_rows, dtype=bool)
    is_doc[positions] = True
    before = np.maximum.accumulate(np.where(is_doc, index, -n_rows))
    after = np.minimum.accumulate(np.where(is_doc, index, 2 * n_rows)[::-1])[::-1]
    return np.minimum(index - before, after - index)


# --- decoding -------------------------------------------------------------------------------------


class Grammar(Protocol):
    """Tag ids of extractors.bmes_ner.TagGrammar: which tags may follow which."""

    closed: np.ndarray  # O, E-X, S-X: a tag sequence may end there and anything opening follow
    opening: np.ndarray  # O, B-X, S-X
    begin: np.ndarray  # per entity label with B and E: B-X
    middle: np.ndarray  # ... M-X, or -1 when the labels have none
    end: np.ndarray  # ... E-X
    n_tags: int


def bmes_viterbi(grammar: Grammar, log_probs: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The best grammatical tag sequence of each sentence of a flat batch, as one flat array of tag ids.

    log_probs: (rows, tags), the sentences one after the other; lengths: rows per sentence.
    The sentences run side by side, longest first, so that those still going at step t are the
    first rows. The tags are reordered M | E | O,S | B (the M column of a label without one is
    -inf): closed tags (E, O, S), opening tags (O, S, B) and the tags that close or continue an entity
    (M, E) are then each one slice, and a step is a few numpy calls whatever the number of labels.
    """
    n_rows = int(lengths.sum())
    path_flat = np.zeros(n_rows, dtype=np.intp)
    if n_rows == 0:
        return path_flat
    closed_tags, opening_tags = set(grammar.closed.tolist()), set(grammar.opening.tolist())
    free = [tag for tag in range(grammar.n_tags) if tag in closed_tags and tag in opening_tags]  # O and S-X
    # Tags in none of the blocks (an E-X without B-X, ...) can never be on a grammatical path.
    order_tags = np.concatenate([np.where(grammar.middle >= 0, grammar.middle, grammar.n_tags), grammar.end, free, grammar.begin])
    L = len(grammar.begin)  # entity labels with B and E
    opening_from, begin_at = 2 * L, 2 * L + len(free)  # M: [0, L), E: [L, 2L), O,S: [2L, begin_at), B: after

    with_blank = np.empty((n_rows, grammar.n_tags + 1), dtype=np.float32)
    with_blank[:, : grammar.n_tags] = log_probs
    with_blank[:, grammar.n_tags] = -np.inf
    emissions_flat = with_blank[:, order_tags.astype(np.intp)]

    order = np.argsort(-lengths, kind="stable")
    sorted_lengths = lengths[order]
    n_sent = int((sorted_lengths > 0).sum())
    longest = int(sorted_lengths[0])
    row_of = np.empty(len(lengths), dtype=np.intp)
    row_of[order] = np.arange(len(lengths))
    starts = np.cumsum(lengths) - lengths
    step_of = np.arange(n_rows) - np.repeat(starts, lengths)
    sentence_row = np.repeat(row_of, lengths)
    emissions = np.empty((longest, n_sent, len(order_tags)), dtype=np.float32)  # dead cells are never read
    emissions[step_of, sentence_row] = emissions_flat
    alive = (n_sent - np.cumsum(np.bincount(sorted_lengths[:n_sent], minlength=longest + 1))).tolist()  # alive[t]: length > t

    score = np.full((n_sent, len(order_tags)), -np.inf, dtype=np.float32)
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
    path_flat[:] = order_tags[path[sentence_row, step_of]]
    return path_flat
