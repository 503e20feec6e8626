"""Bab IV Penutup: the steps to improve, the analyst's closing, signature.

The wording around them is the chapter's prose cells (``notebooks/04_penutup.ipynb``): the conclusion
paragraph (its generated sentence is the placeholder ``{{ ringkasan.kesimpulan }}``), the lead-in of the
steps to improve and the standard closing paragraph; the facts that choose between them are the
placeholders of :func:`closing_facts` (:mod:`lkjipkit.report.prose`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from markupsafe import Markup

from lkjipkit import fmt

from . import html, narrative
from .chapter import Chapter, register
from .html import Block


def missed_iku(analysis) -> pd.DataFrame:
    """The measured IKU of the year that missed their target (rows of ``YearAnalysis.capaian_iku``)."""
    c = analysis.capaian_iku
    return c[c["mencapai_target"].notna() & ~c["mencapai_target"].fillna(True).astype(bool)]


def improvement_steps(analysis) -> list[tuple[dict, str]]:
    """The IKU that missed their target with the analyst's solution (``analisis_iku.csv: solusi``), in report
    order; an IKU without one is left out (its gap is a callout)."""
    sol = analysis.analisis_iku.set_index("kode")["solusi"]
    return [
        (r, sol.get(r["kode"])) for r in missed_iku(analysis).to_dict("records") if not fmt.kosong(sol.get(r["kode"]))
    ]


def closing_facts(analysis, laporan) -> dict[str, Any]:
    """The facts the prose cells of Bab IV choose their wording on (names of :mod:`lkjipkit.report.prose`).

    ``kesimpulan`` is the general conclusion on the organisation's performance (PermenPAN-RB 53/2014,
    Bab IV): the share of IKU met, those missed by name, the mean capaian; the comparison with last
    year, the budget and the efficiency are stated in the Ikhtisar Eksekutif and Bab III, and are not
    repeated there.
    """
    a = analysis
    return {
        "kesimpulan": narrative.conclusion(a.ringkasan_iku, a.capaian_iku).unescape(),
        "semua_tercapai": missed_iku(a).empty,
        "ada_langkah": bool(improvement_steps(a)),
        "penutup_diisi": not fmt.kosong(laporan.penutup),
    }


@register
class Closing(Chapter):
    """Bab IV Penutup (notebook ``04``)."""

    key = "04"
    heading_lines = ("BAB IV", "PENUTUP")
    bab_id = "bab-4"
    label = "4"
    slug = "4"

    def improvements(self) -> Block:
        """Steps to improve: the analyst's solutions for each IKU that missed its target (a callout for the
        missing); nothing when every measured IKU met its target.

        The lead-in before the list, and the sentence for a year without a missed target, are the prose
        cell above it (``{% if ringkasan.semua_tercapai %}``, ``{% elif perbaikan.ada %}``).
        """
        if missed_iku(self.analysis).empty:
            return html.block()
        items = [
            Markup("").join([Markup("<strong>{}</strong>").format(r["indikator"]), html.analyst_text(solusi)])
            + self.claim_callout("analisis_iku.csv", f"{r['kode']}, {self.year}", "solusi")
            for r, solusi in improvement_steps(self.analysis)
        ]
        return html.block(html.bullet_list(items), self.callout("solusi"))

    def closing_text(self) -> Block:
        """The analyst's closing words (``laporan.yaml: penutup``); nothing when there are none.

        The standard paragraph for a year without them is a prose cell of the notebook, shown when
        ``{{ laporan.penutup_diisi }}`` is false.
        """
        text = self.laporan.penutup
        if fmt.kosong(text):
            return html.block()
        return Block(html.analyst_text(text) + self.claim_callout("laporan.yaml", column="penutup"))
