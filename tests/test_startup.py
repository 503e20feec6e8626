"""What each command imports: only what it needs (issue 18: ``lkjip --help`` and ``lkjip validate`` start fast).

Each check runs in a fresh interpreter, the way the command starts; no timings, only the modules loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HEAVY = (
    "pandas",
    "pandera",
    "hypothesis",
    "matplotlib",
    "jinja2",
    "nbformat",
    "papermill",
    "weasyprint",
    "PIL",
    "openpyxl",
    "babel",
)
"""What a command should import only when it needs it: the data and build stacks, and the libraries only some
paths use (openpyxl: a workbook; Babel: numbers in a message or a text that is not a number)."""


def _loaded_after(args: list[str], then: str = "") -> list[str]:
    """The modules of :data:`HEAVY` loaded after ``lkjip ARGS`` ran in a fresh interpreter (after ``then``)."""
    code = (
        "import json, sys\n"
        "from lkjipkit.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
        f"{then}\n"
        f"print(json.dumps([m for m in {HEAVY!r} if sys.modules.get(m) is not None]))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_help_imports_no_data_library():
    assert _loaded_after(["--help"]) == []


def test_validate_imports_pandas_and_pandera_and_nothing_of_the_build(seed_path: Path):
    # a folder of good data: no openpyxl (workbooks only) and no Babel (only a message formats a number)
    assert _loaded_after(["validate", str(seed_path)]) == ["pandas", "pandera"]


def test_validate_imports_babel_for_a_text_that_is_not_a_number(seed_path: Path, tmp_path: Path):
    import shutil

    bad = tmp_path / "data"
    shutil.copytree(seed_path, bad)
    iku = bad / "iku_tahunan.csv"
    header, first, *rest = iku.read_text(encoding="utf-8").splitlines()
    cells = first.split(",")
    cells[header.split(",").index("target")] = "sembilan"
    iku.write_text("\n".join([header, ",".join(cells), *rest]) + "\n", encoding="utf-8")
    assert "babel" in _loaded_after(["validate", str(bad)])


def test_tables_and_the_review_import_no_matplotlib(seed_path: Path, tmp_path: Path):
    # the review's fact-check reads the chapters' prose cells (lkjipkit.report.prose, as the builder's does):
    # only a chapter that draws a figure needs matplotlib
    tables = ["tables", str(seed_path), "--out", str(tmp_path / "tabel"), "--format", "csv,xlsx"]
    assert "matplotlib" not in _loaded_after(tables)
    assert "matplotlib" not in _loaded_after(["review", str(seed_path)])
    assert "matplotlib" in _loaded_after(["review", str(seed_path)], then="import lkjipkit.report.figures")


def test_hypothesis_stays_importable_after_a_validation(seed_path: Path):
    assert "hypothesis" in _loaded_after(["validate", str(seed_path)], then="import hypothesis")


def test_a_warm_kernel_imports_the_chapters_stack_but_not_the_validation():
    """A kernel imports what the chapters use once (:func:`lkjipkit.publish._kernel.preload`); pandera is
    imported only to validate, which a chapter handed the build's validated dataset never does."""
    code = (
        "import json, sys\n"
        "import lkjipkit.publish._kernel as k\n"
        "assert k.preload(['IPython.display', 'lkjipkit.report']) == []\n"
        f"print(json.dumps([m for m in {HEAVY!r} if sys.modules.get(m) is not None]))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert {"pandas", "matplotlib", "jinja2"} <= set(loaded)
    assert "pandera" not in loaded and "papermill" not in loaded and "weasyprint" not in loaded
