"""The PDF printer's own process: ``python -P -m lkjipkit.publish._printer``, started by
:class:`lkjipkit.publish.pdf.PdfPrinter` while the chapters still run.

It imports WeasyPrint at once (about a second), says ``ready`` on stdout, and waits for one job on stdin:
a JSON line (``target``, ``status``, ``language``, ``length``) and then ``length`` bytes of the report
page in UTF-8. It prints the page with :func:`~lkjipkit.publish.pdf.html_to_pdf` into ``target`` and
answers with one JSON line: ``{"done": true}`` or what went wrong (an lkjipkit error's message and notes,
an OSError's errno and file name, or any other exception's traceback). No job (stdin closed first: the
build stopped or failed) ends it quietly.

Ctrl-C is ignored here: the build that started it stops it (``PdfPrinter.close``). Its stdout is kept for
the answer alone; anything a library prints goes to stderr, which the build keeps and shows only if the
printer fails.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import traceback
from pathlib import Path


def main() -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    answer = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a library's print() must not mix with the answer

    import weasyprint  # noqa: F401 - the second this process exists for: before the page is ready

    from lkjipkit.errors import LkjipError
    from lkjipkit.i18n import set_language
    from lkjipkit.publish.pdf import html_to_pdf

    answer.write("ready\n")
    answer.flush()
    header = sys.stdin.buffer.readline()
    if not header.strip():
        return 0
    job = json.loads(header)
    page = sys.stdin.buffer.read(job["length"]).decode("utf-8")
    set_language(job["language"])
    try:
        html_to_pdf(page, Path(job["target"]), status=job["status"])
        reply: dict = {"done": True}
    except LkjipError as exc:
        reply = {"error": "lkjip", "message": str(exc), "notes": list(getattr(exc, "__notes__", ()))}
    except OSError as exc:
        reply = {"error": "os", "errno": exc.errno, "strerror": exc.strerror, "filename": exc.filename}
    except BaseException as exc:  # reported to the build, which raises it there
        reply = {"error": "crash", "message": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc()}
    answer.write(json.dumps(reply) + "\n")
    answer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
