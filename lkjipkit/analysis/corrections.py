"""Corrections: computed figures that differ from the figure an earlier report printed.

Every ``*_tercetak`` column of the dataset (:mod:`lkjipkit.dataset.spec`, ``as_printed``) holds a figure as
an earlier report printed it; the report prints the figure computed from the inputs instead. Where the two
differ *at the printed precision* (2 decimals for a percentage, whole Rupiah for an amount), the report
corrects the earlier figure and must say so: :func:`corrections` lists each such figure with the inputs it
was computed from, and the table that prints it carries a note (``lkjipkit.report``).

The comparison is the review's (``lkjipkit.review``, the RATIO-* and SUM-* rules) made at the precision the
report prints, so a difference that only rounding makes is no correction.
"""

from __future__ import annotations

import math

import pandas as pd

from lkjipkit import fmt
from lkjipkit.dataset import Dataset

from ._common import fsum

#: Columns of the frame :func:`corrections` returns.
COLUMNS = ("tabel", "kolom", "kode", "tahun", "tercetak", "dihitung", "satuan", "rumus", "a", "b")

#: Decimals the report prints, per unit.
DIGITS = {"%": 2, "Rp": 0}

# (dataset table, printed column, column of the analysis frame, unit, rumus, input a, input b)
_ACTIVITY = (
    ("pagu_rkt_tercetak", "pagu_murni", "Rp", "pagu_murni", None, None),
    ("bobot_tercetak", "bobot", "%", "bobot", "pagu", "jumlah_pagu"),
    ("ttb_tercetak", "ttb", "%", "ttb", "bobot", "realisasi_fisik"),
    ("realisasi_keuangan_persen_tercetak", "realisasi_keuangan_persen", "%", "keuangan", "realisasi_keuangan", "pagu"),
    ("sisa_tercetak", "sisa", "Rp", "sisa", "pagu", "realisasi_keuangan"),
)
_PROGRAM = (
    ("pagu_rkt_tercetak", "pagu_murni", "Rp", "jumlah_kegiatan"),
    ("pagu_murni_tercetak", "pagu_murni", "Rp", "jumlah_kegiatan"),
    ("pagu_perubahan_tercetak", "pagu", "Rp", "jumlah_kegiatan"),
)


def differs(printed, computed, satuan: str) -> bool:
    """Both are numbers and differ once rounded to the precision the report prints for ``satuan``."""
    if not (fmt.is_finite(printed) and fmt.is_finite(computed)):
        return False
    digits = DIGITS.get(satuan, 2)
    return fmt.bulatkan(printed, digits) != fmt.bulatkan(computed, digits)


def corrections(analysis) -> pd.DataFrame:
    """Every printed figure of the year (and, for series, of the years up to it) that the report corrects.

    Parameters
    ----------
    analysis
        The year's :class:`~lkjipkit.analysis.bundle.YearAnalysis`.

    Returns
    -------
    DataFrame
        One row per corrected figure, columns :data:`COLUMNS`: the dataset ``tabel`` and printed ``kolom``,
        the ``kode`` (IKU, SPM indicator, kode rekening or program) and ``tahun``, the ``tercetak`` and the
        ``dihitung`` figure, their ``satuan`` (``%`` or ``Rp``), and how it was computed: ``rumus`` with
        its inputs ``a`` and ``b``:

        - ``pembilang_penyebut``: a / b × 100; ``realisasi``: as entered;
        - ``capaian``: from target a and realisasi b;
        - ``bobot``: pagu a of the total pagu b; ``ttb``: bobot a × realisasi fisik b;
        - ``keuangan``: realisasi a / pagu b; ``sisa``: pagu a − realisasi b;
        - ``pagu_murni``: the APBD murni; ``jumlah_kegiatan``: the sum of the program's kegiatan.
    """
    ds: Dataset = analysis.ds
    year = analysis.year
    rows: list[dict] = []

    def add(tabel, kolom, kode, tahun, printed, computed, satuan, rumus, a=math.nan, b=math.nan):
        if differs(printed, computed, satuan):
            rows.append(
                dict(
                    zip(
                        COLUMNS,
                        (tabel, kolom, str(kode), int(tahun), float(printed), float(computed), satuan, rumus, a, b),
                        strict=True,
                    )
                )
            )

    t = ds.tables["iku_tahunan"]
    if "capaian_tercetak" in t:
        hist = analysis.riwayat_iku.set_index(["kode", "tahun"])
        for r in t[t["capaian_tercetak"].notna() & (t["tahun"] <= year)].to_dict("records"):
            key = (str(r["iku_kode"]), int(r["tahun"]))
            if key in hist.index:
                h = hist.loc[key]
                add("iku_tahunan", "capaian_tercetak", *key, r["capaian_tercetak"], h["capaian"], "%", "capaian",
                    h["target"], h["realisasi"])  # fmt: skip

    s = ds.tables.get("spm_realisasi")
    if s is not None and "realisasi_tercetak" in s:
        spm = analysis.spm.set_index(["kode", "tahun"])
        for r in s[s["realisasi_tercetak"].notna() & (s["tahun"] <= year)].to_dict("records"):
            key = (str(r["spm_kode"]), int(r["tahun"]))
            if key in spm.index:
                x = spm.loc[key]
                rumus = "pembilang_penyebut" if x["sumber_realisasi"] == "pembilang/penyebut" else "realisasi"
                add("spm_realisasi", "realisasi_tercetak", *key, r["realisasi_tercetak"], x["realisasi"], "%", rumus,
                    x["pembilang"], x["penyebut"])  # fmt: skip

    acts = analysis.anggaran_kegiatan
    raw = ds.tables["anggaran"]
    raw = raw[raw["tahun"] == year].assign(kode_rekening=lambda f: f["kode_rekening"].astype(str))
    merged = raw.merge(acts, on="kode_rekening", how="inner", suffixes=("_data", ""))
    total = fsum(acts["pagu"])
    for r in merged.to_dict("records"):
        inputs = {**r, "jumlah_pagu": total}
        for printed, computed, satuan, rumus, a, b in _ACTIVITY:
            if printed in r:
                add("anggaran", printed, r["kode_rekening"], year, r[printed], r[computed], satuan, rumus,
                    inputs.get(a, math.nan), inputs.get(b, math.nan))  # fmt: skip

    pt = ds.tables.get("program_tahunan")
    if pt is not None:
        progs = analysis.anggaran_program.set_index("program_kode")
        for r in pt[pt["tahun"] == year].to_dict("records"):
            code = str(r["program_kode"])
            if code not in progs.index:
                continue
            for printed, computed, satuan, rumus in _PROGRAM:
                if printed in r:
                    add("program_tahunan", printed, code, year, r[printed], progs.loc[code, computed], satuan, rumus)
    return pd.DataFrame(rows, columns=list(COLUMNS))
