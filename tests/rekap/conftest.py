"""A generated city of 40 agencies, with what each build writes beside its report (no notebooks run)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

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


@pytest.fixture
def city_copy(city, tmp_path):
    """A writable copy of the city's reports root (for tests that break it)."""
    agencies, root = city
    shutil.copytree(root, tmp_path / "reports")
    return agencies, tmp_path / "reports"
