"""The substring shortcut for short synonyms gives exactly rapidfuzz's answer at the threshold."""

from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.criteria import EXACT_ONLY_BELOW, FUZZY_THRESHOLD, fuzzy_containment, matches_at_threshold

# A small alphabet makes near-misses (one character off, cut at the edge) common.
ALPHABET = "贷款客户经理管理服务ab "


@settings(max_examples=400, deadline=None)
@given(
    # A synonym of nothing but spaces matches nothing (rapidfuzz would call two empty strings equal).
    term=st.text(ALPHABET, min_size=1, max_size=EXACT_ONLY_BELOW + 3).filter(str.strip),
    line=st.text(ALPHABET, min_size=0, max_size=30),
)
def test_shortcut_equals_rapidfuzz_at_the_threshold(term, line):
    full = fuzzy_containment([term], [line])[0, 0]
    expected = full if full >= FUZZY_THRESHOLD else 0.0
    assert matches_at_threshold([term], [line])[0, 0] == expected
