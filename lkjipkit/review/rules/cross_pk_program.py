"""CROSS-PK-PROGRAM: each program's budget in the Perjanjian Kinerja equals the program's pagu.

Rationale: the Perjanjian Kinerja (PK) commits the head of agency to targets
*and* to the budget of each program; a PK budget that is not the program's
budget makes the agreement and the realisation table disagree. The seed's PK
budgets are exactly the APBD-P subtotals (silent). A PK budget equal to the
program's APBD murni (a PK signed before the revision and not amended) is
*info*; any other difference, or a funded program missing from a PK that
lists budgets, is a *warning*. Compared: ``program_tahunan.anggaran_pk`` with
the program's pagu in force from :func:`lkjipkit.analysis.budget.budget_by_program`.
"""

from __future__ import annotations

from ..context import EPS, has, num, rupiah, sentence
from ..finding import Finding

ID = "CROSS-PK-PROGRAM"
FAMILY = "identity"
SEVERITY = "warning"
TITLE = "Anggaran program dalam Perjanjian Kinerja sama dengan pagu program"
NEEDS = ("anggaran",)
SETTINGS = ("toleransi_rupiah",)


def check(ctx) -> list[Finding]:
    out: list[Finding] = []
    tol = ctx.settings.toleransi_rupiah
    programs = {str(r["program_kode"]): r for r in ctx.programs.to_dict("records")}
    pt = ctx.rows_of_year("program_tahunan")
    stated = {str(r["program_kode"]): r for r in pt.to_dict("records") if has(r["anggaran_pk"])}
    if not stated:
        return []  # the dataset records no PK budgets for the year
    for code, rec in stated.items():
        pk = num(rec["anggaran_pk"])
        p = programs.get(code, {})
        pagu = num(p.get("pagu")) if has(p.get("pagu")) else 0.0
        murni = num(p.get("pagu_murni"))
        if not ctx.differs(pk, pagu, tol):
            continue
        label = ctx.program_label(code)
        if has(murni) and not ctx.differs(pk, murni, tol) and abs(murni - pagu) > EPS:
            severity = "info"
            message = (
                f"Anggaran {label} dalam Perjanjian Kinerja ({rupiah(pk)}) adalah APBD murni, bukan pagu yang "
                f"berlaku setelah perubahan ({rupiah(pagu)}). Bila PK tidak diubah setelah APBD-P, sebutkan; bila "
                "diubah, pakai anggaran PK perubahan."
            )
        else:
            severity = SEVERITY
            message = (
                f"Anggaran {label} dalam Perjanjian Kinerja ({rupiah(pk)}) berbeda dengan pagu program yang berlaku "
                f"({rupiah(pagu)}, jumlah kegiatannya; APBD murni {rupiah(murni) if has(murni) else 'kosong'}), "
                f"selisih {rupiah(abs(pk - pagu))}."
            )
        out.append(
            ctx.finding(
                ID,
                severity,
                "program_tahunan",
                rec,
                "anggaran_pk",
                code,
                message=message,
                found=rupiah(pk),
                expected=rupiah(pagu),
                figures={"anggaran_pk": pk, "pagu": pagu, "pagu_murni": murni},
            )
        )
    for code, p in programs.items():
        pagu = num(p["pagu"])
        if code in stated or not (has(pagu) and pagu > 0):
            continue
        row = ctx.row("program_tahunan", code, ctx.year)
        out.append(
            ctx.finding(
                ID,
                SEVERITY,
                "program_tahunan",
                row,
                "anggaran_pk",
                code,
                message=(
                    f"{sentence(ctx.program_label(code))} mempunyai pagu {rupiah(pagu)} tahun {ctx.year} tetapi tidak "
                    "tercantum anggarannya dalam Perjanjian Kinerja, padahal program lain tercantum."
                ),
                found="kosong",
                expected=rupiah(pagu),
                figures={"anggaran_pk": None, "pagu": pagu},
            )
        )
    return out
