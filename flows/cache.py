"""The incremental-run cache on local disk: read documents, extracted candidates and scores.

No Prefect here: worker processes read and write the cache directly, one small JSON file per
entry, so a run that dies half-way leaves every finished résumé cached and a rerun skips them.
Three layers, each keyed by what its result depends on:

- a read document: the file's sha256 and the extractor code version (a hash of the reader and
  extractor sources and the lexicons and patterns they load), plus the read caps set away from their
  defaults (``ReadLimits.key``): a file refused or cut short under ``--max-chars 1000`` or
  ``--max-pages 2`` is read again by a run with the defaults. Same bytes are never read again.
- an extracted candidate: the same key (caps included), one entry per file whatever the date. 至今/present, ages and
  industry months count to a date the résumé prints (or its PDF or e-mail carries), else to the
  run's date; a candidate counted to a document's date is reused on any day, and one counted to an
  earlier run's date is extracted again from the cached text (about 16 ms a file, no re-reading)
  and its entry replaced, so a nightly run never adds a copy of every candidate.
- a score: the extraction key plus the scoring code version and the profile's content hash, one
  entry per file and profile, reused while the candidate is counted to the same date; a changed
  profile re-scores without re-reading.
- a file that broke a per-file limit (time, memory, a crashed reader): its sha256, the code versions
  and the limits (the read caps too), so a rerun does not feed it to the reader again (flows/isolation.py).
A damaged entry is a miss, never a failure. Each entry starts with a line naming what it was written
for (its layer, the file's sha256 and the key): an entry copied or renamed under another file's name is
a miss, not that file's result, whatever the keys are made of. A cache that cannot be written (a full
disk, a read-only folder, an entry path that is a folder) is not written: the file is screened all the
same, ``write_problem`` says why, and the run warns once (flows/batch.py).
"""

import contextlib
import errno
import hashlib
import json
import os
import tempfile
from datetime import date
from functools import cache
from pathlib import Path

from pydantic import BaseModel

from flows.owner_only import FOLDER_MODE, make_dirs
from job_profiles.profile import JobProfile
from scoring.score import CandidateScore
from screener.models import Candidate, Document, ReadError, SourceInfo, TextLine
from screener.resources import data_path

ROOT = Path(__file__).resolve().parent.parent
ENV_CACHE_DIR = "SCREENER_CACHE_DIR"
# What an extraction depends on besides the file's bytes; samples are inputs, not code.
# The NER model fills gaps in extraction, so a retrained model invalidates cached candidates too.
# The kernel holds the degree, numeral and month rules extraction and scoring read.
KERNEL_SOURCES = [ROOT / "screener" / name for name in ("models.py", "vocabulary.py", "months.py", "privacy.py")]
EXTRACTOR_SOURCES = [ROOT / "extractors", *KERNEL_SOURCES, data_path("lexicons"), data_path("patterns"), data_path("models")]
SCORING_SOURCES = [ROOT / "scoring", *KERNEL_SOURCES, ROOT / "job_profiles" / "profile.py", ROOT / "job_profiles" / "protected.py"]
# "" and ".cfg": a spaCy model folder keeps its weights and config in such files.
_CODE_SUFFIXES = {".py", ".yaml", ".yml", ".txt", ".jsonl", ".json", ".cfg", ""}


def default_cache_dir() -> Path:
    """``$SCREENER_CACHE_DIR``, else the user's cache folder (``~/.cache/resume-screener``)."""
    if env := os.environ.get(ENV_CACHE_DIR):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "resume-screener"


def _hash_sources(sources: list[Path]) -> str:
    digest = hashlib.sha256()
    # Names relative to their source, so a clone and an installed wheel hash alike.
    files = sorted(
        (f.relative_to(s.parent).as_posix(), f) for s in sources for f in ([s] if s.is_file() else s.rglob("*"))
        if f.is_file() and f.suffix in _CODE_SUFFIXES and "__pycache__" not in f.parts
    )
    for name, f in files:
        digest.update(name.encode())
        digest.update(f.read_bytes())
    return digest.hexdigest()[:16]


@cache
def extractor_version() -> str:
    return _hash_sources(EXTRACTOR_SOURCES)


@cache
def scoring_version() -> str:
    return _hash_sources(SCORING_SOURCES)


def profile_hash(profile: JobProfile) -> str:
    return hashlib.sha256(profile.model_dump_json().encode()).hexdigest()[:16]


class _Extraction(BaseModel):
    """A cached candidate with its lines (which normal dumps exclude)."""

    candidate: Candidate
    lines: list[TextLine] = []


class _Score(BaseModel):
    """A cached score and the date its candidate was counted to (``counted_to``)."""

    counted_to: str
    score: CandidateScore


# Dates the document itself carries: a candidate counted to one is the same on any run date.
DOCUMENT_DATES = ("document_text", "pdf_created", "email_sent")


def counted_to(candidate: Candidate) -> str:
    """The date a candidate's months and ages count to, and where it came from."""
    return f"{candidate.reference_date}|{candidate.reference_date_source}"


def fits_run(candidate: Candidate, run_date: date, given: bool) -> bool:
    """The candidate extracted on another run is what this run would extract: counted to a date of
    its own document, or to this run's date taken the same way (``given``: named by the run, not today)."""
    if candidate.reference_date_source in DOCUMENT_DATES:
        return True
    source = "run_option" if given else "today"
    return candidate.reference_date == run_date.isoformat() and candidate.reference_date_source == source


class _Read(BaseModel):
    document: Document | None = None
    error: ReadError | None = None


# The Cache Directory Tagging Specification (bford.info/cachedir): backup tools skip a folder holding
# this file, and so does the screener when the cache sits inside a folder it screens.
CACHEDIR_TAG = "CACHEDIR.TAG"
CACHEDIR_SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55"


def tag_cache_dir(cache_dir: Path) -> None:
    """Mark the cache folder (made owner-only if missing); a cache an older version left readable to
    others is closed to them too, as it holds résumés' text."""
    tag = cache_dir / CACHEDIR_TAG
    if not tag.is_file():
        _write_atomic(tag, f"{CACHEDIR_SIGNATURE}\n# This file marks the resume-screener cache (safe to delete with the folder).\n")
    try:
        if is_cache_dir(cache_dir) and cache_dir.stat().st_mode & 0o777 != FOLDER_MODE:
            cache_dir.chmod(FOLDER_MODE)
    except OSError:
        pass  # not ours to change (another owner): the entries themselves are still 0600


def is_cache_dir(folder: Path) -> bool:
    try:
        return (folder / CACHEDIR_TAG).read_text(encoding="utf-8", errors="replace").startswith(CACHEDIR_SIGNATURE)
    except OSError:
        return False


def _entry(cache_dir: Path, kind: str, sha256: str, key: str) -> Path:
    return cache_dir / kind / sha256[:2] / f"{sha256}.{key}.json"


def _write_atomic(path: Path, text: str) -> None:
    # Several worker processes may write the same entry: write aside, then rename over.
    # mkstemp makes the file 0600 whatever the umask; the folders are made owner-only.
    make_dirs(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)  # a full disk must not also leave half an entry behind
        raise


# Why this process could not write an entry (the first time), and whether it stopped trying.
_write_problem: str | None = None
_stopped = False
# Errors that say the whole cache cannot be written, not one entry: stop trying after the first.
_CACHE_WIDE = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}


def write_problem() -> str | None:
    return _write_problem


def _stamp(kind: str, sha256: str, key: str) -> str:
    return json.dumps({"kind": kind, "sha256": sha256, "key": key}, sort_keys=True)


def _save(cache_dir: Path, kind: str, sha256: str, key: str, payload: str) -> None:
    """Write an entry: its stamp line, then ``payload``. Never raises: a cache is an optimisation."""
    global _write_problem, _stopped
    if _stopped:
        return
    try:
        _write_atomic(_entry(cache_dir, kind, sha256, key), f"{_stamp(kind, sha256, key)}\n{payload}")
    except OSError as exc:
        why = f"{exc.strerror or type(exc).__name__} ({exc.filename or cache_dir})"
        _write_problem = _write_problem or why
        # One entry's trouble (its path is a folder) leaves only that entry uncached.
        _stopped = exc.errno in _CACHE_WIDE


def _load(cache_dir: Path, kind: str, sha256: str, key: str) -> str | None:
    """An entry's payload, or None when it is missing, unreadable, or stamped for anything else."""
    try:
        text = _entry(cache_dir, kind, sha256, key).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    stamp, _, payload = text.partition("\n")
    return payload if stamp == _stamp(kind, sha256, key) else None


def _at(source: SourceInfo, path: Path) -> SourceInfo:
    # The same bytes may sit at another path this time; the tables must name this run's file.
    return source.model_copy(update={"path": str(path)})


def _key(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def extraction_key(caps: str = "") -> str:
    """The file's content (the entry's sha256), the extraction code and the read caps set away from
    their defaults (``caps``, "" for none): never the run's date."""
    return _key(extractor_version(), caps) if caps else _key(extractor_version())


def document_key(caps: str = "") -> str:
    """A read document's key: the reading code, and the caps it was read under ("" for the defaults)."""
    return _key(extractor_version(), caps) if caps else extractor_version()


def load_document(cache_dir: Path, sha256: str, path: Path, caps: str = "") -> Document | ReadError | None:
    text = _load(cache_dir, "documents", sha256, document_key(caps))
    try:
        entry = _Read.model_validate_json(text) if text else None
    except ValueError:
        return None
    found = entry and (entry.document or entry.error)
    return found.model_copy(update={"source": _at(found.source, path)}) if found else None


def save_document(cache_dir: Path, sha256: str, read: Document | ReadError, caps: str = "") -> None:
    entry = _Read(error=read) if isinstance(read, ReadError) else _Read(document=read)
    _save(cache_dir, "documents", sha256, document_key(caps), entry.model_dump_json())


def load_extraction(cache_dir: Path, sha256: str, key: str, path: Path, run_date: date, given: bool) -> Candidate | None:
    """The cached candidate, if it is what this run would extract (``fits_run``)."""
    text = _load(cache_dir, "extractions", sha256, key)
    try:
        entry = _Extraction.model_validate_json(text) if text else None
    except ValueError:
        return None
    if entry is None or not fits_run(entry.candidate, run_date, given):
        return None
    return entry.candidate.model_copy(update={"source": _at(entry.candidate.source, path), "lines": entry.lines})


def save_extraction(cache_dir: Path, sha256: str, key: str, candidate: Candidate) -> None:
    entry = _Extraction(candidate=candidate, lines=candidate.lines)
    _save(cache_dir, "extractions", sha256, key, entry.model_dump_json())


def score_key(profile: JobProfile, caps: str = "") -> str:
    return _key(extraction_key(caps), scoring_version(), profile_hash(profile))


def load_score(cache_dir: Path, sha256: str, key: str, path: Path, candidate: Candidate) -> CandidateScore | None:
    """The cached score, if it was computed for the candidate counted to the same date."""
    text = _load(cache_dir, "scores", sha256, key)
    if text is None:
        return None
    try:
        entry = _Score.model_validate_json(text)
    except ValueError:
        return None
    if entry.counted_to != counted_to(candidate):
        return None
    return entry.score.model_copy(update={"source_path": str(path)})


def save_score(cache_dir: Path, sha256: str, key: str, score: CandidateScore, candidate: Candidate) -> None:
    _save(cache_dir, "scores", sha256, key, _Score(counted_to=counted_to(candidate), score=score).model_dump_json())


def failure_key(limits: str) -> str:
    """The key of a file that broke the per-file limits (``limits`` names them, the read caps too):
    the same bytes are not tried again by the same reading, extraction and scoring code under the
    same limits, while new code or another limit tries them afresh."""
    return _key(extractor_version(), scoring_version(), limits)


def load_failure(cache_dir: Path, sha256: str, key: str, path: Path) -> ReadError | None:
    text = _load(cache_dir, "failures", sha256, key)
    try:
        error = ReadError.model_validate_json(text) if text else None
    except ValueError:
        return None
    return error.model_copy(update={"source": _at(error.source, path)}) if error else None


def save_failure(cache_dir: Path, sha256: str, key: str, error: ReadError) -> None:
    _save(cache_dir, "failures", sha256, key, error.model_dump_json())
