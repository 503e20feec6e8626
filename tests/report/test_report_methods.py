"""Issue 13: every judgement of Bab III is stated with its method, and says only what the data supports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markupsafe import Markup
from prose_helpers import edit_csv, prose_cell

from lkjipkit.dataset import load_dataset
from lkjipkit.dataset.completeness import still_empty
from lkjipkit.report import narrative, open_chapter
from lkjipkit.report.prose import render_prose, vocabulary


def _text(markup) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", str(markup)).split())


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

    edit_csv(seed_copy / "iku.csv", mark)
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

    edit_csv(seed_copy / "sasaran_program.csv", share)
    text = _sasaran_text(seed_copy)
    assert text.count("dihitung menurut porsinya untuk sasaran ini") == 2
    assert "dihitung penuh" not in text


# --- wording defects (issue 13) -------------------------------------------------------------------------


def _spm_row(values: dict[int, float], target=45.0, satuan="%"):
    years = sorted(values)
    vals = [values[y] for y in years]
    hi, lo = max(vals), min(vals)
    return {
        "indikator": "Besaran pemeriksaan perusahaan",
        "satuan": satuan,
        "target_nasional": target,
        "tahun_awal": years[0],
        "tahun_akhir": years[-1],
        "jumlah_tahun": len(vals),
        "rata_rata": sum(vals) / len(vals),
        "rata_rata_memenuhi_target": None if target is None else sum(vals) / len(vals) >= target,
        "arah_tren": "naik",
        "tertinggi": hi,
        "tahun_tertinggi": ", ".join(str(y) for y in years if values[y] == hi),
        "terendah": lo,
        "tahun_terendah": ", ".join(str(y) for y in years if values[y] == lo),
        "realisasi_tahun_ini": vals[-1],
        "memenuhi_target_tahun_ini": None if target is None else vals[-1] >= target,
        "perubahan_tahun_ini": vals[-1] - vals[-2],
        "konstan": hi == lo,
        "akhir_terendah": vals[-1] == lo and hi != lo,
        "akhir_tertinggi": vals[-1] == hi and hi != lo,
    }


def test_a_rising_slope_ending_at_the_low_is_not_called_naik(seed):
    from lkjipkit.analysis import analyse

    rows = analyse(seed, 2016).spm_ringkasan.set_index("kode")
    assert rows.loc["SPM-NAKER-7", "arah_tren"] == "naik" and rows.loc["SPM-NAKER-7", "akhir_terendah"]
    text = _text(narrative.spm_indicator(_spm_row({2012: 10.0, 2013: 12.0, 2014: 15.0, 2015: 23.85, 2016: 9.07}), 2016))
    assert "tren naik" not in text and "dengan tren meningkat" not in text
    assert "garis trennya naik, tetapi realisasi tahun 2016 merupakan yang terendah dalam periode itu" in text


def test_a_flat_series_is_said_to_be_constant(seed):
    from lkjipkit.analysis import analyse

    assert analyse(seed, 2016).spm_ringkasan.set_index("kode").loc["SPM-NAKER-6", "konstan"]
    text = _text(narrative.spm_indicator(_spm_row(dict.fromkeys(range(2012, 2017), 100.0), target=50.0), 2016))
    assert "realisasinya tetap 100,00 % pada setiap tahun" in text
    assert "tertinggi" not in text and "terendah" not in text


def test_missing_national_target_is_attached_to_the_right_subject():
    row = _spm_row({2014: 10.0, 2015: 16.79, 2016: 8.91}, target=None)
    text = _text(narrative.spm_indicator(row, 2016))
    assert "Pada tahun 2016 realisasinya 8,91 %, turun 7,88 poin dibanding tahun sebelumnya; target nasionalnya" in text
    assert "tidak menetapkan target nasional" not in text


def test_spm_prose_uses_the_table_precision():
    text = _text(narrative.spm_indicator(_spm_row({2013: 60.0, 2014: 53.3, 2015: 68.09, 2016: 60.66}, 75.0), 2016))
    assert "53,30 %" in text and "53,3 %" not in text
    assert "rata-rata realisasi besaran pemeriksaan perusahaan sebesar 60,51 %" in text


def test_spm_figure_title_names_a_target_only_when_one_is_drawn():
    spm = _text(open_chapter("", 2016, chapter=3).spm())
    assert "Realisasi SPM Bidang Ketenagakerjaan Tahun 2012–2016 terhadap Target Nasional" in spm
    assert "Realisasi SPM Bidang Sosial Tahun 2012–2016 terhadap Target Nasional" not in spm
    assert "Realisasi SPM Bidang Sosial Tahun 2012–2016" in spm


def test_flat_indicator_history_is_constant():
    text = _text(_history([100.0, 100.0, 100.0], "Persentase pekerja/buruh yang menjadi peserta BPJS"))
    assert "Realisasinya tetap 100 % pada setiap tahun" in text and "tertinggi" not in text
    assert "tren" not in text


def _history(values, name="Persentase pemeriksaan perusahaan", polaritas="positif", target=25.0):
    import pandas as pd

    from lkjipkit.analysis.iku import history_trend

    n = len(values)
    h = pd.DataFrame(
        {
            "kode": ["IKU4"] * n,
            "tahun": list(range(2017 - n, 2017)),
            "polaritas": [polaritas] * n,
            "realisasi": values,
            "capaian": [v / target * 100 for v in values],
            "satuan": ["%"] * n,
            "mencapai_target": pd.array([v >= target for v in values], dtype="boolean"),
        }
    )
    return narrative.history(h, name, history_trend(h))


def test_history_rising_slope_ending_at_its_low_is_not_called_rising():
    text = _text(_history([10.0, 12.0, 15.0, 23.85, 9.07]))
    assert "garis trennya naik, tetapi realisasi tahun 2016 merupakan yang terendah dalam periode itu" in text
    assert "meningkat" not in text


def test_history_trend_of_a_negative_indicator_says_whether_it_improved():
    text = _text(_history([2.0, 1.0, 0.5, 0.4], "Jumlah KLB", polaritas="negatif", target=1.0))
    assert "trennya menurun rata-rata 0,53 poin per tahun (membaik, karena semakin rendah semakin baik)" in text


def test_history_of_two_years_draws_no_trend():
    text = _text(_history([23.85, 20.42]))
    assert "tren belum dapat ditarik" in text and "meningkat" not in text and "menurun" not in text


def test_history_table_holds_every_year_of_the_dataset(kota_contoh_path):
    text = _text(open_chapter(kota_contoh_path, 2023, chapter=3).sasaran_analyses())
    assert "Realisasi dan Capaian IKU Sasaran 2 Tahun 2021–2023" in text
    assert "Persentase puskesmas terakreditasi paripurna % 2021" in text
    seed = _text(open_chapter("", 2016, chapter=3).sasaran_analyses())
    assert "Realisasi dan Capaian IKU Sasaran 1 Tahun 2015–2016" in seed
    assert (
        "Persentase pencari kerja yang mendapatkan pelatihan % 2015 70 65,76 93,94 Sangat Tinggi "
        "2016 70 51,47 73,53 Sedang" in seed
    )


def test_conclusion_after_the_last_sasaran_says_it_covers_all():
    text = _text(open_chapter("", 2016, chapter=3).analyst_conclusion())
    assert text.startswith("Kesimpulan atas seluruh sasaran tahun 2016 Secara umum")


# --- analysis g: the kegiatan behind the result -----------------------------------------------------------


def _analysis_g(folder, year: int) -> str:
    text = _text(open_chapter(folder, year, chapter=3).sasaran_analyses())
    return text


def test_analysis_g_names_the_largest_the_cut_and_the_short_kegiatan():
    text = _analysis_g("", 2016)
    assert (
        "Kegiatan dengan pagu terbesar adalah Pelatihan Tenaga Kerja Berbasis Kompetensi (Rp 861.000.000, 47,26 % "
        "dari pagu kegiatan sasaran ini Rp 1.821.868.000)." in text
    )
    assert "Pada APBD-P, pagu 13 kegiatan dikurangi, dengan jumlah pengurangan Rp 2.694.681.250; 2 di antaranya" in text
    assert "Sebanyak 3 kegiatan belum mencapai realisasi fisik 100 %, dengan porsi 15,69 % dari pagu" in text
    assert "Kegiatan Penentu Hasil Sasaran 1 Tahun 2016" in text
    assert "Kegiatan Penentu Hasil Sasaran 4 Tahun 2016" in text
    assert "ditautkan dengan IKU" not in text  # the seed links no kegiatan to an IKU: no such sentence, no column
    assert "No. Kegiatan IKU" not in text


def test_analysis_g_ties_kegiatan_to_the_iku_they_serve(kota_contoh_path):
    text = _analysis_g(kota_contoh_path, 2023)
    assert (
        "Kegiatan yang dalam data ditautkan dengan IKU sasaran ini: angka kematian bayi: Penyediaan Fasilitas "
        "Pelayanan Kesehatan untuk UKM dan UKP; persentase puskesmas" not in text
    )  # IKU3 serves Sasaran 2, not Sasaran 1
    assert (
        "Kegiatan yang dalam data ditautkan dengan IKU sasaran ini: angka kematian bayi: Penyediaan Fasilitas "
        "Pelayanan Kesehatan untuk UKM dan UKP." in text
    )
    assert "No. Kegiatan IKU APBD Murni (Rp) APBD-P (Rp) Pengurangan (Rp) Fisik (%) Porsi Pagu (%) Keterangan" in text
    assert "Pengadaan Alat Kesehatan Puskesmas IKU3 850.000.000 0 850.000.000 0,00 0,00 dibatalkan pada APBD-P" in text


# --- wording defects of issue 13 on both datasets ------------------------------------------------------


@pytest.fixture(params=[("", 2016), ("kota", 2023)], ids=["balikpapan", "kota-contoh"])
def both(request, kota_contoh_path):
    folder, year = request.param
    return (kota_contoh_path if folder == "kota" else ""), year


def test_iku_summary_of_bab_iii_is_not_the_ikhtisar_verbatim(both):
    folder, year = both
    ikhtisar = _text(open_chapter(folder, year, chapter=0).overview())
    bab3 = _text(open_chapter(folder, year, chapter=3).achievement_summary())
    assert bab3.startswith("Tabel di atas menunjukkan bahwa")
    for sentence in re.split(r"(?<=\.) ", ikhtisar):
        if "IKU" in sentence and "Dibandingkan dengan tahun" not in sentence:
            assert sentence not in bab3


def test_overall_conclusion_is_labelled_as_covering_every_sasaran(both):
    folder, year = both
    text = _text(open_chapter(folder, year, chapter=3).analyst_conclusion())
    assert text.startswith(f"Kesimpulan atas seluruh sasaran tahun {year} ")


def test_spm_analyst_text_is_labelled_as_theirs(both):
    folder, year = both
    html = str(open_chapter(folder, year, chapter=3).spm())
    notes = html.count('<p class="label-analis">Analisis penyusun:</p><div class="analis">')
    assert notes >= 1
    assert notes == html.count('<p class="label-analis">Analisis penyusun:</p>')


def test_lettered_definitions_show_one_marker():
    html = str(open_chapter("", 2016, chapter=3).spm())
    assert "<li>a. " not in html and "<li>b. " not in html
    assert '<ol type="a">\n<li>setiap bentuk usaha yang berbadan hukum' in html
    assert str(narrative_markdown("- x\n- y")).startswith("<ul>")  # a plain bullet list stays one
    assert "<li>a. satu</li>" in str(narrative_markdown("- a. satu\n- c. dua"))  # not a run a, b, c: left as typed


def narrative_markdown(text):
    from lkjipkit.report import html

    return html.markdown(text)


def test_pmks_standard_in_sasaran_4_is_whole_sentences():
    text = _text(open_chapter("", 2016, chapter=3).sasaran_analyses())
    d = text[text.index("Persentase PMKS yang mendapatkan bantuan disandingkan") :]
    d = d[: d.index("e. Penyebab")].strip()
    assert d.endswith(
        "Realisasi standar tersebut tahun 2016 sebesar 8,91 %; target nasionalnya tidak tersedia dalam data."
    )
    assert all(s[:1].isupper() for s in re.split(r"(?<=\.) ", d))


# --- Renstra: cumulative indicators and the last Renstra year ----------------------------------------------


def test_last_renstra_year_with_the_annual_target_says_so_instead_of_repeating_analysis_a():
    from lkjipkit.analysis import analyse
    from lkjipkit.config import default_dataset

    r = analyse(load_dataset(default_dataset()), 2016).renstra_iku
    assert r["sama_dengan_tahunan"].all() and not r["kumulatif"].any()
    text = _text(open_chapter("", 2016, chapter=3).sasaran_analyses())
    assert (
        "Tahun 2016 merupakan tahun terakhir periode Renstra dan target akhir Renstra untuk persentase PMKS yang "
        "mendapatkan bantuan (20 %) sama dengan target tahun ini, sehingga perbandingannya sama dengan analisis a: "
        "realisasi belum mencapai target jangka menengah." in text
    )
    assert "realisasi tahun 2016 sebesar 8,91 % (capaian 44,55 %) belum mencapai target jangka menengah" not in text


def test_cumulative_indicator_sums_the_renstra_years(kota_contoh_path, tmp_path):
    import shutil

    from lkjipkit.analysis import analyse

    folder = tmp_path / "kota"
    shutil.copytree(kota_contoh_path, folder)

    def mark(rows):
        for r in rows:
            r["kumulatif"] = "ya" if r["kode"] == "IKU2" else ""
        return rows

    edit_csv(folder / "iku.csv", mark)
    r = analyse(load_dataset(folder), 2023).renstra_iku.set_index("kode")
    assert r.at["IKU2", "kumulatif"] and r.at["IKU2", "tahun_kumulatif"] == "2021, 2022, 2023"
    assert r.at["IKU2", "realisasi_renstra"] == 3  # 2 + 1 + 0 KLB over the Renstra years so far
    assert not r.at["IKU2", "mencapai_target_renstra"]  # target 0 KLB over the period
    assert r.at["IKU4", "realisasi_renstra"] == r.at["IKU4", "realisasi"]  # not cumulative: the latest value
    assert not r["sama_dengan_tahunan"].any()  # 2023 is not the Renstra's last year
    text = _text(open_chapter(folder, 2023, chapter=3).sasaran_analyses())
    assert (
        "Target akhir periode Renstra tahun 2026 untuk jumlah kejadian luar biasa (KLB) penyakit menular sebesar "
        "0 kejadian bersifat kumulatif; jumlah realisasi tahun 2021, 2022, dan 2023 sebesar 3 kejadian" in text
    )


# --- e: causes and solutions ---------------------------------------------------------------------------


@pytest.mark.parametrize(("folder", "year"), [("", 2016), ("kota", 2022), ("kota", 2023)])
def test_missing_causes_are_draft_callouts_never_report_sentences(folder, year, kota_contoh_path):
    path = kota_contoh_path if folder == "kota" else ""
    chapter = open_chapter(path, year, chapter=3)
    html = str(chapter.sasaran_analyses())
    sections = [h[h.index("e. Penyebab") : h.index("f. Efisiensi")] for h in html.split('<h4 class="analisis">a. ')[1:]]
    causes = chapter.analysis.analisis_iku
    # a missing text is a gap (a solution is not asked of an IKU that met its target: gaps.py)
    missing = {g.kunci for g in chapter.analysis.gaps if g.jenis in ("analisis", "penyebab", "solusi")}
    assert missing, "the dataset should trigger the case"
    shown = re.sub(r'<aside class="catatan-penyusun".*?</aside>', "", "".join(sections), flags=re.S)
    assert "belum diuraikan" not in shown  # the gap is said only inside the callout
    for kode in missing:
        assert any(f"{kode} " in s and "catatan-penyusun" in s for s in sections)
    for r in causes.dropna(subset=["penyebab"]).to_dict("records"):
        assert str(html_escape_first_words(r["penyebab"])) in shown  # the analyst's own words


def html_escape_first_words(text: str) -> str:
    from markupsafe import escape

    return str(escape(" ".join(str(text).split()[:3])))


def test_bab_iv_concludes_without_repeating_the_ikhtisar_and_bab_iii_sentences(seed_path):
    # the comparison with last year and the budget sentence were printed in the Ikhtisar, Bab III and Bab IV
    bab0 = open_chapter(seed_path, 2016, chapter=0)
    ikhtisar = str(bab0.overview()) + str(bab0.budget())
    closing = str(
        render_prose(prose_cell("04_penutup", "04-p1"), vocabulary(load_dataset(seed_path), 2016), where="04")
    )
    comparison = "Dibandingkan dengan tahun 2015, kinerja 2 IKU membaik, 3 IKU memburuk, dan 1 IKU tetap."
    budget = "Dari pagu Rp 7.577.432.700 (APBD Perubahan), realisasi keuangan mencapai Rp 7.016.295.114"
    assert comparison in ikhtisar and budget in ikhtisar
    assert comparison not in closing and budget not in closing and "sasaran dinilai efisien" not in closing
    assert "2 IKU (33,33 %) mencapai target" in closing and "disajikan pada Bab III" in closing
