"""Retention: `screener purge` deletes only the screener's own cache entries and run folders past the
age, lists them first (dry run), keeps the latest run, never follows links; what a run writes is
owner-only whatever the umask."""

import os
import stat
import time
from datetime import date, datetime
from pathlib import Path

import pytest

from flows import cache, runs
from flows.batch import ScreenParameters, screen_batch
from flows.retention import parse_age, purge
from screener.cli import _screen_parameters, build_parser, main
from tests.conftest import SAMPLE_RESUMES

DAY = 86400.0
NOW = time.time()


def _age(path: Path, days: float) -> None:
    """Set ``path``'s (and, for a folder, everything in it) modification time ``days`` ago."""
    when = NOW - days * DAY
    for item in [*(path.rglob("*") if path.is_dir() and not path.is_symlink() else []), path]:
        os.utime(item, (when, when), follow_symlinks=False)


def _entry(cache_dir: Path, kind: str, digit: str, days: float) -> Path:
    sha = digit * 64
    path = cache_dir / kind / sha[:2] / f"{sha}.0123456789abcdef.json"
    cache._write_atomic(path, '{"text": "张测试 13800000000"}')
    _age(path, days)
    return path


def _run(root: Path, stamp: str, days: float, files: tuple[str, ...] = ("run.json", "ranked.xlsx")) -> Path:
    folder = runs.new_run_folder(root, datetime.fromisoformat(f"{stamp}+08:00"))
    for name in files:
        (folder / name).write_text('{"files": 1}' if name == runs.RUN_RECORD else "张测试", encoding="utf-8")
    _age(folder, days)
    return folder


@pytest.fixture()
def store(tmp_path):
    """A tagged cache and an output root with old and new entries, the latest run old too, and
    things that are not the screener's."""
    cache_dir = tmp_path / "cache"
    cache.tag_cache_dir(cache_dir)
    root = tmp_path / "screening"
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "keep.txt").write_text("not the screener's", encoding="utf-8")
    (outside / runs.RUN_RECORD).write_text('{"files": 1}', encoding="utf-8")  # looks like a run: only a link leads there
    _age(outside, 400)
    made = {
        "old_entries": [_entry(cache_dir, "documents", "a", 120), _entry(cache_dir, "extractions", "b", 91),
                        _entry(cache_dir, "scores", "c", 100), _entry(cache_dir, "failures", "d", 300)],
        "new_entries": [_entry(cache_dir, "documents", "e", 10), _entry(cache_dir, "scores", "f", 89)],
        "old_runs": [_run(root, "2026-01-05T02:00:00", 200), _run(root, "2026-03-01T02:00:00", 100),
                     _run(root, "2026-03-01T02:00:00", 100, files=())],  # …_2: a failed run, left empty
        "new_runs": [_run(root, "2026-08-01T02:00:00", 30), _run(root, "2026-02-10T02:00:00", 200)],
    }
    _age(made["new_runs"][1] / "ranked.xlsx", 5)  # an old run whose workbook HR saved last week: written recently
    latest = _run(root, "2026-04-01T02:00:00", 95)  # the newest *finished* run, though past the age
    (root / "latest.txt").write_text(latest.name + "\n", encoding="utf-8")
    (root / "latest").symlink_to(latest.name, target_is_directory=True)
    not_ours = [cache_dir / "documents" / "aa" / "notes.txt", root / "2025-01-01_000000" / "hr_notes.docx",
                root / "archive" / "old.xlsx", root / "2025-02-01_000000"]
    for path in not_ours[:3]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("HR's own", encoding="utf-8")
        _age(path.parent, 365)
    # A dated link in the root and a link inside an old run, both to old things elsewhere.
    not_ours[3].symlink_to(outside, target_is_directory=True)
    (made["old_runs"][0] / "evidence").symlink_to(outside / "keep.txt")
    _age(made["old_runs"][0], 200)
    _age(not_ours[3], 400)
    return {**made, "latest": latest, "not_ours": not_ours, "outside": outside / "keep.txt",
            "cache": cache_dir, "root": root}


def _present(paths: list[Path]) -> list[bool]:
    return [p.exists() or p.is_symlink() for p in paths]


def test_a_dry_run_lists_the_old_items_and_deletes_nothing(store, capsys):
    before = sorted(p for p in store["root"].parent.rglob("*"))
    code = main(["purge", "--older-than", "90d", "--cache-dir", str(store["cache"]), "--out-root", str(store["root"])])
    out = capsys.readouterr().out
    assert code == 0
    assert sorted(p for p in store["root"].parent.rglob("*")) == before
    listed = [line.split(" ", 4)[4].rsplit(" (", 1)[0] for line in out.splitlines() if line.startswith("would delete: ")]
    assert sorted(listed) == sorted(str(p) for p in store["old_entries"] + store["old_runs"])
    assert "would delete 4 cache entries and 3 run folder(s)" in out and "--yes" in out
    assert f"kept: {store['latest']}: the latest run" in out


def test_yes_deletes_only_the_old_items_and_keeps_the_latest_and_what_is_not_ours(store, capsys):
    code = main(["purge", "--older-than", "90d", "--cache-dir", str(store["cache"]), "--out-root", str(store["root"]), "--yes"])
    out = capsys.readouterr().out
    assert code == 0 and "deleted 4 cache entries and 3 run folder(s)" in out
    assert _present(store["old_entries"] + store["old_runs"]) == [False] * 7
    assert all(_present(store["new_entries"] + store["new_runs"] + [store["latest"]] + store["not_ours"]))
    assert store["outside"].read_text(encoding="utf-8") == "not the screener's", "a link was followed"
    assert (store["root"] / "latest").resolve() == store["latest"].resolve()
    index = (store["root"] / "index.html").read_text(encoding="utf-8")
    assert store["new_runs"][0].name in index and store["old_runs"][0].name not in index
    assert not (store["cache"] / "scores" / "cc").exists(), "an emptied shard folder stays"


def test_the_age_is_measured_in_hours_days_or_weeks(store):
    old, (ten_days, eighty_nine) = store["old_entries"], store["new_entries"]

    def found(age: str) -> set[Path]:
        return {Path(i.path) for i in purge(parse_age(age), store["cache"], now=NOW).items}

    assert found("90d") == set(old)
    assert found("12w") == found("2000h") == {*old, eighty_nine}  # 84 and 83 days
    assert found("95d") == set(old) - {old[1]}  # the 91-day entry is younger than that
    assert found("250h") == {*old, eighty_nine}
    assert found("9d") == {*old, eighty_nine, ten_days}


@pytest.mark.parametrize("age", ["90", "90x", "0d", "-3d", "1.5d", "d", "90 days", ""])
def test_a_bad_age_is_refused_with_exit_2(age, capsys):
    with pytest.raises(SystemExit) as info:
        main(["purge", f"--older-than={age}"])
    assert info.value.code == 2
    assert "not an age such as 90d, 12h or 2w" in capsys.readouterr().err


def test_a_folder_without_the_cache_tag_is_not_purged(tmp_path, capsys):
    lookalike = tmp_path / "downloads"
    entry = _entry(lookalike, "documents", "a", 200)
    assert not (lookalike / cache.CACHEDIR_TAG).exists()
    code = main(["purge", "--older-than", "1d", "--cache-dir", str(lookalike), "--yes"])
    assert code == 0 and entry.exists()
    assert "not a screener cache" in capsys.readouterr().out


def test_serve_retain_is_checked_and_reaches_the_run(tmp_path, capsys):
    args = build_parser().parse_args(["serve", str(tmp_path), "--out-root", str(tmp_path / "out"), "--retain", "90d"])
    params = _screen_parameters(args, paths=[str(tmp_path)], out_root=str(tmp_path / "out"))
    assert params.retain == "90d" and ScreenParameters.model_validate(params.model_dump(mode="json")) == params
    with pytest.raises(SystemExit) as info:
        build_parser().parse_args(["serve", str(tmp_path), "--out-root", str(tmp_path / "out"), "--retain", "ninety"])
    assert info.value.code == 2 and "--retain" in capsys.readouterr().err


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path, follow_symlinks=False).st_mode)


def test_a_run_with_retain_purges_after_itself_and_writes_owner_only(tmp_path):
    root, cache_dir = tmp_path / "new" / "screening", tmp_path / "cache"
    old_run = _run(root, "2026-01-05T02:00:00", 120)
    old_entry = _entry(cache_dir, "documents", "a", 120)
    new_entry = _entry(cache_dir, "documents", "e", 1)
    umask = os.umask(0)  # the most open umask: every mode below comes from the screener, not from it
    try:
        done = screen_batch(ScreenParameters(paths=[str(SAMPLE_RESUMES / "loan_strong_zhang_ceshi.pdf")],
                                             profiles=["loan_account_manager"], reference_date=date(2026, 6, 30),
                                             out_root=str(root), cache_dir=str(cache_dir), retain="90d"))
    finally:
        os.umask(umask)
    run = Path(done.summary.out_dir)
    assert not old_run.exists() and not old_entry.exists() and new_entry.exists()
    assert run.is_dir() and (root / "latest.txt").read_text(encoding="utf-8").strip() == run.name
    made_dirs = [tmp_path / "new", root, run, *(p for p in cache_dir.rglob("*") if p.is_dir())]
    made_files = [root / "latest.txt", root / "index.html", *(p for p in run.rglob("*") if p.is_file()),
                  *(p for p in cache_dir.rglob("*") if p.is_file())]
    assert {"ranked.xlsx", "report.html", "results.parquet", "run.json"} <= {p.name for p in made_files}
    assert any(p.parent.parent.name == "extractions" for p in made_files), "the run wrote no cache entries"
    assert {str(p): _mode(p) for p in made_dirs} == {str(p): 0o700 for p in made_dirs}
    assert {str(p): _mode(p) for p in made_files} == {str(p): 0o600 for p in made_files}
