"""The readers' caps are settings with flags (--max-pages, --max-chars, … on `screener run` and
`serve`): each reaches the worker process that reads, a file refused or cut short under one value
is read again by a run with another (the cache is not believed across caps), a run with the same
caps reuses the cache, and a value that cannot work is refused before anything runs."""

import io
import re
from datetime import date
from pathlib import Path

import polars as pl
import pypdfium2 as pdfium
import pytest

from extractors.readers.limits import MAX_CHARS, MAX_PAGES, ReadLimits, flag
from flows.batch import RunSummary, ScreenParameters, screen_batch
from screener.cli import EXIT_USAGE, _screen_parameters, build_parser, main
from tests.conftest import FIXTURES, SAMPLE_RESUMES

RESUME_NAME = "张测试"  # the name loan_strong_zhang_ceshi.pdf gives


@pytest.fixture(scope="module")
def packet(tmp_path_factory) -> Path:
    """An application of three pages, put together by PDFium: a cover letter on pages 1 and 2, the
    résumé on page 3."""
    merged = pdfium.PdfDocument.new()
    for source in (FIXTURES / "cover_letter.pdf", FIXTURES / "cover_letter.pdf", SAMPLE_RESUMES / "loan_strong_zhang_ceshi.pdf"):
        merged.import_pages(pdfium.PdfDocument(source))
    data = io.BytesIO()
    merged.save(data)
    path = tmp_path_factory.mktemp("packet") / "application.pdf"
    path.write_bytes(data.getvalue())
    assert len(pdfium.PdfDocument(path)) == 3
    return path


def _screen(packet: Path, out: Path, cache_dir: Path | None, **caps: int) -> tuple[list[str], dict[str, str], RunSummary]:
    """The names ranked, the error rows (code: reason) and the summary of a run with ``caps``."""
    summary = screen_batch(ScreenParameters(
        paths=[str(packet)], profiles=["loan_account_manager"], out=str(out), cache_dir=str(cache_dir), use_cache=cache_dir is not None,
        reference_date=date(2026, 6, 30), read_limits=ReadLimits(**caps),
    )).summary
    names = pl.read_parquet(out / "candidates.parquet")["name"].to_list()
    errors = dict(pl.read_csv(out / "errors.csv").select("code", "reason").iter_rows())
    return names, errors, summary


def _scores(out: Path) -> list[float]:
    return pl.read_parquet(out / "results.parquet")["score"].to_list()


def test_max_pages_reads_the_first_pages_and_a_rerun_with_the_default_reads_them_all(packet, tmp_path):
    cache_dir = tmp_path / "cache"
    cut, errors, first = _screen(packet, tmp_path / "cut", cache_dir, max_pages=2)
    assert RESUME_NAME not in cut and first.read == 1  # the résumé on page 3 was never read
    # The default reads page 3: the cut read in the cache is not this run's read.
    full, errors, default = _screen(packet, tmp_path / "full", cache_dir)
    assert (full, errors, default.read) == ([RESUME_NAME], {}, 1)
    _, _, fresh = _screen(packet, tmp_path / "fresh", None)  # and scored as without a cache, not as the cut
    assert _scores(tmp_path / "full") == _scores(tmp_path / "fresh") != _scores(tmp_path / "cut")
    # The same caps again: from the cache, as before.
    again, _, rerun = _screen(packet, tmp_path / "again", cache_dir, max_pages=2)
    assert (again, rerun.read, rerun.reused) == (cut, 0, 1)


def test_a_cap_that_refuses_gives_a_too_complex_row_naming_its_flag_and_the_default_reads_the_file(packet, tmp_path):
    cache_dir = tmp_path / "cache"
    names, errors, first = _screen(packet, tmp_path / "refused", cache_dir, max_chars=500)
    assert names == [] and list(errors) == ["too_complex"] and first.read == 1
    assert "max_chars=500" in errors["too_complex"] and "--max-chars" in errors["too_complex"]
    again, errors_again, rerun = _screen(packet, tmp_path / "again", cache_dir, max_chars=500)
    assert (again, errors_again, rerun.read) == ([], errors, 0)  # remembered under the same cap
    names, errors, default = _screen(packet, tmp_path / "default", cache_dir)
    assert (names, errors, default.read) == ([RESUME_NAME], {}, 1)  # not believed under another


@pytest.mark.parametrize(("flag", "value"), [
    ("--max-pages", "0"), ("--max-pages", "-2"), ("--max-pages", "many"), ("--max-pages", "2.5"), ("--max-pages", "1000000"),
    ("--max-chars", "0"), ("--max-chars", "10000000000"), ("--max-cells", "-1"), ("--max-zip-ratio", "0.5"),
    ("--max-zip-ratio", "nan"), ("--max-mime-nesting", "5000"), ("--max-unpacked-mb", "0"),
])
def test_a_cap_that_cannot_work_is_refused_before_anything_runs(flag, value, tmp_path, capsys):
    for command in (["run", str(SAMPLE_RESUMES), "--out", str(tmp_path / "out")],
                    ["serve", str(SAMPLE_RESUMES), "--out-root", str(tmp_path / "runs")]):
        with pytest.raises(SystemExit) as exit_:
            main([*command, flag, value])
        assert exit_.value.code == EXIT_USAGE
        err = capsys.readouterr().err
        assert f"argument {flag}: not a" in err and repr(value) in err and " to " in err, err
    assert not any(tmp_path.iterdir())


def test_every_cap_is_a_flag_of_run_and_serve_with_its_default_in_the_help():
    caps = {"--max-pages": "3", "--max-chars": "5000", "--max-unpacked-mb": "20", "--max-zip-members": "300",
            "--max-zip-ratio": "50.5", "--max-sheets-mb": "2", "--max-cells": "900", "--max-mime-parts": "40",
            "--max-mime-nesting": "5", "--max-html-tags": "7000"}
    given = [part for pair in caps.items() for part in pair]
    parser = build_parser()
    run = parser.parse_args(["run", "inbox", "--out", "out", *given])
    serve = parser.parse_args(["serve", "inbox", "--out-root", "runs", *given])
    expected = ReadLimits(max_pages=3, max_chars=5000, max_unpacked_mb=20, max_zip_members=300, max_zip_ratio=50.5,
                          max_sheets_mb=2, max_cells=900, max_mime_parts=40, max_mime_nesting=5, max_html_tags=7000)
    assert set(expected.key().split(";")) == {f"{name}={value}" for name, value in expected.model_dump().items()}, "a cap left out"
    assert _screen_parameters(run, paths=["inbox"], out="out").read_limits == expected
    assert _screen_parameters(serve, paths=["inbox"], out_root="runs").read_limits == expected
    # Not given: the documented defaults, shown in each flag's help.
    defaults = _screen_parameters(parser.parse_args(["run", "inbox", "--out", "out"]), paths=["inbox"], out="out")
    assert defaults.read_limits == ReadLimits() and defaults.read_limits.key() == ""
    for command in ("run", "serve"):
        help_text = " ".join(parser._subparsers._group_actions[0].choices[command].format_help().split())  # noqa: SLF001
        assert "--max-pages N PDF pages read" in help_text and f"(default: {MAX_PAGES})" in help_text
        assert f"(default: {MAX_CHARS:,})" in help_text
        assert all(flag in help_text for flag in caps)


def test_the_readme_limits_table_gives_each_cap_its_flag_default_and_bounds():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `(--max-[a-z-]+) [A-Z]+` \| ([^|]+ \| [^|]+) \|", readme, re.MULTILINE))
    expected = {}
    for name, field in ReadLimits.model_fields.items():
        low = next(m.ge for m in field.metadata if hasattr(m, "ge"))
        high = next(m.le for m in field.metadata if hasattr(m, "le"))
        expected[flag(name)] = f"{field.default:,} | {low:,} – {high:,}"
    assert rows == expected


def test_a_chunk_run_on_another_machine_reads_with_the_runs_caps(packet, tmp_path):
    """`run --engine`: the chunk's parameters go through the Prefect server as JSON, and the chunk run
    on a worker's machine must read with the caps of the run that cut it."""
    from flows import distributed, isolation
    from job_profiles.profile import resolve_profile

    job = isolation.Job(profiles=[resolve_profile("loan_account_manager")], reference_date=date(2026, 6, 30),
                        read_limits=ReadLimits(max_chars=500))
    sent = distributed.ChunkJob(files=[str(packet)], job=job, out=str(tmp_path / "chunk-00000.json"))
    received = distributed.ChunkJob.model_validate({"chunk": sent.model_dump(mode="json")}["chunk"])
    assert distributed.screen_chunk.fn(received) == 1
    result = distributed.read_chunk(tmp_path / "chunk-00000.json")
    assert [(e.code, "--max-chars" in e.reason) for e in result.errors] == [("too_complex", True)] and result.candidates == []
