"""Each SPM realisation row gives a percentage, or both counts it comes from.

A percentage can be stated directly (``realisasi``) or computed from
``pembilang`` / ``penyebut`` (as the PMKS table of an LKjIP prints them). One
count alone, a zero denominator, or nothing at all leaves the year without a
figure.
"""

from __future__ import annotations

import pandas as pd

from lkjipkit.errors import Problem


def check(ds) -> list[Problem]:
    out: list[Problem] = []
    s = ds.tables["spm_realisasi"]
    for rec in s.to_dict("records"):
        num, den, val = rec["pembilang"], rec["penyebut"], rec["realisasi"]
        row = rec["_row"]
        if pd.isna(num) != pd.isna(den):
            missing = "penyebut" if pd.isna(den) else "pembilang"
            out.append(Problem("spm_realisasi.csv", row, missing, "empty; expected both counts, or neither"))
        elif not pd.isna(den) and den == 0:
            out.append(Problem("spm_realisasi.csv", row, "penyebut", "0; expected a positive count"))
        elif pd.isna(val) and pd.isna(num):
            out.append(
                Problem(
                    "spm_realisasi.csv",
                    row,
                    "realisasi",
                    "empty; expected a percentage, or pembilang and penyebut",
                )
            )
    return out
