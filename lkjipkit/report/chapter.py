"""The entry point of a chapter notebook: :func:`open_chapter`.

A notebook does three things: take ``dataset`` and ``year`` from its
parameters cell, open its chapter once, and display the chapter's pieces one
per cell::

    bab = open_chapter(dataset, year, chapter=1)
    display(bab.title())
    display(bab.section("Latar Belakang"))
    display(bab.background())

``dataset`` ``""`` means the embedded dataset (found from the package, never the
working folder); ``year`` ``0`` the dataset's latest report year; ``status``
(``"draft"`` or ``"final"``; ``""``: the year's ``status`` in ``laporan.yaml``)
decides whether the chapter shows the drafter's *Catatan penyusun* callouts and
the draft-only sections (the review appendix). ``lkjip build`` passes it. The dataset
is loaded and validated once; the year's analysis (:func:`lkjipkit.analysis.analyse`)
is computed once, when a piece first needs it. In a build, all three come from the
build, which did that work once for every chapter (:mod:`lkjipkit.report.handover`).

Each chapter class numbers its own sections, tables and figures (``3.1``,
``Tabel 3.2``, ``Gambar 3.1``) and gives every element a report-wide unique
id, as ``docs/report-html.md`` requires; a chapter added to a Bab (``03a_…``) is
numbered on from the chapters before it when the page is assembled
(:func:`lkjipkit.report.html.continue_numbering`). Its pieces generate their
sentences in the wording of its dataset (``DATASET/teks/``, :mod:`lkjipkit.report.narrative`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import FunctionType
from typing import ClassVar

import pandas as pd
from markupsafe import Markup

from lkjipkit.analysis import YearAnalysis, analyse
from lkjipkit.config import default_dataset
from lkjipkit.dataset import Dataset, load_dataset
from lkjipkit.errors import LkjipError
from lkjipkit.i18n import _

from . import html, narrative
from .front import head_signature
from .handover import read as read_handover
from .html import Block

#: The statuses a report is built in (``laporan.yaml: status``, ``lkjip build --final``).
STATUSES = ("draft", "final")


def resolve_dataset(dataset: str | Path | None) -> Path:
    """The dataset path a notebook parameter names: ``""`` (or None) is the embedded dataset."""
    if dataset is None or str(dataset).strip() == "":
        return default_dataset()
    return Path(str(dataset)).expanduser()


class Chapter:
    """What every chapter has: the dataset, the year, its numbering, its title and headings.

    Subclasses set :attr:`key` (notebook number), :attr:`heading_lines`, and the
    numbering label and id slug; :attr:`draft_sections` names sections only a draft shows.
    """

    key: ClassVar[str] = ""
    heading_lines: ClassVar[tuple[str, ...]] = ()
    bab_id: ClassVar[str] = ""
    label: ClassVar[str] = ""
    slug: ClassVar[str] = ""
    draft_sections: ClassVar[tuple[str, ...]] = ()
    """Titles of sections a final report leaves out (heading, number and content)."""

    def __init_subclass__(cls, **kwargs) -> None:
        """Every piece of a chapter (its public methods) generates its sentences in its dataset's wording."""
        super().__init_subclass__(**kwargs)
        for name, value in list(vars(cls).items()):
            if isinstance(value, FunctionType) and not name.startswith("_"):
                setattr(cls, name, _in_wording(value))

    def __init__(
        self,
        ds: Dataset,
        year: int,
        status: str = "",
        *,
        analysis: YearAnalysis | None = None,
        findings: list | None = None,
    ) -> None:
        self.ds = ds
        self.year = int(year)
        self.laporan = ds.report(self.year)
        self.profil = ds.profil
        self.status = resolve_status(status, self.laporan.status)
        """``"draft"`` or ``"final"``."""
        self.numbering = html.Numbering(self.label, self.slug)
        self.wording = narrative.wording_folder(ds)
        """The dataset's overrides of the generated sentences (``DATASET/teks/``), or None."""
        if analysis is not None:  # the build's, already computed (see open_chapter)
            self.analysis = analysis
        if findings is not None:
            self.findings = list(findings)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.agency} {self.year} ({self.ds.source})>"

    # --- facts every chapter uses --------------------------------------------------------------------

    @cached_property
    def analysis(self) -> YearAnalysis:
        """The year's analysis (:class:`lkjipkit.analysis.YearAnalysis`), computed on first use."""
        return analyse(self.ds, self.year)

    @property
    def agency(self) -> str:
        """Full name: "Dinas Tenaga Kerja dan Sosial Kota Balikpapan"."""
        return self.profil.instansi.nama_lengkap

    @property
    def agency_short(self) -> str:
        """Short name for prose and captions: "Disnakersos Kota Balikpapan"."""
        i = self.profil.instansi
        return f"{i.singkatan} {i.pemerintah}" if i.singkatan else i.nama_lengkap

    def ordered(self, table: str) -> pd.DataFrame:
        """A dataset table in report order (``urutan``, then its key), without the ``_row`` column."""
        frame = self.ds.tables[table]
        keys = [c for c in ("urutan", "kode", "kode_rekening") if c in frame.columns]
        frame = frame.sort_values(keys, kind="mergesort", na_position="last") if keys else frame
        return frame.drop(columns=["_row"], errors="ignore").reset_index(drop=True)

    @property
    def final(self) -> bool:
        """A final report: no callouts, no draft-only sections."""
        return self.status == "final"

    def callout(self, jenis: str, kunci: str | None = None) -> Markup:
        """The *Catatan penyusun* for the year's gaps of kind ``jenis`` (and item ``kunci``); nothing when final.

        The gaps are facts of the analysis (:attr:`lkjipkit.analysis.YearAnalysis.gaps`).
        """
        if self.final:
            return Markup("")
        gaps = [g for g in self.analysis.gaps if g.jenis == jenis and (kunci is None or g.kunci == kunci)]
        return html.catatan_penyusun(gaps)

    @cached_property
    def findings(self) -> list:
        """The year's review findings (:func:`lkjipkit.review.review`), reviewed once per chapter when first
        needed (reading :attr:`analysis` if computed already), or those the build handed over."""
        from lkjipkit.review import review

        return review(self.ds, self.year, analysis=self.__dict__.get("analysis"))

    @cached_property
    def claim_findings(self) -> list:
        """The year's ``CLAIM-*`` findings (:mod:`lkjipkit.review.claims`): the analyst's texts that contradict
        the computed figures."""
        return [f for f in self.findings if f.rule.startswith("CLAIM-")]

    def claim_callout(self, file: str, key: str | None = None, column: str | None = None) -> Markup:
        """The *Catatan penyusun* placed right after an analyst text whose claims contradict the data; nothing
        when final or when the text agrees.

        The text is named as its findings name it: ``file`` (``spm_realisasi.csv``), the record ``key``
        (``SPM-NAKER-4, 2016``) and the ``column``; for ``laporan.yaml``, ``column`` is the key of the
        year's entry (``kesimpulan_capaian``). Each item quotes the claim and its sentence, gives the computed
        figure and how it was computed, and where to correct the text; an accepted finding also its reason.
        """
        if self.final:
            return Markup("")
        from lkjipkit.review.claims import REPORTS_FILE, laporan_column

        if file == REPORTS_FILE and column is not None:
            column = laporan_column(self.year, column)
        notes = [
            _ClaimNote(_contradiction(f), _where(f))
            for f in self.claim_findings
            if f.file == file and key in (None, f.key) and column in (None, f.column)
        ]
        return html.catatan_penyusun(notes)

    # --- headings ---------------------------------------------------------------------------------------

    def title(self) -> Block:
        """The chapter title (``h1.bab``), the first output of the notebook."""
        return html.heading_bab(ident=self.bab_id, lines=self.heading_lines)

    def section_number(self, n: int) -> str:
        return self.numbering.number(n)

    def section(self, title: str) -> Block:
        """A numbered section heading: ``<h2 id="s-3-1">3.1. Title</h2>``; nothing for a draft section when final."""
        if self.final and title in self.draft_sections:
            return html.block()
        n = self.numbering.section(title)
        return Block(html.heading(2, self.numbering.ident("s", n), self.section_number(n), title))

    def subsection(self, title: str) -> Block:
        """A numbered sub-section of the current section: ``<h3 id="s-3-1-2">3.1.2. Title</h3>``."""
        sec, n = self.numbering.subsection(title)
        return Block(html.heading(3, self.numbering.ident("s", sec, n), self.numbering.number(sec, n), title))

    def markdown(self, text: str) -> Block:
        """Extra analyst text written in the notebook (Markdown), shown like the dataset's texts."""
        return Block(html.analyst_text(text))

    # --- numbered tables and figures -------------------------------------------------------------------

    def table(self, caption: str, header, rows, *, source=None, note=None, wide=None) -> Block:
        """A table numbered in this chapter: ``Tabel 3.2 caption``."""
        n = self.numbering.next("tabel", caption)
        return html.table(
            ident=self.numbering.ident("tabel", n),
            caption=f"Tabel {self.numbering.number(n)} {caption}",
            header=header,
            rows=rows,
            source=source,
            note=note,
            wide=wide,
        )

    def figure(self, caption: str, svg: str, *, alt: str, source=None) -> Block:
        """A figure numbered in this chapter: ``Gambar 3.1 caption``."""
        n = self.numbering.next("gambar", caption)
        return html.figure(
            ident=self.numbering.ident("gambar", n),
            caption=f"Gambar {self.numbering.number(n)} {caption}",
            svg=svg,
            alt=alt,
            source=source,
        )

    # --- the signature block ---------------------------------------------------------------------------

    def signature(self) -> Block:
        """The head of agency's signature: place and month of issue, title, name, rank and NIP (one helper,
        :func:`lkjipkit.report.front.signature_block`, for every signature), with a callout for what is missing."""
        return html.block(head_signature(self.ds, self.year).html(), self.callout("kepala"))


@dataclass(frozen=True)
class _ClaimNote:
    """A contradicted claim as :func:`lkjipkit.report.html.catatan_penyusun` lists it."""

    teks: str
    lokasi: str


def _contradiction(f) -> str:
    """A contradicted claim in one sentence: the claim, its sentence, the computed figure and how."""
    fig = f.figures
    text = (
        f"Klaim \u201c{fig['klaim']}\u201d ({f.found}) dalam kalimat \u201c{fig['kalimat']}\u201d tidak sesuai "
        f"dengan data: {f.expected}; dihitung dari {fig['cara']}."
    )
    return text + (f" Temuan ini diterima: {f.alasan}" if f.diterima else "")


def _where(finding) -> str:
    """Where to correct the text, as a callout names a place: ``spm_realisasi.csv, baris 21, kolom analisis``."""
    parts = [finding.file] + ([f"baris {finding.row}"] if finding.row is not None else [])
    if finding.column:
        parts.append(finding.column if finding.file.endswith(".yaml") else f"kolom {finding.column}")
    return ", ".join(parts)


def _in_wording(method: Callable[..., Block]) -> Callable[..., Block]:
    """A chapter piece that generates its sentences with the overrides of its dataset (``teks/``)."""

    @functools.wraps(method)
    def piece(self: Chapter, *args, **kwargs) -> Block:
        with narrative.wording(self.wording):
            return method(self, *args, **kwargs)

    return piece


def draft_only(method: Callable[..., Block]) -> Callable[..., Block]:
    """A chapter piece that only a draft shows (the review appendix); a final report gets an empty block."""

    @functools.wraps(method)
    def piece(self: Chapter, *args, **kwargs) -> Block:
        return html.block() if self.final else method(self, *args, **kwargs)

    return piece


def resolve_status(status: str | None, default: str = "draft") -> str:
    """The status a notebook parameter names: ``""`` (or None) is ``default`` (the year's ``laporan.yaml``).

    Raises
    ------
    LkjipError
        Neither ``draft`` nor ``final``.
    """
    value = str(status or "").strip().lower() or default
    if value not in STATUSES:
        raise LkjipError(
            _("status {status}: expected one of {names} (or empty: laporan.yaml's)").format(
                status=repr(status), names=", ".join(STATUSES)
            )
        )
    return value


def iku_frame(chapter: Chapter) -> pd.DataFrame:
    """IKU in report order with their sasaran and tujuan (text only, for grouped tables)."""
    iku = chapter.ordered("iku")
    sas = chapter.ordered("sasaran").rename(columns={"kode": "sasaran_kode", "urutan": "_us"})
    tuj = chapter.ordered("tujuan").rename(columns={"kode": "tujuan_kode", "urutan": "_ut"})
    f = iku.merge(sas, on="sasaran_kode", how="left").merge(tuj, on="tujuan_kode", how="left")
    f = f.sort_values(["_ut", "tujuan_kode", "_us", "sasaran_kode", "urutan", "kode"], kind="mergesort")
    return f.reset_index(drop=True)


def group_spans(values: list) -> list[int]:
    """Rowspan of each row for a column merged over equal consecutive values (0: the cell is covered)."""
    spans = [0] * len(values)
    i = 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and values[j + 1] == values[i]:
            j += 1
        spans[i] = j - i + 1
        i = j + 1
    return spans


CHAPTERS: dict[str, type[Chapter]] = {}


def register(cls: type[Chapter]) -> type[Chapter]:
    CHAPTERS[cls.key] = cls
    return cls


def chapter_class(chapter) -> type[Chapter]:
    """The chapter class for ``0``–``5``, ``"00"``–``"05"``, ``"ikhtisar"`` or ``"lampiran"``.

    The chapter modules register their classes when :mod:`lkjipkit.report` is imported.
    """
    key = str(chapter).strip().lower()
    aliases = {"ikhtisar": "00", "lampiran": "05"}
    key = aliases.get(key, key)
    if key.isdigit():
        key = f"{int(key):02d}"
    try:
        return CHAPTERS[key]
    except KeyError:
        have = ", ".join(f"{k} ({c.__name__})" for k, c in sorted(CHAPTERS.items()))
        raise LkjipError(
            _("no chapter {chapter}; chapters: {names}").format(chapter=repr(chapter), names=have)
        ) from None


def open_chapter(
    dataset: str | Path | None = "", year: int | str | None = 0, chapter: int | str = 1, status: str = ""
) -> Chapter:
    """Load the dataset once and open one chapter of its report for a year.

    In a chapter that ``lkjip build`` runs, the dataset comes loaded and validated, with the year's
    analysis and review findings, from the build (:mod:`lkjipkit.report.handover`); run on its own
    (JupyterLab, plain papermill) the chapter loads them itself.

    Parameters
    ----------
    dataset
        A dataset folder or Excel workbook; ``""`` is the embedded dataset.
    year
        The report year; ``0`` is the latest year in ``laporan.yaml``.
    chapter
        ``0`` Ikhtisar Eksekutif, ``1``–``4`` Bab I–IV, ``5`` Lampiran (the notebook's number).
    status
        ``"draft"`` (callouts for the drafter, the review appendix) or ``"final"``; ``""`` is the
        year's ``status`` in ``laporan.yaml`` (default draft).

    Raises
    ------
    DatasetNotFoundError, DatasetError, YearError
        The dataset cannot be found or is invalid, or has no such year.
    LkjipError
        ``status`` is neither draft nor final.
    """
    cls = chapter_class(chapter)
    path = resolve_dataset(dataset)
    handover = read_handover(path, year)
    if handover is not None:
        return cls(
            handover.dataset, handover.year, status, analysis=handover.analysis, findings=list(handover.findings)
        )
    ds = load_dataset(path)
    return cls(ds, ds.resolve_year(year), status)
