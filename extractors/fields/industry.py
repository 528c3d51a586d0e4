"""The industry of each employer, and months of experience per industry."""

import re
from functools import cache

from screener.models import IndustryMonths, WorkEntry
from screener.months import Month, counted_span, merged_months
from screener.vocabulary import industries


def _keyword_pattern(keyword: str) -> str:
    # An English keyword is a whole word ("bank", not the end of "Riverbank"; "online", not "Onlineshop");
    # Chinese has no spaces to bound a word, so a Chinese keyword is any substring.
    if not keyword.isascii():
        return re.escape(keyword)
    # "guarantee co", "tech co": Co., Company, Corporation all end it.
    return rf"(?<![a-z]){re.escape(keyword)}" + ("" if keyword.endswith(" co") else r"s?(?![a-z])")


@cache
def _industry_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((i.name, re.compile("|".join(map(_keyword_pattern, i.keywords)))) for i in industries())


def industry_of(employer: str | None, title: str | None = None, stated: str | None = None) -> str | None:
    """Classify by the employer's name; then by the industry a job site stated for the job (银行,
    金融/投资/证券); the title only when neither says anything."""
    for text in (employer, stated, title):
        if not text:
            continue
        lowered = text.lower()
        for industry, pattern in _industry_patterns():
            if pattern.search(lowered):
                return industry
    return None


def months_by_industry(entries: list[WorkEntry], reference: Month) -> list[IndustryMonths]:
    """Months per industry, overlapping entries merged within an industry; internships and part-time jobs left out."""
    spans: dict[str, list[tuple[Month, Month]]] = {}
    for e in entries:
        if e.industry is not None and (span := counted_span(e, reference)):
            spans.setdefault(e.industry, []).append(span)
    by_industry = [IndustryMonths(industry=i, months=merged_months(s)) for i, s in spans.items()]
    return sorted(by_industry, key=lambda x: (-x.months, x.industry))
