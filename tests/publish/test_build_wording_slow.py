"""A dataset's ``teks/`` in a real build: the sentence changes in the report, the build records the override,
a batch rebuilds when it changes, a broken override stops the build before any chapter runs."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from lkjipkit import config
from lkjipkit.cli import main
from lkjipkit.publish import build_report
from lkjipkit.publish.batch import plan
from lkjipkit.report.narrative import TEMPLATES, WordingError, template_names

pytestmark = pytest.mark.slow


@pytest.fixture
def agency(tmp_path, seed_path):
    """The embedded dataset with its own ``teks/ringkasan.j2`` (copied by ``lkjip teks``, then edited)."""
    dataset = tmp_path / "ds"
    shutil.copytree(seed_path, dataset)
    r = CliRunner().invoke(main, ["teks", str(dataset), "ringkasan"])
    assert r.exit_code == 0, r.output
    path = dataset / "teks" / "ringkasan.j2"
    text = path.read_text(encoding="utf-8").replace("Secara keseluruhan, dari", "Pendek kata, dari")
    text = text.replace("}} menetapkan {{", "}} memasang {{")  # a sentence of the Ikhtisar, made in its kernel
    path.write_text(text, encoding="utf-8")
    return dataset


@pytest.fixture
def chapters(tmp_path):
    """Two default chapters: the Ikhtisar and Bab IV (whose conclusion is a placeholder of a prose cell)."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for name in ("00_ikhtisar_eksekutif.ipynb", "04_penutup.ipynb"):
        shutil.copy(config.notebooks_dir() / name, folder / name)
    return folder


def test_an_override_changes_the_sentence_in_the_report_and_is_recorded(agency, chapters, tmp_path):
    result = build_report(agency, 2016, tmp_path / "out", formats="html", notebooks=chapters, progress=False)
    html = result.outputs["html"].read_text(encoding="utf-8")
    assert "<p>Pendek kata, dari 6 IKU yang terukur pada tahun 2016" in html
    assert "Secara keseluruhan" not in html and "Disnakersos Kota Balikpapan memasang 6 indikator" in html
    wording = json.loads(result.provenance.read_text())["wording"]
    path = agency / "teks" / "ringkasan.j2"
    assert [(w["template"], w["source"]) for w in wording] == [("ringkasan.j2", str(path.resolve()))]
    # the batch's up-to-date check: a report is rebuilt when the inputs it was built from change
    (before,) = plan([agency], [2016], tmp_path / "reports", "html", chapters)
    path.write_text(path.read_text(encoding="utf-8").replace("Pendek kata", "Singkatnya"))
    (after,) = plan([agency], [2016], tmp_path / "reports", "html", chapters)
    assert before.inputs and after.inputs != before.inputs


def test_a_broken_override_stops_the_build_before_the_chapters_run(agency, chapters, tmp_path):
    path = agency / "teks" / "ringkasan.j2"
    path.write_text("{% macro kesimpulan(f) %}{{ f.tahun }\n", encoding="utf-8")
    with pytest.raises(WordingError, match=rf"^{path.resolve()}:1: "):
        build_report(agency, 2016, tmp_path / "out", formats="html", notebooks=chapters, progress=False)
    assert not (tmp_path / "out").exists()


def test_lkjip_teks_copies_the_templates_and_keeps_edits(tmp_path, seed_path):
    dataset = tmp_path / "ds"
    shutil.copytree(seed_path, dataset)
    runner = CliRunner()
    r = runner.invoke(main, ["teks", str(dataset)])
    assert r.exit_code == 0, r.output
    assert (
        sorted(p.name for p in (dataset / "teks").iterdir())
        == list(template_names())
        == [
            "anggaran.j2",
            "iku.j2",
            "ringkasan.j2",
            "spm.j2",
        ]
    )
    assert (dataset / "teks" / "iku.j2").read_bytes() == (TEMPLATES / "iku.j2").read_bytes()
    again = runner.invoke(main, ["teks", str(dataset), "iku"])
    assert again.exit_code != 0 and "already there" in again.output and "--overwrite" in again.output
    unknown = runner.invoke(main, ["teks", str(dataset), "penutup"])
    assert unknown.exit_code != 0 and "penutup.j2: not a template" in unknown.output
    assert runner.invoke(main, ["teks", str(dataset), "iku", "--overwrite"]).exit_code == 0
