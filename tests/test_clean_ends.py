"""A run ends clean: its outputs land whole (written beside the target and moved in when all are
written, so a run that fails half-way leaves the last good tables as they were and no temporary
folder behind), and a run that is killed leaves no worker process behind."""

import os
import stat
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from flows import batch
from flows.batch import ScreenParameters, screen_batch
from tests import hostile
from tests.conftest import ROOT, SAMPLE_RESUMES


def _params(files, **where) -> ScreenParameters:
    return ScreenParameters(paths=[str(f) for f in files], profiles=["loan_account_manager"], use_cache=False,
                            reference_date=date(2026, 6, 30), **where)


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_run_that_fails_while_writing_leaves_the_last_tables_whole(tmp_path, monkeypatch):
    out = tmp_path / "results"
    first = sorted(SAMPLE_RESUMES.glob("*_strong_*"))[:2]
    screen_batch(_params(first, out=str(out)))
    (out / "notes.txt").write_text("HR's own notes stay", encoding="utf-8")
    before = _snapshot(out)

    def report_fails(path, report):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(batch, "write_report", report_fails)
    with pytest.raises(OSError, match="No space"):
        screen_batch(_params(sorted(SAMPLE_RESUMES.glob("*_strong_*"))[2:5], out=str(out)))
    assert _snapshot(out) == before, "a failed run changed the tables"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results"], "a temporary folder was left"

    monkeypatch.undo()
    done = screen_batch(_params(sorted(SAMPLE_RESUMES.glob("*_strong_*"))[2:5], out=str(out)))
    assert done.summary.report == str(out / "report.html") and (out / "report.html").is_file()
    assert pl.read_parquet(out / "candidates.parquet").height == 3
    assert (out / "notes.txt").read_text(encoding="utf-8") == "HR's own notes stay"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results"]


def test_a_new_output_folder_appears_whole_and_readable(tmp_path):
    out = tmp_path / "new" / "results"
    screen_batch(_params([SAMPLE_RESUMES / "loan_strong_zhang_ceshi.pdf"], out=str(out)))
    assert {"ranked.xlsx", "report.html", "errors.csv", "results.parquet"} <= {p.name for p in out.iterdir()}
    assert stat.S_IMODE(out.stat().st_mode) == 0o700, "the tables are for their owner only"
    assert [p.name for p in out.parent.iterdir()] == ["results"]


def _children(pid: int) -> list[int]:
    found = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat_file.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


RUN = """
import sys
from flows.batch import ScreenParameters, screen_batch
if __name__ == "__main__":
    screen_batch(ScreenParameters(paths=[sys.argv[1]], out=sys.argv[2], use_cache=False, file_timeout=600,
                                  profiles=["loan_account_manager"]))
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process tree from /proc")
def test_a_killed_run_leaves_no_worker_behind(tmp_path):
    """kill -9 on a run busy with a file that takes minutes: its workers and their fork server end too,
    not when the file is done."""
    hostile.make_corpus(tmp_path / "inbox")
    script = tmp_path / "run.py"
    script.write_text(RUN, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.Popen([sys.executable, str(script), str(tmp_path / "inbox" / "pages_5000.pdf"), str(tmp_path / "out")],
                           env=env, cwd=tmp_path)
    try:
        deadline = time.monotonic() + 120
        workers: list[int] = []
        while not workers and time.monotonic() < deadline:
            time.sleep(0.5)
            workers = [w for server in _children(run.pid) for w in _children(server)]
        assert workers, "no worker started"
        servers = _children(run.pid)
        time.sleep(1)
    finally:
        run.kill()
        run.wait()
    deadline = time.monotonic() + 15
    while any(map(_alive, workers + servers)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [p for p in workers + servers if _alive(p)] == []
