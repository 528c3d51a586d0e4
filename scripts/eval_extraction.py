"""Field accuracy of extraction on the labelled sample résumés (data/samples/expected.json).

Prints one row per field (correct / total) and the mismatches. A script that prints numbers,
not a test:  python scripts/eval_extraction.py [--verbose]
"""

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.fields.candidate import extract_candidate  # noqa: E402
from extractors.readers.document import read_document  # noqa: E402
from screener.models import ReadError  # noqa: E402

# The reference date the expected months were counted to (至今 = 2026-06).
REFERENCE = date(2026, 6, 30)
FIELDS = ["name", "phones", "emails", "highest_degree", "employers", "total_experience_months"]


def actual_fields(candidate) -> dict:
    return {
        "name": candidate.name,
        "phones": candidate.phones,
        "emails": candidate.emails,
        "highest_degree": candidate.highest_degree.value if candidate.highest_degree else None,
        "employers": [e.employer for e in candidate.experience],
        "total_experience_months": candidate.total_experience_months,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, default=ROOT / "data" / "samples")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    expected = json.loads((args.samples / "expected.json").read_text(encoding="utf-8"))
    correct = dict.fromkeys(FIELDS, 0)
    misses = []
    started = time.perf_counter()
    for item in expected:
        document = read_document(args.samples / "resumes" / item["file"])
        if isinstance(document, ReadError):
            misses.append((item["file"], "read", document.reason, ""))
            continue
        got = actual_fields(extract_candidate(document, REFERENCE))
        for field in FIELDS:
            if got[field] == item[field]:
                correct[field] += 1
            else:
                misses.append((item["file"], field, item[field], got[field]))
    seconds = time.perf_counter() - started
    print(f"{'field':<26}{'correct':>8}{'total':>7}{'accuracy':>10}")
    for field in FIELDS:
        print(f"{field:<26}{correct[field]:>8}{len(expected):>7}{correct[field] / len(expected):>10.1%}")
    print(f"\n{len(expected)} résumés read and extracted in {seconds:.2f} s ({1000 * seconds / len(expected):.0f} ms each)")
    if args.verbose:
        for file, field, want, got in misses:
            print(f"MISS {file} {field}: expected {want!r}, got {got!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
