"""interview_guide.xlsx and the interview section of report.html, for each role's shortlist.

Interview competencies (``interview: true`` in a profile: the competency model, the 业务思维) are
what a résumé rarely shows and an interview tests. For the top ``shortlist`` candidates of each role
(a duplicate résumé counted once) the guide says, per competency, what the résumé already shows
(the evidence line), what it leaves open, and the profile's questions for it; and, before those,
the must-haves the candidate misses and the heavier requirements the résumé leaves unproven.

Built from the ranked tables (so the names are those the tables show) and results.parquet's
criteria; evidence lines carry no contact details or protected personal facts unless the run was
asked to include contacts.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Literal

import polars as pl
import xlsxwriter
from pydantic import BaseModel

from job_profiles.profile import JobProfile, Requirement
from outputs.labels import Lang
from outputs.tables import CONTACT_MASK
from screener.privacy import mask_contact_details, redact_personal
from screener.vocabulary import FACT_KINDS

DEFAULT_SHORTLIST = 10
# A scored requirement of at least this weight that the résumé does not fully meet is listed for
# HR to verify; lighter ones would drown the few that decide.
KEY_WEIGHT = 1.0
# Sections whose evidence is something the candidate did, not something they say they are.
DONE_SECTIONS = frozenset({"experience", "projects"})
SHEET_NAME_LIMIT = 31
# Excel forbids these in a sheet name; their full-width forms read the same in a Chinese title.
_SHEET_FORBIDDEN = str.maketrans("[]:*?/\\", "［］：＊？／＼")

Category = Literal["must_have", "verify", "competency"]
Clean = Callable[[str], str]


class GuideItem(BaseModel):
    """One line of a candidate's guide: a must-have gap, a requirement to verify, or a competency."""

    category: Category
    id: str
    label: str
    shown: str  # what the résumé shows: the evidence line, or for facts what was found; "" for nothing
    open: str  # what it leaves open, to settle in the interview
    questions: list[str]


class GuideCandidate(BaseModel):
    rank: int
    name: str
    score: float
    file: str
    items: list[GuideItem]

    def of(self, category: Category) -> list[GuideItem]:
        return [i for i in self.items if i.category == category]


class GuideRole(BaseModel):
    id: str
    title: str
    competencies: int  # interview competencies in the profile
    ranked: int  # candidates ranked for the role
    candidates: list[GuideCandidate]
    note: str  # "" or why the guide has little to say for this role


class InterviewGuide(BaseModel):
    lang: Lang
    shortlist: int
    roles: list[GuideRole]
    texts: dict[str, str]


TEXTS: dict[Lang, dict[str, str]] = {
    "zh": {
        "title": "面试指南", "overview": "说明", "role": "岗位", "shortlisted": "入围人数", "ranked": "已排名",
        "competencies": "面试胜任素质", "note": "备注", "rank": "排名", "name": "姓名", "score": "得分",
        "category": "类别", "item": "项目", "shown": "简历已体现", "open": "尚待确认", "questions": "面试问题",
        "must_have": "必备条件缺口", "verify": "待核实要求", "competency": "面试胜任素质",
        "intro": "每个岗位排名前 {n} 的候选人（重复简历只算一次）：先看必备条件缺口和待核实要求，再按胜任素质提问。"
                 "胜任素质不计入筛选得分。",
        "no_competencies": "本岗位画像未设面试胜任素质（interview: true），只列必备条件缺口与待核实要求。",
        "no_candidates": "本岗位没有可排名的候选人。",
        "none_shown": "简历未体现", "open_missing": "需面试考察",
        "open_claimed": "仅为自述（{section}），缺少工作中的实例：请候选人举例",
        "open_done": "工作经历中提到，需核实具体做法与结果",
        "must_open": "未满足必备条件：核实是否有简历未写的经历，或决定是否破例",
        "verify_missing": "请核实是否具备", "verify_weak": "依据较弱（{section}）：请候选人说明",
        "verify_partial": "部分满足：核实差距",
        "section_summary": "自我评价", "section_skills": "技能清单", "section_objective": "求职意向",
        "section_other": "简历其他部分", "no_gaps": "无必备条件缺口，也没有待核实要求",
        "ask_gap": "请具体说明您在「{label}」方面的经历：在哪里、多长时间、做了什么。",
    },
    "en": {
        "title": "Interview guide", "overview": "About", "role": "Role", "shortlisted": "Shortlisted", "ranked": "Ranked",
        "competencies": "Interview competencies", "note": "Note", "rank": "Rank", "name": "Name", "score": "Score",
        "category": "Category", "item": "Item", "shown": "The résumé shows", "open": "Left open", "questions": "Questions",
        "must_have": "Must-have gap", "verify": "To verify", "competency": "Interview competency",
        "intro": "The top {n} candidates of each role (a duplicate résumé counted once): first the must-have gaps and the "
                 "requirements to verify, then questions per competency. Competencies do not count in the screening score.",
        "no_competencies": "This role's profile marks no interview competencies (interview: true); only must-have gaps and "
                           "requirements to verify are listed.",
        "no_candidates": "No candidate was ranked for this role.",
        "none_shown": "not in the résumé", "open_missing": "test it in the interview",
        "open_claimed": "a claim only ({section}), no example from a job: ask for one",
        "open_done": "named in a job: ask how it was done and what came of it",
        "must_open": "must-have not met: check for experience the résumé leaves out, or decide on an exception",
        "verify_missing": "check whether the candidate has it", "verify_weak": "weak evidence ({section}): ask the candidate",
        "verify_partial": "partly met: check the gap",
        "section_summary": "self-assessment", "section_skills": "skills list", "section_objective": "objective",
        "section_other": "elsewhere in the résumé", "no_gaps": "no must-have gap and nothing to verify",
        "ask_gap": "Tell us about your experience with '{label}': where, for how long, and what you did.",
    },
}


def _local(text_zh: str, text_en: str, lang: Lang) -> str:
    return text_en if lang == "en" and text_en else text_zh


def _section_name(section: str, t: dict[str, str]) -> str:
    return t.get(f"section_{section}", t["section_other"])


def _competency(req: Requirement, criterion: dict | None, clean: Clean, t: dict[str, str], lang: Lang) -> GuideItem:
    shown = clean(criterion["evidence"]) if criterion and criterion["passed"] else ""
    if not shown:
        left_open = t["open_missing"]
    elif criterion and criterion["section"] in DONE_SECTIONS:
        left_open = t["open_done"]
    else:
        left_open = t["open_claimed"].format(section=_section_name(criterion["section"] if criterion else "", t))
    return GuideItem(category="competency", id=req.id, label=_local(req.label.zh, req.label.en, lang), shown=shown,
                     open=left_open, questions=[_local(q.zh, q.en, lang) for q in req.questions])


def _gap(criterion: dict, category: Category, clean: Clean, t: dict[str, str], questions: list[str]) -> GuideItem:
    # Facts (education, experience) say what was found in their summary; terms by their evidence.
    fact = criterion["kind"] in FACT_KINDS
    shown = clean(criterion["summary"] if fact else criterion["evidence"]) if (fact or criterion["passed"]) else ""
    if category == "must_have":
        left_open = t["must_open"]
    elif not criterion["passed"]:
        left_open = t["verify_partial"] if fact and criterion["score"] > 0 else t["verify_missing"]
    else:
        left_open = t["verify_weak"].format(section=_section_name(criterion["section"], t))
    return GuideItem(category=category, id=criterion["id"], label=criterion["label"], shown=shown,
                     open=left_open, questions=questions)


def _candidate(row: dict, profile: JobProfile, clean: Clean, t: dict[str, str], lang: Lang) -> GuideCandidate:
    criteria: list[dict] = row["criteria"] or []
    found = {c["id"]: c for c in [*criteria, *(row["interview"] or [])]}
    requirements = {r.id: r for r in profile.requirements}
    competencies = [r for r in profile.requirements if r.interview]

    def asked(criterion: dict) -> list[str]:
        # The profile's own questions when it has some; else one that asks for what is missing.
        req = requirements.get(criterion["id"])
        own = [_local(q.zh, q.en, lang) for q in req.questions] if req else []
        return own or [t["ask_gap"].format(label=criterion["label"])]

    must = [_gap(c, "must_have", clean, t, asked(c)) for c in criteria if c["must_have"] and not c["passed"]]
    key = [c for c in criteria if not c["must_have"] and c["id"] not in {r.id for r in competencies}
           and c["weight"] >= KEY_WEIGHT and c["score"] < 1.0]
    key.sort(key=lambda c: -c["weight"])  # stable: equal weights keep the profile's order
    verify = [_gap(c, "verify", clean, t, asked(c)) for c in key]
    items = [*must, *verify, *(_competency(r, found.get(r.id), clean, t, lang) for r in competencies)]
    return GuideCandidate(rank=row["rank"], name=row["name"] or "—", score=row["score"],
                          file=Path(row["source_path"]).name, items=items)


def build_guide(
    tables: dict[str, pl.DataFrame],
    results: pl.DataFrame,
    profiles: list[JobProfile],
    shortlist: int = DEFAULT_SHORTLIST,
    include_contacts: bool = False,
    lang: Lang = "zh",
) -> InterviewGuide:
    """The guide for the top ``shortlist`` rows of each profile's ranked table (duplicates skipped)."""
    t = TEXTS[lang]
    mask = CONTACT_MASK[lang]

    def clean(text: str) -> str:
        # The tables already mask contacts in evidence; protected facts (性别, 籍贯 …) are masked as the report does.
        return text if include_contacts else redact_personal(mask_contact_details(text, mask), mask)

    roles = []
    for profile in profiles:
        if profile.id not in tables:
            continue
        table = tables[profile.id]
        if "is_duplicate" in table.columns:
            table = table.filter(~pl.col("is_duplicate").fill_null(False))
        top = table.sort("rank").head(shortlist).select("rank", "name", "score", "source_path", "source_sha256")
        found = results.filter(pl.col("profile_id") == profile.id).select("source_path", "source_sha256", "criteria", "interview")
        rows = top.join(found, on=["source_path", "source_sha256"], how="left", maintain_order="left")
        competencies = sum(r.interview for r in profile.requirements)
        note = t["no_candidates"] if table.is_empty() else t["no_competencies"] if not competencies else ""
        roles.append(GuideRole(
            id=profile.id, title=_local(profile.title.zh, profile.title.en, lang), competencies=competencies,
            ranked=table.height, note=note,
            candidates=[_candidate(row, profile, clean, t, lang) for row in rows.iter_rows(named=True)],
        ))
    return InterviewGuide(lang=lang, shortlist=shortlist, roles=roles, texts=t)


# --- interview_guide.xlsx --------------------------------------------------------------------------

HEADER = {"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "top", "border": 1}
CATEGORY_FORMATS: dict[Category, dict] = {
    "must_have": {"bg_color": "#FDE2E1"},  # light red, as a failed must-have in ranked.xlsx
    "verify": {"bg_color": "#FFF2CC"},  # amber: something to check
    "competency": {},
}
# Character widths: rank, name, score, category, item, shown, open, questions.
COLUMN_WIDTHS = [6, 12, 8, 14, 30, 50, 32, 70]


def _sheet_names(roles: list[GuideRole], reserved: str) -> list[str]:
    names: list[str] = []
    for role in roles:
        base = role.title.translate(_SHEET_FORBIDDEN)[:SHEET_NAME_LIMIT] or role.id[:SHEET_NAME_LIMIT]
        name, n = base, 1
        while name.casefold() in {x.casefold() for x in [*names, reserved]}:
            n += 1
            name = f"{base[: SHEET_NAME_LIMIT - len(str(n)) - 1]}~{n}"
        names.append(name)
    return names


def write_guide(path: Path, guide: InterviewGuide) -> Path:
    """interview_guide.xlsx: an overview sheet, then one sheet per role with a row per item of each candidate.

    Every cell is written as a string or a number, never as a formula, whatever the résumé says.
    """
    t = guide.texts
    with xlsxwriter.Workbook(path) as workbook:
        header = workbook.add_format(HEADER)
        wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        title = workbook.add_format({"bold": True, "font_size": 13})
        formats = {k: workbook.add_format({**v, "text_wrap": True, "valign": "top"}) for k, v in CATEGORY_FORMATS.items()}
        names = _sheet_names(guide.roles, t["overview"])

        overview = workbook.add_worksheet(t["overview"])
        overview.write_string(0, 0, t["title"], title)
        overview.write_string(1, 0, t["intro"].format(n=guide.shortlist))
        for col, head in enumerate([t["role"], t["shortlisted"], t["ranked"], t["competencies"], t["note"]]):
            overview.write_string(3, col, head, header)
        for row, (role, name) in enumerate(zip(guide.roles, names, strict=True), start=4):
            overview.write_url(row, 0, "internal:'{}'!A1".format(name.replace("'", "''")), string=role.title)
            overview.write_number(row, 1, len(role.candidates))
            overview.write_number(row, 2, role.ranked)
            overview.write_number(row, 3, role.competencies)
            overview.write_string(row, 4, role.note, wrap)
        overview.set_column(0, 0, 24)
        overview.set_column(1, 3, 12)
        overview.set_column(4, 4, 80)

        heads = [t["rank"], t["name"], t["score"], t["category"], t["item"], t["shown"], t["open"], t["questions"]]
        for role, name in zip(guide.roles, names, strict=True):
            sheet = workbook.add_worksheet(name)
            sheet.write_string(0, 0, f"{role.title} — {t['title']}", title)
            if role.note:
                sheet.write_string(1, 0, role.note)
            for col, (head, width) in enumerate(zip(heads, COLUMN_WIDTHS, strict=True)):
                sheet.write_string(2, col, head, header)
                sheet.set_column(col, col, width, wrap)
            row = 3
            for candidate in role.candidates:
                if not candidate.items:  # nothing missing and nothing to ask: the row still says so
                    sheet.write_number(row, 0, candidate.rank)
                    sheet.write_string(row, 1, candidate.name)
                    sheet.write_number(row, 2, round(candidate.score, 2))
                    sheet.write_string(row, 4, t["no_gaps"])
                    row += 1
                for item in candidate.items:
                    fmt = formats[item.category]
                    sheet.write_number(row, 0, candidate.rank, fmt)
                    sheet.write_string(row, 1, candidate.name, fmt)
                    sheet.write_number(row, 2, round(candidate.score, 2), fmt)
                    sheet.write_string(row, 3, t[item.category], fmt)
                    sheet.write_string(row, 4, item.label, fmt)
                    sheet.write_string(row, 5, item.shown, fmt)
                    sheet.write_string(row, 6, item.open, fmt)
                    sheet.write_string(row, 7, "\n".join(f"{i}. {q}" for i, q in enumerate(item.questions, start=1)), fmt)
                    row += 1
            sheet.freeze_panes(3, 2)  # the header, and each row's rank and name, stay in view
            if row > 3:
                sheet.autofilter(2, 0, row - 1, len(heads) - 1)
        overview.activate()
    return path
