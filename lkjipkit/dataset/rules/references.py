"""Every reference points at something that exists.

An IKU names its sasaran, a kegiatan its program, a budget row its kegiatan,
and so on (the ``references`` of each table in the format declaration). A
reference to nothing would silently drop rows from every total.
"""

from __future__ import annotations

import pandas as pd

from lkjipkit.errors import Problem
from lkjipkit.i18n import _

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
                        _("{value} is not a {column} in {table}.csv; expected one of: {known}").format(
                            value=repr(value), column=other_column, table=other, known=shown or _("(none)")
                        ),
                    )
                )
    return out
