"""The screening stages for a chunk of résumés, as plain functions with no Prefect import.

Worker processes import only this module, so they never start a Prefect server of their own.
"""

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from datetime import date
from multiprocessing import get_context
from pathlib import Path

from pydantic import BaseModel

from extractors.candidate import extract_candidate
from extractors.models import Candidate, ReadError, SourceInfo
from extractors.reading import read_document
from extractors.terms import term_pipeline
from scoring.profile import JobProfile
from scoring.score import CandidateScore, score_candidate

# Files that are never résumés: editor droppings and OS metadata.
SKIPPED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}
# Below this many files, worker processes cost more to start (imports, jieba) than they save.
MIN_FILES_FOR_PROCESSES = 200


class ChunkResult(BaseModel):
    candidates: list[Candidate] = []
    scores: list[CandidateScore] = []
    errors: list[ReadError] = []


def find_resumes(paths: Iterable[Path]) -> list[Path]:
    """Every file under the given files and folders, recursively, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.name not in SKIPPED_NAMES and not p.name.startswith(("~$", "."))
            )
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def chunked(items: list[Path], size: int) -> list[list[Path]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def chunk_size_for(n_files: int, workers: int) -> int:
    """Tens to hundreds of files per chunk: few task runs, yet enough chunks to keep workers busy."""
    return max(10, min(200, -(-n_files // max(1, workers * 4))))


def screen_chunk(paths: list[Path], profiles: list[JobProfile], reference_date: date | None) -> ChunkResult:
    """Read, extract and score each file; a file that fails at any stage becomes an error row."""
    result = ChunkResult()
    for path in paths:
        document = read_document(path)
        if isinstance(document, ReadError):
            result.errors.append(document)
            continue
        try:
            candidate = extract_candidate(document, reference_date)
        except Exception as exc:  # a bug on one résumé must not stop the batch
            result.errors.append(_stage_error(document.source, "extract", exc))
            continue
        try:
            scores = [score_candidate(candidate, profile) for profile in profiles]
        except Exception as exc:
            result.errors.append(_stage_error(document.source, "score", exc))
            continue
        result.candidates.append(candidate)
        result.scores += scores
    return result


def _stage_error(source: SourceInfo, stage: str, exc: Exception) -> ReadError:
    return ReadError(
        source=source, stage=stage, code=f"{stage}_failed", reason=f"{type(exc).__name__}: {exc}"
    )


def _warm_up() -> None:
    term_pipeline()


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
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"), initializer=_warm_up) as pool:
        yield pool
