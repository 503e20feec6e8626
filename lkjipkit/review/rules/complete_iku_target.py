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
    t = ctx.ds.tables["iku_tahunan"]
    return [
        Finding(
            rule=ID,
            severity=SEVERITY,
            file="iku_tahunan.csv",
            row=int(rec["_row"]),
            column="target",
            key=f"{rec['iku_kode']}, {ctx.year}",
            message=(
                f"Target {rec['iku_kode']} tahun {ctx.year} kosong: capaiannya tidak dapat dihitung. Isi target "
                "sesuai Perjanjian Kinerja."
            ),
            found="kosong",
            expected="target Perjanjian Kinerja",
            figures={},
        )
        for rec in t[(t["tahun"] == ctx.year).fillna(False)].to_dict("records")
        if not has(rec["target"])
    ]
