"""Profiles that cannot break the outputs: no id taking an output file's or sheet's name, ids distinct
within the workbook's 31-character sheet names, one profile given twice screened once, bounded
requirement counts and values, and a reference date within a sane range (exit 2, one line)."""

from datetime import date, timedelta
from pathlib import Path

import polars as pl
import pytest
import yaml

from flows.batch import ScreenParameters, screen_batch
from job_profiles.profile import ProfileError, bundled_profiles, parse_profile
from screener.cli import EXIT_USAGE, main
from tests.conftest import SAMPLE_RESUMES


def _profile(**changes) -> dict:
    data = yaml.safe_load(bundled_profiles()["loan_account_manager"].read_text(encoding="utf-8"))
    return {**data, **changes}


def _file(folder: Path, name: str, **changes) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(_profile(**changes), allow_unicode=True), encoding="utf-8")
    return path


def _run(args: list[str], capsys) -> tuple[int, str]:
    code = main(args)
    return code, capsys.readouterr().err


@pytest.mark.parametrize("pid", ["errors", "best_fit", "results", "candidates", "summary", "ranked", "report"])
def test_an_id_naming_an_output_file_or_sheet_is_refused(pid, tmp_path, capsys):
    with pytest.raises(ProfileError, match="reserved"):
        parse_profile(yaml.safe_dump(_profile(id=pid), allow_unicode=True))
    code, err = _run(["run", str(SAMPLE_RESUMES), "--out", str(tmp_path / "out"), "--profile", str(_file(tmp_path, pid, id=pid))], capsys)
    assert code == EXIT_USAGE and "reserved" in err and not (tmp_path / "out").exists()


def test_ids_alike_in_their_first_31_characters_are_refused(tmp_path, capsys):
    stem = "loan_account_manager_for_the_north"  # 34 characters: the sheets would both be its first 31
    files = [_file(tmp_path, stem + suffix, id=stem + suffix) for suffix in ("_a", "_b")]
    code, err = _run(["run", str(SAMPLE_RESUMES), "--out", str(tmp_path / "out"), "--profile", str(files[0]),
                      "--profile", str(files[1])], capsys)
    assert code == EXIT_USAGE and "first 31 characters" in err


def test_two_different_profiles_under_one_id_are_refused(tmp_path, capsys):
    other = _file(tmp_path, "other", summary="another profile that took the bundled one's id")
    code, err = _run(["run", str(SAMPLE_RESUMES), "--out", str(tmp_path / "out"), "--profile", "loan_account_manager",
                      "--profile", str(other)], capsys)
    assert code == EXIT_USAGE and "share the id 'loan_account_manager'" in err


def test_a_profile_given_twice_is_screened_once(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "cv.pdf").write_bytes((SAMPLE_RESUMES / "loan_strong_zhang_ceshi.pdf").read_bytes())
    done = screen_batch(ScreenParameters(paths=[str(inbox)], profiles=["loan_account_manager"] * 2,
                                         out=str(tmp_path / "out"), use_cache=False, reference_date=date(2026, 6, 30)))
    assert done.summary.profiles == ["loan_account_manager"]
    assert pl.read_parquet(tmp_path / "out" / "results.parquet").height == 1
    assert pl.read_csv(tmp_path / "out" / "loan_account_manager.csv").height == 1


def test_requirement_counts_and_values_are_bounded():
    requirements = _profile()["requirements"]
    with pytest.raises(ProfileError, match="at most 200 items"):
        parse_profile(yaml.safe_dump(_profile(requirements=requirements * (200 // len(requirements) + 1)), allow_unicode=True))
    experience = next(r for r in requirements if "min_months" in r)
    with pytest.raises(ProfileError, match="less than or equal to 600"):
        parse_profile(yaml.safe_dump(_profile(requirements=[{**experience, "min_months": 95_766}]), allow_unicode=True))
    with_synonyms = next(r for r in requirements if r.get("synonyms"))
    with pytest.raises(ProfileError, match="at most 500 items"):
        parse_profile(yaml.safe_dump(_profile(requirements=[{**with_synonyms, "synonyms": ["信贷"] * 501}]), allow_unicode=True))
    assert parse_profile(yaml.safe_dump(_profile(requirements=[{**experience, "min_months": 600}]), allow_unicode=True))


@pytest.mark.parametrize("when", ["9999-12-31", "1989-12-31", (date.today() + timedelta(days=400)).isoformat()])
def test_a_reference_date_out_of_range_is_refused_with_exit_2(when, tmp_path, capsys):
    code, err = _run(["run", str(SAMPLE_RESUMES), "--out", str(tmp_path / "out"), "--reference-date", when], capsys)
    assert code == EXIT_USAGE and f"--reference-date: reference date {when} is outside 1990-01-01" in err
    assert not (tmp_path / "out").exists()
    with pytest.raises(ValueError, match="is outside"):
        ScreenParameters(paths=["x"], out="y", reference_date=date.fromisoformat(when))
    assert ScreenParameters(paths=["x"], out="y", reference_date=date.today() + timedelta(days=300)).reference_date
