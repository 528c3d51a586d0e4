"""No text cell of a CSV or the workbook opens as a formula (OWASP: CSV injection)."""

import polars as pl

from outputs.safe_cells import FORMULA_STARTS, safe_cells


def test_text_a_spreadsheet_would_run_is_quoted_and_nothing_else_changes():
    risky = ['=HYPERLINK("http:x","y")', "+86 139", "-2019 至今", "@SUM(A1)", "\tx", "\rx"]
    plain = ["张测试", "a=b", "'quoted", "", None]
    frame = pl.DataFrame({"text": risky + plain, "number": list(range(-5, 6))})
    safe = safe_cells(frame)
    assert safe["text"].to_list() == [f"'{t}" for t in risky] + plain
    assert safe["number"].to_list() == frame["number"].to_list()
    assert not any(t and t.startswith(FORMULA_STARTS) for t in safe["text"].to_list())
