"""The documents a submission carries (issue 12): the Perjanjian Kinerja, signature blocks with rank and NIP,
the logo and the organisation chart, the Pernyataan Telah Direviu, disclosed corrections, real sources."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from submission_helpers import INSPEKTUR, KEPALA, WALIKOTA, complete_copy, png

from lkjipkit.analysis import analyse
from lkjipkit.analysis.corrections import corrections, differs
from lkjipkit.cli import main
from lkjipkit.dataset import load_dataset
from lkjipkit.errors import DatasetError
from lkjipkit.publish.assemble import ChapterHTML, render_page
from lkjipkit.report import open_chapter
from lkjipkit.report.front import front_matter, signature_block


@pytest.fixture(scope="module")
def complete(seed_path, tmp_path_factory):
    return complete_copy(seed_path, tmp_path_factory.mktemp("lengkap") / "ds")


def _text(markup) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", str(markup))).strip()


# --- Perjanjian Kinerja ---------------------------------------------------------------------------------


def test_the_pk_names_both_parties_the_targets_the_budget_and_both_signatures(complete):
    pk = open_chapter(complete, 2016, "lampiran").agreement()
    text = _text(pk)
    assert text.startswith("PERJANJIAN KINERJA TAHUN 2016 DINAS TENAGA KERJA DAN SOSIAL KOTA BALIKPAPAN")
    # the statement: the head of agency as pihak pertama, the Walikota as pihak kedua
    assert f"Nama : {KEPALA['nama']} Jabatan : KEPALA DINAS TENAGA KERJA DAN SOSIAL KOTA BALIKPAPAN" in text
    assert "selanjutnya disebut pihak pertama" in text
    assert f"Nama : {WALIKOTA['nama']} Jabatan : WALIKOTA BALIKPAPAN" in text
    assert "selaku atasan pihak pertama, selanjutnya disebut pihak kedua" in text
    assert "Pihak pertama berjanji akan mewujudkan target kinerja" in text
    # the sasaran-IKU-target table and the program budget with its total (the PK budgets sum to 7.577.432.700)
    assert "Persentase pencari kerja yang mendapatkan pelatihan 70 %" in text
    assert "Program Pelayanan Administrasi Perkantoran" in text
    assert "Jumlah 7.577.432.700" in text
    # both signature blocks, twice (statement and attachment): pihak kedua left, pihak pertama right
    assert str(pk).count('<div class="ttd-pk">') == 2
    pair = str(pk).split('<div class="ttd-pk">')[-1]
    left, right = pair.split('<div class="ttd">')[1:3]
    assert "PIHAK KEDUA," in left and WALIKOTA["nama"] in left and "NIP" not in left  # elected: no NIP
    assert "Balikpapan, 29 Januari 2016" in right and "PIHAK PERTAMA," in right
    assert KEPALA["nama"] in right and KEPALA["pangkat"] in right and f"NIP {KEPALA['nip']}" in right
    # the logo on top, the attachment on a new page, its last table kept with the signatures
    assert str(pk).count('<p class="pk-logo"><img src="data:image/png;base64,') == 2
    assert '<div class="page-break">' in str(pk)
    assert re.search(r'<div class="pk-akhir">.*Anggaran Program.*<div class="ttd-pk">', str(pk), re.S)


def test_without_a_second_party_its_name_and_title_stay_blank(seed):
    pk = open_chapter(seed.source, 2016, "lampiran").agreement()
    text = _text(pk)
    assert "Nama : Jabatan : selaku atasan pihak pertama" in text  # the form's blanks, nothing invented
    assert "WALIKOTA" not in text
    assert "PIHAK KEDUA," in text and "Balikpapan PIHAK PERTAMA," in text  # no date in the seed: the place alone
    assert "pk-logo" not in str(pk)  # no logo in the seed


# --- signatures ------------------------------------------------------------------------------------------


def test_one_signature_block_with_rank_and_nip_in_the_kata_pengantar_bab_iv_and_the_pk(complete):
    front = front_matter(load_dataset(complete), 2016)
    expected = signature_block(
        tempat="Balikpapan",
        tanggal="Februari 2017",
        jabatan="KEPALA DINAS TENAGA KERJA DAN SOSIAL KOTA BALIKPAPAN",
        nama=KEPALA["nama"],
        pangkat=KEPALA["pangkat"],
        nip=KEPALA["nip"],
    )
    assert front.signature.html() == expected
    assert str(open_chapter(complete, 2016, 4).signature()) == expected
    assert f'<p class="pangkat">{KEPALA["pangkat"]}</p><p>NIP {KEPALA["nip"]}</p>' in expected


def test_a_signature_without_rank_or_nip_prints_no_empty_lines():
    s = str(signature_block(jabatan="WALIKOTA", nama="A"))
    assert s == '<div class="ttd"><p class="jabatan">WALIKOTA</p><p class="nama">A</p></div>'
    assert "NIP" not in str(signature_block(tempat="X", tanggal=None, jabatan="K"))
    assert "<p>X</p>" in str(signature_block(tempat="X", tanggal=None, jabatan="K"))


# --- Pernyataan Telah Direviu ------------------------------------------------------------------------------


def test_the_reviu_statement_follows_the_kata_pengantar_with_the_standard_text_and_signature(complete, seed):
    front = front_matter(load_dataset(complete), 2016)
    text = _text(front.pernyataan_reviu)
    assert text.startswith("Nomor: 700/01/INSP Kami telah mereviu Laporan Kinerja Dinas Tenaga Kerja dan Sosial")
    assert "memberikan keyakinan terbatas" in text
    assert f"Balikpapan, 20 Februari 2017 {INSPEKTUR['jabatan']} {INSPEKTUR['nama']}" in text
    assert f"NIP {INSPEKTUR['nip']}" in text
    page = render_page([ChapterHTML("01", '<h1 class="bab" id="bab-1">BAB I</h1>')], front=front, title="t").html
    assert page.index('id="kata-pengantar"') < page.index('id="pernyataan-reviu"') < page.index('id="daftar-isi"')
    assert 'href="#pernyataan-reviu">PERNYATAAN TELAH DIREVIU</a>' in page
    assert front_matter(seed, 2016).pernyataan_reviu is None  # optional: the seed has none


# --- logo and organisation chart ---------------------------------------------------------------------------


def test_the_cover_shows_the_logo(complete):
    front = front_matter(load_dataset(complete), 2016)
    page = render_page([ChapterHTML("01", '<h1 class="bab" id="bab-1">BAB I</h1>')], front=front, title="t").html
    assert '<div class="logo">' in page and '<img src="data:image/png;base64,' in page


def test_the_organisation_chart_is_figure_1_1_of_section_1_2_and_in_the_daftar_gambar(complete):
    bab = open_chapter(complete, 2016, 1)
    bab.section("Latar Belakang")
    bab.section("Struktur Organisasi")
    html = str(bab.organisation())
    caption = "Gambar 1.1 Struktur Organisasi Dinas Tenaga Kerja dan Sosial Kota Balikpapan"
    assert f"<figcaption>{caption}</figcaption>" in html
    assert html.index("sebagai berikut :") < html.index('<figure class="lkjip bagan" id="gambar-1-1">')
    assert '<img src="data:image/png;base64,' in html
    page = render_page([ChapterHTML("01", str(bab.title()) + html)], front=front_matter(bab.ds, 2016), title="t")
    assert [f.text for f in page.figures] == [caption]


@pytest.mark.parametrize(
    ("write", "says"),
    [
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n"), "not a PNG or JPEG image that can be read"),
        (lambda p: p.write_bytes(png(p).read_bytes()[:60]), "damaged and cannot be decoded"),
        (lambda p: png(p, (8000, 6000), (0, 0, 0)), "the limit is 25,000,000 pixels (image size)"),
        (lambda p: png(p, (40000, 20), (0, 0, 0)), "at most 32,767 px a side"),
    ],
    ids=["not-an-image", "truncated", "40-megapixels", "40000-px-wide"],
)
def test_an_organisation_chart_that_cannot_be_loaded_is_a_validation_error(seed_copy, write, says):
    write(seed_copy / "bagan.png")
    profil = seed_copy / "profil.yaml"
    text = profil.read_text().replace("  logo: null\n", "  logo: null\n  bagan_organisasi: bagan.png\n")
    profil.write_text(text)
    line = text.splitlines().index("  bagan_organisasi: bagan.png") + 1
    with pytest.raises(DatasetError) as e:
        load_dataset(seed_copy)
    assert f"profil.yaml:{line}:instansi.bagan_organisasi: 'bagan.png' " in str(e.value)
    assert says in str(e.value)
    r = CliRunner().invoke(main, ["validate", str(seed_copy)])
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert f"profil.yaml:{line}:instansi.bagan_organisasi" in r.output


def test_a_missing_chart_or_a_broken_logo_is_a_validation_error(seed_copy):
    (seed_copy / "logo.svg").write_text("<html></html>")
    profil = seed_copy / "profil.yaml"
    profil.write_text(
        profil.read_text().replace("  logo: null\n", "  logo: logo.svg\n  bagan_organisasi: tidak-ada.png\n")
    )
    with pytest.raises(DatasetError) as e:
        load_dataset(seed_copy)
    message = str(e.value)
    assert "instansi.logo: 'logo.svg' cannot be loaded: not an SVG image: the root element is <html>" in message
    assert "instansi.bagan_organisasi: 'tidak-ada.png' does not exist in the dataset folder" in message


# --- corrections and sources ---------------------------------------------------------------------------------


def test_the_pmks_2014_correction_is_a_fact_of_the_analysis(seed):
    k = corrections(analyse(seed, 2016))
    assert k[["tabel", "kolom", "kode", "tahun", "tercetak", "a", "b"]].values.tolist() == [
        ["spm_realisasi", "realisasi_tercetak", "SPM-SOS-1", 2014, 7.61, 825.0, 12165.0]
    ]
    assert round(k["dihitung"].iloc[0], 2) == 6.78
    assert not differs(92.594, 92.59, "%") and differs(92.6, 92.59, "%")  # at the printed precision
    assert not differs(1000.4, 1000, "Rp") and differs(1001, 1000, "Rp")


def test_the_spm_tables_disclose_the_pmks_2014_correction(seed):
    html = str(open_chapter(seed.source, 2016, 3).spm())
    note = (
        "Koreksi tahun 2014 — Persentase PMKS yang memperoleh bantuan sosial dalam 1 tahun: 6,78 %, dihitung dari "
        "825 / 12.165; tercetak 7,61 % dalam laporan sebelumnya."
    )
    assert html.count(f'<p class="catatan koreksi">{note}</p>') == 2  # the SPM sosial table and the counts table


def test_budget_and_capaian_corrections_are_noted_under_their_tables(seed_copy):
    t = seed_copy / "iku_tahunan.csv"
    t.write_text(t.read_text().replace("IKU1,2016,70,51.47,,", "IKU1,2016,70,51.47,,80"))
    a = seed_copy / "program_tahunan.csv"
    rows = a.read_text().splitlines()
    header = rows[0].split(",")
    first = rows[1].split(",")
    first[header.index("pagu_perubahan_tercetak")] = "1"
    a.write_text("\n".join([rows[0], ",".join(first), *rows[2:]]) + "\n")
    bab = open_chapter(seed_copy, 2016, 3)
    assert "Koreksi tahun 2016 — Persentase pencari kerja yang mendapatkan pelatihan: 73,53 %, dihitung dari " in (
        _text(bab.achievement_table())
    )
    assert "tercetak 80,00 % dalam laporan sebelumnya" in _text(bab.achievement_table())
    assert "Koreksi tahun 2016 — subtotal APBD-P Program Pelayanan Administrasi Perkantoran: Rp " in _text(
        bab.budget_table()
    )
    assert "tercetak Rp 1 dalam laporan sebelumnya" in _text(bab.budget_table())


def test_no_source_line_cites_the_report_itself(seed):
    bab = open_chapter(seed.source, 2016, 3)
    html = str(bab.achievement_table()) + str(bab.achievement_figure()) + str(bab.spm())
    sources = re.findall(r'<p class="sumber">([^<]*)</p>', html)
    assert sources and not [s for s in sources if "LKjIP" in s or "Tabel" in s]
    assert '<p class="sumber">' not in str(bab.achievement_table())  # IKU rows without a source: no line


# --- as printed (PDF) ---------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")
def test_the_pk_page_in_the_pdf(complete, tmp_path):
    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["build", str(complete), "--out", str(out), "--format", "html,pdf"])
    assert r.exit_code == 0, r.output
    pdf = next(out.rglob("*.pdf"))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    pk = [i for i, p in enumerate(pages) if "selaku atasan pihak pertama" in p]
    assert len(pk) == 1
    statement = re.sub(r"\s+", " ", pages[pk[0]])
    assert "PERJANJIAN KINERJA TAHUN 2016" in statement and WALIKOTA["nama"] in statement
    assert KEPALA["nama"] in statement and f"NIP {KEPALA['nip']}" in statement
    attachment = re.sub(r"\s+", " ", " ".join(pages[pk[0] + 1 : pk[0] + 3]))
    assert "Jumlah 7.577.432.700" in attachment
    last = next(p for p in pages[pk[0] + 1 :] if "7.577.432.700" in p)
    assert "PIHAK KEDUA," in last and "PIHAK PERTAMA," in last and KEPALA["nip"] in last  # kept with the table
    assert "PERNYATAAN TELAH DIREVIU" in text and "Gambar 1.1 Struktur Organisasi" in text
