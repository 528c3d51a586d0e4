"""The ``screener`` command as a user types it: help, extract, profiles, and clear errors."""

import json
import os
import subprocess
import sys

import pytest

from job_profiles.profile import parse_profile, resolve_profile
from screener.cli import build_parser, main
from tests.conftest import SAMPLE_RESUMES


def screener(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "screener.cli", *args], capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def test_every_command_has_help_with_an_example():
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # noqa: SLF001 - walking argparse's tree
    for name in ("run", "extract"):
        assert "Example: screener" in commands[name].description
    profile_commands = commands["profiles"]._subparsers._group_actions[0].choices  # noqa: SLF001
    for name in ("list", "show"):
        assert "Example: screener profiles" in profile_commands[name].description


def test_extract_prints_the_candidate_as_json_with_the_interface_keys():
    done = screener("extract", str(SAMPLE_RESUMES / "loan_strong_zhang_ceshi.pdf"), "--reference-date", "2026-06-30")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    for key in ("source", "name", "phones", "emails", "highest_degree", "education", "experience",
                "total_experience_months", "skills", "certificates"):
        assert key in data
    assert data["source"]["format"] == "pdf" and len(data["source"]["sha256"]) == 64
    assert data["name"] == "张测试"
    assert data["highest_degree"] == "bachelor"
    assert {"school", "degree", "major", "start", "end"} <= set(data["education"][0])
    first_job = data["experience"][0]
    assert {"employer", "title", "start", "end", "months"} <= set(first_job)
    assert first_job["end"] is None and first_job["start"] <= "2026-06"
    assert "银行从业资格" in data["certificates"]


def test_extract_of_an_unreadable_file_says_why_and_exits_non_zero():
    done = screener("extract", str(SAMPLE_RESUMES / "corrupt_resume.pdf"))
    assert done.returncode == 1
    assert json.loads(done.stdout)["error"]["code"] == "corrupt_pdf"


def test_profiles_list_and_show(capsys):
    assert main(["profiles", "list"]) == 0
    listed = capsys.readouterr().out
    assert "loan_account_manager\t贷款客户经理" in listed
    assert main(["profiles", "show", "tobacco_account_manager"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("id: tobacco_account_manager\n")  # YAML, as profiles are written
    assert parse_profile(printed) == resolve_profile("tobacco_account_manager")  # and it loads back as it was


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "no/such/folder", "--out", "x"], "no such file or folder: no/such/folder"),
        (["run", str(SAMPLE_RESUMES), "--out", "x", "--profile", "nope"], "unknown profile 'nope'"),
        (["profiles", "show", "missing.yaml"], "missing.yaml: no such profile file"),
    ],
)
def test_unusable_arguments_end_with_one_line_and_exit_2(args, message, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_a_bad_date_is_refused_before_anything_runs():
    done = screener("run", str(SAMPLE_RESUMES), "--out", "x", "--reference-date", "2026-13-01")
    assert done.returncode == 2
    assert "not a date in YYYY-MM-DD form" in done.stderr


def test_a_broken_profile_file_names_its_line(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "id: bad\ntitle: {zh: 坏}\nsource: \"assumption: test\"\nrequirements:\n"
        "  - id: x\n    kind: skill\n    label: {zh: 沟通}\n    weight: -1\n    synonyms: [沟通]\n    source: \"assumption: test\"\n",
        encoding="utf-8",
    )
    assert main(["run", str(SAMPLE_RESUMES), "--out", str(tmp_path / "out"), "--profile", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:8:" in err and "weight" in err


@pytest.mark.flow
def test_run_screens_the_samples_as_the_readme_says(tmp_path):
    # The README's main job, through the installed command line (embedded Prefect, isolated home).
    out = tmp_path / "output"
    env = {**os.environ, "SCREENER_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-m", "screener.cli", "run", str(SAMPLE_RESUMES), "--out", str(out), "--no-progress"],
        capture_output=True, text=True, encoding="utf-8", timeout=600, env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "screened 29 file(s): 28 ranked, 1 error(s)" in done.stdout
    for name in ("ranked.xlsx", "results.parquet", "candidates.parquet", "errors.csv", "report.html",
                 "loan_account_manager.csv", "best_fit.csv", "interview_guide.xlsx"):
        assert (out / name).is_file(), name
