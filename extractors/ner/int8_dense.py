"""Dense layers in 8-bit integers, for the NER's inference: onnxruntime's MatMulInteger.

On one core, float32 matrix products are most of the NER's time. onnxruntime multiplies 8-bit
integers with the CPU's integer dot-product instructions (AVX-512 VNNI, AVX2, NEON), 2-4 times as
fast as numpy's float32 product on the NER's layer shapes here. Its graph (``int8_dense.onnx``,
written by ``scripts/make_int8_graph.py``) holds no weights; they are quantized here:

- each output column's weights to 7 bits, [-63, 63], scaled by that column's largest weight. Not 8:
  an unsigned 8-bit input times a 7-bit weight, summed in pairs, never overflows the 16 bits of
  AVX2's VPMADDUBSW, so the integer sums are exact on every CPU, with or without VNNI;
- the inputs to unsigned 8 bits over each call's own range (DynamicQuantizeLinear), in the graph.

Used where a model's config asks for it (``screener.CascadedTaggers.v1`` with ``int8 = true``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np

GRAPH = Path(__file__).with_name("int8_dense.onnx")
WEIGHT_LEVELS = 63  # 7 bits either side of zero (see above)


class Int8Dense:
    """X @ W.T + b with W quantized once, per output column, and X per call."""

    def __init__(self, W: np.ndarray, b: np.ndarray):
        """W: (outputs, inputs) float32 weights, as thinc stores them; b: (outputs,) bias."""
        largest = np.abs(W).max(axis=1)
        scale = np.where(largest > 0, largest / WEIGHT_LEVELS, 1.0).astype(np.float32)
        self.weights = np.ascontiguousarray(np.round(W / scale[:, None]).astype(np.int8).T)  # (inputs, outputs)
        self.scale = scale
        self.bias = np.ascontiguousarray(b, dtype=np.float32)

    def __call__(self, X: np.ndarray) -> np.ndarray:
        if len(X) == 0:
            return np.zeros((0, len(self.bias)), dtype=np.float32)
        feeds = {"X": np.ascontiguousarray(X, dtype=np.float32), "Wq": self.weights, "ws": self.scale, "b": self.bias}
        return _session().run(["Y"], feeds)[0]


@cache
def _session():
    import onnxruntime

    options = onnxruntime.SessionOptions()
    # One thread, as the rest of the NER: parallelism is the caller's (processes over résumés).
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    return onnxruntime.InferenceSession(str(GRAPH), options, providers=["CPUExecutionProvider"])
