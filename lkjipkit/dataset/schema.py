"""pandera schemas built from the format declaration, and their failures as located problems.

pandera (with typeguard and its engines, about 0.3 s of CPU) is imported when a schema is first built,
not with this module: a chapter handed the build's validated dataset never validates.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from lkjipkit.errors import Problem
from lkjipkit.i18n import _

from .io import PANDAS_DTYPES
from .spec import MAGNITUDE, NUMERIC_TYPES, TABLE_BY_NAME, Column, Table

if TYPE_CHECKING:
    import pandera.pandas as pa


def _range_checks(col: Column) -> list[tuple[pa.Check, str]]:
    """The range checks of a column, each with what it expects in the current language.

    The check itself carries the English (pandera names a failure by it, and the schema is built once).
    """
    import pandera.pandas as pa

    checks = []
    low, high = f"{col.min:g}" if col.min is not None else None, f"{col.max:g}" if col.max is not None else None
    if col.min is not None and col.max is not None:
        checks.append(
            (
                pa.Check.in_range(col.min, col.max, error=f"between {low} and {high}"),
                _("between {low} and {high}").format(low=low, high=high),
            )
        )
    elif col.min is not None:
        checks.append((pa.Check.ge(col.min, error=f"at least {low}"), _("at least {low}").format(low=low)))
    elif col.max is not None:
        checks.append((pa.Check.le(col.max, error=f"at most {high}"), _("at most {high}").format(high=high)))
    elif col.type == "money":
        checks.append((pa.Check.ge(0, error="not negative"), _("not negative")))
    if col.type in NUMERIC_TYPES:  # the plausible magnitude of every number (spec.MAGNITUDE)
        if col.max is None:
            checks.append((pa.Check.lt(MAGNITUDE, error="below 10^15"), _("below 10^15")))
        if col.min is None and col.type != "money":
            checks.append((pa.Check.gt(-MAGNITUDE, error="above -10^15"), _("above -10^15")))
    return checks


def _checks(col: Column) -> list[pa.Check]:
    return [check for check, _expects in _range_checks(col)]


def table_schema(table: Table, extra: dict[str, pa.Column] | None = None) -> pa.DataFrameSchema:
    """The pandera schema of a declared table (types, ranges, unique key) for a frame of :func:`read_table`.

    ``extra`` replaces or adds columns whose checks the declaration cannot express (e.g. a bound
    that excludes its value); its checks' ``error`` is what a problem says the value should be.
    """
    import pandera.pandas as pa

    columns = {
        c.name: pa.Column(PANDAS_DTYPES[c.type], checks=_checks(c), nullable=True, required=True) for c in table.columns
    }
    columns.update(extra or {})
    columns["_row"] = pa.Column(np.dtype("int64"))
    return pa.DataFrameSchema(columns, unique=list(table.key), name=table.name, strict=True)


@contextlib.contextmanager
def _pandera_without_hypothesis():
    """pandera, on its first validation, imports its data-synthesis strategies and with them hypothesis
    when it is installed (a test dependency): about 0.5 s of CPU, a third of ``lkjip validate``, for a
    feature lkjipkit never uses. While pandera registers its backends, hypothesis cannot be imported
    (pandera then leaves the strategies out in this process); a process that already imported it (the
    tests) is left as it is, and ``hypothesis`` stays importable afterwards."""
    if "hypothesis" in sys.modules:
        yield
        return
    sys.modules["hypothesis"] = None  # type: ignore[assignment] - makes its import fail, which pandera allows
    try:
        yield
    finally:
        if sys.modules.get("hypothesis", 0) is None:
            del sys.modules["hypothesis"]


@functools.cache
def schema_for(name: str) -> pa.DataFrameSchema:
    """The pandera schema of a dataset table (types, ranges, unique key)."""
    return table_schema(TABLE_BY_NAME[name])


def validate_table(table: Table, frame: pd.DataFrame, file: str, schema: pa.DataFrameSchema) -> list[Problem]:
    """Validate a parsed table against ``schema``; every failure becomes a Problem at its file line."""
    import pandera.pandas as pa

    try:
        if "pandera.strategies.pandas_strategies" in sys.modules:
            schema.validate(frame, lazy=True)
        else:
            with _pandera_without_hypothesis():
                schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return _problems(exc.failure_cases, frame, table, file)
    return []


def validate_frame(name: str, frame: pd.DataFrame, file: str) -> list[Problem]:
    """Validate a parsed dataset table; every failure becomes a Problem at its file line."""
    return validate_table(TABLE_BY_NAME[name], frame, file, schema_for(name))


def _problems(cases: pd.DataFrame, frame: pd.DataFrame, table: Table, file: str) -> list[Problem]:
    out: list[Problem] = []
    seen_keys: set[tuple] = set()
    columns = {c.name: c for c in table.columns}
    for case in cases.to_dict("records"):
        idx = case.get("index")
        row = int(frame["_row"].iloc[int(idx)]) if idx is not None and not pd.isna(idx) else None
        check = str(case.get("check"))
        column = case.get("column")
        if check == "multiple_fields_uniqueness":
            key_values = tuple(frame[list(table.key)].iloc[int(idx)])
            if (row, key_values) in seen_keys:
                continue
            seen_keys.add((row, key_values))
            shown = ", ".join(f"{k}={v}" for k, v in zip(table.key, key_values, strict=True))
            first = frame.index[(frame[list(table.key)] == list(key_values)).all(axis=1)]
            rows = ", ".join(str(int(frame["_row"].iloc[i])) for i in first)
            message = _("duplicate {key} (rows {rows}); expected each to appear once").format(key=shown, rows=rows)
            out.append(Problem(file, row, table.key[-1], message))
        else:
            col = columns.get(str(column))
            expects = {c.error: text for c, text in _range_checks(col)} if col is not None else {}
            message = _("found {found}; expected a value {check}").format(
                found=repr(case.get("failure_case")), check=expects.get(check, check)
            )
            out.append(Problem(file, row, str(column), message))
    return out
