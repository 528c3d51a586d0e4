"""Print how fast the reading stage is, per format: ms per file and ms per page.

    PYTHONPATH=. /work/venv/bin/python scripts/bench_reading.py [DIR ...] [--repeat N]

Reads every file under tests/fixtures and data/samples (or the given directories) in one
process on one core, after one warm-up pass, and also times PDFs on the careful
pdfplumber path for comparison. A script that prints numbers, not a test.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from pathlib import Path

from extractors.models import Document
from extractors.reading import ReadSettings, read_bytes

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIRS = [ROOT / "tests" / "fixtures", ROOT / "data" / "samples"]


def files_under(dirs: list[Path]) -> list[Path]:
    out: list[Path] = []
    for d in dirs:
        out.extend(p for p in sorted(d.rglob("*")) if p.is_file() and p.suffix not in (".md", ".json"))
    return out


def bench(paths: list[Path], settings: ReadSettings, repeat: int) -> dict[str, list[tuple[float, int]]]:
    """format → [(median seconds, pages)] for each file."""
    by_format: dict[str, list[tuple[float, int]]] = defaultdict(list)
    blobs = [(p, p.read_bytes()) for p in paths]
    for p, data in blobs:  # warm-up: imports, font caches
        read_bytes(data, str(p), settings)
    for p, data in blobs:
        times = []
        result = None
        for _ in range(repeat):
            t0 = time.perf_counter()
            result = read_bytes(data, str(p), settings)
            times.append(time.perf_counter() - t0)
        assert result is not None
        pages = result.pages if isinstance(result, Document) else 1
        fmt = result.source.format if isinstance(result, Document) else f"{result.source.format} (error {result.code})"
        by_format[fmt].append((statistics.median(times), pages))
    return by_format


def report(title: str, by_format: dict[str, list[tuple[float, int]]]) -> None:
    print(f"\n{title}")
    print(f"{'format':36} {'files':>5} {'pages':>5} {'ms/file':>9} {'ms/page':>9} {'max ms':>8}")
    for fmt in sorted(by_format):
        rows = by_format[fmt]
        secs = sum(s for s, _ in rows)
        pages = sum(p for _, p in rows)
        print(
            f"{fmt:36} {len(rows):5} {pages:5} {1000 * secs / len(rows):9.1f} {1000 * secs / max(pages, 1):9.1f} "
            f"{1000 * max(s for s, _ in rows):8.1f}"
        )
    # LibreOffice conversions (.doc) take seconds each and would hide everything else.
    for label, skip_doc in [("all", False), ("all but .doc (LibreOffice)", True)]:
        rows = [r for fmt, rs in by_format.items() if not (skip_doc and fmt.split()[0] == "doc") for r in rs]
        secs = sum(s for s, _ in rows)
        if secs:
            print(f"{label:36} {len(rows):5} {'':5} {1000 * secs / len(rows):9.1f} {'':9} -> {len(rows) / secs:.1f} files/s")


def bench_extract_text(paths: list[Path]) -> None:
    """Reference point: pdfplumber's own page.extract_text(), the usual way to read a PDF."""
    import pdfplumber

    secs = 0.0
    pages = 0
    for p in paths:
        try:
            t0 = time.perf_counter()
            with pdfplumber.open(p) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    pages += 1
            secs += time.perf_counter() - t0
        except Exception:  # broken and encrypted fixtures
            continue
    if pages:
        print(f"\nreference: pdfplumber page.extract_text(): {1000 * secs / pages:.1f} ms/page over {pages} pages")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dirs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = files_under(args.dirs or [d for d in DEFAULT_DIRS if d.exists()])
    report("default settings (pdfium fast path, pdfplumber fallback)", bench(paths, ReadSettings(), args.repeat))
    pdfs = [p for p in paths if p.read_bytes()[:1024].find(b"%PDF-") >= 0]
    report(
        "PDFs on the careful path (pdfplumber only)", bench(pdfs, ReadSettings(pdf_engine="pdfplumber"), args.repeat)
    )
    bench_extract_text(pdfs)


if __name__ == "__main__":
    main()
