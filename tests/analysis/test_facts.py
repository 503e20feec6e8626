"""The facts the report's sentences state, decided in the analysis (lkjipkit.analysis).

The IKU summary (counts, mean capaian by exact sum, its category), the revised-budget
flag, the boolean cut column and the physical-progress counts, on both test datasets.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from lkjipkit.analysis import YearAnalysis, analyse, fsum
from lkjipkit.analysis.budget import (
    REASON_CUT,
    activity_progress,
    compute_activity_budget,
    compute_budget_summary,
)
from lkjipkit.analysis.capaian import load_scale
from lkjipkit.analysis.iku import indicator_summary
from lkjipkit.dataset import load_dataset
from lkjipkit.errors import YearError

KOTA_CONTOH = Path(__file__).resolve().parents[1] / "data" / "kota-contoh"

#: The eight kegiatan the seed's Tabel 3.2 shows as cut (rows 6, 11, 18, 24, 25, 51, 64, 65).
SEED_CUT = (
    "1.14.1.14.01.01.012",
    "1.14.1.14.01.02.005",
    "1.14.1.14.01.05.060",
    "1.14.1.14.01.15.022",
    "1.14.1.14.01.15.023",
    "1.13.1.14.01.16.013",
    "1.13.1.14.01.22.008",
    "1.13.1.14.01.22.009",
)


@pytest.fixture(scope="module")
def seed(ds) -> YearAnalysis:
    return analyse(ds, 2016)


@pytest.fixture(scope="module")
def kota() -> dict[int, YearAnalysis]:
    ds = load_dataset(KOTA_CONTOH)
    return {y: analyse(ds, y) for y in (2022, 2023)}


# --- the IKU summary ---------------------------------------------------------------------------


def test_seed_indicator_summary(seed):
    # Bab III a-f of the seed: IKU2 and IKU3 reach their target, the other four do not.
    s = seed.ringkasan_iku
    assert (s.tahun, s.jumlah_iku, s.jumlah_terukur, s.jumlah_tidak_terukur) == (2016, 6, 6, 0)
    assert (s.jumlah_tercapai, s.jumlah_belum) == (2, 4)
    assert s.tercapai == ("IKU2", "IKU3") and s.belum == ("IKU1", "IKU4", "IKU5", "IKU6")
    assert s.persen_tercapai == pytest.approx(100 / 3)
    caps = seed.capaian_iku["capaian"].tolist()
    assert s.jumlah_capaian_terdefinisi == 6
    assert s.rata_rata_capaian == math.fsum(caps) / 6
    assert s.rata_rata_capaian == pytest.approx(86.5198, abs=5e-5)
    assert s.kategori_rata_rata == "Tinggi"  # permendagri-54-2010 (in force for 2016): 76 ≤ capaian < 91
    # IKU2 up, IKU3 unchanged, IKU1, IKU4 and IKU6 down (the seed's items a-f); IKU5 improved
    assert (s.jumlah_dibandingkan, s.jumlah_membaik, s.jumlah_tetap, s.jumlah_memburuk) == (6, 2, 1, 3)


@pytest.mark.parametrize(
    ("year", "met", "mean", "better", "same"),
    [(2022, ("IKU3", "IKU5"), 97.0385, 3, 0), (2023, ("IKU2", "IKU3"), 96.9298, 2, 1)],
)
def test_kota_contoh_indicator_summary(kota, year, met, mean, better, same):
    # IKU2 (negative, target 0) has no capaian but is measured: the mean is over the other four.
    s = kota[year].ringkasan_iku
    assert (s.jumlah_iku, s.jumlah_terukur, s.jumlah_tercapai, s.jumlah_belum) == (5, 5, 2, 3)
    assert s.tercapai == met
    assert s.jumlah_capaian_terdefinisi == 4
    defined = kota[year].capaian_iku["capaian"].dropna().tolist()
    assert s.rata_rata_capaian == math.fsum(defined) / 4
    assert s.rata_rata_capaian == pytest.approx(mean, abs=5e-5)
    assert s.kategori_rata_rata == kota[year].scale.categorise(pd.Series([s.rata_rata_capaian])).iloc[0]
    assert (s.jumlah_membaik, s.jumlah_tetap, s.jumlah_memburuk) == (better, same, 5 - better - same)


def _capaian_frame(caps, met) -> pd.DataFrame:
    n = len(caps)
    return pd.DataFrame(
        {
            "kode": [f"IKU{i}" for i in range(n)],
            "capaian": pd.array(caps, dtype="Float64"),
            "mencapai_target": pd.array(met, dtype="boolean"),
            "arah_perubahan": pd.array([None] * n, dtype="string"),
            "membaik": pd.array([None] * n, dtype="boolean"),
        }
    )


def test_mean_capaian_is_an_exact_sum():
    # ten times 0.1: a plain float sum gives 0.9999999999999999, the exact sum 1.0
    f = _capaian_frame([0.1] * 10, [False] * 10)
    s = indicator_summary(f, load_scale("sampang-2019"), 2020)
    assert s.rata_rata_capaian == 0.1
    assert sum([0.1] * 10) / 10 != 0.1


def test_summary_without_measured_iku():
    f = _capaian_frame([None, None], [None, None])
    s = indicator_summary(f, load_scale("sampang-2019"), 2020)
    assert (s.jumlah_terukur, s.jumlah_tidak_terukur, s.tidak_terukur) == (0, 2, ("IKU0", "IKU1"))
    assert math.isnan(s.persen_tercapai) and math.isnan(s.rata_rata_capaian)
    assert s.kategori_rata_rata is None


# --- the budget: revised flag, cut column ------------------------------------------------------


def test_seed_cut_column_and_revised_flag(seed):
    k = seed.anggaran_kegiatan
    assert k["dipotong"].dtype == bool
    assert tuple(k.loc[k["dipotong"], "kode_rekening"]) == SEED_CUT
    assert (k["keterangan"] == REASON_CUT).fillna(False).tolist() == k["dipotong"].tolist()  # text for display
    assert seed.anggaran_ringkasan.jumlah_kegiatan_dipotong == 8
    assert seed.anggaran_ringkasan.ada_perubahan
    p = seed.anggaran_program
    assert int(p["jumlah_kegiatan_dipotong"].sum()) == 8


def _activities(murni, perubahan, fisik=None) -> pd.DataFrame:
    n = len(murni)
    return pd.DataFrame(
        {
            "kode_rekening": [f"K{i}" for i in range(n)],
            "pagu_murni": pd.array(murni, dtype="Float64"),
            "pagu_perubahan": pd.array(perubahan, dtype="Float64"),
            "realisasi_fisik": pd.array(fisik or [100.0] * n, dtype="Float64"),
            "realisasi_keuangan": pd.array([0.0] * n, dtype="Float64"),
        }
    )


def test_only_a_revision_to_zero_is_a_cut():
    # K0 revised to 0 (cut); K1 0 in murni, no revision (pagu 0, not cut); K2 revised upwards
    f = compute_activity_budget(_activities([100.0, 0.0, 100.0], [0.0, None, 150.0]))
    assert f["dipotong"].tolist() == [True, False, False]
    assert f["keterangan"].tolist()[:2] == [REASON_CUT, "pagu 0"]
    s = compute_budget_summary(f, 2020)
    assert s.ada_perubahan and s.jumlah_kegiatan_dipotong == 1


def test_budget_without_revision_is_not_revised():
    f = compute_activity_budget(_activities([100.0, 200.0], [None, None]))
    s = compute_budget_summary(f, 2020)
    assert not s.ada_perubahan and s.jumlah_kegiatan_dipotong == 0
    assert s.to_frame()["ada_perubahan"].tolist() == [False]


# --- physical progress -------------------------------------------------------------------------


def test_seed_progress_counts(seed):
    p = seed.kegiatan
    k = seed.anggaran_kegiatan
    funded = k[k["pagu"] > 0]
    assert (p.jumlah, p.penuh, p.kurang) == (69, 30, 31)
    assert p.penuh + p.kurang == seed.anggaran_ringkasan.jumlah_kegiatan_berpagu  # every funded one has fisik
    assert p.dipotong == SEED_CUT
    lowest = funded.loc[funded["realisasi_fisik"].idxmin()]
    assert p.terendah == lowest["kode_rekening"]
    # per sasaran: the kegiatan of its programs
    for s in seed.sasaran:
        assert s.progress == activity_progress(s.activities)
        assert s.progress.jumlah == len(s.activities)


def test_progress_ignores_unfunded_and_missing_fisik():
    f = compute_activity_budget(_activities([100.0, 100.0, 100.0, 100.0], [None, 0.0, None, None]))
    f["realisasi_fisik"] = pd.array([100.0, 50.0, None, 80.0], dtype="Float64").astype("float64")
    p = activity_progress(f)
    assert (p.jumlah, p.penuh, p.kurang, p.terendah, p.dipotong) == (4, 1, 1, "K3", ("K1",))


def test_kota_contoh_progress(kota):
    assert kota[2022].kegiatan.dipotong == ()
    assert kota[2023].kegiatan.dipotong == ("1.02.02.2.03",)
    for a in kota.values():
        assert a.anggaran_ringkasan.ada_perubahan
        assert a.kegiatan.penuh + a.kegiatan.kurang <= a.anggaran_ringkasan.jumlah_kegiatan_berpagu


# --- the analysis of a year with only part of its data (as the review uses it) -----------------


def test_a_part_needs_only_its_own_rows(ds):
    # 2015 has indicator rows but no budget rows: analyse refuses it, the parts that need no budget work
    with pytest.raises(YearError):
        analyse(ds, 2015)
    a = YearAnalysis(ds, 2015)
    assert a.ringkasan_iku.tahun == 2015 and len(a.capaian_iku) == 6
    with pytest.raises(YearError, match="anggaran"):
        _ = a.anggaran_kegiatan


def test_fsum_takes_any_iterable():
    assert fsum(v for v in [0.1] * 10) == 1.0
    assert fsum([None, pd.NA, 1.5]) == 1.5
    assert math.isnan(fsum([]))
