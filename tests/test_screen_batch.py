"""A screening run as a plain function (``flows.batch.screen_batch``): no Prefect, no state between runs."""

import json
import multiprocessing
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import polars as pl

from flows.batch import ScreenParameters, screen_batch
from tests.conftest import SAMPLE_RESUMES


class Recorder:
    """A progress callback that keeps what it was told; ``barrier`` holds each run at its start."""

    def __init__(self, barrier: threading.Barrier | None = None) -> None:
        self.totals: list[int] = []
        self.done = self.read = self.reused = 0
        self._barrier = barrier

    def start(self, total: int) -> None:
        self.totals.append(total)
        if self._barrier is not None:
            self._barrier.wait(timeout=120)

    def advance(self, done: int, read: int, reused: int) -> None:
        self.done, self.read, self.reused = self.done + done, self.read + read, self.reused + reused


def _params(files: list[Path], out: Path, **more) -> ScreenParameters:
    return ScreenParameters(paths=[str(f) for f in files], profiles=["loan_account_manager"], out=str(out),
                            reference_date=date(2026, 6, 30), use_cache=False, **more)


def test_two_runs_at_once_each_hear_only_of_their_own_files(tmp_path):
    """Two runs in one process (two requests to an embedding service, say), both started before
    either screens a file: each progress callback counts its own run's files and no others."""
    samples = sorted(SAMPLE_RESUMES.glob("*_strong_*"))
    assert len(samples) >= 5
    batches = {"a": samples[:2], "b": samples[2:5]}
    barrier = threading.Barrier(len(batches))
    recorders = {name: Recorder(barrier) for name in batches}
    with ThreadPoolExecutor(max_workers=len(batches)) as threads:
        futures = {name: threads.submit(screen_batch, _params(files, tmp_path / name), recorders[name])
                   for name, files in batches.items()}
        summaries = {name: future.result().summary for name, future in futures.items()}
    for name, files in batches.items():
        heard = recorders[name]
        assert (heard.totals, heard.done, heard.read, heard.reused) == ([len(files)], len(files), len(files), 0), name
        screened = pl.read_parquet(Path(summaries[name].out_dir) / "candidates.parquet")["source_path"]
        assert sorted(screened) == [str(f) for f in files]


def test_a_run_on_worker_processes_reports_every_file_and_stops_its_workers(tmp_path):
    files = sorted(SAMPLE_RESUMES.glob("*_strong_*"))[:4]
    heard = Recorder()
    done = screen_batch(_params(files, tmp_path / "out", workers=2), heard)
    assert (heard.totals, heard.done, heard.read) == ([4], 4, 4)
    assert done.summary.ranked == 4
    assert multiprocessing.active_children() == [], "the run's worker processes outlive it"


def test_a_run_keeps_lines_on_disk_and_brings_back_those_the_report_shows(tmp_path, monkeypatch):
    """Lines are half of a candidate's memory: a run of thousands must not hold them all, yet the
    report's detailed rows show each résumé's lines with their evidence marked."""
    import flows.batch
    import outputs.report_html
    from extractors.fields.candidate import extract_candidate
    from extractors.readers.document import read_document

    monkeypatch.setattr(flows.batch, "DETAIL_LIMIT", 1)
    monkeypatch.setattr(outputs.report_html, "DETAIL_LIMIT", 1)
    files = sorted(SAMPLE_RESUMES.glob("loan_*"))[:4]
    done = screen_batch(_params(files, tmp_path / "out"))
    top = done.tables.ranked["loan_account_manager"]["source_path"][0]
    held = {c.source.path: c.lines for c in done.tables.people}
    assert [path for path, lines in held.items() if lines] == [top]
    fresh = extract_candidate(read_document(Path(top)), date(2026, 6, 30))
    assert held[top] == fresh.lines
    # The one detailed row shows every line of its résumé (each a row of the report's résumé view).
    report = Path(done.summary.report).read_text(encoding="utf-8")
    block = report.split('<script type="application/json" id="report-data">', 1)[1].split("</script>", 1)[0]
    people = json.loads(block)["people"]  # [file, [[section, text], ...]] for each detailed row
    assert [len(lines) for _, lines in people] == [len(fresh.lines)] and fresh.lines


def test_a_run_builds_its_tables_from_results_on_disk_holding_only_the_reports_candidates(monkeypatch):
    """A run of 10,000 résumés must not hold them all as objects: each result's candidates and scores
    go to disk as it arrives, and the tables built from there are the tables built in memory, with
    only the candidates the report details kept (the top DETAIL_LIMIT of each role), blind runs too."""
    import flows.batch
    from flows import pipeline
    from flows.batch import TABLE_BATCH, build_tables
    from flows.spill import LineStore
    from job_profiles.profile import resolve_profile

    monkeypatch.setattr(flows.batch, "DETAIL_LIMIT", 2)
    profiles = [resolve_profile("loan_account_manager"), resolve_profile("property_service_manager")]
    files = sorted(SAMPLE_RESUMES.glob("*"))
    assert len(files) > TABLE_BATCH  # the tables span more than one batch
    chunks = [pipeline.screen_chunk(files[i : i + 3], profiles, date(2026, 6, 30)) for i in range(0, len(files), 3)]
    for blind_run in (False, True):
        in_memory = build_tables([c.model_copy(deep=True) for c in chunks], profiles, False, blind_run=blind_run)
        with LineStore() as store:
            taken = [c.model_copy(deep=True) for c in chunks]
            for chunk in taken:
                store.take(chunk)
            assert not any(c.candidates or c.scores for c in taken), "the run holds the results it took"
            from_disk = build_tables(taken, profiles, False, blind_run=blind_run, store=store)
        for name in ("results", "candidates", "errors", "audit"):
            assert getattr(from_disk, name).equals(getattr(in_memory, name)), name
        detailed = {path for table in in_memory.ranked.values() for path in table["source_path"].head(2)}
        assert sorted(c.source.path for c in from_disk.people) == sorted(detailed)
        assert sorted(c.source.path for c in in_memory.people) == sorted(detailed)
        assert in_memory.candidates.height > len(detailed)  # so keeping them all would show
