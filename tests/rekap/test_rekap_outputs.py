"""The recap's files: HTML offline in headless Chromium (sorting works), PDF as text, xlsx, the command."""

from __future__ import annotations

import subprocess

import pytest
from build_helpers import needs
from click.testing import CliRunner
from conftest import YEAR

from lkjipkit.cli import main
from lkjipkit.rekap.facts import TABLES


@pytest.fixture(scope="module")
def outputs(city, city_rpjmd, tmp_path_factory):
    """The city's recap in every format, with its RPJMD mapping, made by the command."""
    agencies, root = city
    out = tmp_path_factory.mktemp("rekap") / "out"
    args = ["rekap", str(root), *(str(a.path) for a in agencies), "--year", str(YEAR), "--out", str(out)]
    args += ["--rpjmd", str(city_rpjmd)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return agencies, out, result.output


def test_command_names_the_files_and_the_absent(outputs):
    agencies, out, text = outputs
    assert f"rekap {YEAR}: 39 agencies" in text
    assert all(str(out / f) in text for f in ("rekap.html", "rekap.pdf", "rekap.xlsx"))
    assert f"tidak ada {agencies[-1].slug}: no report; the dataset does not validate" in text


def test_command_errors_are_messages(tmp_path):
    result = CliRunner().invoke(main, ["rekap", str(tmp_path / "nowhere"), "--year", "2016"])
    assert result.exit_code == 1 and "error:" in result.output and "no such folder" in result.output
    result = CliRunner().invoke(main, ["rekap", str(tmp_path), "--year", "2016", "--format", "docx"])
    assert result.exit_code == 1 and "unknown recap format docx" in result.output


@needs("pdftotext")
def test_pdf_text(outputs):
    agencies, out, _ = outputs
    text = subprocess.run(
        ["pdftotext", "-layout", str(out / "rekap.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert f"REKAPITULASI LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN {YEAR}" in flat
    for caption in ("Tabel 1. Kinerja per instansi", "Tabel 2. Anggaran per instansi", "Gambar 1.", "Gambar 3."):
        assert caption in flat
    raw = subprocess.run(["pdftotext", str(out / "rekap.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    squeezed = "".join(raw.split()).replace("-", "")  # a slug may be hyphenated across lines
    assert "Tabel 6. Instansi yang tidak masuk rekap" in flat
    assert agencies[-1].slug.replace("-", "") in squeezed and "does not validate" in flat
    assert text.count("\f") >= 5
    assert "Tabel 7. Indikator RPJMD dan capaian gabungan IKU instansi" in flat
    assert "Tabel 8. Kontribusi IKU instansi pada RPJMD-01 Indeks Pembangunan Manusia" in flat
    assert "rataratatertimbangcapaianIKU" in squeezed and "IKUTIDAKADA" in squeezed


@needs("pdfimages")
def test_pdf_figures_are_vector_and_embed_nothing_else(outputs):
    _, out, _ = outputs
    listing = subprocess.run(["pdfimages", "-list", str(out / "rekap.pdf")], capture_output=True, text=True, check=True)
    assert len(listing.stdout.strip().splitlines()) == 2  # header lines only: the SVG figures stay vector


def test_xlsx(outputs):
    from openpyxl import load_workbook

    _, out, _ = outputs
    wb = load_workbook(out / "rekap.xlsx")
    assert len(wb.sheetnames) == len(TABLES)
    ws = wb["Instansi"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    header = [c.value for c in ws[1]]
    assert header == [c.header for c in TABLES["instansi"].columns]
    assert ws.max_row == 40  # 39 agencies and the header
    pagu = header.index("Pagu (Rp)") + 1
    assert ws.cell(2, pagu).number_format == "#,##0" and isinstance(ws.cell(2, pagu).value, int | float)
    assert wb["Tidak masuk rekap"].max_row == 2
    rpjmd = wb["Indikator RPJMD"]
    assert [c.value for c in rpjmd[1]] == [c.header for c in TABLES["rpjmd"].columns]
    assert rpjmd.max_row == 7 and rpjmd.cell(2, 8).number_format == "0.00"
    assert wb["Kontribusi RPJMD"].max_row == 1 + sum(row[4].value for row in rpjmd.iter_rows(min_row=2))


@pytest.mark.browser
@needs("chromium")
def test_html_offline_and_sortable_in_chromium(outputs, tmp_path):
    from chromium import Browser

    _, out, _ = outputs
    html = (out / "rekap.html").read_text(encoding="utf-8")
    assert "<script src" not in html and "http://" not in html.split("<footer")[0]
    with Browser() as browser:
        load = browser.open(out / "rekap.html")
        assert load.external_requests == [] and load.failed == []
        assert load.console_errors == [] and load.exceptions == []
        column = """(t, i) => [...document.querySelectorAll(t + ' tbody tr')].map(r => r.cells[i].textContent.trim())"""
        before = browser.evaluate(f"({column})('#tabel-rekap-2', 6)")
        browser.evaluate("document.querySelectorAll('#tabel-rekap-2 thead th button')[6].click()")
        ascending = browser.evaluate(f"({column})('#tabel-rekap-2', 6)")
        browser.evaluate("document.querySelectorAll('#tabel-rekap-2 thead th button')[6].click()")
        descending = browser.evaluate(f"({column})('#tabel-rekap-2', 6)")
        header = browser.evaluate("document.querySelectorAll('#tabel-rekap-2 thead th')[6].textContent")
        sort = browser.evaluate("document.querySelectorAll('#tabel-rekap-2 thead th')[6].getAttribute('aria-sort')")
        names = browser.evaluate(f"({column})('#tabel-rekap-1', 1)")
        browser.evaluate("document.querySelectorAll('#tabel-rekap-1 thead th button')[1].click()")
        by_name = browser.evaluate(f"({column})('#tabel-rekap-1', 1)")
        browser.screenshot(tmp_path / "rekap.png")

    def number(text):
        return float(text.replace(" %", "").replace(".", "").replace(",", "."))

    assert header.startswith("Serapan") and sort == "descending"
    assert [number(v) for v in before] == sorted((number(v) for v in before), reverse=True)  # printed ranked
    assert [number(v) for v in ascending] == sorted(number(v) for v in before)
    assert descending == before
    assert by_name == sorted(names, key=str.lower) and by_name != names


def test_html_without_script_is_the_ranked_table(outputs):
    _, out, _ = outputs
    html = (out / "rekap.html").read_text(encoding="utf-8")
    assert html.count('<div class="urut">') == 6 + 1 + 6  # and the RPJMD table, one per RPJMD indicator
    assert 'id="tabel-rekap-13"' in html and "Σ (bobot × capaian) / Σ bobot" in html
    assert "<button" not in html  # sort buttons exist only once the script ran
