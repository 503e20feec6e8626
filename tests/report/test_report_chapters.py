"""Chapters in-process (fast): the entry point, numbering, and the whole report's ids.

The notebooks' cells are executed here with ``exec`` and a ``display`` that
collects the blocks (prose cells rendered as the exporter does), so every
chapter of both datasets is checked in seconds; tests/notebooks/ runs the same
notebooks for real under papermill.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from lkjipkit.config import default_dataset, notebooks_dir
from lkjipkit.errors import LkjipError, YearError
from lkjipkit.report import Block, open_chapter
from lkjipkit.report.prose import render_prose, vocabulary


def run_notebook(path, dataset, year) -> list[Block]:
    nb = nbformat.read(path, as_version=4)
    shown: list[Block] = []
    ns: dict = {}
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":  # prose, as the exporter renders it with the chapter's year
            bab = ns["bab"]
            names = vocabulary(bab.ds, bab.year, bab.analysis)
            shown.append(Block(render_prose(cell.source, names, where=f"{path.stem}, cell {i + 1}")))
            continue
        exec(compile(cell.source, f"{path.name}[{i}]", "exec"), ns)
        if i == 0:
            ns.update(dataset=str(dataset), year=year)  # what papermill injects after the parameters cell
        if i == 1:
            ns["display"] = shown.append
    return shown


@pytest.fixture(scope="module")
def reports(kota_contoh_path):
    out = {}
    for which, path, year in (
        ("seed", "", 0),
        ("kota-contoh", kota_contoh_path, 0),
        ("kota-2022", kota_contoh_path, 2022),
    ):
        out[which] = {p.stem: run_notebook(p, path, year) for p in sorted(notebooks_dir().glob("[0-9][0-9]_*.ipynb"))}
    return out


@pytest.mark.parametrize("which", ["seed", "kota-contoh", "kota-2022"])
def test_every_output_is_a_block(reports, which):
    for name, blocks in reports[which].items():
        assert blocks, name
        assert all(isinstance(b, Block) for b in blocks), name
        assert str(blocks[0]).startswith('<h1 class="bab" id="'), name


@pytest.mark.parametrize("which", ["seed", "kota-contoh", "kota-2022"])
def test_ids_are_unique_in_the_whole_report(reports, which):
    page = "\n".join(str(b) for blocks in reports[which].values() for b in blocks)
    ids = re.findall(r'\bid="([^"]+)"', page)
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert not dupes
    assert {"ikhtisar", "bab-1", "bab-2", "bab-3", "bab-4", "lampiran"} <= set(ids)


@pytest.mark.parametrize("which", ["seed", "kota-contoh", "kota-2022"])
def test_tables_and_figures_are_numbered_in_order(reports, which):
    for name, blocks in reports[which].items():
        page = "\n".join(map(str, blocks))
        for kind, tag in (
            ("Tabel", r"<caption>Tabel ([0-9A-Z]+)\.(\d+) "),
            ("Gambar", r"<figcaption>Gambar ([0-9A-Z]+)\.(\d+) "),
        ):
            found = re.findall(tag, page)
            assert [int(n) for _, n in found] == list(range(1, len(found) + 1)), (name, kind, found)
            assert len({c for c, _ in found}) <= 1, (name, kind, found)
        ids = re.findall(r'<table class="lkjip[^"]*" id="tabel-([a-z0-9]+)-(\d+)"', page)
        assert [int(n) for _, n in ids] == list(range(1, len(ids) + 1)), name


def test_sections_and_subsections(reports):
    page = "\n".join(map(str, reports["seed"]["03_akuntabilitas_kinerja"]))
    h = re.findall(r'<h([23]) id="([^"]+)">([^<]*)</h[23]>', page)
    assert h[0] == ("2", "s-3-1", "3.1. Capaian Kinerja Organisasi")
    assert ("3", "s-3-1-1", "3.1.1. Sasaran 1: Peningkatan kualitas tenaga kerja") in h
    assert ("3", "s-3-1-5", "3.1.5. Standar Pelayanan Minimal Bidang Ketenagakerjaan") in h
    assert ("3", "s-3-1-6", "3.1.6. Standar Pelayanan Minimal Bidang Sosial") in h
    assert h[-1] == ("2", "s-3-2", "3.2. Realisasi Anggaran")


def test_open_chapter_defaults_to_the_embedded_dataset_and_latest_year():
    bab = open_chapter("", 0, chapter=1)
    assert bab.ds.source == default_dataset()
    assert bab.year == 2016
    assert open_chapter(None, None, "01").year == 2016
    assert type(open_chapter("", "2016", "lampiran")).__name__ == "Appendix"


def test_open_chapter_errors(kota_contoh_path):
    with pytest.raises(YearError, match="2022, 2023"):
        open_chapter(kota_contoh_path, 2030, chapter=1)
    with pytest.raises(LkjipError, match="no chapter"):
        open_chapter("", 0, chapter=9)


def test_running_a_cell_again_keeps_its_numbers():
    bab = open_chapter("", 0, chapter=3)
    first = str(bab.section("Capaian Kinerja Organisasi"))
    table = str(bab.achievement_table())
    bab.section("Realisasi Anggaran")
    assert str(bab.section("Capaian Kinerja Organisasi")) == first
    assert str(bab.achievement_table()) == table


def test_figures_are_deterministic():
    a = str(open_chapter("", 0, chapter=3).budget_figure())
    b = str(open_chapter("", 0, chapter=3).budget_figure())
    assert a == b
