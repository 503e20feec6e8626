"""The embedded dataset holds the seed report's tables completely: its printed totals come out of the data."""

from __future__ import annotations

import pytest

# Figures as printed in the LKjIP 2016 of Disnakersos Kota Balikpapan (Tabel 2.2 and 3.2).
PROGRAM_SUBTOTALS = {
    # program kode: (APBD murni, APBD-P)
    "1.14.1.14.01.01": (1_468_103_000, 1_090_093_400),
    "1.14.1.14.01.02": (1_184_650_000, 336_750_000),
    "1.14.1.14.01.03": (30_500_000, 30_500_000),
    "1.14.1.14.01.05": (175_000_000, 0),
    "1.14.1.14.01.08": (425_648_000, 117_291_500),
    "1.14.1.14.01.15": (3_125_575_000, 1_035_217_500),
    "1.14.1.14.01.16": (936_605_500, 371_390_500),
    "1.14.1.14.01.17": (2_204_976_040, 1_100_993_450),
    "1.14.1.14.01.18": (454_368_750, 415_260_000),
    "1.06.1.14.01.21": (20_000_000, 16_259_000),
    "1.13.1.14.01.16": (3_386_815_846, 1_215_480_800),
    "1.13.1.14.01.19": (480_405_850, 137_185_850),
    "1.13.1.14.01.21": (432_436_750, 271_290_750),
    "1.13.1.14.01.22": (2_214_695_450, 1_335_617_550),
    "1.19.1.14.01.17": (370_465_000, 102_827_400),
    "1.19.1.14.01.26": (25_000_000, 1_275_000),
}


def test_counts(seed):
    assert len(seed.kegiatan) == 69
    assert len(seed.program) == 16
    assert len(seed.iku) == 6
    assert len(seed.sasaran) == 4
    assert len(seed.tujuan) == 4


def test_budget_totals(seed):
    a = seed.anggaran[seed.anggaran["tahun"] == 2016]
    assert len(a) == 69
    assert a["pagu_murni"].sum() == 16_935_245_186
    assert a["pagu_perubahan"].sum() == 7_577_432_700
    assert a["realisasi_keuangan"].sum() == 7_016_295_114


@pytest.mark.parametrize("program, printed", PROGRAM_SUBTOTALS.items())
def test_program_subtotals(seed, program, printed):
    a = seed.anggaran.merge(seed.kegiatan, on="kode_rekening")
    rows = a[(a["program_kode"] == program) & (a["tahun"] == 2016)]
    assert (rows["pagu_murni"].sum(), rows["pagu_perubahan"].sum()) == printed


def test_perjanjian_kinerja_budgets_equal_apbd_p_subtotals(seed):
    pk = seed.program_tahunan.set_index("program_kode")["anggaran_pk"]
    for program, (_, perubahan) in PROGRAM_SUBTOTALS.items():
        assert pk[program] == perubahan


def test_spm_series(seed):
    s = seed.spm_realisasi.merge(seed.spm_indikator, left_on="spm_kode", right_on="kode")
    naker = s[s["jenis"] == "ketenagakerjaan"]
    assert naker["spm_kode"].nunique() == 8
    assert sorted(naker["tahun"].unique()) == [2012, 2013, 2014, 2015, 2016]
    assert len(naker) == 40
    assert naker["realisasi"].notna().all()


def test_pmks_counts(seed):
    sosial = set(seed.spm_indikator.loc[seed.spm_indikator["jenis"] == "sosial", "kode"])
    pmks = seed.spm_realisasi[seed.spm_realisasi["spm_kode"].isin(sosial)].sort_values("tahun")
    assert list(pmks["tahun"]) == [2012, 2013, 2014, 2015, 2016]
    assert list(pmks["penyebut"]) == [10_842, 10_912, 12_165, 15_368, 19_987]
    assert list(pmks["pembilang"]) == [825, 754, 825, 2_580, 1_781]


def test_iku_targets_and_realisations(seed):
    t = seed.iku_tahunan.set_index(["iku_kode", "tahun"])
    printed = {
        "IKU1": (70, 70, 65.76, 51.47),
        "IKU2": (25, 25, 22.05, 30.75),
        "IKU3": (100, 100, 100, 100),
        "IKU4": (25, 25, 23.85, 20.42),
        "IKU5": (50, 50, 38.02, 48.18),
        "IKU6": (20, 20, 16.79, 8.91),
    }
    for kode, (t15, t16, r15, r16) in printed.items():
        assert (t.loc[(kode, 2015), "target"], t.loc[(kode, 2016), "target"]) == (t15, t16)
        assert (t.loc[(kode, 2015), "realisasi"], t.loc[(kode, 2016), "realisasi"]) == (r15, r16)


def test_profile(seed):
    p = seed.profil
    assert p.instansi.nama_lengkap == "Dinas Tenaga Kerja dan Sosial Kota Balikpapan"
    assert (p.renstra.tahun_awal, p.renstra.tahun_akhir) == (2011, 2016)
    assert len(p.misi) == 2
    assert len(p.aspek_strategis) == 4
    assert len(p.isu_strategis) == 4
    r = seed.report(2016)
    assert r.evaluasi_sakip.nilai == 50.32
    assert r.evaluasi_sakip.kategori == "CC"
    assert len(r.evaluasi_sakip.rekomendasi) == 4
    assert len(r.pedoman_penyusunan) == 4
    assert len(r.tim_penyusun) == 17
