"""The built wheel works on its own: it carries its data, and it screens as the checkout does.

An installed wheel once had no data at all. Here the wheel is built, installed into a fresh venv
outside the checkout (its dependencies come from this interpreter's site-packages, the checkout is
not importable), and run on a copy of the sample résumés beside the checkout's own run of the same
copy: the two ``results.parquet`` must be the same.
"""

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from tests.conftest import ROOT, SAMPLE_RESUMES

pytestmark = [pytest.mark.wheel, pytest.mark.flow]

# What an installed screener reads: found by screener/resources.py, job_profiles/ and outputs/.
SHIPPED = [
    "screener/data/lexicons/sections.yaml",
    "screener/data/patterns/skills.jsonl",
    "screener/data/models/zh_resume_ner/config.cfg",
    *(f"job_profiles/{name}.yaml" for name in (
        "loan_account_manager", "loan_agency_assistant", "loan_contract_legal",
        "tobacco_account_manager", "property_service_manager", "client_service_manager",
    )),
    "outputs/templates/report.html.j2",
    "screener/data/models/zh_resume_ner/ner/model",
]
REFERENCE_DATE = "2026-06-30"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    (built,) = out.glob("resume_screener-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with only the wheel installed in it; returns its bin folder."""
    venv = tmp_path_factory.mktemp("wheel-venv") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--quiet",
                    "--no-index", "--no-deps", str(wheel)], check=True, capture_output=True, timeout=300)
    return venv / "bin"


def _env(tmp: Path, pythonpath: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_") and k != "PYTHONPATH"}
    # Embedded Prefect in a home of its own: no test reaches ~/.prefect or another run's database.
    home = tmp / "prefect-home"
    home.mkdir(parents=True, exist_ok=True)
    return env | {"PYTHONPATH": pythonpath, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                  "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120"}


def _dependencies() -> str:
    """This interpreter's site-packages, where the dependencies are; its .pth files (an editable
    install of a checkout) are not read from PYTHONPATH, so the checkout stays out of reach."""
    paths = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    return os.pathsep.join(paths)


def _results(out: Path, screened: Path) -> pl.DataFrame:
    return (
        pl.read_parquet(out / "results.parquet")
        .with_columns(pl.col("source_path").str.strip_prefix(f"{screened}/"))
        .sort("source_path", "profile_id")
    )


def test_the_wheel_carries_the_data_the_screener_reads(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert [name for name in SHIPPED if name not in names] == []
    assert not any(name.startswith(("data/", "screener/data/samples/", "tests/")) for name in names), "samples and tests stay out"


def test_the_installed_wheel_screens_as_the_checkout_does(installed: Path, tmp_path: Path) -> None:
    resumes = tmp_path / "resumes"
    shutil.copytree(SAMPLE_RESUMES, resumes)
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    wheel_env = _env(tmp_path / "wheel", _dependencies())

    where = subprocess.run(
        [str(installed / "python"), "-c",
         "import extractors, job_profiles, screener.resources as r; print(extractors.__file__, job_profiles.__file__, r.data_dir(), sep='\\n')"],
        cwd=elsewhere, env=wheel_env, capture_output=True, text=True, check=True, timeout=120,
    ).stdout.split()
    venv = installed.parent.resolve()
    assert all(Path(p).resolve().is_relative_to(venv) for p in where), f"not the installed wheel: {where}"

    args = ["run", str(resumes), "--no-cache", "--no-progress", "--reference-date", REFERENCE_DATE, "--out"]
    # Both runs at once: each starts its own embedded Prefect server.
    runs = {
        "wheel": subprocess.Popen([str(installed / "screener"), *args, str(tmp_path / "out-wheel")], cwd=elsewhere,
                                  env=wheel_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True),
        "checkout": subprocess.Popen([sys.executable, "-m", "screener.cli", *args, str(tmp_path / "out-checkout")], cwd=ROOT,
                                     env=_env(tmp_path / "checkout", str(ROOT)), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True),
    }
    for name, run in runs.items():
        output, _ = run.communicate(timeout=300)
        assert run.returncode == 0, f"{name} run failed:\n{output[-3000:]}"

    from_wheel, from_checkout = _results(tmp_path / "out-wheel", resumes), _results(tmp_path / "out-checkout", resumes)
    assert from_checkout.height > 0 and from_checkout["profile_id"].n_unique() == 6
    assert_frame_equal(from_wheel, from_checkout)
