"""pandera schemas built from the format declaration, and their failures as located problems."""

from __future__ import annotations

import functools

import pandas as pd
import pandera.pandas as pa

from lkjipkit.errors import Problem

from .io import PANDAS_DTYPES
from .spec import MAGNITUDE, NUMERIC_TYPES, TABLE_BY_NAME, Column, Table


def _checks(col: Column) -> list[pa.Check]:
    checks = []
    if col.min is not None and col.max is not None:
        checks.append(pa.Check.in_range(col.min, col.max, error=f"between {col.min:g} and {col.max:g}"))
    elif col.min is not None:
        checks.append(pa.Check.ge(col.min, error=f"at least {col.min:g}"))
    elif col.max is not None:
        checks.append(pa.Check.le(col.max, error=f"at most {col.max:g}"))
    elif col.type == "money":
        checks.append(pa.Check.ge(0, error="not negative"))
    if col.type in NUMERIC_TYPES:  # the plausible magnitude of every number (spec.MAGNITUDE)
        if col.max is None:
            checks.append(pa.Check.lt(MAGNITUDE, error="below 10^15"))
        if col.min is None and col.type != "money":
            checks.append(pa.Check.gt(-MAGNITUDE, error="above -10^15"))
    return checks


@functools.cache
def schema_for(name: str) -> pa.DataFrameSchema:
    """The pandera schema of a table (types, ranges, unique key)."""
    table: Table = TABLE_BY_NAME[name]
    columns = {
        c.name: pa.Column(PANDAS_DTYPES[c.type], checks=_checks(c), nullable=True, required=True) for c in table.columns
    }
    columns["_row"] = pa.Column("int64")
    return pa.DataFrameSchema(columns, unique=list(table.key), name=table.name, strict=True)


def validate_frame(name: str, frame: pd.DataFrame, file: str) -> list[Problem]:
    """Validate a parsed table; every failure becomes a Problem at its file line."""
    table = TABLE_BY_NAME[name]
    try:
        schema_for(name).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return _problems(exc.failure_cases, frame, table, file)
    return []


def _problems(cases: pd.DataFrame, frame: pd.DataFrame, table: Table, file: str) -> list[Problem]:
    out: list[Problem] = []
    seen_keys: set[tuple] = set()
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
            out.append(
                Problem(file, row, table.key[-1], f"duplicate {shown} (rows {rows}); expected each to appear once")
            )
        else:
            out.append(Problem(file, row, str(column), f"found {case.get('failure_case')!r}; expected a value {check}"))
    return out
