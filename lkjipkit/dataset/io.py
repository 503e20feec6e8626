"""Reading the files of a dataset into typed pandas tables, with located errors.

CSV files may come from a text editor or from Excel in an Indonesian locale:
UTF-8 with or without BOM, or Windows-1252; separated by ``,``, ``;`` or tab.
The number format follows the separator, as Excel writes it:

* ``,``-separated files use a decimal point (``92.59``, ``1234567``),
* ``;``-separated files use the Indonesian format (``92,59``, ``1.234.567``),
* tab-separated files use the Indonesian format when any number in them has a
  decimal comma.

Numbers are parsed strictly with Babel: a value that could be read two ways
(``65.76`` in a ``;`` file, ``65,76`` in a ``,`` file) is an error naming what
was expected, never a silent misreading. In money columns a lone ``-`` means
nil (0), as in Indonesian budget tables. Nothing in a dataset is executed:
YAML is read with ``yaml.safe_load``.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from babel.numbers import NumberFormatError, parse_decimal

from lkjipkit.errors import Problem

from .spec import Column, Table

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_INT = re.compile(r"^[0-9]+$")
PANDAS_DTYPES = {
    "text": "string",
    "code": "string",
    "choice": "string",
    "int": "Int64",
    "year": "Int64",
    "number": "Float64",
    "percent": "Float64",
    "money": "Float64",
}


def decode(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """Decode file bytes as UTF-8 (BOM or not), else Windows-1252."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), []
    except UnicodeDecodeError as exc:
        return None, [
            Problem(file, None, None, f"cannot read the text (byte {exc.start}): expected UTF-8 or Windows-1252")
        ]


def sniff_separator(header: str, known: set[str]) -> str:
    best, best_hits = ",", -1
    for sep in (",", ";", "\t"):
        names = [h.strip().strip('"').strip() for h in header.split(sep)]
        hits = sum(n in known for n in names)
        if hits > best_hits:
            best, best_hits = sep, hits
    return best


def _locale_for(sep: str, rows: list[list[str]], numeric_idx: list[int]) -> str:
    if sep == ";":
        return "id"
    if sep == ",":
        return "en"
    for row in rows:
        for i in numeric_idx:
            if i < len(row) and "," in row[i]:
                return "id"
    return "en"


_LOCALE_HINT = {
    "id": "Indonesian format of this ';'-separated file, e.g. 1.234.567 or 92,59",
    "en": "format of this ','-separated file: a decimal point and no thousands separator, e.g. 1234567 or 92.59",
}


def parse_number(text: str, locale: str) -> Decimal:
    """Parse a number strictly in the given locale ('id' or 'en'); raise ValueError with a hint."""
    s = text.strip().replace("\u00a0", "").replace(" ", "")
    try:
        return parse_decimal(s, locale=locale, strict=True)
    except NumberFormatError as exc:
        hint = ""
        if getattr(exc, "suggestions", None):
            hint = " (did you mean " + " or ".join(repr(x) for x in exc.suggestions) + "?)"
        raise ValueError(f"expected a number in the {_LOCALE_HINT[locale]}; found {text!r}{hint}") from None


def parse_cell(col: Column, text: str, locale: str) -> Any:
    """Turn one cell's text into a typed value (None when empty); raise ValueError if it does not fit."""
    s = text.strip()
    if s == "":
        return None
    t = col.type
    if t == "text":
        return s
    if t == "code":
        if not _CODE.match(s):
            raise ValueError(f"expected a code of letters, digits, '.', '-' or '_' without spaces; found {s!r}")
        return s
    if t == "choice":
        v = s.lower()
        assert col.allowed is not None
        if v not in col.allowed:
            raise ValueError(f"expected one of {', '.join(col.allowed)}; found {s!r}")
        return v
    if t in ("int", "year"):
        if not _INT.match(s):
            what = "a four-digit year" if t == "year" else "a whole number"
            raise ValueError(f"expected {what}; found {s!r}")
        v = int(s)
        if t == "year" and not 1900 <= v <= 2100:
            raise ValueError(f"expected a four-digit year between 1900 and 2100; found {s!r}")
        return v
    # number, percent, money
    if t == "money":
        if s == "-":
            return 0.0
        s = re.sub(r"^Rp\.?\s*", "", s, flags=re.IGNORECASE)
    if t == "percent":
        s = s.removesuffix("%").strip()
    return float(parse_number(s, locale))


def read_table(path: Path, table: Table, label: str | None = None) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read one CSV file of a dataset.

    Returns the typed DataFrame (columns in the order of the spec, optional
    missing columns added empty, a ``_row`` column with the file line number)
    and the problems found. The DataFrame is None when the file could not be
    read at all.
    """
    file = label or path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(file, None, None, f"cannot read the file: {exc.strerror or exc}")]
    text, problems = decode(raw, file)
    if text is None:
        return None, problems
    expected = ", ".join(c.name for c in table.columns if c.required)
    if not text.strip():
        return None, [Problem(file, None, None, f"the file is empty; expected a header row with: {expected}")]

    known = {c.name for c in table.columns}
    sep = sniff_separator(text.splitlines()[0], known)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    except csv.Error as exc:
        return None, [Problem(file, None, None, f"not a readable CSV file: {exc}")]

    header = [h.strip() for h in rows[0]]
    problems = []
    seen: set[str] = set()
    for i, name in enumerate(header):
        if name == "" and all((len(r) <= i or not r[i].strip()) for r in rows[1:]):
            continue  # an empty trailing column, as Excel sometimes writes
        if name not in known:
            problems.append(
                Problem(
                    file, 1, name or f"(column {i + 1})", f"unknown column; expected one of: {', '.join(sorted(known))}"
                )
            )
        elif name in seen:
            problems.append(Problem(file, 1, name, "column appears twice in the header"))
        seen.add(name)
    for col in table.columns:
        if col.required and col.name not in seen:
            problems.append(Problem(file, 1, col.name, f"missing column ({col.type}: {col.description})"))
    if problems:
        return None, problems

    index = {name: i for i, name in enumerate(header) if name in known}
    numeric_idx = [index[c.name] for c in table.columns if c.name in index and c.type in ("number", "percent", "money")]
    body = [(n, r) for n, r in enumerate(rows[1:], start=2) if any(cell.strip() for cell in r)]
    locale = _locale_for(sep, [r for _, r in body], numeric_idx)

    records: list[dict[str, Any]] = []
    for line, row in body:
        if len(row) > len(header) and any(c.strip() for c in row[len(header) :]):
            problems.append(
                Problem(file, line, None, f"expected {len(header)} cells as in the header, found {len(row)}")
            )
            continue
        rec: dict[str, Any] = {"_row": line}
        for col in table.columns:
            i = index.get(col.name)
            cell = row[i] if i is not None and i < len(row) else ""
            try:
                value = parse_cell(col, cell, locale)
            except ValueError as exc:
                problems.append(Problem(file, line, col.name, str(exc)))
                value = None
            else:
                if value is None and not col.nullable and i is not None:
                    problems.append(Problem(file, line, col.name, f"empty; expected {describe_expected(col)}"))
            rec[col.name] = value
        records.append(rec)

    frame = pd.DataFrame.from_records(records, columns=["_row", *[c.name for c in table.columns]])
    for col in table.columns:
        frame[col.name] = frame[col.name].astype(PANDAS_DTYPES[col.type])
    frame["_row"] = frame["_row"].astype("int64")
    return frame, problems


def describe_expected(col: Column) -> str:
    what = {
        "text": "some text",
        "code": "a code",
        "choice": f"one of {', '.join(col.allowed or ())}",
        "int": "a whole number",
        "year": "a four-digit year",
        "number": "a number",
        "percent": "a percentage",
        "money": "an amount in Rupiah",
    }[col.type]
    return f"{what} ({col.description.rstrip('.')})"


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers the line of every mapping key."""


def read_yaml(path: Path, label: str | None = None) -> tuple[Any, dict[tuple, int], list[Problem]]:
    """Read a YAML file safely. Returns (data, {key path: line}, problems)."""
    file = label or path.name
    try:
        text = path.read_bytes()
    except OSError as exc:
        return None, {}, [Problem(file, None, None, f"cannot read the file: {exc.strerror or exc}")]
    decoded, problems = decode(text, file)
    if decoded is None:
        return None, {}, problems
    if not decoded.strip():
        return None, {}, [Problem(file, None, None, "the file is empty")]
    try:
        loader = _LineLoader(decoded)
        try:
            node = loader.get_single_node()  # parsed once: the nodes give the lines, then the data
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        msg = getattr(exc, "problem", None) or str(exc)
        return None, {}, [Problem(file, line, None, f"not valid YAML: {msg}")]
    lines: dict[tuple, int] = {}
    problems = []
    _walk(node, (), lines, problems, file)
    return data, lines, problems


def _walk(node: yaml.Node | None, path: tuple, lines: dict[tuple, int], problems: list[Problem], file: str) -> None:
    """Record the line of every key; a key given twice is an error (YAML would keep only the last)."""
    if node is None:
        return
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            k = key.value
            where = (*path, k)
            if where in lines:
                problems.append(
                    Problem(
                        file,
                        key.start_mark.line + 1,
                        ".".join(map(str, where)),
                        f"key given twice (first on line {lines[where]}); expected it once",
                    )
                )
            lines[where] = key.start_mark.line + 1
            _walk(value, where, lines, problems, file)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*path, i), lines, problems, file)
