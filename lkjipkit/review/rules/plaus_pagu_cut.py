"""PLAUS-PAGU-CUT: a kegiatan whose pagu was cut to 0 (or deeply) in the budget revision.

Rationale: a kegiatan planned in the APBD murni and cut to 0 in the APBD-P was
not carried out; the targets it supported may be out of reach, and the report
should say why it was cut and what that did to performance. The seed cut eight
kegiatan to 0 in its 2016 revision (budget deficit). *Info* by default; a
*warning* when the cut kegiatan still reports physical progress above 0.
``pemotongan_pagu_persen`` (default 100: only cuts to 0) lowers the bar to
deep cuts, e.g. 90 to see every kegiatan that lost 90 % of its budget.
"""

from __future__ import annotations

from ..context import EPS, has, num, persen, rupiah
from ..finding import Finding

ID = "PLAUS-PAGU-CUT"
FAMILY = "plausibility"
SEVERITY = "info"
TITLE = "Pagu kegiatan dipotong menjadi 0 pada APBD-P"
NEEDS = ("anggaran",)
SETTINGS = ("pemotongan_pagu_persen",)


def check(ctx) -> list[Finding]:
    out: list[Finding] = []
    for rec in ctx.activities.to_dict("records"):
        murni, revised, fisik = num(rec["pagu_murni"]), num(rec["pagu_perubahan"]), num(rec["realisasi_fisik"])
        if not (has(murni) and murni > 0 and has(revised)):
            continue
        cut = (murni - revised) / murni * 100
        if cut < ctx.settings.pemotongan_pagu_persen - EPS:
            continue
        code = str(rec["kode_rekening"])
        severity = SEVERITY
        if revised <= EPS:
            message = (
                f"Pagu {ctx.kegiatan_label(code)} dipotong dari {rupiah(murni)} (APBD murni) menjadi Rp 0 pada "
                "APBD-P: kegiatan tidak dilaksanakan. Jelaskan alasannya dan dampaknya pada target kinerja yang "
                "didukung kegiatan ini."
            )
            if has(fisik) and fisik > EPS:
                severity = "warning"
                message += f" Realisasi fisiknya tercatat {persen(fisik)}, padahal kegiatan tanpa pagu."
        else:
            message = (
                f"Pagu {ctx.kegiatan_label(code)} dipotong {persen(cut)} pada APBD-P, dari {rupiah(murni)} "
                f"menjadi {rupiah(revised)}. Jelaskan dampaknya pada target kinerja yang didukung kegiatan ini."
            )
        out.append(
            ctx.activity_finding(
                ID,
                severity,
                rec,
                "pagu_perubahan",
                message=message,
                found=rupiah(revised),
                expected=rupiah(murni),
                figures={
                    "pagu_murni": murni,
                    "pagu_perubahan": revised,
                    "pemotongan_persen": cut,
                    "realisasi_fisik": fisik,
                },
            )
        )
    return out
