"""Typed results of the reading and extraction stages.

Every stage returns one of these models; nothing downstream handles untyped dicts.
"""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

# Degree codes and their order live with their wordings; models re-exports them.
from screener.vocabulary import DEGREE_ORDER as DEGREE_ORDER
from screener.vocabulary import Degree as Degree

# obfuscated: a job site drew part of the text with its own web font; those characters are unreadable.
TextQuality = Literal["ok", "low_text", "garbled", "scanned", "obfuscated"]


class SourceInfo(BaseModel):
    model_config = ConfigDict(frozen=True)

    path: str
    sha256: str
    format: str  # sniffed from the bytes: pdf, docx, txt, ...
    size_bytes: int = 0


class Document(BaseModel):
    """The text of one résumé file, normalised, in reading order, one line per text line."""

    model_config = ConfigDict(frozen=True)

    source: SourceInfo
    text: str
    pages: int = 1
    quality: TextQuality = "ok"
    quality_reason: str = ""
    # Facts the reader noticed that HR may want to know (e.g. "extension .doc but content is docx").
    notes: list[str] = Field(default_factory=list)
    # Creation date found in the file's metadata (YYYY-MM-DD), a hint for the reference date.
    created: str | None = None

    @property
    def lines(self) -> list[str]:
        return [line for line in self.text.splitlines() if line.strip()]


class ReadError(BaseModel):
    """A file that could not be read; it ends as a row in errors.csv, never silently dropped."""

    model_config = ConfigDict(frozen=True)

    source: SourceInfo
    stage: Literal["read", "extract", "score"] = "read"
    # Short machine-readable code (unsupported_format, empty_file, corrupt, encrypted, ...).
    code: str
    reason: str


class TextLine(BaseModel):
    """One non-empty line of the résumé and the section it sits in (used as scoring evidence)."""

    model_config = ConfigDict(frozen=True)

    section: str
    text: str
    # What the line claims: its text without the clauses that deny what they name ("暂无信贷经验").
    claimed: str = ""
    # What it says is held: also without the clauses about a certificate still studied for ("正在备考CPA").
    # Extraction finds both (extractors/fields/not_held.py); a line made without them claims all its text.
    held: str = ""

    @model_validator(mode="before")
    @classmethod
    def _claims_all_its_text_unless_told(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("text"), str):
            return {"claimed": data["text"], "held": data["text"], **data}
        return data


class EducationEntry(BaseModel):
    school: str | None = None
    degree: Degree | None = None
    major: str | None = None
    start: str | None = None  # YYYY-MM
    end: str | None = None  # YYYY-MM, None while studying
    part_time: bool = False  # 在职 / 自考 / 成人 / 函授 / 网络教育
    in_progress: bool = False  # 在读, 至今, or ending after the reference date: not obtained yet
    evidence: str = ""


class WorkEntry(BaseModel):
    employer: str | None = None
    industry: str | None = None  # from the employer, stated industry and title, see data/lexicons/industries.yaml
    stated_industry: str | None = None  # a job site's "所属行业：…" for this job, as written
    title: str | None = None
    start: str | None = None  # YYYY-MM
    end: str | None = None  # YYYY-MM; None with is_current when the résumé says 至今 / present
    is_current: bool = False
    is_internship: bool = False
    is_part_time: bool = False  # 兼职 / part-time: listed, not counted as work experience
    months: int = 0
    evidence: str = ""


class IndustryMonths(BaseModel):
    industry: str
    months: int


class PersonalAttributes(BaseModel):
    """Facts screening must NOT score on (PRC Employment Promotion Law; PIPL art. 24).

    Extracted into their own group so later stages can keep them out of scoring and redact them.
    Scoring reads it only for a profile requirement of kind ``personal_attribute`` that carries an
    explicit ``justification`` (see scoring/protected.py); otherwise it is never scored.
    """

    gender: Literal["male", "female"] | None = None
    birth_date: str | None = None  # YYYY-MM
    age: int | None = None  # as stated, or from the birth date at the reference date
    ethnicity: str | None = None  # 民族
    marital_status: str | None = None  # 婚姻状况
    political_status: str | None = None  # 政治面貌
    native_place: str | None = None  # 籍贯
    household_registration: str | None = None  # 户口 / 户籍
    health: str | None = None  # 健康状况
    has_photo: bool = False


ReferenceDateSource = Literal["document_text", "pdf_created", "email_sent", "run_option", "today"]


class Candidate(BaseModel):
    """What ``screener extract`` prints and ``candidates.parquet`` stores, one per résumé."""

    source: SourceInfo
    name: str | None = None
    phones: list[str] = Field(default_factory=list)
    emails: list[str] = Field(default_factory=list)
    highest_degree: Degree | None = None
    education: list[EducationEntry] = Field(default_factory=list)
    experience: list[WorkEntry] = Field(default_factory=list)  # most recent first
    total_experience_months: int = 0
    # Months per industry of the employer (banking, rural_credit, tobacco, ...), overlaps merged.
    industry_experience: list[IndustryMonths] = Field(default_factory=list)
    # "3年工作经验" as the résumé states it; kept beside the dated total when they disagree.
    stated_experience_years: float | None = None
    skills: list[str] = Field(default_factory=list)
    certificates: list[str] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)  # CET-4, IELTS, ...
    reference_date: str  # YYYY-MM-DD that 至今 / present was counted to
    reference_date_source: ReferenceDateSource = "run_option"
    text_quality: TextQuality = "ok"
    text_quality_reason: str = ""
    personal: PersonalAttributes = Field(default_factory=PersonalAttributes)
    lines: list[TextLine] = Field(default_factory=list, exclude=True)
