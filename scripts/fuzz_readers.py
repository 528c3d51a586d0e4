"""Fuzz the readers: damaged copies of the samples fed to ``read_document`` in a watched worker.

    PYTHONPATH=. nice python scripts/fuzz_readers.py [--files N] [--seconds S] [--seed K]
        [--timeout 10] [--memory-mb 1024] [--repro DIR] [--ocr] [SEED_FILE_OR_DIR ...]

Each round takes a seed file (tests/fixtures and data/samples by default), mutates it (bytes flipped,
cut short, a run of it repeated, junk or another seed's bytes spliced in, two mutations stacked),
writes it to a scratch folder and has a worker process read it with ``read_document`` under a time
limit and an address-space limit, as ``screener run`` does (flows/isolation.py). It counts:

- ``crash``: an exception escaped ``read_document`` (which promises never to raise), or the worker died;
- ``unexpected``: a ``read_failed`` row, the code for an exception no reader anticipated (a bug to fix,
  though the batch survives it);
- ``hang``: the file took longer than ``--timeout``, and again longer than three times that in a
  fresh worker (the worker is killed and replaced; the retry keeps a busy machine from faking hangs);
- ``memory``: a MemoryError under ``--memory-mb`` (an ``out_of_memory`` row), or the worker killed by it.

Each such file is saved with its seed and kind in its name to ``--repro`` (outside the repository:
default ``$TMPDIR/fuzz_readers``). Stops after ``--files`` files or ``--seconds`` seconds, whichever
comes first, and prints the counts (also as JSON on the last line). Deterministic for a given
``--seed``. A script, not a test: tests/test_reading_fuzz.py runs a small derandomized sample in CI.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import resource
import sys
import tempfile
import time
import traceback
from collections import Counter
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEEDS = [ROOT / "tests" / "fixtures", ROOT / "data" / "samples"]
MAX_SEED_BYTES = 2 * 2**20  # larger seeds make each round slow without finding more


def seed_files(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for p in paths:
        found += sorted(f for f in (p.rglob("*") if p.is_dir() else [p]) if f.is_file())
    return [f for f in found if 0 < f.stat().st_size <= MAX_SEED_BYTES and f.suffix not in (".md",)]


def mutate(data: bytes, other: bytes, rng: random.Random) -> tuple[bytes, str]:
    """One or two damages of ``data`` (``other``: another seed, for splicing); and what was done."""
    how = rng.choice(["flip", "flip", "cut", "splice", "junk", "repeat", "zero", "stack"])
    n = max(1, len(data))
    out = bytearray(data)
    if how == "flip":
        for _ in range(rng.randint(1, 16)):
            out[rng.randrange(n)] = rng.randrange(256)
    elif how == "cut":
        out = out[: rng.randrange(n)]
    elif how == "splice":
        at, start = rng.randrange(n), rng.randrange(max(1, len(other)))
        out = out[:at] + other[start:start + rng.randint(1, 4096)] + out[at:]
    elif how == "junk":
        at = rng.randrange(n)
        out = out[:at] + rng.randbytes(rng.randint(1, 256)) + out[at:]
    elif how == "repeat":  # a run of the file repeated: deep nesting, long lines, many objects
        at = rng.randrange(n)
        piece = out[at:at + rng.randint(1, 64)]
        out = out[:at] + piece * rng.randint(2, 2000) + out[at:]
    elif how == "zero":
        at = rng.randrange(n)
        out[at:at + rng.randint(1, 512)] = bytes(min(n - at, 512))
    else:
        once, first = mutate(data, other, rng)
        twice, second = mutate(once, other, rng)
        return twice, f"{first}+{second}"
    return bytes(out), how


# --- the worker ---------------------------------------------------------------------------------


def _worker(conn: Connection, memory_mb: int, ocr: bool) -> None:
    from extractors.readers.document import ReadSettings, read_document
    from screener.models import ReadError

    settings = ReadSettings(ocr=ocr)
    import logging

    # Import every reader's library now: a fresh worker's first file must not pay for it (a false hang).
    import docx  # noqa: F401
    import openpyxl  # noqa: F401
    import pdfplumber  # noqa: F401
    import pypdfium2  # noqa: F401
    import xlrd  # noqa: F401

    logging.disable(logging.CRITICAL)  # read_document logs each unexpected error with its traceback
    with open("/proc/self/status", encoding="ascii") as status:
        held = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:"))
    resource.setrlimit(resource.RLIMIT_AS, (held + memory_mb * 2**20, resource.RLIM_INFINITY))
    conn.send(("ready", ""))
    while True:
        try:
            path = conn.recv()
        except EOFError:
            return
        try:
            result = read_document(Path(path), settings)
        except MemoryError:
            conn.send(("memory", "MemoryError escaped read_document"))
            continue
        except BaseException:  # the promise broken: report it, keep going
            conn.send(("crash", traceback.format_exc(limit=8)))
            continue
        if isinstance(result, ReadError):
            if "MemoryError" in result.reason:
                conn.send(("memory", result.reason))
            elif result.code == "read_failed":
                conn.send(("unexpected", result.reason))
            else:
                conn.send(("error", result.code))
        else:
            conn.send(("ok", result.quality))


class Worker:
    def __init__(self, memory_mb: int, ocr: bool) -> None:
        ctx = multiprocessing.get_context("fork")
        self.conn, theirs = ctx.Pipe()
        self.process = ctx.Process(target=_worker, args=(theirs, memory_mb, ocr), daemon=True)
        self.process.start()
        theirs.close()
        if not self.conn.poll(120):
            raise RuntimeError("the fuzzing worker did not start")
        self.conn.recv()

    def read(self, path: Path, timeout: float) -> tuple[str, str]:
        self.conn.send(str(path))
        if not self.conn.poll(timeout):
            return "hang", f"no answer within {timeout:g} s"
        try:
            return self.conn.recv()
        except (EOFError, OSError):
            self.process.join(5)
            code = self.process.exitcode
            return ("memory" if code == -9 else "crash"), f"worker died (exit code {code})"

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


# --- the loop -----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("seeds", nargs="*", type=Path, help="seed files or folders (default: tests/fixtures, data/samples)")
    parser.add_argument("--files", type=int, default=1000, help="stop after this many mutated files (default 1000)")
    parser.add_argument("--seconds", type=float, default=None, help="stop after this many seconds")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds a file may take before it counts as a hang")
    parser.add_argument("--memory-mb", type=int, default=1024, help="address space a file may add (MB)")
    parser.add_argument("--repro", type=Path, default=Path(tempfile.gettempdir()) / "fuzz_readers",
                        help="where to save the files that crashed, hung or blew up (outside the repository)")
    parser.add_argument("--ocr", action="store_true", help="read pictures and scanned pages by OCR too (slow)")
    args = parser.parse_args(argv)
    seeds = seed_files(args.seeds or DEFAULT_SEEDS)
    if not seeds:
        parser.error("no seed files")
    if args.repro.resolve().is_relative_to(ROOT):
        parser.error("--repro must be outside the repository")
    args.repro.mkdir(parents=True, exist_ok=True)
    blobs = {p: p.read_bytes() for p in seeds}
    rng = random.Random(args.seed)
    counts: Counter[str] = Counter()
    by_seed: Counter[str] = Counter()
    started = time.monotonic()
    worker = Worker(args.memory_mb, args.ocr)
    slowest = (0.0, "")
    with tempfile.TemporaryDirectory(prefix="fuzz_readers_") as scratch:
        try:
            for n in range(args.files):
                if args.seconds is not None and time.monotonic() - started > args.seconds:
                    break
                seed = rng.choice(seeds)
                data, how = mutate(blobs[seed], blobs[rng.choice(seeds)], rng)
                path = Path(scratch) / f"{n}{seed.suffix}"
                path.write_bytes(data)
                began = time.monotonic()
                kind, detail = worker.read(path, args.timeout)
                if kind == "hang":  # a busy machine (the fuzzer runs niced) is not a hang: try again, longer
                    worker.stop()
                    worker = Worker(args.memory_mb, args.ocr)
                    began = time.monotonic()
                    kind, detail = worker.read(path, 3 * args.timeout)
                    counts["retried"] += 1
                took = time.monotonic() - began
                slowest = max(slowest, (took, f"{seed.name} ({how})"))
                counts["files"] += 1
                counts[kind] += 1
                if kind in ("crash", "unexpected", "hang", "memory"):
                    by_seed[f"{kind}: {seed.name}"] += 1
                    saved = args.repro / f"{kind}_{n}_{how}_{seed.name}"
                    saved.write_bytes(data)
                    saved.with_name(saved.name + ".txt").write_text(detail, encoding="utf-8")
                    print(f"{kind:10} {seed.name:30} {how:14} {detail.splitlines()[-1][:150] if detail else ''}", flush=True)
                    if kind == "hang" or not worker.process.is_alive():
                        worker.stop()
                        worker = Worker(args.memory_mb, args.ocr)
                path.unlink()
                if counts["files"] % 500 == 0:
                    print(f"... {counts['files']} files, {time.monotonic() - started:.0f} s: {dict(counts)}", flush=True)
        finally:
            worker.stop()
    seconds = time.monotonic() - started
    report = {
        "files": counts["files"], "crashes": counts["crash"], "unexpected": counts["unexpected"],
        "hangs": counts["hang"], "memory": counts["memory"], "ok": counts["ok"], "error_rows": counts["error"],
        "retried": counts["retried"], "seconds": round(seconds, 1), "slowest_seconds": round(slowest[0], 2), "slowest": slowest[1],
        "seeds": len(seeds), "repro": str(args.repro), "by_seed": dict(by_seed),
    }
    print(f"tried {report['files']} files in {seconds:.0f} s: {report['crashes']} crashes, {report['unexpected']} "
          f"unexpected errors, {report['hangs']} hangs, {report['memory']} memory blow-ups (reproducers in {args.repro})")
    print(json.dumps(report, ensure_ascii=False))
    return 1 if report["crashes"] or report["hangs"] or report["memory"] else 0


if __name__ == "__main__":
    sys.exit(main())
