#!/usr/bin/env python
"""Build and lay out the development corpus of REAL résumés (``corpus/manifest.csv``).

The files this script handles are real people's résumés, published in public GitHub
repositories without a data licence.  They are NEVER committed to this project, nor any
piece of one (a line, a name, a phone number).  Only the manifest (repository, commit,
path, sha256, format, site, lang, category), the split and the label queue are committed;
the files themselves are laid out outside the repository, e.g. in ``/work/dev-corpus``.

The repositories are bare git mirrors under ``--mirrors``: one directory per repository
named ``owner+name``, holding the git directory at ``repo`` or ``repo/.git`` (what the
search tool's ``fetch`` produces).  Material held out for acceptance is never read: the
PyParse folders ``test/data/resume/{58,ganji,51jrjob}/``, ``wanghaisheng/resume-parse-evaluation``
and the LiveCareer PDFs that are not in the dev manifest.

Usage::

    # lay out every manifest row as <into>/files/<sha256>.<ext> (skips files already there)
    python scripts/dev_corpus.py --mirrors /work/.mirror --into /work/dev-corpus

    # regenerate corpus/manifest.csv from the mirrors (how the manifest was made)
    python scripts/dev_corpus.py --mirrors /work/.mirror --build-manifest \\
        --livecareer /work/shared/data/livecareer/dev_manifest.csv

    # regenerate corpus/split.csv (a seeded random quarter of every lang x format stratum)
    python scripts/dev_corpus.py --split

    # regenerate corpus/label_queue.csv from the split and the rendered texts in <into>/text/
    python scripts/dev_corpus.py --into /work/dev-corpus --label-queue

Everything is stdlib-only and deterministic.  The ``format`` column is decided from the
bytes, not the file name: ``html``, ``mht`` (MIME web archive), ``doc_html`` / ``doc_mht``
(a ``.doc`` that is really HTML / MHT), ``doc`` (real Word 97-2003 OLE2), ``docx``, ``pdf``,
``eml``, ``txt``, ``json`` (a job site's API response), ``image``, ``xls``, ``xlsx``, ``other``.
"""

from __future__ import annotations

import argparse
import csv
import email
import email.header
import email.policy
import hashlib
import random
import re
import subprocess
import sys
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MANIFEST = REPO_ROOT / "corpus" / "manifest.csv"
DEFAULT_SPLIT = REPO_ROOT / "corpus" / "split.csv"
DEFAULT_QUEUE = REPO_ROOT / "corpus" / "label_queue.csv"
DEFAULT_LIVECAREER = Path("/work/shared/data/livecareer/dev_manifest.csv")

MANIFEST_COLUMNS = ["sha256", "lang", "format", "site", "repo", "commit", "path", "category"]

SPLIT_SEED = 20240611
SPLIT_FRACTION = 0.25
QUEUE_SEED = 7
PAGE_IMAGE_CAP = 40

EXTENSIONS = {
    "html": "html",
    "doc_html": "html",
    "mht": "mht",
    "doc_mht": "mht",
    "doc": "doc",
    "docx": "docx",
    "pdf": "pdf",
    "eml": "eml",
    "txt": "txt",
    "json": "json",
    "xls": "xls",
    "xlsx": "xlsx",
    "other": "bin",
}

# Held out for acceptance: never read, whatever a source's prefixes say.
HELD_OUT_REPOS = {"wanghaisheng/resume-parse-evaluation"}
HELD_OUT_PREFIXES = (
    "test/data/resume/58/",
    "test/data/resume/ganji/",
    "test/data/resume/51jrjob/",
)


# ---------------------------------------------------------------------------
# Git access
# ---------------------------------------------------------------------------


def git_dir(mirrors: Path, repo: str) -> Path | None:
    """The bare git directory of ``owner/name`` under ``mirrors``, or None."""
    base = mirrors / repo.replace("/", "+")
    for candidate in (base / "repo", base / "repo" / ".git"):
        if (candidate / "objects").is_dir() and (candidate / "HEAD").is_file():
            return candidate
    return None


def git_ls_tree(gdir: Path, commit: str, prefix: str) -> list[tuple[str, str]]:
    """(blob id, path) of every file under ``prefix`` at ``commit``."""
    out = subprocess.run(
        ["git", "--git-dir", str(gdir), "ls-tree", "-r", "-z", commit, "--", prefix],
        check=True,
        capture_output=True,
    ).stdout
    rows: list[tuple[str, str]] = []
    for entry in out.split(b"\0"):
        if not entry:
            continue
        meta, path = entry.split(b"\t", 1)
        _mode, kind, blob = meta.decode().split()
        if kind == "blob":
            rows.append((blob, path.decode("utf-8", "surrogateescape")))
    return rows


def git_show(gdir: Path, commit: str, path: str) -> bytes | None:
    """The bytes of ``commit:path`` (or of the blob ``blob:<id>``), or None when git cannot find it."""
    spec = path.removeprefix("blob:") if path.startswith("blob:") else f"{commit}:{path}"
    proc = subprocess.run(["git", "--git-dir", str(gdir), "cat-file", "blob", spec], check=False, capture_output=True)
    return proc.stdout if proc.returncode == 0 else None


# A file name made of digits, site codes and separators (12.html, zh1_4.html, E01.html, 51_zh8_4.html)
# names nobody; any other name may be the candidate's, so the manifest names the blob instead.
_SAFE_NAME = re.compile(r"^(?:[A-Za-z]{0,6}[0-9][A-Za-z0-9]*)(?:[_\-.][A-Za-z]{0,6}[0-9]*[A-Za-z0-9]*)*$")


def manifest_path(path: str, blob: str) -> str:
    """The path if nothing in it can name a person, else ``blob:<git blob id>``."""
    parts = path.split("/")
    stem = parts[-1].rsplit(".", 1)[0]
    folders_ascii = all(part.isascii() for part in parts[:-1])
    return path if folders_ascii and stem.isascii() and _SAFE_NAME.fullmatch(stem) else f"blob:{blob}"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------------------
# Format from the bytes
# ---------------------------------------------------------------------------

HTML_RE = re.compile(
    rb"<\s*(!doctype\s+html|html|head|body|meta|table|div|style|title|br|p|span|font)\b", re.IGNORECASE
)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _mime_headers(data: bytes) -> bytes:
    head = data[:8192].lstrip()
    end = re.search(rb"\r?\n\r?\n", head)
    return head[: end.start()] if end else b""


def sniff_format(data: bytes, path: str) -> str:
    """The format of a file, decided from its bytes (the name only says whether it is a .doc)."""
    is_doc_name = path.lower().endswith(".doc")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # UTF-16 text (HTML saved by Word or IE): sniff its UTF-8 transcoding.
        data = data.decode("utf-16", "replace").encode("utf-8")
    head = data[:4096]
    if head.startswith(OLE_MAGIC):
        if b"W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0" in data:
            return "doc"
        if b"W\0o\0r\0k\0b\0o\0o\0k\0" in data:
            return "xls"
        return "other"
    if head.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            # A damaged zip (bytes lost to an end-of-line conversion): its local headers still tell.
            if b"word/document.xml" in data:
                return "docx"
            if b"xl/workbook.xml" in data:
                return "xlsx"
            return "other"
        if "word/document.xml" in names:
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        return "other"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        return "image"
    if head.startswith(b"{\\rtf"):
        return "other"
    headers = _mime_headers(data).lower()
    if b"mime-version" in headers or b"content-type: multipart" in headers:
        mail_markers = (b"\nreceived:", b"\nmessage-id:", b"\nto:", b"\ndelivered-to:", b"\nreturn-path:")
        is_mail = any(m in b"\n" + headers for m in mail_markers) and b"multipart/related" not in headers
        if is_mail and not is_doc_name:
            return "eml"
        return "doc_mht" if is_doc_name else "mht"
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"from_json_encode_result:") or stripped[:1] in (b"{", b"["):
        return "json"
    if HTML_RE.search(data[:65536]):
        return "doc_html" if is_doc_name else "html"
    return "other" if is_doc_name or b"\0" in head else "txt"


# ---------------------------------------------------------------------------
# A rough text of a file, only to find which job site it came from
# ---------------------------------------------------------------------------

CHARSET_RE = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    charsets: list[str] = []
    if declared:
        charsets.append(declared)
    match = CHARSET_RE.search(data[:4096])
    if match:
        charsets.append(match.group(1).decode("ascii"))
    charsets += ["utf-8", "gb18030"]
    for declared_name in charsets:
        name = declared_name.lower()
        if name in ("gb2312", "gbk", "x-gbk", "cp936"):
            name = "gb18030"
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("gb18030", "replace")


def mime_text(data: bytes) -> str:
    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    texts: list[str] = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        ctype = part.get_content_type()
        if ctype.startswith("text/"):
            texts.append(decode_bytes(payload, part.get_content_charset()))
        elif (kind := sniff_format(payload, part.get_filename() or "")) in ("doc", "docx", "html", "doc_html"):
            texts.append(rough_text(payload, kind))
    subject = msg.get("Subject", "")
    if subject:
        texts.append(str(email.header.make_header(email.header.decode_header(subject))))
    return "\n".join(texts)


def rough_text(data: bytes, fmt: str) -> str:
    """A rough text, only good for finding site markers (not for labelling)."""
    if fmt in ("html", "doc_html", "txt", "json"):
        return decode_bytes(data)
    if fmt in ("mht", "doc_mht", "eml"):
        return mime_text(data)
    if fmt == "docx":
        try:
            zf = zipfile.ZipFile(BytesIO(data))
        except zipfile.BadZipFile:
            return ""
        parts = [n for n in zf.namelist() if n.startswith("word/") and n.endswith(".xml")]
        return "\n".join(re.sub(r"<[^>]+>", "", zf.read(n).decode("utf-8", "replace")) for n in parts)
    if fmt == "doc":
        return data.decode("utf-16-le", "ignore") + "\n" + data.decode("gb18030", "ignore")
    return ""


# ---------------------------------------------------------------------------
# Site
# ---------------------------------------------------------------------------

# Checked by weighted count of markers in the rough text; the highest wins, ties by order.
SITE_MARKERS: list[tuple[str, tuple[str, ...]]] = [
    ("zhuopin", ("智联卓聘", "zhuopin.com", "highpin")),
    ("liepin", ("猎聘", "liepin.com", "lietou")),
    ("zhaopin", ("智联招聘", "zhaopin.com", "zhaopin.cn", "zpresumes")),
    ("51job", ("51job", "前程无忧")),
    ("chinahr", ("中华英才", "chinahr.com")),
    ("zhipin", ("boss直聘", "zhipin.com")),
    ("lagou", ("拉勾", "lagou.com")),
    ("linkedin", ("linkedin", "领英")),
    ("dajie", ("大街网", "dajie.com")),
    ("cjol", ("人才热线", "cjol.com")),
    ("juxian", ("举贤网", "juxian.com")),
    ("beisen", ("北森", "beisen")),
    ("shixiseng", ("实习僧", "shixiseng")),
]

PYPARSE_FOLDER_SITES = {
    "linkdin": "linkedin",
    "boss": "zhipin",
    "o-hr": "ohr",
}
# The PyParse folder 陈晨那出问题的简历 ("Chen Chen's problem résumés": files that broke a parser),
# sorted by the job site in its sub-folders.
PYPARSE_PROBLEM_FOLDER = "陈晨那出问题的简历"
PYPARSE_PROBLEM_SITES = {"51": "51job", "北森": "beisen", "智联": "zhaopin", "猎聘": "liepin"}
PYPARSE_PROBLEM_DEFAULT = "problem_cases"

# Files whose site neither a folder nor a marker in the stdlib's rough text gives (PDFs,
# picture résumés), set once by reading them.  Keyed by (repo, path).
_DOM = "cjobcn/DOMPartitionParser"
SITE_OVERRIDES: dict[tuple[str, str], str] = {
    # A headhunter's recommendation report (推荐报告 with 顾问评价) at the root of PyParse's folder.
    ("YungMonk/PyParse", "test/data/resume/1.doc"): "headhunter_report",
    # DOMPartitionParser: 51job layouts without a site name in the page ("(ID:nnnnnnnn)", 基 本 信 息).
    **{
        (_DOM, p): "51job"
        for p in (
            "resumes/00/1495080076.html",
            "resumes/09/E07.htm",
            "resumes/09/E08.htm",
            "resumes/09/E09.htm",
            "resumes/09/E10.htm",
            "resumes/09/E11.html",
            "resumes/09/E12.html",
            "resumes/09/E13.html",
            "resumes/09/E14.html",
            "resumes/09/E17.html",
            "resumes/09/E18.html",
            "resumes/to_support/1495621214.html",
            "resumes/to_support/1495621668.html",
            "resumes/to_support/1495621842.html",
            "resumes/to_support/1495621843.html",
            "resumes/to_support/1495622019_1.html",
            "resumes/to_support/1495622024.html",
        )
    },
    # Template 03 ("我的简历", 期望从事职业): the parser's authors note "probably zhaopin".
    (_DOM, "resumes/03/E01.html"): "zhaopin",
    (_DOM, "resumes/03/E02.html"): "zhaopin",
    # zhaopin layout (class zpResumeS) re-published by a list broker.
    (_DOM, "resumes/10/E08.Html"): "zhaopin",
    # Template 12: a recruiting system's re-export ("来源ID:" key:value lines).
    (_DOM, "resumes/12/E01.html"): "ats_export",
    (_DOM, "resumes/12/E02.html"): "ats_export",
    (_DOM, "resumes/12/E03.html"): "ats_export",
    # Template 14: a headhunter CRM's candidate page (创建者/所有者).
    (_DOM, "resumes/14/E01.html"): "headhunter_crm",
    (_DOM, "resumes/14/E02.html"): "headhunter_crm",
    (_DOM, "resumes/14/E03.html"): "headhunter_crm",
    # Template 15: liepin's layout (目前状态：在职，看看新机会).
    (_DOM, "resumes/15/E01.html"): "liepin",
    ("xsocket/job", "src/test/resource/lagou.pdf"): "lagou",
}


# Overrides for files whose paths hold a person's name are keyed by content (sha256), so that no
# name is written here.  Ali1213/resumeSDK test-2/: lagou's export layout (性别 ︳ 年龄 ︳ 学历 ︳ 年限)
# in three PDFs and one .doc; an English PDF whose rough text mentions LinkedIn.
SITE_OVERRIDES_BY_SHA256: dict[str, str] = {
    "57d4766bcdfa8d4b41bcadd038b258a91088f242420103e3f07f8a6d1366152d": "lagou",
    "5aebe6cd4bb3584fe5c2e4b6345f61b35ba00de1c9aeb2d2134019962797ae39": "lagou",
    "82b0de2c227a8acbaec354c29ac3ddef7fa7f9c360b739d225c30bf442911084": "lagou",
    "644228fa43e82f9ecc5c1b99e99492f1ebc77537176d3ffb366c85104578ad68": "lagou",
    "d1f91c695caddc689566fe28e8ae1857df6a90fbfae4450d9be566ca2eb1ee9d": "unknown",
}


def detect_site_from_text(text: str) -> str | None:
    low = text.lower()
    best: tuple[int, int, str] | None = None
    for order, (site, markers) in enumerate(SITE_MARKERS):
        hits = sum(low.count(m.lower()) for m in markers)
        if hits and (best is None or (hits, -order) > (best[0], best[1])):
            best = (hits, -order, site)
    return best[2] if best else None


def detect_site(repo: str, path: str, data: bytes, fmt: str) -> str:
    digest = sha256(data)
    if digest in SITE_OVERRIDES_BY_SHA256:
        return SITE_OVERRIDES_BY_SHA256[digest]
    if (repo, path) in SITE_OVERRIDES:
        return SITE_OVERRIDES[(repo, path)]
    parts = path.split("/")
    if repo == "YungMonk/PyParse":
        folder = parts[3] if len(parts) > 4 else ""
        if folder == PYPARSE_PROBLEM_FOLDER:
            sub = parts[4] if len(parts) > 5 else ""
            if sub in PYPARSE_PROBLEM_SITES:
                return PYPARSE_PROBLEM_SITES[sub]
            return detect_site_from_text(rough_text(data, fmt)) or PYPARSE_PROBLEM_DEFAULT
        if folder:
            return PYPARSE_FOLDER_SITES.get(folder, folder.lower())
        return detect_site_from_text(rough_text(data, fmt)) or "unknown"
    if repo == "keliangyong/htmlParser":
        stem = parts[-2] if parts[0] == "test" else Path(path).stem
        return {"job51": "51job", "zhilian": "zhaopin"}.get(stem, "unknown")
    if repo == "Vibion/resume_parse" or repo == "0cray0n/Chinese_Resume_analysis":
        return "template_site"
    if repo == "chen0040/keras-chinese-resume-parser-and-analyzer":
        return "unknown"
    name = parts[-1]
    name_site = detect_site_from_text(name)
    text_site = detect_site_from_text(rough_text(data, fmt) + "\n" + name)
    if name.startswith("51job_"):
        return "51job"
    if name.startswith("【"):
        return "zhipin"  # BOSS直聘 names its attachments 【职位 城市 薪资】姓名 N年
    if name.startswith("得程招聘_"):
        return "decheng"
    if name.startswith("智联招聘_"):
        return "zhaopin"
    return text_site or name_site or "unknown"


# ---------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    repo: str
    commit: str
    prefixes: tuple[str, ...]
    keep: Callable[[str], bool]


def _not_lock_file(path: str) -> bool:
    return not Path(path).name.startswith("~$")


# A 58同城 page filed among PyParse's problem cases: 58.com's layout is held out (folder 58/),
# so this page is kept out of the dev corpus too.
PYPARSE_EXCLUDED = {"test/data/resume/陈晨那出问题的简历/1111.html"}


def _pyparse_keep(path: str) -> bool:
    return not path.startswith(HELD_OUT_PREFIXES) and path not in PYPARSE_EXCLUDED


def _dom_keep(path: str) -> bool:
    # resumes/expected/ holds a parser's outputs; the .xlsx is a keyword table.
    return not path.startswith("resumes/expected/") and not path.endswith(".xlsx")


def _ali_keep(path: str) -> bool:
    # The .json next to resume_Zheng Qian.pdf are a parser's outputs.
    return not path.endswith((".js", ".json"))


def _corpus_path_keep(path: str) -> bool:
    # NER相关/Corpus_Path/<batch>/<id>/<id>.pdf: the PDFs only (the .txt are their extracted text).
    parts = path.split("/")
    return len(parts) == 5 and parts[4] == parts[3] + ".pdf"


def _html_only(path: str) -> bool:
    return path.endswith(".html")


def _always(path: str) -> bool:
    return True


SOURCES: list[Source] = [
    Source("YungMonk/PyParse", "fa3e3b520cb4ad44f63a2a788a2a5ea8660c6b78", ("test/data/resume/",), _pyparse_keep),
    Source("cjobcn/DOMPartitionParser", "d2871951553f588712752dc114f8d60d83da206b", ("resumes/",), _dom_keep),
    Source(
        "decheng1024/resume-parser",
        "b7f657d62d6761106538557619e3d316f6cbfda7",
        ("src/test/resources/resume/", "target/test-classes/resume/"),
        _not_lock_file,
    ),
    Source(
        "MuweiLaw/resume-parser",
        "d1462a77a34f91b6a487e5fe9909a3c01a5917e0",
        ("src/test/resources/resume/", "target/test-classes/resume/"),
        _not_lock_file,
    ),
    Source("xsocket/job", "503e4c41a64890879d75264938c1a245085b1461", ("src/test/resource/",), _always),
    Source("Ali1213/resumeSDK", "907b36fd77e807f2e03cf47974aadbce654658e4", ("test-2/",), _ali_keep),
    Source(
        "Vibion/resume_parse", "de2495ee1ed94a8888fc84a7ed572b3953858553", ("data/", "data_pdf/", "data_png/"), _always
    ),
    Source(
        "0cray0n/Chinese_Resume_analysis",
        "e9a1c34fc3251d183b94ed03384235aceb9bc955",
        ("NER相关/Corpus_Path/",),
        _corpus_path_keep,
    ),
    Source(
        "keliangyong/htmlParser", "971e49f8c79cc8b7cd66c5175b2fb8ab17ab6fdb", ("test/", "config/template/"), _html_only
    ),
    # The five line-labelled plain-text résumés were deleted after this commit.
    Source(
        "chen0040/keras-chinese-resume-parser-and-analyzer",
        "fcf44b762c720b283edc750a1b3be1bac9e6c33f",
        ("demo/data/training_data/",),
        lambda p: p.endswith(".txt"),
    ),
]

LIVECAREER_REPO = "Sbhawal/resumeScraper"
LIVECAREER_COMMIT = "6373d2dc71744f734a8876ae1de4a764960e777d"

CJK_RE = re.compile(r"[\u4e00-\u9fff]")


TAG_RE = re.compile(r"(?is)<(script|style|head)\b.*?</\1>|<[^>]+>")


def guess_lang(data: bytes, fmt: str) -> str:
    """en when Chinese characters are under 6% of Latin letters in the visible text, else zh.

    PDFs, images and real Word files are zh unless listed in LANG_OVERRIDES (read once).
    """
    if fmt in ("pdf", "image", "doc", "other"):
        return "zh"
    text = TAG_RE.sub(" ", rough_text(data, fmt))
    cjk = len(CJK_RE.findall(text))
    letters = len(re.findall(r"[A-Za-z]", text))
    threshold = 0.02 if fmt == "json" else 0.06  # JSON keys are Latin letters
    return "zh" if cjk >= threshold * letters else "en"


# Files read once and found to be English résumés (their rough text cannot tell).
LANG_OVERRIDES: dict[str, str] = {
    # Ali1213/resumeSDK test-2/: docEnglish.doc and two English PDFs (keyed by sha256: names in paths).
    "15fd58bad99c1d61ea77c92f62f071fb3a22c762766d1075d9cdc4145dc5ac64": "en",
    "c95892ef546aebc3ce662802261ecb029c58b7d0101154d79b7fee41524cba7e": "en",
    "d1f91c695caddc689566fe28e8ae1857df6a90fbfae4450d9be566ca2eb1ee9d": "en",
}


def build_manifest(mirrors: Path, livecareer: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    seen: set[str] = set()
    page_images = 0
    for src in SOURCES:
        if src.repo in HELD_OUT_REPOS:
            continue
        gdir = git_dir(mirrors, src.repo)
        if gdir is None:
            print(f"missing mirror: {src.repo}", file=sys.stderr)
            continue
        entries: list[tuple[str, str]] = []
        for prefix in src.prefixes:
            entries += git_ls_tree(gdir, src.commit, prefix)
        for blob, path in sorted(entries, key=lambda e: natural_key(e[1])):
            if path.startswith(HELD_OUT_PREFIXES) or not src.keep(path):
                continue
            data = git_show(gdir, src.commit, path)
            if data is None or not data.strip():
                continue
            digest = sha256(data)
            if digest in seen:
                continue
            fmt = sniff_format(data, path)
            if src.repo == "Vibion/resume_parse" and fmt == "image":
                if page_images >= PAGE_IMAGE_CAP:
                    continue
                page_images += 1
            seen.add(digest)
            lang = LANG_OVERRIDES.get(digest) or guess_lang(data, fmt)
            rows.append(
                {
                    "sha256": digest,
                    "lang": lang,
                    "format": fmt,
                    "site": detect_site(src.repo, path, data, fmt),
                    "repo": src.repo,
                    "commit": src.commit,
                    "path": manifest_path(path, blob),
                    "category": "",
                }
            )
    gdir = git_dir(mirrors, LIVECAREER_REPO)
    with livecareer.open(newline="", encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            if rec["sha256"] in seen:
                continue
            if gdir is not None:
                data = git_show(gdir, LIVECAREER_COMMIT, rec["path"])
                if data is None:
                    print(f"missing in mirror: {LIVECAREER_REPO}:{rec['path']}", file=sys.stderr)
                elif sha256(data) != rec["sha256"]:
                    print(f"sha256 differs from the dev manifest: {rec['path']}", file=sys.stderr)
            seen.add(rec["sha256"])
            rows.append(
                {
                    "sha256": rec["sha256"],
                    "lang": "en",
                    "format": "pdf",
                    "site": "livecareer",
                    "repo": LIVECAREER_REPO,
                    "commit": LIVECAREER_COMMIT,
                    "path": rec["path"],
                    "category": rec["category"],
                }
            )
    return rows


def natural_key(text: str) -> list[object]:
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", text)]


# ---------------------------------------------------------------------------
# Manifest I/O and layout
# ---------------------------------------------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def write_csv(path: Path, columns: list[str], rows: Iterable[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in columns})


def file_extension(row: dict[str, str], data: bytes | None = None) -> str:
    if row["format"] == "image":
        if data is not None:
            return "png" if data.startswith(b"\x89PNG") else "jpg"
        return Path(row["path"]).suffix.lower().lstrip(".").replace("jpeg", "jpg") or "png"
    return EXTENSIONS.get(row["format"], "bin")


def laid_out_path(into: Path, row: dict[str, str]) -> Path | None:
    """The laid-out file of a row, whatever image extension it was given."""
    if row["format"] == "image":
        for ext in ("png", "jpg"):
            candidate = into / "files" / f"{row['sha256']}.{ext}"
            if candidate.exists():
                return candidate
        return None
    candidate = into / "files" / f"{row['sha256']}.{file_extension(row)}"
    return candidate if candidate.exists() else None


def lay_out(mirrors: Path, into: Path, rows: list[dict[str, str]]) -> int:
    (into / "files").mkdir(parents=True, exist_ok=True)
    gdirs: dict[str, Path | None] = {}
    written = skipped = 0
    problems: list[str] = []
    for row in rows:
        if laid_out_path(into, row) is not None:
            skipped += 1
            continue
        repo = row["repo"]
        if repo not in gdirs:
            gdirs[repo] = git_dir(mirrors, repo)
        gdir = gdirs[repo]
        if gdir is None:
            problems.append(f"missing mirror: {repo}")
            continue
        data = git_show(gdir, row["commit"], row["path"])
        if data is None:
            problems.append(f"missing file: {repo}@{row['commit'][:7]}:{row['path']}")
            continue
        if sha256(data) != row["sha256"]:
            problems.append(f"sha256 mismatch: {repo}:{row['path']}")
            continue
        target = into / "files" / f"{row['sha256']}.{file_extension(row, data)}"
        tmp = target.with_suffix(target.suffix + ".part")
        tmp.write_bytes(data)
        tmp.replace(target)
        written += 1
    print(f"written {written}, already present {skipped}, problems {len(problems)}")
    for line in sorted(set(problems)):
        print(f"  {line}")
    return len(problems)


def print_counts(rows: list[dict[str, str]]) -> None:
    by_lang_format: Counter[tuple[str, str]] = Counter((r["lang"], r["format"]) for r in rows)
    by_site: Counter[tuple[str, str]] = Counter((r["lang"], r["site"]) for r in rows)
    print(f"{len(rows)} files")
    print("lang format count")
    for (lang, fmt), n in sorted(by_lang_format.items()):
        print(f"  {lang} {fmt} {n}")
    print("lang site count")
    for (lang, site), n in sorted(by_site.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1])):
        print(f"  {lang} {site} {n}")


# ---------------------------------------------------------------------------
# Split and label queue
# ---------------------------------------------------------------------------


def make_split(rows: list[dict[str, str]], seed: int = SPLIT_SEED) -> list[dict[str, str]]:
    """A random quarter (rounded half up) of every lang x format stratum is devtest.

    Each stratum's sha256s are sorted, shuffled with ``random.Random(f"{seed}:{lang}:{format}")``
    and the first ``floor(n / 4 + 0.5)`` are devtest.
    """
    strata: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in rows:
        strata[(row["lang"], row["format"])].append(row["sha256"])
    part: dict[str, str] = {}
    for (lang, fmt), digests in sorted(strata.items()):
        ordered = sorted(set(digests))
        random.Random(f"{seed}:{lang}:{fmt}").shuffle(ordered)
        n_test = int(len(ordered) * SPLIT_FRACTION + 0.5)
        for i, digest in enumerate(ordered):
            part[digest] = "devtest" if i < n_test else "dev"
    return [{"sha256": r["sha256"], "part": part[r["sha256"]]} for r in rows]


ZH_QUEUE_FORMATS = ["doc", "docx", "pdf", "eml", "txt", "mht", "doc_html", "doc_mht", "html", "json"]
ZH_QUEUE_MIN_PER_FORMAT = 15
ZH_QUEUE_TOTAL = 240
ZH_QUEUE_EXTRA = {"html": 60, "pdf": 10, "docx": 5, "doc_html": 5, "doc_mht": 5, "json": -7}
DEFAULT_NOT_RESUME = REPO_ROOT / "corpus" / "queue_exclude.txt"
EN_QUEUE_TOTAL = 60
EN_QUEUE_FINANCE = ("BANKING", "FINANCE", "ACCOUNTANT", "SALES")
EN_QUEUE_FINANCE_MIN = 16
MIN_TEXT_CHARS = 200
N_ZH_BATCHES = 5


def text_size(into: Path, digest: str) -> int:
    """Characters of a rendered text (header lines, spaces and cell bars excluded); -1 when none."""
    path = into / "text" / f"{digest}.txt"
    if not path.exists():
        return -1
    body = [ln for ln in path.read_text(encoding="utf-8", errors="replace").splitlines() if not ln.startswith("#")]
    return len("".join(body).replace(" ", "").replace("|", ""))


def _round_robin(groups: dict[str, list[dict[str, str]]], k: int, rng: random.Random) -> list[dict[str, str]]:
    """Up to k rows, one from each group in turn (groups in random order, rows shuffled)."""
    pools = {g: rows[:] for g, rows in groups.items()}
    for rows in pools.values():
        rng.shuffle(rows)
    order = sorted(pools)
    rng.shuffle(order)
    picked: list[dict[str, str]] = []
    while len(picked) < k and any(pools.values()):
        for g in order:
            if pools[g] and len(picked) < k:
                picked.append(pools[g].pop())
    return picked


def make_label_queue(
    rows: list[dict[str, str]], split: dict[str, str], into: Path, not_resume: set[str]
) -> list[dict[str, str]]:
    rng = random.Random(QUEUE_SEED)
    sizes = {r["sha256"]: text_size(into, r["sha256"]) for r in rows}
    zh = [
        r
        for r in rows
        if r["lang"] == "zh"
        and r["format"] != "image"
        and sizes[r["sha256"]] >= MIN_TEXT_CHARS
        and r["sha256"] not in not_resume
    ]
    by_format: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in zh:
        by_format[r["format"]].append(r)
    chosen: list[dict[str, str]] = []
    for fmt in ZH_QUEUE_FORMATS:
        pool = by_format.get(fmt, [])
        k = min(len(pool), ZH_QUEUE_MIN_PER_FORMAT + ZH_QUEUE_EXTRA.get(fmt, 0))
        by_site: dict[str, list[dict[str, str]]] = defaultdict(list)
        for r in pool:
            by_site[r["site"]].append(r)
        chosen += _round_robin(by_site, k, rng)
    if len(chosen) < ZH_QUEUE_TOTAL:
        taken = {r["sha256"] for r in chosen}
        rest: dict[str, list[dict[str, str]]] = defaultdict(list)
        for r in zh:
            if r["sha256"] not in taken:
                rest[r["site"]].append(r)
        chosen += _round_robin(rest, ZH_QUEUE_TOTAL - len(chosen), rng)

    # English: LiveCareer PDFs not yet rendered (-1) are eligible; render the chosen ones, then
    # run this again: one whose text comes out short is then replaced.
    en = [
        r
        for r in rows
        if r["lang"] == "en"
        and r["site"] == "livecareer"
        and (sizes[r["sha256"]] == -1 or sizes[r["sha256"]] >= MIN_TEXT_CHARS)
    ]
    finance = {c: [r for r in en if r["category"] == c] for c in EN_QUEUE_FINANCE}
    en_chosen = _round_robin(finance, EN_QUEUE_FINANCE_MIN, rng)
    taken_en = {r["sha256"] for r in en_chosen}
    others: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in en:
        if r["sha256"] not in taken_en:
            others[r["category"]].append(r)
    en_chosen += _round_robin(others, EN_QUEUE_TOTAL - len(en_chosen), rng)

    # Batches 1..5: Chinese, of similar total reading size (largest first into the lightest).
    loads = [0] * N_ZH_BATCHES
    batch: dict[str, int] = {}
    for r in sorted(chosen, key=lambda r: (-sizes[r["sha256"]], r["sha256"])):
        b = loads.index(min(loads))
        loads[b] += max(sizes[r["sha256"]], 0)
        batch[r["sha256"]] = b + 1
    for r in en_chosen:
        batch[r["sha256"]] = N_ZH_BATCHES + 1
    queue = chosen + en_chosen
    queue.sort(key=lambda r: (batch[r["sha256"]], r["lang"], r["format"], r["site"], r["sha256"]))
    return [
        {
            "sha256": r["sha256"],
            "lang": r["lang"],
            "format": r["format"],
            "site": r["site"],
            "part": split[r["sha256"]],
            "batch": str(batch[r["sha256"]]),
        }
        for r in queue
    ]


# ---------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"), help="owner+name/repo git mirrors")
    ap.add_argument("--into", type=Path, default=Path("/work/dev-corpus"), help="where files/ and text/ live")
    ap.add_argument("--manifest", type=Path, default=DEFAULT_MANIFEST)
    ap.add_argument("--split-csv", type=Path, default=DEFAULT_SPLIT)
    ap.add_argument("--queue-csv", type=Path, default=DEFAULT_QUEUE)
    ap.add_argument("--livecareer", type=Path, default=DEFAULT_LIVECAREER, help="LiveCareer dev manifest")
    ap.add_argument("--build-manifest", action="store_true", help="regenerate the manifest from the mirrors")
    ap.add_argument("--split", action="store_true", help="regenerate the dev/devtest split")
    ap.add_argument("--label-queue", action="store_true", help="regenerate the label queue")
    ap.add_argument(
        "--not-resume",
        type=Path,
        default=DEFAULT_NOT_RESUME,
        help="file of sha256s (one a line) read and found not to be a résumé, kept out of the queue",
    )
    return ap.parse_args(argv)


def iter_lines(path: Path | None) -> Iterator[str]:
    if path is None or not path.exists():
        return
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            yield line


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.build_manifest:
        rows = build_manifest(args.mirrors, args.livecareer)
        write_csv(args.manifest, MANIFEST_COLUMNS, rows)
        print(f"wrote {args.manifest}")
        print_counts(rows)
        return 0
    rows = read_csv(args.manifest)
    if args.split:
        write_csv(args.split_csv, ["sha256", "part"], make_split(rows))
        print(f"wrote {args.split_csv}")
        return 0
    if args.label_queue:
        split = {r["sha256"]: r["part"] for r in read_csv(args.split_csv)}
        queue = make_label_queue(rows, split, args.into, set(iter_lines(args.not_resume)))
        write_csv(args.queue_csv, ["sha256", "lang", "format", "site", "part", "batch"], queue)
        print(f"wrote {args.queue_csv}: {len(queue)} rows")
        return 0
    problems = lay_out(args.mirrors, args.into, rows)
    print_counts(rows)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
