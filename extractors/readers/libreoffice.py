"""LibreOffice, optional: converts the Word files the pure-Python readers do not read (Word 6/95).

Word 97-2003 ``.doc`` is read by ``extractors.readers.word97`` without it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

from extractors.readers.docx import read_docx
from extractors.readers.sniff import RawText, ReadFailure

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
    """A Word file only LibreOffice reads (Word 6/95 ``.doc``), converted to DOCX and read as one."""
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
