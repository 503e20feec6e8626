"""The output formats of a report: one registry that the build, the batch and ``lkjip`` read.

Every format is made from the same assembled report page (the HTML that
``laporan.html`` holds: cover, Kata Pengantar, Daftar Isi, the chapters, the
footer). A format is a :class:`Format` in :data:`FORMATS`: a writer, which
takes that page and writes one file, and the name of that file in the report
folder. :func:`parse_formats`, the ``--format`` option of ``lkjip build`` and
``lkjip batch``, the batch's input fingerprint and ``BuildResult.outputs`` all
come from this registry, so adding a format is one writer and one entry here::

    def write_odt(page_html: str, target: Path, *, info: PageInfo) -> None: ...

    FORMATS["odt"] = Format(write_odt, "laporan.odt", "write ODT", "OpenDocument text")

This module imports nothing heavy: the CLI reads it for its help text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from lkjipkit.errors import BuildError
from lkjipkit.i18n import N_, _

if TYPE_CHECKING:
    from lkjipkit.dataset import Dataset


@dataclass(frozen=True)
class PageInfo:
    """What a writer may need besides the page, e.g. for the file's own metadata (title, author, date)."""

    dataset: Dataset
    """The validated dataset the report was built from (``dataset.profil`` names the agency)."""
    year: int
    title: str
    """The page title, ``LKjIP 2016 Dinas … Kota …``."""
    built: dt.datetime
    """The build time (``SOURCE_DATE_EPOCH`` when set); a draft's footer shows it."""
    status: str = "draft"
    """What was built: ``draft``, ``final``, or ``final, incomplete`` (``--allow-incomplete``)."""


class Writer(Protocol):
    """Writes the assembled report page as one file of its format into ``target``."""

    def __call__(self, page_html: str, target: Path, *, info: PageInfo) -> None: ...


class BesideWriter(Protocol):
    """Writes a format in a process of its own, beside the build's other work (see :attr:`Format.beside`)."""

    def start(self) -> None:
        """Get ready (import what it needs) while the chapters still run."""

    def write(self, page_html: str, target: Path, *, info: PageInfo) -> None:
        """Begin writing ``target`` and return."""

    def wait(self) -> None:
        """Return when ``target`` is written; raise what the format's writer would have raised."""

    def close(self) -> None:
        """Stop it if it still runs, and wait for it; called once the build ends, however it ends."""


@dataclass(frozen=True)
class Format:
    """One output format of the report."""

    writer: Writer
    filename: str
    """The file in the report folder, ``laporan.pdf``."""
    step: str
    """The progress line while it is written, ``print PDF``."""
    description: str
    """A few words for ``--format`` help."""
    beside: Callable[[], BesideWriter] | None = None
    """Makes a writer that writes this format in a process of its own, or None. A single build that also
    writes a format that takes time (not only :attr:`instant` ones) starts it while its last chapters run
    and writes that other format meanwhile. Otherwise, and in a batch, whose workers keep every core busy
    already, :attr:`writer` writes it in the build's own process: a process of its own would only add its
    start (measured: docs/build.md, "The PDF in a process of its own")."""
    instant: bool = False
    """The writer takes no time worth overlapping (it saves the page as it is)."""


def write_html(page_html: str, target: Path, *, info: PageInfo) -> None:
    """``laporan.html``: the page itself, self-contained (UTF-8)."""
    target.write_text(page_html, encoding="utf-8")


def write_pdf(page_html: str, target: Path, *, info: PageInfo) -> None:
    """``laporan.pdf``: the page printed by WeasyPrint (A4, page numbers); its metadata say draft or final."""
    from .pdf import html_to_pdf

    html_to_pdf(page_html, target, status=info.status)


class _PdfBeside:
    """``laporan.pdf`` printed in a process of its own (:class:`lkjipkit.publish.pdf.PdfPrinter`)."""

    def __init__(self) -> None:
        from .pdf import PdfPrinter

        self.printer = PdfPrinter()

    def start(self) -> None:
        self.printer.start()

    def write(self, page_html: str, target: Path, *, info: PageInfo) -> None:
        self.printer.write(page_html, target, status=info.status)

    def wait(self) -> None:
        self.printer.wait()

    def close(self) -> None:
        self.printer.close()


def write_docx(page_html: str, target: Path, *, info: PageInfo) -> None:
    """``laporan.docx``: the page as an editable Word document; see :mod:`.docx` and ``docs/word.md``."""
    from .docx import write_docx as page_to_docx

    instansi = info.dataset.profil.instansi
    page_to_docx(
        page_html,
        target,
        metadata={
            "title": info.title,
            "subject": f"Laporan Kinerja Instansi Pemerintah Tahun {info.year}",
            "author": instansi.nama_lengkap,
            "keywords": f"LKjIP, {info.year}, {instansi.nama_lengkap}, status:{info.status}",
            "category": f"LKjIP ({info.status})",
        },
    )


#: Every format, in the order a build writes them.
FORMATS: dict[str, Format] = {
    "html": Format(write_html, "laporan.html", N_("write HTML"), "one self-contained page", instant=True),
    "pdf": Format(write_pdf, "laporan.pdf", N_("print PDF"), "A4 for printing", beside=_PdfBeside),
    "docx": Format(write_docx, "laporan.docx", N_("write Word"), "Word document to edit and sign"),
}


def parse_formats(formats: str | Iterable[str]) -> tuple[str, ...]:
    """The formats asked for, in build order.

    Parameters
    ----------
    formats
        ``"html,pdf"`` (any case, spaces allowed) or a sequence such as ``("pdf",)``.

    Raises
    ------
    BuildError
        No format, or a name that is not in :data:`FORMATS`.
    """
    return pick_formats(formats, tuple(FORMATS))


def pick_formats(formats: str | Iterable[str], known: tuple[str, ...], what: str | None = None) -> tuple[str, ...]:
    """The names of ``formats`` (``"html,pdf"`` or a sequence) in the order of ``known``; a BuildError naming
    ``what`` (``N_("recap format")``, translated when shown; default ``format``) for no name or an unknown one."""
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    wanted = {f.strip().lower() for f in items if f and f.strip()}
    unknown = sorted(wanted - set(known))
    if unknown or not wanted:
        raise BuildError(
            _("unknown {what} {names}; choose from {known}").format(
                what=_(what) if what else _("format"), names=", ".join(unknown) or _("(none)"), known=", ".join(known)
            )
        )
    return tuple(f for f in known if f in wanted)
