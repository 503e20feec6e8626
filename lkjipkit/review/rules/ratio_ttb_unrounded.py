"""RATIO-TTB-UNROUNDED: a printed TTB that only matches when computed from the unrounded bobot.

Rationale: the method computes TTB from the unrounded bobot, which is right,
but a reader (or auditor) checking the table multiplies the *printed* bobot by
the printed realisasi fisik and gets a figure one unit off. The seed has seven
such rows. Nothing is wrong; the table should say how TTB was computed. Fires
when ``anggaran.ttb_tercetak`` equals the TTB from the unrounded bobot but not
``bobot_tercetak × realisasi_fisik / 100`` (both to ``toleransi_persen``).
"""

from __future__ import annotations

from ..context import angka, has, num, persen
from ..finding import Finding

ID = "RATIO-TTB-UNROUNDED"
FAMILY = "ratios"
SEVERITY = "info"
TITLE = "TTB tercetak hanya cocok dari bobot yang tidak dibulatkan"
NEEDS = ("anggaran",)
SETTINGS = ("toleransi_persen",)


def check(ctx) -> list[Finding]:
    out: list[Finding] = []
    tol = ctx.settings.toleransi_persen
    for rec in ctx.activities.to_dict("records"):
        printed, ttb, bobot = num(rec["ttb_tercetak"]), num(rec["ttb"]), num(rec["bobot"])
        fisik, bobot_printed = num(rec["realisasi_fisik"]), num(rec["bobot_tercetak"])
        if not all(has(v) for v in (printed, ttb, fisik, bobot_printed)):
            continue
        from_rounded = bobot_printed * fisik / 100
        if ctx.differs(printed, ttb, tol) or not ctx.differs(printed, from_rounded, tol):
            continue
        code = str(rec["kode_rekening"])
        out.append(
            ctx.activity_finding(
                ID,
                SEVERITY,
                rec,
                "ttb_tercetak",
                message=(
                    f"TTB {ctx.kegiatan_label(code)} tercetak {angka(printed)} hanya cocok bila dihitung dari bobot "
                    f"yang tidak dibulatkan ({angka(bobot, 4)} × {persen(fisik)} = {angka(ttb, 4)}). Pembaca yang "
                    f"menghitung dari bobot tercetak mendapat {angka(bobot_printed)} × {persen(fisik)} = "
                    f"{angka(from_rounded, 4)} ≈ {angka(from_rounded)}. Sebutkan dalam catatan tabel bahwa TTB "
                    "dihitung dari bobot yang tidak dibulatkan."
                ),
                found=angka(printed),
                expected=angka(from_rounded),
                figures={
                    "ttb_tercetak": printed,
                    "ttb": ttb,
                    "bobot": bobot,
                    "bobot_tercetak": bobot_printed,
                    "realisasi_fisik": fisik,
                    "ttb_dari_bobot_tercetak": from_rounded,
                },
            )
        )
    return out
