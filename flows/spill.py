"""Each candidate's text lines on disk while a run goes on, not in memory.

A run keeps every candidate for its tables, but the lines (half of a candidate's memory) serve only
the report's detailed rows, the first few of each profile's ranking. So the lines are written to one
file as each result arrives and read back for those rows alone: 10,000 résumés no longer hold every
line of every résumé until the tables are written. No Prefect here.
"""

import tempfile
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from pydantic import TypeAdapter

from flows import pipeline
from screener.models import Candidate, TextLine

_LINES = TypeAdapter(list[TextLine])


class LineStore:
    """Append-only file of lines, by the candidate's file content: ``take`` moves them out of a result, ``restore`` back in."""

    def __init__(self, folder: Path | None = None) -> None:
        self._file = tempfile.TemporaryFile(prefix="screener-lines-", dir=folder)  # gone when closed, or if the run dies
        # By the file's sha256: the same bytes give the same lines, and the tables may hold copies of a
        # candidate (masked paths, blind codes) that no longer share its identity.
        self._where: dict[str, tuple[int, int]] = {}  # sha256: (offset, length)

    def __enter__(self) -> "LineStore":
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self._file.close()

    def take(self, result: pipeline.ChunkResult) -> None:
        for candidate in result.candidates:
            data = _LINES.dump_json(candidate.lines)
            self._file.seek(0, 2)
            self._where[candidate.source.sha256] = (self._file.tell(), len(data))
            self._file.write(data)
            candidate.lines = []

    def restore(self, candidates: Iterable[Candidate]) -> None:
        for candidate in candidates:
            if (where := self._where.get(candidate.source.sha256)) is not None:
                self._file.seek(where[0])
                candidate.lines = _LINES.validate_json(self._file.read(where[1]))
