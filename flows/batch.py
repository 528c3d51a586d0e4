"""One screening run as a plain function: find résumés, screen each in a worker process, rank, write the tables HR reads.

``screener run``, ``screener serve`` and deployments reach it through the ``screen`` flow
(flows/screen.py), which adds the Prefect UI's artifacts; tests can call it directly. It holds no
state between runs: the caller passes the parameters, the progress callback and the logger, and the
worker processes live only as long as the run (the fork server they come from, which holds the
loaded models, lives as long as the process: flows/isolation.py).
"""

import logging
import time
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

import polars as pl
from pydantic import BaseModel, Field, field_validator, model_validator

from extractors.readers.limits import ReadLimits
from flows import cache, destination, isolation, pipeline, retention, runs
from flows.progress import NoProgress, Progress
from flows.spill import FrameParts, LineStore
from job_profiles.profile import JobProfile, bundled_profiles, one_each, resolve_profile
from outputs import blind
from outputs.audit import adverse_impact
from outputs.export import profile_tables, write_outputs
from outputs.interview_guide import DEFAULT_SHORTLIST, build_guide, write_guide
from outputs.private_paths import masked_paths, with_paths
from outputs.report_html import DETAIL_LIMIT, build_report, write_report
from outputs.tables import (
    CANDIDATES_SCHEMA,
    CONTACT_MASK,
    RESULTS_SCHEMA,
    candidates_frame,
    errors_frame,
    rank,
    scores_frame,
    without_contact_evidence,
)
from scoring.duplicates import with_duplicates
from scoring.score import CandidateScore
from screener.models import Candidate

EARLIEST_REFERENCE = date(1990, 1, 1)


def reference_date_problem(value: date) -> str | None:
    """Why ``value`` cannot be a reference date (None when it can): 9999-12-31 counted 95,766 months."""
    latest = date.today() + timedelta(days=366)
    if not EARLIEST_REFERENCE <= value <= latest:
        return f"reference date {value} is outside {EARLIEST_REFERENCE} … {latest} (about a year from today)"
    return None


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
    blind: bool = Field(default=False, description="Name candidates by a code (C0001 …) and hide contacts and personal facts "
                                                    "in every output; the key is blind_key/blind_key.csv, owner-only")
    lang: Literal["zh", "en"] = Field(default="zh", description="Language of the workbook's headers and the report")
    shortlist: int = Field(default=DEFAULT_SHORTLIST, ge=1, description="Candidates per role in interview_guide.xlsx and the report's interview guide")
    cache_dir: str | None = Field(default=None, description="Incremental cache folder; default $SCREENER_CACHE_DIR or ~/.cache/resume-screener")
    use_cache: bool = Field(default=True, description="False: read and score everything again, write no cache")
    timezone: str = Field(default=runs.DEFAULT_TIMEZONE, description="Time zone of the dated run folders' names")
    file_timeout: float = Field(default=isolation.DEFAULT_TIMEOUT, gt=0, description="Seconds one file may take; a slower file gets a 'timeout' error row")
    follow_links: bool = Field(default=False, description="Follow links that lead out of a folder screened (by default such a link is an error row)")
    file_memory_mb: int = Field(default=isolation.DEFAULT_MEMORY_MB, ge=isolation.MIN_MEMORY_MB,
                                description="Memory (MB of address space) a worker may add to screen one file, over what its models hold; "
                                            "past it the file gets an 'out_of_memory' or 'crashed' row")
    read_limits: ReadLimits = Field(default_factory=ReadLimits,
                                    description="Caps on what one file may hold (pages, characters, zip, cells, e-mail parts, "
                                                "HTML elements); past one a file gets a 'too_complex' row (README: the limits table)")
    retain: str | None = Field(default=None, description="After the run, delete cache entries and run folders older than this "
                                                         "(e.g. 90d, 12h, 2w; flows/retention.py); default: keep them")

    @field_validator("retain")
    @classmethod
    def _an_age(cls, value: str | None) -> str | None:
        if value is not None:
            retention.parse_age(value)
        return value

    @field_validator("reference_date")
    @classmethod
    def _sane_reference_date(cls, value: date | None) -> date | None:
        if value is not None and (problem := reference_date_problem(value)):
            raise ValueError(problem)
        return value
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
        if self.blind and self.include_contacts:
            raise ValueError("blind hides contact details; leave out include_contacts")
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
    interview_guide: str = ""


class Tables(BaseModel):
    model_config = {"arbitrary_types_allowed": True}

    results: pl.DataFrame
    candidates: pl.DataFrame
    errors: pl.DataFrame
    people: list[Candidate]  # with their lines, for the report's evidence marks
    # Each profile's ranked table, built once for the files, the report and the artifacts.
    ranked: dict[str, pl.DataFrame]
    audit: pl.DataFrame  # outputs/audit.py, from the scored tables before any blinding
    key: pl.DataFrame | None = None  # a blind run's codes → names and paths (blind_key.csv)


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
    profiles = one_each([resolve_profile(i) for i in (params.profiles or list(bundled_profiles()))])
    cache_dir = (Path(params.cache_dir) if params.cache_dir else cache.default_cache_dir()) if params.use_cache else None
    check_destination(params, cache_dir)  # before a file is read: one line, not a traceback after the screening
    # The run's own output and cache may sit inside a folder it screens: never screen those.
    leave_out = [Path(p) for p in (params.out, params.out_root, cache_dir) if p is not None]
    if cache_dir is not None:
        try:
            cache.tag_cache_dir(cache_dir)
        except OSError as exc:  # an unwritable cache costs time, never the run
            log.warning("The cache %s cannot be written (%s): screening without it", cache_dir, exc.strerror or exc)
            cache_dir = None
    inputs = pipeline.find_inputs((Path(p) for p in params.paths), leave_out=leave_out, follow_links=params.follow_links)
    files = inputs.files
    total = len(files) + len(inputs.errors)  # every path found has its row, a FIFO or a dangling link too
    out_dir = Path(params.out) if params.out is not None else runs.new_run_folder(Path(params.out_root), timezone=params.timezone)  # type: ignore[arg-type]
    workers = params.workers or pipeline.default_workers(len(files))
    limits = isolation.FileLimits(timeout=params.file_timeout, memory_mb=params.file_memory_mb)
    # A file that broke a limit is remembered under the time, memory and read limits alike.
    remembered = ";".join(part for part in (limits.key(), params.read_limits.key()) if part)
    progress.start(total)
    if inputs.errors:
        progress.advance(len(inputs.errors), 0, 0)
    log.info("Screening %d file(s) (and %d path(s) that are not files) on %d worker(s) against %d profile(s) into %s; "
             "cache: %s; each file: %s", len(files), len(inputs.errors), workers, len(profiles), out_dir, cache_dir or "off", remembered)

    job = isolation.Job(profiles=profiles, reference_date=params.reference_date, cache_dir=cache_dir, limits=limits,
                        read_limits=params.read_limits, failure_key=cache.failure_key(remembered) if cache_dir else None)
    with LineStore() as lines:  # each résumé's lines wait on disk: only the report's detailed rows read them back
        if params.work_pool:
            from flows import distributed  # imports Prefect: only a run on a work pool pays for it

            screened = distributed.screen_on_pool(files, job, params.work_pool, Path(params.shared_dir or out_dir), progress,
                                                  log, params.chunk_files, params.chunk_lease, params.workers, lines)
        else:
            screened = screen_files(files, job, workers, progress, lines)
        done = [pipeline.ChunkResult(errors=inputs.errors), *screened]
        read, reused = sum(c.read for c in done), sum(c.reused for c in done)
        if problem := next((c.cache_problem for c in done if c.cache_problem), ""):
            log.warning("Some results could not be cached (%s): they were screened all the same, and will be again next time", problem)
        log.info("Read %d file(s), %d from the cache; scored %d, %d score(s) from the cache",
                 read, reused, sum(c.scored for c in done), sum(c.scores_reused for c in done))

        tables = build_tables(done, profiles, params.include_contacts, params.lang, params.blind, params.shortlist, lines)
        detailed = {path for table in tables.ranked.values() for path in table["source_path"].head(DETAIL_LIMIT)}
        lines.restore(c for c in tables.people if c.source.path in detailed)
        if tables.key is not None:  # the lines come back from disk as read: mask them as the rest was
            tables.people = blind.mask_texts(tables.people, [], tables.key, params.lang)[0]
    log.info("Audit: %d group(s) shortlisted under 0.8 of the most selected group", int(tables.audit["flagged"].sum()))
    # The workbook and report show paths relative to the folders screened, under run and serve alike.
    roots = [str(Path(p)) for p in params.paths]
    with destination.staged(out_dir) as stage:  # all of the outputs in place, or none of this run's
        write_outputs(stage, tables.results, tables.candidates, tables.errors, tables.ranked, profiles, params.lang, roots,
                      audit=tables.audit)
        if tables.key is not None:
            blind.write_key(stage, tables.key)
        guide = build_guide(tables.ranked, tables.results, profiles, params.shortlist, params.include_contacts, params.lang)
        guide_path = out_dir / write_guide(stage / "interview_guide.xlsx", guide).name
        report = build_report(tables.ranked, tables.results, tables.people, tables.errors, profiles, total,
                              params.include_contacts, params.lang, roots=roots, guide=guide, audit=tables.audit,
                              ranked=tables.candidates.height)
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
        interview_guide=str(guide_path),
    )
    if params.out_root is not None:
        runs.mark_latest(Path(params.out_root), out_dir, summary.model_dump())
    if params.retain is not None:  # after the run is marked latest, so the purge never takes it
        purged = retention.purge(retention.parse_age(params.retain), cache_dir,
                                 [Path(params.out_root)] if params.out_root is not None else [], delete=True)
        log.info("Retention %s: %s", params.retain, purged.lines()[-1])
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


# Candidates made into table rows this many at a time (flows/spill.py): a batch of 500 left 140 MB of
# freed objects resident (fragmented), one of 25 leaves 30 MB, at the same speed.
TABLE_BATCH = 25


def _batches(
    parts: Iterable[tuple[list[Candidate], list[CandidateScore]]], size: int = TABLE_BATCH
) -> Iterator[tuple[list[Candidate], list[CandidateScore]]]:
    people: list[Candidate] = []
    scores: list[CandidateScore] = []
    for more_people, more_scores in parts:
        people += more_people
        scores += more_scores
        if len(people) >= size:
            yield people, scores
            people, scores = [], []
    if people or scores:
        yield people, scores


def build_tables(
    chunks: list[pipeline.ChunkResult], profiles: list[JobProfile], include_contacts: bool, lang: str = "zh", blind_run: bool = False,
    shortlist: int = DEFAULT_SHORTLIST, store: LineStore | None = None,
) -> Tables:
    """The run's tables, built a batch of candidates at a time (from ``store`` for the results it took).

    ``Tables.people`` holds only the candidates the report details (the first ``DETAIL_LIMIT`` of
    each profile), as the report shows them; their lines stay where they are (``store``)."""
    def screened(paths: set[str] | None = None) -> Iterator[tuple[list[Candidate], list[CandidateScore]]]:
        return _batches(store.screened(chunks, paths) if store is not None else ((c.candidates, c.scores) for c in chunks))

    failed = [e for chunk in chunks for e in chunk.errors]
    # What needs every résumé at once is small: the paths, and for a blind run the names.
    known: list[tuple[str, str, str | None]] = []
    scored: set[str] = set()
    keys = store.known(chunks) if store is not None else (
        ([(c.source.path, c.source.sha256, c.name) for c in chunk.candidates], [s.source_path for s in chunk.scores]) for chunk in chunks)
    for people_keys, score_paths in keys:
        known += people_keys
        scored.update(score_paths)
    shown: dict[str, str] | None = None
    if not include_contacts:  # a phone in a file name stays out of every table, the report and the artifacts
        paths = [p for p, _, _ in known] + sorted(scored) + [e.source.path for e in failed]
        shown = masked_paths(paths, CONTACT_MASK.get(lang, CONTACT_MASK["zh"]))
        shown = None if all(shown[p] == p for p in shown) else shown
        failed = with_paths([], [], failed, shown)[2] if shown is not None else failed
    original = {shown[p] if shown is not None else p: p for p, _, _ in known}  # shown paths are distinct
    known = [(shown[p] if shown is not None else p, sha, name) for p, sha, name in known]
    key = blind.codes_for(known, [e.source.path for e in failed]) if blind_run else None

    def masked(people: list[Candidate], scores: list[CandidateScore]) -> tuple[list[Candidate], list[Candidate], list[CandidateScore]]:
        """The batch under its shown paths, then as tabled: texts masked; scores untouched."""
        if shown is not None:
            people, scores, _ = with_paths(people, scores, [], shown)
        tabled = people
        if key is not None:  # names, contacts and personal facts out of every text
            tabled, scores = blind.mask_texts(people, scores, key, lang)
        elif not include_contacts:  # a referee's phone in a job line stays out of the tables too
            tabled, scores = without_contact_evidence(people, scores, lang)
        return people, tabled, scores

    with FrameParts(CANDIDATES_SCHEMA) as rows, FrameParts(RESULTS_SCHEMA) as score_rows:
        for people, scores in screened():
            _, tabled, scores = masked(people, scores)
            rows.add(candidates_frame(tabled))
            score_rows.add(scores_frame(scores))
        candidates = with_duplicates(rows.frame())
        results = rank(score_rows.frame(), candidates)
    errors = errors_frame(failed)
    ranked = profile_tables(results, candidates, [p.id for p in profiles], include_contacts)
    audit = adverse_impact(results, candidates, shortlist)  # read only: it never feeds a score or a rank
    # The report's detailed rows, read back once more: only those candidates are kept as objects.
    detailed = {path for table in ranked.values() for path in table["source_path"].head(DETAIL_LIMIT)}
    reported: list[Candidate] = []
    for people, _ in screened({original[path] for path in detailed if path in original}):
        if chosen := [c for c in people if (shown[c.source.path] if shown is not None else c.source.path) in detailed]:
            people, tabled, _ = masked(chosen, [])
            reported += tabled if key is not None else people
    if key is None:
        return Tables(results=results, candidates=candidates, errors=errors, people=reported, ranked=ranked, audit=audit)
    # Codes replace names and paths only now, after the ranks were set by the real paths.
    return Tables(
        results=blind.blind_table(results, key), candidates=blind.blind_candidates(candidates, key),
        errors=blind.blind_errors(errors, key, lang), people=blind.blind_people(reported, key),
        ranked={pid: blind.blind_table(t, key) for pid, t in ranked.items()}, audit=audit, key=key,
    )
