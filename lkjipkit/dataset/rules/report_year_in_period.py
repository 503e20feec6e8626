"""Every report year of ``laporan.yaml`` lies inside the Renstra period."""

from __future__ import annotations

from lkjipkit.errors import Problem
from lkjipkit.i18n import _


def check(ds) -> list[Problem]:
    return [
        Problem(
            "laporan.yaml",
            ds.yaml_lines["laporan.yaml"].get(("laporan", i, "tahun")),
            "tahun",
            _("report year {year} is outside the Renstra period; expected {periods}").format(
                year=rep.tahun, periods=ds.profil.periods_text()
            ),
        )
        for i, rep in enumerate(ds.laporan.values())
        if not ds.profil.in_period(rep.tahun)
    ]
