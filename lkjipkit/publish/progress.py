"""Progress of a build: one line per chapter on a terminal, nothing otherwise."""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Iterator

from .chapters import ChapterNotebook
from .execute import ChapterRun, Listener


class Quiet(Listener):
    """No output at all (not a terminal, or ``progress=False``)."""

    def start(self) -> None: ...

    def stop(self) -> None: ...

    @contextlib.contextmanager
    def step(self, description: str) -> Iterator[None]:
        yield


class Terminal(Quiet):
    """rich progress on stderr: a bar per chapter (cells done), then the export steps."""

    def __init__(self, chapters: list[ChapterNotebook]):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.console = Console(stderr=True)
        self.progress = Progress(
            SpinnerColumn(finished_text="[green]✓"),
            TextColumn("{task.description:<34}"),
            BarColumn(bar_width=24),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[status]}"),
            console=self.console,
        )
        self._lock = threading.Lock()
        self.tasks = {
            ch.name: self.progress.add_task(ch.name, total=None, start=False, status="[dim]waiting") for ch in chapters
        }

    def start(self) -> None:
        self.progress.start()

    def stop(self) -> None:
        self.progress.stop()

    def chapter_started(self, chapter: ChapterNotebook) -> None:
        task = self.tasks[chapter.name]
        self.progress.start_task(task)
        self.progress.update(task, status="running")

    def cell_done(self, chapter: ChapterNotebook, done: int, total: int) -> None:
        self.progress.update(self.tasks[chapter.name], completed=done, total=total)

    def chapter_finished(self, run: ChapterRun) -> None:
        task = self.tasks[run.chapter.name]
        if run.failure is None:
            self.progress.update(task, status=f"[green]done[/] in {run.seconds:.1f} s")
        else:
            where = f" in cell {run.failure.cell}" if run.failure.cell else ""
            self.progress.update(task, status=f"[red]failed{where}: {run.failure.ename}")
        self.progress.stop_task(task)

    @contextlib.contextmanager
    def step(self, description: str) -> Iterator[None]:
        task = self.progress.add_task(description, total=1, status="running")
        try:
            yield
        except BaseException:
            self.progress.update(task, status="[red]failed")
            raise
        finally:
            self.progress.stop_task(task)
        self.progress.update(task, completed=1, status="[green]done")


def reporter(chapters: list[ChapterNotebook], progress: bool | None) -> Quiet:
    """Terminal progress when ``progress`` is True, or None and stderr is a terminal; else quiet."""
    if progress is None:
        progress = sys.stderr.isatty()
    return Terminal(chapters) if progress else Quiet()
