"""``build_report``: one call from a dataset to the report folder of one agency-year.

1. Find and check the chapter notebooks; start warm kernels in the background.
2. Load and validate the dataset, settle the year (``DatasetError`` / ``YearError``
   stop the build before anything is written).
3. Into a fresh folder beside the target (see :mod:`.output`): execute every
   chapter with papermill, concurrently (:mod:`.execute`), keeping the executed
   notebooks; meanwhile write the computed tables and the review findings when
   those modules exist.
4. Export in-process with the ``lkjip`` nbconvert exporter and assemble
   ``laporan.html``; print ``laporan.pdf`` from it with WeasyPrint.
5. Write ``provenance.json`` and swap the folder in for the previous report.

Any failure leaves the previous report untouched and keeps the partial build in
``<year>.failed/`` beside it; a failing chapter raises
:class:`~lkjipkit.errors.ChapterExecutionError` naming the chapter, the cell and
the cause.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lkjipkit import __version__, config
from lkjipkit.errors import BuildError, ChapterExecutionError, LkjipError

from . import provenance
from .assemble import ChapterHTML, Footer, build_time, front_matter, render_page
from .chapters import find_chapters
from .execute import Executor, longest_first
from .output import PROVENANCE, OutputFolder
from .progress import reporter

FORMATS = ("html", "pdf")
HTML_NAME, PDF_NAME = "laporan.html", "laporan.pdf"
NOTEBOOKS, TABLES, REVIEW = "notebooks", "tabel", "reviu.json"


@dataclass
class BuildResult:
    """What a build wrote; every path is in the final report folder."""

    out_dir: Path
    slug: str
    year: int
    html: Path | None
    pdf: Path | None
    notebooks: list[Path]
    tables: list[Path]
    review: Path | None
    provenance: Path
    seconds: float
    chapter_seconds: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """A few lines for the terminal: what was built, where, how long, and any warnings."""
        made = ", ".join(p.name for p in (self.html, self.pdf) if p is not None)
        lines = [f"{_show(self.out_dir)}: {made} ({len(self.notebooks)} chapters) in {self.seconds:.1f} s"]
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)


def _show(path: Path) -> str:
    """A path as short as possible for messages (relative to the working folder when inside it)."""
    try:
        return os.path.relpath(path) if Path(path).resolve().is_relative_to(Path.cwd()) else str(path)
    except (OSError, ValueError):
        return str(path)


def parse_formats(formats: str | Iterable[str]) -> tuple[str, ...]:
    """``"html,pdf"`` or ``("pdf",)`` → the formats in build order; unknown names are a BuildError."""
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    wanted = {f.strip().lower() for f in items if f and f.strip()}
    unknown = sorted(wanted - set(FORMATS))
    if unknown or not wanted:
        raise BuildError(f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}")
    return tuple(f for f in FORMATS if f in wanted)


def build_report(
    dataset: str | Path,
    year: int | None = None,
    out: str | Path | None = None,
    formats: str | Iterable[str] = FORMATS,
    progress: bool | None = None,
    *,
    notebooks: str | Path | None = None,
    jobs: int | None = None,
    reuse_kernels: bool = True,
    timeout: float | None = None,
) -> BuildResult:
    """Build the report of one agency-year: executed notebooks, ``laporan.html``, ``laporan.pdf`` and more.

    Parameters
    ----------
    dataset
        A dataset folder or Excel workbook.
    year
        The report year; None (or 0) means the latest year in ``laporan.yaml``.
    out
        The report folder; default ``reports/<agency-slug>/<year>/``. Its previous
        content (a report built earlier) is replaced only if the build succeeds.
    formats
        ``"html"``, ``"pdf"`` or both (a comma-separated string or a sequence).
    progress
        Per-chapter progress on stderr; None: only when stderr is a terminal.
    notebooks
        Folder of the chapter notebooks (default: the package's ``notebooks/``).
    jobs
        Chapters executed at once (default: the CPUs, at least 2).
    reuse_kernels
        Run the chapters on warm kernels reset between chapters (fast); False
        gives every chapter a fresh kernel.
    timeout
        Seconds one cell may run before the chapter fails (default: no limit).

    Raises
    ------
    DatasetError, DatasetNotFoundError, YearError
        The dataset or year is not usable; nothing was written.
    ChapterExecutionError
        A chapter failed: its name, the cell, the exception's name and value, and
        where the failed notebook was kept.
    BuildError
        Anything else that stopped the build (notebooks folder, output folder, export).
    """
    start = time.perf_counter()
    timings: dict[str, float] = {}
    formats = parse_formats(formats)
    chapters = find_chapters(Path(notebooks) if notebooks else config.notebooks_dir())
    progress_ui = reporter(chapters, progress)
    executor = Executor(chapters, jobs=jobs, reuse_kernels=reuse_kernels, timeout=timeout, listener=progress_ui)
    progress_ui.start()
    executor.start()  # the kernels start and warm up while this process validates the dataset
    try:
        _import_jsonschema_quickly()
        import papermill  # noqa: F401 - now, while the kernels start, rather than in the lanes later

        from lkjipkit.dataset import load_dataset

        t = time.perf_counter()
        with progress_ui.step("validate dataset"):
            ds = load_dataset(dataset)
            year = ds.resolve_year(year)
        timings["validate"] = time.perf_counter() - t
        target = Path(out) if out else config.reports_dir() / ds.slug / str(year)
        parameters = {"dataset": str(Path(dataset).resolve()), "year": year}
        order = longest_first(chapters, _previous_seconds(target))
        with OutputFolder(target) as folder:
            try:
                result = _build(ds, year, parameters, formats, folder, executor, order, progress_ui, timings, start)
            except BaseException:
                executor.close(kill=True)  # no chapter may go on writing into the folder being put aside
                raise
            folder.commit()
    finally:
        executor.close()
        progress_ui.stop()
    return _relocate(result, folder)


def _build(ds, year, parameters, formats, folder: OutputFolder, executor: Executor, order, ui, timings, start):
    tmp = folder.tmp
    assert tmp is not None
    warnings: list[str] = []

    t = time.perf_counter()
    runs = executor.submit(parameters, tmp / NOTEBOOKS, order)
    # While the kernels work, this process writes the tables and the review findings, then exports
    # each chapter as soon as it is done.
    hooks = {"tables": _write_tables(ds, year, tmp / TABLES, ui), "review": _write_review(ds, year, tmp / REVIEW, ui)}
    import nbformat

    from .export import LkjipHTMLExporter

    exporter = LkjipHTMLExporter()
    fragments: dict[str, tuple[str, list[str]]] = {}
    export_seconds = 0.0
    for run in executor.completed():
        if run.failure is None:
            t_export = time.perf_counter()
            nb = nbformat.read(run.output, as_version=4)
            html, res = exporter.chapter_html(nb, {"metadata": {"name": run.chapter.name}})
            fragments[run.chapter.name] = (html, res["lkjip"]["dropped"])
            export_seconds += time.perf_counter() - t_export
    runs = executor.wait()
    timings["execute"] = time.perf_counter() - t
    failed = [r for r in runs if r.failure is not None]
    if failed:
        log = executor.kernel_output()
        if log:
            (tmp / "kernels.log").write_bytes(log)
        _write_provenance(tmp, ds, parameters, formats, runs, hooks, timings, warnings, start, status="failed")
        kept = folder.fail()
        first = failed[0]
        raise ChapterExecutionError(
            first.chapter.name,
            first.failure.cell,
            first.failure.ename,
            first.failure.evalue,
            _show(kept / NOTEBOOKS / first.output.name),
        )

    t = time.perf_counter()
    with ui.step("export HTML"):
        for r in runs:
            dropped = fragments[r.chapter.name][1]
            warnings += [f"chapter {r.chapter.name}, {d} (left out of the report)" for d in dropped]
        inst = ds.profil.instansi
        page = render_page(
            [ChapterHTML(r.chapter.name, fragments[r.chapter.name][0]) for r in runs],
            front=front_matter(ds, year),
            footer=Footer(__version__, ds.fingerprint, build_time()),
            title=f"LKjIP {year} {inst.nama} {inst.pemerintah}",
        )
        warnings += page.warnings
        html_path = tmp / HTML_NAME if "html" in formats else None
        if html_path is not None:
            html_path.write_text(page.html, encoding="utf-8")
    timings["export_html"] = export_seconds + time.perf_counter() - t

    pdf_path = None
    if "pdf" in formats:
        t = time.perf_counter()
        with ui.step("print PDF"):
            from .pdf import html_to_pdf

            pdf_path = tmp / PDF_NAME
            html_to_pdf(page.html, pdf_path)
        timings["pdf"] = time.perf_counter() - t

    for name, hook in hooks.items():
        if hook.get("skipped"):
            warnings.append(f"{name}: skipped ({hook['skipped']})")
    timings["total"] = time.perf_counter() - start
    prov = _write_provenance(tmp, ds, parameters, formats, runs, hooks, timings, warnings, start, status="built")
    return BuildResult(
        out_dir=tmp,
        slug=ds.slug,
        year=year,
        html=html_path,
        pdf=pdf_path,
        notebooks=[r.output for r in runs],
        tables=[Path(p) for p in hooks["tables"].get("files", [])],
        review=tmp / REVIEW if hooks["review"].get("files") else None,
        provenance=prov,
        seconds=timings["total"],
        chapter_seconds={r.chapter.name: r.seconds for r in runs},
        warnings=warnings,
    )


def _previous_seconds(target: Path) -> dict[str, float]:
    """How long each chapter took in the report built last time at ``target`` (to start the longest first)."""
    try:
        chapters = json.loads((target / PROVENANCE).read_text(encoding="utf-8"))["chapters"]
        return {Path(c["notebook"]).stem: float(c["seconds"]) for c in chapters if c.get("seconds") is not None}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _import_jsonschema_quickly() -> None:
    """Import jsonschema (for nbformat) without its optional ``rfc3987-syntax`` checker of the "iri" format.

    That package compiles a grammar when imported: 1.5 to 3.5 s per process here, a fifth of a whole
    build, for a format no notebook schema uses. Only jsonschema's own import is affected (the "iri"
    format then goes unchecked in this process); ``rfc3987_syntax`` itself stays importable.
    """
    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        return
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment] - makes its import fail, which jsonschema allows
    try:
        import jsonschema  # noqa: F401
    except ImportError:
        pass
    finally:
        if sys.modules.get("rfc3987_syntax", 0) is None:
            del sys.modules["rfc3987_syntax"]


def _relocate(result: BuildResult, folder: OutputFolder) -> BuildResult:
    """The result's paths, moved from the build folder to the report folder."""
    old, new = result.out_dir, folder.target

    def move(p):
        return None if p is None else new / Path(p).relative_to(old)

    result.out_dir = new
    result.html, result.pdf, result.review, result.provenance = map(
        move, (result.html, result.pdf, result.review, result.provenance)
    )
    result.notebooks = [move(p) for p in result.notebooks]
    result.tables = [move(p) if Path(p).is_relative_to(old) else p for p in result.tables]
    return result


# --- optional parts: computed tables, review findings ---------------------------------------------------


def _optional(module: str, *names: str):
    """The first of ``names`` in ``module``, or (None, why not)."""
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and (exc.name == module or module.startswith(exc.name + ".")):
            return None, f"{module} is not available"
        raise
    for name in names:
        fn = getattr(mod, name, None)
        if callable(fn):
            return fn, None
    return None, f"{module} has no {' or '.join(names)}()"


def _write_tables(ds, year: int, out_dir: Path, ui) -> dict[str, Any]:
    """``tabel/``: ``lkjipkit.analysis.write_tables(ds, year, out_dir)``, as ``lkjip tables`` writes them."""
    write_tables, why = _optional("lkjipkit.analysis", "write_tables")
    if write_tables is None:
        return {"skipped": why}
    t = time.perf_counter()
    with ui.step("tables (tabel/)"):
        try:
            files = write_tables(ds, year, out_dir)
        except LkjipError:
            raise
        except Exception as exc:
            raise BuildError(f"writing the computed tables (tabel/) failed: {type(exc).__name__}: {exc}") from exc
    return {"files": [str(p) for p in files or []], "seconds": time.perf_counter() - t}


def _write_review(ds, year: int, path: Path, ui) -> dict[str, Any]:
    """``reviu.json``: the findings of ``lkjipkit.review.review(ds, year)``, as ``lkjip review --json`` prints them
    (or ``lkjipkit.review.write_findings(ds, year, path)`` if the module offers it)."""
    fn, why = _optional("lkjipkit.review", "write_findings", "review")
    if fn is None:
        return {"skipped": why}
    t = time.perf_counter()
    out: dict[str, Any] = {}
    with ui.step("review findings"):
        try:
            if fn.__name__ == "write_findings":
                fn(ds, year, path)
            else:
                import lkjipkit.review as review

                findings = fn(ds, year)
                to_json = getattr(review, "to_json", None)
                text = to_json(findings) if callable(to_json) else json.dumps(_jsonable(findings), ensure_ascii=False)
                path.write_text(text + "\n", encoding="utf-8")
                counts = getattr(review, "counts", None)
                out["findings"] = counts(findings) if callable(counts) else len(findings)
        except LkjipError:
            raise
        except Exception as exc:
            raise BuildError(f"writing the review findings ({REVIEW}) failed: {type(exc).__name__}: {exc}") from exc
    return out | {"files": [str(path)] if path.exists() else [], "seconds": time.perf_counter() - t}


def _jsonable(obj):
    import dataclasses

    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return dataclasses.asdict(obj)
    if isinstance(obj, list | tuple):
        return [_jsonable(o) for o in obj]
    if hasattr(obj, "to_dict"):
        return obj.to_dict()
    return obj


def _write_provenance(tmp, ds, parameters, formats, runs, hooks, timings, warnings, start, status) -> Path:
    data = provenance.record(
        status=status,
        built_at=build_time().isoformat(timespec="seconds"),
        dataset={
            "path": parameters["dataset"],
            "fingerprint_sha256": ds.fingerprint,
            "agency": ds.profil.instansi.nama_lengkap,
            "slug": ds.slug,
        },
        parameters=parameters,
        formats=list(formats),
        execution={
            "kernels": "warm, reset between chapters" if any(r.warm for r in runs) else "a fresh kernel per chapter",
            "lanes": len({r.lane for r in runs if r.lane is not None}),
        },
        chapters=[
            {
                "notebook": r.chapter.path.name,
                "source": str(r.chapter.path),
                "source_sha256": r.chapter.sha256,
                "status": "failed" if r.failure else "skipped" if r.skipped else "executed",
                "seconds": None if r.seconds is None else round(r.seconds, 3),
                **({"failure": vars(r.failure)} if r.failure else {}),
            }
            for r in runs
        ],
        timings_seconds={k: round(v, 3) for k, v in timings.items()},
        tables={k: v for k, v in hooks["tables"].items() if k != "files"}
        | {"files": [Path(f).name for f in hooks["tables"].get("files", [])]},
        review={k: v for k, v in hooks["review"].items() if k != "files"}
        | ({"file": REVIEW} if hooks["review"].get("files") else {}),
        warnings=warnings,
    )
    return provenance.write(tmp / PROVENANCE, data)
