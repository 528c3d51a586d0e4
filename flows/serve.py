"""``screener serve``: the ``screen`` flow as a long-running deployment on a cron schedule.

Every scheduled run screens the configured folders into a new dated folder under the output root
and moves ``latest`` to it; the cache makes each night's run read only the new résumés.
No ``from __future__ import annotations`` here (see flows/screen.py).
"""

from datetime import date
from typing import Literal

from prefect.deployments.runner import EntrypointType, RunnerDeployment
from prefect.schedules import Cron
from pydantic import BaseModel, Field

from flows import runs
from flows.screen import ScreenParameters, screen

DEFAULT_CRON = "0 2 * * *"  # 02:00 every night
DEFAULT_DEPLOYMENT = "nightly"


class ServeConfig(BaseModel):
    paths: list[str] = Field(min_length=1)
    out_root: str
    profiles: list[str] = Field(default_factory=list)
    cron: str = DEFAULT_CRON
    timezone: str = runs.DEFAULT_TIMEZONE
    name: str = DEFAULT_DEPLOYMENT
    reference_date: date | None = None
    workers: int | None = Field(default=None, ge=1)
    include_contacts: bool = False
    lang: Literal["zh", "en"] = "zh"
    cache_dir: str | None = None


def screen_parameters(config: ServeConfig) -> ScreenParameters:
    return ScreenParameters(
        paths=config.paths,
        profiles=config.profiles,
        out_root=config.out_root,
        reference_date=config.reference_date,
        workers=config.workers,
        include_contacts=config.include_contacts,
        lang=config.lang,
        cache_dir=config.cache_dir,
        timezone=config.timezone,
    )


def build_deployment(config: ServeConfig) -> RunnerDeployment:
    """The deployment ``serve`` runs: the flow, its parameters and the cron schedule in the time zone."""
    return screen.to_deployment(
        name=config.name,
        schedules=[Cron(config.cron, timezone=config.timezone)],
        parameters={"params": screen_parameters(config).model_dump(mode="json")},
        description=f"Screen {', '.join(config.paths)} into dated folders under {config.out_root}",
        tags=["resume-screener"],
        # Load the flow as flows.screen (installed package), not a file path relative to the cwd.
        entrypoint_type=EntrypointType.MODULE_PATH,
    )


def serve_forever(config: ServeConfig) -> None:
    """Register the deployment and run its scheduled flow runs until interrupted (Ctrl-C)."""
    from prefect import serve

    serve(build_deployment(config), print_starting_message=False)
