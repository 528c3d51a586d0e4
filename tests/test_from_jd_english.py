"""`from-jd` on English adverts: fields of work, credentials, titles and preferences a recruiter would accept."""

from datetime import date
from pathlib import Path

from flows.pipeline import screen_chunk
from job_profiles.from_jd import draft_from_text, draft_profile

AIRCRAFT_ADVERT = """\
Aircraft Maintenance Technician - Regional Jet Line Maintenance

Responsibilities
- Perform scheduled and unscheduled maintenance, inspections and repairs on airframes and engines

Requirements
- FAA Airframe and Powerplant (A&P) certificate
- 2+ years of experience maintaining turbine-powered transport category aircraft
- Valid driver's license
"""

MECHANIC = """\
John Doe
Experience
Aircraft Maintenance Mechanic 01/2012 to 06/2018
Company Name - City, State
Performed scheduled inspections and repairs on regional jets.
Certifications
FAA Airframe & Powerplant License
"""

COOK = """\
Jane Roe
Experience
Line Cook 01/2012 to 06/2018
Company Name - City, State
Performed scheduled cleaning and repairs of kitchen equipment.
"""


def reqs(profile, kind):
    return [r for r in profile.requirements if r.kind == kind]


def test_an_experience_phrase_is_met_by_the_job_titles_of_its_field():
    (industry,) = reqs(draft_profile(AIRCRAFT_ADVERT), "industry_experience")
    # Never written word for word in a résumé; the field's words are what job titles say.
    assert {"aircraft", "aviation", "avionics"} <= set(industry.synonyms)
    assert industry.must_have and industry.min_months == 24


def test_a_drafted_english_profile_ranks_the_field_above_look_alike_duties(tmp_path: Path):
    files = []
    for name, text in (("mechanic", MECHANIC), ("cook", COOK)):
        files.append(tmp_path / f"{name}.txt")
        files[-1].write_text(text, encoding="utf-8")
    chunk = screen_chunk(files, [draft_profile(AIRCRAFT_ADVERT, "amt")], date(2019, 6, 30))
    by_name = {Path(s.source_path).stem: s for s in chunk.scores}
    mechanic, cook = by_name["mechanic"], by_name["cook"]
    assert mechanic.must_have_passed and not cook.must_have_passed
    earned = {c.id: c for c in mechanic.criteria}
    assert earned["industry_experience"].score == 1.0 and "Aircraft" in earned["industry_experience"].evidence
    assert earned["certificate"].score > 0 and "Powerplant" in earned["certificate"].evidence


def test_a_field_word_counts_only_at_a_word_start():
    # "law" inside "flawless" is not legal work.
    advert = "Warehouse Lead\n\nRequirements\n- 2+ years of experience in flawless order picking\n"
    (industry,) = reqs(draft_profile(advert), "industry_experience")
    assert "attorney" not in industry.synonyms and industry.synonyms == ["flawless order picking"]


def test_credentials_are_drafted_as_resumes_write_them():
    advert = """\
Registered Nurse

Requirements
- Current state RN license
- CompTIA Security+, MCSA, CCNA or similar certifications preferred
- FAA Airframe and Powerplant (A&P) certificate
- Valid driver's license and ability to obtain airport security badge
"""
    synonyms = [set(r.synonyms) for r in reqs(draft_profile(advert), "certificate")]
    assert {"RN license"} in synonyms, "'Current state' is the advert's wording, not the credential's"
    assert any({"CompTIA Security+", "MCSA", "CCNA"} <= s for s in synonyms)
    assert any({"Airframe and Powerplant", "Airframe & Powerplant"} <= s for s in synonyms)
    # "A&P" alone reads as "a p" and would match any text; a driving licence is not screened.
    assert not any({"A&P", "driver's license"} & s for s in synonyms)
    assert len(synonyms) == 3


def test_a_certificate_word_in_the_pay_line_is_not_a_credential():
    advert = "Teacher\n\nRequirements\n- Salary per the district certificate schedule\n"
    assert not reqs(draft_profile(advert), "certificate")


def test_a_long_english_first_line_is_the_title_not_a_duty():
    advert = """\
Outside Sales Representative - Industrial Products

The role
- Negotiate pricing and contract terms and close sales
"""
    doc, _ = draft_from_text(advert)
    assert doc["title"]["en"] == "Outside Sales Representative - Industrial Products"
    assert all("Industrial Products" not in s for r in doc["requirements"] for s in r.get("synonyms", []))


def test_a_numbered_title_leaves_no_duty_fragment():
    doc, _ = draft_from_text("Elementary School Teacher (Grade 3)\n\nResponsibilities\n- Plan and deliver standards-based lessons\n")
    assert all("Grade" not in s for r in doc["requirements"] for s in r.get("synonyms", []))


def test_preferred_is_not_a_must_have_and_not_a_major():
    advert = """\
Sales Representative

Requirements
- 3+ years of B2B outside sales experience
- 1+ year of retail sales experience preferred
- Bachelor's degree in business or marketing preferred
"""
    profile = draft_profile(advert)
    (edu,) = reqs(profile, "education")
    assert not edu.must_have and edu.majors == ["business", "marketing"]
    b2b, retail = reqs(profile, "industry_experience")
    assert b2b.min_months == 36 and b2b.must_have and "sales" in b2b.synonyms, "B2B is a word of the phrase"
    assert retail.min_months == 12 and not retail.must_have


def test_base_salary_is_not_a_location():
    advert = "Sales Representative\n\nRequirements\n- Base salary plus uncapped commission\n- Location: Chicago\n"
    (location,) = reqs(draft_profile(advert), "location")
    assert location.synonyms == ["Chicago"]


def test_a_long_duty_without_commas_is_still_placed():
    duty = "Process accounts payable and accounts receivable transactions and resolve vendor and customer discrepancies"
    advert = f"Staff Accountant\n\nWhat you will do\n- {duty}\n"
    (placed,) = [r for r in reqs(draft_profile(advert), "skill") if r.id.startswith("duty")]
    assert duty in placed.synonyms


def test_hr_experience_is_met_by_any_hr_role_but_hr_is_never_alone():
    advert = "Human Resources Generalist\n\nRequirements\n- 3+ years of HR generalist experience\n"
    (industry,) = reqs(draft_profile(advert), "industry_experience")
    assert {"hr director", "hr associate", "hr business partner", "human resource"} <= set(industry.synonyms)
    assert "hr" not in {s.lower() for s in industry.synonyms}, "'hr' is inside 'three'"


def test_accounting_experience_is_met_by_finance_jobs():
    advert = "Staff Accountant\n\nRequirements\n- 2+ years of general ledger accounting experience\n"
    (industry,) = reqs(draft_profile(advert), "industry_experience")
    assert {"accountant", "finance"} <= set(industry.synonyms)
