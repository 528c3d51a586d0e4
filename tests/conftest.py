"""Shared test fixtures. Flow tests run in an isolated PREFECT_HOME, never the user's database."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
SAMPLE_RESUMES = SAMPLES / "resumes"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Set before anything imports Prefect, so no test can reach ~/.prefect.
_PREFECT_HOME = tempfile.mkdtemp(prefix="screener-prefect-home-")
os.environ["PREFECT_HOME"] = _PREFECT_HOME
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.pop("PREFECT_API_URL", None)
# Nor may a test read or fill the user's incremental cache (~/.cache/resume-screener).
os.environ["SCREENER_CACHE_DIR"] = tempfile.mkdtemp(prefix="screener-cache-")
# Both go when the test run ends: each run would otherwise leave a few MB in the temp folder.
for _folder in (_PREFECT_HOME, os.environ["SCREENER_CACHE_DIR"]):
    atexit.register(shutil.rmtree, _folder, ignore_errors=True)


@pytest.fixture(scope="session")
def prefect_harness():
    """One embedded Prefect server for all flow tests (it costs ~15 s to start)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
