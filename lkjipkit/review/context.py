"""What every rule reads: the dataset, the year, the settings, and the year's computed figures.

Computed figures come from the year's :class:`lkjipkit.analysis.YearAnalysis`
(budget per kegiatan and program, capaian per IKU, SPM realisations from
counts), the same figures the report prints, each computed once per review and
only when a rule asks for it. Raw rows keep their ``_row`` (the line in the CSV
file) so a finding can point at it; records are located by the key the dataset
spec declares for their table (``Table.key``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

import pandas as pd

from lkjipkit import fmt
from lkjipkit.analysis import YearAnalysis
from lkjipkit.analysis.spm import DEFAULT_WINDOW
from lkjipkit.dataset import TABLE_BY_NAME, Dataset
from lkjipkit.errors import LkjipError

from .claims import Claim, Text, read_claims
from .finding import Finding

if TYPE_CHECKING:  # the settings validate rule ids, so they import the rules, which import this module
    from .settings import ReviewSettings

#: Float noise allowed on top of every tolerance.
EPS = 1e-9


def num(value) -> float:
    """A cell as float; NaN for None, pandas NA and NaN."""
    if value is None or value is pd.NA:
        return math.nan
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def has(value) -> bool:
    """The cell holds a number (not None / NA / NaN)."""
    return not math.isnan(num(value))


def blank(value) -> bool:
    """The cell is empty: None, NA, NaN or blank text."""
    if isinstance(value, str):
        return value.strip() == ""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def is_false(value) -> bool:
    """A yes/no cell that says no (False), as opposed to yes or unknown (None / NA / NaN)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return False
    return not bool(value)


def sentence(text: str) -> str:
    """The text with its first letter in capitals, the rest untouched (unlike ``str.capitalize``)."""
    return text[:1].upper() + text[1:]


def persen(value, digits: int = 2) -> str:
    """``6,78 %`` (Indonesian format, as the report prints it)."""
    return fmt.persen(value, digits)


def rupiah(value) -> str:
    """``Rp 1.184.650.000``."""
    return fmt.rupiah(value)


def angka(value, digits: int = 2) -> str:
    """``30,75`` / ``12.165`` with exactly ``digits`` decimals."""
    return fmt.angka(value, digits)


def nilai(value) -> str:
    """A value as entered, up to 2 decimals, no trailing zeros: ``825``, ``30,75``."""
    return fmt.nilai(value)


def poin(value) -> str:
    """A difference in percentage points, always positive: ``18,63 poin``."""
    return fmt.selisih(value, "%")


class ReviewContext:
    """The inputs of the rules for one review."""

    def __init__(
        self,
        ds: Dataset,
        year: int,
        settings: ReviewSettings,
        analysis: YearAnalysis | None = None,
        texts: Iterable[Text] = (),
    ) -> None:
        self.ds = ds
        self.year = int(year)
        self.settings = settings
        self.extra_texts = tuple(texts)
        """Analyst texts from outside the dataset (the chapters' Markdown cells), read after the dataset's."""
        self._row_index: dict[str, dict[tuple, int]] = {}
        if analysis is not None:
            if analysis.ds is not ds or analysis.year != self.year or analysis.spm_window != DEFAULT_WINDOW:
                raise LkjipError(
                    f"the review of {self.year} ({ds.source}) was given the analysis {analysis!r} "
                    f"(SPM window {analysis.spm_window}); it needs the year's own, with the default window"
                )
            self.analysis = analysis

    # -- which parts of the year exist ---------------------------------------------------------

    def _of_year(self, table: str) -> pd.Series:
        return (self.ds.tables[table]["tahun"] == self.year).fillna(False)

    def has_year(self, table: str) -> bool:
        """The table has at least one row for the review year."""
        return bool(self._of_year(table).any())

    def rows_of_year(self, table: str) -> pd.DataFrame:
        """The raw rows of a yearly table (``iku_tahunan``, ``anggaran``, ...) for the review year, with ``_row``."""
        return self.ds.tables[table][self._of_year(table)]

    @property
    def window(self) -> range:
        """The years whose series the report prints: ``year - jendela_tahun + 1 .. year``."""
        return range(self.year - self.settings.jendela_tahun + 1, self.year + 1)

    # -- locating raw rows ---------------------------------------------------------------------

    def row(self, table: str, *key) -> int | None:
        """The CSV line of the record with this key (e.g. ``row("iku_tahunan", "IKU2", 2016)``), or None.

        The key is the table's ``Table.key`` in the dataset spec, in its order.
        """
        index = self._row_index.get(table)
        if index is None:
            f = self.ds.tables[table]
            cols = TABLE_BY_NAME[table].key
            index = {
                tuple(_key_part(v) for v in vals): int(r)
                for r, *vals in zip(f["_row"], *(f[c] for c in cols), strict=True)
            }
            self._row_index[table] = index
        return index.get(tuple(_key_part(k) for k in key))

    # -- names ---------------------------------------------------------------------------------

    @cached_property
    def _kegiatan(self) -> dict[str, dict]:
        k = self.ds.tables["kegiatan"]
        return {str(r["kode_rekening"]): r for r in k.to_dict("records")}

    def kegiatan_no(self, kode: str) -> str:
        """``kegiatan 14`` (its printed number), or ``kegiatan <kode rekening>`` when it has none."""
        rec = self._kegiatan.get(str(kode))
        if rec is None or blank(rec.get("urutan")):
            return f"kegiatan {kode}"
        return f"kegiatan {int(rec['urutan'])}"

    def kegiatan_name(self, kode: str) -> str | None:
        """The kegiatan's name in ``kegiatan.csv`` (the RKT name)."""
        rec = self._kegiatan.get(str(kode))
        return None if rec is None else str(rec["kegiatan"])

    def kegiatan_label(self, kode: str) -> str:
        """``kegiatan 14 (Pemeliharaan Rutin/Berkala Gedung Kantor)`` or the code when unknown."""
        name = self.kegiatan_name(kode)
        return self.kegiatan_no(kode) + (f" ({name})" if name else "")

    @cached_property
    def _programs(self) -> dict[str, dict]:
        p = self.ds.tables["program"]
        return {str(r["kode"]): r for r in p.to_dict("records")}

    def program_label(self, kode: str) -> str:
        """``program II (Program Peningkatan Sarana dan Prasarana Aparatur)``."""
        rec = self._programs.get(str(kode))
        if rec is None:
            return f"program {kode}"
        no = "" if blank(rec.get("urutan")) or int(rec["urutan"]) < 1 else f" {fmt.romawi(int(rec['urutan']))}"
        return f"program{no} ({rec['program']})"

    # -- the year's figures, computed by lkjipkit.analysis ------------------------------------------

    @cached_property
    def analysis(self) -> YearAnalysis:
        """The year's analysis, the one the report prints (the one given, else computed here). The year may
        lack indicator or budget rows (COMPLETE-YEAR reports that); a rule reads only the parts its ``NEEDS``
        guarantee."""
        return YearAnalysis(self.ds, self.year)

    @cached_property
    def activities(self) -> pd.DataFrame:
        """``anggaran`` rows of the year (raw, with ``_row`` and the printed columns) beside the computed
        pagu, bobot, ttb, realisasi_keuangan_persen and sisa (``YearAnalysis.anggaran_kegiatan``)."""
        raw = self.rows_of_year("anggaran").copy()
        raw["kode_rekening"] = raw["kode_rekening"].astype("string")
        computed = self.analysis.anggaran_kegiatan[
            ["kode_rekening", "kegiatan", "program_kode", "pagu", "bobot", "ttb", "realisasi_keuangan_persen", "sisa"]
        ]
        return raw.merge(computed, on="kode_rekening", how="left").reset_index(drop=True)

    @property
    def programs(self) -> pd.DataFrame:
        """Program rows of the year (``YearAnalysis.anggaran_program``)."""
        return self.analysis.anggaran_program

    @property
    def indicators(self) -> pd.DataFrame:
        """Each IKU this year and last (``YearAnalysis.capaian_iku``)."""
        return self.analysis.capaian_iku

    @property
    def indicator_history(self) -> pd.DataFrame:
        """Each IKU in every year up to this one (``YearAnalysis.riwayat_iku``)."""
        return self.analysis.riwayat_iku

    @property
    def explanations(self) -> pd.DataFrame:
        """The analyst's penyebab and solusi per IKU (``YearAnalysis.analisis_iku``)."""
        return self.analysis.analisis_iku

    @property
    def spm(self) -> pd.DataFrame:
        """SPM realisations up to this year, from counts when given (``YearAnalysis.spm``)."""
        return self.analysis.spm

    @cached_property
    def claims(self) -> list[Claim]:
        """The claims of the analyst's texts of the year tied to a figure (:mod:`lkjipkit.review.claims`)."""
        return read_claims(self)

    # -- comparisons ---------------------------------------------------------------------------

    def differs(self, a: float, b: float, tolerance: float) -> bool:
        """Both are numbers and differ by more than ``tolerance`` (plus float noise)."""
        return has(a) and has(b) and abs(num(a) - num(b)) > tolerance + EPS

    # -- findings ------------------------------------------------------------------------------

    @staticmethod
    def finding(
        rule: str,
        severity: str,
        table: str,
        row: Mapping | int | None,
        column: str | None,
        key: str | None,
        message: str,
        found: str | None = None,
        expected: str | None = None,
        figures: dict[str, Any] | None = None,
    ) -> Finding:
        """A :class:`~lkjipkit.review.finding.Finding` about ``table`` (``anggaran`` → ``anggaran.csv``).

        ``row`` is a raw record (the finding points at its ``_row``), a CSV line
        (e.g. from :meth:`row`), or None for the whole table.
        """
        return Finding(
            rule=rule,
            severity=severity,
            file=f"{table}.csv",
            row=int(row["_row"]) if isinstance(row, Mapping) else row,
            column=column,
            key=key,
            message=message,
            found=found,
            expected=expected,
            figures={} if figures is None else figures,
        )

    def activity_finding(
        self,
        rule: str,
        severity: str,
        rec: Mapping,
        column: str,
        message: str,
        found: str | None = None,
        expected: str | None = None,
        figures: dict[str, Any] | None = None,
    ) -> Finding:
        """A finding about a kegiatan's ``anggaran`` row (``rec``, a record of :attr:`activities`), keyed by its
        kode rekening."""
        key = str(rec["kode_rekening"])
        return self.finding(rule, severity, "anggaran", rec, column, key, message, found, expected, figures)

    def yearly_finding(
        self,
        rule: str,
        severity: str,
        table: str,
        code: str,
        column: str,
        message: str,
        found: str | None = None,
        expected: str | None = None,
        figures: dict[str, Any] | None = None,
        *,
        year: int | None = None,
    ) -> Finding:
        """A finding about the row of an indicator ``code`` and ``year`` (default: the report year) in a yearly
        table (``iku_tahunan``, ``analisis_iku``, ``spm_realisasi``), keyed ``IKU2, 2016``; row None when the
        table has no such row."""
        year = self.year if year is None else year
        row = self.row(table, code, year)
        return self.finding(rule, severity, table, row, column, f"{code}, {year}", message, found, expected, figures)


def _key_part(value):
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if hasattr(value, "item"):
        return value.item()
    return value
