"""The math of an LKjIP for one year: capaian, SPM, budget, efficiency and the seven analyses per sasaran.

Start with :func:`analyse`, which computes every table and fact of a year once::

    from lkjipkit import load_dataset
    from lkjipkit.analysis import analyse

    a = analyse(load_dataset(path), 2016)
    a.capaian_iku                      # one row per IKU
    a.ringkasan_iku.jumlah_tercapai    # IKU that reached their target
    a.anggaran_ringkasan.ttb           # Σ TTB of the agency
    a.sasaran[0].efficiency            # analysis 6 of the first sasaran

The single analyses (e.g. :func:`lkjipkit.analysis.iku.indicator_achievement`,
:func:`lkjipkit.analysis.capaian.capaian`) stay in their modules.
Formulas in plain words: ``docs/method.md``; columns: ``docs/tables.md``.
"""

from ._common import as_year, fmean, fsum
from .budget import ActivityProgress, BudgetSummary
from .bundle import YearAnalysis, analyse, write_tables
from .capaian import Scale, load_scale, shipped_scales
from .iku import IndicatorSummary
from .sasaran import ActivityHighlights, SasaranAnalysis
from .tables import OUTPUT_TABLES, write_analysis_tables

__all__ = [
    "OUTPUT_TABLES",
    "ActivityHighlights",
    "ActivityProgress",
    "BudgetSummary",
    "IndicatorSummary",
    "SasaranAnalysis",
    "Scale",
    "YearAnalysis",
    "analyse",
    "as_year",
    "fmean",
    "fsum",
    "load_scale",
    "shipped_scales",
    "write_analysis_tables",
    "write_tables",
]
