"""English résumé layouts as a résumé site's PDF reads as text (LiveCareer and the like).

Invented people and jobs. The site redacts employers to "Company Name" and places to "City , State";
its PDFs put a mis-encoded full-width comma (read as "，") where a dash or comma was.
"""

HEAD = "Jane Example\njane.example@example.com (555) 010-0000\nSummary\nReliable clerk with years of office work.\n"

# Each job: (title, start, end) with dates as the layout writes them.
JOBS = [("Office Manager", "03/2016", "Current"), ("Accounts Clerk", "01/2010", "02/2016")]
MONTH_JOBS = [("Office Manager", "March 2016", "Current"), ("Accounts Clerk", "January 2010", "February 2016")]
DUTY = "Kept the books and answered customer calls every day."


def _resume(entries: list[str], education: str = "") -> str:
    return HEAD + "Experience\n" + "".join(entries) + (f"Education\n{education}" if education else "")


def dates_then_title_employer_place() -> str:
    """ "03/2016 to Current" / "Office Manager Company Name ， City , State" / duties."""
    return _resume([f"{s} to {e}\n{t} Company Name ， City , State\n{DUTY}\n" for t, s, e in JOBS])


def title_above_dates_employer_place() -> str:
    """ "Office Manager" / "March 2016 to Current Company Name ， City , State" / duties."""
    return _resume([f"{t}\n{s} to {e} Company Name ， City , State\n{DUTY}\n" for t, s, e in MONTH_JOBS])


def employer_place_title_dates() -> str:
    """ "Company Name City , State Office Manager 03/2016 to Current" / duties."""
    return _resume([f"Company Name City , State {t} {s} to {e}\n{DUTY}\n" for t, s, e in JOBS])


def title_comma_dates_employer() -> str:
    """ "Office Manager , 03/2016 to Current Company Name ， City , State" / duties."""
    return _resume([f"{t} , {s} to {e} Company Name ， City , State\n{DUTY}\n" for t, s, e in JOBS])


def employer_dates_title_then_place() -> str:
    """ "Company Name March 2016 to Current Office Manager" / "City , State" / a duty naming a firm."""
    return _resume([f"Company Name {s} to {e} {t}\nCity , State\nExample Services ~ audits of two acquisitions.\n" for t, s, e in MONTH_JOBS])


def title_employer_place_above_bare_dates() -> str:
    """ "Office Manager" / "Company Name" / "City , State" / "March 2016 to Current" / duties."""
    return _resume([f"{t}\nCompany Name\nCity , State\n{s} to {e}\n{DUTY}\n" for t, s, e in MONTH_JOBS])


def dates_split_by_wide_comma() -> str:
    """ "Office Manager 03/2016 ， Current Company Name City , State": the dash read as "，"."""
    return _resume([f"{t} {s} ， {e} Company Name City , State\n{DUTY}\n" for t, s, e in JOBS])


def dates_on_three_lines() -> str:
    """ "March 2016" / "to" / "Current" / "Company Name City , State Office Manager" / duties."""
    return _resume([f"{s}\nto\n{e}\nCompany Name City , State {t}\n{DUTY}\n" for t, s, e in MONTH_JOBS])


JOB_LAYOUTS = [
    dates_then_title_employer_place, title_above_dates_employer_place, employer_place_title_dates,
    title_comma_dates_employer, employer_dates_title_then_place, title_employer_place_above_bare_dates,
    dates_split_by_wide_comma, dates_on_three_lines,
]
