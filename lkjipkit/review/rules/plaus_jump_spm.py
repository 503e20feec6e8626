"""PLAUS-JUMP-SPM: an SPM realisation does not jump far from last year's without reason.

Rationale: as PLAUS-JUMP-IKU, for the minimum service standards: the SPM
table prints five years side by side, and a sudden fall or rise (the seed's
entrepreneurship training 100 % → 26,67 %, equipment testing 100 % → 16,75 %,
inspections 23,85 % → 9,07 % in 2016) must be checked and explained. Uses
the realisation computed from counts when given
(:func:`lkjipkit.analysis.spm.spm_by_year`) and the same thresholds.
"""

from __future__ import annotations

from ..context import has, num, persen
from ..finding import Finding
from ._jump import change_text, jumped

ID = "PLAUS-JUMP-SPM"
FAMILY = "plausibility"
SEVERITY = "warning"
TITLE = "Realisasi SPM tidak melonjak jauh dari tahun lalu"
NEEDS = ()
SETTINGS = ("loncatan_relatif", "loncatan_minimum")


def check(ctx) -> list[Finding]:
    out: list[Finding] = []
    spm = ctx.spm
    for rec in spm[spm["tahun"] == ctx.year].to_dict("records"):
        cur, change = num(rec["realisasi"]), num(rec["perubahan"])
        if not (has(cur) and has(change)):
            continue
        prev = cur - change
        hit, relative = jumped(prev, cur, ctx.settings)
        if not hit:
            continue
        code = str(rec["kode"])
        counted = rec["sumber_realisasi"] == "pembilang/penyebut"
        out.append(
            ctx.yearly_finding(
                ID,
                SEVERITY,
                "spm_realisasi",
                code,
                "pembilang" if counted else "realisasi",
                message=(
                    f"Realisasi {code} ({rec['indikator']}) {'naik' if cur > prev else 'turun'} dari {persen(prev)} "
                    f"({ctx.year - 1}) menjadi {persen(cur)} ({ctx.year}), {change_text(relative)}. "
                    "Periksa angkanya dan jelaskan penyebabnya dalam analisis SPM."
                ),
                found=persen(cur),
                expected=f"dekat {persen(prev)} atau dijelaskan",
                figures={
                    "realisasi_tahun_lalu": prev,
                    "realisasi": cur,
                    "perubahan": change,
                    "perubahan_persen": relative,
                },
            )
        )
    return out
