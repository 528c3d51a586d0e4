"""Retention: delete cached résumé text and run folders past an age (PIPL art. 19: keep personal
information no longer than the purpose needs). A plain function; ``screener purge`` and the
``screen`` flow (``serve --retain``) call it.

Only what the screener itself wrote is ever deleted, and only what it recognises:

- in a cache folder marked with its CACHEDIR.TAG: entry files named ``<sha256>.<key>.json`` (and
  the ``tmp….tmp`` a killed worker left) in ``documents/``, ``extractions/``, ``scores/`` and
  ``failures/``, by the file's modification time (when it was written: an entry still read every
  night but written long ago goes too, and the résumé is simply read again if it is still in the inbox);
- under an output root: dated run folders (``2026-11-29_020000``, ``…_2``) that hold a finished
  run's record or tables, or nothing (a run that failed), by the newest modification time in them;
  and the hidden folders a killed run left while writing (``.2026-11-29_020000.….tmp``).

The run ``latest`` names is kept whatever its age: HR's bookmark and ``latest.txt`` never point at a
deleted folder (delete it by hand, or it goes once a newer run replaces it). Links are never
followed: a link in the cache or the root is not an entry, and a link inside a run folder is
removed as a link, never what it points to. Anything else is left alone and not listed.
"""

import os
import re
import shutil
import time
from pathlib import Path

from pydantic import BaseModel

from flows import cache, runs

_AGE = re.compile(r"\s*(\d+)\s*([hdw])\s*", re.IGNORECASE)
_UNIT_SECONDS = {"h": 3600, "d": 86400, "w": 7 * 86400}
CACHE_KINDS = ("documents", "extractions", "scores", "failures")
_ENTRY = re.compile(r"[0-9a-f]{64}\.[0-9a-f]{16}\.json|tmp[\w-]+\.tmp")
_SHARD = re.compile(r"[0-9a-f]{2}")
_RUN = re.compile(r"\d{4}-\d{2}-\d{2}_\d{6}(?:_\d+)?")
_STAGE = re.compile(rf"\.{_RUN.pattern}\..+\.tmp")


def parse_age(text: str) -> float:
    """``90d``, ``12h``, ``2w`` → seconds; anything else (no unit, 0, 1.5d, 3m) raises ValueError."""
    match = _AGE.fullmatch(text)
    if match is None or int(match[1]) == 0:
        raise ValueError(f"not an age such as 90d, 12h or 2w (a whole number above 0 and h, d or w): {text!r}")
    return int(match[1]) * _UNIT_SECONDS[match[2].lower()]


class Item(BaseModel):
    """One cache entry or run folder past the age."""

    path: str
    kind: str  # "cache entry", "run folder", "unfinished run"
    age_days: float
    size: int  # bytes, links not followed


class Purge(BaseModel):
    """What a purge found (``deleted``: False for a dry run) and what it kept on purpose."""

    older_than_seconds: float
    deleted: bool
    items: list[Item] = []
    kept: list[str] = []  # e.g. the latest run, though past the age: why, one line each
    failed: list[str] = []  # items that could not be deleted, with the reason

    @property
    def size(self) -> int:
        return sum(i.size for i in self.items)

    def lines(self) -> list[str]:
        """What a person reads: one line per item, then the totals and what was kept."""
        verb = "deleted" if self.deleted else "would delete"
        shown = [f"{verb}: {i.kind} {i.path} ({i.age_days:.0f} days old, {_size(i.size)})" for i in self.items]
        entries = sum(i.kind == "cache entry" for i in self.items)
        folders = len(self.items) - entries
        shown += [f"kept: {k}" for k in self.kept] + [f"not deleted: {f}" for f in self.failed]
        shown.append(f"{verb} {entries} cache entr{'y' if entries == 1 else 'ies'} and {folders} run folder(s), "
                     f"{_size(self.size)}" + ("" if self.deleted else "; run again with --yes to delete them"))
        return shown


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.1f} kB" if n >= 1000 else f"{n} B"


def purge(older_than_seconds: float, cache_dir: Path | None = None, out_roots: list[Path] = [],  # noqa: B006 - never mutated
          delete: bool = False, now: float | None = None) -> Purge:
    """Find (``delete``: and remove) the cache entries under ``cache_dir`` and the run folders under
    each of ``out_roots`` last written more than ``older_than_seconds`` before ``now``."""
    cutoff = (time.time() if now is None else now) - older_than_seconds
    found = Purge(older_than_seconds=older_than_seconds, deleted=delete)
    now_s = cutoff + older_than_seconds
    if cache_dir is not None and cache.is_cache_dir(cache_dir):
        for entry, info in _cache_entries(cache_dir):
            if info.st_mtime < cutoff:
                found.items.append(Item(path=str(entry), kind="cache entry", age_days=(now_s - info.st_mtime) / 86400, size=info.st_size))
    elif cache_dir is not None and cache_dir.exists():
        found.kept.append(f"{cache_dir}: not a screener cache (no {cache.CACHEDIR_TAG} of ours), nothing in it touched")
    for root in out_roots:
        _old_runs(root, cutoff, now_s, found)
    found.items.sort(key=lambda i: (i.kind != "cache entry", i.path))
    if delete:
        _delete(found, cache_dir)
        for root in {Path(i.path).parent for i in found.items if i.kind != "cache entry"}:
            if (root / "latest.txt").is_file():  # the index lists the runs that are left
                runs.write_index(root)
    return found


def _cache_entries(cache_dir: Path) -> list[tuple[Path, os.stat_result]]:
    entries = []
    for kind in CACHE_KINDS:
        for shard in _real_folders(cache_dir / kind):
            if not _SHARD.fullmatch(shard.name):
                continue
            for entry in _scan(shard):
                if _ENTRY.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                    entries.append((Path(entry.path), entry.stat(follow_symlinks=False)))
    return entries


def _scan(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as listing:
            return list(listing)
    except OSError:
        return []


def _real_folders(folder: Path) -> list[Path]:
    if folder.is_symlink() or not folder.is_dir():
        return []
    return [Path(e.path) for e in _scan(folder) if e.is_dir(follow_symlinks=False)]


def _old_runs(root: Path, cutoff: float, now: float, found: Purge) -> None:
    latest = _latest(root)
    for folder in _real_folders(root):
        stage = bool(_STAGE.fullmatch(folder.name))
        if not stage and not (_RUN.fullmatch(folder.name) and _is_run(folder)):
            continue
        newest, size = _newest_and_size(folder)
        if newest >= cutoff:
            continue
        if folder.name == latest:
            found.kept.append(f"{folder}: the latest run ({(now - newest) / 86400:.0f} days old); delete it by hand if it must go")
            continue
        found.items.append(Item(path=str(folder), kind="unfinished run" if stage else "run folder",
                                age_days=(now - newest) / 86400, size=size))


def _latest(root: Path) -> str | None:
    try:
        return (root / "latest.txt").read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def _is_run(folder: Path) -> bool:
    """A finished run (its record or its tables), or an empty folder a failed run left."""
    names = {e.name for e in _scan(folder)}
    return not names or bool(names & {runs.RUN_RECORD, "results.parquet"})


def _newest_and_size(folder: Path) -> tuple[float, int]:
    newest, size = folder.lstat().st_mtime, 0
    for top, folders, files in os.walk(folder):  # os.walk does not follow links by default
        for name in folders + files:
            info = os.lstat(os.path.join(top, name))
            newest = max(newest, info.st_mtime)
            size += info.st_size if name in files else 0
    return newest, size


def _delete(found: Purge, cache_dir: Path | None) -> None:
    kept: list[Item] = []
    for item in found.items:
        path = Path(item.path)
        try:
            if item.kind == "cache entry":
                path.unlink()
            else:
                shutil.rmtree(path)  # removes links inside as links, never their targets
            kept.append(item)
        except FileNotFoundError:
            kept.append(item)  # gone already (another purge): still not there
        except OSError as exc:
            found.failed.append(f"{path}: {exc.strerror or exc}")
    found.items = kept
    if cache_dir is not None:  # shard folders left empty
        for kind in CACHE_KINDS:
            for shard in _real_folders(cache_dir / kind):
                if _SHARD.fullmatch(shard.name):
                    try:
                        shard.rmdir()
                    except OSError:
                        pass  # not empty
