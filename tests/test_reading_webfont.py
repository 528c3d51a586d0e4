"""A page whose digits and degree are drawn by the site's own web font is named, not guessed.

The fixture is made by scripts/make_webfont_fixture.py: a real font (fontTools) maps private-use code
points to the digits and to 本科, as some job sites do against copying.
"""

from datetime import date

from extractors.fields.candidate import extract_candidate
from extractors.readers.document import read_bytes, read_document
from screener.models import Document
from tests.conftest import FIXTURES

PAGE = FIXTURES / "obfuscated_font.html"


def test_text_drawn_by_the_page_font_is_reported_unreadable() -> None:
    doc = read_document(PAGE)
    assert isinstance(doc, Document)
    assert doc.quality == "obfuscated"
    assert doc.quality_reason.startswith("35 characters are drawn by the page's own web font")
    assert "□" in doc.text and not any("\ue000" <= ch <= "\uf8ff" for ch in doc.text)


def test_hidden_fields_stay_empty_instead_of_wrong() -> None:
    candidate = extract_candidate(read_document(PAGE), date(2026, 6, 30))
    assert candidate.name == "钱示例"  # what the font does not hide is still read
    assert candidate.highest_degree is None
    assert candidate.total_experience_months == 0
    assert candidate.text_quality == "obfuscated"


def test_the_same_page_in_clear_text_is_read_in_full() -> None:
    # The placeholders back as the characters the font shows: the page itself is a readable résumé.
    from scripts.make_webfont_fixture import PUA

    html = PAGE.read_text(encoding="utf-8")
    for code, shown in PUA.items():
        html = html.replace(code, shown)
    doc = read_bytes(html.encode("utf-8"), "clear.html")
    assert isinstance(doc, Document) and doc.quality == "ok"
    candidate = extract_candidate(doc, date(2026, 6, 30))
    assert candidate.highest_degree == "bachelor"
    assert candidate.experience[0].employer == "示例农村商业银行"


def test_private_use_characters_without_a_page_font_are_not_called_obfuscated() -> None:
    html = "<html><body><p>姓名：钱示例</p><p>技能：\ue001 Excel、PPT</p><p>工作经历</p><p>2016.03-至今 示例银行 客户经理</p></body></html>"
    doc = read_bytes(html.encode("utf-8"), "plain.html")
    assert isinstance(doc, Document) and doc.quality != "obfuscated"
