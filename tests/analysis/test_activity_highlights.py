"""Analysis 7 (issue 13 g): the kegiatan behind a sasaran's result, decided in lkjipkit.analysis."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from lkjipkit.analysis import analyse, fsum
from lkjipkit.analysis.sasaran import activity_highlights
from lkjipkit.dataset import load_dataset

KOTA_CONTOH = Path(__file__).resolve().parents[1] / "data" / "kota-contoh"


def _frame(pagu_murni, pagu, fisik, dipotong=None) -> pd.DataFrame:
    n = len(pagu)
    pagu_s = pd.Series(pagu, dtype="float64")
    return pd.DataFrame(
        {
            "kode_rekening": [f"K{i}" for i in range(n)],
            "kegiatan": [f"Kegiatan {i}" for i in range(n)],
            "pagu_murni": pd.Series(pagu_murni, dtype="float64"),
            "pagu": pagu_s,
            "pemotongan": pd.Series(pagu_murni, dtype="float64") - pagu_s,
            "realisasi_fisik": pd.Series(fisik, dtype="float64"),
            "dipotong": dipotong or [False] * n,
            "porsi_pagu": pagu_s / pagu_s.sum() * 100,
        }
    )


def test_largest_cut_and_short_with_shares():
    f = _frame([100, 300, 50, 200], [100, 250, 0, 200], [100, 90, None, 80], [False, False, True, False])
    h = activity_highlights(f)
    assert h.pagu == 550
    assert h.terbesar == "K1" and math.isclose(h.porsi_terbesar, 250 / 550 * 100)
    assert h.dikurangi == ("K1", "K2") and h.pemotongan == 100
    assert h.kurang == ("K3", "K1")  # lowest physical progress first; an unfunded kegiatan is neither
    assert math.isclose(h.porsi_kurang, 450 / 550 * 100)


def test_nothing_to_highlight():
    h = activity_highlights(_frame([100.0], [100.0], [100.0]))
    assert (h.terbesar, h.dikurangi, h.kurang, h.porsi_kurang) == ("K0", (), (), 0.0)
    assert h.pemotongan == 0


@pytest.mark.parametrize(("folder", "year"), [("", 2016), (str(KOTA_CONTOH), 2023), (str(KOTA_CONTOH), 2022)])
def test_highlights_follow_the_budget_table(ds, folder, year):
    a = analyse(load_dataset(folder) if folder else ds, year)
    for s in a.sasaran:
        acts, h = s.activities, s.highlights
        assert math.isclose(h.pagu, fsum(acts["pagu"]))
        assert math.isclose(fsum(acts["porsi_pagu"]), 100.0)
        assert acts.loc[acts["pagu"].idxmax(), "kode_rekening"] == h.terbesar
        cut = acts[acts["pemotongan"] > 0]
        assert tuple(cut["kode_rekening"]) == h.dikurangi
        assert math.isclose(h.pemotongan, fsum(cut["pemotongan"]), abs_tol=1e-6)
        assert set(s.progress.dipotong) <= set(h.dikurangi)  # cut to 0 is a cut
        assert len(h.kurang) == s.progress.kurang


def test_seed_sasaran_1_figures(ds):
    # the seed's budget table: the largest kegiatan of S1's programs is Pelatihan Tenaga Kerja Berbasis Kompetensi
    s = analyse(ds, 2016).sasaran[0]
    assert s.highlights.terbesar == "1.14.1.14.01.15.018"
    assert s.activities.set_index("kode_rekening").at["1.14.1.14.01.15.018", "pagu"] == 861_000_000
    assert s.activities["iku_kode"].isna().all()  # the seed links no kegiatan to an IKU


def test_kegiatan_linked_to_an_iku():
    a = analyse(load_dataset(KOTA_CONTOH), 2023)
    links = a.sasaran[1].activities.set_index("kode_rekening")["iku_kode"]
    assert links["1.02.02.2.04"] == "IKU4" and links["1.02.02.2.03"] == "IKU3"
    assert pd.isna(links["1.02.02.2.02"])
