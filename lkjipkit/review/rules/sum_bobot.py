"""SUM-BOBOT: the printed weights (bobot) of the kegiatan add up to 100.

Rationale: the total row of Tabel 3.2 prints a bobot of 100,00, but each
kegiatan's bobot is printed rounded to 2 decimals, so the printed column can
add up to a little more or less than 100. That is rounding, not an error, and
is reported as *info* so the auditor is not surprised when adding the column:
up to half a unit per row (``toleransi_persen`` × number of rows). A larger
gap means a printed bobot is wrong (RATIO-BOBOT then names the row) or a
kegiatan is missing from the column, and is an *error*.
"""

from __future__ import annotations

from lkjipkit.analysis import fsum

from ..context import EPS, angka, has, num
from ..finding import Finding

ID = "SUM-BOBOT"
FAMILY = "sums"
SEVERITY = "error"
TITLE = "Jumlah bobot tercetak sama dengan 100"
NEEDS = ("anggaran",)
SETTINGS = ("toleransi_persen",)


def check(ctx) -> list[Finding]:
    printed = [num(v) for v in ctx.activities["bobot_tercetak"] if has(v)]
    if not printed:
        return []
    n, summed = len(printed), fsum(printed)
    gap = summed - 100.0
    tol = ctx.settings.toleransi_persen
    rounding = n * tol
    if abs(gap) <= tol + EPS:
        return []
    figures = {"jumlah_bobot_tercetak": summed, "seharusnya": 100.0, "selisih": gap, "banyak_baris": n}
    if abs(gap) <= rounding + EPS:
        severity = "info"
        message = (
            f"Bobot tercetak {n} kegiatan tahun {ctx.year} berjumlah {angka(summed)}, bukan 100,00 seperti baris "
            f"total. Selisih {angka(abs(gap))} poin berasal dari pembulatan tiap bobot ke 2 desimal (paling banyak "
            f"{angka(rounding)} poin untuk {n} baris); bobot yang tidak dibulatkan berjumlah 100. Sebutkan dalam "
            "catatan tabel agar pembaca tidak mengira ada kesalahan."
        )
    else:
        severity = SEVERITY
        message = (
            f"Bobot tercetak {n} kegiatan tahun {ctx.year} berjumlah {angka(summed)}, bukan 100,00. Selisih "
            f"{angka(abs(gap))} poin lebih besar daripada yang dapat dijelaskan oleh pembulatan ({angka(rounding)} "
            "poin): ada bobot yang salah (lihat RATIO-BOBOT) atau kegiatan yang tidak tercetak bobotnya."
        )
    return [
        ctx.finding(
            ID,
            severity,
            "anggaran",
            None,
            "bobot_tercetak",
            f"total {ctx.year}",
            message=message,
            found=angka(summed),
            expected=angka(100),
            figures=figures,
        )
    ]
