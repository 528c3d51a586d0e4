"""Plain text from Word 97-2003 binary ``.doc`` files, per [MS-DOC], using only olefile.

The OLE2 container is read with olefile; the WordDocument stream is parsed here:
FIB -> Clx/PlcPcd (piece table) -> text of each character range.  Table row ends
are told apart from cell ends with the paragraph properties (PAPX ``fTtp``),
because an empty cell and a row end both look like ``\\x07\\x07`` in the text.
"""

from __future__ import annotations

import bisect
import io
import itertools
import re
import struct
from typing import ClassVar, Final

import olefile  # type: ignore[import-untyped]

__all__ = [
    "CorruptError",
    "EncryptedError",
    "TooLargeError",
    "UnsupportedError",
    "Word97Error",
    "read_word97",
]


class Word97Error(Exception):
    """Base error; ``code`` is one of encrypted, corrupt, unsupported, too_large."""

    code: ClassVar[str] = "error"


class EncryptedError(Word97Error):
    code: ClassVar[str] = "encrypted"


class CorruptError(Word97Error):
    code: ClassVar[str] = "corrupt"


class UnsupportedError(Word97Error):
    code: ClassVar[str] = "unsupported"


class TooLargeError(Word97Error):
    code: ClassVar[str] = "too_large"


OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_W_IDENT: Final = 0xA5EC
# Word 6/95 (nFib 101-105) store 8-bit codepage text in another FIB layout.
_NFIB_WORD97: Final = 0x00C1
_MAX_PIECES: Final = 200_000
_MAX_PAPX_RUNS: Final = 500_000
_SPRM_P_FTTP: Final = 0x2417  # paragraph is a table row-end mark
_SPRM_P_HUGE_PAPX: Final = 0x6646  # grpprl too big for the FKP lives in the Data stream
_SPRM_T_DEF_TABLE: Final = 0xD608
_SPRM_P_CHG_TABS: Final = 0xC615
_SPRA_SIZE: Final = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}
_ROW_END: Final = "\x1d"  # internal marker; a C0 code Word itself never puts in text

# Compressed pieces are cp1252, except that bytes cp1252 leaves undefined map to
# the same code point ([MS-DOC] 2.4.1).
_CP1252: Final = {
    b: bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xA0)
}
# After field handling: Word's control characters -> plain text.
_CONTROL_MAP: Final = {
    **{c: None for c in range(0x20) if c not in (0x09, 0x0A)},
    0x0D: "\n",  # paragraph end
    0x0B: "\n",  # manual line break
    0x0C: "\n",  # page / section break
    0x0E: "\n",  # column break
    0x07: " | ",  # cell end (row ends were turned into _ROW_END first)
    0x1D: "\n",
    0x1E: "-",  # non-breaking hyphen
}


def read_word97(
    data: bytes, *, max_chars: int = 2_000_000, main_only: bool = False
) -> str:
    """Return the text of a Word 97-2003 document: main text first, then text
    boxes, footnotes, endnotes, comments and headers/footers.

    ``main_only`` keeps just the main text (what LibreOffice's text export gives).
    Raises a ``Word97Error`` subclass (see ``code``) for anything it cannot read.
    """
    if not data.startswith(OLE_MAGIC):
        raise CorruptError("not an OLE2 compound file (bad magic)")
    streams = _open_streams(data)
    wd = streams["WordDocument"]
    if wd is None:
        raise CorruptError("no WordDocument stream")
    fib = _Fib(wd)
    table = streams["1Table" if fib.which_table else "0Table"]
    if table is None:
        raise CorruptError(
            f"{'1Table' if fib.which_table else '0Table'} stream missing"
        )
    cps, pcds = _piece_table(table, fib.fc_clx, fib.lcb_clx)
    # Stories follow each other in CP space in this order ([MS-DOC] 2.3.1).
    starts = [0]
    for n in fib.ccps:
        starts.append(starts[-1] + n)
    if starts[1] > cps[-1]:
        raise CorruptError(f"FIB claims {starts[1]} characters, pieces hold {cps[-1]}")
    if min(starts[-1], cps[-1]) > max_chars:
        raise TooLargeError(f"document has {cps[-1]} characters (limit {max_chars})")
    # _read_range stops at the last piece, so odd sub-story counts only lose those.
    ttp = _RowEnds(wd, table, streams["Data"], fib.fc_papx, fib.lcb_papx)
    # main, footnotes, headers, (macro), comments, endnotes, text boxes, header text boxes
    order = (0,) if main_only else (0, 6, 1, 5, 4, 2, 7)
    parts = [
        _read_range(wd, cps, pcds, ttp, starts[i], starts[i + 1])
        for i in order
        if fib.ccps[i] > 0
    ]
    return _clean("\n".join(parts), heuristic_rows=not ttp.known)


def _open_streams(data: bytes) -> dict[str, bytes | None]:
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as exc:  # olefile raises many kinds on damaged containers
        raise CorruptError(f"bad OLE2 container: {exc}") from exc
    try:
        if ole.exists("EncryptionInfo") and ole.exists("EncryptedPackage"):
            # a password-protected .docx/.xlsx also arrives as an OLE2 file
            raise EncryptedError("password-protected (encrypted OOXML package)")
        if not ole.exists("WordDocument"):
            raise CorruptError("no WordDocument stream (not a Word document)")
        out: dict[str, bytes | None] = {}
        for name in ("WordDocument", "0Table", "1Table", "Data"):
            out[name] = ole.openstream(name).read() if ole.exists(name) else None
        return out
    except Word97Error:
        raise
    except Exception as exc:
        raise CorruptError(f"cannot read OLE2 stream: {exc}") from exc
    finally:
        ole.close()


class _Fib:
    """The few FIB fields needed; offsets derive from csw/cslw/cbRgFcLcb."""

    def __init__(self, wd: bytes) -> None:
        if len(wd) < 0x20:
            raise CorruptError("WordDocument stream too short for a FIB")
        ident, nfib = struct.unpack_from("<HH", wd, 0)
        if ident != _W_IDENT:
            raise CorruptError(f"bad FIB wIdent 0x{ident:04X}")
        if nfib < _NFIB_WORD97:
            raise UnsupportedError(f"Word 6/95 or older file (nFib 0x{nfib:04X})")
        flags = struct.unpack_from("<H", wd, 0x0A)[0]
        if flags & 0x0100:  # fEncrypted (XOR obfuscation or RC4)
            raise EncryptedError("password-protected (fEncrypted set in FIB)")
        self.which_table = bool(flags & 0x0200)
        pos = 0x20
        csw = _u16(wd, pos)
        pos += 2 + 2 * csw
        cslw = _u16(wd, pos)
        lw = pos + 2
        pos = lw + 4 * cslw
        cb_fclcb = _u16(wd, pos)
        fclcb = pos + 2
        if cslw < 11 or cb_fclcb < 34 or fclcb + 8 * cb_fclcb > len(wd):
            raise CorruptError("FIB too short (cslw/cbRgFcLcb)")
        # ccpText, ccpFtn, ccpHdd, ccpMcr, ccpAtn, ccpEdn, ccpTxbx, ccpHdrTxbx
        self.ccps = struct.unpack_from("<8i", wd, lw + 12)
        if min(self.ccps) < 0:
            raise CorruptError("negative character count in FIB")
        self.fc_papx, self.lcb_papx = struct.unpack_from("<II", wd, fclcb + 13 * 8)
        self.fc_clx, self.lcb_clx = struct.unpack_from("<II", wd, fclcb + 33 * 8)


def _u16(buf: bytes, pos: int) -> int:
    if pos + 2 > len(buf):
        raise CorruptError(f"read past end of stream at {pos}")
    return int(struct.unpack_from("<H", buf, pos)[0])


def _piece_table(
    table: bytes, fc: int, lcb: int
) -> tuple[list[int], list[tuple[int, bool]]]:
    """Return piece CP boundaries and (stream offset, compressed) per piece."""
    end = fc + lcb
    if lcb == 0 or end > len(table):
        raise CorruptError("Clx out of range of the table stream")
    pos = fc
    while pos < end and table[pos] == 0x01:  # Prc: property modifiers, skipped
        cb = struct.unpack_from("<h", table, pos + 1)[0] if pos + 3 <= end else -1
        if cb < 0:
            raise CorruptError("bad Prc in Clx")
        pos += 3 + cb
    if pos + 5 > end or table[pos] != 0x02:
        raise CorruptError("Pcdt not found in Clx")
    lcb_plc = struct.unpack_from("<I", table, pos + 1)[0]
    pos += 5
    n, rem = divmod(lcb_plc - 4, 12)
    if lcb_plc < 16 or rem or pos + lcb_plc > end or n > _MAX_PIECES:
        raise CorruptError("bad PlcPcd size")
    cps = list(struct.unpack_from(f"<{n + 1}i", table, pos))
    if cps[0] != 0 or any(a >= b for a, b in itertools.pairwise(cps)):
        raise CorruptError("piece CPs not increasing from 0")
    pcds = []
    for i in range(n):
        raw_fc = struct.unpack_from("<I", table, pos + 4 * (n + 1) + 8 * i + 2)[0]
        compressed = bool(raw_fc & 0x40000000)
        offset = raw_fc & 0x3FFFFFFF
        pcds.append((offset // 2 if compressed else offset, compressed))
    return cps, pcds


class _RowEnds:
    """Which stream offsets hold a table row-end mark, from the PAPX FKPs."""

    def __init__(
        self, wd: bytes, table: bytes, data: bytes | None, fc: int, lcb: int
    ) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.known = False
        try:
            self._load(wd, table, data or b"", fc, lcb)
            self.known = True
        except (CorruptError, struct.error, IndexError):
            pass  # formatting is optional: fall back to a text heuristic

    def _load(self, wd: bytes, table: bytes, data: bytes, fc: int, lcb: int) -> None:
        n, rem = divmod(lcb - 4, 8)
        if lcb < 12 or rem or fc + lcb > len(table):
            raise CorruptError("bad PlcBtePapx")
        for i in range(n):
            pn = struct.unpack_from("<I", table, fc + 4 * (n + 1) + 4 * i)[0] & 0x3FFFFF
            page = wd[pn * 512 : pn * 512 + 512]
            if len(page) != 512:
                raise CorruptError("PAPX FKP out of range")
            crun = page[511]
            for j in range(crun):
                bx = page[4 * (crun + 1) + 13 * j] * 2
                if bx and _has_ttp(page, bx, data):
                    self.starts.append(struct.unpack_from("<I", page, 4 * j)[0])
                    self.ends.append(struct.unpack_from("<I", page, 4 * j + 4)[0])
            if len(self.starts) > _MAX_PAPX_RUNS:
                raise CorruptError("too many PAPX runs")
        pairs = sorted(zip(self.starts, self.ends))
        self.starts = [a for a, _ in pairs]
        self.ends = [b for _, b in pairs]

    def __contains__(self, fc: int) -> bool:
        i = bisect.bisect_right(self.starts, fc) - 1
        return i >= 0 and fc < self.ends[i]


def _has_ttp(page: bytes, bx: int, data: bytes) -> bool:
    cb = page[bx]
    start, size = (bx + 2, 2 * page[bx + 1]) if cb == 0 else (bx + 1, 2 * cb - 1)
    # the grpprl follows a 2-byte istd
    return _grpprl_has_ttp(page[start + 2 : start + size], data, nested=False)


def _grpprl_has_ttp(grpprl: bytes, data: bytes, *, nested: bool) -> bool:
    pos = 0
    while pos + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, pos)[0]
        pos += 2
        if sprm == _SPRM_P_FTTP:
            return pos < len(grpprl) and grpprl[pos] == 1
        if sprm == _SPRM_P_HUGE_PAPX and not nested and pos + 4 <= len(grpprl):
            at = struct.unpack_from("<I", grpprl, pos)[0]
            if at + 2 <= len(data):
                cb = struct.unpack_from("<H", data, at)[0]
                return _grpprl_has_ttp(data[at + 2 : at + 2 + cb], data, nested=True)
        spra = sprm >> 13
        if spra != 6:
            pos += _SPRA_SIZE[spra]
        elif sprm == _SPRM_T_DEF_TABLE and pos + 2 <= len(grpprl):
            pos += 1 + struct.unpack_from("<H", grpprl, pos)[0]
        elif sprm == _SPRM_P_CHG_TABS and pos < len(grpprl) and grpprl[pos] == 255:
            return False  # rare variable layout; stop rather than misparse
        elif pos < len(grpprl):
            pos += 1 + grpprl[pos]
        else:
            break
    return False


def _read_range(
    wd: bytes,
    cps: list[int],
    pcds: list[tuple[int, bool]],
    ttp: _RowEnds,
    cp_start: int,
    cp_end: int,
) -> str:
    out: list[str] = []
    i = bisect.bisect_right(cps, cp_start) - 1
    while cp_start < cp_end and 0 <= i < len(pcds):
        a, b = max(cps[i], cp_start), min(cps[i + 1], cp_end)
        offset, compressed = pcds[i]
        width = 1 if compressed else 2
        lo = offset + (a - cps[i]) * width
        hi = lo + (b - a) * width
        if hi > len(wd):
            raise CorruptError(f"piece {i} points past the WordDocument stream")
        raw = bytearray(wd[lo:hi])
        k = raw.find(0x07)
        while k >= 0:
            if k % width == 0 and (width == 1 or raw[k + 1] == 0) and lo + k in ttp:
                raw[k] = 0x1D
            k = raw.find(0x07, k + 1)
        out.append(
            raw.decode("latin-1").translate(_CP1252)
            if compressed
            else raw.decode("utf-16-le", errors="replace")
        )
        cp_start = b
        i += 1
    return "".join(out)


_FIELD_MARK: Final = re.compile(r"([\x13\x14\x15])")


def _clean(text: str, *, heuristic_rows: bool) -> str:
    if heuristic_rows:
        # Without PAPX, a second cell mark in a row is taken as the row end
        # (an empty last cell then also ends the row; harmless for text).
        text = text.replace("\x07\x07", "\x07" + _ROW_END)
    if "\x13" in text:
        text = _drop_field_codes(text)
    text = text.replace("\x07" + _ROW_END, "\n").translate(_CONTROL_MAP)
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _drop_field_codes(text: str) -> str:
    """Keep field results, drop field codes: begin \\x13 code \\x14 result \\x15."""
    out: list[str] = []
    stack: list[bool] = []  # per open field: True once its result part started
    hidden = 0  # open fields still in their code part
    for part in _FIELD_MARK.split(text):
        if part == "\x13":
            stack.append(False)
            hidden += 1
        elif part == "\x14":
            if stack and not stack[-1]:
                stack[-1] = True
                hidden -= 1
        elif part == "\x15":
            if stack and not stack.pop():
                hidden -= 1
        elif hidden == 0:
            out.append(part)
    return "".join(out)
