"""Assembling the report page: Daftar Isi from the chapters' headings, the front matter placed, escaping,
self-containment."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from lkjipkit.errors import BuildError
from lkjipkit.publish.assemble import ChapterHTML, Footer, keep_units_together, render_page
from lkjipkit.report.front import Front, Signature, kata_pengantar_blocks

BAB1 = (
    '<h1 class="bab" id="bab-1">BAB I<br>PENDAHULUAN</h1>'
    '<h2 id="s-1-1">1.1. Latar Belakang</h2><p>Teks.</p>'
    "<h3>1.1.1. Tanpa id</h3>"
    '<table class="lkjip" id="tabel-1-1"><caption>Tabel 1.1 Indikator</caption>'
    '<thead><tr><th>Kode</th><th>Nilai (%)</th></tr></thead><tbody><tr><td>IKU1</td><td class="num">92,59</td></tr>'
    '<tr class="total"><td>Jumlah</td><td class="num">92,59</td></tr></tbody></table><p class="sumber">Sumber: DPA</p>'
    "<h2>1.2. Judul tanpa id</h2>"
)
IKHTISAR = '<h1 class="bab" id="ikhtisar">IKHTISAR EKSEKUTIF</h1><p>Ringkas.</p>'
BAB3 = (
    '<h1 class="bab" id="bab-3">BAB III<br>AKUNTABILITAS KINERJA</h1><h2 id="s-3-1">3.1. Capaian</h2>'
    '<figure class="lkjip" id="gambar-3-1"><img src="data:image/svg+xml;base64,PHN2Zy8+" alt="x">'
    "<figcaption>Gambar 3.1 Capaian</figcaption></figure>"
)


def _front(**kw) -> Front:
    base = {
        "year": 2016,
        "instansi": "Dinas Tenaga Kerja dan Sosial",
        "pemerintah": "Kota Balikpapan",
        "terbit": "Februari 2017",
        "kata_pengantar": kata_pengantar_blocks("Puji syukur.\n\nBerpedoman kepada :\n\nTerima kasih.", ["A;", "B."]),
        "signature": Signature("Balikpapan", "Februari 2017", "KEPALA DINAS", "NAMA", "1967 1123"),
    }
    return Front(**{**base, **kw})


def _page(chapters=None, **front):
    chapters = chapters or [ChapterHTML("00_ikhtisar", IKHTISAR), ChapterHTML("01_pendahuluan", BAB1)]
    footer = Footer("9.9.9", "ab" * 32, dt.datetime(2017, 2, 1, tzinfo=dt.UTC))
    return render_page(chapters, front=_front(**front), footer=footer, title="LKjIP 2016")


def test_daftar_isi_lists_h1_and_h2_of_every_chapter_in_order_and_links_resolve():
    page = _page([ChapterHTML("00_ikhtisar", IKHTISAR), ChapterHTML("01_pendahuluan", BAB1), ChapterHTML("03", BAB3)])
    assert [(e.level, e.text) for e in page.toc] == [
        (1, "IKHTISAR EKSEKUTIF"),
        (1, "BAB I PENDAHULUAN"),
        (2, "1.1. Latar Belakang"),
        (2, "1.2. Judul tanpa id"),
        (1, "BAB III AKUNTABILITAS KINERJA"),
        (2, "3.1. Capaian"),
    ]
    # chapters before BAB I are front matter (numbered i, ii, ... in the PDF)
    assert [e.front for e in page.toc][:2] == [True, False]
    ids = set(re.findall(r'\sid="([^"]+)"', page.html))
    links = re.findall(r'<a(?: class="depan")? href="#([^"]+)"', page.html)
    assert links and all(link in ids for link in links), set(links) - ids
    assert "#kata-pengantar" in page.html and "#tabel-1-1" in page.html and "#gambar-3-1" in page.html


def test_a_heading_without_id_gets_one_and_the_chapter_is_otherwise_unchanged():
    page = _page()
    entry = next(e for e in page.toc if e.text == "1.2. Judul tanpa id")
    assert entry.ident == "01_pendahuluan-judul-3"
    assert f'<h2 id="{entry.ident}">1.2. Judul tanpa id</h2>' in page.html
    assert BAB1.split("<h3>")[0] in page.html  # everything before it, byte for byte


def test_tables_and_figures_get_their_own_lists():
    page = _page([ChapterHTML("01", BAB1), ChapterHTML("03", BAB3)])
    assert [(c.ident, c.text) for c in page.tables] == [("tabel-1-1", "Tabel 1.1 Indikator")]
    assert [(c.ident, c.text) for c in page.figures] == [("gambar-3-1", "Gambar 3.1 Capaian")]
    assert 'id="daftar-tabel"' in page.html and 'id="daftar-gambar"' in page.html


def test_cover_kata_pengantar_signature_and_provenance_footer():
    html = _page().html
    assert "LAPORAN KINERJA<br>INSTANSI PEMERINTAH (LKjIP)<br>TAHUN 2016" in html
    assert "DINAS TENAGA KERJA DAN SOSIAL<br>KOTA BALIKPAPAN" in html
    assert "FEBRUARI 2017" in html
    assert 'class="logo kosong"' in html  # an empty logo slot
    assert '<p class="jabatan">KEPALA DINAS</p>' in html and "<p>NIP 1967 1123</p>" in html
    assert "lkjipkit 9.9.9" in html and "abababababababab" in html and "2017-02-01" in html


def test_script_in_analyst_markdown_is_shown_as_text_never_run():
    evil = "Halo **tebal**.\n\n<script>alert('x')</script>\n\n<img src=http://example.com/a.png onerror=alert(1)>"
    html = _page(kata_pengantar=kata_pengantar_blocks(evil, [])).html
    assert "<strong>tebal</strong>" in html
    assert "<script" not in html and "<img src=http" not in html
    assert (
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html or "&lt;script&gt;alert('x')&lt;/script&gt;" in html
    )


def test_values_from_the_dataset_are_escaped_everywhere():
    html = _page(instansi="Dinas <script>x</script>", signature=Signature("K<b>", "Feb", "J&", None)).html
    assert "<script>x" not in html and "&lt;SCRIPT&gt;X&lt;/SCRIPT&gt;" in html
    assert "K&lt;b&gt;" in html and "J&amp;" in html


@pytest.mark.parametrize(
    "fragment, what",
    [
        ("<p>x</p><script>alert(1)</script>", "<script>"),
        ('<img src="https://cdn.example.com/a.png">', "loaded from outside"),
        ('<link rel="stylesheet" href="https://cdn.example.com/a.css">', "<link>"),
        ('<p onclick="alert(1)">x</p>', "event handler"),
        ('<div style="background: url(http://example.com/a.png)">x</div>', "loads"),
        ("<style>@import 'http://example.com/a.css';</style>", "loads"),
        ('<a href="javascript:alert(1)">x</a>', "javascript: link"),
        ('<iframe src="data:text/html,hi"></iframe>', "<iframe>"),
    ],
)
def test_a_chapter_with_code_or_network_resources_is_refused_with_its_name(fragment, what):
    with pytest.raises(BuildError, match=r"chapter 03_akuntabilitas_kinerja: its output contains") as err:
        render_page([ChapterHTML("03_akuntabilitas_kinerja", BAB3 + fragment)])
    assert what in str(err.value)


def test_links_to_websites_and_embedded_images_are_fine():
    ok = '<p><a href="http://disnakersos.balikpapan.go.id">situs</a></p><img src="data:image/png;base64,AA==" alt="">'
    page = render_page([ChapterHTML("01", BAB1 + ok)])
    assert page.warnings == []


def test_duplicate_ids_and_a_missing_chapter_title_are_warnings():
    page = _page(
        [ChapterHTML("01", BAB1), ChapterHTML("02", BAB1.replace("<h1", "<h1 hidden")), ChapterHTML("09", "<p>")]
    )
    assert any("'bab-1' is used 2 times (01, 02)" in w for w in page.warnings)
    assert any("chapter 09: no <h1>" in w for w in page.warnings)


def test_the_page_loads_nothing_and_runs_nothing():
    html = _page([ChapterHTML("01", BAB1), ChapterHTML("03", BAB3)]).html
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert not re.search(r"url\(\s*['\"]?(?!data:|#)", html)
    assert '<meta name="viewport"' in html and "@page" in html and "@media print" in html


def test_a_number_keeps_its_percent_sign_and_rp_its_amount_on_one_line():
    nb = "\u00a0"
    out = keep_units_together('<p title="5 %">capaian 44,55 % dan Rp 7.016.295.114</p><img alt="Rp 1" src="data:x">')
    assert out == f'<p title="5 %">capaian 44,55{nb}% dan Rp{nb}7.016.295.114</p><img alt="Rp 1" src="data:x">'
    page = render_page([ChapterHTML("01_x", '<h1 class="bab" id="bab-1">BAB I</h1><p>sebesar 92,59 %</p>')]).html
    assert f"92,59{nb}%" in page
