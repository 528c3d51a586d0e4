"""The pool of ungraded Chinese résumés to grade for the seed's four roles (issue 17), chosen by the peers.

    PYTHONPATH=$PWD /work/main/.venv/bin/python scripts/ranking_pool.py --corpus /work/dev-corpus \
        --cache /tmp/ranking-pool-cache --out /work/scratch/s3/pool.txt

Pooling as TREC does: each peer of scripts/eval_ranking.py (character 1–2-gram TF-IDF and
multilingual-e5-small, built by that script's own functions, reading the seed's passage for each role)
ranks the Chinese résumés of ``corpus/manifest.csv`` that ``corpus/labels_zh.jsonl`` does not hold yet,
and the pool is the union of the top ``--depth`` of every ranker and role. The project's screener plays no
part, so the grades it is later measured on are not chosen by it.

The pool is written as sha256s only, one a line, shuffled with a fixed seed: no scores and no ranks, so a
grader reading it in order cannot tell which ranker put a résumé there or how high. It names real people's
files: write it outside the repository.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))

from scripts.eval_ranking import _rendering, embed_scores, peer_order, tfidf_scores, zh_adverts

SHUFFLE_SEED = 17  # the number: any fixed seed keeps the order reproducible


def ungraded_zh(corpus: Path) -> dict[str, str]:
    """sha256 -> text of every Chinese résumé not yet in labels_zh.jsonl that has a non-empty rendering."""
    with (ROOT / "corpus" / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        shas = sorted(r["sha256"] for r in csv.DictReader(handle) if r["lang"] == "zh")
    labels = (ROOT / "corpus" / "labels_zh.jsonl").read_text(encoding="utf-8").splitlines()
    # Graded ones are done; the few labelled not-a-résumé carry no grades and would only take a place.
    labelled = {json.loads(line)["sha256"] for line in labels if line.strip()}
    texts: dict[str, str] = {}
    for sha in shas:
        rendered = corpus / "text" / f"{sha}.txt"
        if sha in labelled or not rendered.is_file():
            continue
        text = _rendering(corpus, sha, rendered, corpus)  # the text exists: nothing is rendered or written
        if text.strip():
            texts[sha] = text
    return texts


def pool(texts: dict[str, str], adverts: dict[str, str], cache: Path, depth: int) -> list[str]:
    """The union of each peer's top ``depth`` for each role, sorted (shuffling is the caller's)."""
    shas = sorted(texts)
    docs = [texts[s] for s in shas]
    queries = list(adverts.values())
    chosen: set[str] = set()
    for scores in (tfidf_scores("zh", docs, queries), embed_scores("zh", docs, queries, cache)):
        for row in np.asarray(scores):
            chosen.update(peer_order(row, shas)[:depth])
    return sorted(chosen)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/dev-corpus"))
    parser.add_argument("--cache", type=Path, default=Path("/tmp/ranking-pool-cache"), help="embedding cache, outside the repo")
    parser.add_argument("--out", type=Path, required=True, help="the pool file, outside the repo")
    parser.add_argument("--depth", type=int, default=30, help="top N of each ranker and role")
    args = parser.parse_args(argv)
    sets = yaml.safe_load((ROOT / "corpus" / "ranking" / "sets.yaml").read_text(encoding="utf-8"))
    texts = ungraded_zh(args.corpus)
    chosen = pool(texts, zh_adverts(sets["zh"]), args.cache, args.depth)
    random.Random(SHUFFLE_SEED).shuffle(chosen)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(f"{sha}\n" for sha in chosen), encoding="utf-8")
    print(f"ranking_pool: {len(texts)} ungraded Chinese texts, pool of {len(chosen)} written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
