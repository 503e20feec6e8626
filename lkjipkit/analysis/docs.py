"""Print ``docs/tables.md``: ``python -m lkjipkit.analysis.docs > docs/tables.md``."""

from __future__ import annotations

from lkjipkit.analysis.tables import tables_markdown

if __name__ == "__main__":  # pragma: no cover
    print(tables_markdown(), end="")
