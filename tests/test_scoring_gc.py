"""Scoring pauses Python's cyclic garbage collector while it runs and leaves it as it found it."""

import gc
import sys
from pathlib import Path

import pytest

from job_profiles.profile import bundled_profiles, load_profile
from scoring.score import score_candidates
from screener.models import Candidate, SourceInfo, TextLine


def people() -> list[Candidate]:
    source = SourceInfo(path="x.txt", sha256="0" * 64, format="txt")
    return [Candidate(source=source, reference_date="2026-06-30", lines=[TextLine(section="experience", text=f"负责贷后管理 post loan management {i}")]) for i in range(3)]


WORK = {"prepare_profiles", "evidence_index", "match_evidence", "cover_evidence", "_scores_from"}


@pytest.fixture
def profiles():
    return [load_profile(p) for p in bundled_profiles().values()]


def test_no_collection_runs_while_scoring(profiles):
    candidates = people()
    collections = []

    def count(phase, info):
        # Only collections that interrupt the scoring work count (not the test's, not the pause's own exit).
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_code.co_name in WORK and Path(frame.f_code.co_filename).parent.name == "scoring":
                if phase == "start":
                    collections.append(frame.f_code.co_name)
                return
            frame = frame.f_back

    threshold = gc.get_threshold()
    gc.set_threshold(1)  # a collection after every allocation, were the collector on
    gc.callbacks.append(count)
    try:
        scores = score_candidates(candidates, profiles)
    finally:
        gc.callbacks.remove(count)
        gc.set_threshold(*threshold)
    assert len(scores) == 3 and all(len(row) == len(profiles) for row in scores)
    assert collections == []


@pytest.mark.parametrize("enabled", [True, False])
def test_scoring_leaves_the_collector_as_it_found_it(profiles, enabled):
    (gc.enable if enabled else gc.disable)()
    try:
        score_candidates(people(), profiles)
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
