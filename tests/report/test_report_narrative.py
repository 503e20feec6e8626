"""A generated sentence never contradicts its numbers.

For every combination of target, realisation and last year's realisation, on
both polarities (hypothesis), and for every indicator and year of both test
datasets: the sentence says "belum mencapai target" exactly when the target
was missed, "naik" / "turun" / "tetap" exactly as the realisation moved, and
the numbers it prints are in the order its words claim.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lkjipkit.analysis.capaian import capaian, change_direction, target_met
from lkjipkit.analysis.iku import indicator_achievement, renstra_progress
from lkjipkit.analysis.spm import spm_summary
from lkjipkit.dataset import load_dataset
from lkjipkit.report import narrative

NUMBER = r"(-?\d{1,3}(?:\.\d{3})*(?:,\d+)?)"


def num(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


def make_row(target, real, last, polaritas, satuan="%", cap=None) -> dict:
    res = capaian(target, real, polaritas, None, cap).iloc[0]
    met = target_met(target, real, polaritas).iloc[0]
    change = None if last is None or real is None else real - last
    direction = change_direction(change, polaritas).iloc[0]
    return {
        "indikator": "Indikator uji",
        "satuan": satuan,
        "polaritas": polaritas,
        "tahun": 2023,
        "target": target,
        "realisasi": real,
        "capaian": res["capaian"],
        "capaian_tanpa_batas": res["capaian_tanpa_batas"],
        "keterangan": res["keterangan"],
        "mencapai_target": met,
        "realisasi_tahun_lalu": last,
        "perubahan": change,
        "arah_perubahan": direction["arah_perubahan"],
        "membaik": direction["membaik"],
    }


def check_achievement(sentence: str, row: dict) -> None:
    """Every claim of an achievement sentence against the row's raw numbers."""
    real, target, last, pol = row["realisasi"], row["target"], row["realisasi_tahun_lalu"], row["polaritas"]
    unit = re.escape(row["satuan"]) if row["satuan"] not in ("nilai",) else ""
    if real is None:
        assert "belum tersedia" in sentence
        return
    met = real >= target if pol == "positif" else real <= target
    assert ("belum mencapai target" in sentence) == (not met), sentence
    assert "mencapai" in sentence
    # the two printed numbers are in the order the words claim
    if pol == "positif":
        m = re.search(rf"mencapai {NUMBER}(?: {unit})? dari target {NUMBER}", sentence)
    else:
        m = re.search(rf"sebesar {NUMBER}(?: {unit})?, (?:tidak )?melebihi target {NUMBER}", sentence)
        assert ("tidak melebihi target" in sentence) == met, sentence
    assert m, sentence
    shown_real, shown_target = num(m.group(1)), num(m.group(2))
    if pol == "positif":
        assert (shown_real >= shown_target) == met, sentence
    else:
        assert (shown_real <= shown_target) == met, sentence
    # capaian: printed on the right side of 100, or said to be undefined
    c = re.search(rf"capaian {NUMBER} %", sentence)
    if target == 0:
        assert "capaian tidak dapat dihitung" in sentence
    elif c:
        assert (num(c.group(1)) >= 100) == met, sentence
    # direction against last year
    words = {w for w in ("naik", "turun", "tetap") if re.search(rf"[,;] {w} ", sentence)}
    if last is None:
        assert not words and "tidak tersedia sebagai pembanding" in sentence
        return
    expected = "naik" if real > last else "turun" if real < last else "tetap"
    assert words == {expected}, sentence
    if expected != "tetap":
        size = re.search(rf"{expected} {NUMBER} ", sentence)
        assert size and num(size.group(1)) > 0, sentence
    if pol == "negatif" and expected != "tetap":
        assert ("(membaik)" in sentence) == (expected == "turun"), sentence
        assert ("(memburuk)" in sentence) == (expected == "naik"), sentence


values = st.integers(min_value=0, max_value=200_000).map(lambda v: v / 100)


@settings(max_examples=400, deadline=None)
@given(
    target=values,
    real=values,
    last=st.none() | values,
    polaritas=st.sampled_from(["positif", "negatif"]),
    satuan=st.sampled_from(["%", "orang", "nilai", "per 1.000 kelahiran hidup"]),
    cap=st.sampled_from([None, 100.0, 120.0]),
)
def test_achievement_sentence_never_contradicts_its_numbers(target, real, last, polaritas, satuan, cap):
    row = make_row(target, real, last, polaritas, satuan, cap)
    check_achievement(str(narrative.achievement(row, 2022)), row)


@pytest.mark.parametrize("polaritas", ["positif", "negatif"])
def test_close_calls_print_enough_decimals(polaritas):
    row = make_row(70.0, 69.999, 70.0, polaritas)
    s = str(narrative.achievement(row, 2022))
    check_achievement(s, row)
    assert "69,999 %" in s and "target 70 %" in s and "0,001 poin" in s


def test_the_issue_example_word_for_word():
    row = make_row(25.0, 30.75, 22.05, "positif")
    assert str(narrative.achievement(row, 2015)) == (
        "Indikator uji mencapai 30,75 % dari target 25 % (capaian 123,00 %), naik 8,70 poin dibanding tahun 2015."
    )


def test_missing_realisation():
    row = make_row(25.0, None, 22.05, "positif")
    assert "belum tersedia" in str(narrative.achievement(row, 2022))


def _rows(frame):
    return [{k: (None if v is None or v != v else v) for k, v in r.items()} for r in frame.to_dict("records")]


@pytest.mark.parametrize("which", ["seed", "kota-contoh"])
def test_every_indicator_and_year_of_the_test_datasets(which, seed_path, kota_contoh_path):
    ds = load_dataset(seed_path if which == "seed" else kota_contoh_path)
    years = sorted({int(y) for y in ds.tables["iku_tahunan"]["tahun"]})
    checked = 0
    for year in years:
        for row in _rows(indicator_achievement(ds, year)):
            s = str(narrative.achievement(row, year - 1))
            check_achievement(s, row)
            checked += 1
        for row in _rows(renstra_progress(ds, year)):
            s = str(narrative.renstra(row))
            if row["target_renstra"] is not None and row["realisasi"] is not None:
                met = bool(row["mencapai_target_renstra"])
                assert ("belum mencapai target jangka menengah" in s) == (not met), s
    assert checked >= len(years)


@pytest.mark.parametrize("which", ["seed", "kota-contoh"])
def test_spm_sentences_agree_with_the_national_target(which, seed_path, kota_contoh_path):
    ds = load_dataset(seed_path if which == "seed" else kota_contoh_path)
    year = ds.latest_year
    for row in _rows(spm_summary(ds, year)):
        s = str(narrative.spm_indicator(row, year))
        if row["target_nasional"] is None:
            assert "target nasionalnya tidak tersedia dalam data" in s  # a fact of the data, not of the regulation
            continue
        this_year = s.split("Pada tahun")[-1]
        assert ("belum memenuhi" in this_year) == (not row["memenuhi_target_tahun_ini"]), s
        if row["jumlah_tahun"] > 1:
            first = s.split("Pada tahun")[0]
            assert ("belum memenuhi" in first) == (not row["rata_rata_memenuhi_target"]), s


# --- summaries read the analysis's facts (YearAnalysis.ringkasan_iku, .anggaran_ringkasan, .kegiatan) -------


@pytest.fixture(scope="module")
def seed_2016(seed_path):
    from lkjipkit.analysis import analyse

    return analyse(load_dataset(seed_path), 2016)


def test_results_and_conclusion_state_the_indicator_summary(seed_2016):
    s = seed_2016.ringkasan_iku
    text = str(narrative.results(s, instansi="Disnakersos", jumlah_sasaran=4))
    assert "menetapkan 6 indikator kinerja utama (IKU) untuk 4 sasaran" in text
    assert "Dari 6 IKU yang terukur, 2 IKU mencapai target dan 4 IKU belum mencapai target." in text
    assert "Rata-rata capaian IKU yang dapat dihitung sebesar 86,52 % (kategori Tinggi)." in text
    text = str(narrative.conclusion(s, seed_2016.capaian_iku))
    assert "2 IKU (33,33 %) mencapai target" in text and "4 IKU belum mencapai target" in text
    assert "dengan kategori Tinggi" in text
    text = str(narrative.year_comparison(s))
    assert text == "Dibandingkan dengan tahun 2015, kinerja 2 IKU membaik, 3 IKU memburuk, dan 1 IKU tetap."


def test_budget_sentences_name_the_budget_in_force_and_the_cut_kegiatan(seed_2016):
    a = seed_2016
    assert "(APBD Perubahan)" in str(narrative.budget_absorption(a.anggaran_ringkasan))
    murni = dataclasses.replace(a.anggaran_ringkasan, ada_perubahan=False)
    assert "(APBD murni)" in str(narrative.budget_absorption(murni))
    progress = a.kegiatan
    text = str(narrative.activities(progress, a.anggaran_kegiatan))
    assert text.startswith(
        "Dari 69 kegiatan pada program pendukung, 30 kegiatan mencapai realisasi fisik 100 %, 31 kegiatan di "
        "bawah 100 % (terendah: Penyediaan Barang Cetak dan Penggandaan, 66,31 %), dan 8 kegiatan dibatalkan"
    )
    cut = a.anggaran_kegiatan[a.anggaran_kegiatan["dipotong"]]
    assert all(str(name) in text for name in cut["kegiatan"])
