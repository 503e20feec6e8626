"""Every reference points at something that exists.

An IKU names its sasaran, a kegiatan its program, a budget row its kegiatan,
and so on (the ``references`` of each table in the format declaration). A
reference to nothing would silently drop rows from every total.
"""

from __future__ import annotations

import pandas as pd

from lkjipkit.errors import Problem

from ..spec import TABLES


def check(ds) -> list[Problem]:
    out: list[Problem] = []
    for table in TABLES:
        frame = ds.tables[table.name]
        for column, other, other_column in table.references:
            known = set(ds.tables[other][other_column].dropna())
            for row, value in zip(frame["_row"], frame[column], strict=True):
                if pd.isna(value) or value in known:
                    continue
                shown = ", ".join(sorted(map(str, known))[:8]) + (" ..." if len(known) > 8 else "")
                out.append(
                    Problem(
                        table.file,
                        int(row),
                        column,
                        f"{value!r} is not a {other_column} in {other}.csv; expected one of: {shown or '(none)'}",
                    )
                )
    return out
