"""COMPLETE-IKU-TARGET: every indicator row of the report year has a target.

Rationale: without a target there is no capaian and no judgement of success;
the Perjanjian Kinerja states a target for every IKU. An *error* when the
year's ``iku_tahunan`` row exists and its ``target`` is empty (a missing row
is reported once, by COMPLETE-IKU-REALISATION).
"""

from __future__ import annotations

from ..context import has
from ..finding import Finding

ID = "COMPLETE-IKU-TARGET"
FAMILY = "completeness"
SEVERITY = "error"
TITLE = "Setiap IKU mempunyai target tahun laporan"
NEEDS = ("iku_tahunan",)
SETTINGS = ()


def check(ctx) -> list[Finding]:
    return [
        ctx.finding(
            ID,
            SEVERITY,
            "iku_tahunan",
            rec,
            "target",
            f"{rec['iku_kode']}, {ctx.year}",
            message=(
                f"Target {rec['iku_kode']} tahun {ctx.year} kosong: capaiannya tidak dapat dihitung. Isi target "
                "sesuai Perjanjian Kinerja."
            ),
            found="kosong",
            expected="target Perjanjian Kinerja",
        )
        for rec in ctx.rows_of_year("iku_tahunan").to_dict("records")
        if not has(rec["target"])
    ]
