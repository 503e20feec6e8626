"""Issue 13: every judgement of Bab III is stated with its method, and says only what the data supports."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from markupsafe import Markup

from lkjipkit.dataset import load_dataset
from lkjipkit.dataset.completeness import still_empty
from lkjipkit.report import narrative, open_chapter


def _text(markup) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", str(markup)).split())


def _edit_csv(path: Path, edit) -> None:
    """Rewrite a copied dataset's CSV through ``edit(rows) -> rows`` (dicts; the header follows the first row)."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows = edit(rows)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def _set_scale(folder: Path, name: str) -> None:
    with (folder / "profil.yaml").open("a", encoding="utf-8") as fh:
        fh.write(f"pengaturan:\n  skala_kategori: {name}\n")


# --- category scale -------------------------------------------------------------------------------------


def test_seed_uses_the_scale_of_permendagri_54_2010_for_2016():
    text = open_chapter("", 2016, chapter=3).achievement_table().text
    assert "Permendagri 54/2010" in text
    assert "≥ 91 Sangat Tinggi; ≥ 76 Tinggi; ≥ 66 Sedang; ≥ 51 Rendah; < 51 Sangat Rendah" in text
    assert "Sangat Baik" not in text  # the Sampang 2019 labels only when the dataset names that scale


def test_kota_contoh_names_permendagri_86_2017(kota_contoh_path):
    text = open_chapter(kota_contoh_path, 0, chapter=3).achievement_table().text
    assert "Permendagri 86/2017" in text


def test_a_named_regional_scale_is_used_and_warned_outside_its_years(seed_copy: Path):
    _set_scale(seed_copy, "sampang-2019")
    ds = load_dataset(seed_copy)  # valid: a warning, not an error
    text = open_chapter(seed_copy, 2016, chapter=3).achievement_table().text
    assert "Inspektorat Kabupaten Sampang 2019" in text and "Sangat Baik" in text
    (warning,) = [p for p in still_empty(ds) if p.column == "pengaturan.skala_kategori"]
    assert warning.file == "profil.yaml" and warning.row is not None
    assert "valid for report years 2019–…, not for 2016" in warning.message


def test_no_warning_for_a_scale_valid_in_the_report_year(seed_copy: Path, kota_contoh_path):
    _set_scale(seed_copy, "permendagri-54-2010")
    assert [p for p in still_empty(load_dataset(seed_copy)) if p.column == "pengaturan.skala_kategori"] == []
    assert [p for p in still_empty(load_dataset(kota_contoh_path)) if p.column == "pengaturan.skala_kategori"] == []


def test_missed_target_in_the_top_band_is_said_in_words():
    row = {
        "indikator": "Persentase pencari kerja yang mendapatkan pelatihan",
        "satuan": "%",
        "polaritas": "positif",
        "tahun": 2016,
        "target": 70.0,
        "realisasi": 68.6,
        "realisasi_tahun_lalu": 60.0,
        "capaian": 98.0,
        "capaian_tanpa_batas": 98.0,
        "kategori": "Sangat Tinggi",
        "mencapai_target": False,
        "teratas_belum_tercapai": True,
        "arah_perubahan": "naik",
        "perubahan": 8.6,
        "membaik": True,
    }
    text = _text(narrative.achievement(row))
    assert "sehingga belum mencapai target, kategori Sangat Tinggi, naik" in text
    row.update(teratas_belum_tercapai=False, kategori="Tinggi", capaian=85.0, capaian_tanpa_batas=85.0)
    assert "kategori" not in _text(narrative.achievement(row))


# --- capaian formula ------------------------------------------------------------------------------------


def test_formula_is_stated_before_the_first_table():
    block = open_chapter("", 2016, chapter=3).achievement_table()
    text = block.text
    rule = "Capaian dihitung dengan rumus realisasi ÷ target × 100 % untuk indikator berpolaritas positif"
    assert text.index(rule) < text.index("Tabel 3.1")
    assert "capaian tidak dibatasi." in text
    assert "negatif" not in text.split("Tabel 3.1")[0]  # the seed has no negative indicator


def test_formula_of_both_polarities_and_the_cap(kota_contoh_path):
    text = open_chapter(kota_contoh_path, 0, chapter=3).achievement_table().text
    intro = text.split("Tabel 3.1")[0]
    assert "(2 × target − realisasi) ÷ target × 100 %, paling rendah 0 % untuk indikator berpolaritas negatif" in intro
    capped = _text(narrative.formula((("positif", "realisasi_per_target"),), 120.0))
    assert capped.endswith("; capaian di atas 120 % dibatasi pada 120 %.")


# --- IKU against a national standard --------------------------------------------------------------------


def _sasaran_text(folder: Path | str) -> str:
    return _text(open_chapter(folder, 2016, chapter=3).sasaran_analyses())


def test_spm_not_marked_comparable_is_context_without_verdict():
    text = _sasaran_text("")
    assert "disandingkan dengan standar “Besaran pencari kerja yang terdaftar yang ditempatkan” sebagai konteks" in text
    assert "sebesar 12,12 %, dengan target nasional 45 %" in text
    assert "belum memenuhi target nasional" not in text and "telah memenuhi target nasional" not in text
    # IKU1 has no link: the text says so, not that no standard exists (Tabel 3.6 lists training standards)
    assert "Tidak terdapat standar nasional yang sebanding" not in text
    assert "tidak ditautkan dengan indikator standar pelayanan minimal (SPM) sebagai ukuran yang sama" in text


def test_spm_marked_comparable_is_judged(seed_copy: Path):
    def mark(rows):
        for r in rows:
            r["spm_sebanding"] = "ya" if r["kode"] in ("IKU5", "IKU6") else ""
        return rows

    _edit_csv(seed_copy / "iku.csv", mark)
    text = _sasaran_text(seed_copy)
    assert "belum memenuhi target nasional" in text  # IKU5: 48,18 % against 50 %
    assert "mengukur hal yang sama dengan standar “Persentase PMKS yang memperoleh bantuan sosial" in text
    assert "target nasionalnya tidak tersedia dalam data" in text


@pytest.mark.parametrize("marked", [False, True])
def test_standard_sentence_never_claims_what_the_regulation_sets(marked):
    row = {
        "satuan": "%",
        "spm_indikator": "Persentase PMKS yang memperoleh bantuan sosial",
        "sebanding": marked,
        "target_nasional": None,
        "realisasi": 8.91,
        "realisasi_spm": 8.91,
        "memenuhi_target_nasional": None,
    }
    text = _text(narrative.national_standard(row, "Persentase PMKS yang mendapatkan bantuan", 2016))
    assert "tidak menetapkan target nasional" not in text
    assert "tidak tersedia dalam data" in text
    assert isinstance(narrative.national_standard(row, "x", 2016), Markup)


# --- efficiency -----------------------------------------------------------------------------------------


def test_efficiency_states_the_pmk_method_its_source_and_threshold():
    text = _sasaran_text("")
    assert "efisiensi menurut PMK 249/PMK.02/2011 (dilanjutkan PMK 22/PMK.02/2021)" in text
    assert "E = Σ(pagu × capaian − realisasi) ÷ Σ(pagu × capaian) × 100 %, sebesar 1,76 %" in text
    assert "(nilai efisiensi 54,39 dari 100): penggunaan sumber daya dinilai efisien (efisien bila E di atas 0)" in text
    # program 1.14.1.14.01.17 serves S2 and S3 with no share given: the same money is counted for each
    assert text.count("anggaran yang sama dihitung penuh pada setiap sasaran yang didukungnya") == 2


def test_efficiency_by_the_named_alternative(seed_copy: Path):
    with (seed_copy / "profil.yaml").open("a", encoding="utf-8") as fh:
        fh.write("pengaturan:\n  metode_efisiensi: selisih-capaian-serapan\n")
    text = _sasaran_text(seed_copy)
    assert "selisih capaian terhadap serapan +5,19 poin: menurut metode selisih capaian dan serapan" in text
    assert "(batas ±5 poin)" in text and "PMK 249" not in text


def test_efficiency_with_apportioned_programs(seed_copy: Path):
    def share(rows):
        for r in rows:
            r["porsi"] = "50" if r["program_kode"] == "1.14.1.14.01.17" else ""
        return rows

    _edit_csv(seed_copy / "sasaran_program.csv", share)
    text = _sasaran_text(seed_copy)
    assert text.count("dihitung menurut porsinya untuk sasaran ini") == 2
    assert "dihitung penuh" not in text
