"""The HTML contract of docs/report-html.md: markup, ids, numbering, escaping, analyst Markdown."""

from __future__ import annotations

import base64
import re

from markupsafe import Markup

from lkjipkit.report import html
from lkjipkit.report.html import Cell, num, row


def test_block_is_displayed_as_html():
    b = html.block("a < b", Markup("<p>x</p>"))
    assert b._repr_html_() == "a &lt; b<p>x</p>"
    assert "<" not in repr(b)


def test_headings_follow_the_contract():
    assert str(html.heading_bab(ident="bab-3", lines=["BAB III", "AKUNTABILITAS KINERJA"])) == (
        '<h1 class="bab" id="bab-3">BAB III<br>AKUNTABILITAS KINERJA</h1>'
    )
    assert str(html.heading(2, "s-3-1", "3.1", "Capaian Kinerja Organisasi")) == (
        '<h2 id="s-3-1">3.1. Capaian Kinerja Organisasi</h2>'
    )


def test_numbering_is_stable_when_a_cell_runs_again():
    n = html.Numbering("3", "3")
    assert n.section("Capaian") == 1
    assert n.subsection("Sasaran 1") == (1, 1)
    assert n.subsection("Sasaran 2") == (1, 2)
    assert n.section("Anggaran") == 2
    assert n.section("Capaian") == 1  # re-run: same number
    assert n.next("tabel", "A") == 1
    assert n.next("tabel", "B") == 2
    assert n.next("tabel", "A") == 1
    assert n.number(2) == "3.2"
    assert n.ident("tabel", 2) == "tabel-3-2"
    assert html.Numbering("L", "l").number(1) == "L.1"


def test_table_markup():
    t = html.table(
        ident="tabel-3-2",
        caption="Tabel 3.2 Contoh <b>",
        header=[["No.", "Program", Cell("Pagu (Rp)", colspan=1)]],
        rows=[row(["I.", "Program A", num("1.000")], "group"), row([Cell("Jumlah", colspan=2), num("1.000")], "total")],
        source="Data <uji>",
        note="catatan",
    )
    s = str(t)
    assert s.startswith('<table class="lkjip" id="tabel-3-2"><caption>Tabel 3.2 Contoh &lt;b&gt;</caption><thead>')
    assert '<tr class="group">' in s and '<tr class="total">' in s
    assert '<td class="num">1.000</td>' in s
    assert '<td colspan="2">Jumlah</td>' in s
    assert s.endswith('</table><p class="sumber">Sumber: Data &lt;uji&gt;</p><p class="catatan">catatan</p>')
    assert "wide" not in s


def test_wide_tables_past_seven_columns():
    t = html.table(ident="t", caption="c", header=[[str(i) for i in range(8)]], rows=[])
    assert 'class="lkjip wide"' in str(t)


def test_a_wide_table_keeps_its_source_and_notes_on_its_landscape_pages():
    t = str(
        html.table(
            ident="t",
            caption="c",
            header=[[str(i) for i in range(8)]],
            rows=[],
            source="S",
            note=Markup('<p class="catatan">a</p><p class="catatan">b</p>'),
        )
    )
    assert t.startswith('<div class="lebar"><table class="lkjip wide" id="t">')
    assert t.endswith('<p class="sumber">Sumber: S</p><p class="catatan">a</p><p class="catatan">b</p></div>')


def test_a_table_of_many_columns_may_stay_portrait():
    t = str(html.table(ident="t", caption="c", header=[[str(i) for i in range(9)]], rows=[], wide=False))
    assert t.startswith('<table class="lkjip" id="t">') and "lebar" not in t


def test_figure_is_an_svg_data_uri():
    svg = '<svg xmlns="http://www.w3.org/2000/svg"></svg>'
    f = str(html.figure(ident="gambar-3-1", caption="Gambar 3.1 A & B", svg=svg, alt='x"y', source="S"))
    m = re.match(
        r'<figure class="lkjip" id="gambar-3-1"><img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="x&#34;y">'
        r"<figcaption>Gambar 3.1 A &amp; B</figcaption></figure><p class=\"sumber\">Sumber: S</p>$",
        f,
    )
    assert m, f
    assert base64.b64decode(m.group(1)).decode() == svg


def test_analyst_markdown_never_runs_html():
    out = str(html.analyst_text("**penting** <script>alert(1)</script>\n\n- satu\n- dua"))
    assert out.startswith('<div class="analis">')
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<strong>penting</strong>" in out and "<li>satu</li>" in out


def test_analyst_markdown_adds_no_headings_and_no_remote_images():
    out = str(html.markdown("# Judul\n\n![x](http://example.com/a.png)\n\n[tautan](javascript:alert(1))"))
    assert "<h1" not in out and "<img" not in out
    assert 'href="javascript' not in out  # shown as text, never a link


def test_empty_analyst_text():
    assert str(html.analyst_text(None)) == ""
    assert str(html.analyst_text("  ")) == ""


def test_catatan_penyusun_is_a_labelled_note_with_what_and_where():
    class G:
        teks = "IKU6 Persentase <PMKS>: solusi belum diuraikan"
        lokasi = "analisis_iku.csv, baris 7, kolom solusi"

    out = str(html.catatan_penyusun([G()]))
    assert out.startswith('<aside class="catatan-penyusun" role="note"')
    assert '<p class="judul-catatan">Catatan penyusun</p>' in out
    assert "solusi belum diuraikan." in out and "&lt;PMKS&gt;" in out
    assert '<span class="lokasi">Isi: analisis_iku.csv, baris 7, kolom solusi</span>' in out
    assert "Catatan penyusun" in str(html.catatan_penyusun("Lengkapi bagan."))
    assert str(html.catatan_penyusun([])) == "" == str(html.catatan_penyusun(""))


def test_lists_and_paragraphs_escape():
    assert str(html.paragraph("a < b", Markup("<em>c</em>"))) == "<p>a &lt; b <em>c</em></p>"
    assert str(html.bullet_list(["x<y"], jenis="a")) == '<ol type="a"><li>x&lt;y</li></ol>'
    assert str(html.bullet_list([])) == ""


def test_missing_cells_are_empty_not_na():
    import pandas as pd

    t = str(html.table(ident="t", caption="c", header=[["a", "b"]], rows=[row([pd.NA, None])]))
    assert "<td></td><td></td>" in t and "NA" not in t
