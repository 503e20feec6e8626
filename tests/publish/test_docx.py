"""The Word writer: a small hand-written report page (fast) and the seed report (slow, with LibreOffice)."""

from __future__ import annotations

import base64
import re
import subprocess
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from build_helpers import needs
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm

from lkjipkit.errors import BuildError
from lkjipkit.publish.docx import STYLE_CALLOUT, DocxSettings, build_document, write_docx

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="200pt" height="100pt" viewBox="0 0 200 100">'
    '<rect x="10" y="10" width="80" height="80" fill="#1f3a5f"/></svg>'
)


def svg_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


PAGE = f"""<!DOCTYPE html><html lang="id"><head><title>LKjIP 2016 Dinas Uji</title></head><body>
<header class="sampul" id="sampul">
  <p class="judul">LAPORAN KINERJA<br>INSTANSI PEMERINTAH (LKjIP)<br>TAHUN 2016</p>
  <div class="logo kosong"></div>
  <p class="instansi">DINAS UJI<br>KOTA CONTOH</p>
  <p class="terbit">FEBRUARI 2017</p>
</header>
<main>
<section class="depan depan-awal" id="kata-pengantar">
  <h1 class="depan">KATA PENGANTAR</h1>
  <p>Segala puji syukur.</p>
  <div class="ttd"><p>Contoh, Februari 2017</p><p class="jabatan">KEPALA DINAS UJI</p><p class="nama">BUDI</p></div>
</section>
<nav class="daftar-isi depan" id="daftar-isi"><h1 class="depan">DAFTAR ISI</h1><ol>
  <li class="h1"><a href="#bab-1">BAB I PENDAHULUAN</a></li><li class="h2"><a href="#s-1-1">1.1. Latar Belakang</a></li>
</ol></nav>
<nav class="daftar-isi depan" id="daftar-tabel"><h1 class="depan">DAFTAR TABEL</h1><ol>
  <li><a href="#tabel-1-1">Tabel 1.1 Anggaran</a></li><li><a href="#tabel-1-2">Tabel 1.2 Kegiatan</a></li>
</ol></nav>
<nav class="daftar-isi depan" id="daftar-gambar"><h1 class="depan">DAFTAR GAMBAR</h1><ol>
  <li><a href="#gambar-1-1">Gambar 1.1 Realisasi</a></li>
</ol></nav>
<section class="bab depan" data-notebook="00"><h1 class="bab" id="ikhtisar">IKHTISAR EKSEKUTIF</h1>
  <p>Realisasi <strong>Rp 7.016.295.114</strong> (92,59 %).</p></section>
<section class="bab bab-pertama" data-notebook="01">
<h1 class="bab" id="bab-1">BAB I<br>PENDAHULUAN</h1>
<h2 id="s-1-1">1.1. Latar Belakang</h2>
<h3 id="s-1-1-1">1.1.1. Dasar Hukum</h3>
<p>Teks   dengan <em>miring</em>
 dan spasi.</p>
<ol type="a"><li>Pertama</li><li>Kedua</li></ol>
<div class="analis kosong"><p><em>Penyebab belum diuraikan.</em></p></div>
<table class="lkjip" id="tabel-1-1"><caption>Tabel 1.1 Anggaran</caption>
<thead><tr><th rowspan="2">No.</th><th rowspan="2">Program</th><th colspan="2">Realisasi</th></tr>
<tr><th>Keuangan (Rp)</th><th>Keuangan (%)</th></tr></thead>
<tbody><tr class="group"><td class="num">1.</td><td>Program A</td><td class="num">1.000</td>
<td class="num">50,00</td></tr><tr class="total"><td colspan="2">Jumlah</td><td class="num">7.016.295.114</td>
<td class="num">92,59</td></tr></tbody></table>
<p class="sumber">Sumber: DPA 2016</p>
<div class="lebar"><table class="lkjip wide" id="tabel-1-2"><caption>Tabel 1.2 Kegiatan</caption>
<thead><tr><th>No.</th><th>Kegiatan</th><th>A</th><th>B</th><th>C</th><th>D</th><th>E</th><th>F</th></tr></thead>
<tbody><tr><td class="num">1.</td><td>Rapat</td><td class="num">1</td><td class="num">2</td><td class="num">3</td>
<td class="num">4</td><td class="num">5</td><td class="num">6</td></tr></tbody></table>
<p class="sumber">Sumber: DPA 2016</p></div>
<figure class="lkjip" id="gambar-1-1"><img src="{svg_uri(SVG)}" alt="Diagram batang realisasi">
<figcaption>Gambar 1.1 Realisasi</figcaption></figure><p class="sumber">Sumber: DPA 2016</p>
</section>
<section class="bab" data-notebook="04"><h1 class="bab" id="bab-4">BAB IV<br>PENUTUP</h1><p>Akhir.</p>
<div class="ttd"><p>Contoh, Februari 2017</p><p class="jabatan">KEPALA DINAS UJI</p><p class="nama"></p></div>
</section>
</main>
<footer class="provenance"><p>Disusun dengan lkjipkit 0.1.0</p></footer>
</body></html>"""


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> docx.document.Document:
    target = tmp_path_factory.mktemp("docx") / "laporan.docx"
    assert write_docx(PAGE, target) == target
    return docx.Document(str(target))


def same_length(a, b) -> bool:
    """Lengths equal to the twip (Word stores page sizes in twentieths of a point)."""
    return abs(a - b) < Cm(0.01)


def headings(document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]


def instructions(document) -> list[str]:
    return [" ".join(t.text.split()) for t in document.element.body.iter(qn("w:instrText"))]


def test_headings_are_word_heading_styles_in_order(small):
    assert headings(small) == [
        ("Heading 1", "KATA PENGANTAR"),
        ("Heading 1", "DAFTAR ISI"),
        ("Heading 1", "DAFTAR TABEL"),
        ("Heading 1", "DAFTAR GAMBAR"),
        ("Heading 1", "IKHTISAR EKSEKUTIF"),
        ("Heading 1", "BAB I\nPENDAHULUAN"),
        ("Heading 2", "1.1. Latar Belakang"),
        ("Heading 3", "1.1.1. Dasar Hukum"),
        ("Heading 1", "BAB IV\nPENUTUP"),
    ]


def test_text_keeps_inline_formatting_and_collapses_white_space(small):
    paragraph = next(p for p in small.paragraphs if p.text.startswith("Teks"))
    assert paragraph.text == "Teks dengan miring dan spasi."
    assert [r.text for r in paragraph.runs if r.italic] == ["miring"]
    items = [p.text for p in small.paragraphs if p.style.name == "Daftar"]
    assert items == ["a.\tPertama", "b.\tKedua"]


def test_lists_are_fields_that_update_on_open(small):
    assert instructions(small)[:3] == [
        'TOC \\o "1-3" \\h \\z \\u',
        'TOC \\h \\z \\c "Tabel"',
        'TOC \\h \\z \\c "Gambar"',
    ]
    begins = small.element.body.findall(".//" + qn("w:fldChar"))
    assert sum(b.get(qn("w:dirty")) == "true" for b in begins) == 3
    assert small.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"
    # until Word updates them, the lists show the page's entries
    assert any(p.text == "Tabel 1.2 Kegiatan" and p.style.name == "table of figures" for p in small.paragraphs)
    assert any(p.text == "1.1. Latar Belakang" and p.style.name == "toc 2" for p in small.paragraphs)


def test_captions_show_the_report_numbering_with_a_hidden_seq_field(small):
    captions = [p for p in small.paragraphs if p.style.name == "Caption"]
    assert [p.text for p in captions] == ["Tabel 1.1 Anggaran", "Tabel 1.2 Kegiatan", "Gambar 1.1 Realisasi"]
    assert [i for i in instructions(small) if i.startswith("SEQ")] == [
        "SEQ Tabel \\h",
        "SEQ Tabel \\h",
        "SEQ Gambar \\h",
    ]
    first_run = captions[0].runs[0]
    assert first_run.font.hidden


def test_tables_are_real_tables_with_repeating_headers_and_whole_rows(small):
    table = small.tables[0]
    assert len(table.rows) == 4 and len(table.columns) == 4
    assert [r._tr.trPr.find(qn("w:tblHeader")) is not None for r in table.rows] == [True, True, False, False]
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
    # rowspan and colspan became merged cells
    assert table.cell(0, 0)._tc is table.cell(1, 0)._tc
    assert table.cell(0, 2)._tc is table.cell(0, 3)._tc
    assert table.cell(3, 0).text == "Jumlah" and table.cell(3, 0)._tc is table.cell(3, 1)._tc
    total = table.cell(3, 2).paragraphs[0]
    assert total.text == "7.016.295.114" and total.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert all(run.bold for run in total.runs)
    assert table.cell(3, 3).text == "92,59"
    shading = table.cell(0, 1)._tc.tcPr.find(qn("w:shd"))
    assert shading.get(qn("w:fill")) == DocxSettings().header_fill


def test_sections_cover_front_matter_chapters_and_landscape(small):
    sections = small.sections
    assert all(same_length(s.page_width, Cm(21)) or same_length(s.page_width, Cm(29.7)) for s in sections)
    numbering = [s._sectPr.find(qn("w:pgNumType")) for s in sections]
    front, first_bab = numbering[1], numbering[2]
    assert (front.get(qn("w:fmt")), front.get(qn("w:start"))) == ("lowerRoman", "1")
    assert (first_bab.get(qn("w:fmt")), first_bab.get(qn("w:start"))) == ("decimal", "1")
    orientations = [s.orientation for s in sections]
    assert orientations == [WD_ORIENT.PORTRAIT] * 3 + [WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    assert same_length(sections[3].page_width, Cm(29.7))
    # the wide table and its source line are in the landscape section
    landscape_table = small.tables[1]
    assert landscape_table.cell(0, 7).text == "F"
    # the page number: a PAGE field in the footer of the front matter, which the later sections reuse
    assert sections[0].footer.is_linked_to_previous
    assert not sections[1].footer.is_linked_to_previous
    assert all(s.footer.is_linked_to_previous for s in sections[2:])
    footer_instr = [t.text.strip() for t in sections[1].footer._element.iter(qn("w:instrText"))]
    assert footer_instr == ["PAGE"]


def test_language_is_indonesian_and_page_a4(small):
    defaults = small.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "id-ID"
    assert small.core_properties.language == "id-ID"
    assert small.core_properties.title == "LKjIP 2016 Dinas Uji"
    assert same_length(small.sections[0].page_height, Cm(29.7))


def test_figure_is_a_png_at_the_text_width_with_alt_text(small):
    shapes = small.inline_shapes
    assert len(shapes) == 1
    section = small.sections[-1]
    assert same_length(shapes[0].width, section.page_width - section.left_margin - section.right_margin)
    assert shapes[0]._inline.docPr.get("descr") == "Diagram batang realisasi"
    blip = shapes[0]._inline.graphic.graphicData.pic.blipFill.blip
    assert small.part.related_parts[blip.embed].content_type == "image/png"
    source = next(
        p for p in small.paragraphs if p.text == "Sumber: DPA 2016" and p.alignment == WD_ALIGN_PARAGRAPH.CENTER
    )
    assert source.style.name == "Sumber"


def test_callouts_signatures_and_footer(small):
    callouts = [p.text for p in small.paragraphs if p.style.name == STYLE_CALLOUT]
    assert callouts == ["Penyebab belum diuraikan."]
    signature = [p.text for p in small.paragraphs if p.style.name == "Tanda Tangan"]
    assert signature == [
        "Contoh, Februari 2017",
        "KEPALA DINAS UJI",
        "BUDI",
        "Contoh, Februari 2017",
        "KEPALA DINAS UJI",
        "",
    ]
    assert small.paragraphs[-1].text == "Disusun dengan lkjipkit 0.1.0"
    cover = [p.text for p in small.paragraphs if p.style.name == "Sampul"]
    assert cover[0] == "LAPORAN KINERJA\nINSTANSI PEMERINTAH (LKjIP)\nTAHUN 2016"
    assert cover[-1] == "FEBRUARI 2017"


def test_settings_change_fonts_and_margins():
    document = build_document(PAGE, settings=replace(DocxSettings(), font="Arial", margin_left_cm=4.0))
    fonts = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:ascii")) == "Arial"
    assert same_length(document.sections[1].left_margin, Cm(4))


def test_metadata_sets_properties_and_unknown_keys_are_refused():
    assert build_document(PAGE, metadata={"author": "Dinas Uji"}).core_properties.author == "Dinas Uji"
    with pytest.raises(BuildError, match="unknown Word document properties"):
        build_document(PAGE, metadata={"colour": "red"})


def test_a_failed_write_leaves_the_previous_file_intact(tmp_path):
    target = tmp_path / "laporan.docx"
    write_docx(PAGE, target)
    before = target.read_bytes()
    broken = PAGE.replace(svg_uri(SVG), svg_uri("<svg this is not svg"))
    with pytest.raises(BuildError, match="cannot be rasterised"):
        write_docx(broken, target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan.docx"]


def test_a_page_that_refers_outside_itself_is_refused(tmp_path):
    page = PAGE.replace(svg_uri(SVG), "https://example.org/gambar.svg")
    with pytest.raises(BuildError, match="embeds everything"):
        write_docx(page, tmp_path / "laporan.docx")
    assert not any(tmp_path.iterdir())


def test_a_page_without_content_is_refused():
    with pytest.raises(BuildError, match="no content"):
        build_document("<html><head><title>x</title></head></html>")


# --- the seed report -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory, seed_path) -> tuple[str, Path]:
    """The seed report's page (built once) and its Word document."""
    from lkjipkit.publish import build_report

    out = tmp_path_factory.mktemp("seed") / "2016"
    result = build_report(seed_path, 2016, out, formats=("html",), progress=False)
    page = result.outputs["html"].read_text(encoding="utf-8")
    return page, write_docx(page, out / "laporan.docx")


def caption_numbers(page: str) -> list[str]:
    """The numbers ("Tabel 3.1", "Gambar 3.1") of the page's table and figure captions, in page order."""
    return re.findall(r"<(?:caption|figcaption)>((?:Tabel|Gambar) [0-9L]+\.[0-9]+)", page)


@pytest.mark.slow
def test_seed_report_has_every_heading_table_and_figure(seed_docx):
    page, path = seed_docx
    document = docx.Document(str(path))
    chapter_titles = [re.sub(r"<br>", "\n", t) for t in re.findall(r'<h1 class="(?:bab|depan)"[^>]*>(.*?)</h1>', page)]
    assert [t for s, t in headings(document) if s == "Heading 1"] == chapter_titles
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    numbers = caption_numbers(page)
    tables = [n for n in numbers if n.startswith("Tabel")]
    figures = [n for n in numbers if n.startswith("Gambar")]
    assert len(tables) >= 15 and len(figures) >= 5
    assert [re.match(r"\S+ \S+", c).group(0) for c in captions] == numbers
    # every numbered table is a Word table right after its caption, its header row repeating; the only
    # other tables are the Perjanjian Kinerja's layout of the two parties (Nama / Jabatan)
    numbered = [t for t in document.tables if _after_caption(t)]
    assert len(numbered) == len(tables)
    assert len(document.tables) - len(numbered) == page.count('<table class="pk-pihak"')
    assert len(document.inline_shapes) == len(figures)
    assert all(t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None for t in numbered)


def _after_caption(table) -> bool:
    before = table._tbl.getprevious()
    style = before.find(qn("w:pPr") + "/" + qn("w:pStyle")) if before is not None else None
    return style is not None and style.get(qn("w:val")) == "Caption"


@pytest.mark.slow
def test_seed_report_key_figures_are_in_the_budget_table(seed_docx):
    page, path = seed_docx
    document = docx.Document(str(path))
    caption = next(
        p for p in document.paragraphs if p.style.name == "Caption" and "Realisasi Anggaran per Kegiatan" in p.text
    )
    table_el = caption._p.getnext()
    assert table_el.tag == qn("w:tbl")
    table = next(t for t in document.tables if t._tbl is table_el)
    total = [c.text for c in table.rows[-1].cells]
    assert "7.016.295.114" in total and "92,59" in total
    landscape = [s for s in document.sections if s.orientation == WD_ORIENT.LANDSCAPE]
    assert len(landscape) == page.count('<div class="lebar">') == 7  # one landscape section per wide table


@pytest.mark.slow
@needs("soffice")
@needs("pdftotext")
def test_seed_report_converts_with_libreoffice(seed_docx, tmp_path):
    _, path = seed_docx
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    pdf = tmp_path / "laporan.pdf"
    from pypdf import PdfReader

    assert 40 <= len(PdfReader(pdf).pages) <= 80  # the WeasyPrint PDF of the seed report has about 55
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for chapter in ("BAB I", "BAB II", "BAB III", "BAB IV", "KATA PENGANTAR", "DAFTAR ISI", "LAMPIRAN"):
        assert re.search(rf"^\s*{chapter}\s*$", text, re.MULTILINE), chapter
    assert "7.016.295.114" in text
