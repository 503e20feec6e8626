"""Money spent does not exceed the budget in force.

The budget in force is the APBD-P (``pagu_perubahan``) when there is one,
else the APBD murni. Spending above it is not allowed by regional finance rules
and is almost always a typing error.
"""

from __future__ import annotations

import pandas as pd

from lkjipkit.errors import Problem
from lkjipkit.i18n import _


def _rp(x: float) -> str:
    return f"{x:,.0f}".replace(",", ".")


def check(ds) -> list[Problem]:
    out: list[Problem] = []
    a = ds.tables["anggaran"]
    for rec in a.to_dict("records"):
        spent = rec["realisasi_keuangan"]
        if pd.isna(spent):
            continue
        murni, perubahan = rec["pagu_murni"], rec["pagu_perubahan"]
        pagu, which = (perubahan, "pagu_perubahan") if not pd.isna(perubahan) else (murni, "pagu_murni")
        if pd.isna(pagu):
            if spent > 0:
                out.append(
                    Problem("anggaran.csv", rec["_row"], "realisasi_keuangan", _("money spent but no pagu is given"))
                )
            continue
        if spent > pagu + 0.5:
            out.append(
                Problem(
                    "anggaran.csv",
                    rec["_row"],
                    "realisasi_keuangan",
                    _("{spent} is above the budget ({which} {pagu}); expected at most the pagu").format(
                        spent=_rp(spent), which=which, pagu=_rp(pagu)
                    ),
                )
            )
    return out
