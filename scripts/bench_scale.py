"""``screener run`` on thousands of real résumés: wall time, Prefect's share, peak memory, 1 vs N workers.

    PYTHONPATH=. .venv/bin/python scripts/bench_scale.py [--corpus /work/dev-corpus/files] [-n 2000 10000]
        [--workers 1 2] [--profile ID ...] [--keep]

For each ``n`` the script copies ``n`` files of the corpus (sorted by name) into a temporary inbox;
past the corpus' size it copies the same files again under new names (``0001-<name>``), which
``--no-cache`` then screens again like new ones. For each worker count it runs the real command line,
``screener run INBOX --out OUT --no-cache --workers W --no-progress`` (all bundled profiles unless
``--profile``) in embedded mode, as a user runs it, in a PREFECT_HOME of its own whose database a
one-file run made first (as after a user's first run), and samples every 0.2 s
the resident memory of the run's process (RSS) and of its whole process tree (PSS, so that the
pages the workers share with their fork server count once): the run, the Prefect server it starts,
the worker processes and their fork server.

Prefect's share is the part of the command's wall time spent outside ``screen_batch`` (the time the
run itself reports): the embedded server's start-up, the flow and task bookkeeping, artifacts and the
interpreter's exit. Python's start-up and our own imports fall in it too, so it is an upper bound.
Real data: the script prints numbers only, and removes its copies unless ``--keep``.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_inbox(corpus: Path, n: int, inbox: Path) -> int:
    """``n`` files in ``inbox``: the corpus' files in name order, copied again under new names past its end."""
    files = sorted(p for p in corpus.iterdir() if p.is_file())
    inbox.mkdir(parents=True)
    for i in range(n):
        source = files[i % len(files)]
        round_ = i // len(files)
        shutil.copyfile(source, inbox / (source.name if round_ == 0 else f"{round_:04d}-{source.name}"))
    return -(-n // len(files))


def _rss_kb(pid: int) -> int:
    return _field_kb(f"/proc/{pid}/status", "VmRSS:")


def _pss_kb(pid: int) -> int:
    """Proportional set size: pages shared with the fork server are split among its workers, not counted in each."""
    return _field_kb(f"/proc/{pid}/smaps_rollup", "Pss:")


def _field_kb(path: str, name: str) -> int:
    try:
        with open(path, encoding="ascii") as status:
            return next((int(line.split()[1]) for line in status if line.startswith(name)), 0)
    except (OSError, ValueError):
        return 0


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(f"/proc/{entry.name}/stat").read_text()
            except OSError:
                continue
            children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += children.get(current, [])
    return found


def run_once(inbox: Path, workers: int, profiles: list[str], work: Path) -> dict[str, float]:
    out, home = work / f"out-{workers}", work / "prefect-home"
    shutil.rmtree(out, ignore_errors=True)
    home.mkdir(exist_ok=True)
    env = {**os.environ, "PREFECT_HOME": str(home), "PYTHONPATH": str(ROOT)}
    env.pop("PREFECT_API_URL", None)
    command = [sys.executable, "-m", "screener.cli", "run", str(inbox), "--out", str(out), "--no-cache", "--no-progress",
               "--workers", str(workers), "--reference-date", "2019-06-30", *[a for p in profiles for a in ("--profile", p)]]
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    own_peak = tree_peak = 0
    while process.poll() is None:
        own_peak = max(own_peak, _rss_kb(process.pid))
        tree_peak = max(tree_peak, sum(_pss_kb(p) for p in _tree(process.pid)))
        time.sleep(0.2)
    wall = time.perf_counter() - started
    output = process.stdout.read() if process.stdout else ""
    if process.returncode != 0:
        raise RuntimeError(f"screener run exited {process.returncode}: {output[-2000:]}")
    found = re.search(r"screened (\d+) file\(s\): (\d+) ranked, (\d+) error\(s\), \d+ profile\(s\), ([\d.]+) s", output)
    if found is None:
        raise RuntimeError(f"no summary line in: {output[-2000:]}")
    files, ranked, errors, inside = int(found[1]), int(found[2]), int(found[3]), float(found[4])
    return {"files": files, "ranked": ranked, "errors": errors, "wall": wall, "inside": inside,
            "prefect_share": (wall - inside) / wall, "own_rss_mb": own_peak / 1024, "tree_rss_mb": tree_peak / 1024}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path("/work/dev-corpus/files"))
    parser.add_argument("-n", type=int, nargs="+", default=[2000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--profile", action="append", default=[], help="profile id (default: all bundled)")
    parser.add_argument("--keep", action="store_true", help="keep the copies and outputs (real data: remove them after)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="screener-bench-scale-"))
    print(f"load before: {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} cores", flush=True)
    print("| files | workers | wall s | files/s | in screen_batch s | Prefect share | run RSS MB | tree PSS MB | ranked | errors | speed-up |")
    print("|---|---|---|---|---|---|---|---|---|---|---|", flush=True)
    try:
        # One PREFECT_HOME for all runs, its database made by a one-file run first: as every run after
        # a user's first (a first run also migrates the database, 5-10 s more).
        warm = work / "inbox-warm-up"
        make_inbox(args.corpus, 1, warm)
        run_once(warm, 1, args.profile, work)
        for n in args.n:
            inbox = work / f"inbox-{n}"
            make_inbox(args.corpus, n, inbox)
            base = None
            for workers in args.workers:
                r = run_once(inbox, workers, args.profile, work)
                base = base or r["wall"]
                print(f"| {r['files']:.0f} | {workers} | {r['wall']:.1f} | {r['files'] / r['wall']:.2f} | {r['inside']:.1f} | "
                      f"{100 * r['prefect_share']:.1f} % | {r['own_rss_mb']:.0f} | {r['tree_rss_mb']:.0f} | {r['ranked']:.0f} | "
                      f"{r['errors']:.0f} | {base / r['wall']:.2f}× | load {os.getloadavg()[0]:.2f}", flush=True)
            shutil.rmtree(inbox, ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
