"""CROSS-RKT-PAGU: a kegiatan's pagu in the RKT equals its APBD murni in the realisation table.

Rationale: the RKT (Tabel 2.2) and the APBD murni column of Tabel 3.2 are the
same budget, printed twice; a difference means one of the two was copied from
another version of the budget or from the wrong row. Compared:
``anggaran.pagu_rkt_tercetak`` with ``anggaran.pagu_murni``; one of them
empty while the other has an amount is a difference too (when the RKT column
is used in the year at all).
"""

from __future__ import annotations

from ..context import has, num, rupiah
from ..finding import Finding

ID = "CROSS-RKT-PAGU"
FAMILY = "identity"
SEVERITY = "error"
TITLE = "Pagu RKT sama dengan APBD murni"
NEEDS = ("anggaran",)
SETTINGS = ("toleransi_rupiah",)


def check(ctx) -> list[Finding]:
    out: list[Finding] = []
    acts = ctx.activities
    if acts["pagu_rkt_tercetak"].isna().all():
        return []
    for rec in acts.to_dict("records"):
        rkt, murni = num(rec["pagu_rkt_tercetak"]), num(rec["pagu_murni"])
        if not has(rkt) and not has(murni):
            continue
        if has(rkt) and has(murni) and not ctx.differs(rkt, murni, ctx.settings.toleransi_rupiah):
            continue
        code = str(rec["kode_rekening"])
        rkt_text = rupiah(rkt) if has(rkt) else "kosong"
        murni_text = rupiah(murni) if has(murni) else "kosong"
        out.append(
            ctx.activity_finding(
                ID,
                SEVERITY,
                rec,
                "pagu_rkt_tercetak",
                message=(
                    f"Pagu {ctx.kegiatan_label(code)} di RKT (Tabel 2.2) {rkt_text}, sedangkan APBD murni di tabel "
                    f"realisasi {murni_text}: kedua tabel seharusnya memuat anggaran yang sama."
                ),
                found=rkt_text,
                expected=murni_text,
                figures={"pagu_rkt_tercetak": rkt, "pagu_murni": murni},
            )
        )
    return out
