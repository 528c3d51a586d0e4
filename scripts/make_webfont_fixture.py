"""Writes tests/fixtures/obfuscated_font.html: a synthetic job-site export whose digits and degree are
drawn by a web font embedded in the page, as some job sites do against copying.

The font is real (built with fontTools): private-use code points U+E000… carry the glyphs of the
digits and of 本科, so a browser shows 2016.03 while the text layer holds placeholders. The person
and the companies are invented. Run once; the file is committed:

    .venv/bin/pip install -e ".[samples]" && .venv/bin/python scripts/make_webfont_fixture.py
"""

import base64
import io
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "obfuscated_font.html"
# What each private-use code point shows on screen (its glyph's name says so).
SHOWN = "0123456789本科"
PUA = {chr(0xE000 + i): shown for i, shown in enumerate(SHOWN)}


def _box_glyph(width: int):  # type: ignore[no-untyped-def]  # a plain box: the mapping matters, not the shape
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    pen = TTGlyphPen(None)
    pen.moveTo((50, 0))
    pen.lineTo((50, 700))
    pen.lineTo((width - 50, 700))
    pen.lineTo((width - 50, 0))
    pen.closePath()
    return pen.glyph()


def obfuscating_font() -> bytes:
    # Imported here so that the tests can read PUA without the `samples` extra installed.
    from fontTools.fontBuilder import FontBuilder

    names = [".notdef"] + [f"shown_{ord(s):04x}" for s in SHOWN]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({ord(code): f"shown_{ord(shown):04x}" for code, shown in PUA.items()})
    fb.setupGlyf({name: _box_glyph(600) for name in names})
    fb.setupHorizontalMetrics({name: (600, 50) for name in names})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": "SiteDigits", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    out = io.BytesIO()
    fb.save(out)
    return out.getvalue()


def hidden(text: str) -> str:
    """The text as the page's text layer holds it: each shown character by its private-use code point."""
    code_of = {shown: code for code, shown in PUA.items()}
    return "".join(f'<span class="sd">{code_of[ch]}</span>' if ch in code_of else ch for ch in text)


def page() -> str:
    font = base64.b64encode(obfuscating_font()).decode()
    rows = [
        ("姓名", "钱示例"),
        ("学历", hidden("本科")),
        ("工作经验", hidden("8") + "年"),
        ("手机", "138-0000-0000"),
    ]
    jobs = [
        (hidden("2016.03") + " - 至今", "示例农村商业银行", "客户经理"),
        (hidden("2012.07") + " - " + hidden("2016.02"), "示例财务咨询有限公司", "客户专员"),
    ]
    cells = "\n".join(f"<tr><td>{k}：</td><td>{v}</td></tr>" for k, v in rows)
    work = "\n".join(f"<tr><td>{d}</td><td>{e}</td><td>{t}</td></tr>" for d, e, t in jobs)
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>个人简历</title>
<style>
@font-face {{ font-family: "SiteDigits"; src: url(data:font/ttf;base64,{font}) format("truetype"); }}
.sd {{ font-family: "SiteDigits"; }}
</style></head>
<body>
<h2>基本信息</h2>
<table>
{cells}
</table>
<h2>工作经历</h2>
<table>
{work}
</table>
<h2>教育经历</h2>
<table><tr><td>{hidden("2008.09")} - {hidden("2012.06")}</td><td>示例财经大学</td><td>金融学</td><td>{hidden("本科")}</td></tr></table>
</body></html>
"""


if __name__ == "__main__":
    OUT.write_text(page(), encoding="utf-8")
    print(f"wrote {OUT}")
