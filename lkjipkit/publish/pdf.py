"""The report page printed to PDF with WeasyPrint: A4, page numbers, Daftar Isi page numbers.

WeasyPrint lays the same HTML out with the print rules of the stylesheet
(``@page``, named pages for the cover, the front matter and landscape tables,
``target-counter()`` for the Daftar Isi). It needs no LaTeX and no browser. The
page embeds everything it shows, so fetching anything else is refused: the PDF
can never depend on the network either.

Python's cyclic garbage collector is paused while WeasyPrint works (:func:`_cyclic_gc_paused`): the
boxes, lines and drawing operations of the whole document are hundreds of thousands of live objects,
and every full collection walks all of them again to free almost nothing (reference counting frees
the rest), about a tenth of the PDF step's CPU time on the seed report (docs/build.md, "Speed").
"""

from __future__ import annotations

import contextlib
import gc
import logging
import threading
from collections.abc import Iterator
from pathlib import Path

from lkjipkit.errors import BuildError
from lkjipkit.i18n import _


def _fetcher():
    """A URL fetcher that serves ``data:`` URIs and refuses everything else, stopping the rendering."""
    try:
        from weasyprint.urls import URLFetcher  # WeasyPrint >= 68
    except ImportError:  # older WeasyPrint: a plain function
        from weasyprint import default_url_fetcher

        def fetch(url: str, *args, **kwargs):
            if url.startswith("data:"):
                return default_url_fetcher(url, *args, **kwargs)
            raise BuildError(
                _("the report refers to {url}; a report embeds everything it shows").format(url=repr(url[:80]))
            )

        return fetch
    return URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)


_gc_lock = threading.Lock()
_gc_pausers = 0
"""How many renderings (threads of one process, e.g. a batch) are inside :func:`_cyclic_gc_paused`."""
_gc_resume = False
"""Whether the collector was running when the first of them began (then the last one restarts it)."""


@contextlib.contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the block, and restart it after if it was running.

    Renderings in several threads at once share one pause: the collector restarts when the last of
    them ends, also when it fails. A collector that was already off stays off. Nothing is lost: the
    few objects in reference cycles are freed by the collections after the pause.
    """
    global _gc_pausers, _gc_resume
    with _gc_lock:
        if _gc_pausers == 0:
            _gc_resume = gc.isenabled()
            gc.disable()
        _gc_pausers += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pausers -= 1
            if _gc_pausers == 0 and _gc_resume:
                gc.enable()


def html_to_pdf(html: str, target: Path | None = None, *, status: str | None = None) -> bytes | None:
    """Render ``html`` to PDF bytes, or into ``target`` (then None).

    ``status`` (``draft``, ``final``, ``final, incomplete``) goes into the PDF's metadata: the subject
    reads "LKjIP (final)" and the keywords hold ``status:final``.
    """
    import weasyprint

    # WeasyPrint warns about every CSS rule it ignores (screen-only properties); those are not problems.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    try:
        with _cyclic_gc_paused():
            page = weasyprint.HTML(string=html, base_url=None, url_fetcher=_fetcher(), media_type="print")
            doc = page.render()
            if status:
                doc.metadata.description = f"LKjIP ({status})"
                doc.metadata.keywords = ["LKjIP", f"status:{status}"]
            if target is None:
                return doc.write_pdf()
            doc.write_pdf(target)
    except BuildError:
        raise
    except BaseException as exc:
        if type(exc).__name__ != "FatalURLFetchingError":
            raise
        raise BuildError(
            _("the report refers to something outside it ({error}); a report embeds all it shows").format(error=exc)
        ) from exc
    return None
