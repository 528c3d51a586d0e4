"""One screening run as a plain function: find résumés, screen each in a worker process, rank, write the tables HR reads.

``screener run``, ``screener serve`` and deployments reach it through the ``screen`` flow
(flows/screen.py), which adds the Prefect UI's artifacts; tests can call it directly. It holds no
state between runs: the caller passes the parameters, the progress callback and the logger, and the
worker processes live only as long as the run (the fork server they come from, which holds the
loaded models, lives as long as the process: flows/isolation.py).
"""

import logging
import time
from datetime import date
from pathlib import Path
from typing import Any, Literal

import polars as pl
from pydantic import BaseModel, Field, model_validator

from flows import cache, destination, isolation, pipeline, runs
from flows.progress import NoProgress, Progress
from flows.spill import LineStore
from job_profiles.profile import JobProfile, bundled_profiles, resolve_profile
from outputs.export import profile_tables, write_outputs
from outputs.report_html import DETAIL_LIMIT, build_report, write_report
from outputs.tables import (
    candidates_frame,
    errors_frame,
    results_frame,
    without_contact_evidence,
)
from scoring.duplicates import with_duplicates
from screener.models import Candidate


class ScreenParameters(BaseModel):
    """Everything a screening run takes: what ``screener run`` builds from its options, and what a
    deployment stores (as JSON) and Prefect validates back into this model for each scheduled run."""

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
    file_timeout: float = Field(default=isolation.DEFAULT_TIMEOUT, gt=0, description="Seconds one file may take; a slower file gets a 'timeout' error row")
    follow_links: bool = Field(default=False, description="Follow links that lead out of a folder screened (by default such a link is an error row)")
    file_memory_mb: int = Field(default=isolation.DEFAULT_MEMORY_MB, ge=isolation.MIN_MEMORY_MB,
                                description="Memory (MB of address space) a worker may add to screen one file, over what its models hold; "
                                            "past it the file gets an 'out_of_memory' or 'crashed' row")
    work_pool: str | None = Field(default=None, description="Screen the files in chunks on this Prefect work pool's workers "
                                                            "(a Prefect server at PREFECT_API_URL; README: More than one machine)")
    shared_dir: str | None = Field(default=None, description="With work_pool: the folder workers write chunk results into, "
                                                             "at the same path on every machine; default: the output folder")
    chunk_files: int = Field(default=200, ge=1, description="With work_pool: files per chunk run")
    chunk_lease: float = Field(default=90.0, gt=0, description="With work_pool: seconds a chunk's worker may stay silent "
                                                               "before the chunk is given to another")

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


class Screening(BaseModel):
    """What a run produced: its summary, and the tables and profiles the flow publishes to the UI."""

    summary: RunSummary
    tables: Tables
    profiles: list[JobProfile]


def screen_batch(
    params: ScreenParameters, progress: Progress | None = None, logger: logging.Logger | logging.LoggerAdapter[Any] | None = None
) -> Screening:
    """Screen the files ``params`` names against its profiles and write the tables, workbook and report.

    ``progress`` hears of this run's files only; ``logger`` gets the counts (the flow passes Prefect's
    run logger, so they show in the UI). Worker processes are started here and stopped before the
    tables are written; each file gets ``params.file_timeout`` seconds and ``params.file_memory_mb``.
    Raises ``DestinationError`` before reading anything when the output folder cannot be used.
    """
    progress = NoProgress() if progress is None else progress
    log = logging.getLogger(__name__) if logger is None else logger
    started = time.perf_counter()
    profiles = [resolve_profile(i) for i in (params.profiles or list(bundled_profiles()))]
    cache_dir = (Path(params.cache_dir) if params.cache_dir else cache.default_cache_dir()) if params.use_cache else None
    check_destination(params, cache_dir)  # before a file is read: one line, not a traceback after the screening
    # The run's own output and cache may sit inside a folder it screens: never screen those.
    leave_out = [Path(p) for p in (params.out, params.out_root, cache_dir) if p is not None]
    if cache_dir is not None:
        cache.tag_cache_dir(cache_dir)
    inputs = pipeline.find_inputs((Path(p) for p in params.paths), leave_out=leave_out, follow_links=params.follow_links)
    files = inputs.files
    total = len(files) + len(inputs.errors)  # every path found has its row, a FIFO or a dangling link too
    out_dir = Path(params.out) if params.out is not None else runs.new_run_folder(Path(params.out_root), timezone=params.timezone)  # type: ignore[arg-type]
    workers = params.workers or pipeline.default_workers(len(files))
    limits = isolation.FileLimits(timeout=params.file_timeout, memory_mb=params.file_memory_mb)
    progress.start(total)
    if inputs.errors:
        progress.advance(len(inputs.errors), 0, 0)
    log.info("Screening %d file(s) (and %d path(s) that are not files) on %d worker(s) against %d profile(s) into %s; "
             "cache: %s; each file: %s", len(files), len(inputs.errors), workers, len(profiles), out_dir, cache_dir or "off", limits.key())

    job = isolation.Job(profiles=profiles, reference_date=params.reference_date, cache_dir=cache_dir, limits=limits,
                        failure_key=cache.failure_key(limits.key()) if cache_dir else None)
    with LineStore() as lines:  # each résumé's lines wait on disk: only the report's detailed rows read them back
        if params.work_pool:
            from flows import distributed  # imports Prefect: only a run on a work pool pays for it

            screened = distributed.screen_on_pool(files, job, params.work_pool, Path(params.shared_dir or out_dir), progress,
                                                  log, params.chunk_files, params.chunk_lease, params.workers, lines)
        else:
            screened = screen_files(files, job, workers, progress, lines)
        done = [pipeline.ChunkResult(errors=inputs.errors), *screened]
        read, reused = sum(c.read for c in done), sum(c.reused for c in done)
        log.info("Read %d file(s), %d from the cache; scored %d, %d score(s) from the cache",
                 read, reused, sum(c.scored for c in done), sum(c.scores_reused for c in done))

        tables = build_tables(done, profiles, params.include_contacts, params.lang)
        detailed = {path for table in tables.ranked.values() for path in table["source_path"].head(DETAIL_LIMIT)}
        lines.restore(c for c in tables.people if c.source.path in detailed)
    with destination.staged(out_dir) as stage:  # all of the outputs in place, or none of this run's
        write_outputs(stage, tables.results, tables.candidates, tables.errors, tables.ranked, profiles, params.lang)
        report = build_report(tables.ranked, tables.results, tables.people, tables.errors, profiles, total,
                              params.include_contacts, params.lang)
        report_path = out_dir / write_report(stage / "report.html", report).name
    seconds = time.perf_counter() - started
    duplicates = int(tables.candidates["is_duplicate"].sum())
    summary = RunSummary(
        out_dir=str(out_dir),
        files=total,
        ranked=tables.candidates.height,
        errors=tables.errors.height,
        profiles=[p.id for p in profiles],
        seconds=round(seconds, 3),
        files_per_second=round(total / seconds, 2) if seconds else 0.0,
        read=read,
        reused=reused,
        duplicates=duplicates,
        report=str(report_path),
    )
    if params.out_root is not None:
        runs.mark_latest(Path(params.out_root), out_dir, summary.model_dump())
    log.info("Ranked %d résumé(s) (%d duplicate(s)), %d error(s), in %.1f s",
             summary.ranked, duplicates, summary.errors, seconds)
    return Screening(summary=summary, tables=tables, profiles=profiles)


def check_destination(params: ScreenParameters, cache_dir: Path | None) -> None:
    """Raise ``DestinationError`` (one line) for an output or cache folder equal to or above a folder
    screened, or an output folder that cannot be written."""
    folders = {"--out": params.out, "--out-root": params.out_root, "--cache-dir": cache_dir}
    problem = destination.above_inputs(params.paths, folders) or destination.unwritable(Path(params.out or params.out_root or "."))
    if problem:
        raise destination.DestinationError(problem)


def screen_files(
    files: list[Path], job: isolation.Job, workers: int, progress: Progress, lines: LineStore | None = None
) -> list[pipeline.ChunkResult]:
    """Each file's result, in the files' order, each screened in a worker process under ``job.limits``;
    with ``lines``, the candidates' lines go there as each result arrives."""
    done: list[pipeline.ChunkResult | None] = [None] * len(files)
    with isolation.isolated_pool(workers, job) as pool:
        for index, result in pool.screen(files):  # file by file on the bar, as each finishes
            if lines is not None:
                lines.take(result)
            done[index] = result
            progress.advance(1, result.read, result.reused)
    return [result for result in done if result is not None]


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
