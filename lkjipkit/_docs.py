"""Keeping generated reference sections of docs/ in step with the code."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

#: The project's docs/ folder (a source checkout).
DOCS = Path(__file__).resolve().parents[1] / "docs"


def replace_between(path: Path, begin: str, end: str, block: str) -> None:
    """Replace the part of a Markdown file from marker ``begin`` to marker ``end`` by ``block``.

    ``block`` starts with ``begin`` and ends with ``end`` itself, so the markers stay.
    """
    text = path.read_text(encoding="utf-8")
    head, found, rest = text.partition(begin)
    if not found or end not in rest:
        raise ValueError(f"{path}: markers {begin!r} ... {end!r} not found")
    _, _, tail = rest.partition(end)
    path.write_text(head + block + tail, encoding="utf-8")


def generator_main(reference: Callable[[], str], update: Callable[[Path], None], doc: str) -> None:
    """The command line of a generated section: print it, or with ``--write`` update ``docs/<doc>`` in place."""
    if "--write" in sys.argv[1:]:
        update(DOCS / doc)
    else:
        print(reference())
