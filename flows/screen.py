"""The ``screen`` flow: find résumés, screen them in chunks, rank, write the tables HR reads.

Each task body is one call into ``flows.pipeline``, ``scoring`` or ``extractors``.
No ``from __future__ import annotations`` here: Prefect validates the flow's parameters from the
annotations at run time.
"""

import time
from datetime import date
from pathlib import Path

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.task_runners import ThreadPoolTaskRunner
from pydantic import BaseModel, Field

from flows import pipeline
from scoring.export import profile_tables, write_outputs
from scoring.profile import JobProfile, bundled_profiles, resolve_profile
from scoring.tables import candidates_frame, errors_frame, results_frame

# The pool the chunk tasks hand their work to; set by the flow for the length of a run.
_POOL: dict[str, object] = {}
ARTIFACT_ROWS = 50


class ScreenParameters(BaseModel):
    paths: list[str] = Field(min_length=1, description="Résumé files and folders (searched recursively)")
    profiles: list[str] = Field(default_factory=list, description="Profile ids or YAML files; empty: all bundled")
    out: str = Field(description="Folder the tables are written into")
    reference_date: date | None = Field(default=None, description="Date 至今/present counts to; default today")
    workers: int | None = Field(default=None, ge=1, description="Worker processes; default: by batch size")
    include_contacts: bool = Field(default=False, description="Add phones and e-mails to the ranked tables")


class RunSummary(BaseModel):
    out_dir: str
    files: int
    ranked: int
    errors: int
    profiles: list[str]
    seconds: float
    files_per_second: float


@task
def load_profiles(ids: list[str]) -> list[JobProfile]:
    return [resolve_profile(i) for i in (ids or list(bundled_profiles()))]


@task
def find_resumes(paths: list[str]) -> list[Path]:
    return pipeline.find_resumes(Path(p) for p in paths)


@task
def screen_chunk(paths: list[Path], profiles: list[JobProfile], reference_date: date) -> pipeline.ChunkResult:
    pool = _POOL.get("pool")
    if pool is None:
        return pipeline.screen_chunk(paths, profiles, reference_date)
    return pool.submit(pipeline.screen_chunk, paths, profiles, reference_date).result()  # type: ignore[attr-defined]


@task
def build_tables(chunks: list[pipeline.ChunkResult]) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    candidates = candidates_frame([c for chunk in chunks for c in chunk.candidates])
    results = results_frame([s for chunk in chunks for s in chunk.scores], candidates)
    errors = errors_frame([e for chunk in chunks for e in chunk.errors])
    return results, candidates, errors


@task
def write_tables(
    out_dir: Path,
    results: pl.DataFrame,
    candidates: pl.DataFrame,
    errors: pl.DataFrame,
    profile_ids: list[str],
    include_contacts: bool,
) -> list[Path]:
    tables = profile_tables(results, candidates, profile_ids, include_contacts)
    return write_outputs(out_dir, results, candidates, errors, tables)


@task
def publish_artifacts(results: pl.DataFrame, candidates: pl.DataFrame, errors: pl.DataFrame, profiles: list[JobProfile]) -> None:
    """Each profile's ranked table in the Prefect UI: no contact details, top rows only."""
    tables = profile_tables(results, candidates, [p.id for p in profiles])
    lines = ["| profile | ranked | must-haves met | best score |", "|---|---|---|---|"]
    for profile in profiles:
        table = tables[profile.id]
        shown = table.select("rank", "name", "score", "must_have_passed", "explanation", pl.col("source_path").alias("file"))
        create_table_artifact(
            key=f"ranked-{profile.id.replace('_', '-')}",
            table=shown.head(ARTIFACT_ROWS).to_dicts(),
            description=f"{profile.title.zh} {profile.title.en}: top {ARTIFACT_ROWS} of {table.height}",
        )
        best = table["score"].max() if table.height else None
        lines.append(f"| {profile.title.zh} ({profile.id}) | {table.height} | {table['must_have_passed'].sum()} | {best} |")
    lines.append(f"\n{errors.height} file(s) could not be screened; see errors.csv.")
    create_markdown_artifact(key="screening-summary", markdown="\n".join(lines), description="Screening run summary")


# The chunk tasks only wait on worker processes, so a few threads are enough.
@flow(name="screen", task_runner=ThreadPoolTaskRunner(max_workers=4))
def screen(params: ScreenParameters) -> RunSummary:
    logger = get_run_logger()
    started = time.perf_counter()
    profiles = load_profiles(params.profiles)
    files = find_resumes(params.paths)
    workers = params.workers or pipeline.default_workers(len(files))
    chunks = pipeline.chunked(files, pipeline.chunk_size_for(len(files), workers))
    reference_date = params.reference_date or date.today()
    logger.info("Screening %d file(s) in %d chunk(s) on %d worker(s) against %d profile(s)",
                len(files), len(chunks), workers, len(profiles))

    with pipeline.worker_pool(workers) as pool:
        if pool is None:
            # One process: chunks in turn (the parsers hold the GIL, threads would not help).
            results_by_chunk = [screen_chunk(chunk, profiles, reference_date) for chunk in chunks]
        else:
            _POOL["pool"] = pool
            try:
                futures = [screen_chunk.submit(chunk, profiles, reference_date) for chunk in chunks]
                results_by_chunk = [f.result() for f in futures]
            finally:
                _POOL.clear()

    results, candidates, errors = build_tables(results_by_chunk)
    write_tables(Path(params.out), results, candidates, errors, [p.id for p in profiles], params.include_contacts)
    publish_artifacts(results, candidates, errors, profiles)
    seconds = time.perf_counter() - started
    logger.info("Ranked %d résumé(s), %d error(s), in %.1f s", candidates.height, errors.height, seconds)
    return RunSummary(
        out_dir=str(Path(params.out)),
        files=len(files),
        ranked=candidates.height,
        errors=errors.height,
        profiles=[p.id for p in profiles],
        seconds=round(seconds, 3),
        files_per_second=round(len(files) / seconds, 2) if seconds else 0.0,
    )
