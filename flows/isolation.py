"""Each file screened in a worker process with a time and a memory limit: one bad file costs only itself.

A PDF whose stream inflates to gigabytes, a DOCX of a billion characters or a reader stuck in a loop
used to take the whole batch with it (PDFium aborts its process when an allocation fails; Python
raises MemoryError; a hang never ends). Here each worker is a spawned child that screens one file at
a time (read, extract, score) and is reused for the next. The parent:

- gives each file ``FileLimits.timeout`` seconds of wall time, then kills the worker (its whole
  process group, so a LibreOffice it started too) and gives the file a ``timeout`` row;
- lets a worker's address space (``RLIMIT_AS``) grow by ``FileLimits.memory_mb`` over what it holds
  when it starts a file: past it an allocation fails, and the file gets an ``out_of_memory`` row
  (Python's MemoryError) or, when a C library aborts on it, a ``crashed`` row. Over what it holds,
  because the models' libraries reserve address space they never use (with torch installed, spaCy
  alone maps 3.4 GB of which 0.7 GB is resident): a cap on the total would fail every file;
- gives a file whose worker died (SIGABRT, SIGSEGV, the kernel's OOM killer) a ``crashed`` row;
- starts a new worker only for one that died or was killed. Workers are forked from a fork server
  that loaded the models once (flows/worker_warm.py), so a new one is ready in milliseconds.
A file that broke a limit is remembered in the cache by its sha256 (flows/cache.py), so a rerun with
the same code and limits (the readers' caps, ``Job.read_limits``, among them) gives its row again without feeding it to a reader.

No Prefect here: a worker imports this module and ``flows.pipeline``, never the flow's.
"""

import math
import os
import resource
import select
import signal
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from multiprocessing import forkserver, get_context
from multiprocessing.connection import Connection, wait
from multiprocessing.context import ForkServerContext
from multiprocessing.process import BaseProcess
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from extractors.readers.limits import ReadLimits
from flows import cache, pipeline
from job_profiles.profile import JobProfile
from screener.models import ReadError, SourceInfo

DEFAULT_TIMEOUT = 30.0
DEFAULT_MEMORY_MB = 2048
# Reading an ordinary résumé takes tens of MB; below this even those would fail.
MIN_MEMORY_MB = 256
# The fork server imports the models once (seconds on a busy machine); a worker not ready after this is broken.
STARTUP_SECONDS = 300.0
# Workers that die as they start (before any file) point at the set-up, not at a file: give up.
MAX_START_FAILURES = 3
TIMEOUT, CRASHED = "timeout", "crashed"
# One math thread per worker (N workers each starting N threads fight over N cores), and two malloc
# arenas: each thread's 64 MB arena reservation would otherwise count against RLIMIT_AS.
_CHILD_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "MALLOC_ARENA_MAX": "2"}


class FileLimits(BaseModel):
    """What one file may cost; a file over a limit becomes an error row, and the batch goes on."""

    model_config = ConfigDict(frozen=True)

    timeout: float = Field(default=DEFAULT_TIMEOUT, gt=0, description="Seconds of wall time a file may take")
    memory_mb: int = Field(default=DEFAULT_MEMORY_MB, ge=MIN_MEMORY_MB,
                           description="Memory (address space, MB) a worker may add to screen one file, over what its models hold")

    def key(self) -> str:
        return f"timeout={self.timeout:g};memory_mb={self.memory_mb}"


class Job(BaseModel):
    """What every worker needs for one batch; sent once to each."""

    profiles: list[JobProfile]
    reference_date: date | None = None
    cache_dir: Path | None = None
    limits: FileLimits = FileLimits()
    read_limits: ReadLimits = ReadLimits()  # the readers' caps: a chunk on another machine reads with the run's
    failure_key: str | None = None


# --- the worker (child) side -------------------------------------------------------------------


def _child(conn: Connection, run_pid: int) -> None:
    os.setpgrp()  # its own process group: a timeout kills it and any converter it started, and Ctrl-C is the parent's to handle
    _die_with_parent()
    _die_with_run(run_pid)
    pipeline._warm_up()  # a no-op after the fork server's
    conn.send(("ready", None))
    job: Job | None = None
    while True:
        try:
            kind, payload = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if kind == "stop":
            return
        if kind == "job":
            job = payload
            continue
        assert job is not None, "a file before the job"
        _limit_memory(job.limits.memory_mb)  # for each file: what an earlier one left allocated is not counted against it
        try:
            result = pipeline.screen_file(
                payload, job.profiles, job.reference_date, job.cache_dir, job.failure_key,
                on_hash=lambda sha256: conn.send(("hash", sha256)), read_limits=job.read_limits,
            )
            conn.send(("done", result))
        except Exception as exc:  # a cache folder gone, a result that cannot be sent: this file's row says so
            conn.send(("failed", f"{type(exc).__name__}: {exc}"))


def _address_space() -> int:
    """Bytes of address space this process holds now (Linux), 0 where that cannot be read."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:"))
    except (OSError, StopIteration, ValueError):
        return 0


def _limit_memory(memory_mb: int) -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = _address_space() + memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker when its fork server dies, which it does with the run
    that started it (kill -9 included)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the worker still ends at its next read from the closed pipe
    if os.getppid() == 1:
        os._exit(0)  # the parent died before the line above


def _die_with_run(pid: int) -> None:
    """End this worker, and any converter it started, when the run that started it ends (kill -9
    included). Its parent is the fork server, which lives on while any worker holds its pipe, so
    without this a killed run's worker would go on with its file, a hang for ever."""
    def watch() -> None:
        try:
            with os.fdopen(os.pidfd_open(pid)) as ended:  # Linux 5.3+: readable when the run has ended
                select.select([ended], [], [])
        except (AttributeError, OSError):
            while _alive(pid):
                time.sleep(1)
        os.killpg(0, signal.SIGKILL)

    threading.Thread(target=watch, daemon=True, name="die-with-run").start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


# --- the parent side ---------------------------------------------------------------------------


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    started: float
    ready: bool = False
    index: int | None = None  # the file it screens now
    sha256: str = ""
    deadline: float = 0.0


_env_lock = threading.Lock()


def _context() -> ForkServerContext:
    """Fork from a server started clean (no threads or Prefect client state of the flow) that has
    the models loaded, with the environment the workers want."""
    ctx = get_context("forkserver")
    ctx.set_forkserver_preload(["flows.worker_warm"])
    with _env_lock, pipeline.environment(_CHILD_ENV):
        forkserver.ensure_running()  # once per process: it loads the models while this one goes on
    return ctx


def prestart() -> None:
    """Start loading the workers' models now (``screener run`` does while Prefect starts its server)."""
    _context()


def _start() -> _Worker:
    ctx = _context()
    ours, theirs = ctx.Pipe()
    process = ctx.Process(target=_child, args=(theirs, os.getpid()), daemon=True, name="screener-worker")
    process.start()
    theirs.close()
    return _Worker(process=process, conn=ours, started=time.monotonic())


def _kill(worker: _Worker) -> None:
    pid = worker.process.pid
    if pid is not None and worker.process.is_alive():
        try:
            # Its group only once it has one of its own: os.killpg on our group would kill this run.
            if os.getpgid(pid) == pid:
                os.killpg(pid, signal.SIGKILL)
            else:
                worker.process.kill()
        except ProcessLookupError:
            pass
    worker.process.join(5)
    worker.conn.close()


def _stop(worker: _Worker) -> None:
    if worker.index is None and worker.process.is_alive():
        try:
            worker.conn.send(("stop", None))
            worker.process.join(5)
        except OSError:
            pass
    _kill(worker)


def _died(worker: _Worker) -> str:
    worker.process.join(5)
    code = worker.process.exitcode
    if code is not None and code < 0:
        name = signal.Signals(-code).name
        if -code == signal.SIGKILL:
            return f"killed by {name}, most likely by the system for using too much memory"
        return f"died of {name}"
    return f"exited with code {code}"


class IsolatedPool:
    """``workers`` worker processes screening one file each at a time under ``job.limits``."""

    def __init__(self, workers: int, job: Job) -> None:
        self.size = max(1, workers)
        self.job = job
        self.workers: list[_Worker] = []
        self.start_failures = 0

    def __enter__(self) -> "IsolatedPool":
        return self

    def __exit__(self, *exc: object) -> None:
        while self.workers:
            _stop(self.workers.pop())

    def screen(self, paths: Sequence[Path]) -> Iterator[tuple[int, pipeline.ChunkResult]]:
        """(index into ``paths``, its ``pipeline.ChunkResult``) for every file, as each finishes."""
        queue = deque(range(len(paths)))
        while len(self.workers) < min(self.size, len(paths)):
            self.workers.append(_start())
        left = len(paths)
        while left:
            for worker in self.workers:
                if worker.ready and worker.index is None and queue:
                    index = queue.popleft()
                    worker.index, worker.sha256 = index, ""
                    worker.deadline = time.monotonic() + self.job.limits.timeout
                    worker.conn.send(("file", paths[index]))
            done = [*self._wait(paths), *self._overdue(paths)]
            for index, result in done:
                left -= 1
                yield index, result

    def _deadline(self, worker: _Worker) -> float:
        if worker.index is not None:
            return worker.deadline
        return math.inf if worker.ready else worker.started + STARTUP_SECONDS

    def _wait(self, paths: Sequence[Path]) -> list[tuple[int, pipeline.ChunkResult]]:
        soonest = min(self._deadline(w) for w in self.workers)
        timeout = None if soonest == math.inf else max(0.0, soonest - time.monotonic())
        ready = wait([w.conn for w in self.workers], timeout=timeout)
        done = []
        for worker in [w for w in self.workers if w.conn in ready]:
            try:
                kind, payload = worker.conn.recv()
            except (EOFError, OSError):
                if (row := self._replace(worker, paths, CRASHED, _died(worker))) is not None:
                    done.append(row)
                continue
            if kind == "ready":
                worker.ready = True
                worker.conn.send(("job", self.job))
            elif kind == "hash":
                worker.sha256 = payload
            elif kind in ("done", "failed"):
                assert worker.index is not None
                index, worker.index = worker.index, None
                self.start_failures = 0
                done.append((index, payload if kind == "done" else _failed(paths[index], worker.sha256, "screen_failed", payload)))
                if kind == "done" and any(e.code == pipeline.OUT_OF_MEMORY for e in payload.errors):
                    self._remember(worker.sha256, payload.errors[-1])
        return done

    def _overdue(self, paths: Sequence[Path]) -> list[tuple[int, pipeline.ChunkResult]]:
        now = time.monotonic()
        done = []
        for worker in [w for w in self.workers if self._deadline(w) <= now]:
            if worker.conn.poll(0):
                continue  # it answered just now: read that first
            limit = self.job.limits.timeout
            why = f"reading took longer than {limit:g} s (--file-timeout), so it was stopped"
            if worker.index is None:
                why = f"a worker process did not start within {STARTUP_SECONDS:g} s"
            if (row := self._replace(worker, paths, TIMEOUT, why)) is not None:
                done.append(row)
        return done

    def _replace(self, worker: _Worker, paths: Sequence[Path], code: str, why: str) -> tuple[int, pipeline.ChunkResult] | None:
        """Kill ``worker``, start another in its place; the row of the file it held, if any."""
        _kill(worker)
        self.workers[self.workers.index(worker)] = _start()
        if worker.index is None:
            self.start_failures += 1
            if self.start_failures >= MAX_START_FAILURES:
                raise RuntimeError(f"worker processes cannot start: the last one {why}")
            return None
        if code == CRASHED:
            why = f"the reader's process {why} on this file; the rest of the batch went on"
        error = _failed(paths[worker.index], worker.sha256, code, why)
        self._remember(worker.sha256, error.errors[0])
        return worker.index, error

    def _remember(self, sha256: str, error: ReadError) -> None:
        if self.job.cache_dir is None or not self.job.failure_key or not sha256:
            return
        try:
            cache.save_failure(self.job.cache_dir, sha256, self.job.failure_key, error)
        except OSError:
            pass  # an unwritable cache only means the file is tried again next time


def _failed(path: Path, sha256: str, code: str, why: str) -> pipeline.ChunkResult:
    source = SourceInfo(path=pipeline.shown_path(path), sha256=sha256, format="unknown")
    # Counted as read: a reader was given the file.
    return pipeline.ChunkResult(errors=[ReadError(source=source, code=code, reason=why)], read=1)


@contextmanager
def isolated_pool(workers: int, job: Job) -> Iterator[IsolatedPool]:
    with IsolatedPool(workers, job) as pool:
        yield pool
