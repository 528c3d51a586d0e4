"""The ``screen`` flow: one screening run (``flows.batch.screen_batch``), plus its tables in the Prefect UI.

``screener run`` calls it with a progress bar; a deployment's runs (``screener serve``, prefect.yaml)
with only the stored ``params``, which Prefect validates into ``ScreenParameters``.
No ``from __future__ import annotations`` here: Prefect validates the flow's parameters from the
annotations at run time.
"""

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from flows.batch import RunSummary, ScreenParameters, Tables, screen_batch
from flows.progress import Progress
from job_profiles.profile import JobProfile
from outputs import summary

ARTIFACT_ROWS = 50


@task(cache_policy=NO_CACHE)
def publish_artifacts(tables: Tables, profiles: list[JobProfile], files: int) -> None:
    """Each profile's ranked table in the Prefect UI and a markdown summary: no contact details, top rows only."""
    for profile in profiles:
        table = tables.ranked[profile.id]
        # Named columns only: the phones and e-mails an --include-contacts run adds never reach the UI.
        shown = table.select("rank", "name", "score", "must_have_passed", "is_duplicate", "explanation", pl.col("source_path").alias("file"))
        create_table_artifact(
            key=f"ranked-{profile.id.replace('_', '-')}",
            table=shown.head(ARTIFACT_ROWS).to_dicts(),
            description=f"{profile.title.zh} {profile.title.en}: top {ARTIFACT_ROWS} of {table.height}",
        )
    counts = summary.by_profile(tables.results, tables.candidates, profiles)
    create_markdown_artifact(
        key="screening-summary",
        markdown=summary.markdown(counts, summary.by_error(tables.errors), files),
        description="Screening run summary",
    )


@flow(name="screen")
def screen(params: ScreenParameters, progress: Progress | None = None) -> RunSummary:
    """Screen ``params.paths`` into ``params.out`` or a dated folder under ``params.out_root``.

    ``progress``: told of each file screened (``screener run``'s bar); deployments leave it out.
    """
    done = screen_batch(params, progress, get_run_logger())
    # Without the candidates, which the artifacts never show: Prefect walks a task's arguments
    # looking for futures (measured: 2.7 s of task for 300 résumés, 0.6 s without; it grows with the batch).
    publish_artifacts(done.tables.model_copy(update={"people": []}), done.profiles, done.summary.files)
    return done.summary
