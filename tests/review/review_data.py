"""A small, fully consistent synthetic dataset (the review finds nothing in it), and ways to break it.

Two programs, three kegiatan, two sasaran, two IKU (one linked to an SPM
indicator counted from pembilang/penyebut), two SPM indicators, report year
2016 with 2015 as the year before. Every printed (``*_tercetak``) figure agrees
with the computed one. A test copies it, changes one thing, and checks that
exactly the rule it targets speaks up, at the right place.
"""

from __future__ import annotations

import copy
import csv
from pathlib import Path

YEAR = 2016

PROFIL = """\
instansi:
  nama: Dinas Contoh
  pemerintah: Kota Contoh
  slug: dinas-contoh
  kota: Contoh
kepala:
  jabatan: KEPALA DINAS CONTOH
renstra:
  tahun_awal: 2015
  tahun_akhir: 2019
visi: Visi contoh
misi:
- Misi contoh
"""

LAPORAN = """\
laporan:
- tahun: 2016
  tanggal_terbit: 2017-02-01
"""

K1, K2, K3 = "1.01.01.001", "1.01.01.002", "1.01.02.001"
P1, P2 = "1.01.01", "1.01.02"

CLEAN: dict[str, list[dict[str, str]]] = {
    "tujuan": [{"kode": "T1", "tujuan": "Meningkatnya pelayanan", "urutan": "1"}],
    "sasaran": [
        {"kode": "S1", "tujuan_kode": "T1", "sasaran": "Peningkatan penempatan tenaga kerja", "urutan": "1"},
        {"kode": "S2", "tujuan_kode": "T1", "sasaran": "Peningkatan pelayanan sosial", "urutan": "2"},
    ],
    "iku": [
        {
            "kode": "IKU1",
            "sasaran_kode": "S1",
            "indikator": "Persentase pencari kerja yang ditempatkan",
            "satuan": "%",
            "polaritas": "positif",
            "pembilang": "pencaker ditempatkan",
            "penyebut": "pencaker terdaftar",
            "target_renstra": "50",
            "spm_kode": "SPM-1",
            "spm_sebanding": "ya",
            "nama_renstra": "",
            "urutan": "1",
        },
        {
            "kode": "IKU2",
            "sasaran_kode": "S2",
            "indikator": "Jumlah warga yang dilayani",
            "satuan": "orang",
            "polaritas": "positif",
            "pembilang": "",
            "penyebut": "",
            "target_renstra": "100",
            "spm_kode": "",
            "spm_sebanding": "",
            "nama_renstra": "",
            "urutan": "2",
        },
    ],
    "iku_tahunan": [
        {"iku_kode": "IKU1", "tahun": "2015", "target": "50", "realisasi": "48", "capaian_tercetak": "96.00"},
        {"iku_kode": "IKU1", "tahun": "2016", "target": "50", "realisasi": "52", "capaian_tercetak": "104.00"},
        {"iku_kode": "IKU2", "tahun": "2015", "target": "100", "realisasi": "90", "capaian_tercetak": ""},
        {"iku_kode": "IKU2", "tahun": "2016", "target": "100", "realisasi": "95", "capaian_tercetak": "95.00"},
    ],
    "analisis_iku": [
        {"iku_kode": "IKU2", "tahun": "2016", "penyebab": "Petugas berkurang.", "solusi": "Menambah petugas."},
    ],
    "spm_indikator": [
        {
            "kode": "SPM-1",
            "jenis": "ketenagakerjaan",
            "indikator": "Besaran pencari kerja yang ditempatkan",
            "satuan": "%",
            "target_nasional": "50",
            "dasar_hukum": "Peraturan contoh",
            "urutan": "1",
        },
        {
            "kode": "SPM-2",
            "jenis": "ketenagakerjaan",
            "indikator": "Besaran pemeriksaan perusahaan",
            "satuan": "%",
            "target_nasional": "60",
            "dasar_hukum": "Peraturan contoh",
            "urutan": "2",
        },
    ],
    "spm_realisasi": [
        {
            "spm_kode": "SPM-1",
            "tahun": "2015",
            "realisasi": "",
            "pembilang": "48",
            "penyebut": "100",
            "realisasi_tercetak": "48.00",
            "analisis": "",
        },
        {
            "spm_kode": "SPM-1",
            "tahun": "2016",
            "realisasi": "",
            "pembilang": "52",
            "penyebut": "100",
            "realisasi_tercetak": "52.00",
            "analisis": "",
        },
        {
            "spm_kode": "SPM-2",
            "tahun": "2015",
            "realisasi": "60",
            "pembilang": "",
            "penyebut": "",
            "realisasi_tercetak": "",
            "analisis": "",
        },
        {
            "spm_kode": "SPM-2",
            "tahun": "2016",
            "realisasi": "40",
            "pembilang": "",
            "penyebut": "",
            "realisasi_tercetak": "",
            "analisis": "Pengawas berkurang karena pensiun.",
        },
    ],
    "program": [
        {"kode": P1, "program": "Program Penempatan Tenaga Kerja", "urutan": "1"},
        {"kode": P2, "program": "Program Pelayanan Sosial", "urutan": "2"},
    ],
    "program_tahunan": [
        {
            "program_kode": P1,
            "tahun": "2016",
            "anggaran_pk": "130000000",
            "pagu_rkt_tercetak": "150000000",
            "pagu_murni_tercetak": "150000000",
            "pagu_perubahan_tercetak": "130000000",
        },
        {
            "program_kode": P2,
            "tahun": "2016",
            "anggaran_pk": "70000000",
            "pagu_rkt_tercetak": "70000000",
            "pagu_murni_tercetak": "70000000",
            "pagu_perubahan_tercetak": "70000000",
        },
    ],
    "kegiatan": [
        {"kode_rekening": K1, "program_kode": P1, "kegiatan": "Pelayanan antar kerja", "urutan": "1"},
        {"kode_rekening": K2, "program_kode": P1, "kegiatan": "Bursa kerja", "urutan": "2"},
        {"kode_rekening": K3, "program_kode": P2, "kegiatan": "Bantuan sosial", "urutan": "3"},
    ],
    # total pagu 200.000.000: bobot 40 / 25 / 35 exactly, so every printed figure is exact too
    "anggaran": [
        {
            "kode_rekening": K1,
            "tahun": "2016",
            "pagu_murni": "100000000",
            "pagu_perubahan": "80000000",
            "realisasi_fisik": "90.00",
            "realisasi_keuangan": "70000000",
            "nama_realisasi": "",
            "pagu_rkt_tercetak": "100000000",
            "bobot_tercetak": "40.00",
            "ttb_tercetak": "36.00",
            "realisasi_keuangan_persen_tercetak": "87.50",
            "sisa_tercetak": "10000000",
        },
        {
            "kode_rekening": K2,
            "tahun": "2016",
            "pagu_murni": "50000000",
            "pagu_perubahan": "",
            "realisasi_fisik": "100.00",
            "realisasi_keuangan": "50000000",
            "nama_realisasi": "",
            "pagu_rkt_tercetak": "50000000",
            "bobot_tercetak": "25.00",
            "ttb_tercetak": "25.00",
            "realisasi_keuangan_persen_tercetak": "100.00",
            "sisa_tercetak": "0",
        },
        {
            "kode_rekening": K3,
            "tahun": "2016",
            "pagu_murni": "70000000",
            "pagu_perubahan": "70000000",
            "realisasi_fisik": "95.00",
            "realisasi_keuangan": "66000000",
            "nama_realisasi": "",
            "pagu_rkt_tercetak": "70000000",
            "bobot_tercetak": "35.00",
            "ttb_tercetak": "33.25",
            "realisasi_keuangan_persen_tercetak": "94.29",
            "sisa_tercetak": "4000000",
        },
    ],
    "sasaran_program": [
        {"sasaran_kode": "S1", "program_kode": P1, "keterangan": ""},
        {"sasaran_kode": "S2", "program_kode": P2, "keterangan": ""},
    ],
}


class Data:
    """The synthetic dataset's rows, to edit before writing."""

    def __init__(self) -> None:
        self.tables = copy.deepcopy(CLEAN)
        self.extra_files: dict[str, str] = {}

    def _match(self, table: str, where: dict[str, str]) -> list[dict[str, str]]:
        rows = [r for r in self.tables[table] if all(r.get(k) == v for k, v in where.items())]
        assert rows, f"no row of {table} matches {where}"
        return rows

    def set(self, table: str, where: dict[str, str], **values: str) -> Data:
        """Set cells of the rows matching ``where``."""
        for r in self._match(table, where):
            r.update(values)
        return self

    def drop(self, table: str, where: dict[str, str]) -> Data:
        rows = self._match(table, where)
        self.tables[table] = [r for r in self.tables[table] if r not in rows]
        return self

    def add(self, table: str, **values: str) -> Data:
        header = list(self.tables[table][0]) if self.tables[table] else list(values)
        self.tables[table].append({c: values.get(c, "") for c in header})
        return self

    def line(self, table: str, where: dict[str, str]) -> int:
        """The CSV line (header = 1) of the first row matching ``where``."""
        row = self._match(table, where)[0]
        return self.tables[table].index(row) + 2

    def write(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "profil.yaml").write_text(PROFIL, encoding="utf-8")
        (folder / "laporan.yaml").write_text(LAPORAN, encoding="utf-8")
        for name, rows in self.tables.items():
            header = list(CLEAN[name][0])
            with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
                w = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
                w.writeheader()
                w.writerows(rows)
        for name, text in self.extra_files.items():
            (folder / name).write_text(text, encoding="utf-8")
        return folder
