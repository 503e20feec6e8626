"""Shared fixtures: the embedded dataset and copies of it to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lkjipkit.config import default_dataset

SEED = default_dataset()


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
