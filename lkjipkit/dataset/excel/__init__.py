"""Excel workbooks in and out: a dataset as one ``.xlsx`` file, the way analysts already work.

Three entry points:

* :func:`write_template` writes a dataset workbook, empty or pre-filled from a
  loaded dataset: a ``Petunjuk`` sheet explaining every sheet and column, the
  ``profil`` and ``laporan`` sheets (the two YAML files as key/value rows), and
  one sheet per table named as the table (``iku``, ``anggaran``, ...), with
  Indonesian labels, units, data validation and frozen headers.
* :func:`load_workbook_dataset` reads such a workbook into the same typed
  :class:`~lkjipkit.dataset.model.Dataset` the folder loader makes, with every
  problem located as ``sheet!cell`` (``anggaran!F23``).
* :func:`import_workbook` turns a workbook into a dataset folder (CSV + YAML)
  so the data can be versioned; :func:`write_dataset_folder` writes any loaded
  dataset as a folder.

Modules: :mod:`.layout` (sheet names, header rows, Indonesian labels),
:mod:`.keys` (the key paths of the ``profil``/``laporan`` sheets, both ways),
:mod:`.write` (the workbook), :mod:`.read` (workbook to Dataset),
:mod:`.folder` (Dataset to folder). docs/excel.md explains the workbook to users.
"""

from __future__ import annotations

from .folder import import_workbook, write_dataset_folder
from .layout import (
    FIRST_DATA_ROW,
    GUIDE_SHEET,
    LABEL_ROW,
    NAME_ROW,
    PROFILE_SHEET,
    REPORTS_SHEET,
    TABLE_TITLES,
    UNIT_ROW,
    ExcelError,
    column_hint,
)
from .read import load_workbook_dataset
from .write import write_template

__all__ = [
    "FIRST_DATA_ROW",
    "GUIDE_SHEET",
    "LABEL_ROW",
    "NAME_ROW",
    "PROFILE_SHEET",
    "REPORTS_SHEET",
    "TABLE_TITLES",
    "UNIT_ROW",
    "ExcelError",
    "column_hint",
    "import_workbook",
    "load_workbook_dataset",
    "write_dataset_folder",
    "write_template",
]
