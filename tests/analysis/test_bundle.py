"""The year bundle and the seven analyses per sasaran (lkjipkit.analysis.bundle, .sasaran)."""

from __future__ import annotations

import pandas as pd
import pytest

from lkjipkit.analysis import SasaranAnalysis, YearAnalysis, analyse
from lkjipkit.dataset import TABLES
from lkjipkit.errors import YearError


@pytest.fixture(scope="module")
def year(ds) -> YearAnalysis:
    return analyse(ds, 2016)


def test_bundle_holds_every_table(year):
    assert year.year == 2016
    assert year.scale.name == "permendagri-54-2010"  # named by no setting: the regulation in force in 2016
    assert year.cap is None
    tables = year.tables()
    assert set(tables) == {
        "capaian_iku",
        "riwayat_iku",
        "renstra_iku",
        "standar_nasional_iku",
        "spm",
        "spm_ringkasan",
        "anggaran_kegiatan",
        "anggaran_program",
        "anggaran_ringkasan",
        "efisiensi",
        "program_sasaran",
        "ringkasan_iku",
    }
    assert len(tables["anggaran_kegiatan"]) == 69
    assert tables["ringkasan_iku"].iloc[0][
        ["jumlah_iku", "jumlah_tercapai", "kategori_rata_rata", "skala"]
    ].tolist() == [
        6,
        2,
        "Tinggi",
        "permendagri-54-2010",
    ]
    assert len(tables["anggaran_program"]) == 16
    assert len(tables["anggaran_ringkasan"]) == 1


def test_year_must_have_indicator_and_budget_data(ds, with_tables):
    with pytest.raises(YearError, match=r"iku_tahunan\.csv \(years there: 2015, 2016\)"):
        analyse(ds, 2017)
    # 2015 has indicators but no budget rows
    with pytest.raises(YearError, match=r"no data for year 2015 in anggaran\.csv \(years there: 2016\)"):
        analyse(ds, 2015)


def test_seven_analyses_per_sasaran(year):
    assert [s.kode for s in year.sasaran] == ["S1", "S2", "S3", "S4"]
    s1 = year.sasaran[0]
    assert isinstance(s1, SasaranAnalysis)
    assert s1.tujuan == "Meningkatkan kualitas tenaga kerja"
    assert s1.targets["kode"].tolist() == ["IKU1", "IKU2"]  # 1
    assert "perubahan" in s1.previous_year and len(s1.history) == 4  # 2
    assert s1.renstra["target_renstra"].tolist() == [70, 25]  # 3
    assert s1.national_standard["spm_kode"].tolist() == ["SPM-NAKER-4"]  # 4
    assert s1.causes["penyebab"].notna().tolist() == [True, False]  # 5
    assert s1.efficiency["kategori_efisiensi"] == "efisien"  # 6 (PMK 249/PMK.02/2011: E = 1,76 %)
    assert s1.programs["program_kode"].tolist() == ["1.14.1.14.01.15", "1.14.1.14.01.16", "1.14.1.14.01.18"]  # 7
    assert set(s1.activities["program_kode"]) == set(s1.programs["program_kode"])
    assert len(s1.activities) == 13
    assert "ditetapkan dengan membaca laporan" in s1.link_assumed


def test_sasaran_slices_are_the_bundle_figures(year):
    for s in year.sasaran:
        rows = year.capaian_iku[year.capaian_iku["sasaran_kode"] == s.kode]
        assert s.targets["capaian"].tolist() == rows["capaian"].tolist()


def test_program_sasaran_marks_shared_programs(year):
    f = year.program_sasaran
    viii = f[f["program_kode"] == "1.14.1.14.01.17"]
    assert viii["sasaran_kode"].tolist() == ["S2", "S3"]
    assert viii["program_bersama"].all()
    assert not f[f["program_kode"] == "1.14.1.14.01.15"]["program_bersama"].any()


def test_printed_figures_are_never_used(ds, with_tables, year):
    """Every ``*_tercetak`` column can be changed without changing any computed figure."""
    changed = {}
    for table in TABLES:
        printed = [c.name for c in table.columns if c.as_printed]
        if printed:
            frame = ds.tables[table.name].copy()
            for col in printed:
                frame[col] = pd.Series(123456789.0, index=frame.index, dtype=frame[col].dtype)
            changed[table.name] = frame
    assert changed  # the dataset format has printed columns to tamper with
    other = analyse(with_tables(ds, **changed), 2016)
    for name, frame in year.tables().items():
        pd.testing.assert_frame_equal(frame, other.tables()[name], obj=name)
