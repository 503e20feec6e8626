"""lkjipkit: the yearly LKjIP of an Indonesian government agency, from data.

The public API is small: load a dataset, analyse a year, build the report.
"""

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from lkjipkit.errors import (
    BuildError,
    ChapterExecutionError,
    DatasetError,
    DatasetNotFoundError,
    LkjipError,
    Problem,
    YearError,
)

try:
    __version__ = version("lkjipkit")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

__all__ = [
    "BuildError",
    "ChapterExecutionError",
    "Dataset",
    "DatasetError",
    "DatasetNotFoundError",
    "LkjipError",
    "Problem",
    "YearError",
    "__version__",
    "load_dataset",
]


if TYPE_CHECKING:
    from lkjipkit.dataset import Dataset, load_dataset


def __getattr__(name: str) -> Any:
    """``Dataset`` and ``load_dataset`` are imported on first use: ``lkjip`` starts (and answers Ctrl-C) at once."""
    if name in ("Dataset", "load_dataset"):
        from lkjipkit import dataset

        return getattr(dataset, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
