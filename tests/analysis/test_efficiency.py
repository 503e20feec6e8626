"""Efficiency per sasaran (lkjipkit.analysis.efficiency)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from lkjipkit.analysis import analyse
from lkjipkit.analysis.efficiency import compute_efficiency, efficiency_category


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


def test_compute_efficiency():
    f = compute_efficiency(INDICATORS, PROGRAMS, LINKS, SASARAN, threshold=5, year=2016).set_index("sasaran_kode")
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


def test_seed_efficiency_and_threshold_setting(ds, with_settings):
    f = analyse(ds, 2016).efisiensi.set_index("sasaran_kode")
    assert list(f.index) == ["S1", "S2", "S3", "S4"]
    assert f.loc["S4", "kategori_efisiensi"] == "tidak efisien"  # capaian 44.55 against serapan 96.11
    assert f.loc["S3", "selisih"] == pytest.approx(5.193, abs=1e-3)
    assert f.loc["S3", "kategori_efisiensi"] == "efisien"
    assert f.loc["S2", "program_bersama"] and f.loc["S3", "program_bersama"]  # program VIII serves both
    assert f["keterangan_tautan"].str.contains("ditetapkan dengan membaca laporan").all()
    wider = analyse(with_settings(ds, efisiensi_batas=10.0), 2016).efisiensi.set_index("sasaran_kode")
    assert wider.loc["S3", "kategori_efisiensi"] == "cukup efisien"
    assert (wider["batas_efisiensi"] == 10.0).all()


def test_sasaran_without_links(ds, with_tables):
    f = analyse(with_tables(ds, sasaran_program=ds.tables["sasaran_program"].iloc[0:0]), 2016).efisiensi
    assert f["serapan"].isna().all()
    assert f["kategori_efisiensi"].isna().all()
