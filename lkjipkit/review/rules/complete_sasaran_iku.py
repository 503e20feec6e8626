"""COMPLETE-SASARAN-IKU: every sasaran is measured by at least one indicator.

Rationale: a sasaran strategis without an IKU cannot be said to be achieved
or not; the Perjanjian Kinerja pairs each sasaran with its indicators.
Checked: each ``sasaran`` is the ``sasaran_kode`` of at least one ``iku``.
"""

from __future__ import annotations

from ..finding import Finding

ID = "COMPLETE-SASARAN-IKU"
FAMILY = "completeness"
SEVERITY = "warning"
TITLE = "Setiap sasaran mempunyai IKU"
NEEDS = ()
SETTINGS = ()


def check(ctx) -> list[Finding]:
    measured = {str(k) for k in ctx.ds.tables["iku"]["sasaran_kode"].dropna()}
    return [
        Finding(
            rule=ID,
            severity=SEVERITY,
            file="sasaran.csv",
            row=int(rec["_row"]),
            column="kode",
            key=str(rec["kode"]),
            message=(
                f"Sasaran {rec['kode']} ({rec['sasaran']}) tidak diukur oleh IKU mana pun: capaiannya tidak dapat "
                "dinilai."
            ),
            found="tanpa IKU",
            expected="sedikitnya satu IKU",
            figures={},
        )
        for rec in ctx.ds.tables["sasaran"].to_dict("records")
        if str(rec["kode"]) not in measured
    ]
