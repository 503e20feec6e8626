"""Indicators (IKU) of one year: capaian, the series, the Renstra target, the national standard,
the analyst's causes and solutions.

Each function takes a dataset and a year and returns a DataFrame with
Indonesian column names (documented in ``docs/tables.md``); one row per IKU
(per IKU and year for the series), in report order (``iku.urutan``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lkjipkit.dataset import Dataset

from ._common import dataset_cap, dataset_scale, floats, fmean, fsum, inputs, order_by, require_year, text
from .capaian import Scale, capaian, change_direction, resolve_scale, target_met
from .spm import trend_slope

_IKU_COLUMNS = ["kode", "sasaran_kode", "indikator", "satuan", "polaritas"]

_UNSET = object()

#: ``keterangan`` of an IKU shown beside a standard that measures something else (``iku.spm_sebanding``).
REASON_NOT_COMPARABLE = "ukuran berbeda dari standar: disajikan sebagai konteks, tanpa penilaian"


def _settings(ds: Dataset, year: int, scale, cap) -> tuple[Scale, float | None]:
    scl = dataset_scale(ds, year) if scale is None else resolve_scale(scale, year)
    cp = dataset_cap(ds) if cap is _UNSET else cap
    return scl, cp


def _iku(ds: Dataset) -> pd.DataFrame:
    iku = order_by(inputs(ds, "iku"), "urutan", "kode")
    iku["polaritas"] = text(iku["polaritas"])
    iku["rumus_capaian"] = text(iku["rumus_capaian"])
    return iku


def _year_rows(ds: Dataset, year: int) -> pd.DataFrame:
    rows = inputs(ds, "iku_tahunan")
    rows = rows[rows["tahun"] == year]
    out = pd.DataFrame(
        {
            "kode": text(rows["iku_kode"]),
            "target": floats(rows["target"]),
            "realisasi": floats(rows["realisasi"]),
        }
    )
    return out.reset_index(drop=True)


def _with_capaian(frame: pd.DataFrame, cap: float | None, prefix: str = "") -> pd.DataFrame:
    res = capaian(
        frame[f"target{prefix}"], frame[f"realisasi{prefix}"], frame["polaritas"], frame["rumus_capaian"], cap
    )
    return res.set_axis(frame.index)


def indicator_achievement(ds: Dataset, year: int, *, scale=None, cap=_UNSET) -> pd.DataFrame:
    """Analyses 1 and 2 of each IKU: target vs realisasi this year, and the change from last year.

    Parameters
    ----------
    scale
        Category scale (a shipped name, a list of bands or a Scale); default: the dataset's.
    cap
        Capaian cap; default: the dataset's ``batas_capaian``; ``None``: no cap.

    Returns
    -------
    One row per IKU: ``kode, sasaran_kode, indikator, satuan, polaritas, rumus_capaian,
    tahun, target, realisasi, capaian, capaian_tanpa_batas, kategori, mencapai_target,
    teratas_belum_tercapai, keterangan, target_tahun_lalu, realisasi_tahun_lalu, capaian_tahun_lalu, perubahan,
    perubahan_capaian, arah_perubahan, membaik``. ``perubahan`` is realisasi minus last
    year's realisasi, in the indicator's unit (percentage points for ``%``).

    Raises
    ------
    YearError
        ``iku_tahunan`` has no row for the year.
    """
    year = require_year(ds, year, "iku_tahunan")
    scl, cp = _settings(ds, year, scale, cap)
    iku = _iku(ds)
    now = _year_rows(ds, year)
    last = _year_rows(ds, year - 1).rename(columns={"target": "target_tahun_lalu", "realisasi": "realisasi_tahun_lalu"})
    f = iku.merge(now, on="kode", how="left").merge(last, on="kode", how="left")
    f["tahun"] = pd.Series(year, index=f.index, dtype="Int64")

    cur = _with_capaian(f, cp)
    f["capaian"] = cur["capaian"]
    f["capaian_tanpa_batas"] = cur["capaian_tanpa_batas"]
    f["rumus_capaian"] = cur["rumus_capaian"]
    f["keterangan"] = cur["keterangan"]
    f["kategori"] = scl.categorise(f["capaian"])
    f["mencapai_target"] = target_met(f["target"], f["realisasi"], f["polaritas"])
    top = (f["kategori"] == scl.top).fillna(False).astype(bool)
    f["teratas_belum_tercapai"] = pd.Series(top & f["mencapai_target"].eq(False).fillna(False), dtype="boolean")

    prev = capaian(f["target_tahun_lalu"], f["realisasi_tahun_lalu"], f["polaritas"], f["rumus_capaian"], cp)
    f["capaian_tahun_lalu"] = prev["capaian"].to_numpy()
    f["perubahan"] = f["realisasi"] - f["realisasi_tahun_lalu"]
    f["perubahan_capaian"] = f["capaian"] - f["capaian_tahun_lalu"]
    direction = change_direction(f["perubahan"], f["polaritas"])
    f["arah_perubahan"] = direction["arah_perubahan"]
    f["membaik"] = direction["membaik"]
    return f[
        [
            *_IKU_COLUMNS,
            "rumus_capaian",
            "tahun",
            "target",
            "realisasi",
            "capaian",
            "capaian_tanpa_batas",
            "kategori",
            "mencapai_target",
            "teratas_belum_tercapai",
            "keterangan",
            "target_tahun_lalu",
            "realisasi_tahun_lalu",
            "capaian_tahun_lalu",
            "perubahan",
            "perubahan_capaian",
            "arah_perubahan",
            "membaik",
        ]
    ]


def indicator_history(ds: Dataset, year: int, *, scale=None, cap=_UNSET) -> pd.DataFrame:
    """Analysis 2, the whole series: every IKU in every year up to ``year`` that has a row.

    Returns one row per IKU and year: ``kode, sasaran_kode, indikator, satuan, polaritas,
    tahun, target, realisasi, capaian, kategori, mencapai_target, perubahan, keterangan``
    (``perubahan``: change of realisasi from the year before, when that year has a row).
    """
    year = require_year(ds, year, "iku_tahunan")
    scl, cp = _settings(ds, year, scale, cap)
    iku = _iku(ds)
    rows = inputs(ds, "iku_tahunan")
    rows = rows[rows["tahun"] <= year]
    rows = pd.DataFrame(
        {
            "kode": text(rows["iku_kode"]),
            "tahun": rows["tahun"].astype("Int64"),
            "target": floats(rows["target"]),
            "realisasi": floats(rows["realisasi"]),
        }
    )
    f = iku.merge(rows, on="kode", how="inner")
    f = f.sort_values(["urutan", "kode", "tahun"], kind="mergesort", na_position="last").reset_index(drop=True)
    res = _with_capaian(f, cp)
    f["capaian"] = res["capaian"]
    f["keterangan"] = res["keterangan"]
    f["kategori"] = scl.categorise(f["capaian"])
    f["mencapai_target"] = target_met(f["target"], f["realisasi"], f["polaritas"])
    prev = f[["kode", "tahun", "realisasi"]].copy()
    prev["tahun"] = prev["tahun"] + 1
    prev = prev.rename(columns={"realisasi": "_lalu"})
    f = f.merge(prev, on=["kode", "tahun"], how="left")
    f["perubahan"] = f["realisasi"] - f["_lalu"]
    cols = [*_IKU_COLUMNS, "tahun", "target", "realisasi", "capaian", "kategori", "mencapai_target"]
    return f[[*cols, "perubahan", "keterangan"]]


@dataclass(frozen=True)
class HistoryTrend:
    """Analysis 2 over the whole series of one IKU: extremes and trend of the realisations.

    Only years with a realisation count. The trend is the least-squares slope (points per year, as for
    SPM, :func:`~lkjipkit.analysis.spm.trend_slope`) and is stated only from three years on; with two
    years the change from last year (analysis 1) says it all.
    """

    kode: str
    tahun: tuple[int, ...]
    """The years with a realisation, ascending."""
    tertinggi: float
    tahun_tertinggi: tuple[int, ...]
    terendah: float
    tahun_terendah: tuple[int, ...]
    konstan: bool
    """Every year has the same realisation."""
    tren_per_tahun: float
    """Least-squares slope, NaN below three years."""
    arah_tren: str | None
    """``naik``, ``turun`` or ``datar`` (from three years on and not constant); None otherwise."""
    membaik: bool | None
    """The trend goes the good way for the indicator's polarity (None without a rising or falling trend)."""
    akhir_terendah: bool
    """The latest year is the series' lowest (three years or more, not constant)."""
    akhir_tertinggi: bool
    """The latest year is the series' highest (three years or more, not constant)."""
    jumlah_tercapai: int
    jumlah_terukur: int


def history_trend(history: pd.DataFrame) -> HistoryTrend:
    """The :class:`HistoryTrend` of one IKU from its rows of :func:`indicator_history`."""
    h = history[history["realisasi"].notna()].sort_values("tahun")
    years = tuple(int(y) for y in h["tahun"])
    vals = [float(v) for v in h["realisasi"]]
    hi = max(vals) if vals else float("nan")
    lo = min(vals) if vals else float("nan")
    flat = len(vals) > 1 and hi - lo <= 1e-9
    long = len(vals) > 2 and not flat
    slope = trend_slope(years, vals) if len(vals) > 2 else float("nan")
    arah = None
    if long and not math.isnan(slope):
        arah = "naik" if slope > 1e-9 else "turun" if slope < -1e-9 else "datar"
    negatif = bool(len(h)) and str(h["polaritas"].iloc[0]) == "negatif"
    membaik = None if arah not in ("naik", "turun") else (arah == "turun") == negatif
    met = h["mencapai_target"].dropna()
    return HistoryTrend(
        kode=str(history["kode"].iloc[0]) if len(history) else "",
        tahun=years,
        tertinggi=hi,
        tahun_tertinggi=tuple(y for y, v in zip(years, vals, strict=True) if v == hi),
        terendah=lo,
        tahun_terendah=tuple(y for y, v in zip(years, vals, strict=True) if v == lo),
        konstan=flat,
        tren_per_tahun=slope,
        arah_tren=arah,
        membaik=membaik,
        akhir_terendah=long and vals[-1] - lo <= 1e-9,
        akhir_tertinggi=long and hi - vals[-1] <= 1e-9,
        jumlah_tercapai=int(met.astype(bool).sum()),
        jumlah_terukur=len(met),
    )


def renstra_progress(ds: Dataset, year: int) -> pd.DataFrame:
    """Analysis 3: the realisation against the Renstra end-of-period target (``iku.target_renstra``).

    The quantity compared (``realisasi_renstra``) depends on ``iku.kumulatif``: for a cumulative
    indicator, the sum of the realisations of the Renstra years from ``profil.renstra.tahun_awal`` up to
    the report year (``tahun_kumulatif`` lists the years that had one); otherwise the report year's
    realisation. The capaian uses the indicator's formula with ``target_renstra`` as target and no cap.
    ``sama_dengan_tahunan``: the report year is the Renstra's last and the Renstra target equals the
    year's target, so this comparison is the one of analysis 1.

    Returns one row per IKU: ``kode, sasaran_kode, indikator, satuan, polaritas, tahun, realisasi,
    kumulatif, tahun_kumulatif, realisasi_renstra, target, target_renstra, tahun_akhir_renstra,
    sisa_tahun_renstra, capaian_renstra, selisih_renstra, mencapai_target_renstra,
    sama_dengan_tahunan, keterangan``.
    """
    year = require_year(ds, year, "iku_tahunan")
    iku = _iku(ds)
    f = iku.merge(_year_rows(ds, year), on="kode", how="left")
    f["tahun"] = pd.Series(year, index=f.index, dtype="Int64")
    f["target_renstra"] = floats(f["target_renstra"])
    start, end = ds.profil.renstra.tahun_awal, ds.profil.renstra.tahun_akhir
    f["kumulatif"] = (text(f["kumulatif"]) == "ya").fillna(False).astype("boolean")
    rows = inputs(ds, "iku_tahunan")
    rows = rows[rows["tahun"].between(start, year) & rows["realisasi"].notna()]
    rows = pd.DataFrame(
        {"kode": text(rows["iku_kode"]), "tahun": rows["tahun"], "realisasi": floats(rows["realisasi"])}
    )
    sums = {
        k: (fsum(g["realisasi"]), ", ".join(str(int(y)) for y in sorted(g["tahun"]))) for k, g in rows.groupby("kode")
    }
    cum = f["kumulatif"].astype(bool)
    total = pd.Series([sums.get(k, (float("nan"), ""))[0] for k in f["kode"]], index=f.index, dtype="float64")
    f["tahun_kumulatif"] = pd.Series(
        [sums.get(k, (0, None))[1] if c else None for k, c in zip(f["kode"], cum, strict=True)],
        index=f.index,
        dtype="string",
    )
    f["realisasi_renstra"] = total.where(cum, f["realisasi"])
    f["tahun_akhir_renstra"] = pd.Series(end, index=f.index, dtype="Int64")
    f["sisa_tahun_renstra"] = pd.Series(end - year, index=f.index, dtype="Int64")
    res = capaian(f["target_renstra"], f["realisasi_renstra"], f["polaritas"], f["rumus_capaian"], None)
    f["capaian_renstra"] = res["capaian"].to_numpy()
    f["selisih_renstra"] = f["realisasi_renstra"] - f["target_renstra"]
    f["mencapai_target_renstra"] = target_met(f["target_renstra"], f["realisasi_renstra"], f["polaritas"])
    same = (year == end) & ~cum & np.isclose(f["target_renstra"], f["target"], rtol=0, atol=1e-9)
    f["sama_dengan_tahunan"] = pd.Series(same.to_numpy(), index=f.index, dtype="boolean")
    reason = res["keterangan"].to_numpy(dtype=object, na_value=None)
    reason = np.where(f["target_renstra"].isna(), "target Renstra kosong", reason)
    f["keterangan"] = pd.Series(reason, index=f.index, dtype="string")
    return f[
        [
            *_IKU_COLUMNS,
            "tahun",
            "realisasi",
            "kumulatif",
            "tahun_kumulatif",
            "realisasi_renstra",
            "target",
            "target_renstra",
            "tahun_akhir_renstra",
            "sisa_tahun_renstra",
            "capaian_renstra",
            "selisih_renstra",
            "mencapai_target_renstra",
            "sama_dengan_tahunan",
            "keterangan",
        ]
    ]


def national_standard_comparison(ds: Dataset, year: int) -> pd.DataFrame:
    """Analysis 4: each IKU linked to a national standard (``iku.spm_kode``) against it.

    Returns one row per linked IKU: ``kode, sasaran_kode, indikator, satuan,
    polaritas, tahun, realisasi, spm_kode, spm_indikator, sebanding, target_nasional,
    selisih_target_nasional, memenuhi_target_nasional, realisasi_spm,
    selisih_realisasi_spm, keterangan``. ``sebanding`` is ``iku.spm_sebanding == "ya"``:
    only then are ``selisih_target_nasional`` and ``memenuhi_target_nasional`` filled (the
    IKU is judged against the national target); otherwise the standard is context only.
    ``realisasi_spm`` is the standard's own realisation for the year (the two should agree when they measure the same
    thing; a difference is for the review to explain).
    """
    from .spm import spm_by_year

    year = require_year(ds, year, "iku_tahunan")
    iku = _iku(ds)
    iku = iku[iku["spm_kode"].notna()]
    f = iku.merge(_year_rows(ds, year), on="kode", how="left")
    f["tahun"] = pd.Series(year, index=f.index, dtype="Int64")
    std = inputs(ds, "spm_indikator")
    std = pd.DataFrame(
        {
            "spm_kode": text(std["kode"]),
            "spm_indikator": text(std["indikator"]),
            "target_nasional": floats(std["target_nasional"]),
        }
    )
    f["spm_kode"] = text(f["spm_kode"])
    f = f.merge(std, on="spm_kode", how="left")
    spm_rows = spm_by_year(ds, year)
    spm_rows = spm_rows[spm_rows["tahun"] == year][["kode", "realisasi"]]
    spm_rows = spm_rows.rename(columns={"kode": "spm_kode", "realisasi": "realisasi_spm"})
    f = f.merge(spm_rows, on="spm_kode", how="left")
    same = (text(f["spm_sebanding"]) == "ya").fillna(False).astype(bool)
    f["sebanding"] = pd.Series(same.to_numpy(), index=f.index, dtype="boolean")
    f["selisih_target_nasional"] = (f["realisasi"] - f["target_nasional"]).where(same)
    met = target_met(f["target_nasional"], f["realisasi"], f["polaritas"])
    met[~same.to_numpy()] = pd.NA
    f["memenuhi_target_nasional"] = met
    f["selisih_realisasi_spm"] = f["realisasi"] - f["realisasi_spm"]
    reason = np.select(
        [~same.to_numpy(), f["target_nasional"].isna().to_numpy(), f["realisasi"].isna().to_numpy()],
        [REASON_NOT_COMPARABLE, "target nasional tidak tersedia dalam data", "realisasi kosong"],
        default="",
    ).astype(object)
    f["keterangan"] = pd.Series(np.where(reason == "", None, reason), index=f.index, dtype="string")
    return f[
        [
            *_IKU_COLUMNS,
            "tahun",
            "realisasi",
            "spm_kode",
            "spm_indikator",
            "sebanding",
            "target_nasional",
            "selisih_target_nasional",
            "memenuhi_target_nasional",
            "realisasi_spm",
            "selisih_realisasi_spm",
            "keterangan",
        ]
    ].reset_index(drop=True)


def indicator_explanations(ds: Dataset, year: int) -> pd.DataFrame:
    """Analysis 5: the analyst's causes (``penyebab``) and solutions (``solusi``) per IKU for the year.

    Every IKU is listed; both texts are NA when the dataset gives none.
    Columns: ``kode, sasaran_kode, indikator, tahun, penyebab, solusi``.
    """
    year = require_year(ds, year, "iku_tahunan")
    iku = _iku(ds)
    a = inputs(ds, "analisis_iku")
    a = a[a["tahun"] == year]
    a = pd.DataFrame(
        {"kode": text(a["iku_kode"]), "penyebab": text(a["penyebab"]), "solusi": text(a["solusi"])}
    ).reset_index(drop=True)
    f = iku.merge(a, on="kode", how="left")
    f["tahun"] = pd.Series(year, index=f.index, dtype="Int64")
    return f[["kode", "sasaran_kode", "indikator", "tahun", "penyebab", "solusi"]]


@dataclass(frozen=True)
class IndicatorSummary:
    """The IKU of one year in a few figures (what the Ikhtisar Eksekutif, Bab III and Bab IV state).

    An IKU is *terukur* (measured) when both its target and its realisation are
    known (``mencapai_target`` is not empty); the mean capaian is taken over the
    IKU whose capaian is defined, with an exact sum.
    """

    tahun: int
    jumlah_iku: int
    """IKU of the dataset (every row of ``capaian_iku``)."""
    jumlah_terukur: int
    """IKU whose target and realisation are known."""
    jumlah_tercapai: int
    """Of those, IKU that reached their target."""
    jumlah_belum: int
    """Of those, IKU that did not."""
    jumlah_tidak_terukur: int
    """IKU that cannot be measured (target or realisation missing)."""
    persen_tercapai: float
    """jumlah_tercapai / jumlah_terukur × 100; NaN when none is measured."""
    jumlah_capaian_terdefinisi: int
    """IKU with a defined capaian (the mean is over these)."""
    rata_rata_capaian: float
    """Simple mean of the defined capaian (exact sum); NaN when none is defined."""
    kategori_rata_rata: str | None
    """Category of the mean on the dataset's scale; None without a mean."""
    jumlah_dibandingkan: int
    """IKU with a realisation this year and last (``arah_perubahan`` known)."""
    jumlah_membaik: int
    """Of those, IKU whose realisation improved (up for positif, down for negatif)."""
    jumlah_tetap: int
    """Of those, IKU whose realisation did not change."""
    jumlah_memburuk: int
    """Of those, IKU whose realisation got worse."""
    tercapai: tuple[str, ...]
    """Codes of the IKU that reached their target, in report order."""
    belum: tuple[str, ...]
    """Codes of the IKU that did not, in report order."""
    tidak_terukur: tuple[str, ...]
    """Codes of the IKU that cannot be measured, in report order."""

    COUNTS = (
        "jumlah_iku",
        "jumlah_terukur",
        "jumlah_tercapai",
        "jumlah_belum",
        "jumlah_tidak_terukur",
        "jumlah_capaian_terdefinisi",
        "jumlah_dibandingkan",
        "jumlah_membaik",
        "jumlah_tetap",
        "jumlah_memburuk",
    )

    def to_frame(self, skala: str) -> pd.DataFrame:
        """One-row frame (the columns of ``ringkasan_iku.csv``); ``skala`` names the category scale used."""
        row = {"tahun": self.tahun, **{c: getattr(self, c) for c in self.COUNTS}}
        row |= {
            "persen_tercapai": self.persen_tercapai,
            "rata_rata_capaian": self.rata_rata_capaian,
            "kategori_rata_rata": self.kategori_rata_rata,
            "skala": skala,
        }
        f = pd.DataFrame([row])
        for c in ("tahun", *self.COUNTS):
            f[c] = f[c].astype("Int64")
        return f


def indicator_summary(capaian_iku: pd.DataFrame, scale: Scale, year: int) -> IndicatorSummary:
    """Counts and mean capaian of a year's IKU from :func:`indicator_achievement` (see :class:`IndicatorSummary`)."""
    met = capaian_iku["mencapai_target"]
    known = met.notna().to_numpy(dtype=bool)
    reached = known & met.fillna(False).to_numpy(dtype=bool)
    missed = known & ~reached
    codes = capaian_iku["kode"].astype(str).to_numpy()
    caps = floats(capaian_iku["capaian"])
    mean = fmean(caps)
    label = None if math.isnan(mean) else scale.categorise(pd.Series([mean])).iloc[0]
    arah = capaian_iku["arah_perubahan"]
    compared = arah.notna().to_numpy(dtype=bool)
    better = compared & capaian_iku["membaik"].fillna(False).to_numpy(dtype=bool)
    same = compared & (arah == "tetap").fillna(False).to_numpy(dtype=bool)
    n_known, n_reached = int(known.sum()), int(reached.sum())
    return IndicatorSummary(
        tahun=int(year),
        jumlah_iku=len(capaian_iku),
        jumlah_terukur=n_known,
        jumlah_tercapai=n_reached,
        jumlah_belum=int(missed.sum()),
        jumlah_tidak_terukur=int((~known).sum()),
        persen_tercapai=n_reached / n_known * 100 if n_known else math.nan,
        jumlah_capaian_terdefinisi=int(caps.notna().sum()),
        rata_rata_capaian=mean,
        kategori_rata_rata=None if label is None or pd.isna(label) else str(label),
        jumlah_dibandingkan=int(compared.sum()),
        jumlah_membaik=int(better.sum()),
        jumlah_tetap=int(same.sum()),
        jumlah_memburuk=int((compared & ~better & ~same).sum()),
        tercapai=tuple(codes[reached]),
        belum=tuple(codes[missed]),
        tidak_terukur=tuple(codes[~known]),
    )
