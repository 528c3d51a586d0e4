"""The Prefect server ``screener serve`` talks to: the one at PREFECT_API_URL, or a local one it supervises.

Prefect's embedded mode runs no scheduler, so cron schedules need a real ``prefect server start``.
No Prefect import here: the server's address must be in the environment before Prefect loads its
settings in this process.
"""

import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from pydantic import BaseModel

# Measured: a first start with migrations takes 17–21 s on two cores; give it room.
STARTUP_TIMEOUT_SECONDS = 120.0
WATCH_INTERVAL_SECONDS = 5.0


class ServerInfo(BaseModel):
    api_url: str  # e.g. http://127.0.0.1:4200/api
    ui_url: str  # e.g. http://127.0.0.1:4200
    started_here: bool  # True: this process started it and will stop it


def api_healthy(api_url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url.rstrip('/')}/health", timeout=timeout) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


def prefect_command() -> list[str]:
    # The ``prefect`` script next to this interpreter, so the server matches the client's version.
    script = Path(sys.executable).with_name("prefect")
    return [str(script)] if script.exists() else [shutil.which("prefect") or "prefect"]


class SupervisedServer:
    """``prefect server start`` in a child process, restarted if it dies, stopped with us."""

    def __init__(self, host: str = "127.0.0.1", port: int = 4200, log_path: Path | None = None) -> None:
        self.host, self.port = host, port
        self.info = ServerInfo(api_url=f"http://{host}:{port}/api", ui_url=f"http://{host}:{port}", started_here=True)
        self.log_path = log_path
        self._process: subprocess.Popen | None = None
        self._stopping = threading.Event()
        self._watcher: threading.Thread | None = None

    def _spawn(self) -> None:
        env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
        env.pop("PREFECT_API_URL", None)
        # Owner-only, as the output root it sits in: the server logs flow parameters (the folders screened).
        log = (os.fdopen(os.open(self.log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600), "ab")  # noqa: SIM115 - owned by the child
               if self.log_path else subprocess.DEVNULL)
        self._process = subprocess.Popen(
            [*prefect_command(), "server", "start", "--host", self.host, "--port", str(self.port)],
            stdout=log, stderr=subprocess.STDOUT, env=env,
            # Its own session: Ctrl-C in the terminal reaches serve, which stops the server in order.
            start_new_session=True,
        )

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if api_healthy(self.info.api_url):
                return
            if self._process is not None and self._process.poll() is not None:
                raise RuntimeError(f"prefect server exited with code {self._process.returncode} while starting")
            time.sleep(0.5)
        raise TimeoutError(f"prefect server did not answer at {self.info.api_url} within {STARTUP_TIMEOUT_SECONDS:.0f} s")

    def start(self) -> ServerInfo:
        if api_healthy(self.info.api_url):
            raise RuntimeError(f"a server already answers at {self.info.ui_url}; set PREFECT_API_URL={self.info.api_url} to use it")
        self._spawn()
        self._wait_healthy()
        self._watcher = threading.Thread(target=self._watch, name="prefect-server-watch", daemon=True)
        self._watcher.start()
        return self.info

    def _watch(self) -> None:
        while not self._stopping.wait(WATCH_INTERVAL_SECONDS):
            if self._process is not None and self._process.poll() is not None and not self._stopping.is_set():
                print(f"screener serve: the local Prefect server exited ({self._process.returncode}); restarting it",
                      file=sys.stderr)
                self._spawn()
                try:
                    self._wait_healthy()
                except (RuntimeError, TimeoutError) as exc:
                    print(f"screener serve: {exc}", file=sys.stderr)

    def stop(self) -> None:
        self._stopping.set()
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._process.kill()


def existing_server() -> ServerInfo | None:
    """The server PREFECT_API_URL names, if it is set (whether or not it answers yet)."""
    api_url = os.environ.get("PREFECT_API_URL")
    if not api_url:
        return None
    ui = api_url.rstrip("/").removesuffix("/api")
    return ServerInfo(api_url=api_url, ui_url=ui, started_here=False)
