"""The recap's tables: one row per agency, and the lists a reviewer wants.

Every column is declared once in :data:`TABLES` (name, header, kind, meaning):
the declaration drives the HTML and PDF tables, the xlsx number formats and
``docs/rekap.md``. Values come from the agencies' own tables (see
:mod:`.read`); what is computed here is only counted, summed or averaged.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from lkjipkit.analysis import Scale, fmean
from lkjipkit.analysis.capaian import resolve_scale

from .read import NO_CAUSE_RULE, Batch
from .rpjmd import Mapping, contributions

#: Rows of a list (cuts) shown at most.
TOP_CUTS = 20


@dataclass(frozen=True)
class Column:
    name: str
    header: str
    """The header printed in the report (Bahasa Indonesia)."""
    kind: str
    """``text``, ``count``, ``pct`` (percent), ``rp`` (Rupiah) or ``rank``."""
    meaning: str


@dataclass(frozen=True)
class TableSpec:
    name: str
    title: str
    """Caption in the report and sheet title in the workbook."""
    meaning: str
    columns: tuple[Column, ...]


def _c(name: str, header: str, kind: str, meaning: str) -> Column:
    return Column(name, header, kind, meaning)


_AGENCY = (
    _c("instansi", "Instansi", "text", "Agency name (`provenance.json` `dataset.agency`), else its slug."),
    _c("slug", "Slug", "text", "The agency's folder under the reports root (`instansi.slug`)."),
)

TABLES: dict[str, TableSpec] = {
    t.name: t
    for t in (
        TableSpec(
            "instansi",
            "Kinerja dan anggaran per instansi",
            "One row per agency with a report, ranked by mean capaian (highest first).",
            (
                _c(
                    "peringkat",
                    "No.",
                    "rank",
                    "Rank by mean capaian (1 = highest; agencies without one last); in the report's budget "
                    "table, the rank by serapan.",
                ),
                *_AGENCY,
                _c("jumlah_iku", "IKU", "count", "Rows of `capaian_iku.csv`."),
                _c("tercapai", "Tercapai", "count", "IKU with `mencapai_target` True."),
                _c("tidak_tercapai", "Tidak tercapai", "count", "IKU with `mencapai_target` False."),
                _c("tidak_terukur", "Tidak terukur", "count", "IKU with `mencapai_target` empty."),
                _c(
                    "rata_rata_capaian",
                    "Rata-rata capaian",
                    "pct",
                    "Exact mean of the defined `capaian` of its IKU (as the report's own summary takes it).",
                ),
                _c(
                    "kategori",
                    "Kategori",
                    "text",
                    "Category of that mean on the recap's scale (one scale for all agencies, `--scale`).",
                ),
                _c(
                    "skala_laporan",
                    "Skala laporan",
                    "text",
                    "`sama` when the agency's report categorises as the recap's scale does: every IKU's "
                    "`capaian_iku.kategori` (written by its build, on its own scale) equals the category of its "
                    "capaian on the recap's scale, and so does the category of its mean (`kategori_laporan`); "
                    "`lain` otherwise.",
                ),
                _c(
                    "kategori_laporan",
                    "Kategori laporan",
                    "text",
                    "`ringkasan_iku.kategori_rata_rata`: the category of the mean as the agency's own report states "
                    "it, on its own scale; empty for a build that did not write `ringkasan_iku.csv`.",
                ),
                _c("pagu_murni", "Pagu murni (Rp)", "rp", "`anggaran_ringkasan.pagu_murni`: Σ APBD murni."),
                _c("pagu", "Pagu (Rp)", "rp", "`anggaran_ringkasan.pagu`: Σ pagu in force (APBD-P where revised)."),
                _c("pemotongan_persen", "Pemotongan", "pct", "`anggaran_ringkasan.pemotongan_persen`."),
                _c("realisasi_keuangan", "Realisasi (Rp)", "rp", "`anggaran_ringkasan.realisasi_keuangan`."),
                _c("serapan", "Serapan", "pct", "`anggaran_ringkasan.realisasi_keuangan_persen`: realisasi / pagu."),
                _c("realisasi_fisik", "Fisik (TTB)", "pct", "`anggaran_ringkasan.ttb`: physical progress weighted."),
                _c("efisien", "Sasaran efisien", "count", "Sasaran of `efisiensi.csv` rated `efisien`."),
                _c("tidak_efisien", "Sasaran tidak efisien", "count", "Sasaran rated `tidak efisien`."),
                _c("temuan_error", "Temuan kesalahan", "count", "Findings of `reviu.json` with severity error."),
                _c("temuan_warning", "Temuan peringatan", "count", "Findings with severity warning."),
                _c("temuan_info", "Temuan informasi", "count", "Findings with severity info."),
                _c("laporan_final", "Laporan final", "text", "`ya` when `provenance.json` `status` is `final`."),
            ),
        ),
        TableSpec(
            "tanpa_penyebab",
            "IKU di bawah target tanpa penjelasan penyebab",
            f"Every finding of rule `{NO_CAUSE_RULE}` in `reviu.json`: an IKU that missed its target "
            "with no `analisis_iku.penyebab`.",
            (
                *_AGENCY,
                _c("kode", "Kode", "text", "The IKU (from the finding's key)."),
                _c("indikator", "Indikator", "text", "Its name (`capaian_iku.indikator`)."),
                _c("target", "Target", "num", "The finding's `figures.target`."),
                _c("realisasi", "Realisasi", "num", "The finding's `figures.realisasi`."),
                _c("capaian", "Capaian", "pct", "The finding's `figures.capaian`."),
            ),
        ),
        TableSpec(
            "melebihi_anggaran",
            "Realisasi melebihi pagu atau anggaran Perjanjian Kinerja",
            "The agency total or a program whose `realisasi_keuangan` exceeds its `pagu` "
            "(`anggaran_ringkasan`, `anggaran_program`), and every program that spent more than its "
            "budget in the Perjanjian Kinerja (`anggaran_program.anggaran_pk`).",
            (
                *_AGENCY,
                _c("program", "Program", "text", "The program (code and name); empty for the agency total."),
                _c("anggaran", "Dibandingkan dengan", "text", "`pagu` or `anggaran PK`."),
                _c("batas", "Anggaran (Rp)", "rp", "The pagu or the PK budget."),
                _c("realisasi_keuangan", "Realisasi (Rp)", "rp", "Money spent."),
                _c("selisih", "Kelebihan (Rp)", "rp", "realisasi_keuangan − anggaran."),
            ),
        ),
        TableSpec(
            "pemotongan",
            f"{TOP_CUTS} pemotongan terbesar dari APBD murni ke APBD-P",
            f"The {TOP_CUTS} programs of all agencies with the largest `anggaran_program.pemotongan` (Rp), "
            "largest first; only cuts (pemotongan > 0).",
            (
                *_AGENCY,
                _c("program", "Program", "text", "Code and name of the program."),
                _c("pagu_murni", "APBD murni (Rp)", "rp", "`anggaran_program.pagu_murni`."),
                _c("pagu", "APBD-P (Rp)", "rp", "`anggaran_program.pagu`."),
                _c("pemotongan", "Pemotongan (Rp)", "rp", "`anggaran_program.pemotongan`."),
                _c("pemotongan_persen", "Pemotongan", "pct", "`anggaran_program.pemotongan_persen`."),
            ),
        ),
        TableSpec(
            "rpjmd",
            "Indikator RPJMD dan capaian gabungan IKU instansi",
            "One row per RPJMD indicator of the mapping file (`rpjmd.csv`, file order), with the weighted mean "
            "of the capaian of its linked IKU.",
            (
                _c("rpjmd_kode", "Kode", "text", "The RPJMD indicator (`rpjmd.csv` `rpjmd_kode`)."),
                _c("rpjmd_indikator", "Indikator RPJMD", "text", "Its name (`rpjmd_indikator`)."),
                _c("satuan", "Satuan", "text", "Its unit (`satuan`)."),
                _c("target", "Target", "num", "Its target of the year (`target`)."),
                _c("jumlah_iku", "IKU terkait", "count", "Links of the file to agency IKU."),
                _c("iku_dihitung", "IKU dihitung", "count", "Linked IKU found in a report, with a capaian."),
                _c(
                    "iku_tidak_dihitung",
                    "IKU tidak dihitung",
                    "count",
                    "Linked IKU left out: no report of the agency, no such IKU in it, or no capaian (named in "
                    "the contribution table).",
                ),
                _c(
                    "capaian_gabungan",
                    "Capaian gabungan",
                    "pct",
                    "Σ bobot × capaian / Σ bobot over the IKU counted: the weighted mean of their capaian as "
                    "each agency's `capaian_iku.csv` has it.",
                ),
                _c("kategori", "Kategori", "text", "Category of the capaian gabungan on the recap's scale."),
            ),
        ),
        TableSpec(
            "rpjmd_kontribusi",
            "Kontribusi IKU instansi pada indikator RPJMD",
            "One row per link of the mapping file (file order): the agency's IKU as its report has it.",
            (
                _c("rpjmd_kode", "Kode RPJMD", "text", "The RPJMD indicator."),
                *_AGENCY,
                _c("iku_kode", "Kode IKU", "text", "The agency's IKU (`rpjmd.csv` `iku_kode`)."),
                _c("indikator", "Indikator kinerja utama", "text", "`capaian_iku.indikator`."),
                _c("satuan", "Satuan", "text", "`capaian_iku.satuan`."),
                _c("target", "Target", "num", "`capaian_iku.target`."),
                _c("realisasi", "Realisasi", "num", "`capaian_iku.realisasi`."),
                _c("capaian", "Capaian", "pct", "`capaian_iku.capaian`."),
                _c("kategori", "Kategori", "text", "`capaian_iku.kategori`: on the agency's own scale."),
                _c("bobot", "Bobot", "num", "`rpjmd.csv` `bobot` (1 when empty)."),
                _c("porsi", "Porsi bobot", "pct", "bobot / Σ bobot of the IKU counted for the indicator."),
                _c(
                    "kontribusi",
                    "Kontribusi",
                    "pct",
                    "bobot × capaian / Σ bobot: the IKU's part of the capaian gabungan (they add up to it).",
                ),
                _c(
                    "keterangan",
                    "Keterangan",
                    "text",
                    "Why a link is not counted (agency without a report, IKU not in the report, no capaian); "
                    "empty when counted.",
                ),
            ),
        ),
        TableSpec(
            "tidak_lengkap",
            "Instansi yang tidak masuk rekap",
            "Agencies left out: a failed build (`<year>.failed` and no report), a report that cannot be "
            "read, or a dataset listed on the command line with no report.",
            (
                _c("instansi", "Instansi", "text", "The slug, or the dataset path when it has none."),
                _c("keadaan", "Keadaan", "text", "`gagal` (failed) or `tidak ada` (absent)."),
                _c("alasan", "Alasan", "text", "Why (the file, or the first validation error)."),
            ),
        ),
    )
}


@dataclass
class Recap:
    """The recap of one year: its tables (by :data:`TABLES` name), the scale, and the batch it read."""

    batch: Batch
    scale: Scale
    tables: dict[str, pd.DataFrame]
    """By :data:`TABLES` name; ``rpjmd`` and ``rpjmd_kontribusi`` only with a mapping."""
    rpjmd: Mapping | None = None

    @property
    def year(self) -> int:
        return self.batch.year


def _program(row) -> str:
    return f"{row['program_kode']} {row['program']}"


def _text(value) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def _agency_row(rep, scale: Scale) -> dict:
    iku = rep.tables["capaian_iku"]
    met = iku["mencapai_target"]
    mean = fmean(pd.to_numeric(iku["capaian"], errors="coerce"))
    kategori = None if math.isnan(mean) else scale.categorise(pd.Series([mean])).iloc[0]
    own, ours = iku["kategori"].astype("string"), scale.categorise(pd.to_numeric(iku["capaian"], errors="coerce"))
    same = bool((own.fillna("") == ours.fillna("").to_numpy()).all())
    summary = rep.tables.get("ringkasan_iku")  # the agency's own category of its mean (builds since 0.2)
    label = summary["kategori_rata_rata"].iloc[0] if summary is not None and len(summary) == 1 else None
    own_category = None if label is None or pd.isna(label) else str(label)
    budget = rep.tables["anggaran_ringkasan"].iloc[0]
    eff = rep.tables.get("efisiensi")
    severity = pd.Series([f.get("severity") for f in rep.findings], dtype="object")
    return {
        "instansi": rep.nama,
        "slug": rep.slug,
        "jumlah_iku": len(iku),
        "tercapai": int(met.eq(True).sum()),
        "tidak_tercapai": int(met.eq(False).sum()),
        "tidak_terukur": int(met.isna().sum()),
        "rata_rata_capaian": mean,
        "kategori": _text(kategori),
        "skala_laporan": "sama" if same and own_category in (None, _text(kategori)) else "lain",
        "kategori_laporan": own_category,
        "pagu_murni": budget["pagu_murni"],
        "pagu": budget["pagu"],
        "pemotongan_persen": budget["pemotongan_persen"],
        "realisasi_keuangan": budget["realisasi_keuangan"],
        "serapan": budget["realisasi_keuangan_persen"],
        "realisasi_fisik": budget["ttb"],
        "efisien": None if eff is None else int((eff["kategori_efisiensi"] == "efisien").sum()),
        "tidak_efisien": None if eff is None else int((eff["kategori_efisiensi"] == "tidak efisien").sum()),
        "temuan_error": int((severity == "error").sum()),
        "temuan_warning": int((severity == "warning").sum()),
        "temuan_info": int((severity == "info").sum()),
        "laporan_final": "ya" if rep.status == "final" else "tidak",
    }


def _no_cause(rep) -> list[dict]:
    names = dict(
        zip(rep.tables["capaian_iku"]["kode"].astype(str), rep.tables["capaian_iku"]["indikator"], strict=True)
    )
    out = []
    for f in rep.findings:
        if f.get("rule") != NO_CAUSE_RULE:
            continue
        kode = str(f.get("key") or "").split(",")[0].strip()
        figures = f.get("figures") or {}
        out.append(
            {
                "instansi": rep.nama,
                "slug": rep.slug,
                "kode": kode,
                "indikator": names.get(kode),
                "target": figures.get("target"),
                "realisasi": figures.get("realisasi"),
                "capaian": figures.get("capaian"),
            }
        )
    return out


def _over_budget(rep) -> list[dict]:
    out = []

    def add(program: str | None, against: str, limit, spent) -> None:
        if pd.notna(limit) and pd.notna(spent) and spent > limit:
            out.append(
                {
                    "instansi": rep.nama,
                    "slug": rep.slug,
                    "program": program,
                    "anggaran": against,
                    "batas": limit,
                    "realisasi_keuangan": spent,
                    "selisih": spent - limit,
                }
            )

    total = rep.tables["anggaran_ringkasan"].iloc[0]
    add(None, "pagu", total["pagu"], total["realisasi_keuangan"])
    for row in rep.tables["anggaran_program"].to_dict("records"):
        add(_program(row), "pagu", row["pagu"], row["realisasi_keuangan"])
        add(_program(row), "anggaran PK", row["anggaran_pk"], row["realisasi_keuangan"])
    return out


def _cuts(rep) -> list[dict]:
    prog = rep.tables["anggaran_program"]
    return [
        {
            "instansi": rep.nama,
            "slug": rep.slug,
            "program": _program(row),
            "pagu_murni": row["pagu_murni"],
            "pagu": row["pagu"],
            "pemotongan": row["pemotongan"],
            "pemotongan_persen": row["pemotongan_persen"],
        }
        for row in prog[pd.to_numeric(prog["pemotongan"], errors="coerce") > 0].to_dict("records")
    ]


def _frame(name: str, rows: list[dict]) -> pd.DataFrame:
    columns = [c.name for c in TABLES[name].columns]
    return pd.DataFrame(rows, columns=[c for c in columns if c != "peringkat"])


def recap(batch: Batch, scale: str | Scale | None = None, rpjmd: Mapping | None = None) -> Recap:
    """The recap tables of a batch (see :data:`TABLES`).

    Parameters
    ----------
    batch
        What :func:`~lkjipkit.rekap.read.read_batch` read.
    scale
        The capaian scale for every agency's category (a shipped name or a Scale);
        default the datasets' default: the scale of the regulation in force for the year
        (:func:`lkjipkit.analysis.capaian.regulation_scale`).
    rpjmd
        The RPJMD mapping, when there is one (:func:`~lkjipkit.rekap.rpjmd.load_mapping`).
    """
    scale = resolve_scale(scale, batch.year)
    reports = batch.reports
    agencies = _frame("instansi", [_agency_row(r, scale) for r in reports])
    agencies = agencies.sort_values(
        ["rata_rata_capaian", "instansi"], ascending=[False, True], na_position="last", kind="stable"
    ).reset_index(drop=True)
    agencies.insert(0, "peringkat", range(1, len(agencies) + 1))
    cuts = _frame("pemotongan", [row for r in reports for row in _cuts(r)])
    cuts = cuts.sort_values(["pemotongan", "instansi"], ascending=[False, True], kind="stable").head(TOP_CUTS)
    over = _frame("melebihi_anggaran", [row for r in reports for row in _over_budget(r)])
    missing = _frame(
        "tidak_lengkap", [{"instansi": m.name, "keadaan": m.state, "alasan": m.reason} for m in batch.missing]
    )
    tables = {
        "instansi": agencies,
        "tanpa_penyebab": _frame("tanpa_penyebab", [row for r in reports for row in _no_cause(r)]),
        "melebihi_anggaran": over.sort_values(["selisih"], ascending=False, kind="stable").reset_index(drop=True),
        "pemotongan": cuts.reset_index(drop=True),
        "tidak_lengkap": missing,
    }
    if rpjmd is not None:
        indicators, links = contributions(rpjmd, batch, scale)
        tables["rpjmd"] = _frame("rpjmd", indicators)
        tables["rpjmd_kontribusi"] = _frame("rpjmd_kontribusi", links)
    return Recap(batch, scale, tables, rpjmd)
