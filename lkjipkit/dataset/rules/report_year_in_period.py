"""Every report year of ``laporan.yaml`` lies inside the Renstra period."""

from __future__ import annotations

from lkjipkit.errors import Problem


def check(ds) -> list[Problem]:
    first, last = ds.profil.renstra.tahun_awal, ds.profil.renstra.tahun_akhir
    return [
        Problem(
            "laporan.yaml",
            ds.yaml_lines["laporan.yaml"].get(("laporan", i, "tahun")),
            "tahun",
            f"report year {rep.tahun} is outside the Renstra period; expected {first}-{last}",
        )
        for i, rep in enumerate(ds.laporan.values())
        if not first <= rep.tahun <= last
    ]
