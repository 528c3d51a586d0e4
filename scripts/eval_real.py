"""Extraction accuracy on real résumés: the gold labels of ``corpus/`` against what the screener extracts.

The corpus is real people's résumés, laid out outside the repository by ``scripts/dev_corpus.py``;
CI does not have it, so this runs on demand:

    .venv/bin/python scripts/eval_real.py --corpus ~/dev-corpus            # extract, then score
    .venv/bin/python scripts/eval_real.py --corpus ~/dev-corpus --preds-out before.jsonl
    .venv/bin/python scripts/eval_real.py --preds before.jsonl             # score saved extractions

It prints per-field accuracy overall, per format and per site, for the ``dev`` and ``devtest``
parts (``corpus/split.csv``), and the failures of the dev part only: the dev-test part is the
honest figure, so nobody reads its failures while working on the rules.
"""

import argparse
import csv
import json
import re
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))  # after PYTHONPATH: another checkout can be measured with this corpus

# 至今 counts to the résumé's own date when it states one; else to this run date, for gold and
# extraction alike (the corpus files were written 2012-2019).
FALLBACK_REFERENCE = date(2019, 6, 30)
# Errors that are the file's own fault: a readable verdict, not a reader failure.
FILE_FAULTS = {"corrupt_pdf", "corrupt_docx", "corrupt_doc", "corrupt_xls", "corrupt_xlsx", "encrypted", "empty_file",
               "not_a_resume", "scanned_image", "too_large"}
FIELDS = ["readable", "highest_degree", "degree_school", "degree_major", "total_months_12", "latest_employer",
          "latest_title"]
Record = dict[str, Any]


# --- extraction -------------------------------------------------------------------------------


def _project() -> tuple[Callable[[Path], Any], Callable[..., Any], Callable[[Any], str | None]]:
    """The reader, extractor and résumé verdict of the checkout on sys.path (this layout or the one before)."""
    try:
        from extractors.fields.candidate import extract_candidate
        from extractors.readers.document import read_document
    except ImportError:  # the layout before 2026-12 (extractors/reading.py, extractors/candidate.py)
        from extractors.candidate import extract_candidate  # type: ignore[import-not-found,no-redef]
        from extractors.reading import read_document  # type: ignore[import-not-found,no-redef]
    try:
        from extractors.fields.resume_or_not import not_a_resume_reason
    except ImportError:  # before the not_a_resume verdict: every file is a résumé

        def not_a_resume_reason(candidate: Any) -> str | None:
            return None

    return read_document, extract_candidate, not_a_resume_reason


def predict(path: Path, project: tuple[Callable[[Path], Any], Callable[..., Any], Callable[[Any], str | None]]) -> Record:
    read_document, extract_candidate, not_a_resume_reason = project
    started = time.perf_counter()
    doc = read_document(path)
    if not hasattr(doc, "text"):
        return {"status": "error", "code": doc.code, "reason": doc.reason, "seconds": time.perf_counter() - started}
    cand = extract_candidate(doc, FALLBACK_REFERENCE, today=FALLBACK_REFERENCE)
    if reason := not_a_resume_reason(cand):
        return {"status": "error", "code": "not_a_resume", "reason": reason, "seconds": time.perf_counter() - started}
    top = next((e for e in cand.education if cand.highest_degree and e.degree == cand.highest_degree), None)
    return {
        "status": "ok",
        "seconds": time.perf_counter() - started,
        "quality": cand.text_quality,
        "highest_degree": cand.highest_degree,
        "degree_school": top.school if top else None,
        "degree_major": top.major if top else None,
        "jobs": [
            {"employer": e.employer, "title": e.title, "start": e.start, "end": "present" if e.is_current else e.end,
             "internship": e.is_internship, "part_time": e.is_part_time}
            for e in cand.experience
        ],
        "total_months": cand.total_experience_months,
        "reference_date": cand.reference_date,
        "stated_years": cand.stated_experience_years,
    }


def predict_all(corpus: Path, shas: Iterable[str]) -> dict[str, Record]:
    project = _project()
    files = {p.stem: p for p in (corpus / "files").iterdir()}
    preds: dict[str, Record] = {}
    for sha in shas:
        try:
            preds[sha] = predict(files[sha], project)
        except Exception as exc:  # a crash is a result too: the batch promise says it never happens
            preds[sha] = {"status": "crash", "code": "crash", "reason": f"{type(exc).__name__}: {exc}"}
    return preds


# --- comparison -------------------------------------------------------------------------------


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower()
    return re.sub(r"[\s·•,，.。:：;；()（）\[\]【】|/\\\-_'\"“”]+", "", text)


def same_name(gold: str | None, pred: str | None, threshold: float = 85) -> bool:
    """The same employer, school or title: equal, one inside the other, or nearly the same spelling."""
    g, p = _norm(gold), _norm(pred)
    if not g or not p:
        return g == p
    return g == p or (min(len(g), len(p)) >= 2 and (g in p or p in g)) or fuzz.ratio(g, p) >= threshold


def _month(value: str | None) -> int | None:
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-\d{2})?", value or "")
    return int(m.group(1)) * 12 + int(m.group(2)) - 1 if m else None


def gold_months(label: Record) -> int:
    """Full-time months: internships and part-time jobs left out, overlaps counted once (the README's rule)."""
    ref = _month(label.get("reference_date")) or _month(FALLBACK_REFERENCE.isoformat())
    spans = []
    for job in label["jobs"]:
        if job.get("internship") or job.get("part_time"):
            continue
        start = _month(job.get("start"))
        end = ref if job.get("end") == "present" else _month(job.get("end"))
        # Months after the reference date are not experience yet (a template's dates can run past it).
        if start is not None and end is not None and ref is not None and min(end, ref) >= start:
            spans.append((start, min(end, ref)))
    total, current = 0, None
    for start, end in sorted(spans):
        if current is None or start > current[1] + 1:
            total += 0 if current is None else current[1] - current[0] + 1
            current = (start, end)
        else:
            current = (current[0], max(current[1], end))
    return total + (0 if current is None else current[1] - current[0] + 1)


def latest(jobs: list[Record]) -> Record | None:
    """The most recent job: present first, then the latest end, then the latest start; else the first listed."""
    if not jobs:
        return None

    def key(item: tuple[int, Record]) -> tuple[int, int, int]:
        i, job = item
        end = 10**6 if job.get("end") == "present" else (_month(job.get("end")) or -1)
        return (end, _month(job.get("start")) or -1, -i)

    return max(enumerate(jobs), key=key)[1]


def judge(label: Record, pred: Record, fmt: str) -> dict[str, bool | None]:
    """Per field: True/False, or None where the field does not apply (obfuscated, not a résumé).

    A job site's API response (format json) holds a résumé's data, but the product treats JSON as
    data, not a document a candidate sends: its expected outcome is the not_a_resume row.
    """
    result: dict[str, bool | None] = dict.fromkeys(FIELDS)
    is_resume = label.get("is_resume", True) and fmt != "json"
    ok = pred["status"] == "ok"
    if not is_resume:
        result["readable"] = pred.get("code") == "not_a_resume"
        return result
    result["readable"] = ok or pred.get("code") in FILE_FAULTS
    hidden = set(label.get("obfuscated") or [])
    if "degree" not in hidden:
        result["highest_degree"] = ok and pred["highest_degree"] == label["highest_degree"]
    if label.get("degree_school") or (label["highest_degree"] is None and "degree" not in hidden):
        result["degree_school"] = ok and same_name(label.get("degree_school"), pred["degree_school"])
    if label.get("degree_major"):
        result["degree_major"] = ok and same_name(label["degree_major"], pred["degree_major"], 80)
    if "dates" not in hidden:
        result["total_months_12"] = ok and abs(gold_months(label) - pred["total_months"]) <= 12
    gold_job, pred_job = latest(label["jobs"]), (pred["jobs"][0] if ok and pred["jobs"] else None)
    if "employer" not in hidden:
        if gold_job is None:
            result["latest_employer"] = ok and pred_job is None
        elif gold_job.get("employer"):
            result["latest_employer"] = pred_job is not None and same_name(gold_job["employer"], pred_job["employer"])
    if gold_job is not None and gold_job.get("title"):
        result["latest_title"] = pred_job is not None and same_name(gold_job["title"], pred_job["title"], 80)
    return result


# --- report -------------------------------------------------------------------------------------


def _table(rows: list[tuple[str, list[dict[str, bool | None]]]]) -> str:
    head = "| group | n | " + " | ".join(FIELDS) + " |\n|---|---|" + "---|" * len(FIELDS) + "\n"
    lines = []
    for name, judged in rows:
        cells = []
        for f in FIELDS:
            vals = [j[f] for j in judged if j[f] is not None]
            cells.append(f"{sum(vals) / len(vals):.2f} ({len(vals)})" if vals else "–")
        lines.append(f"| {name} | {len(judged)} | " + " | ".join(cells) + " |")
    return head + "\n".join(lines)


def report(labels: list[Record], preds: dict[str, Record], meta: dict[str, Record], failures: int) -> str:
    out = []
    for lang in sorted({meta[label["sha256"]]["lang"] for label in labels}):
        for part in ("dev", "devtest"):
            chosen = [lb for lb in labels if meta[lb["sha256"]]["lang"] == lang and meta[lb["sha256"]]["part"] == part]
            if not chosen:
                continue
            judged = {lb["sha256"]: judge(lb, preds[lb["sha256"]], meta[lb["sha256"]]["format"]) for lb in chosen}
            out.append(f"\n## {lang} · {part} ({len(chosen)} résumés)\n")
            out.append(_table([("all", list(judged.values()))]))
            for by in ("format", "site"):
                groups: dict[str, list[dict[str, bool | None]]] = defaultdict(list)
                for sha, j in judged.items():
                    groups[meta[sha][by]].append(j)
                out.append(f"\nper {by}:\n")
                out.append(_table(sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))))
            secs = [preds[lb["sha256"]].get("seconds", 0.0) for lb in chosen]
            out.append(f"\nread + extract: {sum(secs):.1f} s for {len(secs)} files")
            if part == "dev" and failures:
                out.append("\nfailures (dev part only):\n")
                shown = 0
                for lb in chosen:
                    sha, j, p = lb["sha256"], judged[lb["sha256"]], preds[lb["sha256"]]
                    for f in FIELDS:
                        if j[f] is False and shown < failures:
                            shown += 1
                            out.append(f"- {sha[:12]} {meta[sha]['format']}/{meta[sha]['site']} {f}: "
                                       f"expected {_expected(lb, f)!r}, got {_got(p, f)!r}")
    return "\n".join(out)


def _expected(label: Record, field: str) -> object:
    job = latest(label["jobs"])
    return {"readable": "readable" if label.get("is_resume", True) else "not_a_resume", "total_months_12": gold_months(label), "latest_employer": job and job.get("employer"),
            "latest_title": job and job.get("title")}.get(field, label.get(field))


def _got(pred: Record, field: str) -> object:
    if pred["status"] != "ok":
        return f"{pred.get('code')}: {pred.get('reason')}"
    job = pred["jobs"][0] if pred["jobs"] else None
    return {"readable": pred.get("code") or "ok", "total_months_12": pred["total_months"],
            "latest_employer": job and job["employer"], "latest_title": job and job["title"]}.get(field, pred.get(field))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="the folder scripts/dev_corpus.py laid out (files/<sha256>.*)")
    parser.add_argument("--labels", type=Path, nargs="+", default=[ROOT / "corpus" / "labels_zh.jsonl",
                                                                    ROOT / "corpus" / "labels_en.jsonl"])
    parser.add_argument("--preds", type=Path, help="score saved extractions instead of extracting")
    parser.add_argument("--preds-out", type=Path, help="also save the extractions here")
    parser.add_argument("--failures", type=int, default=80, help="how many dev failures to list")
    args = parser.parse_args()
    labels = [json.loads(line) for path in args.labels if path.exists() for line in path.open(encoding="utf-8") if line.strip()]
    with (ROOT / "corpus" / "manifest.csv").open(encoding="utf-8") as fh:
        meta = {row["sha256"]: row for row in csv.DictReader(fh)}
    with (ROOT / "corpus" / "split.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            meta[row["sha256"]]["part"] = row["part"]
    if args.preds:
        preds = {r["sha256"]: r for r in map(json.loads, args.preds.open(encoding="utf-8"))}
    elif args.corpus:
        preds = predict_all(args.corpus, [lb["sha256"] for lb in labels])
    else:
        parser.error("give --corpus (to extract) or --preds (saved extractions)")
    if args.preds_out:
        with args.preds_out.open("w", encoding="utf-8") as fh:
            for sha, rec in preds.items():
                fh.write(json.dumps({"sha256": sha, **rec}, ensure_ascii=False) + "\n")
    print(report(labels, preds, meta, args.failures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
