"""Bab IV Penutup: a conclusion generated from the results, the steps to improve, the analyst's closing, signature."""

from __future__ import annotations

from markupsafe import Markup

from lkjipkit import fmt

from . import html, narrative
from .chapter import Chapter, register
from .html import Block


@register
class Closing(Chapter):
    """Bab IV Penutup (notebook ``04``)."""

    key = "04"
    heading_lines = ("BAB IV", "PENUTUP")
    bab_id = "bab-4"
    label = "4"
    slug = "4"

    def conclusion(self) -> Block:
        """The general conclusion on the organisation's performance (PermenPAN-RB 53/2014, Bab IV), then where
        Bab III details it.

        The comparison with last year, the budget and the efficiency are stated in the Ikhtisar Eksekutif
        and Bab III; repeating those sentences a third time here would only say them again.
        """
        a = self.analysis
        return html.block(
            html.paragraph(
                narrative.conclusion(a.ringkasan_iku, a.capaian_iku),
                "Uraian capaian setiap sasaran, perbandingannya dengan tahun sebelumnya, serta realisasi "
                "anggaran dan efisiensinya disajikan pada Bab III.",
            )
        )

    def improvements(self) -> Block:
        """Steps to improve: the analyst's solutions for each IKU that missed its target (a callout for the missing)."""
        a = self.analysis
        c = a.capaian_iku
        missed = c[c["mencapai_target"].notna() & ~c["mencapai_target"].fillna(True).astype(bool)]
        sol = a.analisis_iku.set_index("kode")["solusi"]
        items = [
            Markup("").join(
                [Markup("<strong>{}</strong>").format(r["indikator"]), html.analyst_text(sol.get(r["kode"]))]
            )
            + self.claim_callout("analisis_iku.csv", f"{r['kode']}, {self.year}", "solusi")
            for r in missed.to_dict("records")
            if not fmt.kosong(sol.get(r["kode"]))
        ]
        if missed.empty:
            return html.block(
                html.paragraph(
                    f"Seluruh IKU yang terukur pada tahun {self.year} mencapai target; capaian ini perlu "
                    "dipertahankan pada tahun berikutnya."
                )
            )
        parts = []
        if items:  # the lead-in only before a list (never "…target:" followed by "belum diuraikan")
            parts += [html.paragraph("Langkah perbaikan atas IKU yang belum mencapai target:"), html.bullet_list(items)]
        parts.append(self.callout("solusi"))
        return html.block(*parts)

    def closing_text(self) -> Block:
        """The analyst's closing words (``laporan.yaml: penutup``), else a standard paragraph."""
        text = self.laporan.penutup
        if fmt.kosong(text):
            return html.block(html.paragraph(narrative.standard_closing(self.agency, self.year)))
        return Block(html.analyst_text(text) + self.claim_callout("laporan.yaml", column="penutup"))
