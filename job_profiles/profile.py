"""Job profiles: the pydantic schema recruiters write YAML against, and its loader.

A bad profile fails with the file, the line and what is wrong (``ProfileError``).
"""

from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from screener.vocabulary import REQUIREMENT_KINDS, Degree, LanguageLevel, industries

# Bounds that keep a profile from breaking the outputs (a workbook has 16,384 columns; 17,000
# requirements crashed it) while sitting far above any real one (the bundled ones have 8-33).
MAX_REQUIREMENTS = 200
MAX_TERMS = 500  # synonyms, majors or values of one requirement
MAX_TEXT = 2_000  # characters of one label, source or term
MAX_MONTHS = 600  # 50 years of experience
# Profile ids name output files ({id}.csv) and workbook sheets: these are the run's own files and
# sheets (and those planned beside them), so a profile may not take their names.
RESERVED_IDS = frozenset({
    "results", "candidates", "errors", "best_fit", "ranked", "report", "summary", "run", "latest",
    "audit", "interview_guide", "blind_key", "by_profile", "by_verdict", "by_error",
})
SHEET_NAME_LIMIT = 31  # Excel cuts a sheet's name to 31 characters: ids must differ within them

Term = Annotated[str, Field(max_length=MAX_TEXT)]
Terms = Annotated[list[Term], Field(max_length=MAX_TERMS)]


class LocalText(BaseModel):
    model_config = ConfigDict(extra="forbid")

    zh: str = Field(max_length=MAX_TEXT)
    en: str = Field(default="", max_length=MAX_TEXT)


class _Requirement(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: LocalText
    weight: float = Field(default=1.0, gt=0, le=10)
    # A failed must-have marks the row (and sorts it below passing rows); it never drops it.
    must_have: bool = False
    # Where the requirement comes from: a quotation of the job description, or "assumption: ...".
    source: str = Field(min_length=4, max_length=MAX_TEXT)
    # Why a requirement on a protected attribute (age, gender, 户口, health, ...) is lawful for this
    # job. Without it such a requirement is never scored and `screener profiles lint` fails.
    justification: str | None = Field(default=None, min_length=10)
    # An interview competency: something a résumé rarely shows and an interview tests (the competency
    # model, the 业务思维). It is still matched, for the interview guide's evidence line, but it weighs
    # nothing in the score and has no column in the ranked tables unless the profile sets
    # ``score_interview_competencies``.
    interview: bool = False
    # What to ask about it in the interview (interview_guide.xlsx); `screener profiles lint` fails an
    # interview competency without any.
    questions: list[LocalText] = Field(default_factory=list)

    @model_validator(mode="after")
    def _interview_is_not_a_must_have(self) -> "_Requirement":
        if self.interview and self.must_have:
            raise ValueError("an interview competency cannot be a must-have: a résumé rarely shows it")
        return self


class EducationRequirement(_Requirement):
    kind: Literal["education"]
    min_degree: Degree
    # Preferred majors; empty means any major.
    majors: Terms = Field(default_factory=list)


class ExperienceRequirement(_Requirement):
    """Total work experience, counted from dated entries to the reference date."""

    kind: Literal["experience"]
    min_months: int = Field(ge=1, le=MAX_MONTHS)


class IndustryExperienceRequirement(_Requirement):
    """Experience in an industry or a kind of work: entries whose employer, title or duties match.

    ``industries`` names industry codes of data/lexicons/industries.yaml (banking, rural_credit,
    tobacco, ...): a job counts when its employer was classified into one of them, whatever the
    language of the résumé; ``synonyms`` catch what the classification does not (a kind of work).
    """

    kind: Literal["industry_experience"]
    min_months: int = Field(ge=1, le=MAX_MONTHS)
    synonyms: Terms = Field(min_length=1)
    industries: Terms = Field(default_factory=list)

    @field_validator("industries")
    @classmethod
    def _known_industries(cls, value: list[str]) -> list[str]:
        known = [industry.name for industry in industries()]
        unknown = [v for v in value if v not in known]
        if unknown:
            raise ValueError(f"unknown industry {unknown[0]!r}; known: {', '.join(known)}")
        return value


class SkillRequirement(_Requirement):
    kind: Literal["skill"]
    synonyms: Terms = Field(min_length=1)


class CertificateRequirement(_Requirement):
    kind: Literal["certificate"]
    synonyms: Terms = Field(min_length=1)


class SoftSkillRequirement(_Requirement):
    """A competency (沟通能力, 风险思维, ...): matched like a skill, but mostly a claim in 自我评价,
    so it never appears under 缺少 in the explanation."""

    kind: Literal["soft_skill"]
    synonyms: Terms = Field(min_length=1)


class LanguageRequirement(_Requirement):
    """A foreign language: ``min_level`` adds the built-in names of that level and every higher one
    (cet4 → CET-4, 英语四级, CET-6, 英语六级, TEM-8, ...); ``synonyms`` adds your own."""

    kind: Literal["language"]
    min_level: LanguageLevel | None = None
    synonyms: Terms = Field(default_factory=list)

    @model_validator(mode="after")
    def _something_to_match(self) -> "LanguageRequirement":
        if self.min_level is None and not self.synonyms:
            raise ValueError("a language requirement needs min_level or synonyms")
        return self


class LocationRequirement(_Requirement):
    """Where the candidate lives or wants to work (现居地, 期望工作地点), never 籍贯 or 户口."""

    kind: Literal["location"]
    synonyms: Terms = Field(min_length=1)


ProtectedAttribute = Literal[
    "age",
    "gender",
    "ethnicity",
    "religion",
    "marital_status",
    "childbearing",
    "native_place",
    "household_registration",
    "health",
]


class PersonalAttributeRequirement(_Requirement):
    """A requirement on a protected attribute, as a job advert states it (25-30岁, 男性, 本地户口).

    It exists so that a draft from a job advert can carry the line visibly; it is never scored
    unless ``justification`` says why this job lawfully needs it (see scoring/protected.py).
    """

    kind: Literal["personal_attribute"]
    attribute: ProtectedAttribute
    min_age: int | None = Field(default=None, ge=14, le=80)
    max_age: int | None = Field(default=None, ge=14, le=80)
    # Accepted values for attributes other than age (e.g. [男] or [本地户口]), matched in the résumé.
    values: Terms = Field(default_factory=list)

    @model_validator(mode="after")
    def _something_to_match(self) -> "PersonalAttributeRequirement":
        if self.attribute == "age" and self.min_age is None and self.max_age is None:
            raise ValueError("an age requirement needs min_age or max_age")
        if self.attribute != "age" and not self.values:
            raise ValueError(f"a {self.attribute} requirement needs values")
        return self


Requirement = Annotated[
    EducationRequirement
    | ExperienceRequirement
    | IndustryExperienceRequirement
    | SkillRequirement
    | CertificateRequirement
    | SoftSkillRequirement
    | LanguageRequirement
    | LocationRequirement
    | PersonalAttributeRequirement,
    Field(discriminator="kind"),
]


class JobProfile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    version: int = Field(default=1, ge=1)
    title: LocalText
    # Language of the one-line explanation (zh, or en for a profile written for English résumés).
    language: Literal["zh", "en"] = "zh"
    summary: str = ""
    source: str = Field(min_length=4, max_length=MAX_TEXT)
    # What the profile assumes where the job description is silent.
    assumptions: Terms = Field(default_factory=list)
    # The same assumptions in Chinese, for the workbook and report HR reads (assumptions stays English).
    assumptions_zh: Terms = Field(default_factory=list)
    # True: interview competencies (``interview: true``) weigh in the score and keep their columns.
    score_interview_competencies: bool = False
    requirements: list[Requirement] = Field(min_length=1, max_length=MAX_REQUIREMENTS)

    @field_validator("id")
    @classmethod
    def _not_an_output_name(cls, value: str) -> str:
        if value in RESERVED_IDS:
            raise ValueError(f"{value!r} names one of the run's own files or sheets; reserved: {', '.join(sorted(RESERVED_IDS))}")
        return value


class ProfileError(ValueError):
    """A profile that cannot be used, with the file and line at fault."""


def one_each(profiles: list[JobProfile]) -> list[JobProfile]:
    """The profiles of one run, each once: the same profile given twice is screened once; two
    different profiles under one id, or ids alike in their first 31 characters (one workbook sheet
    each), are a ``ProfileError``."""
    kept: dict[str, JobProfile] = {}
    for profile in profiles:
        if profile.id in kept:
            if kept[profile.id] != profile:
                raise ProfileError(f"two different profiles share the id {profile.id!r}: give one another id")
            continue
        kept[profile.id] = profile
    sheets: dict[str, str] = {}
    for pid in kept:
        if (other := sheets.setdefault(pid[:SHEET_NAME_LIMIT], pid)) != pid:
            raise ProfileError(f"profile ids {other!r} and {pid!r} share their first {SHEET_NAME_LIMIT} characters, "
                               "the workbook's sheet name: make them differ sooner")
    return list(kept.values())


BUNDLED_PROFILES_DIR = Path(__file__).resolve().parent


def _yaml_line(root: yaml.Node, loc: tuple[int | str, ...]) -> int:
    """1-based line of the deepest YAML node that ``loc`` (a pydantic error path) reaches."""
    node = root
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            match = node.value[key]
        else:
            match = None
        if match is None:
            break
        node = match
    return node.start_mark.line + 1


def parse_profile(text: str, origin: str = "<profile>") -> JobProfile:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise ProfileError(f"{origin}:{line}: not valid YAML: {exc.problem}") from None
    if not isinstance(data, dict) or root is None:
        raise ProfileError(f"{origin}:1: a profile must be a YAML mapping with id, title, requirements")
    try:
        profile = JobProfile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        # Discriminated unions add the tag to the path; drop it so the line lookup still walks the YAML.
        loc = tuple(p for p in first["loc"] if not (isinstance(p, str) and p in _KINDS))
        if first["type"] == "union_tag_invalid":
            # A wrong kind is reported on the item; point at its ``kind:`` line instead.
            loc += ("kind",)
        where = ".".join(str(p) for p in first["loc"])
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise ProfileError(
            f"{origin}:{_yaml_line(root, loc)}: {where}: {first['msg']}{more}"
        ) from None
    ids = [r.id for r in profile.requirements]
    if dupes := sorted({i for i in ids if ids.count(i) > 1}):
        raise ProfileError(f"{origin}: requirement ids must be unique, repeated: {', '.join(dupes)}")
    return profile


_KINDS = set(REQUIREMENT_KINDS)


def profile_json_schema() -> dict:
    """The JSON Schema of a profile, for editors (YAML language servers read it too)."""
    schema = JobProfile.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "resume-screener job profile",
        "description": "A job profile for `screener run --profile FILE`; see README \"Job profiles\".",
    }


def read_profile_text(path: Path) -> str:
    """A profile file's text; one that cannot be read raises ProfileError naming it."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{path}: cannot read profile: {exc}") from None


def load_profile(path: Path) -> JobProfile:
    return parse_profile(read_profile_text(path), str(path))


def bundled_profiles() -> dict[str, Path]:
    return {p.stem: p for p in sorted(BUNDLED_PROFILES_DIR.glob("*.yaml"))}


def resolve_profile(id_or_file: str) -> JobProfile:
    """A bundled profile id (``loan_account_manager``) or a path to a YAML file."""
    bundled = bundled_profiles()
    if id_or_file in bundled:
        return load_profile(bundled[id_or_file])
    path = Path(id_or_file)
    if path.suffix in {".yaml", ".yml"} or path.exists():
        if not path.exists():
            raise ProfileError(f"{path}: no such profile file")
        return load_profile(path)
    known = ", ".join(bundled) or "none"
    raise ProfileError(f"unknown profile {id_or_file!r}: not a file, and not a bundled id ({known})")
