"""Every yearly row lies inside the Renstra period of ``profil.yaml``.

A dataset holds one Renstra period; a year outside it is usually a typo
(``2061`` for ``2016``) or data of another plan that needs its own targets.
"""

from __future__ import annotations

import pandas as pd

from lkjipkit.errors import Problem

from ..spec import TABLES


def check(ds) -> list[Problem]:
    first, last = ds.profil.renstra.tahun_awal, ds.profil.renstra.tahun_akhir
    out: list[Problem] = []
    for table in TABLES:
        if "tahun" not in {c.name for c in table.columns}:
            continue
        frame = ds.tables[table.name]
        for row, year in zip(frame["_row"], frame["tahun"], strict=True):
            if not pd.isna(year) and not first <= year <= last:
                out.append(
                    Problem(
                        table.file,
                        int(row),
                        "tahun",
                        f"{year} is outside the Renstra period; expected {first}-{last} (profil.yaml renstra)",
                    )
                )
    return out
