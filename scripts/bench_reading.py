"""Print how fast the reading stage is, per format: ms per file and ms per page.

    PYTHONPATH=. /work/venv/bin/python scripts/bench_reading.py [DIR ...] [--repeat N] [--no-ocr]

Reads every file under tests/fixtures and data/samples (or the given directories) in one
process on one core, after one warm-up pass, and also times PDFs on the careful
pdfplumber path for comparison; then OCR per page (pictures and scanned PDF pages, by
onnxruntime thread count), XLS forms, and the Traditional → Simplified step on its own.
Files read by OCR are reported under "<format> (OCR)" so they do not hide the text-layer
speed. A script that prints numbers, not a test.

What the optional converters need (nothing else needs a system package):

- Word 97-2003 .doc: read in pure Python (extractors/readers/word97.py); LibreOffice only for Word 6/95.
  HTML/MHT files saved with a .doc name need neither.
- Excel 97-2003 .xls: nothing (xlrd, a pip dependency, reads it natively).
- Pictures and scanned PDFs: the pip extra `pip install "resume-screener[ocr]"`
  (rapidocr-onnxruntime with its ONNX models inside the wheel). Its OpenCV wheel links
  libGL and GLib: on a minimal Debian/Ubuntu image `apt-get install libgl1 libglib2.0-0`.
- Traditional Chinese: nothing (the opencc wheel bundles OpenCC's library and dictionaries).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from pathlib import Path

from extractors.readers.document import ReadSettings, read_bytes
from screener.models import Document

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
        if isinstance(result, Document) and any("read by OCR" in note for note in result.notes):
            fmt += " (OCR)"
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
    # LibreOffice conversions (.doc) and OCR take seconds each and would hide everything else.
    for label, skip in [("all", ()), ("all but .doc (LibreOffice)", ("doc",)), ("all but .doc and OCR", ("doc", "OCR"))]:
        rows = [
            r
            for fmt, rs in by_format.items()
            if not ("doc" in skip and fmt.split()[0] == "doc") and not ("OCR" in skip and fmt.endswith("(OCR)"))
            for r in rs
        ]
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


def bench_ocr_pages(paths: list[Path], repeat: int) -> None:
    """OCR alone, per page: decode/render, then detection + recognition, by onnxruntime threads."""
    from extractors.readers import ocr, sniff
    from extractors.readers.pdf import MIN_PAGE_CHARS, pdfium_pages, render_pages, text_char_count

    pages: list[tuple[str, object]] = []  # (label, BGR image)
    for p in paths:
        data = p.read_bytes()
        fmt = sniff.sniff_format(data)
        try:
            if fmt in sniff.IMAGE_FORMATS:
                pages += [(f"{fmt} picture", img) for img in ocr.image_frames(data)]
            elif fmt == sniff.PDF:
                blank = [pc.number for pc in pdfium_pages(data)[0] if text_char_count(pc) < MIN_PAGE_CHARS]
                t0 = time.perf_counter()
                images = render_pages(data, blank)
                if images:
                    render_ms = 1000 * (time.perf_counter() - t0) / len(images)
                    pages += [(f"pdf scanned page (render {render_ms:.0f} ms)", img) for img, _ in images.values()]
        except Exception:  # broken fixtures: the main table reports them
            continue
    if not pages:
        return
    print(f"\nOCR per page ({len(pages)} pages; detection + recognition, median of {repeat})")
    print(f"{'page kind':44} {'threads':>7} {'ms/page':>9}")
    for threads in (1, 0):
        by_kind: dict[str, list[float]] = defaultdict(list)
        ocr.recognise(pages[0][1], threads)  # warm-up: loads the three ONNX models
        for kind, img in pages:
            times = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                ocr.recognise(img, threads)
                times.append(time.perf_counter() - t0)
            by_kind[kind.split(" (render")[0] if "render" in kind else kind].append(statistics.median(times))
        for kind, times in sorted(by_kind.items()):
            label = "all cores" if threads == 0 else str(threads)
            print(f"{kind:44} {label:>7} {1000 * statistics.mean(times):9.0f}")
    renders = sorted({k for k, _ in pages if "render" in k})
    for k in renders:
        print(f"  {k}")


def bench_traditional(repeat: int = 200) -> None:
    """The Traditional → Simplified step: detection on every résumé, conversion on Traditional ones."""
    from extractors.text.normalize import _t2s_converter, to_simplified

    fixtures = ROOT / "tests" / "fixtures"
    raw = read_bytes((fixtures / "traditional.docx").read_bytes(), "t.docx", ReadSettings(traditional_share=2.0))
    simplified = read_bytes((fixtures / "cn_simple.pdf").read_bytes(), "s.pdf")
    if not isinstance(raw, Document) or not isinstance(simplified, Document) or _t2s_converter() is None:
        return
    # Résumé-sized: the fixtures are short, real résumés run 1,000-3,000 characters.
    trad_text = "\n".join([raw.text] * 5)
    simp_text = "\n".join([simplified.text] * 4)
    print("\nTraditional → Simplified (OpenCC t2s, opencc wheel)")
    for label, text in [("Traditional résumé: detect + convert", trad_text), ("Simplified résumé: detect only", simp_text)]:
        t0 = time.perf_counter()
        for _ in range(repeat):
            to_simplified(text)
        print(f"{label:44} {len(text):5} chars {1000 * (time.perf_counter() - t0) / repeat:8.3f} ms/file")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dirs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-ocr", action="store_true", help="skip OCR (pictures and scanned pages unread)")
    args = parser.parse_args()
    paths = files_under(args.dirs or [d for d in DEFAULT_DIRS if d.exists()])
    settings = ReadSettings(ocr=not args.no_ocr)
    report("default settings (pdfium fast path, pdfplumber fallback, OCR 1 thread)", bench(paths, settings, args.repeat))
    pdfs = [p for p in paths if p.read_bytes()[:1024].find(b"%PDF-") >= 0]
    report(
        "PDFs on the careful path (pdfplumber only)", bench(pdfs, ReadSettings(pdf_engine="pdfplumber"), args.repeat)
    )
    bench_extract_text(pdfs)
    bench_traditional()
    from extractors.readers.ocr import ocr_installed

    if not args.no_ocr and ocr_installed():
        bench_ocr_pages(paths, args.repeat)


if __name__ == "__main__":
    main()
