"""The ``lkjip`` command: one entry point for everything a user runs.

Errors that lkjipkit raises on purpose (:class:`~lkjipkit.errors.LkjipError`)
are printed as plain messages with exit code 1; never a traceback.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from lkjipkit import __version__
from lkjipkit.errors import DatasetError, LkjipError


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
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)

    return wrapper


dataset_argument = click.argument("dataset", type=click.Path(path_type=Path))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lkjip")
def main() -> None:
    """lkjip: build the yearly LKjIP of a government agency from its data.

    DATASET is a dataset folder (see docs/data-format.md) or an Excel workbook.
    """


@main.command()
@dataset_argument
@friendly_errors
def validate(dataset: Path) -> None:
    """Check a dataset; print every error as file:row:column: message."""
    from lkjipkit.dataset import load_dataset
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


if __name__ == "__main__":  # pragma: no cover
    main()
