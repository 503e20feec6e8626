"""Helpers of the report tests that read the default chapters' prose cells."""

from __future__ import annotations

import csv
import json
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


def prose_cell(notebook: str, ident: str) -> str:
    """The Markdown of one prose cell of a default chapter (by its cell id)."""
    nb = json.loads((NOTEBOOKS / f"{notebook}.ipynb").read_text(encoding="utf-8"))
    return next("".join(c["source"]) for c in nb["cells"] if c.get("id") == ident)


def edit_csv(path: Path, edit) -> None:
    """Rewrite a copied dataset's CSV through ``edit(rows) -> rows`` (dicts; the header follows the first row)."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows = edit(rows)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
