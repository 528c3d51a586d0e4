"""Across profiles: each candidate's best-fitting role and its margin over the next.

HR often screens one applicant pool for several openings; this table says where each person fits
best. A pure function of ``results.parquet`` (one row per candidate and profile).
"""

import polars as pl

BEST_FIT_SCHEMA = pl.Schema(
    {
        "source_path": pl.String,
        "source_sha256": pl.String,
        "best_profile_id": pl.String,
        "best_score": pl.Float64,
        "best_must_have_passed": pl.Boolean,
        "second_profile_id": pl.String,
        "second_score": pl.Float64,
        "margin": pl.Float64,
    }
)


def best_fit(results: pl.DataFrame) -> pl.DataFrame:
    """One row per candidate: the best profile, the runner-up and the margin between their scores.

    "Best" is the highest score (ties: the profile id, so reruns agree), so ``margin`` is never
    negative; whether the best profile's must-haves are met is shown beside it
    (``best_must_have_passed``), not folded in: a must-have marks a row, it never moves it silently.
    With a single profile, ``second_*`` and ``margin`` are null. ``margin`` is in score points (0–100).
    Rows are ordered by best score (highest first), then path.
    """
    keys = ["source_path", "source_sha256"]
    ordered = results.select(*keys, "profile_id", "score", "must_have_passed").sort(
        [*keys, "score", "profile_id"],
        descending=[False, False, True, False],
        nulls_last=True,
    )
    per_candidate = ordered.group_by(keys, maintain_order=True).agg(
        best_profile_id=pl.col("profile_id").first(),
        best_score=pl.col("score").first(),
        best_must_have_passed=pl.col("must_have_passed").first(),
        second_profile_id=pl.col("profile_id").get(1, null_on_oob=True),
        second_score=pl.col("score").get(1, null_on_oob=True),
    )
    return (
        per_candidate.with_columns(margin=(pl.col("best_score") - pl.col("second_score")).round(2))
        .select(BEST_FIT_SCHEMA.names())
        .cast(BEST_FIT_SCHEMA)
        .sort(["best_score", "source_path"], descending=[True, False], nulls_last=True)
    )
