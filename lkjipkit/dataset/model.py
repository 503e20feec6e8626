"""The in-memory dataset: typed tables plus profile and report texts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lkjipkit.errors import Problem, YearError
from lkjipkit.i18n import _

from .profile import Laporan, Profil


@dataclass
class Dataset:
    """A loaded, validated dataset of one agency.

    Tables are pandas DataFrames named as the CSV files (``iku``,
    ``iku_tahunan``, ``anggaran``, ...); a table whose optional file is absent
    is an empty frame with the declared columns. Each frame keeps ``_row``, the
    line of the source file, so later checks can point at it.
    """

    source: Path
    profil: Profil
    laporan: dict[int, Laporan]
    tables: dict[str, pd.DataFrame]
    fingerprint: str
    yaml_lines: dict[str, dict[tuple, int]] = field(default_factory=dict, repr=False)
    locate: Callable[[Problem], Problem] | None = field(default=None, repr=False, compare=False)
    """In a workbook dataset: a problem located as ``file:row:column`` → the same at ``Sheet!Cell``
    (what the workbook reader does to its own problems); None for a dataset folder."""

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    @property
    def folder(self) -> Path:
        """The folder that holds the dataset's files: the dataset folder, or the folder of a workbook.

        Files a dataset names (the logo) are looked up here.
        """
        return self.source if self.source.is_dir() else self.source.parent

    @property
    def slug(self) -> str:
        return self.profil.instansi.slug

    @property
    def years(self) -> list[int]:
        """Years that have a report entry, ascending."""
        return sorted(self.laporan)

    @property
    def latest_year(self) -> int:
        if not self.laporan:
            raise YearError(_("{source}: laporan.yaml has no report year").format(source=self.source))
        return max(self.laporan)

    def resolve_year(self, year: int | str | None = None) -> int:
        """The report year a user names: ``0``, None or ``""`` is the latest year of the dataset.

        Raises
        ------
        YearError
            The dataset has no report entry for that year (``laporan.yaml``).
        """
        if year is None or str(year).strip() in ("", "0"):
            return self.latest_year
        y = int(year)
        self.report(y)  # raises YearError naming the years there are
        return y

    def report(self, year: int) -> Laporan:
        """The report entry of a year, or a YearError naming the years there are."""
        try:
            return self.laporan[int(year)]
        except KeyError:
            have = ", ".join(map(str, self.years)) or _("none")
            raise YearError(
                _("{source}: no report year {year} in laporan.yaml (years there: {years})").format(
                    source=self.source, year=year, years=have
                )
            ) from None
