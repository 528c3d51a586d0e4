"""``screener``: a thin command line over the library. Each command is one library call.

Bad arguments end with a one-line message and exit code 2; a batch with unreadable files still
exits 0 (the files are listed in errors.csv).
"""

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

EXIT_USAGE = 2


class UsageError(Exception):
    """Arguments the command cannot run with; printed as one line."""


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def _quiet_prefect_defaults() -> None:
    """Embedded-mode settings measured to matter on small machines; the user's own settings win."""
    if not os.environ.get("PREFECT_API_URL"):
        os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
        os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


def cmd_run(args: argparse.Namespace) -> int:
    """Screen résumés against profiles and write ranked tables.

    Example: screener run data/samples/resumes --profile loan_account_manager --out output
    """
    from scoring.profile import resolve_profile

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        raise UsageError(f"no such file or folder: {missing[0]}")
    for profile in args.profile or []:
        resolve_profile(profile)  # fail now, before Prefect starts, with the file and line at fault
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out must be a folder, and {out} is a file")

    _quiet_prefect_defaults()
    from flows.screen import ScreenParameters, screen

    params = ScreenParameters(
        paths=[str(p) for p in args.paths],
        profiles=args.profile or [],
        out=str(out),
        reference_date=args.reference_date,
        workers=args.workers,
        include_contacts=args.include_contacts,
    )
    summary = screen(params)
    print(
        f"screened {summary.files} file(s): {summary.ranked} ranked, {summary.errors} error(s), "
        f"{len(summary.profiles)} profile(s), {summary.seconds:.1f} s; tables in {summary.out_dir}"
    )
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    """Print what is extracted from one résumé, as JSON.

    Example: screener extract data/samples/resumes/loan_strong_zhang_ceshi.pdf
    """
    from extractors.candidate import extract_candidate
    from extractors.models import ReadError
    from extractors.reading import read_document

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
    from extractors.ner import ner_pipeline, tag

    if ner_pipeline() is None:
        raise UsageError("the NER model is not installed (expected in data/models/zh_resume_ner)")
    texts = [line.rstrip("\r\n") for line in sys.stdin]
    for text, ents in zip(texts, tag(texts, batch_size=args.batch_size)):
        print(json.dumps({"text": text, "ents": [list(e) for e in ents]}, ensure_ascii=False))
    return 0


def cmd_profiles_list(args: argparse.Namespace) -> int:
    """List the bundled job profiles.

    Example: screener profiles list
    """
    from scoring.profile import bundled_profiles, load_profile

    for pid, path in bundled_profiles().items():
        profile = load_profile(path)
        must = sum(r.must_have for r in profile.requirements)
        print(f"{pid}\t{profile.title.zh} / {profile.title.en}\t{len(profile.requirements)} requirements, {must} must-have")
    return 0


def cmd_profiles_show(args: argparse.Namespace) -> int:
    """Show one profile (a bundled id or a YAML file) as validated JSON.

    Example: screener profiles show loan_account_manager
    """
    from scoring.profile import resolve_profile

    print(resolve_profile(args.id).model_dump_json(indent=2))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="screener", description="Screen résumés against job profiles.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="screen résumés and write ranked tables", description=cmd_run.__doc__)
    run.add_argument("paths", nargs="+", metavar="PATH", help="résumé files and folders (searched recursively)")
    run.add_argument("--profile", action="append", metavar="ID_OR_FILE", help="profile id or YAML file; repeat for more; default: all bundled")
    run.add_argument("--out", required=True, metavar="DIR", help="folder for ranked.xlsx, <profile>.csv, results.parquet, candidates.parquet, errors.csv")
    run.add_argument("--reference-date", type=_date, metavar="YYYY-MM-DD", help="date that 至今/present counts to (default: today)")
    run.add_argument("--workers", type=int, metavar="N", help="worker processes (default: 1 for small batches, all cores for 200+ files)")
    run.add_argument("--include-contacts", action="store_true", help="add phones and e-mails to the ranked tables (off by default)")
    run.set_defaults(func=cmd_run)

    extract = commands.add_parser("extract", help="print the fields extracted from one résumé as JSON", description=cmd_extract.__doc__)
    extract.add_argument("file", metavar="FILE")
    extract.add_argument("--reference-date", type=_date, metavar="YYYY-MM-DD", help="date that 至今/present counts to (default: today)")
    extract.set_defaults(func=cmd_extract)

    ner = commands.add_parser("ner", help="tag text lines from standard input with the résumé NER", description=cmd_ner.__doc__)
    ner.add_argument("--batch-size", type=int, default=128, metavar="N", help="texts per nlp.pipe batch")
    ner.set_defaults(func=cmd_ner)

    profiles = commands.add_parser("profiles", help="list and show job profiles")
    profile_commands = profiles.add_subparsers(dest="profiles_command", required=True, metavar="COMMAND")
    plist = profile_commands.add_parser("list", help="list bundled profiles", description=cmd_profiles_list.__doc__)
    plist.set_defaults(func=cmd_profiles_list)
    show = profile_commands.add_parser("show", help="show one profile", description=cmd_profiles_show.__doc__)
    show.add_argument("id", metavar="ID_OR_FILE")
    show.set_defaults(func=cmd_profiles_show)
    return parser


def main(argv: list[str] | None = None) -> int:
    from scoring.profile import ProfileError

    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "workers", None) is not None and args.workers < 1:
        parser.exit(EXIT_USAGE, "screener: error: --workers must be 1 or more\n")
    try:
        return args.func(args)
    except (UsageError, ProfileError) as exc:
        print(f"screener: error: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
