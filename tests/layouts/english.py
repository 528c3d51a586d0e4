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


# Education: (text of the section, heading) → highest degree, its school and field.
def _with_education(lines: str, heading: str = "Education") -> str:
    return HEAD + "Experience\n03/2016 to Current\nOffice Manager Company Name ， City , State\n" + f"{DUTY}\n{heading}\n{lines}"


def degree_field_year_school_place_field() -> str:
    """ "Bachelor of Science : Finance , 2012 Example State University ， City , State Finance"."""
    return _with_education(
        "Bachelor of Science : Finance , 2012 Example State University ， City , State Finance\n"
        "High School Diploma : College Preparation , 2008 Example High School ， City , State\n"
    )


def school_year_degree_field_place_field() -> str:
    """ "Example State University 2012 Bachelors of Science : Finance City , State Finance"."""
    return _with_education(
        "Example State University 2012 Bachelors of Science : Finance City , State Finance\n"
        "Example Community College Associate of Arts : Accounting City , State Accounting\n"
    )


def degree_field_then_school_then_field() -> str:
    """ "Master of Fine Arts : Finance , 1 2014" / "Example State University - City , State" / "Finance"."""
    return _with_education(
        "Bachelor of Arts : Studio Art , 1 2010\nExample Art College - City , State\nStudio Art\n"
        "Master of Fine Arts : Finance , 1 2014\nExample State University - City , State\nFinance\nGraduated Magna Cum Laude\n"
    )


def degree_field_school_field_repeated() -> str:
    """ "Bachelor of Arts : Finance Example State University ， City , State Finance": no comma
    between field and school, the field written again after the place."""
    return _with_education("Bachelor of Arts : Finance Example State University ， City , State Finance\n")


def degree_in_progress_under_held_one() -> str:
    """A bachelor "In Progress." above the associate degree held: the associate is the highest held."""
    return _with_education(
        "Example Online University 2025 Bachelor of Arts : Logistics City , State , USA\nIn Progress.\n"
        "Example State University 1990 Associate of Arts : Finance City , State , USA\n"
    )


def education_and_training_heading() -> str:
    """ "Education and Training" opens the education section, as "Education" does."""
    return _with_education(
        "Bachelor of Science : Finance , 09/2008 to 05/2012 Example State University ， City , State Finance\n", "Education and Training"
    )


EDUCATION_LAYOUTS = {
    degree_field_year_school_place_field: "bachelor",
    school_year_degree_field_place_field: "bachelor",
    degree_field_then_school_then_field: "master",
    degree_field_school_field_repeated: "bachelor",
    degree_in_progress_under_held_one: "associate",
    education_and_training_heading: "bachelor",
}
