"""Time and memory of screening: the demo command end to end, and the pipeline's own throughput.

Prints numbers; it is not a test.

    python scripts/bench_pipeline.py                # demo run + throughput on 20 copies of the samples
    python scripts/bench_pipeline.py --copies 50 --workers 2

1. The README's demo command (``screener run data/samples/resumes``) in a fresh process with a fresh
   PREFECT_HOME: wall time, peak memory, and the share that is Prefect's start-up (wall time minus
   the time inside the flow, which the run prints).
2. The plain pipeline (read → extract → score against all profiles) over copies of the samples,
   in one process and with worker processes: résumés per second once started.
"""

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flows.pipeline import chunk_size_for, chunked, find_resumes, screen_chunk, worker_pool  # noqa: E402
from job_profiles.profile import bundled_profiles, load_profile  # noqa: E402

SAMPLES = ROOT / "data" / "samples" / "resumes"


def demo_run() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        # A fresh Prefect database and an empty résumé cache: the cost a first run pays.
        env = {**os.environ, "PREFECT_HOME": str(Path(tmp) / "prefect-home"), "SCREENER_CACHE_DIR": str(Path(tmp) / "cache")}
        env.pop("PREFECT_API_URL", None)
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "screener.cli", "run", str(SAMPLES), "--out", str(Path(tmp) / "out")],
            capture_output=True, text=True, env=env, cwd=ROOT,
        )
        wall = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        line = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-300:]
        inside = float(m.group(1)) if (m := re.search(r"([\d.]+) s;", line)) else float("nan")
        print("demo run (fresh PREFECT_HOME, embedded Prefect server)")
        print(f"  {line}")
        print(f"  wall {wall:.1f} s, inside the flow {inside:.1f} s, Prefect start-up and imports {wall - inside:.1f} s")
        print(f"  peak memory {peak_mb:.0f} MB (largest process)")


def throughput(copies: int, workers: int) -> None:
    profiles = [load_profile(p) for p in bundled_profiles().values()]
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(copies):
            shutil.copytree(SAMPLES, Path(tmp) / f"copy{i:03d}")
        files = find_resumes([Path(tmp)])
        for n_workers in sorted({1, workers}):
            started = time.perf_counter()
            chunks = chunked(files, chunk_size_for(len(files), n_workers))
            with worker_pool(n_workers) as pool:
                if pool is None:
                    results = [screen_chunk(c, profiles, date(2026, 6, 30)) for c in chunks]
                else:
                    results = list(pool.map(screen_chunk, chunks, [profiles] * len(chunks), [date(2026, 6, 30)] * len(chunks)))
            seconds = time.perf_counter() - started
            ranked = sum(len(r.candidates) for r in results)
            print(
                f"pipeline, {n_workers} process(es): {len(files)} files ({ranked} ranked) × {len(profiles)} profiles "
                f"in {seconds:.1f} s = {len(files) / seconds:.1f} résumés/s (worker start-up included)"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-demo", action="store_true")
    args = parser.parse_args()
    if not args.skip_demo:
        demo_run()
    throughput(args.copies, args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
