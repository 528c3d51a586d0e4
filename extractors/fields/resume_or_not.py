"""Is this file one person's résumé? A README, a data file, a list of people or a job advert is not.

Recruiters' folders hold more than résumés, and ranking a README among the candidates misleads HR.
The verdict weighs what extraction already found, so it costs nothing extra:

- a person: a name, one person's phone or e-mail, or a stated personal fact;
- a résumé's structure: at least two résumé sections (education, experience, skills, …);
- dated history: a school or degree, or a job with its start date.

A file with none of the three and no résumé wording is not a résumé; one with some of them is kept,
since a garbled text layer can hide the rest and a lost résumé costs more than a stray row. Files
named or written as documentation or data (Markdown, JSON, YAML, CSV …) need the person: a README
quotes résumé lines as examples. JSON is data, not a document a candidate sends (job sites' API
responses included). Contact details of many people make a list; an advert's own headings with no
person, an advert.
"""

import re
from pathlib import PurePath

from screener.models import Candidate

# More distinct phones or e-mails than one person gives (own, home and work): an export or a list
# when no name stands at the top; a named résumé may list referees, so only a crowd makes it a list.
MAX_OWN_CONTACTS = 3
CROWD = 8
DATA_SUFFIXES = frozenset({".md", ".markdown", ".rst", ".json", ".yaml", ".yml", ".toml", ".ini", ".cfg", ".csv", ".tsv",
                           ".xml", ".log", ".py", ".js", ".sql"})
RESUME_SECTIONS = frozenset(
    {"basic", "objective", "education", "experience", "internships", "part_time", "projects", "skills",
     "certificates", "languages", "training", "summary"}
)
# What a job advert writes and a résumé seldom does; two kinds of them and no candidate make an advert.
_ADVERT = re.compile(
    r"岗位职责|工作职责|职位职责|任职要求|任职资格|岗位要求|职位要求|职位描述|招聘要求|招聘人数|薪资待遇|福利待遇|职位诱惑|"
    r"职位福利|公司介绍|job description|qualifications required|what we offer|how to apply|apply now",
    re.I,
)
# "key": value pairs packed together: JSON, however it is laid out on lines.
# A job site's API response logged as a string escapes its quotes: {\"code\":0,\"data\":…}.
_JSON_PAIR = re.compile(r'\\?"[\w$@.-]{1,40}\\?"\s*:')
_RESUME_WORDS = re.compile(r"简\s*历|求职|履历|工作经[历验]|教育(?:背景|经历)|résumé|resume|curriculum vitae|\bcv\b|experience|education", re.I)
# Markdown headings and fences, JSON/YAML structure: the marks of a data or documentation file.
_MARKUP = re.compile(r'^\s*(?:#{1,6}\s|```|[{}\[\]],?$|"[^"]{1,40}"\s*:|[A-Za-z_][\w-]{0,30}:\s*$|-\s+[A-Za-z_]\w*:\s)')

# A template's instructions to whoever fills it in, left in place of the person's own text:
# "写几句简单的介绍，关于工作内容…", "写一段介绍工作内容的说明…". A few such lines make a blank template.
_PLACEHOLDER = re.compile(r"^[\W_]*(?:请)?(?:在这里|在此|此处)?(?:写|填写|输入)(?:几句|一段|一些|简单的?)[^。]{0,16}?(?:介绍|说明|描述)")
TEMPLATE_LINES = 3


def _has_person(candidate: Candidate) -> bool:
    personal = candidate.personal
    return bool(
        candidate.name
        or 0 < len(candidate.phones) <= MAX_OWN_CONTACTS
        or 0 < len(candidate.emails) <= MAX_OWN_CONTACTS
        or personal.gender
        or personal.birth_date
        or personal.age
    )


def _has_structure(candidate: Candidate) -> bool:
    return len({line.section for line in candidate.lines} & RESUME_SECTIONS) >= 2


def _has_dated_history(candidate: Candidate) -> bool:
    return any(e.school or e.degree for e in candidate.education) or any(w.start for w in candidate.experience)


def _markup_share(candidate: Candidate) -> float:
    lines = candidate.lines
    return sum(1 for line in lines if _MARKUP.match(line.text)) / len(lines) if lines else 0.0


def _is_json(text: str) -> bool:
    pairs = len(_JSON_PAIR.findall(text))
    return pairs >= 10 and pairs * 200 >= len(text)


def not_a_resume_reason(candidate: Candidate) -> str | None:
    """Why the file is not a résumé (for errors.csv), or None when it reads as one.

    It reads the candidate's lines, which the extraction cache keeps, so a cached file is judged alike.
    Text that could not be read well (a scan, a garbled layer) keeps its own verdict for a person to
    check: what it hides is unknown, so it is not called a non-résumé.
    """
    if candidate.text_quality != "ok":
        return None
    text = "\n".join(line.text for line in candidate.lines)
    if _is_json(text):
        return "structured data (JSON), not a résumé document"
    people = max(len(candidate.phones), len(candidate.emails))
    if people >= CROWD or (people > MAX_OWN_CONTACTS and not candidate.name):
        return f"lists the contact details of {people} people: a list or an export, not one résumé"
    person = _has_person(candidate)
    advert_kinds = len({m.group().lower() for m in _ADVERT.finditer(text)})
    personal = candidate.personal
    if advert_kinds >= 2 and not (candidate.name or personal.gender or personal.birth_date or candidate.education):
        return "reads as a job advert (duties and requirements, no candidate)"
    suffix = PurePath(candidate.source.path).suffix.lower()
    if not person and (suffix in DATA_SUFFIXES or _markup_share(candidate) >= 0.2):
        return f"a documentation or data file ({suffix or 'markup'}) with no candidate in it"
    if sum(1 for line in candidate.lines if _PLACEHOLDER.match(line.text)) >= TEMPLATE_LINES:
        return "a résumé template: its sections hold the template's writing instructions, not a candidate's text"
    found = sum((person, _has_structure(candidate), _has_dated_history(candidate)))
    if found == 0 and not _RESUME_WORDS.search(text):
        return "no candidate found: no name or contact details, résumé sections or dated education and work"
    return None
