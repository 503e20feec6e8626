"""Lampiran: the Perjanjian Kinerja, the review findings (reviu) and the report's team."""

from __future__ import annotations

from markupsafe import Markup

from lkjipkit import fmt

from . import html
from .chapter import Chapter, draft_only, register
from .html import Block, Cell, num, row
from .planning import AgreementTables


@register
class Appendix(AgreementTables, Chapter):
    """Lampiran (notebook ``05``). Sections are numbered "Lampiran 1", "Lampiran 2", tables "Tabel L.1"."""

    key = "05"
    heading_lines = ("LAMPIRAN",)
    bab_id = "lampiran"
    label = "L"
    slug = "l"
    draft_sections = ("Hasil Reviu",)

    def section_number(self, n: int) -> str:
        return f"Lampiran {n}"

    def agreement(self) -> Block:
        """The Perjanjian Kinerja of the year: its title, targets and program budgets, and the head's signature."""
        title = Markup('<p class="judul-lampiran"><strong>{}</strong><br>{}<br>{}</p>').format(
            f"PERJANJIAN KINERJA TAHUN {self.year}",
            self.profil.instansi.nama.upper(),
            self.profil.instansi.pemerintah.upper(),
        )
        return html.block(
            title,
            self.agreement_targets(intro=False),
            self.agreement_budget(),
            self.signature(),
            self.callout("perjanjian_kinerja"),
        )

    @draft_only
    def review_findings(self) -> Block:
        """The automatic review (reviu) of the year's figures: a summary and one row per finding."""
        try:
            from lkjipkit.review import findings_frame, review, summary_text
        except ImportError:
            return html.block(
                html.paragraph(
                    "Hasil reviu otomatis tidak tersedia: modul reviu (lkjipkit.review) belum terpasang pada "
                    "lingkungan ini."
                )
            )
        findings = review(self.ds, self.year)
        intro = html.paragraph(
            f"Reviu otomatis atas angka-angka laporan tahun {self.year} membandingkan setiap angka yang dicetak "
            f"dengan angka sumbernya, memeriksa konsistensi nama dan anggaran antartabel, serta kewajaran angka. "
            f"Hasil: {summary_text(findings)}"
        )
        if not findings:
            return html.block(intro)
        frame = findings_frame(findings)
        rows = [
            row(
                [
                    num(f"{i}."),
                    r["tingkat"],
                    Markup("").join(
                        [
                            Markup("<strong>{}</strong><br>").format(r["judul"]) if _has(r["judul"]) else Markup(""),
                            Markup("{}").format(r["uraian"]),
                            _where(r),
                        ]
                    ),
                    r["ditemukan"] or fmt.KOSONG,
                    r["seharusnya"] or fmt.KOSONG,
                ]
            )
            for i, r in enumerate(frame.to_dict("records"), start=1)
        ]
        # Five columns, the explanation the widest: the rule's name in words instead of its code, and
        # where in the data the number sits as a small line under it (the codes stay in reviu.json).
        table = self.table(
            f"Temuan Reviu atas Data LKjIP {self.agency_short} Tahun {self.year}",
            header=[
                [
                    "No.",
                    "Tingkat",
                    Cell("Pemeriksaan dan Uraian", kelas="kol-uraian"),
                    Cell("Ditemukan", kelas="kol-nilai"),
                    Cell("Seharusnya", kelas="kol-nilai"),
                ]
            ],
            rows=rows,
        )
        return html.block(intro, table)

    def team(self) -> Block:
        """The team that prepared the report (``laporan.yaml: tim_penyusun``)."""
        team = self.laporan.tim_penyusun
        if not team:
            return html.block(self.callout("tim_penyusun"))
        rows = [
            row(
                [
                    num(f"{i}."),
                    Markup("{}<br>NIP. {}").format(m.nama, m.nip) if m.nip else m.nama,
                    m.jabatan,
                ]
            )
            for i, m in enumerate(team, start=1)
        ]
        return self.table(
            f"Tim Penyusun LKjIP {self.agency_short} Tahun {self.year}",
            header=[["No.", "Nama/NIP", Cell("Jabatan dalam Tim")]],
            rows=rows,
        )


def _has(value) -> bool:
    return not fmt.kosong(value)


def _where(r: dict) -> Markup:
    """``Data: anggaran.csv baris 10, kolom nama_realisasi (1.14.1.14.01.01.018)`` as a small line, or nothing."""
    parts = []
    if _has(r.get("berkas")):
        parts.append(str(r["berkas"]))
    if _has(r.get("baris")):
        parts.append(f"baris {r['baris']}")
    if _has(r.get("kolom")):
        parts.append(f"kolom {r['kolom']}")
    text = ", ".join(parts) if parts else (str(r["lokasi"]) if _has(r.get("lokasi")) else "")
    if _has(r.get("kunci")):
        text = f"{text} ({r['kunci']})" if text else str(r["kunci"])
    if not text:
        return Markup("")
    return Markup('<br><span class="lokasi">Data: {}</span>').format(text)
