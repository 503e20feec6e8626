"""``PdfPrinter``: the PDF printed in a process of its own gives what ``html_to_pdf`` gives in-process, the same
errors, falls back to printing in-process when its process cannot run, and leaves nothing behind when it is
stopped halfway."""

from __future__ import annotations

import errno
import sys
import time

import psutil
import pytest
from pypdf import PdfReader

from lkjipkit.errors import BuildError
from lkjipkit.i18n import set_language
from lkjipkit.publish.pdf import PdfPrinter, html_to_pdf

PAGE = "<!DOCTYPE html><html><head><style>@page { size: A4 }</style></head><body><p>Satu halaman.</p></body></html>"
LONG = PAGE.replace("<p>Satu halaman.</p>", "<p>Halaman yang panjang sekali.</p>" * 6000)


def printer_process(printer: PdfPrinter) -> psutil.Process:
    assert printer._process is not None
    return psutil.Process(printer._process.pid)


def test_the_printer_process_writes_the_pdf_html_to_pdf_writes(tmp_path):
    printer = PdfPrinter()
    try:
        printer.start()
        assert "lkjipkit.publish._printer" in printer_process(printer).cmdline()
        printer.write(PAGE, tmp_path / "laporan.pdf", status="final")
        printer.wait()
    finally:
        printer.close()
    assert (tmp_path / "laporan.pdf").read_bytes() == html_to_pdf(PAGE, status="final")
    assert "status:final" in PdfReader(tmp_path / "laporan.pdf").metadata["/Keywords"]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_an_error_of_the_printer_is_the_error_html_to_pdf_raises_in_the_user_s_language(tmp_path, lang):
    page = PAGE.replace("<p>", '<p><img src="https://example.org/x.png">')
    set_language(lang)
    try:
        with pytest.raises(BuildError) as here:
            html_to_pdf(page)
        printer = PdfPrinter()
        try:
            printer.start()
            printer.write(page, tmp_path / "laporan.pdf")
            with pytest.raises(BuildError) as there:
                printer.wait()
        finally:
            printer.close()
    finally:
        set_language("en")
    assert str(there.value) == str(here.value) and "example.org" in str(there.value)


def test_a_file_the_printer_cannot_write_is_an_os_error_naming_it(tmp_path):
    target = tmp_path / "missing" / "laporan.pdf"
    printer = PdfPrinter()
    try:
        printer.start()
        printer.write(PAGE, target)
        with pytest.raises(OSError) as info:
            printer.wait()
    finally:
        printer.close()
    assert info.value.errno == errno.ENOENT and info.value.filename == str(target)


@pytest.mark.parametrize(
    "command",
    [
        ("/nonexistent/python", "-m", "lkjipkit.publish._printer"),  # cannot be started
        ("", "-m", "lkjipkit.publish._printer"),  # sys.executable unknown (an embedded interpreter)
        (sys.executable, "-c", "import sys; sys.exit(3)"),  # ends before it is ready
    ],
    ids=["not started", "no python", "died before ready"],
)
def test_a_printer_that_cannot_run_leaves_the_printing_to_this_process(tmp_path, monkeypatch, command):
    monkeypatch.setattr(PdfPrinter, "COMMAND", command)
    printer = PdfPrinter()
    try:
        printer.start()
        printer.write(PAGE, tmp_path / "laporan.pdf")
        printer.wait()
    finally:
        printer.close()
    assert (tmp_path / "laporan.pdf").read_bytes() == html_to_pdf(PAGE)


def test_a_printer_that_dies_while_printing_says_so_with_what_it_wrote(tmp_path, monkeypatch):
    dies = "import sys; print('ready', flush=True); sys.stdin.readline(); sys.stderr.write('no memory'); sys.exit(9)"
    monkeypatch.setattr(PdfPrinter, "COMMAND", (sys.executable, "-c", dies))
    printer = PdfPrinter()
    try:
        printer.start()
        printer.write(PAGE, tmp_path / "laporan.pdf")
        with pytest.raises(BuildError, match=r"stopped \(exit code 9\) before it printed the report.*no memory"):
            printer.wait()
    finally:
        printer.close()
    assert not (tmp_path / "laporan.pdf").exists()


def test_an_unexpected_failure_in_the_printer_is_a_build_error_with_its_traceback(tmp_path, monkeypatch):
    answer = '{"error": "crash", "message": "ZeroDivisionError: division by zero", "traceback": "Traceback (...)"}'
    crashes = f"import sys; print('ready', flush=True); sys.stdin.readline(); print({answer!r}, flush=True)"
    monkeypatch.setattr(PdfPrinter, "COMMAND", (sys.executable, "-c", crashes))
    printer = PdfPrinter()
    try:
        printer.start()
        printer.write(PAGE, tmp_path / "laporan.pdf")
        with pytest.raises(BuildError, match="the PDF could not be printed: ZeroDivisionError") as info:
            printer.wait()
    finally:
        printer.close()
    assert info.value.__notes__ == ["Traceback (...)"]


def test_closing_a_printer_halfway_stops_its_process_at_once(tmp_path):
    printer = PdfPrinter()
    printer.start()
    process = printer_process(printer)
    printer.write(LONG, tmp_path / "laporan.pdf")
    time.sleep(1.5)
    assert process.is_running() and printer._talk is not None and printer._talk.is_alive()
    started = time.monotonic()
    printer.close()
    assert time.monotonic() - started < 5
    assert not process.is_running() or process.status() == psutil.STATUS_ZOMBIE
    assert printer._talk is None


def test_a_printer_never_given_a_page_ends_when_closed(tmp_path):
    printer = PdfPrinter()
    printer.start()
    process = printer_process(printer)
    printer.close()
    assert not process.is_running() or process.status() == psutil.STATUS_ZOMBIE


def test_a_printer_is_launched_once_however_often_the_build_starts_it(monkeypatch):
    from lkjipkit.publish import pdf

    launched = []

    def popen(*args, **kwargs):
        launched.append(args)
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr(pdf.subprocess, "Popen", popen)
    printer = PdfPrinter()
    for _ in range(3):  # at each chapter's end once a lane is idle
        printer.start()
    printer.close()
    assert len(launched) == 1
