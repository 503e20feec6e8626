"""nbconvert exporters of the LKjIP report: ``jupyter nbconvert --to lkjip`` (HTML) and ``--to lkjip_pdf``.

The build uses the same classes in-process (no ``jupyter nbconvert`` start-up
per chapter): :meth:`LkjipHTMLExporter.chapter_html` turns one executed chapter
notebook into its report fragment with the ``lkjip`` nbconvert template, and
:func:`lkjipkit.publish.assemble.render_page` puts the fragments into the report
page. On its own, ``jupyter nbconvert --to lkjip NOTEBOOK`` gives one chapter
as a styled, self-contained page (``--execute`` first runs it with its default
parameters: the embedded dataset, the latest year).

What reaches the report: the ``text/html`` displays of code cells (what
:mod:`lkjipkit.report` makes) and the Markdown cells, rendered as report prose
with their placeholders filled in (:mod:`lkjipkit.report.prose`); no code, no
prompts, no parameters cells. Anything else a chapter holds (printed text,
warnings, a bare value, ``display(Markdown(...))``, an image that matplotlib showed
by itself, a raw cell) would be lost: the export fails with
:class:`DroppedOutputError`, naming the notebook, the cells and what to use
instead, unless ``allow_dropped_outputs`` is set (``lkjip build
--allow-dropped-outputs``; ``jupyter nbconvert --to lkjip
--LkjipHTMLExporter.allow_dropped_outputs=True``): then they are left out and named
in ``resources["lkjip"]["dropped"]``, which the build records as warnings.

The placeholders of the Markdown cells are filled in here, in the process that
exports, not in the kernel: the build hands over its dataset and year
(``resources["lkjip"]["prose"]``, the names of :func:`lkjipkit.report.prose.vocabulary`,
or a function returning them); a notebook exported on its own takes them from its
parameters (papermill's, else the parameters cell: ``""`` and ``0`` are the
embedded dataset and its latest year).
"""

from __future__ import annotations

import ast
import re
from typing import Any

from nbconvert.exporters import TemplateExporter
from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from traitlets import Bool, default

from lkjipkit import __version__
from lkjipkit.errors import BuildError
from lkjipkit.i18n import _, ngettext

from .assemble import TEMPLATES, ChapterHTML, Footer, build_time, render_page

_SKIP_TAGS = {"parameters", "injected-parameters"}


class DroppedOutputError(BuildError):
    """A chapter holds something the report would not show (``--allow-dropped-outputs`` builds anyway)."""

    @classmethod
    def of(cls, dropped: dict[str, list[str]]) -> DroppedOutputError:
        """The error for what each chapter (by name) would lose: every chapter and cell, and the way out."""
        lines = []
        for name, items in dropped.items():
            if items:
                n = len(items)
                lines.append(
                    ngettext(
                        "{chapter}: {n} output would not reach the report:",
                        "{chapter}: {n} outputs would not reach the report:",
                        n,
                    ).format(chapter=name, n=n)
                )
                lines += [f"  {d}" for d in items]
        return cls(
            "\n".join(lines)
            + "\n"
            + _("Change those cells, or build with --allow-dropped-outputs to leave them out with a warning.")
        )


def _short(text: str, n: int = 60) -> str:
    text = re.sub(r"\s+", " ", re.sub(r"\x1b\[[0-9;]*m", "", text)).strip()
    return text if len(text) <= n else text[: n - 1] + "…"


def _describe(output: NotebookNode) -> str:
    """What an output is that the report cannot show, and what to use instead."""
    kind = output.get("output_type")
    if kind == "stream":
        return _(
            "printed {stream} text ({text}); "
            "print() does not reach the report: write a Markdown cell, or display a piece of lkjipkit.report"
        ).format(stream=output.get("name", "output"), text=repr(_short(output.get("text", ""))))
    if kind == "error":
        return _("an error ({ename}: {evalue})").format(
            ename=output.get("ename"), evalue=_short(str(output.get("evalue", "")))
        )
    data = output.get("data", {})
    if "text/markdown" in data:
        return _(
            "a Markdown display ({text}); "
            "write a Markdown cell instead (placeholders give live numbers), or display(bab.markdown(...))"
        ).format(text=repr(_short("".join(data["text/markdown"]))))
    if any(m.startswith("image/") for m in data):
        return _("an image without HTML (a matplotlib figure left open? display figures through lkjipkit.report)")
    if "text/plain" in data and len(data) == 1:
        return _(
            "a bare value ({text}); only display(bab.…) pieces reach the report: remove it, or end the line with ;"
        ).format(text=repr(_short("".join(data["text/plain"]))))
    return _(
        "an output of type {kind}; only the text/html pieces of lkjipkit.report and Markdown cells reach the report"
    ).format(kind=", ".join(sorted(data)) or kind)


def _literal_assignments(source: str) -> dict[str, Any]:
    """``name = <literal>`` lines of a parameters cell (anything else is ignored)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return {}
    found: dict[str, Any] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                found[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                continue
    return found


def notebook_parameters(nb: NotebookNode) -> dict[str, Any]:
    """The parameters a chapter ran with: papermill's record, else its parameters cells (injected last)."""
    params = nb.get("metadata", {}).get("papermill", {}).get("parameters")
    if isinstance(params, dict) and params:
        return dict(params)
    found: dict[str, Any] = {}
    for tag in ("parameters", "injected-parameters"):
        for cell in nb.cells:
            if cell.cell_type == "code" and tag in cell.get("metadata", {}).get("tags", []):
                found |= _literal_assignments(cell.source)
    return found


def _names_from_parameters(nb: NotebookNode) -> dict[str, Any]:
    """The prose vocabulary of the dataset and year a notebook names (for a chapter exported on its own)."""
    from lkjipkit.dataset import load_dataset
    from lkjipkit.report.chapter import resolve_dataset
    from lkjipkit.report.prose import vocabulary

    params = notebook_parameters(nb)
    ds = load_dataset(resolve_dataset(params.get("dataset", "")))
    return vocabulary(ds, ds.resolve_year(params.get("year", 0)))


def _html_cell(html: str) -> NotebookNode:
    """A rendered Markdown cell as the template shows every piece: a code cell with one ``text/html`` output."""
    from nbformat.v4 import new_code_cell

    output = NotebookNode(output_type="display_data", data={"text/html": html}, metadata={})
    return new_code_cell(source="", outputs=[output])


class ReportOutputs(Preprocessor):
    """Keep what the report shows: the ``text/html`` displays of code cells and the Markdown cells as prose.

    Everything else is named, with its cell, in ``resources["lkjip"]["dropped"]`` (docs/report-html.md).
    """

    def preprocess(self, nb: NotebookNode, resources: dict[str, Any]) -> tuple[NotebookNode, dict[str, Any]]:
        from lkjipkit.report.prose import has_placeholders, render_prose

        lkjip = resources.setdefault("lkjip", {})
        dropped = lkjip.setdefault("dropped", [])
        name = resources.get("metadata", {}).get("name") or "chapter"
        kept = []
        number = 0  # the cell as the analyst counts it: from 1, without papermill's injected cell
        for cell in nb.cells:
            tags = set(cell.get("metadata", {}).get("tags", []))
            if "injected-parameters" not in tags:
                number += 1
            if cell.cell_type == "markdown":
                names = None
                if has_placeholders(cell.source):
                    names = lkjip.get("prose")
                    names = names() if callable(names) else names
                    if names is None:
                        names = lkjip["prose"] = _names_from_parameters(nb)
                html = render_prose(
                    cell.source, names, where=_("{chapter}, cell {cell}").format(chapter=name, cell=number)
                )
                if html:
                    kept.append(_html_cell(str(html)))
                continue
            if cell.cell_type != "code":
                dropped.append(
                    _("cell {cell}: a {type} cell; only Markdown and code cells reach the report").format(
                        cell=number, type=cell.cell_type
                    )
                )
                continue
            if tags & _SKIP_TAGS:
                continue
            outputs = []
            for out in cell.get("outputs", []):
                shown = out.get("output_type") in ("display_data", "execute_result")
                html = out.get("data", {}).get("text/html") if shown else None
                if html is None:
                    dropped.append(_("cell {cell}: {output}").format(cell=number, output=_describe(out)))
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

    allow_dropped_outputs = Bool(
        False,
        help="Leave out, with a warning, what the report cannot show (printed text, bare values, "
        "display(Markdown(...)), raw cells) instead of failing.",
    ).tag(config=True)

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

    @default("optimistic_validation")
    def _optimistic_validation_default(self) -> bool:
        # the notebook is validated once, after all the preprocessors, not after each of them
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
        """One chapter's report fragment; ``resources["lkjip"]["dropped"]`` lists what was left out.

        Raises
        ------
        DroppedOutputError
            Something in the chapter would not reach the report, and ``allow_dropped_outputs`` is not set.
        PlaceholderError
            A Markdown cell names a value the prose vocabulary does not have.
        """
        html, resources = super().from_notebook_node(nb, resources)
        dropped = resources["lkjip"]["dropped"]
        if dropped and not self.allow_dropped_outputs:
            raise DroppedOutputError.of({resources.get("metadata", {}).get("name") or "chapter": dropped})
        return html, resources

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
