"""nbconvert exporters of the LKjIP report: ``jupyter nbconvert --to lkjip`` (HTML) and ``--to lkjip_pdf``.

The build uses the same classes in-process (no ``jupyter nbconvert`` start-up
per chapter): :meth:`LkjipHTMLExporter.chapter_html` turns one executed chapter
notebook into its report fragment with the ``lkjip`` nbconvert template, and
:func:`lkjipkit.publish.assemble.render_page` puts the fragments into the report
page. On its own, ``jupyter nbconvert --to lkjip NOTEBOOK`` gives one chapter
as a styled, self-contained page (``--execute`` first runs it with its default
parameters: the embedded dataset, the latest year).

Only outputs reach the report: no code, no prompts, no parameters cells, no
Markdown cells (notes for analysts), and of the outputs only ``text/html``
displays (what :mod:`lkjipkit.report` makes). Anything else a cell produced
(printed text, warnings, a bare value, an image that matplotlib showed by
itself) is left out and named in ``resources["lkjip"]["dropped"]``, which the
build records as warnings.
"""

from __future__ import annotations

import re
from typing import Any

from nbconvert.exporters import TemplateExporter
from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from traitlets import default

from lkjipkit import __version__

from .assemble import TEMPLATES, ChapterHTML, Footer, build_time, render_page

_SKIP_TAGS = {"parameters", "injected-parameters"}


def _short(text: str, n: int = 60) -> str:
    text = re.sub(r"\s+", " ", re.sub(r"\x1b\[[0-9;]*m", "", text)).strip()
    return text if len(text) <= n else text[: n - 1] + "…"


def _describe(output: NotebookNode) -> str:
    kind = output.get("output_type")
    if kind == "stream":
        return f"printed {output.get('name', 'output')} text ({_short(output.get('text', ''))!r})"
    if kind == "error":
        return f"an error ({output.get('ename')}: {_short(str(output.get('evalue', '')))})"
    data = output.get("data", {})
    if any(m.startswith("image/") for m in data):
        return "an image without HTML (a matplotlib figure left open? display figures through lkjipkit.report)"
    if "text/plain" in data and len(data) == 1:
        return f"a bare value ({_short(data['text/plain'])!r})"
    return f"an output of type {', '.join(sorted(data)) or kind}"


class ReportOutputs(Preprocessor):
    """Keep only what the report shows: the ``text/html`` displays of code cells (docs/report-html.md)."""

    def preprocess(self, nb: NotebookNode, resources: dict[str, Any]) -> tuple[NotebookNode, dict[str, Any]]:
        dropped = resources.setdefault("lkjip", {}).setdefault("dropped", [])
        kept = []
        number = 0  # the cell as the analyst counts it: from 1, without papermill's injected cell
        for cell in nb.cells:
            tags = set(cell.get("metadata", {}).get("tags", []))
            if "injected-parameters" not in tags:
                number += 1
            if cell.cell_type != "code" or tags & _SKIP_TAGS:
                continue
            outputs = []
            for out in cell.get("outputs", []):
                shown = out.get("output_type") in ("display_data", "execute_result")
                html = out.get("data", {}).get("text/html") if shown else None
                if html is None:
                    dropped.append(f"cell {number}: {_describe(out)}")
                    continue
                html = "".join(html) if isinstance(html, list) else html
                outputs.append(NotebookNode(output_type="display_data", data={"text/html": html}, metadata={}))
            if outputs:
                cell.source = ""
                cell.outputs = outputs
                kept.append(cell)
        nb.cells = kept
        return nb, resources


class LkjipHTMLExporter(TemplateExporter):
    """A chapter notebook, or several, as the LKjIP report in HTML."""

    export_from_notebook = "LKjIP report (HTML)"
    output_mimetype = "text/html"

    @default("file_extension")
    def _file_extension_default(self) -> str:
        return ".html"

    @default("template_name")
    def _template_name_default(self) -> str:
        return "lkjip"

    @default("template_extension")
    def _template_extension_default(self) -> str:
        return ".html.j2"

    @default("extra_template_basedirs")
    def _default_extra_template_basedirs(self) -> list[str]:
        return [str(TEMPLATES)]

    @default("exclude_input")
    def _exclude_input_default(self) -> bool:
        return True

    @default("exclude_input_prompt")
    def _exclude_input_prompt_default(self) -> bool:
        return True

    @default("exclude_output_prompt")
    def _exclude_output_prompt_default(self) -> bool:
        return True

    @default("exclude_markdown")
    def _exclude_markdown_default(self) -> bool:
        return True

    @default("exclude_raw")
    def _exclude_raw_default(self) -> bool:
        return True

    @default("exclude_unknown")
    def _exclude_unknown_default(self) -> bool:
        return True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.register_preprocessor(ReportOutputs, enabled=True)

    def chapter_html(self, nb: NotebookNode, resources: dict[str, Any] | None = None) -> tuple[str, dict[str, Any]]:
        """One chapter's report fragment; ``resources["lkjip"]["dropped"]`` lists what was left out."""
        return super().from_notebook_node(nb, resources)

    def from_notebook_node(
        self, nb: NotebookNode, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[str, dict[str, Any]]:
        """The chapter alone as a self-contained page (what ``jupyter nbconvert --to lkjip`` writes)."""
        fragment, resources = self.chapter_html(nb, resources)
        name = resources.get("metadata", {}).get("name") or "bab"
        footer = _footer(nb)
        page = render_page([ChapterHTML(name, fragment)], footer=footer, title=name)
        resources.setdefault("lkjip", {})["warnings"] = page.warnings
        return page.html, resources


class LkjipPDFExporter(LkjipHTMLExporter):
    """The same page printed to PDF by WeasyPrint (A4, page numbers); no LaTeX, no browser."""

    export_from_notebook = "LKjIP report (PDF)"
    output_mimetype = "application/pdf"

    @default("file_extension")
    def _file_extension_default(self) -> str:
        return ".pdf"

    def from_notebook_node(  # type: ignore[override]
        self, nb: NotebookNode, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[bytes, dict[str, Any]]:
        from .pdf import html_to_pdf

        html, resources = super().from_notebook_node(nb, resources, **kw)
        return html_to_pdf(html), resources


def _footer(nb: NotebookNode) -> Footer | None:
    """Provenance for a chapter exported on its own: the dataset papermill was given, when it was."""
    params = nb.get("metadata", {}).get("papermill", {}).get("parameters", {})
    dataset = params.get("dataset") if isinstance(params, dict) else None
    if not dataset:
        return Footer(__version__, "", build_time())
    try:
        from pathlib import Path

        from lkjipkit.dataset import fingerprint

        return Footer(__version__, fingerprint(Path(dataset)), build_time())
    except Exception:  # the dataset may have moved since; the footer is a courtesy
        return Footer(__version__, "", build_time())
