"""Months as the models store them (``YYYY-MM``) and the arithmetic on them.

Extraction counts total and per-industry experience with it and scoring counts a requirement's months
with it, so the two always agree. Months are counted inclusively: 2018-07 to 2018-12 is six months,
as HR counts.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from screener.models import WorkEntry


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @property
    def index(self) -> int:
        return self.year * 12 + self.month - 1

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @classmethod
    def of(cls, d: date) -> "Month":
        return cls(d.year, d.month)

    @classmethod
    def parse(cls, text: str) -> "Month":
        """From the ``YYYY-MM`` form the models store."""
        return cls(int(text[:4]), int(text[5:7]))


def months_between(start: Month, end: Month) -> int:
    """Calendar months from ``start`` through ``end``, both included; 0 if reversed."""
    return max(0, end.index - start.index + 1)


def merged_months(ranges: Iterable[tuple[Month, Month]]) -> int:
    """Months covered by the union of inclusive ranges, so overlapping jobs count once."""
    total = 0
    current: tuple[int, int] | None = None  # (start, end) indexes of the run being merged
    for start, end in sorted(ranges, key=lambda r: r[0].index):
        if current is None or start.index > current[1] + 1:
            if current is not None:
                total += current[1] - current[0] + 1
            current = (start.index, end.index)
        else:
            current = (current[0], max(current[1], end.index))
    if current is not None:
        total += current[1] - current[0] + 1
    return total


def counted_span(entry: WorkEntry, reference: Month) -> tuple[Month, Month] | None:
    """The months a job counts as work experience, or None (internships, part-time jobs, undated entries).

    至今/present runs to ``reference``. Total, per-industry and per-requirement months all use this.
    """
    if entry.is_internship or entry.is_part_time or not entry.start:
        return None
    return Month.parse(entry.start), Month.parse(entry.end) if entry.end else reference
