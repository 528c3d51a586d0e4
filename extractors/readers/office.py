"""Office résumés: DOCX read from the WordprocessingML beneath python-docx; XLSX and XLS cells
(openpyxl, xlrd); and legacy Word .doc converted by antiword or headless LibreOffice when installed.

python-docx's ``paragraphs`` and ``tables`` miss what Chinese résumé templates rely on:
text boxes (``w:txbxContent``), tables nested in cells, content controls (``w:sdt``), and
the interleaving of paragraphs and tables. So we walk the body's XML in document order:
``block_lines`` (w:p, w:tbl, w:sdt) → ``paragraph_lines`` (text, then its text boxes) /
``table_lines`` (one line per row) → ``read_docx`` (header, body, footer).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterable

from lxml import etree

from extractors.readers.sniff import RawText, ReadFailure

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
CELL_SEPARATOR = " | "
_RT_HEADER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
_RT_FOOTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"


def _local(el: etree._Element) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _ns(el: etree._Element) -> str:
    tag = el.tag
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


# --- paragraphs ----------------------------------------------------------------------------


def _box_position(txbx: etree._Element) -> tuple[int, int] | None:
    """(y, x) offset in EMU of the floating shape holding a text box, when Word recorded one."""
    anchor = next((a for a in txbx.iterancestors() if _ns(a) == WP and _local(a) == "anchor"), None)
    if anchor is None:
        return None
    offsets = []
    for axis in ("positionV", "positionH"):
        pos = anchor.find(f"{{{WP}}}{axis}")
        off = pos.find(f"{{{WP}}}posOffset") if pos is not None else None
        if off is None or not (off.text or "").strip().lstrip("-").isdigit():
            return None
        offsets.append(int(off.text.strip()))
    return offsets[0], offsets[1]


def _walk_inline(el: etree._Element, text: list[str], boxes: list[tuple[tuple[int, int] | None, list[str]]]) -> None:
    """Collect a paragraph's own text; text boxes anchored in it are collected separately."""
    for child in el:
        name, ns = _local(child), _ns(child)
        if ns == MC and name == "Fallback":
            continue  # the VML copy of a DrawingML text box: reading both would double it
        if ns == W:
            if name == "t":
                text.append(child.text or "")
                continue
            if name == "tab":
                text.append("\t")
                continue
            if name in ("br", "cr"):
                text.append("\n")
                continue
            if name == "noBreakHyphen":
                text.append("-")
                continue
            if name in ("del", "delText", "instrText", "rPr", "pPr", "fldChar"):
                continue  # deleted revisions, field codes and formatting are not text
            if name == "txbxContent":
                boxes.append((_box_position(child), block_lines(child)))
                continue
        _walk_inline(child, text, boxes)


def paragraph_lines(p: etree._Element) -> list[str]:
    """A paragraph's text (line breaks kept), followed by the lines of any text boxes it anchors.

    Boxes anchored in one paragraph are stored in creation order, not where they sit on the
    page; when all of them carry an offset they are read top to bottom, then left to right.
    """
    text: list[str] = []
    boxes: list[tuple[tuple[int, int] | None, list[str]]] = []
    _walk_inline(p, text, boxes)
    lines = [ln for ln in "".join(text).split("\n") if ln.strip()]
    if boxes and all(pos is not None for pos, _ in boxes):
        boxes.sort(key=lambda box: box[0])  # type: ignore[arg-type, return-value]
    for _, box in boxes:
        lines.extend(box)
    return lines


# --- tables --------------------------------------------------------------------------------


def _is_merge_continuation(tc: etree._Element) -> bool:
    # A vertically merged cell repeats in every row it spans; only the "restart" one has content.
    tc_pr = tc.find(f"{{{W}}}tcPr")
    if tc_pr is None:
        return False
    v = tc_pr.find(f"{{{W}}}vMerge")
    if v is not None and v.get(f"{{{W}}}val", "continue") == "continue":
        return True
    h = tc_pr.find(f"{{{W}}}hMerge")
    return h is not None and h.get(f"{{{W}}}val", "continue") == "continue"


def _row_cells(tr: etree._Element) -> Iterable[etree._Element]:
    for child in tr:
        name = _local(child)
        if name == "tc":
            yield child
        elif name in ("sdt", "customXml"):  # cells wrapped in content controls
            content = child.find(f"{{{W}}}sdtContent") if name == "sdt" else child
            if content is not None:
                yield from _row_cells(content)


def table_lines(tbl: etree._Element) -> list[str]:
    """One line per row, cells joined by `` | `` so a label stays beside its value.

    A row whose cells hold several lines (a layout table carrying whole sections) is
    written cell after cell instead, one line per cell line.
    """
    lines: list[str] = []
    for tr in tbl:
        if _local(tr) not in ("tr", "sdt", "customXml"):
            continue
        rows = [tr] if _local(tr) == "tr" else list(tr.iter(f"{{{W}}}tr"))
        for row in rows:
            cells = [block_lines(tc) for tc in _row_cells(row) if not _is_merge_continuation(tc)]
            cells = [c for c in cells if c]
            if not cells:
                continue
            if all(len(c) == 1 for c in cells):
                lines.append(CELL_SEPARATOR.join(c[0].strip() for c in cells))
            else:
                for c in cells:
                    lines.extend(c)
    return lines


# --- blocks --------------------------------------------------------------------------------


def block_lines(container: etree._Element) -> list[str]:
    """Lines of a body, cell, text box, header or footer: its w:p and w:tbl in document order."""
    lines: list[str] = []
    for child in container:
        name = _local(child)
        if name == "p":
            lines.extend(paragraph_lines(child))
        elif name == "tbl":
            lines.extend(table_lines(child))
        elif name == "sdt":
            content = child.find(f"{{{W}}}sdtContent")
            if content is not None:
                lines.extend(block_lines(content))
        elif name in ("customXml", "ins", "smartTag"):
            lines.extend(block_lines(child))
        elif _ns(child) == MC and name == "AlternateContent":
            choice = child.find(f"{{{MC}}}Choice")
            if choice is not None:
                lines.extend(block_lines(choice))
    return lines


def _dedupe(lines: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for ln in lines:
        if ln not in seen:
            seen.add(ln)
            out.append(ln)
    return out


def header_footer_lines(doc) -> tuple[list[str], list[str]]:
    """Lines of all distinct headers and footers (first-page, even and default ones), deduplicated."""
    headers: list[str] = []
    footers: list[str] = []
    parts = sorted(
        ((rel.reltype, rel.target_part) for rel in doc.part.rels.values() if rel.reltype in (_RT_HEADER, _RT_FOOTER)),
        key=lambda item: str(item[1].partname),
    )
    for reltype, part in parts:
        element = getattr(part, "element", None)
        if element is None:
            element = etree.fromstring(part.blob)
        (headers if reltype == _RT_HEADER else footers).extend(block_lines(element))
    return _dedupe(headers), _dedupe(footers)


def docx_created(doc) -> str | None:
    try:
        created = doc.core_properties.created
    except Exception:  # malformed core.xml: the date is only a hint
        return None
    return created.strftime("%Y-%m-%d") if created is not None and created.year >= 1990 else None


def open_docx(data: bytes):
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ReadFailure("corrupt_docx", "DOCX is damaged or truncated (not a valid zip archive)") from exc
    except KeyError as exc:
        raise ReadFailure("corrupt_docx", f"DOCX is missing a part ({exc.args[0] if exc.args else 'unknown'})") from exc
    except etree.XMLSyntaxError as exc:
        raise ReadFailure("corrupt_docx", f"DOCX contains malformed XML ({exc})") from exc
    except ValueError as exc:  # python-docx: "file is not a Word file, content type is ..."
        raise ReadFailure("corrupt_docx", f"DOCX could not be opened ({exc})") from exc
    except Exception as exc:
        raise ReadFailure("corrupt_docx", f"DOCX could not be opened ({type(exc).__name__}: {exc})") from exc


def docx_pages(data: bytes) -> int:
    """Page count Word saved in docProps/app.xml (python-docx does not read it); 1 if absent."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            root = etree.fromstring(zf.read("docProps/app.xml"))
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, OSError, ValueError):
        return 1
    for el in root:
        if _local(el) == "Pages" and (el.text or "").strip().isdigit():
            return max(1, int(el.text.strip()))
    return 1


def read_docx(data: bytes) -> RawText:
    doc = open_docx(data)
    body = doc.element.body
    headers, footers = header_footer_lines(doc)
    body_lines = block_lines(body)
    # Header first (it usually carries the name), footer last; drop header lines the body repeats.
    in_body = set(body_lines)
    lines = [h for h in headers if h not in in_body] + body_lines + [f for f in footers if f not in in_body]
    return RawText(text="\n".join(lines), pages=docx_pages(data), created=docx_created(doc))


# --- XLSX: a résumé typed into a spreadsheet (some job-site exports) -------------------------


def read_xlsx(data: bytes) -> RawText:
    """Every sheet's non-empty cells, row by row, cells of a row joined by `` | ``."""
    try:
        import openpyxl
    except ImportError as exc:
        raise ReadFailure("unsupported_format", "reading .xlsx needs openpyxl (pip install openpyxl)") from exc
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zip, XML and its own errors alike
        raise ReadFailure("corrupt_xlsx", f"XLSX could not be opened ({type(exc).__name__}: {exc})") from exc
    lines: list[str] = []
    try:
        for sheet in wb.worksheets:
            for row in sheet.iter_rows(values_only=True):
                cells = [_cell_text(v) for v in row]
                cells = [c for c in cells if c]
                if cells:
                    lines.append(CELL_SEPARATOR.join(cells))
        created = wb.properties.created
    finally:
        wb.close()
    return RawText(
        text="\n".join(lines),
        pages=len(wb.worksheets),
        created=created.strftime("%Y-%m-%d") if created is not None and created.year >= 1990 else None,
    )


# --- XLS: Excel 97-2003 forms, read natively (no LibreOffice Calc needed) --------------------


def read_xls(data: bytes) -> RawText:
    """Every sheet's non-empty cells, row by row, cells of a row joined by `` | `` (as ``read_xlsx``).

    xlrd reads the BIFF records itself (pure Python, milliseconds): no converter to install.
    """
    try:
        import xlrd
    except ImportError as exc:
        raise ReadFailure("legacy_xls", "reading .xls needs xlrd (pip install xlrd)") from exc
    try:
        # xlrd prints format warnings to stdout by default: send them nowhere.
        book = xlrd.open_workbook(file_contents=data, logfile=io.StringIO(), ragged_rows=True)
    except Exception as exc:  # xlrd raises XLRDError, CompDocError, struct.error, IndexError... for broken files
        if "encrypt" in str(exc).lower():
            raise ReadFailure("encrypted", "password-protected Excel .xls") from exc
        raise ReadFailure("corrupt_xls", f"Excel .xls is damaged or truncated ({type(exc).__name__}: {exc})") from exc
    lines: list[str] = []
    try:
        for sheet in book.sheets():
            for r in range(sheet.nrows):
                cells = [_xls_cell_text(cell, book.datemode) for cell in sheet.row(r)]
                cells = [c for c in cells if c]
                if cells:
                    lines.append(CELL_SEPARATOR.join(cells))
        pages = book.nsheets
    finally:
        book.release_resources()
    return RawText(text="\n".join(lines), pages=max(pages, 1))


def _xls_cell_text(cell, datemode: int) -> str:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return _cell_text(xlrd.xldate_as_datetime(cell.value, datemode))
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return _cell_text(cell.value)
    if cell.ctype in (xlrd.XL_CELL_TEXT, xlrd.XL_CELL_NUMBER):
        return _cell_text(cell.value)
    return ""  # empty, blank, boolean and error cells carry no résumé text


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")  # type: ignore[union-attr]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# --- legacy .doc / .rtf / .xls through an external converter --------------------------------

CONVERTER_TIMEOUT_S = 90


def find_converter() -> str | None:
    """Path of LibreOffice (``soffice``/``libreoffice``) if installed, else None."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for path in ("/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice"):
        if os.path.exists(path):
            return path
    return None


def antiword_text(data: bytes) -> str | None:
    """Text of a Word 97-2003 file via antiword, when installed (milliseconds, no Office needed)."""
    exe = shutil.which("antiword")
    if not exe:
        return None
    with tempfile.TemporaryDirectory(prefix="resume-antiword-") as tmp:
        src = os.path.join(tmp, "in.doc")
        with open(src, "wb") as fh:
            fh.write(data)
        try:
            done = subprocess.run(
                [exe, "-m", "UTF-8.txt", "-w", "0", src], capture_output=True, timeout=30, check=False
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", errors="replace")


def convert_with_libreoffice(data: bytes, src_ext: str, target: str, soffice: str) -> bytes:
    """Convert ``data`` (e.g. ``.doc``) to ``target`` (``docx``/``xlsx``) with headless LibreOffice.

    Each call gets its own profile directory: concurrent soffice processes sharing one
    profile block each other or fail silently.
    """
    with tempfile.TemporaryDirectory(prefix="resume-lo-") as tmp:
        src = os.path.join(tmp, f"in{src_ext}")
        with open(src, "wb") as fh:
            fh.write(data)
        out_dir = os.path.join(tmp, "out")
        cmd = [
            soffice,
            f"-env:UserInstallation=file://{tmp}/profile",
            "--headless",
            "--norestore",
            "--nologo",
            "--convert-to",
            target,
            "--outdir",
            out_dir,
            src,
        ]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=CONVERTER_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ReadFailure(
                "convert_failed", f"LibreOffice took over {CONVERTER_TIMEOUT_S}s converting the file"
            ) from exc
        except OSError as exc:
            raise ReadFailure("convert_failed", f"LibreOffice could not be started ({exc})") from exc
        out = os.path.join(out_dir, f"in.{target}")
        if not os.path.exists(out):
            detail = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
            raise ReadFailure(
                "convert_failed", f"LibreOffice could not convert the file ({detail[-1] if detail else 'no output'})"
            )
        with open(out, "rb") as fh:
            return fh.read()


def read_legacy(data: bytes, src_ext: str, soffice: str | None) -> RawText:
    """Word 97-2003 ``.doc`` / ``.rtf`` (→ docx) via antiword or LibreOffice. (.xls: ``read_xls``.)"""
    if src_ext == ".doc":
        text = antiword_text(data)
        if text and text.strip():
            return RawText(text=text, pages=1, notes=["read with antiword"])
    if soffice is None:
        raise ReadFailure("needs_converter", "no converter installed")
    try:
        converted = convert_with_libreoffice(data, src_ext, "docx", soffice)
    except ReadFailure as exc:
        if exc.code != "convert_failed":
            raise
        raise ReadFailure("corrupt_doc", f"legacy Word .doc is damaged: {exc.reason}") from exc
    raw = read_docx(converted)
    return RawText(text=raw.text, pages=raw.pages, created=raw.created, notes=["converted with LibreOffice"])
