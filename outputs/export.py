"""Write the run's tables: ranked.xlsx, <profile_id>.csv, results.parquet, candidates.parquet, errors.csv.

These file names and the Parquet/CSV columns are an interface other tools rely on. Only the
workbook, which people read, gets translated headers, readable values and highlighting.
"""

from collections.abc import Callable, Sequence
from pathlib import Path

import polars as pl
import xlsxwriter
from pydantic import BaseModel, ConfigDict

from job_profiles.profile import JobProfile
from outputs import labels, summary
from outputs.audit import readable_audit
from outputs.labels import Lang
from outputs.safe_cells import safe_cells
from outputs.tables import profile_table, with_duplicate_columns
from outputs.view import RoleView, assumptions, best_fit_view, errors_view, readable, role_title, role_view
from scoring.best_fit import best_fit

__all__ = ["readable", "write_outputs", "write_workbook", "profile_tables", "best_fit_table", "sheet_names"]

EXCEL_SHEET_NAME_LIMIT = 31
# Column widths in Excel's character units: wide enough to read, never wider than a screen half.
MIN_WIDTH, MAX_WIDTH = 6, 60
# 评价 wraps at about 25 Chinese characters a line; other wrapped columns (the failed must-haves,
# the near-miss note, error reasons) at about 14, so the requirement columns stay on the first screen.
WRAP_WIDTH = 52
NOTE_WIDTH = 28
REST_WIDTH = 10
# A requirement column holds 0.00–1.00 under a long title: the title wraps in the header instead.
CRITERION_WIDTH = 14
PIXELS_PER_CHAR = 7
HEADER = {"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "top", "border": 1}
FAILED_MUST_HAVE = {"bg_color": "#FDE2E1"}  # light red: the row misses a must-have
TEXT_WARNING = {"bg_color": "#FFF2CC", "bold": True}  # amber: the text may be incomplete
DUPLICATE = {"font_color": "#7F7F7F", "italic": True}  # grey: counted once, under another row
NEAR_MISS = {"bg_color": "#FCD5B4", "bold": True}  # orange: fails one must-have, scores at the top
MUST_HEADER = "#F8CBAD"  # must-have columns' headers stand apart from the scored ones
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


# One more sheet for the workbook, written after the role sheets (an interview guide, an audit):
# called with the workbook and everything the run wrote; it names and fills its own sheet.
SheetWriter = Callable[[xlsxwriter.Workbook, "WorkbookInputs"], None]


class WorkbookInputs(BaseModel):
    """What the workbook's sheets are made from, for an extra sheet (see ``SheetWriter``)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    results: pl.DataFrame
    candidates: pl.DataFrame
    errors: pl.DataFrame
    tables: dict[str, pl.DataFrame]
    profiles: list[JobProfile]
    lang: Lang
    roots: list[str] | None = None


def write_outputs(
    out_dir: Path,
    results: pl.DataFrame,
    candidates: pl.DataFrame,
    errors: pl.DataFrame,
    tables: dict[str, pl.DataFrame],
    profiles: list[JobProfile] | None = None,
    lang: Lang = "zh",
    roots: list[str] | None = None,
    extra_sheets: Sequence[SheetWriter] = (),
    audit: pl.DataFrame | None = None,
) -> list[Path]:
    """``roots``: the files and folders screened; the workbook shows paths relative to them."""
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
    inputs = WorkbookInputs(results=results, candidates=candidates, errors=errors, tables=tables,
                            profiles=profiles or [], lang=lang, roots=roots)
    sheets = list(extra_sheets)
    if audit is not None:  # after the best fit, before the files that could not be screened
        sheets.insert(0, _audit_sheet(audit))
    write_workbook(xlsx, inputs, fits, sheets)
    written.append(xlsx)
    return written


def write_workbook(
    path: Path, inputs: WorkbookInputs, fits: pl.DataFrame | None = None, extra_sheets: Sequence[SheetWriter] = ()
) -> None:
    """汇总 first (with the near misses), then one sheet per role named by its title, in the order
    the roles were given; the best fit across roles when more than one was screened; any extra
    sheets; then the files that could not be screened."""
    lang = inputs.lang
    known = {p.id: p for p in inputs.profiles}
    shown = [known[pid] for pid in inputs.tables if pid in known]
    views = [role_view(inputs.tables[p.id], inputs.results, p, lang, inputs.roots) for p in shown]
    names = sheet_names([v.title for v in views])
    with xlsxwriter.Workbook(path, {"strings_to_formulas": False}) as workbook:
        _summary_sheet(workbook, inputs, shown, views)
        for view, name in zip(views, names, strict=True):
            _role_sheet(workbook, name, view, lang)
        if fits is not None and len(inputs.tables) > 1:
            _table_sheet(workbook, labels.sheet("best_fit", lang), best_fit_view(fits, shown, lang, inputs.roots), lang)
        for extra in extra_sheets:
            extra(workbook, inputs)
        _table_sheet(workbook, labels.sheet("errors", lang), errors_view(inputs.errors, lang, inputs.roots), lang,
                     wrap=("reason", "detail"))


def sheet_names(titles: list[str]) -> list[str]:
    """Role titles as sheet names: characters Excel refuses replaced, cut at 31, unique after the cut."""
    names: list[str] = []
    for title in titles:
        base = title.translate(_SHEET_CHARS).strip("'") or "sheet"
        name = base[:EXCEL_SHEET_NAME_LIMIT]
        n = 1
        while name.casefold() in {x.casefold() for x in names} or name.casefold() in _RESERVED:
            n += 1
            suffix = f" ({n})"
            name = base[: EXCEL_SHEET_NAME_LIMIT - len(suffix)] + suffix
        names.append(name)
    return names


# Excel refuses []:*?/\ in a sheet name: the full-width forms read the same.
_SHEET_CHARS = str.maketrans({"[": "［", "]": "］", ":": "：", "*": "＊", "?": "？", "/": "／", "\\": "＼"})
_RESERVED = {"history"} | {n.casefold() for pair in labels.SHEETS.values() for n in pair}


def _audit_sheet(audit: pl.DataFrame) -> SheetWriter:
    """The adverse-impact audit (outputs/audit.py) as a sheet of its own."""
    def write(workbook: xlsxwriter.Workbook, inputs: WorkbookInputs) -> None:
        _table_sheet(workbook, AUDIT_SHEET[inputs.lang], readable(readable_audit(audit, inputs.lang), inputs.lang), inputs.lang)
    return write


def best_fit_table(results: pl.DataFrame, candidates: pl.DataFrame) -> pl.DataFrame:
    """best_fit.csv: each candidate's best-fitting profile and its margin over the runner-up, with the name."""
    names = candidates.select("source_path", "source_sha256", "name")
    return (
        best_fit(results)
        .join(names, on=["source_path", "source_sha256"], how="left", maintain_order="left")
        .select("name", pl.exclude("name"))
    )


def _display_widths(table: pl.DataFrame, headers: list[str]) -> list[int]:
    # A CJK character is 3 UTF-8 bytes and two columns wide: (bytes + chars) / 2 counts it as 2.
    # A cell of several lines is as wide as its longest line.
    text = pl.col("*").cast(pl.String).str.split("\n").list.eval(
        (pl.element().str.len_bytes() + pl.element().str.len_chars()) // 2
    ).list.max()
    cells = table.select(text.max()).row(0) if table.height else [0] * table.width
    heads = [(len(h.encode()) + len(h)) // 2 for h in headers]
    return [max(MIN_WIDTH, min(MAX_WIDTH, max(c or 0, h) + 2)) for c, h in zip(cells, heads, strict=True)]


def _role_sheet(workbook: xlsxwriter.Workbook, name: str, view: RoleView, lang: Lang) -> None:
    """A role's ranked table: name and score frozen beside the header; 评价 wrapped; must-haves,
    then the requirements that decide the rank; the light ones collapsed at the right."""
    frame = view.frame
    _table_sheet(workbook, name, frame, lang, headers=view.headers, wrap=("explanation", "near_miss_note", "must_haves_failed"),
                 freeze_columns=frame.columns.index("score") + 1)
    sheet = workbook.get_worksheet_by_name(name)
    columns = frame.columns
    rest = [columns.index(c) for c in view.groups.rest]
    if rest:
        # Excel's outline: the columns are hidden under a + button above them, one click shows them.
        for index in rest:
            sheet.set_column(index, index, REST_WIDTH, None, {"level": 1, "hidden": True})
        sheet.set_column(max(rest) + 1, max(rest) + 1, None, None, {"collapsed": True})
    for index, key in enumerate(columns):
        if key in view.groups.must:
            sheet.write(0, index, view.headers[key], workbook.add_format({**HEADER, "bg_color": MUST_HEADER}))


def _wrapped_width(column: str, width: int, wrapped: bool) -> int:
    if not wrapped:
        return width
    return min(width, WRAP_WIDTH if column == "explanation" else NOTE_WIDTH)


def _table_sheet(
    workbook: xlsxwriter.Workbook, name: str, table: pl.DataFrame, lang: Lang, headers: dict[str, str] | None = None,
    wrap: tuple[str, ...] = (), freeze_columns: int = 0,
) -> None:
    columns = table.columns
    narrow = {c for c in columns if c.startswith("c_")}
    heads = _unique([(headers or {}).get(c) or labels.column(c, lang) for c in columns])
    shown = safe_cells(table).rename(dict(zip(columns, heads, strict=True)))
    widths = [min(w, CRITERION_WIDTH) if c in narrow else w for c, w in zip(columns, _display_widths(shown, heads), strict=True)]
    wrapped = {h: {"text_wrap": True, "valign": "top"} for c, h in zip(columns, heads, strict=True) if c in wrap}
    shown.write_excel(
        workbook,
        worksheet=name,
        autofilter=True,
        freeze_panes=(1, freeze_columns),
        autofit=False,
        # polars takes pixels: about 7 per character of the default Calibri 11. A wrapped column is
        # as wide as WRAP_WIDTH at most: its lines wrap there instead of running under the next cell.
        column_widths={h: _wrapped_width(c, w, h in wrapped) * PIXELS_PER_CHAR for c, h, w in zip(columns, heads, widths, strict=True)},
        column_formats=wrapped or None,  # type: ignore[arg-type]
        header_format=HEADER,
        float_precision=2,
        table_style=None,
    )
    sheet = workbook.get_worksheet_by_name(name)
    top = workbook.add_format({"valign": "top"})
    for row in range(1, table.height + 1):
        sheet.set_row(row, None, top)
    _highlight(workbook, sheet, columns, table.height, lang)


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
    if "near_miss" in columns:  # before the red rule: the first matching rule's fill wins
        sheet.conditional_format(1, 0, rows, last_col, {
            "type": "formula", "criteria": f'={ref("near_miss")}="{labels.text("near_miss_mark", lang)}"',
            "format": workbook.add_format(NEAR_MISS),
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
    workbook: xlsxwriter.Workbook, inputs: WorkbookInputs, profiles: list[JobProfile], views: list[RoleView]
) -> None:
    """Small tables under each other: per role, the near misses, per verdict, per error, and each
    role's assumptions. A role with no must-haves reads "—" where others count who met them."""
    lang = inputs.lang
    name = labels.sheet("summary", lang)
    titles = {p.id: role_title(p, lang) for p in profiles}
    without_must = [p.id for p in profiles if not any(r.must_have for r in p.requirements)]
    dash = labels.text("no_must_haves", lang)
    per_profile = summary.by_profile(inputs.results, inputs.candidates, profiles).select(
        pl.col("profile_id").replace_strict(titles, default=pl.col("profile_id"), return_dtype=pl.String).alias("profile"),
        "resumes", "people",
        pl.when(pl.col("profile_id").is_in(without_must)).then(pl.lit(dash)).otherwise(pl.col("met").cast(pl.String)).alias("met"),
        "best_score", "median_score", "text_warnings",
        pl.col("profile_id"),
    )
    verdicts = list(labels.VALUES["verdict"])
    per_verdict = summary.by_verdict(inputs.results, inputs.candidates).select(
        pl.col("profile_id").replace_strict(titles, default=pl.col("profile_id"), return_dtype=pl.String).alias("profile"),
        pl.when(pl.col("profile_id").is_in(without_must) & (pl.col("verdict") != "duplicate")).then(pl.lit(dash)).otherwise(
            pl.col("verdict").replace_strict(verdicts, [labels.value("verdict", k, lang) for k in verdicts], return_dtype=pl.String)
        ).alias("verdict"),
        "count",
    )
    codes = list(labels.ERROR_REASONS)
    per_error = summary.by_error(inputs.errors).select(
        pl.col("code").replace_strict(codes, [labels.error_reason(c, lang) for c in codes], default=pl.col("code"),
                                      return_dtype=pl.String).alias("reason"),
        "count", pl.col("example").alias("detail"), "code",
    )
    near = pl.DataFrame(
        [{"profile": v.title, "rank": m["rank"], "name": m["name"], "score": m["score"], "near_miss_note": m["note"]}
         for v in views for m in v.near_misses],
        schema={"profile": pl.String, "rank": pl.Int64, "name": pl.String, "score": pl.Float64, "near_miss_note": pl.String},
    )
    assumed = pl.DataFrame(
        [{"profile": role_title(p, lang), "assumption": a} for p in profiles for a in assumptions(p, lang)],
        schema={"profile": pl.String, "assumption": pl.String},
    )
    title = workbook.add_format({"bold": True, "font_size": 13})
    row = 0
    sheet = None
    tables = (("by_profile", per_profile), ("near_misses", near), ("by_verdict", per_verdict), ("by_error", per_error),
              ("assumptions", assumed))
    for key, frame in tables:
        if frame.is_empty() and key in ("near_misses", "by_error", "assumptions"):
            continue
        headers = [labels.column(c, lang) for c in frame.columns]
        shown = safe_cells(frame).rename(dict(zip(frame.columns, headers, strict=True)))
        shown.write_excel(
            workbook, worksheet=name, position=(row + 1, 0), header_format=HEADER, autofit=False,
            float_precision=2, table_style=None, include_header=True,
        )
        sheet = workbook.get_worksheet_by_name(name)
        sheet.write(row, 0, labels.sheet(key, lang), title)
        row += frame.height + 4
    if sheet is not None:
        sheet.set_column(0, 0, 30)
        sheet.set_column(1, 1, 60, workbook.add_format({"text_wrap": True, "valign": "top"}))
        sheet.set_column(2, 8, 16)
        sheet.activate()


def _unique(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for h in headers:
        seen[h] = seen.get(h, 0) + 1
        out.append(h if seen[h] == 1 else f"{h} ({seen[h]})")
    return out
