"""Application forms (表格式简历, 应聘登记表): a table cell naming a field, and the next cell its value.

The readers write a table row as its cells joined by " | " (``姓名 | 王五 | 性别 | 男``), a PDF's as
its words joined by spaces (``姓名 王五 性别 男``). The rules
read fields as ``label：value``, so a row of label and value cells is rewritten that way
(``姓名：王五 | 性别：男``) before extraction: the name, degree, school and protected facts of a form
are then found, and masked, as on a typed résumé.
"""

import re

from extractors.readers.docx import CELL_SEPARATOR

# Labels of the fields forms ask for (spaces inside a label cell are ignored: 姓  名).
FORM_LABELS = frozenset(
    """
    姓名 性别 出生年月 出生日期 年龄 民族 籍贯 户口所在地 户籍所在地 户口 户籍 政治面貌 婚姻状况 婚否 健康状况 身高 体重
    学历 最高学历 学位 毕业院校 毕业学校 所学专业 专业 毕业时间 参加工作时间 工作年限 职称 外语水平 计算机水平
    联系电话 手机 手机号码 电话 电子邮箱 邮箱 现住址 现居住地 通讯地址 求职意向 应聘岗位 应聘职位 期望薪资
    """.split()
)
# The fields of a work entry on job-site forms (所在单位 | 【示例公司】 | 职位名称 | 工程师): read as labels
# too, so the work rules see "所在单位：… | 职位名称：…" as on a typed résumé.
WORK_LABELS = frozenset(
    """
    所在单位 工作单位 单位名称 公司名称 就职公司 公司 单位 职位名称 担任职位 职位 岗位 职务
    单位行业 所属行业 起止时间 工作时间 任职时间 在职时间 时间
    """.split()
)
# Other column names of a work table's header row: counted to know that row, never rewritten.
_COLUMN_NAMES = frozenset("起始时间 终止时间 开始时间 结束时间 证明人 备注 离职原因 工作内容 工作职责 主要职责 月薪 薪资".split())
_SPACES = re.compile(r"\s+")


def _is_column_name(cell: str) -> bool:
    return is_cell_label(cell) or _SPACES.sub("", cell).rstrip("：:") in _COLUMN_NAMES


def _is_label(cell: str) -> bool:
    return _SPACES.sub("", cell).rstrip("：:") in FORM_LABELS


def is_cell_label(cell: str) -> bool:
    """A label in a table cell: a form's field, or a work entry's."""
    return _is_label(cell) or _SPACES.sub("", cell).rstrip("：:") in WORK_LABELS


def _spaced_row(line: str) -> str:
    """A PDF table row comes as its cells joined by spaces: ``姓名 周五 性别 女``. Taken as a form row
    when it starts with a label and holds two labels or more, each with a value after it."""
    tokens = line.split()
    labels = [i for i, token in enumerate(tokens) if _is_label(token)]
    if len(labels) < 2 or labels[0] != 0 or any(b - a < 2 for a, b in zip(labels, labels[1:] + [len(tokens) + 1])):
        return line
    ends = labels[1:] + [len(tokens)]
    return CELL_SEPARATOR.join(f"{tokens[a]}：{' '.join(tokens[a + 1:b])}" for a, b in zip(labels, ends))


def label_value_row(line: str) -> str:
    """``姓名 | 王五 | 性别 | 男`` (or ``姓名 王五 性别 男``) -> ``姓名：王五 | 性别：男``; other lines unchanged."""
    if CELL_SEPARATOR not in line:
        return _spaced_row(line)
    cells = [cell.strip() for cell in line.split(CELL_SEPARATOR)]
    if 2 * sum(map(_is_column_name, cells)) > len(cells) >= 3:
        return line  # a table's header row ("起始时间 | 终止时间 | 工作单位 | 职务 | 证明人"): column names, no values
    out: list[str] = []
    i = 0
    while i < len(cells):
        cell = cells[i]
        if is_cell_label(cell) and i + 1 < len(cells) and cells[i + 1] and not is_cell_label(cells[i + 1]):
            out.append(f"{_SPACES.sub('', cell).rstrip('：:')}：{cells[i + 1]}")
            i += 2
        else:
            out.append(cell)
            i += 1
    return CELL_SEPARATOR.join(out)


def form_fields(text: str) -> str:
    """The text with every label-and-value table row written as ``label：value`` fields."""
    return "\n".join(label_value_row(line) for line in text.split("\n"))
