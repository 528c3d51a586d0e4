"""``screener serve``'s deployment, run for real: a scheduled run and a re-run through a Prefect runner.

The embedded test server runs no scheduler, so instead of waiting for 02:00 the test creates the
flow runs the schedule would create (``run_deployment``) and lets the same runner ``serve`` uses
execute them (``Runner.start(run_once=True)``, each run in its own subprocess, as in production).
"""

import asyncio
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_RESUMES

pytestmark = pytest.mark.flow


def test_deployment_carries_the_cron_schedule_in_shanghai_time(tmp_path):
    from flows.screen import ScreenParameters
    from flows.serve import ServeConfig, build_deployment

    params = ScreenParameters(paths=["/srv/inbox"], out_root=str(tmp_path))
    deployment = build_deployment(ServeConfig(params=params, cron="30 1 * * 1-5"))
    schedule = deployment.schedules[0].schedule
    assert (schedule.cron, schedule.timezone) == ("30 1 * * 1-5", "Asia/Shanghai")
    params = deployment.parameters["params"]
    assert params["out_root"] == str(tmp_path) and params["out"] is None and params["paths"] == ["/srv/inbox"]
    assert deployment.entrypoint == "flows.screen.screen"


def test_a_scheduled_run_and_a_rerun_write_dated_folders_and_the_rerun_reads_nothing(prefect_harness, tmp_path):
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment
    from prefect.runner import Runner

    from flows.screen import ScreenParameters
    from flows.serve import ServeConfig, build_deployment

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("loan_strong_zhang_ceshi.pdf", "loan_strong_li_shili.docx", "tobacco_strong_wu_ceshi.pdf", "corrupt_resume.pdf"):
        shutil.copy(SAMPLE_RESUMES / name, inbox / name)
    root = tmp_path / "screening"
    params = ScreenParameters(paths=[str(inbox)], out_root=str(root), profiles=["loan_account_manager"],
                              reference_date="2026-06-30", cache_dir=str(tmp_path / "cache"))
    config = ServeConfig(params=params, name="nightly-test")

    async def scheduled_run(runner: Runner) -> str:
        run = await run_deployment(f"screen/{config.name}", timeout=0)  # due now, as the scheduler would make it
        await runner.start(run_once=True)  # executes due runs in a subprocess, returns when they finish
        async with get_client() as client:
            return (await client.read_flow_run(run.id)).state.type.value

    deployment = build_deployment(config)  # outside the event loop: to_deployment is sync-or-async

    async def scenario() -> tuple[list[str], dict]:
        runner = Runner(name="screener-test")
        await runner.aadd_deployment(deployment)
        async with get_client() as client:
            stored = await client.read_deployment_by_name(f"screen/{config.name}")
        states = [await scheduled_run(runner), await scheduled_run(runner)]
        return states, {"cron": stored.schedules[0].schedule.cron, "tz": stored.schedules[0].schedule.timezone}

    states, schedule = asyncio.run(scenario())
    assert states == ["COMPLETED", "COMPLETED"]
    assert schedule == {"cron": "0 2 * * *", "tz": "Asia/Shanghai"}

    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.is_symlink())
    assert len(folders) == 2, "each run gets its own folder; nothing overwritten"
    first, second = (json.loads((f / "run.json").read_text(encoding="utf-8")) for f in folders)
    assert (first["read"], first["reused"]) == (4, 0)
    assert (second["read"], second["reused"]) == (0, 4), "the rerun reads nothing again"
    assert (root / "latest.txt").read_text(encoding="utf-8").strip() == folders[1].name
    assert (root / "latest").resolve() == folders[1].resolve()
    index = (root / "index.html").read_text(encoding="utf-8")
    assert f"{folders[0].name}/report.html" in index and f"{folders[1].name}/ranked.xlsx" in index
    for folder in folders:
        for name in ("ranked.xlsx", "report.html", "results.parquet", "candidates.parquet", "errors.csv", "loan_account_manager.csv"):
            assert (folder / name).is_file(), f"{folder.name}/{name}"
    assert Path(first["out_dir"]) == folders[0]


def test_the_parameters_a_deployment_stores_come_back_as_the_same_run(prefect_harness, tmp_path):
    """What `serve` stores on the server is what each scheduled run is validated from: every option
    the user gave must survive the trip, or the nightly runs would quietly screen differently."""
    from datetime import date

    from prefect.client.orchestration import get_client

    from extractors.readers.limits import ReadLimits
    from flows.screen import ScreenParameters
    from flows.serve import ServeConfig, build_deployment

    params = ScreenParameters(
        paths=[str(tmp_path / "inbox"), str(tmp_path / "more")], profiles=["loan_account_manager", "tobacco_account_manager"],
        out_root=str(tmp_path / "runs"), reference_date=date(2026, 6, 30), workers=3, blind=True, lang="en",
        cache_dir=str(tmp_path / "cache"), use_cache=False, timezone="Europe/Berlin", file_timeout=45, follow_links=True,
        file_memory_mb=3072, retain="90d", shortlist=4, read_limits=ReadLimits(max_pages=3, max_chars=5_000, max_zip_ratio=50.5),
        work_pool="pool-a", shared_dir=str(tmp_path / "shared"), chunk_files=50, chunk_lease=30.0,
    )
    # Every option away from its default: one the deployment dropped would come back as the default.
    unchanged = [name for name, field in ScreenParameters.model_fields.items()
                 if not field.is_required() and getattr(params, name) == field.get_default(call_default_factory=True)]
    # out: None, a scheduled run writes under out_root; include_contacts: blind refuses it.
    assert unchanged == ["out", "include_contacts"]
    deployment = build_deployment(ServeConfig(params=params, name="round-trip"))

    async def stored() -> dict:
        await deployment.aapply()
        async with get_client() as client:
            return (await client.read_deployment_by_name("screen/round-trip")).parameters

    assert ScreenParameters.model_validate(asyncio.run(stored())["params"]) == params


def test_the_work_pool_deployment_in_prefect_yaml_gives_valid_run_parameters():
    import yaml

    from flows.screen import ScreenParameters

    config = yaml.safe_load((Path(__file__).resolve().parent.parent / "prefect.yaml").read_text(encoding="utf-8"))
    for deployment in config["deployments"]:
        given = deployment["parameters"]["params"]
        assert set(given) <= set(ScreenParameters.model_fields), "a misspelt option would be silently ignored"
        assert ScreenParameters.model_validate(given).out_root == given["out_root"]
        assert deployment["entrypoint"] == "flows/screen.py:screen"
