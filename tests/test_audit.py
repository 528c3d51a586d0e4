"""The adverse-impact audit on synthetic batches made as tables: one built to show adverse impact, one not."""

import polars as pl
import pytest

from outputs.audit import adverse_impact
from outputs.interview_guide import DEFAULT_SHORTLIST as SHORTLIST
from outputs.tables import CANDIDATES_SCHEMA, RESULTS_SCHEMA

REFERENCE = "2026-11-30"


def _criterion(cid: str, passed: bool, score: float, must_have: bool = False, weight: float = 1.0) -> dict:
    return {"id": cid, "kind": "term", "label": cid, "weight": weight, "must_have": must_have, "score": score,
            "passed": passed, "evidence": "", "section": "", "summary": ""}


def _batch(people: list[dict], profile: str = "teller") -> tuple[pl.DataFrame, pl.DataFrame]:
    """Results and candidates tables for people given in rank order: gender, birth date or age,
    whether they meet the must-have, and their criterion scores."""
    results, candidates = [], []
    for rank, p in enumerate(people, start=1):
        path = f"inbox/p{rank:03d}.txt"
        criteria = [_criterion("years", p["must"], 1.0 if p["must"] else 0.0, must_have=True),
                    _criterion("leadership", p.get("lead", 0.5) >= 0.5, p.get("lead", 0.5))]
        results.append({"profile_id": profile, "profile_version": 1, "rank": rank, "score": 100.0 - rank,
                        "must_have_passed": p["must"], "must_haves_failed": [] if p["must"] else ["years"],
                        "explanation": "", "criteria": criteria, "source_path": path, "source_sha256": f"{rank:064x}"})
        candidates.append({"source_path": path, "source_sha256": f"{rank:064x}", "source_format": "txt", "name": f"P{rank}",
                           "reference_date": REFERENCE, "personal": {"gender": p.get("gender"), "birth_date": p.get("birth"),
                                                                     "age": p.get("age"), "has_photo": False}})
    frame = pl.DataFrame(candidates, schema=CANDIDATES_SCHEMA, strict=False)
    frame = frame.with_columns(is_duplicate=pl.Series([bool(p.get("duplicate")) for p in people]))
    return pl.DataFrame(results, schema=RESULTS_SCHEMA, strict=False), frame


def _row(audit: pl.DataFrame, dimension: str, group: str) -> dict:
    rows = audit.filter((pl.col("dimension") == dimension) & (pl.col("group") == group)).to_dicts()
    assert len(rows) == 1, rows
    return rows[0]


def adverse_batch() -> list[dict]:
    """Ten men and ten women; a years-of-experience must-have nine men meet and two women do: the men
    rank first, so the shortlist (top 10 who meet the must-have) has nine men and one woman."""
    men = [{"gender": "male", "must": i < 9} for i in range(10)]
    women = [{"gender": "female", "must": i < 2} for i in range(10)]
    passing = [p for p in men + women if p["must"]]
    return passing + [p for p in men + women if not p["must"]]


def test_a_batch_built_to_under_select_women_is_flagged_and_blames_the_must_have():
    audit = adverse_impact(*_batch(adverse_batch()))
    women, men = _row(audit, "gender", "female"), _row(audit, "gender", "male")
    assert (women["candidates"], women["shortlisted"]) == (10, 1)
    assert (men["candidates"], men["shortlisted"]) == (10, 9)
    assert women["impact_ratio"] == pytest.approx((1 / 10) / (9 / 10), abs=1e-3)
    assert women["flagged"] and not men["flagged"]
    assert (women["reference_group"], women["reference_candidates"]) == ("male", 10) and men["impact_ratio"] == 1.0
    # Nine of ten men meet the must-have, two of ten women: 70 percentage points.
    assert women["attribution"] == "years" and women["attribution_basis"] == "must_have_pass_rate"
    assert women["attribution_gap"] == pytest.approx(70.0)
    assert "20%" in women["attribution_note"] and "90%" in women["attribution_note"]


def test_a_batch_built_without_adverse_impact_flags_nothing():
    # Men and women alternate down the ranking, all meeting the must-have.
    people = [{"gender": "male" if i % 2 else "female", "must": True} for i in range(20)]
    audit = adverse_impact(*_batch(people))
    assert not audit["flagged"].any()
    women, men = _row(audit, "gender", "female"), _row(audit, "gender", "male")
    assert women["shortlisted"] == men["shortlisted"] == SHORTLIST // 2
    assert women["impact_ratio"] == men["impact_ratio"] == 1.0
    assert women["attribution"] is None


def test_a_small_group_is_shown_with_its_count_but_never_flagged():
    people = [{"gender": "male", "must": True} for _ in range(12)] + [{"gender": "female", "must": True} for _ in range(4)]
    women = _row(adverse_impact(*_batch(people)), "gender", "female")
    assert (women["candidates"], women["shortlisted"], women["impact_ratio"]) == (4, 0, 0.0)
    assert not women["flagged"]


def test_a_tiny_group_does_not_set_the_bar_for_the_big_ones():
    """Two 40-somethings, one shortlisted (50 %), must not make a 9-person band at 3 of 9 look
    adversely treated: the reference is the most selected group of at least five people."""
    people = ([{"age": 45, "must": True}, {"age": 45, "must": False}]
              + [{"age": 35, "must": i < 3} for i in range(9)] + [{"age": 25, "must": i < 2} for i in range(6)])
    audit = adverse_impact(*_batch(people))
    thirties = _row(audit, "age_band", "30_39")
    assert thirties["reference_group"] == "30_39" and thirties["reference_candidates"] == 9
    assert thirties["impact_ratio"] == 1.0 and not thirties["flagged"]
    assert _row(audit, "age_band", "40_49")["reference_group"] == "30_39"  # the small group is still shown


def test_age_bands_count_the_age_at_the_reference_date_and_people_stating_nothing_apart():
    people = [
        {"birth": "1996-12", "must": True},  # 29 on 2026-11-30: a month short of 30
        {"birth": "1996-11", "must": True},  # 30
        {"age": 45, "must": True},  # no birth date: the age stated
        {"birth": "1970-01", "must": True},
        {"must": True},  # states neither
    ]
    audit = adverse_impact(*_batch(people))
    counts = {g: _row(audit, "age_band", g)["candidates"] for g in ("under_30", "30_39", "40_49", "50_plus", "not_stated")}
    assert counts == {"under_30": 1, "30_39": 1, "40_49": 1, "50_plus": 1, "not_stated": 1}
    assert _row(audit, "age_band", "not_stated")["impact_ratio"] is None  # never compared
    assert _row(audit, "gender", "not_stated")["candidates"] == 5


def test_a_score_gap_without_a_must_have_gap_is_put_on_the_criterion_that_makes_it():
    # Everyone meets the must-have; candidates over 50 score low on leadership and rank last.
    young = [{"birth": "1995-01", "must": True, "lead": 1.0} for _ in range(10)]
    old = [{"birth": "1965-01", "must": True, "lead": 0.0} for _ in range(10)]
    older = _row(adverse_impact(*_batch(young + old)), "age_band", "50_plus")
    assert older["flagged"] and older["shortlisted"] == 0
    assert older["attribution"] == "leadership" and older["attribution_basis"] == "score_points"
    # Weight 1 of 2, a mean score 1.0 lower: half the total, 50 points.
    assert older["attribution_gap"] == pytest.approx(50.0)


def test_a_duplicate_resume_counts_its_person_once():
    people = [{"gender": "female", "must": True}] * 3 + [{"gender": "female", "must": True, "duplicate": True}] * 2
    assert _row(adverse_impact(*_batch(people)), "gender", "female")["candidates"] == 3


def test_the_audit_reads_the_tables_and_changes_none_of_them():
    results, candidates = _batch(adverse_batch())
    before = results.clone(), candidates.clone()
    adverse_impact(results, candidates)
    assert results.equals(before[0]) and candidates.equals(before[1])
