"""An analyst's explanation is about an indicator-year that exists.

An explanation for a year with no target or realisation row would never be
shown in the report: usually the year or the code was mistyped.
"""

from __future__ import annotations

from lkjipkit.errors import Problem
from lkjipkit.i18n import _


def check(ds) -> list[Problem]:
    t = ds.tables["iku_tahunan"]
    known = set(zip(t["iku_kode"], t["tahun"], strict=True))
    a = ds.tables["analisis_iku"]
    return [
        Problem(
            "analisis_iku.csv",
            int(row),
            "tahun",
            _("no row for {kode} in {year} in iku_tahunan.csv; expected an indicator-year that exists").format(
                kode=kode, year=year
            ),
        )
        for row, kode, year in zip(a["_row"], a["iku_kode"], a["tahun"], strict=True)
        if (kode, year) not in known and kode in set(t["iku_kode"])
    ]
