"""Measure the fuzzy-match threshold for skills, certificates and industries on labelled pairs.

    python scripts/measure_thresholds.py [--verbose]

Pairs are (synonym, résumé line, match?) where "match" means the line is evidence for the
requirement the synonym belongs to (投诉率 in 「受理客户投诉」 is, 客服经理 in 「烟草客户经理」 is not):

- every (synonym, line) of the bundled profiles and the sample résumés that the scorer's
  ``fuzzy_containment`` rates 75–99 was labelled by hand once, in ``scripts/threshold_labels.jsonl``;
- every pair where the synonym appears verbatim (rating 100) is a match by construction;
- ``HARD_PAIRS`` below: hand-written near-misses and near-hits the samples do not contain.

Pairs rated under 75 are all counted as non-matches the scorer also rejects at every threshold
swept, so they do not change the table. Sample pairs rated 75–99 that are missing from the labels
file (after the samples or profiles change) are listed with --verbose: label them and rerun.
"""

import argparse
import json
import sys
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.fields.candidate import extract_candidate
from extractors.readers.document import read_document
from job_profiles.profile import bundled_profiles, load_profile
from scoring.criteria import fuzzy_containment
from screener.models import ReadError

LABELS = Path(__file__).with_name("threshold_labels.jsonl")
SAMPLES = ROOT / "data" / "samples" / "resumes"
THRESHOLDS = [75.0, 77.5, 80.0, 82.5, 85.0, 87.5, 90.0, 92.5, 95.0, 97.5, 100.0]
LOW = 75.0

# (synonym, line, match?): variants a real résumé writes that the samples do not, and look-alikes.
HARD_PAIRS: list[tuple[str, str, bool]] = [
    ("贷后管理", "负责贷后的管理与检查", True),  # split by 的: rated low, a miss at any threshold
    ("贷前调查", "负责贷前调查工作", True),
    ("贷前调查", "开展贷前实地调查", True),  # split: rated low, a miss
    ("小微企业贷款", "小微企业贷款营销", True),
    ("小微企业贷款", "服务小微企业客户", False),
    ("抵押贷款", "个人住房抵押贷款发放", True),
    ("抵押贷款", "抵押物评估与登记", False),
    ("个贷", "个人客户理财", False),
    ("风险管理", "风险投资经理", False),
    ("风险管理", "信贷风险管理与预警", True),
    ("团队管理", "具有团队合作精神", False),
    ("团队管理", "负责团队的管理", True),
    ("物业管理", "物业管理处主任", True),
    ("物业管理", "企业管理专业", False),
    ("客户经理", "客户服务专员", False),
    ("客服中心", "客户服务中心主管", True),  # abbreviation: needs a synonym
    ("投诉处理", "投诉处理及时率98%", True),
    ("投诉处理", "处理客户投诉", True),  # word order
    ("清收", "不良贷款清收", True),
    ("清收", "清单收集", False),
    ("mortgage loans", "Originated mortgage loan applications", True),
    ("SME loans", "SME loan officer", True),
    ("post-loan management", "Post loan management and monitoring", True),
    ("customer service", "Customer-service team lead", True),
    ("customer service", "Customer success manager", False),
    ("risk management", "Risk managment (credit)", True),
    ("risk management", "Retail management", False),
    ("team management", "Time management", False),
    ("complaint handling", "Handled complaints", True),
    ("credit report", "Credit reporting and analysis", True),
    ("credit report", "Credit card sales", False),
    ("bank", "Bankruptcy law clerk", False),  # containment: a false match at every threshold
]


def sample_lines() -> list[str]:
    lines: set[str] = set()
    for path in sorted(SAMPLES.iterdir()):
        document = read_document(path)
        if isinstance(document, ReadError):
            continue
        candidate = extract_candidate(document, date(2026, 6, 30))
        lines |= {line.text for line in candidate.lines}
    return sorted(lines)


def profile_synonyms() -> list[str]:
    synonyms: set[str] = set()
    for path in bundled_profiles().values():
        for req in load_profile(path).requirements:
            synonyms |= set(getattr(req, "synonyms", None) or [])
    return sorted(synonyms)


def labelled_pairs(verbose: bool) -> tuple[list[tuple[str, str, bool]], int]:
    labels = {(r["synonym"], r["line"]): r["match"] for r in map(json.loads, LABELS.read_text("utf-8").splitlines())}
    synonyms, lines = profile_synonyms(), sample_lines()
    ratios = fuzzy_containment(synonyms, lines)
    pairs: list[tuple[str, str, bool]] = []
    unlabelled = 0
    for i, j in np.argwhere(ratios >= LOW):
        key = (synonyms[i], lines[j])
        if ratios[i, j] >= 100:
            pairs.append((*key, True))
        elif key in labels:
            pairs.append((*key, labels[key]))
        else:
            unlabelled += 1
            if verbose:
                print(f"unlabelled ({ratios[i, j]:.0f}): {key[0]} | {key[1]}")
    # Labelled lines no longer in the samples still count: they are real résumé wording.
    present = {(s, line) for s, line, _ in pairs}
    pairs += [(s, line, m) for (s, line), m in labels.items() if (s, line) not in present]
    return pairs + HARD_PAIRS, unlabelled


def sweep(pairs: list[tuple[str, str, bool]]) -> list[dict]:
    scores = np.array([fuzzy_containment([s], [line])[0, 0] for s, line, _ in pairs])
    truth = np.array([m for _, _, m in pairs])
    rows = []
    for t in THRESHOLDS:
        predicted = scores >= t
        tp = int((predicted & truth).sum())
        fp = int((predicted & ~truth).sum())
        fn = int((~predicted & truth).sum())
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append({"threshold": t, "tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--verbose", action="store_true", help="list unlabelled pairs and the errors at the best threshold")
    args = parser.parse_args(argv)
    pairs, unlabelled = labelled_pairs(args.verbose)
    positives = sum(m for _, _, m in pairs)
    print(f"{len(pairs)} labelled pairs ({positives} matches, {len(pairs) - positives} non-matches); {unlabelled} unlabelled")
    rows = sweep(pairs)
    print("threshold    tp    fp    fn  precision  recall     F1")
    for r in rows:
        print(f"{r['threshold']:9.1f} {r['tp']:5d} {r['fp']:5d} {r['fn']:5d}  {r['precision']:9.3f} {r['recall']:7.3f} {r['f1']:6.3f}")
    best = max(rows, key=lambda r: (round(r["f1"], 3), r["precision"]))
    print(f"best F1: threshold {best['threshold']:.1f} (precision {best['precision']:.3f}, recall {best['recall']:.3f}, F1 {best['f1']:.3f})")
    if args.verbose:
        for s, line, m in pairs:
            score = fuzzy_containment([s], [line])[0, 0]
            if (score >= best["threshold"]) != m:
                print(f"{'FN' if m else 'FP'} ({score:.0f}): {s} | {line[:70]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
