"""The recap as one self-contained HTML page (and from it the PDF), in the report's house markup.

Tables are :func:`lkjipkit.report.html.table` (caption first, numbers right-aligned)
in ``<div class="urut">``; they are printed ranked, and a small inline script
(no file, no network) lets a reader sort them by any column. Figures are SVG
data URIs drawn by :mod:`.figures`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import resources

import jinja2
import pandas as pd
from markupsafe import Markup

from lkjipkit import __version__, fmt
from lkjipkit.report import html as h

from . import figures
from .facts import TABLES, Recap

_TEMPLATES = resources.files("lkjipkit.rekap") / "templates"


@dataclass(frozen=True)
class Section:
    ident: str
    title: str
    blocks: list


def cell_text(value, kind: str) -> str:
    """One value as the report prints it (Indonesian number format; ``–`` for a missing number)."""
    if kind == "text":
        return "" if fmt.kosong(value) else str(value)
    if not fmt.is_finite(value):
        return "–"
    if kind in ("count", "rank"):
        return fmt.angka(value)
    if kind == "pct":
        return fmt.persen(value)
    if kind == "rp":
        return fmt.angka(value)
    return fmt.nilai(value)


#: The agency table is printed as two tables that fit a landscape page: (title, columns, ranked by).
AGENCY_VIEWS = (
    (
        "Kinerja per instansi",
        (
            *("peringkat", "instansi", "jumlah_iku", "tercapai", "tidak_tercapai", "tidak_terukur"),
            *("rata_rata_capaian", "kategori", "skala_laporan"),
            *("temuan_error", "temuan_warning", "temuan_info", "laporan_final"),
        ),
        "rata_rata_capaian",
    ),
    (
        "Anggaran per instansi",
        (
            *("peringkat", "instansi", "pagu_murni", "pagu", "pemotongan_persen", "realisasi_keuangan"),
            *("serapan", "realisasi_fisik", "efisien", "tidak_efisien"),
        ),
        "serapan",
    ),
)


def _table(name: str, frame: pd.DataFrame, number: int, empty: str, *, title=None, columns=None) -> Markup:
    spec = TABLES[name]
    caption = f"Tabel {number}. {title or spec.title}"
    if frame.empty:
        return h.block(h.paragraph(Markup("<strong>{}</strong>: {}").format(caption, empty)))
    cols = [c for c in spec.columns if columns is None or c.name in columns]
    header = [[c.header for c in cols]]
    rows = [
        h.row(
            h.num(cell_text(rec[c.name], c.kind)) if c.kind != "text" else cell_text(rec[c.name], c.kind) for c in cols
        )
        for rec in frame.to_dict("records")
    ]
    table = h.table(ident=f"tabel-rekap-{number}", caption=caption, header=header, rows=rows)
    return Markup('<div class="urut">{}</div>').format(table)


def _agency_tables(agencies: pd.DataFrame) -> list[Markup]:
    """Tables 1 and 2, each ranked by its own figure (``No.`` is the rank in that table)."""
    out = []
    for number, (title, columns, key) in enumerate(AGENCY_VIEWS, start=1):
        ranked = agencies.sort_values([key, "instansi"], ascending=[False, True], na_position="last", kind="stable")
        ranked = ranked.assign(peringkat=range(1, len(ranked) + 1))
        out.append(_table("instansi", ranked, number, "tidak ada laporan.", title=title, columns=columns))
    return out


def _figure(number: int, ident: str, caption: str, svg: str, alt: str) -> Markup:
    return h.figure(ident=f"gambar-rekap-{ident}", caption=f"Gambar {number}. {caption}", svg=svg, alt=alt)


#: How the RPJMD aggregate is computed, as the report states it (docs/rekap.md says the same).
RPJMD_METHOD = (
    "Capaian gabungan setiap indikator RPJMD adalah rata-rata tertimbang capaian IKU instansi yang "
    "dipetakan kepadanya: Σ (bobot × capaian) / Σ bobot, dengan capaian sebagaimana tercantum dalam "
    "laporan setiap instansi dan bobot dari berkas pemetaan (1 bila kosong). IKU yang instansinya tidak "
    "masuk rekap, yang tidak ada dalam laporan instansi, atau yang capaiannya tidak terdefinisi disebut "
    "dengan alasannya dan tidak dihitung. Kontribusi = bobot × capaian / Σ bobot; jumlahnya sama dengan "
    "capaian gabungan."
)


#: The contribution columns printed under each indicator (its code is in the caption, the slug in Tabel 1).
_PER_INDICATOR = tuple(c.name for c in TABLES["rpjmd_kontribusi"].columns if c.name not in ("rpjmd_kode", "slug"))


def _rpjmd_section(recap: Recap, first: int) -> Section:
    """Section 5: the RPJMD indicators (one table), then one table of contributions per indicator."""
    t = recap.tables
    blocks = [
        h.block(
            h.paragraph(
                f"Pemetaan IKU instansi pada indikator RPJMD dibaca dari {recap.rpjmd.path.name}.", RPJMD_METHOD
            )
        ),
        _table("rpjmd", t["rpjmd"], first, "tidak ada indikator."),
    ]
    links = t["rpjmd_kontribusi"]
    for n, ind in enumerate(t["rpjmd"].to_dict("records"), start=first + 1):
        own = links[links["rpjmd_kode"] == ind["rpjmd_kode"]]
        title = f"Kontribusi IKU instansi pada {ind['rpjmd_kode']} {ind['rpjmd_indikator']}"
        blocks.append(_table("rpjmd_kontribusi", own, n, "tidak ada IKU terkait.", title=title, columns=_PER_INDICATOR))
    return Section("s-5", "5. Indikator RPJMD", blocks)


def page_html(recap: Recap, built: dt.datetime) -> str:
    """The whole recap page."""
    t, year = recap.tables, recap.year
    agencies = t["instansi"]
    n_missing = len(t["tidak_lengkap"])
    scale = recap.scale.title or recap.scale.name
    other = list(agencies.loc[agencies["skala_laporan"] == "lain", "slug"])
    summary = [
        h.paragraph(
            f"Rekapitulasi ini membaca laporan kinerja tahun {year} dari {len(agencies)} instansi "
            f"(tabel, hasil reviu dan provenance yang ditulis setiap build).",
            f"{n_missing} instansi tidak masuk rekap (Tabel 6)." if n_missing else "Semua instansi masuk rekap.",
            f"Kategori rata-rata capaian memakai satu skala untuk semua instansi: {scale}.",
            *(
                [
                    f"{len(other)} instansi mengategorikan capaiannya dalam laporannya sendiri dengan skala lain "
                    f"(kolom Skala laporan: lain): {', '.join(other)}; kategori rata-rata capaiannya dalam laporan "
                    "itu dapat berbeda dari kategori di sini."
                ]
                if other
                else []
            ),
            *(
                [f"Bagian 5 memetakan IKU instansi pada {len(t['rpjmd'])} indikator RPJMD (Tabel 7)."]
                if "rpjmd" in t
                else []
            ),
        )
    ]
    notes = [f"{r.slug}: {r.note}" for r in recap.batch.reports if r.note]
    if notes:
        summary.append(h.bullet_list(notes))
    sections = [
        Section("s-1", "1. Kinerja dan anggaran per instansi", _agency_tables(agencies)),
        Section(
            "s-2",
            "2. Gambar",
            [
                _figure(
                    1,
                    "capaian-serapan",
                    "Rata-rata capaian IKU terhadap serapan anggaran per instansi",
                    figures.capaian_serapan(agencies),
                    "Diagram sebar rata-rata capaian terhadap serapan anggaran, satu titik per instansi",
                ),
                _figure(
                    2,
                    "kategori",
                    "Sebaran kategori rata-rata capaian instansi",
                    figures.kategori(agencies, recap.scale.labels),
                    "Jumlah instansi per kategori rata-rata capaian",
                ),
                _figure(
                    3,
                    "serapan",
                    "Serapan anggaran per instansi",
                    figures.serapan(agencies),
                    "Serapan anggaran setiap instansi",
                ),
            ],
        ),
        Section(
            "s-3",
            "3. Daftar untuk reviu",
            [
                _table("tanpa_penyebab", t["tanpa_penyebab"], 3, "tidak ada."),
                _table("melebihi_anggaran", t["melebihi_anggaran"], 4, "tidak ada."),
                _table("pemotongan", t["pemotongan"], 5, "tidak ada pemotongan."),
            ],
        ),
        Section(
            "s-4", "4. Instansi yang tidak masuk rekap", [_table("tidak_lengkap", t["tidak_lengkap"], 6, "tidak ada.")]
        ),
    ]
    if "rpjmd" in t:
        sections.append(_rpjmd_section(recap, 7))
    from lkjipkit.publish.assemble import stylesheet

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    template = env.from_string((_TEMPLATES / "rekap.html.j2").read_text(encoding="utf-8"))
    return template.render(
        title=f"REKAPITULASI LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN {year}",
        summary=h.block(*summary),
        sections=sections,
        version=__version__,
        built=built,
        root=str(recap.batch.root),
        css=Markup(stylesheet()),  # noqa: S704 - the package's own stylesheet
        rekap_css=Markup((_TEMPLATES / "rekap.css").read_text(encoding="utf-8")),  # noqa: S704 - package file
        script=Markup((_TEMPLATES / "sort.js").read_text(encoding="utf-8")),  # noqa: S704 - package file
    )
