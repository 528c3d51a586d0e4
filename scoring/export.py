"""Write the run's tables: ranked.xlsx, <profile_id>.csv, results.parquet, candidates.parquet, errors.csv.

These file names and their columns are an interface other tools rely on.
"""

from pathlib import Path

import polars as pl
import xlsxwriter

from scoring.tables import profile_table

ERRORS_SHEET = "errors"
EXCEL_SHEET_NAME_LIMIT = 31


def _with_contacts(table: pl.DataFrame, candidates: pl.DataFrame) -> pl.DataFrame:
    contacts = candidates.select(
        "source_sha256",
        "source_path",
        pl.col("phones").list.join(", ").alias("phones"),
        pl.col("emails").list.join(", ").alias("emails"),
    )
    return table.join(contacts, on=["source_sha256", "source_path"], how="left", maintain_order="left")


def profile_tables(
    results: pl.DataFrame, candidates: pl.DataFrame, profile_ids: list[str], include_contacts: bool = False
) -> dict[str, pl.DataFrame]:
    tables = {pid: profile_table(results, candidates, pid) for pid in profile_ids}
    if include_contacts:
        tables = {pid: _with_contacts(t, candidates) for pid, t in tables.items()}
    return tables


def write_outputs(
    out_dir: Path,
    results: pl.DataFrame,
    candidates: pl.DataFrame,
    errors: pl.DataFrame,
    tables: dict[str, pl.DataFrame],
) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    results.write_parquet(out_dir / "results.parquet")
    candidates.write_parquet(out_dir / "candidates.parquet")
    # UTF-8 with a BOM so Excel on Chinese Windows opens the files without mojibake.
    errors.write_csv(out_dir / "errors.csv", include_bom=True)
    written += [out_dir / "results.parquet", out_dir / "candidates.parquet", out_dir / "errors.csv"]
    for pid, table in tables.items():
        path = out_dir / f"{pid}.csv"
        table.write_csv(path, include_bom=True)
        written.append(path)
    xlsx = out_dir / "ranked.xlsx"
    with xlsxwriter.Workbook(xlsx) as workbook:
        for pid, table in tables.items():
            _sheet(table, workbook, pid[:EXCEL_SHEET_NAME_LIMIT])
        _sheet(errors, workbook, ERRORS_SHEET)
    written.append(xlsx)
    return written


def _sheet(table: pl.DataFrame, workbook: xlsxwriter.Workbook, name: str) -> None:
    table.write_excel(
        workbook,
        worksheet=name,
        autofilter=True,
        freeze_panes=(1, 0),
        autofit=True,
        header_format={"bold": True, "bg_color": "#DDEBF7"},
        float_precision=2,
    )
