"""The hostile corpus (tests/hostile.py) screened as a nightly run would meet it: every path ends as
exactly one row, within a bounded time, and the batch's good résumés are ranked."""

import multiprocessing
import time
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from flows.batch import ScreenParameters, screen_batch
from tests import hostile

BUDGET_SECONDS = 60


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    inbox = hostile.make_corpus(root / "inbox")
    started = time.perf_counter()
    done = screen_batch(ScreenParameters(
        paths=[str(inbox)], profiles=["loan_account_manager", "property_service_manager"], out=str(root / "out"),
        cache_dir=str(root / "cache"), reference_date=date(2026, 6, 30), file_timeout=3, file_memory_mb=1024,
    ))
    return root / "out", done.summary, time.perf_counter() - started


def test_every_path_ends_as_exactly_one_row_within_the_budget(run):
    out, summary, seconds = run
    errors = pl.read_csv(out / "errors.csv")
    ranked = pl.read_parquet(out / "candidates.parquet")["source_path"].to_list()
    rows = [(Path(p).name, code) for p, code in errors.select("source_path", "code").iter_rows()]
    rows += [(Path(p).name, "ranked") for p in ranked]
    assert sorted(name for name, _ in rows) == sorted(hostile.EXPECTED)
    assert {name: code for name, code in rows if code not in hostile.EXPECTED[name]} == {}
    assert summary.files == len(hostile.EXPECTED) == summary.ranked + summary.errors
    assert seconds < BUDGET_SECONDS
    assert multiprocessing.active_children() == []
