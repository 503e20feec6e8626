"""RATIO-TTB: a kegiatan's printed weighted progress (TTB) equals its bobot times its realisasi fisik.

Rationale: ``TTB = bobot × realisasi fisik / 100``; the agency's physical
progress is the sum of the TTB, so one wrong TTB moves the headline figure.
The method computes it from the unrounded bobot; a TTB that matches the
printed (rounded) bobot instead is accepted too, since the difference is at
most one unit of the last digit (RATIO-TTB-UNROUNDED reports the opposite
case). A kegiatan without pagu has no TTB (0 or ``-`` printed). Compared:
``anggaran.ttb_tercetak`` with the TTB of
:func:`lkjipkit.analysis.budget.budget_by_activity`.
"""

from __future__ import annotations

from ..context import angka, has, num, persen
from ..finding import Finding

ID = "RATIO-TTB"
FAMILY = "ratios"
SEVERITY = "error"
TITLE = "TTB tercetak sama dengan bobot × realisasi fisik"
NEEDS = ("anggaran",)
SETTINGS = ("toleransi_persen",)


def check(ctx) -> list[Finding]:
    out: list[Finding] = []
    tol = ctx.settings.toleransi_persen
    for rec in ctx.activities.to_dict("records"):
        printed, ttb, bobot = num(rec["ttb_tercetak"]), num(rec["ttb"]), num(rec["bobot"])
        fisik, bobot_printed = num(rec["realisasi_fisik"]), num(rec["bobot_tercetak"])
        if not has(printed):
            continue
        code = str(rec["kode_rekening"])
        if not has(bobot):
            if printed == 0:
                continue
            message = (
                f"TTB {ctx.kegiatan_label(code)} tercetak {angka(printed)}, padahal kegiatan ini tidak mempunyai pagu "
                "(tanpa bobot), sehingga TTB-nya 0."
            )
            expected = angka(0)
        elif has(ttb) and ctx.differs(printed, ttb, tol):
            from_rounded = bobot_printed * fisik / 100 if has(bobot_printed) else float("nan")
            if has(from_rounded) and not ctx.differs(printed, from_rounded, tol):
                continue
            message = (
                f"TTB {ctx.kegiatan_label(code)} tercetak {angka(printed)}, padahal bobot {angka(bobot, 4)} × "
                f"realisasi fisik {persen(fisik)} = {angka(ttb, 4)}."
            )
            expected = angka(ttb)
        else:
            continue
        out.append(
            Finding(
                rule=ID,
                severity=SEVERITY,
                file="anggaran.csv",
                row=int(rec["_row"]),
                column="ttb_tercetak",
                key=code,
                message=message,
                found=angka(printed),
                expected=expected,
                figures={"ttb_tercetak": printed, "bobot": bobot, "realisasi_fisik": fisik, "ttb": ttb},
            )
        )
    return out
