"""DOCX résumés, read from the WordprocessingML beneath python-docx.

python-docx's ``paragraphs`` and ``tables`` miss what Chinese résumé templates rely on:
text boxes (``w:txbxContent``), tables nested in cells, content controls (``w:sdt``), and
the interleaving of paragraphs and tables. So we walk the body's XML in document order:
``block_lines`` (w:p, w:tbl, w:sdt) → ``paragraph_lines`` (text, then its text boxes) /
``table_lines`` (one line per row) → ``read_docx`` (header, body, footer).
"""

from __future__ import annotations

import io
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


_END_RECORD = b"PK\x05\x06"
_END_RECORD_SIZE = 22  # its last two bytes: the length of the archive's comment, zero in Word's files


def whole_end_record(data: bytes) -> bytes:
    """A zip cut short inside the last two bytes of its end-of-directory record (the comment's length,
    trailing zeros a copy or upload dropped) with those zeros put back: everything else is there."""
    at = data.rfind(_END_RECORD, max(0, len(data) - _END_RECORD_SIZE))
    if at < 0 or not _END_RECORD_SIZE - 2 <= len(data) - at < _END_RECORD_SIZE:
        return data
    return data + b"\x00" * (_END_RECORD_SIZE - (len(data) - at))


def read_docx(data: bytes) -> RawText:
    data = whole_end_record(data)
    doc = open_docx(data)
    body = doc.element.body
    headers, footers = header_footer_lines(doc)
    body_lines = block_lines(body)
    # Header first (it usually carries the name), footer last; drop header lines the body repeats.
    in_body = set(body_lines)
    lines = [h for h in headers if h not in in_body] + body_lines + [f for f in footers if f not in in_body]
    return RawText(text="\n".join(lines), pages=docx_pages(data), created=docx_created(doc))
