"""The nbconvert exporter: only text/html outputs reach the report; registered so jupyter nbconvert finds it."""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from lkjipkit.publish.export import LkjipHTMLExporter, LkjipPDFExporter, ReportOutputs


def _executed_notebook():
    params = new_code_cell('dataset = ""\nyear = 0', execution_count=1)
    params.metadata["tags"] = ["parameters"]
    injected = new_code_cell('dataset = "/data/x"\nyear = 2016', execution_count=2)
    injected.metadata["tags"] = ["injected-parameters"]
    params.outputs = [new_output("stream", name="stdout", text="param output\n")]
    title = new_code_cell("display(HTML(...))", execution_count=3)
    title.outputs = [
        new_output("display_data", data={"text/html": '<h1 class="bab" id="bab-1">BAB I</h1>', "text/plain": "BAB I"})
    ]
    noisy = new_code_cell("import secret_code_here\nprint('x'); ds.slug", execution_count=4)
    noisy.outputs = [
        new_output("stream", name="stderr", text="FutureWarning: something\n"),
        new_output("execute_result", data={"text/plain": "'balikpapan'"}, execution_count=4),
        new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}),
        new_output("execute_result", data={"text/html": "<p>kept</p>", "text/plain": "kept"}, execution_count=4),
    ]
    nb = new_notebook(cells=[params, injected, new_markdown_cell("# Note for analysts"), title, noisy])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def test_only_html_outputs_survive_and_the_rest_is_named_with_its_cell():
    nb, resources = ReportOutputs().preprocess(_executed_notebook(), {})
    assert [o.data["text/html"] for c in nb.cells for o in c.outputs] == [
        '<h1 class="bab" id="bab-1">BAB I</h1>',
        "<p>kept</p>",
    ]
    dropped = resources["lkjip"]["dropped"]
    # cells count from 1 as the analyst sees the chapter (papermill's injected cell does not count)
    assert dropped[0].startswith("cell 4: printed stderr text ('FutureWarning: something')")
    assert dropped[1] == "cell 4: a bare value (\"'balikpapan'\")"
    assert dropped[2].startswith("cell 4: an image without HTML")
    assert len(dropped) == 3  # the parameters cell's output is not even looked at


def test_chapter_fragment_has_no_code_no_prompts_no_markdown():
    html, resources = LkjipHTMLExporter().chapter_html(_executed_notebook())
    assert '<h1 class="bab" id="bab-1">BAB I</h1>' in html and "<p>kept</p>" in html
    for absent in (
        "secret_code_here",
        "display(HTML",
        "In [",
        "Out[",
        "Note for analysts",
        "param output",
        "dataset =",
    ):
        assert absent not in html
    assert len(resources["lkjip"]["dropped"]) == 3


def test_exporting_one_notebook_gives_a_styled_self_contained_page():
    html, _ = LkjipHTMLExporter().from_notebook_node(_executed_notebook())
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html and "@page" in html
    assert '<a href="#bab-1">' not in html  # a single chapter has no Daftar Isi
    assert "secret_code_here" not in html and "<script" not in html


def test_the_pdf_exporter_prints_the_same_page(tmp_path):
    pdf, _ = LkjipPDFExporter().from_notebook_node(_executed_notebook())
    assert pdf.startswith(b"%PDF")


def test_exporters_are_registered_with_nbconvert():
    from nbconvert.exporters import get_export_names, get_exporter

    assert get_exporter("lkjip") is LkjipHTMLExporter
    assert get_exporter("lkjip_pdf") is LkjipPDFExporter
    assert {"lkjip", "lkjip_pdf"} <= set(get_export_names())


def test_written_notebooks_read_back_the_same(tmp_path):
    path = tmp_path / "01_x.ipynb"
    nbformat.write(_executed_notebook(), path)
    html, _ = LkjipHTMLExporter().chapter_html(nbformat.read(path, as_version=4))
    assert "<p>kept</p>" in html
