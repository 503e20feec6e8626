"""SPM realisation, gap, mean and trend (lkjipkit.analysis.spm)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lkjipkit.analysis.spm import spm_by_year, spm_realisation, spm_summary, trend_slope


def test_counts_take_precedence_over_the_percentage():
    f = spm_realisation([50.0, 40.0, None, None], [1.0, None, 3.0, 1.0], [4.0, None, 0.0, None])
    assert f["realisasi"].iloc[0] == 25.0
    assert f["sumber_realisasi"].iloc[0] == "pembilang/penyebut"
    assert f["realisasi"].iloc[1] == 40.0 and f["sumber_realisasi"].iloc[1] == "realisasi"
    assert math.isnan(f["realisasi"].iloc[2]) and f["keterangan"].iloc[2] == "penyebut 0"
    assert math.isnan(f["realisasi"].iloc[3]) and f["keterangan"].iloc[3] == "realisasi kosong"


def test_trend_slope():
    assert trend_slope([2012, 2013, 2014], [10, 20, 30]) == pytest.approx(10.0)
    assert trend_slope([2012, 2013, 2014], [30, 20, 10]) == pytest.approx(-10.0)
    assert math.isnan(trend_slope([2016], [5]))
    assert trend_slope([2012, 2013, float("nan")], [1, 3, 100]) == pytest.approx(2.0)


@given(
    st.lists(st.floats(min_value=0, max_value=100), min_size=2, max_size=10),
    st.floats(min_value=-50, max_value=50),
)
def test_property_shifting_values_keeps_the_slope(values, shift):
    years = list(range(2010, 2010 + len(values)))
    assert trend_slope(years, [v + shift for v in values]) == pytest.approx(trend_slope(years, values), abs=1e-6)


def test_by_year_gap_and_met(ds):
    f = spm_by_year(ds, 2016)
    row = f[(f["kode"] == "SPM-NAKER-1") & (f["tahun"] == 2016)].iloc[0]
    assert row["selisih"] == pytest.approx(60.66 - 75)
    assert not row["memenuhi_target"]
    assert row["perubahan"] == pytest.approx(60.66 - 53.30)
    assert f["tahun"].max() == 2016
    sos = f[f["kode"] == "SPM-SOS-1"]
    assert sos["memenuhi_target"].isna().all()
    assert (sos["keterangan"] == "tanpa target nasional").all()


def test_by_year_stops_at_the_year(ds):
    f = spm_by_year(ds, 2014)
    assert f["tahun"].max() == 2014


def test_summary_window(ds):
    full = spm_summary(ds, 2016, window=None).set_index("kode")
    three = spm_summary(ds, 2016, window=3).set_index("kode")
    assert three.loc["SPM-NAKER-1", "jumlah_tahun"] == 3
    assert three.loc["SPM-NAKER-1", "rata_rata"] == pytest.approx((64.76 + 53.30 + 60.66) / 3)
    assert full.loc["SPM-NAKER-1", "jumlah_tahun"] == 5
    with pytest.raises(ValueError):
        spm_summary(ds, 2016, window=0)


def test_summary_ties_list_every_year(ds):
    s = spm_summary(ds, 2016).set_index("kode")
    assert s.loc["SPM-NAKER-6", "tahun_tertinggi"] == "2012, 2013, 2014, 2015, 2016"
    assert s.loc["SPM-NAKER-6", "arah_tren"] == "datar"
    assert s.loc["SPM-NAKER-8", "tahun_tertinggi"] == "2014, 2015"


def test_no_spm_gives_empty_frames_with_columns(ds, with_tables):
    empty = with_tables(
        ds,
        spm_indikator=ds.tables["spm_indikator"].iloc[0:0],
        spm_realisasi=ds.tables["spm_realisasi"].iloc[0:0],
    )
    by_year, summary = spm_by_year(empty, 2016), spm_summary(empty, 2016)
    assert by_year.empty and "realisasi" in by_year.columns
    assert summary.empty and "rata_rata" in summary.columns


def test_summary_of_indicator_without_rows_for_the_window(ds, with_tables):
    rows = ds.tables["spm_realisasi"]
    rows = rows[~((rows["spm_kode"] == "SPM-NAKER-1") & (rows["tahun"] >= 2012))]
    s = spm_summary(with_tables(ds, spm_realisasi=rows), 2016).set_index("kode")
    assert s.loc["SPM-NAKER-1", "jumlah_tahun"] == 0
    assert math.isnan(s.loc["SPM-NAKER-1", "rata_rata"])
    assert pd.isna(s.loc["SPM-NAKER-1", "arah_tren"])
