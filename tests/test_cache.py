"""The incremental cache, called as plain functions: no re-reading, re-scoring on profile change, resume."""

from datetime import date

import pytest

from flows import cache, pipeline
from job_profiles.profile import resolve_profile
from tests.conftest import SAMPLE_RESUMES

REFERENCE = date(2026, 6, 30)


@pytest.fixture()
def files():
    return pipeline.find_resumes([SAMPLE_RESUMES])[:8]


@pytest.fixture()
def profile():
    return resolve_profile("loan_account_manager")


def _scores(result):
    return sorted((s.source_path, s.profile_id, s.score) for s in result.scores)


def test_a_new_run_date_re_extracts_from_the_cached_text_without_re_reading(tmp_path, files, profile, monkeypatch):
    first = pipeline.screen_chunk(files, [profile], REFERENCE, tmp_path)
    reads = []
    real = pipeline.read_bytes
    monkeypatch.setattr(pipeline, "read_bytes", lambda data, path, *settings: reads.append(path) or real(data, path, *settings))
    later = pipeline.screen_chunk(files, [profile], date(2026, 12, 31), tmp_path)
    assert reads == [] and later.read == 0 and later.scored + later.scores_reused == len(later.candidates)
    fresh = pipeline.screen_chunk(files, [profile], date(2026, 12, 31))
    assert [c.model_dump() for c in later.candidates] == [c.model_dump() for c in fresh.candidates]
    assert len(first.candidates) == len(later.candidates)


def test_a_run_on_a_new_date_keeps_one_entry_per_file_and_counts_to_its_own_date(tmp_path, profile):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    # No date of its own: 至今 counts to the run's date. The other prints when it was updated.
    (inbox / "undated.txt").write_text("姓名：甲测试\n工作经历\n2019.07-至今 示例农村商业银行 客户经理\n", encoding="utf-8")
    (inbox / "dated.txt").write_text("姓名：乙测试\n更新时间：2026-03-01\n工作经历\n2020.01-至今 示例银行 信贷员\n", encoding="utf-8")
    files, cache_dir = sorted(inbox.iterdir()), tmp_path / "cache"
    nights = [date(2026, 6, 30), date(2026, 12, 31), date(2027, 3, 31)]
    runs = [pipeline.screen_chunk(files, [profile], night, cache_dir) for night in nights]
    months = [{c.source.path: c.total_experience_months for c in run.candidates} for run in runs]
    undated, dated = str(inbox / "undated.txt"), str(inbox / "dated.txt")
    assert [m[undated] for m in months] == [84, 90, 93]  # July 2019 to each night, inclusive
    assert [m[dated] for m in months] == [75, 75, 75]  # to March 2026, whatever the night
    for night, run in zip(nights, runs):
        fresh = pipeline.screen_chunk(files, [profile], night)
        assert [c.model_dump() for c in run.candidates] == [c.model_dump() for c in fresh.candidates]
        assert _scores(run) == _scores(fresh)
    # One extraction and one score per file, however many nights; the dated one was never re-extracted.
    assert len(list((cache_dir / "extractions").rglob("*.json"))) == len(files)
    assert len(list((cache_dir / "scores").rglob("*.json"))) == len(files)
    assert [run.reused for run in runs] == [0, 2, 2] and [run.scores_reused for run in runs] == [0, 1, 1]


def test_a_rerun_reads_nothing_and_gives_the_same_scores(tmp_path, files, profile):
    first = pipeline.screen_chunk(files, [profile], REFERENCE, tmp_path)
    assert (first.read, first.reused) == (len(files), 0)
    again = pipeline.screen_chunk(files, [profile], REFERENCE, tmp_path)
    assert (again.read, again.reused, again.scored) == (0, len(files), 0)
    assert _scores(again) == _scores(first)
    assert [c.model_dump() for c in again.candidates] == [c.model_dump() for c in first.candidates]
    # The lines (kept out of JSON dumps) survive the cache: the HTML report highlights them.
    assert all(c.lines for c in again.candidates)
    assert [e.code for e in again.errors] == [e.code for e in first.errors]


def test_a_changed_profile_rescores_without_rereading(tmp_path, files, profile):
    pipeline.screen_chunk(files, [profile], REFERENCE, tmp_path)
    changed = profile.model_copy(update={"requirements": profile.requirements[:-1]})
    result = pipeline.screen_chunk(files, [changed], REFERENCE, tmp_path)
    ranked = len(result.candidates)
    assert (result.read, result.scores_reused, result.scored) == (0, 0, ranked)


def test_the_same_bytes_at_another_path_are_reported_at_the_new_path(tmp_path, profile):
    source = SAMPLE_RESUMES / "loan_strong_zhang_ceshi.pdf"
    copy = tmp_path / "inbox" / "copy.pdf"
    copy.parent.mkdir()
    copy.write_bytes(source.read_bytes())
    pipeline.screen_chunk([source], [profile], REFERENCE, tmp_path / "cache")
    result = pipeline.screen_chunk([copy], [profile], REFERENCE, tmp_path / "cache")
    assert result.reused == 1
    assert result.candidates[0].source.path == str(copy) and result.scores[0].source_path == str(copy)


def test_a_run_killed_half_way_finishes_the_rest_on_rerun(tmp_path, files, profile, monkeypatch):
    real = pipeline.extract_candidate
    calls = []

    def dies_on_the_fifth(document, reference_date=None, **kwargs):
        calls.append(document.source.path)
        if len(calls) == 5:
            raise KeyboardInterrupt  # not caught per file: the whole run stops, as a kill would
        return real(document, reference_date, **kwargs)

    monkeypatch.setattr(pipeline, "extract_candidate", dies_on_the_fifth)
    with pytest.raises(KeyboardInterrupt):
        pipeline.screen_chunk(files, [profile], REFERENCE, tmp_path)
    monkeypatch.setattr(pipeline, "extract_candidate", real)
    rerun = pipeline.screen_chunk(files, [profile], REFERENCE, tmp_path)
    killed_at = [str(f) for f in files].index(calls[-1])
    # Files before the kill are reused whole; the killed one only re-extracts (its text was cached).
    assert rerun.reused == killed_at + 1 and rerun.read == len(files) - killed_at - 1
    assert len(rerun.candidates) + len(rerun.errors) == len(files)


def test_a_damaged_cache_entry_is_a_miss(tmp_path, files, profile):
    pipeline.screen_chunk(files[:1], [profile], REFERENCE, tmp_path)
    for entry in tmp_path.rglob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert pipeline.screen_chunk(files[:1], [profile], REFERENCE, tmp_path).read == 1


def test_without_a_reference_date_the_candidate_says_today_cached_or_not(tmp_path, files, profile):
    fresh = pipeline.screen_chunk(files[:4], [profile], None, tmp_path)
    again = pipeline.screen_chunk(files[:4], [profile], None, tmp_path)
    assert again.read == 0
    sources = [c.reference_date_source for c in again.candidates]
    assert sources == [c.reference_date_source for c in fresh.candidates] and "run_option" not in sources


def test_without_a_cache_folder_nothing_is_written(tmp_path, files, profile, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = pipeline.screen_chunk(files[:2], [profile], REFERENCE)
    assert result.read == 2 and not any(tmp_path.iterdir())


# --- a damaged or unwritable cache: lost, never believed wrongly ------------------------------


@pytest.fixture()
def fresh_cache_state(monkeypatch):
    """The per-process record of a cache that could not be written, as a new worker has it."""
    monkeypatch.setattr(cache, "_write_problem", None)
    monkeypatch.setattr(cache, "_stopped", False)


def test_an_entry_copied_under_another_files_name_is_a_miss_not_that_file(tmp_path, files, profile, fresh_cache_state):
    first, second = SAMPLE_RESUMES / "loan_strong_zhang_ceshi.pdf", SAMPLE_RESUMES / "loan_strong_li_shili.docx"
    done = pipeline.screen_chunk([first, second], [profile], REFERENCE, tmp_path)
    names = {c.source.sha256: c.name for c in done.candidates}
    assert len(set(names.values())) == 2
    by_file: dict[str, list] = {sha: [] for sha in names}
    for entry in tmp_path.rglob("*.json"):
        by_file[entry.name.split(".")[0]].append(entry)
    a, b = names
    for entry in by_file[b]:  # every entry of b overwritten by a's entry of the same layer
        twin = next(e for e in by_file[a] if e.parent.parent.name == entry.parent.parent.name)
        entry.write_bytes(twin.read_bytes())
    again = pipeline.screen_chunk([first, second], [profile], REFERENCE, tmp_path)
    assert {c.source.sha256: c.name for c in again.candidates} == names
    assert again.read == 1 and again.reused == 1


def test_an_entry_with_bytes_that_are_not_utf8_or_a_folder_in_its_place_is_a_miss(tmp_path, files, profile, fresh_cache_state):
    first = pipeline.screen_chunk(files[:2], [profile], REFERENCE, tmp_path)
    entries = sorted(tmp_path.rglob("*.json"))
    for n, entry in enumerate(entries):
        if n % 2:
            entry.write_bytes(b"\xff\xfe" + entry.read_bytes()[2:])
        else:
            entry.unlink()
            entry.mkdir()
    again = pipeline.screen_chunk(files[:2], [profile], REFERENCE, tmp_path)
    assert again.read == 2 and _scores(again) == _scores(first)
    assert list(tmp_path.rglob("*.tmp")) == []


def test_a_full_disk_screens_without_the_cache_leaves_no_temp_file_and_says_why(tmp_path, files, profile, monkeypatch, fresh_cache_state):
    import errno
    import os

    writes = []

    def disk_full(src, dst):
        writes.append(dst)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))

    monkeypatch.setattr(cache.os, "replace", disk_full)
    result = pipeline.screen_chunk(files[:3], [profile], REFERENCE, tmp_path)
    fresh = pipeline.screen_chunk(files[:3], [profile], REFERENCE)
    assert _scores(result) == _scores(fresh) and result.read == 3
    assert "No space left on device" in result.cache_problem
    assert len(writes) == 1  # it stopped trying after the first
    assert list(tmp_path.rglob("*.tmp")) == [] and list(tmp_path.rglob("*.json")) == []


def test_a_cache_folder_that_cannot_be_made_is_screened_without_with_one_warning(tmp_path, caplog):
    from flows.batch import ScreenParameters, screen_batch

    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "cv.pdf").write_bytes((SAMPLE_RESUMES / "loan_strong_zhang_ceshi.pdf").read_bytes())
    with caplog.at_level("WARNING"):
        done = screen_batch(ScreenParameters(paths=[str(inbox)], profiles=["loan_account_manager"],
                                             out=str(tmp_path / "out"), cache_dir=str(blocked), reference_date=REFERENCE))
    assert done.summary.ranked == 1
    warnings = [r.getMessage() for r in caplog.records if "cache" in r.getMessage() and r.levelname == "WARNING"]
    assert len(warnings) == 1  # one warning, whatever the OS calls the fault (File exists, Not a directory)
    assert warnings[0].startswith(f"The cache {blocked} cannot be written (") and warnings[0].endswith("screening without it")
