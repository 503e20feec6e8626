"""COMPLETE-SOLUTION: every indicator that missed its target has the solutions taken.

Rationale: analysis 5 asks for causes *and* the solutions taken or planned;
a report that explains a failure but says nothing of what is being done about
it meets half the requirement. *Info*, since many reports state solutions
only in the closing chapter. Checked: each IKU that did not reach its target
in the report year has a non-empty ``analisis_iku.solusi``.
"""

from __future__ import annotations

from ..context import blank
from ..finding import Finding
from .complete_explanation import finding, missed

ID = "COMPLETE-SOLUTION"
FAMILY = "completeness"
SEVERITY = "info"
TITLE = "IKU yang tidak mencapai target mempunyai solusi"
NEEDS = ("iku_tahunan",)
SETTINGS = ()
COLUMN, WHAT = "solusi", "solusi yang diambil"


def check(ctx) -> list[Finding]:
    return [finding(ctx, ID, SEVERITY, COLUMN, WHAT, rec) for rec, ex in missed(ctx) if blank(ex.get(COLUMN))]
