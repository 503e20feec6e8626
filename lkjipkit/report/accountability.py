"""Bab III Akuntabilitas Kinerja: capaian per sasaran with the seven analyses, SPM, realisasi anggaran.

Every figure comes from :func:`lkjipkit.analysis.analyse` (``self.analysis``);
this module only lays the results out as tables, figures and sentences.
"""

from __future__ import annotations

import math

import pandas as pd
from markupsafe import Markup

from lkjipkit import fmt
from lkjipkit.analysis.budget import NOTABLE_PER_PROGRAM

from . import html, narrative
from .chapter import Chapter, group_spans, iku_frame, register
from .corrections import REALISATION_COLUMNS, budget_label, correction_notes
from .html import Block, Cell, num, row

#: The seven analyses of a sasaran (PermenPAN-RB 53/2014), as the report names them.
ANALYSES = (
    "Perbandingan target dan realisasi tahun {tahun}",
    "Perbandingan realisasi dengan tahun-tahun sebelumnya",
    "Perbandingan realisasi dengan target jangka menengah (Renstra)",
    "Perbandingan realisasi dengan standar nasional",
    "Penyebab keberhasilan atau kegagalan dan solusi yang dilakukan",
    "Efisiensi penggunaan sumber daya",
    "Program dan kegiatan yang menunjang keberhasilan atau kegagalan",
)


def _h4(text: str) -> Markup:
    return Markup('<h4 class="analisis">{}</h4>').format(text)


def _program_label(i: int, name: str) -> str:
    return f"{fmt.romawi(i)}. {name}"


def _has(v) -> bool:
    return not fmt.kosong(v)


@register
class Accountability(Chapter):
    """Bab III Akuntabilitas Kinerja (notebook ``03``)."""

    key = "03"
    heading_lines = ("BAB III", "AKUNTABILITAS KINERJA")
    bab_id = "bab-3"
    label = "3"
    slug = "3"

    # --- 3.1 capaian kinerja organisasi --------------------------------------------------------------

    def sakip_evaluation(self) -> Block:
        """The previous SAKIP evaluation: score, category, the auditor's recommendations and the follow-up."""
        ev = self.laporan.evaluasi_sakip
        if ev is None:
            return html.block()
        predikat = f"{ev.predikat}, " if ev.predikat else ""
        source = f"Sesuai {ev.surat}, " if ev.surat else ""
        first = (
            f"{source}{self.agency_short} memperoleh nilai {fmt.angka(ev.nilai, 2)} ({predikat}kategori {ev.kategori}) "
            f"atas evaluasi akuntabilitas kinerja tahun {ev.tahun}."
        )
        parts = [html.paragraph(first[:1].upper() + first[1:])]
        if ev.rekomendasi:
            parts.append(html.paragraph("Sebagai upaya perbaikan, hasil evaluasi tersebut merekomendasikan:"))
            parts.append(html.bullet_list(ev.rekomendasi, jenis="a"))
        parts.append(html.analyst_text(ev.tindak_lanjut))
        return html.block(*parts)

    def achievement_table(self) -> Block:
        """Tabel 3.1: target and realisation of every IKU this year and last, capaian and category."""
        a = self.analysis
        c = a.capaian_iku.set_index("kode")
        f = iku_frame(self)
        y, y0 = self.year, self.year - 1
        s_span = group_spans(list(f["sasaran_kode"]))
        rows, n, negatif, capped, undefined = [], 0, False, False, False
        for i, r in enumerate(f.to_dict("records")):
            x = c.loc[r["kode"]]
            cells = []
            if s_span[i]:
                n += 1
                cells += [Cell(f"{n}.", num=True, rowspan=s_span[i]), Cell(r["sasaran"], rowspan=s_span[i])]
            name = r["indikator"]
            if r["polaritas"] == "negatif":
                name, negatif = f"{name} *", True
            cap = fmt.angka(x["capaian"], 2)
            if _has(x["capaian"]) and not math.isclose(x["capaian"], x["capaian_tanpa_batas"]):
                cap, capped = f"{cap} **", True
            if not _has(x["capaian"]) and _has(x["realisasi"]):
                undefined = True
            cells += [
                name,
                r["satuan"],
                num(fmt.nilai(x["target_tahun_lalu"])),
                num(fmt.nilai(x["target"])),
                num(fmt.nilai(x["realisasi_tahun_lalu"])),
                num(fmt.nilai(x["realisasi"])),
                num(cap),
                x["kategori"] if _has(x["kategori"]) else fmt.KOSONG,
            ]
            rows.append(row(cells))
        notes = []
        if negatif:
            notes.append("* Indikator berpolaritas negatif: semakin rendah realisasi, semakin baik kinerja.")
        if capped:
            notes.append(f"** Capaian dibatasi pada {fmt.nilai(a.cap)} %.")
        if undefined:
            notes.append("– pada kolom capaian: capaian tidak dapat dihitung karena target 0 atau kosong.")
        bands = "; ".join(_band_text(b, a.scale.bands) for b in a.scale.bands)
        notes.append(f"Kategori capaian: {a.scale.title or a.scale.name} ({bands}).")
        header = [
            [
                Cell("No.", rowspan=2),
                Cell("Sasaran", rowspan=2),
                Cell("Indikator Kinerja Utama", rowspan=2),
                Cell("Satuan", rowspan=2),
                Cell("Target", colspan=2),
                Cell("Realisasi", colspan=2),
                Cell(f"Capaian {y} (%)", rowspan=2),
                Cell("Kategori", rowspan=2),
            ],
            [str(y0), str(y), str(y0), str(y)],
        ]
        intro = html.paragraph(
            narrative.formula(a.rumus_dipakai, a.cap),
            f"Capaian kinerja {self.agency_short} tahun {y} dijelaskan dalam tabel berikut:",
        )
        table = self.table(
            f"Capaian Kinerja {self.agency_short} Tahun {y}",
            header=header,
            rows=rows,
            note=html.block(
                *(html.paragraph(t, kelas="catatan") for t in notes),
                correction_notes(
                    a.koreksi, tabel="iku_tahunan", tahun=[y], label=lambda r: c.at[r["kode"], "indikator"]
                ),
            ),
            source=self._iku_source(),
        )
        return html.block(intro, table)

    def _iku_source(self) -> str | None:
        t = self.ds.tables["iku_tahunan"]
        t = t[t["tahun"].isin([self.year, self.year - 1])]
        sources = [str(s) for s in dict.fromkeys(t["sumber"].dropna()) if str(s).strip()] if "sumber" in t else []
        return "; ".join(sources) or None

    def achievement_figure(self) -> Block:
        """Gambar: each IKU's target and realisation this year beside last year's realisation."""
        from . import figures  # imports matplotlib: only where a figure is drawn

        c = self.analysis.capaian_iku
        items = [
            figures.IkuBars(
                label=r["indikator"],
                satuan=r["satuan"],
                negatif=r["polaritas"] == "negatif",
                target=narrative.scalar(r["target"]),
                realisasi=narrative.scalar(r["realisasi"]),
                realisasi_lalu=narrative.scalar(r["realisasi_tahun_lalu"]),
            )
            for r in c.to_dict("records")
        ]
        svg = figures.iku_target_realisasi(items, self.year, self.year - 1)
        return self.figure(
            f"Target dan Realisasi IKU Tahun {self.year} dibandingkan dengan Realisasi Tahun {self.year - 1}",
            svg,
            alt=f"Diagram batang target {self.year}, realisasi {self.year - 1} dan realisasi {self.year} setiap IKU",
            source=self._iku_source(),
        )

    def achievement_summary(self) -> Block:
        """How many IKU met their target, the mean capaian, and how many improved on last year, read from the
        table above (worded apart from the Ikhtisar Eksekutif, which opens with the same facts)."""
        a = self.analysis
        return html.block(
            html.paragraph(
                narrative.table_results(a.ringkasan_iku, jumlah_sasaran=len(a.sasaran)),
                narrative.year_comparison(a.ringkasan_iku),
            )
        )

    def sasaran_analyses(self) -> Block:
        """One sub-section per sasaran with its seven analyses (and a table of its supporting programs)."""
        parts = []
        for k, s in enumerate(self.analysis.sasaran, start=1):
            parts.append(self.subsection(f"Sasaran {k}: {s.sasaran}"))
            parts.append(self._sasaran(k, s))
        return html.block(*parts)

    def _sasaran(self, k: int, s) -> Markup:
        y = self.year
        names = dict(zip(s.targets["kode"], s.targets["indikator"], strict=True))
        full = self.analysis.capaian_iku.set_index("kode")
        rows = [full.loc[code].to_dict() | {"kode": code} for code in names]
        if s.tujuan:
            lead = html.paragraph(f"Sasaran ini mendukung tujuan “{s.tujuan}” dan diukur dengan {len(rows)} IKU.")
        else:
            lead = html.paragraph(f"Sasaran ini diukur dengan {len(rows)} IKU.")
        out = [lead]

        def each(sentences) -> Markup:
            items = [x for x in sentences if x]
            if len(items) == 1:
                return html.paragraph(items[0])
            return html.bullet_list(items)

        out.append(_h4(f"a. {ANALYSES[0].format(tahun=y)}"))
        out.append(each(narrative.achievement(r, y - 1) for r in rows))
        out.append(_h4(f"b. {ANALYSES[1]}"))
        out.append(
            each(
                narrative.history(s.history[s.history["kode"] == code], names[code], s.trends[code])
                for code in names
                if code in s.trends
            )
        )
        out.append(self._history_table(k, s))
        out.append(_h4(f"c. {ANALYSES[2]}"))
        out.append(each(narrative.renstra(r) for r in s.renstra.to_dict("records")))
        out.append(_h4(f"d. {ANALYSES[3]}"))
        std = {r["kode"]: r for r in s.national_standard.to_dict("records")}
        out.append(each(narrative.national_standard(std.get(code), names[code], y) for code in names))
        out += [self.callout("beda_spm", code) for code in names]
        out.append(_h4(f"e. {ANALYSES[4]}"))
        for r in s.causes.to_dict("records"):
            notes = Markup("").join(self.callout(j, r["kode"]) for j in ("analisis", "penyebab", "solusi"))
            if len(names) > 1 and (notes or not (fmt.kosong(r["penyebab"]) and fmt.kosong(r["solusi"]))):
                out.append(html.paragraph(Markup("<strong>{}</strong>").format(r["indikator"])))
            if not fmt.kosong(r["penyebab"]):
                out.append(html.paragraph("Penyebab:", kelas="label-analis"))
                out.append(html.analyst_text(r["penyebab"]))
                out.append(self.claim_callout("analisis_iku.csv", f"{r['kode']}, {y}", "penyebab"))
            if not fmt.kosong(r["solusi"]):
                out.append(html.paragraph("Solusi:", kelas="label-analis"))
                out.append(html.analyst_text(r["solusi"]))
                out.append(self.claim_callout("analisis_iku.csv", f"{r['kode']}, {y}", "solusi"))
            out.append(notes)
        out.append(_h4(f"f. {ANALYSES[5]}"))
        eff = s.efficiency.to_dict()
        out.append(html.paragraph(narrative.efficiency(eff) if eff else "Efisiensi tidak dapat dinilai."))
        out.append(self.callout("tautan_program", s.kode))
        out.append(_h4(f"g. {ANALYSES[6]}"))
        out.append(
            html.paragraph(narrative.activities(s.progress, s.activities, by_name=self.analysis.tabel_kegiatan_lengkap))
        )
        if len(s.programs):
            out.append(self._program_table(k, s))
        out.append(
            html.paragraph(
                narrative.activity_highlights(
                    s.highlights, s.activities, names, by_name=self.analysis.tabel_kegiatan_lengkap
                )
            )
        )
        out.append(self._activity_table(k, s))
        return Markup("").join(out)

    def _history_table(self, k: int, s) -> Block:
        """Analysis b as a table: every year the dataset holds for each IKU of sasaran ``k``."""
        h = s.history
        if h.empty:
            return html.block()
        spans = group_spans(list(h["kode"]))
        rows = []
        for i, r in enumerate(h.to_dict("records")):
            cells = [Cell(r["indikator"], rowspan=spans[i]), Cell(r["satuan"], rowspan=spans[i])] if spans[i] else []
            cells += [
                num(str(int(r["tahun"]))),
                num(fmt.nilai(r["target"])),
                num(fmt.nilai(r["realisasi"])),
                num(fmt.angka(r["capaian"], 2)),
                r["kategori"] if _has(r["kategori"]) else fmt.KOSONG,
            ]
            rows.append(row(cells))
        y0, y1 = int(h["tahun"].min()), int(h["tahun"].max())
        return self.table(
            f"Realisasi dan Capaian IKU Sasaran {k} Tahun {y0}–{y1}",
            header=[["Indikator", "Satuan", "Tahun", "Target", "Realisasi", "Capaian (%)", "Kategori"]],
            rows=rows,
        )

    def _activity_table(self, k: int, s) -> Block:
        """The kegiatan behind sasaran ``k``'s result: the largest, those cut in the APBD-P, those short of
        100 % physical progress (report order), with the IKU each serves when the dataset links them."""
        h = s.highlights
        picked = {h.terbesar, *h.dikurangi, *h.kurang} - {None}
        full = self.analysis.tabel_kegiatan_lengkap
        if not full:  # too many kegiatan to list: the largest and those that matter in each program
            picked &= {h.terbesar, *self.analysis.anggaran_kegiatan_penting["kode_rekening"]}
        if not picked:
            return html.block()
        acts = s.activities[s.activities["kode_rekening"].astype(str).isin(picked)]
        linked = bool(acts["iku_kode"].notna().any())
        rows = []
        for i, r in enumerate(acts.to_dict("records"), start=1):
            code = str(r["kode_rekening"])
            why = []
            if code == h.terbesar:
                why.append("pagu terbesar")
            if code in h.dikurangi:
                why.append("dibatalkan pada APBD-P" if r["dipotong"] else "dikurangi pada APBD-P")
            if code in h.kurang:
                why.append("fisik di bawah 100 %")
            cells = [num(f"{i}."), r["kegiatan"]]
            if linked:
                cells.append(fmt.KOSONG if fmt.kosong(r["iku_kode"]) else str(r["iku_kode"]))
            cells += [
                num(fmt.angka(r["pagu_murni"])),
                num(fmt.angka(r["pagu"])),
                num(fmt.angka(r["pemotongan"]) if code in h.dikurangi else ""),
                num(fmt.angka(r["realisasi_fisik"], 2)),
                num(fmt.angka(r["porsi_pagu"], 2)),
                "; ".join(why),
            ]
            rows.append(row(cells))
        header = ["No.", "Kegiatan", *(["IKU"] if linked else []), "APBD Murni (Rp)", "APBD-P (Rp)"]
        header += ["Pengurangan (Rp)", "Fisik (%)", "Porsi Pagu (%)", "Keterangan"]
        return self.table(
            f"Kegiatan Penentu Hasil Sasaran {k} Tahun {self.year}",
            header=[header],
            rows=rows,
            note=html.paragraph(
                "Porsi pagu = pagu kegiatan ÷ jumlah pagu kegiatan pada program pendukung sasaran × 100; "
                "pengurangan = APBD murni − APBD-P.",
                None
                if full
                else "Selain kegiatan berpagu terbesar, tabel ini memuat kegiatan yang perlu mendapat perhatian "
                "pada setiap program (paling banyak "
                f"{fmt.bilangan(NOTABLE_PER_PROGRAM)} per program); seluruh kegiatan terdapat pada berkas "
                "tabel/anggaran_kegiatan.csv dan tabel.xlsx.",
                kelas="catatan",
            ),
        )

    def _program_table(self, k: int, s) -> Block:
        rows = [
            row(
                [
                    num(f"{i}."),
                    p["program"],
                    num(fmt.angka(p["pagu"])),
                    num(fmt.angka(p["realisasi_keuangan"])),
                    num(fmt.angka(p["realisasi_keuangan_persen"], 2)),
                    num(fmt.angka(p["realisasi_fisik_tertimbang"], 2)),
                ]
            )
            for i, p in enumerate(s.programs.to_dict("records"), start=1)
        ]
        return self.table(
            f"Program Pendukung Sasaran {k} Tahun {self.year}",
            header=[["No.", "Program", "Pagu (Rp)", "Realisasi Keuangan (Rp)", "Keuangan (%)", "Fisik Tertimbang (%)"]],
            rows=rows,
        )

    def analyst_conclusion(self) -> Block:
        """The analyst's overall reading of the year's results (``laporan.yaml: kesimpulan_capaian``), under a
        heading that says it covers every sasaran (it follows the last one)."""
        text = self.laporan.kesimpulan_capaian
        if fmt.kosong(text):
            return html.block()
        return html.block(
            _h4(f"Kesimpulan atas seluruh sasaran tahun {self.year}"),
            html.analyst_text(text),
            self.claim_callout("laporan.yaml", column="kesimpulan_capaian"),
        )

    # --- SPM ---------------------------------------------------------------------------------------------

    def spm(self) -> Block:
        """One sub-section per field of SPM (``spm_indikator.jenis``): series table, figures, one text per indicator."""
        summary = self.analysis.spm_ringkasan
        if summary.empty:
            return html.block()
        parts = []
        for jenis in dict.fromkeys(summary["jenis"]):
            parts.append(self._spm_field(str(jenis), summary[summary["jenis"] == jenis]))
        return html.block(*parts)

    def _spm_field(self, jenis: str, summary: pd.DataFrame) -> Markup:
        from . import figures  # imports matplotlib: only where a figure is drawn

        y = self.year
        spm = self.analysis.spm
        codes = list(summary["kode"])
        first = int(summary["tahun_awal"].dropna().min()) if summary["tahun_awal"].notna().any() else y
        years = list(range(first, y + 1))
        rows_y = spm[spm["kode"].isin(codes) & spm["tahun"].between(first, y)]
        ind = self.ordered("spm_indikator").set_index("kode")
        laws = [str(v) for v in dict.fromkeys(ind.loc[codes, "dasar_hukum"].dropna())]
        title = jenis[:1].upper() + jenis[1:]
        out = [self.subsection(f"Standar Pelayanan Minimal Bidang {title}")]
        basis = f" sesuai {fmt.daftar(laws)}" if laws else ""
        out.append(
            html.paragraph(
                f"Capaian kinerja pelayanan bidang {jenis} terhadap standar pelayanan minimal (SPM){basis} "
                f"selama tahun {first}–{y} disajikan pada tabel berikut:"
            )
        )
        all_pct = all(str(s) == "%" for s in summary["satuan"])
        unit = " (%)" if all_pct else ""
        rows = []
        for i, r in enumerate(summary.to_dict("records"), start=1):
            values = rows_y[rows_y["kode"] == r["kode"]].set_index("tahun")["realisasi"]
            cells = [num(f"{i}."), r["indikator"]]
            if not all_pct:
                cells.append(r["satuan"])
            cells.append(num(fmt.nilai(r["target_nasional"])))
            cells += [num(fmt.angka(values.get(t), 2)) for t in years]
            cells.append(num(fmt.angka(r["rata_rata"], 2)))
            rows.append(row(cells))
        header = ["No.", "Indikator SPM", *([] if all_pct else ["Satuan"]), f"Target Nasional{unit}"]
        header += [f"{t}{unit}" for t in years] + [f"Rata-rata{unit}"]
        # Up to five years of percentages fit a portrait page (short numbers, one text column): landscape
        # only past nine columns.
        out.append(
            self.table(
                f"Capaian SPM Bidang {title} {self.agency_short} Tahun {first}–{y}",
                [header],
                rows,
                wide=len(header) > 9,
                source=self._spm_source(codes, first, y),
                note=self._spm_corrections(codes, years) or None,
            )
        )
        series = [
            figures.Series(
                label=r["indikator"],
                satuan=r["satuan"],
                years=tuple(years),
                values=tuple(
                    narrative.scalar(rows_y[(rows_y["kode"] == r["kode"]) & (rows_y["tahun"] == t)]["realisasi"].max())
                    for t in years
                ),
                target=narrative.scalar(r["target_nasional"]),
            )
            for r in summary.to_dict("records")
        ]
        targets = any(s.target is not None for s in series)  # the figure draws a target line only for these
        out.append(
            self.figure(
                f"Realisasi SPM Bidang {title} Tahun {first}–{y}" + (" terhadap Target Nasional" if targets else ""),
                figures.spm_series(series),
                alt=f"Grafik garis realisasi tiap indikator SPM bidang {jenis} per tahun"
                + (" dengan garis target nasional" if targets else ""),
            )
        )
        for r in summary.to_dict("records"):
            out.append(self._spm_counts(r, rows_y[rows_y["kode"] == r["kode"]], ind.loc[r["kode"]]))
        for r in summary.to_dict("records"):
            out.append(_h4(r["indikator"]))
            out.append(html.analyst_text(ind.loc[r["kode"], "definisi"]))
            out.append(html.paragraph(narrative.spm_indicator(r, y)))
            note = self._spm_note(r["kode"])
            if note:
                out.append(html.paragraph("Analisis penyusun:", kelas="label-analis"))
            out.append(html.analyst_text(note))
            out.append(self.claim_callout("spm_realisasi.csv", f"{r['kode']}, {y}", "analisis"))
        return Markup("").join(out)

    def _spm_source(self, codes, first: int, last: int) -> str | None:
        """The sources the dataset gives for these SPM indicators and years (``spm_realisasi.sumber``)."""
        t = self.ds.tables["spm_realisasi"]
        t = t[t["spm_kode"].isin(list(codes)) & t["tahun"].between(first, last)]
        sources = [str(v) for v in dict.fromkeys(t["sumber"].dropna()) if str(v).strip()]
        return "; ".join(sources) or None

    def _spm_corrections(self, codes, years) -> Markup:
        """Notes on the SPM percentages of these indicators and years that correct a printed figure."""
        names = self.analysis.spm.drop_duplicates("kode").set_index("kode")["indikator"]
        return correction_notes(
            self.analysis.koreksi, tabel="spm_realisasi", kode=codes, tahun=years, label=lambda r: names[r["kode"]]
        )

    def _spm_note(self, code: str):
        t = self.ds.tables["spm_realisasi"]
        hit = t[(t["spm_kode"] == code) & (t["tahun"] == self.year)]["analisis"].dropna()
        return None if hit.empty else str(hit.iloc[0])

    def _spm_counts(self, r: dict, rows: pd.DataFrame, ind) -> Markup:
        """For an indicator given as counts (e.g. PMKS): the yearly counts table and the coverage figure."""
        from . import figures  # imports matplotlib: only where a figure is drawn

        counted = rows[rows["pembilang"].notna() & rows["penyebut"].notna()].sort_values("tahun")
        if counted.empty:
            return Markup("")
        should = str(ind["penyebut"]) if _has(ind["penyebut"]) else "Jumlah sasaran"
        reached = str(ind["pembilang"]) if _has(ind["pembilang"]) else "Jumlah yang terlayani"
        table_rows = [
            row(
                [
                    num(str(int(c["tahun"]))),
                    num(fmt.angka(c["penyebut"])),
                    num(fmt.angka(c["pembilang"])),
                    num(fmt.angka(c["realisasi"], 2)),
                ]
            )
            for c in counted.to_dict("records")
        ]
        y0, y1 = int(counted["tahun"].min()), int(counted["tahun"].max())
        table = self.table(
            f"{r['indikator']}, {y0}–{y1}",
            header=[["Tahun", should, reached, "Persentase (%)"]],
            rows=table_rows,
            source=self._spm_source([r["kode"]], y0, y1),
            note=self._spm_corrections([r["kode"]], counted["tahun"]) or None,
        )
        svg = figures.coverage(
            [int(t) for t in counted["tahun"]],
            [float(v) for v in counted["penyebut"]],
            [float(v) for v in counted["pembilang"]],
            [float(v) for v in counted["realisasi"]],
            label_should=should,
            label_reached=reached,
            satuan="",
        )
        fig = self.figure(
            f"{r['indikator']}: Jumlah Sasaran dan yang Terlayani, {y0}–{y1}",
            svg,
            alt=f"Diagram batang jumlah sasaran dan jumlah yang terlayani per tahun, {y0}–{y1}",
        )
        return Markup("").join([table, fig])

    # --- 3.2 realisasi anggaran ----------------------------------------------------------------------------

    def budget_summary(self) -> Block:
        """The year's budget in words: murni and APBD-P, realisation, sisa, physical progress, kegiatan cut."""
        a = self.analysis
        return html.block(
            html.paragraph(
                narrative.budget_summary(
                    a.anggaran_ringkasan, self.agency_short, a.anggaran_kegiatan, by_name=a.tabel_kegiatan_lengkap
                )
            )
        )

    def budget_table(self) -> Block:
        """Realisation per kegiatan (the 11-column table of the seed): bobot, fisik, TTB, keuangan, sisa.

        Above ``profil.pengaturan.batas_tabel_kegiatan`` kegiatan (``analysis.tabel_kegiatan_lengkap`` false)
        a table that long makes no sense on paper: then one row per program, the kegiatan that matter in each
        (``analysis.anggaran_kegiatan_penting``) and where the full list is (:meth:`_budget_overview`).
        """
        if not self.analysis.tabel_kegiatan_lengkap:
            return self._budget_overview()
        a = self.analysis
        acts, progs, tot = a.anggaran_kegiatan, a.anggaran_program, a.anggaran_ringkasan
        rows, k = [], 0
        for p_i, p in enumerate(progs.to_dict("records"), start=1):
            rows.append(
                row(
                    [
                        num(f"{fmt.romawi(p_i)}."),
                        p["program"],
                        num(fmt.angka(p["pagu_murni"])),
                        num(fmt.angka(p["pagu"])),
                        num(fmt.angka(p["bobot"], 2)),
                        "",
                        num(fmt.angka(p["ttb"], 2)),
                        num(fmt.angka(p["realisasi_keuangan"])),
                        num(fmt.angka(p["realisasi_keuangan_persen"], 2)),
                        num(fmt.angka(p["sisa"])),
                        "",
                    ],
                    "group",
                )
            )
            for r in acts[acts["program_kode"] == p["program_kode"]].to_dict("records"):
                k += 1
                note = "" if fmt.kosong(r["keterangan"]) else str(r["keterangan"])
                if r["sumber_pagu"] == "murni" and not note:
                    note = "tanpa perubahan (pagu APBD murni)"
                rows.append(
                    row(
                        [
                            num(f"{k}."),
                            f"{r['kode_rekening']} {r['kegiatan']}",
                            num(fmt.angka(r["pagu_murni"])),
                            num(fmt.angka(r["pagu"])),
                            num(fmt.angka(r["bobot"], 2)),
                            num(fmt.angka(r["realisasi_fisik"], 2)),
                            num(fmt.angka(r["ttb"], 2)),
                            num(fmt.angka(r["realisasi_keuangan"])),
                            num(fmt.angka(r["realisasi_keuangan_persen"], 2)),
                            num(fmt.angka(r["sisa"])),
                            note,
                        ]
                    )
                )
        rows.append(
            row(
                [
                    Cell("Jumlah", colspan=2),
                    num(fmt.angka(tot.pagu_murni)),
                    num(fmt.angka(tot.pagu)),
                    num(fmt.angka(tot.bobot, 2)),
                    num(fmt.angka(tot.realisasi_fisik_rata_rata, 2)),
                    num(fmt.angka(tot.ttb, 2)),
                    num(fmt.angka(tot.realisasi_keuangan)),
                    num(fmt.angka(tot.realisasi_keuangan_persen, 2)),
                    num(fmt.angka(tot.sisa)),
                    "",
                ],
                "total",
            )
        )
        header = [
            [
                Cell("No.", rowspan=2),
                Cell("Program/Kegiatan", rowspan=2),
                Cell("APBD Murni (Rp)", rowspan=2),
                Cell("APBD-P (Rp)", rowspan=2),
                Cell("Bobot (%)", rowspan=2),
                Cell("Realisasi", colspan=4),
                Cell("Sisa Dana (Rp)", rowspan=2),
                Cell("Keterangan", rowspan=2),
            ],
            ["Fisik (%)", "TTB (%)", "Keuangan (Rp)", "Keuangan (%)"],
            [Cell(f"({i})", kelas="nomor-kolom") for i in range(1, 12)],
        ]
        notes = html.block(
            html.paragraph(
                "Kolom APBD-P memuat pagu yang berlaku: pagu APBD Perubahan, atau pagu APBD murni bila kegiatan "
                "tidak diubah. Bobot = pagu ÷ jumlah pagu × 100; TTB (tertimbang) = bobot × realisasi fisik ÷ 100, "
                "dihitung dari bobot yang belum dibulatkan.",
                kelas="catatan",
            ),
            html.paragraph(
                f"Pada baris jumlah, kolom Fisik memuat rata-rata sederhana realisasi fisik "
                f"{tot.jumlah_kegiatan_berpagu} kegiatan yang memiliki pagu, sedangkan kolom TTB memuat realisasi "
                "fisik tertimbang (Σ TTB). Kegiatan berpagu 0 tidak memiliki bobot dan persentase (–).",
                "Tanda – pada APBD murni: kegiatan tidak tercantum dalam APBD murni."
                if "pagu_murni" in acts and acts["pagu_murni"].isna().any()
                else None,
                kelas="catatan",
            ),
            correction_notes(
                a.koreksi,
                tabel=("anggaran", "program_tahunan"),
                kolom=REALISATION_COLUMNS,
                label=budget_label(dict(zip(progs["program_kode"], progs["program"], strict=True))),
            ),
        )
        return self.table(
            f"Realisasi Anggaran per Kegiatan {self.agency_short} Tahun {self.year}",
            header=header,
            rows=rows,
            note=notes,
        )

    def _budget_overview(self) -> Block:
        """Bab III's budget for a report of too many kegiatan to list: per program, then the kegiatan that matter."""
        a = self.analysis
        progs, tot, picked = a.anggaran_program, a.anggaran_ringkasan, a.anggaran_kegiatan_penting
        intro = html.paragraph(
            f"Realisasi anggaran {fmt.bilangan(tot.jumlah_kegiatan)} kegiatan disajikan per program pada tabel "
            "berikut. Rincian seluruh kegiatan (pagu, bobot, realisasi fisik, TTB, realisasi keuangan dan sisa "
            "dana setiap kegiatan) terdapat pada berkas tabel/anggaran_kegiatan.csv dan tabel.xlsx yang "
            "menyertai laporan ini."
        )
        rows = [
            row(
                [
                    num(f"{fmt.romawi(i)}."),
                    p["program"],
                    num(fmt.angka(p["jumlah_kegiatan"])),
                    num(fmt.angka(p["pagu"])),
                    num(fmt.angka(p["bobot"], 2)),
                    num(fmt.angka(p["realisasi_fisik_tertimbang"], 2)),
                    num(fmt.angka(p["realisasi_keuangan"])),
                    num(fmt.angka(p["realisasi_keuangan_persen"], 2)),
                    num(fmt.angka(p["sisa"])),
                ]
            )
            for i, p in enumerate(progs.to_dict("records"), start=1)
        ]
        rows.append(
            row(
                [
                    Cell("Jumlah", colspan=2),
                    num(fmt.angka(tot.jumlah_kegiatan)),
                    num(fmt.angka(tot.pagu)),
                    num(fmt.angka(tot.bobot, 2)),
                    num(fmt.angka(tot.ttb, 2)),
                    num(fmt.angka(tot.realisasi_keuangan)),
                    num(fmt.angka(tot.realisasi_keuangan_persen, 2)),
                    num(fmt.angka(tot.sisa)),
                ],
                "total",
            )
        )
        programs = self.table(
            f"Realisasi Anggaran Kegiatan per Program {self.agency_short} Tahun {self.year}",
            header=[
                [
                    "No.",
                    "Program",
                    "Jumlah Kegiatan",
                    "APBD-P (Rp)",
                    "Bobot (%)",
                    "Fisik Tertimbang (%)",
                    "Realisasi Keuangan (Rp)",
                    "Keuangan (%)",
                    "Sisa Dana (Rp)",
                ]
            ],
            rows=rows,
            note="Kolom APBD-P memuat pagu yang berlaku (pagu APBD murni bila kegiatan tidak diubah); "
            "fisik tertimbang = Σ TTB ÷ Σ bobot × 100.",
        )
        if picked.empty:
            return html.block(
                intro,
                programs,
                html.paragraph(
                    "Tidak ada kegiatan yang realisasi keuangannya melebihi pagu, yang dibatalkan pada APBD-P, atau "
                    "yang realisasi fisiknya di bawah 100 %."
                ),
            )
        lead = html.paragraph(
            f"Tabel berikutnya memuat, untuk setiap program, paling banyak {fmt.bilangan(NOTABLE_PER_PROGRAM)} "
            "kegiatan yang perlu mendapat perhatian: yang realisasi keuangannya melebihi pagu, yang dibatalkan pada "
            f"APBD-P, dan yang realisasi fisiknya paling jauh di bawah 100 % ({fmt.bilangan(len(picked))} kegiatan)."
        )
        names = dict(zip(progs["program_kode"], progs["program"], strict=True))
        numerals = {code: fmt.romawi(i) for i, code in enumerate(progs["program_kode"], start=1)}
        body, k = [], 0
        for code, group in picked.groupby("program_kode", sort=False):
            body.append(row([num(f"{numerals[code]}."), Cell(names[code], colspan=8)], "group"))
            for r in group.to_dict("records"):
                k += 1
                body.append(
                    row(
                        [
                            num(f"{k}."),
                            f"{r['kode_rekening']} {r['kegiatan']}",
                            num(fmt.angka(r["pagu_murni"])),
                            num(fmt.angka(r["pagu"])),
                            num(fmt.angka(r["realisasi_fisik"], 2)),
                            num(fmt.angka(r["realisasi_keuangan"])),
                            num(fmt.angka(r["realisasi_keuangan_persen"], 2)),
                            num(fmt.angka(r["sisa"])),
                            str(r["alasan"]),
                        ]
                    )
                )
        notable = self.table(
            f"Kegiatan yang Perlu Mendapat Perhatian per Program {self.agency_short} Tahun {self.year}",
            header=[
                [
                    "No.",
                    "Program/Kegiatan",
                    "APBD Murni (Rp)",
                    "APBD-P (Rp)",
                    "Fisik (%)",
                    "Keuangan (Rp)",
                    "Keuangan (%)",
                    "Sisa Dana (Rp)",
                    "Keterangan",
                ]
            ],
            rows=body,
        )
        return html.block(intro, programs, lead, notable)

    def program_budget_table(self) -> Block:
        """Realisation per program: APBD murni against APBD-P (the change in %), spending, physical progress, sisa."""
        a = self.analysis
        progs, tot = a.anggaran_program, a.anggaran_ringkasan

        def change(cut, pct) -> str:
            if fmt.kosong(pct):
                return fmt.KOSONG
            return fmt.angka(-pct, 2) if cut else fmt.angka(0, 2)

        rows = [
            row(
                [
                    num(f"{fmt.romawi(i)}."),
                    p["program"],
                    num(fmt.angka(p["pagu_murni"])),
                    num(fmt.angka(p["pagu"])),
                    num(change(p["pemotongan"], p["pemotongan_persen"])),
                    num(fmt.angka(p["realisasi_keuangan"])),
                    num(fmt.angka(p["realisasi_keuangan_persen"], 2)),
                    num(fmt.angka(p["realisasi_fisik_tertimbang"], 2)),
                    num(fmt.angka(p["sisa"])),
                ]
            )
            for i, p in enumerate(progs.to_dict("records"), start=1)
        ]
        rows.append(
            row(
                [
                    Cell("Jumlah", colspan=2),
                    num(fmt.angka(tot.pagu_murni)),
                    num(fmt.angka(tot.pagu)),
                    num(change(tot.pemotongan, tot.pemotongan_persen)),
                    num(fmt.angka(tot.realisasi_keuangan)),
                    num(fmt.angka(tot.realisasi_keuangan_persen, 2)),
                    num(fmt.angka(tot.ttb, 2)),
                    num(fmt.angka(tot.sisa)),
                ],
                "total",
            )
        )
        return self.table(
            f"Realisasi Anggaran per Program {self.agency_short} Tahun {self.year}: APBD Murni dan APBD-P",
            header=[
                [
                    "No.",
                    "Program",
                    "APBD Murni (Rp)",
                    "APBD-P (Rp)",
                    "Perubahan (%)",
                    "Realisasi Keuangan (Rp)",
                    "Keuangan (%)",
                    "Fisik Tertimbang (%)",
                    "Sisa Dana (Rp)",
                ]
            ],
            rows=rows,
            note=" ".join(
                [
                    "Perubahan (%) = (APBD-P − APBD murni) ÷ APBD murni × 100;",
                    "fisik tertimbang = Σ TTB ÷ Σ bobot × 100.",
                    *_program_dash_notes(progs),
                ]
            ),
        )

    def _program_names(self) -> list[str]:
        return [_program_label(i, p) for i, p in enumerate(self.analysis.anggaran_program["program"], start=1)]

    def budget_figure(self) -> Block:
        """Gambar: per program, APBD murni, APBD-P and realisation."""
        from . import figures  # imports matplotlib: only where a figure is drawn

        p = self.analysis.anggaran_program
        svg = figures.budget_programs(
            self._program_names(),
            [narrative.scalar(v) for v in p["pagu_murni"]],
            [narrative.scalar(v) for v in p["pagu"]],
            [narrative.scalar(v) for v in p["realisasi_keuangan"]],
        )
        return self.figure(
            f"Pagu APBD Murni, APBD-P dan Realisasi Keuangan per Program Tahun {self.year}",
            svg,
            alt="Diagram batang mendatar pagu APBD murni, APBD-P dan realisasi keuangan setiap program",
        )

    def financial_physical_figure(self) -> Block:
        """Gambar: per program, financial realisation % against physical progress %."""
        from . import figures  # imports matplotlib: only where a figure is drawn

        p = self.analysis.anggaran_program
        svg = figures.keuangan_fisik(
            self._program_names(),
            [narrative.scalar(v) for v in p["realisasi_keuangan_persen"]],
            [narrative.scalar(v) for v in p["realisasi_fisik_tertimbang"]],
        )
        return self.figure(
            f"Realisasi Keuangan dan Realisasi Fisik per Program Tahun {self.year}",
            svg,
            alt="Diagram batang mendatar persentase realisasi keuangan dan realisasi fisik tertimbang setiap program",
        )


def _band_text(band, bands) -> str:
    """One category of a scale for the legend: ``≥ 76 Baik``; the lowest, open one ``< 51 Sangat Kurang``."""
    if math.isfinite(band.lower):
        return f"{'> ' if not band.inclusive else '≥ '}{fmt.nilai(band.lower)} {band.label}"
    finite = [b for b in bands if math.isfinite(b.lower)]
    if not finite:
        return band.label
    above = min(finite, key=lambda b: b.lower)
    return f"{'≤ ' if not above.inclusive else '< '}{fmt.nilai(above.lower)} {band.label}"


def _program_dash_notes(progs: pd.DataFrame) -> list[str]:
    """What a "–" in the program budget table means, for the cases that occur."""
    notes = []
    if progs["pagu_murni"].isna().any():
        notes.append("Tanda – pada APBD murni: program tidak tercantum dalam APBD murni (perubahannya tidak dihitung).")
    if (progs["pagu"].fillna(0) == 0).any():
        notes.append("Program berpagu 0 pada APBD-P tidak memiliki persentase keuangan dan fisik (–).")
    return notes
