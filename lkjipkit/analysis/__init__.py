"""The math of an LKjIP for one year: capaian, SPM, budget, efficiency and the seven analyses per sasaran.

Start with :func:`analyse`, which computes every table of a year once::

    from lkjipkit import load_dataset
    from lkjipkit.analysis import analyse

    a = analyse(load_dataset(path), 2016)
    a.capaian_iku              # one row per IKU
    a.anggaran_ringkasan.ttb   # Σ TTB of the agency
    a.sasaran[0].efficiency    # analysis 6 of the first sasaran

Formulas in plain words: ``docs/method.md``; columns: ``docs/tables.md``.
"""

from .budget import (
    BudgetSummary,
    budget_by_activity,
    budget_by_program,
    budget_summary,
    compute_activity_budget,
    compute_budget_summary,
    compute_program_budget,
)
from .bundle import YearAnalysis, analyse
from .capaian import (
    DEFAULT_SCALE,
    FORMULAS,
    Band,
    Scale,
    capaian,
    capaian_value,
    change_direction,
    kategori,
    load_scale,
    resolve_scale,
    shipped_scales,
    target_met,
)
from .efficiency import compute_efficiency, efficiency_by_sasaran, efficiency_category
from .iku import (
    indicator_achievement,
    indicator_explanations,
    indicator_history,
    national_standard_comparison,
    renstra_progress,
)
from .sasaran import SasaranAnalysis, analisis_sasaran
from .spm import spm_by_year, spm_realisation, spm_summary, trend_slope
from .tables import OUTPUT_TABLES, write_analysis_tables, write_tables

__all__ = [
    "DEFAULT_SCALE",
    "FORMULAS",
    "OUTPUT_TABLES",
    "Band",
    "BudgetSummary",
    "SasaranAnalysis",
    "Scale",
    "YearAnalysis",
    "analisis_sasaran",
    "analyse",
    "budget_by_activity",
    "budget_by_program",
    "budget_summary",
    "capaian",
    "capaian_value",
    "change_direction",
    "compute_activity_budget",
    "compute_budget_summary",
    "compute_efficiency",
    "compute_program_budget",
    "efficiency_by_sasaran",
    "efficiency_category",
    "indicator_achievement",
    "indicator_explanations",
    "indicator_history",
    "kategori",
    "load_scale",
    "national_standard_comparison",
    "renstra_progress",
    "resolve_scale",
    "shipped_scales",
    "spm_by_year",
    "spm_realisation",
    "spm_summary",
    "target_met",
    "trend_slope",
    "write_analysis_tables",
    "write_tables",
]
