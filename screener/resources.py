"""Where the shipped data lives: lexicons, patterns and models under ``data/``.

An installed wheel carries ``data/`` inside the ``screener`` package (see ``pyproject.toml``); an
editable install or a clone reads the repository's own ``data/``. Nothing else may build a path
to data from ``__file__``, so the two layouts never drift apart.
"""

from functools import cache
from pathlib import Path


@cache
def data_dir() -> Path:
    """The folder holding ``lexicons/``, ``patterns/`` and ``models/``."""
    packaged = Path(__file__).resolve().parent / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "data"


def data_path(*parts: str) -> Path:
    """A file or folder under the data folder: ``data_path("lexicons", "sections.yaml")``."""
    return data_dir().joinpath(*parts)
