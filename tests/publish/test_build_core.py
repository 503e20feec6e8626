"""build_report without kernels: chapters 'execute' through a stand-in, everything else is real."""

from __future__ import annotations

import json

import nbformat
import pytest
from build_helpers import REPORT_CHAPTERS
from nbformat.v4 import new_code_cell, new_notebook, new_output

from lkjipkit.errors import BuildError, ChapterExecutionError, DatasetNotFoundError, YearError
from lkjipkit.publish import core
from lkjipkit.publish.core import build_report, parse_formats
from lkjipkit.publish.execute import ChapterRun, Failure

CAUSE = "data/x: 1 error\nanggaran.csv:5:pagu_murni: must be at least 0; found -1"


def _executed(chapter, html):
    params = new_code_cell('dataset = ""\nyear = 0')
    params.metadata["tags"] = ["parameters"]
    cell = new_code_cell("from lkjipkit import report  # code never shown")
    cell.outputs = [new_output("display_data", data={"text/html": html, "text/plain": "x"})]
    return new_notebook(cells=[params, cell])


class FakeExecutor:
    """Stands in for execute.Executor: 'runs' each chapter by writing an executed notebook."""

    fail: str | None = None

    def __init__(self, chapters, jobs=None, reuse_kernels=True, timeout=None, listener=None):
        self.chapters = chapters

    def start(self):
        pass

    def submit(self, parameters, out_dir, order=None):
        out_dir.mkdir(parents=True, exist_ok=True)
        self.runs = []
        for i, ch in enumerate(self.chapters):
            run = ChapterRun(ch, out_dir / ch.path.name, seconds=0.1, lane=0, warm=True)
            title = f'<h1 class="bab" id="bab-{i + 1}">BAB {i + 1}<br>{ch.name.upper()}</h1>'
            body = f"<p>{parameters['year']} · Rp 7.016.295.114 · 92,59 %</p>"
            nbformat.write(_executed(ch, title + body), run.output)
            if ch.name == self.fail:
                run.failure = Failure(3, "DatasetError", CAUSE)
            self.runs.append(run)
        return self.runs

    def completed(self):
        yield from self.runs

    def wait(self):
        return self.runs

    def close(self, kill=False):
        self.killed = kill

    def kernel_output(self):
        return b"[IPKernelApp] kernel chatter\n"


@pytest.fixture
def fake(monkeypatch):
    FakeExecutor.fail = None
    monkeypatch.setattr(core, "Executor", FakeExecutor)
    return FakeExecutor


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
    assert result.html == target / "laporan.html" and result.pdf is None and not (target / "laporan.pdf").exists()
    assert [p.name for p in result.notebooks] == ["00_ikhtisar.ipynb", "01_pendahuluan.ipynb", "03_capaian.ipynb"]
    assert all(p.exists() for p in result.notebooks)
    html = result.html.read_text()
    assert "7.016.295.114" in html and "92,59" in html and "code never shown" not in html
    assert 'href="#bab-2"' in html
    prov = json.loads(result.provenance.read_text())
    assert prov["generator"] == "lkjipkit" and prov["status"] == "built"
    assert prov["parameters"] == {"dataset": str(seed_path.resolve()), "year": 2016}
    assert len(prov["dataset"]["fingerprint_sha256"]) == 64
    assert set(prov["timings_seconds"]) >= {"validate", "execute", "export_html", "total"}
    assert prov["chapters"][0]["notebook"] == "00_ikhtisar.ipynb" and len(prov["chapters"][0]["source_sha256"]) == 64
    assert "lkjipkit_version" in prov and "git" in prov and prov["tools"]["papermill"]
    # tables and review findings: written when those modules are there, else said so
    if "skipped" in prov["tables"]:
        assert result.tables == []
    else:
        assert result.tables and all(p.parent == target / "tabel" and p.exists() for p in result.tables)
    assert (result.review is None) == ("skipped" in prov["review"])
    assert "laporan.html (3 chapters)" in result.summary()


def test_dataset_and_year_errors_come_first_and_write_nothing(fake, seed_path, tmp_path):
    with pytest.raises(YearError, match="no report year 1999"):
        build_report(seed_path, 1999, tmp_path / "out", notebooks=REPORT_CHAPTERS, progress=False)
    with pytest.raises(DatasetNotFoundError):
        build_report(tmp_path / "nope", 2016, tmp_path / "out", notebooks=REPORT_CHAPTERS, progress=False)
    assert not (tmp_path / "out").exists()


def test_formats():
    assert parse_formats("pdf,HTML") == ("html", "pdf")
    assert parse_formats(["pdf"]) == ("pdf",)
    with pytest.raises(BuildError, match="unknown format docx"):
        parse_formats("html,docx")
    with pytest.raises(BuildError):
        parse_formats("")
