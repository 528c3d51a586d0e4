#!/usr/bin/env python
"""Evaluate the shipped Chinese resume NER model on a BMES split and time it.

Loads data/models/zh_resume_ner, tags every sentence of the split (default:
the ResumeNER dev split at ../shared/data/resumener/dev.char.bmes relative to
the repo root), and prints entity-level micro P/R/F1 overall and per label
(exact span + label match), then throughput with nlp.pipe on one thread:
one warm-up pass, then 5 timed passes, in sentences/s and characters/s (the
median pass, and the fastest: this machine's neighbours slow some passes).

The model is loaded as the screener loads it (extractors.fields.ner_gaps): spaCy's
own inference, thinc's matrix multiplies through numpy's BLAS.

Usage: python scripts/eval_ner.py [DEV.char.bmes] [--model DIR] [--batch-size N]
"""
from __future__ import annotations

import os

# One thread, before numpy / BLAS are imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse
import importlib.util
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_MODEL = REPO / "data" / "models" / "zh_resume_ner"
DEFAULT_DEV = REPO.parent / "shared" / "data" / "resumener" / "dev.char.bmes"


def _load_converter():
    """The BMES reader/decoder used to build the training corpus (one definition)."""
    path = REPO / "training" / "ner" / "scripts" / "convert_bmes.py"
    spec = importlib.util.spec_from_file_location("convert_bmes", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_model(model_dir: Path):
    from extractors.fields.ner_gaps import ner_pipeline

    nlp = ner_pipeline(model_dir)
    if nlp is None:
        raise SystemExit(f"{model_dir}: no meta.json, not a spaCy pipeline")
    return nlp


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return 100 * p, 100 * r, 100 * f


def evaluate(nlp, sents, conv) -> None:
    texts = ["".join(c for c, _ in s) for s in sents]
    tp, n_pred, n_gold = Counter(), Counter(), Counter()
    for sent, doc in zip(sents, nlp.pipe(texts, batch_size=256)):
        if len(doc) != len(sent):
            raise SystemExit(f"tokenizer did not split into characters: {doc.text!r}")
        gold_spans, _ = conv.bmes_spans([t for _, t in sent])
        gold = set(gold_spans)
        pred = {(e.start, e.end, e.label_) for e in doc.ents}
        for s in gold:
            n_gold[s[2]] += 1
        for s in pred:
            n_pred[s[2]] += 1
            if s in gold:
                tp[s[2]] += 1
    labels = sorted(set(n_gold) | set(n_pred))
    print(f"{'label':<8}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}{'pred':>7}")
    for lab in labels:
        p, r, f = prf(tp[lab], n_pred[lab], n_gold[lab])
        print(f"{lab:<8}{p:8.2f}{r:8.2f}{f:8.2f}{n_gold[lab]:7d}{n_pred[lab]:7d}")
    p, r, f = prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    print(f"{'MICRO':<8}{p:8.2f}{r:8.2f}{f:8.2f}{sum(n_gold.values()):7d}{sum(n_pred.values()):7d}")


def time_pipe(nlp, texts: list[str], batch_size: int, passes: int = 5) -> tuple[float, float, float]:
    """Sentences a second in the median and in the fastest pass, and characters a second in the median."""
    n_chars = sum(len(t) for t in texts)
    for _ in nlp.pipe(texts, batch_size=batch_size):  # warm-up
        pass
    times = []
    for _ in range(passes):
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=batch_size, n_process=1):
            pass
        times.append(time.perf_counter() - start)
    med = statistics.median(times)
    return len(texts) / med, len(texts) / min(times), n_chars / med


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT_DEV,
                    help=f"BMES file (default: {DEFAULT_DEV})")
    ap.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    ap.add_argument("--batch-size", type=int, default=256)
    args = ap.parse_args()

    conv = _load_converter()
    sents = list(conv.read_bmes(args.data))
    texts = ["".join(c for c, _ in s) for s in sents]
    n_chars = sum(len(t) for t in texts)
    size_mb = sum(f.stat().st_size for f in args.model.rglob("*") if f.is_file()) / 2**20
    print(f"model: {args.model} ({size_mb:.1f} MB)")
    print(f"data:  {args.data} ({len(sents)} sentences, {n_chars} characters)")

    nlp = load_model(args.model)
    print("\nentity-level scores (exact span and label):")
    evaluate(nlp, sents, conv)

    print(f"\nspeed, nlp.pipe, 1 thread, batch_size={args.batch_size}, 5 passes after a warm-up:")
    sps, fastest, cps = time_pipe(nlp, texts, args.batch_size)
    print(f"  {sps:8.0f} sentences/s {cps:9.0f} chars/s (median pass); fastest pass {fastest:.0f} sentences/s")

if __name__ == "__main__":
    sys.exit(main())
