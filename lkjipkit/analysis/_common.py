"""Helpers shared by the analysis modules: clean inputs, year checks, settings, exact sums."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from lkjipkit.dataset import TABLE_BY_NAME, Dataset
from lkjipkit.errors import DatasetError, Problem, YearError
from lkjipkit.i18n import _

from .capaian import Scale, load_scale, regulation_scale, scale_from_bands


def inputs(ds: Dataset, name: str) -> pd.DataFrame:
    """A dataset table ready to compute with: a copy without ``_row`` and without the
    ``*_tercetak`` (as printed) columns, which are never an input to a computation."""
    frame = ds.tables[name]
    printed = [c.name for c in TABLE_BY_NAME[name].columns if c.as_printed]
    drop = [c for c in ("_row", *printed) if c in frame.columns]
    return frame.drop(columns=drop).copy()


def years_in(ds: Dataset, name: str) -> list[int]:
    """Years that have at least one row in a yearly table, ascending."""
    col = ds.tables[name]["tahun"]
    return sorted({int(y) for y in col.dropna()})


def as_year(year) -> int:
    """A year as int, or a YearError saying what was expected."""
    try:
        if isinstance(year, bool):
            raise TypeError
        y = int(year)
        if y != float(year):
            raise ValueError
    except (TypeError, ValueError):
        raise YearError(
            _("year {year} is not a year; expected a four-digit number such as 2016").format(year=repr(year))
        ) from None
    return y


def require_year(ds: Dataset, year, *tables: str) -> int:
    """The year as int when every named table has rows for it; otherwise a YearError naming the years there are."""
    y = as_year(year)
    for name in tables:
        have = years_in(ds, name)
        if y not in have:
            listed = ", ".join(map(str, have)) or _("none")
            raise YearError(
                _("{source}: no data for year {year} in {file} (years there: {years})").format(
                    source=ds.source, year=y, file=f"{name}.csv", years=listed
                )
            )
    return y


def dataset_scale(ds: Dataset, year: int) -> Scale:
    """The category scale of a report year: the one the dataset names
    (``profil.pengaturan.skala_kategori``), else that of the regulation in force for the year.

    Raises
    ------
    DatasetError
        The setting names a scale that is not shipped; the problem points at profil.yaml.
    """
    setting = ds.profil.pengaturan.skala_kategori
    if setting is None:
        return regulation_scale(year)
    if not isinstance(setting, str):
        return scale_from_bands(setting, name="profil.yaml")
    try:
        return load_scale(setting)
    except KeyError as exc:
        line = ds.yaml_lines.get("profil.yaml", {}).get(("pengaturan", "skala_kategori"))
        problem = Problem("profil.yaml", line, "pengaturan.skala_kategori", str(exc.args[0]))
        raise DatasetError([problem], source=str(ds.source)) from None


def dataset_cap(ds: Dataset) -> float | None:
    """The capaian cap the dataset chooses (``profil.pengaturan.batas_capaian``); None: no cap."""
    return ds.profil.pengaturan.batas_capaian


def floats(series: pd.Series) -> pd.Series:
    """A numeric column as plain float64 with NaN for missing (nullable dtypes included)."""
    return pd.Series(series.astype("Float64").to_numpy(dtype="float64", na_value=np.nan), index=series.index)


def _present(values) -> np.ndarray:
    """The non-missing values of a Series or array-like as float64."""
    if isinstance(values, pd.Series | pd.Index):
        arr = values.to_numpy(dtype="float64", na_value=np.nan)
    else:
        items = np.ravel(values) if isinstance(values, np.ndarray) else list(values)
        arr = np.array([np.nan if v is None or v is pd.NA else v for v in items], dtype="float64")
    return arr[~np.isnan(arr)]


def fsum(values) -> float:
    """Exactly rounded sum of the non-missing values (so the result never depends on row
    order); NaN when every value is missing.

    ``values`` is a Series, an array or any iterable of numbers, None and NA. This is the
    one exact sum of the package: the report's totals rows and the review's sums use it too.
    """
    arr = _present(values)
    if arr.size == 0:
        return math.nan
    return math.fsum(arr)


def fmean(values) -> float:
    """Mean of the non-missing values via an exact sum; NaN when none."""
    arr = _present(values)
    if arr.size == 0:
        return math.nan
    return math.fsum(arr) / arr.size


def text(series: pd.Series) -> pd.Series:
    """A column as pandas ``string`` dtype (so pandas 2.2 and 3 write it alike)."""
    return series.astype("string")


def order_by(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """Sort by the given columns (missing values last), stable, with a fresh index."""
    cols = [c for c in columns if c in frame.columns]
    if not cols:
        return frame.reset_index(drop=True)
    return frame.sort_values(cols, kind="mergesort", na_position="last").reset_index(drop=True)
