"""``screener``: a thin command line over the library. Each command is one library call.

Bad arguments end with a one-line message and exit code 2; a batch with unreadable files still
exits 0 (the files are listed in errors.csv).
"""

import argparse
import json
import math
import os
import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flows.batch import ScreenParameters

EXIT_USAGE = 2


class UsageError(Exception):
    """Arguments the command cannot run with; printed as one line."""


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"not a number of seconds above 0: {text!r}")
    return value


def _age(text: str) -> str:
    """90d, 12h or 2w, checked here and kept as written (serve stores it with the deployment)."""
    from flows.retention import parse_age

    try:
        parse_age(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text.strip()


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a whole number of 1 or more: {text!r}")
    return value


def _megabytes(text: str) -> int:
    """2G, 1500M or 1500 (MB) → MB."""
    from flows.isolation import MIN_MEMORY_MB

    size = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([MG]?)(?:I?B)?\s*", text, re.IGNORECASE)
    if size is None:
        raise argparse.ArgumentTypeError(f"not a size such as 2G or 1500M: {text!r}")
    megabytes = int(float(size[1]) * (1024 if size[2].upper() == "G" else 1))
    if megabytes < MIN_MEMORY_MB:
        raise argparse.ArgumentTypeError(f"{text!r} is below the {MIN_MEMORY_MB} MB even an ordinary résumé may need")
    return megabytes


def _read_cap(name: str) -> Callable[[str], float]:
    """A parser for the read cap ``name`` (extractors/readers/limits.py) that refuses, with its range,
    what ``ReadLimits`` would: 0, a negative, or a value too high for the cap to guard anything."""
    from extractors.readers.limits import ReadLimits

    field = ReadLimits.model_fields[name]
    low = next(m.ge for m in field.metadata if hasattr(m, "ge"))
    high = next(m.le for m in field.metadata if hasattr(m, "le"))
    whole = field.annotation is int

    def parse(text: str) -> float:
        try:
            value: float = int(text) if whole else float(text)
        except ValueError:
            value = math.nan
        if not low <= value <= high:  # NaN fails this too
            kind = "a whole number" if whole else "a number"
            raise argparse.ArgumentTypeError(f"not {kind} from {low:,} to {high:,}: {text!r}")
        return value

    return parse


def _quiet_prefect_defaults() -> None:
    """Embedded-mode settings measured to matter on small machines; the user's own settings win."""
    if not os.environ.get("PREFECT_API_URL"):
        os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
        os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


def _check_run_args(args: argparse.Namespace) -> None:
    from job_profiles.profile import one_each, resolve_profile

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        raise UsageError(f"no such file or folder: {missing[0]}")
    if args.blind and args.include_contacts:
        raise UsageError("--blind hides contact details: leave out --include-contacts")
    # Fail now, before Prefect starts, with the file and line at fault.
    one_each([resolve_profile(profile) for profile in args.profile or []])
    if args.reference_date is not None:
        from flows.batch import reference_date_problem

        if problem := reference_date_problem(args.reference_date):
            raise UsageError(f"--reference-date: {problem}")
    folders = (("--out", getattr(args, "out", None)), ("--out-root", args.out_root), ("--cache-dir", args.cache_dir))
    for flag, folder in folders:
        if folder is not None and Path(folder).exists() and not Path(folder).is_dir():
            raise UsageError(f"{flag} must be a folder, and {folder} is a file")
    from flows import cache, destination

    cache_dir = None if getattr(args, "no_cache", False) else (args.cache_dir or cache.default_cache_dir())
    problem = destination.above_inputs(args.paths, {**dict(folders), "--cache-dir": cache_dir})
    if problem is None and (out := getattr(args, "out", None) or args.out_root) is not None:
        problem = destination.unwritable(Path(out))  # now, not after an hour of screening
    if problem:
        raise UsageError(problem)


def cmd_run(args: argparse.Namespace) -> int:
    """Screen résumés against profiles and write ranked tables.

    Example: screener run data/samples --profile loan_account_manager --out output
    """
    _check_run_args(args)
    if args.engine:
        _use_engine(args.engine)
    _quiet_prefect_defaults()
    from flows import isolation

    if not args.engine:
        isolation.prestart()  # the workers' models load while Prefect starts its server
    from flows.screen import screen
    from screener.progress_bar import ProgressBar

    # On a work pool the workers see the files by their absolute paths.
    engine = {"work_pool": args.work_pool, "shared_dir": args.shared_dir, "chunk_files": args.chunk_files,
              "chunk_lease": args.chunk_lease} if args.engine else {}
    params = _screen_parameters(
        args, paths=[str(Path(p).absolute()) if args.engine else str(p) for p in args.paths], out=args.out,
        out_root=args.out_root, use_cache=not args.no_cache, **engine,
    )
    with ProgressBar(enabled=False if args.no_progress else None) as bar:
        summary = screen(params, progress=bar)
    print(
        f"screened {summary.files} file(s): {summary.ranked} ranked, {summary.errors} error(s), "
        f"{len(summary.profiles)} profile(s), {summary.seconds:.1f} s; read {summary.read}, "
        f"{summary.reused} from the cache; tables, report.html and interview_guide.xlsx in {summary.out_dir}"
    )
    return 0


def _use_engine(api_url: str) -> None:
    """Talk to the Prefect server at ``api_url`` (before Prefect is imported), failing now if it does not answer."""
    from flows.server import api_healthy

    if not api_healthy(api_url):
        raise UsageError(f"no Prefect server answers at {api_url}; start one (README: More than one machine)")
    os.environ["PREFECT_API_URL"] = api_url


def cmd_worker(args: argparse.Namespace) -> int:
    """Screen chunks of other machines' runs: a Prefect process worker on the work pool, until stopped.

    This machine must see the files screened, the output folder and the cache folder at the same paths.
    Example: screener worker --engine http://scheduler:4200/api --work-pool screener
    """
    import subprocess

    from flows.server import prefect_command

    _use_engine(args.engine)
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
    command = [*prefect_command(), "worker", "start", "--pool", args.work_pool, "--type", "process", "--limit", str(args.limit)]
    try:
        return subprocess.call(command)
    except KeyboardInterrupt:
        return 0


def _screen_parameters(args: argparse.Namespace, **where: Any) -> "ScreenParameters":
    """The run's parameters: the options `run` and `serve` share, plus the paths and where it writes."""
    from extractors.readers.limits import ReadLimits
    from flows.batch import ScreenParameters

    return ScreenParameters(
        profiles=args.profile or [],
        reference_date=args.reference_date,
        workers=args.workers,
        include_contacts=args.include_contacts,
        lang=args.lang,
        shortlist=args.shortlist,
        cache_dir=args.cache_dir,
        file_timeout=args.file_timeout,
        file_memory_mb=args.file_memory,
        read_limits=ReadLimits(**{name: getattr(args, name) for name in _read_caps()}),
        follow_links=args.follow_links,
        blind=args.blind,
        retain=getattr(args, "retain", None),
        **where,
    )


def cmd_serve(args: argparse.Namespace) -> int:
    """Screen folders on a cron schedule, each run into a new dated folder, until stopped (Ctrl-C).

    Uses the Prefect server at PREFECT_API_URL, or starts and supervises a local `prefect server`.
    Example: screener serve /srv/inbox --out-root /srv/screening --cron "0 2 * * *"
    """
    _check_run_args(args)
    from flows.server import SupervisedServer, api_healthy, existing_server

    server = None
    info = existing_server()
    if info is not None:
        if not api_healthy(info.api_url):
            raise UsageError(f"PREFECT_API_URL={info.api_url} does not answer; start that server or unset the variable")
        print(f"screener serve: using the Prefect server at {info.api_url} (from PREFECT_API_URL)")
    else:
        server = SupervisedServer(port=args.port, log_path=Path(args.out_root) / "prefect-server.log")
        Path(args.out_root).mkdir(parents=True, exist_ok=True)
        print(f"screener serve: PREFECT_API_URL is not set; starting a local Prefect server on port {args.port} ...")
        info = server.start()
        os.environ["PREFECT_API_URL"] = info.api_url  # before Prefect is imported in this process
        print(f"screener serve: started and supervising a local Prefect server at {info.api_url} "
              f"(log: {server.log_path}); it stops when serve stops")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
    try:
        from flows.serve import ServeConfig, serve_forever

        params = _screen_parameters(
            args, paths=[str(Path(p).resolve()) for p in args.paths], out_root=str(Path(args.out_root).resolve()),
            timezone=args.timezone,
        )
        config = ServeConfig(params=params, cron=args.cron, name=args.name)
        root = params.out_root
        print(f"screener serve: deployment screen/{config.name}, cron {config.cron!r} in {params.timezone}; "
              f"runs land in {root}/<date>/ (newest: {root}/latest); UI: {info.ui_url}/runs")
        serve_forever(config)
    except KeyboardInterrupt:
        pass
    finally:
        if server is not None:
            server.stop()
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    """Delete cached résumé text and dated run folders older than an age. A dry run unless --yes.

    Only the screener's own files go: entries of a cache folder marked by its CACHEDIR.TAG, and dated
    run folders under each --out-root; the run `latest` names is kept; links are never followed.
    Example: screener purge --older-than 90d --out-root /srv/screening          (lists what would go)
             screener purge --older-than 90d --out-root /srv/screening --yes    (deletes it)
    """
    from flows import cache
    from flows.retention import parse_age, purge

    roots = [Path(r) for r in args.out_root]
    for root in roots:
        if not root.is_dir():
            raise UsageError(f"--out-root {root} is not a folder")
    cache_dir = Path(args.cache_dir) if args.cache_dir else cache.default_cache_dir()
    if args.cache_dir and not cache_dir.is_dir():
        raise UsageError(f"--cache-dir {cache_dir} is not a folder")
    done = purge(parse_age(args.older_than), cache_dir, roots, delete=args.yes)
    print(f"screener purge: cache {cache_dir}; run folders under {', '.join(map(str, roots)) or '(no --out-root given)'}; "
          f"older than {args.older_than}")
    for line in done.lines():
        print(line)
    return 1 if done.failed else 0


def cmd_extract(args: argparse.Namespace) -> int:
    """Print what is extracted from one résumé, as JSON.

    Example: screener extract data/samples/resumes/loan_strong_zhang_ceshi.pdf
    """
    from extractors.fields.candidate import extract_candidate
    from extractors.readers.document import read_document
    from screener.models import ReadError

    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    document = read_document(path)
    if isinstance(document, ReadError):
        print(json.dumps({"source": document.source.model_dump(), "error": {"code": document.code, "reason": document.reason}}, ensure_ascii=False, indent=2))
        return 1
    candidate = extract_candidate(document, args.reference_date)
    print(json.dumps(candidate.model_dump(mode="json"), ensure_ascii=False, indent=2))
    return 0


def cmd_ner(args: argparse.Namespace) -> int:
    """Tag Chinese résumé text with the bundled NER: one text per line in, one JSON object per line out.

    Example: echo "2015年起任示例银行客户经理" | screener ner
    Output: {"text": ..., "ents": [[start, end, label], ...]} with character offsets into the text.
    """
    from extractors.fields.ner_gaps import ner_pipeline, tag

    if ner_pipeline() is None:
        raise UsageError("the NER model is not installed (expected in data/models/zh_resume_ner)")
    texts = _stdin_lines()
    for text, ents in zip(texts, tag(texts, batch_size=args.batch_size)):
        print(json.dumps({"text": text, "ents": [list(e) for e in ents]}, ensure_ascii=False))
    return 0


def _stdin_lines() -> list[str]:
    """Standard input's lines, decoded as the text résumé reader decodes a file (UTF-8, GB18030,
    Big5, UTF-16; a BOM dropped), else as UTF-8 with U+FFFD for each bad byte: a line exported from
    a Windows tool, or a damaged one, must not stop the batch."""
    from extractors.readers.sniff import ReadFailure
    from extractors.readers.text import decode_text

    raw = getattr(sys.stdin, "buffer", None)
    if raw is None:  # a text stream (tests, embedding)
        text = sys.stdin.read()
    else:
        data = raw.read()
        try:
            text = decode_text(data)[0]
        except ReadFailure:
            text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the newline that ends the last line
    return [line.rstrip("\r") for line in lines]


def cmd_profiles_list(args: argparse.Namespace) -> int:
    """List the bundled job profiles.

    Example: screener profiles list
    """
    from job_profiles.profile import bundled_profiles, load_profile

    for pid, path in bundled_profiles().items():
        profile = load_profile(path)
        must = sum(r.must_have for r in profile.requirements)
        print(f"{pid}\t{profile.title.zh} / {profile.title.en}\t{len(profile.requirements)} requirements, {must} must-have")
    return 0


def cmd_profiles_show(args: argparse.Namespace) -> int:
    """Show one profile (a bundled id or a YAML file) as validated YAML, the way profiles are written.

    Example: screener profiles show loan_account_manager > my_profile.yaml
    """
    import yaml

    from job_profiles.profile import resolve_profile

    shown = resolve_profile(args.id).model_dump(mode="json", exclude_none=True)
    print(yaml.safe_dump(shown, allow_unicode=True, sort_keys=False, width=120), end="")
    return 0


def cmd_profiles_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of a job profile, for editors (the committed copy is job_profiles/profile.schema.json).

    Example: screener profiles schema > profile.schema.json
    """
    from job_profiles.profile import profile_json_schema

    print(json.dumps(profile_json_schema(), ensure_ascii=False, indent=2))
    return 0


def cmd_profiles_lint(args: argparse.Namespace) -> int:
    """Flag requirements on protected attributes (age, gender, 户口, health, ...) with the law and the fix,
    and interview competencies (`interview: true`) without `questions:`.

    Exits 1 when a requirement touches a protected attribute without a `justification:` or an interview
    competency has no questions, 2 when the profile does not load, 0 when it is clean.
    Example: screener profiles lint job_profiles/loan_agency_assistant.yaml
    """
    from job_profiles.interview import unasked_competencies
    from job_profiles.profile import bundled_profiles, parse_profile, read_profile_text
    from job_profiles.protected import lint_profile

    bundled = bundled_profiles()
    failed = 0
    for target in args.files:
        path = bundled[target] if target in bundled else Path(target)
        text = read_profile_text(path)  # read and parsed once for both checks
        profile = parse_profile(text, str(path))
        findings = lint_profile(profile, text, str(path))
        for finding in findings:
            print(finding.format())
        unasked = unasked_competencies(profile, text, str(path))
        for line in unasked:
            print(line)
        unjustified = [f for f in findings if not f.justified]
        failed += len(unjustified) + len(unasked)
        problems = [f"{len(unjustified)} unjustified finding(s)"] if unjustified else []
        problems += [f"{len(unasked)} interview competency(-ies) without questions"] if unasked else []
        verdict = ", ".join(problems) or "ok"
        print(f"{path}: {verdict}" + (f", {len(findings) - len(unjustified)} justified" if len(findings) > len(unjustified) else ""))
    return 1 if failed else 0


def cmd_profiles_from_jd(args: argparse.Namespace) -> int:
    """Draft a profile (YAML on stdout) from a free-text job advert: 岗位职责 / 任职资格 / 任职要求, or English.

    Age, gender and other protected lines are kept, flagged and never scored; review the draft, then
    run `screener profiles lint` on it.
    Example: screener profiles from-jd advert.txt --id loan_officer > job_profiles/loan_officer.yaml
    """
    from job_profiles.from_jd import draft_yaml

    path = Path(args.file)
    if args.file != "-" and not path.is_file():
        raise UsageError(f"no such file: {path}")
    text = sys.stdin.read() if args.file == "-" else path.read_text(encoding="utf-8", errors="replace")
    if not text.strip():
        raise UsageError(f"{path}: the job advert is empty")
    sys.stdout.write(draft_yaml(text, args.id))
    return 0


def _screening_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("paths", nargs="+", metavar="PATH", help="résumé files and folders (searched recursively)")
    command.add_argument("--profile", action="append", metavar="ID_OR_FILE", help="profile id or YAML file; repeat for more; default: all bundled")
    command.add_argument("--reference-date", type=_date, metavar="YYYY-MM-DD", help="date that 至今/present counts to when the résumé gives none (default: today)")
    command.add_argument("--workers", type=int, metavar="N", help="worker processes (default: 1 for small batches, all cores for 200+ files)")
    command.add_argument("--include-contacts", action="store_true", help="add phones and e-mails to the ranked tables and report (off by default)")
    command.add_argument("--blind", action="store_true",
                         help="name candidates by a code (C0001 …) in every output and hide contacts, file names and personal "
                              "facts; the key is written to blind_key/blind_key.csv, readable by its owner only")
    command.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of ranked.xlsx headers and report.html (default: zh)")
    command.add_argument("--shortlist", type=_positive, default=10, metavar="N",
                         help="candidates per role in interview_guide.xlsx and the report's interview guide (default: 10)")
    command.add_argument("--cache-dir", metavar="DIR", help="incremental cache (default: $SCREENER_CACHE_DIR or ~/.cache/resume-screener)")
    command.add_argument("--follow-links", action="store_true",
                         help="follow links that lead out of a folder screened (by default each is an error row, not read)")
    command.add_argument("--file-timeout", type=_seconds, default=30.0, metavar="SECONDS",
                         help="seconds one file may take to read, extract and score; a slower one gets a 'timeout' error row (default: 30)")
    command.add_argument("--file-memory", type=_megabytes, default=2048, metavar="SIZE",
                         help="memory (address space) a worker may add to screen one file, over what its models hold, e.g. "
                              "2G or 1500M; past it the file gets an 'out_of_memory' or 'crashed' error row (default: 2G)")
    _read_limit_options(command)


def _read_caps() -> dict[str, Any]:
    """Each read cap's field (name, default, description, bounds): one flag each."""
    from extractors.readers.limits import ReadLimits

    return dict(ReadLimits.model_fields)


def _read_limit_options(command: argparse.ArgumentParser) -> None:
    from extractors.readers.limits import flag

    caps = command.add_argument_group(
        "limits on what one file may hold",
        "Far above any résumé. Past one, a file gets a 'too_complex' error row naming the flag, in milliseconds "
        "instead of minutes; a PDF past --max-pages has its first pages read, with a note. A file refused under "
        "one value is read again by a run with another.")
    for name, field in _read_caps().items():
        caps.add_argument(flag(name), type=_read_cap(name), default=field.default, metavar="MB" if name.endswith("_mb") else "N",
                          help=f"{field.description} (default: {field.default:,})")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="screener", description="Screen résumés against job profiles.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="screen résumés and write ranked tables", description=cmd_run.__doc__)
    _screening_options(run)
    where = run.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", metavar="DIR", help="folder for ranked.xlsx, report.html, interview_guide.xlsx, <profile>.csv, results.parquet, candidates.parquet, errors.csv")
    where.add_argument("--out-root", metavar="DIR", help="write into a new dated folder under DIR instead, and point DIR/latest at it")
    run.add_argument("--no-cache", action="store_true", help="read and score every file again and write no cache")
    run.add_argument("--no-progress", action="store_true", help="no progress bar (it is drawn only on a terminal anyway)")
    run.add_argument("--engine", metavar="URL", help="screen on the workers of the Prefect server at URL (e.g. "
                                                     "http://host:4200/api) instead of this machine's processes")
    run.add_argument("--work-pool", default="screener", metavar="NAME", help="with --engine: the work pool whose workers screen (default: screener)")
    run.add_argument("--shared-dir", metavar="DIR", help="with --engine: where workers write chunk results, the same path "
                                                         "on every machine (default: the output folder)")
    run.add_argument("--chunk-files", type=int, default=200, metavar="N", help="with --engine: files per chunk a worker takes (default: 200)")
    run.add_argument("--chunk-lease", type=_seconds, default=90.0, metavar="SECONDS",
                     help="with --engine: a chunk whose worker is silent this long goes to another worker (default: 90)")
    run.set_defaults(func=cmd_run)

    worker = commands.add_parser("worker", help="screen chunks of runs started with --engine (a Prefect worker)", description=cmd_worker.__doc__)
    worker.add_argument("--engine", required=True, metavar="URL", help="the Prefect server's API, e.g. http://host:4200/api")
    worker.add_argument("--work-pool", default="screener", metavar="NAME", help="the work pool to take chunks from (default: screener)")
    worker.add_argument("--limit", type=int, default=1, metavar="N", help="chunks screened at once (default: 1; each uses all cores)")
    worker.set_defaults(func=cmd_worker)

    serve = commands.add_parser("serve", help="screen folders on a cron schedule (a Prefect deployment)", description=cmd_serve.__doc__)
    _screening_options(serve)
    serve.add_argument("--out-root", required=True, metavar="DIR", help="each run writes into a new dated folder under DIR; DIR/latest is the newest")
    serve.add_argument("--cron", default="0 2 * * *", metavar="EXPR", help='when to run, cron syntax (default: "0 2 * * *", 02:00 daily)')
    serve.add_argument("--timezone", default="Asia/Shanghai", metavar="TZ", help="time zone of the cron schedule and folder names (default: Asia/Shanghai)")
    serve.add_argument("--name", default="nightly", help="deployment name shown in the Prefect UI (default: nightly)")
    serve.add_argument("--port", type=int, default=4200, help="port of the local Prefect server when PREFECT_API_URL is not set (default: 4200)")
    serve.add_argument("--retain", type=_age, metavar="AGE",
                       help="after each run, delete cache entries and run folders older than AGE, e.g. 90d (see `screener purge`)")
    serve.set_defaults(func=cmd_serve)

    purge = commands.add_parser("purge", help="delete cached résumé text and run folders past an age (dry run unless --yes)",
                                description=cmd_purge.__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    purge.add_argument("--older-than", required=True, type=_age, metavar="AGE", help="age such as 90d, 12h or 2w (last written before it)")
    purge.add_argument("--cache-dir", metavar="DIR", help="the cache (default: $SCREENER_CACHE_DIR or ~/.cache/resume-screener)")
    purge.add_argument("--out-root", action="append", default=[], metavar="DIR",
                       help="a folder of dated runs (run --out-root, serve --out-root); repeat for more")
    purge.add_argument("--yes", action="store_true", help="delete; without it nothing is deleted, only listed")
    purge.set_defaults(func=cmd_purge)

    extract = commands.add_parser("extract", help="print the fields extracted from one résumé as JSON", description=cmd_extract.__doc__)
    extract.add_argument("file", metavar="FILE")
    extract.add_argument("--reference-date", type=_date, metavar="YYYY-MM-DD", help="date that 至今/present counts to (default: today)")
    extract.set_defaults(func=cmd_extract)

    ner = commands.add_parser("ner", help="tag text lines from standard input with the résumé NER", description=cmd_ner.__doc__)
    ner.add_argument("--batch-size", type=int, default=128, metavar="N", help="texts per nlp.pipe batch")
    ner.set_defaults(func=cmd_ner)

    profiles = commands.add_parser("profiles", help="list, show, lint and draft job profiles")
    profile_commands = profiles.add_subparsers(dest="profiles_command", required=True, metavar="COMMAND")
    plist = profile_commands.add_parser("list", help="list bundled profiles", description=cmd_profiles_list.__doc__)
    plist.set_defaults(func=cmd_profiles_list)
    show = profile_commands.add_parser("show", help="show one profile", description=cmd_profiles_show.__doc__)
    show.add_argument("id", metavar="ID_OR_FILE")
    show.set_defaults(func=cmd_profiles_show)
    schema = profile_commands.add_parser("schema", help="print the profile JSON Schema", description=cmd_profiles_schema.__doc__)
    schema.set_defaults(func=cmd_profiles_schema)
    lint = profile_commands.add_parser("lint", help="flag requirements on protected attributes and interview competencies without questions", description=cmd_profiles_lint.__doc__)
    lint.add_argument("files", nargs="+", metavar="FILE", help="profile YAML files or bundled ids")
    lint.set_defaults(func=cmd_profiles_lint)
    from_jd = profile_commands.add_parser("from-jd", help="draft a profile from a job advert", description=cmd_profiles_from_jd.__doc__)
    from_jd.add_argument("file", metavar="FILE", help="the advert as text (UTF-8), or - for stdin")
    from_jd.add_argument("--id", metavar="PROFILE_ID", help="id of the drafted profile (default: from the title)")
    from_jd.set_defaults(func=cmd_profiles_from_jd)
    return parser


def main(argv: list[str] | None = None) -> int:
    # Résumé-sized matrices gain nothing from BLAS threads and lose to their start-up and contention
    # (one core screened 30 résumés/s with default threads, 35 with one); the user's settings win.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    from job_profiles.profile import ProfileError

    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "workers", None) is not None and args.workers < 1:
        parser.exit(EXIT_USAGE, "screener: error: --workers must be 1 or more\n")
    try:
        return args.func(args)
    except (UsageError, ProfileError) as exc:
        print(f"screener: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader stopped early (`screener ner < lines.txt | head`): no traceback, as other tools.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
