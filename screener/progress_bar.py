"""The terminal progress bar of ``screener run``: files screened, how many read vs cached, rate, time left."""

import sys

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn, TimeRemainingColumn
from rich.text import Text


class _Rate(ProgressColumn):
    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:.1f} files/s" if task.speed else "– files/s", style="progress.data.speed")


class ProgressBar:
    """A ``flows.progress.Progress`` drawn with rich on stderr; silent when stderr is not a terminal."""

    def __init__(self, enabled: bool | None = None) -> None:
        console = Console(stderr=True)
        self._progress = Progress(
            TextColumn("[bold]screening"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("read {task.fields[read]} · cached {task.fields[reused]}"),
            _Rate(),
            TimeRemainingColumn(),
            console=console,
            disable=not (sys.stderr.isatty() if enabled is None else enabled),
            transient=False,
        )
        self._task = self._progress.add_task("screening", total=None, read=0, reused=0, start=False)

    def start(self, total: int) -> None:
        self._progress.update(self._task, total=total)
        self._progress.start_task(self._task)

    def advance(self, done: int, read: int, reused: int) -> None:
        fields = self._progress.tasks[0].fields
        self._progress.update(self._task, advance=done, read=fields["read"] + read, reused=fields["reused"] + reused)

    @property
    def completed(self) -> float:
        return self._progress.tasks[0].completed

    def __enter__(self) -> "ProgressBar":
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()
