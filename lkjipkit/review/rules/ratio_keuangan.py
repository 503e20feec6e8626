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

ID = "RATIO-KEUANGAN"
FAMILY = "ratios"
SEVERITY = "error"
TITLE = "Persentase realisasi keuangan tercetak sama dengan realisasi dibagi pagu"
NEEDS = ("anggaran",)
SETTINGS = ("toleransi_persen",)


def check(ctx) -> list[Finding]:
    out: list[Finding] = []
    for rec in ctx.activities.to_dict("records"):
        printed, pct = num(rec["realisasi_keuangan_persen_tercetak"]), num(rec["realisasi_keuangan_persen"])
        pagu, spent = num(rec["pagu"]), num(rec["realisasi_keuangan"])
        if not has(printed):
            continue
        code = str(rec["kode_rekening"])
        if not has(pct):
            if (has(pagu) and pagu > 0) or printed == 0:
                continue  # spending not given (CROSS-KEGIATAN-NO-REALISATION), or the 0 printed for no pagu
            message = (
                f"Realisasi keuangan {ctx.kegiatan_label(code)} tercetak {persen(printed)}, padahal kegiatan ini tidak "
                "mempunyai pagu, sehingga persentasenya tidak terdefinisi (dicetak 0 atau '-')."
            )
            expected = "-"
        elif ctx.differs(printed, pct, ctx.settings.toleransi_persen):
            message = (
                f"Realisasi keuangan {ctx.kegiatan_label(code)} tercetak {persen(printed)}, padahal "
                f"{rupiah(spent)} / {rupiah(pagu)} × 100 = {persen(pct)}."
            )
            expected = persen(pct)
        else:
            continue
        out.append(
            Finding(
                rule=ID,
                severity=SEVERITY,
                file="anggaran.csv",
                row=int(rec["_row"]),
                column="realisasi_keuangan_persen_tercetak",
                key=code,
                message=message,
                found=persen(printed),
                expected=expected,
                figures={"tercetak": printed, "realisasi_keuangan": spent, "pagu": pagu, "dihitung": pct},
            )
        )
    return out
