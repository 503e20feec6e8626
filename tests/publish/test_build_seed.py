"""The real report of the embedded dataset, from the real chapter notebooks: figures printed in the seed report."""

from __future__ import annotations

import re
import subprocess

import pytest
from build_helpers import needs

from lkjipkit import config

CHAPTERS = sorted(config.notebooks_dir().glob("[0-9][0-9]_*.ipynb"))

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHAPTERS, reason="notebooks/ has no chapter notebooks yet"),
]

# Figures of the LKjIP 2016 as printed: total budget realisation and its percentage of the revised pagu.
KEY_FIGURES = ("7.016.295.114", "92,59")
HEADINGS = ("KATA PENGANTAR", "DAFTAR ISI", "IKHTISAR EKSEKUTIF", "PENDAHULUAN", "PERENCANAAN KINERJA")
HEADINGS += ("AKUNTABILITAS KINERJA", "PENUTUP", "LAMPIRAN")
CODE = ("load_dataset(", "open_chapter(", "import ", "display(", "In [")


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory, seed_path):
    from lkjipkit.publish import build_report

    return build_report(seed_path, 2016, tmp_path_factory.mktemp("seed") / "2016", progress=False)


def test_html_has_the_key_figures_and_no_code(seed_report):
    html = seed_report.outputs["html"].read_text()
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", html, flags=re.S))
    for figure in KEY_FIGURES:
        assert figure in text
    for heading in HEADINGS:
        assert heading in text
    assert not [c for c in CODE if c in text]
    assert len(seed_report.notebooks) == len(CHAPTERS)


@needs("pdftotext")
def test_pdf_has_every_chapter_the_key_figures_and_page_numbers(seed_report):
    text = subprocess.run(
        ["pdftotext", "-layout", str(seed_report.outputs["pdf"]), "-"], capture_output=True, text=True, check=True
    ).stdout
    for figure in KEY_FIGURES:
        assert figure in text
    for heading in HEADINGS:
        assert heading in text
    assert re.search(r"BAB I PENDAHULUAN[ .]+1\n", text)
    assert re.search(r"BAB III AKUNTABILITAS KINERJA[ .]+\d+\n", text)
    assert not [c for c in CODE if c in text]
    pages = text.count("\f")
    assert 20 <= pages <= 200, pages


@pytest.mark.browser
@needs("chromium")
def test_seed_report_opens_offline_without_errors(seed_report, tmp_path):
    from chromium import Browser

    with Browser() as browser:
        load = browser.open(seed_report.outputs["html"])
        assert load.external_requests == [] and load.failed == []
        assert load.console_errors == [] and load.exceptions == []
        ok = browser.evaluate(
            """[...document.images].every(i => i.complete && i.naturalWidth > 0)
               && [...document.querySelectorAll('nav.daftar-isi a')].every(a =>
                    !!document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1))))"""
        )
        assert ok
        browser.screenshot(tmp_path / "laporan.png")


def test_the_default_build_writes_the_word_document_with_the_key_figures(seed_report):
    import docx

    assert list(seed_report.outputs) == ["html", "pdf", "docx"]
    document = docx.Document(str(seed_report.outputs["docx"]))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    for figure in KEY_FIGURES:
        assert figure in text + cells
    for heading in HEADINGS:
        assert heading.replace("\n", " ") in text.replace("\n", " ")
    assert document.core_properties.author == "Dinas Tenaga Kerja dan Sosial Kota Balikpapan"
