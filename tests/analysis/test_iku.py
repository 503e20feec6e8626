"""Indicator analyses of a year (lkjipkit.analysis.iku)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from lkjipkit.analysis.iku import (
    REASON_NOT_COMPARABLE,
    indicator_achievement,
    indicator_explanations,
    indicator_history,
    national_standard_comparison,
    renstra_progress,
)
from lkjipkit.errors import DatasetError, YearError


def by_code(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_index("kode")


def test_one_row_per_iku_in_report_order(ds):
    f = indicator_achievement(ds, 2016)
    assert f["kode"].tolist() == ["IKU1", "IKU2", "IKU3", "IKU4", "IKU5", "IKU6"]
    assert (f["tahun"] == 2016).all()


def test_capaian_and_category(ds):
    f = by_code(indicator_achievement(ds, 2016))
    assert f.loc["IKU1", "capaian"] == pytest.approx(51.47 / 70 * 100)
    assert f.loc["IKU1", "kategori"] == "Sedang"  # Permendagri 54/2010, the regulation in force for 2016
    assert f.loc["IKU2", "kategori"] == "Sangat Tinggi"
    assert f.loc["IKU6", "kategori"] == "Sangat Rendah"
    assert f["rumus_capaian"].eq("realisasi_per_target").all()


def test_a_named_regional_scale_is_used_only_when_named(ds, with_settings):
    f = by_code(indicator_achievement(with_settings(ds, skala_kategori="sampang-2019"), 2016))
    assert f.loc["IKU1", "kategori"] == "Cukup"
    assert f.loc["IKU2", "kategori"] == "Sangat Baik"


def test_top_band_with_a_missed_target_is_flagged(ds, with_tables):
    t = ds.tables["iku_tahunan"].copy()
    row = (t["iku_kode"] == "IKU1") & (t["tahun"] == 2016)
    t.loc[row, "realisasi"] = 68.6  # capaian 98 %: top band, target 70 % missed
    f = by_code(indicator_achievement(with_tables(ds, iku_tahunan=t), 2016))
    assert f.loc["IKU1", "kategori"] == "Sangat Tinggi"
    assert f.loc["IKU1", "teratas_belum_tercapai"]
    assert not f.loc["IKU2", "teratas_belum_tercapai"]  # top band, target met
    assert not f.loc["IKU6", "teratas_belum_tercapai"]


def test_change_from_last_year(ds):
    f = by_code(indicator_achievement(ds, 2016))
    assert f.loc["IKU2", "realisasi_tahun_lalu"] == 22.05
    assert f.loc["IKU2", "perubahan"] == pytest.approx(8.70)
    assert f.loc["IKU2", "perubahan_capaian"] == pytest.approx(123.0 - 88.2)
    assert f.loc["IKU3", "arah_perubahan"] == "tetap"


def test_first_year_has_no_previous(ds):
    f = indicator_achievement(ds, 2015)
    assert f["realisasi_tahun_lalu"].isna().all()
    assert f["perubahan"].isna().all()
    assert f["arah_perubahan"].isna().all()


@pytest.mark.parametrize("year", [2014, 2099, "2016x", 2016.5])
def test_year_without_data_is_a_year_error(ds, year):
    with pytest.raises(YearError, match=r"2015, 2016|not a year"):
        indicator_achievement(ds, year)


def test_year_as_text_is_accepted(ds):
    assert len(indicator_achievement(ds, "2016")) == 6


def test_target_zero_is_undefined_with_reason(ds, with_tables):
    rows = ds.tables["iku_tahunan"].copy()
    rows.loc[(rows["iku_kode"] == "IKU1") & (rows["tahun"] == 2016), "target"] = 0
    rows.loc[(rows["iku_kode"] == "IKU2") & (rows["tahun"] == 2016), "target"] = pd.NA
    f = by_code(indicator_achievement(with_tables(ds, iku_tahunan=rows), 2016))
    for kode in ("IKU1", "IKU2"):
        assert math.isnan(f.loc[kode, "capaian"])
        assert f.loc[kode, "keterangan"] == "target 0 atau kosong"
        assert pd.isna(f.loc[kode, "kategori"])


def test_negative_polarity_and_formula_choice(ds, with_tables):
    iku = ds.tables["iku"].copy()
    iku.loc[iku["kode"] == "IKU6", "polaritas"] = "negatif"
    iku.loc[iku["kode"] == "IKU5", "polaritas"] = "negatif"
    iku.loc[iku["kode"] == "IKU5", "rumus_capaian"] = "target_per_realisasi"
    f = by_code(indicator_achievement(with_tables(ds, iku=iku), 2016))
    assert f.loc["IKU6", "capaian"] == pytest.approx((2 * 20 - 8.91) / 20 * 100)
    assert f.loc["IKU6", "rumus_capaian"] == "dua_target_kurang_realisasi"
    assert f.loc["IKU6", "mencapai_target"]  # 8.91 <= 20
    assert f.loc["IKU6", "membaik"]  # down from 16.79 is better when lower is better
    assert f.loc["IKU5", "capaian"] == pytest.approx(50 / 48.18 * 100)


def test_cap_from_settings_and_override(ds, with_settings):
    capped = by_code(indicator_achievement(with_settings(ds, batas_capaian=100.0), 2016))
    assert capped.loc["IKU2", "capaian"] == 100.0
    assert capped.loc["IKU2", "capaian_tanpa_batas"] == pytest.approx(123.0)
    assert capped.loc["IKU2", "keterangan"] == "dibatasi pada 100"
    assert by_code(indicator_achievement(ds, 2016, cap=110))["capaian"]["IKU2"] == 110.0
    assert by_code(indicator_achievement(with_settings(ds, batas_capaian=100.0), 2016, cap=None))["capaian"][
        "IKU2"
    ] == pytest.approx(123.0)


def test_scale_from_settings(ds, with_settings):
    own = [{"batas_bawah": 100, "kategori": "Tercapai"}, {"batas_bawah": 0, "kategori": "Belum"}]
    from lkjipkit.dataset.profile import Pita

    f = by_code(indicator_achievement(with_settings(ds, skala_kategori=[Pita(**b) for b in own]), 2016))
    assert f.loc["IKU2", "kategori"] == "Tercapai" and f.loc["IKU1", "kategori"] == "Belum"
    f = by_code(indicator_achievement(with_settings(ds, skala_kategori="lampu-lalu-lintas"), 2016))
    assert f.loc["IKU1", "kategori"] == "Kuning"


def test_unknown_scale_points_at_profil_yaml(ds, with_settings):
    with pytest.raises(DatasetError) as err:
        indicator_achievement(with_settings(ds, skala_kategori="tidak-ada"), 2016)
    problem = err.value.problems[0]
    assert problem.file == "profil.yaml" and problem.column == "pengaturan.skala_kategori"
    assert "sampang-2019" in problem.message


def test_history(ds):
    f = indicator_history(ds, 2016)
    assert len(f) == 12
    assert f[["kode", "tahun"]].drop_duplicates().shape[0] == 12
    iku2 = f[f["kode"] == "IKU2"].set_index("tahun")
    assert math.isnan(iku2.loc[2015, "perubahan"])
    assert iku2.loc[2016, "perubahan"] == pytest.approx(8.7)
    assert indicator_history(ds, 2015)["tahun"].max() == 2015


def test_renstra_progress(ds):
    f = by_code(renstra_progress(ds, 2016))
    assert f.loc["IKU1", "target_renstra"] == 70
    assert f.loc["IKU1", "selisih_renstra"] == pytest.approx(51.47 - 70)
    assert f.loc["IKU2", "mencapai_target_renstra"]
    assert (f["tahun_akhir_renstra"] == 2016).all() and (f["sisa_tahun_renstra"] == 0).all()


def test_national_standard_is_context_unless_comparable(ds):
    f = by_code(national_standard_comparison(ds, 2016))
    assert list(f.index) == ["IKU2", "IKU3", "IKU4", "IKU5", "IKU6"]  # IKU1 has no standard
    assert f.loc["IKU2", "target_nasional"] == 45
    # IKU2 divides by vacancies, SPM-NAKER-4 by job seekers: not marked comparable, so no verdict
    assert not f["sebanding"].any()
    assert pd.isna(f.loc["IKU2", "selisih_target_nasional"])
    assert pd.isna(f.loc["IKU2", "memenuhi_target_nasional"])
    assert f.loc["IKU2", "realisasi_spm"] == 12.12  # the SPM figure is still shown, as context
    assert f.loc["IKU2", "keterangan"] == REASON_NOT_COMPARABLE


def test_national_standard_judged_when_comparable(ds, with_tables):
    iku = ds.tables["iku"].copy()
    iku["spm_sebanding"] = pd.Series(["ya" if k in ("IKU2", "IKU6") else None for k in iku["kode"]], dtype="string")
    f = by_code(national_standard_comparison(with_tables(ds, iku=iku), 2016))
    assert f.loc["IKU2", "sebanding"]
    assert f.loc["IKU2", "selisih_target_nasional"] == pytest.approx(30.75 - 45)
    assert not f.loc["IKU2", "memenuhi_target_nasional"]
    assert f.loc["IKU6", "keterangan"] == "target nasional tidak tersedia dalam data"
    assert pd.isna(f.loc["IKU6", "memenuhi_target_nasional"])
    assert not f.loc["IKU3", "sebanding"]


def test_explanations(ds):
    f = by_code(indicator_explanations(ds, 2016))
    assert f.loc["IKU1", "penyebab"].startswith("Hal tersebut disebabkan")
    assert pd.isna(f.loc["IKU2", "penyebab"])
    assert f["solusi"].isna().all()
