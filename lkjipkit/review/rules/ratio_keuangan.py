"""RATIO-KEUANGAN: a kegiatan's printed financial realisation % equals money spent over its pagu.

Rationale: ``realisasi keuangan % = realisasi keuangan / pagu × 100`` with the
pagu in force. A percentage computed against the APBD murni after a revision
understates spending; one typed by hand drifts from its amounts. A kegiatan
without pagu has no percentage (0 or ``-`` printed). Compared:
``anggaran.realisasi_keuangan_persen_tercetak`` with the percentage of
:func:`lkjipkit.analysis.budget.budget_by_activity`.
"""

from __future__ import annotations

from ..context import has, num, persen, rupiah
from ..finding import Finding
from ._printed import printed_vs_computed

ID = "RATIO-KEUANGAN"
FAMILY = "ratios"
SEVERITY = "error"
TITLE = "Persentase realisasi keuangan tercetak sama dengan realisasi dibagi pagu"
NEEDS = ("anggaran",)
SETTINGS = ("toleransi_persen",)


def check(ctx) -> list[Finding]:
    def undefined(rec: dict, printed: float, code: str) -> tuple[str, str] | None:
        pagu = num(rec["pagu"])
        if (has(pagu) and pagu > 0) or printed == 0:
            return None  # spending not given (CROSS-KEGIATAN-NO-REALISATION), or the 0 printed for no pagu
        return (
            f"Realisasi keuangan {ctx.kegiatan_label(code)} tercetak {persen(printed)}, padahal kegiatan ini tidak "
            "mempunyai pagu, sehingga persentasenya tidak terdefinisi (dicetak 0 atau '-').",
            "-",
        )

    def wrong(rec: dict, printed: float, code: str) -> tuple[str, str]:
        pct = num(rec["realisasi_keuangan_persen"])
        return (
            f"Realisasi keuangan {ctx.kegiatan_label(code)} tercetak {persen(printed)}, padahal "
            f"{rupiah(num(rec['realisasi_keuangan']))} / {rupiah(num(rec['pagu']))} × 100 = {persen(pct)}.",
            persen(pct),
        )

    return printed_vs_computed(
        ctx,
        ID,
        SEVERITY,
        column="realisasi_keuangan_persen_tercetak",
        computed="realisasi_keuangan_persen",
        tolerance=ctx.settings.toleransi_persen,
        shown=persen,
        undefined=undefined,
        wrong=wrong,
        figures=lambda rec, printed: {
            "tercetak": printed,
            "realisasi_keuangan": num(rec["realisasi_keuangan"]),
            "pagu": num(rec["pagu"]),
            "dihitung": num(rec["realisasi_keuangan_persen"]),
        },
    )
