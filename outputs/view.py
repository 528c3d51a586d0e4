"""The ranked tables as HR reads them, shared by ranked.xlsx and report.html.

Column keys stay the machine names (``rank``, ``c_<requirement id>`` …) so the writers can find
them; the values are what a person reads: role and requirement titles instead of ids, 是/否/—,
plain reasons instead of error codes, list items one per line or separated by ``；``.
"""

from pathlib import PurePosixPath

import polars as pl
from pydantic import BaseModel, ConfigDict

from job_profiles.profile import JobProfile
from outputs import labels
from outputs.labels import Lang
from scoring.criteria import months_en, months_zh
from screener.vocabulary import FACT_KINDS

# A scored requirement that weighs at least this much is shown beside the must-haves: these few
# decide the rank. Lighter ones (soft skills at 0.1–0.5) go to a collapsed group or the details.
KEY_WEIGHT = 1.0
# Items of one kind listed in 评价 before "等 N 项".
SHOWN_ITEMS = 5

_WORDS = {
    "zh": {"failed_must": "未满足必备：", "have": "具备：", "missing": "缺少：", "more": "等{n}项"},
    "en": {"failed_must": "Must-have not met: ", "have": "Has: ", "missing": "Missing: ", "more": " ({n} in all)"},
}


class Groups(BaseModel):
    """A profile's requirement ids in the order HR reads them."""

    must: list[str]  # must-haves: a failure marks the row
    key: list[str]  # scored requirements weighing at least KEY_WEIGHT: they decide the rank
    rest: list[str]  # the light ones: collapsed in the workbook, in the details of the report


class RoleView(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    id: str
    title: str
    frame: pl.DataFrame  # readable values under machine keys, in display order
    headers: dict[str, str]  # key → header in the run's language
    groups: Groups
    has_must_haves: bool
    near_misses: list[dict]  # rank, name, score, note


def readable(table: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    """Cell values as people read them: 是/否 for booleans, 本科 for bachelor, list items separated by ；."""
    def coded(name: str) -> pl.Expr:
        return pl.col(name).replace_strict(
            list(labels.VALUES[name]), [labels.value(name, k, lang) for k in labels.VALUES[name]],
            default=pl.col(name), return_dtype=pl.String,
        )

    exprs = []
    for name, dtype in table.schema.items():
        if dtype == pl.Boolean:
            yes, no = labels.value("bool", "true", lang), labels.value("bool", "false", lang)
            exprs.append(pl.when(pl.col(name)).then(pl.lit(yes)).when(pl.col(name).is_not_null()).then(pl.lit(no)).alias(name))
        elif name in labels.VALUES:
            exprs.append(coded(name))
        elif isinstance(dtype, pl.List) and not isinstance(dtype.inner, pl.Struct):
            exprs.append(pl.col(name).cast(pl.List(pl.String)).list.join(labels.ITEM_SEP[lang]))
    return table.with_columns(exprs)


def requirement_groups(profile: JobProfile) -> Groups:
    must = [r.id for r in profile.requirements if r.must_have]
    key = [r.id for r in profile.requirements if not r.must_have and r.weight >= KEY_WEIGHT]
    rest = [r.id for r in profile.requirements if r.id not in must and r.id not in key]
    return Groups(must=must, key=key, rest=rest)


def role_title(profile: JobProfile, lang: Lang) -> str:
    return labels.title((profile.title.zh, profile.title.en), lang)


def requirement_titles(profile: JobProfile, lang: Lang) -> dict[str, str]:
    return {r.id: labels.title((r.label.zh, r.label.en), lang) for r in profile.requirements}


def assumptions(profile: JobProfile, lang: Lang) -> list[str]:
    """The profile's assumptions in the run's language (the English ones when no Chinese are written)."""
    return (profile.assumptions_zh or profile.assumptions) if lang == "zh" else profile.assumptions


def _items(expr: pl.Expr, lang: Lang) -> pl.Expr:
    """A list of labels as one cell: the first SHOWN_ITEMS separated by ；, then how many in all."""
    more = _WORDS[lang]["more"].split("{n}")
    joined = expr.list.head(SHOWN_ITEMS).list.join(labels.ITEM_SEP[lang])
    count = expr.list.len()
    return pl.when(count > SHOWN_ITEMS).then(
        pl.concat_str(joined, pl.lit(more[0]), count.cast(pl.String), pl.lit(more[1]))
    ).otherwise(joined)


def with_explanation(frame: pl.DataFrame, profile: JobProfile, lang: Lang) -> pl.DataFrame:
    """``frame`` with 评价 (``explanation``) rebuilt from its ``criteria`` column, one kind per line:
    failed must-haves, the facts, what the résumé shows, what it lacks (heaviest first). Items are
    separated by ；, since labels contain 、. The scored explanation in results.parquet stays as it is."""
    titles = requirement_titles(profile, lang)
    words = _WORDS[lang]
    el = pl.element()

    def named(condition: pl.Expr) -> pl.Expr:
        chosen = el.filter(condition)
        ids = chosen.sort_by(chosen.struct.field("weight"), descending=True, maintain_order=True).struct.field("id")
        return pl.col("criteria").list.eval(
            ids.replace_strict(list(titles), list(titles.values()), default=ids, return_dtype=pl.String)
        )

    field = el.struct.field
    fact = field("kind").is_in(list(FACT_KINDS))
    parts = frame.select(
        _facts=pl.col("criteria").list.eval(el.filter(fact).struct.field("summary")).list.join(labels.ITEM_SEP[lang]),
        _failed=named(field("must_have") & ~field("passed")),
        _have=named(~fact & field("passed")),
        _missing=named(~fact & ~field("passed") & ~field("must_have") & (field("kind") != "soft_skill")),
    )
    lines = parts.select(
        pl.concat_list(
            pl.when(pl.col("_failed").list.len() > 0).then(pl.lit(words["failed_must"]) + _items(pl.col("_failed"), lang)),
            pl.when(pl.col("_facts") != "").then(pl.col("_facts")),
            pl.when(pl.col("_have").list.len() > 0).then(pl.lit(words["have"]) + _items(pl.col("_have"), lang)),
            pl.when(pl.col("_missing").list.len() > 0).then(pl.lit(words["missing"]) + _items(pl.col("_missing"), lang)),
        ).list.drop_nulls().list.join("\n").alias("explanation")
    )
    return frame.with_columns(lines.to_series())


def near_miss_note(criterion: dict, profile: JobProfile, lang: Lang) -> str:
    """Which must-have a near miss fails and by how much: 大专及以上学历：中专（低于要求的大专）."""
    requirement = next((r for r in profile.requirements if r.id == criterion["id"]), None)
    title = requirement_titles(profile, lang).get(criterion["id"], criterion["label"])
    sep = "：" if lang == "zh" else ": "
    kind = criterion["kind"]
    summary = criterion["summary"] or ""
    if kind in ("education", "experience"):
        detail = summary
    elif kind == "industry_experience" and requirement is not None:
        held = summary.split("：")[-1].split(": ")[-1]
        months = getattr(requirement, "min_months", 0)
        required = months_zh(months) if lang == "zh" else months_en(months)
        detail = f"{held}（{labels.text('required', lang)}{required}）" if lang == "zh" else f"{held} ({required} required)"
    else:
        detail = labels.text("not_found", lang)
    return f"{title}{sep}{detail}"


def role_view(
    table: pl.DataFrame, results: pl.DataFrame, profile: JobProfile, lang: Lang, roots: list[str] | None = None
) -> RoleView:
    """One profile's ranked table as HR reads it (``table`` is ``outputs.tables.profile_table``'s)."""
    groups = requirement_groups(profile)
    has_must = bool(groups.must)
    titles = requirement_titles(profile, lang)
    keys = ["source_path", "source_sha256"]
    criteria = results.filter(pl.col("profile_id") == profile.id).select(*keys, "criteria", pl.col("must_haves_failed").alias("_failed"))
    joined = table.join(criteria, on=keys, how="left", maintain_order="left")
    dash = labels.NO_MUST_HAVES
    failed_titles = pl.col("_failed").list.eval(
        pl.element().replace_strict(list(titles), list(titles.values()), default=pl.element(), return_dtype=pl.String)
    ).list.join(labels.ITEM_SEP[lang])
    mark = labels.text("near_miss_mark", lang)
    near = [r for r in joined.filter(pl.col("near_miss")).iter_rows(named=True)] if "near_miss" in joined.columns else []
    notes = {
        (r["source_path"], r["source_sha256"]): near_miss_note(next(c for c in r["criteria"] if c["must_have"] and not c["passed"]), profile, lang)
        for r in near
    }
    note_frame = pl.DataFrame(
        {"source_path": [k[0] for k in notes], "source_sha256": [k[1] for k in notes], "near_miss_note": list(notes.values())},
        schema={"source_path": pl.String, "source_sha256": pl.String, "near_miss_note": pl.String},
    )
    joined = joined.join(note_frame, on=keys, how="left", maintain_order="left")
    if "near_miss" not in joined.columns:
        joined = joined.with_columns(near_miss=pl.lit(False))
    yes, no = labels.value("bool", "true", lang), labels.value("bool", "false", lang)
    shown = readable(
        with_explanation(joined, profile, lang).with_columns(
            must_have_passed=pl.lit(dash) if not has_must else pl.when(pl.col("must_have_passed")).then(pl.lit(yes)).otherwise(pl.lit(no)),
            must_haves_failed=pl.lit(dash) if not has_must else failed_titles,
            near_miss=pl.when(pl.col("near_miss")).then(pl.lit(mark)).otherwise(pl.lit("")),
            source_path=shown_paths(pl.col("source_path"), roots),
        ).drop("criteria", "_failed"),
        lang,
    )
    must = [f"c_{i}" for i in groups.must if f"c_{i}" in shown.columns]
    key = [f"c_{i}" for i in groups.key if f"c_{i}" in shown.columns]
    rest = [f"c_{i}" for i in groups.rest if f"c_{i}" in shown.columns]
    facts = [c for c in ("highest_degree", "total_experience_months", "text_quality", "text_quality_reason",
                         "duplicate_group", "is_duplicate", "phones", "emails", "source_path", "source_sha256") if c in shown.columns]
    order = ["rank", "name", "score", "near_miss", "must_have_passed", "must_haves_failed", "near_miss_note", "explanation",
             *must, *key, *facts, *rest]
    criteria_labels = {r.id: (r.label.zh, r.label.en) for r in profile.requirements}
    headers = {c: labels.column(c, lang, criteria_labels) for c in order}
    near_misses = [
        {"rank": r["rank"], "name": r["name"] or "—", "score": r["score"], "note": notes[(r["source_path"], r["source_sha256"])]}
        for r in near
    ]
    return RoleView(id=profile.id, title=role_title(profile, lang), frame=shown.select(order), headers=headers,
                    groups=Groups(must=must, key=key, rest=rest), has_must_haves=has_must, near_misses=near_misses)


def shown_paths(path: pl.Expr, roots: list[str] | None) -> pl.Expr:
    """A path as HR reads it: relative to the folder screened, the same under ``run`` and ``serve``.

    With one folder screened, ``inbox/2026/a.pdf`` reads ``2026/a.pdf``; with several, the folder's
    own name stays in front (``inbox/2026/a.pdf``) so two ``a.pdf`` stay apart. A file named on its
    own reads as its name. ``roots`` are the paths the run was given, as ``str(Path(p))``."""
    if not roots:
        return path
    name = path.meta.output_name()
    shown = path
    for root in reversed(roots):
        base = str(PurePosixPath(root))
        if base == ".":
            continue
        folder = PurePosixPath(base).name
        prefix = f"{folder}/" if len(roots) > 1 and folder else ""
        shown = (
            pl.when(path.str.starts_with(base.rstrip("/") + "/"))
            .then(pl.lit(prefix) + path.str.slice(len(base.rstrip("/")) + 1))
            .when(path == base).then(pl.lit(folder))
            .otherwise(shown)
        )
    return shown.alias(name)


def best_fit_view(fits: pl.DataFrame, profiles: list[JobProfile], lang: Lang, roots: list[str] | None = None) -> pl.DataFrame:
    """best_fit.csv as HR reads it: role titles instead of ids."""
    ids = [p.id for p in profiles]
    names = [role_title(p, lang) for p in profiles]

    def titled(column: str) -> pl.Expr:
        return pl.col(column).replace_strict(ids, names, default=pl.col(column), return_dtype=pl.String)

    without_must = [p.id for p in profiles if not any(r.must_have for r in p.requirements)]
    shown = fits.with_columns(
        titled("best_profile_id").alias("best_profile"), titled("second_profile_id").alias("second_profile"),
        shown_paths(pl.col("source_path"), roots),
        # A role with no must-haves: nothing was met, "—" rather than 是.
        pl.when(pl.col("best_profile_id").is_in(without_must)).then(pl.lit(labels.NO_MUST_HAVES)).otherwise(
            pl.when(pl.col("best_must_have_passed")).then(pl.lit(labels.value("bool", "true", lang)))
            .otherwise(pl.lit(labels.value("bool", "false", lang)))).alias("best_must_have_passed"),
    ).select("name", "best_profile", "best_score", "best_must_have_passed", "second_profile", "second_score", "margin",
             "source_path", "source_sha256")
    return readable(shown, lang)


def errors_view(errors: pl.DataFrame, lang: Lang, roots: list[str] | None = None) -> pl.DataFrame:
    """无法筛选的文件: the file, a plain reason, then the technical detail and code for whoever fixes it."""
    codes = list(labels.ERROR_REASONS)
    stages = list(labels.STAGES)
    return errors.select(
        shown_paths(pl.col("source_path"), roots),
        pl.col("code").replace_strict(codes, [labels.error_reason(c, lang) for c in codes], default=pl.col("code"),
                                      return_dtype=pl.String).alias("reason"),
        "source_format",
        pl.col("stage").replace_strict(stages, [labels.pick(labels.STAGES[s], lang) for s in stages], default=pl.col("stage"),
                                       return_dtype=pl.String),
        pl.col("reason").alias("detail"),
        "code",
    )
