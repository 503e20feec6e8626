"""The recap of a generated city of 40 agencies, against aggregates computed here from the datasets with pandas."""

from __future__ import annotations

import math
import shutil

import pandas as pd
import pytest
import yaml
from conftest import FINAL, YEAR, expected_capaian

from lkjipkit.errors import LkjipError
from lkjipkit.rekap.core import build_rekap
from lkjipkit.rekap.facts import TOP_CUTS, recap
from lkjipkit.rekap.read import read_batch


def _expected(agency) -> dict:
    """One agency's figures straight from its dataset files (not from the tables nor the recap)."""
    p = agency.path
    year = expected_capaian(p)
    known, met = year["known"], year["met"]
    ang = pd.read_csv(p / "anggaran.csv").query("tahun == @YEAR")
    pagu = ang["pagu_perubahan"].fillna(ang["pagu_murni"])
    expl = pd.read_csv(p / "analisis_iku.csv").query("tahun == @YEAR").set_index("iku_kode")["penyebab"]
    missed = year.loc[known & ~met, "kode"]
    no_cause = sorted(k for k in missed if pd.isna(expl.get(k)) or not str(expl.get(k)).strip())
    capaian = year["capaian"]
    return {
        "jumlah_iku": len(pd.read_csv(p / "iku.csv")),
        "tercapai": int(met.sum()),
        "tidak_tercapai": int((known & ~met).sum()),
        "tidak_terukur": int((~known).sum()),
        "rata_rata_capaian": capaian.mean(),
        "pagu_murni": ang["pagu_murni"].sum(),
        "pagu": pagu.sum(),
        "realisasi_keuangan": ang["realisasi_keuangan"].sum(),
        "serapan": ang["realisasi_keuangan"].sum() / pagu.sum() * 100,
        "no_cause": no_cause,
    }


@pytest.fixture(scope="module")
def city_recap(city):
    agencies, root = city
    return agencies, recap(read_batch(root, YEAR, [a.path for a in agencies]))


def test_every_valid_agency_is_in_the_recap_with_its_own_figures(city_recap):
    agencies, r = city_recap
    table = r.tables["instansi"].set_index("slug")
    assert sorted(table.index) == sorted(a.slug for a in agencies if not a.broken)
    for a in agencies[:-1]:
        got, want = table.loc[a.slug], _expected(a)
        for key in ("jumlah_iku", "tercapai", "tidak_tercapai", "tidak_terukur"):
            assert got[key] == want[key], (a.slug, key)
        for key in ("rata_rata_capaian", "pagu_murni", "pagu", "realisasi_keuangan", "serapan"):
            assert math.isclose(got[key], want[key], rel_tol=1e-9), (a.slug, key, got[key], want[key])
        assert got["laporan_final"] == ("ya" if agencies.index(a) in FINAL else "tidak")


def test_ranked_by_mean_capaian(city_recap):
    _, r = city_recap
    t = r.tables["instansi"]
    assert list(t["peringkat"]) == list(range(1, len(t) + 1))
    assert t["rata_rata_capaian"].is_monotonic_decreasing


def test_category_of_the_mean_on_one_scale(city_recap):
    _, r = city_recap
    # the generated city reports 2016: by default the scale of Permendagri 54/2010, in force that year
    bands = [(91, "Sangat Tinggi"), (76, "Tinggi"), (66, "Sedang"), (51, "Rendah"), (-math.inf, "Sangat Rendah")]
    for mean, kategori in r.tables["instansi"][["rata_rata_capaian", "kategori"]].itertuples(index=False):
        assert kategori == next(label for low, label in bands if mean >= low)


def test_iku_below_target_without_cause(city_recap):
    agencies, r = city_recap
    listed = r.tables["tanpa_penyebab"].groupby("slug")["kode"].apply(sorted).to_dict()
    want = {a.slug: _expected(a)["no_cause"] for a in agencies[:-1]}
    assert listed == {slug: codes for slug, codes in want.items() if codes}
    assert any(a.missing_causes and want[a.slug] for a in agencies[:-1])


def test_over_spent_agency_listed(city_recap):
    agencies, r = city_recap
    over = r.tables["melebihi_anggaran"]
    assert set(over["slug"]) == {a.slug for a in agencies if a.over_spent}
    assert set(over["anggaran"]) == {"anggaran PK"}
    assert (over["selisih"] > 0).all()


def test_largest_cuts_across_agencies(city_recap):
    agencies, r = city_recap
    rows = []
    for a in agencies[:-1]:
        keg = pd.read_csv(a.path / "kegiatan.csv", dtype=str)[["kode_rekening", "program_kode"]]
        ang = pd.read_csv(a.path / "anggaran.csv", dtype={"kode_rekening": str}).query("tahun == @YEAR")
        ang = ang.merge(keg, on="kode_rekening")
        ang["pagu"] = ang["pagu_perubahan"].fillna(ang["pagu_murni"])
        cut = ang.groupby("program_kode")[["pagu_murni", "pagu"]].sum()
        rows += [(a.slug, code, m - p) for code, m, p in cut.itertuples() if m - p > 0]
    want = sorted(rows, key=lambda x: -x[2])[:TOP_CUTS]
    got = r.tables["pemotongan"]
    assert len(got) == TOP_CUTS
    assert [(s, round(c)) for s, _, c in want] == [
        (s, round(c)) for s, c in got[["slug", "pemotongan"]].itertuples(index=False)
    ]


def test_broken_agency_named_and_skipped(city_recap):
    agencies, r = city_recap
    missing = r.tables["tidak_lengkap"]
    assert list(missing["instansi"]) == [agencies[-1].slug]
    assert missing["keadaan"].iloc[0] == "tidak ada"
    assert "does not validate" in missing["alasan"].iloc[0] and "above the budget" in missing["alasan"].iloc[0]


def test_partial_batch(city_copy):
    agencies, root = city_copy
    gone, failed, unreadable = agencies[0].slug, agencies[1].slug, agencies[2].slug
    shutil.rmtree(root / gone)
    (root / failed / str(YEAR)).rename(root / failed / f"{YEAR}.failed")
    (root / unreadable / str(YEAR) / "tabel" / "capaian_iku.csv").unlink()
    batch = read_batch(root, YEAR, [a.path for a in agencies])
    states = {m.name: (m.state, m.reason) for m in batch.missing}
    assert states[gone] == ("tidak ada", "no report folder (not built yet?)")
    assert states[failed][0] == "gagal" and f"{YEAR}.failed" in states[failed][1]
    assert states[unreadable][0] == "gagal" and "capaian_iku.csv is missing" in states[unreadable][1]
    assert len(batch.reports) == 40 - 4
    # without the dataset list, the agency with no folder at all is simply not known
    assert gone not in {m.name for m in read_batch(root, YEAR).missing}


def test_rebuild_that_failed_keeps_the_report_before_it(city_copy):
    agencies, root = city_copy
    slug = agencies[4].slug
    shutil.copytree(root / slug / str(YEAR), root / slug / f"{YEAR}.failed")
    rep = next(r for r in read_batch(root, YEAR).reports if r.slug == slug)
    assert "last rebuild failed" in rep.note


def test_output_is_replaced_atomically_and_never_over_a_foreign_folder(city, tmp_path):
    _, root = city
    out = tmp_path / "rekap"
    first = build_rekap(root, YEAR, out, "xlsx")
    assert sorted(p.name for p in out.iterdir()) == ["provenance.json", "rekap.xlsx"]
    build_rekap(root, YEAR, out, "html")
    assert sorted(p.name for p in out.iterdir()) == ["provenance.json", "rekap.html"]
    assert not list(tmp_path.glob(".rekap.building-*"))
    assert first.lines()[0].startswith(f"rekap {YEAR}: 39 agencies")
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep")
    with pytest.raises(LkjipError, match="not a report built by lkjip"):
        build_rekap(root, YEAR, foreign, "html")
    assert (foreign / "notes.txt").read_text() == "keep"


def test_no_report_of_the_year(city):
    _, root = city
    with pytest.raises(LkjipError, match="no agency has a readable report of 2015"):
        build_rekap(root, 2015, formats="html")


def test_every_report_of_the_city_categorises_on_the_recaps_scale(city_recap):
    _, r = city_recap
    assert set(r.tables["instansi"]["skala_laporan"]) == {"sama"}


def test_an_agency_whose_report_uses_another_scale_is_named(city, city_copy, tmp_path):
    """Its build wrote each IKU's category on its own scale (lampu lalu lintas): the recap says so, never silently."""
    from lkjipkit.rekap.generate import write_build_tables

    agencies, root = city_copy
    a = agencies[3]
    own = tmp_path / "own" / a.slug
    shutil.copytree(a.path, own)
    profil = yaml.safe_load((own / "profil.yaml").read_text(encoding="utf-8"))
    profil.setdefault("pengaturan", {})["skala_kategori"] = "lampu-lalu-lintas"
    (own / "profil.yaml").write_text(yaml.safe_dump(profil, allow_unicode=True, sort_keys=False), encoding="utf-8")
    shutil.rmtree(root / a.slug)
    write_build_tables(own, root, YEAR)
    written = pd.read_csv(root / a.slug / str(YEAR) / "tabel" / "capaian_iku.csv")["kategori"].dropna()
    assert set(written) <= {"Hijau", "Kuning", "Merah"} and len(written)
    result = build_rekap(root, YEAR, tmp_path / "out", "html")
    agencies_table = result.recap.tables["instansi"].set_index("slug")
    table = agencies_table["skala_laporan"]
    assert table[a.slug] == "lain" and (table.drop(a.slug) == "sama").all()
    # the agency's own category of its mean, as its report states it (ringkasan_iku.csv), beside the recap's
    summary = pd.read_csv(root / a.slug / str(YEAR) / "tabel" / "ringkasan_iku.csv").iloc[0]
    assert summary["skala"] == "lampu-lalu-lintas" and summary["kategori_rata_rata"] in {"Hijau", "Kuning", "Merah"}
    assert agencies_table.loc[a.slug, "kategori_laporan"] == summary["kategori_rata_rata"]
    assert agencies_table.loc[a.slug, "kategori"] not in {"Hijau", "Kuning", "Merah"}
    others = agencies_table.drop(a.slug)
    assert (others["kategori_laporan"].fillna("") == others["kategori"].fillna("")).all()
    assert any(line.startswith(f"skala     {a.slug}: its report categorises") for line in result.lines())
    html = (tmp_path / "out" / "rekap.html").read_text(encoding="utf-8")
    assert "1 instansi mengategorikan capaiannya dalam laporannya sendiri dengan skala lain" in html
