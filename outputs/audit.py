"""The adverse-impact audit: does the shortlist select one gender or age band less than another?

Read from the scored tables after ranking; nothing here reaches a score or a rank. Per profile,
among the candidates whose résumé states a gender (or a birth date or age), the share shortlisted
(met the must-haves and ranked within ``--shortlist``, the interview guide's shortlist) by gender and by age band, and each group's
impact ratio: its share over the share of the most selected group. A ratio under 0.8 (the
four-fifths rule, as in New York City's Local Law 144 audits) in a group of at least 5 people is
flagged. Candidates who state nothing are counted as ``not_stated`` and never compared.

For a flagged group, the requirement that contributes most to the gap (``attribution*`` columns):
  1. the must-have whose pass rate differs most between the most selected group and this one
     (``must_have_pass_rate``, the gap in percentage points of the group): failing a must-have
     keeps a candidate off the shortlist whatever the score;
  2. when no must-have is passed less often, the criterion whose weighted mean score differs most
     (``score_points``: weight × (mean score of the reference group − of this group) / Σ weights
     × 100; these add up exactly to the gap in mean total score, as the total is that weighted sum).
A résumé counted as another's duplicate is left out, so each person counts once.
"""

import polars as pl

from outputs.interview_guide import DEFAULT_SHORTLIST

IMPACT_THRESHOLD = 0.8  # the four-fifths rule
MIN_GROUP = 5  # smaller groups are shown, never flagged: one person more or less swings their share
NOT_STATED = "not_stated"
AGE_BANDS = ("under_30", "30_39", "40_49", "50_plus")

AUDIT_SCHEMA = pl.Schema({
    "profile_id": pl.String,
    "dimension": pl.String,  # gender | age_band
    "group": pl.String,  # female, male; under_30, 30_39, 40_49, 50_plus; not_stated
    "candidates": pl.UInt32,
    "shortlisted": pl.UInt32,
    "selection_rate": pl.Float64,
    "reference_group": pl.String,  # the most selected group of the dimension with at least MIN_GROUP people
    "reference_candidates": pl.UInt32,  # its size: a ratio against a group of two is read with care
    "impact_ratio": pl.Float64,
    "flagged": pl.Boolean,
    "attribution": pl.String,  # requirement id contributing most to a flagged gap
    "attribution_label": pl.String,
    "attribution_basis": pl.String,  # must_have_pass_rate | score_points
    "attribution_gap": pl.Float64,  # percentage points of pass rate, or points of total score
    "attribution_note": pl.String,
})


def _age_at_reference() -> pl.Expr:
    """Age at the candidate's reference date from the stated birth date (YYYY-MM), else the age stated."""
    birth = pl.col("personal").struct.field("birth_date")
    year, month = birth.str.slice(0, 4).cast(pl.Int32, strict=False), birth.str.slice(5, 2).cast(pl.Int32, strict=False)
    ref = pl.col("reference_date").str.to_date("%Y-%m-%d", strict=False)
    from_birth = ref.dt.year() - year - (ref.dt.month() < month).cast(pl.Int32)
    return pl.coalesce(from_birth, pl.col("personal").struct.field("age").cast(pl.Int32))


def _age_band(age: pl.Expr) -> pl.Expr:
    return (
        pl.when(age.is_null()).then(pl.lit(NOT_STATED))
        .when(age < 30).then(pl.lit(AGE_BANDS[0]))
        .when(age < 40).then(pl.lit(AGE_BANDS[1]))
        .when(age < 50).then(pl.lit(AGE_BANDS[2]))
        .otherwise(pl.lit(AGE_BANDS[3]))
    )


def _people(results: pl.DataFrame, candidates: pl.DataFrame, shortlist: int) -> pl.DataFrame:
    """One row per (profile, dimension, person): the group and whether the person was shortlisted."""
    duplicate = pl.col("is_duplicate").fill_null(False) if "is_duplicate" in candidates.columns else pl.lit(False)
    people = candidates.select(
        "source_sha256", "source_path", is_duplicate=duplicate,
        gender=pl.col("personal").struct.field("gender").fill_null(NOT_STATED),
        age_band=_age_band(_age_at_reference()),
    )
    return (
        results.join(people, on=["source_sha256", "source_path"], how="inner")
        .filter(~pl.col("is_duplicate"))
        .with_columns(shortlisted=pl.col("must_have_passed") & (pl.col("rank") <= shortlist))
        .unpivot(index=["profile_id", "source_path", "shortlisted", "criteria"], on=["gender", "age_band"],
                 variable_name="dimension", value_name="group")
    )


def _rates(people: pl.DataFrame) -> pl.DataFrame:
    stated = pl.col("group") != NOT_STATED
    keys = ["profile_id", "dimension"]
    rates = (
        people.group_by([*keys, "group"])
        .agg(candidates=pl.len(), shortlisted=pl.col("shortlisted").sum().cast(pl.UInt32))
        .with_columns(selection_rate=pl.col("shortlisted") / pl.col("candidates"))
    )
    # The most selected stated group of at least MIN_GROUP people (any group when none is that big):
    # a group of two with one shortlisted would otherwise set the bar for everyone. A tie goes to the
    # larger group, then the name, so reruns agree.
    reference = (
        rates.filter(stated)
        .with_columns(small=pl.col("candidates") < MIN_GROUP)
        .sort(["small", "selection_rate", "candidates", "group"], descending=[False, True, True, False])
        .group_by(keys, maintain_order=True)
        .agg(reference_group=pl.col("group").first(), best_rate=pl.col("selection_rate").first(),
             reference_candidates=pl.col("candidates").first())
    )
    ratio = pl.when(stated & (pl.col("best_rate") > 0)).then(pl.col("selection_rate") / pl.col("best_rate"))
    return (
        rates.join(reference, on=keys, how="left")
        .with_columns(impact_ratio=ratio)
        .with_columns(
            flagged=(pl.col("impact_ratio") < IMPACT_THRESHOLD).fill_null(False) & (pl.col("candidates") >= MIN_GROUP),
            reference_group=pl.when(stated).then(pl.col("reference_group")),
            reference_candidates=pl.when(stated).then(pl.col("reference_candidates")),
        )
        .drop("best_rate")
    )


def _criterion_stats(people: pl.DataFrame) -> pl.DataFrame:
    """Per profile, dimension, group and criterion: the must-have pass rate and the mean score."""
    return (
        people.select("profile_id", "dimension", "group", "criteria")
        .explode("criteria")
        .drop_nulls("criteria")
        .unnest("criteria")
        .group_by("profile_id", "dimension", "group", "id")
        .agg(
            pl.col("label").first(), pl.col("weight").first(), pl.col("must_have").first(),
            pass_rate=pl.col("passed").mean(), mean_score=pl.col("score").mean(),
        )
    )


def _attribution(rates: pl.DataFrame, people: pl.DataFrame) -> pl.DataFrame:
    """For each flagged group, the requirement that contributes most to its gap (see the module's doc)."""
    keys = ["profile_id", "dimension"]
    flagged = rates.filter(pl.col("flagged")).select(*keys, "group", "reference_group")
    if flagged.is_empty():
        return flagged.with_columns(
            attribution=pl.lit(None, pl.String), attribution_label=pl.lit(None, pl.String),
            attribution_basis=pl.lit(None, pl.String), attribution_gap=pl.lit(None, pl.Float64),
            attribution_note=pl.lit(None, pl.String),
        )
    stats = _criterion_stats(people)
    total_weight = stats.group_by(*keys, "group").agg(pl.col("weight").sum().alias("total_weight"))
    ref = stats.select(*keys, reference_group="group", id="id", ref_pass="pass_rate", ref_score="mean_score")
    gaps = (
        flagged.join(stats, on=[*keys, "group"])
        .join(total_weight, on=[*keys, "group"])
        .join(ref, on=[*keys, "reference_group", "id"])
        .with_columns(
            pass_gap=pl.when(pl.col("must_have")).then((pl.col("ref_pass") - pl.col("pass_rate")) * 100),
            points=pl.col("weight") * (pl.col("ref_score") - pl.col("mean_score")) / pl.col("total_weight") * 100,
        )
    )
    # A must-have passed less often explains a shortlist gap first; else the largest score difference.
    by_must = pl.col("pass_gap").fill_null(0) > 0
    pick = (
        gaps.with_columns(
            attribution_basis=pl.when(by_must.any().over(*keys, "group")).then(pl.lit("must_have_pass_rate"))
            .otherwise(pl.lit("score_points")),
        )
        .with_columns(
            attribution_gap=pl.when(pl.col("attribution_basis") == "must_have_pass_rate")
            .then(pl.when(by_must).then(pl.col("pass_gap"))).otherwise(pl.col("points")),
        )
        .drop_nulls("attribution_gap")
        .sort(["attribution_gap", "id"], descending=[True, False])
        .group_by(*keys, "group", maintain_order=True)
        .first()
    )
    note = (
        pl.when(pl.col("attribution_basis") == "must_have_pass_rate")
        .then(pl.format("must-have '{}' met by {}% of this group vs {}% of {}", pl.col("label"),
                        (pl.col("pass_rate") * 100).round(0).cast(pl.Int64),
                        (pl.col("ref_pass") * 100).round(0).cast(pl.Int64), pl.col("reference_group")))
        .otherwise(pl.format("'{}' scores {} points of the total lower on average than in {}", pl.col("label"),
                             pl.col("points").round(1), pl.col("reference_group")))
    )
    return pick.select(
        *keys, "group", attribution="id", attribution_label="label", attribution_basis="attribution_basis",
        attribution_gap=pl.col("attribution_gap").round(1), attribution_note=note,
    )


def adverse_impact(results: pl.DataFrame, candidates: pl.DataFrame, shortlist: int = DEFAULT_SHORTLIST) -> pl.DataFrame:
    """audit.csv: one row per profile, dimension (gender, age band) and group; see the module's doc."""
    if results.is_empty() or "personal" not in candidates.columns:
        return pl.DataFrame(schema=AUDIT_SCHEMA)
    people = _people(results, candidates, shortlist)
    rates = _rates(people)
    order = pl.col("group").replace_strict(
        ["female", "male", *AGE_BANDS, NOT_STATED], list(range(len(AGE_BANDS) + 3)), default=99, return_dtype=pl.Int32
    )
    return (
        rates.join(_attribution(rates, people), on=["profile_id", "dimension", "group"], how="left")
        .with_columns(pl.col("selection_rate", "impact_ratio").round(3))
        .sort(pl.col("profile_id"), pl.col("dimension").replace_strict({"gender": 0, "age_band": 1}, default=2), order)
        .select(AUDIT_SCHEMA.names())
        .cast(dict(AUDIT_SCHEMA))  # type: ignore[arg-type]
    )


# How the workbook and the report show the audit (audit.csv keeps the names above).
HEADERS: dict[str, tuple[str, str]] = {
    "profile_id": ("岗位编号", "Profile id"), "dimension": ("维度", "Dimension"), "group": ("群体", "Group"),
    "candidates": ("人数", "Candidates"), "shortlisted": ("入围人数", "Shortlisted"),
    "selection_rate": ("入围比例", "Selection rate"), "reference_group": ("对照群体（入围比例最高）", "Reference group (most selected)"),
    "reference_candidates": ("对照群体人数", "Reference group size"),
    "impact_ratio": ("影响比", "Impact ratio"), "flagged": ("低于 0.8 且人数≥5", "Flagged (< 0.8, ≥ 5 people)"),
    "attribution": ("主要相关条件", "Requirement contributing most"), "attribution_label": ("条件名称", "Requirement"),
    "attribution_basis": ("依据", "Basis"), "attribution_gap": ("差距", "Gap"), "attribution_note": ("说明", "Note"),
}
GROUP_NAMES: dict[str, tuple[str, str]] = {
    "gender": ("性别", "gender"), "age_band": ("年龄段", "age band"), "female": ("女", "female"), "male": ("男", "male"),
    "under_30": ("30岁以下", "under 30"), "30_39": ("30–39岁", "30–39"), "40_49": ("40–49岁", "40–49"),
    "50_plus": ("50岁及以上", "50 and over"), NOT_STATED: ("未注明", "not stated"),
    "must_have_pass_rate": ("必备条件满足率差（百分点）", "must-have pass rate gap (percentage points)"),
    "score_points": ("平均得分差（总分分值）", "mean score gap (points of the total)"),
}


def readable_audit(audit: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The audit with its headers and group names in the reader's language."""
    pick = 0 if lang == "zh" else 1
    words = {k: v[pick] for k, v in GROUP_NAMES.items()}
    coded = ["dimension", "group", "reference_group", "attribution_basis"]
    return audit.with_columns(pl.col(coded).replace(words)).rename({c: HEADERS[c][pick] for c in audit.columns if c in HEADERS})
