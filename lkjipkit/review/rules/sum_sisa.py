"""SUM-SISA: the printed sisa dana of a kegiatan equals its pagu minus the money spent.

Rationale: the remaining budget (*sisa dana*) is a difference the budget
system computes, but printed tables are often assembled by hand: a sisa copied
from the wrong row, or from the APBD murni instead of the APBD-P, shows money
left over that does not exist. Compared: ``anggaran.sisa_tercetak`` with
``pagu − realisasi_keuangan`` (pagu = APBD-P, else murni), as computed by
:func:`lkjipkit.analysis.budget.budget_by_activity`. A printed ``-`` is read as 0.
"""

from __future__ import annotations

from ..context import num, rupiah
from ..finding import Finding
from ._printed import printed_vs_computed

ID = "SUM-SISA"
FAMILY = "sums"
SEVERITY = "error"
TITLE = "Sisa dana tercetak sama dengan pagu dikurangi realisasi keuangan"
NEEDS = ("anggaran",)
SETTINGS = ("toleransi_rupiah",)


def check(ctx) -> list[Finding]:
    def wrong(rec: dict, printed: float, code: str) -> tuple[str, str]:
        sisa = num(rec["sisa"])
        return (
            f"Sisa dana {ctx.kegiatan_label(code)} tercetak {rupiah(printed)}, padahal pagu "
            f"{rupiah(rec['pagu'])} − realisasi keuangan {rupiah(rec['realisasi_keuangan'])} = {rupiah(sisa)}.",
            rupiah(sisa),
        )

    return printed_vs_computed(
        ctx,
        ID,
        SEVERITY,
        column="sisa_tercetak",
        computed="sisa",
        tolerance=ctx.settings.toleransi_rupiah,
        shown=rupiah,
        undefined=lambda rec, printed, code: None,  # no sisa without a pagu: nothing to compare
        wrong=wrong,
        figures=lambda rec, printed: {
            "sisa_tercetak": printed,
            "pagu": num(rec["pagu"]),
            "realisasi_keuangan": num(rec["realisasi_keuangan"]),
            "sisa": num(rec["sisa"]),
        },
    )
