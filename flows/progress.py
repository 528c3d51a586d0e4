"""What a screening run reports as it goes: the callback a caller passes to the run, no global state.

``screener run`` passes a rich progress bar (screener/progress_bar.py); scheduled runs pass none and
only log counts. Two runs in one process each report to their own callback.
"""

from typing import Protocol, runtime_checkable


# runtime_checkable: Prefect validates the flow's ``progress`` parameter with an isinstance check.
@runtime_checkable
class Progress(Protocol):
    def start(self, total: int) -> None:
        """The run has found ``total`` files to screen."""

    def advance(self, done: int, read: int, reused: int) -> None:
        """``done`` more files screened, of which ``read`` were parsed and ``reused`` came from the cache."""


class NoProgress:
    """Reports nowhere: a run nobody watches (a scheduled one, a test)."""

    def start(self, total: int) -> None:
        pass

    def advance(self, done: int, read: int, reused: int) -> None:
        pass
