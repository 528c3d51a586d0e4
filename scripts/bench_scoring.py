"""Scoring speed on one core: candidate×profile scores per second, time per stage. Prints numbers; not a test.

    python scripts/bench_scoring.py                          # 16,700 candidates × the 6 bundled profiles
    python scripts/bench_scoring.py --candidates 2000 --profiles 50
    python scripts/bench_scoring.py --corpus /work/dev-corpus --limit 200
    python scripts/bench_scoring.py --per-pair --candidates 300  # score_candidate once per pair
    python scripts/bench_scoring.py --real --pairs 100000 [--profile]  # real zh + en résumés, cProfile

The candidates are the bundled sample résumés (or, with ``--corpus``, the first ``--limit`` Chinese
résumés of the development corpus' manifest; or, with ``--real``, ``--zh`` Chinese and ``--en`` English
LiveCareer résumés of the corpus' ``dev`` part, drawn with a fixed seed, OCR'd images left out, and
their extraction cached as a pickle under /tmp), read and extracted once, then copied to reach
``--candidates`` (or ``--pairs`` ÷ profiles) with small text variations (a character dropped, a digit
added, a line left out) so that no two copies are the same text. The profiles are the bundled ones, copied under new ids to reach
``--profiles``. Extraction is set-up and not counted; only scoring is timed.

Stages of the batched scorer (``scoring.score.score_candidates``): the profiles' plan (once per run), each candidate's
evidence index (its lines, section weights and claimed/held text, prepared once), the matching of
every synonym of every profile against those lines in one batched call, and the criteria and totals.
"""

import argparse
import cProfile
import csv
import hashlib
import os
import pickle
import pstats
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# One core is what is measured: polars' thread pool is sized when polars is first imported.
os.environ.setdefault("POLARS_MAX_THREADS", "1")

from extractors.fields.candidate import extract_candidate  # noqa: E402
from extractors.readers.document import read_document  # noqa: E402
from job_profiles.profile import JobProfile, bundled_profiles, load_profile  # noqa: E402
from screener.models import Candidate, ReadError, TextLine  # noqa: E402

SAMPLES = ROOT / "data" / "samples" / "resumes"
MANIFEST = ROOT / "corpus" / "manifest.csv"
REFERENCE_DATE = "2026-06-30"
REAL_REFERENCE_DATE = "2019-06-30"  # as eval_real.py: the corpus files were written 2012-2019


def corpus_files(corpus: Path, limit: int) -> list[Path]:
    """The first ``limit`` Chinese résumés of the manifest that are laid out under ``corpus/files``."""
    by_sha = {p.stem: p for p in (corpus / "files").iterdir()}
    with MANIFEST.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["lang"] == "zh" and r["sha256"] in by_sha]
    return [by_sha[r["sha256"]] for r in rows[:limit]]


def real_files(corpus: Path, zh: int, en: int, seed: int) -> list[Path]:
    """``zh`` Chinese résumés (no OCR'd images) and ``en`` English LiveCareer PDFs of the ``dev`` part, by ``seed``."""
    with (MANIFEST.parent / "split.csv").open(encoding="utf-8") as f:
        dev = {r["sha256"] for r in csv.DictReader(f) if r["part"] == "dev"}
    with MANIFEST.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["sha256"] in dev]
    by_sha = {p.stem: p for p in (corpus / "files").iterdir()}
    zh_rows = sorted(r["sha256"] for r in rows if r["lang"] == "zh" and r["format"] != "image" and r["sha256"] in by_sha)
    en_rows = sorted(r["sha256"] for r in rows if r["lang"] == "en" and r["site"] == "livecareer" and r["sha256"] in by_sha)
    rng = random.Random(seed)
    chosen = rng.sample(zh_rows, min(zh, len(zh_rows))) + rng.sample(en_rows, min(en, len(en_rows)))
    return [by_sha[s] for s in chosen]


def cached_extract(paths: list[Path], reference: str) -> list[Candidate]:
    """``extract_all``, kept in /tmp by the files, the reference date and the extractors' source."""
    key = hashlib.sha256(reference.encode())
    for path in paths:
        key.update(path.name.encode())
    for source in sorted((ROOT / "extractors").rglob("*.py")):
        key.update(source.read_bytes())
    cache = Path("/tmp") / f"bench_scoring_{key.hexdigest()[:16]}.pickle"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    candidates = extract_all(paths, reference)
    cache.write_bytes(pickle.dumps(candidates))
    cache.chmod(0o600)  # real people's résumés
    return candidates


def extract_all(paths: list[Path], reference_date: str = REFERENCE_DATE) -> list[Candidate]:
    from datetime import date

    reference = date.fromisoformat(reference_date)
    candidates = []
    for path in paths:
        document = read_document(path)
        if isinstance(document, ReadError):
            continue
        try:
            candidate = extract_candidate(document, reference)
        except Exception:  # a résumé the extractor cannot handle is not the scorer's to time
            continue
        if candidate.lines:
            candidates.append(candidate)
    return candidates


def _vary(text: str, rng: random.Random, copy: int) -> str:
    if len(text) > 4 and rng.random() < 0.5:
        i = rng.randrange(len(text))
        return text[:i] + text[i + 1 :]
    return f"{text} {copy}"


def varied(candidate: Candidate, copy: int) -> Candidate:
    """A copy whose text differs a little: a quarter of the lines edited, one in twenty left out."""
    if copy == 0:
        return candidate
    rng = random.Random(copy)
    lines: list[TextLine] = []
    for line in candidate.lines:
        roll = rng.random()
        if roll < 0.05:
            continue
        if roll < 0.30 and line.claimed == line.text == line.held:
            text = _vary(line.text, rng, copy)
            line = TextLine(section=line.section, text=text)
        lines.append(line)
    source = candidate.source.model_copy(update={"path": f"{candidate.source.path}#{copy}", "sha256": f"{candidate.source.sha256[:56]}{copy:08d}"})
    return candidate.model_copy(update={"lines": lines, "source": source})


def replicated(items: list, count: int, copy: Callable) -> list:
    return [copy(items[i % len(items)], i // len(items)) for i in range(count)]


def profile_copy(profile: JobProfile, copy: int) -> JobProfile:
    return profile if copy == 0 else profile.model_copy(update={"id": f"{profile.id}_{copy}"})


def bench_per_pair(candidates: list[Candidate], profiles: list[JobProfile]) -> None:
    from scoring.score import score_candidate

    started, cpu = time.perf_counter(), time.process_time()
    for candidate in candidates:
        for profile in profiles:
            score_candidate(candidate, profile)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    pairs = len(candidates) * len(profiles)
    print(f"score_candidate per pair: {pairs:,} scores in {seconds:.2f} s ({cpu:.2f} s CPU) = {pairs / cpu:,.0f} scores/s of CPU")


def bench_batched(candidates: list[Candidate], profiles: list[JobProfile], workers: int, profile: bool = False) -> None:
    from scoring.evidence import evidence_index, match_evidence
    from scoring.score import gc_paused, prepare_profiles, scores_from

    clock = time.process_time  # CPU time: the machine is shared, and one core is what is measured
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    wall = time.perf_counter()
    t0 = clock()
    plan = prepare_profiles(profiles)
    t1 = clock()
    with gc_paused():  # as score_candidates runs these stages
        indexes = [evidence_index(c) for c in candidates]
        t2 = clock()
        hits = match_evidence(indexes, plan.terms, workers=workers)
        t3 = clock()
        scores_from(candidates, indexes, hits, plan)
        t4 = clock()
    seconds, wall = t4 - t0, time.perf_counter() - wall
    if profiler:
        profiler.disable()
    pairs = len(candidates) * len(profiles)
    print(
        f"batched: {pairs:,} scores in {seconds:.2f} s CPU ({wall:.2f} s wall) = {pairs / seconds:,.0f} scores/s of CPU "
        f"({len(plan.terms.terms)} distinct terms, {len(plan.requirements)} distinct requirements)"
    )
    stages = {"plan": t1 - t0, "index": t2 - t1, "match": t3 - t2, "criteria": t4 - t3}
    for stage, spent in stages.items():
        print(f"  {stage:<9} {spent:7.2f} s  {100 * spent / seconds:5.1f}%")
    if profiler:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=16_700)
    parser.add_argument("--profiles", type=int, default=0, help="profiles to score against (default: the bundled ones)")
    parser.add_argument("--corpus", type=Path, help="the development corpus (files/ under it) instead of the samples")
    parser.add_argument("--limit", type=int, default=200, help="résumés taken from --corpus")
    parser.add_argument("--real", action="store_true", help="real zh + en résumés of --corpus (default /work/dev-corpus), cached in /tmp")
    parser.add_argument("--zh", type=int, default=300, help="Chinese résumés with --real")
    parser.add_argument("--en", type=int, default=200, help="English LiveCareer PDFs with --real")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pairs", type=int, default=0, help="candidate×profile pairs to reach (sets --candidates)")
    parser.add_argument("--profile", action="store_true", help="cProfile the batched scoring, top functions by own time")
    parser.add_argument("--per-pair", action="store_true", help="time score_candidate once per pair instead")
    parser.add_argument("--dump", type=Path, help="write every score of the extracted résumés × the profiles here (pickle), to compare versions")
    parser.add_argument("--workers", type=int, default=1, help="rapidfuzz workers of the batched match")
    args = parser.parse_args()

    started = time.perf_counter()
    if args.real:
        base = cached_extract(real_files(args.corpus or Path("/work/dev-corpus"), args.zh, args.en, args.seed), REAL_REFERENCE_DATE)
    else:
        base = extract_all(corpus_files(args.corpus, args.limit) if args.corpus else sorted(SAMPLES.iterdir()))
    lines = sum(len(c.lines) for c in base) / len(base)
    print(f"set-up: {len(base)} résumés extracted in {time.perf_counter() - started:.1f} s, {lines:.0f} lines each on average")
    bundled = [load_profile(p) for p in bundled_profiles().values()]
    profiles = replicated(bundled, args.profiles or len(bundled), profile_copy)
    if args.dump:
        from scoring.score import score_candidates

        args.dump.write_bytes(pickle.dumps([[s.model_dump() for s in row] for row in score_candidates(base, profiles)]))
        args.dump.chmod(0o600)
    count = -(-args.pairs // len(profiles)) if args.pairs else args.candidates
    candidates = replicated(base, count, varied)
    print(f"scoring {len(candidates):,} candidates × {len(profiles)} profiles")
    if args.per_pair:
        bench_per_pair(candidates, profiles)
    else:
        bench_batched(candidates, profiles, args.workers, args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
