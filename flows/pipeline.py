"""The screening stages for a chunk of résumés, as plain functions with no Prefect import.

Worker processes import only this module, so they never start a Prefect server of their own.
"""

import errno
import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from multiprocessing import get_context
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from extractors.fields.candidate import extract_candidate
from extractors.fields.resume_or_not import not_a_resume_reason
from extractors.fields.terms import term_pipeline
from extractors.readers.document import ReadSettings, read_bytes
from extractors.readers.limits import ReadLimits
from flows import cache
from job_profiles.profile import JobProfile
from scoring.score import CandidateScore, ScoringPlan, prepare_profiles, score_candidates
from screener.models import Candidate, Document, ReadError, SourceInfo

# Files that are never résumés: editor droppings and OS metadata.
SKIPPED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}
# Folders of the same kind: hidden ones (.git, .Trash-1000) and the AppleDouble copies a Mac leaves
# in a zip it made (__MACOSX/._简历.pdf).
SKIPPED_FOLDERS = {"__MACOSX", "$RECYCLE.BIN", "System Volume Information"}
DEFAULT_LIMITS = ReadLimits()  # the readers' caps at their defaults
# Below this many files, worker processes cost more to start (imports, jieba) than they save.
MIN_FILES_FOR_PROCESSES = 200


class ChunkResult(BaseModel):
    candidates: list[Candidate] = []
    scores: list[CandidateScore] = []
    errors: list[ReadError] = []
    # Counts for logs and the run summary: files parsed now, files taken from the cache.
    read: int = 0
    reused: int = 0
    scored: int = 0
    scores_reused: int = 0
    # Why the cache could not be written ("" when it could): the run warns once and goes on without it.
    cache_problem: str = ""


# A folder holding both is a screener run's output (its tables, report and workbook), not résumés.
OUTPUT_MARKERS = ("results.parquet", "candidates.parquet")


def is_output_folder(folder: Path) -> bool:
    return all((folder / name).is_file() for name in OUTPUT_MARKERS)


def is_output_root(folder: Path) -> bool:
    """An --out-root: its latest.txt names a run folder under it (flows/runs.py)."""
    latest = folder / "latest.txt"
    try:
        return latest.is_file() and is_output_folder(folder / latest.read_text(encoding="utf-8").strip())
    except (OSError, UnicodeDecodeError):
        return False


def find_resumes(paths: Iterable[Path], leave_out: Iterable[Path] = (), follow_links: bool = False) -> list[Path]:
    """The files ``find_inputs`` would screen."""
    return find_inputs(paths, leave_out, follow_links).files


class Inputs(BaseModel):
    """What a run was given: the files to screen, and a row for each path that is not one."""

    files: list[Path] = []
    errors: list[ReadError] = []


@dataclass
class _Entry:
    path: Path
    code: str = ""  # "": a file to screen; else why not
    reason: str = ""
    key: tuple[int, int] = (0, 0)  # device and inode: one file reached by two paths is screened once
    link: bool = False


def find_inputs(paths: Iterable[Path], leave_out: Iterable[Path] = (), follow_links: bool = False) -> Inputs:
    """Every file under the given files and folders, recursively, in a stable order, and an error
    row for every other path found: FIFOs, sockets and devices (never opened: a FIFO would block),
    dangling links, link loops, links leaving the screened folder (followed only with
    ``follow_links``), folders that cannot be listed, and a second path to a file already screened.

    Under a folder, the run's own output and cache folders (``leave_out``) and any earlier screener
    output or tagged cache are left out: a nightly run writing inside the folder it screens would
    otherwise screen its own tables the next night. So are hidden files and folders and what an OS
    or editor leaves (``SKIPPED_NAMES``, ``SKIPPED_FOLDERS``). A file named on its own is always screened.
    """
    skip = {p.resolve() for p in leave_out}
    entries: list[_Entry] = []
    for path in paths:
        entries += _walk(path, skip, follow_links) if path.is_dir() else [_named(path)]
    return _once(entries)


def _named(path: Path, link: bool = False) -> _Entry:
    """A file (or what a link leads to), never opened."""
    try:
        info = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return _Entry(path, "link_loop", "a link that leads back to itself: nothing to read")
        if os.path.islink(path):
            return _Entry(path, "dangling_link", f"a link to {shown_path(Path(os.readlink(path)))}, which does not exist")
        return _Entry(path, "unreadable_file", f"cannot open the file ({exc.strerror or exc})")
    if not stat.S_ISREG(info.st_mode):
        return _Entry(path, SPECIAL_FILE, f"{special_kind(info.st_mode)}, not a file: not read")
    return _Entry(path, key=(info.st_dev, info.st_ino), link=link or os.path.islink(path))


def _screener_folder(folder: Path, names: set[str]) -> bool:
    """An earlier run's output, an --out-root, or a tagged cache: recognised by the file that marks each."""
    markers = {OUTPUT_MARKERS[0]: is_output_folder, "latest.txt": is_output_root, cache.CACHEDIR_TAG: cache.is_cache_dir}
    return any(name in names and recognise(folder) for name, recognise in markers.items())


def _walk(root: Path, skip: set[Path], follow_links: bool) -> list[_Entry]:
    inside = root.resolve()
    found: list[_Entry] = []
    walked: set[tuple[int, int]] = set()  # folders already walked: a loop of followed links ends
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            info = os.stat(folder)
            children = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            found.append(_Entry(folder, "unreadable_folder", f"cannot list the folder ({exc.strerror or exc})"))
            continue
        if (info.st_dev, info.st_ino) in walked or folder.resolve() in skip or _screener_folder(folder, {e.name for e in children}):
            continue
        walked.add((info.st_dev, info.st_ino))
        for child in children:
            path = Path(child.path)
            if child.is_dir(follow_symlinks=False):
                if not child.name.startswith(".") and child.name not in SKIPPED_FOLDERS:
                    folders.append(path)
            elif child.name in SKIPPED_NAMES or child.name.startswith(("~$", ".")):
                continue
            elif child.is_symlink():
                target = Path(os.path.realpath(path))
                leaves = target != inside and inside not in target.parents
                if leaves and not follow_links and os.path.exists(path):
                    found.append(_Entry(path, "outside_folder", f"a link to {shown_path(target)}, outside the folder "
                                                                "screened: not followed (--follow-links follows it)"))
                elif target.is_dir():
                    if leaves:  # followed: a folder inside is screened by its own path anyway
                        folders.append(path)
                else:
                    found.append(_named(path, link=True))
            else:
                found.append(_named(path))
    return sorted(found, key=lambda e: e.path)


def _once(entries: list[_Entry]) -> Inputs:
    """Each file once, by the first path that is not a link when it has one; a row for each other path."""
    unique: dict[Path, _Entry] = {}
    for entry in entries:
        unique.setdefault(entry.path, entry)  # a path named twice is one path
    entries = list(unique.values())
    kept: dict[tuple[int, int], _Entry] = {}
    for entry in sorted((e for e in entries if not e.code), key=lambda e: e.link):  # stable: first path first
        kept.setdefault(entry.key, entry)
    inputs = Inputs()
    for entry in entries:
        if not entry.code and kept[entry.key] is entry:
            inputs.files.append(entry.path)
            continue
        code, reason = (entry.code, entry.reason) if entry.code else (
            "same_file", f"the same file as {shown_path(kept[entry.key].path)}: screened once, there")
        inputs.errors.append(ReadError(source=SourceInfo(path=shown_path(entry.path), sha256="", format="unknown"),
                                       code=code, reason=reason))
    return inputs


def chunked(items: list[Path], size: int) -> list[list[Path]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def chunk_size_for(n_files: int, workers: int) -> int:
    """Tens to hundreds of files per chunk: few task runs, yet enough chunks to keep workers busy."""
    return max(10, min(200, -(-n_files // max(1, workers * 4))))


def screen_chunk(
    paths: list[Path],
    profiles: list[JobProfile],
    reference_date: date | None,
    cache_dir: Path | None = None,
    on_file: Callable[[bool], None] | None = None,
    read_limits: ReadLimits | None = None,
) -> ChunkResult:
    """Read, extract and score each file; a file that fails at any stage becomes an error row.

    With ``cache_dir``, a file whose bytes were extracted before by the same code is not read again,
    and a score already computed for the same profile content and reference date is reused. Each
    file is cached as soon as it is done, so a rerun after a crash skips the finished ones.
    ``read_limits``: the readers' caps (default: their defaults).
    """
    result = ChunkResult()
    for path in paths:
        read_before = result.read
        screen_file(path, profiles, reference_date, cache_dir, result=result, read_limits=read_limits)
        if on_file is not None:
            on_file(result.read > read_before)  # True: parsed now; False: from the cache
    return result


def screen_file(
    path: Path,
    profiles: list[JobProfile],
    reference_date: date | None,
    cache_dir: Path | None = None,
    failure_key: str | None = None,
    on_hash: Callable[[str], None] | None = None,
    result: ChunkResult | None = None,
    read_limits: ReadLimits | None = None,
) -> ChunkResult:
    """One file read, extracted and scored into ``result`` (a new one by default), its reader held
    to ``read_limits`` (the caps' defaults when None).

    ``failure_key``: the key under which this run's limits remember files that broke them
    (flows/isolation.py); such a file is not tried again. ``on_hash`` hears the file's sha256 before
    it is parsed, so the process watching this one can remember the file if parsing kills it.
    """
    result = ChunkResult() if result is None else result
    try:
        _screen_file(path, profiles, reference_date, cache_dir, result, failure_key, on_hash, read_limits or DEFAULT_LIMITS)
    except MemoryError:
        # Only this file's objects were being built: they are garbage now, and the batch goes on.
        result.errors.append(ReadError(
            source=SourceInfo(path=shown_path(path), sha256="", format="unknown"), code=OUT_OF_MEMORY,
            reason="reading this file needed more memory than a file may use (--file-memory)",
        ))
    result.cache_problem = result.cache_problem or cache.write_problem() or ""
    return result


OUT_OF_MEMORY = "out_of_memory"


def shown_path(path: Path) -> str:
    """The path as tables, caches and logs can hold it: a name that is not valid UTF-8 (a GBK name
    a Windows zip left) has its undecodable bytes written as ``\\xNN`` instead of failing every writer."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def max_file_bytes() -> int:
    return ReadSettings().max_bytes


def _bytes_of(path: Path, shown: str) -> bytes | ReadError:
    """The file's bytes, its size checked before any is read: an 8 GB file is refused, not loaded."""
    def error(code: str, reason: str) -> ReadError:
        return ReadError(source=SourceInfo(path=shown, sha256="", format="unknown"), code=code, reason=reason)

    limit = max_file_bytes()
    try:
        info = os.stat(path)  # follows a link; never opens, so a FIFO cannot block the run
        if not stat.S_ISREG(info.st_mode):
            return error(SPECIAL_FILE, f"{special_kind(info.st_mode)}, not a file: not read")
        if info.st_size > limit:
            return error("too_large", f"file is {info.st_size // 2**20} MB, over the {limit // 2**20} MB limit")
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)  # a file growing while read is cut, not followed
    except OSError as exc:
        return error("unreadable_file", f"cannot open the file ({exc.strerror or exc})")
    if len(data) > limit:
        return error("too_large", f"file grew past the {limit // 2**20} MB limit while being read")
    return data


SPECIAL_FILE = "special_file"


def special_kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder"))
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def _read(
    path: Path, data: bytes, cache_dir: Path | None, sha256: str, result: ChunkResult, read_limits: ReadLimits
) -> Document | ReadError:
    caps = read_limits.key()  # a file refused under a lower cap is read again under the default
    if cache_dir and (hit := cache.load_document(cache_dir, sha256, path, caps)) is not None:
        result.reused += 1
        return hit
    result.read += 1
    document = read_bytes(data, str(path), ReadSettings(**read_limits.model_dump()))
    if isinstance(document, ReadError) and "MemoryError" in document.reason:
        # The limit's doing (a reader may report it as a damaged file), not the content's: never
        # cached as the file's read, and reported as what it is.
        raise MemoryError(document.reason)
    if cache_dir and sha256 == document.source.sha256:
        cache.save_document(cache_dir, sha256, document, caps)
    return document


def _extract(
    path: Path, reference_date: date | None, run_date: date, cache_dir: Path | None, result: ChunkResult,
    failure_key: str | None = None, on_hash: Callable[[str], None] | None = None, read_limits: ReadLimits = DEFAULT_LIMITS,
) -> Candidate | ReadError:
    shown = shown_path(path)
    data = _bytes_of(path, shown)
    if isinstance(data, ReadError):
        return data
    sha256 = hashlib.sha256(data).hexdigest()
    if on_hash is not None:
        on_hash(sha256)
    if cache_dir and failure_key and (failed := cache.load_failure(cache_dir, sha256, failure_key, Path(shown))) is not None:
        result.reused += 1
        return failed
    key = cache.extraction_key(read_limits.key())
    if cache_dir and (hit := cache.load_extraction(cache_dir, sha256, key, Path(shown), run_date, reference_date is not None)) is not None:
        result.reused += 1
        return hit
    document = _read(Path(shown), data, cache_dir, sha256, result, read_limits)
    if isinstance(document, ReadError):
        return document
    try:
        candidate = extract_candidate(document, reference_date, today=run_date)
    except MemoryError:
        raise
    except Exception as exc:  # a bug on one résumé must not stop the batch; not cached, so retried
        return _stage_error(document.source, "extract", exc)
    if cache_dir and sha256:
        cache.save_extraction(cache_dir, sha256, key, candidate)
    return candidate


def _scores(
    candidate: Candidate, profiles: list[JobProfile], cache_dir: Path | None, result: ChunkResult, caps: str = ""
) -> list[CandidateScore]:
    """The candidate against each profile: cached scores reused, the rest in one batched call
    (measured on 50 real résumés × 6 profiles: 4.6 ms a résumé, against 9.0 ms profile by profile)."""
    sha256, path = candidate.source.sha256, Path(candidate.source.path)
    keys = [cache.score_key(profile, caps) for profile in profiles] if cache_dir else []
    found: list[CandidateScore | None] = [None] * len(profiles)
    if cache_dir:
        found = [cache.load_score(cache_dir, sha256, key, path, candidate) for key in keys]
    missing = [i for i, score in enumerate(found) if score is None]
    result.scores_reused += len(profiles) - len(missing)
    if missing:
        fresh = score_candidates([candidate], _plan([profiles[i] for i in missing]))[0]
        result.scored += len(missing)
        for i, score in zip(missing, fresh, strict=True):
            found[i] = score
            if cache_dir:
                cache.save_score(cache_dir, sha256, keys[i], score, candidate)
    return [score for score in found if score is not None]


# Scoring plans by the profiles' content: a run prepares its profiles once per worker, not per file.
_PLANS: dict[tuple[str, ...], ScoringPlan] = {}


def _plan(profiles: list[JobProfile]) -> ScoringPlan:
    key = tuple(profile.model_dump_json() for profile in profiles)
    if (plan := _PLANS.get(key)) is None:
        if len(_PLANS) >= 16:
            _PLANS.clear()
        plan = _PLANS[key] = prepare_profiles(profiles)
    return plan


def _screen_file(
    path: Path, profiles: list[JobProfile], reference_date: date | None, cache_dir: Path | None, result: ChunkResult,
    failure_key: str | None = None, on_hash: Callable[[str], None] | None = None, read_limits: ReadLimits = DEFAULT_LIMITS,
) -> None:
    # The date the extraction counts to when the résumé prints none; fixed per file so the cache
    # key and the extraction agree even across midnight.
    run_date = reference_date or date.today()
    extracted = _extract(path, reference_date, run_date, cache_dir, result, failure_key, on_hash, read_limits)
    if isinstance(extracted, ReadError):
        result.errors.append(extracted)
        return
    if reason := not_a_resume_reason(extracted):  # a README or an advert in the inbox is not ranked
        result.errors.append(ReadError(source=extracted.source, stage="extract", code="not_a_resume", reason=reason))
        return
    try:
        scores = _scores(extracted, profiles, cache_dir, result, read_limits.key())
    except MemoryError:
        raise
    except Exception as exc:
        result.errors.append(_stage_error(extracted.source, "score", exc))
        return
    result.candidates.append(extracted)
    result.scores += scores


def _stage_error(source: SourceInfo, stage: Literal["read", "extract", "score"], exc: Exception) -> ReadError:
    return ReadError(
        source=source, stage=stage, code=f"{stage}_failed", reason=f"{type(exc).__name__}: {exc}"
    )


def _warm_up() -> None:
    term_pipeline()


_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def default_workers(n_files: int) -> int:
    return 1 if n_files < MIN_FILES_FOR_PROCESSES else max(1, os.cpu_count() or 1)


@contextmanager
def worker_pool(workers: int) -> Iterator[Executor | None]:
    """Worker processes for CPU-bound parsing, or None to work in this process.

    Started with "spawn" so a child inherits no threads or Prefect client state from the flow.
    """
    if workers <= 1:
        yield None
        return
    # One BLAS/OpenMP thread per worker: N workers each starting N math threads fight over N cores
    # (measured: two workers ran slower than one process until this was set).
    with environment(dict.fromkeys(_THREAD_VARS, "1")):
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"), initializer=_warm_up) as pool:
            yield pool


@contextmanager
def environment(values: dict[str, str]) -> Iterator[None]:
    """Set environment variables while child processes start (they inherit them), then restore them."""
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
