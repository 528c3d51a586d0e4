"""Write the run's tables: ranked.xlsx, <profile_id>.csv, results.parquet, candidates.parquet, errors.csv.

These file names and the Parquet/CSV columns are an interface other tools rely on. Only the
workbook, which people read, gets translated headers, readable values and highlighting.
"""

from pathlib import Path

import polars as pl
import xlsxwriter

from job_profiles.profile import JobProfile
from outputs import labels, summary
from outputs.audit import readable_audit
from outputs.labels import Lang
from outputs.safe_cells import safe_cells
from outputs.tables import profile_table, with_duplicate_columns
from scoring.best_fit import best_fit

EXCEL_SHEET_NAME_LIMIT = 31
# Column widths in Excel's character units: wide enough to read, never wider than a screen half.
MIN_WIDTH, MAX_WIDTH = 6, 60
PIXELS_PER_CHAR = 7
HEADER = {"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "top", "border": 1}
FAILED_MUST_HAVE = {"bg_color": "#FDE2E1"}  # light red: the row misses a must-have
TEXT_WARNING = {"bg_color": "#FFF2CC", "bold": True}  # amber: the text may be incomplete
DUPLICATE = {"font_color": "#7F7F7F", "italic": True}  # grey: counted once, under another row
AUDIT_SHEET = {"zh": "公平性审计", "en": "adverse impact"}


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
    tables = {pid: with_duplicate_columns(profile_table(results, candidates, pid), candidates) for pid in profile_ids}
    if include_contacts:
        tables = {pid: _with_contacts(t, candidates) for pid, t in tables.items()}
    return tables


def write_outputs(
    out_dir: Path,
    results: pl.DataFrame,
    candidates: pl.DataFrame,
    errors: pl.DataFrame,
    tables: dict[str, pl.DataFrame],
    profiles: list[JobProfile] | None = None,
    lang: Lang = "zh",
    audit: pl.DataFrame | None = None,
) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    results.write_parquet(out_dir / "results.parquet")
    candidates.write_parquet(out_dir / "candidates.parquet")
    # UTF-8 with a BOM so Excel on Chinese Windows opens the files without mojibake.
    safe_cells(errors).write_csv(out_dir / "errors.csv", include_bom=True)
    written += [out_dir / "results.parquet", out_dir / "candidates.parquet", out_dir / "errors.csv"]
    for pid, table in tables.items():
        path = out_dir / f"{pid}.csv"
        safe_cells(table).write_csv(path, include_bom=True)
        written.append(path)
    fits = best_fit_table(results, candidates)
    safe_cells(fits).write_csv(out_dir / "best_fit.csv", include_bom=True)
    written.append(out_dir / "best_fit.csv")
    if audit is not None:  # outputs/audit.py: shares shortlisted by gender and age band
        safe_cells(audit).write_csv(out_dir / "audit.csv", include_bom=True)
        written.append(out_dir / "audit.csv")
    xlsx = out_dir / "ranked.xlsx"
    write_workbook(xlsx, results, candidates, errors, tables, profiles or [], lang, fits, audit)
    written.append(xlsx)
    return written


def write_workbook(
    path: Path,
    results: pl.DataFrame,
    candidates: pl.DataFrame,
    errors: pl.DataFrame,
    tables: dict[str, pl.DataFrame],
    profiles: list[JobProfile],
    lang: Lang,
    fits: pl.DataFrame | None = None,
    audit: pl.DataFrame | None = None,
) -> None:
    """Summary sheet first, then one sheet per profile (named by its id), the best fit across
    profiles when more than one was screened, the adverse-impact audit, then the errors."""
    known = {p.id: p for p in profiles}
    with xlsxwriter.Workbook(path, {"strings_to_formulas": False}) as workbook:
        _summary_sheet(workbook, results, candidates, errors, [known[p] for p in tables if p in known], lang)
        for pid, table in tables.items():
            criteria = {r.id: (r.label.zh, r.label.en) for r in known[pid].requirements} if pid in known else {}
            _table_sheet(workbook, pid[:EXCEL_SHEET_NAME_LIMIT], readable(table, lang), criteria, lang)
        if fits is not None and len(tables) > 1:
            _table_sheet(workbook, labels.sheet("best_fit", lang), readable(fits, lang), {}, lang)
        if audit is not None:
            _table_sheet(workbook, AUDIT_SHEET[lang], readable(readable_audit(audit, lang), lang), {}, lang)
        _table_sheet(workbook, labels.sheet("errors", lang), readable(errors, lang), {}, lang)


def best_fit_table(results: pl.DataFrame, candidates: pl.DataFrame) -> pl.DataFrame:
    """best_fit.csv: each candidate's best-fitting profile and its margin over the runner-up, with the name."""
    names = candidates.select("source_path", "source_sha256", "name")
    return (
        best_fit(results)
        .join(names, on=["source_path", "source_sha256"], how="left", maintain_order="left")
        .select("name", pl.exclude("name"))
    )


def readable(table: pl.DataFrame, lang: Lang) -> pl.DataFrame:
    """Cell values as people read them: 是/否 for booleans, 本科 for bachelor, lists joined."""
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
        elif isinstance(dtype, pl.List):
            exprs.append(pl.col(name).cast(pl.List(pl.String)).list.join(", "))
    return table.with_columns(exprs)


def _display_widths(table: pl.DataFrame, headers: list[str]) -> list[int]:
    # A CJK character is 3 UTF-8 bytes and two columns wide: (bytes + chars) / 2 counts it as 2.
    width = (pl.col("*").cast(pl.String).str.len_bytes() + pl.col("*").cast(pl.String).str.len_chars()) // 2
    cells = table.select(width.max()).row(0) if table.height else [0] * table.width
    heads = [(len(h.encode()) + len(h)) // 2 for h in headers]
    return [max(MIN_WIDTH, min(MAX_WIDTH, max(c or 0, h) + 2)) for c, h in zip(cells, heads, strict=True)]


def _table_sheet(
    workbook: xlsxwriter.Workbook, name: str, table: pl.DataFrame, criteria: dict[str, tuple[str, str]], lang: Lang
) -> None:
    columns = table.columns
    headers = _unique([labels.column(c, lang, criteria) for c in columns])
    shown = safe_cells(table).rename(dict(zip(columns, headers, strict=True)))
    widths = _display_widths(shown, headers)
    shown.write_excel(
        workbook,
        worksheet=name,
        autofilter=True,
        freeze_panes=(1, 0),
        autofit=False,
        # polars takes pixels: about 7 per character of the default Calibri 11.
        column_widths={h: w * PIXELS_PER_CHAR for h, w in zip(headers, widths, strict=True)},
        header_format=HEADER,
        float_precision=2,
        table_style=None,
    )
    _highlight(workbook, workbook.get_worksheet_by_name(name), columns, table.height, lang)


def _highlight(workbook: xlsxwriter.Workbook, sheet, columns: list[str], rows: int, lang: Lang) -> None:  # noqa: ANN001
    """Whole rows that fail a must-have in light red; a text-quality warning cell in amber; duplicates grey."""
    if rows == 0:
        return
    last_col = len(columns) - 1

    def ref(name: str) -> str:
        return f"${xlsxwriter.utility.xl_col_to_name(columns.index(name))}2"

    if "is_duplicate" in columns:
        sheet.conditional_format(1, 0, rows, last_col, {
            "type": "formula", "criteria": f'={ref("is_duplicate")}="{labels.value("bool", "true", lang)}"',
            "format": workbook.add_format(DUPLICATE),
        })
    if "must_have_passed" in columns:
        sheet.conditional_format(1, 0, rows, last_col, {
            "type": "formula", "criteria": f'={ref("must_have_passed")}="{labels.value("bool", "false", lang)}"',
            "format": workbook.add_format(FAILED_MUST_HAVE),
        })
    if "text_quality" in columns:
        col = columns.index("text_quality")
        sheet.conditional_format(1, col, rows, col, {
            "type": "formula", "criteria": f'={ref("text_quality")}<>"{labels.value("text_quality", "ok", lang)}"',
            "format": workbook.add_format(TEXT_WARNING),
        })


def _summary_sheet(
    workbook: xlsxwriter.Workbook,
    results: pl.DataFrame,
    candidates: pl.DataFrame,
    errors: pl.DataFrame,
    profiles: list[JobProfile],
    lang: Lang,
) -> None:
    """Three small tables under each other: per profile, per verdict, per error code."""
    name = labels.sheet("summary", lang)
    per_profile = summary.by_profile(results, candidates, profiles).select(
        "profile_id", pl.col("zh" if lang == "zh" else "en").alias("profile"),
        "resumes", "people", "met", "best_score", "median_score", "text_warnings",
    )
    per_verdict = summary.by_verdict(results, candidates).with_columns(
        pl.col("verdict").replace_strict(
            list(labels.VALUES["verdict"]), [labels.value("verdict", k, lang) for k in labels.VALUES["verdict"]]
        )
    )
    per_error = summary.by_error(errors)
    title = workbook.add_format({"bold": True, "font_size": 13})
    row = 0
    sheet = None
    for key, frame in (("by_profile", per_profile), ("by_verdict", per_verdict), ("by_error", per_error)):
        headers = [labels.column(c, lang) for c in frame.columns]
        shown = safe_cells(frame).rename(dict(zip(frame.columns, headers, strict=True)))
        shown.write_excel(
            workbook, worksheet=name, position=(row + 1, 0), header_format=HEADER, autofit=True,
            float_precision=2, table_style=None, include_header=True,
        )
        sheet = workbook.get_worksheet_by_name(name)
        sheet.write(row, 0, labels.sheet(key, lang), title)
        row += frame.height + 4
    if sheet is not None:
        sheet.set_column(0, 0, 28)
        sheet.set_column(1, 1, 22)
        sheet.set_column(2, 8, 14)
        sheet.activate()


def _unique(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for h in headers:
        seen[h] = seen.get(h, 0) + 1
        out.append(h if seen[h] == 1 else f"{h} ({seen[h]})")
    return out
