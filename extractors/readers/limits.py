"""How much of a file the readers take on: page, member, cell, part and character caps.

A file under the 50 MB size limit can still hold a bomb: a DOCX whose XML inflates to gigabytes, an
XLSX of three million rows, an e-mail nested 5,000 deep, a one-line text of 40 MB. The per-file time
and memory limits (flows/isolation.py) stop such a file in the end; these caps refuse it first, in
milliseconds, with a ``too_complex`` row that says which cap it broke. The defaults sit far above
any résumé (a long one is 5 pages and 20,000 characters). ``ReadLimits`` holds them with the
bounds a setting may take; ``ReadSettings`` inherits them, and ``screener run`` and ``serve`` set each
with the flag of its name (``max_zip_members`` is ``--max-zip-members``).
"""

from __future__ import annotations

import io
import zipfile

from pydantic import BaseModel, ConfigDict, Field

from extractors.readers.sniff import ReadFailure

TOO_COMPLEX = "too_complex"

MAX_PAGES = 50  # PDF pages read; the rest of a longer PDF is skipped, with a note
MAX_CHARS = 200_000  # characters of text a file may yield (about 100 pages); more is refused
MAX_UNPACKED_MB = 100  # what a DOCX or XLSX (a zip) may inflate to, all members together
MAX_ZIP_MEMBERS = 5_000  # members of such a zip
MAX_ZIP_RATIO = 200  # how many times a large member may inflate its compressed size (zip bomb)
RATIO_FROM_MB = 5  # members smaller than this are not judged by their ratio (XML compresses well)
MAX_SHEETS_MB = 10  # XLSX worksheet XML, all sheets: openpyxl parses a sheet whole to size it (4 s for 20 MB)
MAX_CELLS = 20_000  # spreadsheet cells (an empty row counts as one): about 2 s of openpyxl
MAX_MIME_PARTS = 500  # parts of an e-mail or MHT, attachments included
MAX_MIME_NESTING = 50  # multipart containers in an e-mail: a résumé's has two or three
MAX_HTML_TAGS = 50_000  # elements of an HTML page (a job-site export has a few thousand): about 1 s


class ReadLimits(BaseModel):
    """The caps as settings. The bounds refuse nonsense (0, a negative, or so high that the cap no
    longer guards anything) where the settings are given, not in the middle of a run."""

    model_config = ConfigDict(frozen=True)

    max_pages: int = Field(default=MAX_PAGES, ge=1, le=10_000,
                           description="PDF pages read; the rest of a longer PDF is skipped, with a note")
    max_chars: int = Field(default=MAX_CHARS, ge=1, le=50_000_000,
                           description="characters of text one file may yield; more is refused")
    max_unpacked_mb: int = Field(default=MAX_UNPACKED_MB, ge=1, le=10_240,
                                 description="MB a DOCX or XLSX (a zip) may inflate to, all members together")
    max_zip_members: int = Field(default=MAX_ZIP_MEMBERS, ge=1, le=1_000_000, description="members of a DOCX or XLSX zip")
    max_zip_ratio: float = Field(default=MAX_ZIP_RATIO, ge=1, le=100_000,
                                 description=f"times a zip member over {RATIO_FROM_MB} MB may inflate its packed size (a zip bomb)")
    max_sheets_mb: int = Field(default=MAX_SHEETS_MB, ge=1, le=10_240, description="MB of XLSX worksheet XML, all sheets together")
    max_cells: int = Field(default=MAX_CELLS, ge=1, le=100_000_000, description="spreadsheet cells (an empty row counts as one)")
    max_mime_parts: int = Field(default=MAX_MIME_PARTS, ge=1, le=1_000_000, description="parts of an e-mail or MHT, attachments included")
    # The stdlib parser recurses once per level: far past this it raises RecursionError (caught, but slow).
    max_mime_nesting: int = Field(default=MAX_MIME_NESTING, ge=1, le=200, description="multipart containers in an e-mail or MHT")
    max_html_tags: int = Field(default=MAX_HTML_TAGS, ge=1, le=10_000_000, description="elements of an HTML page")

    def key(self) -> str:
        """The caps set away from their defaults ("" for none): what a cached read depends on, and
        only that, so a cache written before a new cap existed is still believed."""
        defaults = ReadLimits()
        return ";".join(f"{name}={getattr(self, name)}" for name in ReadLimits.model_fields
                        if getattr(self, name) != getattr(defaults, name))


def flag(setting: str) -> str:
    """The command-line flag that sets a cap: ``max_chars`` → ``--max-chars``."""
    return "--" + setting.replace("_", "-")


def too_complex(what: str, setting: str) -> ReadFailure:
    """``setting`` is the cap and its value, ``max_chars=200,000``: the reason names its flag too."""
    name = setting.partition("=")[0]
    return ReadFailure(TOO_COMPLEX, f"{what}: more than a résumé holds, so it was not read ({setting}; {flag(name)} raises it)")


def check_zip(data: bytes, max_unpacked_mb: int = MAX_UNPACKED_MB, max_members: int = MAX_ZIP_MEMBERS,
              max_ratio: float = MAX_ZIP_RATIO) -> None:
    """Refuse an Office zip whose central directory promises a bomb, before a member is inflated.

    The sizes a zip declares bound what ``zipfile`` inflates (it stops at the declared size), so
    checking them is enough. A zip that cannot be opened is left to its reader's own error.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        return
    if len(members) > max_members:
        raise too_complex(f"the file is a zip of {len(members):,} parts", f"max_zip_members={max_members:,}")
    unpacked = sum(m.file_size for m in members)
    if unpacked > max_unpacked_mb * 2**20:
        raise too_complex(f"the file inflates to {unpacked // 2**20:,} MB", f"max_unpacked_mb={max_unpacked_mb}")
    for m in members:
        if m.file_size > RATIO_FROM_MB * 2**20 and m.file_size > max_ratio * max(1, m.compress_size):
            raise too_complex(f"{m.filename} inflates {m.file_size // max(1, m.compress_size):,} times (a zip bomb?)",
                              f"max_zip_ratio={max_ratio:g}")


def check_sheets(data: bytes, max_sheets_mb: int = MAX_SHEETS_MB) -> None:
    """Refuse an XLSX whose worksheets' XML is too big to parse: openpyxl reads a sheet without a
    ``<dimension>`` through once before a row is handed out, so the cell cap would come too late."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            sheets = sum(m.file_size for m in zf.infolist() if m.filename.startswith("xl/worksheets/"))
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        return
    if sheets > max_sheets_mb * 2**20:
        raise too_complex(f"its worksheets inflate to {sheets // 2**20:,} MB", f"max_sheets_mb={max_sheets_mb}")


def check_chars(count: int, max_chars: int = MAX_CHARS) -> None:
    if count > max_chars:
        raise too_complex(f"the file holds {count:,} characters of text", f"max_chars={max_chars:,}")
