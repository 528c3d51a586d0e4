"""The batched match (one scan, rapidfuzz on few pairs) finds exactly what rapidfuzz finds pair by pair."""

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import utils

from scoring.criteria import EXACT_ONLY_BELOW, matches_at_threshold
from scoring.evidence import evidence_index, match_evidence, term_table
from screener.models import Candidate, SourceInfo, TextLine

# A small alphabet makes near-misses common: a character off, missing, cut at a line's edge.
ALPHABET = "贷款客户经理管理ab -"
terms = st.text(ALPHABET, min_size=1, max_size=EXACT_ONLY_BELOW + 14).filter(str.strip)
lines = st.text(ALPHABET, min_size=0, max_size=40)


def candidate(texts: list[str]) -> Candidate:
    source = SourceInfo(path="x.txt", sha256="0" * 64, format="txt")
    return Candidate(source=source, reference_date="2026-06-30", lines=[TextLine(section="experience", text=t) for t in texts])


def matched(synonyms: list[str], texts: list[str]) -> list[list[float]]:
    """Per synonym and line: the ratio the batched match keeps (0 under the threshold)."""
    table = term_table([synonyms])
    index = evidence_index(candidate(texts))
    hits = match_evidence([index], table, small=True)[0]
    # A small batch is scanned in Python, a large one by polars: the same answer either way.
    assert match_evidence([index], table, small=False)[0] == hits
    rows = []
    for synonym in synonyms:
        term = utils.default_process(synonym)
        found = hits.get(table.terms.index(term), {}) if term else {}
        rows.append([found.get(col, 0.0) for col in index.line_cols["text"]])
    return rows


# ASCII lines are cut to a window around each piece found (their byte positions are characters).
ASCII_ALPHABET = "abcde -"


@st.composite
def near_misses(draw: st.DrawFn, alphabet: str = ALPHABET, pad: int = 4) -> tuple[list[str], list[str]]:
    """A long synonym and lines holding it a few edits off, cut at the line's edges or as long as it."""
    term = draw(st.text(alphabet, min_size=EXACT_ONLY_BELOW, max_size=EXACT_ONLY_BELOW + 24).filter(str.strip))
    texts = []
    for _ in range(draw(st.integers(1, 6))):
        chars = list(term)
        for _ in range(draw(st.integers(0, 3))):
            i = draw(st.integers(0, len(chars) - 1))
            edit = draw(st.sampled_from(["delete", "insert", "replace"]))
            if edit == "delete":
                del chars[i]
            else:
                chars[i : i + (edit == "replace")] = [draw(st.sampled_from(alphabet))]
        cut = draw(st.integers(0, 2))
        chars = chars[cut:] if draw(st.booleans()) else chars[: len(chars) - cut]
        texts.append(draw(st.text(alphabet, max_size=pad)) + "".join(chars) + draw(st.text(alphabet, max_size=pad)))
    others = st.text(alphabet, min_size=1, max_size=EXACT_ONLY_BELOW + 14).filter(str.strip)
    return [term, *draw(st.lists(others, max_size=2))], texts


@settings(max_examples=300, deadline=None)
@given(synonyms=st.lists(terms, min_size=1, max_size=4, unique=True), texts=st.lists(lines, min_size=1, max_size=6))
def test_batched_match_equals_rapidfuzz_pair_by_pair(synonyms, texts):
    assert matched(synonyms, texts) == matches_at_threshold(synonyms, texts).tolist()


@settings(max_examples=400, deadline=None)
@given(case=near_misses())
def test_batched_match_equals_rapidfuzz_on_near_misses(case):
    synonyms, texts = case
    assert matched(synonyms, texts) == matches_at_threshold(synonyms, texts).tolist()


@settings(max_examples=300, deadline=None)
@given(case=near_misses(ASCII_ALPHABET, pad=30))
def test_batched_match_equals_rapidfuzz_on_near_misses_in_long_ascii_lines(case):
    synonyms, texts = case
    assert matched(synonyms, texts) == matches_at_threshold(synonyms, texts).tolist()


def test_a_long_synonym_matches_one_character_off_but_never_in_a_shorter_line():
    texts = ["ost loan management of SME loans", "we did post loan managment of SME loans", "post loan managment", "loan officer, SME clients"]
    found = matched(["Post-loan management"], texts)[0]
    assert found[0] > 92.5 and found[1] > 92.5  # cut at the line's start; a letter missing inside
    assert found[2:] == [0.0, 0.0]  # one letter shorter than the synonym; another subject
    assert found == matches_at_threshold(["Post-loan management"], texts).tolist()[0]


def test_a_line_with_bytes_python_could_not_decode_is_still_evidence():
    # A broken font map leaves lone surrogates in the text, which polars' strings cannot hold.
    assert matched(["贷后管理", "post loan management"], ["负责贷后管理\udc80", "post\udc80loan management"]) == [[100.0, 0.0], [0.0, 100.0]]


def test_a_batch_matched_in_chunks_finds_what_one_scan_finds(monkeypatch):
    import scoring.evidence as evidence

    table = term_table([["贷后管理", "post loan management"], ["客户经理"]])
    texts = [["负责贷后管理", "客户经理"], ["post loan managment of SME loans"], [], ["客户 经理", "贷后管理工作", "post-loan management"]]
    indexes = [evidence_index(candidate(lines)) for lines in texts]
    whole = match_evidence(indexes, table, small=False)
    assert any(whole) and not whole[2]
    monkeypatch.setattr(evidence, "MATCH_CHUNK", 2)  # chunks of one or two résumés
    assert match_evidence(indexes, table, small=False) == whole


def test_pieces_avoid_what_other_synonyms_share_and_still_cut_the_whole_term():
    from scoring.evidence import pieces

    term = "escalation management"
    synonyms = "\n".join([term, "communication", "negotiation", "preparation", "risk management", "case management"])
    even, rare = pieces(term), pieces(term, synonyms.count)
    assert "ation" in even  # cut evenly: a piece most of the other synonyms hold
    assert "".join(rare) == term and len(rare) == len(even)  # as many pieces: one is whole in any match
    assert "ation" not in rare
    assert sum(map(synonyms.count, rare)) < sum(map(synonyms.count, even))


def test_a_location_reads_every_line_but_those_stating_a_native_place():
    texts = ["现居地：武汉", "", "籍贯：湖北宜昌 户籍：宜昌", "HUKOU: Beijing", "Lives in Yichang", "出生地"]
    index = evidence_index(candidate(texts))
    kept = [col >= 0 for col in index.line_cols["location"]]
    assert kept == [True, True, False, False, True, False]
    assert evidence_index(candidate(texts[:2])).line_cols["location"] == evidence_index(candidate(texts[:2])).line_cols["text"]
