"""`--code` module for `spacy train` / `spacy evaluate` on CPU.

1. Route thinc's CPU matrix multiplies through numpy's BLAS instead of the
   bundled BLIS. The `blis` wheel falls back to its 'generic' kernel on some
   CPUs (AMD Zen 4 here: ~17 GFLOPS vs ~85 GFLOPS for numpy's OpenBLAS on one
   core), which makes training and inference several times slower. Both compute
   the same float32 GEMM; a model trained this way loads with plain
   `spacy.load` and nothing from this module is stored in it.
2. Cap numpy's OpenBLAS at NER_THREADS threads (default 1), since by the time
   this module is imported numpy has already read OPENBLAS_NUM_THREADS.
3. Register the model's own parts (tokenizer, features, `bmes_ner` component)
   from the resume-screener package, installed in the same environment.
"""
from __future__ import annotations

import ctypes
import glob
import os

import numpy
from thinc.api import NumpyOps, set_current_ops

import extractors.ner.component  # noqa: F401  registers screener.CharTokenizer.v1, screener.ResumeNERFeatures.v1, bmes_ner


def _cap_openblas_threads(n: int) -> bool:
    libdir = os.path.join(os.path.dirname(numpy.__file__) + ".libs")
    for lib in glob.glob(os.path.join(libdir, "*openblas*.so*")):
        try:
            handle = ctypes.CDLL(lib)
        except OSError:
            continue
        for sym in ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
                    "openblas_set_num_threads64_", "openblas_set_num_threads"):
            fn = getattr(handle, sym, None)
            if fn is not None:
                fn(ctypes.c_int(n))
                return True
    return False


_cap_openblas_threads(int(os.environ.get("NER_THREADS", "1")))
set_current_ops(NumpyOps(use_blis=False))
