"""The ``screen`` flow: find résumés, screen them in chunks, rank, write the tables HR reads.

Each task body is one call into ``flows.pipeline``, ``flows.runs``, ``scoring`` or ``extractors``.
No ``from __future__ import annotations`` here: Prefect validates the flow's parameters from the
annotations at run time.
"""

import time
from datetime import date
from pathlib import Path
from typing import Literal

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner
from pydantic import BaseModel, Field, model_validator

from flows import cache, pipeline, progress, runs
from job_profiles.profile import JobProfile, bundled_profiles, resolve_profile
from outputs import summary
from outputs.export import profile_tables, write_outputs
from outputs.report_html import build_report, write_report
from outputs.tables import (
    candidates_frame,
    errors_frame,
    results_frame,
    without_contact_evidence,
)
from scoring.duplicates import with_duplicates
from screener.models import Candidate

# The pool the chunk tasks hand their work to; set by the flow for the length of a run.
_POOL: dict[str, object] = {}
ARTIFACT_ROWS = 50


class ScreenParameters(BaseModel):
    paths: list[str] = Field(min_length=1, description="Résumé files and folders (searched recursively)")
    profiles: list[str] = Field(default_factory=list, description="Profile ids or YAML files; empty: all bundled")
    out: str | None = Field(default=None, description="Folder the tables are written into (itself)")
    out_root: str | None = Field(default=None, description="Each run writes into a new dated folder under this one")
    reference_date: date | None = Field(default=None, description="Date 至今/present counts to; default: the résumé's date, else today")
    workers: int | None = Field(default=None, ge=1, description="Worker processes; default: by batch size")
    include_contacts: bool = Field(default=False, description="Add phones and e-mails to the ranked tables and report")
    lang: Literal["zh", "en"] = Field(default="zh", description="Language of the workbook's headers and the report")
    cache_dir: str | None = Field(default=None, description="Incremental cache folder; default $SCREENER_CACHE_DIR or ~/.cache/resume-screener")
    use_cache: bool = Field(default=True, description="False: read and score everything again, write no cache")
    timezone: str = Field(default=runs.DEFAULT_TIMEZONE, description="Time zone of the dated run folders' names")

    @model_validator(mode="after")
    def _one_destination(self) -> "ScreenParameters":
        if (self.out is None) == (self.out_root is None):
            raise ValueError("give exactly one of out (write into this folder) and out_root (a dated folder per run)")
        return self


class RunSummary(BaseModel):
    out_dir: str
    files: int
    ranked: int
    errors: int
    profiles: list[str]
    seconds: float
    files_per_second: float
    read: int = 0  # files parsed in this run
    reused: int = 0  # files taken from the cache, not read again
    duplicates: int = 0  # résumés marked as another résumé's duplicate
    report: str = ""


class Tables(BaseModel):
    model_config = {"arbitrary_types_allowed": True}

    results: pl.DataFrame
    candidates: pl.DataFrame
    errors: pl.DataFrame
    people: list[Candidate]  # with their lines, for the report's evidence marks
    # Each profile's ranked table, built once for the files, the report and the artifacts.
    ranked: dict[str, pl.DataFrame]


@task
def load_profiles(ids: list[str]) -> list[JobProfile]:
    return [resolve_profile(i) for i in (ids or list(bundled_profiles()))]


@task
def find_resumes(paths: list[str], leave_out: list[str]) -> list[Path]:
    return pipeline.find_resumes((Path(p) for p in paths), leave_out=[Path(p) for p in leave_out])


@task
def output_folder(out: str | None, out_root: str | None, timezone: str) -> Path:
    return Path(out) if out is not None else runs.new_run_folder(Path(out_root), timezone=timezone)  # type: ignore[arg-type]


@task(cache_policy=NO_CACHE)
def screen_chunk(
    paths: list[Path], profiles: list[JobProfile], reference_date: date | None, cache_dir: Path | None
) -> pipeline.ChunkResult:
    pool = _POOL.get("pool")
    if pool is None:
        return pipeline.screen_chunk(paths, profiles, reference_date, cache_dir, on_file=lambda was_read: progress.advance(1, int(was_read), int(not was_read)))
    result = pool.submit(pipeline.screen_chunk, paths, profiles, reference_date, cache_dir).result()  # type: ignore[attr-defined]
    progress.advance(len(paths), result.read, result.reused)
    return result


@task(cache_policy=NO_CACHE)
def build_tables(chunks: list[pipeline.ChunkResult], profiles: list[JobProfile], include_contacts: bool, lang: str = "zh") -> Tables:
    people = [c for chunk in chunks for c in chunk.candidates]
    scores = [s for chunk in chunks for s in chunk.scores]
    tabled = people
    if not include_contacts:  # a referee's phone in a job line stays out of the tables too
        tabled, scores = without_contact_evidence(people, scores, lang)
    candidates = with_duplicates(candidates_frame(tabled))
    results = results_frame(scores, candidates)
    errors = errors_frame([e for chunk in chunks for e in chunk.errors])
    ranked = profile_tables(results, candidates, [p.id for p in profiles], include_contacts)
    return Tables(results=results, candidates=candidates, errors=errors, people=people, ranked=ranked)


@task(cache_policy=NO_CACHE)
def write_tables(out_dir: Path, tables: Tables, profiles: list[JobProfile], lang: str) -> list[Path]:
    return write_outputs(out_dir, tables.results, tables.candidates, tables.errors, tables.ranked, profiles, lang)  # type: ignore[arg-type]


@task(cache_policy=NO_CACHE)
def write_html_report(out_dir: Path, tables: Tables, profiles: list[JobProfile], files: int, include_contacts: bool, lang: str) -> Path:
    report = build_report(tables.ranked, tables.results, tables.people, tables.errors, profiles, files, include_contacts, lang)  # type: ignore[arg-type]
    return write_report(out_dir / "report.html", report)


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


@task
def mark_latest(out_root: str, out_dir: Path, record: dict) -> None:
    runs.mark_latest(Path(out_root), out_dir, record)


# The chunk tasks only wait on worker processes, so a few threads are enough.
@flow(name="screen", task_runner=ThreadPoolTaskRunner(max_workers=4))
def screen(params: ScreenParameters) -> RunSummary:
    logger = get_run_logger()
    started = time.perf_counter()
    profiles = load_profiles(params.profiles)
    cache_dir = (Path(params.cache_dir) if params.cache_dir else cache.default_cache_dir()) if params.use_cache else None
    # The run's own output and cache may sit inside a folder it screens: never screen those.
    leave_out = [p for p in (params.out, params.out_root, cache_dir and str(cache_dir)) if p is not None]
    if cache_dir is not None:
        cache.tag_cache_dir(cache_dir)
    files = find_resumes(params.paths, leave_out)
    out_dir = output_folder(params.out, params.out_root, params.timezone)
    workers = params.workers or pipeline.default_workers(len(files))
    chunks = pipeline.chunked(files, pipeline.chunk_size_for(len(files), workers))
    progress.start(len(files))
    logger.info("Screening %d file(s) in %d chunk(s) on %d worker(s) against %d profile(s) into %s; cache: %s",
                len(files), len(chunks), workers, len(profiles), out_dir, cache_dir or "off")

    with pipeline.worker_pool(workers) as pool:
        if pool is None:
            # One process: chunks in turn (the parsers hold the GIL, threads would not help).
            done = [screen_chunk(chunk, profiles, params.reference_date, cache_dir) for chunk in chunks]
        else:
            _POOL["pool"] = pool
            try:
                futures = [screen_chunk.submit(chunk, profiles, params.reference_date, cache_dir) for chunk in chunks]
                done = [f.result() for f in futures]
            finally:
                _POOL.clear()
    read, reused = sum(c.read for c in done), sum(c.reused for c in done)
    logger.info("Read %d file(s), %d from the cache; scored %d, %d score(s) from the cache",
                read, reused, sum(c.scored for c in done), sum(c.scores_reused for c in done))

    tables = build_tables(done, profiles, params.include_contacts, params.lang)
    write_tables(out_dir, tables, profiles, params.lang)
    report = write_html_report(out_dir, tables, profiles, len(files), params.include_contacts, params.lang)
    publish_artifacts(tables, profiles, len(files))
    seconds = time.perf_counter() - started
    duplicates = int(tables.candidates["is_duplicate"].sum())
    result = RunSummary(
        out_dir=str(out_dir),
        files=len(files),
        ranked=tables.candidates.height,
        errors=tables.errors.height,
        profiles=[p.id for p in profiles],
        seconds=round(seconds, 3),
        files_per_second=round(len(files) / seconds, 2) if seconds else 0.0,
        read=read,
        reused=reused,
        duplicates=duplicates,
        report=str(report),
    )
    if params.out_root is not None:
        mark_latest(params.out_root, out_dir, result.model_dump())
    logger.info("Ranked %d résumé(s) (%d duplicate(s)), %d error(s), in %.1f s",
                result.ranked, duplicates, result.errors, seconds)
    return result
