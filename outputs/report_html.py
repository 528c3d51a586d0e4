"""report.html: one self-contained page per run (no external files, scripts or fonts).

It opens on an overview: per role (in the order the roles were given) the top candidates, how many
met the must-haves and the near misses, and the best fit across roles. Below, one folding section
per role, the first open: its ranked table (click a header to sort; the name column stays put
while the table scrolls sideways in its box) and, on a click on a name, the candidate's evidence:
each criterion with the résumé text that earned it, and the résumé with that evidence marked,
displaCy-style. Phones, e-mail addresses and protected personal facts (gender, birth date,
ethnicity, marital status ...) are masked unless the run was asked to include contact details.

To stay small and quick with thousands of résumés, the tables and details travel as one JSON block
and are drawn by the page's script when a section is opened: each résumé's text is in it once,
however many roles it was screened for (2,000 résumés × 6 roles: see scripts/bench_report.py).
"""

import html
import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import polars as pl
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pydantic import BaseModel

from job_profiles.profile import JobProfile
from outputs import labels
from outputs.audit import readable_audit
from outputs.export import best_fit_table
from outputs.interview_guide import DEFAULT_SHORTLIST, InterviewGuide
from outputs.labels import Lang
from outputs.tables import CONTACT_MASK
from outputs.view import RoleView, assumptions, best_fit_view, errors_view, readable, role_view, shown_paths
from screener.models import Candidate
from screener.privacy import mask_contact_details, redact_personal

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
# Candidates per role whose evidence the page carries; the workbook has every row.
DETAIL_LIMIT = 100
# Candidates per role named in the overview.
OVERVIEW_TOP = 5
# An evidence text longer than this is cut (the résumé text below it has the whole line).
EVIDENCE_CHARS = 160
PALETTE = ["#aa9cfc", "#7aecec", "#bfeeb7", "#feca74", "#ff9561", "#c887fb", "#9cc9cc", "#ffeb80", "#ff8197", "#e4e7d2"]
MASK = CONTACT_MASK
# The role table's columns, the name first (it stays in view while the table scrolls sideways);
# the must-have and key requirement columns follow the near-miss note.
LEAD_COLUMNS = ["name", "rank", "score", "near_miss", "must_have_passed", "must_haves_failed", "near_miss_note"]
TAIL_COLUMNS = ["highest_degree", "total_experience_months", "text_quality", "duplicate_group", "phones", "emails"]
FIT_COLUMNS = ["name", "best_profile", "best_score", "best_must_have_passed", "second_profile", "second_score", "margin"]
# Row flags the script reads.
FAILED, DUPLICATE, WARNING, NEAR_MISS = 1, 2, 4, 8


class Mark(BaseModel):
    text: str
    label: str | None = None
    color: str | None = None


class Column(BaseModel):
    key: str
    header: str
    numeric: bool
    must: bool = False  # a must-have requirement's column


class OverviewRole(BaseModel):
    id: str
    title: str
    people: int
    met: str  # a count, or "— 无必备条件"
    top: list[dict]  # rank, name, score, passed
    near_misses: list[dict]  # rank, name, score, note


class ProfileSection(BaseModel):
    id: str
    title: str
    columns: list[Column]
    rows: int
    assumptions: list[str]
    hidden_details: int


class ExtraSection(BaseModel):
    """A section another part of the run adds (an interview guide, an audit): its own HTML,
    already escaped, placed after the roles and linked from the navigation."""

    id: str
    title: str
    html: str


class Report(BaseModel):
    lang: Lang
    generated: str
    files: int
    ranked: int
    errors: int
    overview: list[OverviewRole]
    fit_columns: list[Column]
    profiles: list[ProfileSection]
    extra_sections: list[ExtraSection] = []
    error_rows: list[dict]
    data: str  # the JSON block the page draws its tables and details from
    guide: InterviewGuide | None = None  # the shortlists' interview guide, a section of its own
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


class _Shown:
    """Texts as the report shows them, each masked once: a line of a résumé in the top rows of six
    roles was masked seven times (measured: 12.7 s of a 300-résumé run's 15 s report)."""

    def __init__(self, include_contacts: bool, lang: Lang) -> None:
        self.include_contacts, self.lang = include_contacts, lang
        self._memo: dict[tuple[str, str], str] = {}  # (résumé path, text): the text shown

    def __call__(self, text: str, candidate: Candidate | None) -> str:
        if self.include_contacts or candidate is None:
            return text
        key = (candidate.source.path, text)  # masking reads the résumé's own phones and e-mails
        if (masked := self._memo.get(key)) is None:
            masked = self._memo[key] = mask_contacts(text, candidate, self.lang)
        return masked


def _json_cell(value: object) -> object:
    return round(value, 2) if isinstance(value, float) else value


def _columns(view: RoleView, include_contacts: bool) -> list[str]:
    tail = [c for c in TAIL_COLUMNS if c in view.frame.columns and (include_contacts or c not in ("phones", "emails"))]
    return [*LEAD_COLUMNS, *view.groups.must, *view.groups.key, *tail]


def _role_data(
    view: RoleView, profile: JobProfile, table: pl.DataFrame, results: pl.DataFrame, candidates: dict[str, Candidate],
    people: dict[str, int], include_contacts: bool, lang: Lang, masked: _Shown,
) -> dict:
    """One role's rows (cells and flags) and, for its first DETAIL_LIMIT rows, the evidence."""
    order = _columns(view, include_contacts)
    frame = view.frame
    no, ok = labels.value("bool", "false", lang), labels.value("text_quality", "ok", lang)
    flags = frame.select(
        ((pl.col("must_have_passed") == no).cast(pl.Int32) * FAILED
         + pl.col("is_duplicate").eq(labels.value("bool", "true", lang)).fill_null(False).cast(pl.Int32) * DUPLICATE
         + (pl.col("text_quality") != ok).fill_null(False).cast(pl.Int32) * WARNING
         + (pl.col("near_miss") != "").cast(pl.Int32) * NEAR_MISS).alias("flags")
    )["flags"].to_list() if "text_quality" in frame.columns and "is_duplicate" in frame.columns else [0] * frame.height
    rows = [[_json_cell(v) for v in row] for row in frame.select(order).iter_rows()]
    titles = {r.id: labels.title((r.label.zh, r.label.en), lang) for r in profile.requirements}
    ids = [r.id for r in profile.requirements]
    crit = [[titles[i], PALETTE[n % len(PALETTE)], int(r.must_have)] for n, (i, r) in enumerate(zip(ids, profile.requirements, strict=True))]
    index = {i: n for n, i in enumerate(ids)}
    evidence = {
        r["source_path"]: r["criteria"]
        for r in results.filter(pl.col("profile_id") == profile.id).select("source_path", "criteria").iter_rows(named=True)
    }
    details: list[object] = []
    for raw, explanation in zip(table.head(DETAIL_LIMIT).iter_rows(named=True), frame["explanation"].head(DETAIL_LIMIT), strict=True):
        path = raw["source_path"]
        candidate = candidates.get(path)
        criteria = [c for c in evidence.get(path, []) if c["id"] in index]

        def shown(text: str, candidate: Candidate | None = candidate) -> str:
            return masked(text, candidate)

        spans = [(shown(c["evidence"]), str(index[c["id"]]), "") for c in criteria if c["evidence"]]
        marks = []
        if candidate is not None:
            for n, line in enumerate(candidate.lines):
                pos = 0
                for mark in mark_line(shown(line.text), spans):
                    if mark.label:
                        marks.append([n, pos, pos + len(mark.text), [int(x) for x in mark.label.split(" · ")]])
                    pos += len(mark.text)
        cut = [shown(c["evidence"]) for c in criteria]
        details.append({
            "p": people.get(path, -1),
            "e": explanation,
            "c": [[index[c["id"]], round(c["score"], 2), int(c["passed"]),
                   text if len(text) <= EVIDENCE_CHARS else text[:EVIDENCE_CHARS] + "…"]
                  for c, text in zip(criteria, cut, strict=True)],
            "m": marks,
        })
    return {"crit": crit, "rows": rows, "flags": flags, "det": details}


def _names(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """Each résumé's name, from the ranked tables (the report is given candidates, not their frame)."""
    return pl.concat([t.select("source_path", "source_sha256", "name") for t in tables.values()]).unique(
        ["source_path", "source_sha256"], keep="first", maintain_order=True)


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
    roots: list[str] | None = None,
    extra_sections: Sequence[ExtraSection] = (),
    guide: InterviewGuide | None = None,
    audit: pl.DataFrame | None = None,
    ranked: int | None = None,
) -> Report:
    """The report's content; ``profiles`` in the user's order (the first one opens), ``roots`` the
    files and folders screened (paths are shown relative to them). ``candidates``: at least those the
    detailed rows show; ``ranked``: how many were ranked when that is more (default: all given)."""
    by_path = {c.source.path: c for c in candidates}
    shown = [p for p in profiles if p.id in tables]
    views = {p.id: role_view(tables[p.id], results, p, lang, roots) for p in shown}
    # Each résumé's text once, for every role's details that show it.
    detailed = list(dict.fromkeys(path for p in shown for path in tables[p.id]["source_path"].head(DETAIL_LIMIT)))
    people = {path: n for n, path in enumerate(detailed)}
    files_shown = pl.DataFrame({"source_path": detailed}, schema={"source_path": pl.String}).select(
        shown_paths(pl.col("source_path"), roots))["source_path"].to_list()
    masked = _Shown(include_contacts, lang)
    person_rows = []
    for path, file in zip(detailed, files_shown, strict=True):
        candidate = by_path.get(path)
        lines = candidate.lines if candidate is not None else []
        person_rows.append([
            file,
            [[labels.section(line.section, lang),
              masked(line.text, candidate)] for line in lines],
        ])
    roles = {p.id: _role_data(views[p.id], p, tables[p.id], results, by_path, people, include_contacts, lang, masked) for p in shown}
    fits = best_fit_view(best_fit_table(results, _names(tables)), shown, lang, roots) if len(shown) > 1 else None
    data = {"people": person_rows, "roles": roles, "fit": [[_json_cell(v) for v in r] for r in fits.select(FIT_COLUMNS).iter_rows()] if fits is not None else []}
    sections = []
    overview = []
    for p in shown:
        view = views[p.id]
        frame = view.frame
        columns = _columns(view, include_contacts)
        numeric = {c for c in columns if tables[p.id].schema.get(c, pl.String).is_numeric()}
        sections.append(ProfileSection(
            id=p.id, title=view.title, rows=frame.height, assumptions=assumptions(p, lang),
            columns=[Column(key=c, header=view.headers.get(c) or labels.column(c, lang), numeric=c in numeric, must=c in view.groups.must) for c in columns],
            hidden_details=max(0, frame.height - DETAIL_LIMIT),
        ))
        people_count = int((frame["is_duplicate"] != labels.value("bool", "true", lang)).sum()) if "is_duplicate" in frame.columns else frame.height
        met = (str(int((tables[p.id]["must_have_passed"] & ~tables[p.id]["is_duplicate"]).sum()))
               if view.has_must_haves and "is_duplicate" in tables[p.id].columns else labels.text("no_must_haves", lang))
        overview.append(OverviewRole(
            id=p.id, title=view.title, people=people_count, met=met,
            top=frame.head(OVERVIEW_TOP).select("rank", "name", "score", "must_have_passed").to_dicts(),
            near_misses=view.near_misses,
        ))
    fit_columns = [Column(key=c, header=labels.column(c, lang), numeric=c in ("best_score", "second_score", "margin"))
                   for c in FIT_COLUMNS]
    error_rows = errors_view(errors, lang, roots).select(
        pl.col("source_path").alias("file"), "reason", "detail", "code").to_dicts()
    return Report(
        lang=lang,
        generated=(generated or datetime.now()).strftime("%Y-%m-%d %H:%M"),
        files=files,
        ranked=len(candidates) if ranked is None else ranked,
        errors=errors.height,
        overview=overview,
        fit_columns=fit_columns,
        profiles=sections,
        extra_sections=list(extra_sections),
        error_rows=error_rows,
        data=json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        guide=guide,
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
    # Inside <script>, a résumé's "</script>" must not end the block: "<" is written as \u003c.
    data = Markup(report.data.replace("<", "\\u003c"))
    return template.render(r=report, t=_texts(report.lang), data=data, extra=[(x, Markup(x.html)) for x in report.extra_sections],
                           escape=html.escape)


def write_report(path: Path, report: Report) -> Path:
    path.write_text(render_report(report), encoding="utf-8")
    return path


def _texts(lang: Lang) -> dict[str, str]:
    zh = {
        "title": "简历筛选报告", "generated": "生成时间", "files": "文件", "ranked": "已排名", "errors": "无法筛选",
        "sort_hint": "点击表头排序，点击姓名查看依据", "evidence": "依据", "resume": "简历原文（标出各项依据）", "must": "必备",
        "more": "前 {limit} 人可展开依据；另有 {n} 人见 ranked.xlsx", "error_title": "无法筛选的文件", "file": "文件",
        "code": "错误代码", "reason": "原因", "detail": "技术说明", "score": "得分",
        "overview": "概览", "role": "岗位", "people": "人数", "met": "满足必备条件", "top": "排名靠前",
        "near": "接近入围（只差一条必备条件）", "best_fit": "各候选人最适合的岗位", "assumptions": "岗位设定中的假设",
        "not_found": "简历中未找到", "none": "无", "failed": "未满足必备条件",
        "audit_title": "公平性审计（按性别、年龄段的入围比例）",
        "audit_hint": f"仅统计简历中写明性别或出生日期/年龄的人；入围 = 满足必备条件且排名在入围名单内（--shortlist，默认前 {DEFAULT_SHORTLIST}）。影响比 = 该群体入围比例 ÷ 入围比例最高的群体；"
                      "低于 0.8 且人数≥5 时标红。人数少的群体波动大，请谨慎解读。本审计不影响任何得分与排名。",
    }
    en = {
        "title": "Screening report", "generated": "Generated", "files": "Files", "ranked": "Ranked", "errors": "Not screened",
        "sort_hint": "Click a header to sort, a name for the evidence", "evidence": "Evidence", "resume": "Résumé text (evidence marked)",
        "must": "must-have", "more": "The first {limit} can be opened here; {n} more are in ranked.xlsx",
        "error_title": "Files that could not be screened", "file": "File", "code": "Error code", "reason": "Reason",
        "detail": "Technical detail", "score": "Score",
        "overview": "Overview", "role": "Role", "people": "People", "met": "Met the must-haves", "top": "Top candidates",
        "near": "Near misses (one must-have short)", "best_fit": "Best-fitting role per candidate", "assumptions": "Assumptions in the profile",
        "not_found": "not found in the résumé", "none": "none", "failed": "a must-have not met",
        "audit_title": "Adverse-impact audit (share shortlisted by gender and age band)",
        "audit_hint": f"Counts only candidates whose résumé states a gender or a birth date or age; shortlisted = must-haves met "
                      f"and ranked within the shortlist (--shortlist, top {DEFAULT_SHORTLIST} by default). Impact ratio = the group's share over the most selected group's; below 0.8 with "
                      "5 or more people is marked red. Small groups swing widely: read them with care. The audit changes no score or rank.",
    }
    return zh if lang == "zh" else en
