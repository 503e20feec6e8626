"""Efficiency of resource use per sasaran (analysis 6): capaian against budget use.

Common to both methods:

* ``capaian`` of a sasaran = simple mean of the defined capaian of its IKU (capped
  when the dataset sets ``batas_capaian``);
* the programs that serve the sasaran (``sasaran_program``) give its pagu and
  realisasi keuangan; a link with a ``porsi`` (percent) counts only that share of
  the program's money, a link without one counts all of it (a program serving
  several sasaran is then counted in full for each, and the report says so);
* ``serapan`` = Σ realisasi keuangan / Σ pagu × 100.

Methods (``profil.pengaturan.metode_efisiensi``):

``pmk-249-2011`` (default)
    Kementerian Keuangan, PMK 249/PMK.02/2011 (carried on in PMK 22/PMK.02/2021):
    E = Σ(pagu × capaian − realisasi) / Σ(pagu × capaian) × 100, in percent, with
    the *nilai efisiensi* NE = 50 + E / 20 × 50, bounded to 0–100 (E ≥ 20: 100;
    E ≤ −20: 0). ``efisien`` when E > 0 (less money spent than the output achieved is
    worth at its pagu), ``tidak efisien`` when E < 0, ``cukup efisien`` at exactly 0.
``selisih-capaian-serapan``
    A regional practice (the open-source e-SAKIP of Banjarnegara): ``selisih`` =
    capaian − serapan, in points; ``efisien`` when selisih > batas, ``tidak efisien``
    when selisih < −batas, ``cukup efisien`` otherwise (batas:
    ``profil.pengaturan.efisiensi_batas``, 5 by default).

The sasaran → program link is data, not a fact printed in every report; the
link's ``keterangan`` is carried into the result so a reader sees when it was
assumed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lkjipkit.dataset import Dataset

from ._common import floats, fmean, fsum, inputs, order_by, text

EFFICIENT = "efisien"
FAIRLY_EFFICIENT = "cukup efisien"
NOT_EFFICIENT = "tidak efisien"

PMK = "pmk-249-2011"
DIFFERENCE = "selisih-capaian-serapan"
METHODS = (PMK, DIFFERENCE)
#: The source of each method, as the report cites it.
METHOD_SOURCE = {
    PMK: "PMK 249/PMK.02/2011 (dilanjutkan PMK 22/PMK.02/2021)",
    DIFFERENCE: "praktik daerah (e-SAKIP Kabupaten Banjarnegara)",
}
#: PMK 249/PMK.02/2011: E of ±20 % maps to the ends of the 0–100 nilai efisiensi.
PMK_SPAN = 20.0

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
    "metode_efisiensi",
    "efisiensi",
    "nilai_efisiensi",
    "batas_efisiensi",
    "kategori_efisiensi",
    "program_bersama",
    "porsi_dipakai",
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


def efficiency_value(pagu, realisasi, capaian) -> float:
    """E of PMK 249/PMK.02/2011 in percent: Σ(pagu × capaian − realisasi) / Σ(pagu × capaian) × 100.

    ``pagu`` and ``realisasi`` are per program (already apportioned), ``capaian`` the sasaran's
    capaian in percent (one value, or one per program). NaN when Σ(pagu × capaian) is 0 or unknown.
    """
    p = np.asarray(pagu, dtype="float64")
    r = np.asarray(realisasi, dtype="float64")
    c = np.broadcast_to(np.asarray(capaian, dtype="float64") / 100, p.shape)
    worth = fsum(p * c)
    if np.isnan(worth) or worth <= 0 or np.isnan(r).all():
        return np.nan
    return (worth - fsum(r)) / worth * 100


def efficiency_score(e) -> float:
    """Nilai efisiensi of PMK 249/PMK.02/2011: 50 + E / 20 × 50, bounded to 0–100; NaN when E is."""
    if e is None or np.isnan(e):
        return np.nan
    return float(min(100.0, max(0.0, 50 + e / PMK_SPAN * 50)))


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
    method: str = PMK,
) -> pd.DataFrame:
    """Efficiency of each sasaran.

    Parameters
    ----------
    indicators
        One row per IKU with ``sasaran_kode``, ``capaian`` and ``mencapai_target``.
    programs
        One row per program with ``program_kode``, ``pagu``, ``realisasi_keuangan``, ``sisa``.
    links
        ``sasaran_kode``, ``program_kode`` and optionally ``keterangan`` (source of the link)
        and ``porsi`` (percent of the program's money that serves the sasaran; empty: all).
    sasaran
        ``kode`` and ``sasaran``, in report order.
    threshold
        Points of selisih beyond which a sasaran is efficient / not efficient
        (method ``selisih-capaian-serapan``; the PMK method's threshold is E = 0).
    method
        One of :data:`METHODS`.

    Returns
    -------
    One row per sasaran: :data:`EFFICIENCY_COLUMNS`.
    """
    if method not in METHODS:
        raise ValueError(f"unknown metode_efisiensi {method!r}; expected one of {', '.join(METHODS)}")
    shared = links.groupby("program_kode")["sasaran_kode"].nunique()
    shared = set(shared[shared > 1].index)
    share_of = links["porsi"] if "porsi" in links else pd.Series(np.nan, index=links.index)
    rows = []
    for s in sasaran.itertuples(index=False):
        ind = indicators[indicators["sasaran_kode"] == s.kode]
        caps = ind["capaian"].astype("Float64").dropna()
        lk = links[links["sasaran_kode"] == s.kode]
        codes = list(dict.fromkeys(lk["program_kode"].tolist()))
        share = {
            str(c): (1.0 if pd.isna(v) else float(v) / 100)
            for c, v in zip(lk["program_kode"], share_of[lk.index], strict=True)
        }
        pr = programs[programs["program_kode"].isin(codes)]
        part = pr["program_kode"].astype(str).map(share).astype("float64")
        pagu_p = floats(pr["pagu"]) * part
        spent_p = floats(pr["realisasi_keuangan"]) * part
        pagu = fsum(pagu_p)
        spent = fsum(spent_p)
        serapan = spent / pagu * 100 if pagu and pagu > 0 and not np.isnan(spent) else np.nan
        cap = fmean(caps)
        e = efficiency_value(pagu_p.to_numpy(), spent_p.to_numpy(), cap) if codes and len(caps) else np.nan
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
                "sisa": fsum(floats(pr["sisa"]) * part),
                "serapan": serapan,
                "selisih": cap - serapan,
                "metode_efisiensi": method,
                "efisiensi": e,
                "nilai_efisiensi": efficiency_score(e),
                "batas_efisiensi": float(threshold) if method == DIFFERENCE else 0.0,
                "program_bersama": any(c in shared for c in codes),
                "porsi_dipakai": bool(share_of[lk.index].notna().any()),
                "keterangan_tautan": notes or None,
                "keterangan": "; ".join(reason) or None,
            }
        )
    f = pd.DataFrame(rows, columns=[c for c in EFFICIENCY_COLUMNS if c != "kategori_efisiensi"])
    if method == PMK:
        f["kategori_efisiensi"] = efficiency_category(f["efisiensi"], 0.0)
    else:
        f["kategori_efisiensi"] = efficiency_category(f["selisih"], threshold)
    for c in ("sasaran_kode", "sasaran", "program_kode", "metode_efisiensi", "keterangan_tautan", "keterangan"):
        f[c] = f[c].astype("string")
    for c in ("tahun", "jumlah_iku", "jumlah_iku_terdefinisi", "jumlah_program"):
        f[c] = f[c].astype("Int64")
    for c in (
        "capaian",
        "pagu",
        "realisasi_keuangan",
        "sisa",
        "serapan",
        "selisih",
        "efisiensi",
        "nilai_efisiensi",
        "batas_efisiensi",
    ):
        f[c] = f[c].astype("float64")
    for c in ("semua_target_tercapai", "program_bersama", "porsi_dipakai"):
        f[c] = f[c].astype("boolean")
    return f[EFFICIENCY_COLUMNS]


def sasaran_table(ds: Dataset) -> pd.DataFrame:
    """The dataset's sasaran in report order, with their goal: ``kode, sasaran, tujuan_kode, tujuan``."""
    s = order_by(inputs(ds, "sasaran"), "urutan", "kode")
    t = inputs(ds, "tujuan")[["kode", "tujuan"]].rename(columns={"kode": "tujuan_kode"})
    f = s.merge(t, on="tujuan_kode", how="left")
    return pd.DataFrame({c: text(f[c]) for c in ("kode", "sasaran", "tujuan_kode", "tujuan")})


def sasaran_links(ds: Dataset) -> pd.DataFrame:
    """The sasaran → program links: ``sasaran_kode, program_kode, keterangan, porsi``."""
    lk = inputs(ds, "sasaran_program")
    out = pd.DataFrame({c: text(lk[c]) for c in ("sasaran_kode", "program_kode", "keterangan")})
    out["porsi"] = floats(lk["porsi"])
    return out
