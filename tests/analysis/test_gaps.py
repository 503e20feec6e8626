"""The gaps of a report year (lkjipkit.analysis.gaps): what is missing, for which item, where to fill it."""

from __future__ import annotations

import pytest

from lkjipkit.analysis import analyse
from lkjipkit.analysis.gaps import IncompleteReportError
from lkjipkit.dataset import load_dataset


@pytest.fixture(scope="module")
def gaps(seed):
    return analyse(seed, 2016).gaps


def test_every_iku_that_missed_its_target_needs_a_cause_and_a_solution(seed, gaps):
    missed = analyse(seed, 2016).ringkasan_iku.belum
    assert set(missed) == {"IKU1", "IKU4", "IKU5", "IKU6"}
    explained = seed.tables["analisis_iku"].set_index("iku_kode")
    for code in missed:
        for column in ("penyebab", "solusi"):
            found = [g for g in gaps if g.kunci == code and g.jenis == column]
            if explained.loc[code, column] is None or str(explained.loc[code, column]) in ("", "<NA>", "nan"):
                assert len(found) == 1, (code, column)
                g = found[0]
                assert (g.file, g.column, g.wajib) == ("analisis_iku.csv", column, True)
                assert g.row == int(explained.loc[code, "_row"])
            else:
                assert found == [], (code, column)
    solusi = [g for g in gaps if g.jenis == "solusi"]
    assert [g.kunci for g in solusi] == ["IKU1", "IKU4", "IKU5", "IKU6"]
    assert all("Bab IV" in g.bagian for g in solusi)  # the steps to take in Bab IV are the solutions


def test_chart_signatory_and_agreement_parties_with_their_yaml_keys(gaps):
    where = {(g.jenis, g.column): g for g in gaps}
    assert where["bagan_organisasi", "instansi.bagan_organisasi"].file == "profil.yaml"
    assert where["kepala", "kepala.nama"].row == 16
    assert where["kepala", "kepala.nip"].lokasi == "profil.yaml, baris 17, kepala.nip"
    assert ("perjanjian_kinerja", "laporan[2016].perjanjian_kinerja.pihak_kedua") in where
    assert ("perjanjian_kinerja", "laporan[2016].perjanjian_kinerja.tanggal") in where


def test_notes_to_check_do_not_block_a_final_report(gaps):
    checks = [g for g in gaps if not g.wajib]
    assert {g.jenis for g in checks} == {"beda_spm", "tautan_program"}
    assert [g.kunci for g in checks if g.jenis == "beda_spm"] == ["IKU2", "IKU4"]
    assert "12,12 %" in next(g.teks for g in checks if g.kunci == "IKU2")


def test_a_row_still_to_add_says_so(tmp_path):
    # kota-contoh 2022 has no analisis_iku rows for IKU2 and IKU4, which missed their targets
    from lkjipkit.config import PROJECT_ROOT

    a = analyse(load_dataset(PROJECT_ROOT / "tests" / "data" / "kota-contoh"), 2022)
    g = next(g for g in a.gaps if g.kunci == "IKU2" and g.jenis == "penyebab")
    assert g.row is None and "tambahkan baris IKU2, 2022" in g.teks
    assert g.problem().format() == f"analisis_iku.csv::penyebab: {g.teks} ({g.bagian})"


def test_a_complete_copy_has_no_required_gap(complete_copy):
    assert [g for g in analyse(load_dataset(complete_copy), 2016).gaps if g.wajib] == []


def test_the_refusal_lists_every_gap_with_its_place(gaps):
    required = [g for g in gaps if g.wajib]
    text = str(IncompleteReportError(required, "data/x", 2016))
    assert f"{len(required)} items to fill in" in text
    assert "data/x/analisis_iku.csv:7:penyebab: IKU6" in text and "data/x/profil.yaml:17:kepala.nip" in text
    assert len(text.splitlines()) == len(required) + 2
