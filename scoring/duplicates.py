"""The same person applying twice: grouped by phone, e-mail, or name with birth date.

Rows are never dropped: each résumé of a group gets the same ``duplicate_group`` and all but one
are marked ``is_duplicate``, so counts of people can skip them.
"""

import polars as pl

# Enough rounds of label propagation for chains of a few résumés; each round joins once.
MAX_ROUNDS = 20


def _identity_keys(candidates: pl.DataFrame) -> pl.DataFrame:
    """One row per (résumé, normalised identity key): ``p:13800000001``, ``e:a@b.com``, ``nb:张三|1990-05``."""
    phones = candidates.select(
        "source_path",
        key=pl.col("phones").list.eval(
            # Digits only, country code dropped, so 138-0000-0001, +86 13800000001 and 0086... agree.
            pl.element().str.replace_all(r"\D", "").str.replace(r"^(?:0086|86)(1\d{10})$", "$1")
        ),
    ).explode("key").filter(pl.col("key").str.len_chars() >= 7).with_columns(key="p:" + pl.col("key"))
    emails = candidates.select(
        "source_path", key=pl.col("emails").list.eval(pl.element().str.strip_chars().str.to_lowercase())
    ).explode("key").filter(pl.col("key").str.contains("@")).with_columns(key="e:" + pl.col("key"))
    frames = [phones, emails]
    if "personal" in candidates.columns:
        birth = pl.col("personal").struct.field("birth_date")
        name = pl.col("name").str.replace_all(r"\s", "").str.to_lowercase()
        frames.append(
            candidates.filter(birth.is_not_null() & name.is_not_null() & (name != ""))
            .select("source_path", key="nb:" + name + "|" + birth)
        )
    return pl.concat(frames).unique()


def duplicate_groups(candidates: pl.DataFrame) -> pl.DataFrame:
    """``source_path``, ``duplicate_group`` (``D1``, ``D2``, …; null when unique), ``is_duplicate``.

    Connected components over shared keys (A shares a phone with B, B an e-mail with C: one person),
    by propagating the smallest path as label until nothing changes. The first path of a group
    (in path order) is the one not marked as a duplicate.
    """
    keys = _identity_keys(candidates)
    labels = candidates.select("source_path", label=pl.col("source_path"))
    for _ in range(MAX_ROUNDS):
        by_key = keys.join(labels, on="source_path").group_by("key").agg(pl.col("label").min())
        new = (
            labels.join(keys.join(by_key, on="key").group_by("source_path").agg(pl.col("label").min().alias("via")),
                        on="source_path", how="left")
            .select("source_path", label=pl.min_horizontal("label", "via"))
        )
        if new.sort("source_path").equals(labels.sort("source_path")):
            break
        labels = new
    sizes = labels.group_by("label").agg(pl.len().alias("n"), pl.col("source_path").min().alias("first"))
    groups = sizes.filter(pl.col("n") > 1).sort("first").with_row_index("i", offset=1)
    return (
        labels.join(groups.select("label", "i"), on="label", how="left")
        .select(
            "source_path",
            duplicate_group=pl.when(pl.col("i").is_not_null()).then(pl.format("D{}", pl.col("i"))),
            is_duplicate=pl.col("i").is_not_null() & (pl.col("source_path") != pl.col("label")),
        )
    )


def with_duplicates(candidates: pl.DataFrame) -> pl.DataFrame:
    """The candidates table with ``duplicate_group`` and ``is_duplicate`` added (same rows, same order)."""
    return candidates.join(duplicate_groups(candidates), on="source_path", how="left", maintain_order="left")
