"""Each SPM realisation row gives a percentage, or both counts it comes from.

A percentage can be stated directly (``realisasi``) or computed from
``pembilang`` / ``penyebut`` (as the PMKS table of an LKjIP prints them). One
count alone or a zero denominator leaves the year without a figure, and a
numerator above its denominator (more reached than should be) would print a
realisation above 100 %, which an SPM cannot have. A row with
nothing at all is a year not yet filled in: validation lists it as "still
empty" (:mod:`lkjipkit.dataset.completeness`), not as an error.
"""

from __future__ import annotations

import pandas as pd

from lkjipkit.errors import Problem
from lkjipkit.i18n import _


def check(ds) -> list[Problem]:
    out: list[Problem] = []
    s = ds.tables["spm_realisasi"]
    for rec in s.to_dict("records"):
        num, den = rec["pembilang"], rec["penyebut"]
        row = rec["_row"]
        if pd.isna(num) != pd.isna(den):
            missing = "penyebut" if pd.isna(den) else "pembilang"
            out.append(Problem("spm_realisasi.csv", row, missing, _("empty; expected both counts, or neither")))
        elif not pd.isna(den) and den == 0:
            out.append(Problem("spm_realisasi.csv", row, "penyebut", _("0; expected a positive count")))
        elif not pd.isna(den) and num > den:
            out.append(
                Problem(
                    "spm_realisasi.csv",
                    row,
                    "pembilang",
                    _(
                        "{num} is above penyebut {den}; expected at most the count that should be reached "
                        "(a realisation cannot pass 100 %)"
                    ).format(num=f"{num:g}", den=f"{den:g}"),
                )
            )
    return out
