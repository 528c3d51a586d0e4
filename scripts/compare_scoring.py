"""Do two versions of ``scoring/`` give the same scores? Every criterion of every pair, compared as frames.

    python scripts/compare_scoring.py                                  # the samples, against HEAD
    python scripts/compare_scoring.py --corpus /work/dev-corpus --limit 200 --base 56012d2

The résumés (the bundled samples, or the first ``--limit`` Chinese ones of the development corpus'
manifest) are extracted once with the working tree's extractors, then scored against the bundled
profiles twice: by ``scoring/`` as it was at ``--base`` (loaded from git under another package
name, ``score_candidate`` pair by pair) and by the working tree's ``score_candidates``. One row per
candidate, profile and criterion holds every field of both results; ``polars.testing.assert_frame_equal``
says whether they are identical. Exits 0 when they are, 1 with the first difference when not.
Nothing of the résumés is written anywhere.
"""

import argparse
import importlib
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

import polars as pl
from polars.testing import assert_frame_equal

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from job_profiles.profile import bundled_profiles, load_profile  # noqa: E402
from scoring.score import CandidateScore, score_candidates  # noqa: E402
from scripts.bench_scoring import SAMPLES, corpus_files, extract_all  # noqa: E402


def base_scoring(ref: str, into: Path) -> ModuleType:
    """``scoring/`` at git ``ref`` as the package ``scoring_base`` (its own imports renamed)."""
    package = into / "scoring_base"
    package.mkdir()
    names = subprocess.run(["git", "ls-tree", "--name-only", ref, "scoring/"], cwd=ROOT, check=True, capture_output=True, text=True).stdout.split()
    for name in names:
        if name.endswith(".py"):
            source = subprocess.run(["git", "show", f"{ref}:{name}"], cwd=ROOT, check=True, capture_output=True, text=True).stdout
            (package / Path(name).name).write_text(re.sub(r"\bscoring\.", "scoring_base.", source), encoding="utf-8")
    sys.path.insert(0, str(into))
    return importlib.import_module("scoring_base.score")


def frame(results: list[CandidateScore]) -> pl.DataFrame:
    rows = [
        {**result.model_dump(exclude={"criteria"}), "must_haves_failed": ",".join(result.must_haves_failed), "criterion": i, **criterion.model_dump()}
        for result in results
        for i, criterion in enumerate(result.criteria)
    ]
    return pl.DataFrame(rows).sort("source_path", "profile_id", "criterion")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="the development corpus (files/ under it) instead of the samples")
    parser.add_argument("--limit", type=int, default=200, help="résumés taken from --corpus")
    parser.add_argument("--base", default="HEAD", help="the git revision of scoring/ to compare with")
    args = parser.parse_args()

    paths = corpus_files(args.corpus, args.limit) if args.corpus else sorted(SAMPLES.iterdir())
    candidates = extract_all(paths)
    profiles = [load_profile(p) for p in bundled_profiles().values()]
    with tempfile.TemporaryDirectory() as tmp:
        base = base_scoring(args.base, Path(tmp))
        started = time.process_time()
        before = [base.score_candidate(c, p) for c in candidates for p in profiles]
        middle = time.process_time()
        after = [score for row in score_candidates(candidates, profiles) for score in row]
        done = time.process_time()
    print(f"{len(candidates)} résumés × {len(profiles)} profiles: {args.base} {middle - started:.2f} s CPU, working tree {done - middle:.2f} s CPU")
    old, new = frame(before), frame(after)
    try:
        assert_frame_equal(old, new)
    except AssertionError as exc:
        print(f"different: {exc}")
        return 1
    print(f"identical: {new.height} criteria, {len(after)} scores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
