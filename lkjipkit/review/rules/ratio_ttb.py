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
from ._printed import printed_vs_computed

ID = "RATIO-TTB"
FAMILY = "ratios"
SEVERITY = "error"
TITLE = "TTB tercetak sama dengan bobot × realisasi fisik"
NEEDS = ("anggaran",)
SETTINGS = ("toleransi_persen",)


def check(ctx) -> list[Finding]:
    tol = ctx.settings.toleransi_persen

    def undefined(rec: dict, printed: float, code: str) -> tuple[str, str] | None:
        if printed == 0:
            return None
        return (
            f"TTB {ctx.kegiatan_label(code)} tercetak {angka(printed)}, padahal kegiatan ini tidak mempunyai pagu "
            "(tanpa bobot), sehingga TTB-nya 0.",
            angka(0),
        )

    def wrong(rec: dict, printed: float, code: str) -> tuple[str, str] | None:
        ttb, bobot, fisik, bobot_printed = (num(rec[c]) for c in ("ttb", "bobot", "realisasi_fisik", "bobot_tercetak"))
        from_rounded = bobot_printed * fisik / 100 if has(bobot_printed) else float("nan")
        if has(from_rounded) and not ctx.differs(printed, from_rounded, tol):
            return None  # matches the printed bobot (RATIO-TTB-UNROUNDED)
        return (
            f"TTB {ctx.kegiatan_label(code)} tercetak {angka(printed)}, padahal bobot {angka(bobot, 4)} × "
            f"realisasi fisik {persen(fisik)} = {angka(ttb, 4)}.",
            angka(ttb),
        )

    return printed_vs_computed(
        ctx,
        ID,
        SEVERITY,
        column="ttb_tercetak",
        computed="ttb",
        defined_by="bobot",
        tolerance=tol,
        shown=angka,
        undefined=undefined,
        wrong=wrong,
        figures=lambda rec, printed: {
            "ttb_tercetak": printed,
            "bobot": num(rec["bobot"]),
            "realisasi_fisik": num(rec["realisasi_fisik"]),
            "ttb": num(rec["ttb"]),
        },
    )
