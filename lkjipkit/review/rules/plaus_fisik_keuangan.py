"""PLAUS-FISIK-KEUANGAN: physical and financial realisation of a kegiatan are not far apart.

Rationale: work done and money spent usually move together. Physical progress
near 100 % with spending far lower means either savings (which the report
should explain) or a physical figure reported too high; spending near 100 %
with physical progress far lower means money spent on unfinished work.
Fires when the higher of ``realisasi_fisik`` and the financial realisation %
is at least ``fisik_keuangan_batas`` (default 90) and the gap is at least
``fisik_keuangan_selisih`` points (default 25), for kegiatan with a pagu.
"""

from __future__ import annotations

from ..context import EPS, has, num, persen, poin, sentence
from ..finding import Finding

ID = "PLAUS-FISIK-KEUANGAN"
FAMILY = "plausibility"
SEVERITY = "warning"
TITLE = "Realisasi fisik dan keuangan tidak berjauhan"
NEEDS = ("anggaran",)
SETTINGS = ("fisik_keuangan_batas", "fisik_keuangan_selisih")


def check(ctx) -> list[Finding]:
    out: list[Finding] = []
    s = ctx.settings
    for rec in ctx.activities.to_dict("records"):
        fisik, keu, pagu = num(rec["realisasi_fisik"]), num(rec["realisasi_keuangan_persen"]), num(rec["pagu"])
        if not (has(fisik) and has(keu) and has(pagu) and pagu > 0):
            continue
        gap = fisik - keu
        if max(fisik, keu) < s.fisik_keuangan_batas - EPS or abs(gap) < s.fisik_keuangan_selisih - EPS:
            continue
        code = str(rec["kode_rekening"])
        label = sentence(ctx.kegiatan_label(code))
        if gap > 0:
            message = (
                f"{label}: realisasi fisik {persen(fisik)} tetapi realisasi keuangan hanya {persen(keu)} (selisih "
                f"{poin(gap)}). Periksa apakah realisasi fisik dilaporkan terlalu tinggi, atau jelaskan penghematannya."
            )
        else:
            message = (
                f"{label}: realisasi keuangan {persen(keu)} tetapi realisasi fisik hanya {persen(fisik)} (selisih "
                f"{poin(gap)}): dana terserap untuk pekerjaan yang belum selesai. Periksa dan jelaskan."
            )
        out.append(
            ctx.activity_finding(
                ID,
                SEVERITY,
                rec,
                "realisasi_fisik",
                message=message,
                found=f"fisik {persen(fisik)}, keuangan {persen(keu)}",
                expected=f"selisih < {poin(s.fisik_keuangan_selisih)}",
                figures={"realisasi_fisik": fisik, "realisasi_keuangan_persen": keu, "selisih": gap},
            )
        )
    return out
