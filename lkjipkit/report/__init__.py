"""Chapter content of the LKjIP: Indonesian prose, tables and figures as HTML blocks.

A chapter notebook uses only :func:`open_chapter` (and IPython's ``display``)::

    from IPython.display import display
    from lkjipkit.report import open_chapter

    bab = open_chapter(dataset, year, chapter=3)
    display(bab.title())

What each block looks like is fixed by ``docs/report-html.md``. Modules:
:mod:`.html` (the markup, and the one Markdown renderer of analyst text),
:mod:`.narrative` and ``templates/`` (generated sentences), :mod:`.figures`
(the house style), :mod:`.chapter` (the entry point), one module per chapter,
and :mod:`.front` (the cover, Kata Pengantar and signature, which the page
assembly in :mod:`lkjipkit.publish.assemble` places before the chapters).
Indonesian number and date formats are :mod:`lkjipkit.fmt`.
"""

from __future__ import annotations

# The chapter modules register their Chapter classes (``@register``) when imported.
from . import accountability, appendix, closing, introduction, planning, summary  # noqa: F401
from .chapter import Chapter, chapter_class, open_chapter, resolve_dataset
from .html import Block

__all__ = ["Block", "Chapter", "chapter_class", "open_chapter", "resolve_dataset"]
