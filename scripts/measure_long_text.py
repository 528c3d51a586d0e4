"""Seconds to read and extract a one-line text file of each size: text work must stay bounded.

    PYTHONPATH=. python scripts/measure_long_text.py [MB ...]      (default: 0.1 0.45 2 10 40)

The file is tests/hostile.py's résumé repeated on one line (no clause marks, many terms and dates):
the worst case for the field rules. Files over the character cap (``max_chars``, 200,000) are refused
as ``too_complex`` before they are decoded. A script that prints numbers, not a test.
"""

import sys
import time

from extractors.fields.candidate import extract_candidate
from extractors.readers.document import read_bytes
from tests.hostile import RESUME


def main(sizes: list[float]) -> None:
    extract_candidate(read_bytes(RESUME.encode(), "warm.txt"))  # models loaded before the clock starts
    line = RESUME.replace("\n", " ").encode()
    for mb in sizes:
        data = (line * int(mb * 2**20 // len(line) + 1))[: int(mb * 2**20)]
        started = time.perf_counter()
        document = read_bytes(data, "one_line.txt")
        read = time.perf_counter() - started
        what = getattr(document, "code", "") or f"{len(document.text):,} chars"  # type: ignore[union-attr]
        if not hasattr(document, "code"):
            extract_candidate(document)  # type: ignore[arg-type]
        print(f"{mb:g} MB: read {read:.2f} s ({what}), extract {time.perf_counter() - started - read:.2f} s", flush=True)


if __name__ == "__main__":
    main([float(a) for a in sys.argv[1:]] or [0.1, 0.45, 2, 10, 40])
