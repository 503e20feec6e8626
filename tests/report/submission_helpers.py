"""A complete copy of the embedded dataset for the submission documents (PK, signatures, logo, chart, reviu).

The seed report names neither the head of agency nor the Walikota; these tests fill in made-up officials
(marked as such) on a copy, never in ``data/``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from PIL import Image

KEPALA = {"nama": "Drs. CONTOH KEPALA, M.Si", "nip": "19650101 199003 1 001", "pangkat": "Pembina Utama Muda, IV/c"}
WALIKOTA = {"jabatan": "WALIKOTA BALIKPAPAN", "nama": "CONTOH WALIKOTA (UJI)"}
INSPEKTUR = {
    "jabatan": "INSPEKTUR KOTA BALIKPAPAN",
    "nama": "CONTOH INSPEKTUR (UJI)",
    "pangkat": "Pembina Tingkat I, IV/b",
    "nip": "19700202 199503 1 002",
}


def png(path: Path, size=(120, 80), color=(31, 58, 95)) -> Path:
    """Write a real PNG image."""
    Image.new("RGB", size, color).save(path)
    return path


def complete_copy(seed_path: Path, dst: Path) -> Path:
    """The seed with a logo, an organisation chart, the head's name/rank/NIP, the PK's second party and date,
    and a Pernyataan Telah Direviu."""
    shutil.copytree(seed_path, dst)
    png(dst / "logo.png", (80, 100), (200, 30, 30))
    png(dst / "bagan.png", (400, 240), (240, 240, 240))
    profil = yaml.safe_load((dst / "profil.yaml").read_text(encoding="utf-8"))
    profil["instansi"].update(logo="logo.png", bagan_organisasi="bagan.png")
    profil["kepala"].update(KEPALA)
    (dst / "profil.yaml").write_text(yaml.safe_dump(profil, allow_unicode=True, sort_keys=False), encoding="utf-8")
    laporan = yaml.safe_load((dst / "laporan.yaml").read_text(encoding="utf-8"))
    year = laporan["laporan"][0]
    year["perjanjian_kinerja"] = {"tanggal": "2016-01-29", "pihak_kedua": WALIKOTA}
    year["pernyataan_reviu"] = {"tanggal": "2017-02-20", "pejabat": INSPEKTUR, "nomor": "700/01/INSP"}
    (dst / "laporan.yaml").write_text(yaml.safe_dump(laporan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dst
