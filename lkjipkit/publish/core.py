"""``build_report``: one call from a dataset to the report folder of one agency-year.

1. Find and check the chapter notebooks; start warm kernels in the background.
2. Load and validate the dataset, settle the year (``DatasetError`` / ``YearError``
   stop the build before anything is written).
3. Into a fresh folder beside the target (see :mod:`.output`): execute every
   chapter with papermill, concurrently (:mod:`.execute`), keeping the executed
   notebooks; meanwhile write the computed tables (:func:`lkjipkit.analysis.write_tables`)
   and the review findings (:func:`lkjipkit.review.review`).
4. Export each chapter in-process with the ``lkjip`` nbconvert exporter and
   assemble the report page with the front matter (:mod:`lkjipkit.report.front`);
   write it in every format asked for (:mod:`.formats`: ``laporan.html``, ``laporan.pdf``).
5. Write ``provenance.json`` and swap the folder in for the previous report.

Any failure leaves the previous report untouched and keeps the partial build in
``<year>.failed/`` beside it; a failing chapter raises
:class:`~lkjipkit.errors.ChapterExecutionError` naming the chapter, the cell and
the cause. A fault of the disk (full, read-only, a name too long) raises
:class:`~lkjipkit.errors.OutputError` naming the path; a build that filled the
disk is removed, not kept.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lkjipkit import __version__, config
from lkjipkit.errors import BuildError, ChapterExecutionError, FileAccessError, LkjipError, OutputError
from lkjipkit.i18n import N_, _, ngettext

from . import provenance
from .assemble import ChapterHTML, Footer, build_time, render_page
from .chapters import resolve_chapters, wording_overrides
from .execute import Executor, WarmLanes, longest_first
from .formats import FORMATS, BesideWriter, PageInfo, parse_formats
from .output import PROVENANCE, OutputFolder
from .progress import reporter

NOTEBOOKS, TABLES, REVIEW = "notebooks", "tabel", "reviu.json"


@dataclass
class BuildResult:
    """What a build wrote; every path is in the final report folder."""

    out_dir: Path
    slug: str
    year: int
    outputs: dict[str, Path]
    """The report in each format built (``{"html": …/laporan.html, "pdf": …/laporan.pdf}``), in build order."""
    notebooks: list[Path]
    tables: list[Path]
    review: Path
    provenance: Path
    seconds: float
    chapter_seconds: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    review_counts: dict[str, int] = field(default_factory=dict)
    """The review findings per severity (``{"error": 1, "warning": 18, "info": 0}``)."""
    review_section: str | None = None
    """The report's appendix of the review findings (``"Lampiran 2"``); None in a final report, which has none."""

    def summary(self) -> str:
        """A few lines for the terminal: what was built, where, how long, and any warnings."""
        made = ", ".join(p.name for p in self.outputs.values())
        lines = [f"{_show(self.out_dir)}: {made} ({len(self.notebooks)} chapters) in {self.seconds:.1f} s"]
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)


def _show(path: Path) -> str:
    """A path as short as possible for messages (relative to the working folder when inside it)."""
    try:
        return os.path.relpath(path) if Path(path).resolve().is_relative_to(Path.cwd()) else str(path)
    except (OSError, ValueError):
        return str(path)


def build_report(
    dataset: str | Path,
    year: int | None = None,
    out: str | Path | None = None,
    formats: str | Iterable[str] = tuple(FORMATS),
    progress: bool | None = None,
    *,
    notebooks: str | Path | None = None,
    jobs: int | None = None,
    reuse_kernels: bool = True,
    timeout: float | None = None,
    final: bool | None = None,
    allow_incomplete: bool = False,
    allow_dropped_outputs: bool = False,
    lanes: WarmLanes | None = None,
) -> BuildResult:
    """Build the report of one agency-year: executed notebooks, the report in each format, tables, review.

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
        Names from :data:`lkjipkit.publish.formats.FORMATS` (``"html"``, ``"pdf"``), as a
        comma-separated string or a sequence; default all of them.
    progress
        Per-chapter progress on stderr; None: only when stderr is a terminal.
    notebooks
        Folder of the default chapter notebooks (default: the package's ``notebooks/``); the dataset's own
        ``notebooks/`` replace or extend them by file name (:func:`~lkjipkit.publish.chapters.resolve_chapters`).
    jobs
        Chapters executed at once (default: the CPUs, at least 2).
    reuse_kernels
        Run the chapters on warm kernels reset between chapters (fast); False
        gives every chapter a fresh kernel.
    timeout
        Seconds one cell may run before the chapter fails (default: no limit).
    final
        True: the final report (no *Catatan penyusun*, no review appendix, no footer); False: a draft;
        None: the year's ``status`` in ``laporan.yaml`` (default draft).
    allow_incomplete
        Build a final report even while required gaps remain (its cover then says KONSEP).
    allow_dropped_outputs
        Leave out, with a warning, chapter outputs the report cannot show (printed text, a bare value,
        ``display(Markdown(...))``) instead of failing (:class:`~lkjipkit.publish.export.DroppedOutputError`).
    lanes
        Warm kernel lanes kept from one build to the next (:class:`~lkjipkit.publish.execute.WarmLanes`, a
        batch worker's): the chapters run on their kernels, reset as between two chapters, and leave them
        running for the next build. Default: this build starts its kernels and stops them when it ends.

    Raises
    ------
    DatasetError, DatasetNotFoundError, YearError
        The dataset or year is not usable; nothing was written.
    IncompleteReportError
        A final report was asked for while required gaps remain (every one listed); nothing was written.
    ChapterExecutionError
        A chapter failed: its name, the cell, the exception's name and value, and
        where the failed notebook was kept.
    OutputError
        The output could not be written: a folder that is read-only or not writable, a full disk,
        a name longer than the file system allows. The previous report is unchanged.
    BuildError
        Anything else that stopped the build (an unknown format, the notebooks folder, the output
        folder, the export, the tables or the review).
    """
    start = time.perf_counter()
    timings: dict[str, float] = {}
    formats = parse_formats(formats)
    chapters = resolve_chapters(dataset, Path(notebooks) if notebooks else config.notebooks_dir())
    progress_ui = reporter(chapters, progress)
    executor = Executor(
        chapters, jobs=jobs, reuse_kernels=reuse_kernels, timeout=timeout, listener=progress_ui, lanes=lanes
    )
    handover = None  # the folder of what the chapters are handed (lkjipkit.report.handover)
    # A single build writes some formats (the PDF) in a process of their own while it writes another that
    # takes time (Word); a batch's workers (lanes given) keep the cores busy with other reports already.
    writers_beside: dict[str, BesideWriter] = {}
    try:  # from the lanes' start on: a Ctrl-C at any moment still stops them (and the kernels) in `finally`
        progress_ui.start()
        executor.start()  # the kernels start and warm up while this process validates the dataset
        from lkjipkit.report.handover import folder as handover_folder
        from lkjipkit.report.handover import hand_over

        handover = handover_folder()
        _import_jsonschema_quickly()
        import papermill  # noqa: F401 - now, while the kernels start, rather than in the lanes later

        from lkjipkit.analysis import analyse
        from lkjipkit.dataset import load_dataset
        from lkjipkit.report.prose import vocabulary

        t = time.perf_counter()
        with progress_ui.step(N_("validate dataset")):
            ds = load_dataset(dataset)
            year = ds.resolve_year(year)
            analysis = analyse(ds, year)  # once per build: the edition, the tables, the review and the chapters
            # the Markdown cells' placeholders, made once if a cell needs them: for the fact-check and the export
            prose = functools.cache(lambda: vocabulary(ds, year, analysis))
            edition = _edition(ds, year, final, allow_incomplete, str(dataset), analysis, chapters, prose)
        timings["validate"] = time.perf_counter() - t
        target = Path(out) if out else config.reports_dir() / ds.slug / str(year)
        parameters = {"dataset": str(Path(dataset).resolve()), "year": year, "status": edition.status}
        t = time.perf_counter()
        environment = hand_over(handover.name, parameters["dataset"], analysis, edition.findings)
        timings["hand_over"] = time.perf_counter() - t
        order = longest_first(chapters, _previous_seconds(target))
        meanwhile = [n for n in formats if FORMATS[n].beside is None and not FORMATS[n].instant]
        if lanes is None and meanwhile:
            writers_beside = {name: FORMATS[name].beside() for name in formats if FORMATS[name].beside is not None}
        try:
            with OutputFolder(target) as folder:
                try:
                    result = _build(
                        analysis,
                        parameters,
                        environment,
                        edition,
                        formats,
                        folder,
                        executor,
                        order,
                        progress_ui,
                        timings,
                        start,
                        prose,
                        writers_beside,
                        allow_dropped_outputs,
                    )
                except BaseException:
                    executor.close(kill=True)  # no chapter may go on writing into the folder being put aside
                    raise
                folder.commit()
        except OSError as exc:
            error = OutputError.from_os_error(exc, exc.filename or _show(target), doing=_("writing the report"))
            error.add_note(
                _("The previous report (if any) at {target} is unchanged; {kept}.").format(
                    target=_show(target), kept=_kept(folder)
                )
            )
            raise error from exc
    finally:
        for writer in writers_beside.values():
            writer.close()
        executor.close()
        progress_ui.stop()
        if handover is not None:
            handover.cleanup()
    return _relocate(result, folder)


@dataclass(frozen=True)
class _Edition:
    """Draft or final, the gaps that remain and the review's verdict on the analyst's texts (``provenance.json``,
    the PDF metadata, the cover)."""

    status: str
    """``draft`` or ``final``: what the chapters are told (their ``status`` parameter)."""
    gaps: tuple = ()
    """The year's gaps (:attr:`lkjipkit.analysis.YearAnalysis.gaps`)."""
    findings: tuple = ()
    """The year's review findings (:func:`lkjipkit.review.review`)."""

    @property
    def open(self) -> list:
        """The required gaps: those a final report may not have."""
        return [g for g in self.gaps if g.wajib]

    @property
    def contradicted(self) -> list:
        """The analyst's claims that contradict the data (error-level ``CLAIM-*``, not accepted in ``reviu.yaml``)."""
        return [f for f in self.findings if f.rule.startswith("CLAIM-") and f.severity == "error" and not f.diterima]

    @property
    def label(self) -> str:
        """``draft``, ``final`` or ``final, incomplete``."""
        return "final, incomplete" if self.status == "final" and (self.open or self.contradicted) else self.status

    @property
    def konsep(self) -> str | None:
        """The line under *KONSEP* on the cover; None for a complete final report."""
        if self.status == "draft":
            return "Draf untuk penyusun: memuat catatan penyusun"
        parts = [f"{len(self.open)} hal belum diisi"] if self.open else []
        parts += [f"{len(self.contradicted)} klaim teks bertentangan dengan data"] if self.contradicted else []
        return f"Belum lengkap: {', '.join(parts)}" if parts else None

    def record(self) -> dict[str, Any]:
        return {
            "status": self.label,
            "gaps": [g.to_dict() for g in self.gaps],
            "claims": [{"aturan": f.rule, "lokasi": f.location, "klaim": f.found, "data": f.expected}
                       for f in self.contradicted],
            "diterima": [{"aturan": f.rule, "lokasi": f.location, "alasan": f.alasan}
                         for f in self.findings if f.diterima],
        }  # fmt: skip


class UnresolvedReportError(LkjipError):
    """A final report was asked for while analyst texts contradict the data (and perhaps required gaps remain):
    the whole list, the gaps first, in the format of :class:`~lkjipkit.analysis.gaps.IncompleteReportError`
    (a sibling: this module loads before the analysis does)."""

    def __init__(self, gaps: list, claims: list, source: str = "", year: int | None = None) -> None:
        self.gaps, self.claims, self.source = list(gaps), list(claims), source
        folder = "" if source.lower().endswith((".xlsx", ".xlsm")) else source
        head = f"{source}: " if source else ""
        when = f" {year}" if year is not None else ""
        n, m = len(self.gaps), len(self.claims)
        what = [ngettext("{n} item to fill in", "{n} items to fill in", n).format(n=n)] if n else []
        what.append(
            ngettext(
                "{n} claim in the analyst's texts contradicting the data",
                "{n} claims in the analyst's texts contradicting the data",
                m,
            ).format(n=m)
        )
        lines = [x.problem().format(folder) for x in [*self.gaps, *self.claims]]
        todo = _("Fill them in, correct the texts") if n else _("Correct the texts")
        super().__init__(
            head
            + _("the final report{year} is not complete: {what}").format(year=when, what=_(" and ").join(what))
            + "\n"
            + "\n".join(lines)
            + "\n"
            + _(
                "{todo} (or accept a finding with its reason in reviu.yaml, key diterima), or build a draft "
                "(without --final), or add --allow-incomplete (the cover then says KONSEP)."
            ).format(todo=todo)
        )


def _edition(
    ds, year: int, final: bool | None, allow_incomplete: bool, source: str, analysis, chapters, prose
) -> _Edition:
    """Draft or final (``--final``, else ``laporan.yaml``); a final report is refused while required gaps remain
    or an analyst's claim contradicts the data (an error-level ``CLAIM-*`` finding not accepted in ``reviu.yaml``);
    the claims include those of the ``chapters``' Markdown cells (:mod:`lkjipkit.publish.prose_texts`, their
    placeholders filled in from ``prose``, the vocabulary the export uses too).

    Raises
    ------
    IncompleteReportError
        Final, not ``allow_incomplete``, and something required is missing (the whole list);
        :class:`UnresolvedReportError` when claims contradict the data (listed after the gaps).
    """
    from lkjipkit.analysis.gaps import IncompleteReportError
    from lkjipkit.review import review

    from .prose_texts import chapter_texts

    if final is None:
        final = ds.report(year).status == "final"
    findings = review(ds, year, analysis=analysis, texts=chapter_texts(chapters, ds, year, analysis, names=prose))
    edition = _Edition("final" if final else "draft", analysis.gaps, tuple(findings))
    if final and not allow_incomplete and edition.contradicted:
        raise UnresolvedReportError(edition.open, edition.contradicted, source, year)
    if edition.open and final and not allow_incomplete:
        raise IncompleteReportError(edition.open, source, year)
    return edition


def _build(
    analysis,
    parameters,
    environment,
    edition,
    formats,
    folder: OutputFolder,
    executor: Executor,
    order,
    ui,
    timings,
    start,
    prose,
    writers_beside: dict[str, BesideWriter],
    allow_dropped_outputs=False,
):
    ds, year, tmp = analysis.ds, analysis.year, folder.tmp
    assert tmp is not None
    warnings: list[str] = []

    t = time.perf_counter()
    runs = executor.submit(parameters, tmp / NOTEBOOKS, order, environment=environment)
    # While the kernels work, this process writes the tables and the review findings, then exports
    # each chapter as soon as it is done.
    beside = {
        "tables": _write_tables(analysis, tmp / TABLES, ui),
        "review": _write_review(edition.findings, tmp / REVIEW, ui),
    }
    import nbformat

    from .export import DroppedOutputError, LkjipHTMLExporter

    # what a chapter would lose is collected here and refused below, once no chapter failed to run
    exporter = LkjipHTMLExporter(allow_dropped_outputs=True)
    fragments: dict[str, tuple[str, list[str]]] = {}
    export_seconds = 0.0
    for finished, run in enumerate(executor.completed(), start=1):
        if len(order) - finished < executor.jobs:  # a lane is idle now: the writers beside get ready on it
            for writer in writers_beside.values():
                writer.start()
        if run.failure is None:
            t_export = time.perf_counter()
            nb = nbformat.read(run.output, as_version=4)
            html, res = exporter.chapter_html(nb, {"metadata": {"name": run.chapter.name}, "lkjip": {"prose": prose}})
            fragments[run.chapter.name] = (html, res["lkjip"]["dropped"])
            export_seconds += time.perf_counter() - t_export
    runs = executor.wait()
    timings["execute"] = time.perf_counter() - t
    failed = [r for r in runs if r.failure is not None]
    if failed:
        first = failed[0]
        try:
            log = executor.kernel_output()
            if log:
                (tmp / "kernels.log").write_bytes(log)
            _write_provenance(
                tmp, ds, parameters, edition, formats, runs, beside, timings, warnings, start, status="failed"
            )
            kept: str | None = _show(folder.fail() / NOTEBOOKS / first.output.name)
            lost = None
        except OSError as exc:  # the chapter's error is still the news; the folder cannot be kept
            folder.discard()
            kept, lost = None, FileAccessError.from_os_error(exc, doing=_("keeping the failed build"))
        error = ChapterExecutionError(
            first.chapter.name, first.failure.cell, first.failure.ename, first.failure.evalue, kept
        )
        if lost is not None:
            error.add_note(_("{error}; it was removed").format(error=lost))
        raise error

    t = time.perf_counter()
    with ui.step(N_("export HTML")):
        from lkjipkit.report.appendix import REVIEW_SECTION
        from lkjipkit.report.front import front_matter

        dropped = {r.chapter.name: fragments[r.chapter.name][1] for r in runs}
        if any(dropped.values()) and not allow_dropped_outputs:
            raise DroppedOutputError.of(dropped)
        for name, items in dropped.items():
            warnings += [
                _("chapter {chapter}, {output} (left out of the report)").format(chapter=name, output=d) for d in items
            ]
        inst = ds.profil.instansi
        info = PageInfo(ds, year, f"LKjIP {year} {inst.nama} {inst.pemerintah}", build_time(), edition.label)
        page = render_page(
            [ChapterHTML(r.chapter.name, fragments[r.chapter.name][0]) for r in runs],
            front=front_matter(ds, year),
            # provenance stays out of a final report: provenance.json and the PDF metadata hold it
            footer=Footer(__version__, ds.fingerprint, info.built) if edition.status == "draft" else None,
            title=info.title,
            konsep=edition.konsep,
        )
        warnings += page.warnings
        review_section = next(
            (e.text.partition(".")[0] for e in page.toc if e.text.endswith(f". {REVIEW_SECTION}")), None
        )
    timings["export_html"] = export_seconds + time.perf_counter() - t

    outputs: dict[str, Path] = {name: tmp / FORMATS[name].filename for name in formats}
    timings.update(dict.fromkeys(formats, 0.0))  # in the formats' order, however they end
    with contextlib.ExitStack() as steps:  # a format written beside is a step from its start until it is done
        started = {}
        for name in formats:
            t = time.perf_counter()
            if name in writers_beside:
                steps.enter_context(ui.step(FORMATS[name].step))
                writers_beside[name].write(page.html, outputs[name], info=info)
                started[name] = t
                continue
            with ui.step(FORMATS[name].step):
                FORMATS[name].writer(page.html, outputs[name], info=info)
            timings[name] = time.perf_counter() - t
        for name, t in started.items():
            writers_beside[name].wait()
            timings[name] = time.perf_counter() - t

    timings["total"] = time.perf_counter() - start
    prov = _write_provenance(tmp, ds, parameters, edition, formats, runs, beside, timings, warnings, start, "built")
    return BuildResult(
        out_dir=tmp,
        slug=ds.slug,
        year=year,
        outputs=outputs,
        notebooks=[r.output for r in runs],
        tables=beside["tables"]["files"],
        review=beside["review"]["file"],
        provenance=prov,
        seconds=timings["total"],
        chapter_seconds={r.chapter.name: r.seconds for r in runs},
        warnings=warnings,
        review_counts=beside["review"]["findings"],
        review_section=review_section,
    )


def _kept(folder: OutputFolder) -> str:
    """What became of the partial build, for a message."""
    if folder.state == "failed":
        return _("the partial build is kept at {path}").format(path=_show(folder.failed))
    return _("the partial build was removed")


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
    result.outputs = {name: move(p) for name, p in result.outputs.items()}
    result.review, result.provenance = move(result.review), move(result.provenance)
    result.notebooks = [move(p) for p in result.notebooks]
    result.tables = [move(p) for p in result.tables]
    return result


# --- beside the chapters: computed tables, review findings -------------------------------------------


def _write_tables(analysis, out_dir: Path, ui) -> dict[str, Any]:
    """``tabel/`` and ``tabel.xlsx`` beside it: the computed tables of the build's analysis, as
    ``lkjip tables --format csv,xlsx`` writes them."""
    from lkjipkit.analysis.tables import write_analysis_tables
    from lkjipkit.analysis.workbook import WORKBOOK, write_workbook

    t = time.perf_counter()
    with ui.step(N_("tables (tabel/, tabel.xlsx)")):
        try:
            files = [*write_analysis_tables(analysis, out_dir), write_workbook(analysis, out_dir.parent / WORKBOOK)]
        except (LkjipError, OSError):
            raise
        except Exception as exc:
            raise BuildError(
                _("writing the computed tables (tabel/) failed: {error}").format(error=f"{type(exc).__name__}: {exc}")
            ) from exc
    return {"files": list(files), "seconds": time.perf_counter() - t}


def _write_review(findings, path: Path, ui) -> dict[str, Any]:
    """``reviu.json``: the review findings (reviewed once, for the edition), as ``lkjip review --json`` prints them."""
    from lkjipkit import review

    t = time.perf_counter()
    with ui.step(N_("review findings")):
        try:
            path.write_text(review.to_json(list(findings)) + "\n", encoding="utf-8")
        except OSError:
            raise
        except Exception as exc:
            raise BuildError(
                _("writing the review findings ({file}) failed: {error}").format(
                    file=REVIEW, error=f"{type(exc).__name__}: {exc}"
                )
            ) from exc
    return {"file": path, "findings": review.counts(list(findings)), "seconds": time.perf_counter() - t}


def _write_provenance(tmp, ds, parameters, edition, formats, runs, beside, timings, warnings, start, status) -> Path:
    data = provenance.record(
        status=status,
        report=edition.record(),
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
                "origin": r.chapter.origin,
                "source_sha256": r.chapter.sha256,
                "status": "failed" if r.failure else "skipped" if r.skipped else "executed",
                "seconds": None if r.seconds is None else round(r.seconds, 3),
                **({"failure": vars(r.failure)} if r.failure else {}),
            }
            for r in runs
        ],
        wording=[w.record() for w in wording_overrides(parameters["dataset"])],
        timings_seconds={k: round(v, 3) for k, v in timings.items()},
        tables={"seconds": beside["tables"]["seconds"], "files": [p.name for p in beside["tables"]["files"]]},
        review={k: beside["review"][k] for k in ("findings", "seconds")} | {"file": REVIEW},
        warnings=warnings,
    )
    return provenance.write(tmp / PROVENANCE, data)
