"""The two YAML files of a dataset: the agency profile and the per-year report texts.

``profil.yaml`` holds what changes rarely (names, Renstra period, visi, misi,
strategic aspects, settings); ``laporan.yaml`` holds one entry per report year
(issue date, the analyst's texts, the previous SAKIP evaluation). Both are
validated with pydantic; unknown keys are errors, so a typo never vanishes
silently.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from lkjipkit.i18n import _


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Instansi(_Strict):
    nama: str = Field(description="Agency name, e.g. 'Dinas Tenaga Kerja dan Sosial'.")
    singkatan: str | None = Field(None, description="Short name used in prose, e.g. 'Disnakersos'.")
    pemerintah: str = Field(description="Government it belongs to, e.g. 'Kota Balikpapan'.")
    slug: str = Field(
        description="Folder name of its reports: lower-case letters, digits and '-'.",
        pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    )
    alamat: str | None = None
    kode_pos: str | None = None
    telepon: str | None = None
    situs: str | None = None
    kota: str = Field(description="Place written before the date of signature, e.g. 'Balikpapan'.")
    logo: str | None = Field(
        None, description="Logo image file inside the dataset folder (PNG/SVG/JPEG); empty: a blank slot."
    )
    bagan_organisasi: str | None = Field(
        None,
        description="Organisation chart: an image file inside the dataset folder (PNG/SVG/JPEG), shown in Bab I "
        "as a numbered figure.",
    )

    @property
    def nama_lengkap(self) -> str:
        return f"{self.nama} {self.pemerintah}"

    @field_validator("logo", "bagan_organisasi")
    @classmethod
    def _logo_inside(cls, v: str | None) -> str | None:
        if v is not None and (v.startswith(("/", "\\")) or ".." in v.replace("\\", "/").split("/")):
            raise ValueError(_("must be a file name inside the dataset folder"))
        return v


class Kepala(_Strict):
    jabatan: str = Field(description="Title of the head of agency, as signed.")
    nama: str | None = None
    nip: str | None = None
    pangkat: str | None = None


class Pejabat(_Strict):
    """An official who signs: title as signed, name, rank (pangkat/golongan) and NIP."""

    jabatan: str = Field(description="Title as signed, e.g. 'WALIKOTA BALIKPAPAN'.")
    nama: str | None = None
    pangkat: str | None = Field(None, description="Rank and grade (pangkat/golongan), e.g. 'Pembina Utama Muda, IV/c'.")
    nip: str | None = Field(None, description="NIP; empty for an elected official.")


class Renstra(_Strict):
    tahun_awal: int = Field(ge=1990, le=2100)
    tahun_akhir: int = Field(ge=1990, le=2100)
    dokumen: str | None = Field(None, description="Name of the Renstra document.")

    @model_validator(mode="after")
    def _ordered(self) -> Renstra:
        if self.tahun_akhir < self.tahun_awal:
            raise ValueError(_("tahun_akhir is before tahun_awal"))
        return self


class AspekStrategis(_Strict):
    bidang: str
    aspek: list[str]


class IsuStrategis(_Strict):
    isu: str
    uraian: str | None = None


class Pita(_Strict):
    """One band of a capaian category scale: capaian >= batas_bawah."""

    batas_bawah: float
    kategori: str


class Pengaturan(_Strict):
    skala_kategori: str | list[Pita] | None = Field(
        None,
        description="Name of a shipped capaian scale, or the dataset's own bands; empty: the scale of the "
        "regulation in force for the report year (Permendagri 54/2010 up to 2017, 86/2017 from 2018).",
    )
    batas_capaian: float | None = Field(None, description="Cap on capaian (e.g. 100 or 120); empty: none.")
    metode_efisiensi: Literal["pmk-249-2011", "selisih-capaian-serapan"] = Field(
        "pmk-249-2011",
        description="Efficiency method: 'pmk-249-2011' (PMK 249/PMK.02/2011) or 'selisih-capaian-serapan' "
        "(capaian minus serapan against efisiensi_batas).",
    )
    efisiensi_batas: float = Field(
        5.0, description="Efficiency threshold in points: capaian - serapan > this is 'efisien'."
    )
    batas_tabel_kegiatan: int = Field(
        150,
        ge=1,
        description="Bab III prints the budget realisation of every kegiatan up to this many kegiatan; above it, "
        "one row per program and the kegiatan that matter most in each (overspent, cut, furthest behind), the "
        "full list in tabel/anggaran_kegiatan.csv and tabel.xlsx.",
    )


class Profil(_Strict):
    instansi: Instansi
    kepala: Kepala
    renstra: Renstra = Field(description="The current Renstra period.")
    renstra_sebelumnya: list[Renstra] = Field(
        default_factory=list, description="Earlier Renstra periods whose years the dataset still holds (history)."
    )
    visi: str
    misi: list[str]
    dasar_hukum_organisasi: list[str] = Field(default_factory=list)
    tugas_pokok: str | None = None
    aspek_strategis_pengantar: str | None = Field(None, description="Text introducing the strategic aspects.")
    aspek_strategis: list[AspekStrategis] = Field(default_factory=list)
    isu_strategis_pengantar: str | None = None
    isu_strategis: list[IsuStrategis] = Field(default_factory=list)
    pengaturan: Pengaturan = Field(default_factory=Pengaturan)

    @property
    def periods(self) -> list[Renstra]:
        """All Renstra periods, the current one last."""
        return [*self.renstra_sebelumnya, self.renstra]

    def in_period(self, year: int) -> bool:
        """Whether a year lies inside any Renstra period of the dataset."""
        return any(p.tahun_awal <= year <= p.tahun_akhir for p in self.periods)

    def periods_text(self) -> str:
        return ", ".join(f"{p.tahun_awal}-{p.tahun_akhir}" for p in self.periods)


class EvaluasiSakip(_Strict):
    tahun: int = Field(description="Year that was evaluated.")
    nilai: float = Field(ge=0, le=100)
    kategori: str
    predikat: str | None = Field(None, description="Word for the category, e.g. 'cukup'.")
    surat: str | None = Field(None, description="Letter that reported the evaluation.")
    rekomendasi: list[str] = Field(default_factory=list)
    tindak_lanjut: str | None = None


class PerjanjianKinerja(_Strict):
    """The Perjanjian Kinerja of the report year (PermenPAN-RB 53/2014): its date and second party.

    The first party is the head of agency (``profil.yaml: kepala``).
    """

    tanggal: date | None = Field(None, description="Date the agreement was signed.")
    tempat: str | None = Field(None, description="Place of signature; empty: the agency's city (instansi.kota).")
    pihak_kedua: Pejabat | None = Field(
        None, description="The second party: the regional head (Walikota/Bupati) or the official above the agency head."
    )


class PernyataanReviu(_Strict):
    """The APIP's statement that the report was reviewed (Pernyataan Telah Direviu), when it exists."""

    tanggal: date = Field(description="Date of the statement.")
    tempat: str | None = Field(None, description="Place of signature; empty: the agency's city (instansi.kota).")
    pejabat: Pejabat = Field(description="Who signs it, e.g. the Inspektur.")
    nomor: str | None = Field(None, description="Number of the statement, if it has one.")
    teks: str | None = Field(None, description="Own wording of the statement; empty: the standard text.")


class Anggota(_Strict):
    nama: str
    nip: str | None = None
    jabatan: str


class Laporan(_Strict):
    """Texts and facts of one report year."""

    tahun: int = Field(ge=1990, le=2100)
    tanggal_terbit: date = Field(
        description="Date of issue, YYYY-MM-DD (the day may be the 1st when only the month is known)."
    )
    pedoman_penyusunan: list[str] = Field(default_factory=list, description="Legal bases in the Kata Pengantar.")
    kata_pengantar: str | None = None
    latar_belakang: str | None = None
    struktur_organisasi: str | None = None
    evaluasi_sakip: EvaluasiSakip | None = None
    kesimpulan_capaian: str | None = Field(None, description="Analyst's overall conclusion on the indicators.")
    penutup: str | None = None
    tim_penyusun: list[Anggota] = Field(default_factory=list)
    catatan: str | None = None
    status: Literal["draft", "final"] = Field(
        "draft", description="'final' builds the final report (as lkjip build --final); default 'draft'."
    )
    perjanjian_kinerja: PerjanjianKinerja | None = None
    pernyataan_reviu: PernyataanReviu | None = None

    @field_validator("tanggal_terbit", mode="before")
    @classmethod
    def _iso_date(cls, v: object) -> object:
        """Only a calendar date written YYYY-MM-DD: a number (20170201, an Excel serial) is not read as a
        Unix timestamp, and 2017-02-30 is named as not a date."""
        if isinstance(v, date):
            return v
        text = str(v).strip()
        if isinstance(v, int | float) or text.isdigit():
            raise ValueError(
                _(
                    "found the number {text}; expected a date written YYYY-MM-DD, e.g. 2017-02-01 "
                    "(in a workbook: format the cell as a date, or type the date as text)"
                ).format(text=text)
            )
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            raise ValueError(
                _("found {text}; expected a date written YYYY-MM-DD, e.g. 2017-02-01").format(text=repr(text))
            )
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError(
                _("{text} is not a day of the calendar; expected a real date, e.g. 2017-02-28").format(text=text)
            ) from None


class DaftarLaporan(_Strict):
    laporan: list[Laporan]

    @model_validator(mode="after")
    def _unique_years(self) -> DaftarLaporan:
        years = [r.tahun for r in self.laporan]
        dupes = sorted({y for y in years if years.count(y) > 1})
        if dupes:
            raise ValueError(_("year(s) {years} appear more than once").format(years=", ".join(map(str, dupes))))
        return self
