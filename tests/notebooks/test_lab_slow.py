"""JupyterLab as `make lab` starts it (rooted at the project, on notebooks/), a chapter open in headless Chromium.

The check is on the page Chromium rendered (its DOM after the scripts ran) and on the screenshot's pixels: the
chapter's cells are there, its prose cells among them, and the file browser is at the project root.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from lkjipkit.config import PROJECT_ROOT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed (scripts/setup.sh)"),
]
CHAPTER = "notebooks/02_perencanaan_kinerja.ipynb"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def lab():
    port = _free_port()
    args = [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", f"--port={port}"]
    args += ["--ServerApp.token=", "--ServerApp.password=", f"--ServerApp.root_dir={PROJECT_ROOT}"]
    if os.geteuid() == 0:
        args.append("--allow-root")
    server = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/lab/tree/{CHAPTER}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(url, timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("JupyterLab did not start")
                time.sleep(1)
        yield url
    finally:
        server.terminate()
        server.wait(30)


def _chromium(*args: str) -> subprocess.CompletedProcess:
    base = ["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"]
    return subprocess.run([*base, "--virtual-time-budget=30000", *args], capture_output=True, text=True, timeout=180)


def test_jupyterlab_shows_a_chapter_with_its_prose_cells(lab, tmp_path):
    from PIL import Image

    dom = _chromium("--dump-dom", lab).stdout
    assert "jp-Notebook" in dom and "jp-MarkdownCell" in dom
    assert "dijelaskan pada tabel" in dom and "{{ instansi.singkat }}" in dom  # a prose cell, as written
    assert "renstra_table" in dom  # a code cell (CodeMirror splits it into tokens)
    assert "README.md" in dom and "05_lampiran" in dom  # the file browser lists notebooks/
    shot = tmp_path / "lab.png"
    _chromium(f"--screenshot={shot}", lab)
    image = Image.open(shot).convert("L")
    assert image.size == (1280, 900)
    assert len(image.getcolors(256)) > 50, "the screenshot is not a blank page"
