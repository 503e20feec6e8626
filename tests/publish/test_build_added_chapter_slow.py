"""A chapter added to a Bab continues its numbering: sections, tables, figures, ids, Daftar Isi, every format.

A real build of the embedded dataset with the default chapters and one of its own,
``notebooks/03a_capaian_lainnya.ipynb``, which opens Bab III after ``03_akuntabilitas_kinerja``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import nbformat
import pytest
from build_helpers import needs
from nbformat.v4 import new_code_cell, new_markdown_cell

from lkjipkit import config
from lkjipkit.publish import build_report

pytestmark = pytest.mark.slow

SECTION = "3.3. Capaian Kinerja Lainnya"  # Bab III of the seed has two sections


@pytest.fixture(scope="module")
def built(tmp_path_factory, seed_path):
    """The seed's report, 2016, with ``03a_capaian_lainnya`` added: a section, a sub-section, a table, a figure."""
    tmp = tmp_path_factory.mktemp("added")
    dataset = tmp / "ds"
    shutil.copytree(seed_path, dataset)
    (dataset / "notebooks").mkdir()
    nb = nbformat.read(config.notebooks_dir() / "03_akuntabilitas_kinerja.ipynb", as_version=4)
    nb.cells = [
        *nb.cells[:3],
        new_code_cell('display(bab.section("Capaian Kinerja Lainnya"))'),
        new_markdown_cell("Serapan anggaran tahun {{ tahun }} sebesar {{ anggaran.serapan }}."),
        new_code_cell('display(bab.subsection("Anggaran per Program"))'),
        new_code_cell("display(bab.program_budget_table())"),
        new_code_cell("display(bab.budget_figure())"),
    ]
    nbformat.write(nb, dataset / "notebooks" / "03a_capaian_lainnya.ipynb")
    result = build_report(dataset, 2016, tmp / "out", formats="html,pdf,docx", progress=False)
    return result


def _chapter(html: str, name: str) -> str:
    start = html.index(f'data-notebook="{name}"')
    return html[start : html.index("</section>", start)]


def test_the_added_chapter_numbers_on_from_bab_iii(built):
    html = built.outputs["html"].read_text(encoding="utf-8")
    bab3, added = _chapter(html, "03_akuntabilitas_kinerja"), _chapter(html, "03a_capaian_lainnya")
    assert '<h2 id="s-3-2">3.2. Realisasi Anggaran</h2>' in bab3 and 'id="tabel-3-18"><caption>Tabel 3.18 ' in bab3
    assert 'id="gambar-3-6"' in bab3 and "s-3-3" not in bab3
    assert f'<h2 id="s-3-3">{SECTION}</h2>' in added
    assert '<h3 id="s-3-3-1">3.3.1. Anggaran per Program</h3>' in added
    assert re.search(r'<table class="lkjip[^"]*" id="tabel-3-19"><caption>Tabel 3\.19 ', added)
    assert re.search(r'<figure class="lkjip" id="gambar-3-7"><img [^>]*><figcaption>Gambar 3\.7 ', added)
    assert ">3.1. " not in added and "Tabel 3.1 " not in added and "Gambar 3.1 " not in added
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "an id is used twice"
    assert not [w for w in built.warnings if "is used" in w], built.warnings
    assert '<h2 id="s-4-1">4.1. Kesimpulan</h2>' in html  # Bab IV keeps its own numbers


def test_the_daftar_isi_and_the_lists_show_the_numbers_on(built):
    html = built.outputs["html"].read_text(encoding="utf-8")
    toc = html[: html.index('data-notebook="00_ikhtisar_eksekutif"')]
    assert re.search(rf'href="#s-3-3"[^>]*>\s*{re.escape(SECTION)}', toc), "Daftar Isi"
    assert re.search(r'href="#tabel-3-19"[^>]*>\s*Tabel 3\.19 ', toc), "Daftar Tabel"
    assert re.search(r'href="#gambar-3-7"[^>]*>\s*Gambar 3\.7 ', toc), "Daftar Gambar"


@needs("pdftotext")
def test_pdf_and_word_print_the_numbers_on(built):
    pdf = subprocess.run(
        ["pdftotext", str(built.outputs["pdf"]), "-"], capture_output=True, text=True, check=True
    ).stdout
    pdf = " ".join(pdf.split())
    assert SECTION in pdf and "Tabel 3.19 " in pdf and "Gambar 3.7 " in pdf
    with zipfile.ZipFile(built.outputs["docx"]) as z:
        word = re.sub(r"<[^>]+>", "", z.read("word/document.xml").decode("utf-8"))
    assert SECTION in word and "Tabel 3.19 " in word and "Gambar 3.7 " in word


def test_a_chapter_of_a_bab_of_its_own_is_not_renumbered():
    from lkjipkit.report.html import continue_numbering

    bab3 = '<h2 id="s-3-1">3.1. A</h2>'
    lampiran = '<h2 id="s-l-1">Lampiran 1. B</h2><table class="lkjip" id="tabel-l-1"><caption>Tabel L.1 c</caption>'
    added = '<h2 id="s-l-1">Lampiran 1. D</h2><table class="lkjip" id="tabel-l-1"><caption>Tabel L.1 e</caption>'
    assert continue_numbering([bab3, lampiran, added]) == [
        bab3,
        lampiran,
        '<h2 id="s-l-2">Lampiran 2. D</h2><table class="lkjip" id="tabel-l-2"><caption>Tabel L.2 e</caption>',
    ]


def test_a_number_in_the_title_is_not_the_section_number():
    from lkjipkit.report.html import continue_numbering

    before = '<h2 id="s-3-3">3.3. A</h2>'
    added = '<h2 id="s-3-3">3.3. Tahun 3. B</h2><h3 id="s-3-3-3">3.3.3. C</h3>'
    assert continue_numbering([before, added])[1] == '<h2 id="s-3-6">3.6. Tahun 3. B</h2><h3 id="s-3-6-3">3.6.3. C</h3>'
