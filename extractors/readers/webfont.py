"""Text a job site hides behind its own web font, named instead of guessed.

Some job sites draw digits and degrees with a font embedded in the page whose code points are
private-use characters (U+E000…): the text layer holds placeholders, and only the font's glyphs show
the digits. Read as text, such a page gives dates and degrees that are wrong or missing, so the
reader marks the placeholders (□) and the quality verdict says which text could not be read.
"""

import re

# A @font-face that loads a font of the page's own (a data: URL or a file beside the page).
_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\bsrc\s*:[^}]*\}", re.I | re.S)
# The private-use areas of the BMP and plane 15: code points with no meaning outside that font.
PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd]")
HIDDEN = "□"


def hide_private_use(html: str, text: str) -> tuple[str, int]:
    """The text with each character the page's own font draws replaced by □, and how many there were."""
    if not _FONT_FACE.search(html):
        return text, 0
    return PRIVATE_USE.subn(HIDDEN, text)
