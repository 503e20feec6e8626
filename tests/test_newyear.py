"""`lkjip new-year`: the next year's empty rows, earlier years untouched, validation lists what is empty."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from lkjipkit.cli import main
from lkjipkit.dataset import load_dataset


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_new_year_after_the_renstra_period_needs_a_new_period(seed_copy: Path):
    before = _snapshot(seed_copy)
    result = CliRunner().invoke(main, ["new-year", str(seed_copy), "--year", "2017"])
    assert result.exit_code == 1
    assert "after the Renstra period 2011-2016" in result.stderr
    assert "--renstra" in result.stderr
    assert _snapshot(seed_copy) == before


def test_new_year_appends_only_and_validates_with_still_empty_messages(seed_copy: Path, seed):
    before = _snapshot(seed_copy)
    result = CliRunner().invoke(main, ["new-year", str(seed_copy), "--year", "2017", "--renstra", "2016-2021"])
    assert result.exit_code == 0, result.output
    after = _snapshot(seed_copy)
    for name in ("iku_tahunan.csv", "anggaran.csv", "spm_realisasi.csv", "program_tahunan.csv", "laporan.yaml"):
        assert after[name].startswith(before[name]), f"{name}: earlier content changed"
        assert len(after[name]) > len(before[name])
    for name in ("kegiatan.csv", "iku.csv", "program.csv", "analisis_iku.csv"):
        assert after[name] == before[name]

    ds = load_dataset(seed_copy)
    assert ds.years == [2016, 2017]
    assert (ds.profil.renstra.tahun_awal, ds.profil.renstra.tahun_akhir) == (2016, 2021)
    assert [(p.tahun_awal, p.tahun_akhir) for p in ds.profil.renstra_sebelumnya] == [(2011, 2016)]
    t17 = ds.iku_tahunan[ds.iku_tahunan["tahun"] == 2017].set_index("iku_kode")
    assert len(t17) == 6
    assert t17.loc["IKU1", "target"] == 70  # carried from the 2016 Perjanjian Kinerja
    assert t17["realisasi"].isna().all()
    # earlier years are exactly as before
    import pandas as pd

    old = ds.anggaran[ds.anggaran["tahun"] == 2016].reset_index(drop=True)
    pd.testing.assert_frame_equal(old, seed.anggaran.reset_index(drop=True))

    result = CliRunner().invoke(main, ["validate", str(seed_copy)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert f"{seed_copy}/iku_tahunan.csv:14:realisasi: still empty for 2017" in out
    assert f"{seed_copy}/anggaran.csv:71:realisasi_keuangan: still empty for 2017" in out
    assert "laporan[2017].kata_pengantar: still empty" in out
    assert "still empty for the report year(s) (not errors)" in out


def test_new_year_refuses_a_year_already_there(seed_copy: Path):
    result = CliRunner().invoke(main, ["new-year", str(seed_copy), "--year", "2016"])
    assert result.exit_code == 1
    assert "already in laporan.yaml" in result.stderr
