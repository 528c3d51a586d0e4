"""best_fit: each candidate's best role and its margin over the next, from results.parquet rows."""

import polars as pl
import pytest

from scoring.best_fit import BEST_FIT_SCHEMA, best_fit


def results(rows: list[tuple[str, str, float, bool]]) -> pl.DataFrame:
    return pl.DataFrame(
        [{"source_path": p, "source_sha256": p.upper(), "profile_id": pid, "score": s, "must_have_passed": m} for p, pid, s, m in rows]
    )


def test_best_second_and_margin_per_candidate():
    frame = best_fit(results([
        ("a.pdf", "loan", 81.5, True), ("a.pdf", "tobacco", 40.0, False), ("a.pdf", "property", 62.25, True),
        ("b.txt", "loan", 10.0, False), ("b.txt", "tobacco", 55.0, True), ("b.txt", "property", 55.0, True),
    ]))
    assert frame.schema == BEST_FIT_SCHEMA
    rows = {r["source_path"]: r for r in frame.iter_rows(named=True)}
    assert (rows["a.pdf"]["best_profile_id"], rows["a.pdf"]["second_profile_id"], rows["a.pdf"]["margin"]) == ("loan", "property", 19.25)
    # A tie goes to the profile id, so a rerun names the same role; the margin is 0.
    assert (rows["b.txt"]["best_profile_id"], rows["b.txt"]["second_profile_id"], rows["b.txt"]["margin"]) == ("property", "tobacco", 0.0)
    assert frame["source_path"].to_list() == ["a.pdf", "b.txt"], "best score first"


def test_must_have_status_is_shown_not_folded_into_the_choice():
    frame = best_fit(results([("a.pdf", "loan", 70.0, False), ("a.pdf", "tobacco", 60.0, True)]))
    row = frame.row(0, named=True)
    assert (row["best_profile_id"], row["best_must_have_passed"], row["margin"]) == ("loan", False, 10.0)


def test_one_profile_has_no_runner_up():
    row = best_fit(results([("a.pdf", "loan", 70.0, True)])).row(0, named=True)
    assert row["second_profile_id"] is None and row["second_score"] is None and row["margin"] is None


def test_same_file_name_in_two_folders_stays_two_candidates():
    frame = best_fit(results([("x/a.pdf", "loan", 70.0, True), ("y/a.pdf", "loan", 20.0, True)]))
    assert frame.height == 2


def test_empty_results_give_an_empty_table_with_the_columns():
    empty = pl.DataFrame(schema={"source_path": pl.String, "source_sha256": pl.String, "profile_id": pl.String,
                                 "score": pl.Float64, "must_have_passed": pl.Boolean})
    assert best_fit(empty).schema == BEST_FIT_SCHEMA and best_fit(empty).height == 0




@pytest.fixture(scope="module")
def sample_results():
    from datetime import date

    from flows.pipeline import find_resumes, screen_chunk
    from job_profiles.profile import bundled_profiles, load_profile
    from outputs.tables import candidates_frame, results_frame
    from tests.conftest import SAMPLE_RESUMES

    profiles = [load_profile(p) for p in bundled_profiles().values()]
    chunk = screen_chunk(find_resumes([SAMPLE_RESUMES]), profiles, date(2026, 6, 30))
    return results_frame(chunk.scores, candidates_frame(chunk.candidates))


def test_strong_samples_fit_their_own_role_best(sample_results):
    from tests.test_sample_ranking import EXPECTED_TIERS

    fit = best_fit(sample_results).with_columns(stem=pl.col("source_path").str.extract(r"([^/\\]+)\.[a-z0-9]+$"))
    best = dict(fit.select("stem", "best_profile_id").iter_rows())
    for role, tiers in EXPECTED_TIERS.items():
        for stem, why in tiers["strong"]:
            assert best[stem] == role, f"{stem} ({why}) fits {best[stem]} best, not {role}"
