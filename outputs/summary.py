"""Counts for the summary sheet, the Prefect markdown summary and the HTML report.

Duplicates (see ``scoring.duplicates``) are listed but not counted again as people.
"""

import polars as pl

from job_profiles.profile import JobProfile


def _people(results: pl.DataFrame, candidates: pl.DataFrame) -> pl.DataFrame:
    flags = candidates.select(
        "source_path",
        "text_quality",
        pl.col("is_duplicate") if "is_duplicate" in candidates.columns else pl.lit(False).alias("is_duplicate"),
    )
    return results.join(flags, on="source_path", how="left")


def by_profile(results: pl.DataFrame, candidates: pl.DataFrame, profiles: list[JobProfile]) -> pl.DataFrame:
    """One row per profile: résumés ranked, people, how many meet the must-haves, best and median score."""
    titles = pl.DataFrame(
        {"profile_id": [p.id for p in profiles], "zh": [p.title.zh for p in profiles], "en": [p.title.en for p in profiles]}
    )
    counts = (
        _people(results, candidates)
        .group_by("profile_id")
        .agg(
            resumes=pl.len(),
            people=(~pl.col("is_duplicate")).sum(),
            met=(pl.col("must_have_passed") & ~pl.col("is_duplicate")).sum(),
            best_score=pl.col("score").max(),
            median_score=pl.col("score").median().round(2),
            text_warnings=(pl.col("text_quality") != "ok").sum(),
        )
    )
    return titles.join(counts, on="profile_id", how="left", maintain_order="left").with_columns(
        pl.col("resumes", "people", "met", "text_warnings").fill_null(0)
    )


def by_verdict(results: pl.DataFrame, candidates: pl.DataFrame) -> pl.DataFrame:
    """Per profile and verdict (meets / fails the must-haves / duplicate), how many rows."""
    verdict = (
        pl.when(pl.col("is_duplicate")).then(pl.lit("duplicate"))
        .when(pl.col("must_have_passed")).then(pl.lit("meets"))
        .otherwise(pl.lit("fails"))
    )
    return (
        _people(results, candidates)
        .group_by("profile_id", verdict.alias("verdict"), maintain_order=True)
        .agg(count=pl.len())
        .sort("profile_id", "verdict")
    )


def by_error(errors: pl.DataFrame) -> pl.DataFrame:
    """Per error code, how many files and one reason as an example."""
    return (
        errors.group_by("code")
        .agg(count=pl.len(), example=pl.col("reason").first())
        .sort(["count", "code"], descending=[True, False])
    )


def markdown(profile_counts: pl.DataFrame, error_counts: pl.DataFrame, files: int) -> str:
    """The run summary as a markdown table, for the Prefect UI: counts only, no names or contacts."""
    lines = [
        f"**{files}** file(s) screened.",
        "",
        "| profile | résumés | people | must-haves met | best score | median score | text warnings |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {r['zh']} ({r['profile_id']}) | {r['resumes']} | {r['people']} | {r['met']} | {r['best_score']} "
        f"| {r['median_score']} | {r['text_warnings']} |"
        for r in profile_counts.iter_rows(named=True)
    ]
    if error_counts.height:
        lines += ["", "| error | files |", "|---|---|"]
        lines += [f"| {r['code']} | {r['count']} |" for r in error_counts.iter_rows(named=True)]
    return "\n".join(lines)
