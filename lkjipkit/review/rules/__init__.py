"""The review rules, one per module.

Each module has a docstring giving its rationale (it is the rule's entry in
``docs/review.md``) and defines:

``ID``        the rule id, e.g. ``SUM-PROGRAM`` (family prefix: SUM, RATIO, CROSS, PLAUS, COMPLETE, CLAIM)
``FAMILY``    ``sums``, ``ratios``, ``identity``, ``plausibility``, ``completeness`` or ``claims``
``SEVERITY``  the default severity of its findings (a rule may give some findings a
              lower or higher one, e.g. rounding as ``info``; ``reviu.yaml: tingkat`` overrides all)
``TITLE``     what the rule checks, in Bahasa Indonesia (for the report's Lampiran)
``NEEDS``     yearly tables that must have rows for the report year, else the rule is skipped
``SETTINGS``  the keys of ``reviu.yaml`` it reads
``check(ctx) -> list[Finding]``

:data:`RULES` is the order they run and are listed in.
"""

from __future__ import annotations

from . import (
    claim_direction,
    claim_extreme,
    claim_mean,
    claim_number,
    claim_target,
    complete_explanation,
    complete_iku_realisation,
    complete_iku_target,
    complete_sasaran_iku,
    complete_sasaran_program,
    complete_solution,
    complete_spm_explanation,
    complete_year,
    cross_duplicate_name,
    cross_iku_name,
    cross_iku_spm_realisasi,
    cross_iku_spm_target,
    cross_kegiatan_name,
    cross_kegiatan_no_budget_row,
    cross_kegiatan_no_plan,
    cross_kegiatan_no_realisation,
    cross_pk_program,
    cross_rkt_pagu,
    plaus_capaian_high,
    plaus_fisik_equals_keuangan,
    plaus_fisik_keuangan,
    plaus_jump_iku,
    plaus_jump_spm,
    plaus_pagu_cut,
    ratio_bobot,
    ratio_capaian,
    ratio_keuangan,
    ratio_spm_counts,
    ratio_ttb,
    ratio_ttb_unrounded,
    sum_bobot,
    sum_program,
    sum_sisa,
)

RULES = (
    # sums
    sum_program,
    sum_sisa,
    sum_bobot,
    # ratios vs counts
    ratio_spm_counts,
    ratio_bobot,
    ratio_ttb,
    ratio_ttb_unrounded,
    ratio_keuangan,
    ratio_capaian,
    # cross-table identity
    cross_kegiatan_name,
    cross_iku_name,
    cross_duplicate_name,
    cross_iku_spm_realisasi,
    cross_iku_spm_target,
    cross_rkt_pagu,
    cross_kegiatan_no_realisation,
    cross_kegiatan_no_plan,
    cross_kegiatan_no_budget_row,
    cross_pk_program,
    # plausibility
    plaus_fisik_keuangan,
    plaus_fisik_equals_keuangan,
    plaus_pagu_cut,
    plaus_capaian_high,
    plaus_jump_iku,
    plaus_jump_spm,
    # completeness
    complete_year,
    complete_iku_realisation,
    complete_iku_target,
    complete_sasaran_program,
    complete_sasaran_iku,
    complete_explanation,
    complete_solution,
    complete_spm_explanation,
    # the analyst's own words
    claim_number,
    claim_mean,
    claim_extreme,
    claim_target,
    claim_direction,
)

RULE_BY_ID = {r.ID: r for r in RULES}

#: Families in the order of the issue, with their name in the report.
FAMILIES = {
    "sums": "jumlah",
    "ratios": "rasio dan hitungan",
    "identity": "identitas lintas tabel",
    "plausibility": "kewajaran",
    "completeness": "kelengkapan",
    "claims": "klaim dalam teks analis",
}

__all__ = ["FAMILIES", "RULES", "RULE_BY_ID"]
