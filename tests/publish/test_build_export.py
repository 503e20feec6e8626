"""The nbconvert exporter: text/html outputs and Markdown prose reach the report, nothing else silently;
registered so jupyter nbconvert finds it."""

from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output, new_raw_cell

from lkjipkit.publish.export import DroppedOutputError, LkjipHTMLExporter, LkjipPDFExporter, ReportOutputs
from lkjipkit.report.prose import PlaceholderError


def _executed_notebook(*, noisy: bool = True, prose: str = "Catatan *analis* <script>x</script>"):
    params = new_code_cell('dataset = ""\nyear = 0', execution_count=1)
    params.metadata["tags"] = ["parameters"]
    injected = new_code_cell('dataset = "/data/x"\nyear = 2016', execution_count=2)
    injected.metadata["tags"] = ["injected-parameters"]
    params.outputs = [new_output("stream", name="stdout", text="param output\n")]
    title = new_code_cell("display(HTML(...))", execution_count=3)
    title.outputs = [
        new_output("display_data", data={"text/html": '<h1 class="bab" id="bab-1">BAB I</h1>', "text/plain": "BAB I"})
    ]
    cell = new_code_cell("import secret_code_here\nprint('x'); ds.slug", execution_count=4)
    cell.outputs = [new_output("execute_result", data={"text/html": "<p>kept</p>", "text/plain": "kept"})]
    if noisy:
        cell.outputs[:0] = [
            new_output("stream", name="stderr", text="FutureWarning: something\n"),
            new_output("execute_result", data={"text/plain": "'balikpapan'"}, execution_count=4),
            new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}),
            new_output("display_data", data={"text/markdown": "**tebal**", "text/plain": "<Markdown>"}),
        ]
    nb = new_notebook(cells=[params, injected, new_markdown_cell(prose), title, cell])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def test_html_outputs_and_markdown_cells_survive_and_the_rest_is_named_with_its_cell():
    nb, resources = ReportOutputs().preprocess(_executed_notebook(), {})
    assert [o.data["text/html"] for c in nb.cells for o in c.outputs] == [
        "<p>Catatan <em>analis</em> &lt;script&gt;x&lt;/script&gt;</p>",  # prose, at its place, never raw HTML
        '<h1 class="bab" id="bab-1">BAB I</h1>',
        "<p>kept</p>",
    ]
    dropped = resources["lkjip"]["dropped"]
    # cells count from 1 as the analyst sees the chapter (papermill's injected cell does not count)
    assert dropped[0].startswith("cell 4: printed stderr text ('FutureWarning: something'); print() does not")
    assert dropped[1].startswith("cell 4: a bare value (\"'balikpapan'\"); only display(bab.…) pieces")
    assert dropped[2].startswith("cell 4: an image without HTML")
    assert dropped[3].startswith("cell 4: a Markdown display ('**tebal**'); write a Markdown cell instead")
    assert len(dropped) == 4  # the parameters cell's output is not even looked at


def test_what_the_report_cannot_show_fails_the_export_naming_notebook_cell_and_remedy():
    with pytest.raises(DroppedOutputError) as err:
        LkjipHTMLExporter().chapter_html(_executed_notebook(), {"metadata": {"name": "04_penutup"}})
    text = str(err.value)
    assert text.startswith("04_penutup: 4 outputs would not reach the report:")
    assert "cell 4: a Markdown display" in text and "write a Markdown cell instead" in text
    assert "--allow-dropped-outputs" in text


def test_a_raw_cell_is_not_dropped_silently():
    nb = _executed_notebook(noisy=False)
    nb.cells.append(new_raw_cell("raw"))
    with pytest.raises(DroppedOutputError, match="cell 5: a raw cell"):
        LkjipHTMLExporter().chapter_html(nb)


def test_chapter_fragment_has_no_code_no_prompts_with_dropped_outputs_allowed():
    html, resources = LkjipHTMLExporter(allow_dropped_outputs=True).chapter_html(_executed_notebook())
    assert '<h1 class="bab" id="bab-1">BAB I</h1>' in html and "<p>kept</p>" in html
    assert html.index("Catatan <em>analis</em>") < html.index("BAB I")  # the Markdown cell came first
    for absent in ("secret_code_here", "display(HTML", "In [", "Out[", "param output", "dataset =", "tebal"):
        assert absent not in html
    assert len(resources["lkjip"]["dropped"]) == 4


def test_placeholders_resolve_from_the_build_names_and_unknown_ones_fail_with_notebook_and_cell():
    names = {"anggaran": {"serapan": "92,59 %"}, "instansi": {"singkat": "Dinas_X <b>"}}
    nb = _executed_notebook(noisy=False, prose="Serapan {{ anggaran.serapan }} oleh {{ instansi.singkat }}.")
    html, _ = LkjipHTMLExporter().chapter_html(nb, {"lkjip": {"prose": lambda: names}})
    assert "<p>Serapan 92,59 % oleh Dinas_X &lt;b&gt;.</p>" in html  # values print as themselves
    nb = _executed_notebook(noisy=False, prose="Serapan {{ anggaran.serapn }}.")
    with pytest.raises(PlaceholderError) as err:
        LkjipHTMLExporter().chapter_html(nb, {"metadata": {"name": "04_penutup"}, "lkjip": {"prose": names}})
    assert str(err.value).startswith("04_penutup, cell 2: ") and "serapn" in str(err.value)


def test_a_chapter_exported_on_its_own_takes_its_names_from_its_parameters():
    nb = _executed_notebook(noisy=False, prose="Tahun {{ tahun }}, {{ iku.IKU1.capaian }}.")
    nb.cells.pop(1)  # no papermill: the parameters cell's "" and 0 are the embedded dataset, its latest year
    html, _ = LkjipHTMLExporter().chapter_html(nb)
    assert "<p>Tahun 2016, 73,53 %.</p>" in html


def test_exporting_one_notebook_gives_a_styled_self_contained_page():
    html, _ = LkjipHTMLExporter().from_notebook_node(_executed_notebook(noisy=False))
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html and "@page" in html
    assert '<a href="#bab-1">' not in html  # a single chapter has no Daftar Isi
    assert "secret_code_here" not in html and "<script" not in html


def test_the_pdf_exporter_prints_the_same_page(tmp_path):
    pdf, _ = LkjipPDFExporter().from_notebook_node(_executed_notebook(noisy=False))
    assert pdf.startswith(b"%PDF")


def test_exporters_are_registered_with_nbconvert():
    from nbconvert.exporters import get_export_names, get_exporter

    assert get_exporter("lkjip") is LkjipHTMLExporter
    assert get_exporter("lkjip_pdf") is LkjipPDFExporter
    assert {"lkjip", "lkjip_pdf"} <= set(get_export_names())


def test_written_notebooks_read_back_the_same(tmp_path):
    path = tmp_path / "01_x.ipynb"
    nbformat.write(_executed_notebook(noisy=False), path)
    html, _ = LkjipHTMLExporter().chapter_html(nbformat.read(path, as_version=4))
    assert "<p>kept</p>" in html
