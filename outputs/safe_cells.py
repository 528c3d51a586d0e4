"""Cells safe to open in a spreadsheet: text that would run as a formula is written as text.

A file named ``=HYPERLINK("http://x","y").txt``, or a name or job line copied out of a résumé that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, is a formula to Excel, LibreOffice
and Google Sheets when it opens the CSV (CSV injection). As OWASP advises, such a cell gets a leading
``'``: every spreadsheet then shows it as the text it is.
"""

import polars as pl

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_START = r"^[=+\-@\t\r]"


def safe_cells(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with each text cell that a spreadsheet would read as a formula prefixed with ``'``.

    Only text columns change: a number is never a formula, and the Parquet tables keep the data as it is.
    """
    text = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    return frame.with_columns(
        pl.when(pl.col(name).str.contains(_FORMULA_START)).then(pl.lit("'") + pl.col(name)).otherwise(pl.col(name)).alias(name)
        for name in text
    )
