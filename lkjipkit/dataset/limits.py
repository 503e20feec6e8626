"""Explicit limits on what a dataset may hold, so a small hostile file cannot exhaust the machine.

Each limit has a default that is far above any real agency's data and can be
raised with an environment variable; a message that reports a limit names the
variable. docs/data-format.md lists them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from lkjipkit.i18n import _, language


@dataclass(frozen=True)
class Limit:
    """One limit: its default, the environment variable that changes it, and what it counts."""

    name: str
    default: int
    env: str
    unit: str

    @property
    def value(self) -> int:
        """The limit in force: the environment variable when it is a positive whole number, else the default."""
        raw = os.environ.get(self.env, "").strip()
        return int(raw) if raw.isdigit() and int(raw) > 0 else self.default

    def exceeded(self, found: str) -> str:
        """The message for a value over the limit: what was found, the limit, and how to change it.

        ``found`` is in the current language already; the limit's name and unit are translated here.
        """
        return _(
            "{found}; the limit is {value} {unit} ({name}). "
            "If the data is real, raise it with the environment variable {env}"
        ).format(found=found, value=count(self.value), unit=_(self.unit), name=_(self.name), env=self.env)


def count(n: int) -> str:
    """A whole number grouped in the current language's way: 200,000 in English, 200.000 in Indonesian."""
    from babel.numbers import format_decimal  # only a message over a limit needs Babel, not a check of good data

    return format_decimal(n, locale=language())


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it: a limit's name and unit, translated when shown."""
    return message


FILE_BYTES = Limit(N_("file size"), 50_000_000, "LKJIP_MAX_FILE_BYTES", N_("bytes"))
"""Largest CSV, YAML or workbook file read."""
ROWS = Limit(N_("rows per table"), 200_000, "LKJIP_MAX_ROWS", N_("rows"))
"""Most data rows in one table (CSV file or sheet)."""
CELL_CHARS = Limit(N_("characters per cell"), 32_767, "LKJIP_MAX_CELL_CHARS", N_("characters"))
"""Longest text in one cell or YAML value (Excel's own limit)."""
IMAGE_PIXELS = Limit(N_("image size"), 25_000_000, "LKJIP_MAX_IMAGE_PIXELS", N_("pixels"))
"""Largest logo or organisation chart, width × height (5000 × 5000 px); larger images are dropped by PDF writers."""
MERGED_CELLS = Limit(N_("merged cells per workbook"), 1_000_000, "LKJIP_MAX_MERGED_CELLS", N_("cells"))
"""Most cells that the merged ranges of a workbook cover together (a real dataset has a few titles)."""

ALL = (FILE_BYTES, ROWS, CELL_CHARS, IMAGE_PIXELS, MERGED_CELLS)
