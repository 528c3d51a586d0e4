"""``screener serve``: the ``screen`` flow as a long-running deployment on a cron schedule.

Every scheduled run screens the configured folders into a new dated folder under the output root
and moves ``latest`` to it; the cache makes each night's run read only the new résumés.
No ``from __future__ import annotations`` here (see flows/screen.py).
"""

from prefect.deployments.runner import EntrypointType, RunnerDeployment
from prefect.schedules import Cron
from pydantic import BaseModel, model_validator

from flows.screen import ScreenParameters, screen

DEFAULT_CRON = "0 2 * * *"  # 02:00 every night
DEFAULT_DEPLOYMENT = "nightly"


class ServeConfig(BaseModel):
    """What each scheduled run screens (``params``, stored in the deployment as is) and when."""

    params: ScreenParameters
    cron: str = DEFAULT_CRON  # read in params.timezone, the time zone of the folder names too
    name: str = DEFAULT_DEPLOYMENT

    @model_validator(mode="after")
    def _dated_folders(self) -> "ServeConfig":
        if self.params.out_root is None:
            raise ValueError("a scheduled run writes a dated folder under out_root, not into out")
        return self


def build_deployment(config: ServeConfig) -> RunnerDeployment:
    """The deployment ``serve`` runs: the flow, its parameters and the cron schedule in the time zone."""
    # to_deployment is sync here (no running event loop); its union type covers the async call too.
    return screen.to_deployment(  # type: ignore[return-value]
        name=config.name,
        schedules=[Cron(config.cron, timezone=config.params.timezone)],
        parameters={"params": config.params.model_dump(mode="json")},
        description=f"Screen {', '.join(config.params.paths)} into dated folders under {config.params.out_root}",
        tags=["resume-screener"],
        # Load the flow as flows.screen (installed package), not a file path relative to the cwd.
        entrypoint_type=EntrypointType.MODULE_PATH,
    )


def serve_forever(config: ServeConfig) -> None:
    """Register the deployment and run its scheduled flow runs until interrupted (Ctrl-C)."""
    from prefect import serve

    serve(build_deployment(config), print_starting_message=False)
