"""Explicit limits on what a dataset may hold, so a small hostile file cannot exhaust the machine.

Each limit has a default that is far above any real agency's data and can be
raised with an environment variable; a message that reports a limit names the
variable. docs/data-format.md lists them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


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
        """The message for a value over the limit: what was found, the limit, and how to change it."""
        return (
            f"{found}; the limit is {self.value:,} {self.unit} ({self.name}). "
            f"If the data is real, raise it with the environment variable {self.env}"
        )


FILE_BYTES = Limit("file size", 50_000_000, "LKJIP_MAX_FILE_BYTES", "bytes")
"""Largest CSV, YAML or workbook file read."""
ROWS = Limit("rows per table", 200_000, "LKJIP_MAX_ROWS", "rows")
"""Most data rows in one table (CSV file or sheet)."""
CELL_CHARS = Limit("characters per cell", 32_767, "LKJIP_MAX_CELL_CHARS", "characters")
"""Longest text in one cell or YAML value (Excel's own limit)."""
IMAGE_PIXELS = Limit("image size", 25_000_000, "LKJIP_MAX_IMAGE_PIXELS", "pixels")
"""Largest logo or organisation chart, width × height (5000 × 5000 px); larger images are dropped by PDF writers."""
MERGED_CELLS = Limit("merged cells per workbook", 1_000_000, "LKJIP_MAX_MERGED_CELLS", "cells")
"""Most cells that the merged ranges of a workbook cover together (a real dataset has a few titles)."""

ALL = (FILE_BYTES, ROWS, CELL_CHARS, IMAGE_PIXELS, MERGED_CELLS)
