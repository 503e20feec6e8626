"""Efficiency of resource use per sasaran (analysis 6): capaian against budget absorption.

There is no national formula. This follows a common regional practice (the
open-source e-SAKIP of Banjarnegara):

* ``capaian`` of a sasaran = simple mean of the defined capaian of its IKU;
* ``serapan`` = Σ realisasi keuangan / Σ pagu × 100 over the programs that serve
  the sasaran (``sasaran_program``);
* ``selisih`` = capaian − serapan, in points;
* ``efisien`` when selisih > batas, ``tidak efisien`` when selisih < −batas,
  ``cukup efisien`` otherwise (batas: ``profil.pengaturan.efisiensi_batas``, 5 by default).

The sasaran → program link is data, not a fact printed in every report; the
link's ``keterangan`` is carried into the result so a reader sees when it was
assumed. A program that serves several sasaran counts in each of them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lkjipkit.dataset import Dataset

from ._common import fmean, fsum, inputs, order_by, text

EFFICIENT = "efisien"
FAIRLY_EFFICIENT = "cukup efisien"
NOT_EFFICIENT = "tidak efisien"

EFFICIENCY_COLUMNS = [
    "sasaran_kode",
    "sasaran",
    "tahun",
    "jumlah_iku",
    "jumlah_iku_terdefinisi",
    "capaian",
    "semua_target_tercapai",
    "jumlah_program",
    "program_kode",
    "pagu",
    "realisasi_keuangan",
    "sisa",
    "serapan",
    "selisih",
    "batas_efisiensi",
    "kategori_efisiensi",
    "program_bersama",
    "keterangan_tautan",
    "keterangan",
]


def efficiency_category(selisih, threshold: float = 5.0) -> pd.Series:
    """``efisien`` / ``cukup efisien`` / ``tidak efisien`` for each selisih (capaian − serapan); NA when unknown.

    A selisih exactly at ±threshold is ``cukup efisien``.
    """
    s = pd.Series(selisih, dtype="Float64")
    v = s.to_numpy(dtype="float64", na_value=np.nan)
    label = np.select(
        [np.isnan(v), v > threshold, v < -threshold], ["", EFFICIENT, NOT_EFFICIENT], default=FAIRLY_EFFICIENT
    ).astype(object)
    return pd.Series(np.where(label == "", None, label), index=s.index, dtype="string")


def _all_met(values: pd.Series) -> object:
    v = values.astype("boolean")
    if (~v).fillna(False).any():
        return False
    if v.isna().any() or len(v) == 0:
        return pd.NA
    return True


def compute_efficiency(
    indicators: pd.DataFrame,
    programs: pd.DataFrame,
    links: pd.DataFrame,
    sasaran: pd.DataFrame,
    threshold: float = 5.0,
    year: int | None = None,
) -> pd.DataFrame:
    """Efficiency of each sasaran.

    Parameters
    ----------
    indicators
        One row per IKU with ``sasaran_kode``, ``capaian`` and ``mencapai_target``.
    programs
        One row per program with ``program_kode``, ``pagu``, ``realisasi_keuangan``, ``sisa``.
    links
        ``sasaran_kode``, ``program_kode`` and optionally ``keterangan`` (source of the link).
    sasaran
        ``kode`` and ``sasaran``, in report order.
    threshold
        Points of selisih beyond which a sasaran is efficient / not efficient.

    Returns
    -------
    One row per sasaran: :data:`EFFICIENCY_COLUMNS`.
    """
    shared = links.groupby("program_kode")["sasaran_kode"].nunique()
    shared = set(shared[shared > 1].index)
    rows = []
    for s in sasaran.itertuples(index=False):
        ind = indicators[indicators["sasaran_kode"] == s.kode]
        caps = ind["capaian"].astype("Float64").dropna()
        lk = links[links["sasaran_kode"] == s.kode]
        codes = list(dict.fromkeys(lk["program_kode"].tolist()))
        pr = programs[programs["program_kode"].isin(codes)]
        pagu = fsum(pr["pagu"])
        spent = fsum(pr["realisasi_keuangan"])
        serapan = spent / pagu * 100 if pagu and pagu > 0 and not np.isnan(spent) else np.nan
        cap = fmean(caps)
        notes = "; ".join(dict.fromkeys(str(k) for k in lk["keterangan"].dropna())) if "keterangan" in lk else ""
        reason = []
        if len(caps) == 0:
            reason.append("tidak ada capaian IKU yang terdefinisi")
        if not codes:
            reason.append("tidak ada program terkait (sasaran_program)")
        elif np.isnan(serapan):
            reason.append("pagu program terkait 0 atau kosong")
        rows.append(
            {
                "sasaran_kode": s.kode,
                "sasaran": s.sasaran,
                "tahun": year,
                "jumlah_iku": len(ind),
                "jumlah_iku_terdefinisi": len(caps),
                "capaian": cap,
                "semua_target_tercapai": _all_met(ind["mencapai_target"]),
                "jumlah_program": len(codes),
                "program_kode": "; ".join(codes) or None,
                "pagu": pagu,
                "realisasi_keuangan": spent,
                "sisa": fsum(pr["sisa"]),
                "serapan": serapan,
                "selisih": cap - serapan,
                "batas_efisiensi": float(threshold),
                "program_bersama": any(c in shared for c in codes),
                "keterangan_tautan": notes or None,
                "keterangan": "; ".join(reason) or None,
            }
        )
    f = pd.DataFrame(rows, columns=[c for c in EFFICIENCY_COLUMNS if c != "kategori_efisiensi"])
    f["kategori_efisiensi"] = efficiency_category(f["selisih"], threshold)
    for c in ("sasaran_kode", "sasaran", "program_kode", "keterangan_tautan", "keterangan"):
        f[c] = f[c].astype("string")
    for c in ("tahun", "jumlah_iku", "jumlah_iku_terdefinisi", "jumlah_program"):
        f[c] = f[c].astype("Int64")
    for c in ("capaian", "pagu", "realisasi_keuangan", "sisa", "serapan", "selisih", "batas_efisiensi"):
        f[c] = f[c].astype("float64")
    f["semua_target_tercapai"] = f["semua_target_tercapai"].astype("boolean")
    f["program_bersama"] = f["program_bersama"].astype("boolean")
    return f[EFFICIENCY_COLUMNS]


def sasaran_table(ds: Dataset) -> pd.DataFrame:
    """The dataset's sasaran in report order, with their goal: ``kode, sasaran, tujuan_kode, tujuan``."""
    s = order_by(inputs(ds, "sasaran"), "urutan", "kode")
    t = inputs(ds, "tujuan")[["kode", "tujuan"]].rename(columns={"kode": "tujuan_kode"})
    f = s.merge(t, on="tujuan_kode", how="left")
    return pd.DataFrame({c: text(f[c]) for c in ("kode", "sasaran", "tujuan_kode", "tujuan")})


def sasaran_links(ds: Dataset) -> pd.DataFrame:
    """The sasaran → program links: ``sasaran_kode, program_kode, keterangan``."""
    lk = inputs(ds, "sasaran_program")
    return pd.DataFrame({c: text(lk[c]) for c in ("sasaran_kode", "program_kode", "keterangan")})
