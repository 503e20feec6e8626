"""The seven analyses of each sasaran strategis (Bab III A of an LKjIP), as data a notebook can show.

1. target vs realisasi this year (:attr:`SasaranAnalysis.targets`);
2. against last year and the whole series (``previous_year``, ``history``);
3. against the Renstra end-of-period target (``renstra``);
4. against a national standard where one exists (``national_standard``);
5. the analyst's causes and solutions (``causes``);
6. efficiency of resource use (``efficiency``);
7. the programs and kegiatan that serve the sasaran, with their budget realisation
   (``programs``, ``activities``, ``progress``) and the kegiatan that explain the result
   (``highlights``: the largest, those cut in the APBD-P, those short of 100 % physical progress,
   with their share of the sasaran's money).

The frames are slices of the year's tables (:class:`~lkjipkit.analysis.bundle.YearAnalysis`),
so every figure here is the same figure as in the CSV files.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ._common import floats, fsum
from .budget import ActivityProgress, activity_progress
from .iku import HistoryTrend, history_trend

PROGRAM_LINK_COLUMNS = [
    "sasaran_kode",
    "sasaran",
    "program_kode",
    "program",
    "tahun",
    "pagu_murni",
    "pagu",
    "realisasi_keuangan",
    "realisasi_keuangan_persen",
    "realisasi_fisik_tertimbang",
    "sisa",
    "program_bersama",
    "keterangan_tautan",
]


@dataclass(frozen=True)
class ActivityHighlights:
    """Analysis 7: the kegiatan behind a sasaran's result.

    Shares are of the money of the sasaran's kegiatan (the kegiatan of the programs that serve it):
    ``porsi_*`` = Σ pagu of those kegiatan ÷ Σ pagu of all of them × 100, with pagu the APBD-P
    amount when there is one; the amount cut is pagu murni − pagu (APBD-P below APBD murni).
    """

    pagu: float
    """Σ pagu of the sasaran's kegiatan."""
    terbesar: str | None
    """Kode rekening of the kegiatan with the largest pagu (the first in report order on a tie)."""
    porsi_terbesar: float
    """Its share of the sasaran's money (%)."""
    dikurangi: tuple[str, ...]
    """Kegiatan whose APBD-P pagu is below their APBD murni (cut to 0 included), in report order."""
    pemotongan: float
    """Σ of the amounts cut from those kegiatan (Rp)."""
    kurang: tuple[str, ...]
    """Kegiatan with pagu > 0 and realisasi fisik < 100 %, lowest progress first (report order on a tie)."""
    porsi_kurang: float
    """Their share of the sasaran's money (%)."""


def activity_highlights(activities: pd.DataFrame) -> ActivityHighlights:
    """The kegiatan behind a sasaran's result (rows of ``SasaranAnalysis.activities``, with ``porsi_pagu``)."""
    pagu = floats(activities["pagu"])
    total = fsum(pagu)
    codes = activities["kode_rekening"].astype("string")
    funded = (pagu > 0).fillna(False).astype(bool)
    largest = None if not funded.any() else str(codes[pagu[funded].idxmax()])
    share = floats(activities["porsi_pagu"])
    cut = (floats(activities["pemotongan"]) > 0).fillna(False).astype(bool)
    fisik = floats(activities["realisasi_fisik"])
    short = funded & (fisik < 100).fillna(False).astype(bool)
    order = fisik[short].sort_values(kind="mergesort").index
    return ActivityHighlights(
        pagu=total,
        terbesar=largest,
        porsi_terbesar=float(share[codes == largest].iloc[0]) if largest is not None else float("nan"),
        dikurangi=tuple(str(c) for c in codes[cut]),
        pemotongan=fsum(activities.loc[cut, "pemotongan"]) if cut.any() else 0.0,
        kurang=tuple(str(codes[i]) for i in order),
        porsi_kurang=fsum(share[short]) if short.any() else 0.0,
    )


def _with_shares(activities: pd.DataFrame, kegiatan_iku: pd.DataFrame | None) -> pd.DataFrame:
    """The sasaran's kegiatan with ``iku_kode`` (the IKU each serves, from ``kegiatan.iku_kode``) and
    ``porsi_pagu`` (its pagu as % of the sasaran's Σ pagu)."""
    f = activities.reset_index(drop=True)
    link = (
        {} if kegiatan_iku is None else dict(zip(kegiatan_iku["kode_rekening"], kegiatan_iku["iku_kode"], strict=True))
    )
    f["iku_kode"] = pd.Series([link.get(k) for k in f["kode_rekening"]], index=f.index, dtype="string")
    pagu = floats(f["pagu"])
    total = fsum(pagu)
    f["porsi_pagu"] = pagu / total * 100 if total and total > 0 else float("nan")
    return f


@dataclass(frozen=True)
class SasaranAnalysis:
    """The seven analyses of one sasaran in one year."""

    kode: str
    sasaran: str
    tujuan_kode: str | None
    tujuan: str | None
    year: int
    targets: pd.DataFrame = field(repr=False)
    """1. Each IKU: target, realisasi, capaian, kategori, mencapai_target, keterangan."""
    previous_year: pd.DataFrame = field(repr=False)
    """2. Each IKU against last year: realisasi and capaian then and now, perubahan (points), arah, membaik."""
    history: pd.DataFrame = field(repr=False)
    """2. Each IKU in every year up to this one."""
    trends: dict[str, HistoryTrend] = field(repr=False)
    """2. Per IKU code: extremes and trend of its whole series."""
    renstra: pd.DataFrame = field(repr=False)
    """3. Each IKU against the Renstra end-of-period target."""
    national_standard: pd.DataFrame = field(repr=False)
    """4. Each IKU linked to an SPM indicator, against its national target (may be empty)."""
    causes: pd.DataFrame = field(repr=False)
    """5. The analyst's penyebab and solusi per IKU."""
    efficiency: pd.Series = field(repr=False)
    """6. One row of the efficiency table: capaian, serapan, selisih, kategori_efisiensi, ..."""
    programs: pd.DataFrame = field(repr=False)
    """7. The programs that serve the sasaran, with their budget realisation."""
    activities: pd.DataFrame = field(repr=False)
    """7. The kegiatan of those programs, with their budget realisation, ``iku_kode`` (the IKU the
    kegiatan serves, when the dataset says) and ``porsi_pagu`` (share of the sasaran's money, %)."""
    progress: ActivityProgress = field(repr=False)
    """7. How many of those kegiatan finished, fell short, were cut."""
    highlights: ActivityHighlights = field(repr=False)
    """7. The largest kegiatan, those cut in the APBD-P, those short of 100 % physical progress."""

    @property
    def link_assumed(self) -> str | None:
        """Where the sasaran → program link comes from (``sasaran_program.keterangan``), if stated."""
        v = self.efficiency.get("keterangan_tautan")
        return None if v is None or pd.isna(v) else str(v)


def program_links(efficiency: pd.DataFrame, programs: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """Analysis 7 as one table: every sasaran–program link with the program's budget realisation.

    ``programs`` is the year's program table; ``links`` the dataset's
    ``sasaran_program`` (``sasaran_kode, program_kode, keterangan``). Columns:
    :data:`PROGRAM_LINK_COLUMNS`. Rows follow the sasaran order, then the program order.
    """
    shared = links.groupby("program_kode")["sasaran_kode"].nunique()
    lk = links.rename(columns={"keterangan": "keterangan_tautan"})
    order = {k: i for i, k in enumerate(efficiency["sasaran_kode"])}
    porder = {k: i for i, k in enumerate(programs["program_kode"])}
    f = lk.merge(efficiency[["sasaran_kode", "sasaran"]], on="sasaran_kode", how="left").merge(
        programs, on="program_kode", how="left"
    )
    f["_s"] = f["sasaran_kode"].map(order)
    f["_p"] = f["program_kode"].map(porder)
    f = f.sort_values(["_s", "_p", "program_kode"], kind="mergesort", na_position="last").reset_index(drop=True)
    f["program_bersama"] = (f["program_kode"].map(shared).fillna(0) > 1).astype("boolean")
    if "tahun" in efficiency and len(efficiency):
        f["tahun"] = pd.Series(efficiency["tahun"].iloc[0], index=f.index, dtype="Int64")
    return f.reindex(columns=PROGRAM_LINK_COLUMNS)


def build_sasaran_analyses(
    *,
    year: int,
    sasaran: pd.DataFrame,
    capaian_iku: pd.DataFrame,
    riwayat_iku: pd.DataFrame,
    renstra_iku: pd.DataFrame,
    standar_nasional_iku: pd.DataFrame,
    analisis_iku: pd.DataFrame,
    efisiensi: pd.DataFrame,
    program_sasaran: pd.DataFrame,
    anggaran_kegiatan: pd.DataFrame,
    kegiatan_iku: pd.DataFrame | None = None,
) -> list[SasaranAnalysis]:
    """Slice the year's tables into one :class:`SasaranAnalysis` per sasaran (report order).

    ``kegiatan_iku`` (``kode_rekening, iku_kode``) says which IKU a kegiatan serves; None: no link.
    """
    target_cols = [
        "kode",
        "indikator",
        "satuan",
        "polaritas",
        "target",
        "realisasi",
        "capaian",
        "kategori",
        "mencapai_target",
        "keterangan",
    ]
    prev_cols = [
        "kode",
        "indikator",
        "satuan",
        "polaritas",
        "realisasi_tahun_lalu",
        "realisasi",
        "perubahan",
        "capaian_tahun_lalu",
        "capaian",
        "perubahan_capaian",
        "arah_perubahan",
        "membaik",
    ]
    out = []
    for s in sasaran.itertuples(index=False):

        def rows(frame: pd.DataFrame, code: str = s.kode) -> pd.DataFrame:
            return frame[frame["sasaran_kode"] == code].reset_index(drop=True)

        ind = rows(capaian_iku)
        progs = rows(program_sasaran)
        eff = efisiensi[efisiensi["sasaran_kode"] == s.kode]
        acts = anggaran_kegiatan[anggaran_kegiatan["program_kode"].isin(progs["program_kode"].dropna())]
        acts = _with_shares(acts, kegiatan_iku)
        out.append(
            SasaranAnalysis(
                kode=s.kode,
                sasaran=s.sasaran,
                tujuan_kode=None if pd.isna(s.tujuan_kode) else s.tujuan_kode,
                tujuan=None if pd.isna(s.tujuan) else s.tujuan,
                year=year,
                targets=ind[target_cols],
                previous_year=ind[prev_cols],
                history=rows(riwayat_iku),
                trends={code: history_trend(g) for code, g in rows(riwayat_iku).groupby("kode", sort=False)},
                renstra=rows(renstra_iku),
                national_standard=rows(standar_nasional_iku),
                causes=rows(analisis_iku),
                efficiency=eff.iloc[0] if len(eff) else pd.Series(dtype=object),
                programs=progs,
                activities=acts,
                progress=activity_progress(acts),
                highlights=activity_highlights(acts),
            )
        )
    return out
