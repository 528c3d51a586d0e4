"""Folders and files the screener creates hold résumé facts, so only their owner may read them.

Modes are set with chmod after creation, so they are 0700 (folders) and 0600 (files) whatever the
umask: a umask of 022 would otherwise leave every table readable by every user of the machine.
Folders the user made before the screener ran keep their own mode; what the screener writes into
them is still 0600.
"""

import os
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def make_dirs(folder: Path) -> None:
    """``folder`` and any missing parents, each folder made here owner-only (an existing one is left as it is)."""
    missing: list[Path] = []
    here = folder
    while not here.exists() and here != here.parent:
        missing.append(here)
        here = here.parent
    for new in reversed(missing):
        try:
            new.mkdir(mode=FOLDER_MODE)  # never wider than 0700, even before the chmod
        except FileExistsError:
            continue  # another worker made it a moment ago, owner-only as well
        new.chmod(FOLDER_MODE)


def lock_down(tree: Path) -> None:
    """Make ``tree`` and everything in it owner-only (links are not followed and keep their mode)."""
    tree.chmod(FOLDER_MODE)
    for top, folders, files in os.walk(tree):
        for name in folders:
            if not os.path.islink(os.path.join(top, name)):
                os.chmod(os.path.join(top, name), FOLDER_MODE)
        for name in files:
            if not os.path.islink(os.path.join(top, name)):
                os.chmod(os.path.join(top, name), FILE_MODE)
