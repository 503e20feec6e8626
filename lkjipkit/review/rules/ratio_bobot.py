"""RATIO-BOBOT: a kegiatan's printed weight (bobot) equals its pagu over the agency's total pagu.

Rationale: ``bobot = pagu / Σ pagu × 100`` with the pagu in force (APBD-P,
else murni). A bobot computed from the APBD murni, or from an old total after
the revision, misweights every TTB and the agency's physical progress. A
kegiatan cut to 0 has no bobot (the report prints ``-``): a printed bobot for
it is an error too. Compared: ``anggaran.bobot_tercetak`` with the bobot of
:func:`lkjipkit.analysis.budget.budget_by_activity`.
"""

from __future__ import annotations

from lkjipkit.analysis import fsum

from ..context import angka, has, num, rupiah
from ..finding import Finding
from ._printed import printed_vs_computed

ID = "RATIO-BOBOT"
FAMILY = "ratios"
SEVERITY = "error"
TITLE = "Bobot tercetak sama dengan pagu dibagi total pagu"
NEEDS = ("anggaran",)
SETTINGS = ("toleransi_persen",)


def check(ctx) -> list[Finding]:
    acts = ctx.activities
    agency = fsum(v for v in acts["pagu"] if has(v) and num(v) > 0)

    def undefined(rec: dict, printed: float, code: str) -> tuple[str, str] | None:
        if printed == 0:
            return None
        pagu = num(rec["pagu"])
        return (
            f"Bobot {ctx.kegiatan_label(code)} tercetak {angka(printed)}, padahal pagunya "
            f"{rupiah(pagu) if has(pagu) else 'kosong'}: kegiatan tanpa pagu tidak berbobot (dicetak '-').",
            "-",
        )

    def wrong(rec: dict, printed: float, code: str) -> tuple[str, str]:
        bobot = num(rec["bobot"])
        return (
            f"Bobot {ctx.kegiatan_label(code)} tercetak {angka(printed)}, padahal pagu {rupiah(num(rec['pagu']))} / "
            f"total pagu {rupiah(agency)} × 100 = {angka(bobot, 4)}.",
            angka(bobot),
        )

    return printed_vs_computed(
        ctx,
        ID,
        SEVERITY,
        column="bobot_tercetak",
        computed="bobot",
        tolerance=ctx.settings.toleransi_persen,
        shown=angka,
        undefined=undefined,
        wrong=wrong,
        figures=lambda rec, printed: {
            "bobot_tercetak": printed,
            "pagu": num(rec["pagu"]),
            "total_pagu": agency,
            "bobot": num(rec["bobot"]),
        },
    )
