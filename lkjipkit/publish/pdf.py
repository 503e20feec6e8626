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

A single build that also writes the Word document prints in a process of its own (:class:`PdfPrinter`):
it starts when the last chapters run, imports WeasyPrint while they do, and prints while the build writes
the Word document.
"""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from lkjipkit.errors import BuildError
from lkjipkit.i18n import _, language


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


class PdfPrinter:
    """:func:`html_to_pdf` in a process of its own, started ahead of the page (``lkjipkit.publish._printer``).

    :meth:`start` launches the process, which imports WeasyPrint (about a second) while the build still
    runs its chapters; :meth:`write` hands it the page and returns at once; :meth:`wait` returns when the
    PDF is written, or raises what :func:`html_to_pdf` would have raised (a :class:`BuildError`, an
    :class:`OSError` naming the file); :meth:`close` stops the process if it still runs (a Ctrl-C, a
    failed build) and waits for it: nothing is left behind.

    If the process cannot start or dies before it is ready (no Python to run, a broken environment),
    the page is printed here as before, in :meth:`wait`. If it dies while printing (killed, out of
    memory), :meth:`wait` says so with the last lines it wrote.
    """

    COMMAND = (sys.executable, "-P", "-m", "lkjipkit.publish._printer")
    """``-P``: the working folder is not put on the module path (a ``weasyprint.py`` there is not imported)."""

    def __init__(self) -> None:
        self._started = False
        self._process: subprocess.Popen | None = None
        self._log: IO[bytes] | None = None
        self._talk: threading.Thread | None = None
        self._job: tuple[str, Path, str | None] | None = None
        self._answer: bytes = b""

    def start(self) -> None:
        """Launch the printer (it gets ready on its own); nothing happens if it cannot be launched."""
        if self._started:
            return
        self._started = True
        if not self.COMMAND[0]:  # no Python to run (an embedded interpreter)
            return
        self._log = tempfile.TemporaryFile(prefix="lkjip-pdf-")  # noqa: SIM115 - closed in close()
        try:
            self._process = subprocess.Popen(
                self.COMMAND, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log, close_fds=True
            )
        except OSError:
            self._process = None

    def write(self, page_html: str, target: Path, *, status: str | None = None) -> None:
        """Hand the page to the printer and return; :meth:`wait` for the PDF."""
        self._job = (page_html, target, status)
        if self._process is None:
            return
        body = page_html.encode("utf-8")
        header = {"target": str(target), "status": status, "language": language(), "length": len(body)}
        payload = json.dumps(header).encode("utf-8") + b"\n" + body
        self._talk = threading.Thread(target=self._converse, args=(payload,), name="lkjip-pdf", daemon=True)
        self._talk.start()

    def _converse(self, payload: bytes) -> None:
        assert self._process is not None
        with contextlib.suppress(BaseException):  # the process died: no answer, and wait() tells
            self._answer, _unused = self._process.communicate(payload)

    def wait(self) -> None:
        """Return when the PDF is written; raise what printing it raised."""
        assert self._job is not None, "write() first"
        page_html, target, status = self._job
        lines: list[str] = []
        if self._talk is not None:
            while self._talk.is_alive():  # in short waits: a Ctrl-C is seen at once on every platform
                self._talk.join(0.2)
            lines = self._answer.decode("utf-8", "replace").splitlines()
        if not lines or lines[0] != "ready":  # no printer, or it never got going
            self._talk = None
            html_to_pdf(page_html, target, status=status)  # printed here, as without it
            return
        reply = json.loads(lines[1]) if len(lines) > 1 else None
        if reply is None:
            assert self._process is not None
            raise BuildError(
                _("the PDF printer stopped (exit code {code}) before it printed the report; it wrote: {log}").format(
                    code=self._process.returncode, log=self._tail() or _("nothing")
                )
            )
        if reply.get("done"):
            return
        if reply["error"] == "os":
            raise OSError(reply["errno"], reply["strerror"], reply["filename"])
        if reply["error"] == "crash":
            error = BuildError(_("the PDF could not be printed: {error}").format(error=reply["message"]))
            error.add_note(reply["traceback"].rstrip())
        else:
            error = BuildError(reply["message"])
            for note in reply["notes"]:
                error.add_note(note)
        raise error

    def _tail(self, lines: int = 5) -> str:
        if self._log is None:
            return ""
        self._log.seek(0)
        return " | ".join(self._log.read().decode("utf-8", "replace").strip().splitlines()[-lines:])

    def close(self) -> None:
        """Stop the printer if it still runs, and wait for it (also after a Ctrl-C or a failure)."""
        process, self._process = self._process, None
        if process is not None:
            if process.poll() is None:
                process.kill()
            if self._talk is not None:
                self._talk.join()  # communicate() returns once the process is gone, and closes the pipes
            else:
                for pipe in (process.stdin, process.stdout):
                    if pipe is not None:
                        pipe.close()
            process.wait()
        self._talk = None
        if self._log is not None:
            self._log.close()
            self._log = None
