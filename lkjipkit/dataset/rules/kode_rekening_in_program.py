"""A kegiatan's kode rekening starts with its program's code.

In regional budgets (Permendagri 13/2006) the account code of an activity is
its program's code plus the activity number, so ``1.14.1.14.01.01.001`` belongs
to program ``1.14.1.14.01.01``. A mismatch means the row sits under the wrong
program, and the program totals are wrong.
"""

from __future__ import annotations

import pandas as pd

from lkjipkit.errors import Problem
from lkjipkit.i18n import _


def check(ds) -> list[Problem]:
    out: list[Problem] = []
    k = ds.tables["kegiatan"]
    for row, kode, program in zip(k["_row"], k["kode_rekening"], k["program_kode"], strict=True):
        if pd.isna(kode) or pd.isna(program):
            continue
        if not str(kode).startswith(str(program) + "."):
            out.append(
                Problem(
                    "kegiatan.csv",
                    int(row),
                    "program_kode",
                    _(
                        "kode rekening {kode} does not start with program code {program}; "
                        "expected the program whose code is its prefix"
                    ).format(kode=kode, program=program),
                )
            )
    return out
