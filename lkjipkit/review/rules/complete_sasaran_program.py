"""COMPLETE-SASARAN-PROGRAM: every sasaran has at least one program that serves it.

Rationale: analyses 6 (efficiency) and 7 (programs that supported or hindered
the result) need to know which programs serve each sasaran; a sasaran without
a program has no budget behind it in the report, and its efficiency cannot be
judged. Checked: each ``sasaran`` has a row in ``sasaran_program``.
"""

from __future__ import annotations

from ..finding import Finding

ID = "COMPLETE-SASARAN-PROGRAM"
FAMILY = "completeness"
SEVERITY = "warning"
TITLE = "Setiap sasaran mempunyai program pendukung"
NEEDS = ()
SETTINGS = ()


def check(ctx) -> list[Finding]:
    linked = {str(k) for k in ctx.ds.tables["sasaran_program"]["sasaran_kode"].dropna()}
    return [
        Finding(
            rule=ID,
            severity=SEVERITY,
            file="sasaran.csv",
            row=int(rec["_row"]),
            column="kode",
            key=str(rec["kode"]),
            message=(
                f"Sasaran {rec['kode']} ({rec['sasaran']}) tidak mempunyai program pendukung di sasaran_program.csv: "
                "efisiensi dan program yang mendukung capaiannya (analisis 6 dan 7) tidak dapat disajikan."
            ),
            found="tanpa program",
            expected="sedikitnya satu program",
            figures={},
        )
        for rec in ctx.ds.tables["sasaran"].to_dict("records")
        if str(rec["kode"]) not in linked
    ]
