"""Past one machine: a real PostgreSQL, a real Prefect server on it, two ``screener worker`` processes,
and ``screener run --engine`` screening a batch through them, one worker killed mid-chunk.

Needs Debian's ``postgresql`` (installed by .ci/run). Outside CI a machine without it skips; in CI
the test fails instead, so a missing install step cannot pass unseen.
"""

import glob
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

from flows.server import api_healthy, prefect_command
from tests.conftest import ROOT, SAMPLE_RESUMES

pytestmark = pytest.mark.flow

POOL = "test-pool"
FILES, CHUNK_FILES = 6, 2  # three chunks: each chunk run starts a process and loads the models (~20 s here)
LEASE = 30  # seconds: short, so the killed worker's chunk is retried within the test


def _pg_bin() -> Path | None:
    found = shutil.which("initdb") or next(iter(sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)), None)
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres(command: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; CI and this machine run tests as root.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    """A throwaway PostgreSQL server on a free port; its SQLAlchemy URL for Prefect."""
    pg = _pg_bin()
    if pg is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed (.ci/run installs Debian's postgresql)")
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    home = Path(tempfile.mkdtemp(prefix="screener-pg-"))
    if os.geteuid() == 0:
        shutil.chown(home, "postgres")
    data, port = home / "data", _free_port()
    subprocess.run(_as_postgres([str(pg / "initdb"), "-D", str(data), "-A", "trust", "-U", "screener", "--no-sync"]),
                   check=True, capture_output=True)
    options = f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
    subprocess.run(_as_postgres([str(pg / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(home / "log"), "-w", "start"]),
                   check=True, capture_output=True)
    try:
        yield f"postgresql+asyncpg://screener@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_postgres([str(pg / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]), capture_output=True)
        shutil.rmtree(home, ignore_errors=True)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


@pytest.fixture(scope="module")
def engine(postgres, tmp_path_factory) -> Iterator[tuple[str, dict[str, str]]]:
    """``prefect server start`` on the PostgreSQL server: its API URL and the environment its clients use."""
    home = tmp_path_factory.mktemp("prefect-home")
    port = _free_port()
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PYTHONPATH": str(ROOT), "PREFECT_WORKER_QUERY_SECONDS": "1", "PREFECT_WORKER_PREFETCH_SECONDS": "1"}
    env.pop("PREFECT_API_URL", None)
    log = open(home / "server.log", "wb")  # noqa: SIM115 - the server's, closed below
    server = subprocess.Popen(
        [*prefect_command(), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env={**env, "PREFECT_API_DATABASE_CONNECTION_URL": postgres}, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    api = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 120
        while not api_healthy(api):
            assert server.poll() is None, (home / "server.log").read_text(errors="replace")[-3000:]
            assert time.monotonic() < deadline, "prefect server did not start in 120 s"
            time.sleep(0.5)
        yield api, {**env, "PREFECT_API_URL": api}
    finally:
        _stop(server)
        log.close()


def _screener(args: list[str], env: dict[str, str], **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "screener.cli", *args], env=env, start_new_session=True, **kwargs)


def _ancestors(pid: int) -> set[int]:
    found = set()
    while pid > 1:
        stat = Path(f"/proc/{pid}/stat").read_text()
        pid = int(stat.rsplit(")", 1)[1].split()[1])  # the field after the state: the parent's pid
        found.add(pid)
    return found


def _chunk_runs(api: str) -> list[dict]:
    body = json.dumps({"flow_runs": {"name": {"like_": "chunk-"}}}).encode()
    request = urllib.request.Request(f"{api}/flow_runs/filter", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def test_two_workers_screen_every_file_exactly_once_and_a_killed_workers_chunk_is_retried(engine, tmp_path):
    api, env = engine
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for sample in sorted(SAMPLE_RESUMES.iterdir())[:FILES]:
        shutil.copy(sample, inbox / sample.name)
    files = sorted(str(p) for p in inbox.iterdir())
    out = tmp_path / "out"
    def worker() -> subprocess.Popen:
        return _screener(["worker", "--engine", api, "--work-pool", POOL], env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    workers = [worker(), worker()]
    run: subprocess.Popen | None = None
    run_log = tmp_path / "run.log"
    try:
        with open(run_log, "wb") as log:
            run = _screener(["run", str(inbox), "--out", str(out), "--engine", api, "--work-pool", POOL,
                             "--chunk-files", str(CHUNK_FILES), "--chunk-lease", str(LEASE), "--workers", "1",
                             "--no-cache", "--profile", "loan_account_manager", "--profile", "property_service_manager",
                             "--reference-date", "2026-06-30", "--no-progress"], env, stdout=log, stderr=subprocess.STDOUT)
            # Kill the worker running the first chunk to start (with the chunk's own process), before it lands.
            deadline = time.monotonic() + 150
            while not (beats := sorted(out.glob(".screener-chunks-*/chunk-*.json.alive"))):
                assert run.poll() is None and time.monotonic() < deadline, run_log.read_text(errors="replace")[-3000:]
                time.sleep(0.2)
            beat = beats[0]
            chunk_pid = int(beat.read_text().split()[1])
            victim = next(w for w in workers if w.pid in _ancestors(chunk_pid))
            # The machine is lost: the worker, and the chunk's process (Prefect starts it in a session of its own).
            os.killpg(os.getpgid(chunk_pid), signal.SIGKILL)
            os.killpg(victim.pid, signal.SIGKILL)
            workers.append(worker())  # a replacement, so two workers go on
            killed_before_landing = not beat.with_name(beat.name.removesuffix(".alive")).exists()
            assert run.wait(240) == 0, run_log.read_text(errors="replace")[-3000:]
    finally:
        for process in [*workers, *([run] if run else [])]:
            _stop(process)

    assert killed_before_landing
    # Every file once: ranked or an error row, none lost, none twice.
    candidates = pl.read_parquet(out / "candidates.parquet")
    errors = pl.read_csv(out / "errors.csv")
    assert sorted(candidates["source_path"].to_list() + errors["source_path"].to_list()) == files
    results = pl.read_parquet(out / "results.parquet")
    assert results.group_by("source_path", "profile_id").len()["len"].max() == 1
    assert results.height == 2 * candidates.height
    # The killed worker's chunk was marked Crashed and screened again by the other worker.
    runs = {r["name"]: r["state_type"] for r in _chunk_runs(api)}
    killed = int(beat.name.split("-")[1].split(".")[0])
    assert (runs[f"chunk-{killed}-try-1"], runs.get(f"chunk-{killed}-try-2")) == ("CRASHED", "COMPLETED"), runs
    assert len([n for n in runs if n.endswith("-try-1")]) == -(-len(files) // CHUNK_FILES)
    assert not list(out.glob(".screener-chunks-*")), "the chunk files are removed after the merge"
