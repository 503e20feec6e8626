"""The capaian category scale in ``profil.yaml`` exists and can categorise.

``pengaturan.skala_kategori`` is empty (the scale of the regulation in force for
the report year), names a scale shipped in ``lkjipkit/analysis/scales/`` or
lists the dataset's own bands. A name that
is not shipped, an empty list, a band without a category, a lower bound that is
not a finite number (``-.inf`` only for the lowest band) or two bands with the
same lower bound would pass the profile model and fail later, when the tables
are written; here they are located errors instead.

:func:`warnings` lists, not as errors, each report year outside the years a named
shipped scale is valid for (its ``berlaku``): e.g. the Sampang 2019 scale named
for a 2016 report. ``lkjip validate`` prints them with the still-empty notices.
"""

from __future__ import annotations

import math
from importlib import resources

import yaml

from lkjipkit.errors import Problem
from lkjipkit.i18n import _

KEY = ("pengaturan", "skala_kategori")


def shipped() -> list[str]:
    """Names of the shipped scales: the files in ``lkjipkit/analysis/scales/`` (read, not imported)."""
    folder = resources.files("lkjipkit") / "analysis" / "scales"
    return sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))


def validity(name: str) -> tuple[int | None, int | None]:
    """The report years a shipped scale is valid for: its ``berlaku`` (``dari``, ``sampai``; None: open)."""
    text = (resources.files("lkjipkit") / "analysis" / "scales" / f"{name}.yaml").read_text(encoding="utf-8")
    berlaku = yaml.safe_load(text).get("berlaku") or {}
    return berlaku.get("dari"), berlaku.get("sampai")


def warnings(ds, years: list[int] | None = None) -> list[Problem]:
    """Report years (default: every one of ``laporan.yaml``) outside the validity of the named scale."""
    setting = ds.profil.pengaturan.skala_kategori
    if not isinstance(setting, str) or setting not in shipped():
        return []
    line = ds.yaml_lines["profil.yaml"].get(KEY)
    start, end = validity(setting)
    valid = f"{start or '…'}–{end or '…'}"
    return [
        Problem(
            "profil.yaml",
            line,
            ".".join(KEY),
            _(
                "scale {scale} is valid for report years {valid}, not for {year}; "
                "leave skala_kategori empty to use the regulation in force for the year"
            ).format(scale=repr(setting), valid=valid, year=year),
        )
        for year in (ds.years if years is None else years)
        if (start is not None and year < start) or (end is not None and year > end)
    ]


def check(ds) -> list[Problem]:
    setting = ds.profil.pengaturan.skala_kategori
    lines = ds.yaml_lines["profil.yaml"]
    line = lines.get(KEY) or lines.get(KEY[:1])
    where = ".".join(KEY)
    if setting is None:
        return []
    if isinstance(setting, str):
        if setting not in shipped():
            names = ", ".join(shipped())
            return [
                Problem(
                    "profil.yaml",
                    line,
                    where,
                    _("no shipped scale {scale}; expected one of {names}").format(scale=repr(setting), names=names),
                )
            ]
        return []
    if not setting:
        msg = _("an empty list of bands; expected a scale name or at least one band")
        return [Problem("profil.yaml", line, where, msg)]
    out = []
    seen: dict[float, int] = {}
    for i, band in enumerate(setting):
        at = lines.get((*KEY, i), line)
        if not band.kategori:
            out.append(Problem("profil.yaml", at, f"{where}.{i}.kategori", _("empty; expected the category's name")))
        low = band.batas_bawah
        if math.isnan(low) or low == math.inf or (low == -math.inf and low != min(b.batas_bawah for b in setting)):
            out.append(
                Problem(
                    "profil.yaml",
                    at,
                    f"{where}.{i}.batas_bawah",
                    _("found {low}; expected a finite lower bound").format(low=low),
                )
            )
        elif low in seen:
            out.append(
                Problem(
                    "profil.yaml",
                    at,
                    f"{where}.{i}.batas_bawah",
                    _("{low} is also the lower bound of band {band}; expected each bound once").format(
                        low=f"{low:g}", band=seen[low] + 1
                    ),
                )
            )
        seen.setdefault(low, i)
    return out
