"""The chapter notebooks as committed: no outputs, one parameters cell, no logic, only lkjipkit and IPython;
their Markdown (prose) cells use only names of the prose vocabulary.

Logic lives in the library (docs/report-html.md, style.md): a notebook opens its
chapter and displays it, one display call per cell, with prose cells between.
These checks read the notebooks' code with ``ast``; they do not run it. The prose
cells are rendered with the vocabulary of both datasets, every report year.
"""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest

from lkjipkit.config import notebooks_dir

NOTEBOOKS = sorted(notebooks_dir().glob("[0-9][0-9]_*.ipynb"))
EXPECTED = [
    "00_ikhtisar_eksekutif",
    "01_pendahuluan",
    "02_perencanaan_kinerja",
    "03_akuntabilitas_kinerja",
    "04_penutup",
    "05_lampiran",
]
PARAMETERS = (
    'dataset = ""  # folder or .xlsx; empty: the embedded dataset\nyear = 0  # 0: the latest year of the dataset\n'
    'status = ""  # "draft" or "final"; empty: the status in laporan.yaml (default draft)'
)
FORBIDDEN = (
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.Lambda,
    ast.For,
    ast.AsyncFor,
    ast.While,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
)


def ids(path: Path) -> str:
    return path.stem


def read(path: Path):
    return nbformat.read(path, as_version=4)


def test_one_notebook_per_chapter_in_report_order():
    assert [p.stem for p in NOTEBOOKS] == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_committed_without_outputs(path):
    nb = read(path)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"cell {i} has outputs; clear them before committing"
            assert cell.execution_count is None, f"cell {i} has an execution count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_exactly_one_parameters_cell_first(path):
    nb = read(path)
    tagged = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1
    assert nb.cells[0] is tagged[0], "the parameters cell comes first"
    assert tagged[0].source == PARAMETERS
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_only_code_and_markdown_cells(path):
    """Raw cells never reach the report (the build refuses them); prose is a Markdown cell."""
    assert {c.cell_type for c in read(path).cells} <= {"code", "markdown"}


def _datasets_and_years():
    from lkjipkit import load_dataset
    from lkjipkit.config import default_dataset

    kota = Path(__file__).resolve().parents[1] / "data" / "kota-contoh"
    for folder in (default_dataset(), kota):
        ds = load_dataset(folder)
        for year in ds.years:
            yield ds, year


@pytest.fixture(scope="module")
def vocabularies():
    from lkjipkit.report.prose import vocabulary

    return [(f"{ds.slug} {year}", vocabulary(ds, year)) for ds, year in _datasets_and_years()]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_markdown_placeholders_resolve_on_every_dataset_and_year(path, vocabularies):
    from lkjipkit.report.prose import render_prose

    for number, cell in enumerate(read(path).cells, start=1):
        if cell.cell_type == "markdown":
            for which, names in vocabularies:
                render_prose(cell.source, names, where=f"{path.stem}, cell {number} ({which})")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_no_definitions_loops_or_foreign_imports(path):
    nb = read(path)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        for node in ast.walk(tree):
            assert not isinstance(node, FORBIDDEN), f"cell {i}: {type(node).__name__} belongs in lkjipkit"
            if isinstance(node, ast.Import):
                roots = {a.name.split(".")[0] for a in node.names}
                assert roots <= {"lkjipkit", "IPython"}, f"cell {i} imports {roots}"
            if isinstance(node, ast.ImportFrom):
                assert (node.module or "").split(".")[0] in {"lkjipkit", "IPython"}, f"cell {i} imports {node.module}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_shape_parameters_imports_open_then_one_display_per_cell(path):
    cells = [ast.parse(c.source) for c in read(path).cells if c.cell_type == "code"]
    assert all(isinstance(n, ast.Import | ast.ImportFrom) for n in cells[1].body), "cell 1 imports"
    opened = cells[2].body
    assert len(opened) == 1 and isinstance(opened[0], ast.Assign), "cell 2 opens the chapter"
    call = opened[0].value
    assert isinstance(call, ast.Call) and getattr(call.func, "id", None) == "open_chapter"
    assert [getattr(a, "id", None) for a in call.args[:2]] == ["dataset", "year"]
    status = [k.value for k in call.keywords if k.arg == "status"]
    assert [getattr(v, "id", None) for v in status] == ["status"], "the status parameter reaches open_chapter"
    for i, tree in enumerate(cells[3:], start=3):
        assert len(tree.body) == 1, f"cell {i}: one statement per cell"
        stmt = tree.body[0]
        assert isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call), f"cell {i}: a display call"
        assert getattr(stmt.value.func, "id", None) == "display", f"cell {i}: a display call"
        assert len(stmt.value.args) == 1, f"cell {i}: display one piece per cell"
