"""Synthetic layouts where a form's header states the highest level and names its school, and the
education section lists rows that disagree on which school that is (invented people and schools).

Each function returns an HTML export's bytes, read through the same reader a real file goes through.
"""

from html import escape


def _page(body: str) -> bytes:
    return f'<html><head><meta charset="utf-8"><title>简历</title></head><body>{body}</body></html>'.encode()


def _table(rows: list[list[str]]) -> str:
    cells = ("".join(f"<td>{escape(cell)}</td>" for cell in row) for row in rows)
    return "<table>" + "".join(f"<tr>{row}</tr>" for row in cells) + "</table>"


def stated_highest_block(stated: list[list[str]], education: list[list[str]]) -> bytes:
    """A 51job-style export: a "最高学历" block of label and value cells (学　历： | 大专, 学　校： | …)
    in the header, and the 教育经历 section's dated rows (dates | school | major | level), latest first."""
    head = _table([["张测试", "男", "35岁"], ["最高学历"], *stated])
    return _page(f"{head}<p>教育经历</p>{_table(education)}")


def form_with_course_rows(form: list[list[str]], education: list[list[str]]) -> bytes:
    """A Word-style application form: rows of label and value cells (学历 | 大专 | 毕业院校 | …), then
    an 【教育背景】 row and rows naming places studied without a level (a course, an online class)."""
    return _page(_table([["个人简历"], *form, ["【教育背景】"], *education]))
