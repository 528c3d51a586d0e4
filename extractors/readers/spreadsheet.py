"""Résumés typed into spreadsheets: XLSX (openpyxl) and Excel 97-2003 XLS (xlrd, pure Python).

Every sheet's non-empty cells, row by row, the cells of a row joined as in a DOCX table.
"""

from __future__ import annotations

import io

from extractors.readers.docx import CELL_SEPARATOR
from extractors.readers.limits import MAX_CELLS, MAX_SHEETS_MB, check_sheets, too_complex
from extractors.readers.sniff import RawText, ReadFailure

# --- XLSX: a résumé typed into a spreadsheet (some job-site exports) -------------------------


def read_xlsx(data: bytes, max_cells: int = MAX_CELLS, max_sheets_mb: int = MAX_SHEETS_MB) -> RawText:
    """Every sheet's non-empty cells, row by row, cells of a row joined by `` | ``; a workbook of
    more than ``max_cells`` cells is refused as it is read (``too_complex``)."""
    try:
        import openpyxl
    except ImportError as exc:
        raise ReadFailure("unsupported_format", "reading .xlsx needs openpyxl (pip install openpyxl)") from exc
    check_sheets(data, max_sheets_mb)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zip, XML and its own errors alike
        raise ReadFailure("corrupt_xlsx", f"XLSX could not be opened ({type(exc).__name__}: {exc})") from exc
    lines: list[str] = []
    counted = _CellCount(max_cells)
    try:
        for sheet in wb.worksheets:
            for row in sheet.iter_rows(values_only=True):
                cells = [_cell_text(v) for v in row]
                cells = [c for c in cells if c]
                counted.add(max(1, len(cells)))  # empty rows too: a cell at row 1,048,576 makes a million
                if cells:
                    lines.append(CELL_SEPARATOR.join(cells))
        created = wb.properties.created
    finally:
        wb.close()
    return RawText(
        text="\n".join(lines),
        pages=len(wb.worksheets),
        created=created.strftime("%Y-%m-%d") if created is not None and created.year >= 1990 else None,
    )


# --- XLS: Excel 97-2003 forms, read natively (no LibreOffice Calc needed) --------------------


def read_xls(data: bytes, max_cells: int = MAX_CELLS) -> RawText:
    """Every sheet's non-empty cells, row by row, cells of a row joined by `` | `` (as ``read_xlsx``).

    xlrd reads the BIFF records itself (pure Python, milliseconds): no converter to install.
    """
    try:
        import xlrd
    except ImportError as exc:
        raise ReadFailure("legacy_xls", "reading .xls needs xlrd (pip install xlrd)") from exc
    try:
        # xlrd prints format warnings to stdout by default: send them nowhere.
        book = xlrd.open_workbook(file_contents=data, logfile=io.StringIO(), ragged_rows=True)
    except Exception as exc:  # xlrd raises XLRDError, CompDocError, struct.error, IndexError... for broken files
        if "encrypt" in str(exc).lower():
            raise ReadFailure("encrypted", "password-protected Excel .xls") from exc
        raise ReadFailure("corrupt_xls", f"Excel .xls is damaged or truncated ({type(exc).__name__}: {exc})") from exc
    lines: list[str] = []
    counted = _CellCount(max_cells)
    try:
        for sheet in book.sheets():
            for r in range(sheet.nrows):
                cells = [_xls_cell_text(cell, book.datemode) for cell in sheet.row(r)]
                cells = [c for c in cells if c]
                counted.add(max(1, len(cells)))  # empty rows too: a cell at row 1,048,576 makes a million
                if cells:
                    lines.append(CELL_SEPARATOR.join(cells))
        pages = book.nsheets
    finally:
        book.release_resources()
    return RawText(text="\n".join(lines), pages=max(pages, 1))


class _CellCount:
    """Cells read so far (an empty row counts as one); past ``limit`` the workbook is refused (3 million
    rows took minutes)."""

    def __init__(self, limit: int) -> None:
        self.limit, self.seen = limit, 0

    def add(self, cells: int) -> None:
        self.seen += cells
        if self.seen > self.limit:
            raise too_complex(f"the workbook holds more than {self.limit:,} cells", f"max_cells={self.limit:,}")


def _xls_cell_text(cell, datemode: int) -> str:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return _cell_text(xlrd.xldate_as_datetime(cell.value, datemode))
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return _cell_text(cell.value)
    if cell.ctype in (xlrd.XL_CELL_TEXT, xlrd.XL_CELL_NUMBER):
        return _cell_text(cell.value)
    return ""  # empty, blank, boolean and error cells carry no résumé text


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")  # type: ignore[union-attr]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
