"""Tests for word97.read_word97 on synthetic fixtures built by scripts/make_word97_fixtures.sh."""

from __future__ import annotations

import random
import signal
import struct
import time
from collections.abc import Iterator
from pathlib import Path

import olefile  # type: ignore[import-untyped]
import pytest

from extractors.readers.word97 import OLE_MAGIC, Word97Error, _clean, read_word97

HERE = Path(__file__).parent / "fixtures"
RESUME = (HERE / "word97_resume.doc").read_bytes()


@pytest.fixture(autouse=True)
def _no_hang() -> Iterator[None]:
    def fail(signum: int, frame: object) -> None:
        raise TimeoutError("read_word97 took too long")

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def _code(data: bytes) -> str:
    with pytest.raises(Word97Error) as info:
        read_word97(data)
    return info.value.code


def test_chinese_text_read() -> None:
    text = read_word97(RESUME)
    assert text.startswith("个人简历")
    assert "姓名：张示例" in text
    assert "电话：138-0000-0000" in text
    assert "2019.03-至今 示例农村商业银行 客户经理" in text
    assert "Mixed English text: Excel, SQL." in text


def test_table_cells_separated_and_rows_on_lines() -> None:
    lines = read_word97(RESUME).splitlines()
    assert "类别 | 时间 | 单位 | 学历/职位" in lines
    assert "学历 | 2008.09-2012.07 | 示例大学 金融学 | 本科" in lines
    # an empty last cell must not be mistaken for the row end
    assert "工作经历 | 2019.03-至今 | 示例农村商业银行 |" in lines


def test_field_code_dropped_result_kept() -> None:
    text = read_word97(RESUME)
    assert "主页：示例个人主页" in text
    assert "HYPERLINK" not in text and "example.com/zhang" not in text


def test_main_text_first_then_header() -> None:
    text = read_word97(RESUME)
    assert text.index("自我评价") < text.index("示例招聘网 页眉")
    assert "页眉" not in read_word97(RESUME, main_only=True)


def test_no_control_characters_left() -> None:
    text = read_word97(RESUME)
    assert not [c for c in text if ord(c) < 0x20 and c not in "\n\t"]


def test_encrypted() -> None:
    assert _code((HERE / "word97_encrypted.doc").read_bytes()) == "encrypted"


def test_truncated_is_corrupt() -> None:
    assert _code((HERE / "truncated.doc").read_bytes()) == "corrupt"
    for cut in (0, 7, 512, 4096, len(RESUME) // 2, len(RESUME) - 700):
        assert _code(RESUME[:cut]) == "corrupt"


def test_random_bytes_with_ole_magic_are_corrupt() -> None:
    rng = random.Random(1)
    for size in (8, 600, 5000, 70_000):
        assert _code(OLE_MAGIC + rng.randbytes(size)) == "corrupt"


def test_not_ole() -> None:
    assert _code(b"<html><body>\xe7\xae\x80\xe5\x8e\x86</body></html>") == "corrupt"


def _patched_fib(offset: int, fmt: str, value: int) -> bytes:
    """The fixture with one FIB field of the WordDocument stream overwritten."""
    ole = olefile.OleFileIO(RESUME)
    fib: bytes = ole.openstream("WordDocument").read(0x200)
    ole.close()
    start = RESUME.find(fib)  # the stream's first sector holds the whole FIB
    assert start > 0
    data = bytearray(RESUME)
    struct.pack_into(fmt, data, start + offset, value)
    return bytes(data)


def test_word95_unsupported() -> None:
    assert _code(_patched_fib(2, "<H", 0x0068)) == "unsupported"


def test_bad_wident_corrupt() -> None:
    assert _code(_patched_fib(0, "<H", 0x1234)) == "corrupt"


def test_clx_out_of_range_corrupt() -> None:
    assert _code(_patched_fib(0x1A2, "<I", 0x7FFFFF00)) == "corrupt"


def test_too_large() -> None:
    with pytest.raises(Word97Error) as info:
        read_word97(RESUME, max_chars=100)
    assert info.value.code == "too_large"


def test_mutations_never_crash_or_hang() -> None:
    rng = random.Random(7)
    start = time.monotonic()
    for _ in range(300):
        data = bytearray(RESUME)
        for _ in range(rng.randint(1, 40)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            assert isinstance(read_word97(bytes(data)), str)
        except Word97Error as exc:
            assert exc.code in {"corrupt", "encrypted", "unsupported", "too_large"}
    assert time.monotonic() - start < 50


def test_clean_fields_nested_and_cells() -> None:
    raw = "a\x13 IF \x13 PAGE \x14 1\x15 \x14res\x13 X \x14ult\x15\x15b\x07c\x07\x07\r\x01\x08"
    assert _clean(raw, heuristic_rows=True) == "aresultb | c"
    assert _clean("x\x07y\x07\x1dz", heuristic_rows=False) == "x | y\nz"
