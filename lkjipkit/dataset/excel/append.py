"""Adding rows and keys to an existing dataset workbook (``lkjip new-year`` on a ``.xlsx``).

The workbook is opened with openpyxl and saved atomically; every row already there stays as it was.
A new table row takes the formatting of the row above it (or the column's format below the header);
drop-downs and validations of the template cover whole columns, so they apply to the new rows too.
"""

from __future__ import annotations

from copy import copy
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from lkjipkit.i18n import _

from ..spec import TABLE_BY_NAME
from .layout import KEY_HEADER, ExcelError
from .read import _extent, _find_header
from .write import _excel_value, _put, _save_atomic


def _sheet(wb, name: str, path: Path) -> Worksheet:
    for ws in wb.worksheets:
        if ws.title.strip().lower() == name:
            return ws
    raise ExcelError(
        _("{path}: no sheet {sheet}; expected the sheets of lkjip template").format(path=path, sheet=repr(name))
    )


def _copy_style(src, dst) -> None:
    if src.has_style:
        dst._style = copy(src._style)


def add_rows(ws: Worksheet, table: str, rows: list[dict[str, Any]]) -> int:
    """Append ``rows`` below the last filled row of a table sheet; columns found by their names in the header."""
    spec = TABLE_BY_NAME[table]
    header, _unused = _find_header(ws, {c.name for c in spec.columns})
    if header is None:
        raise ExcelError(
            _("{sheet}: no row of column names; expected the header of lkjip template").format(sheet=ws.title)
        )
    columns = {str(c.value).strip(): c.column for c in ws[header] if c.value is not None}
    last = max(_extent(ws)[0], header)
    for i, row in enumerate(rows, start=1):
        r = last + i
        for col in spec.columns:
            j = columns.get(col.name)
            if j is None:
                continue
            cell = ws.cell(row=r, column=j)
            if last > header:
                _copy_style(ws.cell(row=last, column=j), cell)
            _put(cell, _excel_value(col, row.get(col.name)), f"{ws.title}!{get_column_letter(j)}{r}")
    if ws.auto_filter.ref:
        first = ws.auto_filter.ref.split(":")[0]
        ws.auto_filter.ref = f"{first}:{get_column_letter(ws.max_column)}{last + len(rows)}"
    return len(rows)


def set_keys(ws: Worksheet, values: dict[str, Any]) -> None:
    """Set key → value on a key/value sheet (``profil``, ``laporan``): in the key's row, else in a new last row."""
    header, _unused = _find_header(ws, {KEY_HEADER})
    start = (header or 1) + 1
    rows = {str(ws.cell(r, 1).value).strip(): r for r in range(start, _extent(ws)[0] + 1) if ws.cell(r, 1).value}
    last = max(_extent(ws)[0], start - 1)
    for key, value in values.items():
        r = rows.get(key)
        if r is None:
            last += 1
            r = rows[key] = last
            for j in (1, 2, 3):
                _copy_style(ws.cell(row=last - 1, column=j), ws.cell(row=last, column=j))
            ws.cell(row=r, column=1, value=key)
        cell = ws.cell(row=r, column=2)
        _put(cell, value, f"{ws.title}!B{r}")
        if hasattr(value, "year"):
            cell.number_format = "yyyy-mm-dd"


def keys(ws: Worksheet) -> dict[str, Any]:
    """Every key of a key/value sheet with its value."""
    header, _unused = _find_header(ws, {KEY_HEADER})
    return {
        str(ws.cell(r, 1).value).strip(): ws.cell(r, 2).value
        for r in range((header or 1) + 1, _extent(ws)[0] + 1)
        if ws.cell(r, 1).value
    }


def update_workbook(
    path: str | Path, rows: dict[str, list[dict[str, Any]]], kv: dict[str, dict[str, Any]]
) -> dict[str, int]:
    """Append table rows (``{"anggaran": [...]}``) and set keys (``{"laporan": {"laporan.2.tahun": 2017}}``).

    Returns the number of rows added per sheet; saves atomically (nothing changes on an error).
    """
    path = Path(path)
    wb = load_workbook(path, keep_vba=path.suffix.lower() == ".xlsm")
    added = {table: add_rows(_sheet(wb, table, path), table, new) for table, new in rows.items() if new}
    for sheet, values in kv.items():
        set_keys(_sheet(wb, sheet, path), values)
    _save_atomic(wb, path)
    return added
