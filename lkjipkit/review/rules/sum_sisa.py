"""SUM-SISA: the printed sisa dana of a kegiatan equals its pagu minus the money spent.

Rationale: the remaining budget (*sisa dana*) is a difference the budget
system computes, but printed tables are often assembled by hand: a sisa copied
from the wrong row, or from the APBD murni instead of the APBD-P, shows money
left over that does not exist. Compared: ``anggaran.sisa_tercetak`` with
``pagu − realisasi_keuangan`` (pagu = APBD-P, else murni), as computed by
:func:`lkjipkit.analysis.budget.budget_by_activity`. A printed ``-`` is read as 0.
"""

from __future__ import annotations

from ..context import has, num, rupiah
from ..finding import Finding

ID = "SUM-SISA"
FAMILY = "sums"
SEVERITY = "error"
TITLE = "Sisa dana tercetak sama dengan pagu dikurangi realisasi keuangan"
NEEDS = ("anggaran",)
SETTINGS = ("toleransi_rupiah",)


def check(ctx) -> list[Finding]:
    out: list[Finding] = []
    for rec in ctx.activities.to_dict("records"):
        printed, sisa = num(rec["sisa_tercetak"]), num(rec["sisa"])
        if not (has(printed) and has(sisa)) or not ctx.differs(printed, sisa, ctx.settings.toleransi_rupiah):
            continue
        code = str(rec["kode_rekening"])
        out.append(
            Finding(
                rule=ID,
                severity=SEVERITY,
                file="anggaran.csv",
                row=int(rec["_row"]),
                column="sisa_tercetak",
                key=code,
                message=(
                    f"Sisa dana {ctx.kegiatan_label(code)} tercetak {rupiah(printed)}, padahal pagu "
                    f"{rupiah(rec['pagu'])} − realisasi keuangan {rupiah(rec['realisasi_keuangan'])} = {rupiah(sisa)}."
                ),
                found=rupiah(printed),
                expected=rupiah(sisa),
                figures={
                    "sisa_tercetak": printed,
                    "pagu": num(rec["pagu"]),
                    "realisasi_keuangan": num(rec["realisasi_keuangan"]),
                    "sisa": sisa,
                },
            )
        )
    return out
