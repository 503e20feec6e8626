"""The capaian category scale in ``profil.yaml`` exists and can categorise.

``pengaturan.skala_kategori`` names a scale shipped in
``lkjipkit/analysis/scales/`` or lists the dataset's own bands. A name that
is not shipped, an empty list, a band without a category, a lower bound that is
not a finite number (``-.inf`` only for the lowest band) or two bands with the
same lower bound would pass the profile model and fail later, when the tables
are written; here they are located errors instead.
"""

from __future__ import annotations

import math
from importlib import resources

from lkjipkit.errors import Problem

KEY = ("pengaturan", "skala_kategori")


def shipped() -> list[str]:
    """Names of the shipped scales: the files in ``lkjipkit/analysis/scales/`` (read, not imported)."""
    folder = resources.files("lkjipkit") / "analysis" / "scales"
    return sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))


def check(ds) -> list[Problem]:
    setting = ds.profil.pengaturan.skala_kategori
    lines = ds.yaml_lines["profil.yaml"]
    line = lines.get(KEY) or lines.get(KEY[:1])
    where = ".".join(KEY)
    if isinstance(setting, str):
        if setting not in shipped():
            names = ", ".join(shipped())
            return [Problem("profil.yaml", line, where, f"no shipped scale {setting!r}; expected one of {names}")]
        return []
    if not setting:
        msg = "an empty list of bands; expected a scale name or at least one band"
        return [Problem("profil.yaml", line, where, msg)]
    out = []
    seen: dict[float, int] = {}
    for i, band in enumerate(setting):
        at = lines.get((*KEY, i), line)
        if not band.kategori:
            out.append(Problem("profil.yaml", at, f"{where}.{i}.kategori", "empty; expected the category's name"))
        low = band.batas_bawah
        if math.isnan(low) or low == math.inf or (low == -math.inf and low != min(b.batas_bawah for b in setting)):
            out.append(
                Problem("profil.yaml", at, f"{where}.{i}.batas_bawah", f"found {low}; expected a finite lower bound")
            )
        elif low in seen:
            out.append(
                Problem(
                    "profil.yaml",
                    at,
                    f"{where}.{i}.batas_bawah",
                    f"{low:g} is also the lower bound of band {seen[low] + 1}; expected each bound once",
                )
            )
        seen.setdefault(low, i)
    return out
