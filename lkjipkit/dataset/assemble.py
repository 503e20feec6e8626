"""What the folder and the workbook loaders share: empty tables, the fingerprint, the final checks.

Both loaders (:mod:`lkjipkit.dataset.loader` for folders,
:mod:`lkjipkit.dataset.excel.read` for workbooks) import from here; this module
imports neither, so the two never import each other's internals.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from lkjipkit.errors import DatasetError

from .io import PANDAS_DTYPES, locked
from .model import Dataset
from .rules import RULES
from .spec import Table


def empty_table(table: Table) -> pd.DataFrame:
    """A table with the declared columns and no rows (an optional file that is absent)."""
    frame = pd.DataFrame({c.name: pd.Series(dtype=PANDAS_DTYPES[c.type]) for c in table.columns})
    frame.insert(0, "_row", pd.Series(dtype="int64"))
    return frame


def fingerprint(path: Path) -> str:
    """SHA-256 of every regular file of a dataset folder (names and bytes), or of a workbook.

    Raises
    ------
    DatasetError
        A file cannot be read (locked by another program, no permission).
    """
    h = hashlib.sha256()
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for f in files:
        rel = f.name if path.is_file() else f.relative_to(path).as_posix()
        try:
            data = f.read_bytes()
        except PermissionError:
            raise DatasetError([locked(rel)], source=str(path)) from None
        h.update(rel.encode() + b"\0" + data + b"\0")
    return h.hexdigest()


def finish(*, source, profil, reports, tables, problems, lines, fingerprint) -> Dataset:
    """Run the cross-table rules (when the parts they need loaded) and build the Dataset.

    Shared by the folder and the workbook loaders.
    """
    if profil is not None and reports is not None:
        ds = Dataset(
            source=source,
            profil=profil,
            laporan={r.tahun: r for r in reports.laporan},
            tables=tables,
            fingerprint=fingerprint,
            yaml_lines=lines,
        )
        for rule in RULES:
            problems += rule.check(ds)
        if not problems:
            return ds
    raise DatasetError(problems, source=str(source))
