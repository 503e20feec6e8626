"""CLAIM-* on the chapter notebooks' Markdown cells: the analyst's words there are checked like the dataset's.

A copy of the embedded dataset carries a chapter of its own (``notebooks/03a_catatan.ipynb``) whose
Markdown cells say a wrong figure, the right one, placeholders, and placeholders around a wrong literal
word. The wrong ones are found at the notebook and cell in ``lkjip review`` and in the build's
``reviu.json``, and a final build refuses them; the default chapters' prose says nothing wrong.
"""

from __future__ import annotations

import functools
import json
import shutil
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from lkjipkit import config
from lkjipkit.analysis import analyse
from lkjipkit.cli import main
from lkjipkit.dataset import load_dataset
from lkjipkit.publish.chapters import resolve_chapters
from lkjipkit.publish.prose_texts import chapter_texts, plain_text
from lkjipkit.report.prose import PlaceholderError, vocabulary
from lkjipkit.review import review

KOTA = Path(__file__).resolve().parents[1] / "data" / "kota-contoh"
PUBLISH_TESTS = Path(__file__).resolve().parents[1] / "publish"

#: The Markdown cells of the dataset's own chapter (cell 1 is the parameters cell), and what each must give.
CELLS = [
    ("Capaian IKU2 tahun 2016 sebesar 90 %.", "CLAIM-NUMBER"),  # the capaian is 123 %, the realisation 30,75 %
    ("Capaian IKU2 tahun 2016 sebesar 123 %.", None),
    ("Capaian IKU2 sebesar {{ iku.IKU2.capaian }} dan telah melampaui target.", None),
    ("Realisasi {{ iku.IKU1.nama }} sebesar {{ iku.IKU1.realisasi }}, melampaui target.", "CLAIM-TARGET"),
    ("Serapan anggaran {{ anggaran.serapan }}; {{ ringkasan.jumlah_tercapai }} dari {{ ringkasan.jumlah_iku }} "
     "IKU telah mencapai target.", None),
]  # fmt: skip
CHAPTER = "notebooks/03a_catatan.ipynb"


def own_chapter(cells: list[str]) -> nbformat.NotebookNode:
    params = new_code_cell('dataset = ""\nyear = 0')
    params.metadata["tags"] = ["parameters"]
    kernel = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    return new_notebook(cells=[params, *map(new_markdown_cell, cells)], metadata=kernel)


@pytest.fixture
def agency(tmp_path, seed_path) -> Path:
    """The embedded dataset with a chapter of its own holding the cells of :data:`CELLS`."""
    dataset = tmp_path / "ds"
    shutil.copytree(seed_path, dataset)
    (dataset / "notebooks").mkdir()
    nbformat.write(own_chapter([text for text, _ in CELLS]), dataset / CHAPTER)
    return dataset


def notebook_findings(findings):
    return [f for f in findings if f.file and f.file.endswith(".ipynb")]


def expected():
    """(rule, location) of every wrong cell: the notebook relative to the dataset, the cell as Lab counts it."""
    return [(rule, f"{CHAPTER}::sel {i}") for i, (_, rule) in enumerate(CELLS, start=2) if rule]


def reviewed(dataset: Path, year: int = 2016):
    ds = load_dataset(dataset)
    analysis = analyse(ds, year)
    texts = chapter_texts(resolve_chapters(dataset, config.notebooks_dir()), ds, year, analysis)
    return texts, review(ds, year, analysis=analysis, texts=texts)


def test_wrong_cells_are_found_at_notebook_and_cell_and_right_and_placeholder_ones_stay_silent(agency):
    texts, findings = reviewed(agency)
    found = notebook_findings(findings)
    assert sorted((f.rule, f.location) for f in found) == sorted(expected())
    number = next(f for f in found if f.rule == "CLAIM-NUMBER")
    where = (number.severity, number.row, number.column, number.key)
    assert where == ("error", None, "sel 2", "03a_catatan, bab dataset")
    assert (number.found, number.expected) == ("90 %", "30,75 %")
    assert "capaian 123,00 %" in number.figures["cara"]
    # the placeholders are filled in before the sentence is read: the literal "melampaui" is what is wrong
    target = next(f for f in found if f.rule == "CLAIM-TARGET")
    assert target.figures["kalimat"].startswith("Realisasi Persentase pencari kerja yang mendapatkan pelatihan "
                                                "sebesar 51,47 %")  # fmt: skip
    assert target.expected == "target tidak tercapai (51,47 % terhadap target 70 %)"
    # every cell was read, the agency-level one too (its budget and count claims agree)
    assert [(t.file, t.column) for t in texts if t.file == CHAPTER] == [(CHAPTER, f"sel {i}") for i in range(2, 7)]


def test_the_default_chapters_prose_says_nothing_wrong_on_both_datasets(seed_path):
    for dataset, years in ((seed_path, (2016,)), (KOTA, (2022, 2023))):
        for year in years:
            texts, findings = reviewed(dataset, year)
            assert texts, "the default chapters have prose cells"
            assert {t.key.split(", ")[1] for t in texts} == {"bab bawaan"}
            assert {t.file.split("/")[0] for t in texts} == {config.notebooks_dir().name}
            assert notebook_findings(findings) == []


def test_lkjip_review_flags_the_cells_and_exits_1(agency):
    result = CliRunner().invoke(main, ["review", str(agency), "--json"])
    assert result.exit_code == 1, result.output
    found = [f for f in json.loads(result.output) if f["file"] == CHAPTER]
    assert sorted((f["rule"], f"{f['file']}::{f['column']}") for f in found) == sorted(expected())


def test_a_notebook_finding_can_be_accepted_in_reviu_yaml(agency):
    (agency / "reviu.yaml").write_text(
        f"diterima:\n  - {{aturan: CLAIM-NUMBER, lokasi: '{CHAPTER}::sel 2', alasan: Angka dari bidang.}}\n",
        encoding="utf-8",
    )
    _, findings = reviewed(agency)
    accepted = {f.rule: f.diterima for f in notebook_findings(findings)}
    assert accepted == {"CLAIM-NUMBER": True, "CLAIM-TARGET": False}
    assert not any(f.rule == "ACCEPT-STALE" for f in findings)


def test_an_unknown_placeholder_is_named_with_notebook_and_cell(agency):
    nbformat.write(own_chapter(["Benar.", "Serapan {{ anggaran.serapn }}."]), agency / CHAPTER)
    with pytest.raises(PlaceholderError, match=r"03a_catatan, cell 3: .*serapn"):
        reviewed(agency)


def test_the_vocabulary_given_is_made_once_and_used_for_every_cell(agency):
    # the build passes the vocabulary it exports the chapters with, rather than have it made again
    ds = load_dataset(agency)
    analysis = analyse(ds, 2016)
    calls = []

    def names():
        calls.append(1)
        made = vocabulary(ds, 2016, analysis)
        made["iku"]["IKU2"]["capaian"] = "SEKIAN"
        return made

    texts = chapter_texts(
        resolve_chapters(agency, config.notebooks_dir()), ds, 2016, analysis, names=functools.cache(names)
    )
    assert calls == [1]
    assert next(t.text for t in texts if t.file == CHAPTER and t.column == "sel 4").startswith(
        "Capaian IKU2 sebesar SEKIAN"
    )


def test_printed_text_keeps_one_block_per_line():
    html = "<p>Satu <strong>dua</strong> &amp; tiga.</p><ul><li>IKU1 naik</li><li>IKU2 turun</li></ul>"
    assert plain_text(html) == "Satu dua & tiga.\nIKU1 naik\nIKU2 turun"
    assert plain_text("") == ""


# -- real builds -------------------------------------------------------------------------------------


@pytest.fixture
def report_chapters(monkeypatch) -> Path:
    monkeypatch.syspath_prepend(str(PUBLISH_TESTS))
    from build_helpers import REPORT_CHAPTERS

    return REPORT_CHAPTERS


@pytest.mark.slow
def test_the_build_writes_the_cells_findings_to_reviu_json_and_a_final_build_refuses_them(
    agency, report_chapters, tmp_path
):
    from lkjipkit.publish import build_report
    from lkjipkit.publish.core import UnresolvedReportError

    result = build_report(agency, 2016, tmp_path / "out", formats="html", notebooks=report_chapters, progress=False)
    reviu = json.loads((result.out_dir / "reviu.json").read_text(encoding="utf-8"))
    found = [f for f in reviu if f["file"] == CHAPTER]
    assert sorted((f["rule"], f"{f['file']}::{f['column']}") for f in found) == sorted(expected())

    with pytest.raises(UnresolvedReportError) as err:
        build_report(agency, 2016, tmp_path / "final", formats="html", notebooks=report_chapters, progress=False,
                     final=True)  # fmt: skip
    assert f"{agency}/{CHAPTER}::sel 2: CLAIM-NUMBER: \u201csebesar 90 %\u201d (90 %), data: 30,75 %" in str(err.value)
    assert not (tmp_path / "final").exists()
