"""The `run` options and the `serve` command as a user types them (no Prefect server needed)."""

import json

import pytest

from flows import runs
from screener.cli import build_parser, main
from tests.conftest import SAMPLE_RESUMES


def test_serve_has_help_with_an_example_and_the_schedule_defaults():
    parser = build_parser()
    serve = parser._subparsers._group_actions[0].choices["serve"]  # noqa: SLF001 - walking argparse's tree
    assert "Example: screener serve" in serve.description
    args = parser.parse_args(["serve", str(SAMPLE_RESUMES), "--out-root", "runs"])
    assert (args.cron, args.timezone, args.lang) == ("0 2 * * *", "Asia/Shanghai", "zh")


@pytest.mark.parametrize("argv", [["run", str(SAMPLE_RESUMES)], ["run", str(SAMPLE_RESUMES), "--out", "a", "--out-root", "b"],
                                  ["run", str(SAMPLE_RESUMES), "--out", "a", "--lang", "fr"]])
def test_run_needs_exactly_one_destination_and_a_known_language(argv):
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(argv)
    assert exit_.value.code == 2


def test_serve_refuses_a_prefect_server_that_does_not_answer(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")  # the discard port: nothing answers
    assert main(["serve", str(SAMPLE_RESUMES), "--out-root", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "does not answer" in err and err.count("\n") == 1


def test_dated_run_folders_never_collide_and_latest_follows_the_newest(tmp_path):
    first = runs.new_run_folder(tmp_path)
    second = runs.new_run_folder(tmp_path)
    assert first != second and first.parent == second.parent == tmp_path
    runs.mark_latest(tmp_path, first, {"files": 3, "ranked": 2, "errors": 1})
    assert (tmp_path / "latest.txt").read_text(encoding="utf-8").strip() == first.name
    runs.mark_latest(tmp_path, second, {"files": 4, "ranked": 4, "errors": 0})
    assert (tmp_path / "latest").resolve() == second.resolve()
    assert [r["folder"] for r in runs.finished_runs(tmp_path)] == [second.name, first.name]
    assert json.loads((second / "run.json").read_text(encoding="utf-8"))["files"] == 4
    # A folder that never finished (no run.json) is not listed and never becomes latest.
    runs.new_run_folder(tmp_path)
    assert len(runs.finished_runs(tmp_path)) == 2


def test_the_progress_bar_counts_files_read_and_cached(tmp_path):
    from datetime import date

    from flows import pipeline
    from flows.batch import ScreenParameters, screen_batch
    from job_profiles.profile import resolve_profile
    from screener.progress_bar import ProgressBar

    files = pipeline.find_resumes([SAMPLE_RESUMES])[:3]
    cache_dir = tmp_path / "cache"
    pipeline.screen_chunk(files[:1], [resolve_profile("loan_account_manager")], date(2026, 6, 30), cache_dir)  # one already cached
    params = ScreenParameters(paths=[str(f) for f in files], profiles=["loan_account_manager"], out=str(tmp_path / "out"),
                              reference_date=date(2026, 6, 30), cache_dir=str(cache_dir))
    with ProgressBar(enabled=False) as bar:
        screen_batch(params, progress=bar)
    task = bar._progress.tasks[0]  # noqa: SLF001
    assert (task.completed, task.total, task.fields["read"], task.fields["reused"]) == (3, 3, 2, 1)


def test_system_folders_in_an_inbox_are_not_screened(tmp_path):
    import shutil

    from flows import pipeline

    inbox = tmp_path / "inbox"
    (inbox / "__MACOSX").mkdir(parents=True)
    (inbox / ".git").mkdir()
    shutil.copy(SAMPLE_RESUMES / "loan_strong_zhang_ceshi.pdf", inbox / "简历.pdf")
    # A Mac's zip carries an AppleDouble copy of each file; a git checkout its own files.
    (inbox / "__MACOSX" / "._简历.pdf").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ")
    (inbox / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    assert pipeline.find_resumes([inbox]) == [inbox / "简历.pdf"]
