"""Every path a run is given or finds has one row: a file screened once, or why it was not."""

import os
import shutil
import threading
from pathlib import Path

import pytest

from flows import pipeline
from flows.batch import ScreenParameters, screen_batch
from flows.destination import DestinationError
from screener.cli import EXIT_USAGE, main
from tests import hostile
from tests.conftest import SAMPLE_RESUMES

# What finding the files makes of the hostile corpus's odd paths; the rest are files to screen.
PATH_ROWS = {name: next(iter(codes)) for name, codes in hostile.EXPECTED.items()
             if codes & {"special_file", "dangling_link", "link_loop", "outside_folder", "same_file"}}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return hostile.make_corpus(tmp_path_factory.mktemp("hostile") / "inbox")


def _rows(found: pipeline.Inputs) -> tuple[list[str], dict[str, str]]:
    return [pipeline.shown_path(p).rsplit("/", 1)[-1] for p in found.files], {
        e.source.path.rsplit("/", 1)[-1]: e.code for e in found.errors}


def test_fifos_sockets_and_link_tricks_each_get_a_row_and_each_file_is_found_once(corpus):
    files, rows = _rows(pipeline.find_inputs([corpus]))
    assert rows == PATH_ROWS
    assert sorted(files) == sorted(set(hostile.EXPECTED) - set(PATH_ROWS))
    assert len(files) == len(set(files))


def test_a_link_out_of_the_folder_is_followed_only_when_asked(corpus):
    files, rows = _rows(pipeline.find_inputs([corpus], follow_links=True))
    assert "payroll_link.txt" in files and "payroll_link.txt" not in rows


def test_the_same_file_named_by_two_paths_is_screened_once_by_its_own_name(tmp_path):
    shutil.copy(SAMPLE_RESUMES / "loan_strong_zhang_ceshi.pdf", tmp_path / "resume.pdf")
    os.symlink("resume.pdf", tmp_path / "a_link.pdf")
    found = pipeline.find_inputs([tmp_path / "a_link.pdf", tmp_path, tmp_path / "resume.pdf"])
    assert found.files == [tmp_path / "resume.pdf"]
    assert [(e.source.path, e.code) for e in found.errors] == [(str(tmp_path / "a_link.pdf"), "same_file")]


def test_a_fifo_named_on_its_own_is_an_error_row_and_never_blocks_the_run(corpus, tmp_path):
    params = ScreenParameters(paths=[str(corpus / "pipe.fifo"), str(corpus / "good.txt")], profiles=["loan_account_manager"],
                              out=str(tmp_path / "out"), use_cache=False)
    done: list = []
    run = threading.Thread(target=lambda: done.append(screen_batch(params)), daemon=True)
    run.start()
    run.join(120)
    assert done, "the run is stuck on the FIFO"
    assert (done[0].summary.files, done[0].summary.ranked) == (2, 1)
    assert done[0].tables.errors["code"].to_list() == ["special_file"]


@pytest.mark.parametrize("where", ["--out inbox", "--out .", "--out-root .", "--cache-dir ."])
def test_an_output_folder_equal_to_or_above_the_inbox_is_refused(where, tmp_path, capsys, monkeypatch):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SAMPLE_RESUMES / "loan_strong_zhang_ceshi.pdf", inbox)
    monkeypatch.chdir(tmp_path)
    flag, folder = where.split()
    extra = [] if flag != "--cache-dir" else ["--out", str(tmp_path / "results")]
    assert main(["run", str(inbox), flag, folder, *extra]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and flag in err and "screened" in err
    assert [p.name for p in tmp_path.iterdir()] == ["inbox"]  # nothing written


def test_an_output_folder_that_cannot_be_written_fails_before_any_file_is_read(tmp_path, capsys):
    (tmp_path / "a_file").write_text("not a folder", encoding="utf-8")
    out = tmp_path / "a_file" / "results"
    assert main(["run", str(SAMPLE_RESUMES), "--out", str(out)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(out) in err

    class Heard:
        started = False

        def start(self, total: int) -> None:
            self.started = True

        def advance(self, done: int, read: int, reused: int) -> None:
            pass

    heard = Heard()
    with pytest.raises(DestinationError, match="cannot write"):
        screen_batch(ScreenParameters(paths=[str(SAMPLE_RESUMES)], out=str(out), use_cache=False), heard)
    assert not heard.started
