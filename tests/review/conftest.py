"""Fixtures of the review tests: the clean synthetic dataset (review_data.py) and a loader for it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from review_data import Data

from lkjipkit.dataset import load_dataset


@pytest.fixture
def data() -> Data:
    """A fresh, editable copy of the clean synthetic dataset."""
    return Data()


@pytest.fixture
def load(tmp_path: Path) -> Callable[[Data], object]:
    """Write a Data into a temporary folder and load it (load errors fail the test)."""
    counter = iter(range(1000))

    def _load(d: Data):
        return load_dataset(d.write(tmp_path / f"ds{next(counter)}"))

    return _load
