"""Everything computed for one year: what the chapter notebooks, the review and ``lkjip tables`` use."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import pandas as pd

from lkjipkit.dataset import Dataset

from ._common import as_year, dataset_cap, dataset_scale, require_year
from .budget import (
    ActivityProgress,
    BudgetSummary,
    activity_progress,
    budget_by_activity,
    budget_by_program,
    compute_budget_summary,
    notable_activities,
)
from .corrections import corrections
from .efficiency import compute_efficiency, sasaran_links, sasaran_table
from .gaps import Gap, find_gaps
from .iku import (
    IndicatorSummary,
    indicator_achievement,
    indicator_explanations,
    indicator_history,
    indicator_summary,
    national_standard_comparison,
    renstra_progress,
)
from .sasaran import SasaranAnalysis, build_sasaran_analyses, program_links
from .spm import DEFAULT_WINDOW, spm_by_year, spm_summary
from .tables import OUTPUT_TABLES, write_analysis_tables
from .workbook import write_workbook


class YearAnalysis:
    """All the analyses of one agency-year, each computed once, when first read.

    Frame attribute names are the names of the CSV files ``lkjip tables`` writes
    (``capaian_iku`` → ``capaian_iku.csv``); their columns are documented in
    ``docs/tables.md``. :attr:`ringkasan_iku`, :attr:`kegiatan` and the summaries
    are the facts the report's sentences state.

    Build it with :func:`analyse`, which checks that the year has indicator and
    budget rows. Constructed directly (as the review does), a year may lack one
    of them: an attribute that needs the missing rows raises a YearError when read.
    """

    def __init__(self, ds: Dataset, year: int, *, spm_window: int | None = DEFAULT_WINDOW) -> None:
        self.ds = ds
        self.year = as_year(year)
        self.spm_window = spm_window
        self.scale = dataset_scale(ds, self.year)
        """The category scale used (``profil.pengaturan.skala_kategori``; empty: the regulation's for the year)."""
        self.cap: float | None = dataset_cap(ds)
        """The capaian cap used (``profil.pengaturan.batas_capaian``); None: no cap."""

    def __repr__(self) -> str:
        return f"<YearAnalysis {self.year} ({self.ds.source})>"

    # -- indicators ---------------------------------------------------------------------------------

    @cached_property
    def capaian_iku(self) -> pd.DataFrame:
        """Analyses 1 and 2: each IKU this year and last (:func:`~lkjipkit.analysis.iku.indicator_achievement`)."""
        return indicator_achievement(self.ds, self.year, scale=self.scale, cap=self.cap)

    @cached_property
    def rumus_dipakai(self) -> tuple[tuple[str, str], ...]:
        """The (polaritas, rumus_capaian) pairs the year's IKU use, ``positif`` first, each once:
        what the report states before its first table (with :attr:`cap`)."""
        pairs = self.capaian_iku[["polaritas", "rumus_capaian"]].dropna().drop_duplicates()
        found = [(str(p), str(r)) for p, r in pairs.itertuples(index=False)]
        return tuple(sorted(found, key=lambda x: x[0] != "positif"))

    @cached_property
    def riwayat_iku(self) -> pd.DataFrame:
        """Analysis 2, the series (:func:`~lkjipkit.analysis.iku.indicator_history`)."""
        return indicator_history(self.ds, self.year, scale=self.scale, cap=self.cap)

    @cached_property
    def renstra_iku(self) -> pd.DataFrame:
        """Analysis 3 (:func:`~lkjipkit.analysis.iku.renstra_progress`)."""
        return renstra_progress(self.ds, self.year)

    @cached_property
    def standar_nasional_iku(self) -> pd.DataFrame:
        """Analysis 4 (:func:`~lkjipkit.analysis.iku.national_standard_comparison`)."""
        return national_standard_comparison(self.ds, self.year)

    @cached_property
    def analisis_iku(self) -> pd.DataFrame:
        """Analysis 5: the analyst's penyebab and solusi (:func:`~lkjipkit.analysis.iku.indicator_explanations`)."""
        return indicator_explanations(self.ds, self.year)

    @cached_property
    def ringkasan_iku(self) -> IndicatorSummary:
        """The IKU in a few figures: met, missed, not measured, the mean capaian and its category."""
        return indicator_summary(self.capaian_iku, self.scale, self.year)

    # -- SPM ----------------------------------------------------------------------------------------

    @cached_property
    def spm(self) -> pd.DataFrame:
        """SPM realisations up to the year (:func:`~lkjipkit.analysis.spm.spm_by_year`)."""
        return spm_by_year(self.ds, self.year)

    @cached_property
    def spm_ringkasan(self) -> pd.DataFrame:
        """SPM over the window (:func:`~lkjipkit.analysis.spm.spm_summary`)."""
        return spm_summary(self.ds, self.year, window=self.spm_window)

    # -- budget -------------------------------------------------------------------------------------

    @cached_property
    def anggaran_kegiatan(self) -> pd.DataFrame:
        """Budget realisation per kegiatan (:func:`~lkjipkit.analysis.budget.budget_by_activity`)."""
        return budget_by_activity(self.ds, self.year)

    @cached_property
    def anggaran_program(self) -> pd.DataFrame:
        """Budget realisation per program (:func:`~lkjipkit.analysis.budget.budget_by_program`)."""
        return budget_by_program(self.ds, self.year, activities=self.anggaran_kegiatan)

    @cached_property
    def anggaran_ringkasan(self) -> BudgetSummary:
        """The agency's budget totals, and whether the budget was revised (``ada_perubahan``)."""
        return compute_budget_summary(self.anggaran_kegiatan, self.year)

    @cached_property
    def tabel_kegiatan_lengkap(self) -> bool:
        """Whether the report prints every kegiatan's budget realisation: up to
        ``profil.pengaturan.batas_tabel_kegiatan`` kegiatan; above it, programs and
        :attr:`anggaran_kegiatan_penting`."""
        return len(self.anggaran_kegiatan) <= self.ds.profil.pengaturan.batas_tabel_kegiatan

    @cached_property
    def anggaran_kegiatan_penting(self) -> pd.DataFrame:
        """The kegiatan that matter in each program (:func:`~lkjipkit.analysis.budget.notable_activities`)."""
        return notable_activities(self.anggaran_kegiatan)

    @cached_property
    def kegiatan(self) -> ActivityProgress:
        """Physical progress of all the year's kegiatan: finished, short, cut."""
        return activity_progress(self.anggaran_kegiatan)

    # -- corrections of printed figures ---------------------------------------------------------------

    @cached_property
    def koreksi(self) -> pd.DataFrame:
        """Printed figures (``*_tercetak``) the report corrects (:func:`~lkjipkit.analysis.corrections.corrections`)."""
        return corrections(self)

    # -- efficiency and the seven analyses per sasaran ----------------------------------------------

    @cached_property
    def _sasaran_table(self) -> pd.DataFrame:
        return sasaran_table(self.ds)

    @cached_property
    def _links(self) -> pd.DataFrame:
        return sasaran_links(self.ds)

    @cached_property
    def efisiensi(self) -> pd.DataFrame:
        """Analysis 6 per sasaran (:func:`~lkjipkit.analysis.efficiency.compute_efficiency`)."""
        settings = self.ds.profil.pengaturan
        return compute_efficiency(
            self.capaian_iku,
            self.anggaran_program,
            self._links,
            self._sasaran_table,
            settings.efisiensi_batas,
            self.year,
            method=settings.metode_efisiensi,
        )

    @cached_property
    def program_sasaran(self) -> pd.DataFrame:
        """Analysis 7: every sasaran → program link with the program's budget realisation."""
        return program_links(self.efisiensi, self.anggaran_program, self._links)

    @cached_property
    def sasaran(self) -> tuple[SasaranAnalysis, ...]:
        """The seven analyses of each sasaran, in report order."""
        analyses = build_sasaran_analyses(
            year=self.year,
            sasaran=self._sasaran_table,
            capaian_iku=self.capaian_iku,
            riwayat_iku=self.riwayat_iku,
            renstra_iku=self.renstra_iku,
            standar_nasional_iku=self.standar_nasional_iku,
            analisis_iku=self.analisis_iku,
            efisiensi=self.efisiensi,
            program_sasaran=self.program_sasaran,
            anggaran_kegiatan=self.anggaran_kegiatan,
            kegiatan_iku=self.ds.tables["kegiatan"][["kode_rekening", "iku_kode"]].dropna(),
        )
        return tuple(analyses)

    # -- what the report still lacks ----------------------------------------------------------------

    @cached_property
    def gaps(self) -> tuple[Gap, ...]:
        """What a reviewer needs that the dataset lacks for the year (:func:`~lkjipkit.analysis.gaps.find_gaps`)."""
        return find_gaps(self)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The frames ``lkjip tables`` writes, by table name (file name without ``.csv``)."""
        return {t.name: t.frame(self) for t in OUTPUT_TABLES}


def analyse(ds: Dataset, year: int, *, spm_window: int | None = DEFAULT_WINDOW) -> YearAnalysis:
    """The analysis of ``year``; each part is computed once, when first read.

    Parameters
    ----------
    ds
        A loaded dataset (:func:`lkjipkit.load_dataset`).
    year
        The report year; it must have rows in ``iku_tahunan`` and ``anggaran``.
    spm_window
        Years (ending with ``year``) over which SPM means and trends are taken; None: all years.

    Raises
    ------
    YearError
        The year has no indicator or budget data.
    DatasetError
        ``profil.pengaturan.skala_kategori`` names a scale that is not shipped.
    """
    year = require_year(ds, year, "iku_tahunan", "anggaran")
    return YearAnalysis(ds, year, spm_window=spm_window)


def write_tables(
    ds: Dataset, year: int, out_dir: str | Path | None, *, workbook: str | Path | None = None
) -> list[Path]:
    """``lkjip tables``: compute ``year`` of the dataset; write its CSV tables into ``out_dir`` and/or a workbook.

    Parameters
    ----------
    out_dir
        Folder for the CSV files (:mod:`lkjipkit.analysis.tables`); ``None``: no CSV files.
    workbook
        Path of the Excel workbook of the same tables (:mod:`lkjipkit.analysis.workbook`); ``None``: none.

    Returns
    -------
    list of Path
        The CSV files in :data:`OUTPUT_TABLES` order, then the workbook.

    Raises
    ------
    YearError
        The year has no indicator or budget data.
    BuildError
        ``out_dir`` exists and is not a folder, or ``workbook`` is a folder.
    """
    analysis = analyse(ds, year)
    paths = write_analysis_tables(analysis, out_dir) if out_dir is not None else []
    return paths + ([write_workbook(analysis, workbook)] if workbook is not None else [])
