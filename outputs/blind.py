"""Blind screening: every table, the workbook, the report and the Prefect artifacts name a candidate
by a code (C0001 …), never by name or file, and show no contact detail or protected personal fact.

Codes follow the file's content: the distinct SHA-256s of the run's candidates, sorted, are numbered
C0001, C0002, … — the same bytes get the same code within a run, and the number says nothing of the
name, the file name or the rank. A second copy of the same bytes under another path gets the code
with ``-2`` (``-3`` …) in path order, so each row keeps a key of its own. Files that could not be
screened are numbered E0001 … in path order. ``blind_key.csv`` (code, name, source_path) maps them
back; it is written only in a blind run, into a folder of its own that only its owner may open.

Blinding happens after ranking and changes no score: the texts are masked before the tables are
built (masking changes nothing the ranking reads), the names and paths replaced after the ranks
are set, so ties are broken by the real paths as in a normal run. An output added later that names
candidates (an interview guide, …) must take them from the blinded tables (``Tables.people`` and
``Tables.ranked`` in flows/batch.py) to stay blind.
"""

import os
import re
from pathlib import Path
from typing import Any

import polars as pl

from outputs.safe_cells import safe_cells
from outputs.tables import CONTACT_MASK, PERSONAL
from scoring.score import CandidateScore
from screener.models import Candidate, PersonalAttributes, SourceInfo
from screener.privacy import mask_contact_details, redact_personal

KEY_FOLDER = "blind_key"
KEY_FILE = "blind_key.csv"
KEY_SCHEMA = pl.Schema({"code": pl.String, "name": pl.String, "source_path": pl.String})
# A name shorter than this (one character, after spaces) would be replaced inside other words.
MIN_NAME_CHARS = 2
# Paths the run names only in an error's reason: where a link leads.
_LINK_TARGET = re.compile(r"(a link to ).+?(, which does not exist|, outside the folder)")


def assign_codes(candidates: list[Candidate], error_paths: list[str]) -> pl.DataFrame:
    """``blind_key.csv``'s rows: code, name and source_path for every candidate and every error row."""
    return codes_for([(c.source.path, c.source.sha256, c.name) for c in candidates], error_paths)


def codes_for(candidates: list[tuple[str, str, str | None]], error_paths: list[str]) -> pl.DataFrame:
    """``assign_codes`` from each candidate's (source_path, sha256, name): a run need not hold the candidates."""
    by_content = sorted({sha for _, sha, _ in candidates})
    number = {sha: f"C{i:04d}" for i, sha in enumerate(by_content, start=1)}
    rows, copies = [], dict.fromkeys(by_content, 0)
    for path, sha, name in sorted(candidates, key=lambda c: c[0]):
        copies[sha] += 1
        n = copies[sha]
        rows.append({"code": number[sha] + (f"-{n}" if n > 1 else ""), "name": name, "source_path": path})
    rows += [{"code": f"E{i:04d}", "name": None, "source_path": p} for i, p in enumerate(sorted(set(error_paths)), start=1)]
    return pl.DataFrame(rows, schema=KEY_SCHEMA).sort("code")


def _masker(key: pl.DataFrame, lang: str) -> Any:
    """A function masking a text: contacts, protected facts, and every candidate's name as their code."""
    mask = CONTACT_MASK.get(lang, CONTACT_MASK["zh"])
    names = {
        name: code for name, code in key.select("name", "code").iter_rows()
        if name and len(re.sub(r"\s", "", name)) >= MIN_NAME_CHARS
    }
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))) if names else None
    done: dict[str, str] = {}  # one job line is the evidence of several criteria and profiles

    def masked(text: str) -> str:
        if text not in done:
            out = redact_personal(mask_contact_details(text, mask), mask)
            done[text] = pattern.sub(lambda m: names[m.group(0)], out) if pattern else out
        return done[text]

    return masked


def mask_texts(
    candidates: list[Candidate], scores: list[CandidateScore], key: pl.DataFrame, lang: str = "zh"
) -> tuple[list[Candidate], list[CandidateScore]]:
    """Evidence, summaries, explanations and résumé lines with contacts, protected facts and names masked.

    Run before the tables are built: nothing here is read by the ranking."""
    masked = _masker(key, lang)

    def entries(items: list[Any], *fields: str) -> list[Any]:
        return [item.model_copy(update={f: masked(getattr(item, f)) for f in fields}) for item in items]

    people = [
        c.model_copy(update={
            "education": entries(c.education, "evidence"), "experience": entries(c.experience, "evidence"),
            "lines": entries(c.lines, "text", "claimed", "held"),
        })
        for c in candidates
    ]
    return people, [
        s.model_copy(update={"explanation": masked(s.explanation), "criteria": entries(s.criteria, "evidence", "summary")})
        for s in scores
    ]


def blind_people(candidates: list[Candidate], key: pl.DataFrame) -> list[Candidate]:
    """The candidates as the report shows them in a blind run: code for name and path, no contacts or personal facts."""
    code = dict(key.select("source_path", "code").iter_rows())
    return [
        c.model_copy(update={
            "name": code[c.source.path], "phones": [], "emails": [], "personal": PersonalAttributes(),
            "source": SourceInfo(path=code[c.source.path], sha256=c.source.sha256, format=c.source.format, size_bytes=c.source.size_bytes),
        })
        for c in candidates
    ]


def _coded(frame: pl.DataFrame, key: pl.DataFrame) -> pl.DataFrame:
    """``source_path`` (and ``name`` where present) replaced by the code."""
    codes = key.select("source_path", blind_code="code")  # errors.csv has a "code" column of its own
    out = frame.join(codes, on="source_path", how="left", maintain_order="left").with_columns(
        source_path=pl.coalesce("blind_code", pl.lit("—")))
    if "name" in out.columns:
        out = out.with_columns(name=pl.col("source_path"))
    return out.select(frame.columns)


def blind_candidates(candidates: pl.DataFrame, key: pl.DataFrame) -> pl.DataFrame:
    """candidates.parquet: codes for names and paths, no phones or e-mails, every personal fact null."""
    return _coded(candidates, key).with_columns(
        phones=pl.lit([], pl.List(pl.String)), emails=pl.lit([], pl.List(pl.String)),
        personal=pl.lit(None, PERSONAL),
    )


def blind_table(table: pl.DataFrame, key: pl.DataFrame) -> pl.DataFrame:
    """A results, ranked or best-fit table: codes for names and paths, and no contact columns."""
    return _coded(table.drop("phones", "emails", strict=False), key)


def blind_errors(errors: pl.DataFrame, key: pl.DataFrame, lang: str = "zh") -> pl.DataFrame:
    """errors.csv: each file by its code; paths named in a reason replaced by theirs, or masked."""
    mask = CONTACT_MASK.get(lang, CONTACT_MASK["zh"])
    paths = key.filter(pl.col("source_path") != "").sort(pl.col("source_path").str.len_chars(), descending=True)
    names = paths.select(pl.col("source_path").map_elements(lambda p: Path(p).name, return_dtype=pl.String), "code")
    whole = pl.concat([paths.select("source_path", "code"), names]).unique("source_path", keep="first", maintain_order=True)
    return _coded(errors, key).with_columns(
        reason=pl.col("reason").str.replace_many(whole["source_path"].to_list(), whole["code"].to_list())
        .str.replace_all(_LINK_TARGET.pattern, f"${{1}}{mask}${{2}}")
    )


def write_key(out_dir: Path, key: pl.DataFrame) -> Path:
    """``out_dir/blind_key/blind_key.csv``: the folder 0700, the file 0600, whatever the umask."""
    folder = out_dir / KEY_FOLDER
    folder.mkdir(mode=0o700, exist_ok=True)
    folder.chmod(0o700)
    path = folder / KEY_FILE
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "wb") as handle:
        safe_cells(key).write_csv(handle, include_bom=True)
    return path
