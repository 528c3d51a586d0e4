"""A run's outputs land whole: written beside the target and moved in when all are written, so a
run that fails half-way leaves the last good tables as they were and no temporary folder behind."""

import stat
from datetime import date

import polars as pl
import pytest

from flows import batch
from flows.batch import ScreenParameters, screen_batch
from tests.conftest import SAMPLE_RESUMES


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
    assert out.stat().st_mode & stat.S_IROTH, "the folder kept the temporary folder's private mode"
    assert [p.name for p in out.parent.iterdir()] == ["results"]
