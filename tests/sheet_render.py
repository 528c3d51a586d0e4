"""A worksheet drawn as HTML from what openpyxl reads back, for a screenshot in headless chromium.

The test machine's LibreOffice has Writer only (no Calc: `soffice --convert-to png` cannot load an
.xlsx), so the sheet is drawn from the file itself: cell values, column widths, hidden (grouped)
columns, wrapped cells, the frozen header and columns, header fills, and the simple conditional
rules the workbook uses (``=$D2="…"``, ``=$D2<>"…"``) evaluated per row. It shows what the file
says, not how Excel would paint every detail.
"""

import html
import re

from openpyxl.worksheet.worksheet import Worksheet

RULE = re.compile(r'^=?\$([A-Z]+)2(=|<>)"(.*)"$')
PIXELS_PER_CHAR = 7


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index


def _width(sheet: Worksheet, column: int) -> float:
    for dim in sheet.column_dimensions.values():
        if dim.min and dim.max and dim.min <= column <= dim.max:
            return dim.width or 9
    return 9


def _hidden(sheet: Worksheet, column: int) -> bool:
    return any(d.hidden for d in sheet.column_dimensions.values() if d.min and d.max and d.min <= column <= d.max)


def _fill(color: object) -> str | None:
    rgb = getattr(color, "rgb", None)
    return f"#{rgb[-6:]}" if isinstance(rgb, str) and len(rgb) >= 6 else None


def sheet_html(sheet: Worksheet, max_rows: int = 30) -> str:
    frozen_row, frozen_cols = 0, 0
    if sheet.freeze_panes:
        match = re.match(r"([A-Z]+)(\d+)", sheet.freeze_panes)
        if match:
            frozen_cols, frozen_row = _column_index(match.group(1)) - 1, int(match.group(2)) - 1
    rules = []  # (first column, last column, column tested, operator, value, background)
    for ranges, found in sheet.conditional_formatting._cf_rules.items():  # noqa: SLF001
        bounds = str(ranges.sqref).split(":")
        first = _column_index(re.sub(r"\d", "", bounds[0]))
        last = _column_index(re.sub(r"\d", "", bounds[-1]))
        for rule in found:
            match = RULE.match(rule.formula[0]) if rule.formula else None
            background = _fill(rule.dxf.fill.bgColor) if rule.dxf and rule.dxf.fill else None
            if match and background:
                rules.append((first, last, _column_index(match.group(1)), match.group(2), match.group(3), background))
            elif rule.type == "cellIs" and rule.formula and background:
                rules.append((first, last, first, "=", rule.formula[0].strip('"'), background))
    columns = [c for c in range(1, sheet.max_column + 1) if not _hidden(sheet, c)]
    grouped = [c for c in range(1, sheet.max_column + 1) if _hidden(sheet, c)]
    left: dict[int, float] = {}
    offset = 0.0
    for c in columns[:frozen_cols]:
        left[c] = offset
        offset += _width(sheet, c) * PIXELS_PER_CHAR
    out = ["<table>"]
    for r, row in enumerate(sheet.iter_rows(min_row=1, max_row=min(sheet.max_row, max_rows)), start=1):
        values = {cell.column: cell.value for cell in row}
        out.append("<tr>")
        for c in columns:
            cell = row[c - 1]
            style = [f"min-width:{_width(sheet, c) * PIXELS_PER_CHAR:.0f}px", f"max-width:{_width(sheet, c) * PIXELS_PER_CHAR:.0f}px"]
            background = _fill(cell.fill.fgColor) if cell.fill and cell.fill.fill_type == "solid" else None
            for first, last, tested, op, value, color in rules if r > 1 else ():
                if first <= c <= last and background is None:
                    shown = "" if values.get(tested) is None else str(values[tested])
                    if (shown == value) == (op == "="):
                        background = color
            if background:
                style.append(f"background:{background}")
            if cell.alignment is not None and cell.alignment.wrap_text or r == 1:
                style.append("white-space:pre-wrap")
            if r <= frozen_row:
                style.append("position:sticky;top:0;z-index:2;font-weight:bold")
            if c in left:
                style.append(f"position:sticky;left:{left[c]:.0f}px;z-index:{3 if r <= frozen_row else 1}")
                if c == columns[frozen_cols - 1]:
                    style.append("border-right:2px solid #666")
            if r <= frozen_row:
                style.append("border-bottom:2px solid #666")
            value = cell.value
            text = f"{value:.2f}" if isinstance(value, float) else ("" if value is None else str(value))
            out.append(f'<td style="{";".join(style)}">{html.escape(text)}</td>')
        out.append("</tr>")
    out.append("</table>")
    note = (f"<p class=note>{len(grouped)} columns grouped and collapsed (Excel: click + above the sheet to show them)"
            f" · frozen: {sheet.freeze_panes}</p>") if grouped else ""
    return (
        "<!doctype html><meta charset=utf-8><style>body{margin:0;font:13px 'Noto Sans CJK SC',sans-serif}"
        "table{border-collapse:separate;border-spacing:0}td{border-right:1px solid #d0d0d0;border-bottom:1px solid #d0d0d0;"
        "padding:2px 4px;vertical-align:top;overflow:hidden;white-space:nowrap;background-clip:padding-box}"
        "td{background-color:#fff}.note{margin:4px;color:#555}"
        f".tab{{background:#eee;padding:4px 8px;font-weight:bold}}</style><div class=tab>{html.escape(sheet.title)}</div>"
        f"{note}" + "".join(out)
    )
