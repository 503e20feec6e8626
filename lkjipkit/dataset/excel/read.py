"""Reading a dataset workbook into a Dataset, every problem located as ``sheet!cell``."""

from __future__ import annotations

import datetime as dt
import re
import stat
import warnings
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
from defusedxml import DefusedXmlException, ElementTree
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles.numbers import is_date_format
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import BaseModel, ValidationError

from lkjipkit.errors import DatasetError, DatasetNotFoundError, Problem
from lkjipkit.i18n import _

from .. import limits
from ..assemble import empty_table, fingerprint, finish
from ..io import NumberError, describe_expected, locked, parse_cell, typed_frame, visible
from ..model import Dataset
from ..profile import DaftarLaporan, Profil
from ..schema import validate_frame
from ..spec import PROFILE_FILE, REPORTS_FILE, TABLES, Column, Table
from .keys import nest, pydantic_problems
from .layout import (
    CHOICE_CODES,
    HEADER_SCAN,
    KEY_HEADER,
    NUMERIC,
    PROFILE_SHEET,
    REPORTS_SHEET,
    VALUE_HEADER,
    plain_number,
)


def load_workbook_dataset(path: str | Path) -> Dataset:
    """Load and validate a dataset workbook (``.xlsx`` / ``.xlsm``).

    Every table becomes the same typed DataFrame the folder loader makes; its
    ``_row`` is the sheet row. All problems are reported at once, located as
    ``sheet!cell``.

    Raises
    ------
    DatasetNotFoundError
        The path does not exist.
    DatasetError
        The workbook cannot be read, or anything in it is wrong.
    """
    path = Path(path)
    if not path.exists():
        raise DatasetNotFoundError(_("{path}: no such file").format(path=path))
    _check_file(path)
    _check_merged(path)
    values, formulas = _open(path)
    problems: list[Problem] = []
    titles: dict[str, str] = {}  # lower-case name -> sheet title
    for ws in values.worksheets:
        name = ws.title.strip().lower()
        if name in titles:
            problems.append(
                Problem(
                    ws.title,
                    None,
                    None,
                    _("a second sheet named like {sheet}; expected one sheet per name").format(
                        sheet=repr(titles[name])
                    ),
                )
            )
        else:
            titles[name] = ws.title

    def sheet(name: str) -> tuple[Worksheet, Worksheet] | None:
        title = titles.get(name)
        return None if title is None else (values[title], formulas[title])

    kv_value_letter: dict[str, tuple[str, str]] = {}
    parsed: dict[str, Any] = {}
    lines: dict[str, dict[tuple, int]] = {}
    for file, name, model in ((PROFILE_FILE, PROFILE_SHEET, Profil), (REPORTS_FILE, REPORTS_SHEET, DaftarLaporan)):
        pair = sheet(name)
        if pair is None:
            problems.append(
                Problem(
                    name,
                    None,
                    None,
                    _("missing sheet; every dataset needs it (what {file} holds in a dataset folder)").format(
                        file=file
                    ),
                )
            )
            parsed[file], lines[file] = None, {}
            continue
        parsed[file], lines[file], letter, p = _read_kv(*pair, model)
        kv_value_letter[file] = (pair[0].title, letter)
        problems += p

    tables: dict[str, pd.DataFrame] = {}
    located: dict[str, tuple[str, dict[str, str]]] = {}
    for table in TABLES:
        pair = sheet(table.name)
        frame = None
        if pair is None:
            if table.required:
                problems.append(
                    Problem(
                        table.name,
                        None,
                        None,
                        _("missing sheet; expected {description}").format(description=_(table.description).rstrip(".")),
                    )
                )
        else:
            frame, letters, p = _read_table(*pair, table)
            problems += p
            located[table.name] = (pair[0].title, letters)
            if frame is not None:
                problems += validate_frame(table.name, frame, table.file)
        tables[table.name] = frame if frame is not None else empty_table(table)

    relocate = _Relocator(located, kv_value_letter, titles)
    try:
        ds = finish(
            source=path,
            profil=parsed[PROFILE_FILE],
            reports=parsed[REPORTS_FILE],
            tables=tables,
            problems=problems,
            lines=lines,
            fingerprint=fingerprint(path),
        )
    except DatasetError as exc:
        raise DatasetError([relocate(p) for p in exc.problems], source=str(path)) from None
    ds.locate = relocate  # the review's findings, too, point at Sheet!Cell
    return ds


def _check_file(path: Path) -> None:
    """Refuse what is not a regular workbook file within the size limit; warn when Excel has it open."""
    st = path.stat()
    problem = None
    if not stat.S_ISREG(st.st_mode):
        problem = _("this is not a regular file (a FIFO, a device or a folder); expected an Excel .xlsx file")
    elif st.st_size > limits.FILE_BYTES.value:
        problem = limits.FILE_BYTES.exceeded(_("the workbook has {n} bytes").format(n=limits.count(st.st_size)))
    if problem:
        raise DatasetError([Problem(path.name, None, None, problem)], source=str(path))
    owner = path.with_name("~$" + path.name)
    if owner.exists():
        warnings.warn(
            _(
                "{path}: {owner} exists, so the workbook is open in Excel, perhaps with unsaved edits; "
                "what is read is the last saved version: save in Excel first"
            ).format(path=path, owner=owner.name),
            UserWarning,
            stacklevel=3,
        )


_PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _check_merged(path: Path) -> None:
    """Refuse merged ranges that cover more than :data:`limits.MERGED_CELLS` cells, before openpyxl reads them.

    openpyxl makes an object for every cell of a merged range, so one range such as ``A1:XFD1048576``
    in a small file would take the machine's memory and hours. The worksheets' ``mergeCell``
    elements are read first, as a stream; a file that is no workbook is left to :func:`_open` to report.
    """
    try:
        book = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return
    limit, total = limits.MERGED_CELLS.value, 0
    with book:
        for part, sheet in _worksheet_parts(book).items():
            try:
                with book.open(part) as stream:
                    for _event, element in ElementTree.iterparse(stream):
                        if element.tag.endswith("}mergeCell") and element.get("ref"):
                            ref = element.get("ref", "")
                            try:
                                min_col, min_row, max_col, max_row = range_boundaries(ref)
                            except (ValueError, TypeError):
                                continue  # openpyxl reports what it cannot read
                            total += (max_col - min_col + 1) * (max_row - min_row + 1)
                            if total > limit:
                                found = _("merged cells up to range {range} cover {n} cells").format(
                                    range=ref, n=limits.count(total)
                                )
                                raise DatasetError(
                                    [Problem(sheet, min_row, None, limits.MERGED_CELLS.exceeded(found), cell=ref)],
                                    source=str(path),
                                )
                        element.clear()
            except (ElementTree.ParseError, DefusedXmlException, KeyError, zipfile.BadZipFile):
                continue  # the same: _open says what is wrong with the file


def _worksheet_parts(book: zipfile.ZipFile) -> dict[str, str]:
    """The worksheet XML parts of a workbook file and their sheet names (``xl/worksheets/sheet1.xml``: ``iku``)."""
    try:
        sheets = ElementTree.fromstring(book.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError, DefusedXmlException):
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PACKAGE_RELS}Relationship")}
    parts = {}
    for sheet in sheets.iter():
        if sheet.tag.endswith("}sheet"):
            target = targets.get(sheet.get(f"{_DOC_RELS}id"), "")
            part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            if part in book.namelist():
                parts[part] = sheet.get("name", part)
    return parts


def _open(path: Path) -> tuple[Any, Any]:
    """The workbook twice: with the saved formula results, and with the formulas themselves."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about Excel features it drops; we only read
            values = load_workbook(path, data_only=True, keep_links=False)
            formulas = load_workbook(path, data_only=False, keep_links=False)
    except PermissionError:
        raise DatasetError([locked(path.name)], source=str(path)) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        raise DatasetError(
            [
                Problem(
                    path.name,
                    None,
                    None,
                    _(
                        "cannot read the workbook ({error}); expected an Excel .xlsx file "
                        "(not .xls, not password-protected)"
                    ).format(error=f"{exc.__class__.__name__}: {exc}"),
                )
            ],
            source=str(path),
        ) from None
    return values, formulas


class _CellError(ValueError):
    """A cell that cannot be read at all (a formula without result, an error value)."""


def _raw(cell: Cell, formula_ws: Worksheet) -> Any:
    """The value of a cell: the saved result of a formula; an error for a missing result or an error value."""
    v = cell.value
    if v is None:
        f = formula_ws.cell(row=cell.row, column=cell.column)
        if f.data_type == "f" or (isinstance(f.value, str) and f.value.startswith("=")):
            formula = f.value if isinstance(f.value, str) else getattr(f.value, "text", "") or _("a formula")
            raise _CellError(
                _(
                    "the formula {formula} has no saved result; open and save the workbook in Excel or LibreOffice "
                    "so the result is stored, or type the value"
                ).format(formula=formula)
            )
        return None
    if cell.data_type == "e":
        f = formula_ws.cell(row=cell.row, column=cell.column)
        if is_date_format(cell.number_format) and not (
            f.data_type == "f" or (isinstance(f.value, str) and f.value.startswith("="))
        ):
            raise _CellError(
                _(
                    "a number in a cell formatted as a date, outside the dates Excel knows (20170201 is not "
                    "2017-02-01 to Excel); expected a value: type the date as a date, or set the cell format "
                    "to Number or General"
                )
            )
        raise _CellError(_("the formula result is the error {error}; expected a value").format(error=v))
    return v


def _typed(col: Column, cell: Cell, v: Any) -> Any:
    """Turn one cell's value into the typed value of its column, or raise ValueError (found vs expected)."""
    if isinstance(v, bool):
        raise ValueError(_("found {found}; expected {what}").format(found=str(v).upper(), what=describe_expected(col)))
    if isinstance(v, dt.datetime | dt.date | dt.time | dt.timedelta):
        if col.type in ("text", "code", "choice") and isinstance(v, dt.date):
            return parse_cell(col, (v.date() if isinstance(v, dt.datetime) else v).isoformat(), "id")
        raise ValueError(
            _("found a date or time ({found}); expected {what} - set the cell format to Number or General").format(
                found=v, what=describe_expected(col)
            )
        )
    if isinstance(v, int | float):
        if col.type in NUMERIC:
            if col.type == "percent" and "%" in (cell.number_format or ""):
                return float(Decimal(repr(float(v))) * 100)  # Excel's 0.9259 shown as 92,59 %
            return float(v)
        if col.type in ("int", "year"):
            if not float(v).is_integer():
                what = _("a four-digit year") if col.type == "year" else _("a whole number")
                raise ValueError(_("expected {what}; found {text}").format(what=what, text=repr(v)))
            return parse_cell(col, str(int(v)), "id")
        return parse_cell(col, plain_number(v), "id")
    text = str(v)
    if col.type == "choice":
        text = CHOICE_CODES.get(text.strip(), text)  # the drop-down's readable label, as its code
    if col.type in NUMERIC:
        try:
            return parse_cell(col, text, "id")
        except ValueError as exc:
            hint = exc.hint if isinstance(exc, NumberError) else ""
            raise ValueError(
                _(
                    "expected a number; found the text {text}, which is not a number in the Indonesian format "
                    "(1.234.567,89 or 92,59){hint}: type it as a number, or in that format"
                ).format(text=repr(text.strip()), hint=hint)
            ) from None
    return parse_cell(col, text, "id")


def _below_header(n: int) -> str:
    return _("{n} rows below the header").format(n=limits.count(n))


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not visible(v))


def _extent(ws: Worksheet) -> tuple[int, int]:
    """The last row and column that hold a value (or a formula).

    ``ws.max_row`` counts cells that only carry a format: one formatted cell at
    row 1 048 576 would make every loop below walk (and create) a million rows.
    openpyxl keeps the cells it read in ``ws._cells``, so the real extent costs
    one pass over them.
    """
    rows, cols = [0], [0]
    for (r, c), cell in ws._cells.items():
        if cell.value is not None:
            rows.append(r)
            cols.append(c)
    return max(rows), max(cols)


def _find_header(ws: Worksheet, known: set[str]) -> tuple[int | None, int]:
    """The row among the first ones holding the most known names (the last such row on a tie)."""
    best, best_hits = None, 0
    last_row, last_col = _extent(ws)
    rows = ws.iter_rows(min_row=1, max_row=min(HEADER_SCAN, last_row), max_col=max(last_col, 1), values_only=True)
    for r, row in enumerate(rows, 1):
        hits = sum(isinstance(v, str) and v.strip().lower() in known for v in row)
        if hits and hits >= best_hits:
            best, best_hits = r, hits
    return best, best_hits


def _merged(ws: Worksheet, from_row: int) -> tuple[list[Problem], set[str]]:
    """Merged ranges in or below the header row: their problems, and the cells they hide (all but the first).

    Reading goes on, so every other problem is reported too; the hidden cells
    (empty in a merged range) are not reported again.
    """
    problems, hidden = [], set()
    for rng in sorted(ws.merged_cells.ranges, key=lambda m: (m.min_row, m.min_col)):
        if rng.max_row < from_row:
            continue  # a title above the header
        problems.append(
            Problem(
                ws.title,
                rng.min_row,
                None,
                _("merged cells; expected one value per cell: unmerge them and type the value in each cell"),
                cell=rng.coord,
            )
        )
        hidden |= {f"{get_column_letter(c)}{r}" for r, c in rng.cells} - {rng.start_cell.coordinate}
    return problems, hidden


def _read_table(
    ws: Worksheet, formulas: Worksheet, table: Table
) -> tuple[pd.DataFrame | None, dict[str, str], list[Problem]]:
    """Read one table sheet: (typed frame or None, {column name: letter}, problems)."""
    title = ws.title
    known = {c.name for c in table.columns}
    expected = ", ".join(c.name for c in table.columns if c.required)
    header, _hits = _find_header(ws, known)
    if header is None:
        what = _("the sheet is empty") if _extent(ws) == (0, 0) else _("no header row")
        return (
            None,
            {},
            [
                Problem(
                    title,
                    None,
                    None,
                    _("{what}; expected a row (within the first {n}) with the column names: {columns}").format(
                        what=what, n=HEADER_SCAN, columns=expected
                    ),
                )
            ],
        )
    merged, hidden = _merged(ws, header)
    problems: list[Problem] = []
    index: dict[str, int] = {}
    unnamed: list[int] = []
    last_row, last_col = _extent(ws)
    if last_row - header > limits.ROWS.value:
        return (
            None,
            {},
            [Problem(title, None, None, limits.ROWS.exceeded(_below_header(last_row - header)))],
        )
    for cell in next(ws.iter_rows(min_row=header, max_row=header, max_col=last_col)):
        v = cell.value
        if _blank(v):
            unnamed.append(cell.column)
            continue
        name = str(v).strip().lower()
        if name not in known:
            problems.append(
                Problem(
                    title,
                    header,
                    str(v).strip(),
                    _("unknown column; expected one of: {columns}").format(columns=", ".join(sorted(known))),
                    cell=cell.coordinate,
                )
            )
        elif name in index:
            first = get_column_letter(index[name])
            problems.append(
                Problem(
                    title,
                    header,
                    name,
                    _("column appears twice (also in {cell})").format(cell=f"{first}{header}"),
                    cell=cell.coordinate,
                )
            )
        else:
            index[name] = cell.column
    for col in table.columns:
        if col.required and col.name not in index:
            message = _("missing column {name} ({type}: {description})").format(
                name=col.name, type=col.type, description=_(col.description)
            )
            problems.append(Problem(title, None, None, message))
    letters = {name: get_column_letter(j) for name, j in index.items()}
    if problems:
        return None, letters, merged + problems

    records: list[dict[str, Any]] = []
    for row in ws.iter_rows(min_row=header + 1, max_row=last_row, max_col=last_col):
        r = row[0].row
        by_col = {c.column: c for c in row}
        raw: dict[str, Any] = {}
        bad: list[Problem] = []
        for name, j in index.items():
            cell = by_col.get(j) or ws.cell(row=r, column=j)
            try:
                raw[name] = _raw(cell, formulas)
            except _CellError as exc:
                bad.append(Problem(title, r, name, str(exc), cell=cell.coordinate))
                raw[name] = None
        if all(_blank(v) for v in raw.values()) and not bad:
            strays = [by_col[j] for j in unnamed if j in by_col and not _blank(by_col[j].value)]
            if not strays:
                continue  # an empty row
        for j in unnamed:
            c = by_col.get(j)
            if c is not None and not _blank(c.value):
                bad.append(
                    Problem(
                        title,
                        r,
                        None,
                        _(
                            "a value in a column without a name in row {row}; expected one of the columns "
                            "{columns}, or an empty cell"
                        ).format(row=header, columns=", ".join(c.name for c in table.columns)),
                        cell=c.coordinate,
                    )
                )
        problems += bad
        rec: dict[str, Any] = {"_row": r}
        for col in table.columns:
            j = index.get(col.name)
            value = None
            if j is not None and not _blank(raw[col.name]):
                cell = by_col.get(j) or ws.cell(row=r, column=j)
                try:
                    value = _typed(col, cell, raw[col.name])
                except ValueError as exc:
                    problems.append(Problem(title, r, col.name, str(exc), cell=cell.coordinate))
            elif j is not None and not col.nullable and not any(p.column == col.name for p in bad):
                coord = f"{letters[col.name]}{r}"
                message = _("empty; expected {what}").format(what=describe_expected(col))
                problems.append(Problem(title, r, col.name, message, cell=coord))
            rec[col.name] = value
        records.append(rec)

    return typed_frame(table, records), letters, merged + [p for p in problems if p.cell not in hidden]


# ---- key/value sheets

_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.([A-Za-z_][A-Za-z0-9_]*|[0-9]+))*$")


def _kv_text(cell: Cell, v: Any) -> str:
    """A key/value cell as the text pydantic parses (numbers without .0, dates as YYYY-MM-DD)."""
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time(0) else v.isoformat()
    if isinstance(v, dt.date | dt.time):
        return v.isoformat()
    if isinstance(v, int | float):
        return plain_number(v)
    return str(v)


def _read_kv(
    ws: Worksheet, formulas: Worksheet, model: type[BaseModel]
) -> tuple[BaseModel | None, dict[tuple, int], str, list[Problem]]:
    """Read a key/value sheet into a validated model: (model or None, {path: row}, value letter, problems)."""
    title = ws.title
    header, hits = _find_header(ws, {KEY_HEADER, VALUE_HEADER})
    if header is None or hits < 2:
        msg = _("no header row; expected a row (within the first {n}) with '{key}' and '{value}'").format(
            n=HEADER_SCAN, key=KEY_HEADER, value=VALUE_HEADER
        )
        return None, {}, "B", [Problem(title, None, None, msg)]
    merged, hidden = _merged(ws, header)
    last_row, last_col = _extent(ws)
    if last_row - header > limits.ROWS.value:
        msg = limits.ROWS.exceeded(_below_header(last_row - header))
        return None, {}, "B", [Problem(title, None, None, msg)]
    header_cells = next(ws.iter_rows(min_row=header, max_row=header, max_col=last_col))
    cols = {str(c.value).strip().lower(): c.column for c in header_cells if isinstance(c.value, str)}
    kj, vj = cols[KEY_HEADER], cols[VALUE_HEADER]
    kletter, vletter = get_column_letter(kj), get_column_letter(vj)
    problems: list[Problem] = []
    entries: list[tuple[tuple, Any, int]] = []
    first_row: dict[str, int] = {}
    key_rows: dict[str, int] = {}
    for r in range(header + 1, last_row + 1):
        kcell, vcell = ws.cell(row=r, column=kj), ws.cell(row=r, column=vj)
        try:
            key, value = _raw(kcell, formulas), _raw(vcell, formulas)
        except _CellError as exc:
            problems.append(Problem(title, r, None, str(exc), cell=f"{kletter}{r}:{vletter}{r}"))
            continue
        if _blank(key):
            if not _blank(value):
                problems.append(
                    Problem(
                        title,
                        r,
                        None,
                        _("a value without a key; expected a key in {cell}").format(cell=kcell.coordinate),
                        cell=vcell.coordinate,
                    )
                )
            continue
        key = str(key).strip()
        if not _KEY.match(key):
            problems.append(
                Problem(
                    title,
                    r,
                    None,
                    _("found the key {key}; expected a key path such as instansi.nama or misi.1").format(key=repr(key)),
                    cell=kcell.coordinate,
                )
            )
            continue
        key_rows.setdefault(".".join(str(int(s)) if s.isdigit() else s for s in key.split(".")), r)
        if key in first_row:
            problems.append(
                Problem(
                    title,
                    r,
                    key,
                    _("key given twice (first in row {row}); expected it once").format(row=first_row[key]),
                    cell=kcell.coordinate,
                )
            )
            continue
        first_row[key] = r
        if _blank(value):
            continue  # not filled in: the default applies
        segs = tuple(int(s) if s.isdigit() else s for s in key.split("."))
        if any(isinstance(s, int) and s < 1 for s in segs):
            message = _("list items are numbered from 1; found 0")
            problems.append(Problem(title, r, key, message, cell=kcell.coordinate))
            continue
        entries.append((segs, _kv_text(vcell, value), r))
    lines: dict[tuple, int] = {}
    data = nest(entries, (), lines, problems, title, kletter)
    problems = merged + [p for p in problems if p.cell not in hidden]
    if problems:
        return None, lines, vletter, problems
    if not isinstance(data, dict):
        data = {}
    try:
        return model.model_validate(data), lines, vletter, []
    except ValidationError as exc:
        return None, lines, vletter, pydantic_problems(exc, lines, key_rows, title, kletter, vletter)


class _Relocator:
    """Turn the problems of the shared checks (which name CSV and YAML files) into sheet!cell locations."""

    def __init__(self, tables: dict[str, tuple[str, dict[str, str]]], kv: dict[str, tuple[str, str]], titles: dict):
        self.tables = {f"{name}.csv": loc for name, loc in tables.items()}
        self.kv = kv
        names = {t.file: titles.get(t.name, t.name) for t in TABLES}
        names[PROFILE_FILE] = titles.get(PROFILE_SHEET, PROFILE_SHEET)
        names[REPORTS_FILE] = titles.get(REPORTS_SHEET, REPORTS_SHEET)
        self.names = names
        self.pattern = re.compile("|".join(re.escape(f) for f in sorted(names, key=len, reverse=True)))

    def _message(self, text: str) -> str:
        return self.pattern.sub(lambda m: _("sheet {name}").format(name=self.names[m.group(0)]), text)

    def __call__(self, p: Problem) -> Problem:
        if p.cell is not None or p.file not in self.names:
            return p  # located by this module already
        msg = self._message(p.message)
        if p.file in self.tables:
            title, letters = self.tables[p.file]
            letter = letters.get(p.column or "")
            if p.row is not None and letter:
                return Problem(title, p.row, p.column, msg, cell=f"{letter}{p.row}")
            if p.row is not None:
                return Problem(title, p.row, p.column, msg, cell=f"{p.row}:{p.row}")
            return Problem(title, None, None, f"{p.column}: {msg}" if p.column else msg)
        if p.file in self.kv:
            title, vletter = self.kv[p.file]
            if p.row is not None:
                return Problem(title, p.row, p.column, msg, cell=f"{vletter}{p.row}")
            return Problem(title, None, None, f"{p.column}: {msg}" if p.column else msg)
        return Problem(self.names[p.file], p.row, p.column, msg)
