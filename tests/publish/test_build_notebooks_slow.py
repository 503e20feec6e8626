"""Analysts shape the report in the notebooks: prose cells, a dataset's own chapters, nothing dropped silently.

Real builds (kernels, papermill, WeasyPrint, pdftotext) from the small fixture chapters, with a copy of the
embedded dataset carrying a ``notebooks/`` folder of its own.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from build_helpers import FIXTURES, REPORT_CHAPTERS, needs
from nbformat.v4 import new_markdown_cell

from lkjipkit.publish import build_report
from lkjipkit.publish.batch import is_current, plan, run
from lkjipkit.publish.export import DroppedOutputError

pytestmark = pytest.mark.slow

EDITED = "Kalimat ini diubah analis untuk Disnakersos Kota Balikpapan tahun 2016."
ADDED = "Bab tambahan: capaian IKU1 sebesar 73,53 % dan serapan anggaran 92,59 %."


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def agency(tmp_path, seed_path):
    """The embedded dataset with chapters of its own: 01 edited (a prose cell added), 02a added."""
    dataset = tmp_path / "ds"
    shutil.copytree(seed_path, dataset)
    (dataset / "notebooks").mkdir()
    nb = nbformat.read(REPORT_CHAPTERS / "01_pendahuluan.ipynb", as_version=4)
    nb.cells.insert(3, new_markdown_cell("Kalimat ini diubah analis untuk {{ instansi.singkat }} tahun {{ tahun }}."))
    nbformat.write(nb, dataset / "notebooks" / "01_pendahuluan.ipynb")
    added = nbformat.read(REPORT_CHAPTERS / "00_ikhtisar.ipynb", as_version=4)
    added.cells = [
        added.cells[0],
        new_markdown_cell(
            "Bab tambahan: capaian IKU1 sebesar {{ iku.IKU1.capaian }} dan serapan anggaran {{ anggaran.serapan }}."
        ),
    ]
    nbformat.write(added, dataset / "notebooks" / "02a_tambahan.ipynb")
    return dataset


@needs("pdftotext")
def test_an_edited_prose_cell_a_placeholder_and_an_added_chapter_reach_html_and_pdf(agency, tmp_path):
    result = build_report(agency, 2016, tmp_path / "out", formats="html,pdf", notebooks=REPORT_CHAPTERS, progress=False)
    html = result.outputs["html"].read_text().replace("\xa0", " ")  # the page keeps "92,59 %" together
    pdf = " ".join(pdf_text(result.outputs["pdf"]).split())
    for sentence in (EDITED, ADDED, "Serapan anggaran tahun 2016 mencapai 92,59 % dari pagu Rp 7.577.432.700."):
        assert sentence in pdf, sentence
    assert f"<p>{EDITED}</p>" in html and f"<p>{ADDED}</p>" in html
    assert "<strong>92,59 %</strong>" in html  # the default chapter's prose cell, Markdown rendered
    assert html.index(EDITED) < html.index(ADDED) < html.index('data-notebook="03_capaian"')
    chapters = json.loads(result.provenance.read_text())["chapters"]
    assert [(c["notebook"], c["origin"]) for c in chapters] == [
        ("00_ikhtisar.ipynb", "default"),
        ("01_pendahuluan.ipynb", "dataset"),
        ("02a_tambahan.ipynb", "dataset"),
        ("03_capaian.ipynb", "default"),
    ]
    assert chapters[1]["source"] == str(agency / "notebooks" / "01_pendahuluan.ipynb")


def test_an_unknown_placeholder_fails_the_build_naming_notebook_and_cell(agency, tmp_path):
    nb = nbformat.read(agency / "notebooks" / "02a_tambahan.ipynb", as_version=4)
    nb.cells.append(new_markdown_cell("Serapan {{ anggaran.serapn }}."))
    nbformat.write(nb, agency / "notebooks" / "02a_tambahan.ipynb")
    with pytest.raises(Exception, match=r"02a_tambahan, cell 3: .*serapn") as err:
        build_report(agency, 2016, tmp_path / "out", formats="html", notebooks=REPORT_CHAPTERS, progress=False)
    assert type(err.value).__name__ == "PlaceholderError"


def test_display_markdown_and_printed_text_fail_the_build_unless_allowed(seed_path, tmp_path):
    noisy = FIXTURES / "noisy"
    with pytest.raises(DroppedOutputError) as err:
        build_report(seed_path, 2016, tmp_path / "a", formats="html", notebooks=noisy, progress=False)
    text = str(err.value)
    assert text.startswith("03a_catatan: 4 outputs would not reach the report:\n  cell 4: printed stdout text")
    assert "cell 4: a Markdown display ('**tidak masuk**'); write a Markdown cell instead" in text
    assert "--allow-dropped-outputs" in text
    assert not (tmp_path / "a").exists()  # nothing was published

    result = build_report(
        seed_path, 2016, tmp_path / "b", formats="html", notebooks=noisy, progress=False, allow_dropped_outputs=True
    )
    assert any(w.startswith("chapter 03a_catatan, cell 4: a Markdown display") for w in result.warnings)
    assert "tidak masuk" not in result.outputs["html"].read_text()


def test_a_batch_uses_the_dataset_s_own_chapters_and_rebuilds_when_they_change(agency, tmp_path):
    out = tmp_path / "reports"
    jobs = plan([agency], [2016], out, "html", REPORT_CHAPTERS)
    summary = run(jobs, formats="html", notebooks=REPORT_CHAPTERS, workers=1, progress=False)
    assert summary.ok, summary.lines()
    html = (out / "balikpapan-disnakersos" / "2016" / "laporan.html").read_text().replace("\xa0", " ")
    assert f"<p>{EDITED}</p>" in html and f"<p>{ADDED}</p>" in html
    assert all(is_current(j) for j in plan([agency], [2016], out, "html", REPORT_CHAPTERS))
    own = agency / "notebooks" / "02a_tambahan.ipynb"
    own.write_text(own.read_text().replace("Bab tambahan", "Bab lain"))
    assert not any(is_current(j) for j in plan([agency], [2016], out, "html", REPORT_CHAPTERS))
