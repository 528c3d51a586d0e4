"""How much of a file the readers take on: page, member, cell, part and character caps.

A file under the 50 MB size limit can still hold a bomb: a DOCX whose XML inflates to gigabytes, an
XLSX of three million rows, an e-mail nested 5,000 deep, a one-line text of 40 MB. The per-file time
and memory limits (flows/isolation.py) stop such a file in the end; these caps refuse it first, in
milliseconds, with a ``too_complex`` row that says which cap it broke. The defaults sit far above
any résumé (a long one is 5 pages and 20,000 characters) and are fields of ``ReadSettings``.
"""

from __future__ import annotations

import io
import zipfile

from extractors.readers.sniff import ReadFailure

TOO_COMPLEX = "too_complex"

MAX_PAGES = 50  # PDF pages read; the rest of a longer PDF is skipped, with a note
MAX_CHARS = 200_000  # characters of text a file may yield (about 100 pages); more is refused
MAX_UNPACKED_MB = 100  # what a DOCX or XLSX (a zip) may inflate to, all members together
MAX_MEMBERS = 5_000  # members of such a zip
MAX_RATIO = 200  # how many times a large member may inflate its compressed size (zip bomb)
RATIO_FROM_MB = 5  # members smaller than this are not judged by their ratio (XML compresses well)
MAX_SHEETS_MB = 10  # XLSX worksheet XML, all sheets: openpyxl parses a sheet whole to size it (4 s for 20 MB)
MAX_CELLS = 20_000  # spreadsheet cells (an empty row counts as one): about 2 s of openpyxl
MAX_MIME_PARTS = 500  # parts of an e-mail or MHT, attachments included
MAX_MIME_NESTING = 50  # multipart containers in an e-mail: a résumé's has two or three
MAX_HTML_TAGS = 50_000  # elements of an HTML page (a job-site export has a few thousand): about 1 s


def too_complex(what: str, setting: str) -> ReadFailure:
    return ReadFailure(TOO_COMPLEX, f"{what}: more than a résumé holds, so it was not read ({setting})")


def check_zip(data: bytes, max_unpacked_mb: int = MAX_UNPACKED_MB, max_members: int = MAX_MEMBERS,
              max_ratio: float = MAX_RATIO) -> None:
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
        raise too_complex(f"the file is a zip of {len(members):,} parts", f"max_members={max_members:,}")
    unpacked = sum(m.file_size for m in members)
    if unpacked > max_unpacked_mb * 2**20:
        raise too_complex(f"the file inflates to {unpacked // 2**20:,} MB", f"max_unpacked_mb={max_unpacked_mb}")
    for m in members:
        if m.file_size > RATIO_FROM_MB * 2**20 and m.file_size > max_ratio * max(1, m.compress_size):
            raise too_complex(f"{m.filename} inflates {m.file_size // max(1, m.compress_size):,} times (a zip bomb?)",
                              f"max_ratio={max_ratio:g}")


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
