"""Every yearly row lies inside a Renstra period of ``profil.yaml`` (current or earlier).

A dataset holds one Renstra period; a year outside it is usually a typo
(``2061`` for ``2016``) or data of another plan that needs its own targets.
"""

from __future__ import annotations

import pandas as pd

from lkjipkit.errors import Problem
from lkjipkit.i18n import _

from ..spec import TABLES


def check(ds) -> list[Problem]:
    out: list[Problem] = []
    for table in TABLES:
        if "tahun" not in {c.name for c in table.columns}:
            continue
        frame = ds.tables[table.name]
        for row, year in zip(frame["_row"], frame["tahun"], strict=True):
            if not pd.isna(year) and not ds.profil.in_period(int(year)):
                out.append(
                    Problem(
                        table.file,
                        int(row),
                        "tahun",
                        _("{year} is outside the Renstra period; expected {periods} (profil.yaml)").format(
                            year=year, periods=ds.profil.periods_text()
                        ),
                    )
                )
    return out
