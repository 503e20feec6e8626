"""COMPLETE-SASARAN-PROGRAM: every sasaran has at least one program that serves it.

Rationale: analyses 6 (efficiency) and 7 (programs that supported or hindered
the result) need to know which programs serve each sasaran; a sasaran without
a program has no budget behind it in the report, and its efficiency cannot be
judged. Checked: each ``sasaran`` has a row in ``sasaran_program``.
"""

from __future__ import annotations

from ._sasaran import unlinked_sasaran

ID = "COMPLETE-SASARAN-PROGRAM"
FAMILY = "completeness"
SEVERITY = "warning"
TITLE = "Setiap sasaran mempunyai program pendukung"
NEEDS = ()
SETTINGS = ()


check = unlinked_sasaran(
    ID,
    SEVERITY,
    "sasaran_program",
    gap=(
        "tidak mempunyai program pendukung di sasaran_program.csv: efisiensi dan program yang mendukung "
        "capaiannya (analisis 6 dan 7) tidak dapat disajikan."
    ),
    found="tanpa program",
    expected="sedikitnya satu program",
)
