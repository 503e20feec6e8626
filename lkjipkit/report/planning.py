"""Bab II Perencanaan Kinerja: Renstra (tujuan, sasaran, IKU, formula, target), RKT, Perjanjian Kinerja."""

from __future__ import annotations

from lkjipkit import fmt
from lkjipkit.analysis import fsum

from . import html
from .chapter import Chapter, group_spans, iku_frame, register
from .corrections import budget_label, correction_notes
from .html import Block, Cell, num, row


def formula_text(pembilang, penyebut, satuan) -> str:
    """The formula of an IKU in words: "Σ pencaker yang dilatih / Σ pencaker sasaran pelatihan × 100 %"."""
    if fmt.kosong(pembilang) and fmt.kosong(penyebut):
        return fmt.KOSONG
    if fmt.kosong(penyebut):
        return f"Σ {pembilang}"
    text = f"Σ {pembilang} / Σ {penyebut}"
    return text + " × 100 %" if (satuan or "").strip() == "%" else text


class AgreementTables:
    """The Perjanjian Kinerja tables, shown in Bab II (2.3) and again in the Lampiran."""

    def _targets(self) -> dict:
        c = self.analysis.capaian_iku
        return dict(zip(c["kode"], c["target"], strict=True))

    def agreement_targets(self) -> Block:
        """2.3 Perjanjian Kinerja, part 1: sasaran strategis, IKU and the year's targets (the sentence before
        it is a prose cell of the notebook)."""
        f = iku_frame(self)
        targets = self._targets()
        s_span = group_spans(list(f["sasaran_kode"]))
        rows, n = [], 0
        for i, r in enumerate(f.to_dict("records")):
            cells = []
            if s_span[i]:
                n += 1
                cells += [Cell(f"{n}.", num=True, rowspan=s_span[i]), Cell(r["sasaran"], rowspan=s_span[i])]
            cells += [r["indikator"], num(fmt.dengan_satuan(targets.get(r["kode"]), r["satuan"]))]
            rows.append(row(cells))
        return self.table(
            f"Perjanjian Kinerja {self.agency_short} Tahun {self.year}: Sasaran, Indikator dan Target",
            header=[["No.", "Sasaran Strategis", "Indikator Kinerja Utama (IKU)", f"Target {self.year}"]],
            rows=rows,
        )

    def agreement_budget(self) -> Block:
        """2.3 Perjanjian Kinerja, part 2: the budget of each program as agreed (``anggaran_pk``), with the total."""
        progs = self.analysis.anggaran_program
        rows = [
            row([num(f"{i}."), p["program"], num(fmt.angka(p["anggaran_pk"]))])
            for i, p in enumerate(progs.to_dict("records"), start=1)
        ]
        rows.append(row([Cell("Jumlah", colspan=2), num(fmt.angka(fsum(progs["anggaran_pk"])))], "total"))
        note = None
        if progs["anggaran_pk"].isna().any():
            note = "Tanda – : anggaran program tidak dicantumkan dalam Perjanjian Kinerja."
        return self.table(
            f"Anggaran Program dalam Perjanjian Kinerja {self.agency_short} Tahun {self.year}",
            header=[["No.", "Program", "Anggaran (Rp)"]],
            rows=rows,
            note=note,
        )


@register
class PerformancePlanning(AgreementTables, Chapter):
    """Bab II Perencanaan Kinerja (notebook ``02``)."""

    key = "02"
    heading_lines = ("BAB II", "PERENCANAAN KINERJA")
    bab_id = "bab-2"
    label = "2"
    slug = "2"

    def missions(self) -> Block:
        """2.1 The misi as a list a., b., c. (the sentence stating the visi is a prose cell of the notebook)."""
        return html.block(html.bullet_list(self.profil.misi, jenis="a"))

    def renstra_table(self) -> Block:
        """2.1 Tujuan, sasaran, IKU, formula and targets (of the year and of the Renstra's last year); the
        sentence before it is a prose cell of the notebook."""
        f = iku_frame(self)
        targets = self._targets()
        end = self.profil.renstra.tahun_akhir
        t_span = group_spans(list(f["tujuan_kode"]))
        s_span = group_spans(list(zip(f["tujuan_kode"], f["sasaran_kode"], strict=True)))
        rows, n = [], 0
        negatif = False
        for i, r in enumerate(f.to_dict("records")):
            cells = []
            if t_span[i]:
                n += 1
                cells += [Cell(f"{n}.", num=True, rowspan=t_span[i]), Cell(r["tujuan"], rowspan=t_span[i])]
            if s_span[i]:
                cells.append(Cell(r["sasaran"], rowspan=s_span[i]))
            name = r["indikator"]
            if r["polaritas"] == "negatif":
                name, negatif = f"{name} *", True
            cells += [
                name,
                formula_text(r["pembilang"], r["penyebut"], r["satuan"]),
                num(fmt.dengan_satuan(targets.get(r["kode"]), r["satuan"])),
                num(fmt.dengan_satuan(r["target_renstra"], r["satuan"])),
            ]
            rows.append(row(cells))
        note = "* Indikator berpolaritas negatif: semakin rendah realisasi, semakin baik kinerja." if negatif else None
        return self.table(
            f"Tujuan, Sasaran, Indikator dan Target Kinerja {self.agency_short} Tahun {self.year}",
            header=[
                [
                    "No.",
                    "Tujuan",
                    "Sasaran",
                    "Indikator Kinerja Utama",
                    "Formulasi",
                    f"Target {self.year}",
                    f"Target Akhir Renstra ({end})",
                ]
            ],
            rows=rows,
            note=note,
            source=self.profil.renstra.dokumen,
        )

    def annual_plan(self) -> Block:
        """2.2 Rencana Kinerja Tahunan: programs and kegiatan with their pagu (APBD murni), totals; the sentence
        before it (how many programs and kegiatan, the pagu) is a prose cell of the notebook."""
        a = self.analysis
        acts, progs = a.anggaran_kegiatan, a.anggaran_program
        rows, k = [], 0
        for p_i, p in enumerate(progs.to_dict("records"), start=1):
            rows.append(
                row(
                    [
                        Cell(f"{fmt.romawi(p_i)}.", num=True),
                        p["program"],
                        p["program_kode"],
                        num(fmt.angka(p["pagu_murni"])),
                    ],
                    "group",
                )
            )
            if not a.tabel_kegiatan_lengkap:  # too many kegiatan to list on paper: programs only (a note says where)
                continue
            for r in acts[acts["program_kode"] == p["program_kode"]].to_dict("records"):
                k += 1
                rows.append(row([num(f"{k}."), r["kegiatan"], r["kode_rekening"], num(fmt.angka(r["pagu_murni"]))]))
        rows.append(row([Cell("Jumlah", colspan=3), num(fmt.angka(a.anggaran_ringkasan.pagu_murni))], "total"))
        missing = acts[acts["pagu_murni"].isna()]
        notes = []
        if not a.tabel_kegiatan_lengkap:
            notes.append(
                html.paragraph(
                    f"Rincian pagu {fmt.angka(len(acts))} kegiatan terdapat pada berkas "
                    "tabel/anggaran_kegiatan.csv dan tabel.xlsx.",
                    kelas="catatan",
                )
            )
        if len(missing) and a.tabel_kegiatan_lengkap:
            names = fmt.daftar(missing["kegiatan"].tolist())
            notes.append(
                html.paragraph(
                    f"Tanda – : pagu APBD murni tidak tercantum ({names}); kegiatan tersebut hanya memiliki pagu "
                    "APBD-P.",
                    kelas="catatan",
                )
            )
        notes.append(
            correction_notes(
                a.koreksi,
                tabel=("anggaran", "program_tahunan"),
                kolom=("pagu_rkt_tercetak",),
                label=budget_label(dict(zip(progs["program_kode"], progs["program"], strict=True))),
            )
        )
        note = html.block(*notes) or None
        return self.table(
            f"Rencana Kinerja Tahunan {self.agency_short} Tahun Anggaran {self.year}",
            header=[["No.", "Program/Kegiatan", "Kode Rekening", "Pagu (Rp)"]],
            rows=rows,
            note=note,
        )
