"""COMPLETE-IKU-REALISATION: every indicator has a realisation for the report year.

Rationale: analysis 1 of PermenPAN-RB 53/2014 is target against realisation
for every IKU of the Perjanjian Kinerja; an indicator without realisation
cannot be reported, and the report would be signed with a gap. An *error*:
either the row of the year is missing from ``iku_tahunan`` or its
``realisasi`` is empty.
"""

from __future__ import annotations

from ..context import has
from ..finding import Finding

ID = "COMPLETE-IKU-REALISATION"
FAMILY = "completeness"
SEVERITY = "error"
TITLE = "Setiap IKU mempunyai realisasi tahun laporan"
NEEDS = ("iku_tahunan",)
SETTINGS = ()


def check(ctx) -> list[Finding]:
    out: list[Finding] = []
    rows = {str(r["iku_kode"]): r for r in ctx.rows_of_year("iku_tahunan").to_dict("records")}
    for iku in ctx.ds.tables["iku"].to_dict("records"):
        code = str(iku["kode"])
        rec = rows.get(code)
        if rec is None:
            out.append(
                ctx.finding(
                    ID,
                    SEVERITY,
                    "iku",
                    iku,
                    "kode",
                    f"{code}, {ctx.year}",
                    message=(
                        f"{code} ({iku['indikator']}) tidak mempunyai baris tahun {ctx.year} di iku_tahunan.csv: "
                        "target dan realisasinya tidak dapat dilaporkan."
                    ),
                    found="tidak ada baris",
                    expected=f"baris {code} tahun {ctx.year}",
                )
            )
        elif not has(rec["realisasi"]):
            out.append(
                ctx.finding(
                    ID,
                    SEVERITY,
                    "iku_tahunan",
                    rec,
                    "realisasi",
                    f"{code}, {ctx.year}",
                    message=f"Realisasi {code} ({iku['indikator']}) tahun {ctx.year} kosong.",
                    found="kosong",
                    expected="realisasi tahun laporan",
                )
            )
    return out
