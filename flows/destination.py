"""Where a run writes: refused before screening when it could not work, and filled whole or not at all.

Two mistakes cost a whole run: an output folder equal to, or above, a folder screened (the run
leaves its own output folder out, so it screened nothing and said so with exit 0), and an output
folder that cannot be written (everything screened, then three tracebacks). Both are found here
before a file is read, and said in one line.

The outputs are written into a new folder beside the target and moved into place when all are
written (``staged``): a run that fails or is killed half-way leaves the last good tables as they
were, never a mix of old and new files.
"""

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flows.owner_only import lock_down, make_dirs


def above_inputs(paths: list[str], folders: dict[str, str | Path | None]) -> str | None:
    """Why a destination (``{"--out": folder, ...}``) cannot be used with these inputs, or None."""
    screened = [Path(p).resolve() for p in paths if Path(p).is_dir()]
    for flag, folder in folders.items():
        if folder is None:
            continue
        where = Path(folder).resolve()
        for inbox in screened:
            if where == inbox or where in inbox.parents:
                what = "is the folder screened" if where == inbox else f"holds the folder screened ({inbox})"
                return (f"{flag} {folder} {what}, and a run never screens its own output or cache folder: "
                        "write into a folder beside it or inside it")
    return None


def unwritable(folder: Path) -> str | None:
    """Why the run could not write its outputs into ``folder`` (made if missing), found by trying; or None."""
    try:
        make_dirs(folder)
        with tempfile.TemporaryDirectory(prefix=".screener-check-", dir=folder):
            pass
    except OSError as exc:
        return f"cannot write into {folder}: {exc.strerror or exc}"
    return None


class DestinationError(ValueError):
    """A destination the run cannot use; its message is one line for the person who chose it."""


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A new folder to write ``target``'s outputs into, moved into place when the block ends without
    an error; removed in any case. Beside ``target`` (a hidden name, so no run screens it), or inside
    it when only ``target`` itself may be written."""
    make_dirs(target)
    try:
        stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    except OSError:
        stage = Path(tempfile.mkdtemp(prefix=".screener-", suffix=".tmp", dir=target))
    try:
        yield stage
        _publish(stage, target)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _publish(stage: Path, target: Path) -> None:
    # The tables name people: the folder and every file in it are owner-only whatever the umask.
    lock_down(stage)
    try:
        os.rename(stage, target)  # a missing or empty target: the whole folder at once
        return
    except OSError:
        pass  # the target holds files: each output replaces its namesake whole, others stay
    for item in sorted(stage.iterdir()):
        old = target / item.name
        if item.is_dir() and old.is_dir() and not old.is_symlink():
            shutil.rmtree(old)  # a folder (a blind run's key) replaces its namesake whole too
        os.replace(item, old)
