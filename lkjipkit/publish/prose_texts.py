"""The analyst's words in the chapter notebooks' Markdown cells, as texts for the fact-check (``CLAIM-*``).

A Markdown cell of a chapter is report prose (:mod:`lkjipkit.report.prose`); the review checks its
claims like those of the dataset's texts (:mod:`lkjipkit.review.claims`). The cells read are those of
the chapters the build uses for the dataset (:func:`~lkjipkit.publish.chapters.resolve_chapters`: the
dataset's own ``notebooks/`` replacing or extending the defaults), and the text checked is the text the
report prints: the placeholders filled in from the year's vocabulary, the Markdown rendered by the
report's renderer, then read as plain text, one block (paragraph, list item, table cell) per line.

A placeholder's value is computed, so it is right by construction, and rendered in place it agrees with
the data whenever the claim reader reads it at all; what it lets the review check is the analyst's literal
words around it (``capaian {{ iku.IKU1.capaian }}, melampaui target`` still has its direction checked).

A cell is about what its sentences name, as a ``laporan.yaml`` text: the indicator named by its code or
full name (when exactly one), the agency for the budget and IKU summary phrases. The section a cell sits
under is not used: it is printed by a code cell (``bab.section(...)``) whose title need not name an
indicator, so it cannot be read reliably.

Review and report sit below this package, hence this module here: the review takes the texts as given
(``review(..., texts=...)``), and the build (:func:`lkjipkit.publish.build_report`) and ``lkjip review``
pass them.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from lxml import html as lxml_html

from lkjipkit.review.claims import Text

from .chapters import DATASET_NOTEBOOKS, ChapterNotebook

if TYPE_CHECKING:
    from lkjipkit.analysis import YearAnalysis
    from lkjipkit.dataset import Dataset

__all__ = ["cell_column", "chapter_texts", "plain_text"]

#: HTML elements the printed text breaks after (a new line: the claim reader never joins two of them).
_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "td", "th", "br", "dd", "dt")

#: How a finding names a chapter by where it came from (``ChapterNotebook.origin``).
_ORIGIN = {"default": "bab bawaan", "dataset": "bab dataset"}


def cell_column(number: int) -> str:
    """How a finding names a cell of a notebook, counted from 1 as JupyterLab shows them: ``sel 7``."""
    return f"sel {number}"


def plain_text(html: str) -> str:
    """The text a reader reads in rendered prose HTML: tags removed, entities decoded, one block per line."""
    if not html.strip():
        return ""
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    for el in root.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
    return root.text_content().strip()


def chapter_texts(
    chapters: Iterable[ChapterNotebook],
    ds: Dataset,
    year: int,
    analysis: YearAnalysis | None = None,
    *,
    names: Callable[[], Mapping[str, Any]] | None = None,
) -> list[Text]:
    """The Markdown cells of the report's chapters as analyst texts, in report order.

    Parameters
    ----------
    chapters
        The chapters of the dataset's report (:func:`~lkjipkit.publish.chapters.resolve_chapters`).
    ds, year
        The dataset and report year whose vocabulary fills the placeholders (:func:`lkjipkit.report.prose.vocabulary`).
    analysis
        The year's analysis when the caller has it (computed for the vocabulary otherwise, only if a cell
        has placeholders).
    names
        The vocabulary when the caller makes it anyway, as a function called only if a cell has placeholders
        (the build passes the one it exports the chapters with); default: made here from ``ds``, ``year``
        and ``analysis``.

    Returns
    -------
    One :class:`~lkjipkit.review.claims.Text` per Markdown cell with text: file ``notebooks/NAME.ipynb``
    (relative to the dataset for its own chapters, to the default chapters' parent folder for those),
    column ``sel N`` (the cell's number, from 1, as the export counts it) and key
    ``NAME, bab dataset`` or ``NAME, bab bawaan``; no row, no indicator.

    Raises
    ------
    lkjipkit.report.prose.PlaceholderError
        A cell names something the vocabulary does not have (the notebook and cell named, as the export does).
    """
    from lkjipkit.report.prose import has_placeholders, render_prose, vocabulary

    if names is None:
        names = functools.cache(lambda: vocabulary(ds, year, analysis))
    out: list[Text] = []
    for chapter in chapters:
        folder = DATASET_NOTEBOOKS if chapter.origin == "dataset" else chapter.path.parent.name
        file, key = f"{folder}/{chapter.path.name}", f"{chapter.name}, {_ORIGIN[chapter.origin]}"
        number = 0  # as the export counts: from 1, without papermill's injected cell
        for cell in json.loads(chapter.path.read_text(encoding="utf-8"))["cells"]:
            if "injected-parameters" not in cell.get("metadata", {}).get("tags", []):
                number += 1
            if cell.get("cell_type") != "markdown":
                continue
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else source
            where = f"{chapter.name}, cell {number}"
            html = render_prose(source, names() if has_placeholders(source) else None, where=where)
            text = plain_text(str(html))
            if text:
                out.append(Text(file, None, cell_column(number), key, None, text))
    return out
