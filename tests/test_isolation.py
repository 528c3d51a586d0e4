"""Each file is screened in a worker process under a time and a memory limit: a bomb, a hang or a
crash costs only its own file, which gets an error row, and a rerun does not try it again."""

import multiprocessing
import shutil
import time
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from extractors.readers.limits import ReadLimits
from flows.batch import ScreenParameters, screen_batch
from screener.cli import EXIT_USAGE, build_parser, main
from tests import hostile
from tests.conftest import SAMPLE_RESUMES

TIMEOUT = 3.0  # seconds: dense_pages.pdf takes minutes
MEMORY_MB = 1024


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return hostile.make_corpus(tmp_path_factory.mktemp("hostile") / "inbox")


def _screen(files: list[Path], out: Path, cache_dir: Path) -> tuple[dict[str, str], float, object]:
    started = time.perf_counter()
    done = screen_batch(ScreenParameters(
        paths=[str(f) for f in files], profiles=["loan_account_manager"], out=str(out), cache_dir=str(cache_dir),
        reference_date=date(2026, 6, 30), file_timeout=TIMEOUT, file_memory_mb=MEMORY_MB,
    ))
    seconds = time.perf_counter() - started
    errors = pl.read_csv(out / "errors.csv")
    ranked = pl.read_parquet(out / "candidates.parquet")["source_path"].to_list()
    rows = {Path(p).name: code for p, code in errors.select("source_path", "code").iter_rows()}
    rows |= {Path(p).name: "ranked" for p in ranked}
    assert len(rows) == errors.height + len(ranked), "a file has two rows"
    return rows, seconds, done.summary


def test_bombs_hangs_and_huge_files_cost_only_themselves_and_are_not_tried_again(corpus, tmp_path):
    sample = SAMPLE_RESUMES / "loan_strong_zhang_ceshi.pdf"
    # A good résumé after each bad file: each must find a live worker.
    files = [corpus / "bomb.pdf", sample, corpus / "dense_pages.pdf", corpus / "good.txt",
             corpus / "huge_paragraphs.docx", corpus / "holiday_video.pdf", SAMPLE_RESUMES / "tobacco_strong_wu_ceshi.pdf"]
    rows, seconds, summary = _screen(files, tmp_path / "out", tmp_path / "cache")
    assert rows["bomb.pdf"] in {"crashed", "out_of_memory", "timeout"}  # PDFium aborts when its allocation fails
    assert rows["dense_pages.pdf"] == "timeout"
    assert rows["huge_paragraphs.docx"] == "too_complex"  # refused by its zip's declared sizes (extractors/readers/limits.py)
    assert rows["holiday_video.pdf"] == "too_large"  # refused by its size, never read into a 1 GB worker
    assert [rows[n] for n in (sample.name, "good.txt", "tobacco_strong_wu_ceshi.pdf")] == ["ranked"] * 3
    assert seconds < 60
    assert multiprocessing.active_children() == [], "a worker outlives the run"

    # The same bytes under the same code and limits: their rows again, without a reader or a wait.
    again, seconds, summary = _screen(files, tmp_path / "again", tmp_path / "cache")
    assert again == rows
    assert summary.read == 0 and seconds < TIMEOUT


def test_a_higher_limit_tries_a_remembered_file_again(corpus, tmp_path):
    params = {"paths": [str(corpus / "bomb.pdf")], "profiles": ["loan_account_manager"], "cache_dir": str(tmp_path / "cache")}
    first = screen_batch(ScreenParameters(**params, out=str(tmp_path / "a"), file_memory_mb=MEMORY_MB)).summary
    higher = screen_batch(ScreenParameters(**params, out=str(tmp_path / "b"), file_memory_mb=MEMORY_MB + 1)).summary
    assert (first.errors, first.read, higher.errors, higher.read) == (1, 1, 1, 1)


def test_a_file_that_timed_out_under_some_read_caps_is_tried_again_under_others(corpus, tmp_path):
    """5,000 pages read whole take minutes (a timeout, remembered); the first two, a fraction of a second."""
    params = {"paths": [str(corpus / "pages_5000.pdf")], "profiles": ["loan_account_manager"], "cache_dir": str(tmp_path / "cache"),
              "file_timeout": TIMEOUT}
    every_page = ReadLimits(max_pages=10_000, max_chars=50_000_000)
    first = screen_batch(ScreenParameters(**params, out=str(tmp_path / "a"), read_limits=every_page)).summary
    again = screen_batch(ScreenParameters(**params, out=str(tmp_path / "b"), read_limits=every_page)).summary
    fewer = screen_batch(ScreenParameters(**params, out=str(tmp_path / "c"), read_limits=ReadLimits(max_pages=2))).summary
    codes = [pl.read_csv(tmp_path / out / "errors.csv")["code"].to_list() for out in "abc"]
    assert codes[:2] == [["timeout"], ["timeout"]] and (first.read, again.read) == (1, 0)
    assert "timeout" not in codes[2] and fewer.read == 1


def test_a_non_utf8_name_has_its_bytes_escaped_and_the_run_goes_on(corpus, tmp_path):
    gbk = corpus / hostile.GBK_NAME.decode("utf-8", "surrogateescape")
    shutil.copy(SAMPLE_RESUMES / "loan_strong_zhang_ceshi.pdf", tmp_path / "plain.pdf")
    rows, _, _ = _screen([gbk, tmp_path / "plain.pdf"], tmp_path / "out", tmp_path / "cache")
    assert rows == {"\\xbc\\xf2\\xc0\\xfa.txt": "ranked", "plain.pdf": "ranked"}


@pytest.mark.parametrize(("flag", "value"), [("--file-timeout", "0"), ("--file-timeout", "soon"), ("--file-memory", "100M"),
                                             ("--file-memory", "lots")])
def test_a_limit_that_cannot_work_is_refused_before_anything_runs(flag, value, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["run", str(SAMPLE_RESUMES), "--out", str(tmp_path), flag, value])
    assert exit_.value.code == EXIT_USAGE
    assert flag in capsys.readouterr().err and not any(tmp_path.iterdir())


def test_limits_are_flags_with_documented_defaults():
    run = build_parser().parse_args(["run", "x", "--out", "y", "--file-timeout", "12.5", "--file-memory", "3G"])
    assert (run.file_timeout, run.file_memory) == (12.5, 3072)
    defaults = ScreenParameters(paths=["x"], out="y")
    assert (defaults.file_timeout, defaults.file_memory_mb) == (30, 2048)
    help_text = build_parser()._subparsers._group_actions[0].choices["run"].format_help()  # noqa: SLF001
    assert "(default: 30)" in help_text and "(default: 2G)" in help_text
