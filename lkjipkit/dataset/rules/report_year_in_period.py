"""Every report year of ``laporan.yaml`` lies inside the Renstra period."""

from __future__ import annotations

from lkjipkit.errors import Problem


def check(ds) -> list[Problem]:
    return [
        Problem(
            "laporan.yaml",
            ds.yaml_lines["laporan.yaml"].get(("laporan", i, "tahun")),
            "tahun",
            f"report year {rep.tahun} is outside the Renstra period; expected {ds.profil.periods_text()}",
        )
        for i, rep in enumerate(ds.laporan.values())
        if not ds.profil.in_period(rep.tahun)
    ]
