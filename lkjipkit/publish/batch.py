"""Many agency-year reports at once: a worker pool here, or a Dask cluster.

A city has some 40 agencies, a province hundreds, and each reruns its report
after every data correction. :func:`plan` turns datasets and years into jobs
(refusing two that would write the same agency-year), :func:`run` builds them
in parallel, one failure never stopping the others, and skips every report
whose inputs have not changed since it was last built.

The inputs of a report are the dataset's content, the chapter notebooks, the
lkjipkit version and the parameters (year, formats, final); their SHA-256 is stored
beside the report in ``.lkjip-inputs`` after a successful build.
"""

from __future__ import annotations

import hashlib
import re
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from lkjipkit import __version__, config
from lkjipkit.errors import DatasetError, LkjipError

from .chapters import chapter_paths
from .formats import FORMATS, parse_formats

INPUTS_FILE = ".lkjip-inputs"


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
            out.append(f"{o.status:8} {label}{extra}{reason}")
        out.append(
            f"{self.count('built')} built, {self.count('failed')} failed, {self.count('skipped')} skipped "
            f"of {len(self.outcomes)} reports"
        )
        return out


_RANGE = re.compile(r"^\s*(\d{4})\s*(?:-\s*(\d{4}))?\s*$")


def parse_years(text: str | int) -> list[int]:
    """``2016`` → [2016]; ``2015-2016`` → [2015, 2016]; ``2014,2016`` → [2014, 2016]."""
    years: list[int] = []
    for part in str(text).split(","):
        m = _RANGE.match(part)
        if not m:
            raise LkjipError(f"--year {text!r}: expected a year (2016), a range (2015-2016) or a list (2014,2016)")
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
        if last < first:
            raise LkjipError(f"--year {part.strip()!r}: the range ends before it starts")
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
) -> str:
    """What a report is made from: dataset, notebooks, package version, parameters (``formats`` as
    :func:`~lkjipkit.publish.formats.parse_formats` gives them; ``final`` and ``allow_incomplete``
    only when given, so the fingerprint of a default build is what it always was)."""
    parts = [dataset_fingerprint, notebooks_digest, __version__, str(year), ",".join(sorted(formats))]
    if final is not None or allow_incomplete:
        parts.append(f"final={final},allow_incomplete={allow_incomplete}")
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
    final: bool | None = None,
    allow_incomplete: bool = False,
) -> list[Job]:
    """Turn datasets x years into jobs (``final``, ``allow_incomplete``: as for :func:`build_report`).

    A dataset that does not load gives failing jobs carrying the validation
    error (the others still run). Two datasets that would write the same
    agency-year are refused before any work starts. A dataset folder whose
    reports are all current (same inputs as their last successful build) is
    not even loaded, so an unchanged batch is planned in a moment.
    """
    from lkjipkit.dataset import fingerprint, load_dataset

    out_root = Path(out_root) if out_root else config.reports_dir()
    notebooks_digest = _notebooks_digest(notebooks or config.notebooks_dir())
    formats = parse_formats(formats)
    jobs: list[Job] = []
    owner: dict[tuple[str, int], Path] = {}
    edition = {"final": final, "allow_incomplete": allow_incomplete}

    def claim(slug: str, year: int, path: Path) -> None:
        if (slug, year) in owner:
            raise LkjipError(
                f"{owner[slug, year]} and {path} would both write {slug}/{year}; "
                "give each agency its own instansi.slug in profil.yaml"
            )
        owner[slug, year] = path

    for raw in datasets:
        path = Path(raw)
        slug = _slug_only(path) if path.is_dir() else ""
        if slug:
            fp = fingerprint(path)
            quick = [
                Job(
                    path,
                    y,
                    slug,
                    out_root / slug / str(y),
                    inputs_fingerprint(fp, notebooks_digest, y, formats, **edition),
                    **edition,
                )
                for y in years
            ]
            if all(is_current(job) for job in quick):
                for job in quick:
                    claim(slug, job.year, path)
                jobs += quick
                continue
        try:
            ds = load_dataset(path)
        except DatasetError as exc:
            first = exc.lines()[0] if exc.problems else str(exc)
            more = f" (+{len(exc.problems) - 1} more)" if len(exc.problems) > 1 else ""
            reason = f"dataset does not validate: {first}{more}"
            jobs += [Job(path, y, slug, out_root / slug / str(y) if slug else out_root, error=reason) for y in years]
            continue
        except LkjipError as exc:
            jobs += [Job(path, y, "", out_root, error=str(exc)) for y in years]
            continue
        for year in years:
            claim(ds.slug, year, path)
            error = "" if year in ds.laporan else f"no report year {year} in laporan.yaml (years there: {ds.years})"
            inputs = inputs_fingerprint(ds.fingerprint, notebooks_digest, year, formats, **edition)
            out = out_root / ds.slug / str(year)
            jobs.append(Job(path, year, ds.slug, out, inputs=inputs, error=error, **edition))
    return jobs


def is_current(job: Job) -> bool:
    """The report exists and was built from exactly these inputs."""
    stamp = job.out / INPUTS_FILE
    return bool(job.inputs) and stamp.is_file() and stamp.read_text().strip() == job.inputs


def build_one(job: Job, formats: tuple[str, ...] = tuple(FORMATS), notebooks: Path | None = None) -> Outcome:
    """Build one report (in a worker); never raises."""
    if job.error:
        return Outcome(job, "failed", job.error)
    from lkjipkit.publish import build_report

    start = time.perf_counter()
    try:
        kwargs = {"notebooks": notebooks} if notebooks is not None else {}
        # one kernel lane per report: in a batch the reports are what runs side by side
        kwargs |= {"final": job.final, "allow_incomplete": job.allow_incomplete}
        build_report(job.dataset, job.year, out=job.out, formats=formats, progress=False, jobs=1, **kwargs)
    except LkjipError as exc:
        return Outcome(job, "failed", str(exc).splitlines()[0], time.perf_counter() - start)
    except Exception as exc:  # one broken report must not stop a batch
        return Outcome(job, "failed", f"{type(exc).__name__}: {exc}", time.perf_counter() - start)
    (job.out / INPUTS_FILE).write_text(job.inputs + "\n")
    return Outcome(job, "built", seconds=time.perf_counter() - start)


def run(
    jobs: list[Job],
    *,
    workers: int | None = None,
    force: bool = False,
    formats: str | Iterable[str] = tuple(FORMATS),
    scheduler: str | None = None,
    notebooks: Path | None = None,
    progress: bool | None = None,
    on_done: Callable[[Outcome], None] | None = None,
) -> Summary:
    """Build every job that is not current; return what happened to each."""
    formats = parse_formats(formats)
    summary = Summary()
    todo = []
    for job in jobs:
        if not force and not job.error and is_current(job):
            summary.outcomes.append(Outcome(job, "skipped", "unchanged since the last build"))
        else:
            todo.append(job)
    if progress is None:
        progress = sys.stderr.isatty()

    bar = _Progress(len(todo), progress)
    with bar:
        for outcome in _execute(todo, workers or config.usable_cpus(), formats, scheduler, notebooks):
            summary.outcomes.append(outcome)
            bar.advance(outcome)
            if on_done:
                on_done(outcome)
    return summary


def _execute(todo, workers, formats, scheduler, notebooks):
    if not todo:
        return
    if scheduler:
        from distributed import Client
        from distributed import as_completed as dask_completed

        with Client(scheduler) as client:
            futures = [client.submit(build_one, job, formats, notebooks, pure=False) for job in todo]
            for fut in dask_completed(futures):
                yield fut.result()
        return
    if workers == 1 or len(todo) == 1:
        for job in todo:
            yield build_one(job, formats, notebooks)
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(todo))) as pool:
        futures = [pool.submit(build_one, job, formats, notebooks) for job in todo]
        for fut in as_completed(futures):
            yield fut.result()


class _Progress:
    """A rich progress bar with ETA on a terminal; silent otherwise."""

    def __init__(self, total: int, enabled: bool):
        self.total, self.enabled = total, enabled and total > 0
        self._progress = None

    def __enter__(self):
        if self.enabled:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._progress = Progress(
                TextColumn("[bold]laporan"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                TextColumn("{task.description}"),
                transient=False,
            )
            self._progress.__enter__()
            self._task = self._progress.add_task("", total=self.total)
        return self

    def advance(self, outcome: Outcome) -> None:
        if self._progress is not None:
            self._progress.update(self._task, advance=1, description=f"{outcome.job.slug}/{outcome.job.year}")

    def __exit__(self, *exc):
        if self._progress is not None:
            self._progress.__exit__(*exc)
        return False
