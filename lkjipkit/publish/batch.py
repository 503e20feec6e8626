"""Many agency-year reports at once: a worker pool here, or a Dask cluster.

A city has some 40 agencies, a province hundreds, and each reruns its report
after every data correction. :func:`plan` turns datasets and years into jobs
(refusing two that would write the same agency-year), :func:`run` builds them
in parallel, one failure never stopping the others, and skips every report
whose inputs have not changed since it was last built.

Isolation: the planning of each dataset and the build of each report run in a
process of their own (:func:`isolated`) with a time limit (``timeout``, default
:data:`DEFAULT_TIMEOUT`). Whatever one of them raises, or however long it hangs
(a FIFO in place of a CSV file, a chapter that never ends), it becomes a failed
report with its reason and the batch goes on.

The inputs of a report are the dataset's content, the chapter notebooks, the
lkjipkit version and the parameters (year, formats, final); their SHA-256 is stored
beside the report in ``.lkjip-inputs`` after a successful build.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import multiprocessing
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from lkjipkit import __version__, config
from lkjipkit.errors import DatasetError, LkjipError
from lkjipkit.i18n import _

from .chapters import chapter_paths
from .formats import FORMATS, parse_formats
from .output import check_output_path
from .progress import Event, Relay

INPUTS_FILE = ".lkjip-inputs"
DEFAULT_TIMEOUT = 1800.0
"""Seconds the planning of one dataset, or the build of one report, may take (``lkjip batch --timeout``)."""
GRACE = 10.0
"""Seconds a timed-out process has to stop its kernels and put its build folder aside before it is killed."""


@dataclass(frozen=True)
class Job:
    """One report to build."""

    dataset: Path
    year: int
    slug: str
    out: Path
    inputs: str = ""
    """Fingerprint of everything the report is made from."""
    error: str = ""
    """Why the job cannot run at all (e.g. the dataset does not validate)."""
    final: bool | None = None
    """``lkjip build --final`` (True), a draft (False), or ``laporan.yaml``'s status (None)."""
    allow_incomplete: bool = False
    """A final report is built even while something is missing (``--allow-incomplete``)."""
    allow_dropped_outputs: bool = False
    """Chapter outputs the report cannot show are left out with a warning (``--allow-dropped-outputs``)."""


@dataclass
class Outcome:
    job: Job
    status: str  # "built", "failed" or "skipped"
    reason: str = ""
    seconds: float = 0.0


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def ok(self) -> bool:
        return self.count("failed") == 0

    def lines(self) -> list[str]:
        out = []
        for o in sorted(self.outcomes, key=lambda o: (o.status != "failed", o.job.slug, o.job.year)):
            label = f"{o.job.slug}/{o.job.year}" if o.job.slug else str(o.job.dataset)
            extra = f" ({o.seconds:.1f} s)" if o.status == "built" else ""
            reason = f": {o.reason}" if o.reason else ""
            out.append(f"{status_word(o.status):8} {label}{extra}{reason}")
        out.append(
            _("{built} built, {failed} failed, {skipped} skipped of {total} reports").format(
                built=self.count("built"),
                failed=self.count("failed"),
                skipped=self.count("skipped"),
                total=len(self.outcomes),
            )
        )
        return out


def status_word(status: str) -> str:
    """``built``, ``failed``, ``skipped`` in the command's language (:mod:`lkjipkit.i18n`)."""
    return {"built": _("built"), "failed": _("failed"), "skipped": _("skipped")}.get(status, status)


_RANGE = re.compile(r"^\s*(\d{4})\s*(?:-\s*(\d{4}))?\s*$")


def parse_years(text: str | int) -> list[int]:
    """``2016`` → [2016]; ``2015-2016`` → [2015, 2016]; ``2014,2016`` → [2014, 2016]."""
    years: list[int] = []
    for part in str(text).split(","):
        m = _RANGE.match(part)
        if not m:
            raise LkjipError(
                _("--year {text}: expected a year (2016), a range (2015-2016) or a list (2014,2016)").format(
                    text=repr(text)
                )
            )
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
        if last < first:
            raise LkjipError(_("--year {text}: the range ends before it starts").format(text=repr(part.strip())))
        years += range(first, last + 1)
    return sorted(set(years))


def _notebooks_digest(notebooks: Path) -> str:
    h = hashlib.sha256()
    for nb in chapter_paths(notebooks):
        h.update(nb.name.encode() + b"\0" + nb.read_bytes())
    return h.hexdigest()


def inputs_fingerprint(
    dataset_fingerprint: str,
    notebooks_digest: str,
    year: int,
    formats: Iterable[str],
    final: bool | None = None,
    allow_incomplete: bool = False,
    allow_dropped_outputs: bool = False,
) -> str:
    """What a report is made from: dataset, notebooks, package version, parameters (``formats`` as
    :func:`~lkjipkit.publish.formats.parse_formats` gives them; ``final`` and ``allow_incomplete``
    only when given, so the fingerprint of a default build is what it always was)."""
    parts = [dataset_fingerprint, notebooks_digest, __version__, str(year), ",".join(sorted(formats))]
    if final is not None or allow_incomplete:
        parts.append(f"final={final},allow_incomplete={allow_incomplete}")
    if allow_dropped_outputs:
        parts.append("allow_dropped_outputs")
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _slug_only(dataset: Path) -> str:
    """The agency slug straight from profil.yaml, for a dataset that does not validate."""
    try:
        data = yaml.safe_load((dataset / "profil.yaml").read_text(encoding="utf-8-sig"))
        slug = data["instansi"]["slug"]
        return slug if isinstance(slug, str) and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug) else ""
    except Exception:  # any unreadable profile just means "unknown agency"
        return ""


def plan(
    datasets: Iterable[str | Path],
    years: list[int],
    out_root: Path | None = None,
    formats: str | Iterable[str] = tuple(FORMATS),
    notebooks: Path | None = None,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    workers: int | None = None,
    final: bool | None = None,
    allow_incomplete: bool = False,
    allow_dropped_outputs: bool = False,
) -> list[Job]:
    """Turn datasets x years into jobs (``final``, ``allow_incomplete``, ``allow_dropped_outputs``: as for
    :func:`build_report`; a dataset's own ``notebooks/`` are part of its fingerprint, as all its files).

    A dataset that does not load gives failing jobs carrying the validation
    error (the others still run); so does one whose planning raises anything
    else or takes longer than ``timeout`` seconds (each dataset is planned in
    a process of its own, ``workers`` at once). Two datasets that would write
    the same agency-year are refused before any work starts. A dataset folder
    whose reports are all current (same inputs as their last successful build)
    is not even loaded, so an unchanged batch is planned in a moment.
    """
    import lkjipkit.dataset  # noqa: F401 - imported once here, inherited by every planning process

    out_root = Path(out_root) if out_root else config.reports_dir()
    notebooks_digest = _notebooks_digest(notebooks or config.notebooks_dir())
    formats = parse_formats(formats)
    paths = [Path(raw) for raw in datasets]
    edition = {"final": final, "allow_incomplete": allow_incomplete, "allow_dropped_outputs": allow_dropped_outputs}
    planned: dict[Path, list[Job]] = {}
    with ThreadPoolExecutor(max_workers=max(1, min(workers or config.usable_cpus(), len(paths) or 1))) as pool:
        futures = {
            pool.submit(isolated, _plan_dataset, (p, years, out_root, formats, notebooks_digest, edition), timeout): p
            for p in paths
        }
        for fut in as_completed(futures):
            path = futures[fut]
            ok, value = fut.result()
            planned[path] = (
                value
                if ok
                else [Job(path, y, "", out_root, error=_("planning: {error}").format(error=value)) for y in years]
            )

    jobs: list[Job] = []
    owner: dict[tuple[str, int], Path] = {}
    for path in paths:
        for job in planned[path]:
            if job.slug and job.inputs:
                if (job.slug, job.year) in owner:
                    raise LkjipError(
                        _(
                            "{first} and {second} would both write {report}; "
                            "give each agency its own instansi.slug in profil.yaml"
                        ).format(first=owner[job.slug, job.year], second=path, report=f"{job.slug}/{job.year}")
                    )
                owner[job.slug, job.year] = path
            jobs.append(job)
    return jobs


def _plan_dataset(
    path: Path, years: list[int], out_root: Path, formats: tuple[str, ...], digest: str, edition: dict
) -> list[Job]:
    """The jobs of one dataset (run by :func:`isolated`); ``edition``: ``final`` and ``allow_incomplete``."""
    from lkjipkit.dataset import fingerprint, load_dataset

    slug = _slug_only(path) if path.is_dir() else ""
    if slug:
        fp = fingerprint(path)
        quick = [
            Job(
                path,
                y,
                slug,
                out_root / slug / str(y),
                inputs_fingerprint(fp, digest, y, formats, **edition),
                **edition,
            )
            for y in years
        ]
        if all(_path_error(job.out) is None and is_current(job) for job in quick):
            return quick
    try:
        ds = load_dataset(path)
    except DatasetError as exc:
        first = exc.lines()[0] if exc.problems else str(exc)
        more = _(" (+{n} more)").format(n=len(exc.problems) - 1) if len(exc.problems) > 1 else ""
        reason = _("dataset does not validate: {problem}").format(problem=f"{first}{more}")
        return [Job(path, y, slug, out_root / slug / str(y) if slug else out_root, error=reason) for y in years]
    except LkjipError as exc:
        return [Job(path, y, "", out_root, error=str(exc)) for y in years]
    jobs = []
    for year in years:
        out = out_root / ds.slug / str(year)
        there = ", ".join(map(str, ds.years)) or _("none")
        error = _path_error(out) or (
            ""
            if year in ds.laporan
            else _("no report year {year} in laporan.yaml (years there: {years})").format(year=year, years=there)
        )
        inputs = inputs_fingerprint(ds.fingerprint, digest, year, formats, **edition)
        jobs.append(Job(path, year, ds.slug, out, inputs=inputs, error=error, **edition))
    return jobs


def _path_error(out: Path) -> str | None:
    """Why the report folder ``out`` cannot exist (a name too long for the file system); None if it can."""
    try:
        check_output_path(out)
    except LkjipError as exc:
        return str(exc)
    return None


def is_current(job: Job) -> bool:
    """The report exists and was built from exactly these inputs."""
    stamp = job.out / INPUTS_FILE
    try:
        return bool(job.inputs) and stamp.is_file() and stamp.read_text().strip() == job.inputs
    except (OSError, UnicodeDecodeError):  # unreadable, or a path the file system refuses: not current
        return False


def build_one(job: Job, formats: tuple[str, ...] = tuple(FORMATS), notebooks: Path | None = None) -> Outcome:
    """Build one report (in a worker); never raises."""
    if job.error:
        return Outcome(job, "failed", job.error)
    from lkjipkit.publish import build_report

    start = time.perf_counter()
    try:
        kwargs = {"notebooks": notebooks} if notebooks is not None else {}
        # one kernel lane per report: in a batch the reports are what runs side by side
        kwargs |= {
            "final": job.final,
            "allow_incomplete": job.allow_incomplete,
            "allow_dropped_outputs": job.allow_dropped_outputs,
        }
        progress = Relay(_events.send) if _events is not None else False  # to the batch, when in a worker
        if _lanes is not None:  # in a Worker: its kernels, kept from the previous report
            kwargs["lanes"] = _lanes
        build_report(job.dataset, job.year, out=job.out, formats=formats, progress=progress, jobs=1, **kwargs)
        (job.out / INPUTS_FILE).write_text(job.inputs + "\n")
    except LkjipError as exc:
        return Outcome(job, "failed", str(exc).splitlines()[0], time.perf_counter() - start)
    except Exception as exc:  # one broken report must not stop a batch
        return Outcome(job, "failed", f"{type(exc).__name__}: {exc}", time.perf_counter() - start)
    return Outcome(job, "built", seconds=time.perf_counter() - start)


def isolated_build(
    job: Job,
    formats: tuple[str, ...],
    notebooks: Path | None,
    timeout: float | None,
    on_event: Callable[[Event], None] | None = None,
    worker: Worker | None = None,
) -> Outcome:
    """:func:`build_one` in a process of its own (``worker``'s, else a new one), stopped after ``timeout``
    seconds; never raises.

    ``on_event`` gets each step of the build (:class:`~lkjipkit.publish.progress.Event`) as it happens.
    """
    if job.error:
        return Outcome(job, "failed", job.error)
    start = time.perf_counter()
    run_it = worker.run if worker is not None else isolated
    ok, value = run_it(build_one, (job, formats, notebooks), timeout, on_event)
    return value if ok else Outcome(job, "failed", value, time.perf_counter() - start)


# --- isolation: one process per piece of work, with a time limit ------------------------------------

_live: set[Any] = set()
_live_lock = threading.Lock()
_events = None
"""In a child process of :func:`isolated`: its end of the pipe, where progress events go before the result."""
_lanes = None
"""In a :class:`Worker`: its warm kernel lanes (:class:`~lkjipkit.publish.execute.WarmLanes`), kept between reports."""


def isolated(
    func: Callable, args: tuple, timeout: float | None, on_event: Callable[[Event], None] | None = None
) -> tuple[bool, Any]:
    """Run ``func(*args)`` in a child process; ``(True, result)``, or ``(False, why it failed)``.

    The child is forked (it inherits what this process imported); on a system without ``fork``
    it is spawned. After ``timeout`` seconds it gets SIGTERM, which ends it as an exception would
    (a build then stops its kernels and keeps its folder as ``<year>.failed``), and :data:`GRACE`
    seconds later SIGKILL. Where this process may not start children (a daemonic Dask worker),
    ``func`` runs here, without the time limit.

    The child may send :class:`~lkjipkit.publish.progress.Event` objects on its pipe (module
    ``_events``) before the result; each goes to ``on_event`` (in this thread) as it arrives. Every
    child has a pipe of its own, so one that is killed mid-message disturbs no other.
    """
    if multiprocessing.current_process().daemon:
        try:
            return True, func(*args)
        except Exception as exc:
            return False, f"{type(exc).__name__}: {exc}"
    ctx = _context()
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(func, args, send), name=f"lkjip-{func.__name__}")
    with _live_lock:
        child.start()
        _live.add(child)
    send.close()
    try:
        return _result(child, receive, timeout, on_event)
    finally:
        receive.close()
        child.join(GRACE)
        if child.is_alive():
            _stop(child)
        with _live_lock:
            _live.discard(child)


def _context():
    """Fork (the child inherits what this process imported); spawn on a system without ``fork``."""
    return multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")


def _result(child, receive, timeout: float | None, on_event) -> tuple[bool, Any]:
    """What ``child`` sends on ``receive``: each progress event to ``on_event``, then its result; stops the
    child after ``timeout`` seconds."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        if not receive.poll(None if deadline is None else max(0.0, deadline - time.monotonic())):
            _stop(child)
            return False, _("timed out after {seconds} s (--timeout); stopped").format(seconds=f"{timeout:g}")
        try:
            message = receive.recv()
        except EOFError:
            child.join(GRACE)
            return False, _("the process building it ended abruptly (exit code {code})").format(code=child.exitcode)
        if not isinstance(message, Event):
            return message
        if on_event is not None:
            on_event(message)


def _child(func: Callable, args: tuple, send) -> None:
    global _events

    def stop(signum, frame):
        raise SystemExit("timed out")

    signal.signal(signal.SIGTERM, stop)
    _events = send
    try:
        result: tuple[bool, Any] = (True, func(*args))
    except BaseException as exc:  # whatever happens is the report's failure, never the batch's
        result = (False, f"{type(exc).__name__}: {exc}")
    with contextlib.suppress(OSError, ValueError):  # the batch stopped waiting
        send.send(result)


class Worker:
    """A process that builds report after report (:func:`build_one`), keeping its warm kernel lanes between them.

    Starting a kernel and importing pandas, matplotlib and lkjipkit in it is most of what a report's
    chapters cost; a worker pays it once. Its kernels are reset between two reports as between two
    chapters (:mod:`lkjipkit.publish._kernel`); a kernel whose chapter failed is replaced, one that died
    is found dead and replaced. The build's hand-over (:mod:`lkjipkit.report.handover`) stays each
    report's own: a folder per build, environment variables the reset removes. Each report has the
    time limit of :func:`isolated`: a report that runs over it stops the worker (its kernels with it),
    and the next report gets a new worker. :meth:`close` ends the worker, which shuts its kernels down.
    """

    def __init__(self) -> None:
        ctx = _context()
        self._results, results = ctx.Pipe(duplex=False)
        tasks, self._tasks = ctx.Pipe(duplex=False)
        self.process = ctx.Process(target=_serve, args=(tasks, results), name="lkjip-worker")
        with _live_lock:
            self.process.start()
            _live.add(self.process)
        tasks.close()
        results.close()

    @property
    def alive(self) -> bool:
        return self.process.is_alive()

    def run(
        self, func: Callable, args: tuple, timeout: float | None, on_event: Callable[[Event], None] | None = None
    ) -> tuple[bool, Any]:
        """``func(*args)`` in the worker, as :func:`isolated` runs it in a process of its own."""
        try:
            self._tasks.send((func, args))
        except (OSError, ValueError):
            self.process.join(GRACE)
            message = _("the process building it ended abruptly (exit code {code})")
            return False, message.format(code=self.process.exitcode)
        return _result(self.process, self._results, timeout, on_event)

    def close(self) -> None:
        """End the worker (it shuts its kernels down first); stopped if it does not end within :data:`GRACE`."""
        with contextlib.suppress(OSError, ValueError):
            self._tasks.send(None)
        self.process.join(GRACE)
        if self.process.is_alive():
            _stop(self.process)
        self._tasks.close()
        self._results.close()
        with _live_lock:
            _live.discard(self.process)


class _Workers:
    """The batch's workers: each pool thread takes an idle one (or starts one) for its next report."""

    def __init__(self) -> None:
        self._idle: list[Worker] = []
        self._all: list[Worker] = []
        self._lock = threading.Lock()

    def build(self, job: Job, formats, notebooks, timeout, on_event) -> Outcome:
        if job.error:
            return Outcome(job, "failed", job.error)
        with self._lock:
            worker = self._idle.pop() if self._idle else None
        if worker is not None and not worker.alive:  # it ended between two reports (killed from outside)
            worker.close()
            worker = None
        if worker is None:
            worker = Worker()
            with self._lock:
                self._all.append(worker)
        try:
            return isolated_build(job, formats, notebooks, timeout, on_event, worker)
        finally:
            with self._lock:
                if worker.alive:  # one that timed out or died is not used again
                    self._idle.append(worker)

    def close(self) -> None:
        with self._lock:
            workers, self._all, self._idle = self._all, [], []
        for worker in workers:
            worker.close()


def _serve(tasks, results) -> None:
    """A :class:`Worker`'s loop: each task ``(func, args)`` from ``tasks`` is run and its result sent on
    ``results`` (progress events first), until None, the end of the pipe or SIGTERM."""
    global _events, _lanes
    from lkjipkit.publish.execute import WarmLanes

    def stop(signum, frame):
        raise SystemExit("timed out")

    signal.signal(signal.SIGTERM, stop)
    _events, _lanes = results, WarmLanes()
    try:
        while True:
            task = tasks.recv()
            if task is None:
                break
            func, args = task
            try:
                result: tuple[bool, Any] = (True, func(*args))
            except BaseException as exc:  # the report's failure; SystemExit (timed out): also the worker's end
                result = (False, f"{type(exc).__name__}: {exc}")
                if not isinstance(exc, Exception):
                    raise
            finally:
                with contextlib.suppress(OSError, ValueError):
                    results.send(result)
    except (EOFError, OSError, SystemExit, KeyboardInterrupt):
        pass
    finally:
        _lanes.close()


def _stop(child) -> None:
    child.terminate()
    child.join(GRACE)
    if child.is_alive():
        child.kill()
        child.join()


def stop_all() -> None:
    """Stop every isolated process still running (the batch was interrupted)."""
    with _live_lock:
        children = list(_live)
    for child in children:
        if child.is_alive():
            _stop(child)


def run(
    jobs: list[Job],
    *,
    workers: int | None = None,
    force: bool = False,
    formats: str | Iterable[str] = tuple(FORMATS),
    scheduler: str | None = None,
    notebooks: Path | None = None,
    progress: bool | str | None = None,
    on_done: Callable[[Outcome], None] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    keep_kernels: bool = True,
) -> Summary:
    """Build every job that is not current; return what happened to each.

    Each report is built in a process of its own and stopped after ``timeout`` seconds (None: no
    limit); whatever it raises or however long it hangs, it is a failed outcome with its reason.
    ``keep_kernels``: each of the ``workers`` is a :class:`Worker`, building report after report on the
    warm kernels it keeps; False: every report in a new process that starts kernels of its own.

    ``progress`` on stderr: ``"bars"`` (or True) a bar per report being built and one for the batch
    with its ETA; ``"lines"`` one line per event (a report started, each chapter and step of it, a
    report finished, with the ETA), for logs; False nothing; None bars on a terminal, lines otherwise.
    On a Dask cluster only finished reports are shown.
    """
    formats = parse_formats(formats)
    summary = Summary()
    todo = []
    for job in jobs:
        if not force and not job.error and is_current(job):
            summary.outcomes.append(Outcome(job, "skipped", _("unchanged since the last build")))
        else:
            todo.append(job)
    if progress is None:
        progress = "bars" if sys.stderr.isatty() else "lines"
    bar = _Progress(todo, {True: "bars", False: None}.get(progress, progress))
    try:
        with bar:
            results = _execute(
                todo, workers or config.usable_cpus(), formats, scheduler, notebooks, timeout, bar.event, keep_kernels
            )
            for outcome in results:
                summary.outcomes.append(outcome)
                bar.finished(outcome)
                if on_done:
                    on_done(outcome)
    except BaseException:
        stop_all()  # Ctrl-C: no report goes on building behind the user's back
        raise
    return summary


def _execute(todo, workers, formats, scheduler, notebooks, timeout, on_event, keep_kernels=True):
    """The outcome of every job as it finishes; ``on_event(job, event)`` gets each step of a build in
    the pool (a Dask cluster reports only finished reports). On a Dask cluster every report starts its
    own kernels: a Dask worker outlives the batch, and kernels kept there would too."""
    if not todo:
        return
    if scheduler:
        from distributed import Client
        from distributed import as_completed as dask_completed

        with Client(scheduler) as client:
            futures = {client.submit(isolated_build, job, formats, notebooks, timeout, pure=False): job for job in todo}
            for fut in dask_completed(futures):
                try:
                    yield fut.result()
                except Exception as exc:  # the worker itself failed (died, lost): this report failed
                    yield Outcome(
                        futures[fut],
                        "failed",
                        _("on the Dask cluster: {error}").format(error=f"{type(exc).__name__}: {exc}"),
                    )
        return
    import lkjipkit.publish.core  # noqa: F401 - imported once here, inherited by every worker

    pool_workers = _Workers()
    build = pool_workers.build if keep_kernels else isolated_build
    try:
        with ThreadPoolExecutor(max_workers=min(workers, len(todo)), thread_name_prefix="lkjip-batch") as pool:
            futures = [
                pool.submit(build, job, formats, notebooks, timeout, functools.partial(on_event, job)) for job in todo
            ]
            for fut in as_completed(futures):
                yield fut.result()
    finally:
        pool_workers.close()


def duration(seconds: float) -> str:
    """``42 s``, ``3 min 05 s``, ``1 h 02 min``: a time span as the progress prints it."""
    s = round(seconds)
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60:02d} s"
    return f"{s // 3600} h {s % 3600 // 60:02d} min"


def eta(elapsed: float, finished: int, remaining: int) -> float | None:
    """Seconds left: the time per finished report so far (all workers together) times the reports left;
    None before the first report finishes."""
    if remaining <= 0:
        return 0.0
    return elapsed / finished * remaining if finished else None


def _label(job: Job) -> str:
    return f"{job.slug}/{job.year}" if job.slug else str(job.dataset)


class _Progress:
    """Which report is running, its chapter, and the ETA from the reports finished so far.

    ``mode`` ``bars``: rich bars on a terminal (stderr), one for the batch with its ETA and one per
    report being built (chapters done, the current chapter or step). ``lines``: one plain line per
    event on stderr (a report started, a chapter or step of it began, a report finished with the ETA),
    for logs. None: silent. Reports that cannot run (an invalid dataset) count as finished at once
    and not in the ETA.
    """

    def __init__(self, todo: list[Job], mode: str | None):
        self.total = len(todo)
        self.mode = mode if todo else None
        self._runnable = sum(not j.error for j in todo)
        self._ran = self._finished = 0
        self._lock = threading.Lock()
        self._tasks: dict[str, Any] = {}
        self._progress = None
        self._start = time.perf_counter()

    def __enter__(self):
        self._start = time.perf_counter()
        if self.mode == "bars":
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
            from rich.table import Column

            # On a narrow terminal the status wraps: left to rich's defaults, a long status (the last
            # report's name) squeezed the bar, the count and the time out of the line.
            self._progress = Progress(
                TextColumn("{task.description:<34}", table_column=Column(no_wrap=True)),
                BarColumn(bar_width=24),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.fields[status]}", table_column=Column(overflow="ellipsis")),
                console=Console(stderr=True),
            )
            self._progress.__enter__()
            self._task = self._progress.add_task("[bold]laporan", total=self.total, status="")
        return self

    def _line(self, text: str) -> None:
        width = len(str(self.total))
        print(f"[{self._finished:>{width}}/{self.total}] {text}", file=sys.stderr, flush=True)

    def event(self, job: Job, ev: Event) -> None:
        """A step of ``job``'s build (from a pool thread)."""
        label = _label(job)
        with self._lock:
            if self.mode == "lines":
                if ev.kind == "start":
                    self._line(_("{report}: started ({n} chapters)").format(report=label, n=ev.total))
                elif ev.kind == "chapter":
                    self._line(
                        _("{report}: chapter {i}/{n} {chapter}").format(
                            report=label, i=ev.done + 1, n=ev.total, chapter=ev.detail
                        )
                    )
                elif ev.kind == "step":
                    self._line(f"{label}: {_(ev.detail)}")
            elif self._progress is not None:
                task = self._tasks.get(label)
                if task is None:
                    task = self._tasks[label] = self._progress.add_task(f"  {label}", total=ev.total or None, status="")
                status = {"chapter": _("chapter {chapter}").format(chapter=ev.detail), "step": _(ev.detail)}.get(
                    ev.kind
                )
                self._progress.update(task, completed=ev.done, total=ev.total or None)
                if status:
                    self._progress.update(task, status=status)

    def finished(self, outcome: Outcome) -> None:
        """A report finished (built or failed): drop its bar, say so, update the ETA."""
        label = _label(outcome.job)
        with self._lock:
            self._finished += 1
            if not outcome.job.error:
                self._ran += 1
            left = eta(time.perf_counter() - self._start, self._ran, self._runnable - self._ran)
            when = (
                ""
                if left is None
                else _("ETA {time}").format(time=duration(left))
                if self._finished < self.total
                else _("all done")
            )
            if self.mode == "lines":
                took = _(" in {time}").format(time=duration(outcome.seconds)) if outcome.seconds else ""
                reason = f": {outcome.reason.splitlines()[0]}" if outcome.reason else ""
                self._line(f"{label}: {status_word(outcome.status)}{took}{reason}" + (f" · {when}" if when else ""))
            elif self._progress is not None:
                task = self._tasks.pop(label, None)
                if task is not None:
                    self._progress.remove_task(task)
                self._progress.update(
                    self._task,
                    advance=1,
                    status=_("{eta} · last: {report} {status}").format(
                        eta=when, report=label, status=status_word(outcome.status)
                    ),
                )

    def __exit__(self, *exc):
        if self._progress is not None:
            self._progress.__exit__(*exc)
        return False
