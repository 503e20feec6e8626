"""Every chapter notebook runs under papermill on the seed dataset and on the synthetic one.

The notebooks run unchanged, from a temporary working folder (the default
dataset is found from the package), with the parameters the builder passes.
Their outputs follow docs/report-html.md: only ``text/html`` display outputs,
the chapter title first, unique ids, and the expected headings, tables,
figures and sentences.
"""

from __future__ import annotations

import copy
import importlib.util
import re
from pathlib import Path

import nbformat
import papermill
import pytest

from lkjipkit.config import notebooks_dir
from lkjipkit.publish.export import ReportOutputs

pytestmark = pytest.mark.slow

KOTA_CONTOH = Path(__file__).resolve().parent.parent / "data" / "kota-contoh"
DATASETS = {"seed": "", "kota-contoh": str(KOTA_CONTOH)}

EXAMPLE = (
    "Persentase pencari kerja yang ditempatkan di perusahaan mencapai 30,75 % dari target 25 % "
    "(capaian 123,00 %), naik 8,70 poin dibanding tahun 2015."
)
IMR = (
    "Angka kematian bayi (semakin rendah semakin baik) sebesar 14,2 per 1.000 kelahiran hidup, melebihi target "
    "12 per 1.000 kelahiran hidup (capaian 81,67 %) sehingga belum mencapai target, naik 0,7 per 1.000 kelahiran "
    "hidup dibanding tahun 2022 (memburuk)."
)
REVIEW = "Temuan Reviu atas Data LKjIP" if importlib.util.find_spec("lkjipkit.review") else "tidak tersedia"

#: Per notebook: the title id, headings that must appear (both datasets), the least numbers of tables
#: and figures, and sentences (or fragments) per dataset.
EXPECT = {
    "00_ikhtisar_eksekutif": {
        "bab": "ikhtisar",
        "headings": [],
        "tables": 0,
        "figures": 0,
        "text": {
            "seed": [
                "Dari 6 IKU yang terukur, 2 IKU mencapai target dan 4 IKU belum mencapai target.",
                "IKU yang mencapai target: persentase pencari kerja yang ditempatkan di perusahaan "
                "(30,75 % dari target 25 %; capaian 123,00 %) dan",
                "persentase PMKS yang mendapatkan bantuan (8,91 % dari target 20 %; capaian 44,55 %).",
                "realisasi keuangan mencapai Rp 7.016.295.114 (92,59 %)",
                "terbatasnya sumberdaya aparatur",
            ],
            "kota-contoh": [
                "Dari 5 IKU yang terukur, 2 IKU mencapai target dan 3 IKU belum mencapai target.",
                "angka kematian bayi (14,2 per 1.000 kelahiran hidup dari target paling tinggi "
                "12 per 1.000 kelahiran hidup; capaian 81,67 %)",
                "jumlah kejadian luar biasa (KLB) penyakit menular (0 kejadian dari target paling tinggi 0 kejadian)",
                "dipengaruhi oleh kasus BBLR",
                "Sebanyak 1 dari 8 kegiatan dibatalkan pada APBD Perubahan.",
            ],
        },
    },
    "01_pendahuluan": {
        "bab": "bab-1",
        "headings": [
            "1.1. Latar Belakang",
            "1.2. Struktur Organisasi",
            "1.3. Aspek Strategis Organisasi",
            "1.4. Isu-isu Strategis",
        ],
        "tables": 1,
        "figures": 0,
        "text": {
            "seed": [
                "Dinas Tenaga Kerja dan Sosial Kota Balikpapan dibentuk berdasarkan Peraturan Daerah",
                "Tabel 1.1 Aspek Strategis Disnakersos Kota Balikpapan",
            ],
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
                # a prose cell with live numbers
                "<p>Rencana kinerja tahunan Disnakersos Kota Balikpapan Tahun Anggaran 2016 terdiri atas 16 program "
                "dan 69 kegiatan dengan pagu APBD murni Rp 16.935.245.186:</p>",
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
    "03_akuntabilitas_kinerja": {
        "bab": "bab-3",
        "headings": ["3.1. Capaian Kinerja Organisasi", "3.1.1. Sasaran 1", "3.2. Realisasi Anggaran"],
        "tables": 8,
        "figures": 5,
        "text": {
            "seed": [
                EXAMPLE,
                "Standar Pelayanan Minimal Bidang Ketenagakerjaan",
                "Standar Pelayanan Minimal Bidang Sosial",
                "memperoleh nilai 50,32 (cukup, kategori CC)",
                "Realisasi keuangan mencapai Rp 7.016.295.114 atau 92,59 % dari pagu",
                '<td class="num">96,40</td><td class="num">96,50</td>',
                "Gambar 3.1 Target dan Realisasi IKU Tahun 2016",
                "rata-rata realisasi besaran tenaga kerja yang mendapatkan pelatihan berbasis kompetensi "
                "sebesar 60,77 %",
            ],
            "kota-contoh": [
                IMR,
                "Standar Pelayanan Minimal Bidang Kesehatan",
                "capaian tidak dapat dihitung: target 0 atau kosong",
                "tetap sama dengan tahun 2022",
                "(capaian 120,00 %, dibatasi; tanpa batas 125,00 %)",
                "dipotong pada APBD-P (pagu 0)",
                "1 kegiatan dibatalkan pada APBD-P (Pengadaan Alat Kesehatan Puskesmas)",
                "Pelayanan kesehatan orang dengan gangguan jiwa (ODGJ) berat: Jumlah Sasaran dan yang Terlayani, "
                "2021–2023",
            ],
        },
    },
    "04_penutup": {
        "bab": "bab-4",
        "headings": ["4.1. Kesimpulan", "4.2. Langkah Perbaikan"],
        "tables": 0,
        "figures": 0,
        "text": {
            "seed": [
                "2 IKU (33,33 %) mencapai target",
                '<div class="ttd"><p>Balikpapan, Februari 2017</p>',
                "Good Government",
            ],
            "kota-contoh": [
                "2 IKU (40,00 %) mencapai target",
                '<p>Contoh, Februari 2024</p><p class="jabatan">KEPALA DINAS KESEHATAN KOTA CONTOH</p>',
                '<p class="nama">dr. Siti Rahmawati, M.Kes</p>',
                "Sweeping imunisasi",
            ],
        },
    },
    "05_lampiran": {
        "bab": "lampiran",
        "headings": ["Lampiran 1. Perjanjian Kinerja", "Lampiran 2. Hasil Reviu", "Lampiran 3. Tim Penyusun"],
        "tables": 3,
        "figures": 0,
        "text": {
            "seed": ["PERJANJIAN KINERJA TAHUN 2016", "Tabel L.1 Perjanjian Kinerja", REVIEW, "TIRTA DEWI"],
            "kota-contoh": ["PERJANJIAN KINERJA TAHUN 2023", REVIEW, "Budi Santoso, SKM"],
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
    """What the chapter puts in the report, piece by piece: its text/html outputs and its prose cells (as the
    exporter renders them, placeholders filled in from the notebook's parameters), checking on the way that
    nothing else is output."""
    for i, cell in enumerate(nb.cells):
        for o in cell.get("outputs", []):
            assert o["output_type"] == "display_data", f"cell {i}: {o['output_type']} output {o.get('text', '')!r}"
            assert "text/html" in o["data"], f"cell {i}: output without text/html"
    kept, resources = ReportOutputs().preprocess(copy.deepcopy(nb), {})
    assert resources["lkjip"]["dropped"] == []
    return [o["data"]["text/html"] for c in kept.cells for o in c.outputs]


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
        assert any(x.startswith(h) for x in headings), f"{h!r} not in {headings}"
    captions = re.findall(r"<caption>(Tabel [^<]*)</caption>", page)
    assert len(captions) >= exp["tables"]
    assert len(re.findall(r'<figure class="lkjip" id="gambar-', page)) >= exp["figures"]
    assert "Traceback" not in page and "<script" not in page
    for fragment in exp["text"][which]:
        assert fragment in page, fragment


def test_a_year_other_than_the_latest(run):
    """year=2022 of the synthetic dataset: its own texts (standard ones where 2022 has none), its own numbers."""
    intro = "\n".join(html_outputs(run("01_pendahuluan", "kota-contoh", 2022)))
    assert "Peraturan Presiden Nomor 29 Tahun 2014" in intro  # the standard background text
    page = "\n".join(html_outputs(run("03_akuntabilitas_kinerja", "kota-contoh", 2022)))
    assert "Capaian Kinerja Dinkes Kota Contoh Tahun 2022" in page
    assert "dibanding tahun 2021" in page
    assert "Tahun 2021–2022" in page
    assert "2023" not in re.sub(r"Renstra[^.]*", "", page.split("Realisasi Anggaran")[0])
