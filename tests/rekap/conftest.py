"""A generated city of 40 agencies, with what each build writes beside its report (no notebooks run)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "publish"))  # chromium.py, build_helpers.py

YEAR = 2016
#: Agencies whose provenance says the report is final.
FINAL = {3, 7}


@pytest.fixture(scope="session")
def city(tmp_path_factory):
    """(agencies, reports root): 40 generated datasets, the tables, reviu.json and provenance.json of each
    that validates (the broken one has no report)."""
    from lkjipkit.errors import DatasetError
    from lkjipkit.rekap.generate import generate, write_build_tables

    base = tmp_path_factory.mktemp("city")
    agencies = generate(base / "data", 40, seed=7, year=YEAR)
    for i, a in enumerate(agencies):
        try:
            write_build_tables(a.path, base / "reports", YEAR, status="final" if i in FINAL else "draft")
        except DatasetError:
            assert a.broken
    return agencies, base / "reports"


@pytest.fixture(scope="session")
def city_rpjmd(city, tmp_path_factory):
    """The RPJMD mapping of the city (:func:`lkjipkit.rekap.generate.write_rpjmd`), outside the reports root."""
    from lkjipkit.rekap.generate import write_rpjmd

    agencies, _ = city
    return write_rpjmd(agencies, tmp_path_factory.mktemp("rpjmd") / "rpjmd.csv", seed=7)


def expected_capaian(dataset: Path) -> pd.DataFrame:
    """Every IKU of the year straight from the dataset files (not from the tables nor the recap):
    the columns of ``iku_tahunan.csv`` and ``iku.csv``, ``met`` and ``known``, and ``capaian`` by method.md:
    realisasi / target × 100 (positif), (2 × target − realisasi) / target × 100 ≥ 0 (negatif), capped by
    the profile's ``batas_capaian``."""
    iku = pd.read_csv(dataset / "iku.csv")
    year = pd.read_csv(dataset / "iku_tahunan.csv").query("tahun == @YEAR")
    year = year.merge(iku, left_on="iku_kode", right_on="kode")
    year["known"] = year["target"].notna() & year["realisasi"].notna()
    up = year["polaritas"] == "positif"
    year["met"] = year["known"] & (
        (up & (year["realisasi"] >= year["target"])) | (~up & (year["realisasi"] <= year["target"]))
    )
    pos = year["realisasi"] / year["target"] * 100
    neg = ((2 * year["target"] - year["realisasi"]) / year["target"] * 100).clip(lower=0)
    cap = (yaml.safe_load((dataset / "profil.yaml").read_text()).get("pengaturan") or {}).get("batas_capaian")
    capaian = pos.where(up, neg).where(year["target"] > 0)
    year["capaian"] = capaian.clip(upper=cap) if cap is not None else capaian
    return year


@pytest.fixture
def city_copy(city, tmp_path):
    """A writable copy of the city's reports root (for tests that break it)."""
    agencies, root = city
    shutil.copytree(root, tmp_path / "reports")
    return agencies, tmp_path / "reports"
