"""The computed tables of one year as one Excel workbook, ``tabel.xlsx`` (``lkjip tables --format xlsx``).

The same tables and values as the CSV files of :mod:`lkjipkit.analysis.tables`, for analysts who open
them in Excel: a sheet per table (named like the CSV file), one header row of Indonesian labels
(:attr:`~lkjipkit.analysis.tables.OutputColumn.label`), frozen, with an autofilter. Numbers are real
number cells (16 significant digits, more than the 15 Excel keeps) with a display format: ``#,##0``
for Rupiah, ``0.00`` for percentages and points, which Excel shows in the user's locale
(``1.234.567`` and ``92,59`` in Indonesian). Yes / no are boolean cells. A text that Excel would take
for a formula gets Excel's quote prefix (as in the dataset workbook), so it stays text. The file is
written beside its target and then moved into place.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from lkjipkit.errors import BuildError
from lkjipkit.i18n import _

from .tables import OUTPUT_TABLES, OutputTable, looks_like_formula

WORKBOOK = "tabel.xlsx"

NUMBER_FORMATS = {
    "Rp": "#,##0",
    "%": "0.00",
    "poin persentase": "0.00",
    "poin": "0.00",
    "poin per tahun": "0.00",
    "tahun": "0",
    "jumlah": "#,##0",
}
"""Display format of a unit's number cells (Excel's codes: ``,`` thousands and ``.`` decimal, shown as the locale's)."""

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_ALIGN = Alignment(vertical="top", wrap_text=True)
_MIN_WIDTH, _MAX_WIDTH = 8, 60


def _cell_value(value: Any) -> Any:
    """A frame value as an openpyxl cell value: missing → empty, numpy scalars → Python numbers and booleans."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
        if isinstance(value, float) and value != value:
            return None
    return value


def _width(header: str, values: list[Any], number_format: str | None) -> float:
    """A column width that shows the header's longest word and most values, within bounds."""
    longest_word = max((len(w) for w in header.split()), default=0)
    shown = [len(f"{v:,.2f}") if isinstance(v, float) and number_format else len(str(v)) for v in values]
    shown = [n for n, v in zip(shown, values, strict=True) if v is not None]
    return float(min(_MAX_WIDTH, max(_MIN_WIDTH, longest_word + 2, *(n + 2 for n in shown[:500]))))


def _sheet(wb: Workbook, table: OutputTable, frame: pd.DataFrame) -> None:
    ws = wb.create_sheet(table.name)
    for j, col in enumerate(table.columns, start=1):
        cell = ws.cell(row=1, column=j, value=col.label)
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _HEADER_ALIGN
    for j, col in enumerate(table.columns, start=1):
        fmt = NUMBER_FORMATS.get(col.unit)
        values = [_cell_value(v) for v in frame[col.name].tolist()]
        for i, value in enumerate(values, start=2):
            cell = ws.cell(row=i, column=j, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # "=..." stays a string cell, never a formula
                if looks_like_formula(value):
                    cell.quotePrefix = True
            elif isinstance(value, int | float) and not isinstance(value, bool):
                if fmt is not None:
                    cell.number_format = fmt
                elif isinstance(value, float):
                    cell.number_format = "0.00"  # an IKU's unit: two decimals shown, full precision kept
        ws.column_dimensions[get_column_letter(j)].width = _width(col.label, values, fmt)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{max(1, len(frame) + 1)}"


def write_workbook(analysis, path: str | Path) -> Path:
    """Write ``tabel.xlsx``: a sheet per :data:`~lkjipkit.analysis.tables.OUTPUT_TABLES` entry, atomically.

    Raises
    ------
    BuildError
        ``path`` is an existing folder.
    """
    path = Path(path)
    if path.is_dir():
        raise BuildError(_("{path}: is a folder; expected the path of the tables workbook (.xlsx)").format(path=path))
    wb = Workbook()
    wb.remove(wb.active)
    for table in OUTPUT_TABLES:
        _sheet(wb, table, table.frame(analysis))
    wb.properties.title = "Tabel hasil analisis LKjIP"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.tmp-{uuid.uuid4().hex}"
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
