"""Bab I Pendahuluan: background, organisation, strategic aspects and issues, from the profile."""

from __future__ import annotations

from markupsafe import Markup

from lkjipkit import fmt

from . import html
from .chapter import Chapter, register
from .front import image_uri
from .html import Block, num, row


@register
class Introduction(Chapter):
    """Bab I Pendahuluan (notebook ``01``)."""

    key = "01"
    heading_lines = ("BAB I", "PENDAHULUAN")
    bab_id = "bab-1"
    label = "1"
    slug = "1"

    def background(self) -> Block:
        """1.1 Latar belakang: the analyst's text (``laporan.yaml: latar_belakang``); nothing when there is none.

        The standard text for a year without one is a prose cell of the notebook, shown when
        ``{{ laporan.latar_belakang_diisi }}`` is false (:mod:`lkjipkit.report.prose`).
        """
        return Block(html.analyst_text(self.laporan.latar_belakang))

    def organisation(self) -> Block:
        """1.2 Struktur organisasi: the analyst's text, the organisation chart, the legal bases, the main task.

        The chart (``profil.yaml: instansi.bagan_organisasi``) follows the analyst's text as the numbered
        figure "Gambar 1.1 Struktur Organisasi …", embedded as a ``data:`` URI.
        """
        parts = []
        text = self.laporan.struktur_organisasi
        if not fmt.kosong(text):
            parts.append(html.analyst_text(text))
        parts.append(self.organisation_chart() or self.callout("bagan_organisasi"))  # the chart, or where it goes
        laws = self.profil.dasar_hukum_organisasi
        if laws and fmt.kosong(text):
            parts.append(html.paragraph(f"Organisasi {self.agency} ditetapkan berdasarkan:"))
            parts.append(html.bullet_list(laws, ordered=True))
        if not fmt.kosong(self.profil.tugas_pokok):
            parts.append(html.paragraph(f"Tugas pokok {self.agency_short}:"))
            parts.append(html.analyst_text(self.profil.tugas_pokok))
        parts.append(self.callout("struktur_organisasi"))
        return html.block(*parts)

    def organisation_chart(self) -> Markup:
        """The organisation chart as a numbered figure, or nothing when the dataset has none."""
        uri = image_uri(self.ds, self.profil.instansi.bagan_organisasi)
        if uri is None:
            return Markup("")
        caption = f"Struktur Organisasi {self.agency}"
        n = self.numbering.next("gambar", caption)
        return Markup(
            '<figure class="lkjip bagan" id="{}"><img src="{}" alt="{}"><figcaption>{}</figcaption></figure>'
        ).format(
            self.numbering.ident("gambar", n),
            uri,
            f"Bagan struktur organisasi {self.agency}",
            f"Gambar {self.numbering.number(n)} {caption}",
        )

    def strategic_aspects(self) -> Block:
        """1.3 Aspek strategis: the introduction and a table of aspects per field (bidang)."""
        parts = [html.analyst_text(self.profil.aspek_strategis_pengantar)]
        aspects = self.profil.aspek_strategis
        if aspects:
            rows = []
            for i, a in enumerate(aspects, start=1):
                items = a.aspek
                content = html.bullet_list(items, ordered=True) if len(items) > 1 else (items[0] if items else "")
                rows.append(row([num(f"{fmt.huruf(i)}."), a.bidang, content]))
            parts.append(
                self.table(
                    f"Aspek Strategis {self.agency_short}",
                    header=[["No.", "Bidang", "Aspek Strategis"]],
                    rows=rows,
                    source=self.profil.renstra.dokumen,
                )
            )
        parts.append(self.callout("aspek_strategis"))
        return html.block(*parts)

    def strategic_issues(self) -> Block:
        """1.4 Isu-isu strategis: the introduction, the numbered issues, then each issue's explanation."""
        issues = self.profil.isu_strategis
        parts = [html.analyst_text(self.profil.isu_strategis_pengantar)]
        if issues:
            parts.append(html.bullet_list([i.isu for i in issues], ordered=True))
            parts.extend(html.analyst_text(i.uraian) for i in issues if not fmt.kosong(i.uraian))
        parts.append(self.callout("isu_strategis"))
        return html.block(*parts)


__all__ = ["Introduction"]
