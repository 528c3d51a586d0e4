"""Dated run folders under an output root, and the ``latest`` pointer HR follows.

    OUT_ROOT/
      2026-11-29_020000/   one folder per run, never overwritten (…_2 if two start in one second)
      latest -> 2026-11-29_020000   (a symlink where the file system allows one)
      latest.txt           the newest finished run's folder name, for people and scripts
      index.html           every finished run, newest first, with links to its report and workbook

A run only becomes ``latest`` when its tables are written, so a failed run never hides a good one.
"""

import html
import json
import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from flows.owner_only import FILE_MODE, FOLDER_MODE, make_dirs

RUN_RECORD = "run.json"
DEFAULT_TIMEZONE = "Asia/Shanghai"


def new_run_folder(root: Path, now: datetime | None = None, timezone: str = DEFAULT_TIMEZONE) -> Path:
    """Create and return ``root/YYYY-MM-DD_HHMMSS`` (local time of ``timezone``), never an existing one."""
    stamp = (now or datetime.now(ZoneInfo(timezone))).astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d_%H%M%S")
    make_dirs(root)
    for n in range(1, 1000):
        folder = root / (stamp if n == 1 else f"{stamp}_{n}")
        try:
            folder.mkdir(mode=FOLDER_MODE)
            folder.chmod(FOLDER_MODE)  # owner-only whatever the umask
            return folder
        except FileExistsError:
            continue
    raise RuntimeError(f"too many runs named {stamp} under {root}")


def finished_runs(root: Path) -> list[dict]:
    """Records of the finished runs under ``root``, newest first."""
    records = []
    for record in root.glob(f"*/{RUN_RECORD}"):
        if record.parent.is_symlink():
            continue  # ``latest`` is not a run of its own
        try:
            records.append({**json.loads(record.read_text(encoding="utf-8")), "folder": record.parent.name})
        except (OSError, ValueError):
            continue
    return sorted(records, key=lambda r: r["folder"], reverse=True)


def mark_latest(root: Path, run_dir: Path, record: dict) -> None:
    """Record the finished run in its folder and point ``latest``, ``latest.txt`` and ``index.html`` at it."""
    _write(run_dir / RUN_RECORD, json.dumps(record, ensure_ascii=False, indent=2))
    _write(root / "latest.txt", run_dir.name + "\n")
    link = root / "latest"
    try:
        tmp = root / f".latest-{os.getpid()}"
        tmp.unlink(missing_ok=True)
        tmp.symlink_to(run_dir.name, target_is_directory=True)
        os.replace(tmp, link)  # atomic: a reader never sees no ``latest``
    except OSError:
        pass  # no symlinks here (e.g. some Windows shares): latest.txt and index.html still say it
    write_index(root)


def write_index(root: Path) -> None:
    """``index.html`` listing the finished runs under ``root`` (after a run, or after a purge)."""
    _write(root / "index.html", index_html(finished_runs(root)))


def index_html(runs: list[dict]) -> str:
    rows = "\n".join(
        f"<tr><td>{html.escape(r['folder'])}{' <b>(latest)</b>' if i == 0 else ''}</td>"
        f"<td>{r.get('files', '')}</td><td>{r.get('ranked', '')}</td><td>{r.get('errors', '')}</td>"
        f"<td><a href=\"{html.escape(r['folder'])}/report.html\">report.html</a></td>"
        f"<td><a href=\"{html.escape(r['folder'])}/ranked.xlsx\">ranked.xlsx</a></td></tr>"
        for i, r in enumerate(runs)
    )
    return (
        "<!doctype html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>筛选结果 Screening runs</title>"
        "<style>body{font-family:sans-serif;margin:2em}td,th{padding:.3em .8em;border-bottom:1px solid #ddd}</style>"
        "</head><body><h1>筛选结果 Screening runs</h1><table><thead><tr><th>运行 Run</th><th>文件 Files</th>"
        f"<th>已排名 Ranked</th><th>错误 Errors</th><th></th><th></th></tr></thead><tbody>{rows}</tbody></table>"
        "</body></html>\n"
    )


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.chmod(FILE_MODE)
    os.replace(tmp, path)
