"""Compare two output folders of ``screener run``: are ``results.parquet`` and ``candidates.parquet`` the same?

For a before/after check of a change that should not change what the screener finds:

    python scripts/compare_outputs.py OLD_DIR NEW_DIR

Rows are matched by their key (``profile_id`` and ``source_path`` for results, ``source_path`` for
candidates) with the paths made relative to the folder screened, so a run on ``data/samples/resumes``
and one on ``/abs/path/data/samples/resumes`` compare equal. Prints identical or different per file,
with the first rows that differ and how; exits 1 when anything differs, 0 when all is identical.
"""

import argparse
import os
import sys
from pathlib import Path

import polars as pl

FILES = {"results.parquet": ["profile_id", "source_path"], "candidates.parquet": ["source_path"]}
SHOWN = 5  # differing rows printed per file


def relative_paths(frame: pl.DataFrame, root: str) -> pl.DataFrame:
    return frame.with_columns(pl.col("source_path").str.strip_prefix(root))


def screened_root(frames: list[pl.DataFrame]) -> str:
    """The folder the run screened: the deepest folder holding every file, with a trailing slash."""
    folders = {os.path.dirname(p) for f in frames for p in f["source_path"].unique().to_list()}
    if not folders:
        return ""
    root = os.path.commonpath(sorted(folders)) if len(folders) > 1 else folders.pop()
    return root.rstrip("/") + "/" if root else ""


def _short(value: object, width: int = 160) -> str:
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def compare_frames(old: pl.DataFrame, new: pl.DataFrame, keys: list[str]) -> list[str]:
    """Lines describing how ``new`` differs from ``old``; empty when they are the same."""
    lines = []
    only_old_cols = [c for c in old.columns if c not in new.columns]
    only_new_cols = [c for c in new.columns if c not in old.columns]
    if only_old_cols:
        lines.append(f"  columns only in OLD: {', '.join(only_old_cols)}")
    if only_new_cols:
        lines.append(f"  columns only in NEW: {', '.join(only_new_cols)}")
    values = [c for c in old.columns if c in new.columns and c not in keys]
    old, new = old.select(*keys, *values).sort(keys), new.select(*keys, *values).sort(keys)
    for label, left, right in (("OLD", old, new), ("NEW", new, old)):
        missing = left.join(right, on=keys, how="anti", nulls_equal=True)
        if missing.height:
            lines.append(f"  {missing.height} row(s) only in {label}, e.g. " + "; ".join(
                _short(row) for row in missing.select(keys).head(SHOWN).iter_rows()))
    # Rows present on both sides: equal when the hash of their values is; then say which columns differ.
    hashed = [f.select(*keys, pl.struct(values).alias("_row"), f.select(values).hash_rows().alias("_hash")) for f in (old, new)]
    both = hashed[0].join(hashed[1], on=keys, how="inner", suffix="_new", nulls_equal=True)
    changed = both.filter(pl.col("_hash") != pl.col("_hash_new"))
    if changed.height:
        lines.append(f"  {changed.height} of {both.height} matched row(s) differ; the first {min(SHOWN, changed.height)}:")
    for row in changed.head(SHOWN).iter_rows(named=True):
        key = ", ".join(f"{k}={row[k]}" for k in keys)
        diffs = [c for c in values if row["_row"][c] != row["_row_new"][c]]
        lines.append(f"    {key}")
        for column in diffs:
            before, after = row["_row"][column], row["_row_new"][column]
            if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
                # A list column (criteria, experience): show its first differing item, not the whole list.
                i = next(i for i, (a, b) in enumerate(zip(before, after)) if a != b)
                column, before, after = f"{column}[{i}]", before[i], after[i]
            if isinstance(before, dict) and isinstance(after, dict):
                # A struct: its id (when it has one) and the fields that differ.
                fields = [k for k in before if before[k] != after.get(k)]
                ident = {"id": before["id"]} if "id" in before and before["id"] == after.get("id") else {}
                before, after = ident | {k: before[k] for k in fields}, ident | {k: after.get(k) for k in fields}
            lines.append(f"      {column}: {_short(before)}")
            lines.append(f"      {' ' * len(column)}→ {_short(after)}")
    return lines


def compare_dirs(old_dir: Path, new_dir: Path) -> bool:
    """Print the comparison of each file; True when every file is identical."""
    tables = {d: {n: pl.read_parquet(d / n) for n in FILES if (d / n).is_file()} for d in (old_dir, new_dir)}
    # Each run's paths relative to what it screened, judged from all its tables at once.
    roots = {d: screened_root(list(frames.values())) for d, frames in tables.items()}
    same = True
    for name, keys in FILES.items():
        absent = [str(d / name) for d in (old_dir, new_dir) if name not in tables[d]]
        if absent:
            print(f"{name}: different: missing {', '.join(absent)}")
            same = False
            continue
        old, new = (relative_paths(tables[d][name], roots[d]) for d in (old_dir, new_dir))
        lines = compare_frames(old, new, keys)
        if lines:
            same = False
            print(f"{name}: different ({old.height} rows in OLD, {new.height} in NEW)")
            print("\n".join(lines))
        else:
            print(f"{name}: identical ({old.height} rows)")
    return same


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old_dir", type=Path, help="output folder of the earlier run")
    parser.add_argument("new_dir", type=Path, help="output folder of the later run")
    args = parser.parse_args(argv)
    return 0 if compare_dirs(args.old_dir, args.new_dir) else 1


if __name__ == "__main__":
    sys.exit(main())
