"""A progress bar for long runs, on stderr only, so stdout stays clean machine output.

It appears once ``threshold`` files are done (small runs finish before a bar would help), or
while one long file is rewritten (the engine reports its candidate sites: a generated tracking
wrapper has thousands), and never when turned off (``-q``) or when stderr is not a terminal (CI
logs, pipes, captured output). The file walk is lazy, so the file total is unknown: that bar
pulses and counts files; a long file's bar has a total. Bars are transient: they disappear when
the run ends, leaving only the report.
"""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

THRESHOLD = 200


class FileProgress:
    """Call the instance once per finished file; use it as a context manager around the run."""

    def __init__(self, enabled: bool, threshold: int = THRESHOLD, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.enabled = enabled and self.console.is_terminal
        self.threshold = threshold
        self.done = 0
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self._site_task: TaskID | None = None
        self._site_key = ""

    def __call__(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        if self._progress is None and self.done >= self.threshold:
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("rewriter"),
                BarColumn(),
                TextColumn("{task.completed} files"),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("files", total=None, completed=self.done)
        elif self._progress is not None and self._task is not None:
            self._progress.update(self._task, completed=self.done)

    def sites(self, path: str, done: int, total: int) -> None:
        """Called by the engine while a long file is rewritten (``done`` of ``total`` sites)."""
        if not self.enabled:
            return
        if self._progress is None:
            self._progress = Progress(
                SpinnerColumn(), TextColumn("rewriter"), BarColumn(), TextColumn("{task.description}"),
                TimeElapsedColumn(), console=self.console, transient=True,
            )
            self._progress.start()
        key = f"{path} ({total} sites)"
        if self._site_task is None or self._site_key != key:
            self._site_task = self._progress.add_task(key, total=total)
            self._site_key = key
        self._progress.update(self._site_task, completed=done)

    @property
    def shown(self) -> bool:
        return self._progress is not None

    def __enter__(self) -> FileProgress:
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
