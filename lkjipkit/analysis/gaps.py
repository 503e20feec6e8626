"""What a reviewer needs that the dataset does not give yet, for one report year: the gaps.

A draft report shows every gap as a *Catatan penyusun* callout at the place it
concerns (:func:`lkjipkit.report.html.catatan_penyusun`); a final build refuses
while a :attr:`Gap.wajib` gap remains (``lkjip build --final``) and never prints
a callout. Each gap says what is missing (in Bahasa Indonesia), for which item
(an IKU code, a sasaran), and where to fill it: the file with its row and
column, or the YAML key with its line; in a workbook dataset the sheet and its
row (the sheet rows are what ``_row`` and the key lines hold there).

Two kinds of gap:

- *wajib* (required): something the final report must carry is empty: a cause
  and a solution for every IKU that missed its target (they are also the steps
  to take in Bab IV), the cause of every other IKU, the organisation chart, the
  signatory's name and NIP, the Perjanjian Kinerja's date and parties, the
  organisation, strategic aspects and issues, the report's team;
- *periksa* (to check, ``wajib=False``): a figure or a statement the drafter should
  check before signing (an IKU whose realisation differs from its national
  standard's own realisation; program links noted as assumed). Such a note is
  shown in the draft and left out of the final report; it does not stop a final build.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lkjipkit import fmt
from lkjipkit.errors import LkjipError, Problem
from lkjipkit.i18n import _, ngettext

if TYPE_CHECKING:
    from lkjipkit.dataset import Dataset

    from .bundle import YearAnalysis

__all__ = ["SPM_DIFFERENCE", "Gap", "IncompleteReportError", "differs_from_spm", "find_gaps"]

#: An IKU's realisation and its national standard's own realisation differ when they are this far apart (points).
SPM_DIFFERENCE = 0.005


def differs_from_spm(selisih) -> bool:
    """True when ``selisih_realisasi_spm`` (IKU realisation minus the standard's) is a real difference."""
    return not fmt.kosong(selisih) and abs(float(selisih)) >= SPM_DIFFERENCE


@dataclass(frozen=True)
class Gap:
    """One thing missing for the report year, and where to fill it in.

    Attributes
    ----------
    jenis
        What kind of gap, the key a chapter places its callout by: ``penyebab``, ``solusi``,
        ``analisis`` (an IKU's cause of success), ``bagan_organisasi``, ``kepala``,
        ``perjanjian_kinerja``, ``struktur_organisasi``, ``aspek_strategis``, ``isu_strategis``,
        ``tim_penyusun``, ``beda_spm``, ``tautan_program``.
    apa
        What is missing or to check, in Bahasa Indonesia ("solusi belum diuraikan").
    untuk
        The item it concerns as a reader names it ("IKU6 Persentase PMKS yang mendapatkan bantuan"), or None.
    kunci
        The item's code (``IKU6``, ``S1``), or None.
    file, row, column
        Where to fill it: the file (``analisis_iku.csv``, ``profil.yaml``; in a workbook, the sheet), its
        row or line (None when the row is still to be added), and the column or the YAML key
        (``solusi``, ``kepala.nip``).
    bagian
        Where in the report it shows ("Bab III, Sasaran 4, e."; "Bab IV, Langkah Perbaikan").
    wajib
        Required for a final report (False: a note to check; see the module docstring).
    """

    jenis: str
    apa: str
    untuk: str | None
    kunci: str | None
    file: str
    row: int | None
    column: str | None
    bagian: str
    wajib: bool = True

    @property
    def teks(self) -> str:
        """What is missing and for what: "IKU6 Persentase PMKS …: solusi belum diuraikan"."""
        return f"{self.untuk}: {self.apa}" if self.untuk else self.apa[:1].upper() + self.apa[1:]

    @property
    def lokasi(self) -> str:
        """Where to fill it, "analisis_iku.csv, baris 7, kolom solusi"; "profil.yaml, baris 16, kepala.nip"."""
        parts = [self.file]
        if self.row is not None:
            parts.append(f"baris {self.row}")
        if self.column:
            parts.append(self.column if self.file.endswith(".yaml") or "." in self.column else f"kolom {self.column}")
        return ", ".join(parts)

    def to_dict(self) -> dict:
        """The gap as plain values (``provenance.json`` lists the gaps of an incomplete final report)."""
        return {k: getattr(self, k) for k in ("jenis", "wajib", "teks", "lokasi", "bagian")}

    def problem(self) -> Problem:
        """The gap as ``file:row:column: message``, the way ``lkjip validate`` prints a problem."""
        return Problem(self.file, self.row, self.column, f"{self.teks} ({self.bagian})")


class IncompleteReportError(LkjipError):
    """A final report was asked for while required gaps remain; every one is listed, with its location."""

    def __init__(self, gaps: list[Gap], source: str = "", year: int | None = None) -> None:
        self.gaps = list(gaps)
        self.source = source
        folder = "" if source.lower().endswith((".xlsx", ".xlsm")) else source
        n = len(self.gaps)
        head = f"{source}: " if source else ""
        when = f" {year}" if year is not None else ""
        lines = [g.problem().format(folder) for g in self.gaps]
        what = ngettext("{n} item to fill in", "{n} items to fill in", n).format(n=n)
        super().__init__(
            head
            + _("the final report{year} is not complete: {what}").format(year=when, what=what)
            + "\n"
            + "\n".join(lines)
            + "\n"
            + _(
                "Fill them in, or build a draft (without --final), or add --allow-incomplete "
                "(the cover then says KONSEP)."
            )
        )


# --- locating things in the dataset ----------------------------------------------------------------------


class _Where:
    """Names of files and the lines of YAML keys, in a dataset folder or a workbook."""

    def __init__(self, ds: Dataset) -> None:
        self.ds = ds
        self.workbook = ds.source.suffix.lower() in (".xlsx", ".xlsm")

    def file(self, name: str) -> str:
        """``analisis_iku.csv`` (a folder) or its sheet ``analisis_iku`` (a workbook)."""
        if not self.workbook:
            return name
        from lkjipkit.dataset.excel.layout import PROFILE_SHEET, REPORTS_SHEET

        stem = name.rsplit(".", 1)[0]
        return {"profil": PROFILE_SHEET, "laporan": REPORTS_SHEET}.get(stem, stem)

    def yaml_line(self, file: str, *keys) -> int | None:
        """The line (sheet row) of the deepest of ``keys`` that the file has, or None."""
        lines = self.ds.yaml_lines.get(file, {})
        for n in range(len(keys), 0, -1):
            if keys[:n] in lines:
                return lines[keys[:n]]
        return None

    def report_key(self, year: int, *keys: str) -> tuple[int | None, str]:
        """Line and printed key of a key of the year's entry in ``laporan.yaml``."""
        index = list(self.ds.laporan).index(year)
        return self.yaml_line("laporan.yaml", "laporan", index, *keys), f"laporan[{year}]." + ".".join(keys)


# --- the gaps ----------------------------------------------------------------------------------------


def find_gaps(a: YearAnalysis) -> tuple[Gap, ...]:
    """Everything missing for the year of ``a``, in report order (Bab I to Lampiran)."""
    where = _Where(a.ds)
    gaps = [*_introduction(a, where), *_indicators(a, where), *_signatures(a, where), *_appendix(a, where)]
    return tuple(gaps)


def _introduction(a: YearAnalysis, where: _Where) -> list[Gap]:
    laporan, profil = a.ds.report(a.year), a.ds.profil
    out = []
    if fmt.kosong(profil.instansi.bagan_organisasi):
        out.append(
            Gap(
                "bagan_organisasi",
                "bagan struktur organisasi belum ada (berkas gambar PNG/SVG/JPEG di folder dataset)",
                None,
                None,
                where.file("profil.yaml"),
                where.yaml_line("profil.yaml", "instansi", "bagan_organisasi"),
                "instansi.bagan_organisasi",
                "Bab I, Struktur Organisasi",
            )
        )
    if fmt.kosong(laporan.struktur_organisasi) and not profil.dasar_hukum_organisasi and fmt.kosong(profil.tugas_pokok):
        line, key = where.report_key(a.year, "struktur_organisasi")
        out.append(
            Gap(
                "struktur_organisasi",
                "uraian struktur organisasi belum ada",
                None,
                None,
                where.file("laporan.yaml"),
                line,
                key,
                "Bab I, Struktur Organisasi",
            )
        )
    if not profil.aspek_strategis and fmt.kosong(profil.aspek_strategis_pengantar):
        out.append(
            Gap(
                "aspek_strategis",
                "aspek strategis organisasi belum dirumuskan",
                None,
                None,
                where.file("profil.yaml"),
                where.yaml_line("profil.yaml", "aspek_strategis"),
                "aspek_strategis",
                "Bab I, Aspek Strategis Organisasi",
            )
        )
    if not profil.isu_strategis and fmt.kosong(profil.isu_strategis_pengantar):
        out.append(
            Gap(
                "isu_strategis",
                "isu strategis belum dirumuskan",
                None,
                None,
                where.file("profil.yaml"),
                where.yaml_line("profil.yaml", "isu_strategis"),
                "isu_strategis",
                "Bab I, Isu-isu Strategis",
            )
        )
    return out


def _indicators(a: YearAnalysis, where: _Where) -> list[Gap]:
    """Causes and solutions (Bab III e. and Bab IV), SPM differences and assumed program links (Bab III)."""
    out = []
    rows = a.ds.tables["analisis_iku"]
    rows = rows[rows["tahun"] == a.year].set_index("iku_kode")["_row"]
    file = where.file("analisis_iku.csv")
    missed = set(a.ringkasan_iku.belum)
    std = a.standar_nasional_iku.set_index("kode")
    for k, s in enumerate(a.sasaran, start=1):
        bagian = f"Bab III, Sasaran {k}, e."
        for r in s.causes.to_dict("records"):
            code = str(r["kode"])
            untuk = f"{code} {r['indikator']}"
            row = int(rows[code]) if code in rows.index else None
            no_row = "" if row is not None else f" (tambahkan baris {code}, {a.year})"
            cause, solution = fmt.kosong(r["penyebab"]), fmt.kosong(r["solusi"])
            if code in missed:
                if cause:
                    out.append(
                        Gap(
                            "penyebab",
                            f"penyebab tidak tercapainya target belum diuraikan{no_row}",
                            untuk,
                            code,
                            file,
                            row,
                            "penyebab",
                            bagian,
                        )
                    )
                if solution:
                    out.append(
                        Gap(
                            "solusi",
                            f"solusi (langkah perbaikan) belum diuraikan{no_row}",
                            untuk,
                            code,
                            file,
                            row,
                            "solusi",
                            f"{bagian}; Bab IV, Langkah Perbaikan",
                        )
                    )
            elif cause and solution:
                out.append(
                    Gap(
                        "analisis",
                        f"penyebab keberhasilan atau kegagalan dan solusinya belum diuraikan{no_row}",
                        untuk,
                        code,
                        file,
                        row,
                        "penyebab",
                        bagian,
                    )
                )
            if code in std.index and differs_from_spm(std.loc[code, "selisih_realisasi_spm"]):
                x = std.loc[code]
                satuan = x["satuan"]
                out.append(
                    Gap(
                        "beda_spm",
                        f"realisasi IKU ({fmt.dengan_satuan(x['realisasi'], satuan)}) berbeda dari realisasi "
                        f"standar {x['spm_kode']} ({fmt.dengan_satuan(x['realisasi_spm'], satuan)}); jelaskan "
                        "perbedaannya atau perbaiki angkanya",
                        untuk,
                        code,
                        file,
                        row,
                        "penyebab",
                        f"Bab III, Sasaran {k}, d.",
                        wajib=False,
                    )
                )
        if s.link_assumed:
            links = a.ds.tables["sasaran_program"]
            lines = sorted(int(n) for n in links.loc[links["sasaran_kode"] == s.kode, "_row"])
            out.append(
                Gap(
                    "tautan_program",
                    f"keterangan keterkaitan program dengan sasaran: “{s.link_assumed}”; pastikan keterkaitan "
                    "ini sesuai dokumen perencanaan",
                    f"{s.kode} {s.sasaran}",
                    s.kode,
                    where.file("sasaran_program.csv"),
                    lines[0] if lines else None,
                    "keterangan",
                    f"Bab III, Sasaran {k}, f.",
                    wajib=False,
                )
            )
    return out


def _signatures(a: YearAnalysis, where: _Where) -> list[Gap]:
    """The signatory (Kata Pengantar, Bab IV, the PK's first party) and the PK's date and second party."""
    out = []
    k = a.ds.profil.kepala
    profil = where.file("profil.yaml")
    for field, what in (("nama", "nama"), ("nip", "NIP")):
        if fmt.kosong(getattr(k, field)):
            out.append(
                Gap(
                    "kepala",
                    f"{what} penanda tangan ({k.jabatan}) belum diisi",
                    None,
                    None,
                    profil,
                    where.yaml_line("profil.yaml", "kepala", field),
                    f"kepala.{field}",
                    "Kata Pengantar; Bab IV; Perjanjian Kinerja (pihak pertama)",
                )
            )
    pk = a.ds.report(a.year).perjanjian_kinerja
    laporan = where.file("laporan.yaml")
    if pk is None or pk.tanggal is None:
        line, key = where.report_key(a.year, "perjanjian_kinerja", "tanggal")
        out.append(
            Gap(
                "perjanjian_kinerja",
                "tanggal penandatanganan Perjanjian Kinerja belum diisi",
                None,
                None,
                laporan,
                line,
                key,
                "Lampiran, Perjanjian Kinerja",
            )
        )
    second = pk.pihak_kedua if pk is not None else None
    if second is None or fmt.kosong(second.nama):
        line, key = where.report_key(a.year, "perjanjian_kinerja", "pihak_kedua")
        what = (
            "pihak kedua Perjanjian Kinerja (jabatan dan nama Walikota/Bupati) belum diisi"
            if second is None
            else f"nama pihak kedua Perjanjian Kinerja ({second.jabatan}) belum diisi"
        )
        out.append(
            Gap(
                "perjanjian_kinerja",
                what,
                None,
                None,
                laporan,
                line,
                key if second is None else f"{key}.nama",
                "Lampiran, Perjanjian Kinerja",
            )
        )
    return out


def _appendix(a: YearAnalysis, where: _Where) -> list[Gap]:
    if a.ds.report(a.year).tim_penyusun:
        return []
    line, key = where.report_key(a.year, "tim_penyusun")
    return [
        Gap(
            "tim_penyusun",
            "susunan tim penyusun belum diisi",
            None,
            None,
            where.file("laporan.yaml"),
            line,
            key,
            "Lampiran, Tim Penyusun",
        )
    ]
