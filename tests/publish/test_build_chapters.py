"""Finding and checking chapter notebooks before anything runs."""

from __future__ import annotations

import shutil

import nbformat
import pytest
from build_helpers import FIXTURES
from nbformat.v4 import new_code_cell, new_notebook

from lkjipkit.errors import BuildError
from lkjipkit.publish.chapters import copy_default_chapters, find_chapters, resolve_chapters


def _notebook(path, *sources, tags=("parameters",)):
    cells = [new_code_cell(s) for s in sources]
    if cells and tags:
        cells[0].metadata["tags"] = list(tags)
    nbformat.write(new_notebook(cells=cells), path)
    return path


def test_chapters_come_in_name_order_and_other_files_are_ignored(tmp_path):
    params = 'dataset = ""  # empty: the embedded dataset\nyear = 0  # 0: the latest year'
    for name in ("03_akuntabilitas.ipynb", "00_ikhtisar.ipynb", "01_pendahuluan.ipynb"):
        _notebook(tmp_path / name, params, "import pandas as pd\nfrom lkjipkit.report import html")
    _notebook(tmp_path / "scratch.ipynb", "x = 1", tags=())  # not a chapter: exploration lives apart
    _notebook(tmp_path / "1_short.ipynb", "x = 1", tags=())
    (tmp_path / ".ipynb_checkpoints").mkdir()
    shutil.copy(tmp_path / "00_ikhtisar.ipynb", tmp_path / ".ipynb_checkpoints" / "00_ikhtisar-checkpoint.ipynb")

    chapters = find_chapters(tmp_path)

    assert [c.name for c in chapters] == ["00_ikhtisar", "01_pendahuluan", "03_akuntabilitas"]
    assert chapters[0].imports == ("lkjipkit.report", "pandas")
    assert chapters[0].code_cells == 2
    assert len(chapters[0].sha256) == 64


def test_a_chapter_without_parameters_cell_is_refused_before_running():
    with pytest.raises(BuildError, match=r"01_tanpa_parameter\.ipynb: no cell tagged 'parameters'"):
        find_chapters(FIXTURES / "no_parameters")


def test_a_parameters_cell_must_set_dataset_and_year(tmp_path):
    _notebook(tmp_path / "01_x.ipynb", 'dataset = ""')
    with pytest.raises(BuildError, match="does not set year"):
        find_chapters(tmp_path)


def test_annotated_parameters_count(tmp_path):
    _notebook(tmp_path / "01_x.ipynb", 'dataset: str = ""\nyear: int = 0\n%matplotlib inline')
    assert find_chapters(tmp_path)[0].name == "01_x"


def test_missing_or_empty_notebooks_folder(tmp_path):
    with pytest.raises(BuildError, match="no such notebooks folder"):
        find_chapters(tmp_path / "nope")
    with pytest.raises(BuildError, match="no chapter notebooks"):
        find_chapters(tmp_path)


def test_an_unreadable_notebook_is_named(tmp_path):
    (tmp_path / "01_rusak.ipynb").write_text("{not json")
    with pytest.raises(BuildError, match=r"01_rusak\.ipynb: not a readable notebook"):
        find_chapters(tmp_path)


PARAMS = 'dataset = ""\nyear = 0'


def test_a_dataset_s_own_chapters_replace_and_extend_the_defaults_by_file_name(tmp_path):
    defaults, dataset = tmp_path / "defaults", tmp_path / "ds"
    (dataset / "notebooks").mkdir(parents=True)
    defaults.mkdir()
    for name in ("00_ikhtisar", "03_akuntabilitas", "04_penutup"):
        _notebook(defaults / f"{name}.ipynb", PARAMS)
    own = _notebook(dataset / "notebooks" / "04_penutup.ipynb", PARAMS, "x = 'diubah'")
    _notebook(dataset / "notebooks" / "03a_capaian_lainnya.ipynb", PARAMS)
    _notebook(dataset / "notebooks" / "catatan.ipynb", "x = 1", tags=())  # not a chapter

    chapters = resolve_chapters(dataset, defaults)

    assert [(c.name, c.origin) for c in chapters] == [
        ("00_ikhtisar", "default"),
        ("03_akuntabilitas", "default"),
        ("03a_capaian_lainnya", "dataset"),  # an added chapter sorts in after the chapter it follows
        ("04_penutup", "dataset"),
    ]
    assert chapters[-1].path == own
    # a workbook, or a folder without notebooks/, has the defaults alone
    assert [c.origin for c in resolve_chapters(tmp_path / "data.xlsx", defaults)] == ["default"] * 3


def test_copying_the_default_chapters_refuses_to_overwrite_an_analyst_s_edits(tmp_path):
    defaults, dataset = tmp_path / "defaults", tmp_path / "ds"
    defaults.mkdir()
    dataset.mkdir()
    _notebook(defaults / "01_pendahuluan.ipynb", PARAMS)
    copied = copy_default_chapters(dataset, defaults)
    assert copied == [dataset / "notebooks" / "01_pendahuluan.ipynb"]
    copied[0].write_text("edited")
    with pytest.raises(BuildError, match=r"01_pendahuluan\.ipynb already there; edit them, or add --overwrite"):
        copy_default_chapters(dataset, defaults)
    assert copied[0].read_text() == "edited"
    copy_default_chapters(dataset, defaults, overwrite=True)
    nb = nbformat.read(copied[0], as_version=4)
    assert (
        nb.cells[0].source
        == 'dataset = ".."  # this dataset: the folder above notebooks/ (the build passes its own)\nyear = 0'
    )
    with pytest.raises(BuildError, match="not a dataset folder"):
        copy_default_chapters(tmp_path / "data.xlsx", defaults)
