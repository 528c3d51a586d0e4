"""Extraction speed on one core: milliseconds per résumé, reading excluded. Prints numbers; not a test.

    python scripts/bench_extraction.py [--repeat 5]

Each sample résumé is read once, then extracted ``--repeat`` times (the first pass warms jieba,
spaCy and the NER up and is not counted). Real résumés run to ~11,000 characters, longer than the
samples, so the samples are also measured concatenated four and eighteen times (~11,000
characters). Eighteen copies is a hard case: eighteen times the jobs, so eighteen times the lines
sent to the NER, where a real long résumé is long mostly in its duties.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.fields.candidate import extract_candidate  # noqa: E402
from extractors.fields.ner_gaps import ner_pipeline  # noqa: E402
from extractors.readers.document import read_document  # noqa: E402
from screener.models import ReadError  # noqa: E402


def measure(documents, repeat: int) -> list[float]:
    for d in documents:
        extract_candidate(d)  # warm-up
    per_doc = []
    for d in documents:
        started = time.perf_counter()
        for _ in range(repeat):
            extract_candidate(d)
        per_doc.append(1000 * (time.perf_counter() - started) / repeat)
    return per_doc


def report(label: str, documents, per_doc: list[float]) -> None:
    chars = statistics.mean(len(d.text) for d in documents)
    print(
        f"{label}: {len(documents)} résumés, mean {chars:,.0f} chars; "
        f"median {statistics.median(per_doc):.1f} ms, mean {statistics.mean(per_doc):.1f} ms, "
        f"max {max(per_doc):.1f} ms per résumé"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    samples = sorted((ROOT / "data" / "samples" / "resumes").iterdir())
    documents = [d for d in map(read_document, samples) if not isinstance(d, ReadError)]
    print(f"NER model: {'loaded' if ner_pipeline() is not None else 'not installed (rules only)'}")
    report("samples", documents, measure(documents, args.repeat))
    long_docs = [d.model_copy(update={"text": "\n".join([d.text] * 4)}) for d in documents]
    report("samples ×4", long_docs, measure(long_docs, max(1, args.repeat // 2)))
    longest = [d.model_copy(update={"text": "\n".join([d.text] * 18)}) for d in documents]
    report("samples ×18", longest, measure(longest, max(1, args.repeat // 5)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
