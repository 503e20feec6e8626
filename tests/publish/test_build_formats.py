"""The registry of output formats: parsing, the CLI option, and a new format as one writer plus one entry."""

from __future__ import annotations

import dataclasses
import json

import pytest
from build_helpers import REPORT_CHAPTERS
from click.testing import CliRunner

from lkjipkit.cli import main
from lkjipkit.errors import BuildError
from lkjipkit.publish import build_report
from lkjipkit.publish.formats import FORMATS, Format, PageInfo, parse_formats


def test_formats_are_parsed_into_build_order():
    assert parse_formats("pdf, HTML") == ("html", "pdf")
    assert parse_formats("docx,pdf,html") == ("html", "pdf", "docx")
    assert parse_formats(["pdf"]) == ("pdf",)
    with pytest.raises(BuildError, match="unknown format odt; choose from html, pdf, docx"):
        parse_formats("html,odt")
    with pytest.raises(BuildError, match=r"unknown format \(none\)"):
        parse_formats(" , ")


def test_the_format_option_comes_from_the_registry():
    runner = CliRunner()
    help_text = " ".join(runner.invoke(main, ["build", "--help"]).output.split())
    assert all(name in help_text for name in FORMATS) and "[default: html,pdf,docx]" in help_text
    bad = runner.invoke(main, ["batch", "data", "--year", "2016", "--format", "html,odt"])
    assert bad.exit_code == 2 and "unknown format odt; choose from html, pdf, docx" in bad.output


def test_a_new_format_is_one_writer_and_one_entry(fake, monkeypatch, seed_path, tmp_path):
    seen: dict = {}

    def write_txt(page_html: str, target, *, info: PageInfo) -> None:
        seen.update(page=page_html, info=info)
        target.write_text(f"{info.title} ({info.year}, {info.dataset.slug})")

    monkeypatch.setitem(FORMATS, "txt", Format(write_txt, "laporan.txt", "write text", "plain text"))
    result = build_report(
        seed_path, 2016, tmp_path / "r", formats="txt,html", notebooks=REPORT_CHAPTERS, progress=False
    )
    assert list(result.outputs) == ["html", "txt"]
    assert (
        result.outputs["txt"].read_text()
        == "LKjIP 2016 Dinas Tenaga Kerja dan Sosial Kota Balikpapan (2016, balikpapan-disnakersos)"
    )
    # the writer is given the same page that laporan.html holds
    assert seen["page"] == result.outputs["html"].read_text(encoding="utf-8")
    assert "laporan.html, laporan.txt" in result.summary()
    assert parse_formats("txt") == ("txt",)  # the registry is what parse_formats reads


def test_a_single_build_prints_its_pdf_in_a_process_of_its_own_while_it_writes_the_word_document(
    fake, monkeypatch, seed_path, tmp_path
):
    from lkjipkit.publish import pdf
    from lkjipkit.publish.execute import WarmLanes

    printed_here = []
    monkeypatch.setattr(pdf, "html_to_pdf", lambda html, target, **kw: printed_here.append(target.name))
    result = build_report(
        seed_path, 2016, tmp_path / "r", formats="pdf,docx", notebooks=REPORT_CHAPTERS, progress=False
    )
    assert printed_here == [] and result.outputs["pdf"].read_bytes().startswith(b"%PDF")
    assert list(result.outputs) == ["pdf", "docx"]  # in the registry's order, as the formats' timings
    provenance = json.loads((tmp_path / "r" / "provenance.json").read_text())
    assert [k for k in provenance["timings_seconds"] if k in FORMATS] == ["pdf", "docx"]
    # with nothing to write meanwhile, a process of its own would only add its start: printed here
    build_report(seed_path, 2016, tmp_path / "h", formats="html,pdf", notebooks=REPORT_CHAPTERS, progress=False)
    assert printed_here == ["laporan.pdf"]
    lanes = WarmLanes()  # a batch worker's: its workers keep the cores busy already
    try:
        build_report(
            seed_path, 2016, tmp_path / "b", formats="pdf,docx", notebooks=REPORT_CHAPTERS, progress=False, lanes=lanes
        )
    finally:
        lanes.close()
    assert printed_here == ["laporan.pdf", "laporan.pdf"]


def test_a_word_document_that_fails_stops_the_pdf_printer_and_keeps_the_previous_report(
    fake, monkeypatch, seed_path, tmp_path
):
    import psutil

    from lkjipkit.publish import pdf

    started: dict[int, psutil.Process] = {}
    real_start = pdf.PdfPrinter.start

    def start(self):
        real_start(self)  # called at each chapter's end once a lane is idle; it starts one process
        started.setdefault(self._process.pid, psutil.Process(self._process.pid))

    def write_docx(page_html, target, *, info):
        raise BuildError("the Word document cannot be written")

    monkeypatch.setattr(pdf.PdfPrinter, "start", start)
    monkeypatch.setitem(FORMATS, "docx", dataclasses.replace(FORMATS["docx"], writer=write_docx))
    target = tmp_path / "r"
    build_report(seed_path, 2016, target, formats="html", notebooks=REPORT_CHAPTERS, progress=False)
    before = sorted(p.name for p in target.iterdir())
    (target / "laporan.pdf").write_bytes(b"the previous report")
    with pytest.raises(BuildError, match="the Word document cannot be written"):
        build_report(seed_path, 2016, target, formats="pdf,docx", notebooks=REPORT_CHAPTERS, progress=False)
    [printer] = started.values()
    assert not printer.is_running() or printer.status() == psutil.STATUS_ZOMBIE
    assert (target / "laporan.pdf").read_bytes() == b"the previous report"
    assert sorted(p.name for p in target.iterdir()) == sorted([*before, "laporan.pdf"])
