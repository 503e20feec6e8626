"""PLAUS-FISIK-EQUALS-KEUANGAN: physical progress is not simply the financial percentage copied.

Rationale: physical progress should be measured (work delivered), not set
from spending. When realisasi fisik equals the financial realisation % to the
last printed digit, and is neither 0 nor 100, the physical figure was most
likely derived from the money spent. The seed has six such kegiatan (8, 46,
52, 55, 56 and 67). *Info*: it may be a coincidence, but the auditor should
ask how physical progress was measured. Equal means within ``toleransi_persen``.
"""

from __future__ import annotations

from ..context import EPS, has, num, persen, sentence
from ..finding import Finding

ID = "PLAUS-FISIK-EQUALS-KEUANGAN"
FAMILY = "plausibility"
SEVERITY = "info"
TITLE = "Realisasi fisik tidak disalin dari persentase keuangan"
NEEDS = ("anggaran",)
SETTINGS = ("toleransi_persen",)


def check(ctx) -> list[Finding]:
    out: list[Finding] = []
    for rec in ctx.activities.to_dict("records"):
        fisik, keu = num(rec["realisasi_fisik"]), num(rec["realisasi_keuangan_persen"])
        if not (has(fisik) and has(keu)) or fisik <= EPS or fisik >= 100 - EPS:
            continue
        if ctx.differs(fisik, keu, ctx.settings.toleransi_persen):
            continue
        code = str(rec["kode_rekening"])
        out.append(
            ctx.activity_finding(
                ID,
                SEVERITY,
                rec,
                "realisasi_fisik",
                message=(
                    f"{sentence(ctx.kegiatan_label(code))}: realisasi fisik {persen(fisik)} sama persis dengan "
                    f"realisasi keuangan {persen(keu)}. Kemungkinan realisasi fisik ditetapkan dari penyerapan dana, "
                    "bukan diukur dari keluaran; periksa cara pengukurannya."
                ),
                found=persen(fisik),
                expected="diukur dari keluaran kegiatan",
                figures={"realisasi_fisik": fisik, "realisasi_keuangan_persen": keu},
            )
        )
    return out
