"""report.html at scale: its size and how long headless Chromium takes to open it. Prints numbers; not a test.

    python scripts/bench_report.py                      # 2,000 résumés × the 6 bundled profiles
    python scripts/bench_report.py --candidates 500 --keep /tmp/report.html

The batch is synthetic, like the bundled samples it is made from: each sample résumé is read and
extracted once, then copied with small text variations (scripts/bench_scoring.py's ``varied``) up to
``--candidates``, scored against every bundled profile and written as report.html. No real data.

"Open" is measured as a user sees it: from navigation until the load event, when the overview and
the first rows of the first role are on screen (the page draws its tables from the JSON block, the
first rows at once and the rest in slices after), then until every row of that role is drawn. The
target (issue 19) is under 10 MB and under 3 s to the load event.
"""

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from job_profiles.profile import bundled_profiles, resolve_profile  # noqa: E402
from outputs.export import profile_tables  # noqa: E402
from outputs.report_html import build_report, write_report  # noqa: E402
from outputs.tables import candidates_frame, errors_frame, results_frame  # noqa: E402
from scoring.duplicates import with_duplicates  # noqa: E402
from scoring.score import score_candidates  # noqa: E402
from scripts.bench_scoring import SAMPLES, extract_all, replicated, varied  # noqa: E402

SIZE_LIMIT_MB, OPEN_LIMIT_S = 10.0, 3.0


def build(candidates: int, out: Path) -> tuple[Path, float]:
    """Write report.html for ``candidates`` synthetic résumés; returns its path and the seconds it took."""
    profiles = [resolve_profile(p) for p in bundled_profiles()]
    people = replicated(extract_all(sorted(p for p in SAMPLES.iterdir() if p.is_file())), candidates, varied)
    started = time.perf_counter()
    scores = [s for per in score_candidates(people, profiles) for s in per]
    frame = with_duplicates(candidates_frame(people))
    results = results_frame(scores, frame)
    tables = profile_tables(results, frame, [p.id for p in profiles])
    report = build_report(tables, results, people, errors_frame([]), profiles, len(people), roots=[str(SAMPLES)])
    path = write_report(out / "report.html", report)
    return path, time.perf_counter() - started


def open_seconds(path: Path, candidates: int) -> tuple[float, float, int]:
    """Seconds to the load event and until the first role's table has all its rows; the rows drawn at load."""
    from tests.browser import Browser

    table = "document.querySelector('details.role[open] table.ranked').tBodies[0].rows.length"
    with Browser() as browser:
        browser.open(ROOT / "README.md")  # chromium started and warm: the page is what is timed
        browser._events.clear()
        started = time.perf_counter()
        browser.call("Page.navigate", url=path.resolve().as_uri())
        browser.wait_for("Page.loadEventFired")
        loaded = time.perf_counter() - started
        first = int(browser.js(table))  # type: ignore[arg-type]
        while int(browser.js(table)) < candidates:  # type: ignore[arg-type]
            time.sleep(0.02)
        drawn = time.perf_counter() - started
    return loaded, drawn, first


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--candidates", type=int, default=2000)
    parser.add_argument("--keep", type=Path, help="copy the report here")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-report-"))
    try:
        path, seconds = build(args.candidates, folder)
        size = path.stat().st_size / 2**20
        print(f"report.html for {args.candidates:,} résumés × {len(bundled_profiles())} profiles: {size:.2f} MB, "
              f"built in {seconds:.1f} s (scoring included)")
        loaded, drawn, first = open_seconds(path, args.candidates)
        print(f"headless Chromium: load event after {loaded:.2f} s ({first} rows of the first role on screen), "
              f"all {args.candidates:,} rows after {drawn:.2f} s")
        ok = size < SIZE_LIMIT_MB and loaded < OPEN_LIMIT_S
        print(f"target: < {SIZE_LIMIT_MB:.0f} MB and < {OPEN_LIMIT_S:.0f} s: {'met' if ok else 'NOT met'}")
        if args.keep:
            shutil.copy(path, args.keep)
        return 0 if ok else 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
