"""Lampiran: the Perjanjian Kinerja, the review findings (reviu) and the report's team."""

from __future__ import annotations

from collections import Counter

from markupsafe import Markup

from lkjipkit import fmt

from . import html
from .chapter import Chapter, draft_only, register
from .front import image_uri, signature_block
from .html import Block, Cell, num, row
from .planning import AgreementTables

#: The two paragraphs of the Perjanjian Kinerja after the parties, in the wording of the PermenPAN-RB 53/2014
#: annex (format of the agreement of a regional government's agency).
PK_PERNYATAAN = (
    "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian ini, "
    "dalam rangka mencapai target kinerja jangka menengah seperti yang telah ditetapkan dalam dokumen "
    "perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi tanggung jawab kami.",
    "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap capaian "
    "kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka pemberian penghargaan "
    "dan sanksi.",
)


REVIEW_SECTION = "Hasil Reviu"
"""The title of the appendix of review findings, a section only a draft has."""
#: On paper, the findings of one rule are listed up to this many of each level; one row counts the rest
#: (reviu.json keeps every finding). A dataset of thousands of kegiatan repeats a warning per kegiatan
#: (hundreds of rows, most of a 200-page draft); its first 25 show the kind. Errors, each of which stops
#: a final report, are always listed in full.
ROWS_PER_RULE = {"informasi": 10, "peringatan": 25}


@register
class Appendix(AgreementTables, Chapter):
    """Lampiran (notebook ``05``). Sections are numbered "Lampiran 1", "Lampiran 2", tables "Tabel L.1"."""

    key = "05"
    heading_lines = ("LAMPIRAN",)
    bab_id = "lampiran"
    label = "L"
    slug = "l"
    draft_sections = (REVIEW_SECTION,)

    def section_number(self, n: int) -> str:
        return f"Lampiran {n}"

    def agreement(self) -> Block:
        """Lampiran 1: the Perjanjian Kinerja of the year in the form of the PermenPAN-RB 53/2014 annex.

        On a new page: the logo (when the dataset has one), the title, the statement of the two parties
        (the head of agency as *pihak pertama*, ``laporan.yaml: perjanjian_kinerja.pihak_kedua`` as *pihak
        kedua*) with both signatures, then the agreement's attachment: the sasaran–IKU–target table, the
        program budget table and both signatures again, kept with the last table in print. A missing
        second party leaves its name and title blank, as on the unsigned form.
        """
        pk = self.laporan.perjanjian_kinerja
        first, second = self.profil.kepala, (pk.pihak_kedua if pk else None)
        parties = Markup("").join(
            [
                _party(first.nama, first.jabatan),
                html.paragraph("selanjutnya disebut pihak pertama."),
                _party(second.nama if second else None, second.jabatan if second else None),
                html.paragraph("selaku atasan pihak pertama, selanjutnya disebut pihak kedua."),
            ]
        )
        statement = html.block(
            self._agreement_title(),
            html.paragraph(
                "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan, dan akuntabel serta "
                "berorientasi pada hasil, kami yang bertanda tangan di bawah ini:"
            ),
            parties,
            *(html.paragraph(p) for p in PK_PERNYATAAN),
            self._agreement_signatures(),
            self.callout("perjanjian_kinerja"),
        )
        attachment = html.block(
            self._agreement_title(),
            self.agreement_targets(),
            Markup('<div class="pk-akhir">{}</div>').format(
                html.block(self.agreement_budget(), self._agreement_signatures())
            ),
            page_break=True,
        )
        return Block(Markup('<div class="pk" id="perjanjian-kinerja">{}{}</div>').format(statement, attachment))

    def _agreement_title(self) -> Markup:
        logo = image_uri(self.ds, self.profil.instansi.logo)
        img = Markup('<p class="pk-logo"><img src="{}" alt="Logo {}"></p>').format(
            logo, self.profil.instansi.pemerintah
        )
        title = Markup('<p class="judul-lampiran"><strong>{}</strong><br>{}<br>{}</p>').format(
            f"PERJANJIAN KINERJA TAHUN {self.year}",
            self.profil.instansi.nama.upper(),
            self.profil.instansi.pemerintah.upper(),
        )
        return (img if logo else Markup("")) + title

    def _agreement_signatures(self) -> Markup:
        """Both parties' signatures side by side: pihak kedua on the left, pihak pertama (with place and date)
        on the right, as in the annex."""
        pk = self.laporan.perjanjian_kinerja
        first, second = self.profil.kepala, (pk.pihak_kedua if pk else None)
        tempat = (pk.tempat if pk and pk.tempat else None) or self.profil.instansi.kota
        tanggal = fmt.tanggal(pk.tanggal) if pk and pk.tanggal else None
        left = signature_block(
            peran="PIHAK KEDUA,",
            jabatan=second.jabatan if second else None,
            nama=second.nama if second else None,
            pangkat=second.pangkat if second else None,
            nip=second.nip if second else None,
        )
        right = signature_block(
            tempat=tempat,
            tanggal=tanggal,
            peran="PIHAK PERTAMA,",
            jabatan=first.jabatan,
            nama=first.nama,
            pangkat=first.pangkat,
            nip=first.nip,
        )
        return Markup('<div class="ttd-pk">{}{}</div>').format(left, right)

    @draft_only
    def review_findings(self) -> Block:
        """The automatic review (reviu) of the year's figures: a summary and one row per finding."""
        try:
            from lkjipkit.review import findings_frame, summary_text
        except ImportError:
            return html.block(
                html.paragraph(
                    "Hasil reviu otomatis tidak tersedia: modul reviu (lkjipkit.review) belum terpasang pada "
                    "lingkungan ini."
                )
            )
        findings = self.findings
        intro = html.paragraph(
            f"Reviu otomatis atas angka-angka laporan tahun {self.year} membandingkan setiap angka yang dicetak "
            f"dengan angka sumbernya, memeriksa konsistensi nama dan anggaran antartabel, serta kewajaran angka. "
            f"Hasil: {summary_text(findings)}"
        )
        if not findings:
            return html.block(intro)
        frame = findings_frame(findings)
        records = frame.to_dict("records")
        total = Counter((r["tingkat"], r["aturan"]) for r in records)
        rows, shown, n = [], Counter(), 0
        for r in records:
            key, limit = (r["tingkat"], r["aturan"]), ROWS_PER_RULE.get(r["tingkat"])
            shown[key] += 1
            if limit is not None and shown[key] > limit:
                continue  # counted in the row after the last one shown
            n += 1
            rows.append(_finding_row(n, r))
            if limit is not None and shown[key] == limit < total[key]:
                text = (
                    f"… dan {total[key] - limit} temuan {r['tingkat']} serupa lainnya dari pemeriksaan ini "
                    f"({r['aturan']}); daftar lengkapnya ada pada reviu.json."
                )
                rows.append(row(["", "", Cell(text, colspan=3)]))
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


def _party(nama: str | None, jabatan: str | None) -> Markup:
    """A party of the agreement as the annex lists it: ``Nama : …`` and ``Jabatan : …`` (blank when unknown)."""
    cells = Markup("").join(
        Markup('<tr><td class="label">{}</td><td class="titik">:</td><td>{}</td></tr>').format(k, v or "")
        for k, v in (("Nama", nama), ("Jabatan", jabatan))
    )
    return Markup('<table class="pk-pihak">{}</table>').format(cells)


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


def _finding_row(i: int, r: dict) -> Markup:
    """One finding of the appendix table: its number, severity, explanation, found and expected values."""
    return row(
        [
            num(f"{i}."),
            r["tingkat"],
            Markup("").join(
                [
                    Markup("<strong>{}</strong><br>").format(r["judul"]) if _has(r["judul"]) else Markup(""),
                    Markup("{}").format(r["uraian"]),
                    _where(r),
                    Markup("<br><em>diterima: {}</em>").format(r["diterima"]) if _has(r["diterima"]) else "",
                ]
            ),
            r["ditemukan"] or fmt.KOSONG,
            r["seharusnya"] or fmt.KOSONG,
        ]
    )
