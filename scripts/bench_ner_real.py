"""What the résumé NER costs on real résumés.

The NER only fills gaps the rules leave (an employer, title, school or major), on those entries'
lines. This collects exactly those lines from real Chinese résumés of the dev corpus, then tags them
all as extraction does (extractors.fields.ner_gaps.tag: spaCy's nlp.pipe) a few times, and prints the
time per résumé:

    .venv/bin/python scripts/bench_ner_real.py --corpus ~/dev-corpus [--runs 3]
"""

import argparse
import csv
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.fields import candidate as candidate_module  # noqa: E402
from extractors.fields import ner_gaps  # noqa: E402
from extractors.readers.document import read_document  # noqa: E402


def gap_lines(corpus: Path, limit: int) -> tuple[list[str], int]:
    """The lines the NER is given while extracting up to ``limit`` Chinese résumés, and how many résumés."""
    with (ROOT / "corpus" / "manifest.csv").open(encoding="utf-8") as fh:
        shas = [r["sha256"] for r in csv.DictReader(fh) if r["lang"] == "zh" and r["format"] not in {"image", "json"}]
    files = {p.stem: p for p in (corpus / "files").iterdir()}
    seen: list[str] = []
    real_tag = ner_gaps.tag

    def recording_tag(texts, *args, **kwargs):  # type: ignore[no-untyped-def]
        texts = list(texts)
        seen.extend(texts)
        return real_tag(texts, *args, **kwargs)

    ner_gaps.tag = recording_tag  # type: ignore[assignment]
    done = 0
    for sha in shas[:limit]:
        doc = read_document(files[sha])
        if hasattr(doc, "text"):
            candidate_module.extract_candidate(doc, date(2019, 6, 30))
            done += 1
    ner_gaps.tag = real_tag  # type: ignore[assignment]
    return seen, done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=1000, help="Chinese résumés to read (manifest order)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    lines, resumes = gap_lines(args.corpus, args.limit)
    print(f"{resumes} résumés read; the NER is given {len(lines)} lines ({sum(map(len, lines))} characters)")
    if ner_gaps.ner_pipeline() is None:
        raise SystemExit(f"{ner_gaps.MODEL_DIR}: the NER model is not installed")
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        ner_gaps.tag(lines)
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    print("| median s (all lines) | ms per résumé | fastest s |\n|---|---|---|")
    print(f"| {median:.2f} | {1000 * median / max(resumes, 1):.1f} | {min(times):.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
