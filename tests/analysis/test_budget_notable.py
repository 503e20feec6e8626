"""The kegiatan that matter per program (for a report of too many kegiatan to list) and the threshold."""

from __future__ import annotations

import pandas as pd
import pytest

from lkjipkit.analysis import analyse
from lkjipkit.analysis.budget import (
    NOTABLE_PER_PROGRAM,
    REASON_BEHIND,
    REASON_CANCELLED,
    REASON_OVERSPENT,
    notable_activities,
)
from lkjipkit.dataset import load_dataset
from lkjipkit.errors import DatasetError


@pytest.fixture(scope="module")
def seed(ds):
    return analyse(ds, 2016)


def test_at_most_three_per_program_the_cut_before_those_behind(seed):
    n = notable_activities(seed.anggaran_kegiatan)
    assert n.groupby("program_kode").size().max() == NOTABLE_PER_PROGRAM
    # programs keep the report's order
    order = list(pd.unique(seed.anggaran_kegiatan["program_kode"]))
    assert list(pd.unique(n["program_kode"])) == [p for p in order if p in set(n["program_kode"])]
    first = n[n["program_kode"] == "1.14.1.14.01.01"]
    assert list(first["alasan"]) == [REASON_CANCELLED, REASON_BEHIND, REASON_BEHIND]
    assert list(first["kode_rekening"]) == ["1.14.1.14.01.01.012", "1.14.1.14.01.01.011", "1.14.1.14.01.01.017"]
    behind = n[n["alasan"] == REASON_BEHIND]
    assert (behind["realisasi_fisik"] < 100).all() and (behind["pagu"] > 0).all()
    # within a program, the furthest behind first
    for _, g in behind.groupby("program_kode"):
        assert list(g["realisasi_fisik"]) == sorted(g["realisasi_fisik"])


def test_overspending_comes_first():
    acts = pd.DataFrame(
        {
            "kode_rekening": ["a", "b", "c", "d", "e"],
            "program_kode": ["P"] * 4 + ["Q"],
            "pagu_murni": [100.0, 100.0, 100.0, 100.0, 100.0],
            "pagu": [100.0, 0.0, 100.0, 100.0, 100.0],
            "realisasi_fisik": [50.0, 0.0, 100.0, 90.0, 100.0],
            "sisa": [10.0, 0.0, -5.0, 0.0, 0.0],
            "dipotong": [False, True, False, False, False],
        }
    )
    n = notable_activities(acts, per_program=2)
    assert list(n["kode_rekening"]) == ["c", "b"]  # overspent, cut; "a" and "d" (behind) fall off; Q: nothing
    assert list(n["alasan"]) == [REASON_OVERSPENT, REASON_CANCELLED]


def test_the_threshold_is_a_dataset_setting(ds, with_settings, seed):
    assert seed.tabel_kegiatan_lengkap  # 69 kegiatan, the default is 150
    assert ds.profil.pengaturan.batas_tabel_kegiatan == 150
    assert not analyse(with_settings(ds, batas_tabel_kegiatan=68), 2016).tabel_kegiatan_lengkap
    assert analyse(with_settings(ds, batas_tabel_kegiatan=69), 2016).tabel_kegiatan_lengkap


def test_the_threshold_is_validated(tmp_path):
    import shutil

    from lkjipkit.config import default_dataset

    copy = tmp_path / "d"
    shutil.copytree(default_dataset(), copy)
    profil = copy / "profil.yaml"
    profil.write_text(profil.read_text(encoding="utf-8") + "pengaturan:\n  batas_tabel_kegiatan: 0\n", "utf-8")
    with pytest.raises(DatasetError, match="batas_tabel_kegiatan"):
        load_dataset(copy)
