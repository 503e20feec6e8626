"""build_report without kernels: chapters 'execute' through a stand-in, everything else is real."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from build_helpers import CAUSE, REPORT_CHAPTERS

from lkjipkit.errors import ChapterExecutionError, DatasetNotFoundError, YearError
from lkjipkit.publish.core import build_report
from lkjipkit.report import handover


def _previous_report(target):
    target.mkdir(parents=True)
    (target / "laporan.html").write_text("the report of last week")
    (target / "provenance.json").write_text(json.dumps({"generator": "lkjipkit"}))


def test_a_failed_chapter_names_chapter_cell_and_cause_and_leaves_the_previous_report(fake, seed_path, tmp_path):
    target = tmp_path / "balikpapan-disnakersos" / "2016"
    _previous_report(target)
    fake.fail = "01_pendahuluan"
    with pytest.raises(ChapterExecutionError) as err:
        build_report(seed_path, 2016, target, formats="html", notebooks=REPORT_CHAPTERS, progress=False)
    e = err.value
    assert (e.chapter, e.cell_index, e.ename, e.evalue) == ("01_pendahuluan", 3, "DatasetError", CAUSE)
    message = str(e)
    assert message.startswith("chapter 01_pendahuluan, cell 3 failed: DatasetError: data/x: 1 error\n")
    assert "anggaran.csv:5:pagu_murni: must be at least 0" in message
    assert "Traceback" not in message
    failed = tmp_path / "balikpapan-disnakersos" / "2016.failed"
    assert e.notebook_path and (failed / "notebooks" / "01_pendahuluan.ipynb").samefile(e.notebook_path)
    assert "2016.failed/notebooks/01_pendahuluan.ipynb" in message
    # the previous report is untouched; the failure is kept aside with what helps debugging
    assert (target / "laporan.html").read_text() == "the report of last week"
    assert (failed / "kernels.log").read_bytes().startswith(b"[IPKernelApp]")
    prov = json.loads((failed / "provenance.json").read_text())
    assert prov["status"] == "failed"
    assert [c["status"] for c in prov["chapters"]][:2] == ["executed", "failed"]
    assert prov["chapters"][1]["failure"] == {"cell": 3, "ename": "DatasetError", "evalue": CAUSE}
    assert not list(target.parent.glob(".2016.building-*"))


def test_html_only_build_writes_the_report_folder(fake, seed_path, tmp_path):
    target = tmp_path / "r" / "2016"
    _previous_report(target)
    result = build_report(seed_path, None, target, formats="html", notebooks=REPORT_CHAPTERS, progress=False)
    assert result.out_dir == target and result.year == 2016 and result.slug == "balikpapan-disnakersos"
    assert result.outputs == {"html": target / "laporan.html"} and not (target / "laporan.pdf").exists()
    assert [p.name for p in result.notebooks] == ["00_ikhtisar.ipynb", "01_pendahuluan.ipynb", "03_capaian.ipynb"]
    assert all(p.exists() for p in result.notebooks)
    html = result.outputs["html"].read_text()
    assert "7.016.295.114" in html and "92,59" in html and "code never shown" not in html
    assert 'href="#bab-2"' in html
    prov = json.loads(result.provenance.read_text())
    assert prov["generator"] == "lkjipkit" and prov["status"] == "built"
    assert prov["parameters"] == {"dataset": str(seed_path.resolve()), "year": 2016, "status": "draft"}
    assert prov["report"]["status"] == "draft" and "kepala" in {g["jenis"] for g in prov["report"]["gaps"]}
    assert len(prov["dataset"]["fingerprint_sha256"]) == 64
    assert set(prov["timings_seconds"]) >= {"validate", "execute", "export_html", "html", "total"}
    assert prov["chapters"][0]["notebook"] == "00_ikhtisar.ipynb" and len(prov["chapters"][0]["source_sha256"]) == 64
    assert "lkjipkit_version" in prov and "git" in prov and prov["tools"]["papermill"]
    # the computed tables and the review findings, as `lkjip tables` and `lkjip review --json` write them
    *csv, book = result.tables
    assert csv and all(p.parent == target / "tabel" and p.exists() for p in csv)
    assert book == target / "tabel.xlsx" and book.is_file()
    assert prov["tables"]["files"] == [p.name for p in result.tables]
    assert result.review == target / "reviu.json" and result.review.read_text().startswith("[")
    assert prov["review"]["file"] == "reviu.json" and set(prov["review"]["findings"]) >= {"error", "warning"}
    assert "laporan.html (3 chapters)" in result.summary()
    # the chapters were handed the loaded dataset and the year's analysis; the hand-over is gone with the build
    assert set(fake.environment) == {handover.PATH_VARIABLE, handover.KEY_VARIABLE}
    assert fake.handed_over == {handover.PATH_VARIABLE: True}
    assert not Path(fake.environment[handover.PATH_VARIABLE]).exists()


def test_dataset_and_year_errors_come_first_and_write_nothing(fake, seed_path, tmp_path):
    with pytest.raises(YearError, match="no report year 1999"):
        build_report(seed_path, 1999, tmp_path / "out", notebooks=REPORT_CHAPTERS, progress=False)
    with pytest.raises(DatasetNotFoundError):
        build_report(tmp_path / "nope", 2016, tmp_path / "out", notebooks=REPORT_CHAPTERS, progress=False)
    assert not (tmp_path / "out").exists()
