"""PDF reading of Latin words drawn without space glyphs, of cp1252 mojibake, and of bullet glyphs.

The PDFs are written here, glyph by glyph, the way LiveCareer's generator draws them: every glyph a
text object of its own at a position from the generator's metrics (not the font's widths), the
font set at 19pt under a 0.6 matrix, words placed apart with no space glyph between them.
"""

from __future__ import annotations

import pytest

from extractors.readers import pdf as pdf_reader
from extractors.readers.mojibake import repair_mojibake
from extractors.readers.pdf import REPLACEMENT, Char, PageChars, read_pdf

# Helvetica's widths (per 1000 em) of the glyphs used below: a standard font, so nothing is embedded.
HELVETICA = dict.fromkeys("abdeghnopqu0123456789", 556) | dict.fromkeys("ilj", 222) | dict.fromkeys("ft", 278)
HELVETICA |= {"c": 500, "k": 500, "s": 500, "v": 500, "x": 500, "y": 500, "z": 500, "m": 833, "r": 333, "w": 722}
HELVETICA |= {".": 278, ",": 278, "-": 333}
SIZE = 11.4  # 19pt under a 0.6 matrix


def glyph_runs(lines: list[tuple[str, float, float]]) -> list[tuple[str, float, float]]:
    """(glyph, x, y) for each line (text, y, tracking in em): a glyph's advance is its width less a
    glyph-specific shortfall ("f" 0.12 em, others 0.03 em, plus the tracking); a word gap adds 0.21 em."""
    out: list[tuple[str, float, float]] = []
    for text, y, tracking in lines:
        x = 40.0
        for word in text.split(" "):
            for ch in word:
                out.append((ch, x, y))
                shortfall = 0.12 if ch == "f" else 0.03
                x += (HELVETICA[ch] / 1000 - shortfall + tracking) * SIZE
            x += 0.21 * SIZE
    return out


def glyph_pdf(glyphs: list[tuple[str, float, float]], *more_pages: str) -> bytes:
    """A PDF whose first page draws each glyph as its own text object, Helvetica 19pt under a 0.6
    matrix; ``more_pages`` are the content streams of further pages."""
    streams = ["".join(f"BT /F1 19 Tf 0.6 0 0 0.6 {x:.3f} {y:.3f} Tm ({ch}) Tj ET\n" for ch, x, y in glyphs), *more_pages]
    n = len(streams)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, stream in enumerate(streams):
        data = stream.encode("latin-1")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >>"
            + f" /Contents {5 + 2 * i} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(data) + data + b"endstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


SENTENCES = [
    "of professional service in information technology support",
    "we drove by the quiet town after work",
    "fifty staff for effective offices",
]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_words_placed_apart_keep_their_spaces(engine: str) -> None:
    lines = [(text, 750 - 40 * i, 0.0) for i, text in enumerate(SENTENCES * 3)]
    text = read_pdf(glyph_pdf(glyph_runs(lines)), engine=engine).text  # type: ignore[arg-type]
    assert text.splitlines() == SENTENCES * 3


def test_tracked_dates_get_no_spaces() -> None:
    """Two runs of a page set with different tracking (0 and 0.09 em): neither gets a space inside."""
    prose = [(text, 750 - 40 * i, 0.0) for i, text in enumerate(SENTENCES * 2)]
    dates = [("2019.10 - 2021.10", 450, 0.09), ("2016.10 - 2017.10", 410, 0.0), ("2015.01 - 2016.09", 370, 0.09)]
    text = read_pdf(glyph_pdf(glyph_runs(prose + dates))).text
    assert text.splitlines()[-3:] == ["2019.10 - 2021.10", "2016.10 - 2017.10", "2015.01 - 2016.09"]


@pytest.mark.parametrize(
    ("drawn", "meant"),
    [
        ("Company Name ï¼ City, State", "Company Name ， City, State"),  # 0x8C of "，" had no glyph
        ("09/2013 â€“ Current", "09/2013 – Current"),
        ("â€¢ Managed payroll", "• Managed payroll"),
        ("GPA 3.7Â ", "GPA 3.7 "),  # C2 A0, a no-break space, drawn one glyph short
        ("cafÃ© Â· résumé façade", "café · résumé façade"),  # real accents stay as they are
    ],
)
def test_utf8_drawn_as_cp1252_is_repaired(drawn: str, meant: str) -> None:
    assert repair_mojibake(drawn) == meant


def _page(texts: str) -> PageChars:
    chars = tuple(Char(t, 10.0 * i, 10.0 * i + 8, 100.0, 110.0) for i, t in enumerate(texts))
    return PageChars(1, 600.0, 800.0, chars)


def test_lone_unmapped_glyphs_do_not_take_the_slow_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bullet without a Unicode mapping carries no text: pdfium's reading stands. A run of unmapped
    glyphs may be text pdfminer can decode: that file is read again carefully."""
    careful: list[bytes] = []

    def plumber(data: bytes, max_pages: int = 50) -> tuple[list[PageChars], str | None, int]:
        careful.append(data)
        return [_page("Managed payroll")], None, 1

    monkeypatch.setattr(pdf_reader, "plumber_pages", plumber)
    monkeypatch.setattr(pdf_reader, "pdfium_pages", lambda data, max_pages: ([_page(f"{REPLACEMENT}Managed payroll")], None, 1))
    assert read_pdf(b"bullet").text == f"{REPLACEMENT}Managed payroll"
    assert careful == []
    monkeypatch.setattr(pdf_reader, "pdfium_pages", lambda data, max_pages: ([_page(REPLACEMENT * 7 + " payroll")], None, 1))
    assert read_pdf(b"text").text == "Managed payroll"
    assert careful == [b"text"]


def test_an_empty_page_is_not_sent_to_ocr() -> None:
    """A blank last page has nothing to recognise; a page with a picture on it still goes to OCR."""
    seen: list[int] = []

    def ocr(image, number: int, scale: float) -> PageChars:
        seen.append(number)
        return PageChars(number, 612.0, 792.0, ())

    lines = [(text, 750 - 40 * i, 0.0) for i, text in enumerate(SENTENCES)]
    data = glyph_pdf(glyph_runs(lines), "", "0 0 0 rg 100 400 300 200 re f\n")
    raw = read_pdf(data, ocr=ocr)
    assert seen == [3]
    assert raw.text.splitlines() == SENTENCES
    assert raw.pages_without_text == 2


def test_glyphs_read_in_one_pass_match_glyph_by_glyph(monkeypatch: pytest.MonkeyPatch) -> None:
    """pdfium's boxes and matrices are read for all glyphs at once; a page where that is not possible
    is read glyph by glyph. Both give the same glyphs: boxes, baselines, sizes and implied spaces."""
    lines = [(text, 750 - 40 * i, 0.0) for i, text in enumerate(SENTENCES * 2)]
    mixed = "".join(
        f"BT /F1 {size} Tf {x} {y} Td ({text}) Tj ET\n"
        for size, x, y, text in [(24, 40, 740, "Jane Doe"), (10, 40, 712, "Skills: payroll, audit"), (10, 300, 712, "2019 - 2021"),
                                 (12, 40, 690, "Experience"), (9, 40, 670, "Led the team of five")]
    )
    data = glyph_pdf(glyph_runs(lines), mixed)
    fast, _, _ = pdf_reader.pdfium_pages(data)
    one_pass = pdf_reader._address_call
    # A matrix pdfium cannot give sends the page down the glyph-by-glyph path.
    monkeypatch.setattr(pdf_reader, "_address_call", lambda name: (lambda *args: 0) if name == "FPDFText_GetMatrix" else one_pass(name))
    slow, _, _ = pdf_reader.pdfium_pages(data)
    assert [len(p.chars) for p in fast] == [len(p.chars) for p in slow] and all(p.chars for p in fast)
    assert fast == slow
    assert " " in {c.text for c in fast[0].chars}  # the implied word spaces are there on both paths
