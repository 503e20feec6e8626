"""Execute every chapter notebook with papermill, concurrently, on warm kernels.

Chapters are independent, so they run side by side: ``jobs`` lanes (threads),
each owning one Jupyter kernel, take the next chapter from a shared queue,
longest first (by the previous build's timings when there are any), so the
slowest chapter does not start last.

Most of a naive chapter run is not the chapter's own code: it is starting a
Python process and a kernel and importing pandas, matplotlib and lkjipkit in
it. So each lane starts its kernel once, as soon as the build starts (while the
dataset is still being validated), imports there every module the chapters
import, and between two chapters resets the kernel to that warm state
(:mod:`lkjipkit.publish._kernel`: namespace, history and execution counts,
figures, rcParams, pandas options, warning filters, working folder,
environment). ``reuse_kernels=False`` gives every chapter a fresh kernel
instead, the classic papermill behaviour.

A batch worker builds report after report: its :class:`WarmLanes` keep the lane
threads and their kernels from one build to the next, with the same reset
between two reports as between two chapters.

Either way papermill does the work: it injects the parameters after the cell
tagged ``parameters``, records them and the timings in the notebook metadata,
and writes the executed notebook, also when a cell fails. A small papermill
engine (``lkjip``) only lends it the lane's kernel and reports progress.
papermill and nbformat are imported on first use, so the kernels start first.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import queue
import tempfile
import threading
import time
from concurrent import futures
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from lkjipkit import config
from lkjipkit.errors import BuildError
from lkjipkit.i18n import _

from .chapters import ChapterNotebook

ENGINE = "lkjip"
DEFAULT_KERNEL = "python3"
KERNEL_START_TIMEOUT = 120

log = logging.getLogger(__name__)


@dataclass
class Failure:
    """Why a chapter failed: the cell (counted from 1 in the chapter notebook) and the exception."""

    cell: int | None
    ename: str
    evalue: str


@dataclass
class ChapterRun:
    """The execution of one chapter."""

    chapter: ChapterNotebook
    output: Path
    seconds: float | None = None
    lane: int | None = None
    warm: bool = False
    failure: Failure | None = None
    skipped: bool = False


class Listener:
    """Progress callbacks; the default does nothing. Called from the lane threads."""

    def chapter_started(self, chapter: ChapterNotebook) -> None: ...

    def cell_done(self, chapter: ChapterNotebook, done: int, total: int) -> None: ...

    def chapter_finished(self, run: ChapterRun) -> None: ...


# --- the papermill engine ----------------------------------------------------------------------------

_engine_lock = threading.Lock()
_engine_registered = False


def _register_engine() -> None:
    """Register the ``lkjip`` papermill engine (on first use: importing papermill takes a while)."""
    global _engine_registered
    with _engine_lock:
        if _engine_registered:
            return
        from papermill.clientwrap import PapermillNotebookClient
        from papermill.engines import NBClientEngine, papermill_engines

        class LkjipEngine(NBClientEngine):
            """papermill's nbclient engine, on a kernel it is lent (``lane``), reporting each cell."""

            @classmethod
            def execute_managed_notebook(
                cls,
                nb_man,
                kernel_name,
                lane=None,
                kernel_cwd=None,
                kernel_stderr=None,
                kernel_env=None,
                on_cell=None,
                save_to=None,
                start_timeout=KERNEL_START_TIMEOUT,
                execution_timeout=None,
                **_ignored,
            ):
                if on_cell is not None:
                    start, complete = nb_man.cell_start, nb_man.cell_complete

                    def cell_start(cell, cell_index=None, **kw):
                        start(cell, cell_index=cell_index, **kw)
                        on_cell("start", cell_index, len(nb_man.nb.cells))

                    def cell_complete(cell, cell_index=None, **kw):
                        complete(cell, cell_index=cell_index, **kw)
                        on_cell("done", cell_index, len(nb_man.nb.cells))

                    nb_man.cell_start, nb_man.cell_complete = cell_start, cell_complete
                client = PapermillNotebookClient(
                    nb_man,
                    km=lane.km if lane is not None else None,
                    kernel_name=kernel_name,
                    timeout=execution_timeout,
                    startup_timeout=start_timeout,
                    log=log,
                    # A fresh kernel starts in the chapters' folder; papermill's own ``cwd`` would change the
                    # working folder of the whole process, which the lanes (threads) share.
                    resources={"metadata": {"path": str(kernel_cwd)}} if kernel_cwd else {},
                )
                launch = {"stderr": kernel_stderr} if kernel_stderr is not None else {}
                if kernel_env:
                    launch["env"] = {**os.environ, **kernel_env}
                try:
                    if lane is not None:
                        client.kc = lane.kc
                        return client.execute()
                    return client.execute(**launch)
                except Exception:
                    # The notebook is written once, when the chapter ends, not at every cell (papermill's
                    # default rewrites it whole at each cell's start and end: 160 saves a build). A cell's
                    # error is written by papermill; a timeout or a dead kernel ends here, so the notebook
                    # as far as it ran is written here, for the kept failed build.
                    if save_to is not None:
                        from papermill.iorw import write_ipynb

                        with contextlib.suppress(OSError):  # the chapter's failure stays the news
                            write_ipynb(nb_man.nb, save_to)
                    raise

        papermill_engines.register(ENGINE, LkjipEngine)
        _engine_registered = True


# --- a warm kernel -----------------------------------------------------------------------------------


class WarmKernel:
    """One kernel, started once, with the chapters' imports done, reset between chapters.

    Every method runs in the lane's thread (the kernel client belongs to that thread's event loop).
    """

    def __init__(
        self, kernel_name: str, cwd: Path, preload: list[str], timeout: float | None, stderr=None, zygote=None
    ):
        self.kernel_name = kernel_name
        self.cwd = cwd
        self.preload = preload
        self.timeout = timeout
        self.stderr = stderr
        self.zygote = zygote
        """The :class:`~lkjipkit.publish.forked.Zygote` to fork the kernel from; None: launch it."""
        self.km = None
        self.kc = None

    def fits(self, kernel_name: str, cwd: Path, preload: list[str]) -> bool:
        """This kernel can serve a build that needs ``kernel_name`` started in ``cwd`` with ``preload`` imported."""
        return (kernel_name, Path(cwd)) == (self.kernel_name, Path(self.cwd)) and set(preload) <= set(self.preload)

    def alive(self) -> bool:
        """The kernel process is still running."""
        from jupyter_core.utils import run_sync

        return self.km is not None and bool(run_sync(self.km.is_alive)())

    async def _start(self) -> None:
        from jupyter_client.manager import AsyncKernelManager

        self.km = AsyncKernelManager(kernel_name=self.kernel_name)
        if self.zygote is not None:
            self.zygote.adopt(self.km)
        await self.km.start_kernel(cwd=str(self.cwd), **({"stderr": self.stderr} if self.stderr else {}))
        self.kc = self.km.client()
        self.kc.start_channels()
        await self._while_alive(self.kc.wait_for_ready(timeout=KERNEL_START_TIMEOUT))
        await self._execute(f"import lkjipkit.publish._kernel as _k\n_k.preload({self.preload!r})\ndel _k")

    async def _while_alive(self, awaitable):
        """Await ``awaitable``, but give up as soon as the kernel process is gone (killed, crashed)."""
        import asyncio

        task = asyncio.ensure_future(awaitable)
        while True:
            done, _pending = await asyncio.wait({task}, timeout=0.25)
            if done:
                return task.result()
            if not await self.km.is_alive():
                task.cancel()
                raise RuntimeError(_("the kernel died"))

    async def _execute(self, code: str) -> None:
        errors: list[str] = []

        def hook(msg):
            if msg.get("msg_type") == "error":
                errors.append(f"{msg['content'].get('ename')}: {msg['content'].get('evalue')}")

        reply = await self._while_alive(
            self.kc.execute_interactive(
                code, store_history=False, timeout=self.timeout or KERNEL_START_TIMEOUT, output_hook=hook
            )
        )
        content = reply.get("content", {})
        if content.get("status") != "ok":
            raise RuntimeError("; ".join(errors) or f"{content.get('ename')}: {content.get('evalue')}")

    def start(self) -> None:
        from jupyter_core.utils import run_sync

        try:
            run_sync(self._start)()
        except Exception as exc:
            self.shutdown()
            raise BuildError(
                _("could not start the Jupyter kernel {kernel}: {error}").format(
                    kernel=repr(self.kernel_name), error=f"{type(exc).__name__}: {exc}"
                )
            ) from exc

    def reset(self) -> None:
        from jupyter_core.utils import run_sync

        run_sync(self._execute)("import lkjipkit.publish._kernel\nlkjipkit.publish._kernel.reset()")

    def set_environment(self, values: dict[str, str]) -> None:
        """Set environment variables in the kernel for the next chapter (until :meth:`reset`)."""
        from jupyter_core.utils import run_sync

        run_sync(self._execute)(f"import lkjipkit.publish._kernel\nlkjipkit.publish._kernel.environment({values!r})")

    def kill(self) -> None:
        """Kill the kernel process at once (from any thread): the lane's running chapter then fails."""
        process = getattr(getattr(self.km, "provisioner", None), "process", None)
        if process is not None:
            with contextlib.suppress(OSError):
                process.kill()

    def shutdown(self) -> None:
        from jupyter_core.utils import run_sync

        try:
            if self.kc is not None:
                self.kc.stop_channels()
            if self.km is not None and self.km.has_kernel:
                run_sync(self.km.shutdown_kernel)(now=True)
            if self.km is not None:
                run_sync(self.km.cleanup_resources)()
        except Exception as exc:  # a kernel that is already gone is fine
            log.debug("kernel shutdown: %s", exc)
        self.km = self.kc = None


class WarmLanes:
    """Lane threads that outlive one build, each keeping its warm kernel for the next (a batch worker).

    A kernel's client belongs to the event loop of the thread that started it, so each lane is a thread
    of its own (a one-thread pool) that runs lane ``i`` of every build. An :class:`Executor` given these
    lanes takes lane ``i``'s kernel when it fits (same kernel, working folder and imports, still alive),
    resets it as between two chapters, and gives it back after the build; a kernel whose chapter failed
    (its state is suspect: a dead kernel, a hung cell) is never given back. :meth:`close` shuts every
    kernel down. The kernels' stderr goes to one file; each build reads its own part of it.
    """

    def __init__(self) -> None:
        self._threads: list[ThreadPoolExecutor] = []
        self._kernels: dict[int, WarmKernel] = {}
        self._lock = threading.Lock()
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close()
        self._zygote = None

    def zygote(self, preload: list[str]):
        """The zygote the lanes' kernels are forked from (started on first use), or None where kernels cannot be
        forked; it lives as long as the lanes, as their kernels do."""
        from . import forked

        with self._lock:
            if self._zygote is None and forked.supported():
                self._zygote = forked.Zygote(preload)
            zygote = self._zygote
        if zygote is not None:
            zygote.start()
        return zygote

    def submit(self, index: int, fn, *args):
        """Run ``fn(*args)`` in lane ``index``'s thread; its future."""
        with self._lock:
            while len(self._threads) <= index:
                self._threads.append(ThreadPoolExecutor(max_workers=1, thread_name_prefix="lkjip-lane"))
            return self._threads[index].submit(fn, *args)

    def take(self, index: int) -> WarmKernel | None:
        """Lane ``index``'s kernel, if it kept one (it is then the caller's until :meth:`give_back`)."""
        with self._lock:
            return self._kernels.pop(index, None)

    def give_back(self, index: int, kernel: WarmKernel) -> None:
        """Keep ``kernel`` for lane ``index``'s next build."""
        with self._lock:
            self._kernels[index] = kernel

    def close(self) -> None:
        """Shut every kept kernel down (each in its own lane's thread) and stop the lanes."""
        with self._lock:
            kernels, self._kernels = self._kernels, {}
            threads = list(self._threads)
        for index, kernel in kernels.items():
            try:
                threads[index].submit(kernel.shutdown).result()
            except Exception as exc:  # the lane cannot run it any more: shut the kernel down from here
                log.debug("lane %d: %s", index, exc)
                kernel.kill()
        for thread in threads:
            thread.shutdown(wait=True)
        if self._zygote is not None:
            self._zygote.stop()
        with contextlib.suppress(OSError):
            self.stderr.close()


# --- running the chapters ----------------------------------------------------------------------------


def default_lanes(n_chapters: int) -> int:
    """Lanes: one per usable CPU (at least 2, so a kernel start overlaps another's work), never more than chapters."""
    return max(1, min(n_chapters, max(2, config.usable_cpus())))


def longest_first(chapters: list[ChapterNotebook], seconds: dict[str, float] | None = None) -> list[ChapterNotebook]:
    """The order to start chapters in: by the previous build's seconds when it timed them all, else by
    their number of code cells; longest first (so the slowest chapter is not the last to start)."""
    seconds = seconds or {}
    if all(c.name in seconds for c in chapters):
        return sorted(chapters, key=lambda c: (-seconds[c.name], c.name))
    return sorted(chapters, key=lambda c: (-c.code_cells, c.name))


@dataclass
class Executor:
    """Runs chapters; :meth:`start` warms the kernels up while the caller still validates the dataset."""

    chapters: list[ChapterNotebook]
    jobs: int | None = None
    reuse_kernels: bool = True
    timeout: float | None = None
    kernel_name: str | None = None
    listener: Listener = field(default_factory=Listener)
    lanes: WarmLanes | None = None
    """Lanes kept from one build to the next (a batch worker), whose kernels this build borrows; None: the
    build starts its own lanes and kernels and stops them when it ends. Unused with ``reuse_kernels=False``."""
    fork_kernels: bool = True
    """Fork the warm kernels from a zygote that imported what they need (:mod:`lkjipkit.publish.forked`) where
    that is supported; False, or where it is not: launch each kernel as a new process."""

    def __post_init__(self) -> None:
        self.jobs = self.jobs or default_lanes(len(self.chapters))
        self._queue: queue.Queue[ChapterRun | None] = queue.Queue()
        self._stop = threading.Event()
        self._pool: ThreadPoolExecutor | None = None
        self._stderr = None
        self._lanes = []
        self._done: queue.Queue[ChapterRun] = queue.Queue()
        self._kernels: set[WarmKernel] = set()
        self.runs: list[ChapterRun] = []
        self.cwd = self.chapters[0].path.parent if self.chapters else Path.cwd()
        self.lane_kernel = self.kernel_name or _common_kernel(self.chapters)
        self.preload = sorted({m for ch in self.chapters for m in ch.imports})
        self.environment: dict[str, str] = {}
        self._kept = self.lanes if self.reuse_kernels else None
        self._zygote = None
        self._own_zygote = False
        self._started = False

    def start(self) -> None:
        """Start the lanes; warm lanes start and prepare their kernels at once, while the caller does other work."""
        self._started = True
        # What a lane imports to start a kernel is imported in this thread first: jupyter_client, and what
        # finding the kernel spec and the local addresses imports (ipykernel and IPython, psutil). A lane and
        # this thread importing at the same time can fail (a package with circular imports imported by two
        # threads at once: "partially initialized module"), and a Ctrl-C in the middle of this thread's
        # import could leave a lane waiting for a module lock for ever.
        import encodings.unicode_escape  # noqa: F401 - decoding a chapter's output in a lane

        import jupyter_client.manager
        from jupyter_client.localinterfaces import localhost

        if self.reuse_kernels and self.fork_kernels:
            # warm kernels are forked from one process that imports what they need beside this one: first
            self._start_zygote()
        if self.reuse_kernels:
            localhost()
            with contextlib.suppress(Exception):  # a kernel that is not there fails in its lane, with its name
                jupyter_client.manager.KernelManager(kernel_name=self.lane_kernel).kernel_spec  # noqa: B018
        # The kernels' own stderr (start-up chatter, crashes) is kept aside, not shown: see kernel_output().
        if self._kept is not None:
            self._stderr = self._kept.stderr
            self._stderr_from = self._stderr.seek(0, os.SEEK_END)
            self._lanes = [self._kept.submit(i, self._lane, i) for i in range(self.jobs)]
            return
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed in _finish
        self._stderr_from = 0
        self._pool = ThreadPoolExecutor(max_workers=self.jobs, thread_name_prefix="lkjip-lane")
        self._lanes = [self._pool.submit(self._lane, i) for i in range(self.jobs)]

    def _start_zygote(self) -> None:
        from . import forked

        if self._kept is not None:
            self._zygote = self._kept.zygote(self.preload)
        elif forked.supported():
            self._zygote, self._own_zygote = forked.Zygote(self.preload), True
            self._zygote.start()

    def submit(
        self,
        parameters: dict,
        out_dir: Path,
        order: list[ChapterNotebook] | None = None,
        *,
        environment: dict[str, str] | None = None,
    ) -> list[ChapterRun]:
        """Hand every chapter to the lanes (in ``order``, default longest first), to run with ``parameters``
        into ``out_dir``, with ``environment`` added to the kernel's environment variables (the build's
        hand-over); returns at once, one run per chapter in chapter order."""
        if not self._started:
            self.start()
        out_dir.mkdir(parents=True, exist_ok=True)
        self.parameters = parameters
        self.environment = dict(environment or {})
        self.runs = [ChapterRun(ch, out_dir / ch.path.name) for ch in self.chapters]
        by_name = {r.chapter.name: r for r in self.runs}
        for ch in order or longest_first(self.chapters):
            self._queue.put(by_name[ch.name])
        for _unused in range(self.jobs):
            self._queue.put(None)
        return self.runs

    def wait(self) -> list[ChapterRun]:
        """Wait for the chapters; one run per chapter, in chapter order.

        After the first failure no further chapter starts (those running finish);
        the ones never started are marked ``skipped``.
        """
        try:
            for lane in self._lanes:
                lane.result()
        except BaseException:
            self.cancel()
            raise
        finally:
            self._finish()
        for r in self.runs:
            if r.seconds is None and r.failure is None:
                r.skipped = True
        return self.runs

    def completed(self):
        """Each run as soon as its chapter finished (in the caller's thread), until all did or the lanes stopped."""
        seen = 0
        while seen < len(self.runs):
            try:
                run = self._done.get(timeout=0.1)
            except queue.Empty:
                if all(lane.done() for lane in self._lanes) and self._done.empty():
                    return
                continue
            seen += 1
            yield run

    def kernel_output(self) -> bytes:
        """What the kernels wrote to their stderr (available after :meth:`wait` or :meth:`close`)."""
        return getattr(self, "_kernel_output", b"")

    def cancel(self) -> None:
        """Stop handing out chapters and release the lanes waiting for work."""
        self._stop.set()
        for _unused in range(self.jobs or 1):
            self._queue.put(None)

    def close(self, kill: bool = False) -> None:
        """Stop the lanes and their kernels (e.g. the dataset did not validate). ``kill``: do not let running
        chapters finish (Ctrl-C, or the build failed elsewhere) - kills the warm kernels."""
        self.cancel()
        if kill:
            for kernel in list(self._kernels):
                kernel.kill()
        self._finish()

    def _finish(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
        else:
            futures.wait(self._lanes)
        if self._own_zygote and self._zygote is not None:  # after the lanes: they shut their kernels down
            self._zygote.stop()
            self._zygote = None
        if self._stderr is not None:
            self._stderr.seek(self._stderr_from)
            self._kernel_output = self._stderr.read()
            if self._kept is None:
                self._stderr.close()
            self._stderr = None

    def _warm_kernel(self, index: int) -> WarmKernel | None:
        """Lane ``index``'s kernel, ready for a chapter: the one the lanes kept (reset) when it fits, else a
        new one; None when the build stopped before it started."""
        kernel = self._kept.take(index) if self._kept is not None else None
        if kernel is not None:
            self._kernels.add(kernel)
            try:
                if kernel.fits(self.lane_kernel, self.cwd, self.preload) and kernel.alive():
                    kernel.timeout = self.timeout
                    kernel.reset()  # what the previous build's last chapter left
                    return kernel
            except Exception as exc:  # a kernel that cannot be reset is replaced
                log.debug("lane %d: kept kernel not reused: %s", index, exc)
            kernel.shutdown()
            self._kernels.discard(kernel)
        kernel = WarmKernel(self.lane_kernel, self.cwd, self.preload, self.timeout, self._stderr, self._zygote)
        self._kernels.add(kernel)
        if self._stop.is_set():
            self._kernels.discard(kernel)
            return None
        kernel.start()
        return kernel

    def _lane(self, index: int) -> None:
        kernel: WarmKernel | None = None
        used = False
        try:
            if self.reuse_kernels:
                kernel = self._warm_kernel(index)
                if kernel is None:
                    return
            while True:
                run = self._queue.get()
                if run is None or self._stop.is_set():
                    break
                warm = kernel if kernel is not None and self._kernel_for(run.chapter) == self.lane_kernel else None
                if warm is not None and used:
                    warm.reset()
                if warm is not None and self.environment:
                    warm.set_environment(self.environment)
                self._execute(run, index, warm)
                used = used or warm is not None
                if run.failure is not None:
                    self._stop.set()
                    if warm is not None:  # its state is suspect (a dead kernel, a hung cell): never reuse it
                        warm.shutdown()
                        self._kernels.discard(warm)
                        kernel = None
        finally:
            if kernel is not None:
                self._kernels.discard(kernel)
                if self._kept is not None:  # for the next build (checked then: a killed kernel is replaced)
                    self._kept.give_back(index, kernel)
                else:
                    kernel.shutdown()

    def _execute(self, run: ChapterRun, lane_index: int, kernel: WarmKernel | None) -> None:
        _register_engine()
        import papermill
        from papermill.exceptions import PapermillExecutionError

        ch = run.chapter
        run.lane, run.warm = lane_index, kernel is not None
        self.listener.chapter_started(ch)
        current: dict[str, int | None] = {"index": None}

        def on_cell(event: str, index: int, n_cells: int) -> None:
            if event == "start":
                current["index"] = index
            else:
                self.listener.cell_done(ch, index + 1, n_cells)

        start = time.perf_counter()
        try:
            papermill.execute_notebook(
                str(ch.path),
                str(run.output),
                parameters=self.parameters,
                engine_name=ENGINE,
                kernel_name=self.lane_kernel if kernel is not None else self._kernel_for(ch),
                progress_bar=False,
                log_output=False,
                request_save_on_cell_execute=False,
                save_to=str(run.output),
                start_timeout=KERNEL_START_TIMEOUT,
                execution_timeout=self.timeout,
                lane=kernel,
                kernel_cwd=self.cwd,
                kernel_stderr=self._stderr,
                kernel_env=self.environment,
                on_cell=on_cell,
            )
        except PapermillExecutionError as exc:
            run.failure = Failure(_source_cell(run.output, exc.cell_index), exc.ename, str(exc.evalue))
        except Exception as exc:  # a dead kernel, a timeout...: still this chapter's failure
            cell = _source_cell(run.output, current["index"])
            run.failure = Failure(cell, type(exc).__name__, str(exc).strip() or (type(exc).__doc__ or "").strip())
        run.seconds = time.perf_counter() - start
        self.listener.chapter_finished(run)
        self._done.put(run)

    def _kernel_for(self, chapter: ChapterNotebook) -> str:
        return self.kernel_name or chapter.kernel or self.lane_kernel


def _common_kernel(chapters: list[ChapterNotebook]) -> str:
    """The kernel most chapters ask for (``python3`` when none names one)."""
    names = [c.kernel for c in chapters if c.kernel]
    return max(sorted(set(names)), key=names.count) if names else DEFAULT_KERNEL


def _source_cell(executed: Path, index: int | None) -> int | None:
    """Cell ``index`` of the executed notebook as the analyst counts it in the chapter: from 1, without
    the cell papermill injected."""
    if index is None:
        return None
    try:
        cells = json.loads(Path(executed).read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError):  # without the notebook, the raw position is the best there is
        return index + 1
    for i, cell in enumerate(cells):
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            if index > i:
                index -= 1
            break
    return index + 1
