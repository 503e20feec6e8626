"""CROSS-KEGIATAN-NO-PLAN: every kegiatan with a revised budget or spending was in the original plan.

Rationale: a kegiatan that appears in the APBD-P or spends money but has no
APBD murni and no RKT amount was either added in the revision (which the
report should say) or lost its plan amount in transcription. The seed's
kegiatan 14 (Pemeliharaan Rutin/Berkala Gedung Kantor) has APBD-P Rp 12.600.000
and no murni amount in either table, although its program subtotal shows it
had none. Checked when the year's plan columns are in use: ``pagu_murni`` and
``pagu_rkt_tercetak`` both empty with ``pagu_perubahan``, ``realisasi_keuangan``
or ``realisasi_fisik`` above 0. Write ``pagu_murni`` 0 to state that the
kegiatan was added in the revision.
"""

from __future__ import annotations

from ..context import has, num, persen, rupiah, sentence
from ..finding import Finding

ID = "CROSS-KEGIATAN-NO-PLAN"
FAMILY = "identity"
SEVERITY = "warning"
TITLE = "Kegiatan dalam APBD-P atau realisasi ada dalam rencana awal"
NEEDS = ("anggaran",)
SETTINGS = ()


def check(ctx) -> list[Finding]:
    out: list[Finding] = []
    acts = ctx.activities
    if acts["pagu_murni"].isna().all() and acts["pagu_rkt_tercetak"].isna().all():
        return []  # the dataset records no original plan for the year
    for rec in acts.to_dict("records"):
        if has(rec["pagu_murni"]) or has(rec["pagu_rkt_tercetak"]):
            continue
        revised, spent, fisik = num(rec["pagu_perubahan"]), num(rec["realisasi_keuangan"]), num(rec["realisasi_fisik"])
        if not any(has(v) and v > 0 for v in (revised, spent, fisik)):
            continue
        code = str(rec["kode_rekening"])
        parts = []
        if has(revised):
            parts.append(f"APBD-P {rupiah(revised)}")
        if has(spent):
            parts.append(f"realisasi keuangan {rupiah(spent)}")
        if has(fisik):
            parts.append(f"realisasi fisik {persen(fisik)}")
        out.append(
            ctx.activity_finding(
                ID,
                SEVERITY,
                rec,
                "pagu_murni",
                message=(
                    f"{sentence(ctx.kegiatan_label(code))} tidak mempunyai pagu APBD murni maupun pagu RKT (kosong), "
                    f"tetapi tercatat {', '.join(parts)}. Bila kegiatan ini baru ditambahkan pada perubahan anggaran, "
                    "jelaskan dalam laporan dan isi pagu_murni 0; bila tidak, lengkapi pagu murninya."
                ),
                found="kosong",
                expected="pagu APBD murni (0 bila kegiatan baru pada APBD-P)",
                figures={"pagu_perubahan": revised, "realisasi_keuangan": spent, "realisasi_fisik": fisik},
            )
        )
    return out
