"""Minimum service standards (SPM): realisation against the national target, per year and over years.

An SPM realisation is taken from the counts when the dataset gives them
(``pembilang / penyebut × 100``, as the PMKS table prints them), else from the
``realisasi`` percentage. Every SPM indicator is read as "higher is better"
(the standards are shares of people or firms served).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lkjipkit.dataset import Dataset

from ._common import as_year, floats, fmean, inputs, order_by, text

#: Default number of years, ending with the report year, over which means and trends are taken.
DEFAULT_WINDOW = 5

_TOLERANCE = 1e-9


def spm_realisation(realisasi, pembilang, penyebut) -> pd.DataFrame:
    """The realisation percentage of SPM rows and where it came from.

    Returns a frame with ``realisasi`` (float; NaN when neither a usable pair of
    counts nor a percentage is given), ``sumber_realisasi`` (``pembilang/penyebut``
    or ``realisasi``) and ``keterangan`` (why it is missing). A denominator of 0
    gives NaN, never a division.
    """
    r = floats(pd.Series(realisasi))
    n = floats(pd.Series(pembilang, index=r.index))
    d = floats(pd.Series(penyebut, index=r.index))
    counts = n.notna() & d.notna() & (d > 0)
    safe_d = d.where(counts, 1.0)
    value = np.where(counts, n / safe_d * 100, r)
    source = np.select([counts.to_numpy(), r.notna().to_numpy()], ["pembilang/penyebut", "realisasi"], default="")
    zero = (n.notna() & d.notna() & (d == 0)).to_numpy()
    reason = np.select([zero & np.isnan(value), np.isnan(value)], ["penyebut 0", "realisasi kosong"], default="")
    return pd.DataFrame(
        {
            "realisasi": pd.Series(value, index=r.index, dtype="float64"),
            "sumber_realisasi": pd.Series(np.where(source == "", None, source), index=r.index, dtype="string"),
            "keterangan": pd.Series(np.where(reason == "", None, reason), index=r.index, dtype="string"),
        }
    )


def _indicators(ds: Dataset) -> pd.DataFrame:
    ind = order_by(inputs(ds, "spm_indikator"), "urutan", "kode")
    return pd.DataFrame(
        {
            "kode": text(ind["kode"]),
            "jenis": text(ind["jenis"]),
            "indikator": text(ind["indikator"]),
            "satuan": text(ind["satuan"]),
            "target_nasional": floats(ind["target_nasional"]),
            "_urutan": ind["urutan"],
        }
    )


def spm_by_year(ds: Dataset, year: int) -> pd.DataFrame:
    """Every SPM indicator in every year up to ``year`` that has a row.

    Columns: ``kode, jenis, indikator, satuan, tahun, target_nasional, pembilang,
    penyebut, realisasi, sumber_realisasi, selisih, memenuhi_target, perubahan,
    keterangan``. ``selisih`` = realisasi − target_nasional (percentage points);
    ``memenuhi_target``: realisasi ≥ target_nasional (NA without a target);
    ``perubahan``: change from the year before, when that year has a row.
    An empty frame (same columns) when the dataset has no SPM.
    """
    year = as_year(year)
    rows = inputs(ds, "spm_realisasi")
    rows = rows[rows["tahun"] <= year].reset_index(drop=True)
    real = spm_realisation(rows["realisasi"], rows["pembilang"], rows["penyebut"])
    r = pd.DataFrame(
        {
            "kode": text(rows["spm_kode"]),
            "tahun": rows["tahun"].astype("Int64"),
            "pembilang": floats(rows["pembilang"]),
            "penyebut": floats(rows["penyebut"]),
            "realisasi": real["realisasi"],
            "sumber_realisasi": real["sumber_realisasi"],
            "keterangan": real["keterangan"],
        }
    )
    f = _indicators(ds).merge(r, on="kode", how="inner")
    f = f.sort_values(["_urutan", "kode", "tahun"], kind="mergesort", na_position="last").reset_index(drop=True)
    f["selisih"] = f["realisasi"] - f["target_nasional"]
    met = pd.Series(f["selisih"].to_numpy() >= -_TOLERANCE, index=f.index, dtype="boolean")
    met[f["selisih"].isna()] = pd.NA
    f["memenuhi_target"] = met
    prev = f[["kode", "tahun", "realisasi"]].assign(tahun=f["tahun"] + 1).rename(columns={"realisasi": "_lalu"})
    f = f.merge(prev, on=["kode", "tahun"], how="left")
    f["perubahan"] = f["realisasi"] - f["_lalu"]
    no_target = f["target_nasional"].isna() & f["keterangan"].isna()
    f["keterangan"] = f["keterangan"].mask(no_target, "tanpa target nasional")
    return f[
        [
            "kode",
            "jenis",
            "indikator",
            "satuan",
            "tahun",
            "target_nasional",
            "pembilang",
            "penyebut",
            "realisasi",
            "sumber_realisasi",
            "selisih",
            "memenuhi_target",
            "perubahan",
            "keterangan",
        ]
    ]


def trend_slope(years, values) -> float:
    """Least-squares slope of ``values`` over ``years`` (points per year); NaN with fewer than two points."""
    x = np.asarray(years, dtype=float)
    y = np.asarray(values, dtype=float)
    keep = ~np.isnan(x) & ~np.isnan(y)
    x, y = x[keep], y[keep]
    if x.size < 2 or np.all(x == x[0]):
        return float("nan")
    xm, ym = x.mean(), y.mean()
    return float(((x - xm) * (y - ym)).sum() / ((x - xm) ** 2).sum())


def _years_text(years) -> str:
    return ", ".join(str(int(y)) for y in sorted(years))


def spm_summary(ds: Dataset, year: int, window: int | None = DEFAULT_WINDOW) -> pd.DataFrame:
    """Per SPM indicator over the years ``year - window + 1 .. year`` (all years up to ``year`` when
    ``window`` is None): mean, trend, extremes and this year's result.

    Columns: ``kode, jenis, indikator, satuan, target_nasional, tahun_awal,
    tahun_akhir, jumlah_tahun, rata_rata, selisih_rata_rata,
    rata_rata_memenuhi_target, tren_per_tahun, arah_tren, tertinggi,
    tahun_tertinggi, terendah, tahun_terendah, realisasi_tahun_ini,
    memenuhi_target_tahun_ini, perubahan_tahun_ini, konstan, akhir_terendah,
    akhir_tertinggi``. ``konstan``: every year of the window has the same realisation;
    ``akhir_terendah`` / ``akhir_tertinggi``: with three years or more, the latest one is the
    window's lowest / highest (a rising slope then must not be read as "naik"). ``rata_rata`` is the simple
    mean of the yearly realisations that exist in the window; ``tren_per_tahun`` the
    least-squares slope (points per year); ``tahun_tertinggi`` / ``tahun_terendah``
    list every year that reached the extreme.
    """
    year = as_year(year)
    if window is not None and window < 1:
        raise ValueError(f"window must be at least 1 year, got {window}")
    rows = spm_by_year(ds, year)
    if window is not None:
        rows = rows[rows["tahun"] > year - window]
    rows = rows[rows["realisasi"].notna()]
    out = []
    for ind in _indicators(ds).itertuples(index=False):
        g = rows[rows["kode"] == ind.kode]
        vals = g["realisasi"].to_numpy(dtype=float)
        yrs = g["tahun"].to_numpy(dtype=float)
        mean = fmean(vals)
        slope = trend_slope(yrs, vals)
        this = g[g["tahun"] == year]
        hi = float(vals.max()) if vals.size else np.nan
        lo = float(vals.min()) if vals.size else np.nan
        last = float(vals[np.argmax(yrs)]) if vals.size else np.nan
        flat = vals.size > 1 and hi - lo <= _TOLERANCE
        out.append(
            {
                "kode": ind.kode,
                "jenis": ind.jenis,
                "indikator": ind.indikator,
                "satuan": ind.satuan,
                "target_nasional": ind.target_nasional,
                "tahun_awal": int(yrs.min()) if yrs.size else None,
                "tahun_akhir": int(yrs.max()) if yrs.size else None,
                "jumlah_tahun": int(vals.size),
                "rata_rata": mean,
                "tren_per_tahun": slope,
                "tertinggi": hi,
                "tahun_tertinggi": _years_text(yrs[vals == hi]) if vals.size else None,
                "terendah": lo,
                "tahun_terendah": _years_text(yrs[vals == lo]) if vals.size else None,
                "realisasi_tahun_ini": float(this["realisasi"].iloc[0]) if len(this) else np.nan,
                "memenuhi_target_tahun_ini": this["memenuhi_target"].iloc[0] if len(this) else pd.NA,
                "perubahan_tahun_ini": float(this["perubahan"].iloc[0]) if len(this) else np.nan,
                "konstan": flat,
                "akhir_terendah": vals.size > 2 and not flat and last - lo <= _TOLERANCE,
                "akhir_tertinggi": vals.size > 2 and not flat and hi - last <= _TOLERANCE,
            }
        )
    f = pd.DataFrame(out, columns=list(out[0]) if out else _SUMMARY_COLUMNS)
    for c in ("kode", "jenis", "indikator", "satuan", "tahun_tertinggi", "tahun_terendah"):
        f[c] = f[c].astype("string")
    for c in ("tahun_awal", "tahun_akhir", "jumlah_tahun"):
        f[c] = f[c].astype("Int64")
    for c in ("target_nasional", "rata_rata", "tren_per_tahun", "tertinggi", "terendah"):
        f[c] = f[c].astype("float64")
    for c in ("realisasi_tahun_ini", "perubahan_tahun_ini"):
        f[c] = f[c].astype("float64")
    for c in ("memenuhi_target_tahun_ini", "konstan", "akhir_terendah", "akhir_tertinggi"):
        f[c] = f[c].astype("boolean")
    f["selisih_rata_rata"] = f["rata_rata"] - f["target_nasional"]
    met = pd.Series(f["selisih_rata_rata"].to_numpy() >= -_TOLERANCE, index=f.index, dtype="boolean")
    met[f["selisih_rata_rata"].isna()] = pd.NA
    f["rata_rata_memenuhi_target"] = met
    slope = f["tren_per_tahun"].to_numpy()
    arah = np.select(
        [np.isnan(slope), slope > _TOLERANCE, slope < -_TOLERANCE], ["", "naik", "turun"], default="datar"
    ).astype(object)
    f["arah_tren"] = pd.Series(np.where(arah == "", None, arah), index=f.index, dtype="string")
    return f[_SUMMARY_COLUMNS]


_SUMMARY_COLUMNS = [
    "kode",
    "jenis",
    "indikator",
    "satuan",
    "target_nasional",
    "tahun_awal",
    "tahun_akhir",
    "jumlah_tahun",
    "rata_rata",
    "selisih_rata_rata",
    "rata_rata_memenuhi_target",
    "tren_per_tahun",
    "arah_tren",
    "tertinggi",
    "tahun_tertinggi",
    "terendah",
    "tahun_terendah",
    "realisasi_tahun_ini",
    "memenuhi_target_tahun_ini",
    "perubahan_tahun_ini",
    "konstan",
    "akhir_terendah",
    "akhir_tertinggi",
]
