"""Ikhtisar Eksekutif: one page on what was targeted, what was reached, what was missed and why, and the budget."""

from __future__ import annotations

from markupsafe import Markup

from lkjipkit import fmt

from . import html, narrative
from .chapter import Chapter, register
from .html import Block


@register
class ExecutiveSummary(Chapter):
    """Ikhtisar Eksekutif (notebook ``00``)."""

    key = "00"
    heading_lines = ("IKHTISAR EKSEKUTIF",)
    bab_id = "ikhtisar"
    label = "IE"
    slug = "ie"

    def overview(self) -> Block:
        """What was targeted: the purpose of the report, the number of sasaran and IKU, how many were met."""
        a = self.analysis
        return html.block(
            html.paragraph(
                narrative.opening(self.agency, self.year),
                narrative.results(a.ringkasan_iku, instansi=self.agency_short, jumlah_sasaran=len(a.sasaran)),
                narrative.year_comparison(a.ringkasan_iku),
            ),
        )

    def _rows(self, met) -> list[dict]:
        c = self.analysis.capaian_iku
        m = c["mencapai_target"]
        pick = m.isna() if met is None else (m.fillna(not met).astype(bool) == met)
        return [r | {"_i": i} for i, r in zip(c.index[pick], c[pick].to_dict("records"), strict=True)]

    def reached(self) -> Block:
        """The IKU that reached their target, in one sentence."""
        rows = self._rows(True)
        if not rows:
            return html.block(html.paragraph(f"Tidak ada IKU yang mencapai target pada tahun {self.year}."))
        items = fmt.daftar([str(narrative.achievement_short(r)) for r in rows])
        return html.block(html.paragraph(html.trusted(f"IKU yang mencapai target: {items}.")))

    def missed(self) -> Block:
        """The IKU that missed their target and why: the analyst's overall explanation, else each IKU's causes."""
        rows = self._rows(False)
        parts = []
        if rows:
            items = fmt.daftar([str(narrative.achievement_short(r)) for r in rows])
            parts.append(html.paragraph(html.trusted(f"IKU yang belum mencapai target: {items}.")))
            overall = self.laporan.kesimpulan_capaian
            if not fmt.kosong(overall):
                parts.append(
                    html.analyst_text(overall) + self.claim_callout("laporan.yaml", column="kesimpulan_capaian")
                )
            else:
                causes = self.analysis.analisis_iku.set_index("kode")["penyebab"]
                listed = [
                    Markup("").join([Markup("<strong>{}</strong>").format(r["indikator"]), html.analyst_text(why)])
                    + self.claim_callout("analisis_iku.csv", f"{r['kode']}, {self.year}", "penyebab")
                    for r in rows
                    if not fmt.kosong(why := causes.get(r["kode"]))
                ]
                if listed:
                    parts.append(html.paragraph("Penyebabnya menurut analisis:"))
                    parts.append(html.bullet_list(listed))
        else:
            parts.append(html.paragraph(f"Seluruh IKU yang terukur mencapai target pada tahun {self.year}."))
        unknown = self._rows(None)
        if unknown:
            names = fmt.daftar([narrative.lower_first(str(r["indikator"])) for r in unknown])
            parts.append(html.paragraph(f"IKU yang belum dapat diukur karena datanya belum lengkap: {names}."))
        return html.block(*parts)

    def budget(self) -> Block:
        """Budget absorption: pagu in force, realisation, weighted physical progress, sisa; kegiatan cut."""
        a = self.analysis
        sentences = [narrative.budget_absorption(a.anggaran_ringkasan)]
        if a.anggaran_ringkasan.jumlah_kegiatan_dipotong:
            sentences.append(
                f"Sebanyak {a.anggaran_ringkasan.jumlah_kegiatan_dipotong} dari {a.anggaran_ringkasan.jumlah_kegiatan} "
                "kegiatan dibatalkan pada APBD Perubahan."
            )
        sentences.append(narrative.efficiency_summary(a.efisiensi))
        return html.block(html.paragraph(*sentences))
