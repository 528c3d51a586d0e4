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
    from flows.serve import ServeConfig, build_deployment

    deployment = build_deployment(ServeConfig(paths=["/srv/inbox"], out_root=str(tmp_path), cron="30 1 * * 1-5"))
    schedule = deployment.schedules[0].schedule
    assert (schedule.cron, schedule.timezone) == ("30 1 * * 1-5", "Asia/Shanghai")
    params = deployment.parameters["params"]
    assert params["out_root"] == str(tmp_path) and params["out"] is None and params["paths"] == ["/srv/inbox"]
    assert deployment.entrypoint == "flows.screen.screen"


def test_a_scheduled_run_and_a_rerun_write_dated_folders_and_the_rerun_reads_nothing(prefect_harness, tmp_path):
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment
    from prefect.runner import Runner

    from flows.serve import ServeConfig, build_deployment

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("loan_strong_zhang_ceshi.pdf", "loan_strong_li_shili.docx", "tobacco_strong_wu_ceshi.pdf", "corrupt_resume.pdf"):
        shutil.copy(SAMPLE_RESUMES / name, inbox / name)
    root = tmp_path / "screening"
    config = ServeConfig(paths=[str(inbox)], out_root=str(root), profiles=["loan_account_manager"],
                         reference_date="2026-06-30", cache_dir=str(tmp_path / "cache"), name="nightly-test")

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
