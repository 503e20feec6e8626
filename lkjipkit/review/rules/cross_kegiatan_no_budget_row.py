"""CROSS-KEGIATAN-NO-BUDGET-ROW: every kegiatan of the dataset has a budget row in the report year.

Rationale: a kegiatan listed in ``kegiatan.csv`` without an ``anggaran`` row
for the year is silently left out of the realisation table, of its program's
subtotal and of every total. In a dataset covering several years a kegiatan
may really have ended, so this is *info*: add a row (pagu 0 if it was dropped)
when the kegiatan belonged to the year's plan.
"""

from __future__ import annotations

from ..context import sentence
from ..finding import Finding

ID = "CROSS-KEGIATAN-NO-BUDGET-ROW"
FAMILY = "identity"
SEVERITY = "info"
TITLE = "Setiap kegiatan mempunyai baris anggaran tahun laporan"
NEEDS = ("anggaran",)
SETTINGS = ()


def check(ctx) -> list[Finding]:
    present = {str(k) for k in ctx.activities["kode_rekening"].dropna()}
    return [
        ctx.finding(
            ID,
            SEVERITY,
            "kegiatan",
            rec,
            "kode_rekening",
            str(rec["kode_rekening"]),
            message=(
                f"{sentence(ctx.kegiatan_label(str(rec['kode_rekening'])))} terdaftar di kegiatan.csv tetapi tidak "
                f"mempunyai baris anggaran tahun {ctx.year}, sehingga tidak muncul di tabel realisasi anggaran. "
                "Tambahkan barisnya (pagu 0 bila kegiatan dihapus) bila kegiatan ini ada dalam rencana tahun itu."
            ),
            found="tidak ada baris",
            expected=f"baris anggaran tahun {ctx.year}",
        )
        for rec in ctx.ds.tables["kegiatan"].to_dict("records")
        if str(rec["kode_rekening"]) not in present
    ]
