"""The front matter (cover, Kata Pengantar, signature) made from the dataset."""

from __future__ import annotations

import base64
import shutil

from PIL import Image

from lkjipkit.dataset import load_dataset
from lkjipkit.report.front import PEDOMAN_PENGANTAR, front_matter, kata_pengantar_blocks


def test_guidelines_list_follows_the_paragraph_that_introduces_it():
    blocks = [str(b) for b in kata_pengantar_blocks("Satu.\n\nBerpedoman kepada :\n\nTiga.", ["A;", "B <b>."])]
    assert blocks == [
        "<p>Satu.</p>",
        "<p>Berpedoman kepada :</p>",
        '<ol class="pedoman"><li>A;</li><li>B &lt;b&gt;.</li></ol>',
        "<p>Tiga.</p>",
    ]
    no_colon = [str(b) for b in kata_pengantar_blocks("Tanpa titik dua.", ["A"])]
    assert no_colon == ["<p>Tanpa titik dua.</p>", f"<p>{PEDOMAN_PENGANTAR}</p>", '<ol class="pedoman"><li>A</li></ol>']
    assert kata_pengantar_blocks(None, []) == []


def test_front_matter_from_the_embedded_dataset(seed):
    front = front_matter(seed, 2016)
    assert (front.year, front.instansi, front.pemerintah, front.terbit) == (
        2016,
        "Dinas Tenaga Kerja dan Sosial",
        "Kota Balikpapan",
        "Februari 2017",  # the month from Babel's Indonesian names
    )
    assert front.logo is None  # the dataset has no logo: an empty slot
    assert "berpedoman kepada :" in str(front.kata_pengantar[1])
    assert str(front.kata_pengantar[2]).count("<li>") == 4
    assert front.signature.jabatan == "KEPALA DINAS TENAGA KERJA DAN SOSIAL KOTA BALIKPAPAN"
    assert (front.signature.tempat, front.signature.tanggal) == ("Balikpapan", "Februari 2017")


def test_the_logo_is_embedded_as_a_data_uri(seed_path, tmp_path):
    folder = tmp_path / "ds"
    shutil.copytree(seed_path, folder)
    png = Image.new("RGB", (4, 3), "red")
    png.save(folder / "logo.png")
    profil = folder / "profil.yaml"
    profil.write_text(profil.read_text().replace("logo: null", "logo: logo.png"))
    uri = front_matter(load_dataset(folder), 2016).logo
    assert uri == "data:image/png;base64," + base64.b64encode((folder / "logo.png").read_bytes()).decode()
