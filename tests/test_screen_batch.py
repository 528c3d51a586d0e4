"""A screening run as a plain function (``flows.batch.screen_batch``): no Prefect, no state between runs."""

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
