"""SUM-PROGRAM: a program's printed budget subtotals equal the sums of its kegiatan.

Rationale: Tabel 2.2 (RKT) and Tabel 3.2 print a subtotal row per program. The
subtotals are typed or copied from the budget system separately from the
kegiatan rows, so a kegiatan added, dropped or changed late leaves a subtotal
that no longer adds up, and every reader of the program row is misled.
Compared: ``program_tahunan.pagu_rkt_tercetak`` with the sum of the kegiatan's
``pagu_rkt_tercetak``; ``pagu_murni_tercetak`` with the sum of ``pagu_murni``
(an empty pagu counts as 0, as the printed tables treat it); and
``pagu_perubahan_tercetak`` with the sum of the pagu in force (APBD-P, else
murni) computed by :func:`lkjipkit.analysis.budget.budget_by_program`. A
comparison is skipped when its kegiatan column is empty for the whole year.
"""

from __future__ import annotations

import math

from lkjipkit.analysis import fsum

from ..context import has, num, rupiah
from ..finding import Finding

ID = "SUM-PROGRAM"
FAMILY = "sums"
SEVERITY = "error"
TITLE = "Subtotal program tercetak sama dengan jumlah kegiatannya"
NEEDS = ("anggaran",)
SETTINGS = ("toleransi_rupiah",)

_COLUMNS = (
    # printed column, kegiatan column summed, what it is (report words)
    ("pagu_rkt_tercetak", "pagu_rkt_tercetak", "pagu RKT (Tabel 2.2)"),
    ("pagu_murni_tercetak", "pagu_murni", "APBD murni"),
    ("pagu_perubahan_tercetak", "pagu", "pagu yang berlaku (APBD-P)"),
)


def check(ctx) -> list[Finding]:
    out: list[Finding] = []
    acts = ctx.activities
    pt = ctx.rows_of_year("program_tahunan")
    tol = ctx.settings.toleransi_rupiah
    for printed_col, kegiatan_col, what in _COLUMNS:
        if acts[kegiatan_col].isna().all():
            continue
        for rec in pt.to_dict("records"):
            printed = num(rec[printed_col])
            if not has(printed):
                continue
            code = str(rec["program_kode"])
            g = acts[acts["program_kode"] == code]
            summed = fsum(g[kegiatan_col])
            summed = 0.0 if math.isnan(summed) else summed
            if not ctx.differs(printed, summed, tol):
                continue
            out.append(
                ctx.finding(
                    ID,
                    SEVERITY,
                    "program_tahunan",
                    rec,
                    printed_col,
                    code,
                    message=(
                        f"Subtotal {what} {ctx.program_label(code)} tercetak {rupiah(printed)}, sedangkan jumlah "
                        f"{len(g)} kegiatannya {rupiah(summed)} (selisih {rupiah(abs(printed - summed))})."
                    ),
                    found=rupiah(printed),
                    expected=rupiah(summed),
                    figures={
                        "tercetak": printed,
                        "jumlah_kegiatan": summed,
                        "selisih": printed - summed,
                        "banyak_kegiatan": len(g),
                    },
                )
            )
    return out
