"""File names that carry contact details (张三_13800000000.pdf, cv_x@example.com.docx), masked.

The tables, the workbook, the report and the Prefect artifacts all name each file by its path, so
the path is masked once, before any of them is built: every output then shows the same masked name.
Two files whose names differ only in a masked phone get " (2)", " (3)"… so each keeps its own row.
"""

from typing import TypeVar

from scoring.score import CandidateScore
from screener.models import Candidate, ReadError
from screener.privacy import mask_contact_details


def masked_paths(paths: list[str], mask: str) -> dict[str, str]:
    """Each path → the path with its contact details masked, distinct paths kept distinct."""
    shown: dict[str, str] = {}
    taken: set[str] = set()
    real = set(paths)  # a masked name must not take another file's real one either
    for path in sorted(real):
        # The extension kept apart: "x@example.com.txt" is a file name, not a ".txt" e-mail domain.
        stem, dot, extension = path.rpartition(".")
        if not dot or not extension.isalnum() or len(extension) > 5:
            stem, dot, extension = path, "", ""
        hidden = mask_contact_details(stem, mask)
        masked = hidden + dot + extension
        n = 1
        while masked != path and (masked in taken or masked in real):
            n += 1
            masked = f"{hidden} ({n}){dot}{extension}"
        taken.add(masked)
        shown[path] = masked
    return shown


Sourced = TypeVar("Sourced", Candidate, ReadError)


def _at(item: Sourced, path: str) -> Sourced:
    return item.model_copy(update={"source": item.source.model_copy(update={"path": path})})


def without_contact_paths(
    people: list[Candidate], scores: list[CandidateScore], errors: list[ReadError], mask: str
) -> tuple[list[Candidate], list[CandidateScore], list[ReadError]]:
    """The candidates, scores and error rows with contact details masked in their file paths."""
    paths = [c.source.path for c in people] + [s.source_path for s in scores] + [e.source.path for e in errors]
    return with_paths(people, scores, errors, masked_paths(paths, mask))


def with_paths(
    people: list[Candidate], scores: list[CandidateScore], errors: list[ReadError], shown: dict[str, str]
) -> tuple[list[Candidate], list[CandidateScore], list[ReadError]]:
    """The candidates, scores and error rows under their paths in ``shown`` (``masked_paths`` of every
    path of the run, so that a run can mask its résumés a batch at a time)."""
    if all(shown[p] == p for p in shown):
        return people, scores, errors
    return (
        [_at(c, shown[c.source.path]) for c in people],
        [s.model_copy(update={"source_path": shown[s.source_path]}) for s in scores],
        [_at(e, shown[e.source.path]) for e in errors],
    )
