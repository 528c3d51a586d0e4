"""report.html: one self-contained page per run (no external files, scripts or fonts).

Each profile's ranked table (click a header to sort), and per candidate the résumé text with the
evidence of each criterion marked in it, displaCy-style. Phones, e-mail addresses and protected
personal facts (gender, birth date, ethnicity, marital status ...) are masked in the résumé text
unless the run was asked to include contact details.
"""

import html
from datetime import datetime
from pathlib import Path

import polars as pl
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import BaseModel

from job_profiles.profile import JobProfile
from outputs import labels
from outputs.audit import SHORTLIST, readable_audit
from outputs.export import readable
from outputs.labels import Lang
from outputs.tables import CONTACT_MASK
from screener.models import Candidate, TextLine
from screener.privacy import mask_contact_details, redact_personal

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
# Past this many candidates per profile the page gets slow to open; the workbook has every row.
DETAIL_LIMIT = 200
PALETTE = ["#aa9cfc", "#7aecec", "#bfeeb7", "#feca74", "#ff9561", "#c887fb", "#9cc9cc", "#ffeb80", "#ff8197", "#e4e7d2"]
MASK = CONTACT_MASK
# Phone numbers and e-mail addresses of any candidate, including ones the extractor missed.
TABLE_COLUMNS = ["rank", "name", "score", "must_have_passed", "explanation", "highest_degree",
                 "total_experience_months", "text_quality", "duplicate_group", "phones", "emails"]


class Mark(BaseModel):
    text: str
    label: str | None = None
    color: str | None = None


class ReportLine(BaseModel):
    section: str
    marks: list[Mark]


class Evidence(BaseModel):
    label: str
    color: str
    score: float
    passed: bool
    must_have: bool
    summary: str
    evidence: str


class Detail(BaseModel):
    anchor: str
    rank: int
    name: str
    score: float
    explanation: str
    file: str
    criteria: list[Evidence]
    lines: list[ReportLine]


class Column(BaseModel):
    key: str
    header: str
    numeric: bool


class ProfileSection(BaseModel):
    id: str
    title: str
    columns: list[Column]
    rows: list[dict]  # cells, anchor, failed, duplicate, warning
    details: list[Detail]
    hidden_details: int


class Report(BaseModel):
    lang: Lang
    generated: str
    files: int
    ranked: int
    errors: int
    profiles: list[ProfileSection]
    error_rows: list[dict]
    # The adverse-impact audit (outputs/audit.py): headers, then rows of cells and the flag.
    audit_columns: list[Column] = []
    audit_rows: list[dict] = []


def mark_line(text: str, spans: list[tuple[str, str, str]]) -> list[Mark]:
    """Split ``text`` into plain and marked pieces; ``spans`` are (evidence, label, colour).

    Evidence inside the line marks that part; a line that is part of a longer evidence (a job's
    header and dated line) is marked whole. Overlapping marks merge and keep every label.
    """
    found: list[tuple[int, int, list[str], str]] = []
    stripped = text.strip()
    for evidence, label, color in spans:
        for piece in filter(None, (p.strip() for p in evidence.split("；"))):
            if (at := text.find(piece)) >= 0:
                found.append((at, at + len(piece), [label], color))
            elif len(stripped) >= 4 and stripped in piece:
                found.append((0, len(text), [label], color))
    found.sort(key=lambda f: (f[0], -f[1]))
    merged: list[tuple[int, int, list[str], str]] = []
    for start, end, names, color in found:
        if merged and start < merged[-1][1]:
            s, e, n, c = merged[-1]
            merged[-1] = (s, max(e, end), n + [x for x in names if x not in n], c)
        else:
            merged.append((start, end, names, color))
    marks, pos = [], 0
    for start, end, names, color in merged:
        if start > pos:
            marks.append(Mark(text=text[pos:start]))
        marks.append(Mark(text=text[start:end], label=" · ".join(names), color=color))
        pos = end
    if pos < len(text):
        marks.append(Mark(text=text[pos:]))
    return marks


def mask_contacts(text: str, candidate: Candidate, lang: Lang) -> str:
    """Phones and e-mails masked, and the protected personal facts (性别, 出生年月, 民族 ...) that
    screening must not weigh, so HR reading the evidence is not shown them either."""
    for known in [*candidate.phones, *candidate.emails]:
        text = text.replace(known, MASK[lang])
    return redact_personal(mask_contact_details(text, MASK[lang]), MASK[lang])


def _detail(
    row: dict, criteria: list[dict], lines: list[TextLine], candidate: Candidate | None,
    colors: dict[str, str], anchor: str, include_contacts: bool, lang: Lang,
) -> Detail:
    spans = [(c["evidence"], c["label"], colors.get(c["id"], PALETTE[0])) for c in criteria if c["evidence"]]
    shown = [
        ReportLine(
            section=line.section,
            marks=mark_line(line.text if include_contacts or candidate is None else mask_contacts(line.text, candidate, lang), spans),
        )
        for line in lines
    ]
    return Detail(
        anchor=anchor,
        rank=row["rank"],
        name=row["name"] or "—",
        score=row["score"],
        explanation=row["explanation"] or "",
        file=Path(row["source_path"]).name,
        criteria=[
            Evidence(label=c["label"], color=colors.get(c["id"], PALETTE[0]), score=c["score"], passed=c["passed"],
                     must_have=c["must_have"], summary=c["summary"] or "",
                     evidence=c["evidence"] if include_contacts or candidate is None else mask_contacts(c["evidence"], candidate, lang))
            for c in criteria
        ],
        lines=shown,
    )


def _section(
    profile: JobProfile, table: pl.DataFrame, results: pl.DataFrame, candidates: dict[str, Candidate],
    include_contacts: bool, lang: Lang,
) -> ProfileSection:
    criteria_labels = {r.id: (r.label.zh, r.label.en) for r in profile.requirements}
    colors = {r.id: PALETTE[i % len(PALETTE)] for i, r in enumerate(profile.requirements)}
    wanted = [c for c in TABLE_COLUMNS if c in table.columns and (include_contacts or c not in ("phones", "emails"))]
    criterion_columns = [c for c in table.columns if c.startswith("c_")]
    order = wanted[:5] + criterion_columns + wanted[5:]  # rank … explanation, then each criterion
    shown = readable(table.select(*order, "source_path", "is_duplicate"), lang)
    columns = [Column(key=c, header=labels.column(c, lang, criteria_labels), numeric=table.schema[c].is_numeric()) for c in order]
    evidence = {
        r["source_path"]: r["criteria"]
        for r in results.filter(pl.col("profile_id") == profile.id).select("source_path", "criteria").iter_rows(named=True)
    }
    no = labels.value("bool", "false", lang)
    ok = labels.value("text_quality", "ok", lang)
    rows, details = [], []
    for i, (row, raw) in enumerate(zip(shown.iter_rows(named=True), table.iter_rows(named=True), strict=True)):
        anchor = f"{profile.id}-{i + 1}"
        has_detail = i < DETAIL_LIMIT
        rows.append({
            "cells": [row[c] for c in order],
            "anchor": anchor if has_detail else None,
            "failed": row.get("must_have_passed") == no,
            "duplicate": bool(raw.get("is_duplicate")),
            "warning": "text_quality" in row and row["text_quality"] != ok,
        })
        if has_detail:
            candidate = candidates.get(raw["source_path"])
            details.append(_detail(raw, evidence.get(raw["source_path"], []), candidate.lines if candidate else [],
                                   candidate, colors, anchor, include_contacts, lang))
    title = profile.title.zh if lang == "zh" else (profile.title.en or profile.title.zh)
    return ProfileSection(id=profile.id, title=title, columns=columns, rows=rows, details=details,
                          hidden_details=max(0, table.height - DETAIL_LIMIT))


def build_report(
    tables: dict[str, pl.DataFrame],
    results: pl.DataFrame,
    candidates: list[Candidate],
    errors: pl.DataFrame,
    profiles: list[JobProfile],
    files: int,
    include_contacts: bool = False,
    lang: Lang = "zh",
    generated: datetime | None = None,
    audit: pl.DataFrame | None = None,
) -> Report:
    by_path = {c.source.path: c for c in candidates}
    sections = [_section(p, tables[p.id], results, by_path, include_contacts, lang) for p in profiles if p.id in tables]
    error_rows = [
        {"file": Path(r["source_path"]).name, "code": r["code"], "reason": r["reason"]}
        for r in errors.select("source_path", "code", "reason").iter_rows(named=True)
    ]
    return Report(
        lang=lang,
        generated=(generated or datetime.now()).strftime("%Y-%m-%d %H:%M"),
        files=files,
        ranked=len(candidates),
        errors=errors.height,
        profiles=sections,
        error_rows=error_rows,
        **_audit(audit, lang),
    )


def _audit(audit: pl.DataFrame | None, lang: Lang) -> dict:
    if audit is None:
        return {}
    audit = audit.drop("attribution_label")
    shown = readable(readable_audit(audit, lang), lang)
    return {
        "audit_columns": [Column(key=key, header=header, numeric=audit.schema[key].is_numeric())
                          for key, header in zip(audit.columns, shown.columns, strict=True)],
        "audit_rows": [{"cells": list(row), "flagged": flagged}
                       for row, flagged in zip(shown.iter_rows(), audit["flagged"], strict=True)],
    }


def render_report(report: Report) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=select_autoescape(["html", "j2"]))
    template = env.get_template("report.html.j2")
    return template.render(r=report, t=_texts(report.lang), escape=html.escape)


def write_report(path: Path, report: Report) -> Path:
    path.write_text(render_report(report), encoding="utf-8")
    return path


def _texts(lang: Lang) -> dict[str, str]:
    zh = {
        "title": "简历筛选报告", "generated": "生成时间", "files": "文件", "ranked": "已排名", "errors": "无法筛选",
        "sort_hint": "点击表头排序", "evidence": "依据", "resume": "简历原文（标出各项依据）", "must": "必备",
        "more": "另有 {n} 人未在本页展开，见 ranked.xlsx", "error_title": "无法筛选的文件", "file": "文件",
        "code": "错误代码", "reason": "原因", "back": "回到表格", "score": "得分",
        "audit_title": "公平性审计（按性别、年龄段的入围比例）",
        "audit_hint": f"仅统计简历中写明性别或出生日期/年龄的人；入围 = 满足必备条件且排名前 {SHORTLIST}。影响比 = 该群体入围比例 ÷ 入围比例最高的群体；"
                      "低于 0.8 且人数≥5 时标红。人数少的群体波动大，请谨慎解读。本审计不影响任何得分与排名。",
    }
    en = {
        "title": "Screening report", "generated": "Generated", "files": "Files", "ranked": "Ranked", "errors": "Not screened",
        "sort_hint": "Click a header to sort", "evidence": "Evidence", "resume": "Résumé text (evidence marked)", "must": "must-have",
        "more": "{n} more candidates are not expanded here; see ranked.xlsx", "error_title": "Files that could not be screened",
        "file": "File", "code": "Error code", "reason": "Reason", "back": "Back to the table", "score": "Score",
        "audit_title": "Adverse-impact audit (share shortlisted by gender and age band)",
        "audit_hint": f"Counts only candidates whose résumé states a gender or a birth date or age; shortlisted = must-haves met "
                      f"and ranked in the top {SHORTLIST}. Impact ratio = the group's share over the most selected group's; below 0.8 with "
                      "5 or more people is marked red. Small groups swing widely: read them with care. The audit changes no score or rank.",
    }
    return zh if lang == "zh" else en
