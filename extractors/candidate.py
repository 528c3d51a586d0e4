"""From a read document to the candidate's qualifications: the extraction stage in one call."""

from datetime import date

from extractors.contacts import find_emails, find_name, find_phones
from extractors.dates import Month
from extractors.education import extract_education, highest_degree
from extractors.experience import extract_experience, total_months
from extractors.models import Candidate, Document
from extractors.sections import segment
from extractors.terms import find_terms


def extract_candidate(document: Document, reference_date: date) -> Candidate:
    """Everything ``screener extract`` shows; 至今/present is counted to ``reference_date``."""
    lines = segment(document.text)
    reference = Month.of(reference_date)
    education = extract_education(lines)
    experience = extract_experience(lines, reference)
    terms = find_terms(document.text)
    return Candidate(
        source=document.source,
        name=find_name([line.text for line in lines]),
        phones=find_phones(document.text),
        emails=find_emails(document.text),
        highest_degree=highest_degree(education, lines),
        education=education,
        experience=experience,
        total_experience_months=total_months(experience, reference),
        skills=terms["SKILL"],
        certificates=terms["CERT"],
        languages=terms["LANG"],
        reference_date=reference_date.isoformat(),
        text_quality=document.quality,
        text_quality_reason=document.quality_reason,
        lines=lines,
    )
