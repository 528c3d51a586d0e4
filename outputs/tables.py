"""The output tables as polars frames with stated schemas, and the ranking.

Column names here are an interface: other tools read ``results.parquet``, ``candidates.parquet``
and ``errors.csv`` by them. Add columns; do not rename.
"""

from typing import Any

import polars as pl
from polars.datatypes import DataType, DataTypeClass

from scoring.score import CandidateScore
from screener.models import Candidate, ReadError
from screener.privacy import mask_contact_details

PolarsType = DataType | DataTypeClass


def _fields(fields: dict[str, PolarsType]) -> dict[str, PolarsType]:
    """A schema's columns, typed for mypy (a dict of mixed dtype classes and instances reads as object)."""
    return fields


CRITERION = pl.Struct(
    {
        "id": pl.String,
        "kind": pl.String,
        "label": pl.String,
        "weight": pl.Float64,
        "must_have": pl.Boolean,
        "score": pl.Float64,
        "passed": pl.Boolean,
        "evidence": pl.String,
        "section": pl.String,
        "summary": pl.String,
    }
)

RESULTS_SCHEMA = pl.Schema(
    _fields({
        "profile_id": pl.String,
        "profile_version": pl.Int64,
        "rank": pl.UInt32,
        "score": pl.Float64,
        "must_have_passed": pl.Boolean,
        "must_haves_failed": pl.List(pl.String),
        "explanation": pl.String,
        "criteria": pl.List(CRITERION),
        "source_path": pl.String,
        "source_sha256": pl.String,
        # Interview competencies left out of the score, with their evidence (outputs/interview_guide.py).
        "interview": pl.List(CRITERION),
    })
)

EDUCATION = pl.Struct(
    {"school": pl.String, "degree": pl.String, "major": pl.String, "start": pl.String, "end": pl.String,
     "part_time": pl.Boolean, "in_progress": pl.Boolean, "evidence": pl.String}
)
EXPERIENCE = pl.Struct(
    {"employer": pl.String, "industry": pl.String, "title": pl.String, "start": pl.String, "end": pl.String, "is_current": pl.Boolean,
     "is_internship": pl.Boolean, "months": pl.Int64, "evidence": pl.String, "stated_industry": pl.String,
     "is_part_time": pl.Boolean}
)
PERSONAL = pl.Struct(
    {"gender": pl.String, "birth_date": pl.String, "age": pl.Int64, "ethnicity": pl.String,
     "marital_status": pl.String, "political_status": pl.String, "native_place": pl.String,
     "household_registration": pl.String, "health": pl.String, "has_photo": pl.Boolean}
)
CANDIDATES_SCHEMA = pl.Schema(
    _fields({
        "source_path": pl.String,
        "source_sha256": pl.String,
        "source_format": pl.String,
        "name": pl.String,
        "phones": pl.List(pl.String),
        "emails": pl.List(pl.String),
        "highest_degree": pl.String,
        "education": pl.List(EDUCATION),
        "experience": pl.List(EXPERIENCE),
        "total_experience_months": pl.Int64,
        "industry_experience": pl.List(pl.Struct({"industry": pl.String, "months": pl.Int64})),
        "stated_experience_years": pl.Float64,
        "skills": pl.List(pl.String),
        "certificates": pl.List(pl.String),
        "languages": pl.List(pl.String),
        "reference_date": pl.String,
        "reference_date_source": pl.String,
        "text_quality": pl.String,
        "text_quality_reason": pl.String,
        # Not used in scoring; kept apart so it can be redacted (see extractors/personal.py).
        "personal": PERSONAL,
    })
)

ERRORS_SCHEMA = pl.Schema(
    {
        "source_path": pl.String,
        "source_sha256": pl.String,
        "source_format": pl.String,
        "stage": pl.String,
        "code": pl.String,
        "reason": pl.String,
    }
)

# Ranking order: must-haves met first, then score; ties go to more must-haves met, then more
# experience, then the file path so that reruns give the same order.
RANK_ORDER: list[tuple[str, bool]] = [
    ("must_have_passed", True),
    ("score", True),
    ("must_haves_failed_count", False),
    ("total_experience_months", True),
    ("source_path", False),
]


# A near miss: fails exactly one must-have, yet scores among the role's best: in the top 20 % of the
# role's scores, never more than the top 10 (so 2,000 résumés do not make 400 near misses), and at
# least the median of those who met every must-have (so a thin field does not make a weak one "close").
NEAR_MISS_SHARE = 0.2
NEAR_MISS_TOP = 10


def near_miss() -> pl.Expr:
    """Within one profile's rows: exactly one failed must-have and a score in the role's top (see above)."""
    cutoff = pl.min_horizontal(pl.lit(NEAR_MISS_TOP), (pl.len() * NEAR_MISS_SHARE).ceil().cast(pl.Int64).clip(1))
    qualified = pl.col("score").filter(pl.col("must_haves_failed").list.len() == 0).median()
    return (
        (pl.col("must_haves_failed").list.len() == 1)
        & (pl.col("score").rank("min", descending=True) <= cutoff)
        & (pl.col("score") >= qualified).fill_null(True)
    )


# What stands for a contact detail taken out of an evidence text (the report's words).
CONTACT_MASK = {"zh": "［已隐去］", "en": "[hidden]"}


def without_contact_evidence(
    candidates: list[Candidate], scores: list[CandidateScore], lang: str = "zh"
) -> tuple[list[Candidate], list[CandidateScore]]:
    """Candidates and scores with phones, e-mails, ids and profile links masked in every evidence text.

    A job line may name a referee with a phone (证明人：李某 135…): someone else's contact detail,
    which no table should carry. The candidate's own phones and e-mails keep their columns."""
    mask = CONTACT_MASK.get(lang, CONTACT_MASK["zh"])
    masked: dict[str, str] = {}  # the same job line is the evidence of several profiles' criteria

    def mask_once(text: str) -> str:
        if text not in masked:
            masked[text] = mask_contact_details(text, mask)
        return masked[text]

    def entries(items: list[Any]) -> list[Any]:
        return [item.model_copy(update={"evidence": mask_once(item.evidence)}) for item in items]

    return (
        [c.model_copy(update={"education": entries(c.education), "experience": entries(c.experience)}) for c in candidates],
        [s.model_copy(update={"criteria": entries(s.criteria), "interview": entries(s.interview)}) for s in scores],
    )


def candidates_frame(candidates: list[Candidate]) -> pl.DataFrame:
    rows = [
        {
            "source_path": c.source.path,
            "source_sha256": c.source.sha256,
            "source_format": c.source.format,
            **c.model_dump(mode="json", exclude={"source"}),
        }
        for c in candidates
    ]
    return pl.DataFrame(rows, schema=CANDIDATES_SCHEMA, strict=False)


def errors_frame(errors: list[ReadError]) -> pl.DataFrame:
    rows = [
        {
            "source_path": e.source.path,
            "source_sha256": e.source.sha256,
            "source_format": e.source.format,
            "stage": e.stage,
            "code": e.code,
            "reason": e.reason,
        }
        for e in errors
    ]
    return pl.DataFrame(rows, schema=ERRORS_SCHEMA)


def rank(results: pl.DataFrame, candidates: pl.DataFrame) -> pl.DataFrame:
    """Add ``rank`` (1 = best) within each profile, using ``RANK_ORDER``."""
    experience = candidates.select("source_sha256", "source_path", "total_experience_months")
    columns, descending = zip(*RANK_ORDER)
    return (
        results.join(experience, on=["source_sha256", "source_path"], how="left")
        .with_columns(must_haves_failed_count=pl.col("must_haves_failed").list.len())
        .sort([*columns], descending=[*descending], nulls_last=True)
        .with_columns(rank=pl.int_range(1, pl.len() + 1, dtype=pl.UInt32).over("profile_id"))
        .sort("profile_id", "rank")
        .select(RESULTS_SCHEMA.names())
    )


def results_frame(scores: list[CandidateScore], candidates: pl.DataFrame) -> pl.DataFrame:
    return rank(scores_frame(scores), candidates)


def scores_frame(scores: list[CandidateScore]) -> pl.DataFrame:
    """The scores as rows of ``results``, not yet ranked (``rank`` 0): a run builds it a batch at a time."""
    rows = [{**s.model_dump(mode="json"), "rank": 0} for s in scores]
    return pl.DataFrame(rows, schema=RESULTS_SCHEMA, strict=False)


def profile_table(results: pl.DataFrame, candidates: pl.DataFrame, profile_id: str) -> pl.DataFrame:
    """One profile's ranked table as HR reads it: one column per criterion score, best first."""
    people = candidates.select(
        "source_sha256",
        "source_path",
        "name",
        "highest_degree",
        "total_experience_months",
        "text_quality",
    )
    ranked = results.filter(pl.col("profile_id") == profile_id).join(
        people, on=["source_sha256", "source_path"], how="left"
    )
    if ranked.is_empty():
        return ranked.select("rank", "name", "score", "must_have_passed", "explanation", "source_path", "source_sha256")
    criterion_ids = [c["id"] for c in ranked["criteria"][0]]
    per_criterion = [
        pl.col("criteria").list.eval(pl.element().filter(pl.element().struct.field("id") == cid).struct.field("score"))
        .list.first()
        .alias(f"c_{cid}")
        for cid in criterion_ids
    ]
    return ranked.select(
        "rank",
        "name",
        "score",
        "must_have_passed",
        pl.col("must_haves_failed").list.join(", ").alias("must_haves_failed"),
        near_miss().alias("near_miss"),
        "explanation",
        *per_criterion,
        "highest_degree",
        "total_experience_months",
        "text_quality",
        "source_path",
        "source_sha256",
    ).sort("rank")


def with_duplicate_columns(table: pl.DataFrame, candidates: pl.DataFrame) -> pl.DataFrame:
    """Add ``duplicate_group`` and ``is_duplicate`` to one profile's ranked table.

    Within a profile the best-ranked résumé of a group counts; the others are marked, never dropped.
    """
    if "duplicate_group" not in candidates.columns or table.is_empty():
        return table.with_columns(duplicate_group=pl.lit(None, pl.String), is_duplicate=pl.lit(False))
    groups = candidates.select("source_path", "duplicate_group")
    return table.join(groups, on="source_path", how="left", maintain_order="left").with_columns(
        is_duplicate=pl.col("duplicate_group").is_not_null()
        & (pl.col("rank") != pl.col("rank").min().over("duplicate_group"))
    )
