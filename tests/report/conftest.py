"""Fixtures of the report tests: the synthetic second dataset."""

from __future__ import annotations

from pathlib import Path

import pytest

KOTA_CONTOH = Path(__file__).resolve().parent.parent / "data" / "kota-contoh"


@pytest.fixture(scope="session")
def kota_contoh_path() -> Path:
    return KOTA_CONTOH
