"""The generator: deterministic by seed, distinct agencies, the over-spent one validates, the broken one does not."""

from __future__ import annotations

import filecmp

import pandas as pd
import pytest

from lkjipkit.dataset import load_dataset
from lkjipkit.errors import DatasetError, LkjipError
from lkjipkit.rekap.generate import generate, write_rpjmd


def test_same_seed_same_files_other_seed_other_files(tmp_path):
    a = generate(tmp_path / "a", 4, seed=3)
    b = generate(tmp_path / "b", 4, seed=3)
    c = generate(tmp_path / "c", 4, seed=4)
    for x, y, z in zip(a, b, c, strict=True):
        same = filecmp.dircmp(x.path, y.path)
        assert not same.diff_files and not same.left_only
        assert filecmp.cmp(x.path / "iku_tahunan.csv", z.path / "iku_tahunan.csv", shallow=False) is False
    maps = [
        write_rpjmd(agencies, tmp_path / f"{n}.csv", seed=s)
        for n, agencies, s in (("a", a, 3), ("b", b, 3), ("c", c, 4))
    ]
    assert filecmp.cmp(maps[0], maps[1], shallow=False) and not filecmp.cmp(maps[0], maps[2], shallow=False)


def test_rpjmd_mapping_validates_and_links_every_indicator(city, city_rpjmd):
    from lkjipkit.rekap.generate import ABSENT_IKU, RPJMD_INDICATORS
    from lkjipkit.rekap.rpjmd import load_mapping

    agencies, _ = city
    mapping = load_mapping(city_rpjmd)
    assert list(mapping.indicators["rpjmd_kode"]) == [code for code, *_ in RPJMD_INDICATORS]
    links = mapping.links
    assert set(links["slug"]) <= {a.slug for a in agencies}
    assert (agencies[-1].slug, "IKU1") in set(zip(links["slug"], links["iku_kode"], strict=True))
    assert (links["iku_kode"] == ABSENT_IKU).sum() == 1
    with pytest.raises(LkjipError, match="at least 4 agencies"):
        write_rpjmd(agencies[:3], city_rpjmd.parent / "small.csv")


def test_city_agencies(city):
    agencies, _ = city
    assert len({a.slug for a in agencies}) == len({a.nama for a in agencies}) == 40
    assert {a.template for a in agencies} == {"balikpapan-disnakersos", "kota-contoh"}
    assert [a.broken for a in agencies].count(True) == 1 and agencies[-1].broken
    assert [a.over_spent for a in agencies].count(True) == 1
    assert any(a.missing_causes for a in agencies)
    for a in agencies[:-1]:
        ds = load_dataset(a.path)
        assert ds.slug == a.slug and 2016 in ds.laporan
    with pytest.raises(DatasetError, match="above the budget"):
        load_dataset(agencies[-1].path)


def test_over_spent_agency_spends_more_than_a_pk_budget(city):
    agencies, _ = city
    a = next(a for a in agencies if a.over_spent)
    keg = pd.read_csv(a.path / "kegiatan.csv", dtype=str)
    ang = pd.read_csv(a.path / "anggaran.csv", dtype={"kode_rekening": str}).query("tahun == 2016")
    spent = ang.merge(keg, on="kode_rekening").groupby("program_kode")["realisasi_keuangan"].sum()
    pk = pd.read_csv(a.path / "program_tahunan.csv", dtype={"program_kode": str}).query("tahun == 2016")
    pk = pk.set_index("program_kode")["anggaran_pk"]
    assert (spent > pk.reindex(spent.index)).any()


def test_refuses_too_many(tmp_path):
    with pytest.raises(LkjipError, match="between 1 and 400"):
        generate(tmp_path, 401)
