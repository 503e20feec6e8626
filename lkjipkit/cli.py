"""The ``lkjip`` command: one entry point for everything a user runs.

Errors that lkjipkit raises on purpose (:class:`~lkjipkit.errors.LkjipError`)
are printed as plain messages with exit code 1; never a traceback. So is an
:class:`OSError` that reaches the command (a file open in another program, a
folder that is not writable): :class:`_Commands` turns it into a
:class:`~lkjipkit.errors.FileAccessError` message naming the path. Ctrl-C
prints ``interrupted`` and exits with 130, whatever the command was doing.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import inspect
import os
import sys
import warnings
from pathlib import Path

import click

from lkjipkit.errors import BuildError, DatasetError, FileAccessError, LkjipError
from lkjipkit.i18n import LANGUAGES, N_, _, language, language_from, ngettext, set_language
from lkjipkit.publish.formats import FORMATS, parse_formats, pick_formats


def friendly_errors(func):
    """Turn LkjipError into a message on stderr and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except DatasetError as exc:
            for line in exc.lines():
                click.echo(line, err=True)
            n = len(exc.problems)
            click.echo(
                ngettext("{source}: {n} error", "{source}: {n} errors", n).format(source=exc.source, n=n), err=True
            )
            sys.exit(1)
        except LkjipError as exc:
            _print_error(exc)
            sys.exit(1)

    return wrapper


def _print_error(exc: LkjipError) -> None:
    click.echo(_("error: {message}").format(message=exc), err=True)
    for note in getattr(exc, "__notes__", ()):
        click.echo(note, err=True)


INTERRUPTED = 130
"""Exit code after Ctrl-C (128 + SIGINT), as shells report it."""


class _Translated:
    """A command whose help is shown in the chosen language (:mod:`lkjipkit.i18n`).

    The help texts are written in English in the decorators below, which run when this module is
    imported, before ``--lang`` is read; so they are translated when shown, not when declared.
    """

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated([self]):
            super().format_help_text(ctx, formatter)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated(self.get_params(ctx)):
            super().format_options(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated([self]):
            return super().get_short_help_str(limit)


@contextlib.contextmanager
def _translated(items):
    """Show the ``help`` of ``items`` (commands, options) in the current language while the block runs."""
    saved = [(item, item.help) for item in items if getattr(item, "help", None)]
    for item, text in saved:
        item.help = _(help_text(text))
    try:
        yield
    finally:
        for item, text in saved:
            item.help = text


def help_text(text: str) -> str:
    """A help text as the catalog holds it: without the indentation of the docstring it came from."""
    return inspect.cleandoc(text)


class _Command(_Translated, click.Command):
    """Every ``lkjip`` subcommand."""


class _Commands(_Translated, click.Group):
    """The ``lkjip`` group: the one place where Ctrl-C and the system's file errors become messages,
    and where the language of the messages is chosen."""

    command_class = _Command

    def main(self, *args, **kwargs):
        # A command run inside a Python process (the tests, a notebook) leaves that process's
        # language and environment as they were.
        saved_language = language()
        saved_env = {name: os.environ.get(name) for name in _EXPORTED}
        try:
            return super().main(*args, **kwargs)
        finally:
            set_language(saved_language)
            for name, value in saved_env.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value

    def make_context(self, info_name, args, parent=None, **extra):
        # Before parsing, so that even `lkjip --help --lang id` and Click's usage errors speak it.
        _speak(_language_argument(args) or language_from())
        return super().make_context(info_name, args, parent=parent, **extra)

    def invoke(self, ctx: click.Context):
        shown, warnings.showwarning = warnings.showwarning, _show_warning
        try:
            return super().invoke(ctx)
        except (KeyboardInterrupt, click.Abort):
            click.echo("\n" + _("interrupted (Ctrl-C)"), err=True)
            ctx.exit(INTERRUPTED)
        except OSError as exc:
            _print_error(FileAccessError.from_os_error(exc))
            ctx.exit(1)
        finally:
            warnings.showwarning = shown


def _language_argument(args: list[str]) -> str | None:
    """The value of ``--lang`` among the options before the command name, if it is a language."""
    for i, arg in enumerate(args):
        value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else arg.partition("=")[2]
        if arg == "--lang" or arg.startswith("--lang="):
            return value if value in LANGUAGES else None
        if not arg.startswith("-"):
            return None
    return None


def _choose_language(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        _speak(value)


_EXPORTED = ("LANGUAGE", "LKJIP_LANG")
"""The environment variables a command sets to its language: Click reads ``LANGUAGE``; the kernels and
worker processes of a build read ``LKJIP_LANG`` first (:func:`lkjipkit.i18n.language_from`)."""


def _speak(chosen: str) -> None:
    """Messages in ``chosen`` from now on, Click's own included (it reads ``LANGUAGE``, see set_language),
    and in the processes the command starts (a build's kernels)."""
    set_language(chosen)
    for name in _EXPORTED:
        os.environ[name] = chosen


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """A warning as one plain line (``warning: …``), like the build's, not Python's file:line form."""
    click.echo(_("warning: {message}").format(message=message), err=True)


dataset_argument = click.argument("dataset", type=click.Path(path_type=Path))


def _decimal(value: float) -> str:
    """``9.3`` in English, ``9,3`` in Indonesian: one decimal, as the language writes it."""
    from babel.numbers import format_decimal

    return format_decimal(value, "0.0", locale=language())


def _review_line(counts: dict[str, int], section: str | None, file: str) -> str:
    """ "review: 1 error, 18 warnings — see Lampiran 2 / reviu.json" (the appendix only when the report has it)."""
    found = [
        ngettext("{n} error", "{n} errors", counts.get("error", 0)).format(n=counts.get("error", 0)),
        ngettext("{n} warning", "{n} warnings", counts.get("warning", 0)).format(n=counts.get("warning", 0)),
    ]
    where = f"{section} / {file}" if section else file
    return _("review: {counts} — see {where}").format(counts=", ".join(found), where=where)


def _parse_format_option(ctx, param, value: str) -> tuple[str, ...]:
    try:
        return parse_formats(value)
    except BuildError as exc:
        raise click.BadParameter(str(exc)) from None


TABLE_FORMATS = ("csv", "xlsx")


def _parse_table_formats(ctx, param, value: str) -> tuple[str, ...]:
    """``lkjip tables --format``: the build's own format picker, over :data:`TABLE_FORMATS`."""
    try:
        return pick_formats(value, TABLE_FORMATS, N_("table format"))
    except BuildError as exc:
        raise click.BadParameter(str(exc)) from None


format_option = click.option(
    "--format",
    "formats",
    default=",".join(FORMATS),
    show_default=True,
    callback=_parse_format_option,
    help="Comma-separated: " + "; ".join(f"{name} ({f.description})" for name, f in FORMATS.items()) + ".",
)


final_option = click.option(
    "--final/--draft",
    "final",
    default=None,
    help="The final report (no drafter's notes, no review appendix, no footer; refused while something a "
    "reviewer needs is missing), or a draft with Catatan penyusun. Default: the year's status in laporan.yaml.",
)
allow_incomplete_option = click.option(
    "--allow-incomplete",
    is_flag=True,
    help="With --final: build even while something is missing; the cover then says KONSEP.",
)
allow_dropped_option = click.option(
    "--allow-dropped-outputs",
    is_flag=True,
    help="Leave out, with a warning, chapter outputs the report cannot show (printed text, a bare value, "
    "display(Markdown(...))) instead of failing.",
)


def _show_version(ctx: click.Context, _param, value: bool) -> None:
    """``--version``: the version is looked up only then (importlib.metadata is slow to import)."""
    if value and not ctx.resilient_parsing:
        from lkjipkit import __version__

        click.echo(_("lkjip, version {version}").format(version=__version__))
        ctx.exit()


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version,
    help="Show the version and exit.",
)  # fmt: skip
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    is_eager=True,
    expose_value=False,
    callback=_choose_language,
    help="Language of the messages: en (English) or id (Bahasa Indonesia). "
    "Default: LKJIP_LANG, else the locale (LANG=id_ID.UTF-8 is Indonesian).",
)
def main() -> None:
    """lkjip: build the yearly LKjIP of a government agency from its data.

    DATASET is a dataset folder (see docs/data-format.md) or an Excel workbook.
    """


@main.command()
@dataset_argument
@friendly_errors
def validate(dataset: Path) -> None:
    """Check a dataset; print every error as file:row:column: message.

    Examples:

    \b
      lkjip validate data/balikpapan-disnakersos
      lkjip validate data.xlsx
    """
    from lkjipkit.dataset import load_dataset
    from lkjipkit.dataset.completeness import still_empty
    from lkjipkit.dataset.rules import RULES

    ds = load_dataset(dataset)
    counts = ", ".join(
        f"{len(ds.tables[name])} {label}"
        for name, label in (
            ("iku", _("IKU")),
            ("iku_tahunan", _("IKU-year rows")),
            ("spm_realisasi", _("SPM-year rows")),
            ("program", _("programs")),
            ("kegiatan", _("kegiatan")),
            ("anggaran", _("budget rows")),
        )
    )
    years = ", ".join(map(str, ds.years))
    click.echo(
        _(
            "{dataset}: OK ({agency}; report years {years}; {counts}; "
            "checked types, ranges, keys and {rules} cross-table rules)"
        ).format(dataset=dataset, agency=ds.profil.instansi.nama_lengkap, years=years, counts=counts, rules=len(RULES))
    )
    todo = still_empty(ds)
    if todo:
        folder = "" if str(dataset).lower().endswith((".xlsx", ".xlsm")) else str(dataset)
        for p in todo:
            click.echo((ds.locate(p) if ds.locate else p).format(folder))  # a workbook's at Sheet!Cell
        click.echo(
            _("{dataset}: {n} cell(s) still empty for the report year(s) (not errors)").format(
                dataset=dataset, n=len(todo)
            )
        )


@main.command()
@dataset_argument
@click.option("--year", "year", type=int, help="Report year (default: the latest year of the dataset).")
@click.option(
    "--out", "out", type=click.Path(path_type=Path), help="Output folder (default: reports/<agency>/<year>/)."
)
@format_option
@final_option
@allow_incomplete_option
@allow_dropped_option
@friendly_errors
def build(
    dataset: Path,
    year: int | None,
    out: Path | None,
    formats: tuple[str, ...],
    final: bool | None,
    allow_incomplete,
    allow_dropped_outputs,
) -> None:
    """Build the whole report of one agency-year: HTML, PDF, executed notebooks, tables, review.

    Examples:

    \b
      lkjip build data/balikpapan-disnakersos --year 2016
      lkjip build data.xlsx --year 2024 --format html,docx --out laporan-2024
      lkjip build data.xlsx --year 2024 --final
    """
    from lkjipkit.publish import build_report

    result = build_report(
        dataset,
        year,
        out=out,
        formats=formats,
        final=final,
        allow_incomplete=allow_incomplete,
        allow_dropped_outputs=allow_dropped_outputs,
    )
    for warning in result.warnings:
        click.echo(_("warning: {message}").format(message=warning), err=True)
    made = ", ".join(str(p) for p in result.outputs.values())
    click.echo(
        _("{report}: built in {seconds} s: {files}").format(
            report=f"{result.slug}/{result.year}", seconds=_decimal(result.seconds), files=made
        )
    )
    click.echo(_review_line(result.review_counts, result.review_section, result.review.name))


@main.command()
@dataset_argument
@click.option("--year", "year", type=int, help="Report year (default: the latest year of the dataset).")
@click.option(
    "--out", "out", required=True, type=click.Path(path_type=Path), help="Folder for the CSV files and tabel.xlsx."
)
@click.option(
    "--format",
    "table_formats",
    default="csv",
    show_default=True,
    callback=_parse_table_formats,
    help="Comma-separated: csv (a UTF-8 file per table); xlsx (tabel.xlsx, a sheet per table, for Excel).",
)
@friendly_errors
def tables(dataset: Path, year: int | None, out: Path, table_formats: tuple[str, ...]) -> None:
    """Write the computed tables of a year for Excel users: CSV (UTF-8, full precision) and/or a workbook.

    Examples:

    \b
      lkjip tables data/balikpapan-disnakersos --year 2016 --out tabel
      lkjip tables data.xlsx --out tabel --format csv,xlsx
    """
    from lkjipkit.analysis import write_tables
    from lkjipkit.analysis.workbook import WORKBOOK
    from lkjipkit.dataset import load_dataset

    ds = load_dataset(dataset)
    workbook = out / WORKBOOK if "xlsx" in table_formats else None
    paths = write_tables(ds, ds.resolve_year(year), out if "csv" in table_formats else None, workbook=workbook)
    click.echo(
        _("{out}: {n} file(s) written ({names})").format(out=out, n=len(paths), names=", ".join(p.name for p in paths))
    )


@main.command()
@dataset_argument
@click.option("--year", "year", type=int, help="Report year (default: the latest year of the dataset).")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as a JSON list.")
@friendly_errors
def review(dataset: Path, year: int | None, as_json: bool) -> None:
    """Consistency review (reviu) of a dataset-year; exit 1 when a finding has severity error.

    A finding the analyst has accepted with a reason in the dataset's reviu.yaml (diterima) is still
    listed, with its reason, but no longer makes the exit code 1 (docs/review.md).

    Examples:

    \b
      lkjip review data/balikpapan-disnakersos --year 2016
      lkjip review data.xlsx --json > reviu.json
    """
    from lkjipkit import config
    from lkjipkit.analysis import analyse
    from lkjipkit.dataset import load_dataset
    from lkjipkit.publish.chapters import resolve_chapters
    from lkjipkit.publish.prose_texts import chapter_texts
    from lkjipkit.review import exit_code, render_findings_table, to_json
    from lkjipkit.review import review as run_review

    ds = load_dataset(dataset)
    year = ds.resolve_year(year)
    analysis = analyse(ds, year)
    # the chapters' Markdown cells are analyst texts too: the same chapters and texts the build reviews
    texts = chapter_texts(resolve_chapters(dataset, config.notebooks_dir()), ds, year, analysis)
    findings = run_review(ds, year, analysis=analysis, texts=texts)
    click.echo(to_json(findings) if as_json else render_findings_table(findings))
    sys.exit(exit_code(findings))


@main.command("new-year")
@dataset_argument
@click.option("--year", "year", type=int, required=True, help="The new report year.")
@click.option(
    "--renstra",
    metavar="FIRST-LAST",
    help="Start a new Renstra period (needed when YEAR is after the current one); the old one is kept as history.",
)
@friendly_errors
def new_year_command(dataset: Path, year: int, renstra: str | None) -> None:
    """Add the empty rows of a new year for the analyst to fill (earlier years untouched).

    Examples:

    \b
      lkjip new-year data/dinsos --year 2017
      lkjip new-year data.xlsx --year 2022 --renstra 2022-2026
    """
    from lkjipkit.dataset import load_dataset
    from lkjipkit.dataset.completeness import still_empty
    from lkjipkit.newyear import new_year
    from lkjipkit.publish.batch import parse_years

    period = None
    if renstra:
        span = parse_years(renstra)
        period = (span[0], span[-1])
    added = new_year(dataset, year, period)
    for file, n in added.items():
        where = (
            f"{dataset}/{file}"
            if dataset.is_dir()
            else _("{workbook}, sheet {sheet}").format(workbook=dataset, sheet=file)
        )
        click.echo(_("{where}: +{n} row(s) for {year}").format(where=where, n=n, year=year))
    todo = still_empty(load_dataset(dataset), [year])
    click.echo(
        _("{dataset}: {year} started; {n} cell(s) to fill — run: lkjip validate {dataset}").format(
            dataset=dataset, year=year, n=len(todo)
        )
    )


@main.command()
@click.argument("datasets", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--year", "years", required=True, help="A year (2016), a range (2015-2016) or a list (2014,2016).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Reports built at once (default: the number of cores).")
@click.option("--out-root", type=click.Path(path_type=Path), help="Root folder of the reports (default: reports/).")
@format_option
@click.option("--force", is_flag=True, help="Rebuild even the reports whose inputs have not changed.")
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Run the builds on a Dask distributed scheduler (needs the extra: pip install 'lkjipkit[cluster]').",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=1800,
    show_default=True,
    metavar="SECONDS",
    help="Longest the planning of one dataset, or the build of one report, may take; then it is stopped and failed.",
)
@final_option
@allow_incomplete_option
@allow_dropped_option
@friendly_errors
def batch(
    datasets, years, jobs, out_root, formats, force, scheduler, timeout, final, allow_incomplete, allow_dropped_outputs
) -> None:
    """Build many agency-year reports; one failure never stops the others.

    Examples:

    \b
      lkjip batch data/* --year 2016 --jobs 2
      lkjip batch data/dinsos --year 2014-2016 --format html --force
    """
    from lkjipkit.publish.batch import parse_years, plan, run, status_word

    if scheduler and importlib.util.find_spec("distributed") is None:
        raise BuildError(
            _(
                "--scheduler needs Dask's distributed package, an optional part of lkjipkit; install it with: "
                "pip install 'lkjipkit[cluster]' (or, in this project: .venv/bin/pip install distributed)"
            )
        )
    planned = plan(
        datasets,
        parse_years(years),
        out_root,
        formats,
        timeout=timeout,
        workers=jobs,
        final=final,
        allow_incomplete=allow_incomplete,
        allow_dropped_outputs=allow_dropped_outputs,
    )
    summary = run(planned, workers=jobs, force=force, formats=formats, scheduler=scheduler, timeout=timeout)
    for line in summary.lines():
        click.echo(line, err=not summary.ok and line.startswith(status_word("failed")))
    if not summary.ok:
        sys.exit(1)


@main.command()
@click.argument("dataset", type=click.Path(path_type=Path))
@click.option("--overwrite", is_flag=True, help="Replace chapters already in DATASET/notebooks/ by the defaults.")
@friendly_errors
def notebooks(dataset: Path, overwrite: bool) -> None:
    """Copy the default chapter notebooks into DATASET/notebooks/ for editing.

    The build then uses them in place of the defaults of the same name; a chapter
    added there (03a_capaian_lainnya.ipynb) joins the report in name order. See
    notebooks/README.md.

    Examples:

    \b
      lkjip notebooks data/balikpapan-disnakersos
      lkjip notebooks data/balikpapan-disnakersos --overwrite
    """
    from lkjipkit import config
    from lkjipkit.publish.chapters import copy_default_chapters

    copied = copy_default_chapters(dataset, config.notebooks_dir(), overwrite=overwrite)
    click.echo(
        _("{folder}: {n} chapter(s) copied; edit them, then: lkjip build {dataset}").format(
            folder=dataset / "notebooks", n=len(copied), dataset=dataset
        )
    )


@main.command()
@click.argument("dataset", type=click.Path(path_type=Path))
@click.argument("names", nargs=-1)
@click.option("--overwrite", is_flag=True, help="Replace templates already in DATASET/teks/ by the package's.")
@friendly_errors
def teks(dataset: Path, names: tuple[str, ...], overwrite: bool) -> None:
    """Copy the templates of the generated sentences into DATASET/teks/ to word them for this agency.

    NAMES (ringkasan, iku, spm, anggaran) copies only those; by default all. The build then
    uses them in place of the package's; delete those you do not change. See notebooks/README.md.

    Examples:

    \b
      lkjip teks data/balikpapan-disnakersos ringkasan
      lkjip teks data/balikpapan-disnakersos --overwrite
    """
    from lkjipkit.publish.chapters import WORDING, copy_default_wording

    copied = copy_default_wording(dataset, names, overwrite=overwrite)
    click.echo(f"{dataset / WORDING}: {len(copied)} template(s) copied; edit them, then: lkjip build {dataset}")


@main.command()
@click.option("--out", "out", required=True, type=click.Path(path_type=Path), help="The workbook to write (.xlsx).")
@click.option("--from", "source", type=click.Path(path_type=Path), help="Pre-fill from this dataset.")
@click.option("--overwrite", is_flag=True, help="Replace an existing workbook.")
@friendly_errors
def template(out: Path, source: Path | None, overwrite: bool) -> None:
    """Write a dataset workbook for Excel (empty, or pre-filled --from a dataset).

    Examples:

    \b
      lkjip template --out data.xlsx
      lkjip template --out data.xlsx --from data/balikpapan-disnakersos --overwrite
    """
    from lkjipkit.dataset import load_dataset
    from lkjipkit.dataset.excel import write_template

    path = write_template(out, load_dataset(source) if source else None, overwrite=overwrite)
    if source:
        click.echo(_("{path}: written from {source}").format(path=path, source=source))
    else:
        click.echo(_("{path}: written").format(path=path))


@main.command("import")
@click.argument("workbook", type=click.Path(path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(path_type=Path), help="The dataset folder to write.")
@click.option("--overwrite", is_flag=True, help="Replace the files of an existing dataset folder.")
@friendly_errors
def import_command(workbook: Path, out: Path, overwrite: bool) -> None:
    """Convert a dataset workbook into a dataset folder (CSV + YAML) to keep under version control.

    Examples:

    \b
      lkjip import data.xlsx --out data/dinsos
      lkjip import data.xlsx --out data/dinsos --overwrite
    """
    from lkjipkit.dataset.excel import import_workbook

    path = import_workbook(workbook, out, overwrite=overwrite)
    click.echo(_("{path}: dataset folder written from {workbook}").format(path=path, workbook=workbook))


# --- lkjip rekap: the cross-agency recap of a year (lkjipkit.rekap, docs/rekap.md) --------------------


@main.command("rekap")
@click.argument("reports_root", type=click.Path(path_type=Path))
@click.argument("datasets", nargs=-1, type=click.Path(path_type=Path))
@click.option("--year", "year", type=int, required=True, help="The report year.")
@click.option(
    "--out", "out", type=click.Path(path_type=Path), help="Recap folder (default: REPORTS_ROOT/_rekap/<year>/)."
)
@click.option(
    "--format", "formats", default="html,pdf,xlsx", show_default=True, help="Comma-separated: html, pdf, xlsx."
)
@click.option("--scale", help="Capaian scale for every agency's category (default: the datasets' default).")
@click.option(
    "--rpjmd",
    type=click.Path(path_type=Path),
    help="CSV linking agency IKU to RPJMD indicators (default: REPORTS_ROOT/rpjmd.csv when it exists).",
)
@friendly_errors
def rekap_command(
    reports_root: Path, datasets, year: int, out: Path | None, formats: str, scale: str | None, rpjmd: Path | None
) -> None:
    """One report across every agency of a year, from the reports under REPORTS_ROOT.

    DATASETS (optional) are the batch's dataset folders: each one without a report is named as absent.
    """
    from lkjipkit.rekap.core import build_rekap

    result = build_rekap(reports_root, year, out, formats, datasets=list(datasets), scale=scale, rpjmd=rpjmd)
    for line in result.lines():
        click.echo(line)


if __name__ == "__main__":  # pragma: no cover
    main()
