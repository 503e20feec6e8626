"""Shared fixtures: the embedded dataset and copies of it to break."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from lkjipkit.config import default_dataset

SEED = default_dataset()

# The tests read the command's English messages: a developer's Indonesian locale must not change them
# (tests/test_i18n.py chooses the language itself).
os.environ["LKJIP_LANG"] = "en"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed():
    from lkjipkit.dataset import load_dataset

    return load_dataset(SEED)


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A writable copy of the embedded dataset."""
    dst = tmp_path / SEED.name
    shutil.copytree(SEED, dst)
    return dst


def fill_in_gaps(folder: Path, year: int = 2016) -> Path:
    """Fill in, in a dataset folder, everything a final report of ``year`` needs (lkjipkit.analysis.gaps).

    Causes and solutions of every IKU, the signatory's name and NIP, an organisation chart (a PNG made
    here with Pillow), the Perjanjian Kinerja's date and second party.
    """
    import csv

    import yaml
    from PIL import Image, ImageDraw

    chart = Image.new("RGB", (800, 500), "white")
    draw = ImageDraw.Draw(chart)
    draw.rectangle((300, 30, 500, 110), outline="black", width=3)
    for x in (60, 300, 540):
        draw.rectangle((x, 300, x + 200, 380), outline="black", width=3)
        draw.line((x + 100, 300, x + 100, 200, 400, 200, 400, 110), fill="black", width=3)
    chart.save(folder / "bagan-organisasi.png")

    profil = yaml.safe_load((folder / "profil.yaml").read_text(encoding="utf-8"))
    profil["instansi"]["bagan_organisasi"] = "bagan-organisasi.png"
    profil["kepala"].update(nama="Drs. Contoh Pejabat, M.Si", nip="19650101 199003 1 001", pangkat="Pembina, IV/a")
    (folder / "profil.yaml").write_text(yaml.safe_dump(profil, allow_unicode=True, sort_keys=False), encoding="utf-8")

    laporan = yaml.safe_load((folder / "laporan.yaml").read_text(encoding="utf-8"))
    for entry in laporan["laporan"]:
        if entry["tahun"] == year:
            entry["perjanjian_kinerja"] = {
                "tanggal": f"{year}-02-01",
                "pihak_kedua": {"jabatan": "WALIKOTA CONTOH", "nama": "Ir. Walikota Contoh"},
            }
            if not entry.get("tim_penyusun"):
                entry["tim_penyusun"] = [{"nama": "Analis Contoh", "jabatan": "Ketua"}]
    (folder / "laporan.yaml").write_text(yaml.safe_dump(laporan, allow_unicode=True, sort_keys=False), encoding="utf-8")

    path = folder / "analisis_iku.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    codes = {r["iku_kode"] for r in rows if r["tahun"] == str(year)}
    with (folder / "iku.csv").open(encoding="utf-8", newline="") as f:
        codes |= {r["kode"] for r in csv.DictReader(f)}
    have = {r["iku_kode"] for r in rows if r["tahun"] == str(year)}
    rows += [{"iku_kode": c, "tahun": str(year), "penyebab": "", "solusi": ""} for c in sorted(codes - have)]
    for r in rows:
        if r["tahun"] == str(year):
            r["penyebab"] = r["penyebab"] or f"Penyebab capaian {r['iku_kode']} menurut analis."
            r["solusi"] = r["solusi"] or f"Langkah perbaikan {r['iku_kode']} menurut analis."
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return folder


@pytest.fixture
def complete_copy(seed_copy: Path) -> Path:
    """A copy of the embedded dataset with every gap of 2016 filled in: it builds a final report."""
    return fill_in_gaps(seed_copy)
