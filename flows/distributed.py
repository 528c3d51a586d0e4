"""Past one machine: a run's files screened in chunks by Prefect work-pool workers on other machines.

The run (``screener run --engine URL``) finds the files and cuts them into chunks; each chunk is a
run of the ``screen-chunk`` deployment on a process work pool, which any ``screener worker``
(``prefect worker start``) polling that pool picks up. A chunk run screens its files with the same
per-file isolation as a local run (flows/isolation.py) and writes its results to one file in a
folder every machine sees (``shared``); the run merges the files by chunk number, so a chunk that
lands twice (a run thought dead that was not) counts once, and a chunk that never lands is retried.

A chunk run touches ``<chunk>.alive`` every few seconds while it works. A worker killed mid-chunk
(machine lost, kill -9) leaves its run "Running" on the server for ever; once its heartbeat is older
than the lease (or, before any heartbeat, once it has been starting for ``STARTUP_GRACE_SECONDS``)
the run is marked Crashed and the chunk submitted again, up to ``ATTEMPTS`` times.
Every machine needs the same package version, and the same absolute paths to the files screened,
the output folder and the cache folder (a shared mount).
No ``from __future__ import annotations`` here (see flows/screen.py).
"""

import logging
import os
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prefect import flow, get_client
from prefect.client.schemas.actions import WorkPoolCreate
from prefect.deployments import run_deployment
from prefect.deployments.runner import EntrypointType
from prefect.exceptions import ObjectAlreadyExists
from prefect.states import Crashed
from pydantic import BaseModel

from flows import isolation, pipeline
from flows.progress import NoProgress, Progress
from flows.spill import LineStore
from screener.models import TextLine

CHUNK_FLOW = "screen-chunk"
DEFAULT_POOL = "screener"
# A chunk run starts a Python process, imports Prefect and loads the models (10-20 s on two busy
# cores) before its first heartbeat: the lease must outlast that.
DEFAULT_LEASE_SECONDS = 90.0
DEFAULT_CHUNK_FILES = 200
ATTEMPTS = 3
# Before its first heartbeat a chunk run may take this long to start (seen: over 20 s at load 14 on 2 cores).
STARTUP_GRACE_SECONDS = 180.0
POLL_SECONDS = 1.0


class ChunkJob(BaseModel):
    """One chunk run's parameters: its files (absolute paths), the run's job, and where its result goes."""

    files: list[str]
    job: isolation.Job
    out: str  # the chunk's result file, in the shared folder
    workers: int | None = None  # worker processes on the machine that runs it; default: by its cores


class _ChunkFile(BaseModel):
    """A chunk's result with each candidate's lines (which a Candidate's dump leaves out)."""

    result: pipeline.ChunkResult
    lines: list[list[TextLine]]


def write_chunk(path: Path, result: pipeline.ChunkResult) -> None:
    entry = _ChunkFile(result=result, lines=[c.lines for c in result.candidates])
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(entry.model_dump_json(), encoding="utf-8")
    os.replace(tmp, path)  # whole or not at all: the run never reads half a chunk


def read_chunk(path: Path) -> pipeline.ChunkResult:
    entry = _ChunkFile.model_validate_json(path.read_text(encoding="utf-8"))
    for candidate, lines in zip(entry.result.candidates, entry.lines):
        candidate.lines = lines
    return entry.result


def alive_path(out: Path) -> Path:
    return out.with_name(out.name + ".alive")


@contextmanager
def heartbeat(out: Path, every: float) -> Iterator[None]:
    """Touch the chunk's ``.alive`` file every ``every`` seconds (the run reads its age)."""
    stop = threading.Event()
    beat = alive_path(out)

    def touch() -> None:
        while True:
            try:
                beat.write_text(f"{os.uname().nodename} {os.getpid()}\n", encoding="utf-8")
            except OSError:
                pass  # the run has given up on this chunk and removed its folder
            if stop.wait(every):
                return

    thread = threading.Thread(target=touch, daemon=True, name="chunk-heartbeat")
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


@flow(name=CHUNK_FLOW)
def screen_chunk(chunk: ChunkJob) -> int:
    """Screen one chunk on this machine and write its result file; returns the number of files."""
    from flows.batch import screen_files  # the local run's own loop, file by file under the limits

    out = Path(chunk.out)
    files = [Path(f) for f in chunk.files]
    with heartbeat(out, every=5.0):
        workers = chunk.workers or pipeline.default_workers(len(files))
        results = screen_files(files, chunk.job, workers, NoProgress())
        merged = pipeline.ChunkResult(
            candidates=[c for r in results for c in r.candidates], scores=[s for r in results for s in r.scores],
            errors=[e for r in results for e in r.errors], read=sum(r.read for r in results),
            reused=sum(r.reused for r in results), scored=sum(r.scored for r in results),
            scores_reused=sum(r.scores_reused for r in results),
        )
        if out.parent.is_dir():  # gone: the run ended without this chunk (it was given to another worker)
            write_chunk(out, merged)
    return len(files)


def deployment_name(pool: str) -> str:
    return f"{CHUNK_FLOW}/{pool}"


def register(pool: str) -> str:
    """The work pool (a process pool) and the chunk deployment on it, created if missing; its name."""
    with get_client(sync_client=True) as client:
        try:
            client.create_work_pool(WorkPoolCreate(name=pool, type="process"))
        except ObjectAlreadyExists:
            pass
    # Loaded by module path, so a worker finds the flow in the installed package, not a file.
    deployment = screen_chunk.to_deployment(name=pool, entrypoint_type=EntrypointType.MODULE_PATH,
                                            tags=["resume-screener"], description="One chunk of a screening run")
    deployment.apply(work_pool_name=pool)  # type: ignore[union-attr]  # sync here: no running event loop
    return deployment_name(pool)


class _Chunk(BaseModel):
    index: int
    files: list[str]
    out: Path
    attempt: int = 0
    run_id: uuid.UUID | None = None
    submitted: float = 0.0


def screen_on_pool(
    files: list[Path], job: isolation.Job, pool: str, shared: Path, progress: Progress,
    log: logging.Logger | logging.LoggerAdapter[Any], chunk_files: int = DEFAULT_CHUNK_FILES,
    lease: float = DEFAULT_LEASE_SECONDS, workers: int | None = None, lines: LineStore | None = None,
) -> list[pipeline.ChunkResult]:
    """Each chunk's result, in the files' order, screened by the pool's workers.

    ``shared``: a folder the workers see at the same path; the chunk files live in a new folder
    under it for the run's length only. Raises ``RuntimeError`` when a chunk failed ``ATTEMPTS`` times.
    """
    name = register(pool)
    folder = shared / f".screener-chunks-{uuid.uuid4().hex[:12]}"  # hidden: never screened
    folder.mkdir(parents=True)
    parts = pipeline.chunked([f.absolute() for f in files], chunk_files)  # every machine sees the same absolute paths
    chunks = [_Chunk(index=i, files=[str(p) for p in part], out=folder / f"chunk-{i:05d}.json") for i, part in enumerate(parts)]
    log.info("Screening %d file(s) in %d chunk(s) on work pool %r (deployment %s)", len(files), len(chunks), pool, name)
    done: dict[int, pipeline.ChunkResult] = {}
    try:
        for chunk in chunks:
            _submit(chunk, name, job, workers)
        with get_client(sync_client=True) as client:
            while len(done) < len(chunks):
                for chunk in [c for c in chunks if c.index not in done]:
                    if chunk.out.is_file():
                        done[chunk.index] = result = read_chunk(chunk.out)
                        if lines is not None:
                            lines.take(result)
                        progress.advance(len(chunk.files), result.read, result.reused)
                    elif (why := _lost(client, chunk, lease)) is not None:
                        if chunk.attempt >= ATTEMPTS:
                            raise RuntimeError(f"chunk {chunk.index} ({len(chunk.files)} files) failed {ATTEMPTS} times; the last: {why}")
                        log.warning("Chunk %d: %s; submitting it again", chunk.index, why)
                        _submit(chunk, name, job, workers)
                time.sleep(POLL_SECONDS)
    finally:
        _remove(folder)
    return [done[c.index] for c in chunks]


def _submit(chunk: _Chunk, name: str, job: isolation.Job, workers: int | None) -> None:
    chunk.attempt += 1
    alive_path(chunk.out).unlink(missing_ok=True)  # the lost run's heartbeat must not count against this one
    params = ChunkJob(files=chunk.files, job=job, out=str(chunk.out), workers=workers)
    run = run_deployment(name, parameters={"chunk": params.model_dump(mode="json")}, timeout=0,
                         flow_run_name=f"chunk-{chunk.index}-try-{chunk.attempt}")
    chunk.run_id, chunk.submitted = run.id, time.time()  # type: ignore[union-attr]  # sync here


def _lost(client: Any, chunk: _Chunk, lease: float) -> str | None:
    """Why the chunk's run will not deliver (it ended without a result, or its heartbeat stopped), or None."""
    run = client.read_flow_run(chunk.run_id)
    state = run.state
    if state is None:
        return None
    if state.is_final():
        if chunk.out.is_file():
            return None  # landed between the two looks
        return f"its run ended {state.type.value.lower()} without a result ({state.message or state.name})"
    if not (state.is_running() or state.is_pending()):
        return None  # scheduled: waiting for a free worker is not a failure
    try:
        beat: float | None = alive_path(chunk.out).stat().st_mtime  # removed at each submission: this run's
    except OSError:
        beat = None
    if beat is not None:
        silent, allowed = time.time() - beat, lease
    else:  # not started yet: a worker's process start, Prefect's import and the models take a while on a busy machine
        entered = (state.timestamp or datetime.now(UTC)).timestamp()  # when it became pending or running
        silent, allowed = time.time() - max(entered, chunk.submitted), max(lease, STARTUP_GRACE_SECONDS)
    if silent <= allowed:
        return None
    client.set_flow_run_state(chunk.run_id, Crashed(message=f"no heartbeat for {silent:.0f} s: its worker is gone"), force=True)
    return f"its worker went silent for {silent:.0f} s (allowed: {allowed:g} s)"


def _remove(folder: Path) -> None:
    for child in folder.glob("*"):
        child.unlink(missing_ok=True)
    try:
        folder.rmdir()
    except OSError:
        pass  # a late chunk wrote into it meanwhile: leave it rather than fail the run
