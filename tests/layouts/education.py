"""Synthetic layouts of the education part of job-site résumés (invented people and schools' rows).

Each function returns a file's bytes (HTML exports) or text (plain-text exports) in the layout a site
uses, so a test reads it through the same reader a real file goes through.
"""

from html import escape


def _page(body: str) -> bytes:
    return f'<html><head><meta charset="utf-8"><title>简历</title></head><body>{body}</body></html>'.encode()


def _rows(rows: list[list[str]]) -> str:
    return "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows)


def nested_table_export(header: list[str], education: list[list[str]], jobs: list[list[str]]) -> bytes:
    """A 51job/cjol-style export: each section's rows are a table nested in one cell of the page's
    layout table, so a reader that keeps a cell on one line joins every row of the section."""
    def section(title: str, rows: list[list[str]]) -> str:
        return f"<tr><td>{escape(title)}</td></tr><tr><td><table>{_rows(rows)}</table></td></tr>"

    head = "".join(f"<tr><td>{escape(line)}</td></tr>" for line in header)
    return _page(f"<table>{head}{section('工作经历', jobs)}{section('教育经历', education)}</table>")


def flattened_page(blocks: list[str]) -> bytes:
    """A site page (dingxiangyuan, buildhr, bjx) whose whole résumé stands in one layout cell of
    ``<div>`` blocks: headings such as 教育经历 end up inside one long line."""
    divs = "".join(f"<div>{escape(block)}</div>" for block in blocks)
    return _page(f"<table><tr><td>{divs}</td></tr></table>")


def labelled_rows(rows: list[list[str]]) -> bytes:
    """A form laid out as a table of label and value cells ("就读学校：" | "示例技工校(…)")."""
    return _page(f"<table>{_rows(rows)}</table>")


def plain_text_form(fields: list[tuple[str, str]], separator: str = "\t") -> str:
    """A form exported as plain text: a spaced label ("学　　历"), a tab, the value."""
    return "\n".join(f"{label}{separator}{value}" if label else value for label, value in fields) + "\n"
