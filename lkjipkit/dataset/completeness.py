"""What is still empty for a report year: the analyst's to-do list, not an error.

A year starts with empty rows (``lkjip new-year``) that the analyst fills as
figures come in. :func:`still_empty` lists, for each report year of
``laporan.yaml``, every cell the report needs that is still blank, with its
file, row and column, and the other notices that are not errors (a named
category scale outside its years: :func:`lkjipkit.dataset.rules.category_scale.warnings`).
"""

from __future__ import annotations

import pandas as pd

from lkjipkit.errors import Problem
from lkjipkit.i18n import _

from .model import Dataset
from .rules import category_scale

#: (table, columns the report needs) for each yearly table.
NEEDED = {
    "iku_tahunan": ("target", "realisasi"),
    "anggaran": ("pagu_perubahan", "realisasi_fisik", "realisasi_keuangan"),
    "program_tahunan": ("anggaran_pk",),
}
TEXTS = ("kata_pengantar", "latar_belakang", "penutup")


def still_empty(ds: Dataset, years: list[int] | None = None) -> list[Problem]:
    """Blank cells and texts the report of each year needs (default: every report year)."""
    years = ds.years if years is None else years
    out: list[Problem] = []
    for name, columns in NEEDED.items():
        frame = ds.tables[name]
        rows = frame[frame["tahun"].isin(years)]
        for rec in rows.to_dict("records"):
            for col in columns:
                if not pd.isna(rec[col]):
                    continue
                if name == "anggaran" and col == "pagu_perubahan" and not pd.isna(rec["pagu_murni"]):
                    continue  # no revision: the APBD murni is the pagu in force
                out.append(
                    Problem(f"{name}.csv", int(rec["_row"]), col, _("still empty for {year}").format(year=rec["tahun"]))
                )
    spm = ds.tables["spm_realisasi"]
    for rec in spm[spm["tahun"].isin(years)].to_dict("records"):
        if pd.isna(rec["realisasi"]) and pd.isna(rec["pembilang"]):
            out.append(
                Problem(
                    "spm_realisasi.csv",
                    int(rec["_row"]),
                    "realisasi",
                    _("still empty for {year} (a percentage, or pembilang and penyebut)").format(year=rec["tahun"]),
                )
            )
    lines = ds.yaml_lines.get("laporan.yaml", {})
    for i, report in enumerate(ds.laporan.values()):
        if report.tahun not in years:
            continue
        for key in TEXTS:
            if not getattr(report, key):
                line = lines.get(("laporan", i, key)) or lines.get(("laporan", i, "tahun"))
                out.append(Problem("laporan.yaml", line, f"laporan[{report.tahun}].{key}", _("still empty")))
    return out + category_scale.warnings(ds, years)
