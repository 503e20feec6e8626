"""lkjipkit: the yearly LKjIP of an Indonesian government agency, from data.

The public API is small: load a dataset, analyse a year, build the report.
"""

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

    __version__: str


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("lkjipkit")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"


def __getattr__(name: str) -> Any:
    """``Dataset`` and ``load_dataset`` are imported on first use, ``__version__`` looked up on first use
    (importlib.metadata alone is most of what ``lkjip --help`` would import): ``lkjip`` starts (and answers
    Ctrl-C) at once."""
    if name == "__version__":
        globals()["__version__"] = value = _version()
        return value
    if name in ("Dataset", "load_dataset"):
        from lkjipkit import dataset

        return getattr(dataset, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
