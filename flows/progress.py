"""A process-local hook the flow reports screened files to; ``screener run`` draws it as a progress bar.

The flow runs in the command's own process, so a plain callback is enough: no Prefect state, no
events. Scheduled runs (``screener serve``) set no listener and only log counts.
"""

from typing import Protocol


class Listener(Protocol):
    def start(self, total: int) -> None: ...

    def advance(self, done: int, read: int, reused: int) -> None: ...


_listener: list[Listener] = []


def set_listener(listener: Listener | None) -> None:
    _listener.clear()
    if listener is not None:
        _listener.append(listener)


def start(total: int) -> None:
    for listener in _listener:
        listener.start(total)


def advance(done: int, read: int = 0, reused: int = 0) -> None:
    """``done`` files screened now, of which ``read`` were parsed and ``reused`` came from the cache."""
    for listener in _listener:
        listener.advance(done, read, reused)
