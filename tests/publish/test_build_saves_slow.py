"""A chapter's executed notebook is written once, when it ends, and still kept when the chapter times out.

papermill's default rewrites the whole notebook at every cell's start and end (about 160 saves a build,
each serialising and validating every output so far); the builder asks it not to and writes what it ran
when a timeout or a dead kernel stops a chapter. Real builds (kernels, papermill) of the small fixture
chapters.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import nbformat
import papermill.engines
import papermill.execute
import papermill.iorw
import pytest
from build_helpers import REPORT_CHAPTERS
from nbformat.v4 import new_code_cell

from lkjipkit.errors import ChapterExecutionError
from lkjipkit.publish import build_report

pytestmark = pytest.mark.slow


def test_each_chapter_notebook_is_written_once(seed_path, tmp_path, monkeypatch):
    writes: Counter[str] = Counter()
    real = papermill.iorw.write_ipynb

    def counted(nb, path, *args, **kwargs):
        writes[Path(path).name] += 1
        return real(nb, path, *args, **kwargs)

    for module in (papermill.iorw, papermill.engines, papermill.execute):
        monkeypatch.setattr(module, "write_ipynb", counted)
    result = build_report(seed_path, 2016, tmp_path / "out", formats="html", notebooks=REPORT_CHAPTERS, progress=False)
    chapters = sorted(p.name for p in REPORT_CHAPTERS.glob("*.ipynb"))
    assert writes == Counter({name: 1 for name in chapters})
    for name in chapters:  # and what was written is the executed chapter, outputs and all
        nb = nbformat.read(result.out_dir / "notebooks" / name, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(c.execution_count for c in code), name
        assert any(c.outputs for c in code), name


def test_a_chapter_that_times_out_is_kept_as_far_as_it_ran(seed_path, tmp_path):
    dataset = tmp_path / "ds"
    shutil.copytree(seed_path, dataset)
    (dataset / "notebooks").mkdir()
    slow = nbformat.read(REPORT_CHAPTERS / "00_ikhtisar.ipynb", as_version=4)
    slow.cells = [slow.cells[0], new_code_cell("sudah = 'jalan'\nsudah"), new_code_cell("import time\ntime.sleep(600)")]
    nbformat.write(slow, dataset / "notebooks" / "02a_lambat.ipynb")
    with pytest.raises(ChapterExecutionError) as err:
        build_report(
            dataset, 2016, tmp_path / "out", formats="html", notebooks=REPORT_CHAPTERS, progress=False, timeout=30
        )
    e = err.value
    assert (e.chapter, e.cell_index) == ("02a_lambat", 3)
    kept = nbformat.read(Path(e.notebook_path), as_version=4)
    ran = [c for c in kept.cells if c.cell_type == "code" and c.outputs]
    assert any("'jalan'" in str(o.get("data", {}).get("text/plain", "")) for c in ran for o in c.outputs)
