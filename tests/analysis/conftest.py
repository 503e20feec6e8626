"""Fixtures of the analysis tests: the embedded dataset, and variants of it built in memory."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from lkjipkit.config import default_dataset
from lkjipkit.dataset import Dataset, load_dataset


@pytest.fixture(scope="session")
def ds() -> Dataset:
    """The embedded dataset (the seed's agency), loaded once. Do not modify it; use ``with_tables``."""
    return load_dataset(default_dataset())


def _with_tables(ds: Dataset, **tables: pd.DataFrame) -> Dataset:
    return dataclasses.replace(ds, tables={**ds.tables, **tables})


def _with_settings(ds: Dataset, **settings) -> Dataset:
    pengaturan = ds.profil.pengaturan.model_copy(update=settings)
    return dataclasses.replace(ds, profil=ds.profil.model_copy(update={"pengaturan": pengaturan}))


@pytest.fixture
def with_tables():
    """``with_tables(ds, name=frame, ...)``: a copy of the dataset with some tables replaced."""
    return _with_tables


@pytest.fixture
def with_settings():
    """``with_settings(ds, key=value, ...)``: a copy with some ``profil.pengaturan`` settings changed."""
    return _with_settings
