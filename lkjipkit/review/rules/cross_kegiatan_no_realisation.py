"""CROSS-KEGIATAN-NO-REALISATION: every kegiatan with a budget has its realisation.

Rationale: a kegiatan in the plan (with a pagu in force) but without
realisasi fisik or keuangan drops out of the agency's physical progress
(Σ TTB) and of the financial realisation, so both totals look better or worse
than they are. A kegiatan cut to 0 needs no realisation. Checked: the year's
``anggaran`` rows with pagu > 0 and an empty ``realisasi_fisik`` or
``realisasi_keuangan``.
"""

from __future__ import annotations

from ..context import has, num, rupiah, sentence
from ..finding import Finding

ID = "CROSS-KEGIATAN-NO-REALISATION"
FAMILY = "identity"
SEVERITY = "warning"
TITLE = "Kegiatan berpagu mempunyai realisasi"
NEEDS = ("anggaran",)
SETTINGS = ()

_WHAT = {"realisasi_fisik": "fisik", "realisasi_keuangan": "keuangan"}


def check(ctx) -> list[Finding]:
    out: list[Finding] = []
    for rec in ctx.activities.to_dict("records"):
        pagu = num(rec["pagu"])
        if not (has(pagu) and pagu > 0):
            continue
        missing = [c for c in _WHAT if not has(rec[c])]
        if not missing:
            continue
        code = str(rec["kode_rekening"])
        what = " dan ".join(_WHAT[c] for c in missing)
        out.append(
            ctx.activity_finding(
                ID,
                SEVERITY,
                rec,
                missing[0],
                message=(
                    f"{sentence(ctx.kegiatan_label(code))} mempunyai pagu {rupiah(pagu)} tetapi realisasi {what} "
                    "kosong: kegiatan ada dalam rencana tetapi tidak dalam tabel realisasi, sehingga total realisasi "
                    "tidak lengkap."
                ),
                found="kosong",
                expected=f"realisasi {what}",
                figures={"pagu": pagu, "kolom_kosong": missing},
            )
        )
    return out
