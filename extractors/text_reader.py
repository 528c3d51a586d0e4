"""Plain-text résumés: find the encoding (UTF-8, GB18030/GBK, Big5, UTF-16...) and decode."""

from __future__ import annotations

import codecs

import charset_normalizer

from extractors.sniff import RawText, ReadFailure

_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]

# What charset-normalizer may answer for Chinese text, and the superset codec we decode with.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936"}
_BIG5_FAMILY = {"big5", "big5hkscs", "cp950"}


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    # ASCII-heavy UTF-16 has a NUL in every other byte; which half tells the byte order.
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if max(even, odd) < 0.3 * len(sample) / 2 or min(even, odd) > 0.05 * len(sample) / 2:
        return None
    return _strict(data, "utf-16-le" if odd > even else "utf-16-be")


def detect_encoding(data: bytes) -> str:
    """The codec name to decode ``data`` with; raises ``ReadFailure('decode_error')``."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    # UTF-8 first: a strict UTF-8 decode of non-UTF-8 Chinese text essentially never succeeds.
    if _strict(data, "utf-8") is not None:
        return "utf-8"
    if b"\x00" in data[:4096] and _utf16_without_bom(data) is not None:
        sample = data[:4096]
        return "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
    gb_ok = _strict(data, "gb18030") is not None
    # GBK text almost never forms valid Big5 (trail bytes 0x80-0xA0), while Big5 text is
    # usually valid GB18030 too; only that ambiguous case needs a statistical detector.
    if gb_ok and _strict(data, "cp950") is None and _strict(data, "big5hkscs") is None:
        return "gb18030"
    best = charset_normalizer.from_bytes(data).best()
    if best is not None:
        name = best.encoding.lower().replace("-", "").replace("_", "")
        if name in _GB_FAMILY:
            return "gb18030"
        if name in _BIG5_FAMILY:
            for codec in ("cp950", "big5hkscs", "big5"):
                if _strict(data, codec) is not None:
                    return codec
        if _strict(data, best.encoding) is not None:
            return best.encoding
    if gb_ok:
        return "gb18030"
    raise ReadFailure("decode_error", "text file in an unknown encoding (not UTF-8, GB18030, Big5 or UTF-16)")


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode text bytes; returns (text, codec name)."""
    encoding = detect_encoding(data)
    text = data.decode(encoding, errors="replace")
    return text.lstrip("\ufeff"), encoding


def read_text(data: bytes) -> RawText:
    text, _encoding = decode_text(data)
    return RawText(text=text.replace("\r\n", "\n").replace("\r", "\n"), pages=1)
