"""Cross-table rules of a dataset, one rule per module.

Each module has a docstring saying what it checks and why, and a
``check(dataset) -> list[Problem]`` function. :data:`RULES` is the order they
run in; all of them run, so a user sees every problem at once.
"""

from __future__ import annotations

from . import (
    analysis_has_indicator_year,
    category_scale,
    images_loadable,
    kode_rekening_in_program,
    logo_exists,
    references,
    report_year_in_period,
    spending_within_pagu,
    spm_value_or_counts,
    years_in_period,
)

RULES = (
    references,
    years_in_period,
    report_year_in_period,
    kode_rekening_in_program,
    spending_within_pagu,
    spm_value_or_counts,
    analysis_has_indicator_year,
    logo_exists,
    images_loadable,
    category_scale,
)

__all__ = ["RULES"]
