"""Each file's candidates and scores on disk while a run goes on, not in memory.

The tables need every candidate and score once, as rows; the lines (half of a candidate's memory)
serve only the report's detailed rows, the first few of each profile's ranking. So as each result
arrives its candidates and scores are written to one file, the lines apart, and read back a batch
at a time to build the tables (flows/batch.py), the lines for those detailed rows alone: a run of
10,000 résumés holds their rows, not their objects (measured at 2,000: 445 MB of objects held before
the tables were built). No Prefect here.
"""

import json
import pickle
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import NamedTuple

import polars as pl
from pydantic import TypeAdapter

from flows import pipeline
from scoring.score import CandidateScore
from screener.models import Candidate, TextLine

_LINES = TypeAdapter(list[TextLine])


class _Taken(NamedTuple):
    """Where a taken result's candidates and scores are in the file, and its keys in ``_keys``."""

    result: pipeline.ChunkResult  # held, so its id stays its own
    offset: int
    length: int
    keys_at: int
    keys_length: int


class LineStore:
    """Append-only file of lines, by the candidate's file content: ``take`` moves them out of a result, ``restore`` back in."""

    def __init__(self, folder: Path | None = None) -> None:
        self._file = tempfile.TemporaryFile(prefix="screener-lines-", dir=folder)  # gone when closed, or if the run dies
        # By the file's sha256: the same bytes give the same lines, and the tables may hold copies of a
        # candidate (masked paths, blind codes) that no longer share its identity.
        self._where: dict[str, tuple[int, int]] = {}  # sha256: (offset, length)
        # A result taken: where its candidates and scores are, and where in ``_keys`` its candidates'
        # (path, sha256, name) and its scores' paths are.
        self._taken: dict[int, _Taken] = {}
        # One buffer, not three small strings a candidate: strings kept among the freed objects of
        # each result would keep their memory resident.
        self._keys = bytearray()

    def __enter__(self) -> "LineStore":
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self._file.close()

    def take(self, result: pipeline.ChunkResult) -> None:
        """Move the result's candidates (lines apart) and scores to disk; it keeps its errors and counts."""
        for candidate in result.candidates:
            data = _LINES.dump_json(candidate.lines)
            self._file.seek(0, 2)
            self._where[candidate.source.sha256] = (self._file.tell(), len(data))
            self._file.write(data)
            candidate.lines = []
        if result.candidates or result.scores:
            # Our own file, read back by this process only: pickle is exact and several times faster than JSON.
            data = pickle.dumps((result.candidates, result.scores), protocol=pickle.HIGHEST_PROTOCOL)
            keys = json.dumps([[(c.source.path, c.source.sha256, c.name) for c in result.candidates],
                               sorted({s.source_path for s in result.scores})]).encode()
            self._file.seek(0, 2)
            self._taken[id(result)] = _Taken(result, self._file.tell(), len(data), len(self._keys), len(keys))
            self._file.write(data)
            self._keys += keys
            result.candidates, result.scores = [], []

    def known(self, results: Iterable[pipeline.ChunkResult]) -> Iterator[tuple[list[tuple[str, str, str | None]], list[str]]]:
        """Each result's candidates' (source_path, sha256, name) and its scores' paths, in the results' order."""
        for result in results:
            taken = self._taken_of(result)
            if taken is None:
                yield [(c.source.path, c.source.sha256, c.name) for c in result.candidates], [s.source_path for s in result.scores]
                continue
            people, scored = self._keys_of(taken)
            yield [(path, sha, name) for path, sha, name in people], scored

    def screened(
        self, results: Iterable[pipeline.ChunkResult], paths: set[str] | None = None
    ) -> Iterator[tuple[list[Candidate], list[CandidateScore]]]:
        """Each result's candidates (their lines left on disk) and scores, in the results' order;
        with ``paths``, of the results taken only those that hold a candidate of one of these paths."""
        for result in results:
            taken = self._taken_of(result)
            if taken is None:
                yield result.candidates, result.scores
                continue
            if paths is not None and not any(person[0] in paths for person in self._keys_of(taken)[0]):
                continue
            self._file.seek(taken.offset)
            candidates, scores = pickle.loads(self._file.read(taken.length))
            yield candidates, scores

    def _taken_of(self, result: pipeline.ChunkResult) -> _Taken | None:
        """The record of ``result`` if this store took it (an id reused by another object is not it)."""
        taken = self._taken.get(id(result))
        return taken if taken is not None and taken.result is result else None

    def _keys_of(self, taken: _Taken) -> tuple[list[list[str]], list[str]]:
        people, scored = json.loads(self._keys[taken.keys_at : taken.keys_at + taken.keys_length])
        return people, scored

    def restore(self, candidates: Iterable[Candidate]) -> None:
        for candidate in candidates:
            if (where := self._where.get(candidate.source.sha256)) is not None:
                self._file.seek(where[0])
                candidate.lines = _LINES.validate_json(self._file.read(where[1]))


class FrameParts:
    """Frames written to disk as they are made, read back as one: a run builds its tables a batch of
    candidates at a time, and 80 small frames held in memory kept 480 MB resident for 34 MB of rows
    (2,000 résumés; the allocator cannot give back what the small frames pin), written out 30 MB."""

    def __init__(self, schema: pl.Schema) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="screener-tables-")  # gone when closed, or at exit
        self._schema = schema
        self._parts: list[Path] = []

    def __enter__(self) -> "FrameParts":
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self._folder.cleanup()

    def add(self, frame: pl.DataFrame) -> None:
        path = Path(self._folder.name) / f"{len(self._parts):06d}.arrow"
        frame.write_ipc(path)
        self._parts.append(path)

    def frame(self) -> pl.DataFrame:
        """Every frame added, in order, as one (an empty frame of the schema when none was)."""
        if not self._parts:
            return pl.DataFrame(schema=self._schema)
        return pl.scan_ipc(self._parts).collect()  # measured: 90 MB less at its peak than concatenating the parts read
