"""Paths and helpers shared by the build tests (imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from lkjipkit.publish.execute import ChapterRun, Failure

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REPORT_CHAPTERS = FIXTURES / "report"
BROKEN_CHAPTERS = FIXTURES / "broken"


def still_running(pids: set[int]) -> set[int]:
    """Of ``pids``, those still running (not ended, not a zombie) after up to ten seconds' grace."""
    import psutil

    for _ in range(50):
        alive = {p for p in pids if psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE}
        if not alive:
            break
        time.sleep(0.2)
    return alive


def needs(program: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(shutil.which(program) is None, reason=f"{program} is not installed (scripts/setup.sh)")


#: The cause of the failure :class:`FakeExecutor` reports for the chapter named in its ``fail``.
CAUSE = "data/x: 1 error\nanggaran.csv:5:pagu_murni: must be at least 0; found -1"


def _executed(html):
    params = new_code_cell('dataset = ""\nyear = 0')
    params.metadata["tags"] = ["parameters"]
    cell = new_code_cell("from lkjipkit import report  # code never shown")
    cell.outputs = [new_output("display_data", data={"text/html": html, "text/plain": "x"})]
    return new_notebook(cells=[params, cell])


class FakeExecutor:
    """Stands in for execute.Executor (fixture ``fake``): 'runs' each chapter by writing an executed notebook."""

    fail: str | None = None

    def __init__(self, chapters, jobs=None, reuse_kernels=True, timeout=None, listener=None, lanes=None):
        self.chapters = chapters
        self.jobs = jobs or 2

    def start(self):
        pass

    def submit(self, parameters, out_dir, order=None, *, environment=None):
        out_dir.mkdir(parents=True, exist_ok=True)
        FakeExecutor.environment = dict(environment or {})
        FakeExecutor.handed_over = {k: Path(v).is_file() for k, v in FakeExecutor.environment.items() if "/" in v}
        self.runs = []
        for i, ch in enumerate(self.chapters):
            run = ChapterRun(ch, out_dir / ch.path.name, seconds=0.1, lane=0, warm=True)
            title = f'<h1 class="bab" id="bab-{i + 1}">BAB {i + 1}<br>{ch.name.upper()}</h1>'
            body = f"<p>{parameters['year']} · Rp 7.016.295.114 · 92,59 %</p>"
            nbformat.write(_executed(title + body), run.output)
            if ch.name == self.fail:
                run.failure = Failure(3, "DatasetError", CAUSE)
            self.runs.append(run)
        return self.runs

    def completed(self):
        yield from self.runs

    def wait(self):
        return self.runs

    def close(self, kill=False):
        self.killed = kill

    def kernel_output(self):
        return b"[IPKernelApp] kernel chatter\n"
