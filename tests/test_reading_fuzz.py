"""The reader never raises, and never fails in a way it did not foresee: damaged copies of every
fixture (cut short, bytes flipped, junk spliced in) come back as a Document or as a ReadError
with a specific code — never ``read_failed``, the code for an exception no reader anticipated.

Hypothesis runs derandomized, so a failure reproduces; the example counts keep this under a minute.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.readers.document import ReadSettings, read_bytes
from extractors.text.normalize import to_simplified
from screener.models import Document, ReadError

FIXTURES = Path(__file__).parent / "fixtures"
# OCR costs a second or more per decodable picture: pictures are fuzzed below, with OCR, on the
# small photo only; here every other fixture, scanned pages left to the "no OCR" verdict.
NO_OCR = ReadSettings(ocr=False)
FUZZED = sorted(
    p.name for p in FIXTURES.iterdir() if p.is_file() and p.suffix not in (".png", ".jpg") and p.stat().st_size
)

FUZZ = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` cut short, with a few bytes overwritten, or with junk spliced into it."""
    how = draw(st.sampled_from(["cut", "flip", "splice"]))
    n = len(data)
    if how == "cut":
        return data[: draw(st.integers(0, n - 1))]
    out = bytearray(data)
    if how == "flip":
        for _ in range(draw(st.integers(1, 8))):
            out[draw(st.integers(0, n - 1))] = draw(st.integers(0, 255))
        return bytes(out)
    at = draw(st.integers(0, n))
    return bytes(out[:at]) + draw(st.binary(min_size=1, max_size=64)) + bytes(out[at:])


def assert_typed(result: Document | ReadError) -> None:
    assert isinstance(result, Document | ReadError)
    if isinstance(result, ReadError):
        assert result.code != "read_failed", result.reason
        assert result.reason
    else:
        assert isinstance(result.text, str)


@pytest.mark.parametrize("name", FUZZED)
@FUZZ
@given(data=st.data())
def test_damaged_fixture_gives_a_typed_result(name: str, data: st.DataObject) -> None:
    original = (FIXTURES / name).read_bytes()
    assert_typed(read_bytes(data.draw(damaged(original)), name, NO_OCR))


@pytest.mark.parametrize("name", ["photo.png", "phone_photo.jpg", "scanned_page.png"])
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_damaged_picture_decodes_or_is_corrupt_image(name: str, data: st.DataObject) -> None:
    """The picture decoder (Pillow) on damaged files: frames, or a ReadFailure, nothing else."""
    from extractors.readers.ocr import image_frames
    from extractors.readers.sniff import ReadFailure

    blob = data.draw(damaged((FIXTURES / name).read_bytes()))
    try:
        frames = image_frames(blob)
    except ReadFailure as exc:
        assert exc.code == "corrupt_image"
    else:
        assert frames and all(f.ndim == 3 and f.shape[2] == 3 for f in frames)


@settings(max_examples=4, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_damaged_picture_through_ocr(data: st.DataObject) -> None:
    pytest.importorskip("rapidocr_onnxruntime")
    blob = data.draw(damaged((FIXTURES / "photo.png").read_bytes()))
    assert_typed(read_bytes(blob, "photo.png", ReadSettings(ocr_threads=1)))


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(st.characters(codec=None, exclude_categories=())) | st.text())
def test_traditional_conversion_never_raises_and_keeps_non_chinese_text(text: str) -> None:
    converted, changed = to_simplified(text)
    assert isinstance(converted, str)
    if not changed:
        assert converted == text


def test_traditional_text_with_a_lone_surrogate_is_left_alone() -> None:
    text = "經歷\ud800銀行"  # a PDF glyph mapped to half a surrogate pair
    assert to_simplified(text) == (text, False)
