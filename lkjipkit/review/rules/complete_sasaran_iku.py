"""COMPLETE-SASARAN-IKU: every sasaran is measured by at least one indicator.

Rationale: a sasaran strategis without an IKU cannot be said to be achieved
or not; the Perjanjian Kinerja pairs each sasaran with its indicators.
Checked: each ``sasaran`` is the ``sasaran_kode`` of at least one ``iku``.
"""

from __future__ import annotations

from ._sasaran import unlinked_sasaran

ID = "COMPLETE-SASARAN-IKU"
FAMILY = "completeness"
SEVERITY = "warning"
TITLE = "Setiap sasaran mempunyai IKU"
NEEDS = ()
SETTINGS = ()


check = unlinked_sasaran(
    ID,
    SEVERITY,
    "iku",
    gap="tidak diukur oleh IKU mana pun: capaiannya tidak dapat dinilai.",
    found="tanpa IKU",
    expected="sedikitnya satu IKU",
)
