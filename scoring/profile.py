"""Job profiles: the pydantic schema recruiters write YAML against, and its loader.

A bad profile fails with the file, the line and what is wrong (``ProfileError``).
"""

from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from extractors.models import Degree


class LocalText(BaseModel):
    model_config = ConfigDict(extra="forbid")

    zh: str
    en: str = ""


class _Requirement(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: LocalText
    weight: float = Field(default=1.0, gt=0, le=10)
    # A failed must-have marks the row (and sorts it below passing rows); it never drops it.
    must_have: bool = False
    # Where the requirement comes from: a quotation of the job description, or "assumption: ...".
    source: str = Field(min_length=4)


class EducationRequirement(_Requirement):
    kind: Literal["education"]
    min_degree: Degree
    # Preferred majors; empty means any major.
    majors: list[str] = Field(default_factory=list)


class ExperienceRequirement(_Requirement):
    """Total work experience, counted from dated entries to the reference date."""

    kind: Literal["experience"]
    min_months: int = Field(ge=1)


class IndustryExperienceRequirement(_Requirement):
    """Experience in an industry or a kind of work: entries whose employer, title or duties match."""

    kind: Literal["industry_experience"]
    min_months: int = Field(ge=1)
    synonyms: list[str] = Field(min_length=1)


class SkillRequirement(_Requirement):
    kind: Literal["skill"]
    synonyms: list[str] = Field(min_length=1)


class CertificateRequirement(_Requirement):
    kind: Literal["certificate"]
    synonyms: list[str] = Field(min_length=1)


Requirement = Annotated[
    EducationRequirement
    | ExperienceRequirement
    | IndustryExperienceRequirement
    | SkillRequirement
    | CertificateRequirement,
    Field(discriminator="kind"),
]


class JobProfile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    version: int = Field(default=1, ge=1)
    title: LocalText
    summary: str = ""
    source: str = Field(min_length=4)
    # What the profile assumes where the job description is silent.
    assumptions: list[str] = Field(default_factory=list)
    requirements: list[Requirement] = Field(min_length=1)


class ProfileError(ValueError):
    """A profile that cannot be used, with the file and line at fault."""


BUNDLED_PROFILES_DIR = Path(__file__).resolve().parent.parent / "job_profiles"


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


_KINDS = {"education", "experience", "industry_experience", "skill", "certificate"}


def load_profile(path: Path) -> JobProfile:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{path}: cannot read profile: {exc}") from None
    return parse_profile(text, str(path))


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
