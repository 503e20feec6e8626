"""Efficiency per sasaran (lkjipkit.analysis.efficiency)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from lkjipkit.analysis import analyse
from lkjipkit.analysis.efficiency import (
    DIFFERENCE,
    PMK,
    compute_efficiency,
    efficiency_category,
    efficiency_score,
    efficiency_value,
)


@pytest.mark.parametrize(
    ("selisih", "label"),
    [
        (5.01, "efisien"),
        (5.0, "cukup efisien"),
        (0, "cukup efisien"),
        (-5.0, "cukup efisien"),
        (-5.01, "tidak efisien"),
    ],
)
def test_category_thresholds(selisih, label):
    assert efficiency_category([selisih], 5.0).iloc[0] == label


def test_category_unknown():
    assert efficiency_category([None, float("nan")]).isna().all()


SASARAN = pd.DataFrame({"kode": ["S1", "S2", "S3"], "sasaran": ["a", "b", "c"]})
INDICATORS = pd.DataFrame(
    {
        "sasaran_kode": ["S1", "S1", "S2", "S3"],
        "capaian": [100.0, 80.0, 120.0, float("nan")],
        "mencapai_target": pd.array([True, False, True, pd.NA], dtype="boolean"),
    }
)
PROGRAMS = pd.DataFrame(
    {"program_kode": ["P1", "P2"], "pagu": [100.0, 50.0], "realisasi_keuangan": [90.0, 50.0], "sisa": [10.0, 0.0]}
)
LINKS = pd.DataFrame(
    {"sasaran_kode": ["S1", "S2", "S2"], "program_kode": ["P1", "P1", "P2"], "keterangan": ["asumsi", "asumsi", None]}
)


def test_compute_efficiency_by_the_difference_method():
    f = compute_efficiency(INDICATORS, PROGRAMS, LINKS, SASARAN, threshold=5, year=2016, method=DIFFERENCE)
    f = f.set_index("sasaran_kode")
    assert f.loc["S1", "capaian"] == 90.0
    assert f.loc["S1", "serapan"] == 90.0
    assert f.loc["S1", "kategori_efisiensi"] == "cukup efisien"
    assert not f.loc["S1", "semua_target_tercapai"]
    assert f.loc["S1", "program_bersama"]  # P1 also serves S2
    assert f.loc["S1", "keterangan_tautan"] == "asumsi"
    assert f.loc["S2", "serapan"] == pytest.approx(140 / 150 * 100)
    assert f.loc["S2", "kategori_efisiensi"] == "efisien"
    assert f.loc["S2", "program_kode"] == "P1; P2"
    assert f.loc["S2", "semua_target_tercapai"]
    # S3: no defined capaian and no program
    assert math.isnan(f.loc["S3", "capaian"]) and math.isnan(f.loc["S3", "serapan"])
    assert pd.isna(f.loc["S3", "kategori_efisiensi"])
    assert "tidak ada program terkait" in f.loc["S3", "keterangan"]
    assert pd.isna(f.loc["S3", "semua_target_tercapai"])


@pytest.mark.parametrize(
    ("pagu", "realisasi", "capaian", "expected"),
    [
        ([100.0], [90.0], 100.0, 10.0),  # output fully achieved with 90 % of the money
        ([100.0], [90.0], 90.0, 0.0),  # as much money as output
        ([100.0, 50.0], [90.0, 50.0], 80.0, (120 - 140) / 120 * 100),  # Σ over programs
        ([0.0], [0.0], 100.0, math.nan),
        ([100.0], [90.0], 0.0, math.nan),
    ],
)
def test_pmk_efficiency_value(pagu, realisasi, capaian, expected):
    got = efficiency_value(pagu, realisasi, capaian)
    assert (math.isnan(got) and math.isnan(expected)) or got == pytest.approx(expected)


@pytest.mark.parametrize(("e", "ne"), [(0, 50), (10, 75), (20, 100), (35, 100), (-20, 0), (-115.7, 0), (-4, 40)])
def test_pmk_nilai_efisiensi(e, ne):
    assert efficiency_score(e) == pytest.approx(ne)
    assert math.isnan(efficiency_score(math.nan))


def test_compute_efficiency_by_pmk_249_and_apportioned_programs():
    f = compute_efficiency(INDICATORS, PROGRAMS, LINKS, SASARAN, threshold=5, year=2016).set_index("sasaran_kode")
    assert (f["metode_efisiensi"] == PMK).all() and (f["batas_efisiensi"] == 0).all()
    assert f.loc["S1", "efisiensi"] == pytest.approx(0.0)  # capaian 90, serapan 90
    assert f.loc["S1", "kategori_efisiensi"] == "cukup efisien"
    assert f.loc["S2", "efisiensi"] == pytest.approx((180 - 140) / 180 * 100)  # capaian 120
    assert f.loc["S2", "kategori_efisiensi"] == "efisien"
    assert not f["porsi_dipakai"].any()
    shared = LINKS.assign(porsi=[40.0, 60.0, None])  # P1: 40 % for S1, 60 % for S2
    g = compute_efficiency(INDICATORS, PROGRAMS, shared, SASARAN, year=2016).set_index("sasaran_kode")
    assert g.loc["S1", "pagu"] == pytest.approx(40.0) and g.loc["S1", "realisasi_keuangan"] == pytest.approx(36.0)
    assert g.loc["S2", "pagu"] == pytest.approx(60 + 50) and g.loc["S2", "sisa"] == pytest.approx(6.0)
    assert g.loc["S1", "porsi_dipakai"] and g.loc["S2", "porsi_dipakai"]


def test_unknown_method_is_refused():
    with pytest.raises(ValueError, match="metode_efisiensi"):
        compute_efficiency(INDICATORS, PROGRAMS, LINKS, SASARAN, method="lain")


def test_seed_efficiency_by_pmk_249(ds):
    f = analyse(ds, 2016).efisiensi.set_index("sasaran_kode")
    assert f.loc["S1", "efisiensi"] == pytest.approx(1.7578, abs=1e-4)
    assert f.loc["S2", "kategori_efisiensi"] == "tidak efisien"  # capaian 90.84 against serapan 91.17
    assert f.loc["S3", "nilai_efisiensi"] == pytest.approx(63.47, abs=1e-2)
    assert f.loc["S4", "nilai_efisiensi"] == 0  # E = −115.7 %, below the −20 % floor


def test_seed_efficiency_and_threshold_setting(ds, with_settings):
    f = analyse(with_settings(ds, metode_efisiensi=DIFFERENCE), 2016).efisiensi.set_index("sasaran_kode")
    assert list(f.index) == ["S1", "S2", "S3", "S4"]
    assert f.loc["S4", "kategori_efisiensi"] == "tidak efisien"  # capaian 44.55 against serapan 96.11
    assert f.loc["S3", "selisih"] == pytest.approx(5.193, abs=1e-3)
    assert f.loc["S3", "kategori_efisiensi"] == "efisien"
    assert f.loc["S2", "program_bersama"] and f.loc["S3", "program_bersama"]  # program VIII serves both
    assert f["keterangan_tautan"].str.contains("ditetapkan dengan membaca laporan").all()
    wider = analyse(with_settings(ds, metode_efisiensi=DIFFERENCE, efisiensi_batas=10.0), 2016).efisiensi
    wider = wider.set_index("sasaran_kode")
    assert wider.loc["S3", "kategori_efisiensi"] == "cukup efisien"
    assert (wider["batas_efisiensi"] == 10.0).all()


def test_sasaran_without_links(ds, with_tables):
    f = analyse(with_tables(ds, sasaran_program=ds.tables["sasaran_program"].iloc[0:0]), 2016).efisiensi
    assert f["serapan"].isna().all()
    assert f["kategori_efisiensi"].isna().all()
