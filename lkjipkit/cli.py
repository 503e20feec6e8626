"""The ``lkjip`` command: one entry point for everything a user runs.

Errors that lkjipkit raises on purpose (:class:`~lkjipkit.errors.LkjipError`)
are printed as plain messages with exit code 1; never a traceback. So is an
:class:`OSError` that reaches the command (a file open in another program, a
folder that is not writable): :class:`_Commands` turns it into a
:class:`~lkjipkit.errors.FileAccessError` message naming the path. Ctrl-C
prints ``interrupted`` and exits with 130, whatever the command was doing.
"""

from __future__ import annotations

import functools
import importlib.util
import sys
import warnings
from pathlib import Path

import click

from lkjipkit.errors import BuildError, DatasetError, FileAccessError, LkjipError
from lkjipkit.publish.formats import FORMATS, parse_formats


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
            click.echo(f"{exc.source}: {n} error{'s' if n != 1 else ''}", err=True)
            sys.exit(1)
        except LkjipError as exc:
            _print_error(exc)
            sys.exit(1)

    return wrapper


def _print_error(exc: LkjipError) -> None:
    click.echo(f"error: {exc}", err=True)
    for note in getattr(exc, "__notes__", ()):
        click.echo(note, err=True)


INTERRUPTED = 130
"""Exit code after Ctrl-C (128 + SIGINT), as shells report it."""


class _Commands(click.Group):
    """The ``lkjip`` group: the one place where Ctrl-C and the system's file errors become messages."""

    def invoke(self, ctx: click.Context):
        shown, warnings.showwarning = warnings.showwarning, _show_warning
        try:
            return super().invoke(ctx)
        except (KeyboardInterrupt, click.Abort):
            click.echo("\ninterrupted (Ctrl-C)", err=True)
            ctx.exit(INTERRUPTED)
        except OSError as exc:
            _print_error(FileAccessError.from_os_error(exc))
            ctx.exit(1)
        finally:
            warnings.showwarning = shown


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """A warning as one plain line (``warning: …``), like the build's, not Python's file:line form."""
    click.echo(f"warning: {message}", err=True)


dataset_argument = click.argument("dataset", type=click.Path(path_type=Path))


def _parse_format_option(ctx, param, value: str) -> tuple[str, ...]:
    try:
        return parse_formats(value)
    except BuildError as exc:
        raise click.BadParameter(str(exc)) from None


TABLE_FORMATS = ("csv", "xlsx")


def _parse_table_formats(ctx, param, value: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(n.strip().lower() for n in value.split(",") if n.strip()))
    unknown = [n for n in names if n not in TABLE_FORMATS]
    if unknown or not names:
        given = ", ".join(unknown) or "nothing"
        raise click.BadParameter(f"{given}: expected one or more of {', '.join(TABLE_FORMATS)}")
    return names


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


def _show_version(ctx: click.Context, _param, value: bool) -> None:
    """``--version``: the version is looked up only then (importlib.metadata is slow to import)."""
    if value and not ctx.resilient_parsing:
        from lkjipkit import __version__

        click.echo(f"lkjip, version {__version__}")
        ctx.exit()


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version,
    help="Show the version and exit.",
)  # fmt: skip
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
            ("iku", "IKU"),
            ("iku_tahunan", "IKU-year rows"),
            ("spm_realisasi", "SPM-year rows"),
            ("program", "programs"),
            ("kegiatan", "kegiatan"),
            ("anggaran", "budget rows"),
        )
    )
    years = ", ".join(map(str, ds.years))
    click.echo(
        f"{dataset}: OK ({ds.profil.instansi.nama_lengkap}; report years {years}; {counts}; "
        f"checked types, ranges, keys and {len(RULES)} cross-table rules)"
    )
    todo = still_empty(ds)
    if todo:
        folder = "" if str(dataset).lower().endswith((".xlsx", ".xlsm")) else str(dataset)
        for p in todo:
            click.echo((ds.locate(p) if ds.locate else p).format(folder))  # a workbook's at Sheet!Cell
        click.echo(f"{dataset}: {len(todo)} cell(s) still empty for the report year(s) (not errors)")


@main.command()
@dataset_argument
@click.option("--year", "year", type=int, help="Report year (default: the latest year of the dataset).")
@click.option(
    "--out", "out", type=click.Path(path_type=Path), help="Output folder (default: reports/<agency>/<year>/)."
)
@format_option
@final_option
@allow_incomplete_option
@friendly_errors
def build(
    dataset: Path, year: int | None, out: Path | None, formats: tuple[str, ...], final: bool | None, allow_incomplete
) -> None:
    """Build the whole report of one agency-year: HTML, PDF, executed notebooks, tables, review.

    Examples:

    \b
      lkjip build data/balikpapan-disnakersos --year 2016
      lkjip build data.xlsx --year 2024 --format html,docx --out laporan-2024
      lkjip build data.xlsx --year 2024 --final
    """
    from lkjipkit.publish import build_report

    result = build_report(dataset, year, out=out, formats=formats, final=final, allow_incomplete=allow_incomplete)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    made = ", ".join(str(p) for p in result.outputs.values())
    click.echo(f"{result.slug}/{result.year}: built in {result.seconds:.1f} s: {made}")


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
    click.echo(f"{out}: {len(paths)} file(s) written ({', '.join(p.name for p in paths)})")


@main.command()
@dataset_argument
@click.option("--year", "year", type=int, help="Report year (default: the latest year of the dataset).")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as a JSON list.")
@friendly_errors
def review(dataset: Path, year: int | None, as_json: bool) -> None:
    """Consistency review (reviu) of a dataset-year; exit 1 when a finding has severity error.

    Examples:

    \b
      lkjip review data/balikpapan-disnakersos --year 2016
      lkjip review data.xlsx --json > reviu.json
    """
    from lkjipkit.dataset import load_dataset
    from lkjipkit.review import exit_code, render_findings_table, to_json
    from lkjipkit.review import review as run_review

    ds = load_dataset(dataset)
    findings = run_review(ds, ds.resolve_year(year))
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
        where = f"{dataset}/{file}" if dataset.is_dir() else f"{dataset}, sheet {file}"
        click.echo(f"{where}: +{n} row(s) for {year}")
    todo = still_empty(load_dataset(dataset), [year])
    click.echo(f"{dataset}: {year} started; {len(todo)} cell(s) to fill — run: lkjip validate {dataset}")


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
@friendly_errors
def batch(datasets, years, jobs, out_root, formats, force, scheduler, timeout, final, allow_incomplete) -> None:
    """Build many agency-year reports; one failure never stops the others.

    Examples:

    \b
      lkjip batch data/* --year 2016 --jobs 2
      lkjip batch data/dinsos --year 2014-2016 --format html --force
    """
    from lkjipkit.publish.batch import parse_years, plan, run

    if scheduler and importlib.util.find_spec("distributed") is None:
        raise BuildError(
            "--scheduler needs Dask's distributed package, an optional part of lkjipkit; "
            "install it with: pip install 'lkjipkit[cluster]' (or, in this project: .venv/bin/pip install distributed)"
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
    )
    summary = run(planned, workers=jobs, force=force, formats=formats, scheduler=scheduler, timeout=timeout)
    for line in summary.lines():
        click.echo(line, err=not summary.ok and line.startswith("failed"))
    if not summary.ok:
        sys.exit(1)


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
    click.echo(f"{path}: written" + (f" from {source}" if source else ""))


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
    click.echo(f"{path}: dataset folder written from {workbook}")


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
@friendly_errors
def rekap_command(reports_root: Path, datasets, year: int, out: Path | None, formats: str, scale: str | None) -> None:
    """One report across every agency of a year, from the reports under REPORTS_ROOT.

    DATASETS (optional) are the batch's dataset folders: each one without a report is named as absent.
    """
    from lkjipkit.rekap.core import build_rekap

    result = build_rekap(reports_root, year, out, formats, datasets=list(datasets), scale=scale)
    for line in result.lines():
        click.echo(line)


if __name__ == "__main__":  # pragma: no cover
    main()
