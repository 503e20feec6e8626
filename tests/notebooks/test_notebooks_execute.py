"""Every chapter notebook runs under papermill on the seed dataset and on the synthetic one.

The notebooks run unchanged, from a temporary working folder (the default
dataset is found from the package), with the parameters the builder passes.
Their outputs follow docs/report-html.md: only ``text/html`` display outputs,
the chapter title first, unique ids, and the expected headings, tables,
figures and sentences.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import papermill
import pytest

from lkjipkit.config import notebooks_dir

pytestmark = pytest.mark.slow

KOTA_CONTOH = Path(__file__).resolve().parent.parent / "data" / "kota-contoh"
DATASETS = {"seed": "", "kota-contoh": str(KOTA_CONTOH)}

#: Per notebook: the title id, headings that must appear (both datasets), the least numbers of tables
#: and figures, and sentences (or fragments) per dataset.
EXPECT = {
    "01_pendahuluan": {
        "bab": "bab-1",
        "headings": ["1.1. Latar Belakang", "1.2. Struktur Organisasi", "1.3. Aspek Strategis Organisasi"],
        "tables": 1,
        "figures": 0,
        "text": {
            "seed": ["Dinas Tenaga Kerja dan Sosial Kota Balikpapan dibentuk berdasarkan Peraturan Daerah"],
            "kota-contoh": [
                "sebagai wujud <strong>akuntabilitas</strong> &lt;kinerja&gt; dinas",
                "Tabel 1.1 Aspek Strategis",
            ],
        },
    },
    "02_perencanaan_kinerja": {
        "bab": "bab-2",
        "headings": ["2.1. Rencana Strategis", "2.2. Rencana Kinerja Tahunan", "2.3. Perjanjian Kinerja"],
        "tables": 4,
        "figures": 0,
        "text": {
            "seed": [
                "Tabel 2.1 Tujuan, Sasaran, Indikator dan Target Kinerja Disnakersos Kota Balikpapan Tahun 2016",
                '<td class="num">16.935.245.186</td>',
                '<td class="num">7.577.432.700</td>',
            ],
            "kota-contoh": [
                "Angka kematian bayi *",
                "Target Akhir Renstra (2026)",
                '<td class="num">7.815.000.000</td>',
            ],
        },
    },
}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    cache: dict = {}

    def execute(name: str, which: str, year: int = 0):
        key = (name, which, year)
        if key not in cache:
            folder = tmp_path_factory.mktemp(f"{name}-{which}")
            out = folder / f"{name}.ipynb"
            papermill.execute_notebook(
                str(notebooks_dir() / f"{name}.ipynb"),
                str(out),
                parameters={"dataset": DATASETS[which], "year": year},
                cwd=str(folder),
                kernel_name="python3",
                progress_bar=False,
            )
            cache[key] = nbformat.read(out, as_version=4)
        return cache[key]

    return execute


def html_outputs(nb) -> list[str]:
    """The text/html outputs, checking on the way that nothing else is output."""
    out = []
    for i, cell in enumerate(nb.cells):
        for o in cell.get("outputs", []):
            assert o["output_type"] == "display_data", f"cell {i}: {o['output_type']} output {o.get('text', '')!r}"
            assert "text/html" in o["data"], f"cell {i}: output without text/html"
            out.append(o["data"]["text/html"])
    return out


CASES = [(name, which) for name in EXPECT for which in DATASETS if (notebooks_dir() / f"{name}.ipynb").exists()]


@pytest.mark.parametrize(("name", "which"), CASES, ids=[f"{n}-{w}" for n, w in CASES])
def test_notebook_output(run, name, which):
    exp = EXPECT[name]
    pieces = html_outputs(run(name, which))
    assert pieces, "no output"
    assert pieces[0].startswith(f'<h1 class="bab" id="{exp["bab"]}">')
    page = "\n".join(pieces)
    assert page.count("<h1") == 1
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "ids are unique"
    headings = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", page)]
    for h in exp["headings"]:
        assert h in headings, f"{h!r} not in {headings}"
    captions = re.findall(r"<caption>(Tabel [^<]*)</caption>", page)
    assert len(captions) >= exp["tables"]
    assert len(re.findall(r'<figure class="lkjip" id="gambar-', page)) >= exp["figures"]
    assert "Traceback" not in page and "<script" not in page
    for fragment in exp["text"][which]:
        assert fragment in page, fragment
