"""What a reader sees (QA of the rendered report): legends that read fully, tables that fit, no raw codes."""

from __future__ import annotations

import re

from lkjipkit.report import open_chapter


def test_category_legend_gives_the_lowest_band_its_bound():
    text = open_chapter("", 0, chapter=3).achievement_table().text
    assert "≥ 51 Rendah; < 51 Sangat Rendah)" in text


def test_spm_tables_of_five_years_stay_portrait():
    spm = str(open_chapter("", 0, chapter=3).spm())
    assert "Capaian SPM Bidang Ketenagakerjaan" in spm
    assert 'class="lkjip wide"' not in spm and 'class="lebar"' not in spm


def test_budget_table_is_landscape_with_its_notes():
    budget = str(open_chapter("", 0, chapter=3).budget_table())
    assert budget.startswith('<div class="lebar"><table class="lkjip wide"')
    assert budget.count('<p class="catatan">') == 2 and budget.endswith("</p></div>")


def test_review_findings_read_as_words_not_rule_codes():
    bab = open_chapter("", 0, chapter=5)
    bab.section("Perjanjian Kinerja")
    bab.section("Hasil Reviu")
    block = str(bab.review_findings())
    assert "Pemeriksaan dan Uraian" in block and "Aturan" not in block
    assert not re.search(r">[A-Z]+(-[A-Z]+)+<", block), "a rule id printed as a cell"
    assert "Persentase SPM sama dengan pembilang/penyebut" in block
    assert "Data: spm_realisasi.csv, baris 44, kolom realisasi_tercetak (SPM-SOS-1, 2014)" in block


def test_no_lead_in_before_a_missing_list_of_improvements():
    text = open_chapter("", 0, chapter=4).improvements().text
    assert "mencapai target:" not in text
    assert text.startswith("Catatan penyusunIKU1 Persentase pencari kerja")  # what is missing is a callout


def test_spm_tables_print_the_source_the_dataset_gives():
    spm = str(open_chapter("", 0, chapter=3).spm())
    source = "Sumber: Seksi PRS, Bina Kesejahteraan Sosial dan BNN Kota Balikpapan, Oktober 2016"
    assert spm.count(source) == 2  # the Bidang Sosial series table and the PMKS counts table
    naker = spm.split("Bidang Sosial")[0]
    assert "Sumber:" not in naker  # the dataset gives no source for the ketenagakerjaan series
