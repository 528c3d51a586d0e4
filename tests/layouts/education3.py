"""Synthetic layouts for the education and page-structure classes of issue 16's third pass
(invented people, schools and companies). Each function returns a file's bytes, read through the
same reader a real file goes through."""

from html import escape


def _page(body: str) -> bytes:
    return f'<html><head><meta charset="utf-8"><title>简历</title></head><body>{body}</body></html>'.encode()


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li><span>{escape(item)}</span></li>" for item in items) + "</ul>"


def lists_in_one_cell(sections: list[tuple[str, list[list[str]]]]) -> bytes:
    """A talent site's mail export: the whole résumé in one table cell, each section a heading
    paragraph and each entry a list of "label：value" items (工作单位：…, 工作时间：…)."""
    body = "".join(f"<p><strong>{escape(title)}</strong></p>" + "".join(_list(entry) for entry in entries) for title, entries in sections)
    return _page(f"<table><tbody><tr><td><img src='top.jpg'></td></tr></tbody></table><table><tbody><tr><td>{body}</td></tr></tbody></table>")


def labelled_rows(header: list[str], education: list[str]) -> bytes:
    """A form export of "label：value" lines: header fields, then an 教育经历 section whose entry is
    labelled lines too, ending with a free-text 专业描述 field."""
    lines = [*header, "教育经历", *education]
    return _page("".join(f"<p>{escape(line)}</p>" for line in lines))


def _rows(rows: list[list[str]]) -> str:
    return "<table>" + "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows) + "</table>"


def summary_row_with_education_and_training(summary: list[str], jobs: list[list[list[str]]], school: list[list[str]]) -> bytes:
    """A regional site's export (0577hr-like): a summary row of cells (性别 | 年龄 | 经验 | 学历 | 专业),
    a 工作经历 section of job rows, then an 教育培训 section whose entry is the school's row
    (school | dates) and a row led by the kind of study (学历教育 | major | certificates)."""
    body = _rows([summary]) + "<p>工作经历</p>" + "".join(_rows(job) for job in jobs) + "<p>教育培训</p>" + _rows(school)
    return _page(body + "<p>关于我们</p><p>联系我们</p>")


def empty_label_before_heading(form: list[list[str]], education: list[str]) -> bytes:
    """A form whose last label is left empty (目标职能： | ) just above the 教育背景 heading; the
    education entry is a school line with its dates in brackets and labelled lines under it."""
    lines = "".join(f"<div>{escape(line)}</div>" for line in education)
    return _page(f"{_rows(form)}<hr><div><b>教育背景</b></div>{lines}")


def section_lines(header: list[str], education: list[str]) -> bytes:
    """Header lines, then an 教育经历 section of lines as a site writes them (one <div> each): a 51job
    row pair, a LinkedIn entry in the Chinese interface, a 猎聘 row with the major in English."""
    body = "".join(f"<div>{escape(line)}</div>" for line in [*header, "教育经历", *education])
    return _page(body)


ENGLISH_HEAD = "Jane Example\njane.example@example.com (555) 010-0000\nExperience\n03/2016 to Current\nAnalyst Company Name ， City , State\n"


def english_degree_lines(lines: list[str]) -> str:
    """A LiveCareer-like text: a job, then the Education section's degree lines as the site writes them
    ("Master of Science : Field , School -" / "Field GPA: 3.3")."""
    return ENGLISH_HEAD + "Education\n" + "".join(f"{line}\n" for line in lines) + "Skills\nExcel, SQL\n"


def lines_page(lines: list[str]) -> bytes:
    """Lines in the order a reader takes them from a Word or PDF template: a heading box read after the
    section's first entry, a sidebar's details read in between an entry's lines."""
    return _page("".join(f"<p>{escape(line)}</p>" for line in lines))
