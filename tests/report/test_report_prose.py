"""Prose cells: the vocabulary of placeholders, documented as it is, rendered safely."""

from __future__ import annotations

from pathlib import Path

import pytest

from lkjipkit import load_dataset
from lkjipkit.config import default_dataset
from lkjipkit.report.prose import BEGIN, END, VOCABULARY, PlaceholderError, lookup, reference, render_prose, vocabulary

DOCS = Path(__file__).resolve().parents[2] / "docs" / "report-html.md"


@pytest.fixture(scope="module")
def names():
    ds = load_dataset(default_dataset())
    return vocabulary(ds, 2016)


def _flat(tree, prefix=""):
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from _flat(value, name + ".")
        else:
            yield name


def test_the_vocabulary_is_what_it_documents(names):
    documented = {n.name for n in VOCABULARY}
    iku = {k for k in names["iku"]}
    made = {n if not any(n.startswith(f"iku.{c}.") for c in iku) else "iku.KODE." + n.split(".")[-1]
            for n in _flat(names)}  # fmt: skip
    assert made == documented


def test_the_seed_values_are_computed_and_formatted_the_indonesian_way(names):
    assert lookup(names, "iku.KODE.capaian", "IKU1") == "73,53 %"
    assert names["anggaran"]["serapan"] == "92,59 %"
    assert names["anggaran"]["pagu_murni"] == "Rp 16.935.245.186"
    assert names["ringkasan"]["jumlah_iku"] == "enam"


def test_docs_list_the_vocabulary():
    text = DOCS.read_text(encoding="utf-8")
    assert BEGIN in text and END in text
    assert reference() in text, "run: python -m lkjipkit.report.prose --write"


def test_values_print_as_themselves_and_raw_html_never_runs():
    html = render_prose("**{{ x }}** <script>alert(1)</script>", {"x": "1. *a* <b>"}, where="nb, cell 1")
    assert str(html) == "<p><strong>1. *a* &lt;b&gt;</strong> &lt;script&gt;alert(1)&lt;/script&gt;</p>"


def test_no_headings_no_images_in_prose():
    html = str(render_prose("# Judul\n\n![x](http://example.org/x.png)", {}, where="nb, cell 1"))
    assert "<h1" not in html and "<img" not in html


@pytest.mark.parametrize(
    "text, needle",
    [("{{ anggaran.serapn }}", "serapn"), ("{{ nama_tak_ada }}", "nama_tak_ada"), ("{% if %}", "")],
)
def test_an_unknown_name_or_a_broken_template_names_the_cell(names, text, needle):
    with pytest.raises(PlaceholderError) as err:
        render_prose(text, names, where="02_perencanaan_kinerja, cell 7")
    assert str(err.value).startswith("02_perencanaan_kinerja, cell 7: ") and needle in str(err.value)


def test_the_sandbox_refuses_reaching_python_internals(names):
    with pytest.raises(PlaceholderError):
        render_prose("{{ tahun.__class__.__mro__ }}", names, where="nb, cell 1")


def test_the_guide_s_example_paragraph_resolves(names):
    guide = (Path(__file__).resolve().parents[2] / "notebooks" / "README.md").read_text(encoding="utf-8")
    example = guide.split("## Add a paragraph with a live number")[1].split("```markdown\n")[1].split("```")[0]
    html = str(render_prose(example, names, where="README"))
    assert "Pada tahun 2016, dua dari enam IKU" in html and "serapan\nanggaran 92,59 % (Rp 7.016.295.114" in html
