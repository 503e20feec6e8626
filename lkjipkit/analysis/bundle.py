"""Everything computed for one year, once: what the chapter notebooks and ``lkjip tables`` use."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from lkjipkit.dataset import Dataset

from ._common import dataset_cap, dataset_scale, require_year
from .budget import BudgetSummary, budget_by_activity, budget_by_program, compute_budget_summary
from .capaian import Scale
from .efficiency import compute_efficiency, sasaran_links, sasaran_table
from .iku import (
    indicator_achievement,
    indicator_explanations,
    indicator_history,
    national_standard_comparison,
    renstra_progress,
)
from .sasaran import SasaranAnalysis, build_sasaran_analyses, program_links
from .spm import DEFAULT_WINDOW, spm_by_year, spm_summary


@dataclass(frozen=True)
class YearAnalysis:
    """All the analysis frames of one agency-year.

    Attribute names are the names of the CSV files ``lkjip tables`` writes
    (``capaian_iku`` → ``capaian_iku.csv``); their columns are documented in
    ``docs/tables.md``.
    """

    year: int
    scale: Scale = field(repr=False)
    """The category scale used (``profil.pengaturan.skala_kategori``)."""
    cap: float | None
    """The capaian cap used (``profil.pengaturan.batas_capaian``); None: no cap."""
    capaian_iku: pd.DataFrame = field(repr=False)
    riwayat_iku: pd.DataFrame = field(repr=False)
    renstra_iku: pd.DataFrame = field(repr=False)
    standar_nasional_iku: pd.DataFrame = field(repr=False)
    analisis_iku: pd.DataFrame = field(repr=False)
    spm: pd.DataFrame = field(repr=False)
    spm_ringkasan: pd.DataFrame = field(repr=False)
    anggaran_kegiatan: pd.DataFrame = field(repr=False)
    anggaran_program: pd.DataFrame = field(repr=False)
    anggaran_ringkasan: BudgetSummary = field(repr=False)
    efisiensi: pd.DataFrame = field(repr=False)
    program_sasaran: pd.DataFrame = field(repr=False)
    sasaran: tuple[SasaranAnalysis, ...] = field(repr=False)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The frames ``lkjip tables`` writes, by table name (file name without ``.csv``)."""
        from .tables import OUTPUT_TABLES

        return {t.name: t.frame(self) for t in OUTPUT_TABLES}


def analyse(ds: Dataset, year: int, *, spm_window: int | None = DEFAULT_WINDOW) -> YearAnalysis:
    """Compute every analysis of ``year`` once.

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
    scale, cap = dataset_scale(ds), dataset_cap(ds)
    capaian_iku = indicator_achievement(ds, year, scale=scale, cap=cap)
    kegiatan = budget_by_activity(ds, year)
    program = budget_by_program(ds, year, activities=kegiatan)
    ringkasan = compute_budget_summary(kegiatan, year)
    sasaran = sasaran_table(ds)
    links = sasaran_links(ds)
    efisiensi = compute_efficiency(capaian_iku, program, links, sasaran, ds.profil.pengaturan.efisiensi_batas, year)
    program_sasaran = program_links(efisiensi, program, links)
    frames = {
        "capaian_iku": capaian_iku,
        "riwayat_iku": indicator_history(ds, year, scale=scale, cap=cap),
        "renstra_iku": renstra_progress(ds, year),
        "standar_nasional_iku": national_standard_comparison(ds, year),
        "analisis_iku": indicator_explanations(ds, year),
        "efisiensi": efisiensi,
        "program_sasaran": program_sasaran,
        "anggaran_kegiatan": kegiatan,
    }
    analyses = build_sasaran_analyses(year=year, sasaran=sasaran, **frames)
    return YearAnalysis(
        year=year,
        scale=scale,
        cap=cap,
        spm=spm_by_year(ds, year),
        spm_ringkasan=spm_summary(ds, year, window=spm_window),
        anggaran_program=program,
        anggaran_ringkasan=ringkasan,
        sasaran=tuple(analyses),
        **frames,
    )
