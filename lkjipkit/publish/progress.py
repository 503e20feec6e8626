"""Progress of a build: one line per chapter on a terminal, nothing otherwise; in a batch, each step
relayed to the batch (:class:`Relay`), which shows every report at once (:mod:`lkjipkit.publish.batch`)."""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lkjipkit.i18n import _

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
            ch.name: self.progress.add_task(ch.name, total=None, start=False, status="[dim]" + _("waiting"))
            for ch in chapters
        }

    def start(self) -> None:
        self.progress.start()

    def stop(self) -> None:
        self.progress.stop()

    def chapter_started(self, chapter: ChapterNotebook) -> None:
        task = self.tasks[chapter.name]
        self.progress.start_task(task)
        self.progress.update(task, status=_("running"))

    def cell_done(self, chapter: ChapterNotebook, done: int, total: int) -> None:
        self.progress.update(self.tasks[chapter.name], completed=done, total=total)

    def chapter_finished(self, run: ChapterRun) -> None:
        task = self.tasks[run.chapter.name]
        if run.failure is None:
            self.progress.update(
                task, status="[green]" + _("done") + "[/]" + _(" in {time}").format(time=f"{run.seconds:.1f} s")
            )
        else:
            where = _(" in cell {cell}").format(cell=run.failure.cell) if run.failure.cell else ""
            self.progress.update(task, status="[red]" + _("failed") + f"{where}: {run.failure.ename}")
        self.progress.stop_task(task)

    @contextlib.contextmanager
    def step(self, description: str) -> Iterator[None]:
        task = self.progress.add_task(_(description), total=1, status=_("running"))
        try:
            yield
        except BaseException:
            self.progress.update(task, status="[red]" + _("failed"))
            raise
        finally:
            self.progress.stop_task(task)
        self.progress.update(task, completed=1, status="[green]" + _("done"))


@dataclass(frozen=True)
class Event:
    """One step of a build, as a :class:`Relay` sends it."""

    kind: str
    """``start`` (the build began), ``step`` (validation, an export), ``chapter`` (a chapter started)
    or ``chapter_done``."""
    detail: str = ""
    """The step's description or the chapter's name."""
    done: int = 0
    """Chapters finished so far."""
    total: int = 0
    """Chapters of the report."""


class Relay(Quiet):
    """Sends every step of a build to ``send`` (a batch worker's pipe); never raises if it cannot.

    Pass one as ``build_report(..., progress=Relay(send))``: :func:`reporter` hands it the chapters.
    The lanes call it from their threads, so sending is serialised here.
    """

    def __init__(self, send: Callable[[Event], None]):
        self._send = send
        self._lock = threading.Lock()
        self._done = self._total = 0

    def attach(self, chapters: list[ChapterNotebook]) -> None:
        self._total = len(chapters)

    def _emit(self, kind: str, detail: str = "") -> None:
        with self._lock, contextlib.suppress(OSError, ValueError):  # the batch stopped listening
            self._send(Event(kind, detail, self._done, self._total))

    def start(self) -> None:
        self._emit("start")

    def chapter_started(self, chapter: ChapterNotebook) -> None:
        self._emit("chapter", chapter.name)

    def chapter_finished(self, run: ChapterRun) -> None:
        with self._lock:
            self._done += 1
        self._emit("chapter_done", run.chapter.name)

    @contextlib.contextmanager
    def step(self, description: str) -> Iterator[None]:
        self._emit("step", description)
        yield


def reporter(chapters: list[ChapterNotebook], progress: bool | Relay | None) -> Quiet:
    """Terminal progress when ``progress`` is True, or None and stderr is a terminal; a :class:`Relay`
    given as ``progress`` (a batch's worker) gets the chapters and is used; else quiet."""
    if isinstance(progress, Relay):
        progress.attach(chapters)
        return progress
    if progress is None:
        progress = sys.stderr.isatty()
    return Terminal(chapters) if progress else Quiet()
