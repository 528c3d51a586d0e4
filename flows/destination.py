"""Where a run writes: refused before screening when it could not work, and filled whole or not at all.

Two mistakes cost a whole run: an output folder equal to, or above, a folder screened (the run
leaves its own output folder out, so it screened nothing and said so with exit 0), and an output
folder that cannot be written (everything screened, then three tracebacks). Both are found here
before a file is read, and said in one line.
"""

import tempfile
from pathlib import Path


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
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".screener-check-", dir=folder):
            pass
    except OSError as exc:
        return f"cannot write into {folder}: {exc.strerror or exc}"
    return None


class DestinationError(ValueError):
    """A destination the run cannot use; its message is one line for the person who chose it."""
