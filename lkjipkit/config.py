"""Every path lkjipkit uses, derived from one place.

The embedded default dataset is found from the package, never from the
current working folder, so notebooks run from anywhere (JupyterLab, papermill,
a test's temporary folder).
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
#: The source checkout, when the package runs from one (an editable install).
PROJECT_ROOT = PACKAGE_DIR.parent
DEFAULT_DATASET_NAME = "balikpapan-disnakersos"
#: The folder of a dataset holding its own wording of the generated sentences (``DATASET/teks/*.j2``).
WORDING_FOLDER = "teks"


def _first_existing(*candidates: Path) -> Path:
    for c in candidates:
        if c.exists():
            return c
    return candidates[0]


def data_dir() -> Path:
    """Folder of the datasets shipped with lkjipkit."""
    return _first_existing(PROJECT_ROOT / "data", PACKAGE_DIR / "_data")


def default_dataset() -> Path:
    """The embedded dataset (the agency of the seed report); ``LKJIP_DATASET`` overrides it."""
    env = os.environ.get("LKJIP_DATASET")
    return Path(env) if env else data_dir() / DEFAULT_DATASET_NAME


def notebooks_dir() -> Path:
    """Folder of the chapter notebooks."""
    return _first_existing(PROJECT_ROOT / "notebooks", PACKAGE_DIR / "_notebooks")


def reports_dir() -> Path:
    """Default root of built reports: ``reports/`` of the checkout, else of the working folder."""
    root = PROJECT_ROOT / "reports"
    return root if root.is_dir() else Path.cwd() / "reports"


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity where the system tells, else all of them; at least 1)."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, cpus)
