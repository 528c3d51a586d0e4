"""How fast the screener reads real résumés, against the speed of PDFium's raw text (the floor).

    PYTHONPATH=. .venv/bin/python scripts/bench_real.py [--corpus /work/dev-corpus] [-n 200]
        [--manifest /work/main/corpus/manifest.csv] [--seed 7] [--formats pdf docx ...] [--no-zh]

Files: ``-n`` English LiveCareer PDFs of the ``dev`` part (``split.csv`` beside the manifest),
drawn with a fixed seed, and the Chinese corpus files (every format, or only ``--formats``).
Everything runs in one process pinned to one core, stage after stage over the same files
(after one warm-up file per group): the pypdfium2 floor (``get_text_range`` per page, PDFs
only), ``read_document``, and ``read_document`` + ``extract_candidate``. It prints a markdown
table of files/s per group and stage, each as a ratio to the floor, and the peak RSS after
each stage. Times are this process's CPU seconds (``time.process_time``), so other work on a
shared machine does not move them; OCR runs with one thread. A stage is one function ``(paths) -> None`` in ``STAGES``: add scoring or a
``screener run`` stage there. The corpus is real people's data: this prints only numbers.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

# One core, one thread: the numbers compare stages, not machines.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

REFERENCE = date(2019, 6, 30)  # as eval_real.py: the corpus files were written 2012-2019
Stage = Callable[[list[Path]], None]


def pdfium_floor(paths: list[Path]) -> None:
    """PDFium's own text of every page: what reading cannot beat."""
    import pypdfium2 as pdfium

    for path in paths:
        pdf = pdfium.PdfDocument(path.read_bytes())
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        pdf.close()


def read(paths: list[Path]) -> None:
    from extractors.readers.document import read_document

    for path in paths:
        read_document(path)


def read_extract(paths: list[Path]) -> None:
    from extractors.fields.candidate import extract_candidate
    from extractors.readers.document import read_document

    for path in paths:
        doc = read_document(path)
        if hasattr(doc, "text"):
            extract_candidate(doc, REFERENCE, today=REFERENCE)  # type: ignore[arg-type]


STAGES: list[tuple[str, Stage, bool]] = [  # (name, function, PDFs only)
    ("pypdfium2 floor", pdfium_floor, True),
    ("read_document", read, False),
    ("read + extract_candidate", read_extract, False),
]


def choose_files(corpus: Path, manifest: Path, n: int, seed: int, formats: list[str] | None, zh: bool) -> dict[str, list[Path]]:
    """Group name → files: ``en pdf`` (n dev LiveCareer PDFs by seed) and ``zh <format>``."""
    split = manifest.parent / "split.csv"
    with split.open(encoding="utf-8") as fh:
        part = {row["sha256"]: row["part"] for row in csv.DictReader(fh)}
    with manifest.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    files = {p.stem: p for p in (corpus / "files").iterdir()}
    en = sorted(r["sha256"] for r in rows if r["lang"] == "en" and r["site"] == "livecareer" and part.get(r["sha256"]) == "dev")
    groups: dict[str, list[Path]] = {"en pdf": [files[s] for s in random.Random(seed).sample(en, min(n, len(en))) if s in files]}
    if zh:
        for r in sorted(rows, key=lambda r: (r["format"], r["sha256"])):
            if r["lang"] == "zh" and r["sha256"] in files and (not formats or r["format"] in formats):
                groups.setdefault(f"zh {r['format']}", []).append(files[r["sha256"]])
    return {k: v for k, v in groups.items() if v}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run(groups: dict[str, list[Path]]) -> str:
    for paths in groups.values():  # warm-up: imports, models, font caches
        read_extract(paths[:1])
    lines = [
        "| group | files | stage | CPU s | files/s | × floor | peak RSS MB |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, paths in groups.items():
        is_pdf = name.endswith(" pdf")
        floor: float | None = None
        for stage, fn, pdf_only in STAGES:
            if pdf_only and not is_pdf:
                continue
            t0 = time.process_time()
            fn(paths)
            secs = time.process_time() - t0
            rate = len(paths) / secs if secs else float("inf")
            if pdf_only:
                floor = rate
            ratio = f"{rate / floor:.3f}" if floor else "–"
            lines.append(f"| {name} | {len(paths)} | {stage} | {secs:.2f} | {rate:.1f} | {ratio} | {peak_rss_mb():.0f} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path("/work/dev-corpus"))
    parser.add_argument("--manifest", type=Path, default=Path("/work/main/corpus/manifest.csv"))
    parser.add_argument("-n", type=int, default=200, help="English LiveCareer dev PDFs")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--formats", nargs="+", help="Chinese formats to include (default: all)")
    parser.add_argument("--no-zh", action="store_true", help="English only")
    args = parser.parse_args()
    groups = choose_files(args.corpus, args.manifest, args.n, args.seed, args.formats, not args.no_zh)
    print(run(groups))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
