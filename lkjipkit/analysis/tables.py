"""The computed tables of one year as CSV files, for analysts who work in Excel (``lkjip tables``).

Every file and column is declared here once; the declaration drives the
writer and the documentation ``docs/tables.md`` (regenerate it with
``python -m lkjipkit.analysis.docs > docs/tables.md``).

Files are UTF-8 with a byte-order mark (so Excel recognises the encoding),
comma-separated, with a decimal point and full precision: nothing is rounded.
Empty cells are missing or undefined values (the row's ``keterangan`` says
why). Whole-Rupiah amounts are written without decimals. ``True`` / ``False``
are yes / no. The files are written to a temporary folder next to the output
folder and then moved into place, so a reader never sees a half-written set.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from lkjipkit.errors import BuildError
from lkjipkit.i18n import _

ENCODING = "utf-8-sig"


@dataclass(frozen=True)
class OutputColumn:
    """One column of an output file."""

    name: str
    unit: str
    description: str

    @property
    def label(self) -> str:
        """The Indonesian column header of the workbook (``tabel.xlsx``): ``pagu_murni`` → ``Pagu murni (Rp)``."""
        words = self.name.replace("rata_rata", "rata-rata").split("_")
        if words[-1] == "persen" and self.unit == _PCT:
            words = words[:-1]  # "realisasi keuangan (%)", not "realisasi keuangan persen (%)"
        if len(words) == 2 and words[1] in ("kode", "indikator"):
            words.reverse()  # Indonesian order: "kode sasaran", "indikator SPM"
        text = " ".join(_ACRONYMS.get(w, w) for w in words)
        text = text[:1].upper() + text[1:]
        return f"{text} ({self.unit})" if self.unit in _UNITS_IN_LABEL else text


@dataclass(frozen=True)
class OutputTable:
    """One CSV file written by ``lkjip tables``."""

    name: str
    description: str
    columns: tuple[OutputColumn, ...]
    source: Callable[[Any], pd.DataFrame]
    """The frame from a :class:`~lkjipkit.analysis.YearAnalysis` (typed ``Any`` so that this module,
    which the analysis imports, does not import it back)."""

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def frame(self, analysis) -> pd.DataFrame:
        """The table's frame for a year, with exactly the documented columns in order."""
        return self.source(analysis)[self.column_names]


def C(name: str, unit: str, description: str) -> OutputColumn:  # short declaration helper
    return OutputColumn(name, unit, description)


_TEXT = "teks"
_BOOL = "True/False"
_PCT = "%"
_PP = "poin persentase"
_RP = "Rp"
_YEAR = "tahun"
_COUNT = "jumlah"
_IKU_UNIT = "satuan IKU"

_ACRONYMS = {"iku": "IKU", "spm": "SPM", "pk": "PK", "ttb": "TTB", "renstra": "Renstra"}
_UNITS_IN_LABEL = (_PCT, _PP, _RP, "poin", "poin per tahun")

_IKU_HEAD = (
    C("kode", "kode", "Code of the indicator (`iku.kode`)."),
    C("sasaran_kode", "kode", "The sasaran it measures (`sasaran.kode`)."),
    C("indikator", _TEXT, "Name of the indicator."),
    C("satuan", _TEXT, "Unit of target and realisasi."),
    C("polaritas", _TEXT, "`positif`: higher is better; `negatif`: lower is better."),
)

OUTPUT_TABLES: tuple[OutputTable, ...] = (
    OutputTable(
        "capaian_iku",
        "Analyses 1 and 2: each IKU's target, realisation and capaian in the year, and the change from "
        "the year before. One row per IKU, in report order.",
        (
            *_IKU_HEAD,
            C(
                "rumus_capaian",
                _TEXT,
                "Formula applied: `realisasi_per_target`, `dua_target_kurang_realisasi` or `target_per_realisasi`.",
            ),
            C("tahun", _YEAR, "The report year."),
            C("target", _IKU_UNIT, "Target of the year (Perjanjian Kinerja)."),
            C("realisasi", _IKU_UNIT, "Realisation of the year."),
            C("capaian", _PCT, "Achievement in % of target, after the cap if the dataset sets one; empty: undefined."),
            C("capaian_tanpa_batas", _PCT, "The same before the cap (equal to `capaian` when there is no cap)."),
            C("kategori", _TEXT, "Category of the capaian on the dataset's scale; empty when capaian is undefined."),
            C(
                "mencapai_target",
                _BOOL,
                "Realisation reached the target (≥ for positif, ≤ for negatif); empty when either is missing.",
            ),
            C(
                "teratas_belum_tercapai",
                _BOOL,
                "The capaian falls in the scale's best band although the target was missed (said in words).",
            ),
            C("keterangan", _TEXT, "Why the capaian is undefined or capped (e.g. `target 0 atau kosong`)."),
            C("target_tahun_lalu", _IKU_UNIT, "Target of the year before."),
            C("realisasi_tahun_lalu", _IKU_UNIT, "Realisation of the year before."),
            C("capaian_tahun_lalu", _PCT, "Capaian of the year before (same formula and cap)."),
            C(
                "perubahan",
                _IKU_UNIT,
                "realisasi − realisasi_tahun_lalu, in the indicator's unit: percentage points for `%`.",
            ),
            C("perubahan_capaian", _PP, "capaian − capaian_tahun_lalu."),
            C("arah_perubahan", _TEXT, "`naik`, `turun` or `tetap` (of the realisation)."),
            C("membaik", _BOOL, "The change is an improvement: up for positif, down for negatif; False if unchanged."),
        ),
        lambda a: a.capaian_iku,
    ),
    OutputTable(
        "riwayat_iku",
        "Analysis 2, the series: every IKU in every year up to the report year that has data.",
        (
            *_IKU_HEAD,
            C("tahun", _YEAR, "Year."),
            C("target", _IKU_UNIT, "Target of that year."),
            C("realisasi", _IKU_UNIT, "Realisation of that year."),
            C("capaian", _PCT, "Capaian of that year; empty: undefined."),
            C("kategori", _TEXT, "Category of that capaian."),
            C("mencapai_target", _BOOL, "Realisation reached the target that year."),
            C("perubahan", _IKU_UNIT, "Change of realisasi from the year before (percentage points for `%`)."),
            C("keterangan", _TEXT, "Why the capaian is undefined or capped."),
        ),
        lambda a: a.riwayat_iku,
    ),
    OutputTable(
        "renstra_iku",
        "Analysis 3: each IKU's realisation in the year against the Renstra end-of-period target.",
        (
            *_IKU_HEAD,
            C("tahun", _YEAR, "The report year."),
            C("realisasi", _IKU_UNIT, "Realisation of the year."),
            C(
                "kumulatif",
                _BOOL,
                "The Renstra target is reached by the sum of the yearly realisations (`iku.kumulatif`).",
            ),
            C(
                "tahun_kumulatif",
                _TEXT,
                "Cumulative indicator: the Renstra years up to now whose realisations are summed.",
            ),
            C(
                "realisasi_renstra",
                _IKU_UNIT,
                "What is compared with the Renstra target: the sum over `tahun_kumulatif` when cumulative, "
                "else `realisasi`.",
            ),
            C("target", _IKU_UNIT, "Target of the year (Perjanjian Kinerja)."),
            C("target_renstra", _IKU_UNIT, "Target for the last year of the Renstra (`iku.target_renstra`)."),
            C("tahun_akhir_renstra", _YEAR, "Last year of the Renstra period."),
            C("sisa_tahun_renstra", _YEAR, "Years left in the Renstra after the report year."),
            C(
                "capaian_renstra",
                _PCT,
                "Capaian of `realisasi_renstra` against the Renstra target (the IKU's formula, no cap).",
            ),
            C("selisih_renstra", _IKU_UNIT, "realisasi_renstra − target_renstra."),
            C("mencapai_target_renstra", _BOOL, "The Renstra target is already reached."),
            C(
                "sama_dengan_tahunan",
                _BOOL,
                "The report year is the Renstra's last and its target equals the year's: analysis 1 already says it.",
            ),
            C("keterangan", _TEXT, "Why the capaian is undefined."),
        ),
        lambda a: a.renstra_iku,
    ),
    OutputTable(
        "standar_nasional_iku",
        "Analysis 4: each IKU linked to a national standard (`iku.spm_kode`) against that standard.",
        (
            *_IKU_HEAD,
            C("tahun", _YEAR, "The report year."),
            C("realisasi", _IKU_UNIT, "Realisation of the IKU."),
            C("spm_kode", "kode", "The SPM indicator it is compared with."),
            C("spm_indikator", _TEXT, "Name of the SPM indicator."),
            C(
                "sebanding",
                _BOOL,
                "The two measure the same thing (`iku.spm_sebanding` is `ya`); false: the standard is context only.",
            ),
            C("target_nasional", _PCT, "National target of the SPM indicator."),
            C("selisih_target_nasional", _PP, "realisasi − target_nasional; empty when not `sebanding`."),
            C(
                "memenuhi_target_nasional",
                _BOOL,
                "The IKU realisation reaches the national target; empty when not `sebanding`.",
            ),
            C("realisasi_spm", _PCT, "The SPM indicator's own realisation in the year."),
            C("selisih_realisasi_spm", _PP, "realisasi (IKU) − realisasi_spm; non-zero when the two sources differ."),
            C("keterangan", _TEXT, "Why a comparison is missing."),
        ),
        lambda a: a.standar_nasional_iku,
    ),
    OutputTable(
        "spm",
        "SPM: each indicator in each year up to the report year, against its national target.",
        (
            C("kode", "kode", "Code of the SPM indicator (`spm_indikator.kode`)."),
            C("jenis", _TEXT, "Field of the standard (e.g. `ketenagakerjaan`, `sosial`)."),
            C("indikator", _TEXT, "Indicator as worded in the regulation."),
            C("satuan", _TEXT, "Unit, usually `%`."),
            C("tahun", _YEAR, "Year."),
            C("target_nasional", _PCT, "National target; empty when the standard sets none."),
            C("pembilang", _COUNT, "Count reached (e.g. PMKS who received help), when given."),
            C("penyebut", _COUNT, "Count that should be reached, when given."),
            C("realisasi", _PCT, "Realisation: pembilang / penyebut × 100 when the counts are given, else as entered."),
            C("sumber_realisasi", _TEXT, "`pembilang/penyebut` or `realisasi`: where the realisation comes from."),
            C("selisih", _PP, "realisasi − target_nasional (the gap; negative: below target)."),
            C("memenuhi_target", _BOOL, "realisasi ≥ target_nasional; empty without a target."),
            C("perubahan", _PP, "Change from the year before."),
            C("keterangan", _TEXT, "Why a figure is missing (e.g. `tanpa target nasional`)."),
        ),
        lambda a: a.spm,
    ),
    OutputTable(
        "ringkasan_iku",
        "The year's IKU in a few figures (what the Ikhtisar Eksekutif, Bab III and Bab IV state; what "
        "`lkjip rekap` reads as the agency's own). One row.",
        (
            C("tahun", _YEAR, "The report year."),
            C("jumlah_iku", _COUNT, "IKU of the dataset (rows of `capaian_iku`)."),
            C("jumlah_terukur", _COUNT, "IKU whose target and realisation are known."),
            C("jumlah_tercapai", _COUNT, "Of those, IKU that reached their target."),
            C("jumlah_belum", _COUNT, "Of those, IKU that did not."),
            C("jumlah_tidak_terukur", _COUNT, "IKU whose target or realisation is missing."),
            C("jumlah_capaian_terdefinisi", _COUNT, "IKU with a defined capaian (the mean is over these)."),
            C("jumlah_dibandingkan", _COUNT, "IKU with a realisation this year and the year before."),
            C("jumlah_membaik", _COUNT, "Of those, IKU whose realisation improved (up for positif, down for negatif)."),
            C("jumlah_tetap", _COUNT, "Of those, IKU whose realisation did not change."),
            C("jumlah_memburuk", _COUNT, "Of those, IKU whose realisation got worse."),
            C("persen_tercapai", _PCT, "jumlah_tercapai / jumlah_terukur × 100; empty when none is measured."),
            C("rata_rata_capaian", _PCT, "Simple mean of the defined capaian (exact sum); empty when none."),
            C("kategori_rata_rata", _TEXT, "Category of that mean on the dataset's scale; empty without a mean."),
            C("skala", _TEXT, "The category scale used (its name in docs/method.md)."),
        ),
        lambda a: a.ringkasan_iku.to_frame(a.scale.name),
    ),
    OutputTable(
        "spm_ringkasan",
        "SPM over several years (default: the five years ending with the report year): mean, trend, extremes.",
        (
            C("kode", "kode", "Code of the SPM indicator."),
            C("jenis", _TEXT, "Field of the standard."),
            C("indikator", _TEXT, "Indicator as worded in the regulation."),
            C("satuan", _TEXT, "Unit."),
            C("target_nasional", _PCT, "National target."),
            C("tahun_awal", _YEAR, "First year with a realisation in the window."),
            C("tahun_akhir", _YEAR, "Last year with a realisation in the window."),
            C("jumlah_tahun", _COUNT, "Number of years with a realisation in the window."),
            C("rata_rata", _PCT, "Simple mean of the yearly realisations in the window."),
            C("selisih_rata_rata", _PP, "rata_rata − target_nasional."),
            C("rata_rata_memenuhi_target", _BOOL, "rata_rata ≥ target_nasional."),
            C("tren_per_tahun", "poin per tahun", "Least-squares slope of the realisations over the years."),
            C("arah_tren", _TEXT, "`naik`, `turun` or `datar` (sign of the slope)."),
            C("tertinggi", _PCT, "Highest yearly realisation in the window."),
            C("tahun_tertinggi", _TEXT, "Year(s) of the highest, comma-separated."),
            C("terendah", _PCT, "Lowest yearly realisation in the window."),
            C("tahun_terendah", _TEXT, "Year(s) of the lowest, comma-separated."),
            C("realisasi_tahun_ini", _PCT, "Realisation in the report year."),
            C("memenuhi_target_tahun_ini", _BOOL, "The report year's realisation reaches the national target."),
            C("perubahan_tahun_ini", _PP, "Change from the year before the report year."),
            C("konstan", _BOOL, "Every year of the window has the same realisation (no highest or lowest)."),
            C("akhir_terendah", _BOOL, "Three years or more, and the latest is the window's lowest."),
            C("akhir_tertinggi", _BOOL, "Three years or more, and the latest is the window's highest."),
        ),
        lambda a: a.spm_ringkasan,
    ),
    OutputTable(
        "anggaran_kegiatan",
        "Budget realisation per kegiatan (Tabel 3.2), in report order. `pagu` is the APBD-P amount when "
        "there is one, else the APBD murni amount.",
        (
            C("kode_rekening", "kode", "Budget account code of the kegiatan."),
            C("kegiatan", _TEXT, "Name of the kegiatan."),
            C("program_kode", "kode", "Code of its program."),
            C("program", _TEXT, "Name of its program."),
            C("tahun", _YEAR, "Budget year."),
            C("pagu_murni", _RP, "Original budget (APBD murni); empty if not stated."),
            C("pagu_perubahan", _RP, "Revised budget (APBD-P); empty when there was no revision, 0 when cut."),
            C("pagu", _RP, "Budget used for every figure below: pagu_perubahan when given, else pagu_murni."),
            C("sumber_pagu", _TEXT, "`perubahan` or `murni`: which budget `pagu` is."),
            C("pemotongan", _RP, "pagu_murni − pagu: the cut in the revision (negative: an increase)."),
            C("bobot", _PCT, "pagu / Σ pagu of the agency × 100; empty when pagu is 0 (the kegiatan was cut)."),
            C("realisasi_fisik", _PCT, "Physical progress at year end (as entered)."),
            C("ttb", _PCT, "Weighted physical progress (tertimbang): bobot × realisasi_fisik / 100, unrounded bobot."),
            C("realisasi_keuangan", _RP, "Money spent."),
            C("realisasi_keuangan_persen", _PCT, "realisasi_keuangan / pagu × 100; empty when pagu is 0."),
            C("sisa", _RP, "Remaining budget: pagu − realisasi_keuangan."),
            C("dipotong", _BOOL, "The kegiatan was cut to 0 in the APBD-P (it had an APBD murni amount)."),
            C("keterangan", _TEXT, "Why a figure is empty (e.g. `dipotong pada APBD-P (pagu 0)`)."),
        ),
        lambda a: a.anggaran_kegiatan,
    ),
    OutputTable(
        "anggaran_program",
        "Budget realisation per program: sums of its kegiatan, and the cut from APBD murni to APBD-P.",
        (
            C("program_kode", "kode", "Code of the program."),
            C("program", _TEXT, "Name of the program."),
            C("tahun", _YEAR, "Budget year."),
            C("jumlah_kegiatan", _COUNT, "Kegiatan of the program with a budget row for the year."),
            C("jumlah_kegiatan_berpagu", _COUNT, "Of those, kegiatan with pagu > 0."),
            C("jumlah_kegiatan_dipotong", _COUNT, "Of those, kegiatan cut to 0 in the APBD-P."),
            C("anggaran_pk", _RP, "Program budget stated in the Perjanjian Kinerja (`program_tahunan`)."),
            C("pagu_murni", _RP, "Σ APBD murni of its kegiatan (an empty amount counts as 0)."),
            C("pagu", _RP, "Σ pagu of its kegiatan (the APBD-P subtotal when there was a revision)."),
            C("pemotongan", _RP, "pagu_murni − pagu: the cut from APBD murni to APBD-P."),
            C("pemotongan_persen", _PCT, "pemotongan / pagu_murni × 100."),
            C("bobot", _PCT, "Σ bobot of its kegiatan: the program's share of the agency's pagu."),
            C("ttb", _PCT, "Σ TTB of its kegiatan: its contribution to the agency's weighted physical progress."),
            C(
                "realisasi_fisik_tertimbang",
                _PCT,
                "ttb / bobot × 100: physical progress of the program weighted by pagu.",
            ),
            C("realisasi_fisik_rata_rata", _PCT, "Simple mean of realisasi_fisik over its kegiatan with pagu > 0."),
            C("realisasi_keuangan", _RP, "Σ realisasi keuangan."),
            C("realisasi_keuangan_persen", _PCT, "realisasi_keuangan / pagu × 100."),
            C("sisa", _RP, "Σ sisa."),
        ),
        lambda a: a.anggaran_program,
    ),
    OutputTable(
        "anggaran_ringkasan",
        "The agency's budget totals of the year (the total row of Tabel 3.2). One row.",
        (
            C("tahun", _YEAR, "Budget year."),
            C("ada_perubahan", _BOOL, "The budget was revised: some kegiatan has an APBD-P amount."),
            C("jumlah_kegiatan", _COUNT, "Kegiatan with a budget row for the year."),
            C("jumlah_kegiatan_berpagu", _COUNT, "Of those, kegiatan with pagu > 0."),
            C("jumlah_kegiatan_dipotong", _COUNT, "Of those, kegiatan cut to 0 in the APBD-P."),
            C("pagu_murni", _RP, "Σ APBD murni."),
            C("pagu", _RP, "Σ pagu (APBD-P where revised, else murni)."),
            C("pemotongan", _RP, "pagu_murni − pagu."),
            C("pemotongan_persen", _PCT, "pemotongan / pagu_murni × 100."),
            C("bobot", _PCT, "Σ bobot (100 up to floating-point error)."),
            C("ttb", _PCT, "Σ TTB: the agency's physical progress weighted by pagu."),
            C(
                "realisasi_fisik_rata_rata",
                _PCT,
                "Simple mean of realisasi_fisik over kegiatan with pagu > 0 (the seed prints it beside Σ TTB).",
            ),
            C("realisasi_keuangan", _RP, "Σ realisasi keuangan."),
            C("realisasi_keuangan_persen", _PCT, "realisasi_keuangan / pagu × 100."),
            C("sisa", _RP, "Σ sisa (= pagu − realisasi_keuangan)."),
        ),
        lambda a: a.anggaran_ringkasan.to_frame(),
    ),
    OutputTable(
        "efisiensi",
        "Analysis 6: efficiency per sasaran, capaian against budget absorption of the programs that serve it.",
        (
            C("sasaran_kode", "kode", "Code of the sasaran."),
            C("sasaran", _TEXT, "The sasaran."),
            C("tahun", _YEAR, "The report year."),
            C("jumlah_iku", _COUNT, "IKU of the sasaran."),
            C("jumlah_iku_terdefinisi", _COUNT, "Of those, IKU with a defined capaian."),
            C("capaian", _PCT, "Simple mean of the defined capaian of its IKU."),
            C("semua_target_tercapai", _BOOL, "Every IKU of the sasaran reached its target."),
            C("jumlah_program", _COUNT, "Programs linked to the sasaran (`sasaran_program`)."),
            C("program_kode", _TEXT, "Their codes, `; `-separated."),
            C("pagu", _RP, "Σ pagu of those programs (times `sasaran_program.porsi` where given)."),
            C("realisasi_keuangan", _RP, "Σ realisasi keuangan of those programs (times `porsi` where given)."),
            C("sisa", _RP, "Σ sisa of those programs (times `porsi` where given)."),
            C("serapan", _PCT, "Budget absorption: realisasi_keuangan / pagu × 100."),
            C("selisih", "poin", "capaian − serapan (the `selisih-capaian-serapan` method)."),
            C(
                "metode_efisiensi",
                _TEXT,
                "Method used (`profil.pengaturan.metode_efisiensi`): `pmk-249-2011` or `selisih-capaian-serapan`.",
            ),
            C("efisiensi", _PCT, "E of PMK 249/PMK.02/2011: Σ(pagu × capaian − realisasi) / Σ(pagu × capaian) × 100."),
            C("nilai_efisiensi", _PCT, "Nilai efisiensi of PMK 249/PMK.02/2011: 50 + E / 20 × 50, within 0–100."),
            C(
                "batas_efisiensi",
                "poin",
                "Threshold used: `profil.pengaturan.efisiensi_batas` (selisih method) or 0 (E, PMK method).",
            ),
            C(
                "kategori_efisiensi",
                _TEXT,
                "By the method: `efisien` (E > 0, or selisih > batas), `tidak efisien` (E < 0, or selisih < −batas), "
                "else `cukup efisien`.",
            ),
            C("program_bersama", _BOOL, "A linked program also serves another sasaran."),
            C("porsi_dipakai", _BOOL, "Some link gives a `porsi`: that program's money is apportioned, not repeated."),
            C("keterangan_tautan", _TEXT, "Where the sasaran → program link comes from (e.g. assumed by reading)."),
            C("keterangan", _TEXT, "Why a figure is missing."),
        ),
        lambda a: a.efisiensi,
    ),
    OutputTable(
        "program_sasaran",
        "Analysis 7: every sasaran → program link with the program's budget realisation.",
        (
            C("sasaran_kode", "kode", "Code of the sasaran."),
            C("sasaran", _TEXT, "The sasaran."),
            C("program_kode", "kode", "Code of a program that serves it."),
            C("program", _TEXT, "Name of the program."),
            C("tahun", _YEAR, "Budget year."),
            C("pagu_murni", _RP, "Σ APBD murni of the program."),
            C("pagu", _RP, "Σ pagu of the program."),
            C("realisasi_keuangan", _RP, "Σ realisasi keuangan of the program."),
            C("realisasi_keuangan_persen", _PCT, "realisasi_keuangan / pagu × 100."),
            C("realisasi_fisik_tertimbang", _PCT, "Physical progress of the program weighted by pagu."),
            C("sisa", _RP, "Σ sisa of the program."),
            C("program_bersama", _BOOL, "The program also serves another sasaran."),
            C("keterangan_tautan", _TEXT, "Where the link comes from (`sasaran_program.keterangan`)."),
        ),
        lambda a: a.program_sasaran,
    ),
)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""How a text cell begins that a spreadsheet would take as a formula (CSV injection)."""


def looks_like_formula(value: Any) -> bool:
    """Whether ``value`` is a text that a spreadsheet would run as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_START)


def escape_formula(value: Any) -> Any:
    """A text that a spreadsheet would run as a formula, with a leading ``'`` (as OWASP recommends); else ``value``."""
    return "'" + value if looks_like_formula(value) else value


def _for_csv(frame: pd.DataFrame, table: OutputTable) -> pd.DataFrame:
    """Whole-Rupiah columns as integers (no ``.0``); texts that look like formulas escaped; the rest as computed.

    Only the columns that change are replaced (most texts have nothing to escape), in one step.
    """
    changes: dict[str, Any] = {}
    for name in frame.columns:
        column = frame[name]
        texts = column.dtype == object or isinstance(column.dtype, pd.StringDtype)  # numbers stay numbers
        if texts and any(looks_like_formula(v) for v in column.tolist()):
            changes[name] = column.map(escape_formula)
    for col in table.columns:
        if col.unit != _RP:
            continue
        arr = frame[col.name].to_numpy(dtype="float64", na_value=np.nan)
        finite = arr[~np.isnan(arr)]
        if np.all(finite == np.round(finite)) and np.all(np.abs(finite) < 2**53):
            changes[col.name] = pd.array(np.round(arr), dtype="Int64")
    return frame.assign(**changes) if changes else frame


def write_csv(frame: pd.DataFrame, path: Path, table: OutputTable) -> None:
    """Write one output table (UTF-8 with BOM, ``,``, decimal point, full precision)."""
    _for_csv(frame[table.column_names], table).to_csv(path, index=False, encoding=ENCODING, lineterminator="\n")


def write_analysis_tables(analysis, out_dir: str | Path) -> list[Path]:
    """Write the tables of a computed year into ``out_dir`` (created if needed), atomically.

    Files are written into a temporary folder beside ``out_dir`` and then moved
    into it; on any error nothing in ``out_dir`` changes. Other files already in
    ``out_dir`` are left alone. Returns the written paths, in :data:`OUTPUT_TABLES` order.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise BuildError(_("{out}: exists and is not a folder; expected a folder for the CSV tables").format(out=out))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.tmp-{uuid.uuid4().hex}"
    tmp.mkdir()
    try:
        for t in OUTPUT_TABLES:
            write_csv(t.frame(analysis), tmp / t.file, t)
        if not out.exists():
            os.replace(tmp, out)
        else:
            for t in OUTPUT_TABLES:
                os.replace(tmp / t.file, out / t.file)
            tmp.rmdir()
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return [out / t.file for t in OUTPUT_TABLES]


def tables_markdown() -> str:
    """``docs/tables.md``: every file and column written by ``lkjip tables``."""
    lines = [
        "# Tables written by `lkjip tables`",
        "",
        "<!-- Generated by `python -m lkjipkit.analysis.docs > docs/tables.md`; do not edit by hand. -->",
        "",
        "`lkjip tables DATASET --year Y --out DIR` writes the computed tables of one year as CSV files,",
        "for analysts who work in Excel. The same frames are attributes of",
        "`lkjipkit.analysis.analyse(ds, year)` (e.g. `.capaian_iku`). The formulas are in",
        "[method.md](method.md).",
        "",
        "Format of every file:",
        "",
        "- UTF-8 with a byte-order mark (Excel then reads accents and symbols correctly), comma-separated,",
        "  one header row, decimal **point**, full precision: nothing is rounded; round only for display.",
        "  In an Excel set to Indonesian, open the file with *Data → From Text/CSV* and choose",
        "  comma as delimiter and point as decimal separator, or open `tabel.xlsx` instead (below).",
        "- An empty cell is a missing or undefined value; the row's `keterangan` says why",
        "  (e.g. `target 0 atau kosong`). A division by zero is never written.",
        "- Whole-Rupiah amounts have no decimals. `True` / `False` mean yes / no.",
        "- A text that begins with `=`, `+`, `-`, `@`, a tab or a carriage return (e.g. a kegiatan named",
        "  `=HYPERLINK(...)`) is written with a leading `'`, as OWASP recommends against CSV injection: a spreadsheet",
        "  shows it as text (with the `'`) and never runs it as a formula. Numbers, negative ones too, stay numbers.",
        "- Files are written to a temporary folder and moved into `DIR` when all are complete.",
        "",
        "`lkjip tables ... --format xlsx` (or `csv,xlsx`) writes the same tables as one workbook, `DIR/tabel.xlsx`,",
        "and every `lkjip build` writes it beside `tabel/`: a sheet per table, named like its file; a header row",
        "of Indonesian labels (e.g. `Pagu murni (Rp)` for `pagu_murni`), frozen, with an autofilter; numbers",
        "are number cells (16 significant digits) shown as `#,##0` (Rupiah, counts) or `0.00` (percentages,",
        "points), which Excel displays in the user's locale (`1.234.567`, `92,59` in Indonesian); yes / no",
        "are TRUE / FALSE cells; a text that looks like a formula keeps Excel's quote prefix and stays text.",
        "No import wizard is needed.",
        "- Units: `%` percent (92.59 means 92,59 %); `poin persentase` a difference of percentages;",
        "  `satuan IKU` the unit of the indicator (`iku.satuan`); `Rp` Rupiah.",
        "",
        "| file | holds |",
        "|---|---|",
    ]
    lines += [f"| [`{t.file}`](#{t.name}) | {t.description} |" for t in OUTPUT_TABLES]
    for t in OUTPUT_TABLES:
        lines += ["", f"## {t.name}", "", f"`{t.file}`: {t.description}", "", "| column | unit | meaning |"]
        lines += ["|---|---|---|"]
        lines += [f"| `{c.name}` | {c.unit} | {c.description} |" for c in t.columns]
    return "\n".join(lines) + "\n"
